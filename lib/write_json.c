/* SPDX-License-Identifier: GPL-3.0-or-later */
/* write_json.c — the canonical output of a plan and of a schedule (SPEC §7).
 *
 * Layout: 2-space indentation, keys in a fixed order, one line per target
 * (pollutant) and one line per unit, so that a result diffs and greps well;
 * numbers are the shortest decimals that read back exactly (cu_buf_num);
 * output ends with a newline. `measure.value` is the rule's value (the load
 * cap of max_load, the fraction of cut, the hours of coking_time_h) and
 * `null` for stop and none, which carry no value.
 *
 * A schedule has the plan's top-level keys (curtail, version, scenario,
 * command "schedule", status, objective = the weighted loss over the
 * horizon), then two keys of its own:
 *   "start"  the first hour, "YYYY-MM-DDTHH:MM" (local time, as in the YAML);
 *   "hours"  the number of hours of the horizon;
 * then "segments" (one per calendar day and level, in order of their first
 * hour: day, level, hours, status, lost_value, weighted_loss, and targets
 * with baseline / required / achieved / shortfall in kg over the segment's
 * hours; no shadow prices, the schedule optimises nothing), "list" (the
 * plan's "levels", byte for byte: the list the episode executes, measure
 * texts in the output's language), "loads" (one line per unit in scenario order:
 * enterprise and unit ids, and its load in every hour, hours outside the
 * timeline at base load) and "warnings". Hour t starts at start + t hours. */
#include "write.h"
#include "write_text.h"
#include "measure_words.h"
#include "numfmt.h"
#include "summary.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at p (n bytes left), 0 if invalid. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    size_t len, i;
    unsigned c = p[0];
    unsigned cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, cp = c & 0x07;
    else
        return 0;
    if (n < len)
        return 0;
    for (i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    /* overlong forms, surrogates, beyond U+10FFFF */
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

/* What put_str does with a byte: 0 copies it, 1 ends the string (NUL),
 * 2 escapes it, 4 starts a 3-byte UTF-8 sequence that needs only its two
 * continuation bytes checked (E1..EC, EE, EF: no overlong form or surrogate
 * starts there), 3 another multi-byte sequence (or is invalid). */
static const unsigned char str_class[256] = {
    1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 0x00 */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 0x10 */
    0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x20: '"' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, /* 0x50: '\\' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, /* 0x70: DEL */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* 0x80 .. 0xDF */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3, 4, 4, /* 0xE0: E0 and ED apart */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3};

/* The two continuation bytes after a lead byte, p[1] and p[2] of a 4-byte
 * load (the middle two bytes in either byte order): both 10xxxxxx. */
#define CONT2_MASK 0x00C0C000u
#define CONT2_BITS 0x00808000u
/* The same of two sequences: bytes 1, 2, 4 and 5 of an 8-byte load. */
static const unsigned char cont4_mask[8] = {0, 0xC0, 0xC0, 0, 0xC0, 0xC0, 0, 0};
static const unsigned char cont4_bits[8] = {0, 0x80, 0x80, 0, 0x80, 0x80, 0, 0};

/* Does any of the eight bytes of x need esc_str's attention: a control
 * character or DEL, '"', '\\', or a byte of a multi-byte sequence? (The
 * "has a zero byte" test on x xor each special byte, exact for bytes below
 * 0x80; a byte from 0x80 answers yes by itself.) */
static inline int swar_special(uint64_t x)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080);
    uint64_t t = (x - ones * 0x20) | ((x ^ ones * '"') - ones) | ((x ^ ones * '\\') - ones) |
                 ((x ^ ones * 0x7F) - ones);
    return ((t & ~x) | x) & high ? 1 : 0;
}

/* A JSON string: control characters escaped, valid UTF-8 passed through,
 * invalid bytes replaced by U+FFFD so the output is always valid JSON.
 * The string at p (end: its NUL), quotes included, is written at o, in room
 * for the worst case reserved by the caller (six bytes a byte: "\u001f" or
 * "\ufffd", and the quotes); the end of what was written. long_runs: the
 * string is long (warnings), plain ASCII goes eight bytes a step. */
