/*
 * tracks.c — movements over zones: tier crossings and dwell, AIS gaps, speeds and speeding.
 *
 * A track is a LINESTRING M whose M values are times in seconds since 1970-01-01 UTC, strictly
 * increasing; a vessel moves linearly in CRS coordinates between two fixes (as PostGIS
 * interpolates).  Its tier at any moment is zone()'s: 0 on the target, i within
 * [bands[i-1], bands[i]), k + 1 beyond, in metres on the ellipsoid for longitude/latitude SRIDs.
 *
 * The target is converted, prepared and indexed once per query (zoning.c's cache).  Each vertex's
 * distance to it is measured once (GEOS's indexed prepared distance, in the target's affine plane
 * for lon/lat); since distance changes by at most the distance travelled, a segment whose bounds
 * fall within one tier has no crossing and is done.  The other segments (near an edge) are cut
 * into pieces of at most 0.02 degrees, each projected with the target's facets near it into an
 * azimuthal equidistant plane centred on the piece (the ellipsoid's metric at its centre), and
 * crossing.c finds where the piece enters and leaves each band exactly in that plane.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "datatype/timestamp.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "aggstate.h"
#include "arrayutil.h"
#include "crossing.h"
#include "export.h"
#include "geodesy.h"
#include "geos_bridge.h"
#include "zoning.h"

#define METRES_PER_NM	1852.0
#define PIECE_DEGREES	0.02		/* longest piece of a lon/lat segment searched in one plane */
#define MAX_COORD		1e15		/* CRS units: squares of differences stay finite */
#define UNIX_TO_PG_SECONDS ((double) (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * SECS_PER_DAY)

/* ---------------------------------------------------------------- tracks */

typedef struct Track
{
	int			n;
	int			srid;
	bool		geographic;
	double	   *x,
			   *y,
			   *m;
} Track;

static const char *
wkb_type_name(int type)
{
	static const char *const names[] = {"GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT",
	"MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"};

	return type >= 0 && type < (int) lengthof(names) ? names[type] : "geometry of another type";
}

/* The epoch time m as a timestamptz, ERROR when out of range. */
static TimestampTz
m_to_timestamptz(double m)
{
	double		us = (m - UNIX_TO_PG_SECONDS) * USECS_PER_SEC;
	TimestampTz ts;

	if (!(us >= (double) MIN_TIMESTAMP && us < (double) END_TIMESTAMP))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("track time %g is out of range for a timestamp", m),
				 errdetail("M values are seconds since 1970-01-01 00:00:00 UTC.")));
	ts = (TimestampTz) rint(us);
	return ts;
}

/*
 * Check the vertices of a track (x, y, m arrays of n) and fill in its geographic flag: finite,
 * lon/lat in range, M strictly increasing and convertible to timestamps.
 */
static void
track_check(Track *t, const char *argname)
{
	t->geographic = zj_srid_is_geographic(t->srid);
	if (t->n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be empty", argname)));
	for (int i = 0; i < t->n; i++)
	{
		if (!isfinite(t->x[i]) || !isfinite(t->y[i]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must have finite coordinates", argname),
					 errdetail("Vertex %d is (%g %g).", i + 1, t->x[i], t->y[i])));
		if (!isfinite(t->m[i]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must have finite times", argname),
					 errdetail("Vertex %d has M = %g.", i + 1, t->m[i])));
		if (t->geographic && !(fabs(t->y[i]) <= 90 && fabs(t->x[i]) <= 360))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s has coordinates out of range for longitude/latitude SRID %d",
							argname, t->srid),
					 errdetail("Vertex %d is (%g %g).", i + 1, t->x[i], t->y[i])));
		if (fabs(t->x[i]) > MAX_COORD || fabs(t->y[i]) > MAX_COORD)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s has coordinates beyond %g", argname, MAX_COORD),
					 errdetail("Vertex %d is (%g %g).", i + 1, t->x[i], t->y[i])));
		(void) m_to_timestamptz(t->m[i]);
		if (i > 0 && !(t->m[i] > t->m[i - 1]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s times must increase strictly", argname),
					 errdetail("Vertex %d has M = %.17g after M = %.17g at vertex %d.",
							   i + 1, t->m[i], t->m[i - 1], i),
					 errhint("M is the time of each fix in seconds since 1970-01-01 UTC: order the fixes by "
							 "time and drop repeated ones before ST_MakeLine.")));
	}
}

/* Read argument argno as a track (a LINESTRING M, or ZM). */
static void
track_arg(FunctionCallInfo fcinfo, int argno, Track *t)
{
	bytea	   *ewkb = zj_geom_ewkb(PG_GETARG_DATUM(argno), zj_arg_type(fcinfo, argno));
	ZjWkb		r;
	bool		hasz,
				hasm;
	int			type;
	uint32		n;

	zj_wkb_init(&r, ewkb, "track");
	t->srid = 0;
	type = zj_wkb_header(&r, &hasz, &hasm, &t->srid);
	if (type != 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("track must be a LINESTRING M"),
				 errdetail("It is a %s.", wkb_type_name(type)),
				 errhint("Build a track with ST_MakeLine(ST_MakePointM(lon, lat, extract(epoch FROM ts)) ORDER BY ts).")));
	if (!hasm)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("track must be a LINESTRING M"),
				 errdetail("It has no M values; a track's M values are the times of its fixes."),
				 errhint("Build a track with ST_MakeLine(ST_MakePointM(lon, lat, extract(epoch FROM ts)) ORDER BY ts).")));
	n = zj_wkb_u32(&r);
	if ((Size) n > (Size) (r.end - r.p) / ((hasz ? 4 : 3) * sizeof(double)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("track has a truncated binary representation")));
	t->n = (int) n;
	t->x = palloc(sizeof(double) * Max(n, 1));
	t->y = palloc(sizeof(double) * Max(n, 1));
	t->m = palloc(sizeof(double) * Max(n, 1));
	for (uint32 i = 0; i < n; i++)
	{
		t->x[i] = zj_wkb_f64(&r);
		t->y[i] = zj_wkb_f64(&r);
		if (hasz)
			(void) zj_wkb_f64(&r);
		t->m[i] = zj_wkb_f64(&r);
	}
	pfree(ewkb);
	track_check(t, "track");
}

