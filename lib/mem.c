/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mem.c — the allocator hook and a growable byte buffer. */
#include "internal.h"
#include "numfmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *default_calloc(size_t count, size_t size, void *ctx)
{
    (void)ctx;
    return calloc(count, size);
}

static void *default_realloc(void *p, size_t size, void *ctx)
{
    (void)ctx;
    return realloc(p, size);
}

static void default_free(void *p, void *ctx)
{
    (void)ctx;
    free(p);
}

static const curtail_mem default_mem = {default_calloc, default_realloc, default_free, NULL};

static const curtail_mem *mem_or_default(const curtail_mem *m)
{
    return m ? m : &default_mem;
}

void *cu_calloc(const curtail_mem *m, size_t count, size_t size)
{
    m = mem_or_default(m);
    if (count == 0 || size == 0)
        count = size = 1;
    return m->calloc(count, size, m->ctx);
}

void *cu_realloc(const curtail_mem *m, void *p, size_t size)
{
    m = mem_or_default(m);
    return m->realloc(p, size ? size : 1, m->ctx);
}

void *cu_reallocarray(const curtail_mem *m, void *p, size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    return cu_realloc(m, p, count * size);
}

void cu_free(const curtail_mem *m, void *p)
{
    if (!p)
        return;
    m = mem_or_default(m);
    m->free(p, m->ctx);
}

char *cu_strndup(const curtail_mem *m, const char *s, size_t n)
{
    char *d = cu_calloc(m, n + 1, 1);
    if (d && n)
        memcpy(d, s, n);
    return d;
}

char *cu_strdup(const curtail_mem *m, const char *s)
{
    return s ? cu_strndup(m, s, strlen(s)) : NULL;
}

int cu_grow(const curtail_mem *m, void **arr, size_t *cap, size_t need, size_t size)
{
    size_t ncap;
    void *p;
    if (need <= *cap)
        return 0;
    ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return -1;
        ncap *= 2;
    }
    p = cu_reallocarray(m, *arr, ncap, size);
    if (!p)
        return -1;
    *arr = p;
    *cap = ncap;
    return 0;
}

int cu_flagged(const curtail_mem *m, const unsigned char *flags, size_t n, size_t **idx,
               size_t *count)
{
    size_t i, k = 0;
    void *p;
    for (i = 0; i < n; i++)
        k += flags[i] != 0;
    p = cu_reallocarray(m, *idx, k + 1, sizeof(size_t));
    if (!p)
        return -1;
    *idx = p;
    for (i = 0, k = 0; i < n; i++)
        if (flags[i])
            (*idx)[k++] = i;
    *count = k;
    return 0;
}

void cu_buf_init(cu_buf *b, const curtail_mem *mem)
{
    memset(b, 0, sizeof *b);
    b->mem = mem;
}

void cu_buf_free(cu_buf *b)
{
    cu_free(b->mem, b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void cu_buf_set_sink(cu_buf *b, cu_buf_sink sink, void *ctx)
{
    b->sink = sink;
    b->sink_ctx = ctx;
}

/* All but the last `keep` buffered bytes to the sink. */
static void buf_drain(cu_buf *b, size_t keep)
{
    size_t n;
    int e;
    if (!b->sink || b->failed || b->len <= keep)
        return;
    n = b->len - keep;
    e = b->sink(b->sink_ctx, b->data, n);
    if (e) {
        b->sink_err = e;
        b->failed = 1;
        return;
    }
    memmove(b->data, b->data + n, keep + 1); /* with the NUL */
    b->len = keep;
}

int cu_buf_flush(cu_buf *b)
{
    buf_drain(b, 0);
    return b->sink_err;
}

char *cu_buf_room_slow(cu_buf *b, size_t n)
{
    void *p;
    if (b->failed)
        return NULL;
    if (b->sink && b->len >= CU_BUF_FLUSH_AT) {
        buf_drain(b, CU_BUF_KEEP);
        if (b->failed)
            return NULL;
    }
    if (n > SIZE_MAX - b->len - 1) {
        b->failed = 1;
        return NULL;
    }
    p = b->data;
    if (cu_grow(b->mem, &p, &b->cap, b->len + n + 1, 1) != 0) {
        b->failed = 1;
        return NULL;
    }
    b->data = p;
    return b->data + b->len;
}

void cu_buf_put_slow(cu_buf *b, const char *s, size_t n)
{
    char *at = cu_buf_room_slow(b, n);
    if (!at)
        return;
    if (n)
        memcpy(at, s, n);
    cu_buf_commit(b, n);
}

/* The conversions cu_buf_printf writes itself: %s, %c, %d, %u, %ld, %lu,
 * %zu and %% without flags, width or precision (the writers' formats);
 * returns 0 when fmt has any other, which then goes to vsnprintf. */
static int simple_format(const char *fmt)
{
    const char *p = fmt;
    while ((p = strchr(p, '%')) != NULL) {
        p++;
        if (*p == 'l') {
            if (*++p != 'd' && *p != 'u')
                return 0;
        } else if (*p == 'z') {
            if (*++p != 'u')
                return 0;
        } else if (*p != 's' && *p != 'c' && *p != 'd' && *p != 'u' && *p != '%')
            return 0;
        p++;
    }
    return 1;
}

static void put_unsigned(cu_buf *b, unsigned long long x, int neg)
{
    char tmp[24];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + x % 10);
        x /= 10;
    } while (x);
    if (neg)
        tmp[--i] = '-';
    cu_buf_put(b, tmp + i, sizeof tmp - i);
}

