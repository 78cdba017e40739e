# The seven Quarkus services: build when stale, start, health-wait, stop.

SERVICES=(gateway-service billing-service webhook-service extraction-service image-service docgen-service sheet-service)
BUILD_STAMP="$STATE_DIR/build.stamp"
# JVM options of every service (override with LAMINA_JAVA_OPTS). C1 only (TieredStopAtLevel=1): seven JVMs warming up
# at once on two cores are ready in ~17 s instead of ~26 s; use full tiered compilation for benchmarks.
DEFAULT_JAVA_OPTS="-Xms16m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=48m -Xss512k"

service_port() {
  case $1 in
    gateway-service) echo 8080 ;;
    extraction-service) echo 8081 ;;
    image-service) echo 8082 ;;
    docgen-service) echo 8083 ;;
    sheet-service) echo 8084 ;;
    billing-service) echo 8085 ;;
    webhook-service) echo 8086 ;;
    *) die "unknown service: $1" ;;
  esac
}

INTERNAL_TOKEN_FILE="$STATE_DIR/internal.token"

random_token() { printf '%s_%s\n' "$1" "$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"; } # <prefix>

# The token the gateway presents to billing-service and webhook-service, whose internal APIs refuse any other caller
# (LAMINA_INTERNAL_TOKEN on all three). Generated once per state folder, mode 600, like the admin key.
ensure_internal_token() {
  if [[ ! -s $INTERNAL_TOKEN_FILE ]]; then
    (umask 077 && random_token lam_internal >"$INTERNAL_TOKEN_FILE")
  fi
  chmod 600 "$INTERNAL_TOKEN_FILE"
  read -r INTERNAL_TOKEN <"$INTERNAL_TOKEN_FILE"
}

service_jar() { echo "$LAMINA_ROOT/$1/target/quarkus-app/quarkus-run.jar"; }
service_pidfile() { echo "$STATE_DIR/run/$1.pid"; }
service_log() { echo "$STATE_DIR/logs/$1.log"; }

# Prints why a build is needed (nothing when up to date).
build_reason() {
  [[ -f $BUILD_STAMP ]] || { echo "no previous build by the launcher"; return 0; }
  local svc changed
  for svc in "${SERVICES[@]}"; do
    [[ -f $(service_jar "$svc") ]] || { echo "$svc/target/quarkus-app/quarkus-run.jar is missing"; return 0; }
  done
  changed=$(find "$LAMINA_ROOT" \( -name .git -o -name .lamina -o -name target -o -name node_modules \
      -o -path "$LAMINA_ROOT/deploy" \) -prune -o \
    \( -name pom.xml -o -path '*/src/*' \) -type f -newer "$BUILD_STAMP" -print -quit)
  [[ -z $changed ]] || echo "${changed#"$LAMINA_ROOT"/} changed"
}

build_if_stale() {
  if [[ ${LAMINA_SKIP_BUILD:-0} == 1 ]]; then
    note "LAMINA_SKIP_BUILD=1: not checking whether the build is stale"
    return 0
  fi
  local reason
  reason=$(build_reason)
  if [[ -z $reason ]]; then
    info "Build is up to date"
    return 0
  fi
  local svc
  for svc in "${SERVICES[@]}"; do
    if running "$(service_pidfile "$svc")" "$(service_jar "$svc")"; then
      # Rebuilding replaces the jars under running JVMs, which can crash them.
      warn "the build is stale ($reason) but services are running: not rebuilding; './lamina down && ./lamina up' rebuilds and restarts"
      return 0
    fi
  done
  info "Building (mvn -B -q install -Dmaven.test.skip=true): $reason"
  local started
  started=$(now_ms)
  # The stamp takes the time the build started, so files edited during the build make the next `up` build again.
  touch "$BUILD_STAMP.new"
  (cd "$LAMINA_ROOT" && mvn -B -q -Dstyle.color=never install -Dmaven.test.skip=true) || { rm -f "$BUILD_STAMP.new"; die "the build failed"; }
  mv "$BUILD_STAMP.new" "$BUILD_STAMP"
  note "built in $(elapsed_since "$started")"
}

