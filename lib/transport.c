/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * transport.c — transport measures as policy data (issue 10). Rules state a
 * transport measure (运输措施) apart from the production measure (policy.c
 * matches them apart); an enterprise carries the strictest of its units'.
 * With trucks_per_day and the per-trip factors, the trips a measure stops
 * are a mobile-source reduction (移动源): a constant per level and pollutant,
 * which lowers that level's requirement of the listed enterprises exactly.
 */
#include "transport.h"
#include "names.h"

#include <math.h>
#include <stdio.h>

/* The county plan: 门禁 from 10 truck trips a day (DOMAIN.md). */
#define GATE_TRIPS 10.0

int curtail_scenario_set_trucks(curtail_scenario *s,
                                const double trucks_per_day[CURTAIL_NTRUCK_CLASSES],
                                int gate_monitoring, curtail_error *err)
{
    cu_enterprise *e;
    int c, rc;
    if (!s)
        return cu_einval(err, "curtail_scenario_set_trucks: scenario is NULL");
    if ((rc = cu_scenario_refuse_while_results(s, "curtail_scenario_set_trucks", err)) != 0)
        return rc;
    if (s->nents == 0)
        return cu_einval(err, "curtail_scenario_set_trucks: no enterprise added yet");
    if (gate_monitoring != 0 && gate_monitoring != 1)
        return cu_bad_value(err, "gate_monitoring", "must be true or false");
    if (trucks_per_day)
        for (c = 0; c < CURTAIL_NTRUCK_CLASSES; c++) {
            double v = trucks_per_day[c];
            if (!(v >= 0 && v <= CU_MAX_MAGNITUDE))
                return cu_bad_value(err, "trucks_per_day", "%s must be in [0, 1e12], got %.15g",
                                    curtail_truck_class_name((curtail_truck_class)c), v);
        }
    e = &s->ents[s->nents - 1];
    e->has_trucks = trucks_per_day != NULL;
    for (c = 0; c < CURTAIL_NTRUCK_CLASSES; c++)
        e->trucks[c] = trucks_per_day ? trucks_per_day[c] : 0.0;
    e->gate_monitoring = (unsigned char)gate_monitoring;
    s->checked = 0;
    return CURTAIL_OK;
}

int curtail_scenario_trucks(const curtail_scenario *s, size_t e, int *has_trucks,
                            double trucks_per_day[CURTAIL_NTRUCK_CLASSES], int *gate_monitoring,
                            curtail_error *err)
{
    const cu_enterprise *en;
    int c;
    if (!s)
        return cu_einval(err, "curtail_scenario_trucks: scenario is NULL");
    if (e >= s->nents)
        return cu_einval(err, "curtail_scenario_trucks: index %zu out of range (%zu enterprises)",
                         e, s->nents);
    en = &s->ents[e];
    if (has_trucks)
        *has_trucks = en->has_trucks;
    if (trucks_per_day)
        for (c = 0; c < CURTAIL_NTRUCK_CLASSES; c++)
            trucks_per_day[c] = en->trucks[c];
    if (gate_monitoring)
        *gate_monitoring = en->gate_monitoring;
    return CURTAIL_OK;
}

int curtail_scenario_set_transport_factors(curtail_scenario *s, curtail_truck_class c,
                                           const double kg_per_trip[CURTAIL_NPOLLUTANTS],
                                           curtail_error *err)
{
    int p, rc;
    if (!s || !kg_per_trip)
        return cu_einval(err, "curtail_scenario_set_transport_factors: scenario or factors NULL");
    if ((rc = cu_scenario_refuse_while_results(s, "curtail_scenario_set_transport_factors",
                                               err)) != 0)
        return rc;
    if ((int)c < 0 || c >= CURTAIL_NTRUCK_CLASSES)
        return cu_einval(err, "curtail_scenario_set_transport_factors: unknown truck class");
    for (p = 0; p < CU_NP; p++) {
        double v = kg_per_trip[p];
        if (!(v >= 0 && v <= CU_MAX_MAGNITUDE))
            return cu_bad_value(err, curtail_pollutant_name((curtail_pollutant)p),
                                "must be in [0, 1e12] kg per trip, got %.15g", v);
    }
    for (p = 0; p < CU_NP; p++)
        s->transport_factors[c][p] = kg_per_trip[p];
    s->has_transport_factors[c] = 1;
    s->checked = 0;
    return CURTAIL_OK;
}

