/*
 * geodesy_test.c — src/geodesy.c, compiled unchanged against shim/postgres.h, under
 * -fsanitize=address,undefined (test/suites/unit_asan.sh).
 *
 * Reference distances: PostGIS 3.3 ST_Distance(geography, geography, true) on WGS 84 (GeographicLib's
 * geodesics, Karney 2013; values taken on the test cluster, query in the comment), and closed forms:
 * along the equator the geodesic is the circle of radius a, so 1 degree = a * pi / 180 and 90 degrees
 * = a * pi / 2; the WGS 84 quarter meridian is 10 001 965.729 m (NGA TR8350.2 / GeographicLib).
 */
#include "postgres.h"

#include "geodesy.h"
#include "unit.h"

#define A_WGS84 6378137.0
#define DEG (M_PI / 180.0)

static double
dms(int d, int m, double s)
{
	return d + m / 60.0 + s / 3600.0;
}

/* great circle on the mean sphere: the fallback that geodesy.c documents for near-antipodal points */
static double
haversine(double lon1, double lat1, double lon2, double lat2)
{
	double		dlat = (lat2 - lat1) * DEG,
				dlon = (lon2 - lon1) * DEG;
	double		h = sin(dlat / 2) * sin(dlat / 2) +
		cos(lat1 * DEG) * cos(lat2 * DEG) * sin(dlon / 2) * sin(dlon / 2);

	return 2 * 6371008.8 * asin(h < 1 ? sqrt(h) : 1);
}

static void
test_published(void)
{
	/* Vincenty (1975), line 1: Flinders Peak -37 57 03.72030, 144 25 29.52440 to Buninyong
	 * -37 39 10.15610, 143 55 35.38390: 54 972.271 m on the Australian National Spheroid.  On WGS 84
	 * PostGIS gives 54972.2705054 (SELECT ST_Distance(ST_Point(144.42486789, -37.95103342)::geography,
	 * ST_Point(143.92649554, -37.65282114)::geography, true)). */
	double		d = zj_geodesic_m(144.42486789, -37.95103342, 143.92649554, -37.65282114);

	CHECK(fabs(d - 54972.2705054) < 1e-4, "Flinders Peak - Buninyong = 54972.2705 m (PostGIS), got %.4f", d);
	/* with the full DMS coordinates (the 8-decimal ones above are rounded by up to 0.4 mm) */
	d = zj_geodesic_m(dms(144, 25, 29.52440), -dms(37, 57, 3.72030),
					  dms(143, 55, 35.38390), -dms(37, 39, 10.15610));
	CHECK(fabs(d - 54972.271) < 1e-3, "Flinders Peak - Buninyong (DMS) within 1 mm of Vincenty's 54972.271 m, got %.4f", d);
	d = zj_geodesic_m(143.92649554, -37.65282114, 144.42486789, -37.95103342);
	CHECK(fabs(d - 54972.2705054) < 1e-4, "Buninyong - Flinders Peak (reversed) = 54972.2705 m, got %.4f", d);

	/* equator to pole: the WGS 84 quarter meridian, 10 001 965.7293 m (PostGIS: 10001965.72931272) */
	d = zj_geodesic_m(0, 0, 0, 90);
	CHECK(fabs(d - 10001965.72931272) < 1e-3, "equator to north pole = 10001965.7293 m, got %.4f", d);
	d = zj_geodesic_m(37, -90, 37, 0);
	CHECK(fabs(d - 10001965.72931272) < 1e-3, "south pole to equator = 10001965.7293 m, got %.4f", d);
	/* pole to pole along a meridian, twice the quarter: 20 003 931.4586 m */
	d = zj_geodesic_m(0, 90, 0, -90);
	CHECK(fabs(d - 2 * 10001965.72931272) < 2e-3, "pole to pole = 20003931.4586 m, got %.4f", d);

	/* along the equator: a * angle (PostGIS: 111319.49079327 and 10018754.17139462) */
	d = zj_geodesic_m(0, 0, 1, 0);
	CHECK(fabs(d - A_WGS84 * M_PI / 180) < 1e-6, "1 degree of equator = a pi / 180 = 111319.490793 m, got %.6f", d);
	d = zj_geodesic_m(-45, 0, 45, 0);
	CHECK(fabs(d - A_WGS84 * M_PI / 2) < 1e-4, "90 degrees of equator = a pi / 2 = 10018754.1714 m, got %.4f", d);

	/* Zhejiang distances (PostGIS): Hangzhou - Zhoushan 199939.62130348, 1.5 km in Taizhou 1477.85193005 */
	d = zj_geodesic_m(120.15, 30.28, 122.2, 30.0);
	CHECK(fabs(d - 199939.62130348) < 1e-3, "Hangzhou - Zhoushan = 199939.6213 m, got %.4f", d);
	d = zj_geodesic_m(121.42, 28.65, 121.43, 28.66);
	CHECK(fabs(d - 1477.85193005) < 1e-4, "1.5 km in Taizhou = 1477.85193 m, got %.5f", d);
	/* London - Shanghai, 9217310.70010788 */
	d = zj_geodesic_m(-0.1278, 51.5074, 121.47, 31.23);
	CHECK(fabs(d - 9217310.70010788) < 1e-3, "London - Shanghai = 9217310.7001 m, got %.4f", d);
}

