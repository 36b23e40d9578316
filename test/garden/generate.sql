-- The garden's call generator: reads every function and aggregate of the zjgov extension from the
-- catalog (pg_depend), and prints one SQL statement a line calling it with hostile arguments built
-- from its argument types (and names, for a sensible baseline that lets one bad argument reach deep).
--   psql -X -At -v size=small|full|baseline -v seed=42 -f test/garden/generate.sql > calls.sql
-- Run it in the garden database (test/garden/setup.sql). Nothing is created outside pg_temp.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET search_path = pg_catalog, pg_temp;
\o /dev/null
SELECT set_config('garden.size', :'size', false), set_config('garden.seed', :'seed', false) \g /dev/null

-- ---------------------------------------------------------------- pools of hostile values by type
CREATE TEMP TABLE pool (typ regtype, expr text, ord serial, heavy bool GENERATED ALWAYS AS
    (expr ~ '(ARRAY\[100000\]|generate_series|, 1000000\)|, 100000\)|, 10000\), ''hex'')') STORED);   -- big values: full size only

CREATE FUNCTION pg_temp.add(t regtype, VARIADIC exprs text[]) RETURNS void LANGUAGE sql AS
$$ INSERT INTO pg_temp.pool (typ, expr)
   SELECT t, CASE WHEN e IS NULL THEN 'NULL::' || t::text
                  WHEN e LIKE '=%' THEN '(' || substr(e, 2) || ')::' || t::text
                  ELSE quote_literal(e) || '::' || t::text END
     FROM unnest(exprs) WITH ORDINALITY AS u(e, o) ORDER BY o $$;

SELECT pg_temp.add('float8', NULL, '0', '-0', '1', '-1', '0.5', '3', 'NaN', 'Infinity', '-Infinity',
                   '1e308', '-1e308', '5e-324', '1e-300', '2147483648', '1e15');
SELECT pg_temp.add('float4', NULL, '0', '-1', '1', 'NaN', 'Infinity', '-Infinity', '3.4e38');
SELECT pg_temp.add('int4', NULL, '0', '1', '2', '3', '-1', '10', '16', '1000', '1000000000',
                   '2147483647', '-2147483648');
SELECT pg_temp.add('int2', NULL, '0', '1', '-1', '32767');
SELECT pg_temp.add('int8', NULL, '0', '1', '-1', '3', '1000000000', '9223372036854775807',
                   '-9223372036854775808');
SELECT pg_temp.add('bool', NULL, 'true', 'false');
SELECT pg_temp.add('text', NULL, '', ' ', 'queen', 'rook', 'QUEEN', ' queen ', 'queen:0.001', 'rook:-1',
                   'queen:NaN', 'queen:', 'knn:0', 'knn:1', 'knn:3', 'knn:16', 'knn:17', 'knn:1000000000',
                   'knn:-1', 'knn:', 'knn:2147483648', 'knn:1.5', 'knn: 3', 'knn:+3', 'knn:0x10',
                   'knn:3:4', 'distance:0', 'distance:-1', 'distance:5000', 'distance:1e308',
                   'distance:1e-320', 'distance:NaN', 'distance:Infinity', 'distance:', ':', 'knn',
                   'minmax', 'zscore', 'interval', 'benefit', 'cost', 'fdr', 'bonferroni', 'holm',
                   'public', 'tax', 'market', 'bank', 'garden', 'a', 'root', 'no such thing', '红',
                   '=repeat(''q'', 100000)', '=repeat(''q'', 3000)', '=repeat(''knn:'', 5000)', '=''distance:'' || repeat(''9'', 400)');
SELECT pg_temp.add('float8[]', NULL, '{}', '{NULL}', '{1,NULL,3}', '{NaN}', '{1,Infinity}',
                   '{-Infinity,0}', '{1,2,3}', '{3,2,1}', '{1,1,1}', '{0,0,0}', '{-1,-2,-3}', '{1}',
                   '{1,2}', '{0.2,0.3,0.5}', '{1,2,3,4,5,6,7,8,9}', '{{1,2},{3,4}}', '{{{1}}}', '{{1}}',
                   '{{1,2},{3,4},{5,6}}', '{{1,2,0.5},{0.5,1,2},{2,0.5,1}}', '{{1,3},{0.3333333333333333,1}}',
                   '{{1,-2},{-0.5,1}}', '{{1,0},{0,1}}', '[0:2]={1,2,3}', '[-5:-4]={1,2}',
                   '{1e308,-1e308,1e308}', '{5e-324,1e-300}',
                   '=array_fill(1::float8, ARRAY[16,16])',
                   '=array_fill(0.5::float8, ARRAY[100000])',
                   '=(SELECT array_agg(g::float8) FROM generate_series(1, 10000) g)');
