/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_schedule.c — the episode schedule (SPEC §6) through the public API:
 * the plan's list rendered hour by hour, hand-computed: the ozone window with
 * shifted output (capped and uncapped), a segment wholly inside the window,
 * the coke-oven ramp (ramp_h 4, its default, and 0), segments (calendar day ×
 * level), hours outside the timeline, targets the plan cannot meet; on
 * generated episodes, that no hour runs above its level's list load except
 * shifted output and that the list nests; the schedule's `list` against the
 * plan's `levels`, byte for byte; and the errors.
 *
 * The hand-computed schedule (HAND below): one coating line and one kiln, a
 * 24-hour yellow day with the ozone window 10:00–18:00.
 *
 *   coat   chemical, grade D (weight 1), coating (interruptible), capacity 240,
 *          base load b = 0.5, value 100, ef VOCs 2; rule max_load 0.9 → r = 0.9,
 *          hi = min(b, r) = 0.5; V = 24000 yuan/d, E VOCs = 480 kg/d per unit load
 *   kiln   other, grade C (weight 2), capacity 100, b = 1, value 50, ef NOx 1,
 *          VOCs 1; no rule. V = 5000, E NOx = E VOCs = 100
 *   B      VOCs 480·0.5 + 100 = 340, NOx 100 kg/d; yellow ratio VOCs 0.1 only
 *   the plan at yellow: Q VOCs = 34; the coat is the cheaper VOCs source
 *          (24000/480 = 50 yuan per kg against the kiln's 2·5000/100 = 100):
 *          480·(0.5 − x) = 34 → x = 103/240 = 0.429166…; the kiln stays at 1
 *   the day: H = 24, W = 8; c = the coat's rule bound 0.9 (≥ x)
 *     window hours 10–17: 0
 *     other hours: min(0.9, x·24/16) = 103/160 = 0.64375 (above b: shifted)
 *   VOCs achieved 480·0.5·8/24 + 480·(0.5 − 0.64375)·16/24 = 80 − 46 = 34
 *   objective = lost value = 24000·(0.5·8 − 0.14375·16)/24 = 1700 yuan
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
 * V = 2400, weight 1); B PM = 240 kg/d; ratios yellow 0.2, orange 0.3, red
 * the default 0.3: the list is 0.8 at yellow, 0.7 at orange and red.
 *   2023-12-01 00–01 none; 02–03 yellow; 04–19 orange; 20–23 yellow
 *   2023-12-02 00–03 yellow (the entry ends at 03:30: the 03:00 hour starts
 *              inside it); 04–08 none (the next entry starts at 08:30, after
 *              the 08:00 hour's start); 09 orange; 10–23 none
 *   2023-12-03 none
 * Segments, in order of their first hour:
 *   k0 12-01 yellow 6 h (two runs, one segment): Q = 0.2·240·6/24 = 12,
 *      240·(1 − 0.8)·6/24 = 12, loss 2400·0.2·6/24 = 120
 *   k1 12-01 orange 16 h: Q = 48 = 240·0.3·16/24, loss 2400·0.3·16/24 = 480
 *   k2 12-02 yellow 4 h: loss 80 (same level, another day: a segment)
 *   k3 12-02 orange 1 h: loss 30
 *   objective 710
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
 * orange and red → 0.8; weight 4, V 2000, E NOx = E VOCs = 100) and d (grade
 * D, min_load 0.5, no rule; weight 1, V 1000, E NOx 100). B NOx 200, VOCs
 * 100 kg/d. The plan cannot meet orange NOx (Q = 100, at most 20 + 50 = 70):
 * every NOx emitter at its deepest cut, b 0.8, d 0.5.
 * Orange 2023-12-01 12:00 – 12-02 12:00: two segments of 12 h.
 *   per segment Q NOx = 0.5·200·12/24 = 50, achieved (20 + 50)·12/24 = 35:
 *   shortfall 15; Q VOCs = 5, achieved 20·12/24 = 10
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

/*
 * RAMP: a coke oven (grade C, not in extra.grades: pinned at its rule) that
 * stops (焖炉) at red, with a byproduct plant following it. No targets.
 *   oven   capacity 240, b = 1, value 10 (V = 2400, weight 2), ef NOx 1;
 *          coking_time_h 4 (max 80, so min_load 0.05), ramp_h RAMP_H
 *   the list: yellow and orange 1 (no rule), red 0 (stop)
 *   red 2023-12-01 08:00–12:00 in a 24-hour horizon from 00:00.
 *   ramp_h 4: slope b/R = 0.25 per hour; the largest curve under ℓ:
 *     hour   0–4  5     6    7     8–11  12    13   14    15–23
 *     load   1    0.75  0.5  0.25  0     0.25  0.5  0.75  1
 *   (lead-in before red, recovery after); Σ(b − load) = 1.5 + 4 + 1.5 = 7,
 *   objective 2·2400·7/24 = 1400, of which red 2·2400·4/24 = 800 (lost 400,
 *   NOx achieved 240·4/24 = 40); the ramp outside the alert costs 600.
 *   ramp_h 0: loads are ℓ, objective 800. Without ramp_h: the coking time, 4.
 */
