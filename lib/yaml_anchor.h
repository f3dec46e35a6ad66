/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yaml_anchor.h — private to yaml_tree.c (the parse) and yaml_anchor.c (its
 * anchor table and the alias expansion check): the parse in progress. */
#ifndef CURTAIL_YAML_ANCHOR_H
#define CURTAIL_YAML_ANCHOR_H

#include "yaml_tree.h"

/* An open collection while its children are being parsed. */
typedef struct frame {
    uint32_t node;
    uint32_t kid_start; /* length of the child stack when the collection started */
    uint64_t size;      /* nodes of the subtree so far, aliases expanded */
    uint32_t height;    /* largest height among the children so far */
    int64_t anchor;     /* index into the anchor table, or -1 */
} frame;

/* The latest definition of an anchor name. */
typedef struct anchor {
    uint32_t name; /* offset into ctx.names */
    uint32_t node;
    uint64_t size;   /* nodes of the anchored subtree, aliases expanded */
    uint32_t height; /* 0 for a scalar, 1 + the children's for a collection */
    int complete;    /* the anchored node has ended (an alias to it is not recursive) */
} anchor;

/* Each alias, with the expansion counted up to and including it. */
typedef struct alias_rec {
    uint64_t total;
    cu_pos pos;
} alias_rec;

typedef struct ctx {
    yt_tree *t;
    const curtail_mem *mem;
    const char *file;
    curtail_error *err;
    frame *frames;
    size_t nframes, capframes;
    uint32_t *stack; /* children of the open collections, innermost last */
    size_t nstack, capstack;
    anchor *anchors;
    size_t nanchors, capanchors;
    uint32_t *slots; /* open-addressing hash of anchor names: anchor index + 1, 0 empty */
    size_t nslots;
    char *names;
    size_t nnames, capnames;
    alias_rec *aliases;
    size_t naliases, capaliases;
    uint32_t *keyset; /* scratch hash set for the duplicate-key check of large mappings */
    size_t capkeyset;
    uint64_t expansion;
    int ndocs;
    int clean; /* the text has no control character (the fast reader checked) */
    uint64_t own_nodes;   /* nodes created, those of dropped stream items included */
    uint64_t anchor_defs; /* anchors defined (or redefined) so far */
    /* the streamed list (yt_stream) */
    const yt_stream *stream;
    int stream_state;    /* 0: not met yet, 1: open, 2: over (or not streamable) */
    int stream_dead;     /* the callee wants no more items */
    size_t stream_frame; /* its frame's index while open */
    size_t stream_index; /* items handed out */
    size_t mark_nodes, mark_kids, mark_pool; /* the tree before the current item */
    uint64_t mark_defs;
} ctx;

/* yaml_tree.c */
uint32_t cu_yt_hash_bytes(const char *s, size_t n);
int cu_yt_too_large(ctx *c, cu_pos pos);

/* The events, in the order a parser reads them (yaml_tree.c): libyaml's,
 * or the fast reader's. `value` needs no terminating NUL unless it holds a
 * control character; `tag` and `anchor` may be NULL; `plain` says the
 * scalar was written plain (it may be a number, a boolean or null). */
int cu_yt_document(ctx *c, cu_pos pos);
int cu_yt_scalar(ctx *c, const char *value, size_t len, const char *tag, const char *anchor,
                 int plain, cu_pos pos);
int cu_yt_start(ctx *c, int type, const char *tag, const char *anchor, cu_pos pos);
int cu_yt_end(ctx *c);

/* yaml_fast.c: the whole text read to events, CURTAIL_OK; YT_DECLINED
 * where the text holds what it does not read (libyaml then reads it); an
 * event's error code. */
int cu_yt_fast(ctx *c, const char *data, size_t len);

/* yaml_anchor.c */
/* The latest definition of `name`, or NULL. */
anchor *cu_yt_anchor_find(const ctx *c, const char *name);
/* Define (or redefine: the latest definition wins) an anchor for `node`. */
int cu_yt_anchor_define(ctx *c, const char *name, uint32_t node, int64_t *out);
/* The alias expansion within CU_MAX_ALIAS_FACTOR x the document's own nodes. */
int cu_yt_check_expansion(ctx *c);

#endif
