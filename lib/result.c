/* SPDX-License-Identifier: GPL-3.0-or-later */
/* result.c — the result of a plan or schedule: made by plan.c (and given its
 * hours by schedule.c), it stores at solve time every fact its writers need
 * (effective grades and why, the rule that applied, the member of a load
 * group that held a unit down, the ozone window's stops), so that writers
 * read the result and never the policy tables. Its accessors, its free, and
 * the rounding of reported numbers. */
#define _POSIX_C_SOURCE 200809L
#include "result.h"
#include "policy.h"
#include "transport.h"
#include "scenario.h"
#include "timeutil.h"

#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- rounding of reported numbers ------------------------------------------------------ */

double cu_round_dual(double v)
{
    /* a dual carries the simplex's round-off (500 comes out as
     * 499.99999999999994): 12 significant digits are all it means */
    char buf[32];
    locale_t c, old = (locale_t)0;
    double r;
    if (v == 0.0 || !isfinite(v))
        return 0.0;
    /* printed and read back in the C locale, whatever the caller's (per thread) */
    if ((c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0)))
        old = uselocale(c);
    snprintf(buf, sizeof buf, "%.12g", v);
    r = strtod(buf, NULL);
    if (c) {
        uselocale(old);
        freelocale(c);
    }
    return r;
}

double cu_snap_achieved(double achieved, double required, int unmet)
{
    /* a met target's reduction summed back from the loads can fall a rounding
     * step short of what the LP guaranteed: report it as met */
    if (!unmet && achieved < required && required - achieved <= 1e-9 * (required > 1 ? required : 1))
        return required;
    return achieved;
}

/* ---- made at solve time ------------------------------------------------------------------ */

curtail_result *cu_result_new(const curtail_scenario *s, cu_groups *g)
{
    curtail_result *r = cu_calloc(s->mem, 1, sizeof *r);
    int p;
    if (!r)
        return NULL;
    r->mem = s->mem;
    r->kind = CU_RESULT_PLAN;
    r->load = cu_calloc(s->mem, g->ngroups * CU_NL + 1, sizeof(double));
    if (!r->load) {
        cu_free(s->mem, r);
        return NULL;
    }
    r->s = s;
    cu_scenario_pin(s);
    atomic_fetch_add(&g->refs, 1);
    r->groups = g;
    r->gv.ngroups = g->ngroups;
    r->gv.unit_group = g->unit_group;
    r->gv.group_leader = g->group_leader;
    r->gv.b = g->b;
    r->gv.V = g->V;
    r->gv.E = g->E;
    r->gv.lo = g->lo;
    r->gv.hi = g->hi;
    r->gv.w = g->w;
    for (p = 0; p < CU_NP; p++)
        r->gv.listed[p] = g->listed[p];
    r->window_from = s->episode.window_from;
    r->window_to = s->episode.window_to;
    r->has_ozone = s->episode.has_ozone;
    r->ozone_levels = s->episode.ozone_levels;
    r->lang = s->lang;
    r->base = s->base;
    r->file = s->file ? s->file : "";
    if (s->episode.nentries) {
        size_t i;
        r->alerts = cu_calloc(s->mem, s->episode.nentries, sizeof *r->alerts);
        if (!r->alerts) {
            curtail_result_free(r);
            return NULL;
        }
        for (i = 0; i < s->episode.nentries; i++) {
            r->alerts[i].level = s->episode.entries[i].level;
            r->alerts[i].from = s->episode.entries[i].from;
            r->alerts[i].to = s->episode.entries[i].to;
        }
        r->nalerts = s->episode.nentries;
    }
    return r;
}

/* The member of unit's load group that holds it below its own bound at
 * `level`: when the group's bound is stricter than the unit's own and the
 * load sits at the group's bound (the optimiser cut no deeper), the member
 * with the smallest own bound (the first in scenario order on a tie);
 * otherwise (SIZE_MAX) the load is the optimiser's choice. */
