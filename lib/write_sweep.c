/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * write_sweep.c — a sweep's table: one row per case and level (one row for
 * a case that did not solve), as CSV, Markdown or JSON lines; or the cost
 * curve of one swept ratio (one row per case, that level and pollutant).
 * Only shard 0 writes a header by default, so shards' outputs concatenate
 * (`cat`) into the whole table. The bureau's formats of the same table and
 * curve are write_sweep_xlsx.c and write_sweep_html.c.
 */
#define _POSIX_C_SOURCE 200809L
#include "write_sweep.h"
#include "write_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct wctx {
    const curtail_sweep *w;
    int format; /* CURTAIL_FORMAT_CSV, _MD, _JSON (lines) */
    int curve;  /* -1, or the set swept for the curve */
    int cL, cP; /* its level and pollutant */
    cu_buf *b;
} wctx;

static void csv_field(cu_buf *b, const char *s)
{
    const char *p;
    if (!strpbrk(s, ",\"\n\r")) {
        cu_buf_puts(b, s);
        return;
    }
    cu_buf_puts(b, "\"");
    for (p = s; *p; p++) {
        if (*p == '"')
            cu_buf_puts(b, "\"");
        cu_buf_put(b, p, 1);
    }
    cu_buf_puts(b, "\"");
}

static void md_field(cu_buf *b, const char *s)
{
    const char *p;
    for (p = s; *p; p++) {
        if (*p == '|')
            cu_buf_puts(b, "\\|");
        else if (*p == '\n' || *p == '\r')
            cu_buf_puts(b, " ");
        else
            cu_buf_put(b, p, 1);
    }
}

static void json_str(cu_buf *b, const char *s)
{
    const unsigned char *p;
    cu_buf_puts(b, "\"");
    for (p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            cu_buf_puts(b, "\\");
            cu_buf_put(b, (const char *)p, 1);
        } else if (*p < 0x20)
            cu_buf_printf(b, "\\u%04x", *p);
        else
            cu_buf_put(b, (const char *)p, 1);
    }
    cu_buf_puts(b, "\"");
}

/* ---- the cells of one row (CSV and Markdown share them) -------------------------------- */

typedef struct row {
    cu_buf cells; /* NUL-separated */
    size_t n;
} row;

static void cell(row *r, const char *s)
{
    cu_buf_put(&r->cells, s, strlen(s) + 1);
    r->n++;
}

static void cell_num(row *r, double v)
{
    cu_buf t;
    cu_buf_init(&t, NULL);
    cu_buf_num(&t, v);
    cell(r, t.data ? t.data : "0");
    cu_buf_free(&t);
}

static void put_row(const wctx *x, row *r)
{
    const char *p = r->cells.data;
    size_t i;
    if (x->format == CURTAIL_FORMAT_MD)
        cu_buf_puts(x->b, "|");
    for (i = 0; i < r->n && p; i++) {
        if (x->format == CURTAIL_FORMAT_CSV) {
            if (i)
                cu_buf_puts(x->b, ",");
            csv_field(x->b, p);
        } else {
            cu_buf_puts(x->b, " ");
            md_field(x->b, p);
            cu_buf_puts(x->b, " |");
        }
        p += strlen(p) + 1;
    }
    cu_buf_puts(x->b, "\n");
}

static void header(const wctx *x)
{
    const curtail_sweep *w = x->w;
    row r;
    size_t j, i;
    int p;
    static const char *const tcols[] = {"required", "achieved", "shortfall", "marginal_cost"};
    cu_buf_init(&r.cells, NULL);
    r.n = 0;
    cell(&r, "variant");
    for (j = 0; j < w->nsets; j++)
        if ((int)j != x->curve)
            cell(&r, w->sets[j].path);
    if (x->curve >= 0) {
        cell(&r, w->sets[x->curve].path);
        cell(&r, "status");
        cell(&r, "required");
        cell(&r, "achieved");
        cell(&r, "shortfall");
        cell(&r, "marginal_cost");
        cell(&r, "lost_value");
        cell(&r, "weighted_loss");
        cell(&r, "objective");
    } else {
        cell(&r, "level");
        cell(&r, "status");
        cell(&r, "objective");
        cell(&r, "lost_value");
        cell(&r, "weighted_loss");
        for (p = 0; p < CU_NP; p++)
            for (i = 0; i < 4; i++) {
                char name[48];
                snprintf(name, sizeof name, "%s_%s",
                         curtail_pollutant_name((curtail_pollutant)p), tcols[i]);
                cell(&r, name);
            }
        cell(&r, "changed");
        cell(&r, "changed_enterprises");
    }
    cell(&r, "message");
    put_row(x, &r);
    if (x->format == CURTAIL_FORMAT_MD) {
        cu_buf_puts(x->b, "|");
        for (i = 0; i < r.n; i++)
            cu_buf_puts(x->b, "---|");
        cu_buf_puts(x->b, "\n");
    }
    cu_buf_free(&r.cells);
}

