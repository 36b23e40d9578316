/*
 * regionalize.c — connected parts and SKATER over a CSR neighbour graph (regionalize.h).
 * Plain C: allocates with palloc in CurrentMemoryContext and reports with ereport, so it runs
 * unchanged in the server and under AddressSanitizer (test/unit/regionalize_test.c).
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "regionalize.h"

ZjRegionCrit
zj_region_criterion(const char *name)
{
	if (pg_strcasecmp(name, "ssd") == 0)
		return ZJ_RC_SSD;
	if (pg_strcasecmp(name, "spdep") == 0)
		return ZJ_RC_SPDEP;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid criterion \"%s\"", name),
			 errhint("Use 'ssd' (sum of squared deviations) or 'spdep' (sum of distances to the region mean).")));
	return ZJ_RC_SSD;			/* not reached */
}

/* ---- union-find ---- */

static int
uf_find(int *up, int i)
{
	while (up[i] != i)
	{
		up[i] = up[up[i]];
		i = up[i];
	}
	return i;
}

/* join the sets of a and b (the lower root wins); false when they were one set already */
static bool
uf_union(int *up, int a, int b)
{
	a = uf_find(up, a);
	b = uf_find(up, b);
	if (a == b)
		return false;
	if (a < b)
		up[b] = a;
	else
		up[a] = b;
	return true;
}

int
zj_components(const ZjGraph *g, int *comp)
{
	int			n = g->n;
	int		   *up = palloc(sizeof(int) * Max(n, 1));
	int		   *label = palloc(sizeof(int) * Max(n, 1));
	int			c = 0;

	for (int i = 0; i < n; i++)
		up[i] = i;
	for (int i = 0; i < n; i++)
		for (int m = g->off[i]; m < g->off[i + 1]; m++)
			uf_union(up, i, g->nb[m]);
	for (int i = 0; i < n; i++)
		label[i] = -1;
	for (int i = 0; i < n; i++)
	{
		int			r = uf_find(up, i);

		if (label[r] < 0)
			label[r] = c++;
		comp[i] = label[r];
	}
	pfree(up);
	pfree(label);
	return c;
}

/* ---- undirected edges with their attribute distance ---- */

typedef struct WEdge
{
	double		w;
	int			a,
				b;				/* a < b */
} WEdge;

static int
cmp_wedge(const void *x, const void *y)
{
	const WEdge *p = x,
			   *q = y;

	if (p->w != q->w)
		return p->w < q->w ? -1 : 1;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return (p->b > q->b) - (p->b < q->b);
}

static int
cmp_pair(const void *x, const void *y)
{
	const WEdge *p = x,
			   *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return (p->b > q->b) - (p->b < q->b);
}

/* Euclidean distance of rows i and j (as R's dist: the squares summed in column order) */
static double
attr_dist(int d, const double *x, int i, int j)
{
	double		s = 0;

	for (int c = 0; c < d; c++)
	{
		double		t = x[(int64) i * d + c] - x[(int64) j * d + c];

		s += t * t;
	}
	return sqrt(s);
}

/* the distinct undirected edges of g with their costs, sorted by cost, then rows */
static WEdge *
undirected_edges(int d, const double *x, const ZjGraph *g, int64 *count)
{
	int64		m = g->off[g->n];
	WEdge	   *e = palloc_extended(sizeof(WEdge) * Max(m, 1), MCXT_ALLOC_HUGE);
	int64		k = 0,
				w = 0;

	for (int i = 0; i < g->n; i++)
		for (int t = g->off[i]; t < g->off[i + 1]; t++)
		{
			int			j = g->nb[t];

			if (j == i)
				continue;
			e[k].a = Min(i, j);
			e[k].b = Max(i, j);
			k++;
		}
	if (k > 1)
		qsort(e, k, sizeof(WEdge), cmp_pair);
	for (int64 t = 0; t < k; t++)
	{
		if (w > 0 && e[w - 1].a == e[t].a && e[w - 1].b == e[t].b)
			continue;
		e[w] = e[t];
		e[w].w = attr_dist(d, x, e[w].a, e[w].b);
		w++;
	}
	if (w > 1)
		qsort(e, w, sizeof(WEdge), cmp_wedge);
	*count = w;
	return e;
}

