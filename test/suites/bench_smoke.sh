#!/usr/bin/env bash
# Smoke test of the benchmark harness (bench/run.sh) at SCALE=tiny against the running test
# cluster, so `make bench` cannot rot. It asserts that every case ran or was skipped because its
# zjgov function is missing, that no variant failed, that every answer agreed with zjgov's, and
# that results.md and the chart were written. It never looks at timings.
set -uo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d /tmp/zjgov-bench-smoke.XXXXXX)
trap 'rm -rf "$out"' EXIT
command -v Rscript >/dev/null || { echo "NOTE bench_smoke: R is not installed, R baselines left out"; export BENCH_R=0; }
SCALE=tiny BENCH_OUT=$out BENCH_DB=zjgov_bench_smoke BENCH_CAP=20 BENCH_BUDGET=300 \
  bash bench/run.sh >"$out/stdout" 2>"$out/stderr"; rc=$?
cat "$out/stdout"
p=0; f=0
ok() { echo "ok - $1"; p=$((p + 1)); }
nok() { echo "not ok - $1"; f=$((f + 1)); }
[ $rc -eq 0 ] && ok "bench/run.sh exited 0" || { nok "bench/run.sh exited $rc"; tail -n 30 "$out/stderr"; }
n_ok=$(grep -c '^OK ' "$out/stdout")
while read -r line; do nok "$line"; done < <(grep -E '^(FAIL|DISAGREE|ERROR) ' "$out/stdout")
while read -r line; do ok "$line"; done < <(grep -E '^OK ' "$out/stdout")
grep '^SKIP ' "$out/stdout" | grep -v 'zjgov function not installed' | while read -r line; do echo "unexpected $line"; done
n_bad_skip=$(grep '^SKIP ' "$out/stdout" | grep -vc 'zjgov function not installed')
[ "$n_bad_skip" -eq 0 ] && ok "no case skipped for another reason than a missing function" || nok "$n_bad_skip cases skipped unexpectedly"
if [ -s "$out/results.md" ] && grep -q '^| case | size | variant |' "$out/results.md"; then ok "results.md written"
else nok "results.md missing or without its table"; fi
if [ "$n_ok" -gt 0 ]; then
  [ -s "$out/ratios.png" ] && ok "ratios.png written" || nok "ratios.png missing"
  grep -q 'DIFFERS' "$out/results.md" && nok "results.md reports a differing answer" || ok "results.md reports no differing answer"
fi
echo "RESULT $p $f"
