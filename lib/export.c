/* SPDX-License-Identifier: GPL-3.0-or-later */
/* export.c — `curtail export`: the plan LP for audit and other solvers. */
#include "plan_model.h"
#include "write.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A comment block naming the units behind each group's columns. */
static void write_legend(const cu_model *m, int format, cu_buf *b)
{
    const char *c0 = format == CURTAIL_LP_MPS ? "*" : "\\";
    size_t gi, k;
    const curtail_scenario *s = m->s;
    cu_buf_printf(b, "%s curtail %s plan LP: minimise the weighted loss sum w*V*y over the cuts\n",
                  c0, CURTAIL_VERSION_STRING);
    cu_buf_printf(b, "%s y_gN_L = base load - load of group N at level L (Y yellow, O orange, R red)\n", c0);
    if (s->has_credits)
        cu_buf_printf(b, "%s target rows: ratio * baseline - targets.credits_kgpd (never below 0)\n",
                      c0);
    if (m->ncrow > 0)
        cu_buf_printf(b, "%s combinedK_L: sum over targets.combined[K]'s pollutants of "
                         "reduction / baseline >= ratio - credits / baseline\n",
                      c0);
    for (gi = 0; gi < m->g->ngroups; gi++) {
        cu_buf_printf(b, "%s g%zu:", c0, gi);
        for (k = m->g->group_first[gi]; k < m->g->group_first[gi + 1]; k++) {
            const cu_unit *un = &s->units[m->g->members[k]];
            cu_buf_printf(b, " %s/%s", s->ents[un->enterprise].id, un->id);
        }
        cu_buf_puts(b, "\n");
    }
}

static const char *lp_name(char *const *names, const char *prefix, size_t i, char *buf,
                           size_t n)
{
    if (names && names[i])
        return names[i];
    snprintf(buf, n, "%s%zu", prefix, i);
    return buf;
}

int cu_lp_check_finite(const cu_lp *lp, curtail_error *err)
{
    static const cu_pos nowhere = {0, 0};
    char name[32], other[32];
    size_t i, j, k;
    for (i = 0; i < lp->nrows; i++)
        if (!isfinite(lp->rhs[i]))
            return cu_error(err, CURTAIL_ESOLVER, NULL, nowhere, NULL,
                            "the LP's right-hand side of row %s is %g; not written",
                            lp_name(lp->rname, "r", i, name, sizeof name), lp->rhs[i]);
    for (j = 0; j < lp->ncols; j++) {
        const char *col = lp_name(lp->cname, "c", j, name, sizeof name);
        if (!isfinite(lp->cost[j]))
            return cu_error(err, CURTAIL_ESOLVER, NULL, nowhere, NULL,
                            "the LP's cost of column %s is %g; not written", col, lp->cost[j]);
        if (isnan(lp->clb[j]) || lp->clb[j] == INFINITY || isnan(lp->cub[j]) ||
            lp->cub[j] == -INFINITY)
            return cu_error(err, CURTAIL_ESOLVER, NULL, nowhere, NULL,
                            "the LP's bounds of column %s are [%g, %g]; not written", col,
                            lp->clb[j], lp->cub[j]);
        for (k = lp->cbeg[j]; k < lp->cbeg[j + 1]; k++)
            if (!isfinite(lp->val[k]))
                return cu_error(err, CURTAIL_ESOLVER, NULL, nowhere, NULL,
                                "the LP's coefficient of column %s in row %s is %g; not written",
                                col, lp_name(lp->rname, "r", lp->rind[k], other, sizeof other),
                                lp->val[k]);
    }
    return CURTAIL_OK;
}

int curtail_export_file(const curtail_scenario *s, const curtail_export_options *opts,
                        const char *path, curtail_error *err)
{
    cu_model m;
    cu_lp lp;
    cu_buf b;
    cu_output out;
    curtail_temp_fn on_temp = NULL;
    void *on_temp_ctx = NULL;
    int rc, format = CURTAIL_LP_CPLEX, level = -1;
    if (!s)
        return cu_einval(err, "curtail_export_file: scenario is NULL");
    if (opts) {
        if ((rc = cu_check_version(opts->version, CURTAIL_EXPORT_OPTIONS_VERSION,
                                   "curtail_export_file", err)) != CURTAIL_OK)
            return rc;
        format = (int)opts->format;
        level = opts->level;
        if (opts->version >= 2) {
            on_temp = opts->on_temp;
            on_temp_ctx = opts->on_temp_ctx;
        }
    }
    if (format != CURTAIL_LP_CPLEX && format != CURTAIL_LP_MPS)
        return cu_einval(err, "curtail_export_file: unknown format");
    if (level < -1 || level >= CU_NL)
        return cu_einval(err, "curtail_export_file: level must be -1 or a curtail_level");
    if ((rc = cu_model_build(s, &m, err)) != 0)
        return rc;
    if ((rc = cu_mip_stepped_groups(&m) > 0 ? cu_mip_export_lp(&m, level, &lp, err)
                                             : cu_model_full_lp(&m, level, &lp, err)) != 0) {
        cu_model_free(&m);
        return rc;
    }
    if ((rc = cu_lp_check_finite(&lp, err)) != 0) {
        cu_lp_free(&lp);
        cu_model_free(&m);
        return rc;
    }
    rc = cu_output_open(&out, path, NULL, on_temp, on_temp_ctx, err);
    if (rc == CURTAIL_OK) {
        cu_buf_init(&b, s->mem);
        cu_output_attach(&out, &b);
        write_legend(&m, format, &b);
        rc = cu_lp_write(&lp, format, &b);
        if (rc == CURTAIL_ENOMEM && b.sink_err)
            rc = CURTAIL_OK; /* the write's own error: cu_output_finish says it */
        else if (rc == CURTAIL_ENOMEM)
            cu_enomem(err);
        rc = cu_output_finish(&out, &b, rc, err);
        cu_buf_free(&b);
    }
    cu_lp_free(&lp);
    cu_model_free(&m);
    return rc;
}
