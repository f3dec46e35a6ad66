/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_policy.c — grade modifiers, rule matching (specificity, ties,
 * guarantee, fuel), bounds per unit and level, follower groups, nesting. */
#include "internal.h"
#include "episode.h" /* white-box: the modules' private headers */
#include "policy.h"
#include "result.h"
#include "rule_schema.h"
#include "solve.h"
#include "timeutil.h"
#include "write.h"
#include "testutil.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOL 1e-12

/* Load a scenario from YAML text; fails the test on error. */
static curtail_scenario *load(const char *yaml)
{
    return tu_load_yaml(yaml, "t.yaml");
}

/* The load error of a scenario that must fail, formatted. */
static int load_error(const char *yaml, char *line, size_t n)
{
    curtail_scenario *s = NULL;
    curtail_error err;
    int rc = curtail_scenario_load_buffer(&s, yaml, strlen(yaml), "t.yaml", NULL, &err);
    ck_assert_ptr_null(s);
    curtail_error_format(&err, line, n);
    return rc;
}

static cu_groups *groups(const curtail_scenario *s)
{
    cu_groups *g = NULL;
    curtail_error err;
    ck_assert_int_eq(cu_groups_build(s, &g, &err), CURTAIL_OK);
    return g;
}

/* unit u's own bounds at level L */
static const cu_unit_level *ul(const cu_groups *g, size_t u, int L)
{
    return &g->ul[u * CU_NL + L];
}

#define HEAD "curtail: 1\nenterprises:\n"

/* ---- core ------------------------------------------------------------------------ */