/* Metres (lon/lat, on the ellipsoid) or CRS units between vertices i and j. */
static double
track_length(const Track *t, int i, int j)
{
	if (t->geographic)
		return zj_geodesic_m(t->x[i], t->y[i], t->x[j], t->y[j]);
	return hypot(t->x[j] - t->x[i], t->y[j] - t->y[i]);
}

static Datum
point_datum(double x, double y, int srid, Oid typoid)
{
	GEOSGeometry *p = GEOSGeom_createPointFromXY_r(zj_geos(), x, y);

	if (p == NULL)
		zj_geos_error("creating a point");
	return zj_geom_to_datum(p, srid, typoid);
}

/* Seconds in an interval, as extract(epoch FROM interval) counts them. */
static double
interval_seconds(const Interval *iv)
{
	return iv->time / (double) USECS_PER_SEC +
		(double) (DAYS_PER_YEAR * SECS_PER_DAY) * (iv->month / MONTHS_PER_YEAR) +
		(double) (DAYS_PER_MONTH * SECS_PER_DAY) * (iv->month % MONTHS_PER_YEAR) +
		(double) SECS_PER_DAY * iv->day;
}

/* ---------------------------------------------------------------- tiers along a track */

/* A stretch [t0, t1] (fractions of segment seg) spent in one tier. */
typedef struct Span
{
	int			seg;
	double		t0,
				t1;
	int			tier;
} Span;

typedef struct Spans
{
	int			n,
				cap;
	Span	   *s;
} Spans;

static void
span_add(Spans *l, int seg, double t0, double t1, int tier)
{
	if (l->n > 0 && l->s[l->n - 1].tier == tier && l->s[l->n - 1].seg == seg &&
		l->s[l->n - 1].t1 == t0)
	{
		l->s[l->n - 1].t1 = t1;
		return;
	}
	if (l->n == l->cap)
	{
		if (l->cap >= (int) (MaxAllocSize / (2 * sizeof(Span))))
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("track has too many tier changes")));
		l->cap = Max(64, l->cap * 2);
		l->s = l->s ? repalloc(l->s, sizeof(Span) * l->cap) : palloc(sizeof(Span) * l->cap);
	}
	l->s[l->n].seg = seg;
	l->s[l->n].t0 = t0;
	l->s[l->n].t1 = t1;
	l->s[l->n].tier = tier;
	l->n++;
}

/* Parameters where segment p meets segment f (a proper or touching crossing, or a shared stretch). */
static void
segment_meets(const double *p, const double *f, double **u, int *nu, int *cap)
{
	double		rx = p[2] - p[0],
				ry = p[3] - p[1],
				sx = f[2] - f[0],
				sy = f[3] - f[1],
				qx = f[0] - p[0],
				qy = f[1] - p[1];
	double		rxs = rx * sy - ry * sx;
	double		r2 = rx * rx + ry * ry;
	double		cand[2];
	int			nc = 0;

	if (r2 == 0)
		return;
	if (rxs != 0)
	{
		double		a = (qx * sy - qy * sx) / rxs,
					b = (qx * ry - qy * rx) / rxs;

		if (b >= -1e-12 && b <= 1 + 1e-12)
			cand[nc++] = a;
	}
	else if (qx * ry - qy * rx == 0)
	{
		/* collinear: the facet's ends along p */
		cand[nc++] = (qx * rx + qy * ry) / r2;
		cand[nc++] = ((f[2] - p[0]) * rx + (f[3] - p[1]) * ry) / r2;
	}
	for (int i = 0; i < nc; i++)
	{
		if (!(cand[i] >= -1e-12 && cand[i] <= 1 + 1e-12))
			continue;
		if (*nu + 2 > *cap)
		{
			*cap = Max(64, *cap * 2);
			*u = *u ? repalloc(*u, sizeof(double) * *cap) : palloc(sizeof(double) * *cap);
		}
		(*u)[(*nu)++] = Max(0.0, Min(1.0, cand[i]));
	}
}

/*
 * The intervals of piece p (CRS coordinates) that lie on the (polygonal) target, as sorted
 * disjoint pairs of fractions in *inside; returns their number.
 */
static int
piece_inside(ZjTarget *t, const double *p, double **inside)
{
	double		xmin = Min(p[0], p[2]),
				xmax = Max(p[0], p[2]),
				ymin = Min(p[1], p[3]),
				ymax = Max(p[1], p[3]);
	double		pad = 1e-9 * Max(1.0, Max(fabs(xmin), Max(fabs(xmax), Max(fabs(ymin), fabs(ymax)))));
	double	   *u = NULL;
	int			nu = 0,
				cap = 0,
				nout = 0;
	int32	   *near;
	int			nnear = zj_target_facets_near(t, xmin - pad, ymin - pad, xmax + pad, ymax + pad, &near);
	double	   *out;

	for (int j = 0; j < nnear; j++)
		segment_meets(p, &t->facets.s[4 * near[j]], &u, &nu, &cap);
	if (near)
		pfree(near);
	out = palloc(sizeof(double) * 2 * (nu + 1));
	if (nu > 0)
		qsort(u, nu, sizeof(double), zj_cmp_double);
	/* between consecutive meeting points the piece is wholly in or out: its midpoint decides */
	{
		double		a = 0;

		for (int i = 0; i <= nu; i++)
		{
			double		b = i < nu ? u[i] : 1.0;

			if (b - a < 1e-12 && !(i == nu && nu == 0))
				continue;
			if (zj_target_covers_point(t, p[0] + (a + b) / 2 * (p[2] - p[0]),
									   p[1] + (a + b) / 2 * (p[3] - p[1])))
			{
				if (nout > 0 && out[2 * nout - 1] == a)
					out[2 * nout - 1] = b;
				else
				{
					out[2 * nout] = a;
					out[2 * nout + 1] = b;
					nout++;
				}
			}
			a = b;
		}
	}
	if (u)
		pfree(u);
	*inside = out;
	return nout;
}

