/*
 * regionalize_test.c — connected parts and SKATER of src/regionalize.c (and the neighbours-as-data
 * graph of src/graph.c), compiled unchanged against shim/postgres.h under
 * -fsanitize=address,undefined (test/suites/unit_asan.sh).
 *
 * References: the strip x = 0, 1, 5, 6, 20 worked by hand (the cuts and their gains are written out
 * in sql/regions.sql); on random paths (where the spanning tree is the path) the k = 2 cut against
 * a brute force over every cut, each part's criterion summed directly over its rows from the
 * definition; on random grids (some split in two parts) contiguity (every region connected within
 * its own rows, by a search over the graph), the floor, no region across parts, and the numbering.
 * max-p: on 40 small grids (6 to 12 rows, random floor variables) p against the exhaustive optimum
 * over every partition into connected blocks at the floor; on larger grids (80 to 190 rows, some
 * with a strip cut off below the floor) contiguity, floors, NULL rows and determinism per seed.
 */
#include "postgres.h"

#include "graph.h"
#include "regionalize.h"
#include "unit.h"

/* an r x c rook grid as a graph (without the links across column cutcol when cutcol >= 0) */
static ZjGraph *
grid(int r, int c, int cutcol)
{
	ZjEdges		e = {0};

	for (int i = 0; i < r; i++)
		for (int j = 0; j < c; j++)
		{
			int			v = i * c + j;

			if (j + 1 < c && j != cutcol)
			{
				zj_edges_add(&e, v, v + 1);
				zj_edges_add(&e, v + 1, v);
			}
			if (i + 1 < r)
			{
				zj_edges_add(&e, v, v + c);
				zj_edges_add(&e, v + c, v);
			}
		}
	return zj_graph_from_edges(r * c, &e);
}

/* every region is connected using only its own rows */
static bool
contiguous(const ZjGraph *g, const int *region, int made)
{
	int			n = g->n;
	int		   *seen = palloc0(sizeof(int) * n);
	int		   *stack = palloc(sizeof(int) * n);
	bool		ok = true;
	int		   *started = palloc0(sizeof(int) * (made + 1));

	for (int i = 0; i < n && ok; i++)
	{
		int			top = 0;

		if (seen[i] || region[i] < 0)
			continue;
		if (started[region[i]])
			ok = false;			/* a second piece of the same region */
		started[region[i]] = 1;
		stack[top++] = i;
		seen[i] = 1;
		while (top > 0)
		{
			int			v = stack[--top];

			for (int m = g->off[v]; m < g->off[v + 1]; m++)
			{
				int			u = g->nb[m];

				if (!seen[u] && region[u] == region[v])
				{
					seen[u] = 1;
					stack[top++] = u;
				}
			}
		}
	}
	pfree(seen);
	pfree(stack);
	pfree(started);
	return ok;
}

static double
crit_of(int n, int d, const double *x, const int *sel, int want, ZjRegionCrit crit)
{
	double		mu[8] = {0};
	int			cnt = 0;
	double		t = 0;

	for (int i = 0; i < n; i++)
		if (sel[i] == want)
		{
			cnt++;
			for (int j = 0; j < d; j++)
				mu[j] += x[i * d + j];
		}
	for (int j = 0; j < d; j++)
		mu[j] /= cnt;
	for (int i = 0; i < n; i++)
		if (sel[i] == want)
		{
			double		q = 0;

			for (int j = 0; j < d; j++)
				q += (x[i * d + j] - mu[j]) * (x[i * d + j] - mu[j]);
			t += crit == ZJ_RC_SSD ? q : sqrt(q);
		}
	return t;
}

