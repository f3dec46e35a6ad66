/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_cli_ux.c — the CLI's help for people (issue 13.6): "did you mean"
 * for commands, options, values and scenario keys (edit distance <= 2),
 * many warnings counted by kind (-q, --max-warnings N), and a progress line
 * on a terminal only.
 */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define USAGE "Usage: curtail validate|plan|schedule|sweep|explain|export|policy [FILE] [OPTIONS] (see curtail --help)\n"

typedef struct run_result {
    int status;
    char *out, *err;
} run_result;

static run_result run(const char *args)
{
    run_result r;
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "%s %s", CURTAIL_CLI, args);
    r.status = tu_run(cmd, &r.out, &r.err); /* the exit status */
    ck_assert_int_ge(r.status, 0);
    return r;
}

static void run_free(run_result *r)
{
    free(r->out);
    free(r->err);
}

static void expect_usage(const char *args, const char *first_line)
{
    run_result r = run(args);
    char want[1024];
    snprintf(want, sizeof want, "%s%s", first_line, USAGE);
    ck_assert_msg(r.status == 1, "%s: exit %d", args, r.status);
    ck_assert_str_eq(r.err, want);
    run_free(&r);
}

START_TEST(test_cli_ux_did_you_mean_commands_options_values)
{
    expect_usage("paln x.yaml", "curtail: unknown command 'paln'; did you mean 'plan'?\n");
    expect_usage("shcedule x.yaml", "curtail: unknown command 'shcedule'; did you mean 'schedule'?\n");
    expect_usage("valiate x.yaml", "curtail: unknown command 'valiate'; did you mean 'validate'?\n");
    expect_usage("frobnicate", "curtail: unknown command 'frobnicate'\n"); /* nothing near */
    expect_usage("--verison", "curtail: unknown option '--verison'; did you mean '--version'?\n");
    expect_usage("plan x.yaml --fromat json",
                 "curtail: unknown option '--fromat'; did you mean '--format'?\n");
    expect_usage("plan x.yaml --outptu=a.json",
                 "curtail: unknown option '--outptu=a.json'; did you mean '--output'?\n");
    expect_usage("plan x.yaml --max-warning 3",
                 "curtail: unknown option '--max-warning'; did you mean '--max-warnings'?\n");
    /* only the options of the command: export has no --time-limit */
    expect_usage("schedule x.yaml --solvr glpk",
                 "curtail: unknown option '--solvr'; did you mean '--solver'?\n");
    expect_usage("export x.yaml --time-limt 5", "curtail: unknown option '--time-limt'\n");
    expect_usage("plan x.yaml --format jsno",
                 "curtail: unknown format 'jsno' (json, csv, md, html or xlsx); did you mean 'json'?\n");
    expect_usage("plan x.yaml --lang eng",
                 "curtail: unknown language 'eng' (zh or en); did you mean 'en'?\n");
    expect_usage("plan x.yaml --lang fr", "curtail: unknown language 'fr' (zh or en)\n");
    expect_usage("plan x.yaml --solver glkp",
                 "curtail: unknown solver 'glkp' (glpk or clp); did you mean 'glpk'?\n");
    expect_usage("export x.yaml --level oragne",
                 "curtail: unknown level 'oragne' (yellow, orange or red); did you mean 'orange'?\n");
    expect_usage("export x.yaml --format mpss",
                 "curtail: unknown LP format 'mpss' (lp or mps); did you mean 'mps'?\n");
}
END_TEST

