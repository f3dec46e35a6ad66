/* SPDX-License-Identifier: GPL-3.0-or-later */
/* write_xlsx_schedule.c — a schedule's own sheets of the workbook
 * (write_xlsx.c builds it): 分段汇总 / Segments per day and level, 逐时排放 /
 * Hourly emissions with a line chart, 逐时负荷 / Hourly loads while they fit
 * Excel's limits. */
#define _POSIX_C_SOURCE 200809L
#include "write_xlsx.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- schedule ---------------------------------------------------------------------------- */

int cu_xw_sheet_segments(xw *x)
{
    const curtail_result *r = x->r;
    const int en = x->en;
    static const char *const zh_a[] = {"日期", "预警级别", "小时数", "状态", "损失产值 (万元)",
                                       "加权损失 (万元)"};
    static const char *const en_a[] = {"Day", "Level", "Hours", "Status",
                                       "Lost value (10k yuan)", "Weighted loss (10k yuan)"};
    static const char *const zh_b[] = {"日期", "预警级别", "污染物", "基准排放量 (kg)",
                                       "减排要求 (kg)", "实际减排量 (kg)", "实际减排比例",
                                       "缺口 (kg)"};
    static const char *const en_b[] = {"Day", "Level", "Pollutant", "Baseline (kg)",
                                       "Required (kg)", "Achieved (kg)", "Achieved ratio",
                                       "Shortfall (kg)"};
    size_t k, nseg = curtail_result_segment_count(r);
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, en ? "Segments" : "分段汇总");
    lxw_row_t row;
    int c, p;
    if (!ws)
        return CURTAIL_ENOMEM;
    cu_xw_put_title(x, ws, 8, en ? "episode schedule" : "重污染天气过程逐时排程");
    cu_xw_put_status(x, ws, 1, 1);
    worksheet_set_column(ws, 0, 0, 12, NULL);
    worksheet_set_column(ws, 1, 7, 15, NULL);
    row = cu_xw_put_title_block(x, ws, 2) + 1;
    if (nseg == 0) {
        worksheet_write_string(ws, row, 0,
                               en ? "No hour of the horizon is under an alert."
                                  : "排程时段内没有预警小时。",
                               x->note);
        cu_xw_print_setup(ws, en);
        return CURTAIL_OK;
    }
    worksheet_set_row(ws, row, 30, NULL);
    for (c = 0; c < 6; c++)
        worksheet_write_string(ws, row, (lxw_col_t)c, (en ? en_a : zh_a)[c], x->head);
    for (k = 0, row++; k < nseg; k++, row++) {
        curtail_segment_result sg;
        int rc = curtail_result_segment(r, k, &sg, NULL);
        if (rc != CURTAIL_OK)
            return rc;
        worksheet_write_string(ws, row, 0, sg.day, x->text);
        worksheet_write_string(ws, row, 1, cu_xw_level_name(x, sg.level), x->head_level[sg.level]);
        worksheet_write_number(ws, row, 2, sg.hours, x->num0);
        worksheet_write_string(ws, row, 3,
                               sg.status == CURTAIL_TARGETS_UNMET
                                   ? (en ? "targets not met" : "目标未达成")
                                   : (en ? "targets met" : "目标达成"),
                               x->text);
        worksheet_write_number(ws, row, 4, sg.lost_value / 10000.0, x->num2);
        worksheet_write_number(ws, row, 5, sg.weighted_loss / 10000.0, x->num2);
    }
    row++;
    worksheet_set_row(ws, row, 30, NULL);
    for (c = 0; c < 8; c++)
        worksheet_write_string(ws, row, (lxw_col_t)c, (en ? en_b : zh_b)[c], x->head);
    for (k = 0, row++; k < nseg; k++) {
        curtail_segment_result sg;
        int rc = curtail_result_segment(r, k, &sg, NULL);
        if (rc != CURTAIL_OK)
            return rc;
        for (p = 0; p < CU_NP; p++, row++) {
            const curtail_target *t = &sg.targets[p];
            worksheet_write_string(ws, row, 0, sg.day, x->text);
            worksheet_write_string(ws, row, 1, cu_xw_level_name(x, sg.level), x->head_level[sg.level]);
            worksheet_write_string(ws, row, 2, cu_xw_pollutant_name(x, p), x->text);
            worksheet_write_number(ws, row, 3, t->baseline, x->num2);
            worksheet_write_number(ws, row, 4, t->required, x->num2);
            worksheet_write_number(ws, row, 5, t->achieved, x->num2);
            worksheet_write_number(ws, row, 6, cu_xw_ratio(t->achieved, t->baseline), x->pct);
            worksheet_write_number(ws, row, 7, t->shortfall, x->num2);
        }
    }
    cu_xw_print_setup(ws, en);
    return CURTAIL_OK;
}

/* "MM-DD HH:00" of hour t. */
static void hour_label(const curtail_result *r, size_t t, char *buf, size_t n)
{
    char full[32];
    curtail_result_hour_label(r, t, full, sizeof full, NULL);
    snprintf(buf, n, "%.5s %.5s", full + 5, full + 11);
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
            worksheet_write_string(ws, row, 1, cu_xw_level_name(x, L), x->head_level[L]);
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
                               L >= 0 ? cu_xw_level_name(x, L) : "—",
                               x->hour_level[L >= 0 ? L : CU_NL]);
    }
    worksheet_write_blank(ws, 2, 0, x->head);
    worksheet_write_blank(ws, 2, 1, x->head);
    worksheet_write_blank(ws, 2, 2, x->head);
    worksheet_write_blank(ws, 2, 3, x->head);
    for (t = 0; t < hours; t++) {
        char label[32];
        int L = curtail_result_hour_level(r, t);
        hour_label(r, t, label, sizeof label);
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
