/* SPDX-License-Identifier: GPL-3.0-or-later */
/* write_xlsx_schedule.c — a schedule's own sheets of the workbook
 * (write_xlsx.c builds it): 分段汇总 / Segments per day and level, 逐时排放 /
 * Hourly emissions with a line chart, 逐时负荷 / Hourly loads while they fit
 * Excel's limits, 附录 / Annex (the weighted loss and the objective). */
#define _POSIX_C_SOURCE 200809L
#include "write_xlsx.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- schedule ---------------------------------------------------------------------------- */

/* A line of text in column 0 (x->tmp). */
static void put_tmp_line(xw *x, lxw_worksheet *ws, lxw_row_t row)
{
    worksheet_write_string(ws, row, 0, cu_xw_tmp_text(x), x->note);
}

int cu_xw_sheet_segments(xw *x, const cu_sched_sum *s)
{
    const int en = x->en;
    static const char *const zh_a[] = {"日期", "预警级别", "小时数", "状态", "损失产值 (万元)"};
    static const char *const en_a[] = {"Day", "Level", "Hours", "Status",
                                       "Lost output value (10k yuan)"};
    static const char *const zh_b[] = {"日期", "预警级别", "污染物", "全社会排放量 (kg)",
                                       "清单企业排放量 (kg)", "减排要求 (kg)", "实际减排量 (kg)",
                                       "缺口 (kg)", "要求减排比例（占全社会）",
                                       "实际减排比例（占全社会）", "要求减排比例（占清单企业）",
                                       "实际减排比例（占清单企业）"};
    static const char *const en_b[] = {"Day", "Level", "Pollutant", "County total (kg)",
                                       "Listed enterprises (kg)", "Required (kg)",
                                       "Achieved (kg)", "Shortfall (kg)",
                                       "Required, of county total", "Achieved, of county total",
                                       "Required, of listed", "Achieved, of listed"};
    size_t k;
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, en ? "Segments" : "分段汇总");
    lxw_row_t row;
    int c, p;
    if (!ws)
        return CURTAIL_ENOMEM;
    cu_xw_put_title(x, ws, 12, en ? "episode schedule" : "重污染天气过程逐时排程");
    cu_xw_put_status(x, ws, 1, 1);
    worksheet_set_column(ws, 0, 0, 12, NULL);
    worksheet_set_column(ws, 1, 11, 15, NULL);
    row = cu_xw_put_title_block(x, ws, 2) + 1;
    if (s->nseg == 0) {
        worksheet_write_string(ws, row, 0,
                               en ? "No hour of the horizon is under an alert."
                                  : "排程时段内没有预警小时。",
                               x->note);
        cu_xw_print_setup(ws, en);
        return CURTAIL_OK;
    }
    x->tmp.len = 0;
    cu_sched_base_text(s, en, &x->tmp);
    put_tmp_line(x, ws, row++);
    x->tmp.len = 0;
    cu_sched_total_text(s, en, &x->tmp);
    put_tmp_line(x, ws, row++);
    {
        /* the plan's credits and combined rows (issue 10), a line each */
        cu_buf t;
        char *p0, *nl;
        cu_buf_init(&t, x->tmp.mem);
        cu_sched_plan_notes(x->r, s, en, &t);
        if (t.failed)
            x->tmp.failed = 1;
        for (p0 = t.data; !t.failed && t.len && p0 && *p0; p0 = nl + 1) {
            if (!(nl = strchr(p0, '\n')))
                break;
            *nl = '\0';
            worksheet_write_string(ws, row++, 0, p0, x->note);
        }
        cu_buf_free(&t);
    }
    row++;
    worksheet_set_row(ws, row, 30, NULL);
    for (c = 0; c < 5; c++)
        worksheet_write_string(ws, row, (lxw_col_t)c, (en ? en_a : zh_a)[c], x->head);
    for (k = 0, row++; k < s->nseg; k++, row++) {
        const cu_sched_seg *g = &s->seg[k];
        worksheet_write_string(ws, row, 0, g->day, x->text);
        worksheet_write_string(ws, row, 1, cu_level_label(g->level, x->en, 0),
                               x->head_level[g->level]);
        worksheet_write_number(ws, row, 2, g->hours, x->num0);
        worksheet_write_string(ws, row, 3, cu_status_label(g->status, en), x->text);
        worksheet_write_number(ws, row, 4, g->lost_value / 10000.0, x->num2);
    }
    row++;
    worksheet_set_row(ws, row, 45, NULL);
    for (c = 0; c < 12; c++)
        worksheet_write_string(ws, row, (lxw_col_t)c, (en ? en_b : zh_b)[c], x->head);
    for (k = 0, row++; k < s->nseg; k++) {
        const cu_sched_seg *g = &s->seg[k];
        for (p = 0; p < CU_NP; p++, row++) {
            const cu_sum_target *t = &g->t[p];
            worksheet_write_string(ws, row, 0, g->day, x->text);
            worksheet_write_string(ws, row, 1, cu_level_label(g->level, x->en, 0),
                                   x->head_level[g->level]);
            worksheet_write_string(ws, row, 2, cu_xw_pollutant_name(x, p), x->text);
            if (s->has_county)
                worksheet_write_number(ws, row, 3, t->county, x->num2);
            else
                worksheet_write_string(ws, row, 3, "—", x->text);
            worksheet_write_number(ws, row, 4, t->listed, x->num2);
            worksheet_write_number(ws, row, 5, t->required, x->num2);
            worksheet_write_number(ws, row, 6, t->achieved, x->num2);
            worksheet_write_number(ws, row, 7, t->shortfall, x->num2);
            if (s->has_county) {
                worksheet_write_number(ws, row, 8, cu_sum_ratio(t->required, t->county), x->pct);
                worksheet_write_number(ws, row, 9, cu_sum_ratio(t->achieved, t->county), x->pct);
            } else {
                worksheet_write_string(ws, row, 8, "—", x->text);
                worksheet_write_string(ws, row, 9, "—", x->text);
            }
            worksheet_write_number(ws, row, 10, cu_sum_ratio(t->required, t->listed), x->pct);
            worksheet_write_number(ws, row, 11, cu_sum_ratio(t->achieved, t->listed), x->pct);
        }
    }
    cu_xw_print_setup(ws, en);
    return CURTAIL_OK;
}

