/*
 * indicator.c — indicator scoring building blocks (docs/indicators.md):
 * normalize (window over a partition, and fixed bounds), entropy_weights and critic_weights
 * (aggregates with a fixed-size float8[] state), ahp, topsis (window), weighted_score.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "windowapi.h"

#include "arrayutil.h"
#include "export.h"
#include "indicator.h"
#include "winpart.h"

/* ---------------------------------------------------------------- directions */

int
zj_parse_direction(const char *s, int len)
{
	static const struct
	{
		const char *name;
		int			dir;
	}			names[] = {
		{"benefit", ZJ_BENEFIT}, {"cost", ZJ_COST}, {"interval", ZJ_INTERVAL},
		{"效益型", ZJ_BENEFIT}, {"正向", ZJ_BENEFIT},
		{"成本型", ZJ_COST}, {"负向", ZJ_COST}, {"逆向", ZJ_COST},
		{"区间型", ZJ_INTERVAL},
	};

	/* trim blanks */
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	for (int i = 0; i < lengthof(names); i++)
		if (strlen(names[i].name) == (size_t) len && pg_strncasecmp(s, names[i].name, len) == 0)
			return names[i].dir;
	return -1;
}

ZjDirection
zj_direction_arg(const char *s, int len, const char *argname, bool allow_interval)
{
	int			d = zj_parse_direction(s, len);

	if (d < 0 || (d == ZJ_INTERVAL && !allow_interval))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid %s: \"%.*s\"", argname, Min(len, 64), s),
				 errhint(allow_interval ? "Use 'benefit', 'cost' or 'interval'." :
						 "Use 'benefit' or 'cost'.")));
	return (ZjDirection) d;
}

double
zj_normalize_fixed(double x, double lo, double hi, ZjDirection dir)
{
	double		r = (dir == ZJ_COST) ? (hi - x) / (hi - lo) : (x - lo) / (hi - lo);

	if (isnan(r) || isinf(hi - lo))
		zj_out_of_range("lo and hi are too far apart");
	return r < 0.0 ? 0.0 : (r > 1.0 ? 1.0 : r);
}

static ZjDirection
direction_text(text *t, const char *argname, bool allow_interval)
{
	return zj_direction_arg(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), argname, allow_interval);
}

/* ---------------------------------------------------------------- normalize, fixed bounds */

PG_FUNCTION_INFO_V1(zjgov_normalize);
Datum
zjgov_normalize(PG_FUNCTION_ARGS)
{
	double		x = PG_GETARG_FLOAT8(0);
	double		lo = PG_GETARG_FLOAT8(1);
	double		hi = PG_GETARG_FLOAT8(2);
	ZjDirection dir = direction_text(PG_GETARG_TEXT_PP(3), "direction", false);

	zj_check_finite(x, "value");
	zj_check_finite(lo, "lo");
	zj_check_finite(hi, "hi");
	if (!(lo < hi))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("lo must be less than hi"),
				 errdetail("Got lo = %g and hi = %g.", lo, hi)));
	PG_RETURN_FLOAT8(zj_normalize_fixed(x, lo, hi, dir));
}

/* ---------------------------------------------------------------- normalize, window */

typedef enum
{
	NORM_MINMAX,
	NORM_ZSCORE,
	NORM_INTERVAL
} NormMethod;

/* The current row's result. */
static Datum
window_return(FunctionCallInfo fcinfo, WindowObject winobj, ZjWinPart *r)
{
	int64		cur = WinGetCurrentPosition(winobj);

	if (r->isnull[cur])
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(((double *) r->rows)[cur]);
}

static bool
float_arg_current(FunctionCallInfo fcinfo, int argno, const char *argname, double *out)
{
	bool		isnull;
	Datum		d = zj_win_setting(fcinfo, argno, argname, &isnull);

	if (!isnull)
		*out = DatumGetFloat8(d);
	return !isnull;
}

