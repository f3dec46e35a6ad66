/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_transport.c — transport measures as policy data (issue 10): the
 * built-in pattern per grade and level, rules that state a transport apart
 * from the measure, the list's 运输措施 column, the mobile-source reduction
 * lowering the requirement, the gate-monitoring warning, the builders. */
#define _POSIX_C_SOURCE 200809L
#include "curtail.h"
#include "testutil.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static curtail_scenario *load(const char *yaml)
{
    return tu_load_yaml(yaml, "t.yaml");
}

static curtail_result *plan(const curtail_scenario *s)
{
    curtail_result *r = NULL;
    curtail_error err;
    ck_assert_int_eq(curtail_plan_solve(s, NULL, &r, &err), CURTAIL_OK);
    return r;
}

/* The result written in a format, as a malloc'd string. */
static char *write_str(const curtail_result *r, curtail_format f)
{
    return tu_write_mem(r, f, CURTAIL_LANG_DEFAULT);
}

/* Cell `col` (0-based) of CSV line `line` (0 = header); fields have no
 * quotes or commas in these tests. */
static void csv_cell(const char *csv, int line, int col, char *out, size_t n)
{
    const char *p = csv;
    size_t k;
    int i;
    for (i = 0; i < line; i++)
        p = strchr(p, '\n') + 1;
    for (i = 0; i < col; i++)
        p = strchr(p, ',') + 1;
    for (k = 0; p[k] && p[k] != ',' && p[k] != '\n' && k + 1 < n; k++)
        out[k] = p[k];
    out[k] = '\0';
}

/* The column index of a header cell in the CSV's first line. */
static int csv_col(const char *csv, const char *name)
{
    char cell[256];
    int c;
    for (c = 0; c < 64; c++) {
        csv_cell(csv, 0, c, cell, sizeof cell);
        if (strcmp(cell, name) == 0)
            return c;
    }
    ck_abort_msg("no column %s", name);
    return -1;
}

#define OVENS                                                                                \
    "curtail: 1\n"                                                                           \
    "enterprises:\n"                                                                         \
    "  - id: ovenA\n    industry: coking\n    grade: A\n    units:\n"                        \
    "      - {id: o1, kind: coke_oven, capacity: 1000, ef: {NOx: 0.6}, coke_oven: {}}\n"     \
    "  - id: ovenB\n    industry: coking\n    grade: B\n    units:\n"                        \
    "      - {id: o1, kind: coke_oven, capacity: 1000, ef: {NOx: 0.6}, coke_oven: {}}\n"     \
    "  - id: ovenC\n    industry: coking\n    grade: C\n    units:\n"                        \
    "      - {id: o1, kind: coke_oven, capacity: 1000, ef: {NOx: 0.6}, coke_oven: {}}\n"

