/* SPDX-License-Identifier: GPL-3.0-or-later */
/* solve_glpk.c — the only file that includes <glpk.h>.
 *
 * A session keeps one GLPK problem alive across the rounds of a
 * decomposition: each solve appends the rows and columns the cu_lp gained
 * since the last one, takes the caller's basis hints for them, refreshes
 * every row's right-hand side and re-optimises from the previous basis.
 *
 * Everything is validated before any glp_* call (GLPK aborts the process on
 * misuse). As a last resort an error hook longjmps back here, so that even an
 * internal GLPK failure becomes CURTAIL_ESOLVER instead of an abort. GLPK keeps
 * its environment per thread (thread-local storage since 4.61), so two threads
 * may solve at once.
 *
 * Every simplex call is bounded: GLPK sees coefficients near 1 (its geometric
 * and equilibration scaling, recomputed after columns are added), runs in
 * chunks of iterations between which the deadline and the cancel hook are
 * checked, and a call that fails or stalls is retried from the standard basis
 * with the primal simplex and then in exact rational arithmetic. */
#include "solve.h"

#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <string.h>

static const cu_pos no_pos = {0, 0};

typedef struct hook_ctx {
    jmp_buf jump;
} hook_ctx;

static void error_hook(void *info)
{
    hook_ctx *ctx = info;
    longjmp(ctx->jump, 1);
}

struct cu_glp {
    const curtail_mem *mem;
    glp_prob *P;
    size_t nrows, ncols; /* of the cu_lp already in P */
    int fresh_env;       /* this session created the thread's GLPK environment */
    int dead;            /* GLPK failed internally: the environment is gone */
    int warm;            /* P holds a basis from an earlier solve */
    int inexact;         /* no exact finish (cu_glp_set_exact) */
    int *ia;             /* scratch for glp_set_mat_col (1-based) */
    double *ar;
    size_t cap;
};

int cu_glp_open(cu_glp **out, const curtail_mem *mem, curtail_error *err)
{
    cu_glp *S = cu_calloc(mem, 1, sizeof *S);
    *out = NULL;
    if (!S)
        return cu_enomem(err);
    S->mem = mem;
    /* GLPK's environment lives in thread-local storage and must be freed
     * before the thread ends. Free it with the session when the session
     * created it; an environment the embedding program made is left alone. */
    switch (glp_init_env()) {
    case 0:
        S->fresh_env = 1;
        break;
    case 1:
        break;
    case 2:
        cu_free(mem, S);
        return cu_enomem(err);
    default:
        cu_free(mem, S);
        return cu_error(err, CURTAIL_ESOLVER, NULL, no_pos, NULL,
                        "GLPK cannot start in this thread");
    }
    *out = S;
    return CURTAIL_OK;
}

void cu_glp_set_exact(cu_glp *S, int on)
{
    S->inexact = !on;
}

void cu_glp_close(cu_glp *S)
{
    hook_ctx ctx;
    if (!S)
        return;
    if (!S->dead) {
        if (setjmp(ctx.jump) == 0) {
            glp_error_hook(error_hook, &ctx);
            if (S->P)
                glp_delete_prob(S->P);
            glp_error_hook(NULL, NULL);
            if (S->fresh_env)
                glp_free_env();
        } else {
            glp_error_hook(NULL, NULL);
            glp_free_env();
        }
    }
    cu_free(S->mem, S->ia);
    cu_free(S->mem, S->ar);
    cu_free(S->mem, S);
}

/* S's glp_set_mat_col scratch for `need` entries; -1 when out of memory. */
static int reserve_scratch(cu_glp *S, size_t need)
{
    int *ia;
    double *ar;
    if (need <= S->cap)
        return 0;
    if (!(ia = cu_reallocarray(S->mem, S->ia, need, sizeof *ia)))
        return -1;
    S->ia = ia;
    if (!(ar = cu_reallocarray(S->mem, S->ar, need, sizeof *ar)))
        return -1;
    S->ar = ar;
    S->cap = need;
    return 0;
}