PG_FUNCTION_INFO_V1(zjgov_normalize_window);
Datum
zjgov_normalize_window(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	ZjWinPart  *r = zj_win_part(fcinfo, sizeof(double));
	double	   *value = (double *) r->rows;

	if (!r->computed)
	{
		text	   *mt = zj_win_text_arg(fcinfo, 1, "method");
		char	   *method = text_to_cstring(mt);
		ZjDirection dir = direction_text(zj_win_text_arg(fcinfo, 2, "direction"), "direction", true);
		NormMethod	how;
		double		lo = 0,
					hi = 0,
					mn = 0,
					mx = 0,
					mean = 0,
					m2 = 0;
		int64		count = 0;

		if (pg_strcasecmp(method, "minmax") == 0)
			how = NORM_MINMAX;
		else if (pg_strcasecmp(method, "zscore") == 0)
			how = NORM_ZSCORE;
		else if (pg_strcasecmp(method, "interval") == 0)
			how = NORM_INTERVAL;
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid method: \"%.64s\"", method),
					 errhint("Use 'minmax', 'zscore' or 'interval'.")));
		if (dir == ZJ_INTERVAL)
			how = NORM_INTERVAL;	/* direction 'interval' implies the method */
		if (how == NORM_INTERVAL)
		{
			if (!float_arg_current(fcinfo, 3, "lo", &lo) || !float_arg_current(fcinfo, 4, "hi", &hi))
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("lo and hi must not be NULL for the interval method"),
						 errdetail("They bound the ideal range [lo, hi].")));
			zj_check_finite(lo, "lo");
			zj_check_finite(hi, "hi");
			if (lo > hi)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("lo must not be greater than hi"),
						 errdetail("Got lo = %g and hi = %g.", lo, hi)));
		}

		/* one pass: read every value, with min, max, mean and M2 (Welford) */
		for (int64 i = 0; i < r->nrows; i++)
		{
			bool		isnull,
						isout;
			Datum		d = WinGetFuncArgInPartition(winobj, 0, i, WINDOW_SEEK_HEAD, false,
													 &isnull, &isout);
			double		x;

			if ((i & 4095) == 0)
				CHECK_FOR_INTERRUPTS();
			r->isnull[i] = isnull;
			if (isnull)
				continue;
			x = DatumGetFloat8(d);
			zj_check_finite(x, "value");
			value[i] = x;
			if (count == 0 || x < mn)
				mn = x;
			if (count == 0 || x > mx)
				mx = x;
			count++;
			{
				double		delta = x - mean;

				mean += delta / count;
				m2 += delta * (x - mean);
			}
		}

		if (isinf(mx - mn) || isinf(m2) || isnan(m2))
			zj_out_of_range("the values are too far apart to normalize");
		for (int64 i = 0; i < r->nrows; i++)
		{
			double		x = value[i],
						v;

			if (r->isnull[i])
				continue;
			switch (how)
			{
				case NORM_MINMAX:
					if (mx == mn)
						v = 1.0;
					else if (dir == ZJ_COST)
						v = (mx - x) / (mx - mn);
					else
						v = (x - mn) / (mx - mn);
					break;
				case NORM_ZSCORE:
					{
						double		sd = count > 1 ? sqrt(m2 / (count - 1)) : 0.0;

						/* a single row or an all-equal partition has no spread: 0 */
						v = sd > 0 ? (x - mean) / sd : 0.0;
						if (dir == ZJ_COST)
							v = -v;
						break;
					}
				default:		/* NORM_INTERVAL */
					{
						double		big = Max(lo - mn, mx - hi);

						if (x >= lo && x <= hi)
							v = 1.0;
						else if (!(big > 0))
							v = 1.0;
						else if (x < lo)
							v = 1.0 - (lo - x) / big;
						else
							v = 1.0 - (x - hi) / big;
						break;
					}
			}
			if (isnan(v) || isinf(v))
				zj_out_of_range("the values are too far apart to normalize");
			value[i] = v;
		}
		r->computed = true;
	}

	return window_return(fcinfo, winobj, r);
}

/* ---------------------------------------------------------------- fixed-size float8[] states */

/*
 * The state of entropy_weights and critic_weights is a one-dimensional float8[] whose first two
 * elements are n (rows) and m (indicators); '{}' is the empty state.  Returns the elements and
 * sets *m, or returns NULL for the empty state.  A malformed state (one typed in by hand) is an
 * error, never a crash.
 */
