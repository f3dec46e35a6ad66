/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c — the curtail command line: arguments → library calls → exit codes.
 * Everything it does goes through the public API in curtail.h; help.c holds
 * the help texts, ux.c what is said on stderr, args.c the option parsing. */
#define _POSIX_C_SOURCE 200809L /* unlink, stat */
#include "cli.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- a write ended by SIGINT, SIGTERM or SIGHUP leaves no temporary file ----
 * The library tells us the path of the temporary file it writes (on_temp in
 * the write and export options) and keeps no global state; we keep the
 * path here. The handler calls only async-signal-safe functions (unlink,
 * signal, raise): it removes the file and dies of the signal as it would
 * have. The flag is cleared before the path is rewritten and set after
 * (with a signal fence), so the handler never sees half a path; the
 * library holds signals back between creating the file and telling us, and
 * between renaming it and telling us, so no window is left. */
static char temp_path[4096];
static volatile sig_atomic_t temp_set;

void cli_remember_temp(const char *path, void *ctx)
{
    (void)ctx;
    temp_set = 0;
    atomic_signal_fence(memory_order_seq_cst);
    if (path && strlen(path) < sizeof temp_path) {
        memcpy(temp_path, path, strlen(path) + 1);
        atomic_signal_fence(memory_order_seq_cst);
        temp_set = 1;
    }
}

static void remove_temp_and_die(int sig)
{
    if (temp_set)
        (void)unlink(temp_path);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void catch_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    size_t i;
    for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        if (signal(sigs[i], remove_temp_and_die) == SIG_IGN)
            signal(sigs[i], SIG_IGN); /* ignored (nohup): stays ignored */
}

/* ---- commands ------------------------------------------------------------------ */

/* Files this large take a noticeable time to load: say so on a terminal. */
#define PROGRESS_LOAD_BYTES (8L << 20)

int cli_load(const char *file, curtail_scenario **s)
{
    curtail_error err;
    struct stat st;
    progress p;
    int rc;
    memset(&err, 0, sizeof err);
    progress_start(&p, "loading");
    if (progress_wanted() && strcmp(file, "-") != 0 && stat(file, &st) == 0 &&
        S_ISREG(st.st_mode) && st.st_size >= PROGRESS_LOAD_BYTES) {
        fputs("curtail: loading ", stderr);
        put_escaped(stderr, file);
        fprintf(stderr, " (%lld MiB) …", (long long)(st.st_size >> 20));
        fflush(stderr);
        p.shown = 1;
    }
    rc = curtail_scenario_load_file(s, file, NULL, &err);
    progress_clear(&p);
    if (rc != CURTAIL_OK) {
        rc = report_error(rc, &err);
        if (err.code == CURTAIL_EINPUT)
            note_did_you_mean(&err);
        return rc;
    }
    print_scenario_warnings(*s);
    return -1;
}

static int cmd_validate(int argc, char **argv)
{
    static const option_set allowed = {0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0};
    curtail_scenario *s = NULL;
    curtail_lang lang = CURTAIL_LANG_DEFAULT;
    size_t ne, nu;
    args a;
    int rc = command_args(argc, argv, allowed, "validate", 1, &a);
    if (rc >= 0)
        return rc;
    rc = parse_lang_arg(&a, &lang);
    if (rc >= 0)
        return rc;
    rc = cli_load(a.file, &s);
    if (rc >= 0)
        return rc;
    ne = curtail_scenario_enterprise_count(s);
    nu = curtail_scenario_unit_count(s);
    put_escaped(stdout, strcmp(a.file, "-") ? a.file : "<stdin>");
    printf(": ok (%zu enterprise%s, %zu unit%s)\n", ne, ne == 1 ? "" : "s", nu,
           nu == 1 ? "" : "s");
    curtail_scenario_free(s);
    return cli_flush_stdout();
}

/* The targets.combined rows short of their ratio (review P2-8), after `any`
 * items already printed: ", orange SO2+NOx combined ratio short by 5.52%". */
static void print_unmet_combined(const curtail_result *r, int any)
{
    size_t k;
    int p;
    for (k = 0; k < curtail_result_combined_count(r); k++) {
        curtail_combined_result c;
        int first = 1;
        if (curtail_result_combined(r, k, &c, NULL) != CURTAIL_OK || !(c.shortfall * 100.0 >= 0.005))
            continue;
        fprintf(stderr, "%s %s ", any ? "," : " (smallest shortfall):",
                curtail_level_name(c.level));
        for (p = 0; p < CURTAIL_NPOLLUTANTS; p++)
            if (c.pollutants & (1u << p)) {
                fprintf(stderr, "%s%s", first ? "" : "+",
                        curtail_pollutant_name((curtail_pollutant)p));
                first = 0;
            }
        fprintf(stderr, " combined ratio short by %.2f%%", c.shortfall * 100.0);
        any = 1;
    }
}

