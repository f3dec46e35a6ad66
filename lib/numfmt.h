/* SPDX-License-Identifier: GPL-3.0-or-later */
/* numfmt.h — doubles as decimal text, exact and locale-independent
 * (numfmt.c). Internal; not installed. */
#ifndef CURTAIL_NUMFMT_H
#define CURTAIL_NUMFMT_H

#include <stddef.h>

/* Room cu_numfmt needs (no NUL is written). */
#define CU_NUMFMT_MAX 64
/* Room cu_numfmt_fixed needs for `decimals` places. */
#define CU_NUMFMT_FIXED_MAX(decimals) (320 + (size_t)(decimals))

/* The text cu_buf_num writes: "0" for zero (either sign) and non-finite
 * values; integers below 1e15 as integers; else the fewest of 15, 16 or 17
 * significant digits that read back exactly, in printf's %g layout, with
 * plain decimals instead of an exponent where they read back and the
 * decimal exponent is in [-30, 21). Returns the length. */
size_t cu_numfmt(char *out, double v);

/* As cu_numfmt but never the plain-decimal substitute for an exponent:
 * printf's "%.*g" with the fewest of (<= 15), 16, 17 digits that read back,
 * at most 24 characters ("-1.2345678901234567e-308"). For LP and MPS files,
 * whose readers limit a number's length (clp: 25 characters). */
size_t cu_numfmt_short(char *out, double v);

/* printf's "%.*f" in the C locale (ties to even on the exact value, "-0.00"
 * for a small negative); non-finite values as 0. Returns the length. */
size_t cu_numfmt_fixed(char *out, double v, int decimals);

/* cu_numfmt_fixed's text with the trailing zeros of its places dropped,
 * and the point when no place is left ("12.50" -> "12.5", "3.00" -> "3");
 * "0" for one that is all zeros ("-0.00"). Room: CU_NUMFMT_FIXED_MAX. */
size_t cu_numfmt_trimmed(char *out, double v, int decimals);

/* The same texts by the exact big-integer path alone, without the 128-bit
 * fast path for ordinary magnitudes (for tests: the two must agree).
 * plain: 1 as cu_numfmt, 0 as cu_numfmt_short. */
size_t cu_numfmt_exact(char *out, double v, int plain);
size_t cu_numfmt_fixed_exact(char *out, double v, int decimals);

#endif
