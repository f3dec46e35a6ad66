/* SPDX-License-Identifier: GPL-3.0-or-later */
/* policy.c — grade modifiers, rule matching, bounds per unit and level, load
 * groups and the nesting check (SPEC §4). */
#include "policy.h"
#include "names.h"
#include "rule_schema.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define EPS 1e-12

int cu_builtin_rules(const curtail_mem *mem, cu_rule **out, size_t *n, curtail_error *err)
{
    size_t i;
    int rc = cu_policy_parse(mem, cu_policy_default_yaml, strlen(cu_policy_default_yaml),
                             "policy_default.yaml", NULL, out, n, err);
    if (rc)
        return rc;
    for (i = 0; i < *n; i++)
        (*out)[i].builtin = 1;
    return CURTAIL_OK;
}

static int wet_large_oven(const cu_unit *un)
{
    return un->has_coke_oven && un->has_height && un->height_m >= 5.5 &&
           un->quenching == CURTAIL_QUENCHING_WET;
}

/* The step applies to the oven and to the units that follow it (they share
 * its load), so the whole load group is managed one grade stricter. */
int cu_effective_grade_why(const curtail_scenario *s, size_t u, unsigned *why)
{
    const cu_unit *un = &s->units[u];
    const cu_enterprise *e = &s->ents[un->enterprise];
    int g = e->phase_out ? CURTAIL_GRADE_D : e->grade;
    unsigned w = g != e->grade ? 1u : 0u; /* CU_GRADE_BY_PHASE_OUT (result.h) */
    if (wet_large_oven(un) || wet_large_oven(&s->units[un->leader])) {
        int before = g;
        switch (g) {
        case CURTAIL_GRADE_A: g = CURTAIL_GRADE_B; break;
        case CURTAIL_GRADE_B:
        case CURTAIL_GRADE_B_MINUS: g = CURTAIL_GRADE_C; break;
        case CURTAIL_GRADE_C: g = CURTAIL_GRADE_D; break;
        case CURTAIL_GRADE_LEADING: g = CURTAIL_GRADE_NON_LEADING; break;
        default: break;
        }
        if (g != before)
            w |= 2u; /* CU_GRADE_BY_WET_QUENCHING */
    }
    if (why)
        *why = w;
    return g;
}

int cu_effective_grade(const curtail_scenario *s, size_t u)
{
    return cu_effective_grade_why(s, u, NULL);
}

int cu_unit_ozone_stopped(const curtail_scenario *s, size_t u)
{
    const cu_unit *un = &s->units[u];
    const cu_enterprise *e = &s->ents[un->enterprise];
    int grade = cu_effective_grade(s, u);
    return un->interruptible && un->ef[CURTAIL_VOCS] > 0 && grade != CURTAIL_GRADE_A &&
           grade != CURTAIL_GRADE_LEADING && e->guarantee == CURTAIL_GUARANTEE_NONE;
}

/* Seasons narrow when a rule applies, not to which units: they do not count. */
static int rule_specificity(const cu_rule *cr)
{
    const curtail_rule *r = &cr->r;
    /* industry, grades and levels are always present */
    return 3 + (r->kinds != 0) + (r->interruptible >= 0) + (r->fuels != 0) + (r->guarantees != 0) +
           (cr->zones != 0) + (cr->towns != 0);
}

/* Where and when: the season the rules are matched in, the enterprise's zone
 * tags and the index of its town among the rules' towns (-1: none of them). */
typedef struct match_place {
    int season;
    uint64_t zones;
    int town;
} match_place;

static int rule_matches(const cu_rule *cr, const cu_unit *un, const cu_enterprise *e,
                        int grade, int level, const match_place *at)
{
    const curtail_rule *r = &cr->r;
    if ((int)r->industry != e->industry)
        return 0;
    if (cr->seasons && !(cr->seasons & (1u << at->season)))
        return 0;
    if (cr->zones && !(cr->zones & at->zones))
        return 0;
    if (cr->towns && (at->town < 0 || !((cr->towns >> at->town) & 1u)))
        return 0;
    if (!(r->levels & (1u << level)) || !(r->grades & (1u << grade)))
        return 0;
    if (r->kinds && !(r->kinds & (1u << un->kind)))
        return 0;
    if (r->interruptible >= 0 && r->interruptible != un->interruptible)
        return 0;
    if (r->fuels && (!un->has_boiler || !(r->fuels & (1u << un->fuel))))
        return 0;
    if (e->guarantee != CURTAIL_GUARANTEE_NONE)
        return (r->guarantees & (1u << e->guarantee)) != 0;
    return r->guarantees == 0;
}

