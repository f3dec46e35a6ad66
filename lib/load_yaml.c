/*
 * load_yaml.c — YAML → scenario, strictly (SPEC §2).
 *
 * The text is parsed into a node tree first (yaml_tree.c), then walked by
 * schema: structure and types are checked here, value ranges by the builder
 * calls of scenario.c, whose relative error paths ("capacity", "ef.SO2") are
 * looked up in the tree to give the error its line and column. The
 * enterprises are the exception that makes a province fit: each is loaded
 * as soon as the parser has it and then dropped from the tree (yt_stream),
 * its error, if any, held until the schema walk reaches `enterprises`.
 */
#define _POSIX_C_SOURCE 200809L /* fileno, fstat */
#include "yaml_tree.h"

#include <sys/stat.h>

#include <errno.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_EPISODE_HOURS 8784 /* a leap year */

/* A node's path, kept on the C stack and rendered only for messages. */
typedef struct ypath {
    const struct ypath *up;
    const char *key; /* NULL: a sequence item */
    size_t index;
} ypath;

/* The enterprises, loaded while the file is parsed (yt_stream). */
typedef struct streamed {
    int rc;            /* CURTAIL_OK, or the first item's error (kept in err) */
    curtail_error err; /* that error, reported when load_document reaches the list */
    curtail_error *caller_err;
} streamed;

typedef struct loader {
    const yt_tree *t;
    const char *file;
    curtail_error *err;
    curtail_scenario *s; /* NULL when parsing a rule table */
    char decimal_point;  /* the C library's, for strtod */
    const streamed *st;  /* NULL when nothing was streamed */
} loader;

/* ---- paths and errors --------------------------------------------------------------- */

static void path_render(const ypath *p, char *buf, size_t size)
{
    size_t len;
    if (!p) {
        buf[0] = '\0';
        return;
    }
    path_render(p->up, buf, size);
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

static ypath path_key(const ypath *up, const char *key)
{
    ypath p;
    p.up = up;
    p.key = key;
    p.index = 0;
    return p;
}

static ypath path_index(const ypath *up, size_t i)
{
    ypath p;
    p.up = up;
    p.key = NULL;
    p.index = i;
    return p;
}

static void fail_at(const loader *ld, cu_pos pos, const ypath *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void fail_at(const loader *ld, cu_pos pos, const ypath *path, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    path_render(path, buf, sizeof buf);
    va_start(ap, fmt);
    cu_verror(ld->err, CURTAIL_EINPUT, ld->file, pos, buf, fmt, ap);
    va_end(ap);
}

/* Report an input error at `node`; the expression's value is CURTAIL_EINPUT. */
#define FAIL(ld, node, path, ...) \
    (fail_at((ld), yt_pos((ld)->t, (node)), (path), __VA_ARGS__), CURTAIL_EINPUT)

/* How a node looks, for "expected X, got Y". */
static void describe(const loader *ld, uint32_t node, char *buf, size_t size)
{
    const yt_node *n = yt_at(ld->t, node);
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
    if (yt_is_null(ld->t, node)) {
        snprintf(buf, size, "null");
        return;
    }
    s = yt_str(ld->t, node);
    yt_escape(text, sizeof text, s, 40);
    snprintf(buf, size, "\"%s\"", text);
    if (!n->plain) {
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, n->tagged ? " (tagged as a string)" : " (quoted, so a string)");
    }
}

static int wrong_type(const loader *ld, uint32_t node, const ypath *path, const char *want)
{
    char got[192];
    describe(ld, node, got, sizeof got);
    return FAIL(ld, node, path, "expected %s, got %s", want, got);
}

/* ---- scalars ------------------------------------------------------------------------ */

static int is_scalar(const loader *ld, uint32_t node)
{
    return yt_at(ld->t, node)->type == YT_SCALAR;
}

/* YAML 1.2 core schema: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
static int is_decimal(const char *s)
{
    int digits = 0;
    if (*s == '-' || *s == '+')
        s++;
    while (*s >= '0' && *s <= '9') {
        s++;
        digits++;
    }
    if (*s == '.') {
        s++;
        while (*s >= '0' && *s <= '9') {
            s++;
            digits++;
        }
    }
    if (!digits)
        return 0;
    if (*s == 'e' || *s == 'E') {
        int exp_digits = 0;
        s++;
        if (*s == '-' || *s == '+')
            s++;
        while (*s >= '0' && *s <= '9') {
            s++;
            exp_digits++;
        }
        if (!exp_digits)
            return 0;
    }
    return *s == '\0';
}

static int is_nonfinite_word(const char *s)
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

static int get_number(const loader *ld, uint32_t node, const ypath *path, double *out)
{
    const char *s;
    char buf[CU_MAX_STRING + 1];
    char *end;
    double v;
    if (!is_scalar(ld, node) || !yt_at(ld->t, node)->plain || yt_is_null(ld->t, node))
        return wrong_type(ld, node, path, "a number");
    s = yt_str(ld->t, node);
    if (is_nonfinite_word(s))
        return FAIL(ld, node, path, "must be a finite number, got %s", s);
    if (!is_decimal(s))
        return wrong_type(ld, node, path, "a number");
    if (fast_decimal(s, out))
        return CURTAIL_OK;
    /* strtod follows the C locale's decimal point; the text always uses '.' */
    memcpy(buf, s, yt_at(ld->t, node)->n + 1); /* n <= CU_MAX_STRING */
    if (ld->decimal_point != '.') {
        char *dot = strchr(buf, '.');
        if (dot)
            *dot = ld->decimal_point;
    }
    errno = 0;
    v = strtod(buf, &end);
    if (*end != '\0')
        return wrong_type(ld, node, path, "a number");
    if (!isfinite(v))
        return FAIL(ld, node, path, "must be a finite number, got %s", s);
    *out = v;
    return CURTAIL_OK;
}

/* A plain scalar that is a YAML 1.2 core-schema boolean: 1 true, 0 false,
 * -1 anything else (yes/no/on/off are YAML 1.1 and stay words). */
static int core_bool(const loader *ld, uint32_t node)
{
    static const char *const words[] = {"true", "True", "TRUE", "false", "False", "FALSE"};
    const char *s;
    size_t i;
    if (!is_scalar(ld, node) || !yt_at(ld->t, node)->plain)
        return -1;
    s = yt_str(ld->t, node);
    if (s[0] != 't' && s[0] != 'T' && s[0] != 'f' && s[0] != 'F')
        return -1;
    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(s, words[i]) == 0)
            return i < 3;
    return -1;
}

static int get_bool(const loader *ld, uint32_t node, const ypath *path, int *out)
{
    int b = core_bool(ld, node);
    if (b < 0)
        return wrong_type(ld, node, path, "true or false");
    *out = b;
    return CURTAIL_OK;
}

/* Any non-null scalar is a string: `id: 123` is "123". */
static int get_string(const loader *ld, uint32_t node, const ypath *path, const char **out)
{
    if (!is_scalar(ld, node) || yt_is_null(ld->t, node))
        return wrong_type(ld, node, path, "a string");
    *out = yt_str(ld->t, node);
    return CURTAIL_OK;
}

/* An id (of an enterprise or a unit, or the unit `follows` names): a string
 * or a number, never a boolean or null (`id: true` is not the id "true"). */
static int get_id(const loader *ld, uint32_t node, const ypath *path, const char **out)
{
    if (core_bool(ld, node) >= 0)
        return FAIL(ld, node, path, "must be a string or a number, got %s",
                    yt_str(ld->t, node));
    if (!is_scalar(ld, node) || yt_is_null(ld->t, node)) {
        char got[192];
        describe(ld, node, got, sizeof got);
        return FAIL(ld, node, path, "must be a string or a number, got %s", got);
    }
    *out = yt_str(ld->t, node);
    return CURTAIL_OK;
}

/* ---- words -------------------------------------------------------------------------- */

/* A closed vocabulary: value i is written name(i). */
typedef struct wordset {
    const char *what;
    int n;
    const char *(*name)(int i);
} wordset;

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

