/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scenario.c — the in-memory model, its builder API and its read-back
 * (the semantic checks are scenario_check.c). */
#include "scenario.h"
#include "episode.h"
#include "policy.h"
#include "names.h"
#include "rule_schema.h"
#include "names.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>


/* ---- construction ------------------------------------------------------------ */

static const double default_ratios[CU_NL] = {0.10, 0.20, 0.30};

int curtail_scenario_new(curtail_scenario **out, const curtail_mem *mem, curtail_error *err)
{
    curtail_scenario *s;
    int L, p, g;
    if (!out)
        return cu_einval(err, "curtail_scenario_new: out is NULL");
    *out = NULL;
    if (mem && (!mem->calloc || !mem->realloc || !mem->free))
        return cu_einval(err, "curtail_scenario_new: incomplete allocator");
    s = cu_calloc(mem, 1, sizeof *s);
    if (!s)
        return cu_enomem(err);
    if (mem) {
        s->memv = *mem;
        s->mem = &s->memv;
    }
    s->file = cu_strdup(s->mem, "");
    s->name = cu_strdup(s->mem, "");
    if (!s->file || !s->name) {
        curtail_scenario_free(s);
        return cu_enomem(err);
    }
    s->lang = CURTAIL_LANG_ZH;
    s->base = CURTAIL_BASE_LISTED;
    for (L = 0; L < CU_NL; L++)
        for (p = 0; p < CU_NP; p++)
            s->ratios[L][p] = default_ratios[L];
    s->extra_grades = (1u << CURTAIL_GRADE_C) | (1u << CURTAIL_GRADE_D) |
                      (1u << CURTAIL_GRADE_NON_LEADING) | (1u << CURTAIL_GRADE_NONE);
    for (g = 0; g < CURTAIL_NGRADES; g++)
        s->weights[g] = 1.0;
    s->weights[CURTAIL_GRADE_B] = 4;
    s->weights[CURTAIL_GRADE_B_MINUS] = 3;
    s->weights[CURTAIL_GRADE_C] = 2;
    s->weights[CURTAIL_GRADE_NON_LEADING] = 2;
    s->weights[CURTAIL_GRADE_D] = 1;
    s->weights[CURTAIL_GRADE_NONE] = 1;
    s->builtin_policy = 1;
    cu_ozone_default(&s->episode);
    atomic_init(&s->live_results, 0);
    *out = s;
    return CURTAIL_OK;
}

void curtail_scenario_free(curtail_scenario *s)
{
    const curtail_mem *m;
    size_t i;
    if (!s)
        return;
    m = s->mem;
    cu_variants_free(s);
    cu_places_free(m, &s->places);
    cu_scenario_strings_free(s);
    cu_groups_free(s->groups);
    cu_free(m, s->builtin);
    for (i = 0; i < s->nwarnings; i++) {
        cu_free(m, s->warnings[i]);
        cu_free(m, s->warnings_zh[i]);
    }
    cu_free(m, s->warnings);
    cu_free(m, s->warnings_zh);
    cu_free(m, s->units);
    cu_free(m, s->ents);
    cu_free(m, s->rules);
    cu_free(m, s->episode.entries);
    cu_free(m, s->file);
    cu_free(m, s->name);
    cu_free(m, s->note);
    cu_free(m, s->compiled_by);
    cu_free(m, s);
}

void cu_scenario_pin(const curtail_scenario *s)
{
    /* the counter is not part of the scenario's value: a const solve may count */
    atomic_fetch_add(&((curtail_scenario *)s)->live_results, 1);
}

void cu_scenario_unpin(const curtail_scenario *s)
{
    atomic_fetch_sub(&((curtail_scenario *)s)->live_results, 1);
}

/* Sizes a live result depends on may not change (docs/DECISIONS.md). */
static int refuse_while_results(const curtail_scenario *s, const char *fn, curtail_error *err)
{
    size_t n = atomic_load(&((curtail_scenario *)s)->live_results);
    if (n)
        return cu_einval(err, "%s: %zu result%s of this scenario %s alive; free %s first "
                              "(curtail_result_free)",
                         fn, n, n == 1 ? "" : "s", n == 1 ? "is" : "are", n == 1 ? "it" : "them");
    return CURTAIL_OK;
}

int cu_scenario_refuse_while_results(const curtail_scenario *s, const char *fn,
                                     curtail_error *err)
{
    return refuse_while_results(s, fn, err);
}

/* ---- small validators -------------------------------------------------------------- */

int cu_valid_id(const char *id)
{
    size_t i, n = strlen(id);
    if (n == 0 || n > CU_MAX_ID)
        return 0;
    for (i = 0; i < n; i++) {
        char c = id[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '-'))
            return 0;
    }
    return 1;
}

static int check_id(const char *id, const char *path, curtail_error *err)
{
    if (!id)
        return cu_bad_value(err, path, "is required");
    if (!cu_valid_id(id))
        return cu_bad_value(err, path, "must be 1 to %d characters of [A-Za-z0-9_.-], got '%s'",
                            CU_MAX_ID, strlen(id) > CU_MAX_ID ? "(too long)" : id);
    return CURTAIL_OK;
}

