/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_override_more.c — overrides and sweeps over the issue-10 keys:
 * season / episode.season, targets.credits_kgpd, targets.combined[i].ratio,
 * transport_factors, an enterprise's trucks_per_day, gate_monitoring and
 * zones, a boiler's ultra_low. Values by hand; warm sweeps against cold ones;
 * errors with the loader's words (the API's path, a variant's FILE:LINE:COL,
 * the CLI's `--set PATH=V: message`).
 */
#include "curtail.h"
#include "testutil.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ASSERT_NEAR(got, want)                                                           \
    ck_assert_double_eq_tol((got), (want), 1e-9 * fmax(1.0, fabs((double)(want))))

static curtail_scenario *load_text(const char *yaml)
{
    return tu_load_yaml(yaml, "case.yaml");
}

static curtail_unit_result unit_of(const curtail_result *r, curtail_level L, const char *ent)
{
    size_t i;
    curtail_unit_result u;
    for (i = 0; i < curtail_result_unit_count(r); i++) {
        ck_assert_int_eq(curtail_result_unit(r, L, i, &u, NULL), CURTAIL_OK);
        if (strcmp(u.enterprise, ent) == 0)
            return u;
    }
    ck_abort_msg("no enterprise %s", ent);
    return u;
}

static curtail_sweep *sweep_run(const curtail_scenario *s, int threads, int cold,
                                const char *const *sets)
{
    curtail_sweep_options o = CURTAIL_SWEEP_OPTIONS_INIT;
    curtail_sweep *w = NULL;
    curtail_error err;
    size_t i;
    int rc;
    o.threads = threads;
    o.cold = cold;
    ck_assert_int_eq(curtail_sweep_new(s, &o, &w, &err), CURTAIL_OK);
    for (i = 0; sets && sets[i]; i++) {
        rc = curtail_sweep_add_set_assign(w, sets[i], &err);
        ck_assert_msg(rc == CURTAIL_OK, "%s: %s: %s", sets[i], err.path, err.message);
    }
    rc = curtail_sweep_run(w, &err);
    ck_assert_msg(rc == CURTAIL_OK, "run: %s", err.message);
    return w;
}

static curtail_sweep_case case_of(const curtail_sweep *w, size_t i)
{
    curtail_sweep_case c;
    c.version = CURTAIL_SWEEP_CASE_VERSION;
    ck_assert_int_eq(curtail_sweep_result(w, i, &c, NULL), CURTAIL_OK);
    return c;
}

static char *table(const curtail_sweep *w)
{
    curtail_sweep_write_options o = CURTAIL_SWEEP_WRITE_OPTIONS_INIT;
    char *out = NULL;
    size_t len = 0;
    curtail_error err;
    o.format = CURTAIL_FORMAT_CSV;
    ck_assert_int_eq(curtail_sweep_write_buffer(w, &o, &out, &len, &err), CURTAIL_OK);
    return out;
}

/* The same sweep warm (one and two threads) and cold: the same bytes. */
static void warm_equals_cold(const curtail_scenario *s, const char *const *sets)
{
    curtail_sweep *warm = sweep_run(s, 1, 0, sets), *warm2 = sweep_run(s, 2, 0, sets);
    curtail_sweep *cold = sweep_run(s, 1, 1, sets);
    char *a = table(warm), *b = table(warm2), *c = table(cold);
    ck_assert_str_eq(a, c);
    ck_assert_str_eq(b, c);
    curtail_buffer_free(a);
    curtail_buffer_free(b);
    curtail_buffer_free(c);
    curtail_sweep_free(warm);
    curtail_sweep_free(warm2);
    curtail_sweep_free(cold);
}

/* ---- credits --------------------------------------------------------------------------- */

/* VOCs only, no rules (lo = min_load, hi = 1), grade C (weight 2):
 *   alpha: cap 100, value 50, ef VOCs 3 -> E 300, wV 10000: 100/3 yuan per kg, all 300 kg
 *   beta:  cap 200, value 30, ef VOCs 2, min_load 0.2 -> E 400, wV 12000: 30 per kg, 320 kg
 * B = 700; orange ratio 0.75 asks 525 kg/d; a credit c asks 525 − c (exact
 * in binary). Beta first: up to 320 kg costs 30 q, beyond 9600 + (q − 320)·100/3.
 * Red keeps at least orange's cuts (levels nest) and asks nothing more, so
 * the objective is twice orange's loss and a kg more at orange costs twice
 * the marginal rate (60, or 200/3). */
