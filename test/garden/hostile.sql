-- Hostile objects in schema public (CVE-2018-1058 style): functions and operators named like
-- pg_catalog's, either with pg_catalog's exact signature (they win when public comes first in
-- search_path) or with a more exact signature than pg_catalog's implicit-cast or polymorphic
-- candidates (they win even with pg_catalog first).  Each one raises "hostile object ... called".
-- PostGIS must already be installed (its names are left alone).
SET client_min_messages = warning;

CREATE FUNCTION public._hostile_raise(what text) RETURNS void LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'hostile object % called', what; END $$;

DO $$
DECLARE
    fnames text[] := ARRAY['array_length', 'array_upper', 'array_lower', 'array_ndims', 'array_dims',
                           'cardinality', 'unnest', 'abs', 'sqrt', 'ln', 'log', 'exp', 'power', 'round',
                           'floor', 'ceil', 'trunc', 'sign', 'lower', 'upper', 'btrim', 'ltrim', 'rtrim',
                           'split_part', 'string_to_array', 'array_to_string', 'format', 'concat', 'substr',
                           'jsonb_build_object', 'jsonb_build_array', 'to_jsonb', 'array_position',
                           'array_append', 'array_cat', 'width_bucket', 'sum', 'avg', 'max', 'min',
                           'array_agg', 'string_agg', 'stddev_samp', 'variance', 'now', 'random',
                           'percentile_cont', 'extract', 'date_part', 'age', 'to_char', 'regexp_match',
                           'position', 'strpos', 'replace', 'nullif', 'isfinite', 'numeric', 'float8',
                           'int4', 'text'];
    sigs text[] := ARRAY['double precision', 'numeric', 'integer', 'bigint', 'text', 'double precision[]',
                         'integer[]', 'text[]', 'anyarray', 'anyelement', 'double precision[], integer',
                         'anyarray, integer', 'anyarray, bigint', 'double precision[], bigint', 'text, text',
                         'text, integer', 'double precision, double precision', 'double precision, integer',
                         'numeric, integer', 'double precision, double precision[]', 'timestamp with time zone',
                         'interval', 'timestamp with time zone, timestamp with time zone', 'text, anyelement',
                         'boolean'];
    f text; s text; ret text;
BEGIN
    FOREACH f IN ARRAY fnames LOOP
        FOREACH s IN ARRAY sigs LOOP
            ret := CASE WHEN s LIKE 'anyelement%' THEN 'anyelement' WHEN s LIKE 'anyarray%' THEN 'integer'
                        WHEN s LIKE 'text, anyelement' THEN 'text' ELSE pg_catalog.split_part(s, ',', 1) END;
            BEGIN
                EXECUTE pg_catalog.format('CREATE FUNCTION public.%I(%s) RETURNS %s LANGUAGE plpgsql AS %L', f, s, ret,
                    pg_catalog.format('BEGIN PERFORM public._hostile_raise(%L); RETURN NULL; END', 'public.' || f || '(' || s || ')'));
            EXCEPTION WHEN others THEN NULL;   -- a few names are reserved words
            END;
        END LOOP;
    END LOOP;
END $$;

-- operators: mixed-type pairs that pg_catalog resolves through an implicit cast (an exact match
-- here wins even with pg_catalog first), and pg_catalog's own pairs (win when public comes first)
DO $$
DECLARE
    ops text[] := ARRAY['=', '<>', '<', '<=', '>', '>=', '+', '-', '*', '/', '^', '%', '||', '@>', '<@', '&&'];
    pairs text[] := ARRAY['double precision,integer', 'integer,double precision', 'double precision,numeric',
                          'numeric,double precision', 'double precision,bigint', 'bigint,double precision',
                          'bigint,integer', 'integer,bigint', 'numeric,integer', 'integer,numeric',
                          'double precision,double precision', 'text,text', 'double precision[],double precision[]',
                          'text[],text[]', 'timestamp with time zone,interval',
                          'timestamp with time zone,timestamp with time zone', 'interval,double precision',
                          'double precision,interval', 'text,integer', 'boolean,boolean'];
    o text; p text; l text; r text; fn text; i int := 0;
BEGIN
    FOREACH p IN ARRAY pairs LOOP
        l := pg_catalog.split_part(p, ',', 1); r := pg_catalog.split_part(p, ',', 2);
        FOREACH o IN ARRAY ops LOOP
            i := i OPERATOR(pg_catalog.+) 1;
            fn := 'public._hostile_op_' OPERATOR(pg_catalog.||) i::text;
            BEGIN
                EXECUTE pg_catalog.format('CREATE FUNCTION %s(%s, %s) RETURNS boolean LANGUAGE plpgsql AS %L', fn, l, r,
                    pg_catalog.format('BEGIN PERFORM public._hostile_raise(%L); RETURN NULL; END', 'operator public.' || o || '(' || p || ')'));
                EXECUTE pg_catalog.format('CREATE OPERATOR public.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = %s)', o, l, r, fn);
            EXCEPTION WHEN others THEN NULL;
            END;
        END LOOP;
    END LOOP;
END $$;
