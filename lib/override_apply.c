/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * override_apply.c — an override applied by its path (override.c parses the
 * value and reads it strictly): targets, extra, policy+, and enterprises and
 * units, the latter validated through a scratch scenario by the builders'
 * checks, so the message is the loader's for the same YAML.
 */
#include "override.h"
#include "rule_schema.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- targets, extra, policy ---------------------------------------------------------- */

static int set_ratio_level(const ov *o, int L, const double r[CU_NP])
{
    curtail_error be;
    int rc = curtail_scenario_set_ratios(o->s, (curtail_level)L, r, &be);
    return rc ? cu_ov_builder(o, rc, &be) : CURTAIL_OK;
}

static int ov_policy_add(const ov *o, const char *value)
{
    /* the rule (or list of rules) read by the loader's own rule parser */
    cu_buf b;
    cu_rule *rules = NULL;
    size_t n = 0, i;
    curtail_error pe;
    int rc;
    const char *v = value ? value : "";
    while (*v == ' ')
        v++;
    if (o->t.has_root && yt_at(&o->t, o->root)->type != YT_MAP &&
        yt_at(&o->t, o->root)->type != YT_SEQ)
        return cu_ov_wrong_type(o, o->root, NULL, "a rule (a mapping) or a list of rules");
    if (!o->has_value)
        return cu_ov_wrong_type(o, NO_NODE, NULL, "a rule (a mapping) or a list of rules");
    cu_buf_init(&b, o->s->mem);
    cu_buf_puts(&b, "curtail_policy: 1\nrules: ");
    if (*v != '[')
        cu_buf_puts(&b, "[");
    cu_buf_puts(&b, v);
    if (*v != '[')
        cu_buf_puts(&b, "]");
    cu_buf_puts(&b, "\n");
    if (b.failed) {
        cu_buf_free(&b);
        return cu_enomem(o->err);
    }
    rc = cu_policy_parse(o->s->mem, b.data, b.len, "", &o->s->places, &rules, &n, &pe);
    cu_buf_free(&b);
    if (rc != CURTAIL_OK) {
        char sub[600];
        /* "rules[i].max_load" -> "policy+[i].max_load" (".max_load" for one rule) */
        const char *rest = strncmp(pe.path, "rules", 5) == 0 ? pe.path + 5 : pe.path;
        if (*v != '[' && strncmp(rest, "[0]", 3) == 0)
            rest += 3;
        snprintf(sub, sizeof sub, "%s", rest);
        if (rc == CURTAIL_ENOMEM)
            return cu_enomem(o->err);
        return cu_ov_fail(o, sub, "%s", pe.message);
    }
    for (i = 0; i < n; i++) {
        curtail_error be;
        if ((rc = curtail_scenario_add_rule(o->s, &rules[i].r, &be)) != CURTAIL_OK) {
            cu_free(o->s->mem, rules);
            return cu_ov_builder(o, rc, &be);
        }
        o->s->rules[o->s->nrules - 1].pos = o->pos;
        o->s->rules[o->s->nrules - 1].zones = rules[i].zones;
        o->s->rules[o->s->nrules - 1].towns = rules[i].towns;
        o->s->rules[o->s->nrules - 1].seasons = rules[i].seasons;
    }
    cu_free(o->s->mem, rules);
    return CURTAIL_OK;
}

