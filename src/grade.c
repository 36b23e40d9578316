/*
 * grade.c — type zjgov.credit_grade (1 byte: its rank, D = 0 .. AAA = 9), grading a score on a
 * scale from zjgov.grade_scale, the PDO score and the time decay of credit records.
 */
#include "postgres.h"

#include <math.h>

#include "executor/spi.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "arrayutil.h"
#include "catalog.h"
#include "export.h"
#include "ordinal.h"

static const char *const grade_names[] = {"D", "C", "CC", "CCC", "B", "BB", "BBB", "A", "AA", "AAA"};
static const char *const grade_aliases[] = {NULL};

static const OrdinalNames grade_type = {"credit_grade", 10, grade_names, grade_aliases};

PG_FUNCTION_INFO_V1(zjgov_credit_grade_in);
Datum
zjgov_credit_grade_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_ORDINAL(zj_ordinal_parse(PG_GETARG_CSTRING(0), &grade_type));
}

PG_FUNCTION_INFO_V1(zjgov_credit_grade_out);
Datum
zjgov_credit_grade_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(pstrdup(zj_ordinal_name(PG_GETARG_ORDINAL(0), &grade_type)));
}

/* Binary format, version 1: one byte, the rank 0 (D) .. 9 (AAA). */
PG_FUNCTION_INFO_V1(zjgov_credit_grade_recv);
Datum
zjgov_credit_grade_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);

	PG_RETURN_ORDINAL(zj_ordinal_check(pq_getmsgbyte(buf), &grade_type));
}

/* send, comparison, btree/hash support and min/max: shared with colour (ordinal.c) */
ZJ_ORDINAL_ENTRY_POINTS(credit_grade);

/*
 * The scales of zjgov.grade_scale, read once per query through the catalog cache (catalog.c),
 * each best grade first.  A scale is checked the first time a call uses it.
 */
typedef struct GradeScale
{
	char	   *name;
	int			n;
	bool		checked;
	double	   *min_score;		/* descending */
	uint8	   *grade;			/* descending */
} GradeScale;

typedef struct GradeScales
{
	int			nscales;
	int			last;			/* the scale the previous call used, -1 at first */
	GradeScale *scales;
} GradeScales;

#define GRADE_SCALE_QUERY \
	"SELECT scale, grade, min_score FROM zjgov.grade_scale " \
	"ORDER BY scale COLLATE pg_catalog.\"C\", min_score DESC"

static void *
build_scales(SPITupleTable *tt, uint64 nrows, void *arg)
{
	GradeScales *gss = palloc0(sizeof(GradeScales));

	if (nrows > INT_MAX / 2)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("zjgov.grade_scale has too many rows")));
	gss->last = -1;
	gss->scales = palloc0(sizeof(GradeScale) * Max(nrows, 1));
	for (uint64 i = 0; i < nrows; i++)
	{
		HeapTuple	tup = tt->vals[i];
		char	   *name = SPI_getvalue(tup, tt->tupdesc, 1);
		GradeScale *gs;
		bool		isnull;

		if (gss->nscales == 0 || strcmp(gss->scales[gss->nscales - 1].name, name) != 0)
		{
			gs = &gss->scales[gss->nscales++];
			gs->name = name;
			gs->min_score = palloc(sizeof(double) * (nrows - i));
			gs->grade = palloc(sizeof(uint8) * (nrows - i));
		}
		gs = &gss->scales[gss->nscales - 1];
		gs->grade[gs->n] = DatumGetOrdinal(SPI_getbinval(tup, tt->tupdesc, 2, &isnull));
		gs->min_score[gs->n] = DatumGetFloat8(SPI_getbinval(tup, tt->tupdesc, 3, &isnull));
		gs->n++;
	}
	return gss;
}

