/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * curtail.h — heavy-pollution emergency reduction lists (应急减排清单) and
 * episode schedules, computed by a linear program.
 *
 * This is the only public header of libcurtail. Conventions:
 *   - every function that can fail returns CURTAIL_OK (0) or a negative
 *     CURTAIL_E* code, and fills the caller-owned curtail_error if not NULL;
 *   - handles are opaque; every constructor has a paired destructor and every
 *     *_free(NULL) is a no-op;
 *   - `**out` parameters hand ownership to the caller; `const char *` returned
 *     by accessors are borrowed until the owning handle is freed;
 *   - indices are 0-based; pollutants are always SO2, NOx, PM, VOCs in that
 *     order, levels yellow, orange, red;
 *   - the library has no global mutable state: different handles may be used
 *     from different threads at once.
 */
#ifndef CURTAIL_H
#define CURTAIL_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(CURTAIL_STATIC)
#define CURTAIL_API
#elif defined(_WIN32)
#ifdef CURTAIL_BUILDING
#define CURTAIL_API __declspec(dllexport)
#else
#define CURTAIL_API __declspec(dllimport)
#endif
#elif defined(__GNUC__)
#define CURTAIL_API __attribute__((visibility("default")))
#else
#define CURTAIL_API
#endif

#define CURTAIL_VERSION_MAJOR 0
#define CURTAIL_VERSION_MINOR 1
#define CURTAIL_VERSION_PATCH 0
#define CURTAIL_VERSION_STRING "0.1.0"

/** The library's version string, e.g. "0.1.0". */
CURTAIL_API const char *curtail_version(void);
/**
 * The library's version and those of the libraries it runs with, as one
 * line without a newline: "curtail 0.1.0 (GLPK 5.0, libyaml 0.2.5,
 * libxlsxwriter 1.1.4)" (Clp too where built with it). Returns the number of
 * bytes the full line needs, like snprintf.
 */
CURTAIL_API int curtail_version_info(char *buf, size_t size);

/* ------------------------------------------------------------------------ */
/* Return codes and errors                                                  */
/* ------------------------------------------------------------------------ */

typedef enum curtail_code {
    CURTAIL_OK = 0,
    CURTAIL_EINVAL = -1,  /* bad argument to a library function */
    CURTAIL_ENOMEM = -2,  /* an allocation failed */
    CURTAIL_EINPUT = -3,  /* invalid scenario (file, line, column, path set) */
    CURTAIL_ESOLVER = -4, /* the LP solver failed */
    CURTAIL_EIO = -5,     /* reading or writing a file failed */
    CURTAIL_ECANCELED = -6 /* the caller's cancel hook stopped a solve */
} curtail_code;

/** Filled by a failing call. `line`/`column` are 1-based, 0 when unknown. */
typedef struct curtail_error {
    int code;           /* one of curtail_code */
    char message[1024]; /* e.g. "must be > 0, got -5" */
    char file[512];     /* input file name, "" when none */
    int line;
    int column;
    char path[512]; /* e.g. "enterprises[2].units[0].capacity", "" when none */
} curtail_error;

/**
 * Format `err` as one line without a newline:
 * "FILE:LINE:COL: error: PATH: message" (parts that are unknown are left
 * out). Returns the number of bytes the full line needs, like snprintf.
 */
CURTAIL_API int curtail_error_format(const curtail_error *err, char *buf, size_t size);

/* ------------------------------------------------------------------------ */
/* Memory                                                                   */
/* ------------------------------------------------------------------------ */

/**
 * Allocator used for everything a handle owns. Pass NULL anywhere a
 * `const curtail_mem *` is taken to use calloc/realloc/free. The structure
 * must outlive every handle created with it. (libyaml and GLPK allocate
 * their own short-lived memory with the C library.)
 */
typedef struct curtail_mem {
    void *(*calloc)(size_t count, size_t size, void *ctx);
    void *(*realloc)(void *ptr, size_t size, void *ctx);
    void (*free)(void *ptr, void *ctx);
    void *ctx;
} curtail_mem;

/* ------------------------------------------------------------------------ */
/* Vocabulary                                                               */
/* ------------------------------------------------------------------------ */

typedef enum curtail_pollutant {
    CURTAIL_SO2 = 0,
    CURTAIL_NOX,
    CURTAIL_PM,
    CURTAIL_VOCS,
    CURTAIL_NPOLLUTANTS
} curtail_pollutant;

typedef enum curtail_level {
    CURTAIL_YELLOW = 0,
    CURTAIL_ORANGE,
    CURTAIL_RED,
    CURTAIL_NLEVELS
} curtail_level;

typedef enum curtail_industry {
    CURTAIL_COKING = 0,
    CURTAIL_CHEMICAL,
    CURTAIL_BOILER_INDUSTRY,
    CURTAIL_OTHER_INDUSTRY,
    CURTAIL_NINDUSTRIES
} curtail_industry;

typedef enum curtail_kind {
    CURTAIL_KIND_COKE_OVEN = 0,
    CURTAIL_KIND_BYPRODUCT,
    CURTAIL_KIND_COAL_PREP,
    CURTAIL_KIND_QUENCHING,
    CURTAIL_KIND_REACTOR,
    CURTAIL_KIND_BATCH,
    CURTAIL_KIND_LOADING,
    CURTAIL_KIND_STORAGE,
    CURTAIL_KIND_COATING,
    CURTAIL_KIND_OTHER,
    CURTAIL_KIND_BOILER,
    CURTAIL_NKINDS
} curtail_kind;

typedef enum curtail_grade {
    CURTAIL_GRADE_A = 0,
    CURTAIL_GRADE_B,
    CURTAIL_GRADE_B_MINUS,
    CURTAIL_GRADE_C,
    CURTAIL_GRADE_D,
    CURTAIL_GRADE_LEADING,
    CURTAIL_GRADE_NON_LEADING,
    CURTAIL_GRADE_NONE,
    CURTAIL_NGRADES
} curtail_grade;

typedef enum curtail_guarantee {
    CURTAIL_GUARANTEE_NONE = 0,
    CURTAIL_GUARANTEE_LIVELIHOOD,
    CURTAIL_GUARANTEE_SUPPLY
} curtail_guarantee;

typedef enum curtail_fuel {
    CURTAIL_FUEL_COAL = 0,
    CURTAIL_FUEL_GAS,
    CURTAIL_FUEL_BIOMASS,
    CURTAIL_FUEL_OIL,
    CURTAIL_FUEL_ELECTRIC,
    CURTAIL_NFUELS
} curtail_fuel;

typedef enum curtail_quenching {
    CURTAIL_QUENCHING_UNSET = 0,
    CURTAIL_QUENCHING_DRY,
    CURTAIL_QUENCHING_WET
} curtail_quenching;

typedef enum curtail_lang {
    CURTAIL_LANG_DEFAULT = 0, /* the scenario's `lang` */
    CURTAIL_LANG_ZH,
    CURTAIL_LANG_EN
} curtail_lang;

typedef enum curtail_base {
    CURTAIL_BASE_LISTED = 0, /* B[p] = the listed enterprises' emissions */
    CURTAIL_BASE_TOTALS      /* B[p] = totals_kgpd[p] */
} curtail_base;

