/*
 * scorecard.c — building and validating a scorecard: monotone WOE binning (woe_bins, woe, iv),
 * ranking power (auc, ks), population stability (psi) and the logistic regression fit.
 *
 * Aggregate states are zjgov.aggstate (aggstate.h), never internal:
 *   kind 'r', width 3: (risk, bad count, good count) records of auc and ks;
 *   kind 'w', width 3: (value, bad count, good count) records of woe_bins, with
 *                      aux[0], aux[1] = bad and good counts of rows whose value is NULL,
 *                      aux[2] = min_share, param = max_bins;
 *   kind 'l', width 1 + p: (bad, x1 .. xp) rows of logistic_fit, param = p.
 * In 'r' and 'w' states aux[3] counts the leading records that form one sorted run of distinct
 * values.  Transitions append raw records; when the state is full, or the records after that run
 * reach an eighth of it, they are sorted, equal values merged and the result merged into the run,
 * in place, so a state holds at most about twice as many records as there are distinct values,
 * and a state leaves a parallel worker (or a Citus shard) nearly all one run: the sorting is done
 * where the rows are read, and the leader only merges.  Combine concatenates and merges
 * the same way; final functions read the single run.  Sorting dominates: O(n log n) for auc and
 * ks, exact with ties.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "executor/executor.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
#include "utils/typcache.h"

#include "aggstate.h"
#include "arrayutil.h"
#include "callcache.h"
#include "grade.h"
#include "export.h"

#define MAX_PREDICTORS 63		/* aggstate records hold at most 64 doubles */
#define WOE_START_BINS 20

/* a transition that skips its row: the state unchanged (still NULL before the first row) */
#define PG_RETURN_STATE(s) \
	do { if ((s) == NULL) PG_RETURN_NULL(); PG_RETURN_POINTER(s); } while (0)

/* ------------------------------------------------------------------ runs of (value, bad, good) */

/* aux[3] of an 'r' or 'w' state: how many leading records are sorted by value, values distinct */
#define RUNS_SORTED 3
/* the unsorted tail is merged into the run when it reaches an eighth of it, at least this */
#define RUNS_CHUNK 4096

typedef struct Rec3
{
	double		v,
				b,
				g;
} Rec3;

#define ST_SORT sort_rec3
#define ST_ELEMENT_TYPE Rec3
#define ST_COMPARE(x, y) ((x)->v < (y)->v ? -1 : ((x)->v > (y)->v ? 1 : 0))
#define ST_SCOPE static
#define ST_CHECK_FOR_INTERRUPTS
#define ST_DECLARE
#define ST_DEFINE
#include "lib/sort_template.h"

/* Merge runs of equal values of a sorted array in place; returns the new length. */
static int64
merge_equal(Rec3 *r, int64 n)
{
	int64		out = 0;

	if (n == 0)
		return 0;
	for (int64 i = 1; i < n; i++)
	{
		if (r[i].v == r[out].v)
		{
			r[out].b += r[i].b;
			r[out].g += r[i].g;
		}
		else if (++out != i)
			r[out] = r[i];
	}
	return out + 1;
}

/*
 * Make r[0 .. n) one sorted run of distinct values, in place, when r[0 .. p) is one already: sort
 * the records after it (an O(n) check when they are sorted), merge their equal values, then merge
 * the two runs from the back (no record moves before it is read).  Returns the new length.
 */
static int64
runs_merge(Rec3 *r, int64 p, int64 n)
{
	int64		t,
				i,
				j,
				k;
	Rec3	   *tail;

	if (p >= n)
		return n;
	sort_rec3(r + p, n - p);
	t = merge_equal(r + p, n - p);
	if (p == 0)
		return t;
	tail = palloc_extended(sizeof(Rec3) * t, MCXT_ALLOC_HUGE);
	memcpy(tail, r + p, sizeof(Rec3) * t);
	i = p - 1;
	j = t - 1;
	k = p + t - 1;
	while (j >= 0)
	{
		if (i >= 0 && r[i].v > tail[j].v)
			r[k--] = r[i--];
		else if (i >= 0 && r[i].v == tail[j].v)
		{
			Rec3		m = r[i--];

			m.b += tail[j].b;
			m.g += tail[j--].g;
			r[k--] = m;
		}
		else
			r[k--] = tail[j--];
	}
	while (i >= 0)
		r[k--] = r[i--];
	pfree(tail);
	/* equal values merged leave k + 1 free slots at the front */
	if (k >= 0)
		memmove(r, r + k + 1, sizeof(Rec3) * (p + t - k - 1));
	return p + t - k - 1;
}

/*
 * The length of the sorted run a state starts with.  A state from elsewhere (text input, another
 * process) is not trusted: with verify, a claim that does not hold counts as no run at all.
 */
static int64
runs_sorted(const ZjAggState *s, bool verify)
{
	double		p = s->aux[RUNS_SORTED];
	const Rec3 *r = (const Rec3 *) s->data;

	if (!(p >= 0 && p <= s->n && p == floor(p)))
		return 0;
	if (verify)
		for (int64 i = 1; i < (int64) p; i++)
			if (!(r[i].v > r[i - 1].v))
				return 0;
	return (int64) p;
}

static void
runs_compact(ZjAggState *s)
{
	s->n = runs_merge((Rec3 *) s->data, runs_sorted(s, false), s->n);
	s->aux[RUNS_SORTED] = (double) s->n;
}

/* Append one (value, bad, good) record, compacting before growing. */
static ZjAggState *
runs_append(ZjAggState *s, double value, bool bad, MemoryContext cxt, const char *what)
{
	Rec3	   *r;

	if (s->n >= ZJ_AGGSTATE_CAP(s))
	{
		runs_compact(s);
		if (s->n > ZJ_AGGSTATE_CAP(s) / 2)
			s = zj_aggstate_reserve(s, 1, cxt, what);
	}
	r = (Rec3 *) ZJ_AGGSTATE_REC(s, s->n);
	r->v = value;
	r->b = bad ? 1.0 : 0.0;
	r->g = bad ? 0.0 : 1.0;
	s->n++;
	/* keep the unsorted tail short: a state leaves its process (parallel worker, Citus shard)
	 * nearly all one run, so the leader's combine and final only merge */
	if (s->n - runs_sorted(s, false) >= Max(RUNS_CHUNK, (int64) s->aux[RUNS_SORTED] / 8))
		runs_compact(s);
	return s;
}

static bool
is_count(double c)
{
	return isfinite(c) && c >= 0.0 && c == floor(c) && c < 9007199254740992.0;
}

/*
 * The records of a runs state as one sorted run of distinct values: the state itself when it is
 * one already, else a compacted private copy.  Every record is checked (a state may come from text
 * input, whose sorted-prefix claim is verified too).  Returns the totals of bad and good counts.
 */
static ZjAggState *
runs_final(ZjAggState *in, char kind, double *bads, double *goods)
{
	Rec3	   *r = (Rec3 *) in->data;
	double		b = 0,
				g = 0;
	int64		sorted;
	ZjAggState *s;

	zj_aggstate_check(in, kind, 3);
	sorted = runs_sorted(in, true);
	for (int64 i = 0; i < in->n; i++)
	{
		if ((i & 0xFFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		if (!isfinite(r[i].v) || !is_count(r[i].b) || !is_count(r[i].g))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid aggregate state: record %lld is not (finite value, count, count)",
							(long long) i + 1)));
		b += r[i].b;
		g += r[i].g;
	}
	*bads = b;
	*goods = g;
	if (sorted == in->n)
		return in;
	s = zj_aggstate_copy(in, true);
	s->aux[RUNS_SORTED] = (double) sorted;
	runs_compact(s);
	return s;
}

/* auc, ks transition: (risk, bad); NULLs are skipped. */
PG_FUNCTION_INFO_V1(zjgov_rank_accum);
Datum
zjgov_rank_accum(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = CurrentMemoryContext;	/* the executor copies new states into its own context */

	ZjAggState *s = zj_aggstate_arg(fcinfo, 0);	/* a private copy when called directly */
	double		risk;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_STATE(s);
	risk = PG_GETARG_FLOAT8(1);
	zj_check_finite(risk, "risk");
	if (s == NULL)
		s = zj_aggstate_new(cxt, 'r', 3, 0, 64);
	else
		zj_aggstate_check(s, 'r', 3);
	s = runs_append(s, risk, PG_GETARG_BOOL(2), cxt, "auc and ks");
	PG_RETURN_POINTER(s);
}

