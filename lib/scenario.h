/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scenario.h — the scenario's private structs (scenario.c, scenario_check.c) and the
 * helpers of the modules that build and check it. Internal; not installed. */
#ifndef CURTAIL_SCENARIO_H
#define CURTAIL_SCENARIO_H

#include "internal.h"
#include "rule_schema.h"

#include <stdatomic.h>

/* Positions of unit fields that semantic checks may point at. */
enum cu_unit_field {
    CU_UF_NODE = 0, /* the unit mapping itself */
    CU_UF_ID,
    CU_UF_KIND,
    CU_UF_CAPACITY,
    CU_UF_BASE_LOAD,
    CU_UF_MIN_LOAD,
    CU_UF_EF,
    CU_UF_BASELINE,
    CU_UF_FOLLOWS,
    CU_UF_COKE_OVEN,
    CU_UF_COKING_TIME,
    CU_UF_BOILER,
    CU_UF_INTERRUPTIBLE,
    CU_UF_COUNT
};

enum cu_ent_field {
    CU_EF_NODE = 0,
    CU_EF_ID,
    CU_EF_CREDIT_CODE,
    CU_EF_INDUSTRY,
    CU_EF_GRADE,
    CU_EF_GUARANTEE,
    CU_EF_COUNT
};

typedef struct cu_unit {
    char *id;
    char *name;
    int kind; /* curtail_kind */
    double capacity;
    double base_load; /* as given (1 when absent) */
    double min_load;  /* as given (resolved default after check) */
    double value;
    double ef[CU_NP]; /* resolved after check (from baseline_kgpd when given) */
    double baseline[CU_NP];
    double fixed[CU_NP];
    unsigned char has_base_load, has_min_load, has_ef, has_baseline;
    signed char interruptible; /* -1 default until check, then 0/1 */
    char *follows;             /* NULL or id */
    /* coke_oven block */
    unsigned char has_coke_oven, has_height, quenching; /* curtail_quenching */
    double height_m, coking_time_h, max_coking_time_h;
    double ramp_h; /* hours from base load to hot idle (SPEC §6); resolved default */
    /* boiler block */
    unsigned char has_boiler, fuel, heating, ultra_low;
    double steam_tph;
    cu_pos pos[CU_UF_COUNT];
    cu_pos pos_baseline[CU_NP]; /* each baseline_kgpd value, for a derived factor's error */
    /* resolved by curtail_scenario_check */
    size_t enterprise; /* index into scenario ents */
    size_t leader;     /* unit index of the root of its `follows` chain (self if none) */
    unsigned char capu; /* capacity_unit: CU_CAPU_* of measure_words.h, 0 default */
    /* whole-line steps (scenario_steps.c, mip.c): the load a multiple of step;
     * lines N gives step 1/N; step 0: continuous */
    double step;
    unsigned lines;
} cu_unit;

typedef struct cu_enterprise {
    char *id;
    char *name;
    char *credit_code; /* NULL if absent */
    char *town;        /* NULL if absent */
    /* the 一厂一策 sheet's overview (issue 9), NULL if absent */
    char *address, *industry_code, *contact_name, *contact_phone;
    int industry, grade, guarantee, phase_out;
    uint64_t zones;    /* `zones:` tags, bits of the scenario's places (scenario_scope.c) */
    size_t first_unit; /* units are contiguous in scenario->units */
    size_t nunits;
    cu_pos pos[CU_EF_COUNT];
    /* trucks (issue 10, transport.c): trips a day per curtail_truck_class */
    double trucks[CURTAIL_NTRUCK_CLASSES];
    unsigned char has_trucks, gate_monitoring;
    cu_pos pos_trucks;                         /* the trucks_per_day mapping */
    cu_pos pos_truck[CURTAIL_NTRUCK_CLASSES]; /* each of its values */
} cu_enterprise;

/* Episode (SPEC §2, §6). Times are minutes since 1970-01-01T00:00 (local, no zones). */
typedef struct cu_timeline_entry {
    int level;
    int64_t from, to;
    cu_pos pos;
} cu_timeline_entry;

