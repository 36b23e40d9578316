/*
 * arrayutil.c — checked access to float8[] arguments and the threshold convention
 * (ascending, strictly increasing, lower-inclusive), shared by every room.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"

#include "arrayutil.h"

void
zj_check_finite(double x, const char *argname)
{
	if (isnan(x) || isinf(x))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite number", argname),
				 errdetail("Got %s.", isnan(x) ? "NaN" : (x > 0 ? "Infinity" : "-Infinity"))));
}

double *
zj_float8_array(ArrayType *a, const char *argname, int *n, bool **nulls, bool allow_nonfinite)
{
	Datum	   *elems;
	bool	   *isnull;
	double	   *out;
	int			count;

	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s must be a one-dimensional array", argname),
				 errdetail("It has %d dimensions.", ARR_NDIM(a))));
	if (ARR_ELEMTYPE(a) != FLOAT8OID)
		elog(ERROR, "%s: expected float8[]", argname);

	deconstruct_array(a, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, &isnull, &count);
	out = palloc(sizeof(double) * Max(count, 1));
	for (int i = 0; i < count; i++)
	{
		if (isnull[i])
		{
			if (nulls == NULL)
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("%s must not contain NULL elements", argname),
						 errdetail("Element %d is NULL.", i + 1)));
			out[i] = 0.0;
			continue;
		}
		out[i] = DatumGetFloat8(elems[i]);
		if (!allow_nonfinite && (isnan(out[i]) || isinf(out[i])))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must contain only finite numbers", argname),
					 errdetail("Element %d is %s.", i + 1,
							   isnan(out[i]) ? "NaN" : (out[i] > 0 ? "Infinity" : "-Infinity"))));
	}
	if (nulls)
		*nulls = isnull;
	else
		pfree(isnull);
	pfree(elems);
	*n = count;
	return out;
}

ArrayType *
zj_float8_result(const double *v, int n)
{
	Datum	   *d = palloc(sizeof(Datum) * Max(n, 1));

	for (int i = 0; i < n; i++)
		d[i] = Float8GetDatum(v[i]);
	return construct_array(d, n, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
}

double *
zj_thresholds(ArrayType *a, const char *argname, int *n)
{
	double	   *t = zj_float8_array(a, argname, n, NULL, false);

	for (int i = 1; i < *n; i++)
		if (!(t[i] > t[i - 1]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must be strictly increasing", argname),
					 errdetail("Element %d (%g) is not greater than element %d (%g).",
							   i + 1, t[i], i, t[i - 1])));
	return t;
}

int
zj_class_of(double x, const double *t, int n)
{
	int			lo = 0,
				hi = n;

	/* count thresholds <= x by binary search */
	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (t[mid] <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo + 1;
}

Datum
zj_win_setting(FunctionCallInfo fcinfo, int argno, const char *argname, bool *isnull)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	bool		null;
	Datum		d = WinGetFuncArgCurrent(winobj, argno, &null);

	if (null && isnull == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be NULL", argname)));
	if (isnull)
		*isnull = null;
	if (!get_fn_expr_arg_stable(fcinfo->flinfo, argno))
	{
		int64		total = WinGetPartitionRowCount(winobj);
		int16		typlen;
		bool		typbyval;

		get_typlenbyval(zj_arg_type(fcinfo, argno), &typlen, &typbyval);
		for (int64 p = 0; p < total; p++)
		{
			bool		enull,
						isout;
			Datum		e = WinGetFuncArgInPartition(winobj, argno, (int) p, WINDOW_SEEK_HEAD, false,
													 &enull, &isout);

			if ((p & 0xFFF) == 0xFFF)
				CHECK_FOR_INTERRUPTS();
			if (enull != null || (!null && !datum_image_eq(d, e, typbyval, typlen)))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s must be the same on every row of a partition", argname),
						 errdetail("Row %lld of the partition has another %s than row %lld.",
								   (long long) p + 1, argname, (long long) WinGetCurrentPosition(winobj) + 1),
						 errhint("It applies to the whole partition: use one value, or PARTITION BY it.")));
		}
	}
	return d;
}

Datum
zj_win_arg(FunctionCallInfo fcinfo, int argno, const char *argname)
{
	return zj_win_setting(fcinfo, argno, argname, NULL);
}

text *
zj_win_text_arg(FunctionCallInfo fcinfo, int argno, const char *argname)
{
	return DatumGetTextPP(zj_win_arg(fcinfo, argno, argname));
}

/*
 * The call's expression tree (fn_expr) names the actual argument types, but callers that build
 * their own call (Citus's worker_partial_agg, which runs a transition function on a shard, and any
 * fmgr_info + FunctionCallInvoke caller) leave it NULL.  Then the declared type of the function's
 * argument is the answer: every geometry argument of zjgov is declared with a concrete type.
 */
Oid
zj_arg_type(FunctionCallInfo fcinfo, int argno)
{
	Oid			typoid = get_fn_expr_argtype(fcinfo->flinfo, argno);

	if (!OidIsValid(typoid) && OidIsValid(fcinfo->flinfo->fn_oid))
	{
		Oid		   *argtypes;
		int			nargs;

		get_func_signature(fcinfo->flinfo->fn_oid, &argtypes, &nargs);
		if (argno < nargs && !IsPolymorphicType(argtypes[argno]))
			typoid = argtypes[argno];
		pfree(argtypes);
	}
	if (!OidIsValid(typoid))
		elog(ERROR, "could not determine the type of argument %d", argno + 1);
	return typoid;
}

void
zj_out_of_range(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("value out of range: %s", what),
			 errhint("Rescale the values (e.g. to other units) before scoring.")));
}
