/* SPDX-License-Identifier: GPL-3.0-or-later */
/* summary.c — a plan's summary, computed once from the result (summary.h). */
#include "summary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double cu_sum_ratio(double part, double whole)
{
    return whole > 0 ? part / whole : 0.0;
}

static int near_at_least(double a, double b)
{
    return a >= b - 1e-9 * (fabs(b) > 1.0 ? fabs(b) : 1.0);
}

typedef struct town_key {
    const char *town;
    size_t ent;
} town_key;

/* Towns by their bytes, the unnamed (NULL) last. */
static int town_order(const char *a, const char *b)
{
    if (!a || !b)
        return (a == NULL) - (b == NULL);
    return strcmp(a, b);
}

static int cmp_town(const void *a, const void *b)
{
    const town_key *x = a, *y = b;
    int c = town_order(x->town, y->town);
    if (c)
        return c;
    return x->ent < y->ent ? -1 : x->ent > y->ent;
}

static void count_unit(cu_sum_count *c, const int cut[CU_NL])
{
    int L;
    c->units++;
    for (L = 0; L < CU_NL; L++)
        c->cut_units[L] += cut[L] != 0;
}

static void count_enterprise(cu_sum_count *c, const unsigned char cut[CU_NL])
{
    int L;
    c->enterprises++;
    for (L = 0; L < CU_NL; L++)
        c->cut_enterprises[L] += cut[L] != 0;
}

/* The targets' facts: both bases, the reach of the listed units, why a
 * shortfall. */
static int targets(const curtail_result *r, cu_summary *s)
{
    const cu_group_view *g = &r->gv;
    size_t gi, k;
    int L, p, rc;
    for (L = 0; L < CU_NL; L++) {
        curtail_level_result lr;
        if ((rc = curtail_result_level(r, (curtail_level)L, &lr, NULL)) != CURTAIL_OK)
            return rc;
        s->lv[L].status = (int)lr.status;
        s->lv[L].lost_value = lr.lost_value;
        s->lv[L].weighted_loss = lr.weighted_loss;
        for (p = 0; p < CU_NP; p++) {
            cu_sum_target *t = &s->lv[L].t[p];
            const curtail_target *lt = &lr.targets[p];
            t->county = s->has_county ? lt->baseline : 0.0;
            t->listed = g->listed[p];
            t->base = lt->baseline;
            t->ratio = curtail_scenario_ratio(r->s, (curtail_level)L, (curtail_pollutant)p);
            t->targeted = t->ratio > 0;
            t->order = t->ratio * t->base;
            t->credit = r->has_credits ? r->credit[L][p] : 0.0;
            t->mobile = r->mobile[L][p];
            t->required = lt->required;
            t->achieved = lt->achieved;
            t->shortfall = lt->shortfall;
            t->achieved_total = t->achieved + t->mobile + t->credit;
            t->marginal = lt->shadow_price;
            s->has_credit |= t->credit > 0;
            s->has_mobile |= t->mobile > 0;
            for (gi = 0; gi < g->ngroups; gi++) {
                double e = g->E[gi * CU_NP + (size_t)p];
                t->max_reduction += e * (g->b[gi] - g->lo[gi * CU_NL + (size_t)L]);
                t->reducible += e * g->b[gi];
            }
            /* the number that explains a shortfall is the level's deepest
             * reach when the plan is there; stopping everything is the
             * second fact, when even that would not do */
            if (!(t->shortfall >= 0.005)) /* what shows as 0.00 kg/d is no shortfall */
                t->why = CU_SHORT_NONE;
            else if (!near_at_least(t->achieved, t->max_reduction))
                t->why = CU_SHORT_TRADED;
            else if (!near_at_least(t->reducible, t->required))
                t->why = CU_SHORT_BEYOND_LIST;
            else
                t->why = CU_SHORT_AT_MINIMUM;
        }
    }
    for (k = 0; k < r->nfixed_units; k++)
        for (p = 0; p < CU_NP; p++)
            s->has_fixed[p] |= r->fixed_units[k][p] > 0;
    return CURTAIL_OK;
}

int cu_summary_compute(const curtail_result *r, cu_summary *s)
{
    return cu_summary_compute_cls(r, NULL, s);
}

