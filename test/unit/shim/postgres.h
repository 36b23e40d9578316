/*
 * A stand-in for PostgreSQL's postgres.h, just enough to compile the pure C cores of zjgov
 * (src/geodesy.c, src/jenks.c) outside the server for the sanitizer unit tests
 * (test/suites/unit_asan.sh).  Memory comes from malloc, so AddressSanitizer sees every block;
 * ereport aborts (the unit tests never expect an error).
 */
#ifndef ZJ_SHIM_POSTGRES_H
#define ZJ_SHIM_POSTGRES_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>

#define Min(x, y)		((x) < (y) ? (x) : (y))
#define Max(x, y)		((x) > (y) ? (x) : (y))

typedef int32_t int32;
typedef int64_t int64;
typedef uint32_t uint32;
typedef size_t Size;

#define ERROR			21
#define ereport(elevel, ...)	abort()

typedef void *MemoryContext;
#define CurrentMemoryContext	((MemoryContext) NULL)
#define MCXT_ALLOC_HUGE			0x01
#define MCXT_ALLOC_NO_OOM		0x02
#define MemoryContextAllocExtended(cxt, sz, flags)	malloc(sz)
#define palloc(sz)		malloc(sz)
#define palloc0(sz)		calloc(1, (sz))
#define pfree(p)		free(p)

#endif