/* ---- SKATER ---- */

typedef struct Skater
{
	int			n,
				d;
	const double *x;
	const double *fw;
	double		floor;
	ZjRegionCrit crit;
	/* the spanning forest: edges eu[e]-ev[e], adjacency (CSR with edge ids), cut flags */
	int			m;
	int		   *eu,
			   *ev;
	int		   *adj_off,
			   *adj_nb,
			   *adj_e;
	bool	   *cut;
	/* region of each row; per region: a row in it, its best cut and that cut's gain */
	int		   *grp;
	int			ngroups;
	int		   *groot;
	int		   *gbest;
	double	   *ggain;
	/* scratch for one region: preorder, parent edge, subtree sizes and sums */
	int		   *order,
			   *pedge,
			   *stack,
			   *tin,
			   *sz;
	double	   *sfw,			/* Σ fw of the subtree */
			   *s1,				/* Σ centred x of the subtree (d each) */
			   *s2,				/* Σ ‖centred x‖² of the subtree */
			   *xo,				/* centred x in preorder (d each) */
			   *mu;
} Skater;

/* Σ over preorder positions [from, to) of ‖xo − c‖ */
static double
dist_sum(const Skater *s, int from, int to, const double *c)
{
	int			d = s->d;
	double		t = 0;

	for (int p = from; p < to; p++)
	{
		const double *v = s->xo + (int64) p * d;
		double		q = 0;

		for (int j = 0; j < d; j++)
		{
			double		u = v[j] - c[j];

			q += u * u;
		}
		t += sqrt(q);
	}
	return t;
}

/* criterion of a set with count cnt, sums s1 (d) and s2 (ssd) or its preorder ranges (spdep) */
static double
ssd_of(int d, double cnt, const double *s1, double s2)
{
	double		q = 0;

	for (int j = 0; j < d; j++)
		q += s1[j] * s1[j];
	return Max(s2 - q / cnt, 0.0);
}

/*
 * Walk region g from row root (assigning grp), then find its best feasible cut: gbest[g] (an
 * edge, or −1) and ggain[g].
 */
