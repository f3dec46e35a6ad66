/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * yaml_read.h — the loader's lowest layer (yaml_read.c): strict readers over
 * the YAML node tree. Used by load_rules.c, load_units.c, load_episode.c and
 * load_yaml.c; it calls only yaml_tree.c, error.c and names.c.
 */
#ifndef CURTAIL_YAML_READ_H
#define CURTAIL_YAML_READ_H

#include "yaml_tree.h"

/* A node's path, kept on the C stack and rendered only for messages. */
typedef struct ypath {
    const struct ypath *up;
    const char *key; /* NULL: a sequence item */
    size_t index;
} ypath;

/* The enterprises, loaded while the file is parsed (yt_stream). */
typedef struct streamed {
    int rc;            /* CURTAIL_OK, or the first item's error (kept in err) */
    curtail_error err; /* that error, reported when the document reaches the list */
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

void yr_init(loader *ld, const yt_tree *t, const char *file, curtail_error *err,
             curtail_scenario *s);

/* ---- paths and errors ---- */
void yr_path_render(const ypath *p, char *buf, size_t size);
ypath yr_key(const ypath *up, const char *key);
ypath yr_index(const ypath *up, size_t i);
void yr_fail_at(const loader *ld, cu_pos pos, const ypath *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* Report an input error at `node`; the expression's value is CURTAIL_EINPUT. */
#define FAIL(ld, node, path, ...) \
    (yr_fail_at((ld), yt_pos((ld)->t, (node)), (path), __VA_ARGS__), CURTAIL_EINPUT)
/* How a node looks, for "expected X, got Y" (yr_describe_node: of any tree). */
void yr_describe_node(const yt_tree *t, uint32_t node, char *buf, size_t size);
void yr_describe(const loader *ld, uint32_t node, char *buf, size_t size);
int yr_wrong_type(const loader *ld, uint32_t node, const ypath *path, const char *want);
/* The position of a value node, or none for -1 (an absent key). */
static inline cu_pos yr_pos_of(const loader *ld, int64_t node)
{
    static const cu_pos none = {0, 0};
    return node >= 0 ? yt_pos(ld->t, (uint32_t)node) : none;
}

/* ---- scalars ---- */
int yr_is_scalar(const loader *ld, uint32_t node);
/* .inf, -.Inf, .nan and the like: 1, else 0. */
int yr_nonfinite_word(const char *s);
/* A finite YAML 1.2 core-schema number (plain, never quoted). */
int yr_number(const loader *ld, uint32_t node, const ypath *path, double *out);
/* 1 true, 0 false, -1 not a core-schema boolean. */
int yr_core_bool(const loader *ld, uint32_t node);
int yr_bool(const loader *ld, uint32_t node, const ypath *path, int *out);
/* Any non-null scalar is a string: `id: 123` is "123". */
int yr_string(const loader *ld, uint32_t node, const ypath *path, const char **out);
/* An id: a string or a number, never a boolean or null. */
int yr_id(const loader *ld, uint32_t node, const ypath *path, const char **out);

/* ---- closed vocabularies ---- */
/* Value i is written name(i); parse (NULL: a scan of the names) gives the
 * value of a word or -1. */
typedef struct wordset {
    const char *what;
    int n;
    const char *(*name)(int i);
    int (*parse)(const char *s);
} wordset;
extern const wordset YR_POLLUTANTS, YR_LEVELS, YR_INDUSTRIES, YR_KINDS, YR_GRADES, YR_FUELS;
extern const wordset YR_GUARANTEES; /* none, livelihood, supply */
/* values 0, 1 stand for CURTAIL_GUARANTEE_LIVELIHOOD, _SUPPLY */
extern const wordset YR_RULE_GUARANTEES;
/* values 0, 1 stand for CURTAIL_QUENCHING_DRY, _WET */
extern const wordset YR_QUENCHINGS;
/* values 0, 1 stand for CURTAIL_LANG_ZH, _EN */
extern const wordset YR_LANGS;
extern const wordset YR_BASES; /* listed, totals */
extern const wordset YR_SEASONS; /* heating, ozone, other */
extern const wordset YR_TRUCK_CLASSES;
int yr_word_index(const wordset *ws, const char *s);
/* "w0, w1, ...": the words of ws, for "expected one of: ..." */
void yr_word_list(const wordset *ws, char *buf, size_t size);
int yr_unknown_word(const loader *ld, uint32_t node, const ypath *path, const wordset *ws);
int yr_word(const loader *ld, uint32_t node, const ypath *path, const wordset *ws, int *out);
/* A list of words (or, with `single`, one word) as a bit mask. */
int yr_word_mask(const loader *ld, uint32_t node, const ypath *path, const wordset *ws,
                 int single, int allow_empty, unsigned *out);

/* ---- mappings ---- */
/* `node` is a mapping whose keys all come from `keys`; vals[k] is the value
 * node of keys[k], or -1 when absent. */
int yr_fields(const loader *ld, uint32_t node, const ypath *path, const char *const *keys,
              int nkeys, int64_t *vals);
int yr_missing(const loader *ld, uint32_t map, const ypath *path, const char *key);
/* A mapping keyed by the words of `ws` (pollutants, grades, levels). */
int yr_word_keys(const loader *ld, uint32_t node, const ypath *path, const wordset *ws,
                 int64_t *vals);
/* {SO2: x, NOx: y, ...}: pollutants left out keep the value already in v. */
int yr_pollutants(const loader *ld, uint32_t node, const ypath *path, double v[CU_NP]);

/* ---- documents and builders ---- */
/* The root mapping, with its schema version (`curtail: 1`, `curtail_policy: 1`). */
int yr_root(const loader *ld, const char *version_key, uint32_t *root);
/* A builder's error, its path relative to the object it builds ("ef.SO2"),
 * made absolute and positioned at that node under `obj`. */
int yr_builder_error(const loader *ld, int rc, const curtail_error *berr, uint32_t obj,
                     const ypath *objpath);

/* The value of a core-schema decimal (yt_is_decimal), read whatever the C
 * library's decimal point: 0, or -1 when it is not finite. */
int yr_decimal_value(const char *s, char decimal_point, double *out);

#endif
