/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * variants.c — the YAML's `variants:`: loaded (names, extends, overrides kept
 * as flow YAML text with their positions) and applied through override.c.
 */
#include "override.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A node back to flow YAML text that reads as the same value. */
static void flow(const yt_tree *t, uint32_t n, int top, cu_buf *b)
{
    const yt_node *nd = yt_at(t, n);
    uint32_t i, c;
    if (nd->type == YT_SEQ) {
        cu_buf_puts(b, "[");
        for (i = 0; i < yt_count(t, n); i++) {
            if (i)
                cu_buf_puts(b, ", ");
            flow(t, yt_kid(t, n, i), 0, b);
        }
        cu_buf_puts(b, "]");
        return;
    }
    if (nd->type == YT_MAP) {
        cu_buf_puts(b, "{");
        for (i = 0; i < yt_count(t, n); i++) {
            if (i)
                cu_buf_puts(b, ", ");
            flow(t, yt_kid(t, n, 2 * i), 0, b);
            cu_buf_puts(b, ": ");
            flow(t, yt_kid(t, n, 2 * i + 1), 0, b);
        }
        cu_buf_puts(b, "}");
        return;
    }
    if (nd->plain && !nd->tagged) {
        const char *s = yt_str(t, n);
        if (yt_is_null(t, n))
            cu_buf_puts(b, top ? "" : "~");
        else if (strpbrk(s, ",:[]{}#&*!|>'\"%@`") == NULL &&
                 !((s[0] == '-' || s[0] == '?') && (s[1] == ' ' || s[1] == '\0')) &&
                 s[0] != ' ')
            cu_buf_puts(b, s);
        else
            goto quoted; /* e.g. "B-": plain in block context, but to be safe in flow */
        return;
    }
quoted:
    {
        const char *s = yt_str(t, n);
        char esc[8];
        cu_buf_puts(b, "\"");
        for (c = 0; s[c]; c++) {
            unsigned char ch = (unsigned char)s[c];
            if (ch == '"' || ch == '\\') {
                esc[0] = '\\';
                esc[1] = (char)ch;
                cu_buf_put(b, esc, 2);
            } else if (ch < 0x20 || ch == 0x7f) {
                snprintf(esc, sizeof esc, "\\x%02X", ch);
                cu_buf_puts(b, esc);
            } else
                cu_buf_put(b, (const char *)&s[c], 1);
        }
        cu_buf_puts(b, "\"");
    }
}

static int vfail(curtail_error *err, const char *file, const yt_tree *t, uint32_t node,
                 const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

static int vfail(curtail_error *err, const char *file, const yt_tree *t, uint32_t node,
                 const char *path, const char *fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, fmt);
    rc = cu_verror(err, CURTAIL_EINPUT, file, yt_pos(t, node), path, fmt, ap);
    va_end(ap);
    return rc;
}

/* An id (cu_valid_id) other than "base", the sweep's name for no variant. */
static int valid_name(const char *s)
{
    return cu_valid_id(s) && strcmp(s, "base") != 0;
}

static size_t vfind(const cu_variants *vs, const char *name, size_t upto)
{
    size_t i;
    for (i = 0; i < upto; i++)
        if (strcmp(vs->v[i].name, name) == 0)
            return i;
    return (size_t)-1;
}

/* Is there a path from variant i back to `target` through `extends`? */
static int reaches(const cu_variants *vs, size_t i, size_t target, unsigned depth)
{
    size_t k;
    if (depth > 64)
        return 1;
    for (k = 0; k < vs->v[i].nextends; k++)
        if (vs->v[i].extends[k] == target || reaches(vs, vs->v[i].extends[k], target, depth + 1))
            return 1;
    return 0;
}

/* The well-known prefixes of override paths (full checks happen when applied). */
static int known_path(const char *p)
{
    static const char *const exact[] = {"name", "lang", "builtin_policy", "policy+",
                                        "targets.base", "targets.totals_kgpd", "extra.grades",
                                        "extra.weights", "season", "episode.season",
                                        "targets.credits_kgpd", "transport_factors"};
    size_t i;
    for (i = 0; i < sizeof exact / sizeof exact[0]; i++)
        if (strcmp(p, exact[i]) == 0)
            return 1;
    return strncmp(p, "targets.totals_kgpd.", 20) == 0 || strncmp(p, "targets.ratios.", 15) == 0 ||
           strncmp(p, "extra.weights.", 14) == 0 || strncmp(p, "enterprise.", 11) == 0 ||
           strncmp(p, "unit.", 5) == 0 || strncmp(p, "targets.credits_kgpd.", 21) == 0 ||
           strncmp(p, "targets.combined[", 17) == 0 || strncmp(p, "transport_factors.", 18) == 0;
}

