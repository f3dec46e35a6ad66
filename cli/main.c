/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c — the curtail command line: arguments → library calls → exit codes.
 * Everything it does goes through the public API in curtail.h. */
#define _POSIX_C_SOURCE 200809L /* unlink, isatty, clock_gettime */
#include "curtail.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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

static void remember_temp(const char *path, void *ctx)
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

/* Exit codes (SPEC §8). */
enum {
    CLI_OK = 0,
    CLI_USAGE = 1,
    CLI_INPUT = 2,
    CLI_UNMET = 3,
    CLI_INTERNAL = 4,
    CLI_IO = 5
};

static const char usage_line[] =
    "Usage: curtail validate|plan|schedule|sweep|export|policy [FILE] [OPTIONS] (see curtail --help)\n";

static const char help_text[] =
    "Usage: curtail COMMAND [ARGS]\n"
    "\n"
    "Heavy-pollution weather emergency reduction lists (应急减排清单): each unit's\n"
    "load at the yellow, orange and red alert levels, or hour by hour over an\n"
    "episode, chosen by a linear program so that the reduction targets are met at\n"
    "the least economic loss.\n"
    "\n"
    "Commands:\n"
    "  validate FILE            check a scenario without solving it; warnings go to\n"
    "                           stderr, and \"FILE: ok (N enterprises, M units)\" to\n"
    "                           stdout when it is valid\n"
    "  plan FILE [OPTIONS]      solve the three-level plan and write it\n"
    "      --format json|csv|md|html|xlsx  output format; default: from the\n"
    "                               extension of -o (.json, .csv, .md, .html,\n"
    "                               .xlsx; another extension is a usage error),\n"
    "                               else json. html: a printable report with\n"
    "                               charts; xlsx: an Excel workbook (summary with\n"
    "                               charts, the list)\n"
    "      -o, --output OUT         write to OUT, whole or not at all (default: stdout)\n"
    "      --lang zh|en             language of the list and measure texts\n"
    "                               (default: the scenario's lang)\n"
    "      --bom                    start CSV output with a UTF-8 byte order mark (Excel)\n"
    "      --time-limit SECONDS     give up (exit 4) when the solve takes longer\n";
/* listed only when the build has Clp */
static const char help_solver[] =
    "      --solver glpk|clp        the LP engine: GLPK (default) or COIN-OR Clp\n";
static const char help_text2[] =
    "  schedule FILE [OPTIONS]  render the plan's list over the scenario's episode (its\n"
    "                           `episode:` section) hour by hour: ozone window, shifted\n"
    "                           output, coke-oven ramps; exit 2 when the scenario has\n"
    "                           none (plan ignores the episode)\n"
    "      --format json|csv|md|html|xlsx\n"
    "                               json: the keys of plan with \"start\" and \"hours\",\n"
    "                               targets per segment (day and level, kg over its\n"
    "                               hours), the list and each unit's load in every hour;\n"
    "                               csv: one row per hour and unit (level, load %, what\n"
    "                               the hour requires, output and emissions); md: a\n"
    "                               summary per segment and each unit's load by runs;\n"
    "                               html: a report with hourly charts; xlsx: sheets\n"
    "                               per segment, the list, hourly emissions and loads\n"
    "      -o, --output OUT, --lang zh|en, --bom, --time-limit SECONDS\n";
