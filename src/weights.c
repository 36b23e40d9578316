/*
 * weights.c — spatial weights of geometries: the usable rows of a partition, and the neighbour pairs
 * (queen / rook with optional snap, knn and distance by centroid) found with a GEOS STRtree and
 * prepared geometries, handed to graph.c for the CSR graph.  Also the SQL-visible listing: window
 * neighbours(id, geom, weights).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "port/pg_bswap.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "windowapi.h"

#include "arrayutil.h"
#include "export.h"
#include "geodesy.h"
#include "mix.h"
#include "settings.h"
#include "spstat.h"
#include "weights.h"
#include "winpart.h"

/* ---- usable rows ---- */

static void
rows_free_cb(void *arg)
{
	ZjRows	   *r = (ZjRows *) arg;
	GEOSContextHandle_t h = zj_geos();

	for (int i = 0; i < r->n; i++)
		if (r->geom[i])
			GEOSGeom_destroy_r(h, r->geom[i]);
	r->n = 0;
}

ZjRows *
zj_rows_new(int64 cap)
{
	ZjRows	   *r;

	zj_check_partition_size(cap);
	r = palloc0(sizeof(ZjRows));
	r->cap = (int) Max(cap, 1);
	r->srid = -1;
	r->geom = palloc0(sizeof(GEOSGeometry *) * r->cap);
	r->x = palloc(sizeof(double) * r->cap);
	r->hash = palloc(sizeof(uint64) * r->cap);
	r->pos = palloc(sizeof(int64) * r->cap);
	r->cb.func = rows_free_cb;
	r->cb.arg = r;
	MemoryContextRegisterResetCallback(CurrentMemoryContext, &r->cb);
	return r;
}

bool
zj_rows_add_ewkb(ZjRows *r, const char *ewkb, size_t len, double x, int64 pos, const char *argname)
{
	GEOSContextHandle_t h = zj_geos();
	GEOSGeometry *g;
	int			srid;
	uint64		xb;

	/* EWKB header: byte order, then the type with flag bits (Z, M, SRID) above the base type */
	if (len >= 5)
	{
		uint32		t;

		memcpy(&t, ewkb + 1, 4);
#ifdef WORDS_BIGENDIAN
		if (ewkb[0] == 1)
#else
		if (ewkb[0] == 0)
#endif
			t = pg_bswap32(t);
		t = (t & 0x0FFFFFFF) % 1000;
		if (t < 1 || t > 7)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must be a point, line or polygon geometry or a collection of them", argname),
					 errdetail("A row has a geometry of WKB type %u.", t),
					 errhint("Curved geometries can be converted with ST_CurveToLine.")));
	}
	zj_ewkb_check_depth(ewkb, len, argname);
	g = zj_geos_read_ewkb(ewkb, len);
	if (g == NULL)
		zj_geos_error(psprintf("reading %s", argname));
	if (GEOSisEmpty_r(h, g))
	{
		GEOSGeom_destroy_r(h, g);
		return false;
	}
	srid = GEOSGetSRID_r(h, g);
	if (r->srid >= 0 && srid != r->srid)
	{
		int			first = r->srid;

		GEOSGeom_destroy_r(h, g);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s has mixed SRIDs", argname),
				 errdetail("One row has SRID %d and another SRID %d; a weights graph needs one coordinate system.",
						   first, srid),
				 errhint("Use ST_Transform to bring every row into one coordinate system.")));
	}
	if (r->n >= r->cap)
	{
		/* grow (only the aggregate path can get here) */
		int			cap = r->cap * 2;

		if (r->cap >= zj_max_partition_rows)
		{
			GEOSGeom_destroy_r(h, g);
			zj_check_partition_size((int64) r->cap + 1);
		}
		cap = Min(cap, zj_max_partition_rows);
		r->geom = repalloc(r->geom, sizeof(GEOSGeometry *) * cap);
		r->x = repalloc(r->x, sizeof(double) * cap);
		r->hash = repalloc(r->hash, sizeof(uint64) * cap);
		r->pos = repalloc(r->pos, sizeof(int64) * cap);
		r->cap = cap;
	}
	r->srid = srid;
	memcpy(&xb, &x, sizeof(xb));
	r->geom[r->n] = g;
	r->x[r->n] = x;
	r->hash[r->n] = zj_mix64(hash_bytes_extended((const unsigned char *) ewkb, (int) len, 0x7a6a676fULL) ^ zj_mix64(xb));
	r->pos[r->n] = pos;
	r->n++;
	return true;
}

