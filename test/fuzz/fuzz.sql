-- A seeded SQL-level fuzzer (schema fuzz in a scratch database that has zjgov and garden_rows).
-- Targets are found on the catalog:
--   in:    text input of every base type of zjgov (colour, aggstate, credit_grade, ...): mutated
--          literals; what parses must round-trip through output and input unchanged
--   recv:  binary input of those types: mutated send() bytes in a binary COPY file (through recv)
--   state: parseable mutated zjgov.aggstate values fed to every aggregate's combine and final
--          functions inside a real aggregate (a crafted state must give an ERROR, never a crash)
--   spec:  the weights spec parser: every function with a text argument named "weights"
-- Case i of a target with seed s is a pure function of (s, i): a crash is reproduced by its number.
SET client_min_messages = warning;
CREATE SCHEMA fuzz;

-- deterministic pseudo-random integer in [0, n) from (seed, case, draw)
CREATE FUNCTION fuzz.rnd(seed int, i int, k int, n int) RETURNS int LANGUAGE sql IMMUTABLE AS
$$ SELECT (abs(hashtextextended(seed || ':' || i || ':' || k, 0)) % greatest(n, 1))::int $$;

CREATE TABLE fuzz.numbers (s text);
INSERT INTO fuzz.numbers VALUES ('0'), ('-0'), ('-1'), ('1'), ('2'), ('3'), ('16'), ('17'), ('2147483647'),
    ('2147483648'), ('-2147483649'), ('9223372036854775807'), ('9223372036854775808'), ('1e308'),
    ('1e309'), ('-1e309'), ('4.9e-324'), ('1e-400'), ('nan'), ('NaN'), ('inf'), ('-Infinity'),
    ('0x1p-1074'), ('0x1.fffffffffffffp+1023'), ('0x'), ('1e'), ('.'), ('-'), ('+'), ('0.5'), ('1000000000'),
    ('64'), ('65'), ('255'), ('256'), ('-128'), (repeat('9', 400)), (repeat('0', 300) || '1');
CREATE TABLE fuzz.chars (s text);
INSERT INTO fuzz.chars SELECT unnest(ARRAY[':', ',', '.', '-', '+', 'e', 'x', 'p', 'v', '0', '1', '9', 'a', 'z',
    'A', 'Z', ' ', E'\t', E'\n', E'\r', '红', '色', 'é', E'\u00a0', E'\u007f', E'\u0001', '%', '\', '"', '''',
    '{', '}', '(', ')', '=', ';', 'knn', 'queen', 'rook', 'distance', 'NaN', 'inf']);

