/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_mip.c — whole-line steps (issue 10): `lines: N` / `step: s` make the
 * plan a MIP over the stepped load groups (lib/mip.c). Every case is small
 * enough to solve by hand; the derivations are in the comments. Each runs
 * with both methods and on each engine of the build (Clp's MIP goes to GLPK).
 */
#include "curtail.h"
#include "plan_model.h" /* cu_model_rows_met, white-box */
#include "testutil.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ASSERT_NEAR(got, want)                                                           \
    ck_assert_double_eq_tol((got), (want), 1e-9 * fmax(1.0, fabs((double)(want))))

static curtail_scenario *load(const char *yaml)
{
    return tu_load_yaml(yaml, "case.yaml");
}

static double load_of(const curtail_result *r, int level, size_t unit)
{
    curtail_unit_result u;
    ck_assert_int_eq(curtail_result_unit(r, (curtail_level)level, unit, &u, NULL), CURTAIL_OK);
    return u.load;
}

static double price(const curtail_result *r, int level, int p)
{
    curtail_level_result lr;
    ck_assert_int_eq(curtail_result_level(r, (curtail_level)level, &lr, NULL), CURTAIL_OK);
    return lr.targets[p].shadow_price;
}

/* The JSON output in lang (malloc'd). */
static char *json_of(const curtail_result *r, curtail_lang lang)
{
    curtail_write_options wo = CURTAIL_WRITE_OPTIONS_INIT;
    char *dir = tu_tmpdir(), path[1024], *text;
    snprintf(path, sizeof path, "%s/out.json", dir);
    wo.format = CURTAIL_FORMAT_JSON;
    wo.lang = lang;
    ck_assert_int_eq(curtail_result_write_file(r, &wo, path, NULL), CURTAIL_OK);
    text = tu_read_file(path, NULL);
    ck_assert_ptr_nonnull(text);
    remove(path);
    remove(dir);
    free(dir);
    return text;
}

/* ---- a 4-line kiln in a binding case ---------------------------------------------------- */

/* kiln: 4 lines, 10 yuan/t, grade C (weight 2): 20 weighted yuan per kg NOx,
 * loads 0, 0.25, ..., 1; other: continuous, 40 per kg. Baseline 200 kg.
 *   yellow 20 kg:  kiln 0.75 (25 kg) 500            < other 20 kg 800
 *   orange 60 kg:  kiln 0.5 + other 10 kg 1000+400  < kiln 0.25 (75 kg) 1500
 *   red   120 kg:  kiln 0 + other 20 kg 2000+800    < kiln 0.25 + other 45 kg 3300
 * MIP 4700; the LP 4400 (kiln 0.8, 0.4, 0). The fixed-loads LP's prices:
 * yellow slack (0), orange and red the other line's 40. */
static const char LINES4[] = "curtail: 1\n"
                             "builtin_policy: false\n"
                             "targets:\n"
                             "  ratios:\n"
                             "    yellow: {NOx: 0.1}\n"
                             "    orange: {NOx: 0.3}\n"
                             "    red: {NOx: 0.6}\n"
                             "enterprises:\n"
                             "  - id: kiln\n"
                             "    industry: other\n"
                             "    grade: C\n"
                             "    units:\n"
                             "      - {id: line, kind: other, capacity: 100, value: 10, ef: {NOx: "
                             "1.0}, lines: 4}\n"
                             "  - id: other\n"
                             "    industry: other\n"
                             "    grade: C\n"
                             "    units:\n"
                             "      - {id: line, kind: other, capacity: 100, value: 20, ef: {NOx: "
                             "1.0}}\n";

START_TEST(four_lines_binding)
{
    curtail_scenario *s = load(LINES4);
    curtail_mip_info mi;
    int m;
    unsigned lines;
    double step;
    ck_assert_int_eq(curtail_scenario_unit_steps(s, 0, &lines, &step, NULL), CURTAIL_OK);
    ck_assert_uint_eq(lines, 4);
    ck_assert_double_eq(step, 0.25);
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_result *r = tu_solve_config(s, m);
        ASSERT_NEAR(curtail_result_objective(r), 4700.0);
        ck_assert_double_eq(load_of(r, CURTAIL_YELLOW, 0), 0.75);
        ck_assert_double_eq(load_of(r, CURTAIL_ORANGE, 0), 0.5);
        ck_assert_double_eq(load_of(r, CURTAIL_RED, 0), 0.0);
        ASSERT_NEAR(load_of(r, CURTAIL_YELLOW, 1), 1.0);
        ASSERT_NEAR(load_of(r, CURTAIL_ORANGE, 1), 0.9);
        ASSERT_NEAR(load_of(r, CURTAIL_RED, 1), 0.8);
        ASSERT_NEAR(price(r, CURTAIL_YELLOW, CURTAIL_NOX), 0.0);
        ASSERT_NEAR(price(r, CURTAIL_ORANGE, CURTAIL_NOX), 40.0);
        ASSERT_NEAR(price(r, CURTAIL_RED, CURTAIL_NOX), 40.0);
        ck_assert_int_eq(curtail_result_mip(r, &mi, NULL), CURTAIL_OK);
        ck_assert_int_eq(mi.status, 1);
        ck_assert_uint_eq(mi.stepped_groups, 1);
        ck_assert_double_eq(mi.gap, 0.0);
        ASSERT_NEAR(mi.bound, 4700.0);
        ASSERT_NEAR(mi.lp_bound, 4400.0);
        if (m == 0) {
            char *zh = json_of(r, CURTAIL_LANG_ZH), *en = json_of(r, CURTAIL_LANG_EN);
            ck_assert_ptr_nonnull(strstr(zh, "\"text\": \"停产1条生产线（共4条）（产量由100吨/日降至75吨/日及以下）\""));
            ck_assert_ptr_nonnull(strstr(zh, "\"text\": \"停产2条生产线（共4条）（产量由100吨/日降至50吨/日及以下）\""));
            ck_assert_ptr_nonnull(strstr(en, "\"text\": \"stop 2 of 4 production lines (output "
                                             "from 100 t/d to at most 50 t/d)\""));
            ck_assert_ptr_nonnull(strstr(zh, "\"mip\": {\"status\": \"optimal\", \"gap\": 0, "
                                             "\"bound\": 4700, \"lp_bound\": 4400, "
                                             "\"stepped_groups\": 1},\n"));
            free(zh);
            free(en);
        }
        curtail_result_free(r);
    }
    curtail_scenario_free(s);
}
END_TEST

