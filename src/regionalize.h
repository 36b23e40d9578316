/*
 * regionalize.h — the pure C core of regions.c (src/regionalize.c): connected parts of a neighbour
 * graph and SKATER (minimum spanning tree and greedy cuts) over a graph.h
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

#endif
