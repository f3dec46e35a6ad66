/* SPDX-License-Identifier: GPL-3.0-or-later */
/* result.h — the result of a plan or schedule (result.c). Internal; not installed. */
#ifndef CURTAIL_RESULT_H
#define CURTAIL_RESULT_H

#include "internal.h"

#include <stdint.h>

/*
 * The result owns everything a writer reads: the loads, the targets, and the
 * facts of the model stored at solve time (effective grades and why, the
 * rule that applied, the group bounds that held a unit, the ozone window).
 * Writers read this header and the public scenario accessors, never the
 * policy tables or the schedule's helpers (tests/layering.sh checks it).
 */

/* One target row of a level or segment: the public struct itself. */
typedef curtail_target cu_target_row;

typedef struct cu_level_res {
    int status;
    double lost_value, weighted_loss;
    cu_target_row t[CU_NP];
} cu_level_res;

/* Schedule segment (calendar day × level). */
typedef struct cu_segment {
    int64_t day; /* days since 1970-01-01 */
    int level;
    int hours;
    int status;
    double lost_value, weighted_loss;
    cu_target_row t[CU_NP];
} cu_segment;

typedef enum cu_result_kind {
    CU_RESULT_PLAN = 0,
    CU_RESULT_SCHEDULE = 1 /* a plan result with the hours added */
} cu_result_kind;

/* Why a unit's effective grade is not its enterprise's declared one (bits). */
enum { CU_GRADE_BY_PHASE_OUT = 1u, CU_GRADE_BY_WET_QUENCHING = 2u };

/* Where the rule that applied to a unit at a level comes from. */
enum { CU_RULE_NONE = 0, CU_RULE_BUILTIN, CU_RULE_POLICY };

/* Per unit and level, facts[u * CU_NL + L]. */
typedef struct cu_unit_fact {
    double hi;          /* the unit's own upper bound (SPEC §4.3) */
    double value;       /* the rule's value */
    cu_pos rule_pos;    /* policy[i]'s node (0 for built-in or builder rules) */
    uint32_t rule_index; /* the rule's index in the built-in table or the scenario's policy */
    uint32_t binding;   /* the member of its load group whose own bound holds it below
                           its own, or UINT32_MAX (the optimiser's choice or none) */
    signed char measure; /* curtail_measure of the rule (NONE if none) */
    unsigned char rule_source; /* CU_RULE_* */
    unsigned char below_min;   /* the rule asks for less than the technical minimum */
    unsigned char below_rule;  /* the load is below the unit's own bound */
} cu_unit_fact;

/* Per unit. */
typedef struct cu_unit_grade {
    unsigned char grade;         /* the effective grade (SPEC §4.4) */
    unsigned char grade_why;     /* CU_GRADE_BY_* bits; 0: the declared grade */
    unsigned char ozone_stopped; /* the ozone window stops it (SPEC §6) */
} cu_unit_grade;

/* The load groups as the result was solved with them (read-only views into
 * the groups the result holds). */
typedef struct cu_group_view {
    size_t ngroups;
    const size_t *unit_group;   /* per unit: its group */
    const size_t *group_leader; /* per group: the leader unit */
    const double *b;            /* per group: base load */
    const double *V;            /* per group: Σ value·capacity */
    const double *E;            /* per group: E[g * CU_NP + p] = Σ ef·capacity */
    const double *lo, *hi;      /* per group per level [g * CU_NL + L] */
    const double *w;            /* per group: grade weight */
    double listed[CU_NP];       /* Σ_g E b + Σ fixed */
} cu_group_view;

/* An alert of the episode's timeline (minutes since the epoch). */
typedef struct cu_alert {
    int level;
    int64_t from, to;
} cu_alert;

/* A combined target row of a level (issue 10), in units of a reduction
 * ratio: Σ_p∈pollutants reduction[p]/baseline[p]. */
typedef struct cu_comb_res {
    int level;
    size_t src;          /* its index in targets.combined */
    unsigned pollutants; /* bit 1u << pollutant */
    double ratio;        /* as given */
    double credit;       /* the ratio the credits give: Σ credit[p]/baseline[p] */
    double required;     /* max(0, ratio − credit): what the list must give */
    double achieved, shortfall, shadow_price; /* yuan/d per unit of ratio */
} cu_comb_res;

