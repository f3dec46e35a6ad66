/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * yaml_read.c — strict readers over the YAML node tree (yaml_tree.h): paths
 * and positioned errors, numbers, booleans, strings, ids, closed vocabularies,
 * mappings with unknown-key checks, and a builder's error made absolute. They
 * know nothing of the scenario's schema (load_*.c use them).
 */
#include "yaml_read.h"
#include "names.h"

#include <errno.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- paths and errors --------------------------------------------------------------- */

void yr_path_render(const ypath *p, char *buf, size_t size)
{
    size_t len;
    if (!p) {
        buf[0] = '\0';
        return;
    }
    yr_path_render(p->up, buf, size);
    len = strlen(buf);
    if (len >= size - 1)
        return;
    if (p->key) {
        char key[256];
        yt_escape(key, sizeof key, p->key, 64);
        snprintf(buf + len, size - len, "%s%s", len ? "." : "", key);
    } else
        snprintf(buf + len, size - len, "[%zu]", p->index);
}

ypath yr_key(const ypath *up, const char *key)
{
    ypath p;
    p.up = up;
    p.key = key;
    p.index = 0;
    return p;
}

ypath yr_index(const ypath *up, size_t i)
{
    ypath p;
    p.up = up;
    p.key = NULL;
    p.index = i;
    return p;
}

void yr_fail_at(const loader *ld, cu_pos pos, const ypath *path, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    yr_path_render(path, buf, sizeof buf);
    va_start(ap, fmt);
    cu_verror(ld->err, CURTAIL_EINPUT, ld->file, pos, buf, fmt, ap);
    va_end(ap);
}

/* How a node of `t` looks, for "expected X, got Y". */
void yr_describe_node(const yt_tree *t, uint32_t node, char *buf, size_t size)
{
    const yt_node *n = yt_at(t, node);
    const char *s;
    char text[128];
    if (n->type == YT_MAP) {
        snprintf(buf, size, "a mapping");
        return;
    }
    if (n->type == YT_SEQ) {
        snprintf(buf, size, "a list");
        return;
    }
    if (yt_is_null(t, node)) {
        snprintf(buf, size, "null");
        return;
    }
    s = yt_str(t, node);
    yt_escape(text, sizeof text, s, 40);
    snprintf(buf, size, "\"%s\"", text);
    if (!n->plain) {
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, n->tagged ? " (tagged as a string)" : " (quoted, so a string)");
    }
}

void yr_describe(const loader *ld, uint32_t node, char *buf, size_t size)
{
    yr_describe_node(ld->t, node, buf, size);
}

int yr_wrong_type(const loader *ld, uint32_t node, const ypath *path, const char *want)
{
    char got[192];
    yr_describe(ld, node, got, sizeof got);
    return FAIL(ld, node, path, "expected %s, got %s", want, got);
}

/* ---- scalars ------------------------------------------------------------------------ */

int yr_is_scalar(const loader *ld, uint32_t node)
{
    return yt_at(ld->t, node)->type == YT_SCALAR;
}

int yr_nonfinite_word(const char *s)
{
    static const char *const words[] = {".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"};
    size_t i;
    if (*s == '-' || *s == '+')
        s++;
    if (*s != '.')
        return 0;
    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(s, words[i]) == 0)
            return 1;
    return 0;
}

/* A decimal (is_decimal) of at most 19 significant digits whose value is
 * m x 10^e with m < 2^53 and |e| <= 22: m and 10^e are exact doubles, so one
 * multiplication or division rounds correctly, to what strtod gives (Clinger's
 * fast path). Returns 0 for anything else, left to strtod. */
static int fast_decimal(const char *s, double *out)
{
    static const double pow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    uint64_t m = 0;
    int neg = 0, digits = 0, e = 0;
    double v;
#if !defined(FLT_EVAL_METHOD) || FLT_EVAL_METHOD != 0
    return 0; /* extended precision would round twice */
#endif
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    for (; *s >= '0' && *s <= '9'; s++) {
        if (m == 0 && *s == '0')
            continue; /* leading zeros are not significant */
        if (++digits > 19)
            return 0;
        m = m * 10 + (uint64_t)(*s - '0');
    }
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++) {
            e--;
            if (m == 0 && *s == '0')
                continue;
            if (++digits > 19)
                return 0;
            m = m * 10 + (uint64_t)(*s - '0');
        }
    if (*s != '\0') /* an exponent: strtod */
        return 0;
    if (m > ((uint64_t)1 << 53) || e < -22)
        return 0;
    v = (double)m / pow10[-e];
    *out = neg ? -v : v;
    return 1;
}

