/* SPDX-License-Identifier: GPL-3.0-or-later */
/* write_csv.c — the list (一企一策 / 应急减排清单) as CSV, one row per unit in
 * scenario order (SPEC §7). RFC 4180 quoting, LF line ends, UTF-8, an
 * optional byte order mark for Excel. Human-facing numbers: loads as
 * fractions with 4 decimals, emissions in kg/d with 2 decimals; capacity as
 * given. Headers, industries, grades and measure texts follow the language.
 * The columns are the list's (write_text.h), shared with the Markdown list.
 * A text cell that starts with =, +, -, @, TAB or CR is written with a
 * leading ' so that a spreadsheet does not evaluate it (CSV formula injection).
 *
 * A schedule is written in long form, one row per hour and unit, hour by
 * hour and within an hour in scenario order:
 *   时间 / Hour         the hour's start, "2023-12-01T08:00"
 *   预警级别 / Level    黄色/橙色/红色 (Yellow/Orange/Red), empty outside the timeline
 *   企业名称, 生产单元   names as in the list (the id when a name is absent)
 *   负荷 (%) / Load (%) percent of capacity, 2 decimals rounded down (never
 *                       more than the load)
 *   措施 / Measure      what the hour's load requires: the list's text at
 *                       the hour's level, the ozone-window stop, the shifted
 *                       output or the coke oven's ramp (cu_hour_text)
 *   小时产量 / Output in hour   load × capacity / 24, in the unit's own
 *                       product unit, 3 decimals
 *   <pollutant> 排放量 (kg)   (ef · capacity · load + fixed) / 24 in that
 *                       hour, fixed emissions included, 3 decimals
 * Hourly amounts are a 24th of daily ones, hence one decimal more than the
 * list's kg/d. */
#include "write_text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* One text field, quoted when it holds a comma, a quote or a line break.
 * A text that starts with =, +, - or @ gets a leading ' (Excel's convention)
 * so that a spreadsheet shows it rather than evaluating it as a formula;
 * numbers are written without this function and never touched. */
static void put_field(cu_buf *b, const char *s)
{
    const char *p;
    int guard;
    if (!s)
        s = "";
    /* a leading TAB or CR too: spreadsheets skip it and evaluate what follows */
    guard = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
    if (!strpbrk(s, ",\"\r\n")) {
        if (guard)
            cu_buf_put(b, "'", 1);
        cu_buf_puts(b, s);
        return;
    }
    cu_buf_put(b, guard ? "\"'" : "\"", guard ? 2 : 1);
    for (p = s; *p; p++) {
        if (*p == '"')
            cu_buf_put(b, "\"\"", 2);
        else
            cu_buf_put(b, p, 1);
    }
    cu_buf_put(b, "\"", 1);
}

/* The header: the list's columns (write_text.h), their labels as fields. */
static void put_header(cu_buf *b, int en, cu_buf *cell)
{
    size_t i;
    for (i = 0; i < CU_LIST_NCOLS_FULL; i++) {
        cell->len = 0;
        cu_list_header(cell, cu_list_column_full(i), en);
        if (cell->failed) {
            b->failed = 1;
            return;
        }
        if (i)
            cu_buf_puts(b, ",");
        put_field(b, cell->data);
    }
    cu_buf_puts(b, "\n");
}

/* One unit's row: numbers as they are, text cells through put_field;
 * cols and is_text: the columns and whether each is text. */
static int put_row(cu_buf *b, const curtail_result *r, size_t u, int lang, cu_buf *cell,
                   const cu_list_col *cols, const int *is_text)
{
    cu_list_row row;
    size_t i;
    int rc = cu_list_row_init(r, u, &row);
    if (rc != CURTAIL_OK)
        return rc;
    for (i = 0; i < CU_LIST_NCOLS_FULL && !b->failed; i++) {
        cu_list_col c = cols[i];
        if (i)
            cu_buf_put(b, ",", 1);
        if (!is_text[i]) {
            cu_list_cell(b, r, &row, c, lang);
            continue;
        }
        cell->len = 0;
        cu_list_cell(cell, r, &row, c, lang);
        if (cell->failed)
            b->failed = 1;
        else if (c.field == CU_COL_CREDIT_CODE && cell->len) {
            /* ="…": Excel and WPS keep an 18-character code as text (a
             * digits-only code would lose its last digits as a number, one
             * with an E read as an exponent); a code is [0-9A-Z] only */
            cu_buf_puts(b, "\"=\"\"");
            cu_buf_puts(b, cell->data);
            cu_buf_puts(b, "\"\"\"");
        } else
            put_field(b, cell->len ? cell->data : "");
    }
    cu_buf_puts(b, "\n");
    return CURTAIL_OK;
}

/* ---- schedule: the long form, one row per hour and unit -------------------------------------- */

static void put_schedule_header(cu_buf *b, int en)
{
    int p;
    cu_buf_puts(b, en ? "Hour,Level,Enterprise,Unit,Load (%),Measure,Output in hour"
                      : "时间,预警级别,企业名称,生产单元,负荷 (%),措施,小时产量");
    for (p = 0; p < CU_NP; p++)
        cu_buf_printf(b, en ? ",%s emissions (kg)" : ",%s 排放量 (kg)",
                      cu_pollutant_label(p, en));
    cu_buf_puts(b, "\n");
}

