/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_yaml_fast.c — the fast YAML reader (lib/yaml_fast.c) against
 * libyaml: wherever the fast reader reads a text, the node tree (types,
 * styles, lines, columns, texts, children) is byte for byte the one built
 * from libyaml's events. On every YAML file of the project, on thousands of
 * mutations of them, on hand-written cases with the positions spelt out, and
 * on 20 000 documents from a grammar of scenario-like YAML (test_generated).
 * fuzz/fuzz_yaml_diff.c checks the same on any bytes; what it finds becomes a
 * case here.
 */
#define _POSIX_C_SOURCE 200809L
#include "curtail.h"
#include "internal.h"
#include "yaml_tree.h"
#include "testutil.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct tally {
    int read, declined, failed;
} tally;

static void describe_first_difference(const yt_tree *a, const yt_tree *b, const char *what)
{
    char d[256];
    yt_difference(a, b, d, sizeof d);
    fprintf(stderr, "%s: libyaml's tree, then the fast reader's: %s\n", what, d);
}

/* Read `data` with libyaml, with the fast reader alone, and as yt_parse
 * does (the fast reader, libyaml where it gives up or fails): the last is
 * libyaml's result exactly (the same tree, or the same error at the same
 * place); the fast reader alone may give up or fail, never read otherwise. */
static void compare(const char *text, size_t len, const char *what, tally *t)
{
    yt_tree a, b, c;
    curtail_error ea, eb, ec;
    int ra, rb, rc;
    /* the text alone, without the NUL after it: a read past its end is an
     * error under the sanitizers (CURTAIL_SANITIZE) */
    char *data = malloc(len ? len : 1);
    ck_assert_ptr_nonnull(data);
    if (len)
        memcpy(data, text, len);
    memset(&ea, 0, sizeof ea);
    memset(&eb, 0, sizeof eb);
    memset(&ec, 0, sizeof ec);
    ra = yt_parse_engine(&a, NULL, data, len, "t.yaml", NULL, YT_LIBYAML, &ea);
    rb = yt_parse_engine(&b, NULL, data, len, "t.yaml", NULL, YT_FAST, &eb);
    rc = yt_parse_engine(&c, NULL, data, len, "t.yaml", NULL, YT_AUTO, &ec);
    if (rb == YT_DECLINED) {
        t->declined++;
    } else if (rb != CURTAIL_OK) {
        t->failed++; /* an event refused: libyaml may find a syntax error first */
        ck_assert_int_eq(rb, CURTAIL_EINPUT);
    } else {
        t->read++;
        if (ra != CURTAIL_OK)
            fprintf(stderr, "%s: the fast reader read what libyaml refuses: %d:%d %s\n", what,
                    ea.line, ea.column, ea.message);
        ck_assert_int_eq(ra, CURTAIL_OK);
        if (!yt_equal(&a, &b))
            describe_first_difference(&a, &b, what);
        ck_assert(yt_equal(&a, &b));
    }
    if (ra != rc || strcmp(ea.message, ec.message) != 0 || ea.line != ec.line ||
        ea.column != ec.column || strcmp(ea.path, ec.path) != 0)
        fprintf(stderr, "%s: libyaml %d %d:%d %s; yt_parse %d %d:%d %s\n", what, ra, ea.line,
                ea.column, ea.message, rc, ec.line, ec.column, ec.message);
    ck_assert_int_eq(ra, rc);
    ck_assert_str_eq(ea.message, ec.message);
    ck_assert_str_eq(ea.path, ec.path);
    ck_assert_int_eq(ea.line, ec.line);
    ck_assert_int_eq(ea.column, ec.column);
    if (ra == CURTAIL_OK)
        ck_assert(yt_equal(&a, &c));
    yt_free(&a);
    yt_free(&b);
    yt_free(&c);
    free(data);
}

/* The fast reader reads `yaml` (it does not give up) to libyaml's tree. */
static void read_same(const char *yaml)
{
    tally t = {0, 0, 0};
    compare(yaml, strlen(yaml), yaml, &t);
    if (t.read != 1)
        fprintf(stderr, "not read by the fast reader:\n%s\n", yaml);
    ck_assert_int_eq(t.read, 1);
}

static void declined(const char *yaml)
{
    yt_tree b;
    curtail_error e;
    int rc = yt_parse_engine(&b, NULL, yaml, strlen(yaml), "t.yaml", NULL, YT_FAST, &e);
    yt_free(&b);
    if (rc != YT_DECLINED)
        fprintf(stderr, "read by the fast reader (%d):\n%s\n", rc, yaml);
    ck_assert_int_eq(rc, YT_DECLINED);
}

