/*
 * grade.h — what the credit room shares: the checked PDO scaling (grade.c), used by pdo_score and
 * scorecard_points.
 */
#ifndef ZJGOV_GRADE_H
#define ZJGOV_GRADE_H

/* factor = pdo / ln 2 after checking base_score, base_odds (> 0) and pdo (<> 0) (ERROR 22023). */
extern double zj_pdo_factor(double base_score, double base_odds, double pdo);

#endif
