/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_plan.c — the plan LP (SPEC §5) against hand-computed optima.
 *
 * Every scenario here is small enough to solve by hand; the derivation of each
 * number is in tests/plan_cases/README.md and the LP written out by hand in
 * tests/plan_cases/<case>.lp (solved with glpsol and clp as a second opinion).
 * Each case is solved with both CURTAIL_METHOD_AUTO and CURTAIL_METHOD_PLAIN,
 * on each LP engine of the build (GLPK; Clp where built with it), which must
 * agree on every reported number that is unique (objective, lost values,
 * targets, shadow prices; the loads asserted here are unique optima too), and
 * on the objective to 1e-9 relative.
 */
#include "curtail.h"
#include "testutil.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ----------------------------------------------------------------- */

/* 1e-6 relative, absolute near zero. */
#define ASSERT_NEAR(got, want)                                                           \
    ck_assert_double_eq_tol((got), (want), 1e-6 * fmax(1.0, fabs((double)(want))))

static double first_objective; /* configuration 0's, in the running case */

#define CASES CURTAIL_SOURCE_DIR "/tests/plan_cases/"

/* The text of tests/plan_cases/<name>.yaml (free() it). */
static char *case_text(const char *name, size_t *len)
{
    char path[1024];
    char *text;
    snprintf(path, sizeof path, CASES "%s.yaml", name);
    text = tu_read_file(path, len);
    ck_assert_msg(text != NULL, "cannot read %s", path);
    return text;
}

/* tests/plan_cases/<name>.yaml, loaded as "case.yaml" (for the messages). */
static curtail_scenario *load(const char *name)
{
    curtail_scenario *s = NULL;
    curtail_error err;
    size_t len;
    char *yaml = case_text(name, &len);
    int rc;
    memset(&err, 0, sizeof err);
    rc = curtail_scenario_load_buffer(&s, yaml, len, "case.yaml", NULL, &err);
    free(yaml);
    ck_assert_msg(rc == CURTAIL_OK, "load failed (%d): %s: %s:%d:%d: %s", rc, err.path,
                  err.file, err.line, err.column, err.message);
    ck_assert_ptr_nonnull(s);
    return s;
}

/* Solve with configuration m; the objective must agree with configuration 0's. */
static curtail_result *solve(const curtail_scenario *s, int m)
{
    curtail_result *r = tu_solve_config(s, m);
    double obj;
    ck_assert_ptr_nonnull(r);
    obj = curtail_result_objective(r);
    if (m == 0)
        first_objective = obj;
    else
        ck_assert_msg(fabs(obj - first_objective) <= 1e-9 * fmax(1.0, fabs(first_objective)),
                      "configuration %d: objective %.17g, configuration 0: %.17g", m, obj,
                      first_objective);
    return r;
}

static curtail_level_result level(const curtail_result *r, curtail_level l)
{
    curtail_level_result lr;
    curtail_error err;
    memset(&lr, 0, sizeof lr);
    ck_assert_int_eq(curtail_result_level(r, l, &lr, &err), CURTAIL_OK);
    return lr;
}

static curtail_unit_result unit(const curtail_result *r, curtail_level l, const char *ent,
                                const char *id)
{
    curtail_unit_result ur;
    curtail_error err;
    size_t i, n = curtail_result_unit_count(r);
    for (i = 0; i < n; i++) {
        ck_assert_int_eq(curtail_result_unit(r, l, i, &ur, &err), CURTAIL_OK);
        if (strcmp(ur.enterprise, ent) == 0 && strcmp(ur.unit, id) == 0)
            return ur;
    }
    ck_abort_msg("unit %s/%s not in the result", ent, id);
    memset(&ur, 0, sizeof ur);
    return ur;
}

static void assert_load(const curtail_result *r, curtail_level l, const char *ent,
                        const char *id, double want)
{
    curtail_unit_result ur = unit(r, l, ent, id);
    ASSERT_NEAR(ur.load, want);
}

static void assert_bounds(const curtail_result *r, curtail_level l, const char *ent,
                          const char *id, double lo, double hi)
{
    curtail_unit_result ur = unit(r, l, ent, id);
    ASSERT_NEAR(ur.lo, lo);
    ASSERT_NEAR(ur.hi, hi);
}

static void assert_target(const curtail_level_result *lr, curtail_pollutant p, double baseline,
                          double required, double achieved, double shortfall, double price)
{
    const curtail_target *t = &lr->targets[p];
    ASSERT_NEAR(t->baseline, baseline);
    ASSERT_NEAR(t->required, required);
    ASSERT_NEAR(t->achieved, achieved);
    ASSERT_NEAR(t->shortfall, shortfall);
    ASSERT_NEAR(t->shadow_price, price);
}

static void assert_losses(const curtail_result *r, curtail_level l, double lost, double weighted)
{
    curtail_level_result lr = level(r, l);
    ASSERT_NEAR(lr.lost_value, lost);
    ASSERT_NEAR(lr.weighted_loss, weighted);
}

static int result_warns_about(const curtail_result *r, const char *needle)
{
    size_t i, n = curtail_result_warning_count(r);
    for (i = 0; i < n; i++)
        if (strstr(curtail_result_warning(r, i), needle))
            return 1;
    return 0;
}

/* ---- a. the mandatory measures alone meet every target ---------------------------- */


