# Sourced by the reliability suites (test/suites/{garden,fuzz,dump_restore,...}.sh, test/stress/*.sh)
# and by the drivers test/run.sh and test/stress.sh (for rel_log_crashes).
# Needs PGHOST/PGPORT/PGUSER (a superuser) of a running cluster, as test/run.sh provides.
ZJ_BIN=${ZJ_BIN:-$(${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config} --bindir)}
ZJ_ROOT=${ZJ_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}

rel_psql() { "$ZJ_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
rel_val() { "$ZJ_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 "$@"; }

# The postmaster's start time and the server log, to tell a crash (the postmaster resets every
# backend after one) from an ordinary ERROR.
rel_start_time() { rel_val -d postgres -c "SELECT pg_postmaster_start_time()"; }
rel_server_log() {
  local d
  d=${ZJ_DATA:-$(rel_val -d postgres -c "SHOW data_directory" 2>/dev/null)}
  if [ -f "$d/server.log" ]; then echo "$d/server.log"; else
    d=$(rel_val -d postgres -c "SELECT pg_current_logfile()" 2>/dev/null)
    [ -n "$d" ] && echo "$d"
  fi
}
# Lines of the server log after byte offset $1 that show a crashed backend.
rel_log_crashes() {
  local log; log=$(rel_server_log)
  [ -n "$log" ] && [ -f "$log" ] || return 0
  tail -c +"$(( ${1:-0} + 1 ))" "$log" | grep -E -A1 'terminated by signal|was terminated by exception|server process .* exited with exit code [^0]' || true
}
# Does psql's output $1 show that the connection was lost (a crashed or terminated backend)?
rel_conn_lost() { echo "$1" | grep -qiE 'server closed|connection to server|terminating connection|no connection'; }
rel_log_size() { local log; log=$(rel_server_log); [ -n "$log" ] && [ -f "$log" ] && stat -c %s "$log" || echo 0; }

# Wait until the server accepts connections again (after a crash it resets every backend).
rel_wait_ready() {
  for _ in $(seq 1 120); do
    "$ZJ_BIN/pg_isready" -q -d postgres && rel_val -d postgres -c "SELECT 1" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  return 1
}

# A fresh database with zjgov installed: rel_fresh_db NAME
rel_fresh_db() {
  "$ZJ_BIN/dropdb" --if-exists "$1" >/dev/null 2>&1
  "$ZJ_BIN/createdb" "$1" && rel_psql -d "$1" -c "SET client_min_messages = warning; CREATE EXTENSION zjgov CASCADE"
}

# Tallies: ok "what" / bad "what"; rel_result prints the RESULT line.
REL_P=0; REL_F=0
ok() { REL_P=$((REL_P + 1)); [ -n "${REL_QUIET:-}" ] || echo "ok - $*"; }
bad() { REL_F=$((REL_F + 1)); echo "not ok - $*"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
rel_result() { echo "RESULT $REL_P $REL_F"; }
