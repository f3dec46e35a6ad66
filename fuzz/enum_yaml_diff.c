/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * enum_yaml_diff.c — every text of up to N tokens from a small alphabet of
 * YAML tokens, each checked by fuzz_yaml_diff.c's LLVMFuzzerTestOneInput
 * (the fast reader against libyaml; abort() on a difference). Where the
 * fuzzer samples, this covers the small texts exhaustively.
 *
 *   enum_yaml_diff 6 chars   # 16^1 + ... + 16^6 = 17.9 M texts, about a minute
 *   enum_yaml_diff 5 block   # alphabets: chars, tokens, flow, block, crlf, crblock
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NSYM 16

static const struct alphabet {
    const char *name;
    const char *sym[NSYM];
} alphabets[] = {
    {"chars", {"a", " ", ":", "-", "\n", "#", "[", "]", "{", "}", ",", "'", "\"", "\xe7\x8e\x8b",
               "  ", "1"}},
    {"tokens", {"a", ": ", "- ", "\n", "\n  ", "  ", " #", "[", "]", "{", "}", ", ", "'",
                "\xe7\x8e\x8b", ":", "\n- "}},
    {"flow", {"{", "}", "[", "]", ", ", ": ", "\n", "\n ", "<<", "a", ":", "'", "\"", " #", " ",
              "-"}},
    {"block", {"k: ", "- ", "\n", "\n  ", "\n    ", "a", "[a]", "{a: b}", "'q'", "\"d\"", "<<",
               ":", " #c", "-1", "  ", "\xf0\x9f\x98\x80"}},
    {"crlf", {"a", ": ", "- ", "\r\n", "\r", "\n", "\r\n  ", " #c", "{", "}", "[", "]", "'", "\"",
              ",", " "}},
    {"crblock", {"k: ", "- ", "\r\n", "\r\n  ", "\n", "\r", "a", "[a]", "'q'", "\"d\"", " #c", "  ",
                 ":", "-1", " ", "\r\r\n"}},
};

int main(int argc, char **argv)
{
    const struct alphabet *al = &alphabets[0];
    int maxlen = argc > 1 ? atoi(argv[1]) : 4, len;
    size_t i;
    long count = 0;
    char buf[NSYM * 8 + 1];

    if (maxlen < 1 || maxlen > 8) {
        fprintf(stderr, "usage: enum_yaml_diff TOKENS(1-8) [ALPHABET]\n");
        return 2;
    }
    if (argc > 2) {
        for (i = 0; i < sizeof alphabets / sizeof *alphabets; i++)
            if (strcmp(argv[2], alphabets[i].name) == 0)
                break;
        if (i == sizeof alphabets / sizeof *alphabets) {
            fprintf(stderr, "enum_yaml_diff: no alphabet %s\n", argv[2]);
            return 2;
        }
        al = &alphabets[i];
    }
    for (len = 1; len <= maxlen; len++) {
        int idx[8] = {0};
        for (;;) {
            size_t n = 0;
            int k;
            char *text;
            for (k = 0; k < len; k++) {
                size_t l = strlen(al->sym[idx[k]]);
                memcpy(buf + n, al->sym[idx[k]], l);
                n += l;
            }
            /* the text alone, without a NUL after it (ASan sees a read past it) */
            if (!(text = malloc(n)))
                return 1;
            memcpy(text, buf, n);
            LLVMFuzzerTestOneInput((const uint8_t *)text, n);
            free(text);
            count++;
            for (k = len - 1; k >= 0 && ++idx[k] == NSYM; k--)
                idx[k] = 0;
            if (k < 0)
                break;
        }
    }
    printf("enum_yaml_diff: %ld texts of up to %d tokens (%s): the fast reader agrees with libyaml\n",
           count, maxlen, al->name);
    return 0;
}