START_TEST(test_plan_mandatory_only)
{
    const double oven_hi = 0.95 * 22.0 / 36.0; /* B: 36 h at orange and red */
    const double oven_cut = 0.95 - oven_hi;
    /* B: SO2 66.025, NOx 593.18 + 225, PM 39.425, VOCs 950 + 900 + 500 */
    const double B[4] = {66.025, 818.18, 39.425, 2350.0};
    int m;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_scenario *s = load("mandatory");
        curtail_result *r = solve(s, m);
        curtail_level_result y, o, rd;
        curtail_unit_result ur;

        ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
        /* loads = the rule bounds; the C reactor (lo 0) is not cut further */
        assert_load(r, CURTAIL_YELLOW, "coke_b", "oven", 0.95);
        assert_bounds(r, CURTAIL_YELLOW, "coke_b", "oven", 0.95, 0.95);
        assert_load(r, CURTAIL_ORANGE, "coke_b", "oven", oven_hi);
        assert_bounds(r, CURTAIL_ORANGE, "coke_b", "oven", oven_hi, oven_hi);
        assert_load(r, CURTAIL_RED, "coke_b", "oven", oven_hi);
        ur = unit(r, CURTAIL_ORANGE, "coke_b", "oven");
        ck_assert_int_eq(ur.measure, CURTAIL_MEASURE_COKING_TIME);
        ASSERT_NEAR(ur.measure_value, 36.0);
        ASSERT_NEAR(ur.base_load, 0.95);
        ur = unit(r, CURTAIL_YELLOW, "coke_b", "oven");
        ck_assert_int_eq(ur.measure, CURTAIL_MEASURE_NONE);

        assert_load(r, CURTAIL_YELLOW, "chem_c", "reactor", 0.9 * 0.9);
        assert_bounds(r, CURTAIL_YELLOW, "chem_c", "reactor", 0.0, 0.81);
        assert_load(r, CURTAIL_ORANGE, "chem_c", "reactor", 0.9 * 0.8); /* cut 0.2 -> b*0.8 */
        assert_bounds(r, CURTAIL_ORANGE, "chem_c", "reactor", 0.0, 0.72);
        ur = unit(r, CURTAIL_ORANGE, "chem_c", "reactor");
        ck_assert_int_eq(ur.measure, CURTAIL_MEASURE_CUT);
        ASSERT_NEAR(ur.measure_value, 0.2);
        assert_load(r, CURTAIL_RED, "chem_c", "reactor", 0.9 * 0.7);
        /* C interruptible batch unit stops at every level */
        assert_load(r, CURTAIL_YELLOW, "chem_c", "batch", 0.0);
        assert_bounds(r, CURTAIL_YELLOW, "chem_c", "batch", 0.0, 0.0);
        assert_load(r, CURTAIL_RED, "chem_c", "batch", 0.0);
        ur = unit(r, CURTAIL_YELLOW, "chem_c", "batch");
        ck_assert_int_eq(ur.measure, CURTAIL_MEASURE_STOP);
        ASSERT_NEAR(ur.reduction[CURTAIL_VOCS], 500.0);

        /* the objective is the weighted loss of the mandatory measures themselves:
         * yellow 2*100000*0.09 + 2*10000 = 38000;
         * orange 4*400000*oven_cut + 2*100000*0.18 + 20000;
         * red    4*400000*oven_cut + 2*100000*0.27 + 20000 */
        ASSERT_NEAR(curtail_result_objective(r),
                    38000.0 + 2 * 4 * 400000.0 * oven_cut + 36000.0 + 54000.0 + 40000.0);
        assert_losses(r, CURTAIL_YELLOW, 9000.0 + 10000.0, 38000.0);
        assert_losses(r, CURTAIL_ORANGE, 400000.0 * oven_cut + 18000.0 + 10000.0,
                      4 * 400000.0 * oven_cut + 36000.0 + 20000.0);
        assert_losses(r, CURTAIL_RED, 400000.0 * oven_cut + 27000.0 + 10000.0,
                      4 * 400000.0 * oven_cut + 54000.0 + 20000.0);

        y = level(r, CURTAIL_YELLOW);
        o = level(r, CURTAIL_ORANGE);
        rd = level(r, CURTAIL_RED);
        ck_assert_int_eq(y.status, CURTAIL_OPTIMAL);
        /* yellow: only NOx and VOCs have a target */
        assert_target(&y, CURTAIL_SO2, B[0], 0.0, 0.0, 0.0, 0.0);
        assert_target(&y, CURTAIL_NOX, B[1], 0.02 * B[1], 22.5, 0.0, 0.0);
        assert_target(&y, CURTAIL_PM, B[2], 0.0, 0.0, 0.0, 0.0);
        assert_target(&y, CURTAIL_VOCS, B[3], 0.10 * B[3], 90.0 + 500.0, 0.0, 0.0);
        assert_target(&o, CURTAIL_SO2, B[0], 0.2 * B[0], 69.5 * oven_cut, 0.0, 0.0);
        assert_target(&o, CURTAIL_NOX, B[1], 0.2 * B[1], 624.4 * oven_cut + 45.0, 0.0, 0.0);
        assert_target(&o, CURTAIL_PM, B[2], 0.2 * B[2], 41.5 * oven_cut, 0.0, 0.0);
        assert_target(&o, CURTAIL_VOCS, B[3], 0.2 * B[3], 1000.0 * oven_cut + 180.0 + 500.0,
                      0.0, 0.0);
        assert_target(&rd, CURTAIL_NOX, B[1], 0.3 * B[1], 624.4 * oven_cut + 67.5, 0.0, 0.0);
        assert_target(&rd, CURTAIL_VOCS, B[3], 0.3 * B[3], 1000.0 * oven_cut + 270.0 + 500.0,
                      0.0, 0.0);
        curtail_result_free(r);
        curtail_scenario_free(s);
    }
}
END_TEST

/* ---- b. one binding target, the cheaper group cut first --------------------------- */