int yr_number(const loader *ld, uint32_t node, const ypath *path, double *out)
{
    const char *s;
    double v;
    if (!yr_is_scalar(ld, node) || !yt_at(ld->t, node)->plain || yt_is_null(ld->t, node))
        return yr_wrong_type(ld, node, path, "a number");
    s = yt_str(ld->t, node);
    if (yr_nonfinite_word(s))
        return FAIL(ld, node, path, "must be a finite number, got %s", s);
    if (!yt_is_decimal(s))
        return yr_wrong_type(ld, node, path, "a number");
    if (yr_decimal_value(s, ld->decimal_point, &v) != 0)
        return FAIL(ld, node, path, "must be a finite number, got %s", s);
    *out = v;
    return CURTAIL_OK;
}

int yr_decimal_value(const char *s, char decimal_point, double *out)
{
    char buf[CU_MAX_STRING + 1];
    size_t n = strlen(s);
    double v;
    if (fast_decimal(s, out))
        return 0;
    if (n > CU_MAX_STRING)
        return -1;
    /* strtod follows the C locale's decimal point; the text always uses '.' */
    memcpy(buf, s, n + 1);
    if (decimal_point != '.') {
        char *dot = strchr(buf, '.');
        if (dot)
            *dot = decimal_point;
    }
    v = strtod(buf, NULL);
    if (!isfinite(v))
        return -1;
    *out = v;
    return 0;
}

/* A plain scalar that is a YAML 1.2 core-schema boolean: 1 true, 0 false,
 * -1 anything else (yes/no/on/off are YAML 1.1 and stay words). */
int yr_core_bool(const loader *ld, uint32_t node)
{
    if (!yr_is_scalar(ld, node) || !yt_at(ld->t, node)->plain)
        return -1;
    return yt_bool_word(yt_str(ld->t, node));
}

int yr_bool(const loader *ld, uint32_t node, const ypath *path, int *out)
{
    int b = yr_core_bool(ld, node);
    if (b < 0)
        return yr_wrong_type(ld, node, path, "true or false");
    *out = b;
    return CURTAIL_OK;
}

/* Any non-null scalar is a string: `id: 123` is "123". */
int yr_string(const loader *ld, uint32_t node, const ypath *path, const char **out)
{
    if (!yr_is_scalar(ld, node) || yt_is_null(ld->t, node))
        return yr_wrong_type(ld, node, path, "a string");
    *out = yt_str(ld->t, node);
    return CURTAIL_OK;
}

/* An id (of an enterprise or a unit, or the unit `follows` names): a string
 * or a number, never a boolean or null (`id: true` is not the id "true"). */
int yr_id(const loader *ld, uint32_t node, const ypath *path, const char **out)
{
    if (yr_core_bool(ld, node) >= 0)
        return FAIL(ld, node, path, "must be a string or a number, got %s",
                    yt_str(ld->t, node));
    if (!yr_is_scalar(ld, node) || yt_is_null(ld->t, node)) {
        char got[192];
        yr_describe(ld, node, got, sizeof got);
        return FAIL(ld, node, path, "must be a string or a number, got %s", got);
    }
    *out = yt_str(ld->t, node);
    return CURTAIL_OK;
}

/* ---- words -------------------------------------------------------------------------- */

/* A closed vocabulary: value i is written name(i). */

static const char *pollutant_word(int i)
{
    return curtail_pollutant_name((curtail_pollutant)i);
}

static const char *level_word(int i)
{
    return curtail_level_name((curtail_level)i);
}

static const char *industry_word(int i)
{
    return curtail_industry_name((curtail_industry)i);
}

static const char *kind_word(int i)
{
    return curtail_kind_name((curtail_kind)i);
}

static const char *grade_word(int i)
{
    return curtail_grade_name((curtail_grade)i);
}

static const char *fuel_word(int i)
{
    return curtail_fuel_name((curtail_fuel)i);
}

static const char *guarantee_word(int i)
{
    return cu_guarantee_name(i);
}

static const char *rule_guarantee_word(int i)
{
    return cu_guarantee_name(i + 1);
}

static const char *quenching_word(int i)
{
    return i == 0 ? "dry" : "wet";
}

