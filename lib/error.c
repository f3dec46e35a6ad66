/* error.c — filling the caller-owned curtail_error. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

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
    vsnprintf(err->message, sizeof err->message, fmt, ap);
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

int curtail_error_format(const curtail_error *err, char *buf, size_t size)
{
    char where[600] = "";
    char path[520] = "";
    if (!err)
        return snprintf(buf, size, "error: unknown error");
    if (err->file[0] && err->line > 0)
        snprintf(where, sizeof where, "%s:%d:%d: ", err->file, err->line, err->column);
    else if (err->file[0])
        snprintf(where, sizeof where, "%s: ", err->file);
    if (err->path[0])
        snprintf(path, sizeof path, "%s: ", err->path);
    return snprintf(buf, size, "%serror: %s%s", where, path, err->message);
}