static inline char *esc_str_with(char *o, const unsigned char *p, const unsigned char *end,
                                 int long_runs)
{
    static const char hex[] = "0123456789abcdef";
    unsigned c = *p, cls = str_class[c]; /* the byte at p and its class, throughout */
    *o++ = '"';
    for (;;) {
        size_t len;
        /* a run of plain ASCII; in long text (warnings), eight bytes a
         * step after its first while eight are left */
        if (long_runs && cls == 0) {
            *o++ = (char)c;
            p++;
            while (end - p >= 8) {
                uint64_t x;
                memcpy(&x, p, 8);
                if (swar_special(x))
                    break;
                memcpy(o, &x, 8);
                o += 8;
                p += 8;
            }
            c = *p;
            cls = str_class[c];
        }
        while (cls == 0) {
            *o++ = (char)c;
            c = *++p;
            cls = str_class[c];
        }
        /* a run of 3-byte sequences (CJK): two at a time while eight
         * bytes are left, then one at a time (read as 4 bytes when four
         * are left; o[3] is room). A NUL is no continuation byte, so no
         * sequence runs past the string. */
        while (cls == 4 && end - p >= 8) {
            uint64_t w, m, v;
            memcpy(&w, p, 8);
            memcpy(&m, cont4_mask, 8);
            memcpy(&v, cont4_bits, 8);
            if ((w & m) != v || str_class[p[3]] != 4)
                break;
            memcpy(o, &w, 8);
            o += 6;
            p += 6;
            c = *p;
            cls = str_class[c];
        }
        while (cls == 4) {
            uint32_t w;
            if (end - p >= 4) {
                memcpy(&w, p, 4);
                if ((w & CONT2_MASK) != CONT2_BITS)
                    break;
            } else if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) {
                break; /* (p[2] read only after p[1], no NUL, was) */
            }
            memcpy(o, p, 4); /* p[3] exists now: p[1] and p[2] are no NUL */
            o += 3;
            p += 3;
            c = *p;
            cls = str_class[c];
        }
        if (cls == 0)
            continue;
        if (cls == 1)
            break;
        if (cls >= 3) {
            if (c >= 0xC2 && c <= 0xDF && (p[1] & 0xC0) == 0x80) {
                o[0] = (char)c;
                o[1] = (char)p[1];
                o += 2;
                p += 2;
            } else if ((len = utf8_len(p, 4)) != 0) {
                memcpy(o, p, len);
                o += len;
                p += len;
            } else {
                memcpy(o, "\\ufffd", 6);
                o += 6;
                p++;
            }
        } else {
            if (c == '"' || c == '\\') {
                o[0] = '\\';
                o[1] = (char)c;
                o += 2;
            } else if (c == '\n' || c == '\t' || c == '\r' || c == '\b' || c == '\f') {
                o[0] = '\\';
                o[1] = c == '\n' ? 'n' : c == '\t' ? 't' : c == '\r' ? 'r' : c == '\b' ? 'b' : 'f';
                o += 2;
            } else {
                memcpy(o, "\\u00", 4);
                o[4] = hex[c >> 4];
                o[5] = hex[c & 0xF];
                o += 6;
            }
            p++;
        }
        c = *p;
        cls = str_class[c];
    }
    *o++ = '"';
    return o;
}

static char *esc_str(char *o, const unsigned char *p, const unsigned char *end)
{
    return esc_str_with(o, p, end, 0);
}

static void put_str(cu_buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p);
    char *o0;
    if (n > (SIZE_MAX - 3) / 6) {
        b->failed = 1;
        return;
    }
    if (!(o0 = cu_buf_room(b, 6 * n + 2)))
        return;
    cu_buf_commit(b, (size_t)((n >= 64 ? esc_str_with(o0, p, p + n, 1) : esc_str(o0, p, p + n)) -
                              o0));
}

static void put_key(cu_buf *b, const char *key)
{
    put_str(b, key);
    cu_buf_puts(b, ": ");
}

/* A string, or null when s is NULL. */
static void put_str_or_null(cu_buf *b, const char *s)
{
    if (s)
        put_str(b, s);
    else
        cu_buf_puts(b, "null");
}

/* A short JSON text escaped once per level (a name of the schema's fixed
 * vocabulary, as a string or as a key), then copied whole. */
typedef struct jtext {
    unsigned char n;
    char s[47];
} jtext;

/* The names every unit line repeats; the last of each kind stands for an
 * index out of range (its name "?"). ok: all of them fitted a jtext. */
typedef struct jnames {
    jtext poll_key[CU_NP + 1]; /* "SO2": */
    jtext poll[CU_NP + 1];     /* "SO2" */
    jtext grade[CURTAIL_NGRADES + 1];
    jtext measure[5 + 1];
    int ok;
} jnames;

/* t = s escaped (and ": " for a key), without allocating; 0 if too long */
static int jtext_set(jtext *t, const char *s, int key)
{
    char tmp[6 * sizeof t->s + 8];
    size_t n = strlen(s), len;
    memset(t, 0, sizeof *t);
    if (n > sizeof t->s)
        return 0;
    len = (size_t)(esc_str(tmp, (const unsigned char *)s, (const unsigned char *)s + n) - tmp);
    if (key) {
        memcpy(tmp + len, ": ", 2);
        len += 2;
    }
    if (len >= sizeof t->s)
        return 0;
    memcpy(t->s, tmp, len);
    t->n = (unsigned char)len;
    return 1;
}

static void jnames_init(jnames *jn)
{
    int i, ok = 1;
    for (i = 0; i <= CU_NP; i++) {
        const char *name = curtail_pollutant_name((curtail_pollutant)(i < CU_NP ? i : -1));
        ok &= jtext_set(&jn->poll_key[i], name, 1);
        ok &= jtext_set(&jn->poll[i], name, 0);
    }
    for (i = 0; i <= CURTAIL_NGRADES; i++) {
        int g = i < CURTAIL_NGRADES ? i : -1;
        ok &= jtext_set(&jn->grade[i], curtail_grade_name((curtail_grade)g), 0);
    }
    for (i = 0; i <= 5; i++)
        ok &= jtext_set(&jn->measure[i], cu_measure_key(i < 5 ? i : -1), 0);
    jn->ok = ok;
}

/* Index i of a kind of n names, the one past them when out of range. */
static int jn_index(int i, int n)
{
    return i >= 0 && i < n ? i : n;
}

static void put_num_member(cu_buf *b, const char *key, double v, int last)
{
    put_key(b, key);
    cu_buf_num(b, v);
    if (!last)
        cu_buf_puts(b, ", ");
}

static const char *status_name(int status)
{
    return status == CURTAIL_TARGETS_UNMET ? "targets_unmet" : "optimal";
}

/* The targets of a level, or of a segment (without shadow prices: a
 * schedule optimises nothing of its own). */
