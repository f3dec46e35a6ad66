/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rule_schema.h — the rule schema of SPEC §4 read from YAML text (rule_schema.c): the built-in table's parser. Internal; not installed. */
#ifndef CURTAIL_RULE_SCHEMA_H
#define CURTAIL_RULE_SCHEMA_H

#include "scenario.h"
#include "yaml_read.h"

/* ---- YAML (yaml_tree.c, load_yaml.c) ------------------------------------------- */
/* The built-in policy table, compiled in from lib/policy_default.yaml. */
extern const char cu_policy_default_yaml[];
/* Parse a rule list (YAML text of the form of policy_default.yaml) into rules.
 * Used for the built-in table; the result is owned by the caller (cu_free). */
int cu_policy_parse(const curtail_mem *mem, const char *text, size_t len, const char *file,
                    cu_rule **out, size_t *nout, curtail_error *err);

/* One rule node at `path` into r: CURTAIL_OK or the error set through ld. */
int cu_parse_rule(const loader *ld, uint32_t node, const ypath *path, curtail_rule *r);

#endif
