/*
 * crossing.c — distances between segments, and the tiers a point moving along a segment passes
 * through (the crossing search of tracks.c), in plain C over planar coordinates.
 */
#include "postgres.h"

#include <math.h>
#include <stdlib.h>

#include "crossing.h"

/* spans shorter than this fraction of a segment are rounding noise (a tangent touch) */
#define SPAN_EPS 1e-9

/* Squared distance from p to segment ab, and the nearest point q. */
static double
point_seg(double px, double py, double ax, double ay, double bx, double by, double *qx, double *qy)
{
	double		dx = bx - ax,
				dy = by - ay;
	double		l2 = dx * dx + dy * dy;
	double		t = l2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0;

	t = Max(0.0, Min(1.0, t));
	*qx = ax + t * dx;
	*qy = ay + t * dy;
	return (px - *qx) * (px - *qx) + (py - *qy) * (py - *qy);
}

static double
orient(double ax, double ay, double bx, double by, double cx, double cy)
{
	return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/* Squared distance between segments s and t (x1 y1 x2 y2), with the nearest points p on s, q on t. */
double
zj_seg_seg(const double *s, const double *t, double *px, double *py, double *qx, double *qy)
{
	double		best,
				d,
				ax,
				ay;
	double		o1 = orient(s[0], s[1], s[2], s[3], t[0], t[1]),
				o2 = orient(s[0], s[1], s[2], s[3], t[2], t[3]),
				o3 = orient(t[0], t[1], t[2], t[3], s[0], s[1]),
				o4 = orient(t[0], t[1], t[2], t[3], s[2], s[3]);

	if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)))
	{
		/* proper crossing */
		double		u = o3 / (o3 - o4);

		*px = *qx = s[0] + u * (s[2] - s[0]);
		*py = *qy = s[1] + u * (s[3] - s[1]);
		return 0;
	}
	best = point_seg(s[0], s[1], t[0], t[1], t[2], t[3], qx, qy);
	*px = s[0];
	*py = s[1];
	d = point_seg(s[2], s[3], t[0], t[1], t[2], t[3], &ax, &ay);
	if (d < best)
	{
		best = d;
		*px = s[2];
		*py = s[3];
		*qx = ax;
		*qy = ay;
	}
	d = point_seg(t[0], t[1], s[0], s[1], s[2], s[3], &ax, &ay);
	if (d < best)
	{
		best = d;
		*qx = t[0];
		*qy = t[1];
		*px = ax;
		*py = ay;
	}
	d = point_seg(t[2], t[3], s[0], s[1], s[2], s[3], &ax, &ay);
	if (d < best)
	{
		best = d;
		*qx = t[2];
		*qy = t[3];
		*px = ax;
		*py = ay;
	}
	return best;
}

/* The open interval of u where alpha + beta u lies strictly between lo and hi (may be empty). */
static void
linear_between(double alpha, double beta, double lo, double hi, double *u0, double *u1)
{
	if (beta == 0)
	{
		if (alpha > lo && alpha < hi)
		{
			*u0 = -INFINITY;
			*u1 = INFINITY;
		}
		else
		{
			*u0 = 1;
			*u1 = 0;
		}
		return;
	}
	*u0 = (lo - alpha) / beta;
	*u1 = (hi - alpha) / beta;
	if (*u0 > *u1)
	{
		double		t = *u0;

		*u0 = *u1;
		*u1 = t;
	}
}

/* The open interval of u where |a + u v - c| < r; false when empty. */
static bool
disc_chord(double ax, double ay, double vx, double vy, double cx, double cy, double r,
		   double *u0, double *u1)
{
	double		dx = ax - cx,
				dy = ay - cy;
	double		A = vx * vx + vy * vy,
				B = 2 * (vx * dx + vy * dy),
				C = dx * dx + dy * dy - r * r;
	double		disc,
				q;

	if (A == 0)
	{
		if (C < 0)
		{
			*u0 = -INFINITY;
			*u1 = INFINITY;
			return true;
		}
		return false;
	}
	disc = B * B - 4 * A * C;
	if (!(disc > 0))
		return false;
	/* the numerically stable pair of roots */
	q = -0.5 * (B + copysign(sqrt(disc), B));
	if (q == 0)
	{
		*u0 = *u1 = 0;
		return false;
	}
	*u0 = q / A;
	*u1 = C / q;
	if (*u0 > *u1)
	{
		double		t = *u0;

		*u0 = *u1;
		*u1 = t;
	}
	return *u0 < *u1;
}

bool
zj_capsule_chord(const double *p, const double *f, double r, double *lo, double *hi)
{
	double		vx = p[2] - p[0],
				vy = p[3] - p[1];
	double		wx = f[2] - f[0],
				wy = f[3] - f[1];
	double		L = sqrt(wx * wx + wy * wy);
	double		a0 = INFINITY,
				a1 = -INFINITY,
				u0,
				u1;

	if (disc_chord(p[0], p[1], vx, vy, f[0], f[1], r, &u0, &u1))
	{
		a0 = Min(a0, u0);
		a1 = Max(a1, u1);
	}
	if (L > 0)
	{
		double		ex = wx / L,
					ey = wy / L;
		double		s0,
					s1,
					h0,
					h1;

		if (disc_chord(p[0], p[1], vx, vy, f[2], f[3], r, &u0, &u1))
		{
			a0 = Min(a0, u0);
			a1 = Max(a1, u1);
		}
		/* along the facet: 0 < s < L; across it: |h| < r */
		linear_between((p[0] - f[0]) * ex + (p[1] - f[1]) * ey, vx * ex + vy * ey, 0, L, &s0, &s1);
		linear_between(-(p[0] - f[0]) * ey + (p[1] - f[1]) * ex, -vx * ey + vy * ex, -r, r, &h0, &h1);
		u0 = Max(s0, h0);
		u1 = Min(s1, h1);
		if (u0 < u1)
		{
			a0 = Min(a0, u0);
			a1 = Max(a1, u1);
		}
	}
	/* the capsule is convex: its pieces' chords together are one interval */
	a0 = Max(a0, 0.0);
	a1 = Min(a1, 1.0);
	if (!(a0 < a1))
		return false;
	*lo = a0;
	*hi = a1;
	return true;
}

