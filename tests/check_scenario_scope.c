/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_scenario_scope.c — where and when rules apply (issue 10): zone tags
 * and towns (specificity, "any of" matching, the memo), seasons (the
 * ozone-season built-in set, the episode's season over the scenario's, the
 * heating season unchanged), the builder API, and the loader's errors. */
#define _GNU_SOURCE /* open_memstream */
#include "internal.h"
#include "policy.h" /* white-box: the rule each unit gets */
#include "rule_schema.h"
#include "scenario.h"
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOL 1e-12

static curtail_scenario *load(const char *yaml)
{
    return tu_load_yaml(yaml, "t.yaml");
}

/* The one-line error of a scenario that must not load. */
static void expect_error(const char *yaml, const char *want)
{
    curtail_scenario *s = NULL;
    curtail_error err;
    char line[2048];
    int rc = curtail_scenario_load_buffer(&s, yaml, strlen(yaml), "t.yaml", NULL, &err);
    ck_assert_int_eq(rc, CURTAIL_EINPUT);
    ck_assert_ptr_null(s);
    curtail_error_format(&err, line, sizeof line);
    ck_assert_str_eq(line, want);
}

static cu_groups *groups(const curtail_scenario *s)
{
    cu_groups *g = NULL;
    curtail_error err;
    ck_assert_int_eq(cu_groups_build(s, &g, &err), CURTAIL_OK);
    return g;
}

static const cu_unit_level *ul(const cu_groups *g, size_t u, int L)
{
    return &g->ul[u * CU_NL + L];
}

/* The plan's load of unit u at level L. */
static double plan_load(const curtail_result *r, int L, size_t u)
{
    curtail_unit_result ur;
    curtail_error err;
    ck_assert_int_eq(curtail_result_unit(r, (curtail_level)L, u, &ur, &err), CURTAIL_OK);
    return ur.load;
}

static char *plan_json(const curtail_scenario *s)
{
    curtail_write_options o = CURTAIL_WRITE_OPTIONS_INIT;
    curtail_result *r = NULL;
    curtail_error err;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(curtail_plan_solve(s, NULL, &r, &err), CURTAIL_OK);
    o.format = CURTAIL_FORMAT_JSON;
    ck_assert_int_eq(curtail_result_write_stream(r, &o, fp, &err), CURTAIL_OK);
    fclose(fp);
    curtail_result_free(r);
    return buf;
}

/* Two C-grade chemical reactors (base load 0.8), one of them in the 20 km
 * zone of the urban area; nothing is cut beyond its rule (extra.grades []),
 * so every load is its rule's bound. */
#define ZONE_HEAD                                                                             \
    "curtail: 1\n"                                                                            \
    "extra: {grades: []}\n"                                                                   \
    "policy:\n"                                                                               \
    "  - {industry: chemical, grades: [C], levels: [yellow, orange, red], zones: [urban_20km], " \
    "cut: 0.5}\n"                                                                             \
    "  - {industry: chemical, grades: [C], levels: [yellow], cut: 0.15}\n"
#define ZONE_ENTS                                                                             \
    "enterprises:\n"                                                                          \
    "  - {id: near, town: 王桥镇, zones: [park, urban_20km], industry: chemical, grade: C,\n"  \
    "     units: [{id: r, kind: reactor, capacity: 100, base_load: 0.8, ef: {VOCs: 1}}]}\n"   \
    "  - {id: far, town: 古韩镇, industry: chemical, grade: C,\n"                             \
    "     units: [{id: r, kind: reactor, capacity: 100, base_load: 0.8, ef: {VOCs: 1}}]}\n"

/* ---- core: zones and towns --------------------------------------------------------- */

