/* SPDX-License-Identifier: GPL-3.0-or-later */
/* summary.h — the facts of a plan's summary (issue 9), computed once from
 * the result (summary.c) and read by every writer (Markdown, HTML, xlsx,
 * JSON): per level and pollutant the county total and the listed
 * enterprises' emissions as two quantities, the required and achieved
 * reduction and the ratios against both, the shortfall and why; counts of
 * units and enterprises by measure class, by grade, industry and town; the
 * grade weights; and the sentences the writers share (shortfalls, the
 * annex on marginal costs and the weighted objective). Internal. */
#ifndef CURTAIL_SUMMARY_H
#define CURTAIL_SUMMARY_H

#include "measure_words.h"
#include "write_text.h"

/* Why a target is not met (the result's facts). */
enum {
    CU_SHORT_NONE = 0,
    CU_SHORT_BEYOND_LIST, /* at its lowest load, and stopping every listed unit would not reach it */
    CU_SHORT_AT_MINIMUM,  /* every adjustable unit is at its lowest load (achieved = max_reduction) */
    CU_SHORT_TRADED       /* the smallest sum of relative shortfalls shares it out */
};

typedef struct cu_sum_target {
    double county;        /* the county total (全社会), when has_county */
    double listed;        /* the listed enterprises' emissions (Σ E·b + fixed) */
    double base;          /* the targets' base B: county when has_county, else listed */
    int targeted;         /* the order sets a ratio (> 0) for it at this level */
    double ratio;         /* the order's ratio (targets.ratios), of B */
    double order;         /* ratio · B, kg/d: what the order asks of the whole base */
    double credit, mobile; /* 非工业源抵扣 and 移动源, kg/d, counted toward the order */
    /* the listed enterprises' net requirement max(0, order − credit − mobile),
     * what they achieved, and the shortfall; kg/d */
    double required, achieved, shortfall;
    double achieved_total; /* achieved + mobile + credit: against the order */
    double max_reduction; /* every group at its lower bound at this level */
    double reducible;     /* every group at zero load (fixed emissions never reduce) */
    double marginal;      /* the shadow price: weighted yuan/d per kg/d */
    int why;              /* CU_SHORT_* */
} cu_sum_target;

typedef struct cu_sum_count {
    size_t units, enterprises;
    /* curtailed at each level: a unit below its base load; an enterprise
     * with such a unit (of that grade, for the grade table) */
    size_t cut_units[CU_NL], cut_enterprises[CU_NL];
} cu_sum_count;

typedef struct cu_sum_town {
    const char *town; /* borrowed from the scenario; NULL: none given */
    cu_sum_count c;
} cu_sum_town;

typedef struct cu_summary {
    int has_county; /* targets.base: totals */
    int has_credit, has_mobile; /* some level and pollutant has a credit / a mobile reduction */
    int has_fixed[CU_NP];      /* some unit has fixed_kgpd of the pollutant */
    double objective;
    struct {
        int status;
        double lost_value, weighted_loss; /* yuan/d */
        cu_sum_target t[CU_NP];
        /* units and enterprises by measure class; an enterprise counts once,
         * under the first class (measure_words.h order) of its units */
        size_t units[CU_MC_N], enterprises[CU_MC_N];
    } lv[CU_NL];
    cu_sum_count total;
    /* a unit under its effective grade; an enterprise under each effective
     * grade of its units (so the grade rows may add up to more) */
    cu_sum_count by_grade[CURTAIL_NGRADES];
    cu_sum_count by_industry[CURTAIL_NINDUSTRIES];
    cu_sum_town *towns; /* sorted by name (bytes), the unnamed last */
    size_t ntowns;
    double weight[CURTAIL_NGRADES]; /* the grade weight of a unit of that effective grade */
    int has_weight[CURTAIL_NGRADES];
    const curtail_mem *mem;
} cu_summary;

/* The summary of plan r: CURTAIL_OK, CURTAIL_ENOMEM, or the code of a
 * read-back; cu_summary_free after either. */
int cu_summary_compute(const curtail_result *r, cu_summary *s);
/* The same, given the measure class of unit u at level L (cu_mw_class of
 * its facts) in cls[u * CU_NL + L] by a writer that has gathered them
 * already; cls NULL: gathered here. */
int cu_summary_compute_cls(const curtail_result *r, const unsigned char *cls, cu_summary *s);
void cu_summary_free(cu_summary *s);

/* part / whole, 0 when whole is not positive. */
double cu_sum_ratio(double part, double whole);

/* "焖炉保温" / "hot idle", … */
const char *cu_mc_label(int cls, int en);
/* Does measure class cls have a unit at some level (a row of 措施分类统计)? */
int cu_mc_used(const cu_summary *s, int cls);
/* A town's label: its name, or "（未填写乡镇）" / "(no town given)". */
const char *cu_town_label(const char *town, int en);

