/* SPDX-License-Identifier: GPL-3.0-or-later */
/* testutil.c — small helpers shared by the Check suites. */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

char *tu_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (!f)
        return NULL;
    for (;;) {
        size_t got;
        if (cap - n < 4096) {
            char *p = realloc(buf, cap ? cap * 2 : 8192);
            if (!p) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = p;
            cap = cap ? cap * 2 : 8192;
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

int tu_write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    if (fwrite(data, 1, len, f) != len) {
        fclose(f);
        return -1;
    }
    return fclose(f) == 0 ? 0 : -1;
}

char *tu_write_mem(const curtail_result *r, curtail_format format, curtail_lang lang)
{
    curtail_write_options o = CURTAIL_WRITE_OPTIONS_INIT;
    curtail_error err;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(fp);
    o.format = format;
    o.lang = lang;
    ck_assert_int_eq(curtail_result_write_stream(r, &o, fp, &err), CURTAIL_OK);
    fclose(fp);
    return buf;
}

char *tu_write_read(const curtail_result *r, const curtail_write_options *o, size_t *len)
{
    curtail_error err;
    char path[1024], *dir = tu_tmpdir(), *text;
    int rc;
    ck_assert_ptr_nonnull(dir);
    snprintf(path, sizeof path, "%s/out", dir);
    memset(&err, 0, sizeof err);
    rc = curtail_result_write_file(r, o, path, &err);
    ck_assert_msg(rc == CURTAIL_OK, "write: %s", err.message);
    text = tu_read_file(path, len);
    ck_assert_ptr_nonnull(text);
    remove(path);
    rmdir(dir);
    free(dir);
    return text;
}

static void *c_calloc(size_t n, size_t size, void *ctx)
{
    tu_counting *c = ctx;
    void *p;
    if (++c->calls == c->fail_at)
        return NULL;
    p = calloc(n, size);
    if (p)
        c->live++;
    return p;
}

static void *c_realloc(void *ptr, size_t size, void *ctx)
{
    tu_counting *c = ctx;
    void *p;
    if (++c->calls == c->fail_at)
        return NULL;
    p = realloc(ptr, size);
    if (p && !ptr)
        c->live++;
    return p;
}

static void c_free(void *ptr, void *ctx)
{
    tu_counting *c = ctx;
    if (ptr)
        c->live--;
    free(ptr);
}

curtail_mem tu_counting_mem(tu_counting *c)
{
    curtail_mem mem = {c_calloc, c_realloc, c_free, c};
    return mem;
}

char *tu_tmpdir(void)
{
    char tmpl[] = "/tmp/curtail-test-XXXXXX";
    char *d = mkdtemp(tmpl);
    return d ? strdup(d) : NULL;
}

int tu_run(const char *cmd, char **out, char **err)
{
    char *dir = tu_tmpdir();
    char *full;
    char opath[512], epath[512];
    int st;
    size_t n;
    if (!dir)
        return -1;
    snprintf(opath, sizeof opath, "%s/out", dir);
    snprintf(epath, sizeof epath, "%s/err", dir);
    n = strlen(cmd) + strlen(opath) + strlen(epath) + 32;
    full = malloc(n);
    if (!full) {
        free(dir);
        return -1;
    }
    snprintf(full, n, "%s >'%s' 2>'%s' </dev/null", cmd, opath, epath);
    st = system(full);
    free(full);
    if (out)
        *out = tu_read_file(opath, NULL);
    if (err)
        *err = tu_read_file(epath, NULL);
    unlink(opath);
    unlink(epath);
    rmdir(dir);
    free(dir);
    if (st == -1 || !WIFEXITED(st))
        return -1;
    return WEXITSTATUS(st);
}

curtail_scenario *tu_load_yaml(const char *yaml, const char *name)
{
    curtail_scenario *s = NULL;
    curtail_error err;
    int rc;
    memset(&err, 0, sizeof err);
    rc = curtail_scenario_load_buffer(&s, yaml, strlen(yaml), name, NULL, &err);
    if (rc) {
        char line[2048];
        curtail_error_format(&err, line, sizeof line);
        ck_abort_msg("load failed (%d): %s", rc, line);
    }
    return s;
}

static const struct {
    curtail_method method;
    curtail_solver solver;
} configs[4] = {{CURTAIL_METHOD_AUTO, CURTAIL_SOLVER_GLPK},
                {CURTAIL_METHOD_PLAIN, CURTAIL_SOLVER_GLPK},
                {CURTAIL_METHOD_AUTO, CURTAIL_SOLVER_CLP},
                {CURTAIL_METHOD_PLAIN, CURTAIL_SOLVER_CLP}};

curtail_result *tu_solve_config(const curtail_scenario *s, int m)
{
    curtail_plan_options opts = CURTAIL_PLAN_OPTIONS_INIT;
    curtail_result *r = NULL;
    curtail_error err;
    int rc;
    memset(&err, 0, sizeof err);
    opts.method = configs[m].method;
    opts.solver = configs[m].solver;
    rc = curtail_plan_solve(s, &opts, &r, &err);
    ck_assert_msg(rc == CURTAIL_OK, "configuration %d: solve failed (%d): %s", m, rc,
                  err.message);
    return r;
}

curtail_scenario *tu_load_file(const char *path)
{
    curtail_scenario *s = NULL;
    curtail_error err;
    int rc = curtail_scenario_load_file(&s, path, NULL, &err);
    ck_assert_msg(rc == CURTAIL_OK, "load %s: %s", path, err.message);
    return s;
}

void tu_override(curtail_scenario *s, const char *path, const char *value)
{
    curtail_error err;
    int rc = curtail_scenario_override(s, path, value, &err);
    ck_assert_msg(rc == CURTAIL_OK, "%s=%s: %s: %s", path, value, err.path, err.message);
}

void tu_override_fails(curtail_scenario *s, const char *path, const char *value,
                       const char *want_path, const char *want_msg)
{
    curtail_error err;
    int rc;
    memset(&err, 0, sizeof err);
    rc = curtail_scenario_override(s, path, value, &err);
    ck_assert_msg(rc == CURTAIL_EINPUT, "%s=%s: rc %d", path, value, rc);
    ck_assert_str_eq(err.path, want_path);
    ck_assert_str_eq(err.message, want_msg);
    ck_assert_int_eq(err.line, 0);
}

curtail_result *tu_check_solve(curtail_scenario *s)
{
    curtail_result *r = NULL;
    curtail_error err;
    int rc = curtail_scenario_check(s, &err);
    ck_assert_msg(rc == CURTAIL_OK, "check: %s: %s", err.path, err.message);
    rc = curtail_plan_solve(s, NULL, &r, &err);
    ck_assert_msg(rc == CURTAIL_OK, "solve: %s", err.message);
    return r;
}
