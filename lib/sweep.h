/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sweep.h — a sweep's state, shared by sweep.c (solving) and write_sweep.c (tables). */
#ifndef CURTAIL_SWEEP_H
#define CURTAIL_SWEEP_H

#include "plan_model.h"

/* variants.c, override.c */
int cu_apply_variant_index(curtail_scenario *s, const curtail_scenario *from, size_t i,
                           curtail_error *err);
int cu_variant_ratios_only(const curtail_scenario *s, size_t i);
int cu_override_keeps_check(const char *path);
int cu_override_at(curtail_scenario *s, const char *path, const char *value, const char *shown,
                   curtail_error *err);

typedef struct sw_set {
    char *path;
    char **values; /* as given (or as a range wrote them) */
    size_t nvalues;
    int ratio; /* targets only (ratios.L.P, credits, combined): no re-check needed */
} sw_set;

typedef struct sw_case {
    int status; /* curtail_case_status */
    char *message;
    double objective;
    curtail_level_result lv[CU_NL];
    char *changed[CU_NL]; /* ids separated by one space ("" none) */
    size_t nchanged[CU_NL];
} sw_case;

struct curtail_sweep {
    const curtail_scenario *s;
    const curtail_mem *mem;
    curtail_sweep_options o;
    sw_set *sets;
    size_t nsets;
    size_t nbase;         /* the base and (with o.variants) each variant */
    size_t first, end;    /* this shard's cases */
    sw_case *cases;       /* end - first of them */
    int ran;
    /* the base's optimum: warm start and the loads changes are measured against */
    cu_warm warm;
    double *base_load;    /* per base unit per level */
    const char **base_ids; /* enterprise ids sorted, with their index */
    size_t *base_idx;
};

size_t cu_sweep_ncases(const curtail_sweep *w);
/* The variant (0 = base) and the value index of each set of case k. */
size_t cu_sweep_decode(const curtail_sweep *w, size_t k, size_t *vidx);
const char *cu_sweep_variant_name(const curtail_sweep *w, size_t b);

#endif
