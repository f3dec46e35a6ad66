/* SPDX-License-Identifier: GPL-3.0-or-later */
/* numfmt_fast.c — the fast path of numfmt.c: the same texts, for ordinary
 * magnitudes, in 64- and 128-bit integers.
 *
 * For ordinary magnitudes the exact value fits machine integers: with
 * |v| = m * 2^e (m < 2^53) and a scale 10^s, 0 <= s <= 27, the product
 * m * 5^s is below 2^53 * 5^27 < 2^116, an unsigned 128-bit integer, and
 * floor(|v| * 10^s) is that product shifted by e + s bits, the bits shifted
 * out giving the sticky bit. One such product with s chosen so that
 * floor(|v| * 10^s) has 18 or 19 digits yields the correctly rounded 15,
 * 16 and 17 significant digits (the dropped digits and the sticky bit
 * decide the rounding); two more, of the ends of v's rounding interval at
 * the same scale, decide exactly whether a candidate reads back (the
 * interval test of Ryu, Adams PLDI 2018, without its approximate tables:
 * here nothing is approximate). The rules are those of the exact path
 * (numfmt.c), digit for digit; anything outside the range (|v| below about
 * 1e-10 or from 1e17 on, subnormals, a log10 disagreeing with the exact
 * exponent) goes to the exact path. Without unsigned __int128 everything
 * takes the exact path. */
#include "numfmt_fast.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#ifdef NUMFMT_FAST
__extension__ typedef unsigned __int128 u128;

/* 5^0 .. 5^27, the largest below 2^64 */
static const uint64_t pow5_u64[28] = {
    UINT64_C(1),
    UINT64_C(5),
    UINT64_C(25),
    UINT64_C(125),
    UINT64_C(625),
    UINT64_C(3125),
    UINT64_C(15625),
    UINT64_C(78125),
    UINT64_C(390625),
    UINT64_C(1953125),
    UINT64_C(9765625),
    UINT64_C(48828125),
    UINT64_C(244140625),
    UINT64_C(1220703125),
    UINT64_C(6103515625),
    UINT64_C(30517578125),
    UINT64_C(152587890625),
    UINT64_C(762939453125),
    UINT64_C(3814697265625),
    UINT64_C(19073486328125),
    UINT64_C(95367431640625),
    UINT64_C(476837158203125),
    UINT64_C(2384185791015625),
    UINT64_C(11920928955078125),
    UINT64_C(59604644775390625),
    UINT64_C(298023223876953125),
    UINT64_C(1490116119384765625),
    UINT64_C(7450580596923828125)};

/* 9e18 / 10^d, d = 0 .. 19: below it |v| * 10^d fits the fixed fast paths
 * (a table: no division a number) */
static const double fixed_limit[20] = {9e18,      9e18 / 1e1,  9e18 / 1e2,  9e18 / 1e3,
                                       9e18 / 1e4,  9e18 / 1e5,  9e18 / 1e6,  9e18 / 1e7,
                                       9e18 / 1e8,  9e18 / 1e9,  9e18 / 1e10, 9e18 / 1e11,
                                       9e18 / 1e12, 9e18 / 1e13, 9e18 / 1e14, 9e18 / 1e15,
                                       9e18 / 1e16, 9e18 / 1e17, 9e18 / 1e18, 9e18 / 1e19};

/* x * 10^-decimals in "%.*f" layout. */
static size_t put_fixed_u64(char *out, int neg, uint64_t x, int decimals)
{
    char d[24];
    size_t nd = cu_nf_put_u64(d, x);
    return cu_nf_put_fixed_digits(out, neg, d, nd, decimals);
}

/* floor(mant * 2^e2 * 10^s), 0 <= s <= 27, mant < 2^61; the caller knows
 * the result is below 2^64. *sticky: a nonzero fraction was dropped. */
static uint64_t fast_scaled(uint64_t mant, int e2, int s, int *sticky)
{
    u128 p = (u128)mant * pow5_u64[s];
    int sh = e2 + s;
    uint64_t t;
    if (sh >= 0) {
        *sticky = 0;
        return (uint64_t)(p << sh);
    }
    if (sh <= -128) {
        *sticky = p != 0;
        return 0;
    }
    t = (uint64_t)(p >> -sh);
    *sticky = ((u128)t << -sh) != p;
    return t;
}

/* t / 10^k and t % 10^k for k in 1..4, by constants */
static uint64_t div_pow10(uint64_t t, int k, uint64_t *rem)
{
    uint64_t q;
    switch (k) {
    case 1:
        q = t / 10;
        break;
    case 2:
        q = t / 100;
        break;
    case 3:
        q = t / 1000;
        break;
    default:
        q = t / 10000;
        break;
    }
    *rem = t - q * cu_nf_pow10[k];
    return q;
}

