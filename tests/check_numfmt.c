/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_numfmt.c — the number formatter (lib/numfmt.c) against the
 * printf-based cu_buf_num it replaced (kept here as the reference), against
 * strtod round trips, and against printf's "%.*f": on random bit patterns
 * over the whole double range, on values typical of a plan, and on every
 * number the goldens under tests/data hold. */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"
#include "episode.h" /* white-box: the modules' private headers */
#include "policy.h"
#include "result.h"
#include "rule_schema.h"
#include "solve.h"
#include "timeutil.h"
#include "write.h"
#include "numfmt.h"

#include <check.h>
#include <dirent.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "testutil.h"

/* 10^7 doubles in a plain build (3e6 bit patterns, 7e6 typical values);
 * fewer under sanitizers, which are about 30x slower. */
#ifdef CURTAIL_TEST_SANITIZE
#define BITS_ITER 100000L
#define TYPICAL_ITER 200000L
#define FIXED_ITER 20000L
#define FAST_ITER 100000L
#else
#define BITS_ITER 3000000L
#define TYPICAL_ITER 7000000L
#define FIXED_ITER 300000L
#define FAST_ITER 3000000L
#endif

/* ---- the reference: cu_buf_num as it was, printf and strtod ---------------------------- */

static void ref_by_search(char *out, size_t n, double v)
{
    char tmp[64];
    int prec;
    for (prec = 1; prec < 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        if (strtod(tmp, NULL) == v)
            break;
    }
    snprintf(out, n, "%.*g", prec, v);
}

static void ref_num_layout(char *out, size_t n, double v, int plain);

static void ref_num(char *out, size_t n, double v)
{
    ref_num_layout(out, n, v, 1);
}

/* plain: the fixed layout instead of an exponent where it reads back */
static void ref_num_layout(char *out, size_t n, double v, int plain)
{
    char tmp[64];
    int prec;
    if (!isfinite(v) || v == 0.0) {
        snprintf(out, n, "0");
        return;
    }
    if (fabs(v) < DBL_MIN) {
        ref_by_search(out, n, v);
        return;
    }
    if (fabs(v) < 1e15 && v == (double)(long long)v) {
        snprintf(out, n, "%lld", (long long)v);
        return;
    }
    snprintf(tmp, sizeof tmp, "%.14e", v);
    if (strtod(tmp, NULL) == v) {
        const char *m = tmp[0] == '-' ? tmp + 1 : tmp;
        const char *e = strchr(m, 'e');
        const char *last = e - 1;
        while (last > m && (*last == '0' || *last == '.'))
            last--;
        prec = (int)(last - m) + (last > m ? 0 : 1);
    } else {
        snprintf(tmp, sizeof tmp, "%.15e", v);
        prec = strtod(tmp, NULL) == v ? 16 : 17;
    }
    snprintf(tmp, sizeof tmp, "%.*g", prec, v);
    if (plain && strchr(tmp, 'e')) {
        int exp10 = (int)floor(log10(fabs(v)));
        int decimals = prec - 1 - exp10;
        if (decimals < 0)
            decimals = 0;
        if (exp10 >= -30 && exp10 < 21) {
            char fixed[64];
            snprintf(fixed, sizeof fixed, "%.*f", decimals, v);
            if (strtod(fixed, NULL) == v)
                memcpy(tmp, fixed, strlen(fixed) + 1);
        }
    }
    snprintf(out, n, "%s", tmp);
}

/* ---- helpers ---------------------------------------------------------------------------- */

static void fmt(char *out, double v)
{
    size_t n = cu_numfmt(out, v);
    if (n >= CU_NUMFMT_MAX) /* (no ck_assert in the hot loop: each one costs a write) */
        ck_abort_msg("%a: %zu characters", v, n);
    out[n] = '\0';
}

/* The fast path (128-bit integers, ordinary magnitudes) against the exact
 * big-integer path, both layouts. */
