/*
 * regions.c — the SQL side of regionalisation: the windows skater and maxp.  Reads a partition's
 * rows (attribute arrays, floor variable, and either geometries with a weights spec or ids with
 * their neighbours given as data), checks them, and hands plain arrays in a canonical row order to
 * the core in regionalize.c.
 *
 * Canonical order: with geometries, from the north-west (descending top edge of the bounding box,
 * then ascending left edge, then the row's hash); with ids, ascending id.  Regions are numbered
 * 1, 2, ... by their first row in that order, so results do not depend on the input order.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "windowapi.h"

#include "arrayutil.h"
#include "export.h"
#include "regionalize.h"
#include "spstat.h"
#include "weights.h"
#include "winpart.h"

/* the rows of one partition that take part, in canonical order */
typedef struct RegInput
{
	bool		idform;
	int			n;
	int			d;
	double	   *x;				/* n × d */
	double	   *fw;				/* n floor values, or NULL */
	int64	   *pos;			/* partition row of each */
	int64	   *id;				/* idform: each row's id */
	ZjGraph    *g;
} RegInput;


static int	cmp_int64(const void *a, const void *b);

/* "rows 3, 7 and 12" (ascending, at most 10 named) of the rows i with sel[i] == want */
static char *
row_list(const RegInput *in, const int *sel, int want)
{
	StringInfoData buf;
	int64	   *names = palloc(sizeof(int64) * Max(in->n, 1));
	int			total = 0;

	initStringInfo(&buf);
	for (int i = 0; i < in->n; i++)
		if (sel[i] == want)
			names[total++] = in->idform ? in->id[i] : in->pos[i] + 1;
	qsort(names, total, sizeof(int64), cmp_int64);
	appendStringInfoString(&buf, in->idform ? (total == 1 ? "id " : "ids ") : (total == 1 ? "row " : "rows "));
	for (int t = 0; t < total && t < 10; t++)
	{
		if (t > 0)
			appendStringInfoString(&buf, t == total - 1 ? " and " : ", ");
		appendStringInfo(&buf, "%lld", (long long) names[t]);
	}
	if (total > 10)
		appendStringInfo(&buf, " and %d more", total - 10);
	pfree(names);
	return buf.data;
}

/* one row's attribute array into in->x (growing), fixing d on the first row */
static bool
read_attrs(WindowObject winobj, int64 p, RegInput *in, int slot, int64 *dpos, int64 cap)
{
	bool		isnull,
				isout;
	Datum		d = WinGetFuncArgInPartition(winobj, 0, (int) p, WINDOW_SEEK_HEAD, false, &isnull, &isout);
	double	   *v;
	int			len;

	if (isnull || isout)
		return false;
	v = zj_float8_array(DatumGetArrayTypeP(d), "x", &len, NULL, false);
	if (len == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("x must not be empty"),
				 errdetail("Row %lld of the partition has an empty x.", (long long) p + 1)));
	if (in->d == 0)
	{
		in->d = len;
		*dpos = p;
		if ((Size) cap * len > MaxAllocSize / sizeof(double) * 4)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many attribute values in one partition")));
		in->x = palloc_extended(sizeof(double) * (Size) Max(cap, 1) * len, MCXT_ALLOC_HUGE);
	}
	else if (len != in->d)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("x must have the same length on every row"),
				 errdetail("Row %lld of the partition has %d values and row %lld has %d.",
						   (long long) *dpos + 1, in->d, (long long) p + 1, len)));
	memcpy(in->x + (int64) slot * in->d, v, sizeof(double) * len);
	pfree(v);
	return true;
}

/* one row's floor variable: false when NULL; ERROR when negative or not finite */
static bool
read_floor_var(WindowObject winobj, int fwarg, int64 p, double *out)
{
	bool		isnull,
				isout;
	Datum		d = WinGetFuncArgInPartition(winobj, fwarg, (int) p, WINDOW_SEEK_HEAD, false, &isnull, &isout);
	double		v;

	if (isnull || isout)
		return false;
	v = DatumGetFloat8(d);
	if (!isfinite(v) || v < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("floor_var must be finite and not negative"),
				 errdetail("Row %lld of the partition has floor_var = %g.", (long long) p + 1, v)));
	*out = v;
	return true;
}