typedef enum curtail_measure {
    CURTAIL_MEASURE_NONE = 0, /* no rule matched, or `none: true` */
    CURTAIL_MEASURE_MAX_LOAD,
    CURTAIL_MEASURE_CUT,
    CURTAIL_MEASURE_COKING_TIME,
    CURTAIL_MEASURE_STOP
} curtail_measure;

/** Transport measures (运输措施, issue 10), an enterprise's at a level: from
 *  the mildest to the strictest, so the strictest of several is the largest. */
typedef enum curtail_transport {
    CURTAIL_TRANSPORT_UNSET = 0,       /* no rule states one */
    CURTAIL_TRANSPORT_NONE,            /* `none`: no transport measure */
    CURTAIL_TRANSPORT_NO_CHINA4_HEAVY, /* 停止使用国四及以下重型载货车辆（含燃气）进行运输 */
    CURTAIL_TRANSPORT_NO_CHINA5_HEAVY, /* 停止使用国五及以下重型载货车辆（含燃气）进行运输 */
    CURTAIL_TRANSPORT_NO_ROAD,         /* 停止公路运输 */
    CURTAIL_NTRANSPORTS
} curtail_transport;

/** Heavy trucks by emission standard (trucks_per_day, transport_factors). */
typedef enum curtail_truck_class {
    CURTAIL_TRUCK_CHINA4_AND_BELOW = 0,
    CURTAIL_TRUCK_CHINA5,
    CURTAIL_TRUCK_CHINA6,
    CURTAIL_TRUCK_ELECTRIC,
    CURTAIL_NTRUCK_CLASSES
} curtail_truck_class;

/** A transport code as written in YAML ("none", "no_china4_heavy",
 *  "no_china5_heavy", "no_road"; "" for UNSET), and back (CURTAIL_EINVAL
 *  for an unknown name). */
CURTAIL_API const char *curtail_transport_name(curtail_transport t);
CURTAIL_API int curtail_transport_from_name(const char *name, curtail_transport *out);
/** A truck class as written in YAML ("china4_and_below", "china5", "china6", "electric"). */
CURTAIL_API const char *curtail_truck_class_name(curtail_truck_class c);

/** Names as written in YAML ("SO2", "orange", "coke_oven", "B-", ...). */
CURTAIL_API const char *curtail_pollutant_name(curtail_pollutant p);
CURTAIL_API const char *curtail_level_name(curtail_level l);
CURTAIL_API const char *curtail_industry_name(curtail_industry i);
CURTAIL_API const char *curtail_kind_name(curtail_kind k);
CURTAIL_API const char *curtail_grade_name(curtail_grade g);
CURTAIL_API const char *curtail_fuel_name(curtail_fuel f);
/** The value a name stands for, the reverse of the above (and "zh" / "en"
 *  for a language): CURTAIL_OK, or CURTAIL_EINVAL (*out untouched) for an
 *  unknown or NULL name. Shared by the YAML loader and the command line. */
CURTAIL_API int curtail_pollutant_from_name(const char *name, curtail_pollutant *out);
CURTAIL_API int curtail_level_from_name(const char *name, curtail_level *out);
CURTAIL_API int curtail_industry_from_name(const char *name, curtail_industry *out);
CURTAIL_API int curtail_kind_from_name(const char *name, curtail_kind *out);
CURTAIL_API int curtail_grade_from_name(const char *name, curtail_grade *out);
CURTAIL_API int curtail_fuel_from_name(const char *name, curtail_fuel *out);
CURTAIL_API int curtail_lang_from_name(const char *name, curtail_lang *out);

/* ------------------------------------------------------------------------ */
/* Scenario: build in code or load from YAML                                */
/* ------------------------------------------------------------------------ */

typedef struct curtail_scenario curtail_scenario;

/** One enterprise. Strings are copied. */
typedef struct curtail_enterprise_spec {
    unsigned version;
    const char *id;          /* required, [A-Za-z0-9_.-]{1,64} */
    const char *name;        /* NULL: same as id */
    const char *credit_code; /* NULL or 18 chars of [0-9A-Z] */
    const char *town;        /* NULL or free text */
    curtail_industry industry;
    curtail_grade grade;
    curtail_guarantee guarantee;
    int phase_out; /* listed for elimination: effective grade D */
    /* since version 2 (the 一厂一策 sheet, issue 9); NULL when absent: */
    const char *address;       /* free text */
    const char *industry_code; /* GB/T 4754: a section letter A-T and 2 to 4 digits
                                  ("C2520"), or 4 digits ("2520") */
    const char *contact_name;  /* the person responsible, free text */
    const char *contact_phone; /* 7 to 20 digits; spaces, hyphens, parentheses and a
                                  leading + allowed ("0355-0000000") */
} curtail_enterprise_spec;
/* Version 1 (0.1.0) ended at `phase_out`; it is still accepted and filled. */
#define CURTAIL_ENTERPRISE_SPEC_VERSION 2
#define CURTAIL_ENTERPRISE_SPEC_INIT                                                         \
    {                                                                                        \
        CURTAIL_ENTERPRISE_SPEC_VERSION, NULL, NULL, NULL, NULL, CURTAIL_OTHER_INDUSTRY,     \
            CURTAIL_GRADE_NONE, CURTAIL_GUARANTEE_NONE, 0, NULL, NULL, NULL, NULL            \
    }

/** One production unit. Strings are copied. */
typedef struct curtail_unit_spec {
    unsigned version;
    const char *id;   /* required, unique within the enterprise */
    const char *name; /* NULL: same as id */
    curtail_kind kind;
    double capacity; /* output per day at load 1, > 0 */
    int has_base_load;
    double base_load; /* (0, 1], default 1 */
    int has_min_load;
    double min_load; /* default 0; coke ovens base_load x coking_time_h / max_coking_time_h */
    double value;    /* yuan per unit of output not produced, >= 0 */
    int has_ef;
    double ef[CURTAIL_NPOLLUTANTS]; /* kg per unit of output */
    int has_baseline;
    double baseline_kgpd[CURTAIL_NPOLLUTANTS]; /* kg/d at base load (instead of ef) */
    double fixed_kgpd[CURTAIL_NPOLLUTANTS];    /* emitted regardless of load */
    int interruptible;   /* -1: the kind's default, 0 no, 1 yes */
    const char *follows; /* NULL, or the id of a unit of the same enterprise */
    /* coke_oven block (required for CURTAIL_KIND_COKE_OVEN) */
    int has_coke_oven;
    int has_height;
    double height_m;
    curtail_quenching quenching;
    double coking_time_h;     /* normal coking time, default 22 */
    double max_coking_time_h; /* longest without hot idle, default 72 */
    /* boiler block (optional, only for CURTAIL_KIND_BOILER) */
    int has_boiler;
    curtail_fuel fuel;
    double steam_tph; /* t/h of steam; 0 = not given (no size warning) */
    int heating;
    /* since version 2: */
    /* coke_oven block, continued: hours from base load to hot idle or back
     * (SPEC §6); has_ramp_h 0: the normal coking_time_h; 0 turns the ramp off */
    int has_ramp_h;
    double ramp_h; /* >= 0 */
    /* the unit measure texts state capacity in: "t/d", "t/h", "m3/d", "m3/h";
     * NULL: t/h for boilers, t/d otherwise. The capacity stays output per day
     * (a t/h unit states daily capacity / 24). */
    const char *capacity_unit;
    /* since version 3: */
    /* boiler block, continued: the heat source meets ultra-low emission limits
     * (超低排放); a guarantee boiler below grade B without it is warned of */
    int ultra_low;
} curtail_unit_spec;
/* Version 1 (0.1.0) ended at `heating`, version 2 at `capacity_unit`; both are
 * still accepted and filled. */
