/*
 * autocorr.c — the SQL side of spatial autocorrelation: local_moran, getis_ord, spatial_lag
 * (windows), eb_rate and p_adjust (windows without geometry), and the aggregate moran with its
 * state type zjgov.spatialstate.  This file reads rows and arguments, builds the weights.c graph
 * and hands plain arrays to the kernels of spstat.c.
 *
 * Window functions analyse the whole partition on its first row and keep every row's result in
 * the partition cache (winpart.c).  Each row's hash (of its geometry bytes and value) seeds its
 * permutations, so results do not depend on the order of the input.
 */
#include "postgres.h"

#include <limits.h>
#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/typcache.h"
#include "windowapi.h"

#include "aggstate.h"
#include "arrayutil.h"
#include "colour.h"
#include "export.h"
#include "hexfloat.h"
#include "spstat.h"
#include "weights.h"
#include "winpart.h"

typedef void (*SpatialFn) (FunctionCallInfo fcinfo, const ZjRows *rows, const ZjGraph *g, ZjStatRes *out,
						   int scale);

/*
 * Once per call site and query: a query with many small partitions (or groups) gets one notice,
 * not one each.  first: zj_win_first_notice for windows; the aggregate keeps its flag in fn_extra.
 */
static void
few_rows_notice(bool first, const char *fname, int n)
{
	if (first)
		ereport(NOTICE,
				(errmsg("%s needs at least 3 rows with a value and a geometry; a partition has %d", fname, n),
				 errdetail("Such a partition (or group) gets NULL; this notice is given once per query.")));
}

/* The partition's result slots (ZjStatRes each), all NULL until computed. */
static ZjWinPart *
plain_partition(FunctionCallInfo fcinfo)
{
	ZjWinPart  *part = zj_win_part(fcinfo, sizeof(ZjStatRes));

	if (!part->computed)
		zj_check_partition_size(part->nrows);
	return part;
}

/* Row pos's result. */
static void
store_result(ZjWinPart *part, int64 pos, const ZjStatRes *r)
{
	((ZjStatRes *) part->rows)[pos] = *r;
	part->isnull[pos] = r->isnull;
}

/* The current row's result, NULL when the row has none. */
static ZjStatRes *
current_result(ZjWinPart *part, WindowObject winobj)
{
	int64		cur = WinGetCurrentPosition(winobj);

	if (cur < 0 || cur >= part->nrows)
		elog(ERROR, "window row %lld is outside its partition", (long long) cur);
	return part->isnull[cur] ? NULL : &((ZjStatRes *) part->rows)[cur];
}

/* the argument idarg is an id (bigint): neighbours are given as data in argument idarg + 1 */
static bool
ids_given(FunctionCallInfo fcinfo, int idarg)
{
	return get_fn_expr_argtype(fcinfo->flinfo, idarg) == INT8OID;
}

typedef struct IdPos
{
	int64		id;
	int64		pos;
} IdPos;

static int
cmp_idpos(const void *a, const void *b)
{
	const IdPos *p = a,
			   *q = b;

	if (p->id != q->id)
		return p->id < q->id ? -1 : 1;
	return (p->pos > q->pos) - (p->pos < q->pos);
}

static int
cmp_i64(const void *a, const void *b)
{
	int64		x = *(const int64 *) a,
				y = *(const int64 *) b;

	return (x > y) - (x < y);
}

/*
 * Neighbours given as data: the partition rows with an id (argument idarg) and a value in every
 * argument of vargs (float8, or bool as 1/0), in ascending id, as a row set without geometries
 * (x = the first value, hash from the id, so permutations do not depend on the row order);
 * vals[a] in the same order; *g the graph of argument idarg + 1, directed as given.
 */
static ZjRows *
rows_from_ids(FunctionCallInfo fcinfo, int idarg, int nv, const int *vargs, const char *const *names,
			  double **vals, ZjGraph **g)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	int64		total = WinGetPartitionRowCount(winobj);
	ZjRows	   *rows = zj_rows_new(total);
	IdPos	   *keys = palloc(sizeof(IdPos) * Max(total, 1));
	int64	   *known = palloc(sizeof(int64) * Max(total, 1));
	int64	   *ids;
	int64	   *ppos = palloc(sizeof(int64) * Max(total, 1));
	double	   *tmp[4];
	bool		isbool[4];
	int			n = 0,
				nknown = 0;

	for (int a = 0; a < nv; a++)
	{
		tmp[a] = palloc(sizeof(double) * Max(total, 1));
		vals[a] = palloc(sizeof(double) * Max(total, 1));
		isbool[a] = get_fn_expr_argtype(fcinfo->flinfo, vargs[a]) == BOOLOID;
	}
	for (int64 p = 0; p < total; p++)
	{
		bool		isnull,
					isout,
					keep = true;
		Datum		d = WinGetFuncArgInPartition(winobj, idarg, (int) p, WINDOW_SEEK_HEAD, false, &isnull, &isout);

		CHECK_FOR_INTERRUPTS();
		if (isnull || isout)
			continue;
		known[nknown++] = DatumGetInt64(d);
		for (int a = 0; a < nv && keep; a++)
		{
			Datum		v = WinGetFuncArgInPartition(winobj, vargs[a], (int) p, WINDOW_SEEK_HEAD, false,
													 &isnull, &isout);

			if (isnull || isout)
			{
				keep = false;
				break;
			}
			tmp[a][n] = isbool[a] ? (DatumGetBool(v) ? 1.0 : 0.0) : DatumGetFloat8(v);
			if (!isfinite(tmp[a][n]))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s must be finite", names[a]),
						 errdetail("Row %lld of the partition has %s = %g.", (long long) p + 1, names[a], tmp[a][n])));
		}
		if (!keep)
			continue;
		keys[n].id = DatumGetInt64(d);
		keys[n].pos = n;		/* index into tmp and ppos */
		ppos[n] = p;
		n++;
	}
	qsort(known, nknown, sizeof(int64), cmp_i64);
	qsort(keys, n, sizeof(IdPos), cmp_idpos);
	ids = palloc(sizeof(int64) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		int			src = (int) keys[i].pos;

		ids[i] = keys[i].id;
		for (int a = 0; a < nv; a++)
			vals[a][i] = tmp[a][src];
		rows->x[i] = vals[0][i];
		rows->hash[i] = zj_mix64((uint64) keys[i].id);
		rows->pos[i] = ppos[src];
	}
	rows->n = n;
	*g = zj_graph_from_window_ids(winobj, idarg + 1, n, ids, rows->pos, known, nknown, false);
	return rows;
}

/*
 * The current row's result of a spatial window function: on the partition's first call, read the
 * rows (value argument 0, geometry argument 1, weights spec argument 2), build the graph and
 * compute every row.
 */