static const char vocs_yaml[] =
    "curtail: 1\nname: vocs\nbuiltin_policy: false\n"
    "targets:\n"
    "  ratios: {yellow: {}, orange: {VOCs: 0.75}, red: {}}\n"
    "enterprises:\n"
    "  - id: alpha\n    industry: other\n    grade: C\n    units:\n"
    "      - {id: line, kind: other, capacity: 100, value: 50, ef: {VOCs: 3.0}}\n"
    "  - id: beta\n    industry: other\n    grade: C\n    units:\n"
    "      - {id: line, kind: other, capacity: 200, value: 30, min_load: 0.2, ef: {VOCs: 2.0}}\n";

START_TEST(test_credits_sweep_drops_requirement_exactly)
{
    static const char *const sets[] = {"targets.credits_kgpd.orange.VOCs=0:500:100", NULL};
    curtail_scenario *s = load_text(vocs_yaml);
    curtail_sweep *w;
    size_t i;
    curtail_error err;
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    w = sweep_run(s, 1, 0, sets);
    ck_assert_uint_eq(curtail_sweep_result_count(w), 6);
    for (i = 0; i < 6; i++) {
        curtail_sweep_case c = case_of(w, i);
        const curtail_target *t = &c.levels[CURTAIL_ORANGE].targets[CURTAIL_VOCS];
        double q = 525.0 - 100.0 * (double)i;
        double loss = q <= 320 ? 30 * q : 9600 + (q - 320) * 100.0 / 3.0;
        char want[16];
        snprintf(want, sizeof want, "%zu", 100 * i);
        ck_assert_str_eq(curtail_sweep_result_value(w, i, 0), want);
        ck_assert_int_eq(c.status, CURTAIL_CASE_OPTIMAL);
        ck_assert_double_eq(t->baseline, 700);
        ck_assert_double_eq(t->required, q); /* 525, 425, ..., 25: exactly */
        ASSERT_NEAR(t->achieved, q);
        ASSERT_NEAR(t->shadow_price, q > 320 ? 200.0 / 3.0 : 60.0);
        ASSERT_NEAR(c.levels[CURTAIL_ORANGE].weighted_loss, loss);
        ASSERT_NEAR(c.levels[CURTAIL_RED].weighted_loss, loss);
        ASSERT_NEAR(c.objective, 2 * loss);
    }
    curtail_sweep_free(w);
    /* the fast path (a checked copy per thread, credits reset per case)
     * against copy + check (a no-op `name` set forces it) */
    {
        static const char *const slow[] = {"name=vocs",
                                           "targets.credits_kgpd.orange.VOCs=0:500:100", NULL};
        curtail_sweep *a = sweep_run(s, 2, 0, sets), *b = sweep_run(s, 2, 0, slow);
        for (i = 0; i < 6; i++) {
            curtail_sweep_case ca = case_of(a, i), cb = case_of(b, i);
            ck_assert_double_eq(ca.objective, cb.objective);
            ck_assert_double_eq(ca.levels[CURTAIL_ORANGE].targets[CURTAIL_VOCS].required,
                                cb.levels[CURTAIL_ORANGE].targets[CURTAIL_VOCS].required);
        }
        curtail_sweep_free(a);
        curtail_sweep_free(b);
    }
    warm_equals_cold(s, sets);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_credits_override_forms_and_errors)
{
    curtail_scenario *s = load_text(vocs_yaml);
    curtail_result *r;
    curtail_level_result lr;
    tu_override(s, "targets.credits_kgpd", "{orange: {VOCs: 25, NOx: 3}, red: {PM: 1}}");
    tu_override(s, "targets.credits_kgpd.orange.VOCs", "125");
    r = tu_check_solve(s);
    ck_assert_int_eq(curtail_result_level(r, CURTAIL_ORANGE, &lr, NULL), CURTAIL_OK);
    ck_assert_double_eq(lr.targets[CURTAIL_VOCS].required, 400);
    ck_assert_double_eq(curtail_result_credit(r, CURTAIL_ORANGE, CURTAIL_NOX), 3);
    ck_assert_double_eq(curtail_result_credit(r, CURTAIL_RED, CURTAIL_PM), 1);
    curtail_result_free(r);
    /* a level's map replaces the level (NOx back to 0), other levels stay */
    tu_override(s, "targets.credits_kgpd.orange", "{VOCs: 5}");
    r = tu_check_solve(s);
    ck_assert_int_eq(curtail_result_level(r, CURTAIL_ORANGE, &lr, NULL), CURTAIL_OK);
    ck_assert_double_eq(lr.targets[CURTAIL_VOCS].required, 520);
    ck_assert_double_eq(curtail_result_credit(r, CURTAIL_ORANGE, CURTAIL_NOX), 0);
    ck_assert_double_eq(curtail_result_credit(r, CURTAIL_RED, CURTAIL_PM), 1);
    curtail_result_free(r);
    tu_override_fails(s, "targets.credits_kgpd.orange.VOCs", "-1",
                      "targets.credits_kgpd.orange.VOCs", "must be >= 0, got -1");
    tu_override_fails(s, "targets.credits_kgpd", "{red: {SO2: -2}}", "targets.credits_kgpd.red.SO2",
                      "must be >= 0, got -2");
    tu_override_fails(s, "targets.credits_kgpd.orange", "{VOCs: 1e13}",
                      "targets.credits_kgpd.orange.VOCs",
                      "must be at most 1e12, got 10000000000000");
    tu_override_fails(s, "targets.credits_kgpd.purple.VOCs", "1",
                      "targets.credits_kgpd.purple.VOCs",
                      "unknown level \"purple\", expected one of: yellow, orange, red");
    tu_override_fails(s, "targets.credits_kgpd.orange.CO2", "1", "targets.credits_kgpd.orange.CO2",
                      "unknown pollutant \"CO2\", expected one of: SO2, NOx, PM, VOCs");
    tu_override_fails(s, "targets.credits_kgpd.orange.VOCs", "lots",
                      "targets.credits_kgpd.orange.VOCs", "expected a number, got \"lots\"");
    tu_override_fails(s, "targets.credits_kgpd", "[1]", "targets.credits_kgpd",
                      "expected a mapping, got a list");
    /* unchanged by the failures */
    r = tu_check_solve(s);
    ck_assert_int_eq(curtail_result_level(r, CURTAIL_ORANGE, &lr, NULL), CURTAIL_OK);
    ck_assert_double_eq(lr.targets[CURTAIL_VOCS].required, 520);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* ---- combined targets ------------------------------------------------------------------ */

/* check_targets.c's combined case: SO2 + NOx ratio sum >= r at red, by hand
 * obj(r) = 800 + 7000 r near r = 0.4 (shadow price 7000 per 1.0 of the sum). */
static const char combined_yaml[] =
    "curtail: 1\nname: combined\nbuiltin_policy: false\n"
    "targets:\n"
    "  ratios: {yellow: {}, orange: {}, red: {NOx: 0.1}}\n"
    "  combined:\n"
    "    - {pollutants: [SO2, NOx], levels: [red], ratio: 0.4}\n"
    "enterprises:\n"
    "  - id: alpha\n    industry: other\n    grade: C\n    units:\n"
    "      - {id: line, kind: other, capacity: 100, value: 50, ef: {SO2: 1.0, NOx: 1.0}}\n"
    "  - id: beta\n    industry: other\n    grade: C\n    units:\n"
    "      - {id: line, kind: other, capacity: 200, value: 30, min_load: 0.2, ef: {NOx: 2.0}}\n";

START_TEST(test_combined_ratio_sweep_finite_difference)
{
    static const char *const sets[] = {"targets.combined[0].ratio=0.399,0.4,0.401", NULL};
    curtail_scenario *s = load_text(combined_yaml);
    curtail_result *r = tu_check_solve(s);
    curtail_combined_result cr;
    curtail_sweep *w;
    double mu, f[3];
    size_t i;
    ck_assert_int_eq(curtail_result_combined(r, 0, &cr, NULL), CURTAIL_OK);
    mu = cr.shadow_price;
    ASSERT_NEAR(mu, 7000);
    curtail_result_free(r);
    w = sweep_run(s, 1, 0, sets);
    ck_assert_uint_eq(curtail_sweep_result_count(w), 3);
    for (i = 0; i < 3; i++) {
        curtail_sweep_case c = case_of(w, i);
        ck_assert_int_eq(c.status, CURTAIL_CASE_OPTIMAL);
        f[i] = c.objective;
        ck_assert_double_eq_tol(f[i], 800 + 7000 * (0.399 + 0.001 * (double)i), 1e-6);
    }
    /* the objective moves along the shadow price on both sides */
    ck_assert_double_eq_tol((f[2] - f[1]) / 0.001, mu, 1e-6 * mu);
    ck_assert_double_eq_tol((f[1] - f[0]) / 0.001, mu, 1e-6 * mu);
    curtail_sweep_free(w);
    warm_equals_cold(s, sets);
    /* errors: the builder's range, an index the scenario lacks, the syntax */
    tu_override_fails(s, "targets.combined[0].ratio", "5", "targets.combined[0].ratio",
                      "must be in (0, 2], at most the number of its pollutants, got 5");
    tu_override_fails(s, "targets.combined[1].ratio", "0.5", "targets.combined[1].ratio",
                      "no combined target 1 (the scenario has 1)");
    tu_override_fails(s, "targets.combined.ratio", "0.5", "targets.combined.ratio",
                      "expected targets.combined[INDEX].ratio");
    tu_override_fails(s, "targets.combined[0].levels", "[red]", "targets.combined[0].levels",
                      "expected targets.combined[INDEX].ratio");
    tu_override_fails(s, "targets.combined[00].ratio", "0.5", "targets.combined[00].ratio",
                      "expected targets.combined[INDEX].ratio");
    tu_override_fails(s, "targets.combined[0].ratio", "true", "targets.combined[0].ratio",
                      "expected a number, got \"true\"");
    curtail_scenario_free(s);
}
END_TEST

/* ---- seasons and zones ----------------------------------------------------------------- */

#define ZONES_OZONE CURTAIL_SOURCE_DIR "/tests/data/valid/plan_zones_ozone/input.yaml"

/* `far` (B, no zone): no coking-time extension in the ozone season (0.95);
 * in the heating season the built-in B rule extends it to 36 h at orange and
 * red: 0.95 × 22 / 36. */
START_TEST(test_season_sweep_flips_b_oven)
{
    static const char *const sets[] = {"season=ozone,heating", NULL};
    curtail_scenario *s = tu_load_file(ZONES_OZONE), *h = NULL;
    curtail_result *r;
    curtail_unit_result u;
    curtail_sweep *w;
    curtail_sweep_case c0, c1;
    curtail_error err;
    curtail_level_result lr;
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    r = tu_check_solve(s);
    u = unit_of(r, CURTAIL_ORANGE, "far");
    ASSERT_NEAR(u.load, 0.95);
    ck_assert_int_eq(u.measure, CURTAIL_MEASURE_NONE);
    curtail_result_free(r);
    /* the override, solved on its own */
    ck_assert_int_eq(curtail_scenario_clone(s, &h, &err), CURTAIL_OK);
    tu_override(h, "season", "heating");
    ck_assert_int_eq(curtail_scenario_season(h), CURTAIL_SEASON_HEATING);
    r = tu_check_solve(h);
    u = unit_of(r, CURTAIL_ORANGE, "far");
    ASSERT_NEAR(u.load, 0.95 * 22.0 / 36.0);
    ck_assert_int_eq(u.measure, CURTAIL_MEASURE_COKING_TIME);
    ASSERT_NEAR(u.measure_value, 36);
    u = unit_of(r, CURTAIL_YELLOW, "far");
    ASSERT_NEAR(u.load, 0.95);
    ck_assert_int_eq(curtail_result_level(r, CURTAIL_ORANGE, &lr, NULL), CURTAIL_OK);
    /* the sweep: the ozone row is the base, the heating row is h's plan */
    w = sweep_run(s, 1, 0, sets);
    c0 = case_of(w, 0);
    c1 = case_of(w, 1);
    ck_assert_uint_eq(c0.changed[CURTAIL_ORANGE], 0);
    ck_assert_uint_ge(c1.changed[CURTAIL_ORANGE], 1);
    ck_assert_int_eq(c1.status, curtail_result_status(r) == CURTAIL_OPTIMAL
                                    ? CURTAIL_CASE_OPTIMAL
                                    : CURTAIL_CASE_TARGETS_UNMET);
    ck_assert_double_eq_tol(c1.objective, curtail_result_objective(r),
                            1e-9 * fmax(1, fabs(curtail_result_objective(r))));
    ck_assert_double_eq_tol(c1.levels[CURTAIL_ORANGE].lost_value, lr.lost_value,
                            1e-9 * fmax(1, lr.lost_value));
    ck_assert(fabs(c1.levels[CURTAIL_ORANGE].lost_value -
                   c0.levels[CURTAIL_ORANGE].lost_value) > 1);
    curtail_result_free(r);
    curtail_sweep_free(w);
    /* rules and bounds move with the season: the warm sweep equals the cold */
    warm_equals_cold(s, sets);
    {
        static const char *const two[] = {"season=heating,ozone,other",
                                          "targets.ratios.orange.VOCs=0.05,0.1", NULL};
        warm_equals_cold(s, two);
    }
    tu_override_fails(h, "season", "summer", "season",
                      "unknown season \"summer\", expected one of: heating, ozone, other");
    tu_override_fails(h, "season", "", "season",
                      "unknown season null, expected one of: heating, ozone, other");
    tu_override_fails(h, "episode.season", "ozone", "episode.season",
                      "the scenario has no episode");
    curtail_scenario_free(h);
    curtail_scenario_free(s);
}
END_TEST

static const char episode_tail[] = "episode:\n  start: 2023-07-01T00:00\n  hours: 24\n"
                                   "  season: heating\n  timeline:\n"
                                   "    - {level: orange, from: 2023-07-01T00:00, "
                                   "to: 2023-07-02T00:00}\n";

/* The episode's season decides for the whole file: `season` is refused
 * while it has one; `episode.season` sets it or (null) drops it. */
START_TEST(test_episode_season)
{
    size_t n;
    char *y = tu_read_file(ZONES_OZONE, &n), *all = malloc(n + sizeof episode_tail);
    curtail_scenario *s;
    curtail_result *r;
    memcpy(all, y, n);
    memcpy(all + n, episode_tail, sizeof episode_tail);
    s = load_text(all);
    ck_assert_int_eq(curtail_scenario_season(s), CURTAIL_SEASON_HEATING);
    tu_override_fails(s, "season", "ozone", "season",
                      "the episode's season (heating) decides for the whole file; override "
                      "episode.season instead");
    r = tu_check_solve(s);
    ASSERT_NEAR(unit_of(r, CURTAIL_ORANGE, "far").load, 0.95 * 22.0 / 36.0);
    curtail_result_free(r);
    tu_override(s, "episode.season", "ozone");
    ck_assert_int_eq(curtail_scenario_season(s), CURTAIL_SEASON_OZONE);
    r = tu_check_solve(s);
    ASSERT_NEAR(unit_of(r, CURTAIL_ORANGE, "far").load, 0.95);
    curtail_result_free(r);
    tu_override(s, "episode.season", "null"); /* the scenario's (ozone) again */
    tu_override(s, "season", "other");
    ck_assert_int_eq(curtail_scenario_season(s), CURTAIL_SEASON_OTHER);
    tu_override_fails(s, "episode.season", "winter", "episode.season",
                      "unknown season \"winter\", expected one of: heating, ozone, other");
    curtail_scenario_free(s);
    free(all);
    free(y);
}
END_TEST

/* The zone rule (orange/red coking time 48 h for `urban_20km`) follows the tags. */
START_TEST(test_zones_override)
{
    static const char *const sets[] = {"enterprise.far.zones=[],[urban_20km],[urban_20km, x]",
                                       NULL};
    curtail_scenario *s = tu_load_file(ZONES_OZONE);
    curtail_result *r;
    curtail_error err;
    tu_override(s, "enterprise.far.zones", "[urban_20km, industrial_park]");
    tu_override(s, "enterprise.near.zones", "[]");
    ck_assert_uint_eq(curtail_scenario_zone_count(s, 1), 2);
    ck_assert_str_eq(curtail_scenario_zone(s, 1, 1), "industrial_park");
    ck_assert_uint_eq(curtail_scenario_zone_count(s, 0), 0);
    r = tu_check_solve(s);
    ASSERT_NEAR(unit_of(r, CURTAIL_ORANGE, "far").load, 0.95 * 22.0 / 48.0);
    ASSERT_NEAR(unit_of(r, CURTAIL_ORANGE, "near").load, 0.95);
    curtail_result_free(r);
    tu_override(s, "enterprise.near.zones", "null"); /* none, like [] */
    ck_assert_uint_eq(curtail_scenario_zone_count(s, 0), 0);
    tu_override_fails(s, "enterprise.far.zones", "[9km]", "enterprise.far.zones[0]",
                      "a zone tag is 1 to 64 characters of [A-Za-z0-9_], "
                      "not starting with a digit");
    tu_override_fails(s, "enterprise.far.zones", "[a, b, a]", "enterprise.far.zones[2]",
                      "a is listed twice");
    tu_override_fails(s, "enterprise.far.zones", "urban_20km", "enterprise.far.zones",
                      "expected a list of zone tags, got \"urban_20km\"");
    tu_override_fails(s, "enterprise.far.zones", "[{a: 1}]", "enterprise.far.zones[0]",
                      "expected a string, got a mapping");
    ck_assert_uint_eq(curtail_scenario_zone_count(s, 1), 2);
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    curtail_scenario_free(s);
    s = tu_load_file(ZONES_OZONE);
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    warm_equals_cold(s, sets);
    curtail_scenario_free(s);
}
END_TEST

/* ---- transport ------------------------------------------------------------------------- */

/* check_transport.c's mobile case: yellow bans China IV trucks, orange and
 * red all road transport; 20 China IV trips at 0.5 kg NOx each stop 10 kg/d. */
static const char transport_yaml[] =
    "curtail: 1\nbuiltin_policy: false\n"
    "targets:\n  ratios:\n    yellow: {NOx: 0.25}\n    orange: {NOx: 0.5}\n    red: {NOx: 0.5}\n"
    "policy:\n"
    "  - {industry: other, grades: [C], levels: [yellow], transport: no_china4_heavy}\n"
    "  - {industry: other, grades: [C], levels: [orange, red], transport: no_road}\n"
    "transport_factors:\n  china6: {NOx: 0.1}\n"
    "enterprises:\n"
    "  - id: e1\n    industry: other\n    grade: C\n"
    "    units:\n      - {id: u1, kind: other, capacity: 100, value: 10, ef: {NOx: 1}}\n";

static void mobile(curtail_scenario *s, curtail_level L, double want_nox)
{
    curtail_result *r = tu_check_solve(s);
    double kg[CURTAIL_NPOLLUTANTS];
    ck_assert_int_eq(curtail_result_mobile(r, L, kg, NULL), CURTAIL_OK);
    ASSERT_NEAR(kg[CURTAIL_NOX], want_nox);
    curtail_result_free(r);
}

START_TEST(test_transport_overrides)
{
    curtail_scenario *s = load_text(transport_yaml);
    curtail_error err;
    mobile(s, CURTAIL_YELLOW, 0);
    tu_override(s, "enterprise.e1.trucks_per_day.china4_and_below", "20");
    /* no factor for China IV yet: the check says so */
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_EINPUT);
    tu_override(s, "transport_factors.china4_and_below", "{NOx: 0.5, PM: 0.02}");
    mobile(s, CURTAIL_YELLOW, 10);
    mobile(s, CURTAIL_ORANGE, 10);
    tu_override(s, "enterprise.e1.trucks_per_day", "{china4_and_below: 20, china6: 30}");
    mobile(s, CURTAIL_YELLOW, 10);     /* China VI still drives at yellow */
    mobile(s, CURTAIL_ORANGE, 10 + 3); /* no road: 30 × 0.1 more */
    tu_override(s, "transport_factors.china6.NOx", "0.2");
    mobile(s, CURTAIL_ORANGE, 10 + 6);
    tu_override(s, "transport_factors", "{china4_and_below: {NOx: 0.5}, china6: {NOx: 1}}");
    mobile(s, CURTAIL_ORANGE, 10 + 30);
    /* the whole key: China IV has none */
    tu_override(s, "transport_factors", "{china6: {NOx: 1}}");
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_EINPUT);
    tu_override(s, "transport_factors.china4_and_below.NOx", "0.5"); /* the other pollutants 0 */
    mobile(s, CURTAIL_ORANGE, 10 + 30);
    tu_override(s, "enterprise.e1.trucks_per_day", "null");
    mobile(s, CURTAIL_ORANGE, 0);
    /* 门禁: warned from 10 trips a day, silent with gate_monitoring */
    tu_override(s, "enterprise.e1.trucks_per_day.china6", "12");
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 1);
    tu_override(s, "enterprise.e1.gate_monitoring", "true");
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 0);
    tu_override_fails(s, "enterprise.e1.trucks_per_day.china7", "1",
                      "enterprise.e1.trucks_per_day.china7",
                      "unknown truck class \"china7\", expected one of: china4_and_below, china5, "
                      "china6, electric");
    tu_override_fails(s, "enterprise.e1.trucks_per_day.china5", "-1",
                      "enterprise.e1.trucks_per_day.china5",
                      "must be in [0, 1e12] trips a day, got -1");
    tu_override_fails(s, "enterprise.e1.trucks_per_day", "{china5: x}",
                      "enterprise.e1.trucks_per_day.china5", "expected a number, got \"x\"");
    tu_override_fails(s, "enterprise.e1.trucks_per_day", "12", "enterprise.e1.trucks_per_day",
                      "expected a mapping, got \"12\"");
    tu_override_fails(s, "enterprise.e1.gate_monitoring", "yes", "enterprise.e1.gate_monitoring",
                      "expected true or false, got \"yes\"");
    tu_override_fails(s, "transport_factors.china5.NOx", "-1", "transport_factors.china5.NOx",
                      "must be in [0, 1e12] kg per trip, got -1");
    tu_override_fails(s, "transport_factors", "{china5: {NOx: -1}}", "transport_factors.china5.NOx",
                      "must be in [0, 1e12] kg per trip, got -1");
    tu_override_fails(s, "transport_factors.bus", "{NOx: 1}", "transport_factors.bus",
                      "unknown truck class \"bus\", expected one of: china4_and_below, china5, "
                      "china6, electric");
    tu_override_fails(s, "enterprise.nobody.trucks_per_day.china5", "1",
                      "enterprise.nobody.trucks_per_day.china5",
                      "no enterprise 'nobody.trucks_per_day'");
    curtail_scenario_free(s);
}
END_TEST

