#!/usr/bin/env bash
# The demo at a reduced size against the running test cluster (PGHOST etc. and ZJ_BIN come from
# test/run.sh): data generation is deterministic and never puts a vessel on land, every analysis
# file runs (twice: the demo is idempotent), and a few facts hold in the results.
# Last line: RESULT <passed> <failed>.
set -uo pipefail
cd "$(dirname "$0")/../.."
export PGDATABASE=zjgov_demo_smoke
: "${ZJ_BIN:=/usr/lib/postgresql/15/bin}"
PSQL="$ZJ_BIN/psql"
q() { "$PSQL" -X -v ON_ERROR_STOP=1 -q "$@"; }
val() { "$PSQL" -X -v ON_ERROR_STOP=1 -q -At -c "SET search_path = demo, zjgov, public" -c "$1" 2>&1; }
pass=0; fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
notok() { echo "not ok - $1"; [ -n "${2:-}" ] && echo "#   $2"; fail=$((fail + 1)); }
check() { local got; got=$(val "$2"); if [ "$got" = t ]; then ok "$1"; else notok "$1" "got: $got"; fi; }
out=$(mktemp -d)
trap 'rm -rf "$out"; "$ZJ_BIN/dropdb" --if-exists zjgov_demo_smoke 2>/dev/null' EXIT

"$ZJ_BIN/dropdb" --if-exists zjgov_demo_smoke 2>/dev/null
"$ZJ_BIN/createdb" zjgov_demo_smoke || { echo "RESULT 0 1"; exit 1; }
q -c "SET client_min_messages = warning" -c "CREATE EXTENSION zjgov CASCADE" -c "CREATE SCHEMA demo" ||
  { echo "RESULT 0 1"; exit 1; }
# the zjgov functions present, for demo/sections.awk (demo/run.sh's "-- needs:" sections)
have=" $(val "SELECT string_agg(DISTINCT proname, ' ') FROM pg_proc WHERE pronamespace = 'zjgov'::regnamespace") "
run() {  # run a demo SQL file the way demo/run.sh does, in directory $out
  (cd "$out" && awk -v have="$have" -v sq="'" -f "$OLDPWD/demo/sections.awk" "$OLDPWD/$1" |
     PGOPTIONS="-c client_min_messages=warning" q -P pager=off) >"$out/log" 2>&1
}

# 1. data: small, deterministic, plausible
PGOPTIONS="-c search_path=demo,public -c client_min_messages=warning" q -f data/counties.sql >/dev/null 2>&1 &&
  ok "county polygons load" || notok "county polygons load"
digest="SELECT md5(string_agg(ST_AsEWKT(geom) || kind, ',' ORDER BY id)) FROM incident"
if q -v scale=0.15 -v hex=1000 -f demo/data.sql >/dev/null 2>"$out/err"; then
  ok "demo/data.sql runs at scale 0.15"; d1=$(val "$digest")
  q -v scale=0.15 -v hex=1000 -f demo/data.sql >/dev/null 2>&1; d2=$(val "$digest")
  [ -n "$d1" ] && [ "$d1" = "$d2" ] && ok "data generation is deterministic (same incidents twice)" ||
    notok "data generation is deterministic" "$d1 vs $d2"
else
  notok "demo/data.sql runs" "$(cat "$out/err")"
fi
check "sizes follow the scale (900 incidents, 300 vessels, 120 enterprises)" \
  "SELECT (SELECT count(*) FROM incident) = 900 AND (SELECT count(*) FROM vessel) = 300
      AND (SELECT count(*) FROM enterprise) = 120"
check "no vessel is on land, every incident is in Jiaojiang" \
  "SELECT NOT EXISTS (SELECT FROM vessel v JOIN zj_county c ON ST_Intersects(c.geom, v.geom))
      AND NOT EXISTS (SELECT FROM incident i, jiaojiang j WHERE NOT ST_Intersects(i.geom, j.geom))"
check "the grid covers all of Jiaojiang (incl. the Dachen islands) with 1000 m hexagons" \
  "SELECT ST_Covers(ST_Union(g.geom), j.geom) AND abs(avg(ST_Area(g.geom)) - 1.5 * sqrt(3) * 1000^2) < 1
     FROM grid g, jiaojiang j GROUP BY j.geom"

# 2. the four analyses, twice (idempotent)
for round in 1 2; do
  for f in demo/[0-9]*_*.sql demo/map.sql; do
    if run "$f"; then [ $round = 2 ] && ok "$f runs again (idempotent)"; [ $round = 1 ] && ok "$f runs"
    else notok "$f runs (round $round)" "$(grep -m3 -E 'ERROR|error' "$out/log")"; fi
  done
