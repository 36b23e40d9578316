/*
 * weights.h — the spatial weights graph of geometries, shared by every statistic in autocorr.c.
 *
 * A weights spec is parsed once (graph.h); the graph (graph.h's CSR ZjGraph) is built from the
 * usable rows of a window partition (or an aggregate's state) with a GEOS STRtree and prepared
 * geometries, never an all-pairs loop.
 */
#ifndef ZJGOV_WEIGHTS_H
#define ZJGOV_WEIGHTS_H

#include "fmgr.h"
#include "geos_bridge.h"
#include "graph.h"
#include "settings.h"


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
	MemoryContextCallback cb;
} ZjRows;

/*
 * An empty row set with room for cap rows (ERROR 54000 past zjgov.max_partition_rows) in CurrentMemoryContext,
 * whose GEOS objects die with that context.
 */
extern ZjRows *zj_rows_new(int64 cap);

/*
 * Add one row from EWKB bytes: empty geometries are skipped (returns false); an SRID that differs
 * from the earlier rows' is an ERROR naming argname.
 */
extern bool zj_rows_add_ewkb(ZjRows *r, const char *ewkb, size_t len, double x, int64 pos,
							 const char *argname);

/*
 * In a window function: every row of the current partition whose geometry (argument geomarg) is
 * not NULL or empty and, when valuearg >= 0, whose float8 value (argument valuearg) is not NULL.
 * A non-finite value is an ERROR naming valuename.  The rows come in a canonical order (by value,
 * then key[partition position] when key is not NULL, then the hash of geometry and value), not in
 * partition order, so results do not depend on the order rows arrive in; pos maps them back.
 */
extern ZjRows *zj_rows_from_window(FunctionCallInfo fcinfo, int valuearg, const char *valuename,
								   int geomarg, const int64 *key);

/* Build the neighbour graph of rows by spec (in CurrentMemoryContext). */
extern ZjGraph *zj_weights_build(const ZjRows *rows, const ZjWeightsSpec *spec);

#endif