/* Rows up to which an optimum is finished in exact arithmetic. */
#define EXACT_MAX_ROWS 400

static int row_type(int t)
{
    return t == CU_ROW_GE ? GLP_LO : t == CU_ROW_LE ? GLP_UP : GLP_FX;
}

static int glp_stat_of(int hint)
{
    switch (hint) {
    case CU_BS_BASIC:
        return GLP_BS;
    case CU_BS_UPPER:
        return GLP_NU;
    case CU_BS_FIXED:
        return GLP_NS;
    default:
        return GLP_NL;
    }
}

/* Append what lp gained since the last sync; refresh every row's bound. */
static void sync_problem(cu_glp *S, const cu_lp *lp, const signed char *col_hint,
                         const signed char *row_hint)
{
    glp_prob *P = S->P;
    size_t i, j, k;
    if (lp->nrows > S->nrows)
        glp_add_rows(P, (int)(lp->nrows - S->nrows));
    for (i = 0; i < lp->nrows; i++)
        glp_set_row_bnds(P, (int)i + 1, row_type(lp->rtype[i]), lp->rhs[i], lp->rhs[i]);
    if (S->warm)
        for (i = S->nrows; i < lp->nrows; i++)
            glp_set_row_stat(P, (int)i + 1, row_hint ? glp_stat_of(row_hint[i]) : GLP_BS);
    if (lp->ncols > S->ncols)
        glp_add_cols(P, (int)(lp->ncols - S->ncols));
    for (j = S->ncols; j < lp->ncols; j++) {
        int t, n = 0;
        if (lp->clb[j] == lp->cub[j])
            t = GLP_FX;
        else if (isinf(lp->cub[j]))
            t = GLP_LO;
        else
            t = GLP_DB;
        glp_set_col_bnds(P, (int)j + 1, t, lp->clb[j], isinf(lp->cub[j]) ? 0.0 : lp->cub[j]);
        glp_set_obj_coef(P, (int)j + 1, lp->cost[j]);
        for (k = lp->cbeg[j]; k < lp->cbeg[j + 1]; k++) {
            if (lp->val[k] == 0)
                continue;
            n++;
            S->ia[n] = (int)lp->rind[k] + 1;
            S->ar[n] = lp->val[k];
        }
        glp_set_mat_col(P, (int)j + 1, n, S->ia, S->ar);
        if (S->warm) {
            int st = col_hint ? glp_stat_of(col_hint[j]) : GLP_NL;
            if (t == GLP_FX && st != GLP_BS)
                st = GLP_NS;
            else if (t == GLP_LO && st == GLP_NU)
                st = GLP_NL;
            glp_set_col_stat(P, (int)j + 1, st);
        }
    }
    S->nrows = lp->nrows;
    S->ncols = lp->ncols;
}

static void init_parm(glp_smcp *parm, int meth, int it_lim, int tm_lim)
{
    glp_init_smcp(parm);
    parm->msg_lev = GLP_MSG_OFF;
    parm->presolve = GLP_OFF;
    parm->meth = meth;
    parm->r_test = meth == GLP_PRIMAL ? GLP_RT_HAR : GLP_RT_FLIP;
    parm->it_lim = it_lim;
    parm->tm_lim = tm_lim;
    /* rows and bounds to 1e-9 (scaled) rather than 1e-7: plan.c polishes the
     * rest, and less of it moves the optimum less */
    parm->tol_bnd = 1e-9;
}

/* Milliseconds left before the deadline (INT_MAX-ish when none), >= 1. */
static int ms_left(const cu_solve_ctl *ctl)
{
    double left;
    if (!ctl || !(ctl->deadline > 0))
        return 0x3fffffff;
    left = (ctl->deadline - cu_clock_s()) * 1000.0;
    if (left < 1)
        return 1;
    return left > 0x3fffffff ? 0x3fffffff : (int)left;
}

