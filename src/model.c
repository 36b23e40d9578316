/*
 * model.c — hierarchical indicator models (table zjgov.indicator) and the aggregates score and
 * score_detail over long-format (entity, code, value) rows.
 *
 * The catalog table is read once per statement and backend (the catalog cache, catalog.c) and
 * each model is validated
 * the first time a query uses it.  The aggregate state is a zjgov.aggstate of (node index, value)
 * records; node indices number every row of the catalog in (model, code) byte order, so they mean
 * the same thing in every parallel worker, and the state carries a fingerprint of the catalog and
 * the model index so that the final function can check both.
 */
#include "postgres.h"

#include <math.h>

#include "common/hashfn.h"
#include "common/shortest_dec.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"
#include "utils/json.h"
#include "utils/memutils.h"

#include "aggstate.h"
#include "catalog.h"
#include "export.h"
#include "indicator.h"

#define SCORE_KIND 'm'			/* aggstate family: model scores */

typedef struct ModelNode
{
	char	   *code;
	int			codelen;
	char	   *parent_code;	/* NULL for a node at the root level */
	int			model;			/* index into the models */
	int			parent;			/* node index of the parent, -1 at the root level */
	bool		weight_null;
	double		weight;
	char	   *direction;
	bool		lo_null,
				hi_null;
	double		lo,
				hi;
	bool		leaf;
	ZjDirection dir;
} ModelNode;

typedef struct Model
{
	char	   *name;
	int			namelen;
	int			first;			/* its nodes are first .. first + count − 1 */
	int			count;
	int			nleaves;
	bool		validated;
	int		   *order;			/* node indices, parents before children (BFS from the roots) */
	/* per-entity work space, reused by every group */
	double	   *score;
	bool	   *has;
	double	   *sum_w,
			   *sum_ws;
} Model;

typedef struct Catalog
{
	int			nnodes;
	ModelNode  *nodes;
	int			nmodels;
	Model	   *models;
	uint32		fingerprint;
	int			hashsize;		/* power of two */
	int		   *hash;			/* node index or −1 */
	int			last_model;		/* the model the previous row named */
	MemoryContext cxt;
} Catalog;

static uint32
code_hash(int model, const char *code, int len)
{
	return hash_bytes((const unsigned char *) code, len) ^ (uint32) (model * 0x9E3779B1u);
}

#define INDICATOR_QUERY \
	"SELECT model, code, parent, weight, direction, lo, hi FROM zjgov.indicator " \
	"ORDER BY model COLLATE pg_catalog.\"C\", code COLLATE pg_catalog.\"C\""

/* Build the Catalog from the rows of zjgov.indicator (catalog.c: in the cache entry's context). */
static void *
build_catalog(SPITupleTable *tuptable, uint64 nrows, void *arg)
{
	Catalog    *cat = palloc0(sizeof(Catalog));

	cat->cxt = CurrentMemoryContext;
	cat->last_model = -1;
	if (nrows > INT_MAX / 4)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("zjgov.indicator has too many rows")));

	cat->nnodes = (int) nrows;
	cat->nodes = palloc0(sizeof(ModelNode) * Max(nrows, 1));
	cat->models = palloc0(sizeof(Model) * Max(nrows, 1));
	cat->fingerprint = 0x5A4A4756;	/* "ZJGV" */
	for (int i = 0; i < cat->nnodes; i++)
	{
		HeapTuple	tup = tuptable->vals[i];
		TupleDesc	td = tuptable->tupdesc;
		ModelNode  *nd = &cat->nodes[i];
		char	   *model = SPI_getvalue(tup, td, 1);
		bool		isnull;
		Datum		d;

		if (cat->nmodels == 0 || strcmp(cat->models[cat->nmodels - 1].name, model) != 0)
		{
			cat->models[cat->nmodels].name = model;
			cat->models[cat->nmodels].namelen = strlen(model);
			cat->models[cat->nmodels].first = i;
			cat->nmodels++;
		}
		cat->models[cat->nmodels - 1].count++;
		nd->model = cat->nmodels - 1;
		nd->code = SPI_getvalue(tup, td, 2);
		nd->codelen = strlen(nd->code);
		nd->parent_code = SPI_getvalue(tup, td, 3);
		d = SPI_getbinval(tup, td, 4, &isnull);
		nd->weight_null = isnull;
		nd->weight = isnull ? 0 : DatumGetFloat8(d);
		nd->direction = SPI_getvalue(tup, td, 5);
		d = SPI_getbinval(tup, td, 6, &isnull);
		nd->lo_null = isnull;
		nd->lo = isnull ? 0 : DatumGetFloat8(d);
		d = SPI_getbinval(tup, td, 7, &isnull);
		nd->hi_null = isnull;
		nd->hi = isnull ? 0 : DatumGetFloat8(d);
		nd->parent = -1;
		nd->leaf = true;
		cat->fingerprint = hash_combine(cat->fingerprint,
										hash_bytes((const unsigned char *) model,
												   cat->models[nd->model].namelen));
		cat->fingerprint = hash_combine(cat->fingerprint,
										hash_bytes((const unsigned char *) nd->code, nd->codelen));
	}

	/* the (model, code) → node hash */
	cat->hashsize = 16;
	while (cat->hashsize < 2 * cat->nnodes)
		cat->hashsize *= 2;
	cat->hash = palloc(sizeof(int) * cat->hashsize);
	memset(cat->hash, -1, sizeof(int) * cat->hashsize);
	for (int i = 0; i < cat->nnodes; i++)
	{
		ModelNode  *nd = &cat->nodes[i];
		uint32		h = code_hash(nd->model, nd->code, nd->codelen) & (cat->hashsize - 1);

		while (cat->hash[h] >= 0)
			h = (h + 1) & (cat->hashsize - 1);
		cat->hash[h] = i;
	}
	return cat;
}

