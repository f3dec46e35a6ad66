/* svg.c — the SVG chart writer of svg.h.
 *
 * Layout (pixels): the title on top, the value axis on the left with its
 * unit above it, the plot, category or time labels below it, the legend
 * under them (wrapped over as many rows as it needs; text widths are
 * estimated: 0.6 em for ASCII, 1 em for wider characters). Coordinates
 * carry one decimal; numbers go through cu_put_trimmed / cu_put_fixed, so
 * the bytes never depend on the C library's locale. */
#include "svg.h"

#include "write_text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define FONT_PX 11
#define TITLE_PX 13
#define LEGEND_ROW 16

void cu_xml_text(cu_buf *b, const char *s)
{
    const char *p, *run;
    if (!s)
        return;
    for (p = run = s; *p; p++) {
        const char *rep = NULL;
        switch (*p) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            continue;
        }
        cu_buf_put(b, run, (size_t)(p - run));
        cu_buf_puts(b, rep);
        run = p + 1;
    }
    cu_buf_put(b, run, (size_t)(p - run));
}

void cu_svg_ticks(double lo, double hi, int target, double *first, double *last,
                  double *step)
{
    double raw, mag, f, nf;
    if (!isfinite(lo) || !isfinite(hi) || target < 1) {
        lo = 0;
        hi = 0;
        target = 1;
    }
    if (lo > hi) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    if (hi - lo <= 0) {
        if (hi == 0) {
            *first = 0;
            *last = 1;
            *step = 0.2;
            return;
        }
        /* one value: an axis from 0 to it */
        if (hi > 0)
            lo = 0;
        else
            hi = 0;
    }
    raw = (hi - lo) / target;
    mag = pow(10.0, floor(log10(raw)));
    f = raw / mag;
    nf = f <= 1.0 ? 1.0 : f <= 2.0 ? 2.0 : f <= 2.5 ? 2.5 : f <= 5.0 ? 5.0 : 10.0;
    *step = nf * mag;
    *first = floor(lo / *step + 1e-9) * *step;
    *last = ceil(hi / *step - 1e-9) * *step;
    if (*last <= *first)
        *last = *first + *step;
}

/* Decimals that show every multiple of step exactly (at most 6). */
static int step_decimals(double step)
{
    int d;
    for (d = 0; d < 6; d++) {
        double s = step * pow(10.0, d);
        if (fabs(s - floor(s + 0.5)) < 1e-6 * (s > 1 ? s : 1))
            break;
    }
    return d;
}

/* Estimated width in pixels of UTF-8 text at `px`. */
static double text_width(const char *s, double px)
{
    double w = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (; u && *u; u++) {
        if (*u < 0x80)
            w += 0.6 * px;
        else if (*u >= 0xC0) /* a lead byte: one character */
            w += (*u >= 0xE0 ? 1.0 : 0.6) * px;
    }
    return w;
}

static void num(cu_buf *b, double v)
{
    cu_put_trimmed(b, v, 1);
}

/* A tick label: v with `decimals` decimals, thousands as they are. */
static void tick_label(cu_buf *b, double v, int decimals, int percent)
{
    if (fabs(v) < 1e-12)
        v = 0;
    cu_put_fixed(b, v, decimals);
    if (percent)
        cu_buf_puts(b, "%");
}

static void text_at(cu_buf *b, double x, double y, const char *anchor, int px,
                    const char *extra, const char *s)
{
    cu_buf_puts(b, "<text x=\"");
    num(b, x);
    cu_buf_puts(b, "\" y=\"");
    num(b, y);
    cu_buf_printf(b, "\" font-size=\"%d\"", px);
    if (anchor)
        cu_buf_printf(b, " text-anchor=\"%s\"", anchor);
    if (extra)
        cu_buf_printf(b, " %s", extra);
    cu_buf_puts(b, ">");
    cu_xml_text(b, s);
    cu_buf_puts(b, "</text>");
}

