/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * yaml_fast.c — a fast reader for the YAML that scenarios are written in:
 * block mappings and lists (an item's mapping may start on its dash line,
 * a list may sit at its key's indentation), one-line flow mappings and
 * lists, plain scalars on one line, one-line quoted scalars without escapes,
 * comments and blank lines.
 *
 * It gives the events libyaml gives for such a text, with the same
 * positions (line, and column in characters; an empty value at the column
 * after its ':' or '-'). Anything else — anchors, aliases, tags, block
 * scalars, a scalar or a flow collection over several lines, escapes, a
 * doubled single quote, tabs, a CR but in CR LF, document markers and directives, a key
 * longer than 512 bytes, characters libyaml treats apart (NEL, the line and
 * paragraph separators, the byte order mark, non-characters) or refuses, an
 * empty text — and any error, it gives up with YT_DECLINED: yt_parse_engine
 * then lets libyaml read the text from the start, so every error message
 * and position is libyaml's own. tests/check_yaml_fast.c compares the two
 * readers' trees node by node on every YAML file of the project and on
 * thousands of generated ones.
 *
 * libyaml spends some 240 instructions a byte of a scenario (an event and
 * three allocations per scalar); this reader about a tenth of that.
 */
#include "yaml_anchor.h"

#include <string.h>

#ifdef YT_FAST_DEBUG
#include <stdio.h>
#undef YT_DECLINED
#define YT_DECLINED (fprintf(stderr, "declined at %s:%d\n", __FILE__, __LINE__), 1000)
#endif

/* Bytes of a key the reader reads (libyaml ends a simple key at 1 024
 * characters, in block and in flow context alike). */
#define MAX_KEY 512

typedef struct rd {
    ctx *c;
    const char *p, *end;
    const char *ls;     /* start of the current line */
    const char *cnt_at; /* UTF-8 continuation bytes counted in [ls, cnt_at) */
    size_t ncont;
    uint32_t line; /* 1-based */
    long indent;   /* spaces before the content at p; -1 at the end of the text */
} rd;

/* A scalar found but not yet given: its text and where it starts. */
typedef struct scal {
    const char *start, *v;
    size_t n;
    int plain;
} scal;

#define TRY(x)                                                                                     \
    do {                                                                                           \
        int rc_ = (x);                                                                             \
        if (rc_ != CURTAIL_OK)                                                                     \
            return rc_;                                                                            \
    } while (0)

/* ---- characters ----------------------------------------------------------------------- */

/* Printable ASCII, LF, and well-formed UTF-8 of the characters libyaml reads
 * as ordinary printable ones (not NEL, U+2028/9, U+FEFF, U+FFFE/F). */
static int text_ok(const unsigned char *p, const unsigned char *end)
{
    while (p < end) {
        unsigned b;
        /* eight printable ASCII bytes at a time: none below 0x20 or from 0x7F */
        while (end - p >= 8) {
            uint64_t w, lo, hi;
            memcpy(&w, p, 8);
            lo = (w - UINT64_C(0x2020202020202020)) & ~w; /* top bit: a byte < 0x20 (or >= 0x80) */
            hi = (w + UINT64_C(0x0101010101010101)) | w;  /* top bit: a byte >= 0x7F */
            if ((lo | hi) & UINT64_C(0x8080808080808080))
                break;
            p += 8;
        }
        if (p == end)
            break;
        b = *p;
        if (b >= 0x20 && b < 0x7F) {
            p++;
            continue;
        }
        if (b == '\n' || (b == '\r' && end - p >= 2 && p[1] == '\n')) {
            p++; /* LF, or CR LF: libyaml's one line break */
            continue;
        }
        if (b < 0xC2 || b > 0xF4)
            return 0; /* controls, tab, CR, DEL, a stray continuation, overlong */
        if (b < 0xE0) {
            if (end - p < 2 || (p[1] & 0xC0) != 0x80 || (b == 0xC2 && p[1] < 0xA0))
                return 0; /* C1 controls and NEL */
            p += 2;
        } else if (b < 0xF0) {
            unsigned cp;
            if (end - p < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
                return 0;
            cp = ((b & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
            if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0x2028 || cp == 0x2029 ||
                cp == 0xFEFF || cp >= 0xFFFE)
                return 0;
            p += 3;
        } else {
            unsigned long cp;
            if (end - p < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
                (p[3] & 0xC0) != 0x80)
                return 0;
            cp = ((unsigned long)(b & 0x07u) << 18) | ((unsigned long)(p[1] & 0x3Fu) << 12) |
                 ((unsigned long)(p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
            if (cp < 0x10000 || cp > 0x10FFFF)
                return 0;
            p += 4;
        }
    }
    return 1;
}

/* ---- positions ------------------------------------------------------------------------ */

/* The UTF-8 continuation bytes in [q, p): what a column in characters
 * leaves out of a byte offset. */
static inline size_t continuations(const char *q, const char *p)
{
    size_t n = 0;
    /* eight bytes at a time: a continuation byte has its top bit set and
     * the next one clear */
    for (; p - q >= 8; q += 8) {
        uint64_t w;
        memcpy(&w, q, 8);
        w &= ~(w << 1) & UINT64_C(0x8080808080808080);
        /* one bit a byte at bit 0: the multiplication sums them in the top byte */
        n += (size_t)(((w >> 7) * UINT64_C(0x0101010101010101)) >> 56);
    }
    for (; q < p; q++)
        n += ((unsigned char)*q & 0xC0) == 0x80;
    return n;
}

/* The position of p on the current line; the count goes on from the last
 * position asked for on the line (nodes come left to right). */
static inline cu_pos pos_of(rd *r, const char *p)
{
    cu_pos pos;
    if (p < r->cnt_at) {
        r->cnt_at = r->ls;
        r->ncont = 0;
    }
    r->ncont += continuations(r->cnt_at, p);
    r->cnt_at = p;
    pos.line = r->line;
    pos.col = (uint32_t)((size_t)(p - r->ls) - r->ncont + 1);
    return pos;
}

/* r->p has just passed a line break. */
static void new_line(rd *r)
{
    r->line++;
    r->ls = r->cnt_at = r->p;
    r->ncont = 0;
}

/* The character at r->p, or '\n' at the end of the text. */
static char at(const rd *r)
{
    return r->p < r->end ? *r->p : '\n';
}

static int blankz(const rd *r, const char *q)
{
    return q >= r->end || *q == ' ' || *q == '\n' || *q == '\r';
}

static void skip_spaces(rd *r)
{
    while (r->p < r->end && *r->p == ' ')
        r->p++;
}

/* ---- lines ---------------------------------------------------------------------------- */

/* From the start of a line to the first content of the next line that has
 * any (blank lines and comment lines skipped): r->indent its indentation, or
 * -1 at the end of the text. */
static int next_content(rd *r)
{
    for (;;) {
        const char *q = r->p;
        while (q < r->end && *q == ' ')
            q++;
        if (q == r->end) {
            r->p = q;
            r->indent = -1;
            return CURTAIL_OK;
        }
        if (*q == '#' || *q == '\n' || *q == '\r') {
            q = memchr(q, '\n', (size_t)(r->end - q));
            if (!q) {
                r->p = r->end;
                r->indent = -1;
                return CURTAIL_OK;
            }
            r->p = q + 1;
            new_line(r);
            continue;
        }
        if (q == r->ls && r->end - q >= 3 && (memcmp(q, "---", 3) == 0 || memcmp(q, "...", 3) == 0) &&
            (q + 3 == r->end || q[3] == ' ' || q[3] == '\n' || q[3] == '\r'))
            return YT_DECLINED; /* a document marker */
        r->p = q;
        r->indent = (long)(q - r->ls);
        return CURTAIL_OK;
    }
}

/* What may follow a node on its line: blanks, a comment after a blank, the break. */
static int line_end(rd *r)
{
    const char *q = r->p;
    while (q < r->end && *q == ' ')
        q++;
    if (q < r->end && *q == '#') {
        if (q == r->ls || q[-1] != ' ')
            return YT_DECLINED; /* libyaml would take it for a comment; a reader may not */
        q = memchr(q, '\n', (size_t)(r->end - q));
        if (!q)
            q = r->end;
    }
    if (q == r->end) {
        r->p = q;
        return CURTAIL_OK;
    }
    if (*q == '\r')
        q++; /* CR LF (text_ok: a CR is followed by LF) */
    if (*q != '\n')
        return YT_DECLINED;
    r->p = q + 1;
    new_line(r);
    return CURTAIL_OK;
}

static int is_entry(const rd *r)
{
    return r->p < r->end && *r->p == '-' && blankz(r, r->p + 1);
}

/* ---- scalars -------------------------------------------------------------------------- */

/* May a plain scalar start at p? Indicators may not start one; '-' may
 * when a non-blank follows (a negative number). */
static int plain_start(const rd *r, const char *p)
{
    switch (*p) {
    case '-':
        return !blankz(r, p + 1) && !strchr(",[]{}", p[1]);
    case '?': case ':': case ',': case '[': case ']': case '{': case '}': case '#': case '&':
    case '*': case '!': case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
    case ' ': case '\n': case '\r':
        return 0;
    default:
        return 1;
    }
}

/* A one-line quoted scalar at r->p, without escapes. */
static int scan_quoted(rd *r, scal *s)
{
    const char *q = r->p + 1;
    char quote = *r->p;
    for (;;) {
        if (q == r->end)
            return YT_DECLINED;
        if (*q == quote)
            break;
        if (*q == '\n' || *q == '\r' || (quote == '"' && *q == '\\'))
            return YT_DECLINED;
        q++;
    }
    if (quote == '\'' && q + 1 < r->end && q[1] == '\'')
        return YT_DECLINED; /* '' stands for one quote: libyaml unescapes it */
    s->start = r->p;
    s->v = r->p + 1;
    s->n = (size_t)(q - s->v);
    s->plain = 0;
    r->p = q + 1;
    return CURTAIL_OK;
}

/* A plain scalar in block context, up to the end of the line, a comment (a
 * '#' after a blank), or a ':' before a blank. *key: it was that ':'. */
static void scan_plain_block(rd *r, scal *s, int *key)
{
    const char *q = r->p, *e;
    *key = 0;
    for (;;) {
        while (q < r->end && *q != ':' && *q != '#' && *q != '\n')
            q++;
        if (q == r->end || *q == '\n')
            break;
        if (*q == ':') {
            if (blankz(r, q + 1)) {
                *key = 1;
                break;
            }
        } else if (q[-1] == ' ') {
            break; /* a comment */
        }
        q++;
    }
    for (e = q; e > r->p && (e[-1] == ' ' || e[-1] == '\r'); e--)
        ; /* the CR of a CR LF break, and blanks */
    s->start = s->v = r->p;
    s->n = (size_t)(e - r->p);
    s->plain = 1;
    r->p = *key ? q + 1 : e;
}

/* A scalar in block context: quoted or plain; *key when a ':' and a blank
 * follow it (r->p is then past the ':'). */
static int scan_block_scalar(rd *r, scal *s, int *key)
{
    if (*r->p == '"' || *r->p == '\'') {
        const char *q;
        TRY(scan_quoted(r, s));
        for (q = r->p; q < r->end && *q == ' '; q++)
            ;
        *key = q < r->end && *q == ':' && blankz(r, q + 1);
        if (*key)
            r->p = q + 1;
    } else {
        if (!plain_start(r, r->p))
            return YT_DECLINED;
        scan_plain_block(r, s, key);
    }
    if (*key && r->p - s->start > MAX_KEY)
        return YT_DECLINED; /* a key too long (MAX_KEY) */
    return CURTAIL_OK;
}

static int give(rd *r, const scal *s)
{
    return cu_yt_scalar(r->c, s->v, s->n, NULL, NULL, s->plain, pos_of(r, s->start));
}

/* ---- flow collections (on one line) ---------------------------------------------------- */

static int flow(rd *r);

/* A plain scalar inside a flow collection: up to , [ ] { } or ": " (a ':'
 * before another character is the scalar's, as in 12:00). */
static int scan_plain_flow(rd *r, scal *s)
{
    const char *q = r->p, *e;
    if (!plain_start(r, q))
        return YT_DECLINED;
    for (; q < r->end; q++) {
        char ch = *q;
        if (ch == ',' || ch == '[' || ch == ']' || ch == '{' || ch == '}' || ch == '\n' ||
            ch == '\r')
            break;
        if (ch == ':') {
            if (q + 1 < r->end && q[1] == ' ')
                break;
            if (blankz(r, q + 1) || strchr(",?[]{}", q[1]))
                return YT_DECLINED;
        }
        if (ch == '?' || (ch == '#' && q[-1] == ' '))
            return YT_DECLINED;
    }
    for (e = q; e > r->p && e[-1] == ' '; e--)
        ;
    s->start = s->v = r->p;
    s->n = (size_t)(e - r->p);
    s->plain = 1;
    r->p = q;
    return CURTAIL_OK;
}

/* A flow node: a nested collection, or a scalar (with `key`, a scalar and
 * its ": "). */
static int flow_node(rd *r, int key)
{
    scal s;
    char ch = at(r);
    if (ch == '\n')
        return YT_DECLINED; /* over several lines, or cut short at the end of the text */
    if (ch == '{' || ch == '[')
        return key ? YT_DECLINED : flow(r);
    if (ch == '"' || ch == '\'')
        TRY(scan_quoted(r, &s));
    else
        TRY(scan_plain_flow(r, &s));
    /* a key is given once its ": " is seen: a plain one cut short at the end
     * of its line (libyaml reads on) may not be checked as a key (a merge
     * key "<<" refused, where libyaml reads "<< d") */
    if (key) {
        skip_spaces(r);
        if (at(r) != ':' || r->p + 1 >= r->end || r->p[1] != ' ')
            return YT_DECLINED;
        if (r->p - s.start > MAX_KEY)
            return YT_DECLINED; /* a key too long (MAX_KEY) */
        r->p += 2;
        skip_spaces(r);
    }
    return give(r, &s);
}

static int flow(rd *r)
{
    char open = *r->p, close = open == '{' ? '}' : ']';
    TRY(cu_yt_start(r->c, open == '{' ? YT_MAP : YT_SEQ, NULL, NULL, pos_of(r, r->p)));
    r->p++;
    skip_spaces(r);
    if (at(r) == close) {
        r->p++;
        return cu_yt_end(r->c);
    }
    for (;;) {
        char ch;
        if (open == '{') {
            TRY(flow_node(r, 1));
            ch = at(r);
            if (ch == ',' || ch == '}')
                return YT_DECLINED; /* an empty value */
        }
        TRY(flow_node(r, 0));
        skip_spaces(r);
        ch = at(r);
        if (ch == close) {
            r->p++;
            return cu_yt_end(r->c);
        }
        if (ch != ',')
            return YT_DECLINED;
        r->p++;
        skip_spaces(r);
        ch = at(r);
        if (ch == ',' || ch == close)
            return YT_DECLINED;
    }
}

/* ---- block collections ----------------------------------------------------------------- */

static int block_map(rd *r, long indent);
static int block_seq(rd *r, long indent);

/* After a flow collection or a scalar: the rest of its line, then the next
 * content, which may not be indented deeper than `indent` (libyaml would
 * continue a plain scalar there, or fail). */
static int after_node(rd *r, long indent)
{
    TRY(line_end(r));
    TRY(next_content(r));
    return r->indent > indent ? YT_DECLINED : CURTAIL_OK;
}

/* A node starting a line at column r->indent, inside a block at `parent`. */
static int block_node(rd *r, long parent)
{
    long indent = r->indent;
    const char *start = r->p;
    scal s;
    int key;
    if (is_entry(r))
        return block_seq(r, indent);
    if (*r->p == '{' || *r->p == '[') {
        TRY(flow(r));
        return after_node(r, parent);
    }
    TRY(scan_block_scalar(r, &s, &key));
    if (key) {
        r->p = start;
        return block_map(r, indent);
    }
    TRY(give(r, &s));
    return after_node(r, parent);
}

/* The value after a key's ':' (in_seq 0) or an item's '-' (in_seq 1), r->p
 * just past it; `indent` is the column of the mapping's keys or the list's
 * dashes. Ends at the next content line. */
static int value(rd *r, long indent, int in_seq)
{
    /* an empty value's position, the column after its indicator, is
     * counted only when the value is empty */
    const char *after = r->p, *after_ls = r->ls;
    uint32_t after_line = r->line;
    const char *start;
    scal s;
    int key;

    skip_spaces(r);
    if (r->p == r->end || *r->p == '\n' || *r->p == '\r' || (*r->p == '#' && r->p[-1] == ' ')) {
        TRY(line_end(r));
        TRY(next_content(r));
        if (r->indent > indent)
            return block_node(r, indent);
        if (!in_seq && r->indent == indent && is_entry(r))
            return block_seq(r, indent); /* a list at its key's indentation */
        {
            cu_pos empty;
            empty.line = after_line;
            empty.col = (uint32_t)((size_t)(after - after_ls) - continuations(after_ls, after) + 1);
            return cu_yt_scalar(r->c, "", 0, NULL, NULL, 1, empty);
        }
    }
    if (r->p[-1] != ' ')
        return YT_DECLINED; /* "-x" or ":x" never get here; be safe */
    if (*r->p == '{' || *r->p == '[') {
        TRY(flow(r));
        return after_node(r, indent);
    }
    if (is_entry(r))
        return YT_DECLINED; /* "- - x", "key: - x" */
    start = r->p;
    TRY(scan_block_scalar(r, &s, &key));
    if (key) {
        if (!in_seq)
            return YT_DECLINED; /* "a: b: c" */
        r->p = start;           /* an item's mapping, starting on the dash line */
        return block_map(r, (long)(start - r->ls));
    }
    TRY(give(r, &s));
    return after_node(r, indent);
}

static int block_map(rd *r, long indent)
{
    TRY(cu_yt_start(r->c, YT_MAP, NULL, NULL, pos_of(r, r->p)));
    for (;;) {
        scal k;
        int key;
        TRY(scan_block_scalar(r, &k, &key));
        if (!key)
            return YT_DECLINED;
        TRY(give(r, &k));
        TRY(value(r, indent, 0));
        if (r->indent < indent)
            break;
        if (r->indent > indent || is_entry(r))
            return YT_DECLINED;
    }
    return cu_yt_end(r->c);
}

static int block_seq(rd *r, long indent)
{
    TRY(cu_yt_start(r->c, YT_SEQ, NULL, NULL, pos_of(r, r->p)));
    for (;;) {
        r->p++; /* the dash */
        TRY(value(r, indent, 1));
        if (r->indent < indent || (r->indent == indent && !is_entry(r)))
            break;
        if (r->indent > indent)
            return YT_DECLINED;
    }
    return cu_yt_end(r->c);
}

int cu_yt_fast(ctx *c, const char *data, size_t len)
{
    rd r;
    memset(&r, 0, sizeof r);
    r.c = c;
    r.p = r.ls = r.cnt_at = data;
    r.end = data + len;
    r.line = 1;
    if (!text_ok((const unsigned char *)data, (const unsigned char *)data + len))
        return YT_DECLINED;
    c->clean = 1;
    TRY(next_content(&r));
    if (r.indent < 0)
        return YT_DECLINED; /* no document: libyaml says what that is */
    TRY(cu_yt_document(c, pos_of(&r, r.p)));
    TRY(block_node(&r, -1));
    return r.indent < 0 ? CURTAIL_OK : YT_DECLINED;
}
