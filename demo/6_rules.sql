-- 6. 规则与处置: warning rules with their measures, escalation, 三色督办 in working days, 双随机 draws, an air-quality map
--
-- Rules live in zjgov.warning_rule (versioned thresholds, colours and the measure each colour
-- triggers); the working-day calendar in zjgov.workday_calendar.  The sections that add rows to
-- those catalog tables run inside a transaction and roll it back, so running the demo on a server
-- leaves its rules and calendar as they were.  4_credit.sql made demo.credit (6.3 uses it).
SET search_path = demo, zjgov, public;
SET TimeZone = 'Asia/Shanghai';

-- ## 6.1 上虞式村级重大事项风险点: warned by catalogue rules, with measures and escalation
-- needs: warn warn_measure escalate
-- Each risk point of a village decision (村级重大事项决策) is assessed every month on the 5×5
-- matrix, R = likelihood × severity.  The county's own three-colour rule (an example rule, added
-- here to the catalogue) colours R and names the measure; the built-in risk_matrix rule gives the
-- four-colour safety view of the same R.
BEGIN;
INSERT INTO zjgov.warning_rule (rule, valid_from, thresholds, colours, measures, unit, owner, description) VALUES
    ('village_decision', '2026-01-01', '{9,16}', '{green,yellow,red}',
     '{按程序推进，村务监督委员会全程监督,镇街联村干部介入，补充风险评估后再议,暂停决策，报镇街党（工）委研究}',
     'R = L x S', '区委组织部（示例）', '村级重大事项决策风险三色预警（示例规则）');

CREATE TEMP TABLE risk_point (id int PRIMARY KEY, village text, matter text, point text, r int[]);
-- R for June .. November 2026 (six monthly assessments)
INSERT INTO risk_point VALUES
    (1, '丰惠镇 东村', '集体资产处置',   '评估价格偏低',         '{4,6,9,9,12,12}'),
    (2, '丰惠镇 西村', '工程项目招投标', '围标串标',             '{9,12,16,16,20,20}'),
    (3, '汤浦镇 南村', '土地征收',       '补偿标准争议',         '{12,12,6,9,9,4}'),
    (4, '汤浦镇 北村', '集体经济合同',   '合同期限过长',         '{3,3,4,4,3,2}'),
    (5, '章镇镇 中村', '村级财务',       '大额资金未经民主程序', '{16,9,9,9,9,9}'),
    (6, '章镇镇 上村', '宅基地审批',     '超标准占地',           '{6,9,4,9,12,16}');

-- The latest month: colour, national level and the measure it triggers
SELECT p.village AS "村", p.matter AS "事项", p.point AS "风险点", p.r[6] AS "R",
       warn('village_decision', p.r[6], '2026-11-30') AS colour,
       warn_measure('village_decision', warn('village_decision', p.r[6], '2026-11-30'), '2026-11-30') AS "处置措施",
       colour_zh(warn('risk_matrix', p.r[6])) || ' ' || coalesce(warning_level(warn('risk_matrix', p.r[6])), '') AS "安全风险（四色）"
  FROM risk_point p ORDER BY warn('village_decision', p.r[6], '2026-11-30') DESC, p.id;

-- Escalation over the six months: a point yellow or worse for 2 months in a row goes up one level
-- per further 2 months (escalate(colour, 2), capped at red); a green month resets it.
SELECT p.id AS "点", p.point AS "风险点",
       string_agg(m.colour::text, ' ' ORDER BY m.k) AS "逐月颜色 6月→11月",
       string_agg(m.escalated::text, ' ' ORDER BY m.k) AS "升级后",
       (array_agg(m.escalated ORDER BY m.k DESC))[1] AS "11月督办颜色"
  FROM risk_point p,
       LATERAL (SELECT k, c AS colour, escalate(c, 2) OVER (ORDER BY k) AS escalated
                  FROM (SELECT k, warn('village_decision', r, (date '2026-06-01' + (k - 1) * interval '1 month')::date) AS c
                          FROM unnest(p.r) WITH ORDINALITY u(r, k)) s) m
 GROUP BY p.id, p.point ORDER BY p.id;
ROLLBACK;

-- ## 6.2 三色督办 in working days (工作日) across the 2025 National Day holiday
-- needs: add_workdays workdays_between overdue_colour_workdays overdue_colour
-- The 2025 schedule of 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号), loaded
-- as an example: zjgov ships the calendar empty, because only the official notice can say which
-- days are off.  Unlisted days are working days Monday to Friday.
BEGIN;
INSERT INTO zjgov.workday_calendar (day, is_workday, name)
SELECT d::date, false, h.name
  FROM (VALUES ('元旦', '2025-01-01', '2025-01-01'), ('春节', '2025-01-28', '2025-02-04'),
               ('清明节', '2025-04-04', '2025-04-06'), ('劳动节', '2025-05-01', '2025-05-05'),
               ('端午节', '2025-05-31', '2025-06-02'), ('国庆节、中秋节', '2025-10-01', '2025-10-08'))
       h(name, first_day, last_day),
       LATERAL generate_series(h.first_day::date, h.last_day::date, interval '1 day') d
ON CONFLICT (day) DO NOTHING;
INSERT INTO zjgov.workday_calendar (day, is_workday, name) VALUES
    ('2025-01-26', true, '春节调休上班'), ('2025-02-08', true, '春节调休上班'),
    ('2025-04-27', true, '劳动节调休上班'), ('2025-09-28', true, '国庆节调休上班'),
    ('2025-10-11', true, '国庆节调休上班')