static void put_targets(cu_buf *b, const curtail_target *targets, int last, int prices,
                        const double *credit)
{
    int p;
    cu_buf_puts(b, "      \"targets\": {\n");
    for (p = 0; p < CU_NP; p++) {
        const curtail_target *t = &targets[p];
        cu_buf_puts(b, "        ");
        put_key(b, curtail_pollutant_name((curtail_pollutant)p));
        cu_buf_puts(b, "{");
        put_num_member(b, "baseline", t->baseline, 0);
        put_num_member(b, "required", t->required, 0);
        put_num_member(b, "achieved", t->achieved, 0);
        put_num_member(b, "shortfall", t->shortfall, !prices);
        if (prices)
            put_num_member(b, "shadow_price", t->shadow_price, !credit);
        if (credit) /* targets.credits_kgpd (issue 10): already off `required` */
            put_num_member(b, "credit", credit[p], 1);
        cu_buf_puts(b, p + 1 < CU_NP ? "},\n" : "}\n");
    }
    cu_buf_puts(b, last ? "      }\n" : "      },\n");
}

/* A level's combined target rows (issue 10), when the scenario has any:
 * "combined": [{"pollutants", "ratio", "credit", "required", "achieved",
 * "shortfall", "shadow_price"}], in units of a reduction ratio (the price in
 * yuan/d per 1.0 of it). */
static void put_combined(cu_buf *b, const curtail_result *r, int level)
{
    size_t k, n = 0;
    int p, first;
    for (k = 0; k < r->ncomb; k++) {
        const cu_comb_res *c = &r->comb[k];
        if (c->level != level)
            continue;
        cu_buf_puts(b, n++ ? ",\n        {" : "      \"combined\": [\n        {");
        put_key(b, "pollutants");
        cu_buf_puts(b, "[");
        for (p = 0, first = 1; p < CU_NP; p++)
            if (c->pollutants & (1u << p)) {
                if (!first)
                    cu_buf_puts(b, ", ");
                first = 0;
                put_str(b, curtail_pollutant_name((curtail_pollutant)p));
            }
        cu_buf_puts(b, "], ");
        put_num_member(b, "ratio", c->ratio, 0);
        put_num_member(b, "credit", c->credit, 0);
        put_num_member(b, "required", c->required, 0);
        put_num_member(b, "achieved", c->achieved, 0);
        put_num_member(b, "shortfall", c->shortfall, 0);
        put_num_member(b, "shadow_price", c->shadow_price, 1);
        cu_buf_puts(b, "}");
    }
    if (n)
        cu_buf_puts(b, "\n      ],\n");
}

/* A literal's bytes (its length known at compile time). */
#define PUT_LIT(b, lit) cu_buf_put((b), (lit), sizeof(lit) - 1)
/* "key": number, with a literal key that needs no escaping */
#define PUT_NUM_LIT(b, key, v) (PUT_LIT(b, "\"" key "\": "), cu_buf_num((b), (v)))

/* ---- a unit's line, written at a cursor into room reserved once ---- */

/* A literal's bytes at o; the end. */
#define O_LIT(o, lit) (memcpy((o), (lit), sizeof(lit) - 1), (o) + sizeof(lit) - 1)

/* t's text at o (copied whole: its room is sizeof t->s); the end. */
static char *o_jtext(char *o, const jtext *t)
{
    memcpy(o, t->s, sizeof t->s);
    return o + t->n;
}

/* The texts of the numbers a level's unit lines wrote last, by their bits
 * (direct-mapped): loads, shares and costs repeat from unit to unit. */
#define NUMCACHE 256
typedef struct numcache {
    uint64_t key[NUMCACHE]; /* 0: empty (zero is never looked up) */
    unsigned char len[NUMCACHE];
    char text[NUMCACHE][24];
} numcache;

/* cu_numfmt(v) at o (CU_NUMFMT_MAX of room), from the cache when there */
static char *o_num(char *o, double v, numcache *nc)
{
    uint64_t bits;
    size_t h, n;
    if (v == 0.0) { /* either sign */
        *o = '0';
        return o + 1;
    }
    memcpy(&bits, &v, sizeof bits);
    h = (size_t)((bits * UINT64_C(0x9E3779B97F4A7C15)) >> 56);
    if (nc->key[h] == bits) {
        memcpy(o, nc->text[h], sizeof nc->text[h]);
        return o + nc->len[h];
    }
    n = cu_numfmt(o, v);
    if (n <= sizeof nc->text[h]) {
        nc->key[h] = bits;
        nc->len[h] = (unsigned char)n;
        memcpy(nc->text[h], o, sizeof nc->text[h]);
    }
    return o + n;
}

/* x in decimal (at most 20 bytes) */
static char *o_uint(char *o, unsigned long long x)
{
    char tmp[20];
    size_t i = sizeof tmp;
    if (x < 100) { /* the common case: a rule's index, a line */
        o[0] = (char)('0' + x / 10);
        o[1] = (char)('0' + x % 10);
        if (x >= 10)
            return o + 2;
        o[0] = o[1];
        return o + 1;
    }
    do {
        tmp[--i] = (char)('0' + x % 10);
        x /= 10;
    } while (x);
    memcpy(o, tmp + i, sizeof tmp - i);
    return o + (sizeof tmp - i);
}

/* The escaped string s of n bytes at o. */
static char *o_str(char *o, const char *s, size_t n)
{
    return esc_str(o, (const unsigned char *)s, (const unsigned char *)s + n);
}

static char *o_str_or_null(char *o, const char *s)
{
    return s ? o_str(o, s, strlen(s)) : O_LIT(o, "null");
}

/* The room a unit line needs besides its strings' (six bytes a byte and
 * two quotes each): its literals (440 bytes), 11 numbers, 7 names, 2
 * integers. */
#define UNIT_FIXED_ROOM (1024 + 12 * CU_NUMFMT_MAX + 8 * sizeof(jtext) + 2 * 20)