done
# rules (demo/6_rules.sql: uses 4_credit.sql's demo.credit; leaves the rule and calendar catalogs as they were)
if run demo/6_rules.sql; then ok "demo/6_rules.sql runs"; else notok "demo/6_rules.sql runs" "$(grep -m3 -E 'ERROR|error' "$out/log")"; fi
check "demo/6_rules.sql leaves no user rule or calendar row behind" \
  "SELECT NOT EXISTS (SELECT FROM zjgov.warning_rule WHERE NOT builtin) AND NOT EXISTS (SELECT FROM zjgov.workday_calendar)"
# the vessel tracks (船舶轨迹): their own synthetic AIS day, at the same scale
if run demo/7_tracks.sql; then ok "demo/7_tracks.sql runs"
else notok "demo/7_tracks.sql runs" "$(grep -m3 -E 'ERROR|error' "$out/log")"; fi
check "tracks: every vessel's dwell adds up to its day of fixes (00:00-23:55, 86100 s)" \
  "SELECT bool_and(abs((SELECT sum(x) FROM unnest(zjgov.tier_dwell(t.track, l.geom)) x) - 86100) < 1e-6)
     FROM ais_track t JOIN land l USING (region)"
check "tracks: the dark fishing boat's 3-hour silence inside 20 nm is found" \
  "SELECT count(*) = 1 FROM ais_track t JOIN land l USING (region), zjgov.track_gaps(t.track, '30 minutes') g
    WHERE t.mmsi = 412000000 AND g.duration = '03:05:00' AND zjgov.sea_tier(g.from_point, l.geom) BETWEEN 1 AND 2"
check "tracks: the fast boat is caught above 10 kn in the port channel, nobody else" \
  "SELECT count(*) > 0 AND bool_and(t.mmsi = 412000001 AND s.max_knots > 17)
     FROM ais_track t, ais_channel c, zjgov.speeding(t.track, c.geom, c.max_knots) s"
check "every cell is counted and coloured red, yellow or green" \
  "SELECT count(*) = (SELECT count(*) FROM grid) AND bool_and(colour::text IN ('red','yellow','green'))
          AND sum(incidents) = (SELECT count(*) FROM incident i WHERE EXISTS (SELECT FROM grid g WHERE ST_Contains(g.geom, i.geom)))
     FROM cell_risk"
check "every vessel has a sea tier in 0..3" \
  "SELECT count(*) = (SELECT count(*) FROM vessel) AND bool_and(tier BETWEEN 0 AND 3) FROM vessel_tier"
# independent reference: PostGIS geography distance to the region's land, away from the band edges
check "sea tiers agree with PostGIS geography distances (3 nm, 20 nm)" \
  "SELECT bool_and(t.tier = CASE WHEN d < 5556 THEN 1 WHEN d < 37040 THEN 2 ELSE 3 END)
     FROM (SELECT v.mmsi, ST_Distance(v.geom::geography, l.geom::geography) AS d
             FROM vessel v JOIN land l USING (region) ORDER BY v.mmsi LIMIT 60) r
     JOIN vessel_tier t USING (mmsi)
    WHERE abs(d - 5556) > 0.006 * 5556 AND abs(d - 37040) > 0.006 * 37040"
check "red cells are hot spots with FDR-adjusted p < 0.05, and FDR never lowers p" \
  "SELECT bool_and(h.gi_z > 0 AND h.gi_q < 0.05) FILTER (WHERE c.colour = 'red')
          AND bool_and(h.gi_q >= h.gi_p - 1e-12) AND count(*) FILTER (WHERE c.colour = 'red') > 0
     FROM cell_risk c JOIN cell_hotspot h USING (id)"
check "hazard cover fractions agree with PostGIS areas" \
  "SELECT bool_and(abs(h.flood - coalesce(ST_Area(ST_Intersection(c.geom, f.u)), 0) / ST_Area(c.geom)) < 1e-6)
     FROM cell_hazard h JOIN cell_risk c USING (id), (SELECT ST_Union(geom) AS u FROM hazard WHERE kind = 'flood') f"
# independent reference: the quartic kernel summed by brute force, 3/(π h²)·(1 − (d/h)²)² for d < h
check "kernel densities agree with a brute-force quartic kernel sum" \
  "SELECT bool_and(abs(d.per_km2 - r.ref) <= 1e-9 * greatest(1, r.ref))
     FROM cell_density d JOIN cell_risk c USING (id),
          LATERAL (SELECT 1e6 * coalesce(sum(3 / (pi() * 1500.0^2) * (1 - (ST_Distance(ST_Centroid(c.geom), i.geom) / 1500)^2)^2), 0) AS ref
                     FROM incident i WHERE ST_DWithin(ST_Centroid(c.geom), i.geom, 1500)
                      AND ST_Distance(ST_Centroid(c.geom), i.geom) < 1500) r"
