/* write_xlsx.c — a plan or a schedule as an Excel workbook, through
 * libxlsxwriter, in the scenario's language (issue 12).
 *
 * A plan:
 *   汇总 / Summary   the title block (note, compiled by); per level and
 *                    pollutant the county total and the listed enterprises'
 *                    emissions, required, achieved, shortfall, the ratios
 *                    against both, shortfalls in words; lost value per level
 *                    in 万元/日 (never added over levels); units and
 *                    enterprises by measure, grade, industry and town
 *                    (summary.h); one native column chart per level
 *                    (required vs achieved ratio per pollutant);
 *   清单 / List      the list's columns with 基准负荷 and 依据 (write_text.h)
 *                    under merged group headers (企业及生产单元 | 基准排放量 |
 *                    黄色预警 | 橙色预警 | 红色预警) as the provincial templates
 *                    have them; credit codes as text; loads as percentages;
 *                    frozen panes, autofilter, A4 landscape one page wide,
 *                    the two header rows repeated on every printed page;
 *   附录 / Annex     weighted losses, the objective, marginal costs in 元/千克
 *                    and how the grade weights enter;
 *   提示 / Warnings  when there are any.
 * A schedule: 分段汇总 / Segments (per day and level, both bases, 万元), the
 * 清单 it executes, 逐时排放 / Hourly emissions (kg per hour with a line
 * chart) and 逐时负荷 / Hourly loads (one row per unit, one column per hour)
 * while that fits Excel's 1 048 576 rows × 16 384 columns, else the sheet
 * carries a note; 附录 / Annex (weighted losses and the objective).
 *
 * Bytes are the same run after run: the document's dates are fixed
 * (CU_XLSX_CREATED) and libxlsxwriter stamps its zip entries with a fixed
 * date. The workbook is written in constant-memory mode (each row goes to
 * a temporary file once the next one starts; strings inline), so a
 * province-size list costs no more memory than a county's. libxlsxwriter
 * names a file and writes it itself: the atomic writer's temporary file
 * when there is one (cu_output_close renames it), else a scratch file in
 * $TMPDIR that is copied to the stream and removed. */
#define _POSIX_C_SOURCE 200809L
#include "write_xlsx.h"
#include "summary.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const lxw_color_t level_fill[CU_NL] = {0xFFF2CC, 0xFCE4D6, 0xF4B6B6};

/* NUL-terminated text of the scratch buffer ("" when empty or failed). */
const char *cu_xw_tmp_text(xw *x)
{
    return x->tmp.len && !x->tmp.failed ? x->tmp.data : "";
}

/* Issue 10: credits (非工业源抵扣) and combined targets, a note row each from
 * `row` on; returns the row after them (and a blank one), or `row` itself. */
static lxw_row_t put_target_notes(xw *x, lxw_worksheet *ws, const curtail_result *r,
                                  lxw_row_t row, int en)
{
    char *p, *nl;
    int L;
    lxw_row_t r0 = row;
    x->tmp.len = 0;
    for (L = 0; L < CU_NL; L++)
        cu_target_notes(&x->tmp, r, L, en, 1);
    for (p = x->tmp.data; !x->tmp.failed && x->tmp.len && p && *p; p = nl + 1) {
        if (!(nl = strchr(p, '\n')))
            break;
        *nl = '\0';
        worksheet_write_string(ws, row++, 0, p, x->note);
    }
    x->tmp.len = 0;
    return row > r0 ? row + 1 : row;
}

static lxw_format *new_format(xw *x, int border)
{
    lxw_format *f = workbook_add_format(x->wb);
    if (f) {
        format_set_font_size(f, 10);
        if (border)
            format_set_border(f, LXW_BORDER_THIN);
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    }
    return f;
}

static int make_formats(xw *x)
{
    int L;
    x->title = new_format(x, 0);
    x->bold = new_format(x, 0);
    x->note = new_format(x, 0);
    x->head = new_format(x, 1);
    x->text = new_format(x, 1);
    x->wrap = new_format(x, 1);
    x->code = new_format(x, 1);
    x->num2 = new_format(x, 1);
    x->num0 = new_format(x, 1);
    x->pct = new_format(x, 1);
    x->general = new_format(x, 1);
    if (!x->title || !x->bold || !x->note || !x->head || !x->text || !x->wrap || !x->code ||
        !x->num2 || !x->num0 || !x->pct || !x->general)
        return CURTAIL_ENOMEM;
    format_set_bold(x->title);
    format_set_font_size(x->title, 14);
    format_set_bold(x->bold);
    format_set_font_color(x->note, 0x595959);
    format_set_bold(x->head);
    format_set_text_wrap(x->head);
    format_set_align(x->head, LXW_ALIGN_CENTER);
    format_set_bg_color(x->head, 0xE7E6E6);
    format_set_text_wrap(x->wrap);
    format_set_num_format(x->code, "@"); /* text: Excel keeps all 18 characters */
    format_set_num_format(x->num2, "#,##0.00");
    format_set_num_format(x->num0, "0");
    format_set_num_format(x->pct, "0.00%");
    for (L = 0; L <= CU_NL; L++) {
        lxw_format *h = new_format(x, 1);
        if (!h)
            return CURTAIL_ENOMEM;
        format_set_bold(h);
        format_set_text_wrap(h);
        format_set_align(h, LXW_ALIGN_CENTER);
        format_set_bg_color(h, L < CU_NL ? level_fill[L] : 0xE7E6E6);
        if (L < CU_NL)
            x->head_level[L] = h;
        x->hour_level[L] = h;
    }
    return CURTAIL_OK;
}

