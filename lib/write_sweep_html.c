/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * write_sweep_html.c — a sweep as one self-contained HTML page (issue 12):
 * the report's head and CSS (write_html.c: inline, A4 landscape, nothing
 * fetched), a title block (cases, the swept sets), with a cost curve two
 * SVG line charts (svg.c) of the swept ratio — the curve's marginal cost
 * (yuan per kg/d) and the level's lost value (10k yuan/d), one line per
 * variant and combination of the other sets — then the comparison table,
 * one row per case and level. Pollutants no case has a target or a
 * reduction for are left out of the table (a note says so). Numbers go
 * through the locale-free formatter; text is escaped.
 */
#include "write_sweep.h"

#include "report.h"
#include "svg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const series_color[] = {"#4e79a7", "#e15759", "#59a14f", "#f28e2b",
                                           "#b07aa1", "#76b7b2", "#9c755f", "#edc948"};
#define NCOLORS (sizeof series_color / sizeof series_color[0])
#define MAX_LINES 16 /* lines drawn per chart; the table has every case */

static void td_num(cu_buf *b, double v, int decimals)
{
    cu_buf_puts(b, "<td class=\"n\">");
    cu_put_fixed(b, v, decimals);
    cu_buf_puts(b, "</td>");
}

static void td_text(cu_buf *b, const char *s)
{
    cu_buf_puts(b, "<td>");
    cu_xml_text(b, s);
    cu_buf_puts(b, "</td>");
}

/* The two charts of the cost curve. */
static int put_curve(const cu_sweep_view *v, cu_buf *b)
{
    const curtail_sweep *w = v->w;
    const sw_set *cs = &w->sets[v->curve];
    size_t n = w->end - w->first, npt = cs->nvalues, i, k, nser, nlines;
    size_t *ser = cu_calloc(w->mem, n + 1, sizeof *ser), *pt = cu_calloc(w->mem, n + 1, sizeof *pt);
    double *mc = NULL, *lost = NULL;
    cu_buf names;
    size_t name_at[MAX_LINES];
    cu_svg_series s[2][MAX_LINES];
    int rc = CURTAIL_ENOMEM, chart;
    cu_buf_init(&names, w->mem);
    if (!ser || !pt)
        goto done;
    nser = n ? cu_sweep_curve_series(v, ser, pt) : 0;
    if (n && !nser)
        goto done;
    nlines = nser < MAX_LINES ? nser : MAX_LINES;
    mc = cu_calloc(w->mem, nlines * npt + 1, sizeof *mc);
    lost = cu_calloc(w->mem, nlines * npt + 1, sizeof *lost);
    if (!mc || !lost)
        goto done;
    for (k = 0; k < nlines * npt; k++)
        mc[k] = lost[k] = NAN;
    for (k = 0; k < nlines; k++)
        name_at[k] = (size_t)-1;
    for (i = 0; i < n; i++) {
        const sw_case *c = &w->cases[i];
        if (ser[i] >= nlines)
            continue;
        if (name_at[ser[i]] == (size_t)-1) {
            name_at[ser[i]] = names.len;
            cu_sweep_series_name(v, i, &names);
            cu_buf_put(&names, "", 1);
        }
        if (cu_sweep_solved(c)) {
            mc[ser[i] * npt + pt[i]] = c->lv[v->cL].targets[v->cP].shadow_price;
            lost[ser[i] * npt + pt[i]] = c->lv[v->cL].lost_value / 10000.0;
        }
    }
    if (names.failed)
        goto done;
    cu_buf_puts(b, v->en ? "<section>\n<h2>Cost curve</h2>\n" : "<section>\n<h2>成本曲线</h2>\n");
    cu_buf_puts(b, "<p class=\"note\">");
    cu_buf_printf(b, v->en ? "%s, %s: the marginal cost of the reduction target (the "
                             "weighted loss of one more kg/d) and the lost value, against "
                  : "%s %s：减排目标的边际成本（多减 1 kg/d 的加权损失）与损失产值，随 ",
                  cu_level_label(v->cL, v->en, 1),
                  cu_pollutant_label(v->cP, v->en));
    cu_xml_text(b, cs->path);
    cu_buf_puts(b, v->en ? "." : " 变化。");
    if (nser > nlines)
        cu_buf_printf(b, v->en ? " The first %zu of %zu lines are drawn; the table has all."
                               : "图中仅画出前 %zu 条（共 %zu 条），全部数据见下表。",
                      nlines, nser);
    cu_buf_puts(b, "</p>\n<div class=\"charts\">\n");
    for (chart = 0; chart < 2; chart++) {
        cu_svg_chart ch;
        for (k = 0; k < nlines; k++) {
            s[chart][k].name = names.data + name_at[k];
            s[chart][k].color = series_color[k % NCOLORS];
            s[chart][k].v = (chart ? lost : mc) + k * npt;
        }
        memset(&ch, 0, sizeof ch);
        ch.kind = CU_SVG_LINES;
        ch.width = 540;
        ch.height = 300;
        ch.title = chart ? (v->en ? "Lost value" : "损失产值")
                         : (v->en ? "Marginal cost" : "边际成本");
        ch.unit = chart ? (v->en ? "10k yuan/d" : "万元/日") : (v->en ? "yuan per kg/d" : "元/(kg/d)");
        ch.n = npt;
        ch.cat = (const char *const *)cs->values;
        ch.nseries = nlines;
        ch.series = s[chart];
        ch.id = chart ? "lost" : "mc";
        ch.gaps = 1;
        cu_buf_puts(b, "<figure>");
        cu_svg_write(b, &ch);
        cu_buf_puts(b, "</figure>\n");
    }
    cu_buf_puts(b, "</div>\n</section>\n");
    rc = CURTAIL_OK;
done:
    cu_free(w->mem, ser);
    cu_free(w->mem, pt);
    cu_free(w->mem, mc);
    cu_free(w->mem, lost);
    cu_buf_free(&names);
    return rc;
}