/* ---- min_load and base load off the grid ------------------------------------------------ */

/* A: 4 lines (or step 0.25), base 0.95, min_load 0.3, 20 per kg; B: 200 per
 * kg. Baseline 195 kg. A's loads: {0.3, 0.5, 0.75, 0.95}.
 *   yellow 19.5 kg:  A 0.75 (20 kg) 400
 *   orange 58.5 kg:  A 0.3 (65 kg, its floor) 1300  < A 0.5 + B 13.5 kg 900+2700
 *   red   68.25 kg:  A 0.3 + B 3.25 kg 1300+650
 * MIP 3650; the LP 390 + 1170 + 1950 = 3510. */
static const char *minload_yaml(const char *steps)
{
    static char buf[1024];
    snprintf(buf, sizeof buf,
             "curtail: 1\n"
             "builtin_policy: false\n"
             "targets:\n"
             "  ratios:\n"
             "    yellow: {NOx: 0.1}\n"
             "    orange: {NOx: 0.3}\n"
             "    red: {NOx: 0.35}\n"
             "enterprises:\n"
             "  - id: a\n"
             "    industry: other\n"
             "    grade: C\n"
             "    units:\n"
             "      - {id: kiln, kind: other, capacity: 100, base_load: 0.95, min_load: 0.3, "
             "value: 10, ef: {NOx: 1.0}, %s}\n"
             "  - id: b\n"
             "    industry: other\n"
             "    grade: C\n"
             "    units:\n"
             "      - {id: line, kind: other, capacity: 100, value: 100, ef: {NOx: 1.0}}\n",
             steps);
    return buf;
}

static void check_minload(const char *steps, const char *text)
{
    curtail_scenario *s = load(minload_yaml(steps));
    curtail_mip_info mi;
    int m;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_result *r = tu_solve_config(s, m);
        ASSERT_NEAR(curtail_result_objective(r), 3650.0);
        ck_assert_double_eq(load_of(r, CURTAIL_YELLOW, 0), 0.75);
        ck_assert_double_eq(load_of(r, CURTAIL_ORANGE, 0), 0.3);
        ck_assert_double_eq(load_of(r, CURTAIL_RED, 0), 0.3);
        ASSERT_NEAR(load_of(r, CURTAIL_YELLOW, 1), 1.0);
        ASSERT_NEAR(load_of(r, CURTAIL_ORANGE, 1), 1.0);
        ASSERT_NEAR(load_of(r, CURTAIL_RED, 1), 0.9675);
        ck_assert_int_eq(curtail_result_mip(r, &mi, NULL), CURTAIL_OK);
        ck_assert_int_eq(mi.status, 1);
        ASSERT_NEAR(mi.lp_bound, 3510.0);
        if (m == 0) {
            char *zh = json_of(r, CURTAIL_LANG_ZH);
            ck_assert_msg(strstr(zh, text) != NULL, "no '%s'", text);
            free(zh);
        }
        curtail_result_free(r);
    }
    curtail_scenario_free(s);
}