#define CURTAIL_UNIT_SPEC_VERSION 3
#define CURTAIL_UNIT_SPEC_INIT                                                               \
    {                                                                                        \
        CURTAIL_UNIT_SPEC_VERSION, NULL, NULL, CURTAIL_KIND_OTHER, 0.0, 0, 1.0, 0, 0.0, 0.0, \
            0, {0, 0, 0, 0}, 0, {0, 0, 0, 0}, {0, 0, 0, 0}, -1, NULL, 0, 0, 0.0,             \
            CURTAIL_QUENCHING_UNSET, 22.0, 72.0, 0, CURTAIL_FUEL_COAL, 0.0, 0, 0, 0.0, NULL, \
            0                                                                                \
    }

/** One policy rule (SPEC §4.1). Match keys that are 0 / -1 are absent. */
typedef struct curtail_rule {
    unsigned version;
    curtail_industry industry; /* required */
    unsigned kinds;            /* bit (1u << curtail_kind); 0: key absent */
    unsigned grades;           /* bit (1u << curtail_grade); required, non-zero */
    unsigned levels;           /* bit (1u << curtail_level); required, non-zero */
    int interruptible;         /* -1 absent, 0 or 1 */
    unsigned fuels;            /* bit (1u << curtail_fuel); 0: key absent */
    unsigned guarantees; /* bit (1u << curtail_guarantee), LIVELIHOOD/SUPPLY only; 0 absent */
    curtail_measure measure;
    double value; /* max_load x, cut c, coking_time_h T; unused for stop/none */
    /* since version 2 (issue 10): the transport measure the rule states
     * (UNSET: none stated; matched apart from the measure, SPEC §4.1), and
     * whether it states a production measure at all (0: a transport-only
     * rule, which must state a transport) */
    curtail_transport transport;
    int has_measure;
} curtail_rule;
/* Version 1 ended at `value`; it is still accepted (no transport, a measure). */
#define CURTAIL_RULE_VERSION 2
#define CURTAIL_RULE_INIT                                                                    \
    {                                                                                        \
        CURTAIL_RULE_VERSION, CURTAIL_COKING, 0u, 0u, 0u, -1, 0u, 0u, CURTAIL_MEASURE_NONE,  \
            0.0, CURTAIL_TRANSPORT_UNSET, 1                                                  \
    }

/** Options for loading YAML. */
typedef struct curtail_load_options {
    unsigned version;
    const curtail_mem *mem; /* NULL: the C library */
} curtail_load_options;
#define CURTAIL_LOAD_OPTIONS_VERSION 1
#define CURTAIL_LOAD_OPTIONS_INIT {CURTAIL_LOAD_OPTIONS_VERSION, NULL}

/** A new empty scenario with the defaults of SPEC §2. Free with curtail_scenario_free. */
CURTAIL_API int curtail_scenario_new(curtail_scenario **out, const curtail_mem *mem,
                                     curtail_error *err);
CURTAIL_API void curtail_scenario_free(curtail_scenario *s);

/**
 * Load and check a scenario. `path` "-" reads standard input. On success
 * *out is checked (curtail_scenario_check has run) and its warnings are
 * available. On failure *out is NULL and err says where.
 */
CURTAIL_API int curtail_scenario_load_file(curtail_scenario **out, const char *path,
                                           const curtail_load_options *opts,
                                           curtail_error *err);
/** Same, from memory; `filename` is used in messages only. */
CURTAIL_API int curtail_scenario_load_buffer(curtail_scenario **out, const char *data,
                                             size_t len, const char *filename,
                                             const curtail_load_options *opts,
                                             curtail_error *err);

CURTAIL_API int curtail_scenario_set_name(curtail_scenario *s, const char *name,
                                          curtail_error *err);
/** Set the title block (`note:` and `compiled_by:`); NULL clears one. */
CURTAIL_API int curtail_scenario_set_note(curtail_scenario *s, const char *note,
                                          const char *compiled_by, curtail_error *err);
CURTAIL_API int curtail_scenario_set_lang(curtail_scenario *s, curtail_lang lang,
                                          curtail_error *err);
/** `totals_kgpd` is required (4 values >= 0) for CURTAIL_BASE_TOTALS, ignored otherwise. */
CURTAIL_API int curtail_scenario_set_target_base(curtail_scenario *s, curtail_base base,
                                                 const double *totals_kgpd,
                                                 curtail_error *err);
/** Replace one level's ratios (each in [0, 1); 0 = no target). */
CURTAIL_API int curtail_scenario_set_ratios(curtail_scenario *s, curtail_level level,
                                            const double ratios[CURTAIL_NPOLLUTANTS],
                                            curtail_error *err);
/** Reductions at one level from measures outside the list (移动源、扬尘源), kg/d,
 * each >= 0: subtracted from that level's requirement, never below 0. */
CURTAIL_API int curtail_scenario_set_credits(curtail_scenario *s, curtail_level level,
                                             const double credits_kgpd[CURTAIL_NPOLLUTANTS],
                                             curtail_error *err);
/** Append a combined target: at each level of `levels` (bit 1u << level), the
 * sum over `pollutants` (bit 1u << pollutant, at least two) of reduction /
 * baseline is at least `ratio` (in (0, n] for n pollutants). At most 8. */
CURTAIL_API int curtail_scenario_add_combined_target(curtail_scenario *s, unsigned pollutants,
                                                     unsigned levels, double ratio,
                                                     curtail_error *err);
/** Grades the optimiser may curtail beyond their rule (bit 1u << grade). */
CURTAIL_API int curtail_scenario_set_extra_grades(curtail_scenario *s, unsigned grades,
                                                  curtail_error *err);
/** Loss weight per grade (each >= 0, finite). */
CURTAIL_API int curtail_scenario_set_extra_weights(curtail_scenario *s,
                                                   const double weights[CURTAIL_NGRADES],
                                                   curtail_error *err);
/** 0: use only the scenario's own rules. Default 1. */
CURTAIL_API int curtail_scenario_set_builtin_policy(curtail_scenario *s, int on,
                                                    curtail_error *err);
/** Append a rule after the built-in table and earlier rules (later rules win ties). */
CURTAIL_API int curtail_scenario_add_rule(curtail_scenario *s, const curtail_rule *rule,
                                          curtail_error *err);
/** Append an enterprise; its units are added after it with curtail_scenario_add_unit. */
CURTAIL_API int curtail_scenario_add_enterprise(curtail_scenario *s,
                                                const curtail_enterprise_spec *spec,
                                                curtail_error *err);
/** Append a unit to the most recently added enterprise. */
CURTAIL_API int curtail_scenario_add_unit(curtail_scenario *s, const curtail_unit_spec *spec,
                                          curtail_error *err);
