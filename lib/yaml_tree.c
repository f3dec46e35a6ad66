/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yaml_tree.c — libyaml events → compact node tree, with the limits of SPEC §9
 * (a scalar's own syntax, its tag and control characters: yaml_scalar.c). */
#include "yaml_anchor.h"

#include <yaml.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>


static uint64_t sat_add(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

uint32_t cu_yt_hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static cu_pos mark_pos(yaml_mark_t m)
{
    cu_pos p;
    p.line = m.line + 1 > UINT32_MAX ? UINT32_MAX : (uint32_t)(m.line + 1);
    p.col = m.column + 1 > UINT32_MAX ? UINT32_MAX : (uint32_t)(m.column + 1);
    return p;
}

/* ---- error paths -------------------------------------------------------------------- */

static void path_append(char *buf, size_t size, const char *sep, const char *s)
{
    char key[256];
    size_t len = strlen(buf);
    if (len >= size - 1)
        return;
    yt_escape(key, sizeof key, s, 64);
    snprintf(buf + len, size - len, "%s%s", len ? sep : "", key);
}

/* The path of the node being parsed: "enterprises[2].units[0].name" (+ ".key"). */
static void render_path(const ctx *c, char *buf, size_t size, const char *key)
{
    size_t i;
    buf[0] = '\0';
    for (i = 0; i < c->nframes; i++) {
        const frame *f = &c->frames[i];
        size_t end = i + 1 < c->nframes ? c->frames[i + 1].kid_start : c->nstack;
        size_t count = end - f->kid_start;
        if (c->t->nodes[f->node].type == YT_SEQ) {
            char idx[32];
            size_t len = strlen(buf);
            snprintf(idx, sizeof idx, "[%zu]", count);
            if (len < size - 1)
                snprintf(buf + len, size - len, "%s", idx);
        } else if (count % 2 == 1) {
            uint32_t k = c->stack[f->kid_start + count - 1];
            path_append(buf, size, ".", yt_str(c->t, k));
        }
    }
    if (key)
        path_append(buf, size, ".", key);
}

static int fail(ctx *c, cu_pos pos, const char *key, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static int fail(ctx *c, cu_pos pos, const char *key, const char *fmt, ...)
{
    char path[512];
    va_list ap;
    render_path(c, path, sizeof path, key);
    va_start(ap, fmt);
    cu_verror(c->err, CURTAIL_EINPUT, c->file, pos, path, fmt, ap);
    va_end(ap);
    return CURTAIL_EINPUT;
}

int cu_yt_too_large(ctx *c, cu_pos pos)
{
    return fail(c, pos, NULL, "document too large");
}

/* ---- storage ------------------------------------------------------------------------ */

static inline int new_node(ctx *c, int type, int plain, cu_pos pos, uint32_t *out)
{
    yt_tree *t = c->t;
    void *p = t->nodes;
    yt_node *n;
    if (t->nnodes >= UINT32_MAX)
        return cu_yt_too_large(c, pos);
    if (t->nnodes + 1 > t->capnodes &&
        cu_grow(c->mem, &p, &t->capnodes, t->nnodes + 1, sizeof *t->nodes) != 0)
        return cu_enomem(c->err);
    t->nodes = p;
    n = &t->nodes[t->nnodes];
    n->type = (unsigned)type & 3u;
    n->plain = plain ? 1u : 0u;
    n->tagged = 0;
    n->line = pos.line;
    n->col = pos.col > YT_MAX_COL ? YT_MAX_COL : pos.col;
    n->a = 0;
    n->n = 0;
    c->own_nodes++;
    *out = (uint32_t)t->nnodes++;
    return CURTAIL_OK;
}

static inline int pool_add(ctx *c, const char *s, size_t n, cu_pos pos, uint32_t *off)
{
    yt_tree *t = c->t;
    void *p = t->pool;
    if (t->npool + n + 1 > UINT32_MAX)
        return cu_yt_too_large(c, pos);
    if (t->npool + n + 1 > t->cappool && cu_grow(c->mem, &p, &t->cappool, t->npool + n + 1, 1) != 0)
        return cu_enomem(c->err);
    t->pool = p;
    if (n)
        memcpy(t->pool + t->npool, s, n);
    t->pool[t->npool + n] = '\0';
    *off = (uint32_t)t->npool;
    t->npool += n + 1;
    return CURTAIL_OK;
}

/* ---- attaching children ------------------------------------------------------------- */

/* Is the next child of the innermost collection a mapping key? */
static inline int at_key(const ctx *c)
{
    const frame *f;
    if (!c->nframes)
        return 0;
    f = &c->frames[c->nframes - 1];
    return c->t->nodes[f->node].type == YT_MAP && (c->nstack - f->kid_start) % 2 == 0;
}

/* A mapping key must be a scalar and not the unsupported merge key. */
static int check_key(ctx *c, uint32_t node, cu_pos pos)
{
    const yt_node *n = yt_at(c->t, node);
    if (n->type != YT_SCALAR)
        return fail(c, pos, NULL, "mapping keys must be plain strings, not %s",
                    n->type == YT_MAP ? "mappings" : "sequences");
    if (n->plain && n->n == 2 && strcmp(yt_str(c->t, node), "<<") == 0)
        return fail(c, pos, "<<", "merge keys (<<) are not supported");
    return CURTAIL_OK;
}

static void stream_mark(ctx *c)
{
    c->mark_nodes = c->t->nnodes;
    c->mark_kids = c->t->nkids;
    c->mark_pool = c->t->npool;
    c->mark_defs = c->anchor_defs;
}

/* An item of the streamed list is complete: hand it out, then drop its nodes,
 * child lists and text unless an anchor was defined inside it (a later alias
 * may need them). An alias item created nothing and drops nothing. */
static int stream_item(ctx *c, uint32_t node)
{
    yt_tree *t = c->t;
    int rc;
    if (!c->stream_dead) {
        rc = c->stream->item(c->stream->arg, t, node, c->stream_index);
        if (rc == CURTAIL_EINPUT)
            c->stream_dead = 1;
        else if (rc != CURTAIL_OK)
            return rc;
    }
    c->stream_index++;
    if (c->anchor_defs == c->mark_defs) {
        t->nnodes = c->mark_nodes;
        t->nkids = c->mark_kids;
        t->npool = c->mark_pool;
    }
    stream_mark(c);
    return CURTAIL_OK;
}

/* Add a finished node (or an alias target) to the innermost collection or as the root. */
static inline int attach(ctx *c, uint32_t node, uint64_t size, uint32_t height)
{
    frame *f;
    void *p;
    if (!c->nframes) {
        c->t->root = node;
        c->t->has_root = 1;
        return CURTAIL_OK;
    }
    f = &c->frames[c->nframes - 1];
    p = c->stack;
    if (c->nstack + 1 > c->capstack &&
        cu_grow(c->mem, &p, &c->capstack, c->nstack + 1, sizeof *c->stack) != 0)
        return cu_enomem(c->err);
    c->stack = p;
    c->stack[c->nstack++] = node;
    f->size = sat_add(f->size, size);
    if (height > f->height)
        f->height = height;
    if (c->stream_state == 1 && c->nframes - 1 == c->stream_frame)
        return stream_item(c, node);
    return CURTAIL_OK;
}

/* ---- duplicate keys ----------------------------------------------------------------- */

static int same_key(const yt_tree *t, uint32_t a, uint32_t b)
{
    return t->nodes[a].n == t->nodes[b].n && memcmp(yt_str(t, a), yt_str(t, b), t->nodes[a].n) == 0;
}

static int report_duplicate(ctx *c, uint32_t first, uint32_t again)
{
    char key[256];
    yt_escape(key, sizeof key, yt_str(c->t, again), 64);
    return fail(c, yt_pos(c->t, again), yt_str(c->t, again),
                "duplicate key \"%s\" (first at line %u, column %u)", key,
                (unsigned)c->t->nodes[first].line, (unsigned)c->t->nodes[first].col);
}

/* The keys of the mapping are stack[start .. start + 2 * pairs) at even offsets.
 * Reports the first key (in document order) that repeats an earlier one. */
static int check_duplicates(ctx *c, size_t start, size_t pairs)
{
    const yt_tree *t = c->t;
    size_t i, j, nslots, mask;
    if (pairs <= 16) {
        for (i = 1; i < pairs; i++)
            for (j = 0; j < i; j++)
                if (same_key(t, c->stack[start + 2 * j], c->stack[start + 2 * i]))
                    return report_duplicate(c, c->stack[start + 2 * j], c->stack[start + 2 * i]);
        return CURTAIL_OK;
    }
    for (nslots = 64; nslots < pairs * 2; nslots *= 2)
        ;
    if (nslots > c->capkeyset) {
        uint32_t *p = cu_reallocarray(c->mem, c->keyset, nslots, sizeof *p);
        if (!p)
            return cu_enomem(c->err);
        c->keyset = p;
        c->capkeyset = nslots;
    }
    memset(c->keyset, 0, nslots * sizeof *c->keyset);
    mask = nslots - 1;
    for (i = 0; i < pairs; i++) {
        uint32_t k = c->stack[start + 2 * i];
        size_t h = cu_yt_hash_bytes(yt_str(t, k), t->nodes[k].n) & mask;
        for (; c->keyset[h]; h = (h + 1) & mask)
            if (same_key(t, c->keyset[h] - 1, k))
                return report_duplicate(c, c->keyset[h] - 1, k);
        c->keyset[h] = k + 1;
    }
    return CURTAIL_OK;
}

/* ---- events ------------------------------------------------------------------------- */

static int unsupported_tag(ctx *c, cu_pos pos, const char *tag)
{
    char text[256];
    yt_tag_text(text, sizeof text, tag);
    return fail(c, pos, NULL, "unsupported tag \"%s\"", text);
}

/* Bytes that make on_scalar look closer: NUL and the other C0 controls
 * but tab, LF and CR; DEL; 0xC2, which starts the C1 controls. */
static const unsigned char scalar_special[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, /* 0x00: tab, LF, CR pass */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x10 */
    [0x7F] = 1,
    [0xC2] = 1};

/* Does the text hold none of scalar_special (the common case: nothing to check)? */
static int plain_bytes(const char *v, size_t len)
{
    const unsigned char *p = (const unsigned char *)v, *end = p + len;
    for (; p < end; p++)
        if (scalar_special[*p])
            return 0;
    return 1;
}

int cu_yt_scalar(ctx *c, const char *value, size_t len, const char *tag, const char *anchor_s,
                 int plain_style, cu_pos pos)
{
    int key = at_key(c), rc, kind, special;
    uint32_t node = 0, off = 0;
    int64_t anc = -1;

    if (len > CU_MAX_STRING)
        return fail(c, pos, NULL, "string of %zu bytes is longer than the limit of %d", len,
                    CU_MAX_STRING);
    special = !c->clean && !plain_bytes(value, len);
    if (special && memchr(value, '\0', len))
        return fail(c, pos, NULL, "strings may not contain a NUL character");
    kind = yt_scalar_tag(tag);
    if (kind < 0)
        return unsupported_tag(c, pos, tag);
    if (special) {
        long cc = yt_control_char(value, len);
        if (cc >= 0) {
            char text[256];
            yt_escape(text, sizeof text, value, 64);
            return fail(c, pos, key ? value : NULL,
                        "strings may not contain control characters, got U+%04lX in \"%s\"", cc,
                        text);
        }
    }
    if (kind == 2 && !yt_tag_agrees(tag, value, len)) {
        char text[256], tt[256];
        yt_escape(text, sizeof text, value, 64);
        yt_tag_text(tt, sizeof tt, tag);
        return fail(c, pos, NULL, "the tag %s does not match the value \"%s\"", tt, text);
    }
    rc = pool_add(c, value, len, pos, &off);
    if (rc == CURTAIL_OK)
        rc = new_node(c, YT_SCALAR,
                      kind == 2 || (kind == 0 && plain_style),
                      pos, &node);
    if (rc != CURTAIL_OK)
        return rc;
    c->t->nodes[node].tagged = kind == 1 ? 1u : 0u;
    c->t->nodes[node].a = off;
    c->t->nodes[node].n = (uint32_t)len;
    if (anchor_s) {
        rc = cu_yt_anchor_define(c, anchor_s, node, &anc);
        if (rc != CURTAIL_OK)
            return rc;
        c->anchors[anc].complete = 1;
    }
    if (key && (rc = check_key(c, node, pos)) != CURTAIL_OK)
        return rc;
    return attach(c, node, 1, 0);
}

int cu_yt_start(ctx *c, int type, const char *tag, const char *anchor_s, cu_pos pos)
{
    uint32_t node = 0;
    int64_t anc = -1;
    frame *f;
    void *p;
    int rc;

    if (c->nframes + 1 > CU_MAX_DEPTH)
        return fail(c, pos, NULL, "nesting deeper than %d levels", CU_MAX_DEPTH);
    if (at_key(c))
        return fail(c, pos, NULL, "mapping keys must be plain strings, not %s",
                    type == YT_MAP ? "mappings" : "sequences");
    if (!yt_collection_tag_ok(tag, type == YT_SEQ ? "seq" : "map")) {
        if (yt_scalar_tag(tag) > 0 || yt_collection_tag_ok(tag, type == YT_SEQ ? "map" : "seq")) {
            char tt[256];
            yt_tag_text(tt, sizeof tt, tag);
            return fail(c, pos, NULL, "the tag %s does not match a %s", tt,
                        type == YT_SEQ ? "list" : "mapping");
        }
        return unsupported_tag(c, pos, tag);
    }
    if ((rc = new_node(c, type, 0, pos, &node)) != CURTAIL_OK)
        return rc;
    if (anchor_s && (rc = cu_yt_anchor_define(c, anchor_s, node, &anc)) != CURTAIL_OK)
        return rc;
    if (c->stream_state == 0 && type == YT_SEQ && c->nframes == 1 &&
        c->t->nodes[c->frames[0].node].type == YT_MAP &&
        (c->nstack - c->frames[0].kid_start) % 2 == 1 &&
        strcmp(yt_str(c->t, c->stack[c->nstack - 1]), c->stream->key) == 0) {
        /* the streamed list; an anchored one is built whole (an alias may copy it) */
        c->stream_state = anchor_s ? 2 : 1;
        if (!anchor_s) {
            c->stream_frame = c->nframes;
            c->t->streamed = node;
            c->t->has_streamed = 1;
            stream_mark(c);
        }
    }
    p = c->frames;
    if (cu_grow(c->mem, &p, &c->capframes, c->nframes + 1, sizeof *c->frames) != 0)
        return cu_enomem(c->err);
    c->frames = p;
    f = &c->frames[c->nframes++];
    f->node = node;
    f->kid_start = (uint32_t)c->nstack;
    f->size = 0;
    f->height = 0;
    f->anchor = anc;
    return CURTAIL_OK;
}

int cu_yt_end(ctx *c)
{
    yt_tree *t = c->t;
    frame f;
    size_t count;
    uint64_t size;
    uint32_t height;
    void *p;
    int rc;

    if (!c->nframes) /* libyaml ends only what it started */
        return cu_einval(c->err, "yt_parse: a collection ends that never started");
    f = c->frames[c->nframes - 1];
    count = c->nstack - f.kid_start;
    size = sat_add(f.size, 1);
    height = f.height + 1;
    if (t->nodes[f.node].type == YT_MAP &&
        (rc = check_duplicates(c, f.kid_start, count / 2)) != CURTAIL_OK)
        return rc;
    if (t->nkids + count > UINT32_MAX)
        return cu_yt_too_large(c, yt_pos(t, f.node));
    p = t->kids;
    if (t->nkids + count > t->capkids &&
        cu_grow(c->mem, &p, &t->capkids, t->nkids + count, sizeof *t->kids) != 0)
        return cu_enomem(c->err);
    t->kids = p;
    if (count)
        memcpy(t->kids + t->nkids, c->stack + f.kid_start, count * sizeof *t->kids);
    t->nodes[f.node].a = (uint32_t)t->nkids;
    t->nodes[f.node].n = (uint32_t)count;
    t->nkids += count;
    c->nstack = f.kid_start;
    c->nframes--;
    if (c->stream_state == 1 && c->nframes == c->stream_frame)
        c->stream_state = 2;
    if (f.anchor >= 0 && c->anchors[f.anchor].node == f.node) {
        anchor *a = &c->anchors[f.anchor];
        a->size = size;
        a->height = height;
        a->complete = 1;
    }
    return attach(c, f.node, size, height);
}

static int on_alias(ctx *c, const char *name, cu_pos pos)
{
    const anchor *a = cu_yt_anchor_find(c, name);
    void *p;
    int rc;

    if (!a)
        return fail(c, pos, NULL, "alias *%s refers to no anchor", name);
    if (!a->complete)
        return fail(c, pos, NULL, "alias *%s refers to a node that contains it", name);
    if (c->nframes + a->height > CU_MAX_DEPTH)
        return fail(c, pos, NULL, "nesting deeper than %d levels (through alias *%s)", CU_MAX_DEPTH,
                    name);
    if (at_key(c) && (rc = check_key(c, a->node, pos)) != CURTAIL_OK)
        return rc;
    c->expansion = sat_add(c->expansion, a->size);
    p = c->aliases;
    if (cu_grow(c->mem, &p, &c->capaliases, c->naliases + 1, sizeof *c->aliases) != 0)
        return cu_enomem(c->err);
    c->aliases = p;
    c->aliases[c->naliases].total = c->expansion;
    c->aliases[c->naliases].pos = pos;
    c->naliases++;
    return attach(c, a->node, a->size, a->height);
}

/* ---- libyaml errors ----------------------------------------------------------------- */

/* Line and column (in characters) of a byte offset, as libyaml would mark it. */
static cu_pos offset_pos(const char *data, size_t len, size_t offset)
{
    cu_pos p = {1, 1};
    size_t i;
    if (offset > len)
        offset = len;
    for (i = 0; i < offset; i++) {
        unsigned char ch = (unsigned char)data[i];
        if (ch == '\n' || (ch == '\r' && !(i + 1 < len && data[i + 1] == '\n'))) {
            p.line++;
            p.col = 1;
        } else if (ch != '\r' && (ch & 0xC0) != 0x80) {
            p.col++;
        }
    }
    return p;
}

static int parser_error(ctx *c, const yaml_parser_t *parser, const char *data, size_t len)
{
    const char *problem = parser->problem ? parser->problem : "unknown YAML error";
    switch (parser->error) {
    case YAML_MEMORY_ERROR:
        return cu_enomem(c->err);
    case YAML_READER_ERROR: {
        size_t off = parser->problem_offset;
        /* libyaml names the bad trailing byte; point at the character it breaks */
        if (strstr(problem, "trailing")) {
            size_t back = 0;
            while (off > 0 && back < 3 && ((unsigned char)data[off - 1] & 0xC0) == 0x80) {
                off--;
                back++;
            }
            if (off > 0 && ((unsigned char)data[off - 1] & 0xC0) == 0xC0)
                off--;
        }
        return cu_error(c->err, CURTAIL_EINPUT, c->file, offset_pos(data, len, off), NULL, "%s%s",
                        strstr(problem, "UTF-8") ? "invalid UTF-8: " : "", problem);
    }
    default:
        if (parser->context)
            return cu_error(c->err, CURTAIL_EINPUT, c->file, mark_pos(parser->problem_mark), NULL,
                            "%s (%s)", problem, parser->context);
        return cu_error(c->err, CURTAIL_EINPUT, c->file, mark_pos(parser->problem_mark), NULL, "%s",
                        problem);
    }
}

int cu_yt_document(ctx *c, cu_pos pos)
{
    if (c->ndocs++ > 0)
        return cu_error(c->err, CURTAIL_EINPUT, c->file, pos, NULL,
                        "a second YAML document is not allowed (one scenario per file)");
    return CURTAIL_OK;
}

static int on_event(ctx *c, const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        return cu_yt_document(c, mark_pos(ev->start_mark));
    case YAML_SCALAR_EVENT:
        return cu_yt_scalar(c, (const char *)ev->data.scalar.value, ev->data.scalar.length,
                            (const char *)ev->data.scalar.tag,
                            (const char *)ev->data.scalar.anchor,
                            ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE,
                            mark_pos(ev->start_mark));
    case YAML_SEQUENCE_START_EVENT:
        return cu_yt_start(c, YT_SEQ, (const char *)ev->data.sequence_start.tag,
                           (const char *)ev->data.sequence_start.anchor, mark_pos(ev->start_mark));
    case YAML_MAPPING_START_EVENT:
        return cu_yt_start(c, YT_MAP, (const char *)ev->data.mapping_start.tag,
                           (const char *)ev->data.mapping_start.anchor, mark_pos(ev->start_mark));
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return cu_yt_end(c);
    case YAML_ALIAS_EVENT:
        return on_alias(c, (const char *)ev->data.alias.anchor, mark_pos(ev->start_mark));
    default:
        return CURTAIL_OK;
    }
}

static void ctx_free(ctx *c)
{
    cu_free(c->mem, c->frames);
    cu_free(c->mem, c->stack);
    cu_free(c->mem, c->anchors);
    cu_free(c->mem, c->slots);
    cu_free(c->mem, c->names);
    cu_free(c->mem, c->aliases);
    cu_free(c->mem, c->keyset);
}

/* Reserve room from the input size (dense files take about 7 bytes per node)
 * so that a big input is not copied over and over by doubling; reserved
 * memory that is never touched costs nothing. Failing to reserve is not an
 * error: the arrays then grow on demand. */
static void reserve(yt_tree *t, size_t len)
{
    size_t nodes = len / 6 + 16, pool = len + 16;
    if (nodes > ((size_t)1 << 25))
        nodes = (size_t)1 << 25;
    if ((t->nodes = cu_reallocarray(t->mem, NULL, nodes, sizeof *t->nodes)))
        t->capnodes = nodes;
    if ((t->kids = cu_reallocarray(t->mem, NULL, nodes, sizeof *t->kids)))
        t->capkids = nodes;
    if ((t->pool = cu_realloc(t->mem, NULL, pool)))
        t->cappool = pool;
}

void yt_free(yt_tree *t)
{
    if (!t)
        return;
    cu_free(t->mem, t->nodes);
    cu_free(t->mem, t->kids);
    cu_free(t->mem, t->pool);
    memset(t, 0, sizeof *t);
}

int yt_parse(yt_tree *t, const curtail_mem *mem, const char *data, size_t len, const char *file,
             curtail_error *err)
{
    return yt_parse_engine(t, mem, data, len, file, NULL, YT_AUTO, err);
}

int yt_parse_stream(yt_tree *t, const curtail_mem *mem, const char *data, size_t len,
                    const char *file, const yt_stream *stream, curtail_error *err)
{
    return yt_parse_engine(t, mem, data, len, file, stream, YT_AUTO, err);
}

static void ctx_init(ctx *c, yt_tree *t, const curtail_mem *mem, const char *file,
                     const yt_stream *stream, curtail_error *err)
{
    memset(t, 0, sizeof *t);
    t->mem = mem;
    memset(c, 0, sizeof *c);
    c->t = t;
    c->mem = mem;
    c->file = file;
    c->err = err;
    c->stream = stream;
    c->stream_state = stream && stream->key && stream->item ? 0 : 2;
}

/* The whole text through libyaml's event parser. */
static int parse_libyaml(ctx *c, const char *data, size_t len)
{
    yaml_parser_t parser;
    yaml_event_t ev;
    int rc = CURTAIL_OK, done = 0;

    if (!yaml_parser_initialize(&parser))
        return cu_enomem(c->err);
    yaml_parser_set_input_string(&parser, (const unsigned char *)(data ? data : ""), len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    while (!done && rc == CURTAIL_OK) {
        if (!yaml_parser_parse(&parser, &ev)) {
            rc = parser_error(c, &parser, data, len);
            break;
        }
        rc = on_event(c, &ev);
        done = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    return rc;
}

/*
 * The fast reader (yaml_fast.c) first, unless told otherwise: it either
 * reads the whole text to the same events libyaml would give, or gives up
 * (a construct it does not read, or any error), and then libyaml reads the
 * text again from the start, so every message and position is libyaml's.
 */
int yt_parse_engine(yt_tree *t, const curtail_mem *mem, const char *data, size_t len,
                    const char *file, const yt_stream *stream, int engine, curtail_error *err)
{
    ctx c;
    int rc;
    static const cu_pos nowhere = {0, 0};

    memset(t, 0, sizeof *t);
    t->mem = mem;
    if (!data && len)
        return cu_einval(err, "yt_parse: NULL data");
    if (len > CU_MAX_FILE_BYTES)
        return cu_error(err, CURTAIL_EINPUT, file, nowhere, NULL,
                        "input of %zu bytes is larger than the limit of 1 GiB", len);
    /* libyaml, told the encoding, would count a byte order mark as a column */
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    /* a streamed list is read again only by a callee that can forget it */
    if (engine != YT_LIBYAML && !(stream && stream->item && !stream->restart)) {
        int handed_out;
        curtail_error before;
        if (err)
            memcpy(&before, err, sizeof before); /* what the fast reader's failure writes is forgotten */
        ctx_init(&c, t, mem, file, stream, err);
        reserve(t, len);
        rc = cu_yt_fast(&c, data ? data : "", len);
        if (rc == CURTAIL_OK)
            rc = cu_yt_check_expansion(&c);
        handed_out = c.stream_index > 0;
        ctx_free(&c);
        if (rc == CURTAIL_OK)
            return CURTAIL_OK;
        yt_free(t);
        t->mem = mem;
        if (engine == YT_FAST || rc == CURTAIL_ENOMEM || (rc != CURTAIL_EINPUT && rc != YT_DECLINED))
            return rc;
        if (err)
            memcpy(err, &before, sizeof before);
        if (handed_out && stream->restart && (rc = stream->restart(stream->arg)) != CURTAIL_OK)
            return rc;
    }
    ctx_init(&c, t, mem, file, stream, err);
    reserve(t, len);
    rc = parse_libyaml(&c, data, len);
    if (rc == CURTAIL_OK)
        rc = cu_yt_check_expansion(&c);
    ctx_free(&c);
    if (rc != CURTAIL_OK)
        yt_free(t);
    t->mem = mem;
    return rc;
}

int yt_equal(const yt_tree *a, const yt_tree *b)
{
    size_t i;
    if (a->has_root != b->has_root || (a->has_root && a->root != b->root) ||
        a->nnodes != b->nnodes || a->nkids != b->nkids || a->npool != b->npool)
        return 0;
    for (i = 0; i < a->nnodes; i++) {
        const yt_node *x = &a->nodes[i], *y = &b->nodes[i];
        if (x->type != y->type || x->plain != y->plain || x->tagged != y->tagged ||
            x->col != y->col || x->line != y->line || x->a != y->a || x->n != y->n)
            return 0;
    }
    return (a->nkids == 0 || memcmp(a->kids, b->kids, a->nkids * sizeof *a->kids) == 0) &&
           (a->npool == 0 || memcmp(a->pool, b->pool, a->npool) == 0);
}

void yt_difference(const yt_tree *a, const yt_tree *b, char *buf, size_t size)
{
    size_t i, n = a->nnodes < b->nnodes ? a->nnodes : b->nnodes;
    for (i = 0; i < n; i++) {
        const yt_node *x = &a->nodes[i], *y = &b->nodes[i];
        if (x->type != y->type || x->plain != y->plain || x->tagged != y->tagged ||
            x->col != y->col || x->line != y->line || x->n != y->n) {
            snprintf(buf, size,
                     "node %zu: type %u plain %u tagged %u at %u:%u n %u, then type %u plain %u "
                     "tagged %u at %u:%u n %u",
                     i, x->type, x->plain, x->tagged, x->line, x->col, x->n, y->type, y->plain,
                     y->tagged, y->line, y->col, y->n);
            return;
        }
    }
    snprintf(buf, size, "%zu nodes, then %zu (or the child lists or texts differ)", a->nnodes,
             b->nnodes);
}

int yt_is_null(const yt_tree *t, uint32_t i)
{
    const yt_node *n = yt_at(t, i);
    const char *s;
    if (n->type != YT_SCALAR || !n->plain)
        return 0;
    s = yt_str(t, i);
    if (n->n == 0)
        return 1;
    if (s[0] != '~' && s[0] != 'n' && s[0] != 'N')
        return 0;
    return strcmp(s, "~") == 0 || strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
           strcmp(s, "NULL") == 0;
}

int64_t yt_map_get(const yt_tree *t, uint32_t map, const char *key)
{
    uint32_t i, pairs;
    if (yt_at(t, map)->type != YT_MAP)
        return -1;
    pairs = yt_count(t, map);
    for (i = 0; i < pairs; i++)
        if (strcmp(yt_str(t, yt_kid(t, map, 2 * i)), key) == 0)
            return (int64_t)yt_kid(t, map, 2 * i + 1);
    return -1;
}