service_start() {
  local svc=$1 port pidfile log jar pid
  port=$(service_port "$svc")
  pidfile=$(service_pidfile "$svc")
  log=$(service_log "$svc")
  jar=$(service_jar "$svc")
  if running "$pidfile" "$jar"; then
    pid=$(read_pid "$pidfile")
    note "$svc already running (pid $pid, port $port)"
    return 0
  fi
  rm -f "$pidfile"
  port_open "$port" && die "port $port ($svc) is in use by a process this launcher did not start; free it first"
  [[ -f $jar ]] || die "$jar is missing: build with 'mvn -B install -Dmaven.test.skip=true'"

  local -a env=(
    QUARKUS_HTTP_PORT="$port"
    QUARKUS_HTTP_HOST=127.0.0.1
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT"
    LAMINA_DB_HOST=127.0.0.1
    LAMINA_DB_PORT="$PG_PORT"
    LAMINA_DB_NAME=lamina
    LAMINA_DB_USER=postgres
    LAMINA_BLOBS_DIR="$STATE_DIR/data/blobs"
    OMP_THREAD_LIMIT=1
  )
  # A service may ship its own JVM options (<service>/jvm.options, e.g. image-service's footprint flags).
  local java_opts=$DEFAULT_JAVA_OPTS
  [[ -f $LAMINA_ROOT/$svc/jvm.options ]] && java_opts=$(<"$LAMINA_ROOT/$svc/jvm.options")
  case $svc in
    gateway-service | billing-service | webhook-service) env+=(LAMINA_INTERNAL_TOKEN="$INTERNAL_TOKEN") ;;
  esac
  case $svc in
    gateway-service)
      env+=(LAMINA_ADMIN_KEY="$ADMIN_KEY"
        LAMINA_BILLING_URL="http://127.0.0.1:$(service_port billing-service)"
        LAMINA_WEBHOOK_URL="http://127.0.0.1:$(service_port webhook-service)") ;;
    webhook-service)
      # The local demo may deliver webhooks to loopback receivers; production keeps them blocked.
      env+=("LAMINA_WEBHOOKS_ALLOWED_HOSTS=127.0.0.1,localhost") ;;
    image-service)
      # Fewer glibc malloc arenas: the native image codecs' memory stays close to what they use.
      env+=(MALLOC_ARENA_MAX=2) ;;
  esac
  # Log rotation of one generation keeps the previous run's log for a post-mortem.
  [[ -f $log ]] && mv -f "$log" "$log.1"
  launch "$pidfile" "$log" env "${env[@]}" java ${LAMINA_JAVA_OPTS:-$java_opts} -jar "$jar"
  note "$svc started (pid $(read_pid "$pidfile"), port $port)"
}

service_health_code() { # <port>: prints the HTTP status of /q/health/ready (000 when no answer)
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/q/health/ready" 2>/dev/null || true
}

# Waits until every service answers 200 on /q/health/ready; on failure shows that service's log and exits 1.
services_wait_healthy() {
  local timeout=120 started deadline svc code
  started=$(now_ms)
  deadline=$(( SECONDS + timeout ))
  local -a pending=("${SERVICES[@]}")
  info "Waiting for the services to be ready (up to ${timeout} s)"
  while (( ${#pending[@]} > 0 )); do
    local -a still=()
    for svc in "${pending[@]}"; do
      code=$(service_health_code "$(service_port "$svc")")
      if [[ $code == 200 ]]; then
        note "$svc ready ($(elapsed_since "$started"))"
        continue
      fi
      if ! running "$(service_pidfile "$svc")" "$(service_jar "$svc")"; then
        show_log_tail "$(service_log "$svc")" 30
        die "$svc exited (log: $(service_log "$svc")); './lamina down' stops the rest"
      fi
      if (( SECONDS >= deadline )); then
        show_log_tail "$(service_log "$svc")" 30
        die "$svc not ready within ${timeout} s (last /q/health/ready status: $code); './lamina down' stops the rest"
      fi
      still+=("$svc")
    done
    pending=("${still[@]+"${still[@]}"}")
    (( ${#pending[@]} == 0 )) || sleep 1
  done
}

services_stop() {
  local -a args=() svc
  for svc in "${SERVICES[@]}"; do
    args+=("$svc" "$(service_pidfile "$svc")" "$(service_jar "$svc")")
  done
  stop_processes 20 "${args[@]}"
}
