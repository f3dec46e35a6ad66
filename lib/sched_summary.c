/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sched_summary.c — a schedule's summary (sched_summary.h). */
#include "sched_summary.h"

#include <math.h>
#include <string.h>

int cu_sched_sum_compute(const curtail_result *r, cu_sched_sum *s)
{
    const cu_group_view *g = &r->gv;
    size_t k, gi, u, t, H = curtail_result_hour_count(r), n = curtail_result_unit_count(r);
    int p;
    memset(s, 0, sizeof *s);
    s->mem = r->mem;
    s->has_county = r->base == CURTAIL_BASE_TOTALS;
    s->nseg = curtail_result_segment_count(r);
    s->seg = cu_calloc(r->mem, s->nseg ? s->nseg : 1, sizeof *s->seg);
    if (!s->seg)
        return CURTAIL_ENOMEM;
    for (k = 0; k < s->nseg; k++) {
        curtail_segment_result sg;
        cu_sched_seg *o = &s->seg[k];
        int rc = curtail_result_segment(r, k, &sg, NULL);
        if (rc != CURTAIL_OK)
            return rc;
        memcpy(o->day, sg.day, sizeof o->day);
        o->level = (int)sg.level;
        o->hours = sg.hours;
        o->status = (int)sg.status;
        o->lost_value = sg.lost_value;
        o->weighted_loss = sg.weighted_loss;
        s->lost_segments += sg.lost_value;
        s->weighted_segments += sg.weighted_loss;
        for (p = 0; p < CU_NP; p++) {
            cu_sum_target *q = &o->t[p];
            /* the segment's baseline is the targets' base over its hours */
            q->county = s->has_county ? sg.targets[p].baseline : 0.0;
            q->listed = g->listed[p] * sg.hours / 24.0;
            q->required = sg.targets[p].required;
            q->achieved = sg.targets[p].achieved;
            q->shortfall = sg.targets[p].shortfall;
        }
    }
    /* every hour, the ramps outside the alerts too */
    if (r->hload)
        for (gi = 0; gi < g->ngroups; gi++) {
            double cut = 0.0;
            for (t = 0; t < H; t++)
                cut += g->b[gi] - r->hload[gi * H + t];
            s->lost_total += g->V[gi] * cut / 24.0;
        }
    s->weighted_total = curtail_result_objective(r);
    /* the grade weights, as the plan's summary finds them */
    for (u = 0; u < n; u++) {
        int grade = r->grades ? r->grades[u].grade : -1;
        if (grade < 0 || grade >= CURTAIL_NGRADES || s->weights.has_weight[grade])
            continue;
        s->weights.has_weight[grade] = 1;
        s->weights.weight[grade] = g->w[g->unit_group[u]];
    }
    return CURTAIL_OK;
}

void cu_sched_sum_free(cu_sched_sum *s)
{
    if (s->seg)
        cu_free(s->mem, s->seg);
    s->seg = NULL;
    s->nseg = 0;
}

/* What shows as 0.00 万元 is nothing. */
static double visible(double yuan)
{
    return fabs(yuan) >= 50.0 ? yuan : 0.0;
}

double cu_sched_lost_outside(const cu_sched_sum *s)
{
    return visible(s->lost_total - s->lost_segments);
}

double cu_sched_weighted_outside(const cu_sched_sum *s)
{
    return visible(s->weighted_total - s->weighted_segments);
}

void cu_sched_status_text(const curtail_result *r, int en, cu_buf *out)
{
    cu_buf_puts(out, en ? "Status: " : "状态：");
    cu_buf_puts(out, cu_status_all_label(curtail_result_status(r), en));
    cu_buf_puts(out, en ? "." : "。");
}

void cu_sched_base_text(const cu_sched_sum *s, int en, cu_buf *out)
{
    if (s->has_county)
        cu_buf_puts(out, en ? "The targets are ratios of the county's total emissions; the "
                              "listed enterprises' emissions are a part of them, and the ratios "
                              "are given against both. "
                            : "减排目标以全社会排放量为基数；清单企业排放量为其中一部分，减排比例分别"
                              "按两个基数列出。");
    else
        cu_buf_puts(out, en ? "The targets are ratios of the listed enterprises' emissions; the "
                              "scenario gives no county total. "
                            : "减排目标以清单企业排放量为基数；情景未给出全社会排放量。");
    cu_buf_puts(out, en ? "Emissions and reductions are kg over each segment's hours (the "
                          "listed enterprises at base load), lost output value is over the "
                          "same hours."
                        : "各时段排放量、减排量为该时段各小时之和（千克，清单企业按基准负荷计），"
                          "损失产值为该时段各小时之和。");
}

void cu_sched_total_text(const cu_sched_sum *s, int en, cu_buf *out)
{
    double outside = cu_sched_lost_outside(s);
    cu_buf_puts(out, en ? "Lost output value over the scheduled horizon: "
                        : "排程时段损失产值合计 ");
    cu_put_fixed(out, s->lost_total / 10000.0, 2);
    cu_buf_puts(out, en ? " 10k yuan (the segments happen one after the other, so their values "
                          "add up"
                        : " 万元（各时段依次发生，损失产值可以相加");
    if (outside != 0.0) {
        cu_buf_puts(out, en ? "; of it " : "；其中预警时段以外 ");
        cu_put_fixed(out, outside / 10000.0, 2);
        cu_buf_puts(out, en ? " 10k yuan outside the alerts, coke ovens changing load before "
                              "or after an alert"
                            : " 万元，为焦炉在预警前后逐步调整负荷");
    }
    cu_buf_puts(out, en ? ")." : "）。");
}

