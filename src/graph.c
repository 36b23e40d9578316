/*
 * graph.c — the pure C core of the spatial weights: the weights spec parser and the CSR neighbour
 * graph built from a list of neighbour pairs.  Plain C over arrays (no fmgr, no GEOS), compiled
 * unchanged outside the server for the sanitizer unit tests (test/unit/graph_test.c).
 */
#include "postgres.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>

#include "utils/memutils.h"

#include "graph.h"

/* ---- the weights spec ---- */

/* detail: a message of the catalogue (xgettext reads bad_spec's second argument) */
static void bad_spec(const char *spec, const char *detail) pg_attribute_noreturn();

static void
bad_spec(const char *spec, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid weights specification: \"%s\"", spec),
			 detail ? errdetail("%s", dgettext(TEXTDOMAIN, detail)) : 0,
			 errhint("Use 'queen', 'rook', 'queen:SNAP', 'rook:SNAP', 'knn:K' or 'distance:D', optionally followed by a weighting: ':idw', ':exp:ALPHA' or (distance) ':dpd'.")));
}

/* a number token: finite, and > 0 (positive) or >= 0; ERROR with detail (a catalogue message) otherwise */
static double
spec_number(const char *spec, const char *tok, bool positive, const char *detail)
{
	char	   *end;
	double		v;

	while (*tok && isspace((unsigned char) *tok))
		tok++;
	errno = 0;
	v = strtod(tok, &end);
	while (*end && isspace((unsigned char) *end))
		end++;
	if (end == tok || *end != '\0' || errno == ERANGE || !isfinite(v) || (positive ? v <= 0 : v < 0))
		bad_spec(spec, detail);
	return v;
}

/* the weighting after 'knn:K' or 'distance:D': tok[0] its name, tok[1] (or NULL) its alpha */
static void
parse_weighting(const char *spec, ZjWeightsSpec *out, char **tok, int ntok)
{
	char	   *name = tok[0];

	while (*name && isspace((unsigned char) *name))
		name++;
	if (strcmp(name, "idw") == 0)
		out->wtype = ZJ_WT_IDW;
	else if (strcmp(name, "exp") == 0)
		out->wtype = ZJ_WT_EXP;
	else if (strcmp(name, "dpd") == 0)
		out->wtype = ZJ_WT_DPD;
	else
		bad_spec(spec, "The weighting after knn or distance must be idw, exp or dpd.");
	if (ntok > 2)
		bad_spec(spec, "A weighting takes at most one number, its alpha.");
	if (out->wtype == ZJ_WT_DPD && out->kind != ZJ_W_DISTANCE)
		bad_spec(spec, "dpd weights need a distance band: use 'distance:D:dpd'.");
	if (ntok == 2)
		out->alpha = spec_number(spec, tok[1], true, "alpha must be a finite number > 0.");
	else if (out->wtype == ZJ_WT_EXP)
		bad_spec(spec, "exp weights need their decay per distance unit, as in 'distance:5000:exp:0.001'.");
	else
		out->alpha = 1;
}

