/* SPDX-License-Identifier: GPL-3.0-or-later */
/* write_html_charts.c — the charts of the HTML report (write_html.c), as
 * inline SVG (svg.c): required vs achieved ratio per level, reductions by
 * industry and by grade, and a schedule's hourly emissions and loads with
 * the alert levels shaded and the ozone window hatched. */
#include "write_html.h"
#include "summary.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const level_fill[CU_NL] = {"#fff2cc", "#fce4d6", "#f4c7c7"};
static const char *const level_strong[CU_NL] = {"#d4a017", "#e07b00", "#c00000"};
static const char *const industry_color[CURTAIL_NINDUSTRIES] = {"#4e79a7", "#f28e2b",
                                                                "#76b7b2", "#9c755f"};
static const char *const grade_color[CURTAIL_NGRADES] = {
    "#59a14f", "#4e79a7", "#76b7b2", "#f28e2b", "#e15759", "#2f7d32", "#b07aa1", "#9c9c9c"};
static const char *const pollutant_color[CU_NP] = {"#4e79a7", "#e15759", "#9c755f", "#59a14f"};

/* ---- charts --------------------------------------------------------------------------------- */

static void figure(hw *h, const cu_svg_chart *c)
{
    puts_(h, "<figure>");
    cu_svg_write(h->out, c);
    puts_(h, "</figure>\n");
}

int cu_hw_put_target_charts(hw *h)
{
    const char *cats[CU_NP];
    double req[CU_NP], ach[CU_NP], mobile[CU_NP];
    char id[16];
    int L, p, rc;
    for (p = 0; p < CU_NP; p++)
        cats[p] = pollutant_name(h, p);
    puts_(h, h->en ? "<h3>Required vs achieved reduction ratio</h3>\n<div class=\"charts\">\n"
                   : "<h3>要求与实际减排比例</h3>\n<div class=\"charts\">\n");
    for (L = 0; L < CU_NL; L++) {
        curtail_level_result lr;
        cu_svg_series s[2];
        cu_svg_chart c;
        rc = curtail_result_level(h->r, (curtail_level)L, &lr, NULL);
        if (rc != CURTAIL_OK)
            return rc;
        curtail_result_mobile(h->r, (curtail_level)L, mobile, NULL);
        for (p = 0; p < CU_NP; p++) {
            /* as the summary's table: the order's ratio, and the listed
             * enterprises' reduction with the mobile sources and credits */
            req[p] = curtail_scenario_ratio(h->r->s, (curtail_level)L, (curtail_pollutant)p);
            ach[p] = cu_sum_ratio(lr.targets[p].achieved + mobile[p] +
                                      curtail_result_credit(h->r, (curtail_level)L,
                                                            (curtail_pollutant)p),
                                  lr.targets[p].baseline);
        }
        s[0].name = h->en ? "Required" : "要求";
        s[0].color = "#b4b4b4";
        s[0].v = req;
        s[1].name = h->en ? "Achieved" : "实际";
        s[1].color = level_strong[L];
        s[1].v = ach;
        snprintf(id, sizeof id, "t%d", L);
        memset(&c, 0, sizeof c);
        c.kind = CU_SVG_BARS;
        c.width = 360;
        c.height = 230;
        c.title = cu_level_label(L, h->en, 1);
        /* the targets' base: the county total or the listed enterprises */
        c.unit = h->r->base == CURTAIL_BASE_TOTALS
                     ? (h->en ? "share of the county total" : "占全社会排放量")
                     : (h->en ? "share of the listed enterprises" : "占清单企业排放量");
        c.percent = 1;
        c.n = CU_NP;
        c.cat = cats;
        c.nseries = 2;
        c.series = s;
        c.id = id;
        figure(h, &c);
    }
    puts_(h, "</div>\n");
    return CURTAIL_OK;
}

/* Reductions by industry (by_grade 0) or grade (1): per pollutant, a bar per
 * level stacked by group. */
