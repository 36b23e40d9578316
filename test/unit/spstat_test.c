/*
 * spstat_test.c — the statistics kernels of src/spstat.c (with the CSR graph of src/graph.c),
 * compiled unchanged against shim/postgres.h, under -fsanitize=address,undefined
 * (test/suites/unit_asan.sh).
 *
 * References, none of them the kernels' own algebra:
 *  - local Moran, Getis-Ord Gi and Gi*, the lag and global Moran's I from their definitions over a
 *    dense weights matrix (Anselin 1995; Getis & Ord 1992, Ord & Getis 1995; Cliff & Ord 1981);
 *  - the conditional permutation test of local Moran against the exact distribution, enumerating
 *    every set of k values the other n - 1 rows can lend row i (integer data, so ties are exact),
 *    for both of the kernel's sampling paths (redraw-on-repeat and partial Fisher-Yates);
 *  - Var[I] under randomisation against the exact variance over all n! permutations of the values;
 *  - empirical Bayes rates and p-value adjustment from hand-computed examples and the rank
 *    definitions (Benjamini-Hochberg: min over p_j >= p_i of n p_j / R_j; Holm: max over
 *    p_j <= p_i of (n - R_j + 1) p_j, R the lowest rank of a tie).
 */
#include "postgres.h"

#include "spstat.h"
#include "unit.h"

#define MAXN 64

/* a dense 0/1 matrix and its CSR graph (made through graph.c) */
static ZjGraph *
graph_of(int n, const unsigned char *adj)
{
	ZjEdges		e = {0};

	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			if (adj[i * n + j])
				zj_edges_add(&e, i, j);
	return zj_graph_from_edges(n, &e);
}

/* every row i gets between kmin and kmax distinct random neighbours (not symmetric) */
static void
random_adj(int n, int kmin, int kmax, unsigned char *adj)
{
	memset(adj, 0, (size_t) n * n);
	for (int i = 0; i < n; i++)
	{
		int			k = kmin + (int) (unit_rand() * (kmax - kmin + 1));

		for (int t = 0; t < k && t < n - 1;)
		{
			int			j = (int) (unit_rand() * n);

			if (j != i && !adj[i * n + j])
			{
				adj[i * n + j] = 1;
				t++;
			}
		}
	}
}

static int
degree(int n, const unsigned char *adj, int i)
{
	int			k = 0;

	for (int j = 0; j < n; j++)
		k += adj[i * n + j];
	return k;
}

static bool
close_to(double a, double b, double rel)
{
	return fabs(a - b) <= rel * Max(1.0, Max(fabs(a), fabs(b)));
}

/* ---- local Moran: Ii and quadrants from the definition ---- */

static void
test_local_moran_values(void)
{
	int			bad = 0,
				cases = 0;

	for (int rep = 0; rep < 200; rep++)
	{
		int			n = 3 + (int) (unit_rand() * 60);
		unsigned char adj[MAXN * MAXN];
		double		x[MAXN],
					mean = 0,
					m2 = 0;
		uint64		h[MAXN];
		ZjStatRes	out[MAXN];
		ZjGraph    *g;

		random_adj(n, 0, 5, adj);
		for (int i = 0; i < n; i++)
		{
			x[i] = rep % 3 == 0 ? round(unit_uniform(-5, 5)) : unit_uniform(-1e3, 1e3);
			h[i] = (uint64) (unit_rand() * 1e18);
			mean += x[i];
		}
		mean /= n;
		for (int i = 0; i < n; i++)
			m2 += (x[i] - mean) * (x[i] - mean) / n;
		g = graph_of(n, adj);
		zj_local_moran(n, x, h, g, 0, 1, out);
		for (int i = 0; i < n; i++)
		{
			int			k = degree(n, adj, i);
			double		lag = 0,
						zi = x[i] - mean,
						ii;
			int			quad;

			cases++;
			if (k == 0 || m2 == 0)
			{
				bad += !out[i].isnull;
				continue;
			}
			for (int j = 0; j < n; j++)
				if (adj[i * n + j])
					lag += (x[j] - mean) / k;
			ii = zi * lag / m2;
			/* HH, LL, HL, LH: the row above the mean and its neighbours' mean above it, ... */
			quad = zi > 0 ? (lag > 0 ? 0 : 2) : (lag > 0 ? 3 : 1);
			if (out[i].isnull || !close_to(out[i].v[0], ii, 1e-9) || !isnan(out[i].v[1]) ||
				!isnan(out[i].v[2]) || (fabs(lag) > 1e-9 && fabs(zi) > 1e-9 && out[i].code != quad))
				bad++;
		}
		shim_reset();
	}
	CHECK(bad == 0, "local Moran Ii and quadrant = definition, %d rows of 200 random graphs (%d bad)", cases, bad);
}

/* ---- local Moran: the permutation test against the exact conditional distribution ---- */

/* over every k-subset of the values other than row i's: how many give s >= sobs (in the direction
 * of zi), and the mean and variance of s */
