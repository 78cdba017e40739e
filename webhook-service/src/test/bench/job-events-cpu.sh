#!/usr/bin/env bash
# CPU of webhook-service per job event, consumed from a real Kafka broker with a real PostgreSQL (private instances
# on ports moved by LAMINA_TEST_PORT_OFFSET), with the launcher's default JVM options. Not a test: run it by hand
# under the shared lock, e.g.
#   LAMINA_TEST_PORT_OFFSET=500 flock /work/wt/heavy.lock webhook-service/src/test/bench/job-events-cpu.sh \
#     /tmp/before-quarkus-app webhook-service/target/quarkus-app
# For each packaged service (a quarkus-app directory) given: a fresh database, the service started and ready, then
# JobEventsCpu.java: idle CPU per second, then jobs at a steady rate (5 records per job, tenants without endpoints or
# webhook_url, as in the jobs benchmark, plus 4 billing records per job on lamina.billing.events: the reservation and
# 3 captures), then a burst of jobs published at once.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
(( $# > 0 )) || { echo "usage: $0 <quarkus-app dir>..." >&2; exit 2; }
OFF=${LAMINA_TEST_PORT_OFFSET:-0}
KPORT=$((47092 + OFF)); KCPORT=$((47093 + OFF)); PGPORT=$((57433 + OFF)); SVCPORT=$((28686 + OFF))
RATE=${RATE:-25}; STEADY_JOBS=${STEADY_JOBS:-750}; BURST_JOBS=${BURST_JOBS:-4000}; IDLE=${IDLE:-20}
JAVA_OPTS=${JAVA_OPTS:-"-Xms16m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=48m -Xss512k"}

LAMINA_ROOT=$ROOT
DEPLOY_DIR=$ROOT/deploy/local
STATE_DIR=$ROOT/.lamina
# shellcheck disable=SC1091
source "$DEPLOY_DIR/lib/common.sh"; source "$DEPLOY_DIR/lib/kafka.sh"; source "$DEPLOY_DIR/lib/postgres.sh"
ensure_kafka_jars
WORK=$(mktemp -d /var/tmp/lamina-webhook-cpu.XXXXXX)
chmod 755 "$WORK"
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
mkdir "$WORK/pg" && chown postgres "$WORK/pg" && chmod 700 "$WORK/pg" && chown postgres "$WORK"
SVC_PID=""; KAFKA_PID=""
cleanup() {
  if [[ -n $SVC_PID ]]; then kill "$SVC_PID" 2>/dev/null || true; wait "$SVC_PID" 2>/dev/null || true; fi
  if [[ -n $KAFKA_PID ]]; then kill "$KAFKA_PID" 2>/dev/null || true; wait "$KAFKA_PID" 2>/dev/null || true; fi
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

mkdir -p "$WORK/kafka/data"
write_kafka_properties "$WORK/kafka/server.properties" "$WORK/kafka/data" "$KPORT" "$KCPORT"
bash "$DEPLOY_DIR/kafka/run-broker.sh" "$KAFKA_LIB" "$WORK/kafka/server.properties" >"$WORK/kafka.log" 2>&1 &
KAFKA_PID=$!
runuser -u postgres -- "$PG_BIN/initdb" -D "$WORK/pg" -U postgres -A trust >/dev/null
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -w -l "$WORK/pg.log" -o \
  "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
for _ in $(seq 1 180); do port_open "$KPORT" && break; sleep 0.5; done
port_open "$KPORT" || { echo "Kafka did not start"; tail -20 "$WORK/kafka.log"; exit 1; }

n=0
for app in "$@"; do
  n=$((n + 1))
  app=$(cd "$app" && pwd)
  psql -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -c "create database cpu$n"
  QUARKUS_HTTP_PORT=$SVCPORT QUARKUS_HTTP_HOST=127.0.0.1 KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KPORT \
    LAMINA_DB_PORT=$PGPORT LAMINA_DB_NAME=cpu$n LAMINA_DB_USER=postgres LAMINA_WEBHOOKS_ALLOWED_HOSTS=127.0.0.1 \
    java $JAVA_OPTS -jar "$app/quarkus-run.jar" >"$WORK/service$n.log" 2>&1 &
  SVC_PID=$!
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$SVCPORT/q/health/ready" >/dev/null && break; sleep 0.5; done
  curl -sf "http://127.0.0.1:$SVCPORT/q/health/ready" >/dev/null || { echo "service did not start"; tail -30 "$WORK/service$n.log"; exit 1; }
  echo "== $app (pid $SVC_PID, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  run() { java -cp "$app/lib/main/*" "$HERE/JobEventsCpu.java" "127.0.0.1:$KPORT" "$SVC_PID" "$@"; }
  threads() { for t in /proc/"$SVC_PID"/task/*; do
      echo "${t##*/} $(tr ' ' '_' <"$t/comm") $(awk '{ print $14 + $15 }' "$t/stat")"; done | sort -k1,1; }
  sleep 10; threads >"$WORK/t0"; sleep 20; threads >"$WORK/t1"
  echo "-- idle CPU by thread over 20 s (ms; threads with any):"
  join "$WORK/t0" "$WORK/t1" | awk '{ d = ($5 - $3) * 10; if (d > 0) printf "   %-24s %5d\n", $2, d }' | sort -k2 -nr
  echo "-- warm-up: 500 jobs unpaced"; run 500 0 1 | tail -1
  echo "-- steady: $STEADY_JOBS jobs at $RATE jobs/s"; run "$STEADY_JOBS" "$RATE" "$IDLE"
  echo "-- burst: $BURST_JOBS jobs at once"; run "$BURST_JOBS" 0 1 | tail -2
  echo "-- dead letters"; run dlq
  stored=$(psql -At -h 127.0.0.1 -p "$PGPORT" -U postgres -d cpu$n -c "select count(*) from webhook.messages")
  dlq=$(grep -ci "dead letter" "$WORK/service$n.log" || true)
  echo "   messages stored: $stored (tenants have no endpoints: expected 0); log lines about dead letters: $dlq"
  kill "$SVC_PID"; wait "$SVC_PID" 2>/dev/null || true; SVC_PID=""
done
