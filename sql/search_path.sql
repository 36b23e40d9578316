-- zjgov under a minimal search_path (pg_catalog, pg_temp): schema-qualified calls, operators and
-- casts work, in expression indexes too (as h3-pg tests), and survive REINDEX and ANALYZE under
-- another search_path.  The install script and SQL bodies must not depend on the caller's path.
SET search_path = pg_catalog, pg_temp;
CREATE TABLE public.sp_t (id int, v float8, c zjgov.colour);
INSERT INTO public.sp_t
SELECT g, g, zjgov.colour_of(g, '{10,20}') FROM generate_series(1, 30) g;
-- colour_of with the default 3-class palette: 1..9 green, 10..19 yellow, 20..30 red
SELECT c, count(*) FROM public.sp_t GROUP BY c ORDER BY c;
CREATE INDEX sp_t_class ON public.sp_t (zjgov.classify(v, '{10,20}'::float8[]));
CREATE INDEX sp_t_colour ON public.sp_t (zjgov.colour_of(v, '{10,20}'::float8[]));
CREATE INDEX sp_t_hex ON public.sp_t (zjgov.colour_hex(c));
CREATE INDEX sp_t_three ON public.sp_t (zjgov.three_colour(v, 10, 20));
CREATE INDEX sp_t_c ON public.sp_t (c);
ANALYZE public.sp_t;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
-- classify(v, {10,20}) = 2 for 10 <= v < 20: 10 rows
EXPLAIN (COSTS OFF) SELECT count(*) FROM public.sp_t WHERE zjgov.classify(v, '{10,20}'::float8[]) = 2;
SELECT count(*) FROM public.sp_t WHERE zjgov.classify(v, '{10,20}'::float8[]) = 2;
-- red for v >= 20: 11 rows; the operator is found by OPERATOR(zjgov.=)
EXPLAIN (COSTS OFF) SELECT count(*) FROM public.sp_t
 WHERE zjgov.colour_of(v, '{10,20}'::float8[]) OPERATOR(zjgov.=) 'red'::zjgov.colour;
SELECT count(*) FROM public.sp_t WHERE zjgov.colour_of(v, '{10,20}'::float8[]) OPERATOR(zjgov.=) 'red'::zjgov.colour;
-- the yellow hex is #FDD835 (docs/colours.md): 10 rows
SELECT count(*) FROM public.sp_t WHERE zjgov.colour_hex(c) = '#FDD835';
-- three_colour(v, 10, 20): v >= 20 red (11), v >= 10 yellow (10)
SELECT zjgov.three_colour(v, 10, 20) AS colour, count(*) FROM public.sp_t
 WHERE zjgov.three_colour(v, 10, 20) OPERATOR(zjgov.>=) 'yellow'::zjgov.colour GROUP BY 1 ORDER BY 1;
-- range scan through the btree opclass on the column: yellow and worse, 21 rows
SELECT count(*) FROM public.sp_t WHERE c OPERATOR(zjgov.>=) 'yellow'::zjgov.colour;
-- max is the worst colour
SELECT zjgov.max(c), zjgov.min(c) FROM public.sp_t;
RESET enable_seqscan;
RESET enable_bitmapscan;
-- rebuilding the indexes under other search paths gives the same index contents
SET search_path = public;
REINDEX TABLE public.sp_t;
SET search_path = pg_catalog, pg_temp;
ANALYZE public.sp_t;
INSERT INTO public.sp_t VALUES (31, 5, 'red');
SET enable_seqscan = off;
SELECT count(*) FROM public.sp_t WHERE zjgov.classify(v, '{10,20}'::float8[]) = 1;  -- 1..9 and the new 5: 10
RESET enable_seqscan;
-- the SQL-language functions of zjgov do not depend on search_path: each has SET search_path or
-- only qualified names (checked on the catalog: an unqualified-looking body must set its path)
SELECT p.oid::regprocedure AS sql_function_without_fixed_search_path
  FROM pg_depend d JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
  JOIN pg_language l ON l.oid = p.prolang
 WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'zjgov')
   AND l.lanname IN ('sql', 'plpgsql')
   AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c LIKE 'search\_path=%')
   AND p.prosrc ~* '(^|[^.a-z_])(array_length|unnest|sum|avg|count|abs|sqrt|ln|exp|power|round|lower|upper|format|jsonb_build_object|cardinality|array_agg|string_agg|generate_series)\s*\('
 ORDER BY 1;
-- errors: without the schema the function and the operator are not found
SELECT classify(1, '{1}');
SELECT 'red'::zjgov.colour = 'red'::zjgov.colour;
DROP TABLE public.sp_t;
