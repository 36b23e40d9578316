/*
 * crossing_test.c — src/crossing.c, compiled unchanged against shim/postgres.h, under
 * -fsanitize=address,undefined (test/suites/unit_asan.sh).  Every expected value is computed by
 * hand in the comment next to it.
 */
#include "postgres.h"

#include "crossing.h"
#include "unit.h"

static void
test_chords(void)
{
	double		lo,
				hi;
	/* p from (-3, 0.5) to (4, 0.5); facet the segment (0 0)-(1 0); r = 1: the capsule meets y = 0.5
	 * for x in (-sqrt(0.75), 1 + sqrt(0.75)) = (-0.866025, 1.866025), i.e. u = (x + 3) / 7 */
	double		p[4] = {-3, 0.5, 4, 0.5},
				f[4] = {0, 0, 1, 0};

	CHECK(zj_capsule_chord(p, f, 1, &lo, &hi) &&
		  fabs(lo - (3 - sqrt(0.75)) / 7) < 1e-15 && fabs(hi - (4 + sqrt(0.75)) / 7) < 1e-15,
		  "capsule chord through both end discs: [%.15f, %.15f]", lo, hi);
	/* r = 0.5: y = 0.5 is tangent to the capsule (|h| = r is not strictly inside): empty */
	CHECK(!zj_capsule_chord(p, f, 0.5, &lo, &hi), "tangent to the capsule's side: no chord");
	/* a point facet (2 0.5) with r = 1 on the same line: x in (1, 3), u in (4/7, 6/7) */
	{
		double		pt[4] = {2, 0.5, 2, 0.5};

		CHECK(zj_capsule_chord(p, pt, 1, &lo, &hi) && fabs(lo - 4.0 / 7) < 1e-15 && fabs(hi - 6.0 / 7) < 1e-15,
			  "a point facet is a disc: [%.15f, %.15f]", lo, hi);
	}
	/* the chord is clipped to [0, 1]: p wholly inside */
	{
		double		q[4] = {0.2, 0.1, 0.8, 0.1};

		CHECK(zj_capsule_chord(q, f, 1, &lo, &hi) && lo == 0 && hi == 1, "wholly inside: [0, 1]");
	}
	/* a zero-length p: all or nothing */
	{
		double		z[4] = {0.5, 0.2, 0.5, 0.2},
					far[4] = {5, 5, 5, 5};

		CHECK(zj_capsule_chord(z, f, 1, &lo, &hi) && lo == 0 && hi == 1, "standing inside: [0, 1]");
		CHECK(!zj_capsule_chord(far, f, 1, &lo, &hi), "standing outside: none");
	}
	/* perpendicular crossing of the facet's middle: p from (0.5, -2) to (0.5, 2), r = 1: y in (-1, 1),
	 * u in (0.25, 0.75) */
	{
		double		v[4] = {0.5, -2, 0.5, 2};

		CHECK(zj_capsule_chord(v, f, 1, &lo, &hi) && fabs(lo - 0.25) < 1e-15 && fabs(hi - 0.75) < 1e-15,
			  "across the rectangle: [%.15f, %.15f]", lo, hi);
	}
}

