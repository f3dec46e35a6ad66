/* SPDX-License-Identifier: GPL-3.0-or-later */
/* measure_text.c — a unit's measure at a level, worded as a bureau writes it
 * in its list (延长结焦时间至48小时, 限产30%, 焖炉保温 ...), in Chinese or English. */
#include "write_text.h"
#include "measure_words.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* What one more kg/d of p at level is worth: its target's shadow price plus,
 * for each combined row naming p (issue 10), that row's price over B[p]. */
static double target_price(const curtail_result *r, int level, int p)
{
    double v = r->lv[level].t[p].shadow_price, b = r->lv[level].t[p].baseline;
    size_t k;
    for (k = 0; k < r->ncomb; k++)
        if (r->comb[k].level == level && (r->comb[k].pollutants & (1u << p)) && b > 0)
            v += r->comb[k].shadow_price / b;
    return v;
}

/* Does the list tell the unit of its ozone-window stop at `level` (review
 * P2-4)? An ozone-season plan (or its schedule: a schedule's list is its
 * plan's) whose episode has a window covering the level, a unit the window
 * stops (SPEC §6) that runs at that level. */
int cu_measure_has_window(const curtail_result *r, size_t unit, int level)
{
    return r->has_ozone && (r->ozone_levels & (1u << level)) &&
           curtail_scenario_season(r->s) == CURTAIL_SEASON_OZONE && r->grades[unit].ozone_stopped &&
           r->load[r->gv.unit_group[unit] * CU_NL + (size_t)level] > 0;
}

static void window_range(const curtail_result *r, char *buf, size_t n)
{
    char from[8], to[8];
    cu_format_clock(r->window_from, from, sizeof from);
    cu_format_clock(r->window_to, to, sizeof to);
    snprintf(buf, n, "%s–%s", from, to);
}

void cu_measure_facts(const curtail_result *r, size_t unit, int level, int lang, cu_mw_facts *f)
{
    const cu_group_view *g = &r->gv;
    const cu_unit_fact *uf = &r->facts[unit * CU_NL + (size_t)level];
    const cu_unit_grade *ug = &r->grades[unit];
    cu_unit_info ui;
    size_t grp = g->unit_group[unit];
    double best = 0.0, other = 0.0;
    int p;
    if (lang == CURTAIL_LANG_DEFAULT)
        lang = r->lang;
    memset(f, 0, sizeof *f);
    f->en = lang == CURTAIL_LANG_EN;
    f->pollutant = -1;
    f->nested_from = -1;
    if (cu_unit_info_get(r, unit, &ui) != CURTAIL_OK)
        return;
    f->kind = ui.u.kind;
    f->capu = cu_capu_resolve(ui.u.capacity_unit ? cu_capu_from_name(ui.u.capacity_unit) : 0,
                              ui.u.kind);
    f->capacity = ui.u.capacity;
    f->base_load = g->b[grp];
    f->load = r->load[grp * CU_NL + (size_t)level];
    f->has_rule = uf->rule_source != CU_RULE_NONE;
    f->measure = uf->measure;
    f->value = uf->value;
    f->rule_hi = uf->hi;
    f->below_min = uf->below_min;
    f->min_load = ui.u.min_load;
    if (f->has_rule) {
        f->builtin = uf->rule_source == CU_RULE_BUILTIN;
        f->rule_index = uf->rule_index;
        f->rule_line = uf->rule_pos.line;
    }
    curtail_scenario_unit_steps(r->s, unit, &f->lines, &f->step, NULL);
    if (cu_measure_has_window(r, unit, level))
        window_range(r, f->window, sizeof f->window);
    if (ui.u.has_coke_oven) {
        f->coking_time_h = ui.u.coking_time_h;
        f->max_coking_time_h = ui.u.max_coking_time_h;
    }
    if (ui.leader != unit) {
        curtail_unit_spec lu = CURTAIL_UNIT_SPEC_INIT;
        f->leader = cu_unit_name(r, ui.leader);
        if (curtail_scenario_unit(r->s, ui.leader, &lu, NULL, NULL) == CURTAIL_OK)
            f->leader_kind = lu.kind;
    }
    f->grade = ug->grade;
    f->declared_grade = ui.e.grade;
    f->grade_why = (ug->grade_why & CU_GRADE_BY_PHASE_OUT)       ? CU_GRADE_WHY_PHASE_OUT
                   : (ug->grade_why & CU_GRADE_BY_WET_QUENCHING) ? CU_GRADE_WHY_WET
                                                                 : CU_GRADE_WHY_NONE;
    f->guarantee = ui.e.guarantee;
    if (uf->binding != UINT32_MAX && uf->binding != unit)
        f->held_by = cu_unit_name(r, uf->binding);
    f->curtailable =
        g->lo[grp * CU_NL + (size_t)level] < g->hi[grp * CU_NL + (size_t)level] - 1e-9;
    /* measures never relax at a stricter level: a load held at the milder
     * level's is the nesting's, not this level's choice */
    if (level > 0 && f->load >= r->load[grp * CU_NL + (size_t)level - 1] - 1e-9)
        f->nested_from = level - 1;
    /* the target the unit's cost is compared with: the binding pollutant
     * worth most for this group; the other binding ones are credited */
    for (p = 0; p < CU_NP; p++) {
        double v = target_price(r, level, p) * g->E[grp * CU_NP + (size_t)p];
        if (v > 0 && (f->pollutant < 0 || v > best)) {
            if (f->pollutant >= 0)
                other += best;
            f->pollutant = p;
            best = v;
        } else if (v > 0)
            other += v;
    }
    if (f->pollutant >= 0) {
        f->marginal_cost = target_price(r, level, f->pollutant);
        f->cost_per_kg =
            (g->w[grp] * g->V[grp] - other) / g->E[grp * CU_NP + (size_t)f->pollutant];
        if (f->cost_per_kg < 0)
            f->cost_per_kg = 0;
    }
}

