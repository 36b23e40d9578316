-- zjgov 1.0 -> 1.1 update script.  A fresh 1.1 install runs zjgov--1.0.sql and then this file
-- (PostgreSQL chains them: CREATE EXTENSION zjgov finds the path 1.0 -> 1.1), so every object new
-- or changed in 1.1 is written exactly once, here.  One section per area, in this order; each
-- section appends its objects at its own end.  Qualify everything (@extschema@., pg_catalog.).
\echo Use "ALTER EXTENSION zjgov UPDATE TO '1.1'" to load this file. \quit

-- ===================================================================== house: names, states, caches



-- ===================================================================== scale-out: states, catalogs

-- Credit grades with the scale given as a value: IMMUTABLE, so a distributed UPDATE can run it on
-- the shards; the scale is read once, on the coordinator, by the two STABLE lookups.
CREATE FUNCTION @extschema@.credit_grade_by(score float8, min_scores float8[], grades @extschema@.credit_grade[])
    RETURNS @extschema@.credit_grade
    AS 'MODULE_PATHNAME', 'zjgov_credit_grade_by' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.credit_grade_by(float8, float8[], @extschema@.credit_grade[]) IS 'the best of grades whose min_score the score reaches; the scale as a value, best grade first with strictly descending min_scores (as grade_scale_min_scores and grade_scale_grades return it); IMMUTABLE, for distributed UPDATEs';

CREATE FUNCTION @extschema@.grade_scale_min_scores(scale text) RETURNS float8[]
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $$
DECLARE r float8[];
BEGIN
    SELECT pg_catalog.array_agg(g.min_score ORDER BY g.min_score DESC) INTO r
      FROM @extschema@.grade_scale g WHERE g.scale OPERATOR(pg_catalog.=) $1;
    IF r IS NULL THEN
        RAISE EXCEPTION 'unknown grade scale "%"', $1 USING ERRCODE = '22023',
            HINT = 'The built-in scales are public, tax, market and bank; add your own to zjgov.grade_scale.';
    END IF;
    RETURN r;
END $$;
COMMENT ON FUNCTION @extschema@.grade_scale_min_scores(text) IS 'the min_score of every grade of a scale of zjgov.grade_scale, best grade first (for credit_grade_by)';

CREATE FUNCTION @extschema@.grade_scale_grades(scale text) RETURNS @extschema@.credit_grade[]
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $$
DECLARE r @extschema@.credit_grade[];
BEGIN
    SELECT pg_catalog.array_agg(g.grade ORDER BY g.min_score DESC) INTO r
      FROM @extschema@.grade_scale g WHERE g.scale OPERATOR(pg_catalog.=) $1;
    IF r IS NULL THEN
        RAISE EXCEPTION 'unknown grade scale "%"', $1 USING ERRCODE = '22023',
            HINT = 'The built-in scales are public, tax, market and bank; add your own to zjgov.grade_scale.';
    END IF;
    RETURN r;
END $$;
COMMENT ON FUNCTION @extschema@.grade_scale_grades(text) IS 'the grades of a scale of zjgov.grade_scale, best first (for credit_grade_by)';

-- The catalog tables (every table of the extension whose user rows pg_dump keeps: grade scales,
-- indicator models, warning rules, working-day calendars ...) must hold the same rows on every
-- Citus node: shard queries and worker partial aggregates read the worker's copy.
CREATE FUNCTION @extschema@.catalog_fingerprint() RETURNS text
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE t regclass; h text; acc text := '';
BEGIN
    FOR t IN SELECT c.oid::regclass
               FROM pg_catalog.pg_extension e, pg_catalog.unnest(e.extconfig) u(oid)
               JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) u.oid
              WHERE e.extname OPERATOR(pg_catalog.=) 'zjgov' AND c.relkind OPERATOR(pg_catalog.=) 'r'
              ORDER BY c.relname COLLATE "C" LOOP
        EXECUTE pg_catalog.format('SELECT pg_catalog.md5(coalesce(pg_catalog.string_agg(x, %L ORDER BY x COLLATE "C"), %L)) FROM (SELECT pg_catalog.md5(r::text) AS x FROM %s r) s',
                                  ',', '', t) INTO h;
        acc := acc OPERATOR(pg_catalog.||) t::text OPERATOR(pg_catalog.||) ':' OPERATOR(pg_catalog.||) h OPERATOR(pg_catalog.||) ';';
    END LOOP;
    RETURN pg_catalog.md5(acc);