static void
test_coincident_and_tiny(void)
{
	double		d;

	CHECK(zj_geodesic_m(121.4, 28.6, 121.4, 28.6) == 0.0, "coincident points give 0");
	CHECK(zj_geodesic_m(0, 90, 0, 90) == 0.0, "the north pole to itself gives 0");
	CHECK(zj_geodesic_m(-180, 0, -180, 0) == 0.0, "the antimeridian to itself gives 0");
	/* the same point written with longitudes 360 degrees apart: sinSigma is (nearly) 0 */
	d = zj_geodesic_m(-180, 10, 180, 10);
	CHECK(isfinite(d) && d < 1e-3, "lon -180 and 180 are the same meridian: %.3g m", d);
	d = zj_geodesic_m(10, 90, 70, 90);
	CHECK(isfinite(d) && d < 1e-3, "two longitudes of the north pole: %.3g m", d);
	/* 1e-9 degree of latitude at the equator: the meridional radius there is a (1 - e2), so
	 * d = 1e-9 * a (1 - e2) pi / 180 = 1e-9 * 110574.2758 m */
	d = zj_geodesic_m(0, 0, 0, 1e-9);
	CHECK(fabs(d - 1e-9 * 110574.2758) < 1e-13, "1e-9 degree of meridian at the equator = 0.1106 mm, got %.6g", d);
}

static void
test_antipodal(void)
{
	/* Vincenty's iteration does not converge for these; geodesy.c falls back to the mean sphere,
	 * which it documents as within 0.5 %.  PostGIS (exact): 19936288.57896531, 19965251.4085609,
	 * 19981119.17961386. */
	static const double cases[][5] = {
		{0, 0, 179.5, 0.5, 19936288.57896531},
		{0, 0, 179.7, 0.3, 19965251.4085609},
		{10, 20, -170.1, -20.2, 19981119.17961386},
	};

	int			fell_back = 0;

	for (int i = 0; i < 3; i++)
	{
		const double *c = cases[i];
		double		d = zj_geodesic_m(c[0], c[1], c[2], c[3]);

		CHECK(isfinite(d) && fabs(d - c[4]) < 0.005 * c[4],
			  "near-antipodal (%g %g)-(%g %g) within 0.5%% of %.1f, got %.1f", c[0], c[1], c[2], c[3], c[4], d);
		CHECK(fabs(d - haversine(c[0], c[1], c[2], c[3])) < 1e-6 || fabs(d - c[4]) < 1e-3,
			  "near-antipodal case %d is either exact or the documented sphere fallback", i);
		if (fabs(d - haversine(c[0], c[1], c[2], c[3])) < 1e-6)
			fell_back++;
	}
	CHECK(fell_back > 0, "the sphere fallback was exercised (%d of 3 cases)", fell_back);
	/* exactly antipodal on the equator: the shortest path runs over a pole (half a meridian) */
	{
		double		d = zj_geodesic_m(0, 0, 180, 0);

		CHECK(isfinite(d) && d <= A_WGS84 * M_PI * 1.0001 && d >= 0.995 * 2 * 10001965.72931272,
			  "antipodes on the equator: finite, between half a meridian and half the equator: %.1f", d);
	}
}

static void
test_random_properties(void)
{
	int			bad_sym = 0,
				bad_range = 0,
				bad_tri = 0,
				bad_sphere = 0;

	for (int i = 0; i < 20000; i++)
	{
		double		lon1 = unit_uniform(-180, 180),
					lat1 = unit_uniform(-90, 90),
					lon2 = unit_uniform(-180, 180),
					lat2 = unit_uniform(-90, 90),
					lon3 = unit_uniform(-180, 180),
					lat3 = unit_uniform(-90, 90);
		double		d12 = zj_geodesic_m(lon1, lat1, lon2, lat2),
					d21 = zj_geodesic_m(lon2, lat2, lon1, lat1),
					d13 = zj_geodesic_m(lon1, lat1, lon3, lat3),
					d23 = zj_geodesic_m(lon2, lat2, lon3, lat3);

		if (!(fabs(d12 - d21) < 1e-6 * (1 + d12)))
			bad_sym++;
		/* no geodesic is longer than half the equator */
		if (!(isfinite(d12) && d12 >= 0 && d12 <= A_WGS84 * M_PI + 1e-6))
			bad_range++;
		/* triangle inequality, with the 0.5 % slack of the near-antipodal fallback */
		if (!(d13 <= (d12 + d23) * 1.005 + 1e-6))
			bad_tri++;
		/* the ellipsoid and the mean sphere differ by well under 0.6 % */
		if (!(fabs(d12 - haversine(lon1, lat1, lon2, lat2)) <= 0.006 * d12 + 1e-6))
			bad_sphere++;
	}
	CHECK(bad_sym == 0, "20000 random pairs: symmetric (%d bad)", bad_sym);
	CHECK(bad_range == 0, "20000 random pairs: finite, in [0, a pi] (%d bad)", bad_range);
	CHECK(bad_tri == 0, "20000 random triangles: triangle inequality (%d bad)", bad_tri);
	CHECK(bad_sphere == 0, "20000 random pairs: within 0.6%% of the mean sphere (%d bad)", bad_sphere);
}

