/* SPDX-License-Identifier: GPL-3.0-or-later */
/* write_sweep.h — what a sweep's writers share (write_sweep.c): the table as
 * one view (cases, the cost curve's set, level and pollutant, the language),
 * the cost curve's series, the wording of statuses and columns; and the
 * bureau's formats of a sweep (write_sweep_xlsx.c, write_sweep_html.c).
 * Internal; not installed. */
#ifndef CURTAIL_WRITE_SWEEP_H
#define CURTAIL_WRITE_SWEEP_H

#include "output.h"
#include "sweep.h"

typedef struct cu_sweep_view {
    const curtail_sweep *w;
    int curve;  /* -1, or the set swept for the cost curve */
    int cL, cP; /* its level and pollutant */
    int en;     /* 1: English wording (xlsx, html) */
} cu_sweep_view;

/* The case solved (optimal or targets unmet): it has levels and targets. */
int cu_sweep_solved(const sw_case *c);
/* Level L's status of a solved case, or the case's status: "目标达成",
 * "目标未达成", "无效", "求解失败", "已取消" / "targets met", ... */
const char *cu_sweep_status_text(const sw_case *c, int L, int en);
/* The case's value index of every set (vidx: nsets of them) and its variant. */
size_t cu_sweep_case_values(const curtail_sweep *w, size_t i, size_t *vidx);

/* The cost curve as series: the shard's cases with the same variant and the
 * same values of the other sets form one series, in order of first
 * appearance; ser[i] is case i's series and pt[i] its point (the curve set's
 * value index). ser and pt hold end - first entries each. Returns the number
 * of series, 0 when out of memory. */
size_t cu_sweep_curve_series(const cu_sweep_view *v, size_t *ser, size_t *pt);
/* A series' name: the variant, then "PATH=VALUE" of the other sets. */
void cu_sweep_series_name(const cu_sweep_view *v, size_t case_i, cu_buf *out);

/* The column headings of the comparison table (xlsx and html). */
enum {
    CU_SWH_VARIANT,
    CU_SWH_LEVEL,
    CU_SWH_STATUS,
    CU_SWH_OBJECTIVE,
    CU_SWH_LOST,
    CU_SWH_WEIGHTED,
    CU_SWH_REQUIRED,
    CU_SWH_ACHIEVED,
    CU_SWH_SHORTFALL,
    CU_SWH_MARGINAL,
    CU_SWH_NCHANGED,
    CU_SWH_CHANGED,
    CU_SWH_MESSAGE,
    CU_SWH_N
};
const char *cu_sweep_heading(int which, int en);
/* The title: "NAME — 情景对比" (the scenario's name; without it "情景对比"). */
void cu_sweep_title(const cu_sweep_view *v, cu_buf *out);

int cu_write_sweep_html(const cu_sweep_view *v, cu_buf *out);
int cu_write_sweep_xlsx(const cu_sweep_view *v, cu_output *out, curtail_error *err);

#endif