/* ---- hand-written cases --------------------------------------------------------------- */

START_TEST(test_positions)
{
    yt_tree t;
    curtail_error e;
    const char *y = "a: 1\nb:\nc:\n  - x\n  -\n  - k: v\n    m: {p: 1, q: [2, 3]}\nd:\n- 1\n"
                    "e: \"s\"   # note\nf:   \n# c\ng: 王桥镇\n王: 村\n";
    ck_assert_int_eq(yt_parse_engine(&t, NULL, y, strlen(y), "t.yaml", NULL, YT_FAST, &e),
                     CURTAIL_OK);
    /* b's empty value at the column after its ':' (2:3); the empty item after
     * its dash (5:4); the item's mapping at its first key (6:5); the list at
     * its key's indentation at its dash (9:1); 村 after a CJK key at 14:4 */
    {
        int64_t b = yt_map_get(&t, t.root, "b"), c = yt_map_get(&t, t.root, "c");
        int64_t d = yt_map_get(&t, t.root, "d"), w = yt_map_get(&t, t.root, "王");
        uint32_t item1 = yt_kid(&t, (uint32_t)c, 1), item2 = yt_kid(&t, (uint32_t)c, 2);
        ck_assert_uint_eq(yt_pos(&t, (uint32_t)b).line, 2);
        ck_assert_uint_eq(yt_pos(&t, (uint32_t)b).col, 3);
        ck_assert(yt_is_null(&t, (uint32_t)b));
        ck_assert_uint_eq(yt_pos(&t, (uint32_t)c).line, 4);
        ck_assert_uint_eq(yt_pos(&t, (uint32_t)c).col, 3);
        ck_assert_uint_eq(yt_pos(&t, item1).line, 5);
        ck_assert_uint_eq(yt_pos(&t, item1).col, 4);
        ck_assert_uint_eq(yt_pos(&t, item2).line, 6);
        ck_assert_uint_eq(yt_pos(&t, item2).col, 5);
        ck_assert_uint_eq(yt_pos(&t, (uint32_t)d).line, 9);
        ck_assert_uint_eq(yt_pos(&t, (uint32_t)d).col, 1);
        ck_assert_str_eq(yt_str(&t, (uint32_t)w), "村");
        ck_assert_uint_eq(yt_pos(&t, (uint32_t)w).col, 4);
        ck_assert_str_eq(yt_str(&t, (uint32_t)yt_map_get(&t, t.root, "e")), "s");
        ck_assert_uint_eq(yt_at(&t, (uint32_t)yt_map_get(&t, t.root, "e"))->plain, 0);
    }
    yt_free(&t);
    read_same(y);
}
END_TEST

START_TEST(test_read_like_libyaml)
{
    static const char *const cases[] = {
        "a: 1\n",
        "a: 1",
        "  a: 1\n  b: 2\n",
        "a:\n  b:\n    c: 1\n  d: 2\ne: 3\n",
        "a:\n- 1\n- 2\nb: 3\n",
        "- a: 1\n  b: 2\n- c: 3\n",
        "-   a: 1\n    b:\n    - x\n    c: 2\n",
        "- a:\n  - x\n  b: 1\n",
        "-\n  a: 1\n- \n- # c\n  - 2\n",
        "a: -1.5e3\nb: -x\nc: 08:00\nd: http://x.y/z\ne: a#b\nf: a, b [c] {d}\n",
        "a: {}\nb: []\nc: { x: 1 , y: [ 1 , 2 ] }\nd: [\"q\", 'r', {s: t}]\n",
        "\"a b\": 1\n'c': 2\nd  : 3\n",
        "# only a comment before\n\n   \na: 1 # after\n# between\nb: 2\n",
        "a:    \n  # comment in between\n  b: 1\n",
        "a:\n  x\nb: 1\n",
        "a:\n  {k: v}\n",
        "key: \"值\"\nname: 焦化 1# 焦炉\n",
        "a: true\nb: null\nc: ~\nd:\n",
        "a: 'it''s'\n",
        "- 1\n- - 2\n",
        "a: 1\na: 2\n",
        "- [a: b]\n",
        "a: 1\n  b: 2\n",
        "a: b: c\n",
        "a: \"x\"y\n",
        "a: [1,\n  2]\n",
        "a: |\n  x\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "---\na: 1\n",
        "a: 1\n...\n",
        "%YAML 1.1\n---\na: 1\n",
        "a:\tb\n",
        "a: 1\r\n",
        "a:\r\n  - x\r\n  -\r\n  - k: v  \r\n# c\r\n\r\nb: {p: 1}\r\nc: \"q\"\r\nd:",
        "a: 1\r\r\n",
        "a: \"x\\ny\"\n",
        "a: x\n  y\n",
        "? a\n: b\n",
        "a: {b}\n",
        "a: {b: }\n",
        "a: [1, ]\n",
        "a: {b:c}\n",
        "a: -\n",
        "<<: {a: 1}\n",
        "a:\n - x\n- y\n",
        "",
        "# nothing\n",
        /* found by fuzz/fuzz_yaml_diff: a flow collection cut short at the
         * end of the text (the fast reader read a byte past it) */
        "[",
        "a: [1, ",
        "a: {b: [",
        "- {a: ",
        "{a: 1,",
        /* found by fuzz/fuzz_yaml_diff: a flow key cut short at the end of
         * its line was given as the key "<<" and refused as a merge key,
         * where libyaml reads the key "<< d": yt_parse's error was left
         * behind although libyaml read the text */
        "a: {b: c, <<\n  d}\n",
        "{<<\n<<}", /* the shortest, found by fuzz/enum_yaml_diff */
        "f:\n00Xb:    {njdus: op, <<\nc:--rprises::+\n$}\n",
    };
    size_t i;
    tally t = {0, 0, 0};
    for (i = 0; i < sizeof cases / sizeof *cases; i++)
        compare(cases[i], strlen(cases[i]), cases[i], &t);
    /* the first 18 are what scenario files hold: read, not declined */
    for (i = 0; i < 18; i++)
        read_same(cases[i]);
}
END_TEST

