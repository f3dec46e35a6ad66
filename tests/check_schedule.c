/*
 * check_schedule.c — the episode schedule (SPEC §6) through the public API:
 * hand-computed optima with ozone-window stops and catch-up hours, segments
 * (calendar day × level), hours outside the timeline, the block form against
 * the fully hourly LP and PLAIN against AUTO, targets that cannot be met, the
 * size of the LP, and the errors.
 *
 * The hand-computed schedule (HAND below): one coating line and one kiln, a
 * 24-hour yellow day with the ozone window 10:00–18:00.
 *
 *   coat   chemical, grade D (weight 1), coating (interruptible), capacity 240,
 *          base load b = 0.5, value 100, ef VOCs 2; rule max_load 0.9 → r = 0.9
 *          V = 100·240 = 24000 yuan/d, E VOCs = 2·240 = 480 kg/d per unit load
 *   kiln   other, grade C (weight 2), capacity 100, b = 1, value 50, ef NOx 1,
 *          VOCs 1; no rule → r = 1. V = 5000, E NOx = E VOCs = 100
 *   B      VOCs 480·0.5 + 100 = 340, NOx 100 kg/d; yellow ratio VOCs 0.1 only
 *   one segment (2023-07-10, yellow, 24 h), two blocks:
 *     window  10:00–18:00, 8 h: coat lo = hi = 0 (错峰); kiln [0, 1]
 *     other   16 h: coat's cap lifted from b to r: [0, 0.9]; kiln [0, 1]
 *   Q VOCs = 0.1·340·24/24 = 34 kg
 *   cost per kg of VOCs: coat w·V/E = 24000/480 = 50, kiln 2·5000/100 = 100,
 *   so the kiln stays at 1 and the coat's other hours x take the rest:
 *     window reduction 480·(0.5 − 0)·8/24 = 80
 *     other hours      480·(0.5 − x)·16/24 = 160 − 320·x
 *     80 + 160 − 320·x = 34  →  x = 206/320 = 0.64375  (catch-up above 0.5)
 *   objective = lost value = 24000·0.5·8/24 + 24000·(0.5 − 0.64375)·16/24
 *             = 4000 − 2300 = 1700 yuan; VOCs achieved 34, shadow price 50
 *   hourly loads: coat 0.64375 at 00–09 and 18–23, 0 at 10–17; kiln 1
 *   LP columns: 2 groups × 2 blocks = 4 (hourly: 2 × 24 = 48)
 */
#define _POSIX_C_SOURCE 200809L
#include "curtail.h"
#include "testutil.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXAMPLES CURTAIL_SOURCE_DIR "/examples/"

static const char HAND[] =
    "curtail: 1\n"
    "name: hand\n"
    "builtin_policy: false\n"
    "targets: {ratios: {yellow: {VOCs: 0.1}}}\n"
    "policy:\n"
    "  - {industry: chemical, kind: coating, grades: [D], levels: [yellow], max_load: 0.9}\n"
    "enterprises:\n"
    "  - id: paint\n"
    "    industry: chemical\n"
    "    grade: D\n"
    "    units:\n"
    "      - {id: coat, kind: coating, capacity: 240, base_load: 0.5, value: 100,\n"
    "         ef: {VOCs: 2}}\n"
    "  - id: kiln\n"
    "    industry: other\n"
    "    grade: C\n"
    "    units:\n"
    "      - {id: k, kind: other, capacity: 100, value: 50, ef: {NOx: 1, VOCs: 1}}\n"
    "episode:\n"
    "  start: 2023-07-10T00:00\n"
    "  hours: 24\n"
    "  timeline: [{level: yellow, from: 2023-07-10T00:00, to: 2023-07-11T00:00}]\n"
    "  ozone: {window: \"10:00-18:00\", levels: [yellow]}\n";

/*
 * SEGMENTS: one unit (grade D, no rule: hi = b = 1, lo = 0, E PM = 240,
 * V = 2400, weight 1); B PM = 240 kg/d; ratios yellow 0.2, orange 0.3.
 *   2023-12-01 00–01 none; 02–03 yellow; 04–19 orange; 20–23 yellow
 *   2023-12-02 00–03 yellow (the entry ends at 03:30: the 03:00 hour starts
 *              inside it); 04–08 none (the next entry starts at 08:30, after
 *              the 08:00 hour's start); 09 orange; 10–23 none
 *   2023-12-03 none
 * Segments, in order of their first hour:
 *   k0 12-01 yellow 6 h (two runs, one segment): Q = 0.2·240·6/24 = 12,
 *      240·(1 − x)·6/24 = 12 → x = 0.8, loss 2400·0.2·6/24 = 120
 *   k1 12-01 orange 16 h: Q = 48, x = 0.7, loss 2400·0.3·16/24 = 480
 *   k2 12-02 yellow 4 h: x = 0.8, loss 80 (same level, another day: a segment)
 *   k3 12-02 orange 1 h: x = 0.7, loss 30
 *   objective 710; every shadow price w·V/E = 2400/240 = 10
 *   LP columns: 1 group × 4 blocks (hourly: 6 + 16 + 4 + 1 = 27 hours)
 */