struct cu_groups;

struct curtail_result {
    const curtail_mem *mem;
    const curtail_scenario *s;
    cu_result_kind kind;
    size_t lp_columns;
    int status;
    double objective;
    curtail_mip_info mip; /* whole-line steps (mip.c); status 0: no MIP */
    struct cu_groups *groups; /* held (one reference); read through gv */
    cu_group_view gv;
    cu_level_res lv[CU_NL];
    /* issue 10: targets.credits_kgpd as applied (has_credits: the key was
     * given), and the combined rows in targets.combined order */
    int has_credits;
    double credit[CU_NL][CU_NP];
    cu_comb_res comb[CU_MAX_COMBINED * CU_NL];
    size_t ncomb;
    double *load; /* plan: per group per level [g * CU_NL + L] */
    cu_unit_fact *facts;  /* per unit per level */
    cu_unit_grade *grades; /* per unit */
    unsigned char *group_stopped; /* per group: the ozone window stops a member */
    unsigned char *group_industry; /* per group: its leader's enterprise's industry */
    double (*fixed_units)[CU_NP]; /* fixed kg/d of the units that have any, in unit order */
    size_t nfixed_units;
    /* issue 10: per enterprise per level [e * CU_NL + L] its curtail_transport,
     * and the mobile-source reduction per level (kg/d) */
    unsigned char *ent_transport;
    double mobile[CU_NL][CU_NP];
    /* schedule */
    cu_segment *segs;
    size_t nsegs;
    double *hload; /* per group per hour [g * hours + t] */
    int hours;
    int *hour_level; /* per hour: level or -1 */
    unsigned char *hour_window; /* per hour: an ozone-window hour of a listed level */
    int window_from, window_to; /* the window, minutes after midnight */
    int has_ozone;
    unsigned ozone_levels; /* bit 1u << level */
    cu_alert *alerts;      /* the episode's timeline, copied */
    size_t nalerts;
    /* the scenario's settings a writer words (its units and enterprises are
     * read through curtail_scenario_unit / curtail_scenario_enterprise) */
    int lang;         /* CURTAIL_LANG_ZH or _EN */
    int base;         /* curtail_base */
    const char *file; /* the scenario's file name ("" for a built scenario), borrowed */
    int64_t start;   /* minutes since the epoch */
};

/* A new result of s holding groups g (one more reference taken), its loads
 * allocated (ngroups × levels), kind plan: NULL for lack of memory. */
curtail_result *cu_result_new(const curtail_scenario *s, struct cu_groups *g);
/* Store the model's facts after the loads are set (plan.c): grades, rules,
 * bindings, window stops. CURTAIL_OK or CURTAIL_ENOMEM. */
int cu_result_store_facts(curtail_result *r, curtail_error *err);

/* What a group's load in an hour is (SPEC §6), for the hourly measure texts. */
enum cu_hour_note {
    CU_HOUR_BASE = 0, /* outside every alert, at base load */
    CU_HOUR_LIST,     /* the level's list load */
    CU_HOUR_WINDOW,   /* ozone window: stopped (错时生产) */
    CU_HOUR_SHIFTED,  /* the window's output shifted to this hour, above the list load */
    CU_HOUR_RAMP_DOWN, /* a coke oven reducing its load before a stricter level */
    CU_HOUR_RAMP_UP   /* a coke oven recovering after a stricter level */
};
/* What group g's load in hour t of schedule r is: a cu_hour_note, read back
 * from the loads (only the window and the ramp lower a load below the list's,
 * only shifting raises it above). */
int cu_hour_note(const curtail_result *r, size_t g, size_t t);
/* The list load of group g in hour t: x[g, L] at level L, b[g] outside alerts. */
double cu_hour_list_load(const curtail_result *r, size_t g, size_t t);

/* A met target's achieved reduction, a rounding step short of `required`,
 * reported as `required`. */
double cu_snap_achieved(double achieved, double required, int unmet);
/* A shadow price rounded to the 12 significant digits a simplex dual carries. */
double cu_round_dual(double v);

#endif
