/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_yaml_diff.c — libFuzzer target: the fast YAML reader (lib/yaml_fast.c)
 * against libyaml, on any bytes. It aborts where the contract of
 * yt_parse_engine breaks:
 *   - where the fast reader alone reads a text (CURTAIL_OK), libyaml reads it
 *     too, to a byte-identical node tree;
 *   - the fast reader alone returns only CURTAIL_OK, YT_DECLINED or an
 *     event's CURTAIL_EINPUT;
 *   - YT_AUTO (what yt_parse does) gives exactly libyaml's result: the same
 *     code, message, line, column and path, or the same tree.
 * The same checks as compare() in tests/check_yaml_fast.c. And as the
 * loader reads (yt_parse_stream, one list handed out item by item, the
 * callee told to forget them when the fast reader gives up half-way): the
 * items the callee holds at the end, the result and the tree are libyaml's.
 */
#include "internal.h"
#include "yaml_tree.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


static void first_difference(const yt_tree *a, const yt_tree *b)
{
    char d[256];
    yt_difference(a, b, d, sizeof d);
    fprintf(stderr, "libyaml's tree, then the other: %s\n", d);
}

static void fail(const char *what, const uint8_t *data, size_t size)
{
    fprintf(stderr, "fuzz_yaml_diff: %s\n--- input (%zu bytes) ---\n", what, size);
    fwrite(data, 1, size, stderr);
    fprintf(stderr, "\n--- end ---\n");
    abort();
}

/* ---- the streamed list ---------------------------------------------------------------- */

/* What the callee holds: each item handed out since the last restart, written
 * out node by node. */
typedef struct slog {
    char *p;
    size_t n, cap;
    size_t budget; /* nodes written out; an alias-heavy item is cut short */
} slog;

static void log_put(slog *l, const char *s, size_t n)
{
    if (l->n + n + 1 > l->cap) {
        l->cap = (l->n + n + 1) * 2;
        l->p = realloc(l->p, l->cap);
        if (!l->p)
            abort();
    }
    memcpy(l->p + l->n, s, n);
    l->n += n;
}

static void log_node(slog *l, const yt_tree *t, uint32_t i)
{
    const yt_node *x = yt_at(t, i);
    uint32_t head[4], j;
    if (l->budget == 0)
        return;
    l->budget--;
    head[0] = x->type | x->plain << 2 | x->tagged << 3;
    head[1] = x->line;
    head[2] = x->col;
    head[3] = x->n;
    log_put(l, "(", 1);
    log_put(l, (const char *)head, sizeof head);
    if (x->type == YT_SCALAR)
        log_put(l, yt_str(t, i), x->n);
    else
        for (j = 0; j < x->n; j++)
            log_node(l, t, yt_kid(t, i, j));
    log_put(l, ")", 1);
}

static int log_item(void *arg, const yt_tree *t, uint32_t node, size_t index)
{
    slog *l = arg;
    char head[32];
    snprintf(head, sizeof head, "[%zu]", index);
    log_put(l, head, strlen(head));
    log_node(l, t, node);
    return index == 5 ? CURTAIL_EINPUT : CURTAIL_OK; /* the callee wants no more */
}

static int log_restart(void *arg)
{
    slog *l = arg;
    l->n = 0;
    log_put(l, "restart;", 8);
    return CURTAIL_OK;
}