void cu_hw_put_sum_charts(hw *h, const cu_report_sums *sums, int by_grade)
{
    const char *cats[CU_NL];
    const int ngroups = by_grade ? CURTAIL_NGRADES : CURTAIL_NINDUSTRIES;
    double v[CURTAIL_NGRADES][CU_NL];
    cu_svg_series s[CURTAIL_NGRADES];
    char title[128], id[16];
    int L, p, g;
    for (L = 0; L < CU_NL; L++)
        cats[L] = cu_level_label(L, h->en, 0);
    if (by_grade)
        puts_(h, h->en ? "<h3>Reduction by grade (kg/d)</h3>\n<div class=\"charts\">\n"
                       : "<h3>按绩效等级分减排量 (kg/d)</h3>\n<div class=\"charts\">\n");
    else
        puts_(h, h->en ? "<h3>Reduction by industry (kg/d)</h3>\n<div class=\"charts\">\n"
                       : "<h3>按行业分减排量 (kg/d)</h3>\n<div class=\"charts\">\n");
    for (p = 0; p < CU_NP; p++) {
        cu_svg_chart c;
        size_t n = 0;
        for (g = 0; g < ngroups; g++) {
            if (!(by_grade ? sums->has_grade[g] : sums->has_industry[g]))
                continue;
            for (L = 0; L < CU_NL; L++)
                v[n][L] = by_grade ? sums->by_grade[g][L][p] : sums->by_industry[g][L][p];
            s[n].name = by_grade ? (h->en ? cu_grade_en : cu_grade_zh)[g]
                                 : (h->en ? cu_industry_en : cu_industry_zh)[g];
            s[n].color = by_grade ? grade_color[g] : industry_color[g];
            s[n].v = v[n];
            n++;
        }
        snprintf(title, sizeof title, "%s", pollutant_name(h, p));
        snprintf(id, sizeof id, "%c%d", by_grade ? 'g' : 'i', p);
        memset(&c, 0, sizeof c);
        c.kind = CU_SVG_STACKED;
        c.width = 268;
        c.height = 240;
        c.title = title;
        c.unit = "kg/d";
        c.n = CU_NL;
        c.cat = cats;
        c.nseries = n;
        c.series = s;
        c.id = id;
        figure(h, &c);
    }
    puts_(h, "</div>\n");
}

/* ---- schedule charts ---------------------------------------------------------------------- */

typedef struct hour_ctx {
    const curtail_result *r;
} hour_ctx;

static void hour_label(void *ctx, size_t t, char *buf, size_t n)
{
    cu_hour_label_short(((hour_ctx *)ctx)->r, t, buf, n);
}

/* Runs of equal level (filled) and ozone-window runs (hatched), with keys for
 * what is present. Arrays sized 2 × hours + CU_NL + 1. */
static void episode_bands(hw *h, cu_svg_band *bands, size_t *nb, cu_svg_key *keys, size_t *nk)
{
    const curtail_result *r = h->r;
    size_t t, t0, H = curtail_result_hour_count(r);
    int present[CU_NL] = {0, 0, 0}, window = 0, L;
    *nb = 0;
    *nk = 0;
    for (t0 = 0; t0 < H; t0 = t) {
        int lv = curtail_result_hour_level(r, t0);
        for (t = t0 + 1; t < H && curtail_result_hour_level(r, t) == lv; t++)
            ;
        if (lv >= 0) {
            bands[*nb].from = t0;
            bands[*nb].to = t;
            bands[*nb].color = level_fill[lv];
            bands[*nb].hatch = 0;
            (*nb)++;
            present[lv] = 1;
        }
    }
    for (t0 = 0; t0 < H; t0 = t) {
        int in = cu_hour_in_window(r, t0);
        for (t = t0 + 1; t < H && cu_hour_in_window(r, t) == in; t++)
            ;
        if (in) {
            bands[*nb].from = t0;
            bands[*nb].to = t;
            bands[*nb].color = "#5b8def";
            bands[*nb].hatch = 1;
            (*nb)++;
            window = 1;
        }
    }
    for (L = 0; L < CU_NL; L++)
        if (present[L]) {
            keys[*nk].name = cu_level_label(L, h->en, 1);
            keys[*nk].color = level_fill[L];
            keys[*nk].hatch = 0;
            (*nk)++;
        }
    if (window) {
        keys[*nk].name = h->en ? "Ozone window" : "臭氧错峰时段";
        keys[*nk].color = "#5b8def";
        keys[*nk].hatch = 1;
        (*nk)++;
    }
}