static int check_range(double v, double lo, int lo_open, double hi, int hi_open,
                       const char *path, curtail_error *err)
{
    if (!isfinite(v))
        return cu_bad_value(err, path, "must be a finite number");
    if ((lo_open && !(v > lo)) || (!lo_open && !(v >= lo)) || (hi_open && !(v < hi)) ||
        (!hi_open && !(v <= hi))) {
        if (isinf(hi))
            return cu_bad_value(err, path, "must be %s %g, got %.15g", lo_open ? ">" : ">=", lo, v);
        return cu_bad_value(err, path, "must be in %s%g, %g%s, got %.15g", lo_open ? "(" : "[", lo, hi,
                   hi_open ? ")" : "]", v);
    }
    return CURTAIL_OK;
}

static int check_nonneg(double v, const char *path, curtail_error *err)
{
    if (!isfinite(v))
        return cu_bad_value(err, path, "must be a finite number");
    if (v < 0)
        return cu_bad_value(err, path, "must be >= 0, got %.15g", v);
    if (v > CU_MAX_MAGNITUDE)
        return cu_bad_value(err, path, "must be at most 1e12, got %.15g", v);
    return CURTAIL_OK;
}

static int check_pollutants(const double v[CU_NP], const char *prefix, curtail_error *err)
{
    int p, rc;
    char path[64];
    for (p = 0; p < CU_NP; p++)
        if (!(v[p] >= 0 && v[p] <= CU_MAX_MAGNITUDE))
            break;
    if (p == CU_NP)
        return CURTAIL_OK; /* the path is written only for an error */
    for (p = 0; p < CU_NP; p++) {
        snprintf(path, sizeof path, "%s.%s", prefix, curtail_pollutant_name((curtail_pollutant)p));
        if ((rc = check_nonneg(v[p], path, err)) != 0)
            return rc;
    }
    return CURTAIL_OK;
}

static int replace_str(curtail_scenario *s, char **dst, const char *src, curtail_error *err)
{
    char *d = cu_strdup(s->mem, src ? src : "");
    if (!d)
        return cu_enomem(err);
    cu_free(s->mem, *dst);
    *dst = d;
    return CURTAIL_OK;
}

/* ---- setters ------------------------------------------------------------------------ */

#define NEED_S(s, fn)                                                                       \
    do {                                                                                    \
        if (!(s))                                                                           \
            return cu_einval(err, fn ": scenario is NULL");                                 \
    } while (0)

int curtail_scenario_set_name(curtail_scenario *s, const char *name, curtail_error *err)
{
    NEED_S(s, "curtail_scenario_set_name");
    s->checked = 0;
    return replace_str(s, &s->name, name, err);
}

int curtail_scenario_set_note(curtail_scenario *s, const char *note, const char *compiled_by,
                              curtail_error *err)
{
    NEED_S(s, "curtail_scenario_set_note");
    char *n = note ? cu_strdup(s->mem, note) : NULL, *c = compiled_by ? cu_strdup(s->mem, compiled_by) : NULL;
    if ((note && !n) || (compiled_by && !c)) {
        cu_free(s->mem, n);
        cu_free(s->mem, c);
        return cu_enomem(err);
    }
    cu_free(s->mem, s->note);
    cu_free(s->mem, s->compiled_by);
    s->note = n;
    s->compiled_by = c;
    return CURTAIL_OK;
}

const char *curtail_scenario_note(const curtail_scenario *s)
{
    return s ? s->note : NULL;
}

const char *curtail_scenario_compiled_by(const curtail_scenario *s)
{
    return s ? s->compiled_by : NULL;
}

double curtail_scenario_ratio(const curtail_scenario *s, curtail_level level, curtail_pollutant p)
{
    if (!s || (int)level < 0 || (int)level >= CU_NL || (int)p < 0 || (int)p >= CU_NP)
        return 0.0;
    return s->ratios[level][p];
}

int curtail_scenario_set_lang(curtail_scenario *s, curtail_lang lang, curtail_error *err)
{
    NEED_S(s, "curtail_scenario_set_lang");
    if (lang != CURTAIL_LANG_ZH && lang != CURTAIL_LANG_EN)
        return cu_einval(err, "curtail_scenario_set_lang: lang must be zh or en");
    s->lang = (int)lang;
    return CURTAIL_OK;
}

int curtail_scenario_set_target_base(curtail_scenario *s, curtail_base base,
                                     const double *totals, curtail_error *err)
{
    int rc;
    NEED_S(s, "curtail_scenario_set_target_base");
    if (base != CURTAIL_BASE_LISTED && base != CURTAIL_BASE_TOTALS)
        return cu_einval(err, "curtail_scenario_set_target_base: unknown base");
    if (totals) {
        if ((rc = check_pollutants(totals, "totals_kgpd", err)) != 0)
            return rc;
        memcpy(s->totals, totals, sizeof s->totals);
        s->has_totals = 1;
    } else if (base == CURTAIL_BASE_TOTALS) {
        return cu_bad_value(err, "totals_kgpd", "is required when base is totals");
    }
    s->base = (int)base;
    s->checked = 0;
    return CURTAIL_OK;
}