/* The loader's error line is unchanged; a note with the nearest word follows it. */
START_TEST(test_cli_ux_did_you_mean_scenario_keys_and_words)
{
    char *dir = tu_tmpdir(), path[512], args[1024];
    static const char key[] = "curtail: 1\n"
                              "enterprises:\n"
                              "  - id: a\n"
                              "    industry: chemical\n"
                              "    units:\n"
                              "      - {id: r, kind: reactor, capacty: 5}\n";
    static const char word[] = "curtail: 1\n"
                               "enterprises:\n"
                               "  - id: a\n"
                               "    industry: chemicl\n"
                               "    units: []\n";
    static const char far[] = "curtail: 1\n"
                              "enterprises: []\n"
                              "frobnicate: 1\n";
    run_result r;
    ck_assert_ptr_nonnull(dir);
    snprintf(path, sizeof path, "%s/k.yaml", dir);
    ck_assert_int_eq(tu_write_file(path, key, strlen(key)), 0);
    snprintf(args, sizeof args, "validate %s", path);
    r = run(args);
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "k.yaml:6:32: error: enterprises[0].units[0].capacty: "
                                        "unknown key \"capacty\", expected one of: id, name, "));
    ck_assert_ptr_nonnull(strstr(r.err, ", boiler, capacity_unit, lines, step\n"));
    ck_assert_ptr_nonnull(strstr(r.err, "k.yaml:6:32: note: did you mean \"capacity\"?\n"));
    run_free(&r);

    snprintf(path, sizeof path, "%s/w.yaml", dir);
    ck_assert_int_eq(tu_write_file(path, word, strlen(word)), 0);
    snprintf(args, sizeof args, "validate %s", path);
    r = run(args);
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "w.yaml:4:15: error: enterprises[0].industry: unknown "
                                        "industry \"chemicl\", expected one of: coking, "
                                        "chemical, boiler, other\n"
                                        "/"));
    ck_assert_ptr_nonnull(strstr(r.err, "w.yaml:4:15: note: did you mean \"chemical\"?\n"));
    run_free(&r);

    snprintf(path, sizeof path, "%s/f.yaml", dir);
    ck_assert_int_eq(tu_write_file(path, far, strlen(far)), 0);
    snprintf(args, sizeof args, "validate %s", path);
    r = run(args);
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_null(strstr(r.err, "note:"));
    run_free(&r);
    free(dir);
}
END_TEST

/* 30 small coal boilers (10..29 t/h) and 3 units without emissions. */
static char *many_warnings(char *dir_out, size_t size)
{
    char *dir = tu_tmpdir(), *text = malloc(8192), line[256];
    int i;
    ck_assert_ptr_nonnull(dir);
    ck_assert_ptr_nonnull(text);
    strcpy(text, "curtail: 1\nname: many\nenterprises:\n  - id: heat\n    industry: boiler\n"
                 "    units:\n");
    for (i = 0; i < 30; i++) {
        snprintf(line, sizeof line,
                 "      - {id: b%d, kind: boiler, capacity: 100, ef: {SO2: 1}, "
                 "boiler: {fuel: coal, steam_tph: %d}}\n",
                 i, 10 + i % 20);
        strcat(text, line);
    }
    strcat(text, "  - id: chem\n    industry: chemical\n    units:\n");
    for (i = 0; i < 3; i++) {
        snprintf(line, sizeof line, "      - {id: r%d, kind: reactor, capacity: 10}\n", i);
        strcat(text, line);
    }
    snprintf(dir_out, size, "%s/many.yaml", dir);
    ck_assert_int_eq(tu_write_file(dir_out, text, strlen(text)), 0);
    free(text);
    return dir;
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* Grouped in the scenario's language (zh by default): numbers and quoted names
 * (“…”, '…') that differ within a group are "…", the ones all share stay. */
#define SUMMARY                                                                              \
    "curtail: 33 warnings: 30 × 企业“heat”的燃煤锅炉…为 … 蒸吨/小时，低于 35 蒸吨/小时，"     \
    "应已淘汰, 3 × 企业“chem”的生产单元…没有排放; "
#define SUMMARY_EN                                                                           \
    "curtail: 33 warnings: 30 × coal boiler … of enterprise 'heat' has … t/h, under 35 t/h, " \
    "and should have been eliminated, 3 × unit … of enterprise 'chem' has no emissions; "

START_TEST(test_cli_ux_warnings_grouped)
{
    char path[512], args[2048];
    char *dir = many_warnings(path, sizeof path);
    const char *last;
    run_result r;

    snprintf(args, sizeof args, "validate %s", path);
    r = run(args);
    ck_assert_int_eq(r.status, 0);
    ck_assert_uint_eq(count_lines(r.err), 21);
    ck_assert_ptr_nonnull(strstr(r.err, "many.yaml:7:69: warning: enterprises[0].units[0]."
                                        "boiler.steam_tph: 企业“heat”的燃煤锅炉“b0”为 10 "
                                        "蒸吨/小时，低于 35 蒸吨/小时，应已淘汰\n"));
    last = strstr(r.err, "curtail: 33 warnings");
    ck_assert_ptr_nonnull(last);
    ck_assert_str_eq(last, SUMMARY "first 20 shown (--max-warnings N for more, -q for none)\n");
    run_free(&r);

    snprintf(args, sizeof args, "validate %s --lang en --max-warnings 1", path);
    r = run(args);
    ck_assert_int_eq(r.status, 0);
    last = strchr(r.err, '\n');
    ck_assert_ptr_nonnull(last);
    ck_assert_str_eq(last + 1, SUMMARY_EN "first 1 shown (--max-warnings N for more, -q for "
                                          "none)\n");
    ck_assert_ptr_nonnull(strstr(r.err, "many.yaml:7:69: warning: enterprises[0].units[0]."
                                        "boiler.steam_tph: coal boiler 'b0' of enterprise "
                                        "'heat' has 10 t/h, under 35 t/h, and should have been "
                                        "eliminated\n"));
    run_free(&r);

    snprintf(args, sizeof args, "validate %s --max-warnings 0", path);
    r = run(args);
    ck_assert_str_eq(r.err, SUMMARY "none shown (--max-warnings N to show them)\n");
    run_free(&r);

    snprintf(args, sizeof args, "validate %s --max-warnings=33", path);
    r = run(args);
    ck_assert_uint_eq(count_lines(r.err), 33);
    ck_assert_ptr_null(strstr(r.err, "curtail: 33 warnings"));
    run_free(&r);

    snprintf(args, sizeof args, "plan %s -q -o %s.json", path, path);
    r = run(args);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.err, "");
    run_free(&r);

    snprintf(args, sizeof args, "validate %s --quiet", path);
    r = run(args);
    ck_assert_str_eq(r.err, "");
    run_free(&r);
    free(dir);

    expect_usage("validate x.yaml --max-warnings -1",
                 "curtail: --max-warnings needs a whole number >= 0, got '-1'\n");
    expect_usage("validate x.yaml --max-warnings many",
                 "curtail: --max-warnings needs a whole number >= 0, got 'many'\n");
    expect_usage("policy -q", "curtail: unknown option '-q'\n");
}
END_TEST

