/*
 * check_summary.c — the plan's summary (summary.c, issue 9) on a case small
 * enough to count by hand. No optimiser freedom (extra.grades: []): every
 * load is its rule's, so every number below follows from the YAML.
 *
 *   e1 甲焦化 (甲镇, coking, C): oven (1000 t/d, 100 yuan/t, SO2 0.1, NOx 1.0,
 *      coking time 24 h, max 48 h): yellow no rule, orange 48 h (load 0.5),
 *      red stop (hot idle); chem follows it (VOCs 0.1).
 *   e2 乙化工 (乙镇, chemical, D): r1 (100 t/d, 1000 yuan/t, VOCs 1.0): cut 20 %
 *      / 50 % / stop; load1 (loading, VOCs 0.5): red stop.
 *   e3 丙热力 (no town, boiler, C, guarantee): b1 (SO2 50, NOx 100, PM 10 kg/d).
 *   e4 丁公司 (甲镇, other, A): o1 (PM 10 kg/d).
 *
 * Listed: SO2 100 + 50 = 150, NOx 1000 + 100 = 1100, PM 10 + 10 = 20,
 * VOCs 100 + 100 + 50 = 250 kg/d; county totals 1000 / 2000 / 100 / 400.
 * Orange: SO2 50, NOx 500, VOCs 50 + 50 = 100 kg/d reduced; required NOx
 * 0.3 × 2000 = 600, short 100, every load at its bound. Red: VOCs 250
 * reduced, required 0.7 × 400 = 280 > 250 reducible: beyond the list.
 * Lost value: yellow 0.2 × 100 × 1000 = 20 000; orange 0.5 × 1000 × 100 +
 * 0.5 × 100 × 1000 = 100 000; red 200 000 yuan/d. Weighted (C 2, D 1):
 * 20 000, 150 000, 300 000; objective 470 000.
 */
#include "curtail.h"
#include "internal.h"
#include "result.h"
#include "summary.h"
#include "testutil.h"
#include "write.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char yaml[] =
    "curtail: 1\n"
    "name: 汇总核对\n"
    "targets:\n"
    "  base: totals\n"
    "  totals_kgpd: {SO2: 1000, NOx: 2000, PM: 100, VOCs: 400}\n"
    "  ratios:\n"
    "    yellow: {SO2: 0, NOx: 0, PM: 0, VOCs: 0.05}\n"
    "    orange: {SO2: 0.04, NOx: 0.3, PM: 0, VOCs: 0.2}\n"
    "    red: {SO2: 0.05, NOx: 0.4, PM: 0, VOCs: 0.7}\n"
    "extra:\n"
    "  grades: []\n"
    "  weights: {A: 3, C: 2, D: 1}\n"
    "builtin_policy: false\n"
    "policy:\n"
    "  - {industry: coking, kind: coke_oven, grades: [C], levels: [orange], coking_time_h: 48}\n"
    "  - {industry: coking, kind: coke_oven, grades: [C], levels: [red], stop: true}\n"
    "  - {industry: chemical, kind: reactor, grades: [D], levels: [yellow], cut: 0.2}\n"
    "  - {industry: chemical, kind: reactor, grades: [D], levels: [orange], cut: 0.5}\n"
    "  - {industry: chemical, kind: reactor, grades: [D], levels: [red], stop: true}\n"
    "  - {industry: chemical, kind: loading, grades: [D], levels: [red], stop: true}\n"
    "enterprises:\n"
    "  - id: e1\n"
    "    name: 甲焦化\n"
    "    town: 甲镇\n"
    "    industry: coking\n"
    "    grade: C\n"
    "    units:\n"
    "      - {id: oven, kind: coke_oven, capacity: 1000, value: 100, ef: {SO2: 0.1, NOx: 1.0},\n"
    "         coke_oven: {height_m: 6, quenching: dry, coking_time_h: 24, max_coking_time_h: 48}}\n"
    "      - {id: chem, kind: byproduct, capacity: 1000, follows: oven, ef: {VOCs: 0.1}}\n"
    "  - id: e2\n"
    "    name: 乙化工\n"
    "    town: 乙镇\n"
    "    industry: chemical\n"
    "    grade: D\n"
    "    units:\n"
    "      - {id: r1, kind: reactor, capacity: 100, value: 1000, ef: {VOCs: 1.0}}\n"
    "      - {id: load1, kind: loading, capacity: 100, ef: {VOCs: 0.5}}\n"
    "  - id: e3\n"
    "    name: 丙热力\n"
    "    industry: boiler\n"
    "    grade: C\n"
    "    guarantee: livelihood\n"
    "    units:\n"
    "      - {id: b1, kind: boiler, capacity: 50, value: 10, ef: {SO2: 1.0, NOx: 2.0, PM: 0.2},\n"
    "         boiler: {fuel: gas, steam_tph: 50, heating: true}}\n"
    "  - id: e4\n"
    "    name: 丁公司\n"
    "    town: 甲镇\n"
    "    industry: other\n"
    "    grade: A\n"
    "    units:\n"
    "      - {id: o1, kind: other, capacity: 10, value: 50, ef: {PM: 1.0}}\n"
;

static curtail_scenario *sc;
static curtail_result *res;

