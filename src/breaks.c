/*
 * breaks.c — class breaks aggregates: jenks_breaks (the exact Fisher optimum), quantile_breaks,
 * equal_breaks, headtail_breaks and gvf.
 *
 * Every aggregate keeps its state in zjgov.aggstate (aggstate.h), so parallel query and Citus can
 * split it; one combine function serves all of them.  State kinds:
 *   'v'  the collected values (jenks, quantile, headtail): width 1, param = k (or max_k),
 *        data = the values, the first aux[3] of them in ascending order (a sorted run: see
 *        values_compact), the rest in input order
 *   'e'  equal_breaks: width 1, param = k, no records; aux = {count, min, max, 0}
 *   'g'  gvf: width 1, param = m thresholds, data = the m thresholds, then per class (m + 1 of
 *        them) the Youngs-Cramer triple (N, Sx, Sxx) as in core float8_accum; n = 4m + 3
 *
 * Transition and combine functions modify the state in place when called as an aggregate; to grow,
 * they return a larger copy made in the current (per-tuple) memory context, which the executor copies
 * into the aggregate context while it frees the old state.  Called directly (outside an aggregate)
 * they never modify their argument.  Final functions never modify the state, and they validate it,
 * since a state can also come from text or binary input.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/memutils.h"

#include "aggstate.h"
#include "arrayutil.h"
#include "export.h"
#include "jenks.h"
#include "settings.h"

/* Largest number of classes any of the aggregates makes. */
#define BREAKS_MAX_K 1000
/* max_k of headtail_breaks(value) */
#define HEADTAIL_DEFAULT_MAX_K 10

#define ST_SORT sort_doubles
#define ST_ELEMENT_TYPE double
#define ST_COMPARE(a, b) ((*(a) > *(b)) - (*(a) < *(b)))
#define ST_SCOPE static
#define ST_CHECK_FOR_INTERRUPTS
#define ST_DECLARE
#define ST_DEFINE
#include "lib/sort_template.h"

/* ---------------------------------------------------------------- shared helpers */

static void
check_k(int32 k, const char *argname)
{
	if (k < 2 || k > BREAKS_MAX_K)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be between 2 and %d", argname, BREAKS_MAX_K),
				 errdetail("Got %d.", k)));
}

static void
check_same_param(const ZjAggState *s, int32 k, const char *argname)
{
	if (s->param != k)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be the same on every row", argname),
				 errdetail("The group started with %s = %d; this row has %d.", argname, s->param, k)));
}

static void bad_state(const char *why) pg_attribute_noreturn();

static void
bad_state(const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid aggregate state for class breaks"),
			 errdetail("%s", why)));
}

/*
 * Sorted runs.  aux[VALUES_SORTED] of a 'v' state counts the leading values that are in ascending
 * order.  A transition sorts the values after that run and merges them in (values_compact) each
 * time they reach an eighth of the run (at least VALUES_CHUNK): the work of sorting is done where
 * the rows are read — in each parallel worker, on each Citus shard — and a state leaves its
 * process as one long run and a short tail.  Combine merges runs in linear time; the final
 * function sorts only what is left and merges.
 */
#define VALUES_SORTED 3
#define VALUES_CHUNK 4096

