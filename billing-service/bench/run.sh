#!/usr/bin/env bash
# Billing throughput. Produces <jobs> jobs (job.submitted + step.succeeded + job.completed, over <tenants> tenants) to
# lamina.jobs.events on a private Kafka, starts the packaged billing-service against a private PostgreSQL, and measures
# how many job events per second it applies (reserve + capture + release: inbox row, ledger line, grant debits, usage
# row and outbox record of each, exactly once, in one transaction per consumed batch), next to two baselines on the
# same machine:
#   - plain JDBC: the same rows (inbox, ledger, outbox, reservation) inserted into the same PostgreSQL, one
#     transaction per event, single-threaded like billing's consumer;
#   - raw Kafka: a plain consumer reading the same records of the same topic.
# The rate is taken from the start of billing's first batch transaction to the moment its last ledger line is seen
# committed (BillingBench.billing), so billing's start-up time does not count; billing consumes a topic that was
# produced while it was stopped, and runs with the JVM options the launcher gives it.
# Usage: billing-service/bench/run.sh [jobs=5000] [tenants=20]   (or ./lamina bench billing [jobs] [tenants])
set -euo pipefail
LAMINA_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DEPLOY_DIR=$LAMINA_ROOT/deploy/local
STATE_DIR=$LAMINA_ROOT/.lamina
# shellcheck source=/dev/null
for lib in common prereqs kafka postgres services; do source "$DEPLOY_DIR/lib/$lib.sh"; done

JOBS=${1:-5000}
TENANTS=${2:-20}
EVENTS=$((JOBS * 3))
OFFSET=${LAMINA_TEST_PORT_OFFSET:-0}
KAFKA_PORT=$((47092 + OFFSET)) KAFKA_CPORT=$((47093 + OFFSET)) PG_PORT=$((57433 + OFFSET)) HTTP_PORT=$((47085 + OFFSET))
BENCH_DIR=$STATE_DIR/bench/billing
JAR=$LAMINA_ROOT/billing-service/target/quarkus-app/quarkus-run.jar
[[ -f $JAR ]] || die "build billing-service first: mvn -B -o -q package -Dmaven.test.skip=true -pl contracts,billing-service"

find_pg_bin || ensure_postgres
ensure_kafka_jars
BENCH_PG=$(pg_home "$BENCH_DIR/pg")
kafka_stop "$BENCH_DIR/kafka" "$BENCH_DIR/run/kafka.pid"
pg_stop "$BENCH_PG" "$BENCH_DIR/run/postgres.pid"
rm -rf "$BENCH_DIR/kafka" "$BENCH_PG" "$BENCH_DIR/run" "$BENCH_DIR/logs"
mkdir -p "$BENCH_DIR/run" "$BENCH_DIR/logs"

cleanup() {
  stop_processes 20 billing-service "$BENCH_DIR/run/billing.pid" "$JAR"
  kafka_stop "$BENCH_DIR/kafka" "$BENCH_DIR/run/kafka.pid"
  pg_stop "$BENCH_PG" "$BENCH_DIR/run/postgres.pid"
}
trap cleanup EXIT

kafka_start "$BENCH_DIR/kafka" "$KAFKA_PORT" "$KAFKA_CPORT" "$BENCH_DIR/logs/kafka.log" "$BENCH_DIR/run/kafka.pid"
# The local run's durability settings (fsync on): what a deployment would see.
# BILLING_BENCH_PG_SETTINGS (profiling only, e.g. shared_preload_libraries=pg_stat_statements) adds server settings.
# shellcheck disable=SC2086
pg_start "$BENCH_PG" "$PG_PORT" "$BENCH_DIR/logs/postgres.log" "$BENCH_DIR/run/postgres.pid" ${BILLING_BENCH_PG_SETTINGS:-}
pg_ensure_database "$PG_PORT" lamina
kafka_wait "$KAFKA_PORT" "$BENCH_DIR/logs/kafka.log" "$BENCH_DIR/run/kafka.pid"

# The bench program runs with the Kafka client and JDBC driver billing-service itself ships.
LIB=$LAMINA_ROOT/billing-service/target/quarkus-app/lib/main
CP=""
for pattern in kafka-clients postgresql-4 zstd-jni lz4-java snappy-java slf4j-api; do
  for jar in "$LIB"/*"$pattern"*.jar; do
    name=${jar##*/}
    [[ -f $jar && $name != *quarkus* && $name != *flyway* ]] && CP+="$jar:"
  done
done
# Compiled once, up front: run from source, each step would first compile it (a few CPU-seconds of javac), and the
# waiting step would do so while billing consumes, taking CPU from the service it measures.
mkdir -p "$BENCH_DIR/classes"
javac -nowarn -cp "$CP" -d "$BENCH_DIR/classes" "$LAMINA_ROOT/billing-service/bench/BillingBench.java"
bench() { java -cp "$BENCH_DIR/classes:$CP" BillingBench "$@" 2>>"$BENCH_DIR/logs/bench.log"; }
JDBC="jdbc:postgresql://127.0.0.1:$PG_PORT/lamina?currentSchema=billing"

