/*
 * rules.c — warning rules kept in zjgov.warning_rule (versioned thresholds, the colour of each
 * class, the measure each class triggers): the row validation behind the table's CHECK
 * constraint, warn, warn_measure, and the escalation window.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/memutils.h"
#include "windowapi.h"

#include "arrayutil.h"
#include "catalog.h"
#include "colour.h"
#include "export.h"
#include "ordinal.h"

/* One version of a rule: k - 1 thresholds, k colours, k measures (or none). */
typedef struct RuleVersion
{
	DateADT		valid_from;
	int			n;				/* thresholds */
	double	   *thresholds;
	uint8	   *colours;		/* n + 1 */
	bool		lower_inclusive;
	char	  **measures;		/* n + 1 entries (each may be NULL), or NULL */
} RuleVersion;

typedef struct Rule
{
	char	   *name;
	bool		parsed;			/* versions checked and parsed (on first use) */
	int			nversions;
	RuleVersion *versions;		/* ascending valid_from */
	/* the rows as read, until parsed */
	ArrayType **thresholds,
			  **colours,
			  **measures;		/* elements may be NULL */
} Rule;

/*
 * Every rule of zjgov.warning_rule, read once per query and call site through the catalog cache
 * (catalog.c), sorted by name (bytewise).  A rule is checked the first time a call uses it, so one
 * broken row (its CHECK constraint dropped) does not break the other rules.
 */
typedef struct Rules
{
	int			nrules;
	int			last;			/* the rule the previous call used, -1 at first */
	Rule	   *rules;
} Rules;

#define WARNING_RULE_QUERY \
	"SELECT rule, valid_from, thresholds, colours, lower_inclusive, measures FROM zjgov.warning_rule " \
	"ORDER BY rule COLLATE pg_catalog.\"C\", valid_from"

/*
 * Check one rule version's arrays and fill v (allocated in the current memory context).  The
 * errors name the rule when known (NULL while a row is being checked by the table's constraint).
 */
static void
parse_version(ArrayType *thresholds, ArrayType *colours, ArrayType *measures, RuleVersion *v)
{
	Datum	   *elems;
	bool	   *nulls;
	int			nc;

	v->thresholds = zj_thresholds(thresholds, "thresholds", &v->n);

	if (ARR_NDIM(colours) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("colours must be a one-dimensional array")));
	deconstruct_array(colours, ARR_ELEMTYPE(colours), 1, true, TYPALIGN_CHAR, &elems, &nulls, &nc);
	if (nc != v->n + 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("colours must have one colour per class"),
				 errdetail("%d thresholds make %d classes, but colours has %d elements.",
						   v->n, v->n + 1, nc)));
	v->colours = palloc(nc);
	for (int i = 0; i < nc; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("colours must not contain NULL elements")));
		v->colours[i] = zj_ordinal_check(DatumGetOrdinal(elems[i]), &zj_colour_type);
	}

	v->measures = NULL;
	if (measures != NULL)
	{
		int			nm;

		if (ARR_NDIM(measures) > 1)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("measures must be a one-dimensional array")));
		deconstruct_array(measures, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &nm);
		if (nm != nc)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("measures must have one measure per class"),
					 errdetail("%d thresholds make %d classes, but measures has %d elements.",
							   v->n, nc, nm),
					 errhint("Use NULL for a class without a measure, or leave measures NULL.")));
		v->measures = palloc(sizeof(char *) * nm);
		for (int i = 0; i < nm; i++)
			v->measures[i] = nulls[i] ? NULL : TextDatumGetCString(elems[i]);
		/* warn_measure looks a measure up by colour: a colour used twice needs one measure */
		for (int i = 0; i < nm; i++)
			for (int j = 0; j < i; j++)
				if (v->colours[i] == v->colours[j] &&
					!((v->measures[i] == NULL && v->measures[j] == NULL) ||
					  (v->measures[i] != NULL && v->measures[j] != NULL &&
					   strcmp(v->measures[i], v->measures[j]) == 0)))
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("colour %s has two different measures",
									zj_ordinal_name(v->colours[i], &zj_colour_type)),
							 errdetail("Classes %d and %d are both %s.", j + 1, i + 1,
									   zj_ordinal_name(v->colours[i], &zj_colour_type)),
							 errhint("Give classes of the same colour the same measure.")));
	}
}

/* The CHECK constraint of zjgov.warning_rule: true, or an ERROR that says what is wrong. */
PG_FUNCTION_INFO_V1(zjgov_warning_rule_check);
Datum
zjgov_warning_rule_check(PG_FUNCTION_ARGS)
{
	RuleVersion v;

	/* NOT NULL constraints report missing columns */
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	parse_version(PG_GETARG_ARRAYTYPE_P(0), PG_GETARG_ARRAYTYPE_P(1),
				  PG_ARGISNULL(2) ? NULL : PG_GETARG_ARRAYTYPE_P(2), &v);
	PG_RETURN_BOOL(true);
}