START_TEST(test_plan_knapsack_cheapest_first)
{
    int m;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_scenario *s = load("knapsack");
        curtail_result *r = solve(s, m);
        curtail_level_result y, o, rd;

        ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
        /* beta costs 2*30*200/400 = 30 yuan per kg, alpha 2*50*100/100 = 100 */
        assert_load(r, CURTAIL_YELLOW, "beta", "line", 0.875);
        assert_load(r, CURTAIL_YELLOW, "alpha", "line", 1.0);
        assert_load(r, CURTAIL_ORANGE, "beta", "line", 0.75);
        assert_load(r, CURTAIL_ORANGE, "alpha", "line", 1.0);
        /* red needs 400 kg: beta down to its min_load (320 kg), alpha the rest */
        assert_load(r, CURTAIL_RED, "beta", "line", 0.2);
        assert_load(r, CURTAIL_RED, "alpha", "line", 0.2);
        assert_bounds(r, CURTAIL_RED, "beta", "line", 0.2, 1.0);

        ASSERT_NEAR(curtail_result_objective(r), 1500.0 + 3000.0 + 17600.0);
        assert_losses(r, CURTAIL_YELLOW, 750.0, 1500.0);
        assert_losses(r, CURTAIL_ORANGE, 1500.0, 3000.0);
        assert_losses(r, CURTAIL_RED, 8800.0, 17600.0);
        y = level(r, CURTAIL_YELLOW);
        o = level(r, CURTAIL_ORANGE);
        rd = level(r, CURTAIL_RED);
        assert_target(&y, CURTAIL_NOX, 500.0, 50.0, 50.0, 0.0, 30.0);
        assert_target(&o, CURTAIL_NOX, 500.0, 100.0, 100.0, 0.0, 30.0);
        assert_target(&rd, CURTAIL_NOX, 500.0, 400.0, 400.0, 0.0, 100.0);
        assert_target(&rd, CURTAIL_SO2, 0.0, 0.0, 0.0, 0.0, 0.0);
        curtail_result_free(r);
        curtail_scenario_free(s);
    }
}
END_TEST

/* ---- c. nesting binds ------------------------------------------------------------ */


START_TEST(test_plan_nesting_targets)
{
    int m;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_scenario *s = load("nesting");
        curtail_result *r = solve(s, m);
        curtail_level_result y, o, rd;

        ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
        /* orange would need only 20 kg, but x_orange <= x_yellow keeps 60 */
        assert_load(r, CURTAIL_YELLOW, "cheap", "line", 0.4);
        assert_load(r, CURTAIL_ORANGE, "cheap", "line", 0.4);
        assert_load(r, CURTAIL_RED, "cheap", "line", 0.2);
        assert_load(r, CURTAIL_YELLOW, "dear", "line", 1.0);
        assert_load(r, CURTAIL_ORANGE, "dear", "line", 1.0);
        assert_load(r, CURTAIL_RED, "dear", "line", 1.0);
        ASSERT_NEAR(curtail_result_objective(r), 2000.0);
        assert_losses(r, CURTAIL_YELLOW, 600.0, 600.0);
        assert_losses(r, CURTAIL_ORANGE, 600.0, 600.0);
        assert_losses(r, CURTAIL_RED, 800.0, 800.0);
        y = level(r, CURTAIL_YELLOW);
        o = level(r, CURTAIL_ORANGE);
        rd = level(r, CURTAIL_RED);
        /* a kg more at yellow costs 10 at yellow and 10 at orange (nesting) */
        assert_target(&y, CURTAIL_NOX, 200.0, 60.0, 60.0, 0.0, 20.0);
        assert_target(&o, CURTAIL_NOX, 200.0, 20.0, 60.0, 0.0, 0.0);
        assert_target(&rd, CURTAIL_NOX, 200.0, 80.0, 80.0, 0.0, 10.0);
        curtail_result_free(r);
        curtail_scenario_free(s);
    }
}
END_TEST


START_TEST(test_plan_nesting_rule_carries_up)
{
    int m;
    double obj[4];
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_scenario *s = load("nesting_rule");
        curtail_result *r = solve(s, m);
        ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
        assert_bounds(r, CURTAIL_YELLOW, "kiln", "line", 0.0, 0.5);
        assert_bounds(r, CURTAIL_ORANGE, "kiln", "line", 0.0, 1.0);
        assert_load(r, CURTAIL_YELLOW, "kiln", "line", 0.5);
        assert_load(r, CURTAIL_ORANGE, "kiln", "line", 0.5);
        assert_load(r, CURTAIL_RED, "kiln", "line", 0.5);
        obj[m] = curtail_result_objective(r);
        ASSERT_NEAR(obj[m], 3 * 2 * 1000.0 * 0.5);
        assert_losses(r, CURTAIL_ORANGE, 500.0, 1000.0);
        curtail_result_free(r);
        curtail_scenario_free(s);
    }
    ASSERT_NEAR(obj[0], obj[1]);
}
END_TEST

/* ---- d. targets that cannot be met ------------------------------------------------ */


