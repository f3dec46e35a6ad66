/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_targets.c — issue 10's target accounting: targets.credits_kgpd
 * (non-industrial reductions off the requirement) and targets.combined (one
 * LP row on the sum of reduction ratios), on tiny scenarios whose optima are
 * derived by hand below, on every method and engine; the combined row's
 * shadow price against a finite difference of the objective; and both in
 * the exported LP.
 *
 * The two groups of every scenario here (builtin_policy: false, no rules, so
 * lo = min_load, hi = b = 1; grade C, weight 2):
 *   a = alpha/line: cap 100, value 50, ef {SO2 1, NOx 1} -> E_SO2 100, E_NOx 100, wV 10000
 *   b = beta/line:  cap 200, value 30, ef {NOx 2}         -> E_NOx 400, wV 12000
 * so B_SO2 = 100, B_NOx = 500 (base: listed), and for NOx alone beta costs
 * 12000/400 = 30 yuan/kg, alpha 10000/100 = 100 yuan/kg.
 */
#include "curtail.h"
#include "result.h" /* cu_comb_res, the result's credits: white-box */
#include "testutil.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ASSERT_NEAR(got, want)                                                           \
    ck_assert_double_eq_tol((got), (want), 1e-9 * fmax(1.0, fabs((double)(want))))

#define ENTERPRISES                                                                              \
    "enterprises:\n"                                                                             \
    "  - id: alpha\n"                                                                            \
    "    industry: other\n"                                                                      \
    "    grade: C\n"                                                                             \
    "    units:\n"                                                                               \
    "      - {id: line, kind: other, capacity: 100, value: 50, ef: {SO2: 1.0, NOx: 1.0}}\n"     \
    "  - id: beta\n"                                                                             \
    "    industry: other\n"                                                                      \
    "    grade: C\n"                                                                             \
    "    units:\n"                                                                               \
    "      - {id: line, kind: other, capacity: 200, value: 30, min_load: 0.2, ef: {NOx: 2.0}}\n"

static curtail_scenario *load(const char *yaml)
{
    return tu_load_yaml(yaml, "input.yaml");
}

static const curtail_target *target(const curtail_result *r, curtail_level L, curtail_pollutant p,
                                    curtail_level_result *lr)
{
    ck_assert_int_eq(curtail_result_level(r, L, lr, NULL), CURTAIL_OK);
    return &lr->targets[p];
}

static double load_of(const curtail_result *r, curtail_level L, size_t unit)
{
    curtail_unit_result u;
    ck_assert_int_eq(curtail_result_unit(r, L, unit, &u, NULL), CURTAIL_OK);
    return u.load;
}

/* ---- credits -------------------------------------------------------------------------- */

/* NOx ratios 0.1 / 0.2 / 0.8 of B 500 ask 50 / 100 / 400 kg/d (the knapsack
 * case: 1500 + 3000 + 17600 = 22100). Credits of 20 / 40 / 100 leave 30 / 60
 * / 300, each met by beta alone (30 yuan/kg, up to 0.8*400 = 320 kg):
 * 30*30*... in cuts 0.075 / 0.15 / 0.75 of 12000: 900 + 1800 + 9000 = 11700. */
static const char credits_yaml[] =
    "curtail: 1\nname: credits\nbuiltin_policy: false\n"
    "targets:\n"
    "  ratios: {yellow: {NOx: 0.1}, orange: {NOx: 0.2}, red: {NOx: 0.8}}\n"
    "  credits_kgpd: {yellow: {NOx: 20}, orange: {NOx: 40}, red: {NOx: 100, PM: 5}}\n" ENTERPRISES;

