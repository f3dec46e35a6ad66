/* SPDX-License-Identifier: GPL-3.0-or-later */
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
 * rows belong to each group. CURTAIL_METHOD_AUTO solves it through that
 * structure (decomp.c); CURTAIL_METHOD_PLAIN hands the whole LP to GLPK, as
 * `curtail export` writes it. Either answer is checked against the unscaled
 * model before it is reported; a structured answer that fails the check is
 * solved again the plain way. */
#define _POSIX_C_SOURCE 200809L
#include "plan_model.h"
#include "transport.h"

#include <locale.h>
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

/* The combined rows of targets.combined (issue 10), each listed level in
 * order, with their deepest reach; their shortfall joins the phase-1 minimum
 * as a target's does. Before the per-pollutant rows' unmet flags are set. */
static void build_crows(cu_model *m)
{
    const curtail_scenario *s = m->s;
    size_t e;
    int L, p;
    m->ncrow = 0;
    for (e = 0; e < s->ncombined; e++)
        for (L = 0; L < CU_NL; L++) {
            cu_crow *c;
            if (!(s->combined[e].levels & (1u << L)))
                continue;
            c = &m->crow[m->ncrow++];
            memset(c, 0, sizeof *c);
            c->level = L;
            c->src = e;
            c->ratio = s->combined[e].ratio;
            for (p = 0; p < CU_NP; p++) {
                double b = m->g->baseline[p];
                if (!(s->combined[e].pollutants & (1u << p)) || !(b > 0))
                    continue;
                c->a[p] = 1.0 / b;
                /* credits and the mobile-source reduction count toward the row */
                c->credit += (cu_target_offset_kgpd(s, L, p) + m->mobile[L][p]) / b;
                c->Rmax += m->Rmax[p][L] / b;
            }
            c->Q = c->ratio > c->credit ? c->ratio - c->credit : 0.0;
            if (c->Q > 0 && c->Rmax < c->Q)
                m->phase1 += (c->Q - c->Rmax) / c->Q;
        }
}

/* Nesting x_red <= x_orange <= x_yellow, i.e. y_yellow <= y_orange <= y_red:
 * lower bounds of y rise towards red, upper bounds fall towards yellow. */
static void tighten_nesting(double *ymin, double *ymax)
{
    cu_nest_bounds(ymin, ymax, CURTAIL_YELLOW, CURTAIL_ORANGE, CURTAIL_RED);
}

int cu_model_build(const curtail_scenario *s, cu_model *m, curtail_error *err)
{
    size_t gi, n;
    int p, L, rc, k;
    memset(m, 0, sizeof *m);
    m->mem = s->mem;
    m->s = s;
    if (!s->checked)
        return cu_einval(err, "the scenario is not checked: call curtail_scenario_check first");
    if ((rc = cu_scenario_groups(s, &m->g, err)) != 0)
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
    cu_transport_mobile(s, m->g, m->mobile);
    for (L = 0; L < CU_NL; L++)
        for (p = 0; p < CU_NP; p++) {
            double rmax = 0.0, q = cu_target_required_kgpd(s, m->g->baseline[p], L, p);
            /* issue 10: the mobile-source reduction (移动源) is a constant; it
             * lowers what the listed enterprises must cut, exactly */
            q = cu_requirement_less_mobile(q, m->mobile[L][p]);
            for (gi = 0; gi < n; gi++)
                rmax += m->g->E[gi * CU_NP + p] * m->ymax[gi * CU_NL + L];
            m->Q[p][L] = q;
            m->Rmax[p][L] = rmax;
            if (q > 0 && rmax < q)
                m->phase1 += (q - rmax) / q;
        }
    build_crows(m);
    m->unmet_any = m->phase1 > REL_MET;
    for (L = 0; L < CU_NL; L++)
        for (p = 0; p < CU_NP; p++) {
            double q = m->Q[p][L];
            m->unmet[p][L] = m->unmet_any && q > 0 && m->Rmax[p][L] < q;
            /* a target met only within the tolerance asks for no more than Rmax */
            m->rhs[p][L] = (q > m->Rmax[p][L]) ? m->Rmax[p][L] : q;
        }
    for (k = 0; k < m->ncrow; k++) {
        cu_crow *c = &m->crow[k];
        c->unmet = m->unmet_any && c->Q > 0 && c->Rmax < c->Q;
        c->rhs = c->Q > c->Rmax ? c->Rmax : c->Q;
    }
    return CURTAIL_OK;
}