START_TEST(test_plan_unmet_shortfall)
{
    int m;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_scenario *s = load("unmet");
        curtail_result *r = solve(s, m);
        curtail_level_result y, o, rd;

        ck_assert_int_eq(curtail_result_status(r), CURTAIL_TARGETS_UNMET);
        /* red NOx: 60 required, kiln at its min_load gives 50 */
        assert_load(r, CURTAIL_RED, "kiln", "line", 0.5);
        assert_load(r, CURTAIL_RED, "boil", "line", 0.7);
        assert_load(r, CURTAIL_YELLOW, "kiln", "line", 0.9);
        assert_load(r, CURTAIL_YELLOW, "boil", "line", 0.9);
        assert_load(r, CURTAIL_ORANGE, "kiln", "line", 0.8);
        assert_load(r, CURTAIL_ORANGE, "boil", "line", 0.8);
        ASSERT_NEAR(curtail_result_objective(r), 1400.0);
        assert_losses(r, CURTAIL_YELLOW, 200.0, 200.0);
        assert_losses(r, CURTAIL_ORANGE, 400.0, 400.0);
        assert_losses(r, CURTAIL_RED, 800.0, 800.0);
        y = level(r, CURTAIL_YELLOW);
        o = level(r, CURTAIL_ORANGE);
        rd = level(r, CURTAIL_RED);
        ck_assert_int_eq(y.status, CURTAIL_OPTIMAL);
        ck_assert_int_eq(o.status, CURTAIL_OPTIMAL);
        ck_assert_int_eq(rd.status, CURTAIL_TARGETS_UNMET);
        assert_target(&y, CURTAIL_NOX, 100.0, 10.0, 10.0, 0.0, 10.0);
        assert_target(&y, CURTAIL_SO2, 200.0, 20.0, 20.0, 0.0, 5.0);
        assert_target(&o, CURTAIL_NOX, 100.0, 20.0, 20.0, 0.0, 10.0);
        assert_target(&o, CURTAIL_SO2, 200.0, 40.0, 40.0, 0.0, 5.0);
        assert_target(&rd, CURTAIL_SO2, 200.0, 60.0, 60.0, 0.0, 5.0);
        /* the unmet row's dual is not unique (phase-2 budget row): not asserted */
        ASSERT_NEAR(rd.targets[CURTAIL_NOX].required, 60.0);
        ASSERT_NEAR(rd.targets[CURTAIL_NOX].achieved, 50.0);
        ASSERT_NEAR(rd.targets[CURTAIL_NOX].shortfall, 10.0);
        curtail_result_free(r);
        curtail_scenario_free(s);
    }
}
END_TEST

/* ---- e. base: totals ------------------------------------------------------------------ */


START_TEST(test_plan_totals_binding)
{
    int m;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_scenario *s = load("totals");
        curtail_result *r = solve(s, m);
        curtail_level_result y, o, rd;

        ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
        /* D: cut 0.2 / 0.3 / 0.5; NOx needs 110 / 220 / 330 kg of E 600 */
        assert_load(r, CURTAIL_YELLOW, "synth", "reactor", 0.8);
        assert_load(r, CURTAIL_ORANGE, "synth", "reactor", 1.0 - 220.0 / 600.0);
        assert_load(r, CURTAIL_RED, "synth", "reactor", 0.45);
        assert_bounds(r, CURTAIL_RED, "synth", "reactor", 0.0, 0.5);
        ASSERT_NEAR(curtail_result_objective(r), 20000.0 + 100000.0 * 220.0 / 600.0 + 55000.0);
        assert_losses(r, CURTAIL_YELLOW, 20000.0, 20000.0);
        assert_losses(r, CURTAIL_RED, 55000.0, 55000.0);
        y = level(r, CURTAIL_YELLOW);
        o = level(r, CURTAIL_ORANGE);
        rd = level(r, CURTAIL_RED);
        /* the baseline is the county total, not the list's 600 + 50 kg/d */
        assert_target(&y, CURTAIL_NOX, 1100.0, 110.0, 120.0, 0.0, 0.0);
        assert_target(&y, CURTAIL_VOCS, 1500.0, 150.0, 200.0, 0.0, 0.0);
        assert_target(&y, CURTAIL_SO2, 0.0, 0.0, 0.0, 0.0, 0.0);
        assert_target(&o, CURTAIL_NOX, 1100.0, 220.0, 220.0, 0.0, 100000.0 / 600.0);
        assert_target(&o, CURTAIL_VOCS, 1500.0, 300.0, 1000.0 * 220.0 / 600.0, 0.0, 0.0);
        assert_target(&rd, CURTAIL_NOX, 1100.0, 330.0, 330.0, 0.0, 100000.0 / 600.0);
        assert_target(&rd, CURTAIL_VOCS, 1500.0, 450.0, 550.0, 0.0, 0.0);
        curtail_result_free(r);
        curtail_scenario_free(s);
    }
}
END_TEST

/* ---- f. follower groups ------------------------------------------------------------- */


