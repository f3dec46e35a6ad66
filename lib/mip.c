/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mip.c — whole-line steps (issue 10): the plan as a MIP over the stepped
 * load groups.
 *
 * A group whose leader declares `lines: N` or `step: s` (s = 1/N) may run at
 * level L only at a load of
 *
 *     X[g,L] = {lo[g,L], hi[g,L]} ∪ {k·s : k whole, lo[g,L] <= k·s <= hi[g,L]}
 *
 * with lo, hi its bounds of SPEC §4.3 after the nesting tightening: its floor
 * (min_load, 0 when stopped, hi when pinned), its rule's load (the base load
 * when no rule cuts it), or a whole number of steps in between. The floor
 * and the rule's load are in X so that everything the LP may do at a bound
 * stays possible: phase 1 (all at lo) and "no extra cut" (all at hi) are
 * integral, and the model is feasible whenever the LP is.
 *
 * In the LP's cut variables y = b − x, per stepped group and level with
 * lo < hi: an integer k (the steps), a binary a where lo is not a multiple of
 * s and a binary c where hi is not, and the rows
 *
 *     y + s·k + lo·a + hi·c = b,
 *     k + kmax·(a + c) <= kmax,   k + kmin·(a + c) >= kmin   (when a or c exist)
 *
 * (kmin, kmax the first and last multiple in [lo, hi]; with neither a nor c,
 * k has the bounds [kmin, kmax] and the first row alone). Where [lo, hi]
 * holds no multiple, a + c = 1.
 *
 * The solve: the exact LP first (plan.c), its optimum the MIP's lower bound;
 * from it an integer point by rounding each stepped load down to X (more
 * cut: every target and combined row stays met) level by level from yellow,
 * each level at most the milder one's (nesting holds: lo rises towards
 * yellow), the continuous groups then solved again with those loads fixed
 * (kept only if that point meets every row too); then GLPK's branch-and-cut
 * (its MIP presolver on) on the whole MIP after phase 1's fixing. The point
 * is the plan when the time limit comes before GLPK's first integer
 * solution. The stepped loads GLPK returns are fixed and the LP solved again
 * the exact way for the continuous groups and the prices.
 */
#define _POSIX_C_SOURCE 200809L
#include "plan_model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define GRID_TOL 1e-9

/* The step of group gi (its leader's), 0 for none. */
static double group_step(const cu_model *m, size_t gi)
{
    return m->s->units[m->g->group_leader[gi]].step;
}

size_t cu_mip_stepped_groups(const cu_model *m)
{
    size_t gi, n = 0;
    for (gi = 0; gi < m->g->ngroups; gi++)
        if (group_step(m, gi) > 0)
            n++;
    return n;
}

/* Group gi's loads bounds, nesting-tightened as cu_model_build does it, but
 * in load space and before phase 1's fixing (what export writes). */
static void tight_loads(const cu_model *m, size_t gi, double lo[CU_NL], double hi[CU_NL])
{
    int L;
    for (L = 0; L < CU_NL; L++) {
        lo[L] = m->g->lo[gi * CU_NL + L];
        hi[L] = m->g->hi[gi * CU_NL + L];
    }
    cu_nest_bounds(lo, hi, CURTAIL_RED, CURTAIL_ORANGE, CURTAIL_YELLOW);
}

/* The allowed set of one group and level. */
typedef struct step_set {
    double lo, hi, s;
    double kmin, kmax; /* first and last multiple of s in [lo, hi] (kmin > kmax: none) */
    int lo_on, hi_on;  /* lo / hi is a multiple of s */
} step_set;

static int on_grid(double v, double s, double *k)
{
    double q = v / s, r = nearbyint(q);
    *k = r;
    return fabs(q - r) <= GRID_TOL * (1.0 + fabs(q));
}

static void step_set_of(double lo, double hi, double s, step_set *o)
{
    double k;
    o->lo = lo;
    o->hi = hi;
    o->s = s;
    o->lo_on = on_grid(lo, s, &k);
    o->kmin = o->lo_on ? k : ceil(lo / s);
    o->hi_on = on_grid(hi, s, &k);
    o->kmax = o->hi_on ? k : floor(hi / s);
}

/* The largest member of X at most x (x within [lo, hi]): its load, and k,
 * a, c as the MIP's columns hold it. */