static void
test_strip(void)
{
	/* a path of five rows */
	ZjEdges		e = {0};
	double		x[5] = {0, 1, 5, 6, 20};
	double		pop[5] = {1, 1, 1, 1, 5};
	int			reg[5];
	int			made;
	ZjGraph    *g;
	int			comp[5];

	for (int i = 0; i < 4; i++)
	{
		zj_edges_add(&e, i, i + 1);
		zj_edges_add(&e, i + 1, i);
	}
	g = zj_graph_from_edges(5, &e);
	CHECK(zj_components(g, comp) == 1, "a path is one part");
	made = zj_skater(5, 1, x, g, 2, NULL, 1, ZJ_RC_SSD, reg);
	CHECK(made == 2 && reg[0] == 0 && reg[3] == 0 && reg[4] == 1, "strip k = 2: {0,1,5,6}|{20}");
	made = zj_skater(5, 1, x, g, 3, NULL, 1, ZJ_RC_SSD, reg);
	CHECK(made == 3 && reg[1] == 0 && reg[2] == 1 && reg[3] == 1 && reg[4] == 2, "strip k = 3: {0,1}|{5,6}|{20}");
	made = zj_skater(5, 1, x, g, 3, NULL, 1, ZJ_RC_SPDEP, reg);
	CHECK(made == 3 && reg[1] == 0 && reg[2] == 1 && reg[4] == 2, "strip k = 3, spdep criterion");
	made = zj_skater(5, 1, x, g, 2, NULL, 2, ZJ_RC_SSD, reg);
	CHECK(made == 2 && reg[2] == 0 && reg[3] == 1, "strip k = 2, min size 2: {0,1,5}|{6,20}");
	made = zj_skater(5, 1, x, g, 3, NULL, 2, ZJ_RC_SSD, reg);
	CHECK(made == 2, "strip k = 3, min size 2: only 2 regions can be made");
	made = zj_skater(5, 1, x, g, 3, pop, 3, ZJ_RC_SSD, reg);
	CHECK(made == 2 && reg[3] == 0 && reg[4] == 1, "strip, floor 3 on pop: 2 regions");
	made = zj_skater(5, 1, x, g, 5, NULL, 1, ZJ_RC_SSD, reg);
	CHECK(made == 5 && reg[0] == 0 && reg[1] == 1 && reg[2] == 2 && reg[3] == 3 && reg[4] == 4, "k = n: one row per region");
	made = zj_skater(5, 1, x, g, 1, NULL, 1, ZJ_RC_SSD, reg);
	CHECK(made == 1 && reg[4] == 0, "k = 1: one region");
	shim_reset();
}

static void
test_random_grids(void)
{
	for (int trial = 0; trial < 40; trial++)
	{
		int			r = 3 + trial % 5,
					c = 4 + trial % 3,
					n = r * c,
					d = 1 + trial % 3;
		int			cutcol = trial % 4 == 0 ? c / 2 - 1 : -1;
		ZjGraph    *g = grid(r, c, cutcol);
		double	   *x = palloc(sizeof(double) * n * d);
		double	   *fw = palloc(sizeof(double) * n);
		int		   *reg = palloc(sizeof(int) * n);
		int		   *comp = palloc(sizeof(int) * n);
		int			nc = zj_components(g, comp);
		ZjRegionCrit crit = trial % 2 ? ZJ_RC_SPDEP : ZJ_RC_SSD;
		int			k = nc + 1 + trial % 4;
		int			made;
		double		floor = trial % 3 == 0 ? 3 : 1;
		bool		floor_ok = true;

		for (int i = 0; i < n * d; i++)
			x[i] = unit_uniform(0, 10);
		for (int i = 0; i < n; i++)
			fw[i] = 1;
		CHECK(nc == (cutcol >= 0 ? 2 : 1), "grid %d: %d connected parts", trial, nc);
		made = zj_skater(n, d, x, g, k, trial % 3 == 0 ? fw : NULL, floor, crit, reg);
		CHECK(made <= k && made >= nc, "grid %d: %d regions made of %d", trial, made, k);
		CHECK(contiguous(g, reg, made), "grid %d: every region is contiguous", trial);
		{
			int		   *size = palloc0(sizeof(int) * made);

			for (int i = 0; i < n; i++)
				size[reg[i]]++;
			for (int q = 0; q < made; q++)
				if (size[q] < floor)
					floor_ok = false;
			pfree(size);
		}
		CHECK(floor_ok, "grid %d: every region reaches the floor %g", trial, floor);
		/* regions never cross parts */
		{
			bool		cross = false;

			for (int i = 0; i < n; i++)
				for (int j = 0; j < n; j++)
					if (reg[i] == reg[j] && comp[i] != comp[j])
						cross = true;
			CHECK(!cross, "grid %d: no region crosses two parts", trial);
		}
		/* regions are numbered by their lowest row */
		{
			int			next = 0;
			bool		ok = true;

			for (int i = 0; i < n; i++)
			{
				if (reg[i] == next)
					next++;
				else if (reg[i] > next)
					ok = false;
			}
			CHECK(ok && next == made, "grid %d: numbered by lowest row", trial);
		}
		shim_reset();
	}
}

/*
 * On a path the spanning tree is the path itself, so k = 2 must be the best of the n − 1 cuts:
 * checked against the criterion summed directly.
 */
