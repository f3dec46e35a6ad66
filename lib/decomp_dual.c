/* SPDX-License-Identifier: GPL-3.0-or-later */
/* decomp_dual.c — the first half of decomp.c's solve (SPEC §5): one group's
 * subproblem in closed form (cu_chain_min) and its pricing at multipliers,
 * and the Lagrangian dual by Kelley's cutting planes — a Dantzig-Wolfe master
 * over whole-plan proposals (13 rows), each round pricing every group at the
 * master's duals, started warm from a previous solve's multipliers. It leaves
 * the multipliers and the groups' vertices in the `dec` for decomp.c's
 * restricted LP. */
#include "decomp_dual.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


/* The cutting planes only have to leave few groups undecided; the
 * restricted LP closes the rest exactly. They stop at a relative gap of
 * 1e-5 (measured: fewer rounds, and a restricted LP still of hundreds of
 * groups at province size), after 100 rounds, or when the bound has not
 * risen for 20. Prices are smoothed towards the best bound's multipliers
 * with weight 0.7 (measured: the fewest rounds of 0.3 ... 0.85). */
#define KELLEY_MAX_ROUNDS 100
#define KELLEY_GAP 1e-5
#define KELLEY_STALL 20
#define KELLEY_ALPHA 0.7

/* ---- one group's subproblem -------------------------------------------------------- */

/* min d·y over the chain polytope: the optimal y2 given y1 and y3 given y2
 * sit at an end of their range or at a breakpoint, so the candidates are few.
 * Ties go to the first candidate, the least cut. Returns the minimum. */
double cu_chain_min(const double *lo, const double *hi, const double d[CU_NL], double v[CU_NL])
{
    double c1[4], best = INFINITY;
    int n1 = 0, i, j;
    c1[n1++] = lo[0];
    if (lo[1] > lo[0] && lo[1] < hi[0])
        c1[n1++] = lo[1];
    if (lo[2] > lo[0] && lo[2] < hi[0] && lo[2] != lo[1])
        c1[n1++] = lo[2];
    if (hi[0] > lo[0])
        c1[n1++] = hi[0];
    for (i = 0; i < n1; i++) {
        double y1 = c1[i], low2 = lo[1] > y1 ? lo[1] : y1, c2[3];
        int n2 = 0;
        c2[n2++] = low2;
        if (lo[2] > low2 && lo[2] < hi[1])
            c2[n2++] = lo[2];
        if (hi[1] > low2)
            c2[n2++] = hi[1];
        for (j = 0; j < n2; j++) {
            double y2 = c2[j], y3 = d[2] < 0 ? hi[2] : (lo[2] > y2 ? lo[2] : y2);
            double f = d[0] * y1 + d[1] * y2 + d[2] * y3;
            if (f < best) {
                best = f;
                v[0] = y1;
                v[1] = y2;
                v[2] = y3;
            }
        }
    }
    return best;
}

/* ---- 1. the Lagrangian dual by cutting planes -------------------------------------- */

typedef struct kelley {
    cu_lp lp; /* rows: targets / rhs, then Σ μ = 1; columns: proposals */
    cu_lps *S;
    cu_lp_solution sol;
    double cscale;
    double *lams; /* per proposal: the multipliers that made it */
    size_t cap;
} kelley;

/* A packed group's reduced costs at level multipliers mu, and the vertex
 * that minimises them. Most groups sit at a corner of their polytope (every
 * reduced cost of one sign), which needs no enumeration. Returns 0 when the
 * vertex is the least cut. */
int cu_dec_packed_vertex(const pgroup *q, const lmult *M, double d[CU_NL], double v[CU_NL])
{
    int L;
    for (L = 0; L < CU_NL; L++)
        d[L] = q->c - (M->m[L][0] * q->e[0] + M->m[L][1] * q->e[1] + M->m[L][2] * q->e[2] +
                       M->m[L][3] * q->e[3]);
    if (d[0] >= 0 && d[1] >= 0 && d[2] >= 0) {
        memcpy(v, q->lo, sizeof(double) * CU_NL);
        return 0;
    }
    if (d[0] < 0 && d[1] < 0 && d[2] < 0)
        memcpy(v, q->hi, sizeof(double) * CU_NL);
    else
        cu_chain_min(q->lo, q->hi, d, v);
    return 1;
}

