/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_sched_summary.c — the schedule's human-facing summary (review P1-5,
 * issue 9 item 3 for the schedule; sched_summary.c and the schedule parts of
 * write_md.c, write_html.c, write_xlsx*.c), the title block in every output
 * (P2-9) and the coke oven's ramp in words (P3), on a case small enough to
 * count by hand:
 *
 *   one coke oven (grade C, weight 2), capacity 100, base load 1, value 1000
 *   → V = 100 000 yuan/d; ef NOx 1 → E = 100 kg/d; ramp_h 2 (50 % per hour);
 *   red stops it (hot idle). County totals SO2/PM/VOCs 100, NOx 1000; red
 *   NOx ratio 0.05 → 50 kg/d.
 *   Episode 24 h, red 08:00–12:00. Loads: 07:00 50 %, 08–11 0, 12:00 50 %.
 *   The red segment (4 h): county NOx 1000·4/24 = 166.67 kg, listed
 *   100·4/24 = 16.67, required 50·4/24 = 8.33, achieved 16.67; ratios 5 %,
 *   10 % (county), 50 %, 100 % (listed). Lost 100 000·4/24 = 16 666.67 yuan
 *   = 1.67 万元, weighted 3.33 万元. Outside the alert (07:00, 12:00 at
 *   half load): 100 000·1/24 = 4 166.67 yuan = 0.42 万元, weighted 0.83.
 *   Horizon: lost 20 833.33 = 2.08 万元, objective 41 666.67 = 4.17 万元.
 */
#define _POSIX_C_SOURCE 200809L
#include "curtail.h"
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char yaml[] =
    "curtail: 1\n"
    "name: 排程核对\n"
    "note: 示意数据\n"
    "compiled_by: 测试编制组\n"
    "builtin_policy: false\n"
    "targets:\n"
    "  base: totals\n"
    "  totals_kgpd: {SO2: 100, NOx: 1000, PM: 100, VOCs: 100}\n"
    "  ratios:\n"
    "    yellow: {SO2: 0, NOx: 0, PM: 0, VOCs: 0}\n"
    "    orange: {SO2: 0, NOx: 0, PM: 0, VOCs: 0}\n"
    "    red: {SO2: 0, NOx: 0.05, PM: 0, VOCs: 0}\n"
    "extra:\n"
    "  grades: []\n"
    "  weights: {C: 2}\n"
    "policy:\n"
    "  - {industry: coking, kind: coke_oven, grades: [C], levels: [red], stop: true}\n"
    "enterprises:\n"
    "  - id: e1\n"
    "    name: 甲焦化\n"
    "    industry: coking\n"
    "    grade: C\n"
    "    units:\n"
    "      - {id: oven, kind: coke_oven, capacity: 100, value: 1000, ef: {NOx: 1},\n"
    "         coke_oven: {height_m: 6, quenching: dry, coking_time_h: 24, "
    "max_coking_time_h: 48, ramp_h: 2}}\n"
    "episode:\n"
    "  start: 2023-12-01T00:00\n"
    "  hours: 24\n"
    "  timeline: [{level: red, from: 2023-12-01T08:00, to: 2023-12-01T12:00}]\n";

static curtail_scenario *sc;
static curtail_result *res;

static void setup(void)
{
    curtail_error err;
    int rc;
    memset(&err, 0, sizeof err);
    rc = curtail_scenario_load_buffer(&sc, yaml, strlen(yaml), "sched.yaml", NULL, &err);
    ck_assert_msg(rc == CURTAIL_OK, "load: %d:%d %s", err.line, err.column, err.message);
    rc = curtail_schedule_solve(sc, NULL, &res, &err);
    ck_assert_msg(rc == CURTAIL_OK, "solve: %d %s", rc, err.message);
}

static void teardown(void)
{
    curtail_result_free(res);
    curtail_scenario_free(sc);
}

static char *write_mem(curtail_format format, curtail_lang lang)
{
    return tu_write_mem(res, format, lang);
}

