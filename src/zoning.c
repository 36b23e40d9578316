/*
 * zoning.c — distance bands and sea tiers (nm, zone, sea_tier), band polygons (zone_rings),
 * hazard overlays (cover_fraction) and quartic kernel density (kernel_density).
 *
 * The target / land / layer / points argument is usually one value for the whole query: it is read
 * into GEOS, prepared and indexed once per distinct value (callcache.c) and each row then does only
 * its own geometry.
 *
 * Metres for longitude/latitude SRIDs (DESIGN.md): zone() first measures the distance D in an
 * affine "equirectangular" plane around the target (GEOS's indexed prepared distance).  The plane's
 * length scale lies in [smin, smax] over the latitudes a path can reach, so the ellipsoidal distance
 * lies in [D / smax, D / smin].  When both bounds fall in the same band the answer is known;
 * otherwise the segments of the target near the geometry are projected into an azimuthal
 * equidistant plane centred on the geometry (with the ellipsoid's metric at its centre), the nearest
 * point is found there and measured exactly on the ellipsoid (Vincenty, geodesy.c).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "arrayutil.h"
#include "callcache.h"
#include "crossing.h"
#include "export.h"
#include "geodesy.h"
#include "geos_bridge.h"
#include "grid.h"
#include "zoning.h"

#define METRES_PER_NM	1852.0
#define BUFFER_QUADSEGS	32
#define MAX_GEOGRAPHIC_BUFFER 2000000.0	/* metres: the azimuthal plane stays within 0.5 % */

/* ---------------------------------------------------------------- small helpers */

/* ERROR unless every coordinate of g is finite. */
static void
check_finite_coords(const GEOSGeometry *g, const char *argname)
{
	double		xmin,
				ymin,
				xmax,
				ymax;

	zj_geos_extent(g, argname, &xmin, &ymin, &xmax, &ymax);
}

/* Read argument argno as GEOS, owned by the current (per-call) memory context. */
static GEOSGeometry *
geom_arg(FunctionCallInfo fcinfo, int argno, const char *argname, int *srid)
{
	GEOSGeometry *g = zj_geom_arg(fcinfo, argno, argname, false, srid);

	zj_geos_autofree(CurrentMemoryContext, g, false);
	check_finite_coords(g, argname);
	return g;
}

/* The same for a cached argument, owned by the cache entry's context. */
static GEOSGeometry *
geom_cached(Datum value, Oid typoid, MemoryContext cxt, const char *argname, int *srid)
{
	GEOSGeometry *g;

	if (typoid == BYTEAOID)
	{
		/* EWKB kept in an aggregate state */
		bytea	   *b = DatumGetByteaPP(value);

		zj_ewkb_check_depth(VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b), argname);
		g = zj_geos_read_ewkb(VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b));
		if (g == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("%s cannot be read as a geometry", argname)));
		*srid = GEOSGetSRID_r(zj_geos(), g);
		if (GEOSisEmpty_r(zj_geos(), g))
		{
			GEOSGeom_destroy_r(zj_geos(), g);
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must not be an empty geometry", argname)));
		}
	}
	else
		g = zj_geom_from_datum(value, typoid, argname, false, srid);

	zj_geos_autofree(cxt, g, false);
	check_finite_coords(g, argname);
	return g;
}

/* Longitude/latitude coordinates must be in range for metres to mean anything. */
static void
check_lonlat(const GEOSGeometry *g, const char *argname, int srid)
{
	double		xmin,
				ymin,
				xmax,
				ymax;

	zj_geos_extent(g, NULL, &xmin, &ymin, &xmax, &ymax);
	if (!(ymin >= -90 && ymax <= 90 && xmin >= -360 && xmax <= 360))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s has coordinates out of range for longitude/latitude SRID %d", argname, srid),
				 errdetail("Its extent is (%g %g, %g %g); latitudes must lie in [-90, 90].",
						   xmin, ymin, xmax, ymax)));
}

double *
zj_bands_arg(FunctionCallInfo fcinfo, int argno, int *k)
{
	double	   *b = zj_thresholds(PG_GETARG_ARRAYTYPE_P(argno), "bands", k);

	if (*k == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bands must not be empty"),
				 errhint("Give the outer distance of each band, e.g. ARRAY[nm(3), nm(20)].")));
	if (!(b[0] > 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bands must be positive distances"),
				 errdetail("The first band ends at %g.", b[0])));
	return b;
}

static int
geos_bool(char r, const char *what)
{
	if (r == 2)
		zj_geos_error(what);
	return r;
}

/* ---------------------------------------------------------------- planes */

static int
plane_fwd_cb(double *x, double *y, void *arg)
{
	zj_local_fwd((const ZjLocalProj *) arg, *x, *y, x, y);
	return 1;
}

static int
aeqd_fwd_cb(double *x, double *y, void *arg)
{
	zj_aeqd_fwd((const ZjAeqd *) arg, *x, *y, x, y);
	return 1;
}

static int
aeqd_inv_cb(double *x, double *y, void *arg)
{
	zj_aeqd_inv((const ZjAeqd *) arg, *x, *y, x, y);
	return 1;
}