void cu_dec_level_multipliers(const dec *D, const double *lam, lmult *M)
{
    int r;
    memset(M, 0, sizeof *M);
    /* a target row prices its pollutant; a combined row (after them) adds
     * lam·a[p] to each of its pollutants' prices */
    for (r = 0; r < D->nrows; r++) {
        const cu_coupling *R = &D->row[r];
        int p;
        if (R->p >= 0) {
            M->m[R->L][R->p] += lam[r];
            continue;
        }
        for (p = 0; p < CU_NP; p++)
            if (R->a[p] != 0)
                M->m[R->L][p] += lam[r] * R->a[p];
    }
}

/* Price every movable group at lam: aggregate reduction per row, cost, and
 * Σ_g min f_g (for the dual bound). */
static void price_all(const dec *D, const double *lam, double *red, double *cost, double *fsum)
{
    double acc[CU_NL][CU_NP], C = 0.0, F = 0.0;
    lmult M;
    size_t k;
    int r, L, p;
    cu_dec_level_multipliers(D, lam, &M);
    memset(acc, 0, sizeof acc);
    for (k = 0; k < D->nmv; k++) {
        const pgroup *q = &D->pg[k];
        double d[CU_NL], v[CU_NL], dy[CU_NL];
        if (!cu_dec_packed_vertex(q, &M, d, v))
            continue; /* the least cut: nothing beyond it */
        for (L = 0; L < CU_NL; L++)
            dy[L] = v[L] - q->lo[L];
        F += d[0] * dy[0] + d[1] * dy[1] + d[2] * dy[2];
        C += q->c * (dy[0] + dy[1] + dy[2]);
        for (L = 0; L < CU_NL; L++)
            if (dy[L] != 0)
                for (p = 0; p < CU_NP; p++)
                    acc[L][p] += q->e[p] * dy[L];
    }
    for (r = 0; r < D->nrows; r++)
        red[r] = cu_coupling_coef(&D->row[r], acc[D->row[r].L]);
    *cost = C;
    *fsum = F;
}

static int kelley_add(kelley *K, const dec *D, const double *lam, const double *red, double cost,
                      curtail_error *err)
{
    size_t rows[MAX_ROWS + 1];
    double vals[MAX_ROWS + 1];
    int r, k = 0;
    size_t j;
    void *p;
    for (r = 0; r < D->nrows; r++)
        if (red[r] != 0) {
            rows[k] = (size_t)r;
            vals[k++] = red[r] / D->need[r];
        }
    rows[k] = (size_t)D->nrows;
    vals[k++] = 1.0;
    if ((j = cu_lp_add_col(&K->lp, NULL, cost / K->cscale, 0.0, INFINITY, (size_t)k, rows,
                           vals)) == (size_t)-1)
        return cu_enomem(err);
    if (K->lp.ncols > K->cap) {
        size_t cap = K->cap ? 2 * K->cap : 16;
        if (!(p = cu_reallocarray(D->m->mem, K->lams, cap * MAX_ROWS, sizeof(double))))
            return cu_enomem(err);
        K->lams = p;
        K->cap = cap;
    }
    for (r = 0; r < MAX_ROWS; r++)
        K->lams[j * MAX_ROWS + r] = r < D->nrows && lam ? lam[r] : 0.0;
    return CURTAIL_OK;
}

static void kelley_free(kelley *K, const curtail_mem *mem)
{
    cu_lps_close(K->S);
    cu_lp_solution_free(mem, &K->sol);
    cu_lp_free(&K->lp);
    cu_free(mem, K->lams);
}

/* The vertex of a movable group in proposal j: its least or deepest cut for
 * the two starting proposals, else its best vertex at that proposal's
 * multipliers, computed exactly as price_all did. */
static void proposal_vertex(const lmult *M, size_t j, const pgroup *q, double v[CU_NL])
{
    double d[CU_NL];
    if (j == 0)
        memcpy(v, q->lo, sizeof(double) * CU_NL);
    else if (j == 1)
        memcpy(v, q->hi, sizeof(double) * CU_NL);
    else
        cu_dec_packed_vertex(q, M, d, v);
}

