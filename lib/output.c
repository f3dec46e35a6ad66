/* SPDX-License-Identifier: GPL-3.0-or-later */
/* output.c — writing outputs whole or not at all (SPEC §8): a temporary
 * file beside the target, written and synced, then renamed over it.
 *
 * A symbolic link is followed to the file it names, and that file is the one
 * replaced (its temporary in its own directory, renamed onto its own path),
 * so the link stays a link. A dangling link gets the file it points to
 * created, as a shell's `>` would do; a link chain longer than 40 is ELOOP. */
#define _POSIX_C_SOURCE 200809L
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
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

/* ---- an output in progress ------------------------------------------------------------ */

/* Every CU_OUTPUT_KICK bytes, a temporary file's pages written since the
 * last time are handed to the kernel's writeback (cu_output_kick), so that
 * the disk works while the rest is being formatted and the final fsync
 * waits for the last piece only. */
#define CU_OUTPUT_KICK (8ull << 20)

static int sink_fd(void *ctx, const char *data, size_t len)
{
    cu_output *o = ctx;
    int e = write_all(o->fd, data, len);
    if (e)
        return e;
    o->written += len;
    if (o->tmp && o->written - o->kicked >= CU_OUTPUT_KICK) {
        cu_output_kick(o->fd, o->kicked, o->written - o->kicked);
        o->kicked = o->written;
    }
    return 0;
}

static int sink_fp(void *ctx, const char *data, size_t len)
{
    FILE *fp = ((cu_output *)ctx)->fp;
    errno = 0;
    if (fwrite(data, 1, len, fp) != len)
        return errno ? errno : EIO;
    return 0;
}

/* The temporary file's path: the target's with ".XXXXXX" appended, the
 * target's name shortened (at a UTF-8 character boundary) when that would
 * pass the directory's NAME_MAX. */
static char *temp_name(const char *path)
{
    static const char suffix[] = ".XXXXXX";
    const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
    size_t dlen = (size_t)(base - path), blen = strlen(base);
    long name_max = NAME_MAX;
    char *tmp;
    {
        char dir[4096];
        long pc;
        if (dlen == 0)
            snprintf(dir, sizeof dir, ".");
        else if (dlen < sizeof dir)
            snprintf(dir, sizeof dir, "%.*s", (int)dlen, path);
        else
            dir[0] = '\0';
        if (dir[0] && (pc = pathconf(dir, _PC_NAME_MAX)) > 0)
            name_max = pc;
    }
    if (blen + sizeof suffix - 1 > (size_t)name_max) {
        blen = name_max > (long)sizeof suffix ? (size_t)name_max - (sizeof suffix - 1) : 1;
        while (blen > 1 && ((unsigned char)base[blen] & 0xC0) == 0x80)
            blen--; /* do not split a UTF-8 sequence */
    }
    tmp = cu_calloc(NULL, dlen + blen + sizeof suffix, 1);
    if (!tmp)
        return NULL;
    memcpy(tmp, path, dlen + blen);
    memcpy(tmp + dlen + blen, suffix, sizeof suffix);
    return tmp;
}

static void tell_temp(cu_output *o, const char *tmp)
{
    if (o->on_temp)
        o->on_temp(tmp, o->on_temp_ctx);
}

/* `path` is not a symbolic link (or does not exist). */
static int open_resolved(cu_output *o, const char *path, curtail_error *err)
{
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode))
            return io_error(err, path, "cannot replace", EISDIR);
        /* a device, FIFO or terminal is written in place: renaming over it
         * would replace the device */
        o->fd = open(path, O_WRONLY);
        if (o->fd < 0)
            return io_error(err, path, "cannot open", errno);
        return CURTAIL_OK;
    }
    o->tmp = temp_name(path);
    if (!o->tmp)
        return cu_enomem(err);
    {
        /* a signal handler that removes the file must know its name as
         * soon as it exists: signals wait (in this thread) until on_temp
         * has been told */
        sigset_t all, old;
        int e;
        if (o->on_temp) {
            sigfillset(&all);
            pthread_sigmask(SIG_BLOCK, &all, &old);
        }
        o->fd = mkstemp(o->tmp);
        e = errno;
        if (o->fd >= 0)
            tell_temp(o, o->tmp);
        if (o->on_temp)
            pthread_sigmask(SIG_SETMASK, &old, NULL);
        if (o->fd < 0) {
            cu_free(NULL, o->tmp);
            o->tmp = NULL;
            return io_error(err, path, "cannot write", e);
        }
    }
    if (fchmod(o->fd, target_mode(path)) != 0) {
        int e = errno;
        close(o->fd);
        o->fd = -1;
        (void)unlink(o->tmp);
        tell_temp(o, NULL);
        cu_free(NULL, o->tmp);
        o->tmp = NULL;
        return io_error(err, path, "cannot write", e);
    }
    return CURTAIL_OK;
}

