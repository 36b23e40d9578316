/*
 * jenks_test.c — the Fisher-Jenks dynamic programme of src/jenks.c, compiled unchanged against
 * shim/postgres.h, under -fsanitize=address,undefined (test/suites/unit_asan.sh).
 *
 * References: for m <= 12 distinct items, a brute force over every partition into k contiguous
 * non-empty classes (C(m - 1, k - 1) of them); for m up to 120, the plain O(k m^2) dynamic programme
 * without the divide-and-conquer.  Both compute each class's weighted sum of squares directly
 * (mean first, then deviations), not from prefix sums.  Inputs are collapsed into distinct items
 * with counts by zj_jenks_distinct, as _zjgov_jenks_final does, so ties are covered.
 */
#include "postgres.h"

#include "jenks.h"
#include "unit.h"

#define MAXM 120

/* weighted within-class sum of squares of items a .. b-1, computed directly */
static double
class_ssd(const double *x, const double *w, int a, int b)
{
	double		n = 0,
				s = 0,
				r = 0;

	for (int i = a; i < b; i++)
	{
		n += w[i];
		s += w[i] * x[i];
	}
	for (int i = a; i < b; i++)
		r += w[i] * (x[i] - s / n) * (x[i] - s / n);
	return r;
}

/* total cost of the partition given by starts[0 .. k-2]; -1 if the starts are not valid */
static double
partition_cost(const double *x, const double *w, int m, int k, const int64 *starts)
{
	double		c = 0;
	int			prev = 0;

	for (int i = 0; i < k - 1; i++)
	{
		if (starts[i] <= prev || starts[i] >= m)
			return -1;
		c += class_ssd(x, w, prev, (int) starts[i]);
		prev = (int) starts[i];
	}
	return c + class_ssd(x, w, prev, m);
}

/* every partition: choose k - 1 starts among 1 .. m-1; returns the best cost and how many reach it */
static double
brute(const double *x, const double *w, int m, int k, int64 *best_starts, int *nbest, double tol)
{
	int64		s[16];
	double		best = INFINITY;

	for (int i = 0; i < k - 1; i++)
		s[i] = i + 1;
	*nbest = 0;
	for (;;)
	{
		double		c = partition_cost(x, w, m, k, s);

		if (c < best - tol)
		{
			best = c;
			*nbest = 1;
			memcpy(best_starts, s, sizeof(int64) * (k - 1));
		}
		else if (c <= best + tol)
			(*nbest)++;
		/* next combination */
		{
			int			i = k - 2;

			while (i >= 0 && s[i] == m - (k - 1) + i)
				i--;
			if (i < 0)
				break;
			s[i]++;
			for (int j = i + 1; j < k - 1; j++)
				s[j] = s[j - 1] + 1;
		}
	}
	return best;
}

/* plain dynamic programme: D[c][i] = least cost of items 0 .. i-1 in c classes */
static double
naive_dp(const double *x, const double *w, int m, int k)
{
	static double D[16][MAXM + 1];

	for (int i = 1; i <= m; i++)
		D[1][i] = class_ssd(x, w, 0, i);
	for (int c = 2; c <= k; c++)
		for (int i = c; i <= m; i++)
		{
			double		best = INFINITY;

			for (int j = c - 1; j < i; j++)
				best = Min(best, D[c - 1][j] + class_ssd(x, w, j, i));
			D[c][i] = best;
		}
	return D[k][m];
}

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return (x > y) - (x < y);
}

static int	collapse_inputs,
			collapse_bad;

/* n random values (rounded to `grid` when positive, to make ties), sorted and collapsed; returns m */
static int
make_items(double *x, double *w, int n, double grid, double offset)
{
	double		sorted[MAXM];
	int			m,
				at = 0;

	for (int i = 0; i < n; i++)
	{
		double		v = unit_uniform(0, 100) * (unit_rand() < 0.3 ? 10 : 1);

		x[i] = offset + (grid > 0 ? round(v / grid) * grid : v);
	}
	qsort(x, n, sizeof(double), cmp_double);
	memcpy(sorted, x, sizeof(double) * n);
	m = (int) zj_jenks_distinct(x, w, n);
	/* the items, walked against the sorted values: strictly ascending, each repeated w times */
	collapse_inputs++;
	for (int i = 0; i < m; i++)
	{
		if ((i > 0 && !(x[i] > x[i - 1])) || !(w[i] >= 1))
		{
			collapse_bad++;
			break;
		}
		for (int c = 0; c < (int) w[i]; c++)
			collapse_bad += at >= n || sorted[at++] != x[i];
	}
	collapse_bad += at != n;
	return m;
}

