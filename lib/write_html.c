/* write_html.c — a plan or a schedule as one self-contained, printable HTML
 * report (SPEC §7, issue 12), in the scenario's language (lang en: English).
 *
 * One file: inline CSS and inline SVG (svg.c), no script, no font, image or
 * link fetched from anywhere, so it opens offline and prints on A4
 * landscape (@page; table headers repeat on every page). Content:
 *   - the title block: the scenario's name, its note and compiler, status
 *     (never the objective: the annex), counts;
 *   - a plan (summary.h, every number computed once): per level and
 *     pollutant the county total and the listed enterprises' emissions,
 *     required / achieved / shortfall and the ratios against both, any
 *     shortfall in words; lost value per level in 万元/日 (not added over
 *     levels); after the charts, units and enterprises by measure, by
 *     grade, industry and town; after the list and warnings, the annex
 *     (附录): weighted losses, the objective, marginal costs in 元/千克,
 *     how grade weights enter;
 *     a schedule (sched_summary.h): the bases and the horizon's lost value
 *     (its segments happen in sequence: they add up), the plan's credits
 *     and combined rows; per segment (day × level) the county total and the
 *     listed enterprises' emissions, required / achieved / shortfall in kg
 *     over its hours, the ratios against both, lost value in 万元; after
 *     the warnings its annex: weighted losses per segment, the objective;
 *   - charts: required vs achieved ratio per pollutant, one per level;
 *     reductions by industry and by grade (stacked per level, one chart per
 *     pollutant); a schedule adds the hourly emissions per pollutant and each
 *     industry's load (value-weighted), alert levels shaded, the ozone
 *     window hatched;
 *   - the full list (the CSV's columns with 基准负荷 and 依据, write_text.h)
 *     with measures and reasons, then the warnings.
 * Text is escaped (& < > " '); user names sit in <bdi> where they run in a
 * sentence so a right-to-left mark cannot reorder the text around them.
 * The list is streamed row by row through the output's sink: a province
 * list costs memory for one row, not the file. */
#include "write_html.h"
#include "sched_summary.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void esc(hw *h, const char *s)
{
    cu_xml_text(h->out, s);
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
    const char *note = curtail_scenario_note(s), *by = curtail_scenario_compiled_by(s);
    /* the title block (issue 9): what the figures are and who compiled them */
    if (note) {
        puts_(h, h->en ? "<p class=\"meta\">Note: <bdi>" : "<p class=\"meta\">说明：<bdi>");
        esc(h, note);
        puts_(h, "</bdi></p>\n");
    }
    if (by) {
        puts_(h, h->en ? "<p class=\"meta\">Compiled by: <bdi>"
                       : "<p class=\"meta\">编制单位：<bdi>");
        esc(h, by);
        puts_(h, "</bdi></p>\n");
    }
    puts_(h, "<p class=\"meta\">");
    puts_(h, schedule ? (h->en ? "Episode schedule (hour by hour). " : "重污染天气过程逐时排程。")
                      : (h->en ? "Heavy-pollution emergency reduction list, yellow, orange and "
                                 "red alerts. "
                               : "重污染天气应急减排清单（黄色、橙色、红色预警）。"));
    puts_(h, h->en ? "Status: " : "状态：");
    puts_(h, unmet ? "<span class=\"unmet\">" : "<span>");
    puts_(h, cu_status_all_label(curtail_result_status(r), h->en));
    puts_(h, "</span>");
    /* a schedule's objective is in its annex (review P1-5), the bases above
     * its segments' table */
    puts_(h, h->en ? ".</p>\n<p class=\"meta\">" : "。</p>\n<p class=\"meta\">");
    cu_buf_printf(h->out, h->en ? "%zu enterprises, %zu units. " : "企业 %zu 家，生产单元 %zu 个。",
                  curtail_scenario_enterprise_count(s), curtail_scenario_unit_count(s));
    puts_(h, "</p>\n<p class=\"note\">");
    puts_(h, h->en ? "Generated by curtail " CURTAIL_VERSION_STRING
                     ". Loads are percentages of capacity, rounded down; emissions in kg."
                   : "由 curtail " CURTAIL_VERSION_STRING
                     " 生成。负荷为占产能的百分比（向下取整）；排放量单位 kg。");
    puts_(h, "</p>\n</header>\n");
}

/* ---- the plan's summary ------------------------------------------------------------------ */

/* open, the text of t (escaped; a failed t fails the output), close; frees t. */
static void put_text(hw *h, const char *open, cu_buf *t, const char *close)
{
    puts_(h, open);
    if (t->failed)
        h->out->failed = 1;
    else
        esc(h, t->data);
    puts_(h, close);
    cu_buf_free(t);
}

