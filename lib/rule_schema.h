/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rule_schema.h — the rule schema of SPEC §4.2 (rule_schema.c): one rule node
 * read from YAML, and a whole rule table (the built-in one). Internal; not
 * installed. */
#ifndef CURTAIL_RULE_SCHEMA_H
#define CURTAIL_RULE_SCHEMA_H

#include "yaml_read.h"

/* Zone tags and rule towns of a scenario, each a bit of a 64-bit mask
 * (CU_MAX_PLACES distinct names of each): enterprises carry a zone mask,
 * rules a zone and a town mask. Owned by the scenario (cu_places_free). */
#define CU_MAX_PLACES 64
enum { CU_PLACE_ZONE = 0, CU_PLACE_TOWN = 1 };
typedef struct cu_places {
    char *name[2][CU_MAX_PLACES];
    unsigned n[2];
} cu_places;
/* The bit index of `name` in dictionary `what`, added when new: CURTAIL_OK,
 * or CURTAIL_EINPUT (a 65th name; message without position) / ENOMEM. */
int cu_places_add(const curtail_mem *mem, cu_places *p, int what, const char *name, unsigned *bit,
                  curtail_error *err);
/* Its index, or -1. */
int cu_places_find(const cu_places *p, int what, const char *name);
void cu_places_free(const curtail_mem *mem, cu_places *p);
/* dst (a memcpy of src) gets its own copies: 0 or -1 (ENOMEM; dst then frees cleanly). */
int cu_places_own(const curtail_mem *mem, cu_places *dst);
/* A zone tag: [A-Za-z_][A-Za-z0-9_]*, 1 to 64 characters. */
int cu_zone_tag_ok(const char *tag);
/* A zone tag read from the file (a string that is cu_zone_tag_ok). */
int yr_zone_tag(const loader *ld, uint32_t node, const ypath *path, const char **out);

/* A rule of the scenario's policy or of the built-in table. */
typedef struct cu_rule {
    curtail_rule r;
    uint64_t zones;   /* bits of cu_places zone names; 0: no `zones:` key */
    uint64_t towns;   /* bits of cu_places town names; 0: no `towns:` key */
    unsigned seasons; /* bit 1u << curtail_season; 0: every season */
    int builtin; /* from the built-in table */
    cu_pos pos;  /* its node: in the scenario file, or in policy_default.yaml for a
                    built-in rule; 0 for a rule added by a program */
    size_t index; /* index in its list (scenario policy or built-in table) */
} cu_rule;

/* The built-in policy table, compiled in from lib/policy_default.yaml. */
extern const char cu_policy_default_yaml[];
/* Parse a rule list (YAML text of the form of policy_default.yaml) into rules.
 * Used for the built-in table; the result is owned by the caller (cu_free).
 * `places`: the scenario's dictionaries the rules' zones and towns go into
 * (NULL: a rule with `zones:` or `towns:` is an error, as in the built-in
 * table). The table's `default_seasons:` are the seasons of its rules that
 * name none. */
int cu_policy_parse(const curtail_mem *mem, const char *text, size_t len, const char *file,
                    cu_places *places, cu_rule **out, size_t *nout, curtail_error *err);

/* One rule node at `path` into r (its zones and towns into `places`, NULL:
 * not allowed): CURTAIL_OK or the error set through ld. */
int cu_parse_rule(const loader *ld, uint32_t node, const ypath *path, cu_places *places,
                  cu_rule *r);

#endif