static void
need_both_classes(double bads, double goods, const char *fname)
{
	if (bads == 0 || goods == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s needs both bad and good rows", fname),
				 errdetail("The group has %.0f bad and %.0f good rows.", bads, goods)));
}

/* AUC = (#pairs with risk_bad > risk_good + ½ #ties) / (B·G), one pass over the sorted runs. */
PG_FUNCTION_INFO_V1(zjgov_auc_final);
Datum
zjgov_auc_final(PG_FUNCTION_ARGS)
{
	double		B,
				G,
				goods_below = 0,
				wins = 0;
	ZjAggState *s = runs_final(PG_GETARG_ZJAGGSTATE(0), 'r', &B, &G);

	need_both_classes(B, G, "auc");
	for (int64 i = 0; i < s->n; i++)
	{
		double	   *r = ZJ_AGGSTATE_REC(s, i);

		/* counts are integers below 2^53, so b·(goods below) and b·g/2 are exact */
		wins += r[1] * goods_below + 0.5 * r[1] * r[2];
		goods_below += r[2];
	}
	PG_RETURN_FLOAT8(wins / B / G);
}

/* KS = max over thresholds t of |F_bad(t) − F_good(t)|, F the empirical distribution functions. */
PG_FUNCTION_INFO_V1(zjgov_ks_final);
Datum
zjgov_ks_final(PG_FUNCTION_ARGS)
{
	double		B,
				G,
				cb = 0,
				cg = 0,
				ks = 0;
	ZjAggState *s = runs_final(PG_GETARG_ZJAGGSTATE(0), 'r', &B, &G);

	need_both_classes(B, G, "ks");
	for (int64 i = 0; i < s->n; i++)
	{
		double	   *r = ZJ_AGGSTATE_REC(s, i);
		double		d;

		cb += r[1];
		cg += r[2];
		d = fabs(cb / B - cg / G);
		if (d > ks)
			ks = d;
	}
	PG_RETURN_FLOAT8(ks);
}

/* Combine for every state family of this file: concatenate, then merge runs. */
PG_FUNCTION_INFO_V1(zjgov_scorecard_combine);
Datum
zjgov_scorecard_combine(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = CurrentMemoryContext;	/* the executor copies new states into its own context */

	ZjAggState *a = PG_GETARG_ZJAGGSTATE(0);
	ZjAggState *b = PG_GETARG_ZJAGGSTATE(1);
	ZjAggState *t;

	if (a->kind == 'l')
		zj_aggstate_check(a, 'l', a->width);
	else
		zj_aggstate_check(a, a->kind == 'w' ? 'w' : 'r', 3);
	zj_aggstate_check(b, a->kind, a->width);
	if (b->param != a->param || (a->kind == 'w' && a->aux[2] != b->aux[2]))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine aggregate states with different parameters")));
	t = zj_aggstate_new(cxt, a->kind, a->width, a->param, Max(a->n + b->n, 1));
	memcpy(t->aux, a->aux, sizeof(a->aux));
	if (a->kind == 'w')
	{
		t->aux[0] += b->aux[0];
		t->aux[1] += b->aux[1];
	}
	if (t->kind == 'l')
	{
		memcpy(t->data, a->data, (Size) a->n * a->width * sizeof(double));
		memcpy(t->data + a->n * a->width, b->data, (Size) b->n * b->width * sizeof(double));
		t->n = a->n + b->n;
	}
	else
	{
		/* each input becomes one run, then the two runs merge in linear time */
		Rec3	   *r = (Rec3 *) t->data;
		int64		na,
					nb;

		memcpy(r, a->data, (Size) a->n * sizeof(Rec3));
		na = runs_merge(r, runs_sorted(a, true), a->n);
		memcpy(r + na, b->data, (Size) b->n * sizeof(Rec3));
		nb = runs_merge(r + na, runs_sorted(b, true), b->n);
		t->n = runs_merge(r, na, na + nb);
		t->aux[RUNS_SORTED] = (double) t->n;
	}
	PG_RETURN_POINTER(t);
}

/* ------------------------------------------------------------------ WOE binning */

/* The max_bins and min_share arguments (3 and 4, when given) of a woe_bins transition. */
static void
woe_params(FunctionCallInfo fcinfo, int32 *max_bins, double *min_share)
{
	*max_bins = 5;
	*min_share = 0.05;
	if (PG_NARGS() > 3)
	{
		if (PG_ARGISNULL(3))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("max_bins must not be NULL")));
		*max_bins = PG_GETARG_INT32(3);
	}
	if (PG_NARGS() > 4)
	{
		if (PG_ARGISNULL(4))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("min_share must not be NULL")));
		*min_share = PG_GETARG_FLOAT8(4);
	}
	if (*max_bins < 1 || *max_bins > 1000)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max_bins must be between 1 and 1000"),
				 errdetail("Got %d.", *max_bins)));
	if (isnan(*min_share) || *min_share < 0.0 || *min_share > 0.5)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("min_share must be between 0 and 0.5"),
				 errdetail("Got %g.", *min_share)));

}

/*
 * The state of a woe_bins transition that keeps its row: a new one (kind, width, room for cap
 * records, in the per-call context) carrying max_bins and min_share, or s checked against them.
 */
static ZjAggState *
woe_state(FunctionCallInfo fcinfo, ZjAggState *s, char kind, int width, int64 cap)
{
	int32		max_bins;
	double		min_share;

	woe_params(fcinfo, &max_bins, &min_share);
	if (s == NULL)
	{
		s = zj_aggstate_new(CurrentMemoryContext, kind, width, max_bins, cap);
		s->aux[2] = min_share;
		return s;
	}
	zj_aggstate_check(s, kind, width);
	if (s->param != max_bins || s->aux[2] != min_share)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max_bins and min_share must be the same for every row of a group")));
	return s;
}

/*
 * The start of both woe_bins transitions (value, bad, max_bins, min_share): a NULL bad skips the
 * row (its parameters still checked); a NULL value counts in the NULL bin, aux[0] bad, aux[1] good.
 * False when the row is done; *sp is the state (a private copy when called directly).
 */
static bool
woe_row(FunctionCallInfo fcinfo, char kind, int width, int64 cap, ZjAggState **sp, bool *bad)
{
	ZjAggState *s = zj_aggstate_arg(fcinfo, 0);

	*sp = s;
	if (PG_ARGISNULL(2))
	{
		int32		max_bins;
		double		min_share;

		woe_params(fcinfo, &max_bins, &min_share);
		return false;
	}
	*bad = PG_GETARG_BOOL(2);
	*sp = s = woe_state(fcinfo, s, kind, width, cap);
	if (PG_ARGISNULL(1))
	{
		s->aux[*bad ? 0 : 1] += 1.0;
		return false;
	}
	return true;
}

/* woe_bins transition: (value, bad, max_bins, min_share); a NULL bad skips the row. */
PG_FUNCTION_INFO_V1(zjgov_woe_accum);
Datum
zjgov_woe_accum(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = CurrentMemoryContext;	/* the executor copies new states into its own context */
	ZjAggState *s;
	bool		bad;

	if (!woe_row(fcinfo, 'w', 3, 64, &s, &bad))
		PG_RETURN_STATE(s);
	zj_check_finite(PG_GETARG_FLOAT8(1), "value");
	s = runs_append(s, PG_GETARG_FLOAT8(1), bad, cxt, "woe_bins");
	PG_RETURN_POINTER(s);
}

typedef struct WoeBin
{
	int64		first;			/* index of its first distinct value */
	double		b,
				g;
	double		woe,
				iv;
} WoeBin;

/* WOE and IV of a bin, a zero count replaced by 0.5 before the shares are taken. */
static void
bin_stats(WoeBin *w, double B, double G)
{
	double		pb = (w->b > 0 ? w->b : 0.5) / B;
	double		pg = (w->g > 0 ? w->g : 0.5) / G;

	w->woe = log(pb / pg);
	w->iv = (pb - pg) * w->woe;
}

static void
merge_bins(WoeBin *bins, int *nb, int i, double B, double G)
{
	bins[i].b += bins[i + 1].b;
	bins[i].g += bins[i + 1].g;
	bin_stats(&bins[i], B, G);
	memmove(&bins[i + 1], &bins[i + 2], sizeof(WoeBin) * (*nb - i - 2));
	(*nb)--;
}

