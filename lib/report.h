/* report.h — what the bureau's formats (write_xlsx.c, write_html.c) share
 * beyond write_text.h: a list column's number, the title, reductions summed
 * by industry and grade, and hourly emissions of a schedule. Internal; not
 * installed. */
#ifndef CURTAIL_REPORT_H
#define CURTAIL_REPORT_H

#include "write_text.h"

/* The number of a numeric list column (not cu_list_col_is_text): 序号,
 * capacity in its stated unit (cu_capacity_stated), baseline kg/d, base load and load as fractions, reduction kg/d. */
double cu_list_value(const curtail_result *r, const cu_list_row *row, cu_list_col c);

/* The report's title: the scenario's name, else the input file's base name
 * (not for standard input), else NULL. Borrowed from the scenario. */
const char *cu_report_title(const curtail_result *r);

/* Reductions (kg/d) summed per level and pollutant by industry and by
 * effective grade over every unit of the list. */
typedef struct cu_report_sums {
    double by_industry[CURTAIL_NINDUSTRIES][CU_NL][CU_NP];
    double by_grade[CURTAIL_NGRADES][CU_NL][CU_NP];
    int has_industry[CURTAIL_NINDUSTRIES]; /* some unit of that industry */
    int has_grade[CURTAIL_NGRADES];
} cu_report_sums;
int cu_report_sums_compute(const curtail_result *r, cu_report_sums *out);

/* Emissions of schedule r in hour t (kg over the hour), fixed ones
 * included: Σ_g E[g,p]·load[g,t]/24 + Σ_u fixed_u,p/24. */
void cu_hour_emissions(const curtail_result *r, size_t t, double out[CU_NP]);
/* The mean load in hour t over the load groups of one industry, weighted by
 * output value at capacity (Σ V·load / Σ V; a plain mean when every V is 0;
 * 0 when the industry has none). */
double cu_industry_hour_load(const curtail_result *r, int industry, size_t t);

/* An HTML document's start as the report has it (write_html.c): doctype,
 * head with the report's inline CSS (A4 landscape), <body><header><h1> with
 * the title escaped (`fallback`, trusted text, when title is NULL); the
 * caller closes </header>, </body> and </html>. */
void cu_html_head(cu_buf *b, const char *title, const char *fallback, int en);

/* Excel's sheet limits (write_xlsx.c) */
#define CU_XLSX_MAX_ROWS 1048576u
#define CU_XLSX_MAX_COLS 16384u
/* The workbook written to `path` as libxlsxwriter does it, with the sheet
 * limits given (the writer passes Excel's; tests smaller ones). */
int cu_xlsx_build(const curtail_result *r, const curtail_write_options *o, const char *path,
                  size_t max_rows, size_t max_cols, curtail_error *err);
/* 2024-01-01T00:00:00Z: the fixed creation date of every workbook. */
#define CU_XLSX_CREATED ((time_t)1704067200)
/* A workbook built by build(ctx, path, err) (libxlsxwriter names a file and
 * writes it itself) into `out`: into its temporary file when it has one
 * (cu_output_close then renames it), else through a scratch file in $TMPDIR
 * copied to its stream or device and removed (out->on_temp told of it). */
typedef int (*cu_xlsx_build_fn)(void *ctx, const char *path, curtail_error *err);
int cu_xlsx_to_output(cu_xlsx_build_fn build, void *ctx, const curtail_mem *mem, cu_output *out,
                      curtail_error *err);

#endif