typedef struct cu_episode {
    int present;
    int64_t start; /* minutes; a whole hour */
    int hours;     /* > 0 */
    cu_timeline_entry *entries;
    size_t nentries;
    int has_ozone;
    int window_from, window_to; /* minutes after midnight, from < to; default cu_ozone_default */
    unsigned ozone_levels;      /* bit 1u << level; default all three */
    cu_pos pos;                 /* the episode node */
    cu_pos pos_hours;           /* its `hours` value (0 for builder scenarios) */
    int has_season, season;     /* `season:` (curtail_season): overrides the scenario's */
} cu_episode;

/* The ozone window when the scenario names none (SPEC §6): 10:00-18:00 at
 * every level; curtail_scenario_set_ozone's NULL window and 0 levels. */
#define CU_OZONE_FROM 600
#define CU_OZONE_TO 1080
#define CU_ALL_LEVELS ((1u << CU_NL) - 1)
static inline void cu_ozone_default(cu_episode *ep)
{
    ep->window_from = CU_OZONE_FROM;
    ep->window_to = CU_OZONE_TO;
    ep->ozone_levels = CU_ALL_LEVELS;
}

/* One entry of targets.combined (issue 10). */
typedef struct cu_combined {
    unsigned pollutants; /* bit 1u << pollutant, at least two */
    unsigned levels;     /* bit 1u << level, at least one */
    double ratio;        /* (0, n] for n pollutants: the least sum of their reduction ratios */
} cu_combined;

struct curtail_scenario {
    curtail_mem memv; /* copy of the caller's allocator (or the default) */
    const curtail_mem *mem;
    char *file; /* for messages: the YAML file name, "" for builder scenarios */
    char *name;
    int lang; /* CURTAIL_LANG_ZH or CURTAIL_LANG_EN */
    int base; /* curtail_base */
    double totals[CU_NP];
    int has_totals;
    double ratios[CU_NL][CU_NP];
    /* targets.credits_kgpd: non-industrial reductions per level and pollutant
     * (issue 10); has_credits: the key (or the builder) set some */
    double credits[CU_NL][CU_NP];
    int has_credits;
    /* targets.combined, in order: Σ_p∈pollutants R[p,L]/B[p] >= ratio at each level */
    cu_combined combined[CU_MAX_COMBINED];
    size_t ncombined;
    unsigned extra_grades;
    double weights[CURTAIL_NGRADES];
    int builtin_policy;
    cu_rule *rules; /* the scenario's own rules, in order */
    size_t nrules, caprules;
    cu_enterprise *ents;
    size_t nents, capents;
    cu_unit *units;
    size_t nunits, capunits;
    char **warnings;    /* English */
    char **warnings_zh; /* the same in Chinese, parallel */
    size_t nwarnings, capwarnings;
    cu_episode episode;
    cu_pos pos_targets, pos_totals, pos_extra; /* for semantic errors */
    /* targets.totals_kgpd.P and targets.credits_kgpd.L.P values, for warnings */
    cu_pos pos_total[CU_NP], pos_credit[CU_NL][CU_NP];
    int checked;
    /* results of this scenario not yet freed: while any is alive, adding an
     * enterprise, a unit or a rule is refused (a result reads the scenario's
     * arrays with the sizes it was solved with). Atomic: results of one
     * scenario may be solved and freed on several threads. */
    atomic_size_t live_results;
    /* ids, names and towns of enterprises and units, in a few large blocks */
    struct cu_strings *strings;
    /* the built-in rule table, parsed once (by the first check that needs it) */
    struct cu_rule *builtin;
    size_t nbuiltin;
    int has_builtin;
    /* groups and bounds of the last successful check, used by plan and export
     * while `checked` holds (every change to the scenario clears it) */
    struct cu_groups *groups;
    char *note, *compiled_by; /* the title block (issue 9); NULL if absent */
    /* `variants:` of the YAML (override.c), NULL when none */
    struct cu_variants *variants;
    /* transport_factors (issue 10): kg per trip per truck class and pollutant */
    double transport_factors[CURTAIL_NTRUCK_CLASSES][CU_NP];
    unsigned char has_transport_factors[CURTAIL_NTRUCK_CLASSES];
    cu_pos pos_transport_factors; /* the mapping, for a missing class */
    /* zones, towns and seasons (scenario_scope.c): the zone tags and rule
     * towns named, and the scenario's `season:` */
    cu_places places;
    int has_season, season;
};
/* The season rules are matched in (curtail_scenario_season). */
int cu_scenario_season(const curtail_scenario *s);
/* A rule's zones, towns and seasons from a public scope, into r
 * (scenario_scope.c): CURTAIL_OK or an error naming the scope's field. */