int cu_summary_compute_cls(const curtail_result *r, const unsigned char *ucls, cu_summary *s)
{
    size_t n = curtail_result_unit_count(r), ne = curtail_scenario_enterprise_count(r->s);
    size_t u, e, k;
    unsigned char *ecls = NULL, *ecut = NULL, *egrade = NULL, *ecutgrade = NULL;
    size_t *etown = NULL;
    town_key *keys = NULL;
    int rc, L;
    memset(s, 0, sizeof *s);
    s->mem = r->mem;
    s->has_county = r->base == CURTAIL_BASE_TOTALS;
    s->objective = curtail_result_objective(r);
    if ((rc = targets(r, s)) != CURTAIL_OK)
        return rc;
    /* per enterprise: its class and whether it is curtailed at each level,
     * its effective grades (bits) and those curtailed at each level, its town */
    ecls = cu_calloc(r->mem, ne ? ne * CU_NL : 1, 1);
    ecut = cu_calloc(r->mem, ne ? ne * CU_NL : 1, 1);
    egrade = cu_calloc(r->mem, ne ? ne : 1, 1);
    ecutgrade = cu_calloc(r->mem, ne ? ne * CU_NL : 1, 1);
    etown = cu_calloc(r->mem, ne ? ne : 1, sizeof *etown);
    keys = cu_calloc(r->mem, ne ? ne : 1, sizeof *keys);
    if (!ecls || !ecut || !egrade || !ecutgrade || !etown || !keys) {
        rc = CURTAIL_ENOMEM;
        goto done;
    }
    memset(ecls, CU_MC_N, ne * CU_NL);
    /* the towns, sorted; etown[e] is the enterprise's row */
    for (e = 0; e < ne; e++) {
        curtail_enterprise_spec es = CURTAIL_ENTERPRISE_SPEC_INIT;
        if ((rc = curtail_scenario_enterprise(r->s, e, &es, NULL)) != CURTAIL_OK)
            goto done;
        keys[e].town = es.town && es.town[0] ? es.town : NULL;
        keys[e].ent = e;
    }
    if (ne)
        qsort(keys, ne, sizeof *keys, cmp_town);
    for (k = 0; k < ne; k++) {
        if (k == 0 || town_order(keys[k].town, keys[k - 1].town))
            s->ntowns++;
        etown[keys[k].ent] = s->ntowns - 1;
    }
    s->towns = cu_calloc(r->mem, s->ntowns ? s->ntowns : 1, sizeof *s->towns);
    if (!s->towns) {
        rc = CURTAIL_ENOMEM;
        goto done;
    }
    for (k = 0; k < ne; k++)
        s->towns[etown[keys[k].ent]].town = keys[k].town;
    /* the units */
    for (u = 0; u < n; u++) {
        cu_unit_info ui;
        int grade = r->grades[u].grade, cut[CU_NL];
        size_t gi = r->gv.unit_group[u];
        if ((rc = cu_unit_info_get(r, u, &ui)) != CURTAIL_OK)
            goto done;
        if (grade < 0 || grade >= CURTAIL_NGRADES)
            grade = (int)ui.e.grade;
        e = ui.ent;
        for (L = 0; L < CU_NL; L++) {
            int cls;
            if (ucls) {
                cls = ucls[u * CU_NL + (size_t)L];
            } else {
                cu_mw_facts f;
                cu_measure_facts(r, u, L, CURTAIL_LANG_ZH, &f);
                cls = cu_mw_class(&f);
            }
            cut[L] = cls < CU_MC_GUARANTEE;
            s->lv[L].units[cls]++;
            if (cls < ecls[e * CU_NL + (size_t)L])
                ecls[e * CU_NL + (size_t)L] = (unsigned char)cls;
            if (cut[L]) {
                ecut[e * CU_NL + (size_t)L] = 1;
                ecutgrade[e * CU_NL + (size_t)L] |= (unsigned char)(1u << grade);
            }
        }
        egrade[e] |= (unsigned char)(1u << grade);
        count_unit(&s->total, cut);
        count_unit(&s->by_grade[grade], cut);
        count_unit(&s->by_industry[ui.e.industry], cut);
        count_unit(&s->towns[etown[e]].c, cut);
        if (!s->has_weight[grade]) {
            s->has_weight[grade] = 1;
            s->weight[grade] = r->gv.w[gi];
        }
    }
    /* the enterprises */
    for (e = 0; e < ne; e++) {
        curtail_enterprise_spec es = CURTAIL_ENTERPRISE_SPEC_INIT;
        int gr;
        if ((rc = curtail_scenario_enterprise(r->s, e, &es, NULL)) != CURTAIL_OK)
            goto done;
        for (L = 0; L < CU_NL; L++)
            if (ecls[e * CU_NL + (size_t)L] < CU_MC_N)
                s->lv[L].enterprises[ecls[e * CU_NL + (size_t)L]]++;
        count_enterprise(&s->total, &ecut[e * CU_NL]);
        count_enterprise(&s->by_industry[es.industry], &ecut[e * CU_NL]);
        count_enterprise(&s->towns[etown[e]].c, &ecut[e * CU_NL]);
        if (!egrade[e]) /* no units: its declared grade */
            egrade[e] = (unsigned char)(1u << es.grade);
        for (gr = 0; gr < CURTAIL_NGRADES; gr++) {
            unsigned char bit = (unsigned char)(1u << gr), cg[CU_NL];
            if (!(egrade[e] & bit))
                continue;
            for (L = 0; L < CU_NL; L++)
                cg[L] = (ecutgrade[e * CU_NL + (size_t)L] & bit) != 0;
            count_enterprise(&s->by_grade[gr], cg);
        }
    }
    rc = CURTAIL_OK;
done:
    cu_free(r->mem, ecls);
    cu_free(r->mem, ecut);
    cu_free(r->mem, egrade);
    cu_free(r->mem, ecutgrade);
    cu_free(r->mem, etown);
    cu_free(r->mem, keys);
    return rc;
}

