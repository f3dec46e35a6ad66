/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_explain.c — `curtail explain` (an enterprise's 一厂一策 sheet, a
 * level's account, the enterprises to choose from), the public version of
 * the list (--public, 公示版), and the enterprise fields the sheet shows
 * (address, industry_code, contact), through the public API and the CLI.
 *
 * The scenario tests/data/golden/explain.yaml is computed by hand in its
 * header: PM only, totals 1000 kg/d; the kiln group (line1 and its follower
 * dryer) costs 2·10000/150 = 133.33 weighted yuan per kg, the boiler
 * 1·2400/240 = 10. Yellow (50 kg/d): the boiler to 1 − 50/240; its
 * shadow price is 20, not 10: a kg more at yellow lowers the boiler at
 * orange too (measures never relax at a stricter level, and orange keeps
 * the yellow load). Orange (100): the kiln's rule (cut 50 %) gives 75, the
 * boiler's kept yellow cut 50: 125, not binding. Red (200): 75 + 125, the
 * boiler to 1 − 125/240 = 47.91 %, shadow price 10; lost value
 * 0.5·10000 + 125·10 = 6250 yuan/d = 0.6250 万元/日, weighted 2·5000 + 1250.
 */
#define _POSIX_C_SOURCE 200809L
#include "curtail.h"
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GOLDEN CURTAIL_TEST_DATA "/golden/"

/* ---- helpers ------------------------------------------------------------------ */

static curtail_scenario *load_golden(void)
{
    size_t len;
    char *text = tu_read_file(GOLDEN "explain.yaml", &len);
    curtail_scenario *s;
    ck_assert_ptr_nonnull(text);
    s = tu_load_yaml(text, "explain.yaml");
    free(text);
    return s;
}

static curtail_result *solve(const curtail_scenario *s)
{
    curtail_result *r = NULL;
    curtail_error err;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(curtail_plan_solve(s, NULL, &r, &err), CURTAIL_OK);
    return r;
}

/* explain into a temporary file, read back (malloc'd) */
static char *explain(const curtail_result *r, const curtail_explain_options *o)
{
    char *dir = tu_tmpdir(), path[1024], *out;
    curtail_error err;
    size_t len;
    memset(&err, 0, sizeof err);
    snprintf(path, sizeof path, "%s/x.out", dir);
    ck_assert_msg(curtail_explain_write_file(r, o, path, &err) == CURTAIL_OK, "%s", err.message);
    out = tu_read_file(path, &len);
    ck_assert_ptr_nonnull(out);
    remove(path);
    remove(dir);
    free(dir);
    return out;
}

static char *write_public(const curtail_result *r, curtail_format f, curtail_lang lang)
{
    curtail_write_options wo = CURTAIL_WRITE_OPTIONS_INIT;
    wo.format = f;
    wo.lang = lang;
    wo.public_version = 1;
    return tu_write_read(r, &wo, NULL);
}

static void assert_golden(const char *got, const char *golden)
{
    char path[1024];
    size_t len, i = 0, line = 1, start = 0;
    char *want;
    snprintf(path, sizeof path, GOLDEN "%s", golden);
    want = tu_read_file(path, &len);
    ck_assert_msg(want != NULL, "cannot read %s", path);
    if (strcmp(got, want) != 0) {
        while (got[i] && got[i] == want[i]) {
            if (got[i] == '\n') {
                line++;
                start = i + 1;
            }
            i++;
        }
        ck_abort_msg("%s differs at line %zu:\n got: %.300s\nwant: %.300s", golden, line,
                     got + start, want + start);
    }
    free(want);
}

#define ASSERT_HAS(hay, needle)                                                              \
    ck_assert_msg(strstr((hay), (needle)) != NULL, "missing: %s", (needle))
#define ASSERT_HASNT(hay, needle)                                                            \
    ck_assert_msg(strstr((hay), (needle)) == NULL, "present: %s", (needle))

/* ---- explain ------------------------------------------------------------------- */

START_TEST(test_explain_sheet_zh_golden)
{
    curtail_scenario *s = load_golden();
    curtail_result *r = solve(s);
    curtail_explain_options o = CURTAIL_EXPLAIN_OPTIONS_INIT;
    char *out;
    o.enterprise = "kiln";
    out = explain(r, &o);
    assert_golden(out, "explain.sheet.zh.md");
    /* the overview, and the hand-computed cuts: line1 50, dryer 25 at orange and red */
    ASSERT_HAS(out, "| 联系电话 | 0355-0000000 |");
    ASSERT_HAS(out, "| 行业 | 其他（GB/T 4754：C3031） |");
    ASSERT_HAS(out, "| 1# 生产线 | 限产50%（产量由100吨/日降至50吨/日及以下） | 50% | 0.00 | 0.00 | "
                    "50.00 | 0.00 |");
    ASSERT_HAS(out, "| **合计** |  |  | 0.00 | 0.00 | 75.00 | 0.00 |  |");
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_explain_sheet_en_golden)
{
    curtail_scenario *s = load_golden();
    curtail_result *r = solve(s);
    curtail_explain_options o = CURTAIL_EXPLAIN_OPTIONS_INIT;
    char *out;
    o.enterprise = "kiln";
    o.lang = CURTAIL_LANG_EN;
    out = explain(r, &o);
    assert_golden(out, "explain.sheet.en.md");
    ASSERT_HAS(out, "| Contact | 张某（示例） |");
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_explain_level_golden)
{
    curtail_scenario *s = load_golden();
    curtail_result *r = solve(s);
    curtail_explain_options o = CURTAIL_EXPLAIN_OPTIONS_INIT;
    char *out;
    o.level = CURTAIL_RED;
    out = explain(r, &o);
    assert_golden(out, "explain.level.zh.md");
    /* listed 100 + 50 + 240 = 390; 200/1000 = 20 %, 200/390 = 51.28 % */
    ASSERT_HAS(out, "| 颗粒物 | 1000.00 | 390.00 | 200.00 | 200.00 | 0.00 | 20.00% | 51.28% | 10.00 |");
    /* 6250 yuan/d in the headline with 2 decimals as in the plan; the weighted
     * loss (2·5000 + 1250 = 11250) only in the closing annex */
    ASSERT_HAS(out, "状态：减排目标全部达成；损失产值 0.62 万元/日。\n");
    ASSERT_HAS(out, "## 附：边际减排成本与加权损失\n\n边际减排成本：");
    ASSERT_HAS(out, "本级别加权损失 1.12 万元/日（仅供优化比较，不是实际金额）。\n");
    ASSERT_HASNT(out, "影子价格");
    /* the boiler alone is cut beyond its rule: 1 − 125/240 = 47.91 % */
    ASSERT_HAS(out, "| 1 | 乙热力有限公司 | `heat` | 1# 锅炉 | 100% | 47.91% |");
    ASSERT_HASNT(out, "| 2 |");
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_explain_level_nesting_price)
{
    curtail_scenario *s = load_golden();
    curtail_result *r = solve(s);
    curtail_explain_options o = CURTAIL_EXPLAIN_OPTIONS_INIT;
    char *out;
    o.level = CURTAIL_YELLOW;
    out = explain(r, &o);
    /* 10 at yellow + 10 at orange, which keeps the yellow load */
    ASSERT_HAS(out, "| 颗粒物 | 1000.00 | 390.00 | 50.00 | 50.00 | 0.00 | 5.00% | 12.82% | 20.00 |");
    ASSERT_HAS(out, "| 1 | 乙热力有限公司 | `heat` | 1# 锅炉 | 100% | 79.16% |");
    free(out);
    o.level = CURTAIL_ORANGE;
    out = explain(r, &o);
    /* not binding; the boiler is held at the yellow load, not the optimiser's choice here */
    ASSERT_HAS(out, "| 颗粒物 | 1000.00 | 390.00 | 100.00 | 125.00 | 0.00 | 12.50% | 32.05% | 0.00 |");
    ASSERT_HAS(out, "保持黄色预警负荷（措施逐级加严）");
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_explain_sheet_one_level)
{
    curtail_scenario *s = load_golden();
    curtail_result *r = solve(s);
    curtail_explain_options o = CURTAIL_EXPLAIN_OPTIONS_INIT;
    char *out;
    o.enterprise = "heat";
    o.level = CURTAIL_ORANGE;
    out = explain(r, &o);
    ASSERT_HAS(out, "### 橙色预警");
    ASSERT_HASNT(out, "### 黄色预警");
    ASSERT_HASNT(out, "### 红色预警");
    ASSERT_HAS(out, "| 1# 锅炉 | 锅炉 | 10 吨/小时 | 100% | — | 0.00 | 0.00 | 240.00 | 0.00 |");
    ASSERT_HAS(out, "| 联系人 | （未填写） |");
    ASSERT_HAS(out, "运输措施：未明确。\n"); /* no rule states one for the boiler */
    ASSERT_HASNT(out, "运输车辆"); /* no trucks_per_day, no gate monitoring */
    ASSERT_HASNT(out, "门禁");
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_explain_index)
{
    curtail_scenario *s = load_golden();
    curtail_result *r = solve(s);
    char *out = explain(r, NULL);
    /* a plain list: the note and who compiled it, no edition banner */
    ASSERT_HAS(out, "# 企业列表：测试县应急减排清单\n\n> 说明：数值均为示意\n>\n"
                    "> 编制单位：测试县生态环境局\n\n");
    ASSERT_HASNT(out, "报备版");
    ASSERT_HAS(out, "| 1 | `kiln` | 甲建材有限公司 | 王桥镇 | 其他 | C级 | 2 |\n"
                    "| 2 | `heat` | 乙热力有限公司 | 古韩镇 | 锅炉 | D级 | 1 |\n");
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_explain_json)
{
    curtail_scenario *s = load_golden();
    curtail_result *r = solve(s);
    curtail_explain_options o = CURTAIL_EXPLAIN_OPTIONS_INIT;
    char *out;
    o.format = CURTAIL_FORMAT_JSON;
    o.enterprise = "kiln";
    out = explain(r, &o);
    ASSERT_HAS(out, "\"command\": \"explain\", \"explain\": \"enterprise\"");
    ASSERT_HAS(out, "\"industry_code\": \"C3031\"");
    ASSERT_HAS(out, "\"contact\": {\"name\": \"张某（示例）\", \"phone\": \"0355-0000000\"}");
    ASSERT_HAS(out, "{\"unit\": \"dryer\", \"name\": \"烘干\", \"kind\": \"other\", \"capacity\": "
                    "100, \"capacity_unit\": \"t/d\", \"base_load\": 1, \"follows\": \"line1\"");
    ASSERT_HAS(out, "], \"reduction_kgpd\": {\"SO2\": 0, \"NOx\": 0, \"PM\": 75, \"VOCs\": 0},\n"
                    "     \"transport\": {\"measure\": \"no_china4_heavy\", \"text\": "
                    "\"停止使用国四及以下重型载货车辆（含燃气）进行运输\", \"trips_stopped\": 0}}");
    ASSERT_HAS(out, "\"trucks_per_day\": null, \"gate_monitoring\": false}");
    free(out);
    o.enterprise = "heat"; /* 240 t/d stated in t/h: 10 */
    out = explain(r, &o);
    ASSERT_HAS(out, "\"capacity\": 10, \"capacity_unit\": \"t/h\"");
    free(out);
    o.enterprise = NULL;
    o.level = CURTAIL_RED;
    out = explain(r, &o);
    ASSERT_HAS(out, "\"PM\": {\"baseline\": 1000, \"listed\": 390, \"required\": 200, "
                    "\"achieved\": 200, \"shortfall\": 0, \"shadow_price\": 10, \"credit\": 0}");
    ASSERT_HAS(out, "\"combined\": [],\n  \"mobile\": {\"trips_stopped\": 0, ");
    ASSERT_HAS(out, "\"lost_value\": 6250,\n  \"weighted_loss\": 11250");
    ASSERT_HAS(out, "{\"enterprise\": \"heat\", \"unit\": \"b1\", \"rule_hi\": 1, \"load\": ");
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* Issue 10's keys in the account and on the sheet, by hand: one boiler, 960
 * t/d (40 t/h), ef 0.25 for SO2 and NOx: 240 kg/d each of county totals of
 * 1000. Orange: the ratios ask nothing per pollutant, but SO2+NOx must sum to
 * 60 %; credits NOx 50 kg/d and the no_road measure stopping 10 China IV
 * trips of 1 kg NOx (10 kg/d) count (50 + 10)/1000 = 6 %, so the listed must
 * reach 54 %; stopping the boiler gives 24 % + 24 % = 48 %: short by 6 %.
 * Lost value 960 t × 10 yuan = 9600 yuan/d = 0.96 万元/日; weighted (C, ×2)
 * 1.92. Every per-pollutant shortfall is 0.00: the combined row says why
 * the level is "未全部达成". */
static const char comb_yaml[] =
    "curtail: 1\n"
    "name: 组合目标测试\n"
    "lang: zh\n"
    "targets:\n"
    "  base: totals\n"
    "  totals_kgpd: {SO2: 1000, NOx: 1000, PM: 0, VOCs: 0}\n"
    "  ratios:\n"
    "    yellow: {SO2: 0, NOx: 0, PM: 0, VOCs: 0}\n"
    "    orange: {SO2: 0, NOx: 0, PM: 0, VOCs: 0}\n"
    "    red: {SO2: 0, NOx: 0, PM: 0, VOCs: 0}\n"
    "  credits_kgpd: {orange: {NOx: 50}}\n"
    "  combined: [{pollutants: [SO2, NOx], levels: [orange], ratio: 0.6}]\n"
    "builtin_policy: false\n"
    "policy:\n"
    "  - {industry: boiler, grades: [C], levels: [orange, red], transport: no_road}\n"
    "transport_factors: {china4_and_below: {NOx: 1}}\n"
    "enterprises:\n"
    "  - id: boil\n"
    "    name: 丙热力\n"
    "    industry: boiler\n"
    "    grade: C\n"
    "    trucks_per_day: {china4_and_below: 10}\n"
    "    gate_monitoring: true\n"
    "    units:\n"
    "      - {id: b1, name: 1# 锅炉, kind: boiler, boiler: {fuel: coal}, capacity: 960, value: 10,\n"
    "         ef: {SO2: 0.25, NOx: 0.25}}\n";

START_TEST(test_explain_account_combined_credits_mobile)
{
    curtail_scenario *s = tu_load_yaml(comb_yaml, "comb.yaml");
    curtail_result *r = solve(s);
    curtail_explain_options o = CURTAIL_EXPLAIN_OPTIONS_INIT;
    char *out;
    double trucks[CURTAIL_NTRUCK_CLASSES] = {-1, -1, -1, -1};
    int has = -1, gate = -1;
    curtail_error err;
    ck_assert_int_eq(curtail_scenario_trucks(s, 0, &has, trucks, &gate, &err), CURTAIL_OK);
    ck_assert_int_eq(has, 1);
    ck_assert_int_eq(gate, 1);
    ck_assert(trucks[0] == 10 && trucks[1] == 0 && trucks[2] == 0 && trucks[3] == 0);
    ck_assert_int_eq(curtail_scenario_trucks(s, 1, NULL, NULL, NULL, &err), CURTAIL_EINVAL);
    ck_assert_str_eq(err.message, "curtail_scenario_trucks: index 1 out of range (1 enterprises)");
    ck_assert_int_eq(curtail_result_status(r), CURTAIL_TARGETS_UNMET);
    o.level = CURTAIL_ORANGE;
    out = explain(r, &o);
    ASSERT_HAS(out, "状态：减排目标未全部达成（缺口已最小化）；损失产值 0.96 万元/日。\n");
    ASSERT_HAS(out, "| SO2 | 1000.00 | 240.00 | 0.00 | 240.00 | 0.00 | 24.00% | 100.00% | 0.00 |\n"
                    "| NOx | 1000.00 | 240.00 | 0.00 | 240.00 | 0.00 | 24.00% | 100.00% | 0.00 |\n");
    ASSERT_HAS(out, "\n\n非工业源抵扣（kg/d，已从减排要求中扣除）：NOx 50.00。\n\n");
    ASSERT_HAS(out, "SO2+NOx 减排比例之和不低于 60.00%");
    ASSERT_HAS(out, "实际 48.00%，缺口 6.00%");
    ASSERT_HAS(out, "\n\n移动源减排量（kg/d，停运 10 车次/日，已从减排要求中扣除）：NOx 10.00。\n\n");
    ASSERT_HAS(out, "本级别加权损失 1.92 万元/日");
    free(out);
    o.format = CURTAIL_FORMAT_JSON;
    out = explain(r, &o);
    ASSERT_HAS(out, "\"NOx\": {\"baseline\": 1000, \"listed\": 240, \"required\": 0, \"achieved\": 240, "
                    "\"shortfall\": 0, \"shadow_price\": 0, \"credit\": 50}");
    ASSERT_HAS(out, "\"combined\": [\n    {\"pollutants\": [\"SO2\", \"NOx\"], \"ratio\": 0.6, "
                    "\"credit\": 0.06, \"required\": 0.54, \"achieved\": 0.48, \"shortfall\": 0.06");
    ASSERT_HAS(out, "\"mobile\": {\"trips_stopped\": 10, \"reduction_kgpd\": {\"SO2\": 0, \"NOx\": 10, "
                    "\"PM\": 0, \"VOCs\": 0}}");
    free(out);
    /* the enterprise's sheet: trucks, gate, the capacity in its unit, the
     * transport measure per level with the trips it stops */
    o.format = CURTAIL_FORMAT_MD;
    o.level = -1;
    o.enterprise = "boil";
    out = explain(r, &o);
    ASSERT_HAS(out, "| 运输车辆（车次/日） | 国四及以下 10 |\n| 门禁系统 | 有 |\n");
    ASSERT_HAS(out, "| 1 | 1# 锅炉 | 锅炉 | 40 吨/小时 | 100% |");
    ASSERT_HAS(out, "### 黄色预警");
    ASSERT_HAS(out, "| **合计** |  |  | 0.00 | 0.00 | 0.00 | 0.00 |  |\n\n运输措施：未明确。\n\n"
                    "### 橙色预警");
    ASSERT_HAS(out, "| **合计** |  |  | 240.00 | 240.00 | 0.00 | 0.00 |  |\n\n"
                    "运输措施：停止公路运输（停运 10 车次/日）。\n\n### 红色预警");
    free(out);
    o.format = CURTAIL_FORMAT_JSON;
    out = explain(r, &o);
    ASSERT_HAS(out, "\"capacity\": 40, \"capacity_unit\": \"t/h\"");
    ASSERT_HAS(out, "\"trucks_per_day\": {\"china4_and_below\": 10, \"china5\": 0, \"china6\": 0, "
                    "\"electric\": 0}, \"gate_monitoring\": true}");
    ASSERT_HAS(out, "\"transport\": {\"measure\": \"no_road\", \"text\": \"停止公路运输\", "
                    "\"trips_stopped\": 10}");
    free(out);
    /* the public version: 40 t/h, the transport measure, not the trips */
    out = write_public(r, CURTAIL_FORMAT_JSON, CURTAIL_LANG_DEFAULT);
    ASSERT_HAS(out, "\"capacity\": 40, \"capacity_unit\": \"t/h\"");
    ASSERT_HAS(out, "\"transport\": {\"yellow\": {\"measure\": null, \"text\": \"\"},\n"
                    "                   \"orange\": {\"measure\": \"no_road\", \"text\": \"停止公路运输\"},");
    ASSERT_HASNT(out, "trips");
    free(out);
    out = write_public(r, CURTAIL_FORMAT_MD, CURTAIL_LANG_DEFAULT);
    ASSERT_HAS(out, "| 1# 锅炉 | 40 吨/小时 | 100% | 100% | 本级别无停限产要求 |  | 0% | 停产 | "
                    "停止公路运输 | 0% | 停产 | 停止公路运输 |\n");
    free(out);
    out = write_public(r, CURTAIL_FORMAT_CSV, CURTAIL_LANG_EN);
    ASSERT_HAS(out, ",Yellow transport,");
    ASSERT_HAS(out, ",40 t/h,100%,100%,no curtailment required at this level,,0%,stop production,"
                    "no road transport,0%,stop production,no road transport\n");
    free(out);
    out = write_public(r, CURTAIL_FORMAT_HTML, CURTAIL_LANG_DEFAULT);
    ASSERT_HAS(out, "<th class=\"l1\">橙色 运输措施</th>");
    ASSERT_HAS(out, "<td class=\"m\">停止公路运输</td>");
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* Unmet by less than the tables show: SO2 asks 24.0001 % of 1000 = 240.001
 * kg/d of a boiler emitting 240: short by 0.001, printed 0.00; the status
 * says why the level is unmet rather than leaving "0.00" everywhere. */
START_TEST(test_explain_account_tiny_shortfall)
{
    static const char yaml[] =
        "curtail: 1\n"
        "lang: zh\n"
        "targets:\n"
        "  base: totals\n"
        "  totals_kgpd: {SO2: 1000, NOx: 1000, PM: 0, VOCs: 0}\n"
        "  ratios:\n"
        "    yellow: {SO2: 0, NOx: 0, PM: 0, VOCs: 0}\n"
        "    orange: {SO2: 0.240001, NOx: 0, PM: 0, VOCs: 0}\n"
        "    red: {SO2: 0, NOx: 0, PM: 0, VOCs: 0}\n"
        "builtin_policy: false\n"
        "enterprises:\n"
        "  - id: boil\n"
        "    industry: boiler\n"
        "    grade: C\n"
        "    units:\n"
        "      - {id: b1, kind: boiler, boiler: {fuel: coal}, capacity: 960, value: 10,\n"
        "         ef: {SO2: 0.25, NOx: 0.25}}\n";
    curtail_scenario *s = tu_load_yaml(yaml, "tiny.yaml");
    curtail_result *r = solve(s);
    curtail_explain_options o = CURTAIL_EXPLAIN_OPTIONS_INIT;
    char *out;
    o.level = CURTAIL_ORANGE;
    out = explain(r, &o);
    ASSERT_HAS(out, "状态：减排目标未全部达成（缺口已最小化），各项缺口均小于表中显示精度；损失产值 0.96 "
                    "万元/日。\n");
    ASSERT_HAS(out, "| SO2 | 1000.00 | 240.00 | 240.00 | 240.00 | 0.00 | 24.00% | 100.00% | 0.00 |");
    free(out);
    /* a visible shortfall needs no such words (the combined row's 6.00 %) */
    curtail_result_free(r);
    curtail_scenario_free(s);
    s = tu_load_yaml(comb_yaml, "comb.yaml");
    r = solve(s);
    out = explain(r, &o);
    ASSERT_HASNT(out, "显示精度");
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* ---- the public version ------------------------------------------------------------ */

START_TEST(test_public_md_golden)
{
    curtail_scenario *s = load_golden();
    curtail_result *r = solve(s);
    char *out = write_public(r, CURTAIL_FORMAT_MD, CURTAIL_LANG_DEFAULT);
    assert_golden(out, "public.zh.md");
    ASSERT_HASNT(out, "kg");
    ASSERT_HASNT(out, "元/"); /* (生产单元 has a 元) */
    ASSERT_HASNT(out, "万元");
    ASSERT_HASNT(out, "依据");
    free(out);
    out = write_public(r, CURTAIL_FORMAT_MD, CURTAIL_LANG_EN);
    assert_golden(out, "public.en.md");
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_public_csv_golden)
{
    curtail_scenario *s = load_golden();
    curtail_result *r = solve(s);
    char *out = write_public(r, CURTAIL_FORMAT_CSV, CURTAIL_LANG_DEFAULT);
    assert_golden(out, "public.zh.csv");
    ASSERT_HASNT(out, "kg");
    ASSERT_HASNT(out, "减排量");
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_public_json_no_emissions_or_money)
{
    static const char *const forbidden[] = {
        "\"baseline", "\"required", "\"achieved", "\"shortfall", "\"shadow_price",
        "\"reduction", "\"lost_value", "\"weighted_loss", "\"objective", "\"targets",
        "\"basis", "\"cost_per_kg", "\"marginal_cost", "\"ef\"", "\"value", "\"warnings",
        "kg", "元/", "万元", "yuan"};
    curtail_scenario *s = load_golden();
    curtail_result *r = solve(s);
    size_t i;
    char *out = write_public(r, CURTAIL_FORMAT_JSON, CURTAIL_LANG_DEFAULT);
    for (i = 0; i < sizeof forbidden / sizeof forbidden[0]; i++)
        ASSERT_HASNT(out, forbidden[i]);
    ASSERT_HAS(out, "\"edition\": \"public\"");
    /* what it does carry: the measure and the load */
    ASSERT_HAS(out, "\"red\": {\"load\": 0.47916666666666663, \"measure\": \"none\", \"text\": "
                    "\"限产至设计产能的47.91%（蒸发量由10吨/小时降至4.79吨/小时及以下）\"}");
    free(out);
    /* the HTML too */
    out = write_public(r, CURTAIL_FORMAT_HTML, CURTAIL_LANG_DEFAULT);
    ASSERT_HAS(out, "公示版");
    ASSERT_HASNT(out, "kg/d"); /* (the CSS has a "background") */
    ASSERT_HASNT(out, "基准排放量");
    ASSERT_HASNT(out, "减排量 ");
    ASSERT_HASNT(out, "万元");
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* ---- errors -------------------------------------------------------------------------- */

START_TEST(test_explain_unknown_enterprise)
{
    curtail_scenario *s = load_golden();
    curtail_result *r = solve(s);
    curtail_explain_options o = CURTAIL_EXPLAIN_OPTIONS_INIT;
    char *dir = tu_tmpdir(), path[1024], *kept;
    curtail_error err;
    size_t len;
    snprintf(path, sizeof path, "%s/keep.md", dir);
    ck_assert_int_eq(tu_write_file(path, "old\n", 4), 0);
    o.enterprise = "kil";
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(curtail_explain_write_file(r, &o, path, &err), CURTAIL_EINVAL);
    ck_assert_str_eq(err.message, "no enterprise with id 'kil'");
    kept = tu_read_file(path, &len);
    ck_assert_str_eq(kept, "old\n"); /* untouched */
    free(kept);
    o.enterprise = NULL;
    o.format = CURTAIL_FORMAT_CSV;
    ck_assert_int_eq(curtail_explain_write_file(r, &o, path, &err), CURTAIL_EINVAL);
    o.format = CURTAIL_FORMAT_MD;
    o.level = 3;
    ck_assert_int_eq(curtail_explain_write_file(r, &o, path, &err), CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_explain_write_file(NULL, NULL, path, &err), CURTAIL_EINVAL);
    remove(path);
    remove(dir);
    free(dir);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* The builder's checks of the sheet's fields: accepted and refused forms. */
static int add_ent(curtail_scenario *s, const char *id, const char *code, const char *phone,
                   curtail_error *err)
{
    curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
    e.id = id;
    e.industry_code = code;
    e.contact_phone = phone;
    return curtail_scenario_add_enterprise(s, &e, err);
}

START_TEST(test_sheet_fields_forms)
{
    static const char *const good_codes[] = {"C25", "C252", "C2520", "2520", "A01", "T9700"};
    static const char *const bad_codes[] = {"C2", "C25201", "c2520", "U2520", "252",
                                            "25201", "C25X0", "", " C2520", "CC252"};
    static const char *const good_phones[] = {"0355-0000000", "+86 (355) 000-0000", "1234567",
                                              "12345678901234567890"};
    static const char *const bad_phones[] = {"123456", "123456789012345678901", "0355+0000000",
                                             "0355/0000000", "ext. 1234567", "++861234567"};
    curtail_scenario *s = NULL;
    curtail_error err;
    char id[16];
    size_t i;
    ck_assert_int_eq(curtail_scenario_new(&s, NULL, &err), CURTAIL_OK);
    for (i = 0; i < sizeof good_codes / sizeof good_codes[0]; i++) {
        snprintf(id, sizeof id, "g%zu", i);
        ck_assert_msg(add_ent(s, id, good_codes[i], NULL, &err) == CURTAIL_OK, "%s: %s",
                      good_codes[i], err.message);
    }
    for (i = 0; i < sizeof bad_codes / sizeof bad_codes[0]; i++) {
        memset(&err, 0, sizeof err);
        ck_assert_msg(add_ent(s, "b", bad_codes[i], NULL, &err) == CURTAIL_EINPUT, "%s",
                      bad_codes[i]);
        ck_assert_str_eq(err.path, "industry_code");
    }
    ck_assert_str_eq(err.message, "must be a GB/T 4754 code: a section letter A-T and 2 to 4 "
                                  "digits (C2520) or 4 digits (2520), got 'CC252'");
    for (i = 0; i < sizeof good_phones / sizeof good_phones[0]; i++) {
        snprintf(id, sizeof id, "p%zu", i);
        ck_assert_msg(add_ent(s, id, NULL, good_phones[i], &err) == CURTAIL_OK, "%s: %s",
                      good_phones[i], err.message);
    }
    for (i = 0; i < sizeof bad_phones / sizeof bad_phones[0]; i++) {
        memset(&err, 0, sizeof err);
        ck_assert_msg(add_ent(s, "b", NULL, bad_phones[i], &err) == CURTAIL_EINPUT, "%s",
                      bad_phones[i]);
        ck_assert_str_eq(err.path, "contact.phone");
    }
    ck_assert_str_eq(err.message, "must be 7 to 20 digits with spaces, hyphens, parentheses and "
                                  "a leading + only, got '++861234567'");
    curtail_scenario_free(s);
}
END_TEST

/* A version-1 spec is still accepted, and a version-1 struct is filled only
 * as far as version 1 goes; a clone keeps the fields. */
START_TEST(test_sheet_fields_versions_and_clone)
{
    curtail_scenario *s = load_golden(), *c = NULL;
    curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT, v1 = CURTAIL_ENTERPRISE_SPEC_INIT;
    curtail_error err;
    ck_assert_int_eq(curtail_scenario_clone(s, &c, &err), CURTAIL_OK);
    curtail_scenario_free(s);
    ck_assert_int_eq(curtail_scenario_enterprise(c, 0, &e, &err), CURTAIL_OK);
    ck_assert_str_eq(e.address, "王桥镇工业园1号（示例）");
    ck_assert_str_eq(e.industry_code, "C3031");
    ck_assert_str_eq(e.contact_name, "张某（示例）");
    ck_assert_str_eq(e.contact_phone, "0355-0000000");
    ck_assert_int_eq(curtail_scenario_enterprise(c, 1, &e, &err), CURTAIL_OK);
    ck_assert_ptr_null(e.address);
    ck_assert_ptr_null(e.contact_phone);
    v1.version = 1;
    v1.address = "untouched";
    ck_assert_int_eq(curtail_scenario_enterprise(c, 0, &v1, &err), CURTAIL_OK);
    ck_assert_str_eq(v1.address, "untouched");
    ck_assert_str_eq(v1.id, "kiln");
    curtail_scenario_free(c);
    ck_assert_int_eq(curtail_scenario_new(&s, NULL, &err), CURTAIL_OK);
    memset(&v1, 0, sizeof v1); /* (its strings were c's) */
    v1.version = 1;
    v1.industry = CURTAIL_OTHER_INDUSTRY;
    v1.grade = CURTAIL_GRADE_NONE;
    v1.id = "old";
    v1.industry_code = "not read: version 1"; /* beyond a version-1 struct */
    ck_assert_int_eq(curtail_scenario_add_enterprise(s, &v1, &err), CURTAIL_OK);
    e.version = CURTAIL_ENTERPRISE_SPEC_VERSION;
    ck_assert_int_eq(curtail_scenario_enterprise(s, 0, &e, &err), CURTAIL_OK);
    ck_assert_ptr_null(e.industry_code);
    curtail_scenario_free(s);
}
END_TEST

/* ---- the CLI ---------------------------------------------------------------------------- */

START_TEST(test_explain_cli)
{
    char *out = NULL, *err = NULL;
    int rc = tu_run("cd " CURTAIL_TEST_DATA "/golden && " CURTAIL_CLI
                    " explain explain.yaml --enterprise kiln -q",
                    &out, &err);
    ck_assert_int_eq(rc, 0);
    assert_golden(out, "explain.sheet.zh.md");
    free(out);
    free(err);
    rc = tu_run("cd " CURTAIL_TEST_DATA "/golden && " CURTAIL_CLI
                " explain explain.yaml --enterprise kil -q",
                &out, &err);
    ck_assert_int_eq(rc, 1);
    ASSERT_HAS(err, "curtail: no enterprise with id 'kil' (curtail explain FILE lists them); "
                    "did you mean 'kiln'?\n");
    ck_assert_str_eq(out, "");
    free(out);
    free(err);
    rc = tu_run("cd " CURTAIL_TEST_DATA "/golden && " CURTAIL_CLI
                " explain explain.yaml --level purple",
                &out, &err);
    ck_assert_int_eq(rc, 1);
    free(out);
    free(err);
    /* exit codes as for plan: 3 when targets are unmet, the account still written */
    rc = tu_run(CURTAIL_CLI " explain " CURTAIL_TEST_DATA "/crosscheck/unmet.yaml --level red -q",
                &out, &err);
    ck_assert_int_eq(rc, 3);
    ASSERT_HAS(out, "状态：减排目标未全部达成（缺口已最小化）");
    ASSERT_HAS(err, "curtail: targets not met (smallest shortfall): red SO2 short by");
    free(out);
    free(err);
    /* --public is the plan's; a schedule refuses it */
    rc = tu_run(CURTAIL_CLI " schedule " CURTAIL_TEST_DATA "/golden/schedule.yaml --public",
                &out, &err);
    ck_assert_int_eq(rc, 1);
    ASSERT_HAS(err, "unknown option '--public'");
    free(out);
    free(err);
    rc = tu_run("cd " CURTAIL_TEST_DATA "/golden && " CURTAIL_CLI
                " plan explain.yaml --public --format csv -q",
                &out, &err);
    ck_assert_int_eq(rc, 0);
    assert_golden(out, "public.zh.csv");
    free(out);
    free(err);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("explain");
    TCase *core = tcase_create("core");
    TCase *errors = tcase_create("errors");
    SRunner *sr;
    int failed;

    tcase_add_test(core, test_explain_sheet_zh_golden);
    tcase_add_test(core, test_explain_sheet_en_golden);
    tcase_add_test(core, test_explain_level_golden);
    tcase_add_test(core, test_explain_level_nesting_price);
    tcase_add_test(core, test_explain_sheet_one_level);
    tcase_add_test(core, test_explain_index);
    tcase_add_test(core, test_explain_json);
    tcase_add_test(core, test_explain_account_combined_credits_mobile);
    tcase_add_test(core, test_explain_account_tiny_shortfall);
    tcase_add_test(core, test_public_md_golden);
    tcase_add_test(core, test_public_csv_golden);
    tcase_add_test(core, test_public_json_no_emissions_or_money);
    tcase_add_test(core, test_sheet_fields_versions_and_clone);
    tcase_add_test(core, test_explain_cli);
    tcase_add_test(errors, test_explain_unknown_enterprise);
    tcase_add_test(errors, test_sheet_fields_forms);
    tcase_set_timeout(core, 60);
    suite_add_tcase(su, core);
    suite_add_tcase(su, errors);
    sr = srunner_create(su);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