/* listed only when the build has Clp */
static const char help_solver2[] = "      --solver glpk|clp\n";
static const char help_text3[] =
    "                               as for plan (they apply to the plan behind it)\n"
    "  export FILE [OPTIONS]    write the plan LP for audit or other solvers\n"
    "      --level yellow|orange|red  that level's LP alone (default: all three jointly)\n"
    "      --format lp|mps            CPLEX LP or free MPS; default: from the extension\n"
    "                                 of -o (.lp, .mps), else lp\n"
    "      -o, --output MODEL         write to MODEL (default: stdout)\n"
    "  sweep FILE [OPTIONS]     the base, its variants and --set PATH=V1,V2|A:B:STEP\n"
    "                           overrides, one row per case and level (curtail sweep\n"
    "                           --help)\n"
    "  policy                   print the built-in rule table (YAML)\n"
    "  --help                   print this help (COMMAND --help: that command's)\n"
    "  --version                print the version and those of GLPK, libyaml and\n"
    "                           libxlsxwriter it runs with\n"
    "\n"
    "FILE - reads the scenario from standard input. Warnings and errors go to\n"
    "stderr, one per line. validate, plan, schedule and export also take:\n"
    "      -q, --quiet              no warnings, no progress line\n"
    "      --max-warnings N         print at most N warnings (default 20), then one\n"
    "                               line counting them by kind\n"
    "On a terminal, long loads and solves show a progress line on stderr.\n"
    "\n"
    "Exit status:\n"
    "  0  done, all targets met\n"
    "  1  usage error\n"
    "  2  invalid input\n"
    "  3  solved, but some targets cannot be met (output still written)\n"
    "  4  solver or internal failure\n"
    "  5  input/output failure\n";

/* Print user text (a FILE name, an argument) on one line: control characters
 * escaped as the library's messages escape them, no terminal escape emitted. */
static void put_escaped(FILE *f, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    for (; *u; u++) {
        if (*u == '\n')
            fputs("\\n", f);
        else if (*u == '\t')
            fputs("\\t", f);
        else if (*u == '\r')
            fputs("\\r", f);
        else if (*u < 0x20 || *u == 0x7F)
            fprintf(f, "\\x%02X", *u);
        else if (*u == 0xC2 && u[1] >= 0x80 && u[1] <= 0x9F)
            fprintf(f, "\\u%04X", *++u); /* a C1 control */
        else
            fputc(*u, f);
    }
}

/* `curtail COMMAND --help`: the command's usage, options and an example. */
static const struct {
    const char *name;
    const char *text;
} command_help[] = {
    {"validate", "Usage: curtail validate FILE\n"
                 "\n"
                 "Check a scenario without solving it. Warnings go to stderr; \"FILE: ok (N\n"
                 "enterprises, M units)\" to stdout when it is valid (exit 0), else the\n"
                 "error as FILE:LINE:COL: error: PATH: message (exit 2).\n"
                 "\n"
                 "Example:\n"
                 "  curtail validate examples/xiangyuan.yaml\n"},
    {"plan", "Usage: curtail plan FILE [OPTIONS]\n"
             "\n"
             "Solve the three-level plan (yellow, orange, red) and write the list.\n"
             "\n"
             "Options:\n"
             "  --format json|csv|md|html|xlsx  default: from the extension of -o, else json\n"
             "  -o, --output OUT          write to OUT, whole or not at all (default: stdout)\n"
             "  --lang zh|en              language of the list (default: the scenario's)\n"
             "  --bom                     CSV: start with a UTF-8 byte order mark (Excel)\n"
             "  --time-limit SECONDS      give up (exit 4) when the solve takes longer\n"
             "  --solver glpk|clp         the LP engine (clp where built with it)\n"
             "\n"
             "Examples:\n"
             "  curtail plan examples/xiangyuan.yaml -o xiangyuan.xlsx\n"
             "  curtail plan examples/xiangyuan.yaml --format html --lang en -o report.html\n"
             "\n"
             "Exit status: 0 all targets met, 3 solved but targets unmet (output written),\n"
             "1 usage, 2 invalid input, 4 solver failure, 5 I/O failure.\n"},
    {"schedule", "Usage: curtail schedule FILE [OPTIONS]\n"
                 "\n"
                 "Render the plan's list hour by hour over the scenario's `episode:` (ozone\n"
                 "window, shifted output, coke-oven ramps). Exit 2 when it has none.\n"
                 "\n"
                 "Options: as for plan (--format json|csv|md|html|xlsx, -o, --lang, --bom,\n"
                 "--time-limit, --solver); they apply to the plan behind it.\n"
                 "\n"
                 "Examples:\n"
                 "  curtail schedule examples/xiangyuan-winter.yaml -o episode.html\n"
                 "  curtail schedule examples/xiangyuan-summer.yaml --format csv --bom -o hours.csv\n"},
    {"export", "Usage: curtail export FILE [OPTIONS]\n"
               "\n"
               "Write the plan LP for audit or other solvers.\n"
               "\n"
               "Options:\n"
               "  --level yellow|orange|red  that level's LP alone (default: all three jointly)\n"
               "  --format lp|mps            default: from the extension of -o, else lp\n"
               "  -o, --output MODEL         write to MODEL (default: stdout)\n"
               "\n"
               "Example:\n"
               "  curtail export examples/xiangyuan.yaml -o xiangyuan.lp && glpsol --lp xiangyuan.lp\n"},
    {"policy", "Usage: curtail policy\n"
               "\n"
               "Print the built-in rule table (YAML), the measures each grade takes at each\n"
               "level.\n"
               "\n"
               "Example:\n"
               "  curtail policy > policy.yaml\n"},
};

