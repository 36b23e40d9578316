/*
 * geos_bridge.c — PostGIS geometry <-> GEOS through the geometry type's send/receive functions,
 * the backend's GEOS context, error capture and interrupt handling.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "port/pg_bswap.h"
#include "catalog/pg_type.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "arrayutil.h"
#include "geos_bridge.h"

static GEOSContextHandle_t geos_ctx = NULL;
static GEOSWKBReader *wkb_reader = NULL;	/* one per backend, like the context */
static char geos_msg[1024];
static GEOSInterruptCallback *prev_interrupt = NULL;
static bool interrupt_registered = false;

/* per-backend cache of the geometry type's I/O functions, keyed by its OID */
static Oid	io_typoid = InvalidOid;
static FmgrInfo io_send;
static FmgrInfo io_recv;
static Oid	io_ioparam;

static void
geos_notice(const char *fmt, ...)
{
	/* GEOS notices are not errors; nothing to keep */
}

static void
geos_record_error(const char *fmt, ...)
{
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(geos_msg, sizeof(geos_msg), fmt, ap);
	va_end(ap);
}

static void
geos_interrupt_cb(void)
{
	if (prev_interrupt)
		prev_interrupt();
	if (QueryCancelPending || ProcDiePending)
		GEOS_interruptRequest();
}

void
zj_geos_register_interrupt(void)
{
	if (!interrupt_registered)
	{
		prev_interrupt = GEOS_interruptRegisterCallback(geos_interrupt_cb);
		interrupt_registered = true;
	}
}

GEOSContextHandle_t
zj_geos(void)
{
	if (geos_ctx == NULL)
	{
		geos_ctx = GEOS_init_r();
		if (geos_ctx == NULL)
			ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("could not initialise GEOS")));
		GEOSContext_setNoticeHandler_r(geos_ctx, geos_notice);
		GEOSContext_setErrorHandler_r(geos_ctx, geos_record_error);
	}
	return geos_ctx;
}

void
zj_geos_error(const char *what)
{
	CHECK_FOR_INTERRUPTS();
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s failed: %s", what, geos_msg[0] ? geos_msg : "unknown GEOS error"),
			 errhint("Invalid polygons can be repaired with ST_MakeValid.")));
}

static void
geom_io(Oid typoid)
{
	if (io_typoid == typoid)
		return;
	{
		Oid			sendfn,
					recvfn;
		bool		varlena;

		getTypeBinaryOutputInfo(typoid, &sendfn, &varlena);
		getTypeBinaryInputInfo(typoid, &recvfn, &io_ioparam);
		fmgr_info_cxt(sendfn, &io_send, TopMemoryContext);
		fmgr_info_cxt(recvfn, &io_recv, TopMemoryContext);
		io_typoid = typoid;
	}
}

bytea *
zj_geom_ewkb(Datum d, Oid typoid)
{
	geom_io(typoid);
	return DatumGetByteaPP(FunctionCall1(&io_send, d));
}

void
zj_geos_extent(const GEOSGeometry *g, const char *argname,
			   double *xmin, double *ymin, double *xmax, double *ymax)
{
	if (!GEOSGeom_getExtent_r(zj_geos(), g, xmin, ymin, xmax, ymax))
		zj_geos_error("computing an extent");
	if (argname && !(isfinite(*xmin) && isfinite(*ymin) && isfinite(*xmax) && isfinite(*ymax)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must have finite coordinates", argname)));
}

GEOSGeometry *
zj_geos_read_ewkb(const char *ewkb, size_t len)
{
	GEOSContextHandle_t h = zj_geos();
	GEOSGeometry *g;

	if (wkb_reader == NULL)
	{
		wkb_reader = GEOSWKBReader_create_r(h);
		if (wkb_reader == NULL)
			ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("could not create a GEOS WKB reader")));
	}
	geos_msg[0] = '\0';
	g = GEOSWKBReader_read_r(h, wkb_reader, (const unsigned char *) ewkb, len);
	return g ? zj_geos_drop_empty_members(g) : NULL;
}