/* Everything but enterprises and units: `rest` is the path after the first word. */
int cu_ov_scenario(const ov *o, const char *path, const char *value)
{
    curtail_scenario *s = o->s;
    curtail_error be;
    int rc, w = 0, L = 0, p = 0;
    double v;
    if ((rc = cu_ov_scenario_more(o, path)) != CU_OV_NOMATCH)
        return rc;
    if (strcmp(path, "name") == 0) {
        const char *name;
        if ((rc = cu_ov_rd_string(o, o->root, NULL, &name)) != CURTAIL_OK)
            return rc;
        rc = curtail_scenario_set_name(s, name, &be);
        return rc ? cu_ov_builder(o, rc, &be) : CURTAIL_OK;
    }
    if (strcmp(path, "lang") == 0) {
        if ((rc = cu_ov_rd_word(o, o->root, NULL, &LANGS, &w)) != CURTAIL_OK)
            return rc;
        return curtail_scenario_set_lang(s, w ? CURTAIL_LANG_EN : CURTAIL_LANG_ZH, o->err);
    }
    if (strcmp(path, "builtin_policy") == 0) {
        if ((rc = cu_ov_rd_bool(o, o->root, NULL, &w)) != CURTAIL_OK)
            return rc;
        return curtail_scenario_set_builtin_policy(s, w, o->err);
    }
    if (strcmp(path, "policy+") == 0)
        return ov_policy_add(o, value);
    if (strcmp(path, "targets.base") == 0) {
        if ((rc = cu_ov_rd_word(o, o->root, NULL, &BASES, &w)) != CURTAIL_OK)
            return rc;
        rc = curtail_scenario_set_target_base(s, (curtail_base)w, s->has_totals ? s->totals : NULL,
                                              &be);
        return rc ? cu_ov_builder(o, rc, &be) : CURTAIL_OK;
    }
    if (strncmp(path, "targets.totals_kgpd", 19) == 0 &&
        (path[19] == '\0' || path[19] == '.')) {
        double t[CU_NP];
        memcpy(t, s->totals, sizeof t);
        if (path[19] == '.') {
            if ((rc = cu_ov_path_word(o, path + 20, &POLLUTANTS, &p)) != CURTAIL_OK ||
                (rc = cu_ov_rd_number(o, o->root, NULL, &t[p])) != CURTAIL_OK)
                return rc;
        } else if ((rc = cu_ov_rd_pollutants(o, o->has_value ? o->root : NO_NODE, t)) != CURTAIL_OK)
            return rc;
        rc = curtail_scenario_set_target_base(s, (curtail_base)s->base, t, &be);
        return rc ? cu_ov_builder(o, rc, &be) : CURTAIL_OK;
    }
    if (strncmp(path, "targets.ratios.", 15) == 0) {
        char lvl[32];
        const char *dot = strchr(path + 15, '.');
        double r[CU_NP];
        size_t n = dot ? (size_t)(dot - (path + 15)) : strlen(path + 15);
        snprintf(lvl, sizeof lvl, "%.*s", (int)(n < 31 ? n : 31), path + 15);
        if ((rc = cu_ov_path_word(o, lvl, &LEVELS, &L)) != CURTAIL_OK)
            return rc;
        memcpy(r, s->ratios[L], sizeof r);
        if (dot) {
            if ((rc = cu_ov_path_word(o, dot + 1, &POLLUTANTS, &p)) != CURTAIL_OK ||
                (rc = cu_ov_rd_number(o, o->root, NULL, &v)) != CURTAIL_OK)
                return rc;
            r[p] = v;
            if (!(v >= 0 && v < 1))
                return cu_ov_fail(o, NULL, "must be in [0, 1), got %.15g", v);
        } else if ((rc = cu_ov_rd_pollutants(o, o->has_value ? o->root : NO_NODE, r)) != CURTAIL_OK)
            return rc;
        return set_ratio_level(o, L, r);
    }
    if (strcmp(path, "extra.grades") == 0) {
        unsigned mask = 0;
        uint32_t i, n;
        if (!o->has_value || yt_at(&o->t, o->root)->type != YT_SEQ)
            return cu_ov_wrong_type(o, o->has_value ? o->root : NO_NODE, NULL, "a list of grades");
        n = yt_count(&o->t, o->root);
        for (i = 0; i < n; i++) {
            char sub[32];
            snprintf(sub, sizeof sub, "[%u]", (unsigned)i);
            if ((rc = cu_ov_rd_word(o, yt_kid(&o->t, o->root, i), sub, &GRADES, &w)) != CURTAIL_OK)
                return rc;
            if (mask & (1u << w))
                return cu_ov_fail(o, sub, "grade %s is listed twice",
                               curtail_grade_name((curtail_grade)w));
            mask |= 1u << w;
        }
        return curtail_scenario_set_extra_grades(s, mask, o->err);
    }
    if (strncmp(path, "extra.weights", 13) == 0 && (path[13] == '\0' || path[13] == '.')) {
        double wt[CURTAIL_NGRADES];
        memcpy(wt, s->weights, sizeof wt);
        if (path[13] == '.') {
            if ((rc = cu_ov_path_word(o, path + 14, &GRADES, &w)) != CURTAIL_OK ||
                (rc = cu_ov_rd_number(o, o->root, NULL, &wt[w])) != CURTAIL_OK)
                return rc;
        } else {
            uint32_t i, pairs;
            if (!o->has_value || yt_at(&o->t, o->root)->type != YT_MAP)
                return cu_ov_wrong_type(o, o->has_value ? o->root : NO_NODE, NULL, "a mapping");
            pairs = yt_count(&o->t, o->root);
            for (i = 0; i < pairs; i++) {
                uint32_t k = yt_kid(&o->t, o->root, 2 * i);
                char sub[80];
                snprintf(sub, sizeof sub, ".%s", yt_str(&o->t, k));
                if ((rc = cu_ov_rd_word(o, k, sub, &GRADES, &w)) != CURTAIL_OK)
                    return rc;
                if ((rc = cu_ov_rd_number(o, yt_kid(&o->t, o->root, 2 * i + 1), sub, &wt[w])))
                    return rc;
            }
        }
        rc = curtail_scenario_set_extra_weights(s, wt, &be);
        return rc ? cu_ov_builder(o, rc, &be) : CURTAIL_OK;
    }
    return cu_ov_fail(o, NULL,
                   "unknown override; expected name, lang, builtin_policy, targets.base, "
                   "targets.totals_kgpd[.P], targets.ratios.LEVEL[.P], extra.grades, "
                   "extra.weights[.GRADE], policy+, season, episode.season, "
                   "targets.credits_kgpd[.LEVEL[.P]], targets.combined[I].ratio, "
                   "transport_factors[.CLASS[.P]], enterprise.ID.FIELD, enterprise.ID-, "
                   "unit.ENT.UNIT.FIELD or unit.ENT.UNIT-");
}

