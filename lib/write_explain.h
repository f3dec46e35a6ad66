/* SPDX-License-Identifier: GPL-3.0-or-later */
/* write_explain.h — private to write_explain.c (Markdown, the entry) and
 * write_explain_json.c (JSON): the explanation in progress and the helpers
 * both use. Internal; not installed. */
#ifndef CURTAIL_WRITE_EXPLAIN_H
#define CURTAIL_WRITE_EXPLAIN_H

#include "report.h"

typedef struct ex {
    const curtail_result *r;
    cu_buf *out;
    cu_buf tmp; /* scratch for measure texts and reasons */
    int lang, en;
} ex;

static inline void puts_(ex *x, const char *s)
{
    cu_buf_puts(x->out, s);
}

/* The measure text (reason 0) or the 依据 (1) of unit u at level L, in
 * x->tmp; "" on failure (x->out marked failed). */
const char *cu_ex_unit_text(ex *x, size_t u, int L, int reason);
/* Is unit u at level L below its own rule's load by the optimiser's choice? */
int cu_ex_below_rule(const curtail_result *r, size_t u, int L);
/* The enterprise `id`: its index and units [first, end); CURTAIL_EINVAL if unknown. */
int cu_ex_find_enterprise(const curtail_result *r, const char *id, size_t *ent, size_t *first,
                          size_t *end);

/* write_explain_json.c */
int cu_ex_json_sheet(ex *x, size_t ent, size_t first, size_t end, int level);
int cu_ex_json_account(ex *x, int L);
int cu_ex_json_index(ex *x);

#endif
