/* SPDX-License-Identifier: GPL-3.0-or-later */
/* names.h — the vocabulary of SPEC §3 that is not public (names.c). Internal; not
 * installed. */
#ifndef CURTAIL_NAMES_H
#define CURTAIL_NAMES_H

#include "internal.h"

const char *cu_guarantee_name(int g);
const char *cu_measure_key(int m); /* "max_load", "cut", "coking_time_h", "stop", "none" */
/* The label of alert level L in the outputs: "黄色" / "Yellow", or with
 * `alert` "黄色预警" / "Yellow alert" (the schema word is curtail_level_name). */
const char *cu_level_label(int level, int en, int alert);
/* The text of a transport measure (issue 10): "停止公路运输" / "no road
 * transport"; "" for CURTAIL_TRANSPORT_UNSET. */
const char *cu_transport_text(int transport, int en);
/* Does transport measure t stop the trips of truck class c? */
int cu_transport_bans(int transport, int truck_class);
/* Does `kind` belong to `industry` (SPEC §3)? */
int cu_kind_in_industry(int kind, int industry);
/* Default `interruptible` of a kind: batch, loading, coating. */
int cu_kind_interruptible_default(int kind);

/* Capacity units (capacity_unit): the capacity is always output per day
 * (SPEC §1); the unit names the quantity and the basis indicators are
 * stated in (t/h: the daily capacity ÷ 24). */
enum {
    CU_CAPU_DEFAULT = 0, /* per kind: t/h for boilers, t/d otherwise */
    CU_CAPU_T_D,
    CU_CAPU_T_H,
    CU_CAPU_M3_D,
    CU_CAPU_M3_H,
    CU_CAPU_COUNT
};
/* "t/d" … as written in a scenario; NULL for DEFAULT. */
extern const char *const cu_capu_names[CU_CAPU_COUNT];
/* CU_CAPU_* of a name ("t/d" …), -1 if unknown. */
int cu_capu_from_name(const char *name);
/* The unit in use for a unit of `kind` given `capu` (never DEFAULT). */
int cu_capu_resolve(int capu, int kind);
/* "吨/日" / "t/d" of a resolved unit. */
const char *cu_capu_label(int capu, int en);
/* A daily quantity in the resolved unit's basis (÷ 24 for hourly units). */
double cu_capu_amount(int capu, double per_day);

#endif
