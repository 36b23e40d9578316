/*
 * kendall.c — Mann-Kendall, Sen's slope and the emerging hot spot categories (see kendall.h).
 *
 * S.  With the points in t order, S = #{i < j: x_j > x_i} - #{i < j: x_j < x_i}: both counts come
 * from one merge sort of x that counts, for every element of a right half, the elements of the left
 * half greater than it and not less than it (O(n log n), ties exact).
 *
 * Sen's slope.  For a number theta, slope(i, j) < theta  <=>  u_j < u_i with u = x - theta t
 * (t_i < t_j), so the number of slopes below (or not above) theta is an inversion count of u in
 * t order, O(n log n) without forming a slope.  The k-th smallest slope is bracketed, lo with
 * #{slope <= lo} <= k and hi with #{slope < hi} > k: first by two quantiles of a sample of pair
 * slopes (each kept when its count confirms it), then by bisection of the ordered bit patterns of
 * doubles (at most 64 steps, each halving the representable interval).  A theta with
 * #{slope < theta} <= k < #{slope <= theta} is the answer itself (ties among slopes, e.g. a
 * perfectly linear series).  Once the bracket holds few slopes (at most max(2^16, 4n)), its pairs
 * are exactly the pairs whose order differs between u at lo and u at hi: they are listed by a merge
 * sort of one order's ranks in the other (Dillencourt, Mount & Netanyahu 1992; Matousek 1991
 * select slopes the same way), their slopes computed, and the ones of the right ranks selected
 * (Hoare's selection).  Both middle slopes of an even count come from one bracket.  u is evaluated
 * in long double around the median point; a pair whose order the rounding of u flips between lo
 * and hi is listed too, so the ranks always add up.  Memory O(n + 2^16); few pairs (at most
 * max(2^16, 4n)) are simply all listed.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "kendall.h"
#include "settings.h"
#include "spstat.h"

typedef long double ldouble;

/* Sen's slope lists the pairs of a bracket once it holds at most this many (or 4n) slopes. */
#define SEN_BUDGET_MIN ((int64) 1 << 16)
/* Pair slopes drawn for the first bracket. */
#define SEN_SAMPLE 16384

static int
cmp_point(const void *a, const void *b)
{
	const ZjPoint *p = a,
			   *q = b;

	if (p->t != q->t)
		return p->t < q->t ? -1 : 1;
	return (p->x > q->x) - (p->x < q->x);
}

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return (x > y) - (x < y);
}

/* ---------------------------------------------------------------- counting */

/*
 * Sorts u[0 .. n-1] ascending (tmp: n scratch) and adds to *lt the pairs i < j with u_j < u_i and
 * to *le those with u_j <= u_i.
 */
static void
count_rec(ldouble *u, ldouble *tmp, int64 n, int64 *lt, int64 *le)
{
	int64		h = n / 2,
				nr = n - h,
				p = 0,
				q = 0,
				i,
				j,
				o;
	ldouble    *L = u,
			   *R = u + h;

	if (n < 2)
		return;
	if (n > 65536)
		CHECK_FOR_INTERRUPTS();
	count_rec(L, tmp, h, lt, le);
	count_rec(R, tmp, nr, lt, le);
	for (j = 0; j < nr; j++)
	{
		while (p < h && L[p] <= R[j])
			p++;
		while (q < h && L[q] < R[j])
			q++;
		*lt += h - p;
		*le += h - q;
	}
	for (i = 0, j = 0, o = 0; i < h || j < nr;)
		tmp[o++] = (j >= nr || (i < h && L[i] <= R[j])) ? L[i++] : R[j++];
	memcpy(u, tmp, sizeof(ldouble) * n);
}

/* Working arrays of one Sen's slope computation. */
typedef struct SenWork
{
	const ZjPoint *pts;
	int64		n;
	ldouble		tc,
				xc;				/* the centre: u = (x - xc) - theta (t - tc) */
	ldouble    *u,
			   *utmp;
	int64	   *v,
			   *id,
			   *vtmp,
			   *idtmp;
	struct KeyRow *rows;
} SenWork;

