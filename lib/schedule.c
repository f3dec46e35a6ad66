/* schedule.c — the episode LP of SPEC §6, solved per block of identical hours.
 *
 * Hours get a level from the timeline; a segment is the hours of one calendar
 * day with one level. Inside a segment, hours differ only by the ozone
 * window, so a segment has at most two blocks (window hours, other hours); one
 * cut variable per group and block, weighted by the block's hours, is exact.
 * There are no nesting rows, so each column prices on its own: the same
 * sifting as the plan (a restricted LP, priced with the segment duals) and the
 * same closed-form phase 1 (the deepest cut everywhere meets what can be met). */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REL_MET 1e-9

static const cu_pos no_pos = {0, 0};

typedef struct sblock {
    int seg;    /* segment index */
    int window; /* ozone-window hours of a listed level */
    int hours;
} sblock;

typedef struct sched {
    const curtail_scenario *s;
    const curtail_mem *mem;
    cu_groups *g;
    int H;
    int *hour_level; /* -1 outside the timeline */
    int *hour_block; /* -1 outside the timeline */
    cu_segment *segs;
    int nsegs;
    sblock *blocks;
    int nblocks;
    double *ymin, *ymax; /* per group per block [g * nblocks + k] */
    double *q, *rmax, *rhs; /* per segment and pollutant [k * CU_NP + p] */
    int *unmet;
    int unmet_any;
    unsigned char *stoppable; /* per group: a member stops in the ozone window */
    int any_stoppable;
} sched;

