/*
 * colour.c — type zjgov.colour (1 byte: its severity rank) and the colour rules:
 * names, palette, warning levels, classify, colour_of, three_colour.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "arrayutil.h"
#include "colour.h"
#include "export.h"
#include "ordinal.h"

/*
 * The byte of a colour is its severity rank.  Version 1.1 added purple (5) and maroon (6), the two
 * air-quality levels above red (HJ 633-2012), after the five 1.0 values, whose bytes are unchanged:
 * stored colours and their btree and hash indexes stay valid across the update.
 */
static const char *const colour_names[] = {"green", "blue", "yellow", "orange", "red", "purple", "maroon"};
static const char *const colour_zh_names[] = {"绿色", "蓝色", "黄色", "橙色", "红色", "紫色", "褐红色"};
static const char *const colour_hexes[] = {"#1A9641", "#2B83BA", "#FDD835", "#F46D43", "#D7191C",
	"#99004C", "#7E0023"};
/* national warning levels are I-IV: none for green, purple and maroon */
static const char *const colour_levels[] = {NULL, "IV", "III", "II", "I", NULL, NULL};
static const char *const colour_aliases[] = {
	"绿=0", "蓝=1", "黄=2", "橙=3", "红=4", "紫=5", "褐红=6",
	"绿色=0", "蓝色=1", "黄色=2", "橙色=3", "红色=4", "紫色=5", "褐红色=6",
	NULL
};

const OrdinalNames zj_colour_type = {"colour", COLOUR_COUNT, colour_names, colour_aliases};

PG_FUNCTION_INFO_V1(zjgov_colour_in);
Datum
zjgov_colour_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_ORDINAL(zj_ordinal_parse(PG_GETARG_CSTRING(0), &zj_colour_type));
}

PG_FUNCTION_INFO_V1(zjgov_colour_out);
Datum
zjgov_colour_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(pstrdup(zj_ordinal_name(PG_GETARG_ORDINAL(0), &zj_colour_type)));
}

/* Binary format, version 1: one byte, the severity rank 0 (green) .. 4 (red), 5 (purple), 6 (maroon). */
PG_FUNCTION_INFO_V1(zjgov_colour_recv);
Datum
zjgov_colour_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);

	PG_RETURN_ORDINAL(zj_ordinal_check(pq_getmsgbyte(buf), &zj_colour_type));
}

/* send, comparison, btree/hash support and min/max: shared with credit_grade (ordinal.c) */
ZJ_ORDINAL_ENTRY_POINTS(colour);

PG_FUNCTION_INFO_V1(zjgov_colour_zh);
Datum
zjgov_colour_zh(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(colour_zh_names[zj_ordinal_check(PG_GETARG_ORDINAL(0), &zj_colour_type)]));
}

PG_FUNCTION_INFO_V1(zjgov_colour_hex);
Datum
zjgov_colour_hex(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(zj_colour_hex_of(PG_GETARG_ORDINAL(0))));
}

const char *
zj_colour_hex_of(uint8 c)
{
	return colour_hexes[zj_ordinal_check(c, &zj_colour_type)];
}

PG_FUNCTION_INFO_V1(zjgov_warning_level);
Datum
zjgov_warning_level(PG_FUNCTION_ARGS)
{
	const char *l = colour_levels[zj_ordinal_check(PG_GETARG_ORDINAL(0), &zj_colour_type)];

	if (l == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(l));
}

PG_FUNCTION_INFO_V1(zjgov_classify);
Datum
zjgov_classify(PG_FUNCTION_ARGS)
{
	double		x = PG_GETARG_FLOAT8(0);
	int			n;
	double	   *t = zj_thresholds(PG_GETARG_ARRAYTYPE_P(1), "thresholds", &n);

	zj_check_finite(x, "value");
	PG_RETURN_INT32(zj_class_of(x, t, n));
}