/* The winning rule: most specific, and among equals the one written last
 * (the scenario's rules come after the built-in table). Measures and
 * transport measures (issue 10) are matched apart: `transport` 0 looks at
 * the rules with a measure, 1 at those stating a transport. */
static const cu_rule *winning_rule(const cu_rule *builtin, size_t nb, const cu_rule *own,
                                   size_t no, const cu_unit *un, const cu_enterprise *e,
                                   int grade, int level, const match_place *at,
                                   int transport)
{
    const cu_rule *best = NULL;
    int best_spec = -1;
    size_t i;
    for (i = 0; i < nb + no; i++) {
        const cu_rule *r = i < nb ? &builtin[i] : &own[i - nb];
        int sp;
        if (transport ? r->r.transport == CURTAIL_TRANSPORT_UNSET : !r->r.has_measure)
            continue;
        if (!rule_matches(r, un, e, grade, level, at))
            continue;
        sp = rule_specificity(r);
        if (sp >= best_spec) {
            best = r;
            best_spec = sp;
        }
    }
    return best;
}

/* The rule's bound r on load (relative to capacity), given base load b. */
static double rule_bound(const curtail_rule *r, const cu_unit *un, double b)
{
    switch (r->measure) {
    case CURTAIL_MEASURE_MAX_LOAD:
        return r->value;
    case CURTAIL_MEASURE_CUT:
        return b * (1.0 - r->value);
    case CURTAIL_MEASURE_COKING_TIME:
        /* no bound without a coke_oven block; a T no longer than the normal
         * coking time is no cut (hi = b): neither is a rule below the minimum */
        if (!un->has_coke_oven || r->value <= un->coking_time_h)
            return 1.0;
        return b * un->coking_time_h / r->value;
    case CURTAIL_MEASURE_STOP:
        return 0.0;
    default:
        return 1.0;
    }
}

/* Bounds of one unit at one level (SPEC §4.3, §4.4). */
static void unit_level_bounds(const curtail_scenario *s, const cu_rule *rule, size_t u,
                              int grade, cu_unit_level *ul)
{
    const cu_unit *un = &s->units[u];
    const cu_enterprise *e = &s->ents[un->enterprise];
    double b = s->units[un->leader].base_load;
    int guarantee = e->guarantee != CURTAIL_GUARANTEE_NONE;
    memset(ul, 0, sizeof *ul);
    ul->rule = rule;
    ul->measure = rule ? (int)rule->r.measure : CURTAIL_MEASURE_NONE;
    ul->value = rule ? rule->r.value : 0.0;
    ul->r = rule ? rule_bound(&rule->r, un, b) : 1.0;
    ul->pinned = (unsigned char)(guarantee || !(s->extra_grades & (1u << grade)));
    ul->hi = ul->r < b ? ul->r : b;
    if (ul->measure == CURTAIL_MEASURE_STOP) {
        ul->lo = ul->hi = 0.0;
    } else if (ul->r < un->min_load - EPS) {
        /* the technical minimum, but never above the base load: a unit already
         * running under its minimum is not pushed up during an alert */
        ul->below_min = 1;
        ul->lo = ul->hi = un->min_load < b ? un->min_load : b;
    } else if (ul->pinned) {
        ul->lo = ul->hi;
    } else {
        ul->lo = un->min_load < ul->hi ? un->min_load : ul->hi;
    }
}

void cu_groups_free(cu_groups *g)
{
    if (!g || atomic_fetch_sub(&g->refs, 1) > 1)
        return;
    cu_free(g->mem, g->unit_group);
    cu_free(g->mem, g->group_leader);
    cu_free(g->mem, g->group_first);
    cu_free(g->mem, g->members);
    cu_free(g->mem, g->ul);
    cu_free(g->mem, g->b);
    cu_free(g->mem, g->V);
    cu_free(g->mem, g->E);
    cu_free(g->mem, g->w);
    cu_free(g->mem, g->lo);
    cu_free(g->mem, g->hi);
    cu_free(g->mem, g->below_min);
    cu_free(g->mem, g->builtin);
    cu_free(g->mem, g);
}