START_TEST(min_load_lines)
{
    check_minload("lines: 4", "停产1条生产线（共4条）");
}
END_TEST

START_TEST(min_load_step)
{
    check_minload("step: 0.25", "限产至设计产能的75%（以生产线计）");
}
END_TEST

/* ---- nesting and followers -------------------------------------------------------------- */

/* A 4-line kiln (20 per kg) with a follower (no cost, PM only, no PM
 * target), B continuous (200 per kg). Yellow asks more than orange and red:
 *   yellow 60 kg: A 0.25 (75 kg) 1500 < A 0.5 + B 10 kg 1000+2000;
 *   orange and red 20 kg: alone A 0.75, but nesting holds them at 0.25.
 * MIP 4500; the follower runs at 0.25 throughout. LP 1200 x 3 = 3600. */
static const char NESTED[] = "curtail: 1\n"
                             "builtin_policy: false\n"
                             "targets:\n"
                             "  ratios:\n"
                             "    yellow: {NOx: 0.3}\n"
                             "    orange: {NOx: 0.1}\n"
                             "    red: {NOx: 0.1}\n"
                             "enterprises:\n"
                             "  - id: a\n"
                             "    industry: other\n"
                             "    grade: C\n"
                             "    units:\n"
                             "      - {id: kiln, kind: other, capacity: 100, value: 10, ef: {NOx: "
                             "1.0}, lines: 4}\n"
                             "      - {id: dust, kind: other, capacity: 50, follows: kiln, ef: "
                             "{PM: 1.0}}\n"
                             "  - id: b\n"
                             "    industry: other\n"
                             "    grade: C\n"
                             "    units:\n"
                             "      - {id: line, kind: other, capacity: 100, value: 100, ef: {NOx: "
                             "1.0}}\n";

START_TEST(nesting_and_followers)
{
    curtail_scenario *s = load(NESTED);
    int m, L;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_result *r = tu_solve_config(s, m);
        curtail_mip_info mi;
        ASSERT_NEAR(curtail_result_objective(r), 4500.0);
        for (L = 0; L < CURTAIL_NLEVELS; L++) {
            ck_assert_double_eq(load_of(r, L, 0), 0.25);
            ck_assert_double_eq(load_of(r, L, 1), 0.25);
            ASSERT_NEAR(load_of(r, L, 2), 1.0);
        }
        ck_assert_int_eq(curtail_result_mip(r, &mi, NULL), CURTAIL_OK);
        ck_assert_int_eq(mi.status, 1);
        ASSERT_NEAR(mi.lp_bound, 3600.0);
        curtail_result_free(r);
    }
    curtail_scenario_free(s);
}
END_TEST

/* ---- fix_unmet with steps ----------------------------------------------------------------- */

/* One 4-line kiln, min_load 0.3 (loads {0.3, 0.5, 0.75, 1}), 20 per kg:
 * yellow 10 kg and orange 20 kg: 0.75 (25 kg) each; red asks 90 kg, at most
 * 70 can go: unmet, the kiln at its floor 0.3. Objective (25+25+70) x 20. */
static const char UNMET[] = "curtail: 1\n"
                            "builtin_policy: false\n"
                            "targets:\n"
                            "  ratios:\n"
                            "    yellow: {NOx: 0.1}\n"
                            "    orange: {NOx: 0.2}\n"
                            "    red: {NOx: 0.9}\n"
                            "enterprises:\n"
                            "  - id: a\n"
                            "    industry: other\n"
                            "    grade: C\n"
                            "    units:\n"
                            "      - {id: kiln, kind: other, capacity: 100, min_load: 0.3, value: "
                            "10, ef: {NOx: 1.0}, lines: 4}\n";