static double *
state_elems(ArrayType *st, const char *aggname, int *m, int (*len_for) (int))
{
	int			len;
	double	   *s;

	if (ARR_ELEMTYPE(st) != FLOAT8OID || ARR_HASNULL(st) || ARR_NDIM(st) > 1)
		goto bad;
	len = ARR_NDIM(st) == 0 ? 0 : ARR_DIMS(st)[0];
	if (len == 0)
		return NULL;
	s = (double *) ARR_DATA_PTR(st);
	if (len < 2 || !(s[1] >= 1 && s[1] <= INT_MAX / 2) || s[1] != floor(s[1]) ||
		len_for((int) s[1]) != len || !(s[0] >= 1) || s[0] != floor(s[0]))
		goto bad;
	*m = (int) s[1];
	return s;

bad:
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid %s state", aggname),
			 errdetail("The state must be '{}' or {n, m, ...} as the transition function makes it.")));
	return NULL;				/* keep compiler quiet */
}

static ArrayType *
new_state(int len)
{
	Datum	   *zeros;
	ArrayType  *a;

	if ((Size) len * sizeof(double) > MaxAllocSize / 2)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many indicators"),
				 errdetail("The aggregate state would need %d elements.", len)));
	zeros = palloc0(sizeof(Datum) * len);
	a = construct_array(zeros, len, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
	pfree(zeros);
	return a;
}

/* A row x of an aggregate: m ≥ 1 finite elements, no NULLs, the same m as earlier rows. */
static double *
row_elems(ArrayType *xa, int *m, int state_m, bool nonneg)
{
	double	   *x = zj_float8_array(xa, "x", m, NULL, false);

	if (*m == 0)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("x must not be empty"),
				 errdetail("Each row holds one value per indicator.")));
	if (state_m > 0 && *m != state_m)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("x has %d elements, earlier rows had %d", *m, state_m),
				 errdetail("Every row must hold the same indicators in the same order.")));
	if (nonneg)
		for (int j = 0; j < *m; j++)
			if (x[j] < 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("x must not contain negative values for entropy_weights"),
						 errdetail("Element %d is %g.", j + 1, x[j]),
						 errhint("Normalise the indicators first, e.g. with zjgov.normalize.")));
	return x;
}

/*
 * The start of a transition function: parse the state and the row x (same length as earlier
 * rows).  Returns the writable elements of the state (*st): the state itself inside an aggregate,
 * a new zeroed state {0, m, 0…} for the first row, a copy when called outside an aggregate.
 */
static double *
accum_start(FunctionCallInfo fcinfo, const char *aggname, int (*len_for) (int), bool nonneg,
			ArrayType **st, double **x, int *m)
{
	int			ms = 0;
	double	   *s;

	*st = PG_GETARG_ARRAYTYPE_P(0);
	s = state_elems(*st, aggname, &ms, len_for);
	*x = row_elems(PG_GETARG_ARRAYTYPE_P(1), m, ms, nonneg);
	if (s == NULL || !AggCheckCallContext(fcinfo, NULL))
	{
		ArrayType  *ns;

		if (len_for(*m) == INT_MAX)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("%s supports at most 8192 indicators", aggname),
					 errdetail("x has %d elements.", *m)));
		ns = new_state(len_for(*m));
		if (s)
			memcpy(ARR_DATA_PTR(ns), s, sizeof(double) * len_for(*m));
		else
			((double *) ARR_DATA_PTR(ns))[1] = *m;
		*st = ns;
		s = (double *) ARR_DATA_PTR(ns);
	}
	return s;
}

/*
 * The start of a combine function.  When either state is empty, returns NULL with *a set to the
 * state to return.  Otherwise returns the writable elements of the first state (*a; a copy when
 * not called as an aggregate) with *t the elements of the second and *m the indicator count.
 */
static double *
combine_start(FunctionCallInfo fcinfo, const char *aggname, int (*len_for) (int),
			  ArrayType **a, double **t, int *m)
{
	ArrayType  *b = PG_GETARG_ARRAYTYPE_P(1);
	int			mb = 0;
	double	   *s;

	*a = PG_GETARG_ARRAYTYPE_P(0);
	*m = 0;
	s = state_elems(*a, aggname, m, len_for);
	*t = state_elems(b, aggname, &mb, len_for);
	if (*t == NULL)
		return NULL;
	if (s == NULL)
	{
		*a = b;
		return NULL;
	}
	if (*m != mb)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("cannot combine states of %d and %d indicators", *m, mb)));
	if (!AggCheckCallContext(fcinfo, NULL))
	{
		*a = new_state(len_for(*m));
		memcpy(ARR_DATA_PTR(*a), s, sizeof(double) * len_for(*m));
		s = (double *) ARR_DATA_PTR(*a);
	}
	return s;
}