/**
 * Trucks of the most recently added enterprise (issue 10): trips a day by
 * emission standard (`trucks_per_day`, each >= 0, finite; NULL: not given)
 * and whether it has gate monitoring (门禁, `gate_monitoring`). Enterprises
 * with 10 or more trips a day and no gate monitoring are warned.
 */
CURTAIL_API int curtail_scenario_set_trucks(curtail_scenario *s,
                                            const double trucks_per_day[CURTAIL_NTRUCK_CLASSES],
                                            int gate_monitoring, curtail_error *err);
/**
 * Read back enterprise e's trucks (0-based, scenario order): *has_trucks 1
 * when trucks_per_day was given (then trucks_per_day[c] its trips a day per
 * class, else all 0) and *gate_monitoring 0 or 1. Any output may be NULL.
 */
CURTAIL_API int curtail_scenario_trucks(const curtail_scenario *s, size_t e, int *has_trucks,
                                        double trucks_per_day[CURTAIL_NTRUCK_CLASSES],
                                        int *gate_monitoring, curtail_error *err);
/**
 * Emissions of one truck trip of class `c`, kg per pollutant (each >= 0,
 * finite): what a banned trip saves (移动源减排, `transport_factors`).
 * Required for every class an enterprise's trucks_per_day names.
 */
CURTAIL_API int curtail_scenario_set_transport_factors(curtail_scenario *s, curtail_truck_class c,
                                                       const double kg_per_trip[CURTAIL_NPOLLUTANTS],
                                                       curtail_error *err);
/**
 * The episode to schedule (SPEC §6): `start` "YYYY-MM-DDTHH:MM" on the hour
 * (local time), `hours` from 1 to 8784, ending by 9999-12-31T24:00. Replaces
 * any earlier episode, its alerts and its ozone window.
 */
CURTAIL_API int curtail_scenario_set_episode(curtail_scenario *s, const char *start, int hours,
                                             curtail_error *err);
/**
 * Add an alert of the episode's timeline: `level` from `from` to `to`
 * ("YYYY-MM-DDTHH:MM", from < to, inside the episode). Alerts may not
 * overlap (curtail_scenario_check reports it). Hours outside every alert run
 * at base load.
 */
CURTAIL_API int curtail_scenario_add_alert(curtail_scenario *s, curtail_level level,
                                           const char *from, const char *to,
                                           curtail_error *err);
/**
 * The episode's ozone window (错时生产): `window` "HH:MM-HH:MM" within one day
 * (NULL: "10:00-18:00"), at the levels in `levels` (bit 1u << level; 0: all
 * three). After curtail_scenario_set_episode.
 */
CURTAIL_API int curtail_scenario_set_ozone(curtail_scenario *s, const char *window,
                                           unsigned levels, curtail_error *err);
/**
 * Resolve references and check the whole scenario (ids, `follows`, kinds,
 * policy bounds, nesting). Required before solving a scenario built in code;
 * loading does it. Clears and recomputes the warnings.
 */
CURTAIL_API int curtail_scenario_check(curtail_scenario *s, curtail_error *err);

CURTAIL_API const char *curtail_scenario_name(const curtail_scenario *s);
/** The title block's note (e.g. that figures are illustrative) and who
 * compiled the list; NULL when not given (issue 9). */
CURTAIL_API const char *curtail_scenario_note(const curtail_scenario *s);
CURTAIL_API const char *curtail_scenario_compiled_by(const curtail_scenario *s);
/** targets.ratios at a level (0: no target; 0 too when out of range). */
CURTAIL_API double curtail_scenario_ratio(const curtail_scenario *s, curtail_level level,
                                          curtail_pollutant p);
CURTAIL_API size_t curtail_scenario_enterprise_count(const curtail_scenario *s);
CURTAIL_API size_t curtail_scenario_unit_count(const curtail_scenario *s);
/** Warnings, each "FILE:LINE:COL: warning: PATH: message" (position parts when known). */
CURTAIL_API size_t curtail_scenario_warning_count(const curtail_scenario *s);
CURTAIL_API const char *curtail_scenario_warning(const curtail_scenario *s, size_t i);
/** Warning i in a language (CURTAIL_LANG_DEFAULT: the scenario's); "警告:" in Chinese. */
CURTAIL_API const char *curtail_scenario_warning_text(const curtail_scenario *s, size_t i,
                                                      curtail_lang lang);

/**
 * Read back enterprise i (0-based, in scenario order). `out->version` must be
 * set by the caller (CURTAIL_ENTERPRISE_SPEC_INIT); the strings are borrowed
 * until `s` is freed or changed. `name` is the id when none was given.
 */
CURTAIL_API int curtail_scenario_enterprise(const curtail_scenario *s, size_t i,
                                            curtail_enterprise_spec *out, curtail_error *err);
/**
 * Read back unit i (0-based over the whole scenario, enterprise by
 * enterprise); *enterprise (may be NULL) gets its enterprise's index.
 * `out->version` must be set (CURTAIL_UNIT_SPEC_INIT); strings are borrowed.
 * The has_* flags say what was given; the values are those in use: after
 * curtail_scenario_check (loading runs it) `ef` is the factor derived from
 * `baseline_kgpd` when that was given, `min_load` its resolved default and
 * `interruptible` 0 or 1; `ramp_h` is always set for a coke oven.
 */
CURTAIL_API int curtail_scenario_unit(const curtail_scenario *s, size_t i,
                                      curtail_unit_spec *out, size_t *enterprise,
                                      curtail_error *err);

/**
 * Whole-line steps (issue 10) of the unit added last: `lines` N identical
 * production lines (the load a multiple of 1/N of capacity; a whole number
 * >= 1, at most 1000), or `step` s (the load a multiple of s, 0 < s <= 1).
 * A unit has one or the other, never both, and a follower has neither (it
 * runs at its leader's load). Errors are CURTAIL_EINPUT with err->path
 * "lines" / "step". A plan with stepped units is a MIP (docs/SCHEMA.md).
 */
CURTAIL_API int curtail_scenario_set_unit_lines(curtail_scenario *s, double lines,
                                                curtail_error *err);
CURTAIL_API int curtail_scenario_set_unit_step(curtail_scenario *s, double step,
                                               curtail_error *err);
/** Unit i's steps: *lines (0 when given as a step) and *step (0: continuous). */
CURTAIL_API int curtail_scenario_unit_steps(const curtail_scenario *s, size_t i, unsigned *lines,
                                            double *step, curtail_error *err);

/** The built-in rule table as YAML text (static storage). */
CURTAIL_API const char *curtail_policy_default_yaml(void);

/* ---- Zones, towns and seasons (docs/SCHEMA.md "Zones, towns and seasons") ---- */

/** The season a plan is for: the rules that carry `seasons:` apply only in
 *  the seasons they list. A scenario that names none is a heating-season one. */
typedef enum curtail_season {
    CURTAIL_SEASON_HEATING = 0, /* 采暖季 */
    CURTAIL_SEASON_OZONE,       /* 臭氧季 (summer ozone episodes) */
    CURTAIL_SEASON_OTHER,
    CURTAIL_NSEASONS
} curtail_season;
CURTAIL_API const char *curtail_season_name(curtail_season season);
CURTAIL_API int curtail_season_from_name(const char *name, curtail_season *out);
/** The scenario's `season:`. */
CURTAIL_API int curtail_scenario_set_season(curtail_scenario *s, curtail_season season,
                                            curtail_error *err);
