/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * load_units.c — enterprises and their units (SPEC §3): each read from its
 * mapping, handed to the builder (curtail_scenario_add_enterprise / _unit),
 * and the positions of its fields kept for the semantic checks' messages.
 * Below it: yaml_read.c.
 */
#include "load.h"
#include "names.h"

#include <stdio.h>

/* ---- units -------------------------------------------------------------------------- */

enum {
    U_ID,
    U_NAME,
    U_KIND,
    U_CAPACITY,
    U_BASE_LOAD,
    U_MIN_LOAD,
    U_VALUE,
    U_EF,
    U_BASELINE,
    U_FIXED,
    U_INTERRUPTIBLE,
    U_FOLLOWS,
    U_COKE_OVEN,
    U_BOILER,
    U_CAPACITY_UNIT,
    U_LINES,
    U_STEP,
    U_COUNT
};
static const char *const UNIT_KEYS[U_COUNT] = {
    "id", "name",          "kind",       "capacity",      "base_load", "min_load",  "value",
    "ef", "baseline_kgpd", "fixed_kgpd", "interruptible", "follows",   "coke_oven", "boiler",
    "capacity_unit", "lines", "step"};

/* capacity_unit: values 0.. stand for CU_CAPU_T_D .. */
static const char *capu_word(int i)
{
    return cu_capu_names[i + 1];
}
static const wordset CAPACITY_UNITS = {"capacity unit", CU_CAPU_COUNT - 1, capu_word, NULL};

static int load_coke_oven(const loader *ld, uint32_t node, const ypath *path, curtail_unit_spec *u,
                          int64_t *coking_time)
{
    enum { C_HEIGHT, C_QUENCHING, C_COKING, C_MAX, C_RAMP, C_COUNT };
    static const char *const keys[C_COUNT] = {"height_m", "quenching", "coking_time_h",
                                              "max_coking_time_h", "ramp_h"};
    int64_t v[C_COUNT];
    ypath fp[C_COUNT];
    int k, q, rc;
    if ((rc = yr_fields(ld, node, path, keys, C_COUNT, v)) != CURTAIL_OK)
        return rc;
    for (k = 0; k < C_COUNT; k++)
        fp[k] = yr_key(path, keys[k]);
    u->has_coke_oven = 1;
    if (v[C_HEIGHT] >= 0) {
        u->has_height = 1;
        if ((rc = yr_number(ld, (uint32_t)v[C_HEIGHT], &fp[C_HEIGHT], &u->height_m)))
            return rc;
    }
    if (v[C_QUENCHING] >= 0) {
        if ((rc = yr_word(ld, (uint32_t)v[C_QUENCHING], &fp[C_QUENCHING], &YR_QUENCHINGS, &q)))
            return rc;
        u->quenching = q == 0 ? CURTAIL_QUENCHING_DRY : CURTAIL_QUENCHING_WET;
    }
    if (v[C_COKING] >= 0 &&
        (rc = yr_number(ld, (uint32_t)v[C_COKING], &fp[C_COKING], &u->coking_time_h)))
        return rc;
    if (v[C_MAX] >= 0 &&
        (rc = yr_number(ld, (uint32_t)v[C_MAX], &fp[C_MAX], &u->max_coking_time_h)))
        return rc;
    if (v[C_RAMP] >= 0) {
        u->has_ramp_h = 1;
        if ((rc = yr_number(ld, (uint32_t)v[C_RAMP], &fp[C_RAMP], &u->ramp_h)))
            return rc;
    }
    *coking_time = v[C_COKING];
    return CURTAIL_OK;
}