/* One line naming each level and pollutant short of its target, then each
 * combined row short of its ratio. */
static void print_unmet_levels(const curtail_result *r)
{
    int level, p, any = 0;
    fputs("curtail: targets not met", stderr);
    for (level = 0; level < CURTAIL_NLEVELS; level++) {
        curtail_level_result lr;
        if (curtail_result_level(r, (curtail_level)level, &lr, NULL) != CURTAIL_OK)
            continue;
        for (p = 0; p < CURTAIL_NPOLLUTANTS; p++) {
            if (lr.targets[p].shortfall < 0.005)
                continue;
            fprintf(stderr, "%s %s %s short by %.2f kg/d", any ? "," : " (smallest shortfall):",
                    curtail_level_name((curtail_level)level),
                    curtail_pollutant_name((curtail_pollutant)p), lr.targets[p].shortfall);
            any = 1;
        }
    }
    print_unmet_combined(r, any);
    fputs("\n", stderr);
}

/* One line naming each segment and pollutant short of its target, then the
 * combined rows of the plan the episode executes. */
static void print_unmet_segments(const curtail_result *r)
{
    size_t k, n = curtail_result_segment_count(r);
    int p, any = 0;
    fputs("curtail: targets not met", stderr);
    for (k = 0; k < n; k++) {
        curtail_segment_result sg;
        if (curtail_result_segment(r, k, &sg, NULL) != CURTAIL_OK)
            continue;
        for (p = 0; p < CURTAIL_NPOLLUTANTS; p++) {
            if (sg.targets[p].shortfall < 0.005)
                continue;
            fprintf(stderr, "%s %s %s %s short by %.2f kg", any ? "," : " (smallest shortfall):",
                    sg.day, curtail_level_name(sg.level),
                    curtail_pollutant_name((curtail_pollutant)p), sg.targets[p].shortfall);
            any = 1;
        }
    }
    print_unmet_combined(r, any); /* the plan's rows: the list the episode executes */
    fputs("\n", stderr);
}

/* After a solved result is written: a note when the time limit stopped the
 * MIP of whole production lines (issue 10), the line of the targets not met
 * (per segment for a schedule), and the exit code, CLI_UNMET or CLI_OK. */
int cli_result_exit(const curtail_result *r, int segments)
{
    curtail_mip_info mi;
    if (curtail_result_mip(r, &mi, NULL) == CURTAIL_OK && mi.status == 2)
        fprintf(stderr,
                "curtail: the time limit stopped the MIP of whole production lines: the "
                "best integer plan found, within %.4g%% of the optimum (proven gap)\n",
                mi.gap * 100.0);
    if (curtail_result_status(r) != CURTAIL_TARGETS_UNMET)
        return CLI_OK;
    if (segments)
        print_unmet_segments(r);
    else
        print_unmet_levels(r);
    return CLI_UNMET;
}

/* Solve the plan of s (its schedule when `schedule`), on a terminal with a
 * progress line; then the solve's warnings, or its error. Returns -1 when
 * solved (*r set), else an exit code. */
int cli_solve(const curtail_scenario *s, curtail_plan_options po, int schedule,
              curtail_result **r)
{
    curtail_error err;
    progress prog;
    int rc;
    memset(&err, 0, sizeof err);
    progress_start(&prog, "solving");
    if (progress_wanted()) {
        po.cancel = progress_tick; /* never cancels: shows the time on a terminal */
        po.cancel_ctx = &prog;
    }
    if (schedule) {
        curtail_schedule_options so = CURTAIL_SCHEDULE_OPTIONS_INIT;
        so.method = po.method;
        so.time_limit_s = po.time_limit_s;
        so.solver = po.solver;
        so.cancel = po.cancel;
        so.cancel_ctx = po.cancel_ctx;
        rc = curtail_schedule_solve(s, &so, r, &err);
    } else {
        rc = curtail_plan_solve(s, &po, r, &err);
    }
    progress_clear(&prog);
    if (rc != CURTAIL_OK)
        return report_error(rc, &err);
    print_result_warnings(*r, s);
    return -1;
}

