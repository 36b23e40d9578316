/*
 * catalog.h — the one cache for what zjgov reads from its own catalog tables (zjgov.grade_scale,
 * zjgov.indicator, and any table a room adds).
 *
 * Use:
 *
 *     static void *
 *     build_scales(SPITupleTable *tt, uint64 nrows, void *arg)
 *     {
 *         ... read tt->vals[0 .. nrows-1] (SPI_getbinval/SPI_getvalue) and build the object in
 *         ... CurrentMemoryContext (the entry's own context: do not switch away from it)
 *     }
 *
 *     Scales *s = zj_catalog_get(fcinfo, "SELECT ... FROM zjgov.grade_scale ORDER BY ...",
 *                                build_scales, NULL);
 *
 * zj_catalog_get runs the query read-only through SPI in the caller's snapshot (as a STABLE
 * function sees the data), lets build() turn the rows into the caller's object, and keeps that
 * object for the call site (in fn_extra, a child context of fn_mcxt) for the rest of the query.
 * Load the whole table (or every row a query can need) and look up in the object: one load per
 * call site and query, whatever the rows ask for.  Validate lazily (e.g. a flag per model) so one
 * broken user row does not break calls that never use it.  The object is valid until the next
 * zj_catalog_get of the same call site: take it afresh on every call, never keep it across calls
 * (keep indices into it instead, as aggregate states do).  Schema-qualify everything in the query
 * (zjgov.<table>, OPERATOR(pg_catalog.=)).  The function that calls this is STABLE.
 *
 * The invalidation rule (one for every table): an object is reused only while the call would see
 * exactly the rows it was built from, that is while
 *   - the active snapshot sees the same: the same xmin, xmax, transactions in progress and
 *     command id (so the same committed rows of other transactions, and the same rows of this
 *     one: the command id covers a change by an earlier command of a PL/pgSQL loop), and
 *   - no transaction has ended and no subtransaction has rolled back since (a rollback to a
 *     savepoint hides rows without changing the snapshot).
 * Why not relcache invalidation: INSERT, UPDATE and DELETE send none, and the rows are what
 * matters; why not the transaction id: a read-only transaction has none, and the local one moved
 * in PostgreSQL 17.  A failed load (an ERROR in the query or in build) keeps nothing and leaves
 * the previous object in place.
 *
 * A call site that keeps its own struct in fn_extra can hold a ZjCatalogSlot in it and call
 * zj_catalog_get_slot.
 */
#ifndef ZJGOV_CATALOG_H
#define ZJGOV_CATALOG_H

#include "fmgr.h"
#include "executor/spi.h"

/*
 * Build the cached object from the query's rows, in CurrentMemoryContext (the entry's context,
 * which lives as long as the entry).  arg is zj_catalog_get's arg.
 */
typedef void *(*ZjCatalogBuild) (SPITupleTable *tuptable, uint64 nrows, void *arg);

/* What a call site keeps (zero-initialised; in fn_mcxt or longer-lived memory). */
typedef struct ZjCatalogSlot
{
	const char *query;			/* the query the object was built from */
	void	   *object;
	MemoryContext cxt;			/* the object's context, NULL when empty */
	uint64		generation;
	/* the snapshot it was read in */
	bool		snapshot_valid;
	TransactionId xmin,
				xmax;
	CommandId	curcid;
	uint32		xcnt;
	int32		subxcnt;
	bool		suboverflowed;
	TransactionId *xip,
			   *subxip;
} ZjCatalogSlot;

/* The object for this call site (kept in fn_extra), loaded or reloaded as the rule above says. */
extern void *zj_catalog_get(FunctionCallInfo fcinfo, const char *query, ZjCatalogBuild build,
							void *arg);

/* The same with a slot the caller keeps; parent is the memory context the entry lives under. */
extern void *zj_catalog_get_slot(ZjCatalogSlot *slot, MemoryContext parent, const char *query,
								 ZjCatalogBuild build, void *arg);

#endif
