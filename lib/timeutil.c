/* SPDX-License-Identifier: GPL-3.0-or-later */
/* timeutil.c — civil dates and times without time zones (proleptic Gregorian):
 * the one place for date arithmetic, floor division, parsing and formatting. */
#include "timeutil.h"

#include <stdio.h>
#include <string.h>

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

int64_t cu_floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* n decimal digits at s, or -1. */
static int digits(const char *s, int n)
{
    int v = 0, i;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int cu_parse_time(const char *s, int64_t *out)
{
    int y, mo, d, h, mi;
    if (strlen(s) != 16 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':')
        return -1;
    y = digits(s, 4);
    mo = digits(s + 5, 2);
    d = digits(s + 8, 2);
    h = digits(s + 11, 2);
    mi = digits(s + 14, 2);
    if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0)
        return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59)
        return -2;
    *out = (cu_days_from_civil(y, (unsigned)mo, (unsigned)d) * 24 + h) * 60 + mi;
    return 0;
}

int cu_parse_window(const char *s, int *from, int *to)
{
    int h1, m1, h2, m2;
    if (strlen(s) != 11 || s[2] != ':' || s[5] != '-' || s[8] != ':')
        return -1;
    h1 = digits(s, 2);
    m1 = digits(s + 3, 2);
    h2 = digits(s + 6, 2);
    m2 = digits(s + 9, 2);
    if (h1 < 0 || m1 < 0 || h2 < 0 || m2 < 0 || h1 > 23 || m1 > 59 || m2 > 59 || h2 > 24 ||
        (h2 == 24 && m2 != 0))
        return -1;
    *from = h1 * 60 + m1;
    *to = h2 * 60 + m2;
    return *from < *to ? 0 : -1;
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
    int64_t day = cu_floor_div(minutes, 1440), rem = minutes - day * 1440;
    char date[16];
    cu_format_day(day, date, sizeof date);
    snprintf(buf, n, "%sT%02d:%02d", date, (int)(rem / 60), (int)(rem % 60));
}
