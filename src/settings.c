/*
 * settings.c — the library's settings (settings.h) and the checks against them.
 */
#include "postgres.h"

#include <limits.h>

#include "utils/guc.h"
#include "utils/memutils.h"

#include "settings.h"

int			zj_cache_mem_kb = 512 * 1024;
int			zj_max_work_mem_kb = Min(4 * 1024 * 1024, MAX_KILOBYTES);
int			zj_max_partition_rows = ZJ_MAX_ROWS;

void
zj_define_settings(void)
{
	DefineCustomIntVariable("zjgov.cache_mem",
							"Most memory one call site of a zjgov function keeps in its argument cache.",
							"Coastlines, hazard layers and point sets that are the same on every row are "
							"prepared once and cached; past this size the least recently used are dropped.",
							&zj_cache_mem_kb, 512 * 1024, 64, MAX_KILOBYTES,
							PGC_USERSET, GUC_UNIT_KB, NULL, NULL, NULL);
	DefineCustomIntVariable("zjgov.max_work_mem",
							"Largest working area one call of a zjgov function may allocate.",
							"Bounds jenks_breaks' table of class starts, which grows with the number of "
							"classes times the number of distinct values.",
							&zj_max_work_mem_kb, Min(4 * 1024 * 1024, MAX_KILOBYTES), 64, MAX_KILOBYTES,
							PGC_USERSET, GUC_UNIT_KB, NULL, NULL, NULL);
	DefineCustomIntVariable("zjgov.max_partition_rows",
							"Most rows one window partition or aggregate group of the spatial statistics may have.",
							NULL,
							&zj_max_partition_rows, ZJ_MAX_ROWS, 1, ZJ_MAX_ROWS,
							PGC_USERSET, 0, NULL, NULL, NULL);
#if PG_VERSION_NUM >= 150000
	MarkGUCPrefixReserved("zjgov");
#else
	EmitWarningsOnPlaceholders("zjgov");
#endif
}

Size
zj_cache_mem_bytes(void)
{
	return (Size) zj_cache_mem_kb * 1024;
}

void
zj_check_work_mem(double bytes, const char *what)
{
	if (bytes > (double) zj_max_work_mem_kb * 1024.0)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s needs %.0f kB of working memory, more than zjgov.max_work_mem (%d kB)",
						what, bytes / 1024.0, zj_max_work_mem_kb),
				 errhint("Raise zjgov.max_work_mem, or aggregate fewer rows (a sample, or smaller groups).")));
}

void *
zj_work_alloc(Size sz, const char *what)
{
	void	   *p;

	zj_check_work_mem((double) sz, what);
	p = MemoryContextAllocExtended(CurrentMemoryContext, Max(sz, 1),
								   MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
	if (p == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory"),
				 errdetail("%s needs %zu MB of working memory.", what, sz >> 20),
				 errhint("Aggregate a sample, or group the rows into smaller sets.")));
	return p;
}

void
zj_check_partition_size(int64 nrows)
{
	if (nrows > zj_max_partition_rows)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many rows in one partition: %lld, more than zjgov.max_partition_rows (%d)",
						(long long) nrows, zj_max_partition_rows),
				 zj_max_partition_rows < ZJ_MAX_ROWS ?
				 errhint("Raise zjgov.max_partition_rows, or partition the rows (PARTITION BY a region, GROUP BY a region).") :
				 errhint("Partition the rows (PARTITION BY a region, GROUP BY a region): %d rows is the most one partition can have.",
						 ZJ_MAX_ROWS)));
}