SELECT pg_temp.add('float4[]', NULL, '{}', '{NULL}', '{1,2,3}', '{NaN}', '{{1,2},{3,4}}');
SELECT pg_temp.add('int4[]', NULL, '{}', '{NULL}', '{1,NULL}', '{1,2,3}', '{{1,2},{3,4}}', '{-1}',
                   '{2147483647}', '{0}', '[3:4]={1,2}');
SELECT pg_temp.add('int8[]', NULL, '{}', '{NULL}', '{1,2,3}', '{{1,2},{3,4}}', '{-1}');
SELECT pg_temp.add('bool[]', NULL, '{}', '{NULL}', '{t,f,t}', '{t}', '{t,NULL,f}', '{{t,f},{f,t}}',
                   '=array_fill(true, ARRAY[100000])');
SELECT pg_temp.add('text[]', NULL, '{}', '{NULL}', '{queen,rook}', '{{a,b},{c,d}}', '{""}');
SELECT pg_temp.add('timestamptz', NULL, '2026-01-01 00:00+08', '2026-06-01 12:00+08', 'infinity',
                   '-infinity', 'epoch', '4713-01-01 00:00+00 BC', '294276-12-31 23:59:59+00');
SELECT pg_temp.add('timestamp', NULL, '2026-01-01 00:00', 'infinity', '-infinity', '4713-01-01 BC');
SELECT pg_temp.add('date', NULL, '2026-01-01', 'infinity', '-infinity');
SELECT pg_temp.add('interval', NULL, '0', '1 microsecond', '-1 day', '3 days', '180 days', '1 mon',
                   '1 day -24 hours', '178000000 years', '-178000000 years');
SELECT pg_temp.add('jsonb', NULL, '{}', '[]', 'null', '{"a":1}', '[1,2,3]', '"x"');
SELECT pg_temp.add('json', NULL, '{}', '[]', 'null');
SELECT pg_temp.add('bytea', NULL, '', '\x00', '\xff00ff', '=decode(repeat(''ff'', 10000), ''hex'')');
SELECT pg_temp.add('cstring', NULL, '', ' ', 'red', 'AAA', 'x', '%s%s%n', '=repeat(''x'', 1000000)', '=repeat(''x'', 5000)',
                   'v1:v:1:0:0:0,0,0,0:', 'v1:v:1:0:100000000:0,0,0,0:', 'v9:', ':::::', '红色色');