/* ---------------------------------------------------------------- entropy_weights */

/*
 * state: n, m, Σx[m], Σ x ln x[m], min[m], max[m], then the Neumaier compensations of the two
 * sums [m], [m].  The weights come from 1 − e_j, a difference of nearly equal numbers: with
 * compensated sums they do not depend (beyond the last bits) on the order rows were added in, or
 * on how parallel workers and Citus shards split them.
 */
static int
entropy_len(int m)
{
	return 2 + 6 * m;
}

/* *s += x with the running compensation *c (Neumaier) */
static inline void
sum_add(double *s, double *c, double x)
{
	double		t = *s + x;

	if (fabs(*s) >= fabs(x))
		*c += (*s - t) + x;
	else
		*c += (x - t) + *s;
	*s = t;
}

PG_FUNCTION_INFO_V1(zjgov_entropy_accum);
Datum
zjgov_entropy_accum(PG_FUNCTION_ARGS)
{
	ArrayType  *st;
	double	   *x;
	int			m;
	double	   *s = accum_start(fcinfo, "entropy_weights", entropy_len, true, &st, &x, &m);

	if (s[0] == 0)
		for (int j = 0; j < m; j++)
		{
			s[2 + 2 * m + j] = x[j];
			s[2 + 3 * m + j] = x[j];
		}
	s[0] += 1;
	for (int j = 0; j < m; j++)
	{
		sum_add(&s[2 + j], &s[2 + 4 * m + j], x[j]);
		if (x[j] > 0)
			sum_add(&s[2 + m + j], &s[2 + 5 * m + j], x[j] * log(x[j]));
		if (x[j] < s[2 + 2 * m + j])
			s[2 + 2 * m + j] = x[j];
		if (x[j] > s[2 + 3 * m + j])
			s[2 + 3 * m + j] = x[j];
	}
	pfree(x);
	PG_RETURN_ARRAYTYPE_P(st);
}

PG_FUNCTION_INFO_V1(zjgov_entropy_combine);
Datum
zjgov_entropy_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *a;
	int			ma;
	double	   *t;
	double	   *s = combine_start(fcinfo, "entropy_weights", entropy_len, &a, &t, &ma);

	if (s == NULL)
		PG_RETURN_ARRAYTYPE_P(a);
	s[0] += t[0];
	for (int j = 0; j < ma; j++)
	{
		sum_add(&s[2 + j], &s[2 + 4 * ma + j], t[2 + j]);
		s[2 + 4 * ma + j] += t[2 + 4 * ma + j];
		sum_add(&s[2 + ma + j], &s[2 + 5 * ma + j], t[2 + ma + j]);
		s[2 + 5 * ma + j] += t[2 + 5 * ma + j];
		s[2 + 2 * ma + j] = Min(s[2 + 2 * ma + j], t[2 + 2 * ma + j]);
		s[2 + 3 * ma + j] = Max(s[2 + 3 * ma + j], t[2 + 3 * ma + j]);
	}
	PG_RETURN_ARRAYTYPE_P(a);
}

/* Σd = 0 gives equal weights; otherwise w = d / Σd. */
static void
weights_from(double *d, int m)
{
	double		sum = 0;

	for (int j = 0; j < m; j++)
		sum += d[j];
	for (int j = 0; j < m; j++)
		d[j] = sum > 0 ? d[j] / sum : 1.0 / m;
}

static void
check_rows(double n, const char *aggname)
{
	if (n < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s needs at least two rows", aggname),
				 errdetail("Got %.0f row.", n)));
}

