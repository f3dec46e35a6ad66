/* SPDX-License-Identifier: GPL-3.0-or-later */
/* write_html.h — private to write_html.c (the page: head, summaries, the
 * list) and write_html_charts.c (its SVG charts): the page in progress and
 * the helpers both use. */
#ifndef CURTAIL_WRITE_HTML_H
#define CURTAIL_WRITE_HTML_H

#include "report.h"
#include "svg.h"

typedef struct hw {
    const curtail_result *r;
    cu_buf *out;
    int lang, en;
} hw;

/* small helpers of both files */
static inline void puts_(hw *h, const char *s)
{
    cu_buf_puts(h->out, s);
}

static inline const char *pollutant_name(const hw *h, int p)
{
    return cu_pollutant_label(p, h->en);
}

/* write_html_charts.c: target ratios per level, reductions by industry or
 * grade, a schedule's hourly charts */
int cu_hw_put_target_charts(hw *h);
void cu_hw_put_sum_charts(hw *h, const cu_report_sums *sums, int by_grade);
int cu_hw_put_schedule_charts(hw *h);

#endif