/* One simplex method run in chunks of `chunk` iterations up to `budget`,
 * the caller's deadline and cancel hook checked between chunks. Returns
 * 1 when GLPK reached a final status, 0 when it failed or stalled, and a
 * negative code (err set) when the deadline passed or the caller cancelled. */
static int run_method(glp_prob *P, int meth, long budget, const cu_solve_ctl *ctl,
                      curtail_error *err)
{
    const int chunk = 5000;
    long used = 0;
    glp_smcp parm;
    for (;;) {
        int it0 = glp_get_it_cnt(P), rc, st, step = chunk;
        if (budget - used < step)
            step = (int)(budget - used);
        if (step <= 0)
            return 0;
        init_parm(&parm, meth, step, ms_left(ctl));
        rc = glp_simplex(P, &parm);
        used += glp_get_it_cnt(P) - it0;
        if (rc == 0) {
            st = glp_get_status(P);
            return st == GLP_OPT || st == GLP_NOFEAS || st == GLP_INFEAS || st == GLP_UNBND;
        }
        if (rc != GLP_EITLIM && rc != GLP_ETMLIM)
            return 0;
        if ((rc = cu_ctl_expired(ctl, err)) != 0)
            return rc;
        if (rc == 0 && glp_get_it_cnt(P) == it0)
            return 0;
    }
}

static int run_exact(glp_prob *P, long budget, const cu_solve_ctl *ctl)
{
    glp_smcp parm;
    int st;
    init_parm(&parm, GLP_PRIMAL, budget > 0x3fffffff ? 0x3fffffff : (int)budget, ms_left(ctl));
    if (glp_exact(P, &parm) != 0)
        return 0;
    st = glp_get_status(P);
    return st == GLP_OPT || st == GLP_NOFEAS || st == GLP_INFEAS || st == GLP_UNBND;
}

/* The simplex from the current basis; on failure from the standard basis
 * with the primal; then exact arithmetic. 1 done, 0 failed, < 0 stopped. */
static int optimise(cu_glp *S, const cu_lp *lp, const cu_solve_ctl *ctl, curtail_error *err)
{
    glp_prob *P = S->P;
    long budget = 20 * (long)(lp->nrows + lp->ncols) + 20000;
    int r;
    glp_scale_prob(P, GLP_SF_AUTO);
    if (!S->warm) {
        glp_std_basis(P);
        r = run_method(P, GLP_DUALP, budget, ctl, err);
    } else {
        /* the hinted basis is primal feasible; columns that entered may price out */
        r = glp_warm_up(P) == 0 ? run_method(P, GLP_PRIMAL, budget, ctl, err) : 0;
    }
    if (r > 0 && !S->inexact && glp_get_status(P) == GLP_OPT && lp->nrows <= EXACT_MAX_ROWS) {
        /* a small LP is finished in exact arithmetic from the basis found:
         * on coefficients twelve orders of magnitude apart, the floating
         * simplex stops within its tolerances, which can be kilograms and
         * yuan; from an optimal basis this is a refactorisation, rarely a
         * pivot. If it fails, the floating answer stands. */
        glp_smcp parm;
        init_parm(&parm, GLP_PRIMAL, 1000, ms_left(ctl));
        glp_exact(P, &parm);
        if (glp_get_status(P) != GLP_OPT)
            r = 0; /* fall through to a fresh solve below */
    }
    if (r != 0)
        return r;
    glp_std_basis(P);
    r = run_method(P, GLP_PRIMAL, budget, ctl, err);
    if (r != 0)
        return r;
    glp_std_basis(P);
    return run_exact(P, budget, ctl);
}

