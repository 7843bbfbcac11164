"""One dlt run of one table into a DuckDB file, as the bench's peer: sql_database's sql_table with
the chosen backend, merged on the key, incremental on the cursor (dlt keeps the cursor in its
pipeline folder, so running it again is the incremental run). Connection details come from the
environment (BENCH_SOURCE_URL, a SQLAlchemy URL), never from the command line, so the password is
not in the process list."""
import argparse
import os

import dlt
from dlt.sources.sql_database import sql_table

parser = argparse.ArgumentParser()
parser.add_argument("--table", required=True)
parser.add_argument("--backend", required=True, choices=["pyarrow", "sqlalchemy", "connectorx", "pandas"])
parser.add_argument("--duckdb", required=True)
parser.add_argument("--pipelines-dir", required=True)
parser.add_argument("--key", default="id")
parser.add_argument("--cursor", default="created_at")
args = parser.parse_args()

resource = sql_table(
    credentials=os.environ["BENCH_SOURCE_URL"],
    table=args.table,
    backend=args.backend,
    incremental=dlt.sources.incremental(args.cursor),
)
resource.apply_hints(primary_key=args.key, write_disposition="merge")
pipeline = dlt.pipeline(
    pipeline_name="bench_" + args.table + "_" + args.backend,
    destination=dlt.destinations.duckdb(args.duckdb),
    dataset_name="bench",
    pipelines_dir=args.pipelines_dir,
)
info = pipeline.run(resource)
print(info)
