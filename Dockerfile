# tidb-sync as a Fivetran partner-SDK connector (`tidb-sync serve`), on a Java 21 runtime.
#   docker build -t tidb-sync .
#   docker run --rm -p 50051:50051 tidb-sync            (the connector listens on port 50051)
# Checked with hadolint (scripts/lint-dockerfile); it could not be built where it was written: no
# Docker engine there.

# Build stage: the fat jar from source, with the Maven wrapper.
FROM eclipse-temurin:21-jdk-noble AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q --no-transfer-progress -pl app -am -DskipTests package

# Runtime stage: the jar, the launcher, an unprivileged user.
FROM eclipse-temurin:21-jre-noble
RUN groupadd --system --gid 10001 tidbsync && useradd --system --uid 10001 --gid tidbsync --home-dir /var/lib/tidb-sync --create-home tidbsync
COPY --from=build /src/app/target/tidb-sync.jar /opt/tidb-sync/lib/tidb-sync.jar
COPY --from=build /src/bin/tidb-sync /opt/tidb-sync/bin/tidb-sync
USER 10001:10001
WORKDIR /var/lib/tidb-sync
ENV XDG_CACHE_HOME=/var/lib/tidb-sync/.cache
# serve runs long: the launcher's fast-start layout (a 110 MB copy of the jar and DuckDB's library,
# made at the first start) would cost more than the 0.3 s per start it saves.
ENV TIDBSYNC_LAYOUT=0
EXPOSE 50051
HEALTHCHECK --interval=30s --timeout=5s CMD ["/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/50051"]
ENTRYPOINT ["/opt/tidb-sync/bin/tidb-sync", "serve"]
CMD ["--port", "50051"]