const char *cu_xw_pollutant_name(const xw *x, int p)
{
    return cu_pollutant_label(p, x->en);
}

/* Row 0: the title, merged over `cols` columns. */
void cu_xw_put_title(xw *x, lxw_worksheet *ws, int cols, const char *what)
{
    const char *name = cu_report_title(x->r);
    x->tmp.len = 0;
    if (name)
        cu_buf_printf(&x->tmp, "%s — %s", name, what);
    else
        cu_buf_puts(&x->tmp, what);
    /* which version this is (issue 9): the filed one or the 公示版 */
    cu_buf_puts(&x->tmp, x->public_version ? (x->en ? " (public version)" : "（公示版）")
                                           : (x->en ? " (filed version)" : "（报备版）"));
    if (cols > 1)
        worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)(cols - 1), cu_xw_tmp_text(x), x->title);
    else
        worksheet_write_string(ws, 0, 0, cu_xw_tmp_text(x), x->title);
    worksheet_set_row(ws, 0, 22, NULL);
}

void cu_xw_print_setup(lxw_worksheet *ws, int en)
{
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_footer(ws, en ? "&CPage &P of &N" : "&C第 &P 页，共 &N 页");
}

/* "状态：…" line of a plan or schedule. */
void cu_xw_put_status(xw *x, lxw_worksheet *ws, lxw_row_t row, int schedule)
{
    const curtail_result *r = x->r;
    x->tmp.len = 0;
    cu_buf_puts(&x->tmp, x->en ? "Status: " : "状态：");
    cu_buf_puts(&x->tmp, cu_status_all_label(curtail_result_status(r), x->en));
    (void)schedule; /* a schedule's objective is in its annex too (review P1-5) */
    cu_buf_puts(&x->tmp, x->en ? "." : "。");
    worksheet_write_string(ws, row, 0, cu_xw_tmp_text(x), x->bold);
}

/* ---- plan: 汇总 -------------------------------------------------------------------------- */

/* Enterprises per transport measure and level, then (with trucks) the
 * mobile-source reductions per level (issue 10); the row after the block. */
static lxw_row_t summary_transport(xw *x, lxw_worksheet *ws, lxw_row_t row)
{
    size_t count[CU_NL][CURTAIL_NTRANSPORTS];
    int L, t, p;
    for (L = 0; L < CU_NL; L++)
        cu_transport_counts(x->r, L, count[L]);
    worksheet_write_string(ws, row, 0, x->en ? "Transport measure (enterprises)" : "运输措施（企业数）",
                           x->head);
    for (L = 0; L < CU_NL; L++)
        worksheet_write_string(ws, row, (lxw_col_t)(1 + L), cu_level_label(L, x->en, 0),
                               x->head_level[L]);
    row++;
    for (t = 1; t <= CURTAIL_NTRANSPORTS; t++) {
        int k = t % CURTAIL_NTRANSPORTS;
        if (count[0][k] + count[1][k] + count[2][k] == 0)
            continue;
        worksheet_write_string(ws, row, 0,
                               k ? cu_transport_text(k, x->en) : x->en ? "not stated" : "未明确",
                               x->text);
        for (L = 0; L < CU_NL; L++)
            worksheet_write_number(ws, row, (lxw_col_t)(1 + L), (double)count[L][k], x->num0);
        row++;
    }
    if (!cu_transport_any_trucks(x->r))
        return row + 1;
    row++;
    worksheet_write_string(ws, row, 0, x->en ? "Mobile-source reduction (kg/d)" : "移动源减排量 (kg/d)",
                           x->head);
    for (p = 0; p < CU_NP; p++)
        worksheet_write_string(ws, row, (lxw_col_t)(1 + p), cu_xw_pollutant_name(x, p), x->head);
    row++;
    for (L = 0; L < CU_NL; L++, row++) {
        double m[CU_NP];
        curtail_result_mobile(x->r, (curtail_level)L, m, NULL);
        worksheet_write_string(ws, row, 0, cu_level_label(L, x->en, 0), x->head_level[L]);
        for (p = 0; p < CU_NP; p++)
            worksheet_write_number(ws, row, (lxw_col_t)(1 + p), m[p], x->num2);
    }
    return row + 1;
}

/* The title block (issue 9) from `row` on: the scenario's note and who
 * compiled it, one line each; the next free row. */
lxw_row_t cu_xw_put_title_block(xw *x, lxw_worksheet *ws, lxw_row_t row)
{
    const char *note = curtail_scenario_note(x->r->s), *by = curtail_scenario_compiled_by(x->r->s);
    if (note) {
        x->tmp.len = 0;
        cu_buf_printf(&x->tmp, x->en ? "Note: %s" : "说明：%s", note);
        worksheet_write_string(ws, row++, 0, cu_xw_tmp_text(x), x->note);
    }
    if (by) {
        x->tmp.len = 0;
        cu_buf_printf(&x->tmp, x->en ? "Compiled by: %s" : "编制单位：%s", by);
        worksheet_write_string(ws, row++, 0, cu_xw_tmp_text(x), x->note);
    }
    return row;
}

/* A header row of count columns: what, enterprises, units, then per level
 * the curtailed enterprises and units. */
