/* export.c — `curtail export`: the plan LP for audit and other solvers. */
#include "plan_model.h"

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
    for (gi = 0; gi < m->g->ngroups; gi++) {
        cu_buf_printf(b, "%s g%zu:", c0, gi);
        for (k = m->g->group_first[gi]; k < m->g->group_first[gi + 1]; k++) {
            const cu_unit *un = &s->units[m->g->members[k]];
            cu_buf_printf(b, " %s/%s", s->ents[un->enterprise].id, un->id);
        }
        cu_buf_puts(b, "\n");
    }
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
        if (opts->version != CURTAIL_EXPORT_OPTIONS_VERSION && opts->version != 1)
            return cu_einval(err, "curtail_export_file: options of another version");
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
    if ((rc = cu_model_full_lp(&m, level, &lp, err)) != 0) {
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
