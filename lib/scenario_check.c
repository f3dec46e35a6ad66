/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scenario_check.c — curtail_scenario_check: ids and references resolved,
 * defaults filled in, the semantic checks with positions, the warnings (in
 * English and Chinese), and the groups and bounds built once and kept on the
 * scenario for plan, schedule and export (policy.c). The builder API and the
 * read-back are scenario.c. */
#include "scenario.h"
#include "transport.h"
#include "episode.h"
#include "policy.h"
#include "names.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- warnings ------------------------------------------------------------------------- */

/* "FILE:LINE:COL: TAG: PATH: MSG" (parts that are unknown left out). */
static char *warning_line(const curtail_scenario *s, cu_pos pos, const char *path,
                          const char *tag, const char *msg)
{
    cu_buf b;
    size_t n = strlen(s->file);
    char *file = cu_calloc(s->mem, 4 * n + 1, 1); /* one line: the name's controls escaped */
    if (!file)
        return NULL;
    cu_escape_controls(file, 4 * n + 1, s->file);
    cu_buf_init(&b, s->mem);
    if (file[0] && pos.line)
        cu_buf_printf(&b, "%s:%u:%u: ", file, (unsigned)pos.line, (unsigned)pos.col);
    else if (file[0])
        cu_buf_printf(&b, "%s: ", file);
    cu_free(s->mem, file);
    cu_buf_puts(&b, tag);
    if (path && path[0])
        cu_buf_printf(&b, "%s: ", path);
    cu_buf_puts(&b, msg);
    if (b.failed) {
        cu_buf_free(&b);
        return NULL;
    }
    return b.data;
}

int cu_scenario_warn(curtail_scenario *s, cu_pos pos, const char *path, const char *msg_en,
                     const char *msg_zh)
{
    char *en = warning_line(s, pos, path, "warning: ", msg_en);
    char *zh = warning_line(s, pos, path, "警告: ", msg_zh);
    void *p = s->warnings, *q;
    size_t cap = s->capwarnings;
    if (!en || !zh || cu_grow(s->mem, &p, &cap, s->nwarnings + 1, sizeof(char *)))
        goto nomem;
    s->warnings = p;
    q = s->warnings_zh;
    cap = s->capwarnings;
    if (cu_grow(s->mem, &q, &cap, s->nwarnings + 1, sizeof(char *)))
        goto nomem;
    s->warnings_zh = q;
    s->capwarnings = cap;
    s->warnings[s->nwarnings] = en;
    s->warnings_zh[s->nwarnings++] = zh;
    return CURTAIL_OK;
nomem:
    cu_free(s->mem, en);
    cu_free(s->mem, zh);
    return CURTAIL_ENOMEM;
}

void cu_unit_path(char *buf, size_t n, size_t e, size_t u, const char *field)
{
    if (field && field[0])
        snprintf(buf, n, "enterprises[%zu].units[%zu].%s", e, u, field);
    else
        snprintf(buf, n, "enterprises[%zu].units[%zu]", e, u);
}

const char *cu_scenario_file(const curtail_scenario *s)
{
    return s->file ? s->file : "";
}

static void clear_warnings(curtail_scenario *s)
{
    size_t i;
    for (i = 0; i < s->nwarnings; i++) {
        cu_free(s->mem, s->warnings[i]);
        cu_free(s->mem, s->warnings_zh[i]);
    }
    s->nwarnings = 0;
}

/* ---- semantic checks ---------------------------------------------------------------------- */

typedef struct id_ref {
    const char *id;
    size_t index;
} id_ref;

static int cmp_id_ref(const void *a, const void *b)
{
    const id_ref *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    return x->index < y->index ? -1 : x->index > y->index;
}

