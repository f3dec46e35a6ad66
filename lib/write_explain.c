/* SPDX-License-Identifier: GPL-3.0-or-later */
/* write_explain.c — `curtail explain` (issue 9): what one enterprise must do
 * (its 一厂一策 sheet) or why one level's list is what it is (the level's
 * account), in Markdown or JSON, in the scenario's language. Written whole
 * or not at all, like every output.
 *
 * The sheet: the overview (name, id, credit code, town, address, industry
 * with its GB/T 4754 code, declared and effective grade with the reason,
 * guarantee, contact, trucks and gate monitoring when given), the units
 * (kind, capacity in its unit, base load, the unit it follows, baseline
 * emissions) and per level each unit's measure text (the checkable
 * indicator), load, reductions per pollutant and 依据, with the enterprise's
 * total and its transport measure (运输措施). It is the filed version (报备版).
 *
 * The account: the lost value in 万元/日; the level's targets as the plan's
 * summary has them (summary.c: county total and listed enterprises,
 * required, achieved, shortfall, ratios) with the marginal costs (边际减排成本,
 * grade-weighted yuan per kg), the shortfalls in words, the non-industrial
 * credits and combined targets (cu_target_notes), the mobile-source
 * reductions; every unit whose list load is below what its own rule
 * allows, with why (the optimiser's choice at its cost per kg, a linked
 * unit, the milder level's load kept); and last, as the plan's annex, what
 * a marginal cost is and the weighted loss.
 *
 * Neither: the enterprises with their ids, to choose from (a plain list:
 * no edition banner, only the note and who compiled it). */
#include "write_explain.h"
#include "measure_words.h"
#include "summary.h"

#include <stdint.h>
#include <string.h>


static const char *const kind_zh[CURTAIL_NKINDS] = {
    "焦炉", "化产回收", "备煤", "熄焦", "连续反应装置", "间歇生产装置",
    "装卸", "储罐", "涂装", "其他", "锅炉"};
static const char *const kind_en[CURTAIL_NKINDS] = {
    "coke oven", "by-product plant", "coal preparation", "quenching", "reactor", "batch unit",
    "loading", "storage", "coating", "other", "boiler"};

static void md(ex *x, const char *s)
{
    cu_md_text(x->out, s);
}

/* zh or en */
static const char *t(const ex *x, const char *zh, const char *en)
{
    return x->en ? en : zh;
}

static const char *pollutant_label(const ex *x, int p)
{
    return cu_pollutant_label(p, x->en);
}

/* The measure text or the reason of unit u at level L into x->tmp (NUL-terminated). */
const char *cu_ex_unit_text(ex *x, size_t u, int L, int reason)
{
    x->tmp.len = 0;
    if (x->tmp.data)
        x->tmp.data[0] = '\0';
    if (reason)
        cu_measure_reason(x->r, u, L, x->lang, &x->tmp);
    else
        cu_measure_text(x->r, u, L, x->lang, &x->tmp);
    if (x->tmp.failed) {
        x->out->failed = 1;
        return "";
    }
    return x->tmp.data ? x->tmp.data : "";
}

/* The enterprise's units: [first, end). CURTAIL_EINVAL when the id is unknown. */
int cu_ex_find_enterprise(const curtail_result *r, const char *id, size_t *ent, size_t *first,
                          size_t *end)
{
    size_t u, n = curtail_result_unit_count(r), ne = curtail_scenario_enterprise_count(r->s);
    for (*ent = 0; *ent < ne; (*ent)++) {
        curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
        if (curtail_scenario_enterprise(r->s, *ent, &e, NULL) == CURTAIL_OK &&
            strcmp(e.id, id) == 0)
            break;
    }
    if (*ent == ne)
        return CURTAIL_EINVAL;
    *first = *end = n;
    for (u = 0; u < n; u++) {
        size_t e;
        curtail_unit_spec us = CURTAIL_UNIT_SPEC_INIT;
        if (curtail_scenario_unit(r->s, u, &us, &e, NULL) != CURTAIL_OK)
            return CURTAIL_EINVAL;
        if (e == *ent && *first == n)
            *first = u;
        if (e > *ent) {
            *end = u;
            break;
        }
    }
    if (*first == n)
        *end = n; /* an enterprise without units */
    return CURTAIL_OK;
}

