/* SPDX-License-Identifier: GPL-3.0-or-later */
/* decomp.c — the plan LP solved through its structure (SPEC §5).
 *
 * After phase 1 (plan.c), the LP is: minimise Σ_g c_g (y_gY + y_gO + y_gR)
 * over cuts y in each group's chain polytope
 *     P_g = { ymin_L <= y_L <= ymax_L,  y_Y <= y_O <= y_R }
 * (bounds nesting-tightened, so ymin and ymax rise towards red), subject to at
 * most twelve coupling rows Σ_g E_gp y_gL >= rhs_pL. For multipliers λ >= 0
 * the problem falls apart into one three-variable problem per group, solved in
 * closed form over the few vertices of P_g (cu_chain_min).
 *
 * 1. Lagrangian dual by Kelley's cutting planes (decomp_dual.c: a
 *    Dantzig-Wolfe master over whole-plan proposals, 13 rows): each round
 *    prices every group at the master's duals and adds the aggregate
 *    proposal. The dual value is a certified lower bound, the master a
 *    feasible plan; they meet at the optimum.
 * 2. A restricted LP in GLPK over the groups the master left undecided (its
 *    active proposals disagree on them, or they are indifferent at the duals);
 *    every other group is fixed at its vertex, which the master's solution
 *    shows to be feasible. Each round prices the fixed groups at the new duals
 *    and moves those whose vertex is no longer optimal into the LP, which is
 *    re-optimised from its previous basis (the entering group starts at its
 *    vertex, a hinted basic solution). The objective never rises, the LP only
 *    grows, so it ends; when no group prices out, the duals certify the whole
 *    plan optimal (Lagrangian optimality), the same optimum as the plain LP.
 *
 * Nesting rows exist only for groups in the LP whose ranges overlap. */
#include "decomp_dual.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- 2. the restricted LP ----------------------------------------------------------- */

typedef struct rlp {
    cu_lp lp;
    cu_lps *S;
    cu_lp_solution sol;
    signed char *chint, *rhint;
    size_t hcap_c, hcap_r;
} rlp;

static int nest_binds(const double *lo, const double *hi, int a)
{
    /* the order y_a <= y_(a+1) can bind only where both move and ranges overlap */
    return hi[a] > lo[a] && hi[a + 1] > lo[a + 1] && hi[a] > lo[a + 1];
}

static int ensure_hints(rlp *R, const curtail_mem *mem)
{
    void *p;
    if (R->lp.ncols > R->hcap_c) {
        size_t c = R->lp.ncols * 2 + 64;
        if (!(p = cu_realloc(mem, R->chint, c)))
            return -1;
        R->chint = p;
        R->hcap_c = c;
    }
    if (R->lp.nrows > R->hcap_r) {
        size_t c = R->lp.nrows * 2 + 64;
        if (!(p = cu_realloc(mem, R->rhint, c)))
            return -1;
        R->rhint = p;
        R->hcap_r = c;
    }
    return 0;
}

/* Move group g into the LP: its fixed contribution leaves the right-hand
 * sides, its columns and (overlapping) nesting rows join, hinted so that the
 * basis keeps the point where it stood. */
static int enter_group(dec *D, rlp *R, size_t g)
{
    const cu_model *m = D->m;
    const double *lo = &m->ymin[g * CU_NL], *hi = &m->ymax[g * CU_NL], *v = &D->v[g * CU_NL];
    double c = m->g->w[g] * m->g->V[g];
    size_t rows[MAX_ROWS + 2], nrow[2] = {(size_t)-1, (size_t)-1};
    double vals[MAX_ROWS + 2];
    int r, L, a;
    for (r = 0; r < D->nrows; r++)
        R->lp.rhs[r] += cu_coupling_coef(&D->row[r], &m->g->E[g * CU_NP]) * v[D->row[r].L];
    for (a = 0; a < 2; a++)
        if (nest_binds(lo, hi, a)) {
            /* y_(a+1) − y_a >= 0 */
            if ((nrow[a] = cu_lp_add_row(&R->lp, NULL, CU_ROW_GE, 0.0)) == (size_t)-1)
                return -1;
        }
    D->col0[g] = R->lp.ncols;
    for (L = 0; L < CU_NL; L++) {
        size_t k = 0;
        for (r = 0; r < D->nrows; r++) {
            double e = cu_coupling_coef(&D->row[r], &m->g->E[g * CU_NP]);
            if (D->row[r].L == L && e != 0) {
                rows[k] = (size_t)r;
                vals[k++] = e;
            }
        }
        if (L > 0 && nrow[L - 1] != (size_t)-1) {
            rows[k] = nrow[L - 1];
            vals[k++] = 1.0;
        }
        if (L < CU_NL - 1 && nrow[L] != (size_t)-1) {
            rows[k] = nrow[L];
            vals[k++] = -1.0;
        }
        if (cu_lp_add_col(&R->lp, NULL, c, lo[L], hi[L], k, rows, vals) == (size_t)-1)
            return -1;
    }
    if (ensure_hints(R, m->mem))
        return -1;
    /* basis hints: a cut at one of its own bounds is non-basic there; one held
     * inside its range by a tight order is basic, its order row non-basic */
    for (a = 0; a < 2; a++)
        if (nrow[a] != (size_t)-1)
            R->rhint[nrow[a]] = CU_BS_BASIC;
    for (L = 0; L < CU_NL; L++) {
        size_t j = D->col0[g] + (size_t)L;
        if (lo[L] == hi[L])
            R->chint[j] = CU_BS_FIXED;
        else if (v[L] == lo[L])
            R->chint[j] = CU_BS_LOWER;
        else if (v[L] == hi[L])
            R->chint[j] = CU_BS_UPPER;
        else {
            int below = 0, k;
            for (k = L - 1; k >= 0 && v[k] == v[L]; k--)
                if (v[k] == lo[k] || v[k] == hi[k])
                    below = 1;
            R->chint[j] = CU_BS_BASIC;
            a = below ? L - 1 : L;
            if (a >= 0 && a < 2 && nrow[a] != (size_t)-1)
                R->rhint[nrow[a]] = CU_BS_LOWER;
        }
    }
    D->in[g] = 2;
    return 0;
}

