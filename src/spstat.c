/*
 * spstat.c — the statistics kernels of spatial autocorrelation over plain arrays and a graph.h CSR
 * graph: local Moran (with conditional permutations), Getis-Ord Gi and Gi*, the spatial lag, global
 * Moran's I, empirical Bayes rates and p-value adjustment.  No fmgr, no GEOS: autocorr.c reads the
 * rows and builds the graph, and the same code is compiled outside the server for the sanitizer unit
 * tests (test/unit/spstat_test.c).  Formulas: docs/spatial.md (R spdep).
 *
 * Permutations are drawn in a canonical order of the rows (by value, then the row's hash) with a
 * xoshiro256** generator seeded per row from (seed, hash), so results do not depend on row order.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "spstat.h"

const char *const zj_quadrant_names[4] = {"HH", "LL", "HL", "LH"};
const char *const zj_hotspot_names[7] = {"hot99", "hot95", "hot90", "ns", "cold90", "cold95", "cold99"};

/*
 * Values near the limits of double precision would overflow (or underflow) in squares and fourth
 * powers.  Every statistic here except the lag is scale-free, so such values are scaled by a
 * power of two (exact) into [1, 2); returns the exponent e removed (0 for ordinary data).
 */
int
zj_rescale(double *x, int n)
{
	double		maxabs = 0;
	int			e;

	for (int i = 0; i < n; i++)
		maxabs = Max(maxabs, fabs(x[i]));
	if (maxabs == 0 || (maxabs < 1e100 && maxabs > 1e-100))
		return 0;
	e = ilogb(maxabs);
	for (int i = 0; i < n; i++)
		x[i] = ldexp(x[i], -e);
	return e;
}

/* two-sided and upper-tail normal p-values */
static double
p_two_sided(double z)
{
	return erfc(fabs(z) / M_SQRT2);
}

static double
p_greater(double z)
{
	return 0.5 * erfc(z / M_SQRT2);
}

/* ---- random numbers: splitmix64 seeding, xoshiro256** ---- */

typedef struct Rng
{
	uint64		s[4];
	uint64		spare;			/* the low half of the last output, not yet used */
	bool		has_spare;
} Rng;

static inline uint64
splitmix64(uint64 *x)
{
	return zj_mix64(*x += UINT64CONST(0x9e3779b97f4a7c15));
}

static void
rng_seed(Rng *r, uint64 seed, uint64 rowhash)
{
	uint64		x = seed * UINT64CONST(0x9e3779b97f4a7c15) ^ rowhash;

	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
	r->spare = 0;
	r->has_spare = false;
}