void cu_summary_free(cu_summary *s)
{
    if (s->mem || s->towns)
        cu_free(s->mem, s->towns);
    s->towns = NULL;
    s->ntowns = 0;
}

/* ---- words ---------------------------------------------------------------------------------- */

int cu_mc_used(const cu_summary *s, int cls)
{
    int L, used = 0;
    for (L = 0; L < CU_NL; L++)
        used |= s->lv[L].units[cls] != 0;
    return used;
}

const char *cu_mc_label(int cls, int en)
{
    static const char *const zh[CU_MC_N] = {"焖炉保温", "停产", "延长结焦时间", "限产",
                                            "停止装车（装卸）作业", "储罐区停止收发作业",
                                            "保障类（不停限产）", "自主减排（A级、引领性）",
                                            "无停限产要求"};
    static const char *const en_[CU_MC_N] = {"hot idle",
                                             "stop production",
                                             "longer coking time",
                                             "output cut",
                                             "stop loading",
                                             "tank farm stops receiving and dispatching",
                                             "guarantee (not curtailed)",
                                             "voluntary (A, leading)",
                                             "no curtailment required"};
    if (cls < 0 || cls >= CU_MC_N)
        return "";
    return en ? en_[cls] : zh[cls];
}

const char *cu_town_label(const char *town, int en)
{
    if (town)
        return town;
    return en ? "(no town given)" : "（未填写乡镇）";
}

void cu_sum_put_tpd(cu_buf *out, double kg, int en)
{
    cu_put_trimmed(out, kg / 1000.0, 3);
    cu_buf_puts(out, en ? " t/d" : " 吨/日");
}

const char *cu_sum_10k_unit(int en)
{
    return en ? "CNY 10k/d" : "万元/日";
}

void cu_sum_base_text(const cu_summary *s, int en, cu_buf *out)
{
    if (s->has_county)
        cu_buf_puts(out, en ? "The targets are ratios of the county's total emissions (as the "
                              "scenario states them); the listed enterprises' own emissions "
                              "(the sum of the list's baseline column) are a part of them, and "
                              "the ratios are given against both."
                            : "减排目标以全社会排放量（情景给定的全县排放总量）为基数；清单企业排放量"
                              "（即清单“基准排放量”列之和）为其中一部分，减排比例分别按两个基数列出。");
    else
        cu_buf_puts(out, en ? "The targets are ratios of the listed enterprises' emissions "
                              "(the sum of the list's baseline column); the scenario gives no "
                              "county total."
                            : "减排目标以清单企业排放量（即清单“基准排放量”列之和）为基数；"
                              "情景未给出全社会排放量。");
}