static void check_fast(double v)
{
    char got[CU_NUMFMT_MAX + 1], want[CU_NUMFMT_MAX + 1];
    int plain;
    for (plain = 0; plain <= 1; plain++) {
        size_t n = plain ? cu_numfmt(got, v) : cu_numfmt_short(got, v);
        size_t m = cu_numfmt_exact(want, v, plain);
        if (n >= CU_NUMFMT_MAX || m >= CU_NUMFMT_MAX)
            ck_abort_msg("%a: %zu / %zu characters", v, n, m);
        got[n] = want[m] = '\0';
        if (strcmp(got, want) != 0)
            ck_abort_msg("%.17g (%a), plain %d: got '%s', exact path '%s'", v, v, plain, got,
                         want);
    }
}

/* new == reference == exact path, and the text reads back (zero and
 * non-finite are "0") */
static void check_one(double v)
{
    char got[CU_NUMFMT_MAX + 1], want[128];
    fmt(got, v);
    ref_num(want, sizeof want, v);
    if (strcmp(got, want) != 0)
        ck_abort_msg("%.17g (%a): got '%s', printf-based '%s'", v, v, got, want);
    check_fast(v);
    if (isfinite(v) && v != 0.0 && strtod(got, NULL) != v)
        ck_abort_msg("%.17g (%a): '%s' does not read back", v, v, got);
}