/* Keys of 1024 characters and more: libyaml's simple keys end there, in a
 * flow mapping as in a block one (found by fuzzing: the fast reader read
 * {aaa...a: b} that libyaml refuses, "did not find expected ',' or '}'"). */
START_TEST(test_long_keys)
{
    static const char *const forms[] = {"{%s: b}\n", "x: {k: 1, %s: b}\n", "x: {\"%s\": b}\n",
                                        "x: {%s   : b}\n", "%s: b\n", "- \"%s\": b\n",
                                        "x: [{%s: b}]\n"};
    static const size_t lens[] = {300, 512, 1000, 1023, 1024, 1025, 1100};
    char *key = malloc(4000), *doc = malloc(4100);
    size_t f, l;
    tally t = {0, 0, 0};
    ck_assert_ptr_nonnull(key);
    ck_assert_ptr_nonnull(doc);
    for (f = 0; f < sizeof forms / sizeof *forms; f++)
        for (l = 0; l < sizeof lens / sizeof *lens; l++) {
            size_t i, n = 0;
            /* ASCII, and CJK: 3 bytes a character */
            memset(key, 'a', lens[l]);
            key[lens[l]] = '\0';
            snprintf(doc, 4100, forms[f], key);
            compare(doc, strlen(doc), "long key", &t);
            for (i = 0; i < lens[l]; i++, n += 3)
                memcpy(key + n, "王", 3);
            key[n] = '\0';
            snprintf(doc, 4100, forms[f], key);
            compare(doc, strlen(doc), "long CJK key", &t);
        }
    /* short keys are read; long ones given up on before libyaml refuses them */
    declined("{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
             ": b}\n");
    free(key);
    free(doc);
    /* read: the 300-byte ASCII keys in every form, the 512-byte ones where
     * the key and its ':' take no more than 512 bytes (plain, in flow) */
    ck_assert_int_eq(t.read, 7 + 3);
    ck_assert_int_eq(t.declined, 2 * 7 * 7 - 10);
}
END_TEST

START_TEST(test_declines)
{
    declined("a: |\n  x\n");
    declined("a: &x 1\nb: *x\n");
    declined("a: !!str 1\n");
    declined("---\na: 1\n");
    declined("a: 1\rb: 2\n"); /* a CR alone is a line break to libyaml */
    declined("a: \"x\r\n  y\"\n");
    declined("a:\tb\n");
    declined("a: \"x\\ny\"\n");
    declined("a: x\n  y\n");
    declined("a: [1,\n  2]\n");
    declined("a: 'it''s'\n");
    declined("a: 1\n  b: 2\n"); /* libyaml's error, not ours */
    declined("a: \"x\xC2\x85y\"\n");
    declined("\xEF\xBB\xBF");
    declined("a: \xFF\n");
    declined("[");
    declined("a: [1, ");
    declined("- {a: ");
    declined("a: {b: c, <<\n  d}\n");
}
END_TEST

