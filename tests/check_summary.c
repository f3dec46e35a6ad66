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
    ck_assert_ptr_nonnull(strstr(b.data, "| VOCs | 400.00 | 250.00 | 80.00 | 100.00 | 0.00 | "
                                         "20.00% | 25.00% | 32.00% | 40.00% |"));
    ck_assert_ptr_nonnull(strstr(b.data, "- 橙色预警 NOx 减排目标缺口 0.1 吨/日：可调企业已全部降至"
                                         "最低负荷，本级别清单企业最多可减排 0.5 吨/日。\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "- 红色预警 VOCs 减排目标缺口 0.03 吨/日：清单企业全部停产"
                                         "也只能减排 0.25 吨/日"));
    ck_assert_ptr_nonnull(strstr(b.data, "| 焖炉保温 | 0 | 0 | 0 | 0 | 1 | 1 |\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "| 停止装车（装卸）作业 | 0 | 0 | 0 | 0 | 1 | 0 |\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "| 合计 | 6 | 4 | 6 | 4 | 6 | 4 |\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "| （未填写乡镇） | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 |\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "A级 ×3，C级 ×2，D级 ×1。"));
    ck_assert_ptr_nonnull(strstr(b.data, "目标函数值：47.00 万元/日。"));
    ck_assert_ptr_null(strstr(b.data, "加权元"));
    ck_assert_ptr_null(strstr(b.data, "三级加权损失合计"));
    b.len = 0;
    o.lang = CURTAIL_LANG_EN;
    ck_assert_int_eq(cu_write_md(res, &o, &b), CURTAIL_OK);
    ck_assert_ptr_nonnull(strstr(b.data, "- Orange alert: the NOx target is short by 0.1 t/d: every "
                                         "adjustable unit is already at its lowest load"));
    ck_assert_ptr_nonnull(strstr(b.data, "| hot idle | 0 | 0 | 0 | 0 | 1 | 1 |\n"));
    b.len = 0;
    o.lang = CURTAIL_LANG_DEFAULT;
    ck_assert_int_eq(cu_write_json(res, &o, &b), CURTAIL_OK);
    ck_assert_ptr_nonnull(strstr(b.data, "\"NOx\": {\"county_total\": 2000, \"listed\": 1100, "
                                         "\"required\": 600, \"achieved\": 500, "
                                         "\"required_ratio_county\": 0.3, "
                                         "\"achieved_ratio_county\": 0.25, "));
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

/* An allocator that fails the fail_at-th call (0: never), counting live blocks. */
typedef struct counting {
    long calls, fail_at, live;
} counting;

static void *c_calloc(size_t n, size_t size, void *ctx)
{
    counting *c = ctx;
    void *p;
    if (++c->calls == c->fail_at)
        return NULL;
    p = calloc(n, size);
    c->live += p != NULL;
    return p;
}

static void *c_realloc(void *ptr, size_t size, void *ctx)
{
    counting *c = ctx;
    void *p;
    if (++c->calls == c->fail_at)
        return NULL;
    p = realloc(ptr, size);
    c->live += p && !ptr;
    return p;
}

static void c_free(void *ptr, void *ctx)
{
    counting *c = ctx;
    c->live -= ptr != NULL;
    free(ptr);
}

/* Every allocation of the summary and of the writers that use it failing in
 * turn (7 or 8 of them each): CURTAIL_ENOMEM, nothing leaked; then the same
 * facts as without. */
START_TEST(allocation_failures)
{
    counting c = {0, 0, 0};
    curtail_mem mem = {c_calloc, c_realloc, c_free, &c};
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
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
