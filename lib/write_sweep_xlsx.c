/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * write_sweep_xlsx.c — a sweep as an Excel workbook (issue 12), through
 * libxlsxwriter and write_xlsx.c's machinery (fixed document dates, the
 * atomic writer's temporary file or a scratch file):
 *   情景对比 / Comparison  one row per case and level (one for a case that
 *                         did not solve): variant, the set values (numbers
 *                         where they are numbers), level, status, objective,
 *                         lost value and weighted loss (万元/日), per
 *                         pollutant required / achieved / shortfall (kg/d) and
 *                         marginal cost (yuan per kg/d), the enterprises whose
 *                         loads changed, the message; frozen header, autofilter;
 *   成本曲线 / Cost curve  with a curve: one row per case, grouped by line
 *                         (variant and the other sets' values), the swept
 *                         ratio, status, the curve's target and marginal
 *                         cost, lost value; native line charts of marginal
 *                         cost and lost value against the ratio.
 * Constant-memory mode: every row is written once, in order.
 */
#include "write_sweep.h"

#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

typedef struct sx {
    const cu_sweep_view *v;
    lxw_workbook *wb;
    cu_buf tmp;
    lxw_format *title, *note, *head, *text, *num2, *num4, *num0, *level[CU_NL];
} sx;

static const lxw_color_t level_fill[CU_NL] = {0xFFF2CC, 0xFCE4D6, 0xF4B6B6};

static const char *tmp_text(sx *x)
{
    return x->tmp.len && !x->tmp.failed ? x->tmp.data : "";
}

static lxw_format *fmt(sx *x, int border, const char *num)
{
    lxw_format *f = workbook_add_format(x->wb);
    if (f) {
        format_set_font_size(f, 10);
        if (border)
            format_set_border(f, LXW_BORDER_THIN);
        if (num)
            format_set_num_format(f, num);
    }
    return f;
}

static int formats(sx *x)
{
    int L;
    x->title = fmt(x, 0, NULL);
    x->note = fmt(x, 0, NULL);
    x->head = fmt(x, 1, NULL);
    x->text = fmt(x, 1, NULL);
    x->num2 = fmt(x, 1, "#,##0.00");
    x->num4 = fmt(x, 1, "#,##0.0000");
    x->num0 = fmt(x, 1, "0");
    if (!x->title || !x->note || !x->head || !x->text || !x->num2 || !x->num4 || !x->num0)
        return CURTAIL_ENOMEM;
    format_set_bold(x->title);
    format_set_font_size(x->title, 14);
    format_set_font_color(x->note, 0x595959);
    format_set_bold(x->head);
    format_set_text_wrap(x->head);
    format_set_align(x->head, LXW_ALIGN_CENTER);
    format_set_bg_color(x->head, 0xE7E6E6);
    for (L = 0; L < CU_NL; L++) {
        if (!(x->level[L] = fmt(x, 1, NULL)))
            return CURTAIL_ENOMEM;
        format_set_bg_color(x->level[L], level_fill[L]);
    }
    return CURTAIL_OK;
}

/* A plain decimal ("0.25", "-3", "12.5"): its value, exactly as a reader
 * rounds it (at most 15 digits, a power of ten up to 1e22: one correctly
 * rounded division), without the C library's locale. */
static int plain_number(const char *s, double *out)
{
    double m = 0, scale = 1;
    int digits = 0, neg = 0, frac = 0;
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    if (!*s)
        return 0;
    for (; *s; s++) {
        if (*s == '.' && !frac) {
            frac = 1;
            continue;
        }
        if (*s < '0' || *s > '9' || ++digits > 15)
            return 0;
        m = m * 10 + (*s - '0');
        if (frac)
            scale *= 10;
    }
    if (!digits)
        return 0;
    *out = (neg ? -m : m) / scale;
    return 1;
}

static void put_value(sx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s)
{
    double d;
    if (plain_number(s, &d))
        worksheet_write_number(ws, r, c, d, NULL);
    else
        worksheet_write_string(ws, r, c, s, x->text);
}

static void put_title(sx *x, lxw_worksheet *ws, const char *what)
{
    x->tmp.len = 0;
    cu_sweep_title(x->v, &x->tmp);
    if (what)
        cu_buf_printf(&x->tmp, " — %s", what);
    worksheet_write_string(ws, 0, 0, tmp_text(x), x->title);
    worksheet_set_row(ws, 0, 22, NULL);
}

static int sheet_table(sx *x)
{
    const cu_sweep_view *v = x->v;
    const curtail_sweep *w = v->w;
    const int en = v->en;
    size_t n = w->end - w->first, i, j, vidx[64], *vi = vidx;
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, en ? "Comparison" : "情景对比");
    lxw_row_t row = 3;
    lxw_col_t c, ncols;
    int L, p, k;
    if (!ws)
        return CURTAIL_ENOMEM;
    if (w->nsets > 64 && !(vi = cu_calloc(w->mem, w->nsets, sizeof *vi)))
        return CURTAIL_ENOMEM;
    put_title(x, ws, NULL);
    x->tmp.len = 0;
    cu_buf_printf(&x->tmp,
                  en ? "%zu cases; one row per case and level. Lost value and weighted loss "
                       "per level (the levels never happen on the same day)."
                     : "共 %zu 个情景；每个情景每个预警级别一行。损失产值、加权损失按级别计"
                       "（三个预警级别不会在同一天发生）。",
                  n);
    worksheet_write_string(ws, 1, 0, tmp_text(x), x->note);
    worksheet_set_row(ws, row, 42, NULL);
    c = 0;
    worksheet_write_string(ws, row, c++, cu_sweep_heading(CU_SWH_VARIANT, en), x->head);
    for (j = 0; j < w->nsets; j++)
        worksheet_write_string(ws, row, c++, w->sets[j].path, x->head);
    for (k = CU_SWH_LEVEL; k <= CU_SWH_WEIGHTED; k++)
        worksheet_write_string(ws, row, c++, cu_sweep_heading(k, en), x->head);
    for (p = 0; p < CU_NP; p++)
        for (k = CU_SWH_REQUIRED; k <= CU_SWH_MARGINAL; k++) {
            x->tmp.len = 0;
            cu_buf_printf(&x->tmp, "%s %s", cu_pollutant_label(p, en), cu_sweep_heading(k, en));
            worksheet_write_string(ws, row, c++, tmp_text(x), x->head);
        }
    for (k = CU_SWH_NCHANGED; k <= CU_SWH_MESSAGE; k++)
        worksheet_write_string(ws, row, c++, cu_sweep_heading(k, en), x->head);
    ncols = c;
    worksheet_set_column(ws, 0, (lxw_col_t)w->nsets, 14, NULL);
    worksheet_set_column(ws, (lxw_col_t)(w->nsets + 1), (lxw_col_t)(ncols - 1), 12, NULL);
    worksheet_set_column(ws, (lxw_col_t)(ncols - 2), (lxw_col_t)(ncols - 1), 30, NULL);
    for (i = 0, row++; i < n; i++) {
        const sw_case *cs = &w->cases[i];
        size_t b = cu_sweep_case_values(w, i, vi);
        int solved = cu_sweep_solved(cs), nrows = solved ? CU_NL : 1;
        for (L = 0; L < nrows; L++, row++) {
            const curtail_level_result *lr = &cs->lv[L];
            c = 0;
            worksheet_write_string(ws, row, c++, cu_sweep_variant_name(w, b), x->text);
            for (j = 0; j < w->nsets; j++)
                put_value(x, ws, row, c++, w->sets[j].values[vi[j]]);
            if (solved)
                worksheet_write_string(ws, row, c++, cu_level_label(L, en, 0),
                                       x->level[L]);
            else
                worksheet_write_blank(ws, row, c++, x->text);
            worksheet_write_string(ws, row, c++, cu_sweep_status_text(cs, L, en), x->text);
            if (!solved) {
                c = (lxw_col_t)(ncols - 1);
            } else {
                worksheet_write_number(ws, row, c++, cs->objective / 10000.0, x->num4);
                worksheet_write_number(ws, row, c++, lr->lost_value / 10000.0, x->num4);
                worksheet_write_number(ws, row, c++, lr->weighted_loss / 10000.0, x->num4);
                for (p = 0; p < CU_NP; p++) {
                    worksheet_write_number(ws, row, c++, lr->targets[p].required, x->num2);
                    worksheet_write_number(ws, row, c++, lr->targets[p].achieved, x->num2);
                    worksheet_write_number(ws, row, c++, lr->targets[p].shortfall, x->num2);
                    worksheet_write_number(ws, row, c++, lr->targets[p].shadow_price, x->num2);
                }
                worksheet_write_number(ws, row, c++, (double)cs->nchanged[L], x->num0);
                worksheet_write_string(ws, row, c++, cs->changed[L] ? cs->changed[L] : "",
                                       x->text);
            }
            worksheet_write_string(ws, row, c, cs->message ? cs->message : "", x->text);
        }
    }
    worksheet_freeze_panes(ws, 4, 1);
    worksheet_autofilter(ws, 3, 0, row > 4 ? row - 1 : 4, (lxw_col_t)(ncols - 1));
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_repeat_rows(ws, 3, 3);
    if (vi != vidx)
        cu_free(w->mem, vi);
    return CURTAIL_OK;
}