static int print_command_help(const char *name)
{
    size_t i;
    for (i = 0; i < sizeof command_help / sizeof command_help[0]; i++)
        if (strcmp(command_help[i].name, name) == 0) {
            fputs(command_help[i].text, stdout);
            break;
        }
    return fflush(stdout) == 0 ? 0 : 5;
}

/* ---- "did you mean" ------------------------------------------------------------ */

/* Edit distance (insertions, deletions, substitutions and transpositions of
 * neighbours: "paln" is 1 from "plan"), or 99 beyond 63 bytes. */
static int edit_distance(const char *a, const char *b)
{
    int d[64][64];
    size_t n = strlen(a), m = strlen(b), i, j;
    if (n > 63 || m > 63)
        return 99;
    for (i = 0; i <= n; i++)
        d[i][0] = (int)i;
    for (j = 0; j <= m; j++)
        d[0][j] = (int)j;
    for (i = 1; i <= n; i++)
        for (j = 1; j <= m; j++) {
            int best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[n][m];
}

/* The one candidate within edit distance 2 of `word` (and closer than half
 * its length, so "fr" suggests nothing), or NULL when none or a tie. */
static const char *nearest(const char *word, const char *const *cands, size_t n)
{
    const char *best = NULL;
    int bd = 3, tie = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        int d;
        if (!cands[i])
            continue;
        d = edit_distance(word, cands[i]);
        if (d < bd) {
            bd = d;
            best = cands[i];
            tie = 0;
        } else if (d == bd) {
            tie = 1;
        }
    }
    if (!best || tie || bd == 0 || 2 * (size_t)bd >= strlen(word))
        return NULL;
    return best;
}

#define NEAREST(word, list) nearest((word), (list), sizeof(list) / sizeof((list)[0]))

/* An invalid scenario's "unknown key \"X\", expected one of: a, b" (or
 * unknown level, kind, ...): a note with the nearest word on the line after
 * the error, at the same position (the error line itself stays as it is). */
static void note_did_you_mean(const curtail_error *err)
{
    static const char sep[] = ", expected one of: ";
    const char *got = strstr(err->message, "unknown "), *list, *q1, *q2;
    char word[128], cand[1024], *cands[64], *tok;
    const char *best;
    size_t n = 0;
    if (!got || !(list = strstr(got, sep)) || !(q1 = strchr(got, '"')) || q1 > list ||
        !(q2 = strchr(q1 + 1, '"')) || q2 > list || (size_t)(q2 - q1 - 1) >= sizeof word)
        return;
    memcpy(word, q1 + 1, (size_t)(q2 - q1 - 1));
    word[q2 - q1 - 1] = '\0';
    snprintf(cand, sizeof cand, "%s", list + strlen(sep));
    for (tok = strtok(cand, ", "); tok && n < 64; tok = strtok(NULL, ", "))
        cands[n++] = tok;
    best = nearest(word, (const char *const *)cands, n);
    if (!best)
        return;
    if (err->file[0] && err->line) {
        put_escaped(stderr, err->file);
        fprintf(stderr, ":%d:%d: ", err->line, err->column);
    }
    fprintf(stderr, "note: did you mean \"%s\"?\n", best);
}

/* ---- warnings: all of them when few, else the first N and a summary --------------- */