static int solved(const sw_case *c)
{
    return c->status == CURTAIL_CASE_OPTIMAL || c->status == CURTAIL_CASE_TARGETS_UNMET;
}

static const char *level_status(const sw_case *c, int L)
{
    return c->lv[L].status == CURTAIL_TARGETS_UNMET ? "targets_unmet" : "optimal";
}

int cu_sweep_solved(const sw_case *c)
{
    return solved(c);
}

const char *cu_sweep_status_text(const sw_case *c, int L, int en)
{
    if (solved(c))
        return cu_status_label(c->lv[L].status, en);
    switch (c->status) {
    case CURTAIL_CASE_INVALID:
        return en ? "invalid" : "无效";
    case CURTAIL_CASE_FAILED:
        return en ? "failed" : "求解失败";
    default:
        return en ? "canceled" : "已取消";
    }
}

size_t cu_sweep_case_values(const curtail_sweep *w, size_t i, size_t *vidx)
{
    return cu_sweep_decode(w, w->first + i, vidx);
}

size_t cu_sweep_curve_series(const cu_sweep_view *v, size_t *ser, size_t *pt)
{
    const curtail_sweep *w = v->w;
    size_t n = w->end - w->first, nkeys = 1, i, j, nser = 0, *vi, *map;
    for (j = 0; j < w->nsets; j++)
        if ((int)j != v->curve)
            nkeys *= w->sets[j].nvalues;
    nkeys *= w->nbase;
    vi = cu_calloc(w->mem, w->nsets + 1, sizeof *vi);
    map = cu_calloc(w->mem, nkeys, sizeof *map); /* series + 1, 0: none yet */
    if (!vi || !map) {
        cu_free(w->mem, vi);
        cu_free(w->mem, map);
        return 0;
    }
    for (i = 0; i < n; i++) {
        size_t key = cu_sweep_decode(w, w->first + i, vi);
        for (j = 0; j < w->nsets; j++)
            if ((int)j != v->curve)
                key = key * w->sets[j].nvalues + vi[j];
        if (!map[key])
            map[key] = ++nser;
        ser[i] = map[key] - 1;
        pt[i] = vi[v->curve];
    }
    cu_free(w->mem, vi);
    cu_free(w->mem, map);
    return nser;
}

void cu_sweep_series_name(const cu_sweep_view *v, size_t case_i, cu_buf *out)
{
    const curtail_sweep *w = v->w;
    size_t vidx[64], *vi = vidx, j, b;
    if (w->nsets > 64 && !(vi = cu_calloc(w->mem, w->nsets, sizeof *vi))) {
        out->failed = 1;
        return;
    }
    b = cu_sweep_decode(w, w->first + case_i, vi);
    cu_buf_puts(out, cu_sweep_variant_name(w, b));
    for (j = 0; j < w->nsets; j++)
        if ((int)j != v->curve)
            cu_buf_printf(out, ", %s=%s", w->sets[j].path, w->sets[j].values[vi[j]]);
    if (vi != vidx)
        cu_free(w->mem, vi);
}

const char *cu_sweep_heading(int which, int en)
{
    static const char *const zh[CU_SWH_N] = {
        "变体", "预警级别", "状态", "目标函数 (万元/日)", "损失产值 (万元/日)",
        "加权损失 (万元/日)", "减排要求 (kg/d)", "实际减排量 (kg/d)", "缺口 (kg/d)",
        "边际成本 (元/(kg/d))", "措施变化企业数", "措施变化企业", "说明"};
    static const char *const en_[CU_SWH_N] = {
        "Variant", "Level", "Status", "Objective (10k yuan/d)", "Lost value (10k yuan/d)",
        "Weighted loss (10k yuan/d)", "Required (kg/d)", "Achieved (kg/d)", "Shortfall (kg/d)",
        "Marginal cost (yuan per kg/d)", "Enterprises changed", "Changed enterprises",
        "Message"};
    return which >= 0 && which < CU_SWH_N ? (en ? en_ : zh)[which] : "";
}

void cu_sweep_title(const cu_sweep_view *v, cu_buf *out)
{
    const char *name = curtail_scenario_name(v->w->s);
    if (name && name[0])
        cu_buf_printf(out, "%s — ", name);
    cu_buf_puts(out, v->en ? "sweep comparison" : "情景对比");
}