/* Drop q's trailing decimal zeros, up to 15 (8 + 4 + 2 + 1), lowering *digits
 * by as many. */
static inline void drop_zeros(uint64_t *q, int *digits)
{
    if (*q % 100000000 == 0) {
        *q /= 100000000;
        *digits -= 8;
    }
    if (*q % 10000 == 0) {
        *q /= 10000;
        *digits -= 4;
    }
    if (*q % 100 == 0) {
        *q /= 100;
        *digits -= 2;
    }
    if (*q % 10 == 0) {
        *q /= 10;
        (*digits)--;
    }
}

/* cu_numfmt / cu_numfmt_short of a normal, non-integer-path v, or 0 where
 * the exact path must decide. */
size_t cu_nf_fast(char *out, const fp *f, double a, int neg, int plain)
{
    int e2 = f->e + 52; /* floor(log2 |v|): v is normal */
    int est = (e2 * 78913) >> 18; /* floor(e2 log10 2) for |e2| < 1650 */
    int s, sh, k, nt, e10, n, prec, exp10, st, incl;
    uint64_t t, w, q = 0;
    u128 p, five, lo, hi;
    if (est < -10 || est > 16)
        return 0;
    /* 10^est <= |v| < 10^(est + 2), so t = floor(|v| 10^s) has 18 or 19
     * digits; p = m 5^s = |v| 10^s 2^k exactly (k = 0 when |v| 10^s is
     * an integer, p then shifted to it) */
    s = 17 - est;
    p = (u128)f->m * pow5_u64[s];
    five = pow5_u64[s];
    sh = f->e + s;
    if (sh >= 0) {
        p <<= sh;
        five <<= sh;
        k = 0;
        t = (uint64_t)p;
        st = 0;
    } else {
        /* k = 35 - e2 + est <= 58 in this range: shifts within 64 bits */
        uint64_t plo = (uint64_t)p, phi = (uint64_t)(p >> 64);
        k = -sh;
        t = (plo >> k) | (phi << (64 - k));
        st = (plo << (64 - k)) != 0;
    }
    nt = t >= cu_nf_pow10[18] ? 19 : 18;
    e10 = nt - 1 - s; /* floor(log10 |v|), exactly */
    /* v's rounding interval times 10^s 2^(k+2): (4m -+ 2 or 1) 5^s, below 2^118 */
    lo = 4 * p - (f->lower_closer ? five : 2 * five);
    hi = 4 * p + 2 * five;
    incl = (f->m & 1) == 0;
    /* w <= half the interval's width (a quick no), in units of t */
    w = (uint64_t)(five >> (k + 1));
    for (n = 15; n <= 17; n++) {
        int drop = nt - n, up;
        uint64_t r, half = cu_nf_pow10[drop] / 2;
        u128 x;
        q = div_pow10(t, drop, &r);
        up = r > half || (r == half && (st || (q & 1)));
        q += (uint64_t)up;
        if (n == 17)
            break;
        /* the candidate lies at least r (down) or 10^drop - r - 1 (up)
         * units of t from v: beyond w + 1, outside the interval */
        if ((up ? cu_nf_pow10[drop] - r - 1 : r) > w + 1)
            continue;
        /* the candidate times 10^s 2^(k+2); q 10^drop <= 10^19, k + 2 <= 60 */
        {
            uint64_t c = q * cu_nf_pow10[drop];
            x = ((u128)(c >> (62 - k)) << 64) | (u128)(c << (k + 2));
        }
        if ((x > lo || (x == lo && incl)) && (x < hi || (x == hi && incl)))
            break;
    }
    exp10 = e10;
    if (q == cu_nf_pow10[n]) { /* rounded up to the next power of ten */
        q = cu_nf_pow10[n - 1];
        exp10++;
    }
    prec = n;
    if (n == 15) /* q >= 10^14: at most 14 trailing zeros */
        drop_zeros(&q, &prec);
    if (plain && (exp10 < -4 || exp10 >= prec)) {
        /* The exact path's plain decimals, with its log10: the same
         * digits, rounded at the same place, when log10 agrees. */
        if ((int)floor(log10(a)) != e10)
            return 0;
        if (exp10 < -4) /* q * 10^(exp10 - e10) with prec - 1 - e10 places */
            return put_fixed_u64(out, neg, exp10 > e10 ? q * 10 : q, prec - 1 - e10);
        /* no places: |v| rounded to an integer, which is v when v is one */
        if (a >= 18446744073709551616.0 || a != (double)(uint64_t)a)
            return 0;
        return put_fixed_u64(out, neg, (uint64_t)a, 0);
    }
    return cu_nf_put_g(out, neg, q, prec, exp10);
}