/* 附录 / Annex: the weighted loss per segment, the objective, and why no
 * marginal costs (sched_summary.h). */
int cu_xw_sheet_sched_annex(xw *x, const cu_sched_sum *s)
{
    const int en = x->en;
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, en ? "Annex" : "附录");
    lxw_row_t row = 2;
    double outside = cu_sched_lost_outside(s), woutside = cu_sched_weighted_outside(s);
    size_t k;
    if (!ws)
        return CURTAIL_ENOMEM;
    cu_xw_put_title(x, ws, 5, en ? "annex: weighted loss and the objective"
                                 : "附录：加权损失与目标函数");
    worksheet_set_column(ws, 0, 0, 14, NULL);
    worksheet_set_column(ws, 1, 4, 18, NULL);
    x->tmp.len = 0;
    cu_sched_annex_text(s, 0, en, &x->tmp);
    put_tmp_line(x, ws, row++);
    row++;
    worksheet_set_row(ws, row, 30, NULL);
    worksheet_write_string(ws, row, 0, en ? "Day" : "日期", x->head);
    worksheet_write_string(ws, row, 1, en ? "Level" : "预警级别", x->head);
    worksheet_write_string(ws, row, 2, en ? "Hours" : "小时数", x->head);
    worksheet_write_string(ws, row, 3, en ? "Lost output value (10k yuan)" : "损失产值 (万元)",
                           x->head);
    worksheet_write_string(ws, row, 4, en ? "Weighted loss (10k yuan)" : "加权损失 (万元)",
                           x->head);
    for (k = 0, row++; k < s->nseg; k++, row++) {
        const cu_sched_seg *g = &s->seg[k];
        worksheet_write_string(ws, row, 0, g->day, x->text);
        worksheet_write_string(ws, row, 1, cu_level_label(g->level, x->en, 0),
                               x->head_level[g->level]);
        worksheet_write_number(ws, row, 2, g->hours, x->num0);
        worksheet_write_number(ws, row, 3, g->lost_value / 10000.0, x->num2);
        worksheet_write_number(ws, row, 4, g->weighted_loss / 10000.0, x->num2);
    }
    if (outside != 0.0 || woutside != 0.0) {
        worksheet_write_string(ws, row, 0,
                               en ? "outside the alerts (coke ovens changing load)"
                                  : "预警时段以外（焦炉逐步调整负荷）",
                               x->text);
        worksheet_write_number(ws, row, 3, outside / 10000.0, x->num2);
        worksheet_write_number(ws, row, 4, woutside / 10000.0, x->num2);
        row++;
    }
    worksheet_write_string(ws, row, 0, en ? "Total" : "合计", x->head);
    worksheet_write_number(ws, row, 3, s->lost_total / 10000.0, x->num2);
    worksheet_write_number(ws, row, 4, s->weighted_total / 10000.0, x->num2);
    row += 2;
    x->tmp.len = 0;
    cu_sched_annex_text(s, 1, en, &x->tmp);
    put_tmp_line(x, ws, row++);
    x->tmp.len = 0;
    cu_sched_annex_text(s, 2, en, &x->tmp);
    put_tmp_line(x, ws, row++);
    cu_xw_print_setup(ws, en);
    return CURTAIL_OK;
}