/*
 * Merge adjacent bins until WOE is strictly monotone in direction dir (+1 rising, −1 falling)
 * and at most max_bins remain, each time taking the merge that loses the least IV: among the
 * pairs that break monotonicity while there are any, else among all pairs.  Returns total IV.
 */
static double
monotone_merge(WoeBin *bins, int *nb, int dir, int max_bins, double B, double G)
{
	double		total = 0;

	for (;;)
	{
		bool		broken = false;
		int			best = -1;
		double		best_loss = 0;

		for (int i = 0; i + 1 < *nb; i++)
			if (dir * (bins[i + 1].woe - bins[i].woe) <= 0)
				broken = true;
		if (!broken && *nb <= max_bins)
			break;
		for (int i = 0; i + 1 < *nb; i++)
		{
			WoeBin		m;
			double		loss;

			if (broken && dir * (bins[i + 1].woe - bins[i].woe) > 0)
				continue;
			m.b = bins[i].b + bins[i + 1].b;
			m.g = bins[i].g + bins[i + 1].g;
			bin_stats(&m, B, G);
			loss = bins[i].iv + bins[i + 1].iv - m.iv;
			if (best < 0 || loss < best_loss)
			{
				best = i;
				best_loss = loss;
			}
		}
		merge_bins(bins, nb, best, B, G);
	}
	for (int i = 0; i < *nb; i++)
		total += bins[i].iv;
	return total;
}

/* The OID of zjgov.woe_bin, looked up once per query (cached in fn_extra). */
static Oid
woe_bin_typid(FunctionCallInfo fcinfo)
{
	Oid		   *cached = (Oid *) fcinfo->flinfo->fn_extra;

	if (cached == NULL)
	{
		Oid			nsp = get_namespace_oid("zjgov", false);
		Oid			typid = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
											CStringGetDatum("woe_bin"), ObjectIdGetDatum(nsp));

		if (!OidIsValid(typid))
			elog(ERROR, "type zjgov.woe_bin is missing");
		cached = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(Oid));
		*cached = typid;
		fcinfo->flinfo->fn_extra = cached;
	}
	return *cached;
}

static Datum
make_bin(TupleDesc td, double lower, double upper, bool bounds_null, double b, double g,
		 double B, double G)
{
	WoeBin		w;
	Datum		v[6];
	bool		nulls[6] = {bounds_null, bounds_null, false, false, false, false};

	w.b = b;
	w.g = g;
	bin_stats(&w, B, G);
	v[0] = Float8GetDatum(lower);
	v[1] = Float8GetDatum(upper);
	v[2] = Int64GetDatum((int64) (b + g));
	v[3] = Int64GetDatum((int64) b);
	v[4] = Float8GetDatum(w.woe);
	v[5] = Float8GetDatum(w.iv);
	return HeapTupleGetDatum(heap_form_tuple(td, v, nulls));
}

PG_FUNCTION_INFO_V1(zjgov_woe_bins_final);
Datum
zjgov_woe_bins_final(PG_FUNCTION_ARGS)
{
	ZjAggState *in = PG_GETARG_ZJAGGSTATE(0);
	double		B,
				G,
				N,
				nullb,
				nullg;
	int			max_bins = in->param;
	double		min_share = in->aux[2];
	ZjAggState *s;
	WoeBin	   *up,
			   *down,
			   *bins;
	int			nb = 0,
				nup,
				ndown;
	Oid			typid = woe_bin_typid(fcinfo);
	TupleDesc	td = lookup_rowtype_tupdesc_copy(typid, -1);
	Datum	   *out;
	int			nout = 0;

	s = runs_final(in, 'w', &B, &G);
	nullb = s->aux[0];
	nullg = s->aux[1];
	if (!is_count(nullb) || !is_count(nullg) || max_bins < 1 || isnan(min_share) ||
		min_share < 0 || min_share > 0.5)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid aggregate state for woe_bins")));
	N = B + G;					/* rows with a value */
	B += nullb;
	G += nullg;
	need_both_classes(B, G, "woe_bins");

	bins = palloc(sizeof(WoeBin) * (WOE_START_BINS + 1));
	if (s->n > 0)
	{
		/* up to 20 quantile bins: close a bin once the running count reaches the next j·N/20 */
		int			nstart = (int) Min(s->n, WOE_START_BINS);
		int			j = 1;
		double		cum = 0;

		bins[0].first = 0;
		bins[0].b = bins[0].g = 0;
		nb = 1;
		for (int64 i = 0; i < s->n; i++)
		{
			double	   *r = ZJ_AGGSTATE_REC(s, i);

			bins[nb - 1].b += r[1];
			bins[nb - 1].g += r[2];
			cum += r[1] + r[2];
			if (i + 1 < s->n && j < nstart && cum >= N * j / nstart)
			{
				while (j < nstart && cum >= N * j / nstart)
					j++;
				bins[nb].first = i + 1;
				bins[nb].b = bins[nb].g = 0;
				nb++;
			}
		}
		for (int i = 0; i < nb; i++)
			bin_stats(&bins[i], B, G);

		/* each bin at least min_share of the rows with a value: merge the smallest away */
		while (nb > 1)
		{
			int			k = 0;
			int			with;

			for (int i = 1; i < nb; i++)
				if (bins[i].b + bins[i].g < bins[k].b + bins[k].g)
					k = i;
			if (bins[k].b + bins[k].g >= min_share * N)
				break;
			if (k == 0)
				with = 0;
			else if (k == nb - 1)
				with = k - 1;
			else
				with = (bins[k + 1].b + bins[k + 1].g < bins[k - 1].b + bins[k - 1].g) ? k : k - 1;
			merge_bins(bins, &nb, with, B, G);
		}

		/* the monotone direction that keeps more IV (rising on a tie) */
		up = palloc(sizeof(WoeBin) * nb);
		down = palloc(sizeof(WoeBin) * nb);
		memcpy(up, bins, sizeof(WoeBin) * nb);
		memcpy(down, bins, sizeof(WoeBin) * nb);
		nup = ndown = nb;
		if (monotone_merge(up, &nup, 1, max_bins, B, G) >=
			monotone_merge(down, &ndown, -1, max_bins, B, G))
		{
			bins = up;
			nb = nup;
		}
		else
		{
			bins = down;
			nb = ndown;
		}
	}

	out = palloc(sizeof(Datum) * (nb + 1));
	for (int i = 0; i < nb; i++)
	{
		double		lower = i == 0 ? -INFINITY : ZJ_AGGSTATE_REC(s, bins[i].first)[0];
		double		upper = i == nb - 1 ? INFINITY : ZJ_AGGSTATE_REC(s, bins[i + 1].first)[0];

		out[nout++] = make_bin(td, lower, upper, false, bins[i].b, bins[i].g, B, G);
	}
	if (nullb + nullg > 0)
		out[nout++] = make_bin(td, 0, 0, true, nullb, nullg, B, G);
	PG_RETURN_ARRAYTYPE_P(construct_array(out, nout, typid, -1, false, TYPALIGN_DOUBLE));
}

/* Read the bins of a woe_bin[] as (lower, upper, woe, iv) with NULL flags for the bounds. */
typedef struct BinView
{
	bool		null_bin;
	double		lower,
				upper;
	bool		woe_null,
				iv_null;
	double		woe,
				iv;
} BinView;

