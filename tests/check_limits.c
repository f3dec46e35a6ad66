/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_limits.c — SPEC §9 limits not covered by check_load: absurd
 * magnitudes that would make GLPK fail, the unit count, and the largest
 * allowed magnitudes still solving (or failing cleanly), never aborting. */
#include "internal.h"
#include "episode.h" /* white-box: the modules' private headers */
#include "policy.h"
#include "result.h"
#include "rule_schema.h"
#include "solve.h"
#include "timeutil.h"
#include "write.h"

#include <check.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void expect_error(const char *yaml, const char *want)
{
    curtail_scenario *s = NULL;
    curtail_error err;
    char line[2048];
    int rc = curtail_scenario_load_buffer(&s, yaml, strlen(yaml), "m.yaml", NULL, &err);
    ck_assert_int_eq(rc, CURTAIL_EINPUT);
    ck_assert_ptr_null(s);
    curtail_error_format(&err, line, sizeof line);
    ck_assert_str_eq(line, want);
}

#define UNIT_HEAD                                                                          \
    "curtail: 1\n"                                                                         \
    "enterprises:\n"                                                                       \
    "  - id: e\n"                                                                          \
    "    industry: other\n"                                                                \
    "    units:\n"

START_TEST(test_limits_absurd_capacity)
{
    expect_error(UNIT_HEAD "      - {id: u, kind: other, capacity: 1e300, ef: {SO2: 1}}\n",
                 "m.yaml:6:40: error: enterprises[0].units[0].capacity: must be at most 1e12, "
                 "got 1e+300");
}
END_TEST

START_TEST(test_limits_absurd_emission_factor)
{
    expect_error(UNIT_HEAD "      - {id: u, kind: other, capacity: 10, ef: {SO2: 1, VOCs: 1e300}}\n",
                 "m.yaml:6:63: error: enterprises[0].units[0].ef.VOCs: must be at most 1e12, "
                 "got 1e+300");
}
END_TEST

START_TEST(test_limits_absurd_value_and_fixed)
{
    expect_error(UNIT_HEAD "      - {id: u, kind: other, capacity: 10, value: 1e13}\n",
                 "m.yaml:6:51: error: enterprises[0].units[0].value: must be at most 1e12, "
                 "got 10000000000000");
    expect_error(UNIT_HEAD "      - {id: u, kind: other, capacity: 10, fixed_kgpd: {NOx: 2e12}}\n",
                 "m.yaml:6:62: error: enterprises[0].units[0].fixed_kgpd.NOx: must be at most "
                 "1e12, got 2000000000000");
}
END_TEST

START_TEST(test_limits_absurd_totals)
{
    expect_error("curtail: 1\n"
                 "targets: {base: totals, totals_kgpd: {SO2: 1, NOx: 1, PM: 1, VOCs: 1e200}}\n"
                 "enterprises: []\n",
                 "m.yaml:2:68: error: targets.totals_kgpd.VOCs: must be at most 1e12, got "
                 "1e+200");
}
END_TEST