static void *
build_rules(SPITupleTable *tt, uint64 nrows, void *arg)
{
	Rules	   *rs = palloc0(sizeof(Rules));

	if (nrows > INT_MAX / 2)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("zjgov.warning_rule has too many rows")));
	rs->last = -1;
	rs->rules = palloc0(sizeof(Rule) * Max(nrows, 1));
	for (uint64 i = 0; i < nrows; i++)
	{
		HeapTuple	tup = tt->vals[i];
		TupleDesc	td = tt->tupdesc;
		char	   *name = SPI_getvalue(tup, td, 1);
		bool		isnull[6];
		Datum		d[6];
		Rule	   *r;
		RuleVersion *v;

		for (int c = 1; c < 6; c++)
			d[c] = SPI_getbinval(tup, td, c + 1, &isnull[c]);
		if (name == NULL || isnull[1] || isnull[2] || isnull[3] || isnull[4])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("zjgov.warning_rule has a NULL in a NOT NULL column")));
		if (rs->nrules == 0 || strcmp(rs->rules[rs->nrules - 1].name, name) != 0)
		{
			uint64		left = nrows - i;

			r = &rs->rules[rs->nrules++];
			r->name = name;
			r->versions = palloc0(sizeof(RuleVersion) * left);
			r->thresholds = palloc0(sizeof(ArrayType *) * left);
			r->colours = palloc0(sizeof(ArrayType *) * left);
			r->measures = palloc0(sizeof(ArrayType *) * left);
		}
		r = &rs->rules[rs->nrules - 1];
		v = &r->versions[r->nversions];
		v->valid_from = DatumGetDateADT(d[1]);
		v->lower_inclusive = DatumGetBool(d[4]);
		/* copies in this (the cache entry's) context */
		r->thresholds[r->nversions] = DatumGetArrayTypePCopy(d[2]);
		r->colours[r->nversions] = DatumGetArrayTypePCopy(d[3]);
		r->measures[r->nversions] = isnull[5] ? NULL : DatumGetArrayTypePCopy(d[5]);
		r->nversions++;
	}
	return rs;
}

static Rule *
load_rule(FunctionCallInfo fcinfo, const char *name)
{
	Rules	   *rs = zj_catalog_get(fcinfo, WARNING_RULE_QUERY, build_rules, NULL);
	Rule	   *r = NULL;
	MemoryContext old;

	if (rs->last >= 0 && strcmp(rs->rules[rs->last].name, name) == 0)
		r = &rs->rules[rs->last];
	else
	{
		int			lo = 0,
					hi = rs->nrules;

		while (lo < hi)
		{
			int			mid = lo + (hi - lo) / 2;
			int			cmp = strcmp(rs->rules[mid].name, name);

			if (cmp == 0)
			{
				r = &rs->rules[mid];
				rs->last = mid;
				break;
			}
			if (cmp < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	if (r == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("warning rule \"%s\" does not exist", name),
				 errhint("The built-in rules are aqi, lec and risk_matrix; add your own to zjgov.warning_rule.")));
	if (r->parsed)
		return r;

	/* the same checks as the table's constraint (which a table owner can drop) */
	old = MemoryContextSwitchTo(GetMemoryChunkContext(rs));
	for (int i = 0; i < r->nversions; i++)
	{
		RuleVersion *v = &r->versions[i];
		DateADT		from = v->valid_from;
		bool		incl = v->lower_inclusive;

		parse_version(r->thresholds[i], r->colours[i], r->measures[i], v);
		v->valid_from = from;
		v->lower_inclusive = incl;
	}
	MemoryContextSwitchTo(old);
	r->parsed = true;
	return r;
}

static char *
date_text(DateADT d)
{
	return DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(d)));
}

/* The version in force on as_of: the greatest valid_from on or before it. */
static const RuleVersion *
version_on(const Rule *r, DateADT as_of)
{
	int			lo = 0,
				hi = r->nversions;

	/* first version with valid_from > as_of */
	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (r->versions[mid].valid_from <= as_of)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("warning rule \"%s\" has no version in force on %s", r->name, date_text(as_of)),
				 errdetail("Its first version is valid from %s.", date_text(r->versions[0].valid_from)),
				 errhint("Add a version with an earlier valid_from to zjgov.warning_rule.")));
	return &r->versions[lo - 1];
}