static BinView *
read_bins(ArrayType *a, int *n)
{
	Datum	   *elems;
	bool	   *nulls;
	int16		typlen;
	bool		typbyval;
	char		typalign;
	BinView    *v;

	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("bins must be a one-dimensional array")));
	get_typlenbyvalalign(ARR_ELEMTYPE(a), &typlen, &typbyval, &typalign);
	deconstruct_array(a, ARR_ELEMTYPE(a), typlen, typbyval, typalign, &elems, &nulls, n);
	v = palloc(sizeof(BinView) * Max(*n, 1));
	for (int i = 0; i < *n; i++)
	{
		HeapTupleHeader th;
		bool		ln,
					un;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("bins must not contain NULL elements"),
					 errdetail("Element %d is NULL.", i + 1)));
		th = DatumGetHeapTupleHeader(elems[i]);
		v[i].lower = DatumGetFloat8(GetAttributeByNum(th, 1, &ln));
		v[i].upper = DatumGetFloat8(GetAttributeByNum(th, 2, &un));
		v[i].woe = DatumGetFloat8(GetAttributeByNum(th, 5, &v[i].woe_null));
		v[i].iv = DatumGetFloat8(GetAttributeByNum(th, 6, &v[i].iv_null));
		if (ln != un)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("bin %d of bins has one NULL bound", i + 1),
					 errdetail("Only the bin of NULL values has lower and upper NULL.")));
		v[i].null_bin = ln;
		if (ln)
		{
			v[i].lower = v[i].upper = 0;
		}
		else if (isnan(v[i].lower) || isnan(v[i].upper) || !(v[i].lower < v[i].upper))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("bin %d of bins must have lower < upper", i + 1)));
	}
	pfree(elems);
	pfree(nulls);
	return v;
}

/* The checked bins of a woe_bin[], as the call cache keeps them. */
typedef struct Bins
{
	int			n;
	BinView    *v;
} Bins;

static void *
bins_build(Datum value, Oid typoid, MemoryContext cxt, void *arg, Size *size)
{
	ArrayType  *a = DatumGetArrayTypeP(value);
	Bins	   *b = palloc(sizeof(Bins));

	b->v = read_bins(a, &b->n);
	if ((Pointer) a != DatumGetPointer(value))
		pfree(a);
	*size = sizeof(Bins) + sizeof(BinView) * Max(b->n, 1);
	return b;
}

/* woe(value, bins): the WOE of the bin [lower, upper) holding value; NULL value: the NULL bin. */
PG_FUNCTION_INFO_V1(zjgov_woe);
Datum
zjgov_woe(PG_FUNCTION_ARGS)
{
	int			n;
	BinView    *v;
	Bins	   *bins;
	double		x = 0;

	if (PG_ARGISNULL(1))
		PG_RETURN_NULL();
	/* the bins are usually the same on every row: read and checked once per distinct value */
	bins = zj_callcache_get(fcinfo, 1, 1, bins_build, NULL);
	n = bins->n;
	v = bins->v;
	if (!PG_ARGISNULL(0))
	{
		x = PG_GETARG_FLOAT8(0);
		zj_check_finite(x, "value");
	}
	for (int i = 0; i < n; i++)
	{
		bool		hit = PG_ARGISNULL(0) ? v[i].null_bin :
			(!v[i].null_bin && v[i].lower <= x && x < v[i].upper);

		if (hit)
		{
			if (v[i].woe_null)
				PG_RETURN_NULL();
			PG_RETURN_FLOAT8(v[i].woe);
		}
	}
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();		/* no bin of NULL values: nothing to say */
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("value %g lies in no bin", x),
			 errhint("Bins from woe_bins cover every number: the first starts at -Infinity, the last ends at Infinity.")));
	PG_RETURN_NULL();
}

PG_FUNCTION_INFO_V1(zjgov_iv);
Datum
zjgov_iv(PG_FUNCTION_ARGS)
{
	int			n;
	BinView    *v = read_bins(PG_GETARG_ARRAYTYPE_P(0), &n);
	double		total = 0;

	for (int i = 0; i < n; i++)
	{
		if (v[i].iv_null || isnan(v[i].iv))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("bin %d of bins has no iv", i + 1)));
		total += v[i].iv;
	}
	PG_RETURN_FLOAT8(total);
}

/* ------------------------------------------------------------------ PSI */

static double *
shares(ArrayType *a, const char *argname, int *n)
{
	double	   *x = zj_float8_array(a, argname, n, NULL, false);
	double		sum = 0;

	if (*n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be empty", argname)));
	for (int i = 0; i < *n; i++)
	{
		if (x[i] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must not contain negative numbers", argname),
					 errdetail("Element %d is %g.", i + 1, x[i])));
		sum += x[i];
	}
	if (!(sum > 0) || !isfinite(sum))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must have a positive finite sum", argname)));
	for (int i = 0; i < *n; i++)
	{
		x[i] /= sum;
		if (x[i] == 0)
			x[i] = 1e-6;
	}
	return x;
}

PG_FUNCTION_INFO_V1(zjgov_psi);
Datum
zjgov_psi(PG_FUNCTION_ARGS)
{
	int			ne,
				na;
	double	   *e = shares(PG_GETARG_ARRAYTYPE_P(0), "expected", &ne);
	double	   *a = shares(PG_GETARG_ARRAYTYPE_P(1), "actual", &na);
	double		total = 0;

	if (ne != na)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("expected and actual must have the same length"),
				 errdetail("expected has %d bins, actual %d.", ne, na)));
	for (int i = 0; i < ne; i++)
		total += (a[i] - e[i]) * log(a[i] / e[i]);
	PG_RETURN_FLOAT8(total);
}

/* ------------------------------------------------------------------ logistic regression */

/* logistic_fit transition: (bad, x); rows with a NULL bad, x or element of x are skipped. */
PG_FUNCTION_INFO_V1(zjgov_logit_accum);
Datum
zjgov_logit_accum(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = CurrentMemoryContext;	/* the executor copies new states into its own context */

	ZjAggState *s = zj_aggstate_arg(fcinfo, 0);	/* a private copy when called directly */
	ArrayType  *xa;
	double	   *x,
			   *r;
	bool	   *nulls;
	int			p;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_STATE(s);
	xa = PG_GETARG_ARRAYTYPE_P(2);
	x = zj_float8_array(xa, "x", &p, &nulls, false);
	if (p > MAX_PREDICTORS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("x must have at most %d elements", MAX_PREDICTORS),
				 errdetail("It has %d.", p)));
	if (s == NULL)
		s = zj_aggstate_new(cxt, 'l', p + 1, p, 64);
	else
	{
		zj_aggstate_check(s, 'l', s->width);
		if (s->param != p)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("x must have the same length in every row"),
					 errdetail("This row has %d elements, earlier rows %d.", p, s->param)));
	}
	for (int i = 0; i < p; i++)
		if (nulls[i])
			PG_RETURN_POINTER(s);
	s = zj_aggstate_reserve(s, 1, cxt, "logistic_fit");
	r = ZJ_AGGSTATE_REC(s, s->n);
	r[0] = PG_GETARG_BOOL(1) ? 1.0 : 0.0;
	memcpy(r + 1, x, sizeof(double) * p);
	s->n++;
	PG_RETURN_POINTER(s);
}

/*
 * Solve A z = rhs (k×k symmetric, row-major) by Cholesky on the unit-diagonal scaling of A.
 * Returns -1 on success, else the index of the column whose pivot fell below tol (A is then
 * numerically singular: that column is a combination of the earlier ones).
 */
static int
solve_spd(const double *A, const double *rhs, double *z, int k, double tol)
{
	double	   *L = palloc0(sizeof(double) * k * k);
	double	   *d = palloc(sizeof(double) * k);
	double	   *y = palloc(sizeof(double) * k);

	for (int i = 0; i < k; i++)
	{
		if (!(A[i * k + i] > 0) || !isfinite(A[i * k + i]))
			return i;
		d[i] = 1.0 / sqrt(A[i * k + i]);
	}
	for (int j = 0; j < k; j++)
	{
		double		s = 1.0;	/* scaled diagonal */

		for (int m = 0; m < j; m++)
			s -= L[j * k + m] * L[j * k + m];
		if (!(s > tol))
			return j;
		L[j * k + j] = sqrt(s);
		for (int i = j + 1; i < k; i++)
		{
			double		v = A[i * k + j] * d[i] * d[j];

			for (int m = 0; m < j; m++)
				v -= L[i * k + m] * L[j * k + m];
			L[i * k + j] = v / L[j * k + j];
		}
	}
	/* scaled system: (D A D)(D⁻¹ z) = D rhs */
	for (int i = 0; i < k; i++)
	{
		double		v = rhs[i] * d[i];

		for (int m = 0; m < i; m++)
			v -= L[i * k + m] * y[m];
		y[i] = v / L[i * k + i];
	}
	for (int i = k - 1; i >= 0; i--)
	{
		double		v = y[i];

		for (int m = i + 1; m < k; m++)
			v -= L[m * k + i] * z[m];
		z[i] = v / L[i * k + i];
	}
	for (int i = 0; i < k; i++)
		z[i] *= d[i];
	pfree(L);
	pfree(d);
	pfree(y);
	return -1;
}

