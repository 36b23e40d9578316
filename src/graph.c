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

static void bad_spec(const char *spec, const char *detail) pg_attribute_noreturn();

static void
bad_spec(const char *spec, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid weights specification: \"%s\"", spec),
			 detail ? errdetail("%s", detail) : 0,
			 errhint("Use 'queen', 'rook', 'queen:SNAP', 'rook:SNAP', 'knn:K' or 'distance:D'.")));
}

void
zj_weights_parse(const char *spec, ZjWeightsSpec *out)
{
	char	   *s = pstrdup(spec);
	char	   *p,
			   *end,
			   *colon,
			   *arg = NULL;
	size_t		len;

	/* trim and lower-case */
	while (*s && isspace((unsigned char) *s))
		s++;
	len = strlen(s);
	while (len > 0 && isspace((unsigned char) s[len - 1]))
		s[--len] = '\0';
	for (p = s; *p; p++)
		*p = pg_tolower((unsigned char) *p);
	colon = strchr(s, ':');
	if (colon)
	{
		*colon = '\0';
		arg = colon + 1;
		while (*arg && isspace((unsigned char) *arg))
			arg++;
		if (*arg == '\0')
			bad_spec(spec, "The number after the colon is missing.");
	}
	memset(out, 0, sizeof(*out));
	if (strcmp(s, "queen") == 0 || strcmp(s, "rook") == 0)
	{
		out->kind = s[0] == 'q' ? ZJ_W_QUEEN : ZJ_W_ROOK;
		if (arg)
		{
			errno = 0;
			out->snap = strtod(arg, &end);
			if (end == arg || *end != '\0' || errno == ERANGE || !isfinite(out->snap) || out->snap < 0)
				bad_spec(spec, "The snap tolerance must be a finite number >= 0.");
		}
	}
	else if (strcmp(s, "knn") == 0)
	{
		long		k;

		out->kind = ZJ_W_KNN;
		if (!arg)
			bad_spec(spec, "knn needs the number of neighbours, as in 'knn:6'.");
		errno = 0;
		k = strtol(arg, &end, 10);
		if (end == arg || *end != '\0' || errno == ERANGE || k < 1 || k > ZJ_MAX_KNN)
			bad_spec(spec, "K must be an integer from 1 to 10000.");
		out->k = (int) k;
	}
	else if (strcmp(s, "distance") == 0)
	{
		out->kind = ZJ_W_DISTANCE;
		if (!arg)
			bad_spec(spec, "distance needs the distance band, as in 'distance:1500'.");
		errno = 0;
		out->dist = strtod(arg, &end);
		if (end == arg || *end != '\0' || errno == ERANGE || !isfinite(out->dist) || out->dist <= 0)
			bad_spec(spec, "D must be a finite number > 0.");
	}
	else
		bad_spec(spec, NULL);
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

bool
zj_graph_has(const ZjGraph *g, int i, int j)
{
	int			lo = g->off[i],
				hi = g->off[i + 1] - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;

		if (g->nb[mid] == j)
			return true;
		if (g->nb[mid] < j)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return false;
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
