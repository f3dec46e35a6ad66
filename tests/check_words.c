/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_words.c — measure texts and reasons (issue 9): the pure wording of
 * measure_words.c case by case in zh and en (exact bytes), and every unit's
 * load re-derived from its text's indicator on the examples. */
#include "curtail.h"
#include "internal.h"
#include "measure_words.h"
#include "write.h" /* cu_measure_text */
#include "testutil.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cu_mw_facts base(int kind, double cap, double b, double x)
{
    cu_mw_facts f;
    memset(&f, 0, sizeof f);
    f.kind = kind;
    f.capu = cu_capu_resolve(CU_CAPU_DEFAULT, kind);
    f.capacity = cap;
    f.base_load = b;
    f.load = x;
    f.rule_hi = b;
    f.grade = f.declared_grade = CURTAIL_GRADE_C;
    f.pollutant = -1;
    f.nested_from = -1;
    return f;
}

static void with_rule(cu_mw_facts *f, int measure, double value, double hi)
{
    f->has_rule = 1;
    f->measure = measure;
    f->value = value;
    f->rule_hi = hi;
    f->builtin = 1;
}

static void check(cu_mw_facts f, const char *zh, const char *en, int reason)
{
    cu_buf b;
    int k;
    for (k = 0; k < 2; k++) {
        cu_buf_init(&b, NULL);
        f.en = k;
        if (reason)
            cu_mw_reason(&f, &b);
        else
            cu_mw_text(&f, &b);
        ck_assert(!b.failed);
        ck_assert_str_eq(b.data ? b.data : "", k ? en : zh);
        cu_buf_free(&b);
    }
}

START_TEST(test_words_zero_load_by_kind)
{
    cu_mw_facts f = base(CURTAIL_KIND_COKE_OVEN, 1000, 0.9, 0);
    f.coking_time_h = 22;
    f.max_coking_time_h = 72;
    with_rule(&f, CURTAIL_MEASURE_STOP, 0, 0);
    check(f, "焖炉保温", "hot idle (oven kept hot)", 0);
    f = base(CURTAIL_KIND_LOADING, 100, 1, 0);
    check(f, "停止装车（装卸）作业", "stop loading and unloading", 0);
    f = base(CURTAIL_KIND_STORAGE, 100, 1, 0);
    check(f, "储罐区停止收发作业", "tank farm stops receiving and dispatching", 0);
    f = base(CURTAIL_KIND_REACTOR, 100, 1, 0);
    check(f, "停产", "stop production", 0);
    f = base(CURTAIL_KIND_BOILER, 960, 1, 0);
    check(f, "停产", "stop production", 0);
}
END_TEST

/* Below the rule: a coke oven by coking time (T = b·T0/x rounded up to
 * 0.1 h: 0.9·22/0.33 = 60 h), beyond its maximum as a share of capacity;
 * a boiler in t/h; a chemical unit in t/d. */
START_TEST(test_words_below_rule)
{
    cu_mw_facts f = base(CURTAIL_KIND_COKE_OVEN, 1000, 0.9, 0.33);
    f.coking_time_h = 22;
    f.max_coking_time_h = 72;
    with_rule(&f, CURTAIL_MEASURE_COKING_TIME, 36, 0.55);
    check(f, "延长结焦时间至60小时（焦炭产量由900吨/日降至330吨/日及以下）",
          "extend coking time to 60 h (coke output from 900 t/d to at most 330 t/d)", 0);
    f.load = 0.31; /* 0.9·22/0.31 = 63.87 → 63.9 h */
    check(f, "延长结焦时间至63.9小时（焦炭产量由900吨/日降至310吨/日及以下）",
          "extend coking time to 63.9 h (coke output from 900 t/d to at most 310 t/d)", 0);
    f.load = 0.2; /* 99 h > 72 h */
    check(f, "限产至设计产能的20%（焦炭产量由900吨/日降至200吨/日及以下）",
          "cut to 20% of capacity (coke output from 900 t/d to at most 200 t/d)", 0);
    f = base(CURTAIL_KIND_BOILER, 960, 0.7, 0.3);
    with_rule(&f, CURTAIL_MEASURE_CUT, 0.3, 0.49);
    check(f, "限产至设计产能的30%（蒸发量由28吨/小时降至12吨/小时及以下）",
          "cut to 30% of capacity (steam output from 28 t/h to at most 12 t/h)", 0);
    f.load = 0.49; /* exactly the rule's cut: said as the rule */
    check(f, "限产30%（蒸发量由28吨/小时降至19.6吨/小时及以下）",
          "cut output by 30% (steam output from 28 t/h to at most 19.6 t/h)", 0);
    f = base(CURTAIL_KIND_REACTOR, 300, 1, 0.33433);
    with_rule(&f, CURTAIL_MEASURE_CUT, 0.5, 0.5);
    check(f, "限产至设计产能的33.43%（产量由300吨/日降至100吨/日及以下）",
          "cut to 33.43% of capacity (output from 300 t/d to at most 100 t/d)", 0);
    f.capu = CU_CAPU_M3_H; /* 300 m3/d = 12.5 m3/h */
    check(f, "限产至设计产能的33.43%（产量由12.5立方米/小时降至4.17立方米/小时及以下）",
          "cut to 33.43% of capacity (output from 12.5 m3/h to at most 4.17 m3/h)", 0);
    f = base(CURTAIL_KIND_STORAGE, 600, 1, 0.8);
    check(f, "储罐区收发作业减至设计能力的80%（储罐区收发量由600吨/日降至480吨/日及以下）",
          "reduce tank-farm receiving and dispatching to 80% of capacity (tank-farm throughput "
          "from 600 t/d to at most 480 t/d)",
          0);
}
END_TEST