/* A duplicate key is refused by the tree, at the same place either way. */
START_TEST(test_event_errors)
{
    tally t = {0, 0, 0};
    const char *y = "a: 1\nb:\n  c: 1\n  c: 2\n";
    compare(y, strlen(y), "duplicate", &t);
    ck_assert_int_eq(t.failed, 1);
}
END_TEST

/* ---- every YAML file of the project, and mutations of them ---------------------------- */

static unsigned long long rng_state = 88172645463325252ULL;
static unsigned long long rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Mutations of one text: a byte inserted, a line's indentation changed, a
 * line removed or doubled, the text cut short. */
static void mutate_and_compare(const char *data, size_t len, const char *name, int count,
                               tally *t)
{
    static const char inserts[] = ":#-'\" {}[],&*!|>?%\t\n\r\\x1";
    char *buf = malloc(len + 64);
    int k;
    ck_assert_ptr_nonnull(buf);
    for (k = 0; k < count; k++) {
        size_t at = len ? (size_t)(rnd() % len) : 0, n = 0, ls, le;
        int kind = (int)(rnd() % 5);
        char what[600];
        /* the line around `at` */
        for (ls = at; ls > 0 && data[ls - 1] != '\n'; ls--)
            ;
        for (le = at; le < len && data[le] != '\n'; le++)
            ;
        if (le < len)
            le++;
        switch (kind) {
        case 0: /* a byte */
            memcpy(buf, data, at);
            buf[at] = inserts[rnd() % (sizeof inserts - 1)];
            memcpy(buf + at + 1, data + at, len - at);
            n = len + 1;
            break;
        case 1: /* indentation: one or two spaces more, or one less */
            memcpy(buf, data, ls);
            n = ls;
            if (rnd() % 3 == 0) {
                if (data[ls] == ' ') {
                    memcpy(buf + n, data + ls + 1, len - ls - 1);
                    n += len - ls - 1;
                    break;
                }
            } else {
                buf[n++] = ' ';
                if (rnd() % 2)
                    buf[n++] = ' ';
            }
            memcpy(buf + n, data + ls, len - ls);
            n += len - ls;
            break;
        case 2: /* a line removed */
            memcpy(buf, data, ls);
            memcpy(buf + ls, data + le, len - le);
            n = len - (le - ls);
            break;
        case 3: { /* a line doubled (bounded) */
            size_t ll = le - ls > 60 ? 60 : le - ls;
            memcpy(buf, data, le);
            memcpy(buf + le, data + ls, ll);
            memcpy(buf + le + ll, data + le, len - le);
            n = len + ll;
            break;
        }
        default: /* cut short */
            memcpy(buf, data, at);
            n = at;
            break;
        }
        snprintf(what, sizeof what, "%s (mutation %d, kind %d at byte %zu)", name, k, kind, at);
        compare(buf, n, what, t);
    }
    free(buf);
}

static void files_in(const char *dir, const char *suffix, char ***names, size_t *n)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    if (!d)
        return;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name), sl = strlen(suffix);
        char path[1024];
        if (de->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (l > sl && strcmp(de->d_name + l - sl, suffix) == 0) {
            *names = realloc(*names, (*n + 1) * sizeof **names);
            (*names)[(*n)++] = strdup(path);
        } else if (!strchr(de->d_name, '.')) {
            char sub[1100];
            snprintf(sub, sizeof sub, "%s/input.yaml", path);
            FILE *f = fopen(sub, "rb");
            if (f) {
                fclose(f);
                *names = realloc(*names, (*n + 1) * sizeof **names);
                (*names)[(*n)++] = strdup(sub);
            }
        }
    }
    closedir(d);
}