static inline uint64
rotl(uint64 x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64
rng_next(Rng *r)
{
	uint64	   *s = r->s;
	uint64		result = rotl(s[1] * 5, 7) * 9;
	uint64		t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* 32 random bits: both halves of each 64-bit output are used */
static inline uint32
rng_next32(Rng *r)
{
	if (r->has_spare)
	{
		r->has_spare = false;
		return (uint32) r->spare;
	}
	r->spare = rng_next(r);
	r->has_spare = true;
	return (uint32) (r->spare >> 32);
}

/* uniform integer in [0, n), unbiased (Lemire) */
static inline uint32
rng_below(Rng *r, uint32 n)
{
	uint64		m = (uint64) rng_next32(r) * (uint64) n;
	uint32		l = (uint32) m;

	if (l < n)
	{
		uint32		t = (uint32) (-n) % n;

		while (l < t)
		{
			m = (uint64) rng_next32(r) * (uint64) n;
			l = (uint32) m;
		}
	}
	return (uint32) (m >> 32);
}

/* ---- local Moran ---- */

typedef struct CanonKey
{
	double		x;
	uint64		hash;
	int			i;
} CanonKey;

static int
cmp_canon(const void *a, const void *b)
{
	const CanonKey *p = a,
			   *q = b;

	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	if (p->hash != q->hash)
		return p->hash < q->hash ? -1 : 1;
	return 0;
}

void
zj_local_moran(int n, const double *x, const uint64 *hash, const ZjGraph *g, int nperm, int seed,
			   ZjStatRes *out)
{
	double		mean = 0,
				m2 = 0;
	double	   *z,
			   *cz;
	int		   *rank,
			   *perm,
			   *swaps,
			   *nbrank;
	CanonKey   *keys;

	if (nperm < 0 || nperm > ZJ_MAX_PERMUTATIONS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("permutations must be between 0 and %d", ZJ_MAX_PERMUTATIONS),
				 errdetail("permutations is %d.", nperm)));
	for (int i = 0; i < n; i++)
		out[i].isnull = true;
	z = palloc(sizeof(double) * n);
	cz = palloc(sizeof(double) * n);
	rank = palloc(sizeof(int) * n);
	perm = palloc(sizeof(int) * n);
	swaps = palloc(sizeof(int) * n);
	nbrank = palloc(sizeof(int) * n);
	keys = palloc(sizeof(CanonKey) * n);

	/*
	 * The canonical order (by value, then geometry hash): the permutations draw from it, and every
	 * sum is taken in it, so that no result depends on the order of the input rows.
	 */
	for (int i = 0; i < n; i++)
	{
		keys[i].x = x[i];
		keys[i].hash = hash[i];
		keys[i].i = i;
	}
	qsort(keys, n, sizeof(CanonKey), cmp_canon);
	for (int c = 0; c < n; c++)
		mean += keys[c].x;
	mean /= n;
	for (int c = 0; c < n; c++)
	{
		rank[keys[c].i] = c;
		cz[c] = keys[c].x - mean;
		z[keys[c].i] = cz[c];
		m2 += cz[c] * cz[c];
	}
	m2 /= n;
	if (m2 == 0)
		return;					/* constant values: no statistic */
	for (int m = 0; m < n - 1; m++)
		perm[m] = m;

	for (int i = 0; i < n; i++)
	{
		int			k = ZJ_DEGREE(g, i);
		double		lagsum = 0,
					lag,
					ii;
		ZjStatRes  *o = &out[i];

		CHECK_FOR_INTERRUPTS();
		if (k == 0)
			continue;
		for (int m = g->off[i]; m < g->off[i + 1]; m++)
			nbrank[m - g->off[i]] = rank[g->nb[m]];
		if (k > 1)
			qsort(nbrank, k, sizeof(int), zj_cmp_int);
		for (int t = 0; t < k; t++)
			lagsum += cz[nbrank[t]];
		lag = lagsum / k;
		ii = z[i] * lag / m2;
		o->isnull = false;
		o->v[0] = ii;
		o->v[1] = o->v[2] = NAN;
		o->code = z[i] > 0 ? (lag > 0 ? 0 : 2) : (lag > 0 ? 3 : 1);
		/* a row at the mean has Ii = 0 in every draw: no permutation z or p */
		if (nperm > 0 && z[i] != 0)
		{
			Rng			rng;
			int			ri = rank[i];
			uint32		avail = (uint32) (n - 1);
			bool		small = k <= 32 && (int64) k * 8 <= n;
			int64		ge = 0;
			double		f = z[i] / (k * m2);
			double		iicmp = f * lagsum;
			/* the exact mean of I under conditional permutation: −z_i²/((n − 1)·m2) */
			double		shift = -z[i] * z[i] / ((n - 1) * m2);
			double		s1 = 0,
						s2 = 0;

			rng_seed(&rng, (uint64) (int64) seed, hash[i]);
			for (int r = 0; r < nperm; r++)
			{
				double		s = 0,
							ip,
							delta;

				if ((r & 0xFFFF) == 0xFFFF)
					CHECK_FOR_INTERRUPTS();
				if (small)
				{
					/*
					 * few neighbours among many rows: draw positions and redraw repeats, which is
					 * still a uniform sample without replacement and touches no shared array
					 */
					for (int t = 0; t < k; t++)
					{
						int			m;
						bool		again;

						do
						{
							m = (int) rng_below(&rng, avail);
							again = false;
							for (int u = 0; u < t; u++)
								if (swaps[u] == m)
								{
									again = true;
									break;
								}
						} while (again);
						swaps[t] = m;
						s += cz[m + (m >= ri)];
					}
				}
				else
				{
					/* partial Fisher-Yates over the other n - 1 values, undone afterwards */
					for (int t = 0; t < k; t++)
					{
						int			j = t + (int) rng_below(&rng, avail - t);
						int			tmp = perm[t];
						int			m;

						perm[t] = perm[j];
						perm[j] = tmp;
						swaps[t] = j;
						m = perm[t];
						s += cz[m + (m >= ri)];
					}
					for (int t = k - 1; t >= 0; t--)
					{
						int			j = swaps[t];
						int			tmp = perm[t];

						perm[t] = perm[j];
						perm[j] = tmp;
					}
				}
				/* no division in the loop: I_perm = f·s, moments shifted by E[I_perm] */
				ip = f * s;
				if (ip >= iicmp)
					ge++;
				delta = ip - shift;
				s1 += delta;
				s2 += delta * delta;
			}
			o->v[2] = (double) (Min(ge, nperm - ge) + 1) / (nperm + 1);
			if (nperm > 1)
			{
				double		pmean = shift + s1 / nperm;
				double		pvar = (s2 - s1 * s1 / nperm) / (nperm - 1);

				if (pvar > 0)
					o->v[1] = (ii - pmean) / sqrt(pvar);
			}
		}
	}
}

/* ---- Getis-Ord ---- */

static uint8
hotspot_class(double z)
{
	double		a = fabs(z);
	int			level = a >= 2.576 ? 3 : a >= 1.960 ? 2 : a >= 1.645 ? 1 : 0;

	if (level == 0)
		return 3;
	return z > 0 ? 3 - level : 3 + level;
}

void
zj_getis_ord(int n, const double *x, const ZjGraph *g, bool star, ZjStatRes *out)
{
	double		sum = 0,
				mean,
				ss = 0;

	for (int i = 0; i < n; i++)
		out[i].isnull = true;
	for (int i = 0; i < n; i++)
		sum += x[i];
	mean = sum / n;
	for (int i = 0; i < n; i++)
		ss += (x[i] - mean) * (x[i] - mean);

	for (int i = 0; i < n; i++)
	{
		int			k = ZJ_DEGREE(g, i);
		double		lx = 0,
					W,
					S1,
					xbar,
					s2,
					var,
					zv;

		CHECK_FOR_INTERRUPTS();
		if (k == 0)
			continue;
		for (int m = g->off[i]; m < g->off[i + 1]; m++)
			lx += x[g->nb[m]];
		if (star)
		{
			lx += x[i];
			W = S1 = k + 1;
			xbar = mean;
			s2 = ss / n;
			var = s2 * (n * S1 - W * W) / (n - 1);
		}
		else
		{
			double		di = x[i] - mean;

			W = S1 = k;
			xbar = (sum - x[i]) / (n - 1);
			/* Σ_{j≠i}(x_j − x̄_i)² = SS − (x_i − x̄)² − (n − 1)(x̄_i − x̄)² */
			s2 = (ss - di * di - (n - 1) * (xbar - mean) * (xbar - mean)) / (n - 1);
			if (s2 < 0)
				s2 = 0;
			var = s2 * ((n - 1) * S1 - W * W) / (n - 2);
		}
		if (!(var > 0))
			continue;
		zv = (lx - W * xbar) / sqrt(var);
		out[i].isnull = false;
		out[i].v[0] = zv;
		out[i].v[1] = p_two_sided(zv);
		out[i].code = hotspot_class(zv);
	}
}

/* ---- spatial lag ---- */

void
zj_spatial_lag(int n, const double *x, const ZjGraph *g, int scale, ZjStatRes *out)
{
	for (int i = 0; i < n; i++)
	{
		int			k = ZJ_DEGREE(g, i);
		double		s = 0;

		out[i].isnull = true;
		if (k == 0)
			continue;
		for (int m = g->off[i]; m < g->off[i + 1]; m++)
			s += x[g->nb[m]];
		out[i].isnull = false;
		out[i].v[0] = ldexp(s / k, scale);
	}
}

/* ---- global Moran ---- */

void
zj_moran(int n, double *x, const ZjGraph *g, double res[5], bool nulls[5])
{
	double		mean = 0,
				zz = 0,
				z4 = 0,
				num = 0,
				S0 = 0,
				S1 = 0,
				S2 = 0;
	double	   *z = palloc(sizeof(double) * n);
	double	   *colsum = palloc0(sizeof(double) * n);

	for (int i = 0; i < 5; i++)
		nulls[i] = true;
	zj_rescale(x, n);
	for (int i = 0; i < n; i++)
		mean += x[i];
	mean /= n;
	for (int i = 0; i < n; i++)
	{
		z[i] = x[i] - mean;
		zz += z[i] * z[i];
		z4 += z[i] * z[i] * z[i] * z[i];
	}
	for (int i = 0; i < n; i++)
	{
		int			k = ZJ_DEGREE(g, i);
		double		lz = 0;

		CHECK_FOR_INTERRUPTS();
		if (k == 0)
			continue;
		S0 += 1;
		for (int m = g->off[i]; m < g->off[i + 1]; m++)
		{
			int			j = g->nb[m];
			double		wij = 1.0 / k;

			lz += z[j];
			colsum[j] += wij;
			if (zj_graph_has(g, j, i))
			{
				double		w = wij + 1.0 / ZJ_DEGREE(g, j);

				S1 += 0.5 * w * w;
			}
			else
				S1 += wij * wij;
		}
		num += z[i] * lz / k;
	}
	for (int i = 0; i < n; i++)
	{
		double		t = (ZJ_DEGREE(g, i) > 0 ? 1.0 : 0.0) + colsum[i];

		S2 += t * t;
	}
	if (S0 > 0 && zz > 0)
	{
		double		I = (n / S0) * num / zz;
		double		EI = -1.0 / (n - 1);
		double		K = n * z4 / (zz * zz);

		res[0] = I;
		nulls[0] = false;
		res[1] = EI;
		nulls[1] = false;
		if (n >= 4)
		{
			double		nn = (double) n * n;
			double		VI = n * (S1 * (nn - 3.0 * n + 3) - n * S2 + 3 * S0 * S0);
			double		tmp = K * (S1 * (nn - n) - 2.0 * n * S2 + 6 * S0 * S0);

			VI = (VI - tmp) / ((n - 1.0) * (n - 2.0) * (n - 3.0) * S0 * S0) - EI * EI;
			res[2] = VI;
			nulls[2] = false;
			if (VI > 0)
			{
				res[3] = (I - EI) / sqrt(VI);
				res[4] = p_greater(res[3]);
				nulls[3] = nulls[4] = false;
			}
		}
	}
}

/* ---- empirical Bayes rates, p-value adjustment ---- */

void
zj_eb_rate(int n, const double *e, const double *p, double *out)
{
	double		se = 0,
				sp = 0,
				b,
				s2 = 0,
				a;

	for (int i = 0; i < n; i++)
	{
		if (e[i] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("events must not be negative"),
					 errdetail("events is %g.", e[i])));
		if (p[i] <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("population must be positive"),
					 errdetail("population is %g.", p[i])));
		se += e[i];
		sp += p[i];
	}
	if (n > 0)
	{
		b = se / sp;
		for (int i = 0; i < n; i++)
		{
			double		r = e[i] / p[i];

			s2 += p[i] * (r - b) * (r - b);
		}
		s2 /= sp;
		if (!isfinite(b) || !isfinite(s2))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("events and population are out of range for eb_rate"),
					 errdetail("The rates or their variance overflow double precision.")));
		a = s2 - b / (sp / n);
		if (a < 0)
			a = 0;
		for (int i = 0; i < n; i++)
		{
			double		r = e[i] / p[i],
						den = a + b / p[i];

			out[i] = den > 0 ? b + (r - b) * a / den : b;
		}
	}
}