static void
enumerate(const double *z, int n, int i, int k, double sobs, double zi, double *pge, double *ms, double *vs)
{
	int			c[8],
				oth[MAXN],
				m = 0;
	double		cnt = 0,
				ge = 0,
				s1 = 0,
				s2 = 0;

	for (int j = 0; j < n; j++)
		if (j != i)
			oth[m++] = j;
	for (int t = 0; t < k; t++)
		c[t] = t;
	for (;;)
	{
		double		s = 0;
		int			t;

		for (t = 0; t < k; t++)
			s += z[oth[c[t]]];
		cnt++;
		ge += zi * (s - sobs) >= 0;
		s1 += s;
		s2 += s * s;
		for (t = k - 1; t >= 0 && c[t] == m - k + t; t--)
			;
		if (t < 0)
			break;
		c[t]++;
		for (int u = t + 1; u < k; u++)
			c[u] = c[u - 1] + 1;
	}
	*pge = ge / cnt;
	*ms = s1 / cnt;
	*vs = s2 / cnt - (s1 / cnt) * (s1 / cnt);
}

static void
permutation_case(const char *label, int n, int kmin, int kmax, int nperm)
{
	unsigned char adj[MAXN * MAXN];
	double		x[MAXN],
				z[MAXN],
				sum = 0,
				m2 = 0;
	uint64		h[MAXN];
	ZjStatRes	out[MAXN];
	ZjGraph    *g;
	int			rows = 0,
				badp = 0,
				badz = 0,
				badmean = 0;
	double		worst = 0;

	/* integers with an integer mean: every z and every sum is exact */
	for (int i = 0; i < n; i++)
	{
		x[i] = round(unit_uniform(0, 30));
		h[i] = (uint64) (unit_rand() * 1e18);
		sum += x[i];
	}
	x[n - 1] -= fmod(sum, n);
	sum -= fmod(sum, n);
	for (int i = 0; i < n; i++)
	{
		z[i] = x[i] - sum / n;
		m2 += z[i] * z[i] / n;
	}
	random_adj(n, kmin, kmax, adj);
	g = graph_of(n, adj);
	zj_local_moran(n, x, h, g, nperm, 20261123, out);
	for (int i = 0; i < n; i++)
	{
		int			k = degree(n, adj, i);
		double		sobs = 0,
					pge,
					ms,
					vs,
					f,
					zref,
					got,
					want,
					sd;

		if (k == 0 || z[i] == 0)
			continue;
		rows++;
		for (int j = 0; j < n; j++)
			if (adj[i * n + j])
				sobs += z[j];
		enumerate(z, n, i, k, sobs, z[i], &pge, &ms, &vs);
		f = z[i] / (k * m2);
		/* the exact conditional mean of Ii is -z_i^2 / ((n - 1) m2) (Anselin 1995) */
		if (!close_to(f * ms, -z[i] * z[i] / ((n - 1) * m2), 1e-12))
			badmean++;
		/* folded pseudo p: (min(ge, nperm - ge) + 1) / (nperm + 1), ge ~ Binomial(nperm, pge) */
		got = (out[i].v[2] * (nperm + 1) - 1) / nperm;
		want = Min(pge, 1 - pge);
		sd = sqrt(pge * (1 - pge) / nperm);
		worst = Max(worst, sd > 0 ? fabs(got - want) / sd : 0);
		if (fabs(got - want) > 5 * sd + 2.0 / nperm)
			badp++;
		/* z from the permutations' sample mean and variance */
		if (vs > 0)
		{
			zref = (f * sobs - f * ms) / (fabs(f) * sqrt(vs));
			if (isnan(out[i].v[1]) || fabs(out[i].v[1] - zref) > 6 / sqrt(nperm) + 0.01 * fabs(zref))
				badz++;
		}
		else if (!isnan(out[i].v[1]))
			badz++;
	}
	CHECK(rows > 0 && badmean == 0, "%s: exact conditional mean of Ii = -z_i^2/((n-1) m2), %d rows (%d bad)", label, rows, badmean);
	CHECK(rows > 0 && badp == 0, "%s: pseudo p = exact permutation p within 5 sd, %d rows, %d permutations (%d bad, worst %.2f sd)",
		  label, rows, nperm, badp, worst);
	CHECK(rows > 0 && badz == 0, "%s: permutation z = exact conditional z, %d rows (%d bad)", label, rows, badz);
	shim_reset();
}

