/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scenario_steps.c — whole-line steps of a unit (issue 10): `lines: N` or
 * `step: s`, set on the unit added last, read back by unit index. The plan
 * that uses them is a MIP (mip.c). */
#include "scenario.h"

#include <math.h>

#define MAX_LINES 1000

static int last_unit(curtail_scenario *s, const char *fn, cu_unit **out, curtail_error *err)
{
    int rc;
    if (!s)
        return cu_einval(err, "%s: scenario is NULL", fn);
    if ((rc = cu_scenario_refuse_while_results(s, fn, err)) != 0)
        return rc;
    if (s->nunits == 0)
        return cu_einval(err, "%s: add a unit first", fn);
    *out = &s->units[s->nunits - 1];
    return CURTAIL_OK;
}

static int not_on_follower(const cu_unit *u, const char *key, curtail_error *err)
{
    if (u->follows)
        return cu_bad_value(err, key,
                            "a follower runs at its leader's load; give %s to '%s' instead", key,
                            u->follows);
    return CURTAIL_OK;
}

int curtail_scenario_set_unit_lines(curtail_scenario *s, double lines, curtail_error *err)
{
    cu_unit *u;
    int rc;
    if ((rc = last_unit(s, "curtail_scenario_set_unit_lines", &u, err)) != 0)
        return rc;
    if (!isfinite(lines) || lines < 1 || lines > MAX_LINES || lines != floor(lines))
        return cu_bad_value(err, "lines", "must be a whole number of lines from 1 to %d, got %.15g",
                            MAX_LINES, lines);
    if ((rc = not_on_follower(u, "lines", err)) != 0)
        return rc;
    if (u->step > 0)
        return cu_bad_value(err, "lines", "give either lines or step, not both");
    u->lines = (unsigned)lines;
    u->step = 1.0 / lines;
    s->checked = 0;
    return CURTAIL_OK;
}

int curtail_scenario_set_unit_step(curtail_scenario *s, double step, curtail_error *err)
{
    cu_unit *u;
    int rc;
    if ((rc = last_unit(s, "curtail_scenario_set_unit_step", &u, err)) != 0)
        return rc;
    if (!isfinite(step) || !(step > 0) || step > 1)
        return cu_bad_value(err, "step", "must be in (0, 1], got %.15g", step);
    if (step < 1.0 / MAX_LINES)
        return cu_bad_value(err, "step", "must be at least 1/%d (0.001), got %.15g", MAX_LINES,
                            step);
    if ((rc = not_on_follower(u, "step", err)) != 0)
        return rc;
    if (u->step > 0)
        return cu_bad_value(err, "step", "give either lines or step, not both");
    u->lines = 0;
    u->step = step;
    s->checked = 0;
    return CURTAIL_OK;
}

int curtail_scenario_unit_steps(const curtail_scenario *s, size_t i, unsigned *lines,
                                double *step, curtail_error *err)
{
    if (!s)
        return cu_einval(err, "curtail_scenario_unit_steps: scenario is NULL");
    if (i >= s->nunits)
        return cu_einval(err, "curtail_scenario_unit_steps: no unit %zu", i);
    if (lines)
        *lines = s->units[i].lines;
    if (step)
        *step = s->units[i].step;
    return CURTAIL_OK;
}