static void
test_path_optimal(void)
{
	for (int trial = 0; trial < 30; trial++)
	{
		int			n = 4 + trial % 9,
					d = 1 + trial % 3;
		ZjEdges		e = {0};
		ZjGraph    *g;
		double	   *x = palloc(sizeof(double) * n * d);
		int		   *reg = palloc(sizeof(int) * n);
		int		   *sel = palloc(sizeof(int) * n);
		ZjRegionCrit crit = trial % 2 ? ZJ_RC_SPDEP : ZJ_RC_SSD;
		double		bestgain = -1;
		int			bestcut = -1,
					got = -1;
		double		whole;

		for (int i = 0; i + 1 < n; i++)
		{
			zj_edges_add(&e, i, i + 1);
			zj_edges_add(&e, i + 1, i);
		}
		g = zj_graph_from_edges(n, &e);
		for (int i = 0; i < n * d; i++)
			x[i] = unit_uniform(-5, 5);
		for (int i = 0; i < n; i++)
			sel[i] = 0;
		whole = crit_of(n, d, x, sel, 0, crit);
		for (int cut = 1; cut < n; cut++)
		{
			double		gain;

			for (int i = 0; i < n; i++)
				sel[i] = i >= cut;
			gain = whole - crit_of(n, d, x, sel, 0, crit) - crit_of(n, d, x, sel, 1, crit);
			if (gain > bestgain)
			{
				bestgain = gain;
				bestcut = cut;
			}
		}
		(void) zj_skater(n, d, x, g, 2, NULL, 1, crit, reg);
		for (int i = 1; i < n; i++)
			if (reg[i] != reg[i - 1])
				got = i;
		CHECK(got == bestcut, "path %d (n %d, d %d, %s): cut at %d, brute force %d", trial, n, d,
			  crit == ZJ_RC_SSD ? "ssd" : "spdep", got, bestcut);
		shim_reset();
	}
}


/* ---- max-p ---- */

/* the largest p over every partition of the n (<= 10) rows into connected blocks at the floor */
static int	ex_best;

static bool
block_ok(const ZjGraph *g, const int *lab, int n, int b, const double *fw, double floor)
{
	int			seen[16] = {0},
				stack[16],
				top = 0,
				cnt = 0,
				size = 0,
				start = -1;
	double		sum = 0;

	for (int i = 0; i < n; i++)
		if (lab[i] == b)
		{
			size++;
			sum += fw[i];
			if (start < 0)
				start = i;
		}
	if (sum < floor)
		return false;
	stack[top++] = start;
	seen[start] = 1;
	while (top > 0)
	{
		int			v = stack[--top];

		cnt++;
		for (int m = g->off[v]; m < g->off[v + 1]; m++)
		{
			int			u = g->nb[m];

			if (!seen[u] && lab[u] == b)
			{
				seen[u] = 1;
				stack[top++] = u;
			}
		}
	}
	return cnt == size;
}

static void
enumerate(const ZjGraph *g, int *lab, int i, int n, int nblocks, const double *fw, double floor)
{
	if (i == n)
	{
		for (int b = 0; b < nblocks; b++)
			if (!block_ok(g, lab, n, b, fw, floor))
				return;
		if (nblocks > ex_best)
			ex_best = nblocks;
		return;
	}
	for (int b = 0; b <= nblocks; b++)
	{
		lab[i] = b;
		enumerate(g, lab, i + 1, n, b == nblocks ? nblocks + 1 : nblocks, fw, floor);
	}
}

static bool
regions_feasible(const ZjGraph *g, const int *reg, int n, int p, const double *fw, double floor)
{
	double	   *sum = palloc0(sizeof(double) * (p + 1));
	bool		ok = true;

	for (int i = 0; i < n; i++)
	{
		if (reg[i] < -1 || reg[i] >= p)
			ok = false;
		else if (reg[i] >= 0)
			sum[reg[i]] += fw[i];
	}
	for (int r = 0; r < p; r++)
		if (sum[r] < floor)
			ok = false;
	pfree(sum);
	return ok && contiguous(g, reg, p);
}

static void
test_maxp_exhaustive(void)
{
	int			hits = 0,
				total = 0;

	for (int trial = 0; trial < 40; trial++)
	{
		int			r = 2 + trial % 2,
					c = 3 + trial % 2,
					n = r * c;
		ZjGraph    *g = grid(r, c, -1);
		double		fw[16],
					x[16];
		int			lab[16],
					reg[16];
		double		floor = 4 + trial % 5;
		int			p;

		for (int i = 0; i < n; i++)
		{
			fw[i] = 1 + (int) unit_uniform(0, 4);
			x[i] = unit_uniform(0, 10);
		}
		ex_best = 0;
		enumerate(g, lab, 0, n, 0, fw, floor);
		p = zj_maxp(n, 1, x, g, fw, floor, 100, trial, reg);
		total++;
		if (p == ex_best)
			hits++;
		CHECK(regions_feasible(g, reg, n, p, fw, floor), "max-p %d (%d x %d, floor %g): %d feasible regions", trial, r, c, floor, p);
		CHECK(p == ex_best, "max-p %d: p = %d, exhaustive optimum %d", trial, p, ex_best);
		shim_reset();
	}
	(void) hits;
	(void) total;
}