int cu_rule_scope_set(curtail_scenario *s, cu_rule *r, const curtail_rule_scope *scope,
                      curtail_error *err);
/* Warnings: rules naming a zone tag or a town no enterprise has (0 or ENOMEM). */
int cu_scope_warnings(curtail_scenario *s);
/* The requirement adjustment of issue 10, the one place that turns a target
 * into what the listed enterprises must deliver: the reduction credited at
 * level L to pollutant p from outside the list (kg/d: targets.credits_kgpd,
 * 非工业源抵扣), and the required reduction ratio·baseline − offset, never
 * below 0. Other offsets (e.g. mobile-source reductions) are added here. */
double cu_target_offset_kgpd(const curtail_scenario *s, int level, int p);
double cu_target_required_kgpd(const curtail_scenario *s, double baseline, int level, int p);

/* A result of s was made / freed (plan.c, schedule.c). */
void cu_scenario_pin(const curtail_scenario *s);
void cu_scenario_unpin(const curtail_scenario *s);

/* Add a warning in English and Chinese, each as one line like an error's
 * ("warning:" / "警告:"). 0 or CURTAIL_ENOMEM. */
int cu_scenario_warn(curtail_scenario *s, cu_pos pos, const char *path, const char *msg_en,
                     const char *msg_zh);
/* An id's form: 1 to CU_MAX_ID characters of [A-Za-z0-9_.-] (1, else 0). */
int cu_valid_id(const char *id);
/* "enterprises[E].units[U]" (+ ".field" when field not NULL) into buf. */
void cu_unit_path(char *buf, size_t n, size_t e, size_t u, const char *field);
/* Scenario-file relative (for messages); "" for builder scenarios. */
const char *cu_scenario_file(const curtail_scenario *s);
/* CURTAIL_EINVAL naming fn while results of s are alive, else CURTAIL_OK. */
int cu_scenario_refuse_while_results(const curtail_scenario *s, const char *fn,
                                     curtail_error *err);

/* A copy of src in s's string blocks (ids, names, towns); NULL on ENOMEM. */
char *cu_scenario_str(curtail_scenario *s, const char *src);
/* The string blocks freed (curtail_scenario_free). */
void cu_scenario_strings_free(curtail_scenario *s);
/* Deep copy without the check's cache: *out is unchecked (override.c, sweep.c). */
int cu_scenario_clone_raw(const curtail_scenario *s, curtail_scenario **out, curtail_error *err);
/* Variants of the YAML: loaded and applied by variants.c; held, copied and
 * freed with the scenario (scenario_copy.c). */
typedef struct cu_override_text {
    char *path;
    char *value; /* flow YAML */
    cu_pos pos;  /* the value's */
} cu_override_text;

typedef struct cu_variant {
    char *name;
    cu_pos pos;
    size_t *extends; /* variant indices */
    size_t nextends;
    cu_override_text *ovr;
    size_t novr;
} cu_variant;

typedef struct cu_variants {
    const curtail_mem *mem;
    char *file;
    cu_variant *v;
    size_t n;
} cu_variants;

struct yt_tree;
int cu_variants_load(curtail_scenario *s, const struct yt_tree *t, uint32_t node,
                     const char *file, curtail_error *err);
int cu_variants_copy(const curtail_scenario *src, curtail_scenario *dst);
void cu_variants_free(curtail_scenario *s);

#endif
