/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_sweep.c — what-if overrides, variants and sweeps (issue 11).
 *
 * The knapsack scenario of check_plan.c (tests/plan_cases/README.md): NOx
 * baseline 500 kg/d; beta cuts at 30 weighted yuan per kg (up to 320 kg),
 * alpha at 100; grade C weighs 2. At orange ratio r <= 0.64 beta alone
 * cuts 500 r kg: weighted loss 15000 r, lost value 7500 r, marginal cost 30.
 */
#include "curtail.h"
#include "testutil.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ASSERT_NEAR(got, want)                                                           \
    ck_assert_double_eq_tol((got), (want), 1e-6 * fmax(1.0, fabs((double)(want))))

static const char *const knapsack =
    "curtail: 1\n"
    "name: knapsack\n"
    "builtin_policy: false\n"
    "targets:\n"
    "  ratios:\n"
    "    yellow: {NOx: 0.1}\n"
    "    orange: {NOx: 0.2}\n"
    "    red: {NOx: 0.8}\n"
    "enterprises:\n"
    "  - id: alpha\n"
    "    industry: other\n"
    "    grade: C\n"
    "    units:\n"
    "      - {id: line, kind: other, capacity: 100, value: 50, ef: {NOx: 1.0}}\n"
    "  - id: beta\n"
    "    industry: other\n"
    "    grade: C\n"
    "    units:\n"
    "      - {id: line, kind: other, capacity: 200, value: 30, min_load: 0.2, ef: {NOx: 2.0}}\n";

static curtail_scenario *load_text(const char *yaml)
{
    return tu_load_yaml(yaml, "case.yaml");
}

static curtail_level_result level(const curtail_result *r, curtail_level L)
{
    curtail_level_result lr;
    ck_assert_int_eq(curtail_result_level(r, L, &lr, NULL), CURTAIL_OK);
    return lr;
}

static double unit_load(const curtail_result *r, curtail_level L, const char *ent)
{
    size_t i;
    for (i = 0; i < curtail_result_unit_count(r); i++) {
        curtail_unit_result u;
        ck_assert_int_eq(curtail_result_unit(r, L, i, &u, NULL), CURTAIL_OK);
        if (strcmp(u.enterprise, ent) == 0)
            return u.load;
    }
    ck_abort_msg("no enterprise %s", ent);
    return -1;
}

/* ---- clone ------------------------------------------------------------------------- */

START_TEST(test_clone_is_independent)
{
    curtail_scenario *s = load_text(knapsack), *c = NULL;
    curtail_result *r;
    curtail_error err;
    ck_assert_int_eq(curtail_scenario_clone(s, &c, &err), CURTAIL_OK);
    tu_override(s, "targets.ratios.orange.NOx", "0.4"); /* the original changes ... */
    curtail_scenario_free(s);                            /* ... and goes */
    /* the copy is checked (no curtail_scenario_check) and keeps 0.2 */
    ck_assert_int_eq(curtail_plan_solve(c, NULL, &r, &err), CURTAIL_OK);
    ASSERT_NEAR(curtail_result_objective(r), 1500.0 + 3000.0 + 17600.0);
    ck_assert_uint_eq(curtail_scenario_enterprise_count(c), 2);
    ck_assert_uint_eq(curtail_scenario_unit_count(c), 2);
    curtail_result_free(r);
    curtail_scenario_free(c);
}
END_TEST

/* ---- each kind of override ----------------------------------------------------------- */