static ZjStatRes *
spatial_partition(FunctionCallInfo fcinfo, const char *fname, SpatialFn fn)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	ZjWinPart  *part = plain_partition(fcinfo);

	if (!part->computed)
	{
		ZjWeightsSpec spec;
		MemoryContext work,
					old;
		ZjRows	   *rows;

		bool		byid = ids_given(fcinfo, 1);
		ZjGraph    *g = NULL;

		if (!byid)
			zj_weights_parse(text_to_cstring(zj_win_text_arg(fcinfo, 2, "weights")), &spec);

		work = AllocSetContextCreate(CurrentMemoryContext, "zjgov autocorrelation", ALLOCSET_DEFAULT_SIZES);
		old = MemoryContextSwitchTo(work);
		if (byid)
		{
			static const int vargs[] = {0};
			static const char *const names[] = {"value"};
			double	   *vals[1];

			rows = rows_from_ids(fcinfo, 1, 1, vargs, names, vals, &g);
		}
		else
			rows = zj_rows_from_window(fcinfo, 0, "value", 1, NULL);
		if (rows->n < 3)
			few_rows_notice(zj_win_first_notice(fcinfo), fname, rows->n);
		else
		{
			ZjStatRes  *out = palloc(sizeof(ZjStatRes) * rows->n);
			int			scale;

			if (g == NULL)
				g = zj_weights_build(rows, &spec);
			scale = zj_rescale(rows->x, rows->n);
			fn(fcinfo, rows, g, out, scale);
			for (int i = 0; i < rows->n; i++)
				store_result(part, rows->pos[i], &out[i]);
		}
		MemoryContextSwitchTo(old);
		MemoryContextDelete(work);
		part->computed = true;
	}
	return current_result(part, winobj);
}

/* The blessed result row type (in the query's memory). */
static TupleDesc
blessed_result_desc(FunctionCallInfo fcinfo)
{
	TupleDesc	td;
	MemoryContext old;

	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	td = CreateTupleDescCopy(td);
	BlessTupleDesc(td);
	MemoryContextSwitchTo(old);
	return td;
}

/* A window function's result row type, kept for the query beside its partition cache. */
static TupleDesc
result_desc(FunctionCallInfo fcinfo)
{
	ZjWinPart  *part = zj_win_part(fcinfo, sizeof(ZjStatRes));

	if (part->query_extra == NULL)
		part->query_extra = blessed_result_desc(fcinfo);
	return (TupleDesc) part->query_extra;
}

static Datum
float_or_null(double v, bool *isnull)
{
	*isnull = isnan(v);
	return Float8GetDatum(v);
}

/* ---- local Moran ---- */

static void
local_moran_compute(FunctionCallInfo fcinfo, const ZjRows *rows, const ZjGraph *g, ZjStatRes *out,
					int scale)
{
	Datum		nperm = zj_win_arg(fcinfo, 3, "permutations");
	Datum		seed = zj_win_arg(fcinfo, 4, "seed");

	zj_local_moran(rows->n, rows->x, rows->hash, g, DatumGetInt32(nperm), DatumGetInt32(seed), out);
}

PG_FUNCTION_INFO_V1(zjgov_local_moran);
Datum
zjgov_local_moran(PG_FUNCTION_ARGS)
{
	ZjStatRes  *r = spatial_partition(fcinfo, "local_moran", local_moran_compute);
	TupleDesc	td;
	Datum		values[4];
	bool		nulls[4];

	if (r == NULL)
		PG_RETURN_NULL();
	td = result_desc(fcinfo);
	values[0] = float_or_null(r->v[0], &nulls[0]);
	values[1] = float_or_null(r->v[1], &nulls[1]);
	values[2] = float_or_null(r->v[2], &nulls[2]);
	values[3] = CStringGetTextDatum(zj_quadrant_names[r->code]);
	nulls[3] = false;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(td, values, nulls)));
}

/* ---- Getis-Ord ---- */

static void
getis_ord_compute(FunctionCallInfo fcinfo, const ZjRows *rows, const ZjGraph *g, ZjStatRes *out,
				  int scale)
{
	Datum		star = zj_win_arg(fcinfo, 3, "star");

	zj_getis_ord(rows->n, rows->x, g, DatumGetBool(star), out);
}

PG_FUNCTION_INFO_V1(zjgov_getis_ord);
Datum
zjgov_getis_ord(PG_FUNCTION_ARGS)
{
	ZjStatRes  *r = spatial_partition(fcinfo, "getis_ord", getis_ord_compute);
	TupleDesc	td;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	if (r == NULL)
		PG_RETURN_NULL();
	td = result_desc(fcinfo);
	values[0] = Float8GetDatum(r->v[0]);
	values[1] = Float8GetDatum(r->v[1]);
	values[2] = CStringGetTextDatum(zj_hotspot_names[r->code]);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(td, values, nulls)));
}

/* ---- spatial lag ---- */

static void
spatial_lag_compute(FunctionCallInfo fcinfo, const ZjRows *rows, const ZjGraph *g, ZjStatRes *out,
					int scale)
{
	zj_spatial_lag(rows->n, rows->x, g, scale, out);
}

PG_FUNCTION_INFO_V1(zjgov_spatial_lag);
Datum
zjgov_spatial_lag(PG_FUNCTION_ARGS)
{
	ZjStatRes  *r = spatial_partition(fcinfo, "spatial_lag", spatial_lag_compute);

	if (r == NULL)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(r->v[0]);
}

/* ---- window functions without geometry: eb_rate, p_adjust ---- */

/*
 * Read arguments 0 and (when nargs == 2) 1 of every partition row as float8; rows with a NULL
 * are left out.  Returns the count and fills x0/x1/pos (palloc'd in CurrentMemoryContext).
 */
static int
read_values(WindowObject winobj, int nargs, const char *const *names, double **x0, double **x1, int64 **pos)
{
	int64		total = WinGetPartitionRowCount(winobj);
	int			n = 0;

	*x0 = palloc(sizeof(double) * Max(total, 1));
	*x1 = palloc(sizeof(double) * Max(total, 1));
	*pos = palloc(sizeof(int64) * Max(total, 1));
	for (int64 i = 0; i < total; i++)
	{
		double		v[2] = {0, 0};
		bool		skip = false;

		CHECK_FOR_INTERRUPTS();
		for (int a = 0; a < nargs; a++)
		{
			bool		isnull,
						isout;
			Datum		d = WinGetFuncArgInPartition(winobj, a, (int) i, WINDOW_SEEK_HEAD, false, &isnull, &isout);

			if (isnull || isout)
			{
				skip = true;
				break;
			}
			v[a] = DatumGetFloat8(d);
			if (!isfinite(v[a]))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s must be finite", names[a]),
						 errdetail("Row %lld of the partition has %s = %g.", (long long) i + 1, names[a], v[a])));
		}
		if (skip)
			continue;
		(*x0)[n] = v[0];
		(*x1)[n] = v[1];
		(*pos)[n] = i;
		n++;
	}
	return n;
}

/* A float8 window function without geometry: compute the partition on its first row. */
static Datum
float_window(FunctionCallInfo fcinfo, void (*compute) (FunctionCallInfo fcinfo, ZjWinPart *part))
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	ZjWinPart  *part = plain_partition(fcinfo);
	ZjStatRes  *r;

	if (!part->computed)
	{
		compute(fcinfo, part);
		part->computed = true;
	}
	r = current_result(part, winobj);
	if (r == NULL)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(r->v[0]);
}

/* write the kernel's results (one per read row) into the partition's slots */
static void
store_values(ZjWinPart *part, int n, const int64 *pos, const double *v)
{
	for (int i = 0; i < n; i++)
	{
		ZjStatRes	r = {.isnull = false, .v = {v[i]}};

		store_result(part, pos[i], &r);
	}
}

static void
eb_rate_compute(FunctionCallInfo fcinfo, ZjWinPart *part)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	static const char *const names[] = {"events", "population"};
	double	   *e,
			   *p;
	int64	   *pos;
	int			n = read_values(winobj, 2, names, &e, &p, &pos);
	double	   *out = palloc(sizeof(double) * Max(n, 1));

	zj_eb_rate(n, e, p, out);
	store_values(part, n, pos, out);
}

