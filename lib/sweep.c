/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sweep.c — many variants of one parsed scenario: the base, the YAML's
 * variants and the cartesian product of swept overrides, each solved on a
 * copy of the base and re-solved from the base's optimum (cu_warm), on
 * several threads, a deterministic slice (shard) at a time.
 *
 * Output bytes never depend on the threads: every case starts from the same
 * base and the same warm start, lands in its own slot, and the table is
 * written afterwards in case order.
 */
#define _POSIX_C_SOURCE 200809L
#include "sweep.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SET_VALUES 100000
#define MAX_CASES ((size_t)10000000)

const char *curtail_case_status_name(curtail_case_status st)
{
    static const char *const names[] = {"optimal", "targets_unmet", "invalid", "failed",
                                        "canceled"};
    return (int)st >= 0 && st < CURTAIL_CASE_NSTATUS ? names[st] : "unknown";
}

void curtail_buffer_free(char *buf)
{
    free(buf);
}

int curtail_sweep_new(const curtail_scenario *s, const curtail_sweep_options *opts,
                      curtail_sweep **out, curtail_error *err)
{
    curtail_sweep *w;
    curtail_sweep_options def = CURTAIL_SWEEP_OPTIONS_INIT;
    if (!out)
        return cu_einval(err, "curtail_sweep_new: out is NULL");
    *out = NULL;
    if (!s)
        return cu_einval(err, "curtail_sweep_new: scenario is NULL");
    if (!s->checked)
        return cu_einval(err, "curtail_sweep_new: the scenario is not checked "
                              "(curtail_scenario_check)");
    if (opts && (opts->version == 0 || opts->version > CURTAIL_SWEEP_OPTIONS_VERSION))
        return cu_einval(err, "curtail_sweep_options: unknown version %u", opts->version);
    if (opts && opts->nshards > 1 && opts->shard >= opts->nshards)
        return cu_einval(err, "curtail_sweep_options: shard %u of %u (shards count from 0)",
                         opts->shard, opts->nshards);
    if (opts && opts->threads > 256)
        return cu_einval(err, "curtail_sweep_options: at most 256 threads, got %d",
                         opts->threads);
    if (!(w = cu_calloc(s->mem, 1, sizeof *w)))
        return cu_enomem(err);
    w->s = s;
    w->mem = s->mem;
    w->o = opts ? *opts : def;
    w->nbase = 1 + (w->o.variants ? curtail_scenario_variant_count(s) : 0);
    *out = w;
    return CURTAIL_OK;
}

static void free_cases(curtail_sweep *w)
{
    size_t i;
    int L;
    if (!w->cases)
        return;
    for (i = 0; i < w->end - w->first; i++) {
        cu_free(w->mem, w->cases[i].message);
        for (L = 0; L < CU_NL; L++)
            cu_free(w->mem, w->cases[i].changed[L]);
    }
    cu_free(w->mem, w->cases);
    w->cases = NULL;
}

/* A set's values and path (not the set itself, an element of w->sets). */
static void free_set(curtail_sweep *w, sw_set *st)
{
    size_t j;
    for (j = 0; j < st->nvalues; j++)
        cu_free(w->mem, st->values[j]);
    cu_free(w->mem, st->values);
    cu_free(w->mem, st->path);
}

void curtail_sweep_free(curtail_sweep *w)
{
    size_t i;
    if (!w)
        return;
    free_cases(w);
    for (i = 0; i < w->nsets; i++)
        free_set(w, &w->sets[i]);
    cu_free(w->mem, w->sets);
    cu_free(w->mem, w->base_load);
    cu_free(w->mem, w->base_ids);
    cu_free(w->mem, w->base_idx);
    cu_free(w->mem, w);
}

size_t cu_sweep_ncases(const curtail_sweep *w)
{
    size_t n = w->nbase, i;
    for (i = 0; i < w->nsets; i++)
        n *= w->sets[i].nvalues;
    return n;
}

