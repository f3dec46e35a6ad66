/* SPDX-License-Identifier: GPL-3.0-or-later */
/* measure_text.c — a unit's measure at a level, worded as a bureau writes it
 * in its list (延长结焦时间至48小时, 限产30%, 焖炉保温 ...), in Chinese or English. */
#include "write_text.h"

#include <math.h>
#include <stdint.h>

/* A number with at most two decimals and no trailing zeros: 30, 12.5, 17.25. */
static void put_plain(cu_buf *out, double v)
{
    cu_put_trimmed(out, v, 2);
}

static void put_percent(cu_buf *out, double fraction)
{
    put_plain(out, fraction * 100.0);
    cu_buf_puts(out, "%");
}

/* A guarantee unit (保障类) that no guarantee rule names keeps its base load. */
static void put_guarantee(cu_buf *out, int guarantee, int en)
{
    if (guarantee == CURTAIL_GUARANTEE_SUPPLY)
        cu_buf_puts(out, en ? "guarantee unit (output set by supply duty)"
                            : "保障类（以量定产）");
    else
        cu_buf_puts(out, en ? "guarantee unit (output set by heat demand)"
                            : "保障类（以热定产）");
}

static void put_rule(cu_buf *out, const cu_unit_fact *f, const curtail_unit_spec *unit,
                     const curtail_enterprise_spec *e, int en)
{
    switch (f->measure) {
    case CURTAIL_MEASURE_COKING_TIME:
        cu_buf_puts(out, en ? "extend coking time to " : "延长结焦时间至");
        put_plain(out, f->value);
        cu_buf_puts(out, en ? " h" : "小时");
        break;
    case CURTAIL_MEASURE_CUT:
        cu_buf_puts(out, en ? "cut output by " : "限产");
        put_percent(out, f->value);
        break;
    case CURTAIL_MEASURE_MAX_LOAD:
        cu_buf_puts(out, en ? "load at most " : "负荷不高于");
        put_percent(out, f->value);
        break;
    case CURTAIL_MEASURE_STOP:
        if (unit->kind == CURTAIL_KIND_COKE_OVEN)
            cu_buf_puts(out, en ? "hot idle (oven kept hot)" : "焖炉保温");
        else
            cu_buf_puts(out, en ? "stop production" : "停产");
        break;
    default:
        if (f->rule_source != CU_RULE_NONE)
            cu_buf_puts(out, en ? "no mandatory measure (voluntary reduction)"
                                : "不采取强制性减排措施（自主减排）");
        else if (e->guarantee != CURTAIL_GUARANTEE_NONE)
            put_guarantee(out, e->guarantee, en);
        else
            cu_buf_puts(out, en ? "no measure" : "无强制性措施");
        break;
    }
}

void cu_measure_text(const curtail_result *r, size_t unit, int level, int lang, cu_buf *out)
{
    cu_unit_info ui, mi;
    const curtail_unit_spec *u = &ui.u;
    const cu_unit_fact *f = &r->facts[unit * CU_NL + (size_t)level];
    curtail_unit_result ur;
    int en;
    if (cu_unit_info_get(r, unit, &ui) != CURTAIL_OK)
        return;
    if (lang == CURTAIL_LANG_DEFAULT)
        lang = r->lang;
    en = lang == CURTAIL_LANG_EN;

    put_rule(out, f, u, &ui.e, en);
    /* a schedule's list is its plan's: the same text */
    if (curtail_result_unit(r, (curtail_level)level, unit, &ur, NULL) != CURTAIL_OK)
        return;
    /* A rule below the technical minimum is held at the minimum (SPEC §4.3). */
    if (f->below_min) {
        cu_buf_puts(out, en ? " (held at the technical minimum, " : "（受最低负荷限制，按负荷");
        cu_put_load_percent(out, ur.load);
        cu_buf_puts(out, en ? " load)" : "运行）");
        return;
    }
    if (f->below_rule) {
        size_t m = f->binding;
        const curtail_unit_spec *mu =
            f->binding != UINT32_MAX && cu_unit_info_get(r, m, &mi) == CURTAIL_OK ? &mi.u : NULL;
        if (mu && (ui.leader == unit || m != ui.leader)) {
            /* held down by a stricter member of its load group, not by the
             * optimiser: name that member and its own measure */
            cu_buf_puts(out, en ? "; held at " : "；受联动单元“");
            if (en)
                cu_put_load_percent(out, ur.load);
            cu_buf_puts(out, en ? " by linked unit '" : "");
            cu_buf_puts(out, mu->name ? mu->name : mu->id);
            cu_buf_puts(out, en ? "' (" : "”");
            put_rule(out, &r->facts[m * CU_NL + (size_t)level], mu, &mi.e, en);
            cu_buf_puts(out, en ? ")" : "约束，负荷");
            if (!en)
                cu_put_load_percent(out, ur.load);
        } else if (ui.leader != unit) {
            /* a follower goes down with its leader (§4.3 load groups) */
            cu_buf_puts(out, en ? "; runs with " : "；随");
            cu_buf_puts(out, cu_unit_name(r, ui.leader));
            cu_buf_puts(out, en ? " at " : "减产至负荷");
            cu_put_load_percent(out, ur.load);
            if (en)
                cu_buf_puts(out, " load");
        } else {
            cu_buf_puts(out, en ? "; further curtailed to " : "；另行限产至负荷");
            cu_put_load_percent(out, ur.load);
            if (en)
                cu_buf_puts(out, " load");
        }
    }
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
    char from[8], to[8];
    if (lang == CURTAIL_LANG_DEFAULT)
        lang = r->lang;
    en = lang == CURTAIL_LANG_EN;
    switch (note) {
    case CU_HOUR_LIST:
        cu_measure_text(r, unit, r->hour_level[t], lang, out);
        break;
    case CU_HOUR_WINDOW:
        cu_format_clock(r->window_from, from, sizeof from);
        cu_format_clock(r->window_to, to, sizeof to);
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
