/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_load.c — the strict YAML loader (SPEC §2, §9): values loaded, exact
 * error lines for every class of bad input, and the limits.
 */
#define _POSIX_C_SOURCE 200809L
#include "curtail.h"
#include "internal.h"
#include "episode.h" /* white-box: the modules' private headers */
#include "policy.h"
#include "result.h"
#include "rule_schema.h"
#include "solve.h"
#include "timeutil.h"
#include "write.h"
#include "testutil.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- helpers ------------------------------------------------------------------------ */

static curtail_scenario *load_ok(const char *yaml)
{
    curtail_scenario *s = tu_load_yaml(yaml, "t.yaml");
    ck_assert_ptr_nonnull(s);
    return s;
}

/* Load `len` bytes that must fail with `code`; the formatted error line must be `want`. */
static void expect_error_n(const char *yaml, size_t len, int code, const char *want)
{
    curtail_scenario *s = (curtail_scenario *)&s; /* must be reset to NULL */
    curtail_error err;
    char line[2048];
    int rc;
    memset(&err, 0, sizeof err);
    rc = curtail_scenario_load_buffer(&s, yaml, len, "t.yaml", NULL, &err);
    curtail_error_format(&err, line, sizeof line);
    ck_assert_msg(rc == code, "rc %d, expected %d: %s", rc, code, line);
    ck_assert_int_eq(err.code, code);
    ck_assert_ptr_null(s);
    ck_assert_str_eq(line, want);
}

static void expect_error(const char *yaml, const char *want)
{
    expect_error_n(yaml, strlen(yaml), CURTAIL_EINPUT, want);
}

/* A valid scenario around one unit line (flow mapping, indented 6). */
#define ONE_UNIT(unit)                                                                             \
    "curtail: 1\n"                                                                                 \
    "enterprises:\n"                                                                               \
    "  - id: e1\n"                                                                                 \
    "    industry: chemical\n"                                                                     \
    "    units:\n"                                                                                 \
    "      - " unit "\n"

/* A valid scenario with one unit and the given episode block. */
#define WITH_EPISODE(episode)                                                                      \
    "curtail: 1\n"                                                                                 \
    "enterprises:\n"                                                                               \
    "  - {id: e1, industry: other, units: [{id: u1, kind: other, capacity: 1, ef: {PM: 1}}]}\n"    \
    "episode:\n" episode

/* Counting allocator: all library memory goes through it. */
typedef struct counting {
    long live;    /* allocations not yet freed */
    long calls;   /* allocations made */
    long fail_at; /* make the fail_at-th allocation fail (1-based); 0 never */
} counting;

static void *count_calloc(size_t n, size_t size, void *ctx)
{
    counting *c = ctx;
    void *p;
    if (c->fail_at && ++c->calls == c->fail_at)
        return NULL;
    if (!c->fail_at)
        c->calls++;
    p = calloc(n, size);
    if (p)
        c->live++;
    return p;
}

static void *count_realloc(void *old, size_t size, void *ctx)
{
    counting *c = ctx;
    void *p;
    if (c->fail_at && ++c->calls == c->fail_at)
        return NULL;
    if (!c->fail_at)
        c->calls++;
    p = realloc(old, size);
    if (p && !old)
        c->live++;
    return p;
}

static void count_free(void *p, void *ctx)
{
    counting *c = ctx;
    if (p)
        c->live--;
    free(p);
}

static const char full_yaml[] =
    "curtail: 1                      # schema version\n"       /* 1 */
    "name: 襄垣县 2023 应急减排清单\n"                         /* 2 */
    "lang: en\n"                                               /* 3 */
    "targets:\n"                                               /* 4 */
    "  base: totals\n"                                         /* 5 */
    "  totals_kgpd: {SO2: 100, NOx: 200, PM: 50, VOCs: 300}\n" /* 6 */
    "  ratios:\n"                                              /* 7 */
    "    orange: {SO2: 0.25, VOCs: 0.15}\n"                    /* 8 */
    "extra:\n"                                                 /* 9 */
    "  grades: [C, D]\n"                                       /* 10 */
    "  weights: {B: 4, C: 2.5}\n"                              /* 11 */
    "builtin_policy: false\n"                                  /* 12 */
    "policy:\n"                                                /* 13 */
    "  - {industry: coking, kind: coke_oven, grades: [C], levels: [orange], coking_time_h: 60}\n"
    "  - {industry: chemical, kind: [batch, coating], grades: [C, D], levels: [red],\n" /* 15 */
    "     interruptible: true, guarantee: supply, stop: true}\n"                        /* 16 */
    "  - {industry: boiler, fuel: [coal, oil], grades: [D], levels: [yellow, red],\n"   /* 17 */
    "     guarantee: true, max_load: 0.5}\n"                                            /* 18 */
    "  - {industry: other, grades: [none], levels: [yellow], cut: 0.2}\n"               /* 19 */
    "  - {industry: other, grades: [A], levels: [red], guarantee: [livelihood], none: true}\n"
    "enterprises:\n"                                                  /* 21 */
    "  - id: hengxiang\n"                                             /* 22 */
    "    name: 襄垣县恒祥焦化有限公司\n"                              /* 23 */
    "    credit_code: 91140423MA0XXXXXX6\n"                           /* 24 */
    "    town: 王桥镇\n"                                              /* 25 */
    "    industry: coking\n"                                          /* 26 */
    "    grade: C\n"                                                  /* 27 */
    "    guarantee: none\n"                                           /* 28 */
    "    phase_out: false\n"                                          /* 29 */
    "    units:\n"                                                    /* 30 */
    "      - id: oven1\n"                                             /* 31 */
    "        name: 1# 焦炉\n"                                         /* 32 */
    "        kind: coke_oven\n"                                       /* 33 */
    "        capacity: 2740\n"                                        /* 34 */
    "        base_load: 0.95\n"                                       /* 35 */
    "        min_load: 0.25\n"                                        /* 36 */
    "        value: 320\n"                                            /* 37 */
    "        ef: {SO2: 0.0695, NOx: 0.6244, PM: 0.0415, VOCs: 1.2}\n" /* 38 */
    "        fixed_kgpd: {NOx: 120}\n"                                /* 39 */
    "        interruptible: false\n"                                  /* 40 */
    "        coke_oven: {height_m: 5.5, quenching: dry, coking_time_h: 22, max_coking_time_h: 72}\n"
    "      - id: chem\n"                                                                /* 42 */
    "        kind: byproduct\n"                                                         /* 43 */
    "        capacity: 2740\n"                                                          /* 44 */
    "        follows: oven1\n"                                                          /* 45 */
    "        ef: {VOCs: 0.4}\n"                                                         /* 46 */
    "  - id: 123\n"                                                                     /* 47 */
    "    industry: boiler\n"                                                            /* 48 */
    "    grade: B-\n"                                                                   /* 49 */
    "    guarantee: livelihood\n"                                                       /* 50 */
    "    phase_out: true\n"                                                             /* 51 */
    "    units:\n"                                                                      /* 52 */
    "      - {id: 7, kind: boiler, capacity: 480, baseline_kgpd: {SO2: 48, NOx: 96},\n" /* 53 */
    "         boiler: {fuel: biomass, steam_tph: 20, heating: true}}\n"                 /* 54 */
    "episode:\n"                                                                        /* 55 */
    "  start: 2023-12-01T00:00\n"                                                       /* 56 */
    "  hours: 72\n"                                                                     /* 57 */
    "  timeline:\n"                                                                     /* 58 */
    "    - {level: yellow, from: 2023-12-01T08:00, to: 2023-12-02T00:00}\n"             /* 59 */
    "    - {level: orange, from: 2023-12-02T00:00, to: 2023-12-04T00:00}\n"             /* 60 */
    "  ozone: {window: \"09:30-24:00\", levels: [orange, red]}\n";                      /* 61 */

#define MIN_2023_12_01 28356480LL /* minutes from 1970-01-01 to 2023-12-01 */

static void assert_pos(cu_pos p, unsigned line, unsigned col)
{
    ck_assert_uint_eq(p.line, line);
    ck_assert_uint_eq(p.col, col);
}

/* ---- core --------------------------------------------------------------------------- */