int curtail_scenario_set_ratios(curtail_scenario *s, curtail_level level,
                                const double ratios[CU_NP], curtail_error *err)
{
    int p, rc;
    NEED_S(s, "curtail_scenario_set_ratios");
    if ((int)level < 0 || (int)level >= CU_NL || !ratios)
        return cu_einval(err, "curtail_scenario_set_ratios: bad level or ratios");
    for (p = 0; p < CU_NP; p++)
        if ((rc = check_range(ratios[p], 0, 0, 1, 1,
                              curtail_pollutant_name((curtail_pollutant)p), err)) != 0)
            return rc;
    memcpy(s->ratios[level], ratios, sizeof s->ratios[level]);
    s->checked = 0;
    return CURTAIL_OK;
}

int curtail_scenario_set_credits(curtail_scenario *s, curtail_level level,
                                 const double credits[CU_NP], curtail_error *err)
{
    int p, rc;
    NEED_S(s, "curtail_scenario_set_credits");
    if ((int)level < 0 || (int)level >= CU_NL || !credits)
        return cu_einval(err, "curtail_scenario_set_credits: bad level or credits");
    for (p = 0; p < CU_NP; p++)
        if ((rc = check_nonneg(credits[p], curtail_pollutant_name((curtail_pollutant)p), err)) !=
            0)
            return rc;
    memcpy(s->credits[level], credits, sizeof s->credits[level]);
    s->has_credits = 1;
    s->checked = 0;
    return CURTAIL_OK;
}

int curtail_scenario_add_combined_target(curtail_scenario *s, unsigned pollutants,
                                         unsigned levels, double ratio, curtail_error *err)
{
    int rc, p, n = 0;
    NEED_S(s, "curtail_scenario_add_combined_target");
    if (pollutants >> CU_NP)
        return cu_einval(err, "curtail_scenario_add_combined_target: unknown pollutant bits");
    if (levels >> CU_NL)
        return cu_einval(err, "curtail_scenario_add_combined_target: unknown level bits");
    for (p = 0; p < CU_NP; p++)
        n += (pollutants >> p) & 1u;
    if (n < 2)
        return cu_bad_value(err, "pollutants", "must list at least two pollutants");
    if (!levels)
        return cu_bad_value(err, "levels", "must list at least one level");
    /* a sum of n ratios, each at most 1: a ratio above n can never be met */
    if (isfinite(ratio) && ratio > n)
        return cu_bad_value(err, "ratio",
                            "must be in (0, %d], at most the number of its pollutants, got %.15g",
                            n, ratio);
    if ((rc = check_range(ratio, 0, 1, CU_NP, 0, "ratio", err)) != 0)
        return rc;
    if (s->ncombined == CU_MAX_COMBINED)
        return cu_bad_value(err, "", "at most %d combined targets", CU_MAX_COMBINED);
    s->combined[s->ncombined].pollutants = pollutants;
    s->combined[s->ncombined].levels = levels;
    s->combined[s->ncombined].ratio = ratio;
    s->ncombined++;
    s->checked = 0;
    return CURTAIL_OK;
}

double cu_target_offset_kgpd(const curtail_scenario *s, int level, int p)
{
    return s->credits[level][p];
}

double cu_target_required_kgpd(const curtail_scenario *s, double baseline, int level, int p)
{
    double q = s->ratios[level][p] * baseline - cu_target_offset_kgpd(s, level, p);
    return q > 0 ? q : 0.0;
}

int curtail_scenario_set_extra_grades(curtail_scenario *s, unsigned grades, curtail_error *err)
{
    NEED_S(s, "curtail_scenario_set_extra_grades");
    if (grades >> CURTAIL_NGRADES)
        return cu_einval(err, "curtail_scenario_set_extra_grades: unknown grade bits");
    s->extra_grades = grades;
    s->checked = 0;
    return CURTAIL_OK;
}

int curtail_scenario_set_extra_weights(curtail_scenario *s, const double w[CURTAIL_NGRADES],
                                       curtail_error *err)
{
    int g, rc;
    NEED_S(s, "curtail_scenario_set_extra_weights");
    if (!w)
        return cu_einval(err, "curtail_scenario_set_extra_weights: weights is NULL");
    for (g = 0; g < CURTAIL_NGRADES; g++)
        if ((rc = check_nonneg(w[g], curtail_grade_name((curtail_grade)g), err)) != 0)
            return rc;
    memcpy(s->weights, w, sizeof s->weights);
    s->checked = 0;
    return CURTAIL_OK;
}

