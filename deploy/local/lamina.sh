#!/usr/bin/env bash
# Lamina local launcher: a real single-node Kafka (KRaft) and PostgreSQL from this machine, then the seven services.
# Everything lives under <repo>/.lamina. See `./lamina help`.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
umask 022 # the postgres user must be able to traverse .lamina

DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LAMINA_ROOT="$(cd "$DEPLOY_DIR/../.." && pwd)"
STATE_DIR="$LAMINA_ROOT/.lamina"

source "$DEPLOY_DIR/lib/common.sh"
source "$DEPLOY_DIR/lib/prereqs.sh"
source "$DEPLOY_DIR/lib/kafka.sh"
source "$DEPLOY_DIR/lib/postgres.sh"
source "$DEPLOY_DIR/lib/services.sh"
source "$DEPLOY_DIR/lib/demo.sh"
source "$DEPLOY_DIR/lib/helm.sh"

# The local run (`up`).
KAFKA_PORT=39092
KAFKA_CONTROLLER_PORT=39093
KAFKA_HOME="$STATE_DIR/kafka"
PG_PORT=55432
RUN_DIR="$STATE_DIR/run"
LOG_DIR="$STATE_DIR/logs"

# The test run (`test`): own ports, own fresh data.
TEST_DIR="$STATE_DIR/test"
# LAMINA_TEST_PORT_OFFSET moves every test port, so that two checkouts can run their tests side by side.
TEST_PORT_OFFSET=${LAMINA_TEST_PORT_OFFSET:-0}
TEST_KAFKA_PORT=$((49092 + TEST_PORT_OFFSET))
TEST_KAFKA_CONTROLLER_PORT=$((49093 + TEST_PORT_OFFSET))
TEST_PG_PORT=$((55433 + TEST_PORT_OFFSET))
TEST_SERVICE_PORT_BASE=$((18080 + TEST_PORT_OFFSET))

usage() {
  cat <<EOF
Usage: ./lamina <command>

  up                  start Kafka, PostgreSQL and the services (building what is stale), bootstrap a demo tenant
                      and run a demo job; writes .lamina/local.env
  down                stop the services, Kafka and PostgreSQL started by 'up'
  status              one line per component
  logs <name> [--no-follow]
                      tail a log: kafka, postgres or a service (gateway-service or just gateway, ...)
  test [maven args]   run 'mvn -B verify' against a fresh Kafka (127.0.0.1:$TEST_KAFKA_PORT) and PostgreSQL
                      (127.0.0.1:$TEST_PG_PORT) started for the run, e.g. ./lamina test -pl contracts
  bench <service> [args]
                      run a service's benchmark (<service>/bench/run.sh: Lamina side by side with a named
                      baseline tool, printing the ratio), e.g. ./lamina bench sheet

Environment for 'up': LAMINA_SKIP_BUILD=1 (do not check the build), LAMINA_SKIP_SERVICES=1 (Kafka and PostgreSQL
only), LAMINA_SKIP_DEMO=1 (no demo tenant or job).
EOF
}

