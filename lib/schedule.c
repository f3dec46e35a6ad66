/* SPDX-License-Identifier: GPL-3.0-or-later */
/* schedule.c — the episode of SPEC §6: the plan's list, hour by hour.
 *
 * Enterprises execute the published list, so the schedule solves no LP of
 * its own: it takes the plan of the same scenario (curtail_plan_solve, the
 * same optimum) and renders its loads x[g,L] over the hours of the horizon.
 * Each hour has the level of the timeline entry covering its start; the
 * level load is x[g,L] (b[g] outside every entry), except for the groups the
 * ozone window stops: 0 in window hours, and in the other hours of the same
 * segment (calendar day × level) min(c[g,L], x·H/(H − W)), the output shifted
 * there (错时生产). A group led by a coke oven with ramp_h R > 0 then changes
 * load by at most b/R per hour and never exceeds the level load: the largest
 * such curve, min over τ of ℓ[τ] + (b/R)|t − τ|, is two linear passes.
 * Segments are accounted (required, achieved, shortfall), not optimised.
 *
 * The result is the plan's result with the hours added (kind 1): the list it
 * executes stays readable through curtail_result_level / curtail_result_unit
 * and is written as the schedule's `list`. */
#include "episode.h"
#include "policy.h"
#include "result.h"
#include "transport.h"
#include "timeutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cu_pos no_pos = {0, 0};

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

/* c[g,L]: the smallest rule bound of the group's members at L (1 without a
 * rule, 0 for stop), never below the list load x. */
static double shift_cap(const cu_groups *g, size_t gi, int L, double x)
{
    double c = 1.0;
    size_t k;
    for (k = g->group_first[gi]; k < g->group_first[gi + 1]; k++) {
        const cu_unit_level *ul = &g->ul[g->members[k] * CU_NL + (size_t)L];
        double r = ul->measure == CURTAIL_MEASURE_STOP ? 0.0 : ul->r;
        if (r < c)
            c = r;
    }
    return c > x ? c : x;
}

/* The ramp's slope b/R of group gi per hour, or 0 when it has none: only a
 * group led by a coke oven with ramp_h > 0 ramps. */
static double ramp_slope(const curtail_scenario *s, const cu_groups *g, size_t gi)
{
    const cu_unit *lead = &s->units[g->group_leader[gi]];
    if (lead->kind != CURTAIL_KIND_COKE_OVEN || !lead->has_coke_oven || !(lead->ramp_h > 0))
        return 0.0;
    return g->b[gi] / lead->ramp_h;
}

typedef struct sched {
    const curtail_scenario *s;
    const curtail_mem *mem;
    int H;
    int *level;  /* per hour: level or -1 */
    int *seg;    /* per hour: segment or -1 */
    unsigned char *window; /* per hour: an ozone-window hour of a listed level */
    cu_segment *segs;
    int nsegs;
    int *wh; /* per segment: its window hours */
} sched;

/* Segments (day × level) in order of their first hour, and their window hours. */
static int build_segments(sched *S, curtail_error *err)
{
    const cu_episode *ep = &S->s->episode;
    int t, k;
    S->segs = cu_calloc(S->mem, (size_t)S->H + 1, sizeof *S->segs);
    S->wh = cu_calloc(S->mem, (size_t)S->H + 1, sizeof(int));
    if (!S->segs || !S->wh)
        return cu_enomem(err);
    S->nsegs = 0;
    for (t = 0; t < S->H; t++) {
        int64_t at = ep->start + 60 * (int64_t)t, day = cu_floor_div(at, 1440);
        S->seg[t] = -1;
        S->window[t] = (unsigned char)cu_episode_in_window(ep, at, S->level[t]);
        if (S->level[t] < 0)
            continue;
        /* days only grow with t: a day's segments are the last ones */
        for (k = S->nsegs - 1; k >= 0 && S->segs[k].day == day; k--)
            if (S->segs[k].level == S->level[t])
                break;
        if (k < 0 || S->segs[k].day != day) {
            k = S->nsegs++;
            S->segs[k].day = day;
            S->segs[k].level = S->level[t];
        }
        S->segs[k].hours++;
        S->wh[k] += S->window[t];
        S->seg[t] = k;
    }
    return CURTAIL_OK;
}