int cu_transport_enterprise(const curtail_scenario *s, const cu_groups *g, size_t e, int L)
{
    const cu_enterprise *en = &s->ents[e];
    size_t u;
    int t = CURTAIL_TRANSPORT_UNSET;
    for (u = en->first_unit; u < en->first_unit + en->nunits; u++)
        if (g->ul[u * CU_NL + L].transport > t)
            t = g->ul[u * CU_NL + L].transport;
    return t;
}

double cu_transport_trips_stopped(const curtail_scenario *s, size_t e, int t)
{
    const cu_enterprise *en = &s->ents[e];
    double n = 0.0;
    int c;
    if (!en->has_trucks)
        return 0.0;
    for (c = 0; c < CURTAIL_NTRUCK_CLASSES; c++)
        if (cu_transport_bans(t, c))
            n += en->trucks[c];
    return n;
}

void cu_transport_mobile(const curtail_scenario *s, const cu_groups *g, double M[CU_NL][CU_NP])
{
    size_t e;
    int L, p, c;
    memset(M, 0, sizeof(double) * CU_NL * CU_NP);
    for (e = 0; e < s->nents; e++) {
        const cu_enterprise *en = &s->ents[e];
        if (!en->has_trucks)
            continue;
        for (L = 0; L < CU_NL; L++) {
            int t = cu_transport_enterprise(s, g, e, L);
            for (c = 0; c < CURTAIL_NTRUCK_CLASSES; c++)
                if (cu_transport_bans(t, c) && en->trucks[c] > 0)
                    for (p = 0; p < CU_NP; p++)
                        M[L][p] += en->trucks[c] * s->transport_factors[c][p];
        }
    }
}

double cu_requirement_less_mobile(double required, double mobile)
{
    return mobile >= required ? 0.0 : required - mobile;
}

/* "12" or "12.5": a trip count as written in a message. */
static void trips_text(char *buf, size_t n, double v)
{
    cu_snprintf_c(buf, n, "%.15g", v);
}

int cu_transport_check(curtail_scenario *s, curtail_error *err)
{
    size_t e;
    int c;
    for (e = 0; e < s->nents; e++) {
        const cu_enterprise *en = &s->ents[e];
        double total = 0.0;
        char path[96], msg_en[512], msg_zh[CU_MAX_STRING + 512], n[32];
        if (!en->has_trucks)
            continue;
        for (c = 0; c < CURTAIL_NTRUCK_CLASSES; c++) {
            const char *cls = curtail_truck_class_name((curtail_truck_class)c);
            total += en->trucks[c];
            /* an electric truck emits nothing at the tailpipe: its factors default to 0 */
            if (en->trucks[c] > 0 && !s->has_transport_factors[c] && c != CURTAIL_TRUCK_ELECTRIC) {
                snprintf(path, sizeof path, "enterprises[%zu].trucks_per_day.%s", e, cls);
                return cu_error(err, CURTAIL_EINPUT, s->file,
                                en->pos_truck[c].line ? en->pos_truck[c] : en->pos_trucks, path,
                                "trips of %s trucks need transport_factors.%s (kg per trip), "
                                "which is not given",
                                cls, cls);
            }
        }
        if (total < GATE_TRIPS || en->gate_monitoring)
            continue;
        trips_text(n, sizeof n, total);
        snprintf(path, sizeof path, "enterprises[%zu].trucks_per_day", e);
        snprintf(msg_en, sizeof msg_en,
                 "enterprise '%s' has %s truck trips a day and no gate monitoring "
                 "(gate_monitoring: true); the county plan requires it from 10 a day",
                 en->id, n);
        snprintf(msg_zh, sizeof msg_zh,
                 "企业“%s”日均货车运输%s车次，未安装门禁监控系统（gate_monitoring: true）；"
                 "县方案要求日均10车次及以上的企业安装门禁",
                 en->name ? en->name : en->id, n);
        if (cu_scenario_warn(s, en->pos_trucks.line ? en->pos_trucks : en->pos[CU_EF_NODE], path,
                             msg_en, msg_zh))
            return cu_enomem(err);
    }
    return CURTAIL_OK;
}
