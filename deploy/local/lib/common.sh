# Shared helpers for the local launcher: messages, process and port checks, background launch and stop.
# Sourced by deploy/local/lamina.sh, which sets LAMINA_ROOT and STATE_DIR.

info() { printf '==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [[ $(id -u) -eq 0 ]]; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Prints the elapsed time since a now_ms value as "12.3 s".
elapsed_since() {
  local ms=$(( $(now_ms) - $1 ))
  printf '%d.%d s' $(( ms / 1000 )) $(( (ms % 1000) / 100 ))
}

# Prints the pid stored in a pid file, or nothing.
read_pid() {
  local file=$1 pid=""
  [[ -f $file ]] && read -r pid <"$file" || true
  [[ $pid =~ ^[0-9]+$ ]] && echo "$pid" || true
}

# True when the pid is alive AND its command line contains the pattern: a recycled pid is not mistaken for ours.
pid_matches() {
  local pid=$1 pattern=$2
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$pattern"
}

# True when the process named in the pid file is running and is the one we expect.
running() { pid_matches "$(read_pid "$1")" "$2"; }

port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# Waits until a port accepts connections. Fails early (with the log's tail) when the process dies.
wait_port() {
  local port=$1 seconds=$2 pid=$3 log=$4 what=$5
  local deadline=$(( SECONDS + seconds ))
  until port_open "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      show_log_tail "$log" 30
      die "$what exited before listening on port $port (log: $log)"
    fi
    if (( SECONDS >= deadline )); then
      show_log_tail "$log" 30
      die "$what did not listen on port $port within ${seconds} s (log: $log)"
    fi
    sleep 0.2
  done
}

show_log_tail() {
  local log=$1 lines=$2
  [[ -f $log ]] || return 0
  printf -- '---- last %d lines of %s ----\n' "$lines" "$log" >&2
  tail -n "$lines" "$log" >&2
  printf -- '----\n' >&2
}

# Starts a command detached in its own session (Ctrl-C in this terminal does not reach it), output appended to the
# log, and writes its pid. The inner bash writes its own pid and then execs the command, so the pid is the command's.
launch() {
  local pidfile=$1 log=$2
  shift 2
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$log")"
  printf '\n==== %s: starting %s\n' "$(date '+%F %T')" "$*" >>"$log"
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" </dev/null >>"$log" 2>&1 9>&- &
  local waited=0
  until [[ -n $(read_pid "$pidfile") ]]; do
    (( waited++ < 50 )) || die "could not start: $*"
    sleep 0.1
  done
}

# Stops processes by pid file: SIGTERM to all, wait up to the grace period, then SIGKILL what is left.
# Arguments: grace seconds, then triples of <name> <pid file> <command line pattern>.
stop_processes() {
  local grace=$1
  shift
  local -a names=() pids=() files=()
  while (( $# >= 3 )); do
    local name=$1 file=$2 pattern=$3 pid
    shift 3
    pid=$(read_pid "$file")
    if pid_matches "$pid" "$pattern"; then
      kill -TERM "$pid" 2>/dev/null || true
      names+=("$name"); pids+=("$pid"); files+=("$file")
    else
      rm -f "$file"
    fi
  done
  (( ${#pids[@]} > 0 )) || return 0
  local deadline=$(( SECONDS + grace )) i alive
  while :; do
    alive=0
    for i in "${!pids[@]}"; do
      kill -0 "${pids[$i]}" 2>/dev/null && alive=1
    done
    (( alive && SECONDS < deadline )) || break
    sleep 0.2
  done
  for i in "${!pids[@]}"; do
    if kill -0 "${pids[$i]}" 2>/dev/null; then
      warn "${names[$i]} (pid ${pids[$i]}) did not stop within ${grace} s: killing it"
      kill -KILL "${pids[$i]}" 2>/dev/null || true
    else
      note "${names[$i]} stopped (pid ${pids[$i]})"
    fi
    rm -f "${files[$i]}"
  done
}
