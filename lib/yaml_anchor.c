/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yaml_anchor.c — the anchor table of a parse (yaml_tree.c): names in an
 * open-addressing hash, the latest definition winning, and the limit on
 * what aliases expand to. */
#include "yaml_anchor.h"

#include <string.h>

/* ---- anchors ------------------------------------------------------------------------ */

static const char *anchor_name(const ctx *c, const anchor *a)
{
    return c->names + a->name;
}

/* The latest definition of `name`, or NULL. */
anchor *cu_yt_anchor_find(const ctx *c, const char *name)
{
    size_t mask, i;
    if (!c->nslots)
        return NULL;
    mask = c->nslots - 1;
    for (i = cu_yt_hash_bytes(name, strlen(name)) & mask; c->slots[i]; i = (i + 1) & mask) {
        anchor *a = &c->anchors[c->slots[i] - 1];
        if (strcmp(anchor_name(c, a), name) == 0)
            return a;
    }
    return NULL;
}

static void slots_insert(ctx *c, size_t index)
{
    size_t mask = c->nslots - 1;
    const char *name = anchor_name(c, &c->anchors[index]);
    size_t i = cu_yt_hash_bytes(name, strlen(name)) & mask;
    while (c->slots[i])
        i = (i + 1) & mask;
    c->slots[i] = (uint32_t)(index + 1);
}

static int slots_rehash(ctx *c, size_t nslots)
{
    size_t i;
    uint32_t *slots = cu_calloc(c->mem, nslots, sizeof *slots);
    if (!slots)
        return cu_enomem(c->err);
    cu_free(c->mem, c->slots);
    c->slots = slots;
    c->nslots = nslots;
    for (i = 0; i < c->nanchors; i++)
        slots_insert(c, i);
    return CURTAIL_OK;
}

/* Define (or redefine: the latest definition wins) an anchor for `node`. */
int cu_yt_anchor_define(ctx *c, const char *name, uint32_t node, int64_t *out)
{
    anchor *a = cu_yt_anchor_find(c, name);
    if (!a) {
        size_t n = strlen(name), index;
        void *p;
        int rc;
        if (c->nanchors >= UINT32_MAX - 1 || c->nnames + n + 1 > UINT32_MAX)
            return cu_yt_too_large(c, yt_pos(c->t, node));
        p = c->anchors;
        if (cu_grow(c->mem, &p, &c->capanchors, c->nanchors + 1, sizeof *c->anchors) != 0)
            return cu_enomem(c->err);
        c->anchors = p;
        p = c->names;
        if (cu_grow(c->mem, &p, &c->capnames, c->nnames + n + 1, 1) != 0)
            return cu_enomem(c->err);
        c->names = p;
        memcpy(c->names + c->nnames, name, n + 1);
        index = c->nanchors++;
        a = &c->anchors[index];
        a->name = (uint32_t)c->nnames;
        c->nnames += n + 1;
        if (c->nanchors * 2 > c->nslots) {
            rc = slots_rehash(c, c->nslots ? c->nslots * 2 : 64);
            if (rc != CURTAIL_OK)
                return rc;
        } else {
            slots_insert(c, index);
        }
    }
    a->node = node;
    a->size = 1;
    a->height = 0;
    a->complete = 0;
    c->anchor_defs++;
    *out = (int64_t)(a - c->anchors);
    return CURTAIL_OK;
}

/* ---- aliases ------------------------------------------------------------------------ */

/* Nodes reached through aliases may number at most CU_MAX_ALIAS_FACTOR x the
 * document's own nodes; the error points at the alias that crossed the line. */
int cu_yt_check_expansion(ctx *c)
{
    uint64_t own = c->own_nodes;
    uint64_t limit = own * CU_MAX_ALIAS_FACTOR;
    size_t lo = 0, hi;
    if (c->expansion <= limit)
        return CURTAIL_OK;
    hi = c->naliases - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->aliases[mid].total > limit)
            hi = mid;
        else
            lo = mid + 1;
    }
    cu_error(c->err, CURTAIL_EINPUT, c->file, c->aliases[lo].pos, NULL,
             "aliases expand to more than %d times the document's %llu nodes", CU_MAX_ALIAS_FACTOR,
             (unsigned long long)own);
    return CURTAIL_EINPUT;
}
