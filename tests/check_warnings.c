/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_warnings.c — what a bureau checks on a list before it signs (issue 9
 * item 5): credit codes against GB 32100-2015, the air plan's heat-source
 * clause (guarantee boilers ultra-low or grade B or better; phase-out plants
 * unbound from heating and supply), each warning naming the enterprise and the
 * unit, and the CLI printing them in the scenario's language (or --lang's). */
#include "curtail.h"
#include "testutil.h"

#include <check.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static curtail_scenario *load(const char *yaml)
{
    return tu_load_yaml(yaml, "t.yaml");
}

/* One enterprise with credit code `code` (its value at line 4, column 18). */
static curtail_scenario *with_code(const char *code)
{
    char yaml[1024];
    snprintf(yaml, sizeof yaml,
             "curtail: 1\n"
             "enterprises:\n"
             "  - id: coke\n"
             "    credit_code: %s\n"
             "    name: 示例焦化\n"
             "    industry: other\n"
             "    units: [{id: u, kind: other, capacity: 10, ef: {SO2: 1}}]\n",
             code);
    return load(yaml);
}

/* The one warning of `code`, in English and in Chinese. */
static void assert_code_warning(const char *code, const char *en, const char *zh)
{
    curtail_scenario *s = with_code(code);
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 1);
    ck_assert_str_eq(curtail_scenario_warning(s, 0), en);
    ck_assert_str_eq(curtail_scenario_warning_text(s, 0, CURTAIL_LANG_ZH), zh);
    curtail_scenario_free(s);
}

/* ---- credit codes ---------------------------------------------------------------------- */

/* Codes published by their holders (business licences quoted in public code
 * and documentation), and the examples' illustrative ones: no warning. By
 * hand for 91350100M000100Y43: the values 9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0
 * Y=30 4 times the weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28 sum
 * to 9+3+27+135+26+420+8+900+112 = 1640 = 52·31 + 28, and 31 − 28 = 3. */
START_TEST(test_warnings_credit_code_valid)
{
    static const char *const codes[] = {
        "91350100M000100Y43", "91230184MA1BUFLT44", "92371000MA3MXH0E3W",
        "91350200776049653A", "91440101MA5CJQ4N59", "9135021359498494XQ",
        "123502001549897397", "121200004013590816", /* 1 机构编制, 2 事业单位 */
        "91110000600037341L", "91620105L015101280", "9144030071526726XG",
        "91140423EXAMPLE01X", "91140423EXAMPLE148", /* examples/xiangyuan.yaml */
        "91140423MA0HX0001C", /* tests/data/golden/plan.yaml */
    };
    size_t i;
    for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        curtail_scenario *s = with_code(codes[i]);
        ck_assert_msg(curtail_scenario_warning_count(s) == 0, "%s: %s", codes[i],
                      curtail_scenario_warning(s, 0));
        curtail_scenario_free(s);
    }
}
END_TEST

START_TEST(test_warnings_credit_code_check_character)
{
    /* the published 91350100M000100Y43 with its last character changed */
    assert_code_warning("91350100M000100Y44",
                        "t.yaml:4:18: warning: enterprises[0].credit_code: credit code "
                        "91350100M000100Y44 of enterprise 'coke' ('示例焦化') fails GB 32100: it "
                        "ends in check character '4', but the first 17 characters give '3'",
                        "t.yaml:4:18: 警告: enterprises[0].credit_code: 企业“示例焦化”（coke）的"
                        "统一社会信用代码 91350100M000100Y44 不符合 GB 32100：校验码为“4”，按前 17 "
                        "位应为“3”");
    /* the placeholder the SPEC shows: 17 characters give 6 */
    assert_code_warning("91140423MA0XXXXXX1",
                        "t.yaml:4:18: warning: enterprises[0].credit_code: credit code "
                        "91140423MA0XXXXXX1 of enterprise 'coke' ('示例焦化') fails GB 32100: it "
                        "ends in check character '1', but the first 17 characters give '6'",
                        "t.yaml:4:18: 警告: enterprises[0].credit_code: 企业“示例焦化”（coke）的"
                        "统一社会信用代码 91140423MA0XXXXXX1 不符合 GB 32100：校验码为“1”，按前 17 "
                        "位应为“6”");
    /* positions 13 and 14 swapped (a typist's slip): the sum above gains
     * 24 - 8 = 16, 1656 = 53·31 + 13, 31 − 13 = 18 = J */
    assert_code_warning("91350100M000010Y43",
                        "t.yaml:4:18: warning: enterprises[0].credit_code: credit code "
                        "91350100M000010Y43 of enterprise 'coke' ('示例焦化') fails GB 32100: it "
                        "ends in check character '3', but the first 17 characters give 'J'",
                        "t.yaml:4:18: 警告: enterprises[0].credit_code: 企业“示例焦化”（coke）的"
                        "统一社会信用代码 91350100M000010Y43 不符合 GB 32100：校验码为“3”，按前 17 "
                        "位应为“J”");
}
END_TEST