cmd_up() {
  local started
  started=$(now_ms)
  mkdir -p "$RUN_DIR" "$LOG_DIR" "$STATE_DIR/data/blobs"
  ensure_prereqs
  ensure_kafka_jars
  ensure_admin_key
  ensure_internal_token
  [[ ${LAMINA_SKIP_SERVICES:-0} == 1 ]] || build_if_stale

  kafka_start "$KAFKA_HOME" "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "$LOG_DIR/kafka.log" "$RUN_DIR/kafka.pid"
  local pg_dir
  pg_dir=$(pg_home "$STATE_DIR/pg")
  [[ $pg_dir == "$STATE_DIR/pg" ]] || warn "the postgres user cannot reach $STATE_DIR: PostgreSQL data goes to $pg_dir"
  pg_start "$pg_dir" "$PG_PORT" "$LOG_DIR/postgres.log" "$RUN_DIR/postgres.pid"
  pg_ensure_database "$PG_PORT" lamina
  kafka_wait "$KAFKA_PORT" "$LOG_DIR/kafka.log" "$RUN_DIR/kafka.pid"

  if [[ ${LAMINA_SKIP_SERVICES:-0} == 1 ]]; then
    info "LAMINA_SKIP_SERVICES=1: Kafka on 127.0.0.1:$KAFKA_PORT and PostgreSQL on 127.0.0.1:$PG_PORT are up ($(elapsed_since "$started"))"
    return 0
  fi

  info "Starting the services"
  local svc
  for svc in "${SERVICES[@]}"; do
    service_start "$svc"
  done
  services_wait_healthy

  local demo_rc=0
  if [[ ${LAMINA_SKIP_DEMO:-0} != 1 ]]; then
    demo_bootstrap
    write_local_env
    # A failed demo job still ends with the environment printed, then exits 1.
    set +e
    (set -e; demo_pipeline)
    demo_rc=$?
    set -e
    echo
    info "Local environment (.lamina/local.env; 'set -a; . .lamina/local.env; set +a' to use it):"
    cat "$LOCAL_ENV"
  fi
  echo
  if (( demo_rc != 0 )); then
    die "Lamina is up but the demo job failed (see above; logs: ./lamina logs gateway) — $(elapsed_since "$started")"
  fi
  info "Lamina is up in $(elapsed_since "$started"). './lamina status' shows it, './lamina down' stops it."
}

cmd_down() {
  info "Stopping the services"
  services_stop
  info "Stopping Kafka"
  kafka_stop "$KAFKA_HOME" "$RUN_DIR/kafka.pid"
  info "Stopping PostgreSQL"
  find_pg_bin || true
  pg_stop "$(pg_home "$STATE_DIR/pg")" "$RUN_DIR/postgres.pid"
  info "Stopped"
}

status_line() { # <name> <state> <pid> <port> <health>
  printf '%-20s %-8s %-8s %-6s %s\n' "$@"
}

cmd_status() {
  local pid health
  status_line COMPONENT STATE PID PORT HEALTH

  pid=$(read_pid "$RUN_DIR/kafka.pid")
  if pid_matches "$pid" "$KAFKA_HOME/server.properties"; then
    port_open "$KAFKA_PORT" && health="listening" || health="not listening"
    status_line kafka running "$pid" "$KAFKA_PORT" "$health"
  else
    status_line kafka stopped - "$KAFKA_PORT" -
  fi

  local pg_dir
  pg_dir=$(pg_home "$STATE_DIR/pg")
  pid=$(pg_pid "$pg_dir/data")
  if [[ -n $pid ]]; then
    if find_pg_bin && "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres; then
      health="accepting connections"
    else
      health="not accepting connections"
    fi
    status_line postgres running "$pid" "$PG_PORT" "$health"
  else
    status_line postgres stopped - "$PG_PORT" -
  fi

  local svc port code
  for svc in "${SERVICES[@]}"; do
    port=$(service_port "$svc")
    pid=$(read_pid "$(service_pidfile "$svc")")
    if pid_matches "$pid" "$(service_jar "$svc")"; then
      code=$(service_health_code "$port")
      case $code in
        200) health="ready" ;;
        000) health="not answering" ;;
        *) health="not ready (HTTP $code)" ;;
      esac
      status_line "$svc" running "$pid" "$port" "$health"
    else
      status_line "$svc" stopped - "$port" -
    fi
  done
}

cmd_logs() {
  local name="" follow=1 arg given
  for arg in "$@"; do
    case $arg in
      --no-follow) follow=0 ;;
      -*) die "unknown option: $arg" ;;
      *) name=$arg ;;
    esac
  done
  [[ -n $name ]] || die "usage: ./lamina logs <service|kafka|postgres> [--no-follow]"
  given=$name
  [[ $name == kafka || $name == postgres || $name == *-service ]] || name="$name-service"
  if [[ $name != kafka && $name != postgres && " ${SERVICES[*]} " != *" $name "* ]]; then
    die "no such log: $given. One of: kafka postgres ${SERVICES[*]}"
  fi
  local log="$LOG_DIR/$name.log"
  [[ -f $log ]] || die "no log yet: $log"
  if (( follow )); then
    exec tail -n 200 -f "$log"
  fi
  tail -n 200 "$log"
}