typedef struct CanonKey
{
	double		top,
				left;
	uint64		hash;
	uint64		vhash;			/* of the row's attributes and floor value */
	int64		pos;
	int			idx;
} CanonKey;

static int
cmp_canon(const void *a, const void *b)
{
	const CanonKey *p = a,
			   *q = b;

	if (p->top != q->top)
		return p->top > q->top ? -1 : 1;
	if (p->left != q->left)
		return p->left < q->left ? -1 : 1;
	if (p->hash != q->hash)
		return p->hash < q->hash ? -1 : 1;
	if (p->vhash != q->vhash)
		return p->vhash < q->vhash ? -1 : 1;
	return (p->pos > q->pos) - (p->pos < q->pos);
}

typedef struct IdKey
{
	int64		id;
	int			idx;
} IdKey;

static int
cmp_idkey(const void *a, const void *b)
{
	const IdKey *p = a,
			   *q = b;

	if (p->id != q->id)
		return p->id < q->id ? -1 : 1;
	return (p->idx > q->idx) - (p->idx < q->idx);
}

static int
cmp_int64(const void *a, const void *b)
{
	int64		x = *(const int64 *) a,
				y = *(const int64 *) b;

	return (x > y) - (x < y);
}

/* rows with a geometry: x argument 0, geom 1, weights spec wsarg, floor variable fwarg (or −1) */
static void
read_geom_rows(FunctionCallInfo fcinfo, int wsarg, int fwarg, RegInput *in)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	ZjWeightsSpec spec;
	ZjRows	   *rows;
	bool	   *keep;
	double	   *fw = NULL;
	int64		dpos = 0;
	int			n = 0;
	CanonKey   *keys;
	double	   *x2,
			   *fw2 = NULL;

	zj_weights_parse(text_to_cstring(zj_win_text_arg(fcinfo, wsarg, "weights")), &spec);
	/* regions join neighbours; how near they are has no part in it */
	zj_require_binary(spec.wtype != ZJ_WT_BINARY, get_func_name(fcinfo->flinfo->fn_oid));
	rows = zj_rows_from_window(fcinfo, -1, NULL, 1, NULL);
	keep = palloc(sizeof(bool) * Max(rows->n, 1));
	if (fwarg >= 0)
		fw = palloc(sizeof(double) * Max(rows->n, 1));
	for (int i = 0; i < rows->n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		keep[i] = read_attrs(winobj, rows->pos[i], in, n, &dpos, rows->n) &&
			(fwarg < 0 || read_floor_var(winobj, fwarg, rows->pos[i], &fw[n]));
		if (keep[i])
			n++;
	}
	zj_rows_keep(rows, keep);
	Assert(rows->n == n);

	/* canonical order: from the north-west */
	keys = palloc(sizeof(CanonKey) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		double		xmin,
					ymin,
					xmax,
					ymax;

		zj_geos_extent(rows->geom[i], "geom", &xmin, &ymin, &xmax, &ymax);
		keys[i].top = ymax;
		keys[i].left = xmin;
		keys[i].hash = rows->hash[i];
		keys[i].vhash = 0;
		for (int j = 0; j <= in->d; j++)
		{
			double		v = j < in->d ? in->x[(int64) i * in->d + j] : (fw ? fw[i] : 0);
			uint64		bits;

			memcpy(&bits, &v, sizeof(bits));
			keys[i].vhash = zj_mix64(keys[i].vhash ^ (bits + (uint64) j));
		}
		keys[i].pos = rows->pos[i];
		keys[i].idx = i;
	}
	qsort(keys, n, sizeof(CanonKey), cmp_canon);
	{
		GEOSGeometry **geom = palloc(sizeof(GEOSGeometry *) * Max(n, 1));
		uint64	   *hash = palloc(sizeof(uint64) * Max(n, 1));
		int64	   *pos = palloc(sizeof(int64) * Max(n, 1));

		x2 = palloc_extended(sizeof(double) * (Size) Max(n, 1) * Max(in->d, 1), MCXT_ALLOC_HUGE);
		if (fw)
			fw2 = palloc(sizeof(double) * Max(n, 1));
		for (int i = 0; i < n; i++)
		{
			int			s = keys[i].idx;

			geom[i] = rows->geom[s];
			hash[i] = rows->hash[s];
			pos[i] = rows->pos[s];
			memcpy(x2 + (int64) i * in->d, in->x + (int64) s * in->d, sizeof(double) * in->d);
			if (fw)
				fw2[i] = fw[s];
		}
		memcpy(rows->geom, geom, sizeof(GEOSGeometry *) * n);
		memcpy(rows->hash, hash, sizeof(uint64) * n);
		memcpy(rows->pos, pos, sizeof(int64) * n);
		for (int i = 0; i < n; i++)
			rows->x[i] = 0;
	}
	in->n = n;
	in->x = x2;
	in->fw = fw2;
	in->pos = rows->pos;
	in->g = n > 0 ? zj_weights_build(rows, &spec) : NULL;
}

