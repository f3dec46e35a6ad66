/* SPDX-License-Identifier: GPL-3.0-or-later */
/* write_xlsx.h — private to write_xlsx.c (the workbook, the plan's sheets)
 * and write_xlsx_schedule.c (the schedule's sheets): the workbook in
 * progress, its formats and the helpers both use. */
#ifndef CURTAIL_WRITE_XLSX_H
#define CURTAIL_WRITE_XLSX_H

#include "report.h"
#include "sched_summary.h"

#include <xlsxwriter.h>

typedef struct xw {
    const curtail_result *r;
    lxw_workbook *wb;
    int lang, en;
    cu_buf tmp; /* scratch text */
    size_t max_rows, max_cols; /* Excel's limits (smaller in tests) */
    int public_version;        /* the 公示版 (write_xlsx_public.c) */
    lxw_format *title, *bold, *note, *head, *head_level[CU_NL], *text, *wrap, *code, *num2,
        *num0, *pct, *general, *hour_level[CU_NL + 1];
} xw;

/* write_xlsx.c */
/* NUL-terminated text of the scratch buffer ("" when empty or failed). */
const char *cu_xw_tmp_text(xw *x);
const char *cu_xw_pollutant_name(const xw *x, int p);
/* Row 0: the title, merged over `cols` columns. */
void cu_xw_put_title(xw *x, lxw_worksheet *ws, int cols, const char *what);
void cu_xw_print_setup(lxw_worksheet *ws, int en);
/* "状态：…" line of a plan or schedule. */
void cu_xw_put_status(xw *x, lxw_worksheet *ws, lxw_row_t row, int schedule);
/* The title block (the scenario's note and compiled_by) from `row` on, one
 * line each; the next free row. */
lxw_row_t cu_xw_put_title_block(xw *x, lxw_worksheet *ws, lxw_row_t row);

/* write_xlsx_public.c: the public version's one sheet (公示版) */
int cu_xw_sheet_public(xw *x);
/* The list sheets' capacity (write_xlsx.c): the number in its stated unit at
 * (rr, cc) and its unit (吨/小时 …) at (rr, cc + 1), the 产能单位 column that
 * follows the capacity (list column CU_XW_CAPACITY_COL) in both workbooks. */
#define CU_XW_CAPACITY_COL 7
void cu_xw_capacity(xw *x, lxw_worksheet *ws, lxw_row_t rr, lxw_col_t cc, const cu_list_row *row);
/* The workbook's column of list column i: after the capacity, one more for its unit. */
lxw_col_t cu_xw_list_col(size_t i);
/* A list of n units too long for a sheet: the sentence that says so, in row `row`. */
void cu_xw_list_too_long(xw *x, lxw_worksheet *ws, lxw_row_t row, size_t n);

/* write_xlsx_schedule.c: 分段汇总, 逐时排放, 逐时负荷, 附录 */
int cu_xw_sheet_segments(xw *x, const cu_sched_sum *s);
int cu_xw_sheet_sched_annex(xw *x, const cu_sched_sum *s);
int cu_xw_sheet_hourly_emissions(xw *x);
int cu_xw_sheet_hourly_loads(xw *x);

#endif
