-- zjgov 1.0 -> 1.1 update script.  A fresh 1.1 install runs zjgov--1.0.sql and then this file
-- (PostgreSQL chains them: CREATE EXTENSION zjgov finds the path 1.0 -> 1.1), so every object new
-- or changed in 1.1 is written exactly once, here.  One section per area, in this order; each
-- section appends its objects at its own end.  Qualify everything (@extschema@., pg_catalog.).
\echo Use "ALTER EXTENSION zjgov UPDATE TO '1.1'" to load this file. \quit

-- ===================================================================== house: names, states, caches



-- ===================================================================== scale-out: states, catalogs



-- ===================================================================== time: trends, space-time hot spots, alarms



-- ===================================================================== rules: warning rules, escalation, working days, draws
-- ----------------------------------------------------------- colour: purple and maroon above red
-- Two new values after the 1.0 ones (bytes 5 and 6); the 1.0 bytes and order are unchanged, so
-- stored colours and their indexes stay valid.  Only the descriptions change here.
COMMENT ON TYPE @extschema@.colour IS 'warning colour, ordered by severity: green < blue < yellow < orange < red < purple < maroon; input in English or Chinese (红 黄 绿 紫 褐红 …)';
COMMENT ON FUNCTION @extschema@.colour_in(cstring) IS 'text input of colour: green blue yellow orange red purple maroon, or 绿 蓝 黄 橙 红 紫 褐红 with or without 色';
COMMENT ON FUNCTION @extschema@.colour_send(@extschema@.colour) IS 'binary output of colour (one byte: the severity rank, green 0 .. red 4, purple 5, maroon 6)';
COMMENT ON FUNCTION @extschema@.colour_zh(@extschema@.colour) IS 'Chinese name of a colour: 褐红色 紫色 红色 橙色 黄色 蓝色 绿色';
COMMENT ON FUNCTION @extschema@.colour_hex(@extschema@.colour) IS 'map colour #RRGGBB of a colour (maroon #7E0023, purple #99004C, red #D7191C, orange #F46D43, yellow #FDD835, blue #2B83BA, green #1A9641)';
COMMENT ON FUNCTION @extschema@.warning_level(@extschema@.colour) IS 'national warning level: red I, orange II, yellow III, blue IV; green, purple and maroon NULL';
COMMENT ON FUNCTION @extschema@.colour_of(float8, float8[], @extschema@.colour[], bool) IS 'colour of value''s class among ascending lower-inclusive thresholds; palette mildest first (default by k: 2 green,red; 3 green,yellow,red; 4 blue,yellow,orange,red; 5 green,blue,yellow,orange,red; 6 green,yellow,orange,red,purple,maroon); higher_is_worse = false makes the lowest class the worst';

-- ----------------------------------------------------------- warning rules (rules.c)
CREATE FUNCTION @extschema@._zjgov_warning_rule_check(thresholds float8[], colours @extschema@.colour[],
        measures text[])
    RETURNS bool
    AS 'MODULE_PATHNAME', 'zjgov_warning_rule_check' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_warning_rule_check(float8[], @extschema@.colour[], text[]) IS 'validation of a warning_rule row (its CHECK constraint): thresholds finite and strictly ascending, one colour per class, measures NULL or one per class, a colour used twice has one measure; true, else an ERROR naming the problem';