/* Group gi's hours: level loads ℓ (list load, window stop, shifted output),
 * then the ramp, into load[0 .. H). */
static void render_group(const sched *S, const curtail_result *res, size_t gi, double *load)
{
    const cu_groups *g = res->groups;
    double b = g->b[gi], slope = ramp_slope(S->s, g, gi);
    int stopped = res->group_stopped[gi], t;
    for (t = 0; t < S->H; t++) {
        int L = S->level[t];
        double x;
        if (L < 0) {
            load[t] = b;
            continue;
        }
        x = res->load[gi * CU_NL + (size_t)L];
        load[t] = x;
        if (stopped && S->window[t]) {
            load[t] = 0.0;
        } else if (stopped && S->wh[S->seg[t]] > 0) {
            int H = S->segs[S->seg[t]].hours, W = S->wh[S->seg[t]];
            double c = shift_cap(g, gi, L, x), up = x * H / (H - W);
            load[t] = up < c ? up : c;
        }
    }
    if (slope > 0) {
        /* the largest curve under ℓ with slope at most b/R: forward, then back */
        for (t = 1; t < S->H; t++)
            if (load[t - 1] + slope < load[t])
                load[t] = load[t - 1] + slope;
        for (t = S->H - 2; t >= 0; t--)
            if (load[t + 1] + slope < load[t])
                load[t] = load[t + 1] + slope;
    }
}

/* Render every group, and account segments and the objective. */
static int render(sched *S, curtail_result *res, curtail_error *err)
{
    const cu_groups *g = res->groups;
    size_t gi, n = g->ngroups, H = (size_t)S->H;
    int t, k, p, unmet = res->status == CURTAIL_TARGETS_UNMET;
    double *cut = cu_calloc(S->mem, (size_t)S->nsegs + 1, sizeof(double));
    res->hload = cu_calloc(S->mem, n * H + 1, sizeof(double));
    res->segs = cu_calloc(S->mem, (size_t)S->nsegs + 1, sizeof *res->segs);
    if (!cut || !res->hload || !res->segs) {
        cu_free(S->mem, cut);
        return cu_enomem(err);
    }
    res->objective = 0.0;
    for (k = 0; k < S->nsegs; k++)
        res->segs[k] = S->segs[k];
    for (gi = 0; gi < n; gi++) {
        double *load = &res->hload[gi * H], b = g->b[gi], all = 0.0;
        render_group(S, res, gi, load);
        for (k = 0; k < S->nsegs; k++)
            cut[k] = 0.0;
        for (t = 0; t < S->H; t++) {
            all += b - load[t];
            if (S->seg[t] >= 0)
                cut[S->seg[t]] += b - load[t];
        }
        res->objective += g->w[gi] * g->V[gi] * all / 24.0;
        for (k = 0; k < S->nsegs; k++) {
            cu_segment *sg = &res->segs[k];
            if (cut[k] == 0.0)
                continue;
            sg->lost_value += g->V[gi] * cut[k] / 24.0;
            sg->weighted_loss += g->w[gi] * g->V[gi] * cut[k] / 24.0;
            for (p = 0; p < CU_NP; p++)
                sg->t[p].achieved += g->E[gi * CU_NP + p] * cut[k] / 24.0;
        }
    }
    cu_free(S->mem, cut);
    for (k = 0; k < S->nsegs; k++) {
        cu_segment *sg = &res->segs[k];
        int L = sg->level;
        sg->status = CURTAIL_OPTIMAL;
        for (p = 0; p < CU_NP; p++) {
            cu_target_row *tr = &sg->t[p];
            /* a target the plan met is met in every segment (shifting and
             * ramping only lower emissions): a rounding step short is met */
            int plan_unmet = res->lv[L].t[p].shortfall > 0;
            tr->baseline = g->baseline[p] * sg->hours / 24.0;
            /* the plan's requirement, credits and mobile-source
             * reductions (issue 10) already off */
            tr->required = res->lv[L].t[p].required * sg->hours / 24.0;
            tr->achieved = cu_snap_achieved(tr->achieved, tr->required, plan_unmet);
            tr->shortfall = tr->required > tr->achieved ? tr->required - tr->achieved : 0.0;
            tr->shadow_price = 0.0;
            if (tr->shortfall > 0) {
                sg->status = CURTAIL_TARGETS_UNMET;
                unmet = 1;
            }
        }
    }
    res->nsegs = (size_t)S->nsegs;
    res->status = unmet ? CURTAIL_TARGETS_UNMET : CURTAIL_OPTIMAL;
    return CURTAIL_OK;
}