static void setup(void)
{
    curtail_error err;
    int rc;
    memset(&err, 0, sizeof err);
    rc = curtail_scenario_load_buffer(&sc, yaml, strlen(yaml), "sum.yaml", NULL, &err);
    ck_assert_msg(rc == CURTAIL_OK, "load: %d:%d %s", err.line, err.column, err.message);
    rc = curtail_plan_solve(sc, NULL, &res, &err);
    ck_assert_msg(rc == CURTAIL_TARGETS_UNMET || rc == CURTAIL_OK, "solve: %s", err.message);
    ck_assert_ptr_nonnull(res);
}

static void teardown(void)
{
    curtail_result_free(res);
    curtail_scenario_free(sc);
}

#define EQ(a, b) ck_assert_msg(fabs((a) - (b)) < 1e-9, "%s = %.12g, want %.12g", #a, (double)(a), (double)(b))

START_TEST(targets_on_both_bases)
{
    cu_summary s;
    ck_assert_int_eq(cu_summary_compute(res, &s), CURTAIL_OK);
    ck_assert_int_eq(s.has_county, 1);
    EQ(s.lv[1].t[CURTAIL_SO2].county, 1000);
    EQ(s.lv[1].t[CURTAIL_SO2].listed, 150);
    EQ(s.lv[1].t[CURTAIL_NOX].listed, 1100);
    EQ(s.lv[1].t[CURTAIL_PM].listed, 20);
    EQ(s.lv[1].t[CURTAIL_VOCS].listed, 250);
    /* orange VOCs: 80 required, 100 achieved: 20 % and 25 % of 400, 32 % and 40 % of 250 */
    EQ(s.lv[1].t[CURTAIL_VOCS].required, 80);
    EQ(s.lv[1].t[CURTAIL_VOCS].achieved, 100);
    EQ(cu_sum_ratio(s.lv[1].t[CURTAIL_VOCS].required, s.lv[1].t[CURTAIL_VOCS].county), 0.20);
    EQ(cu_sum_ratio(s.lv[1].t[CURTAIL_VOCS].achieved, s.lv[1].t[CURTAIL_VOCS].county), 0.25);
    EQ(cu_sum_ratio(s.lv[1].t[CURTAIL_VOCS].required, s.lv[1].t[CURTAIL_VOCS].listed), 0.32);
    EQ(cu_sum_ratio(s.lv[1].t[CURTAIL_VOCS].achieved, s.lv[1].t[CURTAIL_VOCS].listed), 0.40);
    /* shortfalls and why */
    EQ(s.lv[1].t[CURTAIL_NOX].shortfall, 100);
    EQ(s.lv[1].t[CURTAIL_NOX].max_reduction, 500);
    ck_assert_int_eq(s.lv[1].t[CURTAIL_NOX].why, CU_SHORT_AT_MINIMUM);
    EQ(s.lv[2].t[CURTAIL_VOCS].shortfall, 30);
    EQ(s.lv[2].t[CURTAIL_VOCS].reducible, 250);
    ck_assert_int_eq(s.lv[2].t[CURTAIL_VOCS].why, CU_SHORT_BEYOND_LIST);
    ck_assert_int_eq(s.lv[0].t[CURTAIL_VOCS].why, CU_SHORT_NONE); /* 20 of 20 */
    ck_assert_int_eq(s.lv[2].t[CURTAIL_NOX].why, CU_SHORT_NONE);
    /* lost value per level, weighted, objective */
    EQ(s.lv[0].lost_value, 20000);
    EQ(s.lv[1].lost_value, 100000);
    EQ(s.lv[2].lost_value, 200000);
    EQ(s.lv[1].weighted_loss, 150000);
    EQ(s.objective, 470000);
    ck_assert_int_eq(s.has_weight[CURTAIL_GRADE_C] && s.has_weight[CURTAIL_GRADE_D], 1);
    EQ(s.weight[CURTAIL_GRADE_C], 2);
    EQ(s.weight[CURTAIL_GRADE_A], 3);
    ck_assert_int_eq(s.has_weight[CURTAIL_GRADE_B], 0);
    cu_summary_free(&s);
}
END_TEST