/* Each whole line of t (built in a buffer of its own) as a note; frees t. */
static void put_note_lines(hw *h, cu_buf *t)
{
    char *p, *nl;
    if (t->failed)
        h->out->failed = 1;
    for (p = t->data; !t->failed && t->len && p && *p; p = nl + 1) {
        if (!(nl = strchr(p, '\n')))
            break;
        *nl = '\0';
        puts_(h, "<p class=\"note\">");
        esc(h, p);
        puts_(h, "</p>\n");
    }
    cu_buf_free(t);
}

/* Issue 10: credits (非工业源抵扣) and combined targets, one paragraph each. */
static void put_target_notes(hw *h)
{
    cu_buf t;
    int L;
    cu_buf_init(&t, h->out->mem);
    for (L = 0; L < CU_NL; L++)
        cu_target_notes(&t, h->r, L, h->en, 1);
    put_note_lines(h, &t);
}

static void td_text(hw *h, const char *t)
{
    puts_(h, "<td>");
    esc(h, t);
    puts_(h, "</td>");
}

static int put_plan_summary(hw *h, const cu_summary *s)
{
    int L, p, any, cols[CU_SUMC_N];
    size_t c, ncols;
    puts_(h, h->en ? "<section>\n<h2>Targets and results by level</h2>\n<p class=\"note\">"
                   : "<section>\n<h2>分级减排目标与结果</h2>\n<p class=\"note\">");
    cu_sum_base_text(s, h->en, h->out);
    puts_(h, "</p>\n<table>\n<thead><tr>");
    puts_(h, h->en ? "<th>Level</th><th>Pollutant</th>" : "<th>预警级别</th><th>污染物</th>");
    ncols = cu_sum_columns(s, cols);
    for (c = 0; c < ncols; c++) {
        cu_buf text;
        cu_buf_init(&text, h->out->mem);
        cu_sum_column_header(s, cols[c], h->en, &text);
        put_text(h, "<th>", &text, "</th>");
    }
    puts_(h, "</tr></thead>\n<tbody>\n");
    for (L = 0; L < CU_NL; L++) {
        for (p = 0; p < CU_NP; p++) {
            const cu_sum_target *t = &s->lv[L].t[p];
            cu_buf_printf(h->out, "<tr class=\"l%d\">", L);
            if (p == 0)
                cu_buf_printf(h->out, "<th class=\"l%d\" rowspan=\"%d\">%s</th>", L, CU_NP,
                              cu_level_label(L, h->en, 0));
            cu_buf_printf(h->out, "<td>%s</td>", pollutant_name(h, p));
            for (c = 0; c < ncols; c++) {
                double v;
                int kind = cu_sum_cell(s, L, p, cols[c], &v);
                if (cols[c] == CU_SUMC_SHORTFALL && t->why != CU_SHORT_NONE)
                    puts_(h, "<td class=\"n unmet\">");
                else
                    puts_(h, "<td class=\"n\">");
                if (kind == CU_SUMV_KG)
                    put_number(h, v, 2);
                else if (kind == CU_SUMV_PCT)
                    put_percent(h, v);
                else
                    puts_(h, cu_sum_cell_text(kind, h->en));
                puts_(h, "</td>");
            }
            puts_(h, "</tr>\n");
        }
    }
    puts_(h, "</tbody>\n</table>\n");
    if (s->has_credit || s->has_mobile) {
        cu_buf text;
        cu_buf_init(&text, h->out->mem);
        cu_sum_columns_note(s, h->en, &text);
        put_text(h, "<p class=\"note\">", &text, "</p>\n");
    }
    for (L = 0, any = 0; L < CU_NL; L++)
        for (p = 0; p < CU_NP; p++) {
            if (s->lv[L].t[p].why == CU_SHORT_NONE)
                continue;
            puts_(h, any ? "<li>" : "<ul class=\"unmet\">\n<li>");
            {
                cu_buf line;
                cu_buf_init(&line, h->out->mem);
                cu_sum_shortfall_text(s, L, p, h->en, &line);
                if (line.failed)
                    h->out->failed = 1;
                else
                    esc(h, line.data);
                cu_buf_free(&line);
            }
            puts_(h, "</li>\n");
            any = 1;
        }
    if (any)
        puts_(h, "</ul>\n");
    puts_(h, "<table>\n<thead><tr>");
    puts_(h, h->en ? "<th>Level</th><th>Status</th><th>Lost output value (CNY 10k/d)</th>"
                   : "<th>预警级别</th><th>状态</th><th>损失产值 (万元/日)</th>");
    puts_(h, "</tr></thead>\n<tbody>\n");
    for (L = 0; L < CU_NL; L++) {
        cu_buf_printf(h->out, "<tr class=\"l%d\"><th class=\"l%d\">%s</th><td>", L, L,
                      cu_level_label(L, h->en, 0));
        cu_buf_printf(h->out,
                      s->lv[L].status == CURTAIL_TARGETS_UNMET ? "<span class=\"unmet\">%s</span>"
                                                               : "%s",
                      cu_status_label(s->lv[L].status, h->en));
        puts_(h, "</td>");
        td_num(h, s->lv[L].lost_value / 10000.0, 2);
        puts_(h, "</tr>\n");
    }
    puts_(h, "</tbody>\n</table>\n<p class=\"note\">");
    puts_(h, h->en ? "The three levels never happen on the same day: their losses are not added."
                   : "三个预警级别不会在同一天发生，各级别损失不相加。");
    puts_(h, "</p>\n");
    put_target_notes(h);
    puts_(h, "</section>\n");
    return h->out->failed ? CURTAIL_ENOMEM : CURTAIL_OK;
}