START_TEST(test_plan_followers_share_load)
{
    const double lo = 0.9 * 22.0 / 72.0; /* base·T0/Tmax: the 72 h floor */
    int m;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_scenario *s = load("followers");
        curtail_result *r = solve(s, m);
        curtail_level_result y, o, rd;
        curtail_unit_result ur;
        const char *ids[3] = {"oven", "byproduct", "prep"};
        int i;

        ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
        for (i = 0; i < 3; i++) {
            assert_load(r, CURTAIL_YELLOW, "coke_c", ids[i], 0.55);
            assert_load(r, CURTAIL_ORANGE, "coke_c", ids[i], 0.4125);
            assert_load(r, CURTAIL_RED, "coke_c", ids[i], 0.36);
            ur = unit(r, CURTAIL_RED, "coke_c", ids[i]);
            ASSERT_NEAR(ur.base_load, 0.9); /* the leader's */
        }
        assert_bounds(r, CURTAIL_YELLOW, "coke_c", "oven", lo, 0.55);
        assert_bounds(r, CURTAIL_ORANGE, "coke_c", "oven", lo, 0.4125);
        /* red: VOCs 540 of E 600 + 400 -> cut 0.54; reductions split by unit */
        ur = unit(r, CURTAIL_RED, "coke_c", "oven");
        ASSERT_NEAR(ur.reduction[CURTAIL_VOCS], 600.0 * 0.54);
        ASSERT_NEAR(ur.reduction[CURTAIL_NOX], 624.4 * 0.54);
        ur = unit(r, CURTAIL_RED, "coke_c", "byproduct");
        ASSERT_NEAR(ur.reduction[CURTAIL_VOCS], 400.0 * 0.54);
        ur = unit(r, CURTAIL_RED, "coke_c", "prep");
        ASSERT_NEAR(ur.reduction[CURTAIL_PM], 26.0 * 0.54);

        /* V = 400*1000 + 50*1000, w(C) = 2 */
        ASSERT_NEAR(curtail_result_objective(r), 900000.0 * (0.35 + 0.4875 + 0.54));
        assert_losses(r, CURTAIL_YELLOW, 450000.0 * 0.35, 900000.0 * 0.35);
        assert_losses(r, CURTAIL_ORANGE, 450000.0 * 0.4875, 900000.0 * 0.4875);
        assert_losses(r, CURTAIL_RED, 450000.0 * 0.54, 900000.0 * 0.54);
        y = level(r, CURTAIL_YELLOW);
        o = level(r, CURTAIL_ORANGE);
        rd = level(r, CURTAIL_RED);
        assert_target(&y, CURTAIL_VOCS, 900.0, 90.0, 350.0, 0.0, 0.0);
        assert_target(&y, CURTAIL_PM, 60.75, 6.075, 67.5 * 0.35, 0.0, 0.0);
        assert_target(&o, CURTAIL_NOX, 561.96, 112.392, 624.4 * 0.4875, 0.0, 0.0);
        assert_target(&rd, CURTAIL_VOCS, 900.0, 540.0, 540.0, 0.0, 900000.0 / 1000.0);
        assert_target(&rd, CURTAIL_PM, 60.75, 18.225, 67.5 * 0.54, 0.0, 0.0);
        assert_target(&rd, CURTAIL_SO2, 62.55, 18.765, 69.5 * 0.54, 0.0, 0.0);
        curtail_result_free(r);
        curtail_scenario_free(s);
    }
}
END_TEST

/* ---- g. guarantee and phase_out ------------------------------------------------------- */


START_TEST(test_plan_guarantee_and_phase_out)
{
    const double hi48 = 20.0 / 48.0, lo = 20.0 / 72.0;
    const double cut_o = 198.752 / 312.2; /* orange NOx 0.16 * 1242.2 over E 312.2 */
    int m;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_scenario *s = load("guarantee");
        curtail_result *r = solve(s, m);
        curtail_level_result y, o, rd;
        curtail_unit_result ur;
        int l;

        ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
        for (l = 0; l < CURTAIL_NLEVELS; l++) {
            assert_load(r, (curtail_level)l, "heat", "boiler1", 0.9);
            assert_bounds(r, (curtail_level)l, "heat", "boiler1", 0.9, 0.9);
        }
        /* phase_out: B -> D: 48 h at yellow/orange, hot idle at red */
        assert_bounds(r, CURTAIL_YELLOW, "old43", "oven43", lo, hi48);
        assert_load(r, CURTAIL_YELLOW, "old43", "oven43", hi48);
        assert_load(r, CURTAIL_ORANGE, "old43", "oven43", 1.0 - cut_o);
        assert_load(r, CURTAIL_RED, "old43", "oven43", 0.0);
        assert_bounds(r, CURTAIL_RED, "old43", "oven43", 0.0, 0.0);
        ur = unit(r, CURTAIL_RED, "old43", "oven43");
        ck_assert_int_eq(ur.measure, CURTAIL_MEASURE_STOP);
        ASSERT_NEAR(ur.reduction[CURTAIL_NOX], 312.2); /* the fixed 30 kg/d stay */
        ASSERT_NEAR(ur.reduction[CURTAIL_SO2], 34.75);
        ur = unit(r, CURTAIL_ORANGE, "old43", "oven43");
        ck_assert_int_eq(ur.measure, CURTAIL_MEASURE_COKING_TIME);
        ASSERT_NEAR(ur.measure_value, 48.0);

        ASSERT_NEAR(curtail_result_objective(r),
                    175000.0 * (1.0 - hi48) + 175000.0 * cut_o + 175000.0);
        assert_losses(r, CURTAIL_YELLOW, 175000.0 * (1.0 - hi48), 175000.0 * (1.0 - hi48));
        assert_losses(r, CURTAIL_ORANGE, 175000.0 * cut_o, 175000.0 * cut_o);
        assert_losses(r, CURTAIL_RED, 175000.0, 175000.0);
        y = level(r, CURTAIL_YELLOW);
        o = level(r, CURTAIL_ORANGE);
        rd = level(r, CURTAIL_RED);
        /* baselines include the fixed (hot-idle) emissions */
        assert_target(&y, CURTAIL_VOCS, 500.0, 50.0, 500.0 * (1.0 - hi48), 0.0, 0.0);
        assert_target(&o, CURTAIL_NOX, 1242.2, 198.752, 198.752, 0.0, 175000.0 / 312.2);
        assert_target(&rd, CURTAIL_SO2, 219.75, 21.975, 34.75, 0.0, 0.0);
        assert_target(&rd, CURTAIL_NOX, 1242.2, 248.44, 312.2, 0.0, 0.0);
        assert_target(&rd, CURTAIL_PM, 56.75, 11.35, 20.75, 0.0, 0.0);
        curtail_result_free(r);
        curtail_scenario_free(s);
    }
}
END_TEST

/* ---- h. grade weights ------------------------------------------------------------------ */