/* The columns of the targets table (after 预警级别 and 污染物), in order.
 * cu_sum_columns lists those this plan shows: 全社会排放量 and the two ratios
 * of the listed enterprises' own emissions only with a county total (without
 * one the order's ratios are of the listed emissions already);
 * 要求减排量, 非工业源抵扣 and 移动源 only when some level has a credit or a
 * mobile reduction (then every level shows them). */
enum {
    CU_SUMC_COUNTY = 0,  /* 全社会排放量 */
    CU_SUMC_LISTED,      /* 清单企业排放量 */
    CU_SUMC_RATIO,       /* 要求减排比例（占全社会 / 占清单企业）: the order's */
    CU_SUMC_ORDER,       /* 要求减排量: ratio · B */
    CU_SUMC_CREDIT,      /* 非工业源抵扣 */
    CU_SUMC_MOBILE,      /* 移动源减排量 */
    CU_SUMC_REQUIRED,    /* 清单企业须减排 (net) */
    CU_SUMC_ACHIEVED,    /* 清单企业实际减排 */
    CU_SUMC_SHORTFALL,   /* 缺口 */
    CU_SUMC_ACH_RATIO,   /* 实际减排比例: (achieved + mobile + credit) / B */
    CU_SUMC_REQ_LISTED,  /* 清单企业须减排 / 清单企业排放量 */
    CU_SUMC_ACH_LISTED,  /* 清单企业实际减排 / 清单企业排放量 */
    CU_SUMC_N
};
/* What a cell holds. */
enum {
    CU_SUMV_KG = 0, /* kg/d, 2 decimals */
    CU_SUMV_PCT,    /* a fraction, shown as a percentage with 2 decimals */
    CU_SUMV_DASH,   /* "—": no such figure (no target, no county total) */
    CU_SUMV_NOT_ASSESSED, /* "不考核" / "no target": the order sets no ratio */
    CU_SUMV_UNMET         /* "—（未达成）": an unmet target has no marginal cost to report */
};
size_t cu_sum_columns(const cu_summary *s, int cols[CU_SUMC_N]);
void cu_sum_column_header(const cu_summary *s, int col, int en, cu_buf *out);
/* The cell of level L, pollutant p, column col: CU_SUMV_* and, for a number, *v. */
int cu_sum_cell(const cu_summary *s, int L, int p, int col, double *v);
/* The annex's marginal cost of level L, pollutant p: CU_SUMV_KG (a number,
 * yuan/kg), CU_SUMV_DASH (no target) or CU_SUMV_UNMET. */
int cu_sum_marginal_cell(const cu_summary *s, int L, int p, double *v);
/* "—" / "不考核" / "no target" / "—（未达成）" for the text kinds. */
const char *cu_sum_cell_text(int kind, int en);
/* A sentence under the table when it has credit or mobile columns (else nothing). */
void cu_sum_columns_note(const cu_summary *s, int en, cu_buf *out);

/* The base of the targets in one sentence. */
void cu_sum_base_text(const cu_summary *s, int en, cu_buf *out);
/* "橙色预警 VOCs 减排目标缺口 3.2 吨/日：可调企业已全部降至最低负荷（…）。" */
void cu_sum_shortfall_text(const cu_summary *s, int level, int p, int en, cu_buf *out);
/* The annex's paragraphs: 0 the weighted loss and the grade weights, 1 the
 * objective, 2 the marginal costs; CU_SUM_ANNEX_N of them. */
#define CU_SUM_ANNEX_N 3
void cu_sum_annex_text(const cu_summary *s, int which, int en, cu_buf *out);
/* The annex's combined targets (targets.combined, issue 10): one row per
 * combined row of the result. Its marginal cost (shadow price μ, weighted
 * yuan/d per 1.0 of the ratio sum) per percentage point, μ/100, and as
 * weighted yuan per kg of each of its pollutants, μ/B[p] (one more kg/d of p
 * adds 1/B[p] to the sum): the share a unit's 依据 adds to that pollutant's
 * own marginal cost. */
void cu_sum_combined_label(const curtail_result *r, size_t k, int en, cu_buf *out);
void cu_sum_combined_per_kg(const curtail_result *r, size_t k, int en, cu_buf *out);
/* 1 when combined row k shows a shortfall (≥ 0.005 %): it has no marginal
 * cost to report (its groups are at their deepest cut), the annex says so. */
int cu_sum_combined_unmet(const curtail_result *r, size_t k);
/* "—（未达成）" / "— (not met)" */
const char *cu_sum_unmet_text(int en);
/* The paragraph above the combined table. */
void cu_sum_combined_note(int en, cu_buf *out);
/* Money in 万元/日 for a label: "万元/日" / "CNY 10k/d". */
const char *cu_sum_10k_unit(int en);
/* Amounts in tonnes per day for a sentence: "3.2 吨/日" / "3.2 t/d". */
void cu_sum_put_tpd(cu_buf *out, double kg, int en);

#endif
