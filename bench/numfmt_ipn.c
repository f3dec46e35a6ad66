#define _POSIX_C_SOURCE 200809L
/* Instructions per number of cu_numfmt (cu_buf_num's formatter), for
 * valgrind --tool=callgrind --toggle-collect=cu_numfmt:
 *
 *   gcc -O2 -Ilib bench/numfmt_ipn.c build/libcurtail.a -lm -o /tmp/numfmt_ipn
 *   valgrind --tool=callgrind --toggle-collect=cu_numfmt \
 *       --callgrind-out-file=/tmp/ipn.out /tmp/numfmt_ipn CLASS [N]
 *   callgrind_annotate /tmp/ipn.out | head   (total / N)
 *
 * CLASS: few   k / 10^d, k < 10^6, d = 0..6 (loads, shares, kg/d);
 *        quot  full-precision quotients a / b (reductions, objectives);
 *        bits  random bit patterns (all exponents; zero/inf/nan skipped);
 *        FILE  (any other word) the numbers in that text file, one per line,
 *              cycled to N (e.g. those of a plan's JSON output).
 * Prints the characters written (a checksum of sorts) and the wall time
 * per number of the formatting loop alone. */
#include "numfmt.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

int main(int argc, char **argv)
{
    static const double p10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    const char *cls = argc > 1 ? argv[1] : "few";
    long n = argc > 2 ? atol(argv[2]) : 100000, i;
    double *v = malloc((size_t)n * sizeof *v);
    uint64_t s = 12345, total = 0;
    char out[CU_NUMFMT_MAX];
    struct timespec t0, t1;
    if (!v)
        return 1;
    if (strcmp(cls, "few") != 0 && strcmp(cls, "quot") != 0 && strcmp(cls, "bits") != 0) {
        FILE *f = fopen(cls, "r");
        long got = 0;
        if (!f)
            return 1;
        while (got < n && fscanf(f, "%lf", &v[got]) == 1)
            got++;
        fclose(f);
        if (got == 0)
            return 1;
        for (i = got; i < n; i++)
            v[i] = v[i - got];
    } else
    for (i = 0; i < n; i++) {
        uint64_t r = rng_next(&s);
        if (strcmp(cls, "few") == 0) {
            v[i] = (double)(r % 1000000) / p10[(r >> 32) % 7];
        } else if (strcmp(cls, "quot") == 0) {
            v[i] = (double)(1 + r % 100000000) / (double)(1 + (r >> 32) % 9999);
        } else {
            memcpy(&v[i], &r, sizeof r);
            if (!isfinite(v[i]) || v[i] == 0.0)
                v[i] = 1.5;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (i = 0; i < n; i++)
        total += cu_numfmt(out, v[i]);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%s: %ld numbers, %llu characters, %.1f ns per number\n", cls, n,
           (unsigned long long)total,
           ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) / (double)n);
    free(v);
    return 0;
}
