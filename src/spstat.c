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

/*
 * k positions of the canonical order, uniformly without replacement from the avail = n − 1 rows
 * other than position ri, into drawn.  small (k <= 32 and 8k <= n): draw and redraw repeats, which
 * touches no shared array; otherwise a partial Fisher-Yates over perm (0 .. n − 2), undone after.
 */
static void
draw_others(Rng *rng, int k, uint32 avail, int ri, bool small, int *perm, int *swaps, int *drawn)
{
	if (small)
	{
		for (int t = 0; t < k; t++)
		{
			int			m;
			bool		again;

			do
			{
				m = (int) rng_below(rng, avail);
				again = false;
				for (int u = 0; u < t; u++)
					if (swaps[u] == m)
					{
						again = true;
						break;
					}
			} while (again);
			swaps[t] = m;
			drawn[t] = m + (m >= ri);
		}
	}
	else
	{
		for (int t = 0; t < k; t++)
		{
			int			j = t + (int) rng_below(rng, avail - t);
			int			tmp = perm[t];
			int			m;

			perm[t] = perm[j];
			perm[j] = tmp;
			swaps[t] = j;
			m = perm[t];
			drawn[t] = m + (m >= ri);
		}
		for (int t = k - 1; t >= 0; t--)
		{
			int			j = swaps[t];
			int			tmp = perm[t];

			perm[t] = perm[j];
			perm[j] = tmp;
		}
	}
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

/* the canonical positions of row i's neighbours, ascending (so sums do not depend on row order) */
static int
neighbour_ranks(const ZjGraph *g, int i, const int *rank, int *nbrank)
{
	int			k = ZJ_DEGREE(g, i);

	for (int m = g->off[i]; m < g->off[i + 1]; m++)
		nbrank[m - g->off[i]] = rank[g->nb[m]];
	if (k > 1)
		qsort(nbrank, k, sizeof(int), zj_cmp_int);
	return k;
}

/*
 * Row i's neighbours and their weights for a statistic: nbrank the canonical positions ascending,
 * and for a weighted graph wt[t] the weight of neighbour t, divided by the row's sum when rowstd
 * (row-standardised) and raw otherwise; wt is left alone for a binary graph.  tmp has room for the
 * largest degree.
 */
typedef struct RankW
{
	int			r;
	double		w;
} RankW;

static int
cmp_rankw(const void *a, const void *b)
{
	int			p = ((const RankW *) a)->r,
				q = ((const RankW *) b)->r;

	return (p > q) - (p < q);
}

static int
neighbour_weights(const ZjGraph *g, int i, const int *rank, bool rowstd, RankW *tmp, int *nbrank,
				  double *wt)
{
	int			k = ZJ_DEGREE(g, i);
	double		sum = 0;

	if (g->w == NULL)
		return neighbour_ranks(g, i, rank, nbrank);
	for (int m = g->off[i]; m < g->off[i + 1]; m++)
	{
		tmp[m - g->off[i]].r = rank[g->nb[m]];
		tmp[m - g->off[i]].w = g->w[m];
	}
	if (k > 1)
		qsort(tmp, k, sizeof(RankW), cmp_rankw);
	for (int t = 0; t < k; t++)
	{
		nbrank[t] = tmp[t].r;
		wt[t] = tmp[t].w;
		sum += wt[t];
	}
	for (int t = 0; t < k && rowstd; t++)
		wt[t] /= sum;
	return k;
}

/* Σ_t v[idx[t]], or Σ_t wt[t] v[idx[t]] when wt is not NULL */
static inline double
nb_sum(const double *v, const int *idx, const double *wt, int k)
{
	double		s = 0;

	if (wt)
		for (int t = 0; t < k; t++)
			s += wt[t] * v[idx[t]];
	else
		for (int t = 0; t < k; t++)
			s += v[idx[t]];
	return s;
}

/* Σ_t (zi − v[idx[t]])², weighted by wt when not NULL */
static inline double
nb_sqdiff(double zi, const double *v, const int *idx, const double *wt, int k)
{
	double		s = 0;

	for (int t = 0; t < k; t++)
	{
		double		d = zi - v[idx[t]];

		s += (wt ? wt[t] : 1.0) * d * d;
	}
	return s;
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
			   *drawn,
			   *nbrank;
	double	   *wt = g->w ? palloc(sizeof(double) * n) : NULL;
	RankW	   *tmp = g->w ? palloc(sizeof(RankW) * n) : NULL;
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
	drawn = palloc(sizeof(int) * n);
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
		(void) neighbour_weights(g, i, rank, true, tmp, nbrank, wt);
		lagsum = nb_sum(cz, nbrank, wt, k);
		lag = wt ? lagsum : lagsum / k;
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
			double		f = wt ? z[i] / m2 : z[i] / (k * m2);
			double		iicmp = f * lagsum;
			/* the exact mean of I under conditional permutation: −z_i²/((n − 1)·m2) (Σ w = 1) */
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
				draw_others(&rng, k, avail, ri, small, perm, swaps, drawn);
				s = nb_sum(cz, drawn, wt, k);
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

/* ---- local Geary, bivariate local Moran, local join count (conditional permutations) ---- */

const char *const zj_geary_cluster_names[4] = {"HH", "LL", "other positive", "negative"};

/*
 * The canonical order of values v (by value, then hash): rank[i] is row i's position and cv[c] the
 * value at position c.
 */
static void
canonical_order(int n, const double *v, const uint64 *hash, int *rank, double *cv)
{
	CanonKey   *keys = palloc(sizeof(CanonKey) * Max(n, 1));

	for (int i = 0; i < n; i++)
	{
		keys[i].x = v[i];
		keys[i].hash = hash[i];
		keys[i].i = i;
	}
	qsort(keys, n, sizeof(CanonKey), cmp_canon);
	for (int c = 0; c < n; c++)
	{
		rank[keys[c].i] = c;
		cv[c] = keys[c].x;
	}
	pfree(keys);
}

/* standardise values given in canonical order: (v − mean)/sample sd; false when constant */
static bool
standardise(int n, double *cv)
{
	double		mean = 0,
				ss = 0,
				sd;

	for (int c = 0; c < n; c++)
		mean += cv[c];
	mean /= n;
	for (int c = 0; c < n; c++)
		ss += (cv[c] - mean) * (cv[c] - mean);
	sd = sqrt(ss / (n - 1));
	if (!(sd > 0))
		return false;
	for (int c = 0; c < n; c++)
		cv[c] = (cv[c] - mean) / sd;
	return true;
}

static void
check_nperm(int nperm)
{
	if (nperm < 0 || nperm > ZJ_MAX_PERMUTATIONS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("permutations must be between 0 and %d", ZJ_MAX_PERMUTATIONS),
				 errdetail("permutations is %d.", nperm)));
}

/* permutation moments and the folded pseudo p of an observed statistic */
typedef struct PermAcc
{
	int64		ge,
				le;
	double		s1,
				s2;
} PermAcc;

static inline void
perm_add(PermAcc *a, double v, double obs)
{
	if (v >= obs)
		a->ge++;
	if (v <= obs)
		a->le++;
	a->s1 += v;
	a->s2 += v * v;
}

/* z (v[1]) and folded p (v[2]) = (min(#>=, #<=) + 1)/(R + 1) */
static void
perm_finish(const PermAcc *a, int nperm, double obs, ZjStatRes *o)
{
	o->v[1] = o->v[2] = NAN;
	if (nperm == 0)
		return;
	o->v[2] = (double) (Min(a->ge, a->le) + 1) / (nperm + 1);
	if (nperm > 1)
	{
		double		mean = a->s1 / nperm;
		double		var = (a->s2 - a->s1 * a->s1 / nperm) / (nperm - 1);

		if (var > 0)
			o->v[1] = (obs - mean) / sqrt(var);
	}
}

void
zj_local_geary(int n, const double *x, const uint64 *hash, const ZjGraph *g, int nperm, int seed,
			   ZjStatRes *out)
{
	int		   *rank = palloc(sizeof(int) * n),
			   *perm = palloc(sizeof(int) * n),
			   *swaps = palloc(sizeof(int) * n),
			   *drawn = palloc(sizeof(int) * n),
			   *nbrank = palloc(sizeof(int) * n);
	double	   *cz = palloc(sizeof(double) * n);
	double	   *wt = g->w ? palloc(sizeof(double) * n) : NULL;
	RankW	   *tmp = g->w ? palloc(sizeof(RankW) * n) : NULL;

	check_nperm(nperm);
	for (int i = 0; i < n; i++)
		out[i].isnull = true;
	canonical_order(n, x, hash, rank, cz);
	if (!standardise(n, cz))
		return;
	for (int m = 0; m < n - 1; m++)
		perm[m] = m;
	for (int i = 0; i < n; i++)
	{
		int			k = neighbour_weights(g, i, rank, true, tmp, nbrank, wt);
		int			ri = rank[i];
		double		zi = cz[ri],
					c,
					lag;
		ZjStatRes  *o = &out[i];

		CHECK_FOR_INTERRUPTS();
		if (k == 0)
			continue;
		c = nb_sqdiff(zi, cz, nbrank, wt, k);
		lag = nb_sum(cz, nbrank, wt, k);
		if (!wt)
			c /= k;
		o->isnull = false;
		o->v[0] = c;
		/* spdep's clusters: x − mean and the lag of it, 0 counting as low */
		o->code = zi > 0 ? (lag > 0 ? 0 : 3) : (lag > 0 ? 2 : 1);
		{
			Rng			rng;
			PermAcc		acc = {0};
			bool		small = k <= 32 && (int64) k * 8 <= n;

			rng_seed(&rng, (uint64) (int64) seed, hash[i]);
			for (int r = 0; r < nperm; r++)
			{
				double		cp;

				if ((r & 0xFFFF) == 0xFFFF)
					CHECK_FOR_INTERRUPTS();
				draw_others(&rng, k, (uint32) (n - 1), ri, small, perm, swaps, drawn);
				cp = nb_sqdiff(zi, cz, drawn, wt, k);
				perm_add(&acc, wt ? cp : cp / k, c);
			}
			perm_finish(&acc, nperm, c, o);
		}
	}
}

void
zj_local_moran_bv(int n, const double *x, const double *y, const uint64 *hash, const ZjGraph *g,
				  int nperm, int seed, ZjStatRes *out)
{
	int		   *rank = palloc(sizeof(int) * n),
			   *rankx = palloc(sizeof(int) * n),
			   *perm = palloc(sizeof(int) * n),
			   *swaps = palloc(sizeof(int) * n),
			   *drawn = palloc(sizeof(int) * n),
			   *nbrank = palloc(sizeof(int) * n);
	double	   *czy = palloc(sizeof(double) * n),
			   *czx = palloc(sizeof(double) * n);
	double	   *wt = g->w ? palloc(sizeof(double) * n) : NULL;
	RankW	   *tmp = g->w ? palloc(sizeof(RankW) * n) : NULL;

	check_nperm(nperm);
	for (int i = 0; i < n; i++)
		out[i].isnull = true;
	canonical_order(n, x, hash, rankx, czx);
	canonical_order(n, y, hash, rank, czy);
	if (!standardise(n, czx) || !standardise(n, czy))
		return;
	for (int m = 0; m < n - 1; m++)
		perm[m] = m;
	for (int i = 0; i < n; i++)
	{
		int			k = neighbour_weights(g, i, rank, true, tmp, nbrank, wt);
		int			ri = rank[i];
		double		zx = czx[rankx[i]],
					lag,
					ii;
		ZjStatRes  *o = &out[i];

		CHECK_FOR_INTERRUPTS();
		if (k == 0)
			continue;
		lag = nb_sum(czy, nbrank, wt, k);
		if (!wt)
			lag /= k;
		ii = zx * lag;
		o->isnull = false;
		o->v[0] = ii;
		o->code = zx > 0 ? (lag > 0 ? 0 : 2) : (lag > 0 ? 3 : 1);
		{
			Rng			rng;
			PermAcc		acc = {0};
			bool		small = k <= 32 && (int64) k * 8 <= n;

			rng_seed(&rng, (uint64) (int64) seed, hash[i]);
			for (int r = 0; r < nperm; r++)
			{
				double		sp;

				if ((r & 0xFFFF) == 0xFFFF)
					CHECK_FOR_INTERRUPTS();
				/* y at row i is not drawn: conditional on the row, as spdep's y[-i] */
				draw_others(&rng, k, (uint32) (n - 1), ri, small, perm, swaps, drawn);
				sp = nb_sum(czy, drawn, wt, k);
				perm_add(&acc, zx * (wt ? sp : sp / k), ii);
			}
			perm_finish(&acc, nperm, ii, o);
		}
	}
}

void
zj_local_join_count(int n, const double *x, const uint64 *hash, const ZjGraph *g, int nperm, int seed,
					ZjStatRes *out)
{
	int		   *rank = palloc(sizeof(int) * n),
			   *perm = palloc(sizeof(int) * n),
			   *swaps = palloc(sizeof(int) * n),
			   *drawn = palloc(sizeof(int) * n),
			   *nbrank = palloc(sizeof(int) * n);
	double	   *cx = palloc(sizeof(double) * n);

	zj_require_binary(g->w != NULL, "local_join_count");
	check_nperm(nperm);
	canonical_order(n, x, hash, rank, cx);
	for (int m = 0; m < n - 1; m++)
		perm[m] = m;
	for (int i = 0; i < n; i++)
	{
		int			k = neighbour_ranks(g, i, rank, nbrank);
		int			ri = rank[i];
		double		bb = 0;
		ZjStatRes  *o = &out[i];

		CHECK_FOR_INTERRUPTS();
		for (int t = 0; t < k; t++)
			bb += cx[nbrank[t]];
		bb *= x[i];
		o->isnull = false;
		o->v[0] = bb;
		o->v[1] = o->v[2] = NAN;
		/* p only for true rows with a true neighbour, as spdep */
		if (x[i] != 0 && bb > 0 && nperm > 0)
		{
			Rng			rng;
			bool		small = k <= 32 && (int64) k * 8 <= n;
			int64		less = 0,
						ties = 0;
			int64		r1;

			rng_seed(&rng, (uint64) (int64) seed, hash[i]);
			for (int r = 0; r < nperm; r++)
			{
				double		sp = 0;

				if ((r & 0xFFFF) == 0xFFFF)
					CHECK_FOR_INTERRUPTS();
				draw_others(&rng, k, (uint32) (n - 1), ri, small, perm, swaps, drawn);
				for (int t = 0; t < k; t++)
					sp += cx[drawn[t]];
				if (sp < bb)
					less++;
				else if (sp == bb)
					ties++;
			}

			/*
			 * spdep's p: the observed value's rank r among the R + 1 values (ties averaged, then
			 * floored), p = 2 min(r, R + 2 − r)/(R + 1)
			 */
			r1 = less + (ties + 2) / 2;
			o->v[1] = 2.0 * (double) Min(r1, (int64) nperm + 2 - r1) / (nperm + 1);
		}
	}
}

void
zj_eb_rate_local(int n, const double *e, const double *p, const ZjGraph *g, double *out)
{
	double	   *m,
			   *sq;

	zj_require_binary(g->w != NULL, "eb_rate_local");
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
	}
	/* the neighbourhood rate m_i: the row and its neighbours, binary sums (spdep::EBlocal) */
	m = palloc(sizeof(double) * Max(n, 1));
	sq = palloc(sizeof(double) * Max(n, 1));

	for (int i = 0; i < n; i++)
	{
		double		se = e[i],
					sp = p[i];

		for (int t = g->off[i]; t < g->off[i + 1]; t++)
		{
			se += e[g->nb[t]];
			sp += p[g->nb[t]];
		}
		m[i] = se / sp;
		sq[i] = p[i] * (e[i] / p[i] - m[i]) * (e[i] / p[i] - m[i]);
	}

	/*
	 * C_i sums n_j (r_j − m_j)² over the same neighbourhood, each term with its own row's m_j:
	 * spdep lags the vector n (r − m) (its default, geoda = FALSE)
	 */
	for (int i = 0; i < n; i++)
	{
		int			k = ZJ_DEGREE(g, i) + 1;
		double		ri = e[i] / p[i],
					sp = p[i],
					c = sq[i],
					a,
					den;

		CHECK_FOR_INTERRUPTS();
		for (int t = g->off[i]; t < g->off[i + 1]; t++)
		{
			sp += p[g->nb[t]];
			c += sq[g->nb[t]];
		}
		a = c / sp - m[i] / (sp / k);
		if (a < 0)
			a = 0;
		den = a + m[i] / p[i];
		out[i] = den > 0 ? m[i] + (ri - m[i]) * (a / den) : m[i];
		if (!isfinite(out[i]))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("events and population are out of range for eb_rate_local")));
	}
	pfree(m);
	pfree(sq);
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

	/* Gi*'s own weight is the weight at distance 0: none for inverse distance */
	if (star && g->w && !isfinite(g->w0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("Gi* is undefined with inverse-distance weights"),
				 errdetail("Gi* counts each row as its own neighbour at distance 0, where 1/d has no value."),
				 errhint("Use star => false, or exp or dpd weights.")));
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
		if (g->w)
		{
			/* general weights: W = Σ w, S1 = Σ w² (and the row's own weight w0 for Gi*) */
			W = S1 = 0;
			for (int m = g->off[i]; m < g->off[i + 1]; m++)
			{
				lx += g->w[m] * x[g->nb[m]];
				W += g->w[m];
				S1 += g->w[m] * g->w[m];
			}
			if (star)
			{
				lx += g->w0 * x[i];
				W += g->w0;
				S1 += g->w0 * g->w0;
			}
		}
		else
		{
			for (int m = g->off[i]; m < g->off[i + 1]; m++)
				lx += x[g->nb[m]];
			if (star)
				lx += x[i];
			W = S1 = star ? k + 1 : k;
		}
		if (star)
		{
			xbar = mean;
			s2 = ss / n;
			var = s2 * (n * S1 - W * W) / (n - 1);
		}
		else
		{
			double		di = x[i] - mean;

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

void
zj_getis_ord_perm(int n, const double *x, const uint64 *hash, const ZjGraph *g, bool star, int nperm,
				  int seed, ZjStatRes *out)
{
	int		   *rank = palloc(sizeof(int) * n),
			   *perm = palloc(sizeof(int) * n),
			   *swaps = palloc(sizeof(int) * n),
			   *drawn = palloc(sizeof(int) * n),
			   *nbrank = palloc(sizeof(int) * n);
	double	   *cx = palloc(sizeof(double) * n);
	double	   *wt = g->w ? palloc(sizeof(double) * n) : NULL;
	RankW	   *tmp = g->w ? palloc(sizeof(RankW) * n) : NULL;

	check_nperm(nperm);
	zj_getis_ord(n, x, g, star, out);
	canonical_order(n, x, hash, rank, cx);
	for (int m = 0; m < n - 1; m++)
		perm[m] = m;
	for (int i = 0; i < n; i++)
	{
		int			k = neighbour_weights(g, i, rank, false, tmp, nbrank, wt);
		double		obs;
		ZjStatRes  *o = &out[i];

		CHECK_FOR_INTERRUPTS();
		if (o->isnull)
			continue;
		o->v[1] = NAN;
		if (nperm == 0 || k == 0)
			continue;

		/*
		 * Gi and Gi* are the neighbours' (weighted) sum (plus the row's own value for Gi*, which
		 * stays) over a constant, so the draws compare on the neighbours' sum alone
		 */
		obs = nb_sum(cx, nbrank, wt, k);
		{
			Rng			rng;
			PermAcc		acc = {0};
			bool		small = k <= 32 && (int64) k * 8 <= n;
			ZjStatRes	tmp;

			rng_seed(&rng, (uint64) (int64) seed, hash[i]);
			for (int r = 0; r < nperm; r++)
			{
				double		sp;

				if ((r & 0xFFFF) == 0xFFFF)
					CHECK_FOR_INTERRUPTS();
				draw_others(&rng, k, (uint32) (n - 1), rank[i], small, perm, swaps, drawn);
				sp = nb_sum(cx, drawn, wt, k);
				perm_add(&acc, sp, obs);
			}
			perm_finish(&acc, nperm, obs, &tmp);
			o->v[1] = tmp.v[2];
		}
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
			s += ZJ_WEIGHT(g, m) * x[g->nb[m]];
		out[i].isnull = false;
		out[i].v[0] = ldexp(s / zj_graph_rowsum(g, i), scale);
	}
}

/*
 * The weights constants of spdep's spweights.constants for row-standardised (rowstd) or binary
 * weights of g: S0 = Σ w, S1 = ½ ΣΣ (w_ij + w_ji)², S2 = Σ_i (w_i. + w_.i)².
 */
static void
weights_constants(const ZjGraph *g, bool rowstd, double *S0p, double *S1p, double *S2p)
{
	int			n = g->n;
	double		S0 = 0,
				S1 = 0,
				S2 = 0;
	double	   *colsum = palloc0(sizeof(double) * Max(n, 1));
	double	   *rs = palloc(sizeof(double) * Max(n, 1));

	/* row sums of the raw weights: the degree for a binary graph */
	for (int i = 0; i < n; i++)
		rs[i] = zj_graph_rowsum(g, i);
	for (int i = 0; i < n; i++)
	{
		int			k = ZJ_DEGREE(g, i);

		CHECK_FOR_INTERRUPTS();
		if (k == 0)
			continue;
		S0 += rowstd ? 1 : rs[i];
		for (int m = g->off[i]; m < g->off[i + 1]; m++)
		{
			int			j = g->nb[m];
			int			back = zj_graph_find(g, j, i);
			double		wij = rowstd ? ZJ_WEIGHT(g, m) / rs[i] : ZJ_WEIGHT(g, m);

			colsum[j] += wij;
			if (back >= 0)
			{
				double		w = wij + (rowstd ? ZJ_WEIGHT(g, back) / rs[j] : ZJ_WEIGHT(g, back));

				S1 += 0.5 * w * w;
			}
			else
				S1 += wij * wij;
		}
	}
	for (int i = 0; i < n; i++)
	{
		int			k = ZJ_DEGREE(g, i);
		double		t = (k > 0 ? (rowstd ? 1.0 : rs[i]) : 0.0) + colsum[i];

		S2 += t * t;
	}
	pfree(colsum);
	pfree(rs);
	*S0p = S0;
	*S1p = S1;
	*S2p = S2;
}

/*
 * The deviations z = x − mean of n values (rescaled in place first, see zj_rescale), with Σz² and
 * Σz⁴: the moments of global Moran and Geary.
 */
static double *
centred(int n, double *x, double *zz, double *z4)
{
	double		mean = 0;
	double	   *z = palloc(sizeof(double) * n);

	zj_rescale(x, n);
	for (int i = 0; i < n; i++)
		mean += x[i];
	mean /= n;
	*zz = *z4 = 0;
	for (int i = 0; i < n; i++)
	{
		z[i] = x[i] - mean;
		*zz += z[i] * z[i];
		*z4 += z[i] * z[i] * z[i] * z[i];
	}
	return z;
}

/* ---- global Moran ---- */

void
zj_moran(int n, double *x, const ZjGraph *g, double res[5], bool nulls[5])
{
	double		zz,
				z4,
				num = 0,
				S0,
				S1,
				S2;
	double	   *z = centred(n, x, &zz, &z4);

	for (int i = 0; i < 5; i++)
		nulls[i] = true;
	for (int i = 0; i < n; i++)
	{
		int			k = ZJ_DEGREE(g, i);
		double		lz = 0;

		CHECK_FOR_INTERRUPTS();
		if (k == 0)
			continue;
		for (int m = g->off[i]; m < g->off[i + 1]; m++)
			lz += ZJ_WEIGHT(g, m) * z[g->nb[m]];
		num += z[i] * lz / zj_graph_rowsum(g, i);
	}
	weights_constants(g, true, &S0, &S1, &S2);
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

/* ---- global Geary's C ---- */

void
zj_geary(int n, double *x, const ZjGraph *g, double res[5], bool nulls[5])
{
	double		zz,
				z4,
				num = 0,
				S0,
				S1,
				S2;
	double	   *z = centred(n, x, &zz, &z4);

	for (int i = 0; i < 5; i++)
		nulls[i] = true;
	for (int i = 0; i < n; i++)
	{
		int			k = ZJ_DEGREE(g, i);
		double		t = 0;

		CHECK_FOR_INTERRUPTS();
		for (int m = g->off[i]; m < g->off[i + 1]; m++)
			t += ZJ_WEIGHT(g, m) * (z[i] - z[g->nb[m]]) * (z[i] - z[g->nb[m]]);
		if (k > 0)
			num += t / zj_graph_rowsum(g, i);
	}
	weights_constants(g, true, &S0, &S1, &S2);
	if (S0 > 0 && zz > 0)
	{
		double		n1 = n - 1.0,
					n2 = n - 2.0,
					n3 = n - 3.0,
					nn = (double) n * n;
		double		K = n * z4 / (zz * zz);
		double		C = (n1 / (2 * S0)) * (num / zz);

		res[0] = C;
		res[1] = 1;
		nulls[0] = nulls[1] = false;
		if (n >= 4)
		{
			/* spdep::geary.test under randomisation */
			double		VC = n1 * S1 * (nn - 3 * n + 3 - K * n1);

			VC -= 0.25 * (n1 * S2 * (nn + 3 * n - 6 - K * (nn - n + 2)));
			VC += S0 * S0 * (nn - 3 - K * n1 * n1);
			VC /= n * n2 * n3 * S0 * S0;
			res[2] = VC;
			nulls[2] = false;
			if (VC > 0)
			{
				res[3] = (1 - C) / sqrt(VC);
				res[4] = p_greater(res[3]);
				nulls[3] = nulls[4] = false;
			}
		}
	}
}

/* ---- join counts (Cliff & Ord, non-free sampling; spdep::joincount.multi) ---- */

int
zj_join_counts(int n, const int *cat, int k, const ZjGraph *g, double *joins, double *expected,
			   double *variance)
{
	double		S0,
				S1,
				S2,
				S02,
				N = n,
				n1 = n - 1.0,
				n2 = n - 2.0,
				n3 = n - 3.0;
	double	   *res = palloc0(sizeof(double) * k * k);
	double	   *nt = palloc0(sizeof(double) * k);
	int			row = 0;
	double		jtot = 0,
				etot = 0,
				sprod = 0,
				sprod2 = 0,
				jvar;

	zj_require_binary(g->w != NULL, "join_counts");
	for (int i = 0; i < n; i++)
	{
		nt[cat[i]] += 1;
		for (int m = g->off[i]; m < g->off[i + 1]; m++)
			res[cat[i] * k + cat[g->nb[m]]] += 0.5;
	}
	weights_constants(g, false, &S0, &S1, &S2);
	S02 = S0 * S0;
	/* same-category joins a:a */
	for (int a = 0; a < k; a++)
	{
		double		t = nt[a];
		double		e = S0 * t * (t - 1) / (2 * N * n1);
		double		v = S1 * t * (t - 1) / (N * n1);

		v += (S2 - 2 * S1) * t * (t - 1) * (t - 2) / (N * n1 * n2);
		v += (S02 + S1 - S2) * t * (t - 1) * (t - 2) * (t - 3) / (N * n1 * n2 * n3);
		v = 0.25 * v - e * e;
		joins[row] = res[a * k + a];
		expected[row] = e;
		variance[row] = v;
		row++;
	}
	/* different categories, pairs (b, a) with a < b in spdep's order */
	for (int b = 1; b < k; b++)
		for (int a = 0; a < b; a++)
		{
			double		pr = nt[a] * nt[b],
						sm = nt[a] + nt[b];
			double		e = S0 * pr / (N * n1);
			double		v = 2 * S1 * pr / (N * n1);

			v += (S2 - 2 * S1) * pr * (sm - 2) / (N * n1 * n2);
			v += 4 * (S02 + S1 - S2) * (nt[a] * (nt[a] - 1)) * (nt[b] * (nt[b] - 1)) / (N * n1 * n2 * n3);
			v = 0.25 * v - e * e;
			joins[row] = res[a * k + b] + res[b * k + a];
			expected[row] = e;
			variance[row] = v;
			jtot += joins[row];
			etot += e;
			sprod += pr;
			sprod2 += nt[a] * nt[a] * nt[b] * nt[b];
			row++;
		}
	/* all different-category joins */
	jvar = (S2 / (N * n1) - 4 * (S02 + S1 - S2) * n1 / (N * n1 * n2 * n3)) * sprod;
	jvar += 4 * ((S1 - S2) / (N * n1 * n2 * n3) + 2 * S02 * (2 * n - 3) / ((N * n1) * (N * n1 * n2 * n3))) * sprod2;
	if (k > 2)
	{
		double		t3 = 0;

		for (int r = 0; r < k; r++)
			for (int s2 = r + 1; s2 < k; s2++)
				for (int t = s2 + 1; t < k; t++)
					t3 += nt[r] * nt[s2] * nt[t];
		jvar += ((2 * S1 - 5 * S2) / (N * n1 * n2) + 12 * (S02 + S1 - S2) / (N * n1 * n2 * n3) +
				 8 * S02 / ((N * n1 * n2) * n1)) * t3;
	}
	if (k > 3)
	{
		double		t4 = 0;

		for (int r = 0; r < k; r++)
			for (int s2 = r + 1; s2 < k; s2++)
				for (int t = s2 + 1; t < k; t++)
					for (int u = t + 1; u < k; u++)
						t4 += nt[r] * nt[s2] * nt[t] * nt[u];
		jvar -= 8 * ((S1 - S2) / (N * n1 * n2 * n3) + 2 * S02 * (2 * N - 3) / ((N * n1) * (N * n1 * n2 * n3))) * t4;
	}
	joins[row] = jtot;
	expected[row] = etot;
	variance[row] = 0.25 * jvar;
	row++;
	pfree(res);
	pfree(nt);
	return row;
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
