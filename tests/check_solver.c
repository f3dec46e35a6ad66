/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_solver.c — the solver layer (lib/solve.c and its engines) white-box:
 * a hand-solved LP through a session on every engine of the build, cold and
 * then warm after rows and columns were appended with basis hints; and the
 * bounds on a solve (time limit, cancel hook), through sessions and through
 * curtail_plan_solve.
 *
 * The LP (minimise):
 *     cost       x1 + 3 x2 + 4 x3 + 0.5 x4
 *     r0 (>=):   x1 +   x2 +   x3 +     x4  >= 7
 *     r1 (<=):          x2                  <= 3
 *     r2 (=):                           x4   = 1
 *     0 <= x1 <= 2, 0 <= x2, 0 <= x3 <= 10, 0 <= x4
 * x1 is the cheapest way into r0 and sits at its bound 2, x2 at r1's 3, x4 at
 * 1, and x3 = 7 - 2 - 3 - 1 = 1 closes r0: objective 2 + 9 + 4 + 0.5 = 15.5.
 * Basic: x2, x3, x4 (each strictly inside its range), so the duals are
 * unique: x3 gives y0 = 4; x2: 3 = y0 + y1, y1 = -1; x4: 0.5 = y0 + y2,
 * y2 = -3.5. (x1 at its upper bound: reduced cost 1 - 4 = -3 <= 0.)
 * GLPK's sign convention for a minimisation: a binding >= row has a dual
 * >= 0, a binding <= row <= 0; each is d objective / d rhs.
 *
 * Warm: r0's rhs rises to 7.5, a row r3 (<=): x5 <= 0.5 and a column x5 in
 * [0, 5], cost 2, in r0 and r3 join (x5 hinted at its lower bound, r3 basic).
 * x5 is cheaper than x3 in r0 and takes all r3 allows: x5 = 0.5, x3 = 1.0,
 * objective 2 + 9 + 4 + 0.5 + 1 = 16.5; y0 = 4, y1 = -1, y2 = -3.5 as
 * before and x5 basic: 2 = y0 + y3, y3 = -2.
 */
#include "curtail.h"
#include "internal.h"
#include "episode.h" /* white-box: the modules' private headers */
#include "policy.h"
#include "result.h"
#include "rule_schema.h"
#include "solve.h"
#include "timeutil.h"
#include "write.h"

#include <check.h>
#include <math.h>
#include <string.h>

#define ASSERT_NEAR(got, want) ck_assert_double_eq_tol((got), (want), 1e-9 * fmax(1.0, fabs(want)))

static const char *const limit_message =
    "the solver reached the time limit of 1e-09 s before an optimum was proven; raise the "
    "limit (--time-limit) or solve a smaller scenario";
static const char *const cancel_message = "the solve was cancelled by the caller";

/* The engines of this build. */
static int engines(curtail_solver out[2])
{
    int n = 0;
    out[n++] = CURTAIL_SOLVER_GLPK;
    if (curtail_solver_available(CURTAIL_SOLVER_CLP))
        out[n++] = CURTAIL_SOLVER_CLP;
    return n;
}

static void build_cold(cu_lp *lp)
{
    size_t rows[2];
    double vals[2];
    cu_lp_init(lp, NULL);
    ck_assert_uint_eq(cu_lp_add_row(lp, "r0", CU_ROW_GE, 7.0), 0);
    ck_assert_uint_eq(cu_lp_add_row(lp, "r1", CU_ROW_LE, 3.0), 1);
    ck_assert_uint_eq(cu_lp_add_row(lp, "r2", CU_ROW_EQ, 1.0), 2);
    rows[0] = 0;
    vals[0] = 1.0;
    ck_assert_uint_eq(cu_lp_add_col(lp, "x1", 1.0, 0.0, 2.0, 1, rows, vals), 0);
    rows[1] = 1;
    vals[1] = 1.0;
    ck_assert_uint_eq(cu_lp_add_col(lp, "x2", 3.0, 0.0, INFINITY, 2, rows, vals), 1);
    ck_assert_uint_eq(cu_lp_add_col(lp, "x3", 4.0, 0.0, 10.0, 1, rows, vals), 2);
    rows[1] = 2;
    ck_assert_uint_eq(cu_lp_add_col(lp, "x4", 0.5, 0.0, INFINITY, 2, rows, vals), 3);
}