void cu_window_stop_text(const curtail_result *r, int en, cu_buf *out)
{
    char range[24];
    window_range(r, range, sizeof range);
    cu_mw_window(range, en, out);
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

/* What a ramp hour t does, without its cap: "焖炉前逐步减少装煤（3 小时内降至0%）",
 * "焖炉后逐步恢复生产", "随1# 焦炉逐步减产". */
static void put_ramp(const curtail_result *r, size_t unit, size_t t, int note, int en,
                     cu_buf *out)
{
    size_t g = r->gv.unit_group[unit], H = (size_t)r->hours, k;
    size_t lead = r->gv.group_leader[g];
    const double *load = &r->hload[g * H];
    const char *leader = cu_unit_name(r, lead);
    if (note == CU_HOUR_RAMP_DOWN) {
        /* down to the bottom of the ramp, k − t hours on */
        for (k = t; k + 1 < H && load[k + 1] < load[k]; k++)
            ;
        if (lead != unit) {
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
    if (lead != unit)
        cu_buf_printf(out, en ? "resumes gradually with %s" : "随%s逐步恢复生产", leader);
    else if (load[k] == 0.0)
        cu_buf_puts(out, en ? "resume production gradually after hot idle" : "焖炉后逐步恢复生产");
    else
        cu_buf_puts(out, en ? "resume production gradually" : "逐步恢复生产");
}

void cu_hour_text(const curtail_result *r, size_t unit, size_t t, int lang, cu_buf *out)
{
    size_t g = r->gv.unit_group[unit], H = (size_t)r->hours;
    const double *load = &r->hload[g * H];
    int note = cu_hour_note(r, g, t), en;
    if (lang == CURTAIL_LANG_DEFAULT)
        lang = r->lang;
    en = lang == CURTAIL_LANG_EN;
    switch (note) {
    case CU_HOUR_LIST: {
        /* an hour outside the window: the list's measure without the stop */
        cu_mw_facts f;
        cu_measure_facts(r, unit, r->hour_level[t], lang, &f);
        f.window[0] = '\0';
        cu_mw_text(&f, out);
        break;
    }
    case CU_HOUR_WINDOW:
        cu_window_stop_text(r, en, out);
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
    size_t g = r->gv.unit_group[unit], H = (size_t)r->hours, t;
    const double *load = &r->hload[g * H];
    int en = (lang == CURTAIL_LANG_DEFAULT ? r->lang : lang) == CURTAIL_LANG_EN;
    put_ramp(r, unit, t0, cu_hour_note(r, g, t0), en, out);
    cu_buf_puts(out, en ? "; hourly load at most " : "，各小时负荷依次不高于");
    for (t = t0; t < t1; t++) {
        if (t > t0)
            cu_buf_puts(out, en ? ", " : "、");
        cu_put_load_percent(out, load[t]);
    }
}