START_TEST(test_warnings_credit_code_forbidden_letter)
{
    /* O where a 0 belongs; the check character is not looked at */
    assert_code_warning("91350100M00O100Y43",
                        "t.yaml:4:18: warning: enterprises[0].credit_code: credit code "
                        "91350100M00O100Y43 of enterprise 'coke' ('示例焦化') fails GB 32100: it "
                        "has 'O' at position 12, a letter the code never uses (I, O, Z, S, V)",
                        "t.yaml:4:18: 警告: enterprises[0].credit_code: 企业“示例焦化”（coke）的"
                        "统一社会信用代码 91350100M00O100Y43 不符合 GB 32100：第 12 位为“O”，代码不"
                        "使用字母 I、O、Z、S、V");
    assert_code_warning("S1350100M000100Y43",
                        "t.yaml:4:18: warning: enterprises[0].credit_code: credit code "
                        "S1350100M000100Y43 of enterprise 'coke' ('示例焦化') fails GB 32100: it "
                        "has 'S' at position 1, a letter the code never uses (I, O, Z, S, V)",
                        "t.yaml:4:18: 警告: enterprises[0].credit_code: 企业“示例焦化”（coke）的"
                        "统一社会信用代码 S1350100M000100Y43 不符合 GB 32100：第 1 位为“S”，代码不"
                        "使用字母 I、O、Z、S、V");
}
END_TEST

START_TEST(test_warnings_credit_code_structure)
{
    assert_code_warning("B1350100M000100Y43",
                        "t.yaml:4:18: warning: enterprises[0].credit_code: credit code "
                        "B1350100M000100Y43 of enterprise 'coke' ('示例焦化') fails GB 32100: it "
                        "starts with 'B', not a registration authority code (1-9, A, N, Y)",
                        "t.yaml:4:18: 警告: enterprises[0].credit_code: 企业“示例焦化”（coke）的"
                        "统一社会信用代码 B1350100M000100Y43 不符合 GB 32100：第 1 位为“B”，不是"
                        "登记管理部门代码（1-9、A、N、Y）");
    assert_code_warning("913501A0M000100Y43",
                        "t.yaml:4:18: warning: enterprises[0].credit_code: credit code "
                        "913501A0M000100Y43 of enterprise 'coke' ('示例焦化') fails GB 32100: it "
                        "has 'A' at position 7, in the administrative division code (positions "
                        "3-8, digits)",
                        "t.yaml:4:18: 警告: enterprises[0].credit_code: 企业“示例焦化”（coke）的"
                        "统一社会信用代码 913501A0M000100Y43 不符合 GB 32100：第 7 位为“A”，第 3-8 "
                        "位为登记管理机关行政区划码，应为数字");
}
END_TEST

/* A length other than 18 (or a character outside [0-9A-Z]) stays an error
 * (SPEC §4.3): such a value is not a code at all; only what a well-formed code
 * can get wrong is a warning. */
