/* SPDX-License-Identifier: GPL-3.0-or-later */
/* measure_words.c — a unit's measure in a bureau's words and its reason,
 * from facts only (see measure_words.h). */
#include "measure_words.h"
#include "write_text.h"

#include <math.h>
#include <string.h>

#define EPS 1e-9

/* Decimals an amount is stated with: whole units from 100, else 1 or 2. */
static int amount_decimals(double v)
{
    return v >= 100.0 ? 0 : v >= 10.0 ? 1 : 2;
}

double cu_mw_amount_floor(double v)
{
    static const double p10[3] = {1.0, 10.0, 100.0}; /* = pow(10, decimals) */
    double p = p10[amount_decimals(v)];
    if (!(v > 0))
        return 0.0;
    /* the tolerance keeps 768 (767.9999999 in binary) at 768 */
    return floor(v * p * (1.0 + 1e-12) + 1e-7) / p;
}

static void put_amount_floor(cu_buf *out, const cu_mw_facts *f, double load)
{
    double v = cu_capu_amount(f->capu, load * f->capacity);
    cu_put_trimmed(out, cu_mw_amount_floor(v), amount_decimals(v));
    cu_buf_puts(out, f->en ? " " : "");
    cu_buf_puts(out, cu_capu_label(f->capu, f->en));
}

static void put_amount_round(cu_buf *out, const cu_mw_facts *f, double load)
{
    double v = cu_capu_amount(f->capu, load * f->capacity);
    cu_put_trimmed(out, v, amount_decimals(v));
    cu_buf_puts(out, f->en ? " " : "");
    cu_buf_puts(out, cu_capu_label(f->capu, f->en));
}

/* What the indicator measures, by kind. */
static const char *quantity(int kind, int en)
{
    switch (kind) {
    case CURTAIL_KIND_COKE_OVEN: return en ? "coke output" : "焦炭产量";
    case CURTAIL_KIND_BOILER: return en ? "steam output" : "蒸发量";
    case CURTAIL_KIND_LOADING: return en ? "quantity loaded" : "装车（装卸）量";
    case CURTAIL_KIND_STORAGE: return en ? "tank-farm throughput" : "储罐区收发量";
    case CURTAIL_KIND_COAL_PREP: return en ? "coal blended" : "配煤量";
    default: return en ? "output" : "产量";
    }
}

/* "（焦炭产量由1567.5吨/日降至979.6吨/日及以下）" */
static void put_from_to(cu_buf *out, const cu_mw_facts *f)
{
    if (f->en) {
        cu_buf_puts(out, " (");
        cu_buf_puts(out, quantity(f->kind, 1));
        cu_buf_puts(out, " from ");
        put_amount_round(out, f, f->base_load);
        cu_buf_puts(out, " to at most ");
        put_amount_floor(out, f, f->load);
        cu_buf_puts(out, ")");
    } else {
        cu_buf_puts(out, "（");
        cu_buf_puts(out, quantity(f->kind, 0));
        cu_buf_puts(out, "由");
        put_amount_round(out, f, f->base_load);
        cu_buf_puts(out, "降至");
        put_amount_floor(out, f, f->load);
        cu_buf_puts(out, "及以下）");
    }
}

/* "（蒸发量不高于67.5吨/小时）" */
static void put_at_most(cu_buf *out, const cu_mw_facts *f)
{
    cu_buf_puts(out, f->en ? " (" : "（");
    cu_buf_puts(out, quantity(f->kind, f->en));
    cu_buf_puts(out, f->en ? " at most " : "不高于");
    put_amount_floor(out, f, f->load);
    cu_buf_puts(out, f->en ? ")" : "）");
}

static int voluntary_grade(int grade)
{
    return grade == CURTAIL_GRADE_A || grade == CURTAIL_GRADE_LEADING;
}

static void put_zero(cu_buf *out, int kind, int en)
{
    switch (kind) {
    case CURTAIL_KIND_COKE_OVEN:
        cu_buf_puts(out, en ? "hot idle (oven kept hot)" : "焖炉保温");
        break;
    case CURTAIL_KIND_LOADING:
        cu_buf_puts(out, en ? "stop loading and unloading" : "停止装车（装卸）作业");
        break;
    case CURTAIL_KIND_STORAGE:
        cu_buf_puts(out, en ? "tank farm stops receiving and dispatching"
                            : "储罐区停止收发作业");
        break;
    default:
        cu_buf_puts(out, en ? "stop production" : "停产");
        break;
    }
}

static void put_guarantee(cu_buf *out, int guarantee, int en)
{
    if (guarantee == CURTAIL_GUARANTEE_SUPPLY)
        cu_buf_puts(out, en ? "guarantee unit (output set by supply duty)"
                            : "保障类（以量定产）");
    else
        cu_buf_puts(out, en ? "guarantee unit (output set by heat demand)"
                            : "保障类（以热定产）");
}