GEOSGeometry *
zj_geom_from_datum(Datum d, Oid typoid, const char *argname, bool allow_empty, int *srid)
{
	GEOSContextHandle_t h = zj_geos();
	bytea	   *wkb = zj_geom_ewkb(d, typoid);
	GEOSGeometry *g = zj_geos_read_ewkb(VARDATA_ANY(wkb), VARSIZE_ANY_EXHDR(wkb));

	pfree(wkb);
	if (g == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s cannot be read by GEOS: %s", argname,
						geos_msg[0] ? geos_msg : "unknown GEOS error"),
				 errhint("Curved and polyhedral geometries must be converted first, e.g. with ST_CurveToLine or ST_Dump.")));
	*srid = GEOSGetSRID_r(h, g);
	if (!allow_empty && GEOSisEmpty_r(h, g))
	{
		GEOSGeom_destroy_r(h, g);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be an empty geometry", argname)));
	}
	return g;
}

GEOSGeometry *
zj_geom_arg(FunctionCallInfo fcinfo, int argno, const char *argname, bool allow_empty, int *srid)
{
	return zj_geom_from_datum(PG_GETARG_DATUM(argno), zj_arg_type(fcinfo, argno), argname,
							  allow_empty, srid);
}

Datum
zj_geom_to_datum(GEOSGeometry *g, int srid, Oid typoid)
{
	GEOSContextHandle_t h = zj_geos();
	GEOSWKBWriter *w;
	unsigned char *wkb;
	size_t		len;
	StringInfoData buf;
	Datum		result;

	geos_msg[0] = '\0';
	w = GEOSWKBWriter_create_r(h);
	if (w == NULL)
	{
		GEOSGeom_destroy_r(h, g);
		zj_geos_error("creating a WKB writer");
	}
	GEOSSetSRID_r(h, g, srid);
	GEOSWKBWriter_setIncludeSRID_r(h, w, srid != 0);
	GEOSWKBWriter_setOutputDimension_r(h, w, GEOSGeom_getCoordinateDimension_r(h, g));
	geos_msg[0] = '\0';
	wkb = GEOSWKBWriter_write_r(h, w, g, &len);
	GEOSWKBWriter_destroy_r(h, w);
	GEOSGeom_destroy_r(h, g);
	if (wkb == NULL)
		zj_geos_error("writing a geometry");

	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, (char *) wkb, len);
	GEOSFree_r(h, wkb);
	geom_io(typoid);
	result = ReceiveFunctionCall(&io_recv, &buf, io_ioparam, -1);
	pfree(buf.data);
	return result;
}

void
zj_check_same_srid(int a, const char *aname, int b, const char *bname)
{
	if (a != b)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s and %s have different SRIDs", aname, bname),
				 errdetail("%s has SRID %d and %s has SRID %d.", aname, a, bname, b),
				 errhint("Use ST_Transform to bring them into one coordinate system.")));
}

bool
zj_srid_is_geographic(int srid)
{
	switch (srid)
	{
		case 4326:				/* WGS 84 */
		case 4490:				/* CGCS2000 */
		case 4214:				/* Beijing 1954 */
		case 4610:				/* Xian 1980 */
		case 4258:				/* ETRS89 */
		case 4269:				/* NAD83 */
			return true;
		default:
			return false;
	}
}

typedef struct GeosOwned
{
	MemoryContextCallback cb;
	void	   *obj;
	bool		prepared;
} GeosOwned;

static void
geos_free_cb(void *arg)
{
	GeosOwned  *o = (GeosOwned *) arg;

	if (o->prepared)
		GEOSPreparedGeom_destroy_r(zj_geos(), (const GEOSPreparedGeometry *) o->obj);
	else
		GEOSGeom_destroy_r(zj_geos(), (GEOSGeometry *) o->obj);
}

void
zj_geos_autofree(MemoryContext cxt, void *g, bool prepared)
{
	GeosOwned  *o = MemoryContextAlloc(cxt, sizeof(GeosOwned));

	o->obj = g;
	o->prepared = prepared;
	o->cb.func = geos_free_cb;
	o->cb.arg = o;
	MemoryContextRegisterResetCallback(cxt, &o->cb);
}

