/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * internal.h — shared definitions of libcurtail's modules. Not installed.
 *
 * Data flows one way: YAML (load_yaml.c) → scenario (scenario.c) → bounds
 * (policy.c) → LP (lp.c) → solver (solve_glpk.c) → result (plan.c) →
 * writers (write_*.c).
 */
#ifndef CURTAIL_INTERNAL_H
#define CURTAIL_INTERNAL_H

#include <stdatomic.h>
#include "curtail.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define CU_NP CURTAIL_NPOLLUTANTS
#define CU_NL CURTAIL_NLEVELS

/* ---- limits of SPEC §9 ---------------------------------------------------- */
#define CU_MAX_FILE_BYTES ((size_t)1 << 30) /* 1 GiB */
#define CU_MAX_DEPTH 64
#define CU_MAX_ALIAS_FACTOR 10 /* alias expansion <= 10 x the document's nodes */
#define CU_MAX_STRING 4096
#define CU_MAX_UNITS 10000000
/* units x hours of a schedule (SECURITY.md: about 2.5 GiB at the limit) */
#define CU_MAX_UNIT_HOURS 100000000
/* A derived coefficient (a group's emission rate or value, its weighted loss,
 * a listed baseline) at most what two given numbers at their limit (1e12)
 * multiply to (SPEC §9; docs/DECISIONS.md). */
#define CU_MAX_DERIVED 1e24
#define CU_MAX_ID 64

/* ---- memory (mem.c) -------------------------------------------------------- */
/* Every allocation of the library goes through these, so that an embedding
 * program's allocator (and the allocation-failure tests) see all of them. */
void *cu_calloc(const curtail_mem *m, size_t count, size_t size);
void *cu_realloc(const curtail_mem *m, void *p, size_t size);
/* realloc of an array: checks count * size for overflow */
void *cu_reallocarray(const curtail_mem *m, void *p, size_t count, size_t size);
void cu_free(const curtail_mem *m, void *p);
char *cu_strdup(const curtail_mem *m, const char *s);
char *cu_strndup(const curtail_mem *m, const char *s, size_t n);
/* Grow *arr (of *cap elements of `size`) to hold at least `need`; 0 or -1. */
int cu_grow(const curtail_mem *m, void **arr, size_t *cap, size_t need, size_t size);

/* The indices i < n with flags[i] set, ascending, into *idx (reallocated to
 * hold them; freed by the caller) and their number into *count; 0 or -1. */
int cu_flagged(const curtail_mem *m, const unsigned char *flags, size_t n, size_t **idx,
               size_t *count);

/* ---- growable byte buffer (mem.c) -------------------------------------------- */
/* A sink takes the bytes of a streamed buffer; returns 0 or an errno value. */
typedef int (*cu_buf_sink)(void *ctx, const char *data, size_t len);
typedef struct cu_buf {
    const curtail_mem *mem;
    char *data; /* always NUL-terminated when len > 0 or after cu_buf_* succeeded */
    size_t len;
    size_t cap;
    int failed; /* sticky: an append failed (for lack of memory, or sink_err) */
    cu_buf_sink sink; /* NULL: the whole text stays in memory */
    void *sink_ctx;
    int sink_err; /* the sink's errno when it failed, else 0 */
} cu_buf;
/* With a sink, an append that finds CU_BUF_FLUSH_AT bytes or more buffered
 * first hands all but the last CU_BUF_KEEP of them to the sink, so that
 * memory stays bounded whatever the output's size while a writer may still
 * look back at (and trim) the last few bytes it wrote. A position taken
 * before such an append is stale after it (len then drops below it). */