static void
test_brute(void)
{
	static const double grids[] = {0, 1, 10, 40};
	static const double offsets[] = {0, -500, 1e6};
	int			cases = 0,
				bad_valid = 0,
				bad_cost = 0,
				bad_unique = 0,
				tied_inputs = 0;

	for (int rep = 0; rep < 1500; rep++)
	{
		double		x[12],
					w[12];
		int			n = 3 + (int) (unit_rand() * 10);	/* 3 .. 12 values */
		double		grid = grids[rep % 4],
					offset = offsets[(rep / 4) % 3];
		int			m = make_items(x, w, n, grid, offset);

		if (m < n)
			tied_inputs++;
		for (int k = 2; k <= m; k++)
		{
			int64		starts[16],
						bstarts[16];
			int			nbest;
			double		scale = 1 + class_ssd(x, w, 0, m);
			double		tol = 1e-9 * scale;
			double		best = brute(x, w, m, k, bstarts, &nbest, tol);
			double		got;

			memset(starts, 0xff, sizeof(starts));
			zj_jenks_fisher(x, w, m, k, starts);
			got = partition_cost(x, w, m, k, starts);
			cases++;
			if (got < 0)
				bad_valid++;
			else if (!(got <= best + tol))
			{
				bad_cost++;
				if (bad_cost <= 3)
					printf("# m %d k %d: fisher cost %.17g, brute force %.17g\n", m, k, got, best);
			}
			else if (nbest == 1 && memcmp(starts, bstarts, sizeof(int64) * (k - 1)) != 0)
				bad_unique++;
		}
	}
	CHECK(bad_valid == 0, "brute force, %d cases (m <= 12, all k): class starts strictly increasing in 1 .. m-1 (%d bad)", cases, bad_valid);
	CHECK(bad_cost == 0, "brute force, %d cases: least within-class sum of squares (%d bad)", cases, bad_cost);
	CHECK(bad_unique == 0, "brute force: the very partition when the optimum is unique (%d bad)", bad_unique);
	CHECK(tied_inputs > 500, "brute force: %d of the 1500 inputs had tied values", tied_inputs);
}

static void
test_naive_dp(void)
{
	int			cases = 0,
				bad = 0;

	for (int rep = 0; rep < 80; rep++)
	{
		static double x[MAXM],
					w[MAXM];
		int			n = 20 + (int) (unit_rand() * (MAXM - 20));
		int			m = make_items(x, w, n, rep % 3 == 0 ? 1 : 0, rep % 5 == 0 ? 1e6 : 0);

		for (int k = 2; k <= 15 && k <= m; k += 1 + rep % 4)
		{
			int64		starts[16];
			double		ref = naive_dp(x, w, m, k);
			double		got;

			zj_jenks_fisher(x, w, m, k, starts);
			got = partition_cost(x, w, m, k, starts);
			cases++;
			if (!(got >= 0 && got <= ref + 1e-9 * (1 + class_ssd(x, w, 0, m))))
			{
				bad++;
				if (bad <= 3)
					printf("# m %d k %d: fisher cost %.17g, plain DP %.17g\n", m, k, got, ref);
			}
		}
	}
	CHECK(bad == 0, "plain O(k m^2) DP, %d cases (m up to 120, k 2 .. 15): same least cost (%d bad)", cases, bad);
}

static void
test_small_known(void)
{
	/* {1, 2, 3, 10, 11, 12} in 2 classes: {1,2,3} {10,11,12}, the second starts at item 3 */
	double		x[] = {1, 2, 3, 10, 11, 12},
				w[] = {1, 1, 1, 1, 1, 1};
	/* {0 (x3), 5, 6, 100 (x2)} in 3 classes: {0} {5, 6} {100} */
	double		x2[] = {0, 5, 6, 100},
				w2[] = {3, 1, 1, 2};
	int64		s[4];

	zj_jenks_fisher(x, w, 6, 2, s);
	CHECK(s[0] == 3, "{1,2,3,10,11,12}, k = 2: the second class starts at 10 (item %lld)", (long long) s[0]);
	zj_jenks_fisher(x2, w2, 4, 3, s);
	CHECK(s[0] == 1 && s[1] == 3, "weighted {0 x3, 5, 6, 100 x2}, k = 3: classes start at items 1 and 3 (%lld, %lld)",
		  (long long) s[0], (long long) s[1]);
	/* k = m: every item a class of its own */
	zj_jenks_fisher(x2, w2, 4, 4, s);
	CHECK(s[0] == 1 && s[1] == 2 && s[2] == 3, "k = m: one class per item");
}

int
main(void)
{
	test_small_known();
	test_brute();
	test_naive_dp();
	CHECK(collapse_bad == 0, "zj_jenks_distinct: %d sorted inputs become strictly ascending items whose counts repeat them exactly (%d bad)",
		  collapse_inputs, collapse_bad);
	return UNIT_RESULT();
}
