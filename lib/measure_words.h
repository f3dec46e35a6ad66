/* SPDX-License-Identifier: GPL-3.0-or-later */
/* measure_words.h — a unit's measure at one level in a bureau's words, and
 * the reason for it, from a small struct of facts (issue 9). Pure: no
 * scenario, no result; the callers (measure_text.c) gather the facts. The
 * text is the order an inspector enforces, so it states the load as an
 * indicator that never allows more than the list load. Internal. */
#ifndef CURTAIL_MEASURE_WORDS_H
#define CURTAIL_MEASURE_WORDS_H

#include "internal.h"
#include "names.h"

/* Why the effective grade differs from the declared one. */
enum { CU_GRADE_WHY_NONE = 0, CU_GRADE_WHY_PHASE_OUT, CU_GRADE_WHY_WET };

typedef struct cu_mw_facts {
    int en;                 /* English, else Chinese */
    int kind;               /* curtail_kind */
    int capu;               /* resolved capacity unit */
    double capacity;        /* per day */
    double base_load;       /* b, the load group's */
    double load;            /* x, the list load at this level */
    /* the unit's own rule */
    int has_rule;           /* a rule matched */
    int measure;            /* its curtail_measure */
    double value;           /* its value */
    double rule_hi;         /* min(b, r), 0 for stop */
    int below_min;          /* the rule asked for less than min_load */
    double min_load;
    int builtin;            /* the rule is the built-in table's */
    size_t rule_index;      /* in its list */
    unsigned rule_line;     /* scenario rule's line (0 unknown) */
    /* coke ovens (0 when there is no coke_oven block) */
    double coking_time_h, max_coking_time_h;
    /* a follower: its leader's name and kind, else leader NULL */
    const char *leader;
    int leader_kind;
    /* grades */
    int grade;              /* effective */
    int declared_grade;
    int grade_why;          /* CU_GRADE_WHY_* */
    int guarantee;          /* curtail_guarantee of the enterprise */
    /* the load below the unit's own rule bound, and why */
    const char *held_by;    /* a stricter member of its load group, else NULL */
    int curtailable;        /* lo < hi: the optimiser may cut it further */
    int pollutant;          /* the target compared against (-1 none binds) */
    double cost_per_kg;     /* weighted yuan per kg of `pollutant` reduced */
    double marginal_cost;   /* the level's shadow price of `pollutant` */
    int nested_from;        /* >= 0: held at that milder level's load (nesting) */
    /* whole-line steps (issue 10): N lines (0: given as a step), the step (0: none) */
    unsigned lines;
    double step;
    /* "10:00–18:00": an ozone-season plan's window stops the unit at this
     * level (review P2-4), appended to the text; "" none */
    char window[24];
} cu_mw_facts;

/* The facts of unit at level of result r (measure_text.c). */
void cu_measure_facts(const curtail_result *r, size_t unit, int level, int lang, cu_mw_facts *f);
/* The reason (依据) of unit at level, worded (measure_text.c). */
void cu_measure_reason(const curtail_result *r, size_t unit, int level, int lang, cu_buf *out);

/* The measure, e.g. "延长结焦时间至48小时（焦炭产量由1567.5吨/日降至979.6吨/日及以下）". */
void cu_mw_text(const cu_mw_facts *f, cu_buf *out);
/* The ozone window's stop for the clock range "10:00–18:00": "10:00–18:00
 * 停止涉VOCs工序（错时生产）" / "VOCs processes stopped 10:00–18:00 (shifted
 * production)", the one wording of plan lists and schedules. */
void cu_mw_window(const char *range, int en, cu_buf *out);
/* The reason (依据): grade and why, the rule that applied, the optimiser's part. */
void cu_mw_reason(const cu_mw_facts *f, cu_buf *out);
/* The class of a measure, for the summary's counts (summary.c), in the
 * order an enterprise with units in several is counted by (the first). */
enum {
    CU_MC_HOT_IDLE = 0, /* 焖炉保温 */
    CU_MC_STOP,         /* 停产 (and followers stopping with their leader) */
    CU_MC_COKING_TIME,  /* 延长结焦时间 */
    CU_MC_CUT,          /* 限产 (and followers cut with their leader) */
    CU_MC_STOP_LOADING, /* 停止装车（装卸）作业 */
    CU_MC_STOP_STORAGE, /* 储罐区停止收发作业 */
    CU_MC_GUARANTEE,    /* 保障类, not curtailed */
    CU_MC_VOLUNTARY,    /* 自主减排 (A, 引领性), not curtailed */
    CU_MC_NONE,         /* 本级别无停限产要求 */
    CU_MC_N
};
/* The class of the measure cu_mw_text words from the same facts. */
int cu_mw_class(const cu_mw_facts *f);
/* The number of the unit's output a text allows ("…及以下"), in the
 * capacity unit's basis, rounded down: what cu_mw_text prints. */
double cu_mw_amount_floor(double v);

#endif