static void
skater_region(Skater *s, int g, int root)
{
	int			d = s->d;
	int			cnt = 0,
				top = 0;
	double	   *c = palloc(sizeof(double) * (d + 1));
	double	   *ca = palloc(sizeof(double) * (d + 1));
	double		whole;
	double		tfw;

	/* preorder by an explicit stack */
	s->stack[top++] = root;
	s->pedge[root] = -1;
	while (top > 0)
	{
		int			v = s->stack[--top];

		s->grp[v] = g;
		s->tin[v] = cnt;
		s->order[cnt++] = v;
		for (int t = s->adj_off[v]; t < s->adj_off[v + 1]; t++)
		{
			int			e = s->adj_e[t],
						u = s->adj_nb[t];

			if (s->cut[e] || e == s->pedge[v])
				continue;
			s->pedge[u] = e;
			s->stack[top++] = u;
		}
	}
	s->groot[g] = root;
	s->gbest[g] = -1;
	s->ggain[g] = 0;

	/* centre on the region's mean */
	for (int j = 0; j < d; j++)
		s->mu[j] = 0;
	for (int p = 0; p < cnt; p++)
		for (int j = 0; j < d; j++)
			s->mu[j] += s->x[(int64) s->order[p] * d + j];
	for (int j = 0; j < d; j++)
		s->mu[j] /= cnt;
	for (int p = 0; p < cnt; p++)
		for (int j = 0; j < d; j++)
			s->xo[(int64) p * d + j] = s->x[(int64) s->order[p] * d + j] - s->mu[j];

	/* subtree sums, children before parents */
	for (int p = cnt - 1; p >= 0; p--)
	{
		int			v = s->order[p];
		double		q = 0;

		s->sz[v] += 1;
		s->sfw[v] += s->fw ? s->fw[v] : 1.0;
		for (int j = 0; j < d; j++)
		{
			double		u = s->xo[(int64) p * d + j];

			s->s1[(int64) v * d + j] += u;
			q += u * u;
		}
		s->s2[v] += q;
		if (s->pedge[v] >= 0)
		{
			int			e = s->pedge[v];
			int			par = s->eu[e] == v ? s->ev[e] : s->eu[e];

			s->sz[par] += s->sz[v];
			s->sfw[par] += s->sfw[v];
			for (int j = 0; j < d; j++)
				s->s1[(int64) par * d + j] += s->s1[(int64) v * d + j];
			s->s2[par] += s->s2[v];
		}
	}
	tfw = s->sfw[root];
	if (s->crit == ZJ_RC_SSD)
		whole = ssd_of(d, cnt, s->s1 + (int64) root * d, s->s2[root]);
	else
	{
		for (int j = 0; j < d; j++)
			c[j] = 0;
		whole = dist_sum(s, 0, cnt, c);
	}

	for (int p = 1; p < cnt; p++)
	{
		int			v = s->order[p];
		int			e = s->pedge[v];
		int			na = s->sz[v];
		double		fa = s->sfw[v],
					fb = tfw - s->sfw[v];
		double		gain;

		if ((p & 255) == 0)
			CHECK_FOR_INTERRUPTS();
		if (!(fa >= s->floor && fb >= s->floor))
			continue;
		for (int j = 0; j < d; j++)
		{
			ca[j] = s->s1[(int64) v * d + j];
			c[j] = s->s1[(int64) root * d + j] - ca[j];
		}
		if (s->crit == ZJ_RC_SSD)
			gain = whole - ssd_of(d, na, ca, s->s2[v]) - ssd_of(d, cnt - na, c, s->s2[root] - s->s2[v]);
		else
		{
			int			lo = s->tin[v],
						hi = s->tin[v] + na;
			double		fsub,
						frest;

			for (int j = 0; j < d; j++)
			{
				ca[j] /= na;
				c[j] /= cnt - na;
			}
			fsub = dist_sum(s, lo, hi, ca);
			frest = dist_sum(s, 0, lo, c) + dist_sum(s, hi, cnt, c);
			gain = whole - fsub - frest;
		}
		if (s->gbest[g] < 0 || gain > s->ggain[g] || (gain == s->ggain[g] && e < s->gbest[g]))
		{
			s->gbest[g] = e;
			s->ggain[g] = gain;
		}
	}
	/* leave the scratch sums zeroed for the next walk */
	for (int p = 0; p < cnt; p++)
	{
		int			v = s->order[p];

		s->sz[v] = 0;
		s->sfw[v] = 0;
		s->s2[v] = 0;
		for (int j = 0; j < d; j++)
			s->s1[(int64) v * d + j] = 0;
	}
	pfree(c);
	pfree(ca);
}