static void assert_solution(const cu_lp_solution *sol, double obj, const double *x, size_t nx,
                            const double *y, size_t ny)
{
    size_t i;
    ck_assert_int_eq(sol->status, 0);
    ASSERT_NEAR(sol->obj, obj);
    for (i = 0; i < nx; i++)
        ASSERT_NEAR(sol->x[i], x[i]);
    for (i = 0; i < ny; i++)
        ASSERT_NEAR(sol->dual[i], y[i]);
}

START_TEST(test_session_cold_then_warm)
{
    static const double x_cold[4] = {2, 3, 1, 1}, y_cold[3] = {4, -1, -3.5};
    static const double x_warm[5] = {2, 3, 1, 1, 0.5}, y_warm[4] = {4, -1, -3.5, -2};
    curtail_solver eng[2];
    int e, n = engines(eng);
    for (e = 0; e < n; e++) {
        cu_solve_ctl ctl;
        cu_lps *S = NULL;
        cu_lp lp;
        cu_lp_solution sol;
        curtail_error err;
        signed char chint[5] = {0, 0, 0, 0, CU_BS_LOWER}, rhint[4] = {0, 0, 0, CU_BS_BASIC};
        size_t rows[2];
        double vals[2];
        memset(&ctl, 0, sizeof ctl);
        memset(&err, 0, sizeof err);
        ctl.engine = (int)eng[e];
        build_cold(&lp);
        ck_assert_int_eq(cu_lps_open(&S, NULL, &ctl, &err), CURTAIL_OK);
        ck_assert_int_eq(cu_lp_solution_alloc(NULL, &lp, &sol), CURTAIL_OK);
        ck_assert_msg(cu_lps_solve(S, &lp, NULL, NULL, &ctl, &sol, &err) == CURTAIL_OK,
                      "engine %d: %s", (int)eng[e], err.message);
        assert_solution(&sol, 15.5, x_cold, 4, y_cold, 3);
        cu_lp_solution_free(NULL, &sol);

        lp.rhs[0] = 7.5;
        ck_assert_uint_eq(cu_lp_add_row(&lp, "r3", CU_ROW_LE, 0.5), 3);
        rows[0] = 0;
        rows[1] = 3;
        vals[0] = vals[1] = 1.0;
        ck_assert_uint_eq(cu_lp_add_col(&lp, "x5", 2.0, 0.0, 5.0, 2, rows, vals), 4);
        ck_assert_int_eq(cu_lp_solution_alloc(NULL, &lp, &sol), CURTAIL_OK);
        ck_assert_msg(cu_lps_solve(S, &lp, chint, rhint, &ctl, &sol, &err) == CURTAIL_OK,
                      "engine %d: %s", (int)eng[e], err.message);
        assert_solution(&sol, 16.5, x_warm, 5, y_warm, 4);
        cu_lp_solution_free(NULL, &sol);

        /* a third round that makes it infeasible: r1's x2 <= 3 against x2 >= 4 */
        ck_assert_uint_eq(cu_lp_add_row(&lp, "r4", CU_ROW_GE, 4.0), 4);
        rows[0] = 4;
        vals[0] = 1.0;
        ck_assert_uint_eq(cu_lp_add_col(&lp, "x6", 0.0, 0.0, 0.0, 1, rows, vals), 5);
        lp.rhs[1] = -1.0; /* x2 <= -1 with x2 >= 0 */
        ck_assert_int_eq(cu_lp_solution_alloc(NULL, &lp, &sol), CURTAIL_OK);
        ck_assert_msg(cu_lps_solve(S, &lp, NULL, NULL, &ctl, &sol, &err) == CURTAIL_OK,
                      "engine %d: %s", (int)eng[e], err.message);
        ck_assert_int_eq(sol.status, 1);
        cu_lp_solution_free(NULL, &sol);
        cu_lps_close(S);
        cu_lp_free(&lp);
    }
}
END_TEST

