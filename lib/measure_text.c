/* SPDX-License-Identifier: GPL-3.0-or-later */
/* measure_text.c — a unit's measure at a level, worded as a bureau writes it
 * in its list (延长结焦时间至48小时, 限产30%, 焖炉保温 ...), in Chinese or English. */
#include "write_text.h"
#include "measure_words.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* The member of unit's load group that holds it below its own bound at
 * `level`: when the group's bound is stricter than the unit's own and the
 * load sits at the group's bound (the optimiser cut no deeper), the member
 * with the smallest own bound (the first in scenario order on a tie);
 * otherwise (SIZE_MAX) the load is the optimiser's choice. */
static size_t binding_member(const curtail_result *r, size_t unit, int level, double load)
{
    const cu_groups *g = r->groups;
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

static const char *unit_label(const cu_unit *u)
{
    return u->name ? u->name : u->id;
}

void cu_measure_facts(const curtail_result *r, size_t unit, int level, int lang, cu_mw_facts *f)
{
    const curtail_scenario *s = r->s;
    const cu_groups *g = r->groups;
    const cu_unit *u = &s->units[unit];
    const cu_enterprise *e = &s->ents[u->enterprise];
    const cu_unit_level *ul = &g->ul[unit * CU_NL + (size_t)level];
    size_t grp = g->unit_group[unit], m;
    double best = 0.0, other = 0.0;
    int p;
    if (lang == CURTAIL_LANG_DEFAULT)
        lang = s->lang;
    memset(f, 0, sizeof *f);
    f->en = lang == CURTAIL_LANG_EN;
    f->kind = u->kind;
    f->capu = cu_capu_resolve(u->capu, u->kind);
    f->capacity = u->capacity;
    f->base_load = g->b[grp];
    f->load = r->load[grp * CU_NL + (size_t)level];
    f->has_rule = ul->rule != NULL;
    f->measure = ul->measure;
    f->value = ul->value;
    f->rule_hi = ul->hi;
    f->below_min = ul->below_min;
    f->min_load = u->min_load;
    if (ul->rule) {
        f->builtin = ul->rule->builtin;
        f->rule_index = ul->rule->index;
        f->rule_line = ul->rule->pos.line;
    }
    if (u->has_coke_oven) {
        f->coking_time_h = u->coking_time_h;
        f->max_coking_time_h = u->max_coking_time_h;
    }
    if (u->leader != unit) {
        f->leader = unit_label(&s->units[u->leader]);
        f->leader_kind = s->units[u->leader].kind;
    }
    f->grade = cu_effective_grade(s, unit);
    f->declared_grade = e->grade;
    f->grade_why = e->phase_out ? CU_GRADE_WHY_PHASE_OUT
                   : f->grade != e->grade ? CU_GRADE_WHY_WET
                                          : CU_GRADE_WHY_NONE;
    f->guarantee = e->guarantee;
    m = binding_member(r, unit, level, f->load);
    if (m < s->nunits)
        f->held_by = unit_label(&s->units[m]);
    f->curtailable = g->lo[grp * CU_NL + (size_t)level] < g->hi[grp * CU_NL + (size_t)level] - 1e-9;
    /* measures never relax at a stricter level: a load held at the milder
     * level's is the nesting's, not this level's choice */
    f->nested_from = -1;
    if (level > 0 && f->load >= r->load[grp * CU_NL + (size_t)level - 1] - 1e-9)
        f->nested_from = level - 1;
    /* the target the unit's cost is compared with: the binding pollutant
     * worth most for this group; the other binding ones are credited */
    f->pollutant = -1;
    for (p = 0; p < CU_NP; p++) {
        double v = r->lv[level].t[p].shadow_price * g->E[grp * CU_NP + (size_t)p];
        if (v > 0 && (f->pollutant < 0 || v > best)) {
            if (f->pollutant >= 0)
                other += best;
            f->pollutant = p;
            best = v;
        } else if (v > 0)
            other += v;
    }
    if (f->pollutant >= 0) {
        f->marginal_cost = r->lv[level].t[f->pollutant].shadow_price;
        f->cost_per_kg = (g->w[grp] * g->V[grp] - other) / g->E[grp * CU_NP + (size_t)f->pollutant];
        if (f->cost_per_kg < 0)
            f->cost_per_kg = 0;
    }
}

void cu_measure_text(const curtail_result *r, size_t unit, int level, int lang, cu_buf *out)
{
    cu_mw_facts f;
    cu_measure_facts(r, unit, level, lang, &f);
    cu_mw_text(&f, out);
}

void cu_measure_reason(const curtail_result *r, size_t unit, int level, int lang, cu_buf *out)
{
    cu_mw_facts f;
    cu_measure_facts(r, unit, level, lang, &f);
    cu_mw_reason(&f, out);
}

/* ---- the hours of a schedule ------------------------------------------------------------- */

/* A load cap as a percentage, rounded down to 2 decimals: a cap never
 * allows more than the load (64.375 % is written 64.37 %). */
void cu_put_load_percent(cu_buf *out, double load)
{
    cu_put_trimmed(out, floor(load * 10000.0 + 1e-6) / 100.0, 2);
    cu_buf_puts(out, "%");
}

static void put_cap(cu_buf *out, double load, int en)
{
    cu_buf_puts(out, en ? "; load at most " : "，负荷不高于");
    cu_put_load_percent(out, load);
}

static const char *unit_name(const cu_unit *u)
{
    return u->name ? u->name : u->id;
}

/* What a ramp hour t does, without its cap: "焖炉前逐步减少装煤（3 小时内降至0%）",
 * "焖炉后逐步恢复生产", "随1# 焦炉逐步减产". */
static void put_ramp(const curtail_result *r, size_t unit, size_t t, int note, int en,
                     cu_buf *out)
{
    const curtail_scenario *s = r->s;
    const cu_unit *u = &s->units[unit];
    size_t g = r->groups->unit_group[unit], H = (size_t)r->hours, k;
    const double *load = &r->hload[g * H];
    const char *leader = unit_name(&s->units[u->leader]);
    if (note == CU_HOUR_RAMP_DOWN) {
        /* down to the bottom of the ramp, k − t hours on */
        for (k = t; k + 1 < H && load[k + 1] < load[k]; k++)
            ;
        if (u->leader != unit) {
            cu_buf_printf(out, en ? "reduced gradually with %s" : "随%s逐步减产", leader);
            return;
        }
        if (en)
            cu_buf_puts(out, load[k] == 0.0
                                 ? "reduce coal charging gradually before hot idle (down to "
                                 : "reduce coal charging gradually (down to ");
        else
            cu_buf_printf(out, "%s逐步减少装煤（%zu 小时内降至", load[k] == 0.0 ? "焖炉前" : "",
                          k - t);
        cu_put_load_percent(out, load[k]);
        if (en)
            cu_buf_printf(out, " within %zu h)", k - t);
        else
            cu_buf_puts(out, "）");
        return;
    }
    /* back to the bottom the recovery starts from */
    for (k = t; k > 0 && load[k - 1] < load[k]; k--)
        ;
    if (u->leader != unit)
        cu_buf_printf(out, en ? "resumes gradually with %s" : "随%s逐步恢复生产", leader);
    else if (load[k] == 0.0)
        cu_buf_puts(out, en ? "resume production gradually after hot idle" : "焖炉后逐步恢复生产");
    else
        cu_buf_puts(out, en ? "resume production gradually" : "逐步恢复生产");
}

void cu_hour_text(const curtail_result *r, size_t unit, size_t t, int lang, cu_buf *out)
{
    const curtail_scenario *s = r->s;
    size_t g = r->groups->unit_group[unit], H = (size_t)r->hours;
    const double *load = &r->hload[g * H];
    int note = cu_hour_note(r, g, t), en;
    char from[8], to[8];
    if (lang == CURTAIL_LANG_DEFAULT)
        lang = s->lang;
    en = lang == CURTAIL_LANG_EN;
    switch (note) {
    case CU_HOUR_LIST:
        cu_measure_text(r, unit, r->hour_level[t], lang, out);
        break;
    case CU_HOUR_WINDOW:
        cu_format_clock(s->episode.window_from, from, sizeof from);
        cu_format_clock(s->episode.window_to, to, sizeof to);
        if (en)
            cu_buf_printf(out, "VOCs processes stopped %s–%s (shifted production)", from, to);
        else
            cu_buf_printf(out, "%s–%s 停止涉VOCs工序（错时生产）", from, to);
        break;
    case CU_HOUR_SHIFTED:
        cu_buf_puts(out, en ? "shifted production" : "错时生产");
        put_cap(out, load[t], en);
        break;
    case CU_HOUR_RAMP_DOWN:
    case CU_HOUR_RAMP_UP:
        put_ramp(r, unit, t, note, en, out);
        put_cap(out, load[t], en);
        break;
    default:
        cu_buf_puts(out, en ? "normal operation (no alert)" : "无预警，正常生产");
        break;
    }
}

void cu_ramp_run_text(const curtail_result *r, size_t unit, size_t t0, size_t t1, int lang,
                      cu_buf *out)
{
    size_t g = r->groups->unit_group[unit], H = (size_t)r->hours, t;
    const double *load = &r->hload[g * H];
    int en = (lang == CURTAIL_LANG_DEFAULT ? r->s->lang : lang) == CURTAIL_LANG_EN;
    put_ramp(r, unit, t0, cu_hour_note(r, g, t0), en, out);
    cu_buf_puts(out, en ? "; hourly load at most " : "，各小时负荷依次不高于");
    for (t = t0; t < t1; t++) {
        if (t > t0)
            cu_buf_puts(out, en ? ", " : "、");
        cu_put_load_percent(out, load[t]);
    }
}