static const char *lang_word(int i)
{
    return i == 0 ? "zh" : "en";
}

static const char *base_word(int i)
{
    return i == 0 ? "listed" : "totals";
}

/* The public name parsers (names.c), as an index or -1. */
static int pollutant_index(const char *s)
{
    curtail_pollutant v;
    return curtail_pollutant_from_name(s, &v) == CURTAIL_OK ? (int)v : -1;
}

static int level_index(const char *s)
{
    curtail_level v;
    return curtail_level_from_name(s, &v) == CURTAIL_OK ? (int)v : -1;
}

static int industry_index(const char *s)
{
    curtail_industry v;
    return curtail_industry_from_name(s, &v) == CURTAIL_OK ? (int)v : -1;
}

static int kind_index(const char *s)
{
    curtail_kind v;
    return curtail_kind_from_name(s, &v) == CURTAIL_OK ? (int)v : -1;
}

static int grade_index(const char *s)
{
    curtail_grade v;
    return curtail_grade_from_name(s, &v) == CURTAIL_OK ? (int)v : -1;
}

static int fuel_index(const char *s)
{
    curtail_fuel v;
    return curtail_fuel_from_name(s, &v) == CURTAIL_OK ? (int)v : -1;
}

static int lang_index(const char *s)
{
    curtail_lang v;
    return curtail_lang_from_name(s, &v) == CURTAIL_OK ? (int)v - CURTAIL_LANG_ZH : -1;
}

const wordset YR_POLLUTANTS = {"pollutant", CU_NP, pollutant_word, pollutant_index};
const wordset YR_LEVELS = {"level", CU_NL, level_word, level_index};
const wordset YR_INDUSTRIES = {"industry", CURTAIL_NINDUSTRIES, industry_word, industry_index};
const wordset YR_KINDS = {"kind", CURTAIL_NKINDS, kind_word, kind_index};
const wordset YR_GRADES = {"grade", CURTAIL_NGRADES, grade_word, grade_index};
const wordset YR_FUELS = {"fuel", CURTAIL_NFUELS, fuel_word, fuel_index};
const wordset YR_GUARANTEES = {"guarantee", 3, guarantee_word, NULL};
/* values 0, 1 stand for CURTAIL_GUARANTEE_LIVELIHOOD, _SUPPLY */
const wordset YR_RULE_GUARANTEES = {"guarantee", 2, rule_guarantee_word, NULL};
/* values 0, 1 stand for CURTAIL_QUENCHING_DRY, _WET */
const wordset YR_QUENCHINGS = {"quenching", 2, quenching_word, NULL};
/* values 0, 1 stand for CURTAIL_LANG_ZH, _EN */
const wordset YR_LANGS = {"lang", 2, lang_word, lang_index};
const wordset YR_BASES = {"base", 2, base_word, NULL};

static const char *season_word(int i)
{
    return curtail_season_name((curtail_season)i);
}
const wordset YR_SEASONS = {"season", CURTAIL_NSEASONS, season_word, NULL};

static const char *truck_word(int i)
{
    return curtail_truck_class_name((curtail_truck_class)i);
}
const wordset YR_TRUCK_CLASSES = {"truck class", CURTAIL_NTRUCK_CLASSES, truck_word, NULL};

int yr_word_index(const wordset *ws, const char *s)
{
    int i;
    if (ws->parse)
        return ws->parse(s);
    for (i = 0; i < ws->n; i++) {
        const char *w = ws->name(i);
        if (w[0] == s[0] && strcmp(w, s) == 0)
            return i;
    }
    return -1;
}

void yr_word_list(const wordset *ws, char *buf, size_t size)
{
    int i;
    size_t len;
    buf[0] = '\0';
    for (i = 0; i < ws->n; i++) {
        len = strlen(buf);
        snprintf(buf + len, size - len, "%s%s", i ? ", " : "", ws->name(i));
    }
}

int yr_unknown_word(const loader *ld, uint32_t node, const ypath *path, const wordset *ws)
{
    char words[256], got[192];
    yr_word_list(ws, words, sizeof words);
    yr_describe(ld, node, got, sizeof got);
    return FAIL(ld, node, path, "unknown %s %s, expected one of: %s", ws->what, got, words);
}

