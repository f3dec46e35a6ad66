/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scenario_scope.c — where and when rules apply (issue 10): enterprises'
 * zone tags, rules' `zones:`, `towns:` and `seasons:`, and the season of the
 * scenario and of its episode. Zone tags and rule towns are names of the
 * scenario's dictionaries (cu_places, rule_schema.c), so an enterprise's zones
 * and a rule's zones and towns are 64-bit masks and matching is a bit test.
 */
#include "scenario.h"

#include <stdio.h>
#include <string.h>

#define NEED_S(s, fn)                                                                       \
    do {                                                                                    \
        if (!(s))                                                                           \
            return cu_einval(err, fn ": scenario is NULL");                                 \
    } while (0)

int cu_scenario_season(const curtail_scenario *s)
{
    if (s->episode.present && s->episode.has_season)
        return s->episode.season;
    return s->has_season ? s->season : CURTAIL_SEASON_HEATING;
}

curtail_season curtail_scenario_season(const curtail_scenario *s)
{
    return s ? (curtail_season)cu_scenario_season(s) : CURTAIL_SEASON_HEATING;
}

int curtail_scenario_set_season(curtail_scenario *s, curtail_season season, curtail_error *err)
{
    int rc;
    NEED_S(s, "curtail_scenario_set_season");
    if ((rc = cu_scenario_refuse_while_results(s, "curtail_scenario_set_season", err)) != 0)
        return rc;
    if ((int)season < 0 || season >= CURTAIL_NSEASONS)
        return cu_bad_value(err, "season", "unknown season");
    s->has_season = 1;
    s->season = (int)season;
    s->checked = 0;
    return CURTAIL_OK;
}

int curtail_scenario_set_episode_season(curtail_scenario *s, curtail_season season,
                                        curtail_error *err)
{
    int rc;
    NEED_S(s, "curtail_scenario_set_episode_season");
    if ((rc = cu_scenario_refuse_while_results(s, "curtail_scenario_set_episode_season", err)))
        return rc;
    if (!s->episode.present)
        return cu_einval(err, "curtail_scenario_set_episode_season: set the episode first "
                              "(curtail_scenario_set_episode)");
    if ((int)season < 0 || season >= CURTAIL_NSEASONS)
        return cu_bad_value(err, "season", "unknown season");
    s->episode.has_season = 1;
    s->episode.season = (int)season;
    s->checked = 0;
    return CURTAIL_OK;
}

/* Names into a mask of dictionary `what`; `key` names the field in errors. */
static int names_mask(curtail_scenario *s, int what, const char *key, const char *const *names,
                      size_t n, uint64_t *mask, curtail_error *err)
{
    size_t i;
    int rc;
    *mask = 0;
    if (n && !names)
        return cu_einval(err, "%s: %zu names but no array", key, n);
    for (i = 0; i < n; i++) {
        char path[48];
        unsigned bit;
        snprintf(path, sizeof path, "%s[%zu]", key, i);
        if (!names[i])
            return cu_bad_value(err, path, "is NULL");
        if (what == CU_PLACE_ZONE && !cu_zone_tag_ok(names[i]))
            return cu_bad_value(err, path,
                                "a zone tag is 1 to 64 characters of [A-Za-z0-9_], not starting "
                                "with a digit");
        if (what == CU_PLACE_TOWN && (!names[i][0] || strlen(names[i]) > CU_MAX_STRING))
            return cu_bad_value(err, path, "must be 1 to %d bytes", CU_MAX_STRING);
        if ((rc = cu_places_add(s->mem, &s->places, what, names[i], &bit, err)) != CURTAIL_OK) {
            if (rc != CURTAIL_ENOMEM && err)
                snprintf(err->path, sizeof err->path, "%s", path);
            return rc;
        }
        if (*mask & ((uint64_t)1 << bit))
            return cu_bad_value(err, path, "%s is listed twice", names[i]);
        *mask |= (uint64_t)1 << bit;
    }
    return CURTAIL_OK;
}

int curtail_scenario_set_zones(curtail_scenario *s, const char *const *zones, size_t n,
                               curtail_error *err)
{
    uint64_t mask;
    int rc;
    NEED_S(s, "curtail_scenario_set_zones");
    if ((rc = cu_scenario_refuse_while_results(s, "curtail_scenario_set_zones", err)) != 0)
        return rc;
    if (!s->nents)
        return cu_einval(err, "curtail_scenario_set_zones: add an enterprise first");
    if ((rc = names_mask(s, CU_PLACE_ZONE, "zones", zones, n, &mask, err)) != CURTAIL_OK)
        return rc;
    s->ents[s->nents - 1].zones = mask;
    s->checked = 0;
    return CURTAIL_OK;
}

size_t curtail_scenario_zone_count(const curtail_scenario *s, size_t i)
{
    uint64_t m;
    size_t n = 0;
    if (!s || i >= s->nents)
        return 0;
    for (m = s->ents[i].zones; m; m &= m - 1)
        n++;
    return n;
}

const char *curtail_scenario_zone(const curtail_scenario *s, size_t i, size_t k)
{
    unsigned b;
    if (!s || i >= s->nents)
        return NULL;
    for (b = 0; b < s->places.n[CU_PLACE_ZONE]; b++)
        if ((s->ents[i].zones >> b) & 1u) {
            if (k == 0)
                return s->places.name[CU_PLACE_ZONE][b];
            k--;
        }
    return NULL;
}

