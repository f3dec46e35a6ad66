/* write_text.h — what the human-facing writers (CSV, Markdown) share: the
 * zh/en labels of industries, grades, levels and pollutants, fixed-decimal
 * numbers, and the facts of an episode a schedule writer words (ozone-window
 * stops, hour labels). Internal; not installed. */
#ifndef CURTAIL_WRITE_TEXT_H
#define CURTAIL_WRITE_TEXT_H

#include "internal.h"

extern const char *const cu_industry_zh[CURTAIL_NINDUSTRIES]; /* 焦化 化工 锅炉 其他 */
extern const char *const cu_industry_en[CURTAIL_NINDUSTRIES];
extern const char *const cu_grade_zh[CURTAIL_NGRADES]; /* A级 … 未分级 */
extern const char *const cu_grade_en[CURTAIL_NGRADES];
extern const char *const cu_level_zh[CU_NL]; /* 黄色 橙色 红色 */
extern const char *const cu_level_en[CU_NL]; /* Yellow Orange Red */
extern const char *const cu_pollutant_zh[CU_NP]; /* SO2 NOx 颗粒物 VOCs */

/* Fixed decimals, never "-0.00", never nan/inf. */
void cu_put_fixed(cu_buf *b, double v, int decimals);
/* At most `decimals` decimals, trailing zeros dropped: 0.95, 0.5833, 1, 0. */
void cu_put_trimmed(cu_buf *b, double v, int decimals);

/* The declared grade of unit u's enterprise, with the effective one when a
 * modifier changed it: "C级（按D级管控）" / "C (managed as D)". */
void cu_grade_label(const curtail_result *r, size_t u, int en, char *buf, size_t n);

/* The language a writer uses: the option's, or the scenario's by default. */
int cu_write_lang(const curtail_result *r, const curtail_write_options *o);

/* ---- episodes ---------------------------------------------------------------------------- */

/* Is hour t of schedule r an ozone-window hour of a listed level? */
int cu_hour_in_window(const curtail_result *r, size_t t);
/* "HH:MM" of minutes after midnight (1440 gives "24:00"); buf >= 6 bytes. */
void cu_format_clock(int minutes, char *buf, size_t n);

#endif
