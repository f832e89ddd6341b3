#!/usr/bin/env bash
# Throwaway PostgreSQL + pgvector for tests and local servers, from Debian's own packages.
#   scripts/postgres.sh install        install PostgreSQL and build pgvector if missing
#   scripts/postgres.sh start [DIR]    install, start a cluster in DIR (default: a new temp folder), print its URL
#   scripts/postgres.sh stop DIR       stop the cluster in DIR and remove it
set -euo pipefail

log() { echo "[postgres] $*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$d" ] && [ -x "$d/pg_ctl" ] && echo "$d"
}

apt_updated=
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq >&2; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >&2
}

# Debian bookworm ships no pgvector binary; trixie's source package builds against bookworm's server.
# The deb-src line reuses this machine's own Debian mirror, whatever it is.
add_trixie_sources() {
  local list=/etc/apt/sources.list.d/sieve-trixie-src.sources uri keyring
  [ -f "$list" ] && return 0
  uri=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -E '/debian/?$' | head -n 1 || true)
  [ -n "$uri" ] || uri=$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | grep -E '/debian/?$' | head -n 1 || true)
  [ -n "$uri" ] || { log "cannot find this machine's Debian mirror in its apt sources"; exit 1; }
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: %s\n' "$uri" "$keyring" | as_root tee "$list" >/dev/null
  apt_updated=
}

install_pgvector() {
  local bindir=$1 ver sharedir work
  ver=$("$bindir/postgres" --version | grep -oE '[0-9]+' | head -n 1)
  [ -x "$bindir/pg_config" ] || apt_install "postgresql-server-dev-$ver"
  sharedir=$("$bindir/pg_config" --sharedir)
  [ -f "$sharedir/extension/vector.control" ] && return 0
  log "building pgvector from Debian's source package"
  apt_install "postgresql-server-dev-$ver" dpkg-dev make gcc
  add_trixie_sources
  [ -n "$apt_updated" ] || { as_root apt-get update -qq >&2; apt_updated=1; }
  work=$(mktemp -d)
  (cd "$work" && apt-get source -qq --download-only pgvector/trixie >&2 && dpkg-source -x --no-check ./pgvector_*.dsc src >&2)
  # OPTFLAGS="" drops -march=native, so the build runs on any x86-64 CI machine.
  make -s -C "$work/src" PG_CONFIG="$bindir/pg_config" OPTFLAGS="" >&2
  as_root make -s -C "$work/src" PG_CONFIG="$bindir/pg_config" OPTFLAGS="" install >&2
  rm -rf "$work"
}

install() {
  local bindir
  bindir=$(pg_bindir || true)
  if [ -z "$bindir" ]; then
    log "installing PostgreSQL"
    apt_install postgresql
    bindir=$(pg_bindir)
  fi
  install_pgvector "$bindir"
  echo "$bindir"
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start() {
  local bindir dir port user=postgres
  bindir=$(install | tail -n 1)
  dir=${1:-$(mktemp -d -t sieve-pg.XXXXXX)}
  mkdir -p "$dir"
  # initdb refuses to run as root; Debian's package created the postgres user.
  [ "$(id -u)" = 0 ] || user=$(id -un)
  chown "$user" "$dir"
  run() { if [ "$(id -u)" = 0 ]; then runuser -u "$user" -- "$@"; else "$@"; fi; }
  run "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  port=$(free_port)
  # A throwaway cluster: durability settings off make tests fast and lose nothing that matters.
  # SIEVE_PG_DURABLE=1 keeps PostgreSQL's defaults (fsync, synchronous commit) for benchmarks that must count them.
  local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "${SIEVE_PG_DURABLE:-}" = 1 ] && durability=""
  run "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $durability -c max_connections=200" start >/dev/null
  echo "postgres://postgres@127.0.0.1:$port/postgres" | tee "$dir/url"
}

stop() {
  local dir=$1 bindir
  bindir=$(pg_bindir)
  if [ -d "$dir/data" ]; then
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    else "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true; fi
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  install) install >/dev/null ;;
  start) shift; start "$@" ;;
  stop) shift; stop "$1" ;;
  *) echo "usage: $0 install | start [DIR] | stop DIR" >&2; exit 2 ;;
esac
