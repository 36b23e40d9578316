/*
 * regionalize.h — the pure C core of regions.c (src/regionalize.c): connected parts of a neighbour
 * graph, SKATER (minimum spanning tree and greedy cuts) and max-p over a graph.h
 * CSR graph, free of fmgr and GEOS so that test/unit/regionalize_test.c runs it under
 * AddressSanitizer.
 *
 * Rows come in a canonical order chosen by the caller; every tie is broken by that order, so the
 * results depend only on the data.  Attributes are n rows of d values, row-major (x[i * d + j]).
 * Graphs are read as undirected: i and j are linked when either lists the other.
 */
#ifndef ZJGOV_REGIONALIZE_H
#define ZJGOV_REGIONALIZE_H

#include "graph.h"

typedef enum ZjRegionCrit
{
	ZJ_RC_SSD,					/* sum of squared Euclidean deviations from the region mean */
	ZJ_RC_SPDEP					/* sum of Euclidean distances to the region mean (spdep::skater) */
} ZjRegionCrit;

/* 'ssd' or 'spdep' (any case); ERROR 22023 otherwise */
extern ZjRegionCrit zj_region_criterion(const char *name);

/*
 * Connected parts of g read as undirected: comp[i] = 0, 1, ... numbered by each part's lowest row.
 * Returns the number of parts.
 */
extern int	zj_components(const ZjGraph *g, int *comp);

/*
 * SKATER (Assunção et al. 2006, as R spdep::skater): the minimum spanning forest of g with edge
 * cost the Euclidean distance of the attribute vectors (ties by lower rows), then successive cuts,
 * each the tree edge whose removal decreases the criterion most among the cuts that leave both parts
 * with Σ fw >= floor (fw NULL: every row counts 1); ties by the lighter edge.  Starts from one
 * region per connected part (the caller checks k against their number and each part's floor).
 * region[i] = 0 .. made − 1, numbered by each region's lowest row.  Returns made: k, or fewer when
 * no feasible cut remains.
 */
extern int	zj_skater(int n, int d, const double *x, const ZjGraph *g, int k,
					  const double *fw, double floor, ZjRegionCrit crit, int *region);

/*
 * max-p regionalisation (Duque, Anselin & Rey 2012; construction and local search after PySAL
 * spopt's MaxPHeuristic): as many contiguous regions as possible, each with Σ fw >= floor (fw >= 0),
 * and for that p a low heterogeneity (Σ over regions of the pairwise attribute distances).
 * iterations constructions, each growing regions from a random order drawn from (seed, iteration);
 * the one with the largest p (then the least heterogeneity) is improved by moving border rows
 * between regions while every region stays connected and at the floor.  region[i] = 0 .. p − 1
 * (numbered by lowest row), or −1 for rows whose connected part cannot reach the floor.  Returns p.
 */
extern int	zj_maxp(int n, int d, const double *x, const ZjGraph *g, const double *fw, double floor,
					int iterations, int seed, int *region);

/* Heterogeneity of a partition: Σ over regions of the Euclidean distances of every pair in it. */
extern double zj_region_heterogeneity(int n, int d, const double *x, const int *region);

#endif