int cu_model_coupling(const cu_model *m, cu_coupling *rows)
{
    int n = 0, p, L, k;
    for (L = 0; L < CU_NL; L++)
        for (p = 0; p < CU_NP; p++) {
            if (!(m->Q[p][L] > 0) || m->unmet[p][L])
                continue;
            memset(&rows[n], 0, sizeof rows[n]);
            rows[n].L = L;
            rows[n].p = p;
            rows[n].crow = -1;
            rows[n].a[p] = 1.0;
            rows[n++].rhs = m->rhs[p][L];
        }
    for (k = 0; k < m->ncrow; k++) {
        const cu_crow *c = &m->crow[k];
        if (!(c->Q > 0) || c->unmet)
            continue;
        rows[n].L = c->level;
        rows[n].p = -1;
        rows[n].crow = k;
        memcpy(rows[n].a, c->a, sizeof c->a);
        rows[n++].rhs = c->rhs;
    }
    return n;
}

int cu_model_rows_met(const cu_model *m, const double *y, double rel)
{
    cu_coupling row[CU_MAX_COUPLING];
    int r, nrow = cu_model_coupling(m, row);
    for (r = 0; r < nrow; r++)
        if (cu_coupling_reach(m, &row[r], y) < row[r].rhs * (1 - rel))
            return 0;
    return 1;
}

/* Unmet (p, L): every group emitting p cuts as deep as it can at L. */
static void fix_unmet(cu_model *m)
{
    size_t gi, n = m->g->ngroups;
    int p, L, k;
    for (L = 0; L < CU_NL; L++)
        for (p = 0; p < CU_NP; p++) {
            if (!m->unmet[p][L])
                continue;
            for (gi = 0; gi < n; gi++)
                if (m->g->E[gi * CU_NP + p] > 0)
                    m->ymin[gi * CU_NL + L] = m->ymax[gi * CU_NL + L];
        }
    for (k = 0; k < m->ncrow; k++) {
        const cu_crow *c = &m->crow[k];
        if (!c->unmet)
            continue;
        for (gi = 0; gi < n; gi++)
            for (p = 0; p < CU_NP; p++)
                if (c->a[p] > 0 && m->g->E[gi * CU_NP + p] > 0)
                    m->ymin[gi * CU_NL + c->level] = m->ymax[gi * CU_NL + c->level];
    }
    for (gi = 0; gi < n; gi++)
        tighten_nesting(&m->ymin[gi * CU_NL], &m->ymax[gi * CU_NL]);
    m->fixed = 1;
}

/* ---- the plain LP (also what export writes) ---------------------------------------------- */

static const char level_tag[CU_NL] = {'Y', 'O', 'R'};