/* Merge x[p..n), sorted first when not already, into the sorted run x[0..p). */
static void
merge_tail(double *x, int64 p, int64 n)
{
	int64		t = n - p,
				i,
				j,
				k;
	double	   *tail;

	if (t <= 0)
		return;
	sort_doubles(x + p, t);
	if (p == 0 || x[p - 1] <= x[p])
		return;
	tail = zj_work_alloc(sizeof(double) * t, "merging sorted values");
	memcpy(tail, x + p, sizeof(double) * t);
	i = p - 1;
	j = t - 1;
	k = n - 1;
	while (j >= 0)
	{
		if ((k & 0xFFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		if (i >= 0 && x[i] > tail[j])
			x[k--] = x[i--];
		else
			x[k--] = tail[j--];
	}
	pfree(tail);
}

/*
 * The length of the sorted run a 'v' state starts with.  A state from elsewhere (text input,
 * another process) is not trusted: with verify, a claim that does not hold counts as no run.
 */
static int64
values_sorted(const ZjAggState *s, bool verify)
{
	double		p = s->aux[VALUES_SORTED];

	if (!(p >= 0 && p <= s->n && p == floor(p)))
		return 0;
	if (verify)
		for (int64 i = 1; i < (int64) p; i++)
			if (!(s->data[i] >= s->data[i - 1]))
				return 0;
	return (int64) p;
}

/* Sort the tail of a writable 'v' state into its run. */
static void
values_compact(ZjAggState *s, bool verify)
{
	merge_tail(s->data, values_sorted(s, verify), s->n);
	s->aux[VALUES_SORTED] = (double) s->n;
}

/*
 * A 'v' state given to a final function: check it and return a copy of its values, sorted when
 * asked (NULL when it holds none).
 */
static double *
state_values(ZjAggState *s, int64 *n, bool sort)
{
	double	   *x;

	zj_aggstate_check(s, 'v', 1);
	if (s->param < 2 || s->param > BREAKS_MAX_K)
		bad_state("The number of classes is out of range.");
	*n = s->n;
	if (s->n == 0)
		return NULL;
	x = zj_work_alloc(sizeof(double) * s->n, "copying the values");
	for (int64 i = 0; i < s->n; i++)
	{
		if (!isfinite(s->data[i]))
			bad_state("The state holds a value that is not finite.");
		x[i] = s->data[i];
	}
	if (sort)
		merge_tail(x, values_sorted(s, true), s->n);
	return x;
}

/* Append v to the nt thresholds t unless it would not be greater than the last (or than floor). */
static inline void
push_threshold(double *t, int *nt, double v, double floor)
{
	if (v > floor && (*nt == 0 || v > t[*nt - 1]))
		t[(*nt)++] = v;
}

/* ---------------------------------------------------------------- transition functions */

/* Collect a value ('v' states): shared by jenks_breaks, quantile_breaks and headtail_breaks. */
static Datum
values_sfunc(FunctionCallInfo fcinfo, const char *kname)
{
	ZjAggState *s = zj_aggstate_arg(fcinfo, 0);
	double		v;
	int32		k;

	if (PG_ARGISNULL(1))
	{
		if (s == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(s);
	}
	v = PG_GETARG_FLOAT8(1);
	zj_check_finite(v, "value");
	if (PG_NARGS() < 3)
		k = HEADTAIL_DEFAULT_MAX_K;	/* headtail_breaks(value) */
	else if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be NULL", kname)));
	else
		k = PG_GETARG_INT32(2);
	check_k(k, kname);
	if (s == NULL)
		s = zj_aggstate_new(CurrentMemoryContext, 'v', 1, k, 64);
	else
	{
		zj_aggstate_check(s, 'v', 1);
		check_same_param(s, k, kname);
		s = zj_aggstate_reserve(s, 1, CurrentMemoryContext, "class breaks");
	}
	s->data[s->n++] = v + 0.0;	/* + 0.0 turns -0 into 0 */
	if (s->n - values_sorted(s, false) >= Max(VALUES_CHUNK, (int64) s->aux[VALUES_SORTED] / 8))
		values_compact(s, false);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(zjgov_breaks_sfunc);
Datum
zjgov_breaks_sfunc(PG_FUNCTION_ARGS)
{
	return values_sfunc(fcinfo, "k");
}

PG_FUNCTION_INFO_V1(zjgov_headtail_sfunc);
Datum
zjgov_headtail_sfunc(PG_FUNCTION_ARGS)
{
	return values_sfunc(fcinfo, "max_k");
}

/* equal_breaks: count, min, max ('e' states). */
PG_FUNCTION_INFO_V1(zjgov_equal_sfunc);
Datum
zjgov_equal_sfunc(PG_FUNCTION_ARGS)
{
	ZjAggState *s = zj_aggstate_arg(fcinfo, 0);
	double		v;
	int32		k;

	if (PG_ARGISNULL(1))
	{
		if (s == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(s);
	}
	v = PG_GETARG_FLOAT8(1) + 0.0;
	zj_check_finite(v, "value");
	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("k must not be NULL")));
	k = PG_GETARG_INT32(2);
	check_k(k, "k");
	if (s == NULL)
	{
		s = zj_aggstate_new(CurrentMemoryContext, 'e', 1, k, 0);
		s->aux[1] = s->aux[2] = v;
	}
	else
	{
		zj_aggstate_check(s, 'e', 1);
		check_same_param(s, k, "k");
		if (v < s->aux[1])
			s->aux[1] = v;
		if (v > s->aux[2])
			s->aux[2] = v;
	}
	s->aux[0] += 1;
	PG_RETURN_POINTER(s);
}

#define GVF_T(s) ((s)->data)
#define GVF_C(s, c) (&(s)->data[(s)->param + 3 * (c)])

/* ERROR unless s is a well-formed gvf state: m thresholds, then m + 1 triples. */
static void
check_gvf_state(const ZjAggState *s)
{
	zj_aggstate_check(s, 'g', 1);
	if (s->param < 0 || s->param > BREAKS_MAX_K - 1 || s->n != 4 * (int64) s->param + 3)
		bad_state("The number of thresholds does not match the state's size.");
}

/* The row's thresholds equal the group's (fast path: the same bytes). */
static bool
same_thresholds(ArrayType *a, const ZjAggState *s)
{
	int			m;
	double	   *t;

	if (ARR_NDIM(a) == 1 && !ARR_HASNULL(a) && ARR_ELEMTYPE(a) == FLOAT8OID &&
		ARR_DIMS(a)[0] == s->param &&
		memcmp(ARR_DATA_PTR(a), GVF_T(s), sizeof(double) * s->param) == 0)
		return true;
	if (ARR_NDIM(a) == 0 && s->param == 0)
		return true;
	t = zj_thresholds(a, "thresholds", &m);
	if (m != s->param)
		return false;
	for (int i = 0; i < m; i++)
		if (t[i] != GVF_T(s)[i])
			return false;
	return true;
}

/* Add (N, Sx, Sxx) of b into a, as core float8_combine. */
static void
yc_combine(double *a, const double *b)
{
	double		n1 = a[0],
				n2 = b[0],
				tmp;

	if (n2 == 0)
		return;
	if (n1 == 0)
	{
		a[0] = b[0];
		a[1] = b[1];
		a[2] = b[2];
		return;
	}
	tmp = a[1] / n1 - b[1] / n2;
	a[0] = n1 + n2;
	a[1] += b[1];
	a[2] += b[2] + n1 * n2 * tmp * tmp / a[0];
}

PG_FUNCTION_INFO_V1(zjgov_gvf_sfunc);
Datum
zjgov_gvf_sfunc(PG_FUNCTION_ARGS)
{
	ZjAggState *s = zj_aggstate_arg(fcinfo, 0);
	ArrayType  *a;
	double		v,
			   *c;

	if (PG_ARGISNULL(1))
	{
		if (s == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(s);
	}
	v = PG_GETARG_FLOAT8(1);
	zj_check_finite(v, "value");
	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("thresholds must not be NULL")));
	a = PG_GETARG_ARRAYTYPE_P(2);
	if (s == NULL)
	{
		int			m;
		double	   *t = zj_thresholds(a, "thresholds", &m);

		if (m > BREAKS_MAX_K - 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("thresholds must have at most %d elements", BREAKS_MAX_K - 1),
					 errdetail("It has %d.", m)));
		s = zj_aggstate_new(CurrentMemoryContext, 'g', 1, m, 4 * m + 3);
		s->n = 4 * m + 3;
		memcpy(GVF_T(s), t, sizeof(double) * m);
	}
	else
	{
		check_gvf_state(s);
		if (!same_thresholds(a, s))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("thresholds must be the same on every row")));
	}
	c = GVF_C(s, zj_class_of(v, GVF_T(s), s->param) - 1);
	/* Youngs-Cramer, as core float8_accum */
	c[0] += 1;
	c[1] += v;
	if (c[0] > 1)
	{
		double		tmp = v * c[0] - c[1];

		c[2] += tmp * tmp / (c[0] * (c[0] - 1));
	}
	PG_RETURN_POINTER(s);
}