double *
zj_geos_coords(const GEOSCoordSequence *cs, unsigned int *n)
{
	GEOSContextHandle_t h = zj_geos();
	double	   *xy;

	if (!GEOSCoordSeq_getSize_r(h, cs, n))
		zj_geos_error("reading coordinates");
	if (*n == 0)
		return NULL;
	xy = palloc(sizeof(double) * 2 * *n);
	if (!GEOSCoordSeq_copyToBuffer_r(h, cs, xy, 0, 0))
		zj_geos_error("reading coordinates");
	return xy;
}

/* ---- collections with empty members ---- */

static bool
has_empty_member(GEOSContextHandle_t h, const GEOSGeometry *g)
{
	int			type = GEOSGeomTypeId_r(h, g);
	int			n;

	if (type < GEOS_MULTIPOINT)
		return false;
	n = GEOSGetNumGeometries_r(h, g);
	for (int i = 0; i < n; i++)
	{
		const GEOSGeometry *m = GEOSGetGeometryN_r(h, g, i);

		if (GEOSisEmpty_r(h, m) || has_empty_member(h, m))
			return true;
	}
	return false;
}

/* A copy of g without empty members (recursively); NULL when GEOS fails. */
static GEOSGeometry *
clone_without_empty(GEOSContextHandle_t h, const GEOSGeometry *g)
{
	int			type = GEOSGeomTypeId_r(h, g);
	int			n,
				k = 0;
	GEOSGeometry **parts;
	GEOSGeometry *result;

	if (type < GEOS_MULTIPOINT)
		return GEOSGeom_clone_r(h, g);
	n = GEOSGetNumGeometries_r(h, g);
	parts = palloc(sizeof(GEOSGeometry *) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		const GEOSGeometry *m = GEOSGetGeometryN_r(h, g, i);
		GEOSGeometry *c;

		if (GEOSisEmpty_r(h, m))
			continue;
		c = clone_without_empty(h, m);
		if (c == NULL)
		{
			for (int j = 0; j < k; j++)
				GEOSGeom_destroy_r(h, parts[j]);
			pfree(parts);
			return NULL;
		}
		parts[k++] = c;
	}
	if (k == 0)
		result = GEOSGeom_createEmptyCollection_r(h, type);
	else
	{
		/* takes ownership of the parts (even when it fails) */
		result = GEOSGeom_createCollection_r(h, type, parts, k);
	}
	pfree(parts);
	if (result)
		GEOSSetSRID_r(h, result, GEOSGetSRID_r(h, g));
	return result;
}

GEOSGeometry *
zj_geos_drop_empty_members(GEOSGeometry *g)
{
	GEOSContextHandle_t h = zj_geos();
	GEOSGeometry *c;

	if (!has_empty_member(h, g))
		return g;
	geos_msg[0] = '\0';
	c = clone_without_empty(h, g);
	GEOSGeom_destroy_r(h, g);
	if (c == NULL)
		zj_geos_error("removing empty members of a collection");
	return c;
}

/* ---- nesting depth of (E)WKB bytes that did not come from PostGIS ---- */

typedef struct WkbWalk
{
	const uint8 *p;
	size_t		len;
	size_t		off;
	bool		stop;			/* GEOS would refuse the bytes here: nothing after matters */
} WkbWalk;

static uint32
walk_u32(WkbWalk *w, bool swap)
{
	uint32		v;

	if (w->len - w->off < 4)
	{
		w->stop = true;
		return 0;
	}
	memcpy(&v, w->p + w->off, 4);
	w->off += 4;
	return swap ? pg_bswap32(v) : v;
}

static void
walk_skip(WkbWalk *w, uint64 n)
{
	if (n > w->len - w->off)
		w->stop = true;
	else
		w->off += n;
}