-- A rule has versions (valid_from); the version in force on a date is the one with the greatest
-- valid_from on or before it.  Built-in rows carry builtin = true and are created by CREATE
-- EXTENSION; only user rows (builtin = false) are dumped.
CREATE TABLE @extschema@.warning_rule (
    rule            text NOT NULL CHECK (rule <> ''),
    valid_from      date NOT NULL CHECK (valid_from <> 'infinity'::date),
    thresholds      float8[] NOT NULL,
    colours         @extschema@.colour[] NOT NULL,
    lower_inclusive bool NOT NULL DEFAULT true,
    measures        text[],
    unit            text,
    owner           text,
    description     text,
    builtin         bool NOT NULL DEFAULT false,
    PRIMARY KEY (rule, valid_from),
    CHECK (@extschema@._zjgov_warning_rule_check(thresholds, colours, measures))
);
COMMENT ON TABLE @extschema@.warning_rule IS 'warning rules: versioned thresholds, the colour of each class and the measure (处置措施) each class triggers; built-in rules aqi (HJ 633-2012), lec and risk_matrix (builtin = true); user rows survive pg_dump';
COMMENT ON COLUMN @extschema@.warning_rule.rule IS 'name of the rule, as passed to warn(rule, value) and warn_measure(rule, colour)';
COMMENT ON COLUMN @extschema@.warning_rule.valid_from IS 'first day of this version; the version in force on a date is the one with the greatest valid_from on or before it (-infinity: always)';
COMMENT ON COLUMN @extschema@.warning_rule.thresholds IS 'k-1 finite, strictly ascending thresholds where the next of k classes begins';
COMMENT ON COLUMN @extschema@.warning_rule.colours IS 'the colour of each of the k classes, lowest values first (the direction of the rule lives here)';
COMMENT ON COLUMN @extschema@.warning_rule.lower_inclusive IS 'true: a value equal to a threshold belongs to the class above (as classify); false: to the class below (LEC: D = 320 is orange)';
COMMENT ON COLUMN @extschema@.warning_rule.measures IS 'the measure (处置措施) each class triggers, one per class, or NULL';
COMMENT ON COLUMN @extschema@.warning_rule.unit IS 'unit of the value the rule classifies';
COMMENT ON COLUMN @extschema@.warning_rule.owner IS 'department that owns the rule';
COMMENT ON COLUMN @extschema@.warning_rule.description IS 'what the rule is and where it comes from';
COMMENT ON COLUMN @extschema@.warning_rule.builtin IS 'true for the rows CREATE EXTENSION installs (not dumped); user rows keep the default false';
INSERT INTO @extschema@.warning_rule (rule, valid_from, thresholds, colours, lower_inclusive, measures,
                                      unit, owner, description, builtin) VALUES
    ('aqi', '2016-01-01', '{50,100,150,200,300}', '{green,yellow,orange,red,purple,maroon}', false,
     '{各类人群可正常活动,极少数异常敏感人群应减少户外活动,"儿童、老年人及心脏病、呼吸系统疾病患者应减少长时间、高强度的户外锻炼","儿童、老年人及心脏病、呼吸系统疾病患者避免长时间、高强度的户外锻炼，一般人群适量减少户外运动","儿童、老年人和心脏病、肺病患者应停留在室内，停止户外运动，一般人群减少户外运动","儿童、老年人和病人应当留在室内，避免体力消耗，一般人群应避免户外活动"}',
     'AQI', '生态环境部门',
     'air quality index levels of HJ 633-2012 (in force from 2016-01-01): 0-50 优, 51-100 良, 101-150 轻度污染, 151-200 中度污染, 201-300 重度污染, above 300 严重污染; AQI is an integer: a value above a level''s upper bound belongs to the next level (lower_inclusive = false); measures after the standard''s 建议采取的措施',
     true),
    ('lec', '-infinity', '{20,70,160,320}', '{green,blue,yellow,orange,red}', false,
     '{稍有危险，可以接受,一般危险，需要注意,显著危险，需要整改,高度危险，需立即整改,极其危险，不能继续作业}',
     'D = L x E x C', '应急管理部门',
     'LEC method (作业条件危险性评价), D = L x E x C: red D > 320, orange 160 < D <= 320, yellow 70 < D <= 160, blue 20 < D <= 70, green D <= 20 (as lec_colour)',
     true),
    ('risk_matrix', '-infinity', '{9,15,20}', '{blue,yellow,orange,red}', true,
     '{低风险：岗位人员日常管控,一般风险：部门负责人管控，加强监测,较大风险：分管负责人管控，限期整改,重大风险：主要负责人管控，停产整改}',
     'R = L x S', '应急管理部门',
     '5x5 risk matrix (four-colour safety zoning), R = likelihood x severity, both 1..5: red R >= 20, orange R >= 15, yellow R >= 9, else blue (as risk_colour)',
     true);
SELECT pg_catalog.pg_extension_config_dump('@extschema@.warning_rule', 'WHERE NOT builtin');

CREATE FUNCTION @extschema@.warn(rule text, value float8, as_of date DEFAULT CURRENT_DATE)
    RETURNS @extschema@.colour
    AS 'MODULE_PATHNAME', 'zjgov_warn' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.warn(text, float8, date) IS 'the colour of value under the version of warning rule rule (zjgov.warning_rule) in force on as_of; unknown rule, no version in force, or a non-finite value: ERROR';
