/* write_html.c — a plan or a schedule as one self-contained, printable HTML
 * report (SPEC §7, issue 12), in the scenario's language (lang en: English).
 *
 * One file: inline CSS and inline SVG (svg.c), no script, no font, image or
 * link fetched from anywhere, so it opens offline and prints on A4
 * landscape (@page; table headers repeat on every page). Content:
 *   - the title block: the scenario's name, status, objective, counts, the
 *     base of the ratios;
 *   - a plan: per level and pollutant baseline / required / achieved, the
 *     ratios, shortfall, shadow price; lost value per level in 万元/日 (not
 *     added over levels); a schedule: per segment (day × level) the same
 *     in kg over its hours;
 *   - charts: required vs achieved ratio per pollutant, one per level;
 *     reductions by industry and by grade (stacked per level, one chart per
 *     pollutant); a schedule adds the hourly emissions per pollutant and each
 *     industry's load (value-weighted), alert levels shaded, the ozone
 *     window hatched;
 *   - the full list (the CSV's columns, write_text.h) with measures, then the
 *     warnings.
 * Text is escaped (& < > " '); user names sit in <bdi> where they run in a
 * sentence so a right-to-left mark cannot reorder the text around them.
 * The list is streamed row by row through the output's sink: a province
 * list costs memory for one row, not the file. */
#include "report.h"
#include "svg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const level_fill[CU_NL] = {"#fff2cc", "#fce4d6", "#f4c7c7"};
static const char *const level_strong[CU_NL] = {"#d4a017", "#e07b00", "#c00000"};
static const char *const industry_color[CURTAIL_NINDUSTRIES] = {"#4e79a7", "#f28e2b",
                                                                "#76b7b2", "#9c755f"};
static const char *const grade_color[CURTAIL_NGRADES] = {
    "#59a14f", "#4e79a7", "#76b7b2", "#f28e2b", "#e15759", "#2f7d32", "#b07aa1", "#9c9c9c"};
static const char *const pollutant_color[CU_NP] = {"#4e79a7", "#e15759", "#9c755f", "#59a14f"};

typedef struct hw {
    const curtail_result *r;
    cu_buf *out;
    int lang, en;
} hw;

static void esc(hw *h, const char *s)
{
    cu_xml_text(h->out, s);
}

static void puts_(hw *h, const char *s)
{
    cu_buf_puts(h->out, s);
}

static const char *level_name(const hw *h, int L)
{
    return h->en ? cu_level_en[L] : cu_level_zh[L];
}

static const char *pollutant_name(const hw *h, int p)
{
    return h->en ? curtail_pollutant_name((curtail_pollutant)p) : cu_pollutant_zh[p];
}

static const char css[] =
    "@page{size:A4 landscape;margin:10mm}\n"
    "*{box-sizing:border-box}\n"
    "body{font-family:" CU_SVG_FONTS ";font-size:10pt;color:#222;margin:0 auto;"
    "padding:8px;max-width:1120px;background:#fff}\n"
    "h1{font-size:17pt;margin:4px 0 2px}\n"
    "h2{font-size:12.5pt;margin:16px 0 6px;border-bottom:2px solid #444;padding-bottom:2px}\n"
    "h3{font-size:10.5pt;margin:10px 0 4px}\n"
    ".meta{color:#444;margin:2px 0}\n"
    ".note{color:#555;font-size:9pt;margin:4px 0}\n"
    "table{border-collapse:collapse;margin:4px 0 8px}\n"
    "th,td{border:1px solid #999;padding:2px 5px;vertical-align:middle}\n"
    "th{background:#e7e6e6;font-weight:bold;text-align:center}\n"
    "td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    "thead{display:table-header-group}\n"
    "tr{break-inside:avoid;page-break-inside:avoid}\n"
    ".l0{background:#fff2cc}.l1{background:#fce4d6}.l2{background:#f4c7c7}\n"
    ".unmet{color:#b00000;font-weight:bold}\n"
    ".charts{display:flex;flex-wrap:wrap;gap:6px 10px}\n"
    "figure{margin:0;break-inside:avoid;page-break-inside:avoid}\n"
    "table.list{font-size:7pt;width:100%}\n"
    "table.list th,table.list td{padding:1px 2px}\n"
    "table.list td.m{min-width:8em}\n"
    "table.list td.e{min-width:7em}\n"
    "table.list td.c{font-size:6.5pt;white-space:nowrap}\n"
    "section.list{break-before:page;page-break-before:always}\n"
    "@media screen{section.list{border-top:1px dashed #bbb;margin-top:18px}}\n"
    "ul.warn{font-size:9pt;color:#444}\n";

