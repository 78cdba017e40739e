#!/usr/bin/env bash
# Deliveries per second of webhook-service to a fast loopback receiver, signed (Standard Webhooks HMAC) and logged
# (one attempt row and one status change per delivery in PostgreSQL), side by side with ApacheBench (`ab`) POSTing the
# same body to the same receiver with the same concurrency, unsigned and unlogged: the ratio is what signing, the
# durable schedule and the delivery log cost.
#
# usage: webhook-service/bench/run.sh [deliveries (default 20000)] [concurrency (default 8)]
# Needs the packaged service (mvn -pl webhook-service package), PostgreSQL binaries and ab (apache2-utils).
set -euo pipefail
N=${1:-20000}
C=${2:-8}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
JAR="$HERE/../target/quarkus-app/quarkus-run.jar"
[[ -f $JAR ]] || { echo "missing $JAR: mvn -B -o -q -pl webhook-service package -Dmaven.test.skip=true" >&2; exit 1; }
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
OFFSET=${LAMINA_TEST_PORT_OFFSET:-0}
PG_PORT=$((56500 + OFFSET)); SVC_PORT=$((28586 + OFFSET)); RCV_PORT=$((28587 + OFFSET))
WORK=$(mktemp -d /var/tmp/lamina-webhook-bench.XXXXXX)
chmod 755 "$WORK"
mkdir "$WORK/pg" && chown postgres "$WORK/pg" && chmod 700 "$WORK/pg"
chown postgres "$WORK"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== PostgreSQL on 127.0.0.1:$PG_PORT (fsync off), receiver on :$RCV_PORT, webhook-service on :$SVC_PORT"
runuser -u postgres -- "$PG_BIN/initdb" -D "$WORK/pg" -U postgres -A trust >/dev/null
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -w -l "$WORK/pg.log" -o \
  "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
psql_() { PGOPTIONS="-c search_path=webhook" psql -q -At -h 127.0.0.1 -p "$PG_PORT" -U postgres -d bench "$@"; }
psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "create database bench"

java "$HERE/Receiver.java" "$RCV_PORT" >"$WORK/receiver.log" 2>&1 &
PIDS+=($!)

# Kafka is not part of the delivery path measured here: the service starts without a broker (its consumers retry in
# the background) and the messages are written straight into its schema. Made due by SQL, nothing wakes the
# dispatcher: a poll interval of 500 ms bounds when it notices them (as it did before the default became 5 s).
QUARKUS_HTTP_PORT=$SVC_PORT QUARKUS_HTTP_HOST=127.0.0.1 KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$((PG_PORT + 1)) \
  LAMINA_DB_PORT=$PG_PORT LAMINA_DB_NAME=bench LAMINA_WEBHOOKS_ALLOWED_HOSTS=127.0.0.1 \
  LAMINA_INTERNAL_TOKEN="lam_internal_bench_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
  LAMINA_WEBHOOKS_CONCURRENCY=$C LAMINA_WEBHOOKS_POLL_INTERVAL=500ms QUARKUS_LOG_LEVEL=WARN QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL=OFF \
  java -Xmx512m -jar "$JAR" >"$WORK/service.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$SVC_PORT/q/health/live" >/dev/null && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$SVC_PORT/q/health/live" >/dev/null || { echo "webhook-service did not start:"; tail -20 "$WORK/service.log"; exit 1; }
BODY='{"type":"job.completed","timestamp":"2026-01-01T00:00:00Z","data":{"job_id":"job_bench","tenant_id":"bench","status":"succeeded","steps":[{"step_id":"report","operation":"sheet_generation","status":"succeeded","output":{"file_id":"f_1","name":"sheet.csv","mime_type":"text/csv","size":52}}]}}'
printf '%s' "$BODY" >"$WORK/body.json"

# Stores n messages with one due delivery each (a job webhook_url), then waits until all are delivered; prints
# deliveries/s from the moment they became due to the last one recorded as delivered.
run_batch() { # <label> <n>
  local label=$1 n=$2 start end
  psql_ -c "insert into messages (id, tenant_id, job_id, event_type, payload, created_at)
            select 'msg_${label}_' || g, 'bench', 'job_' || g, 'job.completed', '$BODY', now()
            from generate_series(1, $n) g;
            insert into deliveries (message_id, destination, url, status, next_attempt_at, created_at)
            select 'msg_${label}_' || g, 'job_url', 'http://127.0.0.1:$RCV_PORT/hook', 'pending', 'infinity', now()
            from generate_series(1, $n) g;"
  start=$(date +%s.%N)
  psql_ -c "update deliveries set next_attempt_at = now() where message_id like 'msg_${label}_%'"
  until [[ $(psql_ -c "select count(*) from deliveries where status = 'delivered' and message_id like 'msg_${label}_%'") -ge $n ]]; do
    sleep 0.05
  done
  end=$(date +%s.%N)
  echo "$n / ($end - $start)" | bc -l
}

WARM=$(( N / 5 ))
echo "== warm-up: $WARM deliveries"
run_batch warm "$WARM" >/dev/null
echo "== webhook-service: $N signed, logged deliveries, concurrency $C"
LAMINA=$(run_batch main "$N")
attempts=$(psql_ -c "select count(*) from attempts a join deliveries d on d.id = a.delivery_id where d.message_id like 'msg_main_%' and a.response_status = 204")
echo "== ab: $N plain POSTs of the same body, concurrency $C"
ab -q -k -n "$WARM" -c "$C" -p "$WORK/body.json" -T application/json "http://127.0.0.1:$RCV_PORT/hook" >/dev/null
BASE=$(ab -q -k -n "$N" -c "$C" -p "$WORK/body.json" -T application/json "http://127.0.0.1:$RCV_PORT/hook" \
  | awk '/Requests per second/ {print $4}')
echo
printf '%-46s %10.0f deliveries/s  (%s attempts logged with 204)\n' "webhook-service (signed, logged, durable)" "$LAMINA" "$attempts"
printf '%-46s %10.0f requests/s\n' "ab -k (plain POST, keep-alive, same receiver)" "$BASE"
printf '%-46s %10.2f\n' "ratio webhook-service / ab" "$(echo "$LAMINA / $BASE" | bc -l)"