CREATE FUNCTION @extschema@.warn_measure(rule text, c @extschema@.colour, as_of date DEFAULT CURRENT_DATE)
    RETURNS text
    AS 'MODULE_PATHNAME', 'zjgov_warn_measure' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.warn_measure(text, @extschema@.colour, date) IS 'the measure (处置措施) colour c triggers under the version of warning rule rule in force on as_of (NULL if the rule has none); a colour that is not one of the rule''s classes: ERROR';

-- ----------------------------------------------------------- escalation (rules.c)
CREATE FUNCTION @extschema@.escalate(c @extschema@.colour, after int, cap @extschema@.colour DEFAULT 'red')
    RETURNS @extschema@.colour
    AS 'MODULE_PATHNAME', 'zjgov_escalate' LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.escalate(@extschema@.colour, int, @extschema@.colour) IS 'window, OVER (PARTITION BY point ORDER BY period): with r the run of consecutive periods up to this one at yellow or worse (NULL rows skipped, green or blue ends it), the colour raised floor(r / after) levels, not above cap, never below the colour itself';

-- ----------------------------------------------------------- working days (calendar.c)
CREATE TABLE @extschema@.workday_calendar (
    day        date PRIMARY KEY CHECK (day > '-infinity'::date AND day < 'infinity'::date),
    is_workday bool NOT NULL,
    name       text
);
COMMENT ON TABLE @extschema@.workday_calendar IS 'official holidays and make-up working days (调休): a listed day is a working day if is_workday; an unlisted day is a working day Monday to Friday; shipped empty, rows survive pg_dump';
COMMENT ON COLUMN @extschema@.workday_calendar.day IS 'the calendar day';
COMMENT ON COLUMN @extschema@.workday_calendar.is_workday IS 'true: a working day (e.g. a make-up Saturday); false: a rest day (e.g. a holiday on a weekday)';
COMMENT ON COLUMN @extschema@.workday_calendar.name IS 'the holiday or make-up day, e.g. 春节 or 春节调休';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.workday_calendar', '');

CREATE FUNCTION @extschema@.is_workday(d date) RETURNS bool
    AS 'MODULE_PATHNAME', 'zjgov_is_workday' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_workday(date) IS 'true if d is a working day: as zjgov.workday_calendar says, else Monday to Friday';
CREATE FUNCTION @extschema@.add_workdays(ts timestamptz, n int) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'zjgov_add_workdays' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.add_workdays(timestamptz, int) IS 'ts plus the calendar days that reach the n-th working day after ts''s date (n >= 0), same time of day; dates in the session time zone; add_workdays(ts, 0) = ts';
CREATE FUNCTION @extschema@.workdays_between(a timestamptz, b timestamptz) RETURNS int
    AS 'MODULE_PATHNAME', 'zjgov_workdays_between' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.workdays_between(timestamptz, timestamptz) IS 'the number of working days d with date(a) < d <= date(b), negative when b < a; dates in the session time zone';
CREATE FUNCTION @extschema@.overdue_colour_workdays(deadline timestamptz, as_of timestamptz,
        yellow_after int DEFAULT 0, red_after int DEFAULT 3)
    RETURNS @extschema@.colour
    AS 'MODULE_PATHNAME', 'zjgov_overdue_colour_workdays' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.overdue_colour_workdays(timestamptz, timestamptz, int, int) IS '三色督办 in working days: green before add_workdays(deadline, yellow_after), yellow from then, red from add_workdays(deadline, red_after); 0 <= yellow_after <= red_after';

-- ----------------------------------------------------------- auditable draws (draw.c)
CREATE FUNCTION @extschema@.draw_key(seed text, key text) RETURNS float8
    AS 'MODULE_PATHNAME', 'zjgov_draw_key' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.draw_key(text, text) IS '双随机 draw key in [0, 1): the first 8 bytes of HMAC-SHA-256(secret = seed, message = key), UTF-8, read big-endian, shifted right 11 bits, times 2^-53; an empty seed is an ERROR';
CREATE FUNCTION @extschema@.draw(seed text, key text, rate float8) RETURNS bool
    AS 'MODULE_PATHNAME', 'zjgov_draw' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.draw(text, text, float8) IS '双随机 selection: draw_key(seed, key) < rate, rate in [0, 1]';



-- ===================================================================== tracks



-- ===================================================================== regions and local statistics



-- ===================================================================== models and scorecards



-- ===================================================================== privileges (last fragment)
-- Tables created in 1.1 are readable by everyone, as the 1.0 catalog tables are.
GRANT SELECT ON ALL TABLES IN SCHEMA @extschema@ TO PUBLIC;
