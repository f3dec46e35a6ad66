/* SPDX-License-Identifier: GPL-3.0-or-later */
/* solve.c — the solver layer's front: bounds on a solve (deadline, cancel
 * hook), one-shot solves, and sessions dispatched to the engine the caller
 * chose (GLPK always; Clp where the library was built with it). */
#define _POSIX_C_SOURCE 200809L
#include "solve.h"

#include <math.h>
#include <string.h>
#include <time.h>

static const cu_pos no_pos = {0, 0};

double cu_clock_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int cu_ctl_expired(const cu_solve_ctl *ctl, curtail_error *err)
{
    if (!ctl)
        return CURTAIL_OK;
    if (ctl->cancel && ctl->cancel(ctl->cancel_ctx))
        return cu_error(err, CURTAIL_ECANCELED, NULL, no_pos, NULL,
                        "the solve was cancelled by the caller");
    if (ctl->deadline > 0 && cu_clock_s() > ctl->deadline)
        return cu_error(err, CURTAIL_ESOLVER, NULL, no_pos, NULL,
                        "the solver reached the time limit of %g s before an optimum was proven; "
                        "raise the limit (--time-limit) or solve a smaller scenario",
                        ctl->limit_s);
    return CURTAIL_OK;
}

struct cu_lps {
    const curtail_mem *mem;
    int engine;
    cu_glp *glp;
#ifdef CURTAIL_WITH_CLP
    cu_clp *clp;
#endif
};

int curtail_solver_available(curtail_solver solver)
{
    switch (solver) {
    case CURTAIL_SOLVER_DEFAULT:
    case CURTAIL_SOLVER_GLPK:
        return 1;
    case CURTAIL_SOLVER_CLP:
#ifdef CURTAIL_WITH_CLP
        return 1;
#else
        return 0;
#endif
    }
    return 0;
}

int cu_lps_open(cu_lps **out, const curtail_mem *mem, const cu_solve_ctl *ctl,
                curtail_error *err)
{
    cu_lps *S;
    int rc, engine = ctl ? ctl->engine : CURTAIL_SOLVER_DEFAULT;
    *out = NULL;
    if (!curtail_solver_available((curtail_solver)engine))
        return cu_error(err, CURTAIL_EINVAL, NULL, no_pos, NULL,
                        "this build of curtail has no such solver (Clp is optional)");
    if (!(S = cu_calloc(mem, 1, sizeof *S)))
        return cu_enomem(err);
    S->mem = mem;
    S->engine = engine == CURTAIL_SOLVER_CLP ? CURTAIL_SOLVER_CLP : CURTAIL_SOLVER_GLPK;
#ifdef CURTAIL_WITH_CLP
    if (S->engine == CURTAIL_SOLVER_CLP)
        rc = cu_clp_open(&S->clp, mem, err);
    else
#endif
        rc = cu_glp_open(&S->glp, mem, err);
    if (rc) {
        cu_free(mem, S);
        return rc;
    }
    *out = S;
    return CURTAIL_OK;
}

void cu_lps_close(cu_lps *S)
{
    if (!S)
        return;
    cu_glp_close(S->glp);
#ifdef CURTAIL_WITH_CLP
    cu_clp_close(S->clp);
#endif
    cu_free(S->mem, S);
}

void cu_lps_set_exact(cu_lps *S, int on)
{
    if (S && S->glp)
        cu_glp_set_exact(S->glp, on);
}

int cu_lps_solve(cu_lps *S, const cu_lp *lp, const signed char *col_hint,
                 const signed char *row_hint, const cu_solve_ctl *ctl, cu_lp_solution *sol,
                 curtail_error *err)
{
#ifdef CURTAIL_WITH_CLP
    if (S->engine == CURTAIL_SOLVER_CLP)
        return cu_clp_solve(S->clp, lp, col_hint, row_hint, ctl, sol, err);
#endif
    return cu_glp_solve(S->glp, lp, col_hint, row_hint, ctl, sol, err);
}

int cu_lp_solution_alloc(const curtail_mem *mem, const cu_lp *lp, cu_lp_solution *sol)
{
    memset(sol, 0, sizeof *sol);
    sol->x = cu_calloc(mem, lp->ncols + 1, sizeof(double));
    sol->dual = cu_calloc(mem, lp->nrows + 1, sizeof(double));
    if (!sol->x || !sol->dual) {
        cu_lp_solution_free(mem, sol);
        return CURTAIL_ENOMEM;
    }
    return CURTAIL_OK;
}

void cu_lp_solution_free(const curtail_mem *mem, cu_lp_solution *sol)
{
    cu_free(mem, sol->x);
    cu_free(mem, sol->dual);
    sol->x = sol->dual = NULL;
}

int cu_lp_solve(const cu_lp *lp, const cu_solve_ctl *ctl, cu_lp_solution *sol,
                curtail_error *err)
{
    cu_lps *S = NULL;
    int rc;
    if (cu_lp_solution_alloc(lp->mem, lp, sol))
        return cu_enomem(err);
    if ((rc = cu_lps_open(&S, lp->mem, ctl, err)) == 0)
        rc = cu_lps_solve(S, lp, NULL, NULL, ctl, sol, err);
    cu_lps_close(S);
    if (rc != CURTAIL_OK)
        cu_lp_solution_free(lp->mem, sol);
    return rc;
}

int cu_mip_solve(const cu_lp *lp, const cu_solve_ctl *ctl, cu_mip_solution *sol,
                 curtail_error *err)
{
    /* Clp has no branch-and-cut: a MIP goes to GLPK whatever the engine
     * (docs/DECISIONS.md) */
    return cu_glp_mip_solve(lp, ctl, sol, err);
}
