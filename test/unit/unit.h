/* A tiny TAP-like harness for the sanitizer unit tests: "ok"/"not ok" lines, counted by the suite. */
#ifndef ZJ_UNIT_H
#define ZJ_UNIT_H

#include <math.h>
#include <stdio.h>

static int	unit_passed,
			unit_failed;

#define CHECK(cond, ...) \
	do { \
		if (cond) { unit_passed++; printf("ok - "); } \
		else { unit_failed++; printf("not ok - "); } \
		printf(__VA_ARGS__); \
		printf("\n"); \
	} while (0)

/* deterministic xorshift64* so every run tests the same points */
static unsigned long long unit_seed = 20261123ULL;

static double
unit_rand(void)
{
	unit_seed ^= unit_seed >> 12;
	unit_seed ^= unit_seed << 25;
	unit_seed ^= unit_seed >> 27;
	return (double) ((unit_seed * 2685821657736338717ULL) >> 11) / 9007199254740992.0;	/* [0, 1) */
}

static double
unit_uniform(double lo, double hi)
{
	return lo + (hi - lo) * unit_rand();
}

#define UNIT_RESULT() (printf("UNIT %d %d\n", unit_passed, unit_failed), unit_failed != 0)

#endif