void
zj_weights_parse(const char *spec, ZjWeightsSpec *out)
{
	char	   *s = pstrdup(spec);
	char	   *p,
			   *end,
			   *tok[5];
	int			ntok = 0;
	size_t		len;

	/* trim and lower-case */
	while (*s && isspace((unsigned char) *s))
		s++;
	len = strlen(s);
	while (len > 0 && isspace((unsigned char) s[len - 1]))
		s[--len] = '\0';
	for (p = s; *p; p++)
		*p = pg_tolower((unsigned char) *p);
	/* the kind, then up to three arguments separated by colons */
	for (p = s;;)
	{
		char	   *colon = strchr(p, ':');

		if (ntok == lengthof(tok))
			bad_spec(spec, "It has too many parts.");
		tok[ntok++] = p;
		if (!colon)
			break;
		*colon = '\0';
		/* blanks before a colon: allowed after an argument, not after the kind ('knn :6') */
		for (char *q = colon; ntok > 1 && q > p && isspace((unsigned char) q[-1]); q--)
			q[-1] = '\0';
		p = colon + 1;
		while (*p && isspace((unsigned char) *p))
			p++;
		if (*p == '\0')
			bad_spec(spec, "The number after the colon is missing.");
	}
	memset(out, 0, sizeof(*out));
	if (strcmp(s, "queen") == 0 || strcmp(s, "rook") == 0)
	{
		out->kind = s[0] == 'q' ? ZJ_W_QUEEN : ZJ_W_ROOK;
		if (ntok > 2 || (ntok == 2 && (strcmp(tok[1], "idw") == 0 || strcmp(tok[1], "exp") == 0 ||
										strcmp(tok[1], "dpd") == 0)))
			bad_spec(spec, "queen and rook weights are binary: only a snap tolerance may follow.");
		if (ntok == 2)
			out->snap = spec_number(spec, tok[1], false, "The snap tolerance must be a finite number >= 0.");
	}
	else if (strcmp(s, "knn") == 0)
	{
		long		k;

		out->kind = ZJ_W_KNN;
		if (ntok < 2)
			bad_spec(spec, "knn needs the number of neighbours, as in 'knn:6'.");
		errno = 0;
		k = strtol(tok[1], &end, 10);
		if (end == tok[1] || *end != '\0' || errno == ERANGE || k < 1 || k > ZJ_MAX_KNN)
			bad_spec(spec, "K must be an integer from 1 to 10000.");
		out->k = (int) k;
	}
	else if (strcmp(s, "distance") == 0)
	{
		out->kind = ZJ_W_DISTANCE;
		if (ntok < 2)
			bad_spec(spec, "distance needs the distance band, as in 'distance:1500'.");
		errno = 0;
		out->dist = strtod(tok[1], &end);
		if (end == tok[1] || *end != '\0' || errno == ERANGE || !isfinite(out->dist) || out->dist <= 0)
			bad_spec(spec, "D must be a finite number > 0.");
	}
	else
		bad_spec(spec, NULL);
	if ((out->kind == ZJ_W_KNN || out->kind == ZJ_W_DISTANCE) && ntok > 2)
		parse_weighting(spec, out, tok + 2, ntok - 2);
}

double
zj_weights_kernel(const ZjWeightsSpec *spec, double d)
{
	switch (spec->wtype)
	{
		case ZJ_WT_IDW:
			return spec->alpha == 1 ? 1.0 / d : pow(d, -spec->alpha);
		case ZJ_WT_EXP:
			return exp(-spec->alpha * d);
		case ZJ_WT_DPD:
			{
				double		t = 1 - pow(d / spec->dist, spec->alpha);

				return t > 0 ? pow(t, spec->alpha) : 0;
			}
		case ZJ_WT_BINARY:
			break;
	}
	return 1;
}

/* ---- the CSR graph ---- */

void
zj_edges_add(ZjEdges *e, int a, int b)
{
	if (e->n >= e->cap)
	{
		int64		cap = e->cap ? e->cap * 2 : 1024;

		if ((Size) cap * sizeof(int) > MaxAllocSize)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("the spatial weights graph has too many neighbour pairs"),
					 errhint("Use a smaller distance band or fewer nearest neighbours.")));
		e->a = e->a ? repalloc(e->a, cap * sizeof(int)) : palloc(cap * sizeof(int));
		e->b = e->b ? repalloc(e->b, cap * sizeof(int)) : palloc(cap * sizeof(int));
		e->cap = cap;
	}
	e->a[e->n] = a;
	e->b[e->n] = b;
	e->n++;
}

int
zj_cmp_int(const void *x, const void *y)
{
	int			a = *(const int *) x,
				b = *(const int *) y;

	return (a > b) - (a < b);
}

ZjGraph *
zj_graph_from_edges(int n, const ZjEdges *e)
{
	ZjGraph    *g = palloc(sizeof(ZjGraph));
	int		   *fill;

	g->n = n;
	g->w = NULL;
	g->w0 = 1;
	g->off = palloc0(sizeof(int) * (n + 1));
	g->nb = palloc(sizeof(int) * Max(e->n, 1));
	for (int64 i = 0; i < e->n; i++)
		g->off[e->a[i] + 1]++;
	for (int i = 0; i < n; i++)
		g->off[i + 1] += g->off[i];
	fill = palloc(sizeof(int) * Max(n, 1));
	memcpy(fill, g->off, sizeof(int) * n);
	for (int64 i = 0; i < e->n; i++)
		g->nb[fill[e->a[i]]++] = e->b[i];
	pfree(fill);
	for (int i = 0; i < n; i++)
		if (ZJ_DEGREE(g, i) > 1)
			qsort(g->nb + g->off[i], ZJ_DEGREE(g, i), sizeof(int), zj_cmp_int);
	return g;
}

