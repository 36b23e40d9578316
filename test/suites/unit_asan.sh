#!/usr/bin/env bash
# Standalone unit tests of zjgov's pure C cores (src/geodesy.c, jenks.c, graph.c, spstat.c, hexfloat.c,
# crossing.c, kendall.c, regionalize.c) under
# AddressSanitizer and UBSan: ASan cannot be preloaded into Debian's stock server, so the
# cores are compiled unchanged outside it, against a stand-in postgres.h (test/unit/shim, with
# shim.c), with -fsanitize=address,undefined and -fno-sanitize-recover=all (any undefined behaviour
# aborts the test).  Two deliberately faulty programs first prove that the sanitizers are really
# active.  Needs no cluster.
# Standalone unit tests of zjgov's pure C cores (src/geodesy.c, jenks.c, graph.c, spstat.c,
# hexfloat.c, crossing.c, kendall.c, regionalize.c) under AddressSanitizer and UBSan: ASan cannot be preloaded into
# Debian's stock server, so the cores are compiled unchanged outside it, against a stand-in
# postgres.h (test/unit/shim, with shim.c), with -fsanitize=address,undefined and
# -fno-sanitize-recover=all (any undefined behaviour aborts the test).  Two deliberately faulty
# programs first prove that the sanitizers are really active.  Needs no cluster.
# Prints "RESULT <passed> <failed>" last; SKIP only when gcc cannot build sanitized programs.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
unit=$root/test/unit
CC=gcc
SAN=(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
CFLAGS=(-std=gnu11 -O1 -g -Wall -Wextra -Werror "${SAN[@]}")
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=23
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

base=${ZJ_TMP:-${TMPDIR:-/tmp}}
[ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
work=$(mktemp -d "$base/unit_asan.XXXXXX") || { echo "cannot create a scratch directory"; echo "RESULT 0 1"; exit 1; }
trap 'rm -rf "$work"' EXIT

printf 'int main(void) { return 0; }\n' >"$work/probe.c"
if ! command -v "$CC" >/dev/null || ! "$CC" "${SAN[@]}" -o "$work/probe" "$work/probe.c" >"$work/probe.log" 2>&1; then
  echo "SKIP $CC cannot build programs with -fsanitize=address,undefined"; sed -n 1,5p "$work/probe.log" 2>/dev/null
  echo "RESULT 0 0"; exit 0
fi

passed=0; failed=0
ok() { echo "PASS $1"; passed=$((passed + 1)); }
ko() { echo "FAIL $1"; failed=$((failed + 1)); }

# negative controls: a heap overflow and a signed overflow must each abort
cat >"$work/overflow.c" <<'C'
#include <stdlib.h>
int main(int argc, char **argv) { int *a = malloc(4 * sizeof(int)); (void) argv; a[argc + 3] = 1; free(a); return 0; }
C
cat >"$work/ub.c" <<'C'
#include <limits.h>
int main(int argc, char **argv) { int x = INT_MAX - 1 + argc; (void) argv; x += argc; return x == 7; }
C
for c in overflow ub; do
  if "$CC" "${SAN[@]}" -o "$work/$c" "$work/$c.c" 2>"$work/$c.log" && ! "$work/$c" >>"$work/$c.log" 2>&1 &&
     grep -qE 'AddressSanitizer|runtime error' "$work/$c.log"; then
    ok "the sanitizers catch a deliberate $c"
  else
    ko "the sanitizers did not catch a deliberate $c"; sed -n 1,10p "$work/$c.log"
  fi
done

# one test program per core: name, then the sources compiled with it
run_unit() {
  local name=$1; shift
  if ! "$CC" "${CFLAGS[@]}" -I"$unit/shim" -I"$root/src" -I"$unit" -o "$work/$name" "$@" "$unit/shim/shim.c" -lm >"$work/$name.build" 2>&1; then
    cat "$work/$name.build"; ko "$name: build"; return
  fi
  "$work/$name" >"$work/$name.out" 2>&1; local rc=$?
  grep -E '^(not )?ok' "$work/$name.out" | sed "s/^/$name: /"
  local res p f
  res=$(grep -E '^UNIT [0-9]+ [0-9]+$' "$work/$name.out" | tail -n 1)
  if [ -z "$res" ] || [ $rc -ne 0 ]; then
    grep -vE '^(not )?ok' "$work/$name.out" | sed -n 1,40p
    ko "$name: exited with status $rc (a sanitizer report or a failed check)"
  fi
  [ -n "$res" ] || return
  p=$(echo "$res" | cut -d' ' -f2); f=$(echo "$res" | cut -d' ' -f3)
  passed=$((passed + p)); failed=$((failed + f))
}

run_unit geodesy "$root/src/geodesy.c" "$unit/geodesy_test.c"
run_unit jenks "$root/src/jenks.c" "$unit/jenks_test.c"
run_unit graph "$root/src/graph.c" "$unit/graph_test.c"
run_unit spstat "$root/src/spstat.c" "$root/src/graph.c" "$unit/spstat_test.c"
run_unit kendall "$root/src/kendall.c" "$unit/kendall_test.c"
run_unit hexfloat "$root/src/hexfloat.c" "$unit/hexfloat_test.c"
run_unit crossing "$root/src/crossing.c" "$unit/crossing_test.c"
run_unit regionalize "$root/src/regionalize.c" "$root/src/graph.c" "$unit/regionalize_test.c"

echo "RESULT $passed $failed"
[ "$failed" -eq 0 ]