START_TEST(test_scope_zone_rule_beats_general)
{
    /* the zone rule has 4 keys: it beats the built-in 3-key cuts and the
     * scenario's later 3-key yellow cut; the plant outside the zone gets them.
     * Hand-checked loads: near 0.8 x (1 - 0.5) = 0.4 at every level; far
     * 0.8 x 0.85 = 0.68 (the scenario's yellow rule wins the tie with the
     * built-in 10 %), 0.8 x 0.8 = 0.64 at orange, 0.8 x 0.7 = 0.56 at red. */
    curtail_scenario *s = load(ZONE_HEAD ZONE_ENTS);
    cu_groups *g = groups(s);
    curtail_result *r = NULL;
    curtail_error err;
    int L;
    for (L = 0; L < CU_NL; L++) {
        ck_assert_int_eq(ul(g, 0, L)->rule->builtin, 0);
        ck_assert_uint_eq(ul(g, 0, L)->rule->index, 0);
        ck_assert_double_eq_tol(ul(g, 0, L)->hi, 0.4, TOL);
    }
    ck_assert_uint_eq(ul(g, 1, CURTAIL_YELLOW)->rule->index, 1);
    ck_assert_int_eq(ul(g, 1, CURTAIL_ORANGE)->rule->builtin, 1);
    ck_assert_int_eq(ul(g, 1, CURTAIL_RED)->rule->builtin, 1);
    ck_assert_int_eq(curtail_plan_solve(s, NULL, &r, &err), CURTAIL_OK);
    ck_assert_double_eq_tol(plan_load(r, CURTAIL_YELLOW, 0), 0.4, TOL);
    ck_assert_double_eq_tol(plan_load(r, CURTAIL_RED, 0), 0.4, TOL);
    ck_assert_double_eq_tol(plan_load(r, CURTAIL_YELLOW, 1), 0.68, TOL);
    ck_assert_double_eq_tol(plan_load(r, CURTAIL_ORANGE, 1), 0.64, TOL);
    ck_assert_double_eq_tol(plan_load(r, CURTAIL_RED, 1), 0.56, TOL);
    curtail_result_free(r);
    cu_groups_free(g);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_scope_town_rule)
{
    /* towns: the enterprise's town is one of them; zones + towns count two
     * keys (5), so that rule beats the zone rule (4) for the plant in both */
    curtail_scenario *s = load(ZONE_HEAD
        "  - {industry: chemical, grades: [C], levels: [red], towns: [古韩镇], stop: true}\n"
        "  - {industry: chemical, grades: [C], levels: [red], towns: [古韩镇, 王桥镇],\n"
        "     zones: [urban_20km], max_load: 0.1}\n"
        ZONE_ENTS
        "  - {id: none, industry: chemical, grade: C,\n"
        "     units: [{id: r, kind: reactor, capacity: 100, base_load: 0.8, ef: {VOCs: 1}}]}\n");
    cu_groups *g = groups(s);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_RED)->hi, 0.1, TOL);     /* town + zone */
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_ORANGE)->hi, 0.4, TOL);  /* zone */
    ck_assert_int_eq(ul(g, 1, CURTAIL_RED)->measure, CURTAIL_MEASURE_STOP); /* town */
    ck_assert_double_eq_tol(ul(g, 1, CURTAIL_ORANGE)->hi, 0.64, TOL); /* no zone: built-in */
    ck_assert_int_eq(ul(g, 2, CURTAIL_RED)->measure, CURTAIL_MEASURE_CUT); /* no town */
    ck_assert_double_eq_tol(ul(g, 2, CURTAIL_RED)->hi, 0.56, TOL);
    cu_groups_free(g);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_scope_zones_match_any)
{
    /* a rule's zones: the enterprise carries any of them */
    curtail_scenario *s = load("curtail: 1\n"
        "policy:\n"
        "  - {industry: other, grades: [C], levels: [red], zones: [a, b], max_load: 0.3}\n"
        "enterprises:\n"
        "  - {id: x, zones: [b], industry: other, grade: C, units: [{id: u, kind: other, capacity: 1, ef: {PM: 1}}]}\n"
        "  - {id: y, zones: [c], industry: other, grade: C, units: [{id: u, kind: other, capacity: 1, ef: {PM: 1}}]}\n"
        "  - {id: z, zones: [], industry: other, grade: C, units: [{id: u, kind: other, capacity: 1, ef: {PM: 1}}]}\n");
    cu_groups *g = groups(s);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_RED)->hi, 0.3, TOL);
    ck_assert_double_eq_tol(ul(g, 1, CURTAIL_RED)->hi, 0.7, TOL); /* built-in 30 % */
    ck_assert_double_eq_tol(ul(g, 2, CURTAIL_RED)->hi, 0.7, TOL);
    /* the tags read back in the order the scenario first named them (the
     * enterprises are read while the file is parsed, before the policy) */
    ck_assert_uint_eq(curtail_scenario_zone_count(s, 0), 1);
    ck_assert_str_eq(curtail_scenario_zone(s, 0, 0), "b");
    ck_assert_str_eq(curtail_scenario_zone(s, 1, 0), "c");
    ck_assert_uint_eq(curtail_scenario_zone_count(s, 2), 0);
    ck_assert_ptr_null(curtail_scenario_zone(s, 0, 1));
    ck_assert_ptr_null(curtail_scenario_zone(s, 9, 0));
    cu_groups_free(g);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_scope_memo_tells_zones_apart)
{
    /* over 64 units the rules are memoised per kind of unit: zone tags and
     * towns some rule names are part of the key, others are not */
    char yaml[65536];
    size_t len = 0;
    int i;
    curtail_scenario *s;
    cu_groups *g;
    len += (size_t)snprintf(yaml + len, sizeof yaml - len, "curtail: 1\npolicy:\n"
        "  - {industry: other, grades: [D], levels: [red], zones: [near], max_load: 0.25}\n"
        "  - {industry: other, grades: [D], levels: [red], towns: [T1], max_load: 0.35}\n"
        "enterprises:\n");
    for (i = 0; i < 80; i++)
        len += (size_t)snprintf(yaml + len, sizeof yaml - len,
            "  - {id: e%d, town: T%d, zones: [%s], industry: other, grade: D, units: [{id: u, kind: other, capacity: 1, ef: {PM: 1}}]}\n",
            i, i % 3, i % 4 == 0 ? "near" : i % 4 == 1 ? "far" : i % 4 == 2 ? "near, far" : "");
    ck_assert_uint_lt(len, sizeof yaml);
    s = load(yaml);
    g = groups(s);
    for (i = 0; i < 80; i++) {
        /* both rules have 4 keys: in T1 the town rule, written later, wins */
        int near = i % 4 == 0 || i % 4 == 2;
        double want = i % 3 == 1 ? 0.35 : near ? 0.25 : 0.5; /* built-in D red: 50 % */
        ck_assert_msg(ul(g, (size_t)i, CURTAIL_RED)->hi == want, "e%d: %g, want %g", i,
                      ul(g, (size_t)i, CURTAIL_RED)->hi, want);
    }
    cu_groups_free(g);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_scope_unknown_place_warns)
{
    /* a rule's tag or town that no enterprise has is most likely a typo */
    curtail_scenario *s = load("curtail: 1\n"
        "policy:\n"
        "  - {industry: other, grades: [C], levels: [red], zones: [urban_20k, urban_20km], towns: [甲镇], stop: true}\n"
        "enterprises:\n"
        "  - {id: e, town: 乙镇, zones: [urban_20km], industry: other, grade: C, units: [{id: u, kind: other, capacity: 1, ef: {PM: 1}}]}\n");
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 2);
    ck_assert_str_eq(curtail_scenario_warning(s, 0),
                     "t.yaml:3:5: warning: policy[0].zones: no enterprise carries the zone tag urban_20k");
    ck_assert_str_eq(curtail_scenario_warning(s, 1),
                     "t.yaml:3:5: warning: policy[0].towns: no enterprise is in the town 甲镇");
    ck_assert_str_eq(curtail_scenario_warning_text(s, 1, CURTAIL_LANG_ZH),
                     "t.yaml:3:5: 警告: policy[0].towns: 没有企业位于乡镇 甲镇");
    curtail_scenario_free(s);
}
END_TEST