END $$;
COMMENT ON FUNCTION @extschema@.catalog_fingerprint() IS 'md5 over every row of the extension''s catalog tables (grade_scale, indicator and the other configuration tables): equal on two nodes when their catalogs hold the same rows';

CREATE FUNCTION @extschema@.sync_catalogs(OUT catalog regclass, OUT user_rows bigint, OUT workers int)
    RETURNS SETOF record LANGUAGE plpgsql VOLATILE AS $$
DECLARE t regclass; cond text; js text; n bigint; cmd text; r record; nw int; mine text;
BEGIN
    IF pg_catalog.to_regprocedure('pg_catalog.run_command_on_workers(text, boolean)') IS NULL THEN
        RAISE EXCEPTION 'sync_catalogs needs Citus' USING ERRCODE = '0A000',
            DETAIL = 'It copies the catalog rows of this node to every Citus worker.';
    END IF;
    FOR t, cond IN SELECT c.oid::regclass, u.cond
                     FROM pg_catalog.pg_extension e,
                          ROWS FROM (pg_catalog.unnest(e.extconfig), pg_catalog.unnest(e.extcondition)) u(oid, cond)
                     JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) u.oid
                    WHERE e.extname OPERATOR(pg_catalog.=) 'zjgov' AND c.relkind OPERATOR(pg_catalog.=) 'r'
                    ORDER BY c.relname COLLATE "C" LOOP
        EXECUTE pg_catalog.format('SELECT pg_catalog.count(*), coalesce(pg_catalog.json_agg(r), %L)::text FROM %s r %s',
                                  '[]', t, cond) INTO n, js;
        -- one implicit transaction a worker: the user rows replaced as a whole
        cmd := pg_catalog.format('DELETE FROM %s %s; INSERT INTO %s OVERRIDING SYSTEM VALUE SELECT * FROM pg_catalog.json_populate_recordset(NULL::%s, %L)',
                                 t, cond, t, t, js);
        nw := 0;
        FOR r IN EXECUTE 'SELECT nodename, nodeport, success, result FROM pg_catalog.run_command_on_workers($1, false)' USING cmd LOOP
            IF NOT r.success THEN
                RAISE EXCEPTION 'could not copy % to worker %:%', t, r.nodename, r.nodeport USING ERRCODE = '08000',
                    DETAIL = r.result;
            END IF;
            nw := nw OPERATOR(pg_catalog.+) 1;
        END LOOP;
        catalog := t; user_rows := n; workers := nw;
        RETURN NEXT;
    END LOOP;
    mine := @extschema@.catalog_fingerprint();
    FOR r IN SELECT nodename, nodeport, success, result
               FROM pg_catalog.run_command_on_workers('SELECT @extschema@.catalog_fingerprint()', false) LOOP
        IF NOT r.success OR r.result IS DISTINCT FROM mine THEN
            RAISE EXCEPTION 'the catalog of worker %:% differs from this node''s after copying', r.nodename, r.nodeport
                USING ERRCODE = '55000', DETAIL = pg_catalog.format('Fingerprint %s here, %s there.', mine, r.result),
                HINT = 'The built-in rows differ: install the same zjgov version on every node (ALTER EXTENSION zjgov UPDATE).';
        END IF;
    END LOOP;
END $$;
COMMENT ON FUNCTION @extschema@.sync_catalogs() IS 'on a Citus coordinator: copy the user rows of every zjgov catalog table (grade_scale, indicator, ...) to every worker, then check that every node''s catalog_fingerprint() equals this node''s; run after changing a catalog';



-- ===================================================================== time: trends, space-time hot spots, alarms



-- ===================================================================== rules: warning rules, escalation, working days, draws



-- ===================================================================== tracks



-- ===================================================================== regions and local statistics



-- ===================================================================== models and scorecards



-- ===================================================================== privileges (last fragment)
-- Tables created in 1.1 are readable by everyone, as the 1.0 catalog tables are.
GRANT SELECT ON ALL TABLES IN SCHEMA @extschema@ TO PUBLIC;