START_TEST(test_override_targets)
{
    curtail_scenario *s = load_text(knapsack);
    curtail_result *r;
    curtail_level_result o;
    tu_override(s, "targets.ratios.orange.NOx", "0.3");
    r = tu_check_solve(s);
    o = level(r, CURTAIL_ORANGE);
    ASSERT_NEAR(o.targets[CURTAIL_NOX].required, 150.0);
    ASSERT_NEAR(o.weighted_loss, 4500.0);
    ASSERT_NEAR(o.lost_value, 2250.0);
    ASSERT_NEAR(o.targets[CURTAIL_NOX].shadow_price, 30.0);
    curtail_result_free(r);
    /* a level's map: pollutants left out keep their ratio */
    tu_override(s, "targets.ratios.orange", "{SO2: 0.1, NOx: 0.4}");
    r = tu_check_solve(s);
    o = level(r, CURTAIL_ORANGE);
    ASSERT_NEAR(o.targets[CURTAIL_NOX].required, 200.0);
    ASSERT_NEAR(o.weighted_loss, 6000.0);
    curtail_result_free(r);
    /* totals: 1000 kg/d of NOx in the county, orange 0.4 of it = 400 kg:
     * beta's 320 (9600) and 80 of alpha (8000) */
    tu_override(s, "targets.totals_kgpd.NOx", "1000");
    tu_override(s, "targets.base", "totals");
    r = tu_check_solve(s);
    o = level(r, CURTAIL_ORANGE);
    ASSERT_NEAR(o.targets[CURTAIL_NOX].baseline, 1000.0);
    ASSERT_NEAR(o.targets[CURTAIL_NOX].required, 400.0);
    ASSERT_NEAR(o.weighted_loss, 9600.0 + 8000.0);
    ASSERT_NEAR(o.targets[CURTAIL_NOX].shadow_price, 100.0);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_override_extra_and_policy)
{
    curtail_scenario *s = load_text(knapsack);
    curtail_result *r;
    curtail_level_result y;
    /* weight 1 for C: every weighted loss halves (yellow 1500 -> 750) */
    tu_override(s, "extra.weights.C", "1");
    r = tu_check_solve(s);
    ASSERT_NEAR(level(r, CURTAIL_YELLOW).weighted_loss, 750.0);
    curtail_result_free(r);
    tu_override(s, "extra.weights", "{C: 2}");
    /* a rule: C at most 50 % at every level: 50 + 200 kg cut at yellow whatever the target */
    tu_override(s, "policy+",
                "{industry: other, grades: [C], levels: [yellow, orange, red], max_load: 0.5}");
    r = tu_check_solve(s);
    y = level(r, CURTAIL_YELLOW);
    ASSERT_NEAR(unit_load(r, CURTAIL_YELLOW, "alpha"), 0.5);
    ASSERT_NEAR(unit_load(r, CURTAIL_YELLOW, "beta"), 0.5);
    ASSERT_NEAR(y.targets[CURTAIL_NOX].achieved, 250.0);
    curtail_result_free(r);
    /* no grade may be cut beyond its rule: targets beyond the rules unmet */
    tu_override(s, "extra.grades", "[]");
    r = tu_check_solve(s);
    ck_assert_int_eq(curtail_result_status(r), CURTAIL_TARGETS_UNMET);
    ASSERT_NEAR(level(r, CURTAIL_RED).targets[CURTAIL_NOX].achieved, 250.0); /* the rule's */
    curtail_result_free(r);
    tu_override(s, "name", "renamed");
    ck_assert_str_eq(curtail_scenario_name(s), "renamed");
    tu_override(s, "lang", "en");
    tu_override(s, "builtin_policy", "true");
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_override_enterprise_and_unit)
{
    curtail_scenario *s = load_text(knapsack);
    curtail_result *r;
    /* beta becomes A: not curtailable further; alpha cuts 100 kg at orange */
    tu_override(s, "enterprise.beta.grade", "A");
    r = tu_check_solve(s);
    ASSERT_NEAR(level(r, CURTAIL_ORANGE).weighted_loss, 100.0 * 100.0);
    ASSERT_NEAR(unit_load(r, CURTAIL_ORANGE, "beta"), 1.0);
    curtail_result_free(r);
    tu_override(s, "enterprise.beta.grade", "C");
    /* beta's line dearer than alpha's: 2*200*200/400 = 200 yuan per kg */
    tu_override(s, "unit.beta.line.value", "200");
    r = tu_check_solve(s);
    ASSERT_NEAR(level(r, CURTAIL_ORANGE).weighted_loss, 100.0 * 100.0);
    ASSERT_NEAR(unit_load(r, CURTAIL_ORANGE, "alpha"), 0.0);
    curtail_result_free(r);
    tu_override(s, "unit.beta.line.value", "30");
    /* half of beta's NOx factor: 15 yuan per kg... at twice the cut */
    tu_override(s, "unit.beta.line.ef.NOx", "1");
    tu_override(s, "unit.beta.line.base_load", "0.5");
    tu_override(s, "unit.alpha.line.name", "Line A");
    tu_override(s, "enterprise.alpha.town", "Wangqiao");
    tu_override(s, "enterprise.alpha.phase_out", "false");
    tu_override(s, "unit.alpha.line.interruptible", "true");
    tu_override(s, "unit.alpha.line.fixed_kgpd", "{SO2: 3}");
    /* baseline 100 + 100 (beta at half load) = 200 kg; orange 40 kg by beta,
     * 2*30*200/200 = 60 yuan per kg */
    r = tu_check_solve(s);
    ASSERT_NEAR(level(r, CURTAIL_ORANGE).targets[CURTAIL_NOX].baseline, 200.0);
    ASSERT_NEAR(level(r, CURTAIL_ORANGE).weighted_loss, 40.0 * 60.0);
    ASSERT_NEAR(level(r, CURTAIL_ORANGE).targets[CURTAIL_SO2].baseline, 3.0);
    curtail_result_free(r);
    /* removal */
    tu_override(s, "enterprise.beta-", NULL);
    ck_assert_uint_eq(curtail_scenario_enterprise_count(s), 1);
    ck_assert_uint_eq(curtail_scenario_unit_count(s), 1);
    r = tu_check_solve(s);
    ASSERT_NEAR(level(r, CURTAIL_ORANGE).targets[CURTAIL_NOX].baseline, 100.0);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_override_unit_removal_on_example)
{
    curtail_scenario *s = tu_load_file(CURTAIL_SOURCE_DIR "/examples/xiangyuan.yaml");
    size_t n = curtail_scenario_unit_count(s);
    curtail_result *r;
    tu_override(s, "unit.hengxiang.prep-", "");
    ck_assert_uint_eq(curtail_scenario_unit_count(s), n - 1);
    r = tu_check_solve(s);
    ck_assert_uint_eq(curtail_result_unit_count(r), n - 1);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_override_errors)
{
    curtail_scenario *s = load_text(knapsack);
    curtail_result *r;
    curtail_error err;
    tu_override_fails(s, "unit.beta.line.base_load", "1.5", "unit.beta.line.base_load",
                      "must be in (0, 1], got 1.5");
    tu_override_fails(s, "unit.beta.line.capacity", "-5", "unit.beta.line.capacity",
                      "must be > 0, got -5");
    tu_override_fails(s, "targets.ratios.orange.NOx", "abc", "targets.ratios.orange.NOx",
                      "expected a number, got \"abc\"");
    tu_override_fails(s, "targets.ratios.orange.NOx", "\"0.3\"", "targets.ratios.orange.NOx",
                      "expected a number, got \"0.3\" (quoted, so a string)");
    tu_override_fails(s, "targets.ratios.orange.NOx", "1", "targets.ratios.orange.NOx",
                      "must be in [0, 1), got 1");
    tu_override_fails(s, "targets.ratios.orange.NOx", ".nan", "targets.ratios.orange.NOx",
                      "must be a finite number, got .nan");
    tu_override_fails(s, "targets.ratios.purple.NOx", "0.1", "targets.ratios.purple.NOx",
                      "unknown level \"purple\", expected one of: yellow, orange, red");
    tu_override_fails(s, "targets.ratios.orange", "{CO2: 0.1}", "targets.ratios.orange.CO2",
                      "unknown pollutant \"CO2\", expected one of: SO2, NOx, PM, VOCs");
    tu_override_fails(s, "enterprise.beta.grade", "E", "enterprise.beta.grade",
                      "unknown grade \"E\", expected one of: A, B, B-, C, D, leading, non-leading, "
                      "none");
    tu_override_fails(s, "enterprise.beta.credit_code", "123", "enterprise.beta.credit_code",
                      "must be 18 characters of [0-9A-Z], got 3");
    tu_override_fails(s, "enterprise.nobody.grade", "B", "enterprise.nobody.grade",
                      "no enterprise 'nobody'");
    tu_override_fails(s, "enterprise.nobody-", "", "enterprise.nobody-", "no enterprise 'nobody'");
    tu_override_fails(s, "enterprise.beta.colour", "red", "enterprise.beta.colour",
                      "unknown enterprise field \"colour\", expected one of: name, credit_code, "
                      "town, industry, grade, guarantee, phase_out, trucks_per_day[.CLASS], "
                      "gate_monitoring, zones");
    tu_override_fails(s, "enterprise.beta.industry", "coking", "enterprise.beta.industry",
                      "other is not a kind of industry coking");
    tu_override_fails(s, "extra.grades", "[C, C]", "extra.grades[1]", "grade C is listed twice");
    tu_override_fails(s, "policy+", "{industry: other, grades: [C], levels: [red], max_load: 2}",
                      "policy+.max_load", "must be in [0, 1], got 2");
    tu_override_fails(s, "unit.beta.line.ef.NOx", "-1", "unit.beta.line.ef.NOx",
                      "must be >= 0, got -1");
    tu_override_fails(s, "enterprise.beta-", "x", "enterprise.beta-",
                      "a removal (PATH-=) takes no value");
    /* nothing changed: the knapsack optimum */
    r = tu_check_solve(s);
    ASSERT_NEAR(curtail_result_objective(r), 1500.0 + 3000.0 + 17600.0);
    /* a live result refuses a removal */
    ck_assert_int_eq(curtail_scenario_override(s, "enterprise.beta-", NULL, &err), CURTAIL_EINVAL);
    curtail_result_free(r);
    /* PATH=VALUE */
    ck_assert_int_eq(curtail_scenario_override_assign(s, "targets.ratios.orange.NOx=0.3", &err),
                     CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_override_assign(s, "nothing", &err), CURTAIL_EINPUT);
    curtail_scenario_free(s);
}
END_TEST

