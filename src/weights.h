/*
 * weights.h — the spatial weights graph shared by every statistic in autocorr.c.
 *
 * A weights spec ('queen', 'rook', 'queen:SNAP', 'rook:SNAP', 'knn:K', 'distance:D') is parsed
 * once; the graph is built from the usable rows of a window partition (or an aggregate's state)
 * with a GEOS STRtree and prepared geometries, never an all-pairs loop.  The graph is binary and
 * stored as CSR arrays: row i's neighbours are nb[off[i] .. off[i+1]-1], ascending, never i itself.
 * Consumers derive row-standardised (1/deg) or binary weights themselves.
 */
#ifndef ZJGOV_WEIGHTS_H
#define ZJGOV_WEIGHTS_H

#include "fmgr.h"
#include "geos_bridge.h"

typedef enum ZjWeightsKind
{
	ZJ_W_QUEEN,
	ZJ_W_ROOK,
	ZJ_W_KNN,
	ZJ_W_DISTANCE
} ZjWeightsKind;

typedef struct ZjWeightsSpec
{
	ZjWeightsKind kind;
	double		snap;			/* queen/rook: snap tolerance in CRS units (0 = exact) */
	int			k;				/* knn */
	double		dist;			/* distance: metres for geographic SRIDs, else CRS units */
} ZjWeightsSpec;

/* The most rows one partition (or one aggregate group) may have: every per-row array stays
 * under PostgreSQL's 1 GB allocation limit. */
#define ZJ_MAX_ROWS 30000000

/* ERROR (54000) when a partition of nrows rows is too large to analyse. */
extern void zj_check_partition_size(int64 nrows);

/* Parse a weights spec (case-insensitive, surrounding blanks ignored); ERROR 22023 when invalid. */
extern void zj_weights_parse(const char *spec, ZjWeightsSpec *out);

/* The usable rows of an analysis: a geometry, a value and a hash each. */
typedef struct ZjRows
{
	int			n;				/* rows in use */
	int			cap;
	int			srid;
	GEOSGeometry **geom;		/* owned: destroyed when the memory context is reset */
	double	   *x;				/* the row's value (0 when there is none) */
	uint64	   *hash;			/* hash of (geometry EWKB, value): seeds the row's permutations */
	int64	   *pos;			/* partition row position (windows) or input order */
	void	   *reader;			/* a GEOSWKBReader, owned */
	MemoryContextCallback cb;
} ZjRows;

/* An empty row set in CurrentMemoryContext whose GEOS objects die with that context. */
extern ZjRows *zj_rows_new(int cap);

/*
 * Add one row from EWKB bytes: empty geometries are skipped (returns false); an SRID that differs
 * from the earlier rows' is an ERROR naming argname.
 */
extern bool zj_rows_add_ewkb(ZjRows *r, const char *ewkb, size_t len, double x, int64 pos,
							 const char *argname);

/*
 * In a window function: every row of the current partition whose geometry (argument geomarg) is
 * not NULL or empty and, when valuearg >= 0, whose float8 value (argument valuearg) is not NULL.
 * A non-finite value is an ERROR naming valuename.
 */
extern ZjRows *zj_rows_from_window(FunctionCallInfo fcinfo, int valuearg, const char *valuename,
								   int geomarg);

typedef struct ZjGraph
{
	int			n;
	int		   *off;			/* n + 1 offsets into nb */
	int		   *nb;				/* neighbour indices, ascending within a row */
} ZjGraph;

#define ZJ_DEGREE(g, i) ((g)->off[(i) + 1] - (g)->off[(i)])

/* Build the neighbour graph of rows by spec (in CurrentMemoryContext). */
extern ZjGraph *zj_weights_build(const ZjRows *rows, const ZjWeightsSpec *spec);

/* True when j is a neighbour of i (binary search). */
extern bool zj_graph_has(const ZjGraph *g, int i, int j);

/* A number with a row index, and qsort comparators: by d then j; plain ints ascending. */
typedef struct ZjKeyedRow
{
	double		d;
	int			j;
} ZjKeyedRow;

extern int	zj_cmp_keyed_row(const void *a, const void *b);
extern int	zj_cmp_int(const void *a, const void *b);

#endif