int curtail_scenario_set_builtin_policy(curtail_scenario *s, int on, curtail_error *err)
{
    NEED_S(s, "curtail_scenario_set_builtin_policy");
    s->builtin_policy = on ? 1 : 0;
    s->checked = 0;
    return CURTAIL_OK;
}

/* Validate a rule (also used for the built-in table). */
static int rule_check(const curtail_rule *r, curtail_error *err)
{
    unsigned k;
    if ((int)r->industry < 0 || r->industry >= CURTAIL_NINDUSTRIES)
        return cu_bad_value(err, "industry", "unknown industry");
    if (r->kinds >> CURTAIL_NKINDS)
        return cu_bad_value(err, "kind", "unknown kind");
    for (k = 0; k < CURTAIL_NKINDS; k++)
        if ((r->kinds & (1u << k)) && !cu_kind_in_industry((int)k, (int)r->industry))
            return cu_bad_value(err, "kind", "%s is not a kind of industry %s",
                       curtail_kind_name((curtail_kind)k), curtail_industry_name(r->industry));
    if (r->grades == 0 || (r->grades >> CURTAIL_NGRADES))
        return cu_bad_value(err, "grades", "must list at least one grade");
    if (r->levels == 0 || (r->levels >> CU_NL))
        return cu_bad_value(err, "levels", "must list at least one level");
    if (r->interruptible < -1 || r->interruptible > 1)
        return cu_bad_value(err, "interruptible", "must be true or false");
    if (r->fuels >> CURTAIL_NFUELS)
        return cu_bad_value(err, "fuel", "unknown fuel");
    if (r->guarantees & ~((1u << CURTAIL_GUARANTEE_LIVELIHOOD) | (1u << CURTAIL_GUARANTEE_SUPPLY)))
        return cu_bad_value(err, "guarantee", "must be livelihood, supply or true");
    switch (r->measure) {
    case CURTAIL_MEASURE_MAX_LOAD:
        return check_range(r->value, 0, 0, 1, 0, "max_load", err);
    case CURTAIL_MEASURE_CUT:
        return check_range(r->value, 0, 0, 1, 0, "cut", err);
    case CURTAIL_MEASURE_COKING_TIME:
        if (check_range(r->value, 0, 1, INFINITY, 0, "coking_time_h", err))
            return CURTAIL_EINPUT;
        if (r->value > 1e6)
            return cu_bad_value(err, "coking_time_h", "must be at most 1e6 hours, got %.15g", r->value);
        return CURTAIL_OK;
    case CURTAIL_MEASURE_STOP:
    case CURTAIL_MEASURE_NONE:
        return CURTAIL_OK;
    default:
        return cu_bad_value(err, "", "unknown measure");
    }
}

/* The transport part of a version-2 rule (issue 10). */
static int rule_check_transport(const curtail_rule *r, curtail_error *err)
{
    if ((int)r->transport < 0 || r->transport >= CURTAIL_NTRANSPORTS)
        return cu_bad_value(err, "transport", "unknown transport measure");
    if (r->has_measure != 0 && r->has_measure != 1)
        return cu_bad_value(err, "", "has_measure must be 0 or 1");
    if (!r->has_measure && r->transport == CURTAIL_TRANSPORT_UNSET)
        return cu_bad_value(err, "", "a rule without a measure must state a transport measure");
    return CURTAIL_OK;
}

int curtail_scenario_add_rule(curtail_scenario *s, const curtail_rule *rule, curtail_error *err)
{
    int rc;
    void *p;
    NEED_S(s, "curtail_scenario_add_rule");
    if ((rc = refuse_while_results(s, "curtail_scenario_add_rule", err)) != 0)
        return rc;
    if (!rule || rule->version < 1 || rule->version > CURTAIL_RULE_VERSION)
        return cu_einval(err, "curtail_scenario_add_rule: rule is NULL or of another version");
    if (rule->version >= 2 && (rc = rule_check_transport(rule, err)) != 0)
        return rc;
    if ((rule->version < 2 || rule->has_measure) && (rc = rule_check(rule, err)) != 0)
        return rc;
    p = s->rules;
    if (cu_grow(s->mem, &p, &s->caprules, s->nrules + 1, sizeof *s->rules))
        return cu_enomem(err);
    s->rules = p;
    memset(&s->rules[s->nrules], 0, sizeof s->rules[0]);
    if (rule->version >= 2) {
        s->rules[s->nrules].r = *rule;
    } else { /* a version-1 struct ends at `value` */
        curtail_rule r2 = CURTAIL_RULE_INIT;
        memcpy(&r2, rule, offsetof(curtail_rule, transport));
        r2.version = CURTAIL_RULE_VERSION;
        r2.transport = CURTAIL_TRANSPORT_UNSET;
        r2.has_measure = 1;
        s->rules[s->nrules].r = r2;
    }
    s->rules[s->nrules].index = s->nrules;
    s->nrules++;
    s->checked = 0;
    return CURTAIL_OK;
}