/* The loader's message for the same value is the override's. */
START_TEST(test_override_message_is_the_loaders)
{
    char *yaml = malloc(strlen(knapsack) + 64), *at;
    curtail_scenario *s = NULL;
    curtail_error err;
    strcpy(yaml, knapsack);
    at = strstr(yaml, "min_load: 0.2");
    memcpy(at, "base_load: 2.", 13);
    ck_assert_int_eq(curtail_scenario_load_buffer(&s, yaml, strlen(yaml), "x.yaml", NULL, &err),
                     CURTAIL_EINPUT);
    ck_assert_str_eq(err.message, "must be in (0, 1], got 2");
    ck_assert_str_eq(err.path, "enterprises[1].units[0].base_load");
    free(yaml);
    s = load_text(knapsack);
    tu_override_fails(s, "unit.beta.line.base_load", "2", "unit.beta.line.base_load",
                      "must be in (0, 1], got 2");
    curtail_scenario_free(s);
}
END_TEST

/* ---- variants ----------------------------------------------------------------------------- */

static char *with_variants(const char *variants)
{
    char *y = malloc(strlen(knapsack) + strlen(variants) + 1);
    strcpy(y, knapsack);
    strcat(y, variants);
    return y;
}

static void variant_load_fails(const char *variants, int line, int col, const char *path,
                               const char *msg)
{
    char *y = with_variants(variants);
    curtail_scenario *s = NULL;
    curtail_error err;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(curtail_scenario_load_buffer(&s, y, strlen(y), "v.yaml", NULL, &err),
                     CURTAIL_EINPUT);
    ck_assert_str_eq(err.file, "v.yaml");
    ck_assert_int_eq(err.line, line);
    ck_assert_int_eq(err.column, col);
    ck_assert_str_eq(err.path, path);
    ck_assert_str_eq(err.message, msg);
    free(y);
}

