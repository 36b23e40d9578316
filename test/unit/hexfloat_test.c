/*
 * hexfloat_test.c — src/hexfloat.c against the C library's own "%a" (glibc's printf, the
 * reference the server's text forms used before), under -fsanitize=address,undefined: special
 * values, powers of two, subnormals, and a million random bit patterns; every result must also
 * read back (strtod) to the same bits; and 100 000 uniform values in (-1e6, 1e6).
 */
#include "postgres.h"

#include <stdlib.h>

#include "hexfloat.h"
#include "unit.h"

static int
same(double d, char *mine, char *libc)
{
	double		back;

	zj_hexfloat(mine, d);
	snprintf(libc, 64, "%a", d);
	back = strtod(mine, NULL);
	return strcmp(mine, libc) == 0 && (isnan(d) || memcmp(&back, &d, sizeof(d)) == 0);
}

int
main(void)
{
	char		mine[ZJ_HEXFLOAT_LEN],
				libc[64];
	const double special[] = {0.0, -0.0, 1.0, -1.0, 3.0, 0.1, 1.0 / 3, 1e308, -1e-308, 4.9e-324,
		2.2250738585072009e-308, 2.2250738585072014e-308, 1.7976931348623157e308, INFINITY, -INFINITY};
	int			bad = 0;
	char		first_bad[160] = "";

	for (int i = 0; i < (int) (sizeof(special) / sizeof(special[0])); i++)
		CHECK(same(special[i], mine, libc), "%s is written %s, as %%a writes it", libc, mine);
	for (int e = -1074; e <= 1023; e++)
		if (!same(ldexp(1.0, e), mine, libc) && bad++ == 0)
			snprintf(first_bad, sizeof(first_bad), "2^%d: %s, %%a %s", e, mine, libc);
	CHECK(bad == 0, "every power of two 2^-1074 .. 2^1023 (%d differ; first: %s)", bad, first_bad);
	bad = 0;
	for (int i = 0; i < 1000000; i++)
	{
		unsigned long long b = ((unsigned long long) (unit_rand() * 4294967296.0) << 32) |
			(unsigned long long) (unit_rand() * 4294967296.0);
		double		d;

		memcpy(&d, &b, sizeof(d));
		if (isnan(d))
			continue;
		if (!same(d, mine, libc) && bad++ == 0)
			snprintf(first_bad, sizeof(first_bad), "%s, %%a %s", mine, libc);
	}
	for (int i = 0; i < 100000; i++)
	{
		double		d = unit_uniform(-1e6, 1e6);

		if (!same(d, mine, libc) && bad++ == 0)
			snprintf(first_bad, sizeof(first_bad), "%s, %%a %s", mine, libc);
	}
	CHECK(bad == 0, "a million random bit patterns (normal, subnormal, infinite) as %%a writes them, and back exactly (%d differ; first: %s)", bad, first_bad);
	return UNIT_RESULT();
}