/* The best grade must need the highest score: grades strictly descend with min_score. */
static void
check_scale(const char *name, int n, const double *min_score, const uint8 *grade)
{
	for (int i = 1; i < n; i++)
		if (!(grade[i] < grade[i - 1] && min_score[i] < min_score[i - 1]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("grade scale \"%s\" is not monotone", name),
					 errdetail("Grade %s needs %g but grade %s needs %g.",
							   grade_names[grade[i - 1]], min_score[i - 1], grade_names[grade[i]],
							   min_score[i]),
					 errhint("A better grade must need a strictly higher min_score.")));
}

/* The best grade whose min_score the score reaches. */
static uint8
grade_of(double score, const char *name, int n, const double *min_score, const uint8 *grade)
{
	zj_check_finite(score, "score");
	for (int i = 0; i < n; i++)
		if (score >= min_score[i])
			return grade[i];
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("score %g is below every grade of scale \"%s\"", score, name),
			 errdetail("The lowest grade %s needs %g.", grade_names[grade[n - 1]], min_score[n - 1]),
			 errhint("Give the lowest grade of the scale min_score '-Infinity'.")));
	return 0;					/* keep compiler quiet */
}

static GradeScale *
load_scale(FunctionCallInfo fcinfo, const char *name)
{
	GradeScales *gss = zj_catalog_get(fcinfo, GRADE_SCALE_QUERY, build_scales, NULL);
	GradeScale *gs = NULL;

	if (gss->last >= 0 && strcmp(gss->scales[gss->last].name, name) == 0)
		gs = &gss->scales[gss->last];
	for (int i = 0; gs == NULL && i < gss->nscales; i++)
		if (strcmp(gss->scales[i].name, name) == 0)
		{
			gs = &gss->scales[i];
			gss->last = i;
		}
	if (gs == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown grade scale \"%s\"", name),
				 errhint("The built-in scales are public, tax, market and bank; add your own to zjgov.grade_scale.")));
	if (gs->checked)
		return gs;

	for (int i = 0; i < gs->n; i++)
		zj_ordinal_check(gs->grade[i], &grade_type);
	check_scale(name, gs->n, gs->min_score, gs->grade);
	gs->checked = true;
	return gs;
}

PG_FUNCTION_INFO_V1(zjgov_credit_grade);
Datum
zjgov_credit_grade(PG_FUNCTION_ARGS)
{
	double		score = PG_GETARG_FLOAT8(0);
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(1));
	GradeScale *gs;

	zj_check_finite(score, "score");
	gs = load_scale(fcinfo, name);
	PG_RETURN_ORDINAL(grade_of(score, name, gs->n, gs->min_score, gs->grade));
}

/*
 * credit_grade_by(score, min_scores, grades): the same rule with the scale given as a value (best
 * grade first, as grade_scale_min_scores / grade_scale_grades return it), so it is IMMUTABLE: Citus
 * runs it on the shards (UPDATE ... SET g = credit_grade_by(...)) without reading a catalog there.
 */
PG_FUNCTION_INFO_V1(zjgov_credit_grade_by);
Datum
zjgov_credit_grade_by(PG_FUNCTION_ARGS)
{
	double		score = PG_GETARG_FLOAT8(0);
	ArrayType  *ma = PG_GETARG_ARRAYTYPE_P(1);
	ArrayType  *ga = PG_GETARG_ARRAYTYPE_P(2);
	int			n,
				ng;
	double	   *m = zj_float8_array(ma, "min_scores", &n, NULL, true);
	Datum	   *ge;
	bool	   *gnull;
	uint8	   *g;

	if (ARR_NDIM(ga) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("grades must be a one-dimensional array")));
	deconstruct_array(ga, ARR_ELEMTYPE(ga), 1, true, TYPALIGN_CHAR, &ge, &gnull, &ng);
	if (n == 0 || n != ng)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("min_scores and grades must have the same, non-zero length"),
				 errdetail("min_scores has %d elements and grades %d.", n, ng)));
	g = palloc(n);
	for (int i = 0; i < n; i++)
	{
		if (gnull[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("grades must not contain NULL elements"),
					 errdetail("Element %d is NULL.", i + 1)));
		g[i] = zj_ordinal_check(DatumGetOrdinal(ge[i]), &grade_type);
		if (isnan(m[i]) || (isinf(m[i]) && m[i] > 0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("min_scores must be finite numbers or -Infinity"),
					 errdetail("Element %d is %s.", i + 1, isnan(m[i]) ? "NaN" : "Infinity")));
	}
	check_scale("given", n, m, g);
	PG_RETURN_ORDINAL(grade_of(score, "given", n, m, g));
}