static void
column_name(char *buf, size_t len, int j)
{
	if (j == 0)
		snprintf(buf, len, "the intercept");
	else
		snprintf(buf, len, "x[%d]", j);
}

/*
 * H = XᵀWX and g = Xᵀ(y − μ) at beta, X with the intercept column; with beta NULL, H = XᵀX (W = 1)
 * and g = 0.  Returns whether every fitted μ is within 1e-9 of its outcome (complete separation).
 */
static bool
cross_products(const ZjAggState *s, int k, const double *beta, double *H, double *g)
{
	bool		perfect = true;

	memset(H, 0, sizeof(double) * k * k);
	memset(g, 0, sizeof(double) * k);
	for (int64 i = 0; i < s->n; i++)
	{
		const double *r = ZJ_AGGSTATE_REC(s, i);
		double		w = 1.0,
					resid = 0.0;

		if ((i & 0xFFFFF) == 0)
			CHECK_FOR_INTERRUPTS();

		if (beta)
		{
			double		eta = beta[0],
						e,
						mu;

			for (int j = 1; j < k; j++)
				eta += beta[j] * r[j];
			e = exp(-fabs(eta));
			mu = eta >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
			w = e / ((1.0 + e) * (1.0 + e));
			resid = r[0] - mu;
			if (fabs(resid) > 1e-9)
				perfect = false;
		}
		for (int a = 0; a < k; a++)
		{
			double		xa = a == 0 ? 1.0 : r[a];

			g[a] += xa * resid;
			for (int b = 0; b <= a; b++)
				H[a * k + b] += w * xa * (b == 0 ? 1.0 : r[b]);
		}
	}
	for (int a = 0; a < k; a++)
		for (int b = a + 1; b < k; b++)
			H[a * k + b] = H[b * k + a];
	return perfect;
}

#define LOGIT_MAXIT 100

/*
 * Maximum likelihood by Newton's method (= IRLS) from β = 0:
 * μ = 1/(1 + e^−Xβ), W = μ(1 − μ), β += (XᵀWX)⁻¹ Xᵀ(y − μ), until every step is below
 * 1e-10·(1 + |β_j|).  A singular XᵀX is an ERROR; so is separation, seen as a perfect fit, a
 * singular XᵀWX, or no convergence within 100 steps (a coefficient running off to infinity).
 */
/* lexicographic order of two records of *arg doubles */
static int
cmp_record(const void *a, const void *b, void *arg)
{
	const double *x = a,
			   *y = b;
	int			w = *(const uint16 *) arg;

	for (int i = 0; i < w; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

PG_FUNCTION_INFO_V1(zjgov_logit_final);
Datum
zjgov_logit_final(PG_FUNCTION_ARGS)
{
	ZjAggState *s = PG_GETARG_ZJAGGSTATE(0);
	int			k,
				p;
	int64		n = s->n;
	double	   *H,
			   *g,
			   *beta,
			   *delta;
	double		bads = 0;
	int			bad_col;
	char		col[32];

	zj_aggstate_check(s, 'l', s->width);
	p = s->width - 1;
	k = p + 1;
	if (s->param != p)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid aggregate state for logistic_fit")));
	for (int64 i = 0; i < n; i++)
	{
		double	   *r = ZJ_AGGSTATE_REC(s, i);

		if (r[0] != 0.0 && r[0] != 1.0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid aggregate state for logistic_fit: outcome %g", r[0])));
		for (int j = 1; j <= p; j++)
			zj_check_finite(r[j], "x");
		bads += r[0];
	}
	if (n == 0)
		PG_RETURN_NULL();		/* every row had a NULL element */
	need_both_classes(bads, n - bads, "logistic_fit");

	/*
	 * The rows in a canonical order (lexicographic), so every sum of the Newton iterations is
	 * taken in the same order however the rows arrived: parallel workers and Citus shards hand
	 * in their partial states in any order, and a small coefficient would differ in its last
	 * digits otherwise.
	 */
	s = zj_aggstate_copy(s, true);
	qsort_arg(s->data, n, sizeof(double) * s->width, cmp_record, &s->width);

	H = palloc(sizeof(double) * k * k);
	g = palloc0(sizeof(double) * k);
	beta = palloc0(sizeof(double) * k);
	delta = palloc(sizeof(double) * k);

	/* the design itself: XᵀX with the intercept column */
	cross_products(s, k, NULL, H, g);
	bad_col = solve_spd(H, g, delta, k, 1e-10);
	if (bad_col >= 0)
	{
		column_name(col, sizeof(col), bad_col);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("logistic_fit design matrix is singular"),
				 errdetail("Column %s is (nearly) a linear combination of the earlier columns, or there are fewer distinct rows than coefficients.", col),
				 errhint("Drop the redundant predictor.")));
	}

	for (int it = 0;; it++)
	{
		bool		converged = true;

		CHECK_FOR_INTERRUPTS();
		if (it == LOGIT_MAXIT)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("logistic_fit did not converge: the outcome is (quasi-)separated by the predictors"),
					 errdetail("After %d Newton steps a coefficient is still growing; its maximum likelihood estimate is infinite.", LOGIT_MAXIT),
					 errhint("Drop or coarsen the predictor that separates bad from good rows.")));
		if (cross_products(s, k, beta, H, g))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("logistic_fit found complete separation: the predictors classify every row perfectly"),
					 errdetail("The maximum likelihood coefficients are infinite."),
					 errhint("Drop or coarsen the predictor that separates bad from good rows.")));
		bad_col = solve_spd(H, g, delta, k, 1e-13);
		if (bad_col >= 0)
		{
			column_name(col, sizeof(col), bad_col);
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("logistic_fit did not converge: the outcome is (quasi-)separated by the predictors"),
					 errdetail("The weighted information matrix became singular at column %s: fitted probabilities reached 0 or 1.", col),
					 errhint("Drop or coarsen the predictor that separates bad from good rows.")));
		}
		for (int j = 0; j < k; j++)
		{
			beta[j] += delta[j];
			if (!isfinite(beta[j]))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("logistic_fit did not converge: a coefficient overflowed"),
						 errhint("Rescale the predictors.")));
			if (fabs(delta[j]) > 1e-10 * (1.0 + fabs(beta[j])))
				converged = false;
		}
		if (converged)
			break;
	}

	PG_RETURN_ARRAYTYPE_P(zj_float8_result(beta, k));
}

/* ------------------------------------------------------------------ 1.1: logistic_fit_detail */

/*
 * The inverse of a k×k symmetric positive definite matrix, column by column with solve_spd;
 * returns -1 or the column at which A is singular.
 */
static int
invert_spd(const double *A, double *inv, int k, double tol)
{
	double	   *e = palloc0(sizeof(double) * k);
	double	   *col = palloc(sizeof(double) * k);

	for (int j = 0; j < k; j++)
	{
		int			bad;

		e[j] = 1.0;
		bad = solve_spd(A, e, col, k, tol);
		if (bad >= 0)
			return bad;
		e[j] = 0.0;
		for (int i = 0; i < k; i++)
			inv[i * k + j] = col[i];
	}
	pfree(e);
	pfree(col);
	return -1;
}

