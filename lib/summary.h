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
    CU_SHORT_BEYOND_LIST, /* stopping every listed unit would not reach it */
    CU_SHORT_AT_MINIMUM,  /* every adjustable unit is at its lowest load */
    CU_SHORT_TRADED       /* the smallest sum of relative shortfalls shares it out */
};

typedef struct cu_sum_target {
    double county;        /* the county total (全社会), when has_county */
    double listed;        /* the listed enterprises' emissions (Σ E·b + fixed) */
    double required, achieved, shortfall; /* kg/d */
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
void cu_summary_free(cu_summary *s);

/* part / whole, 0 when whole is not positive. */
double cu_sum_ratio(double part, double whole);

/* "焖炉保温" / "hot idle", … */
const char *cu_mc_label(int cls, int en);
/* A town's label: its name, or "（未填写乡镇）" / "(no town given)". */
const char *cu_town_label(const char *town, int en);

/* The base of the targets in one sentence. */
void cu_sum_base_text(const cu_summary *s, int en, cu_buf *out);
/* "橙色预警 VOCs 减排目标缺口 3.2 吨/日：可调企业已全部降至最低负荷（…）。" */
void cu_sum_shortfall_text(const cu_summary *s, int level, int p, int en, cu_buf *out);
/* The annex's paragraphs: 0 the weighted loss and the grade weights, 1 the
 * objective, 2 the marginal costs; CU_SUM_ANNEX_N of them. */
#define CU_SUM_ANNEX_N 3
void cu_sum_annex_text(const cu_summary *s, int which, int en, cu_buf *out);
/* Amounts in tonnes per day for a sentence: "3.2 吨/日" / "3.2 t/d". */
void cu_sum_put_tpd(cu_buf *out, double kg, int en);

#endif