START_TEST(test_policy_coking_time_bounds)
{
    /* grade C oven, 22 h normal, base load 0.95: yellow 36 h, orange/red 48 h */
    curtail_scenario *s = load(HEAD
        "  - {id: hx, industry: coking, grade: C, units: [\n"
        "      {id: oven, kind: coke_oven, capacity: 1000, base_load: 0.95,\n"
        "       coke_oven: {height_m: 6, quenching: dry, coking_time_h: 22}, ef: {NOx: 0.6}}]}\n");
    cu_groups *g = groups(s);
    ck_assert_int_eq(ul(g, 0, CURTAIL_YELLOW)->measure, CURTAIL_MEASURE_COKING_TIME);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_YELLOW)->hi, 0.95 * 22 / 36, TOL);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_ORANGE)->hi, 0.95 * 22 / 48, TOL);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_RED)->hi, 0.95 * 22 / 48, TOL);
    /* C may be cut further, down to the oven's minimum 0.95·22/72 (72 h) */
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_RED)->lo, 0.95 * 22.0 / 72, TOL);
    ck_assert_double_eq_tol(g->lo[0 * CU_NL + CURTAIL_RED], 0.95 * 22.0 / 72, TOL);
    ck_assert_double_eq_tol(g->w[0], 2.0, TOL); /* default weight of C */
    cu_groups_free(g);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_policy_phase_out_is_grade_d)
{
    /* an A-grade plant listed for closure is treated as D: 48 h, then hot idle */
    curtail_scenario *s = load(HEAD
        "  - {id: old, industry: coking, grade: A, phase_out: true, units: [\n"
        "      {id: oven, kind: coke_oven, capacity: 500,\n"
        "       coke_oven: {height_m: 4.3, quenching: wet, coking_time_h: 24},\n"
        "       ef: {PM: 0.03}, fixed_kgpd: {NOx: 12}}]}\n");
    cu_groups *g = groups(s);
    ck_assert_int_eq(cu_effective_grade(s, 0), CURTAIL_GRADE_D);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_YELLOW)->hi, 24.0 / 48, TOL);
    ck_assert_int_eq(ul(g, 0, CURTAIL_RED)->measure, CURTAIL_MEASURE_STOP);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_RED)->hi, 0.0, TOL);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_RED)->lo, 0.0, TOL);
    /* hot idle keeps the fixed NOx in the baseline */
    ck_assert_double_eq_tol(g->listed[CURTAIL_NOX], 12.0, TOL);
    ck_assert_double_eq_tol(g->listed[CURTAIL_PM], 0.03 * 500, TOL);
    cu_groups_free(g);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_policy_wet_quenching_steps_one_grade)
{
    /* 5.5 m wet-quenched ovens are one grade stricter; 4.3 m and dry are not */
    curtail_scenario *s = load(HEAD
        "  - {id: wetb, industry: coking, grade: B, units: [\n"
        "      {id: o, kind: coke_oven, capacity: 100, coke_oven: {height_m: 5.5, quenching: wet}, ef: {PM: 1}},\n"
        "      {id: by, kind: byproduct, capacity: 100, follows: o, ef: {VOCs: 1}}]}\n"
        "  - {id: dryb, industry: coking, grade: B, units: [\n"
        "      {id: o, kind: coke_oven, capacity: 100, coke_oven: {height_m: 5.5, quenching: dry}, ef: {PM: 1}}]}\n"
        "  - {id: lowwet, industry: coking, grade: B, units: [\n"
        "      {id: o, kind: coke_oven, capacity: 100, coke_oven: {height_m: 4.3, quenching: wet}, ef: {PM: 1}}]}\n"
        "  - {id: lead, industry: coking, grade: leading, units: [\n"
        "      {id: o, kind: coke_oven, capacity: 100, coke_oven: {height_m: 6, quenching: wet}, ef: {PM: 1}}]}\n"
        "  - {id: bm, industry: coking, grade: B-, units: [\n"
        "      {id: o, kind: coke_oven, capacity: 100, coke_oven: {height_m: 6, quenching: wet}, ef: {PM: 1}}]}\n"
        "  - {id: dd, industry: coking, grade: D, units: [\n"
        "      {id: o, kind: coke_oven, capacity: 100, coke_oven: {height_m: 6, quenching: wet}, ef: {PM: 1}}]}\n");
    cu_groups *g = groups(s);
    ck_assert_int_eq(cu_effective_grade(s, 0), CURTAIL_GRADE_C);
    ck_assert_int_eq(cu_effective_grade(s, 1), CURTAIL_GRADE_C); /* it follows the wet oven */
    ck_assert_int_eq(cu_effective_grade(s, 2), CURTAIL_GRADE_B);
    ck_assert_int_eq(cu_effective_grade(s, 3), CURTAIL_GRADE_B);
    ck_assert_int_eq(cu_effective_grade(s, 4), CURTAIL_GRADE_NON_LEADING);
    ck_assert_int_eq(cu_effective_grade(s, 5), CURTAIL_GRADE_C);
    ck_assert_int_eq(cu_effective_grade(s, 6), CURTAIL_GRADE_D);
    /* yellow: C extends to 36 h, B takes no measure */
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_YELLOW)->hi, 22.0 / 36, TOL);
    ck_assert_int_eq(ul(g, 2, CURTAIL_YELLOW)->measure, CURTAIL_MEASURE_NONE);
    ck_assert_double_eq_tol(ul(g, 2, CURTAIL_YELLOW)->hi, 1.0, TOL);
    /* the wet B oven's group weighs as C (its leader's effective grade) */
    ck_assert_double_eq_tol(g->w[0], 2.0, TOL);
    ck_assert_double_eq_tol(g->w[1], 4.0, TOL);
    cu_groups_free(g);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_policy_specific_rule_wins)
{
    /* chemical C: interruptible units stop (4 keys) over the cut (3 keys) */
    curtail_scenario *s = load(HEAD
        "  - {id: ch, industry: chemical, grade: C, units: [\n"
        "      {id: r, kind: reactor, capacity: 10, ef: {VOCs: 1}},\n"
        "      {id: b, kind: batch, capacity: 10, ef: {VOCs: 1}},\n"
        "      {id: r2, kind: reactor, capacity: 10, interruptible: true, ef: {VOCs: 1}},\n"
        "      {id: c, kind: coating, capacity: 10, interruptible: false, ef: {VOCs: 1}}]}\n");
    cu_groups *g = groups(s);
    ck_assert_int_eq(ul(g, 0, CURTAIL_ORANGE)->measure, CURTAIL_MEASURE_CUT);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_ORANGE)->hi, 0.8, TOL);
    ck_assert_int_eq(ul(g, 1, CURTAIL_YELLOW)->measure, CURTAIL_MEASURE_STOP);
    ck_assert_int_eq(ul(g, 2, CURTAIL_YELLOW)->measure, CURTAIL_MEASURE_STOP);
    ck_assert_int_eq(ul(g, 3, CURTAIL_YELLOW)->measure, CURTAIL_MEASURE_CUT);
    ck_assert_double_eq_tol(ul(g, 3, CURTAIL_RED)->hi, 0.7, TOL);
    cu_groups_free(g);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_policy_later_rule_wins_ties)
{
    /* same specificity as the built-in cut: the scenario's rule comes later and
     * wins; between two scenario rules, the last one written wins */
    curtail_scenario *s = load("curtail: 1\n"
        "policy:\n"
        "  - {industry: chemical, grades: [C], levels: [yellow], cut: 0.5}\n"
        "  - {industry: chemical, grades: [C], levels: [orange], cut: 0.4}\n"
        "  - {industry: chemical, grades: [C], levels: [orange], max_load: 0.35}\n"
        "enterprises:\n"
        "  - {id: ch, industry: chemical, grade: C, units: [\n"
        "      {id: r, kind: reactor, capacity: 10, base_load: 0.8, ef: {VOCs: 1}}]}\n");
    cu_groups *g = groups(s);
    ck_assert_int_eq(ul(g, 0, CURTAIL_YELLOW)->measure, CURTAIL_MEASURE_CUT);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_YELLOW)->hi, 0.8 * 0.5, TOL);
    ck_assert_int_eq(ul(g, 0, CURTAIL_ORANGE)->measure, CURTAIL_MEASURE_MAX_LOAD);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_ORANGE)->hi, 0.35, TOL);
    ck_assert_int_eq(ul(g, 0, CURTAIL_ORANGE)->rule->builtin, 0);
    /* red keeps the built-in 30 % cut */
    ck_assert_int_eq(ul(g, 0, CURTAIL_RED)->rule->builtin, 1);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_RED)->hi, 0.8 * 0.7, TOL);
    cu_groups_free(g);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_policy_without_builtin_table)
{
    /* no rule: C keeps its base load as the cap and may be cut to min_load;
     * B (not in extra.grades) is pinned at its base load */
    curtail_scenario *s = load("curtail: 1\nbuiltin_policy: false\nenterprises:\n"
        "  - {id: c, industry: other, grade: C, units: [{id: u, kind: other, capacity: 10, base_load: 0.9, min_load: 0.2, ef: {SO2: 1}}]}\n"
        "  - {id: b, industry: other, grade: B, units: [{id: u, kind: other, capacity: 10, base_load: 0.9, ef: {SO2: 1}}]}\n");
    cu_groups *g = groups(s);
    ck_assert_ptr_null(ul(g, 0, CURTAIL_RED)->rule);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_RED)->hi, 0.9, TOL);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_RED)->lo, 0.2, TOL);
    ck_assert_double_eq_tol(ul(g, 1, CURTAIL_RED)->lo, 0.9, TOL);
    ck_assert_double_eq_tol(ul(g, 1, CURTAIL_RED)->hi, 0.9, TOL);
    cu_groups_free(g);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_policy_guarantee_needs_its_own_rule)
{
    /* a livelihood heating plant of grade D keeps its base load although D
     * boilers stop at red; only a rule naming guarantee touches it */
    curtail_scenario *s = load("curtail: 1\n"
        "policy:\n"
        "  - {industry: boiler, grades: [D], levels: [orange], guarantee: supply, cut: 0.5}\n"
        "  - {industry: boiler, grades: [D], levels: [red], guarantee: livelihood, cut: 0.2}\n"
        "  - {industry: boiler, grades: [C], levels: [red], guarantee: true, max_load: 0.6}\n"
        "enterprises:\n"
        "  - {id: heat, industry: boiler, grade: D, guarantee: livelihood, units: [\n"
        "      {id: b, kind: boiler, capacity: 100, base_load: 0.9, boiler: {fuel: coal, steam_tph: 75, heating: true}, ef: {SO2: 1}}]}\n"
        "  - {id: sup, industry: boiler, grade: C, guarantee: supply, units: [\n"
        "      {id: b, kind: boiler, capacity: 100, boiler: {fuel: coal, steam_tph: 75}, ef: {SO2: 1}}]}\n");
    cu_groups *g = groups(s);
    /* yellow: no guarantee rule → base load, pinned */
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_YELLOW)->lo, 0.9, TOL);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_YELLOW)->hi, 0.9, TOL);
    /* orange: the supply rule does not match a livelihood unit */
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_ORANGE)->hi, 0.9, TOL);
    /* red: its own rule, and pinned there (lo = hi) */
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_RED)->hi, 0.9 * 0.8, TOL);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_RED)->lo, 0.9 * 0.8, TOL);
    /* guarantee: true matches supply too */
    ck_assert_double_eq_tol(ul(g, 1, CURTAIL_RED)->hi, 0.6, TOL);
    ck_assert_double_eq_tol(ul(g, 1, CURTAIL_RED)->lo, 0.6, TOL);
    ck_assert_double_eq_tol(ul(g, 1, CURTAIL_ORANGE)->hi, 1.0, TOL);
    cu_groups_free(g);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_policy_fuel_needs_boiler_block)
{
    /* gas boilers take no measure; without a boiler block fuel rules do not
     * match and the grade rule applies */
    curtail_scenario *s = load(HEAD
        "  - {id: g, industry: boiler, grade: D, units: [\n"
        "      {id: gas, kind: boiler, capacity: 10, boiler: {fuel: gas, steam_tph: 40}, ef: {NOx: 1}},\n"
        "      {id: nob, kind: boiler, capacity: 10, ef: {NOx: 1}}]}\n");
    cu_groups *g = groups(s);
    ck_assert_int_eq(ul(g, 0, CURTAIL_RED)->measure, CURTAIL_MEASURE_NONE);
    ck_assert_ptr_nonnull(ul(g, 0, CURTAIL_RED)->rule);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_RED)->hi, 1.0, TOL);
    ck_assert_int_eq(ul(g, 1, CURTAIL_RED)->measure, CURTAIL_MEASURE_STOP);
    ck_assert_double_eq_tol(ul(g, 1, CURTAIL_YELLOW)->hi, 0.8, TOL);
    cu_groups_free(g);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_policy_follower_group_intersection)
{
    /* the by-product plant follows the oven: one load, the smaller cap, the
     * larger floor; E and V add up */
    curtail_scenario *s = load("curtail: 1\n"
        "policy:\n"
        "  - {industry: coking, kind: byproduct, grades: [C], levels: [yellow], max_load: 0.5}\n"
        "extra: {grades: []}\n"
        "enterprises:\n"
        "  - {id: hx, industry: coking, grade: C, units: [\n"
        "      {id: by, kind: byproduct, capacity: 200, follows: oven, value: 10, ef: {VOCs: 0.4}},\n"
        "      {id: oven, kind: coke_oven, capacity: 100, base_load: 0.9, value: 300,\n"
        "       coke_oven: {coking_time_h: 20}, ef: {SO2: 0.07, VOCs: 1}}]}\n");
    cu_groups *g = groups(s);
    ck_assert_uint_eq(g->ngroups, 1);
    ck_assert_uint_eq(g->group_leader[0], 1);
    ck_assert_uint_eq(g->unit_group[0], 0);
    ck_assert_double_eq_tol(g->b[0], 0.9, TOL);
    ck_assert_double_eq_tol(g->V[0], 10 * 200 + 300 * 100, TOL);
    ck_assert_double_eq_tol(g->E[0 * CU_NP + CURTAIL_VOCS], 0.4 * 200 + 1 * 100, TOL);
    /* yellow: oven 0.9·20/36 = 0.5, by-product max 0.5: both pinned at 0.5 */
    ck_assert_double_eq_tol(g->hi[CURTAIL_YELLOW], 0.5, TOL);
    ck_assert_double_eq_tol(g->lo[CURTAIL_YELLOW], 0.5, TOL);
    /* orange: oven 48 h = 0.375 and pinned; the by-product, pinned at its base
     * load, goes down with its leader */
    ck_assert_double_eq_tol(g->hi[CURTAIL_ORANGE], 0.9 * 20 / 48, TOL);
    ck_assert_double_eq_tol(g->lo[CURTAIL_ORANGE], 0.9 * 20 / 48, TOL);
    cu_groups_free(g);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_policy_rule_below_minimum)
{
    /* max_load 0.2 under a min_load of 0.4: the unit runs at 0.4, with a warning */
    curtail_scenario *s = load("curtail: 1\nbuiltin_policy: false\n"
        "policy:\n  - {industry: other, grades: [C], levels: [red], max_load: 0.2}\n"
        "enterprises:\n"
        "  - {id: c, industry: other, grade: C, units: [{id: u, kind: other, capacity: 10, min_load: 0.4, ef: {SO2: 1}}]}\n");
    cu_groups *g = groups(s);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_RED)->lo, 0.4, TOL);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_RED)->hi, 0.4, TOL);
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 1);
    ck_assert_str_eq(curtail_scenario_warning(s, 0),
                     "t.yaml:6:48: warning: enterprises[0].units[0]: the rule at red asks for "
                     "less than the technical minimum load 0.4 of unit 'u' of enterprise 'c'; "
                     "it runs at 0.4");
    ck_assert_str_eq(curtail_scenario_warning_text(s, 0, CURTAIL_LANG_ZH),
                     "t.yaml:6:48: 警告: enterprises[0].units[0]: 红色预警的措施要求低于企业“c”"
                     "生产单元“u”的最低技术负荷 0.4，按负荷 0.4 运行");
    /* the scenario's language (zh by default) */
    ck_assert_str_eq(curtail_scenario_warning_text(s, 0, CURTAIL_LANG_DEFAULT),
                     curtail_scenario_warning_text(s, 0, CURTAIL_LANG_ZH));
    ck_assert_str_eq(curtail_scenario_warning_text(s, 0, CURTAIL_LANG_EN),
                     curtail_scenario_warning(s, 0));
    cu_groups_free(g);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_policy_coking_time_edge_cases)
{
    /* T shorter than the normal time is no cut; coking_time_h on a unit
     * without a coke_oven block sets no bound */
    curtail_scenario *s = load("curtail: 1\nbuiltin_policy: false\n"
        "policy:\n"
        "  - {industry: coking, grades: [C], levels: [yellow], coking_time_h: 18}\n"
        "  - {industry: coking, grades: [C], levels: [orange], coking_time_h: 44}\n"
        "enterprises:\n"
        "  - {id: hx, industry: coking, grade: C, units: [\n"
        "      {id: oven, kind: coke_oven, capacity: 100, base_load: 0.8, coke_oven: {coking_time_h: 22}, ef: {SO2: 1}},\n"
        "      {id: prep, kind: coal_prep, capacity: 100, ef: {PM: 1}}]}\n");
    cu_groups *g = groups(s);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_YELLOW)->hi, 0.8, TOL);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_ORANGE)->hi, 0.4, TOL);
    ck_assert_double_eq_tol(ul(g, 1, CURTAIL_ORANGE)->hi, 1.0, TOL);
    cu_groups_free(g);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_policy_no_bound_is_not_below_minimum)
{
    /* a coking_time_h rule that sets no bound (no coke_oven block; T shorter
     * than the normal time) is not "a rule below the minimum": a unit already
     * under its minimum stays at its base load, with no warning */
    curtail_scenario *s = load("curtail: 1\nbuiltin_policy: false\n"
        "policy: [{industry: coking, grades: [C], levels: [yellow, orange, red], coking_time_h: 30}]\n"
        "enterprises:\n"
        "  - {id: k, industry: coking, grade: C, units: [\n"
        "      {id: bp, kind: byproduct, capacity: 100, base_load: 0.4, min_load: 0.5, ef: {NOx: 1}},\n"
        "      {id: ov, kind: coke_oven, capacity: 100, base_load: 0.4, min_load: 0.5,\n"
        "       coke_oven: {coking_time_h: 40, max_coking_time_h: 60}, ef: {NOx: 1}}]}\n");
    cu_groups *g = groups(s);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_RED)->hi, 0.4, TOL);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_RED)->lo, 0.4, TOL);
    ck_assert_double_eq_tol(ul(g, 1, CURTAIL_RED)->hi, 0.4, TOL);
    ck_assert_double_eq_tol(ul(g, 1, CURTAIL_RED)->lo, 0.4, TOL);
    ck_assert_int_eq(ul(g, 1, CURTAIL_RED)->below_min, 0);
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 0);
    cu_groups_free(g);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_policy_below_minimum_never_above_base)
{
    /* cut 20 % of a base load 0.4 under a minimum of 0.5: the unit stays at
     * its base load 0.4 rather than being pushed up to 0.5 during an alert */
    curtail_scenario *s = load("curtail: 1\nbuiltin_policy: false\n"
        "policy: [{industry: other, grades: [C], levels: [red], cut: 0.2}]\n"
        "enterprises:\n"
        "  - {id: c, industry: other, grade: C, units: [{id: u, kind: other, capacity: 10, base_load: 0.4, min_load: 0.5, ef: {NOx: 1}}]}\n");
    cu_groups *g = groups(s);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_RED)->lo, 0.4, TOL);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_RED)->hi, 0.4, TOL);
    ck_assert_double_eq_tol(g->lo[CURTAIL_RED], 0.4, TOL);
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 1);
    ck_assert_str_eq(curtail_scenario_warning(s, 0),
                     "t.yaml:5:48: warning: enterprises[0].units[0]: the rule at red asks for "
                     "less than the technical minimum load 0.5 of unit 'u' of enterprise 'c'; "
                     "it runs at 0.4");
    cu_groups_free(g);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_policy_heating_boiler_without_guarantee_warns)
{
    curtail_scenario *s = load(HEAD
        "  - {id: heat, industry: boiler, grade: D, units: [\n"
        "      {id: b, kind: boiler, capacity: 100, boiler: {fuel: coal, steam_tph: 75, heating: true}, ef: {SO2: 1}}]}\n");
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 1);
    ck_assert_str_eq(curtail_scenario_warning(s, 0),
                     "t.yaml:4:52: warning: enterprises[0].units[0].boiler.heating: heating boiler "
                     "'b' of enterprise 'heat' without guarantee: livelihood takes the measures "
                     "of its grade");
    curtail_scenario_free(s);
}
END_TEST

