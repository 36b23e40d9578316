/*
 * model.c — hierarchical indicator models (table zjgov.indicator) and the aggregates score and
 * score_detail over long-format (entity, code, value) rows.
 *
 * A model is a set of books, one per valid_from: the book in force on a date is the one with the
 * greatest valid_from on or before it (rows written before versions existed have valid_from
 * -infinity).  Each book is a tree of nodes of five kinds: ordinary nodes (kind 'leaf': a scored
 * leaf, or the weighted mean of its children), interval leaves (best inside [lo, hi]), and three
 * kinds of rule leaves that stay outside the weighted mean: veto (caps its parent's score),
 * bonus and deduction (points added to or taken from the parent's score, then clamped to
 * [0, 100]).  Every ordinary node has a missing-value policy: reweight among its siblings (the
 * rule of the first release), count as zero, or make its parent missing.
 *
 * The catalog table is read once per statement and backend (the catalog cache, catalog.c) and
 * each book is validated the first time a query uses it.  The aggregate state is a zjgov.aggstate of (node index, value)
 * records; node indices number every row of the catalog in (model, valid_from, code) byte order,
 * so they mean the same thing in every parallel worker, and the state carries a fingerprint of the
 * catalog and the book index so that the final function can check both.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "common/shortest_dec.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "storage/proc.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"
#include "utils/typcache.h"

#include "aggstate.h"
#include "arrayutil.h"
#include "catalog.h"
#include "export.h"
#include "indicator.h"

#define SCORE_KIND 'm'			/* aggstate family: model scores */

typedef enum NodeKind
{
	KIND_LEAF = 0,				/* ordinary: a scored leaf, or the weighted mean of its children */
	KIND_INTERVAL,				/* a leaf best inside [lo, hi], tolerance tol outside */
	KIND_VETO,					/* non-zero value: caps the parent's score at cap */
	KIND_BONUS,					/* value × points (≤ cap) added to the parent's score */
	KIND_DEDUCTION				/* value × points (≤ cap) taken from the parent's score */
} NodeKind;

static const char *const kind_names[] = {"leaf", "interval", "veto", "bonus", "deduction"};

typedef enum MissingRule
{
	MISSING_REWEIGHT = 0,		/* skipped: the siblings present share the weight */
	MISSING_ZERO,				/* counts as a score of 0 */
	MISSING_PROPAGATE			/* the parent has no score either */
} MissingRule;

#define IS_RULE(k) ((k) == KIND_VETO || (k) == KIND_BONUS || (k) == KIND_DEDUCTION)

typedef struct ModelNode
{
	char	   *code;
	int			codelen;
	char	   *parent_code;	/* NULL for a node at the root level */
	int			book;			/* index into the books */
	int			parent;			/* node index of the parent, -1 at the root level */
	bool		weight_null;
	double		weight;
	char	   *direction;
	bool		lo_null,
				hi_null;
	double		lo,
				hi;
	char	   *kind_name;		/* NULL when the catalog predates the column */
	char	   *missing_name;
	bool		tol_null,
				cap_null,
				points_null,
				target_null;
	double		tol,
				cap,
				points,
				target;
	bool		leaf;			/* no children */
	NodeKind	kind;
	MissingRule missing;
	ZjDirection dir;
} ModelNode;

/* One book: the nodes of one model with one valid_from. */
typedef struct Book
{
	char	   *name;
	int			namelen;
	DateADT		valid_from;
	int			first;			/* its nodes are first .. first + count − 1 */
	int			count;
	int			nleaves;
	bool		validated;
	int		   *order;			/* node indices, parents before children (BFS from the roots) */
	/* per-entity work space, reused by every group (index: node − first; count is the total) */
	double	   *value;
	bool	   *has_value;
	double	   *score;
	bool	   *has;
	double	   *sum_w,
			   *sum_ws;
	bool	   *lost;			/* a child with the propagate rule has no score */
	double	   *adjust;			/* bonus − deduction points of the children */
	bool	   *adjusted;
	double	   *capat;			/* the smallest cap of the triggered veto children */
	double	   *before_cap;		/* the score before the vetoes */
	double	   *share;			/* the node's share of the total (score_detail) */
} Book;

typedef struct Catalog
{
	int			nnodes;
	ModelNode  *nodes;
	int			nbooks;
	Book	   *books;
	uint32		fingerprint;
	int			hashsize;		/* power of two */
	int		   *hash;			/* node index or −1 */
	int			last_book;		/* the book the previous row used */
	DateADT		last_as_of;
	bool		have_today;
	DateADT		today;			/* CURRENT_DATE, fixed for the transaction */
	MemoryContext cxt;
} Catalog;

static uint32
code_hash(int book, const char *code, int len)
{
	return hash_bytes((const unsigned char *) code, len) ^ (uint32) (book * 0x9E3779B1u);
}

static double
getfloat(HeapTuple tup, TupleDesc td, int col, bool *isnull)
{
	Datum		d = SPI_getbinval(tup, td, col, isnull);

	return *isnull ? 0 : DatumGetFloat8(d);
}