static int
equal_area_cb(double *x, double *y, void *arg)
{
	zj_equal_area_fwd(*x, *y, x, y);
	return 1;
}

static GEOSGeometry *
transform(const GEOSGeometry *g, GEOSTransformXYCallback cb, void *arg)
{
	GEOSGeometry *t = GEOSGeom_transformXY_r(zj_geos(), g, cb, arg);

	if (t == NULL)
		zj_geos_error("transforming a geometry");
	return t;
}

/* ---------------------------------------------------------------- facets (segments and points) */

void
zj_facet_add(ZjFacets *f, double x1, double y1, double x2, double y2)
{
	if (f->n == f->cap)
	{
		if (f->cap >= (int) (MaxAllocSize / (8 * sizeof(double))))
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("geometry has too many segments")));
		f->cap = Max(64, f->cap * 2);
		f->s = f->s ? repalloc(f->s, sizeof(double) * 4 * f->cap) : palloc(sizeof(double) * 4 * f->cap);
	}
	f->s[4 * f->n] = x1;
	f->s[4 * f->n + 1] = y1;
	f->s[4 * f->n + 2] = x2;
	f->s[4 * f->n + 3] = y2;
	f->n++;
}

/* Segments of a coordinate sequence; maxlen > 0 splits longer segments (in coordinate units). */
static void
facets_of_seq(const GEOSCoordSequence *cs, ZjFacets *f, double maxlen)
{
	unsigned int n;
	double	   *xy = zj_geos_coords(cs, &n);

	if (xy == NULL)
		return;
	if (n == 1)
		zj_facet_add(f, xy[0], xy[1], xy[0], xy[1]);
	for (unsigned int i = 1; i < n; i++)
	{
		double		x1 = xy[2 * i - 2],
					y1 = xy[2 * i - 1],
					x2 = xy[2 * i],
					y2 = xy[2 * i + 1];
		int			pieces = 1;

		if (maxlen > 0)
			pieces = (int) Min(ceil(Max(fabs(x2 - x1), fabs(y2 - y1)) / maxlen), 10000.0);
		pieces = Max(pieces, 1);
		for (int j = 0; j < pieces; j++)
			zj_facet_add(f, x1 + (x2 - x1) * j / pieces, y1 + (y2 - y1) * j / pieces,
					  x1 + (x2 - x1) * (j + 1) / pieces, y1 + (y2 - y1) * (j + 1) / pieces);
	}
	pfree(xy);
}

static void
facets_of(const GEOSGeometry *g, ZjFacets *f, double maxlen)
{
	GEOSContextHandle_t h = zj_geos();
	int			type = GEOSGeomTypeId_r(h, g);

	CHECK_FOR_INTERRUPTS();
	switch (type)
	{
		case GEOS_POINT:
		case GEOS_LINESTRING:
		case GEOS_LINEARRING:
			if (!GEOSisEmpty_r(h, g))
				facets_of_seq(GEOSGeom_getCoordSeq_r(h, g), f, maxlen);
			break;
		case GEOS_POLYGON:
			if (!GEOSisEmpty_r(h, g))
			{
				int			nr = GEOSGetNumInteriorRings_r(h, g);

				facets_of(GEOSGetExteriorRing_r(h, g), f, maxlen);
				for (int i = 0; i < nr; i++)
					facets_of(GEOSGetInteriorRingN_r(h, g, i), f, maxlen);
			}
			break;
		default:
			{
				int			ng = GEOSGetNumGeometries_r(h, g);

				for (int i = 0; i < ng; i++)
					facets_of(GEOSGetGeometryN_r(h, g, i), f, maxlen);
			}
	}
}

/* ---------------------------------------------------------------- the target of zone() */

static void *
target_build(Datum value, Oid typoid, MemoryContext cxt, void *arg, Size *size)
{
	GEOSContextHandle_t h = zj_geos();
	const char *argname = (const char *) arg;
	ZjTarget *t = palloc0(sizeof(ZjTarget));
	int			ncoord;

	t->g = geom_cached(value, typoid, cxt, argname, &t->srid);
	t->prep = GEOSPrepare_r(h, t->g);
	if (t->prep == NULL)
		zj_geos_error(psprintf("preparing %s", argname));
	zj_geos_autofree(cxt, (void *) t->prep, true);
	ncoord = GEOSGetNumCoordinates_r(h, t->g);
	*size = (Size) Max(ncoord, 1) * 200;
	t->geographic = zj_srid_is_geographic(t->srid);
	t->areal = GEOSGeom_getDimensions_r(h, t->g) == 2;
	if (t->geographic)
	{
		double		xmin,
					ymin,
					xmax,
					ymax;
		GEOSGeometry *gp;

		check_lonlat(t->g, argname, t->srid);
		zj_geos_extent(t->g, NULL, &xmin, &ymin, &xmax, &ymax);
		zj_local_init(&t->plane, (xmin + xmax) / 2, (ymin + ymax) / 2);
		gp = transform(t->g, plane_fwd_cb, &t->plane);
		zj_geos_autofree(cxt, gp, false);
		t->pprep = GEOSPrepare_r(h, gp);
		if (t->pprep == NULL)
			zj_geos_error(psprintf("preparing %s", argname));
		zj_geos_autofree(cxt, (void *) t->pprep, true);
	}

	/* the target's segments (split to <= 0.02 degrees for lon/lat) in a grid */
	facets_of(t->g, &t->facets, t->geographic ? 0.02 : 0);
	{
		double	   *boxes = palloc(sizeof(double) * 4 * Max(t->facets.n, 1));

		for (int i = 0; i < t->facets.n; i++)
		{
			const double *s = &t->facets.s[4 * i];

			boxes[4 * i] = Min(s[0], s[2]);
			boxes[4 * i + 1] = Min(s[1], s[3]);
			boxes[4 * i + 2] = Max(s[0], s[2]);
			boxes[4 * i + 3] = Max(s[1], s[3]);
		}
		zj_grid_build(&t->grid, t->facets.n, boxes, 0);
		pfree(boxes);
		t->seen = palloc0(sizeof(uint32) * Max(t->facets.n, 1));
		*size += (Size) t->facets.n * 80;
	}
	return t;
}

