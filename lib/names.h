/* SPDX-License-Identifier: GPL-3.0-or-later */
/* names.h — the vocabulary of SPEC §3 that is not public (names.c). Internal; not
 * installed. */
#ifndef CURTAIL_NAMES_H
#define CURTAIL_NAMES_H

#include "internal.h"

const char *cu_guarantee_name(int g);
const char *cu_measure_key(int m); /* "max_load", "cut", "coking_time_h", "stop", "none" */
/* Does `kind` belong to `industry` (SPEC §3)? */
int cu_kind_in_industry(int kind, int industry);
/* Default `interruptible` of a kind: batch, loading, coating. */
int cu_kind_interruptible_default(int kind);

#endif