/* "负荷不高于设计产能的60%（产量不高于576吨/日）" */
static void put_cap(cu_buf *out, const cu_mw_facts *f)
{
    cu_buf_puts(out, f->en ? "load at most " : "负荷不高于设计产能的");
    cu_put_load_percent(out, f->load);
    cu_buf_puts(out, f->en ? " of capacity" : "");
    put_at_most(out, f);
}

/* A coke oven's cut as a coking time: T = b·T0/x, rounded up to 0.1 h
 * (never more coke than the load), when it is at most the battery's
 * maximum; else 0 (the cut is worded otherwise). */
static double coking_time_for(const cu_mw_facts *f)
{
    double t;
    if (f->kind != CURTAIL_KIND_COKE_OVEN || !(f->coking_time_h > 0) || !(f->load > 0))
        return 0.0;
    t = f->base_load * f->coking_time_h / f->load;
    return t <= f->max_coking_time_h + 1e-6 ? ceil(t * 10.0 - 1e-6) / 10.0 : 0.0;
}

/* A stepped unit at a whole number k of its steps (issue 10): "停产2条生产线
 * （共4条）", or for a step "限产至设计产能的50%（以生产线计）"; 0 when the
 * load is not a multiple of the step (its floor or its rule's load). */
static int put_steps(cu_buf *out, const cu_mw_facts *f)
{
    double k;
    if (!(f->step > 0))
        return 0;
    k = nearbyint(f->load / f->step);
    if (fabs(f->load / f->step - k) > 1e-9 * (1.0 + k))
        return 0;
    if (f->lines > 0) {
        unsigned run = (unsigned)k, stop = f->lines - run;
        if (f->en)
            cu_buf_printf(out, "stop %u of %u production line%s", stop, f->lines,
                          f->lines == 1 ? "" : "s");
        else
            cu_buf_printf(out, "停产%u条生产线（共%u条）", stop, f->lines);
    } else {
        cu_buf_puts(out, f->en ? "cut to " : "限产至设计产能的");
        cu_put_load_percent(out, f->load);
        cu_buf_puts(out, f->en ? " of capacity (by whole production lines)" : "（以生产线计）");
    }
    put_from_to(out, f);
    return 1;
}

/* A unit at a load strictly between 0 and its base load. */
static void put_partial(cu_buf *out, const cu_mw_facts *f)
{
    int en = f->en;
    {
        double t = coking_time_for(f);
        if (t > 0) {
            cu_buf_puts(out, en ? "extend coking time to " : "延长结焦时间至");
            cu_put_trimmed(out, t, 1);
            cu_buf_puts(out, en ? " h" : "小时");
            put_from_to(out, f);
            return;
        }
    }
    if (f->kind == CURTAIL_KIND_LOADING || f->kind == CURTAIL_KIND_STORAGE) {
        cu_buf_puts(out, f->kind == CURTAIL_KIND_LOADING
                             ? (en ? "reduce loading to " : "装车（装卸）作业减至设计能力的")
                             : (en ? "reduce tank-farm receiving and dispatching to "
                                   : "储罐区收发作业减至设计能力的"));
        cu_put_load_percent(out, f->load);
        cu_buf_puts(out, en ? " of capacity" : "");
        put_from_to(out, f);
        return;
    }
    if (put_steps(out, f))
        return;
    if (f->has_rule && f->measure == CURTAIL_MEASURE_CUT && !f->below_min &&
        fabs(f->load - f->base_load * (1.0 - f->value)) <= EPS) {
        /* exactly the rule's cut, relative to the stated base */
        cu_buf_puts(out, en ? "cut output by " : "限产");
        cu_put_trimmed(out, f->value * 100.0, 2);
        cu_buf_puts(out, "%");
    } else {
        cu_buf_puts(out, en ? "cut to " : "限产至设计产能的");
        cu_put_load_percent(out, f->load);
        cu_buf_puts(out, en ? " of capacity" : "");
    }
    put_from_to(out, f);
}

void cu_mw_window(const char *range, int en, cu_buf *out)
{
    if (en)
        cu_buf_printf(out, "VOCs processes stopped %s (shifted production)", range);
    else
        cu_buf_printf(out, "%s 停止涉VOCs工序（错时生产）", range);
}

static void mw_text(const cu_mw_facts *f, cu_buf *out);

/* The measure, then the ozone window's stop when there is one: alone where
 * the level asks nothing else ("本级别无停限产要求" would contradict it). */
void cu_mw_text(const cu_mw_facts *f, cu_buf *out)
{
    size_t len = out->len;
    mw_text(f, out);
    if (!f->window[0])
        return;
    if (out->len > len)
        cu_buf_puts(out, f->en ? ", " : "，");
    cu_mw_window(f->window, f->en, out);
}