/* sort keys of the canonical row order */
typedef struct CanonKey
{
	double		x;
	uint64		hash;
	int64		key;
	int64		pos;
	int			i;
} CanonKey;

static int
canon_cmp(const void *a, const void *b)
{
	const CanonKey *p = a,
			   *q = b;

	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	if (p->key != q->key)
		return p->key < q->key ? -1 : 1;
	if (p->hash != q->hash)
		return p->hash < q->hash ? -1 : 1;
	return (p->pos > q->pos) - (p->pos < q->pos);
}

/*
 * Put the rows in the canonical order: by value, then key[pos] (when given: neighbours' ids), then
 * the hash of (geometry, value).  Rows that tie on all three are identical for every statistic, so the graph (knn
 * ties go to the lower index), every floating-point sum and the permutations do not depend on
 * the order the rows arrived in (a Citus coordinator or a parallel plan hands them in any order).
 */
static void
rows_canonical(ZjRows *r, const int64 *key)
{
	CanonKey   *k;
	GEOSGeometry **geom;
	double	   *x;
	uint64	   *hash;
	int64	   *pos;

	if (r->n < 2)
		return;
	k = palloc(sizeof(CanonKey) * r->n);
	for (int i = 0; i < r->n; i++)
	{
		k[i].x = r->x[i];
		k[i].hash = r->hash[i];
		k[i].key = key ? key[r->pos[i]] : 0;
		k[i].pos = r->pos[i];
		k[i].i = i;
	}
	qsort(k, r->n, sizeof(CanonKey), canon_cmp);
	geom = palloc(sizeof(GEOSGeometry *) * r->cap);
	x = palloc(sizeof(double) * r->cap);
	hash = palloc(sizeof(uint64) * r->cap);
	pos = palloc(sizeof(int64) * r->cap);
	for (int i = 0; i < r->n; i++)
	{
		geom[i] = r->geom[k[i].i];
		x[i] = r->x[k[i].i];
		hash[i] = r->hash[k[i].i];
		pos[i] = r->pos[k[i].i];
	}
	memcpy(r->geom, geom, sizeof(GEOSGeometry *) * r->n);
	memcpy(r->x, x, sizeof(double) * r->n);
	memcpy(r->hash, hash, sizeof(uint64) * r->n);
	memcpy(r->pos, pos, sizeof(int64) * r->n);
	pfree(geom);
	pfree(x);
	pfree(hash);
	pfree(pos);
	pfree(k);
}

ZjRows *
zj_rows_from_window(FunctionCallInfo fcinfo, int valuearg, const char *valuename, int geomarg,
					const int64 *key)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	int64		total = WinGetPartitionRowCount(winobj);
	Oid			typoid = zj_arg_type(fcinfo, geomarg);
	ZjRows	   *r = zj_rows_new(total);

	for (int64 i = 0; i < total; i++)
	{
		bool		isnull,
					isout;
		double		x = 0;
		Datum		d;
		bytea	   *wkb;

		CHECK_FOR_INTERRUPTS();
		if (valuearg >= 0)
		{
			d = WinGetFuncArgInPartition(winobj, valuearg, (int) i, WINDOW_SEEK_HEAD, false, &isnull, &isout);
			if (isnull || isout)
				continue;
			x = DatumGetFloat8(d);
			if (!isfinite(x))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s must be finite", valuename),
						 errdetail("Row %lld of the partition has %s = %g.", (long long) i + 1, valuename, x)));
		}
		d = WinGetFuncArgInPartition(winobj, geomarg, (int) i, WINDOW_SEEK_HEAD, false, &isnull, &isout);
		if (isnull || isout)
			continue;
		wkb = zj_geom_ewkb(d, typoid);
		zj_rows_add_ewkb(r, VARDATA_ANY(wkb), VARSIZE_ANY_EXHDR(wkb), x, i, "geom");
		pfree(wkb);
	}
	rows_canonical(r, key);
	return r;
}

/* GEOS objects of one build, destroyed with the memory context even on ERROR */
typedef struct BuildHold
{
	MemoryContextCallback cb;
	GEOSSTRtree *tree;
	const GEOSPreparedGeometry *prep;
	GEOSGeometry *box;
	GEOSGeometry *tmp;
	GEOSGeometry **pts;
	int			npts;
	double	   *cx,				/* knn and distance: the rows' centroids */
			   *cy;
} BuildHold;