-- one mutated string from a corpus
CREATE FUNCTION fuzz.mutate(corpus text[], seed int, i int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    s text := corpus[1 + fuzz.rnd(seed, i, 0, array_length(corpus, 1))];
    nmut int := 1 + fuzz.rnd(seed, i, 1, 4);
    op int; p int; q int; len int; t text;
BEGIN
    FOR m IN 1 .. nmut LOOP
        len := length(s);
        op := fuzz.rnd(seed, i, 10 * m, 9);
        p := fuzz.rnd(seed, i, 10 * m + 1, len + 1);
        q := p + fuzz.rnd(seed, i, 10 * m + 2, 8);
        CASE op
        WHEN 0 THEN  -- insert a character or token
            SELECT c.s INTO t FROM fuzz.chars c ORDER BY hashtext(c.s || seed || ':' || i || ':' || m) LIMIT 1;
            s := substr(s, 1, p) || t || substr(s, p + 1);
        WHEN 1 THEN  -- delete a range
            s := substr(s, 1, p) || substr(s, q + 1);
        WHEN 2 THEN  -- replace a number with an extreme one
            SELECT n.s INTO t FROM fuzz.numbers n ORDER BY hashtext(n.s || seed || ':' || i || ':' || m) LIMIT 1;
            s := regexp_replace(s, '-?[0-9][0-9a-fA-Fx.p+e-]*', t, 1,
                                1 + fuzz.rnd(seed, i, 10 * m + 3, greatest(1, (SELECT count(*)::int FROM regexp_matches(s, '[0-9]+', 'g')))));
        WHEN 3 THEN  -- repeat a slice
            s := substr(s, 1, p) || repeat(substr(s, p + 1, q - p), 1 + fuzz.rnd(seed, i, 10 * m + 4, 2000)) || substr(s, q + 1);
        WHEN 4 THEN  -- splice with another corpus entry
            t := corpus[1 + fuzz.rnd(seed, i, 10 * m + 5, array_length(corpus, 1))];
            s := substr(s, 1, p) || substr(t, 1 + fuzz.rnd(seed, i, 10 * m + 6, length(t) + 1));
        WHEN 5 THEN  -- case and blanks
            s := CASE fuzz.rnd(seed, i, 10 * m + 7, 3) WHEN 0 THEN upper(s) WHEN 1 THEN '  ' || s || E'\t' ELSE lower(s) END;
        WHEN 6 THEN  -- truncate
            s := substr(s, 1, p);
        WHEN 7 THEN  -- swap separators
            s := translate(s, CASE fuzz.rnd(seed, i, 10 * m + 8, 2) WHEN 0 THEN ':,' ELSE ',:' END, ',:');
        ELSE         -- flip one character to a neighbour code point
            IF len > 0 THEN
                p := 1 + fuzz.rnd(seed, i, 10 * m + 9, len);
                s := substr(s, 1, p - 1) || chr(greatest(1, ascii(substr(s, p, 1)) + fuzz.rnd(seed, i, 10 * m + 10, 5) - 2)) || substr(s, p + 1);
            END IF;
        END CASE;
        IF length(s) > 300000 THEN s := substr(s, 1, 300000); END IF;
    END LOOP;
    RETURN s;
END $$;

-- one mutated byte string (binary input)
CREATE FUNCTION fuzz.mutate_bytes(corpus bytea[], seed int, i int) RETURNS bytea LANGUAGE plpgsql AS $$
DECLARE
    b bytea := corpus[1 + fuzz.rnd(seed, i, 0, array_length(corpus, 1))];
    nmut int := 1 + fuzz.rnd(seed, i, 1, 3);
    op int; p int; len int;
BEGIN
    FOR m IN 1 .. nmut LOOP
        len := length(b);
        op := fuzz.rnd(seed, i, 10 * m, 5);
        p := fuzz.rnd(seed, i, 10 * m + 1, greatest(len, 1));
        IF op = 0 AND len > 0 THEN
            b := set_byte(b, p, fuzz.rnd(seed, i, 10 * m + 2, 256));
        ELSIF op = 1 THEN
            b := substr(b, 1, p);
        ELSIF op = 2 THEN
            b := b || decode(repeat(lpad(to_hex(fuzz.rnd(seed, i, 10 * m + 3, 256)), 2, '0'), 1 + fuzz.rnd(seed, i, 10 * m + 4, 64)), 'hex');
        ELSIF op = 3 AND len > 0 THEN   -- a byte to 0x00, 0x7f, 0x80 or 0xff (lengths, counts)
            b := set_byte(b, p, (ARRAY[0, 127, 128, 255])[1 + fuzz.rnd(seed, i, 10 * m + 5, 4)]);
        ELSIF len > 0 THEN
            b := substr(b, 1, p) || substr(b, p + 2);
        END IF;
    END LOOP;
    RETURN b;
END $$;

-- ---------------------------------------------------------------- targets and their corpora
CREATE TABLE fuzz.target (name text PRIMARY KEY, kind text, typ regtype, call text, corpus text[], bcorpus bytea[]);

CREATE VIEW fuzz.member AS
SELECT d.classid, d.objid FROM pg_depend d
 WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'zjgov');

CREATE FUNCTION fuzz.try(q text) RETURNS text LANGUAGE plpgsql AS
$$ DECLARE r text; BEGIN EXECUTE q INTO r; RETURN r; EXCEPTION WHEN others THEN RETURN NULL; END $$;

DO $$
DECLARE
    t record; a record;
    lits text[] := ARRAY['green', 'blue', 'yellow', 'orange', 'red', '红', '橙色', ' Yellow ', 'D', 'C', 'CC', 'CCC',
                         'B', 'BB', 'BBB', 'A', 'AA', 'AAA', 'v1:v:1:0:0:0,0,0,0:', 'v1:v:1:3:3:0,0,0,0:1,2,3',
                         'v1:r:3:0:2:1,2,3,4:1,1,0,2,0,1', 'v1:v:2:5:2:0x1p+0,nan,-inf,0x0.0000000000001p-1022:1,2,3,4'];
    good text[]; v text; st text; q text; argl text;
