/* SPDX-License-Identifier: GPL-3.0-or-later */
/* write_public.c — the public version of the list (公示版, issue 9) in
 * Markdown, CSV, JSON and HTML (the workbook's is write_xlsx_public.c).
 *
 * What a bureau publishes: who (enterprise, credit code, town, industry,
 * grade) and what each unit does at each level (the measure text and the
 * load beside the base load, as percentages of capacity, and the
 * enterprise's transport measure, 运输措施: a measure, not an emission
 * figure; the trips it stops are not published). Nothing else:
 * no emissions, no reductions, no targets, no lost value, no shadow
 * prices, and no reasons (a 依据 quotes costs per kg). The columns are a
 * fixed list of their own rather than the filed version's minus some, so a
 * column added to the filed version never leaks into the public one. The
 * title block says 公示版 / Public version. */
#include "report.h"
#include "svg.h"

#include <string.h>


cu_list_col cu_list_column_public(size_t i)
{
    static const cu_list_field head[9] = {
        CU_COL_NO,    CU_COL_ENTERPRISE, CU_COL_CREDIT_CODE, CU_COL_TOWN,     CU_COL_INDUSTRY,
        CU_COL_GRADE, CU_COL_UNIT,       CU_COL_CAPACITY,    CU_COL_BASE_LOAD};
    cu_list_col c = {CU_COL_NO, 0, 0};
    if (i < 9) {
        c.field = head[i];
        return c;
    }
    c.level = (int)((i - 9) / 3);
    c.field = (i - 9) % 3 == 0 ? CU_COL_LOAD : (i - 9) % 3 == 1 ? CU_COL_MEASURE : CU_COL_TRANSPORT;
    return c;
}

/* The title, as the filed version's (the scenario's name, else the file's). */
static const char *title_of(const curtail_result *r, int en)
{
    const char *t = cu_report_title(r);
    return t ? t : en ? "Emergency reduction list" : "应急减排清单";
}

static const char *edition_line(int en)
{
    return en ? "Public version: enterprises, towns, grades and the measures of each alert "
                "level, without emissions, reductions or economic figures"
              : "公示版：企业名称、乡镇、绩效等级及各级别减排措施，不含排放量、减排量和经济指标";
}

/* ---- Markdown ------------------------------------------------------------------------------ */

/* Markdown cell text: | \ * _ ` < > [ ] ~ escaped, line breaks as spaces. */
void cu_md_text(cu_buf *b, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '\n' || *s == '\r')
            cu_buf_put(b, " ", 1);
        else {
            if (strchr("\\|*_`<>[]~", *s))
                cu_buf_put(b, "\\", 1);
            cu_buf_put(b, s, 1);
        }
    }
}

/* The scenario's note and compiled_by (when given), each as open, label, the
 * escaped text and close. */
static void put_note_by(cu_buf *out, const curtail_result *r, int en, const char *open,
                        void (*text)(cu_buf *, const char *), const char *close)
{
    const char *note = curtail_scenario_note(r->s), *by = curtail_scenario_compiled_by(r->s);
    if (note) {
        cu_buf_puts(out, open);
        cu_buf_puts(out, en ? "Note: " : "说明：");
        text(out, note);
        cu_buf_puts(out, close);
    }
    if (by) {
        cu_buf_puts(out, open);
        cu_buf_puts(out, en ? "Compiled by: " : "编制单位：");
        text(out, by);
        cu_buf_puts(out, close);
    }
}