START_TEST(unmet_with_steps)
{
    curtail_scenario *s = load(UNMET);
    int m;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_result *r = tu_solve_config(s, m);
        curtail_level_result lr;
        ck_assert_int_eq(curtail_result_status(r), CURTAIL_TARGETS_UNMET);
        ASSERT_NEAR(curtail_result_objective(r), 2400.0);
        ck_assert_double_eq(load_of(r, CURTAIL_YELLOW, 0), 0.75);
        ck_assert_double_eq(load_of(r, CURTAIL_ORANGE, 0), 0.75);
        ck_assert_double_eq(load_of(r, CURTAIL_RED, 0), 0.3);
        ck_assert_int_eq(curtail_result_level(r, CURTAIL_RED, &lr, NULL), CURTAIL_OK);
        ASSERT_NEAR(lr.targets[CURTAIL_NOX].shortfall, 20.0);
        curtail_result_free(r);
    }
    curtail_scenario_free(s);
}
END_TEST

/* ---- a combined target with a stepped unit ----------------------------------------------- */

/* tests/data/crosscheck/combined_steps.yaml. kiln: 4 lines, SO2 1.0 kg/t,
 * 10 yuan/t, grade C: 20 weighted yuan per kg SO2, loads 0, 0.25, ..., 1;
 * other: continuous, NOx 1.0, 30 yuan/t: 60 per kg NOx. Baselines SO2 100, NOx 100 kg/d. Red only: NOx 0.1 (10 kg) and
 * SO2/100 + NOx/100 >= 0.5 less the SO2 credit 10/100, i.e. >= 0.4 (40 kg of
 * the two together; the rest of the model counts the credit the same way).
 *   LP:  NOx 10 kg (600) + SO2 30 kg (600) = 1200; kiln 0.7, other 0.9
 *   MIP: kiln 0.75 (25 kg, 500) + NOx 15 kg (900)   = 1400
 *        kiln 0.5  (50 kg, 1000) + NOx 10 kg (600)   = 1600 (the rounded point)
 *        kiln 1: NOx 40 kg 2400;  kiln 0: 2000 + NOx 10 kg 600 = 2600
 * The fixed-loads LP: the combined row binds (NOx 15 > 10), its price 60 per
 * kg x 100 = 6000 per 1.0 of the ratio sum, NOx's 0. glpsol --lp and
 * --freemps on `curtail export` of the file: INTEGER OPTIMAL 1400 (y_g0_R
 * 0.25, y_g1_R 0.15, k_g0_R 3); tests/crosscheck.sh solves it again. */
#define COMBINED CURTAIL_TEST_DATA "/crosscheck/combined_steps.yaml"

START_TEST(combined_with_steps)
{
    curtail_scenario *s = tu_load_file(COMBINED);
    curtail_mip_info mi;
    int m, L;
    for (m = 0; m < TU_NCONFIGS; m++) {
        curtail_result *r = tu_solve_config(s, m);
        curtail_combined_result cr;
        ck_assert_int_eq(curtail_result_status(r), CURTAIL_OPTIMAL);
        ASSERT_NEAR(curtail_result_objective(r), 1400.0);
        for (L = CURTAIL_YELLOW; L < CURTAIL_RED; L++) {
            ck_assert_double_eq(load_of(r, L, 0), 1.0);
            ASSERT_NEAR(load_of(r, L, 1), 1.0);
        }
        ck_assert_double_eq(load_of(r, CURTAIL_RED, 0), 0.75);
        ASSERT_NEAR(load_of(r, CURTAIL_RED, 1), 0.85);
        ASSERT_NEAR(price(r, CURTAIL_RED, CURTAIL_NOX), 0.0);
        ck_assert_uint_eq(curtail_result_combined_count(r), 1);
        ck_assert_int_eq(curtail_result_combined(r, 0, &cr, NULL), CURTAIL_OK);
        ck_assert_int_eq(cr.level, CURTAIL_RED);
        ck_assert_double_eq(cr.ratio, 0.5);
        ASSERT_NEAR(cr.credit, 0.1);
        ASSERT_NEAR(cr.required, 0.4);
        ASSERT_NEAR(cr.achieved, 0.4);
        ck_assert_double_eq(cr.shortfall, 0.0);
        ASSERT_NEAR(cr.shadow_price, 6000.0);
        ck_assert_int_eq(curtail_result_mip(r, &mi, NULL), CURTAIL_OK);
        ck_assert_int_eq(mi.status, 1);
        ck_assert_uint_eq(mi.stepped_groups, 1);
        ck_assert_double_eq(mi.gap, 0.0);
        ASSERT_NEAR(mi.bound, 1400.0);
        ASSERT_NEAR(mi.lp_bound, 1200.0);
        curtail_result_free(r);
    }
    curtail_scenario_free(s);
}
END_TEST