/* knapsack has 19 lines; variants start at line 20 */
START_TEST(test_variant_errors_at_their_line)
{
    variant_load_fails("variants:\n  a:\n    extends: [nope]\n", 22, 15, "variants.a.extends",
                       "no variant 'nope'");
    variant_load_fails("variants:\n  a:\n    targets.ratio.orange.NOx: 0.1\n", 22, 5,
                       "variants.a.targets.ratio.orange.NOx",
                       "unknown override path; expected targets.ratios.LEVEL.P, "
                       "targets.totals_kgpd.P, targets.base, extra.grades, extra.weights.G, "
                       "policy+, season, episode.season, targets.credits_kgpd.L.P, "
                       "targets.combined[I].ratio, transport_factors.CLASS.P, "
                       "enterprise.ID.FIELD, enterprise.ID-, unit.ENT.UNIT.FIELD, "
                       "unit.ENT.UNIT-, name, lang, builtin_policy or extends");
    variant_load_fails("variants:\n  a:\n    extends: b\n  b:\n    extends: [a]\n", 21, 3,
                       "variants.a.extends", "'extends' forms a cycle through variant 'a'");
    variant_load_fails("variants:\n  base:\n    name: x\n", 21, 3, "variants.base",
                       "a variant name is 1 to 64 characters of [A-Za-z0-9_.-] and not \"base\"");
    variant_load_fails("variants: [a, b]\n", 20, 11, "variants",
                       "expected a mapping of variant names to overrides");
    variant_load_fails("variants:\n  a: 3\n", 21, 6, "variants.a",
                       "expected a mapping of overrides (PATH: VALUE) and extends");
}
END_TEST