START_TEST(test_load_settings)
{
    curtail_scenario *s = load_ok(full_yaml);
    ck_assert_str_eq(curtail_scenario_name(s), "襄垣县 2023 应急减排清单");
    ck_assert_str_eq(s->file, "t.yaml");
    ck_assert_int_eq(s->lang, CURTAIL_LANG_EN);
    ck_assert_int_eq(s->base, CURTAIL_BASE_TOTALS);
    ck_assert_int_eq(s->has_totals, 1);
    ck_assert_double_eq(s->totals[CURTAIL_SO2], 100);
    ck_assert_double_eq(s->totals[CURTAIL_NOX], 200);
    ck_assert_double_eq(s->totals[CURTAIL_PM], 50);
    ck_assert_double_eq(s->totals[CURTAIL_VOCS], 300);
    /* yellow and red keep the defaults; orange is replaced, left-out pollutants 0 */
    ck_assert_double_eq(s->ratios[CURTAIL_YELLOW][CURTAIL_NOX], 0.10);
    ck_assert_double_eq(s->ratios[CURTAIL_RED][CURTAIL_PM], 0.30);
    ck_assert_double_eq(s->ratios[CURTAIL_ORANGE][CURTAIL_SO2], 0.25);
    ck_assert_double_eq(s->ratios[CURTAIL_ORANGE][CURTAIL_NOX], 0);
    ck_assert_double_eq(s->ratios[CURTAIL_ORANGE][CURTAIL_PM], 0);
    ck_assert_double_eq(s->ratios[CURTAIL_ORANGE][CURTAIL_VOCS], 0.15);
    ck_assert_uint_eq(s->extra_grades, (1u << CURTAIL_GRADE_C) | (1u << CURTAIL_GRADE_D));
    /* weights replace the defaults: grades left out weigh 1 */
    ck_assert_double_eq(s->weights[CURTAIL_GRADE_B], 4);
    ck_assert_double_eq(s->weights[CURTAIL_GRADE_C], 2.5);
    ck_assert_double_eq(s->weights[CURTAIL_GRADE_B_MINUS], 1);
    ck_assert_double_eq(s->weights[CURTAIL_GRADE_NON_LEADING], 1);
    ck_assert_int_eq(s->builtin_policy, 0);
    assert_pos(s->pos_targets, 5, 3);
    assert_pos(s->pos_totals, 6, 16);
    assert_pos(s->pos_extra, 10, 3);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_load_rules)
{
    curtail_scenario *s = load_ok(full_yaml);
    const curtail_rule *r;
    ck_assert_uint_eq(s->nrules, 5);

    r = &s->rules[0].r;
    ck_assert_int_eq(r->industry, CURTAIL_COKING);
    ck_assert_uint_eq(r->kinds, 1u << CURTAIL_KIND_COKE_OVEN);
    ck_assert_uint_eq(r->grades, 1u << CURTAIL_GRADE_C);
    ck_assert_uint_eq(r->levels, 1u << CURTAIL_ORANGE);
    ck_assert_int_eq(r->interruptible, -1);
    ck_assert_uint_eq(r->fuels, 0);
    ck_assert_uint_eq(r->guarantees, 0);
    ck_assert_int_eq(r->measure, CURTAIL_MEASURE_COKING_TIME);
    ck_assert_double_eq(r->value, 60);
    assert_pos(s->rules[0].pos, 14, 5);
    ck_assert_uint_eq(s->rules[0].index, 0);
    ck_assert_int_eq(s->rules[0].builtin, 0);

    r = &s->rules[1].r;
    ck_assert_int_eq(r->industry, CURTAIL_CHEMICAL);
    ck_assert_uint_eq(r->kinds, (1u << CURTAIL_KIND_BATCH) | (1u << CURTAIL_KIND_COATING));
    ck_assert_uint_eq(r->grades, (1u << CURTAIL_GRADE_C) | (1u << CURTAIL_GRADE_D));
    ck_assert_uint_eq(r->levels, 1u << CURTAIL_RED);
    ck_assert_int_eq(r->interruptible, 1);
    ck_assert_uint_eq(r->guarantees, 1u << CURTAIL_GUARANTEE_SUPPLY);
    ck_assert_int_eq(r->measure, CURTAIL_MEASURE_STOP);
    assert_pos(s->rules[1].pos, 15, 5);

    r = &s->rules[2].r;
    ck_assert_int_eq(r->industry, CURTAIL_BOILER_INDUSTRY);
    ck_assert_uint_eq(r->kinds, 0);
    ck_assert_uint_eq(r->fuels, (1u << CURTAIL_FUEL_COAL) | (1u << CURTAIL_FUEL_OIL));
    ck_assert_uint_eq(r->levels, (1u << CURTAIL_YELLOW) | (1u << CURTAIL_RED));
    ck_assert_uint_eq(r->guarantees,
                      (1u << CURTAIL_GUARANTEE_LIVELIHOOD) | (1u << CURTAIL_GUARANTEE_SUPPLY));
    ck_assert_int_eq(r->measure, CURTAIL_MEASURE_MAX_LOAD);
    ck_assert_double_eq(r->value, 0.5);

    r = &s->rules[3].r;
    ck_assert_int_eq(r->measure, CURTAIL_MEASURE_CUT);
    ck_assert_double_eq(r->value, 0.2);
    ck_assert_uint_eq(r->grades, 1u << CURTAIL_GRADE_NONE);

    r = &s->rules[4].r;
    ck_assert_int_eq(r->measure, CURTAIL_MEASURE_NONE);
    ck_assert_uint_eq(r->guarantees, 1u << CURTAIL_GUARANTEE_LIVELIHOOD);
    ck_assert_uint_eq(s->rules[4].index, 4);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_load_enterprises)
{
    curtail_scenario *s = load_ok(full_yaml);
    const cu_enterprise *e;
    ck_assert_uint_eq(curtail_scenario_enterprise_count(s), 2);
    e = &s->ents[0];
    ck_assert_str_eq(e->id, "hengxiang");
    ck_assert_str_eq(e->name, "襄垣县恒祥焦化有限公司");
    ck_assert_str_eq(e->credit_code, "91140423MA0XXXXXX6");
    ck_assert_str_eq(e->town, "王桥镇");
    ck_assert_int_eq(e->industry, CURTAIL_COKING);
    ck_assert_int_eq(e->grade, CURTAIL_GRADE_C);
    ck_assert_int_eq(e->guarantee, CURTAIL_GUARANTEE_NONE);
    ck_assert_int_eq(e->phase_out, 0);
    ck_assert_uint_eq(e->first_unit, 0);
    ck_assert_uint_eq(e->nunits, 2);
    assert_pos(e->pos[CU_EF_NODE], 22, 5);
    assert_pos(e->pos[CU_EF_ID], 22, 9);
    assert_pos(e->pos[CU_EF_CREDIT_CODE], 24, 18);
    assert_pos(e->pos[CU_EF_INDUSTRY], 26, 15);
    assert_pos(e->pos[CU_EF_GRADE], 27, 12);

    /* a plain number is an id like any other: `id: 123` is "123" */
    e = &s->ents[1];
    ck_assert_str_eq(e->id, "123");
    ck_assert_str_eq(e->name, "123");
    ck_assert_ptr_null(e->credit_code);
    ck_assert_ptr_null(e->town);
    ck_assert_int_eq(e->industry, CURTAIL_BOILER_INDUSTRY);
    ck_assert_int_eq(e->grade, CURTAIL_GRADE_B_MINUS);
    ck_assert_int_eq(e->guarantee, CURTAIL_GUARANTEE_LIVELIHOOD);
    ck_assert_int_eq(e->phase_out, 1);
    assert_pos(e->pos[CU_EF_CREDIT_CODE], 0, 0);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_load_units)
{
    curtail_scenario *s = load_ok(full_yaml);
    const cu_unit *u;
    ck_assert_uint_eq(curtail_scenario_unit_count(s), 3);
    u = &s->units[0];
    ck_assert_str_eq(u->id, "oven1");
    ck_assert_str_eq(u->name, "1# 焦炉");
    ck_assert_int_eq(u->kind, CURTAIL_KIND_COKE_OVEN);
    ck_assert_double_eq(u->capacity, 2740);
    ck_assert_int_eq(u->has_base_load, 1);
    ck_assert_double_eq(u->base_load, 0.95);
    ck_assert_int_eq(u->has_min_load, 1);
    ck_assert_double_eq(u->min_load, 0.25);
    ck_assert_double_eq(u->value, 320);
    ck_assert_int_eq(u->has_ef, 1);
    ck_assert_double_eq(u->ef[CURTAIL_SO2], 0.0695);
    ck_assert_double_eq(u->ef[CURTAIL_NOX], 0.6244);
    ck_assert_double_eq(u->ef[CURTAIL_PM], 0.0415);
    ck_assert_double_eq(u->ef[CURTAIL_VOCS], 1.2);
    ck_assert_double_eq(u->fixed[CURTAIL_NOX], 120);
    ck_assert_double_eq(u->fixed[CURTAIL_SO2], 0);
    ck_assert_int_eq(u->interruptible, 0);
    ck_assert_int_eq(u->has_coke_oven, 1);
    ck_assert_int_eq(u->has_height, 1);
    ck_assert_double_eq(u->height_m, 5.5);
    ck_assert_int_eq(u->quenching, CURTAIL_QUENCHING_DRY);
    ck_assert_double_eq(u->coking_time_h, 22);
    ck_assert_double_eq(u->max_coking_time_h, 72);
    ck_assert_int_eq(u->has_boiler, 0);
    assert_pos(u->pos[CU_UF_NODE], 31, 9);
    assert_pos(u->pos[CU_UF_ID], 31, 13);
    assert_pos(u->pos[CU_UF_KIND], 33, 15);
    assert_pos(u->pos[CU_UF_CAPACITY], 34, 19);
    assert_pos(u->pos[CU_UF_BASE_LOAD], 35, 20);
    assert_pos(u->pos[CU_UF_MIN_LOAD], 36, 19);
    assert_pos(u->pos[CU_UF_EF], 38, 13);
    assert_pos(u->pos[CU_UF_BASELINE], 0, 0);
    assert_pos(u->pos[CU_UF_FOLLOWS], 0, 0);
    assert_pos(u->pos[CU_UF_COKE_OVEN], 41, 20);
    assert_pos(u->pos[CU_UF_COKING_TIME], 41, 67);
    assert_pos(u->pos[CU_UF_BOILER], 0, 0);
    assert_pos(u->pos[CU_UF_INTERRUPTIBLE], 40, 24);

    u = &s->units[1];
    ck_assert_str_eq(u->id, "chem");
    ck_assert_str_eq(u->name, "chem");
    ck_assert_int_eq(u->kind, CURTAIL_KIND_BYPRODUCT);
    ck_assert_str_eq(u->follows, "oven1");
    ck_assert_int_eq(u->has_base_load, 0);
    ck_assert_double_eq(u->ef[CURTAIL_VOCS], 0.4);
    ck_assert_double_eq(u->ef[CURTAIL_SO2], 0);
    ck_assert_uint_eq(u->leader, 0);
    assert_pos(u->pos[CU_UF_FOLLOWS], 45, 18);

    u = &s->units[2];
    ck_assert_str_eq(u->id, "7");
    ck_assert_int_eq(u->kind, CURTAIL_KIND_BOILER);
    ck_assert_int_eq(u->has_ef, 0);
    ck_assert_int_eq(u->has_baseline, 1);
    ck_assert_double_eq(u->baseline[CURTAIL_SO2], 48);
    ck_assert_double_eq(u->baseline[CURTAIL_NOX], 96);
    ck_assert_double_eq(u->ef[CURTAIL_SO2], 0.1); /* 48 / (480 x 1) */
    ck_assert_int_eq(u->has_boiler, 1);
    ck_assert_int_eq(u->fuel, CURTAIL_FUEL_BIOMASS);
    ck_assert_double_eq(u->steam_tph, 20);
    ck_assert_int_eq(u->heating, 1);
    assert_pos(u->pos[CU_UF_NODE], 53, 9);
    assert_pos(u->pos[CU_UF_BASELINE], 53, 61);
    assert_pos(u->pos[CU_UF_BOILER], 54, 18);
    assert_pos(u->pos[CU_UF_COKE_OVEN], 0, 0);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_load_episode)
{
    curtail_scenario *s = load_ok(full_yaml);
    const cu_episode *ep = &s->episode;
    ck_assert_int_eq(ep->present, 1);
    ck_assert_int_eq(ep->start, MIN_2023_12_01);
    ck_assert_int_eq(ep->hours, 72);
    ck_assert_uint_eq(ep->nentries, 2);
    ck_assert_int_eq(ep->entries[0].level, CURTAIL_YELLOW);
    ck_assert_int_eq(ep->entries[0].from, MIN_2023_12_01 + 8 * 60);
    ck_assert_int_eq(ep->entries[0].to, MIN_2023_12_01 + 24 * 60);
    assert_pos(ep->entries[0].pos, 59, 7);
    ck_assert_int_eq(ep->entries[1].level, CURTAIL_ORANGE);
    ck_assert_int_eq(ep->entries[1].from, MIN_2023_12_01 + 24 * 60);
    ck_assert_int_eq(ep->entries[1].to, MIN_2023_12_01 + 72 * 60);
    ck_assert_int_eq(ep->has_ozone, 1);
    ck_assert_int_eq(ep->window_from, 9 * 60 + 30);
    ck_assert_int_eq(ep->window_to, 24 * 60);
    ck_assert_uint_eq(ep->ozone_levels, (1u << CURTAIL_ORANGE) | (1u << CURTAIL_RED));
    assert_pos(ep->pos, 56, 3);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_load_defaults)
{
    curtail_scenario *s = load_ok(ONE_UNIT("{id: r1, kind: reactor, capacity: 10, ef: {SO2: 1}}"));
    const cu_unit *u = &s->units[0];
    const cu_enterprise *e = &s->ents[0];
    ck_assert_str_eq(curtail_scenario_name(s), "");
    ck_assert_int_eq(s->lang, CURTAIL_LANG_ZH);
    ck_assert_int_eq(s->base, CURTAIL_BASE_LISTED);
    ck_assert_double_eq(s->ratios[CURTAIL_YELLOW][CURTAIL_SO2], 0.10);
    ck_assert_double_eq(s->ratios[CURTAIL_ORANGE][CURTAIL_VOCS], 0.20);
    ck_assert_double_eq(s->ratios[CURTAIL_RED][CURTAIL_NOX], 0.30);
    ck_assert_double_eq(s->weights[CURTAIL_GRADE_B], 4);
    ck_assert_double_eq(s->weights[CURTAIL_GRADE_B_MINUS], 3);
    ck_assert_int_eq(s->builtin_policy, 1);
    ck_assert_uint_eq(s->nrules, 0);
    ck_assert_int_eq(s->episode.present, 0);
    ck_assert_int_eq(e->grade, CURTAIL_GRADE_NONE);
    ck_assert_int_eq(e->guarantee, CURTAIL_GUARANTEE_NONE);
    ck_assert_int_eq(e->phase_out, 0);
    ck_assert_str_eq(e->name, "e1");
    ck_assert_double_eq(u->base_load, 1);
    ck_assert_double_eq(u->min_load, 0);
    ck_assert_double_eq(u->value, 0);
    ck_assert_int_eq(u->interruptible, 0); /* a reactor's default */
    ck_assert_ptr_null(u->follows);
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 0);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_load_episode_defaults)
{
    curtail_scenario *s = load_ok(WITH_EPISODE("  start: 2024-02-29T23:00\n"
                                               "  hours: 1\n"
                                               "  ozone: {}\n"));
    const cu_episode *ep = &s->episode;
    ck_assert_int_eq(ep->start, 28486080LL + 23 * 60); /* a leap day */
    ck_assert_int_eq(ep->hours, 1);
    ck_assert_uint_eq(ep->nentries, 0);
    ck_assert_int_eq(ep->has_ozone, 1);
    ck_assert_int_eq(ep->window_from, 600);
    ck_assert_int_eq(ep->window_to, 1080);
    ck_assert_uint_eq(ep->ozone_levels, 7);
    curtail_scenario_free(s);

    s = load_ok(WITH_EPISODE("  start: 1969-12-31T00:00\n  hours: 24\n"));
    ck_assert_int_eq(s->episode.start, -1440);
    ck_assert_int_eq(s->episode.has_ozone, 0);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_load_aliases)
{
    /* anchors and aliases are allowed; an alias shares its anchor's node */
    curtail_scenario *s = load_ok(
        "curtail: 1\n"
        "enterprises:\n"
        "  - id: a\n"
        "    industry: other\n"
        "    units:\n"
        "      - {id: u1, kind: other, capacity: 10, ef: &ef {SO2: 1.5, PM: 2}}\n"
        "      - {id: u2, kind: other, capacity: 20, ef: *ef}\n"
        "  - &ent {id: b, industry: other, units: [{id: x, kind: other, capacity: 1, ef: *ef}]}\n"
        "  - {id: c, industry: other, units: [{id: x, kind: other, capacity: 1, ef: *ef}]}\n");
    ck_assert_uint_eq(curtail_scenario_unit_count(s), 4);
    ck_assert_double_eq(s->units[1].ef[CURTAIL_SO2], 1.5);
    ck_assert_double_eq(s->units[1].ef[CURTAIL_PM], 2);
    ck_assert_double_eq(s->units[3].ef[CURTAIL_PM], 2);
    /* positions inside an aliased node are those of the anchored text */
    assert_pos(s->units[1].pos[CU_UF_EF], 6, 49); /* the node starts at its anchor */
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_load_aliases_many_and_redefined)
{
    /* 100 anchors (the name table grows past its first sizes), and a redefined
     * anchor: an alias takes the latest definition before it */
    char *buf = malloc(16384);
    size_t len;
    int k;
    curtail_scenario *s;
    ck_assert_ptr_nonnull(buf);
    len = (size_t)snprintf(buf, 16384, "curtail: 1\nenterprises:\n");
    for (k = 0; k < 100; k++)
        len += (size_t)snprintf(buf + len, 16384 - len,
                                "  - {id: e%d, name: &n%d name%d, industry: other,\n"
                                "     units: [{id: u, kind: other, capacity: 1}]}\n",
                                k, k, k);
    len += (size_t)snprintf(buf + len, 16384 - len,
                            "  - {id: a, name: *n37, industry: other, units: []}\n"
                            "  - {id: b, name: &n37 again, industry: other, units: []}\n"
                            "  - {id: c, name: *n37, industry: other, units: []}\n"
                            "  - {id: d, name: *n99, industry: other, units: []}\n");
    ck_assert_uint_lt(len, 16384);
    s = load_ok(buf);
    ck_assert_uint_eq(s->nents, 104);
    ck_assert_str_eq(s->ents[100].name, "name37");
    ck_assert_str_eq(s->ents[101].name, "again");
    ck_assert_str_eq(s->ents[102].name, "again");
    ck_assert_str_eq(s->ents[103].name, "name99");
    curtail_scenario_free(s);
    free(buf);
}
END_TEST