#define CU_BUF_FLUSH_AT ((size_t)64 * 1024)
#define CU_BUF_KEEP ((size_t)64)
void cu_buf_init(cu_buf *b, const curtail_mem *mem);
void cu_buf_set_sink(cu_buf *b, cu_buf_sink sink, void *ctx);
/* Everything buffered to the sink (no-op without one); 0 or the sink's errno. */
int cu_buf_flush(cu_buf *b);
void cu_buf_free(cu_buf *b);
/* Appends (inline: the common case is a copy into room already there; the
 * rest, growing and handing bytes to the sink, is cu_buf_put_slow). */
void cu_buf_put_slow(cu_buf *b, const char *s, size_t n);
static inline void cu_buf_put(cu_buf *b, const char *s, size_t n)
{
    if (n < b->cap - b->len && (b->len < CU_BUF_FLUSH_AT || !b->sink) && !b->failed) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
        return;
    }
    cu_buf_put_slow(b, s, n);
}
/* (inline, so that the length of a literal is known at compile time) */
static inline void cu_buf_puts(cu_buf *b, const char *s)
{
    cu_buf_put(b, s, strlen(s));
}
void cu_buf_printf(cu_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* A finite double as the shortest decimal that reads back exactly, in plain
 * decimals where they fit (numfmt.h); never "nan"/"inf" (written as 0);
 * '.' whatever the locale. */
void cu_buf_num(cu_buf *b, double v);
/* The same digits with an exponent where printf's %g has one (1.65e-08, not
 * 0.0000000165): at most 24 characters, for LP and MPS files. */
void cu_buf_num_short(cu_buf *b, double v);

/* ---- errors (error.c) --------------------------------------------------------- */
typedef struct cu_pos {
    uint32_t line; /* 1-based; 0 unknown */
    uint32_t col;
} cu_pos;

/* Set err (if not NULL) and return `code`. `path` may be NULL. */
int cu_error(curtail_error *err, int code, const char *file, cu_pos pos, const char *path,
             const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
int cu_verror(curtail_error *err, int code, const char *file, cu_pos pos, const char *path,
              const char *fmt, va_list ap);
/* Shorthands: CURTAIL_EINVAL / CURTAIL_ENOMEM with no position. */
/* Copy s into dst (size bytes) with control characters escaped (\n, \x1B,
 * C1 as \u009B) and bytes that are never UTF-8 as \xHH, so user text stays
 * on one line and sends a terminal nothing. Returns the length written. */
size_t cu_escape_controls(char *dst, size_t size, const char *s);
int cu_einval(curtail_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
int cu_enomem(curtail_error *err);
/* snprintf in the C locale (per thread): numbers in messages and warnings. */
int cu_vsnprintf_c(char *buf, size_t n, const char *fmt, va_list ap);
int cu_snprintf_c(char *buf, size_t n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* ---- names (names.c) ------------------------------------------------------------ */
const char *cu_guarantee_name(int g);
const char *cu_measure_key(int m); /* "max_load", "cut", "coking_time_h", "stop", "none" */
/* Does `kind` belong to `industry` (SPEC §3)? */
int cu_kind_in_industry(int kind, int industry);
/* Default `interruptible` of a kind: batch, loading, coating. */
int cu_kind_interruptible_default(int kind);

/* ---- the scenario (scenario.c) ------------------------------------------------- */

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
    unsigned char has_boiler, fuel, heating;
    double steam_tph;
    cu_pos pos[CU_UF_COUNT];
    cu_pos pos_baseline[CU_NP]; /* each baseline_kgpd value, for a derived factor's error */
    /* resolved by curtail_scenario_check */
    size_t enterprise; /* index into scenario ents */
    size_t leader;     /* unit index of the root of its `follows` chain (self if none) */
    unsigned char capu; /* capacity_unit: CU_CAPU_* of measure_words.h, 0 default */
} cu_unit;

typedef struct cu_enterprise {
    char *id;
    char *name;
    char *credit_code; /* NULL if absent */
    char *town;        /* NULL if absent */
    int industry, grade, guarantee, phase_out;
    size_t first_unit; /* units are contiguous in scenario->units */
    size_t nunits;
    cu_pos pos[CU_EF_COUNT];
} cu_enterprise;

typedef struct cu_rule {
    curtail_rule r;
    int builtin; /* from the built-in table */
    cu_pos pos;  /* position of the rule node (0 for built-in / builder) */
    size_t index; /* index in its list (scenario policy or built-in table) */
} cu_rule;

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
    int window_from, window_to; /* minutes after midnight, from < to; default 600, 1080 */
    unsigned ozone_levels;      /* bit 1u << level; default all three */
    cu_pos pos;                 /* the episode node */
    cu_pos pos_hours;           /* its `hours` value (0 for builder scenarios) */
} cu_episode;

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
};
/* A result of s was made / freed (plan.c, schedule.c). */
void cu_scenario_pin(const curtail_scenario *s);
void cu_scenario_unpin(const curtail_scenario *s);

/* Add a warning in English and Chinese, each as one line like an error's
 * ("warning:" / "警告:"). 0 or CURTAIL_ENOMEM. */
int cu_scenario_warn(curtail_scenario *s, cu_pos pos, const char *path, const char *msg_en,
                     const char *msg_zh);
/* "enterprises[E].units[U]" (+ ".field" when field not NULL) into buf. */
void cu_unit_path(char *buf, size_t n, size_t e, size_t u, const char *field);
/* Scenario-file relative (for messages); "" for builder scenarios. */
const char *cu_scenario_file(const curtail_scenario *s);
/* CURTAIL_EINVAL naming fn while results of s are alive, else CURTAIL_OK. */
int cu_scenario_refuse_while_results(const curtail_scenario *s, const char *fn,
                                     curtail_error *err);

/* ---- the episode's builders (episode.c) ------------------------------------------- */
/* The public builders' checks, with the positions of a loaded file's nodes
 * (none from a program) and the text of `hours` as given, for messages. */
#define CU_MAX_EPISODE_HOURS 8784 /* a leap year */
int cu_episode_start_check(int64_t start, curtail_error *err);
int cu_episode_set(curtail_scenario *s, int64_t start, double hours, const char *hours_text,
                   cu_pos pos, cu_pos pos_hours, curtail_error *err);
int cu_episode_add_alert(curtail_scenario *s, int level, int64_t from, int64_t to, cu_pos pos,
                         curtail_error *err);
/* Alerts of the timeline may not overlap (run by the loader after the
 * timeline and by curtail_scenario_check). */
int cu_episode_check_overlaps(const curtail_scenario *s, curtail_error *err);

/* A copy of src in s's string blocks (ids, names, towns); NULL on ENOMEM. */
char *cu_scenario_str(curtail_scenario *s, const char *src);
/* Deep copy without the check's cache: *out is unchecked (override.c, sweep.c). */
int cu_scenario_clone_raw(const curtail_scenario *s, curtail_scenario **out, curtail_error *err);
/* Variants of the YAML (override.c): load from the tree, copy, free. */
struct yt_tree;
int cu_variants_load(curtail_scenario *s, const struct yt_tree *t, uint32_t node,
                     const char *file, curtail_error *err);
int cu_variants_copy(const curtail_scenario *src, curtail_scenario *dst);
void cu_variants_free(curtail_scenario *s);

/* ---- YAML (yaml_tree.c, load_yaml.c) ------------------------------------------- */
/* The built-in policy table, compiled in from lib/policy_default.yaml. */
extern const char cu_policy_default_yaml[];
/* Parse a rule list (YAML text of the form of policy_default.yaml) into rules.
 * Used for the built-in table; the result is owned by the caller (cu_free). */
int cu_policy_parse(const curtail_mem *mem, const char *text, size_t len, const char *file,
                    cu_rule **out, size_t *nout, curtail_error *err);

/* ---- policy and bounds (policy.c) ------------------------------------------------- */

/* Per unit and level: the rule that applies and the bounds it gives. */
typedef struct cu_unit_level {
    double lo, hi;      /* unit's own bounds (SPEC §4.3) */
    double r;           /* the rule bound (1 when no rule / none) */
    double value;       /* the rule's value */
    const cu_rule *rule; /* NULL if no rule matched */
    int measure;        /* curtail_measure of the winning rule (NONE if none) */
    unsigned char pinned, below_min;
} cu_unit_level; /* 48 bytes: a province has a million */

/* Load groups: a leader and its followers share one load. */
typedef struct cu_groups {
    const curtail_mem *mem;
    size_t nunits;
    size_t ngroups;
    size_t *unit_group;   /* per unit: its group */
    size_t *group_leader; /* per group: leader unit index */
    size_t *group_first;  /* CSR: units of group g are members[group_first[g] .. group_first[g+1]) */
    size_t *members;
    cu_unit_level *ul;   /* per unit, per level: ul[u * CU_NL + L] */
    double *b;           /* per group: base load */
    double *V;           /* per group: Σ value·capacity */
    double *E;           /* per group: E[g * CU_NP + p] = Σ ef·capacity */
    double *w;           /* per group: grade weight */
    double *lo, *hi;     /* per group per level: [g * CU_NL + L], before nesting tightening */
    double baseline[CU_NP]; /* B[p] (SPEC §5) */
    double listed[CU_NP];   /* Σ_g E b + Σ fixed, whatever the base */
    int *eff_grade;         /* per enterprise: effective grade after modifiers */
    /* units a rule asks to run below their technical minimum, in unit order:
     * facts the check words as warnings */
    struct cu_below_min {
        size_t unit;
        unsigned levels; /* bit 1u << level */
        double load;     /* what it runs at instead */
    } *below_min;
    size_t nbelow_min, capbelow_min;
    cu_rule *builtin;       /* the built-in rules that ul[].rule may point into, when
                               owned here (NULL: the scenario's table) */
    size_t nbuiltin;
    atomic_size_t refs; /* the scenario's cache and each model or result holding it */
} cu_groups;

/* Effective grade of unit u (SPEC §4.4). */
int cu_effective_grade(const curtail_scenario *s, size_t u);
/* Build groups and bounds; reports input errors (lo > hi, nesting) with
 * positions. Writes nothing into s: below-minimum facts are in the groups. */
int cu_groups_build(const curtail_scenario *s, cu_groups **out, curtail_error *err);
/* Drop one reference (the last frees). */
void cu_groups_free(cu_groups *g);
/* The groups of a checked scenario: the ones its check built (one more
 * reference), or built now without warnings. Free with cu_groups_free. */
int cu_scenario_groups(const curtail_scenario *s, cu_groups **out, curtail_error *err);
/* The built-in rule table, parsed once per call (no global state). */
int cu_builtin_rules(const curtail_mem *mem, cu_rule **out, size_t *n, curtail_error *err);

/* ---- LP (lp.c) --------------------------------------------------------------------- */
/* A solver-neutral minimisation LP with bounded columns and ranged rows. */
enum { CU_ROW_GE = 0, CU_ROW_LE, CU_ROW_EQ };

typedef struct cu_lp {
    const curtail_mem *mem;
    size_t ncols, capcols;
    double *cost, *clb, *cub;
    char **cname;
    size_t nrows, caprows;
    int *rtype;
    double *rhs;
    char **rname;
    /* column-wise sparse matrix: entries of column j in [cbeg[j], cbeg[j+1]) */
    size_t nnz, capnnz;
    size_t *cbeg; /* ncols + 1 */
    size_t *rind;
    double *val;
} cu_lp;

void cu_lp_init(cu_lp *lp, const curtail_mem *mem);
void cu_lp_free(cu_lp *lp);
/* Add a row; returns its index or (size_t)-1 on ENOMEM. name copied (may be NULL). */
size_t cu_lp_add_row(cu_lp *lp, const char *name, int type, double rhs);
/* Add a column with its nonzeros (rows must exist). Returns index or (size_t)-1. */
size_t cu_lp_add_col(cu_lp *lp, const char *name, double cost, double lb, double ub,
                     size_t n, const size_t *rows, const double *vals);
/* Can an engine take lp as it is: sizes within int, every number finite
 * (a column's upper bound may be +inf), lb <= ub, row indices and types
 * valid? Engines check this before any call into the solver library. */
int cu_lp_is_sane(const cu_lp *lp);
/* Write CPLEX LP / free MPS. */
int cu_lp_write(const cu_lp *lp, int format, cu_buf *out);
/* Before an LP is written for another solver (export.c): every cost,
 * coefficient and right-hand side finite, bounds finite or infinite on their
 * own side. Otherwise CURTAIL_ESOLVER naming the row or column: a non-finite
 * number is never written as 0. */
int cu_lp_check_finite(const cu_lp *lp, curtail_error *err);

/* ---- solver (solve_glpk.c) --------------------------------------------------------- */
/* Bounds on a solve: a deadline on the monotonic clock (0: none) and the
 * embedding program's cancel hook (non-zero: stop). */
typedef struct cu_solve_ctl {
    int engine;      /* curtail_solver: GLPK or CLP */
    double deadline; /* cu_clock_s() value; 0 none */
    double limit_s;  /* the limit as the caller gave it, for messages */
    int (*cancel)(void *ctx);
    void *cancel_ctx;
} cu_solve_ctl;
double cu_clock_s(void);
/* CURTAIL_OK, or the error of a passed deadline (ESOLVER) or a cancel (ECANCELED). */
int cu_ctl_expired(const cu_solve_ctl *ctl, curtail_error *err);

typedef struct cu_lp_solution {
    int status; /* 0 optimal, 1 infeasible, 2 failed */
    double obj;
    double *x;    /* ncols */
    double *dual; /* nrows */
} cu_lp_solution;
int cu_lp_solution_alloc(const curtail_mem *mem, const cu_lp *lp, cu_lp_solution *sol);
void cu_lp_solution_free(const curtail_mem *mem, cu_lp_solution *sol);
/* Solve once, exactly (simplex), within ctl (may be NULL). */
int cu_lp_solve(const cu_lp *lp, const cu_solve_ctl *ctl, cu_lp_solution *sol,
                curtail_error *err);

/* A solver session: one problem kept alive across rounds. Each solve takes
 * the rows and columns `lp` gained since the previous one (with basis hints
 * for them, NULL for none) and re-optimises from the previous basis. sol's
 * arrays must hold lp's current sizes. solve.c dispatches to the engine that
 * ctl names (solve_glpk.c, solve_clp.c); each engine file implements the
 * same four functions under its own prefix. */
enum { CU_BS_LOWER = 0, CU_BS_UPPER, CU_BS_BASIC, CU_BS_FIXED };
typedef struct cu_lps cu_lps;
int cu_lps_open(cu_lps **out, const curtail_mem *mem, const cu_solve_ctl *ctl,
                curtail_error *err);
void cu_lps_close(cu_lps *S);
/* Finish optima in exact arithmetic where the engine can (GLPK, small LPs):
 * on by default; off for LPs whose answer is not reported (a cutting-plane
 * master). */
void cu_lps_set_exact(cu_lps *S, int on);
int cu_lps_solve(cu_lps *S, const cu_lp *lp, const signed char *col_hint,
                 const signed char *row_hint, const cu_solve_ctl *ctl, cu_lp_solution *sol,
                 curtail_error *err);

/* glp_version() of the GLPK the library runs with (solve_glpk.c). */
const char *cu_glpk_version(void);
typedef struct cu_glp cu_glp;
int cu_glp_open(cu_glp **out, const curtail_mem *mem, curtail_error *err);
void cu_glp_close(cu_glp *S);
void cu_glp_set_exact(cu_glp *S, int on);
int cu_glp_solve(cu_glp *S, const cu_lp *lp, const signed char *col_hint,
                 const signed char *row_hint, const cu_solve_ctl *ctl, cu_lp_solution *sol,
                 curtail_error *err);
#ifdef CURTAIL_WITH_CLP
typedef struct cu_clp cu_clp;
int cu_clp_open(cu_clp **out, const curtail_mem *mem, curtail_error *err);
void cu_clp_close(cu_clp *S);
int cu_clp_solve(cu_clp *S, const cu_lp *lp, const signed char *col_hint,
                 const signed char *row_hint, const cu_solve_ctl *ctl, cu_lp_solution *sol,
                 curtail_error *err);
#endif

/* ---- results (plan.c) ------------------------------------------------------------------ */
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

struct curtail_result {
    const curtail_mem *mem;
    const curtail_scenario *s;
    int kind; /* 0 plan, 1 schedule (a plan result with the hours added) */
    size_t lp_columns;
    int status;
    double objective;
    cu_groups *groups;
    cu_level_res lv[CU_NL];
    double *load; /* plan: per group per level [g * CU_NL + L] */
    /* schedule */
    cu_segment *segs;
    size_t nsegs;
    double *hload; /* per group per hour [g * hours + t] */
    int hours;
    int *hour_level; /* per hour: level or -1 */
    int64_t start;   /* minutes since the epoch */
    char **warnings; /* scenario's warnings are read through s; these are the solve's own */
    size_t nwarnings, capwarnings;
};

/* ---- schedule (schedule.c) ---------------------------------------------------------- */
/* What a group's load in an hour is (SPEC §6), for the hourly measure texts. */
enum cu_hour_note {
    CU_HOUR_BASE = 0, /* outside every alert, at base load */
    CU_HOUR_LIST,     /* the level's list load */
    CU_HOUR_WINDOW,   /* ozone window: stopped (错时生产) */
    CU_HOUR_SHIFTED,  /* the window's output shifted to this hour, above the list load */
    CU_HOUR_RAMP_DOWN, /* a coke oven reducing its load before a stricter level */
    CU_HOUR_RAMP_UP   /* a coke oven recovering after a stricter level */
};
/* Does the ozone window stop unit u (SPEC §6: interruptible, VOCs > 0, not
 * A/leading, not guarantee)? */
int cu_unit_ozone_stopped(const curtail_scenario *s, size_t u);
/* What group g's load in hour t of schedule r is: a cu_hour_note, read back
 * from the loads (only the window and the ramp lower a load below the list's,
 * only shifting raises it above). */
int cu_hour_note(const curtail_result *r, size_t g, size_t t);
/* The list load of group g in hour t: x[g, L] at level L, b[g] outside alerts. */
double cu_hour_list_load(const curtail_result *r, size_t g, size_t t);
/* Is the hour starting at `at` (minutes) inside the ozone window of a listed level? */
int cu_episode_in_window(const cu_episode *ep, int64_t at, int level);

/* A met target's achieved reduction, a rounding step short of `required`,
 * reported as `required` (plan.c). */
double cu_snap_achieved(double achieved, double required, int unmet);
/* A shadow price rounded to the 12 significant digits a simplex dual carries. */
double cu_round_dual(double v);

/* ---- writers (write_*.c, write_file.c) ------------------------------------------------ */
int cu_write_json(const curtail_result *r, const curtail_write_options *o, cu_buf *out);
int cu_write_csv(const curtail_result *r, const curtail_write_options *o, cu_buf *out);
int cu_write_md(const curtail_result *r, const curtail_write_options *o, cu_buf *out);
int cu_write_html(const curtail_result *r, const curtail_write_options *o, cu_buf *out);
/* Measure text as a bureau writes it ("延长结焦时间至48小时", "限产30%" ...),
 * with the optimiser's deeper cut when load < hi: the list's text (a
 * schedule's list is its plan's). */
void cu_measure_text(const curtail_result *r, size_t unit, int level, int lang, cu_buf *out);
/* What hour t of schedule r requires of the unit: the list's text, the window
 * stop, the shifted output or the ramp of a coke oven, never more than the
 * hour's load (measure_text.c). */
void cu_hour_text(const curtail_result *r, size_t unit, size_t t, int lang, cu_buf *out);
/* Hours [t0, t1) of one ramp of the unit's coke oven at once: what they do
 * and each hour's cap, "焖炉前逐步减少装煤（3 小时内降至0%），各小时负荷依次不高于
 * 75%、50%、25%". */
void cu_ramp_run_text(const curtail_result *r, size_t unit, size_t t0, size_t t1, int lang,
                      cu_buf *out);
/* Write bytes to path atomically (tmp + rename); "-"/NULL = stdout. */
int cu_write_atomic(const char *path, const char *data, size_t len, curtail_error *err);

/* An output in progress (write_file.c): a temporary file beside the target
 * path (renamed over it by a successful cu_output_finish, removed by any
 * other), or standard output ("-"/NULL), a device written in place, or the
 * caller's stream fp (when not NULL). A cu_buf attached to it streams into
 * it in CU_BUF_FLUSH_AT pieces. */
typedef struct cu_output {
    char *path; /* the target, links resolved; NULL for a stream */
    char *tmp;  /* the temporary file while it exists */
    int fd;     /* the temporary file or device; -1 for a stream */
    FILE *fp;   /* the stream, or NULL */
    int is_stdout;
    curtail_temp_fn on_temp;
    void *on_temp_ctx;
} cu_output;
int cu_output_open(cu_output *o, const char *path, FILE *fp, curtail_temp_fn on_temp,
                   void *on_temp_ctx, curtail_error *err);
void cu_output_attach(cu_output *o, cu_buf *b);
/* Flush b, then commit (rc CURTAIL_OK and b not failed: sync, rename) or
 * roll back (remove the temporary file). Returns rc, or the error of the
 * write (CURTAIL_EIO, a sink's errno in the message; CURTAIL_ENOMEM when b
 * ran out of memory). */
int cu_output_finish(cu_output *o, cu_buf *b, int rc, curtail_error *err);
/* Close without a buffer: commit when rc is CURTAIL_OK. */
int cu_output_close(cu_output *o, int rc, curtail_error *err);
/* The workbook of r into o (write_xlsx.c): into o's temporary file when it
 * has one (cu_output_close then renames it), else through a scratch file
 * copied to o's stream or device. CURTAIL_OK or an error set in err. */
int cu_write_xlsx(const curtail_result *r, const curtail_write_options *o, cu_output *out,
                  curtail_error *err);

/* ---- time (timeutil.c) ---------------------------------------------------------------- */
/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t cu_days_from_civil(int64_t y, unsigned m, unsigned d);
void cu_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);
/* "YYYY-MM-DDTHH:MM" of minutes since the epoch (buf >= 17 bytes). */
void cu_format_minutes(int64_t minutes, char *buf, size_t n);
/* "YYYY-MM-DD" of a day number (buf >= 11 bytes). */
void cu_format_day(int64_t day, char *buf, size_t n);
/* a / b rounded towards minus infinity (b > 0). */
int64_t cu_floor_div(int64_t a, int64_t b);
/* "YYYY-MM-DDTHH:MM" → minutes since the epoch: 0, -1 if malformed, -2 if
 * there is no such date or time. */
int cu_parse_time(const char *s, int64_t *out);
/* "HH:MM-HH:MM" within one day (the end may be 24:00), from < to → minutes
 * after midnight: 0 or -1. */
int cu_parse_window(const char *s, int *from, int *to);

#endif