static double step_floor(const step_set *o, double x, double *k, int *a, int *c)
{
    double q;
    *k = 0.0;
    *a = *c = 0;
    if (x >= o->hi) {
        if (o->hi_on) {
            *k = o->kmax;
        } else {
            *c = 1;
        }
        return o->hi;
    }
    q = floor(x / o->s + GRID_TOL);
    if (q > o->kmax)
        q = o->kmax;
    if (q >= o->kmin && o->kmin <= o->kmax) {
        *k = q;
        if (o->lo_on && q == o->kmin)
            return o->lo;
        return q * o->s;
    }
    if (o->lo_on)
        *k = o->kmin;
    else
        *a = 1;
    return o->lo;
}

/* Rows and columns of one stepped group and level in the MIP (SIZE_MAX:
 * absent). */
typedef struct step_cols {
    size_t eq, r1, r2; /* rows */
    size_t k, a, c;    /* columns */
} step_cols;
#define NONE ((size_t)-1)

static const char level_tag[CU_NL] = {'Y', 'O', 'R'};

/* The step rows of group gi at level L (o its set), their indices into sc. */
static int add_step_rows(cu_lp *lp, size_t gi, int L, double b, const step_set *o, step_cols *sc)
{
    char name[64];
    int sel = !o->lo_on || !o->hi_on;
    snprintf(name, sizeof name, "step_g%zu_%c", gi, level_tag[L]);
    if ((sc->eq = cu_lp_add_row(lp, name, CU_ROW_EQ, b)) == NONE)
        return -1;
    if (sel && o->kmin <= o->kmax) {
        snprintf(name, sizeof name, "stepmax_g%zu_%c", gi, level_tag[L]);
        if ((sc->r1 = cu_lp_add_row(lp, name, CU_ROW_LE, o->kmax)) == NONE)
            return -1;
        snprintf(name, sizeof name, "stepmin_g%zu_%c", gi, level_tag[L]);
        if ((sc->r2 = cu_lp_add_row(lp, name, CU_ROW_GE, o->kmin)) == NONE)
            return -1;
    } else if (sel) {
        snprintf(name, sizeof name, "stepend_g%zu_%c", gi, level_tag[L]);
        if ((sc->r1 = cu_lp_add_row(lp, name, CU_ROW_EQ, 1.0)) == NONE)
            return -1;
    }
    return 0;
}

/* The step columns k, a, c of group gi at level L. */
static int add_step_cols(cu_lp *lp, size_t gi, int L, const step_set *o, step_cols *sc)
{
    char name[64];
    size_t rows[3], col;
    double vals[3];
    int sel = !o->lo_on || !o->hi_on, grid = o->kmin <= o->kmax, e;
    if (grid) {
        size_t nr = 1;
        rows[0] = sc->eq;
        vals[0] = o->s;
        if (sel) {
            rows[1] = sc->r1;
            rows[2] = sc->r2;
            vals[1] = vals[2] = 1.0;
            nr = 3;
        }
        snprintf(name, sizeof name, "k_g%zu_%c", gi, level_tag[L]);
        if ((col = cu_lp_add_col(lp, name, 0.0, sel ? 0.0 : o->kmin, o->kmax, nr, rows, vals)) ==
                NONE ||
            cu_lp_set_int(lp, col))
            return -1;
        sc->k = col;
    }
    for (e = 0; e < 2; e++) {
        size_t nr;
        if (e == 0 ? o->lo_on : o->hi_on)
            continue;
        rows[0] = sc->eq;
        vals[0] = e == 0 ? o->lo : o->hi;
        rows[1] = sc->r1;
        if (grid) {
            vals[1] = o->kmax;
            rows[2] = sc->r2;
            vals[2] = o->kmin;
            nr = 3;
        } else {
            vals[1] = 1.0;
            nr = 2;
        }
        snprintf(name, sizeof name, "%c_g%zu_%c", e == 0 ? 'a' : 'c', gi, level_tag[L]);
        if ((col = cu_lp_add_col(lp, name, 0.0, 0.0, 1.0, nr, rows, vals)) == NONE ||
            cu_lp_set_int(lp, col))
            return -1;
        if (e == 0)
            sc->a = col;
        else
            sc->c = col;
    }
    return 0;
}