static int alloc_groups(const curtail_mem *m, size_t nunits, cu_groups **out)
{
    size_t n1 = nunits ? nunits : 1;
    cu_groups *g = cu_calloc(m, 1, sizeof *g);
    if (!g)
        return -1;
    g->mem = m;
    g->nunits = nunits;
    atomic_init(&g->refs, 1);
    g->unit_group = cu_calloc(m, n1, sizeof(size_t));
    g->group_leader = cu_calloc(m, n1, sizeof(size_t));
    g->group_first = cu_calloc(m, n1 + 1, sizeof(size_t));
    g->members = cu_calloc(m, n1, sizeof(size_t));
    g->ul = cu_calloc(m, n1 * CU_NL, sizeof(cu_unit_level));
    g->b = cu_calloc(m, n1, sizeof(double));
    g->V = cu_calloc(m, n1, sizeof(double));
    g->E = cu_calloc(m, n1 * CU_NP, sizeof(double));
    g->w = cu_calloc(m, n1, sizeof(double));
    g->lo = cu_calloc(m, n1 * CU_NL, sizeof(double));
    g->hi = cu_calloc(m, n1 * CU_NL, sizeof(double));
    *out = g;
    if (!g->unit_group || !g->group_leader || !g->group_first || !g->members || !g->ul ||
        !g->b || !g->V || !g->E || !g->w || !g->lo || !g->hi)
        return -1;
    return 0;
}

/* Groups in order of their leader's unit index; members in unit order. */
static int assign_groups(const curtail_scenario *s, cu_groups *g)
{
    size_t u, ng = 0, *cursor;
    for (u = 0; u < s->nunits; u++)
        if (s->units[u].leader == u) {
            g->unit_group[u] = ng;
            g->group_leader[ng++] = u;
        }
    g->ngroups = ng;
    for (u = 0; u < s->nunits; u++)
        g->unit_group[u] = g->unit_group[s->units[u].leader];
    for (u = 0; u < s->nunits; u++)
        g->group_first[g->unit_group[u] + 1]++;
    for (u = 0; u < ng; u++)
        g->group_first[u + 1] += g->group_first[u];
    cursor = cu_calloc(g->mem, ng + 1, sizeof *cursor);
    if (!cursor)
        return -1;
    for (u = 0; u < s->nunits; u++) {
        size_t gi = g->unit_group[u];
        g->members[g->group_first[gi] + cursor[gi]++] = u;
    }
    cu_free(g->mem, cursor);
    return 0;
}

static int group_bound_error(const curtail_scenario *s, const cu_groups *g, size_t gi, int L,
                             size_t ulo, size_t uhi, curtail_error *err)
{
    size_t lead = g->group_leader[gi];
    const cu_unit *un = &s->units[lead];
    char path[128];
    cu_unit_path(path, sizeof path, un->enterprise, lead - s->ents[un->enterprise].first_unit, NULL);
    return cu_error(err, CURTAIL_EINPUT, s->file, un->pos[CU_UF_NODE], path,
                    "at level %s the load group of '%s' cannot run: unit '%s' needs load >= %g "
                    "but unit '%s' allows at most %g",
                    curtail_level_name((curtail_level)L), un->id, s->units[ulo].id,
                    g->lo[gi * CU_NL + L], s->units[uhi].id, g->hi[gi * CU_NL + L]);
}

/* hi[g] = min member hi; lo[g] = max of member floors and pinned members. */
static int group_bounds_for_level(const curtail_scenario *s, cu_groups *g, size_t gi, int L,
                                  curtail_error *err)
{
    size_t k, ulo = g->group_leader[gi], uhi = ulo;
    double hi = INFINITY, lo = 0.0;
    for (k = g->group_first[gi]; k < g->group_first[gi + 1]; k++) {
        size_t u = g->members[k];
        const cu_unit_level *ul = &g->ul[u * CU_NL + L];
        if (ul->hi < hi) {
            hi = ul->hi;
            uhi = u;
        }
    }
    for (k = g->group_first[gi]; k < g->group_first[gi + 1]; k++) {
        size_t u = g->members[k];
        const cu_unit_level *ul = &g->ul[u * CU_NL + L];
        double floor, need;
        if (ul->measure == CURTAIL_MEASURE_STOP)
            floor = 0.0;
        else if (ul->below_min)
            floor = ul->lo;
        else
            floor = ul->lo < s->units[u].min_load ? ul->lo : s->units[u].min_load;
        need = floor;
        if (ul->pinned) {
            double p = ul->hi < hi ? ul->hi : hi;
            if (p > need)
                need = p;
        }
        if (need > lo) {
            lo = need;
            ulo = u;
        }
    }
    g->lo[gi * CU_NL + L] = lo;
    g->hi[gi * CU_NL + L] = hi;
    if (lo > hi + 1e-9)
        return group_bound_error(s, g, gi, L, ulo, uhi, err);
    if (lo > hi)
        g->lo[gi * CU_NL + L] = hi;
    return CURTAIL_OK;
}