-- geometry: every PostGIS type, EMPTY, invalid, mixed and unknown SRIDs, non-finite coordinates
DO $$
DECLARE
    g text[] := ARRAY[
        NULL,
        'SRID=4326;POINT EMPTY', 'SRID=4326;POLYGON EMPTY', 'SRID=4326;GEOMETRYCOLLECTION EMPTY',
        'SRID=4326;MULTIPOLYGON EMPTY', 'SRID=4326;LINESTRING EMPTY', 'SRID=4326;MULTIPOINT EMPTY',
        'POINT(120 28)', 'SRID=4326;POINT(120 28)', 'SRID=4490;POINT(121 28.5)',
        'SRID=4549;POINT(500000 3100000)', 'SRID=3857;POINT(13358338 3246000)', 'SRID=999999;POINT(1 1)',
        'SRID=4326;POINT(200 100)', 'SRID=4326;POINT(180 90)', 'SRID=4326;POINT(-180 -90)',
        'SRID=4326;POINT(1e300 1e300)', 'SRID=4326;POINT Z (120 28 5)', 'SRID=4326;POINT M (120 28 5)',
        'SRID=4326;POINT ZM (120 28 5 1)',
        'SRID=4326;MULTIPOINT(120 28,120.1 28.1,120 28)',
        'SRID=4326;MULTIPOINT M (120 28 1,120.1 28.1 -5,120.2 28 0)',
        'SRID=4549;MULTIPOINT M (500000 3100000 1,500100 3100000 2,500000 3100100 -1)',
        'SRID=4326;LINESTRING(120 28,120.1 28.1)', 'SRID=4326;LINESTRING(120 28,120 28)',
        'SRID=4326;MULTILINESTRING((120 28,120.1 28.1),(120.2 28,120.2 28.3))',
        'SRID=4326;POLYGON((120 28,120.1 28,120.1 28.1,120 28.1,120 28))',
        'SRID=4326;POLYGON((120 28,120.1 28.1,120.1 28,120 28.1,120 28))',
        'SRID=4326;POLYGON((120 28,120.1 28,120 28,120 28))',
        'SRID=4326;POLYGON((120 28,120.3 28,120.3 28.3,120 28.3,120 28),(120.1 28.1,120.2 28.1,120.2 28.2,120.1 28.2,120.1 28.1))',
        'SRID=4326;POLYGON((120 28,120.1 28,120.1 28.1,120 28.1,120 28),(121 29,121.1 29,121.1 29.1,121 29.1,121 29))',
        'SRID=4326;MULTIPOLYGON(((120 28,120.2 28,120.2 28.2,120 28.2,120 28)),((120.1 28.1,120.3 28.1,120.3 28.3,120.1 28.3,120.1 28.1)))',
        'SRID=4326;GEOMETRYCOLLECTION(POINT(120 28),LINESTRING(120 28,120.1 28.1),POLYGON((120 28,120.1 28,120.1 28.1,120 28)))',
        'SRID=4326;GEOMETRYCOLLECTION(GEOMETRYCOLLECTION(POINT(120 28)),POINT EMPTY)',
        'SRID=4326;CIRCULARSTRING(120 28,120.1 28.1,120.2 28)',
        'SRID=4326;CURVEPOLYGON(CIRCULARSTRING(120 28,120.2 28,120.2 28.2,120 28.2,120 28))',
        'SRID=4326;COMPOUNDCURVE(CIRCULARSTRING(120 28,120.1 28.1,120.2 28),(120.2 28,120.3 28))',
        'SRID=4326;MULTICURVE((120 28,120.1 28.1),CIRCULARSTRING(120 28,120.1 28.1,120.2 28))',
        'SRID=4326;MULTISURFACE(CURVEPOLYGON(CIRCULARSTRING(120 28,120.2 28,120.2 28.2,120 28.2,120 28)))',
        'SRID=4326;TRIANGLE((120 28,120.1 28,120 28.1,120 28))',
        'SRID=4326;TIN(((0 0 0,0 1 0,1 0 0,0 0 0)))',
        'SRID=4326;POLYHEDRALSURFACE(((0 0 0,0 1 0,1 1 0,1 0 0,0 0 0)))'];
    e text;
BEGIN
    FOREACH e IN ARRAY g LOOP
        INSERT INTO pg_temp.pool (typ, expr)
        VALUES ('public.geometry', CASE WHEN e IS NULL THEN 'NULL::public.geometry'
                                        ELSE quote_literal(e) || '::public.geometry' END);
    END LOOP;
    INSERT INTO pg_temp.pool (typ, expr) VALUES
        ('public.geometry', 'public.ST_SetSRID(public.ST_MakePoint(''NaN'', ''NaN''), 4326)'),
        ('public.geometry', 'public.ST_SetSRID(public.ST_MakePoint(''Infinity'', 28), 4326)'),
        ('public.geometry', 'public.ST_SetSRID(public.ST_MakePoint(120, ''-Infinity''), 4549)'),
        ('public.geometry', 'public.ST_Buffer(''SRID=4326;POINT(120.1 28.1)''::public.geometry, 0.05, 1000)'),
        ('public.geometry', '(SELECT public.ST_Collect(public.ST_SetSRID(public.ST_MakePoint(120 + (i % 100) * 0.001, 28 + (i / 100) * 0.001), 4326)) FROM generate_series(0, 9999) i)'),
        ('public.geometry', '(SELECT public.ST_Collect(g) FROM public.garden_rows)'),
        ('public.geometry', '''SRID=4326;POINT(120 28)''::public.geography::public.geometry'),
        ('public.geometry', '''SRID=4326;POLYGON((120 28,120.1 28,120.1 28.1,120 28.1,120 28))''::public.geography');  -- geography where geometry is expected
END $$;

-- geometry[] and geography, if some function takes them
SELECT pg_temp.add('public.geometry[]', NULL, '{}', '{NULL}');
SELECT pg_temp.add('public.geography', NULL, 'SRID=4326;POINT(120 28)', 'SRID=4326;POINT EMPTY');

-- extension base types (colour, credit_grade, ...): keep the candidate literals that parse
CREATE FUNCTION pg_temp.parses(lit text, t regtype) RETURNS bool LANGUAGE plpgsql AS
$$ BEGIN EXECUTE format('SELECT %L::%s', lit, t); RETURN true;
   EXCEPTION WHEN others THEN RETURN false; END $$;

CREATE TEMP VIEW ext_member AS
SELECT d.classid, d.objid FROM pg_depend d
 WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'zjgov');