/* the same rows in another order (graph relabelled) give bit-identical results */
static void
test_order_independence(void)
{
	int			bad = 0,
				cases = 0;

	for (int rep = 0; rep < 40; rep++)
	{
		int			n = 3 + (int) (unit_rand() * 60);
		unsigned char adj[MAXN * MAXN],
					adj2[MAXN * MAXN];
		double		x[MAXN],
					x2[MAXN];
		uint64		h[MAXN],
					h2[MAXN];
		int			pi[MAXN];
		ZjStatRes	a[MAXN],
					b[MAXN],
					c[MAXN];
		ZjGraph    *g,
				   *g2;

		random_adj(n, 1, 6, adj);
		for (int i = 0; i < n; i++)
		{
			x[i] = rep % 2 ? round(unit_uniform(0, 4)) : unit_uniform(0, 1);	/* ties, or none */
			h[i] = (uint64) (unit_rand() * 1e18);
			pi[i] = i;
		}
		for (int i = n - 1; i > 0; i--)
		{
			int			j = (int) (unit_rand() * (i + 1)),
						t = pi[i];

			pi[i] = pi[j];
			pi[j] = t;
		}
		for (int i = 0; i < n; i++)
		{
			x2[pi[i]] = x[i];
			h2[pi[i]] = h[i];
			for (int j = 0; j < n; j++)
				adj2[pi[i] * n + pi[j]] = adj[i * n + j];
		}
		g = graph_of(n, adj);
		g2 = graph_of(n, adj2);
		zj_local_moran(n, x, h, g, 499, 7, a);
		zj_local_moran(n, x2, h2, g2, 499, 7, b);
		zj_local_moran(n, x, h, g, 499, 7, c);
		for (int i = 0; i < n; i++)
		{
			cases++;
			if (a[i].isnull != b[pi[i]].isnull ||
				(!a[i].isnull && (memcmp(a[i].v, b[pi[i]].v, sizeof(a[i].v)) != 0 || a[i].code != b[pi[i]].code)) ||
				a[i].isnull != c[i].isnull || (!a[i].isnull && memcmp(a[i].v, c[i].v, sizeof(a[i].v)) != 0))
				bad++;
		}
		shim_reset();
	}
	CHECK(bad == 0, "local Moran: rows in a random order give bit-identical Ii, z, p; a rerun too (%d rows, %d bad)", cases, bad);
}

static void
test_local_moran_edges(void)
{
	unsigned char adj[16];
	double		x[4] = {1, 2, 3, 6},
				same[4] = {5, 5, 5, 5},
				atmean[4] = {1, 3, 2, 2};
	uint64		h[4] = {11, 22, 33, 44};
	ZjStatRes	out[4];
	ZjGraph    *g;
	int			nulls = 0;

	/* a path 0-1-2 and an island 3 */
	memset(adj, 0, sizeof(adj));
	adj[0 * 4 + 1] = adj[1 * 4 + 0] = adj[1 * 4 + 2] = adj[2 * 4 + 1] = 1;
	g = graph_of(4, adj);
	zj_local_moran(4, x, h, g, 1, 3, out);
	CHECK(out[3].isnull && !out[0].isnull && isnan(out[0].v[1]) && out[0].v[2] == 0.5,
		  "local Moran: an island is NULL; 1 permutation gives p = 1/2 and no z");
	zj_local_moran(4, same, h, g, 99, 3, out);
	for (int i = 0; i < 4; i++)
		nulls += out[i].isnull;
	CHECK(nulls == 4, "local Moran: constant values give NULL everywhere");
	/* mean 2: rows 2 and 3 sit on it */
	zj_local_moran(4, atmean, h, g, 99, 3, out);
	CHECK(!out[2].isnull && out[2].v[0] == 0 && isnan(out[2].v[1]) && isnan(out[2].v[2]) &&
		  !isnan(out[0].v[2]), "local Moran: a row at the mean has Ii = 0 and no permutation z or p");
	CHECK(SHIM_TRY(zj_local_moran(4, x, h, g, -1, 3, out)) && strcmp(shim_sqlstate, "22023") == 0 &&
		  SHIM_TRY(zj_local_moran(4, x, h, g, ZJ_MAX_PERMUTATIONS + 1, 3, out)) && strcmp(shim_sqlstate, "22023") == 0,
		  "local Moran: permutations outside [0, %d] is ERROR 22023", ZJ_MAX_PERMUTATIONS);
	/* the smallest inputs do not trip the sanitizers: two rows, one row, no rows */
	memset(adj, 0, sizeof(adj));
	adj[0 * 2 + 1] = adj[1 * 2 + 0] = 1;
	g = graph_of(2, adj);
	/* x = 1, 2: z = -1/2, 1/2, m2 = 1/4, so Ii = -1 for both */
	zj_local_moran(2, x, h, g, 999, 3, out);
	CHECK(!out[0].isnull && out[0].v[0] == -1 && !out[1].isnull && out[1].v[0] == -1,
		  "local Moran: two neighbouring rows 1 and 2 have Ii = -1");
	zj_local_moran(1, x, h, graph_of(1, adj), 999, 3, out);
	CHECK(out[0].isnull, "local Moran: one row has no neighbour: NULL");
	zj_local_moran(0, x, h, graph_of(0, adj), 999, 3, out);
	shim_reset();
}

/* ---- Getis-Ord and the lag, from the definitions ---- */