/* x[red] <= x[orange] <= x[yellow] must be possible. */
static int nesting_check(const curtail_scenario *s, const cu_groups *g, size_t gi,
                         curtail_error *err)
{
    static const int pairs[3][2] = {{CURTAIL_ORANGE, CURTAIL_YELLOW},
                                    {CURTAIL_RED, CURTAIL_ORANGE},
                                    {CURTAIL_RED, CURTAIL_YELLOW}};
    int k;
    for (k = 0; k < 3; k++) {
        int strict = pairs[k][0], mild = pairs[k][1];
        double lo = g->lo[gi * CU_NL + strict], hi = g->hi[gi * CU_NL + mild];
        if (lo > hi + 1e-9) {
            size_t lead = g->group_leader[gi];
            const cu_unit *un = &s->units[lead];
            char path[128];
            cu_unit_path(path, sizeof path, un->enterprise,
                         lead - s->ents[un->enterprise].first_unit, NULL);
            return cu_error(err, CURTAIL_EINPUT, s->file, un->pos[CU_UF_NODE], path,
                            "load group of '%s': the lower bound %g at %s exceeds the upper "
                            "bound %g at %s, so measures cannot get stricter level by level",
                            un->id, lo, curtail_level_name((curtail_level)strict), hi,
                            curtail_level_name((curtail_level)mild));
        }
    }
    return CURTAIL_OK;
}

/* A fact for the check to word as a warning: a rule asks for less than the
 * technical minimum of unit u at some levels (SPEC §4.3). */
static int note_below_min(cu_groups *g, size_t u)
{
    unsigned levels = 0;
    int L;
    void *p;
    for (L = 0; L < CU_NL; L++)
        if (g->ul[u * CU_NL + L].below_min)
            levels |= 1u << L;
    if (!levels)
        return CURTAIL_OK;
    p = g->below_min;
    if (cu_grow(g->mem, &p, &g->capbelow_min, g->nbelow_min + 1, sizeof *g->below_min))
        return CURTAIL_ENOMEM;
    g->below_min = p;
    g->below_min[g->nbelow_min].unit = u;
    g->below_min[g->nbelow_min].levels = levels;
    for (L = 0; L < CU_NL; L++)
        if (levels & (1u << L)) {
            /* the load it runs at instead: min(min_load, the group's base load) */
            g->below_min[g->nbelow_min].load = g->ul[u * CU_NL + L].lo;
            break;
        }
    g->nbelow_min++;
    return CURTAIL_OK;
}

