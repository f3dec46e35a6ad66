/*
 * episode.c — the episode's builders (SPEC §2, §6): its start and length,
 * the alert timeline and the ozone window, with their range and overlap
 * checks. The YAML loader (load_episode.c) builds through the same calls,
 * passing the positions of its nodes; a program builds with the public ones.
 * Times are minutes since 1970-01-01T00:00 (local, no zones; timeutil.c).
 */
#include "episode.h"
#include "timeutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cu_pos no_pos = {0, 0};

#define NEED_S(s, fn)                                                                       \
    do {                                                                                    \
        if (!(s))                                                                           \
            return cu_einval(err, fn ": scenario is NULL");                                 \
    } while (0)

/* A time of a builder's argument: "expected ..." as the loader words it. */
static int time_arg(const char *text, const char *path, int64_t *out, curtail_error *err)
{
    char shown[128];
    if (!text)
        return cu_bad_value(err, path, "is required");
    switch (cu_parse_time(text, out)) {
    case 0:
        return CURTAIL_OK;
    case -2:
        cu_escape_controls(shown, sizeof shown, text);
        return cu_bad_value(err, path, "no such date and time: %s", shown);
    default:
        cu_escape_controls(shown, sizeof shown, text);
        return cu_bad_value(err, path, "expected a time YYYY-MM-DDTHH:MM, got \"%s\"", shown);
    }
}

int cu_episode_start_check(int64_t start, curtail_error *err)
{
    char text[32];
    if (start % 60 == 0)
        return CURTAIL_OK;
    cu_format_minutes(start, text, sizeof text);
    return cu_bad_value(err, "start", "must fall on the hour, got %s", text);
}

int cu_episode_set(curtail_scenario *s, int64_t start, double hours, const char *hours_text,
                   cu_pos pos, cu_pos pos_hours, curtail_error *err)
{
    cu_episode *ep = &s->episode;
    char start_text[32];
    int rc;
    if ((rc = cu_scenario_refuse_while_results(s, "curtail_scenario_set_episode", err)) != 0)
        return rc;
    if ((rc = cu_episode_start_check(start, err)) != CURTAIL_OK)
        return rc;
    if (!(hours >= 1 && hours <= CU_MAX_EPISODE_HOURS) || hours != floor(hours))
        return cu_bad_value(err, "hours", "must be a whole number of hours from 1 to %d, got %s",
                   CU_MAX_EPISODE_HOURS, hours_text);
    /* hour labels are YYYY-MM-DDTHH:MM: the horizon ends by the year 9999 */
    cu_format_minutes(start, start_text, sizeof start_text);
    if (start + 60 * (int64_t)hours > cu_days_from_civil(10000, 1, 1) * 1440)
        return cu_bad_value(err, "hours", "the episode must end by 9999-12-31T24:00, got %s hours from %s",
                   hours_text, start_text);
    cu_free(s->mem, ep->entries);
    memset(ep, 0, sizeof *ep);
    ep->present = 1;
    ep->start = start;
    ep->hours = (int)hours;
    cu_ozone_default(ep);
    ep->pos = pos;
    ep->pos_hours = pos_hours;
    s->checked = 0;
    return CURTAIL_OK;
}

int curtail_scenario_set_episode(curtail_scenario *s, const char *start, int hours,
                                 curtail_error *err)
{
    int64_t t;
    char text[32];
    int rc;
    NEED_S(s, "curtail_scenario_set_episode");
    if ((rc = time_arg(start, "start", &t, err)) != CURTAIL_OK)
        return rc;
    snprintf(text, sizeof text, "%d", hours);
    return cu_episode_set(s, t, (double)hours, text, no_pos, no_pos, err);
}

int cu_episode_add_alert(curtail_scenario *s, int level, int64_t from, int64_t to, cu_pos pos,
                         curtail_error *err)
{
    cu_episode *ep = &s->episode;
    char a[32];
    void *p;
    size_t cap = ep->nentries;
    int rc;
    if ((rc = cu_scenario_refuse_while_results(s, "curtail_scenario_add_alert", err)) != 0)
        return rc;
    if (!ep->present)
        return cu_einval(err, "curtail_scenario_add_alert: set the episode first "
                              "(curtail_scenario_set_episode)");
    if (level < 0 || level >= CU_NL)
        return cu_bad_value(err, "level", "unknown level");
    if (to <= from) {
        cu_format_minutes(from, a, sizeof a);
        return cu_bad_value(err, "to", "must be after from (%s)", a);
    }
    cu_format_minutes(ep->start, a, sizeof a);
    if (from < ep->start)
        return cu_bad_value(err, "from", "is before the start of the episode (%s)", a);
    if (to > ep->start + (int64_t)ep->hours * 60)
        return cu_bad_value(err, "to", "is after the end of the episode (%s + %d hours)", a, ep->hours);
    /* grown one at a time: a timeline has a handful of alerts */
    p = ep->entries;
    if (cu_grow(s->mem, &p, &cap, ep->nentries + 1, sizeof *ep->entries))
        return cu_enomem(err);
    ep->entries = p;
    ep->entries[ep->nentries].level = level;
    ep->entries[ep->nentries].from = from;
    ep->entries[ep->nentries].to = to;
    ep->entries[ep->nentries].pos = pos;
    ep->nentries++;
    s->checked = 0;
    return CURTAIL_OK;
}