static int write_md(const curtail_result *r, int lang, cu_buf *out)
{
    int en = lang == CURTAIL_LANG_EN;
    size_t u, i, n = curtail_result_unit_count(r);
    cu_buf tmp;
    int rc = CURTAIL_OK;
    cu_buf_puts(out, "# ");
    cu_md_text(out, title_of(r, en));
    cu_buf_puts(out, en ? "\n\n> " : "\n\n> ");
    cu_buf_puts(out, edition_line(en));
    cu_buf_puts(out, en ? ".\n" : "。\n");
    put_note_by(out, r, en, ">\n> ", cu_md_text, "\n");
    cu_buf_puts(out, en ? "\n## List (one enterprise, one policy)\n\n" : "\n## 一企一策清单\n\n");
    cu_buf_init(&tmp, out->mem);
    for (i = 0; i < CU_LIST_NCOLS_PUBLIC; i++) {
        tmp.len = 0;
        cu_list_header(&tmp, cu_list_column_public(i), en);
        cu_buf_puts(out, i ? " | " : "| ");
        cu_md_text(out, tmp.failed ? NULL : tmp.data);
    }
    cu_buf_puts(out, " |\n");
    for (i = 0; i < CU_LIST_NCOLS_PUBLIC; i++)
        cu_buf_puts(out, cu_list_col_is_text(cu_list_column_public(i)) ? "|---" : "|---:");
    cu_buf_puts(out, "|\n");
    for (u = 0; u < n && !out->failed; u++) {
        cu_list_row row;
        if ((rc = cu_list_row_init(r, u, &row)) != CURTAIL_OK)
            break;
        for (i = 0; i < CU_LIST_NCOLS_PUBLIC; i++) {
            tmp.len = 0;
            cu_list_cell(&tmp, r, &row, cu_list_column_public(i), lang);
            cu_buf_puts(out, i ? " | " : "| ");
            cu_md_text(out, tmp.failed || !tmp.len ? NULL : tmp.data);
            if (tmp.failed)
                out->failed = 1;
        }
        cu_buf_puts(out, " |\n");
    }
    cu_buf_free(&tmp);
    return rc;
}

/* ---- CSV ------------------------------------------------------------------------------------- */

static int write_csv(const curtail_result *r, int lang, int bom, cu_buf *out)
{
    int en = lang == CURTAIL_LANG_EN;
    size_t u, i, n = curtail_result_unit_count(r);
    cu_buf tmp;
    int rc = CURTAIL_OK;
    if (bom)
        cu_buf_puts(out, "\xEF\xBB\xBF");
    cu_buf_init(&tmp, out->mem);
    for (i = 0; i < CU_LIST_NCOLS_PUBLIC; i++) {
        tmp.len = 0;
        cu_list_header(&tmp, cu_list_column_public(i), en);
        if (i)
            cu_buf_puts(out, ",");
        cu_csv_field(out, tmp.failed ? "" : tmp.data);
    }
    cu_buf_puts(out, "\n");
    for (u = 0; u < n && !out->failed; u++) {
        cu_list_row row;
        if ((rc = cu_list_row_init(r, u, &row)) != CURTAIL_OK)
            break;
        for (i = 0; i < CU_LIST_NCOLS_PUBLIC; i++) {
            cu_list_col c = cu_list_column_public(i);
            tmp.len = 0;
            cu_list_cell(&tmp, r, &row, c, lang);
            if (i)
                cu_buf_puts(out, ",");
            if (tmp.failed)
                out->failed = 1;
            else if (c.field == CU_COL_CREDIT_CODE && tmp.len) {
                /* ="…" as in the filed CSV: Excel and WPS keep the 18 characters as text */
                cu_buf_puts(out, "\"=\"\"");
                cu_buf_puts(out, tmp.data);
                cu_buf_puts(out, "\"\"\"");
            } else if (cu_list_col_is_text(c))
                cu_csv_field(out, tmp.len ? tmp.data : "");
            else
                cu_buf_put(out, tmp.data ? tmp.data : "", tmp.len);
        }
        cu_buf_puts(out, "\n");
    }
    cu_buf_free(&tmp);
    return rc;
}

/* ---- JSON ------------------------------------------------------------------------------------ */

/* "key": "string" or null */
static void json_opt(cu_buf *b, const char *key, const char *v)
{
    cu_json_str(b, key);
    cu_buf_puts(b, ": ");
    cu_json_str(b, v);
}