static void
hold_free_cb(void *arg)
{
	BuildHold  *b = (BuildHold *) arg;
	GEOSContextHandle_t h = zj_geos();

	if (b->tree)
		GEOSSTRtree_destroy_r(h, b->tree);
	if (b->prep)
		GEOSPreparedGeom_destroy_r(h, b->prep);
	if (b->box)
		GEOSGeom_destroy_r(h, b->box);
	if (b->tmp)
		GEOSGeom_destroy_r(h, b->tmp);
	for (int i = 0; i < b->npts; i++)
		if (b->pts[i])
			GEOSGeom_destroy_r(h, b->pts[i]);
	b->tree = NULL;
	b->prep = NULL;
	b->box = NULL;
	b->tmp = NULL;
	b->npts = 0;
}

/* candidates collected by the STRtree query callback (no allocation inside GEOS) */
typedef struct Cand
{
	int		   *idx;
	int			n;
} Cand;

static void
cand_cb(void *item, void *userdata)
{
	Cand	   *c = (Cand *) userdata;

	c->idx[c->n++] = *(int *) item;
}

static void
query_box(GEOSContextHandle_t h, BuildHold *hold, Cand *c,
		  double xmin, double ymin, double xmax, double ymax)
{
	hold->box = GEOSGeom_createRectangle_r(h, xmin, ymin, xmax, ymax);
	if (hold->box == NULL)
		zj_geos_error("building a search box");
	GEOSSTRtree_query_r(h, hold->tree, hold->box, cand_cb, c);
	GEOSGeom_destroy_r(h, hold->box);
	hold->box = NULL;
}

/* an STRtree of the geometries' envelopes whose items are pointers into ids (ids[i] = i) */
static void
build_tree(GEOSContextHandle_t h, BuildHold *hold, GEOSGeometry **geoms, int n, int *ids)
{
	hold->tree = GEOSSTRtree_create_r(h, 10);
	if (hold->tree == NULL)
		zj_geos_error("building a spatial index");
	for (int i = 0; i < n; i++)
	{
		ids[i] = i;
		GEOSSTRtree_insert_r(h, hold->tree, geoms[i], &ids[i]);
	}
}

/*
 * Rook fast path: two polygons whose boundaries have an identical edge (the same two vertices,
 * either direction) share a boundary of positive length.  Grids built by ST_SquareGrid,
 * ST_HexagonGrid or a GIS's tessellation tools always do, so GEOS's relate is only needed for the
 * remaining pairs (T-junctions, partly shared edges).
 */
typedef struct Seg
{
	double		x1,
				y1,
				x2,
				y2;
} Seg;

typedef struct SegBuf
{
	Seg		   *s;
	int			n,
				cap;
} SegBuf;

static int
cmp_seg(const void *a, const void *b)
{
	const double *p = a,
			   *q = b;

	for (int k = 0; k < 4; k++)
		if (p[k] != q[k])
			return p[k] < q[k] ? -1 : 1;
	return 0;
}

/* the edges of g's boundary that touch box (xmin, ymin, xmax, ymax), or all when box is NULL */
static void
collect_segs(GEOSContextHandle_t h, const GEOSGeometry *g, SegBuf *b, const double *box)
{
	int			t = GEOSGeomTypeId_r(h, g);

	if (t == GEOS_POLYGON)
	{
		int			nh = GEOSGetNumInteriorRings_r(h, g);

		collect_segs(h, GEOSGetExteriorRing_r(h, g), b, box);
		for (int r = 0; r < nh; r++)
			collect_segs(h, GEOSGetInteriorRingN_r(h, g, r), b, box);
	}
	else if (t == GEOS_LINESTRING || t == GEOS_LINEARRING)
	{
		const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(h, g);
		unsigned int size = 0;
		double		px = 0,
					py = 0;

		if (cs == NULL || !GEOSCoordSeq_getSize_r(h, cs, &size))
			zj_geos_error("reading a boundary");
		for (unsigned int k = 0; k < size; k++)
		{
			double		x,
						y;
			Seg		   *sg;

			if (!GEOSCoordSeq_getXY_r(h, cs, k, &x, &y))
				zj_geos_error("reading a boundary");
			if (k > 0 && !(x == px && y == py) &&
				(box == NULL || (Max(x, px) >= box[0] && Min(x, px) <= box[2] &&
								 Max(y, py) >= box[1] && Min(y, py) <= box[3])))
			{
				if (b->n >= b->cap)
				{
					b->cap = b->cap ? b->cap * 2 : 64;
					/* a polygon of over 33M vertices needs more than 1 GB here */
					b->s = b->s ? repalloc_huge(b->s, sizeof(Seg) * (Size) b->cap) : palloc(sizeof(Seg) * b->cap);
				}
				sg = &b->s[b->n++];
				/* normalised: the lexicographically smaller end first */
				if (px < x || (px == x && py < y))
				{
					sg->x1 = px;
					sg->y1 = py;
					sg->x2 = x;
					sg->y2 = y;
				}
				else
				{
					sg->x1 = x;
					sg->y1 = y;
					sg->x2 = px;
					sg->y2 = py;
				}
			}
			px = x;
			py = y;
		}
	}
	else if (t == GEOS_MULTIPOLYGON || t == GEOS_MULTILINESTRING || t == GEOS_GEOMETRYCOLLECTION)
	{
		int			np = GEOSGetNumGeometries_r(h, g);

		for (int k = 0; k < np; k++)
			collect_segs(h, GEOSGetGeometryN_r(h, g, k), b, box);
	}
}