/* ---- enterprises and units ----------------------------------------------------------- */

static size_t find_ent(const curtail_scenario *s, const char *id, size_t n)
{
    size_t e;
    for (e = 0; e < s->nents; e++)
        if (strncmp(s->ents[e].id, id, n) == 0 && s->ents[e].id[n] == '\0')
            return e;
    return (size_t)-1;
}

static size_t find_unit(const curtail_scenario *s, size_t e, const char *id, size_t n)
{
    size_t i;
    for (i = 0; i < s->ents[e].nunits; i++) {
        const char *uid = s->units[s->ents[e].first_unit + i].id;
        if (strncmp(uid, id, n) == 0 && uid[n] == '\0')
            return s->ents[e].first_unit + i;
    }
    return (size_t)-1;
}

/* The builder checks of a changed enterprise (all its units, or only `one`). */
static int validate(const ov *o, const curtail_enterprise_spec *es, const curtail_unit_spec *one,
                    size_t e)
{
    curtail_scenario *tmp = NULL;
    curtail_error be;
    size_t i;
    int rc = curtail_scenario_new(&tmp, o->s->mem, &be);
    if (rc == CURTAIL_OK)
        rc = curtail_scenario_add_enterprise(tmp, es, &be);
    if (rc == CURTAIL_OK && one)
        rc = curtail_scenario_add_unit(tmp, one, &be);
    for (i = 0; rc == CURTAIL_OK && !one && i < o->s->ents[e].nunits; i++) {
        curtail_unit_spec us = CURTAIL_UNIT_SPEC_INIT;
        rc = curtail_scenario_unit(o->s, o->s->ents[e].first_unit + i, &us, NULL, &be);
        if (rc == CURTAIL_OK)
            rc = curtail_scenario_add_unit(tmp, &us, &be);
    }
    curtail_scenario_free(tmp);
    return rc ? cu_ov_builder(o, rc, &be) : CURTAIL_OK;
}

static int refuse_live(const ov *o)
{
    size_t n = atomic_load(&o->s->live_results);
    if (n)
        return cu_einval(o->err, "curtail_scenario_override: %zu result%s of this scenario %s "
                                 "alive; free %s first (curtail_result_free)",
                         n, n == 1 ? "" : "s", n == 1 ? "is" : "are", n == 1 ? "it" : "them");
    return CURTAIL_OK;
}

static void remove_units(curtail_scenario *s, size_t first, size_t n)
{
    size_t i;
    memmove(&s->units[first], &s->units[first + n], (s->nunits - first - n) * sizeof *s->units);
    s->nunits -= n;
    for (i = 0; i < s->nents; i++)
        if (s->ents[i].first_unit > first)
            s->ents[i].first_unit -= n;
}

static int ov_remove_ent(const ov *o, size_t e)
{
    curtail_scenario *s = o->s;
    size_t i;
    int rc;
    if ((rc = refuse_live(o)) != CURTAIL_OK)
        return rc;
    remove_units(s, s->ents[e].first_unit, s->ents[e].nunits);
    memmove(&s->ents[e], &s->ents[e + 1], (s->nents - e - 1) * sizeof *s->ents);
    s->nents--;
    for (i = 0; i < s->nunits; i++)
        if (s->units[i].enterprise > e)
            s->units[i].enterprise--;
    s->checked = 0;
    return CURTAIL_OK;
}