/* Why the unit's measure (issue 9): "basis": {"grade", "grade_reason",
 * "rule": {"source", "index", "line"} or null, "beyond_rule", "held_by",
 * "pollutant", "cost_per_kg", "marginal_cost", "text"}; the reason's text
 * in `reason`. */
static char *o_basis(char *o, const cu_mw_facts *f, const cu_buf *reason, const jnames *jn,
                     numcache *nc)
{
    static const char *const why[3] = {NULL, "phase_out", "wet_quenching"};
    o = O_LIT(o, ", \"basis\": {\"grade\": ");
    o = o_jtext(o, &jn->grade[jn_index(f->grade, CURTAIL_NGRADES)]);
    o = O_LIT(o, ", \"grade_reason\": ");
    o = o_str_or_null(o, why[f->grade_why]);
    o = O_LIT(o, ", \"rule\": ");
    if (f->has_rule) {
        if (f->builtin)
            o = O_LIT(o, "{\"source\": \"builtin\", \"index\": ");
        else
            o = O_LIT(o, "{\"source\": \"scenario\", \"index\": ");
        o = o_uint(o, f->rule_index);
        o = O_LIT(o, ", \"line\": ");
        if (f->rule_line) {
            o = o_uint(o, f->rule_line);
            o = O_LIT(o, "}");
        } else
            o = O_LIT(o, "null}");
    } else
        o = O_LIT(o, "null");
    if (f->load < f->rule_hi - 1e-9 && !f->below_min && !f->held_by &&
        !(f->nested_from >= 0 && !(f->pollutant >= 0 && f->cost_per_kg < f->marginal_cost)))
        o = O_LIT(o, ", \"beyond_rule\": true");
    else
        o = O_LIT(o, ", \"beyond_rule\": false");
    o = O_LIT(o, ", \"held_by\": ");
    o = o_str_or_null(o, f->held_by);
    o = O_LIT(o, ", \"pollutant\": ");
    if (f->pollutant >= 0) {
        o = o_jtext(o, &jn->poll[jn_index(f->pollutant, CU_NP)]);
        o = O_LIT(o, ", \"cost_per_kg\": ");
        o = o_num(o, f->cost_per_kg, nc);
        o = O_LIT(o, ", \"marginal_cost\": ");
        o = o_num(o, f->marginal_cost, nc);
    } else
        o = O_LIT(o, "null, \"cost_per_kg\": null, \"marginal_cost\": null");
    o = O_LIT(o, ", \"text\": ");
    o = o_str(o, reason->data ? reason->data : "", reason->len);
    return O_LIT(o, "}");
}

static void buf_clear(cu_buf *t)
{
    t->len = 0;
    if (t->data)
        t->data[0] = '\0';
}

/* One line of a level's units; `text` and `reason` are scratch room for
 * the measure text and its reason (kept across units: one allocation per
 * level, not per unit); cls, when not NULL, gets the unit's measure class
 * for the summary. */
static void put_unit(cu_buf *b, const curtail_result *r, const curtail_unit_result *ur,
                     size_t u, int level, int lang, cu_buf *text, cu_buf *reason,
                     const jnames *jn, numcache *nc, unsigned char *cls)
{
    cu_mw_facts f; /* gathered once for the text, the reason and the class */
    const char *ent = ur->enterprise ? ur->enterprise : "", *unit = ur->unit ? ur->unit : "";
    size_t nent, nunit, strs, room;
    char *o, *o0;
    int p;
    cu_measure_facts(r, u, level, lang, &f);
    if (cls)
        cls[u * CU_NL + (size_t)level] = (unsigned char)cu_mw_class(&f);
    buf_clear(text);
    cu_mw_text(&f, text); /* = cu_measure_text(r, u, level, lang, text) */
    buf_clear(reason);
    cu_mw_reason(&f, reason);
    if (text->failed || reason->failed) {
        b->failed = 1;
        return;
    }
    /* every string but the names (in UNIT_FIXED_ROOM) */
    nent = strlen(ent);
    nunit = strlen(unit);
    strs = nent + nunit + text->len + reason->len +
           (f.held_by ? strlen(f.held_by) : 0) + 13 /* "wet_quenching" */;
    if (strs > (SIZE_MAX - UNIT_FIXED_ROOM) / 6 - 6) {
        b->failed = 1;
        return;
    }
    room = UNIT_FIXED_ROOM + 6 * strs + 2 * 6; /* and six pairs of quotes */
    if (!(o = o0 = cu_buf_room(b, room)))
        return;
    o = O_LIT(o, "        {\"enterprise\": ");
    o = o_str(o, ent, nent);
    o = O_LIT(o, ", \"unit\": ");
    o = o_str(o, unit, nunit);
    o = O_LIT(o, ", \"load\": ");
    o = o_num(o, ur->load, nc);
    o = O_LIT(o, ", \"base_load\": ");
    o = o_num(o, ur->base_load, nc);
    o = O_LIT(o, ", \"lo\": ");
    o = o_num(o, ur->lo, nc);
    o = O_LIT(o, ", \"hi\": ");
    o = o_num(o, ur->hi, nc);
    o = O_LIT(o, ", \"measure\": {\"kind\": ");
    o = o_jtext(o, &jn->measure[jn_index((int)ur->measure, 5)]);
    o = O_LIT(o, ", \"value\": ");
    if (ur->measure == CURTAIL_MEASURE_STOP || ur->measure == CURTAIL_MEASURE_NONE)
        o = O_LIT(o, "null");
    else
        o = o_num(o, ur->measure_value, nc);
    o = O_LIT(o, "}, \"text\": ");
    o = o_str(o, text->data ? text->data : "", text->len);
    o = o_basis(o, &f, reason, jn, nc);
    o = O_LIT(o, ", \"reduction\": {");
    for (p = 0; p < CU_NP; p++) {
        if (p)
            o = O_LIT(o, ", ");
        o = o_jtext(o, &jn->poll_key[p]);
        o = o_num(o, ur->reduction[p], nc);
    }
    o = O_LIT(o, "}}");
    cu_buf_commit(b, (size_t)(o - o0));
}

