package io.tidbsync.source.tidb;

import static java.util.Objects.requireNonNull;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.table;

import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.CursorPosition;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.port.ReadRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.RowN;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The SQL tidb-sync sends, built with jOOQ: every identifier quoted, every value a bind parameter.
 * Seek predicates are written out with a redundant leading {@code >=}, which lets every
 * MySQL-protocol optimizer use a range scan on the cursor (or key) index.
 */
final class KeysetQuery {
  private static final DateTimeFormatter MYSQL_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

  private final String database;

  KeysetQuery(String database) {
    this.database = requireNonNull(database, "database is null");
  }

  private Table<?> table(TableSchema schema) {
    return DSL.table(name(database, schema.table().name()));
  }

  private static List<Field<Object>> keyFields(TableSchema schema) {
    List<Field<Object>> key = new ArrayList<>();
    for (String column : schema.primaryKey()) {
      key.add(field(name(column)));
    }
    return key;
  }

  private static List<Field<?>> allFields(TableSchema schema) {
    List<Field<?>> columns = new ArrayList<>(schema.columns().size());
    for (ColumnSpec column : schema.columns()) {
      columns.add(field(name(column.name())));
    }
    return columns;
  }

  Query page(DSLContext sql, ReadRequest request) {
    TableSchema schema = request.schema();
    if (request.scan() == io.tidbsync.domain.port.Scan.EVERY_ROW) {
      return everyRow(sql, schema);
    }
    List<Field<Object>> key = keyFields(schema);
    List<SortField<?>> order = new ArrayList<>();
    Condition where;
    switch (request.scan()) {
      case CURSOR -> {
        Field<Object> cursor = field(name(schema.cursor().orElseThrow()));
        order.add(cursor.asc());
        where = request.after().map(p -> cursorSeek(cursor, key, p)).orElse(cursor.isNotNull());
        if (request.upTo().isPresent()) {
          where = where.and(cursor.le(bindable(request.upTo().get())));
        }
      }
      case NULL_CURSOR -> {
        Field<Object> cursor = field(name(schema.cursor().orElseThrow()));
        where = cursor.isNull().and(request.after().map(p -> keySeek(key, p.key())).orElse(DSL.trueCondition()));
      }
      case ALL_BY_KEY -> {
        where = request.after().map(p -> keySeek(key, p.key())).orElse(DSL.noCondition());
        if (request.until().isPresent()) {
          where = where.and(keyUntil(key, request.until().get()));
        }
      }
      default -> throw new IllegalStateException();
    }
    key.forEach(k -> order.add(k.asc()));
    return sql.select(allFields(schema)).from(table(schema)).where(where).orderBy(order).limit(request.limit());
  }

  /** Rows (or only their key columns) whose key is one of {@code keys}. */
  Query byKeys(DSLContext sql, TableSchema schema, List<List<Object>> keys, boolean keyColumnsOnly) {
    List<Field<Object>> key = keyFields(schema);
    List<Field<?>> select = keyColumnsOnly ? new ArrayList<>(key) : allFields(schema);
    Condition where;
    if (key.size() == 1) {
      List<Object> values = new ArrayList<>(keys.size());
      keys.forEach(k -> values.add(bindable(k.get(0))));
      where = key.get(0).in(values);
    } else {
      List<RowN> rows = new ArrayList<>(keys.size());
      for (List<Object> k : keys) {
        Object[] values = new Object[k.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = bindable(k.get(i));
        }
        rows.add(row(values));
      }
      where = row(key.toArray(Field[]::new)).in(rows);
    }
    return sql.select(select).from(table(schema)).where(where);
  }

  /** The server's estimate of the table's row count (statistics, no scan). */
  Query estimatedRows(DSLContext sql, TableSchema schema) {
    return sql.select(field(name("TABLE_ROWS"))).from(DSL.table(name("information_schema", "TABLES")))
        .where(field(name("TABLE_SCHEMA")).eq(database).and(field(name("TABLE_NAME")).eq(schema.table().name())));
  }

  /** MIN and MAX of a single-column key. */
  Query keyBounds(DSLContext sql, TableSchema schema) {
    Field<Object> key = field(name(schema.primaryKey().get(0)));
    return sql.select(DSL.min(key), DSL.max(key)).from(table(schema));
  }

