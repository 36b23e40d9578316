/*
 * emerging.c — emerging hot spot analysis of a space-time cube, the window function
 * emerging_hotspot(value, geom, period, weights, time_window, alpha, p_adjust, missing), one row
 * per (location, period) bin, OVER (PARTITION BY region).
 *
 * On the partition's first row: group the rows into locations (equal geometries) and periods
 * (distinct period values, evenly spaced: a constant step, or months, see check_even); check the cube (no duplicate bins; missing bins an ERROR unless `missing` fills
 * them); build the spatial weights graph of the locations (weights.c) and from it the space-time
 * graph: bin (i, p) has the bins (j, q) with j = i or a spatial neighbour of i and
 * p - time_window <= q <= p; Getis-Ord Gi* of every bin over all L x T bins (spstat.c); then per
 * location the Mann-Kendall trend of its z series against 1..T (kendall.c) and its category by the
 * rules of zj_eh_category.  Results are kept in WinGetPartitionLocalMemory.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"
#include "windowapi.h"

#include "arrayutil.h"
#include "export.h"
#include "geos_bridge.h"
#include "kendall.h"
#include "settings.h"
#include "spstat.h"
#include "weights.h"

/* the largest time_window (more than any series has periods) */
#define EH_MAX_TIME_WINDOW 100000

typedef struct EhRes
{
	bool		isnull;
	uint8		code;			/* getis_ord class */
	uint8		category;		/* 0 .. 16 */
	double		z,
				p,
				tau,
				trend_p;		/* NaN = NULL */
} EhRes;

typedef struct EhPart
{
	bool		done;
	int64		nrows;
	EhRes	   *res;
} EhPart;

/* one usable row of the partition */
typedef struct EhRow
{
	int64		pos;			/* partition row */
	uint64		hash;			/* of the geometry's EWKB; the id with neighbours given as data */
	bytea	   *ewkb;			/* NULL with neighbours given as data */
	int64		period;			/* the period as a number (days, microseconds or the integer) */
	double		x;
	int			loc;
	int			per;
} EhRow;

static int
cmp_row_geom(const void *a, const void *b)
{
	const EhRow *r = *(const EhRow *const *) a,
			   *s = *(const EhRow *const *) b;
	int			lr = VARSIZE_ANY_EXHDR(r->ewkb),
				ls = VARSIZE_ANY_EXHDR(s->ewkb);
	int			c;

	if (r->hash != s->hash)
		return r->hash < s->hash ? -1 : 1;
	if (lr != ls)
		return lr < ls ? -1 : 1;
	c = memcmp(VARDATA_ANY(r->ewkb), VARDATA_ANY(s->ewkb), lr);
	if (c != 0)
		return c;
	return (r->pos > s->pos) - (r->pos < s->pos);
}

/* neighbours given as data: by id, then period (the location's first period first) */
static int
cmp_row_id(const void *a, const void *b)
{
	const EhRow *r = *(const EhRow *const *) a,
			   *s = *(const EhRow *const *) b;

	if (r->hash != s->hash)
		return (int64) r->hash < (int64) s->hash ? -1 : 1;
	return (r->period > s->period) - (r->period < s->period);
}

static bool
same_geom(const EhRow *r, const EhRow *s)
{
	if (r->ewkb == NULL)
		return r->hash == s->hash;
	return r->hash == s->hash && VARSIZE_ANY_EXHDR(r->ewkb) == VARSIZE_ANY_EXHDR(s->ewkb) &&
		memcmp(VARDATA_ANY(r->ewkb), VARDATA_ANY(s->ewkb), VARSIZE_ANY_EXHDR(r->ewkb)) == 0;
}

static int
cmp_int64(const void *a, const void *b)
{
	int64		x = *(const int64 *) a,
				y = *(const int64 *) b;

	return (x > y) - (x < y);
}

/* the period of a row as a number; ERROR for infinite dates and timestamps */
static int64
period_key(Datum d, Oid typ)
{
	if (typ == INT4OID)
		return DatumGetInt32(d);
	if (typ == DATEOID)
	{
		DateADT		v = DatumGetDateADT(d);

		if (DATE_NOT_FINITE(v))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("period must be a finite date")));
		return v;
	}
	if (typ == TIMESTAMPTZOID)
	{
		TimestampTz v = DatumGetTimestampTz(d);

		if (TIMESTAMP_NOT_FINITE(v))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("period must be a finite timestamp")));
		return v;
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("period must be an integer, a date or a timestamp with time zone")));
	return 0;					/* keep the compiler quiet */
}

