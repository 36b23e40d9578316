/*
 * calendar.c — working days: a day is a working day if zjgov.workday_calendar says so (official
 * holidays, make-up working days 调休), else Monday to Friday.  is_workday, add_workdays,
 * workdays_between and overdue_colour_workdays (三色督办 counted in working days).  Dates are
 * taken in the session time zone.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/fmgrprotos.h"
#include "utils/timestamp.h"

#include "catalog.h"
#include "colour.h"
#include "export.h"
#include "ordinal.h"

/* The listed days, ascending, read once per query and call site through the catalog cache. */
typedef struct Calendar
{
	int			n;
	DateADT    *day;
	bool	   *work;
} Calendar;

#define CALENDAR_QUERY "SELECT day, is_workday FROM zjgov.workday_calendar ORDER BY day"

static void *
build_calendar(SPITupleTable *tt, uint64 nrows, void *arg)
{
	Calendar   *cal = palloc0(sizeof(Calendar));

	if (nrows > INT_MAX / 2)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("zjgov.workday_calendar has too many rows")));
	cal->day = palloc(sizeof(DateADT) * Max(nrows, 1));
	cal->work = palloc(sizeof(bool) * Max(nrows, 1));
	for (uint64 i = 0; i < nrows; i++)
	{
		bool		n1,
					n2;
		HeapTuple	tup = tt->vals[i];

		cal->day[i] = DatumGetDateADT(SPI_getbinval(tup, tt->tupdesc, 1, &n1));
		cal->work[i] = DatumGetBool(SPI_getbinval(tup, tt->tupdesc, 2, &n2));
		if (n1 || n2 || DATE_NOT_FINITE(cal->day[i]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("zjgov.workday_calendar must list finite days with is_workday set")));
	}
	cal->n = (int) nrows;
	return cal;
}

static Calendar *
load_calendar(FunctionCallInfo fcinfo)
{
	return zj_catalog_get(fcinfo, CALENDAR_QUERY, build_calendar, NULL);
}

/* Monday to Friday.  DateADT 0 is 2000-01-01, a Saturday. */
static bool
weekday(int64 d)
{
	int64		dow = ((d % 7) + 7) % 7;	/* 0 Saturday, 1 Sunday, 2 Monday ... 6 Friday */

	return dow >= 2;
}

/* Mondays to Fridays among the days m0, m0 + 1, ..., m - 1 counted from the Monday m0 = 2. */
static int64
weekdays_before(int64 d)
{
	int64		m = d - 2;
	int64		w = m >= 0 ? m / 7 : -((-m + 6) / 7);	/* floor(m / 7) */
	int64		r = m - 7 * w;

	return 5 * w + Min(r, 5);
}

/* Index of the first listed day > d. */
static int
first_after(const Calendar *cal, int64 d)
{
	int			lo = 0,
				hi = cal->n;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (cal->day[mid] <= d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool
is_work(const Calendar *cal, int64 d)
{
	int			i = first_after(cal, d);

	if (i > 0 && cal->day[i - 1] == d)
		return cal->work[i - 1];
	return weekday(d);
}

/* Working days d with a < d <= b (a <= b). */
static int64
count_between(const Calendar *cal, int64 a, int64 b)
{
	int64		count = weekdays_before(b + 1) - weekdays_before(a + 1);

	for (int i = first_after(cal, a); i < cal->n && cal->day[i] <= b; i++)
		if (cal->work[i] != weekday(cal->day[i]))
			count += cal->work[i] ? 1 : -1;
	return count;
}

/* The n-th working day after d (n >= 1). */
static int64
nth_workday_after(const Calendar *cal, int64 d, int64 n)
{
	while (n > 0)
	{
		int			i = first_after(cal, d);
		int64		limit = i < cal->n ? (int64) cal->day[i] - 1 : PG_INT64_MAX / 2;
		int64		weeks = Min((n - 1) / 5, (limit - d) / 7);

		CHECK_FOR_INTERRUPTS();
		if (weeks > 0)
		{
			/* no listed day in (d, d + 7 weeks]: exactly 5 working days a week */
			d += 7 * weeks;
			n -= 5 * weeks;
			continue;
		}
		d++;
		if (is_work(cal, d))
			n--;
	}
	return d;
}

static DateADT
session_date(TimestampTz ts, const char *argname)
{
	if (TIMESTAMP_NOT_FINITE(ts))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite timestamp", argname)));
	return DatumGetDateADT(DirectFunctionCall1(timestamptz_date, TimestampTzGetDatum(ts)));
}

/* ts plus the calendar days to the n-th working day after its date (same time of day). */
static TimestampTz
add_workdays(const Calendar *cal, TimestampTz ts, int32 n, const char *argname)
{
	int64		d0,
				days;
	Interval	iv;

	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be negative", argname),
				 errdetail("Got %d.", n)));
	if (n == 0)
		return ts;
	d0 = session_date(ts, "ts");
	days = nth_workday_after(cal, d0, n) - d0;
	if (days > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range"),
				 errdetail("The %d-th working day is %lld days after the date.", n, (long long) days)));
	memset(&iv, 0, sizeof(iv));
	iv.day = (int32) days;
	return DatumGetTimestampTz(DirectFunctionCall2(timestamptz_pl_interval, TimestampTzGetDatum(ts),
												   IntervalPGetDatum(&iv)));
}

