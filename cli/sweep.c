/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli/sweep.c — `curtail sweep`: the base, the YAML's variants and swept
 * overrides, one parse, many solves (lib/sweep.c). Options, loading, errors
 * and exit codes as for plan (args.c, ux.c, main.c); what is its own: the
 * --set, --curve, -j and --shard values and the exit of the worst case. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* csv (default), md, jsonl (JSON lines), xlsx, html (.html, .htm). */
static int parse_sweep_format(const args *a, curtail_format *out)
{
    static const format_name formats[] = {{"csv", "csv", NULL, CURTAIL_FORMAT_CSV},
                                          {"md", "md", NULL, CURTAIL_FORMAT_MD},
                                          {"jsonl", "jsonl", NULL, CURTAIL_FORMAT_JSON},
                                          {"xlsx", "xlsx", NULL, CURTAIL_FORMAT_XLSX},
                                          {"html", "html", "htm", CURTAIL_FORMAT_HTML}};
    int v, rc = parse_format_arg(a, formats, sizeof formats / sizeof formats[0], "format", "",
                                 &v);
    if (rc < 0)
        *out = (curtail_format)v;
    return rc;
}

/* -j N and --shard I/N into sweep options: -1 when fine, else an exit code. */
static int parse_split_options(const args *a, curtail_sweep_options *so)
{
    if (a->jobs) {
        long j;
        if (parse_count(a->jobs, 256, &j) != 0 || j == 0)
            return usage_error("-j needs a number of threads from 1 to 256, got '%s'", a->jobs);
        so->threads = (int)j;
    }
    if (a->shard) {
        const char *slash = strchr(a->shard, '/');
        char first[32];
        long I, N;
        if (!slash || (size_t)(slash - a->shard) >= sizeof first)
            return usage_error("--shard needs I/N (e.g. 0/4), got '%s'", a->shard);
        memcpy(first, a->shard, (size_t)(slash - a->shard));
        first[slash - a->shard] = '\0';
        if (parse_count(first, 1000000, &I) != 0 || parse_count(slash + 1, 1000000, &N) != 0 ||
            N == 0 || I >= N)
            return usage_error("--shard needs I/N with 0 <= I < N, got '%s'", a->shard);
        so->shard = (unsigned)I;
        so->nshards = (unsigned)N;
    }
    return -1;
}

/* Each --set onto the sweep: -1 when all were taken, else an exit code after
 * "curtail: sweep: --set PATH=V: message" (the path is in the assignment). */
static int add_sets(curtail_sweep *w, const args *a)
{
    curtail_error err;
    size_t i;
    memset(&err, 0, sizeof err);
    for (i = 0; i < a->nsets; i++) {
        int rc = curtail_sweep_add_set_assign(w, a->sets[i], &err);
        if (rc != CURTAIL_OK) {
            fputs("curtail: sweep: --set ", stderr);
            put_escaped(stderr, a->sets[i]);
            fprintf(stderr, ": %s\n", err.message);
            return cli_exit_code(rc);
        }
    }
    return -1;
}

/* --curve names a swept target ratio: checked before loading, so that a typo
 * costs nothing. -1 when fine (or no --curve), else an exit code. */
static int check_curve(const args *a)
{
    size_t i, n;
    if (!a->curve)
        return -1;
    n = strlen(a->curve);
    if (strncmp(a->curve, "targets.ratios.", 15) == 0)
        for (i = 0; i < a->nsets; i++)
            if (strncmp(a->sets[i], a->curve, n) == 0 && a->sets[i][n] == '=')
                return -1;
    return usage_error("--curve %s: needs a swept target ratio (--set "
                       "targets.ratios.LEVEL.POLLUTANT=A:B:STEP)",
                       a->curve);
}

/* The worst case decides: 0 all optimal, 3 some unmet, 2 some invalid, 4 failed. */
static int worst_exit_code(const curtail_sweep *w)
{
    switch (curtail_sweep_worst(w)) {
    case CURTAIL_CASE_OPTIMAL:
        return CLI_OK;
    case CURTAIL_CASE_TARGETS_UNMET:
        return CLI_UNMET;
    case CURTAIL_CASE_INVALID:
        return CLI_INPUT;
    default:
        return CLI_INTERNAL;
    }
}

int curtail_cli_sweep(int argc, char **argv)
{
    static const option_set allowed = {.output = 1, .format = 1, .lang = 1, .solver = 1,
                                       .time_limit = 1, .warnings = 1, .sweep = 1};
    curtail_sweep_options so = CURTAIL_SWEEP_OPTIONS_INIT;
    curtail_sweep_write_options wo = CURTAIL_SWEEP_WRITE_OPTIONS_INIT;
    curtail_scenario *s = NULL;
    curtail_sweep *w = NULL;
    curtail_error err;
    args a;
    int rc = command_args(argc, argv, allowed, "sweep", 1, &a);
    if (rc >= 0)
        return rc;
    memset(&err, 0, sizeof err);
    so.variants = !a.no_variants;
    so.cold = a.cold;
    wo.curve = a.curve;
    if ((rc = parse_sweep_format(&a, &wo.format)) >= 0 ||
        (rc = parse_lang_arg(&a, &wo.lang)) >= 0 || (rc = parse_split_options(&a, &so)) >= 0 ||
        (rc = parse_solve_options(&a, 1, &so.plan)) >= 0 || (rc = check_curve(&a)) >= 0)
        goto done;
    if ((rc = cli_load(a.file, &s)) >= 0)
        goto done;
    if ((rc = curtail_sweep_new(s, &so, &w, &err)) != CURTAIL_OK) {
        rc = report_error(rc, &err);
        goto done;
    }
    if ((rc = add_sets(w, &a)) >= 0)
        goto done;
    if ((rc = curtail_sweep_run(w, &err)) != CURTAIL_OK ||
        (rc = curtail_sweep_write_file(w, &wo, a.output, &err)) != CURTAIL_OK) {
        rc = report_error(rc, &err);
        goto done;
    }
    rc = worst_exit_code(w);
done:
    curtail_sweep_free(w);
    curtail_scenario_free(s);
    args_free(&a);
    return rc;
}