START_TEST(test_credits_lower_the_requirement_exactly)
{
    static const double want_req[3] = {30, 60, 300}, want_credit[3] = {20, 40, 100};
    static const double want_cut[3] = {0.075, 0.15, 0.75};
    curtail_scenario *s = load(credits_yaml);
    int m, L;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_result *r = tu_solve_config(s, m);
        ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
        ASSERT_NEAR(curtail_result_objective(r), 11700);
        ck_assert_int_eq(r->has_credits, 1);
        for (L = 0; L < 3; L++) {
            curtail_level_result lr;
            const curtail_target *t = target(r, (curtail_level)L, CURTAIL_NOX, &lr);
            /* ratio * B - credit, exactly: 0.1*500 is 50 in binary too */
            ck_assert_double_eq(t->required, want_req[L]);
            ck_assert_double_eq(t->baseline, 500);
            ck_assert_double_eq(r->credit[L][CURTAIL_NOX], want_credit[L]);
            ASSERT_NEAR(t->achieved, want_req[L]);
            ASSERT_NEAR(t->shadow_price, 30);
            ASSERT_NEAR(lr.weighted_loss, 12000 * want_cut[L]);
            ASSERT_NEAR(load_of(r, (curtail_level)L, 0), 1.0);
            ASSERT_NEAR(load_of(r, (curtail_level)L, 1), 1.0 - want_cut[L]);
        }
        /* a credit of a pollutant without a target asks nothing */
        ck_assert_double_eq(r->credit[CURTAIL_RED][CURTAIL_PM], 5);
        ck_assert_double_eq(curtail_result_credit(r, CURTAIL_RED, CURTAIL_PM), 5);
        ck_assert_uint_eq(curtail_result_combined_count(r), 0);
        curtail_result_free(r);
    }
    curtail_scenario_free(s);
}
END_TEST

/* Credits above the requirement: nothing is asked of the list (required 0,
 * never negative), and the surplus is not moved to another level or
 * pollutant. Yellow credit 80 > 50: yellow costs 0; 1800 + 9000 = 10800. */
START_TEST(test_credits_above_the_requirement)
{
    static const char yaml[] =
        "curtail: 1\nname: credits-surplus\nbuiltin_policy: false\n"
        "targets:\n"
        "  ratios: {yellow: {NOx: 0.1}, orange: {NOx: 0.2}, red: {NOx: 0.8}}\n"
        "  credits_kgpd: {yellow: {NOx: 80}, orange: {NOx: 40}, red: {NOx: 100}}\n" ENTERPRISES;
    curtail_scenario *s = load(yaml);
    int m;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_result *r = tu_solve_config(s, m);
        curtail_level_result lr;
        const curtail_target *t = target(r, CURTAIL_YELLOW, CURTAIL_NOX, &lr);
        ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
        ck_assert_double_eq(t->required, 0);
        ck_assert_double_eq(t->achieved, 0);
        ck_assert_double_eq(t->shadow_price, 0);
        ck_assert_double_eq(lr.weighted_loss, 0);
        ck_assert_double_eq(r->credit[CURTAIL_YELLOW][CURTAIL_NOX], 80);
        ASSERT_NEAR(curtail_result_objective(r), 10800);
        curtail_result_free(r);
    }
    curtail_scenario_free(s);
}
END_TEST

/* Target figures a reviewer would reject (review P2-5), each a warning at
 * its value: a credit above its level's requirement 0.1 x 3000 = 300 (line 8
 * col 32), a credit above the baseline 3000 itself (col 52), and the listed
 * SO2 100 (alpha) above the county's 80 (line 6 col 22). Red's NOx credit
 * 1000 > 0.3 x 3000 counts toward red's combined row: no warning. */