static int load_boiler(const loader *ld, uint32_t node, const ypath *path, curtail_unit_spec *u)
{
    enum { B_FUEL, B_STEAM, B_HEATING, B_ULTRA_LOW, B_COUNT };
    static const char *const keys[B_COUNT] = {"fuel", "steam_tph", "heating", "ultra_low"};
    int64_t v[B_COUNT];
    ypath fp[B_COUNT];
    int k, f, rc;
    if ((rc = yr_fields(ld, node, path, keys, B_COUNT, v)) != CURTAIL_OK)
        return rc;
    for (k = 0; k < B_COUNT; k++)
        fp[k] = yr_key(path, keys[k]);
    u->has_boiler = 1;
    if (v[B_FUEL] < 0)
        return yr_missing(ld, node, path, "fuel");
    if ((rc = yr_word(ld, (uint32_t)v[B_FUEL], &fp[B_FUEL], &YR_FUELS, &f)))
        return rc;
    u->fuel = (curtail_fuel)f;
    if (v[B_STEAM] >= 0 && (rc = yr_number(ld, (uint32_t)v[B_STEAM], &fp[B_STEAM], &u->steam_tph)))
        return rc;
    if (v[B_HEATING] >= 0 &&
        (rc = yr_bool(ld, (uint32_t)v[B_HEATING], &fp[B_HEATING], &u->heating)))
        return rc;
    if (v[B_ULTRA_LOW] >= 0 &&
        (rc = yr_bool(ld, (uint32_t)v[B_ULTRA_LOW], &fp[B_ULTRA_LOW], &u->ultra_low)))
        return rc;
    return CURTAIL_OK;
}

static void store_unit_positions(const loader *ld, cu_unit *un, uint32_t node, const int64_t *v,
                                 int64_t coking_time)
{
    un->pos[CU_UF_NODE] = yt_pos(ld->t, node);
    un->pos[CU_UF_ID] = yr_pos_of(ld, v[U_ID]);
    un->pos[CU_UF_KIND] = yr_pos_of(ld, v[U_KIND]);
    un->pos[CU_UF_CAPACITY] = yr_pos_of(ld, v[U_CAPACITY]);
    un->pos[CU_UF_BASE_LOAD] = yr_pos_of(ld, v[U_BASE_LOAD]);
    un->pos[CU_UF_MIN_LOAD] = yr_pos_of(ld, v[U_MIN_LOAD]);
    un->pos[CU_UF_EF] = yr_pos_of(ld, v[U_EF]);
    un->pos[CU_UF_BASELINE] = yr_pos_of(ld, v[U_BASELINE]);
    un->pos[CU_UF_FOLLOWS] = yr_pos_of(ld, v[U_FOLLOWS]);
    un->pos[CU_UF_COKE_OVEN] = yr_pos_of(ld, v[U_COKE_OVEN]);
    /* without an explicit coking time, its default lives in the coke_oven block */
    un->pos[CU_UF_COKING_TIME] = yr_pos_of(ld, coking_time >= 0 ? coking_time : v[U_COKE_OVEN]);
    un->pos[CU_UF_BOILER] = yr_pos_of(ld, v[U_BOILER]);
    un->pos[CU_UF_INTERRUPTIBLE] = yr_pos_of(ld, v[U_INTERRUPTIBLE]);
    if (v[U_BASELINE] >= 0) {
        int p;
        for (p = 0; p < CU_NP; p++)
            un->pos_baseline[p] =
                yr_pos_of(ld, yt_map_get(ld->t, (uint32_t)v[U_BASELINE], curtail_pollutant_name((curtail_pollutant)p)));
    }
}

static int load_steps(const loader *ld, uint32_t node, const ypath *path, const int64_t *v,
                      const ypath *fp);