/* Default palettes, mildest first, for k = 2..6 classes (6: the air-quality levels). */
#define MAX_DEFAULT_PALETTE 6
static const uint8 default_palettes[MAX_DEFAULT_PALETTE + 1][MAX_DEFAULT_PALETTE] = {
	{0}, {0},
	{COLOUR_GREEN, COLOUR_RED},
	{COLOUR_GREEN, COLOUR_YELLOW, COLOUR_RED},
	{COLOUR_BLUE, COLOUR_YELLOW, COLOUR_ORANGE, COLOUR_RED},
	{COLOUR_GREEN, COLOUR_BLUE, COLOUR_YELLOW, COLOUR_ORANGE, COLOUR_RED},
	{COLOUR_GREEN, COLOUR_YELLOW, COLOUR_ORANGE, COLOUR_RED, COLOUR_PURPLE, COLOUR_MAROON},
};

PG_FUNCTION_INFO_V1(zjgov_colour_of);
Datum
zjgov_colour_of(PG_FUNCTION_ARGS)
{
	double		x;
	int			n,
				k,
				cls;
	double	   *t;
	bool		higher_is_worse = true;
	const uint8 *palette;

	/* not STRICT: palette and higher_is_worse may be NULL (defaults) */
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	x = PG_GETARG_FLOAT8(0);
	t = zj_thresholds(PG_GETARG_ARRAYTYPE_P(1), "thresholds", &n);
	zj_check_finite(x, "value");
	k = n + 1;
	if (PG_NARGS() > 3 && !PG_ARGISNULL(3))
		higher_is_worse = PG_GETARG_BOOL(3);

	if (PG_NARGS() > 2 && !PG_ARGISNULL(2))
	{
		ArrayType  *pa = PG_GETARG_ARRAYTYPE_P(2);
		Datum	   *elems;
		bool	   *nulls;
		int			np;
		uint8	   *p;

		if (ARR_NDIM(pa) > 1)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("palette must be a one-dimensional array")));
		deconstruct_array(pa, ARR_ELEMTYPE(pa), 1, true, TYPALIGN_CHAR, &elems, &nulls, &np);
		if (np != k)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("palette must have one colour per class"),
					 errdetail("%d thresholds make %d classes, but the palette has %d colours.",
							   n, k, np)));
		p = palloc(k);
		for (int i = 0; i < np; i++)
		{
			if (nulls[i])
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("palette must not contain NULL elements")));
			p[i] = zj_ordinal_check(DatumGetOrdinal(elems[i]), &zj_colour_type);
		}
		palette = p;
	}
	else
	{
		if (k < 2 || k > MAX_DEFAULT_PALETTE)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("there is no default palette for %d classes", k),
					 errdetail("thresholds has %d elements; default palettes cover 1 to %d thresholds.",
							   n, MAX_DEFAULT_PALETTE - 1),
					 errhint("Pass a palette with one colour per class.")));
		palette = default_palettes[k];
	}

	cls = zj_class_of(x, t, n);
	PG_RETURN_ORDINAL(palette[higher_is_worse ? cls - 1 : k - cls]);
}

PG_FUNCTION_INFO_V1(zjgov_three_colour);
Datum
zjgov_three_colour(PG_FUNCTION_ARGS)
{
	double		x = PG_GETARG_FLOAT8(0);
	double		y = PG_GETARG_FLOAT8(1);
	double		r = PG_GETARG_FLOAT8(2);

	zj_check_finite(x, "value");
	zj_check_finite(y, "yellow_at");
	zj_check_finite(r, "red_at");
	if (y == r)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("yellow_at and red_at must differ"),
				 errdetail("Both are %g.", y),
				 errhint("yellow_at < red_at means high values are bad; yellow_at > red_at means low values are bad.")));
	if (y < r)
		PG_RETURN_ORDINAL(x >= r ? COLOUR_RED : (x >= y ? COLOUR_YELLOW : COLOUR_GREEN));
	PG_RETURN_ORDINAL(x <= r ? COLOUR_RED : (x <= y ? COLOUR_YELLOW : COLOUR_GREEN));
}

/* ---------------------------------------------------------------- warning rules (docs/colours.md) */

static char *
interval_text(Interval *i)
{
	return DatumGetCString(DirectFunctionCall1(interval_out, IntervalPGetDatum(i)));
}