/* ---- core: seasons ----------------------------------------------------------------- */

/* A B-grade 5.5 m dry-quenched battery (22 h, base load 0.95) and a C-grade
 * batch reactor. */
#define SEASON_ENTS                                                                           \
    "extra: {grades: []}\n"                                                                   \
    "targets: {ratios: {yellow: {VOCs: 0.1}, orange: {VOCs: 0.2}, red: {VOCs: 0.3}}}\n"      \
    "enterprises:\n"                                                                          \
    "  - {id: hx, industry: coking, grade: B, units: [\n"                                     \
    "      {id: oven, kind: coke_oven, capacity: 1000, base_load: 0.95, value: 300,\n"       \
    "       coke_oven: {height_m: 5.5, quenching: dry, coking_time_h: 22}, ef: {NOx: 0.6}}]}\n" \
    "  - {id: ch, industry: chemical, grade: C, units: [\n"                                   \
    "      {id: b, kind: batch, capacity: 10, ef: {VOCs: 2}}]}\n"
#define SEASON_EPISODE(season)                                                                \
    "episode:\n"                                                                              \
    "  start: 2023-07-10T00:00\n"                                                             \
    "  hours: 48\n"                                                                           \
    "  season: " season "\n"                                                                  \
    "  timeline:\n"                                                                           \
    "    - {level: yellow, from: 2023-07-10T00:00, to: 2023-07-11T00:00}\n"                   \
    "    - {level: orange, from: 2023-07-11T00:00, to: 2023-07-12T00:00}\n"                   \
    "  ozone: {window: \"10:00-18:00\"}\n"