/* Why unit u's effective grade is not the declared one, or NULL. */
static const char *grade_reason(const ex *x, size_t u)
{
    unsigned why = x->r->grades[u].grade_why;
    if (why & CU_GRADE_BY_PHASE_OUT)
        return t(x, "列入淘汰", "listed for phase-out");
    if (why & CU_GRADE_BY_WET_QUENCHING)
        return t(x, "5.5米及以上焦炉湿法熄焦，加严一级", "5.5 m+ oven with wet quenching: one grade stricter");
    return NULL;
}

/* "2740 吨/日", "40 吨/小时" */
static void put_capacity(ex *x, const curtail_unit_spec *u)
{
    double amount;
    int capu = cu_capacity_stated(u, &amount);
    cu_put_trimmed(x->out, amount, 4);
    puts_(x, " ");
    puts_(x, cu_capu_label(capu, x->en));
}

/* The title block's lines under a Markdown title: the version (not for the
 * index: banner 0), the note and who compiled it. */
static void md_title_block(ex *x, int list_name, int banner)
{
    const char *note = curtail_scenario_note(x->r->s), *by = curtail_scenario_compiled_by(x->r->s);
    const char *title = cu_report_title(x->r);
    const char *sep = "";
    if (banner) {
        puts_(x, t(x, "> 报备版：含排放量、减排量和经济指标，供主管部门审核",
                   "> Filed version: with emissions, reductions and economic figures, for the "
                   "authorities' review"));
        if (title && list_name) {
            puts_(x, t(x, "；清单：", "; list: "));
            md(x, title);
        }
        puts_(x, t(x, "。\n", ".\n"));
        sep = ">\n";
    }
    if (note) {
        puts_(x, sep);
        puts_(x, t(x, "> 说明：", "> Note: "));
        md(x, note);
        puts_(x, "\n");
        sep = ">\n";
    }
    if (by) {
        puts_(x, sep);
        puts_(x, t(x, "> 编制单位：", "> Compiled by: "));
        md(x, by);
        puts_(x, "\n");
    }
    if (banner || note || by)
        puts_(x, "\n");
}

/* ---- the sheet (Markdown) ------------------------------------------------------------------ */

static void md_row(ex *x, const char *label, const char *value)
{
    puts_(x, "| ");
    puts_(x, label);
    puts_(x, " | ");
    if (value && value[0])
        md(x, value);
    else
        puts_(x, t(x, "（未填写）", "(not given)"));
    puts_(x, " |\n");
}

/* The overview's trucks (issue 10), when given: trips a day by emission
 * standard and gate monitoring (门禁). */
static void md_trucks(ex *x, size_t ent)
{
    static const char *const cls_zh[CURTAIL_NTRUCK_CLASSES] = {"国四及以下", "国五", "国六",
                                                               "新能源"};
    static const char *const cls_en[CURTAIL_NTRUCK_CLASSES] = {"China IV and below", "China V",
                                                               "China VI", "electric"};
    double trucks[CURTAIL_NTRUCK_CLASSES];
    int has = 0, gate = 0, c, any = 0;
    if (curtail_scenario_trucks(x->r->s, ent, &has, trucks, &gate, NULL) != CURTAIL_OK)
        return;
    if (has) {
        puts_(x, t(x, "| 运输车辆（车次/日） | ", "| Truck trips a day | "));
        for (c = 0; c < CURTAIL_NTRUCK_CLASSES; c++) {
            if (!(trucks[c] > 0))
                continue;
            puts_(x, any++ ? t(x, "，", ", ") : "");
            puts_(x, (x->en ? cls_en : cls_zh)[c]);
            puts_(x, " ");
            cu_put_trimmed(x->out, trucks[c], 2);
        }
        if (!any)
            puts_(x, "0");
        puts_(x, " |\n");
    }
    if (has || gate) {
        puts_(x, t(x, "| 门禁系统 | ", "| Gate monitoring | "));
        puts_(x, gate ? t(x, "有", "yes") : t(x, "无", "no"));
        puts_(x, " |\n");
    }
}

