/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * override_more.c — overrides of the issue-10 keys (override_apply.c hands
 * them here): `season`, `episode.season`, `targets.credits_kgpd[.L[.P]]`,
 * `targets.combined[i].ratio`, `transport_factors[.CLASS[.P]]`, and an
 * enterprise's `trucks_per_day[.CLASS]`, `gate_monitoring` and `zones`.
 * Values are read with the loader's rules and checked by the same builders
 * (on error the scenario is unchanged).
 */
#include "override.h"
#include "rule_schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A builder's error with its relative path appended to the override's
 * (".NOx"), as the loader places it. */
static int builder_sub(const ov *o, int rc, const curtail_error *be)
{
    char sub[96];
    if (rc != CURTAIL_EINPUT || be->path[0] == '\0')
        return cu_ov_builder(o, rc, be);
    snprintf(sub, sizeof sub, ".%.90s", be->path);
    return cu_ov_fail(o, sub, "%s", be->message);
}

/* The same under the word of the part that failed, when the override sets a
 * whole map: ".orange.VOCs", ".china5.NOx". */
static int builder_sub_word(const ov *o, const char *word, const curtail_error *be)
{
    char sub[128];
    snprintf(sub, sizeof sub, ".%s%s%.60s", word, be->path[0] ? "." : "", be->path);
    return cu_ov_fail(o, sub, "%s", be->message);
}

/* "L" or "L.P" after a prefix: the first word into *a (ws1), the optional
 * second into *b (ws2, -1 when absent). */
static int two_words(const ov *o, const char *rest, const wordset *ws1, const wordset *ws2,
                     int *a, int *b)
{
    char first[64];
    const char *dot = strchr(rest, '.');
    size_t n = dot ? (size_t)(dot - rest) : strlen(rest);
    int rc;
    snprintf(first, sizeof first, "%.*s", (int)(n < 63 ? n : 63), rest);
    if ((rc = cu_ov_path_word(o, first, ws1, a)) != CURTAIL_OK)
        return rc;
    *b = -1;
    if (dot && (rc = cu_ov_path_word(o, dot + 1, ws2, b)) != CURTAIL_OK)
        return rc;
    return CURTAIL_OK;
}

/* .W.P: one number into row[P]; .W: the row replaced, pollutants left out 0. */
static int rd_row(const ov *o, int p, double row[CU_NP])
{
    if (p >= 0)
        return cu_ov_rd_number(o, o->root, NULL, &row[p]);
    memset(row, 0, CU_NP * sizeof row[0]);
    return cu_ov_rd_pollutants(o, o->has_value ? o->root : NO_NODE, row);
}

/* The whole key, {W: {P: v}}: each W's row cleared and read, its bit set in *touched. */
static int rd_word_rows(const ov *o, const wordset *ws, double (*rows)[CU_NP], unsigned *touched)
{
    uint32_t i, pairs;
    int w, rc;
    if (!o->has_value || yt_at(&o->t, o->root)->type != YT_MAP)
        return cu_ov_wrong_type(o, o->has_value ? o->root : NO_NODE, NULL, "a mapping");
    pairs = yt_count(&o->t, o->root);
    for (i = 0; i < pairs; i++) {
        uint32_t k = yt_kid(&o->t, o->root, 2 * i), val = yt_kid(&o->t, o->root, 2 * i + 1);
        char sub[80], path[600];
        ov sub_o = *o;
        snprintf(sub, sizeof sub, ".%.60s", yt_str(&o->t, k));
        if ((rc = cu_ov_rd_word(o, k, sub, ws, &w)) != CURTAIL_OK)
            return rc;
        memset(rows[w], 0, sizeof rows[w]);
        *touched |= 1u << w;
        snprintf(path, sizeof path, "%s%s", o->path, sub);
        sub_o.path = path;
        if ((rc = cu_ov_rd_pollutants(&sub_o, val, rows[w])) != CURTAIL_OK)
            return rc;
    }
    return CURTAIL_OK;
}

