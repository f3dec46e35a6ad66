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
#include "scenario.h"
#include "rule_schema.h"
#include "yaml_tree.h"
#include "yaml_read.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- one override in progress -------------------------------------------------------- */

typedef struct ov {
    curtail_scenario *s;
    const char *path; /* as written, for messages */
    const char *file; /* NULL: no position */
    cu_pos pos;
    curtail_error *err;
    yt_tree t;
    int has_value; /* a non-null value was given */
    uint32_t root;
} ov;

#define NO_NODE UINT32_MAX

static int ov_fail(const ov *o, const char *sub, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* An input error of the override: its path (plus `sub`, ".SO2"), its position. */
static int ov_fail(const ov *o, const char *sub, const char *fmt, ...)
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
static int ov_builder(const ov *o, int rc, const curtail_error *be)
{
    char msg[sizeof be->message];
    if (rc == CURTAIL_ENOMEM)
        return cu_enomem(o->err);
    if (rc != CURTAIL_EINPUT)
        return cu_error(o->err, rc, o->file, o->pos, o->path, "%s", be->message);
    yt_escape(msg, sizeof msg, be->message, sizeof msg);
    return ov_fail(o, NULL, "%s", msg);
}

static int is_null(const ov *o, uint32_t n)
{
    return n == NO_NODE || (yt_at(&o->t, n)->type == YT_SCALAR && yt_at(&o->t, n)->plain &&
                            yt_is_null(&o->t, n));
}

static int is_scalar(const ov *o, uint32_t n)
{
    return n != NO_NODE && yt_at(&o->t, n)->type == YT_SCALAR;
}

/* How a value looks, for "expected X, got Y" (as the loader says it). */
static void describe(const ov *o, uint32_t n, char *buf, size_t size)
{
    const yt_node *nd;
    char text[128];
    if (is_null(o, n)) {
        snprintf(buf, size, "null");
        return;
    }
    nd = yt_at(&o->t, n);
    if (nd->type == YT_MAP) {
        snprintf(buf, size, "a mapping");
        return;
    }
    if (nd->type == YT_SEQ) {
        snprintf(buf, size, "a list");
        return;
    }
    yt_escape(text, sizeof text, yt_str(&o->t, n), 40);
    snprintf(buf, size, "\"%s\"%s", text,
             nd->plain ? "" : nd->tagged ? " (tagged as a string)" : " (quoted, so a string)");
}

static int wrong_type(const ov *o, uint32_t n, const char *sub, const char *want)
{
    char got[192];
    describe(o, n, got, sizeof got);
    return ov_fail(o, sub, "expected %s, got %s", want, got);
}

/* ---- strict scalars (the loader's rules) --------------------------------------------- */

static int is_nonfinite_word(const char *s)
{
    if (*s == '-' || *s == '+')
        s++;
    return strcmp(s, ".inf") == 0 || strcmp(s, ".Inf") == 0 || strcmp(s, ".INF") == 0 ||
           strcmp(s, ".nan") == 0 || strcmp(s, ".NaN") == 0 || strcmp(s, ".NAN") == 0;
}

static int rd_number(const ov *o, uint32_t n, const char *sub, double *out)
{
    const char *s;
    double v;
    if (!is_scalar(o, n) || !yt_at(&o->t, n)->plain || is_null(o, n))
        return wrong_type(o, n, sub, "a number");
    s = yt_str(&o->t, n);
    if (is_nonfinite_word(s))
        return ov_fail(o, sub, "must be a finite number, got %s", s);
    if (!yt_is_decimal(s))
        return wrong_type(o, n, sub, "a number");
    if (yr_decimal_value(s, localeconv()->decimal_point[0], &v) != 0)
        return ov_fail(o, sub, "must be a finite number, got %s", s);
    *out = v;
    return CURTAIL_OK;
}

static int core_bool(const ov *o, uint32_t n)
{
    static const char *const words[] = {"true", "True", "TRUE", "false", "False", "FALSE"};
    size_t i;
    if (!is_scalar(o, n) || !yt_at(&o->t, n)->plain)
        return -1;
    for (i = 0; i < 6; i++)
        if (strcmp(yt_str(&o->t, n), words[i]) == 0)
            return i < 3;
    return -1;
}

static int rd_bool(const ov *o, uint32_t n, const char *sub, int *out)
{
    int b = core_bool(o, n);
    if (b < 0)
        return wrong_type(o, n, sub, "true or false");
    *out = b;
    return CURTAIL_OK;
}

static int rd_string(const ov *o, uint32_t n, const char *sub, const char **out)
{
    if (!is_scalar(o, n) || is_null(o, n))
        return wrong_type(o, n, sub, "a string");
    *out = yt_str(&o->t, n);
    return CURTAIL_OK;
}

static int rd_id(const ov *o, uint32_t n, const char *sub, const char **out)
{
    char got[192];
    if (core_bool(o, n) >= 0)
        return ov_fail(o, sub, "must be a string or a number, got %s", yt_str(&o->t, n));
    if (!is_scalar(o, n) || is_null(o, n)) {
        describe(o, n, got, sizeof got);
        return ov_fail(o, sub, "must be a string or a number, got %s", got);
    }
    *out = yt_str(&o->t, n);
    return CURTAIL_OK;
}

/* Closed word lists: the loader's (yaml_read.c). */
#define POLLUTANTS YR_POLLUTANTS
#define LEVELS YR_LEVELS
#define INDUSTRIES YR_INDUSTRIES
#define GRADES YR_GRADES
#define FUELS YR_FUELS
#define GUARANTEES YR_GUARANTEES
#define QUENCHINGS YR_QUENCHINGS
#define LANGS YR_LANGS
#define BASES YR_BASES

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

static int unknown_word_text(const ov *o, const char *sub, const wordset *ws, const char *got)
{
    char words[256];
    word_list(ws, words, sizeof words);
    return ov_fail(o, sub, "unknown %s %s, expected one of: %s", ws->what, got, words);
}

static int rd_word(const ov *o, uint32_t n, const char *sub, const wordset *ws, int *out)
{
    char got[192];
    int i = -1;
    if (is_scalar(o, n) && !is_null(o, n))
        i = yr_word_index(ws, yt_str(&o->t, n));
    if (i < 0) {
        describe(o, n, got, sizeof got);
        return unknown_word_text(o, sub, ws, got);
    }
    *out = i;
    return CURTAIL_OK;
}

/* A path component that must be a word ("orange", "NOx"). */
static int path_word(const ov *o, const char *text, const wordset *ws, int *out)
{
    char got[160], shown[128];
    int i = yr_word_index(ws, text);
    if (i < 0) {
        yt_escape(shown, sizeof shown, text, 40);
        snprintf(got, sizeof got, "\"%s\"", shown);
        return unknown_word_text(o, NULL, ws, got);
    }
    *out = i;
    return CURTAIL_OK;
}

/* {SO2: x, ...} over v (pollutants left out keep their value). */
static int rd_pollutants(const ov *o, uint32_t n, double v[CU_NP])
{
    uint32_t i, pairs;
    int rc, p;
    char sub[64];
    if (n == NO_NODE || yt_at(&o->t, n)->type != YT_MAP)
        return wrong_type(o, n, NULL, "a mapping");
    pairs = yt_count(&o->t, n);
    for (i = 0; i < pairs; i++) {
        uint32_t k = yt_kid(&o->t, n, 2 * i), val = yt_kid(&o->t, n, 2 * i + 1);
        char got[192];
        snprintf(sub, sizeof sub, ".%s", yt_str(&o->t, k));
        if ((p = yr_word_index(&POLLUTANTS, yt_str(&o->t, k))) < 0) {
            describe(o, k, got, sizeof got);
            return unknown_word_text(o, sub, &POLLUTANTS, got);
        }
        if ((rc = rd_number(o, val, sub, &v[p])) != CURTAIL_OK)
            return rc;
    }
    return CURTAIL_OK;
}

/* ---- targets, extra, policy ---------------------------------------------------------- */

static int set_ratio_level(const ov *o, int L, const double r[CU_NP])
{
    curtail_error be;
    int rc = curtail_scenario_set_ratios(o->s, (curtail_level)L, r, &be);
    return rc ? ov_builder(o, rc, &be) : CURTAIL_OK;
}

static int ov_policy_add(const ov *o, const char *value)
{
    /* the rule (or list of rules) read by the loader's own rule parser */
    cu_buf b;
    cu_rule *rules = NULL;
    size_t n = 0, i;
    curtail_error pe;
    int rc;
    const char *v = value ? value : "";
    while (*v == ' ')
        v++;
    if (o->t.has_root && yt_at(&o->t, o->root)->type != YT_MAP &&
        yt_at(&o->t, o->root)->type != YT_SEQ)
        return wrong_type(o, o->root, NULL, "a rule (a mapping) or a list of rules");
    if (!o->has_value)
        return wrong_type(o, NO_NODE, NULL, "a rule (a mapping) or a list of rules");
    cu_buf_init(&b, o->s->mem);
    cu_buf_puts(&b, "curtail_policy: 1\nrules: ");
    if (*v != '[')
        cu_buf_puts(&b, "[");
    cu_buf_puts(&b, v);
    if (*v != '[')
        cu_buf_puts(&b, "]");
    cu_buf_puts(&b, "\n");
    if (b.failed) {
        cu_buf_free(&b);
        return cu_enomem(o->err);
    }
    rc = cu_policy_parse(o->s->mem, b.data, b.len, "", &rules, &n, &pe);
    cu_buf_free(&b);
    if (rc != CURTAIL_OK) {
        char sub[600];
        /* "rules[i].max_load" -> "policy+[i].max_load" (".max_load" for one rule) */
        const char *rest = strncmp(pe.path, "rules", 5) == 0 ? pe.path + 5 : pe.path;
        if (*v != '[' && strncmp(rest, "[0]", 3) == 0)
            rest += 3;
        snprintf(sub, sizeof sub, "%s", rest);
        if (rc == CURTAIL_ENOMEM)
            return cu_enomem(o->err);
        return ov_fail(o, sub, "%s", pe.message);
    }
    for (i = 0; i < n; i++) {
        curtail_error be;
        if ((rc = curtail_scenario_add_rule(o->s, &rules[i].r, &be)) != CURTAIL_OK) {
            cu_free(o->s->mem, rules);
            return ov_builder(o, rc, &be);
        }
        o->s->rules[o->s->nrules - 1].pos = o->pos;
    }
    cu_free(o->s->mem, rules);
    return CURTAIL_OK;
}

/* Everything but enterprises and units: `rest` is the path after the first word. */
static int ov_scenario(const ov *o, const char *path, const char *value)
{
    curtail_scenario *s = o->s;
    curtail_error be;
    int rc, w = 0, L = 0, p = 0;
    double v;
    if (strcmp(path, "name") == 0) {
        const char *name;
        if ((rc = rd_string(o, o->root, NULL, &name)) != CURTAIL_OK)
            return rc;
        rc = curtail_scenario_set_name(s, name, &be);
        return rc ? ov_builder(o, rc, &be) : CURTAIL_OK;
    }
    if (strcmp(path, "lang") == 0) {
        if ((rc = rd_word(o, o->root, NULL, &LANGS, &w)) != CURTAIL_OK)
            return rc;
        return curtail_scenario_set_lang(s, w ? CURTAIL_LANG_EN : CURTAIL_LANG_ZH, o->err);
    }
    if (strcmp(path, "builtin_policy") == 0) {
        if ((rc = rd_bool(o, o->root, NULL, &w)) != CURTAIL_OK)
            return rc;
        return curtail_scenario_set_builtin_policy(s, w, o->err);
    }
    if (strcmp(path, "policy+") == 0)
        return ov_policy_add(o, value);
    if (strcmp(path, "targets.base") == 0) {
        if ((rc = rd_word(o, o->root, NULL, &BASES, &w)) != CURTAIL_OK)
            return rc;
        rc = curtail_scenario_set_target_base(s, (curtail_base)w, s->has_totals ? s->totals : NULL,
                                              &be);
        return rc ? ov_builder(o, rc, &be) : CURTAIL_OK;
    }
    if (strncmp(path, "targets.totals_kgpd", 19) == 0 &&
        (path[19] == '\0' || path[19] == '.')) {
        double t[CU_NP];
        memcpy(t, s->totals, sizeof t);
        if (path[19] == '.') {
            if ((rc = path_word(o, path + 20, &POLLUTANTS, &p)) != CURTAIL_OK ||
                (rc = rd_number(o, o->root, NULL, &t[p])) != CURTAIL_OK)
                return rc;
        } else if ((rc = rd_pollutants(o, o->has_value ? o->root : NO_NODE, t)) != CURTAIL_OK)
            return rc;
        rc = curtail_scenario_set_target_base(s, (curtail_base)s->base, t, &be);
        return rc ? ov_builder(o, rc, &be) : CURTAIL_OK;
    }
    if (strncmp(path, "targets.ratios.", 15) == 0) {
        char lvl[32];
        const char *dot = strchr(path + 15, '.');
        double r[CU_NP];
        size_t n = dot ? (size_t)(dot - (path + 15)) : strlen(path + 15);
        snprintf(lvl, sizeof lvl, "%.*s", (int)(n < 31 ? n : 31), path + 15);
        if ((rc = path_word(o, lvl, &LEVELS, &L)) != CURTAIL_OK)
            return rc;
        memcpy(r, s->ratios[L], sizeof r);
        if (dot) {
            if ((rc = path_word(o, dot + 1, &POLLUTANTS, &p)) != CURTAIL_OK ||
                (rc = rd_number(o, o->root, NULL, &v)) != CURTAIL_OK)
                return rc;
            r[p] = v;
            if (!(v >= 0 && v < 1))
                return ov_fail(o, NULL, "must be in [0, 1), got %.15g", v);
        } else if ((rc = rd_pollutants(o, o->has_value ? o->root : NO_NODE, r)) != CURTAIL_OK)
            return rc;
        return set_ratio_level(o, L, r);
    }
    if (strcmp(path, "extra.grades") == 0) {
        unsigned mask = 0;
        uint32_t i, n;
        if (!o->has_value || yt_at(&o->t, o->root)->type != YT_SEQ)
            return wrong_type(o, o->has_value ? o->root : NO_NODE, NULL, "a list of grades");
        n = yt_count(&o->t, o->root);
        for (i = 0; i < n; i++) {
            char sub[32];
            snprintf(sub, sizeof sub, "[%u]", (unsigned)i);
            if ((rc = rd_word(o, yt_kid(&o->t, o->root, i), sub, &GRADES, &w)) != CURTAIL_OK)
                return rc;
            if (mask & (1u << w))
                return ov_fail(o, sub, "grade %s is listed twice",
                               curtail_grade_name((curtail_grade)w));
            mask |= 1u << w;
        }
        return curtail_scenario_set_extra_grades(s, mask, o->err);
    }
    if (strncmp(path, "extra.weights", 13) == 0 && (path[13] == '\0' || path[13] == '.')) {
        double wt[CURTAIL_NGRADES];
        memcpy(wt, s->weights, sizeof wt);
        if (path[13] == '.') {
            if ((rc = path_word(o, path + 14, &GRADES, &w)) != CURTAIL_OK ||
                (rc = rd_number(o, o->root, NULL, &wt[w])) != CURTAIL_OK)
                return rc;
        } else {
            uint32_t i, pairs;
            if (!o->has_value || yt_at(&o->t, o->root)->type != YT_MAP)
                return wrong_type(o, o->has_value ? o->root : NO_NODE, NULL, "a mapping");
            pairs = yt_count(&o->t, o->root);
            for (i = 0; i < pairs; i++) {
                uint32_t k = yt_kid(&o->t, o->root, 2 * i);
                char sub[80], got[192];
                snprintf(sub, sizeof sub, ".%s", yt_str(&o->t, k));
                if ((w = yr_word_index(&GRADES, yt_str(&o->t, k))) < 0) {
                    describe(o, k, got, sizeof got);
                    return unknown_word_text(o, sub, &GRADES, got);
                }
                if ((rc = rd_number(o, yt_kid(&o->t, o->root, 2 * i + 1), sub, &wt[w])))
                    return rc;
            }
        }
        rc = curtail_scenario_set_extra_weights(s, wt, &be);
        return rc ? ov_builder(o, rc, &be) : CURTAIL_OK;
    }
    return ov_fail(o, NULL,
                   "unknown override; expected name, lang, builtin_policy, targets.base, "
                   "targets.totals_kgpd[.P], targets.ratios.LEVEL[.P], extra.grades, "
                   "extra.weights[.GRADE], policy+, enterprise.ID.FIELD, enterprise.ID-, "
                   "unit.ENT.UNIT.FIELD or unit.ENT.UNIT-");
}

/* ---- enterprises and units ----------------------------------------------------------- */

static size_t find_ent(const curtail_scenario *s, const char *id, size_t n)
{
    size_t e;
    for (e = 0; e < s->nents; e++)
        if (strncmp(s->ents[e].id, id, n) == 0 && s->ents[e].id[n] == '\0')
            return e;
    return (size_t)-1;
}

static size_t find_unit(const curtail_scenario *s, size_t e, const char *id, size_t n)
{
    size_t i;
    for (i = 0; i < s->ents[e].nunits; i++) {
        const char *uid = s->units[s->ents[e].first_unit + i].id;
        if (strncmp(uid, id, n) == 0 && uid[n] == '\0')
            return s->ents[e].first_unit + i;
    }
    return (size_t)-1;
}

static void ent_spec(const cu_enterprise *e, curtail_enterprise_spec *sp)
{
    curtail_enterprise_spec init = CURTAIL_ENTERPRISE_SPEC_INIT;
    *sp = init;
    sp->id = e->id;
    sp->name = e->name;
    sp->credit_code = e->credit_code;
    sp->town = e->town;
    sp->industry = (curtail_industry)e->industry;
    sp->grade = (curtail_grade)e->grade;
    sp->guarantee = (curtail_guarantee)e->guarantee;
    sp->phase_out = e->phase_out;
}

static void unit_spec(const cu_unit *u, curtail_unit_spec *sp)
{
    curtail_unit_spec init = CURTAIL_UNIT_SPEC_INIT;
    *sp = init;
    sp->id = u->id;
    sp->name = u->name;
    sp->kind = (curtail_kind)u->kind;
    sp->capacity = u->capacity;
    sp->has_base_load = u->has_base_load;
    sp->base_load = u->base_load;
    sp->has_min_load = u->has_min_load;
    sp->min_load = u->min_load;
    sp->value = u->value;
    sp->has_ef = u->has_ef;
    memcpy(sp->ef, u->ef, sizeof sp->ef);
    sp->has_baseline = u->has_baseline;
    memcpy(sp->baseline_kgpd, u->baseline, sizeof sp->baseline_kgpd);
    memcpy(sp->fixed_kgpd, u->fixed, sizeof sp->fixed_kgpd);
    sp->interruptible = u->interruptible;
    sp->follows = u->follows;
    sp->has_coke_oven = u->has_coke_oven;
    sp->has_height = u->has_height;
    sp->height_m = u->height_m;
    sp->quenching = (curtail_quenching)u->quenching;
    sp->coking_time_h = u->coking_time_h;
    sp->max_coking_time_h = u->max_coking_time_h;
    sp->has_boiler = u->has_boiler;
    sp->fuel = (curtail_fuel)u->fuel;
    sp->steam_tph = u->steam_tph;
    sp->heating = u->heating;
    sp->has_ramp_h = 1;
    sp->ramp_h = u->ramp_h;
}

/* The builder checks of a changed enterprise (all its units, or only `one`). */
static int validate(const ov *o, const curtail_enterprise_spec *es, const curtail_unit_spec *one,
                    size_t e)
{
    curtail_scenario *tmp = NULL;
    curtail_error be;
    size_t i;
    int rc = curtail_scenario_new(&tmp, o->s->mem, &be);
    if (rc == CURTAIL_OK)
        rc = curtail_scenario_add_enterprise(tmp, es, &be);
    if (rc == CURTAIL_OK && one)
        rc = curtail_scenario_add_unit(tmp, one, &be);
    for (i = 0; rc == CURTAIL_OK && !one && i < o->s->ents[e].nunits; i++) {
        curtail_unit_spec us;
        unit_spec(&o->s->units[o->s->ents[e].first_unit + i], &us);
        rc = curtail_scenario_add_unit(tmp, &us, &be);
    }
    curtail_scenario_free(tmp);
    return rc ? ov_builder(o, rc, &be) : CURTAIL_OK;
}

static int refuse_live(const ov *o)
{
    size_t n = atomic_load(&o->s->live_results);
    if (n)
        return cu_einval(o->err, "curtail_scenario_override: %zu result%s of this scenario %s "
                                 "alive; free %s first (curtail_result_free)",
                         n, n == 1 ? "" : "s", n == 1 ? "is" : "are", n == 1 ? "it" : "them");
    return CURTAIL_OK;
}

static void remove_units(curtail_scenario *s, size_t first, size_t n)
{
    size_t i;
    memmove(&s->units[first], &s->units[first + n], (s->nunits - first - n) * sizeof *s->units);
    s->nunits -= n;
    for (i = 0; i < s->nents; i++)
        if (s->ents[i].first_unit > first)
            s->ents[i].first_unit -= n;
}

static int ov_remove_ent(const ov *o, size_t e)
{
    curtail_scenario *s = o->s;
    size_t i;
    int rc;
    if ((rc = refuse_live(o)) != CURTAIL_OK)
        return rc;
    remove_units(s, s->ents[e].first_unit, s->ents[e].nunits);
    memmove(&s->ents[e], &s->ents[e + 1], (s->nents - e - 1) * sizeof *s->ents);
    s->nents--;
    for (i = 0; i < s->nunits; i++)
        if (s->units[i].enterprise > e)
            s->units[i].enterprise--;
    s->checked = 0;
    return CURTAIL_OK;
}

static int ov_enterprise_field(const ov *o, size_t e, const char *field)
{
    curtail_scenario *s = o->s;
    cu_enterprise *en = &s->ents[e];
    curtail_enterprise_spec es;
    const char *str = NULL;
    int w, rc;
    ent_spec(en, &es);
    if (strcmp(field, "name") == 0 || strcmp(field, "town") == 0 ||
        strcmp(field, "credit_code") == 0) {
        if ((rc = rd_string(o, o->root, NULL, &str)) != CURTAIL_OK)
            return rc;
        if (field[0] == 'n')
            es.name = str;
        else if (field[0] == 't')
            es.town = str;
        else
            es.credit_code = str;
    } else if (strcmp(field, "industry") == 0) {
        if ((rc = rd_word(o, o->root, NULL, &INDUSTRIES, &w)) != CURTAIL_OK)
            return rc;
        es.industry = (curtail_industry)w;
    } else if (strcmp(field, "grade") == 0) {
        if ((rc = rd_word(o, o->root, NULL, &GRADES, &w)) != CURTAIL_OK)
            return rc;
        es.grade = (curtail_grade)w;
    } else if (strcmp(field, "guarantee") == 0) {
        if ((rc = rd_word(o, o->root, NULL, &GUARANTEES, &w)) != CURTAIL_OK)
            return rc;
        es.guarantee = (curtail_guarantee)w;
    } else if (strcmp(field, "phase_out") == 0) {
        if ((rc = rd_bool(o, o->root, NULL, &w)) != CURTAIL_OK)
            return rc;
        es.phase_out = w;
    } else {
        return ov_fail(o, NULL, "unknown enterprise field \"%s\", expected one of: name, "
                                "credit_code, town, industry, grade, guarantee, phase_out",
                       field);
    }
    if ((rc = validate(o, &es, NULL, e)) != CURTAIL_OK)
        return rc;
    if (str) {
        char *d = cu_scenario_str(s, str);
        if (!d)
            return cu_enomem(o->err);
        if (field[0] == 'n')
            en->name = d;
        else if (field[0] == 't')
            en->town = d;
        else
            en->credit_code = d;
    }
    en->industry = (int)es.industry;
    en->grade = (int)es.grade;
    en->guarantee = (int)es.guarantee;
    en->phase_out = es.phase_out ? 1 : 0;
    s->checked = 0;
    return CURTAIL_OK;
}

/* pollutant map fields of a unit: "ef", "ef.SO2", ... */
static int unit_pollutants(const ov *o, const char *field, const char *key, double v[CU_NP],
                           int *hit)
{
    size_t n = strlen(key);
    int p = 0, rc;
    if (strncmp(field, key, n) != 0 || (field[n] != '\0' && field[n] != '.'))
        return CURTAIL_OK;
    *hit = 1;
    if (field[n] == '.') {
        if ((rc = path_word(o, field + n + 1, &POLLUTANTS, &p)) != CURTAIL_OK)
            return rc;
        return rd_number(o, o->root, NULL, &v[p]);
    }
    return rd_pollutants(o, o->has_value ? o->root : NO_NODE, v);
}

static int ov_unit_field(const ov *o, size_t e, size_t u, const char *field)
{
    curtail_scenario *s = o->s;
    cu_unit *un = &s->units[u];
    curtail_enterprise_spec es;
    curtail_unit_spec us;
    const char *str = NULL;
    int rc, w, hit = 0, which = 0;
    double *num = NULL;
    ent_spec(&s->ents[e], &es);
    unit_spec(un, &us);
    if (strcmp(field, "name") == 0) {
        if ((rc = rd_string(o, o->root, NULL, &str)) != CURTAIL_OK)
            return rc;
        us.name = str;
        which = 1;
    } else if (strcmp(field, "follows") == 0) {
        if (o->has_value && (rc = rd_id(o, o->root, NULL, &str)) != CURTAIL_OK)
            return rc;
        us.follows = str; /* null: follows nothing */
        which = 2;
    } else if (strcmp(field, "capacity") == 0)
        num = &us.capacity;
    else if (strcmp(field, "base_load") == 0) {
        num = &us.base_load;
        us.has_base_load = 1;
    } else if (strcmp(field, "min_load") == 0) {
        num = &us.min_load;
        us.has_min_load = 1;
    } else if (strcmp(field, "value") == 0)
        num = &us.value;
    else if (strcmp(field, "coke_oven.height_m") == 0) {
        num = &us.height_m;
        us.has_height = 1;
    } else if (strcmp(field, "coke_oven.coking_time_h") == 0)
        num = &us.coking_time_h;
    else if (strcmp(field, "coke_oven.max_coking_time_h") == 0)
        num = &us.max_coking_time_h;
    else if (strcmp(field, "coke_oven.ramp_h") == 0)
        num = &us.ramp_h;
    else if (strcmp(field, "boiler.steam_tph") == 0) {
        num = &us.steam_tph;
        us.has_boiler = 1;
    } else if (strcmp(field, "interruptible") == 0) {
        if ((rc = rd_bool(o, o->root, NULL, &w)) != CURTAIL_OK)
            return rc;
        us.interruptible = w;
    } else if (strcmp(field, "coke_oven.quenching") == 0) {
        if ((rc = rd_word(o, o->root, NULL, &QUENCHINGS, &w)) != CURTAIL_OK)
            return rc;
        us.quenching = (curtail_quenching)(w + 1);
    } else if (strcmp(field, "boiler.fuel") == 0) {
        if ((rc = rd_word(o, o->root, NULL, &FUELS, &w)) != CURTAIL_OK)
            return rc;
        us.fuel = (curtail_fuel)w;
        us.has_boiler = 1;
    } else if (strcmp(field, "boiler.heating") == 0) {
        if ((rc = rd_bool(o, o->root, NULL, &w)) != CURTAIL_OK)
            return rc;
        us.heating = w;
        us.has_boiler = 1;
    } else {
        if ((rc = unit_pollutants(o, field, "ef", us.ef, &hit)) != CURTAIL_OK)
            return rc;
        if (hit) {
            us.has_ef = 1;
            us.has_baseline = 0;
        } else if ((rc = unit_pollutants(o, field, "baseline_kgpd", us.baseline_kgpd, &hit)) !=
                   CURTAIL_OK)
            return rc;
        else if (hit) {
            us.has_baseline = 1;
            us.has_ef = 0;
        } else if ((rc = unit_pollutants(o, field, "fixed_kgpd", us.fixed_kgpd, &hit)) !=
                   CURTAIL_OK)
            return rc;
        if (!hit)
            return ov_fail(o, NULL,
                           "unknown unit field \"%s\", expected one of: name, capacity, "
                           "base_load, min_load, value, interruptible, follows, ef[.P], "
                           "baseline_kgpd[.P], fixed_kgpd[.P], coke_oven.height_m, "
                           "coke_oven.quenching, coke_oven.coking_time_h, "
                           "coke_oven.max_coking_time_h, coke_oven.ramp_h, boiler.fuel, "
                           "boiler.steam_tph, boiler.heating",
                           field);
    }
    if (num && (rc = rd_number(o, o->root, NULL, num)) != CURTAIL_OK)
        return rc;
    if ((strncmp(field, "coke_oven.", 10) == 0) && !un->has_coke_oven)
        return ov_fail(o, NULL, "unit '%s' has no coke_oven block", un->id);
    if ((rc = validate(o, &es, &us, e)) != CURTAIL_OK)
        return rc;
    if (str && which) {
        char *d = cu_scenario_str(s, str);
        if (!d)
            return cu_enomem(o->err);
        if (which == 1)
            un->name = d;
        else
            un->follows = d;
    } else if (which == 2)
        un->follows = NULL;
    un->capacity = us.capacity;
    un->has_base_load = (unsigned char)us.has_base_load;
    un->base_load = us.has_base_load ? us.base_load : 1.0;
    un->has_min_load = (unsigned char)us.has_min_load;
    un->min_load = us.min_load;
    un->value = us.value;
    if ((un->has_ef = (unsigned char)us.has_ef) != 0)
        memcpy(un->ef, us.ef, sizeof un->ef);
    if ((un->has_baseline = (unsigned char)us.has_baseline) != 0)
        memcpy(un->baseline, us.baseline_kgpd, sizeof un->baseline);
    memcpy(un->fixed, us.fixed_kgpd, sizeof un->fixed);
    un->interruptible = (signed char)us.interruptible;
    un->has_height = (unsigned char)us.has_height;
    un->height_m = us.height_m;
    un->quenching = (unsigned char)us.quenching;
    un->coking_time_h = us.coking_time_h;
    un->max_coking_time_h = us.max_coking_time_h;
    un->ramp_h = us.ramp_h;
    un->has_boiler = (unsigned char)us.has_boiler;
    un->fuel = (unsigned char)us.fuel;
    un->steam_tph = us.steam_tph;
    un->heating = (unsigned char)us.heating;
    s->checked = 0;
    return CURTAIL_OK;
}

/* enterprise.ID.FIELD / enterprise.ID- (ids may hold dots: the longest id that exists). */
static int ov_enterprise(const ov *o, const char *rest, int remove)
{
    const curtail_scenario *s = o->s;
    size_t len = strlen(rest), e;
    const char *dot;
    if (remove) {
        if ((e = find_ent(s, rest, len)) == (size_t)-1)
            return ov_fail(o, NULL, "no enterprise '%s'", rest);
        return ov_remove_ent(o, e);
    }
    /* FIELD is the last component, or the last two for nothing (enterprise fields are flat) */
    dot = strrchr(rest, '.');
    if (!dot || (e = find_ent(s, rest, (size_t)(dot - rest))) == (size_t)-1) {
        char id[128];
        snprintf(id, sizeof id, "%.*s", dot ? (int)(dot - rest) : (int)len, rest);
        if (!dot)
            return ov_fail(o, NULL, "expected enterprise.ID.FIELD or enterprise.ID-");
        return ov_fail(o, NULL, "no enterprise '%s'", id);
    }
    return ov_enterprise_field(o, e, dot + 1);
}

/* unit.ENT.UNIT.FIELD / unit.ENT.UNIT-: the first split that names an existing unit. */
static int ov_unit(const ov *o, const char *rest, int remove)
{
    const curtail_scenario *s = o->s;
    const char *d1;
    for (d1 = strchr(rest, '.'); d1; d1 = strchr(d1 + 1, '.')) {
        size_t e = find_ent(s, rest, (size_t)(d1 - rest)), u;
        const char *uid = d1 + 1, *d2;
        if (e == (size_t)-1)
            continue;
        if (remove) {
            if ((u = find_unit(s, e, uid, strlen(uid))) == (size_t)-1)
                continue;
            {
                int rc = refuse_live(o);
                curtail_scenario *sm = o->s;
                if (rc)
                    return rc;
                remove_units(sm, u, 1);
                sm->ents[e].nunits--;
                sm->checked = 0;
                return CURTAIL_OK;
            }
        }
        for (d2 = strchr(uid, '.'); d2; d2 = strchr(d2 + 1, '.'))
            if ((u = find_unit(s, e, uid, (size_t)(d2 - uid))) != (size_t)-1)
                return ov_unit_field(o, e, u, d2 + 1);
        return ov_fail(o, NULL, "no unit '%s' in enterprise '%s' (expected unit.ENT.UNIT.FIELD)",
                       uid, s->ents[e].id);
    }
    return ov_fail(o, NULL, "no such enterprise and unit (expected unit.ENT.UNIT.FIELD)");
}

/* Parse `value` as YAML (or null) into o->t. */
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
        return ov_fail(o, NULL, "the value is not YAML: %s", pe.message);
    if (o->t.has_root) {
        o->root = o->t.root;
        o->has_value = !is_null(o, o->root);
    }
    return CURTAIL_OK;
}