static void md_overview(ex *x, const curtail_enterprise_spec *e, size_t ent, size_t first,
                        size_t end)
{
    static const char *const guar_zh[3] = {"否", "民生保障类", "保供类"};
    static const char *const guar_en[3] = {"no", "livelihood guarantee", "supply guarantee"};
    size_t u;
    int any = 0;
    puts_(x, t(x, "## 一、企业概况\n\n| 项目 | 内容 |\n|---|---|\n",
               "## 1. Overview\n\n| Item | Value |\n|---|---|\n"));
    md_row(x, t(x, "企业名称", "Enterprise"), e->name);
    cu_buf_printf(x->out, x->en ? "| Enterprise ID | `%s` |\n" : "| 企业ID | `%s` |\n", e->id);
    md_row(x, t(x, "统一社会信用代码", "Credit code"), e->credit_code);
    md_row(x, t(x, "所在乡镇", "Town"), e->town);
    md_row(x, t(x, "地址", "Address"), e->address);
    puts_(x, t(x, "| 行业 | ", "| Industry | "));
    puts_(x, (x->en ? cu_industry_en : cu_industry_zh)[e->industry]);
    if (e->industry_code) {
        puts_(x, t(x, "（GB/T 4754：", " (GB/T 4754: "));
        md(x, e->industry_code);
        puts_(x, t(x, "）", ")"));
    }
    puts_(x, " |\n");
    puts_(x, t(x, "| 绩效等级 | ", "| Grade | "));
    puts_(x, (x->en ? cu_grade_en : cu_grade_zh)[e->grade]);
    puts_(x, " |\n");
    puts_(x, t(x, "| 管控等级 | ", "| Managed as | "));
    for (u = first + 1; u < end; u++)
        if (x->r->grades[u].grade != x->r->grades[first].grade ||
            x->r->grades[u].grade_why != x->r->grades[first].grade_why)
            break;
    if (end > first + 1 && u == end && grade_reason(x, first)) {
        /* every unit alike (a phase-out): said once */
        cu_buf_printf(x->out, x->en ? "%s for every unit (%s)" : "全部生产单元按%s管控（%s）",
                      (x->en ? cu_grade_en : cu_grade_zh)[x->r->grades[first].grade],
                      grade_reason(x, first));
        end = first; /* nothing more to list */
        any = 1;
    }
    for (u = first; u < end; u++) {
        const char *why = grade_reason(x, u);
        if (!why)
            continue;
        puts_(x, any ? t(x, "；", "; ") : "");
        md(x, cu_unit_name(x->r, u));
        cu_buf_printf(x->out, x->en ? ": %s (%s)" : "：按%s管控（%s）",
                      (x->en ? cu_grade_en : cu_grade_zh)[x->r->grades[u].grade], why);
        any = 1;
    }
    if (!any)
        puts_(x, t(x, "同绩效等级", "as graded"));
    puts_(x, " |\n");
    puts_(x, t(x, "| 保障类 | ", "| Guarantee | "));
    puts_(x, (x->en ? guar_en : guar_zh)[e->guarantee]);
    puts_(x, " |\n");
    md_row(x, t(x, "联系人", "Contact"), e->contact_name);
    md_row(x, t(x, "联系电话", "Phone"), e->contact_phone);
    md_trucks(x, ent);
    puts_(x, "\n");
}

static int md_units(ex *x, size_t first, size_t end)
{
    size_t u;
    int p;
    puts_(x, t(x, "## 二、生产单元\n\n| 序号 | 生产单元 | 类型 | 设计产能 | 基准负荷 | 联动 ",
               "## 2. Units\n\n| No. | Unit | Kind | Capacity | Base load | Follows "));
    for (p = 0; p < CU_NP; p++)
        cu_buf_printf(x->out, x->en ? "| Baseline %s (kg/d) " : "| 基准排放量 %s (kg/d) ",
                      pollutant_label(x, p));
    puts_(x, "|\n|---:|---|---|---:|---:|---|---:|---:|---:|---:|\n");
    for (u = first; u < end && !x->out->failed; u++) {
        cu_list_row row;
        int rc = cu_list_row_init(x->r, u, &row);
        if (rc != CURTAIL_OK)
            return rc;
        cu_buf_printf(x->out, "| %zu | ", u - first + 1);
        md(x, cu_unit_name(x->r, u));
        puts_(x, " | ");
        puts_(x, (x->en ? kind_en : kind_zh)[row.info.u.kind]);
        puts_(x, " | ");
        put_capacity(x, &row.info.u);
        puts_(x, " | ");
        cu_put_load_percent(x->out, row.ur[0].base_load);
        puts_(x, " | ");
        if (row.info.leader != u)
            md(x, cu_unit_name(x->r, row.info.leader));
        else
            puts_(x, "—");
        for (p = 0; p < CU_NP; p++) {
            cu_list_col c = {CU_COL_BASELINE, 0, p};
            puts_(x, " | ");
            cu_put_fixed(x->out, cu_list_value(x->r, &row, c), 2);
        }
        puts_(x, " |\n");
    }
    puts_(x, "\n");
    return CURTAIL_OK;
}