# billing-service runs with the JVM options the launcher gives it (deploy/local/lib/services.sh: LAMINA_JAVA_OPTS, else
# billing-service/jvm.options, else the launcher's default). BILLING_BENCH_JAVA_OPTS (profiling only, e.g.
# -XX:StartFlightRecording=...) is added to them.
BILLING_JAVA_OPTS=$DEFAULT_JAVA_OPTS
[[ -f $LAMINA_ROOT/billing-service/jvm.options ]] && BILLING_JAVA_OPTS=$(<"$LAMINA_ROOT/billing-service/jvm.options")
BILLING_JAVA_OPTS="${LAMINA_JAVA_OPTS:-$BILLING_JAVA_OPTS} ${BILLING_BENCH_JAVA_OPTS:-}"
# billing's REST API (the grants below) answers only callers with its internal token: one for this run.
INTERNAL_TOKEN=$(random_token lam_internal)
info "Starting billing-service ($BILLING_JAVA_OPTS) and granting every tenant enough credits"
# shellcheck disable=SC2086 # the options are words
launch "$BENCH_DIR/run/billing.pid" "$BENCH_DIR/logs/billing-service.log" \
  env QUARKUS_HTTP_PORT="$HTTP_PORT" KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" LAMINA_DB_PORT="$PG_PORT" \
  LAMINA_INTERNAL_TOKEN="$INTERNAL_TOKEN" java $BILLING_JAVA_OPTS -jar "$JAR"
for _ in $(seq 1 900); do
  curl -fsS "http://127.0.0.1:$HTTP_PORT/q/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
for t in $(seq 0 $((TENANTS - 1))); do
  printf 'header = "Authorization: Bearer %s"\n' "$INTERNAL_TOKEN" | curl -fsS --config - \
    -H 'content-type: application/json' "http://127.0.0.1:$HTTP_PORT/internal/accounts/bench-tenant-$t/grants" \
    -d "{\"grant_id\":\"bench-$t\",\"amount\":$((JOBS * 10))}" >/dev/null
done

# Billing is stopped while the log is produced, so that it then reads a topic that is already full, like the raw
# Kafka baseline: the figure is billing's own rate, not the producer's (which, on a loaded machine, is slower).
stop_processes 20 billing-service "$BENCH_DIR/run/billing.pid" "$JAR"
info "Producing $JOBS jobs ($EVENTS events) over $TENANTS tenants to lamina.jobs.events"
bench produce "127.0.0.1:$KAFKA_PORT" lamina.jobs.events "$JOBS" "$TENANTS"
profile_statements() { [[ ${BILLING_BENCH_PG_SETTINGS:-} == *pg_stat_statements* ]]; }
psql_bench() { "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d lamina "$@"; }
if profile_statements; then
  psql_bench -c "create extension if not exists pg_stat_statements" -c "select pg_stat_statements_reset()" >/dev/null
fi
info "Restarting billing-service on the full topic"
# shellcheck disable=SC2086 # the options are words
launch "$BENCH_DIR/run/billing.pid" "$BENCH_DIR/logs/billing-service.log" \
  env QUARKUS_HTTP_PORT="$HTTP_PORT" KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" LAMINA_DB_PORT="$PG_PORT" \
  LAMINA_INTERNAL_TOKEN="$INTERNAL_TOKEN" java $BILLING_JAVA_OPTS -jar "$JAR"

info "Waiting for billing to apply all $EVENTS events"
billing_out=$(bench billing "$JDBC" "$EVENTS")
if profile_statements; then
  psql_bench -c "select calls, rows, round(total_exec_time::numeric, 1) as ms, left(regexp_replace(query, '\s+', ' ', 'g'), 110) as query
    from pg_stat_statements order by total_exec_time desc limit 40" >"$BENCH_DIR/logs/pg_stat_statements.txt"
fi
stop_processes 20 billing-service "$BENCH_DIR/run/billing.pid" "$JAR"

info "Baseline 1: raw Kafka consume of the same $EVENTS records"
kafka_out=$(bench kafka "127.0.0.1:$KAFKA_PORT" lamina.jobs.events "$EVENTS")
info "Baseline 2: the same rows with plain JDBC inserts, one transaction per event"
jdbc_out=$(bench jdbc "jdbc:postgresql://127.0.0.1:$PG_PORT/lamina" "$JOBS" "$TENANTS")

val() { sed -n "s/.*\b$1=\([0-9.]*\).*/\1/p" <<<"$2"; }
b=$(val billing_rate "$billing_out"); k=$(val kafka_rate "$kafka_out"); j=$(val jdbc_rate "$jdbc_out")
echo
echo "$billing_out"
echo "$kafka_out"
echo "$jdbc_out"
echo
printf '%-58s %12s\n' "what ($JOBS jobs, $EVENTS events, $TENANTS tenants, $(nproc) cores)" "events/s"
printf '%-58s %12s\n' "billing-service: reserve + capture + release, exactly once" "$b"
printf '%-58s %12s   ratio billing/jdbc %s\n' "plain JDBC inserts of the same rows (1 tx per event)" "$j" \
  "$(python3 -c "print(f'{$b/$j:.2f}')")"
printf '%-58s %12s   ratio billing/kafka %s\n' "raw Kafka consume of the same topic" "$k" \
  "$(python3 -c "print(f'{$b/$k:.3f}')")"