static void rect(cu_buf *b, double x, double y, double w, double h, const char *fill,
                 const char *extra)
{
    cu_buf_puts(b, "<rect x=\"");
    num(b, x);
    cu_buf_puts(b, "\" y=\"");
    num(b, y);
    cu_buf_puts(b, "\" width=\"");
    num(b, w < 0 ? 0 : w);
    cu_buf_puts(b, "\" height=\"");
    num(b, h < 0 ? 0 : h);
    cu_buf_printf(b, "\" fill=\"%s\"%s%s/>", fill, extra ? " " : "", extra ? extra : "");
}

static double value(const cu_svg_chart *c, const cu_svg_series *s, size_t i)
{
    double v = s->v ? s->v[i] : 0.0;
    if (!isfinite(v))
        v = 0.0;
    return c->percent ? v * 100.0 : v;
}

/* Legend entries (series, then band keys) wrapped to the width: the rows
 * it needs, drawn when `draw`. */
static int legend(cu_buf *b, const cu_svg_chart *c, double y0, const char *id, int draw)
{
    double x = 8, maxw = c->width - 8;
    int rows = 0;
    size_t i, n = c->nseries + c->nkeys;
    for (i = 0; i < n; i++) {
        const char *name, *color;
        int hatch = 0, line = c->kind == CU_SVG_LINES && i < c->nseries;
        double w;
        if (i < c->nseries) {
            name = c->series[i].name;
            color = c->series[i].color;
        } else {
            name = c->keys[i - c->nseries].name;
            color = c->keys[i - c->nseries].color;
            hatch = c->keys[i - c->nseries].hatch;
        }
        w = 16 + text_width(name, FONT_PX) + 14;
        if (rows == 0)
            rows = 1;
        if (x + w > maxw && x > 8) {
            x = 8;
            rows++;
        }
        if (draw) {
            double y = y0 + (rows - 1) * LEGEND_ROW;
            if (line) {
                cu_buf_puts(b, "<line x1=\"");
                num(b, x);
                cu_buf_puts(b, "\" y1=\"");
                num(b, y + 6);
                cu_buf_puts(b, "\" x2=\"");
                num(b, x + 12);
                cu_buf_puts(b, "\" y2=\"");
                num(b, y + 6);
                cu_buf_printf(b, "\" stroke=\"%s\" stroke-width=\"2\"/>", color);
            } else if (hatch) {
                char fill[96];
                snprintf(fill, sizeof fill, "url(#%s-hatch)", id);
                rect(b, x, y, 12, 12, fill, "stroke=\"#999\" stroke-width=\"0.5\"");
            } else {
                rect(b, x, y, 12, 12, color, NULL);
            }
            text_at(b, x + 16, y + 10, NULL, FONT_PX, NULL, name);
        }
        x += w;
    }
    return rows;
}