/* The check an incumbent candidate passes in mip.c (the dive's point must
 * meet it to replace the rounded one): the combined row counts, with the
 * credit off its right-hand side. Cuts in units of the base load, group 0
 * the kiln, group 1 the other line; yellow and orange cut nothing. */
START_TEST(incumbent_meets_combined_row)
{
    curtail_scenario *s = tu_load_file(COMBINED);
    cu_model mod;
    double y[2 * CU_NL];
    ck_assert_int_eq(curtail_scenario_check(s, NULL), CURTAIL_OK);
    ck_assert_int_eq(cu_model_build(s, &mod, NULL), CURTAIL_OK);
    ck_assert_uint_eq(mod.g->ngroups, 2);
    ck_assert_int_eq(mod.ncrow, 1);
    ASSERT_NEAR(mod.crow[0].rhs, 0.4);
    memset(y, 0, sizeof y);
    /* kiln 0.75, other 0.9: NOx 10 kg met, the sum 0.25 + 0.1 = 0.35 < 0.4 —
     * cheaper (1100) than the rounded point (1600), and infeasible */
    y[0 * CU_NL + CURTAIL_RED] = 0.25;
    y[1 * CU_NL + CURTAIL_RED] = 0.1;
    ck_assert_int_eq(cu_model_rows_met(&mod, y, 1e-9), 0);
    /* the optimum: 0.25 + 0.15 = 0.4 exactly (0.5 without the credit) */
    y[1 * CU_NL + CURTAIL_RED] = 0.15;
    ck_assert_int_eq(cu_model_rows_met(&mod, y, 1e-9), 1);
    /* the rounded point: kiln 0.5, other 0.9 */
    y[0 * CU_NL + CURTAIL_RED] = 0.5;
    y[1 * CU_NL + CURTAIL_RED] = 0.1;
    ck_assert_int_eq(cu_model_rows_met(&mod, y, 1e-9), 1);
    /* the sum met (0.55), NOx not (5 kg) */
    y[1 * CU_NL + CURTAIL_RED] = 0.05;
    ck_assert_int_eq(cu_model_rows_met(&mod, y, 1e-9), 0);
    cu_model_free(&mod);
    curtail_scenario_free(s);
}
END_TEST

/* ---- export --------------------------------------------------------------------------------- */

static char *export_text(const curtail_scenario *s, curtail_lp_format format)
{
    curtail_export_options eo = CURTAIL_EXPORT_OPTIONS_INIT;
    char *dir = tu_tmpdir(), path[1024], *text;
    snprintf(path, sizeof path, "%s/model", dir);
    eo.format = format;
    ck_assert_int_eq(curtail_export_file(s, &eo, path, NULL), CURTAIL_OK);
    text = tu_read_file(path, NULL);
    ck_assert_ptr_nonnull(text);
    remove(path);
    remove(dir);
    free(dir);
    return text;
}

START_TEST(export_markers)
{
    curtail_scenario *s = load(minload_yaml("lines: 4"));
    char *lp = export_text(s, CURTAIL_LP_CPLEX), *mps = export_text(s, CURTAIL_LP_MPS);
    /* yellow: [0.3, 0.95], both ends off the grid: k in [0, 3], binaries a, c */
    ck_assert_ptr_nonnull(strstr(lp, " step_g0_Y: + 1 y_g0_Y + 0.25 k_g0_Y + 0.3 a_g0_Y"
                                     " + 0.95 c_g0_Y = 0.95\n"));
    ck_assert_ptr_nonnull(strstr(lp, " stepmax_g0_Y: + 1 k_g0_Y + 3 a_g0_Y + 3 c_g0_Y <= 3\n"));
    ck_assert_ptr_nonnull(strstr(lp, " stepmin_g0_Y: + 1 k_g0_Y + 2 a_g0_Y + 2 c_g0_Y >= 2\n"));
    ck_assert_ptr_nonnull(strstr(lp, "Generals\n k_g0_Y a_g0_Y c_g0_Y k_g0_O a_g0_O c_g0_O"
                                     " k_g0_R a_g0_R\n c_g0_R\nEnd\n"));
    ck_assert_ptr_nonnull(strstr(mps, " MARKER 'MARKER' 'INTORG'\n k_g0_Y step_g0_Y 0.25\n"));
    ck_assert_ptr_nonnull(strstr(mps, " c_g0_R stepmin_g0_R 2\n MARKER 'MARKER' 'INTEND'\nRHS\n"));
    free(lp);
    free(mps);
    curtail_scenario_free(s);
}
END_TEST