/** The episode's `season:` (after curtail_scenario_set_episode, which clears it);
 *  it overrides the scenario's for the whole file (plan and schedule alike). */
CURTAIL_API int curtail_scenario_set_episode_season(curtail_scenario *s, curtail_season season,
                                                    curtail_error *err);
/** The season the rules are matched in: the episode's, else the scenario's,
 *  else CURTAIL_SEASON_HEATING. */
CURTAIL_API curtail_season curtail_scenario_season(const curtail_scenario *s);
/** The zone tags (`zones:`) of the most recently added enterprise: each
 *  [A-Za-z_][A-Za-z0-9_]*, at most 64 characters; at most 64 distinct tags
 *  per scenario (enterprises and rules together). Replaces earlier tags. */
CURTAIL_API int curtail_scenario_set_zones(curtail_scenario *s, const char *const *zones,
                                           size_t n, curtail_error *err);
/** Enterprise i's zone tags: how many, and tag k (borrowed; in the order the
 *  scenario first named them). */
CURTAIL_API size_t curtail_scenario_zone_count(const curtail_scenario *s, size_t i);
CURTAIL_API const char *curtail_scenario_zone(const curtail_scenario *s, size_t i, size_t k);

/** Where and when a rule applies, beyond curtail_rule's keys. */
typedef struct curtail_rule_scope {
    unsigned version;
    const char *const *zones; /* the enterprise carries any of them; n 0: key absent */
    size_t nzones;
    const char *const *towns; /* the enterprise's `town` is one of them; n 0: absent */
    size_t ntowns;
    unsigned seasons; /* bit (1u << curtail_season); 0: every season */
} curtail_rule_scope;
#define CURTAIL_RULE_SCOPE_VERSION 1
#define CURTAIL_RULE_SCOPE_INIT {CURTAIL_RULE_SCOPE_VERSION, NULL, 0, NULL, 0, 0u}
/** curtail_scenario_add_rule with a scope (NULL: none). `zones` and `towns`
 *  each count once in the rule's specificity; `seasons` does not. */
CURTAIL_API int curtail_scenario_add_rule_scoped(curtail_scenario *s, const curtail_rule *rule,
                                                 const curtail_rule_scope *scope,
                                                 curtail_error *err);

/* ------------------------------------------------------------------------ */
/* Plan: the three-level list (SPEC §5)                                     */
/* ------------------------------------------------------------------------ */

typedef struct curtail_result curtail_result;

typedef enum curtail_status {
    CURTAIL_OPTIMAL = 0,
    CURTAIL_TARGETS_UNMET = 1
} curtail_status;

typedef enum curtail_method {
    CURTAIL_METHOD_AUTO = 0, /* structure-exploiting (sifting) */
    CURTAIL_METHOD_PLAIN     /* the whole LP at once: for tests and audit */
} curtail_method;

/**
 * Options of a solve. Version 1 callers (no fields after `method`) are still
 * accepted. Every solve ends: besides these limits, each simplex call has an
 * iteration bound and falls back to exact arithmetic when it stalls.
 */
/** The LP engine behind the library's solver layer. */
typedef enum curtail_solver {
    CURTAIL_SOLVER_DEFAULT = 0, /* GLPK */
    CURTAIL_SOLVER_GLPK,
    CURTAIL_SOLVER_CLP /* COIN-OR Clp, where the library was built with it; loaded
                          (dlopen) by the first solve that uses it, CURTAIL_ESOLVER
                          when it cannot be */
} curtail_solver;

/** 1 if this build of the library can solve with `solver`. */
CURTAIL_API int curtail_solver_available(curtail_solver solver);

typedef struct curtail_plan_options {
    unsigned version;
    curtail_method method;
    /* since version 2: */
    double time_limit_s; /* > 0: give up with CURTAIL_ESOLVER after this many seconds */
    /* called between solver rounds; non-zero stops the solve with CURTAIL_ECANCELED */
    int (*cancel)(void *ctx);
    void *cancel_ctx;
    curtail_solver solver;
} curtail_plan_options;
#define CURTAIL_PLAN_OPTIONS_VERSION 2
#define CURTAIL_PLAN_OPTIONS_INIT                                                            \
    {CURTAIL_PLAN_OPTIONS_VERSION, CURTAIL_METHOD_AUTO, 0.0, NULL, NULL, CURTAIL_SOLVER_DEFAULT}

/**
 * Solve the plan LP of a checked scenario. The call succeeds (CURTAIL_OK)
 * also when targets cannot be met; curtail_result_status then says
 * CURTAIL_TARGETS_UNMET. Free *out with curtail_result_free. The result
 * keeps a reference to `s`: free the result first.
 */
CURTAIL_API int curtail_plan_solve(const curtail_scenario *s, const curtail_plan_options *opts,
                                   curtail_result **out, curtail_error *err);
CURTAIL_API void curtail_result_free(curtail_result *r);

CURTAIL_API curtail_status curtail_result_status(const curtail_result *r);
/** Σ over levels of the weighted loss (plan), or over the horizon (schedule). */
CURTAIL_API double curtail_result_objective(const curtail_result *r);

typedef struct curtail_target {
    double baseline;     /* kg/d (plan) or kg over the segment (schedule) */
    double required;
    double achieved;
    double shortfall;    /* max(0, required - achieved) when targets are unmet */
    double shadow_price; /* weighted yuan per kg of extra reduction; 0 if not binding */
} curtail_target;

typedef struct curtail_level_result {
    curtail_status status;
    double lost_value;    /* yuan/d, unweighted */
    double weighted_loss; /* yuan/d, weighted by grade */
    curtail_target targets[CURTAIL_NPOLLUTANTS];
} curtail_level_result;

CURTAIL_API int curtail_result_level(const curtail_result *r, curtail_level level,
                                     curtail_level_result *out, curtail_error *err);

typedef struct curtail_unit_result {
    const char *enterprise; /* borrowed ids */
    const char *unit;
    double load;
    double base_load;
    double lo;
    double hi;
    curtail_measure measure; /* the rule's measure */
    double measure_value;
    double reduction[CURTAIL_NPOLLUTANTS]; /* kg/d */
} curtail_unit_result;

/** Units are in scenario order (enterprise by enterprise). */
CURTAIL_API size_t curtail_result_unit_count(const curtail_result *r);
/**
 * The MIP of a plan with stepped units (issue 10). status: 0 no MIP (no
 * stepped unit), 1 optimal (proven within GLPK's tolerances), 2 feasible
 * (the time limit stopped branch-and-cut: the best integer solution found).
 * gap = (objective - bound) / max(objective, 1e-9) with the best proven
 * lower bound; lp_bound the LP relaxation's optimum; seconds the MIP's time.
 */
typedef struct curtail_mip_info {
    int status;
    size_t stepped_groups; /* load groups with steps */
    double gap;
    double bound;
    double lp_bound;
    double seconds;
} curtail_mip_info;
CURTAIL_API int curtail_result_mip(const curtail_result *r, curtail_mip_info *out,
                                   curtail_error *err);

CURTAIL_API int curtail_result_unit(const curtail_result *r, curtail_level level, size_t i,
                                    curtail_unit_result *out, curtail_error *err);