START_TEST(test_scope_heating_rules_by_default)
{
    /* no season, heating and other: today's rules (B oven 36 h at orange and
     * red; C batch stopped at every level) */
    static const char *const heads[] = {"curtail: 1\n", "curtail: 1\nseason: heating\n",
                                        "curtail: 1\nseason: other\n"};
    size_t i;
    for (i = 0; i < 3; i++) {
        char yaml[4096];
        curtail_scenario *s;
        cu_groups *g;
        snprintf(yaml, sizeof yaml, "%s%s", heads[i], SEASON_ENTS);
        s = load(yaml);
        g = groups(s);
        ck_assert_int_eq(curtail_scenario_season(s),
                         i == 2 ? CURTAIL_SEASON_OTHER : CURTAIL_SEASON_HEATING);
        ck_assert_int_eq(ul(g, 0, CURTAIL_YELLOW)->measure, CURTAIL_MEASURE_NONE);
        ck_assert_int_eq(ul(g, 0, CURTAIL_ORANGE)->measure, CURTAIL_MEASURE_COKING_TIME);
        ck_assert_double_eq_tol(ul(g, 0, CURTAIL_ORANGE)->hi, 0.95 * 22 / 36, TOL);
        ck_assert_uint_eq(ul(g, 0, CURTAIL_ORANGE)->rule->index, 2); /* 内置规则表第3条 */
        ck_assert_int_eq(ul(g, 1, CURTAIL_YELLOW)->measure, CURTAIL_MEASURE_STOP);
        cu_groups_free(g);
        curtail_scenario_free(s);
    }
}
END_TEST