/*
 * Tier spans of segment i, which the screening could not settle: modes per band as in
 * zj_tier_spans, rmax the largest band still to search, touch whether it may meet the target.
 */
static void
segment_spans(ZjTarget *t, const Track *tr, int i, const double *bands, int k, const int *mode,
			  double rmax, bool touch, Spans *out)
{
	double		xa = tr->x[i],
				ya = tr->y[i],
				dx = tr->x[i + 1] - xa,
				dy = tr->y[i + 1] - ya;
	int			pieces = 1;

	if (tr->geographic)
		pieces = (int) Min(Max(1.0, ceil(Max(fabs(dx), fabs(dy)) / PIECE_DEGREES)), 100000.0);

	for (int pc = 0; pc < pieces; pc++)
	{
		double		t0 = (double) pc / pieces,
					t1 = (double) (pc + 1) / pieces;
		double		p[4] = {xa + t0 * dx, ya + t0 * dy, xa + t1 * dx, ya + t1 * dy};
		double		q[4];		/* p in the search plane */
		double	   *inside = NULL;
		int			nin = 0;
		ZjFacets	fac = {0};
		ZjTierSpan *spans;
		int			ns;
		ZjAeqd		a;
		double		cx = (p[0] + p[2]) / 2,
					cy = (p[1] + p[3]) / 2;

		CHECK_FOR_INTERRUPTS();
		if (touch && t->areal)
			nin = piece_inside(t, p, &inside);

		if (tr->geographic)
		{
			zj_aeqd_init(&a, cx, cy);
			zj_aeqd_fwd(&a, p[0], p[1], &q[0], &q[1]);
			zj_aeqd_fwd(&a, p[2], p[3], &q[2], &q[3]);
		}
		else
		{
			q[0] = p[0] - cx;
			q[1] = p[1] - cy;
			q[2] = p[2] - cx;
			q[3] = p[3] - cy;
		}

		if (rmax > 0)
		{
			double		xmin = Min(p[0], p[2]),
						xmax = Max(p[0], p[2]),
						ymin = Min(p[1], p[3]),
						ymax = Max(p[1], p[3]);
			double		dlon = rmax,
						dlat = rmax,
						reach = rmax,
						pp[4];
			int32	   *near;
			int			nnear;

			if (tr->geographic)
			{
				double		smin,
							smax;

				zj_degree_box(Max(fabs(ymin), fabs(ymax)), rmax, &dlon, &dlat);
				zj_plane_scales(&t->plane, ymin - dlat, ymax + dlat, &smin, &smax);
				reach = rmax * smax * 1.0001;
				zj_local_fwd(&t->plane, p[0], p[1], &pp[0], &pp[1]);
				zj_local_fwd(&t->plane, p[2], p[3], &pp[2], &pp[3]);
			}
			else
				memcpy(pp, p, sizeof(pp));
			reach = reach * (1 + 1e-9) + 1e-9;

			nnear = zj_target_facets_near(t, xmin - dlon, ymin - dlat, xmax + dlon, ymax + dlat, &near);
			for (int j = 0; j < nnear; j++)
			{
				const double *s = &t->facets.s[4 * near[j]];
				double		fp[4],
							px,
							py,
							qx,
							qy;

				if (tr->geographic)
				{
					zj_local_fwd(&t->plane, s[0], s[1], &fp[0], &fp[1]);
					zj_local_fwd(&t->plane, s[2], s[3], &fp[2], &fp[3]);
				}
				else
					memcpy(fp, s, sizeof(fp));
				if (zj_seg_seg(pp, fp, &px, &py, &qx, &qy) > reach * reach)
					continue;
				if (tr->geographic)
				{
					zj_aeqd_fwd(&a, s[0], s[1], &fp[0], &fp[1]);
					zj_aeqd_fwd(&a, s[2], s[3], &fp[2], &fp[3]);
				}
				else
				{
					fp[0] = s[0] - cx;
					fp[1] = s[1] - cy;
					fp[2] = s[2] - cx;
					fp[3] = s[3] - cy;
				}
				zj_facet_add(&fac, fp[0], fp[1], fp[2], fp[3]);
			}
			if (near)
				pfree(near);
		}

		ns = zj_tier_spans(q, fac.s, fac.n, bands, k, mode, inside, nin, &spans);
		for (int j = 0; j < ns; j++)
			span_add(out, i, t0 + spans[j].u0 * (t1 - t0), j == ns - 1 ? t1 : t0 + spans[j].u1 * (t1 - t0),
					 spans[j].tier);
		pfree(spans);
		if (fac.s)
			pfree(fac.s);
		if (inside)
			pfree(inside);
	}
}

/*
 * The tier spans of a whole track against target and k bands (k may be 0: on the target or not).
 * A one-vertex track has one span of no duration.
 */
