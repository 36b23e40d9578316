-- Large-input workloads for every zjgov function, aggregate and window function, read from the
-- catalog (schema stress, in the stress database).  stress.query(fn oid, n bigint, heavy bool)
-- gives a query over n generated rows (NULL when the function's argument types are not covered);
-- stress.measure(q_control, q_small, q_big) runs them in one backend and reports peak RSS (VmHWM)
-- and the backend's memory contexts, to tell a per-row leak from bounded memory.
SET client_min_messages = warning;
CREATE SCHEMA stress;

CREATE VIEW stress.member AS
SELECT p.oid, p.proname, p.prokind, p.pronargs, p.pronargdefaults, p.proargtypes, p.proargnames, p.proargmodes,
       p.proretset, a.aggtranstype, p.oid::regprocedure::text AS sig
  FROM pg_depend d JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
  LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
 WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'zjgov');

-- an indicator model for score() and score_detail(), when the catalog table exists
DO $$
BEGIN
    IF pg_catalog.to_regclass('zjgov.indicator') IS NOT NULL THEN
        -- 300 leaves l1 .. l300 under three branches: an entity is 300 rows (g / 300)
        INSERT INTO zjgov.indicator (model, code, parent, name, weight, direction, lo, hi)
        SELECT 'stress', 'root', NULL, 'root', 1::float8, 'benefit', NULL::float8, NULL::float8
        UNION ALL SELECT 'stress', b, 'root', b, 1, 'benefit', NULL, NULL FROM unnest(ARRAY['a','b','c']) b
        UNION ALL SELECT 'stress', 'l' || i, (ARRAY['a','b','c'])[1 + i % 3], 'l' || i, 1 + i % 4,
                         CASE WHEN i % 5 = 0 THEN 'cost' ELSE 'benefit' END, 0, 100
                    FROM generate_series(1, 300) i;
    END IF;
EXCEPTION WHEN others THEN
    RAISE NOTICE 'stress: no indicator model: %', SQLERRM;
END $$;

