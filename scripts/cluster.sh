# Sourced by test/, demo/ and bench/ drivers: a throwaway PostgreSQL 15 cluster with zjgov installed
# into a private copy of the PostgreSQL tree (nothing is written to /usr), run by an unprivileged
# user on a private socket directory and port, and stopped on every exit path.
#
# After zj_up:  ZJ_TMP (scratch dir), PGHOST, PGPORT, PGUSER, PGDATABASE exported;
#               zj_psql runs psql with ON_ERROR_STOP against the cluster.

ZJ_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}

zj_log() { printf '%s\n' "-- $*" >&2; }

# Build with the project's warnings (errors when ZJ_WERROR is set: test/run.sh sets it), then install
# into a private copy of the server tree.
zj_build_stage() {
  local pgbin pglib pgshare
  pgbin=$("$PG_CONFIG" --bindir); pglib=$("$PG_CONFIG" --pkglibdir); pgshare=$("$PG_CONFIG" --sharedir)
  make -s -C "$ZJ_ROOT" PG_CONFIG="$PG_CONFIG" ZJ_WERROR="${ZJ_WERROR:-}" >/dev/null || { zj_log "build failed"; return 1; }
  ZJ_STAGE=$ZJ_TMP/stage
  local base=${pgbin%/bin}
  mkdir -p "$ZJ_STAGE$(dirname "$base")" "$ZJ_STAGE$(dirname "$pgshare")"
  # hard links are cheap and safe: `install` replaces files instead of writing through them
  # (hard links are refused for other users' files: then copy)
  local d
  for d in "$base" "$pgshare"; do
    cp -al "$d" "$ZJ_STAGE$d" 2>/dev/null || { rm -rf "$ZJ_STAGE$d"; cp -a "$d" "$ZJ_STAGE$d"; } || return 1
  done
  rm -f "$ZJ_STAGE$pglib"/zjgov.so "$ZJ_STAGE$pgshare"/extension/zjgov*
  make -s -C "$ZJ_ROOT" PG_CONFIG="$PG_CONFIG" install DESTDIR="$ZJ_STAGE" >/dev/null || return 1
  ZJ_BIN=$ZJ_STAGE$pgbin
  ZJ_PGXS_REGRESS=$(dirname "$("$PG_CONFIG" --pgxs)")/../test/regress/pg_regress
}

# Run a command as the cluster owner (postgres when we are root: PostgreSQL refuses root).
zj_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

zj_free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && [ ! -e "$ZJ_TMP/sock/.s.PGSQL.$p" ]; then
      echo "$p"; return
    fi
  done
  echo 54329
}

zj_down() {
  if [ -n "${ZJ_DATA:-}" ] && [ -f "$ZJ_DATA/postmaster.pid" ]; then
    zj_as_owner "$ZJ_BIN/pg_ctl" -D "$ZJ_DATA" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ -n "${ZJ_TMP:-}" ] && [ -z "${ZJ_KEEP:-}" ]; then rm -rf "$ZJ_TMP"; fi
}

# zj_up [extra postgresql.conf lines...]
zj_up() {
  ZJ_TMP=$(mktemp -d /tmp/zjgov.XXXXXX)
  chmod 755 "$ZJ_TMP"
  trap 'zj_down' EXIT
  trap 'exit 130' INT TERM
  zj_build_stage || return 1
  mkdir -p "$ZJ_TMP/sock" "$ZJ_TMP/data"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$ZJ_TMP/sock" "$ZJ_TMP/data"
  ZJ_DATA=$ZJ_TMP/data
  export PGPORT; PGPORT=$(zj_free_port)
  export PGHOST=$ZJ_TMP/sock
  if [ "$(id -u)" -eq 0 ]; then export PGUSER=postgres; else export PGUSER=$(id -un); fi
  export PGDATABASE=zjgov_test
  zj_as_owner "$ZJ_BIN/initdb" -D "$ZJ_DATA" -U "$PGUSER" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null ||
    { zj_log "initdb failed"; return 1; }
  {
    echo "listen_addresses = ''"
    echo "unix_socket_directories = '$PGHOST'"
    echo "port = $PGPORT"
    echo "fsync = off"
    echo "synchronous_commit = off"
    echo "full_page_writes = off"
    echo "max_worker_processes = 8"
    echo "max_parallel_workers = 4"
    echo "log_min_messages = warning"
    for l in "$@"; do echo "$l"; done
  } | zj_as_owner tee -a "$ZJ_DATA/postgresql.conf" >/dev/null
  zj_as_owner "$ZJ_BIN/pg_ctl" -D "$ZJ_DATA" -l "$ZJ_DATA/server.log" -w -t 60 start >/dev/null ||
    { zj_log "the server did not start:"; cat "$ZJ_DATA/server.log" >&2; return 1; }
  "$ZJ_BIN/createdb" "$PGDATABASE" || return 1
  export ZJ_BIN ZJ_DATA ZJ_TMP
  zj_log "throwaway cluster: PostgreSQL $("$ZJ_BIN/postgres" --version | awk '{print $3}') on $PGHOST port $PGPORT"
}

zj_psql() { "$ZJ_BIN/psql" -X -v ON_ERROR_STOP=1 -q "$@"; }

# Shared by the test drivers (test/run.sh, test/stress.sh, test/valgrind.sh), run from the source root.
# zj_regress OUTDIR [tests...]: pg_regress over the named sql/ files (default: all of sql/*.sql)
# against the cluster, its log in OUTDIR/log; prints the per-test lines and sets ZJ_REGRESS_P and
# ZJ_REGRESS_F (a "failed (ignored)" test counts as failed).
zj_regress() {
  local out=$1; shift
  [ $# -gt 0 ] || set -- $(ls sql/*.sql 2>/dev/null | sed 's|sql/||; s|\.sql$||')
  mkdir -p "$out"
  "$ZJ_PGXS_REGRESS" --bindir="$ZJ_BIN" --inputdir=. --outputdir="$out" \
      --dbname=zjgov_regress --load-extension=postgis --load-extension=zjgov "$@" >"$out/log" 2>&1
  grep -E '^(test |     |ok |not ok)' "$out/log" | sed 's/^/  /'
  ZJ_REGRESS_P=$(grep -cE '\.\.\. ok|^ok ' "$out/log")
  ZJ_REGRESS_F=$(grep -cE '\.\.\. FAILED|^not ok|failed \(ignored\)' "$out/log")
}

# zj_run_suite SCRIPT LOG: run one suite (its output in LOG) and set ZJ_SUITE_P and ZJ_SUITE_F from
# its last "RESULT <passed> <failed>" line; no RESULT line, or a non-zero exit with no failure
# counted, is one failure.
zj_run_suite() {
  local rc res
  bash "$1" >"$2" 2>&1; rc=$?
  res=$(grep -E '^RESULT [0-9]+ [0-9]+$' "$2" | tail -n 1)
  if [ -z "$res" ]; then ZJ_SUITE_P=0; ZJ_SUITE_F=1
  else ZJ_SUITE_P=$(echo "$res" | cut -d' ' -f2); ZJ_SUITE_F=$(echo "$res" | cut -d' ' -f3); fi
  [ $rc -ne 0 ] && [ "$ZJ_SUITE_F" -eq 0 ] && ZJ_SUITE_F=1
  return 0
}
