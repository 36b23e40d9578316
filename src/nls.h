/*
 * nls.h — zjgov's message catalogue.  The Makefile includes this file ahead of every source file
 * (-include), so every ereport of the library translates its errmsg/errdetail/errhint through the
 * text domain "zjgov-<major>" (po/<lang>.po; _PG_init binds it) instead of PostgreSQL's own.
 * postgres.h comes first because elog.h defines TEXTDOMAIN; its include guard keeps the source
 * file's own #include "postgres.h" from undoing the definition below.
 */
#ifndef ZJGOV_NLS_H
#define ZJGOV_NLS_H

#include "postgres.h"

#undef TEXTDOMAIN
#define TEXTDOMAIN PG_TEXTDOMAIN("zjgov")

#endif
