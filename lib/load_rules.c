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
        curtail_rule r;
        curtail_error be;
        if ((rc = cu_parse_rule(ld, rn, &ip, &r)) != CURTAIL_OK)
            return rc;
        if ((rc = curtail_scenario_add_rule(ld->s, &r, &be)) != CURTAIL_OK)
            return yr_builder_error(ld, rc, &be, rn, &ip);
        ld->s->rules[ld->s->nrules - 1].pos = yt_pos(ld->t, rn);
    }
    return CURTAIL_OK;
}
