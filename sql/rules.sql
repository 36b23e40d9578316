-- rules: the six-level colour, warning rules (warn, warn_measure), escalate, working days, draws
SET search_path = public, zjgov;
-- ===================================================================== colour: purple and maroon
-- HJ 633-2012 appendix A: 重度污染 purple #99004C, 严重污染 maroon #7E0023, above red; the 1.0
-- bytes are unchanged (green 0 .. red 4), the new values take 5 and 6.
SELECT 'purple'::colour, ' MAROON '::colour, '紫'::colour, '紫色'::colour, '褐红'::colour, '褐红色'::colour;
SELECT c, colour_send(c) AS byte, colour_zh(c), colour_hex(c), warning_level(c) IS NULL AS no_level
  FROM unnest('{green,blue,yellow,orange,red,purple,maroon}'::colour[]) c ORDER BY c DESC;
SELECT 'red'::colour < 'purple', 'purple'::colour < 'maroon', 'maroon'::colour > 'green',
       max(c) AS worst, min(c) AS mildest
  FROM unnest('{purple,red,maroon,green}'::colour[]) c;
-- colour_of: the default palette for 6 classes is the air-quality one; 1..5 classes as before
SELECT v, colour_of(v, '{51,101,151,201,301}') AS aqi_like, colour_of(v, '{20,40,60,80}') AS k5
  FROM unnest('{0,51,101,151,201,301}'::float8[]) v;
SELECT colour_of(250, '{51,101,151,201,301}', higher_is_worse => false) AS low_bad,
       colour_of(1, '{0}', '{purple,maroon}') AS own_palette;
-- svg_map: legend entries and fills for the new colours
SELECT position('#7E0023' IN m) > 0 AS maroon_fill, position('#99004C' IN m) > 0 AS purple_fill,
       position('>maroon' IN m) > 0 AS maroon_legend, position('>purple' IN m) > 0 AS purple_legend
  FROM (SELECT svg_map(g, c)::text AS m
          FROM (VALUES ('POLYGON((0 0,1 0,1 1,0 1,0 0))'::geometry, 'maroon'::colour),
                       ('POLYGON((1 0,2 0,2 1,1 1,1 0))', 'purple'),
                       ('POLYGON((2 0,3 0,3 1,2 1,2 0))', 'green')) t(g, c)) s;
-- errors
SELECT 'violet'::colour;
SELECT colour_of(1, '{1,2,3,4,5,6}');

-- ===================================================================== built-in warning rules
SELECT rule, valid_from, thresholds, colours, lower_inclusive, array_length(measures, 1) AS measures, unit
  FROM warning_rule WHERE builtin ORDER BY rule;
-- aqi (HJ 633-2012, AQI an integer): 0-50 green, 51-100 yellow, 101-150 orange, 151-200 red,
-- 201-300 purple, > 300 maroon; a value above a level's upper bound is in the next level.
SELECT v, warn('aqi', v, '2025-06-01') AS colour
  FROM unnest('{0,50,50.5,51,100,100.5,101,150,151,200,201,300,300.5,301,500}'::float8[]) v;
SELECT c, warn_measure('aqi', c, '2025-06-01')
  FROM unnest('{green,yellow,orange,red,purple,maroon}'::colour[]) c;
-- the version in force: HJ 633-2012 is in force from 2016-01-01
SELECT warn('aqi', 120, '2016-01-01') AS first_day;
SELECT warn('aqi', 120, '2015-12-31');
-- lec = lec_colour on every tabulated factor combination (7 x 6 x 6 = 252), and at its bounds
-- (red D > 320, orange 160 < D <= 320, yellow 70 < D <= 160, blue 20 < D <= 70, green D <= 20)
SELECT count(*) AS combinations, count(*) FILTER (WHERE warn('lec', l * e * c) = lec_colour(l, e, c)) AS agree
  FROM unnest('{10,6,3,1,0.5,0.2,0.1}'::float8[]) l, unnest('{10,6,3,2,1,0.5}'::float8[]) e,
       unnest('{100,40,15,7,3,1}'::float8[]) c;