static int ov_enterprise_field(const ov *o, size_t e, const char *field)
{
    curtail_scenario *s = o->s;
    cu_enterprise *en = &s->ents[e];
    curtail_enterprise_spec es = CURTAIL_ENTERPRISE_SPEC_INIT;
    const char *str = NULL;
    int w, rc;
    if ((rc = cu_ov_enterprise_more(o, e, field)) != CU_OV_NOMATCH)
        return rc;
    if ((rc = curtail_scenario_enterprise(s, e, &es, o->err)) != CURTAIL_OK)
        return rc;
    if (strcmp(field, "name") == 0 || strcmp(field, "town") == 0 ||
        strcmp(field, "credit_code") == 0) {
        if ((rc = cu_ov_rd_string(o, o->root, NULL, &str)) != CURTAIL_OK)
            return rc;
        if (field[0] == 'n')
            es.name = str;
        else if (field[0] == 't')
            es.town = str;
        else
            es.credit_code = str;
    } else if (strcmp(field, "industry") == 0) {
        if ((rc = cu_ov_rd_word(o, o->root, NULL, &INDUSTRIES, &w)) != CURTAIL_OK)
            return rc;
        es.industry = (curtail_industry)w;
    } else if (strcmp(field, "grade") == 0) {
        if ((rc = cu_ov_rd_word(o, o->root, NULL, &GRADES, &w)) != CURTAIL_OK)
            return rc;
        es.grade = (curtail_grade)w;
    } else if (strcmp(field, "guarantee") == 0) {
        if ((rc = cu_ov_rd_word(o, o->root, NULL, &GUARANTEES, &w)) != CURTAIL_OK)
            return rc;
        es.guarantee = (curtail_guarantee)w;
    } else if (strcmp(field, "phase_out") == 0) {
        if ((rc = cu_ov_rd_bool(o, o->root, NULL, &w)) != CURTAIL_OK)
            return rc;
        es.phase_out = w;
    } else {
        return cu_ov_fail(o, NULL, "unknown enterprise field \"%s\", expected one of: name, "
                                "credit_code, town, industry, grade, guarantee, phase_out, "
                                "trucks_per_day[.CLASS], gate_monitoring, zones",
                       field);
    }
    if ((rc = validate(o, &es, NULL, e)) != CURTAIL_OK)
        return rc;
    if (str) {
        char *d = cu_scenario_str(s, str);
        if (!d)
            return cu_enomem(o->err);
        if (field[0] == 'n')
            en->name = d;
        else if (field[0] == 't')
            en->town = d;
        else
            en->credit_code = d;
    }
    en->industry = (int)es.industry;
    en->grade = (int)es.grade;
    en->guarantee = (int)es.guarantee;
    en->phase_out = es.phase_out ? 1 : 0;
    s->checked = 0;
    return CURTAIL_OK;
}

/* pollutant map fields of a unit: "ef", "ef.SO2", ... */
static int unit_pollutants(const ov *o, const char *field, const char *key, double v[CU_NP],
                           int *hit)
{
    size_t n = strlen(key);
    int p = 0, rc;
    if (strncmp(field, key, n) != 0 || (field[n] != '\0' && field[n] != '.'))
        return CURTAIL_OK;
    *hit = 1;
    if (field[n] == '.') {
        if ((rc = cu_ov_path_word(o, field + n + 1, &POLLUTANTS, &p)) != CURTAIL_OK)
            return rc;
        return cu_ov_rd_number(o, o->root, NULL, &v[p]);
    }
    return cu_ov_rd_pollutants(o, o->has_value ? o->root : NO_NODE, v);
}

