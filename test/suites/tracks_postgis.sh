#!/usr/bin/env bash
# tier_crossings, tier_dwell, track_speeds and track_gaps against PostGIS on the same tracks, over
# the real Taizhou coast (data/counties.sql, 8 512 vertices).  The references are computed by
# PostGIS alone, in the metric projection EPSG:4549 (CGCS2000 / 3-degree Gauss-Kruger CM 120E, scale
# error < 0.03 % here): the 3 nm and 20 nm edges are PostGIS buffers of the coast (ST_Buffer, 32
# segments a quarter circle), the tiers the rings between them (ST_Difference), time in a tier the
# length of the track inside the ring (ST_Intersection) at the track's constant speed, crossing
# times ST_InterpolatePoint at the track's intersections with the ring boundaries; speeds and
# courses from ST_Distance / ST_Azimuth on geography.  zjgov gets the same tracks in longitude/
# latitude (EPSG:4326, metres on the ellipsoid).  Tolerance: 0.5 % or 50 m of travel (buffer chords
# and projection scale are worth up to about 20 m).
set -uo pipefail
cd "$(dirname "$0")/../.."
pass=0; fail=0
check() { if eval "$2"; then pass=$((pass + 1)); echo "ok - $1"; else fail=$((fail + 1)); echo "not ok - $1"; fi; }
ZJ_BIN=${ZJ_BIN:-$(/usr/lib/postgresql/15/bin/pg_config --bindir)}
PSQL=("$ZJ_BIN/psql" -X -q -v ON_ERROR_STOP=1)
db=zjgov_tracks_postgis
"$ZJ_BIN/createdb" "$db" || { echo "RESULT 0 1"; exit 1; }
trap '"$ZJ_BIN/dropdb" --if-exists "$db"' EXIT
"${PSQL[@]}" -d "$db" -c "SET client_min_messages = warning; CREATE EXTENSION zjgov CASCADE" || { echo "RESULT 0 1"; exit 1; }
"${PSQL[@]}" -d "$db" -f data/counties.sql >/dev/null 2>&1 || { echo "RESULT 0 1"; exit 1; }

q() { "${PSQL[@]}" -d "$db" -At -c "$1"; }

# 16 straight tracks of 60 km at 5 m/s, a vertex every 200 m, starting 300 m from points along the
# coast at fixed bearings (deterministic), built in EPSG:4549 so the speed is constant in metres.
"${PSQL[@]}" -d "$db" <<'SQL' || { echo "RESULT 0 1"; exit 1; }
SET search_path = public, zjgov;
CREATE TABLE land AS SELECT ST_Union(geom) AS g FROM zj_county WHERE city = '台州市';
CREATE TABLE land_m AS SELECT ST_Transform(g, 4549) AS g FROM land;
CREATE TABLE edge AS
SELECT 0 AS j, 0::float8 AS band, g AS buf FROM land_m
UNION ALL SELECT 1, 5556, ST_Buffer(g, 5556, 'quad_segs=32') FROM land_m
UNION ALL SELECT 2, 37040, ST_Buffer(g, 37040, 'quad_segs=32') FROM land_m;
CREATE TABLE ring AS
SELECT 0 AS tier, buf AS g FROM edge WHERE j = 0
UNION ALL SELECT b.j, ST_Difference(b.buf, a.buf) FROM edge a JOIN edge b ON b.j = a.j + 1;
CREATE TABLE trk_m AS
SELECT i, ST_SetSRID(ST_MakeLine(ST_MakePointM(x0 + s * sin(az), y0 + s * cos(az), 1.75e9 + (s - 300) / 5.0) ORDER BY s), 4549) AS t
  FROM (SELECT i, ST_X(p) AS x0, ST_Y(p) AS y0, radians((i * 137) % 360) AS az
          FROM (SELECT i, ST_Transform(ST_PointN(ST_ExteriorRing((SELECT (ST_Dump(g)).geom FROM land ORDER BY ST_Area((ST_Dump(g)).geom) DESC LIMIT 1)),
                                                1 + i * 97), 4549) AS p
                  FROM generate_series(1, 16) AS i) AS s0) AS s1,
       generate_series(300, 60300, 200) AS s
 GROUP BY i;
CREATE TABLE trk AS SELECT i, ST_Transform(t, 4326) AS t FROM trk_m;
SQL