-- an argument expression over generated row g (heavy: parameters that make the work long)
CREATE FUNCTION stress.arg(fn text, arg text, t regtype, heavy bool) RETURNS text LANGUAGE plpgsql AS $$
DECLARE a text := lower(coalesce(arg, ''));
BEGIN
    RETURN CASE format_type(t, NULL)
    WHEN 'double precision' THEN
        CASE a WHEN 'yellow_at' THEN '40' WHEN 'red_at' THEN '70' WHEN 'bandwidth' THEN '5000'
               WHEN 'min_share' THEN '0.05' WHEN 'p_bad' THEN '(0.01 + (g % 97) / 100.0)' WHEN 'lo' THEN '0'
               WHEN 't' THEN 'g::float8' WHEN 'hi' THEN '100' WHEN 'base_score' THEN '600' WHEN 'base_odds' THEN '50' WHEN 'pdo' THEN '20'
               WHEN 'p' THEN '((g % 997) / 1000.0)' WHEN 'population' THEN '(100 + g % 50)::float8'
               -- a window's settings are the same on every row of a partition
               WHEN 'floor' THEN '2000' WHEN 'lambda' THEN '0.2' WHEN 'l' THEN '3' WHEN 'k' THEN '0.5'
               WHEN 'h' THEN '5' WHEN 'min_sigma' THEN '0' WHEN 'alpha' THEN '0.05' WHEN 'missing' THEN '0'
               ELSE '(((g % 10007) * 7919) % 1000)::float8 / 10' END
    WHEN 'integer' THEN
        CASE a WHEN 'k' THEN CASE WHEN heavy THEN '10' ELSE '4' END WHEN 'max_k' THEN '10'
               WHEN 'max_bins' THEN '5' WHEN 'permutations' THEN CASE WHEN heavy THEN '99999' ELSE '99' END
               WHEN 'seed' THEN '42' WHEN 'baseline' THEN '7' WHEN 'min_size' THEN '2' WHEN 'iterations' THEN '5'
               WHEN 'time_window' THEN '1' ELSE '(1 + g % 5)::int' END
    -- the global aggregates with neighbours given as data: ids g, one-way lists to g − 2100 and
    -- g − 4200 (2100 = 300 · 7 = 4 · 525: the same group for GROUP BY g % 4 and for Citus's county
    -- (g / 300) % 7, so every listed id is a row of the group)
    WHEN 'bigint' THEN CASE WHEN a = 'id' AND fn IN ('moran', 'geary', 'join_counts') THEN 'g::int8' ELSE '3::int8' END
    WHEN 'bigint[]' THEN
        CASE WHEN a = 'neighbours' AND fn IN ('moran', 'geary', 'join_counts')
             THEN 'pg_catalog.array_remove(ARRAY[CASE WHEN g > 2100 THEN g - 2100 END, CASE WHEN g > 4200 THEN g - 4200 END], NULL)::int8[]' END
    WHEN 'boolean' THEN CASE WHEN a IN ('star', 'higher_is_worse') THEN 'true' ELSE '(g % 3 = 0)' END
    WHEN 'text' THEN
        CASE WHEN a = 'weights' THEN CASE WHEN heavy THEN '''distance:100000''' ELSE '''knn:4''' END
             WHEN a = 'method' AND fn = 'p_adjust' THEN '''fdr''' WHEN a = 'method' THEN '''minmax'''
             WHEN a = 'direction' THEN '''benefit''' WHEN a = 'scale' THEN '''public'''
             WHEN a = 'model' THEN '''stress''' WHEN a = 'code' THEN '(''l'' || 1 + g % 300)' ELSE '''x''' END
    WHEN 'double precision[]' THEN
        CASE WHEN a = 'thresholds' THEN '''{20,50,80}''::float8[]' WHEN a = 'bands' THEN '''{1000,5000,20000}''::float8[]'
             WHEN a IN ('weights', 'expected', 'actual') THEN '''{0.5,0.3,0.2}''::float8[]'
             WHEN a = 'judgements' THEN '''{{1,3,5},{0.3333333333333333,1,2},{0.2,0.5,1}}''::float8[]'
             ELSE 'ARRAY[g % 10 + 1, (g * 7) % 13 + 1, (g * 3) % 5 + 1]::float8[]' END
    WHEN 'boolean[]' THEN '''{t,t,f}''::bool[]'
    WHEN 'geometry' THEN
        CASE WHEN fn = 'kernel_density' AND a = 'points' THEN '''SRID=4549;MULTIPOINT(500000 3100000,500100 3100000,500000 3100100)''::public.geometry'
             WHEN fn = 'kernel_density' THEN 'public.ST_SetSRID(public.ST_MakePoint(500000 + g % 200, 3100000 + g % 300), 4549)'
             -- tracks: a LINESTRING M across the target line, one hour long; fixes one point a row
             WHEN a = 'track' THEN 'public.ST_SetSRID(public.ST_MakeLine(ARRAY[public.ST_MakePointM(120.4 + (g % 50) * 0.001, 28 + (g % 70) * 0.001, 1.7e9 + g), public.ST_MakePointM(120.6, 28.2, 1.7e9 + g + 3600)]), 4326)'
             WHEN fn = 'tier_dwell' AND a = 'geom' THEN 'public.ST_SetSRID(public.ST_MakePoint(120.3 + (g % 1000) * 0.0004, 28 + (g / 1000) * 0.01), 4326)'
             WHEN a IN ('target', 'land', 'layer') THEN '''SRID=4326;LINESTRING(120.5 27.9,120.5 29.5)''::public.geometry'
             WHEN a = 'points' THEN '''SRID=4326;MULTIPOINT(120 28,120.1 28.1,120.2 28)''::public.geometry'
             -- stress.unique_geom = on: one jittered cell a row, so no two centroid distances tie
             WHEN current_setting('stress.unique_geom', true) = 'on'
             THEN 'public.ST_MakeEnvelope(120 + 0.01 * (g % 200) + ((g * 7919) % 997) * 1e-6, 28 + 0.01 * (g / 200) + ((g * 104729) % 991) * 1e-6, 120.01 + 0.01 * (g % 200) + ((g * 7919) % 997) * 1e-6, 28.01 + 0.01 * (g / 200) + ((g * 104729) % 991) * 1e-6, 4326)'
             ELSE 'public.ST_MakeEnvelope(120 + 0.01 * (g % 32), 28 + 0.01 * ((g / 32) % 32), 120.01 + 0.01 * (g % 32), 28.01 + 0.01 * ((g / 32) % 32), 4326)' END
    WHEN 'timestamp with time zone' THEN
        CASE WHEN a = 'as_of' THEN '''2026-06-01 00:00+08''::timestamptz' ELSE '(''2026-01-01 00:00+08''::timestamptz + g * interval ''1 minute'')' END
    WHEN 'interval' THEN CASE WHEN a = 'half_life' THEN '''180 days''::interval' ELSE '''1 day''::interval' END
    WHEN 'zjgov.colour' THEN '(ARRAY[''green'',''yellow'',''red''])[1 + g % 3]::zjgov.colour'
    WHEN 'zjgov.colour[]' THEN '''{green,yellow,orange,red}''::zjgov.colour[]'
    WHEN 'zjgov.credit_grade' THEN '(ARRAY[''D'',''B'',''A'',''AAA''])[1 + g % 4]::zjgov.credit_grade'
    ELSE NULL END;
END $$;

-- the query over n rows; windows get partitions of 1000 rows (heavy: one partition)
CREATE FUNCTION stress.query(fn oid, n bigint, heavy bool) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    f stress.member;
    args text := '';
    e text;
    nm text[];
    i int;
BEGIN
    SELECT * INTO f FROM stress.member WHERE oid = fn;
    IF f.proargmodes IS NULL THEN nm := f.proargnames;
    ELSE SELECT array_agg(coalesce(f.proargnames[o], '') ORDER BY o) INTO nm
           FROM unnest(f.proargmodes) WITH ORDINALITY u(md, o) WHERE md IN ('i', 'b', 'v');
    END IF;
    FOR i IN 1 .. f.pronargs LOOP
        e := stress.arg(f.proname, nm[i], (f.proargtypes::oid[])[i - 1]::regtype, heavy);
        IF e IS NULL THEN RETURN NULL; END IF;
        args := args || CASE WHEN i > 1 THEN ', ' ELSE '' END || e;
    END LOOP;
    RETURN CASE f.prokind
        WHEN 'a' THEN format('SELECT length(zjgov.%I(%s)::text) FROM generate_series(1, %s) g', f.proname, args, n)
        WHEN 'w' THEN format('SELECT count(x) FROM (SELECT zjgov.%I(%s) OVER (%s) AS x FROM generate_series(1, %s) g) s',
                             f.proname, args, CASE WHEN heavy THEN '' ELSE 'PARTITION BY g / 1000' END, n)
        ELSE format('SELECT count(x) FROM (SELECT zjgov.%I(%s) AS x FROM generate_series(1, %s) g) s', f.proname, args, n)
    END;
END $$;

-- the functions to exercise: user-facing ones (not type and aggregate support functions)
CREATE VIEW stress.target AS
SELECT m.* FROM stress.member m
 WHERE NOT EXISTS (SELECT 1 FROM pg_type t WHERE m.oid IN (t.typinput, t.typoutput, t.typreceive, t.typsend))
   AND NOT EXISTS (SELECT 1 FROM pg_aggregate a WHERE m.oid IN (a.aggtransfn, a.aggfinalfn, a.aggcombinefn))
   AND NOT EXISTS (SELECT 1 FROM pg_amproc ap WHERE ap.amproc = m.oid)
   AND NOT EXISTS (SELECT 1 FROM pg_operator o WHERE o.oprcode = m.oid)
   AND m.proname NOT LIKE '\_%';

CREATE FUNCTION stress.rss() RETURNS TABLE (hwm bigint, rss bigint) LANGUAGE sql AS $$
SELECT (regexp_match(s, 'VmHWM:\s+(\d+) kB'))[1]::bigint * 1024, (regexp_match(s, 'VmRSS:\s+(\d+) kB'))[1]::bigint * 1024
  FROM pg_read_file('/proc/self/status') s $$;
CREATE FUNCTION stress.ctx() RETURNS bigint LANGUAGE sql AS
$$ SELECT sum(total_bytes)::bigint FROM pg_backend_memory_contexts $$;

-- in this backend, JIT off (LLVM's own memory would hide everything else): a control query over
-- the big row source, q_small twice (warm caches), then q_big; peak RSS after each, memory-context
-- totals after the small and the big run
CREATE FUNCTION stress.measure(q_control text, q_small text, q_big text)
RETURNS TABLE (hwm_control bigint, hwm_small bigint, hwm_big bigint, ctx_small bigint, ctx_big bigint, ms_big float8)
LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; r record;
BEGIN
    PERFORM set_config('jit', 'off', true);
    EXECUTE q_control INTO r;
    SELECT s.hwm INTO hwm_control FROM stress.rss() s;
    EXECUTE q_small INTO r;
    EXECUTE q_small INTO r;
    SELECT s.hwm INTO hwm_small FROM stress.rss() s;
    ctx_small := stress.ctx();
    t0 := clock_timestamp();
    EXECUTE q_big INTO r;
    ms_big := extract(epoch FROM clock_timestamp() - t0) * 1000;
    SELECT s.hwm INTO hwm_big FROM stress.rss() s;
    ctx_big := stress.ctx();
    RETURN NEXT;
END $$;
