/* write_csv.c — the list (一企一策 / 应急减排清单) as CSV, one row per unit in
 * scenario order (SPEC §7). RFC 4180 quoting, LF line ends, UTF-8, an
 * optional byte order mark for Excel. Human-facing numbers: loads as
 * fractions with 4 decimals, emissions in kg/d with 2 decimals; capacity as
 * given. Headers, industries, grades and measure texts follow the language. */
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

/* One field, quoted when it holds a comma, a quote or a line break. */
static void put_field(cu_buf *b, const char *s)
{
    const char *p;
    if (!s)
        s = "";
    if (!strpbrk(s, ",\"\r\n")) {
        cu_buf_puts(b, s);
        return;
    }
    cu_buf_put(b, "\"", 1);
    for (p = s; *p; p++) {
        if (*p == '"')
            cu_buf_put(b, "\"\"", 2);
        else
            cu_buf_put(b, p, 1);
    }
    cu_buf_put(b, "\"", 1);
}

/* Fixed decimals, never "-0.00", never nan/inf. */
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

/* The declared grade, with the effective one when a modifier changed it
 * (phase_out → D, a wet-quenched 5.5 m oven one grade stricter). */
static void put_grade(cu_buf *b, const curtail_result *r, size_t u, int en)
{
    const cu_enterprise *e = &r->s->ents[r->s->units[u].enterprise];
    int eff = cu_effective_grade(r->s, u);
    const char *const *names = en ? grade_en : grade_zh;
    char tmp[128];
    if (eff == e->grade || eff < 0 || eff >= CURTAIL_NGRADES)
        snprintf(tmp, sizeof tmp, "%s", names[e->grade]);
    else if (en)
        snprintf(tmp, sizeof tmp, "%s (managed as %s)", names[e->grade], names[eff]);
    else
        snprintf(tmp, sizeof tmp, "%s（按%s管控）", names[e->grade], names[eff]);
    put_field(b, tmp);
}

static void put_header(cu_buf *b, int en)
{
    int p, L;
    cu_buf_puts(b, en ? "No.,Enterprise,Credit code,Town,Industry,Grade,Unit,Capacity"
                      : "序号,企业名称,统一社会信用代码,乡镇,行业,绩效等级,生产单元,产能");
    for (p = 0; p < CU_NP; p++)
        cu_buf_printf(b, en ? ",Baseline %s (kg/d)" : ",基准排放量 %s (kg/d)",
                      en ? curtail_pollutant_name((curtail_pollutant)p) : pollutant_zh[p]);
    for (L = 0; L < CU_NL; L++) {
        const char *lv = en ? level_en[L] : level_zh[L];
        cu_buf_printf(b, en ? ",%s load,%s measure" : ",%s 负荷,%s 措施", lv, lv);
        for (p = 0; p < CU_NP; p++)
            cu_buf_printf(b, en ? ",%s reduction %s (kg/d)" : ",%s 减排量 %s (kg/d)", lv,
                          en ? curtail_pollutant_name((curtail_pollutant)p) : pollutant_zh[p]);
    }
    cu_buf_puts(b, "\n");
}

static int put_row(cu_buf *b, const curtail_result *r, size_t u, int lang)
{
    const curtail_scenario *s = r->s;
    const cu_unit *unit = &s->units[u];
    const cu_enterprise *e = &s->ents[unit->enterprise];
    const cu_groups *g = r->groups;
    double base = g->b[g->unit_group[u]];
    int en = lang == CURTAIL_LANG_EN;
    int p, L, rc;

    cu_buf_printf(b, "%zu,", u + 1);
    put_field(b, e->name ? e->name : e->id);
    cu_buf_puts(b, ",");
    put_field(b, e->credit_code);
    cu_buf_puts(b, ",");
    put_field(b, e->town);
    cu_buf_puts(b, ",");
    put_field(b, (en ? industry_en : industry_zh)[e->industry]);
    cu_buf_puts(b, ",");
    put_grade(b, r, u, en);
    cu_buf_puts(b, ",");
    put_field(b, unit->name ? unit->name : unit->id);
    cu_buf_puts(b, ",");
    cu_buf_num(b, unit->capacity);
    /* the unit's own emissions at its (group's) base load, fixed ones included */
    for (p = 0; p < CU_NP; p++) {
        cu_buf_puts(b, ",");
        put_fixed(b, unit->ef[p] * unit->capacity * base + unit->fixed[p], 2);
    }
    for (L = 0; L < CU_NL; L++) {
        curtail_unit_result ur;
        cu_buf text;
        rc = curtail_result_unit(r, (curtail_level)L, u, &ur, NULL);
        if (rc != CURTAIL_OK)
            return rc;
        cu_buf_puts(b, ",");
        put_fixed(b, ur.load, 4);
        cu_buf_puts(b, ",");
        cu_buf_init(&text, b->mem);
        cu_measure_text(r, u, L, lang, &text);
        if (text.failed)
            b->failed = 1;
        else
            put_field(b, text.data);
        cu_buf_free(&text);
        for (p = 0; p < CU_NP; p++) {
            cu_buf_puts(b, ",");
            put_fixed(b, ur.reduction[p], 2);
        }
    }
    cu_buf_puts(b, "\n");
    return CURTAIL_OK;
}

int cu_write_csv(const curtail_result *r, const curtail_write_options *o, cu_buf *out)
{
    int lang = o->lang == CURTAIL_LANG_DEFAULT ? r->s->lang : (int)o->lang;
    size_t u, n = curtail_result_unit_count(r);
    int rc;
    if (r->kind != 0)
        return CURTAIL_EINVAL;
    if (o->bom)
        cu_buf_puts(out, "\xEF\xBB\xBF");
    put_header(out, lang == CURTAIL_LANG_EN);
    for (u = 0; u < n && !out->failed; u++) {
        rc = put_row(out, r, u, lang);
        if (rc != CURTAIL_OK)
            return rc;
    }
    return out->failed ? CURTAIL_ENOMEM : CURTAIL_OK;
}