static int ov_season(const ov *o, int episode)
{
    curtail_scenario *s = o->s;
    curtail_error be;
    int w = 0, rc;
    if (episode) {
        if (!s->episode.present)
            return cu_ov_fail(o, NULL, "the scenario has no episode");
        if (!o->has_value) { /* null: the episode follows the scenario's season */
            s->episode.has_season = 0;
            s->checked = 0;
            return CURTAIL_OK;
        }
    }
    if ((rc = cu_ov_rd_word(o, o->has_value ? o->root : NO_NODE, NULL, &YR_SEASONS, &w)) !=
        CURTAIL_OK)
        return rc;
    if (!episode && s->episode.present && s->episode.has_season)
        return cu_ov_fail(o, NULL,
                          "the episode's season (%s) decides for the whole file; override "
                          "episode.season instead",
                          curtail_season_name((curtail_season)s->episode.season));
    rc = episode ? curtail_scenario_set_episode_season(s, (curtail_season)w, &be)
                 : curtail_scenario_set_season(s, (curtail_season)w, &be);
    return rc ? cu_ov_builder(o, rc, &be) : CURTAIL_OK;
}

/* targets.credits_kgpd: {L: {P: kg/d}} / .L: {P: kg/d} / .L.P: kg/d */
static int ov_credits(const ov *o, const char *rest)
{
    curtail_scenario *s = o->s;
    double c[CU_NL][CU_NP];
    curtail_error be;
    int L = -1, p = -1, rc;
    unsigned touched = 0;
    memcpy(c, s->credits, sizeof c);
    if (*rest == '.') {
        if ((rc = two_words(o, rest + 1, &LEVELS, &POLLUTANTS, &L, &p)) != CURTAIL_OK)
            return rc;
        touched = 1u << L;
        /* a level's map replaces it: pollutants left out are 0, as in the file */
        if ((rc = rd_row(o, p, c[L])) != CURTAIL_OK)
            return rc;
    } else {
        memset(c, 0, sizeof c);
        if ((rc = rd_word_rows(o, &LEVELS, c, &touched)) != CURTAIL_OK)
            return rc;
        touched = (1u << CU_NL) - 1;
    }
    /* the builder checks every touched level on a scratch scenario first */
    {
        curtail_scenario *tmp = NULL;
        rc = curtail_scenario_new(&tmp, s->mem, &be);
        for (L = 0; rc == CURTAIL_OK && L < CU_NL; L++)
            if (touched & (1u << L) &&
                (rc = curtail_scenario_set_credits(tmp, (curtail_level)L, c[L], &be)) ==
                    CURTAIL_EINPUT &&
                *rest != '.') {
                /* name the level: "targets.credits_kgpd.orange.VOCs" */
                curtail_scenario_free(tmp);
                return builder_sub_word(o, curtail_level_name((curtail_level)L), &be);
            }
        curtail_scenario_free(tmp);
        if (rc != CURTAIL_OK)
            return p >= 0 ? cu_ov_builder(o, rc, &be) : builder_sub(o, rc, &be);
    }
    for (L = 0; L < CU_NL; L++)
        if (touched & (1u << L))
            memcpy(s->credits[L], c[L], sizeof c[L]);
    s->has_credits = 1;
    s->checked = 0;
    return CURTAIL_OK;
}

/* targets.combined[i].ratio */
static int ov_combined(const ov *o, const char *rest)
{
    curtail_scenario *s = o->s, *tmp = NULL;
    curtail_error be;
    char *end;
    unsigned long i;
    double ratio;
    int rc;
    if (rest[0] != '[' || !(rest[1] >= '0' && rest[1] <= '9') ||
        ((i = strtoul(rest + 1, &end, 10)), *end != ']') || strcmp(end + 1, ".ratio") != 0 ||
        (rest[1] == '0' && end != rest + 2))
        return cu_ov_fail(o, NULL, "expected targets.combined[INDEX].ratio");
    if (i >= s->ncombined)
        return cu_ov_fail(o, NULL, "no combined target %lu (the scenario has %zu)", i,
                          s->ncombined);
    if ((rc = cu_ov_rd_number(o, o->root, NULL, &ratio)) != CURTAIL_OK)
        return rc;
    /* the builder's range check on a scratch scenario, then the new ratio */
    rc = curtail_scenario_new(&tmp, s->mem, &be);
    if (rc == CURTAIL_OK)
        rc = curtail_scenario_add_combined_target(tmp, s->combined[i].pollutants,
                                                  s->combined[i].levels, ratio, &be);
    curtail_scenario_free(tmp);
    if (rc != CURTAIL_OK)
        return cu_ov_builder(o, rc, &be);
    s->combined[i].ratio = ratio;
    s->checked = 0;
    return CURTAIL_OK;
}