static void mw_text(const cu_mw_facts *f, cu_buf *out)
{
    int en = f->en;
    if (f->load >= f->base_load - EPS) {
        /* not cut at this level */
        if (f->guarantee != CURTAIL_GUARANTEE_NONE && !f->has_rule) {
            put_guarantee(out, f->guarantee, en);
            cu_buf_puts(out, en ? ", " : "，");
            put_cap(out, f);
        } else if (f->has_rule && f->measure != CURTAIL_MEASURE_NONE && !f->leader)
            put_cap(out, f); /* a rule at or above the base load: the cap is the base */
        else if (voluntary_grade(f->grade))
            cu_buf_puts(out, en ? "no mandatory measure (voluntary reduction)"
                                : "不采取强制性减排措施（自主减排）");
        else if (!f->window[0])
            cu_buf_puts(out, en ? "no curtailment required at this level"
                                : "本级别无停限产要求");
        return;
    }
    if (f->leader) {
        if (f->load <= EPS) {
            if (f->has_rule && f->measure == CURTAIL_MEASURE_STOP)
                put_zero(out, f->kind, en);
            else if (f->leader_kind == CURTAIL_KIND_COKE_OVEN)
                cu_buf_printf(out, en ? "stops while %s is in hot idle" : "随%s焖炉停止生产",
                              f->leader);
            else
                cu_buf_printf(out, en ? "stops with %s" : "随%s同步停产", f->leader);
            return;
        }
        cu_buf_printf(out, en ? "cut with %s" : "随%s同步减产", f->leader);
        put_from_to(out, f);
        return;
    }
    if (f->load <= EPS) {
        put_zero(out, f->kind, en);
        return;
    }
    put_partial(out, f);
}

/* ---- reasons ------------------------------------------------------------------------------ */

static void sep(cu_buf *out, int *any, int en)
{
    if (*any)
        cu_buf_puts(out, en ? "; " : "；");
    *any = 1;
}

/* The rule's own words: "延长结焦时间至36小时", "限产20%", "负荷不高于60%". */
static void put_rule_words(cu_buf *out, const cu_mw_facts *f)
{
    int en = f->en;
    switch (f->measure) {
    case CURTAIL_MEASURE_COKING_TIME:
        cu_buf_puts(out, en ? "extend coking time to " : "延长结焦时间至");
        cu_put_trimmed(out, f->value, 2);
        cu_buf_puts(out, en ? " h" : "小时");
        break;
    case CURTAIL_MEASURE_CUT:
        cu_buf_puts(out, en ? "cut output by " : "限产");
        cu_put_trimmed(out, f->value * 100.0, 2);
        cu_buf_puts(out, "%");
        break;
    case CURTAIL_MEASURE_MAX_LOAD:
        cu_buf_puts(out, en ? "load at most " : "负荷不高于设计产能的");
        cu_put_trimmed(out, f->value * 100.0, 2);
        cu_buf_puts(out, en ? "% of capacity" : "%");
        break;
    case CURTAIL_MEASURE_STOP:
        put_zero(out, f->kind, en);
        break;
    default:
        cu_buf_puts(out, en ? "no mandatory measure" : "无强制性措施");
        break;
    }
}

/* The optimiser's reason in its numbers: the unit's grade-weighted cost per
 * kg of f->pollutant beside the level's marginal cost, for a unit cut beyond
 * its rule (not above it) or one spared (not below it). */
static void put_cost_vs_marginal(cu_buf *out, const cu_mw_facts *f, int cut)
{
    int en = f->en;
    if (cut)
        cu_buf_puts(out, en ? "cut beyond the rule by the optimiser: " : "优化加严：单位减排成本");
    else
        cu_buf_puts(out, en ? "may be cut further, spared: " : "可优化加严而未加严：单位减排成本");
    cu_put_trimmed(out, f->cost_per_kg, 2);
    if (en) {
        cu_buf_puts(out, " yuan/kg ");
        cu_buf_puts(out, curtail_pollutant_name((curtail_pollutant)f->pollutant));
        cu_buf_puts(out, cut ? " (grade-weighted) not above the level's marginal cost "
                             : " (grade-weighted) not below the level's marginal cost ");
    } else {
        cu_buf_puts(out, "元/千克");
        cu_buf_puts(out, cu_pollutant_zh[f->pollutant]);
        cu_buf_puts(out, cut ? "（按等级权重），不高于本级别边际成本"
                             : "（按等级权重），不低于本级别边际成本");
    }
    cu_put_trimmed(out, f->marginal_cost, 2);
    cu_buf_puts(out, en ? " yuan/kg" : "元/千克");
}