static void
track_spans(ZjTarget *t, const Track *tr, const double *bands, int k, Spans *out)
{
	double	   *D = palloc(sizeof(double) * tr->n);
	bool	   *have = palloc0(sizeof(bool) * tr->n);
	int		   *mode = palloc(sizeof(int) * Max(k, 1));
	MemoryContext segcxt = AllocSetContextCreate(CurrentMemoryContext, "zjgov track segment",
												 ALLOCSET_DEFAULT_SIZES);
	double		gsmin = 1,
				gsmax = 1,
				budget = 0;
	int			anchor_tier = -1;

#define DIST(j) (have[j] ? D[j] : (have[j] = true, D[j] = zj_target_plane_distance(t, tr->x[j], tr->y[j])))

	if (tr->n == 1)
	{
		/* a lone fix spends no time anywhere: its tier by the plane distance is enough */
		int			tier = DIST(0) == 0 ? 0 : zj_class_of(D[0], bands, k);

		span_add(out, 0, 0, 1, tier);
		MemoryContextDelete(segcxt);
		pfree(D);
		pfree(have);
		pfree(mode);
		return;
	}
	if (tr->geographic)
	{
		/* the plane's scales over the latitudes within the farthest band of the track */
		double		ylo = INFINITY,
					yhi = -INFINITY,
					dlon,
					dlat;

		for (int i = 0; i < tr->n; i++)
		{
			ylo = Min(ylo, tr->y[i]);
			yhi = Max(yhi, tr->y[i]);
		}
		zj_degree_box(Max(fabs(ylo), fabs(yhi)), k > 0 ? bands[k - 1] * 1.01 : 0, &dlon, &dlat);
		zj_plane_scales(&t->plane, ylo - dlat, yhi + dlat, &gsmin, &gsmax);
	}

	for (int i = 0; i + 1 < tr->n; i++)
	{
		double		Lp,
					lowP,
					highP,
					low,
					high,
					rmax = 0;
		bool		settled = false;

		if ((i & 255) == 0)
			CHECK_FOR_INTERRUPTS();

		/*
		 * Distance changes by at most the distance travelled: from a fix whose tier is certain, the
		 * track stays in it for as long as it has travelled less (in the plane) than the margin to
		 * that tier's edges, so those segments need no distance of their own.
		 */
		if (tr->geographic)
		{
			double		px,
						py,
						qx,
						qy;

			zj_local_fwd(&t->plane, tr->x[i], tr->y[i], &px, &py);
			zj_local_fwd(&t->plane, tr->x[i + 1], tr->y[i + 1], &qx, &qy);
			Lp = hypot(qx - px, qy - py);
		}
		else
			Lp = hypot(tr->x[i + 1] - tr->x[i], tr->y[i + 1] - tr->y[i]);
		if (anchor_tier >= 0 && budget > Lp)
		{
			budget -= Lp;
			span_add(out, i, 0, 1, anchor_tier);
			continue;
		}
		anchor_tier = -1;
		if (DIST(i) > 0)
		{
			int			tier = zj_class_of(D[i] / gsmax, bands, k);

			if (tier == zj_class_of(D[i] / gsmin, bands, k))
			{
				double		lower = tier >= 2 ? bands[tier - 2] * gsmax : 0,
							upper = tier <= k ? bands[tier - 1] * gsmin : INFINITY;

				budget = Min(D[i] - lower, upper - D[i]);
				if (budget > Lp)
				{
					anchor_tier = tier;
					budget -= Lp;
					span_add(out, i, 0, 1, tier);
					continue;
				}
			}
		}
		(void) DIST(i + 1);

		if (tr->geographic)
		{
			double		ylo = Min(tr->y[i], tr->y[i + 1]),
						yhi = Max(tr->y[i], tr->y[i + 1]),
						smin,
						smax,
						dlat,
						dlon;

			lowP = Max(0.0, (D[i] + D[i + 1] - Lp) / 2);
			highP = (D[i] + D[i + 1] + Lp) / 2;
			/* plane to metres as zone() does: scales over the latitudes a shortest path can reach */
			dlat = highP / t->plane.ky * 1.001;
			zj_plane_scales(&t->plane, ylo - dlat, yhi + dlat, &smin, &smax);
			high = highP / smin;
			zj_degree_box(Max(fabs(ylo), fabs(yhi)), high, &dlon, &dlat);
			zj_plane_scales(&t->plane, ylo - dlat, yhi + dlat, &smin, &smax);
			low = lowP / smax;
			high = highP / smin;
		}
		else
		{
			low = lowP = Max(0.0, (D[i] + D[i + 1] - Lp) / 2);
			high = highP = (D[i] + D[i + 1] + Lp) / 2;
		}

		if (highP == 0)
		{
			span_add(out, i, 0, 1, 0);	/* standing on the target */
			settled = true;
		}
		else if (lowP > 0 && zj_class_of(low, bands, k) == zj_class_of(high, bands, k))
		{
			span_add(out, i, 0, 1, zj_class_of(low, bands, k));
			settled = true;
		}
		if (settled)
			continue;

		for (int j = 0; j < k; j++)
		{
			if (low >= bands[j])
				mode[j] = -1;	/* farther than this band everywhere */
			else if (high < bands[j])
				mode[j] = 1;	/* within it everywhere */
			else
			{
				mode[j] = 0;
				rmax = Max(rmax, bands[j]);
			}
		}
		{
			MemoryContext old = MemoryContextSwitchTo(segcxt);
			Spans		local = {0};

			segment_spans(t, tr, i, bands, k, mode, rmax, lowP == 0, &local);
			MemoryContextSwitchTo(old);
			for (int j = 0; j < local.n; j++)
				span_add(out, i, local.s[j].t0, local.s[j].t1, local.s[j].tier);
			MemoryContextReset(segcxt);
		}
	}
	MemoryContextDelete(segcxt);
	pfree(D);
	pfree(have);
	pfree(mode);
#undef DIST
}

/* ERROR when the last band is too far for squared distances to stay finite. */
static void
check_band_reach(const double *bands, int k)
{
	if (k > 0 && bands[k - 1] > MAX_COORD)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("bands reach %g, beyond %g", bands[k - 1], MAX_COORD)));
}

/* Track and target of a tier function (arguments 0 and 1), bands from argument 2. */
static void
tier_args(FunctionCallInfo fcinfo, Track *tr, ZjTarget **t, double **bands, int *k)
{
	track_arg(fcinfo, 0, tr);
	*bands = zj_bands_arg(fcinfo, 2, k);
	check_band_reach(*bands, *k);
	*t = zj_target_get(fcinfo, 1, "target");
	zj_check_same_srid(tr->srid, "track", (*t)->srid, "target");
}

/* Time in seconds at fraction f of segment i. */
static inline double
seg_time(const Track *tr, int i, double f)
{
	return f >= 1 ? tr->m[i + 1] : tr->m[i] + f * (tr->m[i + 1] - tr->m[i]);
}

