/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * load_rules.c — a scenario's `policy:` list: each rule read by the rule
 * schema (rule_schema.c) and added with curtail_scenario_add_rule.
 */
#include "load.h"
#include "rule_schema.h"

int cu_load_policy(const loader *ld, uint32_t node, const ypath *path)
{
    uint32_t i, n;
    int rc;
    if (yt_at(ld->t, node)->type != YT_SEQ)
        return yr_wrong_type(ld, node, path, "a list of rules");
    n = yt_count(ld->t, node);
    for (i = 0; i < n; i++) {
        uint32_t rn = yt_kid(ld->t, node, i);
        ypath ip = yr_index(path, i);
        cu_rule r;
        cu_rule *added;
        curtail_error be;
        if ((rc = cu_parse_rule(ld, rn, &ip, &ld->s->places, &r)) != CURTAIL_OK)
            return rc;
        if ((rc = curtail_scenario_add_rule(ld->s, &r.r, &be)) != CURTAIL_OK)
            return yr_builder_error(ld, rc, &be, rn, &ip);
        added = &ld->s->rules[ld->s->nrules - 1];
        added->pos = yt_pos(ld->t, rn);
        added->zones = r.zones;
        added->towns = r.towns;
        added->seasons = r.seasons;
    }
    return CURTAIL_OK;
}
