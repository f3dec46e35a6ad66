/* SPDX-License-Identifier: GPL-3.0-or-later */
/* write_md.c — a plan or a schedule as Markdown (SPEC §7). Chinese by
 * default, English with lang en. Numbers as in the CSV: loads 4 decimals,
 * kg and yuan 2 decimals.
 *
 * The title is the scenario's name; without one, the input file's name
 * (without its directory), else 应急减排清单 / Emergency reduction list.
 *
 * A plan: the title and title block, the status; per level the lost
 * output value in 万元/日 (never added over levels) and a table per
 * pollutant with the county total (全社会排放量) and the listed enterprises'
 * emissions (清单企业排放量) as two quantities, required, achieved,
 * shortfall, and the ratios against both, then any shortfall in words;
 * the counts of units and enterprises by measure class, by grade, industry
 * and town (summary.h computes every number once); the list (一企一策)
 * with the CSV's columns in the CSV's order; the warnings; and the annex
 * (附录): weighted losses, the objective, marginal costs in 元/千克 and how
 * the grade weights enter.
 *
 * A schedule (sched_summary.h): the title; the status (the objective is in
 * the annex); the alert period (预警时段, the timeline's entries with their
 * levels) apart from the scheduled horizon (排程时段); what the episode
 * executes (the list, with the ozone-window rule and the coke ovens' ramp in
 * two sentences, in words, when they apply); the bases, the horizon's lost
 * value in 万元 (segments happen in sequence, so it adds up), the plan's
 * credits and combined rows; per segment (day × level) its status and lost
 * value in 万元 and a table on both bases in kg over its hours (no shadow
 * prices: nothing is optimised per segment);
 * then one table row per unit, 序号 without gaps: its list measure at each
 * level of the episode (with the window stop where it applies) and its load
 * as runs of equal hours, each with full dates and what the hours require
 * (levels and runs one per line, "<br>" inside the cell),
 * "12-04 12:00 至 12-08 12:00 63%：延长结焦时间至36小时" (cu_hour_text); a
 * unit at base load in every hour says so; the warnings; the annex (附录:
 * weighted loss per segment and outside the alerts, the objective, why no
 * marginal costs). Loads are percentages of capacity, rounded down to 2
 * decimals (never more than the load). */