int cu_glp_solve(cu_glp *S, const cu_lp *lp, const signed char *col_hint,
                 const signed char *row_hint, const cu_solve_ctl *ctl, cu_lp_solution *sol,
                 curtail_error *err)
{
    hook_ctx ctx;
    volatile int rc = CURTAIL_OK;
    volatile int term = GLP_ON;
    int r, st;
    size_t i;

    sol->status = 2;
    if (S->dead)
        return cu_error(err, CURTAIL_ESOLVER, NULL, no_pos, NULL, "GLPK failed internally");
    if (lp->nrows < S->nrows || lp->ncols < S->ncols || !cu_lp_is_sane(lp))
        return cu_error(err, CURTAIL_ESOLVER, NULL, no_pos, NULL,
                        "the LP has non-finite or inconsistent data");
    if ((rc = cu_ctl_expired(ctl, err)) != 0)
        return rc;
    if (reserve_scratch(S, lp->nrows + 2))
        return cu_enomem(err);
    if (setjmp(ctx.jump)) {
        /* GLPK failed internally: its environment is no longer usable */
        glp_error_hook(NULL, NULL);
        glp_free_env();
        S->dead = 1;
        S->P = NULL;
        return cu_error(err, CURTAIL_ESOLVER, NULL, no_pos, NULL, "GLPK failed internally");
    }
    glp_error_hook(error_hook, &ctx);
    term = glp_term_out(GLP_OFF);
    if (!S->P) {
        S->P = glp_create_prob();
        glp_set_obj_dir(S->P, GLP_MIN);
    }
    sync_problem(S, lp, col_hint, row_hint);
    r = optimise(S, lp, ctl, err);
    if (r < 0) {
        rc = r;
    } else if (r == 0) {
        rc = cu_error(err, CURTAIL_ESOLVER, NULL, no_pos, NULL,
                      "GLPK could not solve the LP within %ld iterations, even in exact "
                      "arithmetic",
                      20 * (long)(lp->nrows + lp->ncols) + 20000);
    } else {
        st = glp_get_status(S->P);
        if (st == GLP_OPT) {
            sol->status = 0;
            sol->obj = glp_get_obj_val(S->P);
            for (i = 0; i < lp->ncols; i++)
                sol->x[i] = glp_get_col_prim(S->P, (int)i + 1);
            for (i = 0; i < lp->nrows; i++)
                sol->dual[i] = glp_get_row_dual(S->P, (int)i + 1);
            S->warm = 1;
        } else if (st == GLP_NOFEAS || st == GLP_INFEAS) {
            sol->status = 1;
        } else {
            rc = cu_error(err, CURTAIL_ESOLVER, NULL, no_pos, NULL,
                          "GLPK could not solve the LP (status %d)", st);
        }
    }
    glp_term_out(term);
    glp_error_hook(NULL, NULL);
    return rc;
}


const char *cu_glpk_version(void)
{
    return glp_version();
}

/* ---- MIP: branch-and-cut (glp_intopt) --------------------------------------------------- */

typedef struct mip_cb {
    const cu_solve_ctl *ctl;
    double bound; /* best node bound seen; -inf none */
    int stopped;  /* the cancel hook asked to stop */
} mip_cb;

static void mip_callback(glp_tree *T, void *info)
{
    mip_cb *cb = info;
    int p = glp_ios_best_node(T);
    if (p) {
        double b = glp_ios_node_bound(T, p);
        /* the best node's bound is the tree's; it only rises */
        if (b > cb->bound)
            cb->bound = b;
    }
    if (cb->ctl && cb->ctl->cancel && cb->ctl->cancel(cb->ctl->cancel_ctx)) {
        cb->stopped = 1;
        glp_ios_terminate(T);
    }
}