#define INDICATOR_QUERY \
	"SELECT model, code, parent, weight, direction, lo, hi, valid_from, kind, tol, cap, points, " \
	"missing, target FROM zjgov.indicator " \
	"ORDER BY model COLLATE pg_catalog.\"C\", valid_from, code COLLATE pg_catalog.\"C\""
/* the table as the first release made it (the library updated, ALTER EXTENSION not yet run) */
#define INDICATOR_QUERY_10 \
	"SELECT model, code, parent, weight, direction, lo, hi FROM zjgov.indicator " \
	"ORDER BY model COLLATE pg_catalog.\"C\", code COLLATE pg_catalog.\"C\""

/*
 * Build the Catalog from the rows of zjgov.indicator (catalog.c: in the cache entry's context).
 * *(bool *) arg tells whether the rows have the columns of 1.1; rows of the first release's table
 * are read as ordinary nodes of one book per model.
 */
static void *
build_catalog(SPITupleTable *tuptable, uint64 nrows, void *arg)
{
	Catalog    *cat = palloc0(sizeof(Catalog));
	bool		v11 = *(bool *) arg;

	cat->cxt = CurrentMemoryContext;
	cat->last_book = -1;
	if (nrows > INT_MAX / 4)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("zjgov.indicator has too many rows")));

	cat->nnodes = (int) nrows;
	cat->nodes = palloc0(sizeof(ModelNode) * Max(nrows, 1));
	cat->books = palloc0(sizeof(Book) * Max(nrows, 1));
	cat->fingerprint = 0x5A4A4756;	/* "ZJGV" */
	for (int i = 0; i < cat->nnodes; i++)
	{
		HeapTuple	tup = tuptable->vals[i];
		TupleDesc	td = tuptable->tupdesc;
		ModelNode  *nd = &cat->nodes[i];
		char	   *model = SPI_getvalue(tup, td, 1);
		DateADT		valid_from = DATEVAL_NOBEGIN;
		bool		isnull;
		Book	   *bk = cat->nbooks > 0 ? &cat->books[cat->nbooks - 1] : NULL;

		if (v11)
		{
			Datum		d = SPI_getbinval(tup, td, 8, &isnull);

			if (!isnull)
				valid_from = DatumGetDateADT(d);
		}
		if (bk == NULL || strcmp(bk->name, model) != 0 || bk->valid_from != valid_from)
		{
			bk = &cat->books[cat->nbooks++];
			bk->name = model;
			bk->namelen = strlen(model);
			bk->valid_from = valid_from;
			bk->first = i;
		}
		bk->count++;
		nd->book = cat->nbooks - 1;
		nd->code = SPI_getvalue(tup, td, 2);
		nd->codelen = strlen(nd->code);
		nd->parent_code = SPI_getvalue(tup, td, 3);
		nd->weight = getfloat(tup, td, 4, &nd->weight_null);
		nd->direction = SPI_getvalue(tup, td, 5);
		nd->lo = getfloat(tup, td, 6, &nd->lo_null);
		nd->hi = getfloat(tup, td, 7, &nd->hi_null);
		nd->tol_null = nd->cap_null = nd->points_null = nd->target_null = true;
		if (v11)
		{
			nd->kind_name = SPI_getvalue(tup, td, 9);
			nd->tol = getfloat(tup, td, 10, &nd->tol_null);
			nd->cap = getfloat(tup, td, 11, &nd->cap_null);
			nd->points = getfloat(tup, td, 12, &nd->points_null);
			nd->missing_name = SPI_getvalue(tup, td, 13);
			nd->target = getfloat(tup, td, 14, &nd->target_null);
		}
		nd->parent = -1;
		nd->leaf = true;
		cat->fingerprint = hash_combine(cat->fingerprint,
										hash_bytes((const unsigned char *) model, bk->namelen));
		cat->fingerprint = hash_combine(cat->fingerprint, hash_bytes_uint32((uint32) valid_from));
		cat->fingerprint = hash_combine(cat->fingerprint,
										hash_bytes((const unsigned char *) nd->code, nd->codelen));
	}

	/* the (book, code) → node hash */
	cat->hashsize = 16;
	while (cat->hashsize < 2 * cat->nnodes)
		cat->hashsize *= 2;
	cat->hash = palloc(sizeof(int) * cat->hashsize);
	memset(cat->hash, -1, sizeof(int) * cat->hashsize);
	for (int i = 0; i < cat->nnodes; i++)
	{
		ModelNode  *nd = &cat->nodes[i];
		uint32		h = code_hash(nd->book, nd->code, nd->codelen) & (cat->hashsize - 1);

		while (cat->hash[h] >= 0)
			h = (h + 1) & (cat->hashsize - 1);
		cat->hash[h] = i;
	}
	return cat;
}

static int
find_node(const Catalog *cat, int book, const char *code, int len)
{
	uint32		h = code_hash(book, code, len) & (cat->hashsize - 1);

	for (;;)
	{
		int			i = cat->hash[h];

		if (i < 0)
			return -1;
		if (cat->nodes[i].book == book && cat->nodes[i].codelen == len &&
			memcmp(cat->nodes[i].code, code, len) == 0)
			return i;
		h = (h + 1) & (cat->hashsize - 1);
	}
}