/* The same LP in one call (cu_lp_solve), and an LP without columns. */
START_TEST(test_one_shot_and_empty)
{
    static const double x_cold[4] = {2, 3, 1, 1}, y_cold[3] = {4, -1, -3.5};
    curtail_solver eng[2];
    int e, n = engines(eng);
    for (e = 0; e < n; e++) {
        cu_solve_ctl ctl;
        cu_lp lp;
        cu_lp_solution sol;
        curtail_error err;
        memset(&ctl, 0, sizeof ctl);
        memset(&err, 0, sizeof err);
        ctl.engine = (int)eng[e];
        build_cold(&lp);
        ck_assert_int_eq(cu_lp_solve(&lp, &ctl, &sol, &err), CURTAIL_OK);
        assert_solution(&sol, 15.5, x_cold, 4, y_cold, 3);
        cu_lp_solution_free(NULL, &sol);
        cu_lp_free(&lp);

        cu_lp_init(&lp, NULL);
        cu_lp_add_row(&lp, NULL, CU_ROW_LE, 1.0);
        ck_assert_int_eq(cu_lp_solve(&lp, &ctl, &sol, &err), CURTAIL_OK);
        ck_assert_int_eq(sol.status, 0);
        ASSERT_NEAR(sol.obj, 0.0);
        cu_lp_solution_free(NULL, &sol);
        cu_lp_add_row(&lp, NULL, CU_ROW_GE, 1.0);
        ck_assert_int_eq(cu_lp_solve(&lp, &ctl, &sol, &err), CURTAIL_OK);
        ck_assert_int_eq(sol.status, 1);
        cu_lp_solution_free(NULL, &sol);
        cu_lp_free(&lp);

        /* no rows: each column at its cheaper bound, -1 * 3 + 2 * 1 */
        cu_lp_init(&lp, NULL);
        cu_lp_add_col(&lp, NULL, -1.0, 1.0, 3.0, 0, NULL, NULL);
        cu_lp_add_col(&lp, NULL, 2.0, 1.0, 3.0, 0, NULL, NULL);
        ck_assert_int_eq(cu_lp_solve(&lp, &ctl, &sol, &err), CURTAIL_OK);
        ck_assert_int_eq(sol.status, 0);
        ASSERT_NEAR(sol.obj, -1.0);
        ASSERT_NEAR(sol.x[0], 3.0);
        ASSERT_NEAR(sol.x[1], 1.0);
        cu_lp_solution_free(NULL, &sol);
        cu_lp_free(&lp);
    }
}
END_TEST

/* An unbounded LP is no optimum: min -x, x >= 1, x unbounded above. Clp
 * says it is unbounded (CURTAIL_ESOLVER); GLPK's dual simplex reports it as
 * having no feasible point (status 1). The plan's LPs are bounded. */
START_TEST(test_unbounded_is_no_optimum)
{
    curtail_solver eng[2];
    int e, n = engines(eng);
    for (e = 0; e < n; e++) {
        cu_solve_ctl ctl;
        cu_lp lp;
        cu_lp_solution sol;
        curtail_error err;
        size_t row = 0;
        double one = 1.0;
        int rc;
        memset(&ctl, 0, sizeof ctl);
        memset(&err, 0, sizeof err);
        ctl.engine = (int)eng[e];
        cu_lp_init(&lp, NULL);
        cu_lp_add_row(&lp, NULL, CU_ROW_GE, 1.0);
        cu_lp_add_col(&lp, NULL, -1.0, 0.0, INFINITY, 1, &row, &one);
        rc = cu_lp_solve(&lp, &ctl, &sol, &err);
        if (eng[e] == CURTAIL_SOLVER_GLPK) {
            ck_assert_int_eq(rc, CURTAIL_OK);
            ck_assert_int_eq(sol.status, 1);
            cu_lp_solution_free(NULL, &sol);
        } else {
            ck_assert_int_eq(rc, CURTAIL_ESOLVER);
            ck_assert_str_eq(err.message, "Clp could not solve the LP (status 2: unbounded)");
        }
        cu_lp_free(&lp);
    }
}
END_TEST

/* What no engine may see: a NaN, a bound the wrong way round. */
START_TEST(test_insane_lp_is_refused)
{
    curtail_solver eng[2];
    int e, n = engines(eng);
    for (e = 0; e < n; e++) {
        cu_solve_ctl ctl;
        cu_lp lp;
        cu_lp_solution sol;
        curtail_error err;
        memset(&ctl, 0, sizeof ctl);
        memset(&err, 0, sizeof err);
        ctl.engine = (int)eng[e];
        build_cold(&lp);
        lp.val[0] = NAN;
        ck_assert_int_eq(cu_lp_solve(&lp, &ctl, &sol, &err), CURTAIL_ESOLVER);
        ck_assert_str_eq(err.message, "the LP has non-finite or inconsistent data");
        lp.val[0] = 1.0;
        lp.clb[2] = 11.0;
        ck_assert_int_eq(cu_lp_solve(&lp, &ctl, &sol, &err), CURTAIL_ESOLVER);
        ck_assert_str_eq(err.message, "the LP has non-finite or inconsistent data");
        cu_lp_free(&lp);
    }
}
END_TEST