static const char SEGMENTS[] =
    "curtail: 1\n"
    "builtin_policy: false\n"
    "targets: {ratios: {yellow: {PM: 0.2}, orange: {PM: 0.3}}}\n"
    "enterprises:\n"
    "  - {id: e, industry: other, grade: D, units: [{id: u, kind: other, capacity: 240,\n"
    "     value: 10, ef: {PM: 1}}]}\n"
    "episode:\n"
    "  start: 2023-12-01T00:00\n"
    "  hours: 72\n"
    "  timeline:\n"
    "    - {level: yellow, from: 2023-12-01T02:00, to: 2023-12-01T04:00}\n"
    "    - {level: orange, from: 2023-12-01T04:00, to: 2023-12-01T20:00}\n"
    "    - {level: yellow, from: 2023-12-01T20:00, to: 2023-12-02T03:30}\n"
    "    - {level: orange, from: 2023-12-02T08:30, to: 2023-12-02T10:00}\n";

/*
 * UNMET: b (grade B, not in extra.grades: pinned at its rule, cut 20 % at
 * orange and red → 0.8;
 * weight 4, V 2000, E NOx = E VOCs = 100) and d (grade D, min_load 0.5, no
 * rule; weight 1, V 1000, E NOx 100). B NOx 200, VOCs 100 kg/d. Orange
 * 2023-12-01 12:00 – 12-02 12:00: two segments of 12 h.
 *   per segment Q NOx = 0.5·200·12/24 = 50, but at most
 *   (100·0.2 + 100·0.5)·12/24 = 35: shortfall 15; Q VOCs = 5 ≤ 10 (b's rule)
 *   phase 2: every NOx emitter at its deepest cut: b 0.8, d 0.5
 *   loss per segment: 4·2000·0.2/2 + 1000·0.5/2 = 800 + 250 = 1050
 *   (lost value 200 + 250 = 450); objective 2100
 *   hours 00–11 of 12-01: no alert, base load
 */
static const char UNMET[] =
    "curtail: 1\n"
    "builtin_policy: false\n"
    "targets: {ratios: {orange: {NOx: 0.5, VOCs: 0.1}}}\n"
    "policy:\n"
    "  - {industry: other, grades: [B], levels: [orange, red], cut: 0.2}\n"
    "enterprises:\n"
    "  - {id: b, industry: other, grade: B, units: [{id: u, kind: other, capacity: 100,\n"
    "     value: 20, ef: {NOx: 1, VOCs: 1}}]}\n"
    "  - {id: d, industry: other, grade: D, units: [{id: v, kind: other, capacity: 100,\n"
    "     value: 10, min_load: 0.5, ef: {NOx: 1}}]}\n"
    "episode:\n"
    "  start: 2023-12-01T00:00\n"
    "  hours: 36\n"
    "  timeline: [{level: orange, from: 2023-12-01T12:00, to: 2023-12-02T12:00}]\n";

/* ---- helpers ------------------------------------------------------------------- */

static curtail_scenario *load_text(const char *yaml, const char *name)
{
    curtail_scenario *s = NULL;
    curtail_error err;
    int rc;
    memset(&err, 0, sizeof err);
    rc = curtail_scenario_load_buffer(&s, yaml, strlen(yaml), name, NULL, &err);
    ck_assert_msg(rc == CURTAIL_OK, "load %s failed (%d): %s:%d:%d: %s: %s", name, rc, err.file,
                  err.line, err.column, err.path, err.message);
    return s;
}

static curtail_scenario *load_path(const char *path)
{
    curtail_scenario *s = NULL;
    curtail_error err;
    int rc;
    memset(&err, 0, sizeof err);
    rc = curtail_scenario_load_file(&s, path, NULL, &err);
    ck_assert_msg(rc == CURTAIL_OK, "load %s failed (%d): %s:%d:%d: %s: %s", path, rc, err.file,
                  err.line, err.column, err.path, err.message);
    return s;
}