static void
test_getis_ord(void)
{
	int			bad = 0,
				badclass = 0,
				badlag = 0,
				cases = 0;

	for (int rep = 0; rep < 200; rep++)
	{
		int			n = 3 + (int) (unit_rand() * 60);
		bool		star = rep % 2 == 0;
		unsigned char adj[MAXN * MAXN];
		double		x[MAXN];
		ZjStatRes	out[MAXN],
					lag[MAXN];
		ZjGraph    *g;

		random_adj(n, 0, 8, adj);
		for (int i = 0; i < n; i++)
			x[i] = rep % 5 == 0 ? round(unit_uniform(0, 3)) : unit_uniform(0, 100);
		g = graph_of(n, adj);
		zj_getis_ord(n, x, g, star, out);
		zj_spatial_lag(n, x, g, rep % 3, lag);
		for (int i = 0; i < n; i++)
		{
			/* Gi*: j over all rows, w_ii = 1; Gi: j over the other rows (Ord & Getis 1995) */
			double		m = star ? n : n - 1,
						sx = 0,
						sxx = 0,
						wx = 0,
						W = 0,
						xbar,
						s,
						var,
						z;
			int			k = degree(n, adj, i);

			cases++;
			for (int j = 0; j < n; j++)
			{
				double		w = adj[i * n + j] || (star && j == i);

				if (!star && j == i)
					continue;
				sx += x[j];
				sxx += x[j] * x[j];
				wx += w * x[j];
				W += w;
			}
			if (k > 0)
				badlag += lag[i].isnull || !close_to(lag[i].v[0], ldexp(wx - (star ? x[i] : 0), rep % 3) / k, 1e-12);
			else
				badlag += !lag[i].isnull;
			xbar = sx / m;
			s = sqrt(Max(sxx / m - xbar * xbar, 0));
			/* binary weights: S1 = sum of w^2 = W */
			var = s * s * (m * W - W * W) / (m - 1);
			if (k == 0 || !(var > 1e-9 * Max(1, xbar * xbar)))
			{
				bad += !out[i].isnull && k == 0;
				continue;
			}
			z = (wx - xbar * W) / sqrt(var);
			if (out[i].isnull || !close_to(out[i].v[0], z, 1e-8) ||
				!close_to(out[i].v[1], 2 * (1 - 0.5 * (1 + erf(fabs(z) / sqrt(2)))), 1e-8))
				bad++;
			else
			{
				/* hot99/95/90, ns, cold90/95/99 at |z| 2.576, 1.960, 1.645 (docs/spatial.md) */
				const char *want = fabs(z) < 1.645 ? "ns" :
					z > 0 ? (z >= 2.576 ? "hot99" : z >= 1.960 ? "hot95" : "hot90") :
					(z <= -2.576 ? "cold99" : z <= -1.960 ? "cold95" : "cold90");

				if (fabs(fabs(z) - 1.645) > 1e-6 && fabs(fabs(z) - 1.960) > 1e-6 && fabs(fabs(z) - 2.576) > 1e-6)
					badclass += strcmp(zj_hotspot_names[out[i].code], want) != 0;
			}
		}
		shim_reset();
	}
	CHECK(bad == 0, "Getis-Ord Gi and Gi* z and p = Ord & Getis (1995) over a dense matrix, %d rows (%d bad)", cases, bad);
	CHECK(badclass == 0, "Getis-Ord classes follow |z| >= 1.645 / 1.960 / 2.576 (%d bad)", badclass);
	CHECK(badlag == 0, "spatial lag = mean of the neighbours' values times 2^scale, islands NULL (%d bad)", badlag);
}

/* ---- global Moran ---- */

static double
moran_dense(int n, const double *x, const unsigned char *adj)
{
	double		mean = 0,
				zz = 0,
				num = 0,
				S0 = 0;

	for (int i = 0; i < n; i++)
		mean += x[i] / n;
	for (int i = 0; i < n; i++)
	{
		int			k = degree(n, adj, i);

		zz += (x[i] - mean) * (x[i] - mean);
		for (int j = 0; j < n; j++)
			if (adj[i * n + j])
			{
				num += (x[i] - mean) * (x[j] - mean) / k;
				S0 += 1.0 / k;
			}
	}
	return n / S0 * num / zz;
}

/*
 * The mean and variance of a statistic over every permutation of the n <= 8 values x (Heap's
 * algorithm); stat(n, permuted x, arg).
 */
static void
perm_moments(int n, const double *x, double (*stat) (int n, const double *x, const void *arg),
			 const void *arg, double *mean, double *var)
{
	double		xp[8],
				s1 = 0,
				s2 = 0,
				cnt = 0;
	int			p[8],
				c[8] = {0};

	for (int t = 0; t < n; t++)
		p[t] = t;
	for (int i = 0;;)
	{
		double		v;

		for (int t = 0; t < n; t++)
			xp[t] = x[p[t]];
		v = stat(n, xp, arg);
		s1 += v;
		s2 += v * v;
		cnt++;
		while (i < n && c[i] >= i)
			c[i++] = 0;
		if (i >= n)
			break;
		{
			int			a = i % 2 == 0 ? 0 : c[i],
						t = p[a];

			p[a] = p[i];
			p[i] = t;
		}
		c[i]++;
		i = 0;
	}
	*mean = s1 / cnt;
	*var = s2 / cnt - *mean * *mean;
}

static double
moran_dense_arg(int n, const double *x, const void *adj)
{
	return moran_dense(n, x, adj);
}