SELECT d, warn('lec', d) AS colour
  FROM unnest('{0.05,20,20.001,70,70.001,160,160.001,320,320.001,1e6}'::float8[]) d;
-- risk_matrix = risk_colour on all 25 cells (red R >= 20, orange R >= 15, yellow R >= 9, else blue)
SELECT count(*) FILTER (WHERE warn('risk_matrix', l * s) = risk_colour(l, s)) AS agree
  FROM generate_series(1, 5) l, generate_series(1, 5) s;
-- 0.1 x 3.2 x 1000 is 320.00000000000006 in doubles: within 1e-12 of the bound, so D = 320 (orange)
SELECT 0.1::float8 * 3.2 * 1000 > 320 AS above_in_doubles, warn('lec', 0.1::float8 * 3.2 * 1000) AS lec,
       lec_colour(0.1, 3.2, 1000) AS lec_colour;
SELECT r, warn('risk_matrix', r) FROM unnest('{8,9,14,15,19,20,25}'::float8[]) r;
SELECT warn_measure('risk_matrix', 'red'), warn_measure('lec', 'green');

-- ===================================================================== a user rule: versions, updates
-- 河道水位 (m): a 2024 version, tightened on 2025-07-01; low readings are not a warning.
INSERT INTO warning_rule (rule, valid_from, thresholds, colours, measures, unit, owner) VALUES
    ('river_level', '2024-01-01', '{4.5,5.0,5.5}', '{green,blue,yellow,red}',
     '{正常巡查,加密巡查,启动Ⅳ级应急响应,启动Ⅰ级应急响应}', 'm', '水利局'),
    ('river_level', '2025-07-01', '{4.0,4.8,5.3}', '{green,blue,yellow,red}',
     '{正常巡查,加密巡查,启动Ⅲ级应急响应,启动Ⅰ级应急响应}', 'm', '水利局');
-- every boundary on both sides of the version change date (lower-inclusive: 4.5 is blue)
SELECT v, warn('river_level', v, '2025-06-30') AS old_version, warn('river_level', v, '2025-07-01') AS new_version
  FROM unnest('{3.99,4.0,4.49,4.5,4.79,4.8,4.99,5.0,5.29,5.3,5.49,5.5}'::float8[]) v;
SELECT warn_measure('river_level', 'yellow', '2025-06-30') AS old, warn_measure('river_level', 'yellow', '2025-07-01') AS new,
       warn_measure('river_level', 'yellow', 'infinity') AS latest;
-- a rule with the low values bad (direction in the colours) and no measures
INSERT INTO warning_rule (rule, valid_from, thresholds, colours) VALUES
    ('reservoir_storage', '-infinity', '{0.3,0.5}', '{red,yellow,green}');
SELECT v, warn('reservoir_storage', v) FROM unnest('{0.1,0.3,0.49,0.5,0.9}'::float8[]) v;
SELECT warn_measure('reservoir_storage', 'red') IS NULL AS no_measure;
-- a colour used for two classes (too low and too high) with one measure
INSERT INTO warning_rule (rule, valid_from, thresholds, colours, measures) VALUES
    ('water_temp', '2020-01-01', '{5,30}', '{red,green,red}', '{停止作业,正常,停止作业}');
SELECT warn('water_temp', 2), warn('water_temp', 20), warn('water_temp', 31), warn_measure('water_temp', 'red');
-- an update is seen by the next statement of the same transaction (the rule is read per statement)
BEGIN;
SELECT warn('river_level', 5.3, '2025-01-01') AS before_update;
UPDATE warning_rule SET thresholds = '{4.5,5.0,5.2}' WHERE rule = 'river_level' AND valid_from = '2024-01-01';
SELECT warn('river_level', 5.3, '2025-01-01') AS after_update;
ROLLBACK;
-- one statement, many rows, two rules and two versions: each rule read once
SELECT rule, count(*), string_agg(warn(rule, v, d)::text, ',' ORDER BY v, d) AS colours
  FROM (VALUES ('river_level'), ('aqi')) r(rule), unnest('{4.6,5.4}'::float8[]) v,
       unnest('{2025-06-30,2025-07-01}'::date[]) d
 GROUP BY rule ORDER BY rule;