START_TEST(test_limits_unit_count)
{
    /* the 10 000 001st unit is refused; the count is set directly rather
     * than by allocating ten million units in a test */
    curtail_scenario *s = NULL;
    curtail_error err;
    curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
    curtail_unit_spec u = CURTAIL_UNIT_SPEC_INIT;
    size_t real;
    e.id = "e";
    u.id = "u";
    u.capacity = 1;
    ck_assert_int_eq(curtail_scenario_new(&s, NULL, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_add_enterprise(s, &e, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_add_unit(s, &u, &err), CURTAIL_OK);
    real = s->nunits;
    s->nunits = CU_MAX_UNITS;
    ck_assert_int_eq(curtail_scenario_add_unit(s, &u, &err), CURTAIL_EINPUT);
    ck_assert_str_eq(err.message, "more than 10000000 units");
    s->nunits = real;
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_limits_largest_magnitudes_do_not_abort)
{
    /* the largest allowed values side by side with tiny ones: the solve either
     * succeeds or fails with CURTAIL_ESOLVER, and never aborts the process */
    const char *yaml =
        "curtail: 1\n"
        "targets: {base: totals, totals_kgpd: {SO2: 1e12, NOx: 1e-6, PM: 0, VOCs: 1e12}}\n"
        "enterprises:\n"
        "  - id: big\n"
        "    industry: other\n"
        "    grade: D\n"
        "    units:\n"
        "      - {id: u, kind: other, capacity: 1e12, value: 1e12, ef: {SO2: 1e12, NOx: 1e-12, VOCs: 1e12}}\n"
        "      - {id: v, kind: other, capacity: 1e-9, value: 1e-9, ef: {SO2: 1e-9, NOx: 1e12}}\n";
    curtail_scenario *s = NULL;
    curtail_result *r = NULL;
    curtail_error err;
    int rc;
    ck_assert_int_eq(curtail_scenario_load_buffer(&s, yaml, strlen(yaml), "m.yaml", NULL, &err),
                     CURTAIL_OK);
    rc = curtail_plan_solve(s, NULL, &r, &err);
    ck_assert_msg(rc == CURTAIL_OK || rc == CURTAIL_ESOLVER, "code %d", rc);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_limits_derived_emission_factor)
{
    /* SPEC §9: ef = baseline / (capacity x base_load) obeys the limit of a given
     * factor, reported at the baseline value (block mapping: its own line) */
    expect_error(UNIT_HEAD "      - id: u\n"
                           "        kind: other\n"
                           "        capacity: 0.5\n"
                           "        baseline_kgpd:\n"
                           "          SO2: 1\n"
                           "          NOx: 1e12\n",
                 "m.yaml:11:16: error: enterprises[0].units[0].baseline_kgpd.NOx: gives an "
                 "emission factor baseline / (capacity x base_load) of 2000000000000, more than "
                 "the limit of 1e12");
    /* a follower's factor uses its leader's base load: 1e6 / (1 x 1e-7) = 1e13 */
    expect_error(UNIT_HEAD
                 "      - {id: u, kind: other, capacity: 1, base_load: 1e-7, ef: {PM: 1}}\n"
                 "      - {id: f, kind: other, capacity: 1, follows: u, baseline_kgpd: {VOCs: 1e6}}\n",
                 "m.yaml:7:77: error: enterprises[0].units[1].baseline_kgpd.VOCs: gives an "
                 "emission factor baseline / (capacity x base_load) of 10000000000000, more than "
                 "the limit of 1e12");
    /* capacity x base_load underflows to 0: not a finite factor (never 5/0 = inf) */
    expect_error(UNIT_HEAD "      - {id: u, kind: other, capacity: 1e-200, base_load: 1e-200, "
                           "baseline_kgpd: {PM: 5}}\n",
                 "m.yaml:6:87: error: enterprises[0].units[0].baseline_kgpd.PM: gives an "
                 "emission factor baseline / (capacity x base_load) = 5 / (1e-200 x 1e-200) that "
                 "is not a finite number");
}
END_TEST

START_TEST(test_limits_derived_zero_baseline)
{
    /* a zero baseline gives a zero factor even when capacity x base_load is 0 (no NaN) */
    const char *yaml = UNIT_HEAD
        "      - {id: u, kind: other, capacity: 1e-200, base_load: 1e-200, "
        "baseline_kgpd: {PM: 0, SO2: 1e-300}}\n";
    curtail_scenario *s = NULL;
    curtail_error err;
    ck_assert_int_eq(curtail_scenario_load_buffer(&s, yaml, strlen(yaml), "m.yaml", NULL, &err),
                     CURTAIL_EINPUT);
    ck_assert_str_eq(err.path, "enterprises[0].units[0].baseline_kgpd.SO2");
    yaml = UNIT_HEAD "      - {id: u, kind: other, capacity: 1e-200, base_load: 1e-200, "
                     "baseline_kgpd: {PM: 0}}\n";
    ck_assert_int_eq(curtail_scenario_load_buffer(&s, yaml, strlen(yaml), "m.yaml", NULL, &err),
                     CURTAIL_OK);
    ck_assert_double_eq(s->units[0].ef[CURTAIL_PM], 0.0);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_limits_derived_group_coefficients)
{
    /* each unit at the limits (1e12 x 1e12 = 1e24) passes; a group's sum, a
     * weighted value or a listed baseline beyond 1e24 is an input error */
    expect_error(UNIT_HEAD
                 "      - {id: u, kind: other, capacity: 1e12, ef: {SO2: 1e12}}\n"
                 "      - {id: f, kind: other, capacity: 1e12, ef: {SO2: 1e12}, follows: u}\n",
                 "m.yaml:6:9: error: enterprises[0].units[0]: unit 'u' and its followers emit "
                 "2e+24 kg/d of SO2 at full load (ef x capacity), more than the limit of 1e24");
    expect_error(UNIT_HEAD
                 "      - {id: u, kind: other, capacity: 1e12, value: 1e12, ef: {SO2: 1}}\n"
                 "      - {id: f, kind: other, capacity: 1e12, value: 1e12, follows: u}\n",
                 "m.yaml:6:9: error: enterprises[0].units[0]: unit 'u' and its followers produce "
                 "2e+24 yuan/d at full load (value x capacity), more than the limit of 1e24");
    expect_error("curtail: 1\nextra: {weights: {none: 4}}\n"
                 "enterprises:\n  - id: e\n    industry: other\n    units:\n"
                 "      - {id: u, kind: other, capacity: 1e12, value: 1e12, ef: {SO2: 1}}\n",
                 "m.yaml:7:9: error: enterprises[0].units[0]: unit 'u': weight 4 x value 1e+24 "
                 "yuan/d = 4e+24, a loss coefficient more than the limit of 1e24");
    expect_error(UNIT_HEAD "      - {id: u, kind: other, capacity: 1e12, ef: {PM: 1e12}}\n"
                           "      - {id: v, kind: other, capacity: 1e12, ef: {PM: 1e12}}\n",
                 "m.yaml:7:9: error: enterprises[0].units[1]: brings the listed PM baseline (the "
                 "sum of every unit's emissions at base load) to 2e+24 kg/d, more than the limit "
                 "of 1e24");
    expect_error(UNIT_HEAD "      - {id: u, kind: other, capacity: 1e12, ef: {PM: 1e12}}\n"
                           "      - {id: v, kind: other, capacity: 1, fixed_kgpd: {PM: 1e12}}\n",
                 "m.yaml:7:9: error: enterprises[0].units[1]: brings the listed PM baseline (the "
                 "sum of every unit's emissions at base load) to 1.000000000001e+24 kg/d, more "
                 "than the limit of 1e24");
}
END_TEST

START_TEST(test_limits_export_refuses_nonfinite)
{
    /* a non-finite number is never written as 0: the export fails instead */
    cu_lp lp;
    curtail_error err;
    size_t row, rows[1];
    double vals[1];
    cu_lp_init(&lp, NULL);
    row = cu_lp_add_row(&lp, "target_PM_red", CU_ROW_GE, 30);
    ck_assert(row != (size_t)-1);
    rows[0] = row;
    vals[0] = 68.475;
    ck_assert(cu_lp_add_col(&lp, "y_g0_R", 3.3e6, 0, 0.6375, 1, rows, vals) != (size_t)-1);
    ck_assert_int_eq(cu_lp_check_finite(&lp, &err), CURTAIL_OK);
    lp.val[0] = NAN;
    ck_assert_int_eq(cu_lp_check_finite(&lp, &err), CURTAIL_ESOLVER);
    ck_assert_str_eq(err.message,
                     "the LP's coefficient of column y_g0_R in row target_PM_red is nan; not written");
    lp.val[0] = 68.475;
    lp.cost[0] = INFINITY;
    ck_assert_int_eq(cu_lp_check_finite(&lp, &err), CURTAIL_ESOLVER);
    ck_assert_str_eq(err.message, "the LP's cost of column y_g0_R is inf; not written");
    lp.cost[0] = 3.3e6;
    lp.rhs[0] = -INFINITY;
    ck_assert_int_eq(cu_lp_check_finite(&lp, &err), CURTAIL_ESOLVER);
    ck_assert_str_eq(err.message, "the LP's right-hand side of row target_PM_red is -inf; not written");
    lp.rhs[0] = 30;
    lp.cub[0] = INFINITY; /* an infinite upper bound is no bound: allowed */
    ck_assert_int_eq(cu_lp_check_finite(&lp, &err), CURTAIL_OK);
    lp.clb[0] = NAN;
    ck_assert_int_eq(cu_lp_check_finite(&lp, &err), CURTAIL_ESOLVER);
    ck_assert_str_eq(err.message, "the LP's bounds of column y_g0_R are [nan, inf]; not written");
    cu_lp_free(&lp);
}
END_TEST

static const curtail_scenario *live_scenario;

static void *solve_one(void *arg)
{
    curtail_result **r = arg;
    curtail_error err;
    if (curtail_plan_solve(live_scenario, NULL, r, &err) != CURTAIL_OK)
        *r = NULL;
    return NULL;
}

START_TEST(test_limits_add_while_result_alive)
{
    /* a result reads the scenario's arrays with the sizes it was solved with:
     * growing them under it is refused until every result is freed */
    const char *yaml = UNIT_HEAD "      - {id: u, kind: other, capacity: 10, value: 1, ef: {PM: 1}}\n";
    curtail_scenario *s = NULL;
    curtail_result *r = NULL, *rt[2] = {NULL, NULL};
    curtail_error err;
    curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
    curtail_unit_spec u = CURTAIL_UNIT_SPEC_INIT;
    curtail_rule rule = CURTAIL_RULE_INIT;
    pthread_t th[2];
    int i;
    e.id = "e2";
    u.id = "v";
    u.capacity = 5;
    u.ef[CURTAIL_PM] = 2;
    rule.industry = CURTAIL_OTHER_INDUSTRY;
    rule.grades = 1u << CURTAIL_GRADE_NONE;
    rule.levels = 1u << CURTAIL_RED;
    rule.measure = CURTAIL_MEASURE_STOP;
    ck_assert_int_eq(curtail_scenario_load_buffer(&s, yaml, strlen(yaml), "m.yaml", NULL, &err),
                     CURTAIL_OK);
    ck_assert_int_eq(curtail_plan_solve(s, NULL, &r, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_add_unit(s, &u, &err), CURTAIL_EINVAL);
    ck_assert_str_eq(err.message, "curtail_scenario_add_unit: 1 result of this scenario is "
                                  "alive; free it first (curtail_result_free)");
    ck_assert_int_eq(curtail_scenario_add_enterprise(s, &e, &err), CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_scenario_add_rule(s, &rule, &err), CURTAIL_EINVAL);
    ck_assert_uint_eq(curtail_scenario_unit_count(s), 1);
    ck_assert_uint_eq(curtail_result_unit_count(r), 1);
    /* two more results on two threads: the count is exact */
    live_scenario = s;
    for (i = 0; i < 2; i++)
        ck_assert_int_eq(pthread_create(&th[i], NULL, solve_one, &rt[i]), 0);
    for (i = 0; i < 2; i++)
        ck_assert_int_eq(pthread_join(th[i], NULL), 0);
    ck_assert_ptr_nonnull(rt[0]);
    ck_assert_ptr_nonnull(rt[1]);
    ck_assert_int_eq(curtail_scenario_add_unit(s, &u, &err), CURTAIL_EINVAL);
    ck_assert_str_eq(err.message, "curtail_scenario_add_unit: 3 results of this scenario are "
                                  "alive; free them first (curtail_result_free)");
    curtail_result_free(rt[0]);
    curtail_result_free(r);
    ck_assert_int_eq(curtail_scenario_add_rule(s, &rule, &err), CURTAIL_EINVAL);
    curtail_result_free(rt[1]);
    /* all freed: the scenario grows again and solves with the new unit */
    ck_assert_int_eq(curtail_scenario_add_unit(s, &u, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_add_rule(s, &rule, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_plan_solve(s, NULL, &r, &err), CURTAIL_OK);
    ck_assert_uint_eq(curtail_result_unit_count(r), 2);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_limits_schedule_unit_hours)
{
    /* units x hours capped at 1e8 before any memory is spent: 11 384 units over
     * a leap year (8784 h, 99 997 056 unit-hours) load, 11 385 do not */
    size_t cap = 12000 * 64 + 256, n, i;
    char *yaml = malloc(cap);
    curtail_scenario *s = NULL;
    curtail_error err;
    char line[1024];
    int pass;
    ck_assert_ptr_nonnull(yaml);
    for (pass = 0; pass < 2; pass++) {
        size_t units = pass == 0 ? 11384 : 11385;
        n = (size_t)snprintf(yaml, cap, "curtail: 1\nepisode: {start: 2024-01-01T00:00, hours: 8784}\n"
                                        "enterprises:\n  - id: e\n    industry: other\n    units:\n");
        for (i = 0; i < units; i++)
            n += (size_t)snprintf(yaml + n, cap - n,
                                  "      - {id: u%zu, kind: other, capacity: 1, ef: {PM: 1}}\n", i);
        if (pass == 0) {
            ck_assert_int_eq(curtail_scenario_load_buffer(&s, yaml, n, "m.yaml", NULL, &err),
                             CURTAIL_OK);
            ck_assert_uint_eq(curtail_scenario_unit_count(s), 11384);
            curtail_scenario_free(s);
            s = NULL;
        } else {
            ck_assert_int_eq(curtail_scenario_load_buffer(&s, yaml, n, "m.yaml", NULL, &err),
                             CURTAIL_EINPUT);
            curtail_error_format(&err, line, sizeof line);
            ck_assert_str_eq(line, "m.yaml:2:43: error: episode.hours: 8784 hours x 11385 units "
                                   "= 100005840 unit-hours, more than the limit of 100000000 "
                                   "(about 2.5 GiB of memory); shorten the episode or split the "
                                   "scenario");
        }
    }
    free(yaml);
}
END_TEST

static Suite *limits_suite(void)
{
    Suite *s = suite_create("limits");
    TCase *limits = tcase_create("limits");
    tcase_add_test(limits, test_limits_absurd_capacity);
    tcase_add_test(limits, test_limits_absurd_emission_factor);
    tcase_add_test(limits, test_limits_absurd_value_and_fixed);
    tcase_add_test(limits, test_limits_absurd_totals);
    tcase_add_test(limits, test_limits_unit_count);
    tcase_add_test(limits, test_limits_largest_magnitudes_do_not_abort);
    tcase_add_test(limits, test_limits_derived_emission_factor);
    tcase_add_test(limits, test_limits_derived_zero_baseline);
    tcase_add_test(limits, test_limits_derived_group_coefficients);
    tcase_add_test(limits, test_limits_export_refuses_nonfinite);
    tcase_add_test(limits, test_limits_add_while_result_alive);
    tcase_add_test(limits, test_limits_schedule_unit_hours);
    suite_add_tcase(s, limits);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(limits_suite());
    int failed;
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