/* ---------------------------------------------------------------- combine (all kinds) */

PG_FUNCTION_INFO_V1(zjgov_breaks_combine);
Datum
zjgov_breaks_combine(PG_FUNCTION_ARGS)
{
	ZjAggState *a = zj_aggstate_arg(fcinfo, 0);
	ZjAggState *b;

	if (PG_ARGISNULL(1))
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	b = PG_GETARG_ZJAGGSTATE(1);
	if (b->kind != 'v' && b->kind != 'e' && b->kind != 'g')
		zj_aggstate_check(b, 'v', 1);	/* reports the foreign state */
	zj_aggstate_check(b, b->kind, 1);
	if (a == NULL)
	{
		/* the executor copies a new state into the aggregate context */
		PG_RETURN_POINTER(zj_aggstate_writable(fcinfo, 1, b));
	}
	zj_aggstate_check(a, b->kind, 1);
	switch (b->kind)
	{
		case 'v':
			check_same_param(a, b->param, "k");
			if (b->n > 0)
			{
				int64		na;

				/* two runs, each sorted, merged: linear work for the leader */
				a = zj_aggstate_reserve(a, b->n, CurrentMemoryContext, "class breaks");
				values_compact(a, true);
				na = a->n;
				memcpy(&a->data[na], b->data, sizeof(double) * b->n);
				merge_tail(&a->data[na], values_sorted(b, true), b->n);
				a->n += b->n;
				merge_tail(a->data, na, a->n);
				a->aux[VALUES_SORTED] = (double) a->n;
			}
			break;
		case 'e':
			check_same_param(a, b->param, "k");
			if (b->aux[0] > 0)
			{
				if (a->aux[0] == 0 || b->aux[1] < a->aux[1])
					a->aux[1] = b->aux[1];
				if (a->aux[0] == 0 || b->aux[2] > a->aux[2])
					a->aux[2] = b->aux[2];
				a->aux[0] += b->aux[0];
			}
			break;
		case 'g':
			check_gvf_state(a);
			check_gvf_state(b);
			if (a->param != b->param ||
				memcmp(GVF_T(a), GVF_T(b), sizeof(double) * a->param) != 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("thresholds must be the same on every row")));
			for (int c = 0; c <= a->param; c++)
				yc_combine(GVF_C(a, c), GVF_C(b, c));
			break;
	}
	PG_RETURN_POINTER(a);
}

