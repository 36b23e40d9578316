/*
 * trend.c — the SQL side of the trend test: the aggregate mann_kendall(value, t) for float8 and
 * timestamptz times, returning zjgov.trend (n, s, var_s, z, p, tau, slope, intercept).
 *
 * State: zjgov.aggstate of kind 'k', width 2, one record (t, value) per row (t in days since the
 * Unix epoch for timestamptz), so parallel query and Citus can split the aggregate; the combine
 * function concatenates.  The final function copies the records, sorts them by t and hands them to
 * the O(n log n) core in kendall.c, so the result does not depend on the order of the rows.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/timestamp.h"

#include "aggstate.h"
#include "arrayutil.h"
#include "export.h"
#include "kendall.h"
#include "settings.h"

#define MK_KIND 'k'

/* Append (t, value) to the state (argument 0); NULL value or t: the row is skipped. */
static Datum
mk_append(FunctionCallInfo fcinfo, double t)
{
	ZjAggState *s = zj_aggstate_arg(fcinfo, 0);
	double		v = PG_GETARG_FLOAT8(1);

	zj_check_finite(v, "value");
	zj_check_finite(t, "t");
	if (s == NULL)
		s = zj_aggstate_new(CurrentMemoryContext, MK_KIND, 2, 0, 64);
	else
	{
		zj_aggstate_check(s, MK_KIND, 2);
		s = zj_aggstate_reserve(s, 1, CurrentMemoryContext, "mann_kendall");
	}
	ZJ_AGGSTATE_REC(s, s->n)[0] = t + 0.0;	/* + 0.0 turns -0 into 0 */
	ZJ_AGGSTATE_REC(s, s->n)[1] = v + 0.0;
	s->n++;
	PG_RETURN_POINTER(s);
}

static Datum
mk_skip(FunctionCallInfo fcinfo)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(zj_aggstate_arg(fcinfo, 0));
}

PG_FUNCTION_INFO_V1(zjgov_mann_kendall_sfunc);
Datum
zjgov_mann_kendall_sfunc(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		return mk_skip(fcinfo);
	return mk_append(fcinfo, PG_GETARG_FLOAT8(2));
}

PG_FUNCTION_INFO_V1(zjgov_mann_kendall_tz_sfunc);
Datum
zjgov_mann_kendall_tz_sfunc(PG_FUNCTION_ARGS)
{
	TimestampTz ts;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		return mk_skip(fcinfo);
	ts = PG_GETARG_TIMESTAMPTZ(2);
	if (TIMESTAMP_NOT_FINITE(ts))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("t must be a finite timestamp"),
				 errdetail("Got %s.", TIMESTAMP_IS_NOBEGIN(ts) ? "-infinity" : "infinity")));
	/* days since 1970-01-01 00:00 UTC (PostgreSQL counts microseconds from 2000-01-01) */
	return mk_append(fcinfo, (double) ts / (double) USECS_PER_DAY +
					 (double) (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE));
}

PG_FUNCTION_INFO_V1(zjgov_mann_kendall_combine);
Datum
zjgov_mann_kendall_combine(PG_FUNCTION_ARGS)
{
	ZjAggState *a = zj_aggstate_arg(fcinfo, 0);
	ZjAggState *b;

	if (PG_ARGISNULL(1))
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	b = PG_GETARG_ZJAGGSTATE(1);
	zj_aggstate_check(b, MK_KIND, 2);
	if (a == NULL)
		PG_RETURN_POINTER(zj_aggstate_writable(fcinfo, 1, b));
	zj_aggstate_check(a, MK_KIND, 2);
	PG_RETURN_POINTER(zj_aggstate_append(a, b, CurrentMemoryContext, "mann_kendall"));
}

PG_FUNCTION_INFO_V1(zjgov_mann_kendall_final);
Datum
zjgov_mann_kendall_final(PG_FUNCTION_ARGS)
{
	ZjAggState *s = PG_GETARG_ZJAGGSTATE(0);
	ZjPoint    *pts;
	ZjTrend		r;
	TupleDesc	td;
	Datum		values[8];
	bool		nulls[8] = {false};

	zj_aggstate_check(s, MK_KIND, 2);
	if (s->n == 0)
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	td = BlessTupleDesc(td);

	/* the core sorts its input: work on a copy, the state stays as it is */
	pts = zj_work_alloc(sizeof(ZjPoint) * s->n, "mann_kendall");
	memcpy(pts, s->data, sizeof(ZjPoint) * s->n);
	zj_mann_kendall(pts, s->n, &r);
	pfree(pts);

	values[0] = Int64GetDatum(r.n);
	values[1] = Float8GetDatum(r.s);
	values[2] = Float8GetDatum(r.var_s);
	values[3] = Float8GetDatum(r.z);
	values[4] = Float8GetDatum(r.p);
	values[5] = Float8GetDatum(r.tau);
	values[6] = Float8GetDatum(r.slope);
	values[7] = Float8GetDatum(r.intercept);
	for (int i = 3; i < 8; i++)
		nulls[i] = !r.has_test;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(td, values, nulls)));
}
