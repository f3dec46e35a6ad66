/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yaml_scalar.c — the syntax of one scalar, apart from the tree: tags (which
 * are supported, does the value match its tag), YAML 1.2 core-schema decimals,
 * control characters, and user text escaped into a one-line message. */
#include "yaml_scalar.h"

#include <stdio.h>
#include <string.h>

#define YAML_TAG_PREFIX "tag:yaml.org,2002:"

void yt_escape(char *dst, size_t size, const char *s, size_t max)
{
    size_t o = 0, i = 0;
    if (!size)
        return;
    for (; s[i] && o + 8 < size; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (i >= max && (ch & 0xC0) != 0x80) {
            memcpy(dst + o, "...", 3);
            o += 3;
            break;
        }
        if (ch == '\n' || ch == '\t' || ch == '\r') {
            dst[o++] = '\\';
            dst[o++] = ch == '\n' ? 'n' : ch == '\t' ? 't' : 'r';
        } else if (ch < 0x20 || ch == 0x7F) {
            o += (size_t)snprintf(dst + o, size - o, "\\x%02X", ch);
        } else if (ch == 0xC2 && (unsigned char)s[i + 1] >= 0x80 &&
                   (unsigned char)s[i + 1] <= 0x9F) {
            /* a C1 control (U+0080..U+009F): U+009B is a terminal's CSI */
            if (o + 6 >= size)
                break;
            o += (size_t)snprintf(dst + o, size - o, "\\u%04X", (unsigned char)s[i + 1]);
            i++;
        } else {
            dst[o++] = (char)ch;
        }
    }
    if (s[i] && o > 0 && ((unsigned char)dst[o - 1] & 0x80)) {
        /* out of room inside a character: drop its first bytes too */
        size_t start = o, need;
        while (start > 0 && ((unsigned char)dst[start - 1] & 0xC0) == 0x80)
            start--;
        if (start > 0) {
            unsigned char lead = (unsigned char)dst[start - 1];
            need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
            if (o - (start - 1) < need)
                o = start - 1;
        }
    }
    dst[o] = '\0';
}

/* 1: the tag says "string", 2: it names another core scalar type (resolve the
 * text like a plain scalar), 0: no tag, -1: unsupported. */
int yt_scalar_tag(const char *tag)
{
    static const char *const plain_tags[] = {"int", "float", "bool", "null"};
    size_t i, plen = strlen(YAML_TAG_PREFIX);
    if (!tag)
        return 0;
    if (strcmp(tag, "!") == 0)
        return 1;
    if (strncmp(tag, YAML_TAG_PREFIX, plen) != 0)
        return -1;
    if (strcmp(tag + plen, "str") == 0)
        return 1;
    for (i = 0; i < sizeof plain_tags / sizeof plain_tags[0]; i++)
        if (strcmp(tag + plen, plain_tags[i]) == 0)
            return 2;
    return -1;
}

int yt_collection_tag_ok(const char *tag, const char *want)
{
    size_t plen = strlen(YAML_TAG_PREFIX);
    if (!tag || strcmp(tag, "!") == 0)
        return 1;
    return strncmp(tag, YAML_TAG_PREFIX, plen) == 0 && strcmp(tag + plen, want) == 0;
}

/* "!!int" for a core tag, the tag as written otherwise (escaped). */
void yt_tag_text(char *dst, size_t size, const char *tag)
{
    size_t plen = strlen(YAML_TAG_PREFIX);
    if (strncmp(tag, YAML_TAG_PREFIX, plen) == 0) {
        char rest[200];
        yt_escape(rest, sizeof rest, tag + plen, 64);
        snprintf(dst, size, "!!%s", rest);
    } else {
        yt_escape(dst, size, tag, 64);
    }
}

static int all_digits(const char *s, const char *set)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!strchr(set, *s))
            return 0;
    return 1;
}

int yt_tag_agrees(const char *tag, const char *v, size_t len)
{
    const char *type = tag + strlen(YAML_TAG_PREFIX);
    static const char *const bools[] = {"true", "True", "TRUE", "false", "False", "FALSE"};
    static const char *const nulls[] = {"~", "null", "Null", "NULL"};
    static const char *const specials[] = {".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"};
    const char *s = v;
    size_t i;
    if (strcmp(type, "null") == 0) {
        if (len == 0)
            return 1;
        for (i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
            if (strcmp(v, nulls[i]) == 0)
                return 1;
        return 0;
    }
    if (strcmp(type, "bool") == 0) {
        for (i = 0; i < sizeof bools / sizeof bools[0]; i++)
            if (strcmp(v, bools[i]) == 0)
                return 1;
        return 0;
    }
    if (strcmp(type, "int") == 0) {
        if (strncmp(v, "0o", 2) == 0)
            return all_digits(v + 2, "01234567");
        if (strncmp(v, "0x", 2) == 0)
            return all_digits(v + 2, "0123456789abcdefABCDEF");
        if (*s == '-' || *s == '+')
            s++;
        return all_digits(s, "0123456789");
    }
    /* float: a decimal, or .inf/.nan (signed only for .inf) */
    {
        const char *u = (*s == '-' || *s == '+') ? s + 1 : s;
        for (i = 0; i < sizeof specials / sizeof specials[0]; i++)
            if (strcmp(u, specials[i]) == 0 && (i < 3 || u == v))
                return 1;
        return yt_is_decimal(v);
    }
}

int yt_is_decimal(const char *s)
{
    int digits = 0;
    if (*s == '-' || *s == '+')
        s++;
    while (*s >= '0' && *s <= '9') {
        s++;
        digits++;
    }
    if (*s == '.') {
        s++;
        while (*s >= '0' && *s <= '9') {
            s++;
            digits++;
        }
    }
    if (!digits)
        return 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '-' || *s == '+')
            s++;
        if (!(*s >= '0' && *s <= '9'))
            return 0;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

/* SPEC §9: strings may not contain control characters, however written. libyaml
 * rejects raw ones but delivers escapes ("\x1b", "\u0007", "\e") already
 * decoded, so the decoded text is checked here, with one rule for both ways of
 * writing: C0 controls, DEL and C1 (U+0080..U+009F, NEL included) are refused;
 * tab, line feed and carriage return, which YAML allows raw (a block scalar's
 * lines), are allowed escaped too. Returns the offending code point, or -1. */
long yt_control_char(const char *v, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)v[i];
        if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7F)
            return ch;
        if (ch == 0xC2 && i + 1 < len && (unsigned char)v[i + 1] >= 0x80 &&
            (unsigned char)v[i + 1] <= 0x9F)
            return (unsigned char)v[i + 1];
    }
    return -1;
}

int yt_bool_word(const char *s)
{
    static const char *const words[] = {"true", "True", "TRUE", "false", "False", "FALSE"};
    size_t i;
    if (s[0] != 't' && s[0] != 'T' && s[0] != 'f' && s[0] != 'F')
        return -1;
    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(s, words[i]) == 0)
            return i < 3;
    return -1;
}
