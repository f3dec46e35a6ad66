/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * load_yaml.c — YAML → scenario, strictly (SPEC §2): reading the file, the
 * document's top level, its targets and extra grades. The layers below
 * (load.h) read the policy, the enterprises and the episode.
 *
 * The text is parsed into a node tree first (yaml_tree.c), then walked by
 * schema: structure and types are checked by the loader, value ranges by the
 * builder calls of scenario.c and episode.c, whose relative error paths
 * ("capacity", "ef.SO2") are looked up in the tree to give the error its line
 * and column. The enterprises are the exception that makes a province fit:
 * each is loaded as soon as the parser has it and then dropped from the tree
 * (yt_stream), its error, if any, held until the schema walk reaches
 * `enterprises`.
 */
#define _POSIX_C_SOURCE 200809L /* fileno, fstat */
#include "load.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- scenario sections -------------------------------------------------------------- */

static int load_ratios(const loader *ld, uint32_t node, const ypath *path)
{
    int64_t lv[CU_NL];
    int L, rc;
    if ((rc = yr_word_keys(ld, node, path, &YR_LEVELS, lv)) != CURTAIL_OK)
        return rc;
    for (L = 0; L < CU_NL; L++) {
        /* a level given replaces the default; pollutants left out have no target */
        double r[CU_NP] = {0, 0, 0, 0};
        ypath lp = yr_key(path, curtail_level_name((curtail_level)L));
        curtail_error be;
        if (lv[L] < 0)
            continue;
        if ((rc = yr_pollutants(ld, (uint32_t)lv[L], &lp, r)) != CURTAIL_OK)
            return rc;
        if ((rc = curtail_scenario_set_ratios(ld->s, (curtail_level)L, r, &be)) != CURTAIL_OK)
            return yr_builder_error(ld, rc, &be, (uint32_t)lv[L], &lp);
    }
    return CURTAIL_OK;
}

/* targets.credits_kgpd: {LEVEL: {POLLUTANT: kg/d}} (issue 10) */
static int load_credits(const loader *ld, uint32_t node, const ypath *path)
{
    int64_t lv[CU_NL];
    int L, p, rc;
    if ((rc = yr_word_keys(ld, node, path, &YR_LEVELS, lv)) != CURTAIL_OK)
        return rc;
    for (L = 0; L < CU_NL; L++) {
        double c[CU_NP] = {0, 0, 0, 0};
        ypath lp = yr_key(path, curtail_level_name((curtail_level)L));
        curtail_error be;
        if (lv[L] < 0)
            continue;
        if ((rc = yr_pollutants(ld, (uint32_t)lv[L], &lp, c)) != CURTAIL_OK)
            return rc;
        for (p = 0; p < CU_NP; p++)
            ld->s->pos_credit[L][p] = yr_pos_of(
                ld, yt_map_get(ld->t, (uint32_t)lv[L], curtail_pollutant_name((curtail_pollutant)p)));
        if ((rc = curtail_scenario_set_credits(ld->s, (curtail_level)L, c, &be)) != CURTAIL_OK)
            return yr_builder_error(ld, rc, &be, (uint32_t)lv[L], &lp);
    }
    return CURTAIL_OK;
}

/* targets.combined: [{pollutants: [SO2, NOx], levels: [...], ratio: 0.4}] (issue 10) */
static int load_combined(const loader *ld, uint32_t node, const ypath *path)
{
    static const char *const keys[3] = {"pollutants", "levels", "ratio"};
    uint32_t i, n;
    int rc, k;
    if (yt_at(ld->t, node)->type != YT_SEQ)
        return yr_wrong_type(ld, node, path, "a list of combined targets");
    n = yt_count(ld->t, node);
    for (i = 0; i < n; i++) {
        uint32_t item = yt_kid(ld->t, node, i);
        ypath ip = yr_index(path, i), fp[3];
        int64_t v[3];
        unsigned pol, lev;
        double ratio;
        curtail_error be;
        if ((rc = yr_fields(ld, item, &ip, keys, 3, v)) != CURTAIL_OK)
            return rc;
        for (k = 0; k < 3; k++) {
            fp[k] = yr_key(&ip, keys[k]);
            if (v[k] < 0)
                return yr_missing(ld, item, &ip, keys[k]);
        }
        if (i >= CU_MAX_COMBINED)
            return FAIL(ld, item, &ip, "at most %d combined targets", CU_MAX_COMBINED);
        if ((rc = yr_word_mask(ld, (uint32_t)v[0], &fp[0], &YR_POLLUTANTS, 0, 0, &pol)) ||
            (rc = yr_word_mask(ld, (uint32_t)v[1], &fp[1], &YR_LEVELS, 0, 0, &lev)) ||
            (rc = yr_number(ld, (uint32_t)v[2], &fp[2], &ratio)))
            return rc;
        if ((rc = curtail_scenario_add_combined_target(ld->s, pol, lev, ratio, &be)) != CURTAIL_OK)
            return yr_builder_error(ld, rc, &be, item, &ip);
    }
    return CURTAIL_OK;
}

