# warn: rows of (AQI, date) coloured by the built-in aqi rule with its two versions in force over the
# dates (a second version of the rule is added), against the same lookup in plain SQL (the version
# in force by a correlated subquery, the class by counting thresholds).
# draw: 双随机 selection at rate 0.1 by draw(seed, key, rate), against pgcrypto's HMAC-SHA-256 (an
# OpenSSL HMAC per row, the first 53 bits of the digest compared with the rate).
case_warn() {
  local n t
  for n in $(b_sizes 20000 200000 2000000); do
    b_begin warn "$(b_label "$n") rows, 2 rule versions" "$n" warn || continue
    t=rw_$n
    b_gen <<SQL || continue
DROP TABLE IF EXISTS $t;
SELECT setseed(0.53);
DELETE FROM zjgov.warning_rule WHERE rule = 'aqi' AND NOT builtin;
INSERT INTO zjgov.warning_rule (rule, valid_from, thresholds, colours, lower_inclusive)
VALUES ('aqi', '2013-01-01', '{50,100,150,200,300}', '{green,yellow,orange,red,purple,maroon}', false);
CREATE TABLE $t AS
  SELECT i AS id, floor(random() * 450)::float8 AS aqi, DATE '2014-01-01' + floor(random() * 4000)::int AS day
  FROM generate_series(1, $n) i;
ANALYZE $t;
SQL
    b_sql zjgov zjgov "" "SELECT id, zjgov.warn('aqi', aqi, day)::text AS c FROM $t"
    b_sql zjgov_2workers parallel "$B_PAR" "SELECT id, zjgov.warn('aqi', aqi, day)::text AS c FROM $t"
    b_check zjgov_2workers "SELECT count(*) FILTER (WHERE z.c IS DISTINCT FROM b.c) = 0 AND count(*) = $n,
        format('%s rows, %s differ', count(*), count(*) FILTER (WHERE z.c IS DISTINCT FROM b.c))
      FROM bench_ans_zjgov z FULL JOIN bench_ans_zjgov_2workers b USING (id)"
    b_sql sql_lookup baseline "" "SELECT t.id,
        (SELECT (r.colours[1 + (SELECT count(*) FROM unnest(r.thresholds) th
                                 WHERE CASE WHEN r.lower_inclusive THEN th <= t.aqi ELSE th < t.aqi END)::int])::text
           FROM zjgov.warning_rule r
          WHERE r.rule = 'aqi' AND r.valid_from <= t.day ORDER BY r.valid_from DESC LIMIT 1) AS c
      FROM $t t"
    b_check sql_lookup "SELECT count(*) FILTER (WHERE z.c IS DISTINCT FROM b.c) = 0 AND count(*) = $n,
        format('%s rows, %s differ', count(*), count(*) FILTER (WHERE z.c IS DISTINCT FROM b.c))
      FROM bench_ans_zjgov z FULL JOIN bench_ans_sql_lookup b USING (id)"
    b_go
  done
}

case_draw() {
  local n t
  for n in $(b_sizes 20000 200000 2000000); do
    b_begin draw "$(b_label "$n") keys, rate 0.1" "$n" draw || continue
    t=dr_$n
    b_gen <<SQL || continue
CREATE EXTENSION IF NOT EXISTS pgcrypto;
DROP TABLE IF EXISTS $t;
CREATE TABLE $t AS SELECT i AS id, '91330' || lpad(i::text, 13, '0') AS code FROM generate_series(1, $n) i;
ANALYZE $t;
SQL
    b_sql zjgov zjgov "" "SELECT id FROM $t WHERE zjgov.draw('2026-11-20 双随机 第47期 8361', code, 0.1)"
    b_sql zjgov_2workers parallel "$B_PAR" "SELECT id FROM $t WHERE zjgov.draw('2026-11-20 双随机 第47期 8361', code, 0.1)"
    b_sql pgcrypto_hmac baseline "" "SELECT id FROM $t
      WHERE (('x' || substr(encode(hmac(convert_to(code, 'UTF8'), convert_to('2026-11-20 双随机 第47期 8361', 'UTF8'), 'sha256'), 'hex'), 1, 14))::bit(56)::bigint >> 3)::float8
            / 9007199254740992 < 0.1"
    for v in zjgov_2workers pgcrypto_hmac; do
      b_check $v "SELECT count(*) FILTER (WHERE z.id IS NULL OR b.id IS NULL) = 0 AND count(*) > 0,
          format('%s drawn, %s differ', count(*), count(*) FILTER (WHERE z.id IS NULL OR b.id IS NULL))
        FROM bench_ans_zjgov z FULL JOIN bench_ans_$v b USING (id)"
    done
    b_go
  done
}
