/* solve_glpk.c — the only file that includes <glpk.h>.
 *
 * Everything is validated before any glp_* call (GLPK aborts the process on
 * misuse). As a last resort an error hook longjmps back here, so that even an
 * internal GLPK failure becomes CURTAIL_ESOLVER instead of an abort. GLPK keeps
 * its environment per thread (thread-local storage since 4.61), so two threads
 * may solve at once. */
#include "internal.h"

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

static int lp_is_sane(const cu_lp *lp)
{
    size_t j, k;
    if (lp->ncols >= (size_t)INT32_MAX / 2 || lp->nrows >= (size_t)INT32_MAX / 2 ||
        lp->nnz >= (size_t)INT32_MAX / 2)
        return 0;
    for (j = 0; j < lp->ncols; j++) {
        if (!isfinite(lp->cost[j]) || !isfinite(lp->clb[j]) || isnan(lp->cub[j]) ||
            lp->clb[j] > lp->cub[j])
            return 0;
        for (k = lp->cbeg[j]; k < lp->cbeg[j + 1]; k++)
            if (lp->rind[k] >= lp->nrows || !isfinite(lp->val[k]))
                return 0;
    }
    for (j = 0; j < lp->nrows; j++)
        if (!isfinite(lp->rhs[j]) || lp->rtype[j] < CU_ROW_GE || lp->rtype[j] > CU_ROW_EQ)
            return 0;
    return 1;
}

static void load_problem(glp_prob *P, const cu_lp *lp, int *ia, int *ja, double *ar)
{
    size_t i, j, k, n = 0;
    glp_set_obj_dir(P, GLP_MIN);
    if (lp->nrows)
        glp_add_rows(P, (int)lp->nrows);
    if (lp->ncols)
        glp_add_cols(P, (int)lp->ncols);
    for (i = 0; i < lp->nrows; i++) {
        int t = lp->rtype[i] == CU_ROW_GE ? GLP_LO : lp->rtype[i] == CU_ROW_LE ? GLP_UP : GLP_FX;
        glp_set_row_bnds(P, (int)i + 1, t, lp->rhs[i], lp->rhs[i]);
    }
    for (j = 0; j < lp->ncols; j++) {
        int t;
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
            ia[n] = (int)lp->rind[k] + 1;
            ja[n] = (int)j + 1;
            ar[n] = lp->val[k];
        }
    }
    glp_load_matrix(P, (int)n, ia, ja, ar);
}

void cu_lp_solution_free(const curtail_mem *mem, cu_lp_solution *sol)
{
    cu_free(mem, sol->x);
    cu_free(mem, sol->dual);
    cu_free(mem, sol->dj);
    sol->x = sol->dual = sol->dj = NULL;
}

/* Run the simplex. Our LPs start dual feasible (every cost >= 0, every
 * column at its lower bound), and the dual simplex with the long-step ratio
 * test flips many bounded columns per iteration: on a few coupling rows with
 * tens of thousands of columns it is ~70x faster than the primal. On a
 * numerical failure, retry once from the standard basis with the primal.
 * Returns the GLPK status (GLP_OPT ...) or 0 on failure. */
static int run_simplex(glp_prob *P)
{
    glp_smcp parm;
    int rc;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_OFF;
    parm.meth = GLP_DUALP;
    parm.r_test = GLP_RT_FLIP;
    rc = glp_simplex(P, &parm);
    if (rc == 0 && glp_get_status(P) == GLP_OPT)
        return GLP_OPT;
    glp_std_basis(P);
    parm.meth = GLP_PRIMAL;
    parm.r_test = GLP_RT_HAR;
    rc = glp_simplex(P, &parm);
    if (rc != 0)
        return 0;
    return glp_get_status(P);
}

int cu_lp_solve(const cu_lp *lp, cu_lp_solution *sol, curtail_error *err)
{
    hook_ctx ctx;
    glp_prob *volatile P = NULL;
    int *volatile ia = NULL;
    int *volatile ja = NULL;
    double *volatile ar = NULL;
    volatile int term = GLP_ON;
    volatile int rc = CURTAIL_OK;
    volatile int fresh_env = 0;
    int st;
    size_t i;

    memset(sol, 0, sizeof *sol);
    if (!lp_is_sane(lp))
        return cu_error(err, CURTAIL_ESOLVER, NULL, no_pos, NULL,
                        "the LP has non-finite or inconsistent data");
    ia = cu_calloc(lp->mem, lp->nnz + 1, sizeof(int));
    ja = cu_calloc(lp->mem, lp->nnz + 1, sizeof(int));
    ar = cu_calloc(lp->mem, lp->nnz + 1, sizeof(double));
    sol->x = cu_calloc(lp->mem, lp->ncols + 1, sizeof(double));
    sol->dj = cu_calloc(lp->mem, lp->ncols + 1, sizeof(double));
    sol->dual = cu_calloc(lp->mem, lp->nrows + 1, sizeof(double));
    if (!ia || !ja || !ar || !sol->x || !sol->dj || !sol->dual) {
        rc = cu_enomem(err);
        goto done;
    }
    /* GLPK's environment lives in thread-local storage and must be freed
     * before the thread ends. Free it after the solve when this call created
     * it; an environment the embedding program made is left as it was. */
    switch (glp_init_env()) {
    case 0:
        fresh_env = 1;
        break;
    case 1:
        break;
    case 2:
        rc = cu_enomem(err);
        goto done;
    default:
        rc = cu_error(err, CURTAIL_ESOLVER, NULL, no_pos, NULL,
                      "GLPK cannot start in this thread");
        goto done;
    }
    if (setjmp(ctx.jump)) {
        /* GLPK failed internally: its environment is no longer usable */
        glp_error_hook(NULL, NULL);
        glp_free_env();
        fresh_env = 0;
        P = NULL;
        rc = cu_error(err, CURTAIL_ESOLVER, NULL, no_pos, NULL,
                      "GLPK failed internally");
        goto done;
    }
    glp_error_hook(error_hook, &ctx);
    term = glp_term_out(GLP_OFF);
    P = glp_create_prob();
    load_problem(P, lp, (int *)ia, (int *)ja, (double *)ar);
    /* one equilibration pass: the geometric-mean iterations of GLP_SF_AUTO
     * cost more than the whole solve on a wide, short restricted LP */
    glp_scale_prob(P, GLP_SF_EQ);
    st = run_simplex(P);
    if (st == GLP_OPT) {
        sol->status = 0;
        sol->obj = glp_get_obj_val(P);
        for (i = 0; i < lp->ncols; i++) {
            sol->x[i] = glp_get_col_prim(P, (int)i + 1);
            sol->dj[i] = glp_get_col_dual(P, (int)i + 1);
        }
        for (i = 0; i < lp->nrows; i++)
            sol->dual[i] = glp_get_row_dual(P, (int)i + 1);
    } else if (st == GLP_NOFEAS || st == GLP_INFEAS) {
        sol->status = 1;
    } else {
        sol->status = 2;
        rc = cu_error(err, CURTAIL_ESOLVER, NULL, no_pos, NULL,
                      "GLPK could not solve the LP (status %d)", st);
    }
    glp_delete_prob(P);
    P = NULL;
    glp_term_out(term);
    glp_error_hook(NULL, NULL);
done:
    if (fresh_env)
        glp_free_env();
    cu_free(lp->mem, (void *)ia);
    cu_free(lp->mem, (void *)ja);
    cu_free(lp->mem, (void *)ar);
    if (rc != CURTAIL_OK)
        cu_lp_solution_free(lp->mem, sol);
    return rc;
}
