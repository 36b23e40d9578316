
-- ===================================================================== zoning (zoning.c, callcache.c)

CREATE FUNCTION @extschema@.nm(nautical_miles float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'nm' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nm(float8) IS 'nautical miles to metres (x 1852 exactly)';

CREATE FUNCTION @extschema@.zone(geom geometry, target geometry, bands float8[]) RETURNS int
    AS 'MODULE_PATHNAME', 'zone' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 250;
COMMENT ON FUNCTION @extschema@.zone(geometry, geometry, float8[]) IS 'distance band of geom around target: 0 when they intersect, i when the distance lies in [bands[i-1], bands[i]) (bands[0] = 0), k+1 beyond the last of k bands; metres on the ellipsoid for longitude/latitude SRIDs; the prepared target is cached across rows';

CREATE FUNCTION @extschema@.sea_tier(geom geometry, land geometry) RETURNS int
    AS 'MODULE_PATHNAME', 'sea_tier' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 250;
COMMENT ON FUNCTION @extschema@.sea_tier(geometry, geometry) IS '台海天网 sea tier: 0 on land, 1 within 3 nm (video), 2 within 20 nm (radar/VTS), 3 beyond (AIS/BeiDou); zone(geom, land, ARRAY[nm(3), nm(20)])';

CREATE FUNCTION @extschema@._zjgov_distance(geom geometry, target geometry) RETURNS float8
    AS 'MODULE_PATHNAME', '_zjgov_distance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 250;
COMMENT ON FUNCTION @extschema@._zjgov_distance(geometry, geometry) IS 'private: the distance zone() measures (metres on the ellipsoid for longitude/latitude SRIDs), for tests';

CREATE FUNCTION @extschema@.zone_rings(target geometry, bands float8[],
        OUT band int, OUT geom geometry) RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'zone_rings' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 5000 ROWS 4;
COMMENT ON FUNCTION @extschema@.zone_rings(geometry, float8[]) IS 'band polygons around target: band 0 is the target itself, band i the ring between bands[i-1] and bands[i] (buffered in metres for longitude/latitude SRIDs); valid, non-overlapping, together exactly the outer buffer';

CREATE FUNCTION @extschema@.cover_fraction(cell geometry, layer geometry) RETURNS float8
    AS 'MODULE_PATHNAME', 'cover_fraction' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 250;
COMMENT ON FUNCTION @extschema@.cover_fraction(geometry, geometry) IS 'share of the area of cell inside the polygonal layer, in [0, 1]; the prepared, indexed layer is cached across rows';

CREATE FUNCTION @extschema@.kernel_density(at geometry, points geometry, bandwidth float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'kernel_density' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 250;
COMMENT ON FUNCTION @extschema@.kernel_density(geometry, geometry, float8) IS 'quartic kernel density at a point from a (multi)point set, sum of w * 3/(pi h^2) * (1 - (d/h)^2)^2 for d < h, M values as weights; projected CRS only; the point index is cached across rows';