/* One enterprise: its public facts and its units with each level's load and text. */
static int json_enterprise(cu_buf *b, const curtail_result *r, size_t first, size_t end,
                           int lang, cu_buf *tmp)
{
    cu_list_row row;
    size_t u;
    int L, rc;
    if ((rc = cu_list_row_init(r, first, &row)) != CURTAIL_OK)
        return rc;
    cu_buf_puts(b, "    {");
    json_opt(b, "id", row.info.e.id);
    cu_buf_puts(b, ", ");
    json_opt(b, "name", row.info.e.name);
    cu_buf_puts(b, ", ");
    json_opt(b, "credit_code", row.info.e.credit_code);
    cu_buf_puts(b, ", ");
    json_opt(b, "town", row.info.e.town);
    cu_buf_puts(b, ", ");
    json_opt(b, "industry", curtail_industry_name(row.info.e.industry));
    cu_buf_puts(b, ", ");
    json_opt(b, "grade", curtail_grade_name(row.info.e.grade));
    cu_buf_puts(b, ",\n     \"units\": [\n");
    for (u = first; u < end && !b->failed; u++) {
        double capacity;
        int capu;
        if ((rc = cu_list_row_init(r, u, &row)) != CURTAIL_OK)
            return rc;
        capu = cu_capacity_stated(&row.info.u, &capacity);
        cu_buf_puts(b, "       {");
        json_opt(b, "unit", row.info.u.id);
        cu_buf_puts(b, ", ");
        json_opt(b, "name", row.info.u.name ? row.info.u.name : row.info.u.id);
        cu_buf_puts(b, ", ");
        json_opt(b, "kind", curtail_kind_name(row.info.u.kind));
        cu_buf_puts(b, ", \"capacity\": ");
        cu_buf_num(b, capacity); /* in capacity_unit */
        cu_buf_puts(b, ", ");
        json_opt(b, "capacity_unit", cu_capu_names[capu]);
        cu_buf_puts(b, ", ");
        json_opt(b, "effective_grade", curtail_grade_name((curtail_grade)r->grades[u].grade));
        cu_buf_puts(b, ", \"base_load\": ");
        cu_buf_num(b, row.ur[0].base_load);
        cu_buf_puts(b, ",\n        \"levels\": {");
        for (L = 0; L < CU_NL; L++) {
            cu_buf_puts(b, L ? ",\n                   " : "");
            cu_json_str(b, curtail_level_name((curtail_level)L));
            cu_buf_puts(b, ": {\"load\": ");
            cu_buf_num(b, row.ur[L].load);
            cu_buf_puts(b, ", \"measure\": ");
            cu_json_str(b, cu_measure_key(row.ur[L].measure));
            cu_buf_puts(b, ", \"text\": ");
            tmp->len = 0;
            cu_measure_text(r, u, L, lang, tmp);
            if (tmp->failed)
                b->failed = 1;
            cu_json_str(b, tmp->failed || !tmp->len ? "" : tmp->data);
            cu_buf_puts(b, "}");
        }
        cu_buf_puts(b, u + 1 < end ? "}},\n" : "}}\n");
    }
    /* the enterprise's transport measure per level (a measure; the trips it
     * stops and what they save are the filed version's) */
    cu_buf_puts(b, "     ],\n     \"transport\": {");
    for (L = 0; L < CU_NL; L++) {
        curtail_transport tr = curtail_result_transport(r, (curtail_level)L, row.info.ent);
        cu_buf_puts(b, L ? ",\n                   " : "");
        cu_json_str(b, curtail_level_name((curtail_level)L));
        cu_buf_puts(b, ": {\"measure\": ");
        if (tr == CURTAIL_TRANSPORT_UNSET)
            cu_buf_puts(b, "null");
        else
            cu_json_str(b, curtail_transport_name(tr));
        cu_buf_puts(b, ", \"text\": ");
        cu_json_str(b, cu_transport_text((int)tr, lang == CURTAIL_LANG_EN));
        cu_buf_puts(b, "}");
    }
    cu_buf_puts(b, "}}");
    return CURTAIL_OK;
}

static int write_json(const curtail_result *r, int lang, cu_buf *out)
{
    size_t u, n = curtail_result_unit_count(r), first;
    const char *note = curtail_scenario_note(r->s), *by = curtail_scenario_compiled_by(r->s);
    cu_buf tmp;
    int rc = CURTAIL_OK, any = 0;
    cu_buf_puts(out, "{\n  \"curtail\": 1,\n  ");
    json_opt(out, "version", curtail_version());
    cu_buf_puts(out, ",\n  ");
    json_opt(out, "scenario", curtail_scenario_name(r->s));
    cu_buf_puts(out, ",\n  ");
    json_opt(out, "command", "plan");
    cu_buf_puts(out, ",\n  ");
    json_opt(out, "edition", "public");
    cu_buf_puts(out, ",\n  ");
    json_opt(out, "note", note);
    cu_buf_puts(out, ",\n  ");
    json_opt(out, "compiled_by", by);
    cu_buf_puts(out, ",\n  \"enterprises\": [");
    cu_buf_init(&tmp, out->mem);
    for (first = 0; first < n && rc == CURTAIL_OK && !out->failed; first = u) {
        cu_unit_info a, c;
        if ((rc = cu_unit_info_get(r, first, &a)) != CURTAIL_OK)
            break;
        for (u = first + 1; u < n && cu_unit_info_get(r, u, &c) == CURTAIL_OK && c.ent == a.ent;
             u++)
            ;
        cu_buf_puts(out, any ? ",\n" : "\n");
        any = 1;
        rc = json_enterprise(out, r, first, u, lang, &tmp);
    }
    cu_buf_free(&tmp);
    cu_buf_puts(out, any ? "\n  ]\n}\n" : "]\n}\n");
    return rc;
}