PG_FUNCTION_INFO_V1(zjgov_entropy_final);
Datum
zjgov_entropy_final(PG_FUNCTION_ARGS)
{
	int			m = 0;
	double	   *s = state_elems(PG_GETARG_ARRAYTYPE_P(0), "entropy_weights", &m, entropy_len);
	double	   *d;
	double		n,
				lnn;

	if (s == NULL)
		PG_RETURN_NULL();		/* no rows */
	n = s[0];
	check_rows(n, "entropy_weights");
	lnn = log(n);
	d = palloc(sizeof(double) * m);
	for (int j = 0; j < m; j++)
	{
		double		sum = s[2 + j] + s[2 + 4 * m + j],
					sxlx = s[2 + m + j] + s[2 + 5 * m + j];

		if (!isfinite(sum) || !isfinite(sxlx) || isinf(s[2 + j]) || isinf(s[2 + m + j]))
			zj_out_of_range("x is too large for entropy_weights");
		if (!(sum > 0) || s[2 + 2 * m + j] == s[2 + 3 * m + j])
			d[j] = 0;			/* all-zero or constant column */
		else
		{
			/* Σ p ln p = Σ (x/S)(ln x − ln S) = (Σ x ln x)/S − ln S */
			double		e = -(sxlx / sum - log(sum)) / lnn;

			d[j] = Max(0.0, 1.0 - e);
		}
	}
	weights_from(d, m);
	PG_RETURN_ARRAYTYPE_P(zj_float8_result(d, m));
}

/* ---------------------------------------------------------------- critic_weights */

/* state: n, m, mean[m], co-moment matrix C[m×m] (C_jk = Σ (x_j − mean_j)(x_k − mean_k)) */
static int
critic_len(int m)
{
	/* guard the multiplication: more than 8192 indicators is refused by new_state anyway */
	return m > 8192 ? INT_MAX : 2 + m + m * m;
}

PG_FUNCTION_INFO_V1(zjgov_critic_accum);
Datum
zjgov_critic_accum(PG_FUNCTION_ARGS)
{
	ArrayType  *st;
	double	   *x;
	int			m;
	double	   *s = accum_start(fcinfo, "critic_weights", critic_len, false, &st, &x, &m);
	double	   *mean,
			   *c,
			   *delta,
				n1;

	mean = s + 2;
	c = s + 2 + m;
	n1 = s[0] + 1;
	delta = palloc(sizeof(double) * m);
	/* Welford: δ = x − old mean; mean += δ/n; C_jk += δ_j (x_k − new mean_k) */
	for (int j = 0; j < m; j++)
	{
		delta[j] = x[j] - mean[j];
		mean[j] += delta[j] / n1;
	}
	for (int j = 0; j < m; j++)
	{
		double	   *row = c + (Size) j * m;

		if (delta[j] == 0)
			continue;
		for (int k = 0; k < m; k++)
			row[k] += delta[j] * (x[k] - mean[k]);
	}
	s[0] = n1;
	pfree(delta);
	pfree(x);
	PG_RETURN_ARRAYTYPE_P(st);
}

PG_FUNCTION_INFO_V1(zjgov_critic_combine);
Datum
zjgov_critic_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *a;
	int			m;
	double	   *t;
	double	   *s = combine_start(fcinfo, "critic_weights", critic_len, &a, &t, &m);
	double		na,
				nb,
				n,
			   *delta;

	if (s == NULL)
		PG_RETURN_ARRAYTYPE_P(a);
	/* Chan et al.: mean = mean_a + δ n_b/n; C = C_a + C_b + δ_j δ_k n_a n_b / n */
	na = s[0];
	nb = t[0];
	n = na + nb;
	delta = palloc(sizeof(double) * m);
	for (int j = 0; j < m; j++)
	{
		delta[j] = t[2 + j] - s[2 + j];
		s[2 + j] += delta[j] * (nb / n);
	}
	for (int j = 0; j < m; j++)
	{
		double	   *ca = s + 2 + m + (Size) j * m;
		const double *cb = t + 2 + m + (Size) j * m;
		double		f = delta[j] * (na * nb / n);

		for (int k = 0; k < m; k++)
			ca[k] += cb[k] + f * delta[k];
	}
	s[0] = n;
	pfree(delta);
	PG_RETURN_ARRAYTYPE_P(a);
}