START_TEST(test_target_warnings)
{
    static const char yaml[] =
        "curtail: 1\nname: warn\nbuiltin_policy: false\n"
        "targets:\n"
        "  base: totals\n"
        "  totals_kgpd: {SO2: 80, NOx: 3000}\n"
        "  ratios: {yellow: {SO2: 0.1, NOx: 0.1}, orange: {SO2: 0.2, NOx: 0.2}, red: {SO2: 0.3, "
        "NOx: 0.3}}\n"
        "  credits_kgpd: {yellow: {NOx: 400}, orange: {NOx: 4000}, red: {NOx: 1000}}\n"
        "  combined: [{pollutants: [SO2, NOx], levels: [red], ratio: 0.5}]\n" ENTERPRISES;
    static const char surplus[] =
        "curtail: 1\nname: credits-surplus\nbuiltin_policy: false\n"
        "targets:\n"
        "  ratios: {yellow: {NOx: 0.1}}\n"
        "  credits_kgpd: {yellow: {NOx: 50, SO2: 5}}\n" ENTERPRISES;
    curtail_scenario *s = load(yaml);
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 3);
    ck_assert_str_eq(curtail_scenario_warning(s, 0),
                     "input.yaml:8:32: warning: targets.credits_kgpd.yellow.NOx: the yellow credit "
                     "of 400 kg/d of NOx is more than the level's requirement ratio x baseline = "
                     "0.1 x 3000 = 300 kg/d (county total); the list is asked for nothing and the "
                     "surplus counts toward no other target");
    ck_assert_str_eq(curtail_scenario_warning_text(s, 0, CURTAIL_LANG_ZH),
                     "input.yaml:8:32: 警告: targets.credits_kgpd.yellow.NOx: 黄色预警NOx的非工业源"
                     "抵扣 400 千克/日 超过该级别减排要求（减排比例 × 全社会排放量 = 0.1 × 3000 = "
                     "300 千克/日）；清单企业无需减排，超出部分不计入其他目标");
    ck_assert_str_eq(curtail_scenario_warning(s, 1),
                     "input.yaml:8:52: warning: targets.credits_kgpd.orange.NOx: the orange credit "
                     "of 4000 kg/d of NOx is more than the baseline itself, 3000 kg/d (county "
                     "total)");
    ck_assert_str_eq(curtail_scenario_warning_text(s, 1, CURTAIL_LANG_ZH),
                     "input.yaml:8:52: 警告: targets.credits_kgpd.orange.NOx: 橙色预警NOx的非工业源"
                     "抵扣 4000 千克/日 超过基准排放量本身（全社会排放量 3000 千克/日）");
    ck_assert_str_eq(curtail_scenario_warning(s, 2),
                     "input.yaml:6:22: warning: targets.totals_kgpd.SO2: the listed enterprises "
                     "emit 100 kg/d of SO2, more than the county total of 80 kg/d they are part "
                     "of; shares of the county total would exceed 100%");
    ck_assert_str_eq(curtail_scenario_warning_text(s, 2, CURTAIL_LANG_ZH),
                     "input.yaml:6:22: 警告: targets.totals_kgpd.SO2: 清单企业SO2排放量 100 千克/日 "
                     "超过全社会排放总量 80 千克/日；占全社会的比例将超过100%");
    curtail_scenario_free(s);
    /* a credit equal to the requirement is no surplus; one of a pollutant
     * without a ratio counts toward nothing (line 6 col 41) */
    s = load(surplus);
    ck_assert_uint_eq(curtail_scenario_warning_count(s), 1);
    ck_assert_str_eq(curtail_scenario_warning(s, 0),
                     "input.yaml:6:41: warning: targets.credits_kgpd.yellow.SO2: the yellow credit "
                     "of 5 kg/d of SO2 counts toward no target: the level sets no SO2 ratio");
    ck_assert_str_eq(curtail_scenario_warning_text(s, 0, CURTAIL_LANG_ZH),
                     "input.yaml:6:41: 警告: targets.credits_kgpd.yellow.SO2: 黄色预警未设SO2减排"
                     "比例，非工业源抵扣 5 千克/日 不计入任何目标");
    curtail_scenario_free(s);
}
END_TEST

/* The builder: negative, non-finite or out-of-range credits are refused
 * with the pollutant's path; a scenario without the key has no credits. */
