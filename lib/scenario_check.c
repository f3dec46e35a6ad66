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
        /* a coke oven's floor is the load at its longest coking time, the
         * same formula as a coking_time_h rule: b·T0/Tmax (b the group's base) */
        if (!un->has_min_load)
            un->min_load = un->has_coke_oven
                               ? lead->base_load * un->coking_time_h / un->max_coking_time_h
                               : 0.0;
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

/* ---- what a bureau checks on a list: credit codes and heat sources --------------------- */

/* GB 32100-2015: the 31 characters of a credit code, in the order of their
 * values 0..30 (no I, O, Z, S, V), and the weights of positions 1..17. */
static const char CREDIT_CHARS[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int CREDIT_WEIGHTS[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                       29, 25, 13, 8,  24, 10, 30, 28};
/* Position 1, the registration authority: 1-9 (机构编制 … 工商), A (中央军委改革和编制
 * 办公室), N (农业), Y (其他). */
static const char CREDIT_AUTHORITIES[] = "123456789ANY";

enum credit_fault {
    CREDIT_OK,
    CREDIT_CHAR,
    CREDIT_AUTHORITY,
    CREDIT_DIVISION,
    CREDIT_CHECK
};

/* The first fault of a credit code, *at its 0-based position, *want the check
 * character the first 17 give. Codes that are not 18 of [0-9A-Z] never get
 * here: the builder refuses them (an error, SPEC §4.3). */
static enum credit_fault credit_code_fault(const char *c, size_t *at, char *want)
{
    size_t i;
    int sum = 0;
    *at = 0;
    if (strlen(c) != 18)
        return CREDIT_OK; /* not a code: the builder's error, not checked here */
    for (i = 0; i < 18; i++)
        if (!strchr(CREDIT_CHARS, c[i])) {
            *at = i;
            return CREDIT_CHAR;
        }
    if (!strchr(CREDIT_AUTHORITIES, c[0]))
        return CREDIT_AUTHORITY;
    for (i = 2; i < 8; i++) /* 登记管理机关行政区划码 (GB/T 2260): digits */
        if (c[i] < '0' || c[i] > '9') {
            *at = i;
            return CREDIT_DIVISION;
        }
    for (i = 0; i < 17; i++)
        sum += (int)(strchr(CREDIT_CHARS, c[i]) - CREDIT_CHARS) * CREDIT_WEIGHTS[i];
    *want = CREDIT_CHARS[(31 - sum % 31) % 31];
    *at = 17;
    return c[17] == *want ? CREDIT_OK : CREDIT_CHECK;
}

/* An enterprise or unit named for a message: "'ID'" / "“ID”", with its name
 * when it differs from the id: "'ID' ('NAME')" / "“NAME”（ID）". */
static void name_quoted(char *en, size_t nen, char *zh, size_t nzh, const char *id,
                        const char *name)
{
    char esc[1024];
    cu_escape_controls(esc, sizeof esc, name ? name : "");
    if (name && strcmp(name, id) != 0) {
        cu_snprintf_c(en, nen, "'%s' ('%s')", id, esc);
        cu_snprintf_c(zh, nzh, "“%s”（%s）", esc, id);
    } else {
        cu_snprintf_c(en, nen, "'%s'", id);
        cu_snprintf_c(zh, nzh, "“%s”", id);
    }
}

static int credit_code_warning(curtail_scenario *s, size_t ei)
{
    const cu_enterprise *e = &s->ents[ei];
    const char *c = e->credit_code;
    char who_en[1200], who_zh[1200], what_en[256], what_zh[256], en[2048], zh[2048], path[64];
    size_t at;
    char want = 0;
    enum credit_fault f;
    if (!c || (f = credit_code_fault(c, &at, &want)) == CREDIT_OK)
        return CURTAIL_OK;
    name_quoted(who_en, sizeof who_en, who_zh, sizeof who_zh, e->id, e->name);
    switch (f) {
    case CREDIT_CHAR:
        cu_snprintf_c(what_en, sizeof what_en,
                      "has '%c' at position %zu, a letter the code never uses (I, O, Z, S, V)",
                      c[at], at + 1);
        cu_snprintf_c(what_zh, sizeof what_zh, "第 %zu 位为“%c”，代码不使用字母 I、O、Z、S、V",
                      at + 1, c[at]);
        break;
    case CREDIT_AUTHORITY:
        cu_snprintf_c(what_en, sizeof what_en,
                      "starts with '%c', not a registration authority code (1-9, A, N, Y)", c[0]);
        cu_snprintf_c(what_zh, sizeof what_zh,
                      "第 1 位为“%c”，不是登记管理部门代码（1-9、A、N、Y）", c[0]);
        break;
    case CREDIT_DIVISION:
        cu_snprintf_c(what_en, sizeof what_en,
                      "has '%c' at position %zu, in the administrative division code "
                      "(positions 3-8, digits)",
                      c[at], at + 1);
        cu_snprintf_c(what_zh, sizeof what_zh,
                      "第 %zu 位为“%c”，第 3-8 位为登记管理机关行政区划码，应为数字", at + 1,
                      c[at]);
        break;
    default: /* CREDIT_CHECK */
        cu_snprintf_c(what_en, sizeof what_en,
                      "ends in check character '%c', but the first 17 characters give '%c'",
                      c[17], want);
        cu_snprintf_c(what_zh, sizeof what_zh, "校验码为“%c”，按前 17 位应为“%c”", c[17],
                      want);
        break;
    }
    cu_snprintf_c(en, sizeof en, "credit code %s of enterprise %s fails GB 32100: it %s", c,
                  who_en, what_en);
    cu_snprintf_c(zh, sizeof zh, "企业%s的统一社会信用代码 %s 不符合 GB 32100：%s", who_zh, c,
                  what_zh);
    snprintf(path, sizeof path, "enterprises[%zu].credit_code", ei);
    return cu_scenario_warn(s, e->pos[CU_EF_CREDIT_CODE].line ? e->pos[CU_EF_CREDIT_CODE]
                                                              : e->pos[CU_EF_NODE],
                            path, en, zh);
}

/* Grade B or better for the air plan's heat-source clause: A, B, B- (Shanxi
 * counts it with B) and 引领性. */
static int grade_b_or_better(int grade)
{
    return grade == CURTAIL_GRADE_A || grade == CURTAIL_GRADE_B ||
           grade == CURTAIL_GRADE_B_MINUS || grade == CURTAIL_GRADE_LEADING;
}

static const char *grade_zh(int grade)
{
    static const char *const zh[CURTAIL_NGRADES] = {"A 级", "B 级",   "B- 级",    "C 级",
                                                    "D 级", "引领性", "非引领性", "未分级"};
    return grade >= 0 && grade < CURTAIL_NGRADES ? zh[grade] : "";
}

static const char *guarantee_zh(int g)
{
    return g == CURTAIL_GUARANTEE_SUPPLY ? "保供" : "民生保障";
}

/* Air plan (清洁取暖): heat sources are to be ultra-low emission or grade B or
 * better. A boiler of a guarantee enterprise is its heat source; an electric
 * one emits nothing; a phase-out enterprise is the next warning's. */
static int heat_source_warning(curtail_scenario *s, size_t u)
{
    const cu_unit *un = &s->units[u];
    const cu_enterprise *e = &s->ents[un->enterprise];
    char ent_en[1200], ent_zh[1200], unit_en[1200], unit_zh[1200], en[4096], zh[4096];
    char path[128];
    if (e->guarantee == CURTAIL_GUARANTEE_NONE || e->phase_out ||
        un->kind != CURTAIL_KIND_BOILER || grade_b_or_better(e->grade) ||
        (un->has_boiler && (un->ultra_low || un->fuel == CURTAIL_FUEL_ELECTRIC)))
        return CURTAIL_OK;
    name_quoted(ent_en, sizeof ent_en, ent_zh, sizeof ent_zh, e->id, e->name);
    name_quoted(unit_en, sizeof unit_en, unit_zh, sizeof unit_zh, un->id, un->name);
    cu_snprintf_c(en, sizeof en,
                  "boiler %s of enterprise %s is a heat source kept as guarantee %s at grade %s "
                  "without ultra-low emission; the air plan wants heat sources ultra-low or "
                  "grade B or better (boiler.ultra_low: true once retrofitted)",
                  unit_en, ent_en, cu_guarantee_name(e->guarantee),
                  curtail_grade_name((curtail_grade)e->grade));
    cu_snprintf_c(zh, sizeof zh,
                  "企业%s的锅炉%s为保障类热源（%s），绩效等级为%s且未达超低排放；大气污染防治方案"
                  "要求热源企业稳定达到超低排放或绩效分级 B 级及以上（完成超低排放改造后标注 "
                  "boiler.ultra_low: true）",
                  ent_zh, unit_zh, guarantee_zh(e->guarantee), grade_zh(e->grade));
    cu_unit_path(path, sizeof path, un->enterprise, u - e->first_unit,
                 un->pos[CU_UF_BOILER].line ? "boiler" : NULL);
    return cu_scenario_warn(s, un->pos[CU_UF_BOILER].line ? un->pos[CU_UF_BOILER]
                                                          : un->pos[CU_UF_NODE],
                            path, en, zh);
}

/* Air plan: phase-out plants (列入淘汰计划的 4.3 米焦炉) are unbound from heating
 * and gas supply (供热、供气解绑): one kept as guarantee is warned of, naming
 * its first oven of 4.3 m or less when it has one. */
static int phase_out_guarantee_warning(curtail_scenario *s, size_t ei)
{
    const cu_enterprise *e = &s->ents[ei];
    char ent_en[1200], ent_zh[1200], oven_en[1300] = "", oven_zh[1300] = "";
    char en[4096], zh[4096], path[64];
    size_t u;
    if (!e->phase_out || e->guarantee == CURTAIL_GUARANTEE_NONE)
        return CURTAIL_OK;
    name_quoted(ent_en, sizeof ent_en, ent_zh, sizeof ent_zh, e->id, e->name);
    for (u = e->first_unit; u < e->first_unit + e->nunits; u++) {
        const cu_unit *un = &s->units[u];
        if (un->has_coke_oven && un->has_height && un->height_m <= 4.3 + 1e-9) {
            char n_en[1200], n_zh[1200];
            name_quoted(n_en, sizeof n_en, n_zh, sizeof n_zh, un->id, un->name);
            cu_snprintf_c(oven_en, sizeof oven_en, " with %g m coke oven %s", un->height_m,
                          n_en);
            cu_snprintf_c(oven_zh, sizeof oven_zh, "（%g 米焦炉%s）", un->height_m, n_zh);
            break;
        }
    }
    cu_snprintf_c(en, sizeof en,
                  "enterprise %s%s is listed for phase-out but kept as guarantee %s; the air "
                  "plan unbinds phase-out plants from heating and gas supply duty",
                  ent_en, oven_en, cu_guarantee_name(e->guarantee));
    cu_snprintf_c(zh, sizeof zh,
                  "企业%s%s已列入淘汰计划，却仍为保障类（%s）；大气污染防治方案要求对列入淘汰计划的 "
                  "4.3 米焦炉实施“供热、供气解绑”",
                  ent_zh, oven_zh, guarantee_zh(e->guarantee));
    snprintf(path, sizeof path, "enterprises[%zu].guarantee", ei);
    return cu_scenario_warn(s, e->pos[CU_EF_GUARANTEE].line ? e->pos[CU_EF_GUARANTEE]
                                                            : e->pos[CU_EF_NODE],
                            path, en, zh);
}

/* The unit's own warnings (SPEC §2) and the heat-source clause, each naming
 * the unit and its enterprise. */
static int unit_warnings(curtail_scenario *s, size_t u)
{
    const cu_unit *un = &s->units[u];
    const cu_enterprise *e = &s->ents[un->enterprise];
    size_t j = u - e->first_unit;
    char path[128], ent_en[1200], ent_zh[1200], unit_en[1200], unit_zh[1200], en[4096],
        zh[4096];
    int p, any = 0, named = 0;
    cu_pos boiler = un->pos[CU_UF_BOILER].line ? un->pos[CU_UF_BOILER] : un->pos[CU_UF_NODE];
/* the names, formatted once and only for a unit that has a warning */
#define NAMES()                                                                                    \
    do {                                                                                           \
        if (!named++) {                                                                            \
            name_quoted(ent_en, sizeof ent_en, ent_zh, sizeof ent_zh, e->id, e->name);             \
            name_quoted(unit_en, sizeof unit_en, unit_zh, sizeof unit_zh, un->id, un->name);       \
        }                                                                                          \
    } while (0)
    if (un->has_boiler && un->fuel == CURTAIL_FUEL_COAL && un->steam_tph > 0 &&
        un->steam_tph < 35) {
        cu_unit_path(path, sizeof path, un->enterprise, j, "boiler.steam_tph");
        NAMES();
        cu_snprintf_c(en, sizeof en,
                      "coal boiler %s of enterprise %s has %g t/h, under 35 t/h, and should "
                      "have been eliminated",
                      unit_en, ent_en, un->steam_tph);
        cu_snprintf_c(zh, sizeof zh, "企业%s的燃煤锅炉%s为 %g 蒸吨/小时，低于 35 蒸吨/小时，应已淘汰",
                      ent_zh, unit_zh, un->steam_tph);
        if (cu_scenario_warn(s, boiler, path, en, zh))
            return CURTAIL_ENOMEM;
    }
    if (un->has_boiler && un->heating && e->guarantee == CURTAIL_GUARANTEE_NONE) {
        cu_unit_path(path, sizeof path, un->enterprise, j, "boiler.heating");
        NAMES();
        cu_snprintf_c(en, sizeof en,
                      "heating boiler %s of enterprise %s without guarantee: livelihood takes "
                      "the measures of its grade",
                      unit_en, ent_en);
        cu_snprintf_c(zh, sizeof zh,
                      "企业%s的供热锅炉%s未标注 guarantee: livelihood（民生保障），按其绩效等级采取措施",
                      ent_zh, unit_zh);
        if (cu_scenario_warn(s, boiler, path, en, zh))
            return CURTAIL_ENOMEM;
    }
    if (heat_source_warning(s, u))
        return CURTAIL_ENOMEM;
    if (un->has_coke_oven && un->has_height && un->height_m <= 4.3 + 1e-9 && !e->phase_out) {
        cu_unit_path(path, sizeof path, un->enterprise, j, "coke_oven.height_m");
        NAMES();
        cu_snprintf_c(en, sizeof en,
                      "%g m coke oven %s is due for closure but enterprise %s is not flagged "
                      "phase_out",
                      un->height_m, unit_en, ent_en);
        cu_snprintf_c(zh, sizeof zh,
                      "%g 米焦炉%s应关停淘汰，但企业%s未标注 phase_out（列入淘汰）",
                      un->height_m, unit_zh, ent_zh);
        if (cu_scenario_warn(s, un->pos[CU_UF_COKE_OVEN].line ? un->pos[CU_UF_COKE_OVEN] : un->pos[CU_UF_NODE],
                             path, en, zh))
            return CURTAIL_ENOMEM;
    }
    for (p = 0; p < CU_NP; p++)
        if (un->ef[p] > 0 || un->fixed[p] > 0)
            any = 1;
    if (!any) {
        cu_unit_path(path, sizeof path, un->enterprise, j, NULL);
        NAMES();
        cu_snprintf_c(en, sizeof en, "unit %s of enterprise %s has no emissions", unit_en,
                      ent_en);
        cu_snprintf_c(zh, sizeof zh, "企业%s的生产单元%s没有排放", ent_zh, unit_zh);
        if (cu_scenario_warn(s, un->pos[CU_UF_NODE], path, en, zh))
            return CURTAIL_ENOMEM;
    }
    return CURTAIL_OK;
#undef NAMES
}

/* Enterprise by enterprise, in file order: its own warnings, then its units'. */
static int scenario_warnings(curtail_scenario *s)
{
    size_t e, u;
    for (e = 0; e < s->nents; e++) {
        const cu_enterprise *en = &s->ents[e];
        if (credit_code_warning(s, e) || phase_out_guarantee_warning(s, e))
            return CURTAIL_ENOMEM;
        for (u = en->first_unit; u < en->first_unit + en->nunits; u++)
            if (unit_warnings(s, u))
                return CURTAIL_ENOMEM;
    }
    return CURTAIL_OK;
}

/* The bounds' facts as warnings: rules below a unit's technical minimum. */
static int below_min_warnings(curtail_scenario *s, const cu_groups *g)
{
    size_t i;
    for (i = 0; i < g->nbelow_min; i++) {
        const struct cu_below_min *f = &g->below_min[i];
        const cu_unit *un = &s->units[f->unit];
        const cu_enterprise *e = &s->ents[un->enterprise];
        char levels[64] = "", levels_zh[64] = "", path[128], ent_en[1200], ent_zh[1200],
             unit_en[1200], unit_zh[1200], en[4096], zh[4096];
        int L, any = 0;
        for (L = 0; L < CU_NL; L++)
            if (f->levels & (1u << L)) {
                if (any) {
                    strcat(levels, ", ");
                    strcat(levels_zh, "、");
                }
                strcat(levels, curtail_level_name((curtail_level)L));
                strcat(levels_zh, cu_level_label(L, 0, 0));
                any = 1;
            }
        cu_unit_path(path, sizeof path, un->enterprise,
                     f->unit - s->ents[un->enterprise].first_unit, NULL);
        name_quoted(ent_en, sizeof ent_en, ent_zh, sizeof ent_zh, e->id, e->name);
        name_quoted(unit_en, sizeof unit_en, unit_zh, sizeof unit_zh, un->id, un->name);
        cu_snprintf_c(en, sizeof en,
                 "the rule at %s asks for less than the technical minimum load %g of unit "
                 "%s of enterprise %s; it runs at %g",
                 levels, un->min_load, unit_en, ent_en, f->load);
        cu_snprintf_c(zh, sizeof zh,
                 "%s预警的措施要求低于企业%s生产单元%s的最低技术负荷 %g，按负荷 %g 运行",
                 levels_zh, ent_zh, unit_zh, un->min_load, f->load);
        if (cu_scenario_warn(s, un->pos[CU_UF_NODE], path, en, zh))
            return CURTAIL_ENOMEM;
    }
    return CURTAIL_OK;
}

/* Target figures that cannot mean what they say (review P2-5): a credit
 * above the level's requirement (counted by no target: the list is asked for
 * nothing and the surplus moves nowhere) unless a combined row of that level
 * counts it, a credit above the baseline itself, and listed emissions above
 * the county total they are a part of. */
static int target_warnings(curtail_scenario *s, const cu_groups *g)
{
    int L, p;
    size_t c;
    for (L = 0; L < CU_NL; L++)
        for (p = 0; p < CU_NP; p++) {
            const char *pn = curtail_pollutant_name((curtail_pollutant)p);
            const char *ln = curtail_level_name((curtail_level)L), *lz = cu_level_label(L, 0, 1);
            double v = s->credits[L][p], B = g->baseline[p], q = s->ratios[L][p] * B;
            int totals = s->base == CURTAIL_BASE_TOTALS, combined = 0;
            char path[96], en[512], zh[512];
            cu_pos pos = s->pos_credit[L][p].line ? s->pos_credit[L][p] : s->pos_targets;
            if (!(v > 0))
                continue;
            for (c = 0; c < s->ncombined; c++)
                if ((s->combined[c].levels >> L & 1u) && (s->combined[c].pollutants >> p & 1u))
                    combined = 1;
            if (v > B * (1 + 1e-9)) {
                cu_snprintf_c(en, sizeof en,
                              "the %s credit of %g kg/d of %s is more than the baseline itself, "
                              "%g kg/d (%s)",
                              ln, v, pn, B, totals ? "county total" : "listed enterprises");
                cu_snprintf_c(zh, sizeof zh,
                              "%s%s的非工业源抵扣 %g 千克/日 超过基准排放量本身（%s %g 千克/日）",
                              lz, pn, v, totals ? "全社会排放量" : "清单企业排放量", B);
            } else if (combined || !(v > q * (1 + 1e-9) + 1e-9)) {
                continue;
            } else if (s->ratios[L][p] == 0) {
                cu_snprintf_c(en, sizeof en,
                              "the %s credit of %g kg/d of %s counts toward no target: the level "
                              "sets no %s ratio",
                              ln, v, pn, pn);
                cu_snprintf_c(zh, sizeof zh,
                              "%s未设%s减排比例，非工业源抵扣 %g 千克/日 不计入任何目标",
                              lz, pn, v);
            } else {
                cu_snprintf_c(en, sizeof en,
                              "the %s credit of %g kg/d of %s is more than the level's "
                              "requirement ratio x baseline = %g x %g = %g kg/d (%s); the list is "
                              "asked for nothing and the surplus counts toward no other target",
                              ln, v, pn, s->ratios[L][p], B, q,
                              totals ? "county total" : "listed enterprises");
                cu_snprintf_c(zh, sizeof zh,
                              "%s%s的非工业源抵扣 %g 千克/日 超过该级别减排要求（减排比例 × "
                              "%s = %g × %g = %g 千克/日）；清单企业无需减排，超出部分不计入其他目标",
                              lz, pn, v, totals ? "全社会排放量" : "清单企业排放量",
                              s->ratios[L][p], B, q);
            }
            snprintf(path, sizeof path, "targets.credits_kgpd.%s.%s", ln, pn);
            if (cu_scenario_warn(s, pos, path, en, zh))
                return CURTAIL_ENOMEM;
        }
    if (!s->has_totals)
        return CURTAIL_OK;
    for (p = 0; p < CU_NP; p++) {
        const char *pn = curtail_pollutant_name((curtail_pollutant)p);
        double T = s->totals[p], E = g->listed[p];
        int targeted = 0;
        char path[64], en[512], zh[512];
        for (L = 0; L < CU_NL; L++)
            targeted |= s->ratios[L][p] > 0;
        if (!(E > T * (1 + 1e-9)) || (T == 0 && !targeted))
            continue;
        cu_snprintf_c(en, sizeof en,
                      "the listed enterprises emit %g kg/d of %s, more than the county total of "
                      "%g kg/d they are part of; shares of the county total would exceed 100%%",
                      E, pn, T);
        cu_snprintf_c(zh, sizeof zh,
                      "清单企业%s排放量 %g 千克/日 超过全社会排放总量 %g 千克/日；"
                      "占全社会的比例将超过100%%",
                      pn, E, T);
        snprintf(path, sizeof path, "targets.totals_kgpd.%s", pn);
        if (cu_scenario_warn(s, s->pos_total[p].line ? s->pos_total[p]
                                : s->pos_totals.line ? s->pos_totals : s->pos_targets,
                             path, en, zh))
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
    if (below_min_warnings(s, g) || target_warnings(s, g)) {
        cu_groups_free(g);
        return cu_enomem(err);
    }
    s->groups = g; /* kept for plan and export while the scenario stays checked */
    s->checked = 1;
    return CURTAIL_OK;
}