#define HAS(text, want) ck_assert_msg(strstr((text), (want)) != NULL, "missing %s in\n%s", (want), (text))
#define HASNT(text, bad) ck_assert_msg(strstr((text), (bad)) == NULL, "unexpected %s in\n%s", (bad), (text))

START_TEST(test_sched_md_zh)
{
    char *md = write_mem(CURTAIL_FORMAT_MD, CURTAIL_LANG_ZH);
    /* the title block */
    HAS(md, "# 排程核对\n\n> 报备版：含排放量、减排量和经济指标，供主管部门审核。\n\n"
            "> 说明：示意数据\n>\n> 编制单位：测试编制组\n\n");
    /* the headline: the status only */
    HAS(md, "\n\n状态：减排目标全部达成。\n\n预警时段：");
    HASNT(md, "目标函数（");
    HASNT(md, "基准排放量");
    HASNT(md, " 元；");
    /* the ramp in words, not the scenario's key */
    HASNT(md, "ramp_h");
    HAS(md, "焦炉负荷逐步调整：在加严级别开始前逐步减少装煤（由基准负荷降至焖炉历时 2 小时，"
            "降至清单负荷相应缩短）");
    /* both bases, the horizon's total with why it adds up */
    HAS(md, "减排目标以全社会排放量为基数；清单企业排放量为其中一部分，减排比例分别按两个基数列出。");
    HAS(md, "排程时段损失产值合计 2.08 万元（各时段依次发生，损失产值可以相加；其中预警时段以外 "
            "0.42 万元，为焦炉在预警前后逐步调整负荷）。\n");
    /* the segment: money in 万元, targets on both bases */
    HAS(md, "### 2023-12-01 红色预警（4 小时）\n\n状态：目标达成；损失产值 1.67 万元。\n\n"
            "| 污染物 | 全社会排放量 (kg) | 清单企业排放量 (kg) | 减排要求 (kg) | 实际减排量 (kg) "
            "| 缺口 (kg) | 要求减排比例（占全社会） | 实际减排比例（占全社会） "
            "| 要求减排比例（占清单企业） | 实际减排比例（占清单企业） |\n");
    HAS(md, "| NOx | 166.67 | 16.67 | 8.33 | 16.67 | 0.00 | 5.00% | 10.00% | 50.00% | 100.00% |\n");
    /* the annex, after the hourly loads */
    HAS(md, "## 附录：加权损失与目标函数\n\n优化按加权损失比较各项措施：");
    HAS(md, "本清单的等级权重：C级 ×2。");
    HAS(md, "| 2023-12-01 | 红色 | 4 | 1.67 | 3.33 |\n"
            "| 预警时段以外（焦炉逐步调整负荷） | | | 0.42 | 0.83 |\n"
            "| 合计 | | | 2.08 | 4.17 |\n");
    HAS(md, "目标函数值：4.17 万元。");
    ck_assert_msg(strstr(md, "## 逐时负荷") < strstr(md, "## 附录"), "annex before the loads");
    free(md);
}
END_TEST

START_TEST(test_sched_md_en)
{
    char *md = write_mem(CURTAIL_FORMAT_MD, CURTAIL_LANG_EN);
    HAS(md, "> Note: 示意数据\n>\n> Compiled by: 测试编制组\n\n");
    HAS(md, "\n\nStatus: all targets met.\n\nAlert period: ");
    HASNT(md, "objective (");
    HASNT(md, "Baseline (kg)");
    HASNT(md, "ramp_h");
    HAS(md, "(2 hours from base load to hot idle, fewer to the list's load)");
    HAS(md, "Lost output value over the scheduled horizon: 2.08 10k yuan (the segments happen "
            "one after the other, so their values add up; of it 0.42 10k yuan outside the "
            "alerts");
    HAS(md, "Status: targets met; lost output value 1.67 10k yuan.\n\n"
            "| Pollutant | County total (kg) | Listed enterprises (kg) |");
    HAS(md, "| NOx | 166.67 | 16.67 | 8.33 | 16.67 | 0.00 | 5.00% | 10.00% | 50.00% | 100.00% |\n");
    HAS(md, "## Annex: weighted loss and the objective\n\n");
    HAS(md, "| Total | | | 2.08 | 4.17 |\n");
    HAS(md, "Objective: 4.17 10k yuan.");
    free(md);
}
END_TEST

