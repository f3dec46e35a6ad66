/* mem.c — the allocator hook and a growable byte buffer. */
#include "internal.h"

#include <float.h>
#include <math.h>
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

void cu_buf_put(cu_buf *b, const char *s, size_t n)
{
    void *p;
    if (b->failed)
        return;
    if (n > SIZE_MAX - b->len - 1) {
        b->failed = 1;
        return;
    }
    p = b->data;
    if (cu_grow(b->mem, &p, &b->cap, b->len + n + 1, 1) != 0) {
        b->failed = 1;
        return;
    }
    b->data = p;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void cu_buf_puts(cu_buf *b, const char *s)
{
    cu_buf_put(b, s, strlen(s));
}

void cu_buf_printf(cu_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    int n;
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

/* The shortest precision that reads back exactly, by trying each: slow,
 * used for subnormals only. */
static void num_by_search(cu_buf *b, double v)
{
    char tmp[64];
    int prec;
    for (prec = 1; prec < 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        if (strtod(tmp, NULL) == v)
            break;
    }
    snprintf(tmp, sizeof tmp, "%.*g", prec, v);
    cu_buf_puts(b, tmp);
}

/* A finite double as plain decimals with the fewest digits that read back
 * exactly: integers directly, else the 15-digit form if it round-trips
 * (trailing zeros dropped), else 16 or 17 digits; exponents only for very
 * large or small magnitudes. Non-finite values are written as 0. */
void cu_buf_num(cu_buf *b, double v)
{
    char tmp[64];
    int prec;
    if (!isfinite(v) || v == 0.0) {
        cu_buf_put(b, "0", 1);
        return;
    }
    if (fabs(v) < DBL_MIN) { /* subnormal: fewer digits are exact, search them all */
        num_by_search(b, v);
        return;
    }
    if (fabs(v) < 1e15 && v == (double)(long long)v) {
        cu_buf_printf(b, "%lld", (long long)v);
        return;
    }
    snprintf(tmp, sizeof tmp, "%.14e", v); /* 15 significant digits */
    if (strtod(tmp, NULL) == v) {
        const char *m = tmp[0] == '-' ? tmp + 1 : tmp; /* d.dddddddddddddde±XX */
        const char *e = strchr(m, 'e');
        const char *last = e - 1;
        while (last > m && (*last == '0' || *last == '.'))
            last--;
        prec = (int)(last - m) + (last > m ? 0 : 1); /* digits before the point: 1 */
    } else {
        snprintf(tmp, sizeof tmp, "%.15e", v);
        prec = strtod(tmp, NULL) == v ? 16 : 17;
    }
    snprintf(tmp, sizeof tmp, "%.*g", prec, v);
    if (strchr(tmp, 'e')) {
        int exp10 = (int)floor(log10(fabs(v)));
        int decimals = prec - 1 - exp10;
        if (decimals < 0)
            decimals = 0;
        if (exp10 >= -30 && exp10 < 21) {
            char fixed[64];
            snprintf(fixed, sizeof fixed, "%.*f", decimals, v);
            if (strtod(fixed, NULL) == v)
                memcpy(tmp, fixed, strlen(fixed) + 1);
        }
    }
    cu_buf_puts(b, tmp);
}

