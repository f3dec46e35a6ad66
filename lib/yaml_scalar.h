/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yaml_scalar.h — the syntax of one YAML scalar (yaml_scalar.c): tags, core
 * decimals, control characters, escaped user text. No tree, no libyaml. */
#ifndef CURTAIL_YAML_SCALAR_H
#define CURTAIL_YAML_SCALAR_H

#include <stddef.h>

/* Copy user text into a one-line message: control characters escaped (\n,
 * \x01, C1 controls as \u0085), cut after `max` bytes at a character
 * boundary with "...". */
void yt_escape(char *dst, size_t size, const char *s, size_t max);

/* A decimal number of the YAML 1.2 core schema:
 * [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
int yt_is_decimal(const char *s);
/* A YAML 1.2 core-schema boolean word: 1 true, 0 false, -1 anything else
 * (yes/no/on/off are YAML 1.1 and stay words). */
int yt_bool_word(const char *s);

/* A scalar's tag: 1 it says "string" (!!str, "!"), 2 it names another core
 * scalar type (!!int, !!float, !!bool, !!null: resolve the text like a plain
 * scalar), 0 no tag (NULL), -1 unsupported. */
int yt_scalar_tag(const char *tag);

/* Does a collection's tag (NULL, "!" or !!`want`: "seq", "map") fit it? */
int yt_collection_tag_ok(const char *tag, const char *want);

/* "!!int" for a core tag, the tag as written otherwise (escaped). */
void yt_tag_text(char *dst, size_t size, const char *tag);

/* Does the text v[0..len) resolve to the core-schema type that `tag` (one
 * yt_scalar_tag calls 2) names (YAML 1.2)? `!!float 100` agrees (an integer
 * is a float); `!!bool 100` does not. */
int yt_tag_agrees(const char *tag, const char *v, size_t len);

/* The first control character SPEC §9 refuses in v[0..len) (C0 but tab, line
 * feed and carriage return; DEL; C1 U+0080..U+009F), as a code point, or -1. */
long yt_control_char(const char *v, size_t len);

#endif