check "AHP weights sum to 1 and every town scores in [0, 100]" \
  "SELECT abs((SELECT sum(w) FROM dim_weight, unnest((r).weights) w) - 1) < 1e-9
          AND (SELECT count(*) = 9 AND bool_and(score BETWEEN 0 AND 100) FROM town_score)"
# independent reference: the model recomputed in plain SQL (leaf = 100·(x − lo)/(hi − lo), or
# 100·(hi − x)/(hi − lo) for cost; parents = weighted means of their children)
check "town scores equal the two-level model recomputed in SQL" \
  "WITH v AS (SELECT t.town, x.code, x.value FROM town_indicator t,
                LATERAL (VALUES ('S1', t.s1), ('S2', t.s2), ('L1', t.l1), ('L2', t.l2), ('E1', t.e1), ('E2', t.e2)) x(code, value)),
        leaf AS (SELECT v.town, i.parent, i.weight,
                        100 * CASE WHEN i.hi = i.lo THEN 1
                                   WHEN i.direction = 'cost' THEN (i.hi - v.value) / (i.hi - i.lo)
                                   ELSE (v.value - i.lo) / (i.hi - i.lo) END AS s
                   FROM v JOIN zjgov.indicator i ON i.model = 'demo_town' AND i.code = v.code
                  WHERE v.value IS NOT NULL),
        dim AS (SELECT l.town, l.parent, sum(l.weight * l.s) / sum(l.weight) AS s FROM leaf l GROUP BY 1, 2),
        tot AS (SELECT d.town, sum(p.weight * d.s) / sum(p.weight) AS s
                  FROM dim d JOIN zjgov.indicator p ON p.model = 'demo_town' AND p.code = d.parent GROUP BY 1)
   SELECT count(*) = 9 AND bool_and(abs(t.s - s.score) < 1e-9) FROM tot t JOIN town_score s USING (town)"
check "public credit grades follow the public scale (docs/credit.md) (A ≥ 90, B ≥ 70, C ≥ 40, else D)" \
  "SELECT bool_and(grade::text = CASE WHEN score >= 90 THEN 'A' WHEN score >= 70 THEN 'B'
                                      WHEN score >= 40 THEN 'C' ELSE 'D' END) FROM credit"
# independent reference: AUC by brute force over all (bad, good) pairs, ties counting ½
check "scorecard AUC and KS agree with brute force" \
  "WITH r AS (SELECT s.p_bad, l.defaulted FROM scorecard s JOIN loan l ON l.enterprise_id = s.id WHERE l.cohort = 2024),
        pairs AS (SELECT avg(CASE WHEN b.p_bad > g.p_bad THEN 1 WHEN b.p_bad = g.p_bad THEN 0.5 ELSE 0 END) AS auc
                    FROM r b, r g WHERE b.defaulted AND NOT g.defaulted),
        cdf AS (SELECT max(abs((SELECT avg((x.p_bad <= t.p_bad)::int) FROM r x WHERE x.defaulted)
                             - (SELECT avg((x.p_bad <= t.p_bad)::int) FROM r x WHERE NOT x.defaulted))) AS ks FROM r t)
   SELECT abs(zjgov.auc(r.p_bad, r.defaulted) - pairs.auc) < 1e-9 AND abs(zjgov.ks(r.p_bad, r.defaulted) - cdf.ks) < 1e-9
     FROM r, pairs, cdf GROUP BY pairs.auc, cdf.ks"
check "credit grades exist for every enterprise and the scorecard AUC is in (0.5, 1]" \
  "SELECT (SELECT count(*) FROM credit WHERE grade IS NOT NULL) = (SELECT count(*) FROM enterprise)
          AND (SELECT zjgov.auc(s.p_bad, l.defaulted) FROM scorecard s JOIN loan l ON l.enterprise_id = s.id
                WHERE l.cohort = 2024) > 0.5"

# 3. the map and the GeoJSON
if [ -s "$out/risk_map.svg" ] && xmllint --noout "$out/risk_map.svg" 2>"$out/err"; then
  ok "risk_map.svg parses with xmllint"
else
  notok "risk_map.svg parses with xmllint" "$(head -c 300 "$out/err")"
fi
grep -q '<svg id="risk"' "$out/risk_map.svg" 2>/dev/null && grep -q '椒江区网格风险图' "$out/risk_map.svg" &&
  grep -q '>海门街道</text>' "$out/risk_map.svg" &&
  ok "the map holds the svg_map layers, the title and the town labels" ||
  notok "the map holds the svg_map layers, the title and the town labels"
n=$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["type"]=="FeatureCollection"; print(len(d["features"]))' "$out/grid.geojson" 2>&1)
[ "$n" = "$(val "SELECT count(*) FROM grid")" ] && ok "grid.geojson is a FeatureCollection with one feature per cell" ||
  notok "grid.geojson is a FeatureCollection with one feature per cell" "$n"

echo "RESULT $pass $fail"