static void
test_moran(void)
{
	int			bad = 0,
				badvar = 0,
				cases = 0;

	/* I from the dense definition */
	for (int rep = 0; rep < 200; rep++)
	{
		int			n = 4 + (int) (unit_rand() * 58);
		unsigned char adj[MAXN * MAXN];
		double		x[MAXN],
					xc[MAXN],
					res[5];
		bool		nulls[5];

		random_adj(n, rep % 4 == 0 ? 0 : 1, 6, adj);
		if (degree(n, adj, 0) == 0)
			adj[0 * n + 1] = 1;
		for (int i = 0; i < n; i++)
			x[i] = xc[i] = unit_uniform(-50, 50);
		zj_moran(n, xc, graph_of(n, adj), res, nulls);
		cases++;
		if (nulls[0] || !close_to(res[0], moran_dense(n, x, adj), 1e-10) || res[1] != -1.0 / (n - 1) ||
			nulls[2] || (res[2] > 0 && (nulls[3] || !close_to(res[3], (res[0] - res[1]) / sqrt(res[2]), 1e-10) ||
										!close_to(res[4], 0.5 * erfc(res[3] / sqrt(2)), 1e-10))))
			bad++;
		shim_reset();
	}
	CHECK(bad == 0, "global Moran I, E[I], z, p = definitions over a dense matrix, %d graphs (%d bad)", cases, bad);

	/* Var[I] under randomisation = the exact variance over every permutation of the values */
	for (int rep = 0; rep < 12; rep++)
	{
		int			n = 5 + rep % 3;	/* 5, 6, 7: up to 5040 permutations */
		unsigned char adj[MAXN * MAXN];
		double		x[8],
					xc[8],
					res[5],
					pm,
					pv;
		bool		nulls[5];

		random_adj(n, rep % 4 == 0 ? 0 : 1, 3, adj);
		if (degree(n, adj, 0) == 0)
			adj[0 * n + 1] = 1;
		/* a skewed sample: kurtosis matters */
		for (int i = 0; i < n; i++)
			x[i] = xc[i] = unit_uniform(0, 10) * (i == 0 ? 5 : 1);
		zj_moran(n, xc, graph_of(n, adj), res, nulls);
		perm_moments(n, x, moran_dense_arg, adj, &pm, &pv);
		if (nulls[2] || !close_to(pm, -1.0 / (n - 1), 1e-12) || !close_to(res[2], pv, 1e-9))
			badvar++;
		shim_reset();
	}
	CHECK(badvar == 0, "global Moran Var[I] = exact variance over all n! permutations (n = 5..7, 12 graphs, %d bad)", badvar);

	{
		double		x[5] = {1e-300, 3e-300, 2e-300, 5e-300, 4e-300},
					y[5] = {1, 3, 2, 5, 4},
					r1[5],
					r2[5];
		bool		n1[5],
					n2[5];
		unsigned char adj[25] = {0};

		for (int i = 0; i < 4; i++)
			adj[i * 5 + i + 1] = adj[(i + 1) * 5 + i] = 1;
		zj_moran(5, x, graph_of(5, adj), r1, n1);
		zj_moran(5, y, graph_of(5, adj), r2, n2);
		CHECK(!n1[2] && close_to(r1[0], r2[0], 1e-12) && close_to(r1[2], r2[2], 1e-12),
			  "global Moran: values near 1e-300 are rescaled, not underflowed (I and Var as for 1..5)");
		CHECK(zj_rescale(x, 5) == 0 && zj_rescale(y, 5) == 0,
			  "zj_rescale leaves rescaled and ordinary values alone");
		shim_reset();
	}
}

static void
test_rescale(void)
{
	double		big[3] = {3e300, -1e300, 0},
				tiny[2] = {5e-310, 1e-320},
				zero[2] = {0, 0};
	int			e1 = zj_rescale(big, 3),
				e2 = zj_rescale(tiny, 2),
				e3 = zj_rescale(zero, 2);

	CHECK(e1 == ilogb(3e300) && big[0] == ldexp(3e300, -e1) && big[0] >= 1 && big[0] < 2 &&
		  big[1] == ldexp(-1e300, -e1) && big[2] == 0,
		  "zj_rescale: 3e300 becomes a power-of-two scaling into [1, 2), exponent %d", e1);
	CHECK(e2 == ilogb(5e-310) && tiny[0] >= 1 && tiny[0] < 2 && ldexp(tiny[1], e2) == 1e-320,
		  "zj_rescale: subnormals scale up exactly (exponent %d)", e2);
	CHECK(e3 == 0 && zero[0] == 0, "zj_rescale: all zeros stay");
}

/* ---- empirical Bayes rates ---- */