static int cancel_always(void *ctx)
{
    (*(int *)ctx)++;
    return 1;
}

START_TEST(test_session_limits)
{
    curtail_solver eng[2];
    int e, n = engines(eng);
    for (e = 0; e < n; e++) {
        cu_solve_ctl ctl;
        cu_lp lp;
        cu_lp_solution sol;
        curtail_error err;
        int calls = 0;
        memset(&ctl, 0, sizeof ctl);
        memset(&err, 0, sizeof err);
        ctl.engine = (int)eng[e];
        ctl.limit_s = 1e-9;
        ctl.deadline = cu_clock_s() + 1e-9;
        build_cold(&lp);
        ck_assert_int_eq(cu_lp_solve(&lp, &ctl, &sol, &err), CURTAIL_ESOLVER);
        ck_assert_str_eq(err.message, limit_message);
        memset(&ctl, 0, sizeof ctl);
        ctl.engine = (int)eng[e];
        ctl.cancel = cancel_always;
        ctl.cancel_ctx = &calls;
        ck_assert_int_eq(cu_lp_solve(&lp, &ctl, &sol, &err), CURTAIL_ECANCELED);
        ck_assert_str_eq(err.message, cancel_message);
        ck_assert_int_eq(calls, 1);
        cu_lp_free(&lp);
    }
}
END_TEST

/* Through the public API: a scenario whose target needs the LP. */
static const char *const yaml_knapsack =
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

START_TEST(test_plan_limits)
{
    static const curtail_method methods[2] = {CURTAIL_METHOD_AUTO, CURTAIL_METHOD_PLAIN};
    curtail_solver eng[2];
    curtail_scenario *s = NULL;
    curtail_error err;
    int e, m, n = engines(eng);
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(curtail_scenario_load_buffer(&s, yaml_knapsack, strlen(yaml_knapsack),
                                                  "case.yaml", NULL, &err),
                     CURTAIL_OK);
    for (e = 0; e < n; e++)
        for (m = 0; m < 2; m++) {
            curtail_plan_options o = CURTAIL_PLAN_OPTIONS_INIT;
            curtail_result *r = NULL;
            int calls = 0;
            o.solver = eng[e];
            o.method = methods[m];
            o.time_limit_s = 1e-9;
            ck_assert_int_eq(curtail_plan_solve(s, &o, &r, &err), CURTAIL_ESOLVER);
            ck_assert_ptr_null(r);
            ck_assert_str_eq(err.message, limit_message);
            o.time_limit_s = 0;
            o.cancel = cancel_always;
            o.cancel_ctx = &calls;
            ck_assert_int_eq(curtail_plan_solve(s, &o, &r, &err), CURTAIL_ECANCELED);
            ck_assert_ptr_null(r);
            ck_assert_str_eq(err.message, cancel_message);
            ck_assert_int_ge(calls, 1);
            /* and without limits the same options solve it */
            o.cancel = NULL;
            ck_assert_int_eq(curtail_plan_solve(s, &o, &r, &err), CURTAIL_OK);
            /* tests/check_plan.c: 1500 + 3000 + 17600 */
            ck_assert_double_eq_tol(curtail_result_objective(r), 22100.0, 1e-6);
            curtail_result_free(r);
        }
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_solver_availability)
{
    curtail_plan_options o = CURTAIL_PLAN_OPTIONS_INIT;
    curtail_scenario *s = NULL;
    curtail_result *r = NULL;
    curtail_error err;
    ck_assert_int_eq(curtail_solver_available(CURTAIL_SOLVER_DEFAULT), 1);
    ck_assert_int_eq(curtail_solver_available(CURTAIL_SOLVER_GLPK), 1);
    ck_assert_int_eq(curtail_solver_available((curtail_solver)7), 0);
#ifdef CURTAIL_WITH_CLP
    ck_assert_int_eq(curtail_solver_available(CURTAIL_SOLVER_CLP), 1);
#else
    ck_assert_int_eq(curtail_solver_available(CURTAIL_SOLVER_CLP), 0);
#endif
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(curtail_scenario_load_buffer(&s, yaml_knapsack, strlen(yaml_knapsack),
                                                  "case.yaml", NULL, &err),
                     CURTAIL_OK);
    o.solver = (curtail_solver)7;
    ck_assert_int_eq(curtail_plan_solve(s, &o, &r, &err), CURTAIL_EINVAL);
    ck_assert_str_eq(err.message, "curtail_plan_solve: unknown solver");
#ifndef CURTAIL_WITH_CLP
    o.solver = CURTAIL_SOLVER_CLP;
    ck_assert_int_eq(curtail_plan_solve(s, &o, &r, &err), CURTAIL_EINVAL);
    ck_assert_str_eq(err.message, "curtail_plan_solve: this build of curtail has no Clp solver");
#endif
    ck_assert_ptr_null(r);
    curtail_scenario_free(s);
}
END_TEST

