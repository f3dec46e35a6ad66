/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_cli_sweep.c — `curtail sweep` takes its common options, loads,
 * prints warnings and errors, and exits as plan does (one parser and one
 * set of messages in cli/args.c and cli/ux.c): the exact stderr lines and
 * exit codes, each beside plan's where plan has the same case. Also the
 * format from -o's extension shared by plan, export, explain and sweep, and
 * a full standard output for help and --version.
 */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE                                                                                \
    "Usage: curtail validate|plan|schedule|sweep|explain|export|policy [FILE] [OPTIONS] (see " \
    "curtail --help)\n"

/* The knapsack of tests/plan_cases; tests/data/cli: 33 warnings, an unknown key. */
#define KNAPSACK CURTAIL_SOURCE_DIR "/tests/plan_cases/knapsack.yaml"
#define MANY_WARNINGS CURTAIL_TEST_DATA "/cli/many_warnings.yaml"

typedef struct run_result {
    int status;
    char *out, *err;
} run_result;

/* Run "cd DIR && curtail ARGS" (DIR NULL: here). */
static run_result run_in(const char *dir, const char *args)
{
    run_result r;
    char cmd[4096];
    if (dir)
        snprintf(cmd, sizeof cmd, "cd '%s' && %s %s", dir, CURTAIL_CLI, args);
    else
        snprintf(cmd, sizeof cmd, "%s %s", CURTAIL_CLI, args);
    r.status = tu_run(cmd, &r.out, &r.err);
    ck_assert_int_ge(r.status, 0);
    return r;
}

static void run_free(run_result *r)
{
    free(r->out);
    free(r->err);
}

/* `args` exits 1 with `line` then the usage line, nothing on stdout. */
static void expect_usage(const char *dir, const char *args, const char *line)
{
    run_result r = run_in(dir, args);
    char want[2048];
    snprintf(want, sizeof want, "%s%s", line, USAGE);
    ck_assert_msg(r.status == 1, "%s: exit %d", args, r.status);
    ck_assert_msg(strcmp(r.err, want) == 0, "%s: stderr\n%s", args, r.err);
    ck_assert_str_eq(r.out, "");
    run_free(&r);
}

/* A fresh directory holding a copy of `src` named `name`. */
static char *dir_with(const char *name, const char *src)
{
    char *dir = tu_tmpdir(), cmd[2048];
    ck_assert_ptr_nonnull(dir);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s/%s'", src, dir, name);
    ck_assert_int_eq(tu_run(cmd, NULL, NULL), 0);
    return dir;
}

static void remove_dir(char *dir)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    tu_run(cmd, NULL, NULL);
    free(dir);
}

/* Every usage error of sweep as plan words it: "curtail: MESSAGE" and the
 * one usage line (sweep used to say "curtail: sweep: MESSAGE" and a usage
 * line of its own, without "did you mean"). */