static int check_enterprise_ids(curtail_scenario *s, curtail_error *err)
{
    id_ref *refs;
    size_t i;
    int rc = CURTAIL_OK;
    if (s->nents < 2)
        return CURTAIL_OK;
    refs = cu_calloc(s->mem, s->nents, sizeof *refs);
    if (!refs)
        return cu_enomem(err);
    for (i = 0; i < s->nents; i++) {
        refs[i].id = s->ents[i].id;
        refs[i].index = i;
    }
    qsort(refs, s->nents, sizeof *refs, cmp_id_ref);
    for (i = 1; i < s->nents; i++) {
        if (strcmp(refs[i].id, refs[i - 1].id) == 0) {
            /* report the later occurrence (in file order) of the first duplicate found */
            size_t first = refs[i - 1].index, dup = refs[i].index;
            char path[64];
            snprintf(path, sizeof path, "enterprises[%zu].id", dup);
            if (s->ents[first].pos[CU_EF_ID].line)
                rc = cu_error(err, CURTAIL_EINPUT, s->file, s->ents[dup].pos[CU_EF_ID], path,
                              "duplicate id '%s' (first at line %u)", refs[i].id,
                              (unsigned)s->ents[first].pos[CU_EF_ID].line);
            else
                rc = cu_error(err, CURTAIL_EINPUT, s->file, s->ents[dup].pos[CU_EF_ID], path,
                              "duplicate id '%s' (first is enterprises[%zu])", refs[i].id, first);
            break;
        }
    }
    cu_free(s->mem, refs);
    return rc;
}