/*
 * The plane's smallest and largest length scale (plane / ellipsoid) over latitudes [lo, hi]:
 * x scales by kx0 / (N cos lat), which grows away from the equator; y by ky0 / M, which shrinks.
 */
void
zj_plane_scales(const ZjLocalProj *p, double lo, double hi, double *smin, double *smax)
{
	double		amax = Min(Max(fabs(lo), fabs(hi)), 89.9);
	double		amin = Min((lo <= 0 && hi >= 0) ? 0 : Min(fabs(lo), fabs(hi)), 89.9);
	ZjLocalProj qmin,
				qmax;

	zj_local_init(&qmin, 0, amin);
	zj_local_init(&qmax, 0, amax);
	*smax = Max(p->kx / qmax.kx, p->ky / qmin.ky);
	*smin = Min(p->kx / qmin.kx, p->ky / qmax.ky);
}

/* Exact-enough metres from g (lon/lat, disjoint from the target) to the target, at most d1. */
static double
refine_distance(ZjTarget *t, const GEOSGeometry *g, double d1)
{
	GEOSContextHandle_t h = zj_geos();
	double		xmin,
				ymin,
				xmax,
				ymax,
				dlon,
				dlat;
	int32	   *near = NULL;
	int			nnear;
	ZjFacets	gf = {0};
	ZjFacets	cand = {0};
	ZjAeqd		a;
	double		best2 = INFINITY,
				result = d1,
				smin,
				smax,
				gx0,
				gy0,
				gx1,
				gy1,
				reach;

	zj_geos_extent(g, NULL, &xmin, &ymin, &xmax, &ymax);
	zj_degree_box(Max(fabs(ymin), fabs(ymax)), d1, &dlon, &dlat);
	/* a facet whose plane distance from g's box exceeds d1 * smax is farther than d1: skip it */
	zj_plane_scales(&t->plane, ymin - dlat, ymax + dlat, &smin, &smax);
	zj_local_fwd(&t->plane, xmin, ymin, &gx0, &gy0);
	zj_local_fwd(&t->plane, xmax, ymax, &gx1, &gy1);
	reach = d1 * smax * 1.000001;

	/* candidate target facets near g */
	nnear = zj_target_facets_near(t, xmin - dlon, ymin - dlat, xmax + dlon, ymax + dlat, &near);
	for (int j = 0; j < nnear; j++)
	{
		const double *s = &t->facets.s[4 * near[j]];
		double		fx0,
					fy0,
					fx1,
					fy1,
					dx,
					dy;

		zj_local_fwd(&t->plane, Min(s[0], s[2]), Min(s[1], s[3]), &fx0, &fy0);
		zj_local_fwd(&t->plane, Max(s[0], s[2]), Max(s[1], s[3]), &fx1, &fy1);
		dx = Max(0.0, Max(fx0 - gx1, gx0 - fx1));
		dy = Max(0.0, Max(fy0 - gy1, gy0 - fy1));
		if (dx * dx + dy * dy > reach * reach)
			continue;
		zj_facet_add(&cand, s[0], s[1], s[2], s[3]);
	}
	if (near)
		pfree(near);
	if (cand.n == 0)
		return d1;

	/* centre the azimuthal plane on g: its own point, or the middle of its extent */
	if (GEOSGeomTypeId_r(h, g) == GEOS_POINT)
		zj_aeqd_init(&a, xmin, ymin);
	else
		zj_aeqd_init(&a, (xmin + xmax) / 2, (ymin + ymax) / 2);
	facets_of(g, &gf, 0.02);
	for (int i = 0; i < gf.n; i++)
	{
		double	   *s = &gf.s[4 * i];

		zj_aeqd_fwd(&a, s[0], s[1], &s[0], &s[1]);
		zj_aeqd_fwd(&a, s[2], s[3], &s[2], &s[3]);
	}
	for (int i = 0; i < cand.n; i++)
	{
		double	   *s = &cand.s[4 * i];

		zj_aeqd_fwd(&a, s[0], s[1], &s[0], &s[1]);
		zj_aeqd_fwd(&a, s[2], s[3], &s[2], &s[3]);
	}

	/* pass 1: the smallest plane distance; pass 2: measure the near-best pairs on the ellipsoid */
	for (int i = 0; i < gf.n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		for (int j = 0; j < cand.n; j++)
		{
			double		px,
						py,
						qx,
						qy;
			double		d2 = zj_seg_seg(&gf.s[4 * i], &cand.s[4 * j], &px, &py, &qx, &qy);

			best2 = Min(best2, d2);
		}
	}
	{
		double		limit = sqrt(best2) * 1.01 + 1e-3;

		limit *= limit;
		for (int i = 0; i < gf.n; i++)
		{
			for (int j = 0; j < cand.n; j++)
			{
				double		px,
							py,
							qx,
							qy,
							plon,
							plat,
							qlon,
							qlat;
				double		d2 = zj_seg_seg(&gf.s[4 * i], &cand.s[4 * j], &px, &py, &qx, &qy);

				if (d2 > limit)
					continue;
				zj_aeqd_inv(&a, px, py, &plon, &plat);
				zj_aeqd_inv(&a, qx, qy, &qlon, &qlat);
				result = Min(result, zj_geodesic_m(plon, plat, qlon, qlat));
			}
		}
	}
	pfree(gf.s);
	pfree(cand.s);
	return result;
}