/* ---- errors --------------------------------------------------------------------------- */

START_TEST(test_policy_group_floor_above_cap)
{
    /* a D oven runs at most 22/48 at yellow; its follower cannot go below 0.5 */
    char line[2048];
    int rc = load_error(HEAD
        "  - {id: hx, industry: coking, grade: D, units: [\n"
        "      {id: oven, kind: coke_oven, capacity: 100, coke_oven: {coking_time_h: 22}, ef: {SO2: 1}},\n"
        "      {id: chem, kind: byproduct, capacity: 100, follows: oven, min_load: 0.5, ef: {VOCs: 1}}]}\n",
        line, sizeof line);
    ck_assert_int_eq(rc, CURTAIL_EINPUT);
    ck_assert_str_eq(line, "t.yaml:4:7: error: enterprises[0].units[0]: at level yellow the "
                           "load group of 'oven' cannot run: unit 'chem' needs load >= 0.5 but "
                           "unit 'oven' allows at most 0.458333");
}
END_TEST

START_TEST(test_policy_nesting_impossible)
{
    /* pinned at 0.3 at yellow but at 0.6 at red: red cannot be stricter */
    char line[2048];
    int rc = load_error("curtail: 1\nbuiltin_policy: false\n"
        "policy:\n"
        "  - {industry: other, grades: [B], levels: [yellow], max_load: 0.3}\n"
        "  - {industry: other, grades: [B], levels: [red], max_load: 0.6}\n"
        "enterprises:\n"
        "  - {id: b, industry: other, grade: B, units: [{id: u, kind: other, capacity: 10, ef: {SO2: 1}}]}\n",
        line, sizeof line);
    ck_assert_int_eq(rc, CURTAIL_EINPUT);
    ck_assert_str_eq(line, "t.yaml:7:48: error: enterprises[0].units[0]: load group of 'u': the "
                           "lower bound 1 at orange exceeds the upper bound 0.3 at yellow, so "
                           "measures cannot get stricter level by level");
}
END_TEST