static void rlp_free(rlp *R, const curtail_mem *mem)
{
    cu_lps_close(R->S);
    cu_lp_solution_free(mem, &R->sol);
    cu_lp_free(&R->lp);
    cu_free(mem, R->chint);
    cu_free(mem, R->rhint);
}

typedef struct viol {
    double key;
    size_t g;
} viol;

static int cmp_viol(const void *a, const void *b)
{
    const viol *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->g < y->g ? -1 : x->g > y->g;
}

/* Fixed groups whose vertex is no longer optimal at D->lam, most violated first. */
static size_t find_violations(dec *D, viol *out)
{
    lmult M;
    size_t k, nv = 0;
    int L;
    cu_dec_level_multipliers(D, D->lam, &M);
    for (k = 0; k < D->nmv; k++) {
        const pgroup *q = &D->pg[k];
        const double *fixed = &D->v[q->g * CU_NL];
        double d[CU_NL], v[CU_NL], sc = 0.0, f, fv;
        if (D->in[q->g])
            continue;
        cu_dec_packed_vertex(q, &M, d, v);
        f = vertex_cost(d, v);
        fv = vertex_cost(d, fixed);
        if (!(fv > f))
            continue;
        for (L = 0; L < CU_NL; L++)
            sc += (fabs(q->c) + fabs(q->c - d[L])) * (q->hi[L] - q->lo[L]);
        /* significant only beyond the solver's tolerance, relative to the terms */
        if (fv - f > 1e-9 * (sc > 0 ? sc : 1.0)) {
            out[nv].key = (f - fv) / (sc > 0 ? sc : 1.0);
            out[nv++].g = q->g;
        }
    }
    qsort(out, nv, sizeof *out, cmp_viol);
    return nv;
}

static int solve_restricted(dec *D, curtail_error *err)
{
    const curtail_mem *mem = D->m->mem;
    rlp R;
    viol *vl = NULL;
    size_t g, nin = 0;
    int r, L, rc;

    memset(&R, 0, sizeof R);
    cu_lp_init(&R.lp, mem);
    for (r = 0; r < D->nrows; r++)
        if (cu_lp_add_row(&R.lp, NULL, CU_ROW_GE,
                          D->row[r].rhs - cu_coupling_reach(D->m, &D->row[r], D->v)) == (size_t)-1)
            goto nomem;
    for (g = 0; g < D->n; g++)
        if (D->in[g] == 1) {
            if (enter_group(D, &R, g))
                goto nomem;
            nin++;
        }
    if (!(vl = cu_calloc(mem, D->n + 1, sizeof *vl)))
        goto nomem;
    if ((rc = cu_lps_open(&R.S, mem, D->ctl, err)) != 0)
        goto done;
    for (;;) {
        size_t nv, k, take;
        cu_lp_solution_free(mem, &R.sol);
        if (cu_lp_solution_alloc(mem, &R.lp, &R.sol))
            goto nomem;
        if ((rc = cu_lps_solve(R.S, &R.lp, R.chint, R.rhint, D->ctl, &R.sol, err)) != 0)
            goto done;
        if (R.sol.status != 0) {
            rc = cu_error(err, CURTAIL_ESOLVER, NULL, (cu_pos){0, 0}, NULL,
                          "the plan LP is infeasible although phase 1 said otherwise");
            goto done;
        }
        for (r = 0; r < D->nrows; r++)
            D->lam[r] = R.sol.dual[r] > 0 ? R.sol.dual[r] : 0.0;
        /* the LP's values are the groups' cuts now */
        for (g = 0; g < D->n; g++) {
            if (D->in[g] != 2)
                continue;
            for (L = 0; L < CU_NL; L++) {
                const double lo = D->m->ymin[g * CU_NL + L], hi = D->m->ymax[g * CU_NL + L];
                double x = R.sol.x[D->col0[g] + (size_t)L];
                D->v[g * CU_NL + L] = x < lo ? lo : x > hi ? hi : x;
            }
        }
        nv = find_violations(D, vl);
        if (nv == 0)
            break;
        if ((rc = cu_ctl_expired(D->ctl, err)) != 0)
            goto done;
        take = nin > 1000 ? nin : 1000;
        if (take > nv)
            take = nv;
        for (k = 0; k < take; k++)
            if (enter_group(D, &R, vl[k].g))
                goto nomem;
        nin += take;
    }
    rc = CURTAIL_OK;
    goto done;
nomem:
    rc = cu_enomem(err);
done:
    cu_free(mem, vl);
    rlp_free(&R, mem);
    return rc;
}