BEGIN
    -- state-type corpus: real states harvested from every aggregate whose state is one of ours
    FOR a IN SELECT p.oid, p.proname, ag.aggtransfn::regproc AS sfunc, ag.agginitval, p.proargtypes,
                    ag.aggtranstype::regtype AS stype
               FROM pg_aggregate ag JOIN pg_proc p ON p.oid = ag.aggfnoid JOIN fuzz.member m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
              WHERE ag.aggtranstype IN ('zjgov.aggstate'::regtype, 'zjgov.spatialstate'::regtype, 'zjgov.svgmap_state'::regtype) LOOP
        SELECT string_agg(format_type(x, NULL), ', ' ORDER BY o),
               string_agg(CASE format_type(x, NULL) WHEN 'double precision' THEN 'r.v' WHEN 'integer' THEN '3'
                               WHEN 'boolean' THEN 'r.b' WHEN 'double precision[]' THEN 'r.arr' WHEN 'text' THEN 'r.t'
                               WHEN 'geometry' THEN 'r.g' WHEN 'zjgov.colour' THEN 'r.c' WHEN 'bigint' THEN '3'
                               ELSE 'NULL' END, ', ' ORDER BY o)
          INTO q, argl FROM unnest(a.proargtypes::oid[]) WITH ORDINALITY u(x, o);
        BEGIN
            EXECUTE format('CREATE AGGREGATE fuzz.harvest_%s(%s) (SFUNC = %s, STYPE = %s%s)', a.oid, q, a.sfunc, a.stype,
                           CASE WHEN a.agginitval IS NOT NULL THEN format(', INITCOND = %L', a.agginitval) ELSE '' END);
            st := fuzz.try(format('SELECT fuzz.harvest_%s(%s)::text FROM public.garden_rows r', a.oid, argl));
            IF st IS NOT NULL THEN lits := lits || st; END IF;
            st := fuzz.try(format('SELECT fuzz.harvest_%s(%s)::text FROM public.garden_rows r WHERE r.id <= 2', a.oid, argl));
            IF st IS NOT NULL THEN lits := lits || st; END IF;
        EXCEPTION WHEN others THEN
            RAISE NOTICE 'fuzz: could not harvest the state of %: %', a.proname, SQLERRM;
        END;
    END LOOP;

    FOR t IN SELECT ty.oid::regtype AS typ, ty.typname, ty.typsend::regproc AS send
               FROM pg_type ty JOIN fuzz.member m ON m.classid = 'pg_type'::regclass AND m.objid = ty.oid
              WHERE ty.typtype = 'b' AND ty.typcategory <> 'A' ORDER BY ty.typname LOOP
        good := ARRAY[]::text[];
        FOREACH v IN ARRAY lits LOOP
            IF fuzz.try(format('SELECT %L::%s::text', v, t.typ)) IS NOT NULL THEN good := good || v; END IF;
        END LOOP;
        IF t.typname = 'trackstate' THEN
            -- the tier_dwell state of two fixes around the unit square, bands {0.5,1,2}
            good := good || '01000300000000005d0000000000000000000000ca4297a6c6cbb8e00200000000000000000000000000e03f000000000000f03f00000000000000400103000000010000000500000000000000000000000000000000000000000000000000f03f0000000000000000000000000000f03f000000000000f03f0000000000000000000000000000f03f0000000000000000000000000000000000000000000000008051400000000000001040000000000000e03f000000000000000000000000000008c0000000000000e03f'::text;
        END IF;
        IF good = '{}' THEN good := ARRAY['x']; END IF;
        INSERT INTO fuzz.target (name, kind, typ, corpus) VALUES (t.typname || '_in', 'in', t.typ, good);
        IF t.typname = 'trackstate' THEN
            INSERT INTO fuzz.target (name, kind, call, corpus) VALUES ('trackstate_final', 'call',
                'SELECT zjgov._zjgov_tier_dwell_final($1::zjgov.trackstate, NULL, NULL, NULL, NULL)::text', good);
        END IF;
        IF t.send IS NOT NULL AND t.send::oid <> 0 THEN
            INSERT INTO fuzz.target (name, kind, typ, bcorpus)
            SELECT t.typname || '_recv', 'recv', t.typ, array_agg(fuzz.try(format('SELECT %s(%L::%s)::text', t.send, g, t.typ))::bytea)
              FROM unnest(good) g WHERE fuzz.try(format('SELECT %L::%s::text', g, t.typ)) IS NOT NULL;
        END IF;
        IF t.typname = 'aggstate' THEN
            INSERT INTO fuzz.target (name, kind, typ, corpus) VALUES ('aggstate_consumers', 'state', t.typ, good);
        END IF;
    END LOOP;

    -- the weights spec: every function with a text argument named weights, called over the grid
    FOR a IN SELECT p.oid, p.proname, p.prokind, p.proargtypes, p.proargnames, p.pronargs
               FROM pg_proc p JOIN fuzz.member m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
              WHERE EXISTS (SELECT 1 FROM unnest(p.proargnames) WITH ORDINALITY n(nm, o)
                             WHERE n.nm = 'weights' AND (p.proargtypes::oid[])[n.o - 1] = 'text'::regtype) LOOP
        SELECT string_agg(CASE WHEN a.proargnames[o] = 'weights' THEN '$1'
                               ELSE CASE format_type(x, NULL) WHEN 'double precision' THEN 'r.v' WHEN 'integer' THEN '9'
                                         WHEN 'boolean' THEN 'true' WHEN 'geometry' THEN 'r.g' WHEN 'text' THEN '''fdr'''
                                         ELSE 'NULL' END END, ', ' ORDER BY o)
          INTO argl FROM unnest(a.proargtypes::oid[]) WITH ORDINALITY u(x, o) WHERE o <= a.pronargs;
        INSERT INTO fuzz.target (name, kind, call, corpus) VALUES
            ('spec_' || a.proname || '_' || a.oid, 'spec',
             format('SELECT count(*) FROM (SELECT zjgov.%I(%s)%s AS x FROM public.garden_rows r) s WHERE x IS NOT NULL',
                    a.proname, argl, CASE WHEN a.prokind = 'w' THEN ' OVER (PARTITION BY r.grp)' ELSE '' END),
             ARRAY['queen', 'rook', 'queen:0.001', 'rook:0', 'knn:1', 'knn:4', 'knn:7', 'distance:5000',
                   'distance:20000', 'distance:0', 'QUEEN', ' knn:3 ']);
    END LOOP;
