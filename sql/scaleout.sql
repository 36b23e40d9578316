-- scale-out: results that do not depend on the order rows arrive in (a Citus coordinator or a
-- parallel plan hands rows and partial states in any order)
SET search_path = public, zjgov;

-- knn ties.  Five points on a line one unit apart, values 10..50:
--   x: 0  1  2  3  4      v: 10 20 30 40 50
-- knn:1 — the ends have one nearest neighbour (x=1, x=3); the middle points two at distance 1.
-- The canonical rule: rows are ordered by value (then geometry), and a tie goes to the row that
-- comes first, i.e. the smaller value.  Hand computation of the spatial lag (the neighbour's v):
--   x=0: 20; x=1: min(10, 30) = 10; x=2: min(20, 40) = 20; x=3: min(30, 50) = 30; x=4: 40
CREATE TABLE so_line AS
SELECT i AS id, ST_MakePoint(i, 0) AS geom, (10 * (i + 1))::float8 AS v FROM generate_series(0, 4) i;
SELECT id,
       spatial_lag(v, geom, 'knn:1') OVER (ORDER BY id) AS lag_asc,
       spatial_lag(v, geom, 'knn:1') OVER (ORDER BY id DESC) AS lag_desc
  FROM so_line ORDER BY id;
-- local_moran with knn ties, permutations included: the same in either order
SELECT bool_and(a = d) AS local_moran_same
  FROM (SELECT id, local_moran(v, geom, 'knn:1', 99, 7) OVER (ORDER BY id)::text AS a,
               local_moran(v, geom, 'knn:1', 99, 7) OVER (ORDER BY id DESC)::text AS d
          FROM so_line) s;
-- neighbours: two rows at the same point (ids 7 and 8) and one at distance 1 (id 1): knn:1 of
-- id 1 is the smaller id, 7, in either order; 7 and 8 are each other's nearest (distance 0)
CREATE TABLE so_twin(id bigint, geom geometry);
INSERT INTO so_twin VALUES (8, 'POINT(0 0)'), (1, 'POINT(1 0)'), (7, 'POINT(0 0)');
SELECT id, neighbours(id, geom, 'knn:1') OVER (ORDER BY id) AS asc_order,
       neighbours(id, geom, 'knn:1') OVER (ORDER BY id DESC) AS desc_order
  FROM so_twin ORDER BY id;

-- svg_map: the same text in any input order; the mildest colour is drawn first (red on top)
CREATE TABLE so_map AS
SELECT i AS id, ST_MakeEnvelope(i, 0, i + 1, 1) AS geom,
       (ARRAY['red', 'green', 'yellow', 'green']::colour[])[i + 1] AS c, 'r' || i AS label
  FROM generate_series(0, 3) i;
SELECT svg_map(geom, c, label ORDER BY id) = svg_map(geom, c, label ORDER BY id DESC) AS svg_same,
       strpos(svg_map(geom, c, label ORDER BY id), '#D7191C') > strpos(svg_map(geom, c, label ORDER BY id), '#1A9641')
         AS red_after_green
  FROM so_map;

-- credit_grade_by: the scale as a value (IMMUTABLE, for distributed UPDATEs).  The built-in public
-- scale: A from 90, B from 70, C from 40, D below (zjgov--1.0.sql); best grade first.
SELECT grade_scale_min_scores('public') AS min_scores, grade_scale_grades('public') AS grades;
SELECT s, credit_grade_by(s, '{90,70,40,-Infinity}', '{A,B,C,D}') AS by_value,
       credit_grade_by(s, grade_scale_min_scores('public'), grade_scale_grades('public'))
         = credit_grade(s, 'public') AS same_as_catalog
  FROM unnest(ARRAY[100, 90, 89.999, 70, 69.5, 40, 39, -1e300]::float8[]) s;
SELECT provolatile FROM pg_proc WHERE oid = 'credit_grade_by(float8, float8[], credit_grade[])'::regprocedure;
-- errors
SELECT grade_scale_min_scores('no such scale');
SELECT grade_scale_grades('no such scale');
SELECT credit_grade_by(5, '{90,70,40}', '{A,B,C}');
SELECT credit_grade_by(95, '{90,70}', '{A,B,C}');
SELECT credit_grade_by(95, '{}', '{}');
SELECT credit_grade_by(95, '{70,90}', '{A,B}');
SELECT credit_grade_by(95, '{90,70}', '{B,A}');
SELECT credit_grade_by(95, '{90,NaN}', '{A,B}');
SELECT credit_grade_by(95, '{Infinity,70}', '{A,B}');
SELECT credit_grade_by(95, '{90,NULL}', '{A,B}');
SELECT credit_grade_by(95, '{90,70}', '{A,NULL}');
SELECT credit_grade_by('NaN', '{90,70}', '{A,B}');

-- catalog_fingerprint: the same rows give the same fingerprint; a user row changes it
CREATE TEMP TABLE fp AS SELECT catalog_fingerprint() AS before;
INSERT INTO grade_scale (scale, grade, min_score) VALUES ('so_county', 'A', 80), ('so_county', 'D', '-Infinity');
SELECT catalog_fingerprint() <> before AS changed FROM fp;
DELETE FROM grade_scale WHERE scale = 'so_county';
SELECT catalog_fingerprint() = before AS restored FROM fp;
-- sync_catalogs copies to Citus workers: without Citus it is an error
SELECT * FROM sync_catalogs();

-- sorted runs in the states: 100 000 values in a scrambled order (a transition sorts and merges
-- every 4096 or more values).  Reference: core percentile_cont over the same values (equal
-- thresholds collapse in quantile_breaks; these values are distinct, so none do).
CREATE TABLE so_vals AS SELECT i, ((i::bigint * 7919) % 100003)::float8 / 7 AS v, (i::bigint * 104729) % 3 = 0 AS bad
  FROM generate_series(1, 100000) i;
SELECT quantile_breaks(v, 10) = (SELECT percentile_cont(ARRAY[0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9])
                                   WITHIN GROUP (ORDER BY v) FROM so_vals) AS quantiles_match
  FROM so_vals;
-- the state after the transitions is one run and a short tail (at most an eighth of the run)
SELECT split_part(st, ':', 5)::bigint = 100000 AS all_kept,
       split_part(split_part(st, ':', 6), ',', 4)::float8 >= 100000 * 8 / 9.0 AS mostly_sorted
  FROM (SELECT _zjgov_breaks_state(v, 10)::text AS st FROM so_vals) q;
-- AUC with ties over 100 000 rows against the rank formula in plain SQL (Mann-Whitney):
-- (Σ over bad rows of #goods below + ½ #goods tied) / (B·G)
WITH g AS (SELECT floor(v / 1000) AS r, count(*) FILTER (WHERE bad) AS b, count(*) FILTER (WHERE NOT bad) AS g
             FROM so_vals GROUP BY 1),
     c AS (SELECT b, g, sum(g) OVER (ORDER BY r ROWS UNBOUNDED PRECEDING) - g AS below FROM g)
SELECT abs((SELECT auc(floor(v / 1000), bad) FROM so_vals)
           - (SELECT sum(b * (below + 0.5 * g)) / (sum(b) * sum(g)) FROM c)::float8) < 1e-12 AS auc_matches;
