/* SPDX-License-Identifier: GPL-3.0-or-later */
/* numfmt.c — doubles as decimal text, exactly and without the C library's
 * locale (SPEC §7: numbers with '.' whatever the caller's locale).
 *
 * Everything here is integer arithmetic on the double's exact value
 * m * 2^e. The one primitive is floor(|v| * 10^s) with a sticky bit (was
 * anything dropped), computed on a small fixed-size big integer whose used
 * length follows the operands, so that an everyday number (a few limbs)
 * costs a few hundred instructions and a subnormal still comes out exact.
 * On it rest: the correctly rounded N significant digits ("%.*e" with ties
 * to even, as glibc prints), the correctly rounded fixed form ("%.*f"), and
 * the round-trip test ("does strtod give v back") as an exact comparison of
 * a decimal against v's rounding interval, the idea of Ryu (Adams, PLDI 2018)
 * without its tables.
 *
 * cu_numfmt keeps the text of the former printf-based cu_buf_num byte for
 * byte (the goldens depend on it): integers below 1e15 as integers, else the
 * shortest of 15/16/17 significant digits that reads back, in %g layout, and
 * a fixed layout instead of an exponent where it reads back and the decimal
 * exponent is in [-30, 21).
 *
 * The 128-bit fast path for ordinary magnitudes, which gives the same bytes,
 * is numfmt_fast.c. */
#include "numfmt.h"
#include "numfmt_fast.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#define BIG_LIMBS 40 /* 1280 bits: the largest operand is about 1180 bits */

typedef struct big {
    int n; /* limbs in use; w[n-1] != 0, or n == 0 for zero */
    uint32_t w[BIG_LIMBS];
} big;

static void big_set_u64(big *b, uint64_t x)
{
    b->n = 0;
    while (x) {
        b->w[b->n++] = (uint32_t)x;
        x >>= 32;
    }
}