static size_t binding_member(const cu_groups *g, size_t unit, int level, double load)
{
    size_t grp = g->unit_group[unit], k, best = SIZE_MAX;
    double ghi = g->hi[grp * CU_NL + (size_t)level];
    double own = g->ul[unit * CU_NL + (size_t)level].hi;
    if (!(ghi < own - 1e-9) || load < ghi - 1e-9)
        return SIZE_MAX;
    for (k = g->group_first[grp]; k < g->group_first[grp + 1]; k++) {
        size_t m = g->members[k];
        double hi = g->ul[m * CU_NL + (size_t)level].hi;
        if (m == unit)
            continue;
        if (best == SIZE_MAX || hi < g->ul[best * CU_NL + (size_t)level].hi ||
            (hi == g->ul[best * CU_NL + (size_t)level].hi && m < best))
            best = m;
    }
    return best;
}

/* Transport measures per enterprise and level, and the mobile-source
 * reduction (issue 10, transport.c). */
static int store_transport(curtail_result *r, curtail_error *err)
{
    const curtail_scenario *s = r->s;
    size_t e;
    int L;
    r->ent_transport = cu_calloc(r->mem, s->nents * CU_NL + 1, 1);
    if (!r->ent_transport)
        return cu_enomem(err);
    for (e = 0; e < s->nents; e++)
        for (L = 0; L < CU_NL; L++)
            r->ent_transport[e * CU_NL + (size_t)L] =
                (unsigned char)cu_transport_enterprise(s, r->groups, e, L);
    cu_transport_mobile(s, r->groups, r->mobile);
    return CURTAIL_OK;
}

int cu_result_store_facts(curtail_result *r, curtail_error *err)
{
    const curtail_scenario *s = r->s;
    const cu_groups *g = r->groups;
    size_t u, n = s->nunits, gi;
    int L;
    r->facts = cu_calloc(r->mem, n * CU_NL + 1, sizeof *r->facts);
    r->grades = cu_calloc(r->mem, n + 1, sizeof *r->grades);
    r->group_stopped = cu_calloc(r->mem, g->ngroups + 1, 1);
    r->group_industry = cu_calloc(r->mem, g->ngroups + 1, 1);
    if (!r->facts || !r->grades || !r->group_stopped || !r->group_industry)
        return cu_enomem(err);
    for (gi = 0; gi < g->ngroups; gi++)
        r->group_industry[gi] =
            (unsigned char)s->ents[s->units[g->group_leader[gi]].enterprise].industry;
    for (u = 0; u < n; u++) {
        const double *fx = s->units[u].fixed;
        if (fx[0] != 0 || fx[1] != 0 || fx[2] != 0 || fx[3] != 0)
            r->nfixed_units++;
    }
    if (r->nfixed_units) {
        size_t k = 0;
        r->fixed_units = cu_calloc(r->mem, r->nfixed_units, sizeof *r->fixed_units);
        if (!r->fixed_units)
            return cu_enomem(err);
        for (u = 0; u < n; u++) {
            const double *fx = s->units[u].fixed;
            if (fx[0] != 0 || fx[1] != 0 || fx[2] != 0 || fx[3] != 0)
                memcpy(r->fixed_units[k++], fx, sizeof r->fixed_units[0]);
        }
    }
    for (u = 0; u < n; u++) {
        unsigned why = 0;
        cu_unit_grade *ug = &r->grades[u];
        ug->grade = (unsigned char)cu_effective_grade_why(s, u, &why);
        ug->grade_why = (unsigned char)why;
        ug->ozone_stopped = (unsigned char)cu_unit_ozone_stopped(s, u);
        gi = g->unit_group[u];
        if (ug->ozone_stopped && s->episode.has_ozone)
            r->group_stopped[gi] = 1;
        for (L = 0; L < CU_NL; L++) {
            const cu_unit_level *ul = &g->ul[u * CU_NL + (size_t)L];
            cu_unit_fact *f = &r->facts[u * CU_NL + (size_t)L];
            double x = r->load[gi * CU_NL + (size_t)L];
            size_t m;
            f->hi = ul->hi;
            f->value = ul->value;
            f->measure = (signed char)ul->measure;
            f->below_min = ul->below_min;
            f->below_rule = x < ul->hi - 1e-9;
            f->binding = UINT32_MAX;
            if (ul->rule) {
                f->rule_source = ul->rule->builtin ? CU_RULE_BUILTIN : CU_RULE_POLICY;
                f->rule_index = (uint32_t)ul->rule->index;
                f->rule_pos = ul->rule->pos;
            }
            if (f->below_rule && (m = binding_member(g, u, L, x)) != SIZE_MAX)
                f->binding = (uint32_t)m;
        }
    }
    return store_transport(r, err);
}