/* The step sets of every group and level (s 0: not stepped or one load). */
static void step_sets(const cu_model *m, step_set *set)
{
    size_t gi;
    int L;
    for (gi = 0; gi < m->g->ngroups; gi++) {
        double s = group_step(m, gi), lo[CU_NL], hi[CU_NL];
        tight_loads(m, gi, lo, hi);
        for (L = 0; L < CU_NL; L++) {
            step_set *o = &set[gi * CU_NL + L];
            memset(o, 0, sizeof *o);
            if (s > 0 && lo[L] < hi[L])
                step_set_of(lo[L], hi[L], s, o);
            else {
                o->lo = lo[L];
                o->hi = hi[L];
            }
        }
    }
}

/* The MIP: cu_model_full_lp(m, level) with the step rows and columns. The y
 * columns keep their indices; cols (ngroups × levels) gets the step rows and
 * columns; set the step sets. */
static int mip_lp(const cu_model *m, int level, cu_lp *out, step_set *set, step_cols *cols,
                  curtail_error *err)
{
    cu_lp base;
    size_t gi, i, j, k, n = m->g->ngroups, *rows = NULL;
    double *vals = NULL;
    int L, rc, L0 = level < 0 ? 0 : level, L1 = level < 0 ? CU_NL : level + 1;
    if ((rc = cu_model_full_lp(m, level, &base, err)) != 0)
        return rc;
    cu_lp_init(out, m->mem);
    step_sets(m, set);
    for (i = 0; i < n * CU_NL; i++)
        cols[i] = (step_cols){NONE, NONE, NONE, NONE, NONE, NONE};
    for (i = 0; i < base.nrows; i++)
        if (cu_lp_add_row(out, base.rname[i], base.rtype[i], base.rhs[i]) == NONE)
            goto nomem;
    for (gi = 0; gi < n; gi++)
        for (L = L0; L < L1; L++)
            if (set[gi * CU_NL + L].s > 0 &&
                add_step_rows(out, gi, L, m->g->b[gi], &set[gi * CU_NL + L],
                              &cols[gi * CU_NL + L]))
                goto nomem;
    rows = cu_calloc(m->mem, base.nrows + 2, sizeof *rows);
    vals = cu_calloc(m->mem, base.nrows + 2, sizeof *vals);
    if (!rows || !vals)
        goto nomem;
    for (j = 0; j < base.ncols; j++) {
        size_t nz = 0, at;
        for (k = base.cbeg[j]; k < base.cbeg[j + 1]; k++) {
            rows[nz] = base.rind[k];
            vals[nz++] = base.val[k];
        }
        /* y columns come first, group-major */
        if (j < n * (size_t)(L1 - L0)) {
            gi = j / (size_t)(L1 - L0);
            L = L0 + (int)(j % (size_t)(L1 - L0));
            at = cols[gi * CU_NL + L].eq;
            if (at != NONE) {
                rows[nz] = at;
                vals[nz++] = 1.0;
            }
        }
        if (cu_lp_add_col(out, base.cname[j], base.cost[j], base.clb[j], base.cub[j], nz, rows,
                          vals) == NONE)
            goto nomem;
    }
    for (gi = 0; gi < n; gi++)
        for (L = L0; L < L1; L++)
            if (set[gi * CU_NL + L].s > 0 &&
                add_step_cols(out, gi, L, &set[gi * CU_NL + L], &cols[gi * CU_NL + L]))
                goto nomem;
    cu_free(m->mem, rows);
    cu_free(m->mem, vals);
    cu_lp_free(&base);
    return CURTAIL_OK;
nomem:
    cu_free(m->mem, rows);
    cu_free(m->mem, vals);
    cu_lp_free(&base);
    cu_lp_free(out);
    return cu_enomem(err);
}

int cu_mip_export_lp(const cu_model *m, int level, cu_lp *out, curtail_error *err)
{
    size_t n = m->g->ngroups * CU_NL + 1;
    step_set *set = cu_calloc(m->mem, n, sizeof *set);
    step_cols *cols = cu_calloc(m->mem, n, sizeof *cols);
    int rc;
    if (!set || !cols) {
        cu_free(m->mem, set);
        cu_free(m->mem, cols);
        return cu_enomem(err);
    }
    rc = mip_lp(m, level, out, set, cols, err);
    cu_free(m->mem, set);
    cu_free(m->mem, cols);
    return rc;
}

