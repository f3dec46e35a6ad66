/* SPDX-License-Identifier: GPL-3.0-or-later */
/* write.h — the writers' entry points and the output files (write_*.c, write_file.c).
 * Internal; not installed. */
#ifndef CURTAIL_WRITE_H
#define CURTAIL_WRITE_H

#include "output.h"
#include "result.h"

#include <stdio.h>

int cu_write_json(const curtail_result *r, const curtail_write_options *o, cu_buf *out);
int cu_write_csv(const curtail_result *r, const curtail_write_options *o, cu_buf *out);
int cu_write_md(const curtail_result *r, const curtail_write_options *o, cu_buf *out);
int cu_write_html(const curtail_result *r, const curtail_write_options *o, cu_buf *out);
/* The public version (公示版) of the list in o->format other than xlsx (write_public.c). */
int cu_write_public(const curtail_result *r, const curtail_write_options *o, cu_buf *out);
/* A quoted, escaped JSON string, or null for NULL (write_json.c); a CSV text field, quoted
 * where needed and guarded against formulas (write_csv.c). */
void cu_json_str(cu_buf *b, const char *s);
void cu_csv_field(cu_buf *b, const char *s);
/* Text in a Markdown table cell or line: | \ * _ ` < > [ ] ~ escaped, line
 * breaks as spaces (write_public.c). */
void cu_md_text(cu_buf *b, const char *s);
/* Measure text as a bureau writes it ("延长结焦时间至48小时", "限产30%" ...),
 * with the optimiser's deeper cut when load < hi: the list's text (a
 * schedule's list is its plan's). */
void cu_measure_text(const curtail_result *r, size_t unit, int level, int lang, cu_buf *out);
/* The ozone window's stop, "10:00–18:00 停止涉VOCs工序（错时生产）" / "VOCs
 * processes stopped 10:00–18:00 (shifted production)": the one wording of the
 * plan's list (ozone season), the schedule's hours and its list. */
void cu_window_stop_text(const curtail_result *r, int en, cu_buf *out);
/* Does cu_measure_text of unit at level end with that stop (an ozone-season
 * list whose episode's window covers the level)? */
int cu_measure_has_window(const curtail_result *r, size_t unit, int level);
/* What hour t of schedule r requires of the unit: the list's text, the window
 * stop, the shifted output or the ramp of a coke oven, never more than the
 * hour's load (measure_text.c). */
void cu_hour_text(const curtail_result *r, size_t unit, size_t t, int lang, cu_buf *out);
/* Hours [t0, t1) of one ramp of the unit's coke oven at once: what they do
 * and each hour's cap, "焖炉前逐步减少装煤（3 小时内降至0%），各小时负荷依次不高于
 * 75%、50%、25%". */
void cu_ramp_run_text(const curtail_result *r, size_t unit, size_t t0, size_t t1, int lang,
                      cu_buf *out);
/* The workbook of r into o (write_xlsx.c): into o's temporary file when it
 * has one (cu_output_close then renames it), else through a scratch file
 * copied to o's stream or device. CURTAIL_OK or an error set in err. */
int cu_write_xlsx(const curtail_result *r, const curtail_write_options *o, cu_output *out,
                  curtail_error *err);

#endif