int yr_word(const loader *ld, uint32_t node, const ypath *path, const wordset *ws, int *out)
{
    int i;
    if (!yr_is_scalar(ld, node)) { /* a list or a mapping: "expected a season name, got a list" */
        char want[64];
        snprintf(want, sizeof want, "a %s name", ws->what);
        return yr_wrong_type(ld, node, path, want);
    }
    if (yt_is_null(ld->t, node))
        return yr_unknown_word(ld, node, path, ws);
    i = yr_word_index(ws, yt_str(ld->t, node));
    if (i < 0)
        return yr_unknown_word(ld, node, path, ws);
    *out = i;
    return CURTAIL_OK;
}

/* A list of words (or, with `single`, one word) as a bit mask. */
int yr_word_mask(const loader *ld, uint32_t node, const ypath *path, const wordset *ws,
                         int single, int allow_empty, unsigned *out)
{
    uint32_t i, n;
    unsigned mask = 0;
    int w, rc;
    if (single && yr_is_scalar(ld, node) && !yt_is_null(ld->t, node)) {
        if ((rc = yr_word(ld, node, path, ws, &w)) != CURTAIL_OK)
            return rc;
        *out = 1u << w;
        return CURTAIL_OK;
    }
    if (yt_at(ld->t, node)->type != YT_SEQ) {
        char want[64];
        snprintf(want, sizeof want, single ? "a %s or a list of them" : "a list of %ss", ws->what);
        return yr_wrong_type(ld, node, path, want);
    }
    n = yt_count(ld->t, node);
    if (n == 0 && !allow_empty)
        return FAIL(ld, node, path, "must list at least one %s", ws->what);
    for (i = 0; i < n; i++) {
        uint32_t item = yt_kid(ld->t, node, i);
        ypath ip = yr_index(path, i);
        if ((rc = yr_word(ld, item, &ip, ws, &w)) != CURTAIL_OK)
            return rc;
        if (mask & (1u << w))
            return FAIL(ld, item, &ip, "%s %s is listed twice", ws->what, ws->name(w));
        mask |= 1u << w;
    }
    *out = mask;
    return CURTAIL_OK;
}

/* ---- mappings ----------------------------------------------------------------------- */

/* Check that `node` is a mapping whose keys all come from `keys`; vals[k] is
 * the value node of keys[k], or -1 when absent. */
int yr_fields(const loader *ld, uint32_t node, const ypath *path, const char *const *keys,
                      int nkeys, int64_t *vals)
{
    uint32_t i, pairs;
    int k;
    if (yt_at(ld->t, node)->type != YT_MAP)
        return yr_wrong_type(ld, node, path, "a mapping");
    for (k = 0; k < nkeys; k++)
        vals[k] = -1;
    pairs = yt_count(ld->t, node);
    for (i = 0; i < pairs; i++) {
        uint32_t key = yt_kid(ld->t, node, 2 * i);
        const char *name = yt_str(ld->t, key);
        for (k = 0; k < nkeys; k++)
            if (keys[k][0] == name[0] && strcmp(keys[k], name) == 0)
                break;
        if (k == nkeys) {
            char allowed[512], shown[256];
            size_t len;
            ypath kp = yr_key(path, name);
            allowed[0] = '\0';
            for (k = 0; k < nkeys; k++) {
                len = strlen(allowed);
                snprintf(allowed + len, sizeof allowed - len, "%s%s", k ? ", " : "", keys[k]);
            }
            yt_escape(shown, sizeof shown, name, 64);
            return FAIL(ld, key, &kp, "unknown key \"%s\", expected one of: %s", shown, allowed);
        }
        vals[k] = (int64_t)yt_kid(ld->t, node, 2 * i + 1);
    }
    return CURTAIL_OK;
}

int yr_missing(const loader *ld, uint32_t map, const ypath *path, const char *key)
{
    ypath kp = yr_key(path, key);
    return FAIL(ld, map, &kp, "missing required key");
}

/* A mapping keyed by the words of `ws` (pollutants, grades, levels). */
int yr_word_keys(const loader *ld, uint32_t node, const ypath *path, const wordset *ws,
                         int64_t *vals)
{
    uint32_t i, pairs;
    int k;
    if (yt_at(ld->t, node)->type != YT_MAP)
        return yr_wrong_type(ld, node, path, "a mapping");
    for (k = 0; k < ws->n; k++)
        vals[k] = -1;
    pairs = yt_count(ld->t, node);
    for (i = 0; i < pairs; i++) {
        uint32_t key = yt_kid(ld->t, node, 2 * i);
        ypath kp = yr_key(path, yt_str(ld->t, key));
        k = yr_word_index(ws, yt_str(ld->t, key));
        if (k < 0)
            return yr_unknown_word(ld, key, &kp, ws);
        vals[k] = (int64_t)yt_kid(ld->t, node, 2 * i + 1);
    }
    return CURTAIL_OK;
}