/* ---- the targets table ------------------------------------------------------------------ */

size_t cu_sum_columns(const cu_summary *s, int cols[CU_SUMC_N])
{
    size_t n = 0;
    int c;
    for (c = 0; c < CU_SUMC_N; c++) {
        if (!s->has_county &&
            (c == CU_SUMC_COUNTY || c == CU_SUMC_REQ_LISTED || c == CU_SUMC_ACH_LISTED))
            continue;
        if (c == CU_SUMC_ORDER && !s->has_credit && !s->has_mobile)
            continue;
        if ((c == CU_SUMC_CREDIT && !s->has_credit) || (c == CU_SUMC_MOBILE && !s->has_mobile))
            continue;
        cols[n++] = c;
    }
    return n;
}

void cu_sum_column_header(const cu_summary *s, int col, int en, cu_buf *out)
{
    const char *base_zh = s->has_county ? "占全社会" : "占清单企业";
    const char *base_en = s->has_county ? "of county total" : "of listed emissions";
    switch (col) {
    case CU_SUMC_COUNTY:
        cu_buf_puts(out, en ? "County total (kg/d)" : "全社会排放量 (kg/d)");
        break;
    case CU_SUMC_LISTED:
        cu_buf_puts(out, en ? "Listed enterprises' emissions (kg/d)" : "清单企业排放量 (kg/d)");
        break;
    case CU_SUMC_RATIO:
        if (en)
            cu_buf_printf(out, "Required ratio, %s", base_en);
        else
            cu_buf_printf(out, "要求减排比例（%s）", base_zh);
        break;
    case CU_SUMC_ORDER:
        cu_buf_puts(out, en ? "Required reduction (kg/d)" : "要求减排量 (kg/d)");
        break;
    case CU_SUMC_CREDIT:
        cu_buf_puts(out, en ? "Non-industrial credits (kg/d)" : "非工业源抵扣 (kg/d)");
        break;
    case CU_SUMC_MOBILE:
        cu_buf_puts(out, en ? "Mobile sources (kg/d)" : "移动源减排量 (kg/d)");
        break;
    case CU_SUMC_REQUIRED:
        cu_buf_puts(out, en ? "Listed enterprises must reduce (kg/d)" : "清单企业须减排 (kg/d)");
        break;
    case CU_SUMC_ACHIEVED:
        cu_buf_puts(out, en ? "Listed enterprises achieved (kg/d)" : "清单企业实际减排 (kg/d)");
        break;
    case CU_SUMC_SHORTFALL:
        cu_buf_puts(out, en ? "Shortfall (kg/d)" : "缺口 (kg/d)");
        break;
    case CU_SUMC_ACH_RATIO:
        if (en)
            cu_buf_printf(out, "Achieved ratio, %s", base_en);
        else
            cu_buf_printf(out, "实际减排比例（%s）", base_zh);
        break;
    case CU_SUMC_REQ_LISTED:
        cu_buf_puts(out, en ? "Must reduce, of listed" : "须减排比例（占清单企业）");
        break;
    default:
        cu_buf_puts(out, en ? "Achieved, of listed" : "实际减排比例（占清单企业）");
        break;
    }
}

int cu_sum_cell(const cu_summary *s, int L, int p, int col, double *v)
{
    const cu_sum_target *t = &s->lv[L].t[p];
    *v = 0.0;
    switch (col) {
    case CU_SUMC_COUNTY:
        if (!s->has_county)
            return CU_SUMV_DASH;
        *v = t->county;
        return CU_SUMV_KG;
    case CU_SUMC_LISTED:
        *v = t->listed;
        return CU_SUMV_KG;
    case CU_SUMC_RATIO:
        if (!t->targeted)
            return CU_SUMV_NOT_ASSESSED;
        *v = t->ratio;
        return CU_SUMV_PCT;
    case CU_SUMC_ORDER:
        *v = t->order;
        return t->targeted ? CU_SUMV_KG : CU_SUMV_DASH;
    case CU_SUMC_CREDIT:
        *v = t->credit;
        return CU_SUMV_KG;
    case CU_SUMC_MOBILE:
        *v = t->mobile;
        return CU_SUMV_KG;
    case CU_SUMC_REQUIRED:
        *v = t->required;
        return t->targeted ? CU_SUMV_KG : CU_SUMV_DASH;
    case CU_SUMC_ACHIEVED:
        *v = t->achieved;
        return CU_SUMV_KG;
    case CU_SUMC_SHORTFALL:
        *v = t->shortfall;
        return t->targeted ? CU_SUMV_KG : CU_SUMV_DASH;
    case CU_SUMC_ACH_RATIO:
        *v = cu_sum_ratio(t->achieved_total, t->base);
        return CU_SUMV_PCT;
    case CU_SUMC_REQ_LISTED:
        *v = cu_sum_ratio(t->required, t->listed);
        return t->targeted ? CU_SUMV_PCT : CU_SUMV_DASH;
    default:
        *v = cu_sum_ratio(t->achieved, t->listed);
        return CU_SUMV_PCT;
    }
}