/* A level's transport measures (issue 10): the mobile-source reduction,
 * each enterprise's measure (an enterprise-level measure, stated once per
 * enterprise), and how many enterprises carry each. */
static void put_transport(cu_buf *b, const curtail_result *r, int level, int lang)
{
    size_t e, ne = curtail_scenario_enterprise_count(r->s), count[CURTAIL_NTRANSPORTS] = {0};
    double mobile[CU_NP];
    int p, t;
    curtail_result_mobile(r, (curtail_level)level, mobile, NULL);
    PUT_LIT(b, "      \"mobile\": {");
    for (p = 0; p < CU_NP; p++)
        put_num_member(b, curtail_pollutant_name((curtail_pollutant)p), mobile[p], p + 1 == CU_NP);
    PUT_LIT(b, "},\n");
    cu_buf_puts(b, ne ? "      \"transport\": [\n" : "      \"transport\": [],\n");
    for (e = 0; e < ne && !b->failed; e++) {
        curtail_enterprise_spec es = CURTAIL_ENTERPRISE_SPEC_INIT;
        curtail_transport tr = curtail_result_transport(r, (curtail_level)level, e);
        const char *id, *name, *text;
        size_t nid, nname, ntext;
        char *o, *o0;
        curtail_scenario_enterprise(r->s, e, &es, NULL);
        count[tr]++;
        /* one line at a cursor, as a unit's */
        id = es.id ? es.id : "";
        name = tr == CURTAIL_TRANSPORT_UNSET ? NULL : curtail_transport_name(tr);
        text = cu_transport_text((int)tr, lang == CURTAIL_LANG_EN);
        text = text ? text : "";
        nid = strlen(id);
        nname = name ? strlen(name) : 0;
        ntext = strlen(text);
        if (nid + nname + ntext > (SIZE_MAX - 256 - CU_NUMFMT_MAX) / 6 - 3) {
            b->failed = 1;
            break;
        }
        if (!(o = o0 = cu_buf_room(b, 256 + CU_NUMFMT_MAX + 6 * (nid + nname + ntext) + 6)))
            break;
        o = O_LIT(o, "        {\"enterprise\": ");
        o = o_str(o, id, nid);
        o = O_LIT(o, ", \"measure\": ");
        o = name ? o_str(o, name, nname) : O_LIT(o, "null");
        o = O_LIT(o, ", \"text\": ");
        o = o_str(o, text, ntext);
        o = O_LIT(o, ", \"trips_stopped\": ");
        o += cu_numfmt(o, curtail_result_trips_stopped(r, (curtail_level)level, e));
        o = e + 1 < ne ? O_LIT(o, "},\n") : O_LIT(o, "}\n");
        cu_buf_commit(b, (size_t)(o - o0));
    }
    if (ne)
        cu_buf_puts(b, "      ],\n");
    PUT_LIT(b, "      \"transport_counts\": {");
    for (t = CURTAIL_TRANSPORT_NONE; t < CURTAIL_NTRANSPORTS; t++) {
        put_key(b, curtail_transport_name((curtail_transport)t));
        cu_buf_printf(b, "%zu, ", count[t]);
    }
    cu_buf_printf(b, "\"unstated\": %zu}\n", count[CURTAIL_TRANSPORT_UNSET]);
}

static int put_level(cu_buf *b, const curtail_result *r, int level, int lang, int last,
                     unsigned char *cls)
{
    curtail_level_result lr;
    cu_buf text, reason;
    jnames jn;
    numcache *nc;
    size_t i, n = curtail_result_unit_count(r);
    int rc = curtail_result_level(r, (curtail_level)level, &lr, NULL);
    if (rc != CURTAIL_OK)
        return rc;
    cu_buf_puts(b, "    {\n      ");
    put_key(b, "level");
    put_str(b, curtail_level_name((curtail_level)level));
    cu_buf_puts(b, ",\n      ");
    put_key(b, "status");
    put_str(b, status_name((int)lr.status));
    cu_buf_puts(b, ",\n      ");
    put_key(b, "lost_value");
    cu_buf_num(b, lr.lost_value);
    cu_buf_puts(b, ",\n      ");
    put_key(b, "weighted_loss");
    cu_buf_num(b, lr.weighted_loss);
    cu_buf_puts(b, ",\n");
    put_targets(b, lr.targets, 0, 1, r->has_credits ? r->credit[level] : NULL);
    put_combined(b, r, level);
    cu_buf_puts(b, n ? "      \"units\": [\n" : "      \"units\": [],\n");
    jnames_init(&jn);
    if (!jn.ok) /* a name of the fixed vocabulary longer than 46 bytes escaped */
        return CURTAIL_EINVAL;
    if (!(nc = cu_calloc(b->mem, 1, sizeof *nc)))
        return CURTAIL_ENOMEM;
    cu_buf_init(&text, b->mem);
    cu_buf_init(&reason, b->mem);
    for (i = 0; i < n && !b->failed; i++) {
        curtail_unit_result ur;
        rc = curtail_result_unit(r, (curtail_level)level, i, &ur, NULL);
        if (rc != CURTAIL_OK) {
            cu_buf_free(&text);
            cu_buf_free(&reason);
            cu_free(b->mem, nc);
            return rc;
        }
        put_unit(b, r, &ur, i, level, lang, &text, &reason, &jn, nc, cls);
        if (i + 1 < n)
            PUT_LIT(b, ",\n");
        else
            PUT_LIT(b, "\n");
    }
    cu_buf_free(&text);
    cu_buf_free(&reason);
    cu_free(b->mem, nc);
    if (n)
        cu_buf_puts(b, "      ],\n");
    put_transport(b, r, level, lang);
    cu_buf_puts(b, last ? "    }\n" : "    },\n");
    return CURTAIL_OK;
}

