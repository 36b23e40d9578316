#!/usr/bin/env bash
# rules: what pg_regress cannot show in one database.
#  - draw_key against an independent HMAC-SHA-256 (pgcrypto's hmac(), OpenSSL) on keys longer than
#    the 64-byte block, long and multibyte messages, and a non-UTF-8 database (Latin-1 text is
#    converted to UTF-8 first);
#  - χ² uniformity of draw_key over 1,000,000 keys in 1,000 equal bins, and of draw's selected share;
#  - identical results in forced parallel plans (draw, warn, is_workday in workers);
#  - user rules of zjgov.warning_rule and rows of zjgov.workday_calendar survive pg_dump/pg_restore,
#    built-in rules are neither dumped nor duplicated, and warn reads the restored rule.
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/lib/reliability.sh
src=zj_rules_src; dst=zj_rules_dst; lat=zj_rules_latin1; dump=$(mktemp -d /tmp/zjrules.XXXXXX)
chmod 777 "$dump"
cleanup() { for d in $src $dst $lat; do "$ZJ_BIN/dropdb" --if-exists "$d" >/dev/null 2>&1; done; rm -rf "$dump"; }
trap cleanup EXIT
v() { rel_val "$@"; }
is() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: got '$2', want '$3'"; fi; }

for d in $src $dst $lat; do "$ZJ_BIN/dropdb" --if-exists "$d" >/dev/null 2>&1; done
"$ZJ_BIN/createdb" $src && "$ZJ_BIN/createdb" $dst || { bad "createdb"; rel_result; exit 1; }
v -d $src -c "SET client_min_messages = warning" -c "CREATE EXTENSION zjgov CASCADE" -c "CREATE EXTENSION pgcrypto" >/dev/null ||
  { bad "CREATE EXTENSION"; rel_result; exit 1; }

# ---------------------------------------------------------------- draw_key = HMAC-SHA-256's top 53 bits
# pgcrypto's hmac() (OpenSSL) is an implementation independent of PostgreSQL's own cryptohash;
# 2^53 = 9007199254740992.
ref="(('x' || substr(encode(pgcrypto_hmac, 'hex'), 1, 14))::bit(56)::bigint >> 3)::float8 / 9007199254740992"
is "draw_key = pgcrypto HMAC-SHA-256 on 2,000 seeds and keys (long keys, long and multibyte messages)" \
   "$(v -d $src <<SQL
SELECT count(*) FILTER (WHERE zjgov.draw_key(seed, key) = $ref)
  FROM (SELECT seed, key, hmac(convert_to(key, 'UTF8'), convert_to(seed, 'UTF8'), 'sha256') AS pgcrypto_hmac
          FROM (SELECT CASE i % 4 WHEN 0 THEN 's' || i
                                  WHEN 1 THEN repeat('密钥', 20 + i % 50)          -- 120+ bytes: hashed first
                                  WHEN 2 THEN '2025-06-01 市场监管局 ' || i
                                  ELSE repeat(chr(11), 64) END AS seed,             -- exactly one block
                       CASE i % 3 WHEN 0 THEN i::text
                                  WHEN 1 THEN repeat('企业统一社会信用代码', i % 40)  -- up to 1 KB, or empty
                                  ELSE md5(i::text) END AS key
                  FROM generate_series(1, 2000) i) s) t;
SQL
)" 2000

# A Latin-1 database: text is converted to UTF-8 before hashing, so é gives the UTF-8 bytes c3 a9.
export PGCLIENTENCODING=UTF8
if "$ZJ_BIN/createdb" -E LATIN1 -T template0 --locale=C $lat 2>/dev/null; then
  v -d $lat -c "SET client_min_messages = warning" -c "CREATE EXTENSION zjgov CASCADE" -c "CREATE EXTENSION pgcrypto" >/dev/null
  is "a LATIN1 database hashes the UTF-8 bytes of its text" \
     "$(v -d $lat -c "SELECT zjgov.draw_key('clé', 'café') = (('x' || substr(encode(hmac('\\x636166c3a9'::bytea, '\\x636cc3a9'::bytea, 'sha256'), 'hex'), 1, 14))::bit(56)::bigint >> 3)::float8 / 9007199254740992")" t
  is "... and agrees with a UTF-8 database" \
     "$(v -d $lat -c "SELECT zjgov.draw_key('clé', 'café')")" "$(v -d $src -c "SELECT zjgov.draw_key('clé', 'café')")"