static int check_credit_code(const char *c, curtail_error *err)
{
    size_t i, n = strlen(c);
    if (n != 18)
        return cu_bad_value(err, "credit_code", "must be 18 characters of [0-9A-Z], got %zu", n);
    for (i = 0; i < n; i++)
        if (!((c[i] >= '0' && c[i] <= '9') || (c[i] >= 'A' && c[i] <= 'Z')))
            return cu_bad_value(err, "credit_code", "must be 18 characters of [0-9A-Z], got '%s'", c);
    return CURTAIL_OK;
}

/* GB/T 4754 (国民经济行业分类): a section letter A-T followed by 2 to 4
 * digits (division, group, class: "C25", "C252", "C2520"), or the 4-digit
 * class alone ("2520"). */
static int check_industry_code(const char *c, curtail_error *err)
{
    size_t i, n = strlen(c), digits0 = (c[0] >= 'A' && c[0] <= 'T') ? 1 : 0;
    int ok = n - digits0 >= 2 && n - digits0 <= 4 && (digits0 || n == 4);
    for (i = digits0; ok && i < n; i++)
        ok = c[i] >= '0' && c[i] <= '9';
    if (!ok)
        return cu_bad_value(err, "industry_code",
                            "must be a GB/T 4754 code: a section letter A-T and 2 to 4 digits "
                            "(C2520) or 4 digits (2520), got '%s'",
                            c);
    return CURTAIL_OK;
}

/* A telephone number as a sheet prints it: 7 to 20 digits, with spaces,
 * hyphens and parentheses between them and one + in front. */
static int check_phone(const char *c, curtail_error *err)
{
    size_t i, digits = 0;
    int ok = 1;
    for (i = 0; c[i] && ok; i++) {
        if (c[i] >= '0' && c[i] <= '9')
            digits++;
        else
            ok = c[i] == ' ' || c[i] == '-' || c[i] == '(' || c[i] == ')' ||
                 (c[i] == '+' && i == 0);
    }
    if (!ok || digits < 7 || digits > 20)
        return cu_bad_value(err, "contact.phone",
                            "must be 7 to 20 digits with spaces, hyphens, parentheses and a "
                            "leading + only, got '%s'",
                            c);
    return CURTAIL_OK;
}

/* The version-2 fields of e (checked), NULL for a version-1 spec. */
static int check_sheet_fields(const curtail_enterprise_spec *e, curtail_error *err)
{
    int rc;
    if (e->version < 2)
        return CURTAIL_OK;
    if (e->industry_code && (rc = check_industry_code(e->industry_code, err)) != 0)
        return rc;
    if (e->contact_phone && (rc = check_phone(e->contact_phone, err)) != 0)
        return rc;
    return CURTAIL_OK;
}

/* A copy of an optional string in s's blocks: 0, or -1 for lack of memory. */
static int copy_opt(curtail_scenario *s, char **dst, const char *src)
{
    *dst = src ? cu_scenario_str(s, src) : NULL;
    return src && !*dst ? -1 : 0;
}

int curtail_scenario_add_enterprise(curtail_scenario *s, const curtail_enterprise_spec *e,
                                    curtail_error *err)
{
    cu_enterprise *d;
    void *p;
    int rc;
    NEED_S(s, "curtail_scenario_add_enterprise");
    if ((rc = refuse_while_results(s, "curtail_scenario_add_enterprise", err)) != 0)
        return rc;
    if (!e || (e->version != 1 && e->version != CURTAIL_ENTERPRISE_SPEC_VERSION))
        return cu_einval(err, "curtail_scenario_add_enterprise: spec is NULL or of another version");
    if ((rc = check_id(e->id, "id", err)) != 0)
        return rc;
    if ((int)e->industry < 0 || e->industry >= CURTAIL_NINDUSTRIES)
        return cu_bad_value(err, "industry", "unknown industry");
    if ((int)e->grade < 0 || e->grade >= CURTAIL_NGRADES)
        return cu_bad_value(err, "grade", "unknown grade");
    if ((int)e->guarantee < 0 || e->guarantee > CURTAIL_GUARANTEE_SUPPLY)
        return cu_bad_value(err, "guarantee", "unknown guarantee");
    if (e->credit_code && (rc = check_credit_code(e->credit_code, err)) != 0)
        return rc;
    if ((rc = check_sheet_fields(e, err)) != 0)
        return rc;
    p = s->ents;
    if (cu_grow(s->mem, &p, &s->capents, s->nents + 1, sizeof *s->ents))
        return cu_enomem(err);
    s->ents = p;
    d = &s->ents[s->nents];
    memset(d, 0, sizeof *d);
    d->id = cu_scenario_str(s, e->id);
    d->name = cu_scenario_str(s, e->name ? e->name : e->id);
    d->credit_code = e->credit_code ? cu_scenario_str(s, e->credit_code) : NULL;
    d->town = e->town ? cu_scenario_str(s, e->town) : NULL;
    if (!d->id || !d->name || (e->credit_code && !d->credit_code) || (e->town && !d->town))
        return cu_enomem(err); /* what was copied is freed with the scenario */
    if (e->version >= 2 &&
        (copy_opt(s, &d->address, e->address) || copy_opt(s, &d->industry_code, e->industry_code) ||
         copy_opt(s, &d->contact_name, e->contact_name) ||
         copy_opt(s, &d->contact_phone, e->contact_phone)))
        return cu_enomem(err);
    d->industry = (int)e->industry;
    d->grade = (int)e->grade;
    d->guarantee = (int)e->guarantee;
    d->phase_out = e->phase_out ? 1 : 0;
    d->first_unit = s->nunits;
    s->nents++;
    s->checked = 0;
    return CURTAIL_OK;
}

