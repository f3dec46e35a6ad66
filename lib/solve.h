/* SPDX-License-Identifier: GPL-3.0-or-later */
/* solve.h — the solver layer: solve bounds, sessions, engines (solve.c, solve_glpk.c,
 * solve_clp.c). Internal; not installed. */
#ifndef CURTAIL_SOLVE_H
#define CURTAIL_SOLVE_H

#include "lp.h"

/* Bounds on a solve: a deadline on the monotonic clock (0: none) and the
 * embedding program's cancel hook (non-zero: stop). */
typedef struct cu_solve_ctl {
    int engine;      /* curtail_solver: GLPK or CLP */
    double deadline; /* cu_clock_s() value; 0 none */
    double limit_s;  /* the limit as the caller gave it, for messages */
    int (*cancel)(void *ctx);
    void *cancel_ctx;
} cu_solve_ctl;
double cu_clock_s(void);
/* CURTAIL_OK, or the error of a passed deadline (ESOLVER) or a cancel (ECANCELED). */
int cu_ctl_expired(const cu_solve_ctl *ctl, curtail_error *err);

typedef struct cu_lp_solution {
    int status; /* 0 optimal, 1 infeasible, 2 failed */
    double obj;
    double *x;    /* ncols */
    double *dual; /* nrows */
} cu_lp_solution;
int cu_lp_solution_alloc(const curtail_mem *mem, const cu_lp *lp, cu_lp_solution *sol);
void cu_lp_solution_free(const curtail_mem *mem, cu_lp_solution *sol);
/* Solve once, exactly (simplex), within ctl (may be NULL). */
int cu_lp_solve(const cu_lp *lp, const cu_solve_ctl *ctl, cu_lp_solution *sol,
                curtail_error *err);

/* A solver session: one problem kept alive across rounds. Each solve takes
 * the rows and columns `lp` gained since the previous one (with basis hints
 * for them, NULL for none) and re-optimises from the previous basis. sol's
 * arrays must hold lp's current sizes. solve.c dispatches to the engine that
 * ctl names (solve_glpk.c, solve_clp.c); each engine file implements the
 * same four functions under its own prefix. */
enum { CU_BS_LOWER = 0, CU_BS_UPPER, CU_BS_BASIC, CU_BS_FIXED };
typedef struct cu_lps cu_lps;
int cu_lps_open(cu_lps **out, const curtail_mem *mem, const cu_solve_ctl *ctl,
                curtail_error *err);
void cu_lps_close(cu_lps *S);
/* Finish optima in exact arithmetic where the engine can (GLPK, small LPs):
 * on by default; off for LPs whose answer is not reported (a cutting-plane
 * master). */
void cu_lps_set_exact(cu_lps *S, int on);
int cu_lps_solve(cu_lps *S, const cu_lp *lp, const signed char *col_hint,
                 const signed char *row_hint, const cu_solve_ctl *ctl, cu_lp_solution *sol,
                 curtail_error *err);

/* A MIP (integer columns marked in lp->cint) by branch-and-cut. Every engine
 * choice solves it with GLPK (glp_intopt, its MIP presolver on): Clp has no
 * MIP. Within ctl's deadline; at the deadline the best integer point found
 * is returned with status CU_MIP_FEASIBLE and the proven bound. */
enum { CU_MIP_OPTIMAL = 0, CU_MIP_INFEASIBLE, CU_MIP_FEASIBLE, CU_MIP_NONE };
typedef struct cu_mip_solution {
    int status;   /* CU_MIP_* (NONE: the limit came before any integer point) */
    double obj;   /* the incumbent's objective */
    double bound; /* the best proven lower bound */
    double *x;    /* ncols */
} cu_mip_solution;
int cu_mip_solve(const cu_lp *lp, const cu_solve_ctl *ctl, cu_mip_solution *sol,
                 curtail_error *err);
int cu_glp_mip_solve(const cu_lp *lp, const cu_solve_ctl *ctl, cu_mip_solution *sol,
                     curtail_error *err);

/* glp_version() of the GLPK the library runs with (solve_glpk.c). */
const char *cu_glpk_version(void);
typedef struct cu_glp cu_glp;
int cu_glp_open(cu_glp **out, const curtail_mem *mem, curtail_error *err);
void cu_glp_close(cu_glp *S);
void cu_glp_set_exact(cu_glp *S, int on);
int cu_glp_solve(cu_glp *S, const cu_lp *lp, const signed char *col_hint,
                 const signed char *row_hint, const cu_solve_ctl *ctl, cu_lp_solution *sol,
                 curtail_error *err);
#ifdef CURTAIL_WITH_CLP
typedef struct cu_clp cu_clp;
/* Clp is loaded (dlopen) by the session: cu_clp_open from the library the
 * build found, cu_clp_open_lib from the first of `names` (NULL-terminated)
 * that loads; CURTAIL_ESOLVER naming the library and the loader's reason
 * when none does or a Clp function is missing. */
int cu_clp_open(cu_clp **out, const curtail_mem *mem, curtail_error *err);
int cu_clp_open_lib(cu_clp **out, const curtail_mem *mem, const char *const *names,
                    curtail_error *err);
/* The library's name, e.g. "libClp.so.1" (for curtail_version_info). */
const char *cu_clp_library(void);
void cu_clp_close(cu_clp *S);
int cu_clp_solve(cu_clp *S, const cu_lp *lp, const signed char *col_hint,
                 const signed char *row_hint, const cu_solve_ctl *ctl, cu_lp_solution *sol,
                 curtail_error *err);
#endif

#endif