/* A scenario file of 8 MiB and more: on a terminal, "loading …" and then the
 * line erased; in a pipe, nothing. The terminal is `script`'s pseudo-tty. */
START_TEST(test_cli_ux_progress_only_on_a_terminal)
{
    char *dir = tu_tmpdir(), path[512], args[1024], cmd[2048];
    char *text, *out = NULL;
    static const char tail[] = "curtail: 1\nenterprises: []\n";
    size_t i, n = 90000;
    run_result r;
    ck_assert_ptr_nonnull(dir);
    text = malloc(n * 101 + sizeof tail);
    ck_assert_ptr_nonnull(text);
    for (i = 0; i < n; i++) {
        memset(text + i * 101, 'x', 101);
        text[i * 101] = '#';
        text[i * 101 + 100] = '\n';
    }
    memcpy(text + n * 101, tail, sizeof tail);
    snprintf(path, sizeof path, "%s/big.yaml", dir);
    ck_assert_int_eq(tu_write_file(path, text, strlen(text)), 0);
    free(text);

    snprintf(args, sizeof args, "validate %s", path);
    r = run(args);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.err, ""); /* a pipe: no progress */
    run_free(&r);

    if (system("command -v script >/dev/null 2>&1") != 0) {
        free(dir);
        return; /* no pseudo-terminal at hand (util-linux script) */
    }
    snprintf(cmd, sizeof cmd, "script -qec '%s validate %s >/dev/null' /dev/null", CURTAIL_CLI,
             path);
    ck_assert_int_eq(tu_run(cmd, &out, NULL), 0);
    ck_assert_msg(strstr(out, "curtail: loading ") && strstr(out, "big.yaml (8 MiB) …\r\033[K"),
                  "no progress line on the terminal: %s", out);
    free(out);
    free(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cli_ux");
    TCase *core = tcase_create("core");
    SRunner *sr;
    int failed;
    tcase_add_test(core, test_cli_ux_did_you_mean_commands_options_values);
    tcase_add_test(core, test_cli_ux_did_you_mean_scenario_keys_and_words);
    tcase_add_test(core, test_cli_ux_warnings_grouped);
    tcase_add_test(core, test_cli_ux_progress_only_on_a_terminal);
    tcase_set_timeout(core, 60);
    suite_add_tcase(s, core);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
