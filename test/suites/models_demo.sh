#!/usr/bin/env bash
# models_demo: demo/9_models.sql (the 239-indicator rule book, 800 enterprises, two years) runs twice
# (idempotent) the way demo/run.sh runs it, and its scores equal the same rules written as plain SQL.
set -uo pipefail
cd "$(dirname "$0")/../.."
: "${ZJ_BIN:=$(/usr/lib/postgresql/15/bin/pg_config --bindir)}"
db=zj_models_demo_suite
q() { "$ZJ_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
val() { q -At -c "SET search_path = demo, zjgov, public" -c "$1" 2>&1; }
pass=0; fail=0
ok() { if [ "$2" = "$3" ]; then echo "ok - $1"; pass=$((pass + 1)); else echo "not ok - $1: got '$2', want '$3'"; fail=$((fail + 1)); fi; }
trap '"$ZJ_BIN/dropdb" --if-exists "$db" 2>/dev/null' EXIT
"$ZJ_BIN/dropdb" --if-exists "$db" 2>/dev/null
"$ZJ_BIN/createdb" "$db" || { echo "RESULT 0 1"; exit 1; }
q -c "SET client_min_messages = warning" -c "CREATE EXTENSION zjgov CASCADE" -c "CREATE SCHEMA demo" || { echo "RESULT 0 1"; exit 1; }
have=" $(val "SELECT string_agg(DISTINCT proname, ' ') FROM pg_proc WHERE pronamespace = 'zjgov'::regnamespace") "
for round in 1 2; do
  out=$(awk -v have="$have" -v sq="'" -f demo/sections.awk demo/9_models.sql |
        PGOPTIONS="-c client_min_messages=warning" q -P pager=off 2>&1); rc=$?
  ok "demo/9_models.sql runs (round $round)" "$rc$(echo "$out" | grep -c -E 'ERROR|skipped')" "00"
done
ok "the book: 2 versions of 239 indicators, 6 dimensions, 23 interval items, 3 rule items" \
   "$(val "SELECT string_agg(n::text, ' ' ORDER BY v) FROM (SELECT valid_from AS v, count(*) AS n FROM zjgov.indicator WHERE model = 'demo_deqing' GROUP BY 1) s")" "248 248"
ok "800 enterprises scored in each of two years, every score in [0, 100]" \
   "$(val "SELECT count(*) FILTER (WHERE year = 2024) || ' ' || count(*) FILTER (WHERE year = 2025) || ' ' || bool_and(score BETWEEN 0 AND 100) FROM ent_score")" "800 800 true"
# the 2025 book as plain SQL: leaves (benefit, cost, interval) → dimensions (weights, D1 doubled) →
# weighted mean; + bonus − deduction clamped to [0, 100]; capped at 60 by the veto
ok "the 2025 scores equal the rules written as plain SQL" \
   "$(val "WITH m AS (SELECT * FROM zjgov.indicator WHERE model = 'demo_deqing' AND valid_from = '2025-01-01'),
   leaf AS (SELECT o.enterprise, m.parent, m.weight,
                   100 * CASE WHEN m.kind = 'interval' THEN greatest(0, 1 - greatest(m.lo - o.value, o.value - m.hi, 0) / m.tol)
                              ELSE greatest(0, least(1, CASE m.direction WHEN 'cost' THEN (m.hi - o.value) / (m.hi - m.lo)
                                                                         ELSE (o.value - m.lo) / (m.hi - m.lo) END)) END AS s
              FROM ent_obs o JOIN m ON m.code = o.code WHERE o.year = 2025 AND m.kind IN ('leaf', 'interval') AND m.parent IS NOT NULL),
   dim AS (SELECT l.enterprise, p.weight, sum(l.weight * l.s) / sum(l.weight) AS s FROM leaf l JOIN m p ON p.code = l.parent
            GROUP BY l.enterprise, p.code, p.weight),
   tot AS (SELECT enterprise, sum(weight * s) / sum(weight) AS s FROM dim GROUP BY enterprise),
   rules AS (SELECT o.enterprise,
                    sum(CASE m.kind WHEN 'bonus' THEN least(m.cap, greatest(0, o.value * m.points))
                                    WHEN 'deduction' THEN -least(m.cap, greatest(0, o.value * m.points)) ELSE 0 END) AS adj,
                    min(CASE WHEN m.kind = 'veto' AND o.value <> 0 THEN m.cap END) AS cap
               FROM ent_obs o JOIN m ON m.code = o.code WHERE o.year = 2025 AND m.kind IN ('veto', 'bonus', 'deduction')
              GROUP BY o.enterprise),
   plain AS (SELECT t.enterprise, least(greatest(0, least(100, t.s + coalesce(r.adj, 0))), coalesce(r.cap, 'Infinity')) AS s
               FROM tot t LEFT JOIN rules r USING (enterprise))
   SELECT count(*) || ' ' || bool_and(abs(p.s - e.score) < 1e-9) FROM plain p JOIN ent_score e ON e.enterprise = p.enterprise AND e.year = 2025")" "800 true"
ok "vetoed enterprises score at most 60" \
   "$(val "SELECT bool_and(s.score <= 60) AND count(*) > 0 FROM ent_score s JOIN ent_obs o ON o.enterprise = s.enterprise AND o.year = s.year AND o.code = 'V' AND o.value <> 0")" "t"
ok "the year-on-year change is the difference of the two years' scores" \
   "$(val "SELECT bool_and(abs((c).delta - (s25 - s24)) < 1e-9) FROM (SELECT enterprise, year, zjgov.period_change(score) OVER (PARTITION BY enterprise ORDER BY year) AS c,
             max(score) FILTER (WHERE year = 2025) OVER (PARTITION BY enterprise) AS s25, max(score) FILTER (WHERE year = 2024) OVER (PARTITION BY enterprise) AS s24 FROM ent_score) q WHERE year = 2025")" "t"
q -c "DELETE FROM zjgov.indicator WHERE model = 'demo_deqing'" >/dev/null
echo "RESULT $pass $fail"