int curtail_scenario_add_alert(curtail_scenario *s, curtail_level level, const char *from,
                               const char *to, curtail_error *err)
{
    int64_t f, t;
    int rc;
    NEED_S(s, "curtail_scenario_add_alert");
    if ((rc = time_arg(from, "from", &f, err)) != CURTAIL_OK ||
        (rc = time_arg(to, "to", &t, err)) != CURTAIL_OK)
        return rc;
    return cu_episode_add_alert(s, (int)level, f, t, no_pos, err);
}

int curtail_scenario_set_ozone(curtail_scenario *s, const char *window, unsigned levels,
                               curtail_error *err)
{
    cu_episode *ep;
    int from = CU_OZONE_FROM, to = CU_OZONE_TO, rc;
    NEED_S(s, "curtail_scenario_set_ozone");
    ep = &s->episode;
    if ((rc = cu_scenario_refuse_while_results(s, "curtail_scenario_set_ozone", err)) != 0)
        return rc;
    if (!ep->present)
        return cu_einval(err, "curtail_scenario_set_ozone: set the episode first "
                              "(curtail_scenario_set_episode)");
    if (window && cu_parse_window(window, &from, &to) != 0) {
        char shown[256];
        cu_escape_controls(shown, sizeof shown, window);
        return cu_bad_value(err, "window",
                   "must be \"HH:MM-HH:MM\" within one day, from before to, got \"%s\"", shown);
    }
    if (levels & ~CU_ALL_LEVELS)
        return cu_bad_value(err, "levels", "has bits of levels that do not exist (0x%x)", levels);
    ep->has_ozone = 1;
    ep->window_from = from;
    ep->window_to = to;
    ep->ozone_levels = levels ? levels : CU_ALL_LEVELS;
    s->checked = 0;
    return CURTAIL_OK;
}

typedef struct span {
    int64_t from, to;
    size_t index;
} span;

static int cmp_span(const void *a, const void *b)
{
    const span *x = a, *y = b;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Alerts may not overlap; the error names the later of two in the timeline,
 * at its position. */
int cu_episode_check_overlaps(const curtail_scenario *s, curtail_error *err)
{
    const cu_episode *ep = &s->episode;
    span *sp;
    size_t i, prev = 0;
    int rc = CURTAIL_OK;
    if (!ep->present || ep->nentries < 2)
        return CURTAIL_OK;
    sp = cu_calloc(s->mem, ep->nentries, sizeof *sp);
    if (!sp)
        return cu_enomem(err);
    for (i = 0; i < ep->nentries; i++) {
        sp[i].from = ep->entries[i].from;
        sp[i].to = ep->entries[i].to;
        sp[i].index = i;
    }
    qsort(sp, ep->nentries, sizeof *sp, cmp_span);
    for (i = 1; i < ep->nentries; i++) {
        if (sp[i].from < sp[prev].to) {
            const span *early = sp[i].index < sp[prev].index ? &sp[i] : &sp[prev];
            const span *late = early == &sp[i] ? &sp[prev] : &sp[i];
            char path[64], a[32], b[32];
            snprintf(path, sizeof path, "episode.timeline[%zu]", late->index);
            cu_format_minutes(early->from, a, sizeof a);
            cu_format_minutes(early->to, b, sizeof b);
            rc = cu_error(err, CURTAIL_EINPUT, cu_scenario_file(s), ep->entries[late->index].pos,
                          path, "overlaps timeline[%zu] (%s to %s)", early->index, a, b);
            break;
        }
        if (sp[i].to > sp[prev].to)
            prev = i;
    }
    cu_free(s->mem, sp);
    return rc;
}

int cu_episode_in_window(const cu_episode *ep, int64_t at, int level)
{
    int64_t mod = at - cu_floor_div(at, 1440) * 1440;
    return ep->has_ozone && level >= 0 && (ep->ozone_levels & (1u << level)) &&
           mod >= ep->window_from && mod < ep->window_to;
}