static void count_head(xw *x, lxw_worksheet *ws, lxw_row_t row, const char *what)
{
    int L;
    worksheet_set_row(ws, row, 30, NULL);
    worksheet_write_string(ws, row, 0, what, x->head);
    worksheet_write_string(ws, row, 1, x->en ? "Enterprises" : "企业", x->head);
    worksheet_write_string(ws, row, 2, x->en ? "Units" : "生产单元", x->head);
    for (L = 0; L < CU_NL; L++) {
        x->tmp.len = 0;
        cu_buf_printf(&x->tmp, x->en ? "%s: curtailed enterprises" : "%s 停限产企业",
                      cu_level_label(L, x->en, 0));
        worksheet_write_string(ws, row, (lxw_col_t)(3 + 2 * L), cu_xw_tmp_text(x),
                               x->head_level[L]);
        x->tmp.len = 0;
        cu_buf_printf(&x->tmp, x->en ? "%s: curtailed units" : "%s 停限产单元",
                      cu_level_label(L, x->en, 0));
        worksheet_write_string(ws, row, (lxw_col_t)(4 + 2 * L), cu_xw_tmp_text(x),
                               x->head_level[L]);
    }
}

static void count_row(xw *x, lxw_worksheet *ws, lxw_row_t row, const char *label,
                      const cu_sum_count *c)
{
    int L;
    worksheet_write_string(ws, row, 0, label, x->text);
    worksheet_write_number(ws, row, 1, (double)c->enterprises, x->num0);
    worksheet_write_number(ws, row, 2, (double)c->units, x->num0);
    for (L = 0; L < CU_NL; L++) {
        worksheet_write_number(ws, row, (lxw_col_t)(3 + 2 * L), (double)c->cut_enterprises[L],
                               x->num0);
        worksheet_write_number(ws, row, (lxw_col_t)(4 + 2 * L), (double)c->cut_units[L], x->num0);
    }
}

/* A paragraph of text in one cell. */
static void put_line(xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_format *f)
{
    worksheet_write_string(ws, row, 0, cu_xw_tmp_text(x), f);
}