/* Units and enterprises by measure class, per level. */
static void put_measure_counts(hw *h, const cu_summary *s)
{
    int L, c;
    puts_(h, h->en ? "<section>\n<h2>Units and enterprises by measure</h2>\n<table>\n<thead><tr>"
                     "<th rowspan=\"2\">Measure</th>"
                   : "<section>\n<h2>措施分类统计</h2>\n<table>\n<thead><tr>"
                     "<th rowspan=\"2\">措施</th>");
    for (L = 0; L < CU_NL; L++)
        cu_buf_printf(h->out, "<th class=\"l%d\" colspan=\"2\">%s</th>", L,
                      cu_level_label(L, h->en, 0));
    puts_(h, "</tr>\n<tr>");
    for (L = 0; L < CU_NL; L++)
        cu_buf_printf(h->out, "<th class=\"l%d\">%s</th><th class=\"l%d\">%s</th>", L,
                      h->en ? "Units" : "生产单元", L, h->en ? "Enterprises" : "企业");
    puts_(h, "</tr></thead>\n<tbody>\n");
    for (c = 0; c < CU_MC_N; c++) {
        if (!cu_mc_used(s, c))
            continue;
        puts_(h, "<tr>");
        td_text(h, cu_mc_label(c, h->en));
        for (L = 0; L < CU_NL; L++)
            cu_buf_printf(h->out, "<td class=\"n\">%zu</td><td class=\"n\">%zu</td>",
                          s->lv[L].units[c], s->lv[L].enterprises[c]);
        puts_(h, "</tr>\n");
    }
    puts_(h, h->en ? "<tr><th>Total</th>" : "<tr><th>合计</th>");
    for (L = 0; L < CU_NL; L++)
        cu_buf_printf(h->out, "<td class=\"n\">%zu</td><td class=\"n\">%zu</td>", s->total.units,
                      s->total.enterprises);
    puts_(h, h->en ? "</tr>\n</tbody>\n</table>\n<p class=\"note\">An enterprise counts once, "
                     "under the first of its units' measures in the order of the table.</p>\n"
                   : "</tr>\n</tbody>\n</table>\n<p class=\"note\">企业按其各生产单元措施中在表中"
                     "最靠前的一项计一次。</p>\n");
    puts_(h, "</section>\n");
}

static void put_count_head(hw *h, const char *what)
{
    int L;
    puts_(h, "<table>\n<thead><tr><th rowspan=\"2\">");
    puts_(h, what);
    puts_(h, h->en ? "</th><th rowspan=\"2\">Enterprises</th><th rowspan=\"2\">Units</th>"
                   : "</th><th rowspan=\"2\">企业</th><th rowspan=\"2\">生产单元</th>");
    for (L = 0; L < CU_NL; L++)
        cu_buf_printf(h->out, h->en ? "<th class=\"l%d\" colspan=\"2\">%s: curtailed</th>"
                                    : "<th class=\"l%d\" colspan=\"2\">%s 停限产</th>",
                      L, cu_level_label(L, h->en, 0));
    puts_(h, "</tr>\n<tr>");
    for (L = 0; L < CU_NL; L++)
        cu_buf_printf(h->out, "<th class=\"l%d\">%s</th><th class=\"l%d\">%s</th>", L,
                      h->en ? "Enterprises" : "企业", L, h->en ? "Units" : "生产单元");
    puts_(h, "</tr></thead>\n<tbody>\n");
}