static void
test_eb_rate(void)
{
	double		e1[3] = {1, 2, 3},
				p1[3] = {10, 20, 30},
				e2[2] = {0, 10},
				p2[2] = {100, 100},
				e3[2] = {1e308, 1},
				p3[2] = {1e-300, 1},
				neg[2] = {-1, 1},
				zero[2] = {1, 0},
				out[3];

	/* equal rates 0.1: s^2 = 0 < b / mean(p), so a = 0 and every estimate is the global rate */
	zj_eb_rate(3, e1, p1, out);
	CHECK(close_to(out[0], 0.1, 1e-15) && close_to(out[1], 0.1, 1e-15) && close_to(out[2], 0.1, 1e-15),
		  "eb_rate: equal rates shrink to the global rate 0.1");
	/* b = 0.05, s^2 = 0.0025, a = 0.0025 - 0.05/100 = 0.002, shrink a/(a + b/p) = 0.8: 0.01, 0.09 */
	zj_eb_rate(2, e2, p2, out);
	CHECK(close_to(out[0], 0.01, 1e-14) && close_to(out[1], 0.09, 1e-14),
		  "eb_rate: rates 0 and 0.1 on 100 each give 0.01 and 0.09 (by hand)");
	CHECK(SHIM_TRY(zj_eb_rate(2, neg, p2, out)) && strcmp(shim_sqlstate, "22023") == 0 &&
		  SHIM_TRY(zj_eb_rate(2, e2, zero, out)) && strcmp(shim_sqlstate, "22023") == 0,
		  "eb_rate: negative events or a population of 0 is ERROR 22023");
	CHECK(SHIM_TRY(zj_eb_rate(2, e3, p3, out)) && strcmp(shim_sqlstate, "22003") == 0,
		  "eb_rate: rates beyond double precision are ERROR 22003");
	zj_eb_rate(0, e1, p1, out);
	shim_reset();
}

/* ---- p-value adjustment ---- */

static void
test_p_adjust(void)
{
	double		p[4] = {0.01, 0.04, 0.03, 0.005},
				out[4];
	const double bh[4] = {0.02, 0.04, 0.04, 0.02},
				holm[4] = {0.03, 0.06, 0.06, 0.02},
				bonf[4] = {0.04, 0.16, 0.12, 0.02};
	int			bad = 0,
				cases = 0;

	zj_p_adjust(4, p, ZJ_P_FDR, out);
	for (int i = 0; i < 4; i++)
		bad += !close_to(out[i], bh[i], 1e-15);
	zj_p_adjust(4, p, ZJ_P_HOLM, out);
	for (int i = 0; i < 4; i++)
		bad += !close_to(out[i], holm[i], 1e-15);
	zj_p_adjust(4, p, ZJ_P_BONFERRONI, out);
	for (int i = 0; i < 4; i++)
		bad += !close_to(out[i], bonf[i], 1e-15);
	CHECK(bad == 0, "p_adjust: fdr, holm and bonferroni of {0.01, 0.04, 0.03, 0.005} by hand");

	bad = 0;
	for (int rep = 0; rep < 300; rep++)
	{
		int			n = 1 + (int) (unit_rand() * 60);
		double		q[MAXN],
					a[MAXN],
					b[MAXN];

		for (int i = 0; i < n; i++)
			q[i] = rep % 2 ? round(unit_uniform(0, 20)) / 20 : pow(unit_rand(), 3);	/* ties, or small ps */
		zj_p_adjust(n, q, ZJ_P_FDR, a);
		zj_p_adjust(n, q, ZJ_P_HOLM, b);
		for (int i = 0; i < n; i++)
		{
			double		fdr = 1,
						hm = 0;

			cases++;
			for (int j = 0; j < n; j++)
			{
				int			hi = 0,
							lo = 0;

				for (int l = 0; l < n; l++)
				{
					hi += q[l] <= q[j];
					lo += q[l] < q[j];
				}
				if (q[j] >= q[i])
					fdr = Min(fdr, (double) n * q[j] / hi);
				if (q[j] <= q[i])
					hm = Max(hm, Min(1.0, (double) (n - lo) * q[j]));
			}
			bad += !close_to(a[i], fdr, 1e-13) + !close_to(b[i], hm, 1e-13);
		}
		shim_reset();
	}
	CHECK(bad == 0, "p_adjust fdr and holm = the rank definitions, ties included, %d values (%d bad)", cases, bad);

	{
		const char *good[5] = {"fdr", "BH", "Bonferroni", "HOLM", "bh"};
		const ZjPAdjust want[5] = {ZJ_P_FDR, ZJ_P_FDR, ZJ_P_BONFERRONI, ZJ_P_HOLM, ZJ_P_FDR};
		double		nanp[2] = {0.5, NAN},
					over[2] = {0.5, 1.0000001};

		bad = 0;
		for (int i = 0; i < 5; i++)
			bad += zj_p_adjust_method(good[i]) != want[i];
		CHECK(bad == 0 && SHIM_TRY(zj_p_adjust_method("hochberg")) && strcmp(shim_sqlstate, "22023") == 0 &&
			  SHIM_TRY(zj_p_adjust_method("")) && strcmp(shim_sqlstate, "22023") == 0,
			  "p_adjust methods: fdr/bh, bonferroni, holm in any case; others ERROR 22023");
		CHECK(SHIM_TRY(zj_p_adjust(2, nanp, ZJ_P_FDR, out)) && strcmp(shim_sqlstate, "22023") == 0 &&
			  SHIM_TRY(zj_p_adjust(2, over, ZJ_P_HOLM, out)) && strcmp(shim_sqlstate, "22023") == 0,
			  "p_adjust: NaN or p > 1 is ERROR 22023");
		zj_p_adjust(0, p, ZJ_P_HOLM, out);
		shim_reset();
	}
}