int cu_rule_scope_set(curtail_scenario *s, cu_rule *r, const curtail_rule_scope *scope,
                      curtail_error *err)
{
    int rc;
    if (!scope)
        return CURTAIL_OK;
    if (scope->version != CURTAIL_RULE_SCOPE_VERSION)
        return cu_einval(err, "curtail_scenario_add_rule_scoped: scope of another version");
    if (scope->seasons >> CURTAIL_NSEASONS)
        return cu_bad_value(err, "seasons", "has bits of seasons that do not exist (0x%x)",
                            scope->seasons);
    if ((rc = names_mask(s, CU_PLACE_ZONE, "zones", scope->zones, scope->nzones, &r->zones,
                         err)) ||
        (rc = names_mask(s, CU_PLACE_TOWN, "towns", scope->towns, scope->ntowns, &r->towns, err)))
        return rc;
    r->seasons = scope->seasons;
    return CURTAIL_OK;
}

int curtail_scenario_add_rule_scoped(curtail_scenario *s, const curtail_rule *rule,
                                     const curtail_rule_scope *scope, curtail_error *err)
{
    cu_rule r;
    int rc;
    NEED_S(s, "curtail_scenario_add_rule_scoped");
    memset(&r, 0, sizeof r);
    /* the scope first: a rule is added whole or not at all */
    if (scope && scope->version != CURTAIL_RULE_SCOPE_VERSION)
        return cu_einval(err, "curtail_scenario_add_rule_scoped: scope of another version");
    if ((rc = cu_scenario_refuse_while_results(s, "curtail_scenario_add_rule_scoped", err)))
        return rc;
    if ((rc = cu_rule_scope_set(s, &r, scope, err)) != CURTAIL_OK)
        return rc;
    if ((rc = curtail_scenario_add_rule(s, rule, err)) != CURTAIL_OK)
        return rc;
    s->rules[s->nrules - 1].zones = r.zones;
    s->rules[s->nrules - 1].towns = r.towns;
    s->rules[s->nrules - 1].seasons = r.seasons;
    return CURTAIL_OK;
}

/* A rule naming a zone tag or a town no enterprise has is most likely a typo
 * (the rule then matches nothing there): a warning per name. */
int cu_scope_warnings(curtail_scenario *s)
{
    uint64_t carried = 0, towns_carried = 0;
    size_t i, e;
    unsigned b;
    if (s->has_season && s->episode.present && s->episode.has_season &&
        s->season != s->episode.season) {
        static const char *const zh_names[CURTAIL_NSEASONS] = {"采暖季", "臭氧季", "其他季节"};
        char en[256], zh[256];
        const char *ep = curtail_season_name((curtail_season)s->episode.season);
        const char *sc = curtail_season_name((curtail_season)s->season);
        cu_snprintf_c(en, sizeof en,
                      "the episode's season %s overrides the scenario's %s: the list of this "
                      "file (plan and schedule) is the %s-season list", ep, sc, ep);
        cu_snprintf_c(zh, sizeof zh, "预警过程的季节（%s）取代方案的季节（%s）：本文件的清单"
                      "（plan 与 schedule）按%s措施编制", zh_names[s->episode.season],
                      zh_names[s->season], zh_names[s->episode.season]);
        if (cu_scenario_warn(s, s->episode.pos, "episode.season", en, zh))
            return CURTAIL_ENOMEM;
    }
    for (e = 0; e < s->nents; e++)
        carried |= s->ents[e].zones;
    /* the towns some enterprise is in, as a mask of the rule towns (at most 64) */
    for (b = 0; b < s->places.n[CU_PLACE_TOWN]; b++) {
        const char *town = s->places.name[CU_PLACE_TOWN][b];
        for (e = 0; e < s->nents; e++)
            if (s->ents[e].town && strcmp(s->ents[e].town, town) == 0) {
                towns_carried |= (uint64_t)1 << b;
                break;
            }
    }
    for (i = 0; i < s->nrules; i++) {
        const cu_rule *r = &s->rules[i];
        char path[64], en[512], zh[512];
        for (b = 0; b < s->places.n[CU_PLACE_ZONE]; b++) {
            const char *tag = s->places.name[CU_PLACE_ZONE][b];
            if (!((r->zones >> b) & 1u) || ((carried >> b) & 1u))
                continue;
            snprintf(path, sizeof path, "policy[%zu].zones", i);
            cu_snprintf_c(en, sizeof en, "no enterprise carries the zone tag %s", tag);
            cu_snprintf_c(zh, sizeof zh, "没有企业带有区域标签 %s", tag);
            if (cu_scenario_warn(s, r->pos, path, en, zh))
                return CURTAIL_ENOMEM;
        }
        for (b = 0; b < s->places.n[CU_PLACE_TOWN]; b++) {
            const char *town = s->places.name[CU_PLACE_TOWN][b];
            if (!((r->towns >> b) & 1u) || ((towns_carried >> b) & 1u))
                continue;
            snprintf(path, sizeof path, "policy[%zu].towns", i);
            cu_snprintf_c(en, sizeof en, "no enterprise is in the town %s", town);
            cu_snprintf_c(zh, sizeof zh, "没有企业位于乡镇 %s", town);
            if (cu_scenario_warn(s, r->pos, path, en, zh))
                return CURTAIL_ENOMEM;
        }
    }
    return CURTAIL_OK;
}