/* A plan with whole-line steps (issue 10): how its MIP ended. No time: the
 * output stays the same bytes run after run. */
static void put_mip(cu_buf *out, const curtail_mip_info *mi)
{
    cu_buf_puts(out, "  ");
    put_key(out, "mip");
    cu_buf_puts(out, "{");
    put_key(out, "status");
    put_str(out, mi->status == 1 ? "optimal" : "feasible");
    cu_buf_puts(out, ", ");
    put_key(out, "gap");
    cu_buf_num(out, mi->gap);
    cu_buf_puts(out, ", ");
    put_key(out, "bound");
    cu_buf_num(out, mi->bound);
    cu_buf_puts(out, ", ");
    put_key(out, "lp_bound");
    cu_buf_num(out, mi->lp_bound);
    cu_buf_puts(out, ", ");
    put_key(out, "stepped_groups");
    cu_buf_printf(out, "%zu", mi->stepped_groups);
    cu_buf_puts(out, "},\n");
}

/* ",\n  \"key\": \"value\"" when value is given. */
static void put_opt_str(cu_buf *b, const char *key, const char *value)
{
    if (!value)
        return;
    cu_buf_puts(b, ",\n  ");
    put_key(b, key);
    put_str(b, value);
}

/* The keys every result starts with; `command` is "plan" or "schedule". */
static void put_head(cu_buf *out, const curtail_result *r, const char *command)
{
    cu_buf_puts(out, "{\n  \"curtail\": 1,\n  ");
    put_key(out, "version");
    put_str(out, curtail_version());
    cu_buf_puts(out, ",\n  ");
    put_key(out, "scenario");
    put_str(out, curtail_scenario_name(r->s));
    /* the title block (issue 9 item 6, review P2-9): only when given, so
     * that scenarios without one give the same bytes as before */
    put_opt_str(out, "note", curtail_scenario_note(r->s));
    put_opt_str(out, "compiled_by", curtail_scenario_compiled_by(r->s));
    cu_buf_puts(out, ",\n  ");
    put_key(out, "command");
    put_str(out, command);
    cu_buf_puts(out, ",\n  ");
    put_key(out, "status");
    put_str(out, status_name((int)curtail_result_status(r)));
    cu_buf_puts(out, ",\n  ");
    put_key(out, "objective");
    cu_buf_num(out, curtail_result_objective(r));
    cu_buf_puts(out, ",\n");
    if (r->mip.status)
        put_mip(out, &r->mip);
}

/* The warnings and the closing brace. */
static void put_tail(cu_buf *out, const curtail_result *r)
{
    size_t i, nw = curtail_result_warning_count(r);
    cu_buf_puts(out, nw ? "  \"warnings\": [\n" : "  \"warnings\": []\n");
    for (i = 0; i < nw; i++) {
        cu_buf_puts(out, "    ");
        put_str(out, curtail_result_warning(r, i));
        cu_buf_puts(out, i + 1 < nw ? ",\n" : "\n");
    }
    if (nw)
        cu_buf_puts(out, "  ]\n");
    cu_buf_puts(out, "}\n");
}

/* The list, level by level: a plan's "levels", and the same bytes as a
 * schedule's "list" (the list the episode executes). */
static int put_levels(cu_buf *out, const curtail_result *r, int lang, const char *key,
                      unsigned char *cls)
{
    int level, rc;
    cu_buf_puts(out, "  ");
    put_key(out, key);
    cu_buf_puts(out, "[\n");
    for (level = 0; level < CU_NL; level++) {
        rc = put_level(out, r, level, lang, level + 1 == CU_NL, cls);
        if (rc != CURTAIL_OK)
            return rc;
    }
    cu_buf_puts(out, "  ],\n");
    return CURTAIL_OK;
}

/* ---- the plan's summary (summary.h) ---------------------------------------------------------- */

static const char *const mc_key[CU_MC_N] = {"hot_idle",     "stop",           "coking_time",
                                            "cut",          "stop_loading",   "stop_storage",
                                            "guarantee",    "voluntary",      "none"};
static const char *const short_key[4] = {NULL, "beyond_list", "all_at_minimum", "traded_off"};

static void put_ratio_or_null(cu_buf *b, const char *key, int has, double part, double whole)
{
    put_key(b, key);
    if (has)
        cu_buf_num(b, cu_sum_ratio(part, whole));
    else
        PUT_LIT(b, "null");
    PUT_LIT(b, ", ");
}

static void put_levels_array(cu_buf *b, const size_t v[CU_NL])
{
    int L;
    PUT_LIT(b, "[");
    for (L = 0; L < CU_NL; L++)
        cu_buf_printf(b, L ? ", %zu" : "%zu", v[L]);
    PUT_LIT(b, "]");
}

static void put_count(cu_buf *b, const cu_sum_count *c)
{
    cu_buf_printf(b, "\"units\": %zu, \"enterprises\": %zu, \"curtailed_units\": ", c->units,
                  c->enterprises);
    put_levels_array(b, c->cut_units);
    PUT_LIT(b, ", \"curtailed_enterprises\": ");
    put_levels_array(b, c->cut_enterprises);
    PUT_LIT(b, "}");
}

