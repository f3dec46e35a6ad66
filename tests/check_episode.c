/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_episode.c — the episode builders and the name parsers, through the
 * public API only: an episode built in code schedules exactly as the same
 * episode loaded from YAML; the builders' errors; curtail_*_from_name.
 */
#include "curtail.h"
#include "testutil.h"

#include <check.h>
#include <string.h>

static const char *const yaml =
    "curtail: 1\n"
    "enterprises:\n"
    "  - id: chem\n"
    "    industry: chemical\n"
    "    grade: C\n"
    "    units:\n"
    "      - {id: r1, kind: reactor, capacity: 100, value: 10, ef: {NOx: 1, VOCs: 2}}\n"
    "      - {id: b1, kind: batch, capacity: 50, value: 20, ef: {VOCs: 4}}\n"
    "episode:\n"
    "  start: 2024-06-01T00:00\n"
    "  hours: 36\n"
    "  timeline:\n"
    "    - {level: orange, from: 2024-06-01T06:00, to: 2024-06-01T20:00}\n"
    "    - {level: red, from: 2024-06-01T20:00, to: 2024-06-02T08:00}\n"
    "  ozone: {window: \"12:00-16:00\", levels: [orange]}\n";

static curtail_scenario *built(void)
{
    curtail_scenario *s = NULL;
    curtail_error err;
    curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
    curtail_unit_spec r1 = CURTAIL_UNIT_SPEC_INIT, b1 = CURTAIL_UNIT_SPEC_INIT;
    ck_assert_int_eq(curtail_scenario_new(&s, NULL, &err), CURTAIL_OK);
    e.id = "chem";
    e.industry = CURTAIL_CHEMICAL;
    e.grade = CURTAIL_GRADE_C;
    r1.id = "r1";
    r1.kind = CURTAIL_KIND_REACTOR;
    r1.capacity = 100;
    r1.value = 10;
    r1.has_ef = 1;
    r1.ef[CURTAIL_NOX] = 1;
    r1.ef[CURTAIL_VOCS] = 2;
    b1.id = "b1";
    b1.kind = CURTAIL_KIND_BATCH;
    b1.capacity = 50;
    b1.value = 20;
    b1.has_ef = 1;
    b1.ef[CURTAIL_VOCS] = 4;
    ck_assert_int_eq(curtail_scenario_add_enterprise(s, &e, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_add_unit(s, &r1, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_add_unit(s, &b1, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_set_episode(s, "2024-06-01T00:00", 36, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_add_alert(s, CURTAIL_ORANGE, "2024-06-01T06:00",
                                                "2024-06-01T20:00", &err),
                     CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_add_alert(s, CURTAIL_RED, "2024-06-01T20:00",
                                                "2024-06-02T08:00", &err),
                     CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_set_ozone(s, "12:00-16:00", 1u << CURTAIL_ORANGE, &err),
                     CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    return s;
}

START_TEST(test_episode_built_equals_loaded)
{
    curtail_scenario *a = built(), *b = NULL;
    curtail_result *ra = NULL, *rb = NULL;
    curtail_error err;
    size_t t, u;
    ck_assert_int_eq(curtail_scenario_load_buffer(&b, yaml, strlen(yaml), "e.yaml", NULL, &err),
                     CURTAIL_OK);
    ck_assert_int_eq(curtail_schedule_solve(a, NULL, &ra, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_schedule_solve(b, NULL, &rb, &err), CURTAIL_OK);
    ck_assert_uint_eq(curtail_result_hour_count(ra), 36);
    ck_assert_uint_eq(curtail_result_hour_count(rb), 36);
    ck_assert_double_eq(curtail_result_objective(ra), curtail_result_objective(rb));
    for (t = 0; t < 36; t++) {
        int want = t < 6 ? -1 : t < 20 ? CURTAIL_ORANGE : t < 32 ? CURTAIL_RED : -1;
        ck_assert_int_eq(curtail_result_hour_level(ra, t), want);
        ck_assert_int_eq(curtail_result_hour_level(rb, t), want);
    }
    for (u = 0; u < 2; u++) {
        const double *la = curtail_result_unit_loads(ra, u), *lb = curtail_result_unit_loads(rb, u);
        for (t = 0; t < 36; t++)
            ck_assert_double_eq(la[t], lb[t]);
    }
    /* the batch unit (interruptible, VOCs) is stopped in the orange window 12-16 */
    ck_assert_double_eq(curtail_result_unit_loads(ra, 1)[13], 0.0);
    ck_assert_uint_eq(curtail_result_segment_count(ra), curtail_result_segment_count(rb));
    /* while a result lives, the episode may not change */
    ck_assert_int_eq(curtail_scenario_add_alert(a, CURTAIL_YELLOW, "2024-06-02T08:00",
                                                "2024-06-02T09:00", &err),
                     CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_scenario_set_episode(a, "2024-06-01T00:00", 5, &err), CURTAIL_EINVAL);
    curtail_result_free(ra);
    curtail_result_free(rb);
    curtail_scenario_free(a);
    curtail_scenario_free(b);
}
END_TEST

static void expect(int rc, int want_rc, const curtail_error *err, const char *path,
                   const char *msg)
{
    ck_assert_int_eq(rc, want_rc);
    ck_assert_str_eq(err->path, path);
    ck_assert_str_eq(err->message, msg);
}

START_TEST(test_episode_builder_errors)
{
    curtail_scenario *s = NULL;
    curtail_error err;
    ck_assert_int_eq(curtail_scenario_new(&s, NULL, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_add_alert(s, CURTAIL_RED, "2024-01-01T00:00",
                                                "2024-01-01T01:00", &err),
                     CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_scenario_set_ozone(s, NULL, 0, &err), CURTAIL_EINVAL);
    expect(curtail_scenario_set_episode(s, "2024-01-01T00:30", 5, &err), CURTAIL_EINPUT, &err,
           "start", "must fall on the hour, got 2024-01-01T00:30");
    expect(curtail_scenario_set_episode(s, "2023-02-29T00:00", 5, &err), CURTAIL_EINPUT, &err,
           "start", "no such date and time: 2023-02-29T00:00");
    expect(curtail_scenario_set_episode(s, "2024-01-01 00:00", 5, &err), CURTAIL_EINPUT, &err,
           "start", "expected a time YYYY-MM-DDTHH:MM, got \"2024-01-01 00:00\"");
    expect(curtail_scenario_set_episode(s, "2024-01-01T00:00", 0, &err), CURTAIL_EINPUT, &err,
           "hours", "must be a whole number of hours from 1 to 8784, got 0");
    expect(curtail_scenario_set_episode(s, "9999-12-31T00:00", 25, &err), CURTAIL_EINPUT, &err,
           "hours", "the episode must end by 9999-12-31T24:00, got 25 hours from 9999-12-31T00:00");
    ck_assert_int_eq(curtail_scenario_set_episode(s, "2024-01-01T00:00", 24, &err), CURTAIL_OK);
    expect(curtail_scenario_add_alert(s, CURTAIL_RED, "2024-01-01T05:00", "2024-01-01T05:00",
                                      &err),
           CURTAIL_EINPUT, &err, "to", "must be after from (2024-01-01T05:00)");
    expect(curtail_scenario_add_alert(s, CURTAIL_RED, "2023-12-31T23:00", "2024-01-01T05:00",
                                      &err),
           CURTAIL_EINPUT, &err, "from", "is before the start of the episode (2024-01-01T00:00)");
    expect(curtail_scenario_add_alert(s, CURTAIL_RED, "2024-01-01T20:00", "2024-01-02T01:00",
                                      &err),
           CURTAIL_EINPUT, &err, "to", "is after the end of the episode (2024-01-01T00:00 + 24 hours)");
    expect(curtail_scenario_add_alert(s, (curtail_level)7, "2024-01-01T00:00", "2024-01-01T01:00",
                                      &err),
           CURTAIL_EINPUT, &err, "level", "unknown level");
    expect(curtail_scenario_set_ozone(s, "18:00-10:00", 0, &err), CURTAIL_EINPUT, &err, "window",
           "must be \"HH:MM-HH:MM\" within one day, from before to, got \"18:00-10:00\"");
    /* overlapping alerts: the check names the later one */
    ck_assert_int_eq(curtail_scenario_add_alert(s, CURTAIL_ORANGE, "2024-01-01T02:00",
                                                "2024-01-01T10:00", &err),
                     CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_add_alert(s, CURTAIL_RED, "2024-01-01T09:00",
                                                "2024-01-01T12:00", &err),
                     CURTAIL_OK);
    expect(curtail_scenario_check(s, &err), CURTAIL_EINPUT, &err, "episode.timeline[1]",
           "overlaps timeline[0] (2024-01-01T02:00 to 2024-01-01T10:00)");
    ck_assert_int_eq(err.line, 0); /* a scenario built in code has no positions */
    /* a new episode replaces the alerts */
    ck_assert_int_eq(curtail_scenario_set_episode(s, "2024-01-01T00:00", 24, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_names_from_name)
{
    curtail_level l = CURTAIL_YELLOW;
    curtail_pollutant p = CURTAIL_SO2;
    curtail_kind k = CURTAIL_KIND_OTHER;
    curtail_grade g = CURTAIL_GRADE_A;
    curtail_industry i = CURTAIL_COKING;
    curtail_fuel f = CURTAIL_FUEL_COAL;
    curtail_lang lang = CURTAIL_LANG_DEFAULT;
    ck_assert_int_eq(curtail_level_from_name("orange", &l), CURTAIL_OK);
    ck_assert_int_eq(l, CURTAIL_ORANGE);
    ck_assert_int_eq(curtail_level_from_name("amber", &l), CURTAIL_EINVAL);
    ck_assert_int_eq(l, CURTAIL_ORANGE); /* untouched */
    ck_assert_int_eq(curtail_level_from_name(NULL, &l), CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_level_from_name("", &l), CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_pollutant_from_name("VOCs", &p), CURTAIL_OK);
    ck_assert_int_eq(p, CURTAIL_VOCS);
    ck_assert_int_eq(curtail_pollutant_from_name("vocs", &p), CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_kind_from_name("coke_oven", &k), CURTAIL_OK);
    ck_assert_int_eq(k, CURTAIL_KIND_COKE_OVEN);
    ck_assert_int_eq(curtail_grade_from_name("B-", &g), CURTAIL_OK);
    ck_assert_int_eq(g, CURTAIL_GRADE_B_MINUS);
    ck_assert_int_eq(curtail_grade_from_name("non-leading", &g), CURTAIL_OK);
    ck_assert_int_eq(g, CURTAIL_GRADE_NON_LEADING);
    ck_assert_int_eq(curtail_industry_from_name("boiler", &i), CURTAIL_OK);
    ck_assert_int_eq(i, CURTAIL_BOILER_INDUSTRY);
    ck_assert_int_eq(curtail_fuel_from_name("biomass", &f), CURTAIL_OK);
    ck_assert_int_eq(f, CURTAIL_FUEL_BIOMASS);
    ck_assert_int_eq(curtail_lang_from_name("en", &lang), CURTAIL_OK);
    ck_assert_int_eq(lang, CURTAIL_LANG_EN);
    ck_assert_int_eq(curtail_lang_from_name("zh", &lang), CURTAIL_OK);
    ck_assert_int_eq(lang, CURTAIL_LANG_ZH);
    ck_assert_int_eq(curtail_lang_from_name("fr", &lang), CURTAIL_EINVAL);
    /* every name round-trips */
    for (l = CURTAIL_YELLOW; l <= CURTAIL_RED; l++) {
        curtail_level back;
        ck_assert_int_eq(curtail_level_from_name(curtail_level_name(l), &back), CURTAIL_OK);
        ck_assert_int_eq(back, l);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("episode");
    TCase *tc = tcase_create("core");
    SRunner *sr;
    int failed;
    tcase_add_test(tc, test_episode_built_equals_loaded);
    tcase_add_test(tc, test_episode_builder_errors);
    tcase_add_test(tc, test_names_from_name);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