static int sheet_curve(sx *x)
{
    const cu_sweep_view *v = x->v;
    const curtail_sweep *w = v->w;
    const int en = v->en;
    const char *name = en ? "Cost curve" : "成本曲线";
    const sw_set *cs = &w->sets[v->curve];
    size_t n = w->end - w->first, i, k, s, nser;
    size_t *ser = cu_calloc(w->mem, n + 1, sizeof *ser), *pt = cu_calloc(w->mem, n + 1, sizeof *pt);
    size_t *order = cu_calloc(w->mem, n + 1, sizeof *order), *first = NULL;
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    lxw_row_t row;
    int rc = CURTAIL_ENOMEM, chart, col;
    static const char *const zh_h[] = {"线", "%s", "状态", "减排要求 (kg/d)", "实际减排量 (kg/d)",
                                       "缺口 (kg/d)", "边际成本 (元/(kg/d))", "损失产值 (万元/日)",
                                       "加权损失 (万元/日)"};
    static const char *const en_h[] = {"Line", "%s", "Status", "Required (kg/d)",
                                       "Achieved (kg/d)", "Shortfall (kg/d)",
                                       "Marginal cost (yuan per kg/d)", "Lost value (10k yuan/d)",
                                       "Weighted loss (10k yuan/d)"};
    if (!ws || !ser || !pt || !order)
        goto done;
    nser = n ? cu_sweep_curve_series(v, ser, pt) : 0;
    if (n && !nser)
        goto done;
    if (!(first = cu_calloc(w->mem, nser + 1, sizeof *first)))
        goto done;
    /* the cases grouped by line, each line in point order (a counting sort) */
    for (i = 0; i < n; i++)
        first[ser[i] + 1]++;
    for (s = 0; s < nser; s++)
        first[s + 1] += first[s];
    {
        /* by point first, then (stably) by line */
        size_t *at = cu_calloc(w->mem, nser + 1, sizeof *at);
        size_t *bypt = cu_calloc(w->mem, n + 1, sizeof *bypt);
        size_t *pstart = cu_calloc(w->mem, cs->nvalues + 1, sizeof *pstart);
        if (!at || !bypt || !pstart) {
            cu_free(w->mem, at);
            cu_free(w->mem, bypt);
            cu_free(w->mem, pstart);
            goto done;
        }
        for (i = 0; i < n; i++)
            pstart[pt[i] + 1]++;
        for (k = 0; k < cs->nvalues; k++)
            pstart[k + 1] += pstart[k];
        for (i = 0; i < n; i++)
            bypt[pstart[pt[i]]++] = i;
        memcpy(at, first, (nser + 1) * sizeof *at);
        for (k = 0; k < n; k++)
            order[at[ser[bypt[k]]]++] = bypt[k];
        cu_free(w->mem, at);
        cu_free(w->mem, bypt);
        cu_free(w->mem, pstart);
    }
    x->tmp.len = 0;
    cu_buf_printf(&x->tmp, en ? "%s, %s" : "%s %s", cu_level_label(v->cL, en, 1),
                  cu_pollutant_label(v->cP, en));
    {
        char what[128];
        snprintf(what, sizeof what, "%s", tmp_text(x));
        put_title(x, ws, what);
    }
    worksheet_set_row(ws, 2, 42, NULL);
    for (col = 0; col < 9; col++) {
        x->tmp.len = 0;
        if (col == 1)
            cu_buf_puts(&x->tmp, cs->path);
        else
            cu_buf_puts(&x->tmp, (en ? en_h : zh_h)[col]);
        worksheet_write_string(ws, 2, (lxw_col_t)col, tmp_text(x), x->head);
    }
    worksheet_set_column(ws, 0, 0, 24, NULL);
    worksheet_set_column(ws, 1, 8, 14, NULL);
    for (k = 0, row = 3; k < n; k++, row++) {
        const sw_case *c = &w->cases[order[k]];
        const curtail_level_result *lr = &c->lv[v->cL];
        x->tmp.len = 0;
        cu_sweep_series_name(v, order[k], &x->tmp);
        worksheet_write_string(ws, row, 0, tmp_text(x), x->text);
        put_value(x, ws, row, 1, cs->values[pt[order[k]]]);
        worksheet_write_string(ws, row, 2, cu_sweep_status_text(c, v->cL, en), x->text);
        if (cu_sweep_solved(c)) {
            worksheet_write_number(ws, row, 3, lr->targets[v->cP].required, x->num2);
            worksheet_write_number(ws, row, 4, lr->targets[v->cP].achieved, x->num2);
            worksheet_write_number(ws, row, 5, lr->targets[v->cP].shortfall, x->num2);
            worksheet_write_number(ws, row, 6, lr->targets[v->cP].shadow_price, x->num2);
            worksheet_write_number(ws, row, 7, lr->lost_value / 10000.0, x->num4);
            worksheet_write_number(ws, row, 8, lr->weighted_loss / 10000.0, x->num4);
        }
    }
    worksheet_freeze_panes(ws, 3, 1);
    /* the charts: one line per series, at most 16 */
    for (chart = 0; chart < 2 && n > 0; chart++) {
        lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_LINE);
        lxw_chart_options opt = {0};
        if (!ch)
            goto done;
        chart_title_set_name(ch, chart ? (en ? "Lost value (10k yuan/d)" : "损失产值（万元/日）")
                                       : (en ? "Marginal cost (yuan per kg/d)"
                                             : "边际成本（元/(kg/d)）"));
        for (s = 0; s < nser && s < 16; s++) {
            lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
            lxw_row_t r0 = (lxw_row_t)(3 + first[s]), r1 = (lxw_row_t)(3 + first[s + 1] - 1);
            if (!se)
                goto done;
            chart_series_set_categories(se, name, r0, 1, r1, 1);
            chart_series_set_values(se, name, r0, chart ? 7 : 6, r1, chart ? 7 : 6);
            chart_series_set_name_range(se, name, r0, 0);
            chart_series_set_marker_type(se, LXW_CHART_MARKER_CIRCLE);
        }
        chart_axis_set_name(chart_axis_get(ch, LXW_CHART_AXIS_TYPE_X), cs->path);
        chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
        opt.x_scale = 1.5;
        opt.y_scale = 1.2;
        worksheet_insert_chart_opt(ws, (lxw_row_t)(2 + chart * 18), 10, ch, &opt);
    }
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    rc = CURTAIL_OK;
done:
    cu_free(w->mem, ser);
    cu_free(w->mem, pt);
    cu_free(w->mem, order);
    cu_free(w->mem, first);
    return rc;
}

