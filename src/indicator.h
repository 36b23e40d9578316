/*
 * indicator.h — direction-aware normalisation shared by indicator.c (normalize) and model.c
 * (leaf scores of a hierarchical indicator model).
 */
#ifndef ZJGOV_INDICATOR_H
#define ZJGOV_INDICATOR_H

typedef enum ZjDirection
{
	ZJ_BENEFIT = 0,				/* 效益型: larger is better */
	ZJ_COST = 1,				/* 成本型: smaller is better */
	ZJ_INTERVAL = 2				/* 区间型: an ideal range [lo, hi] */
} ZjDirection;

/*
 * Parse a direction name (benefit / cost / interval, case-insensitive, or 效益型 正向 / 成本型 负向
 * 逆向 / 区间型); returns -1 when the name is unknown (the caller reports it).
 */
extern int	zj_parse_direction(const char *s, int len);

/* ERROR (22023) naming argname unless the name is benefit or cost (or interval when allowed). */
extern ZjDirection zj_direction_arg(const char *s, int len, const char *argname, bool allow_interval);


/* (x − lo)/(hi − lo) for benefit, (hi − x)/(hi − lo) for cost, clamped to [0, 1]; lo < hi. */
extern double zj_normalize_fixed(double x, double lo, double hi, ZjDirection dir);

#endif
