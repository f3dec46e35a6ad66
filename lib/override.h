/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * override.h — private to override.c and override_apply.c (and variants.c's
 * call back into override.c): one override in progress, the strict readers of
 * its value, the appliers by path.
 */
#ifndef CURTAIL_OVERRIDE_H
#define CURTAIL_OVERRIDE_H

#include "scenario.h"
#include "yaml_tree.h"
#include "yaml_read.h"

/* ---- one override in progress -------------------------------------------------------- */

typedef struct ov {
    curtail_scenario *s;
    const char *path; /* as written, for messages */
    const char *file; /* NULL: no position */
    cu_pos pos;
    curtail_error *err;
    yt_tree t;
    int has_value; /* a non-null value was given */
    uint32_t root;
} ov;

#define NO_NODE UINT32_MAX

/* Closed word lists: the loader's (yaml_read.c). */
#define POLLUTANTS YR_POLLUTANTS
#define LEVELS YR_LEVELS
#define INDUSTRIES YR_INDUSTRIES
#define GRADES YR_GRADES
#define FUELS YR_FUELS
#define GUARANTEES YR_GUARANTEES
#define QUENCHINGS YR_QUENCHINGS
#define LANGS YR_LANGS
#define BASES YR_BASES

/* override.c: errors and strict scalars (the loader's rules) */
int cu_ov_fail(const ov *o, const char *sub, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
int cu_ov_builder(const ov *o, int rc, const curtail_error *be);
void cu_ov_describe(const ov *o, uint32_t n, char *buf, size_t size);
int cu_ov_wrong_type(const ov *o, uint32_t n, const char *sub, const char *want);
int cu_ov_rd_number(const ov *o, uint32_t n, const char *sub, double *out);
int cu_ov_rd_bool(const ov *o, uint32_t n, const char *sub, int *out);
int cu_ov_rd_string(const ov *o, uint32_t n, const char *sub, const char **out);
int cu_ov_rd_id(const ov *o, uint32_t n, const char *sub, const char **out);
int cu_ov_unknown_word_text(const ov *o, const char *sub, const wordset *ws, const char *got);
int cu_ov_rd_word(const ov *o, uint32_t n, const char *sub, const wordset *ws, int *out);
int cu_ov_path_word(const ov *o, const char *text, const wordset *ws, int *out);
int cu_ov_rd_pollutants(const ov *o, uint32_t n, double v[CU_NP]);

/* override_apply.c: the override by path (on error the scenario is unchanged) */
int cu_ov_scenario(const ov *o, const char *path, const char *value);
int cu_ov_enterprise(const ov *o, const char *rest, int remove);
int cu_ov_unit(const ov *o, const char *rest, int remove);

/* override_more.c: the issue-10 keys; CU_OV_NOMATCH when the path is not one */
#define CU_OV_NOMATCH (-1)
int cu_ov_scenario_more(const ov *o, const char *path);
int cu_ov_enterprise_more(const ov *o, size_t e, const char *field);
/* override.c: an override of `path` leaves the check's cache valid (targets only) */
int cu_override_keeps_check(const char *path);

/* override.c: the whole override, with the variant's file and position (variants.c) */
int cu_override_at_pos(curtail_scenario *s, const char *path, const char *value, const char *file,
                       cu_pos pos, const char *shown, curtail_error *err);

#endif