static int
find_node(const Catalog *cat, int model, const char *code, int len)
{
	uint32		h = code_hash(model, code, len) & (cat->hashsize - 1);

	for (;;)
	{
		int			i = cat->hash[h];

		if (i < 0)
			return -1;
		if (cat->nodes[i].model == model && cat->nodes[i].codelen == len &&
			memcmp(cat->nodes[i].code, code, len) == 0)
			return i;
		h = (h + 1) & (cat->hashsize - 1);
	}
}

#define MODEL_ERROR(m, ...) \
	ereport(ERROR, (errcode(ERRCODE_INVALID_OBJECT_DEFINITION), errmsg("indicator model \"%s\": " \
			"%s", (m)->name, psprintf(__VA_ARGS__)), \
			errhint("Fix the rows of zjgov.indicator for this model.")))

/* Validate a model on first use: parents, cycles, weights, directions and leaf bounds. */
static void
validate_model(Catalog *cat, int mi)
{
	Model	   *m = &cat->models[mi];
	MemoryContext old = MemoryContextSwitchTo(cat->cxt);
	int			head = 0,
				tail = 0;

	if (m->validated)
	{
		MemoryContextSwitchTo(old);
		return;
	}
	for (int i = m->first; i < m->first + m->count; i++)
	{
		ModelNode  *nd = &cat->nodes[i];

		if (nd->parent_code)
		{
			nd->parent = find_node(cat, mi, nd->parent_code, strlen(nd->parent_code));
			if (nd->parent < 0)
				MODEL_ERROR(m, "indicator \"%s\" has unknown parent \"%s\"", nd->code, nd->parent_code);
			cat->nodes[nd->parent].leaf = false;
		}
		if (nd->weight_null || isnan(nd->weight) || isinf(nd->weight) || nd->weight <= 0)
			MODEL_ERROR(m, "indicator \"%s\" has weight %s, which is not a positive number", nd->code,
						nd->weight_null ? "NULL" : psprintf("%g", nd->weight));
	}

	/* BFS from the root level over child lists; whatever is not reached hangs on a cycle */
	m->order = palloc(sizeof(int) * Max(m->count, 1));
	{
		int		   *start = palloc0(sizeof(int) * (m->count + 1));
		int		   *child = palloc(sizeof(int) * Max(m->count, 1));

		for (int i = m->first; i < m->first + m->count; i++)
			if (cat->nodes[i].parent >= 0)
				start[cat->nodes[i].parent - m->first + 1]++;
		for (int k = 0; k < m->count; k++)
			start[k + 1] += start[k];
		for (int i = m->first; i < m->first + m->count; i++)
			if (cat->nodes[i].parent >= 0)
				child[start[cat->nodes[i].parent - m->first]++] = i;
		/* start[k] now ends the children of k; they begin at start[k − 1] (0 for k = 0) */
		for (int i = m->first; i < m->first + m->count; i++)
			if (cat->nodes[i].parent < 0)
				m->order[tail++] = i;
		while (head < tail)
		{
			int			p = m->order[head++] - m->first;

			for (int c = (p == 0 ? 0 : start[p - 1]); c < start[p]; c++)
				m->order[tail++] = child[c];
		}
		pfree(start);
		pfree(child);
	}
	if (tail < m->count)
	{
		/* walk up from an unreached node until a node repeats: that node is on the cycle */
		int			i = -1;
		bool	   *seen = palloc0(sizeof(bool) * m->count);
		bool	   *reached = palloc0(sizeof(bool) * m->count);

		for (int k = 0; k < tail; k++)
			reached[m->order[k] - m->first] = true;
		for (int k = 0; k < m->count && i < 0; k++)
			if (!reached[k])
				i = m->first + k;
		while (!seen[i - m->first])
		{
			seen[i - m->first] = true;
			i = cat->nodes[i].parent;
		}
		MODEL_ERROR(m, "indicator \"%s\" is its own ancestor (a cycle of parents)", cat->nodes[i].code);
	}
	if (tail == 0)
		MODEL_ERROR(m, "the model has no indicators");

	for (int i = m->first; i < m->first + m->count; i++)
	{
		ModelNode  *nd = &cat->nodes[i];
		int			d;

		if (!nd->leaf)
			continue;
		m->nleaves++;
		d = zj_parse_direction(nd->direction, strlen(nd->direction));
		if (d != ZJ_BENEFIT && d != ZJ_COST)
			MODEL_ERROR(m, "indicator \"%s\" has direction \"%s\"; use 'benefit' or 'cost'",
						nd->code, nd->direction);
		nd->dir = (ZjDirection) d;
		if (nd->lo_null || nd->hi_null || isnan(nd->lo) || isnan(nd->hi) || isinf(nd->lo) ||
			isinf(nd->hi) || !(nd->lo < nd->hi) || isinf(nd->hi - nd->lo))
			MODEL_ERROR(m, "leaf indicator \"%s\" needs finite bounds lo < hi", nd->code);
	}
	m->score = palloc(sizeof(double) * m->count);
	m->has = palloc(sizeof(bool) * m->count);
	m->sum_w = palloc(sizeof(double) * m->count);
	m->sum_ws = palloc(sizeof(double) * m->count);
	m->validated = true;
	MemoryContextSwitchTo(old);
}

