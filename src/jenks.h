/*
 * jenks.h — the Fisher-Jenks dynamic programme of jenks_breaks (src/jenks.c), free of fmgr and
 * array code so that test/unit/jenks_test.c can run it under AddressSanitizer.
 */
#ifndef ZJGOV_JENKS_H
#define ZJGOV_JENKS_H

/* Allocation of working memory that may pass 1 GB; a clean ERROR when the machine says no. */
extern void *zj_work_alloc(Size sz, const char *what);

/*
 * Exact Fisher (1958) optimal partition of m distinct ascending items x (with counts w) into
 * k contiguous non-empty classes, 2 <= k <= m.  starts[c] receives the first item of class c + 2.
 */
extern void zj_jenks_fisher(const double *x, const double *w, int64 m, int k, int64 *starts);

#endif