static const wordset POLLUTANTS = {"pollutant", CU_NP, pollutant_word};
static const wordset LEVELS = {"level", CU_NL, level_word};
static const wordset INDUSTRIES = {"industry", CURTAIL_NINDUSTRIES, industry_word};
static const wordset KINDS = {"kind", CURTAIL_NKINDS, kind_word};
static const wordset GRADES = {"grade", CURTAIL_NGRADES, grade_word};
static const wordset FUELS = {"fuel", CURTAIL_NFUELS, fuel_word};
static const wordset GUARANTEES = {"guarantee", 3, guarantee_word};
/* values 0, 1 stand for CURTAIL_GUARANTEE_LIVELIHOOD, _SUPPLY */
static const wordset RULE_GUARANTEES = {"guarantee", 2, rule_guarantee_word};
/* values 0, 1 stand for CURTAIL_QUENCHING_DRY, _WET */
static const wordset QUENCHINGS = {"quenching", 2, quenching_word};
/* values 0, 1 stand for CURTAIL_LANG_ZH, _EN */
static const wordset LANGS = {"lang", 2, lang_word};
static const wordset BASES = {"base", 2, base_word};

static int word_index(const wordset *ws, const char *s)
{
    int i;
    for (i = 0; i < ws->n; i++) {
        const char *w = ws->name(i);
        if (w[0] == s[0] && strcmp(w, s) == 0)
            return i;
    }
    return -1;
}

static void word_list(const wordset *ws, char *buf, size_t size)
{
    int i;
    size_t len;
    buf[0] = '\0';
    for (i = 0; i < ws->n; i++) {
        len = strlen(buf);
        snprintf(buf + len, size - len, "%s%s", i ? ", " : "", ws->name(i));
    }
}

static int unknown_word(const loader *ld, uint32_t node, const ypath *path, const wordset *ws)
{
    char words[256], got[192];
    word_list(ws, words, sizeof words);
    describe(ld, node, got, sizeof got);
    return FAIL(ld, node, path, "unknown %s %s, expected one of: %s", ws->what, got, words);
}

static int get_word(const loader *ld, uint32_t node, const ypath *path, const wordset *ws, int *out)
{
    int i;
    if (!is_scalar(ld, node) || yt_is_null(ld->t, node))
        return unknown_word(ld, node, path, ws);
    i = word_index(ws, yt_str(ld->t, node));
    if (i < 0)
        return unknown_word(ld, node, path, ws);
    *out = i;
    return CURTAIL_OK;
}