static int build(void *ctx, const char *path, curtail_error *err)
{
    const cu_sweep_view *v = ctx;
    lxw_workbook_options wo = {0};
    lxw_doc_properties props;
    lxw_error le;
    sx x;
    int rc;
    memset(&x, 0, sizeof x);
    x.v = v;
    wo.constant_memory = LXW_TRUE;
    x.wb = workbook_new_opt(path, &wo);
    if (!x.wb)
        return cu_enomem(err);
    cu_buf_init(&x.tmp, v->w->mem);
    memset(&props, 0, sizeof props);
    props.title = (char *)(curtail_scenario_name(v->w->s) ? curtail_scenario_name(v->w->s) : "");
    props.subject = (char *)(v->en ? "Sweep comparison" : "情景对比");
    props.author = (char *)"curtail";
    props.comments = (char *)"curtail " CURTAIL_VERSION_STRING;
    props.created = CU_XLSX_CREATED;
    workbook_set_properties(x.wb, &props);
    rc = formats(&x);
    if (rc == CURTAIL_OK)
        rc = sheet_table(&x);
    if (rc == CURTAIL_OK && v->curve >= 0)
        rc = sheet_curve(&x);
    if (rc == CURTAIL_OK && x.tmp.failed)
        rc = CURTAIL_ENOMEM;
    cu_buf_free(&x.tmp);
    le = workbook_close(x.wb);
    if (rc != CURTAIL_OK)
        return cu_enomem(err);
    if (le != LXW_NO_ERROR)
        return cu_error(err, CURTAIL_EIO, NULL, (cu_pos){0, 0}, NULL,
                        "cannot write the workbook: %s", lxw_strerror(le));
    return CURTAIL_OK;
}

int cu_write_sweep_xlsx(const cu_sweep_view *v, cu_output *out, curtail_error *err)
{
    return cu_xlsx_to_output(build, (void *)v, v->w->mem, out, err);
}