START_TEST(test_load_scalar_forms)
{
    /* numbers in every YAML 1.2 decimal form; quoted and block strings; tags */
    curtail_scenario *s =
        load_ok("curtail: 1.0\n"
                "name: !!str 2023\n"
                "enterprises:\n"
                "  - id: \"007\"\n"
                "    name: |\n"
                "      两行\n"
                "      名称\n"
                "    industry: other\n"
                "    units:\n"
                "      - {id: '1e3', kind: other, capacity: +1.5e3, value: .5, base_load: 1.,\n"
                "         ef: {SO2: 0, NOx: 1E-2, PM: !!float 3, VOCs: 00012}}\n");
    const cu_unit *u = &s->units[0];
    ck_assert_str_eq(curtail_scenario_name(s), "2023");
    ck_assert_str_eq(s->ents[0].id, "007");
    ck_assert_str_eq(s->ents[0].name, "两行\n名称\n");
    ck_assert_str_eq(u->id, "1e3");
    ck_assert_double_eq(u->capacity, 1500);
    ck_assert_double_eq(u->value, 0.5);
    ck_assert_double_eq(u->base_load, 1);
    ck_assert_double_eq(u->ef[CURTAIL_NOX], 0.01);
    ck_assert_double_eq(u->ef[CURTAIL_PM], 3);
    ck_assert_double_eq(u->ef[CURTAIL_VOCS], 12);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_load_bom_crlf)
{
    /* a UTF-8 byte order mark and Windows line ends are fine; lines still count right */
    static const char text[] =
        "\xEF\xBB\xBF"
        "curtail: 1\r\n"
        "enterprises:\r\n"
        "  - {id: e, industry: other, units: [{id: u, kind: other, capacity: 1, ef: {PM: 1}}]}\r\n";
    static const char bad[] =
        "\xEF\xBB\xBF"
        "curtail: 1\r\n"
        "enterprises:\r\n"
        "  - {id: e, industry: other, units: [{id: u, kind: other, capacity: 0}]}\r\n";
    curtail_scenario *s = load_ok(text);
    ck_assert_uint_eq(curtail_scenario_unit_count(s), 1);
    curtail_scenario_free(s);
    expect_error(bad, "t.yaml:3:69: error: enterprises[0].units[0].capacity: must be > 0, got 0");
}
END_TEST

START_TEST(test_load_locale_independent)
{
    /* numbers use '.', whatever the C library's locale says */
    const char *old = setlocale(LC_NUMERIC, NULL);
    char saved[64];
    curtail_scenario *s;
    snprintf(saved, sizeof saved, "%s", old ? old : "C");
    if (!setlocale(LC_NUMERIC, "de_DE.UTF-8") && !setlocale(LC_NUMERIC, "fr_FR.UTF-8"))
        setlocale(LC_NUMERIC, "C");
    s = load_ok(ONE_UNIT("{id: r, kind: reactor, capacity: 2.5, ef: {SO2: 0.125}}"));
    setlocale(LC_NUMERIC, saved);
    ck_assert_double_eq(s->units[0].capacity, 2.5);
    ck_assert_double_eq(s->units[0].ef[CURTAIL_SO2], 0.125);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_load_file)
{
    char *dir = tu_tmpdir();
    char path[512], line[2048];
    const char *yaml = ONE_UNIT("{id: r, kind: reactor, capacity: 3, ef: {SO2: 1}}");
    curtail_scenario *s = NULL;
    curtail_error err;
    ck_assert_ptr_nonnull(dir);
    snprintf(path, sizeof path, "%s/scenario.yaml", dir);
    ck_assert_int_eq(tu_write_file(path, yaml, strlen(yaml)), 0);
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(curtail_scenario_load_file(&s, path, NULL, &err), CURTAIL_OK);
    ck_assert_str_eq(s->file, path);
    ck_assert_double_eq(s->units[0].capacity, 3);
    curtail_scenario_free(s);

    /* "-" reads standard input, named <stdin> in messages */
    ck_assert_ptr_nonnull(freopen(path, "rb", stdin));
    ck_assert_int_eq(curtail_scenario_load_file(&s, "-", NULL, &err), CURTAIL_OK);
    ck_assert_str_eq(s->file, "<stdin>");
    curtail_scenario_free(s);

    unlink(path);
    s = (curtail_scenario *)&s;
    ck_assert_int_eq(curtail_scenario_load_file(&s, path, NULL, &err), CURTAIL_EIO);
    ck_assert_ptr_null(s);
    curtail_error_format(&err, line, sizeof line);
    ck_assert_str_eq(err.file, path);
    ck_assert_ptr_nonnull(strstr(line, ": error: cannot open: "));
    rmdir(dir);
    free(dir);
}
END_TEST

START_TEST(test_load_allocator)
{
    /* everything the loader and the scenario allocate goes through the caller's allocator */
    counting c = {0, 0, 0};
    curtail_mem mem = {count_calloc, count_realloc, count_free, NULL};
    curtail_load_options opts = CURTAIL_LOAD_OPTIONS_INIT;
    curtail_scenario *s = NULL;
    curtail_error err;
    mem.ctx = &c;
    opts.mem = &mem;
    ck_assert_int_eq(
        curtail_scenario_load_buffer(&s, full_yaml, strlen(full_yaml), "t.yaml", &opts, &err),
        CURTAIL_OK);
    ck_assert_int_gt(c.calls, 10);
    ck_assert_int_gt(c.live, 0);
    curtail_scenario_free(s);
    ck_assert_int_eq(c.live, 0);
}
END_TEST

START_TEST(test_load_builtin_table)
{
    const char *text = curtail_policy_default_yaml();
    const char *first = strstr(text, "\n  - {");
    unsigned line = 2;
    const char *p;
    cu_rule *rules = NULL;
    size_t n = 0, want = 0;
    curtail_error err;
    for (p = text; (p = strstr(p, "\n  - {")) != NULL; p++)
        want++;
    for (p = text; p < first; p++)
        line += *p == '\n';
    ck_assert_int_eq(
        cu_policy_parse(NULL, text, strlen(text), "policy_default.yaml", NULL, &rules, &n, &err),
        CURTAIL_OK);
    ck_assert_uint_eq(n, want);
    ck_assert_uint_gt(n, 0);
    /* the first rule: coke ovens of grade A and leading take no measure */
    ck_assert_int_eq(rules[0].r.industry, CURTAIL_COKING);
    ck_assert_uint_eq(rules[0].r.kinds, 1u << CURTAIL_KIND_COKE_OVEN);
    ck_assert_uint_eq(rules[0].r.grades, (1u << CURTAIL_GRADE_A) | (1u << CURTAIL_GRADE_LEADING));
    ck_assert_uint_eq(rules[0].r.levels, 7);
    ck_assert_int_eq(rules[0].r.measure, CURTAIL_MEASURE_NONE);
    ck_assert_int_eq(rules[0].builtin, 1);
    assert_pos(rules[0].pos, line, 5);
    ck_assert_uint_eq(rules[n - 1].index, n - 1);
    cu_free(NULL, rules);
}
END_TEST