PG_FUNCTION_INFO_V1(zjgov_critic_final);
Datum
zjgov_critic_final(PG_FUNCTION_ARGS)
{
	int			m = 0;
	double	   *s = state_elems(PG_GETARG_ARRAYTYPE_P(0), "critic_weights", &m, critic_len);
	double	   *sd,
			   *cw,
				n;
	const double *c;

	if (s == NULL)
		PG_RETURN_NULL();
	n = s[0];
	check_rows(n, "critic_weights");
	c = s + 2 + m;
	sd = palloc(sizeof(double) * m);
	cw = palloc(sizeof(double) * m);
	for (int j = 0; j < m; j++)
	{
		if (isnan(c[(Size) j * m + j]) || isinf(c[(Size) j * m + j]))
			zj_out_of_range("x is too large for critic_weights");
		sd[j] = c[(Size) j * m + j] > 0 ? sqrt(c[(Size) j * m + j] / (n - 1)) : 0.0;
	}
	for (int j = 0; j < m; j++)
	{
		double		conflict = 0;

		CHECK_FOR_INTERRUPTS();
		if (sd[j] == 0)
		{
			cw[j] = 0;			/* a constant column carries no information */
			continue;
		}
		for (int k = 0; k < m; k++)
		{
			double		r = 0;

			if (k == j)
				r = 1;
			else if (sd[k] > 0)
			{
				r = c[(Size) j * m + k] / sqrt(c[(Size) j * m + j] * c[(Size) k * m + k]);
				r = r > 1 ? 1 : (r < -1 ? -1 : r);
			}
			conflict += 1 - r;
		}
		cw[j] = sd[j] * conflict;
	}
	weights_from(cw, m);
	PG_RETURN_ARRAYTYPE_P(zj_float8_result(cw, m));
}

/* ---------------------------------------------------------------- ahp */

#define AHP_MAX_N 15
#define AHP_TOL 1e-9

/* Saaty's random consistency index, n = 1..15 (docs/indicators.md) */
static const double saaty_ri[AHP_MAX_N + 1] = {
	0, 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59
};

static bool
close_rel(double a, double b)
{
	return fabs(a - b) <= AHP_TOL * Max(fabs(a), fabs(b));
}

PG_FUNCTION_INFO_V1(zjgov_ahp);
Datum
zjgov_ahp(PG_FUNCTION_ARGS)
{
	ArrayType  *ja = PG_GETARG_ARRAYTYPE_P(0);
	Datum	   *elems;
	bool	   *nulls;
	int			count,
				n;
	double		a[AHP_MAX_N][AHP_MAX_N],
				w[AHP_MAX_N],
				aw[AHP_MAX_N],
				lambda = 0,
				ci = 0,
				cr = 0;
	bool		converged = false;
	TupleDesc	tupdesc;
	Datum		values[5];
	bool		isnull[5] = {false, false, false, false, false};

	if (ARR_ELEMTYPE(ja) != FLOAT8OID)
		elog(ERROR, "judgements: expected float8[]");
	if (ARR_NDIM(ja) == 2)
	{
		n = ARR_DIMS(ja)[0];
		if (ARR_DIMS(ja)[1] != n)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("judgements must be a square matrix"),
					 errdetail("It is %d×%d.", ARR_DIMS(ja)[0], ARR_DIMS(ja)[1])));
	}
	else if (ARR_NDIM(ja) == 1)
	{
		int			len = ARR_DIMS(ja)[0];

		n = (int) floor(sqrt((double) len) + 0.5);
		if (n * n != len)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("judgements as a flat array must hold n² elements"),
					 errdetail("It holds %d elements.", len),
					 errhint("Pass an n×n array, e.g. '{{1,3},{0.3333333333333333,1}}', or its n² elements row by row.")));
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("judgements must be an n×n matrix"),
				 errdetail("It has %d dimensions.", ARR_NDIM(ja))));
	if (n < 1 || n > AHP_MAX_N)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("judgements must compare between 1 and %d criteria", AHP_MAX_N),
				 errdetail("Got %d.", n),
				 errhint("Group the criteria into a hierarchy of smaller matrices.")));

	deconstruct_array(ja, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, &nulls, &count);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
		{
			double		v;

			if (nulls[i * n + j])
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("judgements must not contain NULL elements"),
						 errdetail("Element [%d][%d] is NULL.", i + 1, j + 1)));
			v = DatumGetFloat8(elems[i * n + j]);
			if (isnan(v) || isinf(v) || v <= 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("judgements must be positive finite numbers"),
						 errdetail("Element [%d][%d] is %g.", i + 1, j + 1, v)));
			a[i][j] = v;
		}
	for (int i = 0; i < n; i++)
	{
		if (!close_rel(a[i][i], 1.0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("judgements must have 1 on the diagonal"),
					 errdetail("Element [%d][%d] is %g.", i + 1, i + 1, a[i][i])));
		for (int j = i + 1; j < n; j++)
			if (!close_rel(a[j][i], 1.0 / a[i][j]))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("judgements must be a reciprocal matrix"),
						 errdetail("Element [%d][%d] is %.17g but 1/[%d][%d] is %.17g.",
								   j + 1, i + 1, a[j][i], i + 1, j + 1, 1.0 / a[i][j]),
						 errhint("Write the lower triangle as exact reciprocals, e.g. 1/3.0 rather than 0.33.")));
	}

	/* power iteration from the uniform vector, normalised to sum 1 */
	for (int i = 0; i < n; i++)
		w[i] = 1.0 / n;
	for (int it = 0; it < 1000000 && !converged; it++)
	{
		double		sum = 0,
					diff = 0;

		if ((it & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		for (int i = 0; i < n; i++)
		{
			aw[i] = 0;
			for (int j = 0; j < n; j++)
				aw[i] += a[i][j] * w[j];
			sum += aw[i];
		}
		for (int i = 0; i < n; i++)
		{
			double		v = aw[i] / sum;

			diff = Max(diff, fabs(v - w[i]));
			w[i] = v;
		}
		converged = diff < 1e-12;
	}
	if (!converged)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("power iteration for the principal eigenvector did not converge"),
				 errhint("Judgements on Saaty's 1/9..9 scale always converge.")));

	for (int i = 0; i < n; i++)
	{
		double		s = 0;

		for (int j = 0; j < n; j++)
			s += a[i][j] * w[j];
		lambda += s / w[i];
	}
	lambda /= n;
	if (n > 2)
	{
		ci = (lambda - n) / (n - 1);
		cr = ci / saaty_ri[n];
	}

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "ahp: return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = PointerGetDatum(zj_float8_result(w, n));
	values[1] = Float8GetDatum(lambda);
	values[2] = Float8GetDatum(ci);
	values[3] = Float8GetDatum(cr);
	values[4] = BoolGetDatum(cr < 0.10);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, isnull)));
}