PG_FUNCTION_INFO_V1(zjgov_tier_crossings);
Datum
zjgov_tier_crossings(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Oid			typoid = zj_arg_type(fcinfo, 0);
	Track		tr;
	ZjTarget   *t;
	double	   *bands;
	int			k;
	Spans		sp = {0};
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	InitMaterializedSRF(fcinfo, 0);
	tier_args(fcinfo, &tr, &t, &bands, &k);
	track_spans(t, &tr, bands, k, &sp);
	for (int j = 1; j < sp.n; j++)
	{
		const Span *s = &sp.s[j];
		int			from = sp.s[j - 1].tier;
		double		f,
					x,
					y;
		int			i;

		if (s->tier == from)
			continue;
		/* a change at the very end of a segment is the next segment's start (its vertex) */
		i = s->seg;
		f = s->t0;
		x = tr.x[i] + f * (tr.x[i + 1] - tr.x[i]);
		y = tr.y[i] + f * (tr.y[i + 1] - tr.y[i]);
		if (f == 0)
		{
			x = tr.x[i];
			y = tr.y[i];
		}
		values[0] = TimestampTzGetDatum(m_to_timestamptz(seg_time(&tr, i, f)));
		values[1] = Int32GetDatum(from);
		values[2] = Int32GetDatum(s->tier);
		values[3] = point_datum(x, y, tr.srid, typoid);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* Seconds per tier 0..k+1 of the spans. */
static ArrayType *
dwell_of(const Track *tr, const Spans *sp, int k)
{
	double	   *dwell = palloc0(sizeof(double) * (k + 2));
	ArrayType  *res;

	for (int j = 0; j < sp->n; j++)
	{
		const Span *s = &sp->s[j];

		if (tr->n < 2)
			break;
		dwell[s->tier] += seg_time(tr, s->seg, s->t1) - seg_time(tr, s->seg, s->t0);
	}
	res = zj_float8_result(dwell, k + 2);
	pfree(dwell);
	return res;
}

PG_FUNCTION_INFO_V1(zjgov_tier_dwell);
Datum
zjgov_tier_dwell(PG_FUNCTION_ARGS)
{
	Track		tr;
	ZjTarget   *t;
	double	   *bands;
	int			k;
	Spans		sp = {0};

	tier_args(fcinfo, &tr, &t, &bands, &k);
	track_spans(t, &tr, bands, k, &sp);
	PG_RETURN_ARRAYTYPE_P(dwell_of(&tr, &sp, k));
}

/* ---------------------------------------------------------------- gaps and speeds */

PG_FUNCTION_INFO_V1(zjgov_track_gaps);
Datum
zjgov_track_gaps(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Oid			typoid = zj_arg_type(fcinfo, 0);
	Interval   *gap = PG_GETARG_INTERVAL_P(1);
	double		min_gap = interval_seconds(gap);
	Track		tr;
	Datum		values[6];
	bool		nulls[6] = {false, false, false, false, false, false};

	if (!isfinite(min_gap) || min_gap < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("min_gap must not be negative")));
	InitMaterializedSRF(fcinfo, 0);
	track_arg(fcinfo, 0, &tr);
	for (int i = 0; i + 1 < tr.n; i++)
	{
		TimestampTz a,
					b;

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (!(tr.m[i + 1] - tr.m[i] >= min_gap))
			continue;
		a = m_to_timestamptz(tr.m[i]);
		b = m_to_timestamptz(tr.m[i + 1]);
		values[0] = TimestampTzGetDatum(a);
		values[1] = TimestampTzGetDatum(b);
		values[2] = DirectFunctionCall2(timestamp_mi, TimestampTzGetDatum(b), TimestampTzGetDatum(a));
		values[3] = point_datum(tr.x[i], tr.y[i], tr.srid, typoid);
		values[4] = point_datum(tr.x[i + 1], tr.y[i + 1], tr.srid, typoid);
		values[5] = Float8GetDatum(track_length(&tr, i, i + 1));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* Knots over segment i. */
static double
segment_knots(const Track *tr, int i)
{
	return track_length(tr, i, i + 1) / (tr->m[i + 1] - tr->m[i]) * 3600.0 / METRES_PER_NM;
}

PG_FUNCTION_INFO_V1(zjgov_track_speeds);
Datum
zjgov_track_speeds(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Track		tr;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	InitMaterializedSRF(fcinfo, 0);
	track_arg(fcinfo, 0, &tr);
	for (int i = 0; i + 1 < tr.n; i++)
	{
		double		course;
		bool		still = tr.x[i] == tr.x[i + 1] && tr.y[i] == tr.y[i + 1];

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (tr.geographic)
			course = zj_geodesic_course(tr.x[i], tr.y[i], tr.x[i + 1], tr.y[i + 1]);
		else
		{
			course = atan2(tr.x[i + 1] - tr.x[i], tr.y[i + 1] - tr.y[i]) * 180.0 / M_PI;
			if (course < 0)
				course += 360.0;
			if (course >= 360.0)
				course -= 360.0;
		}
		values[0] = TimestampTzGetDatum(m_to_timestamptz(tr.m[i]));
		values[1] = TimestampTzGetDatum(m_to_timestamptz(tr.m[i + 1]));
		values[2] = Float8GetDatum(segment_knots(&tr, i));
		values[3] = Float8GetDatum(course);
		nulls[3] = still;		/* no course when standing still */
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(zjgov_speeding);
Datum
zjgov_speeding(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	double		limit = PG_GETARG_FLOAT8(2);
	Track		tr;
	ZjTarget   *t;
	Spans		sp = {0};
	double	   *knots;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};
	bool		open = false;
	double		from = 0,
				to = 0,
				top = 0;

	zj_check_finite(limit, "max_knots");
	if (limit < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max_knots must not be negative")));
	InitMaterializedSRF(fcinfo, 0);
	track_arg(fcinfo, 0, &tr);
	t = zj_target_get(fcinfo, 1, "zone");
	zj_check_same_srid(tr.srid, "track", t->srid, "zone");
	if (!t->areal)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("zone must be polygonal"),
				 errhint("A speed limit applies inside an area: buffer a channel line first.")));
	track_spans(t, &tr, NULL, 0, &sp);
	knots = palloc(sizeof(double) * Max(tr.n - 1, 1));
	for (int i = 0; i + 1 < tr.n; i++)
		knots[i] = segment_knots(&tr, i);

	/* maximal stretches inside the zone above the limit; contiguous spans join */
	for (int j = 0; j <= sp.n; j++)
	{
		const Span *s = j < sp.n ? &sp.s[j] : NULL;
		bool		fast = s && tr.n > 1 && s->tier == 0 && knots[s->seg] > limit &&
			s->t1 > s->t0;
		double		a = fast ? seg_time(&tr, s->seg, s->t0) : 0;

		if (open && (!fast || a != to))
		{
			values[0] = TimestampTzGetDatum(m_to_timestamptz(from));
			values[1] = TimestampTzGetDatum(m_to_timestamptz(to));
			values[2] = Float8GetDatum(top);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			open = false;
		}
		if (!fast)
			continue;
		if (!open)
		{
			open = true;
			from = a;
			top = 0;
		}
		to = seg_time(&tr, s->seg, s->t1);
		top = Max(top, knots[s->seg]);
	}
	return (Datum) 0;
}

/* ---------------------------------------------------------------- tier_dwell over fixes */

/*
 * zjgov.trackstate: the fixes of one vessel (time in epoch seconds, x, y) with the target (as
 * EWKB) and bands they are measured against.  Text form: the hexadecimal bytes of the binary form
 * (exact); binary form: the bytes from `version` to the last fix in use.
 */
#define TRACKSTATE_VERSION 1
#define TRACKSTATE_MAX_BANDS 1000

typedef struct TrackState
{
	int32		vl_len_;		/* varlena header: covers the allocated capacity */
	uint8		version;
	uint8		flags;			/* 0 */
	uint16		nbands;			/* k >= 1 */
	int32		srid;
	int32		target_len;		/* bytes of the target's EWKB */
	int32		pad;			/* 0 */
	uint64		target_hash;	/* hash of the target value's bytes, to spot a change cheaply */
	int64		n;				/* fixes in use */
	double		data[FLEXIBLE_ARRAY_MEMBER];	/* bands[k], target EWKB (padded to 8), fixes[3 n] */
} TrackState;

#define TS_HDRSZ offsetof(TrackState, data)
#define TS_BANDS(s) ((s)->data)
#define TS_TARGET(s) ((char *) ((s)->data + (s)->nbands))
#define TS_FIXOFF(k, tlen) (TS_HDRSZ + sizeof(double) * (k) + TYPEALIGN(8, (tlen)))
#define TS_FIXES(s) ((double *) ((char *) (s) + TS_FIXOFF((s)->nbands, (s)->target_len)))
#define TS_CAP(s) ((int64) ((VARSIZE(s) - TS_FIXOFF((s)->nbands, (s)->target_len)) / (3 * sizeof(double))))
#define TS_USED(s) (TS_FIXOFF((s)->nbands, (s)->target_len) + (Size) (s)->n * 3 * sizeof(double))

static TrackState *
trackstate_alloc(int k, int32 target_len, int64 cap)
{
	Size		size = TS_FIXOFF(k, target_len) + (Size) cap * 3 * sizeof(double);
	TrackState *s;

	if (cap < 0 || size > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many fixes for tier_dwell in one group"),
				 errdetail("A group's fixes and target must fit in 1 GB.")));
	s = palloc0(size);
	SET_VARSIZE(s, size);
	s->version = TRACKSTATE_VERSION;
	s->nbands = (uint16) k;
	s->target_len = target_len;
	return s;
}

/* A copy of s with room for cap fixes (at least its own). */
static TrackState *
trackstate_grow(const TrackState *s, int64 cap)
{
	TrackState *t = trackstate_alloc(s->nbands, s->target_len, Max(cap, s->n));
	Size		vsize = VARSIZE(t);

	memcpy(t, s, TS_USED(s));
	SET_VARSIZE(t, vsize);
	return t;
}

/* ERROR unless the bytes of a state (from text or binary input) are consistent and finite. */
static void
trackstate_check(const TrackState *s, Size len)
{
	const double *b,
			   *f;

	if (len < TS_HDRSZ || s->version != TRACKSTATE_VERSION || s->flags != 0 || s->pad != 0 ||
		s->nbands < 1 || s->nbands > TRACKSTATE_MAX_BANDS || s->target_len < 5 || s->n < 0 ||
		(Size) s->target_len > len || TS_FIXOFF(s->nbands, s->target_len) > len ||
		(Size) s->n > (len - TS_FIXOFF(s->nbands, s->target_len)) / (3 * sizeof(double)) ||
		TS_USED(s) != len)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid trackstate"),
				 errdetail("The header does not match the size of the value (%zu bytes).", len)));
	b = TS_BANDS(s);
	for (int j = 0; j < s->nbands; j++)
		if (!isfinite(b[j]) || !(b[j] > 0) || b[j] > MAX_COORD || (j > 0 && !(b[j] > b[j - 1])))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid trackstate"),
					 errdetail("Its bands are not positive, finite and strictly increasing.")));
	f = TS_FIXES(s);
	for (int64 i = 0; i < 3 * s->n; i++)
		if (!isfinite(f[i]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid trackstate"),
					 errdetail("Fix %lld is not finite.", (long long) (i / 3 + 1))));
	zj_ewkb_check_depth(TS_TARGET(s), s->target_len, "trackstate");
}