static int unit_check(const curtail_scenario *s, const curtail_unit_spec *u, curtail_error *err)
{
    int rc;
    const cu_enterprise *e = &s->ents[s->nents - 1];
    if ((rc = check_id(u->id, "id", err)) != 0)
        return rc;
    if ((int)u->kind < 0 || u->kind >= CURTAIL_NKINDS)
        return cu_bad_value(err, "kind", "unknown kind");
    if (!cu_kind_in_industry((int)u->kind, e->industry))
        return cu_bad_value(err, "kind", "%s is not a kind of industry %s",
                   curtail_kind_name(u->kind), curtail_industry_name((curtail_industry)e->industry));
    if (!isfinite(u->capacity) || !(u->capacity > 0))
        return cu_bad_value(err, "capacity", "must be > 0, got %.15g", u->capacity);
    if (u->capacity > CU_MAX_MAGNITUDE)
        return cu_bad_value(err, "capacity", "must be at most 1e12, got %.15g", u->capacity);
    if (u->has_base_load && (rc = check_range(u->base_load, 0, 1, 1, 0, "base_load", err)) != 0)
        return rc;
    if (u->has_base_load && u->follows)
        return cu_bad_value(err, "base_load", "a follower runs at its leader's base load; remove base_load");
    if (u->has_min_load && (rc = check_range(u->min_load, 0, 0, 1, 0, "min_load", err)) != 0)
        return rc;
    if ((rc = check_nonneg(u->value, "value", err)) != 0)
        return rc;
    if (u->has_ef && u->has_baseline)
        return cu_bad_value(err, "baseline_kgpd", "give either ef or baseline_kgpd, not both");
    if (u->has_ef && (rc = check_pollutants(u->ef, "ef", err)) != 0)
        return rc;
    if (u->has_baseline && (rc = check_pollutants(u->baseline_kgpd, "baseline_kgpd", err)) != 0)
        return rc;
    if ((rc = check_pollutants(u->fixed_kgpd, "fixed_kgpd", err)) != 0)
        return rc;
    if (u->interruptible < -1 || u->interruptible > 1)
        return cu_bad_value(err, "interruptible", "must be true or false");
    if (u->follows && check_id(u->follows, "follows", err))
        return CURTAIL_EINPUT;
    if (u->has_coke_oven && u->kind != CURTAIL_KIND_COKE_OVEN)
        return cu_bad_value(err, "coke_oven", "only a unit of kind coke_oven has a coke_oven block");
    if (!u->has_coke_oven && u->kind == CURTAIL_KIND_COKE_OVEN)
        return cu_bad_value(err, "kind", "a coke_oven unit needs a coke_oven block");
    if (u->has_coke_oven) {
        if (u->has_height && (rc = check_range(u->height_m, 0, 1, 100, 0, "coke_oven.height_m", err)))
            return rc;
        if ((int)u->quenching < 0 || u->quenching > CURTAIL_QUENCHING_WET)
            return cu_bad_value(err, "coke_oven.quenching", "must be dry or wet");
        if ((rc = check_range(u->coking_time_h, 0, 1, 1e6, 0, "coke_oven.coking_time_h", err)))
            return rc;
        if ((rc = check_range(u->max_coking_time_h, 0, 1, 1e6, 0, "coke_oven.max_coking_time_h",
                              err)))
            return rc;
        if (u->coking_time_h > u->max_coking_time_h && !u->has_min_load)
            return cu_bad_value(err, "coke_oven.coking_time_h",
                       "normal coking time %g h exceeds max_coking_time_h %g h; give min_load "
                       "explicitly",
                       u->coking_time_h, u->max_coking_time_h);
        if (u->has_ramp_h && (rc = check_range(u->ramp_h, 0, 0, 1e6, 0, "coke_oven.ramp_h", err)))
            return rc;
    }
    if (u->capacity_unit && cu_capu_from_name(u->capacity_unit) <= 0)
        return cu_bad_value(err, "capacity_unit", "must be t/d, t/h, m3/d or m3/h, got '%s'",
                   u->capacity_unit);
    if (u->has_boiler && u->kind != CURTAIL_KIND_BOILER)
        return cu_bad_value(err, "boiler", "only a unit of kind boiler has a boiler block");
    if (u->has_boiler) {
        if ((int)u->fuel < 0 || u->fuel >= CURTAIL_NFUELS)
            return cu_bad_value(err, "boiler.fuel", "unknown fuel");
        if ((rc = check_nonneg(u->steam_tph, "boiler.steam_tph", err)) != 0)
            return rc;
    }
    return CURTAIL_OK;
}