int cu_xw_sheet_hourly_emissions(xw *x)
{
    const curtail_result *r = x->r;
    const int en = x->en;
    const char *name = en ? "Hourly emissions" : "逐时排放";
    size_t t, hours = curtail_result_hour_count(r);
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    lxw_chart *ch;
    int p;
    if (!ws)
        return CURTAIL_ENOMEM;
    cu_xw_put_title(x, ws, 6, en ? "hourly emissions of the listed enterprises (kg per hour)"
                           : "清单企业逐时排放量（kg/小时）");
    worksheet_set_row(ws, 2, 30, NULL);
    worksheet_write_string(ws, 2, 0, en ? "Hour" : "时间", x->head);
    worksheet_write_string(ws, 2, 1, en ? "Level" : "预警级别", x->head);
    for (p = 0; p < CU_NP; p++) {
        x->tmp.len = 0;
        cu_buf_printf(&x->tmp, "%s (kg)", cu_xw_pollutant_name(x, p));
        worksheet_write_string(ws, 2, (lxw_col_t)(2 + p), cu_xw_tmp_text(x), x->head);
    }
    worksheet_set_column(ws, 0, 0, 17, NULL);
    worksheet_set_column(ws, 1, 5, 12, NULL);
    for (t = 0; t < hours && t + 3 < x->max_rows; t++) {
        double e[CU_NP];
        char label[32];
        int L = curtail_result_hour_level(r, t);
        lxw_row_t row = (lxw_row_t)(3 + t);
        curtail_result_hour_label(r, t, label, sizeof label, NULL);
        label[10] = ' ';
        worksheet_write_string(ws, row, 0, label, x->text);
        if (L >= 0)
            worksheet_write_string(ws, row, 1, cu_level_label(L, x->en, 0), x->head_level[L]);
        else
            worksheet_write_blank(ws, row, 1, x->text);
        cu_hour_emissions(r, t, e);
        for (p = 0; p < CU_NP; p++)
            worksheet_write_number(ws, row, (lxw_col_t)(2 + p), e[p], x->num2);
    }
    worksheet_freeze_panes(ws, 3, 1);
    cu_xw_print_setup(ws, en);
    if (hours == 0 || hours + 3 > x->max_rows)
        return CURTAIL_OK;
    ch = workbook_add_chart(x->wb, LXW_CHART_LINE);
    if (!ch)
        return CURTAIL_ENOMEM;
    chart_title_set_name(ch, en ? "Hourly emissions (kg)" : "逐时排放量（kg）");
    for (p = 0; p < CU_NP; p++) {
        lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
        if (!s)
            return CURTAIL_ENOMEM;
        chart_series_set_categories(s, name, 3, 0, (lxw_row_t)(2 + hours), 0);
        chart_series_set_values(s, name, 3, (lxw_col_t)(2 + p), (lxw_row_t)(2 + hours),
                                (lxw_col_t)(2 + p));
        chart_series_set_name_range(s, name, 2, (lxw_col_t)(2 + p));
    }
    chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    {
        lxw_chart_options opt = {0};
        opt.x_scale = 2.0;
        opt.y_scale = 1.3;
        worksheet_insert_chart_opt(ws, 2, 7, ch, &opt);
    }
    return CURTAIL_OK;
}