static int sheet_summary(xw *x, const cu_summary *s)
{
    const int en = x->en;
    int cols[CU_SUMC_N];
    const size_t nsum = cu_sum_columns(s, cols);
    const int ncols = 2 + (int)nsum;
    /* the chart's ratios: the order's and the achieved, against the targets' base */
    lxw_col_t req_col = 0, ach_col = 0;
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, en ? "Summary" : "汇总");
    lxw_row_t row, first;
    size_t k;
    int L, p, c, g;
    if (!ws)
        return CURTAIL_ENOMEM;
    cu_xw_put_title(x, ws, ncols, en ? "emergency reduction plan" : "重污染天气应急减排清单");
    cu_xw_put_status(x, ws, 1, 0);
    row = cu_xw_put_title_block(x, ws, 2);
    x->tmp.len = 0;
    cu_sum_base_text(s, en, &x->tmp);
    put_line(x, ws, row++, x->note);
    worksheet_set_column(ws, 0, 0, 14, NULL);
    worksheet_set_column(ws, 1, 1, 10, NULL);
    worksheet_set_column(ws, 2, (lxw_col_t)(ncols - 1), 15, NULL);
    row++;
    worksheet_set_row(ws, row, 42, NULL);
    worksheet_write_string(ws, row, 0, en ? "Level" : "预警级别", x->head);
    worksheet_write_string(ws, row, 1, en ? "Pollutant" : "污染物", x->head);
    for (c = 0; c < (int)nsum; c++) {
        x->tmp.len = 0;
        cu_sum_column_header(s, cols[c], en, &x->tmp);
        worksheet_write_string(ws, row, (lxw_col_t)(2 + c), cu_xw_tmp_text(x), x->head);
        if (cols[c] == CU_SUMC_RATIO)
            req_col = (lxw_col_t)(2 + c);
        if (cols[c] == CU_SUMC_ACH_RATIO)
            ach_col = (lxw_col_t)(2 + c);
    }
    first = ++row;
    for (L = 0; L < CU_NL; L++) {
        for (p = 0; p < CU_NP; p++, row++) {
            worksheet_write_string(ws, row, 0, cu_level_label(L, x->en, 0), x->head_level[L]);
            worksheet_write_string(ws, row, 1, cu_xw_pollutant_name(x, p), x->text);
            for (c = 0; c < (int)nsum; c++) {
                double v;
                int kind = cu_sum_cell(s, L, p, cols[c], &v);
                lxw_col_t col = (lxw_col_t)(2 + c);
                if (kind == CU_SUMV_KG)
                    worksheet_write_number(ws, row, col, v, x->num2);
                else if (kind == CU_SUMV_PCT)
                    worksheet_write_number(ws, row, col, v, x->pct);
                else
                    worksheet_write_string(ws, row, col, cu_sum_cell_text(kind, en), x->text);
            }
        }
    }
    x->tmp.len = 0;
    cu_sum_columns_note(s, en, &x->tmp);
    if (x->tmp.len)
        put_line(x, ws, row++, x->note);
    for (L = 0; L < CU_NL; L++)
        for (p = 0; p < CU_NP; p++)
            if (s->lv[L].t[p].why != CU_SHORT_NONE) {
                x->tmp.len = 0;
                cu_sum_shortfall_text(s, L, p, en, &x->tmp);
                put_line(x, ws, row++, x->bold);
            }
    row++;
    worksheet_set_row(ws, row, 30, NULL);
    worksheet_write_string(ws, row, 0, en ? "Level" : "预警级别", x->head);
    worksheet_write_string(ws, row, 1, en ? "Status" : "状态", x->head);
    worksheet_write_string(ws, row, 2, en ? "Lost output value (CNY 10k/d)" : "损失产值 (万元/日)",
                           x->head);
    row++;
    for (L = 0; L < CU_NL; L++, row++) {
        worksheet_write_string(ws, row, 0, cu_level_label(L, x->en, 0), x->head_level[L]);
        worksheet_write_string(ws, row, 1, cu_status_label(s->lv[L].status, en), x->text);
        worksheet_write_number(ws, row, 2, s->lv[L].lost_value / 10000.0, x->num2);
    }
    worksheet_write_string(ws, row++, 0,
                           en ? "The levels never happen on the same day: their losses are not "
                                "added."
                              : "三个预警级别不会在同一天发生，各级别损失不相加。",
                           x->note);
    /* counts by measure */
    row++;
    worksheet_write_string(ws, row++, 0, en ? "Units and enterprises by measure" : "措施分类统计",
                           x->bold);
    worksheet_set_row(ws, row, 30, NULL);
    worksheet_write_string(ws, row, 0, en ? "Measure" : "措施", x->head);
    for (L = 0; L < CU_NL; L++) {
        x->tmp.len = 0;
        cu_buf_printf(&x->tmp, en ? "%s: units" : "%s 生产单元", cu_level_label(L, x->en, 0));
        worksheet_write_string(ws, row, (lxw_col_t)(1 + 2 * L), cu_xw_tmp_text(x),
                               x->head_level[L]);
        x->tmp.len = 0;
        cu_buf_printf(&x->tmp, en ? "%s: enterprises" : "%s 企业", cu_level_label(L, x->en, 0));
        worksheet_write_string(ws, row, (lxw_col_t)(2 + 2 * L), cu_xw_tmp_text(x),
                               x->head_level[L]);
    }
    row++;
    for (c = 0; c < CU_MC_N; c++) {
        if (!cu_mc_used(s, c))
            continue;
        worksheet_write_string(ws, row, 0, cu_mc_label(c, en), x->text);
        for (L = 0; L < CU_NL; L++) {
            worksheet_write_number(ws, row, (lxw_col_t)(1 + 2 * L), (double)s->lv[L].units[c],
                                   x->num0);
            worksheet_write_number(ws, row, (lxw_col_t)(2 + 2 * L),
                                   (double)s->lv[L].enterprises[c], x->num0);
        }
        row++;
    }
    worksheet_write_string(ws, row, 0, en ? "Total" : "合计", x->head);
    for (L = 0; L < CU_NL; L++) {
        worksheet_write_number(ws, row, (lxw_col_t)(1 + 2 * L), (double)s->total.units, x->num0);
        worksheet_write_number(ws, row, (lxw_col_t)(2 + 2 * L), (double)s->total.enterprises,
                               x->num0);
    }
    row++;
    worksheet_write_string(ws, row++, 0,
                           en ? "An enterprise counts once, under the first of its units' "
                                "measures in the order of the table."
                              : "企业按其各生产单元措施中在表中最靠前的一项计一次。",
                           x->note);
    /* counts by grade, industry, town */
    row++;
    worksheet_write_string(ws, row++, 0,
                           en ? "Units and enterprises by grade (as managed), industry and town; "
                                "a unit is curtailed at a level when its load there is below its "
                                "base load"
                              : "按管控等级、行业、乡镇统计（生产单元在某级别负荷低于基准负荷即计为停限产）",
                           x->bold);
    count_head(x, ws, row++, en ? "Grade" : "管控等级");
    for (g = 0; g < CURTAIL_NGRADES; g++)
        if (s->by_grade[g].units || s->by_grade[g].enterprises)
            count_row(x, ws, row++, en ? cu_grade_en[g] : cu_grade_zh[g], &s->by_grade[g]);
    row++;
    count_head(x, ws, row++, en ? "Industry" : "行业");
    for (g = 0; g < CURTAIL_NINDUSTRIES; g++)
        if (s->by_industry[g].units || s->by_industry[g].enterprises)
            count_row(x, ws, row++, en ? cu_industry_en[g] : cu_industry_zh[g],
                      &s->by_industry[g]);
    row++;
    count_head(x, ws, row++, en ? "Town" : "乡镇");
    for (k = 0; k < s->ntowns; k++)
        count_row(x, ws, row++, cu_town_label(s->towns[k].town, en), &s->towns[k].c);
    count_row(x, ws, row++, en ? "Total" : "合计", &s->total);
    row++;
    row = summary_transport(x, ws, row); /* issue 10 */
    row = put_target_notes(x, ws, x->r, row, en);
    /* one chart per level: required vs achieved ratio per pollutant */
    for (L = 0; L < CU_NL; L++) {
        lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_COLUMN);
        lxw_chart_series *s1, *s2;
        lxw_chart_fill fill_req = {0}, fill_ach = {0};
        lxw_chart_line line = {0};
        lxw_row_t lf = first + (lxw_row_t)(L * CU_NP), ll = lf + CU_NP - 1;
        lxw_chart_options opt = {0};
        char title[128];
        if (!ch)
            return CURTAIL_ENOMEM;
        snprintf(title, sizeof title, en ? "%s: required vs achieved" : "%s：要求与实际减排比例",
                 cu_level_label(L, en, 1));
        chart_title_set_name(ch, title);
        s1 = chart_add_series(ch, NULL, NULL);
        s2 = chart_add_series(ch, NULL, NULL);
        if (!s1 || !s2)
            return CURTAIL_ENOMEM;
        chart_series_set_categories(s1, en ? "Summary" : "汇总", lf, 1, ll, 1);
        chart_series_set_values(s1, en ? "Summary" : "汇总", lf, req_col, ll, req_col);
        chart_series_set_name(s1, en ? "Required" : "要求");
        chart_series_set_categories(s2, en ? "Summary" : "汇总", lf, 1, ll, 1);
        chart_series_set_values(s2, en ? "Summary" : "汇总", lf, ach_col, ll, ach_col);
        chart_series_set_name(s2, en ? "Achieved" : "实际");
        fill_req.color = 0xBFBFBF;
        fill_ach.color = L == 0 ? 0xD4A017 : L == 1 ? 0xE07B00 : 0xC00000;
        line.none = LXW_TRUE;
        chart_series_set_fill(s1, &fill_req);
        chart_series_set_fill(s2, &fill_ach);
        chart_series_set_line(s1, &line);
        chart_series_set_line(s2, &line);
        chart_axis_set_num_format(chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y), "0%");
        chart_axis_set_min(chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y), 0);
        chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
        opt.x_offset = (int32_t)(L * 440);
        opt.x_scale = 0.88;
        opt.y_scale = 1.0;
        worksheet_insert_chart_opt(ws, row, 0, ch, &opt);
    }
    cu_xw_print_setup(ws, en);
    return CURTAIL_OK;
}

