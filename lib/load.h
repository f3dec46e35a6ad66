/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * load.h — the schema layers of the YAML loader, each on yaml_read.h:
 *
 *   load_yaml.c     file reading, the document, targets and extra grades
 *   load_episode.c  the episode, through the public episode builders
 *   load_units.c    enterprises and units
 *   load_rules.c    the scenario's policy list, on rule_schema.c
 *   load_transport.c trucks of an enterprise, the transport factors
 *   yaml_read.c     strict readers over the node tree
 *
 * A file calls only the files listed below it.
 */
#ifndef CURTAIL_LOAD_H
#define CURTAIL_LOAD_H

#include "yaml_read.h"
#include "episode.h"
#include "names.h"
#include "timeutil.h"

/* ---- load_rules.c ---- */
/* A scenario's `policy:` list, each rule added with curtail_scenario_add_rule. */
int cu_load_policy(const loader *ld, uint32_t node, const ypath *path);

/* ---- load_units.c ---- */
/* One enterprise and its units (also called while the file is parsed). */
int cu_load_enterprise(const loader *ld, uint32_t node, const ypath *path);
/* The `enterprises:` list, or the error of the one streamed during the parse. */
int cu_load_enterprises(const loader *ld, uint32_t node, const ypath *path);

/* ---- load_transport.c (issue 10) ---- */
/* The enterprise just added: its trucks_per_day and gate_monitoring value
 * nodes (-1 when absent). */
int cu_load_trucks(const loader *ld, uint32_t ent_node, const ypath *ent_path, int64_t trucks,
                   int64_t gate);
/* The scenario's `transport_factors:` mapping. */
int cu_load_transport_factors(const loader *ld, uint32_t node, const ypath *path);

/* ---- load_episode.c ---- */
int cu_load_episode(const loader *ld, uint32_t node, const ypath *path);

#endif