DO $$
DECLARE
    t regtype;
    lits text[] := ARRAY['green', 'blue', 'yellow', 'orange', 'red', 'D', 'C', 'CC', 'CCC', 'B', 'BB',
                         'BBB', 'A', 'AA', 'AAA', 'v1:v:1:0:0:0,0,0,0:'];
    l text;
    good text[];
BEGIN
    FOR t IN SELECT ty.oid::regtype FROM pg_type ty JOIN pg_temp.ext_member m
                 ON m.classid = 'pg_type'::regclass AND m.objid = ty.oid
              WHERE ty.typtype = 'b' AND ty.typcategory <> 'A' AND ty.typname <> 'aggstate'
              ORDER BY ty.typname LOOP
        good := ARRAY[]::text[];
        FOREACH l IN ARRAY lits LOOP
            IF pg_temp.parses(l, t) THEN good := good || l; END IF;
        END LOOP;
        PERFORM pg_temp.add(t, VARIADIC ARRAY[NULL::text] || good);
        -- its array type
        IF array_length(good, 1) >= 1 THEN
            PERFORM pg_temp.add((SELECT typarray FROM pg_type WHERE oid = t)::regtype,
                VARIADIC ARRAY[NULL, '{}', '{NULL}',
                               '{' || good[1] || ',NULL}',
                               '{' || array_to_string(good[1:2], ',') || '}',
                               '{' || array_to_string(good[1:3], ',') || '}',
                               '{' || array_to_string(good, ',') || '}',
                               '{' || coalesce(good[2], good[1]) || ',' || good[1] || '}',
                               '{' || array_to_string(array_fill(good[array_length(good, 1)], ARRAY[7]), ',') || '}',
                               '{{' || good[1] || '},{' || good[array_length(good, 1)] || '}}']);
        END IF;
    END LOOP;
END $$;

-- zjgov.aggstate: hand-written states of every shape (the final and combine functions must check them)
DO $$
DECLARE
    k text;
BEGIN
    PERFORM pg_temp.add('zjgov.aggstate', NULL, 'v1:v:1:0:0:0,0,0,0:', 'v1:v:1:3:3:0,0,0,0:1,2,3',
                        'v1:v:1:-1:2:NaN,Infinity,0,0:NaN,-Infinity', 'v1:v:1:1000000000:1:0,0,0,0:1',
                        'v1:r:3:0:2:0,0,0,0:1,1,0,2,0,1', 'v1:r:3:0:1:-1,-1,-1,-1:NaN,-5,-5',
                        'v1:v:2:5:2:1e308,1e308,1e308,1e308:1e308,1e308,-1e308,-1e308',
                        'v1:z:64:0:1:0,0,0,0:' || array_to_string(array_fill(1, ARRAY[64]), ','));
    FOREACH k IN ARRAY string_to_array('a b c d e f g h i j k l m n o p q s t u w x y', ' ') LOOP
        PERFORM pg_temp.add('zjgov.aggstate', 'v1:' || k || ':1:3:2:0,0,0,0:1,2',
                            'v1:' || k || ':2:3:2:2,1,0,-1:1,0,2,1', 'v1:' || k || ':3:0:0:0,0,0,0:');
    END LOOP;
END $$;

-- composite types of the extension and their arrays: field baselines, all NULL, all NaN/negative
CREATE FUNCTION pg_temp.firstval(t regtype) RETURNS text LANGUAGE sql AS
$$ SELECT expr FROM pg_temp.pool WHERE typ = t AND expr NOT LIKE 'NULL::%' ORDER BY ord LIMIT 1 $$;
CREATE FUNCTION pg_temp.nthval(t regtype, n int) RETURNS text LANGUAGE sql AS
$$ SELECT coalesce((SELECT expr FROM pg_temp.pool WHERE typ = t AND expr NOT LIKE 'NULL::%'
                     ORDER BY ord OFFSET n LIMIT 1), 'NULL::' || t::text) $$;

DO $$
DECLARE
    t regtype;
    r1 text; r2 text; rnan text; rnull text;