PG_FUNCTION_INFO_V1(zjgov_eb_rate);
Datum
zjgov_eb_rate(PG_FUNCTION_ARGS)
{
	return float_window(fcinfo, eb_rate_compute);
}

static void
p_adjust_compute(FunctionCallInfo fcinfo, ZjWinPart *part)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	static const char *const names[] = {"p"};
	ZjPAdjust	method = zj_p_adjust_method(text_to_cstring(zj_win_text_arg(fcinfo, 1, "method")));
	double	   *p,
			   *unused;
	int64	   *pos;
	int			n = read_values(winobj, 1, names, &p, &unused, &pos);
	double	   *out = palloc(sizeof(double) * Max(n, 1));

	zj_p_adjust(n, p, method, out);
	store_values(part, n, pos, out);
}

PG_FUNCTION_INFO_V1(zjgov_p_adjust);
Datum
zjgov_p_adjust(PG_FUNCTION_ARGS)
{
	return float_window(fcinfo, p_adjust_compute);
}

/* ---- aggregate moran and its state type zjgov.spatialstate ---- */

/*
 * zjgov.spatialstate: the rows of a spatial aggregate, kept until the final function builds the
 * weights graph.  In memory: a header, the weights spec (NUL-terminated, padded to 8), then one
 * record per row: float8 value, uint32 length, that many EWKB bytes, padded to 8.
 * Text form (exact and portable):  v1|<weights>|<n>|<value>,<hex EWKB>;<value>,<hex EWKB>;...
 * with every value in C99 hexadecimal floating point.
 *
 * Neighbours given as data (moran(value, id, neighbours) and the like): the spec is the marker
 * SPSTATE_IDS, which no weights spec can be (zj_weights_parse rejects it), and a record's bytes
 * are little-endian int64s: the row's id, its kind (IDREC_ROW: a row of the analysis followed by
 * its neighbours' ids; IDREC_KNOWN: a row with an id but no value, value 0 and nothing after,
 * kept so that a neighbour pointing at it is ignored rather than unknown).  The same in, out,
 * send, recv and combine serve both forms.
 */
#define ZJ_SPSTATE_VERSION 1
#define SPSTATE_IDS "(ids)"
#define IDREC_ROW 0
#define IDREC_KNOWN 1

typedef struct ZjSpState
{
	int32		vl_len_;
	uint8		version;
	uint8		pad[3];
	int32		speclen;		/* bytes reserved for the spec, padded to 8 */
	int64		n;				/* rows */
	int64		used;			/* bytes used after the spec */
	char		data[FLEXIBLE_ARRAY_MEMBER];
} ZjSpState;

#define SPSTATE_HDRSZ offsetof(ZjSpState, data)
#define SPSTATE_SPEC(s) ((s)->data)
#define SPSTATE_RECS(s) ((s)->data + (s)->speclen)
#define SPSTATE_CAP(s) ((int64) VARSIZE(s) - (int64) SPSTATE_HDRSZ - (s)->speclen)
#define REC_SIZE(len) ((int64) TYPEALIGN64(8, 12 + (int64) (len)))
#define PG_GETARG_SPSTATE(n) ((ZjSpState *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

static ZjSpState *
spstate_new(MemoryContext cxt, const char *spec, int64 cap)
{
	int32		speclen = (int32) TYPEALIGN64(8, strlen(spec) + 1);
	Size		sz = SPSTATE_HDRSZ + speclen + cap;
	ZjSpState  *s;

	if (sz > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many rows for moran"),
				 errdetail("The aggregate keeps every row's geometry and is limited to 1 GB."),
				 errhint("Aggregate smaller groups, or simplify the geometries.")));
	s = MemoryContextAllocZero(cxt, sz);
	SET_VARSIZE(s, sz);
	s->version = ZJ_SPSTATE_VERSION;
	s->speclen = speclen;
	strcpy(SPSTATE_SPEC(s), spec);
	return s;
}

/* room for `more` bytes of records: s itself or a larger copy in cxt (aggstate.h) */
static ZjSpState *
spstate_reserve(ZjSpState *s, int64 more, MemoryContext cxt)
{
	Size		live = SPSTATE_HDRSZ + s->speclen + s->used;

	return zj_state_grow(s, live, live + more, live + 4096, cxt, "moran");
}

static void
spstate_append(ZjSpState *s, double x, const char *wkb, uint32 len)
{
	char	   *p = SPSTATE_RECS(s) + s->used;
	int64		rs = REC_SIZE(len);

	memcpy(p, &x, 8);
	memcpy(p + 8, &len, 4);
	memcpy(p + 12, wkb, len);
	memset(p + 12 + len, 0, rs - 12 - len);
	s->used += rs;
	s->n++;
}

/* record at *off: its value, EWKB length and bytes; advances *off to the next record */
static const char *
spstate_record(const ZjSpState *s, int64 *off, double *x, uint32 *len)
{
	const char *p = SPSTATE_RECS(s) + *off;

	memcpy(x, p, 8);
	memcpy(len, p + 8, 4);
	*off += REC_SIZE(*len);
	return p + 12;
}

/* the state holds neighbours given as data (ids), not geometries */
static bool
spstate_is_ids(const ZjSpState *s)
{
	return strcmp(SPSTATE_SPEC(s), SPSTATE_IDS) == 0;
}

static void
put_i64(char *p, int64 v)
{
	uint64		u = (uint64) v;

	for (int b = 0; b < 8; b++)
		p[b] = (char) ((u >> (8 * b)) & 0xff);
}

static int64
get_i64(const char *p)
{
	uint64		u = 0;

	for (int b = 0; b < 8; b++)
		u |= (uint64) (unsigned char) p[b] << (8 * b);
	return (int64) u;
}

/* an id record's bytes are well formed: id, kind, and neighbours only for a row of the analysis */
static bool
idrec_ok(const char *p, uint32 len, double x)
{
	int64		kind;

	if (len < 16 || len % 8 != 0)
		return false;
	kind = get_i64(p + 8);
	return kind == IDREC_ROW || (kind == IDREC_KNOWN && len == 16 && x == 0);
}

/* the header of a state argument: version, sizes (the records are walked by spstate_validate) */
static void
spstate_header_check(const ZjSpState *s)
{
	if (VARSIZE(s) < SPSTATE_HDRSZ || s->version != ZJ_SPSTATE_VERSION || s->speclen <= 0 ||
		s->used < 0 || s->n < 0 || SPSTATE_CAP(s) < s->used || SPSTATE_SPEC(s)[s->speclen - 1] != '\0')
		zj_state_corrupt("spatialstate", "Its header does not match its size.");
}

/* walk the records; ERROR when they do not fill `used` exactly */
static void
spstate_validate(const ZjSpState *s)
{
	int64		off = 0,
				n = 0;
	const char *recs;

	spstate_header_check(s);
	recs = SPSTATE_RECS(s);
	while (off < s->used)
	{
		uint32		len;
		double		x;

		if (s->used - off < 12)
			break;
		memcpy(&x, recs + off, 8);
		memcpy(&len, recs + off + 8, 4);
		if (!isfinite(x) || REC_SIZE(len) > s->used - off)
			break;
		if (spstate_is_ids(s) && !idrec_ok(recs + off + 12, len, x))
			break;
		off += REC_SIZE(len);
		n++;
	}
	if (off != s->used || n != s->n || SPSTATE_SPEC(s)[s->speclen - 1] != '\0')
		zj_state_corrupt("spatialstate", "Its records do not match its row count and size.");
}