START_TEST(test_plan_weights_pick_lower_weighted_cost)
{
    int m;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_scenario *s = load("weights");
        curtail_result *r = solve(s, m);
        curtail_level_result y, o, rd;
        ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
        assert_load(r, CURTAIL_YELLOW, "cplant", "line", 0.5);
        assert_load(r, CURTAIL_YELLOW, "dplant", "line", 1.0);
        assert_load(r, CURTAIL_ORANGE, "cplant", "line", 0.0);
        assert_load(r, CURTAIL_ORANGE, "dplant", "line", 0.8);
        assert_load(r, CURTAIL_RED, "cplant", "line", 0.0);
        assert_load(r, CURTAIL_RED, "dplant", "line", 0.5);
        ASSERT_NEAR(curtail_result_objective(r), 500.0 + 1600.0 + 2500.0);
        assert_losses(r, CURTAIL_YELLOW, 500.0, 500.0);
        assert_losses(r, CURTAIL_ORANGE, 1200.0, 1600.0);
        assert_losses(r, CURTAIL_RED, 1500.0, 2500.0);
        y = level(r, CURTAIL_YELLOW);
        o = level(r, CURTAIL_ORANGE);
        rd = level(r, CURTAIL_RED);
        assert_target(&y, CURTAIL_NOX, 200.0, 50.0, 50.0, 0.0, 10.0);
        assert_target(&o, CURTAIL_NOX, 200.0, 120.0, 120.0, 0.0, 30.0);
        assert_target(&rd, CURTAIL_NOX, 200.0, 150.0, 150.0, 0.0, 30.0);
        curtail_result_free(r);
        curtail_scenario_free(s);
    }
}
END_TEST

START_TEST(test_plan_weights_default_cut_d_first)
{
    int m;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_scenario *s = load("weights_default");
        curtail_result *r = solve(s, m);
        curtail_level_result y, o, rd;
        ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
        assert_load(r, CURTAIL_YELLOW, "cplant", "line", 1.0);
        assert_load(r, CURTAIL_YELLOW, "dplant", "line", 0.5);
        assert_load(r, CURTAIL_ORANGE, "cplant", "line", 0.8);
        assert_load(r, CURTAIL_ORANGE, "dplant", "line", 0.0);
        assert_load(r, CURTAIL_RED, "cplant", "line", 0.5);
        assert_load(r, CURTAIL_RED, "dplant", "line", 0.0);
        ASSERT_NEAR(curtail_result_objective(r), 500.0 + 1400.0 + 2000.0);
        assert_losses(r, CURTAIL_ORANGE, 1200.0, 1400.0);
        assert_losses(r, CURTAIL_RED, 1500.0, 2000.0);
        y = level(r, CURTAIL_YELLOW);
        o = level(r, CURTAIL_ORANGE);
        rd = level(r, CURTAIL_RED);
        assert_target(&y, CURTAIL_NOX, 200.0, 50.0, 50.0, 0.0, 10.0);
        assert_target(&o, CURTAIL_NOX, 200.0, 120.0, 120.0, 0.0, 20.0);
        assert_target(&rd, CURTAIL_NOX, 200.0, 150.0, 150.0, 0.0, 20.0);
        curtail_result_free(r);
        curtail_scenario_free(s);
    }
}
END_TEST

/* ---- the shipped example ------------------------------------------------------------ */

/* examples/xiangyuan.yaml: the optimum from tests/plan_cases/refplan.py (glpsol)
 * and from clp on `curtail export`; the binding prices are hand-checkable:
 * yellow NOx 160 = the D brick kiln's 1*80*300 / (0.5*300); orange PM 2000 = the
 * D mine boiler's 100*480 / (0.05*480); red NOx 1250 = the D tar plant's
 * 250*300 / (0.2*300). */
/* ---- the table: every case's objective as tests/plan_cases/expected.tsv has it ------ */

/* Each row whose case is a scenario (not "-"), solved on every configuration,
 * reports the objective of the row: the same number glpsol finds for the
 * hand-written LP (tests/crosscheck.sh). */
START_TEST(test_plan_expected_table)
{
    size_t len, rows = 0;
    char *text = NULL, *line, *next;
    char path[1024];
    snprintf(path, sizeof path, CASES "expected.tsv");
    text = tu_read_file(path, &len);
    ck_assert_msg(text != NULL, "cannot read %s", path);
    for (line = text; *line; line = next) {
        char lp[64], name[64];
        double want;
        int m;
        next = strchr(line, '\n');
        next = next ? next + 1 : line + strlen(line);
        if (line[0] == '#' || line[0] == '\n')
            continue;
        ck_assert_msg(sscanf(line, "%63[^\t]\t%63[^\t]\t%lf", lp, name, &want) == 3,
                      "expected.tsv: bad row: %s", line);
        rows++;
        if (strcmp(name, "-") == 0)
            continue;
        for (m = 0; m < TU_NCONFIGS; m++) {
            curtail_scenario *s = load(name);
            curtail_result *r = solve(s, m);
            ck_assert_msg(fabs(curtail_result_objective(r) - want) <= 1e-9 * fmax(1.0, fabs(want)),
                          "%s: objective %.17g, expected.tsv %.17g", name,
                          curtail_result_objective(r), want);
            curtail_result_free(r);
            curtail_scenario_free(s);
        }
    }
    ck_assert_uint_eq(rows, 14); /* one per hand-written .lp */
    free(text);
}
END_TEST

