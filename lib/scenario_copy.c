/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scenario_copy.c — the scenario's string blocks and its copies: the deep
 * clone (for what-if variants and sweeps) and the variants it holds. */
#include "scenario.h"

#include <stdlib.h>
#include <string.h>

/* ---- strings ------------------------------------------------------------------ */

/* Ids, names and towns of enterprises and units live in blocks of 64 KiB
 * (a longer string gets a block of its own), freed with the scenario: a
 * province has a million of them. */
typedef struct cu_strings {
    struct cu_strings *next;
    size_t used, cap;
    char data[];
} cu_strings;

#define CU_STRINGS_BLOCK ((size_t)65536 - sizeof(cu_strings))

char *cu_scenario_str(curtail_scenario *s, const char *src)
{
    size_t n = strlen(src) + 1;
    cu_strings *b = s->strings;
    char *d;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > CU_STRINGS_BLOCK ? n : CU_STRINGS_BLOCK;
        b = cu_realloc(s->mem, NULL, sizeof *b + cap);
        if (!b)
            return NULL;
        b->next = s->strings;
        b->used = 0;
        b->cap = cap;
        s->strings = b;
    }
    d = b->data + b->used;
    memcpy(d, src, n);
    b->used += n;
    return d;
}

void cu_scenario_strings_free(curtail_scenario *s)
{
    cu_strings *b = s->strings, *next;
    for (; b; b = next) {
        next = b->next;
        cu_free(s->mem, b);
    }
    s->strings = NULL;
}

/* ---- copies (for what-if variants and sweeps) ------------------------------------------ */

static int copy_array(const curtail_mem *m, void **dst, const void *src, size_t n, size_t size)
{
    *dst = NULL;
    if (!n)
        return 0;
    if (!(*dst = cu_reallocarray(m, NULL, n, size)))
        return -1;
    memcpy(*dst, src, n * size);
    return 0;
}

/* Every field copied as it is (new fields too), then what the copy must own
 * made its own; the check's cache (groups, warnings) is left out. */
int cu_scenario_clone_raw(const curtail_scenario *s, curtail_scenario **out, curtail_error *err)
{
    curtail_scenario *c;
    const curtail_mem *m;
    size_t i;
    void *p;
    *out = NULL;
    m = s->mem == &s->memv ? &s->memv : NULL;
    c = cu_calloc(m, 1, sizeof *c);
    if (!c)
        return cu_enomem(err);
    memcpy((void *)c, (const void *)s, sizeof *c);
    c->mem = m ? &c->memv : NULL;
    m = c->mem;
    atomic_init(&c->live_results, 0);
    c->checked = 0;
    c->groups = NULL;
    c->warnings = c->warnings_zh = NULL;
    c->nwarnings = c->capwarnings = 0;
    c->strings = NULL;
    c->variants = NULL;
    c->file = cu_strdup(m, s->file);
    c->name = cu_strdup(m, s->name);
    c->note = s->note ? cu_strdup(m, s->note) : NULL;
    c->compiled_by = s->compiled_by ? cu_strdup(m, s->compiled_by) : NULL;
    c->rules = NULL;
    c->ents = NULL;
    c->units = NULL;
    c->builtin = NULL;
    c->episode.entries = NULL;
    if (cu_places_own(m, &c->places))
        goto nomem;
    if (!c->file || !c->name || (s->note && !c->note) || (s->compiled_by && !c->compiled_by))
        goto nomem;
    if (copy_array(m, &p, s->rules, s->nrules, sizeof *s->rules))
        goto nomem;
    c->rules = p;
    c->caprules = s->nrules;
    if (copy_array(m, &p, s->ents, s->nents, sizeof *s->ents))
        goto nomem;
    c->ents = p;
    c->capents = s->nents;
    if (copy_array(m, &p, s->units, s->nunits, sizeof *s->units))
        goto nomem;
    c->units = p;
    c->capunits = s->nunits;
    if (copy_array(m, &p, s->builtin, s->has_builtin ? s->nbuiltin : 0, sizeof *s->builtin))
        goto nomem;
    c->builtin = p;
    if (copy_array(m, &p, s->episode.entries, s->episode.nentries, sizeof *s->episode.entries))
        goto nomem;
    c->episode.entries = p;
    for (i = 0; i < c->nents; i++) {
        cu_enterprise *e = &c->ents[i];
        if (!(e->id = cu_scenario_str(c, e->id)) || !(e->name = cu_scenario_str(c, e->name)) ||
            (e->credit_code && !(e->credit_code = cu_scenario_str(c, e->credit_code))) ||
            (e->town && !(e->town = cu_scenario_str(c, e->town))) ||
            (e->address && !(e->address = cu_scenario_str(c, e->address))) ||
            (e->industry_code && !(e->industry_code = cu_scenario_str(c, e->industry_code))) ||
            (e->contact_name && !(e->contact_name = cu_scenario_str(c, e->contact_name))) ||
            (e->contact_phone && !(e->contact_phone = cu_scenario_str(c, e->contact_phone))))
            goto nomem;
    }
    for (i = 0; i < c->nunits; i++) {
        cu_unit *u = &c->units[i];
        if (!(u->id = cu_scenario_str(c, u->id)) || !(u->name = cu_scenario_str(c, u->name)) ||
            (u->follows && !(u->follows = cu_scenario_str(c, u->follows))))
            goto nomem;
    }
    if (cu_variants_copy(s, c))
        goto nomem;
    *out = c;
    return CURTAIL_OK;
nomem:
    curtail_scenario_free(c); /* strings still the source's are in no block of c's */
    return cu_enomem(err);
}