PG_FUNCTION_INFO_V1(zjgov_is_workday);
Datum
zjgov_is_workday(PG_FUNCTION_ARGS)
{
	DateADT		d = PG_GETARG_DATEADT(0);

	if (DATE_NOT_FINITE(d))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("d must be a finite date")));
	PG_RETURN_BOOL(is_work(load_calendar(fcinfo), d));
}

PG_FUNCTION_INFO_V1(zjgov_add_workdays);
Datum
zjgov_add_workdays(PG_FUNCTION_ARGS)
{
	TimestampTz ts = PG_GETARG_TIMESTAMPTZ(0);
	int32		n = PG_GETARG_INT32(1);

	PG_RETURN_TIMESTAMPTZ(add_workdays(load_calendar(fcinfo), ts, n, "n"));
}

PG_FUNCTION_INFO_V1(zjgov_workdays_between);
Datum
zjgov_workdays_between(PG_FUNCTION_ARGS)
{
	int64		a = session_date(PG_GETARG_TIMESTAMPTZ(0), "a");
	int64		b = session_date(PG_GETARG_TIMESTAMPTZ(1), "b");
	Calendar   *cal = load_calendar(fcinfo);

	/* at most about 300 000 years of timestamps: fits in int32 */
	PG_RETURN_INT32((int32) (a <= b ? count_between(cal, a, b) : -count_between(cal, b, a)));
}

/*
 * 三色督办 in working days: green before add_workdays(deadline, yellow_after), yellow from then,
 * red from add_workdays(deadline, red_after).  An infinite deadline stays where it is.
 */
PG_FUNCTION_INFO_V1(zjgov_overdue_colour_workdays);
Datum
zjgov_overdue_colour_workdays(PG_FUNCTION_ARGS)
{
	TimestampTz deadline = PG_GETARG_TIMESTAMPTZ(0);
	TimestampTz as_of = PG_GETARG_TIMESTAMPTZ(1);
	int32		yellow_after = PG_GETARG_INT32(2);
	int32		red_after = PG_GETARG_INT32(3);
	TimestampTz yellow_at = deadline,
				red_at = deadline;

	if (yellow_after < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("yellow_after must not be negative"),
				 errdetail("Got %d.", yellow_after)));
	if (red_after < yellow_after)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("red_after must not be less than yellow_after"),
				 errdetail("yellow_after is %d and red_after is %d.", yellow_after, red_after)));
	if (!TIMESTAMP_NOT_FINITE(deadline))
	{
		Calendar   *cal = load_calendar(fcinfo);

		yellow_at = add_workdays(cal, deadline, yellow_after, "yellow_after");
		red_at = add_workdays(cal, deadline, red_after, "red_after");
	}
	if (as_of >= red_at)
		PG_RETURN_ORDINAL(COLOUR_RED);
	if (as_of >= yellow_at)
		PG_RETURN_ORDINAL(COLOUR_YELLOW);
	PG_RETURN_ORDINAL(COLOUR_GREEN);
}