/* The 4-line case's export, byte for byte: tests/data/mip/lines4.{lp,mps}
 * (glpsol solves both to the MIP optimum 4700). */
START_TEST(export_bytes)
{
    static const char *const fmt_ext[2] = {"lp", "mps"};
    curtail_scenario *s = NULL;
    char path[1024];
    int f;
    ck_assert_int_eq(curtail_scenario_load_file(&s, CURTAIL_SOURCE_DIR "/tests/data/mip/lines4.yaml",
                                                NULL, NULL),
                     CURTAIL_OK);
    for (f = 0; f < 2; f++) {
        char *got = export_text(s, f ? CURTAIL_LP_MPS : CURTAIL_LP_CPLEX), *want;
        snprintf(path, sizeof path, CURTAIL_SOURCE_DIR "/tests/data/mip/lines4.%s", fmt_ext[f]);
        want = tu_read_file(path, NULL);
        ck_assert_ptr_nonnull(want);
        ck_assert_str_eq(got, want);
        free(got);
        free(want);
    }
    curtail_scenario_free(s);
}
END_TEST

START_TEST(no_steps_no_mip)
{
    curtail_scenario *s = load("curtail: 1\n"
                               "enterprises:\n"
                               "  - id: a\n"
                               "    industry: other\n"
                               "    units:\n"
                               "      - {id: u, kind: other, capacity: 100, ef: {NOx: 1.0}}\n");
    curtail_result *r = tu_solve_config(s, 0);
    curtail_mip_info mi;
    char *lp = export_text(s, CURTAIL_LP_CPLEX), *js = json_of(r, CURTAIL_LANG_EN);
    ck_assert_int_eq(curtail_result_mip(r, &mi, NULL), CURTAIL_OK);
    ck_assert_int_eq(mi.status, 0);
    ck_assert_ptr_null(strstr(lp, "Generals"));
    ck_assert_ptr_null(strstr(js, "\"mip\""));
    free(lp);
    free(js);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* ---- the builder ------------------------------------------------------------------------------- */

START_TEST(builder_errors)
{
    curtail_scenario *s = NULL;
    curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
    curtail_unit_spec u = CURTAIL_UNIT_SPEC_INIT;
    curtail_error err;
    ck_assert_int_eq(curtail_scenario_new(&s, NULL, NULL), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_set_unit_lines(s, 4, &err), CURTAIL_EINVAL);
    ck_assert_str_eq(err.message, "curtail_scenario_set_unit_lines: add a unit first");
    e.id = "a";
    ck_assert_int_eq(curtail_scenario_add_enterprise(s, &e, NULL), CURTAIL_OK);
    u.id = "u";
    u.capacity = 10;
    ck_assert_int_eq(curtail_scenario_add_unit(s, &u, NULL), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_set_unit_step(s, 0, &err), CURTAIL_EINPUT);
    ck_assert_str_eq(err.path, "step");
    ck_assert_str_eq(err.message, "must be in (0, 1], got 0");
    ck_assert_int_eq(curtail_scenario_set_unit_step(s, 0.0001, &err), CURTAIL_EINPUT);
    ck_assert_str_eq(err.message, "must be at least 1/1000 (0.001), got 0.0001");
    ck_assert_int_eq(curtail_scenario_set_unit_lines(s, 1001, &err), CURTAIL_EINPUT);
    ck_assert_str_eq(err.path, "lines");
    ck_assert_int_eq(curtail_scenario_set_unit_lines(s, 3, NULL), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_set_unit_step(s, 0.5, &err), CURTAIL_EINPUT);
    ck_assert_str_eq(err.message, "give either lines or step, not both");
    curtail_scenario_free(s);
}
END_TEST

static Suite *mip_suite(void)
{
    Suite *s = suite_create("mip");
    TCase *tc = tcase_create("steps");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, four_lines_binding);
    tcase_add_test(tc, min_load_lines);
    tcase_add_test(tc, min_load_step);
    tcase_add_test(tc, nesting_and_followers);
    tcase_add_test(tc, unmet_with_steps);
    tcase_add_test(tc, combined_with_steps);
    tcase_add_test(tc, incumbent_meets_combined_row);
    tcase_add_test(tc, export_markers);
    tcase_add_test(tc, export_bytes);
    tcase_add_test(tc, no_steps_no_mip);
    tcase_add_test(tc, builder_errors);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    int failed;
    SRunner *sr = srunner_create(mip_suite());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
