#!/usr/bin/env bash
# Random awkward inputs (NULLs, NaN, ±Infinity, huge, tiny, negative, empty and mismatched arrays,
# 2-D arrays) through every indicator function: each call must succeed or raise a user error —
# never a crash and never an internal error (XX000).  Seeded, a few seconds.
set -uo pipefail
ZJ_BIN=${ZJ_BIN:-$(${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config} --bindir)}
db=zj_ind_fuzz
"$ZJ_BIN/psql" -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
"$ZJ_BIN/psql" -X -q -d $db -c "CREATE EXTENSION zjgov CASCADE" 2>/dev/null
out=$("$ZJ_BIN/psql" -X -q -At -d $db 2>&1 <<'SQL'
SET search_path = public, zjgov;
SELECT setseed(0.42);
INSERT INTO zjgov.indicator (model, code, parent, weight, direction, lo, hi) VALUES
  ('f', 'D', NULL, 1, 'benefit', NULL, NULL), ('f', 'a', 'D', 1, 'benefit', 0, 1), ('f', 'b', 'D', 2, 'cost', -1, 1);
CREATE FUNCTION pick() RETURNS float8 LANGUAGE sql VOLATILE AS $$
  SELECT (ARRAY[NULL, 'NaN', 'Infinity', '-Infinity', 0, 1, -1, 1e308, -1e308, 1e-320, 0.5, 3, 1e200, 7]::float8[])
         [1 + floor(random() * 14)::int] $$;
CREATE FUNCTION arr() RETURNS float8[] LANGUAGE sql VOLATILE AS $$
  SELECT CASE WHEN random() < 0.05 THEN NULL
              WHEN random() < 0.05 THEN '{{1,2},{3,4}}'::float8[]
              ELSE array(SELECT pick() FROM generate_series(1, floor(random() * 4)::int)) END $$;
CREATE TABLE calls(q text);
INSERT INTO calls
  SELECT format('SELECT zjgov.normalize(%L::float8, %L::float8, %L::float8, %L)', pick(), pick(), pick(),
                (ARRAY['benefit', 'cost', 'x', NULL])[1 + floor(random() * 4)::int]) FROM generate_series(1, 400)
  UNION ALL
  SELECT format('SELECT zjgov.normalize(x, %L, %L, %L::float8, %L::float8) OVER () FROM unnest(%L::float8[]) x',
                (ARRAY['minmax', 'zscore', 'interval', 'x', NULL])[1 + floor(random() * 5)::int],
                (ARRAY['benefit', 'cost', 'interval', NULL])[1 + floor(random() * 4)::int], pick(), pick(), arr())
    FROM generate_series(1, 400)
  UNION ALL
  SELECT format('SELECT %s(x) FROM (VALUES (%L::float8[]), (%L::float8[]), (%L::float8[])) v(x)',
                (ARRAY['entropy_weights', 'critic_weights'])[1 + floor(random() * 2)::int], arr(), arr(), arr())
    FROM generate_series(1, 600)
  UNION ALL
  SELECT format('SELECT ahp(%L::float8[])', CASE WHEN random() < 0.5 THEN arr()
                ELSE ARRAY[[1, pick()], [pick(), 1]]::float8[] END) FROM generate_series(1, 300)
  UNION ALL
  SELECT format('SELECT topsis(x, %L::float8[], %L::bool[]) OVER () FROM (VALUES (%L::float8[]), (%L::float8[])) v(x)',
                arr(), CASE WHEN random() < 0.5 THEN NULL ELSE '{t,f}'::bool[] END, arr(), arr()) FROM generate_series(1, 400)
  UNION ALL
  SELECT format('SELECT weighted_score(%L::float8[], %L::float8[])', arr(), arr()) FROM generate_series(1, 300)
  UNION ALL
  SELECT format('SELECT score_detail(%L, c, v) FROM (VALUES (%L, %L::float8), (%L, %L::float8)) t(c, v)',
                (ARRAY['f', 'g', NULL])[1 + floor(random() * 3)::int],
                (ARRAY['a', 'b', 'D', 'z', NULL])[1 + floor(random() * 5)::int], pick(),
                (ARRAY['a', 'b', 'D', 'z', NULL])[1 + floor(random() * 5)::int], pick()) FROM generate_series(1, 400)
  UNION ALL
  SELECT format('SELECT %s(%L::float8[])', f, s)
    FROM (VALUES ('_zjgov_entropy_final'), ('_zjgov_critic_final')) fn(f),
         (VALUES ('{}'), ('{1,1,1,1,1,1}'), ('{2,1,0,0,0,0}'), ('{NaN,1,0,0,0,0}'), ('{1,1e10,0}'),
                 ('{3,1,0,0}'), ('{1,2,3,4,5,6,7,8,9,10}'), ('{Infinity,1,1,1,1,1}')) st(s);
DO $$
DECLARE r record; ok int := 0; usr int := 0; bad int := 0;
BEGIN
  FOR r IN SELECT q FROM calls LOOP
    BEGIN
      EXECUTE r.q;
      ok := ok + 1;
    EXCEPTION WHEN OTHERS THEN
      IF SQLSTATE IN ('XX000', 'XX001', 'XX002') THEN
        bad := bad + 1;
        RAISE NOTICE 'internal error % on: %', SQLERRM, r.q;
      ELSE
        usr := usr + 1;
      END IF;
    END;
  END LOOP;
  RAISE NOTICE 'calls: % ok, % user errors, % internal errors', ok, usr, bad;
END $$;
SQL
)
echo "$out" | tail -n 20
"$ZJ_BIN/psql" -X -q -d postgres -c "DROP DATABASE $db"
summary=$(echo "$out" | grep -o 'calls: .*internal errors' | tail -1)
internal=$(echo "$summary" | sed -n 's/.*, \([0-9]*\) internal errors/\1/p')
if [ -n "$summary" ] && [ "$internal" = 0 ]; then echo "RESULT 1 0"; else echo "RESULT 0 1"; fi