START_TEST(test_words_followers_grades_no_rule)
{
    cu_mw_facts f = base(CURTAIL_KIND_BYPRODUCT, 1650, 0.95, 0.59375);
    f.leader = "1#焦炉";
    f.leader_kind = CURTAIL_KIND_COKE_OVEN;
    check(f, "随1#焦炉同步减产（产量由1568吨/日降至979吨/日及以下）",
          "cut with 1#焦炉 (output from 1568 t/d to at most 979 t/d)", 0);
    f.load = 0;
    check(f, "随1#焦炉焖炉停止生产", "stops while 1#焦炉 is in hot idle", 0);
    f.leader_kind = CURTAIL_KIND_REACTOR;
    check(f, "随1#焦炉同步停产", "stops with 1#焦炉", 0);
    /* not cut: A and leading are voluntary, everyone else is told plainly */
    f = base(CURTAIL_KIND_REACTOR, 100, 1, 1);
    f.grade = CURTAIL_GRADE_A;
    with_rule(&f, CURTAIL_MEASURE_NONE, 0, 1);
    check(f, "不采取强制性减排措施（自主减排）", "no mandatory measure (voluntary reduction)", 0);
    f.grade = CURTAIL_GRADE_LEADING;
    check(f, "不采取强制性减排措施（自主减排）", "no mandatory measure (voluntary reduction)", 0);
    f.grade = CURTAIL_GRADE_B;
    check(f, "本级别无停限产要求", "no curtailment required at this level", 0);
    f.has_rule = 0;
    f.grade = CURTAIL_GRADE_C;
    check(f, "本级别无停限产要求", "no curtailment required at this level", 0);
    /* a max_load rule above the base load: the cap said is the base, 60 %, never 90 % */
    f = base(CURTAIL_KIND_REACTOR, 1000, 0.6, 0.6);
    with_rule(&f, CURTAIL_MEASURE_MAX_LOAD, 0.9, 0.6);
    check(f, "负荷不高于设计产能的60%（产量不高于600吨/日）",
          "load at most 60% of capacity (output at most 600 t/d)", 0);
}
END_TEST

/* ---- reasons ------------------------------------------------------------------------------ */

START_TEST(test_reason_phase_out_and_wet)
{
    cu_mw_facts f = base(CURTAIL_KIND_COKE_OVEN, 800, 0.95, 0.3958);
    f.declared_grade = CURTAIL_GRADE_C;
    f.grade = CURTAIL_GRADE_D;
    f.grade_why = CU_GRADE_WHY_PHASE_OUT;
    with_rule(&f, CURTAIL_MEASURE_COKING_TIME, 48, 0.3958);
    f.rule_index = 5;
    check(f, "列入淘汰，按D级管控；内置规则表第6条：延长结焦时间至48小时",
          "managed as D (listed for phase-out); built-in rule 6: extend coking time to 48 h", 1);
    f.grade_why = CU_GRADE_WHY_WET;
    check(f, "5.5米及以上焦炉湿法熄焦，加严一级按D级管控；内置规则表第6条：延长结焦时间至48小时",
          "managed as D (5.5 m+ oven with wet quenching: one grade stricter); built-in rule 6: "
          "extend coking time to 48 h",
          1);
}
END_TEST