static void
spstate_check_spec(const ZjSpState *s, const char *spec)
{
	if (strcmp(SPSTATE_SPEC(s), spec) != 0 &&
		(spstate_is_ids(s) || strcmp(spec, SPSTATE_IDS) == 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("an aggregate cannot mix rows with geometries and rows with neighbours given as data"),
				 errdetail("A state of neighbours given as data (id and neighbours) met one of geometries and weights \"%s\".",
						   spstate_is_ids(s) ? spec : SPSTATE_SPEC(s))));
	if (strcmp(SPSTATE_SPEC(s), spec) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weights must be the same for every row of an aggregate"),
				 errdetail("One row has \"%s\" and another \"%s\".", SPSTATE_SPEC(s), spec)));
}

static void bad_spstate_text(const char *str) pg_attribute_noreturn();

static void
bad_spstate_text(const char *str)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type spatialstate: \"%.60s\"", str)));
}

PG_FUNCTION_INFO_V1(zjgov_spatialstate_in);
Datum
zjgov_spatialstate_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	char	   *p = str,
			   *bar,
			   *end;
	char	   *spec;
	ZjWeightsSpec ws;
	long long	n;
	ZjSpState  *s;
	int64		total = 0;

	if (strncmp(p, "v1|", 3) != 0)
		bad_spstate_text(str);
	p += 3;
	bar = strchr(p, '|');
	if (!bar)
		bad_spstate_text(str);
	spec = pnstrdup(p, bar - p);
	if (strcmp(spec, SPSTATE_IDS) != 0)
		zj_weights_parse(spec, &ws);
	p = bar + 1;
	errno = 0;
	n = strtoll(p, &end, 10);
	if (end == p || *end != '|' || errno == ERANGE || n < 0 || n > INT_MAX)
		bad_spstate_text(str);
	p = end + 1;
	/* first pass: sizes */
	{
		char	   *q = p;

		for (long long i = 0; i < n; i++)
		{
			char	   *comma = strchr(q, ',');
			char	   *semi;
			size_t		hexlen;

			if (!comma)
				bad_spstate_text(str);
			semi = comma + 1 + strspn(comma + 1, "0123456789abcdefABCDEF");
			hexlen = semi - comma - 1;
			if (hexlen % 2 != 0 || (i < n - 1 ? *semi != ';' : *semi != '\0'))
				bad_spstate_text(str);
			total += REC_SIZE(hexlen / 2);
			if (total > (int64) MaxAllocSize)
				bad_spstate_text(str);
			q = semi + (*semi == ';');
		}
		if (n == 0 && *q != '\0')
			bad_spstate_text(str);
	}
	s = spstate_new(CurrentMemoryContext, spec, total);
	for (long long i = 0; i < n; i++)
	{
		double		x;
		char	   *comma;
		size_t		hexlen;
		char	   *buf;

		errno = 0;
		x = strtod(p, &comma);
		if (comma == p || *comma != ',' || errno == ERANGE || !isfinite(x))
			bad_spstate_text(str);
		hexlen = strspn(comma + 1, "0123456789abcdefABCDEF");
		buf = palloc(hexlen / 2 + 1);
		hex_decode(comma + 1, hexlen, buf);
		if (spstate_is_ids(s) && !idrec_ok(buf, (uint32) (hexlen / 2), x))
			bad_spstate_text(str);
		spstate_append(s, x, buf, (uint32) (hexlen / 2));
		pfree(buf);
		p = comma + 1 + hexlen + 1;
	}
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(zjgov_spatialstate_out);
Datum
zjgov_spatialstate_out(PG_FUNCTION_ARGS)
{
	ZjSpState  *s = PG_GETARG_SPSTATE(0);
	StringInfoData buf;
	int64		off = 0;
	char		num[64];

	spstate_validate(s);
	initStringInfo(&buf);
	appendStringInfo(&buf, "v%d|%s|%lld|", s->version, SPSTATE_SPEC(s), (long long) s->n);
	for (int64 i = 0; i < s->n; i++)
	{
		double		x;
		uint32		len;
		const char *wkb = spstate_record(s, &off, &x, &len);

		zj_hexfloat(num, x);	/* exact hexadecimal float */
		if (i)
			appendStringInfoChar(&buf, ';');
		appendStringInfoString(&buf, num);
		appendStringInfoChar(&buf, ',');
		/* straight into buf: past 1 GB this is a clean 54000, not a palloc XX000 */
		enlargeStringInfo(&buf, (int) Min((uint64) len * 2 + 1, (uint64) MaxAllocSize));
		buf.len += hex_encode(wkb, len, buf.data + buf.len);
		buf.data[buf.len] = '\0';
	}
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(zjgov_spatialstate_send);
Datum
zjgov_spatialstate_send(PG_FUNCTION_ARGS)
{
	ZjSpState  *s = PG_GETARG_SPSTATE(0);
	StringInfoData buf;
	int64		off = 0;

	spstate_validate(s);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->version);
	pq_sendstring(&buf, SPSTATE_SPEC(s));
	pq_sendint64(&buf, s->n);
	for (int64 i = 0; i < s->n; i++)
	{
		double		x;
		uint32		len;
		const char *wkb = spstate_record(s, &off, &x, &len);

		pq_sendfloat8(&buf, x);
		pq_sendint32(&buf, len);
		pq_sendbytes(&buf, wkb, len);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(zjgov_spatialstate_recv);
Datum
zjgov_spatialstate_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	const char *spec;
	ZjWeightsSpec ws;
	int64		n;
	ZjSpState  *s;

	if (version != ZJ_SPSTATE_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported spatialstate version %d", version)));
	spec = pq_getmsgstring(buf);
	if (strcmp(spec, SPSTATE_IDS) != 0)
		zj_weights_parse(spec, &ws);
	n = pq_getmsgint64(buf);
	if (n < 0 || n > (int64) (buf->len - buf->cursor) / 12)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external spatialstate value")));
	s = spstate_new(CurrentMemoryContext, spec, 0);
	for (int64 i = 0; i < n; i++)
	{
		double		x = pq_getmsgfloat8(buf);
		uint32		len = (uint32) pq_getmsgint(buf, 4);
		const char *bytes;

		if (!isfinite(x) || len > (uint32) (buf->len - buf->cursor))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid external spatialstate value")));
		bytes = pq_getmsgbytes(buf, len);
		if (spstate_is_ids(s) && !idrec_ok(bytes, len, x))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid external spatialstate value")));
		s = spstate_reserve(s, REC_SIZE(len), CurrentMemoryContext);
		spstate_append(s, x, bytes, len);
	}
	PG_RETURN_POINTER(s);
}

/*
 * The transition with neighbours given as data (state, value, id, neighbours): a row without an id
 * is left out; a row with an id but no value (getval false or NULL) is recorded as known only;
 * any other row with its neighbours' ids (none for a NULL array), as the window forms read them.
 */
static Datum
spstate_trans_ids(FunctionCallInfo fcinfo, ZjSpState *s, bool (*getval) (FunctionCallInfo fcinfo, double *x))
{
	MemoryContext cxt = CurrentMemoryContext;	/* see spstate_trans */
	int64		id;
	double		x = 0;
	int64		kind = IDREC_KNOWN;
	Datum	   *el = NULL;
	bool	   *elnull = NULL;
	int			cnt = 0;
	uint32		len;
	char	   *buf;

	if (PG_ARGISNULL(2))
	{
		if (s == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(s);
	}
	id = PG_GETARG_INT64(2);
	if (!PG_ARGISNULL(1) && getval(fcinfo, &x))
	{
		kind = IDREC_ROW;
		if (!PG_ARGISNULL(3))
		{
			ArrayType  *a = PG_GETARG_ARRAYTYPE_P(3);

			if (ARR_NDIM(a) > 1)
				ereport(ERROR,
						(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
						 errmsg("neighbours must be a one-dimensional array")));
			deconstruct_array(a, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &el, &elnull, &cnt);
			for (int t = 0; t < cnt; t++)
				if (elnull[t])
					ereport(ERROR,
							(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
							 errmsg("neighbours must not contain NULL"),
							 errdetail("The neighbours of id %lld contain a NULL.", (long long) id)));
		}
	}
	else
		x = 0;
	if (s == NULL)
		s = spstate_new(cxt, SPSTATE_IDS, 4096);
	else
		spstate_check_spec(s, SPSTATE_IDS);
	/* an array is below 1 GB, so its ids fit a record's uint32 length */
	len = (uint32) (16 + 8 * (int64) cnt);
	buf = palloc(len);
	put_i64(buf, id);
	put_i64(buf + 8, kind);
	for (int t = 0; t < cnt; t++)
		put_i64(buf + 16 + 8 * t, DatumGetInt64(el[t]));
	s = spstate_reserve(s, REC_SIZE(len), cxt);
	spstate_append(s, x, buf, len);
	pfree(buf);
	PG_RETURN_POINTER(s);
}

/*
 * The transition of a spatial aggregate (state, value, geom [, weights]): append the row with the
 * value read by getval (false for a NULL value, which skips the row).  With a bigint third
 * argument (state, value, id, neighbours): spstate_trans_ids.
 */
static Datum
spstate_trans(FunctionCallInfo fcinfo, const char *fname, bool (*getval) (FunctionCallInfo fcinfo, double *x))
{
	/*
	 * New and grown states are made in the per-call context: the executor copies a returned new
	 * pointer into the aggregate context itself (aggstate.h).
	 */
	MemoryContext cxt = CurrentMemoryContext;
	ZjSpState  *s = PG_ARGISNULL(0) ? NULL : (ZjSpState *) zj_state_arg(fcinfo, 0);
	char	   *spec;
	double		x;
	bytea	   *wkb;

	if (s != NULL)
		spstate_header_check(s);
	if (zj_arg_type(fcinfo, 2) == INT8OID)
		return spstate_trans_ids(fcinfo, s, getval);
	if (PG_NARGS() > 3)
	{
		if (PG_ARGISNULL(3))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("weights must not be NULL")));
		spec = text_to_cstring(PG_GETARG_TEXT_PP(3));
	}
	else
		spec = "queen";
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || !getval(fcinfo, &x))
	{
		if (s == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(s);
	}
	if (s == NULL)
	{
		ZjWeightsSpec ws;

		zj_weights_parse(spec, &ws);
		s = spstate_new(cxt, spec, 4096);
	}
	else
		spstate_check_spec(s, spec);
	wkb = zj_geom_ewkb(PG_GETARG_DATUM(2), zj_arg_type(fcinfo, 2));
	s = spstate_reserve(s, REC_SIZE(VARSIZE_ANY_EXHDR(wkb)), cxt);
	spstate_append(s, x, VARDATA_ANY(wkb), (uint32) VARSIZE_ANY_EXHDR(wkb));
	pfree(wkb);
	PG_RETURN_POINTER(s);
}

static bool
float8_value(FunctionCallInfo fcinfo, double *x)
{
	*x = PG_GETARG_FLOAT8(1);
	if (!isfinite(*x))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("value must be finite"),
				 errdetail("value is %g.", *x)));
	return true;
}