const char *cu_sum_cell_text(int kind, int en)
{
    if (kind == CU_SUMV_NOT_ASSESSED)
        return en ? "no target" : "不考核";
    if (kind == CU_SUMV_UNMET)
        return cu_sum_unmet_text(en);
    return "—";
}

int cu_sum_marginal_cell(const cu_summary *s, int L, int p, double *v)
{
    const cu_sum_target *t = &s->lv[L].t[p];
    *v = t->marginal;
    if (!t->targeted)
        return CU_SUMV_DASH;
    return t->why != CU_SHORT_NONE && !(t->marginal > 0) ? CU_SUMV_UNMET : CU_SUMV_KG;
}

void cu_sum_columns_note(const cu_summary *s, int en, cu_buf *out)
{
    if (!s->has_credit && !s->has_mobile)
        return;
    if (en) {
        cu_buf_puts(out, "Required reduction = required ratio × ");
        cu_buf_puts(out, s->has_county ? "county total" : "listed emissions");
        cu_buf_puts(out, s->has_credit && s->has_mobile
                             ? "; non-industrial credits and mobile-source reductions (trucks "
                               "stopped) count toward it, so the listed enterprises must reduce "
                               "the rest (never below 0); the achieved ratio counts the listed "
                               "enterprises' reduction, the mobile sources and the credits."
                         : s->has_credit
                             ? "; non-industrial credits count toward it, so the listed "
                               "enterprises must reduce the rest (never below 0); the achieved "
                               "ratio counts the listed enterprises' reduction and the credits."
                             : "; mobile-source reductions (trucks stopped) count toward it, so "
                               "the listed enterprises must reduce the rest (never below 0); the "
                               "achieved ratio counts the listed enterprises' reduction and the "
                               "mobile sources.");
    } else {
        cu_buf_puts(out, "要求减排量 = 要求减排比例 × ");
        cu_buf_puts(out, s->has_county ? "全社会排放量" : "清单企业排放量");
        cu_buf_puts(out, s->has_credit && s->has_mobile
                             ? "；其中非工业源抵扣和移动源减排量（停运车辆）计入，清单企业须减排其余部分"
                               "（不低于 0）；实际减排比例按清单企业实际减排 + 移动源 + 非工业源抵扣计。"
                         : s->has_credit
                             ? "；其中非工业源抵扣计入，清单企业须减排其余部分（不低于 0）；"
                               "实际减排比例按清单企业实际减排 + 非工业源抵扣计。"
                             : "；其中移动源减排量（停运车辆）计入，清单企业须减排其余部分（不低于 0）；"
                               "实际减排比例按清单企业实际减排 + 移动源计。");
    }
}

/* ---- sentences ------------------------------------------------------------------------- */