/* The enterprise's transport measure at level L (运输措施, issue 10), with
 * the truck trips it stops; "未明确" when no rule states one. */
static void md_transport(ex *x, size_t ent, int L)
{
    curtail_transport tr = curtail_result_transport(x->r, (curtail_level)L, ent);
    double trips = curtail_result_trips_stopped(x->r, (curtail_level)L, ent);
    puts_(x, t(x, "\n运输措施：", "\nTransport: "));
    puts_(x, tr == CURTAIL_TRANSPORT_UNSET ? t(x, "未明确", "not stated")
                                           : cu_transport_text((int)tr, x->en));
    if (trips > 0) {
        puts_(x, t(x, "（停运 ", " ("));
        cu_put_trimmed(x->out, trips, 2);
        puts_(x, t(x, " 车次/日）", " truck trips a day stopped)"));
    }
    puts_(x, t(x, "。\n", ".\n"));
}

static int md_level_measures(ex *x, size_t ent, size_t first, size_t end, int L)
{
    double total[CU_NP] = {0, 0, 0, 0};
    size_t u;
    int p;
    cu_buf_printf(x->out, "### %s\n\n", cu_level_label(L, x->en, 1));
    puts_(x, t(x, "| 生产单元 | 措施 | 负荷 ", "| Unit | Measure | Load "));
    for (p = 0; p < CU_NP; p++)
        cu_buf_printf(x->out, x->en ? "| Cut %s (kg/d) " : "| 减排量 %s (kg/d) ",
                      pollutant_label(x, p));
    puts_(x, t(x, "| 依据 |\n", "| Basis |\n"));
    puts_(x, "|---|---|---:|---:|---:|---:|---:|---|\n");
    for (u = first; u < end && !x->out->failed; u++) {
        curtail_unit_result ur;
        int rc = curtail_result_unit(x->r, (curtail_level)L, u, &ur, NULL);
        if (rc != CURTAIL_OK)
            return rc;
        puts_(x, "| ");
        md(x, cu_unit_name(x->r, u));
        puts_(x, " | ");
        md(x, cu_ex_unit_text(x, u, L, 0));
        puts_(x, " | ");
        cu_put_load_percent(x->out, ur.load);
        for (p = 0; p < CU_NP; p++) {
            puts_(x, " | ");
            cu_put_fixed(x->out, ur.reduction[p], 2);
            total[p] += ur.reduction[p];
        }
        puts_(x, " | ");
        md(x, cu_ex_unit_text(x, u, L, 1));
        puts_(x, " |\n");
    }
    puts_(x, t(x, "| **合计** |  |  ", "| **Total** |  |  "));
    for (p = 0; p < CU_NP; p++) {
        puts_(x, "| ");
        cu_put_fixed(x->out, total[p], 2);
        puts_(x, " ");
    }
    puts_(x, "|  |\n");
    md_transport(x, ent, L);
    return CURTAIL_OK;
}

static int md_sheet(ex *x, size_t ent, size_t first, size_t end, int level)
{
    curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
    int L, rc;
    if ((rc = curtail_scenario_enterprise(x->r->s, ent, &e, NULL)) != CURTAIL_OK)
        return rc;
    puts_(x, t(x, "# 一厂一策：", "# One plant, one policy: "));
    md(x, e.name);
    puts_(x, "\n\n");
    md_title_block(x, 1, 1);
    md_overview(x, &e, ent, first, end);
    if ((rc = md_units(x, first, end)) != CURTAIL_OK)
        return rc;
    puts_(x, t(x, "## 三、各级别减排措施\n\n", "## 3. Measures by alert level\n\n"));
    if (first == end)
        puts_(x, t(x, "本企业没有生产单元。\n", "The enterprise has no units.\n"));
    else
        puts_(x, t(x, "负荷为占设计产能的百分比（向下取整）；减排量为相对基准负荷的日减排量。\n\n",
                   "Loads are percentages of capacity (rounded down); cuts are per day against "
                   "the base load.\n\n"));
    for (L = 0; L < CU_NL && first < end; L++) {
        if (level >= 0 && L != level)
            continue;
        if (level < 0 && L > 0)
            puts_(x, "\n"); /* between levels; no blank line at the end */
        if ((rc = md_level_measures(x, ent, first, end, L)) != CURTAIL_OK)
            return rc;
    }
    return CURTAIL_OK;
}