/*
 * Distance from geom (argument 0) to the target (argument 1, cached); -1 when they intersect.
 * With bands (k > 0) the result need only be exact enough to fall in the right band; without, it
 * is always refined.
 */
static double
target_distance(FunctionCallInfo fcinfo, const char *targetname, const double *bands, int k)
{
	GEOSContextHandle_t h = zj_geos();
	ZjTarget *t;
	GEOSGeometry *g,
			   *gp;
	int			srid;
	double		d,
				dplane,
				upper,
				lower,
				smin,
				smax,
				xmin,
				ymin,
				xmax,
				ymax,
				dlon,
				dlat;

	t = zj_callcache_get(fcinfo, 1, 1, target_build, (void *) targetname);
	g = geom_arg(fcinfo, 0, "geom", &srid);
	zj_check_same_srid(srid, "geom", t->srid, targetname);

	if (geos_bool(GEOSPreparedIntersects_r(h, t->prep, g), "testing intersection"))
		return -1;
	if (!t->geographic)
	{
		if (!GEOSPreparedDistance_r(h, t->prep, g, &d))
			zj_geos_error("computing a distance");
		return d;
	}

	/*
	 * Bounds from the (indexed) distance D in the plane around the target.  The straight plane
	 * path of length D stays within D / ky of geom's latitudes, so the ellipsoidal distance is at
	 * most D / smin there; the true shortest path stays within that upper bound of geom, so the
	 * distance is at least D / smax over the latitudes it can reach.
	 */
	check_lonlat(g, "geom", srid);
	gp = transform(g, plane_fwd_cb, &t->plane);
	zj_geos_autofree(CurrentMemoryContext, gp, false);
	if (!GEOSPreparedDistance_r(h, t->pprep, gp, &dplane))
		zj_geos_error("computing a distance");
	zj_geos_extent(g, NULL, &xmin, &ymin, &xmax, &ymax);
	dlat = dplane / t->plane.ky * 1.001;
	zj_plane_scales(&t->plane, ymin - dlat, ymax + dlat, &smin, &smax);
	upper = dplane / smin;
	zj_degree_box(Max(fabs(ymin), fabs(ymax)), upper, &dlon, &dlat);
	zj_plane_scales(&t->plane, ymin - dlat, ymax + dlat, &smin, &smax);
	lower = dplane / smax;
	if (k > 0 && zj_class_of(lower, bands, k) == zj_class_of(upper, bands, k))
		return upper;
	return refine_distance(t, g, upper);
}

int
zj_target_facets_near(ZjTarget *t, double xmin, double ymin, double xmax, double ymax, int32 **items)
{
	int			n = 0,
				cap = 0,
				ix0,
				iy0,
				ix1,
				iy1;
	int32	   *out = NULL;

	*items = NULL;
	if (++t->stamp == 0)
	{
		memset(t->seen, 0, sizeof(uint32) * Max(t->facets.n, 1));
		t->stamp = 1;
	}
	if (!zj_grid_range(&t->grid, xmin, ymin, xmax, ymax, &ix0, &iy0, &ix1, &iy1))
		return 0;
	for (int iy = iy0; iy <= iy1; iy++)
	{
		CHECK_FOR_INTERRUPTS();
		for (int ix = ix0; ix <= ix1; ix++)
		{
			int64		c = (int64) iy * t->grid.nx + ix;

			for (int32 k = t->grid.start[c]; k < t->grid.start[c + 1]; k++)
			{
				int32		i = t->grid.items[k];
				const double *s = &t->facets.s[4 * i];

				if (t->seen[i] == t->stamp)
					continue;
				t->seen[i] = t->stamp;
				if (Max(s[0], s[2]) < xmin || Min(s[0], s[2]) > xmax ||
					Max(s[1], s[3]) < ymin || Min(s[1], s[3]) > ymax)
					continue;
				if (n == cap)
				{
					cap = Max(64, 2 * cap);
					out = out ? repalloc(out, sizeof(int32) * cap) : palloc(sizeof(int32) * cap);
				}
				out[n++] = i;
			}
		}
	}
	*items = out;
	return n;
}