/* The indicator catalog as the current statement sees it. */
static Catalog *
get_catalog(FunctionCallInfo fcinfo)
{
	/*
	 * One slot for the backend rather than one per call site (fn_extra): Citus's
	 * worker_partial_agg calls the transition function through a fresh FmgrInfo on every row, so
	 * a per-call-site cache would read the table once a row.  The cache's invalidation rule
	 * (catalog.h) holds the same for a backend-wide slot.
	 */
	static ZjCatalogSlot slot;

	return (Catalog *) zj_catalog_get_slot(&slot, TopMemoryContext, INDICATOR_QUERY, build_catalog, NULL);
}

static int
find_model(Catalog *cat, text *t)
{
	const char *s = VARDATA_ANY(t);
	int			len = VARSIZE_ANY_EXHDR(t);
	int			mi = cat->last_model;

	if (mi < 0 || cat->models[mi].namelen != len ||
		memcmp(cat->models[mi].name, s, len) != 0)
	{
		mi = -1;
		for (int i = 0; i < cat->nmodels; i++)
			if (cat->models[i].namelen == len && memcmp(cat->models[i].name, s, len) == 0)
			{
				mi = i;
				break;
			}
		if (mi < 0)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("indicator model \"%.*s\" does not exist", Min(len, 200), s),
					 errhint("Models are the distinct values of zjgov.indicator.model.")));
		validate_model(cat, mi);
		cat->last_model = mi;
	}
	return mi;
}

/* ---------------------------------------------------------------- transition and combine */

/*
 * In an aggregate, the state is updated in place.  A new or larger state is allocated in the
 * current (per-tuple) context: the executor copies a returned state that is not the one it
 * passed in into the aggregate context and frees the old one, so allocating it there directly
 * would leave one copy behind.  Called directly (outside an aggregate), the functions work on a
 * copy instead of changing their argument (zj_aggstate_arg).
 */

