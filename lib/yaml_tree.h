/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * yaml_tree.h — a compact in-memory YAML node tree built from libyaml events.
 * Internal to libcurtail; no libyaml type appears here.
 *
 * Nodes live in one array, child lists in another, scalar text in one string
 * pool, so a province-sized file costs a handful of allocations (and with
 * yt_parse_stream, the memory of one enterprise). An alias is
 * not copied: its parent's child list holds the anchored node's index, so a
 * node may be reached from several parents (the tree is a DAG). The parser
 * enforces the limits of SPEC §9 and rejects what the strict schema never
 * accepts anyway: duplicate keys, non-scalar keys, merge keys, a second
 * document.
 */
#ifndef CURTAIL_YAML_TREE_H
#define CURTAIL_YAML_TREE_H

#define YT_MAX_COL ((1u << 28) - 1)

#include "internal.h"
#include "yaml_scalar.h" /* yt_escape, yt_is_decimal: the scalar syntax */

#include <stdint.h>

enum yt_type { YT_SCALAR = 1, YT_SEQ, YT_MAP };

/* 16 bytes: a province-sized scenario has some ten million nodes. */
typedef struct yt_node {
    unsigned type : 2;  /* enum yt_type */
    unsigned plain : 1; /* scalar written plain (or with a core non-string tag): may be a
                           number, bool or null */
    unsigned tagged : 1; /* scalar tagged a string (!!str or !): never a number */
    unsigned col : 28;  /* 1-based position of the node's start (column clamped) */
    uint32_t line;
    uint32_t a; /* scalar: offset of its NUL-terminated text in the pool;
                   collection: offset of its first child in `kids` */
    uint32_t n; /* scalar: length in bytes; sequence: items; mapping: 2 x pairs
                   (children alternate key, value) */
} yt_node;

typedef struct yt_tree {
    const curtail_mem *mem;
    yt_node *nodes;
    size_t nnodes, capnodes;
    uint32_t *kids;
    size_t nkids, capkids;
    char *pool;
    size_t npool, cappool;
    uint32_t root; /* valid when has_root */
    int has_root;  /* 0: the stream held no document (empty input) */
    uint32_t streamed; /* valid when has_streamed: the list handed out item by item */
    int has_streamed;
} yt_tree;

/*
 * Streaming one list. A province file is one long list of enterprises; its
 * items are handed to `item` one by one as soon as each has been parsed, and
 * then dropped from the tree, so the tree never holds more than one item
 * (plus whatever an anchor may still be needed for). The list streamed is the
 * value of `key` in the root mapping, written as a fresh sequence without an
 * anchor (otherwise the tree is built whole, as without a stream). Its node
 * stays in the tree, marked t->streamed, with children that must not be read.
 *
 * `item` gets the tree, the item's node (its subtree complete and readable
 * until `item` returns) and its index. It returns CURTAIL_OK to go on,
 * CURTAIL_EINPUT to receive no more items (the callee keeps its error: a later
 * YAML error in the file still wins, as it would have without streaming), or
 * another code to stop the parse, yt_parse returning that code (the callee
 * has set the caller's error).
 */
typedef struct yt_stream {
    const char *key;
    int (*item)(void *arg, const yt_tree *t, uint32_t node, size_t index);
    void *arg;
    /* Forget the items handed out so far: the fast reader gave up after
     * handing some out, and libyaml reads the text again from the start.
     * Returns CURTAIL_OK or an error code (the parse then fails with it). */
    int (*restart)(void *arg);
} yt_stream;

/*
 * Parse `len` bytes of UTF-8 YAML into `t` (which need not be initialised).
 * `file` names the input in messages. On failure returns CURTAIL_EINPUT
 * (with file, line, column and, where known, the path of the offending node)
 * or CURTAIL_ENOMEM, and leaves `t` empty. Free with yt_free in any case.
 */
int yt_parse(yt_tree *t, const curtail_mem *mem, const char *data, size_t len, const char *file,
             curtail_error *err);
/* yt_parse with one list streamed (see yt_stream; `stream` may be NULL). */
int yt_parse_stream(yt_tree *t, const curtail_mem *mem, const char *data, size_t len,
                    const char *file, const yt_stream *stream, curtail_error *err);
void yt_free(yt_tree *t);

/* The reader: YT_AUTO, the fast reader of yaml_fast.c and libyaml where it
 * gives up (what yt_parse does); YT_LIBYAML alone; YT_FAST alone, which
 * returns YT_DECLINED where it gives up (tests compare the two readers). */
enum { YT_AUTO = 0, YT_LIBYAML = 1, YT_FAST = 2 };
#define YT_DECLINED 1000
/* The same nodes in the same order (type, style, tag, line, column), the
 * same child lists and text: the fast reader's tree against libyaml's. */
int yt_equal(const yt_tree *a, const yt_tree *b);
/* Where two trees first differ, in words (for a test's message). */
void yt_difference(const yt_tree *a, const yt_tree *b, char *buf, size_t size);
int yt_parse_engine(yt_tree *t, const curtail_mem *mem, const char *data, size_t len,
                    const char *file, const yt_stream *stream, int engine, curtail_error *err);

static inline const yt_node *yt_at(const yt_tree *t, uint32_t i)
{
    return &t->nodes[i];
}

static inline cu_pos yt_pos(const yt_tree *t, uint32_t i)
{
    cu_pos p;
    p.line = t->nodes[i].line;
    p.col = t->nodes[i].col;
    return p;
}

/* Text of a scalar (NUL-terminated, no embedded NUL). */
static inline const char *yt_str(const yt_tree *t, uint32_t i)
{
    return t->pool + t->nodes[i].a;
}

/* The j-th child of a collection (mappings: 2k is the k-th key, 2k+1 its value). */
static inline uint32_t yt_kid(const yt_tree *t, uint32_t i, uint32_t j)
{
    return t->kids[t->nodes[i].a + j];
}

/* Items of a sequence, or pairs of a mapping. */
static inline uint32_t yt_count(const yt_tree *t, uint32_t i)
{
    return t->nodes[i].type == YT_MAP ? t->nodes[i].n / 2 : t->nodes[i].n;
}

/* Is the node a plain null (empty, "~", "null", "Null", "NULL")? */
int yt_is_null(const yt_tree *t, uint32_t i);

/* The value of `key` in mapping `map`, or -1 if absent (or `map` is not a mapping). */
int64_t yt_map_get(const yt_tree *t, uint32_t map, const char *key);

#endif
