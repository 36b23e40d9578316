/*
 * kendall.h — the pure C core of the trend statistics (src/kendall.c): the Mann-Kendall test with
 * the tie correction in O(n log n) (S by counting inversions), Sen's slope as the exact median of
 * the n(n-1)/2 pairwise slopes without materialising them (slope selection by counting), and the
 * emerging hot spot category rules.  Free of fmgr so that test/unit/kendall_test.c can run it under
 * AddressSanitizer.  Used by trend.c (mann_kendall) and emerging.c (emerging_hotspot).
 */
#ifndef ZJGOV_KENDALL_H
#define ZJGOV_KENDALL_H

/* One observation: time (any unit) and value.  Two doubles, so an aggstate record of width 2. */
typedef struct ZjPoint
{
	double		t;
	double		x;
} ZjPoint;

typedef struct ZjTrend
{
	int64		n;
	double		s;				/* S = sum over i < j of sgn(x_j - x_i) */
	double		var_s;			/* Var(S) with the tie correction */
	bool		has_test;		/* n >= 3: the fields below are set */
	double		z,
				p,
				tau,
				slope,			/* Sen's slope, per unit of t */
				intercept;		/* median(x) - slope * median(t) */
} ZjTrend;

/*
 * The Mann-Kendall test and Sen's slope of n >= 1 finite points.  pts is sorted by t in place;
 * equal t values are an ERROR (22023), so are t or x ranges that overflow a double (22003).
 */
extern void zj_mann_kendall(ZjPoint *pts, int64 n, ZjTrend *out);

/*
 * Sen's slope of n >= 2 points sorted by strictly increasing t: the median of the slopes
 * (x_j - x_i) / (t_j - t_i), i < j (the mean of the two middle ones for an even count).
 */
extern double zj_sen_slope(const ZjPoint *pts, int64 n);

/* Emerging hot spot categories: 0 no pattern, 1..8 hot (new .. historical), 9..16 cold. */
#define ZJ_EH_CATEGORIES 17
extern const char *const zj_eh_category_names[ZJ_EH_CATEGORIES];
extern const char *const zj_eh_category_names_zh[ZJ_EH_CATEGORIES];

/*
 * The category of one location from its T >= 1 bins: sig[p] = +1 hot, -1 cold, 0 neither
 * (periods in order), and the Mann-Kendall tau and p of its z series (p NaN when T < 3: not
 * significant).
 */
extern int	zj_eh_category(const signed char *sig, int T, double tau, double trend_p, double alpha);

#endif