END $$;

-- ---------------------------------------------------------------- running cases
-- output text read back by the type's input; an ERROR here is a round-trip failure, not a rejection
CREATE FUNCTION fuzz.reparse(o text, t regtype) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
    EXECUTE format('SELECT %L::%s::text', o, t) INTO r;
    RETURN r;
EXCEPTION WHEN others THEN
    RETURN 'output not accepted by input: ' || SQLERRM;
END $$;

-- Returns one row per case that failed: XX000, or a value that does not round-trip; and one
-- summary row (i = -1) with the SQLSTATE counts.
CREATE FUNCTION fuzz.run(tname text, seed int, i0 int, n int, tmo text DEFAULT '2s')
RETURNS TABLE (i int, state text, detail text) LANGUAGE plpgsql AS $$
DECLARE
    tg fuzz.target;
    s text; b bytea; o text; o2 text;
    counts jsonb := '{}';
    code text; msg text;
    f text := 'zjgov_fuzz_' || pg_backend_pid();  -- relative: in the data directory, gone with the cluster
    lo oid;
    cons record;
BEGIN
    SELECT * INTO tg FROM fuzz.target WHERE name = tname;
    PERFORM set_config('statement_timeout', '0', true);
    IF tg.kind = 'recv' THEN
        EXECUTE format('CREATE TEMP TABLE IF NOT EXISTS fuzz_recv (v %s)', tg.typ);
    END IF;
    FOR k IN i0 .. i0 + n - 1 LOOP
        code := 'ok';
        BEGIN
            IF tg.kind IN ('in', 'state') THEN
                s := fuzz.mutate(tg.corpus, seed, k);
                EXECUTE format('SELECT %L::%s::text', s, tg.typ) INTO o;
                o2 := fuzz.reparse(o, tg.typ);
                IF o IS DISTINCT FROM o2 THEN
                    i := k; state := 'ROUNDTRIP'; detail := left(s, 300) || ' -> ' || left(o, 300) || ' -> ' || left(o2, 300);
                    RETURN NEXT;
                END IF;
                IF tg.kind = 'state' THEN
                    -- feed the parsed state to every aggregate's combine (as a transition function
                    -- of a scratch aggregate, so it runs in a real aggregate context) and final
                    FOR cons IN SELECT * FROM fuzz.consumer LOOP
                        BEGIN
                            EXECUTE format('SELECT %s(v)::text FROM (VALUES (%L::zjgov.aggstate), (%L::zjgov.aggstate)) t(v)',
                                           cons.agg, o, o) INTO o2;
                        EXCEPTION WHEN others THEN
                            GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
                            IF code = 'XX000' THEN
                                i := k; state := 'XX000'; detail := cons.agg || '(' || left(o, 200) || '): ' || msg;
                                RETURN NEXT;
                            END IF;
                            counts := jsonb_set(counts, ARRAY[code], to_jsonb(coalesce((counts ->> code)::int, 0) + 1));
                        END;
                    END LOOP;
                    code := 'ok';
                END IF;
            ELSIF tg.kind = 'recv' THEN
                b := fuzz.mutate_bytes(tg.bcorpus, seed, k);
                -- binary COPY file: signature, flags, extension length, one tuple of one field, trailer
                lo := lo_from_bytea(0, '\x5047434f50590aff0d0a00'::bytea || '\x0000000000000000'::bytea
                                        || '\x0001'::bytea || int4send(length(b)) || b || '\xffff'::bytea);
                PERFORM lo_export(lo, f);
                PERFORM lo_unlink(lo);
                TRUNCATE fuzz_recv;
                EXECUTE format('COPY fuzz_recv FROM %L (FORMAT binary)', f);
                SELECT v::text INTO o FROM fuzz_recv;
                o2 := fuzz.reparse(o, tg.typ);
                IF o IS DISTINCT FROM o2 THEN
                    i := k; state := 'ROUNDTRIP'; detail := encode(b, 'hex') || ' -> ' || left(o, 300); RETURN NEXT;
                END IF;
            ELSE
                s := fuzz.mutate(tg.corpus, seed, k);
                EXECUTE tg.call INTO o USING s;
            END IF;
        EXCEPTION WHEN others THEN
            GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
            IF code = 'XX000' THEN
                i := k; state := 'XX000';
                detail := left(coalesce(s, encode(b, 'hex')), 300) || ': ' || msg;
                RETURN NEXT;
            END IF;
        END;
        counts := jsonb_set(counts, ARRAY[code], to_jsonb(coalesce((counts ->> code)::int, 0) + 1));
    END LOOP;
    i := -1; state := 'SUMMARY'; detail := counts::text;
    RETURN NEXT;