void cu_sum_shortfall_text(const cu_summary *s, int level, int p, int en, cu_buf *out)
{
    const cu_sum_target *t = &s->lv[level].t[p];
    const char *pol = cu_pollutant_label(p, en);
    cu_buf_printf(out, en ? "%s: the %s target is short by " : "%s %s 减排目标缺口 ",
                  cu_level_label(level, en, 1), pol);
    cu_sum_put_tpd(out, t->shortfall, en);
    cu_buf_puts(out, en ? ": " : "：");
    switch (t->why) {
    case CU_SHORT_BEYOND_LIST:
    case CU_SHORT_AT_MINIMUM:
        /* the level's deepest reach is what the plan achieves: that figure
         * explains the shortfall */
        cu_buf_puts(out, en ? "every adjustable unit is already at its lowest load for this "
                              "level, where the listed enterprises reduce at most "
                            : "可调企业已全部降至本级别最低负荷，本级别清单企业最多可减排 ");
        cu_sum_put_tpd(out, t->max_reduction, en);
        cu_buf_puts(out, en ? ", less than the required " : "，低于清单企业须减排 ");
        cu_sum_put_tpd(out, t->required, en);
        if (t->why == CU_SHORT_BEYOND_LIST && t->reducible - t->max_reduction >= 0.5) {
            /* a second fact: stopping everything would not do either */
            cu_buf_puts(out, en ? "; even stopping every listed unit would reduce only "
                                : "；即使清单企业全部停产也只能减排 ");
            cu_sum_put_tpd(out, t->reducible, en);
            if (s->has_fixed[p])
                cu_buf_puts(out, en ? " (fixed emissions never reduce)" : "（固定排放不随负荷减少）");
        } else if (t->why == CU_SHORT_BEYOND_LIST && !(t->reducible >= 0.5)) {
            /* nothing of it varies with a load */
            if (s->has_fixed[p])
                cu_buf_puts(out, en ? " (no listed unit's emission of it varies with its load; "
                                      "fixed emissions never reduce)"
                                    : "（清单企业没有随负荷变化的该污染物排放，固定排放不随负荷减少）");
            else
                cu_buf_puts(out, en ? " (no listed unit's emission of it varies with its load)"
                                    : "（清单企业没有随负荷变化的该污染物排放）");
        } else if (t->why == CU_SHORT_BEYOND_LIST) {
            /* the lowest loads stop every listed unit already */
            if (s->has_fixed[p])
                cu_buf_puts(out, en ? " (every unit emitting it stopped; fixed emissions never "
                                      "reduce)"
                                    : "（排放该污染物的生产单元已全部停产，固定排放不随负荷减少）");
            else
                cu_buf_puts(out, en ? " (every unit emitting it stopped)"
                                    : "（排放该污染物的生产单元已全部停产）");
        }
        break;
    default:
        cu_buf_puts(out, en ? "the shortfalls of all levels and pollutants are shared out "
                              "(their relative sum is the smallest possible)"
                            : "各级别、各污染物的缺口已按相对缺口之和最小分配");
        break;
    }
    cu_buf_puts(out, en ? "." : "。");
}

/* "B级 4、C级 2、D级 1" */
static void put_weights(const cu_summary *s, int en, cu_buf *out)
{
    int g, any = 0;
    for (g = 0; g < CURTAIL_NGRADES; g++) {
        if (!s->has_weight[g])
            continue;
        cu_buf_puts(out, any ? (en ? ", " : "，") : "");
        cu_buf_printf(out, "%s ×", en ? cu_grade_en[g] : cu_grade_zh[g]);
        cu_put_trimmed(out, s->weight[g], 4);
        any = 1;
    }
}

void cu_sum_annex_text(const cu_summary *s, int which, int en, cu_buf *out)
{
    switch (which) {
    case 0:
        cu_buf_puts(out, en ? "The optimiser compares measures by their weighted loss: for each "
                              "unit, weighted loss = lost output value (yuan/d) × the grade "
                              "weight of its effective grade, so that a yuan lost by a better "
                              "graded plant counts more and such plants are spared. Weights in "
                              "this plan: "
                            : "优化按加权损失比较各项措施：每个生产单元的加权损失 = 损失产值（元/日）"
                              "× 其管控等级的权重，绩效等级较高的企业每损失 1 元产值计更高代价，"
                              "因而优先少压减。本清单的等级权重：");
        put_weights(s, en, out);
        cu_buf_puts(out, en ? "." : "。");
        break;
    case 1:
        cu_buf_puts(out, en ? "The objective is the sum of the three levels' weighted losses, "
                              "a number the optimiser minimises; it is not a loss that happens: "
                              "the three levels never happen on the same day, and a weighted "
                              "loss is not money spent. Objective: "
                            : "目标函数为三个预警级别加权损失之和，仅供优化比较，不是实际发生的损失："
                              "三个级别不会在同一天发生，加权损失也不是实际金额。目标函数值：");
        cu_put_fixed(out, s->objective / 10000.0, 2);
        cu_buf_puts(out, " ");
        cu_buf_puts(out, cu_sum_10k_unit(en));
        cu_buf_puts(out, en ? "." : "。");
        break;
    default:
        cu_buf_puts(out, en ? "The marginal cost of a target is how much the level's weighted "
                              "loss (yuan/d) rises for each further kg/d of that pollutant "
                              "required, i.e. yuan per kg of daily reduction counted in "
                              "weighted loss; 0 where the target does not bind (the mandatory "
                              "measures already reach it), \"—\" where the level sets no target "
                              "for it, \"— (not met)\" where the target is not met (its units "
                              "are at their deepest cut: no marginal cost). A unit is cut beyond "
                              "its rule when "
                              "its own weighted loss per kg (value × weight ÷ emission) is not "
                              "above it."
                            : "边际减排成本：某级别某污染物减排要求每增加 1 千克/日，该级别加权损失"
                              "（元/日）增加的数额，单位元/千克（按加权损失计）；为 0 表示该目标"
                              "不构成约束（强制性措施已达到）；“—”为该级别不考核该污染物，"
                              "“—（未达成）”为目标未达成（相关生产单元已按最深削减，不计边际成本）。"
                              "单位减排成本（产值 × 权重 ÷ 排放）不高于边际成本的生产单元被优化加严。");
        break;
    }
}