static Datum
float8_array_nulls(const double *v, const bool *nulls, int n)
{
	Datum	   *d = palloc(sizeof(Datum) * Max(n, 1));
	int			dims[1] = {n};
	int			lbs[1] = {1};

	for (int i = 0; i < n; i++)
		d[i] = Float8GetDatum(v[i]);
	return PointerGetDatum(construct_md_array(d, (bool *) nulls, 1, dims, lbs, FLOAT8OID, sizeof(float8),
											  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/*
 * logistic_fit_detail final: the coefficients as logistic_fit, their standard errors from the
 * inverse Fisher information (XᵀWX)⁻¹ at the estimate (as R's glm), z = β/se, the two-sided normal
 * p = erfc(|z|/√2), and VIF_j = 1/(1 − R²_j) of each predictor regressed on the others with an
 * intercept: the diagonal of the inverse correlation matrix of the predictors (NULL for the
 * intercept slot; 1 with one predictor).
 */
static int
logit_row_cmp(const void *x, const void *y, void *arg)
{
	const double *a = x;
	const double *b = y;
	int			w = *(const uint16 *) arg;

	for (int i = 0; i < w; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

PG_FUNCTION_INFO_V1(zjgov_logit_detail_final);
Datum
zjgov_logit_detail_final(PG_FUNCTION_ARGS)
{
	ZjAggState *s = PG_GETARG_ZJAGGSTATE(0);
	ArrayType  *coef_a;
	double	   *beta,
			   *H,
			   *g,
			   *inv,
			   *se,
			   *z,
			   *p,
			   *vif;
	bool	   *vif_null;
	int			k,
				np;
	TupleDesc	td;
	Datum		v[5];
	bool		nulls[5] = {false, false, false, false, false};

	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "logistic_fit_detail must return a composite type");
	td = BlessTupleDesc(td);
	zj_aggstate_check(s, 'l', s->width);
	if (s->n == 0)
		PG_RETURN_NULL();		/* every row had a NULL element, as logistic_fit */
	/* rows in one canonical order, so the sums (and so every digit) do not depend on row order */
	s = zj_aggstate_copy(s, true);
	qsort_arg(s->data, s->n, sizeof(double) * s->width, logit_row_cmp, &s->width);
	/* the estimate itself, with every check of logistic_fit */
	{
		Datum		c = DirectFunctionCall1(zjgov_logit_final, PointerGetDatum(s));

		coef_a = DatumGetArrayTypeP(c);
	}
	beta = zj_float8_array(coef_a, "coefficients", &k, NULL, false);
	np = k - 1;
	H = palloc(sizeof(double) * k * k);
	g = palloc(sizeof(double) * k);
	inv = palloc(sizeof(double) * k * k);
	se = palloc(sizeof(double) * k);
	z = palloc(sizeof(double) * k);
	p = palloc(sizeof(double) * k);
	vif = palloc0(sizeof(double) * k);
	vif_null = palloc0(sizeof(bool) * k);

	cross_products(s, k, beta, H, g);
	if (invert_spd(H, inv, k, 1e-13) >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("logistic_fit_detail: the information matrix is singular at the estimate"),
				 errhint("Drop or coarsen the predictor that separates bad from good rows.")));
	for (int j = 0; j < k; j++)
	{
		se[j] = sqrt(inv[j * k + j]);
		z[j] = beta[j] / se[j];
		p[j] = erfc(fabs(z[j]) / M_SQRT2);
	}

	/* VIF from the centred cross products of the predictors */
	vif_null[0] = true;
	if (np == 1)
		vif[1] = 1.0;
	else if (np > 1)
	{
		double		n = (double) s->n;
		double	   *C = palloc(sizeof(double) * np * np);
		double	   *Ci = palloc(sizeof(double) * np * np);

		cross_products(s, k, NULL, H, g);	/* XᵀX with the intercept column */
		for (int a = 0; a < np; a++)
			for (int b = 0; b < np; b++)
				C[a * np + b] = H[(a + 1) * k + (b + 1)] - H[a + 1] * H[b + 1] / n;
		/* to correlations: unit diagonal */
		for (int a = 0; a < np; a++)
			for (int b = 0; b < np; b++)
				if (a != b)
					C[a * np + b] /= sqrt(C[a * np + a] * C[b * np + b]);
		for (int a = 0; a < np; a++)
			C[a * np + a] = 1.0;
		if (invert_spd(C, Ci, np, 1e-13) >= 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("logistic_fit_detail: the predictors are collinear"),
					 errhint("Drop the redundant predictor.")));
		for (int j = 0; j < np; j++)
			vif[j + 1] = Ci[j * np + j];
	}
	v[0] = PointerGetDatum(coef_a);
	v[1] = PointerGetDatum(zj_float8_result(se, k));
	v[2] = PointerGetDatum(zj_float8_result(z, k));
	v[3] = PointerGetDatum(zj_float8_result(p, k));
	v[4] = float8_array_nulls(vif, vif_null, k);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(td, v, nulls)));
}

/* ------------------------------------------------------------------ 1.1: scorecard points, csi */

/*
 * scorecard_points(bins, coefficient, intercept, n_characteristics, base_score, base_odds, pdo):
 * the points of each bin, points = −(β·WOE + α/m)·factor + offset/m with factor = pdo/ln 2 and
 * offset = base_score − factor·ln(base_odds): summed over the m characteristics of an entity they
 * give offset − factor·logit(P(bad)) = the PDO score of its probability.
 */
PG_FUNCTION_INFO_V1(zjgov_scorecard_points);
Datum
zjgov_scorecard_points(PG_FUNCTION_ARGS)
{
	int			n;
	BinView    *b = read_bins(PG_GETARG_ARRAYTYPE_P(0), &n);
	double		beta = PG_GETARG_FLOAT8(1);
	double		alpha = PG_GETARG_FLOAT8(2);
	int32		m = PG_GETARG_INT32(3);
	double		base_score = PG_GETARG_FLOAT8(4);
	double		base_odds = PG_GETARG_FLOAT8(5);
	double		pdo = PG_GETARG_FLOAT8(6);
	double		factor,
				offset;
	double	   *pts;

	zj_check_finite(beta, "coefficient");
	zj_check_finite(alpha, "intercept");
	if (m < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("n_characteristics must be at least 1"),
				 errdetail("Got %d.", m)));
	factor = zj_pdo_factor(base_score, base_odds, pdo);
	offset = base_score - factor * log(base_odds);
	pts = palloc(sizeof(double) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		if (b[i].woe_null || !isfinite(b[i].woe))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("bin %d of bins has no finite woe", i + 1)));
		pts[i] = -(beta * b[i].woe + alpha / m) * factor + offset / m;
		if (!isfinite(pts[i]))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("value out of range: the points of bin %d", i + 1)));
	}
	PG_RETURN_ARRAYTYPE_P(zj_float8_result(pts, n));
}

/* csi(expected, actual): characteristic stability index, the PSI over the bins of one characteristic */
PG_FUNCTION_INFO_V1(zjgov_csi);
Datum
zjgov_csi(PG_FUNCTION_ARGS)
{
	return zjgov_psi(fcinfo);
}

/* ------------------------------------------------------------------ 1.1: categorical WOE */

/*
 * woe_bins(value text, bad, max_bins, min_share): state kind 'c', width 1, a run of entries
 * [nbytes, bad count, good count, ⌈nbytes/4⌉ words], each word four bytes of the category as an
 * unsigned integer (exact in a double, so the text form of the state is exact); aux[0], aux[1]
 * count the bad and good rows whose value is NULL, aux[2] = min_share, param = max_bins.  Full
 * states are compacted (entries sorted by their bytes, equal categories merged) before they grow.
 */
typedef struct CatEntry
{
	char	   *bytes;
	int			len;
	double		b,
				g;
} CatEntry;

#define CAT_WORDS(len) (((int64) (len) + 3) / 4)

static int
cat_cmp(const void *x, const void *y)
{
	const CatEntry *a = x;
	const CatEntry *b = y;
	int			c = memcmp(a->bytes, b->bytes, Min(a->len, b->len));

	if (c != 0)
		return c;
	return a->len < b->len ? -1 : (a->len > b->len ? 1 : 0);
}

static void
cat_write(double *r, const char *bytes, int len, double b, double g)
{
	r[0] = len;
	r[1] = b;
	r[2] = g;
	for (int64 w = 0; w < CAT_WORDS(len); w++)
	{
		uint32		word = 0;

		for (int k = 0; k < 4 && w * 4 + k < len; k++)
			word |= (uint32) (unsigned char) bytes[w * 4 + k] << (8 * k);
		r[3 + w] = (double) word;
	}
}