void cu_sched_seg_status_text(const cu_sched_seg *g, int en, cu_buf *out)
{
    cu_buf_printf(out, en ? "Status: %s; lost output value " : "状态：%s；损失产值 ",
                  cu_status_label(g->status, en));
    cu_put_fixed(out, g->lost_value / 10000.0, 2);
    cu_buf_puts(out, en ? " 10k yuan." : " 万元。");
}

void cu_sched_plan_notes(const curtail_result *r, const cu_sched_sum *s, int en, cu_buf *out)
{
    int present[CU_NL] = {0}, L, p, any, lead = 0;
    size_t k;
    for (k = 0; k < s->nseg; k++)
        present[s->seg[k].level] = 1;
    for (L = 0; L < CU_NL; L++) {
        const char *lv = cu_level_label(L, en, 1);
        if (!present[L])
            continue;
        for (p = 0, any = 0; p < CU_NP; p++)
            any |= r->has_credits && r->credit[L][p] > 0;
        for (k = 0; k < r->ncomb; k++)
            any |= r->comb[k].level == L;
        if (!any)
            continue;
        if (!lead++)
            cu_buf_puts(out, en ? "The plan's non-industrial credits and combined targets, per "
                                  "day (the same in every segment of the level):\n"
                                : "方案中的非工业源抵扣与合并减排目标（按日计，同级别各时段相同）：\n");
        for (p = 0, any = 0; p < CU_NP; p++) {
            if (!(r->has_credits && r->credit[L][p] > 0))
                continue;
            if (!any++)
                cu_buf_printf(out, en ? "%s: non-industrial credits (kg/d, already off the "
                                        "requirement): "
                                      : "%s：非工业源抵扣（千克/日，已从减排要求中扣除）：",
                              lv);
            else
                cu_buf_puts(out, en ? ", " : "，");
            cu_buf_printf(out, "%s ", cu_pollutant_label(p, en));
            cu_put_fixed(out, r->credit[L][p], 2);
        }
        if (any)
            cu_buf_puts(out, en ? ".\n" : "。\n");
        for (k = 0; k < r->ncomb; k++) {
            const cu_comb_res *c = &r->comb[k];
            if (c->level != L)
                continue;
            cu_buf_printf(out, en ? "%s: " : "%s：", lv);
            for (p = 0, any = 0; p < CU_NP; p++)
                if (c->pollutants & (1u << p))
                    cu_buf_printf(out, "%s%s", any++ ? "+" : "",
                                  cu_pollutant_label(p, en));
            cu_buf_puts(out, en ? " reduction ratios summed: at least " : " 减排比例之和不低于 ");
            cu_put_fixed(out, 100 * c->ratio, 2);
            if (c->credit > 0) {
                cu_buf_puts(out, en ? "%, of which non-industrial credits " : "%，其中非工业源抵扣 ");
                cu_put_fixed(out, 100 * c->credit, 2);
                cu_buf_puts(out, en ? "%, the listed enterprises " : "%，清单企业须达 ");
                cu_put_fixed(out, 100 * c->required, 2);
            }
            cu_buf_puts(out, en ? "%; achieved " : "%；实际 ");
            cu_put_fixed(out, 100 * c->achieved, 2);
            cu_buf_puts(out, en ? "%, shortfall " : "%，缺口 ");
            cu_put_fixed(out, 100 * c->shortfall, 2);
            cu_buf_puts(out, en ? "%.\n" : "%。\n");
        }
    }
}

void cu_sched_annex_text(const cu_sched_sum *s, int which, int en, cu_buf *out)
{
    switch (which) {
    case 0:
        cu_sum_annex_text(&s->weights, 0, en, out); /* the plan's words */
        break;
    case 1:
        cu_buf_puts(out, en ? "The schedule's objective is the sum of the weighted losses of "
                              "every hour of the scheduled horizon (the hours of coke ovens "
                              "changing load before or after an alert too), for comparing "
                              "scenarios; the schedule optimises nothing itself (it executes "
                              "the plan's list hour by hour), and a weighted loss is not money "
                              "spent. Objective: "
                            : "排程的目标函数为排程时段内各小时加权损失之和（含焦炉在预警前后逐步调整"
                              "负荷的小时），供不同情景之间比较；排程本身不再优化（按小时执行方案清单），"
                              "加权损失也不是实际金额。目标函数值：");
        cu_put_fixed(out, s->weighted_total / 10000.0, 2);
        cu_buf_puts(out, en ? " 10k yuan." : " 万元。");
        break;
    default:
        cu_buf_puts(out, en ? "The schedule executes the plan's list hour by hour; nothing is "
                              "optimised per segment, so no marginal costs are given here: they "
                              "are in the annex of the plan (curtail plan)."
                            : "排程按小时执行方案的一企一策清单，各时段不单独优化，因此此处不列边际"
                              "减排成本，见方案（curtail plan）附录。");
        break;
    }
}