static int quiet;            /* -q: no warnings, no progress */
static long max_warnings = 20; /* --max-warnings N */
static long warnings_shown;  /* across the scenario's and the solve's warnings */

/* The message of a warning line without "FILE:L:C: warning: " and its path. */
static const char *warning_message(const char *w)
{
    const char *m = strstr(w, "warning: "), *colon;
    if (!m)
        return w;
    m += strlen("warning: ");
    colon = strstr(m, ": ");
    if (colon && !memchr(m, ' ', (size_t)(colon - m)))
        m = colon + 2; /* a path: one word before ": " */
    return m;
}

/* Two messages are of one kind when they agree but for numbers and quoted names. */
static int same_kind(const char *a, const char *b)
{
    while (*a && *b) {
        if ((*a >= '0' && *a <= '9') && (*b >= '0' && *b <= '9')) {
            while ((*a >= '0' && *a <= '9') || *a == '.')
                a++;
            while ((*b >= '0' && *b <= '9') || *b == '.')
                b++;
        } else if ((*a == '\'' || *a == '"') && *b == *a) {
            char q = *a;
            const char *ea = strchr(a + 1, q), *eb = strchr(b + 1, q);
            if (!ea || !eb)
                return 0;
            a = ea + 1;
            b = eb + 1;
        } else if (*a++ != *b++) {
            return 0;
        }
    }
    return *a == *b;
}

/* "1 375": digits in groups of three, the same in every locale. */
static void put_count(FILE *f, size_t n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%zu", n), i;
    for (i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            fputc(' ', f);
        fputc(digits[i], f);
    }
}

/* The label of a group: its first message, each word that differs in another
 * member of the group replaced by "…" (runs of them by one). */
static void put_group_label(FILE *f, const char *const *msgs, const size_t *members, size_t n)
{
    const char *first = msgs[members[0]], *p = first;
    int ellipsis = 0, any = 0;
    while (*p) {
        const char *end = strchr(p, ' ');
        size_t len = end ? (size_t)(end - p) : strlen(p), k, word = 0;
        int differs = 0;
        const char *q;
        for (q = first; q < p; q++)
            word += *q == ' ';
        for (k = 1; k < n && !differs; k++) {
            const char *o = msgs[members[k]];
            size_t w = 0;
            while (w < word && (o = strchr(o, ' ')) != NULL) {
                o++;
                w++;
            }
            if (!o || strncmp(o, p, len) != 0 || (o[len] != ' ' && o[len] != '\0'))
                differs = 1;
        }
        if (differs) {
            if (!ellipsis)
                fprintf(f, "%s…", any ? " " : "");
            ellipsis = 1;
        } else {
            fprintf(f, "%s%.*s", any ? " " : "", (int)len, p);
            ellipsis = 0;
        }
        any = 1;
        p += len;
        while (*p == ' ')
            p++;
    }
}

/* Print warnings[0..n) within the budget of --max-warnings; past it, one line:
 * "curtail: 1 375 warnings: 1 200 × coal boiler of … t/h …, 175 × …; first 20 shown". */