ON CONFLICT (day) DO NOTHING;
SELECT extract(year FROM day) AS "年", count(*) FILTER (WHERE NOT is_workday) AS "放假日",
       count(*) FILTER (WHERE is_workday) AS "调休上班日",
       workdays_between('2024-12-31', '2025-12-31') AS "全年工作日"
  FROM zjgov.workday_calendar WHERE day BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY 1;

-- 12345 cases with a deadline of 5 working days (5 个工作日办结), checked on 2025-10-13 09:00:
-- counted in calendar days, every case received before the holiday would look long overdue.
CREATE TEMP TABLE case_2025 (id int, received timestamptz, category text);
INSERT INTO case_2025 VALUES
    (101, '2025-09-24 10:00', '城市管理'), (102, '2025-09-26 15:30', '噪音扰民'),
    (103, '2025-09-29 09:00', '物业纠纷'), (104, '2025-09-30 16:00', '市场监管'),
    (105, '2025-10-09 11:00', '环境污染'), (106, '2025-09-19 14:00', '交通出行');
SELECT c.id AS "工单", c.category AS "类别", to_char(c.received, 'MM-DD HH24:MI') AS "受理",
       to_char(c.received + interval '5 days', 'MM-DD HH24:MI') AS "按日历 5 天",
       to_char(add_workdays(c.received, 5), 'MM-DD HH24:MI') AS "按 5 个工作日",
       workdays_between(add_workdays(c.received, 5), '2025-10-13 09:00') AS "已超工作日",
       overdue_colour(c.received + interval '5 days', '2025-10-13 09:00') AS "日历督办",
       overdue_colour_workdays(add_workdays(c.received, 5), '2025-10-13 09:00', 0, 3) AS "工作日督办"
  FROM case_2025 c ORDER BY c.received;
ROLLBACK;

-- ## 6.3 双随机 (random inspection) of enterprises by credit grade, auditable by anyone
-- needs: draw draw_key credit_grade
-- The seed is published before the draw (here: date, office, issue and a number drawn in public).
-- draw_key(seed, id) is HMAC-SHA-256(seed, id) mapped to [0, 1): anyone with the seed can
-- recompute every firm's number, e.g.  echo -n 17 | openssl dgst -sha256 -hmac '<seed>'
-- (the first 13 hex digits / 16^13 give the number to 15 digits).  The inspection rates by grade are
-- an EXAMPLE (A 3 %, B 10 %, C 30 %, D 100 %), not a regulation.
CREATE TEMP TABLE draw_setting AS SELECT '2026-11-20 椒江区市场监管局 双随机 第47期 公开摇号 8361'::text AS seed;
CREATE TEMP TABLE inspection_rate (grade zjgov.credit_grade PRIMARY KEY, rate float8);
INSERT INTO inspection_rate VALUES ('A', 0.03), ('B', 0.10), ('C', 0.30), ('D', 1.00);
SELECT seed AS "本期种子 (seed)" FROM draw_setting;
SELECT c.grade AS "信用等级", r.rate AS "抽查比例(示例)", count(*) AS "企业数",
       round((r.rate * count(*))::numeric, 1) AS "期望抽中",
       count(*) FILTER (WHERE draw(s.seed, c.id::text, r.rate)) AS "抽中"
  FROM credit c JOIN inspection_rate r ON r.grade = c.grade, draw_setting s
 GROUP BY c.grade, r.rate ORDER BY c.grade DESC;
-- The first drawn A and B firms, with their draw numbers (re-computable from the seed)
SELECT c.grade AS "等级", e.id AS "企业编号", e.name AS "企业", round(draw_key(s.seed, e.id::text)::numeric, 6) AS "摇号值"
  FROM credit c JOIN enterprise e ON e.id = c.id JOIN inspection_rate r ON r.grade = c.grade, draw_setting s
 WHERE c.grade >= 'B' AND draw(s.seed, e.id::text, r.rate)
 ORDER BY c.grade DESC, draw_key(s.seed, e.id::text) LIMIT 8;

-- ## 6.4 Air-quality map in the six HJ 633-2012 colours (demo/out/aqi_map.svg)
-- needs: warn warn_measure svg_map
-- AQI per county of Taizhou and Zhoushan: illustrative values (not measurements), coloured by the
-- built-in aqi rule; svg_map fills with colour_hex and lists the levels present in its legend.
CREATE TEMP TABLE county_aqi AS
SELECT c.code, c.name, c.geom,
       (ARRAY[38, 64, 96, 118, 143, 162, 187, 214, 256, 298, 318, 352, 45, 77, 133, 171])[1 + (row_number() OVER (ORDER BY c.code) - 1)::int % 16] AS aqi
  FROM zj_county c;
SELECT name AS "区县", aqi AS "AQI", warn('aqi', aqi, '2026-11-20') AS colour,
       colour_zh(warn('aqi', aqi, '2026-11-20')) AS "颜色", colour_hex(warn('aqi', aqi, '2026-11-20')) AS hex,
       warn_measure('aqi', warn('aqi', aqi, '2026-11-20'), '2026-11-20') AS "建议措施"
  FROM county_aqi ORDER BY aqi;
\! mkdir -p demo/out
\pset format unaligned
\pset tuples_only on
\o demo/out/aqi_map.svg
SELECT svg_map(ST_Transform(geom, 4550), warn('aqi', aqi, '2026-11-20'), name || ' ' || aqi) FROM county_aqi;
\o
\pset tuples_only off
\pset format aligned
SELECT count(*) AS "区县数", count(DISTINCT warn('aqi', aqi, '2026-11-20')) AS "颜色数" FROM county_aqi;