START_TEST(test_warnings_credit_code_length_is_an_error)
{
    static const char yaml[] = "curtail: 1\n"
                               "enterprises:\n"
                               "  - id: coke\n"
                               "    credit_code: 91350100M000100Y4\n"
                               "    industry: other\n"
                               "    units: [{id: u, kind: other, capacity: 10, ef: {SO2: 1}}]\n";
    curtail_scenario *s = NULL;
    curtail_error err;
    char line[1024];
    ck_assert_int_eq(curtail_scenario_load_buffer(&s, yaml, strlen(yaml), "t.yaml", NULL, &err),
                     CURTAIL_EINPUT);
    curtail_error_format(&err, line, sizeof line);
    ck_assert_str_eq(line, "t.yaml:4:18: error: enterprises[0].credit_code: must be 18 characters "
                           "of [0-9A-Z], got 17");
    ck_assert_ptr_null(s);
}
END_TEST

/* A scenario built in code has no positions: the path alone. */
START_TEST(test_warnings_credit_code_builder)
{
    curtail_scenario *s = NULL;
    curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
    curtail_unit_spec u = CURTAIL_UNIT_SPEC_INIT;
    curtail_error err;
    ck_assert_int_eq(curtail_scenario_new(&s, NULL, &err), CURTAIL_OK);
    e.id = "x";
    e.credit_code = "91350100M000100Y44";
    ck_assert_int_eq(curtail_scenario_add_enterprise(s, &e, &err), CURTAIL_OK);
    u.id = "u";
    u.capacity = 1;
    u.ef[0] = 1;
    u.has_ef = 1;
    ck_assert_int_eq(curtail_scenario_add_unit(s, &u, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 1);
    ck_assert_str_eq(curtail_scenario_warning(s, 0),
                     "warning: enterprises[0].credit_code: credit code 91350100M000100Y44 of "
                     "enterprise 'x' fails GB 32100: it ends in check character '4', but the "
                     "first 17 characters give '3'");
    curtail_scenario_free(s);
}
END_TEST

/* ---- heat sources ---------------------------------------------------------------------- */

/* A heating company: grade, guarantee and the boiler block (line 14) vary. */
static curtail_scenario *heating(const char *grade, const char *guarantee, const char *boiler)
{
    char yaml[2048];
    snprintf(yaml, sizeof yaml,
             "curtail: 1\n"
             "enterprises:\n"
             "  - id: heat\n"
             "    name: 示例热力\n"
             "    industry: boiler\n"
             "    grade: %s\n"
             "    guarantee: %s\n"
             "    units:\n"
             "      - id: b1\n"
             "        name: 1# 锅炉\n"
             "        kind: boiler\n"
             "        capacity: 100\n"
             "        ef: {SO2: 1}\n"
             "        boiler: %s\n",
             grade, guarantee, boiler);
    return load(yaml);
}

START_TEST(test_warnings_heat_source_below_b)
{
    curtail_scenario *s = heating("C", "livelihood", "{fuel: coal, steam_tph: 75, heating: true}");
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 1);
    ck_assert_str_eq(curtail_scenario_warning(s, 0),
                     "t.yaml:14:17: warning: enterprises[0].units[0].boiler: boiler 'b1' "
                     "('1# 锅炉') of enterprise 'heat' ('示例热力') is a heat source kept as "
                     "guarantee livelihood at grade C without ultra-low emission; the air plan "
                     "wants heat sources ultra-low or grade B or better (boiler.ultra_low: true "
                     "once retrofitted)");
    ck_assert_str_eq(curtail_scenario_warning_text(s, 0, CURTAIL_LANG_ZH),
                     "t.yaml:14:17: 警告: enterprises[0].units[0].boiler: 企业“示例热力”（heat）"
                     "的锅炉“1# 锅炉”（b1）为保障类热源（民生保障），绩效等级为C 级且未达超低排放；"
                     "大气污染防治方案要求热源企业稳定达到超低排放或绩效分级 B 级及以上（完成超低"
                     "排放改造后标注 boiler.ultra_low: true）");
    curtail_scenario_free(s);
    /* an ungraded supply boiler, gas-fired: the same clause */
    s = heating("none", "supply", "{fuel: gas}");
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 1);
    ck_assert_str_eq(curtail_scenario_warning_text(s, 0, CURTAIL_LANG_ZH),
                     "t.yaml:14:17: 警告: enterprises[0].units[0].boiler: 企业“示例热力”（heat）"
                     "的锅炉“1# 锅炉”（b1）为保障类热源（保供），绩效等级为未分级且未达超低排放；"
                     "大气污染防治方案要求热源企业稳定达到超低排放或绩效分级 B 级及以上（完成超低"
                     "排放改造后标注 boiler.ultra_low: true）");
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_warnings_heat_source_fine)
{
    static const struct {
        const char *grade, *guarantee, *boiler;
    } fine[] = {
        {"C", "livelihood", "{fuel: coal, steam_tph: 75, ultra_low: true}"}, /* retrofitted */
        {"B", "livelihood", "{fuel: coal, steam_tph: 75}"},
        {"B-", "livelihood", "{fuel: coal, steam_tph: 75}"}, /* Shanxi counts it with B */
        {"A", "supply", "{fuel: coal, steam_tph: 75}"},
        {"leading", "supply", "{fuel: gas}"},
        {"D", "livelihood", "{fuel: electric}"}, /* emits nothing */
        {"C", "none", "{fuel: coal, steam_tph: 75}"}, /* not kept as a heat source */
    };
    size_t i;
    for (i = 0; i < sizeof fine / sizeof fine[0]; i++) {
        curtail_scenario *s = heating(fine[i].grade, fine[i].guarantee, fine[i].boiler);
        ck_assert_msg(curtail_scenario_warning_count(s) == 0, "case %zu: %s", i,
                      curtail_scenario_warning(s, 0));
        curtail_scenario_free(s);
    }
}
END_TEST

