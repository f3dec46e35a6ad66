/* lpsize.c — the size of the schedule LP against the hours of the episode:
 * with blocks, columns = groups × blocks; fully hourly, groups × hours.
 * Usage: lpsize FILE   (a scenario with an episode)
 * Build: cc -O2 bench/lpsize.c -Iinclude build/libcurtail.a -lglpk -lyaml -lm -o lpsize */
#define _POSIX_C_SOURCE 200809L
#include "curtail.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    curtail_scenario *s = NULL;
    curtail_result *r = NULL;
    curtail_error err;
    curtail_schedule_options o = CURTAIL_SCHEDULE_OPTIONS_INIT;
    double t0, t1;
    if (argc != 2) {
        fprintf(stderr, "usage: lpsize FILE\n");
        return 1;
    }
    if (curtail_scenario_load_file(&s, argv[1], NULL, &err) != CURTAIL_OK) {
        char line[2048];
        curtail_error_format(&err, line, sizeof line);
        fprintf(stderr, "%s\n", line);
        return 2;
    }
    t0 = now();
    if (curtail_schedule_solve(s, &o, &r, &err) != CURTAIL_OK) {
        fprintf(stderr, "schedule: %s\n", err.message);
        curtail_scenario_free(s);
        return 4;
    }
    t1 = now();
    printf("units %zu, hours %zu, segments %zu, LP columns %zu (blocks), solve %.3f s, "
           "objective %.10g\n",
           curtail_scenario_unit_count(s), curtail_result_hour_count(r),
           curtail_result_segment_count(r), curtail_result_lp_columns(r), t1 - t0,
           curtail_result_objective(r));
    curtail_result_free(r);
    curtail_scenario_free(s);
    return 0;
}