START_TEST(test_plan_example_xiangyuan)
{
    int m;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_scenario *s = NULL;
        curtail_result *r;
        curtail_error err;
        curtail_level_result y, o, rd;
        memset(&err, 0, sizeof err);
        ck_assert_msg(curtail_scenario_load_file(&s, CURTAIL_SOURCE_DIR "/examples/xiangyuan.yaml",
                                                 NULL, &err) == CURTAIL_OK,
                      "%s:%d:%d: %s: %s", err.file, err.line, err.column, err.path, err.message);
        r = solve(s, m);
        ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
        /* issue 9: the tunnel kiln has min_load 0.6 and stops at red (a
         * scenario rule); its yellow/orange cut stops at 60 %, so others cut
         * more (values checked by crosscheck.sh against glpsol and clp) */
        ASSERT_NEAR(curtail_result_objective(r), 7386142.000364412);
        assert_losses(r, CURTAIL_YELLOW, 596309.0, 671873.0);
        assert_losses(r, CURTAIL_ORANGE, 1245243.8128644128, 3053234.312864412);
        assert_losses(r, CURTAIL_RED, 1730092.1875, 3661034.6875);
        y = level(r, CURTAIL_YELLOW);
        o = level(r, CURTAIL_ORANGE);
        rd = level(r, CURTAIL_RED);
        assert_target(&y, CURTAIL_NOX, 7400.0, 740.0, 740.0, 0.0, 222.222222222);
        assert_target(&y, CURTAIL_VOCS, 10000.0, 1000.0, 1412.125, 0.0, 0.0);
        assert_target(&o, CURTAIL_PM, 1100.0, 220.0, 220.0, 0.0, 3825.13661202);
        assert_target(&o, CURTAIL_NOX, 7400.0, 1480.0, 1613.2362951113876, 0.0, 0.0);
        assert_target(&rd, CURTAIL_NOX, 7400.0, 2220.0, 2220.0, 0.0, 1250.0);
        assert_target(&rd, CURTAIL_SO2, 1450.0, 435.0, 448.3880875, 0.0, 0.0);
        assert_load(r, CURTAIL_YELLOW, "jiancai", "kiln", 0.6);
        assert_load(r, CURTAIL_ORANGE, "jiancai", "kiln", 0.6);
        assert_load(r, CURTAIL_ORANGE, "mine_b", "boiler", 0.0);
        assert_load(r, CURTAIL_RED, "bing", "tar", 0.3343375);
        assert_load(r, CURTAIL_RED, "mine_a", "boiler", 0.3);
        assert_load(r, CURTAIL_RED, "heating", "boiler2", 0.8);
        assert_load(r, CURTAIL_RED, "yi", "prep", 0.0);
        ck_assert_msg(result_warns_about(r, "enterprises[9]"),
                      "no warning for the 20 t/h coal boiler");
        curtail_result_free(r);
        curtail_scenario_free(s);
    }
}
END_TEST

/* ---- errors ---------------------------------------------------------------------------- */

static void assert_load_fails(const char *name, const char *const *needles, size_t n)
{
    curtail_scenario *s = NULL;
    curtail_error err;
    size_t i, len;
    char *yaml = case_text(name, &len);
    int rc;
    memset(&err, 0, sizeof err);
    rc = curtail_scenario_load_buffer(&s, yaml, len, "case.yaml", NULL, &err);
    free(yaml);
    ck_assert_int_eq(rc, CURTAIL_EINPUT);
    ck_assert_int_eq(err.code, CURTAIL_EINPUT);
    ck_assert_ptr_null(s);
    for (i = 0; i < n; i++)
        ck_assert_msg(strstr(err.message, needles[i]) || strstr(err.path, needles[i]),
                      "error does not name '%s': %s: %s", needles[i], err.path, err.message);
}

/* A batch unit (C: stops at every level) follows a reactor with a technical
 * minimum of 0.6: the group's lo 0.6 is above its hi 0. */

START_TEST(test_plan_group_lo_above_hi_is_input_error)
{
    const char *const needles[] = {"reactor7", "batch7"};
    assert_load_fails("group_lo_above_hi", needles, 2);
}
END_TEST

/* A pinned (grade B) unit limited to 0.5 at yellow and free at orange: lo at
 * orange (1) is above hi at yellow (0.5). */

START_TEST(test_plan_impossible_nesting_is_input_error)
{
    curtail_scenario *s = NULL;
    curtail_error err;
    const char *const needles[] = {"kiln9"};
    assert_load_fails("impossible_nesting", needles, 1);
    size_t len;
    char *yaml = case_text("impossible_nesting", &len);
    memset(&err, 0, sizeof err);
    (void)curtail_scenario_load_buffer(&s, yaml, len, "case.yaml", NULL, &err);
    free(yaml);
    /* the two levels: yellow and a stricter one */
    ck_assert_msg(strstr(err.message, "yellow") || strstr(err.message, "黄"),
                  "error does not name the level: %s", err.message);
    ck_assert_msg(strstr(err.message, "orange") || strstr(err.message, "red") ||
                      strstr(err.message, "橙") || strstr(err.message, "红"),
                  "error does not name the stricter level: %s", err.message);
}
END_TEST

START_TEST(test_plan_bad_arguments)
{
    curtail_result *r = (curtail_result *)1;
    curtail_error err;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(curtail_plan_solve(NULL, NULL, &r, &err), CURTAIL_EINVAL);
    ck_assert_int_eq(err.code, CURTAIL_EINVAL);
    curtail_result_free(NULL);
}
END_TEST

/* ---- limits ------------------------------------------------------------------------------ */

/* A built-in rule (D: cut 0.5 at red) below the technical minimum 0.6. */

START_TEST(test_plan_rule_below_min_load)
{
    int m;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_scenario *s = load("below_min");
        curtail_result *r = solve(s, m);
        ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
        assert_bounds(r, CURTAIL_YELLOW, "dchem", "reactor9", 0.6, 0.8);
        assert_bounds(r, CURTAIL_ORANGE, "dchem", "reactor9", 0.6, 0.7);
        assert_bounds(r, CURTAIL_RED, "dchem", "reactor9", 0.6, 0.6);
        assert_load(r, CURTAIL_YELLOW, "dchem", "reactor9", 0.8);
        assert_load(r, CURTAIL_ORANGE, "dchem", "reactor9", 0.7);
        assert_load(r, CURTAIL_RED, "dchem", "reactor9", 0.6);
        ASSERT_NEAR(curtail_result_objective(r), 200.0 + 300.0 + 400.0);
        ck_assert_msg(result_warns_about(r, "reactor9"), "no warning names reactor9");
        curtail_result_free(r);
        curtail_scenario_free(s);
    }
}
END_TEST