/* ---- boilers --------------------------------------------------------------------------- */

START_TEST(test_ultra_low_override)
{
    curtail_scenario *s = load_text(
        "curtail: 1\n"
        "enterprises:\n"
        "  - id: heat\n    industry: boiler\n    grade: C\n    guarantee: livelihood\n"
        "    units:\n"
        "      - {id: b1, kind: boiler, capacity: 10, ef: {NOx: 1}, boiler: {fuel: coal}}\n");
    curtail_error err;
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 1);
    tu_override(s, "unit.heat.b1.boiler.ultra_low", "true");
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 0);
    tu_override(s, "unit.heat.b1.boiler.fuel", "gas"); /* other boiler fields keep it */
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 0);
    tu_override(s, "unit.heat.b1.boiler.ultra_low", "false");
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 1);
    tu_override_fails(s, "unit.heat.b1.boiler.ultra_low", "1", "unit.heat.b1.boiler.ultra_low",
                      "expected true or false, got \"1\"");
    curtail_scenario_free(s);
}
END_TEST

/* ---- variants and the CLI -------------------------------------------------------------- */

START_TEST(test_variants_new_paths)
{
    static const char tail[] = "variants:\n"
                               "  credit:\n"
                               "    targets.credits_kgpd.orange.VOCs: 125\n"
                               "  bad:\n"
                               "    targets.credits_kgpd: {orange: {VOCs: -5}}\n"
                               "  badseason:\n"
                               "    season: summer\n";
    char *y = malloc(sizeof vocs_yaml + sizeof tail);
    curtail_scenario *s;
    curtail_sweep *w;
    curtail_sweep_case c;
    strcpy(y, vocs_yaml);
    strcat(y, tail);
    s = load_text(y);
    {
        curtail_sweep_options o = CURTAIL_SWEEP_OPTIONS_INIT;
        curtail_error err;
        o.variants = 1;
        ck_assert_int_eq(curtail_sweep_new(s, &o, &w, &err), CURTAIL_OK);
        ck_assert_int_eq(curtail_sweep_run(w, &err), CURTAIL_OK);
    }
    ck_assert_uint_eq(curtail_sweep_result_count(w), 4);
    c = case_of(w, 1);
    ck_assert_str_eq(c.variant, "credit");
    ck_assert_double_eq(c.levels[CURTAIL_ORANGE].targets[CURTAIL_VOCS].required, 400);
    ASSERT_NEAR(c.objective, 2 * (9600 + 80 * 100.0 / 3.0));
    c = case_of(w, 2);
    ck_assert_int_eq(c.status, CURTAIL_CASE_INVALID);
    ck_assert_str_eq(c.message, "case.yaml:21:27: error: variants.bad.targets.credits_kgpd."
                                "orange.VOCs: must be >= 0, got -5");
    c = case_of(w, 3);
    ck_assert_int_eq(c.status, CURTAIL_CASE_INVALID);
    ck_assert_str_eq(c.message, "case.yaml:23:13: error: variants.badseason.season: unknown "
                                "season \"summer\", expected one of: heating, ozone, other");
    curtail_sweep_free(w);
    curtail_scenario_free(s);
    free(y);
}
END_TEST