static void print_warnings(const char *const *warnings, size_t n)
{
    enum { MAX_GROUPS = 5 };
    const char **msgs;
    size_t *order, *gfirst, *gcount, ngroups = 0, i, g, shown = 0;
    if (quiet || n == 0)
        return;
    for (i = 0; i < n && warnings_shown < max_warnings; i++, shown++, warnings_shown++)
        fprintf(stderr, "%s\n", warnings[i]);
    if (shown == n)
        return;
    msgs = calloc(n, sizeof *msgs);
    order = calloc(n, sizeof *order); /* members of each group, group by group */
    gfirst = calloc(n, sizeof *gfirst);
    gcount = calloc(n, sizeof *gcount);
    if (!msgs || !order || !gfirst || !gcount) {
        fprintf(stderr, "curtail: %zu more warnings not shown\n", n - shown);
        goto done;
    }
    for (i = 0; i < n; i++) {
        msgs[i] = warning_message(warnings[i]);
        for (g = 0; g < ngroups && !same_kind(msgs[gfirst[g]], msgs[i]); g++)
            ;
        if (g == ngroups)
            gfirst[ngroups++] = i;
        gcount[g]++;
    }
    fputs("curtail: ", stderr);
    put_count(stderr, n);
    fputs(" warnings: ", stderr);
    for (i = 0; i < ngroups && i < MAX_GROUPS; i++) {
        size_t best = 0, k, m = 0;
        for (g = 1; g < ngroups; g++) /* the largest group left, first seen on ties */
            if (gcount[g] > gcount[best])
                best = g;
        for (k = gfirst[best]; k < n; k++)
            if (same_kind(msgs[gfirst[best]], msgs[k]))
                order[m++] = k;
        fputs(i ? ", " : "", stderr);
        put_count(stderr, gcount[best]);
        fputs(" × ", stderr);
        put_group_label(stderr, msgs, order, m);
        gcount[best] = 0;
    }
    if (ngroups > MAX_GROUPS)
        fputs(", …", stderr);
    if (shown)
        fprintf(stderr, "; first %zu shown (--max-warnings N for more, -q for none)\n", shown);
    else
        fputs("; none shown (--max-warnings N to show them)\n", stderr);
done:
    free(msgs);
    free(order);
    free(gfirst);
    free(gcount);
}

/* ---- a progress line on stderr, only on a terminal -------------------------------- */

typedef struct progress {
    const char *what;
    double start, last;
    int shown;
} progress;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int progress_wanted(void)
{
    return !quiet && isatty(fileno(stderr));
}

static void progress_start(progress *p, const char *what)
{
    p->what = what;
    p->start = p->last = now_s();
    p->shown = 0;
}

/* The plan's cancel hook: after a second, "curtail: solving … 12 s", updated. */
static int progress_tick(void *ctx)
{
    progress *p = ctx;
    double t = now_s();
    if (t - p->start >= 1.0 && t - p->last >= 0.25) {
        fprintf(stderr, "\rcurtail: %s … %.0f s", p->what, t - p->start);
        fflush(stderr);
        p->shown = 1;
        p->last = t;
    }
    return 0;
}

static void progress_clear(progress *p)
{
    if (p->shown)
        fputs("\r\033[K", stderr);
    p->shown = 0;
}

static void print_help(void)
{
    fputs(help_text, stdout);
    if (curtail_solver_available(CURTAIL_SOLVER_CLP))
        fputs(help_solver, stdout);
    fputs(help_text2, stdout);
    if (curtail_solver_available(CURTAIL_SOLVER_CLP))
        fputs(help_solver2, stdout);
    fputs(help_text3, stdout);
}

/* A usage error; with `hint`, "; did you mean 'HINT'?" after the message. */
static int usage_error_hint(const char *fmt, const char *arg, const char *hint)
{
    const char *mark = strstr(fmt, "%s");
    fputs("curtail: ", stderr);
    if (mark) {
        fwrite(fmt, 1, (size_t)(mark - fmt), stderr);
        put_escaped(stderr, arg);
        fputs(mark + 2, stderr);
    } else {
        fputs(fmt, stderr);
    }
    if (hint)
        fprintf(stderr, "; did you mean '%s'?", hint);
    fputs("\n", stderr);
    fputs(usage_line, stderr);
    return CLI_USAGE;
}

static int usage_error(const char *fmt, const char *arg)
{
    return usage_error_hint(fmt, arg, NULL);
}

static int exit_code_of(int rc)
{
    switch (rc) {
    case CURTAIL_OK:
        return CLI_OK;
    case CURTAIL_EINPUT:
        return CLI_INPUT;
    case CURTAIL_EIO:
        return CLI_IO;
    default:
        return CLI_INTERNAL;
    }
}

static int report_error(int rc, const curtail_error *err)
{
    char line[4096];
    curtail_error_format(err, line, sizeof line);
    fprintf(stderr, "%s\n", line);
    return exit_code_of(rc);
}

/* ---- argument parsing -------------------------------------------------------- */

typedef struct args {
    const char *file;
    const char *output;
    const char *format;
    const char *lang;
    const char *level;
    const char *solver;
    const char *time_limit;
    const char *max_warnings;
    int bom;
    int help;
    int quiet;
} args;

