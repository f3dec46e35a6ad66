/* SPDX-License-Identifier: GPL-3.0-or-later */
/* transport.h — transport measures and mobile-source reductions (issue 10,
 * transport.c): an enterprise's measure at a level, the trips it stops, and
 * what they save. Internal; not installed. */
#ifndef CURTAIL_TRANSPORT_H
#define CURTAIL_TRANSPORT_H

#include "policy.h"

/* The transport measure of enterprise e at level L: the strictest of its
 * units' winning transport rules (CURTAIL_TRANSPORT_UNSET when none). */
int cu_transport_enterprise(const curtail_scenario *s, const cu_groups *g, size_t e, int L);
/* Trips a day of enterprise e that transport measure t stops. */
double cu_transport_trips_stopped(const curtail_scenario *s, size_t e, int t);
/* The mobile-source reduction M[L][p] (kg/d): Σ_e trips stopped × kg per
 * trip. All zero when no enterprise has trucks_per_day. */
void cu_transport_mobile(const curtail_scenario *s, const cu_groups *g, double M[CU_NL][CU_NP]);
/* A level's requirement less its mobile-source reduction, never below 0:
 * the one place where M enters a target row (plan.c, schedule.c). */
double cu_requirement_less_mobile(double required, double mobile);
/* The check's part (scenario_check.c): every truck class with trips needs
 * its transport_factors (an input error at the trips' position), and an
 * enterprise with 10 or more trips a day and no gate monitoring is warned. */
int cu_transport_check(curtail_scenario *s, curtail_error *err);

#endif