static TrackState *
trackstate_from_bytes(const char *bytes, Size len)
{
	TrackState *s;

	if (len < TS_HDRSZ - VARHDRSZ || len > MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid trackstate"),
				 errdetail("It has %zu bytes.", len)));
	s = palloc(len + VARHDRSZ);
	SET_VARSIZE(s, len + VARHDRSZ);
	memcpy((char *) s + VARHDRSZ, bytes, len);
	trackstate_check(s, len + VARHDRSZ);
	return s;
}

PG_FUNCTION_INFO_V1(zjgov_trackstate_in);
Datum
zjgov_trackstate_in(PG_FUNCTION_ARGS)
{
	const char *str = PG_GETARG_CSTRING(0);
	Size		len = strlen(str);
	char	   *bytes;

	if (len % 2 != 0 || len / 2 > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type trackstate: \"%.40s\"", str),
				 errdetail("The text form is an even number of hexadecimal digits.")));
	bytes = palloc(len / 2 + 1);
	for (Size i = 0; i < len / 2; i++)
	{
		int			v = 0;

		for (int h = 0; h < 2; h++)
		{
			char		c = str[2 * i + h];
			int			d = (c >= '0' && c <= '9') ? c - '0' :
				(c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;

			if (d < 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
						 errmsg("invalid input syntax for type trackstate: \"%.40s\"", str),
						 errdetail("Character %zu is not a hexadecimal digit.", 2 * i + h + 1)));
			v = v * 16 + d;
		}
		bytes[i] = (char) v;
	}
	PG_RETURN_POINTER(trackstate_from_bytes(bytes, len / 2));
}