START_TEST(test_credits_builder)
{
    curtail_scenario *s = NULL;
    curtail_error err;
    double c[CURTAIL_NPOLLUTANTS] = {0, -1, 0, 0};
    ck_assert_int_eq(curtail_scenario_new(&s, NULL, NULL), CURTAIL_OK);
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(curtail_scenario_set_credits(s, CURTAIL_ORANGE, c, &err), CURTAIL_EINPUT);
    ck_assert_str_eq(err.path, "NOx");
    ck_assert_str_eq(err.message, "must be >= 0, got -1");
    c[1] = NAN;
    ck_assert_int_eq(curtail_scenario_set_credits(s, CURTAIL_ORANGE, c, &err), CURTAIL_EINPUT);
    ck_assert_str_eq(err.message, "must be a finite number");
    ck_assert_int_eq(curtail_scenario_set_credits(s, (curtail_level)3, c, &err), CURTAIL_EINVAL);
    curtail_scenario_free(s);
}
END_TEST

/* ---- combined targets ---------------------------------------------------------------- */

/* Red: NOx 0.1 of 500 = 50 kg/d, and SO2/100 + NOx/500 >= r (r = 0.4).
 * A cut y_a of alpha gives 100/100 + 100/500 = 1.2 to the combined row and
 * 100 kg NOx; y_b of beta 400/500 = 0.8 and 400 kg NOx. min 10000 y_a +
 * 12000 y_b s.t. 1.2 y_a + 0.8 y_b >= r, 100 y_a + 400 y_b >= 50: both bind
 * at y_a = 0.5 - 4 y_b, 0.6 - 4 y_b = r, i.e. y_b = (0.6 - r)/4 = 0.05,
 * y_a = 0.3: 3000 + 600 = 3600 (the other vertices cost 4000, 5000, 6000).
 * Duals: 1.2 mu + 100 lam = 10000, 0.8 mu + 400 lam = 12000, so mu = 7000
 * yuan/d per 1.0 of the ratio sum, lam = 16 yuan per kg/d. On this basis
 * y_a = r - 0.1 and obj(r) = 10000 (r - 0.1) + 12000 (0.6 - r)/4 = 800 + 7000 r. */
static char *combined_yaml(double ratio, double so2_credit)
{
    char *buf = malloc(4096);
    ck_assert_ptr_nonnull(buf);
    snprintf(buf, 4096,
             "curtail: 1\nname: combined\nbuiltin_policy: false\n"
             "targets:\n"
             "  ratios: {yellow: {}, orange: {}, red: {NOx: 0.1}}\n"
             "  credits_kgpd: {red: {SO2: %.17g}}\n"
             "  combined:\n"
             "    - {pollutants: [SO2, NOx], levels: [red], ratio: %.17g}\n" ENTERPRISES,
             so2_credit, ratio);
    return buf;
}

static double combined_objective(double ratio, int m, double *mu, double *lam)
{
    char *yaml = combined_yaml(ratio, 0);
    curtail_scenario *s = load(yaml);
    curtail_result *r = tu_solve_config(s, m);
    curtail_level_result lr;
    double obj = curtail_result_objective(r);
    ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
    ck_assert_uint_eq(r->ncomb, 1);
    *mu = r->comb[0].shadow_price;
    *lam = target(r, CURTAIL_RED, CURTAIL_NOX, &lr)->shadow_price;
    curtail_result_free(r);
    curtail_scenario_free(s);
    free(yaml);
    return obj;
}

