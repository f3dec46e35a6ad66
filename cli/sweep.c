/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli/sweep.c — `curtail sweep`: the base, the YAML's variants and swept
 * overrides, one parse, many solves (lib/sweep.c). */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char sweep_help[] =
    "Usage: curtail sweep FILE [OPTIONS]\n"
    "\n"
    "Solve the scenario (the base), each of its `variants:` and every combination of\n"
    "the --set values, from one parse; one row per case and level: status, objective,\n"
    "lost value, weighted loss, per pollutant required / achieved / shortfall /\n"
    "marginal cost (yuan per kg/d), and the enterprises whose loads differ from the\n"
    "base's. A case that is invalid or fails is one row with its status and message;\n"
    "the others go on.\n"
    "\n"
    "Options:\n"
    "  --set PATH=V1,V2,...     sweep an override over values (repeatable: cartesian\n"
    "  --set PATH=A:B:STEP      product, the first --set varying slowest)\n"
    "  --curve PATH             the cost curve of one swept targets.ratios.LEVEL.P\n"
    "  --no-variants            the base alone (with the --set values)\n"
    "  -j N                     solve on N threads (output bytes do not depend on N)\n"
    "  --shard I/N              only slice I of N (0-based); shards' outputs\n"
    "                           concatenated in order are the whole table\n"
    "  --format csv|md|jsonl|xlsx|html\n"
    "                           default: from the extension of -o, else csv; xlsx: a\n"
    "                           comparison sheet (and with --curve a 成本曲线 sheet with\n"
    "                           line charts); html: one self-contained page with the\n"
    "                           table (and with --curve SVG charts of the cost curve)\n"
    "  --lang zh|en             wording of xlsx and html (default: the scenario's)\n"
    "  -o, --output OUT         write to OUT, whole or not at all (default: stdout)\n"
    "  --cold                   solve every case from scratch (no warm start)\n"
    "  --time-limit SECONDS     per solve\n"
    "  --solver glpk|clp        the LP engine (clp where built with it)\n"
    "\n"
    "PATH: targets.ratios.LEVEL.POLLUTANT, targets.totals_kgpd.P, targets.base,\n"
    "targets.credits_kgpd.LEVEL.POLLUTANT (kg/d), targets.combined[I].ratio,\n"
    "season (heating|ozone|other), episode.season, transport_factors.CLASS.POLLUTANT,\n"
    "extra.grades, extra.weights.GRADE, policy+, enterprise.ID.FIELD (also\n"
    "trucks_per_day.CLASS, gate_monitoring, zones=[TAG,...]), enterprise.ID-,\n"
    "unit.ENT.UNIT.FIELD (also boiler.ultra_low), unit.ENT.UNIT-, name, lang,\n"
    "builtin_policy.\n"
    "\n"
    "Examples:\n"
    "  curtail sweep examples/sweep.yaml --format md\n"
    "  curtail sweep examples/sweep.yaml --no-variants \\\n"
    "      --set targets.ratios.orange.NOx=0.20:0.40:0.05 --curve targets.ratios.orange.NOx\n"
    "  curtail sweep examples/sweep.yaml --set targets.ratios.orange.NOx=0.20:0.40:0.05 \\\n"
    "      --curve targets.ratios.orange.NOx -o curve.html\n"
    "  sbatch --array=0-9 --wrap 'curtail sweep city.yaml --set ... \\\n"
    "      --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT -o part-$SLURM_ARRAY_TASK_ID.csv'\n"
    "\n"
    "Exit status: the worst case decides: 0 all optimal, 3 some targets unmet,\n"
    "2 some case invalid, 4 some case failed (the table is written in every\n"
    "case); 1 usage, 2 invalid FILE or --set (nothing written), 5 I/O failure.\n";

static int usage(const char *msg, const char *arg)
{
    fprintf(stderr, "curtail: sweep: ");
    fprintf(stderr, msg, arg);
    fprintf(stderr, "\nUsage: curtail sweep FILE [--set PATH=V1,V2|A:B:STEP ...] [--curve PATH] "
                    "[-j N] [--shard I/N] [--format csv|md|jsonl|xlsx|html] [--lang zh|en] [-o OUT]\n");
    return 1;
}

static int report(int rc, const curtail_error *err)
{
    char line[4096];
    curtail_error_format(err, line, sizeof line);
    fprintf(stderr, "%s\n", line);
    return rc == CURTAIL_EINPUT ? 2 : rc == CURTAIL_EIO ? 5 : rc == CURTAIL_EINVAL ? 1 : 4;
}

