/* svg.h — a small deterministic SVG chart writer (svg.c) for the HTML
 * report: grouped bars, stacked bars and lines on a value axis with nice
 * ticks, shaded bands behind lines (alert levels, the ozone window), a
 * legend, CJK-safe text (a font-family stack, widths estimated per
 * character), numbers through the library's locale-free formatter.
 * Internal; not installed. */
#ifndef CURTAIL_SVG_H
#define CURTAIL_SVG_H

#include "internal.h"

enum { CU_SVG_BARS = 0, CU_SVG_STACKED, CU_SVG_LINES };

typedef struct cu_svg_series {
    const char *name;  /* legend text (escaped when written) */
    const char *color; /* "#rrggbb" */
    const double *v;   /* one value per category or point; non-finite as 0 */
} cu_svg_series;

/* Points [from, to) of a line chart shaded behind the lines. */
typedef struct cu_svg_band {
    size_t from, to;
    const char *color;
    int hatch; /* 1: diagonal hatching (the ozone window) instead of a fill */
} cu_svg_band;

/* A legend entry for the bands. */
typedef struct cu_svg_key {
    const char *name;
    const char *color;
    int hatch;
} cu_svg_key;

typedef struct cu_svg_chart {
    int kind;          /* CU_SVG_BARS, CU_SVG_STACKED, CU_SVG_LINES */
    int width, height; /* pixels of the whole picture */
    const char *title; /* NULL: none */
    const char *unit;  /* the value axis' unit, above it; NULL: none */
    int percent;       /* values are fractions, shown as percentages */
    size_t n;          /* categories (bars) or points (lines) */
    const char *const *cat; /* bars (lines: when set, under the points): n category labels */
    /* lines: label of point i (every `xstep` points from 0; 0: chosen) */
    void (*xlabel)(void *ctx, size_t i, char *buf, size_t size);
    void *xlabel_ctx;
    size_t xstep;
    size_t nseries;
    const cu_svg_series *series;
    size_t nbands;
    const cu_svg_band *bands;
    size_t nkeys;
    const cu_svg_key *keys;
    const char *id; /* unique within the document (hatch pattern ids); NULL: "c" */
    int gaps;       /* lines: a non-finite value is left out instead of drawn as 0 */
} cu_svg_chart;

/* The chart as one <svg> element (no XML declaration: it is inline in HTML,
 * and well-formed XML on its own). */
void cu_svg_write(cu_buf *b, const cu_svg_chart *c);

/* Text for XML and HTML: & < > " ' escaped, everything else as is. */
void cu_xml_text(cu_buf *b, const char *s);

/* Nice ticks of a value axis over [lo, hi] with about `target` steps:
 * *step is 1, 2, 2.5 or 5 times a power of ten, *first and *last multiples
 * of it with first <= lo and last >= hi (0 and 1 for an empty range). */
void cu_svg_ticks(double lo, double hi, int target, double *first, double *last,
                  double *step);

/* The font stack every chart and the report use. */
#define CU_SVG_FONTS                                                                         \
    "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',"               \
    "'WenQuanYi Micro Hei','Hiragino Sans GB',SimHei,sans-serif"

#endif