BEGIN
    FOR t IN SELECT ty.oid::regtype FROM pg_type ty JOIN pg_temp.ext_member m
                 ON m.classid = 'pg_type'::regclass AND m.objid = ty.oid
              WHERE ty.typtype = 'c' ORDER BY ty.typname LOOP
        SELECT 'ROW(' || string_agg(coalesce(pg_temp.nthval(a.atttypid, 2), 'NULL'), ',' ORDER BY a.attnum) || ')::' || t::text,
               'ROW(' || string_agg(coalesce(pg_temp.nthval(a.atttypid, 3), 'NULL'), ',' ORDER BY a.attnum) || ')::' || t::text,
               'ROW(' || string_agg(CASE WHEN a.atttypid IN ('float8'::regtype, 'float4'::regtype) THEN '''NaN''::' || a.atttypid::regtype::text
                                          WHEN a.atttypid IN ('int4'::regtype, 'int8'::regtype) THEN '(-1)::' || a.atttypid::regtype::text
                                          ELSE 'NULL::' || a.atttypid::regtype::text END, ',' ORDER BY a.attnum) || ')::' || t::text,
               'ROW(' || string_agg('NULL::' || a.atttypid::regtype::text, ',' ORDER BY a.attnum) || ')::' || t::text
          INTO r1, r2, rnan, rnull
          FROM pg_attribute a
         WHERE a.attrelid = (SELECT typrelid FROM pg_type WHERE oid = t) AND a.attnum > 0 AND NOT a.attisdropped;
        INSERT INTO pg_temp.pool (typ, expr) VALUES (t, 'NULL::' || t::text), (t, r1), (t, r2), (t, rnan), (t, rnull);
        INSERT INTO pg_temp.pool (typ, expr)
        SELECT ty.typarray::regtype, e FROM pg_type ty,
               unnest(ARRAY['NULL::' || ty.typarray::regtype::text,
                            '''{}''::' || ty.typarray::regtype::text,
                            'ARRAY[NULL::' || t::text || ']',
                            'ARRAY[' || r1 || ']', 'ARRAY[' || r1 || ',' || r2 || ']',
                            'ARRAY[' || r2 || ',' || r1 || ',' || r1 || ']',
                            'ARRAY[' || r1 || ',' || rnan || ']', 'ARRAY[' || rnull || ',' || r1 || ']',
                            'ARRAY[[' || r1 || '],[' || r2 || ']]']) e
         WHERE ty.oid = t;
    END LOOP;
END $$;

