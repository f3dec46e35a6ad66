/* plan.c — the three-level plan LP of SPEC §5: build, solve, read back.
 *
 * Variables are the cuts y[g,L] = b[g] - x[g,L] of each load group, so the
 * objective Σ w·V·y is the weighted loss itself and needs no constant.
 *
 * Phase 1 needs no LP: x = lo (the deepest cut everywhere) is nesting-feasible
 * and maximises every reduction at once, so the least total relative
 * shortfall is Σ max(0, Q − Rmax)/Q, reached with each s[p,L] at
 * max(0, Q − Rmax). Phase 2 under that bound therefore forces every group that
 * emits p to its deepest cut at L wherever a target is unmet; we fix those
 * columns and drop the row, which is the same LP without a degenerate face.
 *
 * Phase 2 is block-angular: a dozen target rows couple all groups, two nesting
 * rows belong to each group. CURTAIL_METHOD_AUTO solves it by sifting: a
 * restricted LP over a working set of groups, priced against the rest with the
 * target duals. A group outside the working set sits at its least cut; it
 * enters when some feasible direction of its own three cuts (respecting
 * nesting) has negative reduced cost. When none has, the duals certify the
 * restricted optimum as optimal for the whole LP (Lagrangian optimality), so
 * the answer equals the plain LP's. CURTAIL_METHOD_PLAIN hands the whole LP
 * to GLPK, as `curtail export` writes it. */
#include "plan_model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REL_MET 1e-9 /* SPEC §5: phase-1 minimum 0 within 1e-9 relative */

/* ---- the model shared with export.c ----------------------------------------------- */

void cu_model_free(cu_model *m)
{
    if (!m)
        return;
    cu_free(m->mem, m->ymin);
    cu_free(m->mem, m->ymax);
    cu_free(m->mem, m->rawmin);
    cu_free(m->mem, m->rawmax);
    cu_groups_free(m->g);
    memset(m, 0, sizeof *m);
}

/* Nesting x_red <= x_orange <= x_yellow, i.e. y_yellow <= y_orange <= y_red:
 * lower bounds of y rise towards red, upper bounds fall towards yellow. */
static void tighten_nesting(double *ymin, double *ymax)
{
    if (ymin[CURTAIL_ORANGE] < ymin[CURTAIL_YELLOW])
        ymin[CURTAIL_ORANGE] = ymin[CURTAIL_YELLOW];
    if (ymin[CURTAIL_RED] < ymin[CURTAIL_ORANGE])
        ymin[CURTAIL_RED] = ymin[CURTAIL_ORANGE];
    if (ymax[CURTAIL_ORANGE] > ymax[CURTAIL_RED])
        ymax[CURTAIL_ORANGE] = ymax[CURTAIL_RED];
    if (ymax[CURTAIL_YELLOW] > ymax[CURTAIL_ORANGE])
        ymax[CURTAIL_YELLOW] = ymax[CURTAIL_ORANGE];
}

int cu_model_build(const curtail_scenario *s, cu_model *m, curtail_error *err)
{
    size_t gi, n;
    int p, L, rc;
    memset(m, 0, sizeof *m);
    m->mem = s->mem;
    m->s = s;
    if (!s->checked)
        return cu_einval(err, "the scenario is not checked: call curtail_scenario_check first");
    if ((rc = cu_groups_build(s, NULL, &m->g, err)) != 0)
        return rc;
    n = m->g->ngroups;
    m->ymin = cu_calloc(m->mem, n * CU_NL + 1, sizeof(double));
    m->ymax = cu_calloc(m->mem, n * CU_NL + 1, sizeof(double));
    m->rawmin = cu_calloc(m->mem, n * CU_NL + 1, sizeof(double));
    m->rawmax = cu_calloc(m->mem, n * CU_NL + 1, sizeof(double));
    if (!m->ymin || !m->ymax || !m->rawmin || !m->rawmax) {
        cu_model_free(m);
        return cu_enomem(err);
    }
    for (gi = 0; gi < n; gi++) {
        double b = m->g->b[gi];
        for (L = 0; L < CU_NL; L++) {
            size_t k = gi * CU_NL + L;
            m->rawmin[k] = m->ymin[k] = b - m->g->hi[k];
            m->rawmax[k] = m->ymax[k] = b - m->g->lo[k];
        }
        tighten_nesting(&m->ymin[gi * CU_NL], &m->ymax[gi * CU_NL]);
    }
    /* targets and the phase-1 minimum */
    m->phase1 = 0.0;
    for (L = 0; L < CU_NL; L++)
        for (p = 0; p < CU_NP; p++) {
            double rmax = 0.0, q = s->ratios[L][p] * m->g->baseline[p];
            for (gi = 0; gi < n; gi++)
                rmax += m->g->E[gi * CU_NP + p] * m->ymax[gi * CU_NL + L];
            m->Q[p][L] = q;
            m->Rmax[p][L] = rmax;
            if (q > 0 && rmax < q)
                m->phase1 += (q - rmax) / q;
        }
    m->unmet_any = m->phase1 > REL_MET;
    for (L = 0; L < CU_NL; L++)
        for (p = 0; p < CU_NP; p++) {
            double q = m->Q[p][L];
            m->unmet[p][L] = m->unmet_any && q > 0 && m->Rmax[p][L] < q;
            /* a target met only within the tolerance asks for no more than Rmax */
            m->rhs[p][L] = (q > m->Rmax[p][L]) ? m->Rmax[p][L] : q;
        }
    return CURTAIL_OK;
}