else
  bad "createdb -E LATIN1"
fi

# ---------------------------------------------------------------- χ² uniformity
# 1,000,000 keys in 1,000 equal bins: χ² with 999 degrees of freedom; the 0.001 and 0.999 quantiles
# are 867.0 and 1142.8 (R: qchisq(c(0.001, 0.999), 999)).  The seed is fixed, so the test is
# deterministic; any reasonable hash passes, a broken mapping (e.g. bytes read little-endian and
# shifted, or a constant) fails by orders of magnitude.
chi=$(v -d $src <<'SQL'
SELECT round(sum((n - 1000.0) ^ 2 / 1000.0)::numeric, 1)
  FROM (SELECT width_bucket(zjgov.draw_key('zjgov chi-square 2025', i::text), 0, 1, 1000) AS b, count(*) AS n
          FROM generate_series(1, 1000000) i GROUP BY 1) s;
SQL
)
echo "NOTE draw_key chi-square over 1,000,000 keys, 1000 bins: $chi (999 df)"
check "draw_key is uniform: chi-square $chi within the central 99.8 % of chi-square(999)" \
  awk -v x="$chi" 'BEGIN { exit !(x > 867.0 && x < 1142.8) }'
# draw at rate 0.1 on 1,000,000 keys: binomial(1e6, 0.1), sd 300; allow 4 sd
sel=$(v -d $src -c "SELECT count(*) FILTER (WHERE zjgov.draw('zjgov chi-square 2025', i::text, 0.1)) FROM generate_series(1, 1000000) i")
check "draw at rate 0.1 selects 100,000 +/- 1,200 of 1,000,000 (got $sel)" awk -v x="$sel" 'BEGIN { exit !(x > 98800 && x < 101200) }'
# two seeds are independent: the share drawn by both at 0.5 is 0.25 (sd of the count 433 on 1e6)
both=$(v -d $src -c "SELECT count(*) FILTER (WHERE zjgov.draw('a', i::text, 0.5) AND zjgov.draw('b', i::text, 0.5)) FROM generate_series(1, 1000000) i")
check "two seeds draw independently: 250,000 +/- 1,800 drawn by both (got $both)" awk -v x="$both" 'BEGIN { exit !(x > 248200 && x < 251800) }'

# ---------------------------------------------------------------- parallel plans
v -d $src >/dev/null <<'SQL'
CREATE TABLE firm AS SELECT i AS id, (i % 400) + 1 AS aqi, DATE '2025-01-01' + (i % 365) AS day
  FROM generate_series(1, 200000) i;
INSERT INTO zjgov.workday_calendar VALUES ('2025-10-01', false, '国庆节'), ('2025-09-28', true, '调休');
ANALYZE firm;
SQL
par="SET search_path = zjgov, public; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
     SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;"
ser="SET search_path = zjgov, public; SET max_parallel_workers_per_gather = 0;"
q="SELECT count(*) FILTER (WHERE zjgov.draw('seed', id::text, 0.3)), sum((zjgov.draw_key('seed', id::text) * 9007199254740992)::bigint::numeric),  -- exact: the 53-bit integers
          count(*) FILTER (WHERE zjgov.warn('aqi', aqi, '2025-06-01') >= 'red'),
          count(*) FILTER (WHERE zjgov.is_workday(day)) FROM firm"
