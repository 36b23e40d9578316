/*
 * callcache.h — per-query caches in fn_extra for arguments that are usually the same value on
 * every row (a coastline, a hazard layer, a point set).
 *
 * An entry is keyed by the bytes of the argument value, never by its address (the executor reuses
 * buffers): an on-disk TOAST pointer is compared as its own bytes (it names an immutable stored
 * value), anything else is compared in full after detoasting.  Each entry owns a memory context,
 * a child of the function's fn_mcxt, so it survives across the rows of one query and is freed
 * with it; GEOS objects are tied to it with zj_geos_autofree().  A cache holds at most
 * ZJ_CACHE_SLOTS entries and zjgov.cache_mem (settings.h) of keys plus declared payload; the least recently
 * used entries are evicted first (the entry in use is always kept).
 */
#ifndef ZJGOV_CALLCACHE_H
#define ZJGOV_CALLCACHE_H

#include "fmgr.h"

#define ZJ_CACHE_SLOTS		4

/*
 * Build the cached object from the (detoasted) argument value of type typoid, allocating it in
 * cxt; set *size to an estimate of the memory it holds (including GEOS memory).
 */
typedef void *(*ZjCacheBuild) (Datum value, Oid typoid, MemoryContext cxt, void *arg, Size *size);

/*
 * The object built from argument argno of the calling function.  kind tells apart several caches
 * of one function (use the argument number when in doubt).  On a miss build(…, arg, …) runs.
 */
extern void *zj_callcache_get(FunctionCallInfo fcinfo, int argno, int kind,
							  ZjCacheBuild build, void *arg);

/*
 * The same for a value that is not an argument (one kept in an aggregate state): argno only tells
 * apart the caches of one function; typoid is the value's type (InvalidOid: argument argno's).
 */
extern void *zj_callcache_get_value(FunctionCallInfo fcinfo, int argno, Datum value, Oid typoid,
									int kind, ZjCacheBuild build, void *arg);

#endif