/* Unmet (p, L): every group emitting p cuts as deep as it can at L. */
static void fix_unmet(cu_model *m)
{
    size_t gi, n = m->g->ngroups;
    int p, L;
    for (L = 0; L < CU_NL; L++)
        for (p = 0; p < CU_NP; p++) {
            if (!m->unmet[p][L])
                continue;
            for (gi = 0; gi < n; gi++)
                if (m->g->E[gi * CU_NP + p] > 0)
                    m->ymin[gi * CU_NL + L] = m->ymax[gi * CU_NL + L];
        }
    for (gi = 0; gi < n; gi++)
        tighten_nesting(&m->ymin[gi * CU_NL], &m->ymax[gi * CU_NL]);
}

/* ---- the plain LP (also what export writes) ---------------------------------------------- */

static const char level_tag[CU_NL] = {'Y', 'O', 'R'};

int cu_model_full_lp(const cu_model *m, int level, cu_lp *lp, curtail_error *err)
{
    size_t gi, n = m->g->ngroups;
    size_t trow[CU_NP][CU_NL], nest0 = 0, cap_row = (size_t)-1;
    size_t rows[CU_NP + 2];
    double vals[CU_NP + 2];
    char name[64];
    int p, L, L0 = level < 0 ? 0 : level, L1 = level < 0 ? CU_NL : level + 1;
    double cap = 0.0;

    cu_lp_init(lp, m->mem);
    for (L = L0; L < L1; L++)
        for (p = 0; p < CU_NP; p++) {
            trow[p][L] = (size_t)-1;
            if (!(m->Q[p][L] > 0))
                continue;
            snprintf(name, sizeof name, "target_%s_%s", curtail_pollutant_name((curtail_pollutant)p),
                     curtail_level_name((curtail_level)L));
            if ((trow[p][L] = cu_lp_add_row(lp, name, CU_ROW_GE, m->Q[p][L])) == (size_t)-1)
                goto nomem;
            if (m->unmet[p][L])
                cap += (m->Q[p][L] - m->Rmax[p][L]) / m->Q[p][L];
        }
    if (m->unmet_any && cap > 0) {
        /* phase 2 keeps the shortfalls under the phase-1 minimum; the bound is
         * loosened by 1e-12 relative so rounding cannot make it infeasible
         * (more would move the optimum: the row's dual can be large) */
        if ((cap_row = cu_lp_add_row(lp, "shortfall_cap", CU_ROW_LE, cap * (1 + 1e-12) + 1e-15)) ==
            (size_t)-1)
            goto nomem;
    }
    if (level < 0) {
        nest0 = lp->nrows;
        for (gi = 0; gi < n; gi++) {
            snprintf(name, sizeof name, "nest_g%zu_OY", gi);
            if (cu_lp_add_row(lp, name, CU_ROW_GE, 0.0) == (size_t)-1)
                goto nomem;
            snprintf(name, sizeof name, "nest_g%zu_RO", gi);
            if (cu_lp_add_row(lp, name, CU_ROW_GE, 0.0) == (size_t)-1)
                goto nomem;
        }
    }
    for (gi = 0; gi < n; gi++) {
        double c = m->g->w[gi] * m->g->V[gi];
        for (L = L0; L < L1; L++) {
            size_t k = 0, idx = gi * CU_NL + L;
            for (p = 0; p < CU_NP; p++)
                if (trow[p][L] != (size_t)-1 && m->g->E[gi * CU_NP + p] != 0) {
                    rows[k] = trow[p][L];
                    vals[k++] = m->g->E[gi * CU_NP + p];
                }
            if (level < 0) {
                /* y_O - y_Y >= 0 and y_R - y_O >= 0 */
                if (L == CURTAIL_YELLOW) {
                    rows[k] = nest0 + 2 * gi;
                    vals[k++] = -1.0;
                } else if (L == CURTAIL_ORANGE) {
                    rows[k] = nest0 + 2 * gi;
                    vals[k++] = 1.0;
                    rows[k] = nest0 + 2 * gi + 1;
                    vals[k++] = -1.0;
                } else {
                    rows[k] = nest0 + 2 * gi + 1;
                    vals[k++] = 1.0;
                }
            }
            snprintf(name, sizeof name, "y_g%zu_%c", gi, level_tag[L]);
            if (cu_lp_add_col(lp, name, c, m->rawmin[idx], m->rawmax[idx], k, rows, vals) ==
                (size_t)-1)
                goto nomem;
        }
    }
    if (cap_row != (size_t)-1) {
        for (L = L0; L < L1; L++)
            for (p = 0; p < CU_NP; p++) {
                if (trow[p][L] == (size_t)-1)
                    continue;
                rows[0] = trow[p][L];
                vals[0] = 1.0;
                rows[1] = cap_row;
                vals[1] = 1.0 / m->Q[p][L];
                snprintf(name, sizeof name, "short_%s_%s",
                         curtail_pollutant_name((curtail_pollutant)p),
                         curtail_level_name((curtail_level)L));
                if (cu_lp_add_col(lp, name, 0.0, 0.0, INFINITY, 2, rows, vals) == (size_t)-1)
                    goto nomem;
            }
    }
    return CURTAIL_OK;
nomem:
    cu_lp_free(lp);
    return cu_enomem(err);
}

