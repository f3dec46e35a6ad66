/* SPDX-License-Identifier: GPL-3.0-or-later */
/* args.c — the CLI's options: a command's argv into `args`, and the values
 * that name a format, an engine or a time limit into library options. */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
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

/* The options of the commands: the name ("--name" takes "--name V" and
 * "--name=V"; "-o", "-j" the next argument), whether the command takes it
 * (a field of option_set), and where it goes (a field of args: a string,
 * or an int set to 1 for an option without a value; --set appends). */
typedef struct option_spec {
    const char *name;
    size_t allowed; /* offsetof(option_set, ...) */
    size_t slot;    /* offsetof(args, ...) */
    int flag;       /* takes no value */
} option_spec;

#define VALUE(name, allow, field) {name, offsetof(option_set, allow), offsetof(args, field), 0}
#define FLAG(name, allow, field) {name, offsetof(option_set, allow), offsetof(args, field), 1}
static const option_spec specs[] = {
    VALUE("-o", output, output),
    VALUE("--output", output, output),
    VALUE("--format", format, format),
    VALUE("--lang", lang, lang),
    VALUE("--level", level, level),
    FLAG("--bom", bom, bom),
    VALUE("--solver", solver, solver),
    VALUE("--time-limit", time_limit, time_limit),
    VALUE("--max-warnings", warnings, max_warnings),
    FLAG("-q", warnings, quiet),
    FLAG("--quiet", warnings, quiet),
    FLAG("--public", public_version, public_version),
    VALUE("--enterprise", enterprise, enterprise),
    VALUE("--set", sweep, sets),
    VALUE("--curve", sweep, curve),
    VALUE("-j", sweep, jobs),
    VALUE("--shard", sweep, shard),
    FLAG("--no-variants", sweep, no_variants),
    FLAG("--cold", sweep, cold),
};
#undef VALUE
#undef FLAG
#define NSPECS (sizeof specs / sizeof specs[0])

static int takes(option_set allowed, const option_spec *o)
{
    return *(const int *)(const void *)((const char *)&allowed + o->allowed);
}

/* "unknown option", with the nearest long option the command takes. */
static int unknown_option(const char *a, option_set allowed)
{
    const char *names[NSPECS + 1] = {"--help"};
    char name[64];
    const char *eq = strchr(a, '=');
    size_t n = eq ? (size_t)(eq - a) : strlen(a), i;
    for (i = 0; i < NSPECS; i++)
        if (takes(allowed, &specs[i]) && specs[i].name[1] == '-')
            names[i + 1] = specs[i].name;
    if (n >= sizeof name)
        n = sizeof name - 1;
    memcpy(name, a, n);
    name[n] = '\0';
    return usage_error_hint("unknown option '%s'", a, NEAREST(name, names));
}

/* The option of the command that argument `a` is, or NULL. */
static const option_spec *find_option(const char *a, option_set allowed)
{
    size_t i;
    for (i = 0; i < NSPECS; i++) {
        const option_spec *o = &specs[i];
        int long_value = !o->flag && o->name[1] == '-';
        if (takes(allowed, o) && (long_value ? is_option(a, o->name) : strcmp(a, o->name) == 0))
            return o;
    }
    return NULL;
}

/* Parse argv[2..] of a command. Returns -1 when fine, else an exit code. */
static int parse_args(int argc, char **argv, option_set allowed, args *out)
{
    int i, rc = CLI_USAGE, only_files = 0;
    memset(out, 0, sizeof *out);
    if (allowed.sweep && !(out->sets = calloc((size_t)argc, sizeof *out->sets)))
        return CLI_INTERNAL;
    for (i = 2; i < argc; i++) {
        const char *a = argv[i], *v;
        const option_spec *o;
        char *slot;
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
        if (!(o = find_option(a, allowed)))
            return unknown_option(a, allowed);
        slot = (char *)out + o->slot;
        if (o->flag) {
            *(int *)(void *)slot = 1;
            continue;
        }
        if (!(v = option_value(argc, argv, &i, o->name, &rc)))
            return rc;
        if (o->slot == offsetof(args, output) && !v[0])
            return usage_error("option %s needs a file name, got an empty one", o->name);
        if (o->slot == offsetof(args, sets))
            out->sets[out->nsets++] = v;
        else
            *(const char **)(void *)slot = v;
    }
    return -1;
}

void args_free(args *a)
{
    free(a->sets);
    a->sets = NULL;
    a->nsets = 0;
}

int parse_count(const char *s, long max, long *out)
{
    char *end = NULL;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (end == s || *end || errno || v < 0 || v > max)
        return -1;
    *out = v;
    return 0;
}

/* The common start of every command: its options, --help, and FILE (needed
 * or refused). Returns an exit code to stop with, or -1 to go on. */