START_TEST(test_sched_html)
{
    char *html = write_mem(CURTAIL_FORMAT_HTML, CURTAIL_LANG_ZH);
    HAS(html, "说明：<bdi>示意数据</bdi>");
    HAS(html, "编制单位：<bdi>测试编制组</bdi>");
    HAS(html, "状态：<span>减排目标全部达成</span>。</p>");
    HASNT(html, "目标函数（");
    HASNT(html, "targets.base");
    HAS(html, "<th>全社会排放量 (kg)</th><th>清单企业排放量 (kg)</th>");
    HAS(html, "排程时段损失产值合计 2.08 万元");
    HAS(html, "<h2>附录：加权损失与目标函数</h2>");
    HAS(html, "目标函数值：4.17 万元。");
    free(html);
}
END_TEST

static char *unzip_member(const char *xlsx, const char *member)
{
    char cmd[2048], *out = NULL;
    int rc;
    snprintf(cmd, sizeof cmd, "unzip -p '%s' '%s'", xlsx, member);
    rc = tu_run(cmd, &out, NULL);
    ck_assert_msg(rc == 0, "%s: exit %d", cmd, rc);
    return out;
}

START_TEST(test_sched_xlsx)
{
    curtail_write_options o = CURTAIL_WRITE_OPTIONS_INIT;
    curtail_error err;
    char *dir = tu_tmpdir(), path[1024], *wb, *seg, *annex;
    snprintf(path, sizeof path, "%s/s.xlsx", dir);
    o.format = CURTAIL_FORMAT_XLSX;
    ck_assert_int_eq(curtail_result_write_file(res, &o, path, &err), CURTAIL_OK);
    wb = unzip_member(path, "xl/workbook.xml");
    HAS(wb, "<sheet name=\"附录\" sheetId=\"5\" r:id=\"rId5\"/>");
    seg = unzip_member(path, "xl/worksheets/sheet1.xml");
    HAS(seg, ">状态：减排目标全部达成。<");
    HAS(seg, ">说明：示意数据<");
    HAS(seg, ">编制单位：测试编制组<");
    HAS(seg, ">全社会排放量 (kg)<");
    HAS(seg, ">清单企业排放量 (kg)<");
    HAS(seg, ">损失产值 (万元)<");
    HASNT(seg, "加权损失");
    HASNT(seg, "目标函数");
    annex = unzip_member(path, "xl/worksheets/sheet5.xml");
    HAS(annex, ">加权损失 (万元)<");
    HAS(annex, "目标函数值：4.17 万元。");
    free(wb);
    free(seg);
    free(annex);
    remove(path);
    rmdir(dir);
    free(dir);
}
END_TEST

START_TEST(test_sched_json_title_block)
{
    char *json = write_mem(CURTAIL_FORMAT_JSON, CURTAIL_LANG_ZH);
    HAS(json, "\n  \"scenario\": \"排程核对\",\n  \"note\": \"示意数据\",\n"
              "  \"compiled_by\": \"测试编制组\",\n  \"command\": \"schedule\",\n");
    free(json);
}
END_TEST