static int load_unit(const loader *ld, uint32_t node, const ypath *path)
{
    curtail_unit_spec u = CURTAIL_UNIT_SPEC_INIT;
    int64_t v[U_COUNT], coking_time = -1;
    ypath fp[U_COUNT];
    curtail_error be;
    int k, w, rc;
    if ((rc = yr_fields(ld, node, path, UNIT_KEYS, U_COUNT, v)) != CURTAIL_OK)
        return rc;
    for (k = 0; k < U_COUNT; k++)
        fp[k] = yr_key(path, UNIT_KEYS[k]);
    if (v[U_ID] < 0)
        return yr_missing(ld, node, path, "id");
    if ((rc = yr_id(ld, (uint32_t)v[U_ID], &fp[U_ID], &u.id)))
        return rc;
    if (v[U_NAME] >= 0 && (rc = yr_string(ld, (uint32_t)v[U_NAME], &fp[U_NAME], &u.name)))
        return rc;
    if (v[U_KIND] < 0)
        return yr_missing(ld, node, path, "kind");
    if ((rc = yr_word(ld, (uint32_t)v[U_KIND], &fp[U_KIND], &YR_KINDS, &w)))
        return rc;
    u.kind = (curtail_kind)w;
    if (v[U_CAPACITY] < 0)
        return yr_missing(ld, node, path, "capacity");
    if ((rc = yr_number(ld, (uint32_t)v[U_CAPACITY], &fp[U_CAPACITY], &u.capacity)))
        return rc;
    if (v[U_BASE_LOAD] >= 0) {
        u.has_base_load = 1;
        if ((rc = yr_number(ld, (uint32_t)v[U_BASE_LOAD], &fp[U_BASE_LOAD], &u.base_load)))
            return rc;
    }
    if (v[U_MIN_LOAD] >= 0) {
        u.has_min_load = 1;
        if ((rc = yr_number(ld, (uint32_t)v[U_MIN_LOAD], &fp[U_MIN_LOAD], &u.min_load)))
            return rc;
    }
    if (v[U_VALUE] >= 0 && (rc = yr_number(ld, (uint32_t)v[U_VALUE], &fp[U_VALUE], &u.value)))
        return rc;
    if (v[U_EF] >= 0) {
        u.has_ef = 1;
        if ((rc = yr_pollutants(ld, (uint32_t)v[U_EF], &fp[U_EF], u.ef)))
            return rc;
    }
    if (v[U_BASELINE] >= 0) {
        u.has_baseline = 1;
        if ((rc = yr_pollutants(ld, (uint32_t)v[U_BASELINE], &fp[U_BASELINE], u.baseline_kgpd)))
            return rc;
    }
    if (v[U_FIXED] >= 0 &&
        (rc = yr_pollutants(ld, (uint32_t)v[U_FIXED], &fp[U_FIXED], u.fixed_kgpd)))
        return rc;
    if (v[U_INTERRUPTIBLE] >= 0) {
        if ((rc = yr_bool(ld, (uint32_t)v[U_INTERRUPTIBLE], &fp[U_INTERRUPTIBLE], &w)))
            return rc;
        u.interruptible = w;
    }
    if (v[U_FOLLOWS] >= 0 &&
        (rc = yr_id(ld, (uint32_t)v[U_FOLLOWS], &fp[U_FOLLOWS], &u.follows)))
        return rc;
    if (v[U_CAPACITY_UNIT] >= 0) {
        if ((rc = yr_word(ld, (uint32_t)v[U_CAPACITY_UNIT], &fp[U_CAPACITY_UNIT], &CAPACITY_UNITS,
                          &w)))
            return rc;
        u.capacity_unit = cu_capu_names[w + 1];
    }
    if (v[U_COKE_OVEN] >= 0 &&
        (rc = load_coke_oven(ld, (uint32_t)v[U_COKE_OVEN], &fp[U_COKE_OVEN], &u, &coking_time)))
        return rc;
    if (v[U_BOILER] >= 0 && (rc = load_boiler(ld, (uint32_t)v[U_BOILER], &fp[U_BOILER], &u)))
        return rc;
    if ((rc = curtail_scenario_add_unit(ld->s, &u, &be)) != CURTAIL_OK)
        return yr_builder_error(ld, rc, &be, node, path);
    store_unit_positions(ld, &ld->s->units[ld->s->nunits - 1], node, v, coking_time);
    return load_steps(ld, node, path, v, fp);
}

/* `lines: N` / `step: s` (issue 10), after the unit is added. */
static int load_steps(const loader *ld, uint32_t node, const ypath *path, const int64_t *v,
                      const ypath *fp)
{
    curtail_error be;
    double x;
    int rc;
    if (v[U_LINES] >= 0) {
        if ((rc = yr_number(ld, (uint32_t)v[U_LINES], &fp[U_LINES], &x)))
            return rc;
        if ((rc = curtail_scenario_set_unit_lines(ld->s, x, &be)) != CURTAIL_OK)
            return yr_builder_error(ld, rc, &be, node, path);
    }
    if (v[U_STEP] >= 0) {
        if ((rc = yr_number(ld, (uint32_t)v[U_STEP], &fp[U_STEP], &x)))
            return rc;
        if ((rc = curtail_scenario_set_unit_step(ld->s, x, &be)) != CURTAIL_OK)
            return yr_builder_error(ld, rc, &be, node, path);
    }
    return CURTAIL_OK;
}

/* ---- enterprises -------------------------------------------------------------------- */