static void table_rows(const wctx *x, size_t i)
{
    const curtail_sweep *w = x->w;
    const sw_case *c = &w->cases[i];
    size_t j, k = w->first + i, vidx[64], *vi = vidx, b;
    int L, p, nrows;
    if (w->nsets > 64 && !(vi = cu_calloc(w->mem, w->nsets, sizeof *vi))) {
        x->b->failed = 1;
        return;
    }
    b = cu_sweep_decode(w, k, vi);
    nrows = x->curve >= 0 || !solved(c) ? 1 : CU_NL;
    for (L = 0; L < nrows; L++) {
        int lv = x->curve >= 0 ? x->cL : L;
        const curtail_level_result *lr = &c->lv[lv];
        row r;
        cu_buf_init(&r.cells, NULL);
        r.n = 0;
        cell(&r, cu_sweep_variant_name(w, b));
        for (j = 0; j < w->nsets; j++)
            if ((int)j != x->curve)
                cell(&r, w->sets[j].values[vi[j]]);
        if (x->curve >= 0) {
            const curtail_target *t = &lr->targets[x->cP];
            cell(&r, w->sets[x->curve].values[vi[x->curve]]);
            cell(&r, solved(c) ? level_status(c, lv) : curtail_case_status_name(c->status));
            if (solved(c)) {
                cell_num(&r, t->required);
                cell_num(&r, t->achieved);
                cell_num(&r, t->shortfall);
                cell_num(&r, t->shadow_price);
                cell_num(&r, lr->lost_value);
                cell_num(&r, lr->weighted_loss);
                cell_num(&r, c->objective);
            } else
                for (p = 0; p < 7; p++)
                    cell(&r, "");
        } else {
            cell(&r, solved(c) ? curtail_level_name((curtail_level)L) : "");
            cell(&r, solved(c) ? level_status(c, L) : curtail_case_status_name(c->status));
            if (solved(c)) {
                cell_num(&r, c->objective);
                cell_num(&r, lr->lost_value);
                cell_num(&r, lr->weighted_loss);
                for (p = 0; p < CU_NP; p++) {
                    cell_num(&r, lr->targets[p].required);
                    cell_num(&r, lr->targets[p].achieved);
                    cell_num(&r, lr->targets[p].shortfall);
                    cell_num(&r, lr->targets[p].shadow_price);
                }
                cell_num(&r, (double)c->nchanged[L]);
                cell(&r, c->changed[L] ? c->changed[L] : "");
            } else
                for (p = 0; p < 3 + 4 * CU_NP + 2; p++)
                    cell(&r, "");
        }
        cell(&r, c->message ? c->message : "");
        if (r.cells.failed)
            x->b->failed = 1;
        put_row(x, &r);
        cu_buf_free(&r.cells);
    }
    if (vi != vidx)
        cu_free(w->mem, vi);
}