/* ---------------------------------------------------------------- jenks_breaks */


PG_FUNCTION_INFO_V1(zjgov_jenks_final);
Datum
zjgov_jenks_final(PG_FUNCTION_ARGS)
{
	ZjAggState *s = PG_GETARG_ZJAGGSTATE(0);
	int64		n,
				m;
	double	   *x = state_values(s, &n, true);
	double	   *w;
	double	   *t;
	int			k = s->param;
	int			nt;

	if (x == NULL)
		PG_RETURN_NULL();

	/* collapse ties into distinct items with counts: equal values never split */
	w = zj_work_alloc(sizeof(double) * n, "jenks_breaks");
	m = zj_jenks_distinct(x, w, n);

	if (m <= k)
	{
		/* every distinct value is a class of its own */
		nt = (int) m - 1;
		t = x + 1;
	}
	else
	{
		int64	   *starts = palloc(sizeof(int64) * (k - 1));

		nt = k - 1;
		t = palloc(sizeof(double) * nt);
		zj_jenks_fisher(x, w, m, k, starts);
		for (int c = 0; c < nt; c++)
			t[c] = x[starts[c]];
	}
	PG_RETURN_ARRAYTYPE_P(zj_float8_result(t, nt));
}

/* ---------------------------------------------------------------- quantile_breaks */

PG_FUNCTION_INFO_V1(zjgov_quantile_final);
Datum
zjgov_quantile_final(PG_FUNCTION_ARGS)
{
	ZjAggState *s = PG_GETARG_ZJAGGSTATE(0);
	int64		n;
	double	   *x = state_values(s, &n, true);
	int			k = s->param;
	double	   *t;
	int			nt = 0;

	if (x == NULL)
		PG_RETURN_NULL();
	t = palloc(sizeof(double) * k);
	for (int i = 1; i < k; i++)
	{
		/* exactly as core percentile_cont(i / k) */
		double		pos = ((double) i / (double) k) * (n - 1);
		int64		first = (int64) floor(pos);
		int64		second = (int64) ceil(pos);
		double		pct = pos - first;
		double		lo = x[first],
					hi = x[second];
		double		v = lo + (pct * (hi - lo));

		if (!isfinite(v))		/* hi - lo overflowed */
			v = lo * (1 - pct) + hi * pct;
		push_threshold(t, &nt, v, -get_float8_infinity());
	}
	PG_RETURN_ARRAYTYPE_P(zj_float8_result(t, nt));
}

/* ---------------------------------------------------------------- headtail_breaks */

