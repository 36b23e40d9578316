-- svg_map: a standalone SVG choropleth (aggregate, parallel safe, exact text state)
SET search_path = public, zjgov;
-- Hand-computed drawing: extent 10 x 5 (a rectangle and a point inside it); the longer side
-- becomes 1000 units (scale 100) plus a margin of 10, y flipped: (x, y) -> (100x + 10, 100(5 - y) + 10).
-- The rectangle (0 0, 10 0, 10 5, 0 5) -> M10 510 L1010 510 1010 10 10 10 Z (the closing point is
-- dropped only if it repeats the previous one; here it is the first point again, drawn as 10 510);
-- the point (2 1) -> centre (210, 410), a disc of radius 3 starting at (207, 410).
-- viewBox: width 1000 + 2*10 + 170 (legend) = 1190, height max(500 + 20, legend 30 + 2*20 + 20) = 520.
SELECT svg_map(g, c, l) FROM (VALUES
    ('POLYGON((0 0,10 0,10 5,0 5,0 0))'::geometry, 'yellow'::colour, 'A & <B>'),
    ('POINT(2 1)', 'red', NULL)) AS v(g, c, l);
-- one path per drawn row; rows without a geometry or a colour are skipped, empty geometries too
SELECT regexp_count(m, '<path ') AS paths, regexp_count(m, '<text x=') AS texts,
       m LIKE '%n = 3</text>%' AS total, m LIKE '%>red (2)</text>%' AS reds, m LIKE '%>green (1)</text>%' AS greens,
       m NOT LIKE '%>yellow (%' AS no_yellow, m LIKE '%fill="#1A9641"%' AS green_hex
  FROM (SELECT svg_map(g, c) AS m FROM (VALUES
    ('POINT(0 0)'::geometry, 'red'::colour), ('POINT(1 1)', 'red'), ('LINESTRING(0 0, 2 3)', 'green'),
    (NULL, 'red'), ('POINT(5 5)', NULL), ('POLYGON EMPTY', 'yellow')) AS v(g, c)) AS s;
-- a line is stroked in its colour, not filled
SELECT svg_map(g, 'blue') LIKE '%<path d="M10 1010L1010 10" class="l" style="stroke:#2B83BA"/>%' AS line
  FROM (VALUES ('LINESTRING(0 0, 1 1)'::geometry)) AS v(g);
-- longitude/latitude: x is scaled by cos(middle latitude); 1 x 1 degree at 60N -> 500 x 1000
SELECT svg_map(g, 'green') LIKE '%viewBox="0 0 690 1020"%' AS lonlat_aspect
  FROM (VALUES ('SRID=4326;POLYGON((10 59.5,11 59.5,11 60.5,10 60.5,10 59.5))'::geometry)) AS v(g);
-- no drawable rows: NULL, as other aggregates over nothing
SELECT svg_map(g, c) IS NULL AS empty FROM (VALUES (NULL::geometry, 'red'::colour)) AS v(g, c);
SELECT svg_map(g, c) IS NULL AS none FROM (VALUES ('POINT(0 0)'::geometry, 'red'::colour)) AS v(g, c) WHERE false;

-- the state type: exact text form v1:<rows>:<hex records>, record = colour rank (red 04),
-- label length (ffffffff = NULL), EWKB length 0x15 = 21, EWKB of POINT(1 2) little-endian
SELECT _zjgov_svg_map_accum(NULL, 'POINT(1 2)', 'red')::text AS state;
SELECT _zjgov_svg_map_accum(NULL, 'POINT(1 2)', 'red')::text
     = 'v1:1:04ffffffff000000150101000000000000000000f03f0000000000000040' AS exact;
-- text and binary round trips, and combine concatenates in order
WITH s AS (SELECT _zjgov_svg_map_accum(_zjgov_svg_map_accum(NULL, 'POINT(1 2)', 'red', 'a'), 'POINT(3 4)', 'green', 'b') AS st)
SELECT st::text::svgmap_state::text = st::text AS text_rt,
       _zjgov_svg_map_final(st::text::svgmap_state) = _zjgov_svg_map_final(st) AS same_map,
       _zjgov_svg_map_combine(_zjgov_svg_map_accum(NULL, 'POINT(1 2)', 'red', 'a'),
                              _zjgov_svg_map_accum(NULL, 'POINT(3 4)', 'green', 'b'))::text = st::text AS combine
  FROM s;

-- parallel plans split the aggregate (Partial + Finalize) and draw the same map
CREATE TABLE svg_cells AS
SELECT i, ST_MakeEnvelope(i % 100, i / 100, i % 100 + 1, i / 100 + 1) AS g,
       (ARRAY['green','blue','yellow','orange','red'])[1 + i % 5]::colour AS c
  FROM generate_series(0, 4999) AS i;
ANALYZE svg_cells;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT svg_map(g, c, i::text) FROM svg_cells;
CREATE TEMP TABLE par AS SELECT svg_map(g, c, i::text) AS m FROM svg_cells;
RESET max_parallel_workers_per_gather;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE ser AS SELECT svg_map(g, c, i::text) AS m FROM svg_cells;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
SELECT regexp_count(par.m, '<path ') AS paths, regexp_count(par.m, '<text x=') - 6 AS labels,
       par.m LIKE '%>red (1000)</text>%' AS legend,
       (SELECT array_agg(x ORDER BY x) FROM regexp_matches(par.m, '<path [^>]*>', 'g') AS x)
     = (SELECT array_agg(x ORDER BY x) FROM regexp_matches(ser.m, '<path [^>]*>', 'g') AS x) AS same_paths
  FROM par, ser;
DROP TABLE svg_cells;

-- collections with EMPTY members draw as without them (GEOS 3.11 crashed placing their labels)
SELECT svg_map(g, 'red', 'a') = (SELECT svg_map('MULTILINESTRING((0 0,1 1))'::geometry, 'red', 'a')) AS same_line,
       svg_map(g2, 'red', 'b') = (SELECT svg_map('MULTIPOINT(1 1)'::geometry, 'red', 'b')) AS same_point
  FROM (VALUES ('MULTILINESTRING(EMPTY,(0 0,1 1))'::geometry, 'MULTIPOINT(EMPTY,1 1)'::geometry)) AS v(g, g2);

-- errors
SELECT svg_map(g, 'red') FROM (VALUES ('POINT(0 0)'::geometry), ('SRID=4326;POINT(1 1)')) AS v(g);
SELECT svg_map(g, 'red') FROM (VALUES ('POINT(-1e308 0)'::geometry), ('POINT(1e308 0)')) AS v(g);
SELECT 'v2:0:'::svgmap_state;
SELECT 'v1:1:04'::svgmap_state;
SELECT 'v1:2:04ffffffff000000150101000000000000000000f03f0000000000000040'::svgmap_state;
SELECT 'v1:1:09ffffffff000000150101000000000000000000f03f0000000000000040'::svgmap_state;
SELECT 'v1:1:zz'::svgmap_state;
-- a label that is not valid in the database encoding (the final function returned invalid text)
SELECT 'v1:1:0400000001ff000000150101000000000000000000f03f0000000000000040'::svgmap_state;
-- 201 nested collections around a point (PostGIS stops at 198; GEOS reads nesting by recursion
-- and overflowed the stack)
SELECT _zjgov_svg_map_final(('v1:1:04ffffffff' || lpad(to_hex(201 * 9 + 21), 8, '0')
       || repeat('010700000001000000', 201) || '0101000000000000000000f03f000000000000f03f')::svgmap_state);
