/*
 * settings.h — the library's memory and size limits: server settings (zjgov.*, defined in _PG_init,
 * documented in the SQL reference), the checks that raise 54000 naming the setting to raise, and
 * the allocation of large working areas.  Plain declarations, so the pure C cores (jenks.c) can
 * include it in the sanitizer unit tests (test/unit/shim provides stand-ins).
 *
 *   zjgov.cache_mem           kB   most memory one call site's argument cache keeps (callcache.c);
 *                                  past it the least recently used entries are dropped (the entry
 *                                  in use is always kept): never an error
 *   zjgov.max_work_mem        kB   largest working area one call may allocate (jenks_breaks' table
 *                                  of class starts and its copies of the values)
 *   zjgov.max_partition_rows  rows most rows one window partition or aggregate group of the spatial
 *                                  statistics may have (at most 30 000 000: every per-row array
 *                                  stays under PostgreSQL's 1 GB allocation limit)
 */
#ifndef ZJGOV_SETTINGS_H
#define ZJGOV_SETTINGS_H

/* The hard ceiling of zjgov.max_partition_rows. */
#define ZJ_MAX_ROWS 30000000

extern int	zj_cache_mem_kb;
extern int	zj_max_work_mem_kb;
extern int	zj_max_partition_rows;

/* Define the settings (from _PG_init). */
extern void zj_define_settings(void);

/* zjgov.cache_mem in bytes. */
extern Size zj_cache_mem_bytes(void);

/* ERROR 54000 unless a working area of `bytes` fits in zjgov.max_work_mem; what names the user. */
extern void zj_check_work_mem(double bytes, const char *what);

/*
 * A working area of sz bytes (may pass 1 GB) in CurrentMemoryContext: ERROR 54000 past
 * zjgov.max_work_mem, ERROR 53200 when the machine says no.
 */
extern void *zj_work_alloc(Size sz, const char *what);

/* ERROR 54000 when a partition (or group) of nrows rows is more than zjgov.max_partition_rows. */
extern void zj_check_partition_size(int64 nrows);

#endif