START_TEST(test_combined_binds_hand_optimum)
{
    char *yaml = combined_yaml(0.4, 0);
    curtail_scenario *s = load(yaml);
    int m;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_result *r = tu_solve_config(s, m);
        curtail_level_result lr;
        const cu_comb_res *c;
        ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
        ASSERT_NEAR(curtail_result_objective(r), 3600);
        ck_assert_uint_eq(r->ncomb, 1);
        c = &r->comb[0];
        ck_assert_int_eq(c->level, CURTAIL_RED);
        ck_assert_uint_eq(c->pollutants, (1u << CURTAIL_SO2) | (1u << CURTAIL_NOX));
        ck_assert_double_eq(c->ratio, 0.4);
        ck_assert_double_eq(c->credit, 0);
        ck_assert_double_eq(c->required, 0.4);
        ASSERT_NEAR(c->achieved, 0.4);
        ck_assert_double_eq(c->shortfall, 0);
        ASSERT_NEAR(c->shadow_price, 7000);
        ASSERT_NEAR(target(r, CURTAIL_RED, CURTAIL_NOX, &lr)->shadow_price, 16);
        ASSERT_NEAR(lr.targets[CURTAIL_NOX].achieved, 50);
        {
            /* the public read-back gives the same row */
            curtail_combined_result cr;
            ck_assert_uint_eq(curtail_result_combined_count(r), 1);
            ck_assert_int_eq(curtail_result_combined(r, 0, &cr, NULL), CURTAIL_OK);
            ck_assert_int_eq(cr.level, CURTAIL_RED);
            ck_assert_uint_eq(cr.index, 0);
            ck_assert_uint_eq(cr.pollutants, c->pollutants);
            ck_assert_double_eq(cr.required, c->required);
            ck_assert_double_eq(cr.achieved, c->achieved);
            ck_assert_double_eq(cr.shadow_price, c->shadow_price);
            ck_assert_int_eq(curtail_result_combined(r, 1, &cr, NULL), CURTAIL_EINVAL);
            ck_assert_double_eq(curtail_result_credit(r, CURTAIL_RED, CURTAIL_SO2), 0);
        }
        ASSERT_NEAR(lr.targets[CURTAIL_SO2].achieved, 30);
        ck_assert_double_eq(lr.targets[CURTAIL_SO2].required, 0); /* no SO2 ratio */
        ASSERT_NEAR(load_of(r, CURTAIL_RED, 0), 0.7);
        ASSERT_NEAR(load_of(r, CURTAIL_RED, 1), 0.95);
        ASSERT_NEAR(load_of(r, CURTAIL_YELLOW, 0), 1.0);
        curtail_result_free(r);
    }
    curtail_scenario_free(s);
    free(yaml);
}
END_TEST

/* The combined row's shadow price is the objective's derivative in its
 * ratio: (obj(r + h) - obj(r)) / h on both sides, every configuration. */
START_TEST(test_combined_shadow_price_finite_difference)
{
    const double r0 = 0.4, h = 1e-3;
    int m;
    for (m = 0; m < TU_NCONFIGS; m++) {
        double mu, lam, mu2, lam2, mu3, lam3;
        double f0 = combined_objective(r0, m, &mu, &lam);
        double fp = combined_objective(r0 + h, m, &mu2, &lam2);
        double fm = combined_objective(r0 - h, m, &mu3, &lam3);
        ASSERT_NEAR(f0, 800 + 7000 * r0);
        ck_assert_double_eq_tol((fp - f0) / h, mu, 1e-6 * mu);
        ck_assert_double_eq_tol((f0 - fm) / h, mu, 1e-6 * mu);
        ASSERT_NEAR(mu, 7000);
        ASSERT_NEAR(mu2, 7000); /* same basis on both sides */
        ASSERT_NEAR(lam, 16);
    }
}
END_TEST

/* A credit of 10 kg/d SO2 at red is 10/100 = 0.1 of the ratio sum: the row
 * asks 0.3 of the list. 0.6 - 4 y_b = 0.3: y_b = 0.075, y_a = 0.2, 2000 + 900. */
START_TEST(test_combined_with_credits)
{
    char *yaml = combined_yaml(0.4, 10);
    curtail_scenario *s = load(yaml);
    int m;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_result *r = tu_solve_config(s, m);
        const cu_comb_res *c = &r->comb[0];
        ASSERT_NEAR(curtail_result_objective(r), 2900);
        ck_assert_double_eq(c->credit, 0.1);
        ASSERT_NEAR(c->required, 0.3);
        ASSERT_NEAR(c->achieved, 0.3);
        ASSERT_NEAR(c->shadow_price, 7000);
        curtail_result_free(r);
    }
    curtail_scenario_free(s);
    free(yaml);
}
END_TEST

/* Out of reach: both groups at their deepest cut give 1.2 + 0.8*0.8 = 1.84
 * of the ratio sum; 1.9 leaves a shortfall of 0.06, status targets_unmet
 * (phase 1 as for a target: every group in the row at its deepest cut),
 * red loss 10000 + 12000*0.8 = 19600, and no shadow price. */
