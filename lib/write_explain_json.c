/* SPDX-License-Identifier: GPL-3.0-or-later */
/* write_explain_json.c — `curtail explain --format json` (write_explain.c
 * has the Markdown and the entry): the sheet ("explain": "enterprise"), the
 * level's account ("level") and the enterprises ("enterprises"), keys as in
 * schema/explain.schema.json; kg/d, yuan/d, grade-weighted yuan per kg;
 * capacities in their stated unit (cu_capacity_stated). The account carries
 * what the Markdown's does: both bases, credits, combined rows (as the
 * plan's JSON has them) and the mobile-source reduction. */
#include "write_explain.h"

#include <string.h>

static void js(ex *x, const char *s)
{
    cu_json_str(x->out, s);
}

/* ", \"key\": " */
static void jkey(ex *x, const char *key, int first)
{
    if (!first)
        puts_(x, ", ");
    cu_json_str(x->out, key);
    puts_(x, ": ");
}

/* ", \"key\": \"v\"" (null when v is) */
static void jstr(ex *x, const char *key, int first, const char *v)
{
    jkey(x, key, first);
    js(x, v);
}

static void jnum(ex *x, const char *key, double v)
{
    jkey(x, key, 0);
    cu_buf_num(x->out, v);
}

static void json_head(ex *x, const char *what)
{
    puts_(x, "{\n  \"curtail\": 1");
    jstr(x, "version", 0, curtail_version());
    jstr(x, "scenario", 0, curtail_scenario_name(x->r->s));
    jstr(x, "command", 0, "explain");
    jstr(x, "explain", 0, what);
    jstr(x, "edition", 0, "filed");
    jstr(x, "status", 0,
         curtail_result_status(x->r) == CURTAIL_TARGETS_UNMET ? "targets_unmet" : "optimal");
    puts_(x, ",\n");
}

static void json_pollutants(ex *x, const double v[CU_NP])
{
    int p;
    puts_(x, "{");
    for (p = 0; p < CU_NP; p++) {
        jkey(x, curtail_pollutant_name((curtail_pollutant)p), p == 0);
        cu_buf_num(x->out, v[p]);
    }
    puts_(x, "}");
}