/* _zjgov_moran_trans(state, value, geom [, weights]) (also geary's) */
PG_FUNCTION_INFO_V1(zjgov_moran_trans);
Datum
zjgov_moran_trans(PG_FUNCTION_ARGS)
{
	return spstate_trans(fcinfo, "_zjgov_moran_trans", float8_value);
}

PG_FUNCTION_INFO_V1(zjgov_moran_combine);
Datum
zjgov_moran_combine(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = CurrentMemoryContext;	/* see _zjgov_moran_trans */
	ZjSpState  *a,
			   *b;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = PG_GETARG_SPSTATE(1);
	spstate_header_check(b);
	if (PG_ARGISNULL(0))
	{
		/* a copy of b (the executor moves it into the aggregate context) */
		a = spstate_new(cxt, SPSTATE_SPEC(b), b->used);
		memcpy(SPSTATE_RECS(a), SPSTATE_RECS(b), b->used);
		a->used = b->used;
		a->n = b->n;
		PG_RETURN_POINTER(a);
	}
	a = (ZjSpState *) zj_state_arg(fcinfo, 0);
	spstate_header_check(a);
	spstate_check_spec(a, SPSTATE_SPEC(b));
	a = spstate_reserve(a, b->used, cxt);
	memcpy(SPSTATE_RECS(a) + a->used, SPSTATE_RECS(b), b->used);
	a->used += b->used;
	a->n += b->n;
	PG_RETURN_POINTER(a);
}

typedef struct MoranRec
{
	double		x;
	uint32		len;
	const char *wkb;
} MoranRec;

/* canonical order of moran's rows: by value, then by the geometry's EWKB */
static int
moran_rec_cmp(const void *a, const void *b)
{
	const MoranRec *p = a,
			   *q = b;
	int			c;

	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	c = memcmp(p->wkb, q->wkb, Min(p->len, q->len));
	if (c != 0)
		return c;
	return p->len < q->len ? -1 : (p->len > q->len ? 1 : 0);
}

/*
 * The rows of a spatial aggregate's state in a canonical order: an aggregate has no row order
 * (parallel workers and Citus shards hand in their partial states in any order), so the rows are
 * read sorted by value, then by the geometry's EWKB; knn ties, which docs/spatial.md breaks by row position,
 * and every floating-point sum then come out the same.
 */
static ZjRows *
spstate_rows(const ZjSpState *s)
{
	ZjRows	   *rows = zj_rows_new(s->n);
	MoranRec   *recs = palloc(sizeof(MoranRec) * Max(s->n, 1));
	int64		off = 0;

	for (int64 i = 0; i < s->n; i++)
		recs[i].wkb = spstate_record(s, &off, &recs[i].x, &recs[i].len);
	qsort(recs, s->n, sizeof(MoranRec), moran_rec_cmp);
	for (int64 i = 0; i < s->n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		zj_rows_add_ewkb(rows, recs[i].wkb, recs[i].len, recs[i].x, i, "geom");
	}
	pfree(recs);
	return rows;
}

typedef struct IdRec
{
	int64		id;
	int64		kind;
	double		x;
	uint32		len;
	const char *bytes;
} IdRec;

/* canonical order of the rows of neighbours given as data: by id, rows of the analysis first */
static int
idrec_cmp(const void *a, const void *b)
{
	const IdRec *p = a,
			   *q = b;

	if (p->id != q->id)
		return p->id < q->id ? -1 : 1;
	return (p->kind > q->kind) - (p->kind < q->kind);
}

