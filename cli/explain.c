/* SPDX-License-Identifier: GPL-3.0-or-later */
/* explain.c — `curtail explain FILE [--enterprise ID] [--level L]`: solve the
 * plan, then write one enterprise's 一厂一策 sheet, one level's account, or
 * (with neither) the enterprises to choose from with their ids. Markdown by
 * default, JSON with --format json or -o X.json. Exit codes as for plan. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* --format md|json, else the extension of -o (.md, .json), else md. */
static int parse_explain_format(const args *a, curtail_format *out)
{
    static const format_name formats[] = {{"md", "md", NULL, CURTAIL_FORMAT_MD},
                                          {"json", "json", NULL, CURTAIL_FORMAT_JSON}};
    int v, rc = parse_format_arg(a, formats, sizeof formats / sizeof formats[0], "format",
                                 " for explain", &v);
    if (rc < 0)
        *out = (curtail_format)v;
    return rc;
}

/* Is `id` an enterprise of s? If not, a usage error naming the nearest id. */
static int check_enterprise(const curtail_scenario *s, const char *id)
{
    size_t i, n = curtail_scenario_enterprise_count(s);
    const char *best = NULL;
    const char **ids = n ? calloc(n, sizeof *ids) : NULL;
    for (i = 0; i < n; i++) {
        curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
        if (curtail_scenario_enterprise(s, i, &e, NULL) != CURTAIL_OK)
            continue;
        if (strcmp(e.id, id) == 0) {
            free(ids);
            return -1;
        }
        if (ids)
            ids[i] = e.id;
    }
    if (ids)
        best = nearest(id, ids, n);
    free(ids);
    return usage_error_hint("no enterprise with id '%s' (curtail explain FILE lists them)", id,
                            best);
}

int curtail_cli_explain(int argc, char **argv)
{
    static const option_set allowed = {1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 0};
    curtail_explain_options eo = CURTAIL_EXPLAIN_OPTIONS_INIT;
    curtail_plan_options po = CURTAIL_PLAN_OPTIONS_INIT;
    curtail_scenario *s = NULL;
    curtail_result *r = NULL;
    curtail_error err;
    args a;
    int rc = command_args(argc, argv, allowed, "explain", 1, &a);
    if (rc >= 0)
        return rc;
    rc = parse_explain_format(&a, &eo.format);
    if (rc >= 0)
        return rc;
    rc = parse_lang_arg(&a, &eo.lang);
    if (rc >= 0)
        return rc;
    rc = parse_level_arg(&a, &eo.level);
    if (rc >= 0)
        return rc;
    if (a.enterprise && !a.enterprise[0])
        return usage_error("option %s needs an enterprise id, got an empty one", "--enterprise");
    eo.enterprise = a.enterprise;
    rc = parse_solve_options(&a, 1, &po);
    if (rc >= 0)
        return rc;
    rc = cli_load(a.file, &s);
    if (rc >= 0)
        return rc;
    if (a.enterprise && (rc = check_enterprise(s, a.enterprise)) >= 0)
        goto done;
    if ((rc = cli_solve(s, po, 0, &r)) >= 0)
        goto done;
    memset(&err, 0, sizeof err);
    eo.on_temp = cli_remember_temp;
    rc = curtail_explain_write_file(r, &eo, a.output, &err);
    if (rc != CURTAIL_OK) {
        rc = report_error(rc, &err);
        goto done;
    }
    rc = cli_result_exit(r, 0);
done:
    curtail_result_free(r);
    curtail_scenario_free(s);
    return rc;
}
