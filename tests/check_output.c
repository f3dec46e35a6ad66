/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_output.c — the output plumbing: streaming writes, the temporary
 * file (its name near NAME_MAX, the on_temp hook, removal when a signal
 * ends the CLI mid-write), the CSV formula guard, and the same bytes from
 * every writer whatever the caller's locale. */
#define _POSIX_C_SOURCE 200809L
#include "curtail.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"

static curtail_scenario *load_text(const char *yaml)
{
    return tu_load_yaml(yaml, "t.yaml");
}

static curtail_result *solve(const curtail_scenario *s, int schedule)
{
    curtail_result *r = NULL;
    curtail_error err;
    int rc;
    memset(&err, 0, sizeof err);
    rc = schedule ? curtail_schedule_solve(s, NULL, &r, &err)
                  : curtail_plan_solve(s, NULL, &r, &err);
    ck_assert_msg(rc == CURTAIL_OK, "solve failed (%d): %s", rc, err.message);
    return r;
}

/* The result written to path and read back (malloc'd). */
static char *write_read(const curtail_result *r, curtail_format format, const char *path,
                        size_t *len)
{
    curtail_write_options o = CURTAIL_WRITE_OPTIONS_INIT;
    curtail_error err;
    int rc;
    char *text;
    o.format = format;
    memset(&err, 0, sizeof err);
    rc = curtail_result_write_file(r, &o, path, &err);
    ck_assert_msg(rc == CURTAIL_OK, "write %s: %s", path, err.message);
    text = tu_read_file(path, len);
    ck_assert_ptr_nonnull(text);
    return text;
}

static char *export_read(const curtail_scenario *s, curtail_lp_format format, const char *path,
                         size_t *len)
{
    curtail_export_options o = CURTAIL_EXPORT_OPTIONS_INIT;
    curtail_error err;
    int rc;
    char *text;
    o.format = format;
    memset(&err, 0, sizeof err);
    rc = curtail_export_file(s, &o, path, &err);
    ck_assert_msg(rc == CURTAIL_OK, "export %s: %s", path, err.message);
    text = tu_read_file(path, len);
    ck_assert_ptr_nonnull(text);
    return text;
}

