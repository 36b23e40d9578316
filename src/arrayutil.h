/*
 * arrayutil.h — checked access to arguments (float8[] arrays, thresholds, window arguments),
 * shared by every room.
 */
#ifndef ZJGOV_ARRAYUTIL_H
#define ZJGOV_ARRAYUTIL_H

#include "utils/array.h"
#include "windowapi.h"

/*
 * Deconstruct a one-dimensional float8[] argument.  argname names it in messages.
 * With nulls == NULL, a NULL element is an error (22004); otherwise *nulls receives the flags.
 * Non-finite elements are an error (22023) unless allow_nonfinite.
 */
extern double *zj_float8_array(ArrayType *a, const char *argname, int *n, bool **nulls,
							   bool allow_nonfinite);

/* A float8[] result of n doubles (n may be 0: an empty array). */
extern ArrayType *zj_float8_result(const double *v, int n);

/* Ascending, strictly increasing finite thresholds; returns them and their count. */
extern double *zj_thresholds(ArrayType *a, const char *argname, int *n);

/* The type of argument argno of the calling function; ERROR when the call has none (no fn_expr). */
extern Oid	zj_arg_type(FunctionCallInfo fcinfo, int argno);

/* ERROR (22003) "value out of range: <what>", with a hint to rescale the values. */
extern void zj_out_of_range(const char *what) pg_attribute_noreturn();

/* ERROR (22023) naming argname unless x is finite. */
extern void zj_check_finite(double x, const char *argname);

/* 1-based class of x among n lower-inclusive thresholds: 1 + #{t <= x}. */
extern int	zj_class_of(double x, const double *t, int n);

/*
 * A setting of a window function: an argument that shapes the whole partition's computation (a
 * weights spec, k, a seed, a method).  Its value on the current row, which must be the same on
 * every row of the partition (ERROR 22023 otherwise: the row the executor starts a partition with
 * must not decide the result); an argument the planner knows to be constant is not re-read.
 * With isnull NULL a NULL is an ERROR (22004) naming argname, else *isnull reports it.
 */
extern Datum zj_win_setting(FunctionCallInfo fcinfo, int argno, const char *argname, bool *isnull);

/* A setting (above) that must not be NULL. */
extern Datum zj_win_arg(FunctionCallInfo fcinfo, int argno, const char *argname);

/* A text setting (above) that must not be NULL. */
extern text *zj_win_text_arg(FunctionCallInfo fcinfo, int argno, const char *argname);

#endif