/* Calendar month number and day of month of a date period. */
static void
period_month(int64 k, int64 *month, int64 *day)
{
	int			y,
				m,
				d;

	j2date((int) k + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	*month = (int64) y * 12 + m - 1;
	*day = d;
}

/*
 * ERROR unless the T distinct ascending periods are evenly spaced: a constant step; for dates also
 * a constant number of calendar months on the same day of the month; for timestamps also steps of
 * 28 to 31 days (monthly timestamps in any time zone, an hour more for a daylight saving change).
 */
static void
check_even(const int64 *per, int T, Oid typ)
{
	bool		even = true;

	for (int p = 2; p < T && even; p++)
		even = per[p] - per[p - 1] == per[1] - per[0];
	if (even)
		return;
	if (typ == DATEOID)
	{
		int64		m0,
					d0,
					mprev,
					step = 0;

		even = true;
		period_month(per[0], &m0, &d0);
		mprev = m0;
		for (int p = 1; p < T && even; p++)
		{
			int64		m,
						d;

			period_month(per[p], &m, &d);
			if (p == 1)
				step = m - mprev;
			even = d == d0 && m - mprev == step && step > 0;
			mprev = m;
		}
	}
	else if (typ == TIMESTAMPTZOID)
	{
		even = true;
		for (int p = 1; p < T && even; p++)
			even = per[p] - per[p - 1] >= 28 * USECS_PER_DAY &&
				per[p] - per[p - 1] <= 31 * USECS_PER_DAY + USECS_PER_HOUR;
	}
	if (even)
		return;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("periods must be evenly spaced"),
			 errdetail("The partition has %d distinct periods whose steps differ%s.", T,
					   typ == DATEOID ? " (and they are not whole calendar months)" :
					   typ == TIMESTAMPTZOID ? " (and they are not monthly: steps of 28 to 31 days)" : ""),
			 errhint("Give every period of the series a row for every location; pass missing => 0 to count absent bins as zero.")));
}

static void
few_bins_notice(int64 n)
{
	ereport(NOTICE,
			(errmsg("emerging_hotspot needs at least 3 bins; the partition has %lld", (long long) n),
			 errdetail("Every row of this partition gets NULL.")));
}