static TrackState *
trackstate_arg(FunctionCallInfo fcinfo, int argno)
{
	TrackState *s = (TrackState *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	if (VARSIZE(s) < TS_HDRSZ || s->version != TRACKSTATE_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid trackstate")));
	return s;
}

/* ERROR (22023) unless the header of an aggregate's state fits its allocation. */
static void
trackstate_sane(const TrackState *s)
{
	if (VARSIZE(s) < TS_HDRSZ || s->version != TRACKSTATE_VERSION || s->nbands < 1 ||
		s->nbands > TRACKSTATE_MAX_BANDS || s->target_len < 0 || (Size) s->target_len > VARSIZE(s) ||
		TS_FIXOFF(s->nbands, s->target_len) > VARSIZE(s) || s->n < 0 || s->n > TS_CAP(s))
		zj_state_corrupt("trackstate", "Its header does not match its size.");
}

/* Argument argno as a state this call may change (a private copy when called directly). */
static TrackState *
trackstate_writable(FunctionCallInfo fcinfo, int argno)
{
	TrackState *s = (TrackState *) zj_state_arg(fcinfo, argno);

	trackstate_sane(s);
	return s;
}

PG_FUNCTION_INFO_V1(zjgov_trackstate_out);
Datum
zjgov_trackstate_out(PG_FUNCTION_ARGS)
{
	static const char hex[] = "0123456789abcdef";
	TrackState *s = trackstate_arg(fcinfo, 0);
	Size		len = TS_USED(s) - VARHDRSZ;
	const uint8 *b = (const uint8 *) s + VARHDRSZ;
	char	   *out = palloc(2 * len + 1);

	for (Size i = 0; i < len; i++)
	{
		out[2 * i] = hex[b[i] >> 4];
		out[2 * i + 1] = hex[b[i] & 15];
	}
	out[2 * len] = '\0';
	PG_RETURN_CSTRING(out);
}

PG_FUNCTION_INFO_V1(zjgov_trackstate_send);
Datum
zjgov_trackstate_send(PG_FUNCTION_ARGS)
{
	TrackState *s = trackstate_arg(fcinfo, 0);
	Size		len = TS_USED(s) - VARHDRSZ;
	bytea	   *b = palloc(len + VARHDRSZ);

	SET_VARSIZE(b, len + VARHDRSZ);
	memcpy(VARDATA(b), (char *) s + VARHDRSZ, len);
	PG_RETURN_BYTEA_P(b);
}

PG_FUNCTION_INFO_V1(zjgov_trackstate_recv);
Datum
zjgov_trackstate_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	TrackState *s = trackstate_from_bytes(buf->data + buf->cursor, buf->len - buf->cursor);

	buf->cursor = buf->len;
	PG_RETURN_POINTER(s);
}

/* Per-query memory of the transition function: the last target seen, by its TOAST pointer. */
typedef struct DwellSeen
{
	Size		keylen;
	char	   *key;			/* an on-disk TOAST pointer's bytes */
	uint64		hash;
} DwellSeen;

/* Hash of a geometry value's bytes; an on-disk TOAST pointer seen before costs no detoasting. */
static uint64
target_hash(FunctionCallInfo fcinfo, Datum d)
{
	struct varlena *raw = (struct varlena *) DatumGetPointer(d);
	DwellSeen  *seen = (DwellSeen *) fcinfo->flinfo->fn_extra;
	struct varlena *val;
	uint64		h;

	if (VARATT_IS_EXTERNAL_ONDISK(raw) && seen != NULL && seen->keylen == VARSIZE_EXTERNAL(raw) &&
		memcmp(seen->key, raw, seen->keylen) == 0)
		return seen->hash;
	val = PG_DETOAST_DATUM_PACKED(d);
	h = hash_bytes_extended((const unsigned char *) VARDATA_ANY(val), (int) VARSIZE_ANY_EXHDR(val),
							0x7a6a7472ULL);
	if (VARATT_IS_EXTERNAL_ONDISK(raw))
	{
		if (seen == NULL)
			seen = fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(DwellSeen));
		if (seen->key)
			pfree(seen->key);
		seen->keylen = VARSIZE_EXTERNAL(raw);
		seen->key = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, seen->keylen);
		memcpy(seen->key, raw, seen->keylen);
		seen->hash = h;
	}
	if ((Pointer) val != (Pointer) raw)
		pfree(val);
	return h;
}

/* The point of a fix: x, y and SRID; false for an empty point. */
static bool
fix_point(FunctionCallInfo fcinfo, int argno, double *x, double *y, int *srid)
{
	bytea	   *ewkb = zj_geom_ewkb(PG_GETARG_DATUM(argno), zj_arg_type(fcinfo, argno));
	ZjWkb		r;
	bool		hasz,
				hasm;

	zj_wkb_init(&r, ewkb, "geom");
	*srid = 0;
	if (zj_wkb_header(&r, &hasz, &hasm, srid) != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("geom must be a point"),
				 errhint("tier_dwell over fixes takes one position per row.")));
	*x = zj_wkb_f64(&r);
	*y = zj_wkb_f64(&r);
	pfree(ewkb);
	if (isnan(*x) && isnan(*y))
		return false;
	if (!isfinite(*x) || !isfinite(*y))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("geom must have finite coordinates"),
				 errdetail("A fix is at (%g %g).", *x, *y)));
	return true;
}

static void
same_group_error(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s must be the same on every row of a tier_dwell group", what),
			 errhint("Pass the target and bands as constants or a scalar subquery.")));
}