START_TEST(counts_by_measure)
{
    cu_summary s;
    int L, c;
    ck_assert_int_eq(cu_summary_compute(res, &s), CURTAIL_OK);
    /* yellow: r1 cut; oven, chem, load1 nothing; b1 guarantee; o1 voluntary */
    ck_assert_uint_eq(s.lv[0].units[CU_MC_CUT], 1);
    ck_assert_uint_eq(s.lv[0].units[CU_MC_NONE], 3);
    ck_assert_uint_eq(s.lv[0].enterprises[CU_MC_NONE], 1); /* e1; e2 counts as 限产 */
    ck_assert_uint_eq(s.lv[0].enterprises[CU_MC_CUT], 1);
    /* orange: oven 48 h, chem and r1 cut, load1 nothing */
    ck_assert_uint_eq(s.lv[1].units[CU_MC_COKING_TIME], 1);
    ck_assert_uint_eq(s.lv[1].units[CU_MC_CUT], 2);
    ck_assert_uint_eq(s.lv[1].enterprises[CU_MC_COKING_TIME], 1);
    ck_assert_uint_eq(s.lv[1].enterprises[CU_MC_CUT], 1);
    ck_assert_uint_eq(s.lv[1].units[CU_MC_NONE], 1);
    ck_assert_uint_eq(s.lv[1].enterprises[CU_MC_NONE], 0);
    /* red: oven hot idle, chem stops with it, r1 stops, load1 stops loading */
    ck_assert_uint_eq(s.lv[2].units[CU_MC_HOT_IDLE], 1);
    ck_assert_uint_eq(s.lv[2].enterprises[CU_MC_HOT_IDLE], 1);
    ck_assert_uint_eq(s.lv[2].units[CU_MC_STOP], 2);
    ck_assert_uint_eq(s.lv[2].enterprises[CU_MC_STOP], 1);
    ck_assert_uint_eq(s.lv[2].units[CU_MC_STOP_LOADING], 1);
    ck_assert_uint_eq(s.lv[2].enterprises[CU_MC_STOP_LOADING], 0);
    for (L = 0; L < CU_NL; L++) {
        size_t nu = 0, ne = 0;
        ck_assert_uint_eq(s.lv[L].units[CU_MC_GUARANTEE], 1);
        ck_assert_uint_eq(s.lv[L].units[CU_MC_VOLUNTARY], 1);
        ck_assert_uint_eq(s.lv[L].enterprises[CU_MC_VOLUNTARY], 1);
        for (c = 0; c < CU_MC_N; c++) {
            nu += s.lv[L].units[c];
            ne += s.lv[L].enterprises[c];
        }
        ck_assert_uint_eq(nu, 6); /* every unit once */
        ck_assert_uint_eq(ne, 4); /* every enterprise once */
    }
    cu_summary_free(&s);
}
END_TEST

START_TEST(counts_by_grade_industry_town)
{
    cu_summary s;
    ck_assert_int_eq(cu_summary_compute(res, &s), CURTAIL_OK);
    ck_assert_uint_eq(s.total.units, 6);
    ck_assert_uint_eq(s.total.enterprises, 4);
    ck_assert_uint_eq(s.total.cut_units[0], 1);
    ck_assert_uint_eq(s.total.cut_units[1], 3);
    ck_assert_uint_eq(s.total.cut_units[2], 4);
    ck_assert_uint_eq(s.total.cut_enterprises[2], 2);
    /* C: oven, chem, b1 in e1 and e3; curtailed at orange and red: e1's two */
    ck_assert_uint_eq(s.by_grade[CURTAIL_GRADE_C].units, 3);
    ck_assert_uint_eq(s.by_grade[CURTAIL_GRADE_C].enterprises, 2);
    ck_assert_uint_eq(s.by_grade[CURTAIL_GRADE_C].cut_units[0], 0);
    ck_assert_uint_eq(s.by_grade[CURTAIL_GRADE_C].cut_units[1], 2);
    ck_assert_uint_eq(s.by_grade[CURTAIL_GRADE_C].cut_enterprises[1], 1);
    ck_assert_uint_eq(s.by_grade[CURTAIL_GRADE_D].cut_units[0], 1);
    ck_assert_uint_eq(s.by_grade[CURTAIL_GRADE_D].cut_units[2], 2);
    ck_assert_uint_eq(s.by_grade[CURTAIL_GRADE_A].units, 1);
    ck_assert_uint_eq(s.by_grade[CURTAIL_GRADE_B].units, 0);
    ck_assert_uint_eq(s.by_industry[CURTAIL_COKING].cut_units[1], 2);
    ck_assert_uint_eq(s.by_industry[CURTAIL_BOILER_INDUSTRY].enterprises, 1);
    ck_assert_uint_eq(s.by_industry[CURTAIL_BOILER_INDUSTRY].cut_units[2], 0);
    /* towns by their bytes (乙 U+4E59 before 甲 U+7532), the unnamed last */
    ck_assert_uint_eq(s.ntowns, 3);
    ck_assert_str_eq(s.towns[0].town, "乙镇");
    ck_assert_str_eq(s.towns[1].town, "甲镇");
    ck_assert_ptr_null(s.towns[2].town);
    ck_assert_uint_eq(s.towns[1].c.enterprises, 2);
    ck_assert_uint_eq(s.towns[1].c.units, 3);
    ck_assert_uint_eq(s.towns[1].c.cut_enterprises[2], 1);
    ck_assert_uint_eq(s.towns[0].c.cut_units[2], 2);
    ck_assert_uint_eq(s.towns[2].c.units, 1);
    cu_summary_free(&s);
}
END_TEST