/* ---- the level's account (Markdown) --------------------------------------------------------- */

/* Is unit u's list load at level L below what its own rule allows, by the
 * optimiser's choice (not held there by a linked unit's stricter bound)? */
int cu_ex_below_rule(const curtail_result *r, size_t u, int L)
{
    const cu_unit_fact *f = &r->facts[u * CU_NL + (size_t)L];
    if (r->gv.group_leader[r->gv.unit_group[u]] != u)
        return 0; /* a follower: its leader's row stands for the group */
    return f->below_rule && !f->below_min && (f->binding == UINT32_MAX || f->binding == u);
}

/* Text lines (each ending in "\n") as Markdown paragraphs. */
static void md_paragraphs(ex *x, const cu_buf *lines)
{
    size_t i, start = 0;
    if (lines->failed) {
        x->out->failed = 1;
        return;
    }
    for (i = 0; i < lines->len; i++) {
        if (lines->data[i] != '\n')
            continue;
        x->tmp.len = 0;
        cu_buf_put(&x->tmp, lines->data + start, i - start); /* NUL-terminated */
        if (x->tmp.failed || !x->tmp.data) {
            x->out->failed = 1;
            return;
        }
        md(x, x->tmp.data);
        puts_(x, "\n\n");
        start = i + 1;
    }
}

/* The level's mobile-source reduction (移动源, issue 10), as the credits'
 * sentence of cu_target_notes: nothing when no enterprise has trucks. */
static void md_mobile(ex *x, int L)
{
    size_t e, ne = curtail_scenario_enterprise_count(x->r->s);
    double m[CU_NP], trips = 0.0;
    int p, any = 0;
    if (!cu_transport_any_trucks(x->r))
        return;
    curtail_result_mobile(x->r, (curtail_level)L, m, NULL);
    for (e = 0; e < ne; e++)
        trips += curtail_result_trips_stopped(x->r, (curtail_level)L, e);
    puts_(x, t(x, "移动源减排量（kg/d，停运 ", "Mobile-source reductions (kg/d, "));
    cu_put_trimmed(x->out, trips, 2);
    puts_(x, t(x, " 车次/日，已从减排要求中扣除）：",
               " truck trips a day stopped, already off the requirement):"));
    for (p = 0; p < CU_NP; p++) {
        if (!(m[p] > 0))
            continue;
        puts_(x, any++ ? t(x, "，", ", ") : t(x, "", " "));
        puts_(x, pollutant_label(x, p));
        puts_(x, " ");
        cu_put_fixed(x->out, m[p], 2);
    }
    if (!any)
        puts_(x, t(x, "无", " none"));
    puts_(x, t(x, "。\n\n", ".\n\n"));
}

/* The level's account: the targets as the plan's summary has them (both
 * bases, summary.c) with the marginal costs, the shortfalls in words, the
 * credits and combined targets (cu_target_notes), the mobile-source
 * reductions, the units cut beyond their rules, and the weighted loss last. */