/* analyse the whole partition */
static void
eh_compute(FunctionCallInfo fcinfo, EhPart *part)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	int64		total = part->nrows,
				nu = 0;
	/* emerging_hotspot(value, geom, period, weights, ...) or (value, id, neighbours, period, ...) */
	bool		idform = zj_arg_type(fcinfo, 1) == INT8OID;
	int			parg = idform ? 3 : 2;
	Oid			gtyp = zj_arg_type(fcinfo, 1),
				ptyp = zj_arg_type(fcinfo, parg);
	int64	   *known = NULL;
	int			nknown = 0;
	bool		isnull;
	ZjWeightsSpec spec;
	int			tw;
	double		alpha,
				fill = 0;
	bool		has_fill;
	char	   *padj;
	EhRow	   *rows;
	EhRow	  **byg;
	int64	   *pers;
	int			L = 0,
				T = 0;
	int		   *locrow;			/* loc -> row of the spatial graph (-1: empty geometry) */
	int		   *g2loc;			/* row of the spatial graph -> loc */
	ZjRows	   *zr;
	ZjGraph    *sg,
			   *stg;
	ZjEdges		e = {0};
	int64		n;
	double	   *x;
	bool	   *present;
	int64	   *binrow;
	ZjStatRes  *st;
	double	   *padjv = NULL;
	signed char *sig;
	int		   *catof;
	double	   *tauof,
			   *tpof;

	/* the settings, the same on every row */
	if (!idform)
	{
		zj_weights_parse(text_to_cstring(zj_win_text_arg(fcinfo, 3, "weights")), &spec);
		zj_require_binary(spec.wtype != ZJ_WT_BINARY, "emerging_hotspot");
	}
	tw = DatumGetInt32(zj_win_arg(fcinfo, 4, "time_window"));
	if (tw < 0 || tw > EH_MAX_TIME_WINDOW)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time_window must be between 0 and %d", EH_MAX_TIME_WINDOW),
				 errdetail("Got %d.", tw)));
	alpha = DatumGetFloat8(zj_win_arg(fcinfo, 5, "alpha"));
	if (!(alpha > 0 && alpha < 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("alpha must be in (0, 1)"),
				 errdetail("Got %g.", alpha)));
	padj = text_to_cstring(zj_win_text_arg(fcinfo, 6, "p_adjust"));
	if (pg_strcasecmp(padj, "none") != 0)
		(void) zj_p_adjust_method(padj);	/* ERROR when unknown */
	fill = DatumGetFloat8(zj_win_setting(fcinfo, 7, "missing", &isnull));
	has_fill = !isnull;
	if (has_fill)
		zj_check_finite(fill, "missing");

	/* the usable rows: geometry (or id), period and value all given */
	rows = palloc(sizeof(EhRow) * Max(total, 1));
	if (idform)
		known = palloc(sizeof(int64) * Max(total, 1));
	for (int64 i = 0; i < total; i++)
	{
		bool		isout;
		Datum		dv,
					dg,
					dp;
		EhRow	   *r = &rows[nu];

		CHECK_FOR_INTERRUPTS();
		if (idform)
		{
			Datum		did = WinGetFuncArgInPartition(winobj, 1, (int) i, WINDOW_SEEK_HEAD, false, &isnull, &isout);

			if (!isnull && !isout)
				known[nknown++] = DatumGetInt64(did);
		}
		dv = WinGetFuncArgInPartition(winobj, 0, (int) i, WINDOW_SEEK_HEAD, false, &isnull, &isout);
		if (isnull || isout)
			continue;
		r->x = DatumGetFloat8(dv);
		if (!isfinite(r->x))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("value must be a finite number"),
					 errdetail("Row %lld of the partition has %g.", (long long) i + 1, r->x)));
		dp = WinGetFuncArgInPartition(winobj, parg, (int) i, WINDOW_SEEK_HEAD, false, &isnull, &isout);
		if (isnull || isout)
			continue;
		r->period = period_key(dp, ptyp);
		dg = WinGetFuncArgInPartition(winobj, 1, (int) i, WINDOW_SEEK_HEAD, false, &isnull, &isout);
		if (isnull || isout)
			continue;
		if (idform)
		{
			r->ewkb = NULL;
			r->hash = (uint64) DatumGetInt64(dg);
		}
		else
		{
			r->ewkb = zj_geom_ewkb(dg, gtyp);
			r->hash = hash_bytes_extended((const unsigned char *) VARDATA_ANY(r->ewkb),
										  VARSIZE_ANY_EXHDR(r->ewkb), 0);
		}
		r->pos = i;
		nu++;
	}
	if (nu < 3)
	{
		few_bins_notice(nu);
		return;
	}

	/* locations: equal geometry bytes, or equal ids */
	byg = palloc(sizeof(EhRow *) * nu);
	for (int64 i = 0; i < nu; i++)
		byg[i] = &rows[i];
	qsort(byg, nu, sizeof(EhRow *), idform ? cmp_row_id : cmp_row_geom);
	for (int64 i = 0; i < nu; i++)
	{
		if (i > 0 && !same_geom(byg[i - 1], byg[i]))
			L++;
		byg[i]->loc = L;
	}
	L++;

	/* periods */
	pers = palloc(sizeof(int64) * nu);
	for (int64 i = 0; i < nu; i++)
		pers[i] = rows[i].period;
	qsort(pers, nu, sizeof(int64), cmp_int64);
	for (int64 i = 0; i < nu; i++)
		if (i == 0 || pers[i] != pers[T - 1])
			pers[T++] = pers[i];
	check_even(pers, T, ptyp);
	for (int64 i = 0; i < nu; i++)
	{
		int			lo = 0,
					hi = T - 1;

		while (lo < hi)
		{
			int			mid = (lo + hi) / 2;

			if (pers[mid] < rows[i].period)
				lo = mid + 1;
			else
				hi = mid;
		}
		rows[i].per = lo;
	}

	/* the cube */
	n = (int64) L * T;
	zj_check_partition_size(n);
	x = palloc(sizeof(double) * n);
	present = palloc0(sizeof(bool) * n);
	binrow = palloc(sizeof(int64) * n);
	for (int64 i = 0; i < nu; i++)
	{
		int64		b = (int64) rows[i].loc * T + rows[i].per;

		if (present[b])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("duplicate space-time bin"),
					 errdetail("Rows %lld and %lld of the partition have the same location and period.",
							   (long long) rows[binrow[b]].pos + 1, (long long) rows[i].pos + 1),
					 errhint("Aggregate the values of one location and period first, e.g. with sum().")));
		present[b] = true;
		binrow[b] = i;
		x[b] = rows[i].x;
	}
	if (nu < n)
	{
		if (!has_fill)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg_plural("the space-time cube has %lld missing bin", "the space-time cube has %lld missing bins",
										   (unsigned long) (n - nu), (long long) (n - nu)),
					 errdetail("%d locations times %d periods make %lld bins; the partition gives a value for %lld.",
							   L, T, (long long) n, (long long) nu),
					 errhint("Add the missing (location, period) rows, or pass missing => 0 to count them as zero.")));
		for (int64 b = 0; b < n; b++)
			if (!present[b])
			{
				x[b] = fill;
				binrow[b] = -1;
			}
	}

	/* the spatial graph of the locations */
	locrow = palloc(sizeof(int) * L);
	g2loc = palloc(sizeof(int) * Max(L, 1));
	if (idform)
	{
		/*
		 * Neighbours given as data: the graph rows are the locations in ascending id, each with
		 * the list of its row of the first period; ids of rows left out are known, not errors
		 */
		int64	   *ids = palloc(sizeof(int64) * L);
		int64	   *pos = palloc(sizeof(int64) * L);

		for (int64 i = 0; i < nu; i++)
			if (i == 0 || byg[i]->loc != byg[i - 1]->loc)
			{
				ids[byg[i]->loc] = (int64) byg[i]->hash;
				pos[byg[i]->loc] = byg[i]->pos;
			}
		for (int li = 0; li < L; li++)
			locrow[li] = g2loc[li] = li;
		qsort(known, nknown, sizeof(int64), cmp_int64);
		sg = zj_graph_from_window_ids(winobj, 2, L, ids, pos, known, nknown, false);
	}
	else
	{
		/* the locations in their canonical order (by geometry), so knn ties do not depend on row order */
		zr = zj_rows_new(L);
		for (int64 i = 0; i < nu; i++)
		{
			EhRow	   *r = byg[i];

			if (i > 0 && r->loc == byg[i - 1]->loc)
				continue;
			locrow[r->loc] = zj_rows_add_ewkb(zr, VARDATA_ANY(r->ewkb), VARSIZE_ANY_EXHDR(r->ewkb), 0,
											  r->loc, "geom") ? zr->n - 1 : -1;
		}
		for (int ri = 0; ri < zr->n; ri++)
			g2loc[ri] = (int) zr->pos[ri];
		sg = zj_weights_build(zr, &spec);
	}

	/* the space-time graph: bin (i, p) <- (j, q), j in {i} + N(i), p - tw <= q <= p, not itself */
	for (int li = 0; li < L; li++)
	{
		int			ri = locrow[li];

		CHECK_FOR_INTERRUPTS();
		for (int p = 0; p < T; p++)
		{
			int64		b = (int64) li * T + p;
			int			q0 = Max(0, p - tw);

			for (int q = q0; q < p; q++)
				zj_edges_add(&e, (int) b, (int) ((int64) li * T + q));
			if (ri < 0)
				continue;
			for (int m = sg->off[ri]; m < sg->off[ri + 1]; m++)
			{
				int			lj = g2loc[sg->nb[m]];

				for (int q = q0; q <= p; q++)
					zj_edges_add(&e, (int) b, (int) ((int64) lj * T + q));
			}
		}
	}
	stg = zj_graph_from_edges((int) n, &e);
	st = palloc(sizeof(ZjStatRes) * n);
	(void) zj_rescale(x, (int) n);
	zj_getis_ord((int) n, x, stg, true, st);

	if (pg_strcasecmp(padj, "none") != 0)
	{
		/* adjust over the bins that have a p */
		double	   *pin = palloc(sizeof(double) * n),
				   *pout = palloc(sizeof(double) * n);
		int64		m = 0;

		for (int64 b = 0; b < n; b++)
			if (!st[b].isnull)
				pin[m++] = st[b].v[1];
		zj_p_adjust((int) m, pin, zj_p_adjust_method(padj), pout);
		padjv = palloc(sizeof(double) * n);
		m = 0;
		for (int64 b = 0; b < n; b++)
			padjv[b] = st[b].isnull ? NAN : pout[m++];
	}

	/* per location: significance series, trend of z, category */
	sig = palloc(sizeof(signed char) * T);
	catof = palloc(sizeof(int) * L);
	tauof = palloc(sizeof(double) * L);
	tpof = palloc(sizeof(double) * L);
	{
		ZjPoint    *pts = palloc(sizeof(ZjPoint) * T);

		for (int li = 0; li < L; li++)
		{
			int			m = 0;
			ZjTrend		tr;

			CHECK_FOR_INTERRUPTS();
			for (int p = 0; p < T; p++)
			{
				int64		b = (int64) li * T + p;
				double		pb = padjv ? padjv[b] : st[b].v[1];

				sig[p] = 0;
				if (st[b].isnull)
					continue;
				if (pb <= alpha && st[b].v[0] > 0)
					sig[p] = 1;
				else if (pb <= alpha && st[b].v[0] < 0)
					sig[p] = -1;
				pts[m].t = p + 1;
				pts[m].x = st[b].v[0];
				m++;
			}
			tauof[li] = tpof[li] = NAN;
			if (m >= 3)
			{
				zj_mann_kendall(pts, m, &tr);
				tauof[li] = tr.tau;
				tpof[li] = tr.p;
			}
			catof[li] = zj_eh_category(sig, T, tauof[li], tpof[li], alpha);
		}
	}

	for (int64 b = 0; b < n; b++)
	{
		EhRes	   *o;
		int			li = (int) (b / T);

		if (binrow[b] < 0)
			continue;
		o = &part->res[rows[binrow[b]].pos];
		o->category = catof[li];
		o->tau = tauof[li];
		o->trend_p = tpof[li];
		if (st[b].isnull)
		{
			o->z = o->p = NAN;
			o->code = 3;		/* ns */
		}
		else
		{
			o->z = st[b].v[0];
			o->p = padjv ? padjv[b] : st[b].v[1];
			o->code = st[b].code;
		}
		o->isnull = false;
	}
}