enum {
    E_ID,
    E_NAME,
    E_CREDIT,
    E_TOWN,
    E_ZONES,
    E_INDUSTRY,
    E_GRADE,
    E_GUARANTEE,
    E_PHASE_OUT,
    E_UNITS,
    E_TRUCKS, /* issue 10: load_transport.c */
    E_GATE,
    E_ADDRESS,
    E_INDUSTRY_CODE,
    E_CONTACT,
    E_COUNT
};
static const char *const ENT_KEYS[E_COUNT] = {
    "id",    "name",      "credit_code", "town",  "zones",
    "industry", "grade", "guarantee",   "phase_out", "units",
    "trucks_per_day", "gate_monitoring", "address", "industry_code", "contact"};

/* `zones:` of the enterprise just added: a list of tags, each once (may be empty). */
static int load_zones(const loader *ld, uint32_t node, const ypath *path)
{
    const char *tags[CU_MAX_PLACES];
    uint32_t i, n;
    curtail_error be;
    int rc;
    if (yt_at(ld->t, node)->type != YT_SEQ)
        return yr_wrong_type(ld, node, path, "a list of zone tags");
    n = yt_count(ld->t, node);
    if (n > CU_MAX_PLACES)
        return FAIL(ld, node, path, "lists %u zone tags, more than the limit of %d", (unsigned)n,
                    CU_MAX_PLACES);
    for (i = 0; i < n; i++) {
        uint32_t item = yt_kid(ld->t, node, i);
        ypath ip = yr_index(path, i);
        uint32_t j;
        if ((rc = yr_zone_tag(ld, item, &ip, &tags[i])) != CURTAIL_OK)
            return rc;
        for (j = 0; j < i; j++)
            if (strcmp(tags[j], tags[i]) == 0)
                return FAIL(ld, item, &ip, "zone tag %s is listed twice", tags[i]);
    }
    if ((rc = curtail_scenario_set_zones(ld->s, tags, n, &be)) != CURTAIL_OK) {
        /* be.path is "zones[i]": the i-th item */
        unsigned k = 0;
        if (rc == CURTAIL_ENOMEM)
            return cu_enomem(ld->err);
        if (sscanf(be.path, "zones[%u]", &k) == 1 && k < n) {
            ypath ip = yr_index(path, k);
            return FAIL(ld, yt_kid(ld->t, node, k), &ip, "%s", be.message);
        }
        return FAIL(ld, node, path, "%s", be.message);
    }
    return CURTAIL_OK;
}

/* contact: {name, phone}, both optional (the person responsible on the sheet) */
static int load_contact(const loader *ld, uint32_t node, const ypath *path,
                        curtail_enterprise_spec *e)
{
    static const char *const keys[2] = {"name", "phone"};
    int64_t v[2];
    ypath fp[2];
    int rc;
    if ((rc = yr_fields(ld, node, path, keys, 2, v)) != CURTAIL_OK)
        return rc;
    fp[0] = yr_key(path, keys[0]);
    fp[1] = yr_key(path, keys[1]);
    if (v[0] >= 0 && (rc = yr_string(ld, (uint32_t)v[0], &fp[0], &e->contact_name)))
        return rc;
    if (v[1] >= 0 && (rc = yr_string(ld, (uint32_t)v[1], &fp[1], &e->contact_phone)))
        return rc;
    return CURTAIL_OK;
}