ZjTarget *
zj_target_get(FunctionCallInfo fcinfo, int argno, const char *argname)
{
	return zj_callcache_get(fcinfo, argno, 1, target_build, (void *) argname);
}

ZjTarget *
zj_target_get_ewkb(FunctionCallInfo fcinfo, int slot, bytea *ewkb, const char *argname)
{
	return zj_callcache_get_value(fcinfo, slot, PointerGetDatum(ewkb), BYTEAOID, 1, target_build,
								  (void *) argname);
}

double
zj_target_plane_distance(ZjTarget *t, double x, double y)
{
	GEOSContextHandle_t h = zj_geos();
	GEOSGeometry *p;
	double		d;
	char		ok;

	if (t->geographic)
		zj_local_fwd(&t->plane, x, y, &x, &y);
	p = GEOSGeom_createPointFromXY_r(h, x, y);
	if (p == NULL)
		zj_geos_error("creating a point");
	ok = GEOSPreparedDistance_r(h, t->geographic ? t->pprep : t->prep, p, &d);
	GEOSGeom_destroy_r(h, p);
	if (!ok)
		zj_geos_error("computing a distance");
	return d;
}

bool
zj_target_covers_point(ZjTarget *t, double x, double y)
{
	GEOSContextHandle_t h = zj_geos();
	GEOSGeometry *p = GEOSGeom_createPointFromXY_r(h, x, y);
	char		r;

	if (p == NULL)
		zj_geos_error("creating a point");
	r = GEOSPreparedIntersects_r(h, t->prep, p);
	GEOSGeom_destroy_r(h, p);
	return geos_bool(r, "testing intersection");
}

PG_FUNCTION_INFO_V1(zjgov_nm);
Datum
zjgov_nm(PG_FUNCTION_ARGS)
{
	double		x = PG_GETARG_FLOAT8(0);

	zj_check_finite(x, "nautical miles");
	PG_RETURN_FLOAT8(x * METRES_PER_NM);
}

PG_FUNCTION_INFO_V1(zjgov_zone);
Datum
zjgov_zone(PG_FUNCTION_ARGS)
{
	int			k;
	double	   *bands = zj_bands_arg(fcinfo, 2, &k);
	double		d = target_distance(fcinfo, "target", bands, k);

	PG_RETURN_INT32(d < 0 ? 0 : zj_class_of(d, bands, k));
}

PG_FUNCTION_INFO_V1(zjgov_sea_tier);
Datum
zjgov_sea_tier(PG_FUNCTION_ARGS)
{
	static const double tiers[2] = {3 * METRES_PER_NM, 20 * METRES_PER_NM};

	double		d = target_distance(fcinfo, "land", tiers, 2);

	PG_RETURN_INT32(d < 0 ? 0 : zj_class_of(d, tiers, 2));
}

/* A hidden helper for tests: metres (geographic) or CRS units from geom to target. */
PG_FUNCTION_INFO_V1(zjgov_distance);
Datum
zjgov_distance(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(Max(target_distance(fcinfo, "target", NULL, 0), 0.0));
}

/* ---------------------------------------------------------------- zone_rings */

/*
 * The round buffer of g.  A collection (an archipelago, a MULTIPOINT of incidents) is buffered part
 * by part and the parts' buffers unioned (cascaded): GEOS's buffer of the whole collection nodes
 * every part's offset curve against every other's, which is ten times slower where buffers
 * overlap (259 Zhoushan islands at 20 nm: 2.9 s against 0.29 s, the same area to 1e-14).
 */
static GEOSGeometry *
buffer_round(GEOSGeometry *g, double width)
{
	GEOSContextHandle_t h = zj_geos();
	int			n = GEOSGetNumGeometries_r(h, g);
	GEOSGeometry **parts;
	GEOSGeometry *coll,
			   *u;

	if (n <= 1)
		return GEOSBufferWithStyle_r(h, g, width, BUFFER_QUADSEGS, GEOSBUF_CAP_ROUND, GEOSBUF_JOIN_ROUND, 5.0);
	parts = palloc(sizeof(GEOSGeometry *) * n);
	for (int i = 0; i < n; i++)
	{
		/* no CHECK_FOR_INTERRUPTS here (it would leak the parts): GEOS polls for them itself */
		parts[i] = GEOSBufferWithStyle_r(h, GEOSGetGeometryN_r(h, g, i), width, BUFFER_QUADSEGS,
										 GEOSBUF_CAP_ROUND, GEOSBUF_JOIN_ROUND, 5.0);
		if (parts[i] == NULL)
		{
			for (int j = 0; j < i; j++)
				GEOSGeom_destroy_r(h, parts[j]);
			pfree(parts);
			return NULL;
		}
	}
	/* the collection owns the parts from here, even when it fails (out of memory) */
	coll = GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, parts, n);
	pfree(parts);
	if (coll == NULL)
		return NULL;
	u = GEOSUnaryUnion_r(h, coll);
	GEOSGeom_destroy_r(h, coll);
	return u;
}