static int solve_plain(cu_model *m, double *y, double pi[CU_NP][CU_NL], curtail_error *err)
{
    cu_lp lp;
    cu_lp_solution sol;
    size_t gi, n = m->g->ngroups, r = 0;
    int p, L, rc;
    if ((rc = cu_model_full_lp(m, -1, &lp, err)) != 0)
        return rc;
    if ((rc = cu_lp_solve(&lp, &sol, err)) != 0) {
        cu_lp_free(&lp);
        return rc;
    }
    if (sol.status != 0) {
        cu_lp_solution_free(m->mem, &sol);
        cu_lp_free(&lp);
        return cu_error(err, CURTAIL_ESOLVER, NULL, (cu_pos){0, 0}, NULL,
                        "the plan LP is infeasible although phase 1 said otherwise");
    }
    for (L = 0; L < CU_NL; L++)
        for (p = 0; p < CU_NP; p++) {
            pi[p][L] = 0.0;
            if (m->Q[p][L] > 0)
                pi[p][L] = sol.dual[r++];
        }
    /* columns are y_g_L in group-major order */
    for (gi = 0; gi < n; gi++)
        for (L = 0; L < CU_NL; L++)
            y[gi * CU_NL + L] = sol.x[gi * CU_NL + L];
    cu_lp_solution_free(m->mem, &sol);
    cu_lp_free(&lp);
    return CURTAIL_OK;
}

/* ---- sifting -------------------------------------------------------------------------------- */

typedef struct sift_row {
    int p, L;
    double rhs; /* Q − reduction already at the least cuts */
} sift_row;

typedef struct cand {
    double key;
    size_t g;
} cand;

static int cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->key < y->key)
        return -1;
    if (x->key > y->key)
        return 1;
    return x->g < y->g ? -1 : x->g > y->g;
}

typedef struct sifter {
    cu_model *m;
    sift_row rows[CU_NP * CU_NL];
    int nrows;
    unsigned char *in;   /* per group: in the working set */
    unsigned char *nest; /* per group: its nesting rows are in the restricted LP */
    size_t *nestrow;     /* per working-set position: first nesting row or -1 */
    size_t *work;      /* working set, ascending */
    size_t nwork;
    double *z; /* per working-set position, 3 values */
    double pi[CU_NP * CU_NL];
} sifter;