/* coking_time_h shorter than the normal coking time gives hi = b. */

START_TEST(test_plan_short_coking_time_keeps_base)
{
    int m;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_scenario *s = load("short_coking");
        curtail_result *r = solve(s, m);
        curtail_level_result y;
        ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
        assert_bounds(r, CURTAIL_YELLOW, "cokec", "oven", 0.9 * 22.0 / 72.0, 0.9);
        assert_bounds(r, CURTAIL_ORANGE, "cokec", "oven", 0.9 * 22.0 / 72.0, 0.4125);
        /* 1 % of 561.96 kg NOx: cut 5.6196 / 624.4 = 0.009 */
        assert_load(r, CURTAIL_YELLOW, "cokec", "oven", 0.891);
        assert_load(r, CURTAIL_ORANGE, "cokec", "oven", 0.4125);
        ASSERT_NEAR(curtail_result_objective(r), 600000.0 * (0.009 + 2 * 0.4875));
        y = level(r, CURTAIL_YELLOW);
        assert_target(&y, CURTAIL_NOX, 561.96, 5.6196, 5.6196, 0.0, 600000.0 / 624.4);
        curtail_result_free(r);
        curtail_scenario_free(s);
    }
}
END_TEST

/* A 5.5 m wet-quenched oven: B- -> C (36 / 48 h, may be cut, weight 2). */

START_TEST(test_plan_wet_quenching_one_grade_stricter)
{
    int m;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_scenario *s = load("wet_step");
        curtail_result *r = solve(s, m);
        ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
        assert_bounds(r, CURTAIL_YELLOW, "wet", "oven", 24.0 / 72.0, 24.0 / 36.0);
        assert_bounds(r, CURTAIL_RED, "wet", "oven", 24.0 / 72.0, 0.5);
        assert_load(r, CURTAIL_YELLOW, "wet", "oven", 24.0 / 36.0);
        assert_load(r, CURTAIL_ORANGE, "wet", "oven", 0.5);
        ASSERT_NEAR(curtail_result_objective(r), 20000.0 * (1.0 / 3.0 + 0.5 + 0.5));
        curtail_result_free(r);
        curtail_scenario_free(s);
    }
}
END_TEST

/* `extra: {grades: []}`: nothing is cut beyond its rule; with no rules at all
 * every target is missed by its whole amount. */

START_TEST(test_plan_no_extra_grades_unmet)
{
    int m;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_scenario *s = load("no_extra");
        curtail_result *r = solve(s, m);
        curtail_level_result y, rd;
        ck_assert_int_eq(curtail_result_status(r), CURTAIL_TARGETS_UNMET);
        assert_bounds(r, CURTAIL_RED, "beta", "line", 1.0, 1.0);
        assert_load(r, CURTAIL_RED, "beta", "line", 1.0);
        assert_load(r, CURTAIL_RED, "alpha", "line", 1.0);
        ASSERT_NEAR(curtail_result_objective(r), 0.0);
        y = level(r, CURTAIL_YELLOW);
        rd = level(r, CURTAIL_RED);
        ck_assert_int_eq(y.status, CURTAIL_TARGETS_UNMET);
        ASSERT_NEAR(y.targets[CURTAIL_NOX].required, 50.0);
        ASSERT_NEAR(y.targets[CURTAIL_NOX].achieved, 0.0);
        ASSERT_NEAR(y.targets[CURTAIL_NOX].shortfall, 50.0);
        ASSERT_NEAR(rd.targets[CURTAIL_NOX].shortfall, 400.0);
        curtail_result_free(r);
        curtail_scenario_free(s);
    }
}
END_TEST

static Suite *plan_suite(void)
{
    Suite *s = suite_create("plan");
    TCase *core = tcase_create("core");
    TCase *errors = tcase_create("errors");
    TCase *limits = tcase_create("limits");

    tcase_set_timeout(core, 60);
    tcase_add_test(core, test_plan_mandatory_only);
    tcase_add_test(core, test_plan_expected_table);
    tcase_add_test(core, test_plan_knapsack_cheapest_first);
    tcase_add_test(core, test_plan_nesting_targets);
    tcase_add_test(core, test_plan_nesting_rule_carries_up);
    tcase_add_test(core, test_plan_unmet_shortfall);
    tcase_add_test(core, test_plan_totals_binding);
    tcase_add_test(core, test_plan_followers_share_load);
    tcase_add_test(core, test_plan_guarantee_and_phase_out);
    tcase_add_test(core, test_plan_weights_pick_lower_weighted_cost);
    tcase_add_test(core, test_plan_weights_default_cut_d_first);
    tcase_add_test(core, test_plan_example_xiangyuan);
    suite_add_tcase(s, core);

    tcase_add_test(errors, test_plan_group_lo_above_hi_is_input_error);
    tcase_add_test(errors, test_plan_impossible_nesting_is_input_error);
    tcase_add_test(errors, test_plan_bad_arguments);
    suite_add_tcase(s, errors);

    tcase_add_test(limits, test_plan_rule_below_min_load);
    tcase_add_test(limits, test_plan_short_coking_time_keeps_base);
    tcase_add_test(limits, test_plan_wet_quenching_one_grade_stricter);
    tcase_add_test(limits, test_plan_no_extra_grades_unmet);
    suite_add_tcase(s, limits);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(plan_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