int cu_ex_json_sheet(ex *x, size_t ent, size_t first, size_t end, int level)
{
    curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
    size_t u;
    int L, p, rc, any = 0;
    if ((rc = curtail_scenario_enterprise(x->r->s, ent, &e, NULL)) != CURTAIL_OK)
        return rc;
    json_head(x, "enterprise");
    puts_(x, "  \"enterprise\": {");
    jstr(x, "id", 1, e.id);
    jstr(x, "name", 0, e.name);
    jstr(x, "credit_code", 0, e.credit_code);
    jstr(x, "town", 0, e.town);
    jstr(x, "address", 0, e.address);
    jstr(x, "industry", 0, curtail_industry_name(e.industry));
    jstr(x, "industry_code", 0, e.industry_code);
    jstr(x, "grade", 0, curtail_grade_name(e.grade));
    jkey(x, "guarantee", 0);
    js(x, e.guarantee == CURTAIL_GUARANTEE_LIVELIHOOD ? "livelihood"
          : e.guarantee == CURTAIL_GUARANTEE_SUPPLY   ? "supply"
                                                      : "none");
    jkey(x, "phase_out", 0);
    puts_(x, e.phase_out ? "true" : "false");
    jkey(x, "contact", 0);
    if (e.contact_name || e.contact_phone) {
        puts_(x, "{");
        jstr(x, "name", 1, e.contact_name);
        jstr(x, "phone", 0, e.contact_phone);
        puts_(x, "}");
    } else
        puts_(x, "null");
    {
        double trucks[CURTAIL_NTRUCK_CLASSES];
        int has = 0, gate = 0, c;
        if ((rc = curtail_scenario_trucks(x->r->s, ent, &has, trucks, &gate, NULL)) != CURTAIL_OK)
            return rc;
        jkey(x, "trucks_per_day", 0);
        if (has) {
            puts_(x, "{");
            for (c = 0; c < CURTAIL_NTRUCK_CLASSES; c++) {
                jkey(x, curtail_truck_class_name((curtail_truck_class)c), c == 0);
                cu_buf_num(x->out, trucks[c]);
            }
            puts_(x, "}");
        } else
            puts_(x, "null");
        jkey(x, "gate_monitoring", 0);
        puts_(x, gate ? "true" : "false");
    }
    puts_(x, "},\n  \"units\": [");
    for (u = first; u < end && !x->out->failed; u++) {
        cu_list_row row;
        double base[CU_NP], capacity;
        int capu;
        if ((rc = cu_list_row_init(x->r, u, &row)) != CURTAIL_OK)
            return rc;
        for (p = 0; p < CU_NP; p++) {
            cu_list_col c = {CU_COL_BASELINE, 0, p};
            base[p] = cu_list_value(x->r, &row, c);
        }
        puts_(x, u > first ? ",\n    {" : "\n    {");
        jstr(x, "unit", 1, row.info.u.id);
        jstr(x, "name", 0, cu_unit_name(x->r, u));
        jstr(x, "kind", 0, curtail_kind_name(row.info.u.kind));
        capu = cu_capacity_stated(&row.info.u, &capacity);
        jnum(x, "capacity", capacity); /* in capacity_unit: 40 for a 960 t/d boiler in t/h */
        jstr(x, "capacity_unit", 0, cu_capu_names[capu]);
        jnum(x, "base_load", row.ur[0].base_load);
        jstr(x, "follows", 0, row.info.leader != u ? row.info.u.follows : NULL);
        jstr(x, "effective_grade", 0, curtail_grade_name((curtail_grade)x->r->grades[u].grade));
        jkey(x, "grade_reason", 0);
        js(x, (x->r->grades[u].grade_why & CU_GRADE_BY_PHASE_OUT)         ? "phase_out"
              : (x->r->grades[u].grade_why & CU_GRADE_BY_WET_QUENCHING) ? "wet_quenching"
                                                                         : NULL);
        jkey(x, "baseline_kgpd", 0);
        json_pollutants(x, base);
        puts_(x, "}");
    }
    puts_(x, end > first ? "\n  ],\n  \"levels\": [" : "],\n  \"levels\": [");
    for (L = 0; L < CU_NL; L++) {
        double total[CU_NP] = {0, 0, 0, 0};
        if (level >= 0 && L != level)
            continue;
        puts_(x, any ? ",\n    {" : "\n    {");
        any = 1;
        jstr(x, "level", 1, curtail_level_name((curtail_level)L));
        puts_(x, ", \"units\": [");
        for (u = first; u < end && !x->out->failed; u++) {
            curtail_unit_result ur;
            if ((rc = curtail_result_unit(x->r, (curtail_level)L, u, &ur, NULL)) != CURTAIL_OK)
                return rc;
            puts_(x, u > first ? ",\n      {" : "\n      {");
            jstr(x, "unit", 1, ur.unit);
            jnum(x, "load", ur.load);
            jstr(x, "text", 0, cu_ex_unit_text(x, u, L, 0));
            jstr(x, "basis", 0, cu_ex_unit_text(x, u, L, 1));
            jkey(x, "reduction_kgpd", 0);
            json_pollutants(x, ur.reduction);
            puts_(x, "}");
            for (p = 0; p < CU_NP; p++)
                total[p] += ur.reduction[p];
        }
        puts_(x, end > first ? "\n    ], \"reduction_kgpd\": " : "], \"reduction_kgpd\": ");
        json_pollutants(x, total);
        {
            curtail_transport tr = curtail_result_transport(x->r, (curtail_level)L, ent);
            puts_(x, ",\n     \"transport\": {");
            jstr(x, "measure", 1,
                 tr == CURTAIL_TRANSPORT_UNSET ? NULL : curtail_transport_name(tr));
            jstr(x, "text", 0, cu_transport_text((int)tr, x->en));
            jnum(x, "trips_stopped", curtail_result_trips_stopped(x->r, (curtail_level)L, ent));
            puts_(x, "}");
        }
        puts_(x, "}");
    }
    puts_(x, any ? "\n  ]\n}\n" : "]\n}\n");
    return CURTAIL_OK;
}

