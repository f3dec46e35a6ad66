/* SPDX-License-Identifier: GPL-3.0-or-later */
/* write_text.h — what the human-facing writers (CSV, Markdown) share: the
 * zh/en labels of industries, grades, levels and pollutants, fixed-decimal
 * numbers, the columns of the list (one model for both formats), and the
 * facts of an episode a schedule writer words (ozone-window stops, hour
 * labels). Internal; not installed. */
#ifndef CURTAIL_WRITE_TEXT_H
#define CURTAIL_WRITE_TEXT_H

#include "names.h"
#include "timeutil.h"
#include "write.h"

extern const char *const cu_industry_zh[CURTAIL_NINDUSTRIES]; /* 焦化 化工 锅炉 其他 */
extern const char *const cu_industry_en[CURTAIL_NINDUSTRIES];
extern const char *const cu_grade_zh[CURTAIL_NGRADES]; /* A级 … 未分级 */
extern const char *const cu_grade_en[CURTAIL_NGRADES];
extern const char *const cu_pollutant_zh[CU_NP]; /* SO2 NOx 颗粒物 VOCs */
/* Pollutant p's label: its English name (en) or cu_pollutant_zh[p]. */
const char *cu_pollutant_label(int p, int en);
/* A level's or segment's status: "目标未达成" / "targets not met" for
 * CURTAIL_TARGETS_UNMET, "目标达成" / "targets met" otherwise. */
const char *cu_status_label(int status, int en);
/* The same for a whole plan or schedule: "减排目标未全部达成（缺口已最小化）" /
 * "targets not met (smallest shortfall)", "减排目标全部达成" / "all targets met". */
const char *cu_status_all_label(int status, int en);

/* Fixed decimals, never "-0.00", never nan/inf. */
void cu_put_fixed(cu_buf *b, double v, int decimals);
/* At most `decimals` decimals, trailing zeros dropped: 0.95, 0.5833, 1, 0. */
void cu_put_trimmed(cu_buf *b, double v, int decimals);

/* Unit u as the public read-back gives it (curtail_scenario_unit /
 * curtail_scenario_enterprise: names default to ids, strings borrowed), with
 * its enterprise's index and its load group's leader. */
typedef struct cu_unit_info {
    curtail_unit_spec u;
    curtail_enterprise_spec e;
    size_t ent;    /* enterprise index */
    size_t leader; /* unit index of the leader of its load group (itself if none) */
} cu_unit_info;
/* CURTAIL_OK, or CURTAIL_EINVAL for a unit out of range. */
int cu_unit_info_get(const curtail_result *r, size_t u, cu_unit_info *out);
/* Hour t of schedule r as "MM-DD HH:MM" (curtail_result_hour_label without
 * the year): the hour axis of the charts and of the hourly-loads sheet. */
void cu_hour_label_short(const curtail_result *r, size_t t, char *buf, size_t n);
/* A unit's display name: its name, or its id. */
const char *cu_unit_name(const curtail_result *r, size_t u);

/* A unit's capacity as its outputs state it: the resolved capacity unit
 * (CU_CAPU_*, names.h) and in *amount the capacity in that unit (the daily
 * capacity ÷ 24 for t/h and m3/h: a 960 t/d boiler is 40 t/h). Every writer
 * states a capacity through this, as text ("40 吨/小时") or as a number
 * beside its unit (JSON capacity_unit, the workbook's unit column). */
int cu_capacity_stated(const curtail_unit_spec *u, double *amount);

/* A declared grade, with the effective one (eff) when a modifier changed it:
 * "C级（按D级管控）" / "C (managed as D)"; the declared one alone when eff
 * equals it or is out of range. */
void cu_grade_label(cu_buf *b, int grade, int eff, int en);

/* Issue 10: a level's non-industrial credits (非工业源抵扣) and combined
 * targets as sentences, each ending in "\n"; nothing when the scenario has
 * neither. `with_level` starts each with the level's name. */
void cu_target_notes(cu_buf *b, const curtail_result *r, int level, int en, int with_level);

/* The language a writer uses: the option's, or the scenario's by default. */
int cu_write_lang(const curtail_result *r, const curtail_write_options *o);

/* ---- the list (SPEC §7) ------------------------------------------------------------------
 * One row per unit; the CSV and the Markdown list carry the same columns in
 * the same order: 序号, 企业名称, 统一社会信用代码, 乡镇, 行业, 绩效等级, 生产单元,
 * 产能, the baseline emissions per pollutant, then per level 负荷, 措施, 运输措施
 * (the enterprise's transport measure, on each of its units' rows) and the
 * reduction per pollutant. */