/*
 * Neighbours given as data: the values of the state's rows of the analysis in ascending id (*x)
 * and their graph (*g), the lists used as given (a one-way link counts for its own row only);
 * returns the number of rows.  As the window forms: a duplicate id, or a neighbour that is no row's
 * id, is an ERROR 22023; a neighbour that is a row without a value is ignored.
 */
static int
spstate_ids_analysis(const ZjSpState *s, double **x, ZjGraph **g)
{
	IdRec	   *recs;
	int64	   *known;
	int64	   *ids,
			   *nboff,
			   *nbids;
	int64		off = 0,
				nnb = 0,
				t = 0;
	int			n = 0;

	zj_check_partition_size(s->n);
	recs = palloc_extended(sizeof(IdRec) * Max(s->n, 1), MCXT_ALLOC_HUGE);
	known = palloc_extended(sizeof(int64) * Max(s->n, 1), MCXT_ALLOC_HUGE);
	for (int64 i = 0; i < s->n; i++)
	{
		recs[i].bytes = spstate_record(s, &off, &recs[i].x, &recs[i].len);
		recs[i].id = get_i64(recs[i].bytes);
		recs[i].kind = get_i64(recs[i].bytes + 8);
		known[i] = recs[i].id;
		if (recs[i].kind == IDREC_ROW)
		{
			n++;
			nnb += (recs[i].len - 16) / 8;
		}
	}
	qsort(recs, s->n, sizeof(IdRec), idrec_cmp);
	qsort(known, s->n, sizeof(int64), cmp_i64);
	ids = palloc_extended(sizeof(int64) * Max(n, 1), MCXT_ALLOC_HUGE);
	nboff = palloc_extended(sizeof(int64) * (n + 1), MCXT_ALLOC_HUGE);
	nbids = palloc_extended(sizeof(int64) * Max(nnb, 1), MCXT_ALLOC_HUGE);
	*x = palloc_extended(sizeof(double) * Max(n, 1), MCXT_ALLOC_HUGE);
	n = 0;
	for (int64 i = 0; i < s->n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (recs[i].kind != IDREC_ROW)
			continue;
		ids[n] = recs[i].id;
		(*x)[n] = recs[i].x;
		nboff[n] = t;
		for (uint32 b = 16; b < recs[i].len; b += 8)
			nbids[t++] = get_i64(recs[i].bytes + b);
		n++;
	}
	nboff[n] = t;
	*g = zj_graph_from_ids(n, ids, nboff, nbids, known, (int) s->n, false);
	pfree(recs);
	return n;
}

/*
 * The values and the neighbour graph of a spatial aggregate's state (validated), in
 * CurrentMemoryContext: returns the number of rows; *x and *g are set when there are at least
 * minrows (neighbours given as data: always, so a bad list is an ERROR whatever the count).
 */
static int
spstate_analysis(const ZjSpState *s, int minrows, double **x, ZjGraph **g)
{
	ZjWeightsSpec spec;
	ZjRows	   *rows;

	spstate_validate(s);
	*x = NULL;
	*g = NULL;
	if (spstate_is_ids(s))
		return spstate_ids_analysis(s, x, g);
	zj_weights_parse(SPSTATE_SPEC(s), &spec);
	rows = spstate_rows(s);
	if (rows->n >= minrows)
	{
		*x = rows->x;
		*g = zj_weights_build(rows, &spec);
	}
	return rows->n;
}

/* What moran's final function keeps for the query: its result row type, the notice flag. */
typedef struct MoranExtra
{
	TupleDesc	td;
	bool		noticed;
} MoranExtra;

/*
 * The final function of a global statistic over a spatialstate (moran, geary): the state's rows
 * and graph, then fn's (statistic, expected, variance, z, p) as the result row; NULL with one
 * notice per query for fewer than 3 rows.
 */
static Datum
global_final(FunctionCallInfo fcinfo, const char *fname,
			 void (*fn) (int n, double *x, const ZjGraph *g, double res[5], bool nulls[5]))
{
	ZjSpState  *s;
	MemoryContext work,
				old;
	double	   *x;
	ZjGraph    *g;
	int			n;
	double		res[5];
	bool		nulls[5] = {true, true, true, true, true};
	Datum		values[5];
	MoranExtra *me = (MoranExtra *) fcinfo->flinfo->fn_extra;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = PG_GETARG_SPSTATE(0);
	if (me == NULL)
	{
		me = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(MoranExtra));
		me->td = blessed_result_desc(fcinfo);
		fcinfo->flinfo->fn_extra = me;
	}
	work = AllocSetContextCreate(CurrentMemoryContext, "zjgov global statistic", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	n = spstate_analysis(s, 3, &x, &g);
	if (n < 3)
	{
		few_rows_notice(!me->noticed, fname, n);
		me->noticed = true;
		MemoryContextSwitchTo(old);
		MemoryContextDelete(work);
		PG_RETURN_NULL();
	}
	fn(n, x, g, res, nulls);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);
	for (int i = 0; i < 5; i++)
		values[i] = nulls[i] ? (Datum) 0 : Float8GetDatum(res[i]);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(me->td, values, nulls)));
}

PG_FUNCTION_INFO_V1(zjgov_moran_final);
Datum
zjgov_moran_final(PG_FUNCTION_ARGS)
{
	return global_final(fcinfo, "moran", zj_moran);
}

/* ---- 1.1 local statistics: local_geary, local_moran_bv, local_join_count, eb_rate_local ---- */

/*
 * The rows of the partition with a geometry (argument geomarg) and a value in every argument of
 * vargs (float8, or bool read as 1/0); vals[a][i] is row i's value of argument vargs[a].
 */
static ZjRows *
rows_with_values(FunctionCallInfo fcinfo, int geomarg, int nv, const int *vargs,
				 const char *const *names, double **vals)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	int64		total = WinGetPartitionRowCount(winobj);
	int64	   *key = palloc0(sizeof(int64) * Max(total, 1));
	ZjRows	   *rows;
	bool	   *keep;
	bool		isbool[4];
	int			w = 0;

	/*
	 * The rows' canonical order (weights.c) breaks ties of equal geometries by a key: here a hash
	 * of the row's values, so that knn ties and sums do not depend on the order rows arrive in.
	 */
	for (int64 p = 0; p < total; p++)
	{
		uint64		h = 0;

		for (int a = 0; a < nv; a++)
		{
			bool		isnull,
						isout;
			Datum		d = WinGetFuncArgInPartition(winobj, vargs[a], (int) p, WINDOW_SEEK_HEAD, false,
													 &isnull, &isout);
			double		v = (isnull || isout) ? 0 :
				(get_fn_expr_argtype(fcinfo->flinfo, vargs[a]) == BOOLOID ? (double) DatumGetBool(d) : DatumGetFloat8(d));
			uint64		bits;

			memcpy(&bits, &v, sizeof(bits));
			h = zj_mix64(h ^ (bits + (uint64) a));
		}
		key[p] = (int64) h;
	}
	rows = zj_rows_from_window(fcinfo, -1, NULL, geomarg, key);
	keep = palloc(sizeof(bool) * Max(rows->n, 1));

	for (int a = 0; a < nv; a++)
	{
		vals[a] = palloc(sizeof(double) * Max(rows->n, 1));
		isbool[a] = get_fn_expr_argtype(fcinfo->flinfo, vargs[a]) == BOOLOID;
	}
	for (int i = 0; i < rows->n; i++)
	{
		keep[i] = true;
		CHECK_FOR_INTERRUPTS();
		for (int a = 0; a < nv && keep[i]; a++)
		{
			bool		isnull,
						isout;
			Datum		d = WinGetFuncArgInPartition(winobj, vargs[a], (int) rows->pos[i], WINDOW_SEEK_HEAD,
													 false, &isnull, &isout);
			double		v;

			if (isnull || isout)
			{
				keep[i] = false;
				break;
			}
			v = isbool[a] ? (DatumGetBool(d) ? 1.0 : 0.0) : DatumGetFloat8(d);
			if (!isfinite(v))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s must be finite", names[a]),
						 errdetail("Row %lld of the partition has %s = %g.", (long long) rows->pos[i] + 1, names[a], v)));
			vals[a][w] = v;
		}
		if (keep[i])
			w++;
	}
	zj_rows_keep(rows, keep);
	return rows;
}