START_TEST(test_warnings_phase_out_kept_as_guarantee)
{
    curtail_scenario *s = load("curtail: 1\n"
                               "enterprises:\n"
                               "  - id: old\n"
                               "    name: 示例老焦化\n"
                               "    industry: coking\n"
                               "    grade: B\n"
                               "    phase_out: true\n"
                               "    guarantee: supply\n"
                               "    units:\n"
                               "      - id: o43\n"
                               "        name: 1# 焦炉\n"
                               "        kind: coke_oven\n"
                               "        capacity: 100\n"
                               "        ef: {SO2: 1}\n"
                               "        coke_oven: {height_m: 4.3, quenching: wet}\n");
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 1);
    ck_assert_str_eq(curtail_scenario_warning(s, 0),
                     "t.yaml:8:16: warning: enterprises[0].guarantee: enterprise 'old' "
                     "('示例老焦化') with 4.3 m coke oven 'o43' ('1# 焦炉') is listed for "
                     "phase-out but kept as guarantee supply; the air plan unbinds phase-out "
                     "plants from heating and gas supply duty");
    ck_assert_str_eq(curtail_scenario_warning_text(s, 0, CURTAIL_LANG_ZH),
                     "t.yaml:8:16: 警告: enterprises[0].guarantee: 企业“示例老焦化”（old）"
                     "（4.3 米焦炉“1# 焦炉”（o43））已列入淘汰计划，却仍为保障类（保供）；大气污染"
                     "防治方案要求对列入淘汰计划的 4.3 米焦炉实施“供热、供气解绑”");
    curtail_scenario_free(s);
    /* without an oven of 4.3 m, the enterprise alone; its boiler is not warned
     * of again (phase-out is the reason) */
    s = load("curtail: 1\n"
             "enterprises:\n"
             "  - id: old\n"
             "    industry: boiler\n"
             "    grade: C\n"
             "    guarantee: livelihood\n"
             "    phase_out: true\n"
             "    units: [{id: b, kind: boiler, capacity: 10, ef: {SO2: 1}, "
             "boiler: {fuel: coal, steam_tph: 40}}]\n");
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 1);
    ck_assert_str_eq(curtail_scenario_warning(s, 0),
                     "t.yaml:6:16: warning: enterprises[0].guarantee: enterprise 'old' is "
                     "listed for phase-out but kept as guarantee livelihood; the air plan "
                     "unbinds phase-out plants from heating and gas supply duty");
    curtail_scenario_free(s);
}
END_TEST