START_TEST(test_scope_ozone_season_uses_ozone_rules)
{
    /* season: ozone on the scenario: the B oven keeps its base load at every
     * level (no coking-time extension), the C batch reactor staggers at
     * yellow and orange (10 %, 20 % cuts) and stops all day only at red */
    curtail_scenario *s = load("curtail: 1\nseason: ozone\n" SEASON_ENTS);
    cu_groups *g = groups(s);
    int L;
    ck_assert_int_eq(curtail_scenario_season(s), CURTAIL_SEASON_OZONE);
    for (L = 0; L < CU_NL; L++) {
        ck_assert_int_eq(ul(g, 0, L)->measure, CURTAIL_MEASURE_NONE);
        ck_assert_double_eq_tol(ul(g, 0, L)->hi, 0.95, TOL);
        ck_assert_uint_eq(ul(g, 0, L)->rule->seasons, 1u << CURTAIL_SEASON_OZONE);
    }
    ck_assert_int_eq(ul(g, 1, CURTAIL_YELLOW)->measure, CURTAIL_MEASURE_CUT);
    ck_assert_double_eq_tol(ul(g, 1, CURTAIL_YELLOW)->hi, 0.9, TOL);
    ck_assert_double_eq_tol(ul(g, 1, CURTAIL_ORANGE)->hi, 0.8, TOL);
    ck_assert_int_eq(ul(g, 1, CURTAIL_RED)->measure, CURTAIL_MEASURE_STOP);
    cu_groups_free(g);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_scope_ozone_episode_overrides_scenario)
{
    /* the episode's season overrides the scenario's for the whole file: the
     * schedule's B oven runs at its base load in every hour, the ozone window
     * stops the batch reactor 10:00-18:00; `plan` of the same file is the
     * same ozone-season list */
    curtail_scenario *s = load("curtail: 1\nseason: heating\n" SEASON_ENTS SEASON_EPISODE("ozone"));
    curtail_result *r = NULL, *p = NULL;
    curtail_error err;
    const double *oven, *batch;
    size_t t;
    ck_assert_int_eq(curtail_scenario_season(s), CURTAIL_SEASON_OZONE);
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 1);
    ck_assert_str_eq(curtail_scenario_warning(s, 0),
                     "t.yaml:12:3: warning: episode.season: the episode's season ozone overrides "
                     "the scenario's heating: the list of this file (plan and schedule) is the "
                     "ozone-season list");
    ck_assert_str_eq(curtail_scenario_warning_text(s, 0, CURTAIL_LANG_ZH),
                     "t.yaml:12:3: 警告: episode.season: 预警过程的季节（臭氧季）取代方案的季节"
                     "（采暖季）：本文件的清单（plan 与 schedule）按臭氧季措施编制");
    ck_assert_int_eq(curtail_schedule_solve(s, NULL, &r, &err), CURTAIL_OK);
    oven = curtail_result_unit_loads(r, 0);
    batch = curtail_result_unit_loads(r, 1);
    for (t = 0; t < 48; t++) {
        int window = t % 24 >= 10 && t % 24 < 18;
        ck_assert_msg(oven[t] == 0.95, "hour %zu: oven at %g", t, oven[t]);
        if (window)
            ck_assert_double_eq_tol(batch[t], 0.0, TOL);
        else
            /* min(c, x·24/16): the rule's cap c = x (0.9, 0.8) */
            ck_assert_double_eq_tol(batch[t], t < 24 ? 0.9 : 0.8, TOL);
    }
    ck_assert_int_eq(curtail_plan_solve(s, NULL, &p, &err), CURTAIL_OK);
    ck_assert_double_eq_tol(plan_load(p, CURTAIL_ORANGE, 0), 0.95, TOL);
    curtail_result_free(p);
    curtail_result_free(r);
    curtail_scenario_free(s);
    /* and the other way round: a heating episode in an ozone-season scenario */
    s = load("curtail: 1\nseason: ozone\n" SEASON_ENTS SEASON_EPISODE("heating"));
    ck_assert_int_eq(curtail_scenario_season(s), CURTAIL_SEASON_HEATING);
    ck_assert_int_eq(curtail_plan_solve(s, NULL, &p, &err), CURTAIL_OK);
    ck_assert_double_eq_tol(plan_load(p, CURTAIL_ORANGE, 0), 0.95 * 22 / 36, TOL);
    curtail_result_free(p);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_scope_builtin_table_seasons)
{
    /* the table's rules without seasons are heating/other (default_seasons);
     * the ozone set follows them, every rule of it marked ozone; the transport
     * rules close the table */
    cu_rule *rules = NULL;
    size_t n = 0, i, heating = 0, ozone = 0, transport = 0;
    curtail_error err;
    const char *text = curtail_policy_default_yaml();
    ck_assert_int_eq(cu_policy_parse(NULL, text, strlen(text), "policy_default.yaml", NULL,
                                     &rules, &n, &err),
                     CURTAIL_OK);
    for (i = 0; i < n; i++) {
        if (!rules[i].r.has_measure) {
            /* the transport-only rules close the table and apply in every season */
            ck_assert_uint_eq(rules[i].seasons, (1u << CURTAIL_SEASON_HEATING) |
                                                    (1u << CURTAIL_SEASON_OZONE) |
                                                    (1u << CURTAIL_SEASON_OTHER));
            transport++;
        } else if (rules[i].seasons ==
                   ((1u << CURTAIL_SEASON_HEATING) | (1u << CURTAIL_SEASON_OTHER))) {
            ck_assert_uint_eq(ozone, 0); /* the heating rules come first */
            heating++;
        } else {
            ck_assert_uint_eq(transport, 0);
            ck_assert_uint_eq(rules[i].seasons, 1u << CURTAIL_SEASON_OZONE);
            ozone++;
        }
        ck_assert(rules[i].zones == 0 && rules[i].towns == 0);
    }
    ck_assert_uint_eq(heating, 42);
    ck_assert_uint_eq(ozone, 41);
    ck_assert_uint_eq(transport, 24);
    cu_free(NULL, rules);
}
END_TEST