START_TEST(test_load_policy_parse_errors)
{
    static const char two[] =
        "curtail_policy: 1\n"
        "rules:\n"
        "  - {industry: other, grades: [A], levels: [red], none: true}\n"
        "  - {industry: other, kind: reactor, grades: [A], levels: [red], cut: 2}\n";
    static const char ver[] = "curtail_policy: 2\nrules: []\n";
    static const char norules[] = "curtail_policy: 1\n";
    cu_rule *rules = (cu_rule *)&rules;
    size_t n = 9;
    curtail_error err;
    char line[2048];
    ck_assert_int_eq(cu_policy_parse(NULL, two, strlen(two), "p.yaml", NULL, &rules, &n, &err),
                     CURTAIL_EINPUT);
    ck_assert_ptr_null(rules);
    ck_assert_uint_eq(n, 0);
    curtail_error_format(&err, line, sizeof line);
    ck_assert_str_eq(line,
                     "p.yaml:4:29: error: rules[1].kind: reactor is not a kind of industry other");
    ck_assert_int_eq(cu_policy_parse(NULL, ver, strlen(ver), "p.yaml", NULL, &rules, &n, &err),
                     CURTAIL_EINPUT);
    curtail_error_format(&err, line, sizeof line);
    ck_assert_str_eq(line, "p.yaml:1:17: error: curtail_policy: unsupported schema version 2 (this "
                           "curtail reads version 1)");
    ck_assert_int_eq(cu_policy_parse(NULL, norules, strlen(norules), "p.yaml", NULL, &rules, &n, &err),
                     CURTAIL_EINPUT);
    curtail_error_format(&err, line, sizeof line);
    ck_assert_str_eq(line, "p.yaml:1:1: error: rules: missing required key");
}
END_TEST

/* ---- errors ------------------------------------------------------------------------- */

START_TEST(test_load_unknown_key)
{
    expect_error(
        "curtail: 1\nenterprises: []\nenterprise: []\n",
        "t.yaml:3:1: error: enterprise: unknown key \"enterprise\", expected one of: "
        "curtail, name, lang, season, targets, extra, builtin_policy, policy, enterprises, episode, note, compiled_by, variants, transport_factors");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capcity: 3}"),
                 "t.yaml:6:32: error: enterprises[0].units[0].capcity: unknown key \"capcity\", "
                 "expected one of: id, name, kind, capacity, base_load, min_load, value, ef, "
                 "baseline_kgpd, fixed_kgpd, interruptible, follows, coke_oven, boiler, capacity_unit, lines, step");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: 3, ef: {SOx: 1}}"),
                 "t.yaml:6:50: error: enterprises[0].units[0].ef.SOx: unknown pollutant \"SOx\", "
                 "expected one of: SO2, NOx, PM, VOCs");
    expect_error("curtail: 1\nenterprises: []\nextra: {weights: {E: 1}}\n",
                 "t.yaml:3:19: error: extra.weights.E: unknown grade \"E\", expected one of: "
                 "A, B, B-, C, D, leading, non-leading, none");
    expect_error(
        "curtail: 1\nenterprises: []\ntargets: {ratios: {blue: {SO2: 0.1}}}\n",
        "t.yaml:3:20: error: targets.ratios.blue: unknown level \"blue\", expected one of: "
        "yellow, orange, red");
}
END_TEST

START_TEST(test_load_duplicate_key)
{
    expect_error("curtail: 1\nname: a\nenterprises: []\nname: b\n",
                 "t.yaml:4:1: error: name: duplicate key \"name\" (first at line 2, column 1)");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: 3, ef: {SO2: 1, SO2: 2}}"),
                 "t.yaml:6:58: error: enterprises[0].units[0].ef.SO2: duplicate key \"SO2\" "
                 "(first at line 6, column 50)");
}
END_TEST

START_TEST(test_load_wrong_type)
{
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: {a: 1}}"),
                 "t.yaml:6:42: error: enterprises[0].units[0].capacity: expected a number, got "
                 "a mapping");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: abc}"),
                 "t.yaml:6:42: error: enterprises[0].units[0].capacity: expected a number, got "
                 "\"abc\"");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: \"5\"}"),
                 "t.yaml:6:42: error: enterprises[0].units[0].capacity: expected a number, got "
                 "\"5\" (quoted, so a string)");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: 0x10}"),
                 "t.yaml:6:42: error: enterprises[0].units[0].capacity: expected a number, got "
                 "\"0x10\"");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: }"),
                 "t.yaml:6:42: error: enterprises[0].units[0].capacity: expected a number, got "
                 "null");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: 1, interruptible: yes}"),
                 "t.yaml:6:60: error: enterprises[0].units[0].interruptible: expected true or "
                 "false, got \"yes\"");
    expect_error(ONE_UNIT("{id: [r], kind: reactor, capacity: 1}"),
                 "t.yaml:6:14: error: enterprises[0].units[0].id: must be a string or a number, "
                 "got a list");
    expect_error("curtail: 1\nenterprises: {}\n",
                 "t.yaml:2:14: error: enterprises: expected a list of enterprises, got a mapping");
    expect_error("curtail: 1\nenterprises: []\nextra: {grades: C}\n",
                 "t.yaml:3:17: error: extra.grades: expected a list of grades, got \"C\"");
    expect_error("- curtail: 1\n",
                 "t.yaml:1:1: error: expected a mapping at the top of the document, got a list");
    expect_error("curtail: 1\nenterprises: []\n? [a]\n: 1\n",
                 "t.yaml:3:3: error: mapping keys must be plain strings, not sequences");
}
END_TEST

/* The YAML 1.2 core booleans in every spelling, wherever a boolean goes;
 * YAML 1.1 words (yes, on) stay errors (test_load_wrong_type). */
START_TEST(test_load_core_booleans)
{
    curtail_scenario *s = load_ok(
        "curtail: 1\n"
        "builtin_policy: False\n"
        "policy:\n"
        "  - {industry: chemical, grades: [C], levels: [red], stop: True}\n"
        "  - {industry: chemical, grades: [C], levels: [orange], guarantee: TRUE, none: TRUE}\n"
        "enterprises:\n"
        "  - id: e1\n"
        "    industry: chemical\n"
        "    phase_out: FALSE\n"
        "    units:\n"
        "      - {id: a, kind: loading, capacity: 1, interruptible: True}\n"
        "      - {id: b, kind: batch, capacity: 1, interruptible: FALSE}\n"
        "      - {id: c, kind: reactor, capacity: 1, interruptible: TRUE}\n"
        "  - id: e2\n"
        "    industry: boiler\n"
        "    units: [{id: d, kind: boiler, capacity: 1, boiler: {fuel: gas, heating: False}}]\n");
    ck_assert_int_eq(s->builtin_policy, 0);
    ck_assert_uint_eq(s->nrules, 2);
    ck_assert_int_eq(s->rules[0].r.measure, CURTAIL_MEASURE_STOP);
    ck_assert_int_eq(s->ents[0].phase_out, 0);
    ck_assert_int_eq(s->units[0].interruptible, 1);
    ck_assert_int_eq(s->units[1].interruptible, 0);
    ck_assert_int_eq(s->units[2].interruptible, 1);
    ck_assert_int_eq(s->units[3].heating, 0);
    curtail_scenario_free(s);
    s = load_ok("curtail: 1\nbuiltin_policy: TRUE\nenterprises: []\n");
    ck_assert_int_eq(s->builtin_policy, 1);
    curtail_scenario_free(s);
    expect_error("curtail: 1\nbuiltin_policy: tRUE\nenterprises: []\n",
                 "t.yaml:2:17: error: builtin_policy: expected true or false, got \"tRUE\"");
    expect_error("curtail: 1\nbuiltin_policy: \"True\"\nenterprises: []\n",
                 "t.yaml:2:17: error: builtin_policy: expected true or false, got \"True\" "
                 "(quoted, so a string)");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: 1}\n"
                          "policy: [{industry: chemical, grades: [C], levels: [red], guarantee: False, cut: 0.1}]"),
                 "t.yaml:7:70: error: policy[0].guarantee: must be livelihood, supply, a list of "
                 "them, or true (leave the key out to match units without a guarantee)");
}
END_TEST

/* An id is a string or a number: a boolean or null is not silently the id
 * "true" or "". A quoted "true" is a string. */
START_TEST(test_load_id_not_bool_or_null)
{
    curtail_scenario *s;
    /* once, as tests/data/invalid/load_id_bool */
    expect_error("curtail: 1\nenterprises:\n  - {id: False, industry: other, units: []}\n",
                 "t.yaml:3:10: error: enterprises[0].id: must be a string or a number, got False");
    expect_error("curtail: 1\nenterprises:\n  - {id: ~, industry: other, units: []}\n",
                 "t.yaml:3:10: error: enterprises[0].id: must be a string or a number, got null");
    expect_error(ONE_UNIT("{id: TRUE, kind: reactor, capacity: 1}"),
                 "t.yaml:6:14: error: enterprises[0].units[0].id: must be a string or a number, "
                 "got TRUE");
    expect_error(ONE_UNIT("{id: null, kind: reactor, capacity: 1}"),
                 "t.yaml:6:14: error: enterprises[0].units[0].id: must be a string or a number, "
                 "got null");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: 1, follows: true}"),
                 "t.yaml:6:54: error: enterprises[0].units[0].follows: must be a string or a "
                 "number, got true");
    s = load_ok("curtail: 1\nenterprises:\n  - {id: \"true\", industry: other, units: []}\n"
                "  - {id: 12, industry: other, units: [{id: !!str false, kind: other, "
                "capacity: 1}]}\n");
    ck_assert_str_eq(s->ents[0].id, "true");
    ck_assert_str_eq(s->ents[1].id, "12");
    ck_assert_str_eq(s->units[0].id, "false");
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_load_nonfinite)
{
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: .inf}"),
                 "t.yaml:6:42: error: enterprises[0].units[0].capacity: must be a finite number, "
                 "got .inf");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: 1, ef: {NOx: -.Inf}}"),
                 "t.yaml:6:55: error: enterprises[0].units[0].ef.NOx: must be a finite number, "
                 "got -.Inf");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: 1, value: .NaN}"),
                 "t.yaml:6:52: error: enterprises[0].units[0].value: must be a finite number, "
                 "got .NaN");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: 1e999}"),
                 "t.yaml:6:42: error: enterprises[0].units[0].capacity: must be a finite number, "
                 "got 1e999");
}
END_TEST