static double group_u(const cu_model *m, size_t g, int L)
{
    double u = m->ymax[g * CU_NL + L] - m->ymin[g * CU_NL + L];
    return u > 0 ? u : 0.0;
}

static int group_movable(const cu_model *m, size_t g)
{
    return group_u(m, g, 0) > 0 || group_u(m, g, 1) > 0 || group_u(m, g, 2) > 0;
}

/* Seed the working set: for each row, the cheapest groups per kg until their
 * room covers the row's need with a margin. The cost per kg of a pollutant
 * does not depend on the level, so each pollutant's groups are sorted once. */
static int seed_working_set(sifter *sf, curtail_error *err)
{
    cu_model *m = sf->m;
    size_t n = m->g->ngroups, gi, k, nc;
    int r, p;
    cand *c = cu_calloc(m->mem, n + 1, sizeof *c);
    if (!c)
        return cu_enomem(err);
    for (p = 0; p < CU_NP; p++) {
        int any = 0;
        for (r = 0; r < sf->nrows; r++)
            if (sf->rows[r].p == p && sf->rows[r].rhs > 0)
                any = 1;
        if (!any)
            continue;
        for (gi = 0, nc = 0; gi < n; gi++) {
            double e = m->g->E[gi * CU_NP + p];
            if (e > 0 && group_movable(m, gi)) {
                c[nc].key = m->g->w[gi] * m->g->V[gi] / e;
                c[nc++].g = gi;
            }
        }
        qsort(c, nc, sizeof *c, cmp_cand);
        for (r = 0; r < sf->nrows; r++) {
            int L = sf->rows[r].L;
            double need = sf->rows[r].rhs, got = 0.0;
            size_t taken = 0;
            if (sf->rows[r].p != p || !(need > 0))
                continue;
            for (k = 0; k < nc && (got < 1.25 * need || taken < 16); k++) {
                gi = c[k].g;
                if (!(group_u(m, gi, L) > 0))
                    continue;
                sf->in[gi] = 1;
                got += m->g->E[gi * CU_NP + p] * group_u(m, gi, L);
                taken++;
            }
        }
    }
    cu_free(m->mem, c);
    return CURTAIL_OK;
}

static int collect_working_set(sifter *sf, curtail_error *err)
{
    void *p;
    if (cu_flagged(sf->m->mem, sf->in, sf->m->g->ngroups, &sf->work, &sf->nwork))
        return cu_enomem(err);
    p = cu_reallocarray(sf->m->mem, sf->z, sf->nwork * CU_NL + 1, sizeof(double));
    if (!p)
        return cu_enomem(err);
    sf->z = p;
    p = cu_reallocarray(sf->m->mem, sf->nestrow, sf->nwork + 1, sizeof(size_t));
    if (!p)
        return cu_enomem(err);
    sf->nestrow = p;
    return CURTAIL_OK;
}

/* The restricted LP over z = y − ymin of the working set. Nesting rows are
 * added lazily: only for groups whose cuts broke the order in an earlier
 * solve. A solution of the relaxation that keeps every order is optimal for
 * the restricted LP with all its nesting rows. */