typedef void (*MultiFn) (FunctionCallInfo fcinfo, int n, double **vals, const uint64 *hash,
						 const ZjGraph *g, ZjStatRes *out);

/* the current row's result of a window over values, a geometry and a weights spec (geomarg + 1) */
static ZjStatRes *
multi_partition(FunctionCallInfo fcinfo, const char *fname, int nv, const int *vargs,
				const char *const *names, int geomarg, bool rescale, MultiFn fn)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	ZjWinPart  *part = plain_partition(fcinfo);

	if (!part->computed)
	{
		ZjWeightsSpec spec;
		MemoryContext work,
					old;
		ZjRows	   *rows;
		double	   *vals[4];
		bool		byid = ids_given(fcinfo, geomarg);
		ZjGraph    *g = NULL;

		if (!byid)
			zj_weights_parse(text_to_cstring(zj_win_text_arg(fcinfo, geomarg + 1, "weights")), &spec);
		work = AllocSetContextCreate(CurrentMemoryContext, "zjgov local statistic", ALLOCSET_DEFAULT_SIZES);
		old = MemoryContextSwitchTo(work);
		if (byid)
			rows = rows_from_ids(fcinfo, geomarg, nv, vargs, names, vals, &g);
		else
			rows = rows_with_values(fcinfo, geomarg, nv, vargs, names, vals);
		if (rows->n < 3)
			few_rows_notice(zj_win_first_notice(fcinfo), fname, rows->n);
		else
		{
			ZjStatRes  *out = palloc(sizeof(ZjStatRes) * rows->n);

			if (g == NULL)
				g = zj_weights_build(rows, &spec);

			/* scale-free statistics: values near the limits of double precision are rescaled */
			for (int a = 0; a < nv && rescale; a++)
				(void) zj_rescale(vals[a], rows->n);
			fn(fcinfo, rows->n, vals, rows->hash, g, out);
			for (int i = 0; i < rows->n; i++)
				store_result(part, rows->pos[i], &out[i]);
		}
		MemoryContextSwitchTo(old);
		MemoryContextDelete(work);
		part->computed = true;
	}
	return current_result(part, winobj);
}

/* permutations and seed: the two arguments after the weights spec */
static void
perm_args(FunctionCallInfo fcinfo, int first, int *nperm, int *seed)
{
	*nperm = DatumGetInt32(zj_win_arg(fcinfo, first, "permutations"));
	*seed = DatumGetInt32(zj_win_arg(fcinfo, first + 1, "seed"));
}

static Datum
stat_tuple(FunctionCallInfo fcinfo, ZjStatRes *r, int nfloat, const char *label)
{
	TupleDesc	td = result_desc(fcinfo);
	Datum		values[4];
	bool		nulls[4];

	for (int a = 0; a < nfloat; a++)
		values[a] = float_or_null(r->v[a], &nulls[a]);
	if (label)
	{
		values[nfloat] = CStringGetTextDatum(label);
		nulls[nfloat] = false;
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(td, values, nulls)));
}

static void
local_geary_compute(FunctionCallInfo fcinfo, int n, double **vals, const uint64 *hash,
					const ZjGraph *g, ZjStatRes *out)
{
	int			nperm,
				seed;

	perm_args(fcinfo, 3, &nperm, &seed);
	zj_local_geary(n, vals[0], hash, g, nperm, seed, out);
}

PG_FUNCTION_INFO_V1(zjgov_local_geary);
Datum
zjgov_local_geary(PG_FUNCTION_ARGS)
{
	static const int vargs[] = {0};
	static const char *const names[] = {"value"};
	ZjStatRes  *r = multi_partition(fcinfo, "local_geary", 1, vargs, names, 1, true, local_geary_compute);

	if (r == NULL)
		PG_RETURN_NULL();
	return stat_tuple(fcinfo, r, 3, zj_geary_cluster_names[r->code]);
}

static void
local_moran_bv_compute(FunctionCallInfo fcinfo, int n, double **vals, const uint64 *hash,
					   const ZjGraph *g, ZjStatRes *out)
{
	int			nperm,
				seed;

	perm_args(fcinfo, 4, &nperm, &seed);
	zj_local_moran_bv(n, vals[0], vals[1], hash, g, nperm, seed, out);
}

PG_FUNCTION_INFO_V1(zjgov_local_moran_bv);
Datum
zjgov_local_moran_bv(PG_FUNCTION_ARGS)
{
	static const int vargs[] = {0, 1};
	static const char *const names[] = {"x", "y"};
	ZjStatRes  *r = multi_partition(fcinfo, "local_moran_bv", 2, vargs, names, 2, true, local_moran_bv_compute);

	if (r == NULL)
		PG_RETURN_NULL();
	return stat_tuple(fcinfo, r, 3, zj_quadrant_names[r->code]);
}

static void
local_join_count_compute(FunctionCallInfo fcinfo, int n, double **vals, const uint64 *hash,
						 const ZjGraph *g, ZjStatRes *out)
{
	int			nperm,
				seed;

	perm_args(fcinfo, 3, &nperm, &seed);
	zj_local_join_count(n, vals[0], hash, g, nperm, seed, out);
}

PG_FUNCTION_INFO_V1(zjgov_local_join_count);
Datum
zjgov_local_join_count(PG_FUNCTION_ARGS)
{
	static const int vargs[] = {0};
	static const char *const names[] = {"x"};
	ZjStatRes  *r = multi_partition(fcinfo, "local_join_count", 1, vargs, names, 1, false, local_join_count_compute);

	if (r == NULL)
		PG_RETURN_NULL();
	return stat_tuple(fcinfo, r, 2, NULL);
}

static void
eb_rate_local_compute(FunctionCallInfo fcinfo, int n, double **vals, const uint64 *hash,
					  const ZjGraph *g, ZjStatRes *out)
{
	double	   *est = palloc(sizeof(double) * n);

	zj_eb_rate_local(n, vals[0], vals[1], g, est);
	for (int i = 0; i < n; i++)
	{
		out[i].isnull = false;
		out[i].v[0] = est[i];
	}
}

PG_FUNCTION_INFO_V1(zjgov_eb_rate_local);
Datum
zjgov_eb_rate_local(PG_FUNCTION_ARGS)
{
	static const int vargs[] = {0, 1};
	static const char *const names[] = {"events", "population"};
	ZjStatRes  *r = multi_partition(fcinfo, "eb_rate_local", 2, vargs, names, 2, false, eb_rate_local_compute);

	if (r == NULL)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(r->v[0]);
}