static void sched_free(sched *S)
{
    const curtail_mem *m = S->mem;
    cu_free(m, S->hour_level);
    cu_free(m, S->hour_block);
    cu_free(m, S->segs);
    cu_free(m, S->blocks);
    cu_free(m, S->ymin);
    cu_free(m, S->ymax);
    cu_free(m, S->q);
    cu_free(m, S->rmax);
    cu_free(m, S->rhs);
    cu_free(m, S->unmet);
    cu_free(m, S->stoppable);
    cu_groups_free(S->g);
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/* Level of each hour: the entry covering the hour's start. */
static void hour_levels(const cu_episode *ep, int *lv)
{
    int t;
    size_t i;
    for (t = 0; t < ep->hours; t++) {
        int64_t at = ep->start + 60 * (int64_t)t;
        lv[t] = -1;
        for (i = 0; i < ep->nentries; i++)
            if (ep->entries[i].from <= at && at < ep->entries[i].to) {
                lv[t] = ep->entries[i].level;
                break;
            }
    }
}

int cu_episode_in_window(const cu_episode *ep, int64_t at, int level)
{
    int64_t mod = at - floor_div(at, 1440) * 1440;
    return ep->has_ozone && level >= 0 && (ep->ozone_levels & (1u << level)) &&
           mod >= ep->window_from && mod < ep->window_to;
}

/* Segments (day × level) in order of first hour, and blocks inside them. */
static int build_blocks(sched *S, int hourly, curtail_error *err)
{
    const cu_episode *ep = &S->s->episode;
    int t, k;
    int *seg_of = cu_calloc(S->mem, (size_t)S->H, sizeof(int));
    int *has_window;
    S->segs = cu_calloc(S->mem, (size_t)S->H, sizeof *S->segs);
    S->blocks = cu_calloc(S->mem, (size_t)S->H, sizeof *S->blocks);
    has_window = cu_calloc(S->mem, (size_t)S->H, sizeof(int));
    if (!seg_of || !S->segs || !S->blocks || !has_window) {
        cu_free(S->mem, seg_of);
        cu_free(S->mem, has_window);
        return cu_enomem(err);
    }
    S->nsegs = 0;
    for (t = 0; t < S->H; t++) {
        int64_t at = ep->start + 60 * (int64_t)t, day = floor_div(at, 1440);
        seg_of[t] = -1;
        if (S->hour_level[t] < 0)
            continue;
        for (k = 0; k < S->nsegs; k++)
            if (S->segs[k].day == day && S->segs[k].level == S->hour_level[t])
                break;
        if (k == S->nsegs) {
            S->segs[k].day = day;
            S->segs[k].level = S->hour_level[t];
            S->nsegs++;
        }
        S->segs[k].hours++;
        seg_of[t] = k;
        if (cu_episode_in_window(ep, at, S->hour_level[t]))
            has_window[k] = 1;
    }
    S->nblocks = 0;
    for (t = 0; t < S->H; t++) {
        int w, b;
        S->hour_block[t] = -1;
        if (seg_of[t] < 0)
            continue;
        w = cu_episode_in_window(ep, ep->start + 60 * (int64_t)t, S->hour_level[t]);
        /* window hours; other hours of a segment with a window (caps lifted);
         * plain hours. Without a group to stop, all hours of a segment are alike. */
        w = !S->any_stoppable ? 0 : w ? 1 : has_window[seg_of[t]] ? 2 : 0;
        for (b = 0; !hourly && b < S->nblocks; b++)
            if (S->blocks[b].seg == seg_of[t] && S->blocks[b].window == w)
                break;
        if (hourly || b == S->nblocks) {
            b = S->nblocks++;
            S->blocks[b].seg = seg_of[t];
            S->blocks[b].window = w;
        }
        S->blocks[b].hours++;
        S->hour_block[t] = b;
    }
    cu_free(S->mem, seg_of);
    cu_free(S->mem, has_window);
    return CURTAIL_OK;
}

int cu_unit_ozone_stopped(const curtail_scenario *s, size_t u)
{
    const cu_unit *un = &s->units[u];
    const cu_enterprise *e = &s->ents[un->enterprise];
    int grade = cu_effective_grade(s, u);
    return un->interruptible && un->ef[CURTAIL_VOCS] > 0 && grade != CURTAIL_GRADE_A &&
           grade != CURTAIL_GRADE_LEADING && e->guarantee == CURTAIL_GUARANTEE_NONE;
}

/* Bounds of group gi in block b. Only groups the window stops differ between
 * blocks of a segment: 0 in window hours, and in their other hours the
 * base-load cap lifted to the rule's bound r, so that they may catch up. */
static void block_bounds(const sched *S, size_t gi, const sblock *bl, double *lo, double *hi)
{
    const cu_groups *g = S->g;
    int L = S->segs[bl->seg].level;
    size_t k;
    *lo = g->lo[gi * CU_NL + L];
    *hi = g->hi[gi * CU_NL + L];
    if (!S->stoppable[gi] || bl->window == 0)
        return;
    if (bl->window == 1) {
        *lo = *hi = 0.0;
    } else {
        double r = INFINITY;
        for (k = g->group_first[gi]; k < g->group_first[gi + 1]; k++) {
            const cu_unit_level *ul = &g->ul[g->members[k] * CU_NL + L];
            double ru = ul->measure == CURTAIL_MEASURE_STOP ? 0.0 : ul->r;
            if (ru < r)
                r = ru;
        }
        if (r > 1)
            r = 1;
        *hi = r > *lo ? r : *lo;
    }
}

static int mark_stoppable(sched *S, curtail_error *err)
{
    size_t gi, k;
    S->stoppable = cu_calloc(S->mem, S->g->ngroups + 1, 1);
    if (!S->stoppable)
        return cu_enomem(err);
    if (!S->s->episode.has_ozone)
        return CURTAIL_OK;
    for (gi = 0; gi < S->g->ngroups; gi++)
        for (k = S->g->group_first[gi]; k < S->g->group_first[gi + 1]; k++)
            if (cu_unit_ozone_stopped(S->s, S->g->members[k])) {
                S->stoppable[gi] = 1;
                S->any_stoppable = 1;
            }
    return CURTAIL_OK;
}

static int build_bounds(sched *S, curtail_error *err)
{
    size_t gi, n = S->g->ngroups, nb = (size_t)S->nblocks;
    int b, p;
    S->ymin = cu_calloc(S->mem, n * nb + 1, sizeof(double));
    S->ymax = cu_calloc(S->mem, n * nb + 1, sizeof(double));
    S->q = cu_calloc(S->mem, (size_t)S->nsegs * CU_NP + 1, sizeof(double));
    S->rmax = cu_calloc(S->mem, (size_t)S->nsegs * CU_NP + 1, sizeof(double));
    S->rhs = cu_calloc(S->mem, (size_t)S->nsegs * CU_NP + 1, sizeof(double));
    S->unmet = cu_calloc(S->mem, (size_t)S->nsegs * CU_NP + 1, sizeof(int));
    if (!S->ymin || !S->ymax || !S->q || !S->rmax || !S->rhs || !S->unmet)
        return cu_enomem(err);
    for (gi = 0; gi < n; gi++)
        for (b = 0; b < S->nblocks; b++) {
            double lo, hi, base = S->g->b[gi];
            block_bounds(S, gi, &S->blocks[b], &lo, &hi);
            S->ymin[gi * nb + (size_t)b] = base - hi;
            S->ymax[gi * nb + (size_t)b] = base - lo;
        }
    /* targets per segment, and the deepest reduction each can reach */
    {
        double phase1 = 0.0;
        int k;
        for (k = 0; k < S->nsegs; k++)
            for (p = 0; p < CU_NP; p++)
                S->q[k * CU_NP + p] = S->s->ratios[S->segs[k].level][p] * S->g->baseline[p] *
                                      S->segs[k].hours / 24.0;
        for (gi = 0; gi < n; gi++)
            for (b = 0; b < S->nblocks; b++) {
                double y = S->ymax[gi * nb + (size_t)b] * S->blocks[b].hours / 24.0;
                k = S->blocks[b].seg;
                for (p = 0; p < CU_NP; p++)
                    S->rmax[k * CU_NP + p] += S->g->E[gi * CU_NP + p] * y;
            }
        for (k = 0; k < S->nsegs * CU_NP; k++)
            if (S->q[k] > 0 && S->rmax[k] < S->q[k])
                phase1 += (S->q[k] - S->rmax[k]) / S->q[k];
        S->unmet_any = phase1 > REL_MET;
        for (k = 0; k < S->nsegs * CU_NP; k++) {
            S->unmet[k] = S->unmet_any && S->q[k] > 0 && S->rmax[k] < S->q[k];
            S->rhs[k] = S->q[k] > S->rmax[k] ? S->rmax[k] : S->q[k];
        }
    }
    return CURTAIL_OK;
}

/* ---- the LP over (group, block) columns ------------------------------------------------ */

typedef struct col_ref {
    double key;
    size_t g;
    int b;
} col_ref;

static int cmp_col(const void *x, const void *y)
{
    const col_ref *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    if (a->g != b->g)
        return a->g < b->g ? -1 : 1;
    return (a->b > b->b) - (a->b < b->b);
}

typedef struct srow {
    int seg, p;
    double rhs;
} srow;

typedef struct ssift {
    sched *S;
    srow *rows;
    int nrows;
    int *row_of; /* [seg * CU_NP + p] → row or -1 */
    unsigned char *in; /* per column g * nb + b */
    size_t *work;
    size_t nwork;
    double *z;
    double *pi; /* per row */
} ssift;

static double col_room(const sched *S, size_t c)
{
    double u = S->ymax[c] - S->ymin[c];
    return u > 0 ? u : 0.0;
}

static double col_cost(const sched *S, size_t gi, int b)
{
    return S->g->w[gi] * S->g->V[gi] * S->blocks[b].hours / 24.0;
}

static int restricted_solve(ssift *F, int *infeasible, curtail_error *err)
{
    sched *S = F->S;
    size_t nb = (size_t)S->nblocks, k;
    cu_lp lp;
    size_t rows[CU_NP];
    double vals[CU_NP];
    int r, p;
    *infeasible = 0;
    cu_lp_init(&lp, S->mem);
    for (r = 0; r < F->nrows; r++)
        if (cu_lp_add_row(&lp, NULL, CU_ROW_GE, F->rows[r].rhs) == (size_t)-1)
            goto nomem;
    for (k = 0; k < F->nwork; k++) {
        size_t c = F->work[k], gi = c / nb;
        int b = (int)(c % nb), seg = S->blocks[b].seg;
        size_t nz = 0;
        double h = S->blocks[b].hours / 24.0;
        for (p = 0; p < CU_NP; p++) {
            int row = F->row_of[seg * CU_NP + p];
            double e = S->g->E[gi * CU_NP + p] * h;
            if (row >= 0 && e != 0) {
                rows[nz] = (size_t)row;
                vals[nz++] = e;
            }
        }
        if (cu_lp_add_col(&lp, NULL, col_cost(S, gi, b), 0.0, col_room(S, c), nz, rows, vals) ==
            (size_t)-1)
            goto nomem;
    }
    return cu_lp_solve_into(&lp, (size_t)F->nrows, F->pi, F->z, infeasible, err);
nomem:
    cu_lp_free(&lp);
    return cu_enomem(err);
}

static int gather(ssift *F, size_t ncols, curtail_error *err)
{
    void *p;
    if (cu_flagged(F->S->mem, F->in, ncols, &F->work, &F->nwork))
        return cu_enomem(err);
    p = cu_reallocarray(F->S->mem, F->z, F->nwork + 1, sizeof(double));
    if (!p)
        return cu_enomem(err);
    F->z = p;
    return CURTAIL_OK;
}

/* Reduced cost of column (gi, b) at its least cut; < 0 means it should enter. */
static double col_price(const ssift *F, size_t gi, int b)
{
    const sched *S = F->S;
    int p, seg = S->blocks[b].seg;
    double h = S->blocks[b].hours / 24.0, c = col_cost(S, gi, b), d = c, scale = c;
    for (p = 0; p < CU_NP; p++) {
        int row = F->row_of[seg * CU_NP + p];
        if (row >= 0) {
            double t = F->pi[row] * S->g->E[gi * CU_NP + p] * h;
            d -= t;
            scale += t;
        }
    }
    return d < -1e-9 * (scale > 1 ? scale : 1) ? d : 0.0;
}

static int solve_columns(sched *S, int plain, double *y, double *pi_out, curtail_error *err)
{
    size_t n = S->g->ngroups, nb = (size_t)S->nblocks, ncols = n * nb, c, k, nc;
    ssift F;
    col_ref *cand = NULL;
    int r, p, rc = CURTAIL_OK, infeasible;
    memset(&F, 0, sizeof F);
    F.S = S;
    for (c = 0; c < ncols; c++)
        y[c] = S->ymin[c];
    F.rows = cu_calloc(S->mem, (size_t)S->nsegs * CU_NP + 1, sizeof *F.rows);
    F.row_of = cu_calloc(S->mem, (size_t)S->nsegs * CU_NP + 1, sizeof(int));
    F.pi = cu_calloc(S->mem, (size_t)S->nsegs * CU_NP + 1, sizeof(double));
    F.in = cu_calloc(S->mem, ncols + 1, 1);
    cand = cu_calloc(S->mem, ncols + 1, sizeof *cand);
    if (!F.rows || !F.row_of || !F.pi || !F.in || !cand) {
        rc = cu_enomem(err);
        goto done;
    }
    /* unmet rows: every emitting group cuts as deep as it can in that segment */
    for (c = 0; c < ncols; c++) {
        size_t gi = c / nb;
        int b = (int)(c % nb), seg = S->blocks[b].seg;
        for (p = 0; p < CU_NP; p++)
            if (S->unmet[seg * CU_NP + p] && S->g->E[gi * CU_NP + p] > 0)
                y[c] = S->ymin[c] = S->ymax[c];
    }
    for (k = 0; k < (size_t)S->nsegs * CU_NP; k++) {
        F.row_of[k] = -1;
        if (S->q[k] > 0 && !S->unmet[k]) {
            F.rows[F.nrows].seg = (int)(k / CU_NP);
            F.rows[F.nrows].p = (int)(k % CU_NP);
            F.rows[F.nrows].rhs = S->rhs[k];
            F.row_of[k] = F.nrows++;
        }
    }
    if (F.nrows == 0)
        goto finish;
    /* the need of each row beyond the least cuts */
    for (c = 0; c < ncols; c++) {
        size_t gi = c / nb;
        int b = (int)(c % nb), seg = S->blocks[b].seg;
        for (p = 0; p < CU_NP; p++) {
            int row = F.row_of[seg * CU_NP + p];
            if (row >= 0)
                F.rows[row].rhs -= S->g->E[gi * CU_NP + p] * S->ymin[c] * S->blocks[b].hours / 24.0;
        }
    }
    if (plain) {
        for (c = 0; c < ncols; c++)
            F.in[c] = col_room(S, c) > 0;
    } else {
        for (r = 0; r < F.nrows; r++) {
            double need = F.rows[r].rhs, got = 0.0;
            p = F.rows[r].p;
            if (!(need > 0))
                continue;
            for (c = 0, nc = 0; c < ncols; c++) {
                size_t gi = c / nb;
                int b = (int)(c % nb);
                double e = S->g->E[gi * CU_NP + p];
                if (S->blocks[b].seg == F.rows[r].seg && e > 0 && col_room(S, c) > 0) {
                    cand[nc].key = S->g->w[gi] * S->g->V[gi] / e;
                    cand[nc].g = gi;
                    cand[nc++].b = b;
                }
            }
            qsort(cand, nc, sizeof *cand, cmp_col);
            for (k = 0; k < nc && (got < 1.25 * need || k < 16); k++) {
                size_t cc = cand[k].g * nb + (size_t)cand[k].b;
                F.in[cc] = 1;
                got += S->g->E[cand[k].g * CU_NP + p] * col_room(S, cc) *
                       S->blocks[cand[k].b].hours / 24.0;
            }
        }
    }
    for (;;) {
        if ((rc = gather(&F, ncols, err)) != 0)
            goto done;
        if ((rc = restricted_solve(&F, &infeasible, err)) != 0)
            goto done;
        if (infeasible) {
            size_t before = F.nwork;
            for (c = 0; c < ncols; c++)
                if (col_room(S, c) > 0)
                    F.in[c] = 1;
            if ((rc = gather(&F, ncols, err)) != 0)
                goto done;
            if (F.nwork == before) {
                rc = cu_error(err, CURTAIL_ESOLVER, NULL, no_pos, NULL,
                              "the schedule LP is infeasible although phase 1 said otherwise");
                goto done;
            }
            continue;
        }
        for (c = 0, nc = 0; c < ncols; c++) {
            double v;
            if (F.in[c] || !(col_room(S, c) > 0))
                continue;
            v = col_price(&F, c / nb, (int)(c % nb));
            if (v < 0) {
                cand[nc].key = v;
                cand[nc].g = c / nb;
                cand[nc++].b = (int)(c % nb);
            }
        }
        if (nc == 0)
            break;
        qsort(cand, nc, sizeof *cand, cmp_col);
        {
            size_t take = F.nwork > 1000 ? F.nwork : 1000;
            if (take > nc)
                take = nc;
            for (k = 0; k < take; k++)
                F.in[cand[k].g * nb + (size_t)cand[k].b] = 1;
        }
    }
    for (k = 0; k < F.nwork; k++) {
        c = F.work[k];
        y[c] = S->ymin[c] + F.z[k];
        if (y[c] < S->ymin[c])
            y[c] = S->ymin[c];
        if (y[c] > S->ymax[c])
            y[c] = S->ymax[c];
    }
    for (r = 0; r < F.nrows; r++)
        pi_out[F.rows[r].seg * CU_NP + F.rows[r].p] = F.pi[r];
finish:
done:
    cu_free(S->mem, F.rows);
    cu_free(S->mem, F.row_of);
    cu_free(S->mem, F.pi);
    cu_free(S->mem, F.in);
    cu_free(S->mem, F.work);
    cu_free(S->mem, F.z);
    cu_free(S->mem, cand);
    return rc;
}

/* A group the window does not stop has the same bounds in every block of a
 * segment, so only its hour-weighted total cut per segment matters; spreading
 * it evenly is as optimal as any split, and reads as one load per segment. */
static int even_out_untouched(sched *S, double *y, curtail_error *err)
{
    size_t gi, nb = (size_t)S->nblocks;
    int b, k;
    double *sum = cu_calloc(S->mem, (size_t)S->nsegs + 1, sizeof(double));
    if (!sum)
        return cu_enomem(err);
    for (gi = 0; gi < S->g->ngroups; gi++) {
        if (S->stoppable[gi])
            continue;
        for (k = 0; k < S->nsegs; k++)
            sum[k] = 0.0;
        for (b = 0; b < S->nblocks; b++)
            sum[S->blocks[b].seg] += y[gi * nb + (size_t)b] * S->blocks[b].hours;
        for (b = 0; b < S->nblocks; b++) {
            size_t c = gi * nb + (size_t)b;
            double v = sum[S->blocks[b].seg] / S->segs[S->blocks[b].seg].hours;
            y[c] = v < S->ymin[c] ? S->ymin[c] : v > S->ymax[c] ? S->ymax[c] : v;
        }
    }
    cu_free(S->mem, sum);
    return CURTAIL_OK;
}

/* ---- result ------------------------------------------------------------------------------- */

static int fill_schedule(curtail_result *res, sched *S, const double *y, const double *pi,
                         curtail_error *err)
{
    size_t gi, n = S->g->ngroups, nb = (size_t)S->nblocks;
    int t, b, k, p;
    res->hload = cu_calloc(S->mem, n * (size_t)S->H + 1, sizeof(double));
    res->segs = cu_calloc(S->mem, (size_t)S->nsegs + 1, sizeof *res->segs);
    if (!res->hload || !res->segs)
        return cu_enomem(err);
    for (k = 0; k < S->nsegs; k++) {
        res->segs[k] = S->segs[k];
        res->segs[k].status = CURTAIL_OPTIMAL;
        for (p = 0; p < CU_NP; p++) {
            cu_target_row *tr = &res->segs[k].t[p];
            tr->baseline = S->g->baseline[p] * S->segs[k].hours / 24.0;
            tr->required = S->q[k * CU_NP + p];
            if (S->unmet[k * CU_NP + p]) {
                tr->shortfall = S->q[k * CU_NP + p] - S->rmax[k * CU_NP + p];
                res->segs[k].status = CURTAIL_TARGETS_UNMET;
            } else {
                tr->shadow_price = cu_round_dual(pi[k * CU_NP + p]);
            }
        }
    }
    res->nsegs = (size_t)S->nsegs;
    res->objective = 0.0;
    for (gi = 0; gi < n; gi++) {
        for (b = 0; b < S->nblocks; b++) {
            double cut = y[gi * nb + (size_t)b], h = S->blocks[b].hours / 24.0;
            cu_segment *sg = &res->segs[S->blocks[b].seg];
            sg->lost_value += S->g->V[gi] * cut * h;
            sg->weighted_loss += S->g->w[gi] * S->g->V[gi] * cut * h;
            for (p = 0; p < CU_NP; p++)
                sg->t[p].achieved += S->g->E[gi * CU_NP + p] * cut * h;
        }
        for (t = 0; t < S->H; t++) {
            double x = S->g->b[gi];
            if (S->hour_block[t] >= 0) {
                double cut = y[gi * nb + (size_t)S->hour_block[t]];
                if (fabs(cut) >= 1e-15)
                    x -= cut;
            }
            res->hload[gi * (size_t)S->H + (size_t)t] = x;
        }
    }
    for (k = 0; k < S->nsegs; k++) {
        res->objective += res->segs[k].weighted_loss;
        for (p = 0; p < CU_NP; p++)
            res->segs[k].t[p].achieved = cu_snap_achieved(
                res->segs[k].t[p].achieved, S->q[k * CU_NP + p], S->unmet[k * CU_NP + p]);
    }
    res->status = S->unmet_any ? CURTAIL_TARGETS_UNMET : CURTAIL_OPTIMAL;
    res->lp_columns = n * nb;
    return CURTAIL_OK;
}

int curtail_schedule_solve(const curtail_scenario *s, const curtail_schedule_options *opts,
                           curtail_result **out, curtail_error *err)
{
    sched S;
    curtail_result *res = NULL;
    double *y = NULL, *pi = NULL;
    int rc, method = CURTAIL_METHOD_AUTO, hourly = 0;
    if (!out)
        return cu_einval(err, "curtail_schedule_solve: out is NULL");
    *out = NULL;
    if (!s)
        return cu_einval(err, "curtail_schedule_solve: scenario is NULL");
    if (opts) {
        if (opts->version != CURTAIL_SCHEDULE_OPTIONS_VERSION)
            return cu_einval(err, "curtail_schedule_solve: options of another version");
        method = (int)opts->method;
        hourly = opts->hourly != 0;
        if (method != CURTAIL_METHOD_AUTO && method != CURTAIL_METHOD_PLAIN)
            return cu_einval(err, "curtail_schedule_solve: unknown method");
    }
    if (!s->checked)
        return cu_einval(err, "the scenario is not checked: call curtail_scenario_check first");
    if (!s->episode.present)
        return cu_error(err, CURTAIL_EINPUT, s->file, no_pos, "episode",
                        "the scenario has no episode to schedule");
    memset(&S, 0, sizeof S);
    S.s = s;
    S.mem = s->mem;
    S.H = s->episode.hours;
    if ((rc = cu_groups_build(s, NULL, &S.g, err)) != 0)
        return rc;
    S.hour_level = cu_calloc(S.mem, (size_t)S.H + 1, sizeof(int));
    S.hour_block = cu_calloc(S.mem, (size_t)S.H + 1, sizeof(int));
    res = cu_calloc(S.mem, 1, sizeof *res);
    if (res)
        res->mem = S.mem; /* before any early exit: the result frees with it */
    if (!S.hour_level || !S.hour_block || !res) {
        rc = cu_enomem(err);
        goto done;
    }
    hour_levels(&s->episode, S.hour_level);
    if ((rc = mark_stoppable(&S, err)) != 0 || (rc = build_blocks(&S, hourly, err)) != 0 ||
        (rc = build_bounds(&S, err)) != 0)
        goto done;
    y = cu_calloc(S.mem, S.g->ngroups * (size_t)S.nblocks + 1, sizeof(double));
    pi = cu_calloc(S.mem, (size_t)S.nsegs * CU_NP + 1, sizeof(double));
    if (!y || !pi) {
        rc = cu_enomem(err);
        goto done;
    }
    if ((rc = solve_columns(&S, method == CURTAIL_METHOD_PLAIN, y, pi, err)) != 0 ||
        (rc = even_out_untouched(&S, y, err)) != 0)
        goto done;
    res->mem = S.mem;
    res->s = s;
    cu_scenario_pin(s);
    res->kind = 1;
    res->hours = S.H;
    res->start = s->episode.start;
    if ((rc = fill_schedule(res, &S, y, pi, err)) != 0)
        goto done;
    res->hour_level = S.hour_level;
    S.hour_level = NULL;
    res->groups = S.g;
    S.g = NULL;
done:
    sched_free(&S);
    cu_free(s->mem, y);
    cu_free(s->mem, pi);
    if (rc) {
        curtail_result_free(res);
        return rc;
    }
    *out = res;
    return CURTAIL_OK;
}

/* ---- accessors ------------------------------------------------------------------------------ */

int curtail_result_is_schedule(const curtail_result *r)
{
    return r && r->kind == 1;
}

size_t curtail_result_hour_count(const curtail_result *r)
{
    return (r && r->kind == 1) ? (size_t)r->hours : 0;
}

int curtail_result_hour_label(const curtail_result *r, size_t t, char *buf, size_t size,
                              curtail_error *err)
{
    if (!r || r->kind != 1 || t >= (size_t)r->hours || !buf || size < 17)
        return cu_einval(err, "curtail_result_hour_label: bad arguments");
    cu_format_minutes(r->start + 60 * (int64_t)t, buf, size);
    return CURTAIL_OK;
}

int curtail_result_hour_level(const curtail_result *r, size_t t)
{
    if (!r || r->kind != 1 || t >= (size_t)r->hours)
        return -1;
    return r->hour_level[t];
}

const double *curtail_result_unit_loads(const curtail_result *r, size_t unit)
{
    if (!r || r->kind != 1 || unit >= r->s->nunits)
        return NULL;
    return &r->hload[r->groups->unit_group[unit] * (size_t)r->hours];
}

size_t curtail_result_segment_count(const curtail_result *r)
{
    return (r && r->kind == 1) ? r->nsegs : 0;
}

int curtail_result_segment(const curtail_result *r, size_t k, curtail_segment_result *out,
                           curtail_error *err)
{
    const cu_segment *sg;
    if (!r || r->kind != 1 || k >= r->nsegs || !out)
        return cu_einval(err, "curtail_result_segment: bad arguments");
    sg = &r->segs[k];
    cu_format_day(sg->day, out->day, sizeof out->day);
    out->level = (curtail_level)sg->level;
    out->hours = sg->hours;
    out->status = (curtail_status)sg->status;
    out->lost_value = sg->lost_value;
    out->weighted_loss = sg->weighted_loss;
    memcpy(out->targets, sg->t, sizeof out->targets);
    return CURTAIL_OK;
}

size_t curtail_result_lp_columns(const curtail_result *r)
{
    return r ? r->lp_columns : 0;
}
