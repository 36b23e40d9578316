/*
 * compat10.c — fmgr entry points that only the 1.0 SQL definitions name.  They serve a database
 * whose library is already 1.1 while ALTER EXTENSION zjgov UPDATE has not run yet, and keep the
 * 1.0 behaviour there.  Each is marked ZJ_COMPAT10(symbol).
 *
 * credit_grade_in / credit_grade_recv: 1.0 compared credit grades byte by byte, so M (byte 10) must
 * not enter a 1.0 database: a 1.0 btree index would sort it above AAA and be wrong after the update.
 */
#include "postgres.h"

#include "fmgr.h"

#include "grade.h"
#include "ordinal.h"

#define ZJ_COMPAT10(name) PG_FUNCTION_INFO_V1(name); Datum name(PG_FUNCTION_ARGS)

ZJ_COMPAT10(credit_grade_in)
{
	PG_RETURN_ORDINAL(zj_credit_grade_parse(PG_GETARG_CSTRING(0), false));
}

ZJ_COMPAT10(credit_grade_recv)
{
	PG_RETURN_ORDINAL(zj_credit_grade_recv((StringInfo) PG_GETARG_POINTER(0), false));
}