/* The whole override: on error the scenario is as it was (each setter fails
 * before it changes anything). */
static int override_at(curtail_scenario *s, const char *path, const char *value, const char *file,
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
        return ov_fail(&o, NULL, "an override path is 1 to %zu characters", sizeof buf - 1);
    memcpy(buf, path, n + 1);
    if (buf[n - 1] == '-') {
        remove = 1;
        buf[--n] = '\0';
    }
    if ((rc = ov_parse_value(&o, value)) != CURTAIL_OK)
        return rc;
    if (remove && o.has_value) {
        rc = ov_fail(&o, NULL, "a removal (PATH-=) takes no value");
    } else if (strncmp(buf, "enterprise.", 11) == 0) {
        rc = ov_enterprise(&o, buf + 11, remove);
    } else if (strncmp(buf, "unit.", 5) == 0) {
        rc = ov_unit(&o, buf + 5, remove);
    } else if (remove) {
        rc = ov_fail(&o, NULL, "only enterprise.ID- and unit.ENT.UNIT- remove something");
    } else {
        rc = ov_scenario(&o, buf, value);
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
    return override_at(s, path, value, NULL, none, NULL, err);
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
    return override_at(s, path, eq + 1, NULL, none, NULL, err);
}

/* ---- variants ------------------------------------------------------------------------ */


/* A node back to flow YAML text that reads as the same value. */
static void flow(const yt_tree *t, uint32_t n, int top, cu_buf *b)
{
    const yt_node *nd = yt_at(t, n);
    uint32_t i, c;
    if (nd->type == YT_SEQ) {
        cu_buf_puts(b, "[");
        for (i = 0; i < yt_count(t, n); i++) {
            if (i)
                cu_buf_puts(b, ", ");
            flow(t, yt_kid(t, n, i), 0, b);
        }
        cu_buf_puts(b, "]");
        return;
    }
    if (nd->type == YT_MAP) {
        cu_buf_puts(b, "{");
        for (i = 0; i < yt_count(t, n); i++) {
            if (i)
                cu_buf_puts(b, ", ");
            flow(t, yt_kid(t, n, 2 * i), 0, b);
            cu_buf_puts(b, ": ");
            flow(t, yt_kid(t, n, 2 * i + 1), 0, b);
        }
        cu_buf_puts(b, "}");
        return;
    }
    if (nd->plain && !nd->tagged) {
        const char *s = yt_str(t, n);
        if (yt_is_null(t, n))
            cu_buf_puts(b, top ? "" : "~");
        else if (strpbrk(s, ",:[]{}#&*!|>'\"%@`") == NULL &&
                 !((s[0] == '-' || s[0] == '?') && (s[1] == ' ' || s[1] == '\0')) &&
                 s[0] != ' ')
            cu_buf_puts(b, s);
        else
            goto quoted; /* e.g. "B-": plain in block context, but to be safe in flow */
        return;
    }
quoted:
    {
        const char *s = yt_str(t, n);
        char esc[8];
        cu_buf_puts(b, "\"");
        for (c = 0; s[c]; c++) {
            unsigned char ch = (unsigned char)s[c];
            if (ch == '"' || ch == '\\') {
                esc[0] = '\\';
                esc[1] = (char)ch;
                cu_buf_put(b, esc, 2);
            } else if (ch < 0x20 || ch == 0x7f) {
                snprintf(esc, sizeof esc, "\\x%02X", ch);
                cu_buf_puts(b, esc);
            } else
                cu_buf_put(b, (const char *)&s[c], 1);
        }
        cu_buf_puts(b, "\"");
    }
}

static int vfail(curtail_error *err, const char *file, const yt_tree *t, uint32_t node,
                 const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

static int vfail(curtail_error *err, const char *file, const yt_tree *t, uint32_t node,
                 const char *path, const char *fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, fmt);
    rc = cu_verror(err, CURTAIL_EINPUT, file, yt_pos(t, node), path, fmt, ap);
    va_end(ap);
    return rc;
}

static int valid_name(const char *s)
{
    size_t i, n = strlen(s);
    if (n == 0 || n > CU_MAX_ID)
        return 0;
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '-'))
            return 0;
    }
    return strcmp(s, "base") != 0;
}