static void put_count_row(hw *h, const char *label, const cu_sum_count *c, int total)
{
    int L;
    puts_(h, total ? "<tr><th>" : "<tr><td>");
    esc(h, label);
    cu_buf_printf(h->out, "%s<td class=\"n\">%zu</td><td class=\"n\">%zu</td>",
                  total ? "</th>" : "</td>", c->enterprises, c->units);
    for (L = 0; L < CU_NL; L++)
        cu_buf_printf(h->out, "<td class=\"n\">%zu</td><td class=\"n\">%zu</td>",
                      c->cut_enterprises[L], c->cut_units[L]);
    puts_(h, "</tr>\n");
}

static void put_group_counts(hw *h, const cu_summary *s)
{
    size_t k;
    int g;
    puts_(h, h->en ? "<section>\n<h2>Units and enterprises by grade, industry and town</h2>\n"
                     "<p class=\"note\">A unit is curtailed at a level when its load there is "
                     "below its base load.</p>\n<h3>By grade (as managed)</h3>\n"
                   : "<section>\n<h2>按绩效等级、行业、乡镇统计</h2>\n<p class=\"note\">生产单元在某"
                     "级别负荷低于基准负荷即计为停限产。</p>\n<h3>按管控等级</h3>\n");
    put_count_head(h, h->en ? "Grade" : "管控等级");
    for (g = 0; g < CURTAIL_NGRADES; g++)
        if (s->by_grade[g].units || s->by_grade[g].enterprises)
            put_count_row(h, h->en ? cu_grade_en[g] : cu_grade_zh[g], &s->by_grade[g], 0);
    puts_(h, h->en ? "</tbody>\n</table>\n<h3>By industry</h3>\n"
                   : "</tbody>\n</table>\n<h3>按行业</h3>\n");
    put_count_head(h, h->en ? "Industry" : "行业");
    for (g = 0; g < CURTAIL_NINDUSTRIES; g++)
        if (s->by_industry[g].units || s->by_industry[g].enterprises)
            put_count_row(h, h->en ? cu_industry_en[g] : cu_industry_zh[g], &s->by_industry[g],
                          0);
    puts_(h, h->en ? "</tbody>\n</table>\n<h3>By town</h3>\n"
                   : "</tbody>\n</table>\n<h3>按乡镇</h3>\n");
    put_count_head(h, h->en ? "Town" : "乡镇");
    for (k = 0; k < s->ntowns; k++)
        put_count_row(h, cu_town_label(s->towns[k].town, h->en), &s->towns[k].c, 0);
    put_count_row(h, h->en ? "Total" : "合计", &s->total, 1);
    puts_(h, "</tbody>\n</table>\n</section>\n");
}

static void put_para(hw *h, const cu_summary *s, int which)
{
    cu_buf text;
    cu_buf_init(&text, h->out->mem);
    cu_sum_annex_text(s, which, h->en, &text);
    put_text(h, "<p>", &text, "</p>\n");
}