static double weighted(const cu_model *m, const double *y)
{
    size_t gi;
    double z = 0.0;
    int L;
    for (gi = 0; gi < m->g->ngroups; gi++)
        for (L = 0; L < CU_NL; L++)
            z += m->g->w[gi] * m->g->V[gi] * y[gi * CU_NL + L];
    return z;
}

/* A better first incumbent than the rounded point: its stepped cuts fixed,
 * the continuous groups solved again (the structured LP). The rounded point
 * stays when that fails or misses a row the solve sees, a met target or a
 * met combined row (cu_model_rows_met). */
static void dive(cu_model *m, const cu_solve_ctl *ctl, double *start)
{
    size_t gi, n = m->g->ngroups, nn = n * CU_NL;
    double *save = cu_calloc(m->mem, 2 * nn + 1, sizeof *save);
    double *y2 = cu_calloc(m->mem, nn + 1, sizeof *y2), pi[CU_NP][CU_NL];
    int L, ok;
    if (!save || !y2) {
        cu_free(m->mem, save);
        cu_free(m->mem, y2);
        return;
    }
    memcpy(save, m->ymin, nn * sizeof *save);
    memcpy(save + nn, m->ymax, nn * sizeof *save);
    for (gi = 0; gi < n; gi++)
        if (group_step(m, gi) > 0)
            for (L = 0; L < CU_NL; L++)
                m->ymin[gi * CU_NL + L] = m->ymax[gi * CU_NL + L] = start[gi * CU_NL + L];
    ok = cu_model_solve_dec(m, ctl, NULL, NULL, y2, pi, NULL) == CURTAIL_OK;
    memcpy(m->ymin, save, nn * sizeof *save);
    memcpy(m->ymax, save + nn, nn * sizeof *save);
    if (ok) {
        for (gi = 0; gi < nn; gi++)
            y2[gi] = fmax(m->ymin[gi], fmin(m->ymax[gi], y2[gi]));
        for (gi = 0; gi < n; gi++)
            for (L = 1; L < CU_NL; L++)
                if (y2[gi * CU_NL + L] < y2[gi * CU_NL + L - 1])
                    ok = 0;
        if (ok && cu_model_rows_met(m, y2, 1e-9) && weighted(m, y2) < weighted(m, start))
            memcpy(start, y2, nn * sizeof *y2);
    }
    cu_free(m->mem, save);
    cu_free(m->mem, y2);
}

