/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_scenario.c — reading a scenario back through the public API:
 * curtail_scenario_enterprise and curtail_scenario_unit on a loaded scenario
 * (values as given and as resolved) and on one built in code.
 */
#include "curtail.h"
#include "testutil.h"

#include <check.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

static const char yaml[] =
    "curtail: 1\n"
    "name: readback\n"
    "enterprises:\n"
    "  - id: coke\n"
    "    name: 恒祥焦化\n"
    "    credit_code: 91140423MA0XXXXXX6\n"
    "    town: 王桥镇\n"
    "    industry: coking\n"
    "    grade: B-\n"
    "    phase_out: true\n"
    "    units:\n"
    "      - id: oven1\n"
    "        kind: coke_oven\n"
    "        capacity: 100\n"
    "        base_load: 0.8\n"
    "        value: 320\n"
    "        baseline_kgpd: {SO2: 40, NOx: 8}\n"
    "        fixed_kgpd: {NOx: 12}\n"
    "        coke_oven: {height_m: 5.5, quenching: wet, coking_time_h: 24, max_coking_time_h: 72}\n"
    "      - id: chem\n"
    "        kind: byproduct\n"
    "        capacity: 100\n"
    "        follows: oven1\n"
    "        ef: {VOCs: 0.4}\n"
    "  - id: heat\n"
    "    industry: boiler\n"
    "    guarantee: livelihood\n"
    "    units:\n"
    "      - id: b1\n"
    "        kind: boiler\n"
    "        capacity: 480\n"
    "        min_load: 0.25\n"
    "        ef: {SO2: 0.5, PM: 0.1}\n"
    "        boiler: {fuel: coal, steam_tph: 20, heating: true}\n"
    "      - id: b2\n"
    "        kind: boiler\n"
    "        capacity: 240\n"
    "        interruptible: true\n"
    "        ef: {NOx: 0.3}\n";

static curtail_scenario *load(void)
{
    curtail_scenario *s = NULL;
    curtail_error err;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(curtail_scenario_load_buffer(&s, yaml, strlen(yaml), "r.yaml", NULL, &err),
                     CURTAIL_OK);
    return s;
}