typedef struct KeyRow
{
	ldouble		u;
	int64		i;
} KeyRow;

static inline ldouble
u_at(const SenWork *w, int64 i, double theta)
{
	return ((ldouble) w->pts[i].x - w->xc) - (ldouble) theta * ((ldouble) w->pts[i].t - w->tc);
}

/* #{slope < theta} and #{slope <= theta} (theta finite) */
static void
count_at(SenWork *w, double theta, int64 *lt, int64 *le)
{
	for (int64 i = 0; i < w->n; i++)
		w->u[i] = u_at(w, i, theta);
	*lt = *le = 0;
	count_rec(w->u, w->utmp, w->n, lt, le);
}

/* ---------------------------------------------------------------- listing the pairs of a bracket */

static int
cmp_key_iasc(const void *a, const void *b)
{
	const KeyRow *p = a,
			   *q = b;

	if (p->u != q->u)
		return p->u < q->u ? -1 : 1;
	return (p->i > q->i) - (p->i < q->i);
}

static int
cmp_key_idesc(const void *a, const void *b)
{
	const KeyRow *p = a,
			   *q = b;

	if (p->u != q->u)
		return p->u < q->u ? -1 : 1;
	return (p->i < q->i) - (p->i > q->i);
}

/*
 * Order the points for a bracket end.  lo side: i before j (i < j) exactly when slope(i, j) > lo
 * (key u at lo, ties by i descending; lo = -inf: every pair, i ascending).  hi side: i before j
 * exactly when not slope(i, j) < hi (ties by i ascending; hi = +inf: no pair, i descending).
 */
static void
order_at(SenWork *w, double theta, bool lo_side)
{
	bool		inf = isinf(theta);

	for (int64 i = 0; i < w->n; i++)
	{
		w->rows[i].u = inf ? 0 : u_at(w, i, theta);
		w->rows[i].i = i;
	}
	qsort(w->rows, w->n, sizeof(KeyRow), (lo_side == inf) ? cmp_key_iasc : cmp_key_idesc);
}

static inline double
pair_slope(const ZjPoint *pts, int64 a, int64 b)
{
	int64		i = Min(a, b),
				j = Max(a, b);

	return (pts[j].x - pts[i].x) / (pts[j].t - pts[i].t);
}

/*
 * Inversions of v[0 .. n-1] (distinct ranks; id moves with v).  With out == NULL only counts them;
 * else writes each inverted pair's slope to out and counts in *flipped the pairs whose later
 * element comes first in t order.
 */
static int64
inversions_rec(SenWork *w, int64 *v, int64 *id, int64 n, double *out, int64 *nout, int64 *flipped)
{
	int64		h = n / 2,
				nr = n - h,
				total = 0,
				p = 0,
				i,
				j,
				o;
	int64	   *vl = v,
			   *vr = v + h,
			   *il = id,
			   *ir = id + h;

	if (n < 2)
		return 0;
	if (n > 65536)
		CHECK_FOR_INTERRUPTS();
	total += inversions_rec(w, vl, il, h, out, nout, flipped);
	total += inversions_rec(w, vr, ir, nr, out, nout, flipped);
	for (j = 0; j < nr; j++)
	{
		while (p < h && vl[p] < vr[j])
			p++;
		total += h - p;
		if (out != NULL)
			for (int64 m = p; m < h; m++)
			{
				out[(*nout)++] = pair_slope(w->pts, il[m], ir[j]);
				if (il[m] > ir[j])
					(*flipped)++;
			}
	}
	for (i = 0, j = 0, o = 0; i < h || j < nr;)
	{
		if (j >= nr || (i < h && vl[i] < vr[j]))
		{
			w->vtmp[o] = vl[i];
			w->idtmp[o++] = il[i++];
		}
		else
		{
			w->vtmp[o] = vr[j];
			w->idtmp[o++] = ir[j++];
		}
	}
	memcpy(v, w->vtmp, sizeof(int64) * n);
	memcpy(id, w->idtmp, sizeof(int64) * n);
	return total;
}