static const char RAMP[] =
    "curtail: 1\n"
    "name: ramp\n"
    "builtin_policy: false\n"
    "targets: {ratios: {yellow: {}, orange: {}, red: {}}}\n"
    "extra: {grades: []}\n"
    "policy:\n"
    "  - {industry: coking, kind: coke_oven, grades: [C], levels: [red], stop: true}\n"
    "enterprises:\n"
    "  - id: hx\n"
    "    name: 示例焦化\n"
    "    industry: coking\n"
    "    grade: C\n"
    "    units:\n"
    "      - {id: oven, name: 1# 焦炉, kind: coke_oven, capacity: 240, value: 10,\n"
    "         ef: {NOx: 1}, coke_oven: {coking_time_h: 4, max_coking_time_h: 80RAMP_H}}\n"
    "      - {id: chem, name: 化产回收, kind: byproduct, capacity: 240, follows: oven,\n"
    "         ef: {VOCs: 0.1}}\n"
    "episode:\n"
    "  start: 2023-12-01T00:00\n"
    "  hours: 24\n"
    "  timeline: [{level: red, from: 2023-12-01T08:00, to: 2023-12-01T12:00}]\n";

/* ---- helpers ------------------------------------------------------------------- */

/* `text` with every "RAMP_H" replaced by `with` (malloc'd). */
static char *with_ramp(const char *text, const char *with)
{
    const char *at = strstr(text, "RAMP_H");
    size_t n = strlen(text), w = strlen(with);
    char *out = malloc(n + w + 1);
    ck_assert_ptr_nonnull(at);
    memcpy(out, text, (size_t)(at - text));
    memcpy(out + (at - text), with, w);
    strcpy(out + (at - text) + w, at + 6);
    return out;
}