  /** One key value that two or more rows share, with how many: {@code GROUP BY key HAVING COUNT(*) > 1 LIMIT 1}. */
  Query sharedKey(DSLContext sql, TableSchema schema) {
    List<Field<Object>> key = keyFields(schema);
    List<Field<?>> select = new ArrayList<>(key);
    select.add(count());
    return sql.select(select).from(table(schema)).groupBy(key).having(count().gt(1)).limit(1);
  }

  /** A row whose key has a NULL in it (its key values), if any. */
  Query nullKey(DSLContext sql, TableSchema schema) {
    List<Field<Object>> key = keyFields(schema);
    Condition anyNull = DSL.falseCondition();
    for (Field<Object> part : key) {
      anyNull = anyNull.or(part.isNull());
    }
    return sql.select(key).from(table(schema)).where(anyNull).limit(1);
  }

  /** Every row, in no order, in one stream: a table without any key. */
  Query everyRow(DSLContext sql, TableSchema schema) {
    return sql.select(allFields(schema)).from(table(schema));
  }

  /** The greatest cursor value at most {@code upTo}: one dive into the cursor index. */
  Query maxCursor(DSLContext sql, TableSchema schema, Object upTo) {
    Field<Object> cursor = field(name(schema.cursor().orElseThrow()));
    return sql.select(DSL.max(cursor)).from(table(schema)).where(cursor.le(bindable(upTo)));
  }

  Query countNullCursor(DSLContext sql, TableSchema schema) {
    return sql.select(count()).from(table(schema)).where(field(name(schema.cursor().orElseThrow())).isNull());
  }

  private static Condition cursorSeek(Field<Object> cursor, List<Field<Object>> key, CursorPosition position) {
    Object value = bindable(position.cursor());
    if (position.inclusive()) {
      return cursor.ge(value);
    }
    Condition strict = cursor.gt(value).or(cursor.eq(value).and(strictlyAfter(key, position.key(), 0)));
    return cursor.ge(value).and(strict);
  }

  private static Condition keySeek(List<Field<Object>> key, List<Object> after) {
    return key.get(0).ge(bindable(after.get(0))).and(strictlyAfter(key, after, 0));
  }

  /** Keys at most {@code until}, with a redundant leading {@code k_1 <= v_1} for the range scan. */
  private static Condition keyUntil(List<Field<Object>> key, List<Object> until) {
    return key.get(0).le(bindable(until.get(0))).and(notAfter(key, until, 0));
  }

  /** {@code k_i < v_i OR (k_i = v_i AND (... k_n <= v_n))}: the row comparison {@code <=}, spelled out. */
  private static Condition notAfter(List<Field<Object>> key, List<Object> values, int from) {
    Object value = bindable(values.get(from));
    if (from == key.size() - 1) {
      return key.get(from).le(value);
    }
    return key.get(from).lt(value).or(key.get(from).eq(value).and(notAfter(key, values, from + 1)));
  }

  /** {@code k_i > v_i OR (k_i = v_i AND (k_i+1 > v_i+1 OR ...))}: the row comparison, spelled out. */
  private static Condition strictlyAfter(List<Field<Object>> key, List<Object> values, int from) {
    Object value = bindable(values.get(from));
    Condition greater = key.get(from).gt(value);
    if (from == key.size() - 1) {
      return greater;
    }
    return greater.or(key.get(from).eq(value).and(strictlyAfter(key, values, from + 1)));
  }

  /**
   * Temporal values bind as MySQL text with six fraction digits: mysql-connector-j drops the
   * fraction of a bound {@code LocalDateTime} when the server reports an old version (MariaDB
   * says "5.5.5-10.x"), which would break ties between rows microseconds apart. The session runs
   * in UTC, so instants bind as their UTC wall-clock time.
   */
  static Object bindable(Object value) {
    return switch (value) {
      case Instant instant -> MYSQL_DATE_TIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
      case LocalDateTime dateTime -> MYSQL_DATE_TIME.format(dateTime);
      case LocalDate date -> date.toString();
      default -> value;
    };
  }
}