START_TEST(test_scope_heating_output_unchanged)
{
    /* `season: heating` written out gives the bytes of a file without it */
    char *text = NULL, *with, *a, *b;
    size_t len = 0;
    FILE *fp;
    curtail_scenario *s1, *s2;
    fp = fopen(CURTAIL_TEST_DATA "/golden/plan.yaml", "rb");
    ck_assert_ptr_nonnull(fp);
    text = calloc(1, 1 << 20);
    len = fread(text, 1, (1 << 20) - 1, fp);
    fclose(fp);
    ck_assert_uint_gt(len, 100);
    /* at the end, so the warnings' line numbers stay */
    ck_assert(text[len - 1] == '\n');
    with = calloc(1, len + 64);
    memcpy(with, text, len);
    strcat(with, "season: heating\n");
    s1 = load(text);
    s2 = load(with);
    a = plan_json(s1);
    b = plan_json(s2);
    ck_assert_str_eq(a, b);
    free(a);
    free(b);
    curtail_scenario_free(s1);
    curtail_scenario_free(s2);
    free(with);
    free(text);
}
END_TEST

/* ---- core: the builder API and copies ---------------------------------------------- */

START_TEST(test_scope_builder_and_clone)
{
    curtail_scenario *s = NULL, *c = NULL;
    curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
    curtail_unit_spec u = CURTAIL_UNIT_SPEC_INIT;
    curtail_rule rule = CURTAIL_RULE_INIT;
    curtail_rule_scope scope = CURTAIL_RULE_SCOPE_INIT;
    static const char *const zones[] = {"urban_20km"};
    static const char *const towns[] = {"王桥镇"};
    static const char *const bad[] = {"20km"};
    curtail_error err;
    cu_groups *g;
    ck_assert_int_eq(curtail_scenario_new(&s, NULL, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_set_zones(s, zones, 1, &err), CURTAIL_EINVAL);
    e.id = "near";
    e.town = "王桥镇";
    e.industry = CURTAIL_OTHER_INDUSTRY;
    e.grade = CURTAIL_GRADE_C;
    ck_assert_int_eq(curtail_scenario_add_enterprise(s, &e, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_set_zones(s, bad, 1, &err), CURTAIL_EINPUT);
    ck_assert_str_eq(err.path, "zones[0]");
    ck_assert_int_eq(curtail_scenario_set_zones(s, zones, 1, &err), CURTAIL_OK);
    u.id = "u";
    u.kind = CURTAIL_KIND_OTHER;
    u.capacity = 10;
    u.has_ef = 1;
    u.ef[CURTAIL_PM] = 1;
    ck_assert_int_eq(curtail_scenario_add_unit(s, &u, &err), CURTAIL_OK);
    rule.industry = CURTAIL_OTHER_INDUSTRY;
    rule.grades = 1u << CURTAIL_GRADE_C;
    rule.levels = 1u << CURTAIL_RED;
    rule.measure = CURTAIL_MEASURE_MAX_LOAD;
    rule.value = 0.2;
    scope.zones = zones;
    scope.nzones = 1;
    scope.towns = towns;
    scope.ntowns = 1;
    scope.seasons = 1u << CURTAIL_SEASON_OZONE;
    ck_assert_int_eq(curtail_scenario_add_rule_scoped(s, &rule, &scope, &err), CURTAIL_OK);
    scope.seasons = 1u << 7;
    ck_assert_int_eq(curtail_scenario_add_rule_scoped(s, &rule, &scope, &err), CURTAIL_EINPUT);
    ck_assert_str_eq(err.path, "seasons");
    ck_assert_uint_eq(s->nrules, 1);
    ck_assert_int_eq(curtail_scenario_set_episode_season(s, CURTAIL_SEASON_OZONE, &err),
                     CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_scenario_set_season(s, (curtail_season)3, &err), CURTAIL_EINPUT);
    ck_assert_int_eq(curtail_scenario_set_season(s, CURTAIL_SEASON_OZONE, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    g = groups(s);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_RED)->hi, 0.2, TOL);
    cu_groups_free(g);
    /* a clone owns its names and keeps the masks */
    ck_assert_int_eq(curtail_scenario_clone(s, &c, &err), CURTAIL_OK);
    curtail_scenario_free(s);
    ck_assert_str_eq(curtail_scenario_zone(c, 0, 0), "urban_20km");
    g = groups(c);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_RED)->hi, 0.2, TOL);
    cu_groups_free(g);
    /* in the heating season the ozone rule does not apply: built-in 30 % */
    ck_assert_int_eq(curtail_scenario_set_season(c, CURTAIL_SEASON_HEATING, &err), CURTAIL_OK);
    g = groups(c);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_RED)->hi, 0.7, TOL);
    cu_groups_free(g);
    curtail_scenario_free(c);
}
END_TEST

