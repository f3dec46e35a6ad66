/* SPDX-License-Identifier: GPL-3.0-or-later */
/* write_text.c — labels and number formats shared by the CSV and Markdown
 * writers (see write_text.h). */
#include "write_text.h"
#include "numfmt.h"
#include "measure_words.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *const cu_industry_zh[CURTAIL_NINDUSTRIES] = {"焦化", "化工", "锅炉", "其他"};
const char *const cu_industry_en[CURTAIL_NINDUSTRIES] = {"coking", "chemical", "boiler",
                                                         "other"};
const char *const cu_grade_zh[CURTAIL_NGRADES] = {"A级",    "B级",      "B-级",  "C级",
                                                  "D级",    "引领性",   "非引领性", "未分级"};
const char *const cu_grade_en[CURTAIL_NGRADES] = {"A", "B",       "B-",          "C",
                                                  "D", "leading", "non-leading", "ungraded"};
const char *const cu_pollutant_zh[CU_NP] = {"SO2", "NOx", "颗粒物", "VOCs"};

/* Both through cu_numfmt_fixed: printf's "%.*f" without the locale's
 * decimal comma. cu_put_fixed drops the sign of a value that rounds to
 * zero ("-0.00" is written "0.00"); cu_put_trimmed drops trailing zeros and
 * the point ("12.50" -> "12.5", "-0" -> "0"). */
void cu_put_fixed(cu_buf *b, double v, int decimals)
{
    char tmp[CU_NUMFMT_FIXED_MAX(16)];
    size_t n, i;
    if (!isfinite(v))
        v = 0.0;
    if (decimals > 16)
        decimals = 16;
    n = cu_numfmt_fixed(tmp, v, decimals);
    if (tmp[0] == '-') {
        for (i = 1; i < n && (tmp[i] == '0' || tmp[i] == '.'); i++)
            ;
        if (i == n) { /* all zeros */
            cu_buf_put(b, tmp + 1, n - 1);
            return;
        }
    }
    cu_buf_put(b, tmp, n);
}

void cu_put_trimmed(cu_buf *b, double v, int decimals)
{
    char *at;
    if (!isfinite(v))
        v = 0.0;
    if (decimals > 16)
        decimals = 16;
    if ((at = cu_buf_room(b, CU_NUMFMT_FIXED_MAX(16))) != NULL)
        cu_buf_commit(b, cu_numfmt_trimmed(at, v, decimals));
}

int cu_capacity_stated(const curtail_unit_spec *u, double *amount)
{
    int capu = cu_capu_resolve(u->capacity_unit ? cu_capu_from_name(u->capacity_unit) : 0,
                               u->kind);
    *amount = cu_capu_amount(capu, u->capacity);
    return capu;
}

int cu_unit_info_get(const curtail_result *r, size_t u, cu_unit_info *out)
{
    int rc;
    /* of the current versions, which the two calls fill whole */
    out->u.version = CURTAIL_UNIT_SPEC_VERSION;
    out->e.version = CURTAIL_ENTERPRISE_SPEC_VERSION;
    if ((rc = curtail_scenario_unit(r->s, u, &out->u, &out->ent, NULL)) != CURTAIL_OK ||
        (rc = curtail_scenario_enterprise(r->s, out->ent, &out->e, NULL)) != CURTAIL_OK)
        return rc;
    out->leader = r->gv.group_leader[r->gv.unit_group[u]];
    return CURTAIL_OK;
}

const char *cu_unit_name(const curtail_result *r, size_t u)
{
    curtail_unit_spec us = CURTAIL_UNIT_SPEC_INIT;
    if (curtail_scenario_unit(r->s, u, &us, NULL, NULL) != CURTAIL_OK)
        return "";
    return us.name ? us.name : us.id;
}

void cu_grade_label(cu_buf *b, int grade, int eff, int en)
{
    const char *const *names = en ? cu_grade_en : cu_grade_zh;
    cu_buf_puts(b, names[grade]);
    if (eff == grade || eff < 0 || eff >= CURTAIL_NGRADES)
        return;
    cu_buf_puts(b, en ? " (managed as " : "（按");
    cu_buf_puts(b, names[eff]);
    cu_buf_puts(b, en ? ")" : "管控）");
}