static void
walk_geom(WkbWalk *w, int depth, const char *what)
{
	uint8		order;
	uint32		type,
				base,
				count;
	bool		swap;
	int			ndims;

	if (w->stop || w->len - w->off < 5)
	{
		w->stop = true;
		return;
	}
	order = w->p[w->off++];
	if (order > 1)
	{
		w->stop = true;
		return;
	}
#ifdef WORDS_BIGENDIAN
	swap = (order == 1);
#else
	swap = (order == 0);
#endif
	type = walk_u32(w, swap);
	ndims = 2 + ((type & 0x80000000) != 0) + ((type & 0x40000000) != 0);
	if (type & 0x20000000)
		(void) walk_u32(w, swap);	/* SRID */
	base = type & 0x0FFFFFFF;
	if (base >= 1000 && base < 4000)
	{
		ndims = 2 + ((base / 1000) % 2 == 1) + (base / 1000 >= 2);
		base %= 1000;
	}
	if (w->stop)
		return;
	switch (base)
	{
		case 1:					/* point */
			walk_skip(w, (uint64) ndims * 8);
			break;
		case 2:					/* linestring */
			count = walk_u32(w, swap);
			walk_skip(w, (uint64) count * ndims * 8);
			break;
		case 3:					/* polygon */
			count = walk_u32(w, swap);
			for (uint32 i = 0; i < count && !w->stop; i++)
				walk_skip(w, (uint64) walk_u32(w, swap) * ndims * 8);
			break;
		case 4:
		case 5:
		case 6:
		case 7:					/* collections */
			if (depth >= ZJ_WKB_MAX_DEPTH)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
						 errmsg("%s has collections nested more than %d deep", what, ZJ_WKB_MAX_DEPTH)));
			count = walk_u32(w, swap);
			for (uint32 i = 0; i < count && !w->stop; i++)
			{
				if ((i & 0xFFFF) == 0)
					CHECK_FOR_INTERRUPTS();
				walk_geom(w, depth + 1, what);
			}
			break;
		default:
			w->stop = true;		/* GEOS reads no other type */
	}
}

void
zj_ewkb_check_depth(const char *ewkb, size_t len, const char *what)
{
	WkbWalk		w = {(const uint8 *) ewkb, len, 0, false};

	walk_geom(&w, 0, what);
}

/* ---------------------------------------------------------------- reading (E)WKB directly */

void
zj_wkb_init(ZjWkb *r, const bytea *ewkb, const char *what)
{
	r->p = (const uint8 *) VARDATA_ANY(ewkb);
	r->end = r->p + VARSIZE_ANY_EXHDR(ewkb);
	r->swap = false;
	r->what = what;
}

static void
wkb_need(ZjWkb *r, Size n)
{
	if ((Size) (r->end - r->p) < n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("%s has a truncated binary representation", r->what)));
}

uint32
zj_wkb_u32(ZjWkb *r)
{
	uint32		v;

	wkb_need(r, 4);
	memcpy(&v, r->p, 4);
	r->p += 4;
	return r->swap ? pg_bswap32(v) : v;
}

double
zj_wkb_f64(ZjWkb *r)
{
	uint64		v;
	double		d;

	wkb_need(r, 8);
	memcpy(&v, r->p, 8);
	r->p += 8;
	if (r->swap)
		v = pg_bswap64(v);
	memcpy(&d, &v, 8);
	return d;
}

/* Header of one (E)WKB geometry: base type, whether it has Z and M, SRID (0 when absent). */
int
zj_wkb_header(ZjWkb *r, bool *hasz, bool *hasm, int *srid)
{
	uint32		type;

	wkb_need(r, 1);
#ifdef WORDS_BIGENDIAN
	r->swap = (*r->p == 1);
#else
	r->swap = (*r->p == 0);
#endif
	if (*r->p > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("%s has an invalid byte order mark", r->what)));
	r->p++;
	type = zj_wkb_u32(r);
	*hasz = (type & 0x80000000) != 0;
	*hasm = (type & 0x40000000) != 0;
	if (type & 0x20000000)
		*srid = (int) zj_wkb_u32(r);
	type &= 0x0FFFFFFF;
	if (type >= 1000 && type < 4000)
	{
		/* ISO WKB: 1000 Z, 2000 M, 3000 ZM */
		*hasz = *hasz || (type / 1000) % 2 == 1;
		*hasm = *hasm || type / 1000 >= 2;
		type %= 1000;
	}
	return (int) type;
}