static const char *
book_label(const Book *b)
{
	if (DATE_IS_NOBEGIN(b->valid_from))
		return "";
	return psprintf(" (version valid from %s)",
					DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(b->valid_from))));
}

#define MODEL_ERROR(b, ...) \
	ereport(ERROR, (errcode(ERRCODE_INVALID_OBJECT_DEFINITION), errmsg("indicator model \"%s\"%s: " \
			"%s", (b)->name, book_label(b), psprintf(__VA_ARGS__)), \
			errhint("Fix the rows of zjgov.indicator for this model.")))

static bool
name_is(const char *s, const char *const *names, int n, int *out)
{
	for (int i = 0; i < n; i++)
		if (pg_strcasecmp(s, names[i]) == 0)
		{
			*out = i;
			return true;
		}
	return false;
}

/* Parse a node's kind and missing rule (English names, or the departments' Chinese terms). */
static void
parse_kind(Book *b, ModelNode *nd)
{
	static const char *const kind_zh[] = {"指标", "区间型", "一票否决", "加分项", "扣分项"};
	static const char *const kind_zh2[] = {"普通", "区间", "否决", "加分", "扣分"};
	static const char *const missing_names[] = {"reweight", "zero", "propagate"};
	int			k;

	nd->kind = KIND_LEAF;
	if (nd->kind_name)
	{
		if (name_is(nd->kind_name, kind_names, lengthof(kind_names), &k) ||
			name_is(nd->kind_name, kind_zh, lengthof(kind_zh), &k) ||
			name_is(nd->kind_name, kind_zh2, lengthof(kind_zh2), &k))
			nd->kind = (NodeKind) k;
		else
			MODEL_ERROR(b, "indicator \"%s\" has kind \"%s\"; use 'leaf', 'interval', 'veto', 'bonus' or 'deduction'",
						nd->code, nd->kind_name);
	}
	nd->missing = MISSING_REWEIGHT;
	if (nd->missing_name)
	{
		if (name_is(nd->missing_name, missing_names, lengthof(missing_names), &k))
			nd->missing = (MissingRule) k;
		else
			MODEL_ERROR(b, "indicator \"%s\" has missing rule \"%s\"; use 'reweight', 'zero' or 'propagate'",
						nd->code, nd->missing_name);
	}
}

static bool
bad_number(bool isnull, double v)
{
	return isnull || isnan(v) || isinf(v);
}

/*
 * Validate a book on first use: parents, cycles, kinds, weights (and their sums where a parent
 * asks for it with tol), directions, bounds, caps.  Errors name the node.
 */
