/*
 * kendall_test.c — the trend core of src/kendall.c compiled unchanged against shim/postgres.h,
 * under -fsanitize=address,undefined (test/suites/unit_asan.sh).
 *
 * References, none of them the core's own algorithm:
 *  - a hand-computed Mann-Kendall example with ties (below);
 *  - brute force over all n(n-1)/2 pairs (S as the sum of signs, Sen's slope as the median of the
 *    sorted list of every slope) on random data: continuous values, small integers (many tied
 *    values and tied slopes), a perfectly linear series (all slopes equal), irregular times, and
 *    sizes on both sides of the point where the core stops listing every pair;
 *  - the emerging hot spot rules applied by hand to hand-built series of hot/cold bins.
 */
#include "postgres.h"

#include "kendall.h"
#include "unit.h"

static int
cmp_d(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return (x > y) - (x < y);
}

/* brute force: S and the median slope of points sorted by t */
static void
brute(const ZjPoint *p, int64 n, double *S, double *slope)
{
	int64		N = n * (n - 1) / 2,
				m = 0;
	double	   *s = malloc(sizeof(double) * N);
	double		acc = 0;

	for (int64 i = 0; i < n; i++)
		for (int64 j = i + 1; j < n; j++)
		{
			acc += (p[j].x > p[i].x) - (p[j].x < p[i].x);
			s[m++] = (p[j].x - p[i].x) / (p[j].t - p[i].t);
		}
	qsort(s, N, sizeof(double), cmp_d);
	*S = acc;
	*slope = (N % 2) ? s[N / 2] : (s[N / 2 - 1] + s[N / 2]) / 2;
	free(s);
}

static int
cmp_t(const void *a, const void *b)
{
	double		x = ((const ZjPoint *) a)->t,
				y = ((const ZjPoint *) b)->t;

	return (x > y) - (x < y);
}

static void
against_brute(const char *what, ZjPoint *p, int64 n)
{
	ZjTrend		r;
	double		S,
				slope;
	ZjPoint    *q = malloc(sizeof(ZjPoint) * n);

	/* shuffle a copy: the core sorts by t itself */
	memcpy(q, p, sizeof(ZjPoint) * n);
	for (int64 i = n - 1; i > 0; i--)
	{
		int64		j = (int64) (unit_rand() * (i + 1));
		ZjPoint		tmp = q[i];

		q[i] = q[j];
		q[j] = tmp;
	}
	qsort(p, n, sizeof(ZjPoint), cmp_t);
	brute(p, n, &S, &slope);
	zj_mann_kendall(q, n, &r);
	CHECK(r.s == S, "%s (n = %lld): S = %.0f, brute force %.0f", what, (long long) n, r.s, S);
	CHECK(fabs(r.slope - slope) <= 1e-12 * fmax(1, fabs(slope)),
		  "%s (n = %lld): Sen's slope %.17g, brute force %.17g", what, (long long) n, r.slope, slope);
	free(q);
	shim_reset();
}

static void
test_sen_random(void)
{
	int64		sizes[] = {3, 4, 7, 50, 362, 363, 1000, 3001};

	for (int s = 0; s < (int) (sizeof(sizes) / sizeof(sizes[0])); s++)
	{
		int64		n = sizes[s];
		ZjPoint    *p = malloc(sizeof(ZjPoint) * n);

		/* continuous values, times 1..n */
		for (int64 i = 0; i < n; i++)
		{
			p[i].t = (double) (i + 1);
			p[i].x = unit_uniform(-10, 10) + 0.01 * i;
		}
		against_brute("continuous values", p, n);

		/* integers 0..5: many tied values and tied slopes, irregular times */
		for (int64 i = 0; i < n; i++)
		{
			p[i].t = i * 3.5 + floor(unit_uniform(0, 3));
			p[i].x = floor(unit_uniform(0, 6));
		}
		against_brute("tied integer values, irregular times", p, n);

		/* a perfectly linear series: every slope is 2 */
		for (int64 i = 0; i < n; i++)
		{
			p[i].t = (double) i;
			p[i].x = 2.0 * i + 1;
		}
		against_brute("linear series", p, n);

		/* days since the epoch, large offset, falling trend with noise */
		for (int64 i = 0; i < n; i++)
		{
			p[i].t = 19000.0 + i + unit_uniform(0, 0.5);
			p[i].x = 100 - 0.3 * i + unit_uniform(-5, 5);
		}
		against_brute("epoch days", p, n);
		free(p);
	}
}