int cu_mip_plan(cu_model *m, const cu_solve_ctl *ctl, double *y, curtail_mip_info *info,
                curtail_error *err)
{
    size_t gi, n = m->g->ngroups, j;
    step_set *set = NULL;
    step_cols *cols = NULL;
    double *start = NULL, t0 = cu_clock_s(), lp_obj = weighted(m, y), heur_obj;
    cu_lp lp;
    cu_mip_solution sol;
    int rc, L, have_lp = 0, use_heur = 0;

    memset(info, 0, sizeof *info);
    memset(&sol, 0, sizeof sol);
    info->stepped_groups = cu_mip_stepped_groups(m);
    info->lp_bound = lp_obj;
    set = cu_calloc(m->mem, n * CU_NL + 1, sizeof *set);
    cols = cu_calloc(m->mem, n * CU_NL + 1, sizeof *cols);
    if (!set || !cols) {
        rc = cu_enomem(err);
        goto done;
    }
    if ((rc = mip_lp(m, -1, &lp, set, cols, err)) != 0)
        goto done;
    have_lp = 1;
    start = cu_calloc(m->mem, lp.ncols + 1, sizeof *start);
    sol.x = cu_calloc(m->mem, lp.ncols + 1, sizeof *sol.x);
    if (!start || !sol.x) {
        rc = cu_enomem(err);
        goto done;
    }
    /* the rounded point: each stepped load down to its set, from yellow on,
     * never above the milder level's; the rest as the LP left it */
    for (j = 0; j < n * CU_NL; j++)
        start[j] = y[j];
    for (gi = 0; gi < n; gi++) {
        double prev = INFINITY, b = m->g->b[gi];
        if (!(group_step(m, gi) > 0))
            continue;
        for (L = 0; L < CU_NL; L++) {
            const step_set *o = &set[gi * CU_NL + L];
            const step_cols *sc = &cols[gi * CU_NL + L];
            double x = b - y[gi * CU_NL + L], k;
            int a, c;
            if (x > prev)
                x = prev;
            if (x > o->hi)
                x = o->hi;
            if (x < o->lo)
                x = o->lo;
            if (sc->eq != NONE) {
                x = step_floor(o, x, &k, &a, &c);
                if (sc->k != NONE)
                    start[sc->k] = k;
                if (sc->a != NONE)
                    start[sc->a] = a;
                if (sc->c != NONE)
                    start[sc->c] = c;
            }
            start[gi * CU_NL + L] = fmax(m->ymin[gi * CU_NL + L],
                                         fmin(m->ymax[gi * CU_NL + L], b - x));
            prev = x;
        }
    }
    dive(m, ctl, start);
    heur_obj = weighted(m, start);
    rc = cu_mip_solve(&lp, ctl, &sol, err);
    if (rc == CURTAIL_ESOLVER && ctl && ctl->deadline > 0 && cu_clock_s() > ctl->deadline) {
        use_heur = 1; /* the limit came first: the rounded point and the LP's bound */
        rc = CURTAIL_OK;
    } else if (rc != CURTAIL_OK) {
        goto done;
    } else if (sol.status == CU_MIP_NONE) {
        use_heur = 1;
    } else if (sol.status == CU_MIP_INFEASIBLE) {
        rc = cu_error(err, CURTAIL_ESOLVER, NULL, (cu_pos){0, 0}, NULL,
                      "GLPK found the plan's MIP infeasible although its rounded LP "
                      "optimum is a solution (numerically unstable input?)");
        goto done;
    }
    if (use_heur) {
        for (j = 0; j < lp.ncols; j++)
            sol.x[j] = start[j];
        sol.status = CU_MIP_FEASIBLE;
        sol.obj = heur_obj;
        sol.bound = lp_obj;
    }
    /* the stepped loads, exactly as their columns say; fixed for the final LP */
    for (gi = 0; gi < n; gi++) {
        double b = m->g->b[gi];
        if (!(group_step(m, gi) > 0))
            continue;
        for (L = 0; L < CU_NL; L++) {
            const step_set *o = &set[gi * CU_NL + L];
            const step_cols *sc = &cols[gi * CU_NL + L];
            size_t idx = gi * CU_NL + L;
            double v;
            if (sc->eq == NONE) {
                v = sol.x[idx];
            } else if (sc->a != NONE && sol.x[sc->a] > 0.5) {
                v = b - o->lo;
            } else if (sc->c != NONE && sol.x[sc->c] > 0.5) {
                v = b - o->hi;
            } else {
                double k = nearbyint(sol.x[sc->k]);
                v = (o->lo_on && k == o->kmin)   ? b - o->lo
                    : (o->hi_on && k == o->kmax) ? b - o->hi
                                                 : b - k * o->s;
            }
            v = fmax(m->ymin[idx], fmin(m->ymax[idx], v));
            if (L > 0 && v < y[idx - 1])
                v = y[idx - 1]; /* the order of levels to the last digit */
            y[idx] = v;
        }
        for (L = 0; L < CU_NL; L++)
            m->ymin[gi * CU_NL + L] = m->ymax[gi * CU_NL + L] = y[gi * CU_NL + L];
    }
    info->status = sol.status == CU_MIP_OPTIMAL ? 1 : 2;
    info->bound = sol.status == CU_MIP_OPTIMAL ? sol.obj : fmax(sol.bound, lp_obj);
    info->seconds = cu_clock_s() - t0;
    rc = CURTAIL_OK;
done:
    if (have_lp)
        cu_lp_free(&lp);
    cu_free(m->mem, start);
    cu_free(m->mem, sol.x);
    cu_free(m->mem, set);
    cu_free(m->mem, cols);
    return rc;
}

int curtail_result_mip(const curtail_result *r, curtail_mip_info *out, curtail_error *err)
{
    if (!r || !out)
        return cu_einval(err, "curtail_result_mip: result or out is NULL");
    *out = r->mip;
    return CURTAIL_OK;
}
