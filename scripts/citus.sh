#!/usr/bin/env bash
# Throwaway Citus cluster (a coordinator and two workers, pgvector on each) on PostgreSQL 15, for tests.
# Citus is built from the vendored release in ../shared/vendor (see CITUS.md there), once.
#   scripts/citus.sh install              install PostgreSQL 15 + pgvector (scripts/postgres.sh), build Citus if missing
#   scripts/citus.sh start DIR            install, start a coordinator and two workers in DIR, print the coordinator's URL
#   scripts/citus.sh createdb DIR NAME    create database NAME on the cluster in DIR, ready for distributed tables; print its URL
#   scripts/citus.sh stop DIR             stop the cluster in DIR and remove it
# A new database needs Citus set up inside it on every node: Citus keeps its node list per database,
# and citus_add_node fails unless the worker's database already has the citus extension.
# `createdb` does exactly this (CREATE DATABASE and DROP DATABASE on the coordinator reach the workers
# through citus.enable_create_database_propagation, set in the coordinator's postgresql.conf):
#   coordinator, database postgres:  CREATE DATABASE name;
#   each worker, database name:      CREATE EXTENSION citus;
#   coordinator, database name:      CREATE EXTENSION citus;
#                                    SELECT citus_set_coordinator_host('127.0.0.1', <coordinator port>);
#                                    SELECT citus_add_node('127.0.0.1', <worker port>);  -- each worker
#                                    CREATE EXTENSION vector;                            -- reaches the workers
# The worker ports are also in the coordinator's postgres database:
#   SELECT nodename, nodeport FROM pg_dist_node WHERE groupid <> 0
# Drop it with DROP DATABASE name WITH (FORCE) on the coordinator (Citus's own sessions hold it open).
# CREATE DATABASE takes no TEMPLATE but template1 here.
set -euo pipefail

log() { echo "[citus] $*" >&2; }
die() { log "$*"; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
vendor="$(dirname "$(dirname "$here")")/shared/vendor"
citus_version=13.2.2
citus_sha256=dd2453caec20a830e5e63f1def5c5a98cb6f57ae510407cdcd800916fcdab430
bindir=/usr/lib/postgresql/15/bin
nodes=(coordinator worker1 worker2)

apt_updated=
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq >&2; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >&2
}
apt_has() { # a package apt can install here
  local policy
  [ -n "$apt_updated" ] || { as_root apt-get update -qq >&2; apt_updated=1; }
  policy=$(apt-cache policy "$1" 2>/dev/null || true)
  [[ "$policy" =~ Candidate:\ [0-9] ]]
}

build_citus() {
  local tarball="$vendor/citus-$citus_version.tar.gz" patchfile="$vendor/citus-$citus_version-pg15.20.patch"
  local work src minor features=() t0 secs
  [ -f "$tarball" ] || die "missing $tarball (the shared folder must sit beside the repo)"
  [ "$(sha256sum "$tarball" | cut -d' ' -f1)" = "$citus_sha256" ] \
    || die "checksum mismatch for $tarball: expected sha256 $citus_sha256"
  log "building Citus $citus_version (a few minutes)"
  apt_install postgresql-server-dev-15 libkrb5-dev libicu-dev make gcc patch
  if apt_has liblz4-dev && apt_has libzstd-dev; then
    apt_install liblz4-dev libzstd-dev
  elif grep -qE '^#define HAVE_LIBZSTD 1' "$("$bindir/pg_config" --includedir-server)/pg_config.h"; then
    # Citus's columnar code tests PostgreSQL's own HAVE_LIBZSTD, so --without-zstd cannot drop <zstd.h> here.
    die "libzstd-dev is not installable, and this PostgreSQL was built with zstd: Citus cannot build without it"
  else
    log "no liblz4-dev/libzstd-dev: building without lz4 and zstd compression"
    features=(--without-lz4 --without-zstd)
  fi
  work=$(mktemp -d -t sieve-citus-build.XXXXXX)
  # shellcheck disable=SC2064
  trap "rm -rf '$work'" EXIT
  tar -xzf "$tarball" -C "$work"
  src="$work/citus-$citus_version"
  # PostgreSQL 15.20 exports have_createdb_privilege(), which Citus also defines as a static inline for 15.
  minor=$("$bindir/pg_config" --version | sed -nE 's/^PostgreSQL 15\.([0-9]+).*/\1/p')
  if [ -n "$minor" ] && [ "$minor" -ge 20 ]; then
    [ -f "$patchfile" ] || die "missing $patchfile, needed for PostgreSQL 15.$minor"
    (cd "$src" && patch -p1 --dry-run -s <"$patchfile" >&2) || die "$patchfile does not apply to the Citus source"
    (cd "$src" && patch -p1 -s <"$patchfile" >&2)
    log "applied $(basename "$patchfile") (server is 15.$minor)"
  else
    log "server is 15.${minor:-?}: building without the 15.20 patch"
  fi
  (cd "$src" && ./configure -q PG_CONFIG="$bindir/pg_config" --without-libcurl "${features[@]}" >&2)
  t0=$(date +%s)
  # with_llvm=no: skip the clang JIT bitcode Debian's PostgreSQL would otherwise have every extension emit.
  make -s -C "$src" -j2 with_llvm=no >&2
  secs=$(( $(date +%s) - t0 ))
  log "built Citus in $((secs / 60))m $((secs % 60))s"
  as_root make -s -C "$src" install with_llvm=no >&2
  rm -rf "$work"
  trap - EXIT
}