/* Files in dir other than . and .. */
static int count_files(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int n = 0;
    ck_assert_ptr_nonnull(d);
    while ((de = readdir(d)) != NULL)
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

static const char small_yaml[] =
    "curtail: 1\n"
    "builtin_policy: false\n"
    "policy: [{industry: other, grades: [none], levels: [yellow, orange, red], cut: 0.125}]\n"
    "enterprises:\n"
    "  - id: e1\n"
    "    name: \"\\t=HYPERLINK(1)\"\n"
    "    town: \"\\r+town\"\n"
    "    industry: other\n"
    "    units:\n"
    "      - {id: u1, name: \"\\t@SUM(A1)\", kind: other, capacity: 10.5, ef: {PM: 1.25}}\n";

/* ---- core ---------------------------------------------------------------------------- */

START_TEST(test_output_csv_tab_before_formula_is_guarded)
{
    curtail_scenario *s = load_text(small_yaml);
    curtail_result *r = solve(s, 0);
    char *dir = tu_tmpdir(), path[4096], *out;
    size_t len;
    snprintf(path, sizeof path, "%s/list.csv", dir);
    out = write_read(r, CURTAIL_FORMAT_CSV, path, &len);
    /* the TAB or CR kept, behind the apostrophe that keeps it text */
    ck_assert_msg(strstr(out, "\n1,'\t=HYPERLINK(1),,\"'\r+town\",其他,未分级,'\t@SUM(A1),10.5 吨/日,") !=
                      NULL,
                  "%s", out);
    free(out);
    unlink(path);
    rmdir(dir);
    free(dir);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* A target name of 250 and of 255 bytes (NAME_MAX): the temporary name is
 * shortened to fit, the write succeeds, and no temporary file is left. */
START_TEST(test_output_temp_name_fits_near_name_max)
{
    curtail_scenario *s = load_text(small_yaml);
    curtail_result *r = solve(s, 0);
    char *dir = tu_tmpdir(), path[4096], *out;
    size_t len, n;
    static const size_t lens[] = {250, 254, 255};
    for (n = 0; n < sizeof lens / sizeof lens[0]; n++) {
        size_t dl = (size_t)snprintf(path, sizeof path, "%s/", dir);
        memset(path + dl, 'x', lens[n]);
        memcpy(path + dl + lens[n] - 3, "\xE6\xB1\xA1", 3); /* 污: a UTF-8 tail */
        path[dl + lens[n]] = '\0';
        out = write_read(r, CURTAIL_FORMAT_JSON, path, &len);
        ck_assert_uint_gt(len, 100);
        ck_assert(strncmp(out, "{\n", 2) == 0);
        free(out);
        /* again, over the existing file */
        out = write_read(r, CURTAIL_FORMAT_CSV, path, &len);
        ck_assert(strncmp(out, "No.,", 4) == 0 || strncmp(out, "序号,", 7) == 0);
        free(out);
        ck_assert_int_eq(count_files(dir), 1);
        unlink(path);
    }
    rmdir(dir);
    free(dir);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

typedef struct temp_log {
    int calls;
    int existed; /* the file existed when told */
    char path[4096];
    int last_null;
} temp_log;

static void log_temp(const char *path, void *ctx)
{
    temp_log *log = ctx;
    log->calls++;
    log->last_null = path == NULL;
    if (path) {
        struct stat st;
        snprintf(log->path, sizeof log->path, "%s", path);
        log->existed = stat(path, &st) == 0 && S_ISREG(st.st_mode);
    }
}

START_TEST(test_output_on_temp_told_then_cleared)
{
    curtail_scenario *s = load_text(small_yaml);
    curtail_result *r = solve(s, 0);
    curtail_write_options o = CURTAIL_WRITE_OPTIONS_INIT;
    curtail_export_options eo = CURTAIL_EXPORT_OPTIONS_INIT;
    curtail_error err;
    temp_log log;
    char *dir = tu_tmpdir(), path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/plan.json", dir);
    memset(&log, 0, sizeof log);
    o.on_temp = log_temp;
    o.on_temp_ctx = &log;
    ck_assert_int_eq(curtail_result_write_file(r, &o, path, &err), CURTAIL_OK);
    ck_assert_int_eq(log.calls, 2);
    ck_assert_int_eq(log.existed, 1);
    ck_assert_int_eq(log.last_null, 1);
    ck_assert(strncmp(log.path, path, strlen(path)) == 0 && log.path[strlen(path)] == '.');
    ck_assert_int_ne(stat(log.path, &st), 0); /* renamed away */
    ck_assert_int_eq(count_files(dir), 1);

    memset(&log, 0, sizeof log);
    eo.format = CURTAIL_LP_MPS;
    eo.on_temp = log_temp;
    eo.on_temp_ctx = &log;
    ck_assert_int_eq(curtail_export_file(s, &eo, path, &err), CURTAIL_OK);
    ck_assert_int_eq(log.calls, 2);
    ck_assert_int_eq(log.last_null, 1);

    /* to standard output or a device: no temporary file, no call */
    memset(&log, 0, sizeof log);
    ck_assert_int_eq(curtail_result_write_file(r, &o, "/dev/null", &err), CURTAIL_OK);
    ck_assert_int_eq(log.calls, 0);

    /* version 1 options (without on_temp) are still accepted */
    o.version = 1;
    ck_assert_int_eq(curtail_result_write_file(r, &o, path, &err), CURTAIL_OK);
    eo.version = 1;
    ck_assert_int_eq(curtail_export_file(s, &eo, path, &err), CURTAIL_OK);
    o.version = 4; /* 3 added public_version */
    ck_assert_int_eq(curtail_result_write_file(r, &o, path, &err), CURTAIL_EINVAL);

    unlink(path);
    rmdir(dir);
    free(dir);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* Larger than many 64 KiB pieces: the file, a stream and memory hold the
 * same bytes. */
START_TEST(test_output_streamed_file_equals_stream)
{
    curtail_scenario *s = tu_load_file(CURTAIL_SOURCE_DIR "/examples/xiangyuan-winter.yaml");
    curtail_result *r = solve(s, 1);
    curtail_write_options o = CURTAIL_WRITE_OPTIONS_INIT;
    curtail_error err;
    char *dir = tu_tmpdir(), path[4096], *file, *mem = NULL;
    size_t flen, mlen = 0;
    int f;
    snprintf(path, sizeof path, "%s/schedule.out", dir);
    for (f = CURTAIL_FORMAT_JSON; f <= CURTAIL_FORMAT_MD; f++) {
        FILE *fp = open_memstream(&mem, &mlen);
        o.format = (curtail_format)f;
        file = write_read(r, o.format, path, &flen);
        ck_assert_ptr_nonnull(fp);
        ck_assert_int_eq(curtail_result_write_stream(r, &o, fp, &err), CURTAIL_OK);
        fclose(fp);
        ck_assert_uint_eq(flen, mlen);
        ck_assert(memcmp(file, mem, flen) == 0);
        if (f == CURTAIL_FORMAT_CSV)
            ck_assert_uint_gt(flen, 4 * 65536); /* several pieces */
        free(file);
        free(mem);
        mem = NULL;
    }
    unlink(path);
    rmdir(dir);
    free(dir);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* ---- errors -------------------------------------------------------------------------- */

/* The CLI killed by SIGINT, SIGTERM or SIGHUP while its temporary file
 * exists: the file is removed, the old output is untouched, the process
 * dies of the signal. */
static int interrupt_cli_mid_write(int sig, const char *yaml, const char *dir)
{
    char out[4096], tmp_prefix[4096];
    pid_t pid;
    int status, seen = 0;
    long waited;
    size_t plen;
    char *old;
    snprintf(out, sizeof out, "%s/plan.json", dir);
    ck_assert_int_eq(tu_write_file(out, "old\n", 4), 0);
    plen = (size_t)snprintf(tmp_prefix, sizeof tmp_prefix, "plan.json.");
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0) {
            dup2(devnull, 2);
            close(devnull);
        }
        execl(CURTAIL_CLI, "curtail", "plan", yaml, "-o", out, (char *)NULL);
        _exit(127);
    }
    /* poll for the temporary file (every 0.2 ms, up to 60 s) */
    for (waited = 0; waited < 300000 && !seen; waited++) {
        DIR *d = opendir(dir);
        struct dirent *de;
        struct timespec ts = {0, 200000};
        while (d && (de = readdir(d)) != NULL)
            if (strncmp(de->d_name, tmp_prefix, plen) == 0)
                seen = 1;
        if (d)
            closedir(d);
        if (!seen) {
            if (waitpid(pid, &status, WNOHANG) == pid)
                ck_abort_msg("the CLI ended before its temporary file was seen (status %d)",
                             status);
            nanosleep(&ts, NULL);
        }
    }
    ck_assert_msg(seen, "no temporary file appeared");
    kill(pid, sig);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    if (WIFEXITED(status)) {
        /* the write finished before the signal arrived: try again */
        ck_assert_int_eq(count_files(dir), 1);
        return 0;
    }
    ck_assert(WIFSIGNALED(status));
    ck_assert_int_eq(WTERMSIG(status), sig);
    if (count_files(dir) != 1) {
        char ls[8192], *listing = NULL;
        snprintf(ls, sizeof ls, "ls -la '%s'", dir);
        tu_run(ls, &listing, NULL);
        ck_abort_msg("signal %d: the temporary file is left:\n%s", sig, listing);
    }
    old = tu_read_file(out, NULL);
    ck_assert_str_eq(old, "old\n");
    free(old);
    return 1;
}

static void interrupt_until_caught(int sig, const char *yaml, const char *dir)
{
    int tries;
    for (tries = 0; tries < 10; tries++)
        if (interrupt_cli_mid_write(sig, yaml, dir))
            return;
    ck_abort_msg("signal %d never arrived during a write in 10 tries", sig);
}

START_TEST(test_output_signal_removes_temp_file)
{
    char *dir = tu_tmpdir(), yaml[4096], cmd[8192], outdir[4096];
    snprintf(yaml, sizeof yaml, "%s/big.yaml", dir);
    snprintf(outdir, sizeof outdir, "%s/out", dir);
    ck_assert_int_eq(mkdir(outdir, 0700), 0);
    snprintf(cmd, sizeof cmd,
             "python3 '%s/bench/gen.py' --enterprises 4000 --seed 3 -o '%s' >/dev/null 2>&1",
             CURTAIL_SOURCE_DIR, yaml);
    if (tu_run(cmd, NULL, NULL) != 0) {
        fprintf(stderr, "check_output: python3 bench/gen.py unavailable: signal test skipped\n");
    } else {
        interrupt_until_caught(SIGINT, yaml, outdir);
        interrupt_until_caught(SIGTERM, yaml, outdir);
        interrupt_until_caught(SIGHUP, yaml, outdir);
    }
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(tu_run(cmd, NULL, NULL), 0);
    free(dir);
}
END_TEST

/* ---- limits: the locale ---------------------------------------------------------------- */

/* Every writer's bytes for the winter example: plan and schedule as JSON,
 * CSV and Markdown, the LP and the MPS; into bufs[0..7]. */
#define NOUT 8
static void all_outputs(const char *dir, char *bufs[NOUT], size_t lens[NOUT])
{
    curtail_scenario *s = tu_load_file(CURTAIL_SOURCE_DIR "/examples/xiangyuan-winter.yaml");
    curtail_result *plan = solve(s, 0), *sched = solve(s, 1);
    char path[4096];
    int f, k = 0;
    snprintf(path, sizeof path, "%s/out", dir);
    for (f = CURTAIL_FORMAT_JSON; f <= CURTAIL_FORMAT_MD; f++) {
        bufs[k] = write_read(plan, (curtail_format)f, path, &lens[k]);
        k++;
        bufs[k] = write_read(sched, (curtail_format)f, path, &lens[k]);
        k++;
    }
    bufs[k] = export_read(s, CURTAIL_LP_CPLEX, path, &lens[k]);
    k++;
    bufs[k] = export_read(s, CURTAIL_LP_MPS, path, &lens[k]);
    unlink(path);
    curtail_result_free(plan);
    curtail_result_free(sched);
    curtail_scenario_free(s);
}

/* Warnings and error messages with decimals: a 4.3 m oven not flagged for
 * closure, a 20.5 t/h coal boiler, a rule under the minimum load, and a
 * capacity of -5.5; each line in English and Chinese, then the plan JSON
 * (its warnings array) — all into one buffer. */
static const char messages_yaml[] =
    "curtail: 1\n"
    "policy:\n"
    "  - {industry: other, grades: [C], levels: [yellow, orange, red], max_load: 0.25}\n"
    "enterprises:\n"
    "  - id: coke\n"
    "    industry: coking\n"
    "    grade: C\n"
    "    units:\n"
    "      - {id: oven, kind: coke_oven, capacity: 100, ef: {SO2: 1.5},\n"
    "         coke_oven: {height_m: 4.3, quenching: dry, coking_time_h: 22.5}}\n"
    "  - id: heat\n"
    "    industry: boiler\n"
    "    grade: C\n"
    "    units:\n"
    "      - {id: b1, kind: boiler, capacity: 200, ef: {NOx: 0.5},\n"
    "         boiler: {fuel: coal, steam_tph: 20.5}}\n"
    "  - id: works\n"
    "    industry: other\n"
    "    grade: C\n"
    "    units:\n"
    "      - {id: line, kind: other, capacity: 10, min_load: 0.375, ef: {PM: 0.5}}\n";

static char *messages_out(size_t *len)
{
    curtail_scenario *s = load_text(messages_yaml), *bad = NULL;
    curtail_result *plan;
    curtail_error err;
    char *out = NULL, line[2048];
    size_t i, n = curtail_scenario_warning_count(s), cap = 0;
    FILE *mem = open_memstream(&out, &cap);
    const char *bad_yaml = "curtail: 1\nenterprises:\n  - id: a\n    industry: other\n"
                           "    units:\n      - {id: u, kind: other, capacity: -5.5}\n";
    ck_assert_ptr_nonnull(mem);
    ck_assert_uint_ge(n, 3);
    for (i = 0; i < n; i++)
        fprintf(mem, "%s\n%s\n", curtail_scenario_warning_text(s, i, CURTAIL_LANG_EN),
                curtail_scenario_warning_text(s, i, CURTAIL_LANG_ZH));
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(curtail_scenario_load_buffer(&bad, bad_yaml, strlen(bad_yaml), "bad.yaml",
                                                  NULL, &err),
                     CURTAIL_EINPUT);
    curtail_error_format(&err, line, sizeof line);
    fprintf(mem, "%s\n", line);
    plan = solve(s, 0);
    {
        char *dir = tu_tmpdir(), path[4096], *json;
        size_t jl;
        snprintf(path, sizeof path, "%s/out.json", dir);
        json = write_read(plan, CURTAIL_FORMAT_JSON, path, &jl);
        fwrite(json, 1, jl, mem);
        free(json);
        unlink(path);
        rmdir(dir);
        free(dir);
    }
    curtail_result_free(plan);
    curtail_scenario_free(s);
    fclose(mem);
    *len = strlen(out);
    return out;
}

START_TEST(test_output_same_bytes_in_comma_decimal_locale)
{
    static const char *const names[NOUT] = {"plan JSON", "schedule JSON", "plan CSV",
                                            "schedule CSV", "plan MD", "schedule MD",
                                            "LP", "MPS"};
    char *dir = tu_tmpdir(), cmd[8192], locdir[4096], *c_out[NOUT], *de_out[NOUT];
    char *c_msg, *de_msg;
    size_t c_len[NOUT], de_len[NOUT], c_msg_len, de_msg_len;
    const char *old_locpath = getenv("LOCPATH");
    char *saved = old_locpath ? strdup(old_locpath) : NULL;
    int i, rc;
    snprintf(locdir, sizeof locdir, "%s/locales", dir);
    ck_assert_int_eq(mkdir(locdir, 0700), 0);
    rc = tu_run("command -v localedef", NULL, NULL);
    if (rc != 0) {
        fprintf(stderr, "check_output: localedef is not installed (Debian package 'locales', "
                        "scripts/install-deps.sh): the comma-decimal locale test is skipped\n");
        goto done;
    }
    snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 '%s/de_DE.UTF-8'", locdir);
    rc = tu_run(cmd, NULL, NULL);
    ck_assert_msg(rc == 0 || rc == 1, "localedef failed (%d)", rc); /* 1: warnings only */

    setlocale(LC_ALL, "C");
    all_outputs(dir, c_out, c_len);
    c_msg = messages_out(&c_msg_len);
    /* the decimals are there to be garbled */
    ck_assert_ptr_nonnull(strstr(c_msg, "4.3 m coke oven"));
    ck_assert_ptr_nonnull(strstr(c_msg, "20.5 t/h"));
    ck_assert_ptr_nonnull(strstr(c_msg, "got -5.5"));

    setenv("LOCPATH", locdir, 1);
    ck_assert_ptr_nonnull(setlocale(LC_ALL, "de_DE.UTF-8"));
    ck_assert_str_eq(localeconv()->decimal_point, ",");
    {
        char probe[32];
        snprintf(probe, sizeof probe, "%.2f", 1.5);
        ck_assert_str_eq(probe, "1,50"); /* printf would write a comma here */
    }
    all_outputs(dir, de_out, de_len);
    de_msg = messages_out(&de_msg_len);
    setlocale(LC_ALL, "C");
    if (saved)
        setenv("LOCPATH", saved, 1);
    else
        unsetenv("LOCPATH");

    {
        size_t at = 0;
        while (at < c_msg_len && at < de_msg_len && c_msg[at] == de_msg[at])
            at++;
        ck_assert_msg(c_msg_len == de_msg_len && at == c_msg_len,
                      "warnings or messages differ under de_DE.UTF-8 at byte %zu: \"%.80s\" vs "
                      "\"%.80s\"",
                      at, c_msg + (at > 40 ? at - 40 : 0), de_msg + (at > 40 ? at - 40 : 0));
    }
    free(c_msg);
    free(de_msg);
    for (i = 0; i < NOUT; i++) {
        ck_assert_msg(c_len[i] == de_len[i] && memcmp(c_out[i], de_out[i], c_len[i]) == 0,
                      "%s differs under de_DE.UTF-8", names[i]);
        ck_assert_uint_gt(c_len[i], 100);
        free(c_out[i]);
        free(de_out[i]);
    }
done:
    free(saved);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(tu_run(cmd, NULL, NULL), 0);
    free(dir);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("output");
    TCase *core = tcase_create("core");
    TCase *errors = tcase_create("errors");
    TCase *limits = tcase_create("limits");
    SRunner *sr;
    int failed;

    tcase_add_test(core, test_output_csv_tab_before_formula_is_guarded);
    tcase_add_test(core, test_output_temp_name_fits_near_name_max);
    tcase_add_test(core, test_output_on_temp_told_then_cleared);
    tcase_add_test(core, test_output_streamed_file_equals_stream);
    tcase_set_timeout(core, 60);
    suite_add_tcase(su, core);

    tcase_add_test(errors, test_output_signal_removes_temp_file);
    tcase_set_timeout(errors, 180);
    suite_add_tcase(su, errors);

    tcase_add_test(limits, test_output_same_bytes_in_comma_decimal_locale);
    tcase_set_timeout(limits, 120);
    suite_add_tcase(su, limits);

    sr = srunner_create(su);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