/* Decode the entries of a state (checked: it may come from text input); returns their count. */
static int64
cat_entries(const ZjAggState *s, CatEntry **out)
{
	int64		cap = 16,
				n = 0;
	CatEntry   *e = palloc(sizeof(CatEntry) * cap);

	for (int64 i = 0; i < s->n;)
	{
		const double *r = ZJ_AGGSTATE_REC(s, i);
		int64		len;

		if ((n & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		if (i + 3 > s->n || !is_count(r[0]) || r[0] > MaxAllocSize || !is_count(r[1]) || !is_count(r[2]) ||
			i + 3 + CAT_WORDS(r[0]) > s->n)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid aggregate state for woe_bins: entry at record %lld", (long long) i + 1)));
		len = (int64) r[0];
		if (n == cap)
		{
			cap *= 2;
			e = repalloc_huge(e, sizeof(CatEntry) * cap);
		}
		e[n].len = (int) len;
		e[n].b = r[1];
		e[n].g = r[2];
		e[n].bytes = palloc(len + 1);
		for (int64 k = 0; k < len; k++)
		{
			double		word = r[3 + k / 4];

			if (!(word >= 0 && word <= 4294967295.0 && word == floor(word)))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("invalid aggregate state for woe_bins: entry at record %lld", (long long) i + 1)));
			e[n].bytes[k] = (char) (((uint32) word >> (8 * (k % 4))) & 0xFF);
		}
		e[n].bytes[len] = '\0';
		n++;
		i += 3 + CAT_WORDS(len);
	}
	*out = e;
	return n;
}

/* Sort entries by their bytes and merge equal categories; returns the new count. */
static int64
cat_merge(CatEntry *e, int64 n)
{
	int64		out = 0;

	if (n == 0)
		return 0;
	qsort(e, n, sizeof(CatEntry), cat_cmp);
	for (int64 i = 1; i < n; i++)
	{
		if (cat_cmp(&e[i], &e[out]) == 0)
		{
			e[out].b += e[i].b;
			e[out].g += e[i].g;
		}
		else
			e[++out] = e[i];
	}
	return out + 1;
}

/* Rewrite s (in place: compaction never needs more room) with its categories merged. */
static void
cat_compact(ZjAggState *s)
{
	CatEntry   *e;
	int64		n = cat_merge(e = NULL, 0);

	n = cat_entries(s, &e);
	n = cat_merge(e, n);
	s->n = 0;
	for (int64 i = 0; i < n; i++)
	{
		cat_write(ZJ_AGGSTATE_REC(s, s->n), e[i].bytes, e[i].len, e[i].b, e[i].g);
		s->n += 3 + CAT_WORDS(e[i].len);
		pfree(e[i].bytes);
	}
	pfree(e);
}

static ZjAggState *
cat_append(ZjAggState *s, const char *bytes, int len, double b, double g, MemoryContext cxt)
{
	int64		need = 3 + CAT_WORDS(len);

	if (s->n + need > ZJ_AGGSTATE_CAP(s))
	{
		cat_compact(s);
		if (s->n + need > ZJ_AGGSTATE_CAP(s) / 2)
			s = zj_aggstate_reserve(s, need, cxt, "woe_bins");
	}
	cat_write(ZJ_AGGSTATE_REC(s, s->n), bytes, len, b, g);
	s->n += need;
	return s;
}

PG_FUNCTION_INFO_V1(zjgov_woe_cat_accum);
Datum
zjgov_woe_cat_accum(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = CurrentMemoryContext;	/* the executor copies new states into its own context */
	ZjAggState *s;
	bool		bad;
	text	   *t;

	if (!woe_row(fcinfo, 'c', 1, 256, &s, &bad))
		PG_RETURN_STATE(s);
	t = PG_GETARG_TEXT_PP(1);
	s = cat_append(s, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), bad ? 1 : 0, bad ? 0 : 1, cxt);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(zjgov_woe_cat_combine);
Datum
zjgov_woe_cat_combine(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = CurrentMemoryContext;
	ZjAggState *a = PG_GETARG_ZJAGGSTATE(0);
	ZjAggState *b = PG_GETARG_ZJAGGSTATE(1);
	ZjAggState *t;

	zj_aggstate_check(a, 'c', 1);
	zj_aggstate_check(b, 'c', 1);
	if (b->param != a->param || a->aux[2] != b->aux[2])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine aggregate states with different parameters")));
	t = zj_aggstate_new(cxt, 'c', 1, a->param, Max(a->n + b->n, 1));
	memcpy(t->aux, a->aux, sizeof(a->aux));
	t->aux[0] += b->aux[0];
	t->aux[1] += b->aux[1];
	memcpy(t->data, a->data, (Size) a->n * sizeof(double));
	memcpy(t->data + a->n, b->data, (Size) b->n * sizeof(double));
	t->n = a->n + b->n;
	cat_compact(t);
	PG_RETURN_POINTER(t);
}

typedef struct CatBin
{
	int64		id;				/* the label its categories carry */
	double		b,
				g;
	double		woe,
				iv;
} CatBin;

static int
catbin_woe_cmp(const void *x, const void *y)
{
	const CatBin *a = x;
	const CatBin *b = y;

	if (a->woe != b->woe)
		return a->woe < b->woe ? -1 : 1;
	return a->id < b->id ? -1 : (a->id > b->id ? 1 : 0);
}

/* A woe_cat_bin of the categories labelled id (all of them in byte order); id < 0: the NULL bin. */
static Datum
make_cat_bin(TupleDesc td, const CatEntry *e, const int64 *label, int64 n, int64 id, double b,
			 double g, double B, double G)
{
	WoeBin		w;
	Datum		v[5];
	bool		nulls[5] = {id < 0, false, false, false, false};

	w.b = b;
	w.g = g;
	bin_stats(&w, B, G);
	if (id >= 0)
	{
		Datum	   *cats = palloc(sizeof(Datum) * Max(n, 1));
		int			count = 0;

		for (int64 i = 0; i < n; i++)
			if (label[i] == id)
				cats[count++] = PointerGetDatum(cstring_to_text_with_len(e[i].bytes, e[i].len));
		v[0] = PointerGetDatum(construct_array(cats, count, TEXTOID, -1, false, TYPALIGN_INT));
	}
	v[1] = Int64GetDatum((int64) (b + g));
	v[2] = Int64GetDatum((int64) b);
	v[3] = Float8GetDatum(w.woe);
	v[4] = Float8GetDatum(w.iv);
	return HeapTupleGetDatum(heap_form_tuple(td, v, nulls));
}

/*
 * woe_bins(text) final: one bin per category; the categories holding less than min_share of the
 * rows with a value form one rare bucket; bins are ordered by WOE and adjacent bins (in WOE order)
 * merged, each time the pair that loses the least IV, until at most max_bins remain; the NULL bin
 * (categories NULL) comes last.  Categories inside a bin are in byte order.
 */