static curtail_result *schedule(const curtail_scenario *s, curtail_method method, int hourly)
{
    curtail_schedule_options o = CURTAIL_SCHEDULE_OPTIONS_INIT;
    curtail_result *r = NULL;
    curtail_error err;
    int rc;
    o.method = method;
    o.hourly = hourly;
    memset(&err, 0, sizeof err);
    rc = curtail_schedule_solve(s, &o, &r, &err);
    ck_assert_msg(rc == CURTAIL_OK, "schedule failed (%d): %s: %s", rc, err.path, err.message);
    ck_assert_ptr_nonnull(r);
    ck_assert(curtail_result_is_schedule(r));
    return r;
}

#define assert_near(got, want) assert_near_at((got), (want), #got, __LINE__)

static void assert_near_at(double got, double want, const char *what, int line)
{
    double scale = fabs(want) > 1 ? fabs(want) : 1;
    ck_assert_msg(fabs(got - want) <= 1e-9 * scale, "line %d: %s = %.17g, want %.17g", line,
                  what, got, want);
}

static curtail_segment_result segment(const curtail_result *r, size_t k)
{
    curtail_segment_result sg;
    curtail_error err;
    ck_assert_int_eq(curtail_result_segment(r, k, &sg, &err), CURTAIL_OK);
    return sg;
}

static void assert_label(const curtail_result *r, size_t t, const char *want)
{
    char buf[32];
    curtail_error err;
    ck_assert_int_eq(curtail_result_hour_label(r, t, buf, sizeof buf, &err), CURTAIL_OK);
    ck_assert_str_eq(buf, want);
}

/* ---- core: hand-computed schedules ------------------------------------------------ */