START_TEST(test_sweep_usage_errors_as_plan)
{
    /* missing FILE, a second FILE, an unknown option: word for word plan's */
    expect_usage(NULL, "sweep", "curtail: sweep: missing FILE\n");
    expect_usage(NULL, "sweep x.yaml y.yaml", "curtail: unexpected argument 'y.yaml'\n");
    expect_usage(NULL, "sweep x.yaml --frob", "curtail: unknown option '--frob'\n");
    expect_usage(NULL, "plan x.yaml --frob", "curtail: unknown option '--frob'\n");
    expect_usage(NULL, "sweep x.yaml --cld", "curtail: unknown option '--cld'; did you mean "
                                             "'--cold'?\n");
    expect_usage(NULL, "sweep x.yaml --no-variant",
                 "curtail: unknown option '--no-variant'; did you mean '--no-variants'?\n");
    expect_usage(NULL, "sweep x.yaml --fromat md",
                 "curtail: unknown option '--fromat'; did you mean '--format'?\n");
    /* sweep's options are sweep's: plan does not take them */
    expect_usage(NULL, "plan x.yaml --set a=1", "curtail: unknown option '--set'\n");
    expect_usage(NULL, "plan x.yaml -j 2", "curtail: unknown option '-j'\n");
    /* -o takes the next argument, never "-o=OUT" (sweep took it); -j likewise */
    expect_usage(NULL, "plan x.yaml -o=a.json", "curtail: unknown option '-o=a.json'\n");
    expect_usage(NULL, "sweep x.yaml -o=a.csv", "curtail: unknown option '-o=a.csv'\n");
    expect_usage(NULL, "sweep x.yaml -j=2", "curtail: unknown option '-j=2'\n");
    expect_usage(NULL, "sweep x.yaml -o", "curtail: option -o needs a value\n");
    expect_usage(NULL, "sweep x.yaml --set", "curtail: option --set needs a value\n");
    /* an empty output name is a usage error (sweep tried to write "") */
    expect_usage(NULL, "sweep x.yaml -o ''",
                 "curtail: option -o needs a file name, got an empty one\n");
    expect_usage(NULL, "sweep x.yaml --output=",
                 "curtail: option --output needs a file name, got an empty one\n");
    /* values: the same messages and hints as plan's */
    expect_usage(NULL, "sweep x.yaml --format jsnol",
                 "curtail: unknown format 'jsnol' (csv, md, jsonl, xlsx or html); did you mean "
                 "'jsonl'?\n");
    expect_usage(NULL, "sweep x.yaml --lang eng",
                 "curtail: unknown language 'eng' (zh or en); did you mean 'en'?\n");
    expect_usage(NULL, "plan x.yaml --lang eng",
                 "curtail: unknown language 'eng' (zh or en); did you mean 'en'?\n");
    expect_usage(NULL, "sweep x.yaml --solver glkp",
                 "curtail: unknown solver 'glkp' (glpk or clp); did you mean 'glpk'?\n");
    expect_usage(NULL, "sweep x.yaml --time-limit 0",
                 "curtail: --time-limit needs a positive number of seconds, got '0'\n");
    expect_usage(NULL, "plan x.yaml --time-limit 0",
                 "curtail: --time-limit needs a positive number of seconds, got '0'\n");
    expect_usage(NULL, "sweep x.yaml --time-limit inf",
                 "curtail: --time-limit needs a positive number of seconds, got 'inf'\n");
    expect_usage(NULL, "sweep x.yaml --max-warnings -1",
                 "curtail: --max-warnings needs a whole number >= 0, got '-1'\n");
    expect_usage(NULL, "sweep x.yaml -j 0",
                 "curtail: -j needs a number of threads from 1 to 256, got '0'\n");
    expect_usage(NULL, "sweep x.yaml -j 257",
                 "curtail: -j needs a number of threads from 1 to 256, got '257'\n");
    expect_usage(NULL, "sweep x.yaml --shard 3/3",
                 "curtail: --shard needs I/N with 0 <= I < N, got '3/3'\n");
    expect_usage(NULL, "sweep x.yaml --shard 3",
                 "curtail: --shard needs I/N (e.g. 0/4), got '3'\n");
    /* user text is escaped, as in plan's messages */
    expect_usage(NULL, "sweep x.yaml --format \"$(printf 'a\\nb')\"",
                 "curtail: unknown format 'a\\nb' (csv, md, jsonl, xlsx or html)\n");
    /* --help among bad options: the error, as plan */
    expect_usage(NULL, "sweep --help --frob", "curtail: unknown option '--frob'\n");
    expect_usage(NULL, "plan --help --frob", "curtail: unknown option '--frob'\n");
    /* "--" ends the options: a FILE named like one */
    expect_usage(NULL, "sweep -- -x.yaml y.yaml", "curtail: unexpected argument 'y.yaml'\n");
    /* --curve is checked before loading: x.yaml does not exist, the usage error comes first */
    expect_usage(NULL, "sweep x.yaml --curve targets.ratios.orange.NOx",
                 "curtail: --curve targets.ratios.orange.NOx: needs a swept target ratio (--set "
                 "targets.ratios.LEVEL.POLLUTANT=A:B:STEP)\n");
}
END_TEST

/* The format from -o's extension: one rule for plan, export, explain and
 * sweep. Any case; an extension that names no format is a usage error; a
 * name without one is the command's default. */