static void jsonl_rows(const wctx *x, size_t i)
{
    const curtail_sweep *w = x->w;
    const sw_case *c = &w->cases[i];
    cu_buf *b = x->b;
    size_t j, k = w->first + i, vidx[64], *vi = vidx, bi;
    int L, p, nrows;
    if (w->nsets > 64 && !(vi = cu_calloc(w->mem, w->nsets, sizeof *vi))) {
        b->failed = 1;
        return;
    }
    bi = cu_sweep_decode(w, k, vi);
    nrows = x->curve >= 0 || !solved(c) ? 1 : CU_NL;
    for (L = 0; L < nrows; L++) {
        int lv = x->curve >= 0 ? x->cL : L;
        const curtail_level_result *lr = &c->lv[lv];
        cu_buf_puts(b, "{\"case\":");
        cu_buf_printf(b, "%zu", k);
        cu_buf_puts(b, ",\"variant\":");
        json_str(b, cu_sweep_variant_name(w, bi));
        cu_buf_puts(b, ",\"set\":{");
        for (j = 0; j < w->nsets; j++) {
            if (j)
                cu_buf_puts(b, ",");
            json_str(b, w->sets[j].path);
            cu_buf_puts(b, ":");
            json_str(b, w->sets[j].values[vi[j]]);
        }
        cu_buf_puts(b, "}");
        if (solved(c)) {
            cu_buf_puts(b, ",\"level\":");
            json_str(b, curtail_level_name((curtail_level)lv));
            cu_buf_puts(b, ",\"status\":");
            json_str(b, level_status(c, lv));
            cu_buf_puts(b, ",\"objective\":");
            cu_buf_num(b, c->objective);
            cu_buf_puts(b, ",\"lost_value\":");
            cu_buf_num(b, lr->lost_value);
            cu_buf_puts(b, ",\"weighted_loss\":");
            cu_buf_num(b, lr->weighted_loss);
            cu_buf_puts(b, ",\"targets\":{");
            for (p = 0; p < CU_NP; p++) {
                if (x->curve >= 0 && p != x->cP)
                    continue;
                if (p && x->curve < 0)
                    cu_buf_puts(b, ",");
                cu_buf_printf(b, "\"%s\":{\"required\":", curtail_pollutant_name((curtail_pollutant)p));
                cu_buf_num(b, lr->targets[p].required);
                cu_buf_puts(b, ",\"achieved\":");
                cu_buf_num(b, lr->targets[p].achieved);
                cu_buf_puts(b, ",\"shortfall\":");
                cu_buf_num(b, lr->targets[p].shortfall);
                cu_buf_puts(b, ",\"marginal_cost\":");
                cu_buf_num(b, lr->targets[p].shadow_price);
                cu_buf_puts(b, "}");
            }
            cu_buf_puts(b, "}");
            if (x->curve < 0) {
                const char *s = c->changed[L] ? c->changed[L] : "", *sp;
                cu_buf_puts(b, ",\"changed\":[");
                while (*s) {
                    char id[CU_MAX_ID + 1];
                    size_t n;
                    sp = strchr(s, ' ');
                    n = sp ? (size_t)(sp - s) : strlen(s);
                    if (n > CU_MAX_ID)
                        n = CU_MAX_ID;
                    memcpy(id, s, n);
                    id[n] = '\0';
                    json_str(b, id);
                    s += n;
                    if (*s == ' ') {
                        s++;
                        cu_buf_puts(b, ",");
                    }
                }
                cu_buf_puts(b, "]");
            }
        } else {
            cu_buf_puts(b, ",\"status\":");
            json_str(b, curtail_case_status_name(c->status));
        }
        cu_buf_puts(b, ",\"message\":");
        json_str(b, c->message ? c->message : "");
        cu_buf_puts(b, "}\n");
    }
    if (vi != vidx)
        cu_free(w->mem, vi);
}

/* The options checked, the curve found: the view every format writes. */
static int prepare(const curtail_sweep *w, const curtail_sweep_write_options **optsp,
                   curtail_sweep_write_options *def, wctx *x, cu_sweep_view *v,
                   curtail_error *err)
{
    const curtail_sweep_write_options *opts = *optsp;
    if (!w || !w->ran)
        return cu_einval(err, "curtail_sweep_write: the sweep has not run");
    if (!opts)
        *optsp = opts = def;
    if (opts->version == 0 || opts->version > CURTAIL_SWEEP_WRITE_OPTIONS_VERSION)
        return cu_einval(err, "curtail_sweep_write_options: unknown version %u", opts->version);
    memset(x, 0, sizeof *x);
    x->w = w;
    x->format = (int)opts->format;
    x->curve = -1;
    if (x->format != CURTAIL_FORMAT_CSV && x->format != CURTAIL_FORMAT_MD &&
        x->format != CURTAIL_FORMAT_JSON && x->format != CURTAIL_FORMAT_XLSX &&
        x->format != CURTAIL_FORMAT_HTML)
        return cu_einval(err, "a sweep is written as csv, md, jsonl, xlsx or html");
    if (opts->curve) {
        const char *pth = opts->curve, *dot;
        char lvl[32];
        size_t j;
        for (j = 0; j < w->nsets; j++)
            if (strcmp(w->sets[j].path, pth) == 0)
                x->curve = (int)j;
        dot = strncmp(pth, "targets.ratios.", 15) == 0 ? strchr(pth + 15, '.') : NULL;
        if (x->curve < 0 || !dot)
            return cu_error(err, CURTAIL_EINPUT, NULL, (cu_pos){0, 0}, pth,
                            "--curve needs a swept target ratio: --set "
                            "targets.ratios.LEVEL.POLLUTANT=A:B:STEP");
        snprintf(lvl, sizeof lvl, "%.*s", (int)((size_t)(dot - (pth + 15)) < 31 ? dot - (pth + 15) : 31),
                 pth + 15);
        {
            curtail_level l;
            curtail_pollutant q;
            x->cL = curtail_level_from_name(lvl, &l) == CURTAIL_OK ? (int)l : -1;
            x->cP = curtail_pollutant_from_name(dot + 1, &q) == CURTAIL_OK ? (int)q : -1;
        }
        if (x->cL < 0 || x->cP < 0)
            return cu_error(err, CURTAIL_EINPUT, NULL, (cu_pos){0, 0}, pth,
                            "--curve needs targets.ratios.LEVEL.POLLUTANT");
    }
    v->w = w;
    v->curve = x->curve;
    v->cL = x->cL;
    v->cP = x->cP;
    v->en = opts->version >= 2 && opts->lang != CURTAIL_LANG_DEFAULT
                ? opts->lang == CURTAIL_LANG_EN
                : w->s->lang == CURTAIL_LANG_EN;
    return CURTAIL_OK;
}

