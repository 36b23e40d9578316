/*
 * jenks.h — the Fisher-Jenks dynamic programme of jenks_breaks (src/jenks.c), free of fmgr and
 * array code so that test/unit/jenks_test.c can run it under AddressSanitizer.
 */
#ifndef ZJGOV_JENKS_H
#define ZJGOV_JENKS_H

/*
 * Collapse n ascending values x into distinct items (in place, x[0 .. m-1]) with their counts in
 * w[0 .. m-1]; returns m.  Equal values then never fall into different classes.
 */
extern int64 zj_jenks_distinct(double *x, double *w, int64 n);

/*
 * Exact Fisher (1958) optimal partition of m distinct ascending items x (with counts w) into
 * k contiguous non-empty classes, 2 <= k <= m.  starts[c] receives the first item of class c + 2.
 */
extern void zj_jenks_fisher(const double *x, const double *w, int64 m, int k, int64 *starts);

#endif