/* A unit's numbers (output, emissions) as last written: most hours repeat
 * the hour before (a level's hours share one load), and formatting six
 * fixed-decimal numbers costs more than copying them. */
typedef struct row_cache {
    double load;
    size_t len; /* 0: nothing cached */
    char text[112];
} row_cache;

static void put_unit_numbers(cu_buf *b, const curtail_unit_spec *unit, double x, row_cache *c)
{
    size_t at = b->len;
    int p;
    if (c->len && c->load == x) {
        cu_buf_put(b, c->text, c->len);
        return;
    }
    cu_put_fixed(b, x * unit->capacity / 24.0, 3);
    for (p = 0; p < CU_NP; p++) {
        cu_buf_puts(b, ",");
        cu_put_fixed(b, (unit->ef[p] * unit->capacity * x + unit->fixed_kgpd[p]) / 24.0, 3);
    }
    c->len = 0;
    if (!b->failed && b->len - at < sizeof c->text) {
        c->len = b->len - at;
        c->load = x;
        memcpy(c->text, b->data + at, c->len);
    }
}

/* The rows of hour t: its label and level, then every unit's load, output
 * (load × capacity / 24) and emissions ((ef·capacity·load + fixed) / 24). */
static int put_hour_rows(cu_buf *b, const curtail_result *r, size_t t, int lang,
                         row_cache *cache, cu_buf *text)
{
    int en = lang == CURTAIL_LANG_EN;
    size_t u, n = curtail_result_unit_count(r);
    char label[32];
    int level = curtail_result_hour_level(r, t);
    int rc = curtail_result_hour_label(r, t, label, sizeof label, NULL);
    if (rc != CURTAIL_OK)
        return rc;
    for (u = 0; u < n && !b->failed; u++) {
        cu_unit_info ui;
        const curtail_unit_spec *unit = &ui.u;
        const curtail_enterprise_spec *e = &ui.e;
        const double *loads = curtail_result_unit_loads(r, u);
        if (!loads || cu_unit_info_get(r, u, &ui) != CURTAIL_OK)
            return CURTAIL_EINVAL;
        cu_buf_puts(b, label);
        cu_buf_puts(b, ",");
        if (level >= 0)
            cu_buf_puts(b, cu_level_label(level, en, 0));
        cu_buf_puts(b, ",");
        put_field(b, e->name ? e->name : e->id);
        cu_buf_puts(b, ",");
        put_field(b, unit->name ? unit->name : unit->id);
        cu_buf_puts(b, ",");
        cu_put_fixed(b, floor(loads[t] * 10000.0 + 1e-6) / 100.0, 2);
        cu_buf_puts(b, ",");
        text->len = 0;
        cu_hour_text(r, u, t, lang, text);
        if (text->failed)
            b->failed = 1;
        else
            put_field(b, text->len ? text->data : "");
        cu_buf_puts(b, ",");
        put_unit_numbers(b, unit, loads[t], &cache[u]);
        cu_buf_puts(b, "\n");
    }
    return CURTAIL_OK;
}

static int write_schedule(const curtail_result *r, int lang, cu_buf *out)
{
    size_t t, hours = curtail_result_hour_count(r), n = curtail_result_unit_count(r);
    row_cache *cache = cu_calloc(r->mem, n ? n : 1, sizeof *cache);
    cu_buf text;
    int rc = CURTAIL_OK;
    if (!cache)
        return CURTAIL_ENOMEM;
    cu_buf_init(&text, out->mem);
    put_schedule_header(out, lang == CURTAIL_LANG_EN);
    for (t = 0; t < hours && !out->failed && rc == CURTAIL_OK; t++)
        rc = put_hour_rows(out, r, t, lang, cache, &text);
    cu_buf_free(&text);
    cu_free(r->mem, cache);
    return rc;
}

int cu_write_csv(const curtail_result *r, const curtail_write_options *o, cu_buf *out)
{
    int lang = cu_write_lang(r, o);
    size_t u, n = curtail_result_unit_count(r);
    cu_buf cell;
    cu_list_col cols[CU_LIST_NCOLS_FULL]; /* the columns, worked out once */
    int is_text[CU_LIST_NCOLS_FULL];
    int rc;
    if (o->bom)
        cu_buf_puts(out, "\xEF\xBB\xBF");
    if (r->kind == 1) {
        rc = write_schedule(r, lang, out);
        return rc != CURTAIL_OK ? rc : out->failed ? CURTAIL_ENOMEM : CURTAIL_OK;
    }
    for (u = 0; u < CU_LIST_NCOLS_FULL; u++) {
        cols[u] = cu_list_column_full(u);
        is_text[u] = cu_list_col_is_text(cols[u]);
    }
    cu_buf_init(&cell, out->mem);
    put_header(out, lang == CURTAIL_LANG_EN, &cell);
    for (u = 0; u < n && !out->failed; u++) {
        rc = put_row(out, r, u, lang, &cell, cols, is_text);
        if (rc != CURTAIL_OK) {
            cu_buf_free(&cell);
            return rc;
        }
    }
    cu_buf_free(&cell);
    return out->failed ? CURTAIL_ENOMEM : CURTAIL_OK;
}

/* A CSV text field for the public list (write_public.c). */
void cu_csv_field(cu_buf *b, const char *s)
{
    put_field(b, s);
}