static void put_summary(cu_buf *b, const cu_summary *s)
{
    int L, p, c, g, any;
    size_t k;
    PUT_LIT(b, "  \"summary\": {\n    \"base\": ");
    put_str(b, s->has_county ? "totals" : "listed");
    PUT_LIT(b, ",\n    \"levels\": [\n");
    for (L = 0; L < CU_NL; L++) {
        PUT_LIT(b, "      {\"level\": ");
        put_str(b, curtail_level_name((curtail_level)L));
        PUT_LIT(b, ", ");
        PUT_NUM_LIT(b, "lost_value_10k_yuan", s->lv[L].lost_value / 10000.0);
        PUT_LIT(b, ",\n       \"targets\": {\n");
        for (p = 0; p < CU_NP; p++) {
            const cu_sum_target *t = &s->lv[L].t[p];
            PUT_LIT(b, "         ");
            put_key(b, curtail_pollutant_name((curtail_pollutant)p));
            PUT_LIT(b, "{\"county_total\": ");
            if (s->has_county)
                cu_buf_num(b, t->county);
            else
                PUT_LIT(b, "null");
            PUT_LIT(b, ", ");
            put_num_member(b, "listed", t->listed, 0);
            PUT_LIT(b, "\"targeted\": ");
            cu_buf_puts(b, t->targeted ? "true, " : "false, ");
            put_num_member(b, "ratio", t->ratio, 0);
            put_num_member(b, "required_total", t->order, 0);
            put_num_member(b, "credit", t->credit, 0);
            put_num_member(b, "mobile", t->mobile, 0);
            put_num_member(b, "required", t->required, 0);
            put_num_member(b, "achieved", t->achieved, 0);
            put_num_member(b, "achieved_total", t->achieved_total, 0);
            /* against the county: the order's ratio, and listed + mobile + credit */
            put_key(b, "required_ratio_county");
            if (s->has_county)
                cu_buf_num(b, t->ratio);
            else
                PUT_LIT(b, "null");
            PUT_LIT(b, ", ");
            put_ratio_or_null(b, "achieved_ratio_county", s->has_county, t->achieved_total,
                              t->county);
            put_num_member(b, "required_ratio_listed", cu_sum_ratio(t->required, t->listed), 0);
            put_num_member(b, "achieved_ratio_listed", cu_sum_ratio(t->achieved, t->listed), 0);
            put_num_member(b, "shortfall", t->shortfall, 0);
            put_num_member(b, "max_reduction", t->max_reduction, 0);
            put_num_member(b, "marginal_cost", t->marginal, 0);
            PUT_LIT(b, "\"shortfall_reason\": ");
            put_str_or_null(b, short_key[t->why]);
            cu_buf_puts(b, p + 1 < CU_NP ? "},\n" : "}\n");
        }
        PUT_LIT(b, "       },\n       \"measures\": {");
        for (c = 0; c < CU_MC_N; c++)
            cu_buf_printf(b, "%s\"%s\": {\"units\": %zu, \"enterprises\": %zu}", c ? ", " : "",
                          mc_key[c], s->lv[L].units[c], s->lv[L].enterprises[c]);
        cu_buf_puts(b, L + 1 < CU_NL ? "}},\n" : "}}\n");
    }
    PUT_LIT(b, "    ],\n    \"total\": {");
    put_count(b, &s->total);
    PUT_LIT(b, ",\n    \"by_grade\": [");
    for (g = 0, any = 0; g < CURTAIL_NGRADES; g++) {
        if (!s->by_grade[g].units && !s->by_grade[g].enterprises)
            continue;
        cu_buf_puts(b, any ? ",\n      {\"grade\": " : "\n      {\"grade\": ");
        put_str(b, curtail_grade_name((curtail_grade)g));
        PUT_LIT(b, ", \"weight\": ");
        if (s->has_weight[g])
            cu_buf_num(b, s->weight[g]);
        else
            PUT_LIT(b, "null");
        PUT_LIT(b, ", ");
        put_count(b, &s->by_grade[g]);
        any = 1;
    }
    cu_buf_puts(b, any ? "\n    ],\n    \"by_industry\": [" : "],\n    \"by_industry\": [");
    for (g = 0, any = 0; g < CURTAIL_NINDUSTRIES; g++) {
        if (!s->by_industry[g].units && !s->by_industry[g].enterprises)
            continue;
        cu_buf_puts(b, any ? ",\n      {\"industry\": " : "\n      {\"industry\": ");
        put_str(b, curtail_industry_name((curtail_industry)g));
        PUT_LIT(b, ", ");
        put_count(b, &s->by_industry[g]);
        any = 1;
    }
    cu_buf_puts(b, any ? "\n    ],\n    \"by_town\": [" : "],\n    \"by_town\": [");
    for (k = 0; k < s->ntowns; k++) {
        cu_buf_puts(b, k ? ",\n      {\"town\": " : "\n      {\"town\": ");
        put_str_or_null(b, s->towns[k].town);
        PUT_LIT(b, ", ");
        put_count(b, &s->towns[k].c);
    }
    cu_buf_puts(b, s->ntowns ? "\n    ]\n  },\n" : "]\n  },\n");
}

static int write_plan(const curtail_result *r, int lang, cu_buf *out)
{
    cu_summary sum;
    size_t n = curtail_result_unit_count(r);
    /* the units' measure classes, gathered with their texts for the summary */
    unsigned char *cls = cu_calloc(r->mem, n ? n * CU_NL : 1, 1);
    int rc;
    if (!cls)
        return CURTAIL_ENOMEM;
    put_head(out, r, "plan");
    if ((rc = put_levels(out, r, lang, "levels", cls)) != CURTAIL_OK) {
        cu_free(r->mem, cls);
        return rc;
    }
    rc = cu_summary_compute_cls(r, cls, &sum);
    cu_free(r->mem, cls);
    if (rc == CURTAIL_OK)
        put_summary(out, &sum);
    cu_summary_free(&sum);
    if (rc != CURTAIL_OK)
        return rc;
    put_tail(out, r);
    return out->failed ? CURTAIL_ENOMEM : CURTAIL_OK;
}