/* rook test without snap: 1 yes, 0 no */
static char
rook_exact(GEOSContextHandle_t h, const GEOSGeometry *gi, const double *bi, SegBuf *segi,
		   const GEOSGeometry *gj, SegBuf *segj)
{
	double		bj[4],
				box[4];
	char		r;

	zj_geos_extent(gj, NULL, &bj[0], &bj[1], &bj[2], &bj[3]);
	box[0] = Max(bi[0], bj[0]);
	box[1] = Max(bi[1], bj[1]);
	box[2] = Min(bi[2], bj[2]);
	box[3] = Min(bi[3], bj[3]);
	/* touching extents that meet in one point: the boundaries can share only that point */
	if (box[2] <= box[0] && box[3] <= box[1])
		return 0;
	if (segi->n > 0)
	{
		segj->n = 0;
		collect_segs(h, gj, segj, box);
		for (int k = 0; k < segj->n; k++)
			if (bsearch(&segj->s[k], segi->s, segi->n, sizeof(Seg), cmp_seg))
				return 1;
	}
	r = GEOSRelatePattern_r(h, gi, gj, "****1****");
	if (r == 2)
		zj_geos_error("rook contiguity test");
	return r;
}

static void
build_contiguity(const ZjRows *rows, const ZjWeightsSpec *spec, BuildHold *hold, ZjEdges *e)
{
	GEOSContextHandle_t h = zj_geos();
	int			n = rows->n;
	int		   *ids = palloc(sizeof(int) * n);
	Cand		c;
	double		snap = spec->snap;
	SegBuf		segi = {0},
				segj = {0};

	c.idx = palloc(sizeof(int) * n);
	for (int i = 0; i < n; i++)
	{
		int			t = GEOSGeomTypeId_r(h, rows->geom[i]);

		if (t == GEOS_POINT || t == GEOS_MULTIPOINT)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s weights need polygons or lines, not points",
							spec->kind == ZJ_W_QUEEN ? "queen" : "rook"),
					 errhint("Use 'knn:K' or 'distance:D' weights for points.")));
	}
	build_tree(h, hold, rows->geom, n, ids);
	for (int i = 0; i < n; i++)
	{
		double		bi[4];		/* xmin, ymin, xmax, ymax */
		bool		any = false;

		CHECK_FOR_INTERRUPTS();
		segi.n = -1;
		zj_geos_extent(rows->geom[i], NULL, &bi[0], &bi[1], &bi[2], &bi[3]);
		c.n = 0;
		query_box(h, hold, &c, bi[0] - snap, bi[1] - snap, bi[2] + snap, bi[3] + snap);
		for (int m = 0; m < c.n; m++)
		{
			int			j = c.idx[m];
			char		r;

			if (j <= i)
				continue;
			if (!any)
			{
				hold->prep = GEOSPrepare_r(h, rows->geom[i]);
				if (hold->prep == NULL)
					zj_geos_error("preparing a geometry");
				any = true;
			}
			if (snap > 0)
				r = GEOSPreparedDistanceWithin_r(h, hold->prep, rows->geom[j], snap);
			else
				r = GEOSPreparedIntersects_r(h, hold->prep, rows->geom[j]);
			if (r == 2)
				zj_geos_error(spec->kind == ZJ_W_QUEEN ? "queen contiguity test" : "rook contiguity test");
			if (r && spec->kind == ZJ_W_ROOK && snap == 0)
			{
				if (segi.n < 0)
				{
					/* i's edges, sorted, once per i */
					segi.n = 0;
					collect_segs(h, rows->geom[i], &segi, NULL);
					qsort(segi.s, segi.n, sizeof(Seg), cmp_seg);
				}
				r = rook_exact(h, rows->geom[i], bi, &segi, rows->geom[j], &segj);
			}
			else if (r && spec->kind == ZJ_W_ROOK)
			{
				/* a shared boundary of positive length: boundary ∩ boundary has dimension 1 */
				const GEOSGeometry *other = rows->geom[j];

				if (snap > 0)
				{
					hold->tmp = GEOSSnap_r(h, rows->geom[j], rows->geom[i], snap);
					if (hold->tmp == NULL)
						zj_geos_error("snapping for rook contiguity");
					other = hold->tmp;
				}
				r = GEOSRelatePattern_r(h, rows->geom[i], other, "****1****");
				if (hold->tmp)
				{
					GEOSGeom_destroy_r(h, hold->tmp);
					hold->tmp = NULL;
				}
				if (r == 2)
					zj_geos_error("rook contiguity test");
			}
			if (r)
			{
				zj_edges_add(e, i, j);
				zj_edges_add(e, j, i);
			}
		}
		if (any)
		{
			GEOSPreparedGeom_destroy_r(h, hold->prep);
			hold->prep = NULL;
		}
	}
	pfree(ids);
	pfree(c.idx);
}