START_TEST(test_scenario_enterprises_read_back)
{
    curtail_scenario *s = load();
    curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
    curtail_error err;
    ck_assert_uint_eq(curtail_scenario_enterprise_count(s), 2);
    ck_assert_int_eq(curtail_scenario_enterprise(s, 0, &e, &err), CURTAIL_OK);
    ck_assert_str_eq(e.id, "coke");
    ck_assert_str_eq(e.name, "恒祥焦化");
    ck_assert_str_eq(e.credit_code, "91140423MA0XXXXXX6");
    ck_assert_str_eq(e.town, "王桥镇");
    ck_assert_int_eq(e.industry, CURTAIL_COKING);
    ck_assert_int_eq(e.grade, CURTAIL_GRADE_B_MINUS); /* as written, not the effective D */
    ck_assert_int_eq(e.guarantee, CURTAIL_GUARANTEE_NONE);
    ck_assert_int_eq(e.phase_out, 1);
    ck_assert_int_eq(curtail_scenario_enterprise(s, 1, &e, &err), CURTAIL_OK);
    ck_assert_str_eq(e.id, "heat");
    ck_assert_str_eq(e.name, "heat"); /* no name: the id */
    ck_assert_ptr_null(e.credit_code);
    ck_assert_ptr_null(e.town);
    ck_assert_int_eq(e.industry, CURTAIL_BOILER_INDUSTRY);
    ck_assert_int_eq(e.grade, CURTAIL_GRADE_NONE);
    ck_assert_int_eq(e.guarantee, CURTAIL_GUARANTEE_LIVELIHOOD);
    ck_assert_int_eq(e.phase_out, 0);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_scenario_units_read_back)
{
    curtail_scenario *s = load();
    curtail_unit_spec u = CURTAIL_UNIT_SPEC_INIT;
    curtail_error err;
    size_t ent = 99;
    ck_assert_uint_eq(curtail_scenario_unit_count(s), 4);

    ck_assert_int_eq(curtail_scenario_unit(s, 0, &u, &ent, &err), CURTAIL_OK);
    ck_assert_uint_eq(ent, 0);
    ck_assert_str_eq(u.id, "oven1");
    ck_assert_str_eq(u.name, "oven1");
    ck_assert_int_eq(u.kind, CURTAIL_KIND_COKE_OVEN);
    ck_assert_double_eq(u.capacity, 100);
    ck_assert_int_eq(u.has_base_load, 1);
    ck_assert_double_eq(u.base_load, 0.8);
    ck_assert_int_eq(u.has_min_load, 0);
    ck_assert_double_eq_tol(u.min_load, 0.8 * 24.0 / 72.0, 1e-15); /* base·coking_time/max */
    ck_assert_double_eq(u.value, 320);
    ck_assert_int_eq(u.has_ef, 0);
    ck_assert_int_eq(u.has_baseline, 1);
    ck_assert_double_eq(u.baseline_kgpd[CURTAIL_SO2], 40);
    ck_assert_double_eq(u.baseline_kgpd[CURTAIL_NOX], 8);
    /* ef = baseline / (capacity * base_load) = 40 / 80, 8 / 80 */
    ck_assert_double_eq_tol(u.ef[CURTAIL_SO2], 0.5, 1e-15);
    ck_assert_double_eq_tol(u.ef[CURTAIL_NOX], 0.1, 1e-15);
    ck_assert_double_eq(u.ef[CURTAIL_PM], 0);
    ck_assert_double_eq(u.fixed_kgpd[CURTAIL_NOX], 12);
    ck_assert_int_eq(u.interruptible, 0); /* a coke oven's default, resolved */
    ck_assert_ptr_null(u.follows);
    ck_assert_int_eq(u.has_coke_oven, 1);
    ck_assert_int_eq(u.has_height, 1);
    ck_assert_double_eq(u.height_m, 5.5);
    ck_assert_int_eq(u.quenching, CURTAIL_QUENCHING_WET);
    ck_assert_double_eq(u.coking_time_h, 24);
    ck_assert_double_eq(u.max_coking_time_h, 72);
    ck_assert_int_eq(u.has_ramp_h, 1);
    ck_assert_double_eq(u.ramp_h, 24); /* default: the normal coking time */
    ck_assert_int_eq(u.has_boiler, 0);

    ck_assert_int_eq(curtail_scenario_unit(s, 1, &u, &ent, &err), CURTAIL_OK);
    ck_assert_uint_eq(ent, 0);
    ck_assert_str_eq(u.id, "chem");
    ck_assert_int_eq(u.kind, CURTAIL_KIND_BYPRODUCT);
    ck_assert_str_eq(u.follows, "oven1");
    ck_assert_int_eq(u.has_ef, 1);
    ck_assert_double_eq(u.ef[CURTAIL_VOCS], 0.4);
    ck_assert_int_eq(u.has_coke_oven, 0);
    ck_assert_int_eq(u.has_ramp_h, 0);

    ck_assert_int_eq(curtail_scenario_unit(s, 2, &u, &ent, &err), CURTAIL_OK);
    ck_assert_uint_eq(ent, 1);
    ck_assert_str_eq(u.id, "b1");
    ck_assert_int_eq(u.has_min_load, 1);
    ck_assert_double_eq(u.min_load, 0.25);
    ck_assert_int_eq(u.has_base_load, 0);
    ck_assert_double_eq(u.base_load, 1);
    ck_assert_int_eq(u.has_boiler, 1);
    ck_assert_int_eq(u.fuel, CURTAIL_FUEL_COAL);
    ck_assert_double_eq(u.steam_tph, 20);
    ck_assert_int_eq(u.heating, 1);
    ck_assert_int_eq(u.interruptible, 0);

    ck_assert_int_eq(curtail_scenario_unit(s, 3, &u, NULL, &err), CURTAIL_OK);
    ck_assert_str_eq(u.id, "b2");
    ck_assert_int_eq(u.interruptible, 1);
    ck_assert_int_eq(u.has_boiler, 0);
    curtail_scenario_free(s);
}
END_TEST

