/* SPDX-License-Identifier: GPL-3.0-or-later */
/* write_xlsx_public.c — the public version of the list (公示版) as one
 * worksheet: the title (…（公示版）), what the version leaves out, then one
 * row per unit with the columns of write_public.c: enterprise, credit code,
 * town, industry, grade, unit, capacity (a number in its stated unit, then
 * the unit: cu_xw_capacity), base load, and per level the load, the measure
 * and the transport measure. No emissions, reductions, money or reasons. */
#include "write_xlsx.h"


static double col_width(cu_list_field f)
{
    switch (f) {
    case CU_COL_NO:
        return 6;
    case CU_COL_ENTERPRISE:
        return 24;
    case CU_COL_CREDIT_CODE:
        return 21;
    case CU_COL_UNIT:
        return 16;
    case CU_COL_MEASURE:
        return 34;
    case CU_COL_TRANSPORT:
        return 24;
    default:
        return 10;
    }
}

int cu_xw_sheet_public(xw *x)
{
    const curtail_result *r = x->r;
    const int en = x->en;
    size_t u, i, n = curtail_result_unit_count(r);
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, en ? "List" : "清单");
    const lxw_row_t body = 3;
    const int ncols = (int)CU_LIST_NCOLS_PUBLIC + 1; /* + the capacity's unit */
    if (!ws)
        return CURTAIL_ENOMEM;
    cu_xw_put_title(x, ws, ncols, en ? "list (one enterprise, one policy)" : "一企一策清单");
    worksheet_write_string(ws, 1, 0,
                           en ? "Public version: without emissions, reductions or economic figures."
                              : "公示版：不含排放量、减排量和经济指标。",
                           x->note);
    if (n + body > x->max_rows) {
        cu_xw_list_too_long(x, ws, 2, n);
        return CURTAIL_OK;
    }
    worksheet_set_row(ws, 2, 30, NULL);
    for (i = 0; i < CU_LIST_NCOLS_PUBLIC; i++) {
        cu_list_col c = cu_list_column_public(i);
        x->tmp.len = 0;
        cu_list_header(&x->tmp, c, en);
        worksheet_write_string(ws, 2, cu_xw_list_col(i), cu_xw_tmp_text(x),
                               c.field == CU_COL_LOAD || c.field == CU_COL_MEASURE ||
                                       c.field == CU_COL_TRANSPORT
                                   ? x->head_level[c.level]
                                   : x->head);
        worksheet_set_column(ws, cu_xw_list_col(i), cu_xw_list_col(i), col_width(c.field), NULL);
        if (c.field == CU_COL_CAPACITY) {
            worksheet_write_string(ws, 2, cu_xw_list_col(i) + 1,
                                   en ? "Capacity unit" : "产能单位", x->head);
            worksheet_set_column(ws, cu_xw_list_col(i) + 1, cu_xw_list_col(i) + 1, 10, NULL);
        }
    }
    for (u = 0; u < n; u++) {
        cu_list_row row;
        lxw_row_t rr = body + (lxw_row_t)u;
        int rc = cu_list_row_init(r, u, &row);
        if (rc != CURTAIL_OK)
            return rc;
        for (i = 0; i < CU_LIST_NCOLS_PUBLIC; i++) {
            cu_list_col c = cu_list_column_public(i);
            lxw_col_t cc = cu_xw_list_col(i);
            if (c.field == CU_COL_CAPACITY)
                cu_xw_capacity(x, ws, rr, cc, &row);
            else if (c.field == CU_COL_BASE_LOAD)
                worksheet_write_number(ws, rr, cc, row.ur[0].base_load, x->pct);
            else if (c.field == CU_COL_LOAD || c.field == CU_COL_NO)
                worksheet_write_number(ws, rr, cc, cu_list_value(r, &row, c),
                                       c.field == CU_COL_LOAD ? x->pct : x->num0);
            else {
                x->tmp.len = 0;
                cu_list_cell(&x->tmp, r, &row, c, x->lang);
                if (x->tmp.failed)
                    return CURTAIL_ENOMEM;
                worksheet_write_string(ws, rr, cc, cu_xw_tmp_text(x),
                                       c.field == CU_COL_CREDIT_CODE ? x->code
                                       : c.field == CU_COL_MEASURE ||
                                               c.field == CU_COL_TRANSPORT
                                           ? x->wrap
                                           : x->text);
            }
        }
    }
    worksheet_freeze_panes(ws, body, 2);
    worksheet_autofilter(ws, 2, 0, (lxw_row_t)(body + (n ? n : 1) - 1),
                         (lxw_col_t)(ncols - 1));
    worksheet_repeat_rows(ws, 2, 2);
    cu_xw_print_setup(ws, en);
    return CURTAIL_OK;
}