int cu_write_lang(const curtail_result *r, const curtail_write_options *o)
{
    return o->lang == CURTAIL_LANG_DEFAULT ? r->lang : (int)o->lang;
}

int cu_hour_in_window(const curtail_result *r, size_t t)
{
    return t < (size_t)r->hours && r->hour_window[t];
}

void cu_format_clock(int minutes, char *buf, size_t n)
{
    snprintf(buf, n, "%02d:%02d", minutes / 60, minutes % 60);
}

/* ---- the list ---------------------------------------------------------------------------- */

cu_list_col cu_list_column(size_t i)
{
    static const cu_list_field head[8] = {CU_COL_NO,       CU_COL_ENTERPRISE, CU_COL_CREDIT_CODE,
                                          CU_COL_TOWN,     CU_COL_INDUSTRY,   CU_COL_GRADE,
                                          CU_COL_UNIT,     CU_COL_CAPACITY};
    cu_list_col c = {CU_COL_NO, 0, 0};
    size_t k;
    if (i < 8) {
        c.field = head[i];
        return c;
    }
    if (i < 8 + CU_NP) {
        c.field = CU_COL_BASELINE;
        c.pollutant = (int)(i - 8);
        return c;
    }
    k = i - 8 - CU_NP;
    c.level = (int)(k / (3 + CU_NP));
    k %= 3 + CU_NP;
    if (k == 0)
        c.field = CU_COL_LOAD;
    else if (k == 1)
        c.field = CU_COL_MEASURE;
    else if (k == 2)
        c.field = CU_COL_TRANSPORT;
    else {
        c.field = CU_COL_REDUCTION;
        c.pollutant = (int)(k - 3);
    }
    return c;
}

cu_list_col cu_list_column_full(size_t i)
{
    cu_list_col c = {CU_COL_BASE_LOAD, 0, 0};
    size_t k;
    if (i < 8)
        return cu_list_column(i);
    if (i == 8)
        return c;
    if (i < 9 + CU_NP)
        return cu_list_column(i - 1);
    k = i - 9 - CU_NP;
    c.level = (int)(k / (4 + CU_NP));
    k %= 4 + CU_NP;
    if (k < 2)
        return cu_list_column(8 + CU_NP + (size_t)c.level * (3 + CU_NP) + k);
    if (k == 2) {
        c.field = CU_COL_REASON;
        return c;
    }
    return cu_list_column(8 + CU_NP + (size_t)c.level * (3 + CU_NP) + k - 1);
}

int cu_list_col_is_text(cu_list_col c)
{
    switch (c.field) {
    case CU_COL_ENTERPRISE:
    case CU_COL_CREDIT_CODE:
    case CU_COL_TOWN:
    case CU_COL_INDUSTRY:
    case CU_COL_GRADE:
    case CU_COL_UNIT:
    case CU_COL_MEASURE:
    case CU_COL_REASON:
    case CU_COL_TRANSPORT:
        return 1;
    default:
        return 0;
    }
}

const char *cu_pollutant_label(int p, int en)
{
    return en ? curtail_pollutant_name((curtail_pollutant)p) : cu_pollutant_zh[p];
}

const char *cu_status_label(int status, int en)
{
    if (status == CURTAIL_TARGETS_UNMET)
        return en ? "targets not met" : "目标未达成";
    return en ? "targets met" : "目标达成";
}

const char *cu_status_all_label(int status, int en)
{
    if (status == CURTAIL_TARGETS_UNMET)
        return en ? "targets not met (smallest shortfall)" : "减排目标未全部达成（缺口已最小化）";
    return en ? "all targets met" : "减排目标全部达成";
}

void cu_hour_label_short(const curtail_result *r, size_t t, char *buf, size_t n)
{
    char full[32];
    curtail_result_hour_label(r, t, full, sizeof full, NULL);
    snprintf(buf, n, "%.5s %.5s", full + 5, full + 11);
}

