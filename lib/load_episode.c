/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * load_episode.c — the `episode:` section (SPEC §2, §6): its words and
 * times are read here, the episode built with the episode builders
 * (episode.c), which check ranges and overlaps. Below it: yaml_read.c.
 */
#include "load.h"

/* A time "YYYY-MM-DDTHH:MM" (format and calendar; its range is the builder's). */
static int get_time(const loader *ld, uint32_t node, const ypath *path, int64_t *out)
{
    const char *s;
    int rc;
    if ((rc = yr_string(ld, node, path, &s)) != CURTAIL_OK)
        return rc;
    switch (cu_parse_time(s, out)) {
    case 0:
        return CURTAIL_OK;
    case -2:
        return FAIL(ld, node, path, "no such date and time: %s", s);
    default:
        return yr_wrong_type(ld, node, path, "a time YYYY-MM-DDTHH:MM");
    }
}

static int load_entry(const loader *ld, uint32_t node, const ypath *path)
{
    static const char *const keys[] = {"level", "from", "to"};
    int64_t v[3], from, to;
    ypath lp = yr_key(path, "level"), fp = yr_key(path, "from"), tp = yr_key(path, "to");
    curtail_error be;
    int rc, k, level;
    if ((rc = yr_fields(ld, node, path, keys, 3, v)) != CURTAIL_OK)
        return rc;
    for (k = 0; k < 3; k++)
        if (v[k] < 0)
            return yr_missing(ld, node, path, keys[k]);
    if ((rc = yr_word(ld, (uint32_t)v[0], &lp, &YR_LEVELS, &level)) ||
        (rc = get_time(ld, (uint32_t)v[1], &fp, &from)) ||
        (rc = get_time(ld, (uint32_t)v[2], &tp, &to)))
        return rc;
    if ((rc = cu_episode_add_alert(ld->s, level, from, to, yt_pos(ld->t, node), &be)) !=
        CURTAIL_OK)
        return yr_builder_error(ld, rc, &be, node, path);
    return CURTAIL_OK;
}

static int load_timeline(const loader *ld, uint32_t node, const ypath *path)
{
    uint32_t i, n;
    int rc;
    if (yt_at(ld->t, node)->type != YT_SEQ)
        return yr_wrong_type(ld, node, path, "a list of {level, from, to}");
    n = yt_count(ld->t, node);
    for (i = 0; i < n; i++) {
        ypath ip = yr_index(path, i);
        if ((rc = load_entry(ld, yt_kid(ld->t, node, i), &ip)) != CURTAIL_OK)
            return rc;
    }
    /* after every entry is read, as before the ozone block */
    return cu_episode_check_overlaps(ld->s, ld->err);
}

static int load_ozone(const loader *ld, uint32_t node, const ypath *path)
{
    static const char *const keys[] = {"window", "levels"};
    int64_t v[2];
    ypath wp = yr_key(path, "window"), lp = yr_key(path, "levels");
    const char *w = NULL;
    unsigned levels = 0;
    curtail_error be;
    int rc;
    if ((rc = yr_fields(ld, node, path, keys, 2, v)) != CURTAIL_OK)
        return rc;
    if (v[0] >= 0) {
        int from, to;
        if ((rc = yr_string(ld, (uint32_t)v[0], &wp, &w)) != CURTAIL_OK)
            return rc;
        if (cu_parse_window(w, &from, &to) != 0) {
            char shown[256];
            yt_escape(shown, sizeof shown, w, 40);
            return FAIL(ld, (uint32_t)v[0], &wp,
                        "must be \"HH:MM-HH:MM\" within one day, from before to, got \"%s\"",
                        shown);
        }
    }
    if (v[1] >= 0 &&
        (rc = yr_word_mask(ld, (uint32_t)v[1], &lp, &YR_LEVELS, 0, 0, &levels)) != CURTAIL_OK)
        return rc;
    if ((rc = curtail_scenario_set_ozone(ld->s, w, levels, &be)) != CURTAIL_OK)
        return yr_builder_error(ld, rc, &be, node, path);
    return CURTAIL_OK;
}

int cu_load_episode(const loader *ld, uint32_t node, const ypath *path)
{
    enum { P_START, P_HOURS, P_TIMELINE, P_OZONE, P_SEASON, P_COUNT };
    static const char *const keys[P_COUNT] = {"start", "hours", "timeline", "ozone", "season"};
    int64_t v[P_COUNT], start;
    ypath fp[P_COUNT];
    curtail_error be;
    double hours;
    int k, rc;
    if ((rc = yr_fields(ld, node, path, keys, P_COUNT, v)) != CURTAIL_OK)
        return rc;
    for (k = 0; k < P_COUNT; k++)
        fp[k] = yr_key(path, keys[k]);
    if (v[P_START] < 0)
        return yr_missing(ld, node, path, "start");
    if ((rc = get_time(ld, (uint32_t)v[P_START], &fp[P_START], &start)))
        return rc;
    /* the builder's check, here too: before anything is said of `hours` */
    if ((rc = cu_episode_start_check(start, &be)) != CURTAIL_OK)
        return yr_builder_error(ld, rc, &be, node, path);
    if (v[P_HOURS] < 0)
        return yr_missing(ld, node, path, "hours");
    if ((rc = yr_number(ld, (uint32_t)v[P_HOURS], &fp[P_HOURS], &hours)))
        return rc;
    if ((rc = cu_episode_set(ld->s, start, hours, yt_str(ld->t, (uint32_t)v[P_HOURS]),
                             yt_pos(ld->t, node), yt_pos(ld->t, (uint32_t)v[P_HOURS]), &be)) !=
        CURTAIL_OK)
        return yr_builder_error(ld, rc, &be, node, path);
    if (v[P_TIMELINE] >= 0 &&
        (rc = load_timeline(ld, (uint32_t)v[P_TIMELINE], &fp[P_TIMELINE])))
        return rc;
    if (v[P_OZONE] >= 0 && (rc = load_ozone(ld, (uint32_t)v[P_OZONE], &fp[P_OZONE])))
        return rc;
    if (v[P_SEASON] >= 0) {
        int w;
        if ((rc = yr_word(ld, (uint32_t)v[P_SEASON], &fp[P_SEASON], &YR_SEASONS, &w)))
            return rc;
        if ((rc = curtail_scenario_set_episode_season(ld->s, (curtail_season)w, &be)) !=
            CURTAIL_OK)
            return yr_builder_error(ld, rc, &be, (uint32_t)v[P_SEASON], &fp[P_SEASON]);
    }
    return CURTAIL_OK;
}