PG_FUNCTION_INFO_V1(zjgov_headtail_final);
Datum
zjgov_headtail_final(PG_FUNCTION_ARGS)
{
	ZjAggState *s = PG_GETARG_ZJAGGSTATE(0);
	int			max_k = s->param;
	int64		n;
	double	   *x;
	double	   *t;
	int			nt = 0;

	/* sorted: the sums then do not depend on the order the rows came in */
	x = state_values(s, &n, true);
	if (x == NULL)
		PG_RETURN_NULL();
	t = palloc(sizeof(double) * max_k);

	for (;;)
	{
		/* mean of the current head (Neumaier-compensated sum), min and max */
		double		sum = 0,
					comp = 0,
					lo = x[0],
					hi = x[0],
					mean;
		int64		nhead = 0;

		CHECK_FOR_INTERRUPTS();
		for (int64 i = 0; i < n; i++)
		{
			double		v = x[i],
						u = sum + v;

			comp += fabs(sum) >= fabs(v) ? (sum - u) + v : (v - u) + sum;
			sum = u;
			lo = Min(lo, v);
			hi = Max(hi, v);
		}
		if (isfinite(sum))
			mean = (sum + comp) / n;
		else
		{
			/* the sum overflowed: average scaled values */
			mean = 0;
			for (int64 i = 0; i < n; i++)
				mean += x[i] / n;
		}
		mean = Max(lo, Min(hi, mean));

		/* the head: values above the mean */
		for (int64 i = 0; i < n; i++)
			if (x[i] > mean)
				x[nhead++] = x[i];
		if (nhead == 0)			/* all values equal: no split */
			break;
		t[nt++] = mean;
		/* recurse while the head is at most 40 % and has more than one value */
		if (!(nhead * 5 <= n * 2 && nhead > 1 && nt + 1 < max_k))
			break;
		n = nhead;
	}
	PG_RETURN_ARRAYTYPE_P(zj_float8_result(t, nt));
}

/* ---------------------------------------------------------------- equal_breaks */

PG_FUNCTION_INFO_V1(zjgov_equal_final);
Datum
zjgov_equal_final(PG_FUNCTION_ARGS)
{
	ZjAggState *s = PG_GETARG_ZJAGGSTATE(0);
	int			k = s->param;
	double		lo = s->aux[1],
				hi = s->aux[2],
				d;
	double	   *t;
	int			nt = 0;

	zj_aggstate_check(s, 'e', 1);
	if (k < 2 || k > BREAKS_MAX_K)
		bad_state("The number of classes is out of range.");
	if (!(s->aux[0] >= 0) || !isfinite(lo) || !isfinite(hi) || lo > hi)
		bad_state("The count, minimum or maximum is invalid.");
	if (s->aux[0] == 0)
		PG_RETURN_NULL();
	t = palloc(sizeof(double) * k);
	d = hi - lo;
	for (int i = 1; i < k; i++)
	{
		push_threshold(t, &nt, isfinite(d) ? lo + i * d / k : lo + i * (hi / k - lo / k), lo);
	}
	PG_RETURN_ARRAYTYPE_P(zj_float8_result(t, nt));
}

/* ---------------------------------------------------------------- gvf */

PG_FUNCTION_INFO_V1(zjgov_gvf_final);
Datum
zjgov_gvf_final(PG_FUNCTION_ARGS)
{
	ZjAggState *s = PG_GETARG_ZJAGGSTATE(0);
	int			m = s->param;
	double		all[3] = {0, 0, 0};
	double		sdcm = 0;

	check_gvf_state(s);
	for (int i = 0; i < m; i++)
		if (!isfinite(GVF_T(s)[i]) || (i > 0 && !(GVF_T(s)[i] > GVF_T(s)[i - 1])))
			bad_state("The thresholds are not finite and strictly increasing.");
	for (int c = 0; c <= m; c++)
	{
		double	   *cs = GVF_C(s, c);

		if (!(cs[0] >= 0) || !(cs[2] >= 0) || isnan(cs[1]))
			bad_state("A class holds an invalid count or sum of squares.");
		sdcm += cs[2];
		yc_combine(all, cs);
	}
	if (all[0] == 0)
		PG_RETURN_NULL();
	if (!isfinite(all[2]) || !isfinite(sdcm))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value out of range: overflow"),
				 errdetail("The sums of squares of the values exceed the range of float8.")));
	if (all[2] == 0)			/* all values equal: undefined */
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(1.0 - sdcm / all[2]);
}
