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
#include "write_html.h"

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

/* Issue 10: credits (非工业源抵扣) and combined targets, one paragraph each. */
static void put_target_notes(hw *h)
{
    cu_buf t;
    char *p, *nl;
    int L;
    cu_buf_init(&t, h->out->mem);
    for (L = 0; L < CU_NL; L++)
        cu_target_notes(&t, h->r, L, h->en, 1);
    if (t.failed)
        h->out->failed = 1;
    for (p = t.data; !t.failed && t.len && p && *p; p = nl + 1) {
        if (!(nl = strchr(p, '\n')))
            break;
        *nl = '\0';
        puts_(h, "<p class=\"note\">");
        esc(h, p);
        puts_(h, "</p>\n");
    }
    cu_buf_free(&t);
}

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
    puts_(h, "</p>\n");
    put_target_notes(h);
    puts_(h, "</section>\n");
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