int
zj_cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return (x > y) - (x < y);
}

/* Sort n intervals (lo hi pairs) and merge overlapping ones in place; returns the new count. */
static int
merge_intervals(double *iv, int n)
{
	int			m = 0;

	if (n == 0)
		return 0;
	qsort(iv, n, 2 * sizeof(double), zj_cmp_double);	/* by lo (then by hi: pairs compare by lo only) */
	for (int i = 0; i < n; i++)
	{
		if (m > 0 && iv[2 * i] <= iv[2 * m - 1])
			iv[2 * m - 1] = Max(iv[2 * m - 1], iv[2 * i + 1]);
		else
		{
			iv[2 * m] = iv[2 * i];
			iv[2 * m + 1] = iv[2 * i + 1];
			m++;
		}
	}
	return m;
}

static bool
in_intervals(const double *iv, int n, double u)
{
	int			lo = 0,
				hi = n - 1;

	/* binary search for the last interval starting at or before u */
	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;

		if (iv[2 * mid] <= u)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return hi >= 0 && u < iv[2 * hi + 1];
}

int
zj_tier_spans(const double *p, const double *facets, int nf, const double *bands, int k,
			  const int *mode, const double *inside, int nin, ZjTierSpan **spans)
{
	double	  **u = palloc(sizeof(double *) * Max(k, 1));
	int		   *nu = palloc(sizeof(int) * Max(k, 1));
	double	   *cuts;
	int			ncut = 0,
				maxcut = 2 + 2 * nin;
	ZjTierSpan *out;
	int			nout = 0;

	for (int j = 0; j < k; j++)
	{
		u[j] = NULL;
		nu[j] = 0;
		if (mode[j] > 0)
		{
			u[j] = palloc(2 * sizeof(double));
			u[j][0] = 0;
			u[j][1] = 1;
			nu[j] = 1;
		}
		else if (mode[j] == 0 && nf > 0)
		{
			u[j] = palloc(2 * sizeof(double) * nf);
			for (int i = 0; i < nf; i++)
			{
				if (zj_capsule_chord(p, &facets[4 * i], bands[j], &u[j][2 * nu[j]], &u[j][2 * nu[j] + 1]))
					nu[j]++;
			}
			nu[j] = merge_intervals(u[j], nu[j]);
		}
		maxcut += 2 * nu[j];
	}

	/* every place where some band or the target begins or ends */
	cuts = palloc(sizeof(double) * maxcut);
	cuts[ncut++] = 0;
	cuts[ncut++] = 1;
	for (int j = 0; j < k; j++)
		for (int i = 0; i < 2 * nu[j]; i++)
			if (u[j][i] > 0 && u[j][i] < 1)
				cuts[ncut++] = u[j][i];
	for (int i = 0; i < 2 * nin; i++)
		if (inside[i] > 0 && inside[i] < 1)
			cuts[ncut++] = inside[i];
	qsort(cuts, ncut, sizeof(double), zj_cmp_double);

	out = palloc(sizeof(ZjTierSpan) * ncut);
	for (int c = 0; c + 1 < ncut; c++)
	{
		double		a = cuts[c],
					b = cuts[c + 1],
					m = (a + b) / 2;
		int			tier = k + 1;

		if (!(b - a >= SPAN_EPS))
			continue;			/* rounding noise: the neighbours take it over */
		if (in_intervals(inside, nin, m))
			tier = 0;
		else
			for (int j = 0; j < k; j++)
				if (in_intervals(u[j], nu[j], m))
				{
					tier = j + 1;
					break;
				}
		if (nout > 0 && out[nout - 1].tier == tier)
		{
			out[nout - 1].u1 = b;
			continue;
		}
		if (nout > 0)
			out[nout - 1].u1 = a;	/* close any gap left by a dropped sliver */
		out[nout].u0 = nout == 0 ? 0 : a;
		out[nout].u1 = b;
		out[nout].tier = tier;
		nout++;
	}
	if (nout == 0)
	{
		/* shorter than SPAN_EPS altogether: its midpoint decides */
		int			tier = k + 1;

		if (in_intervals(inside, nin, 0.5))
			tier = 0;
		else
			for (int j = 0; j < k; j++)
				if (in_intervals(u[j], nu[j], 0.5))
				{
					tier = j + 1;
					break;
				}
		out[0].u0 = 0;
		out[0].u1 = 1;
		out[0].tier = tier;
		nout = 1;
	}
	out[nout - 1].u1 = 1;
	for (int j = 0; j < k; j++)
		if (u[j])
			pfree(u[j]);
	pfree(u);
	pfree(nu);
	pfree(cuts);
	*spans = out;
	return nout;
}
