/*
 * hexfloat.h — exact text of a double as a C99 hexadecimal floating-point constant (plain C).
 */
#ifndef ZJGOV_HEXFLOAT_H
#define ZJGOV_HEXFLOAT_H

/* Room for the longest result, "-0x1.fffffffffffffp-1022" and a NUL, with margin. */
#define ZJ_HEXFLOAT_LEN 32

/*
 * Write d into buf as the C library's "%a" does (glibc's spelling: 0x1.8p+1, 0x0p+0, subnormals
 * 0x0.<digits>p-1022, inf, nan); strtod reads it back bit for bit.  PostgreSQL's own snprintf,
 * which replaces the C library's inside the server, has no %a, and strfromd is not everywhere.
 */
extern void zj_hexfloat(char *buf, double d);

#endif
