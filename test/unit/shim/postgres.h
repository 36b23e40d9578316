/*
 * A stand-in for PostgreSQL's postgres.h, just enough to compile the pure C cores of zjgov
 * (src/geodesy.c) outside the server for the sanitizer unit tests (test/suites/unit_asan.sh).
 */
#ifndef ZJ_SHIM_POSTGRES_H
#define ZJ_SHIM_POSTGRES_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>

#define Min(x, y)		((x) < (y) ? (x) : (y))
#define Max(x, y)		((x) > (y) ? (x) : (y))

#endif