static int md_account(ex *x, int L)
{
    cu_summary sum;
    cu_buf notes;
    size_t u, n = curtail_result_unit_count(x->r), k = 0;
    const char *title = cu_report_title(x->r);
    int p, rc, followers = 0, any = 0;
    if ((rc = cu_summary_compute(x->r, &sum)) != CURTAIL_OK) {
        cu_summary_free(&sum);
        return rc;
    }
    cu_buf_printf(x->out, x->en ? "# %s account" : "# %s减排核算", cu_level_label(L, x->en, 1));
    if (title) {
        puts_(x, t(x, "：", ": "));
        md(x, title);
    }
    puts_(x, "\n\n");
    md_title_block(x, 0, 1);
    puts_(x, t(x, "状态：", "Status: "));
    puts_(x, cu_status_all_label(sum.lv[L].status, x->en));
    if (sum.lv[L].status == CURTAIL_TARGETS_UNMET) {
        size_t c;
        for (p = 0; p < CU_NP; p++)
            any |= sum.lv[L].t[p].why != CU_SHORT_NONE;
        for (c = 0; c < x->r->ncomb; c++)
            any |= x->r->comb[c].level == L && x->r->comb[c].shortfall >= 0.00005;
        if (!any) /* every shortfall below what the tables show: say so, not "0.00" alone */
            puts_(x, t(x, "，各项缺口均小于表中显示精度", ", every shortfall below the tables' precision"));
        any = 0;
    }
    puts_(x, t(x, "；损失产值 ", "; lost output value "));
    cu_put_fixed(x->out, sum.lv[L].lost_value / 10000.0, 2);
    puts_(x, t(x, " 万元/日。\n\n", " 10k yuan/d.\n\n"));
    puts_(x, t(x, "## 减排目标与结果\n\n", "## Targets and results\n\n"));
    puts_(x, t(x, "| 污染物 | 全社会排放量 (kg/d) | 清单企业排放量 (kg/d) | 减排要求 (kg/d) "
                  "| 实际减排量 (kg/d) | 缺口 (kg/d) | 实际减排比例（占全社会） "
                  "| 实际减排比例（占清单企业） | 边际减排成本 (元/千克) |\n",
               "| Pollutant | County total (kg/d) | Listed enterprises (kg/d) | Required (kg/d) "
               "| Achieved (kg/d) | Shortfall (kg/d) | Achieved, of county total "
               "| Achieved, of listed | Marginal cost (yuan/kg) |\n"));
    puts_(x, "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (p = 0; p < CU_NP; p++) {
        const cu_sum_target *tg = &sum.lv[L].t[p];
        cu_buf_printf(x->out, "| %s | ", pollutant_label(x, p));
        if (sum.has_county)
            cu_put_fixed(x->out, tg->county, 2);
        else
            puts_(x, "—");
        puts_(x, " | ");
        cu_put_fixed(x->out, tg->listed, 2);
        puts_(x, " | ");
        cu_put_fixed(x->out, tg->required, 2);
        puts_(x, " | ");
        cu_put_fixed(x->out, tg->achieved, 2);
        puts_(x, " | ");
        cu_put_fixed(x->out, tg->shortfall, 2);
        puts_(x, " | ");
        if (sum.has_county && tg->county > 0) {
            cu_put_fixed(x->out, 100.0 * tg->achieved / tg->county, 2);
            puts_(x, "%");
        } else
            puts_(x, "—");
        puts_(x, " | ");
        if (tg->listed > 0) {
            cu_put_fixed(x->out, 100.0 * tg->achieved / tg->listed, 2);
            puts_(x, "%");
        } else
            puts_(x, "—");
        puts_(x, " | ");
        cu_put_fixed(x->out, tg->marginal, 2);
        puts_(x, " |\n");
    }
    puts_(x, "\n");
    for (p = 0; p < CU_NP; p++) {
        if (sum.lv[L].t[p].why == CU_SHORT_NONE)
            continue;
        puts_(x, "- ");
        x->tmp.len = 0;
        cu_sum_shortfall_text(&sum, L, p, x->en, &x->tmp);
        if (x->tmp.failed || !x->tmp.data)
            x->out->failed = 1;
        else
            md(x, x->tmp.data);
        puts_(x, "\n");
        any = 1;
    }
    if (any)
        puts_(x, "\n");
    cu_buf_init(&notes, x->r->mem);
    cu_target_notes(&notes, x->r, L, x->en, 0); /* credits, combined targets */
    md_paragraphs(x, &notes);
    cu_buf_free(&notes);
    md_mobile(x, L);
    puts_(x, t(x, "## 优化加严的生产单元（低于规则允许负荷）\n\n",
               "## Units the optimiser cut beyond their rules\n\n"));
    for (u = 0; u < n && !x->out->failed; u++) {
        curtail_unit_result ur;
        cu_unit_info ui;
        if (!cu_ex_below_rule(x->r, u, L))
            continue;
        if ((rc = curtail_result_unit(x->r, (curtail_level)L, u, &ur, NULL)) != CURTAIL_OK ||
            (rc = cu_unit_info_get(x->r, u, &ui)) != CURTAIL_OK) {
            cu_summary_free(&sum);
            return rc;
        }
        if (k++ == 0) {
            puts_(x, t(x, "| 序号 | 企业名称 | 企业ID | 生产单元 | 规则允许负荷 | 清单负荷 | 措施 | 依据 |\n",
                       "| No. | Enterprise | ID | Unit | Rule allows | List load | Measure | Basis |\n"));
            puts_(x, "|---:|---|---|---|---:|---:|---|---|\n");
        }
        cu_buf_printf(x->out, "| %zu | ", k);
        md(x, ui.e.name);
        puts_(x, " | ");
        cu_buf_printf(x->out, "`%s` | ", ui.e.id);
        md(x, cu_unit_name(x->r, u));
        puts_(x, " | ");
        cu_put_load_percent(x->out, x->r->facts[u * CU_NL + (size_t)L].hi);
        puts_(x, " | ");
        cu_put_load_percent(x->out, ur.load);
        puts_(x, " | ");
        md(x, cu_ex_unit_text(x, u, L, 0));
        puts_(x, " | ");
        md(x, cu_ex_unit_text(x, u, L, 1));
        puts_(x, " |\n");
    }
    for (u = 0; u < n && !followers; u++) {
        size_t lead = x->r->gv.group_leader[x->r->gv.unit_group[u]];
        followers = lead != u && cu_ex_below_rule(x->r, lead, L);
    }
    if (k == 0)
        puts_(x, t(x, "本级别所有生产单元均按规则要求执行，没有被进一步加严。\n",
                   "Every unit runs at the load its rule allows; none is cut further.\n"));
    else if (followers)
        puts_(x, t(x, "\n随上表单元同步减产的联动单元（化产回收、熄焦等）不单列，见各企业的一厂一策表。\n",
                   "\nUnits that follow one above (by-product plants, quenching …) are not listed "
                   "again; see each enterprise's sheet.\n"));
    /* as the plan's annex: what a marginal cost is, and the weighted loss */
    puts_(x, t(x, "\n## 附：边际减排成本与加权损失\n\n",
               "\n## Annex: marginal costs and the weighted loss\n\n"));
    cu_sum_annex_text(&sum, 2, x->en, x->out); /* the annex's own words: no markup in them */
    puts_(x, "\n\n");
    cu_sum_annex_text(&sum, 0, x->en, x->out);
    puts_(x, t(x, "本级别加权损失 ", " Weighted loss at this level: "));
    cu_put_fixed(x->out, sum.lv[L].weighted_loss / 10000.0, 2);
    puts_(x, t(x, " 万元/日（仅供优化比较，不是实际金额）。\n",
               " 10k yuan/d (for the optimiser's comparison, not money).\n"));
    cu_summary_free(&sum);
    return CURTAIL_OK;
}