/* rows with ids: x argument 0, id 1, neighbours 2, floor variable fwarg (or −1) */
static void
read_id_rows(FunctionCallInfo fcinfo, int fwarg, RegInput *in)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	int64		total = WinGetPartitionRowCount(winobj);
	int64	   *known;
	int			nknown = 0;
	IdKey	   *keys;
	int64	   *pos;
	double	   *fw = NULL;
	int64		dpos = 0;
	int			n = 0;
	double	   *x2;

	zj_check_partition_size(total);
	known = palloc(sizeof(int64) * Max(total, 1));
	keys = palloc(sizeof(IdKey) * Max(total, 1));
	pos = palloc(sizeof(int64) * Max(total, 1));
	if (fwarg >= 0)
		fw = palloc(sizeof(double) * Max(total, 1));
	for (int64 p = 0; p < total; p++)
	{
		bool		isnull,
					isout;
		Datum		d = WinGetFuncArgInPartition(winobj, 1, (int) p, WINDOW_SEEK_HEAD, false, &isnull, &isout);

		CHECK_FOR_INTERRUPTS();
		if (isnull || isout)
			continue;
		known[nknown++] = DatumGetInt64(d);
		if (!read_attrs(winobj, p, in, n, &dpos, total))
			continue;
		if (fwarg >= 0 && !read_floor_var(winobj, fwarg, p, &fw[n]))
			continue;
		keys[n].id = DatumGetInt64(d);
		keys[n].idx = n;
		pos[n] = p;
		n++;
	}
	qsort(known, nknown, sizeof(int64), cmp_int64);
	qsort(keys, n, sizeof(IdKey), cmp_idkey);

	in->n = n;
	in->id = palloc(sizeof(int64) * Max(n, 1));
	in->pos = palloc(sizeof(int64) * Max(n, 1));
	x2 = palloc_extended(sizeof(double) * (Size) Max(n, 1) * Max(in->d, 1), MCXT_ALLOC_HUGE);
	if (fw)
		in->fw = palloc(sizeof(double) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		int			s = keys[i].idx;

		in->id[i] = keys[i].id;
		in->pos[i] = pos[s];
		memcpy(x2 + (int64) i * in->d, in->x + (int64) s * in->d, sizeof(double) * in->d);
		if (fw)
			in->fw[i] = fw[s];
	}
	in->x = x2;
	in->g = zj_graph_from_window_ids(winobj, 2, n, in->id, in->pos, known, nknown, true);
}

static void
read_input(FunctionCallInfo fcinfo, int wsarg, int fwarg, RegInput *in)
{
	memset(in, 0, sizeof(*in));
	in->idform = get_fn_expr_argtype(fcinfo->flinfo, 1) == INT8OID;
	if (in->idform)
		read_id_rows(fcinfo, fwarg, in);
	else
		read_geom_rows(fcinfo, wsarg, fwarg, in);
}