int cu_variants_load(curtail_scenario *s, const yt_tree *t, uint32_t node, const char *file,
                     curtail_error *err)
{
    cu_variants *vs;
    uint32_t i, j, nv;
    char path[600];
    if (yt_at(t, node)->type != YT_MAP)
        return vfail(err, file, t, node, "variants",
                     "expected a mapping of variant names to overrides");
    nv = yt_count(t, node);
    if (!(vs = cu_calloc(s->mem, 1, sizeof *vs)))
        return cu_enomem(err);
    vs->mem = s->mem;
    s->variants = vs;
    if (!(vs->file = cu_strdup(s->mem, file)) || !(vs->v = cu_calloc(s->mem, nv + 1, sizeof *vs->v)))
        return cu_enomem(err);
    /* names first, so that `extends` may name a later variant */
    for (i = 0; i < nv; i++, vs->n++) {
        uint32_t k = yt_kid(t, node, 2 * i), val = yt_kid(t, node, 2 * i + 1);
        const char *name = yt_str(t, k);
        char shown[128];
        yt_escape(shown, sizeof shown, name, 64);
        snprintf(path, sizeof path, "variants.%s", shown);
        if (!valid_name(name))
            return vfail(err, file, t, k, path,
                         "a variant name is 1 to %d characters of [A-Za-z0-9_.-] and not "
                         "\"base\"",
                         CU_MAX_ID);
        if (yt_at(t, val)->type != YT_MAP)
            return vfail(err, file, t, val, path,
                         "expected a mapping of overrides (PATH: VALUE) and extends");
        vs->v[i].pos = yt_pos(t, k);
        if (!(vs->v[i].name = cu_strdup(s->mem, name)))
            return cu_enomem(err);
    }
    for (i = 0; i < nv; i++) {
        uint32_t val = yt_kid(t, node, 2 * i + 1), pairs = yt_count(t, val);
        cu_variant *v = &vs->v[i];
        if (!(v->ovr = cu_calloc(s->mem, pairs + 1, sizeof *v->ovr)) ||
            !(v->extends = cu_calloc(s->mem, pairs + 1, sizeof *v->extends)))
            return cu_enomem(err);
        for (j = 0; j < pairs; j++) {
            uint32_t k = yt_kid(t, val, 2 * j), x = yt_kid(t, val, 2 * j + 1);
            const char *key = yt_str(t, k);
            char shown[256];
            yt_escape(shown, sizeof shown, key, 200);
            snprintf(path, sizeof path, "variants.%s.%s", v->name, shown);
            if (strcmp(key, "extends") == 0) {
                uint32_t m, cnt = yt_at(t, x)->type == YT_SEQ ? yt_count(t, x) : 1;
                cu_free(s->mem, v->extends);
                if (!(v->extends = cu_calloc(s->mem, cnt + 1, sizeof *v->extends)))
                    return cu_enomem(err);
                if (yt_at(t, x)->type == YT_MAP)
                    return vfail(err, file, t, x, path, "expected a variant name or a list of them");
                for (m = 0; m < cnt; m++) {
                    uint32_t item = yt_at(t, x)->type == YT_SEQ ? yt_kid(t, x, m) : x;
                    size_t target;
                    if (yt_at(t, item)->type != YT_SCALAR ||
                        (target = vfind(vs, yt_str(t, item), vs->n)) == (size_t)-1) {
                        char got[128];
                        yt_escape(got, sizeof got, yt_at(t, item)->type == YT_SCALAR
                                                       ? yt_str(t, item) : "(not a name)", 64);
                        return vfail(err, file, t, item, path, "no variant '%s'", got);
                    }
                    if (target == i)
                        return vfail(err, file, t, item, path, "a variant cannot extend itself");
                    v->extends[v->nextends++] = target;
                }
                continue;
            }
            {
                size_t n = strlen(key);
                const char *bare = key;
                char tmp[1024];
                if (n && (key[n - 1] == '-' || key[n - 1] == '+') && n < sizeof tmp) {
                    memcpy(tmp, key, n - 1);
                    tmp[n - 1] = '\0';
                    bare = strcmp(key, "policy+") == 0 ? key : tmp;
                }
                if (!known_path(bare))
                    return vfail(err, file, t, k, path,
                                 "unknown override path; expected targets.ratios.LEVEL.P, "
                                 "targets.totals_kgpd.P, targets.base, extra.grades, "
                                 "extra.weights.G, policy+, season, episode.season, "
                                 "targets.credits_kgpd.L.P, targets.combined[I].ratio, "
                                 "transport_factors.CLASS.P, enterprise.ID.FIELD, "
                                 "enterprise.ID-, unit.ENT.UNIT.FIELD, unit.ENT.UNIT-, name, "
                                 "lang, builtin_policy or extends");
            }
            {
                cu_buf b;
                cu_override_text *o = &v->ovr[v->novr];
                cu_buf_init(&b, s->mem);
                flow(t, x, 1, &b);
                cu_buf_puts(&b, "");
                if (b.failed || !(o->path = cu_strdup(s->mem, key))) {
                    cu_buf_free(&b);
                    return cu_enomem(err);
                }
                o->value = cu_strdup(s->mem, b.data ? b.data : "");
                cu_buf_free(&b);
                if (!o->value) {
                    cu_free(s->mem, o->path);
                    return cu_enomem(err);
                }
                o->pos = yt_pos(t, x);
                v->novr++;
            }
        }
    }
    for (i = 0; i < nv; i++)
        if (reaches(vs, i, i, 0)) {
            uint32_t k = yt_kid(t, node, 2 * i);
            snprintf(path, sizeof path, "variants.%s.extends", vs->v[i].name);
            return vfail(err, file, t, k, path, "'extends' forms a cycle through variant '%s'",
                         vs->v[i].name);
        }
    return CURTAIL_OK;
}