/** Warnings of the scenario and of the solve, same format as the scenario's. */
CURTAIL_API size_t curtail_result_warning_count(const curtail_result *r);
CURTAIL_API const char *curtail_result_warning(const curtail_result *r, size_t i);
/** Warning i in a language (CURTAIL_LANG_DEFAULT: the scenario's). */
CURTAIL_API const char *curtail_result_warning_text(const curtail_result *r, size_t i,
                                                    curtail_lang lang);

/* ------------------------------------------------------------------------ */
/* Schedule: an episode hour by hour (SPEC §6)                              */
/* ------------------------------------------------------------------------ */

/** How the plan behind a schedule is solved: the fields of curtail_plan_options. */
typedef struct curtail_schedule_options {
    unsigned version;
    curtail_method method;
    /* since version 2 (version 1 had only `method` and an unused `hourly`): */
    double time_limit_s;
    int (*cancel)(void *ctx);
    void *cancel_ctx;
    curtail_solver solver;
} curtail_schedule_options;
#define CURTAIL_SCHEDULE_OPTIONS_VERSION 2
#define CURTAIL_SCHEDULE_OPTIONS_INIT                                                        \
    {CURTAIL_SCHEDULE_OPTIONS_VERSION, CURTAIL_METHOD_AUTO, 0.0, NULL, NULL, CURTAIL_SOLVER_DEFAULT}

/**
 * Render the episode of a checked scenario that has an `episode` section
 * (CURTAIL_EINPUT otherwise): the plan of the same scenario (its optimal
 * loads, as curtail_plan_solve gives them) hour by hour, with the ozone
 * window, shifted output and the coke-oven ramp of SPEC §6. No LP beyond
 * the plan's is solved. The result is CURTAIL_TARGETS_UNMET when the plan's
 * targets are unmet or a segment falls short. curtail_result_level and
 * curtail_result_unit on a schedule read the list it executes (the plan).
 */
CURTAIL_API int curtail_schedule_solve(const curtail_scenario *s,
                                       const curtail_schedule_options *opts,
                                       curtail_result **out, curtail_error *err);

/** 1 for a schedule result, 0 for a plan. */
CURTAIL_API int curtail_result_is_schedule(const curtail_result *r);
/** Hours of the horizon (schedule) or 0 (plan). */
CURTAIL_API size_t curtail_result_hour_count(const curtail_result *r);
/** Start of hour t as "YYYY-MM-DDTHH:MM" into buf (at least 17 bytes). */
CURTAIL_API int curtail_result_hour_label(const curtail_result *r, size_t t, char *buf,
                                          size_t size, curtail_error *err);
/** The level of hour t, or -1 outside every timeline entry. */
CURTAIL_API int curtail_result_hour_level(const curtail_result *r, size_t t);
/** One unit's load in each hour: `hours` values, borrowed from r. */
CURTAIL_API const double *curtail_result_unit_loads(const curtail_result *r, size_t unit);

typedef struct curtail_segment_result {
    char day[11]; /* "YYYY-MM-DD" */
    curtail_level level;
    int hours;
    curtail_status status;
    double lost_value;    /* yuan over the segment's hours */
    double weighted_loss;
    curtail_target targets[CURTAIL_NPOLLUTANTS]; /* kg over the segment's hours; shadow_price 0 */
} curtail_segment_result;

CURTAIL_API size_t curtail_result_segment_count(const curtail_result *r);
CURTAIL_API int curtail_result_segment(const curtail_result *r, size_t k,
                                       curtail_segment_result *out, curtail_error *err);
/** A combined target row (targets.combined, one per entry and listed level),
 * in units of a reduction ratio: Σ reduction/baseline over its pollutants. */
typedef struct curtail_combined_result {
    curtail_level level;
    size_t index;        /* the entry's index in targets.combined */
    unsigned pollutants; /* bit 1u << pollutant */
    double ratio;        /* as given */
    double credit;       /* Σ credit/baseline: the part the credits give */
    double required;     /* max(0, ratio - credit) */
    double achieved;
    double shortfall;
    double shadow_price; /* weighted yuan/d per 1.0 of the ratio sum; 0 if not binding */
} curtail_combined_result;
CURTAIL_API size_t curtail_result_combined_count(const curtail_result *r);
CURTAIL_API int curtail_result_combined(const curtail_result *r, size_t k,
                                        curtail_combined_result *out, curtail_error *err);
/** targets.credits_kgpd at a level (kg/d, already off the targets' `required`). */
CURTAIL_API double curtail_result_credit(const curtail_result *r, curtail_level level,
                                         curtail_pollutant p);
/** Columns of the plan LP that was solved (the whole LP, not a sifting round);
 * for a schedule, its plan's. */
CURTAIL_API size_t curtail_result_lp_columns(const curtail_result *r);

/**
 * The transport measure of enterprise `e` (0-based, scenario order) at a
 * level (issue 10): the strictest that the winning transport rules of its
 * units state; CURTAIL_TRANSPORT_UNSET when none does or out of range.
 */
CURTAIL_API curtail_transport curtail_result_transport(const curtail_result *r,
                                                       curtail_level level, size_t e);
/** Truck trips a day enterprise `e` stops at a level under its transport
 *  measure (0 without trucks_per_day). */
CURTAIL_API double curtail_result_trips_stopped(const curtail_result *r, curtail_level level,
                                                size_t e);
/**
 * The mobile-source reduction at a level (移动源, kg/d per pollutant): Σ over
 * enterprises of trips stopped × kg per trip. It counts toward the targets:
 * the `required` of a target row is ratio × baseline less this (never below
 * 0). All zero without trucks_per_day.
 */
CURTAIL_API int curtail_result_mobile(const curtail_result *r, curtail_level level,
                                      double kgpd[CURTAIL_NPOLLUTANTS], curtail_error *err);

/* ------------------------------------------------------------------------ */
/* Output                                                                   */
/* ------------------------------------------------------------------------ */

typedef enum curtail_format {
    CURTAIL_FORMAT_JSON = 0,
    CURTAIL_FORMAT_CSV,
    CURTAIL_FORMAT_MD,
    CURTAIL_FORMAT_XLSX, /* an Excel workbook (summary with charts, the list; a schedule's hours) */
    CURTAIL_FORMAT_HTML  /* one self-contained printable report with SVG charts */
} curtail_format;

/**
 * Told the path of the temporary file an atomic write has just created, then
 * NULL once that file has been renamed over the target or removed. The path
 * is borrowed until the NULL call. For a program that wants the file gone
 * when a signal ends it mid-write: copy the path, and in the handler
 * unlink() it (async-signal-safe). The library itself installs no handler;
 * when on_temp is set it blocks signals in the calling thread from creating
 * the file until on_temp returns, and from renaming or removing it until
 * the NULL call returns, so a handler never misses the file.
 */
typedef void (*curtail_temp_fn)(const char *temp_path, void *ctx);

