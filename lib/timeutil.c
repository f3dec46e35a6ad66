/* SPDX-License-Identifier: GPL-3.0-or-later */
/* timeutil.c — civil dates without time zones (proleptic Gregorian). */
#include "internal.h"

#include <stdio.h>

/* Howard Hinnant's days_from_civil / civil_from_days. */
int64_t cu_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    int64_t era;
    unsigned yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

void cu_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    int64_t era;
    unsigned doe, yoe, doy, mp;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = (unsigned)(z - era * 146097);
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

void cu_format_day(int64_t day, char *buf, size_t n)
{
    int64_t y;
    unsigned m, d;
    cu_civil_from_days(day, &y, &m, &d);
    snprintf(buf, n, "%04lld-%02u-%02u", (long long)y, m, d);
}

void cu_format_minutes(int64_t minutes, char *buf, size_t n)
{
    int64_t day = floor_div(minutes, 1440), rem = minutes - day * 1440;
    char date[16];
    cu_format_day(day, date, sizeof date);
    snprintf(buf, n, "%sT%02d:%02d", date, (int)(rem / 60), (int)(rem % 60));
}