size_t curtail_sweep_case_count(const curtail_sweep *w)
{
    return w ? cu_sweep_ncases(w) : 0;
}

size_t cu_sweep_decode(const curtail_sweep *w, size_t k, size_t *vidx)
{
    size_t i = w->nsets;
    while (i-- > 0) {
        vidx[i] = k % w->sets[i].nvalues;
        k /= w->sets[i].nvalues;
    }
    return k;
}

const char *cu_sweep_variant_name(const curtail_sweep *w, size_t b)
{
    return b == 0 ? "base" : curtail_scenario_variant_name(w->s, b - 1);
}

/* ---- sets ----------------------------------------------------------------------------- */

static int decimals_of(const char *s)
{
    const char *dot = strchr(s, '.');
    int n = 0;
    if (!dot)
        return 0;
    for (dot++; *dot >= '0' && *dot <= '9'; dot++)
        n++;
    return n;
}

static int parse_num(const char *s, size_t n, double *out)
{
    char buf[64], *end;
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    if (strchr(buf, ',') || strchr(buf, 'x') || strchr(buf, 'X') || strchr(buf, 'n') ||
        strchr(buf, 'N'))
        return -1; /* no hex, inf or nan; a comma is the locale's business */
    *out = strtod(buf, &end);
    return *end == '\0' && isfinite(*out) ? 0 : -1;
}

static int push_value(curtail_sweep *w, sw_set *st, const char *v, size_t n, curtail_error *err)
{
    char **vals;
    if (st->nvalues >= MAX_SET_VALUES)
        return cu_error(err, CURTAIL_EINPUT, NULL, (cu_pos){0, 0}, st->path,
                        "more than %d values", MAX_SET_VALUES);
    vals = cu_reallocarray(w->mem, st->values, st->nvalues + 1, sizeof *vals);
    if (!vals)
        return cu_enomem(err);
    st->values = vals;
    if (!(vals[st->nvalues] = cu_strndup(w->mem, v, n)))
        return cu_enomem(err);
    st->nvalues++;
    return CURTAIL_OK;
}