int
zj_skater(int n, int d, const double *x, const ZjGraph *g, int k,
		  const double *fw, double floor, ZjRegionCrit crit, int *region)
{
	Skater		s;
	int64		ne;
	WEdge	   *edges = undirected_edges(d, x, g, &ne);
	int		   *up = palloc(sizeof(int) * Max(n, 1));
	int		   *label;
	int			made = 0;

	memset(&s, 0, sizeof(s));
	s.n = n;
	s.d = d;
	s.x = x;
	s.fw = fw;
	s.floor = floor;
	s.crit = crit;

	/* Kruskal: the minimum spanning forest */
	s.eu = palloc(sizeof(int) * Max(n, 1));
	s.ev = palloc(sizeof(int) * Max(n, 1));
	for (int i = 0; i < n; i++)
		up[i] = i;
	for (int64 t = 0; t < ne && s.m < n - 1; t++)
	{
		if ((t & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		if (uf_union(up, edges[t].a, edges[t].b))
		{
			s.eu[s.m] = edges[t].a;
			s.ev[s.m] = edges[t].b;
			s.m++;
		}
	}
	pfree(edges);
	s.adj_off = palloc0(sizeof(int) * (n + 1));
	s.adj_nb = palloc(sizeof(int) * Max(2 * s.m, 1));
	s.adj_e = palloc(sizeof(int) * Max(2 * s.m, 1));
	for (int e = 0; e < s.m; e++)
	{
		s.adj_off[s.eu[e] + 1]++;
		s.adj_off[s.ev[e] + 1]++;
	}
	for (int i = 0; i < n; i++)
		s.adj_off[i + 1] += s.adj_off[i];
	{
		int		   *fill = palloc(sizeof(int) * Max(n, 1));

		memcpy(fill, s.adj_off, sizeof(int) * n);
		for (int e = 0; e < s.m; e++)
		{
			s.adj_nb[fill[s.eu[e]]] = s.ev[e];
			s.adj_e[fill[s.eu[e]]++] = e;
			s.adj_nb[fill[s.ev[e]]] = s.eu[e];
			s.adj_e[fill[s.ev[e]]++] = e;
		}
		pfree(fill);
	}
	s.cut = palloc0(sizeof(bool) * Max(s.m, 1));
	s.grp = palloc(sizeof(int) * Max(n, 1));
	s.groot = palloc(sizeof(int) * Max(n, 1));
	s.gbest = palloc(sizeof(int) * Max(n, 1));
	s.ggain = palloc(sizeof(double) * Max(n, 1));
	s.order = palloc(sizeof(int) * Max(n, 1));
	s.pedge = palloc(sizeof(int) * Max(n, 1));
	s.stack = palloc(sizeof(int) * Max(n, 1));
	s.tin = palloc(sizeof(int) * Max(n, 1));
	s.sz = palloc0(sizeof(int) * Max(n, 1));
	s.sfw = palloc0(sizeof(double) * Max(n, 1));
	s.s2 = palloc0(sizeof(double) * Max(n, 1));
	s.s1 = palloc_extended(sizeof(double) * (Size) Max(n, 1) * d, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	s.xo = palloc_extended(sizeof(double) * (Size) Max(n, 1) * d, MCXT_ALLOC_HUGE);
	s.mu = palloc(sizeof(double) * d);

	/* one region per connected part, rooted at its lowest row */
	for (int i = 0; i < n; i++)
		s.grp[i] = -1;
	for (int i = 0; i < n; i++)
		if (s.grp[i] < 0)
			skater_region(&s, s.ngroups++, i);

	/* k − (parts) cuts, each the best feasible one over all regions */
	while (s.ngroups < k)
	{
		int			best = -1;
		int			e,
					ng;

		CHECK_FOR_INTERRUPTS();
		for (int r = 0; r < s.ngroups; r++)
		{
			if (s.gbest[r] < 0)
				continue;
			if (best < 0 || s.ggain[r] > s.ggain[best] ||
				(s.ggain[r] == s.ggain[best] && s.gbest[r] < s.gbest[best]))
				best = r;
		}
		if (best < 0)
			break;
		e = s.gbest[best];
		s.cut[e] = true;
		ng = s.ngroups++;
		skater_region(&s, best, s.eu[e]);
		skater_region(&s, ng, s.ev[e]);
	}

	/* number the regions by their lowest row */
	label = palloc(sizeof(int) * Max(s.ngroups, 1));
	for (int r = 0; r < s.ngroups; r++)
		label[r] = -1;
	for (int i = 0; i < n; i++)
	{
		if (label[s.grp[i]] < 0)
			label[s.grp[i]] = made++;
		region[i] = label[s.grp[i]];
	}
	return made;
}