START_TEST(test_load_out_of_range)
{
    /* the SPEC §8 example: once, as tests/data/invalid/load_capacity_negative */
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: 1, base_load: 1.5}"),
                 "t.yaml:6:56: error: enterprises[0].units[0].base_load: must be in (0, 1], got "
                 "1.5");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: 1, ef: {SO2: 1, VOCs: -0.5}}"),
                 "t.yaml:6:64: error: enterprises[0].units[0].ef.VOCs: must be >= 0, got -0.5");
    expect_error(
        "curtail: 1\nenterprises: []\ntargets:\n  ratios:\n    orange: {SO2: 0.2, NOx: 1}\n",
        "t.yaml:5:29: error: targets.ratios.orange.NOx: must be in [0, 1), got 1");
    expect_error("curtail: 1\nenterprises: []\ntargets: {base: totals, totals_kgpd: {PM: -1}}\n",
                 "t.yaml:3:43: error: targets.totals_kgpd.PM: must be >= 0, got -1");
    expect_error("curtail: 1\nenterprises: []\nextra: {weights: {B-: -2}}\n",
                 "t.yaml:3:23: error: extra.weights.B-: must be >= 0, got -2");
    expect_error("curtail: 1\nenterprises: []\n"
                 "policy:\n  - {industry: other, grades: [C], levels: [red], cut: 1.5}\n",
                 "t.yaml:4:56: error: policy[0].cut: must be in [0, 1], got 1.5");
    expect_error("curtail: 1\nenterprises: []\n"
                 "policy:\n  - {industry: coking, grades: [C], levels: [red], coking_time_h: 0}\n",
                 "t.yaml:4:67: error: policy[0].coking_time_h: must be > 0, got 0");
    expect_error("curtail: 1\n"
                 "enterprises:\n"
                 "  - {id: a, credit_code: 1234, industry: other, units: []}\n",
                 "t.yaml:3:26: error: enterprises[0].credit_code: must be 18 characters of "
                 "[0-9A-Z], got 4");
    expect_error("curtail: 1\n"
                 "enterprises:\n"
                 "  - {id: a b, industry: other, units: []}\n",
                 "t.yaml:3:10: error: enterprises[0].id: must be 1 to 64 characters of "
                 "[A-Za-z0-9_.-], got 'a b'");
}
END_TEST

START_TEST(test_load_words)
{
    expect_error("curtail: 1\nenterprises:\n  - {id: a, industry: steel, units: []}\n",
                 "t.yaml:3:23: error: enterprises[0].industry: unknown industry \"steel\", "
                 "expected one of: coking, chemical, boiler, other");
    expect_error("curtail: 1\nenterprises:\n  - {id: a, industry: other, grade: E, units: []}\n",
                 "t.yaml:3:37: error: enterprises[0].grade: unknown grade \"E\", expected one of: "
                 "A, B, B-, C, D, leading, non-leading, none");
    expect_error(
        "curtail: 1\nenterprises:\n  - {id: a, industry: other, guarantee: yes, units: []}\n",
        "t.yaml:3:41: error: enterprises[0].guarantee: unknown guarantee \"yes\", "
        "expected one of: none, livelihood, supply");
    expect_error(ONE_UNIT("{id: r, kind: oven, capacity: 1}"),
                 "t.yaml:6:23: error: enterprises[0].units[0].kind: unknown kind \"oven\", "
                 "expected one of: coke_oven, byproduct, coal_prep, quenching, reactor, batch, "
                 "loading, storage, coating, other, boiler");
    expect_error("curtail: 1\nlang: fr\nenterprises: []\n",
                 "t.yaml:2:7: error: lang: unknown lang \"fr\", expected one of: zh, en");
    expect_error("curtail: 1\ntargets: {base: all}\nenterprises: []\n",
                 "t.yaml:2:17: error: targets.base: unknown base \"all\", expected one of: "
                 "listed, totals");
    expect_error("curtail: 1\n"
                 "enterprises:\n"
                 "  - id: k\n"
                 "    industry: coking\n"
                 "    units:\n"
                 "      - {id: o, kind: coke_oven, capacity: 1, coke_oven: {quenching: damp}}\n",
                 "t.yaml:6:70: error: enterprises[0].units[0].coke_oven.quenching: unknown "
                 "quenching \"damp\", expected one of: dry, wet");
    expect_error("curtail: 1\n"
                 "enterprises:\n"
                 "  - id: k\n"
                 "    industry: boiler\n"
                 "    units:\n"
                 "      - {id: b, kind: boiler, capacity: 1, boiler: {fuel: peat}}\n",
                 "t.yaml:6:59: error: enterprises[0].units[0].boiler.fuel: unknown fuel \"peat\", "
                 "expected one of: coal, gas, biomass, oil, electric");
    expect_error("curtail: 1\nenterprises: []\n"
                 "policy:\n  - {industry: other, grades: [C, C], levels: [red], stop: true}\n",
                 "t.yaml:4:35: error: policy[0].grades[1]: grade C is listed twice");
}
END_TEST

START_TEST(test_load_rule_errors)
{
    expect_error(
        "curtail: 1\nenterprises: []\n"
        "policy:\n  - {industry: other, grades: [C], levels: [red], cut: 0.2, stop: true}\n",
        "t.yaml:4:61: error: policy[0].stop: a rule has exactly one measure, and this "
        "one already has cut");
    expect_error("curtail: 1\nenterprises: []\n"
                 "policy:\n  - {industry: other, grades: [C], levels: [red]}\n",
                 "t.yaml:4:5: error: policy[0]: a rule needs one measure: max_load, cut, "
                 "coking_time_h, stop or none (or, alone, a transport)");
    /* once, as tests/data/invalid/load_rule_stop_false */
    expect_error("curtail: 1\nenterprises: []\n"
                 "policy:\n  - {industry: other, grades: [C], levels: [red], none: false}\n",
                 "t.yaml:4:57: error: policy[0].none: must be true (none: false is not a "
                 "measure)");
    expect_error("curtail: 1\nenterprises: []\n"
                 "policy:\n  - {industry: other, grades: [], levels: [red], none: true}\n",
                 "t.yaml:4:31: error: policy[0].grades: must list at least one grade");
    expect_error("curtail: 1\nenterprises: []\n"
                 "policy:\n  - {industry: other, levels: [red], none: true}\n",
                 "t.yaml:4:5: error: policy[0].grades: missing required key");
    expect_error("curtail: 1\nenterprises: []\n"
                 "policy:\n  - {industry: other, grades: [C], levels: [red], guarantee: false, "
                 "none: true}\n",
                 "t.yaml:4:62: error: policy[0].guarantee: must be livelihood, supply, a list of "
                 "them, or true (leave the key out to match units without a guarantee)");
    expect_error("curtail: 1\nenterprises: []\n"
                 "policy:\n  - {industry: other, grades: [C], levels: [red], guarantee: none, "
                 "none: true}\n",
                 "t.yaml:4:62: error: policy[0].guarantee: unknown guarantee \"none\", expected "
                 "one of: livelihood, supply");
    expect_error("curtail: 1\nenterprises: []\n"
                 "policy:\n  - {industry: other, grades: C, levels: [red], none: true}\n",
                 "t.yaml:4:31: error: policy[0].grades: expected a list of grades, got \"C\"");
    expect_error("curtail: 1\nenterprises: []\npolicy: {industry: other}\n",
                 "t.yaml:3:9: error: policy: expected a list of rules, got a mapping");
}
END_TEST

START_TEST(test_load_invalid_utf8)
{
    static const char bad_lead[] = "curtail: 1\nname: \"ab\xFF\"\nenterprises: []\n";
    static const char bad_cont[] = "curtail: 1\nenterprises: []\n# 中\xE6\x96\n";
    static const char control[] = "curtail: 1\nname: a\x01\nenterprises: []\n";
    expect_error_n(bad_lead, sizeof bad_lead - 1, CURTAIL_EINPUT,
                   "t.yaml:2:10: error: invalid UTF-8: invalid leading UTF-8 octet");
    expect_error_n(bad_cont, sizeof bad_cont - 1, CURTAIL_EINPUT,
                   "t.yaml:3:4: error: invalid UTF-8: invalid trailing UTF-8 octet");
    expect_error_n(control, sizeof control - 1, CURTAIL_EINPUT,
                   "t.yaml:2:8: error: control characters are not allowed");
}
END_TEST

START_TEST(test_load_duplicate_id)
{
    expect_error(
        "curtail: 1\n"
        "enterprises:\n"
        "  - {id: a, industry: other, units: [{id: u, kind: other, capacity: 1, ef: {PM: 1}}]}\n"
        "  - {id: a, industry: other, units: [{id: u, kind: other, capacity: 1, ef: {PM: 1}}]}\n",
        "t.yaml:4:10: error: enterprises[1].id: duplicate id 'a' (first at line 3)");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: 1, ef: {PM: 1}}\n"
                          "      - {id: r, kind: reactor, capacity: 2, ef: {PM: 1}}"),
                 "t.yaml:7:14: error: enterprises[0].units[1].id: duplicate unit id 'r' in "
                 "enterprise 'e1' (first is units[0])");
}
END_TEST

START_TEST(test_load_dangling_reference)
{
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: 1, follows: oven, ef: {PM: 1}}"),
                 "t.yaml:6:54: error: enterprises[0].units[0].follows: no unit 'oven' in "
                 "enterprise 'e1'");
    expect_error("curtail: 1\nname: *nothing\nenterprises: []\n",
                 "t.yaml:2:7: error: name: alias *nothing refers to no anchor");
}
END_TEST

START_TEST(test_load_version)
{
    /* once, as tests/data/invalid/load_missing_curtail */
    expect_error("", "t.yaml:1:1: error: curtail: missing required key (the document is empty)");
    expect_error("# only a comment\n",
                 "t.yaml:1:1: error: curtail: missing required key (the document is empty)");
    expect_error(
        "curtail: 2\nenterprises: []\n",
        "t.yaml:1:10: error: curtail: unsupported schema version 2 (this curtail reads version 1)");
    expect_error("curtail: \"1\"\nenterprises: []\n",
                 "t.yaml:1:10: error: curtail: expected a number, got \"1\" (quoted, so a string)");
    expect_error("curtail: 1\n", "t.yaml:1:1: error: enterprises: missing required key");
}
END_TEST

START_TEST(test_load_second_document)
{
    expect_error("curtail: 1\nenterprises: []\n---\ncurtail: 1\nenterprises: []\n",
                 "t.yaml:3:1: error: a second YAML document is not allowed (one scenario per "
                 "file)");
    expect_error("--- \ncurtail: 1\nenterprises: []\n...\n---\n",
                 "t.yaml:5:1: error: a second YAML document is not allowed (one scenario per "
                 "file)");
}
END_TEST

START_TEST(test_load_yaml_syntax)
{
    expect_error("curtail: 1\nenterprises: [\n",
                 "t.yaml:3:1: error: did not find expected node content (while parsing a flow "
                 "node)");
    expect_error("curtail: 1\n  enterprises: []\n",
                 "t.yaml:2:14: error: mapping values are not allowed in this context");
    expect_error("curtail: 1\nenterprises: []\nname: \"a\\0b\"\n",
                 "t.yaml:3:7: error: name: strings may not contain a NUL character");
    expect_error("curtail: 1\nenterprises: []\nname: !custom x\n",
                 "t.yaml:3:7: error: name: unsupported tag \"!custom\"");
}
END_TEST