static int ov_unit_field(const ov *o, size_t e, size_t u, const char *field)
{
    curtail_scenario *s = o->s;
    cu_unit *un = &s->units[u];
    curtail_enterprise_spec es = CURTAIL_ENTERPRISE_SPEC_INIT;
    curtail_unit_spec us = CURTAIL_UNIT_SPEC_INIT;
    const char *str = NULL;
    int rc, w, hit = 0, which = 0;
    double *num = NULL;
    if ((rc = curtail_scenario_enterprise(s, e, &es, o->err)) != CURTAIL_OK ||
        (rc = curtail_scenario_unit(s, u, &us, NULL, o->err)) != CURTAIL_OK)
        return rc;
    if (strcmp(field, "name") == 0) {
        if ((rc = cu_ov_rd_string(o, o->root, NULL, &str)) != CURTAIL_OK)
            return rc;
        us.name = str;
        which = 1;
    } else if (strcmp(field, "follows") == 0) {
        if (o->has_value && (rc = cu_ov_rd_id(o, o->root, NULL, &str)) != CURTAIL_OK)
            return rc;
        us.follows = str; /* null: follows nothing */
        which = 2;
    } else if (strcmp(field, "capacity") == 0)
        num = &us.capacity;
    else if (strcmp(field, "base_load") == 0) {
        num = &us.base_load;
        us.has_base_load = 1;
    } else if (strcmp(field, "min_load") == 0) {
        num = &us.min_load;
        us.has_min_load = 1;
    } else if (strcmp(field, "value") == 0)
        num = &us.value;
    else if (strcmp(field, "coke_oven.height_m") == 0) {
        num = &us.height_m;
        us.has_height = 1;
    } else if (strcmp(field, "coke_oven.coking_time_h") == 0)
        num = &us.coking_time_h;
    else if (strcmp(field, "coke_oven.max_coking_time_h") == 0)
        num = &us.max_coking_time_h;
    else if (strcmp(field, "coke_oven.ramp_h") == 0)
        num = &us.ramp_h;
    else if (strcmp(field, "boiler.steam_tph") == 0) {
        num = &us.steam_tph;
        us.has_boiler = 1;
    } else if (strcmp(field, "interruptible") == 0) {
        if ((rc = cu_ov_rd_bool(o, o->root, NULL, &w)) != CURTAIL_OK)
            return rc;
        us.interruptible = w;
    } else if (strcmp(field, "coke_oven.quenching") == 0) {
        if ((rc = cu_ov_rd_word(o, o->root, NULL, &QUENCHINGS, &w)) != CURTAIL_OK)
            return rc;
        us.quenching = (curtail_quenching)(w + 1);
    } else if (strcmp(field, "boiler.fuel") == 0) {
        if ((rc = cu_ov_rd_word(o, o->root, NULL, &FUELS, &w)) != CURTAIL_OK)
            return rc;
        us.fuel = (curtail_fuel)w;
        us.has_boiler = 1;
    } else if (strcmp(field, "boiler.heating") == 0) {
        if ((rc = cu_ov_rd_bool(o, o->root, NULL, &w)) != CURTAIL_OK)
            return rc;
        us.heating = w;
        us.has_boiler = 1;
    } else if (strcmp(field, "boiler.ultra_low") == 0) {
        if ((rc = cu_ov_rd_bool(o, o->root, NULL, &w)) != CURTAIL_OK)
            return rc;
        us.ultra_low = w;
        us.has_boiler = 1;
    } else {
        if ((rc = unit_pollutants(o, field, "ef", us.ef, &hit)) != CURTAIL_OK)
            return rc;
        if (hit) {
            us.has_ef = 1;
            us.has_baseline = 0;
        } else if ((rc = unit_pollutants(o, field, "baseline_kgpd", us.baseline_kgpd, &hit)) !=
                   CURTAIL_OK)
            return rc;
        else if (hit) {
            us.has_baseline = 1;
            us.has_ef = 0;
        } else if ((rc = unit_pollutants(o, field, "fixed_kgpd", us.fixed_kgpd, &hit)) !=
                   CURTAIL_OK)
            return rc;
        if (!hit)
            return cu_ov_fail(o, NULL,
                           "unknown unit field \"%s\", expected one of: name, capacity, "
                           "base_load, min_load, value, interruptible, follows, ef[.P], "
                           "baseline_kgpd[.P], fixed_kgpd[.P], coke_oven.height_m, "
                           "coke_oven.quenching, coke_oven.coking_time_h, "
                           "coke_oven.max_coking_time_h, coke_oven.ramp_h, boiler.fuel, "
                           "boiler.steam_tph, boiler.heating, boiler.ultra_low",
                           field);
    }
    if (num && (rc = cu_ov_rd_number(o, o->root, NULL, num)) != CURTAIL_OK)
        return rc;
    if ((strncmp(field, "coke_oven.", 10) == 0) && !un->has_coke_oven)
        return cu_ov_fail(o, NULL, "unit '%s' has no coke_oven block", un->id);
    if ((rc = validate(o, &es, &us, e)) != CURTAIL_OK)
        return rc;
    if (str && which) {
        char *d = cu_scenario_str(s, str);
        if (!d)
            return cu_enomem(o->err);
        if (which == 1)
            un->name = d;
        else
            un->follows = d;
    } else if (which == 2)
        un->follows = NULL;
    un->capacity = us.capacity;
    un->has_base_load = (unsigned char)us.has_base_load;
    un->base_load = us.has_base_load ? us.base_load : 1.0;
    un->has_min_load = (unsigned char)us.has_min_load;
    un->min_load = us.min_load;
    un->value = us.value;
    if ((un->has_ef = (unsigned char)us.has_ef) != 0)
        memcpy(un->ef, us.ef, sizeof un->ef);
    if ((un->has_baseline = (unsigned char)us.has_baseline) != 0)
        memcpy(un->baseline, us.baseline_kgpd, sizeof un->baseline);
    memcpy(un->fixed, us.fixed_kgpd, sizeof un->fixed);
    un->interruptible = (signed char)us.interruptible;
    un->has_height = (unsigned char)us.has_height;
    un->height_m = us.height_m;
    un->quenching = (unsigned char)us.quenching;
    un->coking_time_h = us.coking_time_h;
    un->max_coking_time_h = us.max_coking_time_h;
    if (un->has_coke_oven) /* the read-back has a ramp only for coke ovens */
        un->ramp_h = us.ramp_h;
    un->has_boiler = (unsigned char)us.has_boiler;
    un->fuel = (unsigned char)us.fuel;
    un->steam_tph = us.steam_tph;
    un->heating = (unsigned char)us.heating;
    un->ultra_low = us.ultra_low ? 1 : 0;
    s->checked = 0;
    return CURTAIL_OK;
}

