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

/* Getis-Ord Gi (star = false) or Gi* of n >= 3 rows, binary weights: v = {z, p}, code = class. */
extern void zj_getis_ord(int n, const double *x, const ZjGraph *g, bool star, ZjStatRes *out);

/* Mean of the neighbours' x, times 2^scale (undoing zj_rescale). */
extern void zj_spatial_lag(int n, const double *x, const ZjGraph *g, int scale, ZjStatRes *out);

/*
 * Global Moran's I of n >= 3 rows (row-standardised, islands kept in n; x is rescaled in place):
 * res = {I, E[I], Var[I] under randomisation, z, upper-tail p}; nulls[i] when undefined.
 */
extern void zj_moran(int n, double *x, const ZjGraph *g, double res[5], bool nulls[5]);

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