/* "A:B:STEP" (three numbers) into values written with the decimals given. */
static int range_values(curtail_sweep *w, sw_set *st, const char *v, int *is_range,
                        curtail_error *err)
{
    const char *c1 = strchr(v, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    double a, b, step;
    int dec, rc;
    size_t i, n;
    *is_range = 0;
    if (!c1 || !c2 || strchr(c2 + 1, ':') || strpbrk(v, "[]{}\"'"))
        return CURTAIL_OK;
    if (parse_num(v, (size_t)(c1 - v), &a) || parse_num(c1 + 1, (size_t)(c2 - c1 - 1), &b) ||
        parse_num(c2 + 1, strlen(c2 + 1), &step))
        return CURTAIL_OK; /* not numbers: a value such as "10:00" */
    *is_range = 1;
    if (!(step > 0) || b < a)
        return cu_error(err, CURTAIL_EINPUT, NULL, (cu_pos){0, 0}, st->path,
                        "a range A:B:STEP needs A <= B and STEP > 0, got %s", v);
    if ((b - a) / step + 1 > MAX_SET_VALUES)
        return cu_error(err, CURTAIL_EINPUT, NULL, (cu_pos){0, 0}, st->path,
                        "the range %s has more than %d values", v, MAX_SET_VALUES);
    n = (size_t)floor((b - a) / step + 1e-6) + 1;
    dec = decimals_of(v);
    if (decimals_of(c1 + 1) > dec)
        dec = decimals_of(c1 + 1);
    if (decimals_of(c2 + 1) > dec)
        dec = decimals_of(c2 + 1);
    for (i = 0; i < n; i++) {
        char buf[64];
        cu_snprintf_c(buf, sizeof buf, "%.*f", dec, a + (double)i * step);
        if ((rc = push_value(w, st, buf, strlen(buf), err)) != CURTAIL_OK)
            return rc;
    }
    return CURTAIL_OK;
}

/* "V1,V2,..." with commas inside [...] / {...} / quotes kept. */
static int list_values(curtail_sweep *w, sw_set *st, const char *v, curtail_error *err)
{
    int depth = 0, rc;
    char q = 0;
    const char *start = v, *p;
    for (p = v;; p++) {
        if (*p == '\0' || (*p == ',' && depth == 0 && !q)) {
            if ((rc = push_value(w, st, start, (size_t)(p - start), err)) != CURTAIL_OK)
                return rc;
            if (*p == '\0')
                return CURTAIL_OK;
            start = p + 1;
        } else if (q) {
            if (*p == q)
                q = 0;
        } else if (*p == '"' || *p == '\'')
            q = *p;
        else if (*p == '[' || *p == '{')
            depth++;
        else if ((*p == ']' || *p == '}') && depth > 0)
            depth--;
    }
}

int curtail_sweep_add_set(curtail_sweep *w, const char *path, const char *values,
                          curtail_error *err)
{
    sw_set *sets, *st;
    curtail_scenario *probe = NULL;
    size_t i;
    int rc, is_range;
    if (!w || !path || !values)
        return cu_einval(err, "curtail_sweep_add_set: NULL argument");
    if (w->ran)
        return cu_einval(err, "curtail_sweep_add_set: the sweep has run");
    for (i = 0; i < w->nsets; i++)
        if (strcmp(w->sets[i].path, path) == 0)
            return cu_error(err, CURTAIL_EINPUT, NULL, (cu_pos){0, 0}, path,
                            "is swept twice; give all its values in one --set");
    sets = cu_reallocarray(w->mem, w->sets, w->nsets + 1, sizeof *sets);
    if (!sets)
        return cu_enomem(err);
    w->sets = sets;
    st = &sets[w->nsets];
    memset(st, 0, sizeof *st);
    if (!(st->path = cu_strdup(w->mem, path)))
        return cu_enomem(err);
    w->nsets++; /* freed with the sweep from here on */
    st->ratio = cu_override_keeps_check(path);
    if ((rc = range_values(w, st, values, &is_range, err)) != CURTAIL_OK)
        goto fail;
    if (!is_range && (rc = list_values(w, st, values, err)) != CURTAIL_OK)
        goto fail;
    if (cu_sweep_ncases(w) > MAX_CASES) {
        rc = cu_error(err, CURTAIL_EINPUT, NULL, (cu_pos){0, 0}, path,
                      "the sweep would have more than %zu cases", MAX_CASES);
        goto fail;
    }
    /* every value checked once on the base, so that a typo is a usage error
     * (a value may still fail on a variant: that case's row says so) */
    if ((rc = cu_scenario_clone_raw(w->s, &probe, err)) != CURTAIL_OK)
        goto fail;
    for (i = 0; i < st->nvalues; i++) {
        char shown[1200];
        snprintf(shown, sizeof shown, "%s", path);
        if ((rc = cu_override_at(probe, path, st->values[i], shown, err)) != CURTAIL_OK)
            break;
    }
    curtail_scenario_free(probe);
    if (rc == CURTAIL_OK)
        return CURTAIL_OK;
fail:
    w->nsets--;
    free_set(w, st);
    return rc;
}

int curtail_sweep_add_set_assign(curtail_sweep *w, const char *assignment, curtail_error *err)
{
    const char *eq;
    char path[1024];
    if (!w || !assignment)
        return cu_einval(err, "curtail_sweep_add_set_assign: NULL argument");
    eq = strchr(assignment, '=');
    if (!eq || eq == assignment || (size_t)(eq - assignment) >= sizeof path)
        return cu_error(err, CURTAIL_EINPUT, NULL, (cu_pos){0, 0}, assignment,
                        "expected PATH=V1,V2,... or PATH=A:B:STEP");
    memcpy(path, assignment, (size_t)(eq - assignment));
    path[eq - assignment] = '\0';
    return curtail_sweep_add_set(w, path, eq + 1, err);
}

/* ---- the base ------------------------------------------------------------------------- */

typedef struct id_sort {
    const char *id;
    size_t idx;
} id_sort;

static int cmp_ids(const void *a, const void *b)
{
    return strcmp(((const id_sort *)a)->id, ((const id_sort *)b)->id);
}

static double unit_load(const curtail_result *r, size_t u, int L)
{
    return r->load[r->groups->unit_group[u] * CU_NL + (size_t)L];
}

static int keep_base(curtail_sweep *w, const curtail_result *r, curtail_error *err)
{
    const curtail_scenario *s = w->s;
    id_sort *tmp;
    size_t u, e;
    int L;
    w->base_load = cu_calloc(w->mem, s->nunits * CU_NL + 1, sizeof *w->base_load);
    w->base_ids = cu_calloc(w->mem, s->nents + 1, sizeof *w->base_ids);
    w->base_idx = cu_calloc(w->mem, s->nents + 1, sizeof *w->base_idx);
    tmp = cu_calloc(w->mem, s->nents + 1, sizeof *tmp);
    if (!w->base_load || !w->base_ids || !w->base_idx || !tmp) {
        cu_free(w->mem, tmp);
        return cu_enomem(err);
    }
    for (u = 0; u < s->nunits; u++)
        for (L = 0; L < CU_NL; L++)
            w->base_load[u * CU_NL + (size_t)L] = unit_load(r, u, L);
    for (e = 0; e < s->nents; e++) {
        tmp[e].id = s->ents[e].id;
        tmp[e].idx = e;
    }
    qsort(tmp, s->nents, sizeof *tmp, cmp_ids);
    for (e = 0; e < s->nents; e++) {
        w->base_ids[e] = tmp[e].id;
        w->base_idx[e] = tmp[e].idx;
    }
    cu_free(w->mem, tmp);
    return CURTAIL_OK;
}

static size_t base_ent(const curtail_sweep *w, const char *id)
{
    size_t lo = 0, hi = w->s->nents;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(w->base_ids[mid], id);
        if (c == 0)
            return w->base_idx[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (size_t)-1;
}

/* The enterprises of c whose loads at L differ from the base's, then the
 * base's enterprises c no longer has. */
static int changed_list(const curtail_sweep *w, const curtail_scenario *c, const curtail_result *r,
                        int L, sw_case *out)
{
    const curtail_scenario *s = w->s;
    cu_buf b;
    unsigned char *seen = cu_calloc(w->mem, s->nents + 1, 1);
    size_t e, i, n = 0;
    if (!seen)
        return -1;
    cu_buf_init(&b, w->mem);
    for (e = 0; e < c->nents; e++) {
        const cu_enterprise *ce = &c->ents[e];
        size_t be = base_ent(w, ce->id);
        int diff = 0;
        if (be == (size_t)-1 || s->ents[be].nunits != ce->nunits)
            diff = 1;
        if (be != (size_t)-1)
            seen[be] = 1;
        for (i = 0; !diff && i < ce->nunits; i++) {
            size_t cu = ce->first_unit + i, bu = s->ents[be].first_unit + i;
            if (strcmp(c->units[cu].id, s->units[bu].id) != 0 ||
                fabs(unit_load(r, cu, L) - w->base_load[bu * CU_NL + (size_t)L]) > 1e-9)
                diff = 1;
        }
        if (diff) {
            if (n++)
                cu_buf_puts(&b, " ");
            cu_buf_puts(&b, ce->id);
        }
    }
    for (e = 0; e < s->nents; e++)
        if (!seen[e]) {
            if (n++)
                cu_buf_puts(&b, " ");
            cu_buf_puts(&b, s->ents[e].id);
        }
    cu_free(w->mem, seen);
    if (b.failed) {
        cu_buf_free(&b);
        return -1;
    }
    out->changed[L] = cu_strdup(w->mem, b.data ? b.data : "");
    out->nchanged[L] = n;
    cu_buf_free(&b);
    return out->changed[L] ? 0 : -1;
}

/* ---- one case ------------------------------------------------------------------------- */

typedef struct sw_run {
    curtail_sweep *w;
    pthread_mutex_t lock;
    size_t next;    /* the next case to take (under lock) */
    size_t done;
    atomic_int stop; /* canceled */
    int rc;          /* first fatal error (ENOMEM) */
} sw_run;

static int sweep_cancel(void *ctx)
{
    sw_run *run = ctx;
    const curtail_plan_options *po = &run->w->o.plan;
    if (atomic_load(&run->stop))
        return 1;
    return po->cancel && po->cancel(po->cancel_ctx);
}

static void case_message(const curtail_sweep *w, sw_case *out, int status, const char *prefix,
                         const curtail_error *err)
{
    char line[2048];
    curtail_error e = *err;
    if (e.file[0] == '\0' && e.line == 0 && prefix) {
        /* an error of a swept value: "--set PATH=VALUE: message" */
        snprintf(line, sizeof line, "--set %.1000s: %.1000s", prefix, e.message);
    } else {
        curtail_error_format(&e, line, sizeof line);
    }
    out->status = status;
    out->message = cu_strdup(w->mem, line);
}

/* Apply the case's overrides to c; 0, or the error (with the --set text in *which). */
static int apply_case(const curtail_sweep *w, curtail_scenario *c, size_t b, const size_t *vidx,
                      char *which, size_t nwhich, curtail_error *err)
{
    size_t j;
    int rc;
    which[0] = '\0';
    if (b > 0 && (rc = cu_apply_variant_index(c, w->s, b - 1, err)) != CURTAIL_OK)
        return rc;
    for (j = 0; j < w->nsets; j++) {
        const sw_set *st = &w->sets[j];
        snprintf(which, nwhich, "%s=%s", st->path, st->values[vidx[j]]);
        if ((rc = cu_override_at(c, st->path, st->values[vidx[j]], st->path, err)) != CURTAIL_OK)
            return rc;
    }
    which[0] = '\0';
    return CURTAIL_OK;
}

static int run_case(sw_run *run, curtail_scenario **fast, size_t k, sw_case *out)
{
    curtail_sweep *w = run->w;
    size_t vidx[64] = {0}, *vi = vidx, j;
    size_t b;
    int use_fast, rc, L;
    curtail_scenario *c = NULL;
    curtail_result *r = NULL;
    curtail_error err;
    curtail_plan_options po = w->o.plan;
    char which[1200];
    memset(&err, 0, sizeof err);
    if (w->nsets > 64 && !(vi = cu_calloc(w->mem, w->nsets, sizeof *vi)))
        return CURTAIL_ENOMEM;
    b = cu_sweep_decode(w, k, vi);
    /* only target ratios, credits or combined ratios change: a checked copy
     * of the base per thread serves, its groups and bounds unchanged (they do
     * not depend on targets) */
    use_fast = b == 0 || cu_variant_ratios_only(w->s, b - 1);
    for (j = 0; j < w->nsets; j++)
        if (!w->sets[j].ratio)
            use_fast = 0;
    if (use_fast) {
        if (!*fast) {
            if ((rc = curtail_scenario_clone(w->s, fast, &err)) != CURTAIL_OK)
                goto fail;
        }
        c = *fast;
        memcpy(c->ratios, w->s->ratios, sizeof c->ratios);
        memcpy(c->credits, w->s->credits, sizeof c->credits);
        c->has_credits = w->s->has_credits;
        memcpy(c->combined, w->s->combined, sizeof c->combined);
        c->ncombined = w->s->ncombined;
        rc = apply_case(w, c, b, vi, which, sizeof which, &err);
        c->checked = 1; /* set_ratios cleared it; nothing the check caches moved */
        if (rc != CURTAIL_OK)
            goto fail;
    } else {
        if ((rc = cu_scenario_clone_raw(w->s, &c, &err)) != CURTAIL_OK)
            goto fail;
        if ((rc = apply_case(w, c, b, vi, which, sizeof which, &err)) != CURTAIL_OK ||
            (rc = curtail_scenario_check(c, &err)) != CURTAIL_OK)
            goto fail;
    }
    if (po.version < 2)
        po.version = 2;
    po.cancel = sweep_cancel;
    po.cancel_ctx = run;
    if ((rc = cu_plan_solve_warm(c, &po, w->o.cold ? NULL : &w->warm, NULL, &r, &err)) !=
        CURTAIL_OK)
        goto fail;
    out->status = r->status == CURTAIL_TARGETS_UNMET ? CURTAIL_CASE_TARGETS_UNMET
                                                     : CURTAIL_CASE_OPTIMAL;
    out->objective = r->objective;
    for (L = 0; L < CU_NL; L++) {
        if ((rc = curtail_result_level(r, (curtail_level)L, &out->lv[L], &err)) != CURTAIL_OK)
            goto fail;
        if (changed_list(w, c, r, L, out)) {
            rc = CURTAIL_ENOMEM;
            goto fail;
        }
    }
    curtail_result_free(r);
    if (c != *fast)
        curtail_scenario_free(c);
    if (vi != vidx)
        cu_free(w->mem, vi);
    return CURTAIL_OK;
fail:
    curtail_result_free(r);
    if (c != *fast)
        curtail_scenario_free(c);
    if (vi != vidx)
        cu_free(w->mem, vi);
    if (rc == CURTAIL_ENOMEM)
        return rc;
    if (rc == CURTAIL_ECANCELED) {
        out->status = CURTAIL_CASE_CANCELED;
        return CURTAIL_ECANCELED;
    }
    case_message(w, out, rc == CURTAIL_EINPUT ? CURTAIL_CASE_INVALID : CURTAIL_CASE_FAILED,
                 which[0] ? which : NULL, &err);
    return out->message ? CURTAIL_OK : CURTAIL_ENOMEM;
}

static void *worker(void *arg)
{
    sw_run *run = arg;
    curtail_sweep *w = run->w;
    curtail_scenario *fast = NULL;
    size_t total = w->end - w->first;
    for (;;) {
        size_t k;
        int rc;
        pthread_mutex_lock(&run->lock);
        k = run->next++;
        pthread_mutex_unlock(&run->lock);
        if (k >= total || atomic_load(&run->stop))
            break;
        rc = run_case(run, &fast, w->first + k, &w->cases[k]);
        pthread_mutex_lock(&run->lock);
        if (rc == CURTAIL_ENOMEM && run->rc == CURTAIL_OK) {
            run->rc = CURTAIL_ENOMEM;
            atomic_store(&run->stop, 1);
        }
        run->done++;
        if (rc != CURTAIL_ECANCELED && w->o.progress &&
            w->o.progress(w->o.progress_ctx, run->done, total))
            atomic_store(&run->stop, 1);
        pthread_mutex_unlock(&run->lock);
    }
    curtail_scenario_free(fast);
    return NULL;
}

int curtail_sweep_run(curtail_sweep *w, curtail_error *err)
{
    sw_run run;
    curtail_result *base = NULL;
    curtail_plan_options po;
    pthread_t th[256];
    size_t n, i;
    int rc, nth, started = 0;
    if (!w)
        return cu_einval(err, "curtail_sweep_run: sweep is NULL");
    if (w->ran)
        return cu_einval(err, "curtail_sweep_run: the sweep has run");
    w->ran = 1;
    n = cu_sweep_ncases(w);
    if (w->o.nshards > 1) {
        w->first = n * w->o.shard / w->o.nshards;
        w->end = n * (w->o.shard + 1) / w->o.nshards;
    } else {
        w->first = 0;
        w->end = n;
    }
    if (!(w->cases = cu_calloc(w->mem, w->end - w->first + 1, sizeof *w->cases)))
        return cu_enomem(err);
    for (i = 0; i < w->end - w->first; i++)
        w->cases[i].status = CURTAIL_CASE_CANCELED;
    /* the base, cold: its optimum starts every case and is what they differ from */
    po = w->o.plan;
    if ((rc = cu_plan_solve_warm(w->s, &po, NULL, &w->warm, &base, err)) != CURTAIL_OK)
        return rc;
    rc = keep_base(w, base, err);
    curtail_result_free(base);
    if (rc != CURTAIL_OK)
        return rc;
    memset(&run, 0, sizeof run);
    run.w = w;
    atomic_init(&run.stop, 0);
    if (pthread_mutex_init(&run.lock, NULL) != 0)
        return cu_enomem(err);
    nth = w->o.threads > 1 ? w->o.threads : 1;
    if ((size_t)nth > w->end - w->first)
        nth = (int)(w->end - w->first > 0 ? w->end - w->first : 1);
    for (i = 1; i < (size_t)nth; i++) {
        if (pthread_create(&th[i], NULL, worker, &run) != 0)
            break;
        started++;
    }
    worker(&run);
    for (i = 1; i <= (size_t)started; i++)
        pthread_join(th[i], NULL);
    pthread_mutex_destroy(&run.lock);
    if (run.rc != CURTAIL_OK)
        return cu_enomem(err);
    for (i = 0; i < w->end - w->first; i++)
        if (w->cases[i].status == CURTAIL_CASE_CANCELED)
            return cu_error(err, CURTAIL_ECANCELED, NULL, (cu_pos){0, 0}, NULL,
                            "the sweep was canceled after %zu of %zu cases", run.done,
                            w->end - w->first);
    return CURTAIL_OK;
}

/* ---- results -------------------------------------------------------------------------- */

size_t curtail_sweep_result_count(const curtail_sweep *w)
{
    return w && w->ran ? w->end - w->first : 0;
}

int curtail_sweep_result(const curtail_sweep *w, size_t i, curtail_sweep_case *out,
                         curtail_error *err)
{
    const sw_case *c;
    size_t vidx[1] = {0}, b, k;
    int L;
    if (!w || !out || !w->ran || i >= w->end - w->first)
        return cu_einval(err, "curtail_sweep_result: bad arguments");
    if (out->version == 0 || out->version > CURTAIL_SWEEP_CASE_VERSION)
        return cu_einval(err, "curtail_sweep_result: set out->version");
    c = &w->cases[i];
    k = w->first + i;
    b = k;
    {
        size_t j;
        for (j = w->nsets; j-- > 0;)
            b /= w->sets[j].nvalues;
    }
    (void)vidx;
    out->index = k;
    out->variant = cu_sweep_variant_name(w, b);
    out->status = (curtail_case_status)c->status;
    out->message = c->message ? c->message : "";
    out->objective = c->objective;
    for (L = 0; L < CU_NL; L++) {
        out->levels[L] = c->lv[L];
        out->changed[L] = c->nchanged[L];
    }
    return CURTAIL_OK;
}

const char *curtail_sweep_result_value(const curtail_sweep *w, size_t i, size_t j)
{
    size_t k;
    size_t t;
    if (!w || !w->ran || i >= w->end - w->first || j >= w->nsets)
        return NULL;
    k = w->first + i;
    for (t = w->nsets; t-- > j + 1;)
        k /= w->sets[t].nvalues;
    return w->sets[j].values[k % w->sets[j].nvalues];
}

curtail_case_status curtail_sweep_worst(const curtail_sweep *w)
{
    static const int rank[] = {0, 1, 2, 3, 4}; /* optimal < unmet < invalid < failed < canceled */
    int worst = CURTAIL_CASE_OPTIMAL;
    size_t i;
    if (!w || !w->ran)
        return CURTAIL_CASE_OPTIMAL;
    for (i = 0; i < w->end - w->first; i++)
        if (rank[w->cases[i].status] > rank[worst])
            worst = w->cases[i].status;
    return (curtail_case_status)worst;
}
