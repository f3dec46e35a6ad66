/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * internal.h — what every module of libcurtail shares: limits (SPEC §9),
 * memory, the byte buffer, positions and errors. Not installed.
 *
 * Each module has its own header (scenario.h, policy.h, lp.h, solve.h,
 * result.h, write.h ...); a file includes only the headers of the modules
 * below it. docs/ARCHITECTURE.md draws the pipeline; tests/layering.sh
 * checks it.
 */
#ifndef CURTAIL_INTERNAL_H
#define CURTAIL_INTERNAL_H

#include "curtail.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__)
#define CU_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define CU_PRINTF(fmt, args)
#endif

#define CU_NP CURTAIL_NPOLLUTANTS
#define CU_NL CURTAIL_NLEVELS
/* targets.combined: at most this many entries (issue 10) */
#define CU_MAX_COMBINED 8

/* ---- limits of SPEC §9 ---------------------------------------------------- */
#define CU_MAX_FILE_BYTES ((size_t)1 << 30) /* 1 GiB */
#define CU_MAX_DEPTH 64
#define CU_MAX_ALIAS_FACTOR 10 /* alias expansion <= 10 x the document's nodes */
#define CU_MAX_STRING 4096
#define CU_MAX_UNITS 10000000
/* units x hours of a schedule (SECURITY.md: about 2.5 GiB at the limit) */
#define CU_MAX_UNIT_HOURS 100000000
/* A derived coefficient (a group's emission rate or value, its weighted loss,
 * a listed baseline) at most what two given numbers at their limit (1e12)
 * multiply to (SPEC §9; docs/DECISIONS.md). */
#define CU_MAX_DERIVED 1e24
#define CU_MAX_ID 64
/* Emission and capacity magnitudes beyond this are physically absurd and make
 * the LP numerically meaningless (SPEC §9). */
#define CU_MAX_MAGNITUDE 1e12

/* ---- memory (mem.c) -------------------------------------------------------- */
/* Every allocation of the library goes through these, so that an embedding
 * program's allocator (and the allocation-failure tests) see all of them. */
void *cu_calloc(const curtail_mem *m, size_t count, size_t size);
void *cu_realloc(const curtail_mem *m, void *p, size_t size);
/* realloc of an array: checks count * size for overflow */
void *cu_reallocarray(const curtail_mem *m, void *p, size_t count, size_t size);
void cu_free(const curtail_mem *m, void *p);
char *cu_strdup(const curtail_mem *m, const char *s);
char *cu_strndup(const curtail_mem *m, const char *s, size_t n);
/* Grow *arr (of *cap elements of `size`) to hold at least `need`; 0 or -1. */
int cu_grow(const curtail_mem *m, void **arr, size_t *cap, size_t need, size_t size);

/* The indices i < n with flags[i] set, ascending, into *idx (reallocated to
 * hold them; freed by the caller) and their number into *count; 0 or -1. */
int cu_flagged(const curtail_mem *m, const unsigned char *flags, size_t n, size_t **idx,
               size_t *count);

/* ---- growable byte buffer (mem.c) -------------------------------------------- */
/* A sink takes the bytes of a streamed buffer; returns 0 or an errno value. */
typedef int (*cu_buf_sink)(void *ctx, const char *data, size_t len);
typedef struct cu_buf {
    const curtail_mem *mem;
    char *data; /* always NUL-terminated when len > 0 or after cu_buf_* succeeded */
    size_t len;
    size_t cap;
    int failed; /* sticky: an append failed (for lack of memory, or sink_err) */
    cu_buf_sink sink; /* NULL: the whole text stays in memory */
    void *sink_ctx;
    int sink_err; /* the sink's errno when it failed, else 0 */
} cu_buf;
/* With a sink, an append that finds CU_BUF_FLUSH_AT bytes or more buffered
 * first hands all but the last CU_BUF_KEEP of them to the sink, so that
 * memory stays bounded whatever the output's size while a writer may still
 * look back at (and trim) the last few bytes it wrote. A position taken
 * before such an append is stale after it (len then drops below it). */
