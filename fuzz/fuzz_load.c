/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_load.c — libFuzzer target: the strict YAML loader on any bytes. */
#include "curtail.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    curtail_scenario *s = NULL;
    curtail_error err;
    char line[2048];
    if (curtail_scenario_load_buffer(&s, (const char *)data, size, "fuzz.yaml", NULL, &err) ==
        CURTAIL_OK) {
        size_t i;
        for (i = 0; i < curtail_scenario_warning_count(s); i++)
            (void)curtail_scenario_warning(s, i);
    } else {
        curtail_error_format(&err, line, sizeof line);
    }
    curtail_scenario_free(s);
    return 0;
}