static void
validate_book(Catalog *cat, int bi)
{
	Book	   *b = &cat->books[bi];
	MemoryContext old;
	int			head = 0,
				tail = 0;
	double	   *wsum;
	int		   *nordinary;

	if (b->validated)
		return;
	old = MemoryContextSwitchTo(cat->cxt);
	for (int i = b->first; i < b->first + b->count; i++)
	{
		ModelNode  *nd = &cat->nodes[i];

		parse_kind(b, nd);
		if (nd->parent_code)
		{
			nd->parent = find_node(cat, bi, nd->parent_code, strlen(nd->parent_code));
			if (nd->parent < 0)
				MODEL_ERROR(b, "indicator \"%s\" has unknown parent \"%s\"", nd->code, nd->parent_code);
			cat->nodes[nd->parent].leaf = false;
		}
		if (!IS_RULE(nd->kind) &&
			(nd->weight_null || isnan(nd->weight) || isinf(nd->weight) || nd->weight <= 0))
			MODEL_ERROR(b, "indicator \"%s\" has weight %s, which is not a positive number", nd->code,
						nd->weight_null ? "NULL" : psprintf("%g", nd->weight));
	}

	/* BFS from the root level over child lists; whatever is not reached hangs on a cycle */
	b->order = palloc(sizeof(int) * Max(b->count, 1));
	{
		int		   *start = palloc0(sizeof(int) * (b->count + 1));
		int		   *child = palloc(sizeof(int) * Max(b->count, 1));

		for (int i = b->first; i < b->first + b->count; i++)
			if (cat->nodes[i].parent >= 0)
				start[cat->nodes[i].parent - b->first + 1]++;
		for (int k = 0; k < b->count; k++)
			start[k + 1] += start[k];
		for (int i = b->first; i < b->first + b->count; i++)
			if (cat->nodes[i].parent >= 0)
				child[start[cat->nodes[i].parent - b->first]++] = i;
		/* start[k] now ends the children of k; they begin at start[k − 1] (0 for k = 0) */
		for (int i = b->first; i < b->first + b->count; i++)
			if (cat->nodes[i].parent < 0)
				b->order[tail++] = i;
		while (head < tail)
		{
			int			p = b->order[head++] - b->first;

			for (int c = (p == 0 ? 0 : start[p - 1]); c < start[p]; c++)
				b->order[tail++] = child[c];
		}
		pfree(start);
		pfree(child);
	}
	if (tail < b->count)
	{
		/* walk up from an unreached node until a node repeats: that node is on the cycle */
		int			i = -1;
		bool	   *seen = palloc0(sizeof(bool) * b->count);
		bool	   *reached = palloc0(sizeof(bool) * b->count);

		for (int k = 0; k < tail; k++)
			reached[b->order[k] - b->first] = true;
		for (int k = 0; k < b->count && i < 0; k++)
			if (!reached[k])
				i = b->first + k;
		while (!seen[i - b->first])
		{
			seen[i - b->first] = true;
			i = cat->nodes[i].parent;
		}
		MODEL_ERROR(b, "indicator \"%s\" is its own ancestor (a cycle of parents)", cat->nodes[i].code);
	}
	if (tail == 0)
		MODEL_ERROR(b, "the model has no indicators");

	wsum = palloc0(sizeof(double) * b->count);
	nordinary = palloc0(sizeof(int) * (b->count + 1));
	for (int i = b->first; i < b->first + b->count; i++)
	{
		ModelNode  *nd = &cat->nodes[i];
		int			d;

		if (!IS_RULE(nd->kind))
		{
			if (nd->parent >= 0)
			{
				wsum[nd->parent - b->first] += nd->weight;
				nordinary[nd->parent - b->first]++;
			}
			else
			{
				nordinary[b->count]++;
			}
		}
		if (!nd->target_null && (isnan(nd->target) || isinf(nd->target)))
			MODEL_ERROR(b, "indicator \"%s\" has target %g, which is not a finite number", nd->code, nd->target);
		if (!nd->leaf)
		{
			if (nd->kind != KIND_LEAF)
				MODEL_ERROR(b, "%s indicator \"%s\" has children; only ordinary ('leaf') nodes have children",
							kind_names[nd->kind], nd->code);
			if (!nd->tol_null && (isnan(nd->tol) || isinf(nd->tol) || nd->tol < 0))
				MODEL_ERROR(b, "indicator \"%s\" has tol %g; on a parent node tol is the allowed error of its children's weight sum",
							nd->code, nd->tol);
			continue;
		}
		b->nleaves++;
		switch (nd->kind)
		{
			case KIND_LEAF:
			case KIND_INTERVAL:
				d = nd->kind == KIND_INTERVAL ? ZJ_INTERVAL :
					zj_parse_direction(nd->direction, strlen(nd->direction));
				if (d < 0)
					MODEL_ERROR(b, "indicator \"%s\" has direction \"%s\"; use 'benefit', 'cost' or 'interval'",
								nd->code, nd->direction);
				nd->dir = (ZjDirection) d;
				if (nd->dir == ZJ_INTERVAL)
				{
					nd->kind = KIND_INTERVAL;
					if (bad_number(nd->lo_null, nd->lo) || bad_number(nd->hi_null, nd->hi) ||
						!(nd->lo <= nd->hi) || isinf(nd->hi - nd->lo))
						MODEL_ERROR(b, "interval indicator \"%s\" needs a finite ideal range lo <= hi", nd->code);
					if (bad_number(nd->tol_null, nd->tol) || !(nd->tol > 0))
						MODEL_ERROR(b, "interval indicator \"%s\" needs a tolerance tol > 0", nd->code);
				}
				else if (bad_number(nd->lo_null, nd->lo) || bad_number(nd->hi_null, nd->hi) ||
						 !(nd->lo < nd->hi) || isinf(nd->hi - nd->lo))
					MODEL_ERROR(b, "leaf indicator \"%s\" needs finite bounds lo < hi", nd->code);
				break;
			case KIND_VETO:
				if (bad_number(nd->cap_null, nd->cap))
					MODEL_ERROR(b, "veto indicator \"%s\" has no cap", nd->code);
				break;
			case KIND_BONUS:
			case KIND_DEDUCTION:
				if (!nd->cap_null && (isnan(nd->cap) || isinf(nd->cap) || nd->cap < 0))
					MODEL_ERROR(b, "%s indicator \"%s\" has cap %g; use a non-negative number or NULL (no cap)",
								kind_names[nd->kind], nd->code, nd->cap);
				if (!nd->points_null && (isnan(nd->points) || isinf(nd->points) || nd->points < 0))
					MODEL_ERROR(b, "%s indicator \"%s\" has points %g; use a non-negative number (points per unit)",
								kind_names[nd->kind], nd->code, nd->points);
				break;
		}
	}
	for (int i = b->first; i < b->first + b->count; i++)
	{
		ModelNode  *nd = &cat->nodes[i];
		int			li = i - b->first;

		if (nd->leaf)
			continue;
		if (nordinary[li] == 0)
			MODEL_ERROR(b, "indicator \"%s\" has only veto, bonus or deduction children; it needs at least one weighted child",
						nd->code);
		if (!nd->tol_null && fabs(wsum[li] - 1.0) > nd->tol)
			MODEL_ERROR(b, "the weights of the children of \"%s\" sum to %g, not 1 (tol %g)",
						nd->code, wsum[li], nd->tol);
	}
	if (nordinary[b->count] == 0)
		MODEL_ERROR(b, "the root level has only veto, bonus or deduction indicators");

	b->value = palloc(sizeof(double) * b->count);
	b->has_value = palloc(sizeof(bool) * b->count);
	b->score = palloc(sizeof(double) * b->count);
	b->has = palloc(sizeof(bool) * b->count);
	b->sum_w = palloc(sizeof(double) * (b->count + 1));
	b->sum_ws = palloc(sizeof(double) * (b->count + 1));
	b->lost = palloc(sizeof(bool) * (b->count + 1));
	b->adjust = palloc(sizeof(double) * (b->count + 1));
	b->adjusted = palloc(sizeof(bool) * (b->count + 1));
	b->capat = palloc(sizeof(double) * (b->count + 1));
	b->before_cap = palloc(sizeof(double) * (b->count + 1));
	b->share = palloc(sizeof(double) * (b->count + 1));
	b->validated = true;
	MemoryContextSwitchTo(old);
}