/* ---------------------------------------------------------------- topsis */

/* A float8[] argument of the current row: the expected length, no NULLs, finite, ≥ 0. */
static double *
weights_arg(ArrayType *wa, const char *argname, int m)
{
	int			len;
	double	   *w = zj_float8_array(wa, argname, &len, NULL, false);

	if (len != m)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s has %d elements but x has %d", argname, len, m)));
	for (int j = 0; j < m; j++)
		if (w[j] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must not be negative", argname),
					 errdetail("Element %d is %g.", j + 1, w[j])));
	return w;
}

PG_FUNCTION_INFO_V1(zjgov_topsis);
Datum
zjgov_topsis(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	ZjWinPart  *r = zj_win_part(fcinfo, sizeof(double));
	double	   *value = (double *) r->rows;

	if (!r->computed)
	{
		MemoryContext tmp = AllocSetContextCreate(CurrentMemoryContext, "zjgov topsis",
												  ALLOCSET_DEFAULT_SIZES);
		MemoryContext old = MemoryContextSwitchTo(tmp);
		double	  **rows = palloc0(sizeof(double *) * Max(r->nrows, 1));
		double	   *w = NULL,
				   *norm = NULL,
				   *best = NULL,
				   *worst = NULL;
		bool	   *benefit = NULL;
		int			m = 0;
		bool		isnull;
		Datum		d;

		for (int64 i = 0; i < r->nrows; i++)
		{
			bool		isout;
			int			len;

			if ((i & 1023) == 0)
				CHECK_FOR_INTERRUPTS();
			d = WinGetFuncArgInPartition(winobj, 0, i, WINDOW_SEEK_HEAD, false, &isnull, &isout);
			r->isnull[i] = isnull;
			if (isnull)
				continue;
			rows[i] = zj_float8_array(DatumGetArrayTypeP(d), "x", &len, NULL, false);
			if (len == 0)
				ereport(ERROR,
						(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
						 errmsg("x must not be empty")));
			if (m == 0)
				m = len;
			else if (len != m)
				ereport(ERROR,
						(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
						 errmsg("x has %d elements in one row and %d in another", len, m),
						 errdetail("Every row must hold the same indicators in the same order.")));
		}

		if (m > 0)
		{
			d = zj_win_arg(fcinfo, 1, "weights");
			w = weights_arg(DatumGetArrayTypeP(d), "weights", m);
			benefit = palloc(sizeof(bool) * m);
			d = zj_win_setting(fcinfo, 2, "benefit", &isnull);
			if (isnull)
				memset(benefit, true, sizeof(bool) * m);
			else
			{
				ArrayType  *ba = DatumGetArrayTypeP(d);
				Datum	   *be;
				bool	   *bn;
				int			len;

				if (ARR_NDIM(ba) > 1)
					ereport(ERROR,
							(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
							 errmsg("benefit must be a one-dimensional array")));
				deconstruct_array(ba, BOOLOID, 1, true, TYPALIGN_CHAR, &be, &bn, &len);
				if (len != m)
					ereport(ERROR,
							(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
							 errmsg("benefit has %d elements but x has %d", len, m)));
				for (int j = 0; j < m; j++)
				{
					if (bn[j])
						ereport(ERROR,
								(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
								 errmsg("benefit must not contain NULL elements"),
								 errdetail("Element %d is NULL.", j + 1)));
					benefit[j] = DatumGetBool(be[j]);
				}
			}

			/* r_ij = x_ij / √(Σ_i x_ij²), v_ij = w_j r_ij */
			norm = palloc0(sizeof(double) * m);
			best = palloc(sizeof(double) * m);
			worst = palloc(sizeof(double) * m);
			for (int64 i = 0; i < r->nrows; i++)
				if (rows[i])
					for (int j = 0; j < m; j++)
						norm[j] += rows[i][j] * rows[i][j];
			for (int j = 0; j < m; j++)
			{
				if (isinf(norm[j]))
					zj_out_of_range("x is too large for topsis");
				norm[j] = sqrt(norm[j]);
			}
			for (int j = 0; j < m; j++)
			{
				bool		first = true;

				for (int64 i = 0; i < r->nrows; i++)
				{
					double		v;

					if (!rows[i])
						continue;
					v = norm[j] > 0 ? w[j] * rows[i][j] / norm[j] : 0.0;
					rows[i][j] = v;
					if (first || (benefit[j] ? v > best[j] : v < best[j]))
						best[j] = v;
					if (first || (benefit[j] ? v < worst[j] : v > worst[j]))
						worst[j] = v;
					first = false;
				}
			}
			for (int64 i = 0; i < r->nrows; i++)
			{
				double		dp = 0,
							dm = 0;

				if (!rows[i])
					continue;
				for (int j = 0; j < m; j++)
				{
					dp += (rows[i][j] - best[j]) * (rows[i][j] - best[j]);
					dm += (rows[i][j] - worst[j]) * (rows[i][j] - worst[j]);
				}
				dp = sqrt(dp);
				dm = sqrt(dm);
				value[i] = (dp + dm > 0) ? dm / (dp + dm) : 0.5;
			}
		}
		MemoryContextSwitchTo(old);
		MemoryContextDelete(tmp);
		r->computed = true;
	}

	return window_return(fcinfo, winobj, r);
}

/* ---------------------------------------------------------------- weighted_score */

PG_FUNCTION_INFO_V1(zjgov_weighted_score);
Datum
zjgov_weighted_score(PG_FUNCTION_ARGS)
{
	int			m;
	bool	   *xnull;
	double	   *x = zj_float8_array(PG_GETARG_ARRAYTYPE_P(0), "x", &m, &xnull, false);
	double	   *w = weights_arg(PG_GETARG_ARRAYTYPE_P(1), "weights", m);
	double		sw = 0,
				swx = 0;

	for (int j = 0; j < m; j++)
	{
		if (xnull[j])
			continue;
		sw += w[j];
		swx += w[j] * x[j];
	}
	if (isinf(sw) || isinf(swx) || isnan(swx))
		zj_out_of_range("the weighted sum overflows");
	if (!(sw > 0))
		PG_RETURN_NULL();		/* nothing present, or only zero weights present */
	PG_RETURN_FLOAT8(swx / sw);
}