void cu_svg_write(cu_buf *b, const cu_svg_chart *c)
{
    const char *id = c->id ? c->id : "c";
    const double W = c->width, H = c->height;
    double left, right = 12, top, bottom, plot_w, plot_h, lo = 0, hi = 0, first, last, step, t;
    int legend_rows, decimals, ntick, k;
    size_t i, j;
    /* the value range */
    for (i = 0; i < c->n; i++) {
        if (c->kind == CU_SVG_STACKED) {
            double pos = 0, neg = 0;
            for (j = 0; j < c->nseries; j++) {
                double v = value(c, &c->series[j], i);
                if (v >= 0)
                    pos += v;
                else
                    neg += v;
            }
            hi = pos > hi ? pos : hi;
            lo = neg < lo ? neg : lo;
        } else {
            for (j = 0; j < c->nseries; j++) {
                double v = value(c, &c->series[j], i);
                hi = v > hi ? v : hi;
                lo = v < lo ? v : lo;
            }
        }
    }
    cu_svg_ticks(lo, hi, 5, &first, &last, &step);
    decimals = step_decimals(step);
    /* room for the tick labels */
    {
        cu_buf lab;
        double wmax = 0;
        cu_buf_init(&lab, b->mem);
        for (t = first, k = 0; k <= 100 && t <= last + step * 1e-6; k++, t = first + k * step) {
            lab.len = 0;
            tick_label(&lab, t, decimals, c->percent);
            if (!lab.failed && lab.len) {
                double w = text_width(lab.data, FONT_PX);
                wmax = w > wmax ? w : wmax;
            }
        }
        cu_buf_free(&lab);
        left = 12 + wmax;
    }
    top = (c->title ? 24 : 8) + (c->unit ? 20 : 6);
    legend_rows = legend(b, c, 0, id, 0);
    bottom = 22 + legend_rows * LEGEND_ROW + 4;
    plot_w = W - left - right;
    plot_h = H - top - bottom;
    if (plot_h < 20)
        plot_h = 20;
    cu_buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                     "viewBox=\"0 0 %d %d\" font-family=\"%s\" role=\"img\">",
                  c->width, c->height, c->width, c->height, CU_SVG_FONTS);
    if (c->title) {
        cu_buf_puts(b, "<title>");
        cu_xml_text(b, c->title);
        cu_buf_puts(b, "</title>");
    }
    if (c->nbands || c->nkeys) {
        cu_buf_printf(b, "<defs><pattern id=\"%s-hatch\" width=\"6\" height=\"6\" "
                         "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                         "<rect width=\"6\" height=\"6\" fill=\"#ffffff\" fill-opacity=\"0\"/>"
                         "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#5b8def\" "
                         "stroke-width=\"2\" stroke-opacity=\"0.45\"/></pattern></defs>",
                      id);
    }
    rect(b, 0, 0, W, H, "#ffffff", NULL);
    if (c->title)
        text_at(b, 8, 16, NULL, TITLE_PX, "font-weight=\"bold\"", c->title);
    if (c->unit)
        text_at(b, 8, top - 10, NULL, FONT_PX, "fill=\"#555\"", c->unit);
