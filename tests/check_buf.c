/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_buf.c — the growable buffer's fast paths (mem.c, issue 15):
 * cu_buf_printf writing %s %c %d %u %ld %lu %zu %% itself, byte for byte
 * as vsnprintf, and falling back to it for anything else; cu_buf_room /
 * cu_buf_commit with and without a sink. */
#include "internal.h"

#include <check.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

START_TEST(test_printf_simple_conversions)
{
    cu_buf b;
    cu_buf_init(&b, NULL);
    cu_buf_printf(&b, "内置规则表第%zu条：", (size_t)16);
    ck_assert_str_eq(b.data, "内置规则表第16条：");
    b.len = 0;
    cu_buf_printf(&b, "%s|%c|%d|%u|%ld|%lu|%zu|%%|end", "ab", 'x', -2147483647 - 1, UINT_MAX,
                  LONG_MIN, ULONG_MAX, SIZE_MAX);
    {
        char want[256];
        snprintf(want, sizeof want, "%s|%c|%d|%u|%ld|%lu|%zu|%%|end", "ab", 'x',
                 -2147483647 - 1, UINT_MAX, LONG_MIN, ULONG_MAX, SIZE_MAX);
        ck_assert_str_eq(b.data, want);
        ck_assert_str_eq(b.data, "ab|x|-2147483648|4294967295|-9223372036854775808|"
                                 "18446744073709551615|18446744073709551615|%|end");
    }
    b.len = 0;
    cu_buf_printf(&b, "%d %d %u %zu", 0, 7, 0u, (size_t)0);
    ck_assert_str_eq(b.data, "0 7 0 0");
    b.len = 0;
    cu_buf_printf(&b, "%s", (const char *)"");
    ck_assert_uint_eq(b.len, 0);
    cu_buf_printf(&b, "no conversion");
    ck_assert_str_eq(b.data, "no conversion");
    ck_assert_int_eq(b.failed, 0);
    cu_buf_free(&b);
}
END_TEST

/* cu_buf_uint: one and two digits (its short cut), then any width. */
START_TEST(test_uint)
{
    static const unsigned long long v[] = {0, 7, 10, 42, 99, 100, 1000000, ULLONG_MAX};
    cu_buf b;
    size_t i;
    cu_buf_init(&b, NULL);
    for (i = 0; i < sizeof v / sizeof v[0]; i++) {
        if (i)
            cu_buf_put(&b, ",", 1);
        cu_buf_uint(&b, v[i]);
    }
    ck_assert_str_eq(b.data, "0,7,10,42,99,100,1000000,18446744073709551615");
    ck_assert_uint_eq(b.len, strlen("0,7,10,42,99,100,1000000,18446744073709551615"));
    ck_assert_int_eq(b.failed, 0);
    cu_buf_free(&b);
}
END_TEST

START_TEST(test_printf_other_conversions_fall_back)
{
    cu_buf b;
    cu_buf_init(&b, NULL);
    cu_buf_printf(&b, "%5s|%-3d|%04x|%.2f|%g|%lld", "ab", 7, 255u, 2.345, 1e-7, -5ll);
    ck_assert_str_eq(b.data, "   ab|7  |00ff|2.35|1e-07|-5");
    b.len = 0;
    /* a simple start does not hide a later complex conversion */
    cu_buf_printf(&b, "%s=%.1f", "x", 0.25);
    ck_assert_str_eq(b.data, "x=0.2");
    cu_buf_free(&b);
}
END_TEST

START_TEST(test_printf_long_text)
{
    /* longer than the 256-byte stack buffer of the vsnprintf path */
    char big[1000], want[2100];
    cu_buf b;
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    cu_buf_init(&b, NULL);
    cu_buf_printf(&b, "[%s|%s]", big, big);
    snprintf(want, sizeof want, "[%s|%s]", big, big);
    ck_assert_uint_eq(b.len, 2 * 999 + 3);
    ck_assert_str_eq(b.data, want);
    b.len = 0;
    cu_buf_printf(&b, "[%3s|%s]", big, big);
    ck_assert_str_eq(b.data, want);
    cu_buf_free(&b);
}
END_TEST

typedef struct sink_rec {
    char data[1 << 20];
    size_t len;
    int calls;
} sink_rec;

static int rec_sink(void *ctx, const char *data, size_t len)
{
    sink_rec *r = ctx;
    ck_assert_uint_le(r->len + len, sizeof r->data);
    memcpy(r->data + r->len, data, len);
    r->len += len;
    r->calls++;
    return 0;
}

START_TEST(test_room_commit)
{
    cu_buf b;
    char *p;
    static sink_rec rec;
    size_t i, total = 0;
    cu_buf_init(&b, NULL);
    p = cu_buf_room(&b, 10);
    ck_assert_ptr_nonnull(p);
    memcpy(p, "abc", 3);
    cu_buf_commit(&b, 3);
    ck_assert_str_eq(b.data, "abc");
    ck_assert_uint_eq(b.len, 3);
    cu_buf_free(&b);

    /* with a sink: the bytes written through room and commit reach it in
     * order, in pieces, and memory stays near CU_BUF_FLUSH_AT */
    memset(&rec, 0, sizeof rec);
    cu_buf_init(&b, NULL);
    cu_buf_set_sink(&b, rec_sink, &rec);
    for (i = 0; i < 20000; i++) {
        char line[32];
        int n = snprintf(line, sizeof line, "%zu,", i);
        p = cu_buf_room(&b, 6 * (size_t)n + 2);
        ck_assert_ptr_nonnull(p);
        memcpy(p, line, (size_t)n);
        cu_buf_commit(&b, (size_t)n);
        total += (size_t)n;
    }
    ck_assert_int_eq(cu_buf_flush(&b), 0);
    ck_assert_uint_eq(rec.len, total);
    ck_assert(rec.calls > 1);
    ck_assert(b.cap <= 4 * CU_BUF_FLUSH_AT); /* bounded, not the 108 890 bytes written */
    ck_assert(memcmp(rec.data, "0,1,2,", 6) == 0);
    ck_assert(memcmp(rec.data + total - 6, "19999,", 6) == 0);
    cu_buf_free(&b);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("buf");
    TCase *core = tcase_create("core");
    SRunner *sr;
    int failed;
    tcase_add_test(core, test_printf_simple_conversions);
    tcase_add_test(core, test_printf_other_conversions_fall_back);
    tcase_add_test(core, test_printf_long_text);
    tcase_add_test(core, test_room_commit);
    tcase_add_test(core, test_uint);
    suite_add_tcase(su, core);
    sr = srunner_create(su);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
