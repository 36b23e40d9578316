-- The type contract of zjgov's 1-byte ordinal types (colour, and credit_grade once it exists):
-- storage, text and binary I/O (binary COPY round trip through recv), the six operators and their
-- declarations, btree and hash operator classes, ORDER BY / GROUP BY / DISTINCT, btree and hash
-- index scans, hash and merge joins, min/max.  Another ordinal type is one more row in `ordinal`.
BEGIN;
SET LOCAL search_path = public, zjgov;

-- type, values in ascending order, a bad literal; the tests run for the types that exist
CREATE TEMP TABLE ordinal (typ text, vals text[], bad text);
INSERT INTO ordinal VALUES
    ('zjgov.colour', '{green,blue,yellow,orange,red,purple,maroon}', 'violet'),
    ('zjgov.credit_grade', '{D,C,CC,CCC,B,BB,BBB,A,AA,AAA}', 'AAAA');

CREATE FUNCTION pg_temp.ordinal_contract(t regtype, vals text[], bad text) RETURNS SETOF text
LANGUAGE plpgsql AS $fn$
DECLARE
    n int := array_length(vals, 1);
    ty pg_type;
    r record;
    x bigint; y bigint;
    f text := '/tmp/zjgov_ordinal_' || pg_backend_pid() || '_' || replace(t::text, '.', '_');
    lt oid; eq oid;
    plan text;
    h1 regproc; h2 regproc;
