# Prerequisites: Java 17+, Maven, curl, python3, PostgreSQL server binaries, Tesseract.
# As root, what is missing is installed with apt-get (only what is missing: an install after `apt-get update` may also
# upgrade packages such as postgresql-common). Otherwise the exact command to run is printed.

APT_UPDATED=0

apt_install() {
  is_root || return 1
  command -v apt-get >/dev/null || return 1
  export DEBIAN_FRONTEND=noninteractive
  if (( ! APT_UPDATED )); then
    info "apt-get update"
    apt-get -o DPkg::Lock::Timeout=300 update -q >/dev/null || return 1
    APT_UPDATED=1
  fi
  info "apt-get install -y $*"
  apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "$@" </dev/null
}

deb_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }

java_major() {
  java -version 2>&1 | sed -n 's/.*version "\([0-9]*\)[."].*/\1/p' | head -n 1
}

ensure_java_maven() {
  local major
  major=$(command -v java >/dev/null && java_major || true)
  if [[ -z $major ]] || (( major < 17 )) || ! command -v mvn >/dev/null; then
    die "Java 17+ and Maven are required (found java: ${major:-none}, mvn: $(command -v mvn || echo none)).
       Install them with: apt-get update && apt-get install -y openjdk-17-jdk-headless maven"
  fi
}

ensure_tool() { # <command> <debian package>
  command -v "$1" >/dev/null && return 0
  apt_install "$2" || die "$1 is required: apt-get update && apt-get install -y $2"
}

# Sets PG_BIN to the newest /usr/lib/postgresql/<version>/bin that has initdb.
find_pg_bin() {
  PG_BIN=""
  local dir
  while IFS= read -r dir; do
    [[ -x $dir/initdb && -x $dir/pg_ctl ]] && PG_BIN=$dir
  done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V)
  [[ -n $PG_BIN ]]
}

ensure_postgres() {
  if ! find_pg_bin; then
    is_root || die "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb).
       Install them with: sudo apt-get update && sudo apt-get install -y postgresql"
    info "PostgreSQL server binaries not found: installing Debian's postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=300 update -q >/dev/null && APT_UPDATED=1 &&
      apt-get -o DPkg::Lock::Timeout=300 install -y -q postgresql </dev/null ||
      die "installing postgresql failed"
    find_pg_bin || die "postgresql installed but no /usr/lib/postgresql/*/bin/initdb found"
  fi
  if is_root; then
    id postgres >/dev/null 2>&1 || die "running as root needs a 'postgres' user to run the server (the postgresql package creates it)"
  fi
}

# OCR needs Tesseract with English data; the launcher works without it (OCR steps then fail), so only warn.
ensure_tesseract() {
  local missing=() pkg
  for pkg in tesseract-ocr tesseract-ocr-eng; do
    deb_installed "$pkg" || missing+=("$pkg")
  done
  (( ${#missing[@]} == 0 )) && return 0
  if command -v tesseract >/dev/null && ! command -v dpkg-query >/dev/null; then
    return 0 # not a Debian system but Tesseract is there
  fi
  if ! apt_install "${missing[@]}"; then
    warn "Tesseract is missing (${missing[*]}); OCR will not work. Install: apt-get update && apt-get install -y ${missing[*]}"
  fi
}

ensure_prereqs() {
  ensure_java_maven
  ensure_tool curl curl
  ensure_tool python3 python3
  ensure_postgres
  ensure_tesseract
  local list
  for list in "$LAMINA_ROOT"/*/packages.txt; do
    [[ -f $list ]] && ensure_debs_from "$list"
  done
  return 0
}

# Installs the Debian packages a list file names (one per line, '#' comments) that are not installed yet.
# <service>/packages.txt: what a service and its tests need; <service>/bench/packages.txt: its benchmark's baselines.
ensure_debs_from() { # <file>
  local missing=() pkg
  while read -r pkg _; do
    [[ -z $pkg || $pkg == \#* ]] && continue
    deb_installed "$pkg" || missing+=("$pkg")
  done <"$1"
  (( ${#missing[@]} == 0 )) && return 0
  apt_install "${missing[@]}" ||
    die "missing Debian packages (${missing[*]}, listed in ${1#"$LAMINA_ROOT/"}): apt-get update && apt-get install -y ${missing[*]}"
}