/* ---- weights by distance: a weighted graph against dense weighted definitions ---- */

/* the CSR graph of a dense matrix of weights (w > 0 an edge), with weight w0 at distance 0 */
static ZjGraph *
wgraph_of(int n, const double *wm, double w0)
{
	unsigned char adj[MAXN * MAXN];
	ZjGraph    *g;

	for (int t = 0; t < n * n; t++)
		adj[t] = wm[t] > 0;
	g = graph_of(n, adj);
	g->w = palloc(sizeof(double) * Max(g->off[n], 1));
	g->w0 = w0;
	for (int i = 0; i < n; i++)
		for (int m = g->off[i]; m < g->off[i + 1]; m++)
			g->w[m] = wm[i * n + g->nb[m]];
	return g;
}

/* Moran's I with row-standardised weights from a dense weights matrix */
static double
wmoran_dense(int n, const double *x, const double *wm)
{
	double		mean = 0,
				num = 0,
				den = 0,
				S0 = 0;

	for (int i = 0; i < n; i++)
		mean += x[i] / n;
	for (int i = 0; i < n; i++)
	{
		double		rs = 0;

		for (int j = 0; j < n; j++)
			rs += wm[i * n + j];
		den += (x[i] - mean) * (x[i] - mean);
		if (rs == 0)
			continue;
		S0 += 1;
		for (int j = 0; j < n; j++)
			num += wm[i * n + j] / rs * (x[i] - mean) * (x[j] - mean);
	}
	return n / S0 * num / den;
}

static double
wmoran_dense_arg(int n, const double *x, const void *wm)
{
	return wmoran_dense(n, x, wm);
}

static void
random_weights(int n, double *wm)
{
	unsigned char adj[MAXN * MAXN];

	random_adj(n, 1, 6, adj);
	for (int t = 0; t < n * n; t++)
		wm[t] = adj[t] ? unit_uniform(0.01, 3) : 0;
}