/* transport_factors: {CLASS: {P: kg}} / .CLASS: {P: kg} / .CLASS.P: kg */
static int ov_transport_factors(const ov *o, const char *rest)
{
    curtail_scenario *s = o->s;
    double f[CURTAIL_NTRUCK_CLASSES][CU_NP];
    unsigned touched = 0;
    int c = -1, p = -1, rc;
    curtail_error be;
    memcpy(f, s->transport_factors, sizeof f);
    if (*rest == '.') {
        if ((rc = two_words(o, rest + 1, &YR_TRUCK_CLASSES, &POLLUTANTS, &c, &p)) != CURTAIL_OK)
            return rc;
        touched = 1u << c;
        if (p >= 0 && !s->has_transport_factors[c])
            memset(f[c], 0, sizeof f[c]);
        if ((rc = rd_row(o, p, f[c])) != CURTAIL_OK)
            return rc;
    } else {
        /* the whole key: classes left out have no factor, as in the file */
        if ((rc = rd_word_rows(o, &YR_TRUCK_CLASSES, f, &touched)) != CURTAIL_OK)
            return rc;
    }
    /* every touched class checked by the builder on a scratch scenario first */
    {
        curtail_scenario *tmp = NULL;
        rc = curtail_scenario_new(&tmp, s->mem, &be);
        for (c = 0; rc == CURTAIL_OK && c < CURTAIL_NTRUCK_CLASSES; c++)
            if (touched & (1u << c)) {
                rc = curtail_scenario_set_transport_factors(tmp, (curtail_truck_class)c, f[c],
                                                            &be);
                if (rc == CURTAIL_EINPUT && *rest != '.') {
                    /* name the class: "transport_factors.china5.NOx" */
                    curtail_scenario_free(tmp);
                    return builder_sub_word(
                        o, curtail_truck_class_name((curtail_truck_class)c), &be);
                }
            }
        curtail_scenario_free(tmp);
        if (rc != CURTAIL_OK)
            return p >= 0 ? cu_ov_builder(o, rc, &be) : builder_sub(o, rc, &be);
    }
    for (c = 0; c < CURTAIL_NTRUCK_CLASSES; c++)
        if (touched & (1u << c)) {
            memcpy(s->transport_factors[c], f[c], sizeof f[c]);
            s->has_transport_factors[c] = 1;
        } else if (*rest != '.') {
            memset(s->transport_factors[c], 0, sizeof s->transport_factors[c]);
            s->has_transport_factors[c] = 0;
        }
    s->checked = 0;
    return CURTAIL_OK;
}

int cu_ov_scenario_more(const ov *o, const char *path)
{
    if (strcmp(path, "season") == 0)
        return ov_season(o, 0);
    if (strcmp(path, "episode.season") == 0)
        return ov_season(o, 1);
    if (strncmp(path, "targets.credits_kgpd", 20) == 0 && (path[20] == '\0' || path[20] == '.'))
        return ov_credits(o, path + 20);
    if (strncmp(path, "targets.combined", 16) == 0 &&
        (path[16] == '\0' || path[16] == '[' || path[16] == '.'))
        return ov_combined(o, path + 16);
    if (strncmp(path, "transport_factors", 17) == 0 && (path[17] == '\0' || path[17] == '.'))
        return ov_transport_factors(o, path + 17);
    return CU_OV_NOMATCH;
}

/* ---- enterprise fields of issue 10 ----------------------------------------------------- */