void cu_mw_reason(const cu_mw_facts *f, cu_buf *out)
{
    const char *const *gn = f->en ? cu_grade_en : cu_grade_zh;
    int en = f->en, any = 0;
    if (f->grade_why == CU_GRADE_WHY_PHASE_OUT) {
        sep(out, &any, en);
        cu_buf_printf(out, en ? "managed as %s (listed for phase-out)" : "列入淘汰，按%s管控",
                      gn[f->grade]);
    } else if (f->grade_why == CU_GRADE_WHY_WET) {
        sep(out, &any, en);
        cu_buf_printf(out,
                      en ? "managed as %s (5.5 m+ oven with wet quenching: one grade stricter)"
                         : "5.5米及以上焦炉湿法熄焦，加严一级按%s管控",
                      gn[f->grade]);
    }
    sep(out, &any, en);
    if (f->has_rule) {
        if (f->builtin) {
            cu_buf_puts(out, en ? "built-in rule " : "内置规则表第");
            cu_buf_uint(out, f->rule_index + 1);
            cu_buf_puts(out, en ? ": " : "条：");
        } else if (f->rule_line)
            cu_buf_printf(out, en ? "scenario policy[%zu] (line %u): " : "方案 policy[%zu]（第%u行）：",
                          f->rule_index, f->rule_line);
        else
            cu_buf_printf(out, en ? "scenario policy[%zu]: " : "方案 policy[%zu]：", f->rule_index);
        put_rule_words(out, f);
        if (f->measure != CURTAIL_MEASURE_NONE && f->measure != CURTAIL_MEASURE_STOP &&
            f->rule_hi >= f->base_load - EPS && !f->below_min)
            cu_buf_puts(out, en ? " (not below the base load)" : "（不低于基准负荷，不构成限制）");
    } else if (f->guarantee != CURTAIL_GUARANTEE_NONE)
        cu_buf_puts(out, en ? "guarantee unit: keeps its base load" : "保障类，按基准负荷运行");
    else
        cu_buf_puts(out, en ? "no rule applies" : "无适用规则");
    if (f->below_min) {
        sep(out, &any, en);
        cu_buf_puts(out, en ? "the rule asks for less than the technical minimum; held at "
                            : "规则要求低于最低负荷，按最低负荷");
        cu_put_load_percent(out, f->min_load);
    }
    if (f->load < f->rule_hi - EPS && !f->below_min) {
        sep(out, &any, en);
        if (f->held_by)
            cu_buf_printf(out, en ? "held by linked unit '%s'" : "受联动单元“%s”约束", f->held_by);
        else if (f->nested_from >= 0 && !(f->pollutant >= 0 && f->cost_per_kg < f->marginal_cost))
            cu_buf_printf(out, en ? "kept at the %s level's load (measures never relax at a stricter level)"
                                  : "保持%s预警负荷（措施逐级加严）",
                          cu_level_label(f->nested_from, en, 0));
        else if (f->pollutant >= 0)
            put_cost_vs_marginal(out, f, 1);
        else
            cu_buf_puts(out, en ? "cut beyond the rule by the optimiser" : "优化加严");
    } else if (f->curtailable && f->load > EPS) {
        sep(out, &any, en);
        if (f->pollutant >= 0)
            put_cost_vs_marginal(out, f, 0);
        else
            cu_buf_puts(out, en ? "may be cut further; the level's targets need no more"
                                : "可优化加严；本级别目标无需进一步减排");
    }
}

/* ---- the measure's class (the summary's counts) ------------------------------------------- */

static int zero_class(int kind)
{
    switch (kind) {
    case CURTAIL_KIND_COKE_OVEN: return CU_MC_HOT_IDLE;
    case CURTAIL_KIND_LOADING: return CU_MC_STOP_LOADING;
    case CURTAIL_KIND_STORAGE: return CU_MC_STOP_STORAGE;
    default: return CU_MC_STOP;
    }
}

int cu_mw_class(const cu_mw_facts *f)
{
    /* the branches of cu_mw_text, in its order */
    if (f->load >= f->base_load - EPS) {
        if (f->guarantee != CURTAIL_GUARANTEE_NONE)
            return CU_MC_GUARANTEE;
        if (f->has_rule && f->measure != CURTAIL_MEASURE_NONE && !f->leader)
            return CU_MC_NONE; /* a cap at the base load: nothing to curtail */
        return voluntary_grade(f->grade) ? CU_MC_VOLUNTARY : CU_MC_NONE;
    }
    if (f->load <= EPS) {
        if (f->leader && !(f->has_rule && f->measure == CURTAIL_MEASURE_STOP))
            return CU_MC_STOP; /* 随…焖炉停止生产 / 随…同步停产 */
        return zero_class(f->kind);
    }
    if (!f->leader && coking_time_for(f) > 0)
        return CU_MC_COKING_TIME;
    return CU_MC_CUT;
}