-- NULL in, NULL out
SELECT warn(NULL, 1) IS NULL AS a, warn('aqi', NULL) IS NULL AS b, warn('aqi', 1, NULL) IS NULL AS c,
       warn_measure('aqi', NULL) IS NULL AS d;
-- errors: reading
SELECT warn('no_such_rule', 1);
SELECT warn('river_level', 5, '2023-12-31');
SELECT warn('aqi', 'NaN');
SELECT warn('aqi', '-Infinity');
SELECT warn_measure('aqi', 'blue', '2025-06-01');
-- errors: writing (the table's check)
INSERT INTO warning_rule (rule, valid_from, thresholds, colours) VALUES ('bad', '2025-01-01', '{2,1}', '{green,yellow,red}');
INSERT INTO warning_rule (rule, valid_from, thresholds, colours) VALUES ('bad', '2025-01-01', '{1,1}', '{green,yellow,red}');
INSERT INTO warning_rule (rule, valid_from, thresholds, colours) VALUES ('bad', '2025-01-01', '{1,NaN}', '{green,yellow,red}');
INSERT INTO warning_rule (rule, valid_from, thresholds, colours) VALUES ('bad', '2025-01-01', '{1,Infinity}', '{green,yellow,red}');
INSERT INTO warning_rule (rule, valid_from, thresholds, colours) VALUES ('bad', '2025-01-01', '{1,NULL}', '{green,yellow,red}');
INSERT INTO warning_rule (rule, valid_from, thresholds, colours) VALUES ('bad', '2025-01-01', '{1,2}', '{green,red}');
INSERT INTO warning_rule (rule, valid_from, thresholds, colours) VALUES ('bad', '2025-01-01', '{1,2}', '{green,NULL,red}');
INSERT INTO warning_rule (rule, valid_from, thresholds, colours) VALUES ('bad', '2025-01-01', '{1,2}', '{{green,red},{red,red}}');
INSERT INTO warning_rule (rule, valid_from, thresholds, colours, measures) VALUES ('bad', '2025-01-01', '{1}', '{green,red}', '{a}');
INSERT INTO warning_rule (rule, valid_from, thresholds, colours, measures) VALUES ('bad', '2025-01-01', '{1,2}', '{red,green,red}', '{a,b,c}');
INSERT INTO warning_rule (rule, valid_from, thresholds, colours) VALUES ('', '2025-01-01', '{1}', '{green,red}');
INSERT INTO warning_rule (rule, valid_from, thresholds, colours) VALUES ('bad', 'infinity', '{1}', '{green,red}');
-- two versions of a rule from the same day overlap
INSERT INTO warning_rule (rule, valid_from, thresholds, colours) VALUES ('river_level', '2025-07-01', '{1}', '{green,red}');
UPDATE warning_rule SET thresholds = '{5,4}' WHERE rule = 'river_level';

-- ===================================================================== escalate
-- r = run of periods at yellow or worse ending at the row (NULL rows skipped, green/blue end it);
-- result = colour raised floor(r / after) levels, not above cap, never below the colour.
-- By hand, after 2, cap red: runs 0 1 2 - 3 4 0 1 2 3  ->  +0 +0 +1 - +1 +2 +0 +0 +1 +1
SELECT p, c, escalate(c, 2) OVER w AS after2, escalate(c, 1, 'maroon') OVER w AS after1_maroon,
       escalate(c, 3, 'orange') OVER w AS after3_orange
  FROM unnest('{green,yellow,yellow,NULL,yellow,orange,blue,red,yellow,yellow}'::colour[]) WITH ORDINALITY u(c, p)
WINDOW w AS (ORDER BY p) ORDER BY p;
-- partitions are independent; a colour above the cap stays where it is
SELECT point, p, c, escalate(c, 2) OVER (PARTITION BY point ORDER BY p)
  FROM (VALUES ('A', 1, 'yellow'::colour), ('A', 2, 'yellow'), ('A', 3, 'purple'), ('A', 4, 'maroon'),
               ('B', 1, 'green'), ('B', 2, 'orange'), ('B', 3, 'orange')) t(point, p, c)
 ORDER BY point, p;
-- errors
SELECT escalate(c, 0) OVER (ORDER BY p) FROM (VALUES (1, 'red'::colour)) t(p, c);
SELECT escalate(c, NULL) OVER (ORDER BY p) FROM (VALUES (1, 'red'::colour)) t(p, c);
SELECT escalate(c, 2, NULL) OVER (ORDER BY p) FROM (VALUES (1, 'red'::colour)) t(p, c);

-- ===================================================================== working days
SET TimeZone = 'Asia/Shanghai';
-- an empty calendar: Monday to Friday.  2026-03-06 is a Friday.
SELECT n, add_workdays('2026-03-06 09:30', n) FROM generate_series(0, 6) n;
SELECT workdays_between('2026-03-06', '2026-03-09') AS fri_mon, workdays_between('2026-03-07', '2026-03-08') AS sat_sun,
       workdays_between('2026-03-09 23:00', '2026-03-09 01:00') AS same_day,
       workdays_between('2026-03-16', '2026-03-02') AS back_two_weeks,
       workdays_between('2000-01-01', '2100-01-01') AS a_century;
-- Spring Festival 2025 (国务院办公厅, 国办发明电〔2024〕12号): 1月28日至2月4日放假, 1月26日(周日)、2月8日(周六)上班
INSERT INTO workday_calendar VALUES
    ('2025-01-26', true, '春节调休'), ('2025-01-28', false, '春节'), ('2025-01-29', false, '春节'),
    ('2025-01-30', false, '春节'), ('2025-01-31', false, '春节'), ('2025-02-01', false, '春节'),
    ('2025-02-02', false, '春节'), ('2025-02-03', false, '春节'), ('2025-02-04', false, '春节'),
    ('2025-02-08', true, '春节调休');
-- By hand from Friday 2025-01-24: Sat 25 rest, Sun 26 work (1), Mon 27 (2), 28 Jan - 4 Feb rest,
-- Wed 5 (3), Thu 6 (4), Fri 7 (5), Sat 8 work (6), Sun 9 rest, Mon 10 (7), Tue 11 (8)
SELECT n, add_workdays('2025-01-24 10:00', n) FROM generate_series(0, 8) n;
SELECT d, is_workday(d) FROM unnest('{2025-01-25,2025-01-26,2025-01-27,2025-01-28,2025-02-08,2025-02-09}'::date[]) d;
SELECT workdays_between('2025-01-24', '2025-02-10') AS seven, workdays_between('2025-02-10', '2025-01-24') AS minus_seven,
       workdays_between('2025-01-27', '2025-02-04') AS inside_holiday,
       -- 2025: 261 Mondays-Fridays; (1 Jan, 31 Dec] drops Wed 1 Jan, the 6 weekday holidays, adds 2
       workdays_between('2025-01-01', '2025-12-31') AS year_2025;
-- many years in one call agrees with counting day by day
SELECT workdays_between('2020-01-01', '2030-06-30') = (SELECT count(*) FROM generate_series('2020-01-02'::date, '2030-06-30', '1 day') d
                                                       WHERE is_workday(d::date)) AS agrees;
SELECT add_workdays('2020-01-01', 1000) = (SELECT d FROM (SELECT d, count(*) FILTER (WHERE is_workday(d::date)) OVER (ORDER BY d) AS k
                                                            FROM generate_series('2020-01-02'::date, '2026-01-01', '1 day') d) s
                                            WHERE k = 1000 ORDER BY d LIMIT 1) AS agrees;
-- 三色督办 in working days: deadline Friday 2025-01-24 17:00, yellow after 1 working day, red after 3
-- -> yellow from Sun 26 17:00 (make-up day), red from Wed 5 Feb 17:00 (after the holiday)
SELECT as_of, overdue_colour_workdays('2025-01-24 17:00', as_of, 1, 3)
  FROM unnest('{2025-01-24 17:00,2025-01-26 16:59,2025-01-26 17:00,2025-02-04 23:00,2025-02-05 16:59,2025-02-05 17:00}'::timestamptz[]) as_of;
SELECT overdue_colour_workdays('2025-01-24 17:00', '2025-01-24 17:00') AS default_yellow_at_deadline,
       overdue_colour_workdays('infinity', '2030-01-01') AS no_deadline,
       overdue_colour_workdays('-infinity', '2030-01-01') AS long_ago;
-- the time of day is kept across a daylight-saving change (New York, 2026-03-08)
SET TimeZone = 'America/New_York';
SELECT add_workdays('2026-03-06 12:00', 1) AS monday_noon;
-- the date is taken in the session time zone: 2025-01-24 23:30 in Shanghai is still Friday in UTC
SET TimeZone = 'UTC';
SELECT add_workdays('2025-01-25 07:30+08', 1) AS from_friday_utc;
SET TimeZone = 'Asia/Shanghai';
SELECT add_workdays('2025-01-25 07:30+08', 1) AS from_saturday_shanghai;
DELETE FROM workday_calendar;
-- errors
SELECT add_workdays('2025-01-24', -1);
SELECT add_workdays('infinity', 1);
SELECT add_workdays('294270-01-01', 10000);
SELECT workdays_between('2025-01-24', '-infinity');
SELECT overdue_colour_workdays('2025-01-24', '2025-01-25', 3, 1);
SELECT overdue_colour_workdays('2025-01-24', '2025-01-25', -1, 1);
SELECT is_workday('infinity');

-- ===================================================================== draw_key, draw
-- RFC 4231 HMAC-SHA-256 test vectors whose key and data are valid text.  draw_key is the first 53
-- bits of the published digest over 2^53: the first 14 hex digits (56 bits) shifted right by 3.
-- Test case 1: key = 0x0b x 20, data "Hi There",
--   b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7
-- Test case 2: key "Jefe", data "what do ya want for nothing?",
--   5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843
SELECT draw_key(repeat(chr(11), 20), 'Hi There') = ('xb0344c61d8db38'::bit(56)::bigint >> 3)::float8 / 9007199254740992 AS tc1,
       draw_key('Jefe', 'what do ya want for nothing?') = ('x5bdcc146bf6075'::bit(56)::bigint >> 3)::float8 / 9007199254740992 AS tc2,
       draw_key('Jefe', 'what do ya want for nothing?') AS tc2_value;
-- draw: key < rate; rate 0 selects nothing, rate 1 everything
SELECT draw('Jefe', 'what do ya want for nothing?', 0.3588372037623929) AS just_above,
       draw('Jefe', 'what do ya want for nothing?', 0.3588372037623928) AS equal,
       (SELECT count(*) FILTER (WHERE draw('s', i::text, 0)) FROM generate_series(1, 1000) i) AS rate_0,
       (SELECT count(*) FILTER (WHERE draw('s', i::text, 1)) FROM generate_series(1, 1000) i) AS rate_1;
-- reproducible, in [0, 1), different seeds give different keys, an empty key is a key
SELECT draw_key('2025-06-01 市场监管局 4821', '91330000MA2XXXXX01') = draw_key('2025-06-01 市场监管局 4821', '91330000MA2XXXXX01') AS same,
       draw_key('a', 'x') <> draw_key('b', 'x') AS seed_matters,
       (SELECT min(draw_key('k', i::text)) >= 0 AND max(draw_key('k', i::text)) < 1 FROM generate_series(1, 10000) i) AS in_range,
       draw_key('k', '') >= 0 AS empty_key;
-- errors
SELECT draw_key('', 'x');
SELECT draw('s', 'x', -0.01);
SELECT draw('s', 'x', 1.01);
SELECT draw('s', 'x', 'NaN');

DELETE FROM warning_rule WHERE NOT builtin;