static int derived_error(const curtail_scenario *s, size_t u, curtail_error *err,
                         const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* An input error at unit u (a group's leader) about a derived coefficient. */
static int derived_error(const curtail_scenario *s, size_t u, curtail_error *err,
                         const char *fmt, ...)
{
    const cu_unit *un = &s->units[u];
    char path[128];
    va_list ap;
    cu_unit_path(path, sizeof path, un->enterprise, u - s->ents[un->enterprise].first_unit, NULL);
    va_start(ap, fmt);
    cu_verror(err, CURTAIL_EINPUT, s->file, un->pos[CU_UF_NODE], path, fmt, ap);
    va_end(ap);
    return CURTAIL_EINPUT;
}

/* SPEC §9: the coefficients the LP is built from, derived from given numbers,
 * are finite and at most CU_MAX_DERIVED: E[g,p] (row coefficients), V[g] and
 * w[g]·V[g] (the objective). Reported at the group's leader. */
static int derived_check(const curtail_scenario *s, const cu_groups *g, size_t gi,
                         curtail_error *err)
{
    size_t lead = g->group_leader[gi];
    int many = g->group_first[gi + 1] - g->group_first[gi] > 1;
    const char *who = many ? " and its followers" : "";
    int p;
    for (p = 0; p < CU_NP; p++)
        if (!(g->E[gi * CU_NP + p] <= CU_MAX_DERIVED))
            return derived_error(s, lead, err,
                                 "unit '%s'%s %s %.15g kg/d of %s at full load (ef x capacity), "
                                 "more than the limit of 1e24",
                                 s->units[lead].id, who, many ? "emit" : "emits", g->E[gi * CU_NP + p],
                                 curtail_pollutant_name((curtail_pollutant)p));
    if (!(g->V[gi] <= CU_MAX_DERIVED))
        return derived_error(s, lead, err,
                             "unit '%s'%s %s %.15g yuan/d at full load (value x capacity), "
                             "more than the limit of 1e24",
                             s->units[lead].id, who, many ? "produce" : "produces", g->V[gi]);
    if (!(g->w[gi] * g->V[gi] <= CU_MAX_DERIVED))
        return derived_error(s, lead, err,
                             "unit '%s'%s: weight %.15g x value %.15g yuan/d = %.15g, a loss "
                             "coefficient more than the limit of 1e24",
                             s->units[lead].id, who, g->w[gi], g->V[gi], g->w[gi] * g->V[gi]);
    return CURTAIL_OK;
}

/* SPEC §9 for the listed baseline of p, summed so far to `listed`: reported
 * at unit u, the one that brought it over the limit. */
static int listed_check(const curtail_scenario *s, size_t u, int p, double listed,
                        curtail_error *err)
{
    if (listed <= CU_MAX_DERIVED)
        return CURTAIL_OK;
    return derived_error(s, u, err,
                         "brings the listed %s baseline (the sum of every unit's emissions at "
                         "base load) to %.15g kg/d, more than the limit of 1e24",
                         curtail_pollutant_name((curtail_pollutant)p), listed);
}

/* The winning rule depends on a unit only through these fields (rule_matches):
 * units alike share it, so each kind of unit is matched against the rules once. */
#define MEMO_SLOTS 1024 /* a power of two; at most half of it filled */

typedef struct rule_memo {
    uint64_t key; /* 0: empty */
    uint64_t zones; /* the enterprise's zone tags that some rule names */
    int town;
    const cu_rule *r[2 * CU_NL]; /* the measure rules, then the transport rules */
} rule_memo;

static uint64_t memo_key(const cu_unit *un, const cu_enterprise *e, int grade)
{
    return 1 + ((uint64_t)(e->industry & 0xFF) | (uint64_t)(un->kind & 0xFF) << 8 |
                (uint64_t)(grade & 0xFF) << 16 | (uint64_t)(e->guarantee & 0xFF) << 24 |
                (uint64_t)((un->interruptible + 1) & 0xFF) << 32 |
                (uint64_t)(un->has_boiler & 1) << 40 | (uint64_t)(un->fuel & 0xFF) << 41);
}

/* The winning rules of a unit at every level, through the memo (NULL: none):
 * out[L] the measure's, out[CU_NL + L] the transport's. */
static void unit_rules(const cu_rule *builtin, size_t nb, const curtail_scenario *s,
                       rule_memo *memo, size_t *nmemo, const cu_unit *un,
                       const cu_enterprise *e, int grade, const match_place *at,
                       const cu_rule *out[2 * CU_NL])
{
    uint64_t key = memo_key(un, e, grade);
    uint64_t h = key ^ (at->zones * 0xC2B2AE3D27D4EB4Full) ^ ((uint64_t)(at->town + 1) << 56);
    size_t i = memo ? (size_t)((h * 0x9E3779B97F4A7C15ull) >> 54) & (MEMO_SLOTS - 1) : 0;
    int L;
    if (memo) {
        for (; memo[i].key; i = (i + 1) & (MEMO_SLOTS - 1))
            if (memo[i].key == key && memo[i].zones == at->zones && memo[i].town == at->town) {
                for (L = 0; L < 2 * CU_NL; L++)
                    out[L] = memo[i].r[L];
                return;
            }
    }
    for (L = 0; L < 2 * CU_NL; L++)
        out[L] = winning_rule(builtin, nb, s->rules, s->nrules, un, e, grade, L % CU_NL, at,
                              L >= CU_NL);
    if (memo && *nmemo < MEMO_SLOTS / 2) {
        memo[i].key = key;
        memo[i].zones = at->zones;
        memo[i].town = at->town;
        for (L = 0; L < 2 * CU_NL; L++)
            memo[i].r[L] = out[L];
        ++*nmemo;
    }
}

int cu_scenario_groups(const curtail_scenario *s, cu_groups **out, curtail_error *err)
{
    if (s->checked && s->groups) {
        atomic_fetch_add(&s->groups->refs, 1);
        *out = s->groups;
        return CURTAIL_OK;
    }
    return cu_groups_build(s, out, err);
}

int cu_groups_build(const curtail_scenario *s, cu_groups **out, curtail_error *err)
{
    cu_groups *g = NULL;
    cu_rule *builtin = NULL;
    const cu_rule *rules = NULL;
    rule_memo *memo = NULL;
    match_place at;
    uint64_t named_zones = 0;
    size_t nb = 0, nmemo = 0, u, gi;
    int rc = CURTAIL_OK, L, p;
    *out = NULL;
    if (alloc_groups(s->mem, s->nunits, &g)) {
        rc = cu_enomem(err);
        goto done;
    }
    if (s->builtin_policy && s->has_builtin) {
        rules = s->builtin; /* parsed by the scenario's check */
        nb = s->nbuiltin;
    } else if (s->builtin_policy) {
        if ((rc = cu_builtin_rules(s->mem, &builtin, &nb, err)) != 0)
            goto done;
        rules = builtin;
    }
    if (assign_groups(s, g)) {
        rc = cu_enomem(err);
        goto done;
    }
    /* without room for the memo every unit is matched against the rules */
    memo = s->nunits > 64 ? cu_calloc(s->mem, MEMO_SLOTS, sizeof *memo) : NULL;
    at.season = cu_scenario_season(s);
    at.zones = 0;
    at.town = -1;
    for (u = 0; u < nb; u++)
        named_zones |= rules[u].zones;
    for (u = 0; u < s->nrules; u++)
        named_zones |= s->rules[u].zones;
    for (u = 0; u < s->nunits; u++) {
        const cu_unit *un = &s->units[u];
        const cu_enterprise *e = &s->ents[un->enterprise];
        int grade = cu_effective_grade(s, u);
        const cu_rule *r[2 * CU_NL];
        if (u == 0 || un->enterprise != s->units[u - 1].enterprise) {
            /* only what some rule names tells units apart (and keeps the memo small) */
            at.zones = e->zones & named_zones;
            at.town = e->town && s->places.n[CU_PLACE_TOWN]
                          ? cu_places_find(&s->places, CU_PLACE_TOWN, e->town)
                          : -1;
        }
        unit_rules(rules, nb, s, memo, &nmemo, un, e, grade, &at, r);
        for (L = 0; L < CU_NL; L++) {
            unit_level_bounds(s, r[L], u, grade, &g->ul[u * CU_NL + L]);
            g->ul[u * CU_NL + L].transport =
                (unsigned char)(r[CU_NL + L] ? r[CU_NL + L]->r.transport : CURTAIL_TRANSPORT_UNSET);
        }
        if ((rc = note_below_min(g, u)) != 0) {
            rc = cu_enomem(err);
            goto done;
        }
    }
    for (gi = 0; gi < g->ngroups; gi++) {
        size_t lead = g->group_leader[gi], k;
        g->b[gi] = s->units[lead].base_load;
        g->w[gi] = s->weights[cu_effective_grade(s, lead)];
        for (k = g->group_first[gi]; k < g->group_first[gi + 1]; k++) {
            const cu_unit *un = &s->units[g->members[k]];
            g->V[gi] += un->value * un->capacity;
            for (p = 0; p < CU_NP; p++)
                g->E[gi * CU_NP + p] += un->ef[p] * un->capacity;
        }
        if ((rc = derived_check(s, g, gi, err)) != 0)
            goto done;
        for (L = 0; L < CU_NL; L++)
            if ((rc = group_bounds_for_level(s, g, gi, L, err)) != 0)
                goto done;
        if ((rc = nesting_check(s, g, gi, err)) != 0)
            goto done;
        for (p = 0; p < CU_NP; p++) {
            g->listed[p] += g->E[gi * CU_NP + p] * g->b[gi];
            if ((rc = listed_check(s, lead, p, g->listed[p], err)) != 0)
                goto done;
        }
    }
    for (u = 0; u < s->nunits; u++)
        for (p = 0; p < CU_NP; p++) {
            g->listed[p] += s->units[u].fixed[p];
            if ((rc = listed_check(s, u, p, g->listed[p], err)) != 0)
                goto done;
        }
    for (p = 0; p < CU_NP; p++)
        g->baseline[p] = s->base == CURTAIL_BASE_TOTALS ? s->totals[p] : g->listed[p];
done:
    cu_free(s->mem, memo);
    if (g) {
        g->builtin = builtin;
        g->nbuiltin = nb;
    } else {
        cu_free(s->mem, builtin);
    }
    if (rc) {
        cu_groups_free(g);
        return rc;
    }
    *out = g;
    return CURTAIL_OK;
}