typedef struct curtail_write_options {
    unsigned version;
    curtail_format format;
    curtail_lang lang; /* CURTAIL_LANG_DEFAULT: the scenario's */
    int bom;           /* CSV: start with a UTF-8 byte order mark */
    /* version 2: */
    curtail_temp_fn on_temp; /* may be NULL */
    void *on_temp_ctx;
    /* version 3: 1 writes the public version (公示版) of the list: names, town,
     * grade, measures (texts and loads); no emissions, no reductions, no
     * money, no shadow prices, no reasons (they quote costs). 0: the filed
     * version (报备版) with everything. Every format; a schedule's is the list
     * it executes. */
    int public_version;
} curtail_write_options;
#define CURTAIL_WRITE_OPTIONS_VERSION 3 /* versions 1 (without on_temp) and 2 are accepted too */
#define CURTAIL_WRITE_OPTIONS_INIT                                                           \
    {CURTAIL_WRITE_OPTIONS_VERSION, CURTAIL_FORMAT_JSON, CURTAIL_LANG_DEFAULT, 0, NULL, NULL, 0}

/**
 * Write a result. To a path: whole or not at all (temporary file in the
 * same directory, streamed in 64 KiB pieces, synced, then renamed); an
 * existing file is untouched on failure. `path` "-" or NULL writes to
 * standard output, and a path that is a device or FIFO is written in
 * place: those are streamed too, so a failure mid-way leaves a prefix
 * there. Numbers are written with '.' whatever the locale.
 */
CURTAIL_API int curtail_result_write_file(const curtail_result *r,
                                          const curtail_write_options *opts, const char *path,
                                          curtail_error *err);
CURTAIL_API int curtail_result_write_stream(const curtail_result *r,
                                            const curtail_write_options *opts, FILE *fp,
                                            curtail_error *err);

/* ------------------------------------------------------------------------ */
/* Explain: one enterprise's sheet (一厂一策) or one level's account          */
/* ------------------------------------------------------------------------ */

typedef struct curtail_explain_options {
    unsigned version;
    curtail_format format; /* CURTAIL_FORMAT_MD (default) or CURTAIL_FORMAT_JSON */
    curtail_lang lang;     /* CURTAIL_LANG_DEFAULT: the scenario's */
    /* NULL, or an enterprise's id: its sheet (overview, contact, units,
     * measures per level with reductions and reasons) */
    const char *enterprise;
    /* -1, or a curtail_level: with `enterprise`, the sheet at that level only;
     * alone, that level's account (targets, achieved, shadow prices, the units
     * cut beyond their rules and why). Neither: the enterprises to choose
     * from, with their ids. */
    int level;
    curtail_temp_fn on_temp; /* as in curtail_write_options */
    void *on_temp_ctx;
} curtail_explain_options;
#define CURTAIL_EXPLAIN_OPTIONS_VERSION 1
#define CURTAIL_EXPLAIN_OPTIONS_INIT                                                         \
    {CURTAIL_EXPLAIN_OPTIONS_VERSION, CURTAIL_FORMAT_MD, CURTAIL_LANG_DEFAULT, NULL, -1, NULL, NULL}

/**
 * Write what `opts` asks of a plan result (a schedule's: the list it
 * executes), whole or not at all like curtail_result_write_file ("-" or
 * NULL: standard output). CURTAIL_EINVAL for an unknown enterprise id (the
 * message names it), a level out of range or another format.
 */
CURTAIL_API int curtail_explain_write_file(const curtail_result *r,
                                           const curtail_explain_options *opts,
                                           const char *path, curtail_error *err);

/* ------------------------------------------------------------------------ */
/* Export: the LP for audit and other solvers                               */
/* ------------------------------------------------------------------------ */

typedef enum curtail_lp_format {
    CURTAIL_LP_CPLEX = 0, /* CPLEX LP, read by glpsol --lp and clp */
    CURTAIL_LP_MPS        /* free MPS, read by glpsol --freemps and clp */
} curtail_lp_format;

typedef struct curtail_export_options {
    unsigned version;
    curtail_lp_format format;
    int level; /* -1: the joint three-level LP; else one curtail_level alone */
    /* version 2: as in curtail_write_options */
    curtail_temp_fn on_temp;
    void *on_temp_ctx;
} curtail_export_options;
#define CURTAIL_EXPORT_OPTIONS_VERSION 2 /* version 1 (without on_temp) is accepted too */
#define CURTAIL_EXPORT_OPTIONS_INIT                                                          \
    {CURTAIL_EXPORT_OPTIONS_VERSION, CURTAIL_LP_CPLEX, -1, NULL, NULL}

/**
 * Write the plan LP of a checked scenario (variables y = b - x, the cut of
 * each load group, so the objective is the weighted loss itself). When
 * targets cannot all be met, the LP is phase 2 of SPEC §5 with its
 * shortfall columns. Atomic like curtail_result_write_file.
 */
CURTAIL_API int curtail_export_file(const curtail_scenario *s,
                                    const curtail_export_options *opts, const char *path,
                                    curtail_error *err);

/* ------------------------------------------------------------------------ */
/* What-if: copies, overrides, variants and sweeps                          */
/* ------------------------------------------------------------------------ */

/**
 * A deep copy of `s` (enterprises, units, rules, episode, variants), owning
 * nothing of `s`: either may be changed or freed first. A checked scenario
 * gives a checked copy (its warnings recomputed). Free with
 * curtail_scenario_free.
 */
CURTAIL_API int curtail_scenario_clone(const curtail_scenario *s, curtail_scenario **out,
                                       curtail_error *err);

/**
 * Change one thing of a scenario, addressed by id, with the loader's checks
 * and messages. `path` (the text left of '=' in `--set PATH=VALUE`):
 *
 *   name, lang, builtin_policy
 *   targets.base, targets.totals_kgpd[.POLLUTANT], targets.ratios.LEVEL[.POLLUTANT]
 *   extra.grades, extra.weights[.GRADE]
 *   policy+                       append a rule (a flow map) or a list of rules
 *   enterprise.ID.FIELD           name credit_code town industry grade guarantee phase_out
 *   enterprise.ID-                remove the enterprise (value empty)
 *   unit.ENT.UNIT.FIELD           name capacity base_load min_load value interruptible
 *                                 follows ef[.P] baseline_kgpd[.P] fixed_kgpd[.P]
 *                                 coke_oven.{height_m,quenching,coking_time_h,
 *                                 max_coking_time_h,ramp_h} boiler.{fuel,steam_tph,heating}
 *   unit.ENT.UNIT-                remove the unit
 *
 * `value` is YAML: a scalar (0.25, B, true, "quoted text") or a flow
 * collection ([C, D], {SO2: 0.1, NOx: 0.25}); NULL or "" is null. On an
 * error CURTAIL_EINPUT with err->path = `path` and the loader's message
 * ("must be in (0, 1], got 1.5"), and `s` unchanged. The scenario is left
 * unchecked: run curtail_scenario_check before solving. Removing refuses
 * while results of `s` are alive (CURTAIL_EINVAL).
 */
CURTAIL_API int curtail_scenario_override(curtail_scenario *s, const char *path,
                                          const char *value, curtail_error *err);
/** The same from one "PATH=VALUE" text (`--set`); err->path is PATH. */
CURTAIL_API int curtail_scenario_override_assign(curtail_scenario *s, const char *assignment,
                                                 curtail_error *err);

/** The named variants of the YAML's `variants:` section, in file order. */
CURTAIL_API size_t curtail_scenario_variant_count(const curtail_scenario *s);
CURTAIL_API const char *curtail_scenario_variant_name(const curtail_scenario *s, size_t i);
/**
 * Apply variant `name` (the variants it `extends` first, in order, then its
 * own overrides). Errors carry the file, line and column of the override
 * and the path "variants.NAME.PATH". Leaves `s` unchecked.
 */