/* ---- 附录 ------------------------------------------------------------------------------ */

static int sheet_annex(xw *x, const cu_summary *s)
{
    const int en = x->en;
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, en ? "Annex" : "附录");
    lxw_row_t row = 2;
    int L, p;
    if (!ws)
        return CURTAIL_ENOMEM;
    cu_xw_put_title(x, ws, 5, en ? "annex: marginal costs and the weighted objective"
                                 : "附录：边际减排成本与加权目标函数");
    worksheet_set_column(ws, 0, 0, 14, NULL);
    worksheet_set_column(ws, 1, CU_NP, 22, NULL);
    x->tmp.len = 0;
    cu_sum_annex_text(s, 0, en, &x->tmp);
    put_line(x, ws, row++, NULL);
    row++;
    worksheet_set_row(ws, row, 30, NULL);
    worksheet_write_string(ws, row, 0, en ? "Level" : "预警级别", x->head);
    worksheet_write_string(ws, row, 1, en ? "Lost output value (CNY 10k/d)" : "损失产值 (万元/日)",
                           x->head);
    worksheet_write_string(ws, row, 2, en ? "Weighted loss (CNY 10k/d)" : "加权损失 (万元/日)",
                           x->head);
    row++;
    for (L = 0; L < CU_NL; L++, row++) {
        worksheet_write_string(ws, row, 0, cu_level_label(L, x->en, 0), x->head_level[L]);
        worksheet_write_number(ws, row, 1, s->lv[L].lost_value / 10000.0, x->num2);
        worksheet_write_number(ws, row, 2, s->lv[L].weighted_loss / 10000.0, x->num2);
    }
    row++;
    x->tmp.len = 0;
    cu_sum_annex_text(s, 1, en, &x->tmp);
    put_line(x, ws, row++, NULL);
    x->tmp.len = 0;
    cu_sum_annex_text(s, 2, en, &x->tmp);
    put_line(x, ws, row++, NULL);
    row++;
    worksheet_set_row(ws, row, 30, NULL);
    worksheet_write_string(ws, row, 0, en ? "Level" : "预警级别", x->head);
    for (p = 0; p < CU_NP; p++) {
        x->tmp.len = 0;
        cu_buf_printf(&x->tmp, en ? "Marginal cost %s (yuan/kg)" : "边际减排成本 %s (元/千克)",
                      cu_xw_pollutant_name(x, p));
        worksheet_write_string(ws, row, (lxw_col_t)(1 + p), cu_xw_tmp_text(x), x->head);
    }
    row++;
    for (L = 0; L < CU_NL; L++, row++) {
        worksheet_write_string(ws, row, 0, cu_level_label(L, x->en, 0), x->head_level[L]);
        for (p = 0; p < CU_NP; p++) {
            double v;
            int kind = cu_sum_marginal_cell(s, L, p, &v);
            if (kind == CU_SUMV_KG)
                worksheet_write_number(ws, row, (lxw_col_t)(1 + p), v, x->num2);
            else
                worksheet_write_string(ws, row, (lxw_col_t)(1 + p), cu_sum_cell_text(kind, en),
                                       x->text);
        }
    }
    if (x->r->ncomb) { /* issue 10: the combined targets, reported like the others */
        size_t k;
        row++;
        x->tmp.len = 0;
        cu_sum_combined_note(en, &x->tmp);
        put_line(x, ws, row++, NULL);
        row++;
        worksheet_set_row(ws, row, 30, NULL);
        worksheet_write_string(ws, row, 0, en ? "Level" : "预警级别", x->head);
        worksheet_write_string(ws, row, 1, en ? "Combined target" : "组合目标", x->head);
        worksheet_write_string(ws, row, 2,
                               en ? "Marginal cost (yuan/d per percentage point)"
                                  : "边际减排成本 (元/日每百分点)",
                               x->head);
        worksheet_write_string(ws, row, 3,
                               en ? "Per kg of each pollutant (yuan/kg)" : "折合各污染物 (元/千克)",
                               x->head);
        row++;
        for (k = 0; k < x->r->ncomb; k++, row++) {
            L = x->r->comb[k].level;
            worksheet_write_string(ws, row, 0, cu_level_label(L, x->en, 0), x->head_level[L]);
            x->tmp.len = 0;
            cu_sum_combined_label(x->r, k, en, &x->tmp);
            worksheet_write_string(ws, row, 1, cu_xw_tmp_text(x), x->text);
            if (cu_sum_combined_unmet(x->r, k)) {
                worksheet_write_string(ws, row, 2, cu_sum_unmet_text(en), x->text);
                worksheet_write_string(ws, row, 3, "—", x->text);
                continue;
            }
            worksheet_write_number(ws, row, 2, x->r->comb[k].shadow_price / 100.0, x->num2);
            x->tmp.len = 0;
            cu_sum_combined_per_kg(x->r, k, en, &x->tmp);
            worksheet_write_string(ws, row, 3, cu_xw_tmp_text(x), x->text);
        }
    }
    cu_xw_print_setup(ws, en);
    return CURTAIL_OK;
}