static void
test_maxp_larger(void)
{
	for (int trial = 0; trial < 12; trial++)
	{
		int			r = 8 + trial,
					c = 10,
					n = r * c,
					d = 2;
		int			cutcol = trial % 3 == 0 ? 1 : -1;	/* a strip of width 2 cut off */
		ZjGraph    *g = grid(r, c, cutcol);
		double	   *x = palloc(sizeof(double) * n * d);
		double	   *fw = palloc(sizeof(double) * n);
		int		   *reg = palloc(sizeof(int) * n),
				   *reg2 = palloc(sizeof(int) * n);
		double		floor = trial % 3 == 0 ? 2.5 * r + 1 : 12;	/* the strip (Σ 2r) cannot reach it */
		int			p,
					p2,
					nulls = 0;
		bool		same = true;

		for (int i = 0; i < n * d; i++)
			x[i] = unit_uniform(0, 1);
		for (int i = 0; i < n; i++)
			fw[i] = 1;
		p = zj_maxp(n, d, x, g, fw, floor, 20, 7, reg);
		p2 = zj_maxp(n, d, x, g, fw, floor, 20, 7, reg2);
		for (int i = 0; i < n; i++)
		{
			same = same && reg[i] == reg2[i];
			nulls += reg[i] < 0;
		}
		CHECK(regions_feasible(g, reg, n, p, fw, floor), "max-p grid %d x %d: %d regions, contiguous and at the floor %g", r, c, p, floor);
		CHECK(same && p == p2, "max-p grid %d x %d: the same seed gives the same regions", r, c);
		CHECK(cutcol < 0 ? nulls == 0 : nulls == 2 * r, "max-p grid %d x %d: %d rows without a region (a part below the floor)", r, c, nulls);
		CHECK(p >= (n - nulls) / (2 * (int) floor) && p <= (n - nulls) / (int) ceil(floor), "max-p grid %d x %d: p = %d is plausible", r, c, p);
		shim_reset();
	}
}

static void
test_ids(void)
{
	int64		ids[4] = {10, 20, 30, 40};
	int64		nboff[5] = {0, 1, 2, 2, 3};
	int64		nbids[3] = {20, 99, 10};	/* 10 -> 20, 20 -> 99 (left out), 40 -> 10 */
	int64		known[5] = {10, 20, 30, 40, 99};
	int64		bad[1] = {77};
	int64		badoff[5] = {0, 1, 1, 1, 1};
	int64		dup[4] = {10, 20, 20, 40};
	ZjGraph    *g = zj_graph_from_ids(4, ids, nboff, nbids, known, 5, true);
	int			comp[4];

	CHECK(g->off[1] - g->off[0] == 2 && g->nb[0] == 1 && g->nb[1] == 3, "symmetric: id 10 links 20 and 40");
	CHECK(ZJ_DEGREE(g, 2) == 0, "id 30 has no neighbours");
	CHECK(zj_components(g, comp) == 2 && comp[0] == 0 && comp[2] == 1 && comp[3] == 0, "two parts");
	g = zj_graph_from_ids(4, ids, nboff, nbids, known, 5, false);
	CHECK(ZJ_DEGREE(g, 0) == 1 && ZJ_DEGREE(g, 1) == 0 && ZJ_DEGREE(g, 3) == 1, "directed as given");
	CHECK(SHIM_TRY(zj_graph_from_ids(4, ids, badoff, bad, known, 5, true)) &&
		  strcmp(shim_sqlstate, "22023") == 0, "an unknown neighbour id is an ERROR 22023");
	CHECK(SHIM_TRY(zj_graph_from_ids(4, dup, nboff, nbids, known, 5, true)) &&
		  strcmp(shim_sqlstate, "22023") == 0, "a repeated id is an ERROR 22023");
	CHECK(SHIM_TRY(zj_region_criterion("variance")) && strcmp(shim_sqlstate, "22023") == 0,
		  "an unknown criterion is an ERROR 22023");
	CHECK(zj_region_criterion("SSD") == ZJ_RC_SSD && zj_region_criterion("spdep") == ZJ_RC_SPDEP, "criterion names");
	shim_reset();
}

int
main(void)
{
	test_strip();
	test_random_grids();
	test_path_optimal();
	test_ids();
	test_maxp_exhaustive();
	test_maxp_larger();
	CHECK(shim_live() == 0, "every block freed");
	return UNIT_RESULT();
}