static int solve_restricted_once(sifter *sf, int *infeasible, curtail_error *err)
{
    cu_model *m = sf->m;
    cu_lp lp;
    size_t k, rows[CU_NP + 2], nrow;
    double vals[CU_NP + 2];
    int r, L;
    *infeasible = 0;
    cu_lp_init(&lp, m->mem);
    for (r = 0; r < sf->nrows; r++)
        if (cu_lp_add_row(&lp, NULL, CU_ROW_GE, sf->rows[r].rhs) == (size_t)-1)
            goto nomem;
    for (k = 0; k < sf->nwork; k++) {
        size_t g = sf->work[k];
        const double *ymin = &m->ymin[g * CU_NL];
        sf->nestrow[k] = (size_t)-1;
        if (!sf->nest[g])
            continue;
        /* z_O − z_Y >= ymin_Y − ymin_O ;  z_R − z_O >= ymin_O − ymin_R */
        sf->nestrow[k] = lp.nrows;
        if (cu_lp_add_row(&lp, NULL, CU_ROW_GE, ymin[0] - ymin[1]) == (size_t)-1 ||
            cu_lp_add_row(&lp, NULL, CU_ROW_GE, ymin[1] - ymin[2]) == (size_t)-1)
            goto nomem;
    }
    for (k = 0; k < sf->nwork; k++) {
        size_t g = sf->work[k];
        double c = m->g->w[g] * m->g->V[g];
        nrow = sf->nestrow[k];
        for (L = 0; L < CU_NL; L++) {
            size_t nz = 0;
            for (r = 0; r < sf->nrows; r++) {
                double e = m->g->E[g * CU_NP + sf->rows[r].p];
                if (sf->rows[r].L == L && e != 0) {
                    rows[nz] = (size_t)r;
                    vals[nz++] = e;
                }
            }
            if (nrow != (size_t)-1) {
                if (L == CURTAIL_YELLOW) {
                    rows[nz] = nrow;
                    vals[nz++] = -1.0;
                } else if (L == CURTAIL_ORANGE) {
                    rows[nz] = nrow;
                    vals[nz++] = 1.0;
                    rows[nz] = nrow + 1;
                    vals[nz++] = -1.0;
                } else {
                    rows[nz] = nrow + 1;
                    vals[nz++] = 1.0;
                }
            }
            if (cu_lp_add_col(&lp, NULL, c, 0.0, group_u(m, g, L), nz, rows, vals) == (size_t)-1)
                goto nomem;
        }
    }
    return cu_lp_solve_into(&lp, (size_t)sf->nrows, sf->pi, sf->z, infeasible, err);
nomem:
    cu_lp_free(&lp);
    return cu_enomem(err);
}

/* Groups whose solved cuts break y_Y <= y_O <= y_R get their nesting rows. */
static size_t add_violated_nesting(sifter *sf)
{
    const cu_model *m = sf->m;
    size_t k, added = 0;
    for (k = 0; k < sf->nwork; k++) {
        size_t g = sf->work[k];
        const double *ymin = &m->ymin[g * CU_NL], *z = &sf->z[k * CU_NL];
        double yy = ymin[0] + z[0], yo = ymin[1] + z[1], yr = ymin[2] + z[2];
        double tol = 1e-9 * (1 + fabs(yo));
        if (sf->nest[g])
            continue;
        if (yy > yo + tol || yo > yr + tol) {
            sf->nest[g] = 1;
            added++;
        }
    }
    return added;
}

static int solve_restricted(sifter *sf, int *infeasible, curtail_error *err)
{
    int rc;
    for (;;) {
        if ((rc = solve_restricted_once(sf, infeasible, err)) != 0 || *infeasible)
            return rc;
        if (add_violated_nesting(sf) == 0)
            return CURTAIL_OK;
    }
}

/* The most negative reduced cost over the extreme feasible directions of a
 * group resting at its least cuts (0/1 vectors closed under tight nesting). */
static double price_group(const sifter *sf, size_t g)
{
    const cu_model *m = sf->m;
    const double *ymin = &m->ymin[g * CU_NL];
    double c = m->g->w[g] * m->g->V[g], d[CU_NL], scale[CU_NL], best = 0.0, bscale = 1.0;
    int tight_yo = ymin[0] >= ymin[1] - 1e-12, tight_or = ymin[1] >= ymin[2] - 1e-12;
    int L, r, v;
    for (L = 0; L < CU_NL; L++) {
        d[L] = c;
        scale[L] = c;
    }
    for (r = 0; r < sf->nrows; r++) {
        double t = sf->pi[r] * m->g->E[g * CU_NP + sf->rows[r].p];
        d[sf->rows[r].L] -= t;
        scale[sf->rows[r].L] += t;
    }
    for (v = 1; v < 8; v++) {
        int on[CU_NL] = {v & 1, (v >> 1) & 1, (v >> 2) & 1};
        double sum = 0.0, sc = 0.0;
        int ok = 1;
        for (L = 0; L < CU_NL && ok; L++)
            if (on[L] && !(group_u(m, g, L) > 0))
                ok = 0;
        if (!ok || (tight_yo && on[0] && !on[1]) || (tight_or && on[1] && !on[2]))
            continue;
        for (L = 0; L < CU_NL; L++)
            if (on[L]) {
                sum += d[L];
                sc += scale[L];
            }
        if (sum < best) {
            best = sum;
            bscale = sc;
        }
    }
    /* significant only beyond the solver's tolerance, relative to the terms */
    return best < -1e-9 * (bscale > 1 ? bscale : 1) ? best : 0.0;
}