/* ---- 清单 -------------------------------------------------------------------------------- */

/* The sub-header of list column c under its group header. */
static void list_subheader(xw *x, cu_list_col c)
{
    x->tmp.len = 0;
    switch (c.field) {
    case CU_COL_BASELINE:
        cu_buf_puts(&x->tmp, cu_xw_pollutant_name(x, c.pollutant));
        break;
    case CU_COL_LOAD:
        cu_buf_puts(&x->tmp, x->en ? "Load" : "负荷");
        break;
    case CU_COL_MEASURE:
        cu_buf_puts(&x->tmp, x->en ? "Measure" : "措施");
        break;
    case CU_COL_TRANSPORT:
        cu_buf_puts(&x->tmp, x->en ? "Transport" : "运输措施");
        break;
    case CU_COL_REASON:
        cu_buf_puts(&x->tmp, x->en ? "Basis" : "依据");
        break;
    case CU_COL_REDUCTION:
        cu_buf_printf(&x->tmp, x->en ? "%s cut" : "%s减排", cu_xw_pollutant_name(x, c.pollutant));
        break;
    default:
        cu_list_header(&x->tmp, c, x->en);
        break;
    }
}

/* The list sheets' capacity: the number in its stated unit (a 960 t/d boiler
 * is 40 t/h) at column cc and the unit at cc + 1 (产能单位), as the
 * Markdown's "40 吨/小时" (cu_capacity_stated). */
void cu_xw_capacity(xw *x, lxw_worksheet *ws, lxw_row_t rr, lxw_col_t cc, const cu_list_row *row)
{
    double amount;
    int capu = cu_capacity_stated(&row->info.u, &amount);
    worksheet_write_number(ws, rr, cc, amount, x->general);
    worksheet_write_string(ws, rr, (lxw_col_t)(cc + 1), cu_capu_label(capu, x->en), x->text);
}

lxw_col_t cu_xw_list_col(size_t i)
{
    return (lxw_col_t)(i > CU_XW_CAPACITY_COL ? i + 1 : i);
}

void cu_xw_list_too_long(xw *x, lxw_worksheet *ws, lxw_row_t row, size_t n)
{
    x->tmp.len = 0;
    cu_buf_printf(&x->tmp,
                  x->en ? "The list has %zu units: more rows than an Excel sheet holds "
                          "(1 048 576). Use --format csv or json."
                        : "清单共 %zu 个生产单元，超出 Excel 工作表行数上限（1 048 576 行），"
                          "未写入本表；请使用 --format csv 或 json。",
                  n);
    worksheet_write_string(ws, row, 0, cu_xw_tmp_text(x), x->bold);
}

