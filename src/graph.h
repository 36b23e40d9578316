/*
 * graph.h — the pure C core of the spatial weights (src/graph.c): the weights spec parser and the
 * CSR neighbour graph, free of fmgr and GEOS so that test/unit/graph_test.c can run it under
 * AddressSanitizer.  weights.c builds graphs from geometries with it; autocorr.c and spstat.c read
 * them.
 */
#ifndef ZJGOV_GRAPH_H
#define ZJGOV_GRAPH_H

typedef enum ZjWeightsKind
{
	ZJ_W_QUEEN,
	ZJ_W_ROOK,
	ZJ_W_KNN,
	ZJ_W_DISTANCE
} ZjWeightsKind;

/* How a knn or distance graph weighs its neighbours by centroid distance d (spdep::nb2listwdist). */
typedef enum ZjWeightsType
{
	ZJ_WT_BINARY,				/* 1 */
	ZJ_WT_IDW,					/* d^-alpha */
	ZJ_WT_EXP,					/* exp(-alpha d) */
	ZJ_WT_DPD					/* (1 - (d/D)^alpha)^alpha, D the distance band */
} ZjWeightsType;

typedef struct ZjWeightsSpec
{
	ZjWeightsKind kind;
	double		snap;			/* queen/rook: snap tolerance in CRS units (0 = exact) */
	int			k;				/* knn */
	double		dist;			/* distance: metres for geographic SRIDs, else CRS units */
	ZjWeightsType wtype;		/* knn and distance only */
	double		alpha;			/* the exponent or decay of wtype */
} ZjWeightsSpec;

/* The largest K of 'knn:K'. */
#define ZJ_MAX_KNN 10000

/*
 * Parse a weights spec ('queen', 'rook', 'queen:SNAP', 'rook:SNAP', 'knn:K', 'distance:D', and
 * after knn or distance a weighting 'idw[:ALPHA]', 'exp:ALPHA' or, for distance, 'dpd[:ALPHA]';
 * case-insensitive, surrounding blanks ignored); ERROR 22023 when invalid.
 */
extern void zj_weights_parse(const char *spec, ZjWeightsSpec *out);

/* The weight of a neighbour at centroid distance d > 0 under spec's weighting. */
extern double zj_weights_kernel(const ZjWeightsSpec *spec, double d);

/*
 * The graph is stored as CSR arrays: row i's neighbours are nb[off[i] .. off[i+1]-1], ascending,
 * never i itself.  A binary graph has w NULL, and consumers derive row-standardised (1/deg) or
 * binary weights; a weighted one (idw, exp, dpd) has w[m] > 0 for edge m (raw, not standardised:
 * consumers that standardise divide by the row's sum) and w0, the weight at distance 0.
 */
typedef struct ZjGraph
{
	int			n;
	int		   *off;			/* n + 1 offsets into nb */
	int		   *nb;				/* neighbour indices, ascending within a row */
	double	   *w;				/* NULL (binary) or a weight per edge */
	double		w0;				/* weighted: the weight at distance 0 (infinite for idw) */
} ZjGraph;

#define ZJ_DEGREE(g, i) ((g)->off[(i) + 1] - (g)->off[(i)])
/* the raw weight of edge m */
#define ZJ_WEIGHT(g, m) ((g)->w ? (g)->w[m] : 1.0)

/* ERROR 22023 naming fname when weighted: the statistic is defined for binary weights only. */
extern void zj_require_binary(bool weighted, const char *fname);

/* The sum of row i's raw weights (its degree for a binary graph). */
extern double zj_graph_rowsum(const ZjGraph *g, int i);

/* Directed neighbour pairs (a[m] has neighbour b[m]) as a builder finds them; start with {0}. */
typedef struct ZjEdges
{
	int64		n,
				cap;
	int		   *a,
			   *b;
} ZjEdges;

/* Append the pair (a, b); ERROR 54000 when the list would pass 1 GB. */
extern void zj_edges_add(ZjEdges *e, int a, int b);

/*
 * The CSR graph of n rows from distinct pairs with 0 <= a, b < n and a != b (in
 * CurrentMemoryContext; e is left as it is).
 */
extern ZjGraph *zj_graph_from_edges(int n, const ZjEdges *e);

/*
 * The graph of neighbours given as data: n rows with ids ascending and distinct (else ERROR
 * 22023), row i's neighbour ids nbids[nboff[i] .. nboff[i+1]-1].  A neighbour id that is not
 * among ids is ignored when it is in known (ascending, nknown of them: rows left out of the
 * analysis) and an ERROR 22023 otherwise; self-references and repeats are dropped.  With
 * symmetric, j lists i whenever i lists j.
 */
extern ZjGraph *zj_graph_from_ids(int n, const int64 *ids, const int64 *nboff, const int64 *nbids,
								  const int64 *known, int nknown, bool symmetric);

/* True when j is a neighbour of i (binary search). */
extern bool zj_graph_has(const ZjGraph *g, int i, int j);

/* The edge index m of j among i's neighbours, or -1 (binary search). */
extern int	zj_graph_find(const ZjGraph *g, int i, int j);

/* A number with a row index, and qsort comparators: by d then j; plain ints ascending. */
typedef struct ZjKeyedRow
{
	double		d;
	int			j;
} ZjKeyedRow;

extern int	zj_cmp_keyed_row(const void *a, const void *b);
extern int	zj_cmp_int(const void *a, const void *b);

#endif