CURTAIL_API int curtail_scenario_apply_variant(curtail_scenario *s, const char *name,
                                               curtail_error *err);

typedef struct curtail_sweep curtail_sweep;

/** Called after each case of a sweep (from the thread that solved it, one
 * call at a time): cases done so far and the shard's total. Non-zero
 * cancels: the sweep stops and returns CURTAIL_ECANCELED. */
typedef int (*curtail_sweep_progress_fn)(void *ctx, size_t done, size_t total);

typedef struct curtail_sweep_options {
    unsigned version;
    int threads;          /* solving threads; <= 1: the calling thread alone */
    unsigned shard;       /* with nshards > 1: run only slice `shard` (0-based) */
    unsigned nshards;     /* 0 or 1: the whole sweep */
    int variants;         /* 1 (default): the YAML's variants after the base; 0: the base alone */
    int cold;             /* 1: every case solved from scratch (no warm start) */
    curtail_plan_options plan; /* method, time limit, solver of every solve */
    curtail_sweep_progress_fn progress; /* may be NULL */
    void *progress_ctx;
} curtail_sweep_options;
#define CURTAIL_SWEEP_OPTIONS_VERSION 1
#define CURTAIL_SWEEP_OPTIONS_INIT                                                           \
    {CURTAIL_SWEEP_OPTIONS_VERSION, 1, 0, 0, 1, 0, CURTAIL_PLAN_OPTIONS_INIT, NULL, NULL}

/**
 * A sweep of a checked scenario: the cases are the base and then each
 * variant (or the base alone), each crossed with every combination of the
 * added sets (the first set varies slowest). `s` must outlive the sweep and
 * stay unchanged while it runs.
 */
CURTAIL_API int curtail_sweep_new(const curtail_scenario *s, const curtail_sweep_options *opts,
                                  curtail_sweep **out, curtail_error *err);
CURTAIL_API void curtail_sweep_free(curtail_sweep *w);
/**
 * Add an override swept over values: "V1,V2,..." (each a YAML scalar; a
 * value with a comma in [...] or {...} stays whole) or a range "A:B:STEP"
 * (A, A+STEP, ... up to B within STEP/1e6; at most 100000 values).
 */
CURTAIL_API int curtail_sweep_add_set(curtail_sweep *w, const char *path, const char *values,
                                      curtail_error *err);
/** The same from "PATH=VALUES". */
CURTAIL_API int curtail_sweep_add_set_assign(curtail_sweep *w, const char *assignment,
                                             curtail_error *err);
/** Cases of the whole sweep, and the first and end case of this shard. */
CURTAIL_API size_t curtail_sweep_case_count(const curtail_sweep *w);
/**
 * Solve the shard's cases: the base first (cold), then every case as a
 * copy of the base with its overrides, re-solved from the base's optimum
 * (unless `cold`). A case that is invalid or fails is recorded with its
 * status and message; the others go on. CURTAIL_OK when every case ran
 * (whatever their status), CURTAIL_ECANCELED when the progress hook
 * stopped it, another code when the base itself failed (err says why).
 */
CURTAIL_API int curtail_sweep_run(curtail_sweep *w, curtail_error *err);

typedef enum curtail_case_status {
    CURTAIL_CASE_OPTIMAL = 0,
    CURTAIL_CASE_TARGETS_UNMET = 1,
    CURTAIL_CASE_INVALID = 2,  /* an override or the variant's check failed */
    CURTAIL_CASE_FAILED = 3,   /* the solver failed (time limit, numerics, memory) */
    CURTAIL_CASE_CANCELED = 4, /* not run: the sweep was canceled */
    CURTAIL_CASE_NSTATUS
} curtail_case_status;
/** "optimal", "targets_unmet", "invalid", "failed", "canceled". */
CURTAIL_API const char *curtail_case_status_name(curtail_case_status st);

/** One case of a run sweep (borrowed strings live as long as the sweep). */
typedef struct curtail_sweep_case {
    unsigned version;          /* set by the caller: CURTAIL_SWEEP_CASE_VERSION */
    size_t index;              /* in the whole sweep */
    const char *variant;       /* "base" or the variant's name */
    curtail_case_status status;
    const char *message;       /* "" unless invalid or failed */
    double objective;
    curtail_level_result levels[CURTAIL_NLEVELS];
    size_t changed[CURTAIL_NLEVELS]; /* enterprises whose loads differ from the base's */
} curtail_sweep_case;
#define CURTAIL_SWEEP_CASE_VERSION 1

/** Cases of this shard that ran, in order. */
CURTAIL_API size_t curtail_sweep_result_count(const curtail_sweep *w);
CURTAIL_API int curtail_sweep_result(const curtail_sweep *w, size_t i, curtail_sweep_case *out,
                                     curtail_error *err);
/** The value case i took for set j, as given ("0.25"). */
CURTAIL_API const char *curtail_sweep_result_value(const curtail_sweep *w, size_t i, size_t j);
/** The worst status of the shard's cases (CURTAIL_CASE_OPTIMAL when all are). */
CURTAIL_API curtail_case_status curtail_sweep_worst(const curtail_sweep *w);

typedef struct curtail_sweep_write_options {
    unsigned version;
    /* CURTAIL_FORMAT_CSV (default), CURTAIL_FORMAT_MD, JSON (JSON lines), XLSX (the
     * comparison table; with `curve` a cost-curve sheet with a line chart) or HTML
     * (title, the table; with `curve` SVG charts of the cost curve and lost value) */
    curtail_format format;
    const char *curve;     /* NULL, or a swept path targets.ratios.LEVEL.POLLUTANT: the cost curve */
    int header;            /* -1 (default): only shard 0 writes the header; 0 never; 1 always
                              (csv and md; xlsx and html are whole documents) */
    curtail_lang lang;     /* version 2: xlsx and html wording; DEFAULT: the scenario's */
} curtail_sweep_write_options;
#define CURTAIL_SWEEP_WRITE_OPTIONS_VERSION 2
#define CURTAIL_SWEEP_WRITE_OPTIONS_INIT                                                     \
    {CURTAIL_SWEEP_WRITE_OPTIONS_VERSION, CURTAIL_FORMAT_CSV, NULL, -1, CURTAIL_LANG_DEFAULT}

/**
 * The table of a run sweep: one row per case and level (one row for a
 * case that did not solve). Into memory (*out, *len; free with
 * curtail_buffer_free), or to a file written whole or not at all ("-" or
 * NULL: standard output). Shards' outputs, concatenated in shard order,
 * are byte for byte the whole sweep's.
 */
CURTAIL_API int curtail_sweep_write_buffer(const curtail_sweep *w,
                                           const curtail_sweep_write_options *opts, char **out,
                                           size_t *len, curtail_error *err);
CURTAIL_API int curtail_sweep_write_file(const curtail_sweep *w,
                                         const curtail_sweep_write_options *opts,
                                         const char *path, curtail_error *err);
/** Free a buffer the library returned (NULL: no-op). */
CURTAIL_API void curtail_buffer_free(char *buf);

#ifdef __cplusplus
}
#endif

#endif /* CURTAIL_H */
