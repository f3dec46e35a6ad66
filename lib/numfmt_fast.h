/* SPDX-License-Identifier: GPL-3.0-or-later */
/* numfmt_fast.h — what numfmt.c shares with its fast path, numfmt_fast.c;
 * private to the two (everyone else: numfmt.h). */
#ifndef CURTAIL_NUMFMT_FAST_H
#define CURTAIL_NUMFMT_FAST_H

#include <stddef.h>
#include <stdint.h>

/* The fast path needs unsigned __int128; -DCU_NUMFMT_EXACT_ONLY turns it off. */
#if defined(__SIZEOF_INT128__) && !defined(CU_NUMFMT_EXACT_ONLY)
#define NUMFMT_FAST 1
#endif

/* The exact value of a finite nonzero double. */
typedef struct fp {
    uint64_t m; /* |v| = m * 2^e, m > 0 */
    int e;
    int lower_closer; /* the gap below v is half the gap above (v a power of two) */
} fp;

/* 10^0 .. 10^19 */
extern const uint64_t cu_nf_pow10[20];

/* Text pieces (numfmt.c): x in decimal; the digits d[0..nd) times
 * 10^-decimals in "%.*f" layout; "%.*g" of digits * 10^(exp10 - n + 1). */
size_t cu_nf_put_u64(char *out, uint64_t x);
size_t cu_nf_put_fixed_digits(char *out, int neg, const char *d, size_t nd, int decimals);
size_t cu_nf_put_g(char *out, int neg, uint64_t digits, int n, int exp10);

#ifdef NUMFMT_FAST
/* cu_numfmt (plain) / cu_numfmt_short of a normal v = ±a (f its exact value)
 * that is not an integer below 1e15, or 0 where the exact path must decide. */
size_t cu_nf_fast(char *out, const fp *f, double a, int neg, int plain);
/* cu_numfmt and cu_numfmt_short of a normal, non-integer v = +-a from
 * 1e-4 up when it is the double nearest a decimal of at most 15
 * significant digits (0.8, 2274.23031848), or 0 when not. */
size_t cu_nf_short_decimal(char *out, const fp *f, double a, int neg);
/* cu_numfmt_fixed of a finite nonzero v when |v| * 10^decimals is below
 * 9e18 and decimals <= 19, else 0. */
size_t cu_nf_fixed_fast(char *out, const fp *f, double a, int neg, int decimals);
/* cu_numfmt_trimmed under the same conditions, else 0. */
size_t cu_nf_trimmed_fast(char *out, const fp *f, double a, int neg, int decimals);
#endif

#endif