/*
 * pdo_score: factor = pdo / ln 2, offset = base_score - factor ln(base_odds),
 * score = offset + factor ln((1 - p) / p).
 */
PG_FUNCTION_INFO_V1(zjgov_pdo_score);
Datum
zjgov_pdo_score(PG_FUNCTION_ARGS)
{
	double		p = PG_GETARG_FLOAT8(0);
	double		base_score = PG_GETARG_FLOAT8(1);
	double		base_odds = PG_GETARG_FLOAT8(2);
	double		pdo = PG_GETARG_FLOAT8(3);
	double		factor;

	if (isnan(p) || !(p > 0.0 && p < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("p_bad must lie strictly between 0 and 1"),
				 errdetail("Got %g.", p)));
	zj_check_finite(base_score, "base_score");
	zj_check_finite(base_odds, "base_odds");
	zj_check_finite(pdo, "pdo");
	if (!(base_odds > 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("base_odds must be positive"),
				 errdetail("Got %g.", base_odds)));
	if (pdo == 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("pdo must not be zero")));
	factor = pdo / M_LN2;
	/* ln((1-p)/p) = log1p(-p) - log(p), exact for tiny p */
	PG_RETURN_FLOAT8(base_score + factor * ((log1p(-p) - log(p)) - log(base_odds)));
}

/* Seconds in an interval, as EXTRACT(EPOCH FROM interval): a month is 30 days, a year 365.25. */
static double
interval_seconds(Interval *iv)
{
	return DatumGetFloat8(DirectFunctionCall2(interval_part,
											  CStringGetTextDatum("epoch"),
											  IntervalPGetDatum(iv)));
}

/*
 * decayed(points, occurred, as_of, half_life, expire_after):
 * points for a future record; 0 once as_of >= occurred + expire_after (calendar arithmetic, as
 * timestamptz + interval); else points * 0.5 ^ ((as_of - occurred) / half_life).
 */
PG_FUNCTION_INFO_V1(zjgov_decayed);
Datum
zjgov_decayed(PG_FUNCTION_ARGS)
{
	double		points;
	TimestampTz occurred,
				as_of;
	Interval   *half_life;
	double		hl,
				elapsed;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	points = PG_GETARG_FLOAT8(0);
	occurred = PG_GETARG_TIMESTAMPTZ(1);
	as_of = PG_GETARG_TIMESTAMPTZ(2);
	half_life = PG_GETARG_INTERVAL_P(3);

	zj_check_finite(points, "points");
	if (TIMESTAMP_NOT_FINITE(occurred))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("occurred must be a finite timestamp")));
	if (TIMESTAMP_NOT_FINITE(as_of))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("as_of must be a finite timestamp")));
	hl = interval_seconds(half_life);
	if (!(hl > 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("half_life must be a positive interval")));
	if (!PG_ARGISNULL(4))
	{
		Interval   *expire = PG_GETARG_INTERVAL_P(4);
		TimestampTz end;

		if (interval_seconds(expire) < 0.0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("expire_after must not be a negative interval")));
		if (as_of >= occurred)
		{
			end = DatumGetTimestampTz(DirectFunctionCall2(timestamptz_pl_interval,
														  TimestampTzGetDatum(occurred),
														  IntervalPGetDatum(expire)));
			if (as_of >= end)
				PG_RETURN_FLOAT8(0.0);
		}
	}
	if (as_of <= occurred)
		PG_RETURN_FLOAT8(points);	/* a future record counts fully */
	elapsed = (double) (as_of - occurred) / (double) USECS_PER_SEC;
	PG_RETURN_FLOAT8(points * pow(0.5, elapsed / hl));
}