/* 附录: the weighted loss, the objective and the marginal costs. */
static void put_annex(hw *h, const cu_summary *s)
{
    int L, p;
    puts_(h, h->en ? "<section>\n<h2>Annex: marginal costs and the weighted objective</h2>\n"
                   : "<section>\n<h2>附录：边际减排成本与加权目标函数</h2>\n");
    put_para(h, s, 0);
    puts_(h, h->en ? "<table>\n<thead><tr><th>Level</th><th>Lost output value (CNY 10k/d)</th>"
                     "<th>Weighted loss (CNY 10k/d)</th></tr></thead>\n<tbody>\n"
                   : "<table>\n<thead><tr><th>预警级别</th><th>损失产值 (万元/日)</th>"
                     "<th>加权损失 (万元/日)</th></tr></thead>\n<tbody>\n");
    for (L = 0; L < CU_NL; L++) {
        cu_buf_printf(h->out, "<tr class=\"l%d\"><th class=\"l%d\">%s</th>", L, L,
                      cu_level_label(L, h->en, 0));
        td_num(h, s->lv[L].lost_value / 10000.0, 2);
        td_num(h, s->lv[L].weighted_loss / 10000.0, 2);
        puts_(h, "</tr>\n");
    }
    puts_(h, "</tbody>\n</table>\n");
    put_para(h, s, 1);
    put_para(h, s, 2);
    puts_(h, h->en ? "<table>\n<thead><tr><th>Level</th>" : "<table>\n<thead><tr><th>预警级别</th>");
    for (p = 0; p < CU_NP; p++)
        cu_buf_printf(h->out, h->en ? "<th>Marginal cost %s (yuan/kg)</th>"
                                    : "<th>边际减排成本 %s (元/千克)</th>",
                      pollutant_name(h, p));
    puts_(h, "</tr></thead>\n<tbody>\n");
    for (L = 0; L < CU_NL; L++) {
        cu_buf_printf(h->out, "<tr class=\"l%d\"><th class=\"l%d\">%s</th>", L, L,
                      cu_level_label(L, h->en, 0));
        for (p = 0; p < CU_NP; p++) {
            double v;
            int kind = cu_sum_marginal_cell(s, L, p, &v);
            if (kind == CU_SUMV_KG)
                td_num(h, v, 2);
            else
                cu_buf_printf(h->out, "<td class=\"n\">%s</td>", cu_sum_cell_text(kind, h->en));
        }
        puts_(h, "</tr>\n");
    }
    puts_(h, "</tbody>\n</table>\n");
    if (h->r->ncomb) { /* issue 10: the combined targets, reported like the others */
        cu_buf text;
        size_t k;
        cu_buf_init(&text, h->out->mem);
        cu_sum_combined_note(h->en, &text);
        puts_(h, "<p>");
        if (!text.failed)
            esc(h, text.data);
        puts_(h, "</p>\n");
        puts_(h, h->en ? "<table>\n<thead><tr><th>Level</th><th>Combined target</th>"
                         "<th>Marginal cost (yuan/d per percentage point)</th>"
                         "<th>Per kg of each pollutant (yuan/kg)</th></tr></thead>\n<tbody>\n"
                       : "<table>\n<thead><tr><th>预警级别</th><th>组合目标</th>"
                         "<th>边际减排成本 (元/日每百分点)</th><th>折合各污染物 (元/千克)</th>"
                         "</tr></thead>\n<tbody>\n");
        for (k = 0; k < h->r->ncomb; k++) {
            L = h->r->comb[k].level;
            cu_buf_printf(h->out, "<tr class=\"l%d\"><th class=\"l%d\">%s</th><td>", L, L,
                          cu_level_label(L, h->en, 0));
            text.len = 0;
            cu_sum_combined_label(h->r, k, h->en, &text);
            if (!text.failed)
                esc(h, text.data);
            puts_(h, "</td>");
            if (cu_sum_combined_unmet(h->r, k)) {
                cu_buf_printf(h->out, "<td class=\"n unmet\">%s</td><td>—</td></tr>\n",
                              cu_sum_unmet_text(h->en));
                continue;
            }
            td_num(h, h->r->comb[k].shadow_price / 100.0, 2);
            puts_(h, "<td>");
            text.len = 0;
            cu_sum_combined_per_kg(h->r, k, h->en, &text);
            if (!text.failed)
                esc(h, text.data);
            puts_(h, "</td></tr>\n");
        }
        if (text.failed)
            h->out->failed = 1;
        cu_buf_free(&text);
        puts_(h, "</tbody>\n</table>\n");
    }
    puts_(h, "</section>\n");
}

/* ---- schedule summary ----------------------------------------------------------------------- */

/* A schedule's paragraph: -1 the bases and the horizon's lost value, else
 * annex paragraph `which`. */
static void put_sched_para(hw *h, const cu_sched_sum *s, int which)
{
    cu_buf text;
    cu_buf_init(&text, h->out->mem);
    if (which == -1) {
        cu_sched_base_text(s, h->en, &text);
        cu_buf_puts(&text, h->en ? " " : "");
        cu_sched_total_text(s, h->en, &text);
    }
    else
        cu_sched_annex_text(s, which, h->en, &text);
    put_text(h, which < 0 ? "<p class=\"note\">" : "<p>", &text, "</p>\n");
}

/* The plan's credits and combined rows (issue 10), one note each. */
static void put_sched_plan_notes(hw *h, const cu_sched_sum *s)
{
    cu_buf t;
    cu_buf_init(&t, h->out->mem);
    cu_sched_plan_notes(h->r, s, h->en, &t);
    put_note_lines(h, &t);
}