PG_FUNCTION_INFO_V1(zjgov_score_accum);
Datum
zjgov_score_accum(PG_FUNCTION_ARGS)
{
	ZjAggState *s;
	Catalog    *cat;
	text	   *code;
	int			mi,
				node;
	double		v,
			   *rec;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("model must not be NULL")));
	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("code must not be NULL")));
	s = zj_aggstate_arg(fcinfo, 0);
	cat = get_catalog(fcinfo);
	mi = find_model(cat, PG_GETARG_TEXT_PP(1));
	code = PG_GETARG_TEXT_PP(2);
	node = find_node(cat, mi, VARDATA_ANY(code), VARSIZE_ANY_EXHDR(code));
	if (node < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown indicator code \"%.*s\" in model \"%s\"",
						Min((int) VARSIZE_ANY_EXHDR(code), 200), VARDATA_ANY(code), cat->models[mi].name)));
	if (!cat->nodes[node].leaf)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("indicator \"%s\" of model \"%s\" is not a leaf",
						cat->nodes[node].code, cat->models[mi].name),
				 errdetail("Values are given for leaf indicators; the scores of the others are computed.")));

	if (s != NULL)
	{
		zj_aggstate_check(s, SCORE_KIND, 2);
		/* a state typed in by hand may name any model: check before indexing by it */
		if (!(s->aux[2] >= 0 && s->aux[2] < cat->nmodels))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid aggregate state for score"),
					 errdetail("It names model %g; the catalog has %d.", s->aux[2], cat->nmodels)));
		if ((int) s->aux[2] != mi)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("one group mixes indicator models \"%s\" and \"%s\"",
							cat->models[(int) s->aux[2]].name, cat->models[mi].name)));
	}
	if (PG_ARGISNULL(3))
	{
		/* a missing value: skipped, re-weighted among its siblings */
		if (s == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(s);
	}
	v = PG_GETARG_FLOAT8(3);
	if (isnan(v) || isinf(v))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("value must be a finite number"),
				 errdetail("Indicator \"%s\" has %s.", cat->nodes[node].code,
						   isnan(v) ? "NaN" : (v > 0 ? "Infinity" : "-Infinity"))));
	if (s == NULL)
	{
		/* room for one value per leaf: the usual group never grows */
		s = zj_aggstate_new(CurrentMemoryContext, SCORE_KIND, 2, 0, cat->models[mi].nleaves);
		s->aux[0] = cat->nnodes;
		s->aux[1] = cat->fingerprint;
		s->aux[2] = mi;
	}
	s = zj_aggstate_reserve(s, 1, CurrentMemoryContext, "score");
	rec = ZJ_AGGSTATE_REC(s, s->n);
	rec[0] = node;
	rec[1] = v;
	s->n++;
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(zjgov_score_combine);
Datum
zjgov_score_combine(PG_FUNCTION_ARGS)
{
	ZjAggState *a = zj_aggstate_arg(fcinfo, 0);
	ZjAggState *b = PG_GETARG_ZJAGGSTATE(1);

	zj_aggstate_check(a, SCORE_KIND, 2);
	zj_aggstate_check(b, SCORE_KIND, 2);
	if (a->aux[0] != b->aux[0] || a->aux[1] != b->aux[1])
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("cannot combine score states made from different versions of zjgov.indicator"),
				 errhint("On Citus, run SELECT * FROM zjgov.sync_catalogs() on the coordinator so that every node has the same rows.")));
	if (a->aux[2] != b->aux[2])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("one group mixes indicator models")));
	a = zj_aggstate_reserve(a, b->n, CurrentMemoryContext, "score");
	memcpy(ZJ_AGGSTATE_REC(a, a->n), b->data, sizeof(double) * 2 * b->n);
	a->n += b->n;
	PG_RETURN_POINTER(a);
}

/* ---------------------------------------------------------------- scoring */

/*
 * Score one entity: leaves from their values, parents as the weighted mean of the children that
 * have a score; returns the model total (NaN when nothing has a score).  Fills m->score / m->has.
 */
