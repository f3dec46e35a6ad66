/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_plan.c — libFuzzer target: load → plan (and schedule) → every writer,
 * on small inputs. */
#define _GNU_SOURCE
#include "curtail.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void write_all_formats(const curtail_result *r)
{
    static const curtail_format formats[] = {CURTAIL_FORMAT_JSON, CURTAIL_FORMAT_CSV,
                                             CURTAIL_FORMAT_MD};
    size_t i;
    FILE *sink = fopen("/dev/null", "w");
    if (!sink)
        return;
    for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        curtail_write_options wo = CURTAIL_WRITE_OPTIONS_INIT;
        curtail_error err;
        wo.format = formats[i];
        wo.lang = (i % 2) ? CURTAIL_LANG_EN : CURTAIL_LANG_ZH;
        (void)curtail_result_write_stream(r, &wo, sink, &err);
    }
    fclose(sink);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    curtail_scenario *s = NULL;
    curtail_result *r = NULL;
    curtail_error err;
    if (size > 8192)
        return 0; /* small inputs: the solver's time is not what we fuzz */
    if (curtail_scenario_load_buffer(&s, (const char *)data, size, "fuzz.yaml", NULL, &err) !=
        CURTAIL_OK)
        return 0;
    if (curtail_scenario_unit_count(s) <= 200) {
        if (curtail_plan_solve(s, NULL, &r, &err) == CURTAIL_OK)
            write_all_formats(r);
        curtail_result_free(r);
        r = NULL;
        if (curtail_schedule_solve(s, NULL, &r, &err) == CURTAIL_OK)
            write_all_formats(r);
        curtail_result_free(r);
    }
    curtail_scenario_free(s);
    return 0;
}
