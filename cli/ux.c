/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ux.c — what the CLI tells the user on stderr: escaped user text, "did you
 * mean", usage and library errors, warnings grouped past --max-warnings, the
 * progress line on a terminal. */
#define _POSIX_C_SOURCE 200809L /* isatty, fileno, clock_gettime */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Print user text (a FILE name, an argument) on one line: control characters
 * escaped as the library's messages escape them, no terminal escape emitted. */
void put_escaped(FILE *f, const char *s)
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
const char *nearest(const char *word, const char *const *cands, size_t n)
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

/* An invalid scenario's "unknown key \"X\", expected one of: a, b" (or
 * unknown level, kind, ...): a note with the nearest word on the line after
 * the error, at the same position (the error line itself stays as it is). */
void note_did_you_mean(const curtail_error *err)
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

/* -q, and --max-warnings N when max >= 0 (else the default stays). */
void set_warning_options(int q, long max)
{
    quiet = q;
    if (max >= 0)
        max_warnings = max;
}

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


void print_scenario_warnings(const curtail_scenario *s)
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

/* The solve's own warnings: the result repeats the scenario's first. */
void print_result_warnings(const curtail_result *r, const curtail_scenario *s)
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

/* ---- a progress line on stderr, only on a terminal -------------------------------- */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int progress_wanted(void)
{
    return !quiet && isatty(fileno(stderr));
}

void progress_start(progress *p, const char *what)
{
    p->what = what;
    p->start = p->last = now_s();
    p->shown = 0;
}

/* The plan's cancel hook: after a second, "curtail: solving … 12 s", updated. */
int progress_tick(void *ctx)
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

void progress_clear(progress *p)
{
    if (p->shown)
        fputs("\r\033[K", stderr);
    p->shown = 0;
}

/* A usage error; with `hint`, "; did you mean 'HINT'?" after the message. */
int usage_error_hint(const char *fmt, const char *arg, const char *hint)
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

int usage_error(const char *fmt, const char *arg)
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

int report_error(int rc, const curtail_error *err)
{
    char line[4096];
    curtail_error_format(err, line, sizeof line);
    fprintf(stderr, "%s\n", line);
    return exit_code_of(rc);
}
