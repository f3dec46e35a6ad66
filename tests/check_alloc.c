/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_alloc.c — allocation failures: fail the N-th allocation for every N
 * on loading, planning, scheduling and writing; each call returns
 * CURTAIL_ENOMEM (or succeeds), leaks nothing and leaves no partial output.
 * The schedule's scenario has a 4-line unit: its plan is a MIP (mip.c). */
#define _POSIX_C_SOURCE 200809L
#include "curtail.h"
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *scenario_path(void)
{
    return CURTAIL_SOURCE_DIR "/examples/xiangyuan.yaml";
}

static const char *episode_yaml =
    "curtail: 1\n"
    "targets: {base: totals, totals_kgpd: {SO2: 300, NOx: 900, PM: 200, VOCs: 900}}\n"
    "enterprises:\n"
    "  - {id: hx, industry: coking, grade: C, units: [\n"
    "      {id: oven, kind: coke_oven, capacity: 1000, base_load: 0.9, value: 300,\n"
    "       coke_oven: {coking_time_h: 22}, ef: {SO2: 0.07, NOx: 0.62, PM: 0.04, VOCs: 0.8}},\n"
    "      {id: chem, kind: byproduct, capacity: 1000, follows: oven, ef: {VOCs: 0.3}}]}\n"
    "  - {id: paint, industry: chemical, grade: D, units: [\n"
    "      {id: line, kind: coating, capacity: 50, value: 800, ef: {VOCs: 4}, lines: 4}]}\n"
    "episode:\n"
    "  start: 2023-07-01T00:00\n"
    "  hours: 48\n"
    "  timeline: [{level: yellow, from: 2023-07-01T06:00, to: 2023-07-02T12:00}]\n"
    "  ozone: {window: \"10:00-18:00\", levels: [yellow]}\n";

/* One full run with allocation `fail_at` failing. Returns the first failing
 * call's code, or CURTAIL_OK when everything succeeded. */
static int run_once(long fail_at, int schedule, const char *out_path, tu_counting *c)
{
    curtail_mem mem = tu_counting_mem(c);
    curtail_load_options lo = CURTAIL_LOAD_OPTIONS_INIT;
    curtail_write_options wo = CURTAIL_WRITE_OPTIONS_INIT;
    curtail_scenario *s = NULL;
    curtail_result *r = NULL;
    curtail_error err;
    int rc;
    memset(c, 0, sizeof *c);
    c->fail_at = fail_at;
    lo.mem = &mem;
    if (schedule)
        rc = curtail_scenario_load_buffer(&s, episode_yaml, strlen(episode_yaml), "e.yaml", &lo,
                                          &err);
    else
        rc = curtail_scenario_load_file(&s, scenario_path(), &lo, &err);
    if (rc == CURTAIL_OK)
        rc = schedule ? curtail_schedule_solve(s, NULL, &r, &err)
                      : curtail_plan_solve(s, NULL, &r, &err);
    if (rc == CURTAIL_OK) {
        wo.format = schedule ? CURTAIL_FORMAT_JSON : CURTAIL_FORMAT_CSV;
        rc = curtail_result_write_file(r, &wo, out_path, &err);
    }
    if (rc != CURTAIL_OK)
        ck_assert_msg(rc == CURTAIL_ENOMEM, "allocation %ld: code %d (%s)", fail_at, rc,
                      err.message);
    curtail_result_free(r);
    curtail_scenario_free(s);
    ck_assert_msg(c->live == 0, "allocation %ld: %ld blocks leaked", fail_at, c->live);
    return rc;
}

static void fail_every_allocation(int schedule)
{
    char *dir = tu_tmpdir();
    char path[512];
    tu_counting c;
    long total, n;
    struct stat st;
    ck_assert_ptr_nonnull(dir);
    snprintf(path, sizeof path, "%s/out", dir);
    ck_assert_int_eq(run_once(0, schedule, path, &c), CURTAIL_OK);
    total = c.calls;
    ck_assert_int_gt(total, 10);
    ck_assert_int_eq(unlink(path), 0);
    for (n = 1; n <= total; n++) {
        int rc = run_once(n, schedule, path, &c);
        if (rc == CURTAIL_OK) {
            ck_assert_int_eq(unlink(path), 0);
        } else {
            /* no output, not even a partial one */
            ck_assert_int_ne(stat(path, &st), 0);
        }
    }
    /* nothing but the output was ever left in the directory */
    ck_assert_int_eq(rmdir(dir), 0);
    free(dir);
}

START_TEST(test_alloc_plan_every_failure)
{
    fail_every_allocation(0);
}
END_TEST

START_TEST(test_alloc_schedule_every_failure)
{
    fail_every_allocation(1);
}
END_TEST

START_TEST(test_alloc_builder_failure)
{
    /* the builder API under the same allocator */
    tu_counting c;
    curtail_mem mem = tu_counting_mem(&c);
    long n, total = 0;
    for (n = 0;; n++) {
        curtail_scenario *s = NULL;
        curtail_error err;
        curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
        curtail_unit_spec u = CURTAIL_UNIT_SPEC_INIT;
        int rc;
        memset(&c, 0, sizeof c);
        c.fail_at = n;
        e.id = "e1";
        e.name = "一厂";
        u.id = "u1";
        u.capacity = 10;
        u.has_ef = 1;
        u.ef[0] = 1;
        rc = curtail_scenario_new(&s, &mem, &err);
        if (rc == CURTAIL_OK)
            rc = curtail_scenario_add_enterprise(s, &e, &err);
        if (rc == CURTAIL_OK)
            rc = curtail_scenario_add_unit(s, &u, &err);
        if (rc == CURTAIL_OK)
            rc = curtail_scenario_check(s, &err);
        ck_assert_msg(rc == CURTAIL_OK || rc == CURTAIL_ENOMEM, "code %d", rc);
        curtail_scenario_free(s);
        ck_assert_int_eq(c.live, 0);
        if (n == 0)
            total = c.calls;
        else if (n > total)
            break;
    }
}
END_TEST

static Suite *alloc_suite(void)
{
    Suite *s = suite_create("alloc");
    TCase *errors = tcase_create("errors");
    tcase_set_timeout(errors, 600);
    tcase_add_test(errors, test_alloc_plan_every_failure);
    tcase_add_test(errors, test_alloc_schedule_every_failure);
    tcase_add_test(errors, test_alloc_builder_failure);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(alloc_suite());
    int failed;
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