size_t curtail_scenario_variant_count(const curtail_scenario *s)
{
    return s && s->variants ? s->variants->n : 0;
}

const char *curtail_scenario_variant_name(const curtail_scenario *s, size_t i)
{
    return s && s->variants && i < s->variants->n ? s->variants->v[i].name : NULL;
}

static int apply_variant(curtail_scenario *s, const cu_variants *vs, size_t i, unsigned depth,
                         curtail_error *err)
{
    const cu_variant *v = &vs->v[i];
    size_t k;
    int rc;
    char shown[1200];
    if (depth > 64)
        return cu_einval(err, "variants nest deeper than 64");
    for (k = 0; k < v->nextends; k++)
        if ((rc = apply_variant(s, vs, v->extends[k], depth + 1, err)) != CURTAIL_OK)
            return rc;
    for (k = 0; k < v->novr; k++) {
        snprintf(shown, sizeof shown, "variants.%s.%s", v->name, v->ovr[k].path);
        if ((rc = cu_override_at_pos(s, v->ovr[k].path, v->ovr[k].value, vs->file,
                                     v->ovr[k].pos, shown, err)) != CURTAIL_OK)
            return rc;
    }
    return CURTAIL_OK;
}

int curtail_scenario_apply_variant(curtail_scenario *s, const char *name, curtail_error *err)
{
    size_t i;
    if (!s || !name)
        return cu_einval(err, "curtail_scenario_apply_variant: scenario or name is NULL");
    if (!s->variants || (i = vfind(s->variants, name, s->variants->n)) == (size_t)-1)
        return cu_einval(err, "curtail_scenario_apply_variant: no variant '%s'", name);
    return apply_variant(s, s->variants, i, 0, err);
}

/* The variant's overrides applied to s (sweep.c), by index. */
int cu_apply_variant_index(curtail_scenario *s, const curtail_scenario *from, size_t i,
                           curtail_error *err)
{
    return apply_variant(s, from->variants, i, 0, err);
}

/* Is every override of variant i (and those it extends) a target ratio? */
int cu_variant_ratios_only(const curtail_scenario *s, size_t i)
{
    const cu_variant *v = &s->variants->v[i];
    size_t k;
    for (k = 0; k < v->nextends; k++)
        if (!cu_variant_ratios_only(s, v->extends[k]))
            return 0;
    for (k = 0; k < v->novr; k++)
        if (strncmp(v->ovr[k].path, "targets.ratios.", 15) != 0 &&
            !cu_override_keeps_check(v->ovr[k].path))
            return 0;
    return 1;
}
