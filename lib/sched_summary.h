/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sched_summary.h — the facts of a schedule's summary (issue 9 item 3 for
 * the schedule, review P1-5), computed once from the result and read by the
 * Markdown, HTML and xlsx writers: per segment (day × level) the county
 * total and the listed enterprises' emissions over its hours as two
 * quantities, required, achieved, shortfall (kg over the segment) and the
 * ratios against both (summary.h's cu_sum_target); lost output value per
 * segment and over the horizon (the segments happen one after the other, so
 * they add up); and the annex on the weighted loss and the objective, with
 * the plan's wording where it is the same (cu_sum_annex_text). Internal. */
#ifndef CURTAIL_SCHED_SUMMARY_H
#define CURTAIL_SCHED_SUMMARY_H

#include "summary.h"

typedef struct cu_sched_seg {
    char day[11]; /* "YYYY-MM-DD" */
    int level, hours, status;
    double lost_value, weighted_loss; /* yuan over the segment's hours */
    cu_sum_target t[CU_NP];           /* kg over the segment's hours; marginal 0 */
} cu_sched_seg;

typedef struct cu_sched_sum {
    int has_county; /* targets.base: totals */
    size_t nseg;
    cu_sched_seg *seg;
    /* over every hour of the horizon (the ramps before and after an alert
     * too) and over the segments' hours only; yuan */
    double lost_total, weighted_total, lost_segments, weighted_segments;
    cu_summary weights; /* only its grade weights are set (for cu_sum_annex_text) */
    const curtail_mem *mem;
} cu_sched_sum;

/* The summary of schedule r: CURTAIL_OK, CURTAIL_ENOMEM or a read-back's
 * code; cu_sched_sum_free after either. */
int cu_sched_sum_compute(const curtail_result *r, cu_sched_sum *s);
void cu_sched_sum_free(cu_sched_sum *s);

/* "状态：减排目标全部达成。" / "Status: all targets met." (no objective: the annex). */
void cu_sched_status_text(const curtail_result *r, int en, cu_buf *out);
/* The bases of the segments' targets, and that amounts are over each
 * segment's hours. */
void cu_sched_base_text(const cu_sched_sum *s, int en, cu_buf *out);
/* The horizon's lost output value in 万元, and why it may be added up. */
void cu_sched_total_text(const cu_sched_sum *s, int en, cu_buf *out);
/* A segment's "状态：目标达成；损失产值 14.78 万元。" */
void cu_sched_seg_status_text(const cu_sched_seg *g, int en, cu_buf *out);
/* The plan's credits and combined rows at the levels of the segments, one
 * sentence each ending in "\n" ("橙色预警：SO2+NOx 减排比例之和不低于 60.00%，…；
 * 实际 49.02%，缺口 5.52%。"), without marginal costs; nothing when the
 * scenario has neither. A lead sentence first (they are per day). */
void cu_sched_plan_notes(const curtail_result *r, const cu_sched_sum *s, int en, cu_buf *out);
/* The annex's paragraphs: 0 the weighted loss and the grade weights (the
 * plan's words), 1 the objective over the horizon, 2 why no marginal costs. */
#define CU_SCHED_ANNEX_N 3
void cu_sched_annex_text(const cu_sched_sum *s, int which, int en, cu_buf *out);
/* Lost value and weighted loss outside the segments (coke ovens ramping
 * before or after an alert), yuan; 0 when there is none worth showing. */
double cu_sched_lost_outside(const cu_sched_sum *s);
double cu_sched_weighted_outside(const cu_sched_sum *s);

#endif