-- a pool value must itself evaluate (a malformed literal would make every call using it fail in
-- the type's input, before zjgov runs)
DO $$
DECLARE e text;
BEGIN
    FOR e IN SELECT expr FROM pg_temp.pool LOOP
        BEGIN
            EXECUTE 'SELECT (' || e || ') IS NULL';
        EXCEPTION WHEN others THEN
            RAISE NOTICE 'garden: pool value % does not evaluate (%), dropped', left(e, 80), SQLERRM;
            DELETE FROM pg_temp.pool WHERE expr = e;
        END;
    END LOOP;
END $$;

-- ---------------------------------------------------------------- baselines: a sane value per argument
-- Chosen from the argument's name (and function) so that each hostile value meets otherwise valid
-- arguments. rowcol: for aggregates and window functions, the garden_rows column that feeds the argument.
CREATE FUNCTION pg_temp.baseline(fn text, arg text, t regtype, agg bool) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    a text := lower(coalesce(arg, ''));
    tn text := t::text;
BEGIN
    IF agg THEN
        IF tn = 'double precision' AND a NOT IN ('k', 'bandwidth', 'min_share', 'lo', 'hi') THEN RETURN 'r.v'; END IF;
        IF tn = 'public.geometry' THEN RETURN 'r.g'; END IF;
        IF tn = 'boolean' AND a NOT IN ('star', 'higher_is_worse') THEN RETURN 'r.b'; END IF;
        IF tn = 'double precision[]' AND a IN ('x', 'values', 'row', '') THEN RETURN 'r.arr'; END IF;
        IF tn = 'zjgov.colour' THEN RETURN 'r.c'; END IF;
        IF tn = 'timestamp with time zone' THEN RETURN 'r.ts'; END IF;
        IF tn = 'text' AND a IN ('code', 'label') THEN RETURN 'r.t'; END IF;
    END IF;
    CASE tn
    WHEN 'double precision' THEN
        RETURN CASE a WHEN 'bandwidth' THEN '5000' WHEN 'min_share' THEN '0.05' WHEN 'p_bad' THEN '0.1'
                      WHEN 'base_score' THEN '600' WHEN 'base_odds' THEN '50' WHEN 'pdo' THEN '20'
                      WHEN 'yellow_at' THEN '1' WHEN 'red_at' THEN '2' WHEN 'p' THEN '0.05'
                      WHEN 'population' THEN '100' WHEN 'lo' THEN '0' WHEN 'hi' THEN '10'
                      WHEN 'score' THEN '75' ELSE '1.5' END || '::float8';
    WHEN 'integer' THEN
        RETURN CASE a WHEN 'k' THEN '3' WHEN 'max_k' THEN '10' WHEN 'max_bins' THEN '5'
                      WHEN 'permutations' THEN '99' WHEN 'seed' THEN '42' ELSE '3' END;
    WHEN 'bigint' THEN RETURN '3::int8';
    WHEN 'boolean' THEN RETURN 'true';
    WHEN 'text' THEN
        RETURN quote_literal(CASE WHEN a = 'weights' THEN 'queen'
                                  WHEN a = 'method' AND fn = 'p_adjust' THEN 'fdr'
                                  WHEN a = 'method' THEN 'minmax'
                                  WHEN a = 'direction' THEN 'benefit'
                                  WHEN a = 'scale' THEN 'public'
                                  WHEN a = 'model' THEN 'garden'
                                  WHEN a = 'code' THEN 'a'
                                  ELSE 'x' END) || '::text';
    WHEN 'double precision[]' THEN
        RETURN quote_literal(CASE WHEN a = 'thresholds' THEN '{1,2}'
                                  WHEN a = 'bands' THEN '{1000,5000}'
                                  WHEN a = 'judgements' THEN '{{1,2},{0.5,1}}'
                                  WHEN a IN ('weights', 'expected', 'actual') THEN '{0.2,0.3,0.5}'
                                  ELSE '{1,2,3}' END) || '::float8[]';
    WHEN 'boolean[]' THEN RETURN '''{t,t,f}''::bool[]';
    WHEN 'public.geometry' THEN
        IF fn = 'kernel_density' THEN
            RETURN CASE WHEN a = 'points'
                        THEN '''SRID=4549;MULTIPOINT(500000 3100000,500100 3100000,500000 3100100)''::public.geometry'
                        ELSE '''SRID=4549;POINT(500050 3100050)''::public.geometry' END;
        END IF;
        RETURN CASE WHEN a IN ('target', 'land', 'layer')
                    THEN '''SRID=4326;LINESTRING(120.2 27.9,120.2 28.5)''::public.geometry'
                    WHEN a = 'points' THEN '''SRID=4326;MULTIPOINT(120 28,120.1 28.1,120.2 28)''::public.geometry'
                    ELSE '''SRID=4326;POLYGON((120 28,120.1 28,120.1 28.1,120 28.1,120 28))''::public.geometry' END;
    WHEN 'timestamp with time zone' THEN
        RETURN CASE WHEN a = 'as_of' THEN '''2026-03-01 00:00+08''::timestamptz' ELSE '''2026-01-01 00:00+08''::timestamptz' END;
    WHEN 'interval' THEN
        RETURN CASE WHEN a = 'half_life' THEN '''180 days''::interval' WHEN a = 'red_after' THEN '''3 days''::interval'
                    ELSE '''1 day''::interval' END;
    ELSE
        RETURN coalesce(pg_temp.firstval(t), 'NULL::' || tn);
    END CASE;
END $$;

-- ---------------------------------------------------------------- the calls
CREATE TEMP TABLE out (n serial, c text UNIQUE);
CREATE FUNCTION pg_temp.emit(c text) RETURNS void LANGUAGE sql AS
$$ INSERT INTO pg_temp.out (c) VALUES (c) ON CONFLICT DO NOTHING $$;
-- what the top-up of the full size draws from
CREATE TEMP TABLE fn_seen (s_fname text, s_kind "char", s_argt oid[], s_base text[]);

CREATE FUNCTION pg_temp.calls() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    full_size bool := current_setting('garden.size') = 'full';
    per_pos int := CASE WHEN full_size THEN 1000 ELSE 9 END;     -- hostile values per argument
    n_random int := CASE WHEN full_size THEN 60 ELSE 6 END;      -- random combinations per function
                                                                  -- (full: enough for >= 5000 calls)
    f record;
    argt oid[];
    names text[];
    nin int;
    base text[];
    vals text[];
    pools text[][];
    i int; j int;
    v text;
    call text;
    fname text;
    is_agg bool;
    wins text[] := ARRAY['()', '(PARTITION BY r.grp)', '(ORDER BY r.id)', '(PARTITION BY r.id)',
                         '(PARTITION BY r.grp ORDER BY r.id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)'];
    wheres text[] := ARRAY['', ' WHERE false', ' WHERE r.id = 1', ' WHERE r.id <= 2', ' WHERE r.id <= 9'];
    variant int := 0;
    unknown text;
BEGIN
    PERFORM setseed((current_setting('garden.seed')::int % 1000) / 1000.0);
    IF full_size THEN
        n_random := greatest(n_random, (SELECT 5000 / greatest(count(*), 1) + 1 FROM pg_temp.ext_member m
                                         WHERE m.classid = 'pg_proc'::regclass)::int);
    END IF;
    FOR f IN
        SELECT p.oid, p.proname, p.prokind, p.pronargs, p.pronargdefaults, p.proargtypes,
               p.proargnames, p.proargmodes, p.oid::regprocedure::text AS sig,
               a.aggkind
          FROM pg_proc p JOIN pg_temp.ext_member m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
          LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
         ORDER BY p.oid::regprocedure::text
    LOOP
        argt := ARRAY(SELECT unnest(f.proargtypes::oid[]));   -- oidvector subscripts start at 0
        nin := f.pronargs;
        -- functions taking internal or other pseudo-types (sort support, ...) are not callable from SQL
        IF EXISTS (SELECT 1 FROM unnest(argt) t JOIN pg_type ty ON ty.oid = t
                    WHERE ty.typtype = 'p' AND ty.typname <> 'cstring') THEN
            CONTINUE;
        END IF;
        IF f.aggkind IS NOT NULL AND f.aggkind <> 'n' THEN
            RAISE NOTICE 'garden: % is an ordered-set aggregate, not called', f.sig;
            CONTINUE;
        END IF;
        is_agg := f.prokind IN ('a', 'w');
        -- input argument names
        IF f.proargmodes IS NULL THEN
            names := coalesce(f.proargnames, array_fill(''::text, ARRAY[greatest(nin, 1)]));
        ELSE
            SELECT array_agg(coalesce(f.proargnames[o], '') ORDER BY o) INTO names
              FROM unnest(f.proargmodes) WITH ORDINALITY u(md, o) WHERE md IN ('i', 'b', 'v');
        END IF;
        fname := 'zjgov.' || quote_ident(f.proname);
        base := ARRAY[]::text[];
        FOR i IN 1 .. nin LOOP
            base := base || pg_temp.baseline(f.proname, names[i], argt[i]::regtype, is_agg);
            IF NOT EXISTS (SELECT 1 FROM pg_temp.pool WHERE typ = argt[i]) THEN
                unknown := argt[i]::regtype::text;
                RAISE NOTICE 'garden: no hostile values for type % (argument % of %)', unknown, i, f.sig;
            END IF;
        END LOOP;

        INSERT INTO pg_temp.fn_seen VALUES (fname, f.prokind, argt, base);
        -- 1. baseline, and the shorter calls that use the defaults
        PERFORM pg_temp.emit(pg_temp.render(fname, f.prokind, base, wins[1], wheres[1]));
        FOR j IN (nin - f.pronargdefaults) .. nin - 1 LOOP
            PERFORM pg_temp.emit(pg_temp.render(fname, f.prokind, base[1:j], wins[1], wheres[1]));
        END LOOP;
        IF current_setting('garden.size') = 'baseline' THEN   -- the sane calls only (hostile search_path suite)
            CONTINUE;
        END IF;
        IF is_agg THEN
            FOR i IN 1 .. array_length(wins, 1) LOOP
                FOR j IN 1 .. array_length(wheres, 1) LOOP
                    IF f.prokind = 'w' OR i = 1 THEN
                        PERFORM pg_temp.emit(pg_temp.render(fname, f.prokind, base, wins[i], wheres[j]));
                    END IF;
                END LOOP;
            END LOOP;
            IF f.prokind = 'a' THEN
                PERFORM pg_temp.emit(pg_temp.render(fname, 'g', base, wins[1], wheres[1]));   -- GROUP BY r.grp
            END IF;
        END IF;

        -- 2. one argument at a time: every hostile value of its type, the others at baseline
        FOR i IN 1 .. nin LOOP
            FOR v IN SELECT expr FROM (SELECT expr, ord FROM pg_temp.pool WHERE typ = argt[i] AND (full_size OR NOT heavy)
                                        ORDER BY (expr LIKE 'NULL::%') DESC, random() LIMIT per_pos) s
                     ORDER BY ord LOOP
                vals := base; vals[i] := v;
                variant := variant + 1;
                IF is_agg THEN
                    -- the whole column hostile ...
                    PERFORM pg_temp.emit(pg_temp.render(fname, f.prokind, vals,
                                               wins[1 + variant % array_length(wins, 1)],
                                               wheres[1]));
                    -- ... and one row hostile among sane ones
                    IF base[i] LIKE 'r.%' THEN
                        vals[i] := 'CASE WHEN r.id = 6 THEN ' || v || ' ELSE ' || base[i] || ' END';
                        PERFORM pg_temp.emit(pg_temp.render(fname, f.prokind, vals,
                                                   wins[1 + (variant + 2) % array_length(wins, 1)], wheres[1]));
                    END IF;
                ELSE
                    PERFORM pg_temp.emit(pg_temp.render(fname, f.prokind, vals, NULL, NULL));
                END IF;
            END LOOP;
        END LOOP;

        -- 3. random combinations of hostile values
        FOR j IN 1 .. CASE WHEN nin = 0 THEN 0 WHEN nin = 1 THEN least(n_random, 3) ELSE n_random END LOOP
            vals := base;
            FOR i IN 1 .. nin LOOP
                IF random() < 0.6 THEN
                    SELECT expr INTO v FROM pg_temp.pool WHERE typ = argt[i] AND (full_size OR NOT heavy)
                     ORDER BY random() LIMIT 1;
                    IF v IS NOT NULL THEN vals[i] := v; END IF;
                END IF;
            END LOOP;
            variant := variant + 1;
            PERFORM pg_temp.emit(pg_temp.render(fname, f.prokind, vals, wins[1 + variant % array_length(wins, 1)],
                                       wheres[1 + variant % array_length(wheres, 1)]));
        END LOOP;
    END LOOP;

    -- 4. full size: random combinations until there are 5000 distinct calls
    WHILE full_size AND (SELECT count(*) FROM pg_temp.out) < 5000 AND variant < 200000 LOOP
        variant := variant + 1;
        SELECT * INTO f FROM pg_temp.fn_seen WHERE cardinality(s_argt) > 0 ORDER BY random() LIMIT 1;
        EXIT WHEN NOT FOUND;
        vals := f.s_base;
        FOR i IN 1 .. cardinality(f.s_argt) LOOP
            IF random() < 0.6 THEN
                SELECT expr INTO v FROM pg_temp.pool WHERE typ = f.s_argt[i] ORDER BY random() LIMIT 1;
                IF v IS NOT NULL THEN vals[i] := v; END IF;
            END IF;
        END LOOP;
        PERFORM pg_temp.emit(pg_temp.render(f.s_fname, f.s_kind, vals, wins[1 + variant % array_length(wins, 1)],
                                            wheres[1 + variant % array_length(wheres, 1)]));
    END LOOP;
END $$;

-- kind: f scalar / set-returning, a aggregate, g aggregate grouped, w window
CREATE FUNCTION pg_temp.render(fname text, kind "char", args text[], win text, wh text) RETURNS text
LANGUAGE sql AS $$
SELECT CASE kind
    WHEN 'a' THEN 'SELECT length((' || fname || '(' || coalesce(array_to_string(args, ', '), '') || '))::text) FROM public.garden_rows r' || coalesce(wh, '') || ';'
    WHEN 'g' THEN 'SELECT length((' || fname || '(' || coalesce(array_to_string(args, ', '), '') || '))::text) FROM public.garden_rows r GROUP BY r.grp;'
    WHEN 'w' THEN 'SELECT length((' || fname || '(' || coalesce(array_to_string(args, ', '), '') || ') OVER ' || win || ')::text) FROM public.garden_rows r' || coalesce(wh, '') || ';'
    ELSE 'SELECT length((' || fname || '(' || coalesce(array_to_string(args, ', '), '') || '))::text);'
END $$;

\o
SELECT pg_temp.calls() \g /dev/null
SELECT c FROM pg_temp.out ORDER BY n;