static int solve_sifting(cu_model *m, double *y, double pi[CU_NP][CU_NL], curtail_error *err)
{
    sifter sf;
    size_t n = m->g->ngroups, gi, k, nc;
    cand *viol = NULL;
    int p, L, r, rc = CURTAIL_OK, infeasible, rounds = 0;

    memset(&sf, 0, sizeof sf);
    sf.m = m;
    for (L = 0; L < CU_NL; L++)
        for (p = 0; p < CU_NP; p++) {
            double have = 0.0;
            if (!(m->Q[p][L] > 0) || m->unmet[p][L])
                continue;
            for (gi = 0; gi < n; gi++)
                have += m->g->E[gi * CU_NP + p] * m->ymin[gi * CU_NL + L];
            sf.rows[sf.nrows].p = p;
            sf.rows[sf.nrows].L = L;
            sf.rows[sf.nrows].rhs = m->rhs[p][L] - have;
            sf.nrows++;
        }
    for (gi = 0; gi < n * CU_NL; gi++)
        y[gi] = m->ymin[gi];
    for (L = 0; L < CU_NL; L++)
        for (p = 0; p < CU_NP; p++)
            pi[p][L] = 0.0;
    if (sf.nrows == 0)
        return CURTAIL_OK;
    sf.in = cu_calloc(m->mem, n + 1, 1);
    sf.nest = cu_calloc(m->mem, n + 1, 1);
    viol = cu_calloc(m->mem, n + 1, sizeof *viol);
    if (!sf.in || !sf.nest || !viol) {
        rc = cu_enomem(err);
        goto done;
    }
    if ((rc = seed_working_set(&sf, err)) != 0)
        goto done;
    for (;;) {
        if ((rc = collect_working_set(&sf, err)) != 0)
            goto done;
        if ((rc = solve_restricted(&sf, &infeasible, err)) != 0)
            goto done;
        if (infeasible) {
            /* the seed lacked room: take every group that can move */
            size_t before = sf.nwork;
            for (gi = 0; gi < n; gi++)
                if (group_movable(m, gi))
                    sf.in[gi] = 1;
            if ((rc = collect_working_set(&sf, err)) != 0)
                goto done;
            if (sf.nwork == before) {
                rc = cu_error(err, CURTAIL_ESOLVER, NULL, (cu_pos){0, 0}, NULL,
                              "the plan LP is infeasible although phase 1 said otherwise");
                goto done;
            }
            continue;
        }
        for (gi = 0, nc = 0; gi < n; gi++) {
            double v;
            if (sf.in[gi] || !group_movable(m, gi))
                continue;
            v = price_group(&sf, gi);
            if (v < 0) {
                viol[nc].key = v;
                viol[nc++].g = gi;
            }
        }
        if (nc == 0)
            break;
        qsort(viol, nc, sizeof *viol, cmp_cand);
        {
            size_t take = sf.nwork > 1000 ? sf.nwork : 1000;
            if (take > nc)
                take = nc;
            for (k = 0; k < take; k++)
                sf.in[viol[k].g] = 1;
        }
        rounds++;
    }
    for (k = 0; k < sf.nwork; k++)
        for (L = 0; L < CU_NL; L++) {
            size_t idx = sf.work[k] * CU_NL + L;
            double v = m->ymin[idx] + sf.z[k * CU_NL + L];
            /* clamp the solver's round-off into the bounds */
            if (v < m->ymin[idx])
                v = m->ymin[idx];
            if (v > m->ymax[idx])
                v = m->ymax[idx];
            y[idx] = v;
        }
    for (r = 0; r < sf.nrows; r++)
        pi[sf.rows[r].p][sf.rows[r].L] = sf.pi[r];
    m->sift_rounds = rounds;
    m->sift_work = sf.nwork;
done:
    cu_free(m->mem, sf.in);
    cu_free(m->mem, sf.nest);
    cu_free(m->mem, sf.nestrow);
    cu_free(m->mem, sf.work);
    cu_free(m->mem, sf.z);
    cu_free(m->mem, viol);
    return rc;
}