static int ends_with(const char *s, const char *ext)
{
    size_t n = strlen(s), m = strlen(ext);
    return n >= m && strcmp(s + n - m, ext) == 0;
}

static int value_of(int argc, char **argv, int *i, const char *name, const char **out)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) == 0 && a[n] == '=') {
        *out = a + n + 1;
        return 1;
    }
    if (strcmp(a, name) != 0)
        return 0;
    if (*i + 1 >= argc)
        return -1;
    *out = argv[++*i];
    return 1;
}

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    unsigned long v;
    if (!s || !*s || *s == '-' || *s == '+')
        return -1;
    errno = 0;
    v = strtoul(s, &end, 10);
    if (*end || errno || v > max)
        return -1;
    *out = v;
    return 0;
}

int curtail_cli_sweep(int argc, char **argv)
{
    curtail_sweep_options so = CURTAIL_SWEEP_OPTIONS_INIT;
    curtail_sweep_write_options wo = CURTAIL_SWEEP_WRITE_OPTIONS_INIT;
    const char *file = NULL, *output = NULL, *format = NULL, *shard = NULL, *jobs = NULL;
    const char *solver = NULL, *tlimit = NULL, *lang = NULL;
    const char **sets = NULL;
    size_t nsets = 0, i;
    curtail_scenario *s = NULL;
    curtail_sweep *w = NULL;
    curtail_error err;
    int rc, a;
    memset(&err, 0, sizeof err);
    sets = calloc((size_t)argc + 1, sizeof *sets);
    if (!sets)
        return 4;
    for (a = 2; a < argc; a++) {
        const char *v = NULL;
        int r;
        if (strcmp(argv[a], "--help") == 0 || strcmp(argv[a], "-h") == 0) {
            fputs(sweep_help, stdout);
            free(sets);
            return fflush(stdout) == 0 ? 0 : 5;
        }
        if (argv[a][0] != '-' || strcmp(argv[a], "-") == 0) {
            if (file) {
                free(sets);
                return usage("unexpected argument '%s'", argv[a]);
            }
            file = argv[a];
            continue;
        }
        if (strcmp(argv[a], "--no-variants") == 0) {
            so.variants = 0;
            continue;
        }
        if (strcmp(argv[a], "--cold") == 0) {
            so.cold = 1;
            continue;
        }
#define OPT(name, slot)                                                                      \
    if ((r = value_of(argc, argv, &a, name, &v)) != 0) {                                     \
        if (r < 0) {                                                                         \
            free(sets);                                                                      \
            return usage("option %s needs a value", name);                                   \
        }                                                                                    \
        slot;                                                                                \
        continue;                                                                            \
    }
        OPT("--set", sets[nsets++] = v)
        OPT("--curve", wo.curve = v)
        OPT("-j", jobs = v)
        OPT("--shard", shard = v)
        OPT("--format", format = v)
        OPT("-o", output = v)
        OPT("--output", output = v)
        OPT("--solver", solver = v)
        OPT("--time-limit", tlimit = v)
        OPT("--lang", lang = v)
#undef OPT
        free(sets);
        return usage("unknown option '%s'", argv[a]);
    }
    rc = 1;
    if (!file) {
        rc = usage("missing FILE%s", "");
        goto done;
    }
    if (!format && output && strcmp(output, "-") != 0)
        format = ends_with(output, ".md")      ? "md"
                 : ends_with(output, ".jsonl") ? "jsonl"
                 : ends_with(output, ".xlsx")  ? "xlsx"
                 : ends_with(output, ".html") || ends_with(output, ".htm") ? "html"
                                               : "csv";
    if (!format || strcmp(format, "csv") == 0)
        wo.format = CURTAIL_FORMAT_CSV;
    else if (strcmp(format, "md") == 0)
        wo.format = CURTAIL_FORMAT_MD;
    else if (strcmp(format, "jsonl") == 0)
        wo.format = CURTAIL_FORMAT_JSON;
    else if (strcmp(format, "xlsx") == 0)
        wo.format = CURTAIL_FORMAT_XLSX;
    else if (strcmp(format, "html") == 0)
        wo.format = CURTAIL_FORMAT_HTML;
    else {
        rc = usage("unknown format '%s' (csv, md, jsonl, xlsx or html)", format);
        goto done;
    }
    if (lang && curtail_lang_from_name(lang, &wo.lang) != CURTAIL_OK) {
        rc = usage("unknown language '%s' (zh or en)", lang);
        goto done;
    }
    if (jobs) {
        unsigned long j;
        if (parse_uint(jobs, 256, &j) || j == 0) {
            rc = usage("-j needs a number of threads from 1 to 256, got '%s'", jobs);
            goto done;
        }
        so.threads = (int)j;
    }
    if (shard) {
        const char *slash = strchr(shard, '/');
        char first[32];
        unsigned long I, N;
        if (!slash || (size_t)(slash - shard) >= sizeof first) {
            rc = usage("--shard needs I/N (e.g. 0/4), got '%s'", shard);
            goto done;
        }
        memcpy(first, shard, (size_t)(slash - shard));
        first[slash - shard] = '\0';
        if (parse_uint(first, 1000000, &I) || parse_uint(slash + 1, 1000000, &N) || N == 0 ||
            I >= N) {
            rc = usage("--shard needs I/N with 0 <= I < N, got '%s'", shard);
            goto done;
        }
        so.shard = (unsigned)I;
        so.nshards = (unsigned)N;
    }
    if (solver) {
        if (strcmp(solver, "glpk") == 0)
            so.plan.solver = CURTAIL_SOLVER_GLPK;
        else if (strcmp(solver, "clp") == 0 && curtail_solver_available(CURTAIL_SOLVER_CLP))
            so.plan.solver = CURTAIL_SOLVER_CLP;
        else {
            rc = usage("unknown or unavailable solver '%s'", solver);
            goto done;
        }
    }
    if (tlimit) {
        char *end;
        double t = strtod(tlimit, &end);
        if (end == tlimit || *end || !(t > 0) || t > 1e9) {
            rc = usage("--time-limit needs a positive number of seconds, got '%s'", tlimit);
            goto done;
        }
        so.plan.time_limit_s = t;
    }
    if ((rc = curtail_scenario_load_file(&s, file, NULL, &err)) != CURTAIL_OK) {
        rc = report(rc, &err);
        goto done;
    }
    set_warning_lang(wo.lang);
    for (i = 0; i < curtail_scenario_warning_count(s); i++) {
        char *line = scenario_warning_line(s, i);
        fprintf(stderr, "%s\n", line ? line : curtail_scenario_warning(s, i));
        free(line);
    }
    if ((rc = curtail_sweep_new(s, &so, &w, &err)) != CURTAIL_OK) {
        rc = report(rc, &err);
        goto done;
    }
    for (i = 0; i < nsets; i++)
        if ((rc = curtail_sweep_add_set_assign(w, sets[i], &err)) != CURTAIL_OK) {
            /* "--set PATH=V: message": the path is in the assignment */
            fprintf(stderr, "curtail: sweep: --set %s: %s\n", sets[i], err.message);
            rc = rc == CURTAIL_EINPUT ? 2 : rc == CURTAIL_EINVAL ? 1 : 4;
            goto done;
        }
    if (wo.curve) {
        /* checked before solving: a typo costs nothing */
        int found = 0;
        for (i = 0; i < nsets; i++) {
            size_t n = strlen(wo.curve);
            if (strncmp(sets[i], wo.curve, n) == 0 && sets[i][n] == '=')
                found = 1;
        }
        if (!found || strncmp(wo.curve, "targets.ratios.", 15) != 0) {
            rc = usage("--curve %s: needs a swept target ratio (--set "
                       "targets.ratios.LEVEL.POLLUTANT=A:B:STEP)",
                       wo.curve);
            goto done;
        }
    }
    if ((rc = curtail_sweep_run(w, &err)) != CURTAIL_OK) {
        rc = report(rc, &err);
        goto done;
    }
    if ((rc = curtail_sweep_write_file(w, &wo, output, &err)) != CURTAIL_OK) {
        rc = report(rc, &err);
        goto done;
    }
    switch (curtail_sweep_worst(w)) {
    case CURTAIL_CASE_OPTIMAL:
        rc = 0;
        break;
    case CURTAIL_CASE_TARGETS_UNMET:
        rc = 3;
        break;
    case CURTAIL_CASE_INVALID:
        rc = 2;
        break;
    default:
        rc = 4;
        break;
    }
done:
    curtail_sweep_free(w);
    curtail_scenario_free(s);
    free(sets);
    return rc;
}