static void put_number(hw *h, double v, int decimals)
{
    cu_put_fixed(h->out, v, decimals);
}

static void put_percent(hw *h, double fraction)
{
    cu_put_fixed(h->out, fraction * 100.0, 2);
    puts_(h, "%");
}

static double ratio(double part, double whole)
{
    return whole > 0 ? part / whole : 0.0;
}

static void td_num(hw *h, double v, int decimals)
{
    puts_(h, "<td class=\"n\">");
    put_number(h, v, decimals);
    puts_(h, "</td>");
}

static void td_pct(hw *h, double v)
{
    puts_(h, "<td class=\"n\">");
    put_percent(h, v);
    puts_(h, "</td>");
}

/* ---- head and title ---------------------------------------------------------------------- */

void cu_html_head(cu_buf *b, const char *title, const char *fallback, int en)
{
    cu_buf_puts(b, en ? "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                      : "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    cu_buf_puts(b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    cu_buf_puts(b, "<meta name=\"generator\" content=\"curtail " CURTAIL_VERSION_STRING "\">\n<title>");
    if (title)
        cu_xml_text(b, title);
    else
        cu_buf_puts(b, fallback);
    cu_buf_puts(b, "</title>\n<style>\n");
    cu_buf_puts(b, css);
    cu_buf_puts(b, "</style>\n</head>\n<body>\n<header>\n<h1>");
    if (title) {
        cu_buf_puts(b, "<bdi>");
        cu_xml_text(b, title);
        cu_buf_puts(b, "</bdi>");
    } else {
        cu_buf_puts(b, fallback);
    }
    cu_buf_puts(b, "</h1>\n");
}

static void put_head(hw *h)
{
    cu_html_head(h->out, cu_report_title(h->r),
                 h->en ? "Emergency reduction list" : "应急减排清单", h->en);
}

static void put_meta(hw *h, int schedule)
{
    const curtail_result *r = h->r;
    const curtail_scenario *s = r->s;
    int unmet = curtail_result_status(r) == CURTAIL_TARGETS_UNMET;
    puts_(h, "<p class=\"meta\">");
    puts_(h, schedule ? (h->en ? "Episode schedule (hour by hour). " : "重污染天气过程逐时排程。")
                      : (h->en ? "Heavy-pollution emergency reduction list, yellow, orange and "
                                 "red alerts. "
                               : "重污染天气应急减排清单（黄色、橙色、红色预警）。"));
    puts_(h, h->en ? "Status: " : "状态：");
    puts_(h, unmet ? "<span class=\"unmet\">" : "<span>");
    if (unmet)
        puts_(h, h->en ? "targets not met (smallest shortfall)" : "减排目标未全部达成（缺口已最小化）");
    else
        puts_(h, h->en ? "all targets met" : "减排目标全部达成");
    puts_(h, "</span>");
    puts_(h, schedule ? (h->en ? "; objective (weighted loss over the horizon) "
                               : "；目标函数（排程时段加权损失合计）")
                      : (h->en ? "; objective (weighted loss over the three levels) "
                               : "；目标函数（三级加权损失合计）"));
    put_number(h, curtail_result_objective(r) / 10000.0, 4);
    puts_(h, schedule ? (h->en ? " 10k yuan." : " 万元。") : (h->en ? " 10k yuan/d." : " 万元/日。"));
    puts_(h, "</p>\n<p class=\"meta\">");
    cu_buf_printf(h->out, h->en ? "%zu enterprises, %zu units. " : "企业 %zu 家，生产单元 %zu 个。",
                  curtail_scenario_enterprise_count(s), curtail_scenario_unit_count(s));
    if (r->base == CURTAIL_BASE_TOTALS)
        puts_(h, h->en ? "Targets and ratios against the county's total emissions "
                         "(targets.base: totals); one column against the listed enterprises."
                       : "减排目标与比例以全社会日排放量为基数（targets.base: totals），"
                         "另列占清单企业排放的比例。");
    else
        puts_(h, h->en ? "Targets and ratios against the listed enterprises' emissions "
                         "(targets.base: listed)."
                       : "减排目标与比例以清单内企业排放量为基数（targets.base: listed）。");
    puts_(h, "</p>\n<p class=\"note\">");
    puts_(h, h->en ? "Generated by curtail " CURTAIL_VERSION_STRING
                     ". Loads are percentages of capacity, rounded down; emissions in kg."
                   : "由 curtail " CURTAIL_VERSION_STRING
                     " 生成。负荷为占产能的百分比（向下取整）；排放量单位 kg。");
    puts_(h, "</p>\n</header>\n");
}

/* ---- the plan's summary ------------------------------------------------------------------ */

static int put_plan_summary(hw *h)
{
    const curtail_result *r = h->r;
    int L, p, rc;
    puts_(h, h->en ? "<section>\n<h2>Targets and results by level</h2>\n"
                   : "<section>\n<h2>分级减排目标与结果</h2>\n");
    puts_(h, "<table>\n<thead><tr>");
    puts_(h, h->en ? "<th>Level</th><th>Pollutant</th><th>Baseline (kg/d)</th>"
                     "<th>Required (kg/d)</th><th>Achieved (kg/d)</th><th>Required ratio</th>"
                     "<th>Achieved ratio</th><th>Achieved ratio (of the listed enterprises)</th>"
                     "<th>Shortfall (kg/d)</th><th>Shadow price (weighted yuan per kg/d)</th>"
                   : "<th>预警级别</th><th>污染物</th><th>基准排放量 (kg/d)</th>"
                     "<th>减排要求 (kg/d)</th><th>实际减排量 (kg/d)</th><th>要求减排比例</th>"
                     "<th>实际减排比例</th><th>实际减排比例（占清单企业排放）</th>"
                     "<th>缺口 (kg/d)</th><th>影子价格 (加权元/(kg/d))</th>");
    puts_(h, "</tr></thead>\n<tbody>\n");
    for (L = 0; L < CU_NL; L++) {
        curtail_level_result lr;
        rc = curtail_result_level(r, (curtail_level)L, &lr, NULL);
        if (rc != CURTAIL_OK)
            return rc;
        for (p = 0; p < CU_NP; p++) {
            const curtail_target *t = &lr.targets[p];
            cu_buf_printf(h->out, "<tr class=\"l%d\">", L);
            if (p == 0)
                cu_buf_printf(h->out, "<th class=\"l%d\" rowspan=\"%d\">%s</th>", L, CU_NP,
                              level_name(h, L));
            cu_buf_printf(h->out, "<td>%s</td>", pollutant_name(h, p));
            td_num(h, t->baseline, 2);
            td_num(h, t->required, 2);
            td_num(h, t->achieved, 2);
            td_pct(h, ratio(t->required, t->baseline));
            td_pct(h, ratio(t->achieved, t->baseline));
            td_pct(h, ratio(t->achieved, r->gv.listed[p]));
            td_num(h, t->shortfall, 2);
            td_num(h, t->shadow_price, 2);
            puts_(h, "</tr>\n");
        }
    }
    puts_(h, "</tbody>\n</table>\n<table>\n<thead><tr>");
    puts_(h, h->en ? "<th>Level</th><th>Status</th><th>Lost value (10k yuan/d)</th>"
                     "<th>Weighted loss (10k yuan/d)</th>"
                   : "<th>预警级别</th><th>状态</th><th>损失产值 (万元/日)</th>"
                     "<th>加权损失 (万元/日)</th>");
    puts_(h, "</tr></thead>\n<tbody>\n");
    for (L = 0; L < CU_NL; L++) {
        curtail_level_result lr;
        rc = curtail_result_level(r, (curtail_level)L, &lr, NULL);
        if (rc != CURTAIL_OK)
            return rc;
        cu_buf_printf(h->out, "<tr class=\"l%d\"><th class=\"l%d\">%s</th><td>", L, L,
                      level_name(h, L));
        if (lr.status == CURTAIL_TARGETS_UNMET)
            puts_(h, h->en ? "<span class=\"unmet\">targets not met</span>"
                           : "<span class=\"unmet\">目标未达成</span>");
        else
            puts_(h, h->en ? "targets met" : "目标达成");
        puts_(h, "</td>");
        td_num(h, lr.lost_value / 10000.0, 4);
        td_num(h, lr.weighted_loss / 10000.0, 4);
        puts_(h, "</tr>\n");
    }
    puts_(h, "</tbody>\n</table>\n<p class=\"note\">");
    puts_(h, h->en ? "The three levels never happen on the same day: their losses are not added."
                   : "三个预警级别不会在同一天发生，各级别损失不相加。");
    puts_(h, "</p>\n</section>\n");
    return CURTAIL_OK;
}

/* ---- charts --------------------------------------------------------------------------------- */

static void figure(hw *h, const cu_svg_chart *c)
{
    puts_(h, "<figure>");
    cu_svg_write(h->out, c);
    puts_(h, "</figure>\n");
}

static int put_target_charts(hw *h)
{
    const char *cats[CU_NP];
    double req[CU_NP], ach[CU_NP];
    char title[128], id[16];
    int L, p, rc;
    for (p = 0; p < CU_NP; p++)
        cats[p] = pollutant_name(h, p);
    puts_(h, h->en ? "<h3>Required vs achieved reduction ratio</h3>\n<div class=\"charts\">\n"
                   : "<h3>要求与实际减排比例</h3>\n<div class=\"charts\">\n");
    for (L = 0; L < CU_NL; L++) {
        curtail_level_result lr;
        cu_svg_series s[2];
        cu_svg_chart c;
        rc = curtail_result_level(h->r, (curtail_level)L, &lr, NULL);
        if (rc != CURTAIL_OK)
            return rc;
        for (p = 0; p < CU_NP; p++) {
            req[p] = ratio(lr.targets[p].required, lr.targets[p].baseline);
            ach[p] = ratio(lr.targets[p].achieved, lr.targets[p].baseline);
        }
        s[0].name = h->en ? "Required" : "要求";
        s[0].color = "#b4b4b4";
        s[0].v = req;
        s[1].name = h->en ? "Achieved" : "实际";
        s[1].color = level_strong[L];
        s[1].v = ach;
        snprintf(title, sizeof title, h->en ? "%s alert" : "%s预警", level_name(h, L));
        snprintf(id, sizeof id, "t%d", L);
        memset(&c, 0, sizeof c);
        c.kind = CU_SVG_BARS;
        c.width = 360;
        c.height = 230;
        c.title = title;
        c.unit = h->en ? "share of baseline" : "占基准排放量";
        c.percent = 1;
        c.n = CU_NP;
        c.cat = cats;
        c.nseries = 2;
        c.series = s;
        c.id = id;
        figure(h, &c);
    }
    puts_(h, "</div>\n");
    return CURTAIL_OK;
}

/* Reductions by industry (by_grade 0) or grade (1): per pollutant, a bar per
 * level stacked by group. */
static void put_sum_charts(hw *h, const cu_report_sums *sums, int by_grade)
{
    const char *cats[CU_NL];
    const int ngroups = by_grade ? CURTAIL_NGRADES : CURTAIL_NINDUSTRIES;
    double v[CURTAIL_NGRADES][CU_NL];
    cu_svg_series s[CURTAIL_NGRADES];
    char title[128], id[16];
    int L, p, g;
    for (L = 0; L < CU_NL; L++)
        cats[L] = level_name(h, L);
    if (by_grade)
        puts_(h, h->en ? "<h3>Reduction by grade (kg/d)</h3>\n<div class=\"charts\">\n"
                       : "<h3>按绩效等级分减排量 (kg/d)</h3>\n<div class=\"charts\">\n");
    else
        puts_(h, h->en ? "<h3>Reduction by industry (kg/d)</h3>\n<div class=\"charts\">\n"
                       : "<h3>按行业分减排量 (kg/d)</h3>\n<div class=\"charts\">\n");
    for (p = 0; p < CU_NP; p++) {
        cu_svg_chart c;
        size_t n = 0;
        for (g = 0; g < ngroups; g++) {
            if (!(by_grade ? sums->has_grade[g] : sums->has_industry[g]))
                continue;
            for (L = 0; L < CU_NL; L++)
                v[n][L] = by_grade ? sums->by_grade[g][L][p] : sums->by_industry[g][L][p];
            s[n].name = by_grade ? (h->en ? cu_grade_en : cu_grade_zh)[g]
                                 : (h->en ? cu_industry_en : cu_industry_zh)[g];
            s[n].color = by_grade ? grade_color[g] : industry_color[g];
            s[n].v = v[n];
            n++;
        }
        snprintf(title, sizeof title, "%s", pollutant_name(h, p));
        snprintf(id, sizeof id, "%c%d", by_grade ? 'g' : 'i', p);
        memset(&c, 0, sizeof c);
        c.kind = CU_SVG_STACKED;
        c.width = 268;
        c.height = 240;
        c.title = title;
        c.unit = "kg/d";
        c.n = CU_NL;
        c.cat = cats;
        c.nseries = n;
        c.series = s;
        c.id = id;
        figure(h, &c);
    }
    puts_(h, "</div>\n");
}

/* ---- schedule charts ---------------------------------------------------------------------- */

typedef struct hour_ctx {
    const curtail_result *r;
} hour_ctx;

static void hour_label(void *ctx, size_t t, char *buf, size_t n)
{
    const curtail_result *r = ((hour_ctx *)ctx)->r;
    char full[32];
    curtail_result_hour_label(r, t, full, sizeof full, NULL);
    snprintf(buf, n, "%.5s %.5s", full + 5, full + 11);
}

/* Runs of equal level (filled) and ozone-window runs (hatched), with keys for
 * what is present. Arrays sized 2 × hours + CU_NL + 1. */
static void episode_bands(hw *h, cu_svg_band *bands, size_t *nb, cu_svg_key *keys, size_t *nk)
{
    const curtail_result *r = h->r;
    size_t t, t0, H = curtail_result_hour_count(r);
    int present[CU_NL] = {0, 0, 0}, window = 0, L;
    *nb = 0;
    *nk = 0;
    for (t0 = 0; t0 < H; t0 = t) {
        int lv = curtail_result_hour_level(r, t0);
        for (t = t0 + 1; t < H && curtail_result_hour_level(r, t) == lv; t++)
            ;
        if (lv >= 0) {
            bands[*nb].from = t0;
            bands[*nb].to = t;
            bands[*nb].color = level_fill[lv];
            bands[*nb].hatch = 0;
            (*nb)++;
            present[lv] = 1;
        }
    }
    for (t0 = 0; t0 < H; t0 = t) {
        int in = cu_hour_in_window(r, t0);
        for (t = t0 + 1; t < H && cu_hour_in_window(r, t) == in; t++)
            ;
        if (in) {
            bands[*nb].from = t0;
            bands[*nb].to = t;
            bands[*nb].color = "#5b8def";
            bands[*nb].hatch = 1;
            (*nb)++;
            window = 1;
        }
    }
    for (L = 0; L < CU_NL; L++)
        if (present[L]) {
            keys[*nk].name = h->en ? (L == 0 ? "Yellow alert" : L == 1 ? "Orange alert" : "Red alert")
                                   : (L == 0 ? "黄色预警" : L == 1 ? "橙色预警" : "红色预警");
            keys[*nk].color = level_fill[L];
            keys[*nk].hatch = 0;
            (*nk)++;
        }
    if (window) {
        keys[*nk].name = h->en ? "Ozone window" : "臭氧错峰时段";
        keys[*nk].color = "#5b8def";
        keys[*nk].hatch = 1;
        (*nk)++;
    }
}

static int put_schedule_charts(hw *h)
{
    const curtail_result *r = h->r;
    const curtail_mem *mem = r->mem;
    size_t H = curtail_result_hour_count(r), t, nb, nk, n;
    cu_svg_band *bands;
    cu_svg_key keys[CU_NL + 1];
    double *em, *ld;
    hour_ctx hc;
    int p, i;
    if (H == 0)
        return CURTAIL_OK;
    bands = cu_reallocarray(mem, NULL, 2 * H + 1, sizeof *bands);
    em = cu_reallocarray(mem, NULL, (size_t)CU_NP * H, sizeof *em);
    ld = cu_reallocarray(mem, NULL, (size_t)CURTAIL_NINDUSTRIES * H, sizeof *ld);
    if (!bands || !em || !ld) {
        cu_free(mem, bands);
        cu_free(mem, em);
        cu_free(mem, ld);
        return CURTAIL_ENOMEM;
    }
    episode_bands(h, bands, &nb, keys, &nk);
    for (t = 0; t < H; t++) {
        double e[CU_NP];
        cu_hour_emissions(r, t, e);
        for (p = 0; p < CU_NP; p++)
            em[(size_t)p * H + t] = e[p];
        for (i = 0; i < CURTAIL_NINDUSTRIES; i++)
            ld[(size_t)i * H + t] = cu_industry_hour_load(r, i, t);
    }
    hc.r = r;
    puts_(h, h->en ? "<h3>Hourly emissions of the listed enterprises (kg per hour)</h3>\n"
                     "<div class=\"charts\">\n"
                   : "<h3>清单企业逐时排放量（kg/小时）</h3>\n<div class=\"charts\">\n");
    for (p = 0; p < CU_NP; p++) {
        cu_svg_series s;
        cu_svg_chart c;
        char id[16];
        s.name = pollutant_name(h, p);
        s.color = pollutant_color[p];
        s.v = em + (size_t)p * H;
        snprintf(id, sizeof id, "e%d", p);
        memset(&c, 0, sizeof c);
        c.kind = CU_SVG_LINES;
        c.width = 540;
        c.height = 220;
        c.title = pollutant_name(h, p);
        c.unit = h->en ? "kg per hour" : "kg/小时";
        c.n = H;
        c.xlabel = hour_label;
        c.xlabel_ctx = &hc;
        c.nseries = 1;
        c.series = &s;
        c.nbands = nb;
        c.bands = bands;
        c.nkeys = nk;
        c.keys = keys;
        c.id = id;
        figure(h, &c);
    }
    puts_(h, "</div>\n");
    {
        cu_svg_series s[CURTAIL_NINDUSTRIES];
        cu_svg_chart c;
        int present[CURTAIL_NINDUSTRIES] = {0};
        size_t u;
        for (u = 0; u < r->gv.ngroups; u++) /* a group's units share an enterprise */
            present[r->group_industry[u]] = 1;
        for (i = 0, n = 0; i < CURTAIL_NINDUSTRIES; i++) {
            if (!present[i])
                continue;
            s[n].name = (h->en ? cu_industry_en : cu_industry_zh)[i];
            s[n].color = industry_color[i];
            s[n].v = ld + (size_t)i * H;
            n++;
        }
        puts_(h, h->en ? "<h3>Load by industry (share of output value at capacity)</h3>\n"
                         "<div class=\"charts\">\n"
                       : "<h3>各行业逐时负荷（按满负荷产值加权）</h3>\n<div class=\"charts\">\n");
        memset(&c, 0, sizeof c);
        c.kind = CU_SVG_LINES;
        c.width = 1100;
        c.height = 260;
        c.unit = h->en ? "load" : "负荷";
        c.percent = 1;
        c.n = H;
        c.xlabel = hour_label;
        c.xlabel_ctx = &hc;
        c.nseries = n;
        c.series = s;
        c.nbands = nb;
        c.bands = bands;
        c.nkeys = nk;
        c.keys = keys;
        c.id = "ld";
        figure(h, &c);
        puts_(h, "</div>\n");
    }
    cu_free(mem, bands);
    cu_free(mem, em);
    cu_free(mem, ld);
    return CURTAIL_OK;
}

/* ---- schedule summary ----------------------------------------------------------------------- */

static int put_segments(hw *h)
{
    const curtail_result *r = h->r;
    size_t k, i, nseg = curtail_result_segment_count(r), H = curtail_result_hour_count(r);
    char a[32], b[32];
    int p;
    puts_(h, "<p class=\"meta\">");
    puts_(h, h->en ? "Alert period: " : "预警时段：");
    for (i = 0; i < r->nalerts; i++) {
        const cu_alert *e = &r->alerts[i];
        cu_format_minutes(e->from, a, sizeof a);
        cu_format_minutes(e->to, b, sizeof b);
        a[10] = b[10] = ' ';
        cu_buf_printf(h->out, "%s%s %s %s %s", i ? (h->en ? "; " : "；") : "", a,
                      h->en ? "to" : "至", b, level_name(h, e->level));
    }
    if (r->nalerts == 0)
        puts_(h, h->en ? "none" : "无");
    cu_format_minutes(r->start, a, sizeof a);
    cu_format_minutes(r->start + 60 * (int64_t)H, b, sizeof b);
    a[10] = b[10] = ' ';
    cu_buf_printf(h->out, h->en ? ". Scheduled horizon: %s to %s (%zu h).</p>\n"
                                : "。排程时段：%s 至 %s（共 %zu 小时）。</p>\n",
                  a, b, H);
    puts_(h, h->en ? "<section>\n<h2>Targets and results by segment (day and level)</h2>\n"
                   : "<section>\n<h2>分时段减排目标与结果（按日、按预警级别）</h2>\n");
    if (nseg == 0) {
        puts_(h, h->en ? "<p>No hour of the horizon is under an alert.</p>\n</section>\n"
                       : "<p>排程时段内没有预警小时。</p>\n</section>\n");
        return CURTAIL_OK;
    }
    puts_(h, "<table>\n<thead><tr>");
    puts_(h, h->en ? "<th>Day</th><th>Level</th><th>Hours</th><th>Pollutant</th>"
                     "<th>Baseline (kg)</th><th>Required (kg)</th><th>Achieved (kg)</th>"
                     "<th>Achieved ratio</th><th>Shortfall (kg)</th><th>Lost value (10k yuan)</th>"
                   : "<th>日期</th><th>预警级别</th><th>小时数</th><th>污染物</th>"
                     "<th>基准排放量 (kg)</th><th>减排要求 (kg)</th><th>实际减排量 (kg)</th>"
                     "<th>实际减排比例</th><th>缺口 (kg)</th><th>损失产值 (万元)</th>");
    puts_(h, "</tr></thead>\n<tbody>\n");
    for (k = 0; k < nseg; k++) {
        curtail_segment_result sg;
        int rc = curtail_result_segment(r, k, &sg, NULL);
        if (rc != CURTAIL_OK)
            return rc;
        for (p = 0; p < CU_NP; p++) {
            const curtail_target *t = &sg.targets[p];
            cu_buf_printf(h->out, "<tr class=\"l%d\">", sg.level);
            if (p == 0)
                cu_buf_printf(h->out,
                              "<td rowspan=\"%d\">%s</td><th class=\"l%d\" rowspan=\"%d\">%s</th>"
                              "<td class=\"n\" rowspan=\"%d\">%d</td>",
                              CU_NP, sg.day, sg.level, CU_NP, level_name(h, sg.level), CU_NP,
                              sg.hours);
            cu_buf_printf(h->out, "<td>%s</td>", pollutant_name(h, p));
            td_num(h, t->baseline, 2);
            td_num(h, t->required, 2);
            td_num(h, t->achieved, 2);
            td_pct(h, ratio(t->achieved, t->baseline));
            if (t->shortfall >= 0.005)
                cu_buf_puts(h->out, "<td class=\"n unmet\">");
            else
                cu_buf_puts(h->out, "<td class=\"n\">");
            put_number(h, t->shortfall, 2);
            puts_(h, "</td>");
            if (p == 0) {
                cu_buf_printf(h->out, "<td class=\"n\" rowspan=\"%d\">", CU_NP);
                put_number(h, sg.lost_value / 10000.0, 4);
                puts_(h, "</td>");
            }
            puts_(h, "</tr>\n");
        }
    }
    puts_(h, "</tbody>\n</table>\n</section>\n");
    return CURTAIL_OK;
}

/* ---- the list ------------------------------------------------------------------------------- */

static int put_list(hw *h)
{
    const curtail_result *r = h->r;
    size_t u, i, n = curtail_result_unit_count(r);
    cu_buf cell;
    int L, rc = CURTAIL_OK;
    puts_(h, h->en ? "<section class=\"list\">\n<h2>List (one enterprise, one policy)</h2>\n"
                   : "<section class=\"list\">\n<h2>一企一策清单</h2>\n");
    if (r->kind == 1)
        puts_(h, h->en ? "<p class=\"note\">The list every enterprise executes at the level of "
                         "each hour; the hour-by-hour loads are in the CSV, JSON and xlsx "
                         "outputs.</p>\n"
                       : "<p class=\"note\">各企业在各小时按所处预警级别执行本清单；逐时负荷见 "
                         "CSV、JSON 与 xlsx 输出。</p>\n");
    puts_(h, "<table class=\"list\">\n<thead>\n<tr>");
    cu_buf_printf(h->out, "<th colspan=\"8\">%s</th><th colspan=\"%d\">%s</th>",
                  h->en ? "Enterprise and unit" : "企业及生产单元", CU_NP,
                  h->en ? "Baseline emissions (kg/d)" : "基准排放量 (kg/d)");
    for (L = 0; L < CU_NL; L++)
        cu_buf_printf(h->out,
                      h->en ? "<th class=\"l%d\" colspan=\"%d\">%s alert (reductions kg/d)</th>"
                            : "<th class=\"l%d\" colspan=\"%d\">%s预警（减排量 kg/d）</th>",
                      L, 2 + CU_NP, level_name(h, L));
    puts_(h, "</tr>\n<tr>");
    for (i = 0; i < CU_LIST_NCOLS; i++) {
        cu_list_col c = cu_list_column(i);
        if (c.field >= CU_COL_LOAD)
            cu_buf_printf(h->out, "<th class=\"l%d\">", c.level);
        else
            puts_(h, "<th>");
        switch (c.field) {
        case CU_COL_BASELINE:
            puts_(h, pollutant_name(h, c.pollutant));
            break;
        case CU_COL_LOAD:
            puts_(h, h->en ? "Load" : "负荷");
            break;
        case CU_COL_MEASURE:
            puts_(h, h->en ? "Measure" : "措施");
            break;
        case CU_COL_REDUCTION:
            puts_(h, pollutant_name(h, c.pollutant));
            break;
        default:
            cu_list_header(h->out, c, h->en);
            break;
        }
        puts_(h, "</th>");
    }
    puts_(h, "</tr>\n</thead>\n<tbody>\n");
    cu_buf_init(&cell, h->out->mem);
    for (u = 0; u < n && !h->out->failed; u++) {
        cu_list_row row;
        rc = cu_list_row_init(r, u, &row);
        if (rc != CURTAIL_OK)
            break;
        puts_(h, "<tr>");
        for (i = 0; i < CU_LIST_NCOLS; i++) {
            cu_list_col c = cu_list_column(i);
            if (cu_list_col_is_text(c)) {
                cell.len = 0;
                cu_list_cell(&cell, r, &row, c, h->lang);
                if (cell.failed) {
                    h->out->failed = 1;
                    break;
                }
                puts_(h, c.field == CU_COL_MEASURE       ? "<td class=\"m\">"
                         : c.field == CU_COL_CREDIT_CODE ? "<td class=\"c\">"
                         : c.field == CU_COL_ENTERPRISE || c.field == CU_COL_UNIT
                             ? "<td class=\"e\">"
                             : "<td>");
                if (cell.len)
                    esc(h, cell.data);
                puts_(h, "</td>");
            } else if (c.field == CU_COL_LOAD) {
                puts_(h, "<td class=\"n\">");
                cu_put_load_percent(h->out, row.ur[c.level].load);
                puts_(h, "</td>");
            } else if (c.field == CU_COL_NO) {
                cu_buf_printf(h->out, "<td class=\"n\">%zu</td>", u + 1);
            } else if (c.field == CU_COL_CAPACITY) {
                puts_(h, "<td class=\"n\">");
                cu_buf_num(h->out, cu_list_value(r, &row, c));
                puts_(h, "</td>");
            } else {
                td_num(h, cu_list_value(r, &row, c), 2);
            }
        }
        puts_(h, "</tr>\n");
    }
    cu_buf_free(&cell);
    puts_(h, "</tbody>\n</table>\n</section>\n");
    return rc;
}

static void put_warnings(hw *h)
{
    size_t i, nw = curtail_result_warning_count(h->r);
    if (nw == 0)
        return;
    puts_(h, h->en ? "<section>\n<h2>Warnings</h2>\n<ul class=\"warn\">\n"
                   : "<section>\n<h2>提示</h2>\n<ul class=\"warn\">\n");
    for (i = 0; i < nw; i++) {
        puts_(h, "<li>");
        esc(h, curtail_result_warning_text(h->r, i, h->en ? CURTAIL_LANG_EN : CURTAIL_LANG_ZH));
        puts_(h, "</li>\n");
    }
    puts_(h, "</ul>\n</section>\n");
}

int cu_write_html(const curtail_result *r, const curtail_write_options *o, cu_buf *out)
{
    hw h;
    cu_report_sums *sums;
    int rc;
    h.r = r;
    h.out = out;
    h.lang = cu_write_lang(r, o);
    h.en = h.lang == CURTAIL_LANG_EN;
    sums = cu_calloc(r->mem, 1, sizeof *sums);
    if (!sums)
        return CURTAIL_ENOMEM;
    rc = cu_report_sums_compute(r, sums);
    if (rc != CURTAIL_OK)
        goto done;
    put_head(&h);
    put_meta(&h, r->kind == 1);
    if (r->kind == 1)
        rc = put_segments(&h);
    else
        rc = put_plan_summary(&h);
    if (rc != CURTAIL_OK)
        goto done;
    puts_(&h, h.en ? "<section>\n<h2>Charts</h2>\n" : "<section>\n<h2>图表</h2>\n");
    if (r->kind == 1) {
        rc = put_schedule_charts(&h);
        if (rc != CURTAIL_OK)
            goto done;
    }
    rc = put_target_charts(&h);
    if (rc != CURTAIL_OK)
        goto done;
    put_sum_charts(&h, sums, 0);
    put_sum_charts(&h, sums, 1);
    puts_(&h, "</section>\n");
    rc = put_list(&h);
    if (rc != CURTAIL_OK)
        goto done;
    put_warnings(&h);
    puts_(&h, "</body>\n</html>\n");
    rc = out->failed ? CURTAIL_ENOMEM : CURTAIL_OK;
done:
    cu_free(r->mem, sums);
    return rc;
}