void cu_list_header(cu_buf *b, cu_list_col c, int en)
{
    static const char *const zh[8] = {"序号",     "企业名称", "统一社会信用代码", "乡镇",
                                      "行业",     "绩效等级", "生产单元",         "产能"};
    static const char *const eng[8] = {"No.",      "Enterprise", "Credit code", "Town",
                                       "Industry", "Grade",      "Unit",        "Capacity"};
    const char *lv = cu_level_label(c.level, en, 0);
    switch (c.field) {
    case CU_COL_BASELINE:
        cu_buf_printf(b, en ? "Baseline %s (kg/d)" : "基准排放量 %s (kg/d)",
                      cu_pollutant_label(c.pollutant, en));
        break;
    case CU_COL_LOAD:
        cu_buf_printf(b, en ? "%s load" : "%s 负荷", lv);
        break;
    case CU_COL_MEASURE:
        cu_buf_printf(b, en ? "%s measure" : "%s 措施", lv);
        break;
    case CU_COL_REASON:
        cu_buf_printf(b, en ? "%s basis" : "%s 依据", lv);
        break;
    case CU_COL_TRANSPORT:
        cu_buf_printf(b, en ? "%s transport" : "%s 运输措施", lv);
        break;
    case CU_COL_BASE_LOAD:
        cu_buf_puts(b, en ? "Base load" : "基准负荷");
        break;
    case CU_COL_CAPACITY:
        cu_buf_puts(b, en ? "Capacity" : "设计产能");
        break;
    case CU_COL_REDUCTION:
        cu_buf_printf(b, en ? "%s reduction %s (kg/d)" : "%s 减排量 %s (kg/d)", lv,
                      cu_pollutant_label(c.pollutant, en));
        break;
    default:
        cu_buf_puts(b, (en ? eng : zh)[c.field]);
        break;
    }
}

int cu_list_row_init(const curtail_result *r, size_t u, cu_list_row *row)
{
    int L, rc;
    row->unit = u;
    if ((rc = cu_unit_info_get(r, u, &row->info)) != CURTAIL_OK)
        return rc;
    for (L = 0; L < CU_NL; L++) {
        rc = curtail_result_unit(r, (curtail_level)L, u, &row->ur[L], NULL);
        if (rc != CURTAIL_OK)
            return rc;
    }
    return CURTAIL_OK;
}

void cu_list_cell(cu_buf *b, const curtail_result *r, const cu_list_row *row, cu_list_col c,
                  int lang)
{
    const curtail_unit_spec *unit = &row->info.u;
    const curtail_enterprise_spec *e = &row->info.e;
    int en = (lang == CURTAIL_LANG_DEFAULT ? r->lang : lang) == CURTAIL_LANG_EN;
    char tmp[128];
    switch (c.field) {
    case CU_COL_NO: { /* row->unit + 1 in decimal ("%zu") */
        size_t x = row->unit + 1, k = sizeof tmp;
        do {
            tmp[--k] = (char)('0' + x % 10);
            x /= 10;
        } while (x);
        cu_buf_put(b, tmp + k, sizeof tmp - k);
        break;
    }
    case CU_COL_ENTERPRISE:
        cu_buf_puts(b, e->name ? e->name : e->id);
        break;
    case CU_COL_CREDIT_CODE:
        cu_buf_puts(b, e->credit_code ? e->credit_code : "");
        break;
    case CU_COL_TOWN:
        cu_buf_puts(b, e->town ? e->town : "");
        break;
    case CU_COL_INDUSTRY:
        cu_buf_puts(b, (en ? cu_industry_en : cu_industry_zh)[e->industry]);
        break;
    case CU_COL_GRADE:
        /* the declared grade, with the effective one when a modifier changed it */
        cu_grade_label(b, (int)e->grade, r->grades[row->unit].grade, en);
        break;
    case CU_COL_UNIT:
        cu_buf_puts(b, unit->name ? unit->name : unit->id);
        break;
    case CU_COL_CAPACITY: { /* in the unit's capacity unit: "1650 吨/日", "40 吨/小时" */
        double amount;
        int capu = cu_capacity_stated(unit, &amount);
        cu_put_trimmed(b, amount, 4);
        cu_buf_puts(b, " ");
        cu_buf_puts(b, cu_capu_label(capu, en));
        break;
    }
    case CU_COL_BASE_LOAD:
        cu_put_load_percent(b, r->gv.b[r->gv.unit_group[row->unit]]);
        break;
    case CU_COL_REASON:
        cu_measure_reason(r, row->unit, c.level, lang, b);
        break;
    case CU_COL_BASELINE: {
        /* the unit's own emissions at its (group's) base load, fixed ones included */
        const cu_group_view *g = &r->gv;
        double base = g->b[g->unit_group[row->unit]];
        cu_put_fixed(b, unit->ef[c.pollutant] * unit->capacity * base + unit->fixed_kgpd[c.pollutant],
                     2);
        break;
    }
    case CU_COL_LOAD:
        cu_put_load_percent(b, row->ur[c.level].load);
        break;
    case CU_COL_MEASURE:
        cu_measure_text(r, row->unit, c.level, lang, b);
        break;
    case CU_COL_TRANSPORT: /* the enterprise's, on each of its units' rows */
        cu_buf_puts(b, cu_transport_text(
                           (int)curtail_result_transport(r, (curtail_level)c.level, row->info.ent),
                           en));
        break;
    case CU_COL_REDUCTION:
        cu_put_fixed(b, row->ur[c.level].reduction[c.pollutant], 2);
        break;
    }
}