static void check_stream(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    static const char ent[] = "enterprises:";
    slog la = {NULL, 0, 0, 200000}, lc = {NULL, 0, 0, 200000};
    yt_stream sa, sc;
    yt_tree a, c;
    curtail_error ea, ec;
    int ra, rc;
    size_t i;

    memset(&sa, 0, sizeof sa);
    sa.key = "a";
    for (i = 0; i + sizeof ent - 1 <= size; i++)
        if (memcmp(text + i, ent, sizeof ent - 1) == 0) {
            sa.key = "enterprises";
            break;
        }
    sa.item = log_item;
    sa.restart = log_restart;
    sc = sa;
    sa.arg = &la;
    sc.arg = &lc;
    memset(&ea, 0, sizeof ea);
    memset(&ec, 0, sizeof ec);
    ra = yt_parse_engine(&a, NULL, text, size, "t.yaml", &sa, YT_LIBYAML, &ea);
    rc = yt_parse_engine(&c, NULL, text, size, "t.yaml", &sc, YT_AUTO, &ec);
    if (ra != rc || strcmp(ea.message, ec.message) != 0 || ea.line != ec.line ||
        ea.column != ec.column || strcmp(ea.path, ec.path) != 0) {
        fprintf(stderr, "libyaml %d %d:%d [%s] %s; yt_parse_stream %d %d:%d [%s] %s\n", ra,
                ea.line, ea.column, ea.path, ea.message, rc, ec.line, ec.column, ec.path,
                ec.message);
        fail("yt_parse_stream's result is not libyaml's", data, size);
    }
    /* the items the callee holds: libyaml's (after a restart, if any) */
    {
        const char *pc = lc.p ? lc.p : "";
        size_t nc = lc.n;
        if (nc >= 8 && memcmp(pc, "restart;", 8) == 0) {
            pc += 8;
            nc -= 8;
        }
        if (ra == CURTAIL_OK && (nc != la.n || (nc && memcmp(pc, la.p, nc) != 0))) {
            fprintf(stderr, "libyaml's items: %zu bytes; yt_parse_stream's: %zu (%s)\n", la.n,
                    lc.n, lc.n >= 8 && memcmp(lc.p, "restart;", 8) == 0 ? "after a restart" : "");
            fail("the streamed items are not libyaml's", data, size);
        }
    }
    if (ra == CURTAIL_OK && (!yt_equal(&a, &c) || a.has_streamed != c.has_streamed ||
                             (a.has_streamed && a.streamed != c.streamed))) {
        first_difference(&a, &c);
        fail("yt_parse_stream's tree is not libyaml's", data, size);
    }
    yt_free(&a);
    yt_free(&c);
    free(la.p);
    free(lc.p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    yt_tree a, b, c;
    curtail_error ea, eb, ec;
    int ra, rb, rc;

    memset(&ea, 0, sizeof ea);
    memset(&eb, 0, sizeof eb);
    memset(&ec, 0, sizeof ec);
    ra = yt_parse_engine(&a, NULL, text, size, "t.yaml", NULL, YT_LIBYAML, &ea);
    rb = yt_parse_engine(&b, NULL, text, size, "t.yaml", NULL, YT_FAST, &eb);
    rc = yt_parse_engine(&c, NULL, text, size, "t.yaml", NULL, YT_AUTO, &ec);

    if (rb == CURTAIL_OK) {
        if (ra != CURTAIL_OK) {
            fprintf(stderr, "libyaml: %d:%d %s\n", ea.line, ea.column, ea.message);
            fail("the fast reader read what libyaml refuses", data, size);
        }
        if (!yt_equal(&a, &b)) {
            first_difference(&a, &b);
            fail("the fast reader's tree is not libyaml's", data, size);
        }
    } else if (rb != YT_DECLINED && rb != CURTAIL_EINPUT) {
        fprintf(stderr, "fast reader rc %d\n", rb);
        fail("the fast reader returned an unexpected code", data, size);
    }
    if (ra != rc || strcmp(ea.message, ec.message) != 0 || ea.line != ec.line ||
        ea.column != ec.column || strcmp(ea.path, ec.path) != 0) {
        fprintf(stderr, "libyaml %d %d:%d [%s] %s; yt_parse %d %d:%d [%s] %s\n", ra, ea.line,
                ea.column, ea.path, ea.message, rc, ec.line, ec.column, ec.path, ec.message);
        fail("yt_parse's result is not libyaml's", data, size);
    }
    if (ra == CURTAIL_OK && !yt_equal(&a, &c)) {
        first_difference(&a, &c);
        fail("yt_parse's tree is not libyaml's", data, size);
    }
    yt_free(&a);
    yt_free(&b);
    yt_free(&c);
    check_stream(data, size);
    return 0;
}