static void big_mul_small(big *b, uint32_t k)
{
    uint64_t carry = 0;
    int i;
    for (i = 0; i < b->n; i++) {
        uint64_t t = (uint64_t)b->w[i] * k + carry;
        b->w[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (carry && b->n < BIG_LIMBS)
        b->w[b->n++] = (uint32_t)carry;
}

static void big_mul_pow5(big *b, int k)
{
    static const uint32_t pow5[14] = {1,       5,        25,        125,       625,
                                      3125,    15625,    78125,     390625,    1953125,
                                      9765625, 48828125, 244140625, 1220703125};
    while (k >= 13) {
        big_mul_small(b, pow5[13]);
        k -= 13;
    }
    if (k > 0)
        big_mul_small(b, pow5[k]);
}

static void big_shl(big *b, int sh)
{
    int limbs = sh / 32, bits = sh % 32, i;
    if (b->n == 0 || sh == 0)
        return;
    if (bits) {
        uint32_t top = b->w[b->n - 1] >> (32 - bits);
        for (i = b->n - 1; i > 0; i--)
            b->w[i] = (b->w[i] << bits) | (b->w[i - 1] >> (32 - bits));
        b->w[0] <<= bits;
        if (top && b->n < BIG_LIMBS)
            b->w[b->n++] = top;
    }
    if (limbs) {
        if (b->n + limbs > BIG_LIMBS)
            limbs = BIG_LIMBS - b->n;
        memmove(b->w + limbs, b->w, (size_t)b->n * sizeof b->w[0]);
        memset(b->w, 0, (size_t)limbs * sizeof b->w[0]);
        b->n += limbs;
    }
}

/* b >>= sh; *sticky |= any bit shifted out was set */
static void big_shr(big *b, int sh, int *sticky)
{
    int limbs = sh / 32, bits = sh % 32, i;
    if (b->n == 0 || sh == 0)
        return;
    if (limbs >= b->n) {
        *sticky = 1;
        b->n = 0;
        return;
    }
    for (i = 0; i < limbs; i++)
        if (b->w[i])
            *sticky = 1;
    if (bits && (b->w[limbs] & ((1u << bits) - 1)))
        *sticky = 1;
    for (i = 0; i + limbs < b->n; i++) {
        uint32_t lo = b->w[i + limbs] >> bits;
        uint32_t hi = (bits && i + limbs + 1 < b->n) ? b->w[i + limbs + 1] << (32 - bits) : 0;
        b->w[i] = lo | hi;
    }
    b->n -= limbs;
    while (b->n > 0 && b->w[b->n - 1] == 0)
        b->n--;
}

/* b /= d; returns the remainder */
static uint32_t big_div_small(big *b, uint32_t d)
{
    uint64_t rem = 0;
    int i;
    for (i = b->n - 1; i >= 0; i--) {
        uint64_t cur = (rem << 32) | b->w[i];
        b->w[i] = (uint32_t)(cur / d);
        rem = cur % d;
    }
    while (b->n > 0 && b->w[b->n - 1] == 0)
        b->n--;
    return (uint32_t)rem;
}

static void big_div_pow5(big *b, int k, int *sticky)
{
    static const uint32_t pow5[14] = {1,       5,        25,        125,       625,
                                      3125,    15625,    78125,     390625,    1953125,
                                      9765625, 48828125, 244140625, 1220703125};
    while (k > 0) {
        int step = k > 13 ? 13 : k;
        if (big_div_small(b, pow5[step]))
            *sticky = 1;
        k -= step;
    }
}

static int big_cmp(const big *a, const big *b)
{
    int i;
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (i = a->n - 1; i >= 0; i--)
        if (a->w[i] != b->w[i])
            return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

/* ---- the exact value of a double ------------------------------------------------------ */
static fp fp_of(double v)
{
    uint64_t bits;
    fp f;
    int ex;
    memcpy(&bits, &v, sizeof bits);
    ex = (int)((bits >> 52) & 0x7ff);
    f.m = bits & ((UINT64_C(1) << 52) - 1);
    f.lower_closer = 0;
    if (ex == 0) {
        f.e = -1074;
    } else {
        f.lower_closer = f.m == 0 && ex > 1;
        f.m |= UINT64_C(1) << 52;
        f.e = ex - 1075;
    }
    return f;
}

/* out = floor(m * 2^(e + extra2) * 10^s); *sticky set when that dropped a
 * nonzero fraction. */
static void scaled_floor(const fp *f, int s, int extra2, big *out, int *sticky)
{
    int sh = f->e + extra2 + s; /* 10^s = 5^s * 2^s */
    *sticky = 0;
    big_set_u64(out, f->m);
    if (s >= 0) {
        big_mul_pow5(out, s);
        if (sh >= 0)
            big_shl(out, sh);
        else
            big_shr(out, -sh, sticky);
        return;
    }
    if (sh >= 0)
        big_shl(out, sh);
    else
        big_shr(out, -sh, sticky);
    big_div_pow5(out, -s, sticky);
}

/* Does the decimal d * 10^k read back as v (= f), i.e. lie in v's rounding
 * interval, its ends included when v's significand is even (ties to even)? */
static int reads_back(const fp *f, const big *d, int k)
{
    big lhs, rhs;
    int a2 = k - (f->e - 2), c, incl = (f->m & 1) == 0;
    uint64_t lo = 4 * f->m - (f->lower_closer ? 1 : 2), hi = 4 * f->m + 2;
    /* compare d * 5^k * 2^k with L * 2^(e-2) and U * 2^(e-2) */
    lhs = *d;
    if (k >= 0)
        big_mul_pow5(&lhs, k);
    if (a2 >= 0)
        big_shl(&lhs, a2);
    big_set_u64(&rhs, lo);
    if (k < 0)
        big_mul_pow5(&rhs, -k);
    if (a2 < 0)
        big_shl(&rhs, -a2);
    c = big_cmp(&lhs, &rhs);
    if (c < 0 || (c == 0 && !incl))
        return 0;
    big_set_u64(&rhs, hi);
    if (k < 0)
        big_mul_pow5(&rhs, -k);
    if (a2 < 0)
        big_shl(&rhs, -a2);
    c = big_cmp(&lhs, &rhs);
    return c < 0 || (c == 0 && incl);
}

const uint64_t cu_nf_pow10[20] = {1ULL,
                                       10ULL,
                                       100ULL,
                                       1000ULL,
                                       10000ULL,
                                       100000ULL,
                                       1000000ULL,
                                       10000000ULL,
                                       100000000ULL,
                                       1000000000ULL,
                                       10000000000ULL,
                                       100000000000ULL,
                                       1000000000000ULL,
                                       10000000000000ULL,
                                       100000000000000ULL,
                                       1000000000000000ULL,
                                       10000000000000000ULL,
                                       100000000000000000ULL,
                                       1000000000000000000ULL,
                                       10000000000000000000ULL};

static uint64_t big_to_u64(const big *b)
{
    uint64_t x = 0;
    if (b->n > 1)
        x = (uint64_t)b->w[1] << 32;
    if (b->n > 0)
        x |= b->w[0];
    return x;
}

/* The first n (1..17) significant digits of |v| correctly rounded (ties to
 * even on the exact value): |v| ~ *digits * 10^(*exp10 - n + 1), with
 * 10^(n-1) <= *digits < 10^n. */
static void sig_digits(const fp *f, int n, uint64_t *digits, int *exp10)
{
    int e2 = f->e + 63 - __builtin_clzll(f->m); /* floor(log2 |v|) */
    int est = (int)floor(e2 * 0.30102999566398120), drop, sticky;
    uint64_t t, q, r, half;
    big b;
    /* t = floor(|v| * 10^(n - est)): n+1 digits when 10^est <= |v|, else n+2 */
    scaled_floor(f, n - est, 0, &b, &sticky);
    t = big_to_u64(&b);
    drop = t >= cu_nf_pow10[n + 1] ? 2 : 1;
    *exp10 = est + drop - 1;
    q = t / cu_nf_pow10[drop];
    r = t % cu_nf_pow10[drop];
    half = cu_nf_pow10[drop] / 2;
    if (r > half || (r == half && (sticky || (q & 1))))
        q++;
    if (q == cu_nf_pow10[n]) {
        q = cu_nf_pow10[n - 1];
        ++*exp10;
    }
    *digits = q;
}

/* ---- text -------------------------------------------------------------------------------- */

static const char digit_pairs[201] = "00010203040506070809"
                                     "10111213141516171819"
                                     "20212223242526272829"
                                     "30313233343536373839"
                                     "40414243444546474849"
                                     "50515253545556575859"
                                     "60616263646566676869"
                                     "70717273747576777879"
                                     "80818283848586878889"
                                     "90919293949596979899";

/* The number of decimal digits of x (1 for 0). */
static int count_digits(uint64_t x)
{
    int t = ((64 - __builtin_clzll(x | 1)) * 1233) >> 12; /* ~ log10(x) */
    return t - ((x | 1) < cu_nf_pow10[t]) + 1;
}

/* The 8 decimal digits of x < 10^8 (leading zeros included) into out. */
static void put_8digits(char *out, uint32_t x)
{
    /* t / 2^48 = x / 10^6 plus less than 4e-7 (281474977 = ceil(2^48 /
     * 10^6)): the integer part is the first two digits, and each fraction
     * times 100 gives the next two, the error growing to under 0.4 of the
     * last pair's unit (checked for all 10^8 values against division) */
    const uint64_t mask = (UINT64_C(1) << 48) - 1;
    uint64_t t = (uint64_t)x * UINT64_C(281474977);
    memcpy(out, digit_pairs + 2 * (t >> 48), 2);
    t = (t & mask) * 100;
    memcpy(out + 2, digit_pairs + 2 * (t >> 48), 2);
    t = (t & mask) * 100;
    memcpy(out + 4, digit_pairs + 2 * (t >> 48), 2);
    t = (t & mask) * 100;
    memcpy(out + 6, digit_pairs + 2 * (t >> 48), 2);
}

/* x's decimal digits, exactly n of them (n = count_digits(x)), into out. */
static void put_digits(char *out, uint64_t x, int n)
{
    while (n > 8) {
        uint64_t q = x / 100000000;
        n -= 8;
        put_8digits(out + n, (uint32_t)(x - q * 100000000));
        x = q;
    }
    {
        uint32_t y = (uint32_t)x;
        while (y >= 100) {
            uint32_t q = y / 100;
            n -= 2;
            memcpy(out + n, digit_pairs + 2 * (y - q * 100), 2);
            y = q;
        }
        if (y >= 10)
            memcpy(out + n - 2, digit_pairs + 2 * y, 2);
        else
            out[n - 1] = (char)('0' + y);
    }
}

size_t cu_nf_put_u64(char *out, uint64_t x)
{
    int n = count_digits(x);
    put_digits(out, x, n);
    return (size_t)n;
}

/* The decimal digits of b (destroyed) into out; their count. */
static size_t put_big(char *out, big *b)
{
    char tmp[400];
    size_t n = 0, i;
    if (b->n <= 2)
        return cu_nf_put_u64(out, big_to_u64(b));
    while (b->n > 2) {
        uint32_t r = big_div_small(b, 1000000000u);
        for (i = 0; i < 9; i++) {
            tmp[n++] = (char)('0' + r % 10);
            r /= 10;
        }
    }
    {
        uint64_t x = big_to_u64(b);
        while (x) {
            tmp[n++] = (char)('0' + x % 10);
            x /= 10;
        }
    }
    while (n > 1 && tmp[n - 1] == '0')
        n--;
    for (i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

/* "%.*g" of digits * 10^(exp10 - n + 1) (n digits, v's sign given): the
 * fixed layout when -4 <= exp10 < n, else d.ddde±XX; trailing zeros dropped.
 * Copies pieces of fixed size (24 bytes) and so may write anywhere in the
 * first CU_NUMFMT_MAX bytes of out. */
size_t cu_nf_put_g(char *out, int neg, uint64_t digits, int n, int exp10)
{
    char d[48];
    size_t len = 0;
    int nd;
    put_digits(d, digits, n);
    nd = n;
    while (nd > 1 && d[nd - 1] == '0')
        nd--;
    if (neg)
        out[len++] = '-';
    if (exp10 >= -4 && exp10 < n) {
        if (exp10 >= 0) {
            memcpy(out + len, d, 24);
            if (nd > exp10 + 1) {
                len += (size_t)exp10 + 1;
                out[len++] = '.';
                memcpy(out + len, d + exp10 + 1, 24);
                len += (size_t)(nd - exp10 - 1);
            } else {
                len += (size_t)nd;
                memset(out + len, '0', (size_t)(exp10 + 1 - nd));
                len += (size_t)(exp10 + 1 - nd);
            }
        } else {
            memcpy(out + len, "0.000", 5);
            len += 2 + (size_t)(-exp10 - 1);
            memcpy(out + len, d, 24);
            len += (size_t)nd;
        }
        return len;
    }
    out[len++] = d[0];
    if (nd > 1) {
        out[len++] = '.';
        memcpy(out + len, d + 1, 24);
        len += (size_t)nd - 1;
    }
    out[len++] = 'e';
    out[len++] = exp10 < 0 ? '-' : '+';
    if (exp10 < 0)
        exp10 = -exp10;
    if (exp10 < 10)
        out[len++] = '0';
    len += cu_nf_put_u64(out + len, (uint64_t)exp10);
    return len;
}

/* b = |v| * 10^decimals rounded to an integer, ties to even ("%.*f"). */
static void round_fixed(const fp *f, int decimals, big *b)
{
    int sticky, half, i, dropped = 0;
    scaled_floor(f, decimals, 1, b, &sticky); /* floor(2 |v| 10^d) */
    half = b->n > 0 && (b->w[0] & 1);
    big_shr(b, 1, &dropped); /* the half bit, tested apart */
    if (!half || (!sticky && !(b->n > 0 && (b->w[0] & 1))))
        return;
    for (i = 0; i < b->n; i++) /* b += 1 */
        if (++b->w[i] != 0)
            break;
    if (i == b->n && b->n < BIG_LIMBS)
        b->w[b->n++] = 1;
}

/* The decimal digits d[0..nd) times 10^-decimals in "%.*f" layout. */
size_t cu_nf_put_fixed_digits(char *out, int neg, const char *d, size_t nd, int decimals)
{
    size_t len = 0, dec = (size_t)decimals;
    if (neg)
        out[len++] = '-';
    if (dec == 0) {
        memcpy(out + len, d, nd);
        return len + nd;
    }
    if (nd <= dec) {
        out[len++] = '0';
        out[len++] = '.';
        memset(out + len, '0', dec - nd);
        len += dec - nd;
        memcpy(out + len, d, nd);
        return len + nd;
    }
    memcpy(out + len, d, nd - dec);
    len += nd - dec;
    out[len++] = '.';
    memcpy(out + len, d + nd - dec, dec);
    return len + dec;
}

/* b (destroyed) * 10^-decimals in "%.*f" layout. */
static size_t put_fixed(char *out, int neg, big *b, int decimals)
{
    char d[400];
    size_t nd = put_big(d, b);
    return cu_nf_put_fixed_digits(out, neg, d, nd, decimals);
}

size_t cu_numfmt_fixed(char *out, double v, int decimals)
{
#ifdef NUMFMT_FAST
    if (decimals >= 0 && isfinite(v) && v != 0.0) {
        fp f = fp_of(v);
        size_t len = cu_nf_fixed_fast(out, &f, fabs(v), v < 0, decimals);
        if (len)
            return len;
    }
#endif
    return cu_numfmt_fixed_exact(out, v, decimals);
}

size_t cu_numfmt_trimmed(char *out, double v, int decimals)
{
    size_t n;
#ifdef NUMFMT_FAST
    if (decimals >= 0 && isfinite(v) && v != 0.0) {
        fp f = fp_of(v);
        n = cu_nf_trimmed_fast(out, &f, fabs(v), v < 0, decimals);
        if (n)
            return n;
    }
#endif
    n = cu_numfmt_fixed_exact(out, v, decimals);
    if (memchr(out, '.', n)) {
        while (n > 0 && out[n - 1] == '0')
            n--;
        if (n > 0 && out[n - 1] == '.')
            n--;
    }
    if (n == 2 && out[0] == '-' && out[1] == '0') {
        out[0] = '0';
        n = 1;
    }
    return n;
}

size_t cu_numfmt_fixed_exact(char *out, double v, int decimals)
{
    fp f;
    big b;
    if (decimals < 0)
        decimals = 0;
    if (!isfinite(v))
        v = 0.0;
    if (v == 0.0) {
        b.n = 0;
        return put_fixed(out, signbit(v) != 0, &b, decimals);
    }
    f = fp_of(v);
    round_fixed(&f, decimals, &b);
    return put_fixed(out, v < 0, &b, decimals);
}

/* Does the P-digit rounding of v read back? */
static int digits_read_back(const fp *f, uint64_t digits, int n, int exp10)
{
    big d;
    big_set_u64(&d, digits);
    return reads_back(f, &d, exp10 - n + 1);
}

static size_t numfmt(char *out, double v, int plain, int fast);

size_t cu_numfmt(char *out, double v)
{
    return numfmt(out, v, 1, 1);
}

size_t cu_numfmt_short(char *out, double v)
{
    return numfmt(out, v, 0, 1);
}

size_t cu_numfmt_exact(char *out, double v, int plain)
{
    return numfmt(out, v, plain != 0, 0);
}

static size_t numfmt(char *out, double v, int plain, int fast)
{
    fp f;
    uint64_t digits;
    int exp10, prec, neg = signbit(v) != 0;
    double a = fabs(v);
    size_t len;
    if (!isfinite(v) || v == 0.0) {
        out[0] = '0';
        return 1;
    }
    f = fp_of(v);
    if (a < DBL_MIN) { /* subnormal: the shortest precision that reads back */
        for (prec = 1; prec < 17; prec++) {
            sig_digits(&f, prec, &digits, &exp10);
            if (digits_read_back(&f, digits, prec, exp10))
                break;
        }
        if (prec == 17)
            sig_digits(&f, prec, &digits, &exp10);
        return cu_nf_put_g(out, neg, digits, prec, exp10);
    }
    if (a < 1e15 && a == (double)(int64_t)a) {
        len = 0;
        if (neg)
            out[len++] = '-';
        return len + cu_nf_put_u64(out + len, (uint64_t)a);
    }
#ifdef NUMFMT_FAST
    if (fast && (len = cu_nf_short_decimal(out, &f, a, neg)) != 0)
        return len;
    if (fast && (len = cu_nf_fast(out, &f, a, neg, plain)) != 0)
        return len;
#else
    (void)fast;
#endif
    sig_digits(&f, 15, &digits, &exp10);
    if (digits_read_back(&f, digits, 15, exp10)) {
        prec = 15;
        while (prec > 1 && digits % 10 == 0) {
            digits /= 10;
            prec--;
        }
    } else {
        sig_digits(&f, 16, &digits, &exp10);
        prec = 16;
        if (!digits_read_back(&f, digits, 16, exp10)) {
            sig_digits(&f, 17, &digits, &exp10);
            prec = 17;
        }
    }
    if (plain && (exp10 < -4 || exp10 >= prec)) {
        /* an exponent: plain decimals instead where they read back */
        int e10 = (int)floor(log10(a));
        int decimals = prec - 1 - e10;
        if (decimals < 0)
            decimals = 0;
        if (e10 >= -30 && e10 < 21) {
            big d;
            round_fixed(&f, decimals, &d);
            if (d.n > 0 && reads_back(&f, &d, -decimals))
                return put_fixed(out, neg, &d, decimals);
        }
    }
    return cu_nf_put_g(out, neg, digits, prec, exp10);
}