typedef enum cu_list_field {
    CU_COL_NO,
    CU_COL_ENTERPRISE,
    CU_COL_CREDIT_CODE,
    CU_COL_TOWN,
    CU_COL_INDUSTRY,
    CU_COL_GRADE,
    CU_COL_UNIT,
    CU_COL_CAPACITY,
    CU_COL_BASELINE,  /* per pollutant */
    CU_COL_LOAD,      /* per level */
    CU_COL_MEASURE,   /* per level */
    CU_COL_TRANSPORT, /* per level: 运输措施, the enterprise's (issue 10) */
    CU_COL_REDUCTION, /* per level and pollutant */
    /* the CSV and Markdown list only (cu_list_column_full) */
    CU_COL_BASE_LOAD, /* the base load beside the loads, as a percentage */
    CU_COL_REASON     /* per level: 依据 (why the measure, measure_words.h) */
} cu_list_field;

typedef struct cu_list_col {
    cu_list_field field;
    int level;     /* CU_COL_LOAD, CU_COL_MEASURE, CU_COL_TRANSPORT, CU_COL_REDUCTION */
    int pollutant; /* CU_COL_BASELINE, CU_COL_REDUCTION */
} cu_list_col;

#define CU_LIST_NCOLS (8 + CU_NP + CU_NL * (3 + CU_NP))

/* Column i (0 <= i < CU_LIST_NCOLS) of the list. */
cu_list_col cu_list_column(size_t i);
/* The CSV and Markdown list: the same with 基准负荷 after 产能 and 依据 after
 * each level's 措施 (before 运输措施); there loads are percentages and the capacity carries its
 * unit (0 <= i < CU_LIST_NCOLS_FULL). */
#define CU_LIST_NCOLS_FULL (CU_LIST_NCOLS + 1 + CU_NL)
cu_list_col cu_list_column_full(size_t i);
/* The public version's list (公示版, write_public.c): 序号 … 产能, 基准负荷, then
 * per level 负荷, 措施 and 运输措施; no emissions, reductions or reasons
 * (0 <= i < CU_LIST_NCOLS_PUBLIC). */
#define CU_LIST_NCOLS_PUBLIC (9 + 3 * CU_NL)
cu_list_col cu_list_column_public(size_t i);
/* Is the column free text (names, codes, labels, measures) rather than a number? */
int cu_list_col_is_text(cu_list_col c);
/* The column's header label, unescaped: "基准排放量 SO2 (kg/d)", "Yellow load". */
void cu_list_header(cu_buf *b, cu_list_col c, int en);

/* What a row needs computed once: the unit's result at each level. */
typedef struct cu_list_row {
    size_t unit;
    cu_unit_info info;
    curtail_unit_result ur[CU_NL];
} cu_list_row;
/* CURTAIL_OK or the code of curtail_result_unit. */
int cu_list_row_init(const curtail_result *r, size_t u, cu_list_row *row);
/* The cell of column c, unescaped (the writer quotes or escapes text cells);
 * lang as for cu_measure_text. Loads have 4 decimals, kg/d 2, capacity as given. */
void cu_list_cell(cu_buf *b, const curtail_result *r, const cu_list_row *row, cu_list_col c,
                  int lang);

/* ---- transport (issue 10) ------------------------------------------------------------------ */
/* Enterprises by transport measure at a level (index: curtail_transport). */
void cu_transport_counts(const curtail_result *r, int level, size_t count[CURTAIL_NTRANSPORTS]);
/* Does any enterprise stop truck trips (trucks_per_day given), at any level? */
int cu_transport_any_trucks(const curtail_result *r);
/* The Markdown summary block: enterprises per transport measure and level,
 * then (with trucks) the mobile-source reductions per level. */
void cu_transport_table_md(cu_buf *b, const curtail_result *r, int en);

/* ---- episodes ---------------------------------------------------------------------------- */

/* Is hour t of schedule r an ozone-window hour of a listed level? */
int cu_hour_in_window(const curtail_result *r, size_t t);
/* A load as a percentage rounded down to 2 decimals, trailing zeros
 * dropped: "64.37%" for 0.64375, never more than the load (measure_text.c). */
void cu_put_load_percent(cu_buf *out, double load);
/* "HH:MM" of minutes after midnight (1440 gives "24:00"); buf >= 6 bytes. */
void cu_format_clock(int minutes, char *buf, size_t n);

#endif