int curtail_scenario_clone(const curtail_scenario *s, curtail_scenario **out, curtail_error *err)
{
    curtail_scenario *c;
    int rc;
    if (!out)
        return cu_einval(err, "curtail_scenario_clone: out is NULL");
    *out = NULL;
    if (!s)
        return cu_einval(err, "curtail_scenario_clone: scenario is NULL");
    if ((rc = cu_scenario_clone_raw(s, &c, err)) != CURTAIL_OK)
        return rc;
    if (s->checked && (rc = curtail_scenario_check(c, err)) != CURTAIL_OK) {
        curtail_scenario_free(c);
        return rc;
    }
    *out = c;
    return CURTAIL_OK;
}

/* ---- the variants a scenario holds (loaded by variants.c) ---- */

void cu_variants_free(curtail_scenario *s)
{
    cu_variants *vs = s->variants;
    size_t i, j;
    if (!vs)
        return;
    for (i = 0; i < vs->n; i++) {
        cu_variant *v = &vs->v[i];
        for (j = 0; j < v->novr; j++) {
            cu_free(vs->mem, v->ovr[j].path);
            cu_free(vs->mem, v->ovr[j].value);
        }
        cu_free(vs->mem, v->ovr);
        cu_free(vs->mem, v->extends);
        cu_free(vs->mem, v->name);
    }
    cu_free(vs->mem, vs->v);
    cu_free(vs->mem, vs->file);
    cu_free(vs->mem, vs);
    s->variants = NULL;
}

int cu_variants_copy(const curtail_scenario *src, curtail_scenario *dst)
{
    const cu_variants *a = src->variants;
    cu_variants *b;
    size_t i, j;
    if (!a)
        return 0;
    if (!(b = cu_calloc(dst->mem, 1, sizeof *b)))
        return -1;
    b->mem = dst->mem;
    dst->variants = b;
    if (!(b->file = cu_strdup(b->mem, a->file)) || !(b->v = cu_calloc(b->mem, a->n + 1, sizeof *b->v)))
        return -1;
    for (i = 0; i < a->n; i++, b->n++) {
        const cu_variant *x = &a->v[i];
        cu_variant *y = &b->v[i];
        y->pos = x->pos;
        if (!(y->name = cu_strdup(b->mem, x->name)) ||
            !(y->extends = cu_calloc(b->mem, x->nextends + 1, sizeof *y->extends)) ||
            !(y->ovr = cu_calloc(b->mem, x->novr + 1, sizeof *y->ovr)))
            return -1;
        memcpy(y->extends, x->extends, x->nextends * sizeof *y->extends);
        y->nextends = x->nextends;
        for (j = 0; j < x->novr; j++, y->novr++) {
            y->ovr[j].pos = x->ovr[j].pos;
            if (!(y->ovr[j].path = cu_strdup(b->mem, x->ovr[j].path)) ||
                !(y->ovr[j].value = cu_strdup(b->mem, x->ovr[j].value))) {
                cu_free(b->mem, y->ovr[j].path);
                return -1;
            }
        }
    }
    return 0;
}
