/* report.c — shared sums and values of the bureau's formats (report.h). */
#include "report.h"

#include <string.h>

double cu_list_value(const curtail_result *r, const cu_list_row *row, cu_list_col c)
{
    const curtail_unit_spec *unit = &row->info.u;
    const cu_group_view *g = &r->gv;
    switch (c.field) {
    case CU_COL_NO:
        return (double)(row->unit + 1);
    case CU_COL_CAPACITY: { /* in its stated unit (cu_capacity_stated) */
        double amount;
        cu_capacity_stated(unit, &amount);
        return amount;
    }
    case CU_COL_BASELINE:
        return unit->ef[c.pollutant] * unit->capacity * g->b[g->unit_group[row->unit]] +
               unit->fixed_kgpd[c.pollutant];
    case CU_COL_BASE_LOAD:
        return g->b[g->unit_group[row->unit]];
    case CU_COL_LOAD:
        return row->ur[c.level].load;
    case CU_COL_REDUCTION:
        return row->ur[c.level].reduction[c.pollutant];
    default:
        return 0.0;
    }
}

const char *cu_report_title(const curtail_result *r)
{
    const char *name = curtail_scenario_name(r->s);
    if (!name || !name[0]) {
        const char *file = r->file, *slash = strrchr(file, '/');
        name = slash ? slash + 1 : file;
        if (strcmp(file, "<stdin>") == 0 || strcmp(file, "-") == 0)
            name = "";
    }
    return name[0] ? name : NULL;
}

int cu_report_sums_compute(const curtail_result *r, cu_report_sums *out)
{
    size_t u, n = curtail_result_unit_count(r);
    memset(out, 0, sizeof *out);
    for (u = 0; u < n; u++) {
        cu_unit_info ui;
        const curtail_enterprise_spec *e = &ui.e;
        int grade = r->grades[u].grade, L, p, rc;
        if ((rc = cu_unit_info_get(r, u, &ui)) != CURTAIL_OK)
            return rc;
        if (grade < 0 || grade >= CURTAIL_NGRADES)
            grade = e->grade;
        out->has_industry[e->industry] = 1;
        out->has_grade[grade] = 1;
        for (L = 0; L < CU_NL; L++) {
            curtail_unit_result ur;
            int rc = curtail_result_unit(r, (curtail_level)L, u, &ur, NULL);
            if (rc != CURTAIL_OK)
                return rc;
            for (p = 0; p < CU_NP; p++) {
                out->by_industry[e->industry][L][p] += ur.reduction[p];
                out->by_grade[grade][L][p] += ur.reduction[p];
            }
        }
    }
    return CURTAIL_OK;
}

void cu_hour_emissions(const curtail_result *r, size_t t, double out[CU_NP])
{
    const cu_group_view *g = &r->gv;
    size_t gi, u, H = (size_t)r->hours;
    int p;
    for (p = 0; p < CU_NP; p++)
        out[p] = 0.0;
    for (gi = 0; gi < g->ngroups; gi++) {
        double load = r->hload[gi * H + t];
        for (p = 0; p < CU_NP; p++)
            out[p] += g->E[gi * CU_NP + (size_t)p] * load / 24.0;
    }
    /* units without fixed emissions would add 0 */
    for (u = 0; u < r->nfixed_units; u++)
        for (p = 0; p < CU_NP; p++)
            out[p] += r->fixed_units[u][p] / 24.0;
}

double cu_industry_hour_load(const curtail_result *r, int industry, size_t t)
{
    /* weighted by output value at capacity (V, yuan/d): units of one industry
     * make different products, value is their common unit; plainly averaged
     * when the industry's units carry no value */
    const cu_group_view *g = &r->gv;
    size_t gi, H = (size_t)r->hours;
    double num = 0.0, den = 0.0, plain = 0.0;
    size_t count = 0;
    for (gi = 0; gi < g->ngroups; gi++) {
        double load = r->hload[gi * H + t];
        if (r->group_industry[gi] != industry)
            continue;
        num += g->V[gi] * load;
        den += g->V[gi];
        plain += load;
        count++;
    }
    if (den > 0)
        return num / den;
    return count ? plain / (double)count : 0.0;
}