static int load_targets(const loader *ld, uint32_t node, const ypath *path)
{
    enum { T_BASE, T_TOTALS, T_RATIOS, T_CREDITS, T_COMBINED, T_COUNT };
    static const char *const keys[T_COUNT] = {"base", "totals_kgpd", "ratios", "credits_kgpd",
                                              "combined"};
    int64_t v[T_COUNT];
    double totals[CU_NP] = {0, 0, 0, 0};
    int base = CURTAIL_BASE_LISTED, rc;
    ypath fp[T_COUNT];
    curtail_error be;
    int k;
    if ((rc = yr_fields(ld, node, path, keys, T_COUNT, v)) != CURTAIL_OK)
        return rc;
    for (k = 0; k < T_COUNT; k++)
        fp[k] = yr_key(path, keys[k]);
    ld->s->pos_targets = yt_pos(ld->t, node);
    if (v[T_BASE] >= 0 && (rc = yr_word(ld, (uint32_t)v[T_BASE], &fp[T_BASE], &YR_BASES, &base)))
        return rc;
    if (v[T_TOTALS] >= 0) {
        ld->s->pos_totals = yt_pos(ld->t, (uint32_t)v[T_TOTALS]);
        if ((rc = yr_pollutants(ld, (uint32_t)v[T_TOTALS], &fp[T_TOTALS], totals)))
            return rc;
        for (k = 0; k < CU_NP; k++)
            ld->s->pos_total[k] = yr_pos_of(ld, yt_map_get(ld->t, (uint32_t)v[T_TOTALS],
                                                          curtail_pollutant_name((curtail_pollutant)k)));
    }
    rc = curtail_scenario_set_target_base(ld->s, (curtail_base)base,
                                          v[T_TOTALS] >= 0 ? totals : NULL, &be);
    if (rc != CURTAIL_OK)
        return yr_builder_error(ld, rc, &be, node, path);
    if (v[T_RATIOS] >= 0 && (rc = load_ratios(ld, (uint32_t)v[T_RATIOS], &fp[T_RATIOS])))
        return rc;
    if (v[T_CREDITS] >= 0 && (rc = load_credits(ld, (uint32_t)v[T_CREDITS], &fp[T_CREDITS])))
        return rc;
    if (v[T_COMBINED] >= 0)
        return load_combined(ld, (uint32_t)v[T_COMBINED], &fp[T_COMBINED]);
    return CURTAIL_OK;
}

static int load_extra(const loader *ld, uint32_t node, const ypath *path)
{
    static const char *const keys[] = {"grades", "weights"};
    int64_t v[2], gv[CURTAIL_NGRADES];
    ypath gp = yr_key(path, "grades"), wp = yr_key(path, "weights");
    curtail_error be;
    int g, rc;
    if ((rc = yr_fields(ld, node, path, keys, 2, v)) != CURTAIL_OK)
        return rc;
    ld->s->pos_extra = yt_pos(ld->t, node);
    if (v[0] >= 0) {
        unsigned grades;
        if ((rc = yr_word_mask(ld, (uint32_t)v[0], &gp, &YR_GRADES, 0, 1, &grades)))
            return rc;
        if ((rc = curtail_scenario_set_extra_grades(ld->s, grades, &be)) != CURTAIL_OK)
            return yr_builder_error(ld, rc, &be, (uint32_t)v[0], &gp);
    }
    if (v[1] >= 0) {
        double w[CURTAIL_NGRADES];
        if ((rc = yr_word_keys(ld, (uint32_t)v[1], &wp, &YR_GRADES, gv)) != CURTAIL_OK)
            return rc;
        for (g = 0; g < CURTAIL_NGRADES; g++) {
            ypath p = yr_key(&wp, curtail_grade_name((curtail_grade)g));
            w[g] = 1.0; /* grades absent from weights weigh 1 */
            if (gv[g] >= 0 && (rc = yr_number(ld, (uint32_t)gv[g], &p, &w[g])))
                return rc;
        }
        if ((rc = curtail_scenario_set_extra_weights(ld->s, w, &be)) != CURTAIL_OK)
            return yr_builder_error(ld, rc, &be, (uint32_t)v[1], &wp);
    }
    return CURTAIL_OK;
}