/* the distance of two centroids: geodesic metres for a geographic SRID, else Euclidean */
static double
centroid_distance(bool geo, const double *cx, const double *cy, int i, int j)
{
	return geo ? zj_geodesic_m(cx[i], cy[i], cx[j], cy[j])
		: sqrt((cx[j] - cx[i]) * (cx[j] - cx[i]) + (cy[j] - cy[i]) * (cy[j] - cy[i]));
}

static void
build_distance(const ZjRows *rows, const ZjWeightsSpec *spec, BuildHold *hold, ZjEdges *e)
{
	GEOSContextHandle_t h = zj_geos();
	int			n = rows->n;
	bool		geo = zj_srid_is_geographic(rows->srid);
	double	   *cx = palloc(sizeof(double) * n),
			   *cy = palloc(sizeof(double) * n);
	int		   *ids = palloc(sizeof(int) * n);
	Cand		c;
	ZjKeyedRow *dc = palloc(sizeof(ZjKeyedRow) * n);
	double		xmin = INFINITY,
				ymin = INFINITY,
				xmax = -INFINITY,
				ymax = -INFINITY;
	int			k = spec->kind == ZJ_W_KNN ? Min(spec->k, n - 1) : 0;
	double		r0 = 0;
	uint32	   *seen;
	uint32		stamp = 0;

	/* up to three searches may find a row: room for 3n, and a stamp per row against repeats */
	c.idx = palloc(sizeof(int) * 3 * (Size) n);
	seen = palloc0(sizeof(uint32) * n);
	/* centroids (a point is its own centroid), kept as points in the index */
	hold->pts = palloc0(sizeof(GEOSGeometry *) * n);
	hold->npts = n;
	for (int i = 0; i < n; i++)
	{
		int			t = GEOSGeomTypeId_r(h, rows->geom[i]);
		GEOSGeometry *p;

		CHECK_FOR_INTERRUPTS();
		if (t == GEOS_POINT)
			p = GEOSGeom_clone_r(h, rows->geom[i]);
		else
			p = GEOSGetCentroid_r(h, rows->geom[i]);
		if (p == NULL)
			zj_geos_error("computing a centroid");
		hold->pts[i] = p;
		if (GEOSisEmpty_r(h, p) || !GEOSGeomGetX_r(h, p, &cx[i]) || !GEOSGeomGetY_r(h, p, &cy[i]) ||
			!isfinite(cx[i]) || !isfinite(cy[i]))
		{
			/* a degenerate shape (zero or overflowing area): the centre of its extent instead */
			double		x0,
						y0,
						x1,
						y1;

			zj_geos_extent(rows->geom[i], NULL, &x0, &y0, &x1, &y1);
			cx[i] = x0 / 2 + x1 / 2;
			cy[i] = y0 / 2 + y1 / 2;
			if (!isfinite(cx[i]) || !isfinite(cy[i]))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("geom has a non-finite coordinate"),
						 errdetail("A row's centre is (%g, %g).", cx[i], cy[i])));
			GEOSGeom_destroy_r(h, p);
			hold->pts[i] = p = GEOSGeom_createPointFromXY_r(h, cx[i], cy[i]);
			if (p == NULL)
				zj_geos_error("computing a centroid");
		}
		/* the search boxes below assume real longitudes and latitudes: else they never close */
		if (geo && !(fabs(cy[i]) <= 90 && fabs(cx[i]) <= 360))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("geom has coordinates out of range for longitude/latitude SRID %d", rows->srid),
					 errdetail("A row's centre is (%g, %g); latitudes must lie in [-90, 90] and longitudes in [-360, 360].",
							   cx[i], cy[i])));
		xmin = Min(xmin, cx[i]);
		xmax = Max(xmax, cx[i]);
		ymin = Min(ymin, cy[i]);
		ymax = Max(ymax, cy[i]);
	}
	build_tree(h, hold, hold->pts, n, ids);
	if (k > 0)
	{
		/* a first search radius that holds about k points at the average density */
		double		w = xmax - xmin,
					hh = ymax - ymin;

		if (geo)
		{
			double		latm = (ymin + ymax) / 2;

			w *= 111320.0 * cos(latm * M_PI / 180.0);
			hh *= 110574.0;
		}
		if (w * hh > 0)
			r0 = sqrt(w * hh * (k + 1) / (M_PI * n)) * 1.5;
		else
			r0 = Max(w, hh) * (k + 1) / n * 1.5;
		if (!(r0 > 0) || !isfinite(r0))
			r0 = 1.0;
	}
	for (int i = 0; i < n; i++)
	{
		double		r = k > 0 ? r0 : spec->dist;

		for (;;)
		{
			double		dx,
						dy;
			int			nc = 0;

			CHECK_FOR_INTERRUPTS();
			if (geo)
			{
				zj_degree_box(cy[i], r, &dx, &dy);
				/* a circle that reaches a pole spans every longitude */
				if (fabs(cy[i]) + dy >= 89.0)
					dx = 360.0;
			}
			else
				dx = dy = r;
			c.n = 0;
			if (++stamp == 0)
			{
				memset(seen, 0, sizeof(uint32) * n);
				stamp = 1;
			}
			query_box(h, hold, &c, cx[i] - dx, cy[i] - dy, cx[i] + dx, cy[i] + dy);
			if (geo && (cx[i] - dx < -180 || cx[i] + dx > 180))
			{
				/* the box crosses the antimeridian: search its other side too */
				if (cx[i] - dx < -180)
					query_box(h, hold, &c, cx[i] - dx + 360, cy[i] - dy, cx[i] + dx + 360, cy[i] + dy);
				if (cx[i] + dx > 180)
					query_box(h, hold, &c, cx[i] - dx - 360, cy[i] - dy, cx[i] + dx - 360, cy[i] + dy);
			}
			for (int m = 0; m < c.n; m++)
			{
				int			j = c.idx[m];

				if (j == i || (k == 0 && j < i) || seen[j] == stamp)
					continue;
				seen[j] = stamp;
				dc[nc].j = j;
				dc[nc].d = centroid_distance(geo, cx, cy, i, j);
				nc++;
			}
			if (k == 0)
			{
				for (int m = 0; m < nc; m++)
					if (dc[m].d <= spec->dist)
					{
						zj_edges_add(e, i, dc[m].j);
						zj_edges_add(e, dc[m].j, i);
					}
				break;
			}
			if (nc >= k)
			{
				qsort(dc, nc, sizeof(ZjKeyedRow), zj_cmp_keyed_row);
				if (dc[k - 1].d <= r)
				{
					for (int m = 0; m < k; m++)
						zj_edges_add(e, i, dc[m].j);
					break;
				}
				/* points nearer than the k-th candidate may lie outside this box */
				r = dc[k - 1].d * 1.0000001;
			}
			else
				r *= 2;
		}
	}
	hold->cx = cx;
	hold->cy = cy;
	pfree(ids);
	pfree(dc);
	pfree(c.idx);
	pfree(seen);
}

