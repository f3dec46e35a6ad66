/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plan_model.h — the plan LP's data, shared by plan.c and export.c. */
#ifndef CURTAIL_PLAN_MODEL_H
#define CURTAIL_PLAN_MODEL_H

#include "policy.h"
#include "result.h"
#include "solve.h"

/* A combined target row (issue 10) at one level: Σ_p a[p]·R[p,L] >= Q with
 * a[p] = 1/B[p] for the entry's pollutants (0 where B[p] = 0), in units of a
 * reduction ratio. */
#define CU_MAX_CROWS (CU_MAX_COMBINED * CU_NL)
typedef struct cu_crow {
    int level;
    size_t src;      /* its index in targets.combined */
    double a[CU_NP];
    double ratio;    /* as given */
    double credit;   /* Σ_p a[p]·offset[p,L]: the ratio the credits already give */
    double Q;        /* max(0, ratio − credit) */
    double Rmax, rhs; /* the deepest Σ a·R, and min(Q, Rmax) */
    int unmet;
    double pi;       /* its dual after a solve (0 when not binding) */
} cu_crow;

/* A coupling row of phase 2 after fix_unmet, as a vector over the pollutants
 * at one level: a met target (p >= 0, a the unit vector) or a met combined row
 * (p = -1, crow its index). */
#define CU_MAX_COUPLING (CU_NP * CU_NL + CU_MAX_CROWS)
typedef struct cu_coupling {
    int L, p, crow;
    double a[CU_NP];
    double rhs;
} cu_coupling;

/* Row r's coefficient for a group of emission rates e: Σ_p a[p]·e[p] (exactly
 * e[p] for a target row). */
static inline double cu_coupling_coef(const cu_coupling *r, const double *e)
{
    return r->a[0] * e[0] + r->a[1] * e[1] + r->a[2] * e[2] + r->a[3] * e[3];
}

typedef struct cu_model {
    const curtail_mem *mem;
    const curtail_scenario *s;
    cu_groups *g;
    double *ymin, *ymax;     /* cut bounds per group and level, nesting-tightened */
    double *rawmin, *rawmax; /* cut bounds as the rules give them (b − hi, b − lo) */
    double Q[CU_NP][CU_NL];     /* required reduction (less the mobile one) */
    double mobile[CU_NL][CU_NP]; /* mobile-source reduction (issue 10, transport.c) */
    double Rmax[CU_NP][CU_NL];  /* the deepest reduction possible */
    double rhs[CU_NP][CU_NL];   /* min(Q, Rmax) */
    int unmet[CU_NP][CU_NL];
    int unmet_any;
    int fixed; /* fix_unmet ran: unmet rows dropped, their groups at the deepest cut */
    double phase1; /* Σ max(0, Q − Rmax)/Q */
    cu_crow crow[CU_MAX_CROWS]; /* combined rows, by entry then level */
    int ncrow;
} cu_model;

/* Row r's reach at cuts y (per group and level): Σ_g coef_g·y[g, r's level]. */
static inline double cu_coupling_reach(const cu_model *m, const cu_coupling *r, const double *y)
{
    double got = 0.0;
    size_t g;
    for (g = 0; g < m->g->ngroups; g++)
        got += cu_coupling_coef(r, &m->g->E[g * CU_NP]) * y[g * CU_NL + r->L];
    return got;
}

/* The coupling rows the solve sees (target rows level by level in pollutant
 * order, then combined rows): how many, into rows[CU_MAX_COUPLING]. */
int cu_model_coupling(const cu_model *m, cu_coupling *rows);
/* Does y (cuts per group and level) reach every row cu_model_coupling gives
 * (met targets and met combined rows, credits and the mobile reduction off
 * their right-hand sides) to rel relative? */
int cu_model_rows_met(const cu_model *m, const double *y, double rel);

int cu_model_build(const curtail_scenario *s, cu_model *m, curtail_error *err);
void cu_model_free(cu_model *m);
/* The whole LP in cut variables y_g_L (level -1: all three with nesting rows). */
int cu_model_full_lp(const cu_model *m, int level, cu_lp *lp, curtail_error *err);

/* min d·y over the chain polytope {lo <= y <= hi, y0 <= y1 <= y2} with lo
 * and hi nondecreasing: the minimum, and a minimising vertex into v (ties to
 * the least cut). */
double cu_chain_min(const double *lo, const double *hi, const double d[CU_NL], double v[CU_NL]);

/* What a structured solve leaves for the next solve of a similar scenario
 * (a sweep's variant with other targets or bounds): target prices by
 * pollutant and level — the optimum's first, then those of the proposals its
 * cutting-plane master combined — and how many rounds it took. */
#define CU_WARM_MAX 16
typedef struct cu_warm {
    int n; /* price vectors kept; 0: nothing to start from */
    double lam[CU_WARM_MAX][CU_NL][CU_NP];
    int rounds; /* cutting-plane rounds of the solve that left this */
} cu_warm;

/* The structured exact solve of phase 2 (decomp.c), after fix_unmet: cuts y
 * per group and level, target duals pi. `in` (may be NULL) seeds the
 * cutting planes; `out` (may be NULL) receives what this solve leaves. */
int cu_model_solve_dec(cu_model *m, const cu_solve_ctl *ctl, const cu_warm *in, cu_warm *out,
                       double *y, double pi[CU_NP][CU_NL], curtail_error *err);
/* curtail_plan_solve with a warm start (NULLs: cold). */
int cu_plan_solve_warm(const curtail_scenario *s, const curtail_plan_options *opts,
                       const cu_warm *in, cu_warm *out, curtail_result **res,
                       curtail_error *err);
/* Read plan options (version 1 or 2) into a method and solve bounds. */
int cu_plan_ctl(const curtail_plan_options *opts, int *method, cu_solve_ctl *ctl,
                const char *fn, curtail_error *err);

/* Whole-line steps (mip.c): how many load groups have steps; the export's
 * MIP (cu_model_full_lp with the step rows and integer columns); and the
 * MIP solve from the LP optimum y (replaced by the MIP's cuts; the stepped
 * groups' bounds fixed at them for the final LP). */
size_t cu_mip_stepped_groups(const cu_model *m);
int cu_mip_export_lp(const cu_model *m, int level, cu_lp *out, curtail_error *err);
int cu_mip_plan(cu_model *m, const cu_solve_ctl *ctl, double *y, curtail_mip_info *info,
                curtail_error *err);

/* The nesting of one group's bounds along its chain of levels first, mid,
 * last: the lower bounds raised to rise along it, the upper bounds lowered to
 * fall back along it (cuts: yellow, orange, red; loads: red, orange, yellow). */
static inline void cu_nest_bounds(double *lo, double *hi, int first, int mid, int last)
{
    if (lo[mid] < lo[first])
        lo[mid] = lo[first];
    if (lo[last] < lo[mid])
        lo[last] = lo[mid];
    if (hi[mid] > hi[last])
        hi[mid] = hi[last];
    if (hi[first] > hi[mid])
        hi[first] = hi[mid];
}

#endif
