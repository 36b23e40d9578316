/*
 * winpart.h — the one per-partition cache of window functions' results.
 *
 * A window function of zjgov computes its whole partition on the partition's first call and then
 * returns row after row from the cache:
 *
 *     ZjWinPart  *part = zj_win_part(fcinfo, sizeof(double));
 *
 *     if (!part->computed)
 *     {
 *         ... read the rows, compute, store row i's result in ((double *) part->rows)[i] and
 *         ... clear part->isnull[i]; variable-size results go in part->cxt
 *         part->computed = true;
 *     }
 *     cur = WinGetCurrentPosition(PG_WINDOW_OBJECT());
 *     if (part->isnull[cur]) PG_RETURN_NULL(); ...
 *
 * The results are allocated when the partition starts, sized up front for every row (one block,
 * checked against zjgov.max_work_mem), in a context of the call site that is reset when the next
 * partition starts and freed with the query: nothing is allocated in the executor's partition
 * memory but a flag (WinGetPartitionLocalMemory), so the cache does not depend on which context
 * holds that memory.  The call site's per-query data (a result TupleDesc, the notice flag) lives
 * beside it, in fn_extra: a window function using this cache keeps nothing else there.
 */
#ifndef ZJGOV_WINPART_H
#define ZJGOV_WINPART_H

#include "fmgr.h"
#include "windowapi.h"

typedef struct ZjWinPart
{
	bool		computed;		/* set by the caller once every row's result is stored */
	int64		nrows;			/* rows of the partition */
	bool	   *isnull;			/* nrows flags, true until the caller stores a result */
	void	   *rows;			/* nrows results of the row size, zeroed */
	MemoryContext cxt;			/* the partition's memory for variable-size results */
	void	   *partition_extra;	/* the caller's per-partition pointer (into cxt), NULL at first */
	void	   *query_extra;	/* the caller's per-query pointer, kept across partitions */
} ZjWinPart;

/* The current partition's results (a fresh, empty cache on the partition's first call). */
extern ZjWinPart *zj_win_part(FunctionCallInfo fcinfo, Size rowsize);

/*
 * True the first time a call site asks in a query: for notices about a partition (e.g. one too
 * small to analyse) that would otherwise repeat once per partition.
 */
extern bool zj_win_first_notice(FunctionCallInfo fcinfo);

#endif