/* ---- transport (issue 10) -------------------------------------------------------------- */

void cu_transport_counts(const curtail_result *r, int level, size_t count[CURTAIL_NTRANSPORTS])
{
    size_t e, ne = curtail_scenario_enterprise_count(r->s);
    int t;
    for (t = 0; t < CURTAIL_NTRANSPORTS; t++)
        count[t] = 0;
    for (e = 0; e < ne; e++)
        count[curtail_result_transport(r, (curtail_level)level, e)]++;
}

int cu_transport_any_trucks(const curtail_result *r)
{
    size_t e, ne = curtail_scenario_enterprise_count(r->s);
    int L;
    double m[CU_NP];
    for (L = 0; L < CU_NL; L++) {
        curtail_result_mobile(r, (curtail_level)L, m, NULL);
        if (m[0] > 0 || m[1] > 0 || m[2] > 0 || m[3] > 0)
            return 1;
        for (e = 0; e < ne; e++)
            if (curtail_result_trips_stopped(r, (curtail_level)L, e) > 0)
                return 1;
    }
    return 0;
}

void cu_transport_table_md(cu_buf *b, const curtail_result *r, int en)
{
    size_t count[CU_NL][CURTAIL_NTRANSPORTS], e, ne = curtail_scenario_enterprise_count(r->s);
    int L, t, p;
    for (L = 0; L < CU_NL; L++)
        cu_transport_counts(r, L, count[L]);
    cu_buf_puts(b, en ? "## Transport measures (enterprises)\n\n| Transport measure |"
                      : "## 运输措施（企业数）\n\n| 运输措施 |");
    for (L = 0; L < CU_NL; L++)
        cu_buf_printf(b, " %s |", cu_level_label(L, en, 0));
    cu_buf_puts(b, "\n|---|---:|---:|---:|\n");
    /* the stated measures from the mildest, then the unstated; rows that are
     * all zero left out */
    for (t = 1; t <= CURTAIL_NTRANSPORTS; t++) {
        int k = t % CURTAIL_NTRANSPORTS;
        if (count[0][k] + count[1][k] + count[2][k] == 0)
            continue;
        cu_buf_printf(b, "| %s |",
                      k ? cu_transport_text(k, en) : en ? "not stated" : "未明确");
        for (L = 0; L < CU_NL; L++)
            cu_buf_printf(b, " %zu |", count[L][k]);
        cu_buf_puts(b, "\n");
    }
    cu_buf_puts(b, "\n");
    if (!cu_transport_any_trucks(r))
        return;
    cu_buf_puts(b, en ? "Mobile-source reductions (truck trips stopped; counted toward the "
                        "targets: the listed enterprises' requirement above is net of them):\n\n"
                        "| Level | Trips stopped (per day) |"
                      : "移动源减排量（停运车次，计入减排目标：上表清单企业须减排已扣除）：\n\n"
                        "| 预警级别 | 停运车次（次/日） |");
    for (p = 0; p < CU_NP; p++)
        cu_buf_printf(b, " %s (kg/d) |", cu_pollutant_label(p, en));
    cu_buf_puts(b, "\n|---|---:|---:|---:|---:|---:|\n");
    for (L = 0; L < CU_NL; L++) {
        double m[CU_NP], trips = 0.0;
        curtail_result_mobile(r, (curtail_level)L, m, NULL);
        for (e = 0; e < ne; e++)
            trips += curtail_result_trips_stopped(r, (curtail_level)L, e);
        cu_buf_printf(b, "| %s | ", cu_level_label(L, en, 0));
        cu_put_trimmed(b, trips, 2);
        cu_buf_puts(b, " |");
        for (p = 0; p < CU_NP; p++) {
            cu_buf_puts(b, " ");
            cu_put_fixed(b, m[p], 2);
            cu_buf_puts(b, " |");
        }
        cu_buf_puts(b, "\n");
    }
    cu_buf_puts(b, "\n");
}

