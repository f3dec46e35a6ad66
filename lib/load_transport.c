/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * load_transport.c — the transport keys of a scenario (issue 10): an
 * enterprise's `trucks_per_day` and `gate_monitoring`, and the scenario's
 * `transport_factors` (kg per trip by truck class), through the public
 * builders of transport.c. Below it: yaml_read.c.
 */
#include "load.h"

int cu_load_trucks(const loader *ld, uint32_t ent_node, const ypath *ent_path, int64_t trucks,
                   int64_t gate)
{
    double n[CURTAIL_NTRUCK_CLASSES] = {0, 0, 0, 0};
    int64_t vals[CURTAIL_NTRUCK_CLASSES];
    ypath tp = yr_key(ent_path, "trucks_per_day"), gp = yr_key(ent_path, "gate_monitoring");
    curtail_error be;
    cu_enterprise *en = &ld->s->ents[ld->s->nents - 1];
    int c, on = 0, rc;
    if (trucks < 0 && gate < 0)
        return CURTAIL_OK;
    if (gate >= 0 && (rc = yr_bool(ld, (uint32_t)gate, &gp, &on)) != CURTAIL_OK)
        return rc;
    if (trucks >= 0) {
        if ((rc = yr_word_keys(ld, (uint32_t)trucks, &tp, &YR_TRUCK_CLASSES, vals)) != CURTAIL_OK)
            return rc;
        for (c = 0; c < CURTAIL_NTRUCK_CLASSES; c++) {
            ypath cp = yr_key(&tp, curtail_truck_class_name((curtail_truck_class)c));
            if (vals[c] < 0)
                continue;
            if ((rc = yr_number(ld, (uint32_t)vals[c], &cp, &n[c])) != CURTAIL_OK)
                return rc;
            if (!(n[c] >= 0 && n[c] <= CU_MAX_MAGNITUDE))
                return FAIL(ld, (uint32_t)vals[c], &cp, "must be in [0, 1e12] trips a day, got %.15g",
                            n[c]);
        }
    }
    if ((rc = curtail_scenario_set_trucks(ld->s, trucks >= 0 ? n : NULL, on, &be)) != CURTAIL_OK)
        return yr_builder_error(ld, rc, &be, ent_node, ent_path);
    en->pos_trucks = yr_pos_of(ld, trucks);
    if (trucks >= 0)
        for (c = 0; c < CURTAIL_NTRUCK_CLASSES; c++)
            en->pos_truck[c] = yr_pos_of(ld, vals[c]);
    return CURTAIL_OK;
}

int cu_load_transport_factors(const loader *ld, uint32_t node, const ypath *path)
{
    int64_t vals[CURTAIL_NTRUCK_CLASSES];
    curtail_error be;
    int c, rc;
    if ((rc = yr_word_keys(ld, node, path, &YR_TRUCK_CLASSES, vals)) != CURTAIL_OK)
        return rc;
    ld->s->pos_transport_factors = yt_pos(ld->t, node);
    for (c = 0; c < CURTAIL_NTRUCK_CLASSES; c++) {
        double f[CU_NP] = {0, 0, 0, 0};
        ypath cp = yr_key(path, curtail_truck_class_name((curtail_truck_class)c));
        if (vals[c] < 0)
            continue;
        if ((rc = yr_pollutants(ld, (uint32_t)vals[c], &cp, f)) != CURTAIL_OK)
            return rc;
        rc = curtail_scenario_set_transport_factors(ld->s, (curtail_truck_class)c, f, &be);
        if (rc != CURTAIL_OK)
            return yr_builder_error(ld, rc, &be, (uint32_t)vals[c], &cp);
    }
    return CURTAIL_OK;
}