/* the partition's regions (int each), all NULL until computed */
static ZjWinPart *
reg_partition(FunctionCallInfo fcinfo)
{
	ZjWinPart  *part = zj_win_part(fcinfo, sizeof(int));

	if (!part->computed)
		zj_check_partition_size(part->nrows);
	return part;
}

static void
store_region(ZjWinPart *part, int64 pos, int region)
{
	((int *) part->rows)[pos] = region;
	part->isnull[pos] = false;
}

static Datum
reg_result(ZjWinPart *part, FunctionCallInfo fcinfo)
{
	int64		cur = WinGetCurrentPosition(PG_WINDOW_OBJECT());

	if (cur < 0 || cur >= part->nrows)
		elog(ERROR, "window row %lld is outside its partition", (long long) cur);
	if (part->isnull[cur])
		PG_RETURN_NULL();
	PG_RETURN_INT32(((int *) part->rows)[cur]);
}

/* ---- skater ---- */

/*
 * skater(x, geom, k, weights, min_size, criterion) and (x, geom, k, weights, floor_var, floor,
 * criterion); with neighbours as data (x, id, neighbours, k, ...) the same from argument 4 on.
 */
PG_FUNCTION_INFO_V1(zjgov_skater);
Datum
zjgov_skater(PG_FUNCTION_ARGS)
{
	ZjWinPart  *part = reg_partition(fcinfo);

	if (!part->computed)
	{
		bool		floorform = PG_NARGS() == 7;
		bool		idform = get_fn_expr_argtype(fcinfo->flinfo, 1) == INT8OID;
		int			karg = idform ? 3 : 2;
		int			k = DatumGetInt32(zj_win_arg(fcinfo, karg, "k"));
		double		floor;
		ZjRegionCrit crit;
		MemoryContext work,
					old;
		RegInput	in;

		if (floorform)
		{
			floor = DatumGetFloat8(zj_win_arg(fcinfo, 5, "floor"));
			if (!isfinite(floor))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("floor must be finite")));
		}
		else
		{
			int			min_size = DatumGetInt32(zj_win_arg(fcinfo, 4, "min_size"));

			if (min_size < 1)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("min_size must be at least 1"),
						 errdetail("min_size is %d.", min_size)));
			floor = min_size;
		}
		crit = zj_region_criterion(text_to_cstring(zj_win_text_arg(fcinfo, floorform ? 6 : 5, "criterion")));
		if (k < 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("k must be at least 1"),
					 errdetail("k is %d.", k)));

		work = AllocSetContextCreate(CurrentMemoryContext, "zjgov skater", ALLOCSET_DEFAULT_SIZES);
		old = MemoryContextSwitchTo(work);
		read_input(fcinfo, 3, floorform ? 4 : -1, &in);
		if (in.n > 0)
		{
			int		   *comp = palloc(sizeof(int) * in.n);
			int			nc = zj_components(in.g, comp);
			int		   *region = palloc(sizeof(int) * in.n);
			double	   *csum = palloc0(sizeof(double) * nc);
			int			made;

			if (k > in.n)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("k must not exceed the number of rows"),
						 errdetail("k is %d and the partition has %d rows with x%s.", k, in.n,
								   in.idform ? " and an id" : " and a geometry")));
			if (k < nc)
			{
				/* name the rows outside the largest part */
				int		   *size = palloc0(sizeof(int) * nc);
				int			big = 0;
				int		   *outside = palloc(sizeof(int) * in.n);

				for (int i = 0; i < in.n; i++)
					size[comp[i]]++;
				for (int c = 1; c < nc; c++)
					if (size[c] > size[big])
						big = c;
				for (int i = 0; i < in.n; i++)
					outside[i] = comp[i] != big;
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("k is less than the number of connected parts of the neighbour graph"),
						 errdetail("k is %d, and the neighbour graph has %d parts, which regions never cross; outside the largest part: %s.",
								   k, nc, row_list(&in, outside, 1)),
						 errhint("Raise k to at least %d, or link those rows (a snap tolerance, knn or distance weights, or neighbours given as data).", nc)));
			}
			for (int i = 0; i < in.n; i++)
				csum[comp[i]] += in.fw ? in.fw[i] : 1.0;
			for (int c = 0; c < nc; c++)
				if (!(csum[c] >= floor))
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("no region can reach the floor"),
							 errdetail("The connected part of %s has %s %g, below the floor %g.",
									   row_list(&in, comp, c), in.fw ? "a floor_var sum of" : "a size of",
									   csum[c], floor)));
			made = zj_skater(in.n, in.d, in.x, in.g, k, in.fw, floor, crit, region);
			if (made < k)
				ereport(NOTICE,
						(errmsg("skater made %d regions instead of %d", made, k),
						 errdetail("No further cut leaves both parts at the floor.")));
			for (int i = 0; i < in.n; i++)
				store_region(part, in.pos[i], region[i] + 1);
		}
		MemoryContextSwitchTo(old);
		MemoryContextDelete(work);
		part->computed = true;
	}
	return reg_result(part, fcinfo);
}