static double
score_entity(FunctionCallInfo fcinfo, ZjAggState *s, Catalog **catp, Model **mp)
{
	Catalog    *cat = get_catalog(fcinfo);
	Model	   *m;
	int			mi;
	double		tw = 0,
				tws = 0;

	zj_aggstate_check(s, SCORE_KIND, 2);
	mi = (s->aux[2] >= 0 && s->aux[2] < cat->nmodels) ? (int) s->aux[2] : -1;
	if (s->aux[0] != cat->nnodes || s->aux[1] != (double) cat->fingerprint || mi < 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("score state does not match zjgov.indicator"),
				 errdetail("The state was made from other rows of zjgov.indicator than this node has: the catalog changed between the partial and the final aggregation, or differs between Citus nodes."),
				 errhint("On Citus, run SELECT * FROM zjgov.sync_catalogs() on the coordinator so that every node has the same rows.")));
	validate_model(cat, mi);
	m = &cat->models[mi];
	for (int k = 0; k < m->count; k++)
	{
		m->has[k] = false;
		m->sum_w[k] = 0;
		m->sum_ws[k] = 0;
	}
	for (int64 r = 0; r < s->n; r++)
	{
		double	   *rec = ZJ_AGGSTATE_REC(s, r);
		int			i = (rec[0] >= m->first && rec[0] < m->first + m->count) ? (int) rec[0] : -1;
		ModelNode  *nd;

		if (i < 0 || !cat->nodes[i].leaf)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("score state holds a record for indicator %d, not a leaf of model \"%s\"",
							i, m->name)));
		nd = &cat->nodes[i];
		if (m->has[i - m->first])
			ereport(ERROR,
					(errcode(ERRCODE_CARDINALITY_VIOLATION),
					 errmsg("indicator \"%s\" has more than one value in one group", nd->code),
					 errhint("Group by the entity, with one row per entity and indicator.")));
		m->has[i - m->first] = true;
		m->score[i - m->first] = 100.0 * zj_normalize_fixed(rec[1], nd->lo, nd->hi, nd->dir);
	}
	/* children before parents */
	for (int k = m->count - 1; k >= 0; k--)
	{
		int			i = m->order[k];
		int			li = i - m->first;
		ModelNode  *nd = &cat->nodes[i];

		if (!nd->leaf)
		{
			m->has[li] = m->sum_w[li] > 0;
			if (m->has[li])
				m->score[li] = m->sum_ws[li] / m->sum_w[li];
		}
		if (!m->has[li])
			continue;
		if (nd->parent >= 0)
		{
			m->sum_w[nd->parent - m->first] += nd->weight;
			m->sum_ws[nd->parent - m->first] += nd->weight * m->score[li];
		}
		else
		{
			tw += nd->weight;
			tws += nd->weight * m->score[li];
		}
	}
	*catp = cat;
	*mp = m;
	return tw > 0 ? tws / tw : get_float8_nan();
}

PG_FUNCTION_INFO_V1(zjgov_score_final);
Datum
zjgov_score_final(PG_FUNCTION_ARGS)
{
	Catalog    *cat;
	Model	   *m;
	double		total;

	total = score_entity(fcinfo, PG_GETARG_ZJAGGSTATE(0), &cat, &m);
	if (isnan(total))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(total);
}

static void
append_number(StringInfo buf, double v)
{
	char		num[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(v, num);
	appendStringInfoString(buf, num);
}

PG_FUNCTION_INFO_V1(zjgov_score_detail_final);
Datum
zjgov_score_detail_final(PG_FUNCTION_ARGS)
{
	Catalog    *cat;
	Model	   *m;
	double		total;
	StringInfoData buf;

	total = score_entity(fcinfo, PG_GETARG_ZJAGGSTATE(0), &cat, &m);
	initStringInfo(&buf);
	appendStringInfoString(&buf, "{\"total\": ");
	if (isnan(total))
		appendStringInfoString(&buf, "null");
	else
		append_number(&buf, total);
	appendStringInfoString(&buf, ", \"nodes\": {");
	for (int k = 0; k < m->count; k++)
	{
		if (k > 0)
			appendStringInfoString(&buf, ", ");
		escape_json(&buf, cat->nodes[m->first + k].code);
		appendStringInfoString(&buf, ": ");
		if (m->has[k])
			append_number(&buf, m->score[k]);
		else
			appendStringInfoString(&buf, "null");
	}
	appendStringInfoString(&buf, "}}");
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}