int
zj_graph_find(const ZjGraph *g, int i, int j)
{
	int			lo = g->off[i],
				hi = g->off[i + 1] - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;

		if (g->nb[mid] == j)
			return mid;
		if (g->nb[mid] < j)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

bool
zj_graph_has(const ZjGraph *g, int i, int j)
{
	return zj_graph_find(g, i, j) >= 0;
}

double
zj_graph_rowsum(const ZjGraph *g, int i)
{
	double		s = 0;

	if (g->w == NULL)
		return ZJ_DEGREE(g, i);
	for (int m = g->off[i]; m < g->off[i + 1]; m++)
		s += g->w[m];
	return s;
}

void
zj_require_binary(bool weighted, const char *fname)
{
	if (weighted)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s takes binary weights", fname),
				 errdetail("The weights spec asks for weights by distance (idw, exp or dpd)."),
				 errhint("Leave out the weighting, as in 'knn:6' or 'distance:1500'.")));
}

int
zj_cmp_keyed_row(const void *x, const void *y)
{
	const ZjKeyedRow *a = x,
			   *b = y;

	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return (a->j > b->j) - (a->j < b->j);
}

/* ---- neighbours given as data ---- */

static int
cmp_i64(const void *x, const void *y)
{
	int64		a = *(const int64 *) x,
				b = *(const int64 *) y;

	return (a > b) - (a < b);
}

static int
cmp_edge_pair(const void *x, const void *y)
{
	const int  *p = x,
			   *q = y;

	if (p[0] != q[0])
		return p[0] < q[0] ? -1 : 1;
	return (p[1] > q[1]) - (p[1] < q[1]);
}

ZjGraph *
zj_graph_from_ids(int n, const int64 *ids, const int64 *nboff, const int64 *nbids,
				  const int64 *known, int nknown, bool symmetric)
{
	int64		total = nboff[n];
	int64		cap = symmetric ? 2 * total : total;
	int		   *pairs = palloc_extended(sizeof(int) * 2 * Max(cap, 1), MCXT_ALLOC_HUGE);
	int64		m = 0,
				w = 0;
	ZjEdges		e = {0};
	ZjGraph    *g;

	for (int i = 1; i < n; i++)
		if (ids[i] <= ids[i - 1])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("id must be unique within a partition"),
					 errdetail("The id %lld appears on more than one row.", (long long) ids[i])));
	for (int i = 0; i < n; i++)
		for (int64 t = nboff[i]; t < nboff[i + 1]; t++)
		{
			const int64 *hit = bsearch(&nbids[t], ids, n, sizeof(int64), cmp_i64);
			int			j;

			if (hit == NULL)
			{
				if (known && nknown > 0 && bsearch(&nbids[t], known, nknown, sizeof(int64), cmp_i64))
					continue;	/* a row left out of the analysis */
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("neighbour %lld of id %lld is not an id of the partition",
								(long long) nbids[t], (long long) ids[i]),
						 errhint("Every element of neighbours must be the id of a row in the same partition.")));
			}
			j = (int) (hit - ids);
			if (j == i)
				continue;
			pairs[2 * m] = i;
			pairs[2 * m + 1] = j;
			m++;
			if (symmetric)
			{
				pairs[2 * m] = j;
				pairs[2 * m + 1] = i;
				m++;
			}
		}
	if (m > 1)
		qsort(pairs, m, 2 * sizeof(int), cmp_edge_pair);
	for (int64 t = 0; t < m; t++)
	{
		if (w > 0 && pairs[2 * t] == e.a[w - 1] && pairs[2 * t + 1] == e.b[w - 1])
			continue;
		zj_edges_add(&e, pairs[2 * t], pairs[2 * t + 1]);
		w++;
	}
	pfree(pairs);
	g = zj_graph_from_edges(n, &e);
	if (e.a)
	{
		pfree(e.a);
		pfree(e.b);
	}
	return g;
}