/* The pairs whose order differs between lo and hi: their count, and with out their slopes. */
static int64
bracket_pairs(SenWork *w, double lo, double hi, double *out, int64 *flipped)
{
	int64		nout = 0;

	order_at(w, hi, false);
	for (int64 r = 0; r < w->n; r++)
		w->vtmp[w->rows[r].i] = r;	/* rank of point i in the hi order */
	order_at(w, lo, true);
	for (int64 r = 0; r < w->n; r++)
	{
		w->id[r] = w->rows[r].i;
		w->v[r] = w->vtmp[w->rows[r].i];
	}
	*flipped = 0;
	return inversions_rec(w, w->v, w->id, w->n, out, &nout, flipped);
}

/* ---------------------------------------------------------------- slope selection */

/* Doubles (never NaN) as int64 in the same order; -0 and +0 are both 0. */
static inline int64
dkey(double d)
{
	int64		b;

	memcpy(&b, &d, sizeof(b));
	return b >= 0 ? b : -(b & INT64_MAX);
}

static inline double
dval(int64 k)
{
	uint64		b = k >= 0 ? (uint64) k : ((uint64) (-k) | ((uint64) 1 << 63));
	double		d;

	memcpy(&d, &b, sizeof(d));
	return d;
}

/*
 * The k-th smallest of a[0 .. m-1] (0 <= k < m), rearranging a so that a[k + 1 ..] >= a[k]
 * (Hoare's selection with a median-of-three pivot; equal values split evenly).
 */
