/*
 * winpart.c — the per-partition cache of window functions' results (winpart.h).
 */
#include "postgres.h"

#include "utils/memutils.h"
#include "windowapi.h"

#include "settings.h"
#include "winpart.h"

#define WINPART_MAGIC 0x7A6A5750	/* "zjWP" */

typedef struct WinExtra
{
	uint32		magic;
	bool		noticed;
	ZjWinPart	part;
} WinExtra;

static WinExtra *
win_extra(FunctionCallInfo fcinfo)
{
	WinExtra   *we = (WinExtra *) fcinfo->flinfo->fn_extra;

	if (we == NULL)
	{
		we = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(WinExtra));
		we->magic = WINPART_MAGIC;
		we->part.cxt = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt, "zjgov window partition",
											 ALLOCSET_DEFAULT_SIZES);
		fcinfo->flinfo->fn_extra = we;
	}
	else if (we->magic != WINPART_MAGIC)
		elog(ERROR, "fn_extra of this window function holds something other than its partition cache");
	return we;
}

ZjWinPart *
zj_win_part(FunctionCallInfo fcinfo, Size rowsize)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	WinExtra   *we = win_extra(fcinfo);
	bool	   *started = (bool *) WinGetPartitionLocalMemory(winobj, sizeof(bool));

	if (!*started)
	{
		ZjWinPart  *p = &we->part;
		int64		n = WinGetPartitionRowCount(winobj);

		zj_check_work_mem((double) n * (rowsize + 1), "the window partition's results");
		MemoryContextReset(p->cxt);
		p->computed = false;
		p->partition_extra = NULL;
		p->nrows = n;
		p->isnull = MemoryContextAllocExtended(p->cxt, Max(n, 1), MCXT_ALLOC_HUGE);
		memset(p->isnull, true, n);
		p->rows = MemoryContextAllocExtended(p->cxt, Max(n * rowsize, 1), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
		*started = true;
	}
	return &we->part;
}

bool
zj_win_first_notice(FunctionCallInfo fcinfo)
{
	WinExtra   *we = win_extra(fcinfo);
	bool		first = !we->noticed;

	we->noticed = true;
	return first;
}