install() {
  bash "$here/postgres.sh" install
  [ -x "$bindir/postgres" ] || apt_install postgresql-15
  [ -x "$bindir/pg_config" ] || apt_install postgresql-server-dev-15
  local ext
  ext="$("$bindir/pg_config" --sharedir)/extension"
  [ -f "$ext/vector.control" ] || die "pgvector is not installed for PostgreSQL 15 ($ext); scripts/postgres.sh built it for another version?"
  [ -f "$ext/citus.control" ] || build_citus
  [ -f "$ext/citus.control" ] || die "Citus build finished but $ext/citus.control is missing"
}

# Three distinct free loopback ports, held open together while they are picked.
free_ports() {
  if command -v node >/dev/null; then
    node -e 'const net=require("net");const ss=[0,1,2].map(()=>net.createServer());let n=0;
      ss.forEach(s=>s.listen(0,"127.0.0.1",()=>{if(++n===3){console.log(ss.map(x=>x.address().port).join(" "));ss.forEach(x=>x.close())}}))'
  else
    local p=$((20000 + RANDOM % 30000)) found=()
    while [ ${#found[@]} -lt 3 ]; do
      (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || found+=("$p")
      p=$((p + 1))
    done
    echo "${found[*]}"
  fi
}

elapsed() { local ms=$(( ($(date +%s%N) - $1) / 1000000 )); printf '%d.%ds' $((ms / 1000)) $((ms % 1000 / 100)); }
run_as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
sql() { # sql PORT DB SQL...: run statements over TCP as user postgres, stop at the first error
  local port=$1 db=$2; shift 2
  "$bindir/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d "$db" "$@"
}

stop_nodes() {
  local dir=$1 n pids=()
  for n in "${nodes[@]}"; do
    [ -f "$dir/$n/PG_VERSION" ] || continue
    run_as_owner "$bindir/pg_ctl" -D "$dir/$n" -m fast -w -t 60 stop >/dev/null 2>&1 &
    pids+=($!)
  done
  for n in "${pids[@]}"; do wait "$n" || true; done
}

start() {
  local dir=${1:?usage: $0 start DIR} ports port i n pids=() t0 url
  t0=$(date +%s%N)
  install
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [ ! -e "$dir/coordinator" ] || die "$dir already holds a cluster: run scripts/citus.sh stop $dir first"
  # initdb refuses to run as root; Debian's package created the postgres user.
  [ "$(id -u)" != 0 ] || chown postgres "$dir"
  read -r -a ports <<<"$(free_ports)"
  [ ${#ports[@]} = 3 ] || die "could not find three free ports"
  trap 'log "start failed; logs in '"$dir"'/*.log"; stop_nodes "'"$dir"'"' EXIT
  for i in 0 1 2; do
    n=${nodes[$i]}
    run_as_owner "$bindir/initdb" -D "$dir/$n" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i"; done
  for i in 0 1 2; do
    n=${nodes[$i]}
    # A throwaway cluster: durability settings off make tests fast and lose nothing that matters.
    cat >>"$dir/$n/postgresql.conf" <<EOF

# scripts/citus.sh
port = ${ports[$i]}
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
shared_preload_libraries = 'citus'
fsync = off
synchronous_commit = off
full_page_writes = off
max_worker_processes = 16
max_connections = 200
# Sieve's reads evaluate the hiding rule per row; JIT compiles such plans for longer than they run.
jit = off
# A query fans out to every shard: keep the coordinator's connections to each worker open between queries.
citus.max_cached_conns_per_worker = 16
EOF
  done
  echo "citus.enable_create_database_propagation = on" >>"$dir/coordinator/postgresql.conf"
  pids=()
  for n in "${nodes[@]}"; do
    run_as_owner "$bindir/pg_ctl" -D "$dir/$n" -l "$dir/$n.log" -w -t 60 start >/dev/null &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i"; done
  for port in "${ports[@]}"; do
    for i in $(seq 1 60); do
      "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres && break
      [ "$i" = 60 ] && { log "node on port $port does not accept connections"; false; }
      sleep 0.5
    done
  done
  pids=()
  for port in "${ports[@]}"; do
    sql "$port" postgres -c "CREATE EXTENSION citus; CREATE EXTENSION vector;" &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i"; done
  sql "${ports[0]}" postgres \
    -c "SELECT citus_set_coordinator_host('127.0.0.1', ${ports[0]})" \
    -c "SELECT citus_add_node('127.0.0.1', ${ports[1]})" \
    -c "SELECT citus_add_node('127.0.0.1', ${ports[2]})" >/dev/null
  [ "$(sql "${ports[0]}" postgres -c "SELECT count(*) FROM citus_get_active_worker_nodes()")" = 2 ] \
    || { log "the coordinator does not see two active workers"; false; }
  trap - EXIT
  echo "${ports[*]}" >"$dir/ports"
  url="postgres://postgres@127.0.0.1:${ports[0]}/postgres"
  echo "$url" >"$dir/url"
  log "coordinator :${ports[0]}, workers :${ports[1]} :${ports[2]} (up in $(elapsed "$t0"))"
  echo "$url"
}

createdb() {
  local dir=${1:?usage: $0 createdb DIR NAME} name=${2:?usage: $0 createdb DIR NAME} ports pid
  [ -f "$dir/ports" ] || die "no cluster in $dir"
  read -r -a ports <"$dir/ports"
  [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]] || die "database name must be a plain lower-case identifier: $name"
  sql "${ports[0]}" postgres -c "CREATE DATABASE $name"
  sql "${ports[1]}" "$name" -c "CREATE EXTENSION citus" & pid=$!
  sql "${ports[2]}" "$name" -c "CREATE EXTENSION citus"
  wait "$pid"
  sql "${ports[0]}" "$name" \
    -c "CREATE EXTENSION citus" \
    -c "SELECT citus_set_coordinator_host('127.0.0.1', ${ports[0]})" \
    -c "SELECT citus_add_node('127.0.0.1', ${ports[1]})" \
    -c "SELECT citus_add_node('127.0.0.1', ${ports[2]})" \
    -c "CREATE EXTENSION vector" >/dev/null
  echo "postgres://postgres@127.0.0.1:${ports[0]}/$name"
}

stop() {
  local dir=${1:?usage: $0 stop DIR}
  [ -x "$bindir/pg_ctl" ] && stop_nodes "$dir"
  rm -rf "$dir"
}

case "${1:-}" in
  install) install >/dev/null ;;
  start) shift; start "$@" ;;
  createdb) shift; createdb "$@" ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: $0 install | start DIR | createdb DIR NAME | stop DIR" >&2; exit 2 ;;
esac