/* The bytes of a unit spec of an older version: 1 ended at `heating`, 2 at
 * `capacity_unit`. */
static size_t unit_spec_size(unsigned version)
{
    return version == 1   ? offsetof(curtail_unit_spec, has_ramp_h)
           : version == 2 ? offsetof(curtail_unit_spec, ultra_low)
                          : sizeof(curtail_unit_spec);
}

int curtail_scenario_add_unit(curtail_scenario *s, const curtail_unit_spec *u, curtail_error *err)
{
    curtail_unit_spec v2;
    cu_unit *d;
    void *p;
    int rc;
    NEED_S(s, "curtail_scenario_add_unit");
    if ((rc = refuse_while_results(s, "curtail_scenario_add_unit", err)) != 0)
        return rc;
    if (!u || u->version < 1 || u->version > CURTAIL_UNIT_SPEC_VERSION)
        return cu_einval(err, "curtail_scenario_add_unit: spec is NULL or of another version");
    if (u->version < CURTAIL_UNIT_SPEC_VERSION) {
        /* an older caller's struct ends before has_ramp_h (1) or ultra_low (2):
         * read that much */
        curtail_unit_spec *full = &v2;
        *full = (curtail_unit_spec)CURTAIL_UNIT_SPEC_INIT;
        memcpy(full, u, unit_spec_size(u->version));
        full->version = CURTAIL_UNIT_SPEC_VERSION;
        u = full;
    }
    if (s->nents == 0)
        return cu_einval(err, "curtail_scenario_add_unit: add an enterprise first");
    if (s->nunits >= CU_MAX_UNITS)
        return cu_bad_value(err, "", "more than %d units", CU_MAX_UNITS);
    if ((rc = unit_check(s, u, err)) != 0)
        return rc;
    p = s->units;
    if (cu_grow(s->mem, &p, &s->capunits, s->nunits + 1, sizeof *s->units))
        return cu_enomem(err);
    s->units = p;
    d = &s->units[s->nunits];
    memset(d, 0, sizeof *d);
    d->id = cu_scenario_str(s, u->id);
    d->name = cu_scenario_str(s, u->name ? u->name : u->id);
    d->follows = u->follows ? cu_scenario_str(s, u->follows) : NULL;
    if (!d->id || !d->name || (u->follows && !d->follows))
        return cu_enomem(err); /* what was copied is freed with the scenario */
    d->kind = (int)u->kind;
    d->capacity = u->capacity;
    d->has_base_load = u->has_base_load ? 1 : 0;
    d->base_load = u->has_base_load ? u->base_load : 1.0;
    d->has_min_load = u->has_min_load ? 1 : 0;
    d->min_load = u->has_min_load ? u->min_load : 0.0;
    d->value = u->value;
    d->has_ef = u->has_ef ? 1 : 0;
    d->has_baseline = u->has_baseline ? 1 : 0;
    if (u->has_ef)
        memcpy(d->ef, u->ef, sizeof d->ef);
    if (u->has_baseline)
        memcpy(d->baseline, u->baseline_kgpd, sizeof d->baseline);
    memcpy(d->fixed, u->fixed_kgpd, sizeof d->fixed);
    d->interruptible = (signed char)u->interruptible;
    d->has_coke_oven = u->has_coke_oven ? 1 : 0;
    d->has_height = u->has_height ? 1 : 0;
    d->quenching = (unsigned char)u->quenching;
    d->height_m = u->height_m;
    d->coking_time_h = u->coking_time_h;
    d->max_coking_time_h = u->max_coking_time_h;
    d->ramp_h = u->has_ramp_h ? u->ramp_h : u->coking_time_h;
    d->has_boiler = u->has_boiler ? 1 : 0;
    d->fuel = (unsigned char)u->fuel;
    d->heating = u->heating ? 1 : 0;
    d->steam_tph = u->steam_tph;
    d->ultra_low = u->ultra_low ? 1 : 0;
    d->capu = (unsigned char)(u->capacity_unit ? cu_capu_from_name(u->capacity_unit) : 0);
    d->enterprise = s->nents - 1;
    d->leader = s->nunits;
    s->nunits++;
    s->ents[s->nents - 1].nunits++;
    s->checked = 0;
    return CURTAIL_OK;
}

/* ---- accessors ------------------------------------------------------------------------ */

const char *curtail_scenario_name(const curtail_scenario *s)
{
    return s ? s->name : NULL;
}

size_t curtail_scenario_enterprise_count(const curtail_scenario *s)
{
    return s ? s->nents : 0;
}

