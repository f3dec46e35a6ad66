/* SPDX-License-Identifier: GPL-3.0-or-later */
/* args.c — the CLI's options: a command's argv into `args`, and the values
 * that name a format, an engine or a time limit into library options. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- argument parsing -------------------------------------------------------- */

/* The value of option `name` at argv[*i] (either "--name=V" or the next
 * argument), or NULL after printing a usage error into *rc. */
static const char *option_value(int argc, char **argv, int *i, const char *name, int *rc)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) == 0 && a[n] == '=')
        return a + n + 1;
    if (*i + 1 >= argc) {
        *rc = usage_error("option %s needs a value", name);
        return NULL;
    }
    (*i)++;
    return argv[*i];
}

static int is_option(const char *a, const char *name)
{
    size_t n = strlen(name);
    return strncmp(a, name, n) == 0 && (a[n] == '\0' || a[n] == '=');
}

/* "unknown option", with the nearest option the command takes. */
static int unknown_option(const char *a, option_set allowed)
{
    const char *names[] = {"--help",
                           allowed.output ? "--output" : NULL,
                           allowed.format ? "--format" : NULL,
                           allowed.lang ? "--lang" : NULL,
                           allowed.level ? "--level" : NULL,
                           allowed.bom ? "--bom" : NULL,
                           allowed.solver ? "--solver" : NULL,
                           allowed.time_limit ? "--time-limit" : NULL,
                           allowed.warnings ? "--max-warnings" : NULL,
                           allowed.warnings ? "--quiet" : NULL,
                           allowed.public_version ? "--public" : NULL,
                           allowed.enterprise ? "--enterprise" : NULL};
    char name[64];
    const char *eq = strchr(a, '=');
    size_t n = eq ? (size_t)(eq - a) : strlen(a);
    if (n >= sizeof name)
        n = sizeof name - 1;
    memcpy(name, a, n);
    name[n] = '\0';
    return usage_error_hint("unknown option '%s'", a, NEAREST(name, names));
}

/* Parse argv[2..] of a command. Returns -1 when fine, else an exit code. */
static int parse_args(int argc, char **argv, option_set allowed, args *out)
{
    int i, rc = CLI_USAGE, only_files = 0;
    memset(out, 0, sizeof *out);
    for (i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        const char *name = NULL;
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            if (out->file)
                return usage_error("unexpected argument '%s'", a);
            out->file = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_files = 1;
            continue;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            out->help = 1;
            continue;
        }
        if (allowed.output && (strcmp(a, "-o") == 0 || is_option(a, "--output"))) {
            slot = &out->output;
            name = strcmp(a, "-o") == 0 ? "-o" : "--output";
        } else if (allowed.format && is_option(a, "--format")) {
            slot = &out->format;
            name = "--format";
        } else if (allowed.lang && is_option(a, "--lang")) {
            slot = &out->lang;
            name = "--lang";
        } else if (allowed.level && is_option(a, "--level")) {
            slot = &out->level;
            name = "--level";
        } else if (allowed.solver && is_option(a, "--solver")) {
            slot = &out->solver;
            name = "--solver";
        } else if (allowed.time_limit && is_option(a, "--time-limit")) {
            slot = &out->time_limit;
            name = "--time-limit";
        } else if (allowed.warnings && is_option(a, "--max-warnings")) {
            slot = &out->max_warnings;
            name = "--max-warnings";
        } else if (allowed.warnings && (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)) {
            out->quiet = 1;
            continue;
        } else if (allowed.bom && strcmp(a, "--bom") == 0) {
            out->bom = 1;
            continue;
        } else if (allowed.public_version && strcmp(a, "--public") == 0) {
            out->public_version = 1;
            continue;
        } else if (allowed.enterprise && is_option(a, "--enterprise")) {
            slot = &out->enterprise;
            name = "--enterprise";
        } else {
            return unknown_option(a, allowed);
        }
        *slot = option_value(argc, argv, &i, name, &rc);
        if (!*slot)
            return rc;
        if (slot == &out->output && !(*slot)[0])
            return usage_error("option %s needs a file name, got an empty one", name);
    }
    return -1;
}

/* The common start of every command: its options, --help, and FILE (needed
 * or refused). Returns an exit code to stop with, or -1 to go on. */
int command_args(int argc, char **argv, option_set allowed, const char *name,
                        int needs_file, args *a)
{
    long max = -1;
    int rc = parse_args(argc, argv, allowed, a);
    if (rc >= 0)
        return rc;
    if (a->help)
        return print_command_help(name);
    if (needs_file && !a->file)
        return usage_error("%s: missing FILE", name);
    if (!needs_file && a->file)
        return usage_error("unexpected argument '%s'", a->file);
    if (a->max_warnings) {
        char *end = NULL;
        long v;
        errno = 0;
        v = strtol(a->max_warnings, &end, 10);
        if (end == a->max_warnings || *end || errno || v < 0)
            return usage_error("--max-warnings needs a whole number >= 0, got '%s'",
                               a->max_warnings);
        max = v;
    }
    set_warning_options(a->quiet, max);
    return -1;
}