PG_FUNCTION_INFO_V1(zjgov_zone_rings);
Datum
zjgov_zone_rings(PG_FUNCTION_ARGS)
{
	GEOSContextHandle_t h = zj_geos();
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Oid			typoid = zj_arg_type(fcinfo, 0);
	int			k,
				srid;
	double	   *bands = zj_bands_arg(fcinfo, 1, &k);
	GEOSGeometry *target = geom_arg(fcinfo, 0, "target", &srid);
	bool		geographic = zj_srid_is_geographic(srid);
	GEOSGeometry *prev = target;
	GEOSGeometry *work = target;
	ZjAeqd		a;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	InitMaterializedSRF(fcinfo, 0);

	if (geographic)
	{
		double		xmin,
					ymin,
					xmax,
					ymax;

		check_lonlat(target, "target", srid);
		if (bands[k - 1] > MAX_GEOGRAPHIC_BUFFER)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("bands reach %g m, too far to buffer longitude/latitude data", bands[k - 1]),
					 errdetail("Rings around longitude/latitude targets are limited to %g km.",
							   MAX_GEOGRAPHIC_BUFFER / 1000),
					 errhint("Use ST_Transform to a suitable projected coordinate system.")));
		zj_geos_extent(target, NULL, &xmin, &ymin, &xmax, &ymax);
		zj_aeqd_init(&a, (xmin + xmax) / 2, (ymin + ymax) / 2);
		work = transform(target, aeqd_fwd_cb, &a);
		zj_geos_autofree(CurrentMemoryContext, work, false);
	}

	/* band 0: the target itself, exactly as given */
	values[0] = Int32GetDatum(0);
	values[1] = PG_GETARG_DATUM(0);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);

	for (int i = 0; i < k; i++)
	{
		GEOSGeometry *buf,
				   *ring;

		CHECK_FOR_INTERRUPTS();
		buf = buffer_round(work, bands[i]);
		if (buf == NULL)
			zj_geos_error("buffering target");
		zj_geos_autofree(CurrentMemoryContext, buf, false);
		if (geographic)
		{
			buf = transform(buf, aeqd_inv_cb, &a);
			zj_geos_autofree(CurrentMemoryContext, buf, false);
			if (geos_bool(GEOSisValid_r(h, buf), "validating a buffer") == 0)
			{
				buf = GEOSMakeValid_r(h, buf);
				if (buf == NULL)
					zj_geos_error("repairing a buffer");
				zj_geos_autofree(CurrentMemoryContext, buf, false);
			}
		}
		/* differences in the output coordinates: rings meet exactly and never overlap */
		ring = GEOSDifference_r(h, buf, prev);
		if (ring == NULL)
			zj_geos_error("computing a band ring");
		values[0] = Int32GetDatum(i + 1);
		values[1] = zj_geom_to_datum(ring, srid, typoid);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		prev = buf;
	}
	return (Datum) 0;
}

/* ---------------------------------------------------------------- cover_fraction */

typedef struct LayerCache
{
	int			srid;
	bool		geographic;
	const GEOSPreparedGeometry *prep;	/* the layer in the area plane */
	int			nparts;
	const GEOSGeometry **parts; /* its polygons (owned by the layer) */
	ZjGrid		grid;
	uint32	   *seen;
	uint32		stamp;
} LayerCache;

static void *
layer_build(Datum value, Oid typoid, MemoryContext cxt, void *arg, Size *size)
{
	GEOSContextHandle_t h = zj_geos();
	LayerCache *l = palloc0(sizeof(LayerCache));
	GEOSGeometry *g = geom_cached(value, typoid, cxt, "layer", &l->srid);
	double		area;
	double	   *boxes;
	int			type,
				ng;

	l->geographic = zj_srid_is_geographic(l->srid);
	if (l->geographic)
	{
		check_lonlat(g, "layer", l->srid);
		g = transform(g, equal_area_cb, NULL);
		zj_geos_autofree(cxt, g, false);
	}
	type = GEOSGeomTypeId_r(h, g);
	if (type == GEOS_GEOMETRYCOLLECTION)
	{
		/* parts of a collection may overlap: dissolve them once */
		g = GEOSUnaryUnion_r(h, g);
		if (g == NULL)
			zj_geos_error("dissolving layer");
		zj_geos_autofree(cxt, g, false);
		type = GEOSGeomTypeId_r(h, g);
	}
	else if (type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON)
	{
		if (!geos_bool(GEOSisValid_r(h, g), "validating layer"))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("layer is not a valid polygon"),
					 errhint("Repair it with ST_MakeValid.")));
	}
	if (!GEOSArea_r(h, g, &area))
		zj_geos_error("computing the area of layer");
	if (!(area > 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("layer must be polygonal"),
				 errdetail("Its area is zero."),
				 errhint("cover_fraction overlays polygons; buffer points or lines first.")));
	l->prep = GEOSPrepare_r(h, g);
	if (l->prep == NULL)
		zj_geos_error("preparing layer");
	zj_geos_autofree(cxt, (void *) l->prep, true);

	ng = (type == GEOS_POLYGON) ? 1 : GEOSGetNumGeometries_r(h, g);
	l->parts = palloc(sizeof(GEOSGeometry *) * Max(ng, 1));
	boxes = palloc(sizeof(double) * 4 * Max(ng, 1));
	for (int i = 0; i < ng; i++)
	{
		const GEOSGeometry *p = (type == GEOS_POLYGON) ? g : GEOSGetGeometryN_r(h, g, i);

		if (GEOSGeomTypeId_r(h, p) != GEOS_POLYGON || GEOSisEmpty_r(h, p))
			continue;			/* lines and points of a collection have no area */
		zj_geos_extent(p, NULL, &boxes[4 * l->nparts], &boxes[4 * l->nparts + 1],
				  &boxes[4 * l->nparts + 2], &boxes[4 * l->nparts + 3]);
		l->parts[l->nparts++] = p;
	}
	zj_grid_build(&l->grid, l->nparts, boxes, 0);
	pfree(boxes);
	l->seen = palloc0(sizeof(uint32) * Max(l->nparts, 1));
	*size = (Size) Max(GEOSGetNumCoordinates_r(h, g), 1) * 150 + (Size) l->nparts * 64;
	return l;
}

