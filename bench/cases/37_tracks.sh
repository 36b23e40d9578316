# tracks: tier_crossings + tier_dwell of AIS tracks (a fix a minute, 4-6 m/s, straight courses
# across the Taizhou and Zhoushan coast, 3 nm and 20 nm) against
#  (a) the floor a user gets in plain SQL: sea_tier of every fix plus lag() (no interpolation:
#      a change is seen at the next fix, dwell is counted in whole fix intervals);
#  (b) the PostGIS way with interpolation: each track (EPSG:4549) intersected with the ring
#      polygons between PostGIS buffers of the coast (dwell from the lengths inside) and with the
#      rings' boundaries (the crossings), the rings built once, untimed.
# Answers: per track the number of crossings and the seconds per tier; against PostGIS each tier
# within 0.5 % or 60 s (300 m of travel: buffer chords and the projection's scale), or, for a track
# grazing an edge, every crossing point on its edge within 0.5 % (geography distance).
# SCALE=tiny (the make test smoke) uses one county's coast (Jiaojiang) to stay quick.
case_tracks() {
  local size v f t land box
  for size in $(b_sizes "20x50" "200x500" "2000x500"); do
    v=${size%x*}; f=${size#*x}; t=trk_${v}_$f
    if [ "$SCALE" = tiny ]; then land="trk_land_jj WHERE code = '331002'"; box="620000 + 80000 * random() AS x0, 3140000 + 60000 * random() AS y0"
    else land="trk_land WHERE true"; box="560000 + 240000 * random() AS x0, 3080000 + 320000 * random() AS y0"; fi
    b_begin tracks "$(b_label "$v") vessels x $f fixes" $((v * f)) tier_crossings tier_dwell sea_tier || continue
    b_gen <<SQL || continue
\i data/counties.sql
CREATE TABLE IF NOT EXISTS ${land% WHERE*} AS SELECT ST_Union(geom) AS geom FROM zj_county WHERE ${land#* WHERE };
DROP TABLE IF EXISTS trk_now_land, trk_rings;
CREATE TABLE trk_now_land AS SELECT geom FROM ${land% WHERE*};
CREATE TABLE trk_rings AS
  WITH l AS (SELECT ST_Transform(geom, 4549) AS g FROM trk_now_land),
       b AS (SELECT g, ST_Buffer(g, 5556, 'quad_segs=32') AS b1, ST_Buffer(g, 37040, 'quad_segs=32') AS b2 FROM l)
  SELECT 0 AS tier, g AS geom, ST_Boundary(g) AS edge FROM b
  UNION ALL SELECT 1, ST_Difference(b1, g), ST_Boundary(b1) FROM b
  UNION ALL SELECT 2, ST_Difference(b2, b1), ST_Boundary(b2) FROM b;
DROP TABLE IF EXISTS ${t}_v, ${t}_fix, $t;
SELECT setseed(0.37);
CREATE TABLE ${t}_v AS
  SELECT i AS id, $box,
         2 * pi() * random() AS h, 4 + 2 * random() AS s
  FROM generate_series(1, $v) i;
CREATE TABLE ${t}_fix AS
  SELECT id, k, 1.75e9 + 60 * k AS m,
         ST_Transform(ST_SetSRID(ST_MakePoint(x0 + s * 60 * k * sin(h), y0 + s * 60 * k * cos(h)), 4549), 4326) AS geom
  FROM ${t}_v, generate_series(0, $f - 1) k;
CREATE TABLE $t AS
  SELECT id, ST_SetSRID(ST_MakeLine(ST_MakePointM(ST_X(geom), ST_Y(geom), m) ORDER BY k), 4326) AS track
  FROM ${t}_fix GROUP BY id;
ALTER TABLE $t ADD COLUMN track_m geometry;
UPDATE $t SET track_m = ST_Transform(track, 4549);
ANALYZE ${t}_fix, $t;
SQL
    b_sql zjgov zjgov "" "SELECT t.id, (SELECT count(*) FROM zjgov.tier_crossings(t.track, l.geom)) AS n,
        zjgov.tier_dwell(t.track, l.geom) AS d FROM $t t, trk_now_land l"
    b_sql sea_tier_lag floor "" "SELECT id, count(*) FILTER (WHERE tier <> prev) AS n,
        ARRAY[coalesce(sum(dt) FILTER (WHERE prev = 0), 0), coalesce(sum(dt) FILTER (WHERE prev = 1), 0),
              coalesce(sum(dt) FILTER (WHERE prev = 2), 0), coalesce(sum(dt) FILTER (WHERE prev = 3), 0)]::float8[] AS d
      FROM (SELECT id, tier, lag(tier) OVER w AS prev, m - lag(m) OVER w AS dt
              FROM (SELECT f.id, f.m, zjgov.sea_tier(f.geom, l.geom) AS tier FROM ${t}_fix f, trk_now_land l) s
            WINDOW w AS (PARTITION BY id ORDER BY m)) x
     GROUP BY id"
    b_sql postgis_rings baseline "" "SELECT t.id,
        (SELECT sum(ST_NumGeometries(ST_Intersection(t.track_m, r.edge))) FROM trk_rings r)::bigint AS n,
        (SELECT ARRAY[d[1], d[2], d[3], dur - d[1] - d[2] - d[3]]
           FROM (SELECT array_agg(ST_Length(ST_Intersection(t.track_m, r.geom)) / ST_Length(t.track_m) * dur ORDER BY r.tier) AS d
                   FROM trk_rings r) a) AS d
      FROM $t t, LATERAL (SELECT ST_M(ST_EndPoint(t.track)) - ST_M(ST_StartPoint(t.track)) AS dur) du"
    b_check sea_tier_lag "SELECT count(*) FILTER (WHERE abs(sz - sb) > 1e-6) = 0 AND count(*) = $v,
        format('%s tracks, %s crossings against %s tier changes seen at fixes; dwell differs by %s s a track on average (whole fix intervals)',
               count(*), sum(nz), sum(nb), round(avg(dd)::numeric, 1))
      FROM (SELECT z.n AS nz, b.n AS nb, (SELECT sum(x) FROM unnest(z.d) x) AS sz, (SELECT sum(x) FROM unnest(b.d) x) AS sb,
                   (SELECT sum(abs(a - c)) FROM unnest(z.d, b.d) u(a, c)) AS dd
              FROM bench_ans_zjgov z JOIN bench_ans_sea_tier_lag b USING (id)) s"
    # where a tier differs by more (a track grazing an edge turns the reference's few metres of
    # buffer chord and projection scale into minutes), zjgov's crossing points must lie on their
    # edge within 0.5 % by geography
    b_check postgis_rings "SELECT count(*) FILTER (WHERE bad AND NOT explained) = 0 AND count(*) = $v,
        format('%s tracks, %s crossings against %s PostGIS intersections (%s tracks differ); every tier within 0.5 %% or 60 s on %s tracks, the other %s graze an edge and their crossings lie on it within 0.5 %% (geography): %s',
               count(*), sum(nz), sum(nb), count(*) FILTER (WHERE nz <> nb), count(*) FILTER (WHERE NOT bad),
               count(*) FILTER (WHERE bad), CASE WHEN count(*) FILTER (WHERE bad AND NOT explained) = 0 THEN 'yes' ELSE 'NO' END)
      FROM (SELECT z.n AS nz, b.n AS nb, bad,
                   bad AND NOT EXISTS (
                     SELECT 1 FROM $t t, trk_now_land l, zjgov.tier_crossings(t.track, l.geom) c
                      WHERE t.id = z.id AND least(c.from_tier, c.to_tier) > 0
                        AND abs(ST_Distance(c.point::geography, l.geom::geography) - (ARRAY[5556, 37040])[least(c.from_tier, c.to_tier)])
                            > 0.005 * (ARRAY[5556, 37040])[least(c.from_tier, c.to_tier)]) AS explained
              FROM bench_ans_zjgov z JOIN bench_ans_postgis_rings b USING (id),
                   LATERAL (SELECT EXISTS (SELECT 1 FROM unnest(z.d, b.d) u(a, c) WHERE abs(a - c) > greatest(0.005 * abs(c), 60)) AS bad) bb) s"
    b_go
  done
}