START_TEST(test_project_files)
{
    char **names = NULL;
    size_t n = 0, i;
    int examples_read = 0, examples = 0, crlf_examples_read = 0;
    tally t = {0, 0, 0}, m = {0, 0, 0};
    files_in(CURTAIL_SOURCE_DIR "/examples", ".yaml", &names, &n);
    files_in(CURTAIL_SOURCE_DIR "/lib", ".yaml", &names, &n);
    files_in(CURTAIL_TEST_DATA "/valid", ".yaml", &names, &n);
    files_in(CURTAIL_TEST_DATA "/invalid", ".yaml", &names, &n);
    files_in(CURTAIL_TEST_DATA "/golden", ".yaml", &names, &n);
    files_in(CURTAIL_TEST_DATA "/crosscheck", ".yaml", &names, &n);
    ck_assert_uint_gt(n, 100);
    for (i = 0; i < n; i++) {
        size_t len;
        char *data = tu_read_file(names[i], &len);
        int before = t.read;
        ck_assert_ptr_nonnull(data);
        compare(data, len, names[i], &t);
        if (strstr(names[i], "/examples/")) {
            examples++;
            examples_read += t.read > before;
            if (t.read == before)
                fprintf(stderr, "example not read by the fast reader: %s\n", names[i]);
        }
        mutate_and_compare(data, len, names[i], 40, &m);
        { /* the same file with CR LF breaks, as a Windows editor saves it */
            size_t k, n = 0;
            char *crlf = malloc(2 * len + 1);
            int before_crlf = t.read;
            ck_assert_ptr_nonnull(crlf);
            for (k = 0; k < len; k++) {
                if (data[k] == '\n' && (k == 0 || data[k - 1] != '\r'))
                    crlf[n++] = '\r';
                crlf[n++] = data[k];
            }
            compare(crlf, n, names[i], &t);
            if (strstr(names[i], "/examples/")) {
                crlf_examples_read += t.read > before_crlf;
                if (t.read == before_crlf)
                    fprintf(stderr, "example with CR LF not read by the fast reader: %s\n",
                            names[i]);
            }
            mutate_and_compare(crlf, n, names[i], 10, &m);
            free(crlf);
        }
        free(data);
        free(names[i]);
    }
    free(names);
    fprintf(stderr, "project files: %d read, %d declined, %d refused alike; mutations: %d read, %d "
                    "declined, %d refused alike\n",
            t.read, t.declined, t.failed, m.read, m.declined, m.failed);
    /* every shipped example is read by the fast reader */
    ck_assert_int_ge(examples, 4);
    ck_assert_int_eq(examples_read, examples);
    ck_assert_int_eq(crlf_examples_read, examples);
    ck_assert_int_gt(m.read, 1000);
}
END_TEST

/* ---- documents from a grammar ---------------------------------------------------------- */

/* A deterministic generator of YAML documents of the shapes scenario files
 * take and of their near misses: nested block mappings and lists (lists at
 * their key's indentation, an item's mapping on its dash line, keys aligned
 * or not), one-line flow collections, scalars from a pool of tricky strings
 * (CJK, ':' and '#' inside, quotes, '-' numbers, times, trailing blanks),
 * comments and blank lines anywhere, indentation steps of 1 to 4. */

static unsigned long long gen_state;
static unsigned gen(unsigned n)
{
    gen_state ^= gen_state << 13;
    gen_state ^= gen_state >> 7;
    gen_state ^= gen_state << 17;
    return (unsigned)(gen_state % n);
}

typedef struct gbuf {
    char *p;
    size_t n, cap;
} gbuf;

static void gput(gbuf *b, const char *s)
{
    size_t l = strlen(s);
    if (b->n + l + 1 > b->cap) {
        b->cap = (b->n + l + 1) * 2;
        b->p = realloc(b->p, b->cap);
        ck_assert_ptr_nonnull(b->p);
    }
    memcpy(b->p + b->n, s, l + 1);
    b->n += l;
}

static void gspaces(gbuf *b, long n)
{
    for (; n > 0; n--)
        gput(b, " ");
}

/* What scenario files hold, mostly; near misses now and then. */
static const char *const g_scalars[] = {
    "1", "-1", "-1.5e3", "0.25", "12:00", "08:30:15", "a:b", "a#b", "a # b", "王桥镇",
    "焦化 1# 焦炉", "山西省 晋城市", "\"quoted\"", "\"王\"", "'single'", "\"a: b\"",
    "'# no comment'", "http://x.y/z", "a, b [c] {d}", "~", "null", "true", "x  ", "-x", "--",
    "---x", "...x", "a :b", "\"\"", "''", "x\"y", "x'y", "全角：冒号", "a\xe3\x80\x80" "b", "é",
    "\xf0\x9f\x98\x80", "\"a # b\"", "'a: b'", "a,b", "x]", "a ? b", "a - b", "\"x\" ", "'王'  ",
    "1 #c", "1#c", "a  b", "'a\\b'", "a\" b\"", "a!b", "a&b *c", "a|b >c", "a%b @c `d",
};
static const char *const g_tricky[] = {
    "'it''s'", "\"esc\\n\"", "?x", ":x", "a: b", "%x", "@x", "`x", "!x", "!!str 1", "&a x",
    "*a", "|", ">", "\"a\" b", "'a'b", "-", "a:", "[x", "{x", "- x", "焦炉: 1", "\"a\"#c",
    "a\tb", "x\r", "\"a\\\"b\"", "#x", "? x", ": x", "[a]: b", "{a: 1}: b", "\"k\": v",
};
static const char *const g_flow_scalars[] = {
    "1", "-1", "12:00", "a:b", "a b", "王", "王 桥", "\"q, r\"", "'s'", "a#b", "a #b", "~",
    "a'b", "\"\"", "''", "http://x", "a :b", "a?b", "-x", "x  ", "全角：冒号", "-1.5", "a!b",
    "a&b", "a*b", "a|b", "a>b", "a%b", "a@b", "\xf0\x9f\x98\x80", "\"a: b\"", "'a, b'",
};
static const char *const g_flow_tricky[] = {
    "x:", ":x", "-", "?x", "\"a\":1", "a: b", "'it''s'", "\"e\\t\"", "%", "@a", "",
    "*a", "&a x", "!!str x", "? x", "- x", "x:]", "x:,", "a#", "#a", "<<", "<<\n  x",
    "a\n  b", "a\n#c\n  b",
};
static const char *const g_keys[] = {
    "id", "name", "王", "名 称", "\"quoted key\"", "'sq'", "k  ", "-k", "k#n", "k:n", "12:00",
    "a b c", "\"王\"", "x1", "capacity", "ef", "? k", "k ", "\"k\" ", "'k':", "1", "-1",
    "<<", "\"<<\"",
};