/* Run Kelley's method; leave in D->v a feasible plan (the master's
 * combination), in D->in the groups it leaves undecided, in D->lam its duals. */
int cu_dec_lagrangian_start(dec *D, curtail_error *err)
{
    const curtail_mem *mem = D->m->mem;
    kelley K;
    double red[MAX_ROWS], cost, fsum, lb = -INFINITY, ub = INFINITY, centre[MAX_ROWS];
    size_t j, k, act[MAX_ROWS + 2];
    lmult amu[MAX_ROWS + 2];
    int a, r, round, rc, nact = 0, lb_round = 0;

    memset(&K, 0, sizeof K);
    cu_lp_init(&K.lp, mem);
    for (r = 0; r < D->nrows; r++)
        if (cu_lp_add_row(&K.lp, NULL, CU_ROW_GE, 1.0) == (size_t)-1)
            goto nomem;
    if (cu_lp_add_row(&K.lp, NULL, CU_ROW_EQ, 1.0) == (size_t)-1)
        goto nomem;
    /* proposal 0: every group at its least cut; 1: at its deepest (feasible) */
    for (r = 0; r < D->nrows; r++)
        red[r] = 0.0;
    {
        double redmax[MAX_ROWS], cmax = 0.0;
        for (r = 0; r < D->nrows; r++)
            redmax[r] = 0.0;
        for (k = 0; k < D->nmv; k++) {
            const pgroup *q = &D->pg[k];
            cmax += q->c * (q->hi[0] - q->lo[0] + q->hi[1] - q->lo[1] + q->hi[2] - q->lo[2]);
            for (r = 0; r < D->nrows; r++) {
                int L = D->row[r].L;
                redmax[r] += cu_coupling_coef(&D->row[r], q->e) * (q->hi[L] - q->lo[L]);
            }
        }
        K.cscale = cmax > 0 ? cmax : 1.0;
        if ((rc = kelley_add(&K, D, NULL, red, 0.0, err)) != 0 ||
            (rc = kelley_add(&K, D, NULL, redmax, cmax, err)) != 0)
            goto done;
    }
    if ((rc = cu_lps_open(&K.S, mem, D->ctl, err)) != 0)
        goto done;
    cu_lps_set_exact(K.S, 0); /* the master only steers: its answer is not reported */
    /* Wentges smoothing: price at a point between the best bound's
     * multipliers (the centre) and the master's, which damps the cutting
     * planes' zigzag; a point whose plan does not cut the master off is
     * replaced by the master's own multipliers. */
    for (r = 0; r < D->nrows; r++)
        centre[r] = 0.0;
    lb = 0.0; /* the least cuts: L(0) */
    /* a warm start: the prices of a similar solve, priced afresh on this
     * scenario, are proposals from the first round. They are not the centre:
     * prices from another scenario pull the smoothing astray (measured: more
     * rounds, not fewer) */
    for (j = 0; D->warm_in && j < (size_t)D->warm_in->n; j++) {
        double lw[MAX_ROWS];
        for (r = 0; r < D->nrows; r++)
            lw[r] = D->row[r].p >= 0 ? D->warm_in->lam[j][D->row[r].L][D->row[r].p] : 0.0;
        price_all(D, lw, red, &cost, &fsum);
        if ((rc = kelley_add(&K, D, lw, red, cost, err)) != 0)
            goto done;
    }
    for (round = 0;; round++) {
        double lamsum = 0.0, sigma, lm[MAX_ROWS], ls[MAX_ROWS];
        int tries;
        cu_lp_solution_free(mem, &K.sol);
        if (cu_lp_solution_alloc(mem, &K.lp, &K.sol))
            goto nomem;
        if ((rc = cu_lps_solve(K.S, &K.lp, NULL, NULL, D->ctl, &K.sol, err)) != 0)
            goto done;
        if (K.sol.status != 0) {
            rc = cu_error(err, CURTAIL_ESOLVER, NULL, (cu_pos){0, 0}, NULL,
                          "the plan LP is infeasible although phase 1 said otherwise");
            goto done;
        }
        ub = K.sol.obj * K.cscale;
        sigma = K.sol.dual[D->nrows] * K.cscale;
        for (r = 0; r < D->nrows; r++) {
            double y = K.sol.dual[r] > 0 ? K.sol.dual[r] : 0.0;
            lm[r] = y * K.cscale / D->need[r];
            lamsum += lm[r];
        }
        memcpy(D->lam, lm, sizeof(double) * (size_t)D->nrows);
        if (round >= KELLEY_MAX_ROUNDS || !(lamsum > 0) || round - lb_round > KELLEY_STALL ||
            ub - lb <= KELLEY_GAP * (fabs(ub) > 1e-300 ? fabs(ub) : 1.0))
            break;
        if ((rc = cu_ctl_expired(D->ctl, err)) != 0)
            goto done;
        for (tries = 0; tries < 2; tries++) {
            double l, rcm;
            /* no smoothing from a warm start's centre: its prices come from
             * another scenario, and pulling towards them stalls the master */
            const double alpha = tries == 0 ? KELLEY_ALPHA : 0.0;
            for (r = 0; r < D->nrows; r++)
                ls[r] = alpha * centre[r] + (1 - alpha) * lm[r];
            price_all(D, ls, red, &cost, &fsum);
            l = fsum;
            for (r = 0; r < D->nrows; r++)
                l += ls[r] * D->need[r];
            if (l > lb) {
                if (l - lb > KELLEY_GAP * fabs(l))
                    lb_round = round;
                lb = l;
                memcpy(centre, ls, sizeof ls);
            }
            /* the plan's reduced cost in the master */
            rcm = cost - sigma;
            for (r = 0; r < D->nrows; r++)
                rcm -= lm[r] * red[r];
            if (rcm < -1e-12 * (fabs(cost) + fabs(sigma) + 1e-300) || alpha == 0.0)
                break;
        }
        if (ub - lb <= KELLEY_GAP * (fabs(ub) > 1e-300 ? fabs(ub) : 1.0))
            break;
        if ((rc = kelley_add(&K, D, ls, red, cost, err)) != 0)
            goto done;
    }
    /* the master's combination of its active proposals */
    {
        double tot = 0.0;
        for (j = 0; j < K.lp.ncols && nact < MAX_ROWS + 2; j++)
            if (K.sol.x[j] > 0) {
                act[nact++] = j;
                tot += K.sol.x[j];
            }
        for (a = 0; a < nact; a++)
            cu_dec_level_multipliers(D, &K.lams[act[a] * MAX_ROWS], &amu[a]);
        if (D->warm_out) {
            /* slot 0 is the optimum's, filled after the restricted LP */
            D->warm_out->n = 1;
            D->warm_out->rounds = round;
            for (a = 0; a < nact && D->warm_out->n < CU_WARM_MAX; a++)
                if (act[a] >= 2)
                    memcpy(D->warm_out->lam[D->warm_out->n++], amu[a].m, sizeof amu[a].m);
        }
        memcpy(D->v, D->m->ymin, sizeof(double) * D->n * CU_NL);
        for (k = 0; k < D->nmv; k++) {
            const pgroup *q = &D->pg[k];
            double v0[CU_NL], v[CU_NL], acc[CU_NL] = {0, 0, 0};
            int L, mixed = 0;
            proposal_vertex(&amu[0], act[0], q, v0);
            for (a = 0; a < nact; a++) {
                double mu = K.sol.x[act[a]] / tot;
                if (a == 0)
                    memcpy(v, v0, sizeof v);
                else
                    proposal_vertex(&amu[a], act[a], q, v);
                for (L = 0; L < CU_NL; L++) {
                    acc[L] += mu * v[L];
                    if (v[L] != v0[L])
                        mixed = 1;
                }
            }
            if (mixed) {
                D->in[q->g] = 1;
                for (L = 0; L < CU_NL; L++)
                    D->v[q->g * CU_NL + L] =
                        acc[L] < q->lo[L] ? q->lo[L] : acc[L] > q->hi[L] ? q->hi[L] : acc[L];
            } else {
                memcpy(&D->v[q->g * CU_NL], v0, sizeof v0);
            }
        }
    }
    rc = CURTAIL_OK;
    goto done;
nomem:
    rc = cu_enomem(err);
done:
    kelley_free(&K, mem);
    return rc;
}