plan=$(v -d $src -c "$par" -c "EXPLAIN (COSTS OFF) $q")
parallel_plan() { grep -q 'Gather' <<<"$plan" && grep -q 'Parallel Seq Scan' <<<"$plan"; }
check "the query runs in a parallel plan (Gather, Parallel Seq Scan)" parallel_plan
pres=$(v -d $src -c "$par" -c "$q"); sres=$(v -d $src -c "$ser" -c "$q")
echo "NOTE parallel: $pres; serial: $sres"
is "draw, draw_key, warn and is_workday: parallel = serial" "${pres:-(none)}" "${sres:-(no serial result)}"
# by hand: aqi 1..400 cycles 500 times; red or worse is AQI > 150: 250 values of 400 -> 125,000
is "warn('aqi') >= red counted in workers: 125000" "$(v -d $src -c "$par" -c "SELECT count(*) FILTER (WHERE zjgov.warn('aqi', aqi, '2025-06-01') >= 'red') FROM firm")" 125000

# ---------------------------------------------------------------- dump and restore of user rows
v -d $src >/dev/null <<'SQL'
INSERT INTO zjgov.warning_rule (rule, valid_from, thresholds, colours, measures, unit, owner) VALUES
    ('river_level', '2024-01-01', '{4.5,5.0,5.5}', '{green,blue,yellow,red}', '{巡查,加密巡查,Ⅳ级响应,Ⅰ级响应}', 'm', '水利局');
-- added, then updated
INSERT INTO zjgov.warning_rule (rule, valid_from, thresholds, colours) VALUES ('river_level', '2025-07-01', '{4.0,4.8,5.3}', '{green,blue,yellow,red}');
UPDATE zjgov.warning_rule SET thresholds = '{4.0,4.8,5.2}', measures = '{巡查,加密巡查,Ⅲ级响应,Ⅰ级响应}' WHERE rule = 'river_level' AND valid_from = '2025-07-01';
SQL
"$ZJ_BIN/pg_dump" -Fc -d $src -f "$dump/db.dump"; is "pg_dump exits 0" "$?" 0
"$ZJ_BIN/pg_dump" -d $src -f "$dump/db.sql"
is "the plain dump holds the 2 user rules and no built-in one" \
   "$(sed -n '/^COPY zjgov.warning_rule/,/^\\\./p' "$dump/db.sql" | grep -c $'\t')" 2
is "the plain dump holds the 2 calendar rows" \
   "$(sed -n '/^COPY zjgov.workday_calendar/,/^\\\./p' "$dump/db.sql" | grep -c $'\t')" 2
"$ZJ_BIN/pg_restore" --exit-on-error -d $dst "$dump/db.dump" 2>"$dump/restore.err"; is "pg_restore exits 0" "$?" 0
[ -s "$dump/restore.err" ] && cat "$dump/restore.err"
is "built-in rules present once" "$(v -d $dst -c "SELECT string_agg(rule, ',' ORDER BY rule) FROM zjgov.warning_rule WHERE builtin")" "aqi,lec,risk_matrix"
is "user rule restored as a user rule, updated version kept" \
   "$(v -d $dst -c "SELECT string_agg(valid_from || ' ' || thresholds::text || ' ' || builtin, '; ' ORDER BY valid_from) FROM zjgov.warning_rule WHERE rule = 'river_level'")" \
   "2024-01-01 {4.5,5,5.5} false; 2025-07-01 {4,4.8,5.2} false"
is "warn and warn_measure read the restored rule" \
   "$(v -d $dst -c "SELECT zjgov.warn('river_level', 5.25, '2025-07-01') || ' ' || zjgov.warn('river_level', 5.25, '2025-06-30') || ' ' || zjgov.warn_measure('river_level', 'yellow', '2025-07-01')")" \
   "red yellow Ⅲ级响应"
# (Fri 26 Sep, Fri 3 Oct]: Sun 28 (make-up), Mon 29, Tue 30, Thu 2, Fri 3; Wed 1 Oct off -> 5
is "the calendar is restored" "$(v -d $dst -c "SELECT zjgov.workdays_between('2025-09-26', '2025-10-03')")" 5
is "the built-in rule still answers" "$(v -d $dst -c "SELECT zjgov.warn('aqi', 151, '2025-01-01')")" red

rel_result