/* A plan without a title block: no such keys, the bytes as before. */
START_TEST(test_plan_json_no_title_block)
{
    static const char plain[] =
        "curtail: 1\n"
        "builtin_policy: false\n"
        "targets: {ratios: {yellow: {NOx: 0.1}}}\n"
        "enterprises:\n"
        "  - {id: d, industry: other, grade: D, units: [{id: v, kind: other, capacity: 100,\n"
        "     value: 10, ef: {NOx: 1}}]}\n";
    curtail_scenario *s = NULL;
    curtail_result *r = NULL;
    curtail_write_options o = CURTAIL_WRITE_OPTIONS_INIT;
    curtail_error err;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp;
    ck_assert_int_eq(curtail_scenario_load_buffer(&s, plain, strlen(plain), "p.yaml", NULL, &err),
                     CURTAIL_OK);
    ck_assert_int_eq(curtail_plan_solve(s, NULL, &r, &err), CURTAIL_OK);
    fp = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(fp);
    o.format = CURTAIL_FORMAT_JSON;
    ck_assert_int_eq(curtail_result_write_stream(r, &o, fp, &err), CURTAIL_OK);
    fclose(fp);
    HAS(buf, "\n  \"scenario\": \"\",\n  \"command\": \"plan\",\n");
    HASNT(buf, "\"note\"");
    HASNT(buf, "\"compiled_by\"");
    free(buf);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* The plan's credits and combined rows above the segments, without marginal
 * costs. One unit, 100 kg/d each of NOx and VOCs, at least half load: the
 * credit 5 kg/d of NOx is 5 % of its base (listed, 100), the listed units
 * must give 120 − 5 = 115 % and give at most 50 + 50 = 100 %: 15 % short. */
START_TEST(test_sched_combined_notes)
{
    static const char comb[] =
        "curtail: 1\n"
        "builtin_policy: false\n"
        "targets:\n"
        "  ratios: {orange: {NOx: 0.1, VOCs: 0.1}}\n"
        "  credits_kgpd: {orange: {NOx: 5}}\n"
        "  combined: [{pollutants: [NOx, VOCs], levels: [orange], ratio: 1.2}]\n"
        "enterprises:\n"
        "  - {id: d, industry: other, grade: D, units: [{id: v, kind: other, capacity: 100,\n"
        "     value: 10, min_load: 0.5, ef: {NOx: 1, VOCs: 1}}]}\n"
        "episode:\n"
        "  start: 2023-12-01T00:00\n"
        "  hours: 24\n"
        "  timeline: [{level: orange, from: 2023-12-01T08:00, to: 2023-12-01T20:00}]\n";
    curtail_scenario *s = NULL;
    curtail_result *r = NULL, *keep = res;
    curtail_error err;
    char *md;
    ck_assert_int_eq(curtail_scenario_load_buffer(&s, comb, strlen(comb), "c.yaml", NULL, &err),
                     CURTAIL_OK);
    ck_assert_int_eq(curtail_schedule_solve(s, NULL, &r, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_result_status(r), CURTAIL_TARGETS_UNMET);
    res = r;
    md = write_mem(CURTAIL_FORMAT_MD, CURTAIL_LANG_ZH);
    HAS(md, "\n\n方案中的非工业源抵扣与合并减排目标（按日计，同级别各时段相同）：\n\n"
            "- 橙色预警：非工业源抵扣（千克/日，已从减排要求中扣除）：NOx 5.00。\n"
            "- 橙色预警：NOx+VOCs 减排比例之和不低于 120.00%，其中非工业源抵扣 5.00%，"
            "清单企业须达 115.00%；实际 100.00%，缺口 15.00%。\n\n### ");
    free(md);
    md = write_mem(CURTAIL_FORMAT_MD, CURTAIL_LANG_EN);
    HAS(md, "- Orange alert: NOx+VOCs reduction ratios summed: at least 120.00%, of which "
            "non-industrial credits 5.00%, the listed enterprises 115.00%; achieved 100.00%, "
            "shortfall 15.00%.\n");
    free(md);
    res = keep;
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("sched_summary");
    TCase *core = tcase_create("core");
    SRunner *sr;
    int failed;
    tcase_add_checked_fixture(core, setup, teardown);
    tcase_add_test(core, test_sched_md_zh);
    tcase_add_test(core, test_sched_md_en);
    tcase_add_test(core, test_sched_html);
    tcase_add_test(core, test_sched_xlsx);
    tcase_add_test(core, test_sched_json_title_block);
    tcase_add_test(core, test_plan_json_no_title_block);
    tcase_add_test(core, test_sched_combined_notes);
    tcase_set_timeout(core, 60);
    suite_add_tcase(su, core);
    sr = srunner_create(su);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