static size_t vfind(const cu_variants *vs, const char *name, size_t upto)
{
    size_t i;
    for (i = 0; i < upto; i++)
        if (strcmp(vs->v[i].name, name) == 0)
            return i;
    return (size_t)-1;
}

/* Is there a path from variant i back to `target` through `extends`? */
static int reaches(const cu_variants *vs, size_t i, size_t target, unsigned depth)
{
    size_t k;
    if (depth > 64)
        return 1;
    for (k = 0; k < vs->v[i].nextends; k++)
        if (vs->v[i].extends[k] == target || reaches(vs, vs->v[i].extends[k], target, depth + 1))
            return 1;
    return 0;
}

/* The well-known prefixes of override paths (full checks happen when applied). */
static int known_path(const char *p)
{
    static const char *const exact[] = {"name", "lang", "builtin_policy", "policy+",
                                        "targets.base", "targets.totals_kgpd", "extra.grades",
                                        "extra.weights"};
    size_t i;
    for (i = 0; i < sizeof exact / sizeof exact[0]; i++)
        if (strcmp(p, exact[i]) == 0)
            return 1;
    return strncmp(p, "targets.totals_kgpd.", 20) == 0 || strncmp(p, "targets.ratios.", 15) == 0 ||
           strncmp(p, "extra.weights.", 14) == 0 || strncmp(p, "enterprise.", 11) == 0 ||
           strncmp(p, "unit.", 5) == 0;
}