/* Option names a command takes; values given as "--opt V" or "--opt=V". */
typedef struct option_set {
    int output, format, lang, level, bom;
    int solver, time_limit; /* --solver, --time-limit */
    int warnings;           /* -q, --max-warnings (commands that load a scenario) */
} option_set;

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
                           allowed.warnings ? "--quiet" : NULL};
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

/* ---- commands ------------------------------------------------------------------ */

static void print_scenario_warnings(const curtail_scenario *s)
{
    size_t i, n = curtail_scenario_warning_count(s);
    const char **w = n ? calloc(n, sizeof *w) : NULL;
    if (n && !w) {
        fprintf(stderr, "curtail: %zu warnings not shown (out of memory)\n", n);
        return;
    }
    for (i = 0; i < n; i++)
        w[i] = curtail_scenario_warning(s, i);
    print_warnings(w, n);
    free(w);
}

/* Files this large take a noticeable time to load: say so on a terminal. */
#define PROGRESS_LOAD_BYTES (8L << 20)

static int load(const char *file, curtail_scenario **s)
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

/* The common start of every command: its options, --help, and FILE (needed
 * or refused). Returns an exit code to stop with, or -1 to go on. */
static int command_args(int argc, char **argv, option_set allowed, const char *name,
                        int needs_file, args *a)
{
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
        max_warnings = v;
    }
    quiet = a->quiet;
    return -1;
}

static int cmd_validate(int argc, char **argv)
{
    static const option_set allowed = {0, 0, 0, 0, 0, 0, 0, 1};
    curtail_scenario *s = NULL;
    size_t ne, nu;
    args a;
    int rc = command_args(argc, argv, allowed, "validate", 1, &a);
    if (rc >= 0)
        return rc;
    rc = load(a.file, &s);
    if (rc >= 0)
        return rc;
    ne = curtail_scenario_enterprise_count(s);
    nu = curtail_scenario_unit_count(s);
    put_escaped(stdout, strcmp(a.file, "-") ? a.file : "<stdin>");
    printf(": ok (%zu enterprise%s, %zu unit%s)\n", ne, ne == 1 ? "" : "s", nu,
           nu == 1 ? "" : "s");
    curtail_scenario_free(s);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "curtail: error: cannot write to standard output: %s\n",
                strerror(errno));
        return CLI_IO;
    }
    return CLI_OK;
}

/* The solve's own warnings: the result repeats the scenario's first. */
static void print_result_warnings(const curtail_result *r, const curtail_scenario *s)
{
    size_t i, k = 0, n = curtail_result_warning_count(r), ns = curtail_scenario_warning_count(s);
    const char **own = n ? calloc(n, sizeof *own) : NULL;
    if (n && !own) {
        fprintf(stderr, "curtail: %zu warnings not shown (out of memory)\n", n);
        return;
    }
    for (i = 0; i < n; i++) {
        const char *w = curtail_result_warning(r, i);
        if (i < ns && strcmp(w, curtail_scenario_warning(s, i)) == 0)
            continue;
        own[k++] = w;
    }
    print_warnings(own, k);
    free(own);
}

/* One line naming each level and pollutant short of its target. */
static void print_unmet(const curtail_result *r)
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
    fputs("\n", stderr);
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
static int parse_plan_format(const args *a, curtail_format *out)
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

/* One line naming each segment and pollutant short of its target. */
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
    fputs("\n", stderr);
}

/* --solver and --time-limit into plan options (export: the name only). */
static int parse_solve_options(const args *a, int check_available, curtail_plan_options *po)
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