/*
 * The indicator catalog as the current statement sees it.  One slot for the backend rather than
 * one per call site (fn_extra): Citus's worker_partial_agg calls the transition function through a
 * fresh FmgrInfo on every row, so a per-call-site cache would read the table once a row.  The
 * cache's invalidation rule (catalog.h) holds the same for a backend-wide slot.  Whether the table
 * has the columns of 1.1 (it has not between a library update and ALTER EXTENSION zjgov UPDATE) is
 * looked up once per transaction.
 */
static Catalog *
get_catalog(FunctionCallInfo fcinfo)
{
	static ZjCatalogSlot slot;
	static bool v11;
	static LocalTransactionId checked_lxid = InvalidLocalTransactionId;

	if (checked_lxid != MyProc->lxid || checked_lxid == InvalidLocalTransactionId)
	{
		Oid			relid = get_relname_relid("indicator", get_namespace_oid("zjgov", false));

		if (!OidIsValid(relid))
			elog(ERROR, "table zjgov.indicator is missing");
		v11 = get_attnum(relid, "valid_from") != InvalidAttrNumber;
		checked_lxid = MyProc->lxid;
	}
	return (Catalog *) zj_catalog_get_slot(&slot, TopMemoryContext,
										   v11 ? INDICATOR_QUERY : INDICATOR_QUERY_10,
										   build_catalog, &v11);
}

static char *
date_text(DateADT d)
{
	return DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(d)));
}

/* The book of model t in force on as_of: the greatest valid_from <= as_of. */
static int
find_book(Catalog *cat, text *t, DateADT as_of)
{
	const char *s = VARDATA_ANY(t);
	int			len = VARSIZE_ANY_EXHDR(t);
	int			bi = cat->last_book;
	int			first = -1;

	if (bi >= 0 && cat->last_as_of == as_of && cat->books[bi].namelen == len &&
		memcmp(cat->books[bi].name, s, len) == 0)
		return bi;
	bi = -1;
	for (int i = 0; i < cat->nbooks; i++)
		if (cat->books[i].namelen == len && memcmp(cat->books[i].name, s, len) == 0)
		{
			if (first < 0)
				first = i;
			if (cat->books[i].valid_from <= as_of)
				bi = i;			/* the books of one model are in valid_from order */
		}
		else if (first >= 0)
			break;
	if (first < 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("indicator model \"%.*s\" does not exist", Min(len, 200), s),
				 errhint("Models are the distinct values of zjgov.indicator.model.")));
	if (bi < 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("indicator model \"%.*s\" has no version in force on %s", Min(len, 200), s,
						date_text(as_of)),
				 errdetail("Its earliest version is valid from %s.", date_text(cat->books[first].valid_from))));
	validate_book(cat, bi);
	cat->last_book = bi;
	cat->last_as_of = as_of;
	return bi;
}

/* ---------------------------------------------------------------- transition and combine */

/*
 * In an aggregate, the state is updated in place.  A new or larger state is allocated in the
 * current (per-tuple) context: the executor copies a returned state that is not the one it
 * passed in into the aggregate context and frees the old one, so allocating it there directly
 * would leave one copy behind.  Called directly (outside an aggregate), the functions work on a
 * copy instead of changing their argument (zj_aggstate_arg).
 */
static Datum
accum(FunctionCallInfo fcinfo, DateADT as_of)
{
	ZjAggState *s;
	Catalog    *cat;
	text	   *code;
	int			bi,
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
	bi = find_book(cat, PG_GETARG_TEXT_PP(1), as_of);
	code = PG_GETARG_TEXT_PP(2);
	node = find_node(cat, bi, VARDATA_ANY(code), VARSIZE_ANY_EXHDR(code));
	if (node < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown indicator code \"%.*s\" in model \"%s\"%s",
						Min((int) VARSIZE_ANY_EXHDR(code), 200), VARDATA_ANY(code), cat->books[bi].name,
						book_label(&cat->books[bi]))));
	if (!cat->nodes[node].leaf)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("indicator \"%s\" of model \"%s\" is not a leaf",
						cat->nodes[node].code, cat->books[bi].name),
				 errdetail("Values are given for leaf indicators; the scores of the others are computed.")));

	if (s != NULL)
	{
		zj_aggstate_check(s, SCORE_KIND, 2);
		/* a state typed in by hand may name any book: check before indexing by it */
		if (!(s->aux[2] >= 0 && s->aux[2] < cat->nbooks))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid aggregate state for score"),
					 errdetail("It names model %g; the catalog has %d.", s->aux[2], cat->nbooks)));
		if ((int) s->aux[2] != bi)
		{
			Book	   *a = &cat->books[(int) s->aux[2]];

			if (strcmp(a->name, cat->books[bi].name) == 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("one group mixes versions of indicator model \"%s\"", a->name),
						 errdetail("The versions are valid from %s and from %s.", date_text(a->valid_from),
								   date_text(cat->books[bi].valid_from)),
						 errhint("Use one as_of per group.")));
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("one group mixes indicator models \"%s\" and \"%s\"",
							a->name, cat->books[bi].name)));
		}
	}
	if (PG_ARGISNULL(3))
	{
		/* a missing value: its node's missing rule applies */
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
		s = zj_aggstate_new(CurrentMemoryContext, SCORE_KIND, 2, 0, cat->books[bi].nleaves);
		s->aux[0] = cat->nnodes;
		s->aux[1] = cat->fingerprint;
		s->aux[2] = bi;
	}
	s = zj_aggstate_reserve(s, 1, CurrentMemoryContext, "score");
	rec = ZJ_AGGSTATE_REC(s, s->n);
	rec[0] = node;
	rec[1] = v;
	s->n++;
	PG_RETURN_POINTER(s);
}