/* getis_ord(value, geom, weights, star, permutations, seed): permutation p */
static void
getis_ord_perm_compute(FunctionCallInfo fcinfo, const ZjRows *rows, const ZjGraph *g, ZjStatRes *out,
					   int scale)
{
	Datum		star = zj_win_arg(fcinfo, 3, "star");
	int			nperm,
				seed;

	perm_args(fcinfo, 4, &nperm, &seed);
	zj_getis_ord_perm(rows->n, rows->x, rows->hash, g, DatumGetBool(star), nperm, seed, out);
}

PG_FUNCTION_INFO_V1(zjgov_getis_ord_perm);
Datum
zjgov_getis_ord_perm(PG_FUNCTION_ARGS)
{
	ZjStatRes  *r = spatial_partition(fcinfo, "getis_ord", getis_ord_perm_compute);

	if (r == NULL)
		PG_RETURN_NULL();
	return stat_tuple(fcinfo, r, 2, zj_hotspot_names[r->code]);
}

/* ---- aggregates geary and join_counts (state zjgov.spatialstate, as moran) ---- */

PG_FUNCTION_INFO_V1(zjgov_geary_final);
Datum
zjgov_geary_final(PG_FUNCTION_ARGS)
{
	return global_final(fcinfo, "geary", zj_geary);
}

/* a colour's severity rank or a bool as 0/1 */
static bool
category_value(FunctionCallInfo fcinfo, double *x)
{
	if (zj_arg_type(fcinfo, 1) == BOOLOID)
		*x = PG_GETARG_BOOL(1) ? 1 : 0;
	else
		*x = DatumGetOrdinal(PG_GETARG_DATUM(1));
	return true;
}

/* _zjgov_join_counts_trans(state, colour or bool, geom [, weights]) */
PG_FUNCTION_INFO_V1(zjgov_join_counts_trans);
Datum
zjgov_join_counts_trans(PG_FUNCTION_ARGS)
{
	return spstate_trans(fcinfo, "_zjgov_join_counts_trans", category_value);
}

/*
 * The final function of join_counts: an array of (kind, joins, expected, variance, z), same-colour
 * kinds 'a:a' first, then 'a:b' with a before b in severity order, then 'total' (colours only).
 */
static Datum
join_counts_final(FunctionCallInfo fcinfo, bool isbool)
{
	ZjSpState  *s;
	MemoryContext work,
				old;
	double	   *x;
	ZjGraph    *g;
	int			n;
	/* the declared return type: Citus calls final functions without an expression tree */
	Oid			rettype = get_func_rettype(fcinfo->flinfo->fn_oid);
	Oid			elemtype = get_element_type(rettype);
	TupleDesc	td;
	int			present[256] = {0};
	int			code[256];
	int			k = 0,
				nres;
	int			levels[256];
	int		   *cat;
	double	   *joins,
			   *expected,
			   *variance;
	Datum	   *elems;
	ArrayType  *arr;
	int16		typlen;
	bool		typbyval;
	char		typalign;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (!OidIsValid(elemtype))
		elog(ERROR, "join_counts must return an array");
	s = PG_GETARG_SPSTATE(0);
	td = lookup_rowtype_tupdesc_copy(elemtype, -1);
	BlessTupleDesc(td);
	work = AllocSetContextCreate(CurrentMemoryContext, "zjgov join_counts", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	n = spstate_analysis(s, 4, &x, &g);
	if (n < 4)
	{
		MemoryContextSwitchTo(old);
		MemoryContextDelete(work);
		/* once per query: the flag lives in fn_extra */
		if (fcinfo->flinfo->fn_extra == NULL)
		{
			fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, 1);
			ereport(NOTICE,
					(errmsg("join_counts needs at least 4 rows with a value and a geometry; a group has %d", n),
					 errdetail("Such a group gets NULL; this notice is given once per query.")));
		}
		PG_RETURN_NULL();
	}
	for (int i = 0; i < n; i++)
	{
		int			v = (int) x[i];

		if (v < 0 || v > 255 || v != x[i])
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("invalid spatialstate value for join_counts")));
		present[v] = 1;
	}
	for (int v = 0; v < 256; v++)
		if (present[v])
		{
			code[v] = k;
			levels[k++] = v;
		}
	if (isbool && k < 2)
	{
		/* booleans always have both kinds */
		k = 2;
		levels[0] = 0;
		levels[1] = 1;
		code[0] = 0;
		code[1] = 1;
	}
	cat = palloc(sizeof(int) * n);
	for (int i = 0; i < n; i++)
		cat[i] = code[(int) x[i]];
	nres = k + k * (k - 1) / 2 + 1;
	joins = palloc(sizeof(double) * nres);
	expected = palloc(sizeof(double) * nres);
	variance = palloc(sizeof(double) * nres);
	nres = zj_join_counts(n, cat, k, g, joins, expected, variance);
	MemoryContextSwitchTo(old);

	if (isbool)
		nres--;					/* one different kind: no separate total */
	elems = palloc(sizeof(Datum) * nres);
	for (int r = 0; r < nres; r++)
	{
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};
		char		kind[64];
		const char *a,
				   *b;

		if (r < k)
		{
			a = isbool ? (levels[r] ? "true" : "false") : zj_ordinal_name(levels[r], &zj_colour_type);
			snprintf(kind, sizeof(kind), "%s:%s", a, a);
		}
		else if (r < nres - (isbool ? 0 : 1))
		{
			/* pairs in zj_join_counts' order: (hi, lo) for hi = 1 .. k − 1, lo = 0 .. hi − 1 */
			int			t = r - k,
						hi = 1;

			while (t >= hi)
			{
				t -= hi;
				hi++;
			}
			a = isbool ? (levels[t] ? "true" : "false") : zj_ordinal_name(levels[t], &zj_colour_type);
			b = isbool ? (levels[hi] ? "true" : "false") : zj_ordinal_name(levels[hi], &zj_colour_type);
			snprintf(kind, sizeof(kind), "%s:%s", a, b);
		}
		else
			strlcpy(kind, "total", sizeof(kind));
		values[0] = CStringGetTextDatum(kind);
		values[1] = Float8GetDatum(joins[r]);
		values[2] = Float8GetDatum(expected[r]);
		values[3] = Float8GetDatum(variance[r]);
		if (variance[r] > 0 && isfinite(variance[r]))
			values[4] = Float8GetDatum((joins[r] - expected[r]) / sqrt(variance[r]));
		else
		{
			values[4] = (Datum) 0;
			nulls[4] = true;
		}
		if (!isfinite(variance[r]))
		{
			values[3] = (Datum) 0;
			nulls[3] = true;
		}
		elems[r] = HeapTupleGetDatum(heap_form_tuple(td, values, nulls));
	}
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	arr = construct_array(elems, nres, elemtype, typlen, typbyval, typalign);
	MemoryContextDelete(work);
	PG_RETURN_ARRAYTYPE_P(arr);
}

PG_FUNCTION_INFO_V1(zjgov_join_counts_colour_final);
Datum
zjgov_join_counts_colour_final(PG_FUNCTION_ARGS)
{
	return join_counts_final(fcinfo, false);
}

PG_FUNCTION_INFO_V1(zjgov_join_counts_bool_final);
Datum
zjgov_join_counts_bool_final(PG_FUNCTION_ARGS)
{
	return join_counts_final(fcinfo, true);
}