static curtail_result *schedule(const curtail_scenario *s, curtail_method method)
{
    curtail_schedule_options o = CURTAIL_SCHEDULE_OPTIONS_INIT;
    curtail_result *r = NULL;
    curtail_error err;
    int rc;
    o.method = method;
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

static double list_load(const curtail_result *r, int level, size_t u)
{
    curtail_unit_result ur;
    curtail_error err;
    ck_assert_int_eq(curtail_result_unit(r, (curtail_level)level, u, &ur, &err), CURTAIL_OK);
    return ur.load;
}

static void assert_label(const curtail_result *r, size_t t, const char *want)
{
    char buf[32];
    curtail_error err;
    ck_assert_int_eq(curtail_result_hour_label(r, t, buf, sizeof buf, &err), CURTAIL_OK);
    ck_assert_str_eq(buf, want);
}

/* The line of a long-form schedule CSV that starts with `prefix`, up to its
 * seventh field (hour, level, enterprise, unit, load, measure). */
static void assert_csv_row(const char *csv, const char *prefix, const char *want)
{
    const char *at = strstr(csv, prefix), *end;
    size_t n;
    int commas = 0;
    ck_assert_msg(at != NULL, "no row %s", prefix);
    for (end = at; *end && *end != '\n' && commas < 6; end++)
        commas += *end == ',';
    n = (size_t)(end - at) - 1;
    ck_assert_msg(strlen(want) == n && memcmp(at, want, n) == 0, "row %.*s, want %s", (int)n, at,
                  want);
}

/* ---- core: hand-computed schedules ------------------------------------------------ */

START_TEST(test_schedule_ozone_day_shifted_output)
{
    curtail_scenario *s = tu_load_yaml(HAND, "hand.yaml");
    curtail_result *r = schedule(s, CURTAIL_METHOD_AUTO);
    curtail_segment_result sg;
    const double *coat, *kiln;
    size_t t;
    ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
    assert_near(list_load(r, CURTAIL_YELLOW, 0), 103.0 / 240.0);
    assert_near(list_load(r, CURTAIL_YELLOW, 1), 1.0);
    assert_near(curtail_result_objective(r), 1700.0);
    ck_assert_uint_eq(curtail_result_hour_count(r), 24);
    ck_assert_uint_eq(curtail_result_segment_count(r), 1);
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
    assert_near(sg.targets[CURTAIL_VOCS].shadow_price, 0.0);
    assert_near(sg.targets[CURTAIL_NOX].baseline, 100.0);
    assert_near(sg.targets[CURTAIL_NOX].required, 0.0);
    assert_near(sg.targets[CURTAIL_NOX].achieved, 0.0);
    coat = curtail_result_unit_loads(r, 0);
    kiln = curtail_result_unit_loads(r, 1);
    ck_assert_ptr_nonnull(coat);
    ck_assert_ptr_nonnull(kiln);
    for (t = 0; t < 24; t++) {
        ck_assert_int_eq(curtail_result_hour_level(r, t), CURTAIL_YELLOW);
        assert_near(coat[t], (t >= 10 && t < 18) ? 0.0 : 103.0 / 160.0);
        assert_near(kiln[t], 1.0);
    }
    /* what each hour requires, in the CSV's measure column */
    {
        char *csv = tu_write_mem(r, CURTAIL_FORMAT_CSV, CURTAIL_LANG_ZH);
        assert_csv_row(csv, "2023-07-10T09:00,黄色,paint,coat,",
                       "2023-07-10T09:00,黄色,paint,coat,64.37,错时生产，负荷不高于64.37%");
        assert_csv_row(csv, "2023-07-10T10:00,黄色,paint,coat,",
                       "2023-07-10T10:00,黄色,paint,coat,0.00,10:00–18:00 停止涉VOCs工序（错时生产）");
        assert_csv_row(csv, "2023-07-10T10:00,黄色,kiln,k,",
                       "2023-07-10T10:00,黄色,kiln,k,100.00,本级别无停限产要求");
        free(csv);
        csv = tu_write_mem(r, CURTAIL_FORMAT_CSV, CURTAIL_LANG_EN);
        assert_csv_row(csv, "2023-07-10T18:00,Yellow,paint,coat,",
                       "2023-07-10T18:00,Yellow,paint,coat,64.37,shifted production; load at most 64.37%");
        assert_csv_row(csv, "2023-07-10T17:00,Yellow,paint,coat,",
                       "2023-07-10T17:00,Yellow,paint,coat,0.00,VOCs processes stopped 10:00–18:00 (shifted production)");
        free(csv);
    }
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* The shift is capped by c, the rule's bound: with the window 06:00–22:00
 * (W = 16), x·24/8 = 1.2875 > 0.9, so the other 8 hours run at 0.9.
 * VOCs achieved 480·0.5·16/24 + 480·(0.5 − 0.9)·8/24 = 160 − 64 = 96 ≥ 34;
 * loss 24000·(0.5·16 − 0.4·8)/24 = 4800. */
START_TEST(test_schedule_shift_capped_by_rule)
{
    char *yaml = strdup(HAND);
    char *at = strstr(yaml, "\"10:00-18:00\"");
    curtail_scenario *s;
    curtail_result *r;
    const double *coat;
    size_t t;
    ck_assert_ptr_nonnull(at);
    memcpy(at, "\"06:00-22:00\"", 13);
    s = tu_load_yaml(yaml, "capped.yaml");
    r = schedule(s, CURTAIL_METHOD_PLAIN);
    coat = curtail_result_unit_loads(r, 0);
    for (t = 0; t < 24; t++)
        assert_near(coat[t], (t >= 6 && t < 22) ? 0.0 : 0.9);
    assert_near(segment(r, 0).targets[CURTAIL_VOCS].achieved, 96.0);
    assert_near(curtail_result_objective(r), 4800.0);
    curtail_result_free(r);
    curtail_scenario_free(s);
    free(yaml);
}
END_TEST

/* A segment wholly inside the window (H = W): yellow 10:00–14:00 only, so
 * there is no other hour to shift to: the coat is 0 in its 4 hours and at
 * base load 0.5 outside the alert. VOCs achieved 480·0.5·4/24 = 40 against
 * 0.1·340·4/24 = 17/3; loss 24000·0.5·4/24 = 2000. */
START_TEST(test_schedule_segment_all_window)
{
    char *yaml = strdup(HAND);
    char *at = strstr(yaml, "from: 2023-07-10T00:00, to: 2023-07-11T00:00");
    curtail_scenario *s;
    curtail_result *r;
    curtail_segment_result sg;
    const double *coat;
    size_t t;
    ck_assert_ptr_nonnull(at);
    memcpy(at, "from: 2023-07-10T10:00, to: 2023-07-10T14:00", 44);
    s = tu_load_yaml(yaml, "allwindow.yaml");
    r = schedule(s, CURTAIL_METHOD_AUTO);
    ck_assert_uint_eq(curtail_result_segment_count(r), 1);
    sg = segment(r, 0);
    ck_assert_int_eq(sg.hours, 4);
    assert_near(sg.targets[CURTAIL_VOCS].required, 17.0 / 3.0);
    assert_near(sg.targets[CURTAIL_VOCS].achieved, 40.0);
    assert_near(sg.lost_value, 2000.0);
    coat = curtail_result_unit_loads(r, 0);
    for (t = 0; t < 24; t++)
        assert_near(coat[t], (t >= 10 && t < 14) ? 0.0 : 0.5);
    assert_near(curtail_result_objective(r), 2000.0);
    curtail_result_free(r);
    curtail_scenario_free(s);
    free(yaml);
}
END_TEST

static const double RAMP4[24] = {1,    1,    1,    1, 1, 0.75, 0.5, 0.25, 0, 0, 0, 0,
                                 0.25, 0.5,  0.75, 1, 1, 1,    1,   1,    1, 1, 1, 1};

static void check_ramp(const char *ramp_h, const double *want, double objective)
{
    char *yaml = with_ramp(RAMP, ramp_h);
    curtail_scenario *s = tu_load_yaml(yaml, "ramp.yaml");
    curtail_result *r = schedule(s, CURTAIL_METHOD_AUTO);
    const double *oven = curtail_result_unit_loads(r, 0), *chem = curtail_result_unit_loads(r, 1);
    curtail_segment_result sg;
    size_t t;
    for (t = 0; t < 24; t++) {
        ck_assert_msg(fabs(oven[t] - want[t]) <= 1e-12, "ramp_h%s: hour %zu load %.17g, want %g",
                      ramp_h, t, oven[t], want[t]);
        ck_assert(chem[t] == oven[t]);
    }
    ck_assert_uint_eq(curtail_result_segment_count(r), 1);
    sg = segment(r, 0);
    ck_assert_int_eq(sg.level, CURTAIL_RED);
    assert_near(sg.lost_value, 400.0);
    assert_near(sg.weighted_loss, 800.0);
    assert_near(sg.targets[CURTAIL_NOX].achieved, 40.0);
    assert_near(curtail_result_objective(r), objective);
    curtail_result_free(r);
    curtail_scenario_free(s);
    free(yaml);
}

START_TEST(test_schedule_ramp_stop_at_red)
{
    static const double none[24] = {1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0,
                                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    check_ramp(", ramp_h: 4", RAMP4, 1400.0);
    /* the default is the normal coking time, 4 h here */
    check_ramp("", RAMP4, 1400.0);
    /* ramp_h 0: the level loads themselves */
    check_ramp(", ramp_h: 0", none, 800.0);
}
END_TEST

/* The ramp's hours say what they require: lead-in, hot idle, recovery. */
START_TEST(test_schedule_ramp_texts)
{
    char *yaml = with_ramp(RAMP, ", ramp_h: 4");
    curtail_scenario *s = tu_load_yaml(yaml, "ramp.yaml");
    curtail_result *r = schedule(s, CURTAIL_METHOD_AUTO);
    char *csv = tu_write_mem(r, CURTAIL_FORMAT_CSV, CURTAIL_LANG_ZH), *md;
    assert_csv_row(csv, "2023-12-01T04:00,,示例焦化,1# 焦炉,",
                   "2023-12-01T04:00,,示例焦化,1# 焦炉,100.00,无预警，正常生产");
    assert_csv_row(csv, "2023-12-01T05:00,,示例焦化,1# 焦炉,",
                   "2023-12-01T05:00,,示例焦化,1# 焦炉,75.00,焖炉前逐步减少装煤（3 小时内降至0%），负荷不高于75%");
    assert_csv_row(csv, "2023-12-01T07:00,,示例焦化,1# 焦炉,",
                   "2023-12-01T07:00,,示例焦化,1# 焦炉,25.00,焖炉前逐步减少装煤（1 小时内降至0%），负荷不高于25%");
    assert_csv_row(csv, "2023-12-01T08:00,红色,示例焦化,1# 焦炉,",
                   "2023-12-01T08:00,红色,示例焦化,1# 焦炉,0.00,焖炉保温");
    assert_csv_row(csv, "2023-12-01T13:00,,示例焦化,1# 焦炉,",
                   "2023-12-01T13:00,,示例焦化,1# 焦炉,50.00,焖炉后逐步恢复生产，负荷不高于50%");
    assert_csv_row(csv, "2023-12-01T06:00,,示例焦化,化产回收,",
                   "2023-12-01T06:00,,示例焦化,化产回收,50.00,随1# 焦炉逐步减产，负荷不高于50%");
    assert_csv_row(csv, "2023-12-01T14:00,,示例焦化,化产回收,",
                   "2023-12-01T14:00,,示例焦化,化产回收,75.00,随1# 焦炉逐步恢复生产，负荷不高于75%");
    free(csv);
    csv = tu_write_mem(r, CURTAIL_FORMAT_CSV, CURTAIL_LANG_EN);
    assert_csv_row(csv, "2023-12-01T06:00,,示例焦化,1# 焦炉,",
                   "2023-12-01T06:00,,示例焦化,1# 焦炉,50.00,reduce coal charging gradually before hot idle (down to 0% within 2 h); load at most 50%");
    assert_csv_row(csv, "2023-12-01T12:00,,示例焦化,1# 焦炉,",
                   "2023-12-01T12:00,,示例焦化,1# 焦炉,25.00,resume production gradually after hot idle; load at most 25%");
    free(csv);
    /* Markdown: runs with full dates, the ramp explained */
    md = tu_write_mem(r, CURTAIL_FORMAT_MD, CURTAIL_LANG_ZH);
    ck_assert_ptr_nonnull(strstr(md, "预警时段：2023-12-01 08:00 至 2023-12-01 12:00 红色。\n"));
    ck_assert_ptr_nonnull(strstr(md, "排程时段：2023-12-01 00:00 至 2023-12-02 00:00（共 24 小时）。\n"));
    ck_assert_ptr_nonnull(strstr(md, "焦炉负荷逐步调整"));
    /* a ramp's hours are one run, each hour with its cap */
    ck_assert_msg(strstr(md, "| 1 | 示例焦化 | 1# 焦炉 | 100% | 红色：焖炉保温 | 12-01 00:00 至 "
                             "12-01 05:00 100%：无预警，正常生产<br>12-01 05:00 至 12-01 08:00 "
                             "75%→25%：焖炉前逐步减少装煤（3 小时内降至0%），各小时负荷依次不高于"
                             "75%、50%、25%<br>12-01 08:00 至 12-01 12:00 红色 0%：焖炉保温<br>"
                             "12-01 12:00 至 12-01 15:00 25%→75%：焖炉后逐步恢复生产，各小时负荷"
                             "依次不高于25%、50%、75%<br>12-01 15:00 至 12-02 00:00 100%：无预警，"
                             "正常生产 |\n") != NULL,
                  "%s", md);
    free(md);
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
        double loss;
    } want[4] = {{"2023-12-01", CURTAIL_YELLOW, 6, 120},
                 {"2023-12-01", CURTAIL_ORANGE, 16, 480},
                 {"2023-12-02", CURTAIL_YELLOW, 4, 80},
                 {"2023-12-02", CURTAIL_ORANGE, 1, 30}};
    curtail_scenario *s = tu_load_yaml(SEGMENTS, "segments.yaml");
    curtail_result *r = schedule(s, CURTAIL_METHOD_AUTO);
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
        assert_near(sg.targets[CURTAIL_PM].shortfall, 0.0);
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
    /* the only LP is the plan's: one group, three levels */
    ck_assert_uint_eq(curtail_result_lp_columns(r), 3);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* Shortfalls only where the plan's own targets are unmet. */
START_TEST(test_schedule_unmet_shortfall)
{
    curtail_scenario *s = tu_load_yaml(UNMET, "unmet.yaml");
    curtail_result *r = schedule(s, CURTAIL_METHOD_AUTO);
    const double *b = curtail_result_unit_loads(r, 0), *d = curtail_result_unit_loads(r, 1);
    curtail_level_result lr;
    curtail_error err;
    size_t k, t;
    ck_assert_int_eq(curtail_result_status(r), CURTAIL_TARGETS_UNMET);
    ck_assert_int_eq(curtail_result_level(r, CURTAIL_ORANGE, &lr, &err), CURTAIL_OK);
    ck_assert_int_eq(lr.status, CURTAIL_TARGETS_UNMET);
    assert_near(lr.targets[CURTAIL_NOX].shortfall, 30.0);
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
    }
    for (t = 0; t < 36; t++) {
        assert_near(b[t], t < 12 ? 1.0 : 0.8);
        assert_near(d[t], t < 12 ? 1.0 : 0.5);
    }
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* ---- the list -------------------------------------------------------------------------- */

/* The array after `key` in a JSON result, through its closing "  ]". */
static char *json_array(const char *json, const char *key)
{
    const char *at = strstr(json, key), *end;
    ck_assert_msg(at != NULL, "no %s", key);
    at += strlen(key);
    end = strstr(at, "\n  ],\n");
    ck_assert_ptr_nonnull(end);
    return strndup(at, (size_t)(end - at) + 5);
}

START_TEST(test_schedule_list_is_plan_levels)
{
    static const char *const files[] = {EXAMPLES "xiangyuan-winter.yaml",
                                        EXAMPLES "xiangyuan-summer.yaml",
                                        CURTAIL_TEST_DATA "/golden/schedule.yaml"};
    static const curtail_lang langs[2] = {CURTAIL_LANG_DEFAULT, CURTAIL_LANG_EN};
    size_t i, j;
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        curtail_scenario *s = tu_load_file(files[i]);
        curtail_result *sched = schedule(s, CURTAIL_METHOD_AUTO), *plan = NULL;
        curtail_error err;
        ck_assert_int_eq(curtail_plan_solve(s, NULL, &plan, &err), CURTAIL_OK);
        for (j = 0; j < 2; j++) {
            char *pj = tu_write_mem(plan, CURTAIL_FORMAT_JSON, langs[j]);
            char *sj = tu_write_mem(sched, CURTAIL_FORMAT_JSON, langs[j]);
            char *levels = json_array(pj, "\n  \"levels\": ");
            char *list = json_array(sj, "\n  \"list\": ");
            ck_assert_uint_gt(strlen(levels), 100);
            ck_assert_msg(strcmp(levels, list) == 0, "%s: list differs from the plan's levels",
                          files[i]);
            free(levels);
            free(list);
            free(pj);
            free(sj);
        }
        curtail_result_free(plan);
        curtail_result_free(sched);
        curtail_scenario_free(s);
    }
}
END_TEST

/* ---- generated episodes ------------------------------------------------------------------ */

static unsigned lcg(unsigned *state)
{
    *state = *state * 1103515245u + 12345u;
    return (*state >> 16) & 0x7fff;
}

/* A random scenario with a 72-hour episode; which units the ozone window
 * stops goes into stoppable[] (a coating line of a grade other than A). */
static void generate(unsigned seed, char *buf, size_t size, int *stoppable, size_t *nunits)
{
    static const char *const grades[5] = {"A", "B", "C", "D", "non-leading"};
    static const char *const levels[3] = {"yellow", "orange", "red"};
    unsigned st = seed;
    size_t len = 0, e, ne = 3 + lcg(&st) % 6;
    int L, hour = (int)(lcg(&st) % 12), k;
#define PUT(...) len += (size_t)snprintf(buf + len, size - len, __VA_ARGS__)
    *nunits = 0;
    PUT("curtail: 1\nname: gen %u\ntargets:\n  ratios:\n", seed);
    for (L = 0; L < 3; L++)
        PUT("    %s: {SO2: %.2f, NOx: %.2f, PM: %.2f, VOCs: %.2f}\n", levels[L],
            0.05 * (L + 1) + 0.01 * (lcg(&st) % 5), 0.05 * (L + 1) + 0.01 * (lcg(&st) % 5),
            0.05 * (L + 1), 0.04 * (L + 1) + 0.01 * (lcg(&st) % 4));
    PUT("extra: {grades: [C, D, non-leading]}\nenterprises:\n");
    for (e = 0; e < ne; e++) {
        const char *grade = grades[lcg(&st) % 5];
        int ind = (int)(lcg(&st) % 3);
        if (ind == 0) {
            static const char *const ramps[4] = {"", ", ramp_h: 0", ", ramp_h: 3",
                                                 ", ramp_h: 10"};
            PUT("  - {id: c%zu, industry: coking, grade: %s, units: [\n"
                "      {id: oven, kind: coke_oven, capacity: %u, value: 300, ef: {SO2: 0.07, "
                "NOx: 0.6, PM: 0.04, VOCs: 0.3},\n"
                "       coke_oven: {height_m: 6, quenching: dry, coking_time_h: 22%s}},\n"
                "      {id: chem, kind: byproduct, capacity: 1000, follows: oven, ef: {VOCs: "
                "0.2}}]}\n",
                e, grade, 500 + lcg(&st) % 2000, ramps[lcg(&st) % 4]);
            stoppable[(*nunits)++] = 0;
            stoppable[(*nunits)++] = 0;
        } else if (ind == 1) {
            PUT("  - {id: p%zu, industry: chemical, grade: %s, units: [\n"
                "      {id: coat, kind: coating, capacity: %u, base_load: 0.%u, value: 50, ef: "
                "{VOCs: 1.5}},\n"
                "      {id: reac, kind: reactor, capacity: 100, value: 80, ef: {NOx: 0.3, VOCs: "
                "0.5}}]}\n",
                e, grade, 50 + lcg(&st) % 300, 5 + lcg(&st) % 5);
            stoppable[(*nunits)++] = grade[0] != 'A';
            stoppable[(*nunits)++] = 0;
        } else {
            PUT("  - {id: o%zu, industry: other, grade: %s, units: [{id: kiln, kind: other, "
                "capacity: %u, value: 20, ef: {NOx: 0.8, PM: 0.3}}]}\n",
                e, grade, 100 + lcg(&st) % 500);
            stoppable[(*nunits)++] = 0;
        }
    }
    PUT("episode:\n  start: 2023-07-01T00:00\n  hours: 72\n  timeline:\n");
    for (k = 0; k < 3 && hour < 70; k++) {
        int len_h = 3 + (int)(lcg(&st) % 30), to = hour + len_h > 72 ? 72 : hour + len_h;
        PUT("    - {level: %s, from: 2023-07-%02dT%02d:00, to: 2023-07-%02dT%02d:00}\n",
            levels[lcg(&st) % 3], 1 + hour / 24, hour % 24, 1 + to / 24, to % 24);
        hour = to + (int)(lcg(&st) % 6);
    }
    PUT("  ozone: {window: \"10:00-18:00\", levels: [%s]}\n",
        lcg(&st) % 2 ? "yellow, orange, red" : "orange, red");
#undef PUT
    ck_assert_uint_lt(len, size);
}

START_TEST(test_schedule_generated_never_above_list)
{
    unsigned seed;
    char *buf = malloc(65536);
    size_t shifted = 0, below = 0, unmet = 0;
    for (seed = 1; seed <= 40; seed++) {
        int stoppable[32];
        size_t n, u, t, k;
        curtail_scenario *s;
        curtail_result *r;
        char name[32];
        generate(seed, buf, 65536, stoppable, &n);
        snprintf(name, sizeof name, "gen%u.yaml", seed);
        s = tu_load_yaml(buf, name);
        r = schedule(s, CURTAIL_METHOD_AUTO);
        ck_assert_uint_eq(curtail_scenario_unit_count(s), n);
        for (u = 0; u < n; u++) {
            const double *load = curtail_result_unit_loads(r, u);
            double x[3];
            int L;
            for (L = 0; L < 3; L++)
                x[L] = list_load(r, L, u);
            /* the list nests: red ≤ orange ≤ yellow (up to the plan's b − y
             * round-off: seed 29 has 0.18200000000000016 / …27 / …38) */
            ck_assert_msg(x[2] <= x[1] + 1e-12 && x[1] <= x[0] + 1e-12, "seed %u unit %zu: list %.17g %.17g %.17g", seed,
                          u, x[0], x[1], x[2]);
            for (t = 0; t < 72; t++) {
                int level = curtail_result_hour_level(r, t), hod = (int)(t % 24);
                int window = level >= CURTAIL_ORANGE && hod >= 10 && hod < 18;
                double cap;
                size_t h = 0, w = 0, t2;
                curtail_unit_result ur;
                curtail_error err;
                ck_assert(load[t] >= 0.0);
                if (level < 0) {
                    ck_assert_int_eq(curtail_result_unit(r, CURTAIL_YELLOW, u, &ur, &err), 0);
                    ck_assert_msg(load[t] <= ur.base_load, "seed %u unit %zu hour %zu", seed, u, t);
                    continue;
                }
                if (strstr(buf, "levels: [yellow, orange, red]"))
                    window = hod >= 10 && hod < 18;
                if (stoppable[u] && window && x[level] > 0)
                    ck_assert_msg(load[t] == 0.0, "seed %u unit %zu hour %zu: window", seed, u, t);
                below += load[t] < x[level] && !window;
                if (load[t] <= x[level])
                    continue;
                shifted++;
                /* above the list: only shifted output, in a segment with a window */
                ck_assert_msg(stoppable[u] && !window, "seed %u unit %zu hour %zu: %g above %g",
                              seed, u, t, load[t], x[level]);
                for (t2 = t - (size_t)hod; t2 < t - (size_t)hod + 24 && t2 < 72; t2++)
                    if (curtail_result_hour_level(r, t2) == level) {
                        int hod2 = (int)(t2 % 24);
                        h++;
                        w += hod2 >= 10 && hod2 < 18 &&
                             (level >= CURTAIL_ORANGE ||
                              strstr(buf, "levels: [yellow, orange, red]") != NULL);
                    }
                ck_assert_uint_gt(w, 0);
                cap = x[level] * (double)h / (double)(h - w);
                ck_assert_msg(load[t] <= cap * (1 + 1e-12) && load[t] <= 1.0,
                              "seed %u unit %zu hour %zu: %g above the shift %g", seed, u, t,
                              load[t], cap);
            }
        }
        unmet += curtail_result_status(r) == CURTAIL_TARGETS_UNMET;
        /* segments fall short only where the plan does */
        for (k = 0; k < curtail_result_segment_count(r); k++) {
            curtail_segment_result sg = segment(r, k);
            curtail_level_result lr;
            curtail_error err;
            int p;
            ck_assert_int_eq(curtail_result_level(r, sg.level, &lr, &err), CURTAIL_OK);
            for (p = 0; p < CURTAIL_NPOLLUTANTS; p++)
                if (lr.targets[p].shortfall == 0)
                    ck_assert_msg(sg.targets[p].shortfall == 0 &&
                                      sg.targets[p].achieved >= sg.targets[p].required,
                                  "seed %u segment %zu pollutant %d", seed, k, p);
        }
        curtail_result_free(r);
        curtail_scenario_free(s);
    }
    /* the episodes exercise shifting and ramps, and met and unmet plans */
    ck_assert_msg(shifted > 10 && below > 10 && unmet > 0 && unmet < 40,
                  "shifted %zu, ramp %zu, unmet %zu", shifted, below, unmet);
    free(buf);
}
END_TEST

/* The summer example: interruptible VOCs units stop in the window and their
 * output moves to the other hours of the day, above their list load. */
START_TEST(test_schedule_summer_example_shifts)
{
    curtail_scenario *s = tu_load_file(EXAMPLES "xiangyuan-summer.yaml");
    curtail_result *r = schedule(s, CURTAIL_METHOD_AUTO);
    size_t u, t, n = curtail_scenario_unit_count(s), hours = curtail_result_hour_count(r);
    int stopped = 0, shifted = 0;
    ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
    ck_assert_uint_eq(hours, 72);
    for (u = 0; u < n; u++) {
        const double *x = curtail_result_unit_loads(r, u);
        int here = 0;
        for (t = 0; t < hours; t++) {
            int L = curtail_result_hour_level(r, t), hour_of_day = (int)(t % 24);
            if (L < 0)
                continue;
            if (hour_of_day >= 10 && hour_of_day < 18 && x[t] == 0.0)
                here |= 1;
            if ((hour_of_day < 10 || hour_of_day >= 18) && x[t] > list_load(r, L, u) + 1e-9)
                here |= 2;
        }
        stopped += (here & 1) != 0;
        shifted += here == 3;
    }
    ck_assert_int_ge(stopped, 4);
    ck_assert_int_ge(shifted, 1);
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
    curtail_scenario *s = tu_load_yaml(yaml, "plain.yaml");
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

static int cancel_now(void *ctx)
{
    (void)ctx;
    return 1;
}

START_TEST(test_schedule_bad_arguments_are_einval)
{
    curtail_scenario *s = tu_load_yaml(HAND, "hand.yaml");
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
    /* the plan options reach the plan behind the schedule */
    o.method = CURTAIL_METHOD_AUTO;
    o.solver = (curtail_solver)9;
    ck_assert_int_eq(curtail_schedule_solve(s, &o, &r, &err), CURTAIL_EINVAL);
    o.solver = CURTAIL_SOLVER_DEFAULT;
    o.time_limit_s = -1;
    ck_assert_int_eq(curtail_schedule_solve(s, &o, &r, &err), CURTAIL_EINVAL);
    o.time_limit_s = 0;
    o.cancel = cancel_now;
    ck_assert_int_eq(curtail_schedule_solve(s, &o, &r, &err), CURTAIL_ECANCELED);
    ck_assert_str_eq(err.message, "the solve was cancelled by the caller");
    ck_assert_ptr_null(r);
    o.cancel = NULL;
    /* version-1 options (method only) are still read */
    o.version = 1;
    ck_assert_int_eq(curtail_schedule_solve(s, &o, &r, &err), CURTAIL_OK);
    curtail_result_free(r);
    r = NULL;
    o.version = CURTAIL_SCHEDULE_OPTIONS_VERSION;

    r = schedule(s, CURTAIL_METHOD_AUTO);
    ck_assert_int_eq(curtail_result_segment(r, 1, &sg, &err), CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_result_segment(r, 0, NULL, &err), CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_result_hour_label(r, 24, buf, sizeof buf, &err), CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_result_hour_label(r, 0, buf, 16, &err), CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_result_hour_level(r, 24), -1);
    ck_assert_ptr_null(curtail_result_unit_loads(r, 2));
    /* a schedule reads its list as a plan does; a plan has no hours */
    ck_assert_int_eq(curtail_result_level(r, CURTAIL_YELLOW, &(curtail_level_result){0}, &err),
                     CURTAIL_OK);
    ck_assert_int_eq(curtail_result_level(r, (curtail_level)3, &(curtail_level_result){0}, &err),
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

/* ramp_h through the builder: >= 0, its path named; 0 is allowed. */
START_TEST(test_schedule_ramp_h_builder)
{
    curtail_scenario *s = NULL;
    curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
    curtail_unit_spec u = CURTAIL_UNIT_SPEC_INIT;
    curtail_error err;
    ck_assert_int_eq(curtail_scenario_new(&s, NULL, &err), CURTAIL_OK);
    e.id = "hx";
    e.industry = CURTAIL_COKING;
    ck_assert_int_eq(curtail_scenario_add_enterprise(s, &e, &err), CURTAIL_OK);
    u.id = "oven";
    u.kind = CURTAIL_KIND_COKE_OVEN;
    u.capacity = 100;
    u.has_coke_oven = 1;
    u.has_ramp_h = 1;
    u.ramp_h = -0.5;
    ck_assert_int_eq(curtail_scenario_add_unit(s, &u, &err), CURTAIL_EINPUT);
    ck_assert_str_eq(err.path, "coke_oven.ramp_h");
    ck_assert_str_eq(err.message, "must be in [0, 1e+06], got -0.5");
    u.ramp_h = 0.0;
    ck_assert_int_eq(curtail_scenario_add_unit(s, &u, &err), CURTAIL_OK);
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
    curtail_scenario *s = tu_load_yaml(yaml, "leap.yaml");
    curtail_result *r = schedule(s, CURTAIL_METHOD_AUTO);
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
        s = tu_load_yaml(ny, "newyear.yaml");
        r = schedule(s, CURTAIL_METHOD_AUTO);
        assert_label(r, 0, "2023-12-31T23:00");
        assert_label(r, 1, "2024-01-01T00:00");
        /* no timeline: no segment, base load throughout */
        ck_assert_uint_eq(curtail_result_segment_count(r), 0);
        assert_near(curtail_result_objective(r), 0.0);
        assert_near(curtail_result_unit_loads(r, 0)[1], 1.0);
        curtail_result_free(r);
        curtail_scenario_free(s);
    }
}
END_TEST

/* The longest horizon (a leap year of hours) with a month-long alert. */
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
    curtail_scenario *s = tu_load_yaml(yaml, "year.yaml");
    curtail_result *r = schedule(s, CURTAIL_METHOD_AUTO);
    ck_assert_uint_eq(curtail_result_hour_count(r), 8784);
    ck_assert_uint_eq(curtail_result_segment_count(r), 31);
    /* 31 days × 2·24·0.25 = 372 */
    assert_near(curtail_result_objective(r), 372.0);
    assert_near(curtail_result_unit_loads(r, 0)[8783], 0.75);
    assert_near(curtail_result_unit_loads(r, 0)[0], 1.0);
    assert_label(r, 8783, "2024-12-31T23:00");
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

    tcase_add_test(core, test_schedule_ozone_day_shifted_output);
    tcase_add_test(core, test_schedule_shift_capped_by_rule);
    tcase_add_test(core, test_schedule_segment_all_window);
    tcase_add_test(core, test_schedule_ramp_stop_at_red);
    tcase_add_test(core, test_schedule_ramp_texts);
    tcase_add_test(core, test_schedule_segments_day_and_level);
    tcase_add_test(core, test_schedule_unmet_shortfall);
    tcase_add_test(core, test_schedule_list_is_plan_levels);
    tcase_add_test(core, test_schedule_generated_never_above_list);
    tcase_add_test(core, test_schedule_summer_example_shifts);
    tcase_set_timeout(core, 120);
    suite_add_tcase(su, core);

    tcase_add_test(errors, test_schedule_without_episode_is_einput);
    tcase_add_test(errors, test_schedule_bad_arguments_are_einval);
    tcase_add_test(errors, test_schedule_ramp_h_builder);
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