static int ov_trucks(const ov *o, cu_enterprise *en, const char *rest)
{
    double n[CURTAIL_NTRUCK_CLASSES];
    int c = -1, rc, has = 1;
    memcpy(n, en->trucks, sizeof n);
    if (*rest == '.') {
        if ((rc = cu_ov_path_word(o, rest + 1, &YR_TRUCK_CLASSES, &c)) != CURTAIL_OK)
            return rc;
        if (!en->has_trucks)
            memset(n, 0, sizeof n);
        if ((rc = cu_ov_rd_number(o, o->root, NULL, &n[c])) != CURTAIL_OK)
            return rc;
        if (!(n[c] >= 0 && n[c] <= CU_MAX_MAGNITUDE))
            return cu_ov_fail(o, NULL, "must be in [0, 1e12] trips a day, got %.15g", n[c]);
    } else if (!o->has_value) {
        has = 0; /* null: no trucks_per_day */
        memset(n, 0, sizeof n);
    } else {
        uint32_t i, pairs;
        if (yt_at(&o->t, o->root)->type != YT_MAP)
            return cu_ov_wrong_type(o, o->root, NULL, "a mapping");
        memset(n, 0, sizeof n);
        pairs = yt_count(&o->t, o->root);
        for (i = 0; i < pairs; i++) {
            uint32_t k = yt_kid(&o->t, o->root, 2 * i), val = yt_kid(&o->t, o->root, 2 * i + 1);
            char sub[80];
            snprintf(sub, sizeof sub, ".%.60s", yt_str(&o->t, k));
            if ((rc = cu_ov_rd_word(o, k, sub, &YR_TRUCK_CLASSES, &c)) != CURTAIL_OK)
                return rc;
            if ((rc = cu_ov_rd_number(o, val, sub, &n[c])) != CURTAIL_OK)
                return rc;
            if (!(n[c] >= 0 && n[c] <= CU_MAX_MAGNITUDE))
                return cu_ov_fail(o, sub, "must be in [0, 1e12] trips a day, got %.15g", n[c]);
        }
    }
    memcpy(en->trucks, n, sizeof n);
    en->has_trucks = (unsigned char)has;
    return CURTAIL_OK;
}

static int ov_zones(const ov *o, cu_enterprise *en)
{
    curtail_scenario *s = o->s;
    const char *tags[CU_MAX_PLACES];
    uint32_t i, n = 0;
    unsigned fresh = 0, bit;
    uint64_t mask = 0;
    int rc;
    if (o->has_value) {
        if (yt_at(&o->t, o->root)->type != YT_SEQ)
            return cu_ov_wrong_type(o, o->root, NULL, "a list of zone tags");
        n = yt_count(&o->t, o->root);
    }
    for (i = 0; i < n; i++) {
        char sub[32];
        uint32_t k;
        snprintf(sub, sizeof sub, "[%u]", (unsigned)i);
        if (i >= CU_MAX_PLACES)
            return cu_ov_fail(o, sub, "a scenario may name at most %d distinct zone tags",
                              CU_MAX_PLACES);
        if ((rc = cu_ov_rd_string(o, yt_kid(&o->t, o->root, i), sub, &tags[i])) != CURTAIL_OK)
            return rc;
        if (!cu_zone_tag_ok(tags[i]))
            return cu_ov_fail(o, sub, "a zone tag is 1 to 64 characters of [A-Za-z0-9_], not "
                                      "starting with a digit");
        for (k = 0; k < i; k++)
            if (strcmp(tags[k], tags[i]) == 0)
                return cu_ov_fail(o, sub, "%s is listed twice", tags[i]);
        if (cu_places_find(&s->places, CU_PLACE_ZONE, tags[i]) < 0)
            fresh++;
    }
    if (s->places.n[CU_PLACE_ZONE] + fresh > CU_MAX_PLACES)
        return cu_ov_fail(o, NULL, "a scenario may name at most %d distinct zone tags",
                          CU_MAX_PLACES);
    for (i = 0; i < n; i++) {
        if ((rc = cu_places_add(s->mem, &s->places, CU_PLACE_ZONE, tags[i], &bit, o->err)) !=
            CURTAIL_OK)
            return rc; /* ENOMEM only (the count was checked) */
        mask |= (uint64_t)1 << bit;
    }
    en->zones = mask;
    return CURTAIL_OK;
}

int cu_ov_enterprise_more(const ov *o, size_t e, const char *field)
{
    curtail_scenario *s = o->s;
    cu_enterprise *en = &s->ents[e];
    int rc, w;
    if (strncmp(field, "trucks_per_day", 14) == 0 && (field[14] == '\0' || field[14] == '.'))
        rc = ov_trucks(o, en, field + 14);
    else if (strcmp(field, "gate_monitoring") == 0) {
        if ((rc = cu_ov_rd_bool(o, o->root, NULL, &w)) == CURTAIL_OK)
            en->gate_monitoring = (unsigned char)w;
    } else if (strcmp(field, "zones") == 0)
        rc = ov_zones(o, en);
    else
        return CU_OV_NOMATCH;
    if (rc == CURTAIL_OK)
        s->checked = 0;
    return rc;
}