# Stops what `test` started; runs on every exit (success, failure, Ctrl-C).
test_cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  info "Stopping the test Kafka and PostgreSQL"
  kafka_stop "$TEST_DIR/kafka" "$TEST_DIR/run/kafka.pid"
  [[ -n ${TEST_PG_DIR:-} ]] && pg_stop "$TEST_PG_DIR" "$TEST_DIR/run/postgres.pid"
  info "./lamina test finished in $(elapsed_since "$TEST_STARTED") (exit status $rc)"
  exit "$rc"
}

cmd_test() {
  TEST_STARTED=$(now_ms)
  ensure_prereqs
  ensure_kafka_jars
  ensure_helm # for the chart checks (deploy/smoke-test)

  mkdir -p "$TEST_DIR"
  # One test run at a time per checkout: a second one would wipe the first one's data.
  exec 9>"$TEST_DIR/.lock"
  flock -n 9 || die "another './lamina test' is running in this checkout"

  TEST_PG_DIR=$(pg_home "$TEST_DIR/pg")
  [[ $TEST_PG_DIR == "$TEST_DIR/pg" ]] || note "the postgres user cannot reach $TEST_DIR: test PostgreSQL data goes to $TEST_PG_DIR"
  # Leftovers of a run that was killed hard: stop them before their data is wiped.
  kafka_stop "$TEST_DIR/kafka" "$TEST_DIR/run/kafka.pid"
  pg_stop "$TEST_PG_DIR" "$TEST_DIR/run/postgres.pid"

  trap test_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  rm -rf "$TEST_DIR/kafka" "$TEST_PG_DIR" "$TEST_DIR/logs" "$TEST_DIR/run"
  mkdir -p "$TEST_DIR/logs" "$TEST_DIR/run"
  kafka_start "$TEST_DIR/kafka" "$TEST_KAFKA_PORT" "$TEST_KAFKA_CONTROLLER_PORT" \
    "$TEST_DIR/logs/kafka.log" "$TEST_DIR/run/kafka.pid"
  # Throwaway data: durability settings off for speed.
  pg_start "$TEST_PG_DIR" "$TEST_PG_PORT" "$TEST_DIR/logs/postgres.log" "$TEST_DIR/run/postgres.pid" \
    fsync=off synchronous_commit=off full_page_writes=off
  kafka_wait "$TEST_KAFKA_PORT" "$TEST_DIR/logs/kafka.log" "$TEST_DIR/run/kafka.pid"
  note "test infrastructure up in $(elapsed_since "$TEST_STARTED")"

  local props=("-Dlamina.test.kafka=127.0.0.1:$TEST_KAFKA_PORT" "-Dlamina.test.pg.port=$TEST_PG_PORT"
    "-Dlamina.test.service.port.base=$TEST_SERVICE_PORT_BASE" "-Dlamina.helm=$HELM_BIN")
  info "mvn -B verify ${props[*]} $*"
  local rc=0
  (cd "$LAMINA_ROOT" && mvn -B verify "${props[@]}" "$@" 9>&-) || rc=$?
  exit "$rc"
}

cmd_bench() {
  local name=${1:-}
  [[ -n $name ]] || die "usage: ./lamina bench <service> [args]; benchmarks: $(cd "$LAMINA_ROOT" && ls -d ./*/bench 2>/dev/null | cut -d/ -f2 | sed 's/-service$//' | tr '\n' ' ')"
  shift
  local script="$LAMINA_ROOT/${name%-service}-service/bench/run.sh"
  [[ -x $script ]] || die "no benchmark at ${script#"$LAMINA_ROOT/"}"
  ensure_prereqs
  [[ -f ${script%/run.sh}/packages.txt ]] && ensure_debs_from "${script%/run.sh}/packages.txt"
  exec "$script" "$@"
}

main() {
  local cmd=${1:-help}
  (( $# > 0 )) && shift
  case $cmd in
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    status) cmd_status "$@" ;;
    logs) cmd_logs "$@" ;;
    test) cmd_test "$@" ;;
    bench) cmd_bench "$@" ;;
    help | -h | --help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
