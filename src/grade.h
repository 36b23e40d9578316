/*
 * grade.h — credit_grade text and binary input, for the entry points the 1.0 SQL definitions
 * still name (compat10.c).
 */
#ifndef ZJGOV_GRADE_H
#define ZJGOV_GRADE_H

#include "fmgr.h"
#include "lib/stringinfo.h"

/* A grade from its name (ERROR 22P02 when unknown); M only when with_m. */
extern uint8 zj_credit_grade_parse(const char *str, bool with_m);
/* A grade from its one-byte binary form (ERROR when out of range); M (10) only when with_m. */
extern uint8 zj_credit_grade_recv(StringInfo buf, bool with_m);

#endif