START_TEST(test_combined_unmet)
{
    static const char yaml[] =
        "curtail: 1\nname: combined-unmet\nbuiltin_policy: false\n"
        "targets:\n"
        "  ratios: {yellow: {}, orange: {}, red: {}}\n"
        "  combined: [{pollutants: [NOx, SO2], levels: [red], ratio: 1.9}]\n" ENTERPRISES;
    curtail_scenario *s = load(yaml);
    int m;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_result *r = tu_solve_config(s, m);
        curtail_level_result lr;
        ck_assert_int_eq(curtail_result_status(r), CURTAIL_TARGETS_UNMET);
        ck_assert_int_eq(curtail_result_level(r, CURTAIL_RED, &lr, NULL), CURTAIL_OK);
        ck_assert_int_eq(lr.status, CURTAIL_TARGETS_UNMET);
        ck_assert_int_eq(curtail_result_level(r, CURTAIL_ORANGE, &lr, NULL), CURTAIL_OK);
        ck_assert_int_eq(lr.status, CURTAIL_OPTIMAL);
        ASSERT_NEAR(r->comb[0].shortfall, 0.06);
        ASSERT_NEAR(r->comb[0].achieved, 1.84);
        ck_assert_double_eq(r->comb[0].shadow_price, 0);
        ASSERT_NEAR(curtail_result_objective(r), 19600);
        ASSERT_NEAR(load_of(r, CURTAIL_RED, 0), 0.0);
        ASSERT_NEAR(load_of(r, CURTAIL_RED, 1), 0.2);
        curtail_result_free(r);
    }
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_combined_builder)
{
    curtail_scenario *s = NULL;
    curtail_error err;
    const unsigned so2_nox = (1u << CURTAIL_SO2) | (1u << CURTAIL_NOX);
    int i;
    ck_assert_int_eq(curtail_scenario_new(&s, NULL, NULL), CURTAIL_OK);
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(curtail_scenario_add_combined_target(s, so2_nox, 1u, 0.0, &err),
                     CURTAIL_EINPUT);
    ck_assert_str_eq(err.path, "ratio");
    ck_assert_str_eq(err.message, "must be in (0, 4], got 0");
    ck_assert_int_eq(curtail_scenario_add_combined_target(s, so2_nox, 1u, 4.5, &err),
                     CURTAIL_EINPUT);
    /* a sum of two ratios, each at most 1: at most 2 (review P2-5) */
    ck_assert_int_eq(curtail_scenario_add_combined_target(s, so2_nox, 1u, 2.5, &err),
                     CURTAIL_EINPUT);
    ck_assert_str_eq(err.path, "ratio");
    ck_assert_str_eq(err.message, "must be in (0, 2], at most the number of its pollutants, got 2.5");
    ck_assert_int_eq(curtail_scenario_add_combined_target(s, so2_nox | 4u, 1u, 3.0, &err),
                     CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_add_combined_target(s, 15u, 1u, 4.0, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_add_combined_target(s, 1u << CURTAIL_SO2, 1u, 0.4, &err),
                     CURTAIL_EINPUT);
    ck_assert_str_eq(err.message, "must list at least two pollutants");
    ck_assert_int_eq(curtail_scenario_add_combined_target(s, so2_nox, 0u, 0.4, &err),
                     CURTAIL_EINPUT);
    ck_assert_int_eq(curtail_scenario_add_combined_target(s, so2_nox, 8u, 0.4, &err),
                     CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_scenario_add_combined_target(s, 16u | so2_nox, 1u, 0.4, &err),
                     CURTAIL_EINVAL);
    for (i = 2; i < 8; i++)
        ck_assert_int_eq(curtail_scenario_add_combined_target(s, so2_nox, 7u, 2.0, NULL),
                         CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_add_combined_target(s, so2_nox, 7u, 0.4, &err),
                     CURTAIL_EINPUT);
    ck_assert_str_eq(err.message, "at most 8 combined targets");
    curtail_scenario_free(s);
}
END_TEST

/* ---- export ------------------------------------------------------------------------------ */

static char *export_text(const char *yaml, curtail_lp_format format)
{
    curtail_scenario *s = load(yaml);
    curtail_export_options eo = CURTAIL_EXPORT_OPTIONS_INIT;
    char *dir = tu_tmpdir(), path[1024], *text;
    size_t len;
    ck_assert_ptr_nonnull(dir);
    snprintf(path, sizeof path, "%s/plan.lp", dir);
    eo.format = format;
    ck_assert_int_eq(curtail_export_file(s, &eo, path, NULL), CURTAIL_OK);
    text = tu_read_file(path, &len);
    ck_assert_ptr_nonnull(text);
    remove(path);
    remove(dir);
    free(dir);
    curtail_scenario_free(s);
    return text;
}

/* Credits are the changed right-hand side, the combined row a named row
 * with coefficients E/B; glpsol solves the file to the plan's optimum
 * (tests/crosscheck.sh runs it on tests/data/crosscheck/combined*.yaml). */
START_TEST(test_export_credits_and_combined)
{
    char *yaml = combined_yaml(0.4, 10);
    char *lp = export_text(credits_yaml, CURTAIL_LP_CPLEX), *mps;
    ck_assert_msg(strstr(lp, " target_NOx_yellow: + 100 y_g0_Y + 400 y_g1_Y >= 30\n") != NULL,
                  "%s", lp);
    ck_assert_msg(strstr(lp, " target_NOx_red: + 100 y_g0_R + 400 y_g1_R >= 300\n") != NULL,
                  "%s", lp);
    ck_assert_ptr_nonnull(strstr(lp, "\\ target rows: ratio * baseline - targets.credits_kgpd"));
    free(lp);
    lp = export_text(yaml, CURTAIL_LP_CPLEX);
    ck_assert_msg(strstr(lp, " combined0_red: + 1.2 y_g0_R + 0.8 y_g1_R >= 0.30000000000000004\n") != NULL, "%s",
                  lp);
    ck_assert_msg(strstr(lp, " target_NOx_red: + 100 y_g0_R + 400 y_g1_R >= 50\n") != NULL, "%s",
                  lp);
    free(lp);
    mps = export_text(yaml, CURTAIL_LP_MPS);
    ck_assert_ptr_nonnull(strstr(mps, " G combined0_red\n"));
    ck_assert_ptr_nonnull(strstr(mps, " RHS combined0_red 0.30000000000000004\n"));
    ck_assert_ptr_nonnull(strstr(mps, " y_g0_R combined0_red 1.2\n"));
    free(mps);
    free(yaml);
}
END_TEST

/* The JSON carries "credit" per target and the level's "combined" rows. */
START_TEST(test_json_keys)
{
    char *yaml = combined_yaml(0.4, 10);
    curtail_scenario *s = load(yaml);
    curtail_result *r = tu_solve_config(s, 0);
    char *dir = tu_tmpdir(), path[1024], *json;
    size_t len;
    curtail_write_options wo = CURTAIL_WRITE_OPTIONS_INIT;
    snprintf(path, sizeof path, "%s/plan.json", dir);
    ck_assert_int_eq(curtail_result_write_file(r, &wo, path, NULL),
                     CURTAIL_OK);
    json = tu_read_file(path, &len);
    ck_assert_ptr_nonnull(json);
    /* the SO2 target (none) shows its credit; the NOx target its 0 */
    ck_assert_ptr_nonnull(strstr(json, "\"SO2\": {\"baseline\": 100, \"required\": 0, \"achieved\": "));
    ck_assert_ptr_nonnull(strstr(json, "\"shortfall\": 0, \"shadow_price\": 0, \"credit\": 10},\n"));
    ck_assert_ptr_nonnull(strstr(json, "\"NOx\": {\"baseline\": 500, \"required\": 50, \"achieved\": 50, "
                                       "\"shortfall\": 0, \"shadow_price\": 16, \"credit\": 0},\n"));
    ck_assert_ptr_nonnull(strstr(json, "      \"combined\": [\n        {\"pollutants\": [\"SO2\", \"NOx\"], "
                                       "\"ratio\": 0.4, \"credit\": 0.1, \"required\": 0.3"));
    ck_assert_ptr_nonnull(strstr(json, "\"shortfall\": 0, \"shadow_price\": 7000}\n      ],\n"));
    /* only red has a combined row */
    ck_assert_ptr_null(strstr(strstr(json, "\"combined\": [") + 1, "\"combined\": ["));
    free(json);
    remove(path);
    remove(dir);
    free(dir);
    curtail_result_free(r);
    curtail_scenario_free(s);
    free(yaml);
}
END_TEST

static char *write_text(const curtail_result *r, curtail_format format, curtail_lang lang)
{
    curtail_write_options wo = CURTAIL_WRITE_OPTIONS_INIT;
    wo.format = format;
    wo.lang = lang;
    return tu_write_read(r, &wo, NULL);
}

/* The human summaries: one 非工业源抵扣 line per level with credits, one
 * line per combined row (in %), its price per percentage point in the annex. */
START_TEST(test_summary_lines)
{
    char *yaml = combined_yaml(0.4, 10), *md, *html;
    curtail_scenario *s = load(credits_yaml), *c = load(yaml);
    curtail_result *r = tu_solve_config(s, 0), *rc = tu_solve_config(c, 0);
    md = write_text(r, CURTAIL_FORMAT_MD, CURTAIL_LANG_ZH);
    ck_assert_ptr_nonnull(strstr(md, "\n非工业源抵扣（kg/d，已从减排要求中扣除）：NOx 20.00。\n\n"));
    ck_assert_ptr_nonnull(strstr(md, "\n非工业源抵扣（kg/d，已从减排要求中扣除）：NOx 100.00，颗粒物 5.00。\n\n"));
    free(md);
    md = write_text(rc, CURTAIL_FORMAT_MD, CURTAIL_LANG_EN);
    ck_assert_ptr_nonnull(strstr(md, "\nSO2+NOx reduction ratios summed: at least 40.00%, of which "
                                     "non-industrial credits 10.00%, the listed enterprises "
                                     "30.00%; achieved by the listed enterprises 30.00%, "
                                     "shortfall 0.00%.\n\n"));
    /* the price in the annex: 7000 per 1.0 = 70.00 per percentage point */
    ck_assert_ptr_nonnull(strstr(md, "| Red | SO2+NOx ≥ 40.00% | 70.00 | "));
    free(md);
    html = write_text(rc, CURTAIL_FORMAT_HTML, CURTAIL_LANG_ZH);
    ck_assert_ptr_nonnull(strstr(html, "<p class=\"note\">红色预警：SO2+NOx 减排比例之和不低于 "
                                       "40.00%，其中非工业源抵扣 10.00%，清单企业须达 30.00%；"));
    free(html);
    curtail_result_free(r);
    curtail_result_free(rc);
    curtail_scenario_free(s);
    curtail_scenario_free(c);
    free(yaml);
}
END_TEST

static Suite *targets_suite(void)
{
    Suite *su = suite_create("targets");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_credits_lower_the_requirement_exactly);
    tcase_add_test(tc, test_credits_above_the_requirement);
    tcase_add_test(tc, test_credits_builder);
    tcase_add_test(tc, test_target_warnings);
    tcase_add_test(tc, test_combined_binds_hand_optimum);
    tcase_add_test(tc, test_combined_shadow_price_finite_difference);
    tcase_add_test(tc, test_combined_with_credits);
    tcase_add_test(tc, test_combined_unmet);
    tcase_add_test(tc, test_combined_builder);
    tcase_add_test(tc, test_export_credits_and_combined);
    tcase_add_test(tc, test_json_keys);
    tcase_add_test(tc, test_summary_lines);
    suite_add_tcase(su, tc);
    return su;
}

int main(void)
{
    SRunner *sr = srunner_create(targets_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
