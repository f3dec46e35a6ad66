/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_result.c — the facts a result stores at solve time for its writers
 * (result.h): effective grades and why, the rule that applied and where it
 * comes from, the member of a load group that holds a unit down, the ozone
 * window's stops and hours; and the options' version check every public
 * options struct goes through (cu_check_version).
 */
#include "curtail.h"
#include "result.h"
#include "testutil.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GOLDEN CURTAIL_TEST_DATA "/golden/"

static curtail_scenario *load_text(const char *yaml, const char *name)
{
    curtail_scenario *s = NULL;
    curtail_error err;
    int rc = curtail_scenario_load_buffer(&s, yaml, strlen(yaml), name, NULL, &err);
    ck_assert_msg(rc == CURTAIL_OK, "%s", err.message);
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    return s;
}

static curtail_scenario *load_golden(const char *name)
{
    curtail_scenario *s = NULL;
    curtail_error err;
    char path[1024];
    snprintf(path, sizeof path, GOLDEN "%s", name);
    ck_assert_int_eq(curtail_scenario_load_file(&s, path, NULL, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    return s;
}

static curtail_result *plan(const curtail_scenario *s)
{
    curtail_result *r = NULL;
    curtail_error err;
    ck_assert_int_eq(curtail_plan_solve(s, NULL, &r, &err), CURTAIL_OK);
    return r;
}

#define FACT(r, u, L) (&(r)->facts[(size_t)(u) * CURTAIL_NLEVELS + (size_t)(L)])

/* measures.yaml: one unit per measure wording (its comments number them). */
START_TEST(test_result_facts_rules_and_grades)
{
    curtail_scenario *s = load_golden("measures.yaml");
    curtail_result *r = plan(s);
    const cu_unit_fact *f;
    ck_assert_int_eq(r->kind, CU_RESULT_PLAN);
    /* 0: A-grade oven: the built-in table's none rule, declared grade */
    ck_assert_int_eq(r->grades[0].grade, CURTAIL_GRADE_A);
    ck_assert_int_eq(r->grades[0].grade_why, 0);
    f = FACT(r, 0, CURTAIL_RED);
    ck_assert_int_eq(f->rule_source, CU_RULE_BUILTIN);
    ck_assert_int_eq(f->measure, CURTAIL_MEASURE_NONE);
    ck_assert_uint_eq(f->rule_index, 0); /* the table's first entry, */
    ck_assert_uint_eq(f->rule_pos.line, 11); /* line 11 of lib/policy_default.yaml */
    /* 1: C, phase_out: managed as D, hot idle at red */
    ck_assert_int_eq(r->grades[1].grade, CURTAIL_GRADE_D);
    ck_assert_int_eq(r->grades[1].grade_why, CU_GRADE_BY_PHASE_OUT);
    ck_assert_int_eq(FACT(r, 1, CURTAIL_RED)->measure, CURTAIL_MEASURE_STOP);
    ck_assert_int_eq(FACT(r, 1, CURTAIL_RED)->rule_source, CU_RULE_BUILTIN);
    ck_assert_uint_gt(FACT(r, 1, CURTAIL_RED)->rule_index, 0);
    /* 2: no rule for a coal preparation unit */
    ck_assert_int_eq(FACT(r, 2, CURTAIL_YELLOW)->rule_source, CU_RULE_NONE);
    ck_assert_int_eq(FACT(r, 2, CURTAIL_YELLOW)->binding, UINT32_MAX);
    /* 3: the reactor at orange: the scenario's policy[1], line 12 */
    f = FACT(r, 3, CURTAIL_ORANGE);
    ck_assert_int_eq(f->rule_source, CU_RULE_POLICY);
    ck_assert_uint_eq(f->rule_index, 1);
    ck_assert_uint_eq(f->rule_pos.line, 12);
    ck_assert_int_eq(f->measure, CURTAIL_MEASURE_CUT);
    ck_assert_double_eq(f->value, 0.125);
    ck_assert_double_eq(f->hi, 0.875);
    ck_assert_int_eq(f->below_rule, 0);
    ck_assert_int_eq(f->below_min, 0);
    /* 5: the kiln's red cut of 30 % is below its minimum of 80 % */
    ck_assert_int_eq(FACT(r, 5, CURTAIL_RED)->below_min, 1);
    ck_assert_int_eq(FACT(r, 5, CURTAIL_ORANGE)->below_min, 0);
    /* 6: the B boiler at red: policy[0], line 11 */
    f = FACT(r, 6, CURTAIL_RED);
    ck_assert_int_eq(f->rule_source, CU_RULE_POLICY);
    ck_assert_uint_eq(f->rule_index, 0);
    ck_assert_uint_eq(f->rule_pos.line, 11);
    ck_assert_double_eq(f->hi, 0.6);
    /* a plan has no hours */
    ck_assert_ptr_null(r->hour_window);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* The wet-quenching step (a 6 m wet oven one grade stricter) alone, and
 * after a phase-out that already made it D (no further step). */
START_TEST(test_result_grade_why_wet_quenching)
{
    static const char yaml[] =
        "curtail: 1\n"
        "targets: {ratios: {yellow: {NOx: 0}, orange: {NOx: 0}, red: {NOx: 0}}}\n"
        "enterprises:\n"
        "  - id: wet\n"
        "    industry: coking\n"
        "    grade: B\n"
        "    units:\n"
        "      - {id: oven, kind: coke_oven, capacity: 100, ef: {NOx: 1},\n"
        "         coke_oven: {height_m: 6, quenching: wet, coking_time_h: 24}}\n"
        "  - id: old\n"
        "    industry: coking\n"
        "    grade: C\n"
        "    phase_out: true\n"
        "    units:\n"
        "      - {id: oven, kind: coke_oven, capacity: 100, ef: {NOx: 1},\n"
        "         coke_oven: {height_m: 6, quenching: wet, coking_time_h: 24}}\n";
    curtail_scenario *s = load_text(yaml, "wet.yaml");
    curtail_result *r = plan(s);
    ck_assert_int_eq(r->grades[0].grade, CURTAIL_GRADE_C);
    ck_assert_int_eq(r->grades[0].grade_why, CU_GRADE_BY_WET_QUENCHING);
    ck_assert_int_eq(r->grades[1].grade, CURTAIL_GRADE_D);
    ck_assert_int_eq(r->grades[1].grade_why, CU_GRADE_BY_PHASE_OUT);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* The member of a load group that holds a unit below its own bound (the
 * case of check_write's linked-unit measure texts). */
START_TEST(test_result_binding_member)
{
    static const char yaml[] =
        "curtail: 1\n"
        "builtin_policy: false\n"
        "targets: {ratios: {yellow: {VOCs: 0}, orange: {VOCs: 0}, red: {VOCs: 0.5}}}\n"
        "policy:\n"
        "  - {industry: chemical, kind: reactor, grades: [C], levels: [yellow, orange, red], cut: 0.1}\n"
        "  - {industry: chemical, kind: batch, grades: [C], levels: [yellow, orange, red], max_load: 0.6}\n"
        "  - {industry: chemical, kind: loading, grades: [C], levels: [yellow, orange, red], max_load: 0.6}\n"
        "enterprises:\n"
        "  - id: chem\n"
        "    industry: chemical\n"
        "    grade: C\n"
        "    units:\n"
        "      - {id: reactor, kind: reactor, capacity: 100, value: 1, ef: {VOCs: 1}}\n"
        "      - {id: b1, kind: batch, capacity: 100, follows: reactor, ef: {VOCs: 1}}\n"
        "      - {id: l1, kind: loading, capacity: 100, follows: b1, ef: {VOCs: 1}}\n";
    curtail_scenario *s = load_text(yaml, "deeper.yaml");
    curtail_result *r = plan(s);
    /* yellow: the reactor (own bound 0.9) sits at the group's 0.6: b1 holds it */
    ck_assert_int_eq(FACT(r, 0, CURTAIL_YELLOW)->below_rule, 1);
    ck_assert_uint_eq(FACT(r, 0, CURTAIL_YELLOW)->binding, 1);
    ck_assert_uint_eq(FACT(r, 0, CURTAIL_YELLOW)->rule_index, 0);
    ck_assert_uint_eq(FACT(r, 0, CURTAIL_YELLOW)->rule_pos.line, 5);
    /* red: load 0.5 below the group's 0.6: the optimiser's cut */
    ck_assert_int_eq(FACT(r, 0, CURTAIL_RED)->below_rule, 1);
    ck_assert_uint_eq(FACT(r, 0, CURTAIL_RED)->binding, UINT32_MAX);
    /* b1 at its own 0.6 in yellow: not below its rule */
    ck_assert_int_eq(FACT(r, 1, CURTAIL_YELLOW)->below_rule, 0);
    ck_assert_int_eq(FACT(r, 1, CURTAIL_RED)->below_rule, 1);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* schedule.yaml: 30 hours from 06:00, yellow 08:00–24:00, orange to 10:00 the
 * next day, the ozone window 10:00–18:00 at both: hours 4..11 only. */
START_TEST(test_result_schedule_window_facts)
{
    curtail_scenario *s = load_golden("schedule.yaml");
    curtail_result *r = NULL;
    curtail_error err;
    size_t t, n = 0;
    ck_assert_int_eq(curtail_schedule_solve(s, NULL, &r, &err), CURTAIL_OK);
    ck_assert_int_eq(r->kind, CU_RESULT_SCHEDULE);
    ck_assert_int_eq(r->hours, 30);
    for (t = 0; t < 30; t++) {
        ck_assert_int_eq(r->hour_window[t], t >= 4 && t <= 11);
        n += r->hour_window[t];
    }
    ck_assert_uint_eq(n, 8);
    ck_assert_int_eq(r->window_from, 600);
    ck_assert_int_eq(r->window_to, 1080);
    /* the coating line (D, interruptible, VOCs) is stopped; the kiln is not */
    ck_assert_int_eq(r->grades[0].ozone_stopped, 1);
    ck_assert_int_eq(r->grades[1].ozone_stopped, 0);
    ck_assert_int_eq(r->group_stopped[r->gv.unit_group[0]], 1);
    ck_assert_int_eq(r->group_stopped[r->gv.unit_group[1]], 0);
    ck_assert_int_eq(cu_hour_note(r, r->gv.unit_group[0], 5), CU_HOUR_WINDOW);
    /* the timeline, copied: 2023-07-10T08:00 is day 19548, minute 28149120 + 480 */
    ck_assert_uint_eq(r->nalerts, 2);
    ck_assert_int_eq(r->alerts[0].level, CURTAIL_YELLOW);
    ck_assert_int_eq(r->alerts[0].from, 19548LL * 1440 + 480);
    ck_assert_int_eq(r->alerts[0].to, 19549LL * 1440);
    ck_assert_int_eq(r->alerts[1].level, CURTAIL_ORANGE);
    ck_assert_int_eq(r->alerts[1].to, 19549LL * 1440 + 600);
    ck_assert_int_eq(r->has_ozone, 1);
    ck_assert_uint_eq(r->ozone_levels, (1u << CURTAIL_YELLOW) | (1u << CURTAIL_ORANGE));
    ck_assert_int_eq(r->group_industry[r->gv.unit_group[0]], CURTAIL_CHEMICAL);
    ck_assert_int_eq(cu_hour_note(r, r->gv.unit_group[0], 0), CU_HOUR_BASE);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* plan_guarantee_phase_out: the oven's fixed kg/d (SO2 5, NOx 30) is the only
 * fixed emission; the scenario's settings a writer words. */
START_TEST(test_result_fixed_and_settings)
{
    curtail_scenario *s = NULL;
    curtail_result *r;
    curtail_error err;
    ck_assert_int_eq(curtail_scenario_load_file(&s,
                                                CURTAIL_TEST_DATA
                                                "/valid/plan_guarantee_phase_out/input.yaml",
                                                NULL, &err),
                     CURTAIL_OK);
    r = plan(s);
    ck_assert_uint_eq(r->nfixed_units, 1);
    ck_assert_double_eq(r->fixed_units[0][CURTAIL_SO2], 5);
    ck_assert_double_eq(r->fixed_units[0][CURTAIL_NOX], 30);
    ck_assert_double_eq(r->fixed_units[0][CURTAIL_PM], 0);
    ck_assert_int_eq(r->group_industry[r->gv.unit_group[0]], CURTAIL_BOILER_INDUSTRY);
    ck_assert_int_eq(r->group_industry[r->gv.unit_group[1]], CURTAIL_COKING);
    ck_assert_int_eq(r->lang, CURTAIL_LANG_ZH);
    ck_assert_int_eq(r->base, CURTAIL_BASE_LISTED);
    ck_assert_ptr_nonnull(strstr(r->file, "plan_guarantee_phase_out/input.yaml"));
    ck_assert_uint_eq(r->nalerts, 0);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* Every options struct is checked by cu_check_version: 1..VERSION known. */
START_TEST(test_result_options_versions)
{
    curtail_scenario *s = load_golden("measures.yaml"), *t = NULL;
    curtail_result *r = plan(s);
    curtail_plan_options po = CURTAIL_PLAN_OPTIONS_INIT;
    curtail_schedule_options so = CURTAIL_SCHEDULE_OPTIONS_INIT;
    curtail_write_options wo = CURTAIL_WRITE_OPTIONS_INIT;
    curtail_export_options eo = CURTAIL_EXPORT_OPTIONS_INIT;
    curtail_load_options lo = CURTAIL_LOAD_OPTIONS_INIT;
    curtail_result *r2 = NULL;
    curtail_error err;
    po.version = 3;
    ck_assert_int_eq(curtail_plan_solve(s, &po, &r2, &err), CURTAIL_EINVAL);
    ck_assert_str_eq(err.message,
                     "curtail_plan_solve: options of version 3 (this library knows 1 to 2)");
    so.version = 0;
    ck_assert_int_eq(curtail_schedule_solve(s, &so, &r2, &err), CURTAIL_EINVAL);
    ck_assert_str_eq(err.message,
                     "curtail_schedule_solve: options of version 0 (this library knows 1 to 2)");
    wo.version = 7;
    ck_assert_int_eq(curtail_result_write_file(r, &wo, "/nonexistent/x.json", &err),
                     CURTAIL_EINVAL);
    ck_assert_str_eq(err.message,
                     "curtail_write_options: options of version 7 (this library knows 1 to 3)");
    eo.version = 9;
    ck_assert_int_eq(curtail_export_file(s, &eo, "/nonexistent/x.lp", &err), CURTAIL_EINVAL);
    ck_assert_str_eq(err.message,
                     "curtail_export_file: options of version 9 (this library knows 1 to 2)");
    lo.version = 2;
    ck_assert_int_eq(curtail_scenario_load_buffer(&t, "curtail: 1\n", 11, "x.yaml", &lo, &err),
                     CURTAIL_EINVAL);
    ck_assert_str_eq(err.message,
                     "curtail_load_options: options of version 2 (this library knows 1 to 1)");
    ck_assert_ptr_null(t);
    /* version 1 of the plan options is still read */
    po.version = 1;
    ck_assert_int_eq(curtail_plan_solve(s, &po, &r2, &err), CURTAIL_OK);
    curtail_result_free(r2);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("result");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_result_facts_rules_and_grades);
    tcase_add_test(tc, test_result_grade_why_wet_quenching);
    tcase_add_test(tc, test_result_binding_member);
    tcase_add_test(tc, test_result_schedule_window_facts);
    tcase_add_test(tc, test_result_fixed_and_settings);
    tcase_add_test(tc, test_result_options_versions);
    SRunner *sr;
    int failed;
    suite_add_tcase(su, tc);
    sr = srunner_create(su);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