/* ---- the document ------------------------------------------------------------------- */

enum {
    K_CURTAIL,
    K_NAME,
    K_LANG,
    K_SEASON,
    K_TARGETS,
    K_EXTRA,
    K_BUILTIN,
    K_POLICY,
    K_ENTERPRISES,
    K_EPISODE,
    K_NOTE,
    K_COMPILED_BY,
    K_VARIANTS,
    K_TRANSPORT_FACTORS,
    K_COUNT
};
static const char *const ROOT_KEYS[K_COUNT] = {"curtail", "name",        "lang",  "season",
                                               "targets", "extra",       "builtin_policy",
                                               "policy",  "enterprises", "episode",
                                               "note",    "compiled_by", "variants",
                                               "transport_factors"};

static int load_document(const loader *ld)
{
    curtail_scenario *s = ld->s;
    int64_t v[K_COUNT];
    ypath fp[K_COUNT];
    curtail_error be;
    uint32_t root;
    int k, w, rc;
    if ((rc = yr_root(ld, "curtail", &root)) != CURTAIL_OK ||
        (rc = yr_fields(ld, root, NULL, ROOT_KEYS, K_COUNT, v)) != CURTAIL_OK)
        return rc;
    for (k = 0; k < K_COUNT; k++)
        fp[k] = yr_key(NULL, ROOT_KEYS[k]);
    if (v[K_NAME] >= 0) {
        const char *name;
        if ((rc = yr_string(ld, (uint32_t)v[K_NAME], &fp[K_NAME], &name)))
            return rc;
        if ((rc = curtail_scenario_set_name(s, name, &be)) != CURTAIL_OK)
            return yr_builder_error(ld, rc, &be, (uint32_t)v[K_NAME], &fp[K_NAME]);
    }
    if (v[K_NOTE] >= 0 || v[K_COMPILED_BY] >= 0) {
        const char *note = NULL, *by = NULL;
        if (v[K_NOTE] >= 0 && (rc = yr_string(ld, (uint32_t)v[K_NOTE], &fp[K_NOTE], &note)))
            return rc;
        if (v[K_COMPILED_BY] >= 0 &&
            (rc = yr_string(ld, (uint32_t)v[K_COMPILED_BY], &fp[K_COMPILED_BY], &by)))
            return rc;
        if ((rc = curtail_scenario_set_note(s, note, by, &be)) != CURTAIL_OK)
            return yr_builder_error(ld, rc, &be, root, NULL);
    }
    if (v[K_LANG] >= 0) {
        if ((rc = yr_word(ld, (uint32_t)v[K_LANG], &fp[K_LANG], &YR_LANGS, &w)))
            return rc;
        if ((rc = curtail_scenario_set_lang(s, w == 0 ? CURTAIL_LANG_ZH : CURTAIL_LANG_EN, &be)) !=
            CURTAIL_OK)
            return yr_builder_error(ld, rc, &be, (uint32_t)v[K_LANG], &fp[K_LANG]);
    }
    if (v[K_SEASON] >= 0) {
        if ((rc = yr_word(ld, (uint32_t)v[K_SEASON], &fp[K_SEASON], &YR_SEASONS, &w)))
            return rc;
        if ((rc = curtail_scenario_set_season(s, (curtail_season)w, &be)) != CURTAIL_OK)
            return yr_builder_error(ld, rc, &be, (uint32_t)v[K_SEASON], &fp[K_SEASON]);
    }
    if (v[K_TARGETS] >= 0 && (rc = load_targets(ld, (uint32_t)v[K_TARGETS], &fp[K_TARGETS])))
        return rc;
    if (v[K_EXTRA] >= 0 && (rc = load_extra(ld, (uint32_t)v[K_EXTRA], &fp[K_EXTRA])))
        return rc;
    if (v[K_BUILTIN] >= 0) {
        if ((rc = yr_bool(ld, (uint32_t)v[K_BUILTIN], &fp[K_BUILTIN], &w)))
            return rc;
        if ((rc = curtail_scenario_set_builtin_policy(s, w, &be)) != CURTAIL_OK)
            return yr_builder_error(ld, rc, &be, (uint32_t)v[K_BUILTIN], &fp[K_BUILTIN]);
    }
    if (v[K_POLICY] >= 0 && (rc = cu_load_policy(ld, (uint32_t)v[K_POLICY], &fp[K_POLICY])))
        return rc;
    if (v[K_TRANSPORT_FACTORS] >= 0 &&
        (rc = cu_load_transport_factors(ld, (uint32_t)v[K_TRANSPORT_FACTORS],
                                        &fp[K_TRANSPORT_FACTORS])))
        return rc;
    if (v[K_ENTERPRISES] < 0)
        return yr_missing(ld, root, NULL, "enterprises");
    if ((rc = cu_load_enterprises(ld, (uint32_t)v[K_ENTERPRISES], &fp[K_ENTERPRISES])))
        return rc;
    if (v[K_EPISODE] >= 0 && (rc = cu_load_episode(ld, (uint32_t)v[K_EPISODE], &fp[K_EPISODE])))
        return rc;
    /* what-if variants (override.c): their paths checked now, values when applied */
    if (v[K_VARIANTS] >= 0 && (rc = cu_variants_load(s, ld->t, (uint32_t)v[K_VARIANTS], ld->file,
                                                     ld->err)))
        return rc;
    return CURTAIL_OK;
}