BEGIN
    SELECT * INTO ty FROM pg_type WHERE oid = t;
    RETURN NEXT ok(ty.typlen = 1 AND ty.typbyval AND ty.typalign = 'c', t || ' is 1 byte, pass-by-value, char-aligned');

    -- text I/O: every value round-trips; output is the canonical spelling
    EXECUTE format('SELECT count(*) FILTER (WHERE v::%1$s::text = v) FROM unnest($1) v', t) INTO x USING vals;
    RETURN NEXT is(x, n::bigint, t || ': text input and output round-trip');
    RETURN NEXT throws_ok(format('SELECT %L::%s', bad, t), '22P02', NULL, t || ': a bad literal is 22P02');
    RETURN NEXT throws_ok(format('SELECT %L::%s', '', t), '22P02', NULL, t || ': an empty literal is 22P02');

    -- binary: send gives one byte, the rank; COPY BINARY out and back in (through recv) round-trips
    EXECUTE format('SELECT count(*) FILTER (WHERE %1$s(v::%2$s) = decode(lpad(to_hex(o::int - 1), 2, ''0''), ''hex''))
                      FROM unnest($1) WITH ORDINALITY u(v, o)', ty.typsend::regproc, t)
       INTO x USING vals;
    RETURN NEXT is(x, n::bigint, t || ': binary send is one byte, the rank 0 .. n-1');
    EXECUTE format('CREATE TEMP TABLE ord_src (id int, v %s)', t);
    EXECUTE format('INSERT INTO ord_src SELECT o, v::%s FROM unnest($1) WITH ORDINALITY u(v, o)', t) USING vals;
    INSERT INTO ord_src SELECT 0, NULL;
    EXECUTE format('COPY ord_src TO %L (FORMAT binary)', f);
    EXECUTE format('CREATE TEMP TABLE ord_dst (id int, v %s)', t);
    EXECUTE format('COPY ord_dst FROM %L (FORMAT binary)', f);
    SELECT count(*) INTO x FROM ord_src s JOIN ord_dst d ON d.id = s.id AND d.v IS NOT DISTINCT FROM s.v;
    RETURN NEXT is(x, (n + 1)::bigint, t || ': binary COPY round trip (send, then recv) keeps every value and NULL');
    -- recv validates: a byte out of range (written as "char" 120) is 22P03
    CREATE TEMP TABLE ord_badbin (id int, v "char");
    INSERT INTO ord_badbin VALUES (1, 'x');
    EXECUTE format('COPY ord_badbin TO %L (FORMAT binary)', f || '_bad');
    RETURN NEXT throws_ok(format('COPY ord_dst FROM %L (FORMAT binary)', f || '_bad'), '22P03', NULL,
                          t || ': binary input of an out-of-range byte is 22P03');
    -- ... and so is a field of the wrong length (an int4 column read as the 1-byte type)
    CREATE TEMP TABLE ord_badlen (id int, v int4);
    INSERT INTO ord_badlen VALUES (1, 1);
    EXECUTE format('COPY ord_badlen TO %L (FORMAT binary)', f || '_len');
    RETURN NEXT throws_ok(format('COPY ord_dst FROM %L (FORMAT binary)', f || '_len'), '22P03', NULL,
                          t || ': binary input of a 4-byte field is 22P03');

    -- operators: all six agree with the rank order on every pair
    EXECUTE format($q$SELECT count(*) FILTER (WHERE (a.v::%1$s <  b.v::%1$s) IS DISTINCT FROM (a.o <  b.o)
                                             OR (a.v::%1$s <= b.v::%1$s) IS DISTINCT FROM (a.o <= b.o)
                                             OR (a.v::%1$s =  b.v::%1$s) IS DISTINCT FROM (a.o =  b.o)
                                             OR (a.v::%1$s <> b.v::%1$s) IS DISTINCT FROM (a.o <> b.o)
                                             OR (a.v::%1$s >= b.v::%1$s) IS DISTINCT FROM (a.o >= b.o)
                                             OR (a.v::%1$s >  b.v::%1$s) IS DISTINCT FROM (a.o >  b.o))
                        FROM unnest($1) WITH ORDINALITY a(v, o), unnest($1) WITH ORDINALITY b(v, o)$q$, t)
       INTO x USING vals;
    RETURN NEXT is(x, 0::bigint, t || ': = <> < <= > >= agree with the order on all ' || n * n || ' pairs');
    SELECT count(*), count(*) FILTER (WHERE o.oprcom <> 0 AND o.oprnegate <> 0 AND o.oprrest <> 0 AND o.oprjoin <> 0)
      INTO x, y FROM pg_operator o WHERE o.oprleft = t AND o.oprright = t AND o.oprname IN ('=', '<>', '<', '<=', '>', '>=');
    RETURN NEXT ok(x = 6 AND y = 6, t || ': six operators, each with COMMUTATOR, NEGATOR, RESTRICT and JOIN');
    RETURN NEXT ok((SELECT oprcanhash AND oprcanmerge FROM pg_operator WHERE oprleft = t AND oprright = t AND oprname = '='),
                   t || ': = is HASHES and MERGES');

    -- operator classes
    RETURN NEXT ok(EXISTS (SELECT 1 FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod
                            WHERE c.opcintype = t AND c.opcdefault AND a.amname = 'btree'), t || ': default btree operator class');
    RETURN NEXT ok(EXISTS (SELECT 1 FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod
                            WHERE c.opcintype = t AND c.opcdefault AND a.amname = 'hash'), t || ': default hash operator class');
    -- hash support: the extended hash with seed 0 agrees with the 32-bit hash in its low 32 bits
    SELECT p1.amproc, p2.amproc INTO h1, h2
      FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod AND a.amname = 'hash'
      JOIN pg_amproc p1 ON p1.amprocfamily = c.opcfamily AND p1.amprocnum = 1 AND p1.amproclefttype = t
      JOIN pg_amproc p2 ON p2.amprocfamily = c.opcfamily AND p2.amprocnum = 2 AND p2.amproclefttype = t
     WHERE c.opcintype = t AND c.opcdefault;
    EXECUTE format('SELECT count(*) FILTER (WHERE (%1$s(v::%3$s)::bigint & 4294967295) = (%2$s(v::%3$s, 0) & 4294967295)),
                           count(DISTINCT %1$s(v::%3$s))
                      FROM unnest($1) v', h1, h2, t) INTO x, y USING vals;
    RETURN NEXT ok(x = n AND y = n, t || ': hash and extended hash (seed 0) agree, distinct per value');

    -- a table of 5000 rows, value i with multiplicity depending on i, in shuffled order
    EXECUTE format($q$CREATE TEMP TABLE ord_t AS
        SELECT g AS id, ($1)[1 + (g * 7919) %% %2$s]::%1$s AS v FROM generate_series(1, 5000) g$q$, t, n) USING vals;
    ANALYZE ord_t;
    CREATE TEMP TABLE ord_expect AS
        SELECT o, count(*) AS cnt FROM generate_series(1, 5000) g, LATERAL (SELECT 1 + (g * 7919) % n AS o) s GROUP BY o;

    EXECUTE format('SELECT count(*) FROM (SELECT v, lag(v) OVER (ORDER BY v) AS p FROM ord_t) s WHERE p > v') INTO x;
    RETURN NEXT is(x, 0::bigint, t || ': ORDER BY sorts by rank');
    EXECUTE format('SELECT string_agg(v::text, '','' ORDER BY v DESC) FROM (SELECT DISTINCT v FROM ord_t) s') INTO plan;
    RETURN NEXT is(plan, (SELECT string_agg(v, ',' ORDER BY o DESC) FROM unnest(vals) WITH ORDINALITY u(v, o)),
                   t || ': ORDER BY DESC gives the reverse rank order');

    SET LOCAL enable_hashagg = off;
    EXECUTE format($q$SELECT count(*) FROM (SELECT v, count(*) AS c FROM ord_t GROUP BY v) g
                       JOIN unnest($1) WITH ORDINALITY u(w, o) ON g.v = u.w::%s
                       JOIN ord_expect e ON e.o = u.o AND e.cnt = g.c$q$, t) INTO x USING vals;
    RETURN NEXT is(x, n::bigint, t || ': GROUP BY (sorted) counts every value right');
    SET LOCAL enable_hashagg = on;
    SET LOCAL enable_sort = off;
    EXECUTE format($q$SELECT count(*) FROM (SELECT v, count(*) AS c FROM ord_t GROUP BY v) g
                       JOIN unnest($1) WITH ORDINALITY u(w, o) ON g.v = u.w::%s
                       JOIN ord_expect e ON e.o = u.o AND e.cnt = g.c$q$, t) INTO x USING vals;
    RETURN NEXT is(x, n::bigint, t || ': GROUP BY (hashed) counts every value right');
    EXECUTE 'EXPLAIN (COSTS OFF) SELECT DISTINCT v FROM ord_t' INTO plan;
    SELECT count(DISTINCT v) INTO x FROM ord_t;
    RETURN NEXT ok(x = n AND plan LIKE '%HashAggregate%', t || ': DISTINCT by hashing gives ' || n || ' values');
    RESET enable_sort; RESET enable_hashagg;

    -- btree index: equality and range scans agree with a sequential scan
    CREATE INDEX ord_t_v ON ord_t (v);
    SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off;
    SELECT string_agg(s, ' ') INTO plan FROM (SELECT * FROM pg_temp.explain(format('SELECT id FROM ord_t WHERE v >= %L::%s', vals[2], t))) e(s);
    EXECUTE format('SELECT count(*) FROM ord_t WHERE v >= %L::%s', vals[2], t) INTO x;
    SELECT sum(cnt) INTO y FROM ord_expect WHERE o >= 2;
    RETURN NEXT ok(plan LIKE '%Index%Scan using ord_t_v%' AND x = y, t || ': btree index range scan (v >= second value)');
    SELECT string_agg(s, ' ') INTO plan FROM (SELECT * FROM pg_temp.explain(format('SELECT id FROM ord_t WHERE v = %L::%s', vals[n], t))) e(s);
    EXECUTE format('SELECT count(*) FROM ord_t WHERE v = %L::%s', vals[n], t) INTO x;
    RETURN NEXT ok(plan LIKE '%Index%ord_t_v%' AND x = (SELECT cnt FROM ord_expect WHERE o = n), t || ': btree index equality scan');
    DROP INDEX ord_t_v;
    CREATE INDEX ord_t_h ON ord_t USING hash (v);
    SELECT string_agg(s, ' ') INTO plan FROM (SELECT * FROM pg_temp.explain(format('SELECT id FROM ord_t WHERE v = %L::%s', vals[1], t))) e(s);
    EXECUTE format('SELECT count(*) FROM ord_t WHERE v = %L::%s', vals[1], t) INTO x;
    RETURN NEXT ok(plan LIKE '%Index Scan using ord_t_h%' AND x = (SELECT cnt FROM ord_expect WHERE o = 1), t || ': hash index equality scan');
    DROP INDEX ord_t_h;
    RESET enable_seqscan; RESET enable_bitmapscan;

    -- joins on the type: hash join and merge join give the same count
    EXECUTE format('CREATE TEMP TABLE ord_u AS SELECT v::%s AS v FROM unnest($1) v', t) USING vals;
    SET LOCAL enable_mergejoin = off; SET LOCAL enable_nestloop = off;
    SELECT string_agg(s, ' ') INTO plan FROM (SELECT * FROM pg_temp.explain('SELECT * FROM ord_t JOIN ord_u USING (v)')) e(s);
    SELECT count(*) INTO x FROM ord_t JOIN ord_u USING (v);
    RETURN NEXT ok(plan LIKE '%Hash Join%' AND x = 5000, t || ': hash join on the type');
    SET LOCAL enable_mergejoin = on; SET LOCAL enable_hashjoin = off;
    SELECT string_agg(s, ' ') INTO plan FROM (SELECT * FROM pg_temp.explain('SELECT * FROM ord_t JOIN ord_u USING (v)')) e(s);
    SELECT count(*) INTO x FROM ord_t JOIN ord_u USING (v);
    RETURN NEXT ok(plan LIKE '%Merge Join%' AND x = 5000, t || ': merge join on the type');
    RESET enable_mergejoin; RESET enable_nestloop; RESET enable_hashjoin;

    -- min / max (the worst) aggregates, also as a parallel plan
    EXECUTE 'SELECT zjgov.min(v)::text, zjgov.max(v)::text FROM ord_t' INTO r;
    RETURN NEXT ok(r.min = vals[1] AND r.max = vals[n], t || ': min and max are the lowest and highest rank');
    SET LOCAL parallel_setup_cost = 0; SET LOCAL parallel_tuple_cost = 0;
    SET LOCAL min_parallel_table_scan_size = 0; SET LOCAL max_parallel_workers_per_gather = 2;
    CREATE TABLE public.zj_ord_parallel WITH (parallel_workers = 2) AS SELECT * FROM ord_t;  -- temp tables are never scanned in parallel
    SELECT string_agg(s, ' ') INTO plan FROM (SELECT * FROM pg_temp.explain('SELECT zjgov.max(v) FROM public.zj_ord_parallel')) e(s);
    EXECUTE 'SELECT zjgov.max(v)::text FROM public.zj_ord_parallel' INTO r;
    DROP TABLE public.zj_ord_parallel;
    RETURN NEXT ok(plan LIKE '%Partial Aggregate%' AND r.max = vals[n], t || ': max as a partial (parallel) aggregate');
    RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
    RESET max_parallel_workers_per_gather;

    DROP TABLE ord_src, ord_dst, ord_badbin, ord_badlen, ord_t, ord_u, ord_expect;
END $fn$;

CREATE FUNCTION pg_temp.explain(q text) RETURNS SETOF text LANGUAGE plpgsql AS
$$ DECLARE l text; BEGIN FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP RETURN NEXT l; END LOOP; END $$;

-- 26 tests per type
SELECT plan(26 * (SELECT count(*)::int FROM ordinal));
SELECT pg_temp.ordinal_contract(typ::regtype, vals, bad) FROM ordinal WHERE to_regtype(typ) IS NOT NULL ORDER BY typ;
SELECT skip(typ || ' is not installed', 26) FROM ordinal WHERE to_regtype(typ) IS NULL ORDER BY typ;

SELECT * FROM finish();
ROLLBACK;
