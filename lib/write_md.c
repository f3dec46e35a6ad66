/* write_md.c — a plan as Markdown (SPEC §7): the scenario name as title, a
 * summary table per level (baseline, required, achieved, shortfall and shadow
 * price per pollutant; lost value; status), the list (一企一策) with each
 * unit's load and measure per level, and the warnings. Chinese by default,
 * English with lang en. Numbers as in the CSV: loads 4 decimals, kg/d and
 * yuan 2 decimals. */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const industry_zh[CURTAIL_NINDUSTRIES] = {"焦化", "化工", "锅炉", "其他"};
static const char *const industry_en[CURTAIL_NINDUSTRIES] = {"coking", "chemical", "boiler",
                                                             "other"};
static const char *const grade_zh[CURTAIL_NGRADES] = {"A级", "B级", "B-级", "C级", "D级",
                                                      "引领性", "非引领性", "未分级"};
static const char *const grade_en[CURTAIL_NGRADES] = {"A", "B", "B-", "C", "D",
                                                      "leading", "non-leading", "ungraded"};
static const char *const level_zh[CU_NL] = {"黄色", "橙色", "红色"};
static const char *const level_en[CU_NL] = {"Yellow", "Orange", "Red"};
static const char *const pollutant_zh[CU_NP] = {"SO2", "NOx", "颗粒物", "VOCs"};

/* Text inside a table cell or a list item: Markdown punctuation escaped,
 * line breaks turned into spaces so a row stays one line. */
static void put_text(cu_buf *b, const char *s)
{
    const char *p;
    if (!s)
        return;
    for (p = s; *p; p++) {
        if (*p == '\n' || *p == '\r')
            cu_buf_put(b, " ", 1);
        else if (strchr("\\|*_`<>[]~", *p)) {
            cu_buf_put(b, "\\", 1);
            cu_buf_put(b, p, 1);
        } else
            cu_buf_put(b, p, 1);
    }
}

static void put_fixed(cu_buf *b, double v, int decimals)
{
    char tmp[400];
    const char *p;
    if (!isfinite(v))
        v = 0.0;
    snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
    for (p = tmp[0] == '-' ? tmp + 1 : tmp; *p == '0' || *p == '.'; p++)
        ;
    cu_buf_puts(b, (tmp[0] == '-' && *p == '\0') ? tmp + 1 : tmp);
}

static void put_summary(cu_buf *b, const curtail_level_result *lr, int level, int en)
{
    int p;
    if (en)
        cu_buf_printf(b, "### %s alert\n\n", level_en[level]);
    else
        cu_buf_printf(b, "### %s预警\n\n", level_zh[level]);
    cu_buf_puts(b, en ? "Status: " : "状态：");
    if (lr->status == CURTAIL_TARGETS_UNMET)
        cu_buf_puts(b, en ? "targets not met" : "目标未达成");
    else
        cu_buf_puts(b, en ? "targets met" : "目标达成");
    cu_buf_puts(b, en ? "; lost value " : "；损失产值 ");
    put_fixed(b, lr->lost_value, 2);
    cu_buf_puts(b, en ? " yuan/d; weighted loss " : " 元/日；加权损失 ");
    put_fixed(b, lr->weighted_loss, 2);
    cu_buf_puts(b, en ? " yuan/d.\n\n" : " 元/日。\n\n");
    cu_buf_puts(b, en ? "| Pollutant | Baseline (kg/d) | Required (kg/d) | Achieved (kg/d) "
                        "| Shortfall (kg/d) | Shadow price (yuan per kg/d) |\n"
                      : "| 污染物 | 基准排放量 (kg/d) | 减排要求 (kg/d) | 实际减排量 (kg/d) "
                        "| 缺口 (kg/d) | 影子价格 (元/(kg/d)) |\n");
    cu_buf_puts(b, "|---|---:|---:|---:|---:|---:|\n");
    for (p = 0; p < CU_NP; p++) {
        const curtail_target *t = &lr->targets[p];
        cu_buf_printf(b, "| %s | ", en ? curtail_pollutant_name((curtail_pollutant)p)
                                       : pollutant_zh[p]);
        put_fixed(b, t->baseline, 2);
        cu_buf_puts(b, " | ");
        put_fixed(b, t->required, 2);
        cu_buf_puts(b, " | ");
        put_fixed(b, t->achieved, 2);
        cu_buf_puts(b, " | ");
        put_fixed(b, t->shortfall, 2);
        cu_buf_puts(b, " | ");
        put_fixed(b, t->shadow_price, 2);
        cu_buf_puts(b, " |\n");
    }
    cu_buf_puts(b, "\n");
}

static void put_grade(cu_buf *b, const curtail_result *r, size_t u, int en)
{
    const cu_enterprise *e = &r->s->ents[r->s->units[u].enterprise];
    int eff = cu_effective_grade(r->s, u);
    const char *const *names = en ? grade_en : grade_zh;
    put_text(b, names[e->grade]);
    if (eff != e->grade && eff >= 0 && eff < CURTAIL_NGRADES) {
        cu_buf_puts(b, en ? " (managed as " : "（按");
        put_text(b, names[eff]);
        cu_buf_puts(b, en ? ")" : "管控）");
    }
}

