/* Stand-in for PostgreSQL's utils/float.h (test/unit/shim/postgres.h). */
#include <math.h>
static inline double
get_float8_infinity(void)
{
	return (double) INFINITY;
}