void cu_target_notes(cu_buf *b, const curtail_result *r, int level, int en, int with_level)
{
    size_t k;
    int p, any = 0;
    for (p = 0; p < CU_NP; p++)
        any |= r->has_credits && r->credit[level][p] > 0;
    if (any) {
        if (with_level)
            cu_buf_printf(b, en ? "%s: " : "%s：", cu_level_label(level, en, 1));
        cu_buf_puts(b, en ? "Non-industrial credits (kg/d, already off the requirement):"
                          : "非工业源抵扣（kg/d，已从减排要求中扣除）：");
        for (p = 0, any = 0; p < CU_NP; p++) {
            if (!(r->credit[level][p] > 0))
                continue;
            cu_buf_puts(b, any++ ? (en ? ", " : "，") : (en ? " " : ""));
            cu_buf_printf(b, "%s ", cu_pollutant_label(p, en));
            cu_put_fixed(b, r->credit[level][p], 2);
        }
        cu_buf_puts(b, en ? ".\n" : "。\n");
    }
    for (k = 0; k < r->ncomb; k++) {
        const cu_comb_res *c = &r->comb[k];
        if (c->level != level)
            continue;
        if (with_level)
            cu_buf_printf(b, en ? "%s: " : "%s：", cu_level_label(level, en, 1));
        for (p = 0, any = 0; p < CU_NP; p++)
            if (c->pollutants & (1u << p))
                cu_buf_printf(b, "%s%s", any++ ? "+" : "",
                              cu_pollutant_label(p, en));
        cu_buf_puts(b, en ? " reduction ratios summed: at least " : " 减排比例之和不低于 ");
        cu_put_fixed(b, 100 * c->ratio, 2);
        if (c->credit > 0) {
            /* c->credit counts the credits and the mobile sources of its pollutants */
            double credit = 0.0, mobile = 0.0;
            for (p = 0; p < CU_NP; p++)
                if (c->pollutants & (1u << p)) {
                    credit += r->has_credits ? r->credit[level][p] : 0.0;
                    mobile += r->mobile[level][p];
                }
            cu_buf_puts(b, en ? (credit > 0 && mobile > 0
                                     ? "%, of which non-industrial credits and mobile sources "
                                     : mobile > 0 ? "%, of which mobile sources "
                                                  : "%, of which non-industrial credits ")
                              : (credit > 0 && mobile > 0 ? "%，其中非工业源抵扣及移动源 "
                                 : mobile > 0             ? "%，其中移动源 "
                                                          : "%，其中非工业源抵扣 "));
            cu_put_fixed(b, 100 * c->credit, 2);
            cu_buf_puts(b, en ? "%, the listed enterprises " : "%，清单企业须达 ");
            cu_put_fixed(b, 100 * c->required, 2);
        }
        cu_buf_puts(b, en ? "%; achieved by the listed enterprises " : "%；清单企业实际 ");
        cu_put_fixed(b, 100 * c->achieved, 2);
        cu_buf_puts(b, en ? "%, shortfall " : "%，缺口 ");
        cu_put_fixed(b, 100 * c->shortfall, 2);
        /* the marginal cost is in the annex (附录) */
        cu_buf_puts(b, en ? "%.\n" : "%。\n");
    }
}