/*
 * The weights of g's edges by centroid distance (spdep::nb2listwdist's idw, exp and dpd, raw).
 * Edges of weight 0 (dpd at the band's edge, exp underflowing) are dropped: no statistic counts
 * them, and a row left with none has no neighbours.  Coincident centroids under idw are an ERROR.
 */
static void
weigh_edges(ZjGraph *g, const ZjRows *rows, const ZjWeightsSpec *spec, const double *cx, const double *cy)
{
	bool		geo = zj_srid_is_geographic(rows->srid);
	int			w = 0;

	g->w = palloc(sizeof(double) * Max(g->off[g->n], 1));
	g->w0 = spec->wtype == ZJ_WT_IDW ? INFINITY : 1;
	for (int i = 0; i < g->n; i++)
	{
		int			start = g->off[i];

		CHECK_FOR_INTERRUPTS();
		g->off[i] = w;
		for (int m = start; m < g->off[i + 1]; m++)
		{
			int			j = g->nb[m];
			/* hypot: no underflow of tiny distances to 0 */
			double		d = geo ? centroid_distance(geo, cx, cy, i, j) : hypot(cx[j] - cx[i], cy[j] - cy[i]);
			double		v;

			if (d == 0 && spec->wtype == ZJ_WT_IDW)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("inverse-distance weights are undefined for rows at the same place"),
						 errdetail("Two rows have their centroid at (%g, %g).", cx[i], cy[i]),
						 errhint("Merge rows at the same place first, or use exp or dpd weights.")));
			v = zj_weights_kernel(spec, d);
			if (!isfinite(v))
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("a weight by distance is out of range"),
						 errdetail("The distance %g gives the weight %g.", d, v),
						 errhint("Use a smaller alpha, or coordinates in larger units.")));
			if (v > 0)
			{
				g->nb[w] = j;
				g->w[w] = v;
				w++;
			}
		}
	}
	g->off[g->n] = w;
}