/* ---- schedule ------------------------------------------------------------------------------- */

static int put_segment(cu_buf *b, const curtail_result *r, size_t k, int last)
{
    curtail_segment_result sg;
    int rc = curtail_result_segment(r, k, &sg, NULL);
    if (rc != CURTAIL_OK)
        return rc;
    cu_buf_puts(b, "    {\n      ");
    put_key(b, "day");
    put_str(b, sg.day);
    cu_buf_puts(b, ",\n      ");
    put_key(b, "level");
    put_str(b, curtail_level_name(sg.level));
    cu_buf_puts(b, ",\n      ");
    put_key(b, "hours");
    cu_buf_printf(b, "%d", sg.hours);
    cu_buf_puts(b, ",\n      ");
    put_key(b, "status");
    put_str(b, status_name((int)sg.status));
    cu_buf_puts(b, ",\n      ");
    put_key(b, "lost_value");
    cu_buf_num(b, sg.lost_value);
    cu_buf_puts(b, ",\n      ");
    put_key(b, "weighted_loss");
    cu_buf_num(b, sg.weighted_loss);
    cu_buf_puts(b, ",\n");
    put_targets(b, sg.targets, 1, 0, NULL);
    cu_buf_puts(b, last ? "    }\n" : "    },\n");
    return CURTAIL_OK;
}

/* Loads of consecutive hours, comma separated. Runs of equal hours are the
 * rule (a level's hours share one load), so a value equal to the one before
 * repeats its text instead of formatting it again. */
static void put_load_list(cu_buf *b, const double *load, size_t hours)
{
    char prev[64];
    size_t t, prev_len = 0;
    for (t = 0; t < hours && !b->failed; t++) {
        size_t at;
        if (t)
            cu_buf_puts(b, ", ");
        if (prev_len && load[t] == load[t - 1]) {
            cu_buf_put(b, prev, prev_len);
            continue;
        }
        at = b->len;
        cu_buf_num(b, load[t]);
        prev_len = 0;
        if (!b->failed && b->len - at < sizeof prev) {
            prev_len = b->len - at;
            memcpy(prev, b->data + at, prev_len);
        }
    }
}

/* One line per unit: its load in every hour of the horizon. */
static int put_loads(cu_buf *b, const curtail_result *r)
{
    size_t u, n = curtail_result_unit_count(r), hours = curtail_result_hour_count(r);
    cu_buf_puts(b, n ? "  \"loads\": [\n" : "  \"loads\": [],\n");
    for (u = 0; u < n && !b->failed; u++) {
        const double *load = curtail_result_unit_loads(r, u);
        curtail_unit_result ur;
        if (!load || curtail_result_unit(r, CURTAIL_YELLOW, u, &ur, NULL) != CURTAIL_OK)
            return CURTAIL_EINVAL;
        cu_buf_puts(b, "    {");
        put_key(b, "enterprise");
        put_str(b, ur.enterprise);
        cu_buf_puts(b, ", ");
        put_key(b, "unit");
        put_str(b, ur.unit);
        cu_buf_puts(b, ", ");
        put_key(b, "load");
        cu_buf_puts(b, "[");
        put_load_list(b, load, hours);
        cu_buf_puts(b, u + 1 < n ? "]},\n" : "]}\n");
    }
    if (n)
        cu_buf_puts(b, "  ],\n");
    return CURTAIL_OK;
}

static int write_schedule(const curtail_result *r, int lang, cu_buf *out)
{
    size_t k, nseg = curtail_result_segment_count(r);
    char start[32];
    int rc;
    put_head(out, r, "schedule");
    rc = curtail_result_hour_label(r, 0, start, sizeof start, NULL);
    if (rc != CURTAIL_OK)
        return rc;
    cu_buf_puts(out, "  ");
    put_key(out, "start");
    put_str(out, start);
    cu_buf_puts(out, ",\n  ");
    put_key(out, "hours");
    cu_buf_printf(out, "%zu", curtail_result_hour_count(r));
    cu_buf_puts(out, ",\n");
    cu_buf_puts(out, nseg ? "  \"segments\": [\n" : "  \"segments\": [],\n");
    for (k = 0; k < nseg && !out->failed; k++) {
        rc = put_segment(out, r, k, k + 1 == nseg);
        if (rc != CURTAIL_OK)
            return rc;
    }
    if (nseg)
        cu_buf_puts(out, "  ],\n");
    if ((rc = put_levels(out, r, lang, "list", NULL)) != CURTAIL_OK)
        return rc;
    rc = put_loads(out, r);
    if (rc != CURTAIL_OK)
        return rc;
    put_tail(out, r);
    return out->failed ? CURTAIL_ENOMEM : CURTAIL_OK;
}

int cu_write_json(const curtail_result *r, const curtail_write_options *o, cu_buf *out)
{
    int lang = o->lang == CURTAIL_LANG_DEFAULT ? r->lang : (int)o->lang;
    return r->kind == CU_RESULT_SCHEDULE ? write_schedule(r, lang, out) : write_plan(r, lang, out);
}

/* A JSON string, or null for NULL, for the other JSON writers (write_public.c,
 * write_explain_json.c). */
void cu_json_str(cu_buf *b, const char *s)
{
    put_str_or_null(b, s);
}