n=$(q "SELECT count(*) FROM trk WHERE ST_IsValidTrajectory(t)")
check "16 valid trajectories (ST_IsValidTrajectory)" "[ '$n' = 16 ]"

# 1. dwell per tier against the ring intersections
bad=$(q "
  WITH ref AS (
    SELECT i, tier, ST_Length(ST_Intersection(t, g)) / 5.0 AS secs FROM trk_m, ring),
  ref4 AS (
    SELECT i, ARRAY[max(secs) FILTER (WHERE tier = 0), max(secs) FILTER (WHERE tier = 1),
                    max(secs) FILTER (WHERE tier = 2), 12000 - sum(secs)] AS r FROM ref GROUP BY i),
  ours AS (SELECT i, zjgov.tier_dwell(t, (SELECT g FROM land)) AS d FROM trk)
  SELECT string_agg(format('track %s tier %s: %s s, PostGIS %s s', i, k - 1, round(d[k]::numeric, 1), round(r[k]::numeric, 1)), '; ')
    FROM ours JOIN ref4 USING (i), generate_series(1, 4) AS k
   WHERE abs(d[k] - r[k]) > greatest(0.005 * r[k], 10)")
[ -n "$bad" ] && echo "$bad"
check "tier_dwell within 0.5 % (or 50 m) of PostGIS ring intersections, 16 tracks x 4 tiers" "[ -z '$bad' ]"
sums=$(q "SELECT count(*) FROM trk WHERE abs((SELECT sum(x) FROM unnest(zjgov.tier_dwell(t, (SELECT g FROM land))) x) - 12000) < 1e-6")
check "dwell sums to the duration on every track" "[ '$sums' = 16 ]"
busy=$(q "SELECT count(DISTINCT i) FROM trk_m, ring WHERE tier > 0 AND ST_Intersects(t, g) AND ST_Length(ST_Intersection(t, g)) > 100")
echo "NOTE $busy tracks spend time in the 3 nm or 20 nm ring"

# the aggregate over the fixes, fed in a shuffled order, equals the track form
bad=$(q "
  WITH fix AS (SELECT i, (ST_DumpPoints(t)).geom AS p FROM trk),
  agg AS (SELECT i, zjgov.tier_dwell(to_timestamp(ST_M(p)), ST_Force2D(p), (SELECT g FROM land), ARRAY[5556, 37040]::float8[]
                                     ORDER BY md5(ST_AsText(p))) AS d FROM fix GROUP BY i)
  SELECT count(*) FROM agg JOIN trk USING (i), unnest(agg.d, zjgov.tier_dwell(t, (SELECT g FROM land))) u(a, b)
   WHERE abs(a - b) > 1e-6")
check "aggregate tier_dwell over shuffled fixes = tier_dwell of the track" "[ '$bad' = 0 ]"

# 2. crossings: one per PostGIS intersection with each edge, at the same time; the point on the edge
bad=$(q "
  WITH ref AS (
    SELECT i, j, ST_InterpolatePoint(t, (ST_Dump(ST_Intersection(t, ST_Boundary(buf)))).geom) AS m
      FROM trk_m, edge),
  refn AS (SELECT i, j, array_agg(m ORDER BY m) AS ms FROM ref GROUP BY i, j),
  ours AS (
    SELECT i, least(from_tier, to_tier) AS j, extract(epoch FROM at)::float8 AS m, point
      FROM trk, zjgov.tier_crossings(t, (SELECT g FROM land))),
  oursn AS (SELECT i, j, array_agg(m ORDER BY m) AS ms FROM ours GROUP BY i, j)
  SELECT string_agg(format('track %s edge %s: %s against PostGIS %s', i, j, o.ms, r.ms), '; ')
    FROM refn r FULL JOIN oursn o USING (i, j)
   WHERE cardinality(o.ms) IS DISTINCT FROM cardinality(r.ms)
      OR EXISTS (SELECT 1 FROM unnest(o.ms, r.ms) AS u(a, b)
                  WHERE abs(a - b) > (0.005 * (ARRAY[0, 5556, 37040])[j + 1] + 50) / 5.0)")
[ -n "$bad" ] && echo "$bad"
check "tier_crossings: as many crossings per edge as PostGIS, times within 0.5 % of the band (+50 m)" "[ -z '$bad' ]"
nc=$(q "SELECT count(*) FROM trk, zjgov.tier_crossings(t, (SELECT g FROM land))")
echo "NOTE $nc crossings on 16 tracks"
bad=$(q "
  SELECT string_agg(format('track %s %s->%s at %s m', i, from_tier, to_tier,
                           round(ST_Distance(point::geography, (SELECT g FROM land)::geography)::numeric, 1)), '; ')
    FROM trk, zjgov.tier_crossings(t, (SELECT g FROM land))
   WHERE abs(ST_Distance(point::geography, (SELECT g FROM land)::geography)
             - (ARRAY[0, 5556, 37040])[least(from_tier, to_tier) + 1]) > 0.005 * (ARRAY[0, 5556, 37040])[least(from_tier, to_tier) + 1] + 0.5")
[ -n "$bad" ] && echo "$bad"
check "every crossing point lies on its edge within 0.5 % (geography distance to the coast)" "[ -z '$bad' ]"
bad=$(q "
  SELECT count(*) FROM (
    SELECT i, from_tier, to_tier, lag(to_tier) OVER (PARTITION BY i ORDER BY at) AS prev, at,
           lag(at) OVER (PARTITION BY i ORDER BY at) AS prev_at
      FROM trk, zjgov.tier_crossings(t, (SELECT g FROM land))) s
   WHERE (prev IS NOT NULL AND prev <> from_tier) OR abs(from_tier - to_tier) <> 1 OR at <= prev_at")
check "crossings chain (each from_tier is the previous to_tier), one tier at a time, in time order" "[ '$bad' = 0 ]"
# the first tier of every track is sea_tier of its first fix (away from the edges)
bad=$(q "
  SELECT count(*) FROM trk, LATERAL (SELECT from_tier FROM zjgov.tier_crossings(t, (SELECT g FROM land)) ORDER BY at LIMIT 1) c
   WHERE c.from_tier <> zjgov.sea_tier(ST_Force2D(ST_StartPoint(t)), (SELECT g FROM land))")
check "the first crossing starts from sea_tier of the first fix" "[ '$bad' = 0 ]"

# 3. speeds and courses against geography
bad=$(q "
  WITH ours AS (SELECT i, row_number() OVER (PARTITION BY i ORDER BY from_at) AS k, s.* FROM trk, zjgov.track_speeds(t) s),
  ref AS (
    SELECT i, k, ST_Distance(ST_PointN(t, k)::geography, ST_PointN(t, k + 1)::geography) AS m,
           degrees(ST_Azimuth(ST_PointN(t, k)::geography, ST_PointN(t, k + 1)::geography)) AS az,
           ST_M(ST_PointN(t, k + 1)) - ST_M(ST_PointN(t, k)) AS dt
      FROM trk, generate_series(1, ST_NPoints(t) - 1) AS k)
  SELECT count(*) FROM ours JOIN ref USING (i, k)
   WHERE abs(knots - m / dt * 3600 / 1852) > 1e-6 * knots OR abs(course - az) > 1e-5")
check "track_speeds: knots within 1e-6 and courses within 1e-5 degrees of geography ST_Distance / ST_Azimuth (4800 segments)" "[ '$bad' = 0 ]"

# 4. gaps: drop every fix between 20 and 40 km of each track: one 20 km silence of 4000 s each
bad=$(q "
  WITH holed AS (
    SELECT i, ST_MakeLine(array_agg(p ORDER BY ST_M(p))) AS t
      FROM (SELECT i, (ST_DumpPoints(t)).geom AS p FROM trk) s
     WHERE ST_M(p) - 1.75e9 <= 4000 OR ST_M(p) - 1.75e9 >= 8000 GROUP BY i)
  SELECT count(*) FROM holed, zjgov.track_gaps(t, '30 minutes') g
   WHERE extract(epoch FROM duration) <> 4000
      OR abs(metres - ST_Distance(from_point::geography, to_point::geography)) > 1e-3")
ngaps=$(q "WITH holed AS (SELECT i, ST_MakeLine(array_agg(p ORDER BY ST_M(p))) AS t FROM (SELECT i, (ST_DumpPoints(t)).geom AS p FROM trk) s
            WHERE ST_M(p) - 1.75e9 <= 4000 OR ST_M(p) - 1.75e9 >= 8000 GROUP BY i)
           SELECT count(*) FROM holed, zjgov.track_gaps(t, '30 minutes')")
check "track_gaps: one 4000 s gap per track ($ngaps), metres as geography" "[ '$bad' = 0 ] && [ '$ngaps' = 16 ]"

echo "RESULT $pass $fail"
[ "$fail" -eq 0 ]