START_TEST(test_format_from_output_extension)
{
    char *dir = dir_with("k.yaml", KNAPSACK);
    run_result r;
    char *text, path[1200];
    /* sweep: .MD is Markdown (it was csv: the check was case-sensitive) */
    r = run_in(dir, "sweep k.yaml -o T.MD");
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.err, "");
    run_free(&r);
    snprintf(path, sizeof path, "%s/T.MD", dir);
    text = tu_read_file(path, NULL);
    ck_assert_ptr_nonnull(text);
    ck_assert_msg(text[0] == '|', "%s", text);
    free(text);
    /* sweep: .txt is a usage error (it was csv), as plan's */
    expect_usage(dir, "sweep k.yaml -o t.txt",
                 "curtail: cannot tell the output format of 't.txt': name it .csv, .md, .jsonl, "
                 ".xlsx or .html, or use --format csv|md|jsonl|xlsx|html\n");
    expect_usage(dir, "plan k.yaml -o t.txt",
                 "curtail: cannot tell the output format of 't.txt': name it .json, .csv, .md, "
                 ".html or .xlsx, or use --format json|csv|md|html|xlsx\n");
    /* sweep: a name without an extension is the default, csv */
    r = run_in(dir, "sweep k.yaml -o table && head -c 8 table");
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, "variant,");
    run_free(&r);
    /* explain: .html is a usage error (it wrote Markdown), .JSON is JSON */
    expect_usage(dir, "explain k.yaml -o e.html",
                 "curtail: cannot tell the output format of 'e.html': name it .md or .json, or "
                 "use --format md|json\n");
    r = run_in(dir, "explain k.yaml -o E.JSON && head -c 1 E.JSON");
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, "{");
    run_free(&r);
    expect_usage(dir, "explain k.yaml --format csv",
                 "curtail: unknown format 'csv' for explain (md or json)\n");
    /* export: a name without an extension is the default, lp (it was a usage error) */
    r = run_in(dir, "export k.yaml -o model && head -c 9 model");
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, "\\ curtail");
    run_free(&r);
    remove_dir(dir);
}
END_TEST

/* sweep's warnings are validate's and plan's, byte for byte: the first 20,
 * then one line counting them by kind (sweep printed all 33); -q none. */
START_TEST(test_sweep_warnings_as_plan)
{
    char *dir = dir_with("many.yaml", MANY_WARNINGS);
    run_result v, w;
    const char *last;
    static const char *const cases[][2] = {
        {"validate many.yaml", "sweep many.yaml -o t.csv"},
        {"validate many.yaml --lang en --max-warnings 1",
         "sweep many.yaml --lang en --max-warnings 1 -o t.csv"},
        {"validate many.yaml --max-warnings=33", "sweep many.yaml --max-warnings=33 -o t.csv"},
        {"validate many.yaml -q", "sweep many.yaml -q -o t.csv"},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        v = run_in(dir, cases[i][0]);
        w = run_in(dir, cases[i][1]);
        ck_assert_int_eq(v.status, 0);
        ck_assert_int_eq(w.status, 0);
        ck_assert_msg(strcmp(v.err, w.err) == 0, "%s\n%s\n%s\n%s", cases[i][0], v.err,
                      cases[i][1], w.err);
        run_free(&v);
        run_free(&w);
    }
    w = run_in(dir, "sweep many.yaml -o t.csv");
    last = strstr(w.err, "curtail: 33 warnings: 30 × ");
    ck_assert_ptr_nonnull(last);
    ck_assert_ptr_nonnull(strstr(last, "; first 20 shown (--max-warnings N for more, -q for "
                                       "none)\n"));
    run_free(&w);
    w = run_in(dir, "sweep many.yaml -q -o t.csv");
    ck_assert_str_eq(w.err, "");
    run_free(&w);
    remove_dir(dir);
}
END_TEST

/* A scenario that does not load: the same lines as validate and plan (with
 * the "did you mean" note sweep did not print) and the same exit codes. */