int cu_hw_put_schedule_charts(hw *h)
{
    const curtail_result *r = h->r;
    const curtail_mem *mem = r->mem;
    size_t H = curtail_result_hour_count(r), t, nb, nk, n;
    cu_svg_band *bands;
    cu_svg_key keys[CU_NL + 1];
    double *em, *ld;
    hour_ctx hc;
    int p, i;
    if (H == 0)
        return CURTAIL_OK;
    bands = cu_reallocarray(mem, NULL, 2 * H + 1, sizeof *bands);
    em = cu_reallocarray(mem, NULL, (size_t)CU_NP * H, sizeof *em);
    ld = cu_reallocarray(mem, NULL, (size_t)CURTAIL_NINDUSTRIES * H, sizeof *ld);
    if (!bands || !em || !ld) {
        cu_free(mem, bands);
        cu_free(mem, em);
        cu_free(mem, ld);
        return CURTAIL_ENOMEM;
    }
    episode_bands(h, bands, &nb, keys, &nk);
    for (t = 0; t < H; t++) {
        double e[CU_NP];
        cu_hour_emissions(r, t, e);
        for (p = 0; p < CU_NP; p++)
            em[(size_t)p * H + t] = e[p];
        for (i = 0; i < CURTAIL_NINDUSTRIES; i++)
            ld[(size_t)i * H + t] = cu_industry_hour_load(r, i, t);
    }
    hc.r = r;
    puts_(h, h->en ? "<h3>Hourly emissions of the listed enterprises (kg per hour)</h3>\n"
                     "<div class=\"charts\">\n"
                   : "<h3>清单企业逐时排放量（kg/小时）</h3>\n<div class=\"charts\">\n");
    for (p = 0; p < CU_NP; p++) {
        cu_svg_series s;
        cu_svg_chart c;
        char id[16];
        s.name = pollutant_name(h, p);
        s.color = pollutant_color[p];
        s.v = em + (size_t)p * H;
        snprintf(id, sizeof id, "e%d", p);
        memset(&c, 0, sizeof c);
        c.kind = CU_SVG_LINES;
        c.width = 540;
        c.height = 220;
        c.title = pollutant_name(h, p);
        c.unit = h->en ? "kg per hour" : "kg/小时";
        c.n = H;
        c.xlabel = hour_label;
        c.xlabel_ctx = &hc;
        c.nseries = 1;
        c.series = &s;
        c.nbands = nb;
        c.bands = bands;
        c.nkeys = nk;
        c.keys = keys;
        c.id = id;
        figure(h, &c);
    }
    puts_(h, "</div>\n");
    {
        cu_svg_series s[CURTAIL_NINDUSTRIES];
        cu_svg_chart c;
        int present[CURTAIL_NINDUSTRIES] = {0};
        size_t u;
        for (u = 0; u < r->gv.ngroups; u++) /* a group's units share an enterprise */
            present[r->group_industry[u]] = 1;
        for (i = 0, n = 0; i < CURTAIL_NINDUSTRIES; i++) {
            if (!present[i])
                continue;
            s[n].name = (h->en ? cu_industry_en : cu_industry_zh)[i];
            s[n].color = industry_color[i];
            s[n].v = ld + (size_t)i * H;
            n++;
        }
        puts_(h, h->en ? "<h3>Load by industry (share of output value at capacity)</h3>\n"
                         "<div class=\"charts\">\n"
                       : "<h3>各行业逐时负荷（按满负荷产值加权）</h3>\n<div class=\"charts\">\n");
        memset(&c, 0, sizeof c);
        c.kind = CU_SVG_LINES;
        c.width = 1100;
        c.height = 260;
        c.unit = h->en ? "load" : "负荷";
        c.percent = 1;
        c.n = H;
        c.xlabel = hour_label;
        c.xlabel_ctx = &hc;
        c.nseries = n;
        c.series = s;
        c.nbands = nb;
        c.bands = bands;
        c.nkeys = nk;
        c.keys = keys;
        c.id = "ld";
        figure(h, &c);
        puts_(h, "</div>\n");
    }
    cu_free(mem, bands);
    cu_free(mem, em);
    cu_free(mem, ld);
    return CURTAIL_OK;
}
