/*
 * regionalize.c — connected parts, SKATER and max-p over a CSR neighbour graph (regionalize.h).
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

/* ---- max-p ---- */

double
zj_region_heterogeneity(int n, int d, const double *x, const int *region)
{
	double		h = 0;

	for (int i = 0; i < n; i++)
	{
		if (region[i] < 0)
			continue;
		for (int j = i + 1; j < n; j++)
			if (region[j] == region[i])
				h += attr_dist(d, x, i, j);
	}
	return h;
}

/* splitmix64: the seeded order of one construction */
static uint64
mp_next(uint64 *state)
{
	uint64		z = (*state += UINT64CONST(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64CONST(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64CONST(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

typedef struct MaxP
{
	int			n,
				d;
	const double *x;
	const double *fw;
	double		floor;
	/* undirected adjacency (both directions, distinct, ascending) */
	int		   *off,
			   *nb;
	int		   *queue;
	int		   *mark;
	int			stamp;
	/* members of each region: a doubly linked list per region (head[r], nxt, prv) */
	int		   *head,
			   *nxt,
			   *prv;
} MaxP;

static void
mp_list_reset(MaxP *m)
{
	for (int i = 0; i < m->n; i++)
	{
		m->head[i] = -1;
		m->nxt[i] = m->prv[i] = -1;
	}
}

static void
mp_list_add(MaxP *m, int r, int v)
{
	m->prv[v] = -1;
	m->nxt[v] = m->head[r];
	if (m->head[r] >= 0)
		m->prv[m->head[r]] = v;
	m->head[r] = v;
}

static void
mp_list_remove(MaxP *m, int r, int v)
{
	if (m->prv[v] >= 0)
		m->nxt[m->prv[v]] = m->nxt[v];
	else
		m->head[r] = m->nxt[v];
	if (m->nxt[v] >= 0)
		m->prv[m->nxt[v]] = m->prv[v];
	m->nxt[v] = m->prv[v] = -1;
}

/* Σ of the attribute distances from row v to the members of region r other than v */
static double
mp_dist_to(const MaxP *m, int r, int v)
{
	double		t = 0;

	for (int j = m->head[r]; j >= 0; j = m->nxt[j])
		if (j != v)
			t += attr_dist(m->d, m->x, v, j);
	return t;
}

/*
 * One construction from a seeded random order: grow a region from each unassigned row in turn by
 * breadth-first search over unassigned neighbours until its Σ fw reaches the floor (the rows of a
 * region that cannot are released); then every row left over joins the neighbouring region whose
 * heterogeneity grows least.  Rows in parts below the floor (skip[i]) stay −1.  Returns p.
 */
static int
maxp_construct(MaxP *m, uint64 seed, const bool *skip, int *label)
{
	int			n = m->n;
	int		   *order = palloc(sizeof(int) * Max(n, 1));
	int		   *members = palloc(sizeof(int) * Max(n, 1));
	int			p = 0;
	bool		changed;

	mp_list_reset(m);
	for (int i = 0; i < n; i++)
	{
		order[i] = i;
		label[i] = -1;
	}
	for (int i = n - 1; i > 0; i--)
	{
		int			j = (int) (mp_next(&seed) % (uint64) (i + 1));
		int			t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	for (int o = 0; o < n; o++)
	{
		int			s = order[o],
					cnt = 0,
					head = 0;
		double		sum = 0;

		if (label[s] >= 0 || skip[s])
			continue;
		CHECK_FOR_INTERRUPTS();
		label[s] = p;
		members[cnt++] = s;
		sum += m->fw[s];
		while (sum < m->floor && head < cnt)
		{
			int			v = members[head++];

			for (int t = m->off[v]; t < m->off[v + 1] && sum < m->floor; t++)
			{
				int			u = m->nb[t];

				if (label[u] >= 0 || skip[u])
					continue;
				label[u] = p;
				members[cnt++] = u;
				sum += m->fw[u];
			}
		}
		if (sum >= m->floor)
		{
			for (int t = 0; t < cnt; t++)
				mp_list_add(m, p, members[t]);
			p++;
		}
		else
			for (int t = 0; t < cnt; t++)
				label[members[t]] = -2;	/* left over: an enclave for now */
	}
	/* enclaves join a neighbouring region, the one whose heterogeneity grows least */
	do
	{
		changed = false;
		for (int o = 0; o < n; o++)
		{
			int			v = order[o],
						best = -1;
			double		bestcost = 0;

			if (label[v] != -2 && !(label[v] == -1 && !skip[v]))
				continue;
			for (int t = m->off[v]; t < m->off[v + 1]; t++)
			{
				int			r = label[m->nb[t]];
				double		cost;

				if (r < 0 || r == best)
					continue;
				cost = mp_dist_to(m, r, v);
				if (best < 0 || cost < bestcost || (cost == bestcost && r < best))
				{
					best = r;
					bestcost = cost;
				}
			}
			if (best >= 0)
			{
				label[v] = best;
				mp_list_add(m, best, v);
				changed = true;
			}
		}
	} while (changed);
	pfree(order);
	pfree(members);
	return p;
}

/* true when region r without row v is still connected (v in r, r has other rows) */
static bool
connected_without(MaxP *m, const int *label, int r, int v, int size)
{
	int			head = 0,
				cnt = 0,
				start = -1;

	m->stamp++;
	for (int t = m->off[v]; t < m->off[v + 1]; t++)
		if (label[m->nb[t]] == r)
		{
			start = m->nb[t];
			break;
		}
	if (start < 0)
		return false;
	m->mark[v] = m->stamp;
	m->mark[start] = m->stamp;
	m->queue[cnt++] = start;
	while (head < cnt)
	{
		int			u = m->queue[head++];

		for (int t = m->off[u]; t < m->off[u + 1]; t++)
		{
			int			w = m->nb[t];

			if (label[w] == r && m->mark[w] != m->stamp)
			{
				m->mark[w] = m->stamp;
				m->queue[cnt++] = w;
			}
		}
	}
	return cnt == size - 1;
}

/*
 * Local search: move a border row to a neighbouring region when its own region stays connected
 * and at the floor and the heterogeneity falls; rows are visited in order, moves applied at once,
 * until a full pass finds none (or maxpass passes).
 */
static void
maxp_improve(MaxP *m, int p, int *label, int maxpass)
{
	int			n = m->n;
	double	   *rsum = palloc0(sizeof(double) * Max(p, 1));
	int		   *rsize = palloc0(sizeof(int) * Max(p, 1));

	for (int i = 0; i < n; i++)
		if (label[i] >= 0)
		{
			rsum[label[i]] += m->fw[i];
			rsize[label[i]]++;
		}
	for (int pass = 0; pass < maxpass; pass++)
	{
		bool		moved = false;

		for (int v = 0; v < n; v++)
		{
			int			a = label[v],
						best = -1;
			double		own,
						bestgain = 0;
			bool		border = false;

			CHECK_FOR_INTERRUPTS();
			if (a < 0 || rsize[a] < 2 || rsum[a] - m->fw[v] < m->floor)
				continue;
			for (int t = m->off[v]; t < m->off[v + 1] && !border; t++)
				border = label[m->nb[t]] >= 0 && label[m->nb[t]] != a;
			if (!border)
				continue;
			own = mp_dist_to(m, a, v);
			for (int t = m->off[v]; t < m->off[v + 1]; t++)
			{
				int			b = label[m->nb[t]];
				double		gain;

				if (b < 0 || b == a || b == best)
					continue;
				gain = own - mp_dist_to(m, b, v);
				/* strictly better, beyond rounding, than staying and than the best so far */
				if (gain > 1e-9 * Max(own, 1.0) && (best < 0 || gain > bestgain))
				{
					best = b;
					bestgain = gain;
				}
			}
			if (best >= 0 && connected_without(m, label, a, v, rsize[a]))
			{
				label[v] = best;
				mp_list_remove(m, a, v);
				mp_list_add(m, best, v);
				rsum[a] -= m->fw[v];
				rsum[best] += m->fw[v];
				rsize[a]--;
				rsize[best]++;
				moved = true;
			}
		}
		if (!moved)
			break;
	}
	pfree(rsum);
	pfree(rsize);
}

int
zj_maxp(int n, int d, const double *x, const ZjGraph *g, const double *fw, double floor,
		int iterations, int seed, int *region)
{
	MaxP		m;
	int64		ne;
	WEdge	   *edges = undirected_edges(d, x, g, &ne);
	int		   *comp = palloc(sizeof(int) * Max(n, 1));
	int			nc;
	double	   *csum;
	bool	   *skip = palloc(sizeof(bool) * Max(n, 1));
	int		   *label = palloc(sizeof(int) * Max(n, 1));
	int		   *best = palloc(sizeof(int) * Max(n, 1));
	int			bestp = -1;
	double		besth = 0;
	int		   *relabel;
	int			made = 0;

	memset(&m, 0, sizeof(m));
	m.n = n;
	m.d = d;
	m.x = x;
	m.fw = fw;
	m.floor = floor;
	m.off = palloc0(sizeof(int) * (n + 1));
	m.nb = palloc(sizeof(int) * Max(2 * ne, 1));
	for (int64 t = 0; t < ne; t++)
	{
		m.off[edges[t].a + 1]++;
		m.off[edges[t].b + 1]++;
	}
	for (int i = 0; i < n; i++)
		m.off[i + 1] += m.off[i];
	{
		int		   *fill = palloc(sizeof(int) * Max(n, 1));

		memcpy(fill, m.off, sizeof(int) * n);
		for (int64 t = 0; t < ne; t++)
		{
			m.nb[fill[edges[t].a]++] = edges[t].b;
			m.nb[fill[edges[t].b]++] = edges[t].a;
		}
		pfree(fill);
	}
	for (int i = 0; i < n; i++)
		if (m.off[i + 1] - m.off[i] > 1)
			qsort(m.nb + m.off[i], m.off[i + 1] - m.off[i], sizeof(int), zj_cmp_int);
	pfree(edges);
	m.queue = palloc(sizeof(int) * Max(n, 1));
	m.mark = palloc0(sizeof(int) * Max(n, 1));
	m.head = palloc(sizeof(int) * Max(n, 1));
	m.nxt = palloc(sizeof(int) * Max(n, 1));
	m.prv = palloc(sizeof(int) * Max(n, 1));

	/* rows in connected parts that cannot reach the floor take no region */
	nc = zj_components(g, comp);
	csum = palloc0(sizeof(double) * Max(nc, 1));
	for (int i = 0; i < n; i++)
		csum[comp[i]] += fw[i];
	for (int i = 0; i < n; i++)
		skip[i] = !(csum[comp[i]] >= floor);

	for (int it = 0; it < Max(iterations, 1); it++)
	{
		uint64		s = (uint64) (int64) seed * UINT64CONST(0x9e3779b97f4a7c15) + (uint64) it;
		int			p = maxp_construct(&m, mp_next(&s), skip, label);
		double		h;

		if (p < bestp)
			continue;
		h = 0;
		for (int r = 0; r < p; r++)
			for (int i = m.head[r]; i >= 0; i = m.nxt[i])
				for (int j = m.nxt[i]; j >= 0; j = m.nxt[j])
					h += attr_dist(d, x, i, j);
		if (p > bestp || h < besth)
		{
			bestp = p;
			besth = h;
			memcpy(best, label, sizeof(int) * n);
		}
	}
	mp_list_reset(&m);
	for (int i = n - 1; i >= 0; i--)
		if (best[i] >= 0)
			mp_list_add(&m, best[i], i);
	maxp_improve(&m, bestp, best, 100);

	/* number the regions by their lowest row */
	relabel = palloc(sizeof(int) * Max(bestp, 1));
	for (int r = 0; r < bestp; r++)
		relabel[r] = -1;
	for (int i = 0; i < n; i++)
	{
		if (best[i] < 0)
		{
			region[i] = -1;
			continue;
		}
		if (relabel[best[i]] < 0)
			relabel[best[i]] = made++;
		region[i] = relabel[best[i]];
	}
	return made;
}