START_TEST(test_scope_policy_override_with_zones)
{
    /* `policy+` reads zones and towns like the file's own rules */
    curtail_scenario *s = load("curtail: 1\n" ZONE_ENTS);
    curtail_error err;
    cu_groups *g;
    ck_assert_int_eq(curtail_scenario_override(s, "policy+",
                         "{industry: chemical, grades: [C], levels: [red], zones: [urban_20km], "
                         "max_load: 0.15}", &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_override(s, "policy+",
                         "{industry: chemical, grades: [C], levels: [red], zones: [9x], "
                         "max_load: 0.15}", &err), CURTAIL_EINPUT);
    ck_assert_str_eq(err.path, "policy+.zones[0]");
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    g = groups(s);
    ck_assert_double_eq_tol(ul(g, 0, CURTAIL_RED)->hi, 0.15, TOL);
    ck_assert_double_eq_tol(ul(g, 1, CURTAIL_RED)->hi, 0.56, TOL);
    cu_groups_free(g);
    curtail_scenario_free(s);
}
END_TEST

/* ---- errors ------------------------------------------------------------------------ */

#define ONE_ENT                                                                               \
    "enterprises:\n"                                                                          \
    "  - {id: e, industry: other, grade: C, units: [{id: u, kind: other, capacity: 1, ef: {PM: 1}}]}\n"

START_TEST(test_scope_errors)
{
    expect_error("curtail: 1\nseason: summer\n" ONE_ENT,
                 "t.yaml:2:9: error: season: unknown season \"summer\", expected one of: "
                 "heating, ozone, other");
    expect_error("curtail: 1\nenterprises:\n"
                 "  - {id: e, zones: [urban_20km, 20km], industry: other, units: []}\n",
                 "t.yaml:3:33: error: enterprises[0].zones[1]: a zone tag is 1 to 64 characters "
                 "of [A-Za-z0-9_], not starting with a digit, got \"20km\"");
    expect_error("curtail: 1\nenterprises:\n"
                 "  - {id: e, zones: [yes_zone, true], industry: other, units: []}\n",
                 "t.yaml:3:31: error: enterprises[0].zones[1]: must be a zone tag, got true");
    expect_error("curtail: 1\npolicy:\n"
                 "  - {industry: other, grades: [C], levels: [red], towns: [[a]], stop: true}\n" ONE_ENT,
                 "t.yaml:3:59: error: policy[0].towns[0]: expected a string, got a list");
    expect_error("curtail: 1\nenterprises:\n"
                 "  - {id: e, zones: urban_20km, industry: other, units: []}\n",
                 "t.yaml:3:20: error: enterprises[0].zones: expected a list of zone tags, got "
                 "\"urban_20km\"");
    expect_error("curtail: 1\nenterprises:\n"
                 "  - {id: e, zones: [a, b, a], industry: other, units: []}\n",
                 "t.yaml:3:27: error: enterprises[0].zones[2]: zone tag a is listed twice");
    expect_error("curtail: 1\npolicy:\n"
                 "  - {industry: other, grades: [C], levels: [red], zones: urban_20km, stop: true}\n" ONE_ENT,
                 "t.yaml:3:58: error: policy[0].zones: expected a list of zone tags, got "
                 "\"urban_20km\"");
    expect_error("curtail: 1\npolicy:\n"
                 "  - {industry: other, grades: [C], levels: [red], zones: [], stop: true}\n" ONE_ENT,
                 "t.yaml:3:58: error: policy[0].zones: must list at least one zone tag");
    expect_error("curtail: 1\npolicy:\n"
                 "  - {industry: other, grades: [C], levels: [red], towns: [甲镇, 甲镇], stop: true}\n" ONE_ENT,
                 "t.yaml:3:63: error: policy[0].towns[1]: town 甲镇 is listed twice");
    expect_error("curtail: 1\npolicy:\n"
                 "  - {industry: other, grades: [C], levels: [red], seasons: [winter], stop: true}\n" ONE_ENT,
                 "t.yaml:3:61: error: policy[0].seasons[0]: unknown season \"winter\", expected "
                 "one of: heating, ozone, other");
    expect_error("curtail: 1\npolicy:\n"
                 "  - {industry: other, grades: [C], levels: [red], seasons: ozone, stop: true}\n" ONE_ENT,
                 "t.yaml:3:60: error: policy[0].seasons: expected a list of seasons, got \"ozone\"");
    expect_error("curtail: 1\n" ONE_ENT
                 "episode: {start: 2023-07-01T00:00, hours: 24, season: summer}\n",
                 "t.yaml:4:55: error: episode.season: unknown season \"summer\", expected one "
                 "of: heating, ozone, other");
}
END_TEST

START_TEST(test_scope_rule_table_refuses_places)
{
    /* a rule table (the built-in one) names no places */
    static const char table[] = "curtail_policy: 1\nrules:\n"
                                "  - {industry: other, grades: [C], levels: [red], towns: [x], stop: true}\n";
    cu_rule *rules = NULL;
    size_t n = 0;
    curtail_error err;
    char line[1024];
    ck_assert_int_eq(cu_policy_parse(NULL, table, strlen(table), "p.yaml", NULL, &rules, &n, &err),
                     CURTAIL_EINPUT);
    curtail_error_format(&err, line, sizeof line);
    ck_assert_str_eq(line, "p.yaml:3:58: error: rules[0].towns: towns are matched only by a "
                           "scenario's own rules, not in a rule table");
}
END_TEST

/* ---- limits ------------------------------------------------------------------------ */

START_TEST(test_scope_at_most_64_zone_tags)
{
    char yaml[16384];
    size_t len = 0;
    int i;
    len += (size_t)snprintf(yaml + len, sizeof yaml - len, "curtail: 1\nenterprises:\n");
    for (i = 0; i < 65; i++)
        len += (size_t)snprintf(yaml + len, sizeof yaml - len,
                                "  - {id: e%d, zones: [z%d], industry: other, units: []}\n", i, i);
    ck_assert_uint_lt(len, sizeof yaml);
    expect_error(yaml, "t.yaml:67:23: error: enterprises[64].zones[0]: a scenario may name at "
                       "most 64 distinct zone tags");
    /* 64 are fine */
    yaml[strlen(yaml) - strlen(strstr(yaml, "  - {id: e64"))] = '\0';
    curtail_scenario_free(load(yaml));
}
END_TEST

static Suite *scope_suite(void)
{
    Suite *s = suite_create("scenario_scope");
    TCase *core = tcase_create("core");
    TCase *errors = tcase_create("errors");
    TCase *limits = tcase_create("limits");
    tcase_add_test(core, test_scope_zone_rule_beats_general);
    tcase_add_test(core, test_scope_town_rule);
    tcase_add_test(core, test_scope_zones_match_any);
    tcase_add_test(core, test_scope_memo_tells_zones_apart);
    tcase_add_test(core, test_scope_unknown_place_warns);
    tcase_add_test(core, test_scope_heating_rules_by_default);
    tcase_add_test(core, test_scope_ozone_season_uses_ozone_rules);
    tcase_add_test(core, test_scope_ozone_episode_overrides_scenario);
    tcase_add_test(core, test_scope_builtin_table_seasons);
    tcase_add_test(core, test_scope_heating_output_unchanged);
    tcase_add_test(core, test_scope_builder_and_clone);
    tcase_add_test(core, test_scope_policy_override_with_zones);
    tcase_add_test(errors, test_scope_errors);
    tcase_add_test(errors, test_scope_rule_table_refuses_places);
    tcase_add_test(limits, test_scope_at_most_64_zone_tags);
    suite_add_tcase(s, core);
    suite_add_tcase(s, errors);
    suite_add_tcase(s, limits);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(scope_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
