# sea_tier: AIS-like points over the Taizhou and Zhoushan coast (EPSG:4326) against the
# PostGIS-only formulation a user writes: ST_Intersects, then ST_DWithin on geography in a CASE.
# zjgov's metres are within 0.5 % of geography, so a point may change tier only within 0.5 % of a
# band edge (3 nm = 5556 m, 20 nm = 37040 m): that is the stated tolerance, and it is checked.
case_sea_tier() {
  local n t
  for n in $(b_sizes 2000 "100000" "1000000"); do
    b_begin sea_tier "$(b_label "$n") points" "$n" sea_tier || continue
    t=sea_pts_$n
    b_gen <<SQL || continue
\i data/counties.sql
DROP TABLE IF EXISTS sea_land;
CREATE TABLE sea_land AS SELECT ST_Union(geom) AS geom, ST_Union(geom)::geography AS geog FROM zj_county;
DROP TABLE IF EXISTS $t;
SELECT setseed(0.27);
CREATE TABLE $t AS
  SELECT i AS id, ST_SetSRID(ST_MakePoint(120.9 + 2.4 * random(), 27.8 + 2.4 * random()), 4326) AS geom
  FROM generate_series(1, $n) i;
ANALYZE $t;
SQL
    b_sql zjgov zjgov "" "SELECT p.id, zjgov.sea_tier(p.geom, (SELECT geom FROM sea_land)) AS tier FROM $t p"
    b_sql postgis_geography baseline "" "SELECT p.id,
        CASE WHEN ST_Intersects(p.geom, l.geom) THEN 0
             WHEN ST_DWithin(p.geom::geography, l.geog, 5556) THEN 1
             WHEN ST_DWithin(p.geom::geography, l.geog, 37040) THEN 2 ELSE 3 END AS tier
      FROM $t p CROSS JOIN sea_land l"
    b_check postgis_geography "SELECT count(*) = (SELECT count(*) FROM $t) AND count(*) FILTER (WHERE differ AND NOT edge) = 0,
        format('%s points (tier 0/1/2/3: %s); %s', count(*),
               (SELECT string_agg(c::text, '/' ORDER BY tier) FROM (SELECT tier, count(*) c FROM bench_ans_postgis_geography GROUP BY tier) x),
               CASE WHEN count(*) FILTER (WHERE differ) = 0 THEN 'same tier for every point'
                    ELSE format('%s differ, %s of them within 0.5%% of a band edge (the tolerance)',
                                count(*) FILTER (WHERE differ), count(*) FILTER (WHERE differ AND edge)) END)
      FROM (SELECT z.tier IS DISTINCT FROM b.tier AS differ,
                   CASE WHEN z.tier IS DISTINCT FROM b.tier THEN
                     (SELECT least(abs(d - 5556) / 5556, abs(d - 37040) / 37040) <= 0.005 OR d < 1e-6
                      FROM (SELECT ST_Distance(p.geom::geography, l.geog) AS d FROM $t p, sea_land l WHERE p.id = z.id) dd)
                   END AS edge
            FROM bench_ans_zjgov z JOIN bench_ans_postgis_geography b USING (id)) s"
    b_go
  done
}