size_t curtail_scenario_unit_count(const curtail_scenario *s)
{
    return s ? s->nunits : 0;
}

size_t curtail_scenario_warning_count(const curtail_scenario *s)
{
    return s ? s->nwarnings : 0;
}

const char *curtail_scenario_warning(const curtail_scenario *s, size_t i)
{
    return (s && i < s->nwarnings) ? s->warnings[i] : NULL;
}

const char *curtail_scenario_warning_text(const curtail_scenario *s, size_t i, curtail_lang lang)
{
    if (!s || i >= s->nwarnings)
        return NULL;
    if (lang == CURTAIL_LANG_DEFAULT)
        lang = (curtail_lang)s->lang;
    return lang == CURTAIL_LANG_ZH ? s->warnings_zh[i] : s->warnings[i];
}

const char *curtail_policy_default_yaml(void)
{
    return cu_policy_default_yaml;
}

/* ---- read-back: a loaded or built scenario's enterprises and units ---------------------- */

int curtail_scenario_enterprise(const curtail_scenario *s, size_t i, curtail_enterprise_spec *out,
                                curtail_error *err)
{
    const cu_enterprise *e;
    if (!s)
        return cu_einval(err, "curtail_scenario_enterprise: scenario is NULL");
    if (!out || (out->version != 1 && out->version != CURTAIL_ENTERPRISE_SPEC_VERSION))
        return cu_einval(err, "curtail_scenario_enterprise: out is NULL or of another version");
    if (i >= s->nents)
        return cu_einval(err, "curtail_scenario_enterprise: index %zu out of range (%zu enterprises)",
                         i, s->nents);
    e = &s->ents[i];
    out->id = e->id;
    out->name = e->name;
    out->credit_code = e->credit_code;
    out->town = e->town;
    out->industry = (curtail_industry)e->industry;
    out->grade = (curtail_grade)e->grade;
    out->guarantee = (curtail_guarantee)e->guarantee;
    out->phase_out = e->phase_out;
    if (out->version >= 2) { /* a version-1 struct ends at phase_out */
        out->address = e->address;
        out->industry_code = e->industry_code;
        out->contact_name = e->contact_name;
        out->contact_phone = e->contact_phone;
    }
    return CURTAIL_OK;
}

int curtail_scenario_unit(const curtail_scenario *s, size_t i, curtail_unit_spec *out,
                          size_t *enterprise, curtail_error *err)
{
    const cu_unit *u;
    if (!s)
        return cu_einval(err, "curtail_scenario_unit: scenario is NULL");
    if (!out || out->version < 1 || out->version > CURTAIL_UNIT_SPEC_VERSION)
        return cu_einval(err, "curtail_scenario_unit: out is NULL or of another version");
    if (i >= s->nunits)
        return cu_einval(err, "curtail_scenario_unit: index %zu out of range (%zu units)", i,
                         s->nunits);
    if (out->version < CURTAIL_UNIT_SPEC_VERSION) {
        /* fill a whole struct, hand an older caller its part */
        curtail_unit_spec full = CURTAIL_UNIT_SPEC_INIT;
        unsigned version = out->version;
        int rc = curtail_scenario_unit(s, i, &full, enterprise, err);
        if (rc == CURTAIL_OK) {
            full.version = version;
            memcpy(out, &full, unit_spec_size(version));
        }
        return rc;
    }
    u = &s->units[i];
    out->id = u->id;
    out->name = u->name;
    out->kind = (curtail_kind)u->kind;
    out->capacity = u->capacity;
    out->has_base_load = u->has_base_load;
    out->base_load = u->base_load;
    out->has_min_load = u->has_min_load;
    out->min_load = u->min_load;
    out->value = u->value;
    out->has_ef = u->has_ef;
    memcpy(out->ef, u->ef, sizeof out->ef);
    out->has_baseline = u->has_baseline;
    memcpy(out->baseline_kgpd, u->baseline, sizeof out->baseline_kgpd);
    memcpy(out->fixed_kgpd, u->fixed, sizeof out->fixed_kgpd);
    out->interruptible = u->interruptible;
    out->follows = u->follows;
    out->has_coke_oven = u->has_coke_oven;
    out->has_height = u->has_height;
    out->height_m = u->height_m;
    out->quenching = (curtail_quenching)u->quenching;
    out->coking_time_h = u->coking_time_h;
    out->max_coking_time_h = u->max_coking_time_h;
    out->has_boiler = u->has_boiler;
    out->fuel = (curtail_fuel)u->fuel;
    out->steam_tph = u->steam_tph;
    out->heating = u->heating;
    /* the ramp is stored resolved (its default is the normal coking time) */
    out->has_ramp_h = u->has_coke_oven;
    out->ramp_h = u->has_coke_oven ? u->ramp_h : 0.0;
    out->capacity_unit = cu_capu_names[u->capu];
    out->ultra_low = u->ultra_low;
    if (enterprise)
        *enterprise = u->enterprise;
    return CURTAIL_OK;
}