static void
test_hand(void)
{
	/*
	 * t = 1..5, x = 1, 2, 2, 3, 1.  Signs of the 10 pairs (i, j):
	 * (1,2)+ (1,3)+ (1,4)+ (1,5)0 (2,3)0 (2,4)+ (2,5)- (3,4)+ (3,5)- (4,5)-  ->  S = 2.
	 * Tie groups {1, 1} and {2, 2}: Var = (5*4*15 - 2*(2*1*9)) / 18 = 264/18.
	 * z = (S - 1)/sqrt(Var) = 0.261116483933547, p = 2(1 - Phi(z)) = 0.794002680192762 (R pnorm),
	 * tau = 2/10.  Slopes sorted: -2 -1/2 -1/3 0 0 1/2 1/2 2/3 1 1: median (0 + 1/2)/2 = 0.25;
	 * intercept = median(x) - 0.25 median(t) = 2 - 0.75 = 1.25.
	 */
	ZjPoint		p[5] = {{5, 1}, {2, 2}, {1, 1}, {4, 3}, {3, 2}};
	ZjTrend		r;

	zj_mann_kendall(p, 5, &r);
	CHECK(r.n == 5 && r.s == 2 && fabs(r.var_s - 264.0 / 18) < 1e-12, "hand example: n, S, Var(S)");
	CHECK(r.has_test && fabs(r.z - 0.261116483933547) < 1e-12 && fabs(r.p - 0.794002680192762) < 1e-12,
		  "hand example: z = %.15g, p = %.15g", r.z, r.p);
	CHECK(fabs(r.tau - 0.2) < 1e-15 && r.slope == 0.25 && r.intercept == 1.25,
		  "hand example: tau, Sen's slope %g, intercept %g", r.slope, r.intercept);

	/* n < 3: S and Var only (two points rising: S = 1, Var = 2*1*9/18 = 1) */
	{
		ZjPoint		q[2] = {{1, 1}, {2, 5}};

		zj_mann_kendall(q, 2, &r);
		CHECK(r.n == 2 && r.s == 1 && r.var_s == 1 && !r.has_test, "two points: S = 1, Var = 1, no test");
	}
	/* all values equal: S = 0, Var = 0, z = 0, p = 1, slope 0 */
	{
		ZjPoint		q[4] = {{1, 7}, {2, 7}, {3, 7}, {4, 7}};

		zj_mann_kendall(q, 4, &r);
		CHECK(r.s == 0 && r.var_s == 0 && r.z == 0 && r.p == 1 && r.slope == 0 && r.intercept == 7,
			  "constant series: S = 0, Var = 0, z = 0, p = 1, slope 0, intercept 7");
	}
	shim_reset();
}

static void
test_errors(void)
{
	ZjPoint		dup[3] = {{1, 1}, {2, 2}, {1, 3}};
	ZjPoint		nan[3] = {{1, 1}, {2, NAN}, {3, 3}};
	ZjPoint		inf[3] = {{1, 1}, {INFINITY, 2}, {3, 3}};
	ZjPoint		wide[3] = {{-1.5e308, 1}, {0, 2}, {1.5e308, 3}};
	ZjTrend		r;

	CHECK(SHIM_TRY(zj_mann_kendall(dup, 3, &r)) && strcmp(shim_sqlstate, "22023") == 0,
		  "duplicate t: ERROR 22023 (%s)", shim_message);
	CHECK(SHIM_TRY(zj_mann_kendall(nan, 3, &r)) && strcmp(shim_sqlstate, "22023") == 0,
		  "NaN value: ERROR 22023 (%s)", shim_message);
	CHECK(SHIM_TRY(zj_mann_kendall(inf, 3, &r)) && strcmp(shim_sqlstate, "22023") == 0,
		  "infinite t: ERROR 22023 (%s)", shim_message);
	CHECK(SHIM_TRY(zj_mann_kendall(wide, 3, &r)) && strcmp(shim_sqlstate, "22003") == 0,
		  "t range overflowing a double: ERROR 22003 (%s)", shim_message);
	shim_reset();
}