static void
test_spans(void)
{
	/* the unit square's four sides, p along y = 0.5 from x = -3 to 4, bands {0.5, 1, 2}, on the
	 * square for x in [0, 1] (u in [3/7, 4/7]): tiers 4 3 2 1 0 1 2 3 4 changing at x = -2, -1, -0.5,
	 * 0, 1, 1.5, 2, 3 */
	double		sq[16] = {0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0};
	double		p[4] = {-3, 0.5, 4, 0.5};
	double		bands[3] = {0.5, 1, 2};
	int			mode[3] = {0, 0, 0};
	double		inside[2] = {3.0 / 7, 4.0 / 7};
	double		xs[9] = {-3, -2, -1, -0.5, 0, 1, 1.5, 2, 3};
	int			tiers[9] = {4, 3, 2, 1, 0, 1, 2, 3, 4};
	ZjTierSpan *s;
	int			n = zj_tier_spans(p, sq, 4, bands, 3, mode, inside, 1, &s);
	bool		ok = n == 9;

	for (int i = 0; ok && i < 9; i++)
		ok = s[i].tier == tiers[i] && fabs(s[i].u0 - (xs[i] + 3) / 7) < 1e-12 &&
			fabs(s[i].u1 - (i < 8 ? (xs[i + 1] + 3) / 7 : 1)) < 1e-12;
	CHECK(ok, "nine spans with their tiers and ends (%d spans)", n);
	pfree(s);

	/* modes: band 3 known to cover everything, bands 1 and 2 known not to reach: one span of tier 3 */
	{
		int			m2[3] = {-1, -1, 1};

		n = zj_tier_spans(p, sq, 4, bands, 3, m2, NULL, 0, &s);
		CHECK(n == 1 && s[0].tier == 3 && s[0].u0 == 0 && s[0].u1 == 1, "modes settle the tier");
		pfree(s);
	}
	/* no bands (k = 0): on the target or not */
	n = zj_tier_spans(p, NULL, 0, NULL, 0, NULL, inside, 1, &s);
	CHECK(n == 3 && s[0].tier == 1 && s[1].tier == 0 && s[2].tier == 1 &&
		  fabs(s[1].u0 - 3.0 / 7) < 1e-15 && fabs(s[1].u1 - 4.0 / 7) < 1e-15, "k = 0: in and out");
	pfree(s);
	/* a sliver shorter than 1e-9 of the segment is absorbed by its neighbours */
	{
		double		sl[2] = {0.5, 0.5 + 1e-12};

		n = zj_tier_spans(p, NULL, 0, NULL, 0, NULL, sl, 1, &s);
		CHECK(n == 1 && s[0].tier == 1, "a sliver on the target is rounding noise");
		pfree(s);
	}
}

static void
test_seg_seg(void)
{
	double		a[4] = {0, 0, 2, 0},
				b[4] = {1, -1, 1, 1},
				c[4] = {3, 1, 3, 2},
				px,
				py,
				qx,
				qy;

	CHECK(zj_seg_seg(a, b, &px, &py, &qx, &qy) == 0 && px == 1 && py == 0, "crossing segments: 0 at (1 0)");
	/* (2 0) to (3 1): sqrt(2), squared 2 */
	CHECK(zj_seg_seg(a, c, &px, &py, &qx, &qy) == 2 && px == 2 && qx == 3 && qy == 1, "nearest ends: 2");
}

/* distance from (x, y) to segment f, by the projection formula */
static double
point_facet(double x, double y, const double *f)
{
	double		dx = f[2] - f[0],
				dy = f[3] - f[1],
				l2 = dx * dx + dy * dy,
				t = l2 > 0 ? ((x - f[0]) * dx + (y - f[1]) * dy) / l2 : 0;

	t = t < 0 ? 0 : t > 1 ? 1 : t;
	return hypot(x - f[0] - t * dx, y - f[1] - t * dy);
}

/* random segments: the chord agrees with the sampled distance wherever it is not within 1e-9 of r */
static void
test_random(void)
{
	int			bad = 0,
				samples = 0;

	for (int c = 0; c < 3000; c++)
	{
		double		p[4],
					f[4],
					r = unit_uniform(0.01, 3),
					lo = 2,
					hi = -1;
		bool		any;

		for (int i = 0; i < 4; i++)
		{
			p[i] = unit_uniform(-4, 4);
			f[i] = unit_uniform(-2, 2);
		}
		if (c % 10 == 0)
		{
			f[2] = f[0];		/* point facets */
			f[3] = f[1];
		}
		any = zj_capsule_chord(p, f, r, &lo, &hi);
		for (int k = 0; k <= 200; k++)
		{
			double		u = k / 200.0;
			double		d = point_facet(p[0] + u * (p[2] - p[0]), p[1] + u * (p[3] - p[1]), f);
			bool		in = any && u >= lo && u <= hi;

			if (fabs(d - r) < 1e-9)
				continue;
			samples++;
			if (in != (d < r))
				bad++;
		}
	}
	CHECK(bad == 0, "capsule chords agree with sampled distances (%d samples, %d bad)", samples, bad);
}

int
main(void)
{
	test_random();
	test_chords();
	test_spans();
	test_seg_seg();
	return UNIT_RESULT();
}
