/* SPDX-License-Identifier: GPL-3.0-or-later */
/* policy.h — rules, effective grades, load groups and bounds (policy.c). Internal; not
 * installed. */
#ifndef CURTAIL_POLICY_H
#define CURTAIL_POLICY_H

#include "scenario.h"

/* Per unit and level: the rule that applies and the bounds it gives. */
typedef struct cu_unit_level {
    double lo, hi;      /* unit's own bounds (SPEC §4.3) */
    double r;           /* the rule bound (1 when no rule / none) */
    double value;       /* the rule's value */
    const cu_rule *rule; /* NULL if no rule matched */
    int measure;        /* curtail_measure of the winning rule (NONE if none) */
    unsigned char pinned, below_min;
    unsigned char transport; /* curtail_transport of the winning transport rule (issue 10) */
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

/* Effective grade of unit u (SPEC §4.4); with why (may be NULL): bit 1 the
 * phase-out made it D, bit 2 the wet-quenching step made it stricter. */
int cu_effective_grade(const curtail_scenario *s, size_t u);
int cu_effective_grade_why(const curtail_scenario *s, size_t u, unsigned *why);
/* Does the ozone window stop unit u (SPEC §6: interruptible, VOCs > 0, not
 * A/leading, not guarantee)? */
int cu_unit_ozone_stopped(const curtail_scenario *s, size_t u);
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

#endif
