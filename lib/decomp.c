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
 * 1. Lagrangian dual by Kelley's cutting planes (a Dantzig-Wolfe master over
 *    whole-plan proposals, 13 rows): each round prices every group at the
 *    master's duals and adds the aggregate proposal. The dual value is a
 *    certified lower bound, the master a feasible plan; they meet at the
 *    optimum.
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
#include "plan_model.h"

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
#define MAX_ROWS (CU_NP * CU_NL)

/* A movable group packed for pricing: cost per unit cut, cut bounds per
 * level, emission rate per pollutant. */
typedef struct pgroup {
    size_t g; /* index among all groups */
    double c;
    double lo[CU_NL], hi[CU_NL];
    double e[CU_NP];
} pgroup;

/* Multipliers per level and pollutant (0 where no row). */
typedef struct lmult {
    double m[CU_NL][CU_NP];
} lmult;

typedef struct dec {
    cu_model *m;
    const cu_solve_ctl *ctl;
    size_t n;
    int nrows;
    int rp[MAX_ROWS], rl[MAX_ROWS]; /* pollutant and level of each row */
    double rhs[MAX_ROWS];
    double need[MAX_ROWS]; /* rhs beyond what the least cuts give (> 0) */
    double lam[MAX_ROWS];
    unsigned char *movable;
    pgroup *pg;          /* the movable groups, packed */
    size_t nmv;
    unsigned char *in;   /* in the restricted LP */
    double *v;           /* per group and level: the fixed vertex (or LP value) */
    size_t *col0;        /* per group in the LP: its first column (3 consecutive) */
    const cu_warm *warm_in;
    cu_warm *warm_out;
} dec;

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

static double vertex_cost(const double d[CU_NL], const double *v)
{
    return d[0] * v[0] + d[1] * v[1] + d[2] * v[2];
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
static int packed_vertex(const pgroup *q, const lmult *M, double d[CU_NL], double v[CU_NL])
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

static void level_multipliers(const dec *D, const double *lam, lmult *M)
{
    int r;
    memset(M, 0, sizeof *M);
    for (r = 0; r < D->nrows; r++)
        M->m[D->rl[r]][D->rp[r]] = lam[r];
}

/* Price every movable group at lam: aggregate reduction per row, cost, and
 * Σ_g min f_g (for the dual bound). */
static void price_all(const dec *D, const double *lam, double *red, double *cost, double *fsum)
{
    double acc[CU_NL][CU_NP], C = 0.0, F = 0.0;
    lmult M;
    size_t k;
    int r, L, p;
    level_multipliers(D, lam, &M);
    memset(acc, 0, sizeof acc);
    for (k = 0; k < D->nmv; k++) {
        const pgroup *q = &D->pg[k];
        double d[CU_NL], v[CU_NL], dy[CU_NL];
        if (!packed_vertex(q, &M, d, v))
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
        red[r] = acc[D->rl[r]][D->rp[r]];
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
        packed_vertex(q, M, d, v);
}

/* Run Kelley's method; leave in D->v a feasible plan (the master's
 * combination), in D->in the groups it leaves undecided, in D->lam its duals. */
static int lagrangian_start(dec *D, curtail_error *err)
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
            for (r = 0; r < D->nrows; r++)
                redmax[r] += q->e[D->rp[r]] * (q->hi[D->rl[r]] - q->lo[D->rl[r]]);
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
            lw[r] = D->warm_in->lam[j][D->rl[r]][D->rp[r]];
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
            level_multipliers(D, &K.lams[act[a] * MAX_ROWS], &amu[a]);
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
        R->lp.rhs[r] += m->g->E[g * CU_NP + D->rp[r]] * v[D->rl[r]];
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
            double e = m->g->E[g * CU_NP + D->rp[r]];
            if (D->rl[r] == L && e != 0) {
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
    level_multipliers(D, D->lam, &M);
    for (k = 0; k < D->nmv; k++) {
        const pgroup *q = &D->pg[k];
        const double *fixed = &D->v[q->g * CU_NL];
        double d[CU_NL], v[CU_NL], sc = 0.0, f, fv;
        if (D->in[q->g])
            continue;
        packed_vertex(q, &M, d, v);
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
    for (r = 0; r < D->nrows; r++) {
        double have = 0.0;
        for (g = 0; g < D->n; g++)
            have += D->m->g->E[g * CU_NP + D->rp[r]] * D->v[g * CU_NL + D->rl[r]];
        if (cu_lp_add_row(&R.lp, NULL, CU_ROW_GE, D->rhs[r] - have) == (size_t)-1)
            goto nomem;
    }
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
    for (L = 0; L < CU_NL; L++)
        for (p = 0; p < CU_NP; p++) {
            if (!(m->Q[p][L] > 0) || m->unmet[p][L])
                continue;
            D.rp[D.nrows] = p;
            D.rl[D.nrows] = L;
            D.rhs[D.nrows] = m->rhs[p][L];
            D.nrows++;
        }
    for (L = 0; L < CU_NL; L++)
        for (p = 0; p < CU_NP; p++)
            pi[p][L] = 0.0;
    memcpy(y, m->ymin, sizeof(double) * n * CU_NL);
    /* rows the least cuts already meet hold for every cut: they drop out */
    {
        int kept = 0;
        for (r = 0; r < D.nrows; r++) {
            double have = 0.0;
            for (g = 0; g < n; g++)
                have += m->g->E[g * CU_NP + D.rp[r]] * m->ymin[g * CU_NL + D.rl[r]];
            if (!(have < D.rhs[r]))
                continue;
            D.rp[kept] = D.rp[r];
            D.rl[kept] = D.rl[r];
            D.rhs[kept] = D.rhs[r];
            D.need[kept++] = D.rhs[r] - have;
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
    if ((rc = lagrangian_start(&D, err)) != 0)
        goto done;
    if ((rc = solve_restricted(&D, err)) != 0)
        goto done;
    memcpy(y, D.v, sizeof(double) * n * CU_NL);
    for (r = 0; r < D.nrows; r++)
        pi[D.rp[r]][D.rl[r]] = D.lam[r];
    if (out) {
        memset(out->lam[0], 0, sizeof out->lam[0]);
        for (r = 0; r < D.nrows; r++)
            out->lam[0][D.rl[r]][D.rp[r]] = D.lam[r];
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