/* q * 10^-k (1 <= k <= 19) in "%.*f" layout at out + len: "12.34",
 * "0.0012"; the new length. Copies pieces of fixed size (24 bytes) and so
 * may write anywhere in the first len + 48 bytes of out. */
static size_t put_point(char *out, size_t len, uint64_t q, int k)
{
    static const char zeros[24] = "0.000000000000000000000";
    char d[48];
    int nd = (int)cu_nf_put_u64(d, q);
    if (nd > k) { /* int.frac: the digits, then the last k moved one on */
        memcpy(out + len, d, 24);
        len += (size_t)(nd - k);
        out[len++] = '.';
        memcpy(out + len, d + nd - k, 24);
        return len + (size_t)k;
    }
    memcpy(out + len, zeros, 24); /* 0.000ddd: k - nd zeros */
    len += 2 + (size_t)(k - nd);
    memcpy(out + len, d, 24);
    return len + (size_t)nd;
}

/* The short decimals, by one multiplication and one division of doubles.
 * With a < 10^(est+2) and K = 13 - est places, Q = a 10^K rounded is below
 * 10^15 < 2^50; if a is the double nearest some D = Q' / 10^K (Q' below
 * 10^15), then |a 10^K - Q'| <= Q' 2^-53 < 1/8 and the product's rounding
 * adds less than 1/8, so Q = Q'; and Q / 10^K in doubles (both exact,
 * K <= 18) is correctly rounded, so it equals a exactly when D = Q / 10^K
 * reads back as a. Such a D of at most 15 significant digits lies within
 * half an ulp of a, less than half a unit of a's 15th digit, so the 15-digit
 * rounding of the exact path is D, and its text, trailing zeros dropped, is
 * D's shortest: %g's fixed layout (a >= 1e-4, not an integer) of Q with its
 * trailing zeros dropped and as many fewer places. */
size_t cu_nf_short_decimal(char *out, const fp *f, double a, int neg)
{
    static const double p10d[19] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,
                                    1e7,  1e8,  1e9,  1e10, 1e11, 1e12, 1e13,
                                    1e14, 1e15, 1e16, 1e17, 1e18};
    int e2 = f->e + 52;
    int est = (e2 * 78913) >> 18; /* floor(e2 log10 2): 10^est <= a < 10^(est + 2) */
    int k = 13 - est;
    uint64_t q;
    size_t len = 0;
    if (!(a >= 1e-4) || k < 1 || k > 18)
        return 0;
    q = (uint64_t)(a * p10d[k] + 0.5);
    if ((double)q / p10d[k] != a)
        return 0;
    drop_zeros(&q, &k); /* q < 10^15, a not an integer: fewer than k zeros */
    if (neg)
        out[len++] = '-';
    return put_point(out, len, q, k);
}

/* |v| 10^decimals rounded half to even (the caller checked fixed_limit). */
static inline uint64_t fixed_rounded(const fp *f, int decimals)
{
    int sticky;
    uint64_t t = fast_scaled(f->m, f->e + 1, decimals, &sticky); /* floor(2 |v| 10^d) */
    uint64_t q = t >> 1;
    if ((t & 1) && (sticky || (q & 1)))
        q++;
    return q;
}

/* cu_numfmt_fixed of a finite nonzero v when |v| * 10^decimals is below
 * 9e18 and decimals <= 19, else 0. */
size_t cu_nf_fixed_fast(char *out, const fp *f, double a, int neg, int decimals)
{
    if (decimals > 19 || a >= fixed_limit[decimals])
        return 0;
    return put_fixed_u64(out, neg, fixed_rounded(f, decimals), decimals);
}

/* cu_numfmt_trimmed of a finite nonzero v under the same conditions as
 * cu_nf_fixed_fast, else 0: its rounded digits, trailing zeros dropped
 * with as many places, "0" for a value that rounds to zero. */
size_t cu_nf_trimmed_fast(char *out, const fp *f, double a, int neg, int decimals)
{
    uint64_t q;
    int k = decimals;
    size_t len = 0;
    if (decimals > 19 || a >= fixed_limit[decimals])
        return 0;
    q = fixed_rounded(f, decimals);
    if (q == 0) {
        out[0] = '0';
        return 1;
    }
    while (k > 0 && q % 10 == 0) {
        q /= 10;
        k--;
    }
    if (neg)
        out[len++] = '-';
    if (k == 0)
        return len + cu_nf_put_u64(out + len, q);
    return put_point(out, len, q, k);
}
#else
/* no unsigned __int128: numfmt.c takes the exact path for everything */
typedef int cu_nf_no_fast_path;
#endif