void cu_buf_uint(cu_buf *b, unsigned long long x)
{
    char *o = cu_buf_room(b, 20), tmp[20];
    size_t i = sizeof tmp;
    if (!o)
        return;
    if (x < 100) { /* the common case: a rule's index, a line */
        o[0] = (char)('0' + x / 10);
        o[1] = (char)('0' + x % 10);
        cu_buf_commit(b, x < 10 ? (o[0] = o[1], 1) : 2);
        return;
    }
    do {
        tmp[--i] = (char)('0' + x % 10);
        x /= 10;
    } while (x);
    memcpy(o, tmp + i, sizeof tmp - i);
    cu_buf_commit(b, sizeof tmp - i);
}

static void put_signed(cu_buf *b, long long v)
{
    put_unsigned(b, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v, v < 0);
}

/* printf's text of a simple_format, without going through stdio */
static void simple_printf(cu_buf *b, const char *fmt, va_list ap)
{
    const char *p = fmt, *pc;
    while ((pc = strchr(p, '%')) != NULL) {
        if (pc > p)
            cu_buf_put(b, p, (size_t)(pc - p));
        pc++;
        switch (*pc) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            cu_buf_puts(b, s ? s : "(null)");
            break;
        }
        case 'c': {
            char ch = (char)va_arg(ap, int);
            cu_buf_put(b, &ch, 1);
            break;
        }
        case 'd':
            put_signed(b, va_arg(ap, int));
            break;
        case 'u':
            put_unsigned(b, va_arg(ap, unsigned), 0);
            break;
        case '%':
            cu_buf_put(b, "%", 1);
            break;
        case 'l':
            pc++;
            if (*pc == 'd')
                put_signed(b, va_arg(ap, long));
            else
                put_unsigned(b, va_arg(ap, unsigned long), 0);
            break;
        default: /* 'z', then 'u' */
            pc++;
            put_unsigned(b, va_arg(ap, size_t), 0);
            break;
        }
        p = pc + 1;
    }
    cu_buf_puts(b, p);
}

void cu_buf_printf(cu_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    int n;
    if (simple_format(fmt)) {
        va_start(ap, fmt);
        simple_printf(b, fmt, ap);
        va_end(ap);
        return;
    }
    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        cu_buf_put(b, small, (size_t)n);
        return;
    }
    {
        char *big = cu_calloc(b->mem, (size_t)n + 1, 1);
        if (!big) {
            b->failed = 1;
            return;
        }
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        cu_buf_put(b, big, (size_t)n);
        cu_free(b->mem, big);
    }
}

/* A finite double as plain decimals with the fewest digits that read back
 * exactly (numfmt.c: exact integer arithmetic, no locale); non-finite
 * values are written as 0. */
void cu_buf_num(cu_buf *b, double v)
{
    char tmp[CU_NUMFMT_MAX];
    if (CU_NUMFMT_MAX < b->cap - b->len && (b->len < CU_BUF_FLUSH_AT || !b->sink) &&
        !b->failed) { /* straight into the room there is */
        b->len += cu_numfmt(b->data + b->len, v);
        b->data[b->len] = '\0';
        return;
    }
    cu_buf_put(b, tmp, cu_numfmt(tmp, v));
}

void cu_buf_num_short(cu_buf *b, double v)
{
    char tmp[CU_NUMFMT_MAX];
    cu_buf_put(b, tmp, cu_numfmt_short(tmp, v));
}