/* `plan` and `schedule`: the same options, the same exit codes. */
static int cmd_solve(int argc, char **argv, int schedule)
{
    const option_set allowed = {1, 1, 1, 0, 1, 1, 1, 1};
    const char *name = schedule ? "schedule" : "plan";
    curtail_write_options wo = CURTAIL_WRITE_OPTIONS_INIT;
    curtail_plan_options po = CURTAIL_PLAN_OPTIONS_INIT;
    curtail_scenario *s = NULL;
    curtail_result *r = NULL;
    curtail_error err;
    progress prog;
    args a;
    int rc = command_args(argc, argv, allowed, name, 1, &a);
    if (rc >= 0)
        return rc;
    rc = parse_plan_format(&a, &wo.format);
    if (rc >= 0)
        return rc;
    if (a.lang && curtail_lang_from_name(a.lang, &wo.lang) != CURTAIL_OK) {
        static const char *const langs[] = {"zh", "en"};
        return usage_error_hint("unknown language '%s' (zh or en)", a.lang,
                                NEAREST(a.lang, langs));
    }
    if (a.bom && wo.format != CURTAIL_FORMAT_CSV)
        return usage_error("%s applies to --format csv only", "--bom");
    wo.bom = a.bom;
    rc = parse_solve_options(&a, 1, &po);
    if (rc >= 0)
        return rc;

    rc = load(a.file, &s);
    if (rc >= 0)
        return rc;
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
        rc = curtail_schedule_solve(s, &so, &r, &err);
    } else {
        rc = curtail_plan_solve(s, &po, &r, &err);
    }
    progress_clear(&prog);
    if (rc != CURTAIL_OK) {
        rc = report_error(rc, &err);
        goto done;
    }
    print_result_warnings(r, s);
    wo.on_temp = remember_temp;
    rc = curtail_result_write_file(r, &wo, a.output, &err);
    if (rc != CURTAIL_OK) {
        rc = report_error(rc, &err);
        goto done;
    }
    if (curtail_result_status(r) == CURTAIL_TARGETS_UNMET) {
        if (schedule)
            print_unmet_segments(r);
        else
            print_unmet(r);
        rc = CLI_UNMET;
    } else {
        rc = CLI_OK;
    }
done:
    curtail_result_free(r);
    curtail_scenario_free(s);
    return rc;
}

/* --format, else the extension of -o, else lp. */
static int parse_lp_format(const args *a, curtail_lp_format *out)
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

static int cmd_export(int argc, char **argv)
{
    static const option_set allowed = {1, 1, 0, 1, 0, 1, 0, 1};
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
    if (a.level) {
        curtail_level l;
        if (curtail_level_from_name(a.level, &l) != CURTAIL_OK) {
            static const char *const levels[] = {"yellow", "orange", "red"};
            return usage_error_hint("unknown level '%s' (yellow, orange or red)", a.level,
                                    NEAREST(a.level, levels));
        }
        eo.level = (int)l;
    }
    rc = load(a.file, &s);
    if (rc >= 0)
        return rc;
    memset(&err, 0, sizeof err);
    eo.on_temp = remember_temp;
    rc = curtail_export_file(s, &eo, a.output, &err);
    if (rc != CURTAIL_OK)
        rc = report_error(rc, &err);
    curtail_scenario_free(s);
    return rc;
}

static int cmd_policy(int argc, char **argv)
{
    static const option_set allowed = {0, 0, 0, 0, 0, 0, 0, 0};
    args a;
    int rc = command_args(argc, argv, allowed, "policy", 0, &a);
    if (rc >= 0)
        return rc;
    if (fputs(curtail_policy_default_yaml(), stdout) < 0 || fflush(stdout) != 0) {
        fprintf(stderr, "curtail: error: cannot write to standard output: %s\n",
                strerror(errno));
        return CLI_IO;
    }
    return CLI_OK;
}

int curtail_cli_sweep(int argc, char **argv); /* cli/sweep.c */

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
        return fflush(stdout) == 0 ? CLI_OK : CLI_IO;
    }
    if (strcmp(cmd, "--version") == 0) {
        char line[512];
        curtail_version_info(line, sizeof line);
        printf("%s\n", line);
        return fflush(stdout) == 0 ? CLI_OK : CLI_IO;
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
    if (cmd[0] == '-') {
        static const char *const options[] = {"--help", "--version"};
        return usage_error_hint("unknown option '%s'", cmd, NEAREST(cmd, options));
    } else {
        static const char *const commands[] = {"validate", "plan", "schedule", "sweep",
                                               "export", "policy", "help"};
        return usage_error_hint("unknown command '%s'", cmd, NEAREST(cmd, commands));
    }
}
