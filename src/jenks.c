/*
 * jenks.c — the dynamic programme of jenks_breaks (the exact Fisher optimum), over plain double
 * arrays, moved unchanged out of breaks.c so that it can also be compiled outside the server for the
 * sanitizer unit tests (test/suites/unit_asan.sh, test/unit/jenks_test.c).
 */
#include "postgres.h"

#include "miscadmin.h"
#include "utils/float.h"
#include "utils/memutils.h"

#include "jenks.h"
#include "settings.h"

int64
zj_jenks_distinct(double *x, double *w, int64 n)
{
	int64		m = 0;

	for (int64 i = 0; i < n; i++)
	{
		if (m > 0 && x[i] == x[m - 1])
			w[m - 1] += 1;
		else
		{
			x[m] = x[i];
			w[m] = 1;
			m++;
		}
	}
	return m;
}

typedef struct Prefix
{
	double		w;				/* count of values before this item */
	double		s1;				/* sum of (x - shift) */
	double		s2;				/* sum of (x - shift)^2 */
} Prefix;

typedef struct FisherDP
{
	const Prefix *p;
	const double *prev;			/* optimum cost of the previous layer, by end item */
	double	   *cur;
	int32	   *back;			/* this layer's argmin: the first item of the last class */
	uint32		calls;
} FisherDP;

/* Within-class sum of squared deviations of items a .. b-1. */
static inline double
ssd(const Prefix *p, int64 a, int64 b)
{
	double		n = p[b].w - p[a].w;
	double		s = p[b].s1 - p[a].s1;
	double		r = (p[b].s2 - p[a].s2) - s * s / n;

	return r > 0 ? r : 0;
}

/*
 * Divide and conquer over the end items lo..hi of one layer, knowing that the optimal start of
 * the last class lies in optlo..opthi and moves right as the end moves right (the cost is Monge).
 * The leftmost minimum is taken, which keeps that monotonicity under ties.
 */
static void
fisher_layer(FisherDP *dp, int64 lo, int64 hi, int64 optlo, int64 opthi)
{
	while (lo <= hi)
	{
		int64		mid = lo + (hi - lo) / 2;
		int64		jhi = Min(opthi, mid - 1);
		int64		bestj = optlo;
		double		best = get_float8_infinity();

		if ((++dp->calls & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		for (int64 j = optlo; j <= jhi; j++)
		{
			double		v = dp->prev[j] + ssd(dp->p, j, mid);

			if (v < best)
			{
				best = v;
				bestj = j;
			}
		}
		dp->cur[mid] = best;
		dp->back[mid] = (int32) bestj;
		/* recurse on the smaller half, loop on the other */
		if (mid - lo < hi - mid)
		{
			fisher_layer(dp, lo, mid - 1, optlo, bestj);
			lo = mid + 1;
			optlo = bestj;
		}
		else
		{
			fisher_layer(dp, mid + 1, hi, bestj, opthi);
			hi = mid - 1;
			opthi = bestj;
		}
	}
}

/*
 * Exact Fisher (1958) optimal partition of m distinct ascending items x (with counts w) into
 * k contiguous non-empty classes, 2 <= k <= m.  starts[c] receives the first item of class c + 2.
 * Layer c holds, for every end item i, the least within-class sum of squares of the first i items
 * in c classes; each layer costs O(m log m) by divide and conquer, the last one O(m).
 */
void
zj_jenks_fisher(const double *x, const double *w, int64 m, int k, int64 *starts)
{
	Prefix	   *p;
	double	   *prev,
			   *cur;
	int32	  **back;
	double		shift = x[m / 2];	/* centring keeps the prefix sums of squares small */
	FisherDP	dp;
	double		best;
	int64		bestj;

	if ((double) (k - 2) * (m + 1) * sizeof(int32) > (double) zj_max_work_mem_kb * 1024)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many classes for %lld distinct values in jenks_breaks", (long long) m),
				 errdetail("jenks_breaks keeps %d bytes per distinct value for k = %d, more than zjgov.max_work_mem (%d kB).",
						   (k - 2) * 4, k, zj_max_work_mem_kb),
				 errhint("Use fewer classes, aggregate a sample, or raise zjgov.max_work_mem.")));
	p = zj_work_alloc(sizeof(Prefix) * (m + 1), "jenks_breaks");
	prev = zj_work_alloc(sizeof(double) * (m + 1), "jenks_breaks");
	cur = zj_work_alloc(sizeof(double) * (m + 1), "jenks_breaks");
	back = palloc0(sizeof(int32 *) * (k + 1));

	p[0].w = p[0].s1 = p[0].s2 = 0;
	for (int64 i = 0; i < m; i++)
	{
		double		d = x[i] - shift;

		p[i + 1].w = p[i].w + w[i];
		p[i + 1].s1 = p[i].s1 + w[i] * d;
		p[i + 1].s2 = p[i].s2 + w[i] * d * d;
	}

	/* layer 1: one class of items 0 .. i-1; the others need k - 1 items after it */
	for (int64 i = 1; i <= m - (k - 1); i++)
		prev[i] = ssd(p, 0, i);

	dp.p = p;
	dp.calls = 0;
	for (int c = 2; c < k; c++)
	{
		double	   *t;

		back[c] = zj_work_alloc(sizeof(int32) * (m + 1), "jenks_breaks");
		dp.prev = prev;
		dp.cur = cur;
		dp.back = back[c];
		/* c classes end at items c .. m - (k - c); the last one starts at c - 1 or later */
		fisher_layer(&dp, c, m - (k - c), c - 1, m - (k - c) - 1);
		t = prev;
		prev = cur;
		cur = t;
	}

	/* layer k ends at m */
	best = get_float8_infinity();
	bestj = k - 1;
	for (int64 j = k - 1; j <= m - 1; j++)
	{
		double		v = prev[j] + ssd(p, j, m);

		if (v < best)
		{
			best = v;
			bestj = j;
		}
	}
	starts[k - 2] = bestj;
	for (int c = k - 1; c >= 2; c--)
		starts[c - 2] = back[c][starts[c - 1]];

	for (int c = 2; c < k; c++)
		pfree(back[c]);
	pfree(back);
	pfree(p);
	pfree(prev);
	pfree(cur);
}