int cu_ex_json_account(ex *x, int L)
{
    curtail_level_result lr;
    size_t u, n = curtail_result_unit_count(x->r), k = 0, e;
    size_t ne = curtail_scenario_enterprise_count(x->r->s);
    double mobile[CU_NP], trips = 0.0;
    int p, any, rc = curtail_result_level(x->r, (curtail_level)L, &lr, NULL);
    if (rc != CURTAIL_OK)
        return rc;
    json_head(x, "level");
    puts_(x, "  \"level\": ");
    js(x, curtail_level_name((curtail_level)L));
    puts_(x, ",\n  \"level_status\": ");
    js(x, lr.status == CURTAIL_TARGETS_UNMET ? "targets_unmet" : "optimal");
    puts_(x, ",\n  \"base\": ");
    js(x, x->r->base == CURTAIL_BASE_TOTALS ? "totals" : "listed");
    puts_(x, ",\n  \"lost_value\": ");
    cu_buf_num(x->out, lr.lost_value);
    puts_(x, ",\n  \"weighted_loss\": ");
    cu_buf_num(x->out, lr.weighted_loss);
    puts_(x, ",\n  \"targets\": {");
    for (p = 0; p < CU_NP; p++) {
        const curtail_target *tg = &lr.targets[p];
        puts_(x, p ? ",\n    " : "\n    ");
        cu_json_str(x->out, curtail_pollutant_name((curtail_pollutant)p));
        puts_(x, ": {");
        jkey(x, "baseline", 1);
        cu_buf_num(x->out, tg->baseline);
        jnum(x, "listed", x->r->gv.listed[p]);
        jnum(x, "required", tg->required);
        jnum(x, "achieved", tg->achieved);
        jnum(x, "shortfall", tg->shortfall);
        jnum(x, "shadow_price", tg->shadow_price);
        jnum(x, "credit", x->r->has_credits ? x->r->credit[L][p] : 0.0);
        puts_(x, "}");
    }
    puts_(x, "\n  },\n  \"combined\": [");
    for (k = 0, any = 0; k < x->r->ncomb; k++) {
        const cu_comb_res *c = &x->r->comb[k];
        int first = 1;
        if (c->level != L)
            continue;
        puts_(x, any++ ? ",\n    {" : "\n    {");
        jkey(x, "pollutants", 1);
        puts_(x, "[");
        for (p = 0; p < CU_NP; p++)
            if (c->pollutants & (1u << p)) {
                puts_(x, first ? "" : ", ");
                first = 0;
                js(x, curtail_pollutant_name((curtail_pollutant)p));
            }
        puts_(x, "]");
        jnum(x, "ratio", c->ratio);
        jnum(x, "credit", c->credit);
        jnum(x, "required", c->required);
        jnum(x, "achieved", c->achieved);
        jnum(x, "shortfall", c->shortfall);
        jnum(x, "shadow_price", c->shadow_price);
        puts_(x, "}");
    }
    curtail_result_mobile(x->r, (curtail_level)L, mobile, NULL);
    for (e = 0; e < ne; e++)
        trips += curtail_result_trips_stopped(x->r, (curtail_level)L, e);
    puts_(x, any ? "\n  ],\n  \"mobile\": {" : "],\n  \"mobile\": {");
    jkey(x, "trips_stopped", 1);
    cu_buf_num(x->out, trips);
    jkey(x, "reduction_kgpd", 0);
    json_pollutants(x, mobile);
    puts_(x, "},\n  \"below_rule\": [");
    k = 0;
    for (u = 0; u < n && !x->out->failed; u++) {
        curtail_unit_result ur;
        if (!cu_ex_below_rule(x->r, u, L))
            continue;
        if ((rc = curtail_result_unit(x->r, (curtail_level)L, u, &ur, NULL)) != CURTAIL_OK)
            return rc;
        puts_(x, k++ ? ",\n    {" : "\n    {");
        jstr(x, "enterprise", 1, ur.enterprise);
        jstr(x, "unit", 0, ur.unit);
        jnum(x, "rule_hi", x->r->facts[u * CU_NL + (size_t)L].hi);
        jnum(x, "load", ur.load);
        jstr(x, "text", 0, cu_ex_unit_text(x, u, L, 0));
        jstr(x, "basis", 0, cu_ex_unit_text(x, u, L, 1));
        puts_(x, "}");
    }
    puts_(x, k ? "\n  ]\n}\n" : "]\n}\n");
    return CURTAIL_OK;
}

int cu_ex_json_index(ex *x)
{
    size_t i, ne = curtail_scenario_enterprise_count(x->r->s);
    json_head(x, "enterprises");
    puts_(x, "  \"enterprises\": [");
    for (i = 0; i < ne && !x->out->failed; i++) {
        curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
        if (curtail_scenario_enterprise(x->r->s, i, &e, NULL) != CURTAIL_OK)
            break;
        puts_(x, i ? ",\n    {" : "\n    {");
        jstr(x, "id", 1, e.id);
        jstr(x, "name", 0, e.name);
        jstr(x, "town", 0, e.town);
        jstr(x, "industry", 0, curtail_industry_name(e.industry));
        jstr(x, "grade", 0, curtail_grade_name(e.grade));
        puts_(x, "}");
    }
    puts_(x, ne ? "\n  ]\n}\n" : "]\n}\n");
    return CURTAIL_OK;
}