/* One enterprise of each sort, for the memo test: units of many kinds,
 * grades, guarantees, flags and fuels. */
static const char *const MEMO_ENTS[] = {
    "  - {id: e0, industry: chemical, grade: C, units: [{id: r, kind: reactor, capacity: 10, ef: {VOCs: 1}}, {id: b, kind: batch, capacity: 10, ef: {VOCs: 1}}, {id: r2, kind: reactor, capacity: 10, interruptible: true, ef: {VOCs: 1}}, {id: c, kind: coating, capacity: 10, interruptible: false, ef: {VOCs: 1}}, {id: l, kind: loading, capacity: 5, ef: {VOCs: 1}}, {id: s, kind: storage, capacity: 5, ef: {VOCs: 1}}, {id: x, kind: other, capacity: 5, ef: {VOCs: 1}}]}\n",
    "  - {id: e1, industry: chemical, grade: B, guarantee: supply, units: [{id: r, kind: reactor, capacity: 10, ef: {VOCs: 1}}, {id: b, kind: batch, capacity: 10, ef: {VOCs: 1}}, {id: l, kind: loading, capacity: 5, ef: {VOCs: 1}}]}\n",
    "  - {id: e2, industry: coking, grade: C, units: [{id: o, kind: coke_oven, capacity: 100, base_load: 0.95, coke_oven: {height_m: 5.5, quenching: wet, coking_time_h: 22}, ef: {PM: 1}}, {id: f, kind: byproduct, capacity: 10, follows: o, ef: {VOCs: 1}}, {id: q, kind: quenching, capacity: 10, ef: {PM: 1}}]}\n",
    "  - {id: e3, industry: coking, grade: A, units: [{id: o, kind: coke_oven, capacity: 100, coke_oven: {height_m: 6, quenching: dry}, ef: {PM: 1}}]}\n",
    "  - {id: e4, industry: boiler, grade: D, units: [{id: k, kind: boiler, capacity: 5, boiler: {fuel: coal, steam_tph: 40}, ef: {SO2: 1}}, {id: g, kind: boiler, capacity: 5, boiler: {fuel: gas}, ef: {NOx: 1}}]}\n",
    "  - {id: e5, industry: boiler, grade: none, guarantee: livelihood, units: [{id: k, kind: boiler, capacity: 5, boiler: {fuel: coal, heating: true}, ef: {SO2: 1}}]}\n",
    "  - {id: e6, industry: other, grade: non-leading, units: [{id: u, kind: other, capacity: 10, min_load: 0.3, ef: {PM: 1}}, {id: v, kind: other, capacity: 10, interruptible: true, ef: {PM: 1}}]}\n",
    "  - {id: e7, industry: other, grade: leading, units: [{id: u, kind: other, capacity: 10, ef: {PM: 1}}]}\n",
    "  - {id: e9, industry: boiler, grade: B-, units: [{id: k, kind: boiler, capacity: 5, boiler: {fuel: biomass}, ef: {PM: 1}}, {id: o, kind: boiler, capacity: 5, boiler: {fuel: oil}, ef: {SO2: 1}}]}\n",
    "  - {id: e8, industry: chemical, grade: D, phase_out: true, units: [{id: r, kind: reactor, capacity: 10, ef: {VOCs: 1}}, {id: c, kind: coating, capacity: 10, ef: {VOCs: 1}}]}\n",
};
#define MEMO_POLICY                                                                         \
    "policy:\n"                                                                             \
    "  - {industry: other, grades: [non-leading], levels: [red], interruptible: true, stop: true}\n" \
    "  - {industry: chemical, kind: reactor, grades: [C], levels: [orange], cut: 0.45}\n"