#define YPOS(v) (top + plot_h - ((v) - first) / (last - first) * plot_h)
    /* bands behind everything (line charts) */
    if (c->kind == CU_SVG_LINES && c->n > 0) {
        for (i = 0; i < c->nbands; i++) {
            const cu_svg_band *bd = &c->bands[i];
            double x0 = left + plot_w * (double)bd->from / (double)c->n;
            double x1 = left + plot_w * (double)(bd->to > c->n ? c->n : bd->to) / (double)c->n;
            char fill[96];
            if (bd->hatch)
                snprintf(fill, sizeof fill, "url(#%s-hatch)", id);
            rect(b, x0, top, x1 - x0, plot_h, bd->hatch ? fill : bd->color, NULL);
        }
    }
    /* grid and ticks */
    ntick = (int)floor((last - first) / step + 0.5);
    for (k = 0; k <= ntick && k <= 100; k++) {
        double v = first + k * step, y = YPOS(v);
        cu_buf lab;
        cu_buf_puts(b, "<line x1=\"");
        num(b, left);
        cu_buf_puts(b, "\" y1=\"");
        num(b, y);
        cu_buf_puts(b, "\" x2=\"");
        num(b, left + plot_w);
        cu_buf_puts(b, "\" y2=\"");
        num(b, y);
        cu_buf_printf(b, "\" stroke=\"%s\" stroke-width=\"%s\"/>",
                      fabs(v) < step * 1e-6 ? "#888" : "#ddd", fabs(v) < step * 1e-6 ? "1" : "0.6");
        cu_buf_init(&lab, b->mem);
        tick_label(&lab, v, decimals, c->percent);
        if (!lab.failed && lab.len)
            text_at(b, left - 4, y + 4, "end", FONT_PX, "fill=\"#333\"", lab.data);
        if (lab.failed)
            b->failed = 1;
        cu_buf_free(&lab);
    }
    /* the data */
    if (c->kind == CU_SVG_LINES) {
        for (j = 0; j < c->nseries; j++) {
            cu_buf_printf(b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\" "
                             "stroke-linejoin=\"round\" points=\"",
                          c->series[j].color);
            for (i = 0; i < c->n; i++) {
                if (c->gaps && c->series[j].v && !isfinite(c->series[j].v[i]))
                    continue; /* a point left out (the line joins its neighbours) */
                if (i)
                    cu_buf_puts(b, " ");
                num(b, left + plot_w * ((double)i + 0.5) / (double)c->n);
                cu_buf_puts(b, ",");
                num(b, YPOS(value(c, &c->series[j], i)));
            }
            cu_buf_puts(b, "\"/>");
        }
        /* category labels under the points (a sweep's swept values) */
        for (i = 0; c->cat && i < c->n; i++)
            text_at(b, left + plot_w * ((double)i + 0.5) / (double)c->n, top + plot_h + 15,
                    "middle", FONT_PX, NULL, c->cat[i]);
    } else if (c->n > 0) {
        double gw = plot_w / (double)c->n;
        for (i = 0; i < c->n; i++) {
            double gx = left + gw * (double)i, pos = 0, neg = 0;
            if (c->kind == CU_SVG_STACKED) {
                double bw = gw * 0.6, bx = gx + gw * 0.2;
                for (j = 0; j < c->nseries; j++) {
                    double v = value(c, &c->series[j], i), y0, y1;
                    if (v >= 0) {
                        y0 = YPOS(pos + v);
                        y1 = YPOS(pos);
                        pos += v;
                    } else {
                        y0 = YPOS(neg);
                        y1 = YPOS(neg + v);
                        neg += v;
                    }
                    if (v != 0)
                        rect(b, bx, y0, bw, y1 - y0, c->series[j].color, NULL);
                }
            } else if (c->nseries > 0) {
                double bw = gw * 0.76 / (double)c->nseries;
                for (j = 0; j < c->nseries; j++) {
                    double v = value(c, &c->series[j], i);
                    double y0 = YPOS(v > 0 ? v : 0), y1 = YPOS(v > 0 ? 0 : v);
                    rect(b, gx + gw * 0.12 + bw * (double)j, y0, bw * 0.92, y1 - y0,
                         c->series[j].color, NULL);
                }
            }
            if (c->cat)
                text_at(b, gx + gw / 2, top + plot_h + 15, "middle", FONT_PX, NULL, c->cat[i]);
        }
    }
    /* time labels of a line chart */
    if (c->kind == CU_SVG_LINES && c->xlabel && c->n > 0) {
        size_t stepx = c->xstep;
        char label[64];
        if (stepx == 0) {
            static const size_t steps[] = {1, 2, 3, 6, 12, 24, 48, 72, 168, 336, 720};
            size_t s;
            for (s = 0; s < sizeof steps / sizeof steps[0]; s++)
                if (c->n / steps[s] <= (size_t)(plot_w / 95))
                    break;
            stepx = s < sizeof steps / sizeof steps[0] ? steps[s] : c->n;
        }
        for (i = 0; i < c->n; i += stepx) {
            double x = left + plot_w * (double)i / (double)c->n;
            c->xlabel(c->xlabel_ctx, i, label, sizeof label);
            cu_buf_puts(b, "<line x1=\"");
            num(b, x);
            cu_buf_puts(b, "\" y1=\"");
            num(b, top + plot_h);
            cu_buf_puts(b, "\" x2=\"");
            num(b, x);
            cu_buf_puts(b, "\" y2=\"");
            num(b, top + plot_h + 4);
            cu_buf_puts(b, "\" stroke=\"#888\"/>");
            text_at(b, x, top + plot_h + 15, i == 0 ? "start" : "middle", FONT_PX - 1, NULL,
                    label);
        }
    }
    /* the plot's frame: the value axis and the base line */
    cu_buf_puts(b, "<line x1=\"");
    num(b, left);
    cu_buf_puts(b, "\" y1=\"");
    num(b, top);
    cu_buf_puts(b, "\" x2=\"");
    num(b, left);
    cu_buf_puts(b, "\" y2=\"");
    num(b, top + plot_h);
    cu_buf_puts(b, "\" stroke=\"#888\"/>");
#undef YPOS
    legend(b, c, top + plot_h + 24, id, 1);
    cu_buf_puts(b, "</svg>");
}
