/*
 * grade.c — type zjgov.credit_grade (1 byte: D = 0 .. AAA = 9, M = 10, ordered by a rank table), grading a score on a
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
#include "utils/sortsupport.h"
#include "utils/timestamp.h"

#include "arrayutil.h"
#include "catalog.h"
#include "export.h"
#include "grade.h"
#include "ordinal.h"

/*
 * Byte values: the first release stored D = 0 .. AAA = 9 and compared the bytes.  M (纳税信用 M级,
 * newly registered taxpayers) came later as byte 10, ordered just below B: so the order is a rank
 * table over the bytes, not the bytes themselves.  The ranks of 0 .. 9 keep their relative order,
 * which keeps stored values and their btree and hash indexes valid across the upgrade (hashes are
 * of the byte, unchanged).
 */
static const char *const grade_names[] = {"D", "C", "CC", "CCC", "B", "BB", "BBB", "A", "AA", "AAA", "M"};
static const char *const grade_aliases[] = {NULL};

/* rank of each byte: D 0, C 2, CC 4, CCC 6, M 7, B 8, ... AAA 18 */
static const uint8 grade_rank[] = {0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 7};

static const OrdinalNames grade_type = {"credit_grade", 11, grade_names, grade_aliases};

static inline int
grade_cmp(uint8 a, uint8 b)
{
	int			ra = grade_rank[zj_ordinal_check(a, &grade_type)];
	int			rb = grade_rank[zj_ordinal_check(b, &grade_type)];

	return ra < rb ? -1 : (ra > rb ? 1 : 0);
}

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

/* Binary format, version 1: one byte, 0 (D) .. 9 (AAA), 10 (M). */
PG_FUNCTION_INFO_V1(zjgov_credit_grade_recv);
Datum
zjgov_credit_grade_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);

	PG_RETURN_ORDINAL(zj_ordinal_check(pq_getmsgbyte(buf), &grade_type));
}

/* send, equality and hashing: of the byte, shared with colour (ordinal.c) */
ZJ_ORDINAL_ENTRY(credit_grade, send);
ZJ_ORDINAL_ENTRY(credit_grade, eq);
ZJ_ORDINAL_ENTRY(credit_grade, ne);
ZJ_ORDINAL_ENTRY(credit_grade, hash);
ZJ_ORDINAL_ENTRY(credit_grade, hash_extended);

/* order: by the rank table */
#define GRADE_CMP(name, op) \
PG_FUNCTION_INFO_V1(zjgov_credit_grade_##name); \
Datum zjgov_credit_grade_##name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(grade_cmp(PG_GETARG_ORDINAL(0), PG_GETARG_ORDINAL(1)) op 0); \
} \
extern int no_such_variable
GRADE_CMP(lt, <);
GRADE_CMP(le, <=);
GRADE_CMP(ge, >=);
GRADE_CMP(gt, >);

PG_FUNCTION_INFO_V1(zjgov_credit_grade_cmp);
Datum
zjgov_credit_grade_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(grade_cmp(PG_GETARG_ORDINAL(0), PG_GETARG_ORDINAL(1)));
}

static int
grade_fastcmp(Datum x, Datum y, SortSupport ssup)
{
	return grade_cmp(DatumGetOrdinal(x), DatumGetOrdinal(y));
}

PG_FUNCTION_INFO_V1(zjgov_credit_grade_sortsupport);
Datum
zjgov_credit_grade_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = grade_fastcmp;
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(zjgov_credit_grade_larger);
Datum
zjgov_credit_grade_larger(PG_FUNCTION_ARGS)
{
	uint8		a = PG_GETARG_ORDINAL(0);
	uint8		b = PG_GETARG_ORDINAL(1);

	PG_RETURN_ORDINAL(grade_cmp(a, b) >= 0 ? a : b);
}

PG_FUNCTION_INFO_V1(zjgov_credit_grade_smaller);
Datum
zjgov_credit_grade_smaller(PG_FUNCTION_ARGS)
{
	uint8		a = PG_GETARG_ORDINAL(0);
	uint8		b = PG_GETARG_ORDINAL(1);

	PG_RETURN_ORDINAL(grade_cmp(a, b) <= 0 ? a : b);
}

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
		if (!(grade_cmp(grade[i], grade[i - 1]) < 0 && min_score[i] < min_score[i - 1]))
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
 * The PDO scaling's factor = pdo / ln 2, after checking the scaling arguments (finite, base_odds > 0,
 * pdo <> 0); the offset is base_score − factor·ln(base_odds).  Shared with scorecard_points.
 */
double
zj_pdo_factor(double base_score, double base_odds, double pdo)
{
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
	return pdo / M_LN2;
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
	factor = zj_pdo_factor(base_score, base_odds, pdo);
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