START_TEST(test_load_merge_key)
{
    expect_error("curtail: 1\n"
                 "enterprises:\n"
                 "  - &base {id: a, industry: other, units: []}\n"
                 "  - <<: *base\n"
                 "    id: b\n",
                 "t.yaml:4:5: error: enterprises[1].<<: merge keys (<<) are not supported");
}
END_TEST

START_TEST(test_load_missing_key)
{
    expect_error(ONE_UNIT("{id: r, kind: reactor}"),
                 "t.yaml:6:9: error: enterprises[0].units[0].capacity: missing required key");
    expect_error("curtail: 1\nenterprises:\n  - {id: a, units: []}\n",
                 "t.yaml:3:5: error: enterprises[0].industry: missing required key");
    expect_error("curtail: 1\ntargets: {base: totals}\nenterprises: []\n",
                 "t.yaml:2:10: error: targets.totals_kgpd: is required when base is totals");
    expect_error("curtail: 1\n"
                 "enterprises:\n"
                 "  - id: k\n"
                 "    industry: coking\n"
                 "    units:\n"
                 "      - {id: o, kind: coke_oven, capacity: 1}\n",
                 "t.yaml:6:23: error: enterprises[0].units[0].kind: a coke_oven unit needs a "
                 "coke_oven block");
}
END_TEST

START_TEST(test_load_episode_errors)
{
    /* once, as tests/data/invalid/load_episode_overlap */
    /* the later entry in the file is named, whatever the order in time */
    expect_error(
        WITH_EPISODE("  start: 2023-12-01T00:00\n"
                     "  hours: 48\n"
                     "  timeline:\n"
                     "    - {level: red, from: 2023-12-01T10:00, to: 2023-12-01T12:00}\n"
                     "    - {level: yellow, from: 2023-12-01T00:00, to: 2023-12-01T11:00}\n"),
        "t.yaml:9:7: error: episode.timeline[1]: overlaps timeline[0] "
        "(2023-12-01T10:00 to 2023-12-01T12:00)");
    /* once, as tests/data/invalid/episode_entry_before_start */
    /* once, as tests/data/invalid/load_episode_outside */
    /* once, as tests/data/invalid/episode_from_equals_to */
    /* once, as tests/data/invalid/episode_start_not_on_hour */
    /* once, as tests/data/invalid/episode_no_such_date */
    expect_error(WITH_EPISODE("  start: 2023-12-01 00:00\n  hours: 24\n"),
                 "t.yaml:5:10: error: episode.start: expected a time YYYY-MM-DDTHH:MM, got "
                 "\"2023-12-01 00:00\"");
    expect_error(WITH_EPISODE("  start: 2023-12-01T24:00\n  hours: 24\n"),
                 "t.yaml:5:10: error: episode.start: no such date and time: 2023-12-01T24:00");
    expect_error(WITH_EPISODE("  start: 2023-12-01T00:00\n  hours: 0\n"),
                 "t.yaml:6:10: error: episode.hours: must be a whole number of hours from 1 to "
                 "8784, got 0");
    /* once, as tests/data/invalid/episode_hours_fraction */
    /* once, as tests/data/invalid/episode_hours_too_many */
    /* once, as tests/data/invalid/episode_missing_start */
    expect_error(WITH_EPISODE("  start: 2023-12-01T00:00\n  hours: 24\n"
                              "  ozone: {window: \"10-18\"}\n"),
                 "t.yaml:7:19: error: episode.ozone.window: must be \"HH:MM-HH:MM\" within one "
                 "day, from before to, got \"10-18\"");
    expect_error(WITH_EPISODE("  start: 2023-12-01T00:00\n  hours: 24\n"
                              "  ozone: {window: \"18:00-10:00\"}\n"),
                 "t.yaml:7:19: error: episode.ozone.window: must be \"HH:MM-HH:MM\" within one "
                 "day, from before to, got \"18:00-10:00\"");
    expect_error(WITH_EPISODE("  start: 2023-12-01T00:00\n  hours: 24\n"
                              "  ozone: {window: \"10:00-24:30\"}\n"),
                 "t.yaml:7:19: error: episode.ozone.window: must be \"HH:MM-HH:MM\" within one "
                 "day, from before to, got \"10:00-24:30\"");
    expect_error(WITH_EPISODE("  start: 2023-12-01T00:00\n  hours: 24\n"
                              "  ozone: {levels: []}\n"),
                 "t.yaml:7:19: error: episode.ozone.levels: must list at least one level");
    /* once, as tests/data/invalid/episode_level_blue */
}
END_TEST

START_TEST(test_load_one_line_messages)
{
    /* what the file says is quoted with its control characters escaped, and cut */
    expect_error("curtail: 1\nenterprises: []\n\"a\\nb\": 1\n",
                 "t.yaml:3:1: error: a\\nb: unknown key \"a\\nb\", expected one of: curtail, "
                 "name, lang, season, targets, extra, builtin_policy, policy, enterprises, episode, note, compiled_by, variants, transport_factors");
    expect_error("curtail: 1\nenterprises: \"x\\ty\\r\"\n",
                 "t.yaml:2:14: error: enterprises: expected a list of enterprises, got "
                 "\"x\\ty\\r\" (quoted, so a string)");
    expect_error("curtail: 1\nenterprises:\n  - {id: \"a\\nb\", industry: other, units: []}\n",
                 "t.yaml:3:10: error: enterprises[0].id: must be 1 to 64 characters of "
                 "[A-Za-z0-9_.-], got 'a\\nb'");
    expect_error(
        ONE_UNIT("{id: r, kind: reactor, capacity: 甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉}"),
        "t.yaml:6:42: error: enterprises[0].units[0].capacity: expected a number, got "
        "\"甲乙丙丁戊己庚辛壬癸子丑寅卯...\"");
}
END_TEST

START_TEST(test_load_escaped_control_characters)
{
    /* SPEC §9: escapes are decoded by libyaml before we see the text, so the
     * decoded string is checked: the same rule as for raw characters */
    static const char raw_esc[] = "curtail: 1\nenterprises: []\nname: \"a\x1b[31m\"\n";
    expect_error("curtail: 1\nenterprises: []\nname: \"\\x1b[31mred\"\n",
                 "t.yaml:3:7: error: name: strings may not contain control characters, got "
                 "U+001B in \"\\x1B[31mred\"");
    expect_error("curtail: 1\nenterprises: []\nname: \"bell\\x07\"\n",
                 "t.yaml:3:7: error: name: strings may not contain control characters, got "
                 "U+0007 in \"bell\\x07\"");
    expect_error("curtail: 1\nenterprises: []\nname: \"\\u0007\"\n",
                 "t.yaml:3:7: error: name: strings may not contain control characters, got "
                 "U+0007 in \"\\x07\"");
    expect_error("curtail: 1\nenterprises: []\nname: \"\\e[0m\"\n",
                 "t.yaml:3:7: error: name: strings may not contain control characters, got "
                 "U+001B in \"\\x1B[0m\"");
    expect_error("curtail: 1\nenterprises: []\nname: \"x\\x7f\"\n",
                 "t.yaml:3:7: error: name: strings may not contain control characters, got "
                 "U+007F in \"x\\x7F\"");
    /* C1: U+009B is CSI to a terminal; NEL escaped (raw, YAML reads it as a line break) */
    expect_error("curtail: 1\nenterprises: []\nname: \"a\\u009b2J\"\n",
                 "t.yaml:3:7: error: name: strings may not contain control characters, got "
                 "U+009B in \"a\\u009B2J\"");
    expect_error("curtail: 1\nenterprises: []\nname: \"a\\Nb\"\n",
                 "t.yaml:3:7: error: name: strings may not contain control characters, got "
                 "U+0085 in \"a\\u0085b\"");
    /* single-quoted and plain scalars carry no escapes; a key is checked too */
    expect_error("curtail: 1\nenterprises:\n  - {id: a, industry: other, town: \"\\x01\", units: []}\n",
                 "t.yaml:3:36: error: enterprises[0].town: strings may not contain control "
                 "characters, got U+0001 in \"\\x01\"");
    expect_error("curtail: 1\nenterprises: []\n\"k\\x1b\": 1\n",
                 "t.yaml:3:1: error: k\\x1B: strings may not contain control characters, got "
                 "U+001B in \"k\\x1B\"");
    /* the raw ESC stays libyaml's error */
    expect_error_n(raw_esc, sizeof raw_esc - 1, CURTAIL_EINPUT,
                   "t.yaml:3:9: error: control characters are not allowed");
}
END_TEST

START_TEST(test_load_escaped_whitespace_allowed)
{
    /* tab and line breaks are allowed raw by YAML (block scalars), so escaped too */
    curtail_scenario *s = load_ok("curtail: 1\nname: \"a\\tb\\r\\nc\"\nenterprises: []\n");
    ck_assert_str_eq(curtail_scenario_name(s), "a\tb\r\nc");
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_load_tag_contradicts_value)
{
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: !!bool 100}"),
                 "t.yaml:6:42: error: enterprises[0].units[0].capacity: the tag !!bool does not "
                 "match the value \"100\"");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: !!null 100}"),
                 "t.yaml:6:42: error: enterprises[0].units[0].capacity: the tag !!null does not "
                 "match the value \"100\"");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: !!int abc}"),
                 "t.yaml:6:42: error: enterprises[0].units[0].capacity: the tag !!int does not "
                 "match the value \"abc\"");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: !!int 1.5}"),
                 "t.yaml:6:42: error: enterprises[0].units[0].capacity: the tag !!int does not "
                 "match the value \"1.5\"");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: !!float x}"),
                 "t.yaml:6:42: error: enterprises[0].units[0].capacity: the tag !!float does not "
                 "match the value \"x\"");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: !!float .nan}"),
                 "t.yaml:6:42: error: enterprises[0].units[0].capacity: must be a finite number, "
                 "got .nan");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: !!bool \"true\"}"),
                 "t.yaml:6:42: error: enterprises[0].units[0].capacity: expected a number, got "
                 "\"true\"");
    /* !!str makes a number a string, which a number field refuses */
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: !!str 100}"),
                 "t.yaml:6:42: error: enterprises[0].units[0].capacity: expected a number, got "
                 "\"100\" (tagged as a string)");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: ! 100}"),
                 "t.yaml:6:42: error: enterprises[0].units[0].capacity: expected a number, got "
                 "\"100\" (tagged as a string)");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: !!timestamp 2001-12-14}"),
                 "t.yaml:6:42: error: enterprises[0].units[0].capacity: unsupported tag "
                 "\"!!timestamp\"");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: !<tag:example.com:n> 1}"),
                 "t.yaml:6:42: error: enterprises[0].units[0].capacity: unsupported tag "
                 "\"tag:example.com:n\"");
    expect_error(ONE_UNIT("{id: r, kind: reactor, capacity: 1, ef: !!seq {PM: 1}}"),
                 "t.yaml:6:49: error: enterprises[0].units[0].ef: the tag !!seq does not match a "
                 "mapping");
    expect_error("curtail: 1\nenterprises: !!str []\n",
                 "t.yaml:2:14: error: enterprises: the tag !!str does not match a list");
    expect_error("curtail: 1\nenterprises: []\nbuiltin_policy: !!bool yes\n",
                 "t.yaml:3:17: error: builtin_policy: the tag !!bool does not match the value "
                 "\"yes\"");
}
END_TEST