#define G_LEN(a) (sizeof a / sizeof *a)

static const char *g_scalar(void)
{
    return gen(12) ? g_scalars[gen(G_LEN(g_scalars))] : g_tricky[gen(G_LEN(g_tricky))];
}

static const char *g_flow_scalar(void)
{
    return gen(12) ? g_flow_scalars[gen(G_LEN(g_flow_scalars))]
                   : g_flow_tricky[gen(G_LEN(g_flow_tricky))];
}

/* Now and then a key about as long as libyaml's simple keys may be. */
static const char *g_long_key(void)
{
    static char k[3 * 1100 + 1];
    size_t n = 480 + gen(620), i, at = 0;
    int cjk = gen(3) == 0;
    for (i = 0; i < n; i++) {
        if (cjk) {
            memcpy(k + at, "王", 3);
            at += 3;
        } else {
            k[at++] = "ab :"[gen(200) == 0 ? 2 : gen(2)];
        }
    }
    k[at] = '\0';
    return k;
}

static void g_key(gbuf *b, unsigned i)
{
    char k[64];
    if (gen(300) == 0) {
        gput(b, g_long_key());
        return;
    }
    if (gen(8) == 0) {
        gput(b, g_keys[gen(G_LEN(g_keys))]);
        return;
    }
    snprintf(k, sizeof k, gen(3) ? "k%u" : "键%u", i); /* distinct keys, mostly */
    gput(b, k);
}

static void g_end_line(gbuf *b)
{
    switch (gen(16)) {
    case 0: gput(b, " # c"); break;
    case 1: gput(b, "   "); break;
    case 2: gput(b, "#c"); break;
    case 3: gput(b, " #: - [x"); break;
    case 4: gput(b, " # 注释"); break;
    default: break;
    }
    gput(b, "\n");
}

/* Blank and comment lines between content lines. */
static void g_filler(gbuf *b, long indent)
{
    while (gen(8) == 0) {
        switch (gen(4)) {
        case 0: gput(b, "\n"); break;
        case 1: gspaces(b, (long)gen(6)); gput(b, "\n"); break;
        case 2: gspaces(b, indent); gput(b, "# 注释 comment\n"); break;
        default: gspaces(b, (long)gen(8)); gput(b, "#x: [1\n"); break;
        }
    }
}

static void g_flow(gbuf *b, int depth)
{
    int map = (int)gen(2), i, n = (int)gen(4);
    gput(b, map ? "{" : "[");
    if (gen(3) == 0)
        gput(b, " ");
    for (i = 0; i < n; i++) {
        if (i) {
            /* now and then over two lines: libyaml reads on, the fast reader gives up */
            static const char *const seps[] = {",", " , ", ",\n  ", "\n , ", " ,\n"};
            gput(b, gen(4) ? ", " : seps[gen(G_LEN(seps))]);
        }
        if (map) {
            char k[32];
            if (gen(200) == 0)
                gput(b, g_long_key());
            else if (gen(20) == 0) /* a plain key over two lines */
                gput(b, gen(2) ? "<<\n  x" : "k\n x");
            else if (gen(4) == 0)
                gput(b, g_flow_scalar());
            else {
                snprintf(k, sizeof k, "f%d", i);
                gput(b, k);
            }
            gput(b, gen(12) ? ": " : (gen(2) ? " : " : ":"));
        }
        if (depth < 4 && gen(5) == 0)
            g_flow(b, depth + 1);
        else
            gput(b, g_flow_scalar());
    }
    if (n && gen(20) == 0)
        gput(b, ",");
    if (gen(3) == 0)
        gput(b, " ");
    gput(b, map ? "}" : "]");
}