/* ---- HTML ------------------------------------------------------------------------------------ */

static int write_html(const curtail_result *r, int lang, cu_buf *out)
{
    int en = lang == CURTAIL_LANG_EN;
    size_t u, i, n = curtail_result_unit_count(r);
    cu_buf tmp;
    int rc = CURTAIL_OK;
    cu_html_head(out, cu_report_title(r), en ? "Emergency reduction list" : "应急减排清单", en);
    cu_buf_puts(out, "<p class=\"meta\"><strong>");
    cu_buf_puts(out, edition_line(en));
    cu_buf_puts(out, en ? ".</strong></p>\n" : "。</strong></p>\n");
    put_note_by(out, r, en, "<p class=\"note\">", cu_xml_text, "</p>\n");
    cu_buf_puts(out, en ? "</header>\n<section class=\"list\">\n<h2>List (one enterprise, one "
                          "policy)</h2>\n<table class=\"list\">\n<thead>\n<tr>"
                        : "</header>\n<section class=\"list\">\n<h2>一企一策清单</h2>\n"
                          "<table class=\"list\">\n<thead>\n<tr>");
    cu_buf_init(&tmp, out->mem);
    for (i = 0; i < CU_LIST_NCOLS_PUBLIC; i++) {
        cu_list_col c = cu_list_column_public(i);
        tmp.len = 0;
        cu_list_header(&tmp, c, en);
        if (c.field == CU_COL_LOAD || c.field == CU_COL_MEASURE || c.field == CU_COL_TRANSPORT)
            cu_buf_printf(out, "<th class=\"l%d\">", c.level);
        else
            cu_buf_puts(out, "<th>");
        cu_xml_text(out, tmp.failed ? "" : tmp.data);
        cu_buf_puts(out, "</th>");
    }
    cu_buf_puts(out, "</tr>\n</thead>\n<tbody>\n");
    for (u = 0; u < n && !out->failed; u++) {
        cu_list_row row;
        if ((rc = cu_list_row_init(r, u, &row)) != CURTAIL_OK)
            break;
        cu_buf_puts(out, "<tr>");
        for (i = 0; i < CU_LIST_NCOLS_PUBLIC; i++) {
            cu_list_col c = cu_list_column_public(i);
            tmp.len = 0;
            cu_list_cell(&tmp, r, &row, c, lang);
            if (tmp.failed)
                out->failed = 1;
            cu_buf_puts(out, !cu_list_col_is_text(c) ? "<td class=\"n\">"
                             : c.field == CU_COL_MEASURE || c.field == CU_COL_TRANSPORT
                                 ? "<td class=\"m\">"
                             : c.field == CU_COL_CREDIT_CODE  ? "<td class=\"c\">"
                             : c.field == CU_COL_ENTERPRISE || c.field == CU_COL_UNIT
                                 ? "<td class=\"e\">"
                                 : "<td>");
            cu_xml_text(out, tmp.failed || !tmp.len ? "" : tmp.data);
            cu_buf_puts(out, "</td>");
        }
        cu_buf_puts(out, "</tr>\n");
    }
    cu_buf_free(&tmp);
    cu_buf_puts(out, "</tbody>\n</table>\n</section>\n</body>\n</html>\n");
    return rc;
}

int cu_write_public(const curtail_result *r, const curtail_write_options *o, cu_buf *out)
{
    int lang = cu_write_lang(r, o), rc;
    switch (o->format) {
    case CURTAIL_FORMAT_JSON:
        rc = write_json(r, lang, out);
        break;
    case CURTAIL_FORMAT_CSV:
        rc = write_csv(r, lang, o->bom, out);
        break;
    case CURTAIL_FORMAT_HTML:
        rc = write_html(r, lang, out);
        break;
    default:
        rc = write_md(r, lang, out);
        break;
    }
    if (rc == CURTAIL_OK && out->failed)
        rc = CURTAIL_ENOMEM;
    return rc;
}
