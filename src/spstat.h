/*
 * spstat.h — the statistics kernels of autocorr.c over plain arrays and a graph.h CSR graph
 * (src/spstat.c), free of fmgr and GEOS so that test/unit/spstat_test.c can run them under
 * AddressSanitizer.  Formulas: docs/spatial.md (R spdep).
 */
#ifndef ZJGOV_SPSTAT_H
#define ZJGOV_SPSTAT_H

#include "graph.h"
#include "mix.h"

/* One row's result; NaN fields mean NULL, isnull the whole row. */
typedef struct ZjStatRes
{
	bool		isnull;
	uint8		code;			/* quadrant or hotspot class */
	double		v[3];
} ZjStatRes;

#define ZJ_MAX_PERMUTATIONS 1000000

/* quadrant names by ZjStatRes.code of zj_local_moran, hotspot classes of zj_getis_ord */
extern const char *const zj_quadrant_names[4];
extern const char *const zj_hotspot_names[7];

/*
 * Scale values near the limits of double precision by a power of two (exact) into [1, 2);
 * returns the exponent removed (0 for ordinary data).
 */
extern int	zj_rescale(double *x, int n);

/*
 * Local Moran's I of n >= 3 rows with row-standardised weights: v = {Ii, z from nperm conditional
 * permutations, folded pseudo p}, code = quadrant.  Each row draws its permutations from a
 * canonical order (by x, then hash) with a generator seeded by (seed, hash[i]), so the results do
 * not depend on the order of the rows.  Rows without neighbours stay NULL.
 */
extern void zj_local_moran(int n, const double *x, const uint64 *hash, const ZjGraph *g,
						   int nperm, int seed, ZjStatRes *out);

/* cluster names by ZjStatRes.code of zj_local_geary: HH, LL, other positive, negative (spdep) */
extern const char *const zj_geary_cluster_names[4];

/*
 * Local Geary (spdep::localC / localC_perm) of n >= 3 rows, row-standardised: z = (x − mean)/sample
 * sd, C_i = Σ_j w_ij (z_i − z_j)²; v = {C_i, permutation z, folded pseudo p}, code = cluster.
 * Permutations as zj_local_moran's (conditional, seeded per row, canonical order).
 */
extern void zj_local_geary(int n, const double *x, const uint64 *hash, const ZjGraph *g,
						   int nperm, int seed, ZjStatRes *out);

/*
 * Bivariate local Moran (spdep::localmoran_bv): x and y scaled by mean and sample sd,
 * I_i = z_x,i Σ_j w_ij z_y,j (row-standardised); v = {I_i, z, folded p}, code = quadrant of
 * (z_x,i, lag of z_y).  Permutations draw the other rows' y.
 */
extern void zj_local_moran_bv(int n, const double *x, const double *y, const uint64 *hash,
							  const ZjGraph *g, int nperm, int seed, ZjStatRes *out);

/*
 * Local join count (spdep::local_joincount_uni) of 0/1 values x, binary weights:
 * v = {BB_i = x_i Σ_j w_ij x_j, p}; p (spdep's two-sided rank p) only for rows with x_i = 1 and a
 * neighbour with x = 1, NaN otherwise.
 */
extern void zj_local_join_count(int n, const double *x, const uint64 *hash, const ZjGraph *g,
								int nperm, int seed, ZjStatRes *out);

/*
 * Local empirical Bayes rates (spdep::EBlocal): over the row and its neighbours (binary sums),
 * m_i = Σe/Σn, C_i = Σ_j n_j (r_j − m_j)² (each term with its own m_j, as spdep), a_i = max(0, C_i/Σn − m_i/n̄_i), r̂_i = m_i + (r_i − m_i)
 * a_i/(a_i + m_i/n_i).
 */
extern void zj_eb_rate_local(int n, const double *e, const double *p, const ZjGraph *g, double *out);

/* Getis-Ord Gi (star = false) or Gi* of n >= 3 rows, binary weights: v = {z, p}, code = class. */
extern void zj_getis_ord(int n, const double *x, const ZjGraph *g, bool star, ZjStatRes *out);

/*
 * Getis-Ord as zj_getis_ord (analytical z and class) with p replaced by the folded pseudo p of nperm
 * conditional permutations (spdep::localG_perm's "Pr(folded) Sim"); NaN when nperm is 0.
 */
extern void zj_getis_ord_perm(int n, const double *x, const uint64 *hash, const ZjGraph *g, bool star,
							  int nperm, int seed, ZjStatRes *out);

/* Mean of the neighbours' x, times 2^scale (undoing zj_rescale). */
extern void zj_spatial_lag(int n, const double *x, const ZjGraph *g, int scale, ZjStatRes *out);

/*
 * Global Moran's I of n >= 3 rows (row-standardised, islands kept in n; x is rescaled in place):
 * res = {I, E[I], Var[I] under randomisation, z, upper-tail p}; nulls[i] when undefined.
 */
extern void zj_moran(int n, double *x, const ZjGraph *g, double res[5], bool nulls[5]);

/*
 * Global Geary's C of n >= 3 rows (spdep::geary.test under randomisation, row-standardised,
 * islands kept in n; x is rescaled in place): res = {C, 1, Var[C], z = (1 − C)/sd, upper-tail p}.
 */
extern void zj_geary(int n, double *x, const ZjGraph *g, double res[5], bool nulls[5]);

/*
 * Join counts of n rows in k categories cat[i] = 0 .. k − 1 (each present), binary weights, under
 * non-free sampling (Cliff & Ord; spdep::joincount.multi): k same-category rows (a:a), then the
 * k(k − 1)/2 pairs (b, a) for b = 1 .. k − 1, a = 0 .. b − 1, then all different-category joins;
 * fills joins, expected and variance and returns the number of rows.
 */
extern int	zj_join_counts(int n, const int *cat, int k, const ZjGraph *g, double *joins,
						   double *expected, double *variance);

/* Empirical Bayes rates (Marshall's global method-of-moments) of n areas. */
extern void zj_eb_rate(int n, const double *events, const double *population, double *out);

typedef enum ZjPAdjust
{
	ZJ_P_FDR,
	ZJ_P_BONFERRONI,
	ZJ_P_HOLM
} ZjPAdjust;

/* 'fdr' or 'bh', 'bonferroni', 'holm' (any case); ERROR 22023 otherwise */
extern ZjPAdjust zj_p_adjust_method(const char *name);

/* Adjusted p-values of n p-values in [0, 1] (as R's p.adjust). */
extern void zj_p_adjust(int n, const double *p, ZjPAdjust method, double *out);

#endif