static int put_list(cu_buf *b, const curtail_result *r, int lang)
{
    const curtail_scenario *s = r->s;
    size_t u, n = curtail_result_unit_count(r);
    int en = lang == CURTAIL_LANG_EN;
    int L, rc;
    cu_buf_puts(b, en ? "## List (one enterprise, one policy)\n\n"
                      : "## 一企一策清单\n\n");
    cu_buf_puts(b, en ? "| No. | Enterprise | Industry | Grade | Unit | Capacity"
                      : "| 序号 | 企业名称 | 行业 | 绩效等级 | 生产单元 | 产能");
    for (L = 0; L < CU_NL; L++) {
        const char *lv = en ? level_en[L] : level_zh[L];
        cu_buf_printf(b, en ? " | %s load | %s measure" : " | %s 负荷 | %s 措施", lv, lv);
    }
    cu_buf_puts(b, " |\n|---:|---|---|---|---|---:");
    for (L = 0; L < CU_NL; L++)
        cu_buf_puts(b, "|---:|---");
    cu_buf_puts(b, "|\n");
    for (u = 0; u < n && !b->failed; u++) {
        const cu_unit *unit = &s->units[u];
        const cu_enterprise *e = &s->ents[unit->enterprise];
        cu_buf_printf(b, "| %zu | ", u + 1);
        put_text(b, e->name ? e->name : e->id);
        cu_buf_puts(b, " | ");
        put_text(b, (en ? industry_en : industry_zh)[e->industry]);
        cu_buf_puts(b, " | ");
        put_grade(b, r, u, en);
        cu_buf_puts(b, " | ");
        put_text(b, unit->name ? unit->name : unit->id);
        cu_buf_puts(b, " | ");
        cu_buf_num(b, unit->capacity);
        for (L = 0; L < CU_NL; L++) {
            curtail_unit_result ur;
            cu_buf text;
            rc = curtail_result_unit(r, (curtail_level)L, u, &ur, NULL);
            if (rc != CURTAIL_OK)
                return rc;
            cu_buf_puts(b, " | ");
            put_fixed(b, ur.load, 4);
            cu_buf_puts(b, " | ");
            cu_buf_init(&text, b->mem);
            cu_measure_text(r, u, L, lang, &text);
            if (text.failed)
                b->failed = 1;
            else
                put_text(b, text.data);
            cu_buf_free(&text);
        }
        cu_buf_puts(b, " |\n");
    }
    cu_buf_puts(b, "\n");
    return CURTAIL_OK;
}

int cu_write_md(const curtail_result *r, const curtail_write_options *o, cu_buf *out)
{
    int lang = o->lang == CURTAIL_LANG_DEFAULT ? r->s->lang : (int)o->lang;
    int en = lang == CURTAIL_LANG_EN;
    size_t i, nw;
    int level, rc;
    if (r->kind != 0)
        return CURTAIL_EINVAL;
    cu_buf_puts(out, "# ");
    put_text(out, curtail_scenario_name(r->s));
    cu_buf_puts(out, "\n\n");
    cu_buf_puts(out, en ? "Status: " : "状态：");
    if (curtail_result_status(r) == CURTAIL_TARGETS_UNMET)
        cu_buf_puts(out, en ? "targets not met (smallest shortfall)"
                            : "减排目标未全部达成（缺口已最小化）");
    else
        cu_buf_puts(out, en ? "all targets met" : "减排目标全部达成");
    cu_buf_puts(out, en ? "; objective (weighted loss over the three levels) "
                        : "；目标函数（三级加权损失合计）");
    put_fixed(out, curtail_result_objective(r), 2);
    cu_buf_puts(out, en ? " yuan/d.\n\n## Targets and results\n\n"
                        : " 元/日。\n\n## 减排目标与结果\n\n");
    for (level = 0; level < CU_NL; level++) {
        curtail_level_result lr;
        rc = curtail_result_level(r, (curtail_level)level, &lr, NULL);
        if (rc != CURTAIL_OK)
            return rc;
        put_summary(out, &lr, level, en);
    }
    rc = put_list(out, r, lang);
    if (rc != CURTAIL_OK)
        return rc;
    nw = curtail_result_warning_count(r);
    if (nw)
        cu_buf_puts(out, en ? "## Warnings\n\n" : "## 提示\n\n");
    for (i = 0; i < nw; i++) {
        cu_buf_puts(out, "- ");
        put_text(out, curtail_result_warning(r, i));
        cu_buf_puts(out, "\n");
    }
    if (nw)
        cu_buf_puts(out, "\n");
    /* no blank line at the very end: exactly one trailing newline */
    if (out->len >= 2 && out->data[out->len - 1] == '\n' && out->data[out->len - 2] == '\n')
        out->data[--out->len] = '\0';
    return out->failed ? CURTAIL_ENOMEM : CURTAIL_OK;
}
