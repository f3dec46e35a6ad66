/* check_limits.c — SPEC §9 limits not covered by check_load: absurd
 * magnitudes that would make GLPK fail, the unit count, and the largest
 * allowed magnitudes still solving (or failing cleanly), never aborting. */
#include "internal.h"

#include <check.h>
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
