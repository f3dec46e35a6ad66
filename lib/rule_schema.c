/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rule_schema.c — the rule schema (SPEC §4.2): one rule (of a scenario's
 * `policy` list, read by load_rules.c), and a whole rule table (the built-in
 * policy_default.yaml, read by policy.c). Below it: yaml_read.c.
 */
#include "rule_schema.h"
#include "names.h"

#include <string.h>

enum {
    R_INDUSTRY,
    R_KIND,
    R_GRADES,
    R_LEVELS,
    R_INTERRUPTIBLE,
    R_FUEL,
    R_GUARANTEE,
    R_ZONES,
    R_TOWNS,
    R_SEASONS,
    R_MAX_LOAD,
    R_CUT,
    R_COKING_TIME,
    R_STOP,
    R_NONE,
    R_TRANSPORT, /* issue 10: not a measure key, matched apart */
    R_COUNT
};
static const char *const RULE_KEYS[R_COUNT] = {
    "industry", "kind",     "grades", "levels",        "interruptible", "fuel",
    "guarantee", "zones",   "towns",  "seasons",       "max_load",      "cut",
    "coking_time_h", "stop", "none", "transport"};

/* transport codes: value i stands for curtail_transport i + 1 (UNSET is not a word) */
static const char *transport_word(int i)
{
    return curtail_transport_name((curtail_transport)(i + 1));
}
static const wordset TRANSPORTS = {"transport measure", CURTAIL_NTRANSPORTS - 1, transport_word,
                                   NULL};

/* The measure key of a rule, in document order: exactly one, or none
 * (*which = -1) in a rule that states a transport. */
static int rule_measure(const loader *ld, uint32_t node, const ypath *path, int has_transport,
                        int *which)
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
            ypath kp = yr_key(path, name);
            return FAIL(ld, key, &kp, "a rule has exactly one measure, and this one already has %s",
                        RULE_KEYS[first]);
        }
        first = k;
    }
    if (first < 0 && has_transport) {
        *which = -1;
        return CURTAIL_OK;
    }
    if (first < 0)
        return FAIL(ld, node, path,
                    "a rule needs one measure: max_load, cut, coking_time_h, stop or none "
                    "(or, alone, a transport)");
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
        if ((rc = yr_number(ld, node, path, &v)) != CURTAIL_OK)
            return rc;
        if (!(v >= 0 && v <= 1))
            return FAIL(ld, node, path, "must be in [0, 1], got %.17g", v);
        r->measure = which == R_MAX_LOAD ? CURTAIL_MEASURE_MAX_LOAD : CURTAIL_MEASURE_CUT;
        r->value = v;
        return CURTAIL_OK;
    case R_COKING_TIME:
        if ((rc = yr_number(ld, node, path, &v)) != CURTAIL_OK)
            return rc;
        if (!(v > 0))
            return FAIL(ld, node, path, "must be > 0, got %.17g", v);
        if (v > 1e6)
            return FAIL(ld, node, path, "must be at most 1e6 hours, got %.17g", v);
        r->measure = CURTAIL_MEASURE_COKING_TIME;
        r->value = v;
        return CURTAIL_OK;
    default:
        if ((rc = yr_bool(ld, node, path, &b)) != CURTAIL_OK)
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
    int rc, b = yr_core_bool(ld, node);
    if (b == 1) {
        *out = (1u << CURTAIL_GUARANTEE_LIVELIHOOD) | (1u << CURTAIL_GUARANTEE_SUPPLY);
        return CURTAIL_OK;
    }
    if (b == 0)
        return FAIL(ld, node, path,
                    "must be livelihood, supply, a list of them, or true (leave the key "
                    "out to match units without a guarantee)");
    if ((rc = yr_word_mask(ld, node, path, &YR_RULE_GUARANTEES, 1, 0, &mask)) != CURTAIL_OK)
        return rc;
    *out = mask << 1; /* YR_RULE_GUARANTEES starts at CURTAIL_GUARANTEE_LIVELIHOOD */
    return CURTAIL_OK;
}

/* ---- zones and towns: names in the scenario's dictionaries ---- */

int cu_zone_tag_ok(const char *tag)
{
    size_t i, n = strlen(tag);
    if (n == 0 || n > 64)
        return 0;
    for (i = 0; i < n; i++) {
        char c = tag[i];
        int letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
        if (!letter && !(i > 0 && c >= '0' && c <= '9'))
            return 0;
    }
    return 1;
}

int cu_places_find(const cu_places *p, int what, const char *name)
{
    unsigned i;
    for (i = 0; i < p->n[what]; i++)
        if (strcmp(p->name[what][i], name) == 0)
            return (int)i;
    return -1;
}

int cu_places_add(const curtail_mem *mem, cu_places *p, int what, const char *name, unsigned *bit,
                  curtail_error *err)
{
    int i = cu_places_find(p, what, name);
    if (i >= 0) {
        *bit = (unsigned)i;
        return CURTAIL_OK;
    }
    if (p->n[what] >= CU_MAX_PLACES)
        return cu_error(err, CURTAIL_EINPUT, NULL, (cu_pos){0, 0}, NULL,
                        "a scenario may name at most %d distinct %s", CU_MAX_PLACES,
                        what == CU_PLACE_ZONE ? "zone tags" : "towns in its rules");
    if (!(p->name[what][p->n[what]] = cu_strdup(mem, name)))
        return cu_enomem(err);
    *bit = p->n[what]++;
    return CURTAIL_OK;
}