/* score(model, code, value): the version in force today */
PG_FUNCTION_INFO_V1(zjgov_score_accum);
Datum
zjgov_score_accum(PG_FUNCTION_ARGS)
{
	Catalog    *cat = get_catalog(fcinfo);

	if (!cat->have_today)
	{
		cat->today = GetSQLCurrentDate();
		cat->have_today = true;
	}
	return accum(fcinfo, cat->today);
}

/* score(model, code, value, as_of): the version in force on as_of */
PG_FUNCTION_INFO_V1(zjgov_score_accum_asof);
Datum
zjgov_score_accum_asof(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(4))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("as_of must not be NULL")));
	return accum(fcinfo, PG_GETARG_DATEADT(4));
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
				 errmsg("one group mixes indicator models or versions")));
	PG_RETURN_POINTER(zj_aggstate_append(a, b, CurrentMemoryContext, "score"));
}

/* ---------------------------------------------------------------- scoring */

/* Interval leaf: 1 inside [lo, hi], falling linearly to 0 at tol outside. */
static double
interval_score(double x, double lo, double hi, double tol)
{
	double		r = 1.0;

	if (x < lo)
		r = 1.0 - (lo - x) / tol;
	else if (x > hi)
		r = 1.0 - (x - hi) / tol;
	if (isnan(r))
		zj_out_of_range("the value is too far from the ideal range");
	return r < 0.0 ? 0.0 : r;
}

/* A leaf's normalised value in [0, 1]. */
static double
leaf_normalised(const ModelNode *nd, double v)
{
	if (nd->kind == KIND_INTERVAL)
		return interval_score(v, nd->lo, nd->hi, nd->tol);
	return zj_normalize_fixed(v, nd->lo, nd->hi, nd->dir);
}

/* Rule leaves: the points of a bonus or deduction (signed), or whether a veto is triggered. */
static double
rule_points(const ModelNode *nd, double v)
{
	double		p = v * (nd->points_null ? 1.0 : nd->points);

	if (isnan(p) || isinf(p))
		zj_out_of_range("bonus or deduction points");
	if (p < 0)
		p = 0;
	if (!nd->cap_null && p > nd->cap)
		p = nd->cap;
	return nd->kind == KIND_DEDUCTION ? -p : p;
}

/*
 * Score one entity.  Leaves from their values; then, children before parents, an ordinary
 * node's score is the weighted mean of its children that count (a child without a score is
 * skipped, counts 0, or makes the parent missing, by the child's missing rule), plus the points
 * of its bonus and deduction children clamped to [0, 100], then capped by its triggered vetoes.
 * The root level is handled like the children of one more node (slot count).  Returns the model
 * total (NaN when it has no score); fills the book's work space.
 */