/* ---- what an hour is ------------------------------------------------------------------------- */

double cu_hour_list_load(const curtail_result *r, size_t g, size_t t)
{
    int L = r->hour_level[t];
    return L < 0 ? r->gv.b[g] : r->load[g * CU_NL + (size_t)L];
}

int cu_hour_note(const curtail_result *r, size_t g, size_t t)
{
    size_t H = (size_t)r->hours;
    int L = r->hour_level[t];
    double x = cu_hour_list_load(r, g, t), v = r->hload[g * H + t];
    double eps = 1e-12 * (x > 1 ? x : 1);
    if (L >= 0 && x > 0 && r->hour_window[t] && r->group_stopped[g])
        return CU_HOUR_WINDOW;
    if (v > x + eps)
        return CU_HOUR_SHIFTED;
    if (v < x - eps)
        return (t + 1 < H && r->hload[g * H + t + 1] < v) ? CU_HOUR_RAMP_DOWN : CU_HOUR_RAMP_UP;
    return L < 0 ? CU_HOUR_BASE : CU_HOUR_LIST;
}

/* ---- accessors --------------------------------------------------------------------------------- */

void curtail_result_free(curtail_result *r)
{
    if (!r)
        return;
    if (r->s)
        cu_scenario_unpin(r->s);
    cu_groups_free(r->groups);
    cu_free(r->mem, r->load);
    cu_free(r->mem, r->segs);
    cu_free(r->mem, r->hload);
    cu_free(r->mem, r->hour_level);
    cu_free(r->mem, r->hour_window);
    cu_free(r->mem, r->facts);
    cu_free(r->mem, r->grades);
    cu_free(r->mem, r->group_stopped);
    cu_free(r->mem, r->alerts);
    cu_free(r->mem, r->group_industry);
    cu_free(r->mem, r->fixed_units);
    cu_free(r->mem, r->ent_transport);
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
    if (!r || !out || (int)level < 0 || (int)level >= CU_NL)
        return cu_einval(err, "curtail_result_level: bad arguments");
    lv = &r->lv[level];
    out->status = (curtail_status)lv->status;
    out->lost_value = lv->lost_value;
    out->weighted_loss = lv->weighted_loss;
    memcpy(out->targets, lv->t, sizeof out->targets);
    return CURTAIL_OK;
}

size_t curtail_result_combined_count(const curtail_result *r)
{
    return r ? r->ncomb : 0;
}

int curtail_result_combined(const curtail_result *r, size_t k, curtail_combined_result *out,
                            curtail_error *err)
{
    const cu_comb_res *c;
    if (!r || !out || k >= r->ncomb)
        return cu_einval(err, "curtail_result_combined: bad arguments");
    c = &r->comb[k];
    out->level = (curtail_level)c->level;
    out->index = c->src;
    out->pollutants = c->pollutants;
    out->ratio = c->ratio;
    out->credit = c->credit;
    out->required = c->required;
    out->achieved = c->achieved;
    out->shortfall = c->shortfall;
    out->shadow_price = c->shadow_price;
    return CURTAIL_OK;
}

