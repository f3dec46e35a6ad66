/* SPDX-License-Identifier: GPL-3.0-or-later */
/* error.c — filling the caller-owned curtail_error. */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

/* Messages and warnings print numbers with %g: in the C locale whatever the
 * embedding program's (a decimal comma would read "4,3 m"). uselocale is
 * per thread, so no global state changes; without a C locale object (out of
 * memory) the caller's locale is used. */
int cu_vsnprintf_c(char *buf, size_t n, const char *fmt, va_list ap)
{
    locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    locale_t old = c ? uselocale(c) : (locale_t)0;
    int r = vsnprintf(buf, n, fmt, ap);
    if (c) {
        uselocale(old);
        freelocale(c);
    }
    return r;
}

int cu_snprintf_c(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = cu_vsnprintf_c(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

static void copy_str(char *dst, size_t n, const char *src)
{
    size_t len;
    if (!src) {
        dst[0] = '\0';
        return;
    }
    len = strlen(src);
    if (len >= n)
        len = n - 1;
    memcpy(dst, src, len);
    dst[len] = '\0';
}

int cu_verror(curtail_error *err, int code, const char *file, cu_pos pos, const char *path,
              const char *fmt, va_list ap)
{
    if (!err)
        return code;
    err->code = code;
    copy_str(err->file, sizeof err->file, file);
    copy_str(err->path, sizeof err->path, path);
    err->line = (int)pos.line;
    err->column = (int)pos.col;
    cu_vsnprintf_c(err->message, sizeof err->message, fmt, ap);
    return code;
}

int cu_error(curtail_error *err, int code, const char *file, cu_pos pos, const char *path,
             const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cu_verror(err, code, file, pos, path, fmt, ap);
    va_end(ap);
    return code;
}

int cu_einval(curtail_error *err, const char *fmt, ...)
{
    static const cu_pos none = {0, 0};
    va_list ap;
    va_start(ap, fmt);
    cu_verror(err, CURTAIL_EINVAL, NULL, none, NULL, fmt, ap);
    va_end(ap);
    return CURTAIL_EINVAL;
}

int cu_enomem(curtail_error *err)
{
    static const cu_pos none = {0, 0};
    return cu_error(err, CURTAIL_ENOMEM, NULL, none, NULL, "out of memory");
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when it is not one. */
static size_t utf8_len(const unsigned char *s)
{
    size_t n, k;
    unsigned cp;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        n = 2;
        cp = s[0] & 0x1Fu;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        n = 3;
        cp = s[0] & 0x0Fu;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        n = 4;
        cp = s[0] & 0x07u;
    } else {
        return 0;
    }
    for (k = 1; k < n; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3Fu);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

size_t cu_escape_controls(char *dst, size_t size, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0, i = 0;
    if (!size)
        return 0;
    while (u[i]) {
        unsigned char ch = u[i];
        size_t len = utf8_len(u + i), n;
        char esc[8];
        const char *out = esc;
        if (ch == '\n' || ch == '\t' || ch == '\r') {
            esc[0] = '\\';
            esc[1] = ch == '\n' ? 'n' : ch == '\t' ? 't' : 'r';
            n = 2;
            len = 1;
        } else if (ch < 0x20 || ch == 0x7F || len == 0) {
            /* C0, DEL, and bytes that are not UTF-8 (a raw 0x9B is CSI to some terminals) */
            n = (size_t)snprintf(esc, sizeof esc, "\\x%02X", ch);
            len = 1;
        } else if (len == 2 && ch == 0xC2 && u[i + 1] <= 0x9F) {
            n = (size_t)snprintf(esc, sizeof esc, "\\u%04X", u[i + 1]); /* C1 control */
        } else {
            out = s + i;
            n = len;
        }
        if (o + n >= size)
            break;
        memcpy(dst + o, out, n);
        o += n;
        i += len;
    }
    dst[o] = '\0';
    return o;
}

int curtail_error_format(const curtail_error *err, char *buf, size_t size)
{
    /* one line whatever the parts hold: a file name may contain a newline or
     * an ESC; messages quote what the input said */
    char file[4 * sizeof err->file + 1];
    char where[sizeof file + 40] = "";
    char path[4 * sizeof err->path + 3] = "";
    char msg[4 * sizeof err->message + 1];
    if (!err)
        return snprintf(buf, size, "error: unknown error");
    cu_escape_controls(file, sizeof file, err->file);
    cu_escape_controls(msg, sizeof msg, err->message);
    if (err->file[0] && err->line > 0)
        snprintf(where, sizeof where, "%s:%d:%d: ", file, err->line, err->column);
    else if (err->file[0])
        snprintf(where, sizeof where, "%s: ", file);
    if (err->path[0]) {
        size_t n = cu_escape_controls(path, sizeof path - 2, err->path);
        memcpy(path + n, ": ", 3);
    }
    return snprintf(buf, size, "%serror: %s%s", where, path, msg);
}

int cu_check_version(unsigned version, unsigned max, const char *name, curtail_error *err)
{
    if (version >= 1 && version <= max)
        return CURTAIL_OK;
    return cu_einval(err, "%s: options of version %u (this library knows 1 to %u)", name, version,
                     max);
}

int cu_bad_value(curtail_error *err, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cu_verror(err, CURTAIL_EINPUT, NULL, (cu_pos){0, 0}, path, fmt, ap);
    va_end(ap);
    return CURTAIL_EINPUT;
}