/* Find a unit id inside one enterprise: refs sorted by id. */
static const id_ref *find_ref(const id_ref *refs, size_t n, const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(refs[mid].id, id);
        if (c == 0) {
            while (mid > 0 && strcmp(refs[mid - 1].id, id) == 0)
                mid--;
            return &refs[mid];
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* An error at unit u's field `fieldname` (path enterprises[E].units[U].field). */
static int vunit_error_at(curtail_scenario *s, curtail_error *err, size_t u, cu_pos pos,
                          const char *fieldname, const char *fmt, va_list ap)
{
    char path[160];
    const cu_unit *un = &s->units[u];
    const cu_enterprise *e = &s->ents[un->enterprise];
    cu_unit_path(path, sizeof path, un->enterprise, u - e->first_unit, fieldname);
    cu_verror(err, CURTAIL_EINPUT, s->file, pos, path, fmt, ap);
    return CURTAIL_EINPUT;
}

/* ... positioned at the field's node (the unit's when the field has none). */
static int unit_error(curtail_scenario *s, curtail_error *err, size_t u, int field,
                      const char *fieldname, const char *fmt, ...) CU_PRINTF(6, 7);
static int unit_error(curtail_scenario *s, curtail_error *err, size_t u, int field,
                      const char *fieldname, const char *fmt, ...)
{
    const cu_unit *un = &s->units[u];
    va_list ap;
    int rc;
    va_start(ap, fmt);
    rc = vunit_error_at(s, err, u, un->pos[field].line ? un->pos[field] : un->pos[CU_UF_NODE],
                        fieldname, fmt, ap);
    va_end(ap);
    return rc;
}

/* ... positioned at pos. */
static int unit_error_at(curtail_scenario *s, curtail_error *err, size_t u, cu_pos pos,
                         const char *fieldname, const char *fmt, ...) CU_PRINTF(6, 7);
static int unit_error_at(curtail_scenario *s, curtail_error *err, size_t u, cu_pos pos,
                         const char *fieldname, const char *fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, fmt);
    rc = vunit_error_at(s, err, u, pos, fieldname, fmt, ap);
    va_end(ap);
    return rc;
}

/* Unit ids unique per enterprise; `follows` resolved to a unit of the same
 * enterprise; chains followed to their root, cycles rejected. */
static int resolve_units(curtail_scenario *s, curtail_error *err)
{
    size_t e, i, maxn = 0;
    id_ref *refs = NULL;
    size_t *direct = NULL;
    unsigned char *state = NULL;
    int rc = CURTAIL_OK;
    for (e = 0; e < s->nents; e++)
        if (s->ents[e].nunits > maxn)
            maxn = s->ents[e].nunits;
    refs = cu_calloc(s->mem, maxn ? maxn : 1, sizeof *refs);
    direct = cu_calloc(s->mem, s->nunits ? s->nunits : 1, sizeof *direct);
    state = cu_calloc(s->mem, s->nunits ? s->nunits : 1, 1);
    if (!refs || !direct || !state) {
        rc = cu_enomem(err);
        goto done;
    }
    for (e = 0; e < s->nents && rc == CURTAIL_OK; e++) {
        const cu_enterprise *en = &s->ents[e];
        size_t n = en->nunits, f = en->first_unit;
        for (i = 0; i < n; i++) {
            refs[i].id = s->units[f + i].id;
            refs[i].index = f + i;
        }
        qsort(refs, n, sizeof *refs, cmp_id_ref);
        for (i = 1; i < n; i++)
            if (strcmp(refs[i].id, refs[i - 1].id) == 0) {
                size_t first = refs[i - 1].index;
                rc = unit_error(s, err, refs[i].index, CU_UF_ID, "id",
                                "duplicate unit id '%s' in enterprise '%s' (first is units[%zu])",
                                refs[i].id, en->id, first - f);
                goto done;
            }
        for (i = 0; i < n; i++) {
            size_t u = f + i;
            const id_ref *r;
            direct[u] = u;
            if (!s->units[u].follows)
                continue;
            r = find_ref(refs, n, s->units[u].follows);
            if (!r) {
                rc = unit_error(s, err, u, CU_UF_FOLLOWS, "follows",
                                "no unit '%s' in enterprise '%s'", s->units[u].follows, en->id);
                goto done;
            }
            if (r->index == u) {
                rc = unit_error(s, err, u, CU_UF_FOLLOWS, "follows", "a unit cannot follow itself");
                goto done;
            }
            direct[u] = r->index;
        }
    }
    /* roots: iterative walk with colouring (0 new, 1 on the current path, 2 done) */
    for (i = 0; i < s->nunits; i++) {
        size_t u = i, root;
        while (state[u] == 0) {
            state[u] = 1;
            if (direct[u] == u)
                break;
            u = direct[u];
        }
        if (state[u] == 1 && direct[u] != u) {
            rc = unit_error(s, err, u, CU_UF_FOLLOWS, "follows",
                            "'follows' forms a cycle through unit '%s'", s->units[u].id);
            goto done;
        }
        root = (state[u] == 2) ? s->units[u].leader : u;
        u = i;
        while (state[u] == 1) {
            state[u] = 2;
            s->units[u].leader = root;
            u = direct[u];
        }
    }
done:
    cu_free(s->mem, refs);
    cu_free(s->mem, direct);
    cu_free(s->mem, state);
    return rc;
}

/* Defaults that depend on other fields, and emission factors from baselines.
 * SPEC §9: a derived factor obeys the limits of a given one (finite, at most
 * 1e12), reported at the baseline value it comes from. */
static int resolve_defaults(curtail_scenario *s, curtail_error *err)
{
    size_t u;
    int p;
    for (u = 0; u < s->nunits; u++) {
        cu_unit *un = &s->units[u];
        const cu_unit *lead = &s->units[un->leader];
        if (un->interruptible < 0)
            un->interruptible = (signed char)cu_kind_interruptible_default(un->kind);
        if (!un->has_min_load)
            un->min_load = un->has_coke_oven ? un->coking_time_h / un->max_coking_time_h : 0.0;
        if (un->min_load > 1)
            un->min_load = 1;
        if (un->has_baseline) {
            double out = un->capacity * lead->base_load;
            for (p = 0; p < CU_NP; p++) {
                double ef = un->baseline[p] == 0 ? 0.0 : un->baseline[p] / out;
                if (!isfinite(ef) || ef > CU_MAX_MAGNITUDE) {
                    char path[128];
                    cu_pos pos = un->pos_baseline[p].line ? un->pos_baseline[p]
                                 : un->pos[CU_UF_BASELINE].line ? un->pos[CU_UF_BASELINE]
                                                                : un->pos[CU_UF_NODE];
                    snprintf(path, sizeof path, "baseline_kgpd.%s",
                             curtail_pollutant_name((curtail_pollutant)p));
                    if (!isfinite(ef))
                        return unit_error_at(s, err, u, pos, path,
                                             "gives an emission factor baseline / (capacity x "
                                             "base_load) = %.15g / (%.15g x %.15g) that is not a "
                                             "finite number",
                                             un->baseline[p], un->capacity, lead->base_load);
                    return unit_error_at(s, err, u, pos, path,
                                         "gives an emission factor baseline / (capacity x "
                                         "base_load) of %.15g, more than the limit of 1e12",
                                         ef);
                }
                un->ef[p] = ef;
            }
        }
    }
    return CURTAIL_OK;
}

static int scenario_warnings(curtail_scenario *s)
{
    size_t u;
    char path[128];
    for (u = 0; u < s->nunits; u++) {
        const cu_unit *un = &s->units[u];
        const cu_enterprise *e = &s->ents[un->enterprise];
        size_t j = u - e->first_unit;
        char en[512], zh[512];
        int p, any = 0;
        if (un->has_boiler && un->fuel == CURTAIL_FUEL_COAL && un->steam_tph > 0 &&
            un->steam_tph < 35) {
            cu_unit_path(path, sizeof path, un->enterprise, j, "boiler.steam_tph");
            cu_snprintf_c(en, sizeof en,
                     "coal boiler of %g t/h is under 35 t/h and should have been eliminated",
                     un->steam_tph);
            cu_snprintf_c(zh, sizeof zh, "%g 蒸吨/小时燃煤锅炉，低于 35 蒸吨/小时，应已淘汰",
                     un->steam_tph);
            if (cu_scenario_warn(s, un->pos[CU_UF_BOILER].line ? un->pos[CU_UF_BOILER] : un->pos[CU_UF_NODE],
                                 path, en, zh))
                return CURTAIL_ENOMEM;
        }
        if (un->has_boiler && un->heating && e->guarantee == CURTAIL_GUARANTEE_NONE) {
            cu_unit_path(path, sizeof path, un->enterprise, j, "boiler.heating");
            cu_snprintf_c(en, sizeof en,
                     "heating boiler of enterprise '%s' without guarantee: livelihood takes "
                     "the measures of its grade",
                     e->id);
            cu_snprintf_c(zh, sizeof zh,
                     "企业“%s”的供热锅炉未标注 guarantee: livelihood（民生保障），按其绩效等级采取措施",
                     e->id);
            if (cu_scenario_warn(s, un->pos[CU_UF_BOILER].line ? un->pos[CU_UF_BOILER] : un->pos[CU_UF_NODE],
                                 path, en, zh))
                return CURTAIL_ENOMEM;
        }
        if (un->has_coke_oven && un->has_height && un->height_m <= 4.3 + 1e-9 && !e->phase_out) {
            cu_unit_path(path, sizeof path, un->enterprise, j, "coke_oven.height_m");
            cu_snprintf_c(en, sizeof en,
                     "%g m coke oven is due for closure but enterprise '%s' is not flagged phase_out",
                     un->height_m, e->id);
            cu_snprintf_c(zh, sizeof zh, "%g 米焦炉应关停淘汰，但企业“%s”未标注 phase_out（列入淘汰）",
                     un->height_m, e->id);
            if (cu_scenario_warn(s, un->pos[CU_UF_COKE_OVEN].line ? un->pos[CU_UF_COKE_OVEN] : un->pos[CU_UF_NODE],
                                 path, en, zh))
                return CURTAIL_ENOMEM;
        }
        for (p = 0; p < CU_NP; p++)
            if (un->ef[p] > 0 || un->fixed[p] > 0)
                any = 1;
        if (!any) {
            cu_unit_path(path, sizeof path, un->enterprise, j, NULL);
            cu_snprintf_c(en, sizeof en, "unit '%s' has no emissions", un->id);
            cu_snprintf_c(zh, sizeof zh, "生产单元“%s”没有排放", un->id);
            if (cu_scenario_warn(s, un->pos[CU_UF_NODE], path, en, zh))
                return CURTAIL_ENOMEM;
        }
    }
    return CURTAIL_OK;
}

/* The bounds' facts as warnings: rules below a unit's technical minimum. */
static int below_min_warnings(curtail_scenario *s, const cu_groups *g)
{
    static const char *const zh_levels[CU_NL] = {"黄色", "橙色", "红色"};
    size_t i;
    for (i = 0; i < g->nbelow_min; i++) {
        const struct cu_below_min *f = &g->below_min[i];
        const cu_unit *un = &s->units[f->unit];
        char levels[64] = "", levels_zh[64] = "", path[128], en[512], zh[512];
        int L, any = 0;
        for (L = 0; L < CU_NL; L++)
            if (f->levels & (1u << L)) {
                if (any) {
                    strcat(levels, ", ");
                    strcat(levels_zh, "、");
                }
                strcat(levels, curtail_level_name((curtail_level)L));
                strcat(levels_zh, zh_levels[L]);
                any = 1;
            }
        cu_unit_path(path, sizeof path, un->enterprise,
                     f->unit - s->ents[un->enterprise].first_unit, NULL);
        cu_snprintf_c(en, sizeof en,
                 "the rule at %s asks for less than the technical minimum load %g of unit "
                 "'%s'; it runs at %g",
                 levels, un->min_load, un->id, f->load);
        cu_snprintf_c(zh, sizeof zh, "%s预警的措施要求低于生产单元“%s”的最低技术负荷 %g，按负荷 %g 运行",
                 levels_zh, un->id, un->min_load, f->load);
        if (cu_scenario_warn(s, un->pos[CU_UF_NODE], path, en, zh))
            return CURTAIL_ENOMEM;
    }
    return CURTAIL_OK;
}

int curtail_scenario_check(curtail_scenario *s, curtail_error *err)
{
    int rc;
    cu_groups *g = NULL;
    if (!s)
        return cu_einval(err, "curtail_scenario_check: scenario is NULL");
    s->checked = 0;
    cu_groups_free(s->groups);
    s->groups = NULL;
    clear_warnings(s);
    if (s->base == CURTAIL_BASE_TOTALS && !s->has_totals)
        return cu_error(err, CURTAIL_EINPUT, s->file, s->pos_targets, "targets.totals_kgpd",
                        "is required when base is totals");
    if (s->episode.present && s->episode.hours > 0 &&
        s->nunits > CU_MAX_UNIT_HOURS / (size_t)s->episode.hours)
        /* SPEC §9: memory bounded before it is spent (an hourly load per unit) */
        return cu_error(err, CURTAIL_EINPUT, s->file,
                        s->episode.pos_hours.line ? s->episode.pos_hours : s->episode.pos,
                        "episode.hours",
                        "%d hours x %zu units = %.0f unit-hours, more than the limit of %d "
                        "(about 2.5 GiB of memory); shorten the episode or split the scenario",
                        s->episode.hours, s->nunits, (double)s->episode.hours * (double)s->nunits,
                        CU_MAX_UNIT_HOURS);
    if ((rc = cu_episode_check_overlaps(s, err)) != 0)
        return rc;
    if ((rc = check_enterprise_ids(s, err)) != 0)
        return rc;
    if ((rc = resolve_units(s, err)) != 0)
        return rc;
    if ((rc = resolve_defaults(s, err)) != 0)
        return rc;
    if (scenario_warnings(s) || cu_scope_warnings(s))
        return cu_enomem(err);
    if ((rc = cu_transport_check(s, err)) != 0) /* issue 10: factors, 门禁 */
        return rc;
    /* bounds, groups and nesting: reports lo > hi and impossible nesting, and
     * warns of rules below a unit's technical minimum */
    if (s->builtin_policy && !s->has_builtin) {
        /* the table is the same for every check: parsed once per scenario */
        if ((rc = cu_builtin_rules(s->mem, &s->builtin, &s->nbuiltin, err)) != 0)
            return rc;
        s->has_builtin = 1;
    }
    if ((rc = cu_groups_build(s, &g, err)) != 0)
        return rc;
    if (below_min_warnings(s, g)) {
        cu_groups_free(g);
        return cu_enomem(err);
    }
    s->groups = g; /* kept for plan and export while the scenario stays checked */
    s->checked = 1;
    return CURTAIL_OK;
}
