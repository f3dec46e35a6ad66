/* SPDX-License-Identifier: GPL-3.0-or-later */
/* decomp_dual.h — what decomp.c (the restricted LP, the whole) shares with
 * decomp_dual.c (the subproblem, the cutting-plane dual); private to the two. */
#ifndef CURTAIL_DECOMP_DUAL_H
#define CURTAIL_DECOMP_DUAL_H

#include "plan_model.h"

/* coupling rows: at most one per pollutant and level, and the combined rows */
#define MAX_ROWS CU_MAX_COUPLING

/* A movable group packed for pricing: cost per unit cut, cut bounds per
 * level, emission rate per pollutant. */
typedef struct pgroup {
    size_t g; /* index among all groups */
    double c;
    double lo[CU_NL], hi[CU_NL];
    double e[CU_NP];
} pgroup;

/* Multipliers per level and pollutant (0 where no row). */
typedef struct lmult {
    double m[CU_NL][CU_NP];
} lmult;

typedef struct dec {
    cu_model *m;
    const cu_solve_ctl *ctl;
    size_t n;
    int nrows;
    cu_coupling row[MAX_ROWS]; /* each row's level and coefficients over the pollutants */
    double need[MAX_ROWS]; /* rhs beyond what the least cuts give (> 0) */
    double lam[MAX_ROWS];
    unsigned char *movable;
    pgroup *pg;          /* the movable groups, packed */
    size_t nmv;
    unsigned char *in;   /* in the restricted LP */
    double *v;           /* per group and level: the fixed vertex (or LP value) */
    size_t *col0;        /* per group in the LP: its first column (3 consecutive) */
    const cu_warm *warm_in;
    cu_warm *warm_out;
} dec;

/* The cost of vertex v at reduced costs d. */
static inline double vertex_cost(const double d[CU_NL], const double *v)
{
    return d[0] * v[0] + d[1] * v[1] + d[2] * v[2];
}

/* A packed group's reduced costs d at level multipliers M, and the vertex v
 * that minimises them; 0 when the vertex is the least cut. */
int cu_dec_packed_vertex(const pgroup *q, const lmult *M, double d[CU_NL], double v[CU_NL]);
/* The rows' multipliers lam by level and pollutant. */
void cu_dec_level_multipliers(const dec *D, const double *lam, lmult *M);
/* Part 1: the Lagrangian dual by cutting planes; fills D->lam and D->v. */
int cu_dec_lagrangian_start(dec *D, curtail_error *err);

#endif