START_TEST(test_policy_memo_matches_direct)
{
    /* a large scenario (rules memoised per kind of unit) against each of its
     * enterprises alone (under 64 units: every unit matched directly) */
    char big[32768];
    size_t len = 0, i, e, nents = sizeof MEMO_ENTS / sizeof MEMO_ENTS[0], u = 0;
    int rep, L;
    curtail_scenario *s;
    cu_groups *g;
    len += (size_t)snprintf(big + len, sizeof big - len, "curtail: 1\n" MEMO_POLICY "enterprises:\n");
    for (rep = 0; rep < 4; rep++)
        for (e = 0; e < nents; e++) {
            char ent[2048], *id = NULL;
            snprintf(ent, sizeof ent, "%s", MEMO_ENTS[e]);
            id = strstr(ent, "id: e"); /* e0 -> ea0, eb0...: ids stay unique */
            len += (size_t)snprintf(big + len, sizeof big - len, "%.*s%c%s", (int)(id + 5 - ent),
                                    ent, 'a' + rep, id + 5);
        }
    ck_assert_uint_lt(len, sizeof big);
    s = load(big);
    ck_assert_uint_gt(curtail_scenario_unit_count(s), 64);
    g = groups(s);
    for (rep = 0; rep < 4; rep++)
        for (e = 0; e < nents; e++) {
            char one[4096];
            curtail_scenario *s1;
            cu_groups *g1;
            snprintf(one, sizeof one, "curtail: 1\n" MEMO_POLICY "enterprises:\n%s", MEMO_ENTS[e]);
            s1 = load(one);
            g1 = groups(s1);
            for (i = 0; i < s1->nunits; i++, u++)
                for (L = 0; L < CU_NL; L++) {
                    const cu_unit_level *a = ul(g, u, L), *b = ul(g1, i, L);
                    ck_assert_int_eq(a->measure, b->measure);
                    ck_assert(a->value == b->value && a->hi == b->hi && a->lo == b->lo);
                    ck_assert_int_eq(a->pinned, b->pinned);
                    ck_assert_int_eq(a->below_min, b->below_min);
                    ck_assert_int_eq(a->transport, b->transport);
                    ck_assert_int_eq(a->rule == NULL, b->rule == NULL);
                    if (a->rule) {
                        ck_assert_uint_eq(a->rule->index, b->rule->index);
                        ck_assert_int_eq(a->rule->builtin, b->rule->builtin);
                    }
                }
            cu_groups_free(g1);
            curtail_scenario_free(s1);
        }
    ck_assert_uint_eq(u, s->nunits);
    cu_groups_free(g);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_policy_groups_kept_by_check)
{
    /* the check's groups serve the plan; a setter and a new check replace
     * them on the scenario while a live result keeps its own */
    curtail_scenario *s = load(HEAD
        "  - {id: c, industry: other, grade: C, units: [{id: u, kind: other, capacity: 10, ef: {SO2: 1}}]}\n");
    curtail_plan_options opts = CURTAIL_PLAN_OPTIONS_INIT;
    curtail_result *r = NULL;
    curtail_error err;
    double w[CURTAIL_NGRADES];
    cu_groups *old;
    int k;
    ck_assert_ptr_nonnull(s->groups);
    ck_assert_int_eq(s->has_builtin, 1);
    ck_assert_uint_gt(s->nbuiltin, 0);
    ck_assert_int_eq(curtail_plan_solve(s, &opts, &r, &err), CURTAIL_OK);
    ck_assert_ptr_eq(r->groups, s->groups);
    ck_assert_uint_eq(atomic_load(&s->groups->refs), 2);
    ck_assert_double_eq(r->groups->w[0], 2); /* grade C weighs 2 */
    old = s->groups;
    for (k = 0; k < CURTAIL_NGRADES; k++)
        w[k] = 5;
    ck_assert_int_eq(curtail_scenario_set_extra_weights(s, w, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    ck_assert_ptr_ne(s->groups, old);
    ck_assert_ptr_eq(r->groups, old);
    ck_assert_uint_eq(atomic_load(&old->refs), 1);
    ck_assert_double_eq(r->groups->w[0], 2);
    ck_assert_double_eq(s->groups->w[0], 5);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

static Suite *policy_suite(void)
{
    Suite *s = suite_create("policy");
    TCase *core = tcase_create("core");
    TCase *errors = tcase_create("errors");
    tcase_add_test(core, test_policy_coking_time_bounds);
    tcase_add_test(core, test_policy_phase_out_is_grade_d);
    tcase_add_test(core, test_policy_wet_quenching_steps_one_grade);
    tcase_add_test(core, test_policy_specific_rule_wins);
    tcase_add_test(core, test_policy_later_rule_wins_ties);
    tcase_add_test(core, test_policy_without_builtin_table);
    tcase_add_test(core, test_policy_guarantee_needs_its_own_rule);
    tcase_add_test(core, test_policy_fuel_needs_boiler_block);
    tcase_add_test(core, test_policy_follower_group_intersection);
    tcase_add_test(core, test_policy_rule_below_minimum);
    tcase_add_test(core, test_policy_coking_time_edge_cases);
    tcase_add_test(core, test_policy_no_bound_is_not_below_minimum);
    tcase_add_test(core, test_policy_below_minimum_never_above_base);
    tcase_add_test(core, test_policy_heating_boiler_without_guarantee_warns);
    tcase_add_test(core, test_policy_memo_matches_direct);
    tcase_add_test(core, test_policy_groups_kept_by_check);
    tcase_add_test(errors, test_policy_group_floor_above_cap);
    tcase_add_test(errors, test_policy_nesting_impossible);
    suite_add_tcase(s, core);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(policy_suite());
    int failed;
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