static int put_segments(hw *h, const cu_sched_sum *s)
{
    const curtail_result *r = h->r;
    size_t k, i, H = curtail_result_hour_count(r);
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
                      h->en ? "to" : "至", b, cu_level_label(e->level, h->en, 0));
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
    if (s->nseg == 0) {
        puts_(h, h->en ? "<p>No hour of the horizon is under an alert.</p>\n</section>\n"
                       : "<p>排程时段内没有预警小时。</p>\n</section>\n");
        return CURTAIL_OK;
    }
    put_sched_para(h, s, -1); /* the bases and the horizon's total, one paragraph */
    put_sched_plan_notes(h, s);
    /* 13 columns: a size smaller than the plan's tables, so a day fits */
    puts_(h, "<table style=\"font-size:9pt\">\n<thead><tr>");
    puts_(h, h->en ? "<th>Day</th><th>Level</th><th>Pollutant</th>"
                     "<th>County total (kg)</th><th>Listed enterprises (kg)</th>"
                     "<th>Required (kg)</th><th>Achieved (kg)</th><th>Shortfall (kg)</th>"
                     "<th>Required, of county total</th><th>Achieved, of county total</th>"
                     "<th>Required, of listed</th><th>Achieved, of listed</th>"
                     "<th>Lost output value (10k yuan)</th>"
                   : "<th>日期</th><th>预警级别</th><th>污染物</th>"
                     "<th>全社会排放量 (kg)</th><th>清单企业排放量 (kg)</th>"
                     "<th>减排要求 (kg)</th><th>实际减排量 (kg)</th><th>缺口 (kg)</th>"
                     "<th>要求减排比例（占全社会）</th><th>实际减排比例（占全社会）</th>"
                     "<th>要求减排比例（占清单企业）</th><th>实际减排比例（占清单企业）</th>"
                     "<th>损失产值 (万元)</th>");
    puts_(h, "</tr></thead>\n<tbody>\n");
    for (k = 0; k < s->nseg; k++) {
        const cu_sched_seg *g = &s->seg[k];
        for (p = 0; p < CU_NP; p++) {
            const cu_sum_target *t = &g->t[p];
            cu_buf_printf(h->out, "<tr class=\"l%d\">", g->level);
            if (p == 0)
                cu_buf_printf(h->out,
                              "<td nowrap rowspan=\"%d\">%s</td><th nowrap class=\"l%d\" rowspan=\"%d\">%s"
                              "<br>%d %s</th>",
                              CU_NP, g->day, g->level, CU_NP, cu_level_label(g->level, h->en, 0),
                              g->hours, h->en ? "h" : "小时");
            cu_buf_printf(h->out, "<td nowrap>%s</td>", pollutant_name(h, p));
            if (s->has_county)
                td_num(h, t->county, 2);
            else
                puts_(h, "<td class=\"n\">—</td>");
            td_num(h, t->listed, 2);
            td_num(h, t->required, 2);
            td_num(h, t->achieved, 2);
            if (t->shortfall >= 0.005)
                cu_buf_puts(h->out, "<td class=\"n unmet\">");
            else
                cu_buf_puts(h->out, "<td class=\"n\">");
            put_number(h, t->shortfall, 2);
            puts_(h, "</td>");
            if (s->has_county) {
                td_pct(h, cu_sum_ratio(t->required, t->county));
                td_pct(h, cu_sum_ratio(t->achieved, t->county));
            } else
                puts_(h, "<td class=\"n\">—</td><td class=\"n\">—</td>");
            td_pct(h, cu_sum_ratio(t->required, t->listed));
            td_pct(h, cu_sum_ratio(t->achieved, t->listed));
            if (p == 0) {
                cu_buf_printf(h->out, "<td class=\"n\" rowspan=\"%d\">", CU_NP);
                put_number(h, g->lost_value / 10000.0, 2);
                puts_(h, "</td>");
            }
            puts_(h, "</tr>\n");
        }
    }
    puts_(h, "</tbody>\n</table>\n</section>\n");
    return CURTAIL_OK;
}

/* The schedule's 附录: the weighted loss per segment, the objective, and
 * why no marginal costs. */