ZjGraph *
zj_weights_build(const ZjRows *rows, const ZjWeightsSpec *spec)
{
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext, "zjgov weights build",
											  ALLOCSET_DEFAULT_SIZES);
	MemoryContext old = MemoryContextSwitchTo(cxt);
	BuildHold  *hold = palloc0(sizeof(BuildHold));
	ZjEdges		e = {0};
	ZjGraph    *g;

	hold->cb.func = hold_free_cb;
	hold->cb.arg = hold;
	MemoryContextRegisterResetCallback(cxt, &hold->cb);
	if (rows->n > 1)
	{
		if (spec->kind == ZJ_W_QUEEN || spec->kind == ZJ_W_ROOK)
			build_contiguity(rows, spec, hold, &e);
		else
			build_distance(rows, spec, hold, &e);
	}
	MemoryContextSwitchTo(old);
	g = zj_graph_from_edges(rows->n, &e);
	/* (with fewer than two rows there are no edges, and no centroids) */
	if (spec->wtype != ZJ_WT_BINARY)
		weigh_edges(g, rows, spec, hold->cx, hold->cy);
	MemoryContextDelete(cxt);
	return g;
}

void
zj_rows_keep(ZjRows *r, const bool *keep)
{
	int			w = 0;

	for (int i = 0; i < r->n; i++)
	{
		if (!keep[i])
		{
			GEOSGeom_destroy_r(zj_geos(), r->geom[i]);
			continue;
		}
		r->geom[w] = r->geom[i];
		r->x[w] = r->x[i];
		r->hash[w] = r->hash[i];
		r->pos[w] = r->pos[i];
		w++;
	}
	r->n = w;
}

/*
 * Neighbours given as data in a window function: the graph of n rows (ids ascending, at partition
 * positions pos) from each row's bigint[] argument nbarg (NULL: no neighbours; a NULL element is an
 * ERROR); known (ascending, nknown) holds the ids of every partition row, also those left out.
 */
ZjGraph *
zj_graph_from_window_ids(WindowObject winobj, int nbarg, int n, const int64 *ids, const int64 *pos,
						 const int64 *known, int nknown, bool symmetric)
{
	int64	   *nboff = palloc(sizeof(int64) * (n + 1));
	int64		nbn = 0,
				nbcap = 1024;
	int64	   *nbids = palloc(sizeof(int64) * nbcap);
	ZjGraph    *g;

	for (int i = 0; i < n; i++)
	{
		bool		isnull,
					isout;
		Datum		d = WinGetFuncArgInPartition(winobj, nbarg, (int) pos[i], WINDOW_SEEK_HEAD, false,
												 &isnull, &isout);

		CHECK_FOR_INTERRUPTS();
		nboff[i] = nbn;
		if (!isnull && !isout)
		{
			ArrayType  *a = DatumGetArrayTypeP(d);
			Datum	   *el;
			bool	   *elnull;
			int			cnt;

			if (ARR_NDIM(a) > 1)
				ereport(ERROR,
						(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
						 errmsg("neighbours must be a one-dimensional array")));
			deconstruct_array(a, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &el, &elnull, &cnt);
			for (int t = 0; t < cnt; t++)
			{
				if (elnull[t])
					ereport(ERROR,
							(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
							 errmsg("neighbours must not contain NULL"),
							 errdetail("The neighbours of id %lld contain a NULL.", (long long) ids[i])));
				if (nbn >= nbcap)
				{
					if ((Size) nbcap * 2 * sizeof(int64) > MaxAllocSize)
						ereport(ERROR,
								(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
								 errmsg("too many neighbours in one partition")));
					nbcap *= 2;
					nbids = repalloc(nbids, sizeof(int64) * nbcap);
				}
				nbids[nbn++] = DatumGetInt64(el[t]);
			}
			pfree(el);
			pfree(elnull);
		}
	}
	nboff[n] = nbn;
	g = zj_graph_from_ids(n, ids, nboff, nbids, known, nknown, symmetric);
	pfree(nboff);
	pfree(nbids);
	return g;
}

