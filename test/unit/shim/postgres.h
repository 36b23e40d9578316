/*
 * A stand-in for PostgreSQL's postgres.h, just enough to compile the pure C cores of zjgov
 * (src/geodesy.c, jenks.c, graph.c, spstat.c) unchanged outside the server for the sanitizer unit
 * tests (test/suites/unit_asan.sh).  test/unit/shim/shim.c implements it:
 *  - palloc and friends allocate from malloc (AddressSanitizer sees every block) and keep the block
 *    on a list, the stand-in for a memory context: shim_reset() frees every block, as resetting a
 *    context does after an ERROR;
 *  - ereport/elog record the SQLSTATE and message; at ERROR they longjmp to the test's SHIM_TRY
 *    when one is armed, and abort otherwise.
 */
#ifndef ZJ_SHIM_POSTGRES_H
#define ZJ_SHIM_POSTGRES_H

#include <ctype.h>
#include <math.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdbool.h>

#define Min(x, y)		((x) < (y) ? (x) : (y))
#define Max(x, y)		((x) > (y) ? (x) : (y))
#define lengthof(array)	(sizeof(array) / sizeof((array)[0]))

typedef int32_t int32;
typedef int64_t int64;
typedef uint8_t uint8;
typedef uint32_t uint32;
typedef uint64_t uint64;
typedef size_t Size;
#define UINT64CONST(x)	(x##ULL)

/* ---- memory ---- */
typedef void *MemoryContext;
#define CurrentMemoryContext	((MemoryContext) NULL)
#define MCXT_ALLOC_HUGE			0x01
#define MCXT_ALLOC_NO_OOM		0x02
#define MCXT_ALLOC_ZERO			0x04
#define MaxAllocSize			((Size) 0x3fffffff)

extern void *palloc(Size sz);
extern void *palloc0(Size sz);
extern void *repalloc(void *p, Size sz);
extern void pfree(void *p);
extern char *pstrdup(const char *s);
extern void *MemoryContextAllocExtended(MemoryContext cxt, Size sz, int flags);
#define palloc_extended(sz, flags)	MemoryContextAllocExtended(CurrentMemoryContext, (sz), (flags))
extern void shim_reset(void);	/* free every block: the end of a "query" */
extern long shim_live(void);	/* blocks allocated and not freed */

/* ---- errors ---- */
#define TEXTDOMAIN				NULL
#define dgettext(domain, msg)	(msg)
#define NOTICE			18
#define ERROR			21
#define ERRCODE_INVALID_PARAMETER_VALUE		"22023"
#define ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE	"22003"
#define ERRCODE_NULL_VALUE_NOT_ALLOWED		"22004"
#define ERRCODE_PROGRAM_LIMIT_EXCEEDED		"54000"
#define ERRCODE_OUT_OF_MEMORY				"53200"
#define ERRCODE_INTERNAL_ERROR				"XX000"

extern int	errcode(const char *sqlstate);
extern int	errmsg(const char *fmt,...) __attribute__((format(printf, 1, 2)));
extern int	errdetail(const char *fmt,...) __attribute__((format(printf, 1, 2)));
extern int	errhint(const char *fmt,...) __attribute__((format(printf, 1, 2)));
extern void shim_report(int elevel);

#define ereport(elevel, ...)	((void) (errcode(NULL), (__VA_ARGS__), shim_report(elevel), \
								 (elevel) >= ERROR ? __builtin_unreachable() : (void) 0))
#define pg_attribute_noreturn()	__attribute__((noreturn))
#define elog(elevel, ...)		((void) (errcode(ERRCODE_INTERNAL_ERROR), errmsg(__VA_ARGS__), shim_report(elevel)))

/* what the last ereport said, and the test's catch point */
extern char shim_sqlstate[6];
extern char shim_message[512];
extern jmp_buf *shim_catch;

/*
 * SHIM_TRY(stmt) runs stmt and evaluates to true when it raised an ERROR (caught, not aborted);
 * the blocks stmt allocated are left for shim_reset().
 */
#define SHIM_TRY(stmt) \
	({ jmp_buf shim_jb_; jmp_buf *shim_prev_ = shim_catch; bool shim_err_ = false; \
	   shim_sqlstate[0] = '\0'; \
	   if (setjmp(shim_jb_) == 0) { shim_catch = &shim_jb_; stmt; } else shim_err_ = true; \
	   shim_catch = shim_prev_; shim_err_; })

/* ---- port ---- */
#define pg_tolower(c)			tolower(c)
#define pg_strcasecmp(a, b)		strcasecmp((a), (b))

#endif