/* Does `path` end with ".ext", in any case? */
static int has_extension(const char *path, const char *ext)
{
    size_t n = strlen(path), m = strlen(ext), i;
    if (n < m + 1 || path[n - m - 1] != '.')
        return 0;
    for (i = 0; i < m; i++) {
        char c = path[n - m + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != ext[i])
            return 0;
    }
    return 1;
}

/* The extension of the last component of `path` ("" when it has none, or
 * only a leading dot as in ".plan"). */
static const char *extension_of(const char *path)
{
    const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot + 1 : "";
}

/* --format, else the extension of -o (.json, .csv, .md, .html/.htm, .xlsx,
 * any case), else json. An extension that names no format (x.txt) is a
 * usage error rather than JSON under a misleading name; a name without one
 * is JSON. */
int parse_plan_format(const args *a, curtail_format *out)
{
    const char *f = a->format;
    if (!f && a->output && strcmp(a->output, "-") != 0) {
        if (has_extension(a->output, "csv"))
            f = "csv";
        else if (has_extension(a->output, "md"))
            f = "md";
        else if (has_extension(a->output, "html") || has_extension(a->output, "htm"))
            f = "html";
        else if (has_extension(a->output, "xlsx"))
            f = "xlsx";
        else if (has_extension(a->output, "json") || !extension_of(a->output)[0])
            f = "json";
        else
            return usage_error("cannot tell the output format of '%s': name it .json, .csv, "
                               ".md, .html or .xlsx, or use --format json|csv|md|html|xlsx",
                               a->output);
    }
    if (!f || strcmp(f, "json") == 0)
        *out = CURTAIL_FORMAT_JSON;
    else if (strcmp(f, "csv") == 0)
        *out = CURTAIL_FORMAT_CSV;
    else if (strcmp(f, "md") == 0)
        *out = CURTAIL_FORMAT_MD;
    else if (strcmp(f, "html") == 0)
        *out = CURTAIL_FORMAT_HTML;
    else if (strcmp(f, "xlsx") == 0)
        *out = CURTAIL_FORMAT_XLSX;
    else {
        static const char *const formats[] = {"json", "csv", "md", "html", "xlsx"};
        return usage_error_hint("unknown format '%s' (json, csv, md, html or xlsx)", f,
                                NEAREST(f, formats));
    }
    return -1;
}

/* --solver and --time-limit into plan options (export: the name only). */
int parse_solve_options(const args *a, int check_available, curtail_plan_options *po)
{
    if (a->solver) {
        if (strcmp(a->solver, "glpk") == 0)
            po->solver = CURTAIL_SOLVER_GLPK;
        else if (strcmp(a->solver, "clp") == 0)
            po->solver = CURTAIL_SOLVER_CLP;
        else {
            static const char *const solvers[] = {"glpk", "clp"};
            return usage_error_hint("unknown solver '%s' (glpk or clp)", a->solver,
                                    NEAREST(a->solver, solvers));
        }
        if (check_available && !curtail_solver_available(po->solver))
            return usage_error("--solver %s: this build of curtail has no Clp; build it with "
                               "Clp's development files installed (coinor-libclp-dev)",
                               a->solver);
    }
    if (a->time_limit) {
        char *end = NULL;
        double t;
        errno = 0;
        t = strtod(a->time_limit, &end);
        if (end == a->time_limit || *end || errno || !isfinite(t) || !(t > 0))
            return usage_error("--time-limit needs a positive number of seconds, got '%s'",
                               a->time_limit);
        po->time_limit_s = t;
    }
    return -1;
}

/* --format, else the extension of -o, else lp. */
int parse_lp_format(const args *a, curtail_lp_format *out)
{
    const char *f = a->format;
    if (!f && a->output && strcmp(a->output, "-") != 0) {
        if (has_extension(a->output, "lp"))
            f = "lp";
        else if (has_extension(a->output, "mps"))
            f = "mps";
        else
            return usage_error("cannot tell the LP format of '%s': name it .lp or .mps, or "
                               "use --format lp|mps",
                               a->output);
    }
    if (!f || strcmp(f, "lp") == 0)
        *out = CURTAIL_LP_CPLEX;
    else if (strcmp(f, "mps") == 0)
        *out = CURTAIL_LP_MPS;
    else {
        static const char *const formats[] = {"lp", "mps"};
        return usage_error_hint("unknown LP format '%s' (lp or mps)", f, NEAREST(f, formats));
    }
    return -1;
}

int parse_lang_arg(const args *a, curtail_lang *out)
{
    if (a->lang && curtail_lang_from_name(a->lang, out) != CURTAIL_OK) {
        static const char *const langs[] = {"zh", "en"};
        return usage_error_hint("unknown language '%s' (zh or en)", a->lang,
                                NEAREST(a->lang, langs));
    }
    return -1;
}

int parse_level_arg(const args *a, int *out)
{
    if (a->level) {
        curtail_level l;
        if (curtail_level_from_name(a->level, &l) != CURTAIL_OK) {
            static const char *const levels[] = {"yellow", "orange", "red"};
            return usage_error_hint("unknown level '%s' (yellow, orange or red)", a->level,
                                    NEAREST(a->level, levels));
        }
        *out = (int)l;
    }
    return -1;
}