/*
 * 三色督办: green before deadline + yellow_after, yellow from then, red from deadline + red_after.
 * STABLE: adding days or months to a timestamptz depends on the TimeZone setting.
 */
PG_FUNCTION_INFO_V1(zjgov_overdue_colour);
Datum
zjgov_overdue_colour(PG_FUNCTION_ARGS)
{
	Datum		deadline = PG_GETARG_DATUM(0);
	TimestampTz as_of = PG_GETARG_TIMESTAMPTZ(1);
	Interval   *yellow_after = PG_GETARG_INTERVAL_P(2);
	Interval   *red_after = PG_GETARG_INTERVAL_P(3);
	TimestampTz yellow_at,
				red_at;

	if (DatumGetInt32(DirectFunctionCall2(interval_cmp, IntervalPGetDatum(red_after),
										  IntervalPGetDatum(yellow_after))) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("red_after must not be less than yellow_after"),
				 errdetail("yellow_after is \"%s\" and red_after is \"%s\".",
						   interval_text(yellow_after), interval_text(red_after)),
				 errhint("Intervals compare as PostgreSQL compares them (1 month = 30 days).")));
	yellow_at = DatumGetTimestampTz(DirectFunctionCall2(timestamptz_pl_interval, deadline,
														IntervalPGetDatum(yellow_after)));
	red_at = DatumGetTimestampTz(DirectFunctionCall2(timestamptz_pl_interval, deadline,
													 IntervalPGetDatum(red_after)));
	if (as_of >= red_at)
		PG_RETURN_ORDINAL(COLOUR_RED);
	if (as_of >= yellow_at)
		PG_RETURN_ORDINAL(COLOUR_YELLOW);
	PG_RETURN_ORDINAL(COLOUR_GREEN);
}

/* 5×5 risk matrix, R = L·S: red R >= 20, orange R >= 15, yellow R >= 9, else blue. */
PG_FUNCTION_INFO_V1(zjgov_risk_colour);
Datum
zjgov_risk_colour(PG_FUNCTION_ARGS)
{
	int32		l = PG_GETARG_INT32(0);
	int32		s = PG_GETARG_INT32(1);
	int32		r;

	if (l < 1 || l > 5)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("likelihood must be between 1 and 5"),
				 errdetail("Got %d.", l)));
	if (s < 1 || s > 5)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("severity must be between 1 and 5"),
				 errdetail("Got %d.", s)));
	r = l * s;
	PG_RETURN_ORDINAL(r >= 20 ? COLOUR_RED :
					  r >= 15 ? COLOUR_ORANGE :
					  r >= 9 ? COLOUR_YELLOW : COLOUR_BLUE);
}

static void
check_positive(double x, const char *argname)
{
	zj_check_finite(x, argname);
	if (!(x > 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a positive number", argname),
				 errdetail("Got %g.", x)));
}

/*
 * LEC method (作业条件危险性评价), D = L·E·C: red D > 320, orange D > 160, yellow D > 70,
 * blue D > 20, else green.  A product within 1e-12 (relative) of a boundary counts as the
 * boundary itself, so that decimal factors such as 0.1 or 0.2 land on it despite rounding.
 */
PG_FUNCTION_INFO_V1(zjgov_lec_colour);
Datum
zjgov_lec_colour(PG_FUNCTION_ARGS)
{
	static const double bounds[] = {20, 70, 160, 320};
	double		l = PG_GETARG_FLOAT8(0);
	double		e = PG_GETARG_FLOAT8(1);
	double		c = PG_GETARG_FLOAT8(2);
	double		d;

	check_positive(l, "l");
	check_positive(e, "e");
	check_positive(c, "c");
	d = l * e * c;
	for (int i = 0; i < lengthof(bounds); i++)
		if (fabs(d - bounds[i]) <= 1e-12 * bounds[i])
			d = bounds[i];
	PG_RETURN_ORDINAL(d > 320 ? COLOUR_RED :
					  d > 160 ? COLOUR_ORANGE :
					  d > 70 ? COLOUR_YELLOW :
					  d > 20 ? COLOUR_BLUE : COLOUR_GREEN);
}