ZjPAdjust
zj_p_adjust_method(const char *name)
{
	if (pg_strcasecmp(name, "fdr") == 0 || pg_strcasecmp(name, "bh") == 0)
		return ZJ_P_FDR;
	if (pg_strcasecmp(name, "bonferroni") == 0)
		return ZJ_P_BONFERRONI;
	if (pg_strcasecmp(name, "holm") == 0)
		return ZJ_P_HOLM;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown p-value adjustment method \"%s\"", name),
			 errhint("Use 'fdr' (Benjamini-Hochberg), 'bonferroni' or 'holm'.")));
	return ZJ_P_FDR;			/* not reached */
}

void
zj_p_adjust(int n, const double *p, ZjPAdjust method, double *out)
{
	ZjKeyedRow *keys = palloc(sizeof(ZjKeyedRow) * Max(n, 1));

	for (int i = 0; i < n; i++)
	{
		if (!(p[i] >= 0 && p[i] <= 1))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("p must be between 0 and 1"),
					 errdetail("p is %g.", p[i])));
		keys[i].d = p[i];
		keys[i].j = i;
	}
	qsort(keys, n, sizeof(ZjKeyedRow), zj_cmp_keyed_row);
	if (method == ZJ_P_FDR)
	{
		/* from the largest p down: cummin of n/rank · p */
		double		run = 1.0;

		for (int r = n - 1; r >= 0; r--)
		{
			run = Min(run, (double) n / (r + 1) * keys[r].d);
			out[keys[r].j] = run;
		}
	}
	else if (method == ZJ_P_BONFERRONI)
	{
		for (int i = 0; i < n; i++)
			out[i] = Min(1.0, n * p[i]);
	}
	else
	{
		/* from the smallest p up: cummax of (n − rank + 1) · p */
		double		run = 0;

		for (int r = 0; r < n; r++)
		{
			run = Max(run, Min(1.0, (double) (n - r) * keys[r].d));
			out[keys[r].j] = run;
		}
	}
	pfree(keys);
}