static void put_sched_annex(hw *h, const cu_sched_sum *s)
{
    size_t k;
    double outside = cu_sched_lost_outside(s), woutside = cu_sched_weighted_outside(s);
    puts_(h, h->en ? "<section>\n<h2>Annex: weighted loss and the objective</h2>\n"
                   : "<section>\n<h2>附录：加权损失与目标函数</h2>\n");
    put_sched_para(h, s, 0);
    puts_(h, h->en ? "<table>\n<thead><tr><th>Day</th><th>Level</th><th>Hours</th>"
                     "<th>Lost output value (10k yuan)</th><th>Weighted loss (10k yuan)</th>"
                     "</tr></thead>\n<tbody>\n"
                   : "<table>\n<thead><tr><th>日期</th><th>预警级别</th><th>小时数</th>"
                     "<th>损失产值 (万元)</th><th>加权损失 (万元)</th></tr></thead>\n<tbody>\n");
    for (k = 0; k < s->nseg; k++) {
        const cu_sched_seg *g = &s->seg[k];
        cu_buf_printf(h->out, "<tr class=\"l%d\"><td>%s</td><th class=\"l%d\">%s</th>",
                      g->level, g->day, g->level, cu_level_label(g->level, h->en, 0));
        td_num(h, g->hours, 0);
        td_num(h, g->lost_value / 10000.0, 2);
        td_num(h, g->weighted_loss / 10000.0, 2);
        puts_(h, "</tr>\n");
    }
    if (outside != 0.0 || woutside != 0.0) {
        puts_(h, h->en ? "<tr><td colspan=\"3\">outside the alerts (coke ovens changing load)</td>"
                       : "<tr><td colspan=\"3\">预警时段以外（焦炉逐步调整负荷）</td>");
        td_num(h, outside / 10000.0, 2);
        td_num(h, woutside / 10000.0, 2);
        puts_(h, "</tr>\n");
    }
    puts_(h, h->en ? "<tr><th colspan=\"3\">Total</th>" : "<tr><th colspan=\"3\">合计</th>");
    td_num(h, s->lost_total / 10000.0, 2);
    td_num(h, s->weighted_total / 10000.0, 2);
    puts_(h, "</tr>\n</tbody>\n</table>\n");
    put_sched_para(h, s, 1);
    put_sched_para(h, s, 2);
    puts_(h, "</section>\n");
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
    cu_buf_printf(h->out, "<th colspan=\"9\">%s</th><th colspan=\"%d\">%s</th>",
                  h->en ? "Enterprise and unit" : "企业及生产单元", CU_NP,
                  h->en ? "Baseline emissions (kg/d)" : "基准排放量 (kg/d)");
    for (L = 0; L < CU_NL; L++)
        cu_buf_printf(h->out,
                      h->en ? "<th class=\"l%d\" colspan=\"%d\">%s (reductions kg/d)</th>"
                            : "<th class=\"l%d\" colspan=\"%d\">%s（减排量 kg/d）</th>",
                      L, 3 + CU_NP, cu_level_label(L, h->en, 1));
    puts_(h, "</tr>\n<tr>");
    for (i = 0; i < CU_LIST_NCOLS_FULL; i++) {
        cu_list_col c = cu_list_column_full(i);
        if (c.field >= CU_COL_LOAD && c.field != CU_COL_BASE_LOAD)
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
        case CU_COL_TRANSPORT:
            puts_(h, h->en ? "Transport" : "运输措施");
            break;
        case CU_COL_REASON:
            puts_(h, h->en ? "Basis" : "依据");
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
        for (i = 0; i < CU_LIST_NCOLS_FULL; i++) {
            cu_list_col c = cu_list_column_full(i);
            if (cu_list_col_is_text(c)) {
                cell.len = 0;
                cu_list_cell(&cell, r, &row, c, h->lang);
                if (cell.failed) {
                    h->out->failed = 1;
                    break;
                }
                puts_(h, c.field == CU_COL_MEASURE || c.field == CU_COL_TRANSPORT
                             ? "<td class=\"m\">"
                         : c.field == CU_COL_REASON      ? "<td class=\"m\">"
                         : c.field == CU_COL_CREDIT_CODE ? "<td class=\"c\">"
                         : c.field == CU_COL_ENTERPRISE || c.field == CU_COL_UNIT
                             ? "<td class=\"e\">"
                             : "<td>");
                if (cell.len)
                    esc(h, cell.data);
                puts_(h, "</td>");
            } else if (c.field == CU_COL_LOAD || c.field == CU_COL_BASE_LOAD) {
                puts_(h, "<td class=\"n\">");
                cu_put_load_percent(h->out, cu_list_value(r, &row, c));
                puts_(h, "</td>");
            } else if (c.field == CU_COL_NO) {
                cu_buf_printf(h->out, "<td class=\"n\">%zu</td>", u + 1);
            } else if (c.field == CU_COL_CAPACITY) { /* with its unit: "40 吨/小时" */
                cell.len = 0;
                cu_list_cell(&cell, r, &row, c, h->lang);
                puts_(h, "<td class=\"n\">");
                if (cell.len && !cell.failed)
                    esc(h, cell.data);
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

/* Enterprises by transport measure and level, and the mobile-source
 * reductions when trucks are given (issue 10). */
static void put_transport_summary(hw *h)
{
    size_t count[CU_NL][CURTAIL_NTRANSPORTS];
    int L, t, p, trucks = cu_transport_any_trucks(h->r);
    for (L = 0; L < CU_NL; L++)
        cu_transport_counts(h->r, L, count[L]);
    puts_(h, h->en ? "<section>\n<h2>Transport measures (enterprises)</h2>\n<table>\n<thead><tr>"
                     "<th>Transport measure</th>"
                   : "<section>\n<h2>运输措施（企业数）</h2>\n<table>\n<thead><tr><th>运输措施</th>");
    for (L = 0; L < CU_NL; L++)
        cu_buf_printf(h->out, "<th class=\"l%d\">%s</th>", L, cu_level_label(L, h->en, 0));
    puts_(h, "</tr></thead>\n<tbody>\n");
    for (t = 1; t <= CURTAIL_NTRANSPORTS; t++) {
        int k = t % CURTAIL_NTRANSPORTS;
        if (count[0][k] + count[1][k] + count[2][k] == 0)
            continue;
        puts_(h, "<tr><td class=\"m\">");
        esc(h, k ? cu_transport_text(k, h->en) : h->en ? "not stated" : "未明确");
        puts_(h, "</td>");
        for (L = 0; L < CU_NL; L++)
            cu_buf_printf(h->out, "<td class=\"n\">%zu</td>", count[L][k]);
        puts_(h, "</tr>\n");
    }
    puts_(h, "</tbody>\n</table>\n");
    if (trucks) {
        puts_(h, h->en ? "<p>Mobile-source reductions (kg/d), counted toward the targets: the "
                         "listed enterprises' requirements above are net of them.</p>\n"
                         "<table>\n<thead><tr><th>Level</th>"
                       : "<p>移动源减排量（kg/d），计入减排目标：上表清单企业须减排已扣除。</p>\n"
                         "<table>\n<thead><tr><th>预警级别</th>");
        for (p = 0; p < CU_NP; p++)
            cu_buf_printf(h->out, "<th>%s</th>", pollutant_name(h, p));
        puts_(h, "</tr></thead>\n<tbody>\n");
        for (L = 0; L < CU_NL; L++) {
            double m[CU_NP];
            curtail_result_mobile(h->r, (curtail_level)L, m, NULL);
            cu_buf_printf(h->out, "<tr><td class=\"l%d\">%s</td>", L, cu_level_label(L, h->en, 0));
            for (p = 0; p < CU_NP; p++)
                td_num(h, m[p], 2);
            puts_(h, "</tr>\n");
        }
        puts_(h, "</tbody>\n</table>\n");
    }
    puts_(h, "</section>\n");
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
    cu_summary sum;
    cu_sched_sum ssum;
    int rc;
    h.r = r;
    h.out = out;
    h.lang = cu_write_lang(r, o);
    h.en = h.lang == CURTAIL_LANG_EN;
    memset(&sum, 0, sizeof sum);
    memset(&ssum, 0, sizeof ssum);
    sums = cu_calloc(r->mem, 1, sizeof *sums);
    if (!sums)
        return CURTAIL_ENOMEM;
    rc = cu_report_sums_compute(r, sums);
    if (rc == CURTAIL_OK && r->kind != 1)
        rc = cu_summary_compute(r, &sum);
    if (rc == CURTAIL_OK && r->kind == 1)
        rc = cu_sched_sum_compute(r, &ssum);
    if (rc != CURTAIL_OK)
        goto done;
    put_head(&h);
    puts_(&h, h.en ? "<p class=\"meta\"><strong>Filed version</strong>: with emissions, "
                     "reductions and economic figures, for the authorities' review.</p>\n"
                   : "<p class=\"meta\"><strong>报备版</strong>：含排放量、减排量和经济指标，"
                     "供主管部门审核。</p>\n");
    put_meta(&h, r->kind == 1);
    if (r->kind == 1)
        rc = put_segments(&h, &ssum);
    else
        rc = put_plan_summary(&h, &sum);
    if (rc != CURTAIL_OK)
        goto done;
    if (r->kind != 1)
        put_transport_summary(&h); /* issue 10: the plan's summary */
    puts_(&h, h.en ? "<section>\n<h2>Charts</h2>\n" : "<section>\n<h2>图表</h2>\n");
    if (r->kind == 1) {
        rc = cu_hw_put_schedule_charts(&h);
        if (rc != CURTAIL_OK)
            goto done;
    }
    rc = cu_hw_put_target_charts(&h);
    if (rc != CURTAIL_OK)
        goto done;
    cu_hw_put_sum_charts(&h, sums, 0);
    cu_hw_put_sum_charts(&h, sums, 1);
    puts_(&h, "</section>\n");
    if (r->kind != 1) {
        put_measure_counts(&h, &sum);
        put_group_counts(&h, &sum);
    }
    rc = put_list(&h);
    if (rc != CURTAIL_OK)
        goto done;
    put_warnings(&h);
    if (r->kind != 1)
        put_annex(&h, &sum);
    else
        put_sched_annex(&h, &ssum);
    puts_(&h, "</body>\n</html>\n");
    rc = out->failed ? CURTAIL_ENOMEM : CURTAIL_OK;
done:
    cu_summary_free(&sum);
    cu_sched_sum_free(&ssum);
    cu_free(r->mem, sums);
    return rc;
}
