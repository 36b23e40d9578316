/*
 * alarm.c — early-warning control charts over ordered periods, as window functions
 * (OVER (PARTITION BY series ORDER BY period)), each returning zjgov.alarm (statistic, upper, alarm):
 *   ears(value, method, baseline, alpha, min_sigma)  CDC EARS C1, C2, C3 as R surveillance::earsC;
 *   ewma(value, lambda, l, baseline)                 Roberts' EWMA chart, limits as Montgomery;
 *   cusum(value, k, h, baseline)                     the tabular (upper) CUSUM of Page / Montgomery.
 *
 * The series is the partition's rows with a value, in window order; rows with a NULL value get NULL
 * and are not part of any baseline.  The whole partition is computed on its first row and kept in
 * WinGetPartitionLocalMemory.  The parameters are read from that row and must not be NULL.
 * A NaN result field is NULL; so is the whole result where there is not enough history.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/memutils.h"
#include "windowapi.h"

#include "arrayutil.h"
#include "export.h"
#include "settings.h"

/* the largest baseline any chart accepts */
#define ALARM_MAX_BASELINE 100000

typedef struct AlarmRes
{
	bool		isnull;			/* the whole result */
	double		stat,
				upper;			/* NaN = NULL */
	int8		alarm;			/* 1, 0, -1 = NULL */
} AlarmRes;

typedef struct AlarmPart
{
	bool		done;
	int64		nrows;
	AlarmRes   *res;
} AlarmPart;

typedef void (*AlarmFn) (FunctionCallInfo fcinfo, int64 n, const double *x, AlarmRes *out);

/* R's pmax of two numbers: NaN when either is NaN (C's fmax would drop it) */
static inline double
pmax2(double a, double b)
{
	if (isnan(a) || isnan(b))
		return NAN;
	return a > b ? a : b;
}

static void
set_res(AlarmRes *r, double x, double stat, double upper)
{
	r->isnull = false;
	r->stat = stat;
	r->upper = upper;
	r->alarm = isnan(upper) ? -1 : (x > upper);
}

/* ---------------------------------------------------------------- arguments */

static int
arg_baseline(FunctionCallInfo fcinfo, int argno)
{
	int32		b = DatumGetInt32(zj_win_arg(fcinfo, argno, "baseline"));

	if (b < 3 || b > ALARM_MAX_BASELINE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("baseline must be between 3 and %d", ALARM_MAX_BASELINE),
				 errdetail("Got %d.", b)));
	return b;
}

/* a finite float8 argument in [lo, hi] (lo_open / hi_open: the end excluded; hi may be infinite) */
static double
arg_range(FunctionCallInfo fcinfo, int argno, const char *argname, double lo, bool lo_open, double hi,
		  bool hi_open)
{
	double		v = DatumGetFloat8(zj_win_arg(fcinfo, argno, argname));

	zj_check_finite(v, argname);
	if (v < lo || v > hi || (lo_open && v == lo) || (hi_open && v == hi))
	{
		if (isinf(hi))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must be %s %g", argname, lo_open ? "greater than" : "at least", lo),
					 errdetail("Got %g.", v)));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be in %c%g, %g%c", argname, lo_open ? '(' : '[', lo, hi, hi_open ? ')' : ']'),
				 errdetail("Got %g.", v)));
	}
	return v;
}

/* mean and sample standard deviation of x[0 .. n-1], n >= 2 (two passes, as R's mean and sd) */
static void
mean_sd(const double *x, int n, double *mean, double *sd)
{
	long double s = 0,
				m,
				ss = 0;

	for (int i = 0; i < n; i++)
		s += x[i];
	m = s / n;
	s = 0;
	for (int i = 0; i < n; i++)
		s += x[i] - m;
	m += s / n;
	for (int i = 0; i < n; i++)
		ss += (x[i] - m) * (x[i] - m);
	*mean = (double) m;
	*sd = sqrt((double) (ss / (n - 1)));
}

/* ---------------------------------------------------------------- EARS */

/*
 * qnorm(1 - alpha): Acklam's rational approximation (relative error 1.15e-9) refined by two Halley
 * steps on the upper tail 0.5 erfc(x / sqrt 2) = alpha, which bring it to double precision.
 */
