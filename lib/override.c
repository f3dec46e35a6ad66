/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * override.c — what-if changes addressed by id (`--set PATH=VALUE`, the
 * YAML's `variants:`), applied to a scenario with the loader's checks.
 *
 * A value is YAML text, parsed with yaml_tree.c and read as strictly as the
 * loader reads the same field (numbers in the core schema, closed word
 * lists, "expected a number, got ..."). Ranges are checked by the builder
 * checks of scenario.c: an enterprise or unit field is validated by adding
 * the changed enterprise (and unit) to a scratch scenario, so a variant gets
 * exactly the message the loader would have given for the same YAML.
 */
#include "override.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An input error of the override: its path (plus `sub`, ".SO2"), its position. */
int cu_ov_fail(const ov *o, const char *sub, const char *fmt, ...)
{
    char path[512], msg[1024];
    va_list ap;
    snprintf(path, sizeof path, "%s%s", o->path, sub ? sub : "");
    va_start(ap, fmt);
    cu_vsnprintf_c(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return cu_error(o->err, CURTAIL_EINPUT, o->file, o->pos, path, "%s", msg);
}

/* A builder's error (relative path, message): the override's path and position. */
int cu_ov_builder(const ov *o, int rc, const curtail_error *be)
{
    char msg[sizeof be->message];
    if (rc == CURTAIL_ENOMEM)
        return cu_enomem(o->err);
    if (rc != CURTAIL_EINPUT)
        return cu_error(o->err, rc, o->file, o->pos, o->path, "%s", be->message);
    yt_escape(msg, sizeof msg, be->message, sizeof msg);
    return cu_ov_fail(o, NULL, "%s", msg);
}

static int is_null(const ov *o, uint32_t n)
{
    return n == NO_NODE || yt_is_null(&o->t, n); /* yt_is_null: a plain scalar only */
}

static int is_scalar(const ov *o, uint32_t n)
{
    return n != NO_NODE && yt_at(&o->t, n)->type == YT_SCALAR;
}

/* How a value looks, for "expected X, got Y" (as the loader says it). */
void cu_ov_describe(const ov *o, uint32_t n, char *buf, size_t size)
{
    if (n == NO_NODE)
        snprintf(buf, size, "null");
    else
        yr_describe_node(&o->t, n, buf, size);
}

int cu_ov_wrong_type(const ov *o, uint32_t n, const char *sub, const char *want)
{
    char got[192];
    cu_ov_describe(o, n, got, sizeof got);
    return cu_ov_fail(o, sub, "expected %s, got %s", want, got);
}

/* ---- strict scalars (the loader's rules) --------------------------------------------- */

int cu_ov_rd_number(const ov *o, uint32_t n, const char *sub, double *out)
{
    const char *s;
    double v;
    if (!is_scalar(o, n) || !yt_at(&o->t, n)->plain || is_null(o, n))
        return cu_ov_wrong_type(o, n, sub, "a number");
    s = yt_str(&o->t, n);
    if (yr_nonfinite_word(s))
        return cu_ov_fail(o, sub, "must be a finite number, got %s", s);
    if (!yt_is_decimal(s))
        return cu_ov_wrong_type(o, n, sub, "a number");
    if (yr_decimal_value(s, localeconv()->decimal_point[0], &v) != 0)
        return cu_ov_fail(o, sub, "must be a finite number, got %s", s);
    *out = v;
    return CURTAIL_OK;
}

static int core_bool(const ov *o, uint32_t n)
{
    if (!is_scalar(o, n) || !yt_at(&o->t, n)->plain)
        return -1;
    return yt_bool_word(yt_str(&o->t, n));
}

int cu_ov_rd_bool(const ov *o, uint32_t n, const char *sub, int *out)
{
    int b = core_bool(o, n);
    if (b < 0)
        return cu_ov_wrong_type(o, n, sub, "true or false");
    *out = b;
    return CURTAIL_OK;
}

int cu_ov_rd_string(const ov *o, uint32_t n, const char *sub, const char **out)
{
    if (!is_scalar(o, n) || is_null(o, n))
        return cu_ov_wrong_type(o, n, sub, "a string");
    *out = yt_str(&o->t, n);
    return CURTAIL_OK;
}

int cu_ov_rd_id(const ov *o, uint32_t n, const char *sub, const char **out)
{
    char got[192];
    if (core_bool(o, n) >= 0)
        return cu_ov_fail(o, sub, "must be a string or a number, got %s", yt_str(&o->t, n));
    if (!is_scalar(o, n) || is_null(o, n)) {
        cu_ov_describe(o, n, got, sizeof got);
        return cu_ov_fail(o, sub, "must be a string or a number, got %s", got);
    }
    *out = yt_str(&o->t, n);
    return CURTAIL_OK;
}

int cu_ov_unknown_word_text(const ov *o, const char *sub, const wordset *ws, const char *got)
{
    char words[256];
    yr_word_list(ws, words, sizeof words);
    return cu_ov_fail(o, sub, "unknown %s %s, expected one of: %s", ws->what, got, words);
}

int cu_ov_rd_word(const ov *o, uint32_t n, const char *sub, const wordset *ws, int *out)
{
    char got[192];
    int i = -1;
    if (is_scalar(o, n) && !is_null(o, n))
        i = yr_word_index(ws, yt_str(&o->t, n));
    if (i < 0) {
        cu_ov_describe(o, n, got, sizeof got);
        return cu_ov_unknown_word_text(o, sub, ws, got);
    }
    *out = i;
    return CURTAIL_OK;
}

/* A path component that must be a word ("orange", "NOx"). */
int cu_ov_path_word(const ov *o, const char *text, const wordset *ws, int *out)
{
    char got[160], shown[128];
    int i = yr_word_index(ws, text);
    if (i < 0) {
        yt_escape(shown, sizeof shown, text, 40);
        snprintf(got, sizeof got, "\"%s\"", shown);
        return cu_ov_unknown_word_text(o, NULL, ws, got);
    }
    *out = i;
    return CURTAIL_OK;
}

/* {SO2: x, ...} over v (pollutants left out keep their value). */
int cu_ov_rd_pollutants(const ov *o, uint32_t n, double v[CU_NP])
{
    uint32_t i, pairs;
    int rc, p;
    char sub[64];
    if (n == NO_NODE || yt_at(&o->t, n)->type != YT_MAP)
        return cu_ov_wrong_type(o, n, NULL, "a mapping");
    pairs = yt_count(&o->t, n);
    for (i = 0; i < pairs; i++) {
        uint32_t k = yt_kid(&o->t, n, 2 * i), val = yt_kid(&o->t, n, 2 * i + 1);
        snprintf(sub, sizeof sub, ".%s", yt_str(&o->t, k));
        if ((rc = cu_ov_rd_word(o, k, sub, &POLLUTANTS, &p)) != CURTAIL_OK)
            return rc;
        if ((rc = cu_ov_rd_number(o, val, sub, &v[p])) != CURTAIL_OK)
            return rc;
    }
    return CURTAIL_OK;
}

static int ov_parse_value(ov *o, const char *value)
{
    curtail_error pe;
    int rc;
    memset(&o->t, 0, sizeof o->t);
    o->has_value = 0;
    if (!value || !*value)
        return CURTAIL_OK;
    rc = yt_parse(&o->t, o->s->mem, value, strlen(value), "", &pe);
    if (rc == CURTAIL_ENOMEM)
        return cu_enomem(o->err);
    if (rc != CURTAIL_OK)
        return cu_ov_fail(o, NULL, "the value is not YAML: %s", pe.message);
    if (o->t.has_root) {
        o->root = o->t.root;
        o->has_value = !is_null(o, o->root);
    }
    return CURTAIL_OK;
}

/* The whole override: on error the scenario is as it was (each setter fails
 * before it changes anything). */
int cu_override_at_pos(curtail_scenario *s, const char *path, const char *value, const char *file,
                       cu_pos pos, const char *shown, curtail_error *err)
{
    ov o;
    size_t n;
    int rc, remove = 0;
    char buf[1024];
    memset(&o, 0, sizeof o);
    o.s = s;
    o.path = shown ? shown : path;
    o.file = file;
    o.pos = pos;
    o.err = err;
    o.root = NO_NODE;
    n = strlen(path);
    if (n == 0 || n >= sizeof buf)
        return cu_ov_fail(&o, NULL, "an override path is 1 to %zu characters", sizeof buf - 1);
    memcpy(buf, path, n + 1);
    if (buf[n - 1] == '-') {
        remove = 1;
        buf[--n] = '\0';
    }
    if ((rc = ov_parse_value(&o, value)) != CURTAIL_OK)
        return rc;
    if (remove && o.has_value) {
        rc = cu_ov_fail(&o, NULL, "a removal (PATH-=) takes no value");
    } else if (strncmp(buf, "enterprise.", 11) == 0) {
        rc = cu_ov_enterprise(&o, buf + 11, remove);
    } else if (strncmp(buf, "unit.", 5) == 0) {
        rc = cu_ov_unit(&o, buf + 5, remove);
    } else if (remove) {
        rc = cu_ov_fail(&o, NULL, "only enterprise.ID- and unit.ENT.UNIT- remove something");
    } else {
        rc = cu_ov_scenario(&o, buf, value);
    }
    yt_free(&o.t);
    return rc;
}

int curtail_scenario_override(curtail_scenario *s, const char *path, const char *value,
                              curtail_error *err)
{
    static const cu_pos none = {0, 0};
    if (!s || !path)
        return cu_einval(err, "curtail_scenario_override: scenario or path is NULL");
    return cu_override_at_pos(s, path, value, NULL, none, NULL, err);
}

int curtail_scenario_override_assign(curtail_scenario *s, const char *assignment,
                                     curtail_error *err)
{
    static const cu_pos none = {0, 0};
    const char *eq;
    char path[1024];
    if (!s || !assignment)
        return cu_einval(err, "curtail_scenario_override_assign: scenario or text is NULL");
    eq = strchr(assignment, '=');
    if (!eq || eq == assignment || (size_t)(eq - assignment) >= sizeof path)
        return cu_error(err, CURTAIL_EINPUT, NULL, none, assignment,
                        "expected PATH=VALUE (e.g. targets.ratios.orange.NOx=0.25)");
    memcpy(path, assignment, (size_t)(eq - assignment));
    path[eq - assignment] = '\0';
    return cu_override_at_pos(s, path, eq + 1, NULL, none, NULL, err);
}

/* Does an override of `path` leave the check's cache (groups, bounds) valid?
 * Target ratios of one pollutant, credits and combined ratios enter only the
 * target rows (sweep.c's fast path, variants.c). */
int cu_override_keeps_check(const char *path)
{
    return (strncmp(path, "targets.ratios.", 15) == 0 && strchr(path + 15, '.') != NULL) ||
           strncmp(path, "targets.credits_kgpd", 20) == 0 ||
           strncmp(path, "targets.combined[", 17) == 0;
}

/* override with a position and a shown path (sweep.c's --set, for its messages) */
int cu_override_at(curtail_scenario *s, const char *path, const char *value, const char *shown,
                   curtail_error *err)
{
    static const cu_pos none = {0, 0};
    return cu_override_at_pos(s, path, value, NULL, none, shown, err);
}