static void
test_weighted(void)
{
	int			bad = 0,
				badvar = 0,
				cases = 0;

	for (int rep = 0; rep < 200; rep++)
	{
		int			n = 5 + (int) (unit_rand() * 55);
		double		wm[MAXN * MAXN],
					x[MAXN],
					xc[MAXN],
					mean = 0,
					m2 = 0,
					sd,
					res[5],
					cres[5];
		bool		nulls[5],
					cnulls[5];
		uint64		h[MAXN];
		ZjStatRes	lm[MAXN],
					lc[MAXN],
					lag[MAXN],
					gi[MAXN],
					gs[MAXN];
		ZjGraph    *g;
		double		num = 0,
					S0 = 0,
					zz = 0;

		random_weights(n, wm);
		for (int i = 0; i < n; i++)
		{
			x[i] = unit_uniform(-100, 100);
			h[i] = (uint64) (unit_rand() * 1e18);
			mean += x[i] / n;
		}
		for (int i = 0; i < n; i++)
			m2 += (x[i] - mean) * (x[i] - mean) / n;
		sd = sqrt(m2 * n / (n - 1));
		g = wgraph_of(n, wm, 1.0);
		zj_local_moran(n, x, h, g, 0, 1, lm);
		zj_local_geary(n, x, h, g, 0, 1, lc);
		zj_spatial_lag(n, x, g, 0, lag);
		zj_getis_ord(n, x, g, false, gi);
		zj_getis_ord(n, x, g, true, gs);
		for (int i = 0; i < n; i++)
			xc[i] = x[i];
		zj_moran(n, xc, g, res, nulls);
		for (int i = 0; i < n; i++)
			xc[i] = x[i];
		zj_geary(n, xc, g, cres, cnulls);
		for (int i = 0; i < n; i++)
		{
			double		rs = 0,
						wl = 0,
						c = 0,
						W = 0,
						S1 = 0,
						sum = 0,
						xbar,
						s2 = 0,
						z;

			for (int j = 0; j < n; j++)
			{
				rs += wm[i * n + j];
				wl += wm[i * n + j] * x[j];
				c += wm[i * n + j] * ((x[i] - x[j]) / sd) * ((x[i] - x[j]) / sd);
				S1 += wm[i * n + j] * wm[i * n + j];
				if (j != i)
					sum += x[j];
			}
			W = rs;
			cases++;
			zz += (x[i] - mean) * (x[i] - mean);
			if (rs == 0)
			{
				bad += !lm[i].isnull || !lc[i].isnull || !lag[i].isnull;
				continue;
			}
			S0 += 1;
			for (int j = 0; j < n; j++)
				num += wm[i * n + j] / rs * ((x[i] - mean) * (x[j] - mean) + 0 * c);
			/* local Moran: z_i Σ w*_ij z_j / m2; local Geary: Σ w*_ij (z_i − z_j)²; lag: weighted mean */
			if (lm[i].isnull || !close_to(lm[i].v[0], (x[i] - mean) * (wl / rs - mean) / m2, 1e-9) ||
				lc[i].isnull || !close_to(lc[i].v[0], c / rs, 1e-9) ||
				lag[i].isnull || !close_to(lag[i].v[0], wl / rs, 1e-9))
				bad++;
			/* Gi: the other rows' mean and variance; raw weights W = Σ w, S1 = Σ w² */
			xbar = sum / (n - 1);
			for (int j = 0; j < n; j++)
				if (j != i)
					s2 += (x[j] - xbar) * (x[j] - xbar) / (n - 1);
			z = (wl - W * xbar) / sqrt(s2 * ((n - 1) * S1 - W * W) / (n - 2));
			if (!gi[i].isnull && !close_to(gi[i].v[0], z, 1e-8))
				bad++;
			/* Gi*: the row itself with weight w0 = 1 */
			W += 1;
			S1 += 1;
			z = (wl + x[i] - W * mean) / sqrt(m2 * (n * S1 - W * W) / (n - 1));
			if (!gs[i].isnull && !close_to(gs[i].v[0], z, 1e-8))
				bad++;
		}
		if (nulls[0] || !close_to(res[0], wmoran_dense(n, x, wm), 1e-9))
			bad++;
		{
			/* Geary's C: (n − 1)/(2 S0) ΣΣ w*_ij (x_i − x_j)² / Σ (x − mean)² */
			double		gnum = 0;

			for (int i = 0; i < n; i++)
			{
				double		rs = 0;

				for (int j = 0; j < n; j++)
					rs += wm[i * n + j];
				for (int j = 0; j < n && rs > 0; j++)
					gnum += wm[i * n + j] / rs * (x[i] - x[j]) * (x[i] - x[j]);
			}
			if (cnulls[0] || !close_to(cres[0], (n - 1) / (2 * S0) * gnum / zz, 1e-9))
				bad++;
		}
		shim_reset();
	}
	CHECK(bad == 0, "weighted graphs: local Moran, local Geary, lag, Gi, Gi*, Moran's I, Geary's C = dense definitions, %d rows (%d bad)", cases, bad);

	/* Var[I] with general weights = the exact variance over every permutation of the values */
	for (int rep = 0; rep < 12; rep++)
	{
		int			n = 5 + rep % 3;
		double		wm[MAXN * MAXN],
					x[8],
					xc[8],
					res[5],
					pm,
					pv;
		bool		nulls[5];

		random_weights(n, wm);
		for (int i = 0; i < n; i++)
			x[i] = xc[i] = unit_uniform(0, 10) * (i == 0 ? 5 : 1);
		zj_moran(n, xc, wgraph_of(n, wm, 1.0), res, nulls);
		perm_moments(n, x, wmoran_dense_arg, wm, &pm, &pv);
		if (nulls[2] || !close_to(pm, -1.0 / (n - 1), 1e-12) || !close_to(res[2], pv, 1e-9))
			badvar++;
		shim_reset();
	}
	CHECK(badvar == 0, "weighted graphs: Moran Var[I] = exact variance over all n! permutations (12 graphs, %d bad)", badvar);

	{
		/* the binary-only statistics refuse a weighted graph: ERROR 22023 */
		double		wm[16] = {0, 1, 0, 0, 1, 0, 2, 0, 0, 2, 0, 1, 0, 0, 1, 0},
					x[4] = {1, 0, 1, 0};
		int			cat[4] = {0, 1, 0, 1};
		double		j[4],
					e[4],
					v[4];
		ZjGraph    *g = wgraph_of(4, wm, INFINITY);
		ZjStatRes	out[4];

		CHECK(SHIM_TRY(zj_join_counts(4, cat, 2, g, j, e, v)) && strcmp(shim_sqlstate, "22023") == 0,
			  "join counts refuse weights by distance (22023)");
		CHECK(SHIM_TRY(zj_getis_ord(4, x, g, true, out)) && strcmp(shim_sqlstate, "22023") == 0,
			  "Gi* refuses inverse-distance weights (no weight at distance 0: 22023)");
		shim_reset();
	}
}

int
main(void)
{
	test_local_moran_values();
	/* redraw-on-repeat sampling: k <= 32 and 8k <= n */
	permutation_case("local Moran, n = 40, k 1..4 (redraw path)", 40, 1, 4, 200000);
	/* partial Fisher-Yates: 8k > n */
	permutation_case("local Moran, n = 10, k 2..5 (Fisher-Yates path)", 10, 2, 5, 200000);
	permutation_case("local Moran, n = 7, k 1..6 (Fisher-Yates path)", 7, 1, 6, 200000);
	test_order_independence();
	test_local_moran_edges();
	test_getis_ord();
	test_moran();
	test_weighted();
	test_rescale();
	test_eb_rate();
	test_p_adjust();
	CHECK(shim_live() == 0, "every block freed by shim_reset (%ld live)", shim_live());
	return UNIT_RESULT();
}
