/*
 * export.h — what the library exports: its fmgr entry points and nothing else.
 *
 * The library is built with -fvisibility=hidden (Makefile), so a C name is visible to the server
 * (and to other loaded libraries) only when declared PGDLLEXPORT.  PostgreSQL 16 does this itself:
 * PGDLLEXPORT is visibility("default") and PG_FUNCTION_INFO_V1 declares the function with it.
 * PostgreSQL 15's PGDLLEXPORT is empty outside Windows, so for 15 both are redefined here as 16
 * defines them.  Every file that defines SQL-callable functions includes this header (after the
 * server's headers); a file that forgets it fails loudly: CREATE FUNCTION cannot find the symbol.
 *
 * Names: the C symbol of an SQL function is zjgov_ + its SQL name (an SQL support function
 * _zjgov_foo has the symbol zjgov_foo); non-static helpers shared between files start with zj_
 * and stay hidden.  The 1.0 symbols are kept only in compat10.c.
 */
#ifndef ZJGOV_EXPORT_H
#define ZJGOV_EXPORT_H

#include "fmgr.h"

#if PG_VERSION_NUM < 150000
#error "zjgov needs PostgreSQL 15 or later (InitMaterializedSRF, MarkGUCPrefixReserved)"
#endif

#if PG_VERSION_NUM < 160000 && defined(__GNUC__) && !defined(WIN32)
#undef PGDLLEXPORT
#define PGDLLEXPORT __attribute__((visibility("default")))

#undef PG_FUNCTION_INFO_V1
#define PG_FUNCTION_INFO_V1(funcname) \
extern PGDLLEXPORT Datum funcname(PG_FUNCTION_ARGS); \
extern PGDLLEXPORT const Pg_finfo_record * CppConcat(pg_finfo_,funcname)(void); \
const Pg_finfo_record * \
CppConcat(pg_finfo_,funcname) (void) \
{ \
	static const Pg_finfo_record my_finfo = { 1 }; \
	return &my_finfo; \
} \
extern int no_such_variable
#endif

#endif