/* {SO2: x, NOx: y, ...}: pollutants left out keep the value already in v. */
int yr_pollutants(const loader *ld, uint32_t node, const ypath *path, double v[CU_NP])
{
    int64_t vals[CU_NP];
    int p, rc;
    if ((rc = yr_word_keys(ld, node, path, &YR_POLLUTANTS, vals)) != CURTAIL_OK)
        return rc;
    for (p = 0; p < CU_NP; p++) {
        ypath pp = yr_key(path, pollutant_word(p));
        if (vals[p] >= 0 && (rc = yr_number(ld, (uint32_t)vals[p], &pp, &v[p])) != CURTAIL_OK)
            return rc;
    }
    return CURTAIL_OK;
}

/* ---- builder errors ----------------------------------------------------------------- */

/* The builder reports a path relative to the object it builds ("ef.SO2");
 * find that node under `obj` (or its deepest existing ancestor) for the
 * position, and make the path absolute. */
int yr_builder_error(const loader *ld, int rc, const curtail_error *berr, uint32_t obj,
                         const ypath *objpath)
{
    char rel[sizeof berr->path], abs[512], msg[sizeof berr->message];
    const char *p;
    uint32_t node = obj;
    size_t len;
    if (rc == CURTAIL_ENOMEM)
        return cu_enomem(ld->err);
    memcpy(rel, berr->path, sizeof rel);
    rel[sizeof rel - 1] = '\0';
    for (p = rel; *p;) {
        char comp[sizeof rel];
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        int64_t v;
        memcpy(comp, p, n);
        comp[n] = '\0';
        v = yt_map_get(ld->t, node, comp);
        if (v < 0)
            break;
        node = (uint32_t)v;
        p += n + (dot ? 1 : 0);
    }
    yr_path_render(objpath, abs, sizeof abs);
    len = strlen(abs);
    if (rel[0] && len < sizeof abs - 1)
        snprintf(abs + len, sizeof abs - len, "%s%s", len ? "." : "", rel);
    /* the builder may quote what it was given: keep the message on one line */
    yt_escape(msg, sizeof msg, berr->message, sizeof msg);
    return cu_error(ld->err, CURTAIL_EINPUT, ld->file, yt_pos(ld->t, node), abs, "%s", msg);
}

void yr_init(loader *ld, const yt_tree *t, const char *file, curtail_error *err,
                        curtail_scenario *s)
{
    const struct lconv *lc = localeconv();
    ld->t = t;
    ld->file = file;
    ld->err = err;
    ld->s = s;
    ld->decimal_point =
        (lc && lc->decimal_point && lc->decimal_point[0]) ? lc->decimal_point[0] : '.';
    ld->st = NULL;
}

/* Schema versions: `curtail: 1`, `curtail_policy: 1`. */
static int yr_check_version(const loader *ld, uint32_t root, const char *key)
{
    int64_t v = yt_map_get(ld->t, root, key);
    ypath kp = yr_key(NULL, key);
    double version;
    int rc;
    if (v < 0)
        return FAIL(ld, root, &kp, "missing required key (the schema version: %s: 1)", key);
    if ((rc = yr_number(ld, (uint32_t)v, &kp, &version)) != CURTAIL_OK)
        return rc;
    if (version != 1)
        return FAIL(ld, (uint32_t)v, &kp,
                    "unsupported schema version %s (this curtail reads version 1)",
                    yt_str(ld->t, (uint32_t)v));
    return CURTAIL_OK;
}

/* A document that has to be a mapping: the root, or an error for an empty file. */
int yr_root(const loader *ld, const char *version_key, uint32_t *root)
{
    static const cu_pos start = {1, 1};
    if (!ld->t->has_root) {
        ypath kp = yr_key(NULL, version_key);
        yr_fail_at(ld, start, &kp, "missing required key (the document is empty)");
        return CURTAIL_EINPUT;
    }
    *root = ld->t->root;
    if (yt_at(ld->t, *root)->type != YT_MAP)
        return yr_wrong_type(ld, *root, NULL, "a mapping at the top of the document");
    return yr_check_version(ld, *root, version_key);
}