/* The Markdown and JSON carry the same facts, worded. */
START_TEST(written)
{
    curtail_write_options o = CURTAIL_WRITE_OPTIONS_INIT;
    cu_buf b;
    cu_buf_init(&b, NULL);
    ck_assert_int_eq(cu_write_md(res, &o, &b), CURTAIL_OK);
    ck_assert_ptr_nonnull(strstr(b.data, "状态：目标未达成；损失产值 10.00 万元/日。"));
    /* the order's ratio first, then the listed enterprises' requirement;
     * no credits nor trucks: no such columns */
    ck_assert_ptr_nonnull(strstr(b.data, "| 污染物 | 全社会排放量 (kg/d) | 清单企业排放量 (kg/d) "
                                         "| 要求减排比例（占全社会） | 清单企业须减排 (kg/d) "
                                         "| 清单企业实际减排 (kg/d) | 缺口 (kg/d) "
                                         "| 实际减排比例（占全社会） | 须减排比例（占清单企业） "
                                         "| 实际减排比例（占清单企业） |\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "| VOCs | 400.00 | 250.00 | 20.00% | 80.00 | 100.00 | 0.00 | "
                                         "25.00% | 32.00% | 40.00% |"));
    /* PM has no target at any level: 不考核 and —, not 0.00 / 0.00% */
    ck_assert_ptr_nonnull(strstr(b.data, "| 颗粒物 | 100.00 | 20.00 | 不考核 | — | 0.00 | — | "
                                         "0.00% | — | 0.00% |"));
    ck_assert_ptr_null(strstr(b.data, "非工业源抵扣"));
    ck_assert_ptr_null(strstr(b.data, "targets.base"));
    /* orange NOx: the oven at its 48 h floor, the plan's 500 is the most */
    ck_assert_ptr_nonnull(strstr(b.data, "- 橙色预警 NOx 减排目标缺口 0.1 吨/日：可调企业已全部降至"
                                         "本级别最低负荷，本级别清单企业最多可减排 0.5 吨/日，"
                                         "低于清单企业须减排 0.6 吨/日。\n"));
    /* red VOCs: every VOCs unit stops at red (250 = everything), 280 asked */
    ck_assert_ptr_nonnull(strstr(b.data, "- 红色预警 VOCs 减排目标缺口 0.03 吨/日：可调企业已全部降至"
                                         "本级别最低负荷，本级别清单企业最多可减排 0.25 吨/日，"
                                         "低于清单企业须减排 0.28 吨/日（排放该污染物的生产单元已全部"
                                         "停产）。\n"));
    ck_assert_ptr_null(strstr(b.data, "固定排放"));
    ck_assert_ptr_nonnull(strstr(b.data, "| 焖炉保温 | 0 | 0 | 0 | 0 | 1 | 1 |\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "| 停止装车（装卸）作业 | 0 | 0 | 0 | 0 | 1 | 0 |\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "| 合计 | 6 | 4 | 6 | 4 | 6 | 4 |\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "| （未填写乡镇） | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 |\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "A级 ×3，C级 ×2，D级 ×1。"));
    ck_assert_ptr_nonnull(strstr(b.data, "目标函数值：47.00 万元/日。"));
    /* the annex's marginal costs: PM has no target anywhere, orange NOx and
     * red VOCs are unmet (no price), yellow VOCs binds by its rule only (0) */
    ck_assert_ptr_nonnull(strstr(b.data, "| 黄色 | — | — | — | 0.00 |\n"
                                         "| 橙色 | 0.00 | —（未达成） | — | 0.00 |\n"
                                         "| 红色 | 0.00 | 0.00 | — | —（未达成） |\n"));
    ck_assert_ptr_null(strstr(b.data, "加权元"));
    ck_assert_ptr_null(strstr(b.data, "三级加权损失合计"));
    b.len = 0;
    o.lang = CURTAIL_LANG_EN;
    ck_assert_int_eq(cu_write_md(res, &o, &b), CURTAIL_OK);
    ck_assert_ptr_nonnull(strstr(b.data, "- Orange alert: the NOx target is short by 0.1 t/d: every "
                                         "adjustable unit is already at its lowest load for this "
                                         "level, where the listed enterprises reduce at most "
                                         "0.5 t/d, less than the required 0.6 t/d.\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "| PM | 100.00 | 20.00 | no target | — | 0.00 | — | "));
    ck_assert_ptr_nonnull(strstr(b.data, "Objective: 47.00 CNY 10k/d."));
    ck_assert_ptr_null(strstr(b.data, "10k yuan"));
    ck_assert_ptr_nonnull(strstr(b.data, "| hot idle | 0 | 0 | 0 | 0 | 1 | 1 |\n"));
    b.len = 0;
    o.lang = CURTAIL_LANG_DEFAULT;
    ck_assert_int_eq(cu_write_json(res, &o, &b), CURTAIL_OK);
    ck_assert_ptr_nonnull(strstr(b.data, "\"NOx\": {\"county_total\": 2000, \"listed\": 1100, "
                                         "\"targeted\": true, \"ratio\": 0.3, "
                                         "\"required_total\": 600, \"credit\": 0, \"mobile\": 0, "
                                         "\"required\": 600, \"achieved\": 500, "
                                         "\"achieved_total\": 500, "
                                         "\"required_ratio_county\": 0.3, "
                                         "\"achieved_ratio_county\": 0.25, "));
    ck_assert_ptr_nonnull(strstr(b.data, "\"PM\": {\"county_total\": 100, \"listed\": 20, "
                                         "\"targeted\": false, \"ratio\": 0, "));
    ck_assert_ptr_nonnull(strstr(b.data, "\"shortfall\": 100, \"max_reduction\": 500, "
                                         "\"marginal_cost\": 0, \"shortfall_reason\": \"all_at_minimum\"}"));
    ck_assert_ptr_nonnull(strstr(b.data, "\"shortfall_reason\": \"beyond_list\"}"));
    ck_assert_ptr_nonnull(strstr(b.data, "\"hot_idle\": {\"units\": 1, \"enterprises\": 1}"));
    ck_assert_ptr_nonnull(strstr(b.data, "{\"town\": null, \"units\": 1, \"enterprises\": 1, "
                                         "\"curtailed_units\": [0, 0, 0], "
                                         "\"curtailed_enterprises\": [0, 0, 0]}"));
    cu_buf_free(&b);
}
END_TEST

/* The class follows the text's branches: a pure check on facts. */
static void class_and_text(const cu_mw_facts *f, int want, const char *text)
{
    cu_buf b;
    cu_buf_init(&b, NULL);
    cu_mw_text(f, &b);
    ck_assert_int_eq(cu_mw_class(f), want);
    ck_assert_msg(b.data && strncmp(b.data, text, strlen(text)) == 0, "text %s, want %s…",
                  b.data ? b.data : "", text);
    cu_buf_free(&b);
}

START_TEST(class_follows_text)
{
    cu_mw_facts f;
    memset(&f, 0, sizeof f);
    f.capacity = 100;
    f.base_load = 1;
    f.grade = CURTAIL_GRADE_C;
    f.pollutant = -1;
    f.nested_from = -1;
    f.kind = CURTAIL_KIND_STORAGE;
    class_and_text(&f, CU_MC_STOP_STORAGE, "储罐区停止收发作业");
    f.kind = CURTAIL_KIND_LOADING;
    class_and_text(&f, CU_MC_STOP_LOADING, "停止装车（装卸）作业");
    f.load = 0.5; /* a partial loading cut is a cut */
    class_and_text(&f, CU_MC_CUT, "装车（装卸）作业减至设计能力的50%");
    /* a coke oven: 24 h × 1 / 0.4 = 60 h, beyond its 48 h: worded as a cut */
    f.kind = CURTAIL_KIND_COKE_OVEN;
    f.coking_time_h = 24;
    f.max_coking_time_h = 48;
    f.load = 0.4;
    class_and_text(&f, CU_MC_CUT, "限产至设计产能的40%");
    f.load = 0.6; /* 40 h */
    class_and_text(&f, CU_MC_COKING_TIME, "延长结焦时间至40小时");
    f.load = 0;
    class_and_text(&f, CU_MC_HOT_IDLE, "焖炉保温");
    /* at base load: A voluntary, C none, a guarantee unit 保障类 */
    f.load = 1;
    class_and_text(&f, CU_MC_NONE, "本级别无停限产要求");
    f.grade = CURTAIL_GRADE_A;
    class_and_text(&f, CU_MC_VOLUNTARY, "不采取强制性减排措施（自主减排）");
    f.guarantee = CURTAIL_GUARANTEE_LIVELIHOOD;
    class_and_text(&f, CU_MC_GUARANTEE, "保障类（以热定产）");
    /* a follower at zero: it stops with its leader */
    f.guarantee = CURTAIL_GUARANTEE_NONE;
    f.kind = CURTAIL_KIND_BYPRODUCT;
    f.leader = "1# 焦炉";
    f.leader_kind = CURTAIL_KIND_COKE_OVEN;
    f.load = 0;
    class_and_text(&f, CU_MC_STOP, "随1# 焦炉焖炉停止生产");
}
END_TEST

/* Every allocation of the summary and of the writers that use it failing in
 * turn (7 or 8 of them each): CURTAIL_ENOMEM, nothing leaked; then the same
 * facts as without. */
START_TEST(allocation_failures)
{
    tu_counting c = {0, 0, 0};
    curtail_mem mem = tu_counting_mem(&c);
    curtail_load_options lo = CURTAIL_LOAD_OPTIONS_INIT;
    curtail_write_options o = CURTAIL_WRITE_OPTIONS_INIT;
    curtail_scenario *s2 = NULL;
    curtail_result *r2 = NULL;
    curtail_error err;
    long k, base;
    int w;
    lo.mem = &mem;
    ck_assert_int_eq(curtail_scenario_load_buffer(&s2, yaml, strlen(yaml), "sum.yaml", &lo, &err),
                     CURTAIL_OK);
    ck_assert_int_ne(curtail_plan_solve(s2, NULL, &r2, &err), CURTAIL_ENOMEM);
    base = c.live;
    for (w = 0; w < 4; w++) {
        for (k = 1;; k++) {
            cu_summary sum;
            cu_buf b;
            int rc;
            c.calls = 0;
            c.fail_at = k;
            cu_buf_init(&b, NULL);
            if (w == 0) {
                rc = cu_summary_compute(r2, &sum);
                if (rc == CURTAIL_OK)
                    ck_assert_uint_eq(sum.lv[2].units[CU_MC_STOP], 2);
                cu_summary_free(&sum);
            } else
                rc = w == 1 ? cu_write_md(r2, &o, &b)
                            : w == 2 ? cu_write_html(r2, &o, &b) : cu_write_json(r2, &o, &b);
            cu_buf_free(&b);
            ck_assert_msg(rc == CURTAIL_OK || rc == CURTAIL_ENOMEM, "writer %d, failure %ld: %d",
                          w, k, rc);
            ck_assert_msg(c.live == base, "writer %d, failure %ld: %ld blocks leaked", w, k,
                          c.live - base);
            if (c.calls < k) /* no allocation failed: done */
                break;
        }
        ck_assert_int_ge(k, 8); /* the summary's own allocations were each failed */
    }
    c.fail_at = 0;
    curtail_result_free(r2);
    curtail_scenario_free(s2);
    ck_assert_int_eq(c.live, 0);
}
END_TEST

/* ---- credits, mobile sources, fixed emissions (review P1-7, P2-3) ----------------------
 *
 * One unit, no optimiser freedom (extra.grades: []): u1 (100 t/d, 100 yuan/t,
 * SO2 0.2 + fixed 80 kg/d, NOx 2.0) cut 50 % at orange, its 10 trucks a day
 * (china4, 2 kg NOx a trip) stopped, the same at red (no target there). Orange, county totals SO2 1000, NOx 2000,
 * PM 100:
 *   SO2: order 0.1 × 1000 = 100 = required; achieved 20 × 0.5 = 10 = the
 *        most at the floor; stopping everything gives 20 (80 fixed): short 90.
 *   NOx: order 0.1 × 2000 = 200; credit 50, mobile 10 × 2 = 20; the listed
 *        must reduce 130; achieved 200 × 0.5 = 100: short 30; against the
 *        county (100 + 20 + 50) / 2000 = 8.50 %; of the listed 65 % / 50 %.
 *   PM:  order 0.2 × 100 = 20, nothing listed emits PM: short 20.
 *   VOCs: no target.
 *   SO2+NOx ≥ 20 %: credits and mobile (50 + 20) / 2000 = 3.50 %, the listed
 *        16.50 %; achieved 10/1000 + 100/2000 = 6.00 %, short 10.50 %.
 */
static const char yaml_mobile[] =
    "curtail: 1\n"
    "name: 抵扣核对\n"
    "targets:\n"
    "  base: totals\n"
    "  totals_kgpd: {SO2: 1000, NOx: 2000, PM: 100, VOCs: 400}\n"
    "  ratios:\n"
    "    yellow: {}\n"
    "    orange: {SO2: 0.1, NOx: 0.1, PM: 0.2}\n"
    "    red: {}\n"
    "  credits_kgpd: {orange: {NOx: 50}}\n"
    "  combined: [{pollutants: [SO2, NOx], levels: [orange], ratio: 0.2}]\n"
    "extra:\n"
    "  grades: []\n"
    "builtin_policy: false\n"
    "transport_factors: {china4_and_below: {NOx: 2}}\n"
    "policy:\n"
    "  - {industry: other, grades: [D], levels: [orange, red], cut: 0.5, transport: no_road}\n"
    "enterprises:\n"
    "  - id: e1\n"
    "    name: 甲公司\n"
    "    industry: other\n"
    "    grade: D\n"
    "    trucks_per_day: {china4_and_below: 10}\n"
    "    gate_monitoring: true\n"
    "    units:\n"
    "      - {id: u1, kind: other, capacity: 100, value: 100, ef: {SO2: 0.2, NOx: 2.0},\n"
    "         fixed_kgpd: {SO2: 80}}\n";

static curtail_result *solve_yaml(const char *text, curtail_scenario **sp)
{
    curtail_error err;
    curtail_result *r = NULL;
    int rc;
    memset(&err, 0, sizeof err);
    rc = curtail_scenario_load_buffer(sp, text, strlen(text), "t.yaml", NULL, &err);
    ck_assert_msg(rc == CURTAIL_OK, "load: %d:%d %s", err.line, err.column, err.message);
    rc = curtail_plan_solve(*sp, NULL, &r, &err);
    ck_assert_msg(rc == CURTAIL_TARGETS_UNMET || rc == CURTAIL_OK, "solve: %s", err.message);
    return r;
}

START_TEST(credit_and_mobile)
{
    curtail_scenario *sc2 = NULL;
    curtail_result *r = solve_yaml(yaml_mobile, &sc2);
    curtail_write_options o = CURTAIL_WRITE_OPTIONS_INIT;
    cu_summary s;
    const cu_sum_target *t;
    cu_buf b;
    ck_assert_int_eq(cu_summary_compute(r, &s), CURTAIL_OK);
    ck_assert_int_eq(s.has_credit && s.has_mobile, 1);
    ck_assert_int_eq(s.has_fixed[CURTAIL_SO2], 1);
    ck_assert_int_eq(s.has_fixed[CURTAIL_NOX], 0);
    t = &s.lv[1].t[CURTAIL_NOX];
    EQ(t->ratio, 0.1);
    EQ(t->order, 200);
    EQ(t->credit, 50);
    EQ(t->mobile, 20);
    EQ(t->required, 130);
    EQ(t->achieved, 100);
    EQ(t->shortfall, 30);
    EQ(t->achieved_total, 170);
    ck_assert_int_eq(t->why, CU_SHORT_AT_MINIMUM);
    t = &s.lv[1].t[CURTAIL_SO2];
    EQ(t->listed, 100);
    EQ(t->required, 100);
    EQ(t->achieved, 10);
    EQ(t->max_reduction, 10);
    EQ(t->reducible, 20);
    ck_assert_int_eq(t->why, CU_SHORT_BEYOND_LIST);
    ck_assert_int_eq(s.lv[1].t[CURTAIL_VOCS].targeted, 0);
    ck_assert_int_eq(s.lv[0].t[CURTAIL_NOX].targeted, 0);
    cu_summary_free(&s);

    cu_buf_init(&b, NULL);
    ck_assert_int_eq(cu_write_md(r, &o, &b), CURTAIL_OK);
    ck_assert_ptr_nonnull(strstr(b.data, "| 污染物 | 全社会排放量 (kg/d) | 清单企业排放量 (kg/d) "
                                         "| 要求减排比例（占全社会） | 要求减排量 (kg/d) "
                                         "| 非工业源抵扣 (kg/d) | 移动源减排量 (kg/d) "
                                         "| 清单企业须减排 (kg/d) | 清单企业实际减排 (kg/d) "
                                         "| 缺口 (kg/d) | 实际减排比例（占全社会） "
                                         "| 须减排比例（占清单企业） | 实际减排比例（占清单企业） |\n"));
    /* the county ratio is the order's 10 %, not 130 / 2000 = 6.5 % */
    ck_assert_ptr_nonnull(strstr(b.data, "| NOx | 2000.00 | 200.00 | 10.00% | 200.00 | 50.00 | "
                                         "20.00 | 130.00 | 100.00 | 30.00 | 8.50% | 65.00% | "
                                         "50.00% |\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "| VOCs | 400.00 | 0.00 | 不考核 | — | 0.00 | 0.00 | — | "
                                         "0.00 | — | 0.00% | — | 0.00% |\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "要求减排量 = 要求减排比例 × 全社会排放量；其中非工业源抵扣"
                                         "和移动源减排量（停运车辆）计入"));
    /* the figures that explain each shortfall */
    ck_assert_ptr_nonnull(strstr(b.data, "- 橙色预警 SO2 减排目标缺口 0.09 吨/日：可调企业已全部降至"
                                         "本级别最低负荷，本级别清单企业最多可减排 0.01 吨/日，低于"
                                         "清单企业须减排 0.1 吨/日；即使清单企业全部停产也只能减排 "
                                         "0.02 吨/日（固定排放不随负荷减少）。\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "- 橙色预警 NOx 减排目标缺口 0.03 吨/日：可调企业已全部降至"
                                         "本级别最低负荷，本级别清单企业最多可减排 0.1 吨/日，低于"
                                         "清单企业须减排 0.13 吨/日。\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "- 橙色预警 颗粒物 减排目标缺口 0.02 吨/日：可调企业已全部"
                                         "降至本级别最低负荷，本级别清单企业最多可减排 0 吨/日，低于"
                                         "清单企业须减排 0.02 吨/日（清单企业没有随负荷变化的该污染物"
                                         "排放）。\n"));
    /* the combined row names both, and carries no price in the main text */
    ck_assert_ptr_nonnull(strstr(b.data, "\nSO2+NOx 减排比例之和不低于 20.00%，其中非工业源抵扣及"
                                         "移动源 3.50%，清单企业须达 16.50%；清单企业实际 6.00%，"
                                         "缺口 10.50%。\n"));
    ck_assert_ptr_null(strstr(b.data, "元/日每百分点（按加权损失计）"));
    /* unmet: no price to report in the annex */
    ck_assert_ptr_nonnull(strstr(b.data, "| 橙色 | SO2+NOx ≥ 20.00% | —（未达成） | — |\n"));
    b.len = 0;
    o.lang = CURTAIL_LANG_EN;
    ck_assert_int_eq(cu_write_md(r, &o, &b), CURTAIL_OK);
    ck_assert_ptr_nonnull(strstr(b.data, "| NOx | 2000.00 | 200.00 | 10.00% | 200.00 | 50.00 | "
                                         "20.00 | 130.00 | 100.00 | 30.00 | 8.50% | 65.00% | "
                                         "50.00% |\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "; even stopping every listed unit would reduce only "
                                         "0.02 t/d (fixed emissions never reduce).\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "of which non-industrial credits and mobile sources 3.50%"));
    b.len = 0;
    o.lang = CURTAIL_LANG_DEFAULT;
    ck_assert_int_eq(cu_write_json(r, &o, &b), CURTAIL_OK);
    ck_assert_ptr_nonnull(strstr(b.data, "\"NOx\": {\"county_total\": 2000, \"listed\": 200, "
                                         "\"targeted\": true, \"ratio\": 0.1, "
                                         "\"required_total\": 200, \"credit\": 50, \"mobile\": 20, "
                                         "\"required\": 130, \"achieved\": 100, "
                                         "\"achieved_total\": 170, "
                                         "\"required_ratio_county\": 0.1, "
                                         "\"achieved_ratio_county\": 0.085, "
                                         "\"required_ratio_listed\": 0.65, "
                                         "\"achieved_ratio_listed\": 0.5, "));
    b.len = 0;
    ck_assert_int_eq(cu_write_html(r, &o, &b), CURTAIL_OK);
    ck_assert_ptr_nonnull(strstr(b.data, "<td>NOx</td><td class=\"n\">2000.00</td>"
                                         "<td class=\"n\">200.00</td><td class=\"n\">10.00%</td>"
                                         "<td class=\"n\">200.00</td><td class=\"n\">50.00</td>"
                                         "<td class=\"n\">20.00</td><td class=\"n\">130.00</td>"));
    cu_buf_free(&b);
    curtail_result_free(r);
    curtail_scenario_free(sc2);
}
END_TEST

/* ---- a combined row in the annex (review P1-4) -------------------------------------------
 *
 * SO2+NOx ≥ 5 % at red (the strictest level: no level above it shares
 * the cut through the nesting) and no other target; the only unit u1 (100 t/d,
 * 100 yuan/t, NOx 2 kg/t, grade D weight 1, free to go to 0) cuts y: NOx
 * 200·y kg/d, a ratio 200·y / 2000 = y / 10 ≥ 0.05, y = 0.5, weighted loss
 * 100·100·y = 100000 × ratio: the price is 100000 yuan/d per 1.0 of the
 * sum, 1000.00 per percentage point, 100000 / 1000 = 100.00 yuan per kg of
 * SO2 and 100000 / 2000 = 50.00 per kg of NOx — the unit's own cost per kg
 * (100 × 1 / 2 = 50), as its 依据 says.
 */
static const char yaml_combined[] =
    "curtail: 1\n"
    "name: 组合核对\n"
    "targets:\n"
    "  base: totals\n"
    "  totals_kgpd: {SO2: 1000, NOx: 2000, PM: 100, VOCs: 400}\n"
    "  ratios: {yellow: {}, orange: {}, red: {}}\n"
    "  combined: [{pollutants: [SO2, NOx], levels: [red], ratio: 0.05}]\n"
    "extra:\n"
    "  grades: [D]\n"
    "  weights: {D: 1}\n"
    "builtin_policy: false\n"
    "enterprises:\n"
    "  - id: e1\n"
    "    name: 乙公司\n"
    "    industry: other\n"
    "    grade: D\n"
    "    units:\n"
    "      - {id: u1, kind: other, capacity: 100, value: 100, ef: {NOx: 2.0}}\n";

START_TEST(combined_in_annex)
{
    curtail_scenario *sc2 = NULL;
    curtail_result *r = solve_yaml(yaml_combined, &sc2);
    curtail_write_options o = CURTAIL_WRITE_OPTIONS_INIT;
    const char *annex;
    cu_buf b;
    ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
    ck_assert_uint_eq(r->ncomb, 1);
    ck_assert_msg(fabs(r->comb[0].shadow_price - 100000) < 1e-6, "price %.17g",
                  r->comb[0].shadow_price);
    cu_buf_init(&b, NULL);
    ck_assert_int_eq(cu_write_md(r, &o, &b), CURTAIL_OK);
    annex = strstr(b.data, "## 附录");
    ck_assert_ptr_nonnull(annex);
    /* the main text: requirement, achieved, shortfall only */
    ck_assert_ptr_nonnull(strstr(b.data, "\nSO2+NOx 减排比例之和不低于 5.00%；清单企业实际 5.00%，"
                                         "缺口 0.00%。\n"));
    ck_assert_ptr_null(strstr(b.data, "（按加权损失计）。\n"));
    /* the annex: the price per percentage point and per kg */
    ck_assert_ptr_nonnull(strstr(annex, "| 预警级别 | 组合目标 | 边际减排成本 (元/日每百分点) "
                                        "| 折合各污染物 (元/千克) |\n|---|---|---:|---|\n"
                                        "| 红色 | SO2+NOx ≥ 5.00% | 1000.00 | SO2 100.00；NOx 50.00 |\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "不高于本级别边际成本50元/千克"));
    b.len = 0;
    o.lang = CURTAIL_LANG_EN;
    ck_assert_int_eq(cu_write_md(r, &o, &b), CURTAIL_OK);
    ck_assert_ptr_nonnull(strstr(b.data, "| Red | SO2+NOx ≥ 5.00% | 1000.00 | SO2 100.00; NOx 50.00 |\n"));
    b.len = 0;
    o.lang = CURTAIL_LANG_DEFAULT;
    ck_assert_int_eq(cu_write_html(r, &o, &b), CURTAIL_OK);
    ck_assert_ptr_nonnull(strstr(b.data, "<tr class=\"l2\"><th class=\"l2\">红色</th><td>SO2+NOx ≥ "
                                         "5.00%</td><td class=\"n\">1000.00</td><td>SO2 100.00；NOx "
                                         "50.00</td></tr>"));
    cu_buf_free(&b);
    curtail_result_free(r);
    curtail_scenario_free(sc2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("summary");
    TCase *tc = tcase_create("hand");
    SRunner *sr;
    int failed;
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, targets_on_both_bases);
    tcase_add_test(tc, counts_by_measure);
    tcase_add_test(tc, counts_by_grade_industry_town);
    tcase_add_test(tc, written);
    tcase_add_test(tc, allocation_failures);
    tcase_add_test(tc, class_follows_text);
    suite_add_tcase(s, tc);
    tc = tcase_create("accounts");
    tcase_add_test(tc, credit_and_mobile);
    tcase_add_test(tc, combined_in_annex);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