PG_FUNCTION_INFO_V1(zjgov_cover_fraction);
Datum
zjgov_cover_fraction(PG_FUNCTION_ARGS)
{
	GEOSContextHandle_t h = zj_geos();
	LayerCache *l = zj_callcache_get(fcinfo, 1, 1, layer_build, NULL);
	int			srid;
	GEOSGeometry *cell = geom_arg(fcinfo, 0, "cell", &srid);
	double		area,
				covered = 0,
				xmin,
				ymin,
				xmax,
				ymax;
	int			ix0,
				iy0,
				ix1,
				iy1;

	zj_check_same_srid(srid, "cell", l->srid, "layer");
	if (l->geographic)
	{
		check_lonlat(cell, "cell", srid);
		cell = transform(cell, equal_area_cb, NULL);
		zj_geos_autofree(CurrentMemoryContext, cell, false);
	}
	if (!GEOSArea_r(h, cell, &area))
		zj_geos_error("computing the area of cell");
	if (!(area > 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cell must have a positive area"),
				 errhint("cover_fraction takes polygon cells.")));

	/* fast paths: inside, outside */
	if (geos_bool(GEOSPreparedContains_r(h, l->prep, cell), "testing containment"))
		PG_RETURN_FLOAT8(1.0);
	if (!geos_bool(GEOSPreparedIntersects_r(h, l->prep, cell), "testing intersection"))
		PG_RETURN_FLOAT8(0.0);

	/* the layer's polygons do not overlap: sum the pieces that meet the cell's box */
	zj_geos_extent(cell, NULL, &xmin, &ymin, &xmax, &ymax);
	if (++l->stamp == 0)
	{
		memset(l->seen, 0, sizeof(uint32) * Max(l->nparts, 1));
		l->stamp = 1;
	}
	if (zj_grid_range(&l->grid, xmin, ymin, xmax, ymax, &ix0, &iy0, &ix1, &iy1))
	{
		for (int iy = iy0; iy <= iy1; iy++)
			for (int ix = ix0; ix <= ix1; ix++)
			{
				int64		c = (int64) iy * l->grid.nx + ix;

				CHECK_FOR_INTERRUPTS();
				for (int32 j = l->grid.start[c]; j < l->grid.start[c + 1]; j++)
				{
					int32		i = l->grid.items[j];
					GEOSGeometry *piece;
					double		a;

					if (l->seen[i] == l->stamp)
						continue;
					l->seen[i] = l->stamp;
					piece = GEOSIntersection_r(h, cell, l->parts[i]);
					if (piece == NULL)
						zj_geos_error("intersecting cell and layer");
					if (!GEOSArea_r(h, piece, &a))
					{
						GEOSGeom_destroy_r(h, piece);
						zj_geos_error("computing an area");
					}
					GEOSGeom_destroy_r(h, piece);
					covered += a;
				}
			}
	}
	PG_RETURN_FLOAT8(Max(0.0, Min(1.0, covered / area)));
}

/* ---------------------------------------------------------------- kernel_density */

typedef struct PointsCache
{
	int			srid;
	int			n;
	double	   *x,
			   *y,
			   *w;				/* sorted by grid cell */
	ZjGrid		grid;			/* items are 0..n-1 in order */
} PointsCache;