/* ---------------------------------------------------------------- categories */

static int
cat(const char *bins, double tau, double p)
{
	signed char s[64];
	int			T = (int) strlen(bins);

	for (int i = 0; i < T; i++)
		s[i] = bins[i] == 'H' ? 1 : bins[i] == 'C' ? -1 : 0;
	return zj_eh_category(s, T, tau, p, 0.05);
}

static void
test_categories(void)
{
	/* H hot bin, C cold bin, . neither; expected category by the rules in kendall.h's order */
	struct
	{
		const char *bins;
		double		tau,
					p;
		int			want;
		const char *why;
	}			c[] = {
		{".........H", 0.3, 0.2, 1, "final bin the only hot one: new hot"},
		{".......HHH", 0.5, 0.04, 2, "final run of 3, no other hot, 3 < 9 of 10: consecutive hot"},
		{"HHHHHHHHHH", 0.8, 0.01, 3, "all hot, tau > 0 significant: intensifying hot"},
		{"HHHHHHHHHH", -0.8, 0.01, 4, "all hot, tau < 0 significant: diminishing hot"},
		{"HHHHHHHHHH", 0.8, 0.2, 5, "all hot, trend not significant: persistent hot"},
		{".HHHHHHHHH", 0.6, 0.3, 5, "9 of 10 hot (10*9 >= 9*10 is mostly), last 9 a run: persistent, not consecutive"},
		{"C.H.H..H.H", 0.4, 0.1, 6, "final hot, 4 hot of 10, a cold bin earlier: oscillating hot"},
		{"H.H......H", 0.1, 0.7, 7, "final hot, 3 hot of 10, no cold: sporadic hot"},
		{"H.......HH", 0.1, 0.7, 7, "final run of 2 but an earlier hot bin: sporadic, not consecutive"},
		{"HHHHHHHHH.", -0.2, 0.5, 8, "9 of 10 hot, final not hot: historical hot"},
		{".........C", -0.3, 0.2, 9, "new cold"},
		{"........CC", -0.5, 0.04, 10, "consecutive cold"},
		{"CCCCCCCCCC", -0.8, 0.01, 11, "all cold, tau < 0 significant: intensifying cold"},
		{"CCCCCCCCCC", 0.8, 0.01, 12, "all cold, tau > 0 significant: diminishing cold"},
		{"CCCCCCCCCC", -0.8, 0.06, 13, "all cold, not significant: persistent cold"},
		{"H..C....CC", -0.1, 0.5, 14, "final cold, a hot bin earlier: oscillating cold"},
		{"C..C.....C", -0.1, 0.5, 15, "sporadic cold"},
		{"CCCCCCCCC.", 0.2, 0.5, 16, "historical cold"},
		{"..........", 0, 1, 0, "nothing significant: no pattern"},
		{"H.........", -0.3, 0.2, 0, "one early hot bin only: no pattern"},
		{"HHHHHHHHHHHHHHHHH...", 0.1, 0.5, 0, "17 of 20 hot (170 < 180), final not hot: no pattern"},
		{"HHHHHHHHHHHHHHHHHH.H", 0.1, 0.5, 5, "18 of 20 hot (180 >= 180), final hot: persistent"},
		{"HH", NAN, NAN, 5, "T = 2, both hot (20 >= 18: mostly), so not consecutive; p undefined: persistent"},
		{"H", NAN, NAN, 1, "T = 1, hot: new"},
	};

	for (int i = 0; i < (int) (sizeof(c) / sizeof(c[0])); i++)
	{
		int			got = cat(c[i].bins, c[i].tau, c[i].p);

		CHECK(got == c[i].want, "category %s: %s (%s)", c[i].bins, zj_eh_category_names[got], c[i].why);
	}
	CHECK(strcmp(zj_eh_category_names_zh[3], "加强热点") == 0 && strcmp(zj_eh_category_names_zh[16], "历史冷点") == 0 &&
		  strcmp(zj_eh_category_names_zh[0], "无显著模式") == 0, "Chinese category names");
}

int
main(void)
{
	test_hand();
	test_errors();
	test_sen_random();
	test_categories();
	return UNIT_RESULT();
}