START_TEST(test_load_tag_agrees)
{
    curtail_scenario *s =
        load_ok("--- !!map\ncurtail: !!int 1\nname: !!str 100\nbuiltin_policy: !!bool false\n"
                "targets: {ratios: {red: !!map {NOx: !!float 0.5}}}\n"
                "enterprises: !!seq\n"
                "  - {id: !!int 7, industry: other, units: [{id: u, kind: other,\n"
                "     capacity: !!float 100, value: !!int \"25\", ef: {PM: !!float 1e-2},\n"
                "     base_load: !!float .5}]}\n");
    const cu_unit *u = &s->units[0];
    ck_assert_str_eq(curtail_scenario_name(s), "100");
    ck_assert_str_eq(s->ents[0].id, "7");
    ck_assert_double_eq(u->capacity, 100);
    ck_assert_double_eq(u->value, 25);
    ck_assert_double_eq(u->ef[CURTAIL_PM], 0.01);
    ck_assert_double_eq(u->base_load, 0.5);
    ck_assert_int_eq(s->builtin_policy, 0);
    ck_assert_double_eq(s->ratios[CURTAIL_RED][CURTAIL_NOX], 0.5);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_load_bad_arguments)
{
    curtail_scenario *s = NULL;
    curtail_load_options opts = CURTAIL_LOAD_OPTIONS_INIT;
    curtail_error err;
    ck_assert_int_eq(curtail_scenario_load_buffer(NULL, "x", 1, "t.yaml", NULL, &err),
                     CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_scenario_load_buffer(&s, NULL, 1, "t.yaml", NULL, &err),
                     CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_scenario_load_file(&s, NULL, NULL, &err), CURTAIL_EINVAL);
    opts.version = 99;
    ck_assert_int_eq(curtail_scenario_load_buffer(&s, "x", 1, "t.yaml", &opts, &err),
                     CURTAIL_EINVAL);
    ck_assert_ptr_null(s);
    /* a NULL error struct is fine, and a NULL file name gets a stand-in */
    ck_assert_int_eq(curtail_scenario_load_buffer(&s, "curtail: 3", 10, NULL, NULL, NULL),
                     CURTAIL_EINPUT);
    ck_assert_int_eq(curtail_scenario_load_buffer(&s, "curtail: 3", 10, NULL, NULL, &err),
                     CURTAIL_EINPUT);
    ck_assert_str_eq(err.file, "<buffer>");
}
END_TEST

/* The enterprises are loaded while the file is parsed, each item dropped from
 * the tree once loaded: errors still come in the order of a whole-tree load
 * (a YAML error anywhere first, then the sections in schema order, then the
 * first enterprise in error), and anchors inside an item stay reachable. */
START_TEST(test_load_streamed_error_order)
{
    static const struct {
        const char *yaml, *want;
    } cases[] = {
        {"curtail: 1\n"
         "enterprises:\n"
         "  - {id: a, industry: other, units: [{id: u1, kind: other, capacity: -1, ef: {PM: 1}}]}\n"
         "  - {id: b, industry: other, units: [{id: u1, kind: other, capacity: 10, ef: {PM: 1}}]}\n"
         "episode: {start: 2024-01-01T00:00, hours: 24\n",
         "t.yaml:6:1: error: did not find expected ',' or '}' (while parsing a flow mapping)"},
        {"curtail: 1\n"
         "enterprises:\n"
         "  - {id: a, industry: other, units: [{id: u1, kind: other, capacity: -1, ef: {PM: 1}}]}\n"
         "targets: {base: everything}\n",
         "t.yaml:4:17: error: targets.base: unknown base \"everything\", expected one of: listed, "
         "totals"},
        {"curtail: 1\n"
         "enterprises:\n"
         "  - {id: a, industry: other, units: [{id: u1, kind: other, capacity: 10, ef: {PM: 1}}]}\n"
         "  - {id: b, industry: other, units: [{id: u1, kind: reactor, capacity: 1, ef: {PM: 1}}]}\n"
         "  - {id: c, industry: other, units: [{id: u1, kind: other, capacity: -1, ef: {PM: 1}}]}\n",
         "t.yaml:4:53: error: enterprises[1].units[0].kind: reactor is not a kind of industry other"},
        {"enterprises:\n"
         "  - {id: a, industry: other, units: [{id: u1, kind: other, capacity: -1, ef: {PM: 1}}]}\n"
         "curtail: 2\n",
         "t.yaml:3:10: error: curtail: unsupported schema version 2 (this curtail reads version 1)"},
        {"curtail: 1\n"
         "enterprises:\n"
         "  - {id: a, industry: other, units: [{id: u1, kind: other, capacity: -1, ef: {PM: 1}}]}\n"
         "enterprises: []\n",
         "t.yaml:4:1: error: enterprises: duplicate key \"enterprises\" (first at line 2, column 1)"},
        {"curtail: 1\n"
         "enterprises:\n"
         "  - {id: a, industry: other, units: [{id: u1, kind: other, capacity: -1, ef: {PM: 1}}]}\n"
         "  - {id: b, industry: other, units: [{id: u1, kind: other, capacity: 10, ef: {PM: 1}}], units: []}\n",
         "t.yaml:4:89: error: enterprises[1].units: duplicate key \"units\" (first at line 4, "
         "column 30)"},
        {"curtail: 1\n"
         "enterprises:\n"
         "  - {id: a, industry: other, units: [{id: u1, kind: other, capacity: 1, ef: &f {PM: 1}}]}\n"
         "  - {id: b, industry: other, units: [{id: u1, kind: other, capacity: 10, ef: {PM: 1}}]}\n"
         "  - &c {id: c, industry: other, units: [{id: u1, kind: other, capacity: 3, ef: *f}]}\n"
         "  - {id: d, industry: other, units: [{id: u1, kind: other, capacity: 4, ef: *f}]}\n"
         "  - *c\n",
         "t.yaml:5:13: error: enterprises[4].id: duplicate id 'c' (first at line 5)"},
        {"curtail: 1\n"
         "enterprises: &all\n"
         "  - {id: a, industry: other, units: [{id: u1, kind: other, capacity: 10, ef: {PM: 1}}]}\n"
         "  - {id: a, industry: other, units: [{id: u1, kind: other, capacity: 10, ef: {PM: 1}}]}\n",
         "t.yaml:4:10: error: enterprises[1].id: duplicate id 'a' (first at line 3)"},
        {"curtail: 1\n"
         "enterprises:\n"
         "  - {id: a, industry: other, units: [{id: u1, kind: other, capacity: 10, ef: {PM: 1}}]}\n"
         "  - {id: b, industry: other, units: [{id: u1, kind: other, capacity: 10, ef: {PM: 1}}, {id: u2, follows: u9, kind: other, capacity: 1}]}\n",
         "t.yaml:4:106: error: enterprises[1].units[1].follows: no unit 'u9' in enterprise 'b'"},
        {"curtail: 1\n"
         "enterprises:\n"
         "  - {id: a, industry: other, units: [{id: u1, kind: other, capacity: 10, ef: {PM: 1}}]}\n"
         "  - {id: b, industry: other, units: [{id: u1, kind: other, capacity: 10, ef: {PM: 1}}]}\n"
         "  - 17\n",
         "t.yaml:5:5: error: enterprises[2]: expected a mapping, got \"17\""},
        {"curtail: 1\n"
         "enterprises:\n"
         "  - {id: a, industry: other, units: [{id: u1, kind: other, capacity: 10, ef: {PM: 1}}]}\n"
         "nonsense: 1\n",
         "t.yaml:4:1: error: nonsense: unknown key \"nonsense\", expected one of: curtail, name, "
         "lang, season, targets, extra, builtin_policy, policy, enterprises, episode, note, compiled_by, variants, transport_factors"},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_error(cases[i].yaml, cases[i].want);
}
END_TEST

START_TEST(test_load_streamed_aliases)
{
    /* anchors inside items, aliases in later items and as items */
    char yaml[16384];
    size_t len;
    int i;
    curtail_scenario *s = load_ok(
        "curtail: 1\n"
        "enterprises:\n"
        "  - {id: a, industry: other, units: [{id: u1, kind: other, capacity: 1, ef: &f {PM: 1}}]}\n"
        "  - {id: b, industry: other, units: [{id: u1, kind: other, capacity: 2, ef: {PM: 1}}]}\n"
        "  - &c {id: c, industry: other, units: [{id: u1, kind: other, capacity: 3, ef: *f}]}\n"
        "  - {id: d, industry: other, units: [{id: u1, kind: other, capacity: 4, ef: *f},\n"
        "                                     &u {id: u2, kind: other, capacity: 5, ef: {SO2: 2}}]}\n"
        "  - {id: e, industry: other, units: [*u]}\n"
        "targets: {ratios: {yellow: {PM: 0.1}}}\n");
    ck_assert_uint_eq(curtail_scenario_enterprise_count(s), 5);
    ck_assert_uint_eq(curtail_scenario_unit_count(s), 6);
    ck_assert_double_eq(s->units[2].capacity, 3);
    ck_assert_double_eq(s->units[2].ef[CURTAIL_PM], 1);
    ck_assert_double_eq(s->units[3].ef[CURTAIL_PM], 1);
    ck_assert_double_eq(s->units[5].capacity, 5);
    ck_assert_double_eq(s->units[5].ef[CURTAIL_SO2], 2);
    assert_pos(s->units[5].pos[CU_UF_CAPACITY], 7, 73); /* the anchored text in item d */
    ck_assert_double_eq(s->ratios[CURTAIL_YELLOW][CURTAIL_PM], 0.1);
    curtail_scenario_free(s);

    /* the alias limit counts the nodes of the items already dropped */
    len = (size_t)snprintf(yaml, sizeof yaml,
                           "curtail: 1\nenterprises:\n  - {id: a, industry: other, units: [{id: "
                           "u1, kind: other, capacity: 1, ef: &f [1, 2, 3, 4, 5, 6, 7, 8]}]}\n");
    for (i = 1; i <= 20; i++)
        len += (size_t)snprintf(yaml + len, sizeof yaml - len,
                                "  - {id: b%d, industry: other, units: [{id: u1, kind: other, "
                                "capacity: 1, ef: {PM: 1}}]}\n",
                                i);
    for (i = 0; i < 30; i++)
        len += (size_t)snprintf(yaml + len, sizeof yaml - len,
                                "  - [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f, *f, *f, *f, *f, *f, "
                                "*f, *f, *f, *f, *f]\n");
    ck_assert_uint_lt(len, sizeof yaml);
    expect_error(yaml, "t.yaml:47:26: error: aliases expand to more than 10 times the document's "
                       "419 nodes");
}
END_TEST

START_TEST(test_load_alloc_failure)
{
    /* every allocation failing in turn: ENOMEM (or success), never a crash or a leak */
    curtail_mem mem = {count_calloc, count_realloc, count_free, NULL};
    curtail_load_options opts = CURTAIL_LOAD_OPTIONS_INIT;
    long n, total;
    counting c = {0, 0, 0};
    curtail_scenario *s = NULL;
    curtail_error err;
    mem.ctx = &c;
    opts.mem = &mem;
    ck_assert_int_eq(
        curtail_scenario_load_buffer(&s, full_yaml, strlen(full_yaml), "t.yaml", &opts, &err),
        CURTAIL_OK);
    curtail_scenario_free(s);
    total = c.calls;
    for (n = 1; n <= total; n++) {
        int rc;
        c.live = 0;
        c.calls = 0;
        c.fail_at = n;
        s = NULL;
        rc = curtail_scenario_load_buffer(&s, full_yaml, strlen(full_yaml), "t.yaml", &opts, &err);
        ck_assert_msg(rc == CURTAIL_ENOMEM || rc == CURTAIL_OK,
                      "allocation %ld failing gave %d: %s", n, rc, err.message);
        if (rc == CURTAIL_OK)
            curtail_scenario_free(s);
        else
            ck_assert_ptr_null(s);
        ck_assert_msg(c.live == 0, "allocation %ld failing leaks %ld blocks", n, c.live);
    }
}
END_TEST

/* ---- limits ------------------------------------------------------------------------- */

/* "x: " then `n` nested flow sequences. */
static char *nested(int n)
{
    char *buf = malloc((size_t)n * 2 + 64);
    int i;
    ck_assert_ptr_nonnull(buf);
    strcpy(buf, "curtail: 1\nx: ");
    for (i = 0; i < n; i++)
        strcat(buf, "[");
    for (i = 0; i < n; i++)
        strcat(buf, "]");
    strcat(buf, "\n");
    return buf;
}

START_TEST(test_load_limit_depth)
{
    char *ok = nested(63), *deep = nested(64);
    char want[1024];
    int i;
    /* 63 sequences under the root mapping are 64 levels: parsed, then refused by the schema */
    expect_error(ok, "t.yaml:2:1: error: x: unknown key \"x\", expected one of: curtail, name, "
                     "lang, season, targets, extra, builtin_policy, policy, enterprises, episode, note, compiled_by, variants, transport_factors");
    /* the 64th sequence is one level too many; the error names its path */
    strcpy(want, "t.yaml:2:67: error: x");
    for (i = 0; i < 63; i++)
        strcat(want, "[0]");
    strcat(want, ": nesting deeper than 64 levels");
    expect_error(deep, want);
    free(ok);
    free(deep);
}
END_TEST

START_TEST(test_load_limit_depth_through_alias)
{
    /* an alias may not carry a deep node below a deep place */
    char *buf = malloc(4096);
    int i;
    ck_assert_ptr_nonnull(buf);
    strcpy(buf, "curtail: 1\na: &deep ");
    for (i = 0; i < 40; i++)
        strcat(buf, "[");
    for (i = 0; i < 40; i++)
        strcat(buf, "]");
    strcat(buf, "\nb: ");
    for (i = 0; i < 30; i++)
        strcat(buf, "[");
    strcat(buf, "*deep");
    for (i = 0; i < 30; i++)
        strcat(buf, "]");
    strcat(buf, "\n");
    {
        char want[1024] = "t.yaml:3:34: error: b";
        for (i = 0; i < 30; i++)
            strcat(want, "[0]");
        strcat(want, ": nesting deeper than 64 levels (through alias *deep)");
        expect_error(buf, want);
    }
    free(buf);
}
END_TEST

START_TEST(test_load_limit_alias_bomb)
{
    /* 17 nodes of its own; *a expands to 11 nodes, *b to 111: the first *b crosses 170 */
    expect_error("a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                 "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                 "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
                 "t.yaml:3:8: error: aliases expand to more than 10 times the document's 17 nodes");
}
END_TEST

START_TEST(test_load_limit_alias_billion_laughs)
{
    /* nine levels of ten: 10^9 nodes if expanded; refused at once */
    char buf[4096];
    int lvl, i;
    curtail_scenario *s = NULL;
    curtail_error err;
    strcpy(buf, "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (lvl = 1; lvl < 9; lvl++) {
        char line[256];
        snprintf(line, sizeof line, "l%d: &l%d [", lvl, lvl);
        strcat(buf, line);
        for (i = 0; i < 10; i++) {
            snprintf(line, sizeof line, "%s*l%d", i ? ", " : "", lvl - 1);
            strcat(buf, line);
        }
        strcat(buf, "]\n");
    }
    ck_assert_int_eq(curtail_scenario_load_buffer(&s, buf, strlen(buf), "t.yaml", NULL, &err),
                     CURTAIL_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.message, "aliases expand to more than 10 times"));
    ck_assert_int_eq(err.line, 3);
}
END_TEST