PG_FUNCTION_INFO_V1(zjgov_tier_dwell_accum);
Datum
zjgov_tier_dwell_accum(PG_FUNCTION_ARGS)
{
	TrackState *s = PG_ARGISNULL(0) ? NULL : trackstate_writable(fcinfo, 0);
	double		x,
				y,
				*bands;
	int			k,
				srid;
	TimestampTz ts;
	uint64		h;
	double	   *f;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3) || PG_ARGISNULL(4) ||
		!fix_point(fcinfo, 2, &x, &y, &srid))
	{
		/* NULL fixes and empty points are skipped */
		if (s == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(s);
	}
	ts = PG_GETARG_TIMESTAMPTZ(1);
	if (TIMESTAMP_NOT_FINITE(ts))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("ts must be finite")));
	bands = zj_bands_arg(fcinfo, 4, &k);
	check_band_reach(bands, k);
	if (k > TRACKSTATE_MAX_BANDS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("bands has %d elements, more than tier_dwell's %d", k, TRACKSTATE_MAX_BANDS)));
	h = target_hash(fcinfo, PG_GETARG_DATUM(3));

	if (s == NULL)
	{
		bytea	   *ewkb = zj_geom_ewkb(PG_GETARG_DATUM(3), zj_arg_type(fcinfo, 3));
		ZjWkb		r;
		bool		hz,
					hm;
		int			tsrid = 0;

		if (VARSIZE_ANY_EXHDR(ewkb) > MaxAllocSize / 2)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("target is too large for tier_dwell over fixes")));
		zj_wkb_init(&r, ewkb, "target");
		(void) zj_wkb_header(&r, &hz, &hm, &tsrid);
		s = trackstate_alloc(k, VARSIZE_ANY_EXHDR(ewkb), 64);
		s->srid = tsrid;
		s->target_hash = h;
		memcpy(TS_BANDS(s), bands, sizeof(double) * k);
		memcpy(TS_TARGET(s), VARDATA_ANY(ewkb), VARSIZE_ANY_EXHDR(ewkb));
		pfree(ewkb);
	}
	else
	{
		if (s->target_hash != h)
			same_group_error("target");
		if (s->nbands != k || memcmp(TS_BANDS(s), bands, sizeof(double) * k) != 0)
			same_group_error("bands");
	}
	zj_check_same_srid(srid, "geom", s->srid, "target");
	if (s->n >= TS_CAP(s))
		s = trackstate_grow(s, 2 * Max(s->n, 32));
	f = TS_FIXES(s) + 3 * s->n;
	f[0] = (double) ts / USECS_PER_SEC + UNIX_TO_PG_SECONDS;
	f[1] = x;
	f[2] = y;
	s->n++;
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(zjgov_tier_dwell_combine);
Datum
zjgov_tier_dwell_combine(PG_FUNCTION_ARGS)
{
	TrackState *a,
			   *b;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(trackstate_writable(fcinfo, 0));
	}
	b = trackstate_arg(fcinfo, 1);
	trackstate_sane(b);
	if (PG_ARGISNULL(0))
		PG_RETURN_POINTER(trackstate_grow(b, b->n));
	a = trackstate_writable(fcinfo, 0);
	if (a->srid != b->srid || a->target_len != b->target_len || a->target_hash != b->target_hash ||
		memcmp(TS_TARGET(a), TS_TARGET(b), a->target_len) != 0)
		same_group_error("target");
	if (a->nbands != b->nbands || memcmp(TS_BANDS(a), TS_BANDS(b), sizeof(double) * a->nbands) != 0)
		same_group_error("bands");
	if (TS_CAP(a) - a->n < b->n)
		a = trackstate_grow(a, a->n + b->n);
	memcpy(TS_FIXES(a) + 3 * a->n, TS_FIXES(b), sizeof(double) * 3 * b->n);
	a->n += b->n;
	PG_RETURN_POINTER(a);
}

static int
cmp_fix(const void *a, const void *b)
{
	const double *x = (const double *) a,
			   *y = (const double *) b;

	/* by time, then by position: equal times are an error whatever the order */
	for (int i = 0; i < 3; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

PG_FUNCTION_INFO_V1(zjgov_tier_dwell_final);
Datum
zjgov_tier_dwell_final(PG_FUNCTION_ARGS)
{
	TrackState *s;
	double	   *f;
	Track		tr;
	bytea	   *ewkb;
	ZjTarget   *t;
	Spans		sp = {0};

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = trackstate_arg(fcinfo, 0);
	trackstate_check(s, TS_USED(s));
	if (s->n == 0)
		PG_RETURN_NULL();
	f = palloc(sizeof(double) * 3 * s->n);
	memcpy(f, TS_FIXES(s), sizeof(double) * 3 * s->n);
	qsort(f, s->n, 3 * sizeof(double), cmp_fix);
	for (int64 i = 1; i < s->n; i++)
		if (f[3 * i] == f[3 * i - 3])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("two fixes of one group have the same time"),
					 errdetail("Both are at %s.", timestamptz_to_str(m_to_timestamptz(f[3 * i]))),
					 errhint("Drop repeated fixes first, e.g. with SELECT DISTINCT ON (ts).")));
	if (s->n > INT_MAX / 2)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many fixes for tier_dwell in one group")));
	tr.n = (int) s->n;
	tr.srid = s->srid;
	tr.x = palloc(sizeof(double) * tr.n);
	tr.y = palloc(sizeof(double) * tr.n);
	tr.m = palloc(sizeof(double) * tr.n);
	for (int i = 0; i < tr.n; i++)
	{
		tr.m[i] = f[3 * i];
		tr.x[i] = f[3 * i + 1];
		tr.y[i] = f[3 * i + 2];
	}
	pfree(f);
	track_check(&tr, "geom");

	ewkb = palloc(VARHDRSZ + s->target_len);
	SET_VARSIZE(ewkb, VARHDRSZ + s->target_len);
	memcpy(VARDATA(ewkb), TS_TARGET(s), s->target_len);
	t = zj_target_get_ewkb(fcinfo, 0, ewkb, "target");
	pfree(ewkb);
	zj_check_same_srid(tr.srid, "geom", t->srid, "target");
	track_spans(t, &tr, TS_BANDS(s), s->nbands, &sp);
	PG_RETURN_ARRAYTYPE_P(dwell_of(&tr, &sp, s->nbands));
}