int cu_model_full_lp(const cu_model *m, int level, cu_lp *lp, curtail_error *err)
{
    size_t gi, n = m->g->ngroups;
    size_t trow[CU_NP][CU_NL], crow[CU_MAX_CROWS], nest0 = 0, cap_row = (size_t)-1;
    size_t rows[CU_NP + CU_MAX_CROWS + 2];
    double vals[CU_NP + CU_MAX_CROWS + 2];
    char name[64];
    int p, L, k, L0 = level < 0 ? 0 : level, L1 = level < 0 ? CU_NL : level + 1;
    double cap = 0.0;

    cu_lp_init(lp, m->mem);
    for (L = L0; L < L1; L++)
        for (p = 0; p < CU_NP; p++) {
            trow[p][L] = (size_t)-1;
            if (!(m->Q[p][L] > 0) || (m->fixed && m->unmet[p][L]))
                continue;
            snprintf(name, sizeof name, "target_%s_%s", curtail_pollutant_name((curtail_pollutant)p),
                     curtail_level_name((curtail_level)L));
            if ((trow[p][L] = cu_lp_add_row(lp, name, CU_ROW_GE, m->Q[p][L])) == (size_t)-1)
                goto nomem;
            if (m->unmet[p][L])
                cap += (m->Q[p][L] - m->Rmax[p][L]) / m->Q[p][L];
        }
    /* combined rows: Σ_p R[p,L]/B[p] >= ratio − credits (issue 10) */
    for (k = 0; k < m->ncrow; k++) {
        const cu_crow *c = &m->crow[k];
        crow[k] = (size_t)-1;
        if (c->level < L0 || c->level >= L1 || !(c->Q > 0) || (m->fixed && c->unmet))
            continue;
        snprintf(name, sizeof name, "combined%zu_%s", c->src,
                 curtail_level_name((curtail_level)c->level));
        if ((crow[k] = cu_lp_add_row(lp, name, CU_ROW_GE, c->Q)) == (size_t)-1)
            goto nomem;
        if (c->unmet)
            cap += (c->Q - c->Rmax) / c->Q;
    }
    if (m->unmet_any && cap > 0 && !m->fixed) {
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
            int kc;
            for (p = 0; p < CU_NP; p++)
                if (trow[p][L] != (size_t)-1 && m->g->E[gi * CU_NP + p] != 0) {
                    rows[k] = trow[p][L];
                    vals[k++] = m->g->E[gi * CU_NP + p];
                }
            for (kc = 0; kc < m->ncrow; kc++) {
                double a = 0.0;
                if (crow[kc] == (size_t)-1 || m->crow[kc].level != L)
                    continue;
                for (p = 0; p < CU_NP; p++)
                    a += m->crow[kc].a[p] * m->g->E[gi * CU_NP + p];
                if (a != 0) {
                    rows[k] = crow[kc];
                    vals[k++] = a;
                }
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
            /* solved in-library after fix_unmet: the bounds phase 1 fixed */
            if (cu_lp_add_col(lp, name, c, m->fixed ? m->ymin[idx] : m->rawmin[idx],
                              m->fixed ? m->ymax[idx] : m->rawmax[idx], k, rows, vals) ==
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
        for (k = 0; k < m->ncrow; k++) {
            if (crow[k] == (size_t)-1)
                continue;
            rows[0] = crow[k];
            vals[0] = 1.0;
            rows[1] = cap_row;
            vals[1] = 1.0 / m->crow[k].Q;
            snprintf(name, sizeof name, "short_combined%zu_%s", m->crow[k].src,
                     curtail_level_name((curtail_level)m->crow[k].level));
            if (cu_lp_add_col(lp, name, 0.0, 0.0, INFINITY, 2, rows, vals) == (size_t)-1)
                goto nomem;
        }
    }
    return CURTAIL_OK;
nomem:
    cu_lp_free(lp);
    return cu_enomem(err);
}

static int solve_plain(cu_model *m, const cu_solve_ctl *ctl, double *y, double pi[CU_NP][CU_NL],
                       curtail_error *err)
{
    cu_lp lp;
    cu_lp_solution sol;
    size_t gi, n = m->g->ngroups, r = 0;
    int p, L, k, rc;
    if ((rc = cu_model_full_lp(m, -1, &lp, err)) != 0)
        return rc;
    if ((rc = cu_lp_solve(&lp, ctl, &sol, err)) != 0) {
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
            if (m->Q[p][L] > 0 && !m->unmet[p][L])
                pi[p][L] = sol.dual[r++];
        }
    for (k = 0; k < m->ncrow; k++) {
        m->crow[k].pi = 0.0;
        if (m->crow[k].Q > 0 && !m->crow[k].unmet)
            m->crow[k].pi = sol.dual[r++];
    }
    /* columns are y_g_L in group-major order */
    for (gi = 0; gi < n; gi++)
        for (L = 0; L < CU_NL; L++)
            y[gi * CU_NL + L] = sol.x[gi * CU_NL + L];
    cu_lp_solution_free(m->mem, &sol);
    cu_lp_free(&lp);
    return CURTAIL_OK;
}

/* ---- result ---------------------------------------------------------------------------------- */

static double snap_load(double x, double lo, double hi, double b)
{
    const double tol = 1e-12;
    if (fabs(x - hi) <= tol * (1 + fabs(hi)))
        return hi;
    if (fabs(x - lo) <= tol * (1 + fabs(lo)))
        return lo;
    if (fabs(x - b) <= tol * (1 + fabs(b)))
        return b;
    return x;
}

/* Credits and combined rows into the result (issue 10), after the levels. */
static void fill_issue10(curtail_result *res, const cu_model *m)
{
    const cu_groups *g = m->g;
    size_t gi;
    int k, p, L;
    res->has_credits = m->s->has_credits;
    for (L = 0; L < CU_NL; L++)
        for (p = 0; p < CU_NP; p++)
            res->credit[L][p] = cu_target_offset_kgpd(m->s, L, p);
    res->ncomb = (size_t)m->ncrow;
    for (k = 0; k < m->ncrow; k++) {
        const cu_crow *c = &m->crow[k];
        cu_comb_res *o = &res->comb[k];
        double ach = 0.0;
        memset(o, 0, sizeof *o);
        o->level = c->level;
        o->src = c->src;
        o->pollutants = m->s->combined[c->src].pollutants;
        o->ratio = c->ratio;
        o->credit = c->credit;
        o->required = c->Q;
        for (gi = 0; gi < g->ngroups; gi++) {
            double cut = g->b[gi] - res->load[gi * CU_NL + c->level];
            for (p = 0; p < CU_NP; p++)
                ach += c->a[p] * g->E[gi * CU_NP + p] * cut;
        }
        o->achieved = cu_snap_achieved(ach, c->Q, c->unmet);
        if (c->unmet) {
            o->shortfall = c->Q - c->Rmax;
            res->lv[c->level].status = CURTAIL_TARGETS_UNMET;
        } else {
            o->shadow_price = cu_round_dual(c->pi);
        }
    }
}

static int fill_result(curtail_result *res, cu_model *m, const double *y,
                       double pi[CU_NP][CU_NL])
{
    const cu_groups *g = m->g;
    size_t gi, n = g->ngroups;
    int p, L;
    res->objective = 0.0;
    for (gi = 0; gi < n; gi++) {
        double *x = &res->load[gi * CU_NL];
        for (L = 0; L < CU_NL; L++) {
            const double lo = g->lo[gi * CU_NL + L], hi = g->hi[gi * CU_NL + L];
            /* b − (b − hi) can miss hi by a rounding step, and a solver's value
             * can miss a bound by its round-off: a load that close to one of
             * its bounds (or the base load) is reported as that bound */
            x[L] = snap_load(g->b[gi] - y[gi * CU_NL + L], lo, hi, g->b[gi]);
            x[L] = x[L] > hi ? hi : x[L] < lo ? lo : x[L];
        }
        /* and the order of levels holds to the last digit, not within a tolerance */
        if (x[CURTAIL_ORANGE] > x[CURTAIL_YELLOW])
            x[CURTAIL_ORANGE] = x[CURTAIL_YELLOW];
        if (x[CURTAIL_RED] > x[CURTAIL_ORANGE])
            x[CURTAIL_RED] = x[CURTAIL_ORANGE];
    }
    for (L = 0; L < CU_NL; L++) {
        cu_level_res *lv = &res->lv[L];
        double ach[CU_NP] = {0, 0, 0, 0};
        memset(lv, 0, sizeof *lv);
        for (gi = 0; gi < n; gi++) {
            double x = res->load[gi * CU_NL + L], cut = g->b[gi] - x;
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
    fill_issue10(res, m);
    res->status = m->unmet_any ? CURTAIL_TARGETS_UNMET : CURTAIL_OPTIMAL;
    res->lp_columns = n * CU_NL;
    return CURTAIL_OK;
}

/* Iterative refinement on the basis. A simplex answer meets its binding
 * rows only to its tolerance, which on rows of 1e11 kg is kilograms: made up
 * by raising cuts it would cost real money, and differently on every path.
 * The binding rows are met exactly by moving the free variables instead:
 * each maximal run of equal cuts within a group whose members all lie inside
 * their bounds moves as one. With as many free runs as binding rows (a basic
 * solution), one small dense solve in long double makes every binding row
 * tight to the last digit; otherwise, or if a move would leave a bound or
 * the order of levels, nothing changes. */
#define REFINE_MAX CU_MAX_COUPLING
static void refine(const cu_model *m, double *y, double pi[CU_NP][CU_NL])
{
    size_t gi, n = m->g->ngroups, bg[REFINE_MAX];
    int rl[REFINE_MAX], b0[REFINE_MAX], b1[REFINE_MAX];
    cu_coupling all[CU_MAX_COUPLING], row[REFINE_MAX];
    long double A[REFINE_MAX][REFINE_MAX + 1];
    int k = 0, nb = 0, nall, L, i, j, c;
    nall = cu_model_coupling(m, all);
    for (i = 0; i < nall; i++)
        if ((all[i].p >= 0 ? pi[all[i].p][all[i].L] : m->crow[all[i].crow].pi) > 0) {
            row[k] = all[i];
            rl[k++] = all[i].L;
        }
    if (k == 0)
        return;
    for (gi = 0; gi < n; gi++) {
        const double *v = &y[gi * CU_NL], *lo = &m->ymin[gi * CU_NL], *hi = &m->ymax[gi * CU_NL];
        int s0 = 0;
        while (s0 < CU_NL) {
            int s1 = s0, free_run = 1, touches = 0;
            while (s1 + 1 < CU_NL && v[s1 + 1] == v[s0])
                s1++;
            for (L = s0; L <= s1; L++) {
                if (!(v[L] > lo[L] && v[L] < hi[L]))
                    free_run = 0;
                for (i = 0; i < k; i++)
                    if (rl[i] == L && cu_coupling_coef(&row[i], &m->g->E[gi * CU_NP]) > 0)
                        touches = 1;
            }
            if (free_run && touches) {
                if (nb == REFINE_MAX)
                    return; /* more free runs than rows: not a basic solution */
                bg[nb] = gi;
                b0[nb] = s0;
                b1[nb++] = s1;
            }
            s0 = s1 + 1;
        }
    }
    if (nb != k)
        return;
    for (i = 0; i < k; i++) {
        long double got = 0.0L;
        for (gi = 0; gi < n; gi++)
            got += (long double)cu_coupling_coef(&row[i], &m->g->E[gi * CU_NP]) *
                   y[gi * CU_NL + rl[i]];
        for (j = 0; j < nb; j++)
            A[i][j] = (rl[i] >= b0[j] && rl[i] <= b1[j])
                          ? cu_coupling_coef(&row[i], &m->g->E[bg[j] * CU_NP])
                          : 0.0L;
        A[i][k] = (long double)row[i].rhs - got;
    }
    /* Gaussian elimination with partial pivoting */
    for (c = 0; c < k; c++) {
        int piv = c;
        for (i = c + 1; i < k; i++)
            if (fabsl(A[i][c]) > fabsl(A[piv][c]))
                piv = i;
        if (!(fabsl(A[piv][c]) > 0))
            return;
        if (piv != c)
            for (j = 0; j <= k; j++) {
                long double t = A[c][j];
                A[c][j] = A[piv][j];
                A[piv][j] = t;
            }
        for (i = 0; i < k; i++) {
            long double f;
            if (i == c || A[i][c] == 0)
                continue;
            f = A[i][c] / A[c][c];
            for (j = c; j <= k; j++)
                A[i][j] -= f * A[c][j];
        }
    }
    /* apply only if every run stays inside its bounds and order */
    for (j = 0; j < nb; j++) {
        const double *v = &y[bg[j] * CU_NL], *lo = &m->ymin[bg[j] * CU_NL],
                     *hi = &m->ymax[bg[j] * CU_NL];
        double nv = (double)((long double)v[b0[j]] + A[j][k] / A[j][j]);
        for (L = b0[j]; L <= b1[j]; L++)
            if (!(nv > lo[L] && nv < hi[L]))
                return;
        if ((b0[j] > 0 && nv < v[b0[j] - 1]) || (b1[j] + 1 < CU_NL && nv > v[b1[j] + 1]))
            return;
    }
    for (j = 0; j < nb; j++) {
        double nv = (double)((long double)y[bg[j] * CU_NL + b0[j]] + A[j][k] / A[j][j]);
        for (L = b0[j]; L <= b1[j]; L++)
            y[bg[j] * CU_NL + L] = nv;
    }
}

/* A solver's answer holds its rows and bounds within its tolerances (1e-9
 * of the scaled problem). Before it is checked and reported it is made to
 * hold them exactly, by raising cuts only, which can only add reductions:
 * each cut into its bounds, the levels into order, then each met target
 * (or combined row) that fell a rounding step short made up by its cheapest
 * groups with room. */
static void polish(const cu_model *m, double *y)
{
    size_t gi, n = m->g->ngroups;
    cu_coupling row[CU_MAX_COUPLING];
    int L, r, nrow;
    for (gi = 0; gi < n; gi++) {
        double *v = &y[gi * CU_NL];
        for (L = 0; L < CU_NL; L++) {
            double lo = m->ymin[gi * CU_NL + L], hi = m->ymax[gi * CU_NL + L];
            v[L] = v[L] < lo ? lo : v[L] > hi ? hi : v[L];
            if (L > 0 && v[L] < v[L - 1])
                v[L] = v[L - 1];
        }
    }
    nrow = cu_model_coupling(m, row);
    for (r = 0; r < nrow; r++) {
        const cu_coupling *R = &row[r];
        double need = R->rhs - cu_coupling_reach(m, R, y);
        int guard = 0;
        L = R->L;
        while (need > 0 && guard++ < 64) {
            size_t best = n;
            double bk = INFINITY;
            int K;
            for (gi = 0; gi < n; gi++) {
                double e = cu_coupling_coef(R, &m->g->E[gi * CU_NP]), k;
                if (!(e > 0) || !(y[gi * CU_NL + L] < m->ymax[gi * CU_NL + L]))
                    continue;
                k = m->g->w[gi] * m->g->V[gi] / e;
                if (k < bk) {
                    bk = k;
                    best = gi;
                }
            }
            if (best == n)
                break;
            {
                double e = cu_coupling_coef(R, &m->g->E[best * CU_NP]), *v = &y[best * CU_NL];
                double room = m->ymax[best * CU_NL + L] - v[L];
                double step = need / e;
                if (step > room)
                    step = room;
                /* a step that rounds away still moves: at least one unit
                 * in the last place of the cut */
                v[L] = fmin(m->ymax[best * CU_NL + L], fmax(v[L] + step, nextafter(v[L], INFINITY)));
                for (K = L + 1; K < CU_NL; K++)
                    if (v[K] < v[K - 1])
                        v[K] = v[K - 1];
            }
            need = R->rhs - cu_coupling_reach(m, R, y);
        }
    }
}

/* The check of a polished solution against the unscaled model: every cut
 * within its bounds and the order of levels, every met target reached. */
static int solution_holds(const cu_model *m, const double *y)
{
    size_t gi, n = m->g->ngroups;
    int L;
    for (gi = 0; gi < n; gi++) {
        const double *v = &y[gi * CU_NL];
        for (L = 0; L < CU_NL; L++)
            if (!isfinite(v[L]) || v[L] < m->ymin[gi * CU_NL + L] ||
                v[L] > m->ymax[gi * CU_NL + L] || (L > 0 && v[L] < v[L - 1]))
                return 0;
    }
    return cu_model_rows_met(m, y, 1e-12);
}

static int solve_checked(cu_model *m, int method, const cu_solve_ctl *ctl, const cu_warm *win,
                         cu_warm *wout, double *y, double pi[CU_NP][CU_NL], curtail_error *err)
{
    int rc;
    fix_unmet(m);
    if (method == CURTAIL_METHOD_AUTO) {
        rc = cu_model_solve_dec(m, ctl, win, wout, y, pi, err);
        /* a passed deadline ends here; another solver error falls back to
         * the plain LP below (rc stays ESOLVER: y and pi hold no answer) */
        if (rc == CURTAIL_ESOLVER) {
            int xrc = cu_ctl_expired(ctl, err);
            if (xrc != 0)
                return xrc;
        }
        if (rc == CURTAIL_OK) {
            refine(m, y, pi);
            polish(m, y);
            if (solution_holds(m, y))
                return CURTAIL_OK;
        }
        if (rc != CURTAIL_OK && rc != CURTAIL_ESOLVER)
            return rc;
    }
    if ((rc = solve_plain(m, ctl, y, pi, err)) != 0)
        return rc;
    refine(m, y, pi);
    polish(m, y);
    if (!solution_holds(m, y))
        return cu_error(err, CURTAIL_ESOLVER, NULL, (cu_pos){0, 0}, NULL,
                        "the solver's answer fails the check against the unscaled model "
                        "(numerically unstable input?)");
    return CURTAIL_OK;
}

/* Whole-line steps (mip.c): the MIP from the LP optimum, then the LP again
 * with the stepped loads fixed (the continuous groups and the prices). That
 * last LP runs without the deadline: a MIP the limit stopped still returns
 * its best integer plan. */
static int solve_steps(cu_model *m, int method, const cu_solve_ctl *ctl, double *y,
                       double pi[CU_NP][CU_NL], curtail_result *res, curtail_error *err)
{
    cu_solve_ctl last = *ctl;
    int rc;
    if ((rc = cu_mip_plan(m, ctl, y, &res->mip, err)) != 0)
        return rc;
    last.deadline = 0;
    return solve_checked(m, method, &last, NULL, NULL, y, pi, err);
}

static void mip_gap(curtail_mip_info *mi, double obj)
{
    if (mi->status == 1 || mi->bound > obj)
        mi->bound = obj;
    mi->gap = (obj - mi->bound) / fmax(fabs(obj), 1e-9);
}

int curtail_plan_solve(const curtail_scenario *s, const curtail_plan_options *opts,
                       curtail_result **out, curtail_error *err)
{
    return cu_plan_solve_warm(s, opts, NULL, NULL, out, err);
}

int cu_plan_solve_warm(const curtail_scenario *s, const curtail_plan_options *opts,
                       const cu_warm *win, cu_warm *wout, curtail_result **out,
                       curtail_error *err)
{
    cu_model m;
    cu_solve_ctl ctl;
    curtail_result *res = NULL;
    double *y = NULL, pi[CU_NP][CU_NL];
    int rc, method = CURTAIL_METHOD_AUTO;
    if (!out)
        return cu_einval(err, "curtail_plan_solve: out is NULL");
    *out = NULL;
    if (!s)
        return cu_einval(err, "curtail_plan_solve: scenario is NULL");
    if ((rc = cu_plan_ctl(opts, &method, &ctl, "curtail_plan_solve", err)) != 0)
        return rc;
    if ((rc = cu_model_build(s, &m, err)) != 0)
        return rc;
    y = cu_calloc(s->mem, m.g->ngroups * CU_NL + 1, sizeof(double));
    res = cu_result_new(s, m.g); /* holds the groups: a reference of its own */
    if (!y || !res) {
        rc = cu_enomem(err);
        goto done;
    }
    if ((rc = solve_checked(&m, method, &ctl, win, wout, y, pi, err)) != 0)
        goto done;
    if (cu_mip_stepped_groups(&m) > 0 && (rc = solve_steps(&m, method, &ctl, y, pi, res, err)))
        goto done;
    fill_result(res, &m, y, pi);
    if (res->mip.status)
        mip_gap(&res->mip, res->objective);
    rc = cu_result_store_facts(res, err);
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

int cu_plan_ctl(const curtail_plan_options *opts, int *method, cu_solve_ctl *ctl,
                const char *fn, curtail_error *err)
{
    memset(ctl, 0, sizeof *ctl);
    *method = CURTAIL_METHOD_AUTO;
    if (!opts)
        return CURTAIL_OK;
    if (cu_check_version(opts->version, CURTAIL_PLAN_OPTIONS_VERSION, fn, err) != CURTAIL_OK)
        return CURTAIL_EINVAL;
    *method = (int)opts->method;
    if (*method != CURTAIL_METHOD_AUTO && *method != CURTAIL_METHOD_PLAIN)
        return cu_einval(err, "%s: unknown method", fn);
    if (opts->version < 2)
        return CURTAIL_OK;
    if (!(opts->time_limit_s >= 0) || !isfinite(opts->time_limit_s))
        return cu_einval(err, "%s: time_limit_s must be finite and >= 0", fn);
    if (opts->time_limit_s > 0) {
        ctl->limit_s = opts->time_limit_s;
        ctl->deadline = cu_clock_s() + opts->time_limit_s;
    }
    ctl->cancel = opts->cancel;
    ctl->cancel_ctx = opts->cancel_ctx;
    if ((int)opts->solver < CURTAIL_SOLVER_DEFAULT || (int)opts->solver > CURTAIL_SOLVER_CLP)
        return cu_einval(err, "%s: unknown solver", fn);
    if (!curtail_solver_available(opts->solver))
        return cu_einval(err, "%s: this build of curtail has no Clp solver", fn);
    ctl->engine = (int)opts->solver;
    return CURTAIL_OK;
}