int cu_variants_load(curtail_scenario *s, const yt_tree *t, uint32_t node, const char *file,
                     curtail_error *err)
{
    cu_variants *vs;
    uint32_t i, j, nv;
    char path[600];
    if (yt_at(t, node)->type != YT_MAP)
        return vfail(err, file, t, node, "variants",
                     "expected a mapping of variant names to overrides");
    nv = yt_count(t, node);
    if (!(vs = cu_calloc(s->mem, 1, sizeof *vs)))
        return cu_enomem(err);
    vs->mem = s->mem;
    s->variants = vs;
    if (!(vs->file = cu_strdup(s->mem, file)) || !(vs->v = cu_calloc(s->mem, nv + 1, sizeof *vs->v)))
        return cu_enomem(err);
    /* names first, so that `extends` may name a later variant */
    for (i = 0; i < nv; i++, vs->n++) {
        uint32_t k = yt_kid(t, node, 2 * i), val = yt_kid(t, node, 2 * i + 1);
        const char *name = yt_str(t, k);
        char shown[128];
        yt_escape(shown, sizeof shown, name, 64);
        snprintf(path, sizeof path, "variants.%s", shown);
        if (!valid_name(name))
            return vfail(err, file, t, k, path,
                         "a variant name is 1 to %d characters of [A-Za-z0-9_.-] and not "
                         "\"base\"",
                         CU_MAX_ID);
        if (yt_at(t, val)->type != YT_MAP)
            return vfail(err, file, t, val, path,
                         "expected a mapping of overrides (PATH: VALUE) and extends");
        vs->v[i].pos = yt_pos(t, k);
        if (!(vs->v[i].name = cu_strdup(s->mem, name)))
            return cu_enomem(err);
    }
    for (i = 0; i < nv; i++) {
        uint32_t val = yt_kid(t, node, 2 * i + 1), pairs = yt_count(t, val);
        cu_variant *v = &vs->v[i];
        if (!(v->ovr = cu_calloc(s->mem, pairs + 1, sizeof *v->ovr)) ||
            !(v->extends = cu_calloc(s->mem, pairs + 1, sizeof *v->extends)))
            return cu_enomem(err);
        for (j = 0; j < pairs; j++) {
            uint32_t k = yt_kid(t, val, 2 * j), x = yt_kid(t, val, 2 * j + 1);
            const char *key = yt_str(t, k);
            char shown[256];
            yt_escape(shown, sizeof shown, key, 200);
            snprintf(path, sizeof path, "variants.%s.%s", v->name, shown);
            if (strcmp(key, "extends") == 0) {
                uint32_t m, cnt = yt_at(t, x)->type == YT_SEQ ? yt_count(t, x) : 1;
                cu_free(s->mem, v->extends);
                if (!(v->extends = cu_calloc(s->mem, cnt + 1, sizeof *v->extends)))
                    return cu_enomem(err);
                if (yt_at(t, x)->type == YT_MAP)
                    return vfail(err, file, t, x, path, "expected a variant name or a list of them");
                for (m = 0; m < cnt; m++) {
                    uint32_t item = yt_at(t, x)->type == YT_SEQ ? yt_kid(t, x, m) : x;
                    size_t target;
                    if (yt_at(t, item)->type != YT_SCALAR ||
                        (target = vfind(vs, yt_str(t, item), vs->n)) == (size_t)-1) {
                        char got[128];
                        yt_escape(got, sizeof got, yt_at(t, item)->type == YT_SCALAR
                                                       ? yt_str(t, item) : "(not a name)", 64);
                        return vfail(err, file, t, item, path, "no variant '%s'", got);
                    }
                    if (target == i)
                        return vfail(err, file, t, item, path, "a variant cannot extend itself");
                    v->extends[v->nextends++] = target;
                }
                continue;
            }
            {
                size_t n = strlen(key);
                const char *bare = key;
                char tmp[1024];
                if (n && (key[n - 1] == '-' || key[n - 1] == '+') && n < sizeof tmp) {
                    memcpy(tmp, key, n - 1);
                    tmp[n - 1] = '\0';
                    bare = strcmp(key, "policy+") == 0 ? key : tmp;
                }
                if (!known_path(bare))
                    return vfail(err, file, t, k, path,
                                 "unknown override path; expected targets.ratios.LEVEL.P, "
                                 "targets.totals_kgpd.P, targets.base, extra.grades, "
                                 "extra.weights.G, policy+, enterprise.ID.FIELD, "
                                 "enterprise.ID-, unit.ENT.UNIT.FIELD, unit.ENT.UNIT-, name, "
                                 "lang, builtin_policy or extends");
            }
            {
                cu_buf b;
                cu_override_text *o = &v->ovr[v->novr];
                cu_buf_init(&b, s->mem);
                flow(t, x, 1, &b);
                cu_buf_puts(&b, "");
                if (b.failed || !(o->path = cu_strdup(s->mem, key))) {
                    cu_buf_free(&b);
                    return cu_enomem(err);
                }
                o->value = cu_strdup(s->mem, b.data ? b.data : "");
                cu_buf_free(&b);
                if (!o->value) {
                    cu_free(s->mem, o->path);
                    return cu_enomem(err);
                }
                o->pos = yt_pos(t, x);
                v->novr++;
            }
        }
    }
    for (i = 0; i < nv; i++)
        if (reaches(vs, i, i, 0)) {
            uint32_t k = yt_kid(t, node, 2 * i);
            snprintf(path, sizeof path, "variants.%s.extends", vs->v[i].name);
            return vfail(err, file, t, k, path, "'extends' forms a cycle through variant '%s'",
                         vs->v[i].name);
        }
    return CURTAIL_OK;
}