static void g_block_map(gbuf *b, long indent, int depth, int first_inline);
static void g_block_seq(gbuf *b, long indent, int depth, int first_inline);

/* A node after "key:" or "-", on its line or the next. */
static void g_value(gbuf *b, long indent, int depth, int in_seq)
{
    unsigned kind = depth >= 6 ? gen(2) : gen(in_seq ? 8 : 7);
    long step = 1 + (long)gen(4);
    switch (kind) {
    case 0: /* a scalar on the line */
        gput(b, gen(8) ? " " : "  ");
        gput(b, g_scalar());
        g_end_line(b);
        break;
    case 1: /* empty */
        g_end_line(b);
        break;
    case 2: /* a mapping on the next lines */
        g_end_line(b);
        g_filler(b, indent + step);
        g_block_map(b, indent + step, depth + 1, 0);
        break;
    case 3: /* a list on the next lines, maybe at the key's indentation */
        g_end_line(b);
        g_filler(b, indent);
        g_block_seq(b, in_seq || gen(2) ? indent + step : indent, depth + 1, 0);
        break;
    case 4: /* a flow collection on the line */
        gput(b, " ");
        g_flow(b, 0);
        g_end_line(b);
        break;
    case 5: /* a scalar or a flow collection on the next line */
        g_end_line(b);
        gspaces(b, indent + step - (gen(16) == 0));
        if (gen(2))
            gput(b, g_scalar());
        else
            g_flow(b, 0);
        g_end_line(b);
        break;
    case 6: /* a list on the dash line */
        if (!in_seq) {
            gput(b, " ");
            gput(b, g_scalar());
            g_end_line(b);
            break;
        }
        gput(b, " ");
        g_block_seq(b, indent + 2, depth + 1, 1);
        break;
    default: /* an item's mapping on its dash line */
        gspaces(b, 1 + (long)gen(3) / 2);
        g_block_map(b, -1, depth + 1, 1);
        break;
    }
}

/* first_inline: the first key goes where the text is now (after "- "), the
 * next ones under it; indent -1 works that column out. */
static void g_block_map(gbuf *b, long indent, int depth, int first_inline)
{
    int i, n = 1 + (int)gen(4);
    if (indent < 0) {
        size_t ls = b->n;
        while (ls > 0 && b->p[ls - 1] != '\n')
            ls--;
        indent = (long)(b->n - ls);
    }
    for (i = 0; i < n; i++) {
        if (i || !first_inline) {
            if (i)
                g_filler(b, indent);
            gspaces(b, indent + (gen(40) == 0 ? (gen(2) ? 1 : -1) : 0));
        }
        g_key(b, (unsigned)i);
        gput(b, ":");
        g_value(b, indent, depth, 0);
    }
}

static void g_block_seq(gbuf *b, long indent, int depth, int first_inline)
{
    int i, n = 1 + (int)gen(4);
    for (i = 0; i < n; i++) {
        if (i || !first_inline) {
            if (i)
                g_filler(b, indent);
            gspaces(b, indent + (gen(40) == 0 ? (gen(2) ? 1 : -1) : 0));
        }
        gput(b, "-");
        g_value(b, indent, depth, 1);
    }
}

static void g_document(gbuf *b)
{
    b->n = 0;
    gput(b, "");
    g_filler(b, 0);
    switch (gen(10)) {
    case 0: g_block_seq(b, (long)gen(3), 0, 0); break;
    case 1: g_flow(b, 0); g_end_line(b); break;
    case 2: gput(b, g_scalar()); g_end_line(b); break;
    default: g_block_map(b, gen(8) ? 0 : (long)gen(3), 0, 0); break;
    }
    g_filler(b, 0);
    if (gen(8) == 0 && b->n > 0)
        b->n--; /* no final line break */
}

