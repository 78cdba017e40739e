# A private PostgreSQL cluster from the machine's binaries (PG_BIN, found by find_pg_bin in prereqs.sh).
# The server refuses to run as root, so as root initdb and pg_ctl run as the postgres user.

as_pg_user() {
  if is_root; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Prints the folder for a cluster: the preferred one when the postgres user can reach it (every parent folder must be
# traversable, which fails e.g. for a clone under /root), else a stable folder under /var/tmp derived from it.
pg_home() {
  local preferred=$1
  mkdir -p "$(dirname "$preferred")"
  if ! is_root || runuser -u postgres -- test -x "$(dirname "$preferred")" 2>/dev/null; then
    echo "$preferred"
  else
    echo "/var/tmp/lamina-pg-$(printf '%s' "$preferred" | sha256sum | cut -c1-16)"
  fi
}

# The postmaster's pid for a data folder, when it is running.
pg_pid() {
  local data=$1 pid
  pid=$(read_pid "$data/postmaster.pid")
  pid_matches "$pid" "$data " && echo "$pid" || true
}

# The binaries matching an existing cluster's major version (an upgrade of the packages must not break old data).
pg_bin_for() {
  local data=$1 version
  [[ -f $data/PG_VERSION ]] || { echo "$PG_BIN"; return 0; }
  read -r version <"$data/PG_VERSION"
  [[ -x /usr/lib/postgresql/$version/bin/pg_ctl ]] ||
    die "$data was created by PostgreSQL $version, whose binaries are not installed (have: $PG_BIN)"
  echo "/usr/lib/postgresql/$version/bin"
}

pg_wait_ready() { # <port> <seconds>
  local deadline=$(( SECONDS + $2 ))
  until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$1" -U postgres -d postgres; do
    (( SECONDS < deadline )) || return 1
    sleep 0.2
  done
}

# Starts the cluster unless it is already running, creating it first when needed.
# Arguments: <home dir> <port> <log> <pid file> [extra server settings name=value ...]. The home dir holds data/ and
# the unix socket.
pg_start() {
  local home=$1 port=$2 log=$3 pidfile=$4
  shift 4
  local data="$home/data" pid bin
  mkdir -p "$(dirname "$log")" "$(dirname "$pidfile")"
  pid=$(pg_pid "$data")
  if [[ -n $pid ]]; then
    echo "$pid" >"$pidfile"
    pg_wait_ready "$port" 60 || die "PostgreSQL (pid $pid) is running but not accepting connections on port $port"
    info "PostgreSQL already running (pid $pid, 127.0.0.1:$port)"
    return 0
  fi
  rm -f "$pidfile"
  port_open "$port" && die "port $port is in use by a process this launcher did not start; free it first"

  mkdir -p "$home"
  if is_root; then chown postgres:postgres "$home"; fi
  as_pg_user test -w "$home" ||
    die "the postgres user cannot write $home: every parent folder must be traversable by it (chmod o+x)"
  bin=$(pg_bin_for "$data")
  if [[ ! -f $data/PG_VERSION ]]; then
    info "Creating a PostgreSQL cluster in $data"
    rm -rf "$data"
    as_pg_user "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C --no-instructions >>"$log" 2>&1 </dev/null ||
      { show_log_tail "$log" 30; die "initdb failed (log: $log)"; }
  fi

  # Unix socket paths are limited to ~107 bytes; connections go over TCP anyway.
  local sockdir=$home
  (( ${#sockdir} + 20 < 100 )) || sockdir=/tmp
  local opts="-p $port -c listen_addresses=127.0.0.1 -k '$sockdir'" setting
  for setting in "$@"; do opts+=" -c $setting"; done

  info "Starting PostgreSQL on 127.0.0.1:$port"
  # No -l: the server inherits this log file, opened by us, so the postgres user needs no access to .lamina/logs.
  as_pg_user "$bin/pg_ctl" -D "$data" -w -t 60 -o "$opts" start >>"$log" 2>&1 </dev/null 9>&- ||
    { show_log_tail "$log" 30; die "PostgreSQL did not start (log: $log)"; }
  pid=$(pg_pid "$data")
  [[ -n $pid ]] || die "PostgreSQL started but its pid is unknown (log: $log)"
  echo "$pid" >"$pidfile"
  pg_wait_ready "$port" 30 || die "PostgreSQL is not accepting connections on port $port (log: $log)"
  note "PostgreSQL up (pid $pid)"
}

pg_stop() { # <home dir> <pid file>
  local home=$1 pidfile=$2
  local data="$home/data" pid
  pid=$(pg_pid "$data")
  if [[ -z $pid ]]; then
    rm -f "$pidfile"
    return 0
  fi
  if as_pg_user "$(pg_bin_for "$data")/pg_ctl" -D "$data" -m fast -w -t 20 stop >/dev/null 2>&1 </dev/null; then
    note "postgres stopped (pid $pid)"
    rm -f "$pidfile"
  else
    echo "$pid" >"$pidfile"
    stop_processes 10 postgres "$pidfile" "$data "
  fi
}

pg_ensure_database() { # <port> <name>
  local port=$1 name=$2 exists
  exists=$("$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
    "select 1 from pg_database where datname = '$name'") || die "cannot query PostgreSQL on port $port"
  if [[ $exists != 1 ]]; then
    info "Creating database $name"
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres "$name"
  fi
}
