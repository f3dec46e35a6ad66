/* SPDX-License-Identifier: GPL-3.0-or-later */
/* embed.c — build a scenario in code (no YAML) with an episode, solve the
 * plan, print the list, then schedule the episode hour by hour and print its
 * segments (day x level). Build against the installed library:
 *
 *   cc embed.c $(pkg-config --cflags --libs curtail) -o embed
 *
 * or with CMake: find_package(curtail) and link curtail::curtail (see
 * examples/embed/CMakeLists.txt). */
#include <curtail.h>

#include <stdio.h>
#include <stdlib.h>

static int fail(const curtail_error *err)
{
    char line[2048];
    curtail_error_format(err, line, sizeof line);
    fprintf(stderr, "embed: %s\n", line);
    return EXIT_FAILURE;
}

int main(void)
{
    curtail_scenario *s = NULL;
    curtail_result *r = NULL, *sr = NULL;
    curtail_error err;
    curtail_segment_result seg;
    size_t k;
    curtail_enterprise_spec coke = CURTAIL_ENTERPRISE_SPEC_INIT;
    curtail_enterprise_spec boiler = CURTAIL_ENTERPRISE_SPEC_INIT;
    curtail_unit_spec oven = CURTAIL_UNIT_SPEC_INIT;
    curtail_unit_spec chem = CURTAIL_UNIT_SPEC_INIT;
    curtail_unit_spec blr = CURTAIL_UNIT_SPEC_INIT;
    curtail_write_options out = CURTAIL_WRITE_OPTIONS_INIT;
    const double totals[CURTAIL_NPOLLUTANTS] = {1000, 3000, 500, 2000};
    int rc = EXIT_FAILURE;

    if (curtail_scenario_new(&s, NULL, &err))
        return fail(&err);
    if (curtail_scenario_set_name(s, "embedded example", &err) ||
        curtail_scenario_set_target_base(s, CURTAIL_BASE_TOTALS, totals, &err))
        goto error;

    /* a grade-C coking plant: a 5.5 m dry-quenched oven and its by-product plant */
    coke.id = "hengxiang";
    coke.name = "襄垣县恒祥焦化有限公司";
    coke.industry = CURTAIL_COKING;
    coke.grade = CURTAIL_GRADE_C;
    oven.id = "oven1";
    oven.name = "1# 焦炉";
    oven.kind = CURTAIL_KIND_COKE_OVEN;
    oven.capacity = 2740; /* t coke per day */
    oven.has_base_load = 1;
    oven.base_load = 0.95;
    oven.value = 320; /* yuan per t coke not produced */
    oven.has_ef = 1;
    oven.ef[CURTAIL_SO2] = 0.0695;
    oven.ef[CURTAIL_NOX] = 0.6244;
    oven.ef[CURTAIL_PM] = 0.0415;
    oven.ef[CURTAIL_VOCS] = 1.2;
    oven.has_coke_oven = 1;
    oven.has_height = 1;
    oven.height_m = 5.5;
    oven.quenching = CURTAIL_QUENCHING_DRY;
    chem.id = "chem";
    chem.name = "化产回收";
    chem.kind = CURTAIL_KIND_BYPRODUCT;
    chem.capacity = 2740;
    chem.has_ef = 1;
    chem.ef[CURTAIL_VOCS] = 0.4;
    chem.follows = "oven1";
    if (curtail_scenario_add_enterprise(s, &coke, &err) ||
        curtail_scenario_add_unit(s, &oven, &err) || curtail_scenario_add_unit(s, &chem, &err))
        goto error;

    /* a grade-D coal boiler of 40 t/h */
    boiler.id = "mine-boiler";
    boiler.name = "煤矿锅炉房";
    boiler.industry = CURTAIL_BOILER_INDUSTRY;
    boiler.grade = CURTAIL_GRADE_D;
    blr.id = "b1";
    blr.kind = CURTAIL_KIND_BOILER;
    blr.capacity = 960; /* t steam per day */
    blr.value = 50;
    blr.has_ef = 1;
    blr.ef[CURTAIL_SO2] = 0.5;
    blr.ef[CURTAIL_NOX] = 2.0;
    blr.ef[CURTAIL_PM] = 0.1;
    blr.has_boiler = 1;
    blr.fuel = CURTAIL_FUEL_COAL;
    blr.steam_tph = 40;
    if (curtail_scenario_add_enterprise(s, &boiler, &err) ||
        curtail_scenario_add_unit(s, &blr, &err))
        goto error;

    /* a two-day episode: orange from 08:00 on the first day, red for the
     * following day's twelve daytime hours; the ozone window at red only */
    if (curtail_scenario_set_episode(s, "2024-01-10T00:00", 48, &err) ||
        curtail_scenario_add_alert(s, CURTAIL_ORANGE, "2024-01-10T08:00", "2024-01-11T08:00",
                                   &err) ||
        curtail_scenario_add_alert(s, CURTAIL_RED, "2024-01-11T08:00", "2024-01-11T20:00",
                                   &err) ||
        curtail_scenario_set_ozone(s, "10:00-18:00", 1u << CURTAIL_RED, &err))
        goto error;

    if (curtail_scenario_check(s, &err) || curtail_plan_solve(s, NULL, &r, &err))
        goto error;
    printf("status: %s, objective %.2f yuan/d\n",
           curtail_result_status(r) == CURTAIL_OPTIMAL ? "optimal" : "targets unmet",
           curtail_result_objective(r));
    out.format = CURTAIL_FORMAT_MD;
    if (curtail_result_write_stream(r, &out, stdout, &err))
        goto error;

    if (curtail_schedule_solve(s, NULL, &sr, &err))
        goto error;
    printf("\nschedule: %zu hours, %s, weighted loss %.2f yuan\n", curtail_result_hour_count(sr),
           curtail_result_status(sr) == CURTAIL_OPTIMAL ? "optimal" : "targets unmet",
           curtail_result_objective(sr));
    for (k = 0; k < curtail_result_segment_count(sr); k++) {
        if (curtail_result_segment(sr, k, &seg, &err))
            goto error;
        printf("  %s %-6s %2d h  lost %.2f yuan  SO2 %.1f kg\n", seg.day,
               curtail_level_name(seg.level), seg.hours, seg.lost_value,
               seg.targets[CURTAIL_SO2].achieved);
    }
    rc = EXIT_SUCCESS;
    goto done;
error:
    rc = fail(&err);
done:
    curtail_result_free(sr);
    curtail_result_free(r);
    curtail_scenario_free(s);
    return rc;
}