double curtail_result_credit(const curtail_result *r, curtail_level level, curtail_pollutant p)
{
    if (!r || (int)level < 0 || (int)level >= CU_NL || (int)p < 0 || (int)p >= CU_NP)
        return 0.0;
    return r->credit[level][p];
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
    if (!r || !out || (int)level < 0 || (int)level >= CU_NL || i >= r->s->nunits)
        return cu_einval(err, "curtail_result_unit: bad arguments");
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
    return r ? r->s->nwarnings : 0; /* a solve adds none of its own */
}

const char *curtail_result_warning_text(const curtail_result *r, size_t i, curtail_lang lang)
{
    if (!r)
        return NULL;
    return curtail_scenario_warning_text(r->s, i, lang);
}

const char *curtail_result_warning(const curtail_result *r, size_t i)
{
    if (!r)
        return NULL;
    return i < r->s->nwarnings ? r->s->warnings[i] : NULL;
}

int curtail_result_is_schedule(const curtail_result *r)
{
    return r && r->kind == CU_RESULT_SCHEDULE;
}

size_t curtail_result_hour_count(const curtail_result *r)
{
    return (r && r->kind == CU_RESULT_SCHEDULE) ? (size_t)r->hours : 0;
}

int curtail_result_hour_label(const curtail_result *r, size_t t, char *buf, size_t size,
                              curtail_error *err)
{
    if (!r || r->kind != CU_RESULT_SCHEDULE || t >= (size_t)r->hours || !buf || size < 17)
        return cu_einval(err, "curtail_result_hour_label: bad arguments");
    cu_format_minutes(r->start + 60 * (int64_t)t, buf, size);
    return CURTAIL_OK;
}

int curtail_result_hour_level(const curtail_result *r, size_t t)
{
    if (!r || r->kind != CU_RESULT_SCHEDULE || t >= (size_t)r->hours)
        return -1;
    return r->hour_level[t];
}

const double *curtail_result_unit_loads(const curtail_result *r, size_t unit)
{
    if (!r || r->kind != CU_RESULT_SCHEDULE || unit >= r->s->nunits)
        return NULL;
    return &r->hload[r->groups->unit_group[unit] * (size_t)r->hours];
}

size_t curtail_result_segment_count(const curtail_result *r)
{
    return (r && r->kind == CU_RESULT_SCHEDULE) ? r->nsegs : 0;
}

int curtail_result_segment(const curtail_result *r, size_t k, curtail_segment_result *out,
                           curtail_error *err)
{
    const cu_segment *sg;
    if (!r || r->kind != CU_RESULT_SCHEDULE || k >= r->nsegs || !out)
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

/* ---- transport (issue 10) ---- */

curtail_transport curtail_result_transport(const curtail_result *r, curtail_level level, size_t e)
{
    if (!r || !r->ent_transport || (int)level < 0 || level >= CU_NL || e >= r->s->nents)
        return CURTAIL_TRANSPORT_UNSET;
    return (curtail_transport)r->ent_transport[e * CU_NL + (size_t)level];
}

double curtail_result_trips_stopped(const curtail_result *r, curtail_level level, size_t e)
{
    if (!r || !r->ent_transport || (int)level < 0 || level >= CU_NL || e >= r->s->nents)
        return 0.0;
    return cu_transport_trips_stopped(r->s, e, r->ent_transport[e * CU_NL + (size_t)level]);
}

int curtail_result_mobile(const curtail_result *r, curtail_level level,
                          double kgpd[CURTAIL_NPOLLUTANTS], curtail_error *err)
{
    if (!r || !kgpd)
        return cu_einval(err, "curtail_result_mobile: result or kgpd is NULL");
    if ((int)level < 0 || level >= CU_NL)
        return cu_einval(err, "curtail_result_mobile: level %d out of range", (int)level);
    memcpy(kgpd, r->mobile[level], sizeof r->mobile[level]);
    return CURTAIL_OK;
}