/* ---- the enterprises to choose from (Markdown) ---------------------------------------------- */

static int md_index(ex *x)
{
    size_t i, u, ne = curtail_scenario_enterprise_count(x->r->s);
    size_t n = curtail_result_unit_count(x->r);
    const char *title = cu_report_title(x->r);
    size_t *count = cu_calloc(x->r->mem, ne ? ne : 1, sizeof *count);
    if (!count)
        return CURTAIL_ENOMEM;
    for (u = 0; u < n; u++) {
        curtail_unit_spec us = CURTAIL_UNIT_SPEC_INIT;
        size_t e;
        if (curtail_scenario_unit(x->r->s, u, &us, &e, NULL) == CURTAIL_OK && e < ne)
            count[e]++;
    }
    puts_(x, t(x, "# 企业列表", "# Enterprises"));
    if (title) {
        puts_(x, t(x, "：", ": "));
        md(x, title);
    }
    puts_(x, "\n\n");
    md_title_block(x, 0, 0);
    puts_(x, t(x, "一家企业的一厂一策表：`curtail explain FILE --enterprise 企业ID`；一个预警级别的"
                  "减排核算：`curtail explain FILE --level yellow|orange|red`。\n\n",
               "One enterprise's sheet: `curtail explain FILE --enterprise ID`; one alert "
               "level's account: `curtail explain FILE --level yellow|orange|red`.\n\n"));
    puts_(x, t(x, "| 序号 | 企业ID | 企业名称 | 乡镇 | 行业 | 绩效等级 | 生产单元数 |\n",
               "| No. | ID | Enterprise | Town | Industry | Grade | Units |\n"));
    puts_(x, "|---:|---|---|---|---|---|---:|\n");
    for (i = 0; i < ne && !x->out->failed; i++) {
        curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
        if (curtail_scenario_enterprise(x->r->s, i, &e, NULL) != CURTAIL_OK)
            break;
        cu_buf_printf(x->out, "| %zu | `%s` | ", i + 1, e.id); /* ids: [A-Za-z0-9_.-] */
        md(x, e.name);
        puts_(x, " | ");
        md(x, e.town ? e.town : "");
        puts_(x, " | ");
        puts_(x, (x->en ? cu_industry_en : cu_industry_zh)[e.industry]);
        puts_(x, " | ");
        puts_(x, (x->en ? cu_grade_en : cu_grade_zh)[e.grade]);
        cu_buf_printf(x->out, " | %zu |\n", count[i]);
    }
    cu_free(x->r->mem, count);
    return CURTAIL_OK;
}