START_TEST(test_variant_apply)
{
    char *y = with_variants("variants:\n"
                            "  tight:\n"
                            "    targets.ratios.orange.NOx: 0.4\n"
                            "  dear:\n"
                            "    extends: tight\n"
                            "    unit.beta.line.value: 200\n"
                            "  bad:\n"
                            "    extends: [tight]\n"
                            "    unit.beta.line.base_load: 1.5\n");
    curtail_scenario *s = load_text(y), *c = NULL;
    curtail_result *r;
    curtail_error err;
    ck_assert_uint_eq(curtail_scenario_variant_count(s), 3);
    ck_assert_str_eq(curtail_scenario_variant_name(s, 1), "dear");
    ck_assert_int_eq(curtail_scenario_clone(s, &c, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_apply_variant(c, "dear", &err), CURTAIL_OK);
    r = tu_check_solve(c);
    /* 200 kg at orange by alpha (100 kg, 10000) and beta (100 kg at 200/kg) */
    ASSERT_NEAR(level(r, CURTAIL_ORANGE).weighted_loss, 10000.0 + 20000.0);
    curtail_result_free(r);
    curtail_scenario_free(c);
    ck_assert_int_eq(curtail_scenario_clone(s, &c, &err), CURTAIL_OK);
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(curtail_scenario_apply_variant(c, "bad", &err), CURTAIL_EINPUT);
    ck_assert_str_eq(err.file, "case.yaml");
    ck_assert_int_eq(err.line, 28);
    ck_assert_int_eq(err.column, 31);
    ck_assert_str_eq(err.path, "variants.bad.unit.beta.line.base_load");
    ck_assert_str_eq(err.message, "must be in (0, 1], got 1.5");
    ck_assert_int_eq(curtail_scenario_apply_variant(c, "nope", &err), CURTAIL_EINVAL);
    curtail_scenario_free(c);
    curtail_scenario_free(s);
    free(y);
}
END_TEST

/* ---- sweeps ------------------------------------------------------------------------------ */

static curtail_sweep *sweep_run(const curtail_scenario *s, int threads, unsigned shard,
                                unsigned nshards, int cold, const char *const *sets)
{
    curtail_sweep_options o = CURTAIL_SWEEP_OPTIONS_INIT;
    curtail_sweep *w = NULL;
    curtail_error err;
    size_t i;
    int rc;
    o.threads = threads;
    o.shard = shard;
    o.nshards = nshards;
    o.cold = cold;
    ck_assert_int_eq(curtail_sweep_new(s, &o, &w, &err), CURTAIL_OK);
    for (i = 0; sets && sets[i]; i++) {
        rc = curtail_sweep_add_set_assign(w, sets[i], &err);
        ck_assert_msg(rc == CURTAIL_OK, "%s: %s", sets[i], err.message);
    }
    rc = curtail_sweep_run(w, &err);
    ck_assert_msg(rc == CURTAIL_OK, "run: %s", err.message);
    return w;
}

static char *table(const curtail_sweep *w, curtail_format f, const char *curve)
{
    curtail_sweep_write_options o = CURTAIL_SWEEP_WRITE_OPTIONS_INIT;
    char *out = NULL;
    size_t len = 0;
    curtail_error err;
    o.format = f;
    o.curve = curve;
    ck_assert_int_eq(curtail_sweep_write_buffer(w, &o, &out, &len, &err), CURTAIL_OK);
    ck_assert_uint_eq(strlen(out), len);
    return out;
}

START_TEST(test_sweep_cost_curve_exact)
{
    static const char *const sets[] = {"targets.ratios.orange.NOx=0.1:0.7:0.3", NULL};
    curtail_scenario *s = load_text(knapsack);
    curtail_sweep *w = sweep_run(s, 1, 0, 0, 0, sets);
    char *t = table(w, CURTAIL_FORMAT_CSV, "targets.ratios.orange.NOx");
    /* 0.1: 50 kg by beta (1500); 0.4: 200 kg (6000); 0.7: 350 kg = beta's 320
     * (9600) + 30 of alpha (3000), marginal cost alpha's 100; objective adds
     * yellow 1500 and red 17600 */
    ck_assert_str_eq(t,
                     "variant,targets.ratios.orange.NOx,status,required,achieved,shortfall,"
                     "marginal_cost,lost_value,weighted_loss,objective,message\n"
                     "base,0.1,optimal,50,50,0,30,750,1500,20600,\n"
                     "base,0.4,optimal,200,200,0,30,3000,6000,25100,\n"
                     "base,0.7,optimal,350,350,0,100,6300,12600,31700,\n");
    curtail_buffer_free(t);
    ck_assert_uint_eq(curtail_sweep_case_count(w), 3);
    ck_assert_str_eq(curtail_sweep_result_value(w, 2, 0), "0.7");
    curtail_sweep_free(w);
    curtail_scenario_free(s);
}
END_TEST

/* xlsx into memory (a scratch file read back) is the file's bytes; html
 * from a buffer; version-1 options (before `lang`) still accepted. */
START_TEST(test_sweep_write_bureau_formats)
{
    static const char *const sets[] = {"targets.ratios.orange.NOx=0.1:0.7:0.3", NULL};
    curtail_scenario *s = load_text(knapsack);
    curtail_sweep *w = sweep_run(s, 1, 0, 0, 0, sets);
    curtail_sweep_write_options o = CURTAIL_SWEEP_WRITE_OPTIONS_INIT;
    char *x = NULL, *h, *dir = tu_tmpdir(), path[1024], *file;
    size_t len = 0, flen = 0;
    curtail_error err;
    o.format = CURTAIL_FORMAT_XLSX;
    o.curve = "targets.ratios.orange.NOx";
    ck_assert_int_eq(curtail_sweep_write_buffer(w, &o, &x, &len, &err), CURTAIL_OK);
    ck_assert_uint_gt(len, 1000);
    ck_assert_int_eq(memcmp(x, "PK\003\004", 4), 0);
    snprintf(path, sizeof path, "%s/s.xlsx", dir);
    ck_assert_int_eq(curtail_sweep_write_file(w, &o, path, &err), CURTAIL_OK);
    file = tu_read_file(path, &flen);
    ck_assert_ptr_nonnull(file);
    ck_assert_uint_eq(flen, len);
    ck_assert_int_eq(memcmp(file, x, len), 0);
    free(file);
    curtail_buffer_free(x);
    o.version = 1; /* no lang: the scenario's (zh) */
    o.lang = CURTAIL_LANG_EN;
    o.format = CURTAIL_FORMAT_HTML;
    ck_assert_int_eq(curtail_sweep_write_buffer(w, &o, &h, &len, &err), CURTAIL_OK);
    ck_assert_ptr_nonnull(strstr(h, "<html lang=\"zh-CN\">"));
    ck_assert_ptr_nonnull(strstr(h, "<h1><bdi>knapsack — 情景对比</bdi></h1>"));
    /* orange 0.7: 350 kg, marginal cost alpha's 100 */
    ck_assert_ptr_nonnull(strstr(h, "<td>橙色</td><td>目标达成</td><td class=\"n\">3.1700</td>"
                                    "<td class=\"n\">0.6300</td><td class=\"n\">1.2600</td>"
                                    "<td class=\"n\">350.00</td><td class=\"n\">350.00</td>"
                                    "<td class=\"n\">0.00</td><td class=\"n\">100.00</td>"));
    curtail_buffer_free(h);
    snprintf(path, sizeof path, "rm -rf %s", dir);
    tu_run(path, NULL, NULL);
    free(dir);
    curtail_sweep_free(w);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_sweep_rows_and_failures)
{
    /* a variant that is invalid and one whose targets are unmet: rows with
     * their status; the rest go on */
    char *y = with_variants("variants:\n"
                            "  bad:\n"
                            "    unit.beta.line.base_load: 1.5\n"
                            "  frozen:\n"
                            "    extra.grades: []\n"
                            "  dear:\n"
                            "    unit.beta.line.value: 200\n");
    static const char *const sets[] = {"targets.ratios.orange.NOx=0.2,0.4", NULL};
    curtail_scenario *s = load_text(y);
    curtail_sweep *w = sweep_run(s, 2, 0, 0, 0, sets);
    curtail_sweep_case c;
    char *t;
    ck_assert_uint_eq(curtail_sweep_result_count(w), 8);
    c.version = CURTAIL_SWEEP_CASE_VERSION;
    ck_assert_int_eq(curtail_sweep_result(w, 2, &c, NULL), CURTAIL_OK);
    ck_assert_str_eq(c.variant, "bad");
    ck_assert_int_eq(c.status, CURTAIL_CASE_INVALID);
    ck_assert_str_eq(c.message, "case.yaml:22:31: error: variants.bad.unit.beta.line.base_load: "
                                "must be in (0, 1], got 1.5");
    ck_assert_int_eq(curtail_sweep_result(w, 4, &c, NULL), CURTAIL_OK);
    ck_assert_int_eq(c.status, CURTAIL_CASE_TARGETS_UNMET);
    ck_assert_int_eq(curtail_sweep_result(w, 7, &c, NULL), CURTAIL_OK);
    ck_assert_str_eq(c.variant, "dear");
    ck_assert_int_eq(c.status, CURTAIL_CASE_OPTIMAL);
    /* orange 200 kg: alpha's 100 (10000) and 100 of beta's at 200 (20000) */
    ASSERT_NEAR(c.levels[CURTAIL_ORANGE].weighted_loss, 30000.0);
    /* against the base as loaded (orange 0.2: beta at 0.75): alpha stops,
     * beta is at 0.75 again */
    ck_assert_uint_eq(c.changed[CURTAIL_ORANGE], 1);
    ck_assert_int_eq(curtail_sweep_worst(w), CURTAIL_CASE_INVALID);
    t = table(w, CURTAIL_FORMAT_CSV, NULL);
    /* header, 3 + 3 base rows, 1 + 1 invalid, 3 + 3 unmet, 3 + 3 dear */
    {
        size_t lines = 0;
        const char *p;
        for (p = t; *p; p++)
            lines += *p == '\n';
        ck_assert_uint_eq(lines, 21);
    }
    ck_assert_ptr_nonnull(strstr(t, "\nbad,0.2,,invalid,"));
    ck_assert_ptr_nonnull(strstr(t, "\nbase,0.2,orange,optimal,22100,1500,3000,0,0,0,0,100,100,"
                                    "0,30,0,0,0,0,0,0,0,0,0,,\n"));
    ck_assert_ptr_nonnull(strstr(t, "\ndear,0.4,orange,optimal,"));
    ck_assert_ptr_nonnull(strstr(t, ",2,alpha beta,\n"));
    curtail_buffer_free(t);
    curtail_sweep_free(w);
    curtail_scenario_free(s);
    free(y);
}
END_TEST

static const char *const city_sets[] = {"targets.ratios.orange.NOx=0.15:0.35:0.05",
                                        "targets.ratios.red.PM=0.3,0.4", NULL};

START_TEST(test_sweep_threads_same_bytes)
{
    curtail_scenario *s = tu_load_file(CURTAIL_SOURCE_DIR "/examples/xiangyuan.yaml");
    curtail_sweep *w1 = sweep_run(s, 1, 0, 0, 0, city_sets);
    curtail_sweep *w2 = sweep_run(s, 2, 0, 0, 0, city_sets);
    curtail_format f[] = {CURTAIL_FORMAT_CSV, CURTAIL_FORMAT_MD, CURTAIL_FORMAT_JSON};
    int i;
    for (i = 0; i < 3; i++) {
        char *a = table(w1, f[i], NULL), *b = table(w2, f[i], NULL);
        ck_assert_str_eq(a, b);
        curtail_buffer_free(a);
        curtail_buffer_free(b);
    }
    curtail_sweep_free(w1);
    curtail_sweep_free(w2);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_sweep_shards_concatenate)
{
    curtail_scenario *s = tu_load_file(CURTAIL_SOURCE_DIR "/examples/xiangyuan.yaml");
    curtail_sweep *all = sweep_run(s, 1, 0, 0, 0, city_sets);
    curtail_format f[] = {CURTAIL_FORMAT_CSV, CURTAIL_FORMAT_MD, CURTAIL_FORMAT_JSON};
    int i;
    unsigned k, n = 4;
    for (i = 0; i < 3; i++) {
        char *whole = table(all, f[i], NULL);
        char cat[200000] = "";
        for (k = 0; k < n; k++) {
            curtail_sweep *w = sweep_run(s, 1, k, n, 0, city_sets);
            char *part = table(w, f[i], NULL);
            ck_assert_uint_lt(strlen(cat) + strlen(part), sizeof cat);
            strcat(cat, part);
            curtail_buffer_free(part);
            curtail_sweep_free(w);
        }
        ck_assert_str_eq(cat, whole);
        curtail_buffer_free(whole);
    }
    curtail_sweep_free(all);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_sweep_warm_equals_cold)
{
    static const char *const sets[] = {"targets.ratios.orange.NOx=0.10:0.40:0.02",
                                       "targets.ratios.red.PM=0.25,0.35", NULL};
    curtail_scenario *s = tu_load_file(CURTAIL_SOURCE_DIR "/examples/xiangyuan.yaml");
    curtail_sweep *warm = sweep_run(s, 1, 0, 0, 0, sets);
    curtail_sweep *cold = sweep_run(s, 1, 0, 0, 1, sets);
    size_t i, n = curtail_sweep_result_count(warm);
    int L;
    ck_assert_uint_eq(n, 32);
    for (i = 0; i < n; i++) {
        curtail_sweep_case a, b;
        a.version = b.version = CURTAIL_SWEEP_CASE_VERSION;
        ck_assert_int_eq(curtail_sweep_result(warm, i, &a, NULL), CURTAIL_OK);
        ck_assert_int_eq(curtail_sweep_result(cold, i, &b, NULL), CURTAIL_OK);
        ck_assert_int_eq(a.status, b.status);
        ck_assert_msg(fabs(a.objective - b.objective) <= 1e-9 * fmax(1.0, fabs(b.objective)),
                      "case %zu: warm %.17g cold %.17g", i, a.objective, b.objective);
        for (L = 0; L < CURTAIL_NLEVELS; L++)
            ck_assert(fabs(a.levels[L].weighted_loss - b.levels[L].weighted_loss) <=
                      1e-9 * fmax(1.0, fabs(b.levels[L].weighted_loss)));
    }
    curtail_sweep_free(warm);
    curtail_sweep_free(cold);
    curtail_scenario_free(s);
}
END_TEST

static int stop_after_two(void *ctx, size_t done, size_t total)
{
    size_t *calls = ctx;
    (*calls)++;
    ck_assert_uint_eq(total, 5);
    return done >= 2;
}

START_TEST(test_sweep_progress_cancels)
{
    static const char *const sets[] = {"targets.ratios.orange.NOx=0.1,0.2,0.3,0.4,0.5", NULL};
    curtail_scenario *s = load_text(knapsack);
    curtail_sweep_options o = CURTAIL_SWEEP_OPTIONS_INIT;
    curtail_sweep *w = NULL;
    curtail_error err;
    size_t calls = 0;
    o.progress = stop_after_two;
    o.progress_ctx = &calls;
    ck_assert_int_eq(curtail_sweep_new(s, &o, &w, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_sweep_add_set_assign(w, sets[0], &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_sweep_run(w, &err), CURTAIL_ECANCELED);
    ck_assert_uint_eq(calls, 2);
    ck_assert_str_eq(err.message, "the sweep was canceled after 2 of 5 cases");
    curtail_sweep_free(w);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_sweep_set_errors)
{
    curtail_scenario *s = load_text(knapsack);
    curtail_sweep *w = NULL;
    curtail_error err;
    ck_assert_int_eq(curtail_sweep_new(s, NULL, &w, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_sweep_add_set_assign(w, "unit.beta.line.base_load=0.5,1.5", &err),
                     CURTAIL_EINPUT);
    ck_assert_str_eq(err.path, "unit.beta.line.base_load");
    ck_assert_str_eq(err.message, "must be in (0, 1], got 1.5");
    ck_assert_int_eq(curtail_sweep_add_set(w, "targets.ratios.red.NOx", "0.4:0.2:0.1", &err),
                     CURTAIL_EINPUT);
    ck_assert_str_eq(err.message, "a range A:B:STEP needs A <= B and STEP > 0, got 0.4:0.2:0.1");
    ck_assert_int_eq(curtail_sweep_add_set(w, "extra.grades", "[C, D],[D]", &err), CURTAIL_OK);
    ck_assert_uint_eq(curtail_sweep_case_count(w), 2);
    curtail_sweep_free(w);
    curtail_scenario_free(s);
}
END_TEST

/* ---- the CLI ------------------------------------------------------------------------------ */

START_TEST(test_cli_sweep)
{
    char *dir = tu_tmpdir(), cmd[4096], *out = NULL, *err = NULL, *want;
    char path[1024];
    int rc;
    snprintf(path, sizeof path, "%s/k.yaml", dir);
    ck_assert_int_eq(tu_write_file(path, knapsack, strlen(knapsack)), 0);
    snprintf(cmd, sizeof cmd,
             "%s sweep %s --set targets.ratios.orange.NOx=0.1:0.7:0.3 --curve "
             "targets.ratios.orange.NOx -j 2",
             CURTAIL_CLI, path);
    rc = tu_run(cmd, &out, &err);
    ck_assert_int_eq(rc, 0);
    ck_assert_ptr_nonnull(strstr(out, "base,0.7,optimal,350,350,0,100,6300,12600,31700,\n"));
    free(out);
    free(err);
    /* shards through the CLI, concatenated */
    snprintf(cmd, sizeof cmd,
             "cd %s && for i in 0 1 2; do %s sweep k.yaml --set targets.ratios.orange.NOx=0.1:0.7:0.1 "
             "--shard $i/3 -o part$i.csv || exit 9; done && cat part0.csv part1.csv part2.csv > cat.csv && "
             "%s sweep k.yaml --set targets.ratios.orange.NOx=0.1:0.7:0.1 -j 2 -o all.csv && "
             "cmp cat.csv all.csv",
             dir, CURTAIL_CLI, CURTAIL_CLI);
    ck_assert_int_eq(tu_run(cmd, NULL, NULL), 0);
    /* a bad --set: exit 2, nothing written, the override named */
    snprintf(cmd, sizeof cmd, "%s sweep %s --set unit.beta.line.base_load=1.5", CURTAIL_CLI, path);
    rc = tu_run(cmd, &out, &err);
    ck_assert_int_eq(rc, 2);
    ck_assert_str_eq(out, "");
    ck_assert_str_eq(err, "curtail: sweep: --set unit.beta.line.base_load=1.5: must be in (0, 1], "
                          "got 1.5\n");
    free(out);
    free(err);
    /* targets unmet in some case: exit 3, the table written */
    snprintf(cmd, sizeof cmd, "%s sweep %s --set extra.grades=[C],[] --format jsonl", CURTAIL_CLI,
             path);
    rc = tu_run(cmd, &out, &err);
    ck_assert_int_eq(rc, 3);
    want = "{\"case\":1,\"variant\":\"base\",\"set\":{\"extra.grades\":\"[]\"},\"level\":\"red\","
           "\"status\":\"targets_unmet\"";
    ck_assert_ptr_nonnull(strstr(out, want));
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "%s sweep %s --shard 3/3", CURTAIL_CLI, path);
    ck_assert_int_eq(tu_run(cmd, NULL, NULL), 1);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    tu_run(cmd, NULL, NULL);
    free(dir);
}
END_TEST

/* ---- threads (also run under helgrind by make threadcheck) --------------------------------- */

START_TEST(test_threads_sweep_with_variants)
{
    char *y = with_variants("variants:\n"
                            "  dear:\n"
                            "    unit.beta.line.value: 200\n"
                            "  gone:\n"
                            "    enterprise.alpha-:\n");
    static const char *const sets[] = {"targets.ratios.orange.NOx=0.1,0.2,0.3", NULL};
    curtail_scenario *s = load_text(y);
    curtail_sweep *w1 = sweep_run(s, 1, 0, 0, 0, sets), *w3 = sweep_run(s, 3, 0, 0, 0, sets);
    char *a = table(w1, CURTAIL_FORMAT_CSV, NULL), *b = table(w3, CURTAIL_FORMAT_CSV, NULL);
    ck_assert_str_eq(a, b);
    ck_assert_ptr_nonnull(strstr(a, "\ngone,0.1,yellow,optimal,"));
    curtail_buffer_free(a);
    curtail_buffer_free(b);
    curtail_sweep_free(w1);
    curtail_sweep_free(w3);
    curtail_scenario_free(s);
    free(y);
}
END_TEST

static Suite *sweep_suite(void)
{
    Suite *s = suite_create("sweep");
    TCase *ov = tcase_create("override"), *va = tcase_create("variants"),
          *sw = tcase_create("sweep"), *th = tcase_create("threads");
    tcase_set_timeout(sw, 120);
    tcase_set_timeout(th, 300);
    tcase_add_test(ov, test_clone_is_independent);
    tcase_add_test(ov, test_override_targets);
    tcase_add_test(ov, test_override_extra_and_policy);
    tcase_add_test(ov, test_override_enterprise_and_unit);
    tcase_add_test(ov, test_override_unit_removal_on_example);
    tcase_add_test(ov, test_override_errors);
    tcase_add_test(ov, test_override_message_is_the_loaders);
    suite_add_tcase(s, ov);
    tcase_add_test(va, test_variant_errors_at_their_line);
    tcase_add_test(va, test_variant_apply);
    suite_add_tcase(s, va);
    tcase_add_test(sw, test_sweep_cost_curve_exact);
    tcase_add_test(sw, test_sweep_rows_and_failures);
    tcase_add_test(sw, test_sweep_write_bureau_formats);
    tcase_add_test(sw, test_sweep_threads_same_bytes);
    tcase_add_test(sw, test_sweep_shards_concatenate);
    tcase_add_test(sw, test_sweep_warm_equals_cold);
    tcase_add_test(sw, test_sweep_progress_cancels);
    tcase_add_test(sw, test_sweep_set_errors);
    tcase_add_test(sw, test_cli_sweep);
    suite_add_tcase(s, sw);
    tcase_add_test(th, test_threads_sweep_with_variants);
    suite_add_tcase(s, th);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(sweep_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