#define CU_BUF_FLUSH_AT ((size_t)64 * 1024)
#define CU_BUF_KEEP ((size_t)64)
void cu_buf_init(cu_buf *b, const curtail_mem *mem);
void cu_buf_set_sink(cu_buf *b, cu_buf_sink sink, void *ctx);
/* Everything buffered to the sink (no-op without one); 0 or the sink's errno. */
int cu_buf_flush(cu_buf *b);
void cu_buf_free(cu_buf *b);
/* Appends (inline: the common case is a copy into room already there; the
 * rest, growing and handing bytes to the sink, is cu_buf_put_slow). */
void cu_buf_put_slow(cu_buf *b, const char *s, size_t n);
static inline void cu_buf_put(cu_buf *b, const char *s, size_t n)
{
    if (n < b->cap - b->len && (b->len < CU_BUF_FLUSH_AT || !b->sink) && !b->failed) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
        return;
    }
    cu_buf_put_slow(b, s, n);
}
/* (inline, so that the length of a literal is known at compile time) */
static inline void cu_buf_puts(cu_buf *b, const char *s)
{
    cu_buf_put(b, s, strlen(s));
}
/* Room for n more bytes at b->data + b->len (having handed bytes to the
 * sink or grown first), or NULL when b has failed. The caller writes at
 * most n bytes there, then cu_buf_commit()s how many it wrote. */
char *cu_buf_room_slow(cu_buf *b, size_t n);
static inline char *cu_buf_room(cu_buf *b, size_t n)
{
    if (n < b->cap - b->len && (b->len < CU_BUF_FLUSH_AT || !b->sink) && !b->failed)
        return b->data + b->len;
    return cu_buf_room_slow(b, n);
}
static inline void cu_buf_commit(cu_buf *b, size_t n)
{
    b->len += n;
    b->data[b->len] = '\0';
}
/* printf into b: %s %c %d %u %ld %lu %zu %% written directly (mem.c), any
 * other conversion by vsnprintf; as with cu_buf_put, no argument may point
 * into b's own bytes. */
void cu_buf_printf(cu_buf *b, const char *fmt, ...) CU_PRINTF(2, 3);
/* An unsigned integer in decimal (printf's %llu). */
void cu_buf_uint(cu_buf *b, unsigned long long x);
/* A finite double as the shortest decimal that reads back exactly, in plain
 * decimals where they fit (numfmt.h); never "nan"/"inf" (written as 0);
 * '.' whatever the locale. */
void cu_buf_num(cu_buf *b, double v);
/* The same digits with an exponent where printf's %g has one (1.65e-08, not
 * 0.0000000165): at most 24 characters, for LP and MPS files. */
void cu_buf_num_short(cu_buf *b, double v);

/* ---- errors (error.c) --------------------------------------------------------- */
typedef struct cu_pos {
    uint32_t line; /* 1-based; 0 unknown */
    uint32_t col;
} cu_pos;

/* Set err (if not NULL) and return `code`. `path` may be NULL. */
int cu_error(curtail_error *err, int code, const char *file, cu_pos pos, const char *path,
             const char *fmt, ...) CU_PRINTF(6, 7);
int cu_verror(curtail_error *err, int code, const char *file, cu_pos pos, const char *path,
              const char *fmt, va_list ap);
/* Copy s into dst (size bytes) with control characters escaped (\n, \x1B,
 * C1 as \u009B) and bytes that are never UTF-8 as \xHH, so user text stays
 * on one line and sends a terminal nothing. Returns the length written. */
size_t cu_escape_controls(char *dst, size_t size, const char *s);
/* Shorthands: CURTAIL_EINVAL / CURTAIL_ENOMEM with no position. */
int cu_einval(curtail_error *err, const char *fmt, ...) CU_PRINTF(2, 3);
int cu_enomem(curtail_error *err);
/* A value error of a builder (CURTAIL_EINPUT): err->path relative to the
 * object being built, no position; the loader positions it and makes the
 * path absolute. */
int cu_bad_value(curtail_error *err, const char *path, const char *fmt, ...) CU_PRINTF(3, 4);
/* An options struct's version: 1 to max are known, anything else is
 * CURTAIL_EINVAL "NAME: options of version V (this library knows 1 to MAX)". */
int cu_check_version(unsigned version, unsigned max, const char *name, curtail_error *err);
/* snprintf in the C locale (per thread): numbers in messages and warnings. */
int cu_vsnprintf_c(char *buf, size_t n, const char *fmt, va_list ap);
int cu_snprintf_c(char *buf, size_t n, const char *fmt, ...) CU_PRINTF(3, 4);

#endif