/* enterprise.ID.FIELD / enterprise.ID- (ids may hold dots: the longest id that exists). */
int cu_ov_enterprise(const ov *o, const char *rest, int remove)
{
    const curtail_scenario *s = o->s;
    size_t len = strlen(rest), e;
    const char *dot;
    if (remove) {
        if ((e = find_ent(s, rest, len)) == (size_t)-1)
            return cu_ov_fail(o, NULL, "no enterprise '%s'", rest);
        return ov_remove_ent(o, e);
    }
    /* FIELD follows the longest id that exists (trucks_per_day.CLASS has a dot);
     * with none, the id before the last dot is the one named as missing */
    for (dot = strrchr(rest, '.'), e = (size_t)-1; dot; dot--) {
        if (*dot == '.' && (e = find_ent(s, rest, (size_t)(dot - rest))) != (size_t)-1)
            break;
        if (dot == rest)
            break;
    }
    if (e == (size_t)-1)
        dot = strrchr(rest, '.');
    if (!dot || e == (size_t)-1) {
        char id[128];
        snprintf(id, sizeof id, "%.*s", dot ? (int)(dot - rest) : (int)len, rest);
        if (!dot)
            return cu_ov_fail(o, NULL, "expected enterprise.ID.FIELD or enterprise.ID-");
        return cu_ov_fail(o, NULL, "no enterprise '%s'", id);
    }
    return ov_enterprise_field(o, e, dot + 1);
}

/* unit.ENT.UNIT.FIELD / unit.ENT.UNIT-: the first split that names an existing unit. */
int cu_ov_unit(const ov *o, const char *rest, int remove)
{
    const curtail_scenario *s = o->s;
    const char *d1;
    for (d1 = strchr(rest, '.'); d1; d1 = strchr(d1 + 1, '.')) {
        size_t e = find_ent(s, rest, (size_t)(d1 - rest)), u;
        const char *uid = d1 + 1, *d2;
        if (e == (size_t)-1)
            continue;
        if (remove) {
            if ((u = find_unit(s, e, uid, strlen(uid))) == (size_t)-1)
                continue;
            {
                int rc = refuse_live(o);
                curtail_scenario *sm = o->s;
                if (rc)
                    return rc;
                remove_units(sm, u, 1);
                sm->ents[e].nunits--;
                sm->checked = 0;
                return CURTAIL_OK;
            }
        }
        for (d2 = strchr(uid, '.'); d2; d2 = strchr(d2 + 1, '.'))
            if ((u = find_unit(s, e, uid, (size_t)(d2 - uid))) != (size_t)-1)
                return ov_unit_field(o, e, u, d2 + 1);
        return cu_ov_fail(o, NULL, "no unit '%s' in enterprise '%s' (expected unit.ENT.UNIT.FIELD)",
                       uid, s->ents[e].id);
    }
    return cu_ov_fail(o, NULL, "no such enterprise and unit (expected unit.ENT.UNIT.FIELD)");
}

/* Parse `value` as YAML (or null) into o->t. */