#include "report.h"
#include "sched_summary.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* What put_text does with a byte: 0 copies it, 1 writes a space instead
 * (\n, \r), 2 escapes it with a backslash (\\ | * _ ` < > [ ] ~). */
static const unsigned char md_class[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 0, 2,
    2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, 0,
    /* 0x80 .. 0xFF: 0 */
};

/* Text inside a table cell or a list item: Markdown punctuation escaped,
 * line breaks turned into spaces so a row stays one line. Runs of bytes that
 * need nothing are copied whole. */
static void put_text(cu_buf *b, const char *s)
{
    const char *p, *run;
    if (!s)
        return;
    for (p = run = s; *p; p++) {
        unsigned cls = md_class[(unsigned char)*p];
        if (cls == 0)
            continue;
        cu_buf_put(b, run, (size_t)(p - run));
        if (cls == 1) {
            cu_buf_put(b, " ", 1);
            run = p + 1;
        } else {
            cu_buf_put(b, "\\", 1);
            run = p; /* the byte itself starts the next run */
        }
    }
    cu_buf_put(b, run, (size_t)(p - run));
}

/* A segment's "状态：目标达成；损失产值 14.78 万元。" and its table of
 * targets on both bases, in kg over the segment's hours (no shadow prices:
 * nothing is optimised per segment). */
static void put_results(cu_buf *b, const cu_sched_sum *s, const cu_sched_seg *g, int en)
{
    int p;
    cu_sched_seg_status_text(g, en, b);
    cu_buf_puts(b, en ? "\n\n| Pollutant | County total (kg) | Listed enterprises (kg) "
                        "| Required (kg) | Achieved (kg) | Shortfall (kg) "
                        "| Required, of county total | Achieved, of county total "
                        "| Required, of listed | Achieved, of listed |\n"
                      : "\n\n| 污染物 | 全社会排放量 (kg) | 清单企业排放量 (kg) | 减排要求 (kg) "
                        "| 实际减排量 (kg) | 缺口 (kg) | 要求减排比例（占全社会） "
                        "| 实际减排比例（占全社会） | 要求减排比例（占清单企业） "
                        "| 实际减排比例（占清单企业） |\n");
    cu_buf_puts(b, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (p = 0; p < CU_NP; p++) {
        const cu_sum_target *t = &g->t[p];
        cu_buf_printf(b, "| %s | ", cu_pollutant_label(p, en));
        if (s->has_county)
            cu_put_fixed(b, t->county, 2);
        else
            cu_buf_puts(b, "—");
        cu_buf_puts(b, " | ");
        cu_put_fixed(b, t->listed, 2);
        cu_buf_puts(b, " | ");
        cu_put_fixed(b, t->required, 2);
        cu_buf_puts(b, " | ");
        cu_put_fixed(b, t->achieved, 2);
        cu_buf_puts(b, " | ");
        cu_put_fixed(b, t->shortfall, 2);
        cu_buf_puts(b, " | ");
        if (s->has_county) {
            cu_put_fixed(b, cu_sum_ratio(t->required, t->county) * 100.0, 2);
            cu_buf_puts(b, "% | ");
            cu_put_fixed(b, cu_sum_ratio(t->achieved, t->county) * 100.0, 2);
            cu_buf_puts(b, "%");
        } else
            cu_buf_puts(b, "— | —");
        cu_buf_puts(b, " | ");
        cu_put_fixed(b, cu_sum_ratio(t->required, t->listed) * 100.0, 2);
        cu_buf_puts(b, "% | ");
        cu_put_fixed(b, cu_sum_ratio(t->achieved, t->listed) * 100.0, 2);
        cu_buf_puts(b, "% |\n");
    }
    cu_buf_puts(b, "\n");
}

/* The schedule's 附录: the weighted loss per segment, the objective, and
 * why no marginal costs. */
static void put_schedule_annex(cu_buf *b, const cu_sched_sum *s, int en)
{
    size_t k;
    double outside = cu_sched_lost_outside(s), woutside = cu_sched_weighted_outside(s);
    cu_buf_puts(b, en ? "## Annex: weighted loss and the objective\n\n"
                      : "## 附录：加权损失与目标函数\n\n");
    cu_sched_annex_text(s, 0, en, b);
    cu_buf_puts(b, en ? "\n\n| Day | Level | Hours | Lost output value (10k yuan) "
                        "| Weighted loss (10k yuan) |\n|---|---|---:|---:|---:|\n"
                      : "\n\n| 日期 | 预警级别 | 小时数 | 损失产值 (万元) | 加权损失 (万元) |\n"
                        "|---|---|---:|---:|---:|\n");
    for (k = 0; k < s->nseg; k++) {
        const cu_sched_seg *g = &s->seg[k];
        cu_buf_printf(b, "| %s | %s | %d | ", g->day, cu_level_label(g->level, en, 0), g->hours);
        cu_put_fixed(b, g->lost_value / 10000.0, 2);
        cu_buf_puts(b, " | ");
        cu_put_fixed(b, g->weighted_loss / 10000.0, 2);
        cu_buf_puts(b, " |\n");
    }
    if (outside != 0.0 || woutside != 0.0) {
        cu_buf_puts(b, en ? "| outside the alerts (coke ovens changing load) | | | "
                          : "| 预警时段以外（焦炉逐步调整负荷） | | | ");
        cu_put_fixed(b, outside / 10000.0, 2);
        cu_buf_puts(b, " | ");
        cu_put_fixed(b, woutside / 10000.0, 2);
        cu_buf_puts(b, " |\n");
    }
    cu_buf_puts(b, en ? "| Total | | | " : "| 合计 | | | ");
    cu_put_fixed(b, s->lost_total / 10000.0, 2);
    cu_buf_puts(b, " | ");
    cu_put_fixed(b, s->weighted_total / 10000.0, 2);
    cu_buf_puts(b, " |\n\n");
    cu_sched_annex_text(s, 1, en, b);
    cu_buf_puts(b, "\n\n");
    cu_sched_annex_text(s, 2, en, b);
    cu_buf_puts(b, "\n\n");
}

/* ---- the plan's summary (summary.h) ------------------------------------------------------ */

static void put_pct(cu_buf *b, double fraction)
{
    cu_put_fixed(b, fraction * 100.0, 2);
    cu_buf_puts(b, "%");
}

/* One level: status, lost value in 万元/日, the targets on both bases, the
 * shortfalls in words. */
static void put_plan_level(cu_buf *b, const cu_summary *s, int L, int en)
{
    int p, any = 0, cols[CU_SUMC_N];
    size_t c, ncols;
    cu_buf_printf(b, en ? "### %s\n\nStatus: %s; lost output value "
                        : "### %s\n\n状态：%s；损失产值 ",
                  cu_level_label(L, en, 1), cu_status_label(s->lv[L].status, en));
    cu_put_fixed(b, s->lv[L].lost_value / 10000.0, 2);
    cu_buf_printf(b, en ? " %s.\n\n" : " %s。\n\n", cu_sum_10k_unit(en));
    ncols = cu_sum_columns(s, cols);
    cu_buf_puts(b, en ? "| Pollutant" : "| 污染物");
    for (c = 0; c < ncols; c++) {
        cu_buf_puts(b, " | ");
        cu_sum_column_header(s, cols[c], en, b);
    }
    cu_buf_puts(b, " |\n|---");
    for (c = 0; c < ncols; c++)
        cu_buf_puts(b, "|---:");
    cu_buf_puts(b, "|\n");
    for (p = 0; p < CU_NP; p++) {
        cu_buf_printf(b, "| %s", cu_pollutant_label(p, en));
        for (c = 0; c < ncols; c++) {
            double v;
            int kind = cu_sum_cell(s, L, p, cols[c], &v);
            cu_buf_puts(b, " | ");
            if (kind == CU_SUMV_KG)
                cu_put_fixed(b, v, 2);
            else if (kind == CU_SUMV_PCT)
                put_pct(b, v);
            else
                cu_buf_puts(b, cu_sum_cell_text(kind, en));
        }
        cu_buf_puts(b, " |\n");
    }
    cu_buf_puts(b, "\n");
    if (L == 0) { /* once, under the first table */
        size_t len = b->len;
        cu_sum_columns_note(s, en, b);
        if (b->len > len)
            cu_buf_puts(b, "\n\n");
    }
    for (p = 0; p < CU_NP; p++) {
        if (s->lv[L].t[p].why == CU_SHORT_NONE)
            continue;
        cu_buf_puts(b, "- ");
        cu_sum_shortfall_text(s, L, p, en, b);
        cu_buf_puts(b, "\n");
        any = 1;
    }
    if (any)
        cu_buf_puts(b, "\n");
}

/* The counts by measure class: units and enterprises per level; the classes
 * no unit has at any level are left out. */
static void put_measure_counts(cu_buf *b, const cu_summary *s, int en)
{
    int c, L;
    cu_buf_puts(b, en ? "## Units and enterprises by measure\n\n| Measure"
                      : "## 措施分类统计\n\n| 措施");
    for (L = 0; L < CU_NL; L++)
        cu_buf_printf(b, en ? " | %s: units | %s: enterprises" : " | %s 生产单元 | %s 企业",
                      cu_level_label(L, en, 0), cu_level_label(L, en, 0));
    cu_buf_puts(b, " |\n|---");
    for (L = 0; L < CU_NL; L++)
        cu_buf_puts(b, "|---:|---:");
    cu_buf_puts(b, "|\n");
    for (c = 0; c < CU_MC_N; c++) {
        if (!cu_mc_used(s, c))
            continue;
        cu_buf_printf(b, "| %s", cu_mc_label(c, en));
        for (L = 0; L < CU_NL; L++)
            cu_buf_printf(b, " | %zu | %zu", s->lv[L].units[c], s->lv[L].enterprises[c]);
        cu_buf_puts(b, " |\n");
    }
    cu_buf_puts(b, en ? "| Total" : "| 合计");
    for (L = 0; L < CU_NL; L++)
        cu_buf_printf(b, " | %zu | %zu", s->total.units, s->total.enterprises);
    cu_buf_puts(b, en ? " |\n\nAn enterprise counts once, under the first of its units' measures "
                        "in the order of the table.\n\n"
                      : " |\n\n企业按其各生产单元措施中在表中最靠前的一项计一次。\n\n");
}

/* A table of counts: enterprises, units, and per level those curtailed. */
static void put_count_head(cu_buf *b, const char *what, int en)
{
    int L;
    cu_buf_printf(b, en ? "| %s | Enterprises | Units" : "| %s | 企业 | 生产单元", what);
    for (L = 0; L < CU_NL; L++)
        cu_buf_printf(b, en ? " | %s: curtailed enterprises | %s: curtailed units"
                            : " | %s 停限产企业 | %s 停限产单元",
                      cu_level_label(L, en, 0), cu_level_label(L, en, 0));
    cu_buf_puts(b, " |\n|---|---:|---:");
    for (L = 0; L < CU_NL; L++)
        cu_buf_puts(b, "|---:|---:");
    cu_buf_puts(b, "|\n");
}

static void put_count_row(cu_buf *b, const char *label, const cu_sum_count *c)
{
    int L;
    cu_buf_puts(b, "| ");
    put_text(b, label);
    cu_buf_printf(b, " | %zu | %zu", c->enterprises, c->units);
    for (L = 0; L < CU_NL; L++)
        cu_buf_printf(b, " | %zu | %zu", c->cut_enterprises[L], c->cut_units[L]);
    cu_buf_puts(b, " |\n");
}

static void put_group_counts(cu_buf *b, const cu_summary *s, int en)
{
    size_t k;
    int g;
    cu_buf_puts(b, en ? "## Units and enterprises by grade, industry and town\n\n"
                        "A unit is curtailed at a level when its load there is below its base "
                        "load.\n\n### By grade (as managed)\n\n"
                      : "## 按绩效等级、行业、乡镇统计\n\n生产单元在某级别负荷低于基准负荷即计为停限产。"
                        "\n\n### 按管控等级\n\n");
    put_count_head(b, en ? "Grade" : "管控等级", en);
    for (g = 0; g < CURTAIL_NGRADES; g++)
        if (s->by_grade[g].units || s->by_grade[g].enterprises)
            put_count_row(b, en ? cu_grade_en[g] : cu_grade_zh[g], &s->by_grade[g]);
    cu_buf_puts(b, en ? "\n### By industry\n\n" : "\n### 按行业\n\n");
    put_count_head(b, en ? "Industry" : "行业", en);
    for (g = 0; g < CURTAIL_NINDUSTRIES; g++)
        if (s->by_industry[g].units || s->by_industry[g].enterprises)
            put_count_row(b, en ? cu_industry_en[g] : cu_industry_zh[g], &s->by_industry[g]);
    cu_buf_puts(b, en ? "\n### By town\n\n" : "\n### 按乡镇\n\n");
    put_count_head(b, en ? "Town" : "乡镇", en);
    for (k = 0; k < s->ntowns; k++)
        put_count_row(b, cu_town_label(s->towns[k].town, en), &s->towns[k].c);
    put_count_row(b, en ? "Total" : "合计", &s->total);
    cu_buf_puts(b, "\n");
}

/* 附录: the weighted loss, the objective and the marginal costs. */
static void put_annex(cu_buf *b, const curtail_result *r, const cu_summary *s, int en)
{
    int L, p;
    size_t k;
    cu_buf_puts(b, en ? "## Annex: marginal costs and the weighted objective\n\n"
                      : "## 附录：边际减排成本与加权目标函数\n\n");
    cu_sum_annex_text(s, 0, en, b);
    cu_buf_puts(b, en ? "\n\n| Level | Lost output value (CNY 10k/d) | Weighted loss "
                        "(CNY 10k/d) |\n|---|---:|---:|\n"
                      : "\n\n| 预警级别 | 损失产值 (万元/日) | 加权损失 (万元/日) |\n"
                        "|---|---:|---:|\n");
    for (L = 0; L < CU_NL; L++) {
        cu_buf_printf(b, "| %s | ", cu_level_label(L, en, 0));
        cu_put_fixed(b, s->lv[L].lost_value / 10000.0, 2);
        cu_buf_puts(b, " | ");
        cu_put_fixed(b, s->lv[L].weighted_loss / 10000.0, 2);
        cu_buf_puts(b, " |\n");
    }
    cu_buf_puts(b, "\n");
    cu_sum_annex_text(s, 1, en, b);
    cu_buf_puts(b, "\n\n");
    cu_sum_annex_text(s, 2, en, b);
    cu_buf_puts(b, en ? "\n\n| Level | Marginal cost SO2 (yuan/kg)" : "\n\n| 预警级别 | 边际减排成本 SO2 (元/千克)");
    for (p = 1; p < CU_NP; p++)
        cu_buf_printf(b, en ? " | %s (yuan/kg)" : " | %s (元/千克)", cu_pollutant_label(p, en));
    cu_buf_puts(b, " |\n|---");
    for (p = 0; p < CU_NP; p++)
        cu_buf_puts(b, "|---:");
    cu_buf_puts(b, "|\n");
    for (L = 0; L < CU_NL; L++) {
        cu_buf_printf(b, "| %s", cu_level_label(L, en, 0));
        for (p = 0; p < CU_NP; p++) {
            double v;
            int kind = cu_sum_marginal_cell(s, L, p, &v);
            cu_buf_puts(b, " | ");
            if (kind == CU_SUMV_KG)
                cu_put_fixed(b, v, 2);
            else
                cu_buf_puts(b, cu_sum_cell_text(kind, en));
        }
        cu_buf_puts(b, " |\n");
    }
    cu_buf_puts(b, "\n");
    if (r->ncomb == 0)
        return;
    /* issue 10: the combined targets' marginal costs, reported like the others */
    cu_sum_combined_note(en, b);
    cu_buf_puts(b, en ? "\n\n| Level | Combined target | Marginal cost (yuan/d per "
                        "percentage point) | Per kg of each pollutant (yuan/kg) |\n"
                      : "\n\n| 预警级别 | 组合目标 | 边际减排成本 (元/日每百分点) "
                        "| 折合各污染物 (元/千克) |\n");
    cu_buf_puts(b, "|---|---|---:|---|\n");
    for (k = 0; k < r->ncomb; k++) {
        L = r->comb[k].level;
        cu_buf_printf(b, "| %s | ", cu_level_label(L, en, 0));
        cu_sum_combined_label(r, k, en, b);
        cu_buf_puts(b, " | ");
        if (cu_sum_combined_unmet(r, k)) {
            cu_buf_printf(b, "%s | — |\n", cu_sum_unmet_text(en));
            continue;
        }
        cu_put_fixed(b, r->comb[k].shadow_price / 100.0, 2);
        cu_buf_puts(b, " | ");
        cu_sum_combined_per_kg(r, k, en, b);
        cu_buf_puts(b, " |\n");
    }
    cu_buf_puts(b, "\n");
}

/* Issue 10: credits and combined targets under the level's table, one
 * paragraph each (nothing for scenarios without them). */
static void put_target_notes(cu_buf *b, const curtail_result *r, int level, int en)
{
    cu_buf t;
    char *p, *nl;
    cu_buf_init(&t, b->mem);
    cu_target_notes(&t, r, level, en, 0);
    if (t.failed)
        b->failed = 1;
    for (p = t.data; !t.failed && t.len && p && *p; p = nl + 1) {
        if (!(nl = strchr(p, '\n')))
            break;
        *nl = '\0';
        put_text(b, p);
        cu_buf_puts(b, "\n\n");
    }
    cu_buf_free(&t);
}

/* The list: the CSV's columns in the CSV's order (write_text.h), text cells
 * escaped, numbers right-aligned. */
static int put_list(cu_buf *b, const curtail_result *r, int lang)
{
    size_t u, i, n = curtail_result_unit_count(r);
    int en = lang == CURTAIL_LANG_EN;
    int rc = CURTAIL_OK;
    cu_buf cell;
    cu_list_col cols[CU_LIST_NCOLS_FULL]; /* the columns, worked out once */
    int is_text[CU_LIST_NCOLS_FULL];
    cu_buf_init(&cell, b->mem);
    cu_buf_puts(b, en ? "## List (one enterprise, one policy)\n\n"
                      : "## 一企一策清单\n\n");
    for (i = 0; i < CU_LIST_NCOLS_FULL; i++) {
        cols[i] = cu_list_column_full(i);
        is_text[i] = cu_list_col_is_text(cols[i]);
    }
    for (i = 0; i < CU_LIST_NCOLS_FULL; i++) {
        cell.len = 0;
        cu_list_header(&cell, cols[i], en);
        if (cell.failed)
            b->failed = 1;
        cu_buf_puts(b, i ? " | " : "| ");
        put_text(b, cell.failed ? NULL : cell.data);
    }
    cu_buf_puts(b, " |\n");
    for (i = 0; i < CU_LIST_NCOLS_FULL; i++)
        cu_buf_puts(b, is_text[i] ? "|---" : "|---:");
    cu_buf_puts(b, "|\n");
    for (u = 0; u < n && !b->failed; u++) {
        cu_list_row row;
        rc = cu_list_row_init(r, u, &row);
        if (rc != CURTAIL_OK)
            break;
        for (i = 0; i < CU_LIST_NCOLS_FULL; i++) {
            cu_list_col c = cols[i];
            if (i)
                cu_buf_put(b, " | ", 3);
            else
                cu_buf_put(b, "| ", 2);
            if (!is_text[i]) {
                cu_list_cell(b, r, &row, c, lang);
                continue;
            }
            cell.len = 0;
            cu_list_cell(&cell, r, &row, c, lang);
            if (cell.failed)
                b->failed = 1;
            else if (cell.len)
                put_text(b, cell.data);
        }
        cu_buf_puts(b, " |\n");
    }
    cu_buf_puts(b, "\n");
    cu_buf_free(&cell);
    return rc;
}

/* ---- schedule ------------------------------------------------------------------------------- */

/* The minute `m` (since the epoch) as "YYYY-MM-DD HH:MM", or without the
 * year ("MM-DD HH:MM") when `year` is 0. */
static void put_stamp(cu_buf *b, int64_t m, int year)
{
    int64_t day = m / 1440 - (m % 1440 < 0);
    char date[16], clock[8];
    cu_format_day(day, date, sizeof date);
    cu_format_clock((int)(m - day * 1440), clock, sizeof clock);
    cu_buf_printf(b, "%s %s", year ? date : date + 5, clock);
}

/* A span [from, to) of minutes with full dates at both ends:
 * "2023-12-04 12:00 至 2023-12-08 12:00", or "12-04 12:00 to 12-08 12:00". */
static void put_period(cu_buf *b, int64_t from, int64_t to, int year, int en)
{
    put_stamp(b, from, year);
    cu_buf_puts(b, en ? " to " : " 至 ");
    put_stamp(b, to, year);
}

/* Hours [t0, t1) of the schedule, without the year. */
static void put_hours(cu_buf *b, const curtail_result *r, size_t t0, size_t t1, int en)
{
    put_period(b, r->start + 60 * (int64_t)t0, r->start + 60 * (int64_t)t1, 0, en);
}

/* Does some coke oven of the schedule ramp (a load under its list load
 * outside the ozone window)? The hours from base load to hot idle when every
 * such oven has the same, 0 when they differ, -1 when none ramps. */
static double any_ramp(const curtail_result *r)
{
    const cu_group_view *g = &r->gv;
    size_t gi, t, H = (size_t)r->hours;
    double hours = -1.0;
    for (gi = 0; gi < g->ngroups; gi++) {
        curtail_unit_spec lead = CURTAIL_UNIT_SPEC_INIT;
        if (curtail_scenario_unit(r->s, g->group_leader[gi], &lead, NULL, NULL) != CURTAIL_OK ||
            lead.kind != CURTAIL_KIND_COKE_OVEN)
            continue;
        for (t = 0; t < H; t++) {
            int note = cu_hour_note(r, gi, t);
            if (note == CU_HOUR_RAMP_DOWN || note == CU_HOUR_RAMP_UP) {
                hours = hours < 0 || hours == lead.ramp_h ? lead.ramp_h : 0.0;
                break;
            }
        }
    }
    return hours;
}

static void put_episode_summary(cu_buf *b, const curtail_result *r, int en)
{
    size_t i, hours = curtail_result_hour_count(r);
    int any = 0, L;
    double ramp;
    /* the alerts as the timeline declares them, then the hours scheduled */
    cu_buf_puts(b, en ? "Alert period: " : "预警时段：");
    for (i = 0; i < r->nalerts; i++) {
        const cu_alert *e = &r->alerts[i];
        cu_buf_puts(b, i ? (en ? "; " : "；") : "");
        put_period(b, e->from, e->to, 1, en);
        cu_buf_printf(b, " %s", cu_level_label(e->level, en, 0));
    }
    if (r->nalerts == 0)
        cu_buf_puts(b, en ? "none" : "无");
    cu_buf_puts(b, en ? ".\n\n" : "。\n\n");
    cu_buf_puts(b, en ? "Scheduled horizon: " : "排程时段：");
    put_period(b, r->start, r->start + 60 * (int64_t)hours, 1, en);
    cu_buf_printf(b, en ? " (%zu h).\n\n" : "（共 %zu 小时）。\n\n", hours);
    cu_buf_puts(b, en ? "Every unit executes the list (one enterprise, one policy) at the level "
                        "of each hour; loads are percentages of capacity.\n\n"
                      : "各生产单元按各小时的预警级别执行一企一策清单措施；负荷为产能的百分比。\n\n");
    if (r->has_ozone) {
        char from[8], to[8];
        cu_format_clock(r->window_from, from, sizeof from);
        cu_format_clock(r->window_to, to, sizeof to);
        cu_buf_puts(b, en ? "Ozone window: at " : "臭氧错峰：");
        for (L = 0, any = 0; L < CU_NL; L++)
            if (r->ozone_levels & (1u << L)) {
                cu_buf_printf(b, "%s%s", any ? (en ? ", " : "、") : "", cu_level_label(L, en, 0));
                any = 1;
            }
        if (en)
            cu_buf_printf(b, " alerts, VOCs processes stop %s–%s (interruptible units emitting "
                             "VOCs; grades A and leading and guarantee units exempt); their "
                             "output moves to the other hours of the same day and level "
                             "(shifted production), at most at their rule's load.\n\n",
                          from, to);
        else
            cu_buf_printf(b, "预警期间 %s–%s 停止涉VOCs工序（可中断的涉VOCs生产单元；A级、"
                             "引领性及保障类企业除外），其产量移至当日同级别其余时段（错时生产），"
                             "负荷不超过规则限值。\n\n",
                          from, to);
    }
    ramp = any_ramp(r);
    if (ramp >= 0) {
        /* in words, not the scenario's key (review P3) */
        cu_buf_puts(b, en ? "Coke ovens change load gradually: they reduce coal charging before a "
                            "stricter level starts ("
                          : "焦炉负荷逐步调整：在加严级别开始前逐步减少装煤（");
        if (ramp > 0) {
            cu_buf_puts(b, en ? "" : "由基准负荷降至焖炉历时 ");
            cu_put_trimmed(b, ramp, 2);
            cu_buf_puts(b, en ? " hours from base load to hot idle, fewer to the list's load"
                              : " 小时，降至清单负荷相应缩短");
        } else
            cu_buf_puts(b, en ? "each oven at its own pace, see the hourly loads"
                              : "各焦炉调整时长不同，见逐时负荷");
        cu_buf_puts(b, en ? "), so that the list holds from its first hour, and resume at the "
                            "same pace after it ends.\n\n"
                          : "），使清单措施自该级别第一个小时起执行；级别结束后以同样速度逐步恢复"
                            "生产。\n\n");
    }
}

/* The hours of one level that fall in an ozone window. */
static int level_has_window(const curtail_result *r, int level)
{
    size_t t, hours = curtail_result_hour_count(r);
    for (t = 0; t < hours; t++)
        if (curtail_result_hour_level(r, t) == level && cu_hour_in_window(r, t))
            return 1;
    return 0;
}

static int level_present(const curtail_result *r, int level)
{
    size_t t, hours = curtail_result_hour_count(r);
    for (t = 0; t < hours; t++)
        if (curtail_result_hour_level(r, t) == level)
            return 1;
    return 0;
}

/* The unit's list measure at each level of the episode, with the window stop. */
static void put_unit_measures(cu_buf *b, const curtail_result *r, size_t u, int lang,
                              const int present[CU_NL], const int window[CU_NL])
{
    size_t g = r->gv.unit_group[u];
    int en = lang == CURTAIL_LANG_EN, L, any = 0;
    for (L = 0; L < CU_NL; L++) {
        cu_buf text;
        if (!present[L])
            continue;
        cu_buf_puts(b, any ? "<br>" : "");
        cu_buf_printf(b, "%s%s", cu_level_label(L, en, 0), en ? ": " : "：");
        cu_buf_init(&text, b->mem);
        cu_measure_text(r, u, L, lang, &text);
        if (text.failed)
            b->failed = 1;
        else
            put_text(b, text.data);
        cu_buf_free(&text);
        if (window[L] && r->load[g * CU_NL + (size_t)L] > 0 && r->grades[u].ozone_stopped &&
            !cu_measure_has_window(r, u, L)) {
            cu_buf_puts(b, en ? ", " : "，");
            cu_window_stop_text(r, en, b);
        }
        any = 1;
    }
    if (!any)
        cu_buf_puts(b, en ? "no alert in the horizon" : "排程时段内无预警");
}

static int is_ramp(int note)
{
    return note == CU_HOUR_RAMP_DOWN || note == CU_HOUR_RAMP_UP;
}

/* Do hours t and k read alike: the same load at the same level, and what it
 * requires? The hours of one ramp read as one run, each with its cap. */
static int same_run(const curtail_result *r, size_t g, size_t t, size_t k, const double *load)
{
    int a = cu_hour_note(r, g, t), c = cu_hour_note(r, g, k);
    if (a != c || r->hour_level[t] != r->hour_level[k])
        return 0;
    if (is_ramp(a))
        return (load[k] < load[k - 1]) == (load[t + 1] < load[t]);
    return load[t] == load[k];
}

/* The unit's loads as runs of equal hours, each with full dates and what it
 * requires: "12-04 12:00 至 12-05 00:00 63%：延长结焦时间至36小时；…". */
static void put_load_runs(cu_buf *b, const curtail_result *r, size_t u, const double *load,
                          int lang)
{
    size_t t, t0, hours = curtail_result_hour_count(r), g = r->gv.unit_group[u];
    int en = lang == CURTAIL_LANG_EN;
    cu_buf text;
    cu_buf_init(&text, b->mem);
    for (t0 = 0; t0 < hours && !b->failed; t0 = t) {
        for (t = t0 + 1; t < hours && same_run(r, g, t0, t, load); t++)
            ;
        if (t0 > 0)
            cu_buf_puts(b, "<br>");
        put_hours(b, r, t0, t, en);
        cu_buf_puts(b, " ");
        if (r->hour_level[t0] >= 0)
            cu_buf_printf(b, "%s ", cu_level_label(r->hour_level[t0], en, 0));
        cu_put_load_percent(b, load[t0]);
        if (t - t0 > 1 && load[t - 1] != load[t0]) {
            cu_buf_puts(b, "→");
            cu_put_load_percent(b, load[t - 1]);
        }
        cu_buf_puts(b, en ? ": " : "：");
        text.len = 0;
        if (t - t0 > 1 && is_ramp(cu_hour_note(r, g, t0)))
            cu_ramp_run_text(r, u, t0, t, lang, &text);
        else
            cu_hour_text(r, u, t0, lang, &text);
        if (text.failed)
            b->failed = 1;
        else if (text.len)
            put_text(b, text.data);
    }
    cu_buf_free(&text);
}

static int put_schedule_loads(cu_buf *b, const curtail_result *r, int lang)
{
    size_t u, t, hours = curtail_result_hour_count(r), n = curtail_result_unit_count(r);
    int en = lang == CURTAIL_LANG_EN, present[CU_NL], window[CU_NL], L;
    for (L = 0; L < CU_NL; L++) {
        present[L] = level_present(r, L);
        window[L] = present[L] && level_has_window(r, L);
    }
    cu_buf_puts(b, en ? "## Hourly loads\n\n" : "## 逐时负荷\n\n");
    if (n == 0) {
        cu_buf_puts(b, en ? "No units.\n\n" : "无生产单元。\n\n");
        return CURTAIL_OK;
    }
    cu_buf_puts(b, en ? "| No. | Enterprise | Unit | Base load | Measures in the list "
                        "| Load by hour and what it requires |\n"
                      : "| 序号 | 企业名称 | 生产单元 | 基准负荷 | 清单措施 | 逐时负荷及措施 |\n");
    cu_buf_puts(b, "|---:|---|---|---:|---|---|\n");
    for (u = 0; u < n && !b->failed; u++) {
        cu_unit_info ui;
        const curtail_unit_spec *unit = &ui.u;
        const curtail_enterprise_spec *e = &ui.e;
        const double *load = curtail_result_unit_loads(r, u);
        double base;
        if (!load || cu_unit_info_get(r, u, &ui) != CURTAIL_OK)
            return CURTAIL_EINVAL;
        base = r->gv.b[r->gv.unit_group[u]];
        for (t = 0; t < hours && load[t] == base; t++)
            ;
        cu_buf_printf(b, "| %zu | ", u + 1);
        put_text(b, e->name ? e->name : e->id);
        cu_buf_puts(b, " | ");
        put_text(b, unit->name ? unit->name : unit->id);
        cu_buf_puts(b, " | ");
        cu_put_load_percent(b, base);
        cu_buf_puts(b, " | ");
        put_unit_measures(b, r, u, lang, present, window);
        cu_buf_puts(b, " | ");
        if (t == hours) {
            cu_buf_puts(b, en ? "base load in every hour (" : "全程按基准负荷运行（");
            cu_put_load_percent(b, base);
            cu_buf_puts(b, en ? ")" : "）");
        } else {
            put_load_runs(b, r, u, load, lang);
        }
        cu_buf_puts(b, " |\n");
    }
    cu_buf_puts(b, "\n");
    return CURTAIL_OK;
}

static void put_warnings(cu_buf *out, const curtail_result *r, int en);

/* The plan's credits and combined rows (issue 10): the lead sentence, then
 * one item each. */
static void put_plan_notes(cu_buf *b, const curtail_result *r, const cu_sched_sum *s, int en)
{
    cu_buf t;
    char *p, *nl;
    int first = 1;
    cu_buf_init(&t, b->mem);
    cu_sched_plan_notes(r, s, en, &t);
    if (t.failed)
        b->failed = 1;
    for (p = t.data; !t.failed && t.len && p && *p; p = nl + 1, first = 0) {
        if (!(nl = strchr(p, '\n')))
            break;
        *nl = '\0';
        cu_buf_puts(b, first ? "" : "- ");
        put_text(b, p);
        cu_buf_puts(b, first ? "\n\n" : "\n");
    }
    if (!first)
        cu_buf_puts(b, "\n");
    cu_buf_free(&t);
}

static int write_schedule(const curtail_result *r, int lang, cu_buf *out)
{
    int en = lang == CURTAIL_LANG_EN;
    size_t k;
    cu_sched_sum sum;
    int rc = cu_sched_sum_compute(r, &sum);
    if (rc != CURTAIL_OK) {
        cu_sched_sum_free(&sum);
        return rc;
    }
    cu_sched_status_text(r, en, out);
    cu_buf_puts(out, "\n\n");
    put_episode_summary(out, r, en);
    cu_buf_puts(out, en ? "## Targets and results by segment (day and level)\n\n"
                        : "## 分时段减排目标与结果（按日、按预警级别）\n\n");
    if (sum.nseg == 0)
        cu_buf_puts(out, en ? "No hour of the horizon is under an alert.\n\n"
                            : "排程时段内没有预警小时。\n\n");
    else {
        cu_sched_base_text(&sum, en, out);
        cu_buf_puts(out, "\n\n");
        cu_sched_total_text(&sum, en, out);
        cu_buf_puts(out, "\n\n");
        put_plan_notes(out, r, &sum, en);
    }
    for (k = 0; k < sum.nseg; k++) {
        const cu_sched_seg *g = &sum.seg[k];
        cu_buf_printf(out, en ? "### %s, %s (%d h)\n\n" : "### %s %s（%d 小时）\n\n", g->day,
                      cu_level_label(g->level, en, 1), g->hours);
        put_results(out, &sum, g, en);
    }
    rc = put_schedule_loads(out, r, lang);
    if (rc == CURTAIL_OK) {
        put_warnings(out, r, en);
        put_schedule_annex(out, &sum, en);
    }
    cu_sched_sum_free(&sum);
    return rc;
}

static void put_warnings(cu_buf *out, const curtail_result *r, int en)
{
    size_t i, nw = curtail_result_warning_count(r);
    if (nw)
        cu_buf_puts(out, en ? "## Warnings\n\n" : "## 提示\n\n");
    for (i = 0; i < nw; i++) {
        cu_buf_puts(out, "- ");
        put_text(out, curtail_result_warning_text(r, i, en ? CURTAIL_LANG_EN : CURTAIL_LANG_ZH));
        cu_buf_puts(out, "\n");
    }
    if (nw)
        cu_buf_puts(out, "\n");
}

/* "# name": the scenario's name, else the input file's base name (not for
 * standard input or a builder scenario), else a generic title. */
static void put_title(cu_buf *out, const curtail_result *r, int en)
{
    const char *name = cu_report_title(r);
    cu_buf_puts(out, "# ");
    if (name)
        put_text(out, name);
    else
        cu_buf_puts(out, en ? "Emergency reduction list" : "应急减排清单");
    cu_buf_puts(out, "\n\n");
    /* which version (issue 9): this one is filed; --public writes write_public.c's */
    cu_buf_puts(out, en ? "> Filed version: with emissions, reductions and economic figures, "
                          "for the authorities' review.\n\n"
                        : "> 报备版：含排放量、减排量和经济指标，供主管部门审核。\n\n");
    /* the title block (issue 9): what the figures are and who compiled them */
    {
        const char *note = curtail_scenario_note(r->s), *by = curtail_scenario_compiled_by(r->s);
        if (note) {
            cu_buf_puts(out, en ? "> Note: " : "> 说明：");
            put_text(out, note);
            cu_buf_puts(out, by ? "\n>\n" : "\n\n");
        }
        if (by) {
            cu_buf_puts(out, en ? "> Compiled by: " : "> 编制单位：");
            put_text(out, by);
            cu_buf_puts(out, "\n\n");
        }
    }
}

int cu_write_md(const curtail_result *r, const curtail_write_options *o, cu_buf *out)
{
    int lang = cu_write_lang(r, o);
    int en = lang == CURTAIL_LANG_EN;
    int level, rc;
    put_title(out, r, en);
    if (r->kind == CU_RESULT_SCHEDULE) {
        rc = write_schedule(r, lang, out);
        if (rc != CURTAIL_OK)
            return rc;
    } else {
        cu_summary sum;
        cu_sched_status_text(r, en, out);
        if (r->mip.status == 1)
            cu_buf_puts(out, en ? " Loads by whole production lines (MIP), proven optimal."
                                : "负荷按整条生产线计（混合整数规划），已证明最优。");
        else if (r->mip.status == 2) {
            cu_buf_puts(out, en ? " Loads by whole production lines (MIP), stopped by the time "
                                  "limit within "
                                : "负荷按整条生产线计（混合整数规划），受时间限制，距最优不超过");
            cu_put_fixed(out, r->mip.gap * 100.0, 2);
            cu_buf_puts(out, en ? "% of the optimum." : "%。");
        }
        cu_buf_puts(out, en ? "\n\n## Targets and results\n\n" : "\n\n## 减排目标与结果\n\n");
        rc = cu_summary_compute(r, &sum);
        if (rc == CURTAIL_OK) {
            cu_sum_base_text(&sum, en, out);
            cu_buf_puts(out, en ? " The levels never happen on the same day: their lost values "
                                  "are not added.\n\n"
                                : "三个预警级别不会在同一天发生，各级别损失产值不相加。\n\n");
            for (level = 0; level < CU_NL; level++) {
                put_plan_level(out, &sum, level, en);
                put_target_notes(out, r, level, en); /* issue 10: credits, combined rows */
            }
            put_measure_counts(out, &sum, en);
            put_group_counts(out, &sum, en);
            cu_transport_table_md(out, r, en); /* issue 10 */
            rc = put_list(out, r, lang);
        }
        if (rc == CURTAIL_OK) {
            put_warnings(out, r, en);
            put_annex(out, r, &sum, en);
        }
        cu_summary_free(&sum);
        if (rc != CURTAIL_OK)
            return rc;
    }
    /* no blank line at the very end: exactly one trailing newline */
    if (out->len >= 2 && out->data[out->len - 1] == '\n' && out->data[out->len - 2] == '\n')
        out->data[--out->len] = '\0';
    return out->failed ? CURTAIL_ENOMEM : CURTAIL_OK;
}