static int start_command(int argc, char **argv, option_set allowed, const char *name,
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
    if (a->max_warnings && parse_count(a->max_warnings, LONG_MAX, &max) != 0)
        return usage_error("--max-warnings needs a whole number >= 0, got '%s'", a->max_warnings);
    set_warning_options(a->quiet, max);
    return -1;
}

int command_args(int argc, char **argv, option_set allowed, const char *name, int needs_file,
                 args *a)
{
    int rc = start_command(argc, argv, allowed, name, needs_file, a);
    if (rc >= 0)
        args_free(a);
    return rc;
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

/* "a, b or c" (sep ", ", last " or "), or "a|b|c" (sep and last "|"), of the
 * names (dot: ".a") in table order, into buf. */
static void list_names(const format_name *t, size_t n, int ext, const char *sep,
                       const char *last, char *buf, size_t size)
{
    size_t i, used = 0;
    buf[0] = '\0';
    for (i = 0; i < n && used < size; i++) {
        int k = snprintf(buf + used, size - used, "%s%s%s", i == 0 ? "" : i + 1 < n ? sep : last,
                         ext ? "." : "", ext ? t[i].ext : t[i].name);
        if (k < 0)
            break;
        used += (size_t)k;
    }
}

/* --format NAME, else the extension of -o (any case), else the table's first
 * format. An extension that names no format (x.txt) is a usage error rather
 * than the default format under a misleading name; a name without one is
 * the default. `what` names the formats in messages: "unknown format 'x'",
 * "cannot tell the output format of 'y'" ("format"; "LP format": "unknown
 * LP format", "cannot tell the LP format"); `suffix` follows the quoted
 * name of an unknown one (" for explain"). Returns -1 when fine (*out set),
 * else an exit code. */
int parse_format_arg(const args *a, const format_name *t, size_t n, const char *what,
                     const char *suffix, int *out)
{
    const char *f = a->format;
    char names[128], exts[128], bars[128], msg[512];
    const char *cands[16];
    size_t i;
    list_names(t, n, 0, ", ", " or ", names, sizeof names);
    if (!f && a->output && strcmp(a->output, "-") != 0) {
        for (i = 0; i < n && !f; i++)
            if (has_extension(a->output, t[i].ext) ||
                (t[i].ext2 && has_extension(a->output, t[i].ext2)))
                f = t[i].name;
        if (!f && extension_of(a->output)[0]) {
            list_names(t, n, 1, ", ", " or ", exts, sizeof exts);
            list_names(t, n, 0, "|", "|", bars, sizeof bars);
            snprintf(msg, sizeof msg, "cannot tell the %s of '%%s': name it %s, or use --format %s",
                     strcmp(what, "format") == 0 ? "output format" : what, exts, bars);
            return usage_error(msg, a->output);
        }
    }
    if (!f) {
        *out = t[0].value;
        return -1;
    }
    for (i = 0; i < n; i++)
        if (strcmp(f, t[i].name) == 0) {
            *out = t[i].value;
            return -1;
        }
    for (i = 0; i < n && i < sizeof cands / sizeof cands[0]; i++)
        cands[i] = t[i].name;
    snprintf(msg, sizeof msg, "unknown %s '%%s'%s (%s)", what, suffix, names);
    return usage_error_hint(msg, f, nearest(f, cands, i));
}

/* plan and schedule: json (default), csv, md, html (.html, .htm), xlsx. */
int parse_plan_format(const args *a, curtail_format *out)
{
    static const format_name formats[] = {{"json", "json", NULL, CURTAIL_FORMAT_JSON},
                                          {"csv", "csv", NULL, CURTAIL_FORMAT_CSV},
                                          {"md", "md", NULL, CURTAIL_FORMAT_MD},
                                          {"html", "html", "htm", CURTAIL_FORMAT_HTML},
                                          {"xlsx", "xlsx", NULL, CURTAIL_FORMAT_XLSX}};
    int v, rc = parse_format_arg(a, formats, sizeof formats / sizeof formats[0], "format", "",
                                 &v);
    if (rc < 0)
        *out = (curtail_format)v;
    return rc;
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

/* export: lp (CPLEX LP, default) or mps. */
int parse_lp_format(const args *a, curtail_lp_format *out)
{
    static const format_name formats[] = {{"lp", "lp", NULL, CURTAIL_LP_CPLEX},
                                          {"mps", "mps", NULL, CURTAIL_LP_MPS}};
    int v, rc = parse_format_arg(a, formats, sizeof formats / sizeof formats[0], "LP format", "",
                                 &v);
    if (rc < 0)
        *out = (curtail_lp_format)v;
    return rc;
}

/* --lang: the language of the output and of the warnings on stderr. */
int parse_lang_arg(const args *a, curtail_lang *out)
{
    if (a->lang && curtail_lang_from_name(a->lang, out) != CURTAIL_OK) {
        static const char *const langs[] = {"zh", "en"};
        return usage_error_hint("unknown language '%s' (zh or en)", a->lang,
                                NEAREST(a->lang, langs));
    }
    set_warning_lang(*out);
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