PG_FUNCTION_INFO_V1(zjgov_emerging_hotspot);
Datum
zjgov_emerging_hotspot(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	EhPart	   *part = WinGetPartitionLocalMemory(winobj, sizeof(EhPart));
	int64		cur = WinGetCurrentPosition(winobj);
	EhRes	   *r;
	TupleDesc	td;
	Datum		values[7];
	bool		nulls[7] = {false};

	if (!part->done)
	{
		int64		total = WinGetPartitionRowCount(winobj);
		MemoryContext work,
					old;

		zj_check_partition_size(total);
		part->res = MemoryContextAlloc(GetMemoryChunkContext(part), sizeof(EhRes) * Max(total, 1));
		for (int64 i = 0; i < total; i++)
			part->res[i].isnull = true;
		part->nrows = total;
		work = AllocSetContextCreate(CurrentMemoryContext, "zjgov emerging_hotspot", ALLOCSET_DEFAULT_SIZES);
		old = MemoryContextSwitchTo(work);
		eh_compute(fcinfo, part);
		MemoryContextSwitchTo(old);
		MemoryContextDelete(work);
		part->done = true;
	}
	if (cur < 0 || cur >= part->nrows)
		elog(ERROR, "window row %lld is outside its partition", (long long) cur);
	r = &part->res[cur];
	if (r->isnull)
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	td = BlessTupleDesc(td);
	values[0] = Float8GetDatum(r->z);
	nulls[0] = isnan(r->z);
	values[1] = Float8GetDatum(r->p);
	nulls[1] = isnan(r->p);
	values[2] = CStringGetTextDatum(zj_hotspot_names[r->code]);
	values[3] = CStringGetTextDatum(zj_eh_category_names[r->category]);
	values[4] = CStringGetTextDatum(zj_eh_category_names_zh[r->category]);
	values[5] = Float8GetDatum(r->tau);
	nulls[5] = isnan(r->tau);
	values[6] = Float8GetDatum(r->trend_p);
	nulls[6] = isnan(r->trend_p);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(td, values, nulls)));
}
