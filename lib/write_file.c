/* write_file.c — writing outputs whole or not at all (SPEC §8): a temporary
 * file beside the target, written and synced, then renamed over it.
 *
 * A symbolic link is followed to the file it names, and that file is the one
 * replaced (its temporary in its own directory, renamed onto its own path),
 * so the link stays a link. A dangling link gets the file it points to
 * created, as a shell's `>` would do; a link chain longer than 40 is ELOOP. */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int io_error(curtail_error *err, const char *file, const char *what, int e)
{
    static const cu_pos none = {0, 0};
    char msg[256];
    if (strerror_r(e, msg, sizeof msg) != 0)
        snprintf(msg, sizeof msg, "error %d", e);
    return cu_error(err, CURTAIL_EIO, file, none, NULL, "%s: %s", what, msg);
}

/* The process umask, read without changing it (umask(2) would race with
 * other threads creating files): Linux reports it in /proc/self/status. */
static mode_t current_umask(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    mode_t mask = 022;
    if (!f)
        return mask;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "Umask:", 6) == 0) {
            mask = (mode_t)(strtoul(line + 6, NULL, 8) & 0777);
            break;
        }
    }
    fclose(f);
    return mask;
}

/* A replaced file keeps its permissions; a new one gets 0666 minus umask,
 * as if created by fopen (mkstemp would leave it 0600). */
static mode_t target_mode(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
        return st.st_mode & 07777;
    return (mode_t)(0666 & ~current_umask());
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Best effort: make the rename itself durable. */
static void sync_parent_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char dir[4096];
    int fd;
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else if ((size_t)(slash - path) < sizeof dir)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    else
        return;
    fd = open(dir, O_RDONLY);
    if (fd < 0)
        return;
    (void)fsync(fd);
    close(fd);
}

static int write_stdout(const char *data, size_t len, curtail_error *err)
{
    errno = 0;
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
        return io_error(err, "<stdout>", "cannot write", errno ? errno : EIO);
    return CURTAIL_OK;
}

/* A path that exists and is not a regular file (/dev/null, a FIFO, a
 * terminal) is written in place: renaming over it would replace the device. */
static int write_special(const char *path, const char *data, size_t len, curtail_error *err)
{
    int fd = open(path, O_WRONLY), e;
    if (fd < 0)
        return io_error(err, path, "cannot open", errno);
    e = write_all(fd, data, len);
    if (close(fd) != 0 && !e)
        e = errno;
    return e ? io_error(err, path, "cannot write", e) : CURTAIL_OK;
}

static int write_resolved(const char *path, const char *data, size_t len, curtail_error *err);

/* The path a chain of symbolic links ends at, allocated (cu_free), or NULL
 * with *e set (ENOMEM, ELOOP, or readlink's error). A relative link target is
 * taken relative to the link's directory. The last path that is not a link
 * is returned whether or not it exists. */
static char *resolve_links(const char *path, int *e)
{
    size_t plen = strlen(path);
    char *cur = cu_calloc(NULL, plen + 1, 1);
    int hops;
    if (!cur) {
        *e = ENOMEM;
        return NULL;
    }
    memcpy(cur, path, plen + 1);
    for (hops = 0;; hops++) {
        struct stat st;
        char *target, *next;
        const char *slash;
        size_t cap = 256, dlen;
        ssize_t n;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
            return cur;
        if (hops >= 40) {
            *e = ELOOP;
            break;
        }
        if (st.st_size > 0 && (size_t)st.st_size < 65536)
            cap = (size_t)st.st_size + 1;
        for (;;) {
            target = cu_calloc(NULL, cap, 1);
            if (!target) {
                *e = ENOMEM;
                break;
            }
            n = readlink(cur, target, cap);
            if (n < 0) {
                *e = errno;
                cu_free(NULL, target);
                target = NULL;
                break;
            }
            if ((size_t)n < cap)
                break;
            cu_free(NULL, target);
            target = NULL;
            if (cap > (size_t)1 << 20) {
                *e = ENAMETOOLONG;
                break;
            }
            cap *= 2; /* the link changed under us, or st_size was 0: retry larger */
        }
        if (!target)
            break;
        target[n] = '\0';
        slash = strrchr(cur, '/');
        dlen = target[0] != '/' && slash ? (size_t)(slash - cur) + 1 : 0;
        next = cu_calloc(NULL, dlen + (size_t)n + 1, 1);
        if (!next) {
            cu_free(NULL, target);
            *e = ENOMEM;
            break;
        }
        memcpy(next, cur, dlen);
        memcpy(next + dlen, target, (size_t)n + 1);
        cu_free(NULL, target);
        cu_free(NULL, cur);
        cur = next;
    }
    cu_free(NULL, cur);
    return NULL;
}