static void *
points_build(Datum value, Oid typoid, MemoryContext cxt, void *arg, Size *size)
{
	double		bandwidth = *(const double *) arg;
	bytea	   *ewkb = zj_geom_ewkb(value, typoid);
	ZjWkb		r;
	PointsCache *pc = palloc0(sizeof(PointsCache));
	bool		hasz,
				hasm;
	int			type;
	uint32		count = 1;
	double	   *x,
			   *y,
			   *w,
			   *boxes;
	int			n = 0;

	zj_wkb_init(&r, ewkb, "points");
	type = zj_wkb_header(&r, &hasz, &hasm, &pc->srid);
	if (type != 1 && type != 4)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("points must be a point or a multipoint"),
				 errhint("Collect incidents with ST_Collect(geom) or ST_Union(geom).")));
	if (zj_srid_is_geographic(pc->srid))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kernel_density needs a projected coordinate system"),
				 errdetail("points has longitude/latitude SRID %d; the bandwidth is a distance in CRS units.",
						   pc->srid),
				 errhint("Use ST_Transform, e.g. to EPSG:4549 (CGCS2000 / 3-degree Gauss-Kruger CM 120E).")));
	if (type == 4)
	{
		count = zj_wkb_u32(&r);
		if ((Size) count > (Size) (r.end - r.p) / 21)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("points has a truncated binary representation")));
	}
	x = palloc(sizeof(double) * Max(count, 1));
	y = palloc(sizeof(double) * Max(count, 1));
	w = palloc(sizeof(double) * Max(count, 1));
	for (uint32 i = 0; i < count; i++)
	{
		bool		pz = hasz,
					pm = hasm;
		double		px,
					py,
					pw = 1.0;
		int			psrid = 0;

		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		if (type == 4 && zj_wkb_header(&r, &pz, &pm, &psrid) != 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("points has a member that is not a point")));
		px = zj_wkb_f64(&r);
		py = zj_wkb_f64(&r);
		if (pz)
			(void) zj_wkb_f64(&r);
		if (pm)
			pw = zj_wkb_f64(&r);
		if (isnan(px) && isnan(py))
			continue;			/* an empty point */
		if (!isfinite(px) || !isfinite(py))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("points must have finite coordinates")));
		if (!isfinite(pw))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("points must have finite M values"),
					 errdetail("The M value of a point is its weight; point %u has %s.", i + 1,
							   isnan(pw) ? "NaN" : "an infinite weight")));
		x[n] = px;
		y[n] = py;
		w[n] = pw;
		n++;
	}
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("points must not be an empty geometry")));

	boxes = palloc(sizeof(double) * 4 * n);
	for (int i = 0; i < n; i++)
	{
		boxes[4 * i] = boxes[4 * i + 2] = x[i];
		boxes[4 * i + 1] = boxes[4 * i + 3] = y[i];
	}
	zj_grid_build(&pc->grid, n, boxes, bandwidth);
	pfree(boxes);
	/* store the points in cell order, so a cell's points are contiguous */
	pc->n = n;
	pc->x = palloc(sizeof(double) * n);
	pc->y = palloc(sizeof(double) * n);
	pc->w = palloc(sizeof(double) * n);
	for (int k = 0; k < n; k++)
	{
		int32		i = pc->grid.items[k];

		pc->x[k] = x[i];
		pc->y[k] = y[i];
		pc->w[k] = w[i];
	}
	pfree(pc->grid.items);
	pc->grid.items = NULL;
	pfree(x);
	pfree(y);
	pfree(w);
	pfree(ewkb);
	*size = (Size) n * 28 + (Size) pc->grid.nx * pc->grid.ny * 4;
	return pc;
}

PG_FUNCTION_INFO_V1(zjgov_kernel_density);
Datum
zjgov_kernel_density(PG_FUNCTION_ARGS)
{
	GEOSContextHandle_t h = zj_geos();
	double		bw = PG_GETARG_FLOAT8(2);
	PointsCache *pc;
	GEOSGeometry *at;
	int			srid;
	double		ax,
				ay,
				h2,
				sum = 0;
	int			ix0,
				iy0,
				ix1,
				iy1;

	zj_check_finite(bw, "bandwidth");
	if (!(bw > 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bandwidth must be positive"),
				 errdetail("Got %g.", bw)));
	pc = zj_callcache_get(fcinfo, 1, 1, points_build, &bw);
	at = geom_arg(fcinfo, 0, "at", &srid);
	if (GEOSGeomTypeId_r(h, at) != GEOS_POINT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("at must be a point"),
				 errhint("Use ST_Centroid or ST_PointOnSurface of a cell.")));
	zj_check_same_srid(srid, "at", pc->srid, "points");
	if (!GEOSGeomGetX_r(h, at, &ax) || !GEOSGeomGetY_r(h, at, &ay))
		zj_geos_error("reading at");

	h2 = bw * bw;
	if (zj_grid_range(&pc->grid, ax - bw, ay - bw, ax + bw, ay + bw, &ix0, &iy0, &ix1, &iy1))
	{
		for (int iy = iy0; iy <= iy1; iy++)
		{
			int64		row = (int64) iy * pc->grid.nx;

			CHECK_FOR_INTERRUPTS();
			/* a row's cells are contiguous in the point arrays */
			for (int32 k = pc->grid.start[row + ix0]; k < pc->grid.start[row + ix1 + 1]; k++)
			{
				double		dx = pc->x[k] - ax,
							dy = pc->y[k] - ay,
							d2 = dx * dx + dy * dy;

				if (d2 < h2)
				{
					double		u = 1.0 - d2 / h2;

					sum += pc->w[k] * u * u;
				}
			}
		}
	}
	PG_RETURN_FLOAT8(sum * 3.0 / (M_PI * h2));
}