size_t curtail_scenario_variant_count(const curtail_scenario *s)
{
    return s && s->variants ? s->variants->n : 0;
}

const char *curtail_scenario_variant_name(const curtail_scenario *s, size_t i)
{
    return s && s->variants && i < s->variants->n ? s->variants->v[i].name : NULL;
}

static int apply_variant(curtail_scenario *s, const cu_variants *vs, size_t i, unsigned depth,
                         curtail_error *err)
{
    const cu_variant *v = &vs->v[i];
    size_t k;
    int rc;
    char shown[1200];
    if (depth > 64)
        return cu_einval(err, "variants nest deeper than 64");
    for (k = 0; k < v->nextends; k++)
        if ((rc = apply_variant(s, vs, v->extends[k], depth + 1, err)) != CURTAIL_OK)
            return rc;
    for (k = 0; k < v->novr; k++) {
        snprintf(shown, sizeof shown, "variants.%s.%s", v->name, v->ovr[k].path);
        if ((rc = override_at(s, v->ovr[k].path, v->ovr[k].value, vs->file, v->ovr[k].pos, shown,
                              err)) != CURTAIL_OK)
            return rc;
    }
    return CURTAIL_OK;
}

int curtail_scenario_apply_variant(curtail_scenario *s, const char *name, curtail_error *err)
{
    size_t i;
    if (!s || !name)
        return cu_einval(err, "curtail_scenario_apply_variant: scenario or name is NULL");
    if (!s->variants || (i = vfind(s->variants, name, s->variants->n)) == (size_t)-1)
        return cu_einval(err, "curtail_scenario_apply_variant: no variant '%s'", name);
    return apply_variant(s, s->variants, i, 0, err);
}

/* The variant's overrides applied to s (sweep.c), by index. */
int cu_apply_variant_index(curtail_scenario *s, const curtail_scenario *from, size_t i,
                           curtail_error *err)
{
    return apply_variant(s, from->variants, i, 0, err);
}

/* Is every override of variant i (and those it extends) a target ratio? */
int cu_variant_ratios_only(const curtail_scenario *s, size_t i)
{
    const cu_variant *v = &s->variants->v[i];
    size_t k;
    for (k = 0; k < v->nextends; k++)
        if (!cu_variant_ratios_only(s, v->extends[k]))
            return 0;
    for (k = 0; k < v->novr; k++)
        if (strncmp(v->ovr[k].path, "targets.ratios.", 15) != 0)
            return 0;
    return 1;
}

/* override with a position and a shown path (sweep.c's --set, for its messages) */
int cu_override_at(curtail_scenario *s, const char *path, const char *value, const char *shown,
                   curtail_error *err)
{
    static const cu_pos none = {0, 0};
    return override_at(s, path, value, NULL, none, shown, err);
}