END $$;

-- scratch aggregates that run each aggstate aggregate's combine function as a transition over
-- crafted states, then its final function when it takes just the state
CREATE TABLE fuzz.consumer (agg text);
DO $$
DECLARE a record; n int := 0;
BEGIN
    FOR a IN SELECT p.proname, ag.aggcombinefn::regproc AS comb, ag.aggfinalfn, ag.aggfinalextra
               FROM pg_aggregate ag JOIN pg_proc p ON p.oid = ag.aggfnoid
               JOIN fuzz.member m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
              WHERE ag.aggtranstype = 'zjgov.aggstate'::regtype AND ag.aggcombinefn <> 0 LOOP
        n := n + 1;
        BEGIN
            EXECUTE format('CREATE AGGREGATE fuzz.consume_%s(zjgov.aggstate) (SFUNC = %s, STYPE = zjgov.aggstate%s)', n, a.comb,
                           CASE WHEN a.aggfinalfn <> 0 AND NOT a.aggfinalextra
                                     AND (SELECT pronargs FROM pg_proc WHERE oid = a.aggfinalfn) = 1
                                THEN ', FINALFUNC = ' || a.aggfinalfn::regproc ELSE '' END);
            INSERT INTO fuzz.consumer VALUES ('fuzz.consume_' || n);
        EXCEPTION WHEN others THEN
            RAISE NOTICE 'fuzz: no consumer for %: %', a.proname, SQLERRM;
        END;
    END LOOP;
END $$;
