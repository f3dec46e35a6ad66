/* SPDX-License-Identifier: GPL-3.0-or-later */
/* timeutil.h — dates, clock times and floor division (timeutil.c). Internal; not
 * installed. */
#ifndef CURTAIL_TIMEUTIL_H
#define CURTAIL_TIMEUTIL_H

#include "internal.h"

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t cu_days_from_civil(int64_t y, unsigned m, unsigned d);
void cu_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);
/* "YYYY-MM-DDTHH:MM" of minutes since the epoch (buf >= 17 bytes). */
void cu_format_minutes(int64_t minutes, char *buf, size_t n);
/* "YYYY-MM-DD" of a day number (buf >= 11 bytes). */
void cu_format_day(int64_t day, char *buf, size_t n);
/* a / b rounded towards minus infinity (b > 0). */
int64_t cu_floor_div(int64_t a, int64_t b);
/* "YYYY-MM-DDTHH:MM" → minutes since the epoch: 0, -1 if malformed, -2 if
 * there is no such date or time. */
int cu_parse_time(const char *s, int64_t *out);
/* "HH:MM-HH:MM" within one day (the end may be 24:00), from < to → minutes
 * after midnight: 0 or -1. */
int cu_parse_window(const char *s, int *from, int *to);

#endif