int curtail_schedule_solve(const curtail_scenario *s, const curtail_schedule_options *opts,
                           curtail_result **out, curtail_error *err)
{
    curtail_plan_options po = CURTAIL_PLAN_OPTIONS_INIT;
    curtail_result *res = NULL;
    sched S;
    int rc;
    if (!out)
        return cu_einval(err, "curtail_schedule_solve: out is NULL");
    *out = NULL;
    if (!s)
        return cu_einval(err, "curtail_schedule_solve: scenario is NULL");
    if (opts) {
        if (cu_check_version(opts->version, CURTAIL_SCHEDULE_OPTIONS_VERSION,
                             "curtail_schedule_solve", err) != CURTAIL_OK)
            return CURTAIL_EINVAL;
        if (opts->method != CURTAIL_METHOD_AUTO && opts->method != CURTAIL_METHOD_PLAIN)
            return cu_einval(err, "curtail_schedule_solve: unknown method");
        po.method = opts->method;
        if (opts->version >= 2) {
            po.time_limit_s = opts->time_limit_s;
            po.cancel = opts->cancel;
            po.cancel_ctx = opts->cancel_ctx;
            po.solver = opts->solver;
        }
    }
    if (!s->checked)
        return cu_einval(err, "the scenario is not checked: call curtail_scenario_check first");
    if (!s->episode.present)
        return cu_error(err, CURTAIL_EINPUT, s->file, no_pos, "episode",
                        "the scenario has no episode to schedule");
    /* the list the episode executes */
    if ((rc = curtail_plan_solve(s, &po, &res, err)) != CURTAIL_OK)
        return rc;
    memset(&S, 0, sizeof S);
    S.s = s;
    S.mem = s->mem;
    S.H = s->episode.hours;
    S.level = cu_calloc(S.mem, (size_t)S.H + 1, sizeof(int));
    S.seg = cu_calloc(S.mem, (size_t)S.H + 1, sizeof(int));
    S.window = cu_calloc(S.mem, (size_t)S.H + 1, 1);
    if (!S.level || !S.seg || !S.window) {
        rc = cu_enomem(err);
        goto done;
    }
    hour_levels(&s->episode, S.level);
    if ((rc = build_segments(&S, err)) != 0)
        goto done;
    res->kind = CU_RESULT_SCHEDULE;
    res->hours = S.H;
    res->start = s->episode.start;
    if ((rc = render(&S, res, err)) != 0)
        goto done;
    res->hour_level = S.level;
    S.level = NULL;
    res->hour_window = S.window;
    S.window = NULL;
done:
    cu_free(S.mem, S.level);
    cu_free(S.mem, S.seg);
    cu_free(S.mem, S.window);
    cu_free(S.mem, S.segs);
    cu_free(S.mem, S.wh);
    if (rc) {
        curtail_result_free(res);
        return rc;
    }
    *out = res;
    return CURTAIL_OK;
}