START_TEST(test_generated)
{
    gbuf b = {NULL, 0, 0}, crlf = {NULL, 0, 0};
    tally t = {0, 0, 0}, m = {0, 0, 0}, c = {0, 0, 0};
    int i;
    gen_state = 0x9E3779B97F4A7C15ULL;
    for (i = 0; i < 20000; i++) {
        char what[1200];
        g_document(&b);
        if (crlf.cap < 2 * b.n + 1) {
            crlf.cap = 2 * b.n + 1;
            crlf.p = realloc(crlf.p, crlf.cap);
            ck_assert_ptr_nonnull(crlf.p);
        }
        snprintf(what, sizeof what, "generated document %d:\n%.*s\n", i,
                 (int)(b.n > 1100 ? 1100 : b.n), b.p);
        compare(b.p, b.n, what, &t);
        if (i % 4 == 0)
            mutate_and_compare(b.p, b.n, what, 2, &m);
        if (i % 5 == 0) { /* with CR LF breaks, as a Windows editor saves it */
            size_t k, n = 0;
            for (k = 0; k < b.n; k++) {
                if (b.p[k] == '\n' && (k == 0 || b.p[k - 1] != '\r'))
                    crlf.p[n++] = '\r';
                crlf.p[n++] = b.p[k];
            }
            compare(crlf.p, n, what, &c);
        }
    }
    free(b.p);
    free(crlf.p);
    fprintf(stderr, "generated: %d read, %d declined, %d refused alike; mutations: %d read, %d "
                    "declined, %d refused alike\n",
            t.read, t.declined, t.failed, m.read, m.declined, m.failed);
    fprintf(stderr, "generated with CR LF: %d read, %d declined, %d refused alike\n", c.read,
            c.declined, c.failed);
    /* most documents hold nothing the fast reader gives up on */
    ck_assert_int_gt(t.read, 8000);
}
END_TEST

/* ---- the loader: a reader that gives up half-way through the enterprises -------------- */

START_TEST(test_restart_mid_stream)
{
    /* the third enterprise holds an anchor: the fast reader has handed out
     * two enterprises when it gives up; libyaml reads the text again, and the
     * scenario holds each enterprise once */
    const char *y = "curtail: 1\n"
                    "targets:\n  ratios: {yellow: {}, orange: {}, red: {SO2: 0.1}}\n"
                    "enterprises:\n"
                    "  - id: e1\n    name: 甲\n    grade: C\n    industry: other\n"
                    "    units:\n      - {id: u1, kind: other, capacity: 10, value: 100, ef: {SO2: 1}}\n"
                    "  - id: e2\n    name: 乙\n    grade: C\n    industry: other\n"
                    "    units:\n      - {id: u1, kind: other, capacity: 10, value: 100, ef: {SO2: 1}}\n"
                    "  - id: e3\n    name: &n 丙\n    grade: C\n    industry: other\n"
                    "    units:\n      - {id: u1, kind: other, capacity: 10, value: 100, ef: {SO2: 1}}\n";
    curtail_scenario *s = tu_load_yaml(y, "t.yaml");
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(curtail_scenario_enterprise_count(s), 3);
    curtail_scenario_free(s);
}
END_TEST

/* An enterprise in error before the reader gives up: libyaml reads the text
 * again and the error is the same, at the same place. */
START_TEST(test_restart_keeps_first_error)
{
    const char *y = "curtail: 1\n"
                    "targets:\n  ratios: {yellow: {}, orange: {}, red: {SO2: 0.1}}\n"
                    "enterprises:\n"
                    "  - id: e1\n    name: 甲\n    grade: C\n    industry: other\n"
                    "    units:\n      - {id: u1, kind: other, capacity: -10, value: 100, ef: {SO2: 1}}\n"
                    "  - id: e2\n    name: &n 乙\n    grade: C\n    industry: other\n"
                    "    units:\n      - {id: u1, kind: other, capacity: 10, value: 100, ef: {SO2: 1}}\n";
    curtail_scenario *s = NULL;
    curtail_error e;
    memset(&e, 0, sizeof e);
    ck_assert_int_eq(curtail_scenario_load_buffer(&s, y, strlen(y), "r.yaml", NULL, &e),
                     CURTAIL_EINPUT);
    ck_assert_ptr_null(s);
    ck_assert_str_eq(e.file, "r.yaml");
    ck_assert_int_eq(e.line, 10);
    ck_assert_int_eq(e.column, 41);
    ck_assert_str_eq(e.path, "enterprises[0].units[0].capacity");
    ck_assert_str_eq(e.message, "must be > 0, got -10");
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("yaml_fast");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_positions);
    tcase_add_test(tc, test_read_like_libyaml);
    tcase_add_test(tc, test_long_keys);
    tcase_add_test(tc, test_generated);
    tcase_add_test(tc, test_declines);
    tcase_add_test(tc, test_event_errors);
    tcase_add_test(tc, test_project_files);
    tcase_add_test(tc, test_restart_mid_stream);
    tcase_add_test(tc, test_restart_keeps_first_error);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
