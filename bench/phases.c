/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Phase timer for the curtail benchmark: load, solve and write, timed apart
 * through the public API (monotonic wall clock).
 *
 *   phases FILE [--schedule] [--plain] [-o OUT.json] [--runs N]
 *
 * Prints one line per run:
 *   load_s=… solve_s=… write_s=… total_s=… objective=… columns=…
 * `--plain` solves the whole LP at once (CURTAIL_METHOD_PLAIN) instead of
 * the structure-exploiting default, to compare the two.
 */
#define _POSIX_C_SOURCE 200809L
#include <curtail.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int fail(const char *what, const curtail_error *err)
{
    char buf[1024];
    curtail_error_format(err, buf, sizeof buf);
    fprintf(stderr, "phases: %s: %s\n", what, buf);
    return 4;
}

int main(int argc, char **argv)
{
    const char *file = NULL, *out = NULL;
    int schedule = 0, plain = 0, runs = 1, i, r;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--schedule") == 0)
            schedule = 1;
        else if (strcmp(argv[i], "--plain") == 0)
            plain = 1;
        else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (!file && argv[i][0] != '-')
            file = argv[i];
        else {
            fprintf(stderr, "usage: phases FILE [--schedule] [--plain] [-o OUT.json] [--runs N]\n");
            return 1;
        }
    }
    if (!file || runs < 1) {
        fprintf(stderr, "usage: phases FILE [--schedule] [--plain] [-o OUT.json] [--runs N]\n");
        return 1;
    }
    for (r = 0; r < runs; r++) {
        curtail_error err;
        curtail_scenario *s = NULL;
        curtail_result *res = NULL;
        curtail_load_options lo = CURTAIL_LOAD_OPTIONS_INIT;
        curtail_write_options wo = CURTAIL_WRITE_OPTIONS_INIT;
        double t0, t1, t2, t3, t4, obj;
        size_t cols;
        memset(&err, 0, sizeof err);
        t0 = now();
        if (curtail_scenario_load_file(&s, file, &lo, &err) != CURTAIL_OK)
            return fail("load", &err);
        t1 = now();
        if (schedule) {
            curtail_schedule_options so = CURTAIL_SCHEDULE_OPTIONS_INIT;
            so.method = plain ? CURTAIL_METHOD_PLAIN : CURTAIL_METHOD_AUTO;
            if (curtail_schedule_solve(s, &so, &res, &err) != CURTAIL_OK)
                return fail("schedule", &err);
        } else {
            curtail_plan_options po = CURTAIL_PLAN_OPTIONS_INIT;
            po.method = plain ? CURTAIL_METHOD_PLAIN : CURTAIL_METHOD_AUTO;
            if (curtail_plan_solve(s, &po, &res, &err) != CURTAIL_OK)
                return fail("plan", &err);
        }
        t2 = now();
        if (out && curtail_result_write_file(res, &wo, out, &err) != CURTAIL_OK)
            return fail("write", &err);
        t3 = now();
        obj = curtail_result_objective(res);
        cols = curtail_result_lp_columns(res);
        curtail_result_free(res);
        curtail_scenario_free(s);
        t4 = now();
        printf("load_s=%.3f solve_s=%.3f write_s=%.3f free_s=%.3f total_s=%.3f objective=%.17g "
               "columns=%zu\n",
               t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0, obj, cols);
        fflush(stdout);
    }
    return 0;
}