/* ---- the combined targets in the annex (issue 10) --------------------------------------- */

/* "橙色 SO2+NOx ≥ 45.00%" */
void cu_sum_combined_label(const curtail_result *r, size_t k, int en, cu_buf *out)
{
    const cu_comb_res *c = &r->comb[k];
    int p, any = 0;
    for (p = 0; p < CU_NP; p++)
        if (c->pollutants & (1u << p))
            cu_buf_printf(out, "%s%s", any++ ? "+" : "",
                          cu_pollutant_label(p, en));
    cu_buf_puts(out, " ≥ ");
    cu_put_fixed(out, 100 * c->ratio, 2);
    cu_buf_puts(out, "%");
}

/* "SO2 4610.40；NOx 1536.80" (yuan per kg, weighted) */
void cu_sum_combined_per_kg(const curtail_result *r, size_t k, int en, cu_buf *out)
{
    const cu_comb_res *c = &r->comb[k];
    int p, any = 0;
    for (p = 0; p < CU_NP; p++) {
        double b = r->lv[c->level].t[p].baseline;
        if (!(c->pollutants & (1u << p)))
            continue;
        cu_buf_printf(out, "%s%s ", any++ ? (en ? "; " : "；") : "",
                      cu_pollutant_label(p, en));
        if (b > 0)
            cu_put_fixed(out, c->shadow_price / b, 2);
        else
            cu_buf_puts(out, "—");
    }
}

int cu_sum_combined_unmet(const curtail_result *r, size_t k)
{
    return r->comb[k].shortfall >= 5e-5;
}

const char *cu_sum_unmet_text(int en)
{
    return en ? "— (not met)" : "—（未达成）";
}

void cu_sum_combined_note(int en, cu_buf *out)
{
    cu_buf_puts(out, en ? "Combined targets (the least sum of several pollutants' reduction "
                          "ratios): the marginal cost is how much the level's weighted loss "
                          "(yuan/d) rises for each further percentage point of the sum; one more "
                          "kg/d of a pollutant adds 1 ÷ its base emissions to the sum, so the "
                          "same cost per kg is marginal cost × 100 ÷ base emissions (yuan/kg, "
                          "weighted loss). A unit's basis compares its cost per kg with its "
                          "pollutant's own marginal cost (table above) plus this share. 0 where "
                          "the combined target does not bind; none where it is not met (its "
                          "units are at their deepest cut)."
                        : "组合目标（多项污染物减排比例之和的下限）：边际减排成本为该组合比例之和每提高 1 "
                          "个百分点，该级别加权损失（元/日）增加的数额；某污染物每多减排 1 千克/日，"
                          "比例之和增加 1 ÷ 该污染物基数排放量，故折合每千克为 边际成本 × 100 ÷ 基数"
                          "排放量（元/千克，按加权损失计）。清单“依据”中的本级别边际成本 = 上表该污染物"
                          "的边际成本 + 此折合值。为 0 表示该组合目标不构成约束；"
                          "未达成的组合目标不计边际成本（相关生产单元已按最深削减）。");
}