/* A scenario rule beats the built-in table: the reason names policy[i] and
 * its line (from a real load and plan). */
START_TEST(test_reason_scenario_rule_overrides_builtin)
{
    static const char yaml[] =
        "curtail: 1\n"
        "targets: {ratios: {yellow: {SO2: 0}, orange: {SO2: 0}, red: {SO2: 0}}}\n"
        "policy:\n"
        "  - {industry: chemical, kind: reactor, grades: [C], levels: [orange], cut: 0.125}\n"
        "enterprises:\n"
        "  - {id: c, industry: chemical, grade: C, units: [{id: r, kind: reactor, capacity: 100,\n"
        "     ef: {VOCs: 1}}]}\n";
    curtail_scenario *s = NULL;
    curtail_result *r = NULL;
    curtail_error err;
    cu_buf b;
    ck_assert_int_eq(curtail_scenario_load_buffer(&s, yaml, strlen(yaml), "o.yaml", NULL, &err),
                     CURTAIL_OK);
    ck_assert_int_eq(curtail_plan_solve(s, NULL, &r, &err), CURTAIL_OK);
    cu_buf_init(&b, NULL);
    cu_measure_reason(r, 0, CURTAIL_ORANGE, CURTAIL_LANG_ZH, &b);
    ck_assert_str_eq(b.data, "方案 policy[0]（第4行）：限产12.5%；可优化加严；本级别目标无需进一步减排");
    b.len = 0;
    cu_measure_reason(r, 0, CURTAIL_ORANGE, CURTAIL_LANG_EN, &b);
    ck_assert_str_eq(b.data, "scenario policy[0] (line 4): cut output by 12.5%; may be cut further; "
                             "the level's targets need no more");
    b.len = 0;
    cu_measure_reason(r, 0, CURTAIL_YELLOW, CURTAIL_LANG_EN, &b);
    ck_assert_str_eq(b.data, "built-in rule 13: cut output by 10%; may be cut further; the level's "
                             "targets need no more");
    cu_buf_free(&b);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* A coke oven's floor is its longest coking time in the rule's own formula
 * (review P1-1): base 0.9, T0 23 h, max 72 h gives min_load 0.9·23/72 =
 * 0.2875. A 70 h rule (0.9·23/70 = 0.29571 > 0.2875) is no rule below the
 * minimum and is worded as the bureau wrote it; the deepest cut (red, a
 * target out of reach) is the battery's 72 h. */
START_TEST(test_words_coking_time_floor_with_base)
{
    static const char yaml[] =
        "curtail: 1\n"
        "builtin_policy: false\n"
        "targets: {ratios: {yellow: {NOx: 0}, orange: {NOx: 0}, red: {NOx: 0.9}}}\n"
        "policy:\n"
        "  - {industry: coking, kind: coke_oven, grades: [D], levels: [orange], coking_time_h: 70}\n"
        "enterprises:\n"
        "  - {id: yi, industry: coking, grade: D, units: [{id: oven, kind: coke_oven, capacity: "
        "1000,\n"
        "     base_load: 0.9, value: 300, ef: {NOx: 0.6},\n"
        "     coke_oven: {height_m: 5.5, quenching: dry, coking_time_h: 23, max_coking_time_h: "
        "72}}]}\n";
    curtail_scenario *s = NULL;
    curtail_result *r = NULL;
    curtail_unit_spec us = CURTAIL_UNIT_SPEC_INIT;
    curtail_unit_result ur;
    curtail_error err;
    cu_buf b;
    ck_assert_int_eq(curtail_scenario_load_buffer(&s, yaml, strlen(yaml), "o.yaml", NULL, &err),
                     CURTAIL_OK);
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 0); /* nothing below the minimum */
    ck_assert_int_eq(curtail_scenario_unit(s, 0, &us, NULL, &err), CURTAIL_OK);
    ck_assert_double_eq_tol(us.min_load, 0.9 * 23 / 72, 1e-15);
    ck_assert_int_eq(curtail_plan_solve(s, NULL, &r, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_result_unit(r, CURTAIL_ORANGE, 0, &ur, &err), CURTAIL_OK);
    ck_assert_double_eq_tol(ur.load, 0.9 * 23 / 70, 1e-12);
    ck_assert_double_eq_tol(ur.lo, 0.9 * 23 / 72, 1e-12);
    ck_assert_int_eq(curtail_result_unit(r, CURTAIL_RED, 0, &ur, &err), CURTAIL_OK);
    ck_assert_double_eq_tol(ur.load, 0.9 * 23 / 72, 1e-12);
    cu_buf_init(&b, NULL);
    cu_measure_text(r, 0, CURTAIL_ORANGE, CURTAIL_LANG_ZH, &b);
    ck_assert_str_eq(b.data, "延长结焦时间至70小时（焦炭产量由900吨/日降至295吨/日及以下）");
    b.len = 0;
    cu_measure_reason(r, 0, CURTAIL_ORANGE, CURTAIL_LANG_ZH, &b);
    ck_assert_str_eq(b.data, "方案 policy[0]（第5行）：延长结焦时间至70小时；可优化加严；"
                             "本级别目标无需进一步减排");
    b.len = 0;
    cu_measure_text(r, 0, CURTAIL_RED, CURTAIL_LANG_ZH, &b);
    ck_assert_str_eq(b.data, "延长结焦时间至72小时（焦炭产量由900吨/日降至287吨/日及以下）");
    b.len = 0;
    cu_measure_text(r, 0, CURTAIL_ORANGE, CURTAIL_LANG_EN, &b);
    ck_assert_str_eq(b.data, "extend coking time to 70 h (coke output from 900 t/d to at most 295 t/d)");
    b.len = 0;
    cu_measure_text(r, 0, CURTAIL_RED, CURTAIL_LANG_EN, &b);
    ck_assert_str_eq(b.data, "extend coking time to 72 h (coke output from 900 t/d to at most 287 t/d)");
    cu_buf_free(&b);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* The optimiser beyond the rule: the golden plan's red reactor (rule 50 %,
 * load 17.5 %): weight 1 × value 1000 yuan/t × 200 t/d over NOx 2 kg/t ×
 * 200 t/d = 500 yuan/kg against the level's marginal cost of 500. */
START_TEST(test_reason_optimiser_beyond_rule)
{
    curtail_scenario *s = NULL;
    curtail_result *r = NULL;
    curtail_error err;
    cu_buf b;
    cu_mw_facts f;
    ck_assert_int_eq(
        curtail_scenario_load_file(&s, CURTAIL_TEST_DATA "/golden/plan.yaml", NULL, &err),
        CURTAIL_OK);
    ck_assert_int_eq(curtail_plan_solve(s, NULL, &r, &err), CURTAIL_OK);
    cu_measure_facts(r, 2, CURTAIL_RED, CURTAIL_LANG_ZH, &f);
    ck_assert_int_eq(f.pollutant, CURTAIL_NOX);
    ck_assert(fabs(f.cost_per_kg - 500) < 1e-9);
    ck_assert(fabs(f.marginal_cost - 500) < 1e-9);
    cu_buf_init(&b, NULL);
    cu_measure_reason(r, 2, CURTAIL_RED, CURTAIL_LANG_ZH, &b);
    ck_assert_str_eq(b.data, "内置规则表第19条：限产50%；优化加严：单位减排成本500元/千克NOx（按等级权重），"
                             "不高于本级别边际成本500元/千克");
    b.len = 0;
    cu_measure_reason(r, 2, CURTAIL_RED, CURTAIL_LANG_EN, &b);
    ck_assert_str_eq(b.data, "built-in rule 19: cut output by 50%; cut beyond the rule by the "
                             "optimiser: 500 yuan/kg NOx (grade-weighted) not above the level's "
                             "marginal cost 500 yuan/kg");
    cu_buf_free(&b);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* An ozone-season plan tells the units the window stops (review P2-4), in
 * the schedule's words: examples/xiangyuan-summer.yaml (season: ozone,
 * window 10:00-18:00 at every level). A unit not otherwise cut gets the stop
 * alone; a unit stopped for the day (red) or not stopped by the window
 * (the coke oven) none; the same scenario in the heating season none. */
static size_t unit_index(const curtail_result *r, const char *ent, const char *id)
{
    size_t i, n = curtail_result_unit_count(r);
    curtail_unit_result ur;
    for (i = 0; i < n; i++) {
        ck_assert_int_eq(curtail_result_unit(r, CURTAIL_YELLOW, i, &ur, NULL), CURTAIL_OK);
        if (strcmp(ur.enterprise, ent) == 0 && strcmp(ur.unit, id) == 0)
            return i;
    }
    ck_abort_msg("no unit %s/%s", ent, id);
    return 0;
}

static void assert_text(const curtail_result *r, size_t u, int level, const char *zh,
                        const char *en)
{
    cu_buf b;
    cu_buf_init(&b, NULL);
    cu_measure_text(r, u, level, CURTAIL_LANG_ZH, &b);
    ck_assert_str_eq(b.data, zh);
    b.len = 0;
    cu_measure_text(r, u, level, CURTAIL_LANG_EN, &b);
    ck_assert_str_eq(b.data, en);
    cu_buf_free(&b);
}

START_TEST(test_words_ozone_window_in_plan)
{
    curtail_scenario *s = NULL;
    curtail_result *r = NULL;
    curtail_error err;
    size_t u;
    int pass;
    for (pass = 0; pass < 2; pass++) {
        ck_assert_int_eq(curtail_scenario_load_file(
                             &s, CURTAIL_SOURCE_DIR "/examples/xiangyuan-summer.yaml", NULL, &err),
                         CURTAIL_OK);
        if (pass == 1) {
            ck_assert_int_eq(curtail_scenario_set_season(s, CURTAIL_SEASON_HEATING, &err),
                             CURTAIL_OK);
            ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
        }
        ck_assert_int_eq(curtail_plan_solve(s, NULL, &r, &err), CURTAIL_OK);
        u = unit_index(r, "hongtong", "loading");
        if (pass == 0) {
            assert_text(r, u, CURTAIL_YELLOW, "10:00–18:00 停止涉VOCs工序（错时生产）",
                        "VOCs processes stopped 10:00–18:00 (shifted production)");
            assert_text(r, u, CURTAIL_ORANGE,
                        "装车（装卸）作业减至设计能力的90%（装车（装卸）量由600吨/日降至540吨/日及以下），"
                        "10:00–18:00 停止涉VOCs工序（错时生产）",
                        "reduce loading to 90% of capacity (quantity loaded from 600 t/d to at most "
                        "540 t/d), VOCs processes stopped 10:00–18:00 (shifted production)");
            assert_text(r, unit_index(r, "hongda", "batch"), CURTAIL_YELLOW,
                        "负荷不高于设计产能的60%（产量不高于18吨/日），10:00–18:00 停止涉VOCs工序（错时生产）",
                        "load at most 60% of capacity (output at most 18 t/d), VOCs processes "
                        "stopped 10:00–18:00 (shifted production)");
        } else {
            /* the heating season's rules and no window clause */
            cu_buf b;
            cu_buf_init(&b, NULL);
            cu_measure_text(r, u, CURTAIL_YELLOW, CURTAIL_LANG_ZH, &b);
            ck_assert_ptr_null(strstr(b.data, "错时生产"));
            cu_buf_free(&b);
        }
        curtail_result_free(r);
        curtail_scenario_free(s);
    }
}
END_TEST

/* ---- the text is the order: every load re-derived from its indicator ---------------------- */

/* The number after the last "降至" / "不高于" (zh) or "at most " (en), with
 * its unit: a daily amount; -1 when the text has none. */
static double indicator(const char *t, int en, int *hourly)
{
    const char *keys_zh[2] = {"降至", "不高于"}, *p = NULL, *q;
    int k;
    if (en) {
        for (q = strstr(t, "at most "); q; q = strstr(q + 1, "at most "))
            p = q + 8;
    } else
        for (k = 0; k < 2; k++)
            for (q = strstr(t, keys_zh[k]); q; q = strstr(q + 1, keys_zh[k]))
                if (!p || q + strlen(keys_zh[k]) > p)
                    p = q + strlen(keys_zh[k]);
    if (!p || !(*p >= '0' && *p <= '9'))
        return -1;
    {
        char *end;
        double v = strtod(p, &end);
        while (*end == ' ')
            end++;
        *hourly = strncmp(end, en ? "t/h" : "吨/小时", en ? 3 : strlen("吨/小时")) == 0 ||
                  strncmp(end, en ? "m3/h" : "立方米/小时", en ? 4 : strlen("立方米/小时")) == 0;
        return v;
    }
}

static void rederive(const char *file)
{
    curtail_scenario *s = NULL;
    curtail_result *r = NULL;
    curtail_error err;
    size_t u, n;
    int L, en, rc;
    ck_assert_int_eq(curtail_scenario_load_file(&s, file, NULL, &err), CURTAIL_OK);
    rc = curtail_plan_solve(s, NULL, &r, &err);
    ck_assert_msg(rc == CURTAIL_OK, "%s: %s", file, err.message);
    n = curtail_result_unit_count(r);
    for (u = 0; u < n; u++)
        for (L = 0; L < CU_NL; L++)
            for (en = 0; en < 2; en++) {
                cu_mw_facts f;
                cu_buf b;
                double v, x;
                int hourly = 0;
                cu_measure_facts(r, u, L, en ? CURTAIL_LANG_EN : CURTAIL_LANG_ZH, &f);
                cu_buf_init(&b, NULL);
                cu_mw_text(&f, &b);
                ck_assert(!b.failed);
                x = f.load;
                v = indicator(b.data, en, &hourly);
                if (v >= 0) {
                    double said = (hourly ? v * 24 : v) / f.capacity;
                    double step = (v >= 100 ? 1 : v >= 10 ? 0.1 : 0.01) * (hourly ? 24 : 1) /
                                  f.capacity;
                    /* never more than the load, less by at most one printed step */
                    ck_assert_msg(said <= x + 1e-9 && said >= x - step - 1e-9,
                                  "%s unit %zu level %d: \"%s\" says %.6f, load %.6f", file, u, L,
                                  b.data, said, x);
                } else if (x <= 1e-9)
                    ck_assert_msg(strstr(b.data, en ? "stop" : "停") ||
                                      strstr(b.data, en ? "hot idle" : "焖炉"),
                                  "%s unit %zu level %d: zero load as \"%s\"", file, u, L, b.data);
                else
                    /* no indicator: the unit runs at its base load, not cut */
                    ck_assert_msg(fabs(x - f.base_load) <= 1e-9 &&
                                      (strstr(b.data, en ? "no " : "无") ||
                                       strstr(b.data, en ? "voluntary" : "自主减排") ||
                                       (f.window[0] && strstr(b.data, en ? "shifted production"
                                                                         : "错时生产"))),
                                  "%s unit %zu level %d: \"%s\" at load %.6f", file, u, L, b.data,
                                  x);
                /* a coke oven's coking time allows no more than the load */
                if (f.kind == CURTAIL_KIND_COKE_OVEN && x > 1e-9 && !f.leader) {
                    const char *t = strstr(b.data, en ? "coking time to " : "结焦时间至");
                    if (t) {
                        double T = strtod(t + strlen(en ? "coking time to " : "结焦时间至"), NULL);
                        ck_assert_msg(f.base_load * f.coking_time_h / T <= x + 1e-9,
                                      "%s unit %zu: %s", file, u, b.data);
                    }
                }
                cu_buf_free(&b);
            }
    curtail_result_free(r);
    curtail_scenario_free(s);
}

START_TEST(test_words_loads_rederived_from_texts)
{
    rederive(CURTAIL_SOURCE_DIR "/examples/xiangyuan.yaml");
    rederive(CURTAIL_SOURCE_DIR "/examples/xiangyuan-winter.yaml");
    rederive(CURTAIL_SOURCE_DIR "/examples/xiangyuan-summer.yaml");
    rederive(CURTAIL_TEST_DATA "/golden/plan.yaml");
    rederive(CURTAIL_TEST_DATA "/golden/measures.yaml");
}
END_TEST

static Suite *words_suite(void)
{
    Suite *s = suite_create("words");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_words_zero_load_by_kind);
    tcase_add_test(core, test_words_below_rule);
    tcase_add_test(core, test_words_followers_grades_no_rule);
    tcase_add_test(core, test_reason_phase_out_and_wet);
    tcase_add_test(core, test_reason_scenario_rule_overrides_builtin);
    tcase_add_test(core, test_reason_optimiser_beyond_rule);
    tcase_add_test(core, test_words_coking_time_floor_with_base);
    tcase_add_test(core, test_words_ozone_window_in_plan);
    tcase_add_test(core, test_words_loads_rederived_from_texts);
    tcase_set_timeout(core, 60);
    suite_add_tcase(s, core);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(words_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