/* ---- SQL: window neighbours(id bigint, geom geometry, weights text) → bigint[] ---- */

/* A row's neighbours in the partition cache (winpart.c): ids[start .. start + count) */
typedef struct NbRow
{
	int64		start;
	int			count;
} NbRow;

static int
cmp_int64(const void *x, const void *y)
{
	int64		a = *(const int64 *) x,
				b = *(const int64 *) y;

	return (a > b) - (a < b);
}

PG_FUNCTION_INFO_V1(zjgov_neighbours);
Datum
zjgov_neighbours(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	ZjWinPart  *part = zj_win_part(fcinfo, sizeof(NbRow));
	NbRow	   *nb = (NbRow *) part->rows;
	int64		cur = WinGetCurrentPosition(winobj);

	if (!part->computed)
	{
		ZjWeightsSpec spec;
		MemoryContext work,
					old;
		ZjRows	   *rows;
		ZjGraph    *g;
		int64	   *ids;
		int64	   *rowid;
		bool	   *idnull;
		int64		total;

		zj_weights_parse(text_to_cstring(zj_win_text_arg(fcinfo, 2, "weights")), &spec);
		work = AllocSetContextCreate(CurrentMemoryContext, "zjgov neighbours", ALLOCSET_DEFAULT_SIZES);
		old = MemoryContextSwitchTo(work);
		total = WinGetPartitionRowCount(winobj);
		rowid = palloc(sizeof(int64) * Max(total, 1));
		idnull = palloc(sizeof(bool) * Max(total, 1));
		for (int64 i = 0; i < total; i++)
		{
			bool		isout;
			Datum		d = WinGetFuncArgInPartition(winobj, 0, (int) i, WINDOW_SEEK_HEAD, false,
													 &idnull[i], &isout);

			rowid[i] = idnull[i] ? 0 : DatumGetInt64(d);
		}
		/* the ids break ties between equal geometries: knn picks the same neighbour in any order */
		rows = zj_rows_from_window(fcinfo, -1, NULL, 1, rowid);
		/* rows without an id are nobody's neighbour: leave them out of the graph */
		{
			bool	   *keep = palloc(sizeof(bool) * Max(rows->n, 1));

			for (int i = 0; i < rows->n; i++)
				keep[i] = !idnull[rows->pos[i]];
			zj_rows_keep(rows, keep);
		}
		g = zj_weights_build(rows, &spec);

		/* up to 268M pairs (the graph's limit) of 8 bytes: may pass 1 GB */
		zj_check_work_mem((double) sizeof(int64) * g->off[g->n], "neighbours");
		ids = MemoryContextAllocExtended(part->cxt, sizeof(int64) * Max(g->off[g->n], 1), MCXT_ALLOC_HUGE);
		{
			int64		fill = 0;

			for (int i = 0; i < rows->n; i++)
			{
				int64		p = rows->pos[i];

				nb[p].start = fill;
				nb[p].count = 0;
				for (int m = g->off[i]; m < g->off[i + 1]; m++)
					ids[fill + nb[p].count++] = rowid[rows->pos[g->nb[m]]];
				fill += nb[p].count;
				/* ids ascending */
				if (nb[p].count > 1)
					qsort(ids + nb[p].start, nb[p].count, sizeof(int64), cmp_int64);
				part->isnull[p] = false;
			}
		}
		MemoryContextSwitchTo(old);
		MemoryContextDelete(work);
		part->partition_extra = ids;
		part->computed = true;
	}
	if (cur >= part->nrows || part->isnull[cur])
		PG_RETURN_NULL();
	{
		int			cnt = nb[cur].count;
		const int64 *ids = (const int64 *) part->partition_extra + nb[cur].start;
		Datum	   *elems = palloc(sizeof(Datum) * Max(cnt, 1));

		for (int m = 0; m < cnt; m++)
			elems[m] = Int64GetDatum(ids[m]);
		PG_RETURN_ARRAYTYPE_P(construct_array(elems, cnt, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	}
}