/* ---- entry ---------------------------------------------------------------------------------- */

static int render(ex *x, const curtail_explain_options *o, int json)
{
    size_t ent = 0, first = 0, end = 0;
    if (o->enterprise) {
        int rc = cu_ex_find_enterprise(x->r, o->enterprise, &ent, &first, &end);
        if (rc != CURTAIL_OK)
            return rc;
        return json ? cu_ex_json_sheet(x, ent, first, end, o->level) : md_sheet(x, ent, first, end, o->level);
    }
    if (o->level >= 0)
        return json ? cu_ex_json_account(x, o->level) : md_account(x, o->level);
    return json ? cu_ex_json_index(x) : md_index(x);
}

int curtail_explain_write_file(const curtail_result *r, const curtail_explain_options *opts,
                               const char *path, curtail_error *err)
{
    curtail_explain_options o = CURTAIL_EXPLAIN_OPTIONS_INIT;
    cu_output out;
    cu_buf b;
    ex x;
    size_t ent, first, end;
    int rc;
    if (!r)
        return cu_einval(err, "curtail_explain_write_file: result is NULL");
    if (opts) {
        if (cu_check_version(opts->version, CURTAIL_EXPLAIN_OPTIONS_VERSION,
                             "curtail_explain_options", err) != CURTAIL_OK)
            return CURTAIL_EINVAL;
        o = *opts;
    }
    if (o.format != CURTAIL_FORMAT_MD && o.format != CURTAIL_FORMAT_JSON)
        return cu_einval(err, "curtail_explain_write_file: format %d (md or json only)",
                         (int)o.format);
    if ((int)o.lang < CURTAIL_LANG_DEFAULT || (int)o.lang > CURTAIL_LANG_EN)
        return cu_einval(err, "unknown output language %d", (int)o.lang);
    if (o.level < -1 || o.level >= CU_NL)
        return cu_einval(err, "curtail_explain_write_file: level %d out of range", o.level);
    /* an unknown id is refused before any file is touched */
    if (o.enterprise && cu_ex_find_enterprise(r, o.enterprise, &ent, &first, &end) != CURTAIL_OK)
        return cu_einval(err, "no enterprise with id '%.200s'", o.enterprise);
    rc = cu_output_open(&out, path, NULL, o.on_temp, o.on_temp_ctx, err);
    if (rc != CURTAIL_OK)
        return rc;
    cu_buf_init(&b, r->mem);
    cu_output_attach(&out, &b);
    memset(&x, 0, sizeof x);
    x.r = r;
    x.out = &b;
    x.lang = o.lang == CURTAIL_LANG_DEFAULT ? r->lang : (int)o.lang;
    x.en = x.lang == CURTAIL_LANG_EN;
    cu_buf_init(&x.tmp, r->mem);
    rc = render(&x, &o, o.format == CURTAIL_FORMAT_JSON);
    if (rc == CURTAIL_OK && (b.failed || x.tmp.failed))
        rc = CURTAIL_ENOMEM;
    cu_buf_free(&x.tmp);
    if (rc == CURTAIL_ENOMEM && !b.sink_err)
        cu_enomem(err);
    else if (rc != CURTAIL_OK && rc != CURTAIL_ENOMEM)
        cu_einval(err, "the result cannot be read back (code %d)", rc);
    if (b.sink_err)
        rc = CURTAIL_OK; /* the sink's error: cu_output_finish says it */
    rc = cu_output_finish(&out, &b, rc, err);
    cu_buf_free(&b);
    return rc;
}