static int write_all(const curtail_sweep *w, const curtail_sweep_write_options *opts, cu_buf *b,
                     curtail_error *err)
{
    wctx x;
    cu_sweep_view v;
    size_t i;
    int hdr, rc;
    curtail_sweep_write_options def = CURTAIL_SWEEP_WRITE_OPTIONS_INIT;
    if ((rc = prepare(w, &opts, &def, &x, &v, err)) != CURTAIL_OK)
        return rc;
    x.b = b;
    if (x.format == CURTAIL_FORMAT_HTML) {
        if ((rc = cu_write_sweep_html(&v, b)) == CURTAIL_ENOMEM || b->failed)
            return cu_enomem(err);
        return rc == CURTAIL_OK ? rc : cu_einval(err, "the sweep cannot be read back");
    }
    hdr = opts->header < 0 ? (w->o.nshards <= 1 || w->o.shard == 0) : opts->header;
    if (hdr && x.format != CURTAIL_FORMAT_JSON)
        header(&x);
    for (i = 0; i < w->end - w->first; i++) {
        if (x.format == CURTAIL_FORMAT_JSON)
            jsonl_rows(&x, i);
        else
            table_rows(&x, i);
    }
    if (b->failed)
        return cu_enomem(err);
    return CURTAIL_OK;
}

/* The workbook into an output (a file, or a memory stream). */
static int write_xlsx(const curtail_sweep *w, const curtail_sweep_write_options *opts,
                      const char *path, FILE *fp, curtail_error *err)
{
    wctx x;
    cu_sweep_view v;
    cu_output out;
    int rc;
    curtail_sweep_write_options def = CURTAIL_SWEEP_WRITE_OPTIONS_INIT;
    if ((rc = prepare(w, &opts, &def, &x, &v, err)) != CURTAIL_OK)
        return rc;
    if ((rc = cu_output_open(&out, path, fp, NULL, NULL, err)) != CURTAIL_OK)
        return rc;
    return cu_output_close(&out, cu_write_sweep_xlsx(&v, &out, err), err);
}

int curtail_sweep_write_buffer(const curtail_sweep *w, const curtail_sweep_write_options *opts,
                               char **out, size_t *len, curtail_error *err)
{
    cu_buf b;
    int rc;
    if (!out || !len)
        return cu_einval(err, "curtail_sweep_write_buffer: out or len is NULL");
    *out = NULL;
    *len = 0;
    if (opts && opts->format == CURTAIL_FORMAT_XLSX) {
        /* libxlsxwriter writes a file: through a scratch file into memory */
        char *data = NULL;
        size_t n = 0;
        FILE *fp = open_memstream(&data, &n);
        if (!fp)
            return cu_enomem(err);
        rc = write_xlsx(w, opts, NULL, fp, err);
        if (fclose(fp) != 0 && rc == CURTAIL_OK)
            rc = cu_enomem(err);
        if (rc != CURTAIL_OK) {
            free(data);
            return rc;
        }
        *out = data;
        *len = n;
        return CURTAIL_OK;
    }
    cu_buf_init(&b, NULL); /* the C library's: the caller frees with curtail_buffer_free */
    if ((rc = write_all(w, opts, &b, err)) != CURTAIL_OK) {
        cu_buf_free(&b);
        return rc;
    }
    if (!b.data) {
        b.data = calloc(1, 1);
        if (!b.data)
            return cu_enomem(err);
    }
    *out = b.data;
    *len = b.len;
    return CURTAIL_OK;
}

int curtail_sweep_write_file(const curtail_sweep *w, const curtail_sweep_write_options *opts,
                             const char *path, curtail_error *err)
{
    char *data;
    size_t len;
    int rc;
    if (opts && opts->format == CURTAIL_FORMAT_XLSX)
        return write_xlsx(w, opts, path, NULL, err);
    rc = curtail_sweep_write_buffer(w, opts, &data, &len, err);
    if (rc != CURTAIL_OK)
        return rc;
    rc = cu_write_atomic(path, data, len, err);
    free(data);
    return rc;
}