void cu_places_free(const curtail_mem *mem, cu_places *p)
{
    unsigned w, i;
    for (w = 0; w < 2; w++) {
        for (i = 0; i < p->n[w]; i++)
            cu_free(mem, p->name[w][i]);
        p->n[w] = 0;
    }
}

int cu_places_own(const curtail_mem *mem, cu_places *dst)
{
    unsigned w, i;
    for (w = 0; w < 2; w++)
        for (i = 0; i < dst->n[w]; i++)
            if (!(dst->name[w][i] = cu_strdup(mem, dst->name[w][i]))) {
                dst->n[w] = i; /* the copies made so far are freed with dst */
                if (w == 0)
                    dst->n[1] = 0;
                return -1;
            }
    return 0;
}

int yr_zone_tag(const loader *ld, uint32_t node, const ypath *path, const char **out)
{
    int rc;
    char shown[256];
    if (yr_core_bool(ld, node) >= 0) /* `true` is a boolean, not the tag "true" */
        return FAIL(ld, node, path, "must be a zone tag, got %s", yt_str(ld->t, node));
    if ((rc = yr_string(ld, node, path, out)) != CURTAIL_OK)
        return rc;
    if (cu_zone_tag_ok(*out))
        return CURTAIL_OK;
    yt_escape(shown, sizeof shown, *out, 64);
    return FAIL(ld, node, path,
                "a zone tag is 1 to 64 characters of [A-Za-z0-9_], not starting with a digit, "
                "got \"%s\"", shown);
}

/* `zones:` (tags) or `towns:` (names) of a rule: a non-empty list, each
 * name once, into the dictionary `what` of `places`. */
static int rule_places(const loader *ld, int64_t node, const ypath *path, int what,
                       cu_places *places, uint64_t *mask)
{
    const char *what_s = what == CU_PLACE_ZONE ? "zone tag" : "town";
    uint32_t i, n, list = (uint32_t)node;
    int rc;
    *mask = 0;
    if (node < 0)
        return CURTAIL_OK;
    if (!places)
        return FAIL(ld, list, path, "%ss are matched only by a scenario's own rules, not in a "
                    "rule table", what_s);
    if (yt_at(ld->t, list)->type != YT_SEQ) {
        char want[32];
        snprintf(want, sizeof want, "a list of %ss", what_s);
        return yr_wrong_type(ld, list, path, want);
    }
    n = yt_count(ld->t, list);
    if (n == 0)
        return FAIL(ld, list, path, "must list at least one %s", what_s);
    for (i = 0; i < n; i++) {
        uint32_t item = yt_kid(ld->t, list, i);
        ypath ip = yr_index(path, i);
        const char *name;
        unsigned bit;
        curtail_error pe;
        if ((rc = what == CU_PLACE_ZONE ? yr_zone_tag(ld, item, &ip, &name)
                                        : yr_string(ld, item, &ip, &name)) != CURTAIL_OK)
            return rc;
        if ((rc = cu_places_add(ld->t->mem, places, what, name, &bit, &pe)) != CURTAIL_OK)
            return rc == CURTAIL_ENOMEM ? cu_enomem(ld->err) : FAIL(ld, item, &ip, "%s", pe.message);
        if (*mask & ((uint64_t)1 << bit))
            return FAIL(ld, item, &ip, "%s %s is listed twice", what_s, name);
        *mask |= (uint64_t)1 << bit;
    }
    return CURTAIL_OK;
}