/* `plan` and `schedule`: the same options, the same exit codes. */
static int cmd_solve(int argc, char **argv, int schedule)
{
    const option_set allowed = {1, 1, 1, 0, 1, 1, 1, 1, !schedule, 0, 0};
    const char *name = schedule ? "schedule" : "plan";
    curtail_write_options wo = CURTAIL_WRITE_OPTIONS_INIT;
    curtail_plan_options po = CURTAIL_PLAN_OPTIONS_INIT;
    curtail_scenario *s = NULL;
    curtail_result *r = NULL;
    curtail_error err;
    args a;
    int rc = command_args(argc, argv, allowed, name, 1, &a);
    if (rc >= 0)
        return rc;
    rc = parse_plan_format(&a, &wo.format);
    if (rc >= 0)
        return rc;
    rc = parse_lang_arg(&a, &wo.lang);
    if (rc >= 0)
        return rc;
    if (a.bom && wo.format != CURTAIL_FORMAT_CSV)
        return usage_error("%s applies to --format csv only", "--bom");
    wo.bom = a.bom;
    wo.public_version = a.public_version;
    rc = parse_solve_options(&a, 1, &po);
    if (rc >= 0)
        return rc;

    rc = cli_load(a.file, &s);
    if (rc >= 0)
        return rc;
    if ((rc = cli_solve(s, po, schedule, &r)) >= 0)
        goto done;
    memset(&err, 0, sizeof err);
    wo.on_temp = cli_remember_temp;
    rc = curtail_result_write_file(r, &wo, a.output, &err);
    if (rc != CURTAIL_OK) {
        rc = report_error(rc, &err);
        goto done;
    }
    rc = cli_result_exit(r, schedule);
done:
    curtail_result_free(r);
    curtail_scenario_free(s);
    return rc;
}

static int cmd_export(int argc, char **argv)
{
    static const option_set allowed = {1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0};
    curtail_export_options eo = CURTAIL_EXPORT_OPTIONS_INIT;
    curtail_plan_options po = CURTAIL_PLAN_OPTIONS_INIT;
    curtail_scenario *s = NULL;
    curtail_error err;
    args a;
    int rc = command_args(argc, argv, allowed, "export", 1, &a);
    if (rc >= 0)
        return rc;
    rc = parse_lp_format(&a, &eo.format);
    if (rc >= 0)
        return rc;
    /* the LP written does not depend on the engine: --solver is checked and ignored */
    rc = parse_solve_options(&a, 0, &po);
    if (rc >= 0)
        return rc;
    rc = parse_level_arg(&a, &eo.level);
    if (rc >= 0)
        return rc;
    rc = cli_load(a.file, &s);
    if (rc >= 0)
        return rc;
    memset(&err, 0, sizeof err);
    eo.on_temp = cli_remember_temp;
    rc = curtail_export_file(s, &eo, a.output, &err);
    if (rc != CURTAIL_OK)
        rc = report_error(rc, &err);
    curtail_scenario_free(s);
    return rc;
}

static int cmd_policy(int argc, char **argv)
{
    static const option_set allowed = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    args a;
    int rc = command_args(argc, argv, allowed, "policy", 0, &a);
    if (rc >= 0)
        return rc;
    fputs(curtail_policy_default_yaml(), stdout);
    return cli_flush_stdout();
}

int main(int argc, char **argv)
{
    const char *cmd;
    if (argc < 2) {
        fputs(usage_line, stderr);
        return CLI_USAGE;
    }
    cmd = argv[1];
    catch_signals();
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        print_help();
        return cli_flush_stdout();
    }
    if (strcmp(cmd, "--version") == 0) {
        char line[512];
        curtail_version_info(line, sizeof line);
        printf("%s\n", line);
        return cli_flush_stdout();
    }
    if (strcmp(cmd, "validate") == 0)
        return cmd_validate(argc, argv);
    if (strcmp(cmd, "plan") == 0)
        return cmd_solve(argc, argv, 0);
    if (strcmp(cmd, "schedule") == 0)
        return cmd_solve(argc, argv, 1);
    if (strcmp(cmd, "export") == 0)
        return cmd_export(argc, argv);
    if (strcmp(cmd, "policy") == 0)
        return cmd_policy(argc, argv);
    if (strcmp(cmd, "sweep") == 0)
        return curtail_cli_sweep(argc, argv);
    if (strcmp(cmd, "explain") == 0)
        return curtail_cli_explain(argc, argv);
    if (cmd[0] == '-') {
        static const char *const options[] = {"--help", "--version"};
        return usage_error_hint("unknown option '%s'", cmd, NEAREST(cmd, options));
    } else {
        static const char *const commands[] = {"validate", "plan", "schedule", "sweep",
                                               "explain", "export", "policy", "help"};
        return usage_error_hint("unknown command '%s'", cmd, NEAREST(cmd, commands));
    }
}