static double
score_entity(FunctionCallInfo fcinfo, ZjAggState *s, Catalog **catp, Book **bp)
{
	Catalog    *cat = get_catalog(fcinfo);
	Book	   *b;
	int			bi,
				n;

	zj_aggstate_check(s, SCORE_KIND, 2);
	bi = (s->aux[2] >= 0 && s->aux[2] < cat->nbooks) ? (int) s->aux[2] : -1;
	if (s->aux[0] != cat->nnodes || s->aux[1] != (double) cat->fingerprint || bi < 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("score state does not match zjgov.indicator"),
				 errdetail("The state was made from other rows of zjgov.indicator than this node has: the catalog changed between the partial and the final aggregation, or differs between Citus nodes."),
				 errhint("On Citus, run SELECT * FROM zjgov.sync_catalogs() on the coordinator so that every node has the same rows.")));
	validate_book(cat, bi);
	b = &cat->books[bi];
	n = b->count;
	for (int k = 0; k <= n; k++)
	{
		if (k < n)
		{
			b->has[k] = false;
			b->has_value[k] = false;
		}
		b->sum_w[k] = 0;
		b->sum_ws[k] = 0;
		b->lost[k] = false;
		b->adjust[k] = 0;
		b->adjusted[k] = false;
		b->capat[k] = INFINITY;
	}
	for (int64 r = 0; r < s->n; r++)
	{
		double	   *rec = ZJ_AGGSTATE_REC(s, r);
		int			i = (rec[0] >= b->first && rec[0] < b->first + n) ? (int) rec[0] : -1;
		ModelNode  *nd;

		if (i < 0 || !cat->nodes[i].leaf || isnan(rec[1]) || isinf(rec[1]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("score state holds a record for indicator %d, not a leaf of model \"%s\"",
							i, b->name)));
		nd = &cat->nodes[i];
		if (b->has_value[i - b->first])
			ereport(ERROR,
					(errcode(ERRCODE_CARDINALITY_VIOLATION),
					 errmsg("indicator \"%s\" has more than one value in one group", nd->code),
					 errhint("Group by the entity, with one row per entity and indicator.")));
		b->has_value[i - b->first] = true;
		b->value[i - b->first] = rec[1];
		if (!IS_RULE(nd->kind))
		{
			b->has[i - b->first] = true;
			b->score[i - b->first] = 100.0 * leaf_normalised(nd, rec[1]);
		}
	}
	/* children before parents */
	for (int k = n - 1; k >= 0; k--)
	{
		int			i = b->order[k];
		int			li = i - b->first;
		ModelNode  *nd = &cat->nodes[i];
		int			pk = nd->parent >= 0 ? nd->parent - b->first : n;	/* the parent's slot */

		if (IS_RULE(nd->kind))
		{
			if (!b->has_value[li])
				continue;
			if (nd->kind == KIND_VETO)
			{
				if (b->value[li] != 0)
				{
					b->has[li] = true;
					b->score[li] = nd->cap;
					if (nd->cap < b->capat[pk])
						b->capat[pk] = nd->cap;
				}
			}
			else
			{
				b->has[li] = true;
				b->score[li] = rule_points(nd, b->value[li]);
				b->adjust[pk] += b->score[li];
				b->adjusted[pk] = true;
			}
			continue;
		}
		if (!nd->leaf)
		{
			b->has[li] = !b->lost[li] && b->sum_w[li] > 0;
			if (b->has[li])
			{
				double		v = b->sum_ws[li] / b->sum_w[li];

				if (b->adjusted[li])
					v = Max(0.0, Min(100.0, v + b->adjust[li]));
				b->before_cap[li] = v;
				b->score[li] = Min(v, b->capat[li]);
			}
		}
		if (!b->has[li] && nd->missing == MISSING_ZERO)
		{
			b->has[li] = true;
			b->score[li] = 0;
			b->before_cap[li] = 0;
		}
		if (b->has[li])
		{
			b->sum_w[pk] += nd->weight;
			b->sum_ws[pk] += nd->weight * b->score[li];
		}
		else if (nd->missing == MISSING_PROPAGATE)
			b->lost[pk] = true;
	}
	*catp = cat;
	*bp = b;
	if (b->lost[n] || !(b->sum_w[n] > 0))
		return get_float8_nan();
	{
		double		v = b->sum_ws[n] / b->sum_w[n];

		if (b->adjusted[n])
			v = Max(0.0, Min(100.0, v + b->adjust[n]));
		b->before_cap[n] = v;
		return Min(v, b->capat[n]);
	}
}

PG_FUNCTION_INFO_V1(zjgov_score_final);
Datum
zjgov_score_final(PG_FUNCTION_ARGS)
{
	Catalog    *cat;
	Book	   *b;
	double		total;

	total = score_entity(fcinfo, PG_GETARG_ZJAGGSTATE(0), &cat, &b);
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

/* score_detail(model, code, value): {"total": t, "nodes": {code: score or null, ...}} */
PG_FUNCTION_INFO_V1(zjgov_score_detail_final);
Datum
zjgov_score_detail_final(PG_FUNCTION_ARGS)
{
	Catalog    *cat;
	Book	   *b;
	double		total;
	StringInfoData buf;

	total = score_entity(fcinfo, PG_GETARG_ZJAGGSTATE(0), &cat, &b);
	initStringInfo(&buf);
	appendStringInfoString(&buf, "{\"total\": ");
	if (isnan(total))
		appendStringInfoString(&buf, "null");
	else
		append_number(&buf, total);
	appendStringInfoString(&buf, ", \"nodes\": {");
	for (int k = 0; k < b->count; k++)
	{
		if (k > 0)
			appendStringInfoString(&buf, ", ");
		escape_json(&buf, cat->nodes[b->first + k].code);
		appendStringInfoString(&buf, ": ");
		if (b->has[k])
			append_number(&buf, b->score[k]);
		else
			appendStringInfoString(&buf, "null");
	}
	appendStringInfoString(&buf, "}}");
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}

/* The element type of the final function's result (zjgov.score_node). */
static Oid
result_element_type(FunctionCallInfo fcinfo)
{
	Oid			rettype = get_fn_expr_rettype(fcinfo->flinfo);
	Oid			elem = OidIsValid(rettype) ? get_element_type(rettype) : InvalidOid;

	if (!OidIsValid(elem))
		elem = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid, CStringGetDatum("score_node"),
							   ObjectIdGetDatum(get_namespace_oid("zjgov", false)));
	if (!OidIsValid(elem))
		elog(ERROR, "type zjgov.score_node is missing");
	return elem;
}