/* ---- maxp ---- */

#define ZJ_MAX_ITERATIONS 100000

/*
 * maxp(x, geom, floor_var, floor, weights, iterations, seed) and, with neighbours as data,
 * maxp(x, id, neighbours, floor_var, floor, iterations, seed).
 */
PG_FUNCTION_INFO_V1(zjgov_maxp);
Datum
zjgov_maxp(PG_FUNCTION_ARGS)
{
	ZjWinPart  *part = reg_partition(fcinfo);

	if (!part->computed)
	{
		bool		idform = get_fn_expr_argtype(fcinfo->flinfo, 1) == INT8OID;
		double		floor = DatumGetFloat8(zj_win_arg(fcinfo, idform ? 4 : 3, "floor"));
		int			iterations = DatumGetInt32(zj_win_arg(fcinfo, 5, "iterations"));
		int			seed = DatumGetInt32(zj_win_arg(fcinfo, 6, "seed"));
		MemoryContext work,
					old;
		RegInput	in;

		if (!isfinite(floor) || floor <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("floor must be a finite number greater than 0"),
					 errdetail("floor is %g.", floor)));
		if (iterations < 1 || iterations > ZJ_MAX_ITERATIONS)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("iterations must be between 1 and %d", ZJ_MAX_ITERATIONS),
					 errdetail("iterations is %d.", iterations)));
		work = AllocSetContextCreate(CurrentMemoryContext, "zjgov maxp", ALLOCSET_DEFAULT_SIZES);
		old = MemoryContextSwitchTo(work);
		read_input(fcinfo, 4, idform ? 3 : 2, &in);
		if (in.n > 0)
		{
			int		   *region = palloc(sizeof(int) * in.n);
			int		   *none = palloc(sizeof(int) * in.n);
			int			left = 0;

			(void) zj_maxp(in.n, in.d, in.x, in.g, in.fw, floor, iterations, seed, region);
			for (int i = 0; i < in.n; i++)
			{
				none[i] = region[i] < 0;
				left += none[i];
				if (region[i] >= 0)
					store_region(part, in.pos[i], region[i] + 1);
			}
			/* one NOTICE per query, however many partitions have such rows */
			if (left > 0 && zj_win_first_notice(fcinfo))
			{
				ereport(NOTICE,
						(errmsg_plural("%d row cannot join a region of maxp and gets NULL",
									   "%d rows cannot join a region of maxp and get NULL", left, left),
						 errdetail("Their connected parts of the neighbour graph have a floor_var sum below the floor %g: %s.",
								   floor, row_list(&in, none, 1))));
			}
		}
		MemoryContextSwitchTo(old);
		MemoryContextDelete(work);
		part->computed = true;
	}
	return reg_result(part, fcinfo);
}