/*
 * The class (0-based) of x: the number of thresholds below x, plus those equal to x when
 * lower_inclusive.  A value within 1e-12 (relative) of a threshold counts as the threshold, so
 * that products of decimal factors (LEC: 0.2 x 1 x 100) land on it despite rounding.
 */
static int
class_of(const RuleVersion *v, double x)
{
	int			k = 0;

	for (int i = 0; i < v->n; i++)
	{
		double		t = v->thresholds[i];
		bool		at = (x == t) || fabs(x - t) <= 1e-12 * fabs(t);

		if (at ? v->lower_inclusive : x > t)
			k++;
		else
			break;
	}
	return k;
}

PG_FUNCTION_INFO_V1(zjgov_warn);
Datum
zjgov_warn(PG_FUNCTION_ARGS)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	double		x = PG_GETARG_FLOAT8(1);
	DateADT		as_of = PG_GETARG_DATEADT(2);
	const RuleVersion *v;

	zj_check_finite(x, "value");
	v = version_on(load_rule(fcinfo, name), as_of);
	PG_RETURN_ORDINAL(v->colours[class_of(v, x)]);
}

PG_FUNCTION_INFO_V1(zjgov_warn_measure);
Datum
zjgov_warn_measure(PG_FUNCTION_ARGS)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	uint8		c = zj_ordinal_check(PG_GETARG_ORDINAL(1), &zj_colour_type);
	DateADT		as_of = PG_GETARG_DATEADT(2);
	const RuleVersion *v = version_on(load_rule(fcinfo, name), as_of);
	StringInfoData cols;

	for (int i = 0; i <= v->n; i++)
		if (v->colours[i] == c)
		{
			if (v->measures == NULL || v->measures[i] == NULL)
				PG_RETURN_NULL();
			PG_RETURN_TEXT_P(cstring_to_text(v->measures[i]));
		}
	initStringInfo(&cols);
	for (int i = 0; i <= v->n; i++)
		appendStringInfo(&cols, "%s%s", i ? ", " : "", zj_ordinal_name(v->colours[i], &zj_colour_type));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("warning rule \"%s\" has no class of colour %s", name, zj_ordinal_name(c, &zj_colour_type)),
			 errdetail("The version in force on %s has the colours %s.", date_text(as_of), cols.data)));
	PG_RETURN_NULL();			/* keep compiler quiet */
}

/* ---------------------------------------------------------------- escalation */

/*
 * The run of periods at yellow or worse ending at the current row, carried from row to row: the
 * executor calls a window function on the rows of a partition in order, so row t extends row t-1's
 * run.  If a position is ever skipped the run is counted again from the partition's start.
 */
typedef struct EscalateState
{
	int64		next;			/* the position whose run follows from run */
	int64		run;
} EscalateState;

static bool
win_colour(WindowObject winobj, int argno, int64 pos, bool relative_to_current, uint8 *c)
{
	bool		isnull;
	Datum		d;

	if (relative_to_current)
		d = WinGetFuncArgCurrent(winobj, argno, &isnull);
	else
		d = WinGetFuncArgInPartition(winobj, argno, pos, WINDOW_SEEK_HEAD, false, &isnull, NULL);
	if (isnull)
		return false;
	*c = zj_ordinal_check(DatumGetOrdinal(d), &zj_colour_type);
	return true;
}

static int64
run_step(int64 run, WindowObject winobj, int64 pos, bool current)
{
	uint8		c;

	if (!win_colour(winobj, 0, pos, current, &c))
		return run;				/* NULL rows are skipped */
	return c >= COLOUR_YELLOW ? run + 1 : 0;
}

PG_FUNCTION_INFO_V1(zjgov_escalate);
Datum
zjgov_escalate(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	EscalateState *st = WinGetPartitionLocalMemory(winobj, sizeof(EscalateState));
	int64		pos = WinGetCurrentPosition(winobj);
	bool		isnull;
	int32		after;
	uint8		c,
				cap;
	int64		raised;

	if (st->next != pos)
	{
		st->run = 0;
		for (int64 p = 0; p < pos; p++)
		{
			CHECK_FOR_INTERRUPTS();
			st->run = run_step(st->run, winobj, p, false);
		}
	}
	st->run = run_step(st->run, winobj, pos, true);
	st->next = pos + 1;

	after = DatumGetInt32(WinGetFuncArgCurrent(winobj, 1, &isnull));
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("after must not be NULL")));
	if (after < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("after must be at least 1"),
				 errdetail("Got %d.", after)));
	if (!win_colour(winobj, 2, pos, true, &cap))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("cap must not be NULL")));
	if (!win_colour(winobj, 0, pos, true, &c))
		PG_RETURN_NULL();

	raised = Min((int64) c + st->run / after, (int64) cap);
	PG_RETURN_ORDINAL(Max((int64) c, raised));
}