static int sheet_list(xw *x)
{
    const curtail_result *r = x->r;
    const int en = x->en, ncols = (int)CU_LIST_NCOLS_FULL + 1; /* + the capacity's unit */
    size_t u, i, n = curtail_result_unit_count(r);
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, en ? "List" : "清单");
    const lxw_row_t body = 3;
    int L;
    if (!ws)
        return CURTAIL_ENOMEM;
    if (n + body > x->max_rows) {
        cu_xw_put_title(x, ws, 1, en ? "list" : "一企一策清单");
        cu_xw_list_too_long(x, ws, 1, n);
        return CURTAIL_OK;
    }
    cu_xw_put_title(x, ws, ncols, en ? "list (one enterprise, one policy)" : "一企一策清单");
    /* row 1: merged group headers; row 2: the columns (constant memory: a
     * row's settings and cells before the next row's) */
    worksheet_set_row(ws, 1, 20, NULL);
    worksheet_merge_range(ws, 1, 0, 1, 9, en ? "Enterprise and unit" : "企业及生产单元",
                          x->head);
    worksheet_merge_range(ws, 1, 10, 1, 10 + CU_NP - 1,
                          en ? "Baseline emissions (kg/d)" : "基准排放量 (kg/d)", x->head);
    for (L = 0; L < CU_NL; L++) {
        lxw_col_t c0 = (lxw_col_t)(10 + CU_NP + L * (4 + CU_NP));
        x->tmp.len = 0;
        cu_buf_printf(&x->tmp, en ? "%s (reductions kg/d)" : "%s（减排量 kg/d）",
                      cu_level_label(L, en, 1));
        worksheet_merge_range(ws, 1, c0, 1, (lxw_col_t)(c0 + 3 + CU_NP), cu_xw_tmp_text(x),
                              x->head_level[L]);
    }
    worksheet_set_row(ws, 2, 30, NULL);
    for (i = 0; i < CU_LIST_NCOLS_FULL; i++) {
        cu_list_col c = cu_list_column_full(i);
        double width = 10;
        list_subheader(x, c);
        worksheet_write_string(ws, 2, cu_xw_list_col(i), cu_xw_tmp_text(x),
                               c.field >= CU_COL_LOAD && c.field != CU_COL_BASE_LOAD
                                   ? x->head_level[c.level]
                                   : x->head);
        if (c.field == CU_COL_CAPACITY) {
            worksheet_write_string(ws, 2, cu_xw_list_col(i) + 1,
                                   en ? "Capacity unit" : "产能单位", x->head);
            worksheet_set_column(ws, cu_xw_list_col(i) + 1, cu_xw_list_col(i) + 1, 10, NULL);
        }
        switch (c.field) {
        case CU_COL_NO:
            width = 6;
            break;
        case CU_COL_ENTERPRISE:
            width = 24;
            break;
        case CU_COL_CREDIT_CODE:
            width = 21;
            break;
        case CU_COL_UNIT:
            width = 16;
            break;
        case CU_COL_MEASURE:
            width = 34;
            break;
        case CU_COL_TRANSPORT:
            width = 24;
            break;
        case CU_COL_REASON:
            width = 40;
            break;
        default:
            break;
        }
        worksheet_set_column(ws, cu_xw_list_col(i), cu_xw_list_col(i), width, NULL);
    }
    for (u = 0; u < n; u++) {
        cu_list_row row;
        lxw_row_t rr = body + (lxw_row_t)u;
        int rc = cu_list_row_init(r, u, &row);
        if (rc != CURTAIL_OK)
            return rc;
        for (i = 0; i < CU_LIST_NCOLS_FULL; i++) {
            cu_list_col c = cu_list_column_full(i);
            lxw_col_t cc = cu_xw_list_col(i);
            if (c.field == CU_COL_CAPACITY) {
                cu_xw_capacity(x, ws, rr, cc, &row);
            } else if (cu_list_col_is_text(c)) {
                x->tmp.len = 0;
                cu_list_cell(&x->tmp, r, &row, c, x->lang);
                if (x->tmp.failed)
                    return CURTAIL_ENOMEM;
                if (c.field == CU_COL_CREDIT_CODE)
                    worksheet_write_string(ws, rr, cc, cu_xw_tmp_text(x), x->code);
                else
                    worksheet_write_string(ws, rr, cc, cu_xw_tmp_text(x),
                                           c.field == CU_COL_MEASURE ||
                                                   c.field == CU_COL_TRANSPORT ||
                                                   c.field == CU_COL_REASON
                                               ? x->wrap
                                               : x->text);
            } else {
                lxw_format *f = c.field == CU_COL_NO                                   ? x->num0
                                : c.field == CU_COL_LOAD || c.field == CU_COL_BASE_LOAD ? x->pct
                                                                                        : x->num2;
                worksheet_write_number(ws, rr, cc, cu_list_value(r, &row, c), f);
            }
        }
    }
    worksheet_freeze_panes(ws, body, 2);
    worksheet_autofilter(ws, 2, 0, (lxw_row_t)(body + (n ? n : 1) - 1),
                         (lxw_col_t)(ncols - 1));
    worksheet_repeat_rows(ws, 1, 2);
    cu_xw_print_setup(ws, en);
    return CURTAIL_OK;
}

/* ---- warnings ------------------------------------------------------------------------------ */

static int sheet_warnings(xw *x)
{
    size_t i, nw = curtail_result_warning_count(x->r);
    lxw_worksheet *ws;
    if (nw == 0)
        return CURTAIL_OK;
    if (nw + 2 > x->max_rows)
        nw = x->max_rows - 2;
    ws = workbook_add_worksheet(x->wb, x->en ? "Warnings" : "提示");
    if (!ws)
        return CURTAIL_ENOMEM;
    cu_xw_put_title(x, ws, 1, x->en ? "warnings" : "提示");
    worksheet_set_column(ws, 0, 0, 160, NULL);
    for (i = 0; i < nw; i++)
        worksheet_write_string(ws, (lxw_row_t)(i + 2), 0,
                               curtail_result_warning_text(x->r, i, x->en ? CURTAIL_LANG_EN
                                                                          : CURTAIL_LANG_ZH),
                               NULL);
    return CURTAIL_OK;
}

/* ---- the workbook ------------------------------------------------------------------------ */

static int io_fail(curtail_error *err, const char *what, const char *detail)
{
    static const cu_pos none = {0, 0};
    return cu_error(err, CURTAIL_EIO, NULL, none, NULL, "%s: %s", what, detail);
}