START_TEST(test_transport_b_oven_at_yellow)
{
    /* the built-in pattern: A none, B stops China IV trucks at every level,
     * C stops them at yellow and road transport at orange and red */
    static const char *const b_text = "停止使用国四及以下重型载货车辆（含燃气）进行运输";
    curtail_scenario *s = load(OVENS);
    curtail_result *r = plan(s);
    char *csv, cell[512];
    int L;
    for (L = 0; L < CURTAIL_NLEVELS; L++) {
        ck_assert_int_eq(curtail_result_transport(r, (curtail_level)L, 0), CURTAIL_TRANSPORT_NONE);
        ck_assert_int_eq(curtail_result_transport(r, (curtail_level)L, 1),
                         CURTAIL_TRANSPORT_NO_CHINA4_HEAVY);
    }
    ck_assert_int_eq(curtail_result_transport(r, CURTAIL_YELLOW, 2),
                     CURTAIL_TRANSPORT_NO_CHINA4_HEAVY);
    ck_assert_int_eq(curtail_result_transport(r, CURTAIL_ORANGE, 2), CURTAIL_TRANSPORT_NO_ROAD);
    ck_assert_int_eq(curtail_result_transport(r, CURTAIL_RED, 2), CURTAIL_TRANSPORT_NO_ROAD);
    ck_assert_int_eq(curtail_result_transport(r, CURTAIL_RED, 3), CURTAIL_TRANSPORT_UNSET);
    /* the list: the B oven at yellow (row 2) reads its transport measure,
     * beside a production measure that asks nothing */
    csv = write_str(r, CURTAIL_FORMAT_CSV);
    csv_cell(csv, 2, csv_col(csv, "黄色 运输措施"), cell, sizeof cell);
    ck_assert_str_eq(cell, b_text);
    csv_cell(csv, 2, csv_col(csv, "黄色 措施"), cell, sizeof cell);
    ck_assert_str_eq(cell, "本级别无停限产要求");
    csv_cell(csv, 1, csv_col(csv, "黄色 运输措施"), cell, sizeof cell);
    ck_assert_str_eq(cell, "不采取运输管控措施");
    csv_cell(csv, 3, csv_col(csv, "红色 运输措施"), cell, sizeof cell);
    ck_assert_str_eq(cell, "停止公路运输");
    free(csv);
    /* the JSON: per enterprise per level, and the counts */
    csv = write_str(r, CURTAIL_FORMAT_JSON);
    ck_assert_ptr_nonnull(strstr(csv, "{\"enterprise\": \"ovenB\", \"measure\": \"no_china4_heavy\", "
                                      "\"text\": \"停止使用国四及以下重型载货车辆（含燃气）进行运输\", "
                                      "\"trips_stopped\": 0}"));
    ck_assert_ptr_nonnull(strstr(csv, "\"transport_counts\": {\"none\": 1, \"no_china4_heavy\": 2, "
                                      "\"no_china5_heavy\": 0, \"no_road\": 0, \"unstated\": 0}"));
    ck_assert_ptr_nonnull(strstr(csv, "\"transport_counts\": {\"none\": 1, \"no_china4_heavy\": 1, "
                                      "\"no_china5_heavy\": 0, \"no_road\": 1, \"unstated\": 0}"));
    free(csv);
    /* the Markdown summary counts enterprises by measure and level */
    csv = write_str(r, CURTAIL_FORMAT_MD);
    ck_assert_ptr_nonnull(strstr(csv, "## 运输措施（企业数）\n\n| 运输措施 | 黄色 | 橙色 | 红色 |\n"
                                      "|---|---:|---:|---:|\n"
                                      "| 不采取运输管控措施 | 1 | 1 | 1 |\n"
                                      "| 停止使用国四及以下重型载货车辆（含燃气）进行运输 | 2 | 1 | 1 |\n"
                                      "| 停止公路运输 | 0 | 1 | 1 |\n\n"));
    free(csv);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_transport_rules_apart_from_measures)
{
    /* a scenario rule states a transport only: it wins its tie with the
     * built-in one (written later) and leaves the measure alone; a kind rule
     * on one unit makes the whole enterprise the strictest of its units' */
    curtail_scenario *s = load(
        "curtail: 1\n"
        "policy:\n"
        "  - {industry: coking, grades: [B], levels: [yellow], transport: no_china5_heavy}\n"
        "  - {industry: coking, kind: quenching, grades: [C], levels: [yellow], transport: no_road}\n"
        "enterprises:\n"
        "  - id: ovenB\n    industry: coking\n    grade: B\n    units:\n"
        "      - {id: o1, kind: coke_oven, capacity: 1000, ef: {NOx: 0.6}, coke_oven: {}}\n"
        "  - id: ovenC\n    industry: coking\n    grade: C\n    units:\n"
        "      - {id: o1, kind: coke_oven, capacity: 1000, ef: {NOx: 0.6}, coke_oven: {}}\n"
        "      - {id: q, kind: quenching, capacity: 1000, follows: o1, ef: {PM: 0.1}}\n");
    curtail_result *r = plan(s);
    curtail_unit_result ur;
    ck_assert_int_eq(curtail_result_transport(r, CURTAIL_YELLOW, 0),
                     CURTAIL_TRANSPORT_NO_CHINA5_HEAVY);
    ck_assert_int_eq(curtail_result_transport(r, CURTAIL_ORANGE, 0),
                     CURTAIL_TRANSPORT_NO_CHINA4_HEAVY);
    ck_assert_int_eq(curtail_result_unit(r, CURTAIL_YELLOW, 0, &ur, NULL), CURTAIL_OK);
    ck_assert_int_eq(ur.measure, CURTAIL_MEASURE_NONE); /* the B oven's built-in measure */
    ck_assert_int_eq(curtail_result_transport(r, CURTAIL_YELLOW, 1), CURTAIL_TRANSPORT_NO_ROAD);
    ck_assert_int_eq(curtail_result_unit(r, CURTAIL_YELLOW, 1, &ur, NULL), CURTAIL_OK);
    ck_assert_int_eq(ur.measure, CURTAIL_MEASURE_COKING_TIME);
    ck_assert_double_eq(ur.measure_value, 36);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* One C-grade unit, 100 t/d at 10 yuan/t (weight 2), NOx 1 kg/t: cutting y
 * of its load costs 2 × 1000 × y and saves 100·y kg NOx. Targets NOx 25 %
 * at yellow, 50 % at orange and red of the baseline 100 kg/d. */
#define MOBILE_HEAD                                                                          \
    "curtail: 1\n"                                                                           \
    "builtin_policy: false\n"                                                                \
    "targets:\n  ratios:\n    yellow: {NOx: 0.25}\n    orange: {NOx: 0.5}\n"               \
    "    red: {NOx: 0.5}\n"                                                                  \
    "policy:\n"                                                                              \
    "  - {industry: other, grades: [C], levels: [yellow], transport: no_china4_heavy}\n"    \
    "  - {industry: other, grades: [C], levels: [orange, red], transport: no_road}\n"
#define MOBILE_ENT                                                                           \
    "enterprises:\n"                                                                         \
    "  - id: e1\n    industry: other\n    grade: C\n"                                        \
    "    units:\n      - {id: u1, kind: other, capacity: 100, value: 10, ef: {NOx: 1}}\n"

START_TEST(test_transport_mobile_lowers_requirement)
{
    /* without trucks: y = 0.25, 0.5, 0.5: objective 2000·(0.25 + 0.5 + 0.5) = 2500 */
    curtail_scenario *s0 = load(MOBILE_HEAD MOBILE_ENT);
    /* with 20 China IV and 5 China V trips (0.5 and 0.3 kg NOx, 0.02 kg PM
     * each) and 4 electric ones: yellow stops the 20 China IV trips (10 kg
     * NOx, 0.4 kg PM), orange and red all 29 (10 + 1.5 = 11.5 kg NOx).
     * Requirements 25 − 10 = 15, 50 − 11.5 = 38.5: objective
     * 2000·(0.15 + 0.385 + 0.385) = 1840 */
    curtail_scenario *s1 = load(
        MOBILE_HEAD
        "transport_factors:\n"
        "  china4_and_below: {NOx: 0.5, PM: 0.02}\n"
        "  china5: {NOx: 0.3}\n"
        "enterprises:\n"
        "  - id: e1\n    industry: other\n    grade: C\n"
        "    trucks_per_day: {china4_and_below: 20, china5: 5, electric: 4}\n"
        "    gate_monitoring: true\n"
        "    units:\n      - {id: u1, kind: other, capacity: 100, value: 10, ef: {NOx: 1}}\n");
    curtail_result *r0 = plan(s0), *r1 = plan(s1);
    curtail_level_result lr;
    double m[CURTAIL_NPOLLUTANTS];
    ck_assert_double_eq_tol(curtail_result_objective(r0), 2500, 1e-9);
    ck_assert_double_eq_tol(curtail_result_objective(r1), 1840, 1e-9);
    ck_assert_int_eq(curtail_result_status(r1), CURTAIL_OPTIMAL);
    ck_assert_int_eq(curtail_result_mobile(r1, CURTAIL_YELLOW, m, NULL), CURTAIL_OK);
    ck_assert_double_eq_tol(m[CURTAIL_NOX], 10, 1e-12);
    ck_assert_double_eq_tol(m[CURTAIL_PM], 0.4, 1e-12);
    ck_assert_double_eq(m[CURTAIL_SO2], 0);
    ck_assert_int_eq(curtail_result_mobile(r1, CURTAIL_RED, m, NULL), CURTAIL_OK);
    ck_assert_double_eq_tol(m[CURTAIL_NOX], 11.5, 1e-12);
    ck_assert_double_eq(curtail_result_trips_stopped(r1, CURTAIL_YELLOW, 0), 20);
    ck_assert_double_eq(curtail_result_trips_stopped(r1, CURTAIL_ORANGE, 0), 29);
    /* required is net of the mobile reduction; the row still binds at the
     * same price (2000 yuan per 100 kg) */
    ck_assert_int_eq(curtail_result_level(r1, CURTAIL_YELLOW, &lr, NULL), CURTAIL_OK);
    ck_assert_double_eq_tol(lr.targets[CURTAIL_NOX].baseline, 100, 1e-12);
    ck_assert_double_eq_tol(lr.targets[CURTAIL_NOX].required, 15, 1e-12);
    ck_assert_double_eq_tol(lr.targets[CURTAIL_NOX].achieved, 15, 1e-9);
    ck_assert_double_eq_tol(lr.targets[CURTAIL_NOX].shadow_price, 20, 1e-9);
    ck_assert_int_eq(curtail_result_level(r1, CURTAIL_ORANGE, &lr, NULL), CURTAIL_OK);
    ck_assert_double_eq_tol(lr.targets[CURTAIL_NOX].required, 38.5, 1e-12);
    /* no trucks: nothing mobile, the requirement whole */
    ck_assert_int_eq(curtail_result_mobile(r0, CURTAIL_RED, m, NULL), CURTAIL_OK);
    ck_assert_double_eq(m[CURTAIL_NOX], 0);
    ck_assert_int_eq(curtail_result_level(r0, CURTAIL_ORANGE, &lr, NULL), CURTAIL_OK);
    ck_assert_double_eq(lr.targets[CURTAIL_NOX].required, 50);
    curtail_result_free(r0);
    curtail_result_free(r1);
    curtail_scenario_free(s0);
    curtail_scenario_free(s1);
}
END_TEST

START_TEST(test_transport_mobile_in_schedule_segments)
{
    /* an episode executes the list: a 12-hour yellow segment requires
     * (25 − 10)·12/24 = 7.5 kg NOx and achieves the plan's 15 kg/d × 12/24 */
    curtail_scenario *s = load(
        MOBILE_HEAD
        "transport_factors:\n  china4_and_below: {NOx: 0.5, PM: 0.02}\n"
        "enterprises:\n"
        "  - id: e1\n    industry: other\n    grade: C\n"
        "    trucks_per_day: {china4_and_below: 20}\n    gate_monitoring: true\n"
        "    units:\n      - {id: u1, kind: other, capacity: 100, value: 10, ef: {NOx: 1}}\n"
        "episode:\n  start: 2023-12-01T00:00\n  hours: 24\n  timeline:\n"
        "    - {level: yellow, from: 2023-12-01T12:00, to: 2023-12-02T00:00}\n");
    curtail_result *r = NULL;
    curtail_segment_result sg;
    curtail_error err;
    ck_assert_int_eq(curtail_schedule_solve(s, NULL, &r, &err), CURTAIL_OK);
    ck_assert_uint_eq(curtail_result_segment_count(r), 1);
    ck_assert_int_eq(curtail_result_segment(r, 0, &sg, &err), CURTAIL_OK);
    ck_assert_int_eq(sg.hours, 12);
    ck_assert_double_eq_tol(sg.targets[CURTAIL_NOX].baseline, 50, 1e-12);
    ck_assert_double_eq_tol(sg.targets[CURTAIL_NOX].required, 7.5, 1e-12);
    ck_assert_double_eq_tol(sg.targets[CURTAIL_NOX].achieved, 7.5, 1e-9);
    ck_assert_double_eq(sg.targets[CURTAIL_NOX].shortfall, 0);
    ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_transport_mobile_beyond_requirement)
{
    /* a mobile reduction above the requirement leaves no row: nothing to cut */
    curtail_scenario *s = load(
        MOBILE_HEAD
        "transport_factors:\n  china4_and_below: {NOx: 2}\n"
        "enterprises:\n"
        "  - id: e1\n    industry: other\n    grade: C\n"
        "    trucks_per_day: {china4_and_below: 30}\n    gate_monitoring: true\n"
        "    units:\n      - {id: u1, kind: other, capacity: 100, value: 10, ef: {NOx: 1}}\n");
    curtail_result *r = plan(s);
    curtail_level_result lr;
    ck_assert_double_eq(curtail_result_objective(r), 0);
    ck_assert_int_eq(curtail_result_level(r, CURTAIL_RED, &lr, NULL), CURTAIL_OK);
    ck_assert_double_eq(lr.targets[CURTAIL_NOX].required, 0);
    ck_assert_double_eq(lr.targets[CURTAIL_NOX].shadow_price, 0);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_transport_gate_warning)
{
    curtail_scenario *s = load(
        "curtail: 1\n"
        "transport_factors:\n  china4_and_below: {NOx: 0.5}\n  china6: {NOx: 0.1}\n"
        "enterprises:\n"
        "  - id: busy\n    name: 繁忙焦化\n    industry: coking\n    grade: B\n"
        "    trucks_per_day: {china4_and_below: 8, electric: 2}\n    units:\n"
        "      - {id: o1, kind: coke_oven, capacity: 1000, ef: {NOx: 0.6}, coke_oven: {}}\n"
        "  - id: gated\n    industry: coking\n    grade: B\n    gate_monitoring: true\n"
        "    trucks_per_day: {china6: 40}\n    units:\n"
        "      - {id: o1, kind: coke_oven, capacity: 1000, ef: {NOx: 0.6}, coke_oven: {}}\n"
        "  - id: quiet\n    industry: coking\n    grade: B\n"
        "    trucks_per_day: {china6: 9.5}\n    units:\n"
        "      - {id: o1, kind: coke_oven, capacity: 1000, ef: {NOx: 0.6}, coke_oven: {}}\n");
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 1);
    ck_assert_str_eq(curtail_scenario_warning(s, 0),
                     "t.yaml:10:21: warning: enterprises[0].trucks_per_day: enterprise 'busy' has "
                     "10 truck trips a day and no gate monitoring (gate_monitoring: true); the "
                     "county plan requires it from 10 a day");
    ck_assert_str_eq(curtail_scenario_warning_text(s, 0, CURTAIL_LANG_ZH),
                     "t.yaml:10:21: 警告: enterprises[0].trucks_per_day: 企业“繁忙焦化”日均货车运输10"
                     "车次，未安装门禁监控系统（gate_monitoring: true）；县方案要求日均10车次及以上"
                     "的企业安装门禁");
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_transport_builders)
{
    curtail_scenario *s = NULL;
    curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
    curtail_rule rule = CURTAIL_RULE_INIT;
    curtail_error err;
    double trucks[CURTAIL_NTRUCK_CLASSES] = {3, 0, 0, 0}, f[CURTAIL_NPOLLUTANTS] = {0, 1, 0, 0};
    curtail_transport t;
    ck_assert_int_eq(curtail_scenario_new(&s, NULL, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_set_builtin_policy(s, 0, &err), CURTAIL_OK);
    /* names, both ways */
    ck_assert_str_eq(curtail_transport_name(CURTAIL_TRANSPORT_NO_ROAD), "no_road");
    ck_assert_int_eq(curtail_transport_from_name("no_china4_heavy", &t), CURTAIL_OK);
    ck_assert_int_eq(t, CURTAIL_TRANSPORT_NO_CHINA4_HEAVY);
    ck_assert_int_eq(curtail_transport_from_name("", &t), CURTAIL_EINVAL);
    ck_assert_str_eq(curtail_truck_class_name(CURTAIL_TRUCK_ELECTRIC), "electric");
    /* trucks need an enterprise first */
    ck_assert_int_eq(curtail_scenario_set_trucks(s, trucks, 0, &err), CURTAIL_EINVAL);
    /* a transport-only rule must state a transport */
    rule.industry = CURTAIL_OTHER_INDUSTRY;
    rule.grades = 1u << CURTAIL_GRADE_C;
    rule.levels = 1u << CURTAIL_YELLOW;
    rule.has_measure = 0;
    ck_assert_int_eq(curtail_scenario_add_rule(s, &rule, &err), CURTAIL_EINPUT);
    ck_assert_str_eq(err.message, "a rule without a measure must state a transport measure");
    rule.transport = CURTAIL_TRANSPORT_NO_ROAD;
    ck_assert_int_eq(curtail_scenario_add_rule(s, &rule, &err), CURTAIL_OK);
    /* a version-1 rule (no transport fields) is still accepted */
    rule.version = 1;
    rule.has_measure = 7; /* beyond a version-1 struct: not read */
    rule.measure = CURTAIL_MEASURE_CUT;
    rule.value = 0.5;
    ck_assert_int_eq(curtail_scenario_add_rule(s, &rule, &err), CURTAIL_OK);
    e.id = "e";
    e.grade = CURTAIL_GRADE_C;
    ck_assert_int_eq(curtail_scenario_add_enterprise(s, &e, &err), CURTAIL_OK);
    trucks[1] = -1;
    ck_assert_int_eq(curtail_scenario_set_trucks(s, trucks, 0, &err), CURTAIL_EINPUT);
    trucks[1] = 0;
    ck_assert_int_eq(curtail_scenario_set_trucks(s, trucks, 0, &err), CURTAIL_OK);
    f[0] = NAN;
    ck_assert_int_eq(curtail_scenario_set_transport_factors(s, CURTAIL_TRUCK_CHINA4_AND_BELOW, f, &err),
                     CURTAIL_EINPUT);
    f[0] = 0;
    {
        curtail_unit_spec u = CURTAIL_UNIT_SPEC_INIT;
        curtail_result *r;
        double m[CURTAIL_NPOLLUTANTS];
        u.id = "u";
        u.capacity = 100;
        u.has_ef = 1;
        u.ef[CURTAIL_NOX] = 1;
        ck_assert_int_eq(curtail_scenario_add_unit(s, &u, &err), CURTAIL_OK);
        /* the China IV trips have no factor yet */
        ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_EINPUT);
        ck_assert_str_eq(err.path, "enterprises[0].trucks_per_day.china4_and_below");
        ck_assert_int_eq(
            curtail_scenario_set_transport_factors(s, CURTAIL_TRUCK_CHINA4_AND_BELOW, f, &err),
            CURTAIL_OK);
        ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
        r = plan(s);
        ck_assert_int_eq(curtail_result_transport(r, CURTAIL_YELLOW, 0), CURTAIL_TRANSPORT_NO_ROAD);
        ck_assert_int_eq(curtail_result_mobile(r, CURTAIL_YELLOW, m, NULL), CURTAIL_OK);
        ck_assert_double_eq(m[CURTAIL_NOX], 3);
        ck_assert_int_eq(curtail_result_mobile(r, CURTAIL_ORANGE, m, NULL), CURTAIL_OK);
        ck_assert_double_eq(m[CURTAIL_NOX], 0); /* no transport rule at orange */
        ck_assert_int_eq(curtail_result_transport(r, CURTAIL_ORANGE, 0), CURTAIL_TRANSPORT_UNSET);
        curtail_result_free(r);
    }
    curtail_scenario_free(s);
}
END_TEST

static Suite *transport_suite(void)
{
    Suite *s = suite_create("transport");
    TCase *core = tcase_create("core");
    TCase *errors = tcase_create("errors");
    tcase_add_test(core, test_transport_b_oven_at_yellow);
    tcase_add_test(core, test_transport_rules_apart_from_measures);
    tcase_add_test(core, test_transport_mobile_lowers_requirement);
    tcase_add_test(core, test_transport_mobile_in_schedule_segments);
    tcase_add_test(core, test_transport_mobile_beyond_requirement);
    tcase_add_test(core, test_transport_gate_warning);
    tcase_add_test(errors, test_transport_builders);
    suite_add_tcase(s, core);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(transport_suite());
    int failed;
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