START_TEST(test_load_limit_recursive_alias)
{
    expect_error("curtail: 1\na: &a [1, *a]\n",
                 "t.yaml:2:11: error: a[1]: alias *a refers to a node that contains it");
}
END_TEST

START_TEST(test_load_limit_string)
{
    size_t n = CU_MAX_STRING;
    char *yaml = malloc(n + 200);
    curtail_scenario *s;
    ck_assert_ptr_nonnull(yaml);
    /* 4096 bytes: the limit itself is fine */
    strcpy(yaml, "curtail: 1\nenterprises: []\nname: ");
    memset(yaml + strlen(yaml), 'x', n);
    strcpy(yaml + strlen("curtail: 1\nenterprises: []\nname: ") + n, "\n");
    s = load_ok(yaml);
    ck_assert_uint_eq(strlen(curtail_scenario_name(s)), n);
    curtail_scenario_free(s);
    /* 4097 bytes are not, keys included (libyaml itself limits simple keys to 1024) */
    strcpy(yaml, "curtail: 1\nenterprises: []\nname: ");
    memset(yaml + strlen(yaml), 'x', n + 1);
    strcpy(yaml + strlen("curtail: 1\nenterprises: []\nname: ") + n + 1, "\n");
    expect_error(yaml,
                 "t.yaml:3:7: error: name: string of 4097 bytes is longer than the limit of 4096");
    strcpy(yaml, "curtail: 1\n? ");
    memset(yaml + strlen(yaml), 'k', n + 1);
    strcpy(yaml + strlen("curtail: 1\n? ") + n + 1, "\n: 1\n");
    expect_error(yaml, "t.yaml:2:3: error: string of 4097 bytes is longer than the limit of 4096");
    free(yaml);
}
END_TEST

START_TEST(test_load_limit_file_size)
{
    /* refused before a byte is read: the buffer's length alone decides */
    char dummy[1] = {'c'};
    char *dir = tu_tmpdir();
    char path[512];
    FILE *f;
    curtail_scenario *s = NULL;
    curtail_error err;
    char line[2048];
    expect_error_n(dummy, CU_MAX_FILE_BYTES + 1, CURTAIL_EINPUT,
                   "t.yaml: error: input of 1073741825 bytes is larger than the limit of 1 GiB");
    /* a sparse file one byte over the limit */
    ck_assert_ptr_nonnull(dir);
    snprintf(path, sizeof path, "%s/big.yaml", dir);
    f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fclose(f);
    ck_assert_int_eq(truncate(path, (off_t)CU_MAX_FILE_BYTES + 1), 0);
    ck_assert_int_eq(curtail_scenario_load_file(&s, path, NULL, &err), CURTAIL_EINPUT);
    curtail_error_format(&err, line, sizeof line);
    ck_assert_ptr_nonnull(strstr(line, "big.yaml: error: input is larger than the limit of 1 GiB"));
    unlink(path);
    rmdir(dir);
    free(dir);
}
END_TEST

START_TEST(test_load_limit_many_keys)
{
    /* a duplicate among many keys (the hashed check) */
    char *buf = malloc(100 * 16 + 64);
    int i;
    ck_assert_ptr_nonnull(buf);
    strcpy(buf, "curtail: 1\nx: {");
    for (i = 0; i < 100; i++) {
        char k[32];
        snprintf(k, sizeof k, "%sk%d: 1", i ? ", " : "", i == 70 ? 7 : i);
        strcat(buf, k);
    }
    strcat(buf, "}\n");
    expect_error(buf,
                 "t.yaml:2:555: error: x.k7: duplicate key \"k7\" (first at line 2, column 54)");
    free(buf);
}
END_TEST

static Suite *load_suite(void)
{
    Suite *s = suite_create("load");
    TCase *core = tcase_create("core");
    TCase *errors = tcase_create("errors");
    TCase *limits = tcase_create("limits");

    tcase_add_test(core, test_load_settings);
    tcase_add_test(core, test_load_rules);
    tcase_add_test(core, test_load_enterprises);
    tcase_add_test(core, test_load_units);
    tcase_add_test(core, test_load_episode);
    tcase_add_test(core, test_load_defaults);
    tcase_add_test(core, test_load_episode_defaults);
    tcase_add_test(core, test_load_aliases);
    tcase_add_test(core, test_load_aliases_many_and_redefined);
    tcase_add_test(core, test_load_streamed_aliases);
    tcase_add_test(core, test_load_scalar_forms);
    tcase_add_test(core, test_load_bom_crlf);
    tcase_add_test(core, test_load_locale_independent);
    tcase_add_test(core, test_load_file);
    tcase_add_test(core, test_load_allocator);
    tcase_add_test(core, test_load_builtin_table);
    suite_add_tcase(s, core);

    tcase_add_test(errors, test_load_policy_parse_errors);
    tcase_add_test(errors, test_load_unknown_key);
    tcase_add_test(errors, test_load_duplicate_key);
    tcase_add_test(errors, test_load_wrong_type);
    tcase_add_test(errors, test_load_core_booleans);
    tcase_add_test(errors, test_load_id_not_bool_or_null);
    tcase_add_test(errors, test_load_nonfinite);
    tcase_add_test(errors, test_load_out_of_range);
    tcase_add_test(errors, test_load_words);
    tcase_add_test(errors, test_load_rule_errors);
    tcase_add_test(errors, test_load_invalid_utf8);
    tcase_add_test(errors, test_load_duplicate_id);
    tcase_add_test(errors, test_load_dangling_reference);
    tcase_add_test(errors, test_load_version);
    tcase_add_test(errors, test_load_second_document);
    tcase_add_test(errors, test_load_yaml_syntax);
    tcase_add_test(errors, test_load_merge_key);
    tcase_add_test(errors, test_load_missing_key);
    tcase_add_test(errors, test_load_episode_errors);
    tcase_add_test(errors, test_load_one_line_messages);
    tcase_add_test(errors, test_load_escaped_control_characters);
    tcase_add_test(errors, test_load_escaped_whitespace_allowed);
    tcase_add_test(errors, test_load_tag_contradicts_value);
    tcase_add_test(errors, test_load_tag_agrees);
    tcase_add_test(errors, test_load_bad_arguments);
    tcase_add_test(errors, test_load_streamed_error_order);
    tcase_add_test(errors, test_load_alloc_failure);
    tcase_set_timeout(errors, 60);
    suite_add_tcase(s, errors);

    tcase_add_test(limits, test_load_limit_depth);
    tcase_add_test(limits, test_load_limit_depth_through_alias);
    tcase_add_test(limits, test_load_limit_alias_bomb);
    tcase_add_test(limits, test_load_limit_alias_billion_laughs);
    tcase_add_test(limits, test_load_limit_recursive_alias);
    tcase_add_test(limits, test_load_limit_string);
    tcase_add_test(limits, test_load_limit_file_size);
    tcase_add_test(limits, test_load_limit_many_keys);
    suite_add_tcase(s, limits);
    return s;
}

int main(void)
{
    int failed;
    SRunner *sr = srunner_create(load_suite());
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