int cu_parse_rule(const loader *ld, uint32_t node, const ypath *path, cu_places *places,
                  cu_rule *out)
{
    int64_t v[R_COUNT];
    ypath fp[R_COUNT];
    int k, w, which = R_NONE, rc;
    curtail_rule init = CURTAIL_RULE_INIT, *r = &out->r;
    memset(out, 0, sizeof *out);
    *r = init;
    if ((rc = yr_fields(ld, node, path, RULE_KEYS, R_COUNT, v)) != CURTAIL_OK)
        return rc;
    for (k = 0; k < R_COUNT; k++)
        fp[k] = yr_key(path, RULE_KEYS[k]);
    if (v[R_INDUSTRY] < 0)
        return yr_missing(ld, node, path, "industry");
    if ((rc = yr_word(ld, (uint32_t)v[R_INDUSTRY], &fp[R_INDUSTRY], &YR_INDUSTRIES, &w)))
        return rc;
    r->industry = (curtail_industry)w;
    if (v[R_KIND] >= 0) {
        unsigned kinds, kb;
        if ((rc = yr_word_mask(ld, (uint32_t)v[R_KIND], &fp[R_KIND], &YR_KINDS, 1, 0, &kinds)))
            return rc;
        for (kb = 0; kb < CURTAIL_NKINDS; kb++)
            if ((kinds & (1u << kb)) && !cu_kind_in_industry((int)kb, w))
                return FAIL(ld, (uint32_t)v[R_KIND], &fp[R_KIND], "%s is not a kind of industry %s",
                            curtail_kind_name((curtail_kind)kb),
                            curtail_industry_name((curtail_industry)w));
        r->kinds = kinds;
    }
    if (v[R_GRADES] < 0)
        return yr_missing(ld, node, path, "grades");
    if ((rc = yr_word_mask(ld, (uint32_t)v[R_GRADES], &fp[R_GRADES], &YR_GRADES, 0, 0, &r->grades)))
        return rc;
    if (v[R_LEVELS] < 0)
        return yr_missing(ld, node, path, "levels");
    if ((rc = yr_word_mask(ld, (uint32_t)v[R_LEVELS], &fp[R_LEVELS], &YR_LEVELS, 0, 0, &r->levels)))
        return rc;
    if (v[R_INTERRUPTIBLE] >= 0) {
        if ((rc = yr_bool(ld, (uint32_t)v[R_INTERRUPTIBLE], &fp[R_INTERRUPTIBLE], &w)))
            return rc;
        r->interruptible = w;
    }
    if (v[R_FUEL] >= 0 &&
        (rc = yr_word_mask(ld, (uint32_t)v[R_FUEL], &fp[R_FUEL], &YR_FUELS, 1, 0, &r->fuels)))
        return rc;
    if (v[R_GUARANTEE] >= 0 &&
        (rc = rule_guarantee(ld, (uint32_t)v[R_GUARANTEE], &fp[R_GUARANTEE], &r->guarantees)))
        return rc;
    if ((rc = rule_places(ld, v[R_ZONES], &fp[R_ZONES], CU_PLACE_ZONE, places, &out->zones)) ||
        (rc = rule_places(ld, v[R_TOWNS], &fp[R_TOWNS], CU_PLACE_TOWN, places, &out->towns)))
        return rc;
    if (v[R_SEASONS] >= 0 && (rc = yr_word_mask(ld, (uint32_t)v[R_SEASONS], &fp[R_SEASONS],
                                                &YR_SEASONS, 0, 0, &out->seasons)))
        return rc;
    if (v[R_TRANSPORT] >= 0) {
        if ((rc = yr_word(ld, (uint32_t)v[R_TRANSPORT], &fp[R_TRANSPORT], &TRANSPORTS, &w)))
            return rc;
        r->transport = (curtail_transport)(w + 1);
    }
    if ((rc = rule_measure(ld, node, path, v[R_TRANSPORT] >= 0, &which)) != CURTAIL_OK)
        return rc;
    if (which < 0) { /* a transport-only rule */
        r->has_measure = 0;
        return CURTAIL_OK;
    }
    return rule_value(ld, (uint32_t)v[which], &fp[which], which, r);
}

int cu_policy_parse(const curtail_mem *mem, const char *text, size_t len, const char *file,
                    cu_places *places, cu_rule **out, size_t *nout, curtail_error *err)
{
    static const char *const keys[] = {"curtail_policy", "default_seasons", "rules"};
    yt_tree t;
    loader ld;
    int64_t v[3];
    cu_rule *rules = NULL;
    uint32_t root, i, n = 0;
    unsigned seasons = 0;
    ypath rp = yr_key(NULL, "rules"), sp = yr_key(NULL, "default_seasons");
    int rc;

    if (!out || !nout)
        return cu_einval(err, "cu_policy_parse: out is NULL");
    *out = NULL;
    *nout = 0;
    rc = yt_parse(&t, mem, text, len, file, err);
    if (rc != CURTAIL_OK)
        goto done;
    yr_init(&ld, &t, file, err, NULL);
    if ((rc = yr_root(&ld, "curtail_policy", &root)) != CURTAIL_OK ||
        (rc = yr_fields(&ld, root, NULL, keys, 3, v)) != CURTAIL_OK)
        goto done;
    /* the seasons of the table's rules that name none (absent: every season) */
    if (v[1] >= 0 &&
        (rc = yr_word_mask(&ld, (uint32_t)v[1], &sp, &YR_SEASONS, 0, 0, &seasons)) != CURTAIL_OK)
        goto done;
    if (v[2] < 0) {
        rc = yr_missing(&ld, root, NULL, "rules");
        goto done;
    }
    if (yt_at(&t, (uint32_t)v[2])->type != YT_SEQ) {
        rc = yr_wrong_type(&ld, (uint32_t)v[2], &rp, "a list of rules");
        goto done;
    }
    n = yt_count(&t, (uint32_t)v[2]);
    rules = cu_calloc(mem, n ? n : 1, sizeof *rules);
    if (!rules) {
        rc = cu_enomem(err);
        goto done;
    }
    for (i = 0; i < n; i++) {
        uint32_t node = yt_kid(&t, (uint32_t)v[2], i);
        ypath ip = yr_index(&rp, i);
        if ((rc = cu_parse_rule(&ld, node, &ip, places, &rules[i])) != CURTAIL_OK)
            goto done;
        if (!rules[i].seasons)
            rules[i].seasons = seasons;
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
