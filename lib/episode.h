/* SPDX-License-Identifier: GPL-3.0-or-later */
/* episode.h — the episode's builders and facts (episode.c). Internal; not installed. */
#ifndef CURTAIL_EPISODE_H
#define CURTAIL_EPISODE_H

#include "scenario.h"

/* The public builders' checks, with the positions of a loaded file's nodes
 * (none from a program) and the text of `hours` as given, for messages. */
#define CU_MAX_EPISODE_HOURS 8784 /* a leap year */
int cu_episode_start_check(int64_t start, curtail_error *err);
int cu_episode_set(curtail_scenario *s, int64_t start, double hours, const char *hours_text,
                   cu_pos pos, cu_pos pos_hours, curtail_error *err);
int cu_episode_add_alert(curtail_scenario *s, int level, int64_t from, int64_t to, cu_pos pos,
                         curtail_error *err);
/* Alerts of the timeline may not overlap (run by the loader after the
 * timeline and by curtail_scenario_check). */
int cu_episode_check_overlaps(const curtail_scenario *s, curtail_error *err);

/* Is the hour starting at `at` (minutes) inside the ozone window of a listed level? */
int cu_episode_in_window(const cu_episode *ep, int64_t at, int level);

#endif