static double
upper_normal_quantile(double alpha)
{
	static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
	1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
	static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
	6.680131188771972e+01, -1.328068155288572e+01};
	static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
	-2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
	static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
	3.754408661907416e+00};
	double		lower = 1 - alpha,
				q,
				r,
				x;

	if (lower < 0.02425)
	{
		q = sqrt(-2 * log(lower));
		x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
			((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	}
	else if (lower <= 1 - 0.02425)
	{
		q = lower - 0.5;
		r = q * q;
		x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
			(((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
	}
	else
	{
		q = sqrt(-2 * log(alpha));
		x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
			((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	}
	for (int it = 0; it < 2; it++)
	{
		double		e = 0.5 * erfc(x / M_SQRT2) - alpha;
		double		u = -e * sqrt(2 * M_PI) * exp(x * x / 2);

		x = x - u / (1 + x * u / 2);
	}
	return x;
}


/*
 * C1: baseline x[t-B .. t-1]; C2: x[t-B-2 .. t-3]; C3 from the C2 statistics of t-2, t-1, t.
 * z = qnorm(1 - alpha); sigma' = max(sd, min_sigma) (R's pmax).
 */
static void
ears_compute(FunctionCallInfo fcinfo, int64 n, const double *x, AlarmRes *out)
{
	text	   *mt = zj_win_text_arg(fcinfo, 1, "method");
	char	   *m = text_to_cstring(mt);
	int			method,
				B = arg_baseline(fcinfo, 2);
	double		min_sigma = arg_range(fcinfo, 4, "min_sigma", 0, false, INFINITY, false);
	double		alpha,
				z;
	bool		isnull;
	double	   *c2 = NULL,
			   *sig2 = NULL;

	if (pg_strcasecmp(m, "C1") == 0)
		method = 1;
	else if (pg_strcasecmp(m, "C2") == 0)
		method = 2;
	else if (pg_strcasecmp(m, "C3") == 0)
		method = 3;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown EARS method \"%s\"", m),
				 errhint("Use 'C1', 'C2' or 'C3'.")));
	(void) zj_win_setting(fcinfo, 3, "alpha", &isnull);
	if (isnull)
		alpha = method == 3 ? 0.025 : 0.001;
	else
		alpha = arg_range(fcinfo, 3, "alpha", 0, true, 1, true);
	z = upper_normal_quantile(alpha);

	if (method >= 2)
	{
		c2 = palloc(sizeof(double) * Max(n, 1));
		sig2 = palloc(sizeof(double) * Max(n, 1));
	}
	for (int64 t = 0; t < n; t++)
	{
		double		mu,
					sd,
					sg;

		if (method == 1)
		{
			if (t < B)
				continue;
			mean_sd(x + t - B, B, &mu, &sd);
			sg = pmax2(sd, min_sigma);
			set_res(&out[t], x[t], (x[t] - mu) / sg, mu + z * sg);
			continue;
		}
		if (t < B + 2)
			continue;
		mean_sd(x + t - B - 2, B, &mu, &sd);
		sg = pmax2(sd, min_sigma);
		c2[t] = (x[t] - mu) / sg;
		sig2[t] = sg;
		if (method == 2)
			set_res(&out[t], x[t], c2[t], mu + z * sg);
		else if (t >= B + 4)
		{
			double		l2 = pmax2(0, c2[t - 2] - 1),
						l1 = pmax2(0, c2[t - 1] - 1),
						l0 = pmax2(0, c2[t] - 1);

			set_res(&out[t], x[t], l2 + l1 + l0, pmax2(0, x[t] + sig2[t] * (z - (l2 + l1))));
		}
	}
}

/* ---------------------------------------------------------------- EWMA and CUSUM */

static void
ewma_compute(FunctionCallInfo fcinfo, int64 n, const double *x, AlarmRes *out)
{
	double		lambda = arg_range(fcinfo, 1, "lambda", 0, true, 1, false);
	double		L = arg_range(fcinfo, 2, "l", 0, true, INFINITY, false);
	int			B = arg_baseline(fcinfo, 3);
	double		mu,
				sd,
				zt,
				decay = 1;

	if (n <= B)
		return;
	mean_sd(x, B, &mu, &sd);
	zt = mu;
	for (int64 t = B; t < n; t++)
	{
		zt = lambda * x[t] + (1 - lambda) * zt;
		decay *= (1 - lambda) * (1 - lambda);	/* (1 - lambda)^(2t), t = 1 for the first row */
		set_res(&out[t], x[t], zt, mu + L * sd * sqrt(lambda / (2 - lambda) * (1 - decay)));
		out[t].alarm = zt > out[t].upper;
	}
}

static void
cusum_compute(FunctionCallInfo fcinfo, int64 n, const double *x, AlarmRes *out)
{
	double		k = arg_range(fcinfo, 1, "k", 0, false, INFINITY, false);
	double		h = arg_range(fcinfo, 2, "h", 0, true, INFINITY, false);
	int			B = arg_baseline(fcinfo, 3);
	double		mu,
				sd,
				S = 0;

	if (n <= B)
		return;
	mean_sd(x, B, &mu, &sd);
	for (int64 t = B; t < n; t++)
	{
		/* a flat baseline (sd 0): no deviation counts 0, any other +-infinity */
		double		y = (x[t] == mu) ? 0 : (x[t] - mu) / sd;

		S = pmax2(0, S + y - k);
		set_res(&out[t], x[t], S, h);
		out[t].alarm = S > h;
	}
}

/* ---------------------------------------------------------------- the window plumbing */

static AlarmRes *
alarm_partition(FunctionCallInfo fcinfo, AlarmFn fn)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	AlarmPart  *part = WinGetPartitionLocalMemory(winobj, sizeof(AlarmPart));
	int64		cur = WinGetCurrentPosition(winobj);

	if (!part->done)
	{
		int64		total = WinGetPartitionRowCount(winobj),
					n = 0;
		MemoryContext pcxt = GetMemoryChunkContext(part),
					work,
					old;
		double	   *x;
		int64	   *pos;
		AlarmRes   *res;

		zj_check_partition_size(total);
		part->res = MemoryContextAlloc(pcxt, sizeof(AlarmRes) * Max(total, 1));
		for (int64 i = 0; i < total; i++)
			part->res[i].isnull = true;
		part->nrows = total;

		work = AllocSetContextCreate(CurrentMemoryContext, "zjgov alarm", ALLOCSET_DEFAULT_SIZES);
		old = MemoryContextSwitchTo(work);
		x = palloc(sizeof(double) * Max(total, 1));
		pos = palloc(sizeof(int64) * Max(total, 1));
		for (int64 i = 0; i < total; i++)
		{
			bool		isnull,
						isout;
			Datum		d;

			CHECK_FOR_INTERRUPTS();
			d = WinGetFuncArgInPartition(winobj, 0, (int) i, WINDOW_SEEK_HEAD, false, &isnull, &isout);
			if (isnull || isout)
				continue;
			x[n] = DatumGetFloat8(d);
			if (!isfinite(x[n]))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("value must be a finite number"),
						 errdetail("Row %lld of the partition has %g.", (long long) i + 1, x[n])));
			pos[n++] = i;
		}
		res = palloc(sizeof(AlarmRes) * Max(n, 1));
		for (int64 i = 0; i < n; i++)
			res[i].isnull = true;
		fn(fcinfo, n, x, res);
		for (int64 i = 0; i < n; i++)
			part->res[pos[i]] = res[i];
		MemoryContextSwitchTo(old);
		MemoryContextDelete(work);
		part->done = true;
	}
	if (cur < 0 || cur >= part->nrows)
		elog(ERROR, "window row %lld is outside its partition", (long long) cur);
	return &part->res[cur];
}

static Datum
alarm_result(FunctionCallInfo fcinfo, AlarmFn fn)
{
	AlarmRes   *r = alarm_partition(fcinfo, fn);
	TupleDesc	td;
	Datum		values[3];
	bool		nulls[3];

	if (r->isnull)
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	td = BlessTupleDesc(td);
	values[0] = Float8GetDatum(r->stat);
	nulls[0] = isnan(r->stat);
	values[1] = Float8GetDatum(r->upper);
	nulls[1] = isnan(r->upper);
	values[2] = BoolGetDatum(r->alarm == 1);
	nulls[2] = r->alarm < 0;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(td, values, nulls)));
}

PG_FUNCTION_INFO_V1(zjgov_ears);
Datum
zjgov_ears(PG_FUNCTION_ARGS)
{
	return alarm_result(fcinfo, ears_compute);
}

PG_FUNCTION_INFO_V1(zjgov_ewma);
Datum
zjgov_ewma(PG_FUNCTION_ARGS)
{
	return alarm_result(fcinfo, ewma_compute);
}

PG_FUNCTION_INFO_V1(zjgov_cusum);
Datum
zjgov_cusum(PG_FUNCTION_ARGS)
{
	return alarm_result(fcinfo, cusum_compute);
}