int cu_xw_sheet_hourly_loads(xw *x)
{
    const curtail_result *r = x->r;
    const int en = x->en;
    size_t u, t, n = curtail_result_unit_count(r), hours = curtail_result_hour_count(r);
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, en ? "Hourly loads" : "逐时负荷");
    const lxw_row_t body = 3;
    const size_t fixed = 4;
    if (!ws)
        return CURTAIL_ENOMEM;
    if (n + body > x->max_rows || hours + fixed > x->max_cols) {
        cu_xw_put_title(x, ws, 1, en ? "hourly loads" : "逐时负荷");
        x->tmp.len = 0;
        cu_buf_printf(&x->tmp,
                      en ? "The hourly loads are %zu units × %zu hours: more than an Excel sheet "
                           "holds (1 048 576 rows × 16 384 columns, one row per unit and one "
                           "column per hour), so they are not written here. Use --format csv "
                           "or json for them."
                         : "逐时负荷共 %zu 个生产单元 × %zu 小时，超出 Excel 工作表上限"
                           "（1 048 576 行 × 16 384 列；每个单元一行、每小时一列），未写入本表；"
                           "请使用 --format csv 或 json 获取逐时负荷。",
                      n, hours);
        worksheet_write_string(ws, 1, 0, cu_xw_tmp_text(x), x->bold);
        return CURTAIL_OK;
    }
    cu_xw_put_title(x, ws, 1, en ? "hourly loads (% of capacity)" : "逐时负荷（占产能百分比）");
    worksheet_write_string(ws, 1, 0, en ? "No." : "序号", x->head);
    worksheet_write_string(ws, 1, 1, en ? "Enterprise" : "企业名称", x->head);
    worksheet_write_string(ws, 1, 2, en ? "Unit" : "生产单元", x->head);
    worksheet_write_string(ws, 1, 3, en ? "Base load" : "基准负荷", x->head);
    for (t = 0; t < hours; t++) {
        int L = curtail_result_hour_level(r, t);
        worksheet_write_string(ws, 1, (lxw_col_t)(fixed + t),
                               L >= 0 ? cu_level_label(L, x->en, 0) : "—",
                               x->hour_level[L >= 0 ? L : CU_NL]);
    }
    worksheet_write_blank(ws, 2, 0, x->head);
    worksheet_write_blank(ws, 2, 1, x->head);
    worksheet_write_blank(ws, 2, 2, x->head);
    worksheet_write_blank(ws, 2, 3, x->head);
    for (t = 0; t < hours; t++) {
        char label[32];
        int L = curtail_result_hour_level(r, t);
        cu_hour_label_short(r, t, label, sizeof label);
        worksheet_write_string(ws, 2, (lxw_col_t)(fixed + t), label,
                               x->hour_level[L >= 0 ? L : CU_NL]);
    }
    worksheet_set_row(ws, 2, 30, NULL);
    worksheet_set_column(ws, 0, 0, 6, NULL);
    worksheet_set_column(ws, 1, 1, 22, NULL);
    worksheet_set_column(ws, 2, 2, 16, NULL);
    worksheet_set_column(ws, 3, (lxw_col_t)(fixed + hours - 1), 8, NULL);
    for (u = 0; u < n; u++) {
        cu_unit_info ui;
        const curtail_unit_spec *unit = &ui.u;
        const curtail_enterprise_spec *e = &ui.e;
        const double *load = curtail_result_unit_loads(r, u);
        lxw_row_t row = body + (lxw_row_t)u;
        if (!load || cu_unit_info_get(r, u, &ui) != CURTAIL_OK)
            return CURTAIL_EINVAL;
        worksheet_write_number(ws, row, 0, (double)(u + 1), x->num0);
        worksheet_write_string(ws, row, 1, e->name ? e->name : e->id, x->text);
        worksheet_write_string(ws, row, 2, unit->name ? unit->name : unit->id, x->text);
        worksheet_write_number(ws, row, 3, r->gv.b[r->gv.unit_group[u]], x->pct);
        for (t = 0; t < hours; t++)
            worksheet_write_number(ws, row, (lxw_col_t)(fixed + t), load[t], x->pct);
    }
    worksheet_freeze_panes(ws, body, (lxw_col_t)fixed);
    worksheet_repeat_rows(ws, 1, 2);
    cu_xw_print_setup(ws, en);
    return CURTAIL_OK;
}
