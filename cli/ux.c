/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ux.c — what the CLI tells the user on stderr: escaped user text, "did you
 * mean", usage and library errors, warnings grouped past --max-warnings, the
 * progress line on a terminal. */
#define _POSIX_C_SOURCE 200809L /* isatty, fileno, clock_gettime */
#include "cli.h"

#include <errno.h>
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
static curtail_lang warnings_lang = CURTAIL_LANG_DEFAULT; /* --lang; DEFAULT: the scenario's */

/* -q, and --max-warnings N when max >= 0 (else the default stays). */
void set_warning_options(int q, long max)
{
    quiet = q;
    if (max >= 0)
        max_warnings = max;
}

/* --lang: the language of the warnings on stderr (DEFAULT: the scenario's). */
void set_warning_lang(curtail_lang lang)
{
    warnings_lang = lang;
}

/* A warning as stderr prints it: the message in the chosen language behind
 * the English line's "FILE:LINE:COL: warning: " (the ASCII tag that editors
 * and scripts match, as "error: " is). `local` is the same warning in that
 * language ("…: 警告: …" in Chinese); the two lines agree up to the tag.
 * Returns a malloc'd line, NULL when out of memory. */
static char *warning_in_lang(const char *en, const char *local)
{
    static const char tag[] = "warning: ", zh_tag[] = "警告: ";
    size_t k = 0, n;
    char *line;
    while (en[k] && en[k] == local[k])
        k++;
    if (strncmp(en + k, tag, strlen(tag)) != 0 || strncmp(local + k, zh_tag, strlen(zh_tag)) != 0) {
        n = strlen(local); /* the same line, or not a warning line: as it is */
        line = malloc(n + 1);
        if (line)
            memcpy(line, local, n + 1);
        return line;
    }
    n = strlen(local + k + strlen(zh_tag));
    line = malloc(k + strlen(tag) + n + 1);
    if (!line)
        return NULL;
    memcpy(line, en, k);
    memcpy(line + k, tag, strlen(tag));
    memcpy(line + k + strlen(tag), local + k + strlen(zh_tag), n + 1);
    return line;
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

/* The end of the quoted name that starts at p ('…', "…", “…”, （…）), or NULL
 * when p starts none. */
static const char *quoted_end(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    const char *close, *e;
    size_t open;
    if (*u == '\'' || *u == '"') {
        open = 1;
        close = *u == '"' ? "\"" : "'";
    } else if (u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0x9C) {
        open = 3; /* “ */
        close = "”";
    } else if (u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x88) {
        open = 3; /* （ */
        close = "）";
    } else {
        return NULL;
    }
    e = strstr(p + open, close);
    return e ? e + strlen(close) : NULL;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The end of the token at p: a number (digits and points), a quoted name, a
 * run of spaces, or a run of anything else. */
static const char *token_end(const char *p)
{
    const char *q;
    if (is_digit(*p)) {
        while (is_digit(*p) || *p == '.')
            p++;
        return p;
    }
    if ((q = quoted_end(p)) != NULL)
        return q;
    if (*p == ' ') {
        while (*p == ' ')
            p++;
        return p;
    }
    while (*p && *p != ' ' && !is_digit(*p) && !quoted_end(p))
        p++;
    return p;
}

/* The kind of a message, as a key: its text with every number replaced by
 * \1 and every quoted name by \2. Two messages are of one kind when they
 * agree but for numbers and quoted names, that is when their keys are equal.
 * NULL when out of memory. */
static char *kind_key(const char *m)
{
    size_t n = strlen(m);
    char *k = malloc(n + 1), *o = k;
    if (!k)
        return NULL;
    while (*m) {
        const char *e = token_end(m);
        if (is_digit(*m))
            *o++ = '\1';
        else if (quoted_end(m))
            *o++ = '\2';
        else {
            memcpy(o, m, (size_t)(e - m));
            o += e - m;
        }
        m = e;
    }
    *o = '\0';
    return k;
}

/* FNV-1a of a key. */
static size_t key_hash(const char *k)
{
    size_t h = (size_t)14695981039346656037ull;
    for (; *k; k++)
        h = (h ^ (unsigned char)*k) * (size_t)1099511628211ull;
    return h;
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

/* The label of a group: its first message, each token that differs in another
 * member of the group replaced by "…" (runs of them, spaces between, by one).
 * Each member is walked once, token by token beside the first. */
static void put_group_label(FILE *f, const char *const *msgs, const size_t *members, size_t n)
{
    const char *first = msgs[members[0]], *p = first;
    const char *spaces = NULL; /* spaces held back until what follows is known */
    size_t t, ntok = 0, nspaces = 0, k;
    unsigned char *differs;
    int ellipsis = 0;
    for (p = first; *p; p = token_end(p))
        ntok++;
    differs = calloc(ntok ? ntok : 1, 1);
    if (!differs) {
        fputs(first, f);
        return;
    }
    for (k = 1; k < n; k++) {
        const char *q = msgs[members[k]];
        for (p = first, t = 0; *p; t++) {
            const char *ep = token_end(p), *eq;
            if (!*q) { /* the member has fewer tokens */
                memset(differs + t, 1, ntok - t);
                break;
            }
            eq = token_end(q);
            if (ep - p != eq - q || memcmp(p, q, (size_t)(ep - p)) != 0)
                differs[t] = 1;
            p = ep;
            q = eq;
        }
    }
    for (p = first, t = 0; *p; t++) {
        const char *end = token_end(p);
        size_t len = (size_t)(end - p);
        if (*p == ' ' && !differs[t]) {
            spaces = p;
            nspaces = len;
        } else if (differs[t]) {
            if (!ellipsis) {
                fprintf(f, "%.*s…", (int)nspaces, spaces ? spaces : "");
                ellipsis = 1;
            }
            spaces = NULL;
            nspaces = 0;
        } else {
            fprintf(f, "%.*s%.*s", (int)nspaces, spaces ? spaces : "", (int)len, p);
            spaces = NULL;
            nspaces = 0;
            ellipsis = 0;
        }
        p = end;
    }
    free(differs);
}

/* Print warnings[0..n) within the budget of --max-warnings; past it, one line:
 * "curtail: 1 375 warnings: 1 200 × coal boiler of … t/h …, 175 × …; first 20 shown". */
static void print_warnings(const char *const *warnings, size_t n)
{
    enum { MAX_GROUPS = 5 };
    const char **msgs;
    char **keys;
    size_t *order, *gfirst, *gcount, *group, *slot, nslots, ngroups = 0, i, g, shown = 0;
    if (quiet || n == 0)
        return;
    for (i = 0; i < n && warnings_shown < max_warnings; i++, shown++, warnings_shown++)
        fprintf(stderr, "%s\n", warnings[i]);
    if (shown == n)
        return;
    /* a hash table of the kinds seen: slot -> group + 1 (0: empty) */
    for (nslots = 16; nslots < 2 * n; nslots *= 2)
        ;
    msgs = calloc(n, sizeof *msgs);
    keys = calloc(n, sizeof *keys);
    order = calloc(n, sizeof *order); /* members of each group, group by group */
    gfirst = calloc(n, sizeof *gfirst);
    gcount = calloc(n, sizeof *gcount);
    group = calloc(n, sizeof *group);
    slot = calloc(nslots, sizeof *slot);
    if (!msgs || !keys || !order || !gfirst || !gcount || !group || !slot) {
        fprintf(stderr, "curtail: %zu more warnings not shown\n", n - shown);
        goto done;
    }
    for (i = 0; i < n; i++) {
        size_t h;
        msgs[i] = warning_message(warnings[i]);
        if (!(keys[i] = kind_key(msgs[i]))) {
            fprintf(stderr, "curtail: %zu more warnings not shown\n", n - shown);
            goto done;
        }
        for (h = key_hash(keys[i]) & (nslots - 1); slot[h]; h = (h + 1) & (nslots - 1))
            if (strcmp(keys[gfirst[slot[h] - 1]], keys[i]) == 0)
                break;
        if (!slot[h]) {
            gfirst[ngroups] = i;
            slot[h] = ++ngroups;
        }
        group[i] = slot[h] - 1;
        gcount[group[i]]++;
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
            if (group[k] == best)
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
    if (keys)
        for (i = 0; i < n; i++)
            free(keys[i]);
    free(keys);
    free(msgs);
    free(order);
    free(gfirst);
    free(gcount);
    free(group);
    free(slot);
}

/* Print lines[0..n) (NULL entries: out of memory), then free them. */
static void print_and_free(char **lines, size_t n)
{
    size_t i, ok = 0;
    for (i = 0; i < n; i++)
        if (lines[i])
            lines[ok++] = lines[i];
    if (ok < n)
        fprintf(stderr, "curtail: %zu warnings not shown (out of memory)\n", n - ok);
    print_warnings((const char *const *)lines, ok);
    for (i = 0; i < ok; i++)
        free(lines[i]);
    free(lines);
}

void print_scenario_warnings(const curtail_scenario *s)
{
    size_t i, n = curtail_scenario_warning_count(s);
    char **w = n ? calloc(n, sizeof *w) : NULL;
    if (n && !w) {
        fprintf(stderr, "curtail: %zu warnings not shown (out of memory)\n", n);
        return;
    }
    for (i = 0; i < n; i++)
        w[i] = warning_in_lang(curtail_scenario_warning(s, i),
                               curtail_scenario_warning_text(s, i, warnings_lang));
    print_and_free(w, n);
}

/* The solve's own warnings: the result repeats the scenario's first. */
void print_result_warnings(const curtail_result *r, const curtail_scenario *s)
{
    size_t i, k = 0, n = curtail_result_warning_count(r), ns = curtail_scenario_warning_count(s);
    char **own = n ? calloc(n, sizeof *own) : NULL;
    if (n && !own) {
        fprintf(stderr, "curtail: %zu warnings not shown (out of memory)\n", n);
        return;
    }
    for (i = 0; i < n; i++) {
        const char *w = curtail_result_warning(r, i);
        if (i < ns && strcmp(w, curtail_scenario_warning(s, i)) == 0)
            continue;
        own[k++] = warning_in_lang(w, curtail_result_warning_text(r, i, warnings_lang));
    }
    print_and_free(own, k);
}

/* One warning line of s in the language of stderr, as print_scenario_warnings
 * prints it (for commands that print them all); NULL when out of memory.
 * Free with free(). */
char *scenario_warning_line(const curtail_scenario *s, size_t i)
{
    return warning_in_lang(curtail_scenario_warning(s, i),
                           curtail_scenario_warning_text(s, i, warnings_lang));
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

/* The exit code of a library return code (SPEC §8). */
int cli_exit_code(int rc)
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

int cli_flush_stdout(void)
{
    if (fflush(stdout) == 0 && !ferror(stdout))
        return CLI_OK;
    fprintf(stderr, "curtail: error: cannot write to standard output: %s\n", strerror(errno));
    return CLI_IO;
}

int report_error(int rc, const curtail_error *err)
{
    char line[4096];
    curtail_error_format(err, line, sizeof line);
    fprintf(stderr, "%s\n", line);
    return cli_exit_code(rc);
}
