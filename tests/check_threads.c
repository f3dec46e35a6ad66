/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_threads.c — different scenarios solved on several threads at once
 * give exactly the results they give one after the other. GLPK keeps its
 * environment per thread; the library has no global state. Run it under
 * helgrind with `make threadcheck`. */
#define _POSIX_C_SOURCE 200809L
#include "curtail.h"
#include "testutil.h"

#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NTHREADS 4

typedef struct job {
    int index;
    char *yaml;
    char *json; /* the plan, or the schedule for odd jobs */
    int rc;
} job;

/* The example with job-specific ratios, so each thread solves its own LP. */
static char *variant(int i)
{
    size_t len;
    char *base = tu_read_file(CURTAIL_SOURCE_DIR "/examples/xiangyuan.yaml", &len);
    char *out;
    const char *episode =
        "episode:\n"
        "  start: 2023-12-01T00:00\n"
        "  hours: 48\n"
        "  timeline: [{level: orange, from: 2023-12-01T06:00, to: 2023-12-02T18:00}]\n"
        "  ozone: {window: \"10:00-18:00\"}\n";
    ck_assert_ptr_nonnull(base);
    out = malloc(len + 512);
    ck_assert_ptr_nonnull(out);
    memcpy(out, base, len);
    /* a later top-level key would be a duplicate; the example has no name twice,
     * so vary the targets through a replacement of the county totals */
    {
        char *p = strstr(out, "totals_kgpd: {SO2: 1450");
        char num[16];
        ck_assert_ptr_nonnull(p);
        snprintf(num, sizeof num, "%04d", 1450 - 30 * i);
        memcpy(p + strlen("totals_kgpd: {SO2: "), num, 4);
    }
    strcpy(out + len, (i % 2) ? episode : "");
    free(base);
    return out;
}

static char *render(const curtail_result *r)
{
    char *dir = tu_tmpdir(), path[512], *data;
    curtail_write_options wo = CURTAIL_WRITE_OPTIONS_INIT;
    curtail_error err;
    snprintf(path, sizeof path, "%s/out.json", dir);
    if (curtail_result_write_file(r, &wo, path, &err) != CURTAIL_OK) {
        free(dir);
        return NULL;
    }
    data = tu_read_file(path, NULL);
    remove(path);
    remove(dir);
    free(dir);
    return data;
}

static void *solve(void *arg)
{
    job *j = arg;
    curtail_scenario *s = NULL;
    curtail_result *r = NULL;
    curtail_plan_options po = CURTAIL_PLAN_OPTIONS_INIT;
    curtail_error err;
    /* job 2 plans on Clp where the build has it, beside GLPK's */
    if (j->index == 2 && curtail_solver_available(CURTAIL_SOLVER_CLP))
        po.solver = CURTAIL_SOLVER_CLP;
    j->rc = curtail_scenario_load_buffer(&s, j->yaml, strlen(j->yaml), "v.yaml", NULL, &err);
    if (j->rc == CURTAIL_OK)
        j->rc = (j->index % 2) ? curtail_schedule_solve(s, NULL, &r, &err)
                               : curtail_plan_solve(s, &po, &r, &err);
    if (j->rc == CURTAIL_OK)
        j->json = render(r);
    curtail_result_free(r);
    curtail_scenario_free(s);
    return NULL;
}

START_TEST(test_threads_same_results_in_parallel)
{
    job seq[NTHREADS], par[NTHREADS];
    pthread_t th[NTHREADS];
    int i;
    for (i = 0; i < NTHREADS; i++) {
        memset(&seq[i], 0, sizeof seq[i]);
        seq[i].index = i;
        seq[i].yaml = variant(i);
        solve(&seq[i]);
        ck_assert_int_eq(seq[i].rc, CURTAIL_OK);
        ck_assert_ptr_nonnull(seq[i].json);
        par[i] = seq[i];
        par[i].json = NULL;
    }
    /* the variants differ, so equal outputs below are not a coincidence */
    ck_assert_str_ne(seq[0].json, seq[2].json);
    for (i = 0; i < NTHREADS; i++)
        ck_assert_int_eq(pthread_create(&th[i], NULL, solve, &par[i]), 0);
    for (i = 0; i < NTHREADS; i++)
        ck_assert_int_eq(pthread_join(th[i], NULL), 0);
    for (i = 0; i < NTHREADS; i++) {
        ck_assert_int_eq(par[i].rc, CURTAIL_OK);
        ck_assert_str_eq(par[i].json, seq[i].json);
        free(par[i].json);
        free(seq[i].json);
        free(seq[i].yaml);
    }
}
END_TEST

static Suite *threads_suite(void)
{
    Suite *s = suite_create("threads");
    TCase *core = tcase_create("core");
    tcase_set_timeout(core, 300);
    tcase_add_test(core, test_threads_same_results_in_parallel);
    suite_add_tcase(s, core);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(threads_suite());
    int failed;
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