int cu_glp_mip_solve(const cu_lp *lp, const cu_solve_ctl *ctl, cu_mip_solution *sol,
                     curtail_error *err)
{
    hook_ctx ctx;
    cu_glp *S = NULL;
    volatile int rc = CURTAIL_OK;
    volatile int term = GLP_ON;
    mip_cb cb;
    glp_iocp parm;
    size_t j;
    int r, st;

    sol->status = CU_MIP_NONE;
    sol->obj = 0.0;
    sol->bound = -INFINITY;
    if (!cu_lp_is_sane(lp))
        return cu_error(err, CURTAIL_ESOLVER, NULL, no_pos, NULL,
                        "the MIP has non-finite or inconsistent data");
    if ((rc = cu_ctl_expired(ctl, err)) != 0)
        return rc;
    if ((rc = cu_glp_open(&S, lp->mem, err)) != 0)
        return rc;
    if (reserve_scratch(S, lp->nrows + 2)) {
        cu_glp_close(S);
        return cu_enomem(err);
    }
    memset(&cb, 0, sizeof cb);
    cb.ctl = ctl;
    cb.bound = -INFINITY;
    if (setjmp(ctx.jump)) {
        glp_error_hook(NULL, NULL);
        glp_free_env();
        S->dead = 1;
        S->P = NULL;
        cu_glp_close(S);
        return cu_error(err, CURTAIL_ESOLVER, NULL, no_pos, NULL, "GLPK failed internally");
    }
    glp_error_hook(error_hook, &ctx);
    term = glp_term_out(GLP_OFF);
    S->P = glp_create_prob();
    glp_set_obj_dir(S->P, GLP_MIN);
    sync_problem(S, lp, NULL, NULL);
    for (j = 0; j < lp->ncols; j++)
        if (cu_lp_is_int(lp, j))
            glp_set_col_kind(S->P, (int)j + 1, GLP_IV);
    glp_scale_prob(S->P, GLP_SF_AUTO);
    /* GLPK's MIP presolver, then its relaxation and branch-and-cut: at city
     * size half the time of solving the relaxation here first (from GLPK's
     * crash basis) and handing in mip.c's rounded point as the first
     * incumbent (which the presolved problem's columns cannot take) */
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    parm.tm_lim = ms_left(ctl);
    parm.mip_gap = 0.0;
    /* measured on generated county and city scenarios (bench/RESULTS.md):
     * Gomory's cuts a quarter of the time of GLPK's defaults; pseudocost
     * branching helps at county size, but takes 2.5x as long at city size */
    parm.gmi_cuts = GLP_ON;
    parm.cb_func = mip_callback;
    parm.cb_info = &cb;
    r = glp_intopt(S->P, &parm);
    st = glp_mip_status(S->P);
    if (cb.stopped) {
        rc = cu_error(err, CURTAIL_ECANCELED, NULL, no_pos, NULL,
                      "the solve was cancelled by the caller");
        goto out;
    }
    if (st == GLP_OPT && r == 0) {
        sol->status = CU_MIP_OPTIMAL;
    } else if (st == GLP_OPT || st == GLP_FEAS) {
        sol->status = CU_MIP_FEASIBLE; /* stopped by the limit with an incumbent */
    } else if (st == GLP_NOFEAS || r == GLP_ENOPFS || r == GLP_ENODFS) {
        sol->status = CU_MIP_INFEASIBLE;
        goto out;
    } else if (r == GLP_ETMLIM || r == GLP_ESTOP) {
        sol->status = CU_MIP_NONE;
        goto out;
    } else {
        rc = cu_error(err, CURTAIL_ESOLVER, NULL, no_pos, NULL,
                      "GLPK's branch-and-cut failed (code %d, status %d)", r, st);
        goto out;
    }
    sol->obj = glp_mip_obj_val(S->P);
    for (j = 0; j < lp->ncols; j++)
        sol->x[j] = glp_mip_col_val(S->P, (int)j + 1);
    sol->bound = sol->status == CU_MIP_OPTIMAL ? sol->obj : cb.bound;
out:
    glp_term_out(term);
    glp_error_hook(NULL, NULL);
    cu_glp_close(S);
    return rc;
}