static double
select_kth(double *a, int64 m, int64 k)
{
	int64		lo = 0,
				hi = m - 1;

	while (hi > lo)
	{
		int64		mid = lo + (hi - lo) / 2,
					i = lo,
					j = hi;
		double		x = a[lo],
					y = a[mid],
					z = a[hi],
					p = (x < y) ? ((y < z) ? y : (x < z ? z : x)) : ((x < z) ? x : (y < z ? z : y));

		if (hi - lo > 65536)
			CHECK_FOR_INTERRUPTS();
		while (i <= j)
		{
			while (a[i] < p)
				i++;
			while (a[j] > p)
				j--;
			if (i <= j)
			{
				double		t = a[i];

				a[i++] = a[j];
				a[j--] = t;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			break;				/* a[j + 1 .. i - 1] all equal p */
	}
	return a[k];
}

/* The k-th and (k+1)-th smallest of a[0 .. m-1] (k + 1 < m), or the k-th twice when !two. */
static void
select_two(double *a, int64 m, int64 k, bool two, double *s1, double *s2)
{
	*s1 = select_kth(a, m, k);
	*s2 = *s1;
	if (two)
	{
		*s2 = a[k + 1];
		for (int64 i = k + 2; i < m; i++)
			if (a[i] < *s2)
				*s2 = a[i];
	}
}

/*
 * A first bracket from SEN_SAMPLE slopes of pairs drawn at random (a fixed generator, so the
 * result is deterministic): the sample quantiles three standard errors either side of the target
 * rank, each kept only when its count confirms it.  Saves most of the bisection steps.
 */
static void
sample_bracket(SenWork *w, int64 N, int64 k1, int64 k2, double *lo, double *hi, int64 *a, int64 *b)
{
	double	   *s = palloc(sizeof(double) * SEN_SAMPLE);
	uint64		state = (uint64) w->n;
	double		f = (double) k1 / (double) N,
				margin = 3 * sqrt((double) SEN_SAMPLE);
	int64		ilo,
				ihi,
				lt,
				le;

	for (int m = 0; m < SEN_SAMPLE; m++)
	{
		int64		i,
					j;

		state = zj_mix64(state + UINT64CONST(0x9e3779b97f4a7c15));
		i = (int64) (state % (uint64) w->n);
		j = (int64) ((state >> 32) % (uint64) (w->n - 1));
		if (j >= i)
			j++;
		s[m] = pair_slope(w->pts, i, j);
	}
	qsort(s, SEN_SAMPLE, sizeof(double), cmp_double);
	ilo = (int64) floor(f * SEN_SAMPLE - margin);
	ihi = (int64) ceil(f * SEN_SAMPLE + margin);
	if (ilo >= 0 && isfinite(s[ilo]))
	{
		count_at(w, s[ilo], &lt, &le);
		if (le <= k1)
		{
			*lo = s[ilo];
			*a = le;
		}
	}
	if (ihi < SEN_SAMPLE && isfinite(s[ihi]))
	{
		count_at(w, s[ihi], &lt, &le);
		if (lt > k2)
		{
			*hi = s[ihi];
			*b = lt;
		}
	}
	pfree(s);
}

/*
 * The k1-th and k2-th smallest (0-based, k2 = k1 or k1 + 1) of the N pairwise slopes, with one
 * bracket for both: lo with #{slope <= lo} <= k1 and hi with #{slope < hi} > k2.
 */
static void
sen_select(SenWork *w, int64 N, int64 k1, int64 k2, double *s1, double *s2)
{
	double		lo = -INFINITY,
				hi = INFINITY;
	int64		a = 0,			/* #{slope <= lo} <= k1 */
				b = N;			/* #{slope < hi} > k2 */
	int64		budget = Max(SEN_BUDGET_MIN, 4 * w->n);

	if (b - a > budget)
		sample_bracket(w, N, k1, k2, &lo, &hi, &a, &b);
	for (;;)
	{
		int64		klo = dkey(lo),
					khi = dkey(hi),
					kmid = (klo >> 1) + (khi >> 1) + (klo & khi & 1);
		bool		narrowable = kmid > klo && kmid < khi;
		double		mid;
		int64		lt,
					le;

		CHECK_FOR_INTERRUPTS();
		if (b - a <= budget || !narrowable)
		{
			int64		flipped;
			int64		m = bracket_pairs(w, lo, hi, NULL, &flipped);

			if (m <= 4 * budget || !narrowable)
			{
				double	   *s = zj_work_alloc(sizeof(double) * Max(m, 2), "Sen's slope");
				int64		r;

				bracket_pairs(w, lo, hi, s, &flipped);
				/* the pairs below the bracket: a, less those listed because rounding flipped them */
				r = k1 - (a - flipped);
				if (m == 0)
					*s1 = *s2 = isinf(lo) ? hi : lo;	/* cannot happen: the bracket holds k1 */
				else
				{
					r = Max(0, Min(r, m - 1));
					select_two(s, m, r, k2 > k1 && r + 1 < m, s1, s2);
				}
				pfree(s);
				return;
			}
		}
		mid = dval(kmid);
		count_at(w, mid, &lt, &le);
		if (le <= k1)
		{
			lo = mid;
			a = le;
		}
		else if (lt > k2)
		{
			hi = mid;
			b = lt;
		}
		else if (lt <= k1 && le > k2)
		{
			/* #{slope < mid} <= k1 <= k2 < #{slope <= mid}: both are mid (tied slopes) */
			*s1 = *s2 = mid + 0.0;
			return;
		}
		else
		{
			/* mid is exactly one of the two middle slopes: the other lies on one side of it */
			double		d;

			if (lt > k1)
			{
				/* s[k1] < mid = s[k2] */
				sen_select(w, N, k1, k1, s1, &d);
				*s2 = mid + 0.0;
			}
			else
			{
				/* s[k1] = mid < s[k2] */
				*s1 = mid + 0.0;
				sen_select(w, N, k2, k2, s2, &d);
			}
			return;
		}
	}
}

double
zj_sen_slope(const ZjPoint *pts, int64 n)
{
	int64		N = n * (n - 1) / 2;
	int64		k1 = (N - 1) / 2,
				k2 = N / 2;
	double		s1,
				s2;

	if (N <= Max(SEN_BUDGET_MIN, 4 * n))
	{
		/* few enough pairs to list them all */
		double	   *s = zj_work_alloc(sizeof(double) * N, "Sen's slope");
		int64		m = 0;

		for (int64 i = 0; i < n; i++)
			for (int64 j = i + 1; j < n; j++)
				s[m++] = (pts[j].x - pts[i].x) / (pts[j].t - pts[i].t);
		select_two(s, N, k1, k2 > k1, &s1, &s2);
		pfree(s);
	}
	else
	{
		SenWork		w;

		w.pts = pts;
		w.n = n;
		w.tc = pts[n / 2].t;
		w.xc = pts[n / 2].x;
		w.u = zj_work_alloc(sizeof(ldouble) * n, "Sen's slope");
		w.utmp = zj_work_alloc(sizeof(ldouble) * n, "Sen's slope");
		w.v = zj_work_alloc(sizeof(int64) * n, "Sen's slope");
		w.id = zj_work_alloc(sizeof(int64) * n, "Sen's slope");
		w.vtmp = zj_work_alloc(sizeof(int64) * n, "Sen's slope");
		w.idtmp = zj_work_alloc(sizeof(int64) * n, "Sen's slope");
		w.rows = zj_work_alloc(sizeof(KeyRow) * n, "Sen's slope");
		sen_select(&w, N, k1, k2, &s1, &s2);
		pfree(w.u);
		pfree(w.utmp);
		pfree(w.v);
		pfree(w.id);
		pfree(w.vtmp);
		pfree(w.idtmp);
		pfree(w.rows);
	}
	return s1 == s2 ? s1 : (s1 + s2) / 2;
}

/* ---------------------------------------------------------------- Mann-Kendall */

void
zj_mann_kendall(ZjPoint *pts, int64 n, ZjTrend *out)
{
	double	   *xs;
	ldouble    *u,
			   *tmp;
	int64		lt = 0,
				le = 0,
				N = n * (n - 1) / 2;
	double		ties = 0,
				dn = (double) n;

	memset(out, 0, sizeof(*out));
	out->n = n;
	if (n < 1)
		return;
	for (int64 i = 0; i < n; i++)
		if (!isfinite(pts[i].t) || !isfinite(pts[i].x))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must be a finite number", isfinite(pts[i].t) ? "value" : "t")));
	qsort(pts, n, sizeof(ZjPoint), cmp_point);
	for (int64 i = 1; i < n; i++)
		if (pts[i].t == pts[i - 1].t)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("t must be distinct within a group"),
					 errdetail("t = %.17g occurs more than once.", pts[i].t),
					 errhint("Aggregate the values of one period first, e.g. with sum() or avg().")));

	xs = zj_work_alloc(sizeof(double) * n, "mann_kendall");
	for (int64 i = 0; i < n; i++)
		xs[i] = pts[i].x;
	qsort(xs, n, sizeof(double), cmp_double);
	if (!isfinite(pts[n - 1].t - pts[0].t) || !isfinite(xs[n - 1] - xs[0]))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("the %s range is too large", isfinite(pts[n - 1].t - pts[0].t) ? "value" : "t"),
				 errdetail("The difference between the largest and the smallest overflows a double.")));

	/* S by inversion counting of x in t order */
	u = zj_work_alloc(sizeof(ldouble) * n, "mann_kendall");
	tmp = zj_work_alloc(sizeof(ldouble) * n, "mann_kendall");
	for (int64 i = 0; i < n; i++)
		u[i] = pts[i].x;
	count_rec(u, tmp, n, &lt, &le);
	pfree(u);
	pfree(tmp);
	out->s = (double) ((N - le) - lt);

	/* tie groups of x */
	for (int64 i = 0, j; i < n; i = j)
	{
		double		g;

		for (j = i + 1; j < n && xs[j] == xs[i]; j++)
			;
		g = (double) (j - i);
		if (g > 1)
			ties += g * (g - 1) * (2 * g + 5);
	}
	out->var_s = (dn * (dn - 1) * (2 * dn + 5) - ties) / 18;

	if (n >= 3)
	{
		double		mx = (n % 2) ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
		double		mt = (n % 2) ? pts[n / 2].t : (pts[n / 2 - 1].t + pts[n / 2].t) / 2;

		out->has_test = true;
		if (out->s == 0 || out->var_s <= 0)
			out->z = 0;
		else
			out->z = (out->s > 0 ? out->s - 1 : out->s + 1) / sqrt(out->var_s);
		out->p = erfc(fabs(out->z) / M_SQRT2);
		out->tau = out->s / (double) N;
		out->slope = zj_sen_slope(pts, n);
		out->intercept = mx - out->slope * mt;
	}
	pfree(xs);
}