/* A list of words (or, with `single`, one word) as a bit mask. */
static int get_word_mask(const loader *ld, uint32_t node, const ypath *path, const wordset *ws,
                         int single, int allow_empty, unsigned *out)
{
    uint32_t i, n;
    unsigned mask = 0;
    int w, rc;
    if (single && is_scalar(ld, node) && !yt_is_null(ld->t, node)) {
        if ((rc = get_word(ld, node, path, ws, &w)) != CURTAIL_OK)
            return rc;
        *out = 1u << w;
        return CURTAIL_OK;
    }
    if (yt_at(ld->t, node)->type != YT_SEQ) {
        char want[64];
        snprintf(want, sizeof want, single ? "a %s or a list of them" : "a list of %ss", ws->what);
        return wrong_type(ld, node, path, want);
    }
    n = yt_count(ld->t, node);
    if (n == 0 && !allow_empty)
        return FAIL(ld, node, path, "must list at least one %s", ws->what);
    for (i = 0; i < n; i++) {
        uint32_t item = yt_kid(ld->t, node, i);
        ypath ip = path_index(path, i);
        if ((rc = get_word(ld, item, &ip, ws, &w)) != CURTAIL_OK)
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
static int get_fields(const loader *ld, uint32_t node, const ypath *path, const char *const *keys,
                      int nkeys, int64_t *vals)
{
    uint32_t i, pairs;
    int k;
    if (yt_at(ld->t, node)->type != YT_MAP)
        return wrong_type(ld, node, path, "a mapping");
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
            ypath kp = path_key(path, name);
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

static int missing(const loader *ld, uint32_t map, const ypath *path, const char *key)
{
    ypath kp = path_key(path, key);
    return FAIL(ld, map, &kp, "missing required key");
}

/* A mapping keyed by the words of `ws` (pollutants, grades, levels). */
static int get_word_keys(const loader *ld, uint32_t node, const ypath *path, const wordset *ws,
                         int64_t *vals)
{
    uint32_t i, pairs;
    int k;
    if (yt_at(ld->t, node)->type != YT_MAP)
        return wrong_type(ld, node, path, "a mapping");
    for (k = 0; k < ws->n; k++)
        vals[k] = -1;
    pairs = yt_count(ld->t, node);
    for (i = 0; i < pairs; i++) {
        uint32_t key = yt_kid(ld->t, node, 2 * i);
        ypath kp = path_key(path, yt_str(ld->t, key));
        k = word_index(ws, yt_str(ld->t, key));
        if (k < 0)
            return unknown_word(ld, key, &kp, ws);
        vals[k] = (int64_t)yt_kid(ld->t, node, 2 * i + 1);
    }
    return CURTAIL_OK;
}

/* {SO2: x, NOx: y, ...}: pollutants left out keep the value already in v. */
static int get_pollutants(const loader *ld, uint32_t node, const ypath *path, double v[CU_NP])
{
    int64_t vals[CU_NP];
    int p, rc;
    if ((rc = get_word_keys(ld, node, path, &POLLUTANTS, vals)) != CURTAIL_OK)
        return rc;
    for (p = 0; p < CU_NP; p++) {
        ypath pp = path_key(path, pollutant_word(p));
        if (vals[p] >= 0 && (rc = get_number(ld, (uint32_t)vals[p], &pp, &v[p])) != CURTAIL_OK)
            return rc;
    }
    return CURTAIL_OK;
}

/* ---- builder errors ----------------------------------------------------------------- */

/* The builder reports a path relative to the object it builds ("ef.SO2");
 * find that node under `obj` (or its deepest existing ancestor) for the
 * position, and make the path absolute. */
static int builder_error(const loader *ld, int rc, const curtail_error *berr, uint32_t obj,
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
    path_render(objpath, abs, sizeof abs);
    len = strlen(abs);
    if (rel[0] && len < sizeof abs - 1)
        snprintf(abs + len, sizeof abs - len, "%s%s", len ? "." : "", rel);
    /* the builder may quote what it was given: keep the message on one line */
    yt_escape(msg, sizeof msg, berr->message, sizeof msg);
    return cu_error(ld->err, CURTAIL_EINPUT, ld->file, yt_pos(ld->t, node), abs, "%s", msg);
}

/* ---- policy rules ------------------------------------------------------------------- */

enum {
    R_INDUSTRY,
    R_KIND,
    R_GRADES,
    R_LEVELS,
    R_INTERRUPTIBLE,
    R_FUEL,
    R_GUARANTEE,
    R_MAX_LOAD,
    R_CUT,
    R_COKING_TIME,
    R_STOP,
    R_NONE,
    R_COUNT
};
static const char *const RULE_KEYS[R_COUNT] = {
    "industry",  "kind",     "grades", "levels",        "interruptible", "fuel",
    "guarantee", "max_load", "cut",    "coking_time_h", "stop",          "none"};

/* The measure key of a rule, in document order: exactly one. */
static int rule_measure(const loader *ld, uint32_t node, const ypath *path, int *which)
{
    uint32_t i, pairs = yt_count(ld->t, node);
    int first = -1;
    for (i = 0; i < pairs; i++) {
        uint32_t key = yt_kid(ld->t, node, 2 * i);
        const char *name = yt_str(ld->t, key);
        int k;
        for (k = R_MAX_LOAD; k <= R_NONE; k++)
            if (strcmp(RULE_KEYS[k], name) == 0)
                break;
        if (k > R_NONE)
            continue;
        if (first >= 0) {
            ypath kp = path_key(path, name);
            return FAIL(ld, key, &kp, "a rule has exactly one measure, and this one already has %s",
                        RULE_KEYS[first]);
        }
        first = k;
    }
    if (first < 0)
        return FAIL(ld, node, path,
                    "a rule needs one measure: max_load, cut, coking_time_h, stop or none");
    *which = first;
    return CURTAIL_OK;
}

/* Bounds of a rule's value, worded like the builder's own checks. */
static int rule_value(const loader *ld, uint32_t node, const ypath *path, int which,
                      curtail_rule *r)
{
    double v;
    int b, rc;
    switch (which) {
    case R_MAX_LOAD:
    case R_CUT:
        if ((rc = get_number(ld, node, path, &v)) != CURTAIL_OK)
            return rc;
        if (!(v >= 0 && v <= 1))
            return FAIL(ld, node, path, "must be in [0, 1], got %.17g", v);
        r->measure = which == R_MAX_LOAD ? CURTAIL_MEASURE_MAX_LOAD : CURTAIL_MEASURE_CUT;
        r->value = v;
        return CURTAIL_OK;
    case R_COKING_TIME:
        if ((rc = get_number(ld, node, path, &v)) != CURTAIL_OK)
            return rc;
        if (!(v > 0))
            return FAIL(ld, node, path, "must be > 0, got %.17g", v);
        if (v > 1e6)
            return FAIL(ld, node, path, "must be at most 1e6 hours, got %.17g", v);
        r->measure = CURTAIL_MEASURE_COKING_TIME;
        r->value = v;
        return CURTAIL_OK;
    default:
        if ((rc = get_bool(ld, node, path, &b)) != CURTAIL_OK)
            return rc;
        if (!b)
            return FAIL(ld, node, path, "must be true (%s: false is not a measure)",
                        RULE_KEYS[which]);
        r->measure = which == R_STOP ? CURTAIL_MEASURE_STOP : CURTAIL_MEASURE_NONE;
        r->value = 0;
        return CURTAIL_OK;
    }
}

/* `guarantee:` in a rule: a word, a list of words, or true for both. */
static int rule_guarantee(const loader *ld, uint32_t node, const ypath *path, unsigned *out)
{
    unsigned mask;
    int rc, b = core_bool(ld, node);
    if (b == 1) {
        *out = (1u << CURTAIL_GUARANTEE_LIVELIHOOD) | (1u << CURTAIL_GUARANTEE_SUPPLY);
        return CURTAIL_OK;
    }
    if (b == 0)
        return FAIL(ld, node, path,
                    "must be livelihood, supply, a list of them, or true (leave the key "
                    "out to match units without a guarantee)");
    if ((rc = get_word_mask(ld, node, path, &RULE_GUARANTEES, 1, 0, &mask)) != CURTAIL_OK)
        return rc;
    *out = mask << 1; /* RULE_GUARANTEES starts at CURTAIL_GUARANTEE_LIVELIHOOD */
    return CURTAIL_OK;
}

static int parse_rule(const loader *ld, uint32_t node, const ypath *path, curtail_rule *r)
{
    int64_t v[R_COUNT];
    ypath fp[R_COUNT];
    int k, w, which = R_NONE, rc;
    curtail_rule init = CURTAIL_RULE_INIT;
    *r = init;
    if ((rc = get_fields(ld, node, path, RULE_KEYS, R_COUNT, v)) != CURTAIL_OK)
        return rc;
    for (k = 0; k < R_COUNT; k++)
        fp[k] = path_key(path, RULE_KEYS[k]);
    if (v[R_INDUSTRY] < 0)
        return missing(ld, node, path, "industry");
    if ((rc = get_word(ld, (uint32_t)v[R_INDUSTRY], &fp[R_INDUSTRY], &INDUSTRIES, &w)))
        return rc;
    r->industry = (curtail_industry)w;
    if (v[R_KIND] >= 0) {
        unsigned kinds, kb;
        if ((rc = get_word_mask(ld, (uint32_t)v[R_KIND], &fp[R_KIND], &KINDS, 1, 0, &kinds)))
            return rc;
        for (kb = 0; kb < CURTAIL_NKINDS; kb++)
            if ((kinds & (1u << kb)) && !cu_kind_in_industry((int)kb, w))
                return FAIL(ld, (uint32_t)v[R_KIND], &fp[R_KIND], "%s is not a kind of industry %s",
                            kind_word((int)kb), industry_word(w));
        r->kinds = kinds;
    }
    if (v[R_GRADES] < 0)
        return missing(ld, node, path, "grades");
    if ((rc = get_word_mask(ld, (uint32_t)v[R_GRADES], &fp[R_GRADES], &GRADES, 0, 0, &r->grades)))
        return rc;
    if (v[R_LEVELS] < 0)
        return missing(ld, node, path, "levels");
    if ((rc = get_word_mask(ld, (uint32_t)v[R_LEVELS], &fp[R_LEVELS], &LEVELS, 0, 0, &r->levels)))
        return rc;
    if (v[R_INTERRUPTIBLE] >= 0) {
        if ((rc = get_bool(ld, (uint32_t)v[R_INTERRUPTIBLE], &fp[R_INTERRUPTIBLE], &w)))
            return rc;
        r->interruptible = w;
    }
    if (v[R_FUEL] >= 0 &&
        (rc = get_word_mask(ld, (uint32_t)v[R_FUEL], &fp[R_FUEL], &FUELS, 1, 0, &r->fuels)))
        return rc;
    if (v[R_GUARANTEE] >= 0 &&
        (rc = rule_guarantee(ld, (uint32_t)v[R_GUARANTEE], &fp[R_GUARANTEE], &r->guarantees)))
        return rc;
    if ((rc = rule_measure(ld, node, path, &which)) != CURTAIL_OK)
        return rc;
    return rule_value(ld, (uint32_t)v[which], &fp[which], which, r);
}

static void loader_init(loader *ld, const yt_tree *t, const char *file, curtail_error *err,
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
static int check_version(const loader *ld, uint32_t root, const char *key)
{
    int64_t v = yt_map_get(ld->t, root, key);
    ypath kp = path_key(NULL, key);
    double version;
    int rc;
    if (v < 0)
        return FAIL(ld, root, &kp, "missing required key (the schema version: %s: 1)", key);
    if ((rc = get_number(ld, (uint32_t)v, &kp, &version)) != CURTAIL_OK)
        return rc;
    if (version != 1)
        return FAIL(ld, (uint32_t)v, &kp,
                    "unsupported schema version %s (this curtail reads version 1)",
                    yt_str(ld->t, (uint32_t)v));
    return CURTAIL_OK;
}

/* A document that has to be a mapping: the root, or an error for an empty file. */
static int get_root(const loader *ld, const char *version_key, uint32_t *root)
{
    static const cu_pos start = {1, 1};
    if (!ld->t->has_root) {
        ypath kp = path_key(NULL, version_key);
        fail_at(ld, start, &kp, "missing required key (the document is empty)");
        return CURTAIL_EINPUT;
    }
    *root = ld->t->root;
    if (yt_at(ld->t, *root)->type != YT_MAP)
        return wrong_type(ld, *root, NULL, "a mapping at the top of the document");
    return check_version(ld, *root, version_key);
}

int cu_policy_parse(const curtail_mem *mem, const char *text, size_t len, const char *file,
                    cu_rule **out, size_t *nout, curtail_error *err)
{
    static const char *const keys[] = {"curtail_policy", "rules"};
    yt_tree t;
    loader ld;
    int64_t v[2];
    cu_rule *rules = NULL;
    uint32_t root, i, n = 0;
    ypath rp = path_key(NULL, "rules");
    int rc;

    if (!out || !nout)
        return cu_einval(err, "cu_policy_parse: out is NULL");
    *out = NULL;
    *nout = 0;
    rc = yt_parse(&t, mem, text, len, file, err);
    if (rc != CURTAIL_OK)
        goto done;
    loader_init(&ld, &t, file, err, NULL);
    if ((rc = get_root(&ld, "curtail_policy", &root)) != CURTAIL_OK ||
        (rc = get_fields(&ld, root, NULL, keys, 2, v)) != CURTAIL_OK)
        goto done;
    if (v[1] < 0) {
        rc = missing(&ld, root, NULL, "rules");
        goto done;
    }
    if (yt_at(&t, (uint32_t)v[1])->type != YT_SEQ) {
        rc = wrong_type(&ld, (uint32_t)v[1], &rp, "a list of rules");
        goto done;
    }
    n = yt_count(&t, (uint32_t)v[1]);
    rules = cu_calloc(mem, n ? n : 1, sizeof *rules);
    if (!rules) {
        rc = cu_enomem(err);
        goto done;
    }
    for (i = 0; i < n; i++) {
        uint32_t node = yt_kid(&t, (uint32_t)v[1], i);
        ypath ip = path_index(&rp, i);
        if ((rc = parse_rule(&ld, node, &ip, &rules[i].r)) != CURTAIL_OK)
            goto done;
        rules[i].builtin = 1;
        rules[i].pos = yt_pos(&t, node);
        rules[i].index = i;
    }
done:
    yt_free(&t);
    if (rc != CURTAIL_OK) {
        cu_free(mem, rules);
        return rc;
    }
    *out = rules;
    *nout = n;
    return CURTAIL_OK;
}

/* ---- scenario sections -------------------------------------------------------------- */

static int load_ratios(const loader *ld, uint32_t node, const ypath *path)
{
    int64_t lv[CU_NL];
    int L, rc;
    if ((rc = get_word_keys(ld, node, path, &LEVELS, lv)) != CURTAIL_OK)
        return rc;
    for (L = 0; L < CU_NL; L++) {
        /* a level given replaces the default; pollutants left out have no target */
        double r[CU_NP] = {0, 0, 0, 0};
        ypath lp = path_key(path, level_word(L));
        curtail_error be;
        if (lv[L] < 0)
            continue;
        if ((rc = get_pollutants(ld, (uint32_t)lv[L], &lp, r)) != CURTAIL_OK)
            return rc;
        if ((rc = curtail_scenario_set_ratios(ld->s, (curtail_level)L, r, &be)) != CURTAIL_OK)
            return builder_error(ld, rc, &be, (uint32_t)lv[L], &lp);
    }
    return CURTAIL_OK;
}

static int load_targets(const loader *ld, uint32_t node, const ypath *path)
{
    enum { T_BASE, T_TOTALS, T_RATIOS, T_COUNT };
    static const char *const keys[T_COUNT] = {"base", "totals_kgpd", "ratios"};
    int64_t v[T_COUNT];
    double totals[CU_NP] = {0, 0, 0, 0};
    int base = CURTAIL_BASE_LISTED, rc;
    ypath fp[T_COUNT];
    curtail_error be;
    int k;
    if ((rc = get_fields(ld, node, path, keys, T_COUNT, v)) != CURTAIL_OK)
        return rc;
    for (k = 0; k < T_COUNT; k++)
        fp[k] = path_key(path, keys[k]);
    ld->s->pos_targets = yt_pos(ld->t, node);
    if (v[T_BASE] >= 0 && (rc = get_word(ld, (uint32_t)v[T_BASE], &fp[T_BASE], &BASES, &base)))
        return rc;
    if (v[T_TOTALS] >= 0) {
        ld->s->pos_totals = yt_pos(ld->t, (uint32_t)v[T_TOTALS]);
        if ((rc = get_pollutants(ld, (uint32_t)v[T_TOTALS], &fp[T_TOTALS], totals)))
            return rc;
    }
    rc = curtail_scenario_set_target_base(ld->s, (curtail_base)base,
                                          v[T_TOTALS] >= 0 ? totals : NULL, &be);
    if (rc != CURTAIL_OK)
        return builder_error(ld, rc, &be, node, path);
    if (v[T_RATIOS] >= 0)
        return load_ratios(ld, (uint32_t)v[T_RATIOS], &fp[T_RATIOS]);
    return CURTAIL_OK;
}

static int load_extra(const loader *ld, uint32_t node, const ypath *path)
{
    static const char *const keys[] = {"grades", "weights"};
    int64_t v[2], gv[CURTAIL_NGRADES];
    ypath gp = path_key(path, "grades"), wp = path_key(path, "weights");
    curtail_error be;
    int g, rc;
    if ((rc = get_fields(ld, node, path, keys, 2, v)) != CURTAIL_OK)
        return rc;
    ld->s->pos_extra = yt_pos(ld->t, node);
    if (v[0] >= 0) {
        unsigned grades;
        if ((rc = get_word_mask(ld, (uint32_t)v[0], &gp, &GRADES, 0, 1, &grades)))
            return rc;
        if ((rc = curtail_scenario_set_extra_grades(ld->s, grades, &be)) != CURTAIL_OK)
            return builder_error(ld, rc, &be, (uint32_t)v[0], &gp);
    }
    if (v[1] >= 0) {
        double w[CURTAIL_NGRADES];
        if ((rc = get_word_keys(ld, (uint32_t)v[1], &wp, &GRADES, gv)) != CURTAIL_OK)
            return rc;
        for (g = 0; g < CURTAIL_NGRADES; g++) {
            ypath p = path_key(&wp, grade_word(g));
            w[g] = 1.0; /* grades absent from weights weigh 1 */
            if (gv[g] >= 0 && (rc = get_number(ld, (uint32_t)gv[g], &p, &w[g])))
                return rc;
        }
        if ((rc = curtail_scenario_set_extra_weights(ld->s, w, &be)) != CURTAIL_OK)
            return builder_error(ld, rc, &be, (uint32_t)v[1], &wp);
    }
    return CURTAIL_OK;
}

static int load_policy(const loader *ld, uint32_t node, const ypath *path)
{
    uint32_t i, n;
    int rc;
    if (yt_at(ld->t, node)->type != YT_SEQ)
        return wrong_type(ld, node, path, "a list of rules");
    n = yt_count(ld->t, node);
    for (i = 0; i < n; i++) {
        uint32_t rn = yt_kid(ld->t, node, i);
        ypath ip = path_index(path, i);
        curtail_rule r;
        curtail_error be;
        if ((rc = parse_rule(ld, rn, &ip, &r)) != CURTAIL_OK)
            return rc;
        if ((rc = curtail_scenario_add_rule(ld->s, &r, &be)) != CURTAIL_OK)
            return builder_error(ld, rc, &be, rn, &ip);
        ld->s->rules[ld->s->nrules - 1].pos = yt_pos(ld->t, rn);
    }
    return CURTAIL_OK;
}

/* ---- units -------------------------------------------------------------------------- */

enum {
    U_ID,
    U_NAME,
    U_KIND,
    U_CAPACITY,
    U_BASE_LOAD,
    U_MIN_LOAD,
    U_VALUE,
    U_EF,
    U_BASELINE,
    U_FIXED,
    U_INTERRUPTIBLE,
    U_FOLLOWS,
    U_COKE_OVEN,
    U_BOILER,
    U_COUNT
};
static const char *const UNIT_KEYS[U_COUNT] = {
    "id", "name",          "kind",       "capacity",      "base_load", "min_load",  "value",
    "ef", "baseline_kgpd", "fixed_kgpd", "interruptible", "follows",   "coke_oven", "boiler"};

static int load_coke_oven(const loader *ld, uint32_t node, const ypath *path, curtail_unit_spec *u,
                          int64_t *coking_time)
{
    enum { C_HEIGHT, C_QUENCHING, C_COKING, C_MAX, C_RAMP, C_COUNT };
    static const char *const keys[C_COUNT] = {"height_m", "quenching", "coking_time_h",
                                              "max_coking_time_h", "ramp_h"};
    int64_t v[C_COUNT];
    ypath fp[C_COUNT];
    int k, q, rc;
    if ((rc = get_fields(ld, node, path, keys, C_COUNT, v)) != CURTAIL_OK)
        return rc;
    for (k = 0; k < C_COUNT; k++)
        fp[k] = path_key(path, keys[k]);
    u->has_coke_oven = 1;
    if (v[C_HEIGHT] >= 0) {
        u->has_height = 1;
        if ((rc = get_number(ld, (uint32_t)v[C_HEIGHT], &fp[C_HEIGHT], &u->height_m)))
            return rc;
    }
    if (v[C_QUENCHING] >= 0) {
        if ((rc = get_word(ld, (uint32_t)v[C_QUENCHING], &fp[C_QUENCHING], &QUENCHINGS, &q)))
            return rc;
        u->quenching = q == 0 ? CURTAIL_QUENCHING_DRY : CURTAIL_QUENCHING_WET;
    }
    if (v[C_COKING] >= 0 &&
        (rc = get_number(ld, (uint32_t)v[C_COKING], &fp[C_COKING], &u->coking_time_h)))
        return rc;
    if (v[C_MAX] >= 0 &&
        (rc = get_number(ld, (uint32_t)v[C_MAX], &fp[C_MAX], &u->max_coking_time_h)))
        return rc;
    if (v[C_RAMP] >= 0) {
        u->has_ramp_h = 1;
        if ((rc = get_number(ld, (uint32_t)v[C_RAMP], &fp[C_RAMP], &u->ramp_h)))
            return rc;
    }
    *coking_time = v[C_COKING];
    return CURTAIL_OK;
}

static int load_boiler(const loader *ld, uint32_t node, const ypath *path, curtail_unit_spec *u)
{
    enum { B_FUEL, B_STEAM, B_HEATING, B_COUNT };
    static const char *const keys[B_COUNT] = {"fuel", "steam_tph", "heating"};
    int64_t v[B_COUNT];
    ypath fp[B_COUNT];
    int k, f, rc;
    if ((rc = get_fields(ld, node, path, keys, B_COUNT, v)) != CURTAIL_OK)
        return rc;
    for (k = 0; k < B_COUNT; k++)
        fp[k] = path_key(path, keys[k]);
    u->has_boiler = 1;
    if (v[B_FUEL] < 0)
        return missing(ld, node, path, "fuel");
    if ((rc = get_word(ld, (uint32_t)v[B_FUEL], &fp[B_FUEL], &FUELS, &f)))
        return rc;
    u->fuel = (curtail_fuel)f;
    if (v[B_STEAM] >= 0 && (rc = get_number(ld, (uint32_t)v[B_STEAM], &fp[B_STEAM], &u->steam_tph)))
        return rc;
    if (v[B_HEATING] >= 0 &&
        (rc = get_bool(ld, (uint32_t)v[B_HEATING], &fp[B_HEATING], &u->heating)))
        return rc;
    return CURTAIL_OK;
}

static cu_pos pos_of(const loader *ld, int64_t node)
{
    static const cu_pos none = {0, 0};
    return node >= 0 ? yt_pos(ld->t, (uint32_t)node) : none;
}

static void store_unit_positions(const loader *ld, cu_unit *un, uint32_t node, const int64_t *v,
                                 int64_t coking_time)
{
    un->pos[CU_UF_NODE] = yt_pos(ld->t, node);
    un->pos[CU_UF_ID] = pos_of(ld, v[U_ID]);
    un->pos[CU_UF_KIND] = pos_of(ld, v[U_KIND]);
    un->pos[CU_UF_CAPACITY] = pos_of(ld, v[U_CAPACITY]);
    un->pos[CU_UF_BASE_LOAD] = pos_of(ld, v[U_BASE_LOAD]);
    un->pos[CU_UF_MIN_LOAD] = pos_of(ld, v[U_MIN_LOAD]);
    un->pos[CU_UF_EF] = pos_of(ld, v[U_EF]);
    un->pos[CU_UF_BASELINE] = pos_of(ld, v[U_BASELINE]);
    un->pos[CU_UF_FOLLOWS] = pos_of(ld, v[U_FOLLOWS]);
    un->pos[CU_UF_COKE_OVEN] = pos_of(ld, v[U_COKE_OVEN]);
    /* without an explicit coking time, its default lives in the coke_oven block */
    un->pos[CU_UF_COKING_TIME] = pos_of(ld, coking_time >= 0 ? coking_time : v[U_COKE_OVEN]);
    un->pos[CU_UF_BOILER] = pos_of(ld, v[U_BOILER]);
    un->pos[CU_UF_INTERRUPTIBLE] = pos_of(ld, v[U_INTERRUPTIBLE]);
    if (v[U_BASELINE] >= 0) {
        int p;
        for (p = 0; p < CU_NP; p++)
            un->pos_baseline[p] =
                pos_of(ld, yt_map_get(ld->t, (uint32_t)v[U_BASELINE], pollutant_word(p)));
    }
}

static int load_unit(const loader *ld, uint32_t node, const ypath *path)
{
    curtail_unit_spec u = CURTAIL_UNIT_SPEC_INIT;
    int64_t v[U_COUNT], coking_time = -1;
    ypath fp[U_COUNT];
    curtail_error be;
    int k, w, rc;
    if ((rc = get_fields(ld, node, path, UNIT_KEYS, U_COUNT, v)) != CURTAIL_OK)
        return rc;
    for (k = 0; k < U_COUNT; k++)
        fp[k] = path_key(path, UNIT_KEYS[k]);
    if (v[U_ID] < 0)
        return missing(ld, node, path, "id");
    if ((rc = get_id(ld, (uint32_t)v[U_ID], &fp[U_ID], &u.id)))
        return rc;
    if (v[U_NAME] >= 0 && (rc = get_string(ld, (uint32_t)v[U_NAME], &fp[U_NAME], &u.name)))
        return rc;
    if (v[U_KIND] < 0)
        return missing(ld, node, path, "kind");
    if ((rc = get_word(ld, (uint32_t)v[U_KIND], &fp[U_KIND], &KINDS, &w)))
        return rc;
    u.kind = (curtail_kind)w;
    if (v[U_CAPACITY] < 0)
        return missing(ld, node, path, "capacity");
    if ((rc = get_number(ld, (uint32_t)v[U_CAPACITY], &fp[U_CAPACITY], &u.capacity)))
        return rc;
    if (v[U_BASE_LOAD] >= 0) {
        u.has_base_load = 1;
        if ((rc = get_number(ld, (uint32_t)v[U_BASE_LOAD], &fp[U_BASE_LOAD], &u.base_load)))
            return rc;
    }
    if (v[U_MIN_LOAD] >= 0) {
        u.has_min_load = 1;
        if ((rc = get_number(ld, (uint32_t)v[U_MIN_LOAD], &fp[U_MIN_LOAD], &u.min_load)))
            return rc;
    }
    if (v[U_VALUE] >= 0 && (rc = get_number(ld, (uint32_t)v[U_VALUE], &fp[U_VALUE], &u.value)))
        return rc;
    if (v[U_EF] >= 0) {
        u.has_ef = 1;
        if ((rc = get_pollutants(ld, (uint32_t)v[U_EF], &fp[U_EF], u.ef)))
            return rc;
    }
    if (v[U_BASELINE] >= 0) {
        u.has_baseline = 1;
        if ((rc = get_pollutants(ld, (uint32_t)v[U_BASELINE], &fp[U_BASELINE], u.baseline_kgpd)))
            return rc;
    }
    if (v[U_FIXED] >= 0 &&
        (rc = get_pollutants(ld, (uint32_t)v[U_FIXED], &fp[U_FIXED], u.fixed_kgpd)))
        return rc;
    if (v[U_INTERRUPTIBLE] >= 0) {
        if ((rc = get_bool(ld, (uint32_t)v[U_INTERRUPTIBLE], &fp[U_INTERRUPTIBLE], &w)))
            return rc;
        u.interruptible = w;
    }
    if (v[U_FOLLOWS] >= 0 &&
        (rc = get_id(ld, (uint32_t)v[U_FOLLOWS], &fp[U_FOLLOWS], &u.follows)))
        return rc;
    if (v[U_COKE_OVEN] >= 0 &&
        (rc = load_coke_oven(ld, (uint32_t)v[U_COKE_OVEN], &fp[U_COKE_OVEN], &u, &coking_time)))
        return rc;
    if (v[U_BOILER] >= 0 && (rc = load_boiler(ld, (uint32_t)v[U_BOILER], &fp[U_BOILER], &u)))
        return rc;
    if ((rc = curtail_scenario_add_unit(ld->s, &u, &be)) != CURTAIL_OK)
        return builder_error(ld, rc, &be, node, path);
    store_unit_positions(ld, &ld->s->units[ld->s->nunits - 1], node, v, coking_time);
    return CURTAIL_OK;
}

/* ---- enterprises -------------------------------------------------------------------- */

enum {
    E_ID,
    E_NAME,
    E_CREDIT,
    E_TOWN,
    E_INDUSTRY,
    E_GRADE,
    E_GUARANTEE,
    E_PHASE_OUT,
    E_UNITS,
    E_COUNT
};
static const char *const ENT_KEYS[E_COUNT] = {
    "id", "name", "credit_code", "town", "industry", "grade", "guarantee", "phase_out", "units"};

static int load_enterprise(const loader *ld, uint32_t node, const ypath *path)
{
    curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
    int64_t v[E_COUNT];
    ypath fp[E_COUNT];
    curtail_error be;
    cu_enterprise *en;
    uint32_t i, n;
    int k, w, rc;
    if ((rc = get_fields(ld, node, path, ENT_KEYS, E_COUNT, v)) != CURTAIL_OK)
        return rc;
    for (k = 0; k < E_COUNT; k++)
        fp[k] = path_key(path, ENT_KEYS[k]);
    if (v[E_ID] < 0)
        return missing(ld, node, path, "id");
    if ((rc = get_id(ld, (uint32_t)v[E_ID], &fp[E_ID], &e.id)))
        return rc;
    if (v[E_NAME] >= 0 && (rc = get_string(ld, (uint32_t)v[E_NAME], &fp[E_NAME], &e.name)))
        return rc;
    if (v[E_CREDIT] >= 0 &&
        (rc = get_string(ld, (uint32_t)v[E_CREDIT], &fp[E_CREDIT], &e.credit_code)))
        return rc;
    if (v[E_TOWN] >= 0 && (rc = get_string(ld, (uint32_t)v[E_TOWN], &fp[E_TOWN], &e.town)))
        return rc;
    if (v[E_INDUSTRY] < 0)
        return missing(ld, node, path, "industry");
    if ((rc = get_word(ld, (uint32_t)v[E_INDUSTRY], &fp[E_INDUSTRY], &INDUSTRIES, &w)))
        return rc;
    e.industry = (curtail_industry)w;
    if (v[E_GRADE] >= 0) {
        if ((rc = get_word(ld, (uint32_t)v[E_GRADE], &fp[E_GRADE], &GRADES, &w)))
            return rc;
        e.grade = (curtail_grade)w;
    }
    if (v[E_GUARANTEE] >= 0) {
        if ((rc = get_word(ld, (uint32_t)v[E_GUARANTEE], &fp[E_GUARANTEE], &GUARANTEES, &w)))
            return rc;
        e.guarantee = (curtail_guarantee)w;
    }
    if (v[E_PHASE_OUT] >= 0 &&
        (rc = get_bool(ld, (uint32_t)v[E_PHASE_OUT], &fp[E_PHASE_OUT], &e.phase_out)))
        return rc;
    if (v[E_UNITS] < 0)
        return missing(ld, node, path, "units");
    if (yt_at(ld->t, (uint32_t)v[E_UNITS])->type != YT_SEQ)
        return wrong_type(ld, (uint32_t)v[E_UNITS], &fp[E_UNITS], "a list of units");
    if ((rc = curtail_scenario_add_enterprise(ld->s, &e, &be)) != CURTAIL_OK)
        return builder_error(ld, rc, &be, node, path);
    en = &ld->s->ents[ld->s->nents - 1];
    en->pos[CU_EF_NODE] = yt_pos(ld->t, node);
    en->pos[CU_EF_ID] = pos_of(ld, v[E_ID]);
    en->pos[CU_EF_CREDIT_CODE] = pos_of(ld, v[E_CREDIT]);
    en->pos[CU_EF_INDUSTRY] = pos_of(ld, v[E_INDUSTRY]);
    en->pos[CU_EF_GRADE] = pos_of(ld, v[E_GRADE]);
    n = yt_count(ld->t, (uint32_t)v[E_UNITS]);
    for (i = 0; i < n; i++) {
        ypath up = path_index(&fp[E_UNITS], i);
        if ((rc = load_unit(ld, yt_kid(ld->t, (uint32_t)v[E_UNITS], i), &up)) != CURTAIL_OK)
            return rc;
    }
    return CURTAIL_OK;
}

static int load_enterprises(const loader *ld, uint32_t node, const ypath *path)
{
    uint32_t i, n;
    int rc;
    if (ld->st && ld->t->has_streamed && node == ld->t->streamed) {
        /* loaded during the parse: report its error now, in the schema's order */
        if (ld->st->rc != CURTAIL_OK && ld->err)
            *ld->err = ld->st->err;
        return ld->st->rc;
    }
    if (yt_at(ld->t, node)->type != YT_SEQ)
        return wrong_type(ld, node, path, "a list of enterprises");
    n = yt_count(ld->t, node);
    for (i = 0; i < n; i++) {
        ypath ip = path_index(path, i);
        if ((rc = load_enterprise(ld, yt_kid(ld->t, node, i), &ip)) != CURTAIL_OK)
            return rc;
    }
    return CURTAIL_OK;
}

/* ---- episode ------------------------------------------------------------------------ */

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* n decimal digits at s, or -1. */
static int digits(const char *s, int n)
{
    int v = 0, i;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* "YYYY-MM-DDTHH:MM" → minutes since 1970-01-01T00:00; -1 if malformed, -2 if no such time. */
static int parse_time(const char *s, int64_t *out)
{
    int y, mo, d, h, mi;
    if (strlen(s) != 16 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':')
        return -1;
    y = digits(s, 4);
    mo = digits(s + 5, 2);
    d = digits(s + 8, 2);
    h = digits(s + 11, 2);
    mi = digits(s + 14, 2);
    if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0)
        return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59)
        return -2;
    *out = (cu_days_from_civil(y, (unsigned)mo, (unsigned)d) * 24 + h) * 60 + mi;
    return 0;
}

static int get_time(const loader *ld, uint32_t node, const ypath *path, int64_t *out)
{
    const char *s;
    int rc;
    if ((rc = get_string(ld, node, path, &s)) != CURTAIL_OK)
        return rc;
    switch (parse_time(s, out)) {
    case 0:
        return CURTAIL_OK;
    case -2:
        return FAIL(ld, node, path, "no such date and time: %s", s);
    default:
        return wrong_type(ld, node, path, "a time YYYY-MM-DDTHH:MM");
    }
}

/* "HH:MM-HH:MM" within one day (the end may be 24:00), from < to. */
static int parse_window(const char *s, int *from, int *to)
{
    int h1, m1, h2, m2;
    if (strlen(s) != 11 || s[2] != ':' || s[5] != '-' || s[8] != ':')
        return -1;
    h1 = digits(s, 2);
    m1 = digits(s + 3, 2);
    h2 = digits(s + 6, 2);
    m2 = digits(s + 9, 2);
    if (h1 < 0 || m1 < 0 || h2 < 0 || m2 < 0 || h1 > 23 || m1 > 59 || m2 > 59 || h2 > 24 ||
        (h2 == 24 && m2 != 0))
        return -1;
    *from = h1 * 60 + m1;
    *to = h2 * 60 + m2;
    return *from < *to ? 0 : -1;
}

typedef struct span {
    int64_t from, to;
    size_t index;
    uint32_t node;
} span;

static int cmp_span(const void *a, const void *b)
{
    const span *x = a, *y = b;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Timeline entries may not overlap; the error names the later of two in the file. */
static int check_overlaps(const loader *ld, const cu_episode *ep, const uint32_t *nodes,
                          const ypath *path)
{
    const curtail_mem *mem = ld->s->mem;
    span *sp;
    size_t i, prev = 0;
    int rc = CURTAIL_OK;
    if (ep->nentries < 2)
        return CURTAIL_OK;
    sp = cu_calloc(mem, ep->nentries, sizeof *sp);
    if (!sp)
        return cu_enomem(ld->err);
    for (i = 0; i < ep->nentries; i++) {
        sp[i].from = ep->entries[i].from;
        sp[i].to = ep->entries[i].to;
        sp[i].index = i;
        sp[i].node = nodes[i];
    }
    qsort(sp, ep->nentries, sizeof *sp, cmp_span);
    for (i = 1; i < ep->nentries; i++) {
        if (sp[i].from < sp[prev].to) {
            const span *early = sp[i].index < sp[prev].index ? &sp[i] : &sp[prev];
            const span *late = early == &sp[i] ? &sp[prev] : &sp[i];
            ypath lp = path_index(path, late->index);
            rc = FAIL(ld, late->node, &lp, "overlaps timeline[%zu] (%s to %s)", early->index,
                      yt_str(ld->t, (uint32_t)yt_map_get(ld->t, early->node, "from")),
                      yt_str(ld->t, (uint32_t)yt_map_get(ld->t, early->node, "to")));
            break;
        }
        if (sp[i].to > sp[prev].to)
            prev = i;
    }
    cu_free(mem, sp);
    return rc;
}

static int load_entry(const loader *ld, uint32_t node, const ypath *path, int64_t start, int hours,
                      const char *start_text, cu_timeline_entry *out)
{
    static const char *const keys[] = {"level", "from", "to"};
    int64_t v[3], end = start + (int64_t)hours * 60;
    ypath lp = path_key(path, "level"), fp = path_key(path, "from"), tp = path_key(path, "to");
    int rc, k;
    if ((rc = get_fields(ld, node, path, keys, 3, v)) != CURTAIL_OK)
        return rc;
    for (k = 0; k < 3; k++)
        if (v[k] < 0)
            return missing(ld, node, path, keys[k]);
    if ((rc = get_word(ld, (uint32_t)v[0], &lp, &LEVELS, &out->level)) ||
        (rc = get_time(ld, (uint32_t)v[1], &fp, &out->from)) ||
        (rc = get_time(ld, (uint32_t)v[2], &tp, &out->to)))
        return rc;
    out->pos = yt_pos(ld->t, node);
    if (out->to <= out->from)
        return FAIL(ld, (uint32_t)v[2], &tp, "must be after from (%s)",
                    yt_str(ld->t, (uint32_t)v[1]));
    if (out->from < start)
        return FAIL(ld, (uint32_t)v[1], &fp, "is before the start of the episode (%s)", start_text);
    if (out->to > end)
        return FAIL(ld, (uint32_t)v[2], &tp, "is after the end of the episode (%s + %d hours)",
                    start_text, hours);
    return CURTAIL_OK;
}

static int load_timeline(const loader *ld, uint32_t node, const ypath *path, const char *start_text)
{
    cu_episode *ep = &ld->s->episode;
    const curtail_mem *mem = ld->s->mem;
    uint32_t *nodes = NULL;
    uint32_t i, n;
    int rc = CURTAIL_OK;
    if (yt_at(ld->t, node)->type != YT_SEQ)
        return wrong_type(ld, node, path, "a list of {level, from, to}");
    n = yt_count(ld->t, node);
    if (n == 0)
        return CURTAIL_OK;
    ep->entries = cu_calloc(mem, n, sizeof *ep->entries);
    nodes = cu_calloc(mem, n, sizeof *nodes);
    if (!ep->entries || !nodes) {
        rc = cu_enomem(ld->err);
        goto done;
    }
    for (i = 0; i < n; i++) {
        ypath ip = path_index(path, i);
        nodes[i] = yt_kid(ld->t, node, i);
        rc = load_entry(ld, nodes[i], &ip, ep->start, ep->hours, start_text, &ep->entries[i]);
        if (rc != CURTAIL_OK)
            goto done;
        ep->nentries++;
    }
    rc = check_overlaps(ld, ep, nodes, path);
done:
    cu_free(mem, nodes);
    return rc;
}

static int load_ozone(const loader *ld, uint32_t node, const ypath *path)
{
    static const char *const keys[] = {"window", "levels"};
    cu_episode *ep = &ld->s->episode;
    int64_t v[2];
    ypath wp = path_key(path, "window"), lp = path_key(path, "levels");
    int rc;
    if ((rc = get_fields(ld, node, path, keys, 2, v)) != CURTAIL_OK)
        return rc;
    ep->has_ozone = 1;
    if (v[0] >= 0) {
        const char *w;
        if ((rc = get_string(ld, (uint32_t)v[0], &wp, &w)) != CURTAIL_OK)
            return rc;
        if (parse_window(w, &ep->window_from, &ep->window_to) != 0) {
            char shown[256];
            yt_escape(shown, sizeof shown, w, 40);
            return FAIL(ld, (uint32_t)v[0], &wp,
                        "must be \"HH:MM-HH:MM\" within one day, from before to, got \"%s\"",
                        shown);
        }
    }
    if (v[1] >= 0 && (rc = get_word_mask(ld, (uint32_t)v[1], &lp, &LEVELS, 0, 0,
                                         &ep->ozone_levels)) != CURTAIL_OK)
        return rc;
    return CURTAIL_OK;
}

static int load_episode(const loader *ld, uint32_t node, const ypath *path)
{
    enum { P_START, P_HOURS, P_TIMELINE, P_OZONE, P_COUNT };
    static const char *const keys[P_COUNT] = {"start", "hours", "timeline", "ozone"};
    cu_episode *ep = &ld->s->episode;
    int64_t v[P_COUNT];
    ypath fp[P_COUNT];
    double hours;
    int k, rc;
    if ((rc = get_fields(ld, node, path, keys, P_COUNT, v)) != CURTAIL_OK)
        return rc;
    for (k = 0; k < P_COUNT; k++)
        fp[k] = path_key(path, keys[k]);
    ep->present = 1;
    ep->pos = yt_pos(ld->t, node);
    if (v[P_START] < 0)
        return missing(ld, node, path, "start");
    if ((rc = get_time(ld, (uint32_t)v[P_START], &fp[P_START], &ep->start)))
        return rc;
    if (ep->start % 60 != 0)
        return FAIL(ld, (uint32_t)v[P_START], &fp[P_START], "must fall on the hour, got %s",
                    yt_str(ld->t, (uint32_t)v[P_START]));
    if (v[P_HOURS] < 0)
        return missing(ld, node, path, "hours");
    if ((rc = get_number(ld, (uint32_t)v[P_HOURS], &fp[P_HOURS], &hours)))
        return rc;
    if (!(hours >= 1 && hours <= MAX_EPISODE_HOURS) || hours != floor(hours))
        return FAIL(ld, (uint32_t)v[P_HOURS], &fp[P_HOURS],
                    "must be a whole number of hours from 1 to %d, got %s", MAX_EPISODE_HOURS,
                    yt_str(ld->t, (uint32_t)v[P_HOURS]));
    /* hour labels are YYYY-MM-DDTHH:MM: the horizon ends by the year 9999 */
    if (ep->start + 60 * (int64_t)hours > cu_days_from_civil(10000, 1, 1) * 1440)
        return FAIL(ld, (uint32_t)v[P_HOURS], &fp[P_HOURS],
                    "the episode must end by 9999-12-31T24:00, got %s hours from %s",
                    yt_str(ld->t, (uint32_t)v[P_HOURS]), yt_str(ld->t, (uint32_t)v[P_START]));
    ep->hours = (int)hours;
    ep->pos_hours = yt_pos(ld->t, (uint32_t)v[P_HOURS]);
    if (v[P_TIMELINE] >= 0 && (rc = load_timeline(ld, (uint32_t)v[P_TIMELINE], &fp[P_TIMELINE],
                                                  yt_str(ld->t, (uint32_t)v[P_START]))))
        return rc;
    if (v[P_OZONE] >= 0 && (rc = load_ozone(ld, (uint32_t)v[P_OZONE], &fp[P_OZONE])))
        return rc;
    return CURTAIL_OK;
}

/* ---- the document ------------------------------------------------------------------- */

enum {
    K_CURTAIL,
    K_NAME,
    K_LANG,
    K_TARGETS,
    K_EXTRA,
    K_BUILTIN,
    K_POLICY,
    K_ENTERPRISES,
    K_EPISODE,
    K_VARIANTS,
    K_COUNT
};
static const char *const ROOT_KEYS[K_COUNT] = {"curtail", "name",        "lang",
                                               "targets", "extra",       "builtin_policy",
                                               "policy",  "enterprises", "episode",
                                               "variants"};

static int load_document(const loader *ld)
{
    curtail_scenario *s = ld->s;
    int64_t v[K_COUNT];
    ypath fp[K_COUNT];
    curtail_error be;
    uint32_t root;
    int k, w, rc;
    if ((rc = get_root(ld, "curtail", &root)) != CURTAIL_OK ||
        (rc = get_fields(ld, root, NULL, ROOT_KEYS, K_COUNT, v)) != CURTAIL_OK)
        return rc;
    for (k = 0; k < K_COUNT; k++)
        fp[k] = path_key(NULL, ROOT_KEYS[k]);
    if (v[K_NAME] >= 0) {
        const char *name;
        if ((rc = get_string(ld, (uint32_t)v[K_NAME], &fp[K_NAME], &name)))
            return rc;
        if ((rc = curtail_scenario_set_name(s, name, &be)) != CURTAIL_OK)
            return builder_error(ld, rc, &be, (uint32_t)v[K_NAME], &fp[K_NAME]);
    }
    if (v[K_LANG] >= 0) {
        if ((rc = get_word(ld, (uint32_t)v[K_LANG], &fp[K_LANG], &LANGS, &w)))
            return rc;
        if ((rc = curtail_scenario_set_lang(s, w == 0 ? CURTAIL_LANG_ZH : CURTAIL_LANG_EN, &be)) !=
            CURTAIL_OK)
            return builder_error(ld, rc, &be, (uint32_t)v[K_LANG], &fp[K_LANG]);
    }
    if (v[K_TARGETS] >= 0 && (rc = load_targets(ld, (uint32_t)v[K_TARGETS], &fp[K_TARGETS])))
        return rc;
    if (v[K_EXTRA] >= 0 && (rc = load_extra(ld, (uint32_t)v[K_EXTRA], &fp[K_EXTRA])))
        return rc;
    if (v[K_BUILTIN] >= 0) {
        if ((rc = get_bool(ld, (uint32_t)v[K_BUILTIN], &fp[K_BUILTIN], &w)))
            return rc;
        if ((rc = curtail_scenario_set_builtin_policy(s, w, &be)) != CURTAIL_OK)
            return builder_error(ld, rc, &be, (uint32_t)v[K_BUILTIN], &fp[K_BUILTIN]);
    }
    if (v[K_POLICY] >= 0 && (rc = load_policy(ld, (uint32_t)v[K_POLICY], &fp[K_POLICY])))
        return rc;
    if (v[K_ENTERPRISES] < 0)
        return missing(ld, root, NULL, "enterprises");
    if ((rc = load_enterprises(ld, (uint32_t)v[K_ENTERPRISES], &fp[K_ENTERPRISES])))
        return rc;
    if (v[K_EPISODE] >= 0 && (rc = load_episode(ld, (uint32_t)v[K_EPISODE], &fp[K_EPISODE])))
        return rc;
    /* what-if variants (override.c): their paths checked now, values when applied */
    if (v[K_VARIANTS] >= 0 && (rc = cu_variants_load(s, ld->t, (uint32_t)v[K_VARIANTS], ld->file,
                                                     ld->err)))
        return rc;
    return CURTAIL_OK;
}

static int check_options(const curtail_load_options *opts, curtail_error *err)
{
    if (opts && (opts->version == 0 || opts->version > CURTAIL_LOAD_OPTIONS_VERSION))
        return cu_einval(err, "curtail_load_options: unknown version %u", opts->version);
    return CURTAIL_OK;
}

/* One enterprise, as soon as the parser has it (yt_stream): an input error is
 * kept for load_document, which reports it in its turn unless the rest of
 * the file, or a section checked before the enterprises, has an error. */
typedef struct stream_ctx {
    loader ld; /* err points at st.err */
    streamed st;
} stream_ctx;

static int stream_enterprise(void *arg, const yt_tree *t, uint32_t node, size_t index)
{
    stream_ctx *sc = arg;
    ypath lp = path_key(NULL, "enterprises"), ip = path_index(&lp, index);
    int rc;
    sc->ld.t = t;
    rc = load_enterprise(&sc->ld, node, &ip);
    if (rc == CURTAIL_OK)
        return CURTAIL_OK;
    sc->st.rc = rc;
    if (rc != CURTAIL_EINPUT && sc->st.caller_err)
        *sc->st.caller_err = sc->st.err; /* ENOMEM: the parse stops */
    return rc;
}

/* `owned`, if not NULL, is `data` in memory of ours: freed as soon as it has
 * been parsed (a province file is as large as the scenario built from it). */
static int load_text(curtail_scenario **out, const char *data, size_t len, char *owned,
                     const char *file, const curtail_mem *mem, curtail_error *err)
{
    yt_tree t;
    curtail_scenario *s = NULL;
    loader ld;
    stream_ctx *sc = NULL;
    yt_stream stream;
    char *name;
    int rc;

    memset(&t, 0, sizeof t);
    if ((rc = curtail_scenario_new(&s, mem, err)) != CURTAIL_OK)
        goto done;
    if (!(name = cu_strdup(s->mem, file))) {
        rc = cu_enomem(err);
        goto done;
    }
    cu_free(s->mem, s->file);
    s->file = name;
    if (!(sc = cu_calloc(s->mem, 1, sizeof *sc))) {
        rc = cu_enomem(err);
        goto done;
    }
    loader_init(&sc->ld, &t, file, &sc->st.err, s);
    sc->st.rc = CURTAIL_OK;
    sc->st.caller_err = err;
    stream.key = "enterprises";
    stream.item = stream_enterprise;
    stream.arg = sc;
    rc = yt_parse_stream(&t, mem, data, len, file, &stream, err);
    cu_free(mem, owned);
    owned = NULL;
    if (rc != CURTAIL_OK)
        goto done;
    loader_init(&ld, &t, file, err, s);
    ld.st = &sc->st;
    if ((rc = load_document(&ld)) != CURTAIL_OK)
        goto done;
    yt_free(&t); /* the semantic checks need only the scenario */
    rc = curtail_scenario_check(s, err);
done:
    cu_free(mem, owned);
    yt_free(&t);
    if (s)
        cu_free(s->mem, sc);
    if (rc != CURTAIL_OK) {
        curtail_scenario_free(s);
        return rc;
    }
    *out = s;
    return CURTAIL_OK;
}

int curtail_scenario_load_buffer(curtail_scenario **out, const char *data, size_t len,
                                 const char *filename, const curtail_load_options *opts,
                                 curtail_error *err)
{
    int rc;
    if (!out)
        return cu_einval(err, "curtail_scenario_load_buffer: out is NULL");
    *out = NULL;
    if (!data && len)
        return cu_einval(err, "curtail_scenario_load_buffer: data is NULL");
    if ((rc = check_options(opts, err)) != CURTAIL_OK)
        return rc;
    return load_text(out, data ? data : "", len, NULL, filename ? filename : "<buffer>",
                     opts ? opts->mem : NULL, err);
}

static int too_big(const char *file, curtail_error *err)
{
    static const cu_pos nowhere = {0, 0};
    return cu_error(err, CURTAIL_EINPUT, file, nowhere, NULL,
                    "input is larger than the limit of 1 GiB");
}

/* Read a whole stream, refusing more than CU_MAX_FILE_BYTES. */
static int read_all(FILE *f, const char *file, const curtail_mem *mem, char **out, size_t *len,
                    curtail_error *err)
{
    static const cu_pos nowhere = {0, 0};
    char *buf = NULL;
    size_t n = 0, cap = 0;
    long size;
    int rc = CURTAIL_OK;

    /* a regular file's size lets us refuse it, or read it with one allocation */
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        if ((unsigned long)size > CU_MAX_FILE_BYTES)
            return too_big(file, err);
        cap = (size_t)size + 1;
    } else {
        clearerr(f);
        cap = 1 << 16;
    }
    if (!(buf = cu_realloc(mem, NULL, cap)))
        return cu_enomem(err);
    for (;;) {
        size_t got;
        if (n == cap) {
            size_t ncap = cap > CU_MAX_FILE_BYTES / 2 ? CU_MAX_FILE_BYTES + 1 : cap * 2;
            char *p = cu_realloc(mem, buf, ncap);
            if (!p) {
                rc = cu_enomem(err);
                break;
            }
            buf = p;
            cap = ncap;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n > CU_MAX_FILE_BYTES) {
            rc = too_big(file, err);
            break;
        }
        if (got == 0) {
            if (ferror(f))
                rc = cu_error(err, CURTAIL_EIO, file, nowhere, NULL, "cannot read: %s",
                              strerror(errno));
            break;
        }
    }
    if (rc != CURTAIL_OK) {
        cu_free(mem, buf);
        return rc;
    }
    *out = buf;
    *len = n;
    return CURTAIL_OK;
}

/* A regular file, a pipe or a socket is read, and standard input whatever it
 * is (a terminal, /dev/null); a directory, or a device named as FILE, is an
 * I/O error of its own, not "larger than 1 GiB" after a failed size probe. */
static int check_readable(FILE *f, const char *file, int from_stdin, curtail_error *err)
{
    static const cu_pos nowhere = {0, 0};
    struct stat st;
    if (fstat(fileno(f), &st) != 0)
        return cu_error(err, CURTAIL_EIO, file, nowhere, NULL, "cannot read: %s",
                        strerror(errno));
    if (S_ISDIR(st.st_mode))
        return cu_error(err, CURTAIL_EIO, file, nowhere, NULL, "is a directory");
    if (!from_stdin && !S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode) && !S_ISSOCK(st.st_mode))
        return cu_error(err, CURTAIL_EIO, file, nowhere, NULL,
                        "is not a regular file or a pipe");
    return CURTAIL_OK;
}

int curtail_scenario_load_file(curtail_scenario **out, const char *path,
                               const curtail_load_options *opts, curtail_error *err)
{
    static const cu_pos nowhere = {0, 0};
    const curtail_mem *mem = opts ? opts->mem : NULL;
    int from_stdin, rc;
    const char *file;
    char *data = NULL;
    size_t len = 0;
    FILE *f;

    if (!out)
        return cu_einval(err, "curtail_scenario_load_file: out is NULL");
    *out = NULL;
    if (!path)
        return cu_einval(err, "curtail_scenario_load_file: path is NULL");
    if ((rc = check_options(opts, err)) != CURTAIL_OK)
        return rc;
    from_stdin = strcmp(path, "-") == 0;
    file = from_stdin ? "<stdin>" : path;
    f = from_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return cu_error(err, CURTAIL_EIO, path, nowhere, NULL, "cannot open: %s", strerror(errno));
    rc = check_readable(f, file, from_stdin, err);
    if (rc == CURTAIL_OK)
        rc = read_all(f, file, mem, &data, &len, err);
    if (!from_stdin)
        fclose(f);
    if (rc == CURTAIL_OK)
        return load_text(out, data, len, data, file, mem, err); /* frees data */
    cu_free(mem, data);
    return rc;
}