static uint64_t rng_next(uint64_t *s)
{
    /* splitmix64 */
    uint64_t z = (*s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static double from_bits(uint64_t b)
{
    double v;
    memcpy(&v, &b, sizeof v);
    return v;
}

/* ---- core ------------------------------------------------------------------------------- */

START_TEST(test_numfmt_known_values)
{
    static const struct {
        double v;
        const char *text;
    } cases[] = {
        {0.0, "0"},
        {-0.0, "0"},
        {1.0, "1"},
        {-42.0, "-42"},
        {0.1, "0.1"},
        {0.3, "0.3"},
        {0.1 + 0.2, "0.30000000000000004"},
        {1.0 / 3.0, "0.3333333333333333"},
        {2.0 / 3.0, "0.6666666666666666"},
        {123.456, "123.456"},
        {-0.0001, "-0.0001"},
        {1e-5, "0.00001"},
        {1.5e-7, "0.00000015"},
        {1.6541078828079123e-08, "0.000000016541078828079123"},
        {1e-31, "1e-31"},
        {999999999999999.0, "999999999999999"},
        {1e15, "1000000000000000"},
        {1e20, "100000000000000000000"},
        {1e21, "1e+21"},
        {1e15 + 0.5, "1000000000000000.5"},
        {123456789012345680000.0, "123456789012345683968"},
        {DBL_MAX, "1.7976931348623157e+308"},
        {DBL_MIN, "2.2250738585072014e-308"},
        {5e-324, "5e-324"},
        {-4.9406564584124654e-323, "-5e-323"},
        {7349609.195833332, "7349609.195833332"},
        {0.95, "0.95"},
    };
    size_t i;
    char got[CU_NUMFMT_MAX + 1];
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fmt(got, cases[i].v);
        ck_assert_msg(strcmp(got, cases[i].text) == 0, "%a: got '%s', want '%s'", cases[i].v,
                      got, cases[i].text);
        check_one(cases[i].v);
    }
    fmt(got, NAN);
    ck_assert_str_eq(got, "0");
    fmt(got, -INFINITY);
    ck_assert_str_eq(got, "0");
}
END_TEST

/* Random bit patterns: every exponent, subnormals and specials included. */
START_TEST(test_numfmt_random_bits_match_printf)
{
    uint64_t s = 20240601;
    long i;
    for (i = 0; i < BITS_ITER; i++)
        check_one(from_bits(rng_next(&s)));
}
END_TEST

/* What a plan holds: 0.0001 .. 1e12 with few digits (kg/d, capacities,
 * loads, weights), their quotients and products, and neighbours. */
START_TEST(test_numfmt_typical_values_match_printf)
{
    static const double p10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
    uint64_t s = 7;
    long i;
    for (i = 0; i < TYPICAL_ITER; i++) {
        uint64_t r = rng_next(&s);
        int digits = 1 + (int)(r % 7);
        double mant = (double)((r >> 8) % (uint64_t)p10[digits]);
        int shift = (int)((r >> 40) % 17) - 8; /* 1e-8 .. 1e8 times the mantissa */
        double v = shift >= 0 ? mant * p10[shift] : mant / p10[-shift];
        switch ((r >> 60) & 3) {
        case 0:
            break;
        case 1:
            v = v / (double)(1 + (r >> 20) % 97); /* a share */
            break;
        case 2:
            v = nextafter(v, (r >> 59) & 1 ? 0.0 : 1e300);
            break;
        default:
            v = v * 0.0001 * (double)(1 + (r >> 24) % 10000);
            break;
        }
        if ((r >> 58) & 1)
            v = -v;
        check_one(v);
    }
}
END_TEST

/* Every power of two and its neighbours (the asymmetric rounding interval),
 * and every power of ten and its neighbours (carries, log10 edges). */
START_TEST(test_numfmt_edges_match_printf)
{
    int e;
    for (e = -1074; e <= 1023; e++) {
        double v = ldexp(1.0, e);
        check_one(v);
        check_one(nextafter(v, 0.0));
        check_one(nextafter(v, INFINITY));
    }
    for (e = -323; e <= 308; e++) {
        char t[32];
        double v;
        snprintf(t, sizeof t, "1e%d", e);
        v = strtod(t, NULL);
        check_one(v);
        check_one(nextafter(v, 0.0));
        check_one(nextafter(v, INFINITY));
        snprintf(t, sizeof t, "9.5e%d", e);
        check_one(strtod(t, NULL));
        snprintf(t, sizeof t, "9.9999999999999995e%d", e);
        check_one(strtod(t, NULL));
    }
}
END_TEST

/* Every number in every file under tests/data (goldens and inputs). */
static long check_numbers_in(const char *text)
{
    const char *p = text;
    long n = 0;
    while (*p) {
        char *end;
        double v;
        if (!((*p >= '0' && *p <= '9') || (*p == '-' && p[1] >= '0' && p[1] <= '9')) ||
            (p > text && ((p[-1] >= '0' && p[-1] <= '9') || p[-1] == '.' || p[-1] == '_' ||
                          (p[-1] >= 'A' && p[-1] <= 'Z') || (p[-1] >= 'a' && p[-1] <= 'z')))) {
            p++;
            continue;
        }
        v = strtod(p, &end);
        if (end == p) {
            p++;
            continue;
        }
        check_one(v);
        n++;
        p = end;
    }
    return n;
}

static long walk(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    long n = 0;
    ck_assert_ptr_nonnull(d);
    while ((de = readdir(d)) != NULL) {
        char path[4096];
        struct stat st;
        if (de->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            n += walk(path);
        } else if (S_ISREG(st.st_mode)) {
            char *text = tu_read_file(path, NULL);
            ck_assert_ptr_nonnull(text);
            n += check_numbers_in(text);
            free(text);
        }
    }
    closedir(d);
    return n;
}

START_TEST(test_numfmt_golden_numbers_match_printf)
{
    long n = walk(CURTAIL_TEST_DATA);
    ck_assert_int_gt(n, 1000); /* the goldens hold thousands of numbers */
}
END_TEST

START_TEST(test_numfmt_fixed_matches_printf)
{
    uint64_t s = 99;
    long i;
    char got[CU_NUMFMT_FIXED_MAX(8) + 1], want[400];
    for (i = 0; i < FIXED_ITER; i++) {
        uint64_t r = rng_next(&s);
        int decimals = (int)(r % 9);
        double v = (r >> 4) & 1 ? from_bits(rng_next(&s))
                                : ldexp((double)(rng_next(&s) >> 11), (int)((r >> 8) % 100) - 80);
        size_t n;
        if (!isfinite(v))
            continue;
        n = cu_numfmt_fixed(got, v, decimals);
        got[n] = '\0';
        snprintf(want, sizeof want, "%.*f", decimals, v);
        if (strcmp(got, want) != 0)
            ck_abort_msg("%a with %d decimals: got '%s', printf '%s'", v, decimals, got, want);
        n = cu_numfmt_fixed_exact(want, v, decimals);
        want[n] = '\0';
        if (strcmp(got, want) != 0)
            ck_abort_msg("%a with %d decimals: got '%s', exact path '%s'", v, decimals, got, want);
    }
    ck_assert_int_eq((int)cu_numfmt_fixed(got, 2.675, 2), 4);
    got[4] = '\0';
    ck_assert_str_eq(got, "2.67"); /* 2.675 is 2.67499999... */
    got[cu_numfmt_fixed(got, 0.125, 2)] = '\0';
    ck_assert_str_eq(got, "0.12"); /* a tie: to even */
    got[cu_numfmt_fixed(got, -0.001, 2)] = '\0';
    ck_assert_str_eq(got, "-0.00");
    got[cu_numfmt_fixed(got, NAN, 1)] = '\0';
    ck_assert_str_eq(got, "0.0");
}
END_TEST

/* The LP/MPS layout: printf's %g with the same digits, at most 24
 * characters (clp reads at most 25), e.g. the 1/Q of a shortfall column. */
START_TEST(test_numfmt_short_matches_printf_g)
{
    uint64_t s = 4242;
    long i;
    char got[CU_NUMFMT_MAX + 1], want[128];
    got[cu_numfmt_short(got, 1.6541078828079123e-08)] = '\0';
    ck_assert_str_eq(got, "1.6541078828079123e-08");
    got[cu_numfmt_short(got, 1e20)] = '\0';
    ck_assert_str_eq(got, "1e+20");
    got[cu_numfmt_short(got, -0.00012345678901234567)] = '\0';
    ck_assert_str_eq(got, "-0.00012345678901234567");
    for (i = 0; i < BITS_ITER / 6; i++) {
        uint64_t r = rng_next(&s);
        double v = (r & 1) ? from_bits(rng_next(&s)) : ldexp((double)(r >> 11), (int)(r % 120) - 100);
        size_t n = cu_numfmt_short(got, v);
        got[n] = '\0';
        ref_num_layout(want, sizeof want, v, 0);
        if (strcmp(got, want) != 0 || n > 24)
            ck_abort_msg("%a: got '%s', printf-based '%s'", v, got, want);
        check_fast(v);
    }
}
END_TEST

/* The fast path against the exact path where it applies and around its
 * edges (about 1e-11 .. 1e18): random significands at every binary exponent
 * there, few-digit decimals k / 10^d and k * 10^d with their neighbours,
 * quotients, and the decimal boundaries 10^k and 9.5 * 10^k, +- a few ulps. */
START_TEST(test_numfmt_fast_matches_exact)
{
    uint64_t s = 31337;
    long i;
    int k, j;
    for (i = 0; i < FAST_ITER; i++) {
        uint64_t r = rng_next(&s), r2 = rng_next(&s);
        double v;
        switch (r & 3) {
        case 0: /* any significand, binary exponent -40 .. 63 */
            v = ldexp((double)((r2 >> 11) | (UINT64_C(1) << 52)), (int)((r >> 2) % 104) - 92);
            break;
        case 1: { /* k / 10^d, k * 10^d */
            static const double p10[] = {1,    10,   100,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,
                                         1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17};
            double kk = (double)(r2 % (1 + (UINT64_C(1) << (r >> 2) % 50)));
            int d = (int)((r >> 8) % 18);
            v = (r >> 14) & 1 ? kk / p10[d] : kk * p10[d];
            break;
        }
        case 2: /* quotients */
            v = (double)(r2 % 1000000007) / (double)(1 + (r >> 2) % 999983) *
                pow(10.0, (double)((int)((r >> 24) % 28) - 10));
            break;
        default: /* neighbours of the above */
            v = nextafter((double)(r2 % 100000) / 1000.0 * pow(10.0, (double)((int)((r >> 2) % 28) - 12)),
                          (r >> 40) & 1 ? 0.0 : INFINITY);
            break;
        }
        if ((r >> 41) & 1)
            v = -v;
        check_fast(v);
    }
    for (k = -14; k <= 19; k++) {
        double p = pow(10.0, (double)k), q = 9.5 * p, w = 9.9999999999999995 * p;
        double vs[3];
        vs[0] = p;
        vs[1] = q;
        vs[2] = w;
        for (j = 0; j < 3; j++) {
            double v = vs[j];
            int u;
            for (u = 0; u < 8; u++)
                v = nextafter(v, 0.0);
            for (u = 0; u < 17; u++) {
                check_fast(v);
                check_one(v);
                v = nextafter(v, INFINITY);
            }
        }
    }
    for (k = -40; k <= 63; k++) { /* powers of two: the asymmetric interval */
        check_fast(ldexp(1.0, k));
        check_fast(nextafter(ldexp(1.0, k), 0.0));
        check_fast(nextafter(ldexp(1.0, k), INFINITY));
    }
}
END_TEST

/* The short-decimal path (a decimal of at most 15 significant digits from
 * 1e-4 up, taken by one multiplication and one division): q / 10^k for q of
 * 1 .. 15 digits and k = 1 .. 19 places, their neighbours (which it must
 * refuse), and values at its edges (1e-4, the 15th digit, 10^(k-1)),
 * against the exact path and printf; and a few texts by hand. */
START_TEST(test_numfmt_short_decimals_match_exact)
{
    static const struct {
        double v;
        const char *text;
    } cases[] = {
        {0.8, "0.8"},
        {2274.23031848, "2274.23031848"},
        {197.917843774, "197.917843774"},
        {-5.25527671285, "-5.25527671285"},
        {0.0001, "0.0001"},
        {0.00012, "0.00012"},
        {0.000099, "0.000099"},
        {12345678901.2345, "12345678901.2345"},
        {99999999999999.9, "99999999999999.9"},
        {0.123456789012345, "0.123456789012345"},
        {0.1234567890123456, "0.1234567890123456"},
        {1.05, "1.05"},
        {100.001, "100.001"},
    };
    static const double p10[] = {1,    10,   100,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,
                                 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19};
    char got[CU_NUMFMT_MAX + 1];
    uint64_t s = 4242;
    size_t i;
    long n;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fmt(got, cases[i].v);
        ck_assert_msg(strcmp(got, cases[i].text) == 0, "%a: got '%s', want '%s'", cases[i].v,
                      got, cases[i].text);
        check_one(cases[i].v);
    }
    for (n = 0; n < FAST_ITER; n++) {
        uint64_t r = rng_next(&s);
        int digits = 1 + (int)(r % 15), k = 1 + (int)((r >> 8) % 19);
        double q = (double)((r >> 16) % (uint64_t)p10[digits]), v = q / p10[k];
        if ((r >> 6) & 1)
            v = -v;
        check_fast(v);
        check_fast(nextafter(v, 0.0));
        check_fast(nextafter(v, INFINITY));
        if ((n & 15) == 0)
            check_one(v);
    }
}
END_TEST