/* ---- the whole ----------------------------------------------------------------------- */

int cu_model_solve_dec(cu_model *m, const cu_solve_ctl *ctl, const cu_warm *in, cu_warm *out,
                       double *y, double pi[CU_NP][CU_NL], curtail_error *err)
{
    dec D;
    size_t g, k, n = m->g->ngroups;
    int p, L, r, rc = CURTAIL_OK;

    memset(&D, 0, sizeof D);
    D.m = m;
    D.ctl = ctl;
    D.n = n;
    D.warm_in = in && in->n > 0 ? in : NULL;
    D.warm_out = out;
    if (out)
        memset(out, 0, sizeof *out);
    D.nrows = cu_model_coupling(m, D.row);
    for (L = 0; L < CU_NL; L++)
        for (p = 0; p < CU_NP; p++)
            pi[p][L] = 0.0;
    for (r = 0; r < m->ncrow; r++)
        m->crow[r].pi = 0.0;
    memcpy(y, m->ymin, sizeof(double) * n * CU_NL);
    /* rows the least cuts already meet hold for every cut: they drop out */
    {
        int kept = 0;
        for (r = 0; r < D.nrows; r++) {
            double have = cu_coupling_reach(m, &D.row[r], m->ymin);
            if (!(have < D.row[r].rhs))
                continue;
            D.row[kept] = D.row[r];
            D.need[kept++] = D.row[r].rhs - have;
        }
        D.nrows = kept;
        if (kept == 0)
            return CURTAIL_OK;
    }
    D.movable = cu_calloc(m->mem, n + 1, 1);
    D.in = cu_calloc(m->mem, n + 1, 1);
    D.v = cu_calloc(m->mem, n * CU_NL + 1, sizeof(double));
    D.col0 = cu_calloc(m->mem, n + 1, sizeof(size_t));
    if (!D.movable || !D.in || !D.v || !D.col0) {
        rc = cu_enomem(err);
        goto done;
    }
    for (g = 0; g < n; g++)
        for (L = 0; L < CU_NL; L++)
            if (m->ymax[g * CU_NL + L] > m->ymin[g * CU_NL + L])
                D.movable[g] = 1;
    for (g = 0; g < n; g++)
        D.nmv += D.movable[g];
    if (!(D.pg = cu_calloc(m->mem, D.nmv + 1, sizeof *D.pg))) {
        rc = cu_enomem(err);
        goto done;
    }
    for (g = 0, k = 0; g < n; g++) {
        pgroup *q = &D.pg[k];
        if (!D.movable[g])
            continue;
        q->g = g;
        q->c = m->g->w[g] * m->g->V[g];
        memcpy(q->lo, &m->ymin[g * CU_NL], sizeof q->lo);
        memcpy(q->hi, &m->ymax[g * CU_NL], sizeof q->hi);
        memcpy(q->e, &m->g->E[g * CU_NP], sizeof q->e);
        k++;
    }
    if ((rc = cu_dec_lagrangian_start(&D, err)) != 0)
        goto done;
    if ((rc = solve_restricted(&D, err)) != 0)
        goto done;
    memcpy(y, D.v, sizeof(double) * n * CU_NL);
    for (r = 0; r < D.nrows; r++) {
        if (D.row[r].p >= 0)
            pi[D.row[r].p][D.row[r].L] = D.lam[r];
        else
            m->crow[D.row[r].crow].pi = D.lam[r];
    }
    if (out) {
        /* the prices each pollutant sees: a combined row's folded in */
        lmult M;
        cu_dec_level_multipliers(&D, D.lam, &M);
        memcpy(out->lam[0], M.m, sizeof out->lam[0]);
        if (out->n < 1)
            out->n = 1;
    }
done:
    cu_free(m->mem, D.movable);
    cu_free(m->mem, D.pg);
    cu_free(m->mem, D.in);
    cu_free(m->mem, D.v);
    cu_free(m->mem, D.col0);
    return rc;
}