/* ---- result ---------------------------------------------------------------------------------- */

double cu_round_dual(double v)
{
    /* a dual carries the simplex's round-off (500 comes out as
     * 499.99999999999994): 12 significant digits are all it means */
    char buf[32];
    if (v == 0.0 || !isfinite(v))
        return 0.0;
    snprintf(buf, sizeof buf, "%.12g", v);
    return strtod(buf, NULL);
}

double cu_snap_achieved(double achieved, double required, int unmet)
{
    /* a met target's reduction summed back from the loads can fall a rounding
     * step short of what the LP guaranteed: report it as met */
    if (!unmet && achieved < required && required - achieved <= 1e-9 * (required > 1 ? required : 1))
        return required;
    return achieved;
}

static int fill_result(curtail_result *res, cu_model *m, const double *y,
                       double pi[CU_NP][CU_NL])
{
    const cu_groups *g = m->g;
    size_t gi, n = g->ngroups;
    int p, L;
    res->objective = 0.0;
    for (L = 0; L < CU_NL; L++) {
        cu_level_res *lv = &res->lv[L];
        double ach[CU_NP] = {0, 0, 0, 0};
        memset(lv, 0, sizeof *lv);
        for (gi = 0; gi < n; gi++) {
            double cut = y[gi * CU_NL + L];
            double x = g->b[gi] - cut;
            /* b − (b − hi) can miss hi by a rounding step: report within bounds */
            if (fabs(cut) < 1e-15)
                x = g->b[gi];
            if (x > g->hi[gi * CU_NL + L])
                x = g->hi[gi * CU_NL + L];
            if (x < g->lo[gi * CU_NL + L])
                x = g->lo[gi * CU_NL + L];
            cut = g->b[gi] - x;
            res->load[gi * CU_NL + L] = x;
            lv->lost_value += g->V[gi] * cut;
            lv->weighted_loss += g->w[gi] * g->V[gi] * cut;
            for (p = 0; p < CU_NP; p++)
                ach[p] += g->E[gi * CU_NP + p] * cut;
        }
        lv->status = CURTAIL_OPTIMAL;
        for (p = 0; p < CU_NP; p++) {
            cu_target_row *t = &lv->t[p];
            t->baseline = g->baseline[p];
            t->required = m->Q[p][L];
            t->achieved = cu_snap_achieved(ach[p], m->Q[p][L], m->unmet[p][L]);
            if (m->unmet[p][L]) {
                t->shortfall = m->Q[p][L] - m->Rmax[p][L];
                lv->status = CURTAIL_TARGETS_UNMET;
            } else {
                t->shadow_price = cu_round_dual(pi[p][L]);
            }
        }
        res->objective += lv->weighted_loss;
    }
    res->status = m->unmet_any ? CURTAIL_TARGETS_UNMET : CURTAIL_OPTIMAL;
    res->lp_columns = n * CU_NL;
    return CURTAIL_OK;
}

int curtail_plan_solve(const curtail_scenario *s, const curtail_plan_options *opts,
                       curtail_result **out, curtail_error *err)
{
    cu_model m;
    curtail_result *res = NULL;
    double *y = NULL, pi[CU_NP][CU_NL];
    int rc, method = CURTAIL_METHOD_AUTO;
    if (!out)
        return cu_einval(err, "curtail_plan_solve: out is NULL");
    *out = NULL;
    if (!s)
        return cu_einval(err, "curtail_plan_solve: scenario is NULL");
    if (opts) {
        if (opts->version != CURTAIL_PLAN_OPTIONS_VERSION)
            return cu_einval(err, "curtail_plan_solve: options of another version");
        method = (int)opts->method;
        if (method != CURTAIL_METHOD_AUTO && method != CURTAIL_METHOD_PLAIN)
            return cu_einval(err, "curtail_plan_solve: unknown method");
    }
    if ((rc = cu_model_build(s, &m, err)) != 0)
        return rc;
    y = cu_calloc(s->mem, m.g->ngroups * CU_NL + 1, sizeof(double));
    res = cu_calloc(s->mem, 1, sizeof *res);
    if (res)
        res->mem = s->mem; /* before any early exit: the result frees with it */
    if (!y || !res) {
        rc = cu_enomem(err);
        goto done;
    }
    res->s = s;
    cu_scenario_pin(s);
    res->kind = 0;
    res->load = cu_calloc(s->mem, m.g->ngroups * CU_NL + 1, sizeof(double));
    if (!res->load) {
        rc = cu_enomem(err);
        goto done;
    }
    if (method == CURTAIL_METHOD_PLAIN) {
        rc = solve_plain(&m, y, pi, err);
    } else {
        fix_unmet(&m);
        rc = solve_sifting(&m, y, pi, err);
    }
    if (rc)
        goto done;
    fill_result(res, &m, y, pi);
    res->groups = m.g;
    m.g = NULL;
done:
    cu_model_free(&m);
    cu_free(s->mem, y);
    if (rc) {
        curtail_result_free(res);
        return rc;
    }
    *out = res;
    return CURTAIL_OK;
}