/* printf's "%.*f" with its places' trailing zeros (and a bare point)
 * dropped, "-0" as "0": what cu_numfmt_trimmed writes. */
static void ref_trimmed(char *out, size_t n, double v, int decimals)
{
    size_t len;
    snprintf(out, n, "%.*f", decimals, v);
    len = strlen(out);
    if (strchr(out, '.')) {
        while (len > 0 && out[len - 1] == '0')
            len--;
        if (len > 0 && out[len - 1] == '.')
            len--;
    }
    out[len] = '\0';
    if (strcmp(out, "-0") == 0)
        snprintf(out, n, "0");
}

/* cu_numfmt_trimmed (fast path and exact fallback) against printf: few
 * digits and long ones, ties, neighbours, 0 .. 19 places, and by hand. */
START_TEST(test_numfmt_trimmed_matches_printf)
{
    static const struct {
        double v;
        int decimals;
        const char *text;
    } cases[] = {
        {12.5, 2, "12.5"},   {3.0, 2, "3"},        {-0.001, 2, "0"},      {-0.0, 1, "0"},
        {0.005, 2, "0.01"},  {0.125, 2, "0.12"},   {3651.654570220758, 2, "3651.65"},
        {767.99999999, 0, "768"}, {1e20, 2, "100000000000000000000"},
        {-2.5, 0, "-2"},     {0.000123, 19, "0.000123"},
    };
    static const double p10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12};
    char got[CU_NUMFMT_FIXED_MAX(19) + 1], want[400];
    uint64_t s = 99;
    size_t i, n;
    long it;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        n = cu_numfmt_trimmed(got, cases[i].v, cases[i].decimals);
        got[n] = '\0';
        ck_assert_msg(strcmp(got, cases[i].text) == 0, "%a with %d: got '%s', want '%s'",
                      cases[i].v, cases[i].decimals, got, cases[i].text);
    }
    for (it = 0; it < FIXED_ITER * 5; it++) {
        uint64_t r = rng_next(&s), r2 = rng_next(&s);
        int decimals = (int)(r % 20);
        double v;
        switch ((r >> 8) & 3) {
        case 0: /* few digits: amounts, percentages, ties in binary */
            v = (double)(r2 % 100000) / p10[(r >> 12) % 6];
            break;
        case 1: /* long ones */
            v = (double)(r2 % 1000000007) / (double)(1 + (r >> 12) % 999983) * p10[(r >> 32) % 13];
            break;
        case 2: /* binary fractions: exact ties */
            v = ldexp((double)(r2 % 4096), -(int)((r >> 12) % 12));
            break;
        default: /* neighbours */
            v = nextafter((double)(r2 % 100000) / p10[(r >> 12) % 6], (r >> 20) & 1 ? 0.0 : 1e300);
            break;
        }
        if ((r >> 40) & 1)
            v = -v;
        n = cu_numfmt_trimmed(got, v, decimals);
        got[n] = '\0';
        ref_trimmed(want, sizeof want, v, decimals);
        if (strcmp(got, want) != 0)
            ck_abort_msg("%a with %d decimals: got '%s', printf '%s'", v, decimals, got, want);
    }
}
END_TEST