/* Built in code: read back before the check (interruptible still -1), and a
 * spec read back builds the same unit again. */
START_TEST(test_scenario_built_in_code)
{
    curtail_scenario *s = NULL, *t = NULL;
    curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT, e2 = CURTAIL_ENTERPRISE_SPEC_INIT;
    curtail_unit_spec u = CURTAIL_UNIT_SPEC_INIT, u2 = CURTAIL_UNIT_SPEC_INIT;
    curtail_error err;
    size_t ent = 7;
    ck_assert_int_eq(curtail_scenario_new(&s, NULL, &err), CURTAIL_OK);
    e.id = "p1";
    e.industry = CURTAIL_CHEMICAL;
    e.grade = CURTAIL_GRADE_C;
    ck_assert_int_eq(curtail_scenario_add_enterprise(s, &e, &err), CURTAIL_OK);
    u.id = "r1";
    u.kind = CURTAIL_KIND_COATING;
    u.capacity = 50;
    u.has_ef = 1;
    u.ef[CURTAIL_VOCS] = 2.5;
    u.value = 10;
    ck_assert_int_eq(curtail_scenario_add_unit(s, &u, &err), CURTAIL_OK);

    ck_assert_int_eq(curtail_scenario_enterprise(s, 0, &e2, &err), CURTAIL_OK);
    ck_assert_str_eq(e2.id, "p1");
    ck_assert_str_eq(e2.name, "p1");
    ck_assert_int_eq(e2.grade, CURTAIL_GRADE_C);
    ck_assert_int_eq(curtail_scenario_unit(s, 0, &u2, &ent, &err), CURTAIL_OK);
    ck_assert_uint_eq(ent, 0);
    ck_assert_int_eq(u2.interruptible, -1);
    ck_assert_ptr_ne(u2.id, u.id); /* the scenario's copy */
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_unit(s, 0, &u2, &ent, &err), CURTAIL_OK);
    ck_assert_int_eq(u2.interruptible, 1); /* coating: interruptible by default */

    ck_assert_int_eq(curtail_scenario_new(&t, NULL, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_add_enterprise(t, &e2, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_add_unit(t, &u2, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_check(t, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_unit(t, 0, &u, NULL, &err), CURTAIL_OK);
    ck_assert_str_eq(u.id, "r1");
    ck_assert_int_eq(u.kind, CURTAIL_KIND_COATING);
    ck_assert_double_eq(u.capacity, 50);
    ck_assert_double_eq(u.ef[CURTAIL_VOCS], 2.5);
    ck_assert_double_eq(u.value, 10);
    ck_assert_int_eq(u.interruptible, 1);
    curtail_scenario_free(t);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_scenario_readback_errors)
{
    curtail_scenario *s = load();
    curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
    curtail_unit_spec u = CURTAIL_UNIT_SPEC_INIT;
    curtail_error err;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(curtail_scenario_enterprise(s, 2, &e, &err), CURTAIL_EINVAL);
    ck_assert_str_eq(err.message,
                     "curtail_scenario_enterprise: index 2 out of range (2 enterprises)");
    ck_assert_int_eq(curtail_scenario_unit(s, 4, &u, NULL, &err), CURTAIL_EINVAL);
    ck_assert_str_eq(err.message, "curtail_scenario_unit: index 4 out of range (4 units)");
    ck_assert_int_eq(curtail_scenario_unit(NULL, 0, &u, NULL, &err), CURTAIL_EINVAL);
    ck_assert_str_eq(err.message, "curtail_scenario_unit: scenario is NULL");
    ck_assert_int_eq(curtail_scenario_enterprise(NULL, 0, &e, NULL), CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_scenario_unit(s, 0, NULL, NULL, &err), CURTAIL_EINVAL);
    ck_assert_str_eq(err.message, "curtail_scenario_unit: out is NULL or of another version");
    u.version = 0;
    ck_assert_int_eq(curtail_scenario_unit(s, 0, &u, NULL, &err), CURTAIL_EINVAL);
    e.version = 3; /* 2 added the sheet's fields */
    ck_assert_int_eq(curtail_scenario_enterprise(s, 0, &e, &err), CURTAIL_EINVAL);
    ck_assert_str_eq(err.message,
                     "curtail_scenario_enterprise: out is NULL or of another version");
    curtail_scenario_free(s);
}
END_TEST

/* A program built against 0.1.0 passes a version-1 unit spec, which ends at
 * `heating`: it is read and filled only that far (the bytes after it are the
 * caller's, here a guard), with the later fields at their defaults. */
START_TEST(test_scenario_unit_spec_version_1)
{
    struct {
        curtail_unit_spec head; /* only the version-1 part is the caller's */
    } buf;
    unsigned char *tail;
    size_t v1 = offsetof(curtail_unit_spec, has_ramp_h), k;
    curtail_scenario *s = NULL;
    curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
    curtail_unit_spec back = CURTAIL_UNIT_SPEC_INIT;
    curtail_error err;
    ck_assert_int_eq(curtail_scenario_new(&s, NULL, &err), CURTAIL_OK);
    e.id = "coke";
    e.industry = CURTAIL_COKING;
    ck_assert_int_eq(curtail_scenario_add_enterprise(s, &e, &err), CURTAIL_OK);
    buf.head = (curtail_unit_spec)CURTAIL_UNIT_SPEC_INIT;
    buf.head.version = 1;
    buf.head.id = "oven";
    buf.head.kind = CURTAIL_KIND_COKE_OVEN;
    buf.head.capacity = 100;
    buf.head.has_coke_oven = 1;
    buf.head.coking_time_h = 20;
    tail = (unsigned char *)&buf.head + v1;
    memset(tail, 0xA5, sizeof buf.head - v1); /* garbage a v1 caller would have there */
    ck_assert_int_eq(curtail_scenario_add_unit(s, &buf.head, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    /* read back whole: the ramp took its default (the coking time) */
    ck_assert_int_eq(curtail_scenario_unit(s, 0, &back, NULL, &err), CURTAIL_OK);
    ck_assert_double_eq(back.ramp_h, 20);
    ck_assert_ptr_null(back.capacity_unit); /* the default: t/d for an oven */
    /* read back into a version-1 struct: the guard after it stays */
    memset(tail, 0x5A, sizeof buf.head - v1);
    buf.head.version = 1;
    ck_assert_int_eq(curtail_scenario_unit(s, 0, &buf.head, NULL, &err), CURTAIL_OK);
    ck_assert_str_eq(buf.head.id, "oven");
    ck_assert_double_eq(buf.head.coking_time_h, 20);
    for (k = 0; k < sizeof buf.head - v1; k++)
        ck_assert_uint_eq(tail[k], 0x5A);
    buf.head.version = CURTAIL_UNIT_SPEC_VERSION + 1;
    ck_assert_int_eq(curtail_scenario_unit(s, 0, &buf.head, NULL, &err), CURTAIL_EINVAL);
    curtail_scenario_free(s);
}
END_TEST

static Suite *scenario_suite(void)
{
    Suite *s = suite_create("scenario");
    TCase *core = tcase_create("core");
    TCase *errors = tcase_create("errors");
    tcase_add_test(core, test_scenario_enterprises_read_back);
    tcase_add_test(core, test_scenario_units_read_back);
    tcase_add_test(core, test_scenario_built_in_code);
    tcase_add_test(core, test_scenario_unit_spec_version_1);
    tcase_add_test(errors, test_scenario_readback_errors);
    suite_add_tcase(s, core);
    suite_add_tcase(s, errors);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(scenario_suite());
    int failed;
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