START_TEST(test_sweep_load_errors_as_plan)
{
    char *dir = dir_with("k.yaml", CURTAIL_TEST_DATA "/cli/unknown_key.yaml");
    run_result p = run_in(dir, "plan k.yaml"), w = run_in(dir, "sweep k.yaml");
    ck_assert_int_eq(p.status, 2);
    ck_assert_int_eq(w.status, 2);
    ck_assert_str_eq(w.err, p.err);
    ck_assert_ptr_nonnull(strstr(w.err, "k.yaml:6:32: note: did you mean \"capacity\"?\n"));
    ck_assert_str_eq(w.out, "");
    run_free(&p);
    run_free(&w);
    w = run_in(dir, "sweep nope.yaml");
    ck_assert_int_eq(w.status, 5);
    ck_assert_str_eq(w.err, "nope.yaml: error: cannot open: No such file or directory\n");
    run_free(&w);
    remove_dir(dir);
}
END_TEST

/* sweep's own options still work through the shared parser, and an --set
 * argument is escaped on its error line like any user text. */
START_TEST(test_sweep_own_options)
{
    char *dir = dir_with("k.yaml", KNAPSACK);
    run_result a, b;
    /* --set=, --shard=, -j N, --cold, --no-variants, --time-limit 1e10 (plan takes it too) */
    a = run_in(dir, "sweep k.yaml --set=targets.ratios.orange.NOx=0.1,0.4 --shard=0/1 -j 2 "
                    "--cold --no-variants --time-limit 1e10");
    b = run_in(dir, "sweep k.yaml --set targets.ratios.orange.NOx=0.1,0.4");
    ck_assert_int_eq(a.status, 0);
    ck_assert_int_eq(b.status, 0);
    ck_assert_str_eq(a.out, b.out);
    ck_assert_ptr_nonnull(strstr(a.out, "\nbase,0.4,orange,optimal,"));
    run_free(&a);
    run_free(&b);
    a = run_in(dir, "plan k.yaml --time-limit 1e10 -o p.json");
    ck_assert_int_eq(a.status, 0);
    run_free(&a);
    /* a newline in --set stays on one line */
    a = run_in(dir, "sweep k.yaml --set \"$(printf 'targets.ratios.orange.NOx=0.1,\\n5')\"");
    ck_assert_int_eq(a.status, 2);
    ck_assert_ptr_nonnull(
        strstr(a.err, "curtail: sweep: --set targets.ratios.orange.NOx=0.1,\\n5: "));
    ck_assert_ptr_eq(strchr(a.err, '\n'), a.err + strlen(a.err) - 1);
    run_free(&a);
    /* help: sweep's own text, through the table of command helps */
    a = run_in(NULL, "sweep --help");
    ck_assert_int_eq(a.status, 0);
    ck_assert_str_eq(a.err, "");
    ck_assert_ptr_eq(strstr(a.out, "Usage: curtail sweep FILE [OPTIONS]\n"), a.out);
    ck_assert_ptr_nonnull(strstr(a.out, "  -q, --quiet              no warnings\n"));
    run_free(&a);
    remove_dir(dir);
}
END_TEST

/* Help and --version on a full standard output: exit 5 and the line that
 * validate and policy print (they exited 5 without a word). */
START_TEST(test_full_stdout_said)
{
    static const char *const cmds[] = {"--help", "--version", "plan --help", "sweep --help",
                                       "policy"};
    size_t i;
    for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        char cmd[1200];
        run_result r;
        snprintf(cmd, sizeof cmd, "(%s %s > /dev/full)", CURTAIL_CLI, cmds[i]);
        r.status = tu_run(cmd, &r.out, &r.err);
        ck_assert_msg(r.status == 5, "%s: exit %d", cmds[i], r.status);
        ck_assert_msg(strcmp(r.err, "curtail: error: cannot write to standard output: No space "
                                    "left on device\n") == 0,
                      "%s: %s", cmds[i], r.err);
        run_free(&r);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cli_sweep");
    TCase *core = tcase_create("core");
    SRunner *sr;
    int failed;
    tcase_add_test(core, test_sweep_usage_errors_as_plan);
    tcase_add_test(core, test_format_from_output_extension);
    tcase_add_test(core, test_sweep_warnings_as_plan);
    tcase_add_test(core, test_sweep_load_errors_as_plan);
    tcase_add_test(core, test_sweep_own_options);
    tcase_add_test(core, test_full_stdout_said);
    tcase_set_timeout(core, 60);
    suite_add_tcase(s, core);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
