/*
 * crossing.h — where a point moving along a segment changes distance band: plain C over planar
 * coordinates, unit-tested under ASan/UBSan (test/unit/crossing_test.c).
 *
 * The moving point is p(u) = p0 + u (p1 - p0), u in [0, 1].  Its distance to one facet (a segment
 * of the target's boundary, or a point) is a convex function of u, so the parameters where it is
 * below r form one interval: the chord of the line through the facet's capsule (the union of the
 * discs of radius r at its ends and the rectangle along it).  The distance to the whole target is
 * the minimum over its facets, so the set where it is below r is the union of those intervals.
 */
#ifndef ZJGOV_CROSSING_H
#define ZJGOV_CROSSING_H

/* qsort comparator of doubles, ascending. */
extern int	zj_cmp_double(const void *a, const void *b);

/* Squared distance between segments s and t (x1 y1 x2 y2), with the nearest points p on s, q on t. */
extern double zj_seg_seg(const double *s, const double *t, double *px, double *py, double *qx, double *qy);

/*
 * The parameters u in [0, 1] where p(u) (p = x1 y1 x2 y2) lies strictly within r of facet f
 * (x1 y1 x2 y2; a point repeats itself): false when there are none, else the interval [*lo, *hi].
 */
extern bool zj_capsule_chord(const double *p, const double *f, double r, double *lo, double *hi);

/* A stretch [u0, u1] of a segment spent in one tier. */
typedef struct ZjTierSpan
{
	double		u0,
				u1;
	int			tier;
} ZjTierSpan;

/*
 * The tiers along p (x1 y1 x2 y2) against k ascending band radii, as zone() defines them: 0 inside
 * the target, i where the distance lies in [bands[i-1], bands[i]), k + 1 beyond.
 *   facets, nf: the target's facets near p, in p's plane (4 doubles each);
 *   mode[j]: -1 when band j is known not to reach p anywhere, +1 when it covers all of p, 0 to
 *            compute it from the facets;
 *   inside, nin: the sorted disjoint intervals of u spent on the target (tier 0).
 * Writes the spans, in order, consecutive spans of one tier merged, into *spans (palloc'd) and
 * returns their number (at least 1).
 */
extern int	zj_tier_spans(const double *p, const double *facets, int nf, const double *bands, int k,
						  const int *mode, const double *inside, int nin, ZjTierSpan **spans);

#endif
