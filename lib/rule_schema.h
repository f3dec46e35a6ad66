/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rule_schema.h — the rule schema of SPEC §4.2 (rule_schema.c): one rule node
 * read from YAML, and a whole rule table (the built-in one). Internal; not
 * installed. */
#ifndef CURTAIL_RULE_SCHEMA_H
#define CURTAIL_RULE_SCHEMA_H

#include "yaml_read.h"

/* A rule of the scenario's policy or of the built-in table. */
typedef struct cu_rule {
    curtail_rule r;
    int builtin; /* from the built-in table */
    cu_pos pos;  /* its node: in the scenario file, or in policy_default.yaml for a
                    built-in rule; 0 for a rule added by a program */
    size_t index; /* index in its list (scenario policy or built-in table) */
} cu_rule;

/* The built-in policy table, compiled in from lib/policy_default.yaml. */
extern const char cu_policy_default_yaml[];
/* Parse a rule list (YAML text of the form of policy_default.yaml) into rules.
 * Used for the built-in table; the result is owned by the caller (cu_free). */
int cu_policy_parse(const curtail_mem *mem, const char *text, size_t len, const char *file,
                    cu_rule **out, size_t *nout, curtail_error *err);

/* One rule node at `path` into r: CURTAIL_OK or the error set through ld. */
int cu_parse_rule(const loader *ld, uint32_t node, const ypath *path, curtail_rule *r);

#endif