/* The fixed layout's fast path against its exact path: ties (binary
 * fractions), values near 9e18 / 10^d, 0 .. 22 decimals. */
START_TEST(test_numfmt_fixed_fast_matches_exact)
{
    uint64_t s = 2718;
    long i;
    char got[CU_NUMFMT_FIXED_MAX(22) + 1], want[CU_NUMFMT_FIXED_MAX(22) + 1];
    for (i = 0; i < FAST_ITER / 3; i++) {
        uint64_t r = rng_next(&s), r2 = rng_next(&s);
        int decimals = (int)(r % 23);
        double v;
        size_t n, m;
        switch ((r >> 5) & 3) {
        case 0: /* binary fractions: exact ties at some places */
            v = ldexp((double)(r2 >> (11 + (r >> 8) % 40)), -(int)((r >> 16) % 30));
            break;
        case 1: /* around the fast path's bound */
            v = 9e18 / pow(10.0, (double)decimals) * (0.999 + 0.002 * (double)(r2 >> 11) * 0x1p-53);
            break;
        case 2:
            v = (double)(r2 % 10000) / 100.0; /* percentages */
            break;
        default:
            v = ldexp((double)((r2 >> 11) | 1), (int)((r >> 16) % 140) - 120);
            break;
        }
        if ((r >> 40) & 1)
            v = -v;
        n = cu_numfmt_fixed(got, v, decimals);
        m = cu_numfmt_fixed_exact(want, v, decimals);
        got[n] = want[m] = '\0';
        if (strcmp(got, want) != 0)
            ck_abort_msg("%a with %d decimals: got '%s', exact path '%s'", v, decimals, got, want);
    }
}
END_TEST

int main(void)
{
    Suite *su = suite_create("numfmt");
    TCase *core = tcase_create("core");
    SRunner *sr;
    int failed;

    tcase_add_test(core, test_numfmt_known_values);
    tcase_add_test(core, test_numfmt_random_bits_match_printf);
    tcase_add_test(core, test_numfmt_typical_values_match_printf);
    tcase_add_test(core, test_numfmt_edges_match_printf);
    tcase_add_test(core, test_numfmt_golden_numbers_match_printf);
    tcase_add_test(core, test_numfmt_fixed_matches_printf);
    tcase_add_test(core, test_numfmt_short_matches_printf_g);
    tcase_add_test(core, test_numfmt_fast_matches_exact);
    tcase_add_test(core, test_numfmt_fixed_fast_matches_exact);
    tcase_add_test(core, test_numfmt_short_decimals_match_exact);
    tcase_add_test(core, test_numfmt_trimmed_matches_printf);
    tcase_set_timeout(core, 300);
    suite_add_tcase(su, core);

    sr = srunner_create(su);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