static int check_options(const curtail_load_options *opts, curtail_error *err)
{
    if (opts && cu_check_version(opts->version, CURTAIL_LOAD_OPTIONS_VERSION,
                                 "curtail_load_options", err) != CURTAIL_OK)
        return CURTAIL_EINVAL;
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
    ypath lp = yr_key(NULL, "enterprises"), ip = yr_index(&lp, index);
    int rc;
    sc->ld.t = t;
    rc = cu_load_enterprise(&sc->ld, node, &ip);
    if (rc == CURTAIL_OK)
        return CURTAIL_OK;
    sc->st.rc = rc;
    if (rc != CURTAIL_EINPUT && sc->st.caller_err)
        *sc->st.caller_err = sc->st.err; /* ENOMEM: the parse stops */
    return rc;
}

/* An empty scenario that names its file. */
static int named_scenario(curtail_scenario **out, const curtail_mem *mem, const char *file,
                          curtail_error *err)
{
    curtail_scenario *s = NULL;
    char *name;
    int rc = curtail_scenario_new(&s, mem, err);
    if (rc != CURTAIL_OK)
        return rc;
    if (!(name = cu_strdup(s->mem, file))) {
        curtail_scenario_free(s);
        return cu_enomem(err);
    }
    cu_free(s->mem, s->file);
    s->file = name;
    *out = s;
    return CURTAIL_OK;
}

/* The fast reader gave up after handing out enterprises: start again with
 * an empty scenario of the same name, as libyaml reads the text anew. */
static int stream_restart(void *arg)
{
    stream_ctx *sc = arg;
    curtail_scenario *s = NULL;
    int rc = named_scenario(&s, sc->ld.s->mem, sc->ld.s->file, sc->st.caller_err);
    if (rc != CURTAIL_OK)
        return rc;
    curtail_scenario_free(sc->ld.s);
    sc->ld.s = s;
    sc->st.rc = CURTAIL_OK;
    memset(&sc->st.err, 0, sizeof sc->st.err);
    return CURTAIL_OK;
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
    int rc;

    memset(&t, 0, sizeof t);
    if ((rc = named_scenario(&s, mem, file, err)) != CURTAIL_OK)
        goto done;
    if (!(sc = cu_calloc(s->mem, 1, sizeof *sc))) {
        rc = cu_enomem(err);
        goto done;
    }
    yr_init(&sc->ld, &t, file, &sc->st.err, s);
    sc->st.rc = CURTAIL_OK;
    sc->st.caller_err = err;
    stream.key = "enterprises";
    stream.item = stream_enterprise;
    stream.arg = sc;
    stream.restart = stream_restart;
    rc = yt_parse_stream(&t, mem, data, len, file, &stream, err);
    s = sc->ld.s; /* a new one if the parse started again */
    cu_free(mem, owned);
    owned = NULL;
    if (rc != CURTAIL_OK)
        goto done;
    yr_init(&ld, &t, file, err, s);
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