START_TEST(test_schedule_hand_computed_catch_up)
{
    curtail_scenario *s = load_text(HAND, "hand.yaml");
    curtail_result *r = schedule(s, CURTAIL_METHOD_AUTO, 0);
    curtail_segment_result sg;
    const double *coat, *kiln;
    size_t t;
    ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
    assert_near(curtail_result_objective(r), 1700.0);
    ck_assert_uint_eq(curtail_result_hour_count(r), 24);
    ck_assert_uint_eq(curtail_result_segment_count(r), 1);
    ck_assert_uint_eq(curtail_result_lp_columns(r), 4);
    sg = segment(r, 0);
    ck_assert_str_eq(sg.day, "2023-07-10");
    ck_assert_int_eq(sg.level, CURTAIL_YELLOW);
    ck_assert_int_eq(sg.hours, 24);
    ck_assert_int_eq(sg.status, CURTAIL_OPTIMAL);
    assert_near(sg.lost_value, 1700.0);
    assert_near(sg.weighted_loss, 1700.0);
    assert_near(sg.targets[CURTAIL_VOCS].baseline, 340.0);
    assert_near(sg.targets[CURTAIL_VOCS].required, 34.0);
    assert_near(sg.targets[CURTAIL_VOCS].achieved, 34.0);
    assert_near(sg.targets[CURTAIL_VOCS].shortfall, 0.0);
    assert_near(sg.targets[CURTAIL_VOCS].shadow_price, 50.0);
    assert_near(sg.targets[CURTAIL_NOX].baseline, 100.0);
    assert_near(sg.targets[CURTAIL_NOX].required, 0.0);
    assert_near(sg.targets[CURTAIL_NOX].achieved, 0.0);
    assert_near(sg.targets[CURTAIL_NOX].shadow_price, 0.0);
    coat = curtail_result_unit_loads(r, 0);
    kiln = curtail_result_unit_loads(r, 1);
    ck_assert_ptr_nonnull(coat);
    ck_assert_ptr_nonnull(kiln);
    for (t = 0; t < 24; t++) {
        ck_assert_int_eq(curtail_result_hour_level(r, t), CURTAIL_YELLOW);
        assert_near(coat[t], (t >= 10 && t < 18) ? 0.0 : 0.64375);
        assert_near(kiln[t], 1.0);
    }
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* The window's end may be midnight ("24:00"); a window hour is one whose start
 * lies in [from, to). The coat then stops 18:00–24:00 and catches up before. */
START_TEST(test_schedule_window_to_midnight)
{
    char *yaml = strdup(HAND);
    char *at = strstr(yaml, "\"10:00-18:00\"");
    curtail_scenario *s;
    curtail_result *r;
    const double *coat;
    size_t t;
    ck_assert_ptr_nonnull(at);
    memcpy(at, "\"18:00-24:00\"", 13);
    s = load_text(yaml, "midnight.yaml");
    r = schedule(s, CURTAIL_METHOD_PLAIN, 0);
    /* window 6 h: 480·0.5·6/24 = 60; other 18 h: 480·(0.5 − x)·18/24 = 180 − 360·x;
     * 240 − 360·x = 34 → x = 206/360; loss 24000·0.5·6/24 + 24000·(0.5 − x)·18/24
     * = 3000 + 9000 − 18000·x = 12000 − 10300 = 1700 */
    assert_near(curtail_result_objective(r), 1700.0);
    coat = curtail_result_unit_loads(r, 0);
    for (t = 0; t < 24; t++)
        assert_near(coat[t], t >= 18 ? 0.0 : 206.0 / 360.0);
    curtail_result_free(r);
    curtail_scenario_free(s);
    free(yaml);
}
END_TEST

START_TEST(test_schedule_segments_day_and_level)
{
    /* -1 outside the timeline, else the level (0 yellow, 1 orange) */
    static const int level_of[72] = {
        -1, -1, 0,  0,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1, /* 12-01 */
        1,  1,  0,  0,  0,  0,                                                 /* 18–23 */
        0,  0,  0,  0,  -1, -1, -1, -1, -1, 1,  -1, -1, -1, -1, -1, -1, -1, -1, /* 12-02 */
        -1, -1, -1, -1, -1, -1,                                                 /* 18–23 */
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, /* 12-03 */
        -1, -1, -1, -1, -1, -1};
    static const struct {
        const char *day;
        int level, hours;
        double load, loss;
    } want[4] = {{"2023-12-01", CURTAIL_YELLOW, 6, 0.8, 120},
                 {"2023-12-01", CURTAIL_ORANGE, 16, 0.7, 480},
                 {"2023-12-02", CURTAIL_YELLOW, 4, 0.8, 80},
                 {"2023-12-02", CURTAIL_ORANGE, 1, 0.7, 30}};
    curtail_scenario *s = load_text(SEGMENTS, "segments.yaml");
    curtail_result *r = schedule(s, CURTAIL_METHOD_AUTO, 0);
    const double *load = curtail_result_unit_loads(r, 0);
    size_t t, k;
    ck_assert_uint_eq(curtail_result_hour_count(r), 72);
    ck_assert_uint_eq(curtail_result_segment_count(r), 4);
    for (k = 0; k < 4; k++) {
        curtail_segment_result sg = segment(r, k);
        ck_assert_str_eq(sg.day, want[k].day);
        ck_assert_int_eq(sg.level, want[k].level);
        ck_assert_int_eq(sg.hours, want[k].hours);
        ck_assert_int_eq(sg.status, CURTAIL_OPTIMAL);
        assert_near(sg.lost_value, want[k].loss);
        assert_near(sg.weighted_loss, want[k].loss);
        assert_near(sg.targets[CURTAIL_PM].baseline, 240.0 * want[k].hours / 24);
        assert_near(sg.targets[CURTAIL_PM].achieved, sg.targets[CURTAIL_PM].required);
        assert_near(sg.targets[CURTAIL_PM].shadow_price, 10.0);
    }
    assert_near(curtail_result_objective(r), 710.0);
    for (t = 0; t < 72; t++) {
        int L = curtail_result_hour_level(r, t);
        ck_assert_msg(L == level_of[t], "hour %zu: level %d, want %d", t, L, level_of[t]);
        /* outside the timeline: base load, and no segment counted the hour */
        assert_near(load[t], L < 0 ? 1.0 : L == CURTAIL_YELLOW ? 0.8 : 0.7);
    }
    assert_label(r, 0, "2023-12-01T00:00");
    assert_label(r, 33, "2023-12-02T09:00");
    assert_label(r, 71, "2023-12-03T23:00");
    ck_assert_uint_eq(curtail_result_lp_columns(r), 4);
    curtail_result_free(r);
    r = schedule(s, CURTAIL_METHOD_PLAIN, 1);
    ck_assert_uint_eq(curtail_result_lp_columns(r), 27);
    assert_near(curtail_result_objective(r), 710.0);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_schedule_unmet_shortfall)
{
    curtail_scenario *s = load_text(UNMET, "unmet.yaml");
    curtail_result *r = schedule(s, CURTAIL_METHOD_AUTO, 0);
    const double *b = curtail_result_unit_loads(r, 0), *d = curtail_result_unit_loads(r, 1);
    size_t k, t;
    ck_assert_int_eq(curtail_result_status(r), CURTAIL_TARGETS_UNMET);
    assert_near(curtail_result_objective(r), 2100.0);
    ck_assert_uint_eq(curtail_result_segment_count(r), 2);
    for (k = 0; k < 2; k++) {
        curtail_segment_result sg = segment(r, k);
        ck_assert_str_eq(sg.day, k ? "2023-12-02" : "2023-12-01");
        ck_assert_int_eq(sg.hours, 12);
        ck_assert_int_eq(sg.status, CURTAIL_TARGETS_UNMET);
        assert_near(sg.lost_value, 450.0);
        assert_near(sg.weighted_loss, 1050.0);
        assert_near(sg.targets[CURTAIL_NOX].required, 50.0);
        assert_near(sg.targets[CURTAIL_NOX].achieved, 35.0);
        assert_near(sg.targets[CURTAIL_NOX].shortfall, 15.0);
        assert_near(sg.targets[CURTAIL_VOCS].required, 5.0);
        assert_near(sg.targets[CURTAIL_VOCS].achieved, 10.0);
        assert_near(sg.targets[CURTAIL_VOCS].shortfall, 0.0);
        assert_near(sg.targets[CURTAIL_VOCS].shadow_price, 0.0);
    }
    for (t = 0; t < 36; t++) {
        assert_near(b[t], t < 12 ? 1.0 : 0.8);
        assert_near(d[t], t < 12 ? 1.0 : 0.5);
    }
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* Blocks are exact: the block form and the fully hourly LP, PLAIN and AUTO,
 * reach the same optimum and the same shortfalls. */
static void check_forms_agree(curtail_scenario *s, const char *what)
{
    static const curtail_method methods[2] = {CURTAIL_METHOD_PLAIN, CURTAIL_METHOD_AUTO};
    curtail_result *ref = schedule(s, CURTAIL_METHOD_PLAIN, 0);
    double want = curtail_result_objective(ref), scale = fabs(want) > 1 ? fabs(want) : 1;
    size_t nseg = curtail_result_segment_count(ref), k;
    int m, hourly, p;
    ck_assert_uint_lt(curtail_result_lp_columns(ref), 1000000);
    for (m = 0; m < 2; m++)
        for (hourly = 0; hourly < 2; hourly++) {
            curtail_result *r = schedule(s, methods[m], hourly);
            double got = curtail_result_objective(r);
            ck_assert_msg(fabs(got - want) <= 1e-9 * scale,
                          "%s: method %d hourly %d: objective %.17g, want %.17g", what, m, hourly,
                          got, want);
            ck_assert_int_eq(curtail_result_status(r), curtail_result_status(ref));
            ck_assert_uint_eq(curtail_result_segment_count(r), nseg);
            for (k = 0; k < nseg; k++) {
                curtail_segment_result a = segment(r, k), b = segment(ref, k);
                ck_assert_str_eq(a.day, b.day);
                ck_assert_int_eq(a.level, b.level);
                ck_assert_int_eq(a.hours, b.hours);
                ck_assert_int_eq(a.status, b.status);
                for (p = 0; p < CURTAIL_NPOLLUTANTS; p++) {
                    double sb = fabs(b.targets[p].required) > 1 ? fabs(b.targets[p].required) : 1;
                    ck_assert_msg(fabs(a.targets[p].shortfall - b.targets[p].shortfall) <=
                                      1e-9 * sb,
                                  "%s: segment %zu pollutant %d shortfall", what, k, p);
                    ck_assert_msg(a.targets[p].achieved >= a.targets[p].required -
                                                               a.targets[p].shortfall - 1e-7 * sb,
                                  "%s: segment %zu pollutant %d below target", what, k, p);
                }
            }
            curtail_result_free(r);
        }
    curtail_result_free(ref);
}

START_TEST(test_schedule_blocks_equal_hourly)
{
    static const struct {
        const char *yaml, *name;
    } inline_cases[] = {{HAND, "hand"}, {SEGMENTS, "segments"}, {UNMET, "unmet"}};
    static const char *const files[] = {EXAMPLES "xiangyuan-winter.yaml",
                                        EXAMPLES "xiangyuan-summer.yaml",
                                        CURTAIL_TEST_DATA "/golden/schedule.yaml"};
    size_t i;
    for (i = 0; i < sizeof inline_cases / sizeof inline_cases[0]; i++) {
        curtail_scenario *s = load_text(inline_cases[i].yaml, inline_cases[i].name);
        check_forms_agree(s, inline_cases[i].name);
        curtail_scenario_free(s);
    }
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        curtail_scenario *s = load_path(files[i]);
        check_forms_agree(s, files[i]);
        curtail_scenario_free(s);
    }
}
END_TEST

/* Columns: groups × blocks for the block form, groups × hours under an alert
 * for the hourly one. The winter example: 20 load groups (31 units, 11 of
 * them followers), no ozone: one block per segment. */
START_TEST(test_schedule_lp_columns_blocks_not_hours)
{
    curtail_scenario *s = load_text(HAND, "hand.yaml");
    curtail_result *r = schedule(s, CURTAIL_METHOD_AUTO, 1);
    ck_assert_uint_eq(curtail_result_lp_columns(r), 48);
    curtail_result_free(r);
    curtail_scenario_free(s);

    s = load_path(EXAMPLES "xiangyuan-winter.yaml");
    r = schedule(s, CURTAIL_METHOD_AUTO, 0);
    /* segments 12-04 Y (6 h), 12-05 Y (12), 12-05 O (12), 12-06 O (24),
     * 12-07 O (12), 12-07 R (12), 12-08 R (12): 7 blocks, 90 alert hours */
    ck_assert_uint_eq(curtail_result_segment_count(r), 7);
    ck_assert_uint_eq(curtail_result_lp_columns(r), 20 * 7);
    curtail_result_free(r);
    r = schedule(s, CURTAIL_METHOD_PLAIN, 1);
    ck_assert_uint_eq(curtail_result_lp_columns(r), 20 * 90);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* The plan ignores the episode; the schedule of a whole day at one level
 * without ozone solves that level's plan for one day. (The plan's nesting
 * rows do not bind in this example, so its orange level is the orange
 * optimum on its own.) */
START_TEST(test_schedule_day_equals_plan_level)
{
    curtail_scenario *s = load_path(EXAMPLES "xiangyuan-winter.yaml");
    curtail_result *sched = schedule(s, CURTAIL_METHOD_AUTO, 0);
    curtail_result *plan = NULL;
    curtail_level_result lr;
    curtail_segment_result sg;
    curtail_error err;
    int p;
    ck_assert_int_eq(curtail_plan_solve(s, NULL, &plan, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_result_level(plan, CURTAIL_ORANGE, &lr, &err), CURTAIL_OK);
    sg = segment(sched, 3);
    ck_assert_str_eq(sg.day, "2023-12-06");
    ck_assert_int_eq(sg.level, CURTAIL_ORANGE);
    ck_assert_int_eq(sg.hours, 24);
    assert_near(sg.weighted_loss, lr.weighted_loss);
    for (p = 0; p < CURTAIL_NPOLLUTANTS; p++) {
        assert_near(sg.targets[p].baseline, lr.targets[p].baseline);
        assert_near(sg.targets[p].required, lr.targets[p].required);
    }
    ck_assert_int_eq(curtail_result_status(sched), CURTAIL_OPTIMAL);
    curtail_result_free(plan);
    curtail_result_free(sched);
    curtail_scenario_free(s);
}
END_TEST

/* The summer example: interruptible VOCs units stop in the window and the
 * catch-up hours of the same segment run above their base load. */
START_TEST(test_schedule_summer_example_staggers)
{
    curtail_scenario *s = load_path(EXAMPLES "xiangyuan-summer.yaml");
    curtail_result *r = schedule(s, CURTAIL_METHOD_AUTO, 0);
    size_t u, t, n = curtail_scenario_unit_count(s), hours = curtail_result_hour_count(r);
    int stopped = 0, caught_up = 0;
    ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
    ck_assert_uint_eq(hours, 72);
    for (u = 0; u < n; u++) {
        const double *x = curtail_result_unit_loads(r, u);
        int here = 0;
        for (t = 0; t < hours; t++) {
            int hour_of_day = (int)(t % 24);
            if (hour_of_day >= 10 && hour_of_day < 18 && x[t] == 0.0)
                here |= 1;
            if ((hour_of_day < 10 || hour_of_day >= 18) && x[t] > 0.6 + 1e-9 && x[t] <= 0.9)
                here |= 2;
        }
        stopped += (here & 1) != 0;
        caught_up += here == 3;
    }
    ck_assert_int_ge(stopped, 4);
    ck_assert_int_ge(caught_up, 1);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* ---- errors ----------------------------------------------------------------------- */

START_TEST(test_schedule_without_episode_is_einput)
{
    static const char yaml[] =
        "curtail: 1\n"
        "enterprises:\n"
        "  - {id: e, industry: other, units: [{id: u, kind: other, capacity: 1, ef: {PM: 1}}]}\n";
    curtail_scenario *s = load_text(yaml, "plain.yaml");
    curtail_result *r = (curtail_result *)&r;
    curtail_error err;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(curtail_schedule_solve(s, NULL, &r, &err), CURTAIL_EINPUT);
    ck_assert_ptr_null(r);
    ck_assert_int_eq(err.code, CURTAIL_EINPUT);
    ck_assert_str_eq(err.path, "episode");
    ck_assert_str_eq(err.file, "plain.yaml");
    ck_assert_str_eq(err.message, "the scenario has no episode to schedule");
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_schedule_bad_arguments_are_einval)
{
    curtail_scenario *s = load_text(HAND, "hand.yaml");
    curtail_schedule_options o = CURTAIL_SCHEDULE_OPTIONS_INIT;
    curtail_result *r = NULL, *plan = NULL;
    curtail_segment_result sg;
    curtail_error err;
    char buf[32];
    ck_assert_int_eq(curtail_schedule_solve(s, NULL, NULL, &err), CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_schedule_solve(NULL, NULL, &r, &err), CURTAIL_EINVAL);
    ck_assert_ptr_null(r);
    o.version = 99;
    ck_assert_int_eq(curtail_schedule_solve(s, &o, &r, &err), CURTAIL_EINVAL);
    o.version = CURTAIL_SCHEDULE_OPTIONS_VERSION;
    o.method = (curtail_method)7;
    ck_assert_int_eq(curtail_schedule_solve(s, &o, &r, &err), CURTAIL_EINVAL);
    ck_assert_ptr_null(r);

    r = schedule(s, CURTAIL_METHOD_AUTO, 0);
    ck_assert_int_eq(curtail_result_segment(r, 1, &sg, &err), CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_result_segment(r, 0, NULL, &err), CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_result_hour_label(r, 24, buf, sizeof buf, &err), CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_result_hour_label(r, 0, buf, 16, &err), CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_result_hour_level(r, 24), -1);
    ck_assert_ptr_null(curtail_result_unit_loads(r, 2));
    /* a schedule has no levels, a plan no hours */
    ck_assert_int_eq(curtail_result_level(r, CURTAIL_YELLOW, &(curtail_level_result){0}, &err),
                     CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_plan_solve(s, NULL, &plan, &err), CURTAIL_OK);
    ck_assert(!curtail_result_is_schedule(plan));
    ck_assert_uint_eq(curtail_result_hour_count(plan), 0);
    ck_assert_uint_eq(curtail_result_segment_count(plan), 0);
    ck_assert_ptr_null(curtail_result_unit_loads(plan, 0));
    ck_assert_int_eq(curtail_result_hour_level(plan, 0), -1);
    ck_assert(!curtail_result_is_schedule(NULL));
    ck_assert_uint_eq(curtail_result_lp_columns(NULL), 0);
    curtail_result_free(plan);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* ---- limits --------------------------------------------------------------------------- */

/* Days across a leap day and a year end: labels and segments by calendar day. */
START_TEST(test_schedule_calendar_boundaries)
{
    static const char yaml[] =
        "curtail: 1\n"
        "builtin_policy: false\n"
        "targets: {ratios: {red: {PM: 0.5}}}\n"
        "enterprises:\n"
        "  - {id: e, industry: other, grade: D, units: [{id: u, kind: other, capacity: 24,\n"
        "     value: 1, ef: {PM: 1}}]}\n"
        "episode:\n"
        "  start: 2024-02-28T22:00\n"
        "  hours: 50\n"
        "  timeline: [{level: red, from: 2024-02-28T22:00, to: 2024-03-01T00:00}]\n";
    curtail_scenario *s = load_text(yaml, "leap.yaml");
    curtail_result *r = schedule(s, CURTAIL_METHOD_AUTO, 0);
    curtail_segment_result sg;
    assert_label(r, 0, "2024-02-28T22:00");
    assert_label(r, 2, "2024-02-29T00:00");
    assert_label(r, 26, "2024-03-01T00:00");
    assert_label(r, 49, "2024-03-01T23:00");
    ck_assert_uint_eq(curtail_result_segment_count(r), 2);
    sg = segment(r, 0);
    ck_assert_str_eq(sg.day, "2024-02-28");
    ck_assert_int_eq(sg.hours, 2);
    sg = segment(r, 1);
    ck_assert_str_eq(sg.day, "2024-02-29");
    ck_assert_int_eq(sg.hours, 24);
    /* 24·(1 − x) = 0.5·24 → x = 0.5 in both; loss 24·0.5·26/24 = 13 */
    assert_near(curtail_result_objective(r), 13.0);
    ck_assert_int_eq(curtail_result_hour_level(r, 26), -1);
    curtail_result_free(r);
    curtail_scenario_free(s);
    {
        static const char ny[] =
            "curtail: 1\n"
            "enterprises:\n"
            "  - {id: e, industry: other, units: [{id: u, kind: other, capacity: 1,\n"
            "     ef: {PM: 1}}]}\n"
            "episode: {start: 2023-12-31T23:00, hours: 2}\n";
        s = load_text(ny, "newyear.yaml");
        r = schedule(s, CURTAIL_METHOD_AUTO, 0);
        assert_label(r, 0, "2023-12-31T23:00");
        assert_label(r, 1, "2024-01-01T00:00");
        /* no timeline: no segment, nothing to solve, base load throughout */
        ck_assert_uint_eq(curtail_result_segment_count(r), 0);
        ck_assert_uint_eq(curtail_result_lp_columns(r), 0);
        assert_near(curtail_result_objective(r), 0.0);
        assert_near(curtail_result_unit_loads(r, 0)[1], 1.0);
        curtail_result_free(r);
        curtail_scenario_free(s);
    }
}
END_TEST

/* The longest horizon (a leap year of hours) with a month-long alert: one
 * block per day, so the LP stays small; the hourly form is 744 columns. */
START_TEST(test_schedule_longest_horizon)
{
    static const char yaml[] =
        "curtail: 1\n"
        "builtin_policy: false\n"
        "targets: {ratios: {orange: {NOx: 0.25}}}\n"
        "enterprises:\n"
        "  - {id: e, industry: other, grade: D, units: [{id: u, kind: other, capacity: 24,\n"
        "     value: 2, ef: {NOx: 1}}]}\n"
        "episode:\n"
        "  start: 2024-01-01T00:00\n"
        "  hours: 8784\n"
        "  timeline: [{level: orange, from: 2024-12-01T00:00, to: 2025-01-01T00:00}]\n";
    curtail_scenario *s = load_text(yaml, "year.yaml");
    curtail_result *r = schedule(s, CURTAIL_METHOD_AUTO, 0);
    ck_assert_uint_eq(curtail_result_hour_count(r), 8784);
    ck_assert_uint_eq(curtail_result_segment_count(r), 31);
    /* one block per day */
    ck_assert_uint_eq(curtail_result_lp_columns(r), 31);
    /* 31 days × 2·24·0.25 = 372 */
    assert_near(curtail_result_objective(r), 372.0);
    assert_label(r, 8783, "2024-12-31T23:00");
    curtail_result_free(r);
    r = schedule(s, CURTAIL_METHOD_AUTO, 1);
    ck_assert_uint_eq(curtail_result_lp_columns(r), 744);
    assert_near(curtail_result_objective(r), 372.0);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("schedule");
    TCase *core = tcase_create("core");
    TCase *errors = tcase_create("errors");
    TCase *limits = tcase_create("limits");
    SRunner *sr;
    int failed;

    tcase_add_test(core, test_schedule_hand_computed_catch_up);
    tcase_add_test(core, test_schedule_window_to_midnight);
    tcase_add_test(core, test_schedule_segments_day_and_level);
    tcase_add_test(core, test_schedule_unmet_shortfall);
    tcase_add_test(core, test_schedule_blocks_equal_hourly);
    tcase_add_test(core, test_schedule_lp_columns_blocks_not_hours);
    tcase_add_test(core, test_schedule_day_equals_plan_level);
    tcase_add_test(core, test_schedule_summer_example_staggers);
    tcase_set_timeout(core, 120);
    suite_add_tcase(su, core);

    tcase_add_test(errors, test_schedule_without_episode_is_einput);
    tcase_add_test(errors, test_schedule_bad_arguments_are_einval);
    suite_add_tcase(su, errors);

    tcase_add_test(limits, test_schedule_calendar_boundaries);
    tcase_add_test(limits, test_schedule_longest_horizon);
    tcase_set_timeout(limits, 120);
    suite_add_tcase(su, limits);

    sr = srunner_create(su);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