PG_FUNCTION_INFO_V1(zjgov_woe_cat_final);
Datum
zjgov_woe_cat_final(PG_FUNCTION_ARGS)
{
	ZjAggState *s = PG_GETARG_ZJAGGSTATE(0);
	CatEntry   *e;
	int64	   *label;
	int64		n;
	double		B = 0,
				G = 0,
				N,
				nullb,
				nullg;
	int			max_bins = s->param;
	double		min_share = s->aux[2];
	CatBin	   *bins;
	int64		nb = 0,
				rare = -1;
	TupleDesc	td;
	Oid			elem;
	Datum	   *out;
	int			nout = 0;

	zj_aggstate_check(s, 'c', 1);
	nullb = s->aux[0];
	nullg = s->aux[1];
	if (!is_count(nullb) || !is_count(nullg) || max_bins < 1 || isnan(min_share) ||
		min_share < 0 || min_share > 0.5)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid aggregate state for woe_bins")));
	n = cat_entries(s, &e);
	n = cat_merge(e, n);
	for (int64 i = 0; i < n; i++)
	{
		B += e[i].b;
		G += e[i].g;
	}
	N = B + G;
	B += nullb;
	G += nullg;
	need_both_classes(B, G, "woe_bins");

	/* one bin per common category; the rare ones share one bucket */
	label = palloc(sizeof(int64) * Max(n, 1));
	bins = palloc(sizeof(CatBin) * (n + 1));
	for (int64 i = 0; i < n; i++)
	{
		CatBin	   *bin;

		if (e[i].b + e[i].g < min_share * N)
		{
			if (rare < 0)
			{
				rare = nb;
				bins[nb].id = nb;
				bins[nb].b = bins[nb].g = 0;
				nb++;
			}
			bin = &bins[rare];
		}
		else
		{
			bin = &bins[nb];
			bin->id = nb;
			bin->b = bin->g = 0;
			nb++;
		}
		label[i] = bin->id;
		bin->b += e[i].b;
		bin->g += e[i].g;
	}
	for (int64 i = 0; i < nb; i++)
	{
		WoeBin		w = {0, bins[i].b, bins[i].g, 0, 0};

		bin_stats(&w, B, G);
		bins[i].woe = w.woe;
		bins[i].iv = w.iv;
	}
	qsort(bins, nb, sizeof(CatBin), catbin_woe_cmp);

	/* merge adjacent bins (in WOE order) losing the least IV until at most max_bins remain */
	while (nb > max_bins)
	{
		int64		best = -1;
		double		best_loss = 0;
		WoeBin		m;

		CHECK_FOR_INTERRUPTS();
		for (int64 i = 0; i + 1 < nb; i++)
		{
			double		loss;

			m.b = bins[i].b + bins[i + 1].b;
			m.g = bins[i].g + bins[i + 1].g;
			bin_stats(&m, B, G);
			loss = bins[i].iv + bins[i + 1].iv - m.iv;
			if (best < 0 || loss < best_loss)
			{
				best = i;
				best_loss = loss;
			}
		}
		for (int64 i = 0; i < n; i++)
			if (label[i] == bins[best + 1].id)
				label[i] = bins[best].id;
		m.b = bins[best].b + bins[best + 1].b;
		m.g = bins[best].g + bins[best + 1].g;
		bin_stats(&m, B, G);
		bins[best].b = m.b;
		bins[best].g = m.g;
		bins[best].woe = m.woe;
		bins[best].iv = m.iv;
		memmove(&bins[best + 1], &bins[best + 2], sizeof(CatBin) * (nb - best - 2));
		nb--;
	}

	/* the result's element type; Citus calls final functions without an expression: by name */
	elem = OidIsValid(get_fn_expr_rettype(fcinfo->flinfo)) ?
		get_element_type(get_fn_expr_rettype(fcinfo->flinfo)) : InvalidOid;
	if (!OidIsValid(elem))
		elem = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid, CStringGetDatum("woe_cat_bin"),
							   ObjectIdGetDatum(get_namespace_oid("zjgov", false)));
	if (!OidIsValid(elem))
		elog(ERROR, "type zjgov.woe_cat_bin is missing");
	td = lookup_rowtype_tupdesc_copy(elem, -1);
	out = palloc(sizeof(Datum) * (nb + 1));
	for (int64 i = 0; i < nb; i++)
		out[nout++] = make_cat_bin(td, e, label, n, bins[i].id, bins[i].b, bins[i].g, B, G);
	if (nullb + nullg > 0)
		out[nout++] = make_cat_bin(td, NULL, NULL, 0, -1, nullb, nullg, B, G);
	PG_RETURN_ARRAYTYPE_P(construct_array(out, nout, elem, -1, false, TYPALIGN_DOUBLE));
}

/* The categories of a woe_cat_bin[], hashed, as the call cache keeps them. */
typedef struct CatLookup
{
	int			size;			/* power of two */
	int		   *slot;			/* entry index or −1 */
	CatEntry   *entry;			/* bytes, len; b holds the bin's WOE, g whether it is NULL */
	bool		has_null_bin;
	bool		null_woe_null;
	double		null_woe;
} CatLookup;

static void *
cat_lookup_build(Datum value, Oid typoid, MemoryContext cxt, void *arg, Size *size)
{
	ArrayType  *a = DatumGetArrayTypeP(value);
	Datum	   *elems;
	bool	   *nulls;
	int16		typlen;
	bool		typbyval;
	char		typalign;
	int			nbins,
				ncat = 0,
				cap = 16;
	CatLookup  *lk = palloc0(sizeof(CatLookup));

	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("bins must be a one-dimensional array")));
	get_typlenbyvalalign(ARR_ELEMTYPE(a), &typlen, &typbyval, &typalign);
	deconstruct_array(a, ARR_ELEMTYPE(a), typlen, typbyval, typalign, &elems, &nulls, &nbins);
	lk->entry = palloc(sizeof(CatEntry) * cap);
	for (int i = 0; i < nbins; i++)
	{
		HeapTupleHeader th;
		bool		cnull,
					wnull;
		Datum		cats;
		double		w;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("bins must not contain NULL elements"),
					 errdetail("Element %d is NULL.", i + 1)));
		th = DatumGetHeapTupleHeader(elems[i]);
		cats = GetAttributeByNum(th, 1, &cnull);
		w = DatumGetFloat8(GetAttributeByNum(th, 4, &wnull));
		if (!wnull && isnan(w))
			wnull = true;
		if (cnull)
		{
			if (lk->has_null_bin)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("bins has more than one bin of NULL values")));
			lk->has_null_bin = true;
			lk->null_woe_null = wnull;
			lk->null_woe = w;
			continue;
		}
		{
			ArrayType  *ca = DatumGetArrayTypeP(cats);
			Datum	   *ct;
			bool	   *cn;
			int			nc;

			if (ARR_NDIM(ca) > 1)
				ereport(ERROR,
						(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
						 errmsg("the categories of bin %d must be a one-dimensional array", i + 1)));
			deconstruct_array(ca, TEXTOID, -1, false, TYPALIGN_INT, &ct, &cn, &nc);
			for (int c = 0; c < nc; c++)
			{
				text	   *t;

				if (cn[c])
					ereport(ERROR,
							(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
							 errmsg("bin %d lists a NULL category", i + 1),
							 errhint("NULL values have their own bin, with categories NULL.")));
				if (ncat == cap)
				{
					cap *= 2;
					lk->entry = repalloc(lk->entry, sizeof(CatEntry) * cap);
				}
				t = DatumGetTextPP(ct[c]);
				lk->entry[ncat].len = VARSIZE_ANY_EXHDR(t);
				lk->entry[ncat].bytes = palloc(lk->entry[ncat].len + 1);
				memcpy(lk->entry[ncat].bytes, VARDATA_ANY(t), lk->entry[ncat].len);
				lk->entry[ncat].bytes[lk->entry[ncat].len] = '\0';
				lk->entry[ncat].b = w;
				lk->entry[ncat].g = wnull ? 1 : 0;
				ncat++;
			}
		}
	}
	lk->size = 16;
	while (lk->size < 2 * ncat)
		lk->size *= 2;
	lk->slot = palloc(sizeof(int) * lk->size);
	memset(lk->slot, -1, sizeof(int) * lk->size);
	for (int i = 0; i < ncat; i++)
	{
		uint32		h = hash_bytes((const unsigned char *) lk->entry[i].bytes, lk->entry[i].len) & (lk->size - 1);

		while (lk->slot[h] >= 0)
		{
			if (cat_cmp(&lk->entry[lk->slot[h]], &lk->entry[i]) == 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("category \"%s\" is in more than one bin", lk->entry[i].bytes)));
			h = (h + 1) & (lk->size - 1);
		}
		lk->slot[h] = i;
	}
	*size = sizeof(CatLookup) + sizeof(int) * lk->size + sizeof(CatEntry) * cap;
	return lk;
}

/* woe(value text, bins woe_cat_bin[]): the WOE of the bin listing value; NULL value: the NULL bin. */
PG_FUNCTION_INFO_V1(zjgov_woe_text);
Datum
zjgov_woe_text(PG_FUNCTION_ARGS)
{
	CatLookup  *lk;
	text	   *t;
	CatEntry	key;
	uint32		h;

	if (PG_ARGISNULL(1))
		PG_RETURN_NULL();
	lk = zj_callcache_get(fcinfo, 1, 1, cat_lookup_build, NULL);
	if (PG_ARGISNULL(0))
	{
		if (!lk->has_null_bin || lk->null_woe_null)
			PG_RETURN_NULL();
		PG_RETURN_FLOAT8(lk->null_woe);
	}
	t = PG_GETARG_TEXT_PP(0);
	key.bytes = VARDATA_ANY(t);
	key.len = VARSIZE_ANY_EXHDR(t);
	h = hash_bytes((const unsigned char *) key.bytes, key.len) & (lk->size - 1);
	for (;;)
	{
		int			i = lk->slot[h];

		if (i < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("category \"%.*s\" is in no bin", Min(key.len, 200), key.bytes),
					 errhint("The bins were made without this category: add it to a bin's categories (e.g. the rare bucket).")));
		if (cat_cmp(&lk->entry[i], &key) == 0)
		{
			if (lk->entry[i].g != 0)
				PG_RETURN_NULL();
			PG_RETURN_FLOAT8(lk->entry[i].b);
		}
		h = (h + 1) & (lk->size - 1);
	}
}