/* ---------------------------------------------------------------- emerging hot spot categories */

const char *const zj_eh_category_names[ZJ_EH_CATEGORIES] = {
	"no pattern",
	"new hot spot", "consecutive hot spot", "intensifying hot spot", "diminishing hot spot",
	"persistent hot spot", "oscillating hot spot", "sporadic hot spot", "historical hot spot",
	"new cold spot", "consecutive cold spot", "intensifying cold spot", "diminishing cold spot",
	"persistent cold spot", "oscillating cold spot", "sporadic cold spot", "historical cold spot"
};

const char *const zj_eh_category_names_zh[ZJ_EH_CATEGORIES] = {
	"无显著模式",
	"新增热点", "连续热点", "加强热点", "减弱热点", "持续热点", "振荡热点", "零星热点", "历史热点",
	"新增冷点", "连续冷点", "加强冷点", "减弱冷点", "持续冷点", "振荡冷点", "零星冷点", "历史冷点"
};

/* Rules 1..8 for one side (sign +1 hot, -1 cold); 0 when none holds. */
static int
eh_side(const signed char *sig, int T, int sign, double tau, double trend_p, double alpha)
{
	int			H = 0,
				C = 0,
				run = 0;
	bool		last = sig[T - 1] == sign;
	bool		mostly;
	bool		significant = !isnan(trend_p) && trend_p <= alpha;

	for (int p = 0; p < T; p++)
	{
		if (sig[p] == sign)
			H++;
		else if (sig[p] == -sign)
			C++;
	}
	for (int p = T - 1; p >= 0 && sig[p] == sign; p--)
		run++;
	mostly = 10 * (int64) H >= 9 * (int64) T;
	tau *= sign;				/* cold spots: the signs reversed */

	if (last && H == 1)
		return 1;				/* new */
	if (last && run >= 2 && H == run && C == 0 && !mostly)
		return 2;				/* consecutive */
	if (mostly && last && tau > 0 && significant)
		return 3;				/* intensifying */
	if (mostly && last && tau < 0 && significant)
		return 4;				/* diminishing */
	if (mostly && last && !significant)
		return 5;				/* persistent */
	if (last && !mostly && C > 0)
		return 6;				/* oscillating */
	if (last && !mostly && C == 0)
		return 7;				/* sporadic */
	if (!last && mostly)
		return 8;				/* historical */
	return 0;
}

int
zj_eh_category(const signed char *sig, int T, double tau, double trend_p, double alpha)
{
	int			c;

	if (T < 1)
		return 0;
	if ((c = eh_side(sig, T, 1, tau, trend_p, alpha)) != 0)
		return c;
	if ((c = eh_side(sig, T, -1, tau, trend_p, alpha)) != 0)
		return 8 + c;
	return 0;
}