int cu_write_atomic(const char *path, const char *data, size_t len, curtail_error *err)
{
    char *real;
    int e = 0, rc;
    if (!path || strcmp(path, "-") == 0)
        return write_stdout(data, len, err);
    if (!path[0])
        return cu_einval(err, "output path is empty");
    real = resolve_links(path, &e);
    if (!real) {
        if (e == ENOMEM)
            return cu_enomem(err);
        return io_error(err, path, "cannot resolve", e);
    }
    rc = write_resolved(real, data, len, err);
    cu_free(NULL, real);
    return rc;
}

/* Write to `path`, which is not a symbolic link (or does not exist). */
static int write_resolved(const char *path, const char *data, size_t len, curtail_error *err)
{
    static const char suffix[] = ".XXXXXX";
    char *tmp = NULL;
    size_t plen;
    int fd = -1, e = 0, created = 0, rc = CURTAIL_OK;
    const char *what = "cannot write";

    {
        struct stat st;
        if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
            if (S_ISDIR(st.st_mode))
                return io_error(err, path, "cannot replace", EISDIR);
            return write_special(path, data, len, err);
        }
    }
    plen = strlen(path);
    tmp = cu_calloc(NULL, plen + sizeof suffix, 1);
    if (!tmp)
        return cu_enomem(err);
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, suffix, sizeof suffix);

    fd = mkstemp(tmp);
    if (fd < 0) {
        e = errno;
        goto done;
    }
    created = 1;
    if (fchmod(fd, target_mode(path)) != 0 || (e = write_all(fd, data, len)) != 0 ||
        fsync(fd) != 0) {
        if (!e)
            e = errno;
        goto done;
    }
    if (close(fd) != 0) {
        fd = -1;
        e = errno;
        goto done;
    }
    fd = -1;
    if (rename(tmp, path) != 0) {
        e = errno;
        what = "cannot replace";
        goto done;
    }
    created = 0;
    sync_parent_dir(path);

done:
    if (fd >= 0)
        close(fd);
    if (e) {
        if (created)
            (void)unlink(tmp);
        rc = io_error(err, path, what, e);
    }
    cu_free(NULL, tmp);
    return rc;
}

/* Options checked and the language resolved; the output rendered into *out
 * (left empty on failure). */
static int render(const curtail_result *r, const curtail_write_options *opts, cu_buf *out,
                  curtail_error *err)
{
    curtail_write_options o = CURTAIL_WRITE_OPTIONS_INIT;
    int rc;
    cu_buf_init(out, r ? r->mem : NULL);
    if (!r)
        return cu_einval(err, "result is NULL");
    if (opts) {
        if (opts->version != CURTAIL_WRITE_OPTIONS_VERSION)
            return cu_einval(err, "write options version %u is not %u", opts->version,
                             (unsigned)CURTAIL_WRITE_OPTIONS_VERSION);
        o = *opts;
    }
    if ((int)o.lang < CURTAIL_LANG_DEFAULT || (int)o.lang > CURTAIL_LANG_EN)
        return cu_einval(err, "unknown output language %d", (int)o.lang);
    switch (o.format) {
    case CURTAIL_FORMAT_JSON:
        rc = cu_write_json(r, &o, out);
        break;
    case CURTAIL_FORMAT_CSV:
        rc = cu_write_csv(r, &o, out);
        break;
    case CURTAIL_FORMAT_MD:
        rc = cu_write_md(r, &o, out);
        break;
    default:
        return cu_einval(err, "unknown output format %d", (int)o.format);
    }
    if (rc == CURTAIL_OK && out->failed)
        rc = CURTAIL_ENOMEM;
    if (rc == CURTAIL_ENOMEM)
        cu_enomem(err);
    else if (rc != CURTAIL_OK)
        cu_einval(err, "the result cannot be read back (code %d)", rc);
    if (rc != CURTAIL_OK)
        cu_buf_free(out);
    return rc;
}

int curtail_result_write_file(const curtail_result *r, const curtail_write_options *opts,
                              const char *path, curtail_error *err)
{
    cu_buf b;
    int rc = render(r, opts, &b, err);
    if (rc != CURTAIL_OK)
        return rc;
    rc = cu_write_atomic(path, b.data ? b.data : "", b.len, err);
    cu_buf_free(&b);
    return rc;
}

int curtail_result_write_stream(const curtail_result *r, const curtail_write_options *opts,
                                FILE *fp, curtail_error *err)
{
    cu_buf b;
    int rc;
    if (!fp)
        return cu_einval(err, "stream is NULL");
    rc = render(r, opts, &b, err);
    if (rc != CURTAIL_OK)
        return rc;
    errno = 0;
    if (fwrite(b.data ? b.data : "", 1, b.len, fp) != b.len || fflush(fp) != 0)
        rc = io_error(err, NULL, "cannot write", errno ? errno : EIO);
    cu_buf_free(&b);
    return rc;
}