int cu_output_open(cu_output *o, const char *path, FILE *fp, curtail_temp_fn on_temp,
                   void *on_temp_ctx, curtail_error *err)
{
    int e = 0, rc;
    memset(o, 0, sizeof *o);
    o->fd = -1;
    o->on_temp = on_temp;
    o->on_temp_ctx = on_temp_ctx;
    if (fp) {
        o->fp = fp;
        return CURTAIL_OK;
    }
    if (!path || strcmp(path, "-") == 0) {
        o->fp = stdout;
        o->is_stdout = 1;
        return CURTAIL_OK;
    }
    if (!path[0])
        return cu_einval(err, "output path is empty");
    o->path = resolve_links(path, &e);
    if (!o->path) {
        if (e == ENOMEM)
            return cu_enomem(err);
        return io_error(err, path, "cannot resolve", e);
    }
    rc = open_resolved(o, o->path, err);
    if (rc != CURTAIL_OK) {
        cu_free(NULL, o->path);
        o->path = NULL;
    }
    return rc;
}

void cu_output_attach(cu_output *o, cu_buf *b)
{
    if (o->fp)
        cu_buf_set_sink(b, sink_fp, o);
    else
        cu_buf_set_sink(b, sink_fd, o);
}

/* The name an I/O error is reported under. */
static const char *output_name(const cu_output *o)
{
    return o->path ? o->path : o->is_stdout ? "<stdout>" : NULL;
}

int cu_output_close(cu_output *o, int rc, curtail_error *err)
{
    int e = 0;
    const char *what = "cannot write";
    if (rc == CURTAIL_OK) {
        if (o->fp) {
            errno = 0;
            if (fflush(o->fp) != 0)
                e = errno ? errno : EIO;
        } else if (o->tmp && fsync(o->fd) != 0) {
            e = errno;
        }
    }
    if (o->fd >= 0) {
        if (close(o->fd) != 0 && rc == CURTAIL_OK && !e)
            e = errno;
        o->fd = -1;
    }
    if (o->tmp) {
        sigset_t all, old;
        if (o->on_temp) { /* renamed or removed, and on_temp told so, at once */
            sigfillset(&all);
            pthread_sigmask(SIG_BLOCK, &all, &old);
        }
        if (rc == CURTAIL_OK && !e && rename(o->tmp, o->path) != 0) {
            e = errno;
            what = "cannot replace";
        }
        if (rc != CURTAIL_OK || e)
            (void)unlink(o->tmp);
        tell_temp(o, NULL);
        if (o->on_temp)
            pthread_sigmask(SIG_SETMASK, &old, NULL);
        if (rc == CURTAIL_OK && !e)
            sync_parent_dir(o->path);
        cu_free(NULL, o->tmp);
        o->tmp = NULL;
    }
    if (e && rc == CURTAIL_OK)
        rc = io_error(err, output_name(o), what, e);
    cu_free(NULL, o->path);
    o->path = NULL;
    return rc;
}

int cu_output_finish(cu_output *o, cu_buf *b, int rc, curtail_error *err)
{
    if (rc == CURTAIL_OK && !b->failed)
        cu_buf_flush(b);
    if (rc == CURTAIL_OK && b->failed) {
        if (b->sink_err)
            rc = io_error(err, output_name(o), "cannot write", b->sink_err);
        else
            rc = cu_enomem(err);
    }
    return cu_output_close(o, rc, err);
}

int cu_write_atomic(const char *path, const char *data, size_t len, curtail_error *err)
{
    cu_output o;
    cu_buf b;
    int rc = cu_output_open(&o, path, NULL, NULL, NULL, err);
    if (rc != CURTAIL_OK)
        return rc;
    cu_buf_init(&b, NULL);
    cu_output_attach(&o, &b);
    b.sink_err = b.sink(b.sink_ctx, data, len);
    b.failed = b.sink_err != 0;
    return cu_output_finish(&o, &b, CURTAIL_OK, err);
}