int cu_write_sweep_html(const cu_sweep_view *v, cu_buf *b)
{
    const curtail_sweep *w = v->w;
    const int en = v->en;
    size_t n = w->end - w->first, i, j, vidx[64], *vi = vidx;
    int used[CU_NP] = {0}, p, L, rc = CURTAIL_OK, left_out = 0;
    cu_buf t;
    if (w->nsets > 64 && !(vi = cu_calloc(w->mem, w->nsets, sizeof *vi)))
        return CURTAIL_ENOMEM;
    cu_buf_init(&t, w->mem);
    cu_sweep_title(v, &t);
    cu_html_head(b, t.failed ? NULL : t.data, "", en);
    cu_buf_free(&t);
    /* the title block */
    cu_buf_puts(b, "<p class=\"meta\">");
    cu_buf_printf(b, en ? "%zu cases" : "共 %zu 个情景", curtail_sweep_case_count(w));
    if (n != curtail_sweep_case_count(w))
        cu_buf_printf(b, en ? " (this shard: cases %zu to %zu)" : "（本分片：第 %zu 至 %zu 个）",
                      w->first + 1, w->end);
    cu_buf_puts(b, en ? ": the base" : "：基准情景");
    if (w->nbase > 1)
        cu_buf_printf(b, en ? " and %zu variants" : "及 %zu 个变体", w->nbase - 1);
    for (j = 0; j < w->nsets; j++) {
        size_t k;
        cu_buf_puts(b, en ? (j ? "; × " : ", × ") : (j ? "；× " : "，× "));
        cu_buf_puts(b, "<code>");
        cu_xml_text(b, w->sets[j].path);
        cu_buf_puts(b, "</code> = ");
        for (k = 0; k < w->sets[j].nvalues && k < 12; k++) {
            if (k)
                cu_buf_puts(b, ", ");
            cu_xml_text(b, w->sets[j].values[k]);
        }
        if (w->sets[j].nvalues > 12)
            cu_buf_printf(b, en ? " … (%zu values)" : " …（%zu 个值）", w->sets[j].nvalues);
    }
    cu_buf_puts(b, en ? ".</p>\n<p class=\"note\">Generated by curtail " CURTAIL_VERSION_STRING
                        ". The marginal cost is the weighted loss of one more kg/d of the "
                        "target; the levels never happen on the same day.</p>\n</header>\n"
                      : "。</p>\n<p class=\"note\">由 curtail " CURTAIL_VERSION_STRING
                        " 生成。边际成本为多减 1 kg/d 的加权损失；三个预警级别不会在同一天发生。"
                        "</p>\n</header>\n");
    if (v->curve >= 0 && (rc = put_curve(v, b)) != CURTAIL_OK)
        goto done;
    /* the pollutants any case has a target or a reduction for */
    for (i = 0; i < n; i++)
        if (cu_sweep_solved(&w->cases[i]))
            for (L = 0; L < CU_NL; L++)
                for (p = 0; p < CU_NP; p++)
                    if (w->cases[i].lv[L].targets[p].required != 0 ||
                        w->cases[i].lv[L].targets[p].achieved != 0)
                        used[p] = 1;
    cu_buf_puts(b, en ? "<section>\n<h2>Comparison</h2>\n" : "<section>\n<h2>情景对比</h2>\n");
    for (p = 0; p < CU_NP; p++)
        left_out += !used[p];
    if (left_out) {
        int first = 1;
        cu_buf_puts(b, en ? "<p class=\"note\">No target or reduction in any case, left out: "
                          : "<p class=\"note\">以下污染物在各情景中均无减排要求与减排量，未列出：");
        for (p = 0; p < CU_NP; p++)
            if (!used[p]) {
                cu_buf_puts(b, first ? "" : en ? ", " : "、");
                cu_buf_puts(b, cu_pollutant_label(p, en));
                first = 0;
            }
        cu_buf_puts(b, en ? ".</p>\n" : "。</p>\n");
    }
    cu_buf_puts(b, "<table class=\"list\">\n<thead><tr>");
    cu_buf_printf(b, "<th>%s</th>", cu_sweep_heading(CU_SWH_VARIANT, en));
    for (j = 0; j < w->nsets; j++) {
        cu_buf_puts(b, "<th>");
        cu_xml_text(b, w->sets[j].path);
        cu_buf_puts(b, "</th>");
    }
    for (j = CU_SWH_LEVEL; j <= CU_SWH_WEIGHTED; j++)
        cu_buf_printf(b, "<th>%s</th>", cu_sweep_heading((int)j, en));
    for (p = 0; p < CU_NP; p++)
        if (used[p])
            for (j = CU_SWH_REQUIRED; j <= CU_SWH_MARGINAL; j++)
                cu_buf_printf(b, "<th>%s %s</th>", cu_pollutant_label(p, en),
                              cu_sweep_heading((int)j, en));
    for (j = CU_SWH_NCHANGED; j <= CU_SWH_MESSAGE; j++)
        cu_buf_printf(b, "<th>%s</th>", cu_sweep_heading((int)j, en));
    cu_buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (i = 0; i < n; i++) {
        const sw_case *c = &w->cases[i];
        size_t bi = cu_sweep_case_values(w, i, vi);
        int nrows = cu_sweep_solved(c) ? CU_NL : 1;
        for (L = 0; L < nrows; L++) {
            const curtail_level_result *lr = &c->lv[L];
            if (cu_sweep_solved(c))
                cu_buf_printf(b, "<tr class=\"l%d\">", L);
            else
                cu_buf_puts(b, "<tr>");
            td_text(b, cu_sweep_variant_name(w, bi));
            for (j = 0; j < w->nsets; j++)
                td_text(b, w->sets[j].values[vi[j]]);
            td_text(b, cu_sweep_solved(c) ? cu_level_label(L, en, 0) : "");
            if (cu_sweep_solved(c) && lr->status == CURTAIL_TARGETS_UNMET)
                cu_buf_printf(b, "<td class=\"unmet\">%s</td>", cu_sweep_status_text(c, L, en));
            else
                td_text(b, cu_sweep_status_text(c, L, en));
            if (cu_sweep_solved(c)) {
                td_num(b, c->objective / 10000.0, 4);
                td_num(b, lr->lost_value / 10000.0, 4);
                td_num(b, lr->weighted_loss / 10000.0, 4);
                for (p = 0; p < CU_NP; p++)
                    if (used[p]) {
                        td_num(b, lr->targets[p].required, 2);
                        td_num(b, lr->targets[p].achieved, 2);
                        td_num(b, lr->targets[p].shortfall, 2);
                        td_num(b, lr->targets[p].shadow_price, 2);
                    }
                cu_buf_printf(b, "<td class=\"n\">%zu</td>", c->nchanged[L]);
                td_text(b, c->changed[L] ? c->changed[L] : "");
            } else {
                int cols = 3 + 2, k;
                for (p = 0; p < CU_NP; p++)
                    cols += used[p] ? 4 : 0;
                for (k = 0; k < cols; k++)
                    cu_buf_puts(b, "<td></td>");
            }
            td_text(b, c->message ? c->message : "");
            cu_buf_puts(b, "</tr>\n");
        }
    }
    cu_buf_puts(b, "</tbody>\n</table>\n</section>\n</body>\n</html>\n");
done:
    if (vi != vidx)
        cu_free(w->mem, vi);
    return b->failed ? CURTAIL_ENOMEM : rc;
}
