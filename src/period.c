/*
 * period.c — period-on-period change (同比 / 环比) as a window function over periods:
 * period_change(value, lag) OVER (PARTITION BY entity ORDER BY period) → (delta, ratio) with
 * delta = x_t − x_{t−lag} and ratio = x_t / x_{t−lag} − 1, both NULL when the row lag rows back
 * is outside the partition or NULL, the ratio also when that value is 0.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "windowapi.h"

#include "arrayutil.h"
#include "export.h"
#include "indicator.h"

PG_FUNCTION_INFO_V1(zjgov_period_change);
Datum
zjgov_period_change(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	TupleDesc	td = (TupleDesc) fcinfo->flinfo->fn_extra;
	bool		isnull,
				isout = false,
				prevnull = true;
	Datum		v[2];
	bool		nulls[2] = {true, true};
	Datum		d;
	int32		lag;
	double		x = 0,
				prev = 0;

	if (td == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "period_change must return a composite type");
		td = BlessTupleDesc(CreateTupleDescCopy(td));
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = td;
	}
	d = WinGetFuncArgCurrent(winobj, 1, &isnull);
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("lag must not be NULL")));
	lag = DatumGetInt32(d);
	if (lag < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("lag must be at least 1"),
				 errdetail("Got %d.", lag)));
	d = WinGetFuncArgCurrent(winobj, 0, &isnull);
	if (!isnull)
	{
		x = DatumGetFloat8(d);
		zj_check_finite(x, "value");
		d = WinGetFuncArgInPartition(winobj, 0, -lag, WINDOW_SEEK_CURRENT, false, &prevnull, &isout);
		if (!isout && !prevnull)
		{
			prev = DatumGetFloat8(d);
			zj_check_finite(prev, "value");
		}
	}
	if (!isnull && !isout && !prevnull)
	{
		double		delta = x - prev;

		if (isinf(delta))
			zj_out_of_range("the difference of two values");
		v[0] = Float8GetDatum(delta);
		nulls[0] = false;
		if (prev != 0)
		{
			double		ratio = x / prev - 1.0;

			if (isinf(ratio))
				zj_out_of_range("the ratio of two values");
			v[1] = Float8GetDatum(ratio);
			nulls[1] = false;
		}
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(td, v, nulls)));
}