#ifdef CURTAIL_WITH_CLP
/* Clp is dlopen()ed by the session that asks for it (lib/solve_clp.c): a
 * library that does not load, or one without Clp's functions, fails the open
 * with CURTAIL_ESOLVER naming the library and the loader's reason; a missing
 * first name falls back to the next; the build's own library loads. */
START_TEST(test_clp_is_loaded_on_use)
{
    static const char *const missing[] = {"libClp-curtail-missing.so.1", NULL};
    static const char *const twice[] = {"libClp-curtail-missing.so.1", "libClp-nope.so",
                                        "libClp-curtail-missing.so.1", NULL};
    static const char *const not_clp[] = {"libm.so.6", NULL};
    static const char *const fallback[] = {"libClp-curtail-missing.so.1", "libClp.so.1", NULL};
    static const char *const none[] = {NULL};
    const char *want_symbol = "libm.so.6: undefined symbol: Clp_newModel";
    cu_clp *C = (cu_clp *)&C;
    curtail_error err;
    size_t n;

    memset(&err, 0, sizeof err);
    ck_assert_int_eq(cu_clp_open_lib(&C, NULL, missing, &err), CURTAIL_ESOLVER);
    ck_assert_ptr_null(C);
    ck_assert_str_eq(err.message,
                     "cannot load the Clp engine (libClp-curtail-missing.so.1): "
                     "libClp-curtail-missing.so.1: cannot open shared object file: "
                     "No such file or directory");
    /* every name failed: the first one's reason */
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(cu_clp_open_lib(&C, NULL, twice, &err), CURTAIL_ESOLVER);
    ck_assert_str_eq(err.message,
                     "cannot load the Clp engine (libClp-curtail-missing.so.1): "
                     "libClp-curtail-missing.so.1: cannot open shared object file: "
                     "No such file or directory");
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(cu_clp_open_lib(&C, NULL, none, &err), CURTAIL_ESOLVER);
    ck_assert_str_eq(err.message, "cannot load the Clp engine ((no name)): no library name");
    /* a library that loads but is not Clp: the first function it lacks
     * (glibc's message names the file by its full path) */
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(cu_clp_open_lib(&C, NULL, not_clp, &err), CURTAIL_ESOLVER);
    ck_assert_ptr_null(C);
    ck_assert_msg(strncmp(err.message, "cannot load the Clp engine (libm.so.6): ", 40) == 0,
                  "%s", err.message);
    n = strlen(err.message);
    ck_assert_uint_gt(n, strlen(want_symbol));
    ck_assert_str_eq(err.message + n - strlen(want_symbol), want_symbol);
    /* the next name when the first does not load, and the build's library */
    ck_assert_int_eq(cu_clp_open_lib(&C, NULL, fallback, &err), CURTAIL_OK);
    ck_assert_ptr_nonnull(C);
    cu_clp_close(C);
    ck_assert_int_eq(cu_clp_open(&C, NULL, &err), CURTAIL_OK);
    cu_clp_close(C);
    ck_assert_str_eq(cu_clp_library(), "libClp.so.1");
}
END_TEST
#endif

static Suite *solver_suite(void)
{
    Suite *s = suite_create("solver");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_session_cold_then_warm);
    tcase_add_test(tc, test_one_shot_and_empty);
    tcase_add_test(tc, test_insane_lp_is_refused);
    tcase_add_test(tc, test_unbounded_is_no_optimum);
    tcase_add_test(tc, test_session_limits);
    tcase_add_test(tc, test_plan_limits);
    tcase_add_test(tc, test_solver_availability);
#ifdef CURTAIL_WITH_CLP
    tcase_add_test(tc, test_clp_is_loaded_on_use);
#endif
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(solver_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