int cu_xlsx_build(const curtail_result *r, const curtail_write_options *o, const char *path,
                  size_t max_rows, size_t max_cols, curtail_error *err)
{
    lxw_workbook_options wo = {0};
    lxw_doc_properties props;
    lxw_error le;
    xw x;
    int rc;
    size_t cells = curtail_result_unit_count(r) * (curtail_result_hour_count(r) + 1);
    memset(&x, 0, sizeof x);
    x.r = r;
    x.max_rows = max_rows;
    x.max_cols = max_cols;
    x.lang = cu_write_lang(r, o);
    x.en = x.lang == CURTAIL_LANG_EN;
    x.public_version = o->public_version;
    wo.constant_memory = LXW_TRUE;
    wo.use_zip64 = cells > 20000000 ? LXW_TRUE : LXW_FALSE; /* a sheet beyond 4 GiB */
    x.wb = workbook_new_opt(path, &wo);
    if (!x.wb)
        return cu_enomem(err);
    cu_buf_init(&x.tmp, r->mem);
    memset(&props, 0, sizeof props);
    props.title = (char *)(cu_report_title(r) ? cu_report_title(r) : "");
    props.subject = (char *)(x.en ? "Heavy-pollution emergency reduction list"
                                  : "重污染天气应急减排清单");
    props.author = (char *)"curtail";
    props.comments = (char *)"curtail " CURTAIL_VERSION_STRING;
    props.created = CU_XLSX_CREATED;
    workbook_set_properties(x.wb, &props);
    rc = make_formats(&x);
    if (rc == CURTAIL_OK && x.public_version) {
        rc = cu_xw_sheet_public(&x);
    } else if (rc == CURTAIL_OK && r->kind == 1) {
        cu_sched_sum ssum;
        rc = cu_sched_sum_compute(r, &ssum);
        if (rc == CURTAIL_OK)
            rc = cu_xw_sheet_segments(&x, &ssum);
        if (rc == CURTAIL_OK)
            rc = sheet_list(&x);
        if (rc == CURTAIL_OK)
            rc = cu_xw_sheet_hourly_emissions(&x);
        if (rc == CURTAIL_OK)
            rc = cu_xw_sheet_hourly_loads(&x);
        if (rc == CURTAIL_OK)
            rc = cu_xw_sheet_sched_annex(&x, &ssum);
        cu_sched_sum_free(&ssum);
    } else if (rc == CURTAIL_OK) {
        cu_summary sum;
        rc = cu_summary_compute(r, &sum);
        if (rc == CURTAIL_OK)
            rc = sheet_summary(&x, &sum);
        if (rc == CURTAIL_OK)
            rc = sheet_list(&x);
        if (rc == CURTAIL_OK)
            rc = sheet_annex(&x, &sum);
        cu_summary_free(&sum);
    }
    if (rc == CURTAIL_OK && !x.public_version)
        rc = sheet_warnings(&x);
    if (rc == CURTAIL_OK && x.tmp.failed)
        rc = CURTAIL_ENOMEM;
    cu_buf_free(&x.tmp);
    le = workbook_close(x.wb); /* frees the workbook whatever happened */
    if (rc == CURTAIL_ENOMEM)
        return cu_enomem(err);
    if (rc != CURTAIL_OK)
        return cu_einval(err, "the result cannot be read back (code %d)", rc);
    if (le != LXW_NO_ERROR)
        return io_fail(err, "cannot write the workbook", lxw_strerror(le));
    return CURTAIL_OK;
}

typedef struct plan_job {
    const curtail_result *r;
    const curtail_write_options *o;
} plan_job;

static int build(void *ctx, const char *path, curtail_error *err)
{
    const plan_job *j = ctx;
    return cu_xlsx_build(j->r, j->o, path, CU_XLSX_MAX_ROWS, CU_XLSX_MAX_COLS, err);
}

/* No temporary file of the atomic writer (standard output, a stream, a
 * device): a scratch file, copied, then removed. The caller's on_temp hook
 * is told of it as of the writer's own temporary file. */
static int via_scratch(cu_xlsx_build_fn build_fn, void *ctx, const curtail_mem *mem,
                       cu_output *out, curtail_error *err)
{
    const char *dir = getenv("TMPDIR");
    char *path;
    size_t dlen;
    sigset_t all, old;
    int fd, e, rc;
    FILE *in;
    cu_buf b;
    if (!dir || !dir[0])
        dir = "/tmp";
    dlen = strlen(dir);
    path = cu_calloc(NULL, dlen + 32, 1);
    if (!path)
        return cu_enomem(err);
    snprintf(path, dlen + 32, "%s/curtail-xlsx-XXXXXX", dir);
    if (out->on_temp) {
        sigfillset(&all);
        pthread_sigmask(SIG_BLOCK, &all, &old);
    }
    fd = mkstemp(path);
    e = errno;
    if (fd >= 0 && out->on_temp)
        out->on_temp(path, out->on_temp_ctx);
    if (out->on_temp)
        pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) {
        static const cu_pos none = {0, 0};
        rc = cu_error(err, CURTAIL_EIO, path, none, NULL, "cannot write: %s", strerror(e));
        cu_free(NULL, path);
        return rc;
    }
    close(fd);
    rc = build_fn(ctx, path, err);
    if (rc == CURTAIL_OK) {
        in = fopen(path, "rb");
        if (!in) {
            rc = io_fail(err, "cannot read back the workbook", strerror(errno));
        } else {
            char chunk[65536];
            size_t got;
            cu_buf_init(&b, mem);
            cu_output_attach(out, &b);
            while (!b.failed && (got = fread(chunk, 1, sizeof chunk, in)) > 0)
                cu_buf_put(&b, chunk, got);
            if (ferror(in))
                rc = io_fail(err, "cannot read back the workbook", "read error");
            fclose(in);
            if (rc == CURTAIL_OK && !b.failed)
                cu_buf_flush(&b);
            if (rc == CURTAIL_OK && b.failed)
                rc = b.sink_err ? io_fail(err, "cannot write", strerror(b.sink_err))
                                : cu_enomem(err);
            cu_buf_free(&b);
        }
    }
    if (out->on_temp) {
        sigfillset(&all);
        pthread_sigmask(SIG_BLOCK, &all, &old);
    }
    (void)unlink(path);
    if (out->on_temp) {
        out->on_temp(NULL, out->on_temp_ctx);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
    }
    cu_free(NULL, path);
    return rc;
}

int cu_xlsx_to_output(cu_xlsx_build_fn build_fn, void *ctx, const curtail_mem *mem,
                      cu_output *out, curtail_error *err)
{
    if (out->tmp)
        return build_fn(ctx, out->tmp, err);
    return via_scratch(build_fn, ctx, mem, out, err);
}

int cu_write_xlsx(const curtail_result *r, const curtail_write_options *o, cu_output *out,
                  curtail_error *err)
{
    plan_job j;
    j.r = r;
    j.o = o;
    return cu_xlsx_to_output(build, &j, r->mem, out, err);
}