static void
test_local(void)
{
	ZjLocalProj p;
	double		e2 = (1.0 / 298.257223563) * (2 - 1.0 / 298.257223563);
	int			bad_trip = 0,
				bad_scale = 0;

	/* at the equator: kx = a pi / 180, ky = a (1 - e2) pi / 180 (meridional radius at phi = 0) */
	zj_local_init(&p, 0, 0);
	CHECK(fabs(p.kx - A_WGS84 * DEG) < 1e-9 && fabs(p.ky - A_WGS84 * (1 - e2) * DEG) < 1e-9,
		  "local plane at (0, 0): kx = %.6f, ky = %.6f m per degree", p.kx, p.ky);

	for (int i = 0; i < 5000; i++)
	{
		double		lon0 = unit_uniform(-180, 180),
					lat0 = unit_uniform(-85, 85),
					lon = lon0 + unit_uniform(-0.5, 0.5),
					lat = lat0 + unit_uniform(-0.5, 0.5),
					x,
					y,
					lon2,
					lat2;

		zj_local_init(&p, lon0, lat0);
		zj_local_fwd(&p, lon, lat, &x, &y);
		zj_local_inv(&p, x, y, &lon2, &lat2);
		if (!(fabs(lon2 - lon) < 1e-10 && fabs(lat2 - lat) < 1e-10))
			bad_trip++;

		/* exact scale at the centre: a 10 m step east or north measures 10 m on the ellipsoid */
		zj_local_inv(&p, 10, 0, &lon2, &lat2);
		if (!(fabs(zj_geodesic_m(lon0, lat0, lon2, lat2) - 10) < 1e-4))
			bad_scale++;
		zj_local_inv(&p, 0, -10, &lon2, &lat2);
		if (!(fabs(zj_geodesic_m(lon0, lat0, lon2, lat2) - 10) < 1e-4))
			bad_scale++;
	}
	CHECK(bad_trip == 0, "5000 random points: zj_local_inv(zj_local_fwd(p)) = p within 1e-10 degree (%d bad)", bad_trip);
	CHECK(bad_scale == 0, "5000 random centres: 10 m steps east and south measure 10 m +- 0.1 mm (%d bad)", bad_scale);
}

static void
test_degree_box(void)
{
	int			bad = 0,
				inside = 0;

	for (int i = 0; i < 4000; i++)
	{
		double		lon = unit_uniform(-150, 150),
					lat = unit_uniform(-80, 80),
					metres = exp(unit_uniform(log(1.0), log(300000.0))),
					dlon,
					dlat;

		zj_degree_box(lat, metres, &dlon, &dlat);
		if (!(isfinite(dlon) && isfinite(dlat) && dlon > 0 && dlat > 0))
		{
			bad++;
			continue;
		}
		/* points in a box three times as wide: every one within `metres` must fall inside */
		for (int j = 0; j < 25; j++)
		{
			double		qlon = lon + unit_uniform(-3, 3) * Min(dlon, 20.0),
						qlat = Max(-90.0, Min(90.0, lat + unit_uniform(-3, 3) * dlat));

			if (zj_geodesic_m(lon, lat, qlon, qlat) <= metres)
			{
				inside++;
				if (!(fabs(qlon - lon) <= dlon && fabs(qlat - lat) <= dlat))
					bad++;
			}
		}
		/* the four extreme points: due north, south, and east along the parallel (longest in degrees) */
		{
			ZjLocalProj p;
			double		qlon,
						qlat;

			zj_local_init(&p, lon, lat);
			zj_local_inv(&p, 0, metres * 0.999, &qlon, &qlat);
			if (qlat - lat > dlat)
				bad++;
			zj_local_inv(&p, metres * 0.999, 0, &qlon, &qlat);
			if (zj_geodesic_m(lon, lat, qlon, lat) <= metres && qlon - lon > dlon)
				bad++;
		}
	}
	CHECK(bad == 0 && inside > 1000,
		  "zj_degree_box contains every random point within the radius (%d checked, %d outside)", inside, bad);
	{
		double		dlon,
					dlat;

		zj_degree_box(89.9, 50000, &dlon, &dlat);
		CHECK(isfinite(dlon) && dlon <= 360.0 && dlat >= 50000 / 111700.0,
			  "zj_degree_box near the pole: finite, at most 360 degrees (%g, %g)", dlon, dlat);
		zj_degree_box(0, 1e9, &dlon, &dlat);
		CHECK(dlon == 360.0, "zj_degree_box of 1e9 m is capped at 360 degrees of longitude");
	}
}

int
main(void)
{
	test_published();
	test_coincident_and_tiny();
	test_antipodal();
	test_random_properties();
	test_local();
	test_degree_box();
	return UNIT_RESULT();
}