/* ---- accessors --------------------------------------------------------------------------------- */

void curtail_result_free(curtail_result *r)
{
    size_t i;
    if (!r)
        return;
    if (r->s)
        cu_scenario_unpin(r->s);
    for (i = 0; i < r->nwarnings; i++)
        cu_free(r->mem, r->warnings[i]);
    cu_free(r->mem, r->warnings);
    cu_groups_free(r->groups);
    cu_free(r->mem, r->load);
    cu_free(r->mem, r->segs);
    cu_free(r->mem, r->hload);
    cu_free(r->mem, r->hour_level);
    cu_free(r->mem, r);
}

curtail_status curtail_result_status(const curtail_result *r)
{
    return r ? (curtail_status)r->status : CURTAIL_OPTIMAL;
}

double curtail_result_objective(const curtail_result *r)
{
    return r ? r->objective : 0.0;
}

int curtail_result_level(const curtail_result *r, curtail_level level, curtail_level_result *out,
                         curtail_error *err)
{
    const cu_level_res *lv;
    if (!r || !out || (int)level < 0 || (int)level >= CU_NL || r->kind != 0)
        return cu_einval(err, "curtail_result_level: bad arguments (or not a plan result)");
    lv = &r->lv[level];
    out->status = (curtail_status)lv->status;
    out->lost_value = lv->lost_value;
    out->weighted_loss = lv->weighted_loss;
    memcpy(out->targets, lv->t, sizeof out->targets);
    return CURTAIL_OK;
}

size_t curtail_result_unit_count(const curtail_result *r)
{
    return r ? r->s->nunits : 0;
}

int curtail_result_unit(const curtail_result *r, curtail_level level, size_t i,
                        curtail_unit_result *out, curtail_error *err)
{
    const cu_unit *un;
    const cu_unit_level *ul;
    size_t gi;
    double x, b;
    int p;
    if (!r || !out || (int)level < 0 || (int)level >= CU_NL || i >= r->s->nunits || r->kind != 0)
        return cu_einval(err, "curtail_result_unit: bad arguments (or not a plan result)");
    un = &r->s->units[i];
    gi = r->groups->unit_group[i];
    ul = &r->groups->ul[i * CU_NL + level];
    x = r->load[gi * CU_NL + level];
    b = r->groups->b[gi];
    out->enterprise = r->s->ents[un->enterprise].id;
    out->unit = un->id;
    out->load = x;
    out->base_load = b;
    out->lo = r->groups->lo[gi * CU_NL + level];
    out->hi = r->groups->hi[gi * CU_NL + level];
    out->measure = (curtail_measure)ul->measure;
    out->measure_value = ul->value;
    for (p = 0; p < CU_NP; p++)
        out->reduction[p] = un->ef[p] * un->capacity * (b - x);
    return CURTAIL_OK;
}

size_t curtail_result_warning_count(const curtail_result *r)
{
    return r ? r->s->nwarnings + r->nwarnings : 0;
}

const char *curtail_result_warning_text(const curtail_result *r, size_t i, curtail_lang lang)
{
    if (!r)
        return NULL;
    if (i < r->s->nwarnings)
        return curtail_scenario_warning_text(r->s, i, lang);
    i -= r->s->nwarnings;
    return i < r->nwarnings ? r->warnings[i] : NULL;
}

const char *curtail_result_warning(const curtail_result *r, size_t i)
{
    if (!r)
        return NULL;
    if (i < r->s->nwarnings)
        return r->s->warnings[i];
    i -= r->s->nwarnings;
    return i < r->nwarnings ? r->warnings[i] : NULL;
}