START_TEST(test_cli_sweep_new_paths)
{
    char *dir = tu_tmpdir(), cmd[4096], *out = NULL, *err = NULL;
    char path[1024];
    int rc;
    snprintf(path, sizeof path, "%s/v.yaml", dir);
    ck_assert_int_eq(tu_write_file(path, vocs_yaml, strlen(vocs_yaml)), 0);
    snprintf(cmd, sizeof cmd, "%s sweep %s --set targets.credits_kgpd.orange.VOCs=0:500:250",
             CURTAIL_CLI, path);
    rc = tu_run(cmd, &out, &err);
    ck_assert_int_eq(rc, 0);
    ck_assert_ptr_nonnull(strstr(out, "\nbase,0,orange,optimal,"));
    ck_assert_ptr_nonnull(strstr(out, "\nbase,0,orange,optimal,32866.666666666664,"));
    ck_assert_ptr_nonnull(strstr(out, ",0,0,525,525,0,66.6666666667,0,,\n"));
    ck_assert_ptr_nonnull(strstr(out, ",0,0,275,275,0,60,2,alpha beta,\n"));
    ck_assert_ptr_nonnull(strstr(out, ",0,0,25,25,0,60,2,alpha beta,\n"));
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "%s sweep %s --set season=heating,summer", CURTAIL_CLI, path);
    rc = tu_run(cmd, &out, &err);
    ck_assert_int_eq(rc, 2);
    ck_assert_str_eq(out, "");
    ck_assert_str_eq(err, "curtail: sweep: --set season=heating,summer: unknown season "
                          "\"summer\", expected one of: heating, ozone, other\n");
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "%s sweep %s --set targets.credits_kgpd.orange.VOCs=-1,0",
             CURTAIL_CLI, path);
    rc = tu_run(cmd, &out, &err);
    ck_assert_int_eq(rc, 2);
    ck_assert_str_eq(err, "curtail: sweep: --set targets.credits_kgpd.orange.VOCs=-1,0: must "
                          "be >= 0, got -1\n");
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    tu_run(cmd, NULL, NULL);
    free(dir);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("override_more");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_credits_sweep_drops_requirement_exactly);
    tcase_add_test(tc, test_credits_override_forms_and_errors);
    tcase_add_test(tc, test_combined_ratio_sweep_finite_difference);
    tcase_add_test(tc, test_season_sweep_flips_b_oven);
    tcase_add_test(tc, test_episode_season);
    tcase_add_test(tc, test_zones_override);
    tcase_add_test(tc, test_transport_overrides);
    tcase_add_test(tc, test_ultra_low_override);
    tcase_add_test(tc, test_variants_new_paths);
    tcase_add_test(tc, test_cli_sweep_new_paths);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