#define SN_NATTS 10

/*
 * score_detail(model, code, value, as_of): one zjgov.score_node per node, the total first, then
 * parents before children: (code, parent, kind, value, normalised, score, weight, contribution,
 * target, attainment).  share = the node's weight among the counted siblings times its parent's
 * share (the total's is 1), so contribution = score · share and the root level's contributions
 * add up to the weighted mean before rule points and vetoes.
 */
PG_FUNCTION_INFO_V1(zjgov_score_nodes_final);
Datum
zjgov_score_nodes_final(PG_FUNCTION_ARGS)
{
	Catalog    *cat;
	Book	   *b;
	double		total;
	Oid			elem = result_element_type(fcinfo);
	TupleDesc	td = lookup_rowtype_tupdesc_copy(elem, -1);
	Datum	   *out;
	int			n;

	total = score_entity(fcinfo, PG_GETARG_ZJAGGSTATE(0), &cat, &b);
	n = b->count;
	if (td->natts != SN_NATTS)
		elog(ERROR, "type zjgov.score_node has %d attributes, expected %d", td->natts, SN_NATTS);
	out = palloc(sizeof(Datum) * (n + 1));
	b->share[n] = 1.0;
	{
		Datum		v[SN_NATTS];
		bool		nulls[SN_NATTS];

		memset(nulls, true, sizeof(nulls));
		v[2] = CStringGetTextDatum("total");
		nulls[2] = false;
		if (!isnan(total))
		{
			v[5] = v[7] = Float8GetDatum(total);
			nulls[5] = nulls[7] = false;
		}
		v[6] = Float8GetDatum(1.0);
		nulls[6] = false;
		out[0] = HeapTupleGetDatum(heap_form_tuple(td, v, nulls));
	}
	for (int k = 0; k < n; k++)
	{
		int			i = b->order[k];
		int			li = i - b->first;
		ModelNode  *nd = &cat->nodes[i];
		int			pk = nd->parent >= 0 ? nd->parent - b->first : n;
		double		pshare = b->share[pk];
		Datum		v[SN_NATTS];
		bool		nulls[SN_NATTS];

		memset(nulls, true, sizeof(nulls));
		v[0] = CStringGetTextDatum(nd->code);
		nulls[0] = false;
		if (nd->parent_code)
		{
			v[1] = CStringGetTextDatum(nd->parent_code);
			nulls[1] = false;
		}
		v[2] = CStringGetTextDatum(kind_names[nd->kind]);
		nulls[2] = false;
		if (b->has_value[li] && nd->leaf)
		{
			v[3] = Float8GetDatum(b->value[li]);
			nulls[3] = false;
			if (!IS_RULE(nd->kind))
			{
				v[4] = Float8GetDatum(leaf_normalised(nd, b->value[li]));
				nulls[4] = false;
			}
		}
		if (!IS_RULE(nd->kind))
		{
			v[6] = Float8GetDatum(nd->weight);
			nulls[6] = false;
		}
		/* the parent's share is 0 when the parent has no score */
		if ((pk < n && !b->has[pk]) || (pk == n && isnan(total)))
			pshare = 0;
		b->share[li] = 0;
		if (b->has[li])
		{
			double		contribution;

			v[5] = Float8GetDatum(b->score[li]);
			nulls[5] = false;
			if (nd->kind == KIND_VETO)
			{
				/* the points the veto took from its parent when it is the binding one */
				double		before = b->before_cap[pk];

				contribution = (pshare > 0 && b->capat[pk] == nd->cap && nd->cap < before) ?
					(nd->cap - before) * pshare : 0;
			}
			else if (IS_RULE(nd->kind))
				contribution = b->score[li] * pshare;
			else
			{
				b->share[li] = b->sum_w[pk] > 0 ? pshare * nd->weight / b->sum_w[pk] : 0;
				contribution = b->score[li] * b->share[li];
			}
			v[7] = Float8GetDatum(contribution);
			nulls[7] = false;
		}
		if (!nd->target_null)
		{
			double		achieved = get_float8_nan(),
						goal = nd->target;

			v[8] = Float8GetDatum(nd->target);
			nulls[8] = false;
			/* benefit leaves: value / target; cost leaves: target / value; others: score / target */
			if (nd->leaf && !IS_RULE(nd->kind) && nd->kind != KIND_INTERVAL && b->has_value[li])
			{
				achieved = b->value[li];
				if (nd->dir == ZJ_COST)
				{
					goal = b->value[li];
					achieved = nd->target;
				}
			}
			else if (b->has[li] && nd->kind != KIND_VETO)
				achieved = b->score[li];
			if (!isnan(achieved) && goal != 0)
			{
				double		a = achieved / goal;

				if (isfinite(a))
				{
					v[9] = Float8GetDatum(a);
					nulls[9] = false;
				}
			}
		}
		out[k + 1] = HeapTupleGetDatum(heap_form_tuple(td, v, nulls));
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(out, n + 1, elem, -1, false, TYPALIGN_DOUBLE));
}