/* boiler.ultra_low reads back; a version-2 caller's struct ends before it. */
START_TEST(test_warnings_ultra_low_read_back)
{
    struct {
        curtail_unit_spec head;
    } buf;
    size_t v2 = offsetof(curtail_unit_spec, ultra_low), k;
    unsigned char *tail = (unsigned char *)&buf.head + v2;
    curtail_unit_spec u = CURTAIL_UNIT_SPEC_INIT;
    curtail_error err;
    curtail_scenario *s = heating("C", "livelihood", "{fuel: coal, ultra_low: true}");
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 0);
    ck_assert_int_eq(curtail_scenario_unit(s, 0, &u, NULL, &err), CURTAIL_OK);
    ck_assert_int_eq(u.ultra_low, 1);
    buf.head = (curtail_unit_spec)CURTAIL_UNIT_SPEC_INIT;
    buf.head.version = 2;
    memset(tail, 0x5A, sizeof buf.head - v2);
    ck_assert_int_eq(curtail_scenario_unit(s, 0, &buf.head, NULL, &err), CURTAIL_OK);
    ck_assert_str_eq(buf.head.id, "b1");
    ck_assert_int_eq(buf.head.version, 2);
    for (k = 0; k < sizeof buf.head - v2; k++)
        ck_assert_uint_eq(tail[k], 0x5A);
    curtail_scenario_free(s);

    /* added as version 2 (garbage after capacity_unit): ultra_low is 0, warned of */
    ck_assert_int_eq(curtail_scenario_new(&s, NULL, &err), CURTAIL_OK);
    {
        curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
        e.id = "heat";
        e.industry = CURTAIL_BOILER_INDUSTRY;
        e.grade = CURTAIL_GRADE_C;
        e.guarantee = CURTAIL_GUARANTEE_LIVELIHOOD;
        ck_assert_int_eq(curtail_scenario_add_enterprise(s, &e, &err), CURTAIL_OK);
    }
    buf.head = (curtail_unit_spec)CURTAIL_UNIT_SPEC_INIT;
    buf.head.version = 2;
    buf.head.id = "b";
    buf.head.kind = CURTAIL_KIND_BOILER;
    buf.head.capacity = 10;
    buf.head.has_ef = 1;
    buf.head.ef[0] = 1;
    buf.head.has_boiler = 1;
    memset(tail, 0xA5, sizeof buf.head - v2);
    ck_assert_int_eq(curtail_scenario_add_unit(s, &buf.head, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 1);
    u = (curtail_unit_spec)CURTAIL_UNIT_SPEC_INIT;
    ck_assert_int_eq(curtail_scenario_unit(s, 0, &u, NULL, &err), CURTAIL_OK);
    ck_assert_int_eq(u.ultra_low, 0);
    curtail_scenario_free(s);
}
END_TEST

/* ---- stderr in the scenario's language ------------------------------------------------ */

typedef struct run_result {
    int status;
    char *out, *err;
} run_result;

static run_result run_in(const char *dir, const char *args)
{
    run_result r = {0, NULL, NULL};
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s", dir, CURTAIL_CLI, args);
    r.status = tu_run(cmd, &r.out, &r.err);
    return r;
}

static void run_free(run_result *r)
{
    free(r->out);
    free(r->err);
}

#define ZH_LINE                                                                              \
    "c.yaml:5:18: warning: enterprises[0].credit_code: 企业“示例焦化”（coke）的统一社会信用代码 " \
    "91350100M000100Y44 不符合 GB 32100：校验码为“4”，按前 17 位应为“3”\n"
#define EN_LINE                                                                              \
    "c.yaml:5:18: warning: enterprises[0].credit_code: credit code 91350100M000100Y44 of "     \
    "enterprise 'coke' ('示例焦化') fails GB 32100: it ends in check character '4', but the "  \
    "first 17 characters give '3'\n"