int cu_load_enterprise(const loader *ld, uint32_t node, const ypath *path)
{
    curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
    int64_t v[E_COUNT];
    ypath fp[E_COUNT];
    curtail_error be;
    cu_enterprise *en;
    uint32_t i, n;
    int k, w, rc;
    if ((rc = yr_fields(ld, node, path, ENT_KEYS, E_COUNT, v)) != CURTAIL_OK)
        return rc;
    for (k = 0; k < E_COUNT; k++)
        fp[k] = yr_key(path, ENT_KEYS[k]);
    if (v[E_ID] < 0)
        return yr_missing(ld, node, path, "id");
    if ((rc = yr_id(ld, (uint32_t)v[E_ID], &fp[E_ID], &e.id)))
        return rc;
    if (v[E_NAME] >= 0 && (rc = yr_string(ld, (uint32_t)v[E_NAME], &fp[E_NAME], &e.name)))
        return rc;
    if (v[E_CREDIT] >= 0 &&
        (rc = yr_string(ld, (uint32_t)v[E_CREDIT], &fp[E_CREDIT], &e.credit_code)))
        return rc;
    if (v[E_TOWN] >= 0 && (rc = yr_string(ld, (uint32_t)v[E_TOWN], &fp[E_TOWN], &e.town)))
        return rc;
    if (v[E_ADDRESS] >= 0 &&
        (rc = yr_string(ld, (uint32_t)v[E_ADDRESS], &fp[E_ADDRESS], &e.address)))
        return rc;
    if (v[E_INDUSTRY_CODE] >= 0 && (rc = yr_string(ld, (uint32_t)v[E_INDUSTRY_CODE],
                                                   &fp[E_INDUSTRY_CODE], &e.industry_code)))
        return rc;
    if (v[E_CONTACT] >= 0 &&
        (rc = load_contact(ld, (uint32_t)v[E_CONTACT], &fp[E_CONTACT], &e)))
        return rc;
    if (v[E_INDUSTRY] < 0)
        return yr_missing(ld, node, path, "industry");
    if ((rc = yr_word(ld, (uint32_t)v[E_INDUSTRY], &fp[E_INDUSTRY], &YR_INDUSTRIES, &w)))
        return rc;
    e.industry = (curtail_industry)w;
    if (v[E_GRADE] >= 0) {
        if ((rc = yr_word(ld, (uint32_t)v[E_GRADE], &fp[E_GRADE], &YR_GRADES, &w)))
            return rc;
        e.grade = (curtail_grade)w;
    }
    if (v[E_GUARANTEE] >= 0) {
        if ((rc = yr_word(ld, (uint32_t)v[E_GUARANTEE], &fp[E_GUARANTEE], &YR_GUARANTEES, &w)))
            return rc;
        e.guarantee = (curtail_guarantee)w;
    }
    if (v[E_PHASE_OUT] >= 0 &&
        (rc = yr_bool(ld, (uint32_t)v[E_PHASE_OUT], &fp[E_PHASE_OUT], &e.phase_out)))
        return rc;
    if (v[E_UNITS] < 0)
        return yr_missing(ld, node, path, "units");
    if (yt_at(ld->t, (uint32_t)v[E_UNITS])->type != YT_SEQ)
        return yr_wrong_type(ld, (uint32_t)v[E_UNITS], &fp[E_UNITS], "a list of units");
    if ((rc = curtail_scenario_add_enterprise(ld->s, &e, &be)) != CURTAIL_OK)
        return yr_builder_error(ld, rc, &be, node, path);
    en = &ld->s->ents[ld->s->nents - 1];
    en->pos[CU_EF_NODE] = yt_pos(ld->t, node);
    en->pos[CU_EF_ID] = yr_pos_of(ld, v[E_ID]);
    en->pos[CU_EF_CREDIT_CODE] = yr_pos_of(ld, v[E_CREDIT]);
    en->pos[CU_EF_INDUSTRY] = yr_pos_of(ld, v[E_INDUSTRY]);
    en->pos[CU_EF_GRADE] = yr_pos_of(ld, v[E_GRADE]);
    en->pos[CU_EF_GUARANTEE] = yr_pos_of(ld, v[E_GUARANTEE]);
    if ((rc = cu_load_trucks(ld, node, path, v[E_TRUCKS], v[E_GATE])) != CURTAIL_OK)
        return rc;
    if (v[E_ZONES] >= 0 && (rc = load_zones(ld, (uint32_t)v[E_ZONES], &fp[E_ZONES])))
        return rc;
    n = yt_count(ld->t, (uint32_t)v[E_UNITS]);
    for (i = 0; i < n; i++) {
        ypath up = yr_index(&fp[E_UNITS], i);
        if ((rc = load_unit(ld, yt_kid(ld->t, (uint32_t)v[E_UNITS], i), &up)) != CURTAIL_OK)
            return rc;
    }
    return CURTAIL_OK;
}

int cu_load_enterprises(const loader *ld, uint32_t node, const ypath *path)
{
    uint32_t i, n;
    int rc;
    if (ld->st && ld->t->has_streamed && node == ld->t->streamed) {
        /* loaded during the parse: report its error now, in the schema's order */
        if (ld->st->rc != CURTAIL_OK && ld->err)
            *ld->err = ld->st->err;
        return ld->st->rc;
    }
    if (yt_at(ld->t, node)->type != YT_SEQ)
        return yr_wrong_type(ld, node, path, "a list of enterprises");
    n = yt_count(ld->t, node);
    for (i = 0; i < n; i++) {
        ypath ip = yr_index(path, i);
        if ((rc = cu_load_enterprise(ld, yt_kid(ld->t, node, i), &ip)) != CURTAIL_OK)
            return rc;
    }
    return CURTAIL_OK;
}