/* The tag stays "warning:" (ASCII, as "error:"); the message follows the
 * scenario's `lang`, and --lang overrides it. */
START_TEST(test_warnings_stderr_language)
{
    static const char *const langs[] = {"zh", "en"};
    char *dir = tu_tmpdir(), path[1024], yaml[1024], args[256];
    size_t i;
    ck_assert_ptr_nonnull(dir);
    for (i = 0; i < 2; i++) {
        run_result r;
        const char *own = i ? EN_LINE : ZH_LINE, *other = i ? ZH_LINE : EN_LINE;
        snprintf(path, sizeof path, "%s/c.yaml", dir);
        snprintf(yaml, sizeof yaml,
                 "curtail: 1\n"
                 "lang: %s\n"
                 "enterprises:\n"
                 "  - id: coke\n"
                 "    credit_code: 91350100M000100Y44\n"
                 "    name: 示例焦化\n"
                 "    industry: other\n"
                 "    units: [{id: u, kind: other, capacity: 10, value: 1, ef: {SO2: 1}}]\n",
                 langs[i]);
        ck_assert_int_eq(tu_write_file(path, yaml, strlen(yaml)), 0);
        r = run_in(dir, "validate c.yaml");
        ck_assert_int_eq(r.status, 0);
        ck_assert_str_eq(r.err, own);
        run_free(&r);
        snprintf(args, sizeof args, "validate c.yaml --lang %s", langs[1 - i]);
        r = run_in(dir, args);
        ck_assert_str_eq(r.err, other);
        run_free(&r);
        r = run_in(dir, "plan c.yaml --format md -o c.md");
        ck_assert_int_eq(r.status, 0);
        ck_assert_str_eq(r.err, own);
        run_free(&r);
        /* explain follows --lang on stderr as plan does */
        snprintf(args, sizeof args, "explain c.yaml --enterprise coke -o e.md --lang %s",
                 langs[1 - i]);
        r = run_in(dir, args);
        ck_assert_int_eq(r.status, 0);
        ck_assert_str_eq(r.err, other);
        run_free(&r);
        snprintf(args, sizeof args, "plan c.yaml --format md --lang=%s", langs[1 - i]);
        r = run_in(dir, args);
        ck_assert_int_eq(r.status, 0);
        ck_assert_str_eq(r.err, other);
        /* the Markdown 提示 / warnings section says the same, with 警告: in Chinese */
        ck_assert_ptr_nonnull(strstr(r.out, i ? "c.yaml:5:18: 警告: enterprises\\[0\\].credit\\_code: "
                                                "企业“示例焦化”（coke）的统一社会信用代码"
                                              : "c.yaml:5:18: warning: enterprises\\[0\\]."
                                                "credit\\_code: credit code 91350100M000100Y44"));
        run_free(&r);
    }
    snprintf(args, sizeof args, "rm -rf '%s'", dir);
    ck_assert_int_eq(tu_run(args, NULL, NULL), 0);
    free(dir);
}
END_TEST

static Suite *warnings_suite(void)
{
    Suite *s = suite_create("warnings");
    TCase *core = tcase_create("core");
    TCase *errors = tcase_create("errors");
    tcase_add_test(core, test_warnings_credit_code_valid);
    tcase_add_test(core, test_warnings_credit_code_check_character);
    tcase_add_test(core, test_warnings_credit_code_forbidden_letter);
    tcase_add_test(core, test_warnings_credit_code_structure);
    tcase_add_test(core, test_warnings_credit_code_builder);
    tcase_add_test(core, test_warnings_heat_source_below_b);
    tcase_add_test(core, test_warnings_heat_source_fine);
    tcase_add_test(core, test_warnings_phase_out_kept_as_guarantee);
    tcase_add_test(core, test_warnings_ultra_low_read_back);
    tcase_add_test(core, test_warnings_stderr_language);
    tcase_add_test(errors, test_warnings_credit_code_length_is_an_error);
    tcase_set_timeout(core, 60);
    suite_add_tcase(s, core);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(warnings_suite());
    int failed;
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
