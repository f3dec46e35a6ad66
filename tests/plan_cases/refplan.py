#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""refplan.py — an independent reading of SPEC §4.3 and §5, for checking.

Not part of the build or of CTest: a second route to the plan optimum of a
scenario, written from the SPEC text alone (no library code). It reads a
scenario YAML (PyYAML), applies the built-in rule table of
/work/shared/policy-default.yaml (or the project's lib/policy_default.yaml),
computes the bounds of every load group per level, writes the plan LP in CPLEX
LP form with cut variables y = b - x, solves it with glpsol, and prints the
objective, per-level losses, targets, shadow prices and loads.

    python3 tests/plan_cases/refplan.py SCENARIO.yaml [--lp OUT.lp] [--json]

Only phase 2 of §5 is written when all targets can be met; when they cannot,
phase 1 is solved first and its minimum bounds the shortfall in phase 2.
Strictness of the YAML (unknown keys, types) is not checked here.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

POLS = ["SO2", "NOx", "PM", "VOCs"]
LEVELS = ["yellow", "orange", "red"]
DEFAULT_RATIOS = {"yellow": 0.10, "orange": 0.20, "red": 0.30}
DEFAULT_GRADES = ["C", "D", "non-leading", "none"]
DEFAULT_WEIGHTS = {"B": 4, "B-": 3, "C": 2, "non-leading": 2, "D": 1, "none": 1}
INTERRUPTIBLE_KINDS = {"batch", "loading", "coating"}
STRICTER = {"A": "B", "B": "C", "B-": "C", "C": "D", "leading": "non-leading"}
MATCH_KEYS = ["industry", "kind", "grades", "levels", "interruptible", "fuel", "guarantee"]
MEASURES = ["max_load", "cut", "coking_time_h", "stop", "none"]

HERE = os.path.dirname(os.path.abspath(__file__))
POLICY_PATHS = [os.path.join(HERE, "..", "..", "lib", "policy_default.yaml"),
                "/work/shared/policy-default.yaml"]


def as_list(v):
    return v if isinstance(v, list) else [v]


def load_builtin():
    for p in POLICY_PATHS:
        if os.path.exists(p):
            with open(p, encoding="utf-8") as f:
                return yaml.safe_load(f)["rules"]
    raise SystemExit("no built-in policy table found")


def effective_grade(ent, unit):
    g = str(ent.get("grade", "none"))
    if ent.get("phase_out", False):
        g = "D"
    co = unit.get("coke_oven")
    if co and "height_m" in co and co.get("quenching") == "wet" and co["height_m"] >= 5.5:
        g = STRICTER.get(g, g)
    return g


def unit_interruptible(unit):
    if "interruptible" in unit:
        return bool(unit["interruptible"])
    return unit["kind"] in INTERRUPTIBLE_KINDS


def rule_matches(rule, ent, unit, grade, level):
    if rule["industry"] != ent["industry"]:
        return False
    if "kind" in rule and unit["kind"] not in as_list(rule["kind"]):
        return False
    if grade not in [str(g) for g in as_list(rule["grades"])]:
        return False
    if level not in as_list(rule["levels"]):
        return False
    if "interruptible" in rule and bool(rule["interruptible"]) != unit_interruptible(unit):
        return False
    if "fuel" in rule:
        b = unit.get("boiler")
        if not b or b.get("fuel") not in as_list(rule["fuel"]):
            return False
    guar = ent.get("guarantee", "none")
    if guar != "none":
        if "guarantee" not in rule:
            return False
        g = rule["guarantee"]
        if g is not True and guar not in as_list(g):
            return False
    elif "guarantee" in rule:
        return False
    return True


def pick_rule(rules, ent, unit, grade, level):
    best, best_spec = None, -1
    for r in rules:  # later rules win ties: >=
        if rule_matches(r, ent, unit, grade, level):
            spec = sum(1 for k in MATCH_KEYS if k in r)
            if spec >= best_spec:
                best, best_spec = r, spec
    return best


def unit_bounds(rule, ent, unit, b, grade, extra_grades, warnings, path):
    """(lo, hi, floor, pinned, measure) of one unit at one level (SPEC §4.3)."""
    co = unit.get("coke_oven")
    if "min_load" in unit:
        min_load = float(unit["min_load"])
    elif unit["kind"] == "coke_oven" and co:
        # the load at the longest coking time, b·T0/Tmax (docs/DECISIONS.md, fixmodel)
        min_load = b * float(co.get("coking_time_h", 22)) / float(co.get("max_coking_time_h", 72))
    else:
        min_load = 0.0
    guarantee = ent.get("guarantee", "none") != "none"
    pinned = guarantee or grade not in extra_grades
    measure = ("none", None)
    r = None
    if rule is not None:
        key = [k for k in MEASURES if k in rule][0]
        measure = (key, rule[key])
        if key == "max_load":
            r = float(rule["max_load"])
        elif key == "cut":
            r = b * (1.0 - float(rule["cut"]))
        elif key == "coking_time_h":
            if co:
                tn = float(co.get("coking_time_h", 22))
                T = float(rule["coking_time_h"])
                r = b if T <= tn else b * tn / T
        elif key == "stop":
            return 0.0, 0.0, 0.0, pinned, measure
    hi = b if r is None else min(b, r)
    if r is not None and r < min_load:
        warnings.append("%s: rule bound %g below min_load %g" % (path, r, min_load))
        return min_load, min_load, min_load, pinned, measure
    lo = hi if pinned else min(min_load, hi)
    return lo, hi, min(min_load, b), pinned, measure


def build(scn):
    builtin = load_builtin() if scn.get("builtin_policy", True) else []
    rules = builtin + list(scn.get("policy", []) or [])
    extra = scn.get("extra", {}) or {}
    extra_grades = [str(g) for g in extra.get("grades", DEFAULT_GRADES)]
    weights = {str(k): float(v) for k, v in extra.get("weights", DEFAULT_WEIGHTS).items()}
    warnings = []
    units = []  # flat, scenario order
    for ei, ent in enumerate(scn["enterprises"]):
        ent["id"] = str(ent["id"])
        byid = {}
        for ui, u in enumerate(ent["units"]):
            u["id"] = str(u["id"])
            byid[u["id"]] = u
        for ui, u in enumerate(ent["units"]):
            cap = float(u["capacity"])
            ef = [0.0] * 4
            if "ef" in u:
                ef = [float(u["ef"].get(p, 0)) for p in POLS]
            units.append({"ent": ent, "unit": u, "cap": cap, "ef": ef,
                          "path": "enterprises[%d].units[%d]" % (ei, ui),
                          "fixed": [float((u.get("fixed_kgpd") or {}).get(p, 0)) for p in POLS]})
        # leaders
        for rec in units:
            if rec["ent"] is not ent:
                continue
            u = rec["unit"]
            root = u
            seen = set()
            while "follows" in root:
                seen.add(root["id"])
                root = byid[str(root["follows"])]
                if root["id"] in seen:
                    raise SystemExit("cycle")
            rec["leader"] = root
    for rec in units:
        leader = rec["leader"]
        b = float(leader.get("base_load", 1.0))
        rec["b"] = b
        if "baseline_kgpd" in rec["unit"]:
            bl = rec["unit"]["baseline_kgpd"]
            rec["ef"] = [float(bl.get(p, 0)) / (rec["cap"] * b) for p in POLS]
    # groups keyed by (enterprise id, leader id), in order of first member
    groups = {}
    order = []
    for rec in units:
        key = (rec["ent"]["id"], rec["leader"]["id"])
        if key not in groups:
            groups[key] = {"members": [], "key": key}
            order.append(key)
        groups[key]["members"].append(rec)
    for key in order:
        g = groups[key]
        lead_rec = [m for m in g["members"] if m["unit"] is m["leader"]][0]
        ent = lead_rec["ent"]
        lgrade = effective_grade(ent, lead_rec["unit"])
        g["w"] = weights.get(lgrade, 1.0)
        g["b"] = lead_rec["b"]
        g["E"] = [sum(m["ef"][p] * m["cap"] for m in g["members"]) for p in range(4)]
        g["V"] = sum(float(m["unit"].get("value", 0)) * m["cap"] for m in g["members"])
        g["lo"], g["hi"] = [], []
        for L in LEVELS:
            per = []
            for m in g["members"]:
                grade = effective_grade(m["ent"], m["unit"])
                rule = pick_rule(rules, m["ent"], m["unit"], grade, L)
                lo, hi, floor, pinned, meas = unit_bounds(rule, m["ent"], m["unit"], g["b"],
                                                          grade, extra_grades, warnings,
                                                          m["path"])
                m.setdefault("bounds", []).append((lo, hi, meas))
                per.append((lo, hi, floor, pinned, meas))
            hig = min(p[1] for p in per)
            log = 0.0
            for lo, hi, floor, pinned, meas in per:
                log = max(log, floor if meas[0] != "stop" else 0.0)
                if pinned:
                    log = max(log, min(hi, hig))
            if log > hig + 1e-12:
                raise SystemExit("lo > hi in group %s at %s" % (key, L))
            g["lo"].append(log)
            g["hi"].append(hig)
        for a in range(3):
            for c in range(a + 1, 3):
                if g["lo"][c] > g["hi"][a] + 1e-12:
                    raise SystemExit("nesting impossible %s %s/%s" % (key, LEVELS[a], LEVELS[c]))
    glist = [groups[k] for k in order]
    tg = scn.get("targets", {}) or {}
    if tg.get("base", "listed") == "totals":
        B = [float(tg["totals_kgpd"].get(p, 0)) for p in POLS]
    else:
        B = [sum(g["E"][p] * g["b"] for g in glist) + sum(r["fixed"][p] for r in units)
             for p in range(4)]
    ratios = {}
    given = tg.get("ratios", {}) or {}
    for L in LEVELS:
        if L in given:
            ratios[L] = [float((given[L] or {}).get(p, 0)) for p in POLS]
        else:
            ratios[L] = [DEFAULT_RATIOS[L]] * 4
    Q = {L: [ratios[L][p] * B[p] for p in range(4)] for L in LEVELS}
    return units, glist, B, Q, warnings


def fmt(v):
    return repr(float(v))


def write_lp(glist, Q, phase, budget=None):
    out = ["\\ generated by refplan.py", "Minimize"]
    terms = []
    if phase == 1:
        for li, L in enumerate(LEVELS):
            for p in range(4):
                if Q[L][p] > 0:
                    terms.append("%s s_%d_%d" % (fmt(1.0 / Q[L][p]), li, p))
    else:
        for gi, g in enumerate(glist):
            for li in range(3):
                terms.append("%s y_%d_%d" % (fmt(g["w"] * g["V"]), gi, li))
    out.append(" obj: " + (" + ".join(terms) if terms else "0 y_0_0"))
    out.append("Subject To")
    for li, L in enumerate(LEVELS):
        for p in range(4):
            if Q[L][p] <= 0:
                continue
            t = ["%s y_%d_%d" % (fmt(g["E"][p]), gi, li) for gi, g in enumerate(glist)
                 if g["E"][p] != 0]
            if budget is not None or phase == 1:
                t.append("s_%d_%d" % (li, p))
            if not t:
                t = ["0 y_0_%d" % li]
            out.append(" t_%d_%d: %s >= %s" % (li, p, " + ".join(t), fmt(Q[L][p])))
    if budget is not None:
        t = ["%s s_%d_%d" % (fmt(1.0 / Q[L][p]), li, p) for li, L in enumerate(LEVELS)
             for p in range(4) if Q[L][p] > 0]
        out.append(" budget: %s <= %s" % (" + ".join(t), fmt(budget)))
    for gi, g in enumerate(glist):
        out.append(" n_%d_0: y_%d_0 - y_%d_1 <= 0" % (gi, gi, gi))
        out.append(" n_%d_1: y_%d_1 - y_%d_2 <= 0" % (gi, gi, gi))
    out.append("Bounds")
    for gi, g in enumerate(glist):
        for li in range(3):
            out.append(" %s <= y_%d_%d <= %s" % (fmt(g["b"] - g["hi"][li]), gi, li,
                                                 fmt(g["b"] - g["lo"][li])))
    out.append("End")
    return "\n".join(out) + "\n"


def glpsol(lp_text):
    with tempfile.TemporaryDirectory() as d:
        lp = os.path.join(d, "m.lp")
        sol = os.path.join(d, "m.sol")
        with open(lp, "w") as f:
            f.write(lp_text)
        subprocess.run(["glpsol", "--lp", lp, "-w", sol], check=True,
                       stdout=subprocess.DEVNULL)
        with open(sol) as f:
            lines = [l.split() for l in f if not l.startswith("c")]
    # glpsol -w format: s bas ROWS COLS pst dst obj / i ROW st prim dual / j COL st prim dual
    rows, cols, obj = {}, {}, None
    for l in lines:
        if l[0] == "s":
            obj = float(l[-1])
        elif l[0] == "i":
            rows[int(l[1])] = (float(l[3]), float(l[4]))
        elif l[0] == "j":
            cols[int(l[1])] = (float(l[3]), float(l[4]))
    return obj, rows, cols


def names_in_order(lp_text):
    """Row and column names in glpsol's numbering (order of appearance)."""
    rows, cols = [], []
    sect = None
    for line in lp_text.splitlines():
        s = line.strip()
        if s in ("Minimize", "Subject To", "Bounds", "End"):
            sect = s
            continue
        if sect == "Subject To":
            m = re.match(r"(\w+):", s)
            if m:
                rows.append(m.group(1))
        for v in re.findall(r"\b([ys]_\d+_\d+)\b", s):
            if v not in cols:
                cols.append(v)
    return rows, cols


def solve(scn):
    units, glist, B, Q, warnings = build(scn)
    # phase 1 only matters if some target is out of reach; check by max cuts
    lp1 = write_lp(glist, Q, 1)
    obj1, _, _ = glpsol(lp1)
    budget = None if obj1 <= 1e-9 else obj1
    lp2 = write_lp(glist, Q, 2, budget)
    obj, rows, cols = glpsol(lp2)
    rnames, cnames = names_in_order(lp2)
    y = {cnames[j - 1]: v[0] for j, v in cols.items()}
    duals = {rnames[i - 1]: v[1] for i, v in rows.items()}
    res = {"status": "optimal" if budget is None else "targets_unmet", "objective": obj,
           "levels": [], "warnings": warnings}
    for li, L in enumerate(LEVELS):
        lost = sum(g["V"] * y["y_%d_%d" % (gi, li)] for gi, g in enumerate(glist))
        wl = sum(g["w"] * g["V"] * y["y_%d_%d" % (gi, li)] for gi, g in enumerate(glist))
        tg = {}
        for p in range(4):
            ach = sum(g["E"][p] * y["y_%d_%d" % (gi, li)] for gi, g in enumerate(glist))
            short = max(0.0, Q[L][p] - ach) if budget is not None else 0.0
            tg[POLS[p]] = {"baseline": B[p], "required": Q[L][p], "achieved": ach,
                           "shortfall": short,
                           "shadow_price": duals.get("t_%d_%d" % (li, p), 0.0)}
        us = []
        for gi, g in enumerate(glist):
            x = g["b"] - y["y_%d_%d" % (gi, li)]
            for m in g["members"]:
                lo, hi, meas = m["bounds"][li]
                us.append({"enterprise": m["ent"]["id"], "unit": m["unit"]["id"], "load": x,
                           "base_load": g["b"], "lo": g["lo"][li], "hi": g["hi"][li],
                           "unit_lo": lo, "unit_hi": hi, "measure": meas,
                           "reduction": {POLS[p]: m["ef"][p] * m["cap"] * (g["b"] - x)
                                         for p in range(4)}})
        res["levels"].append({"level": L, "lost_value": lost, "weighted_loss": wl,
                              "targets": tg, "units": us})
    return res, lp2


def main():
    args = sys.argv[1:]
    if not args:
        raise SystemExit(__doc__)
    with open(args[0], encoding="utf-8") as f:
        scn = yaml.safe_load(f)
    res, lp = solve(scn)
    if "--lp" in args:
        with open(args[args.index("--lp") + 1], "w") as f:
            f.write(lp)
    if "--json" in args:
        json.dump(res, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return
    print("status %s objective %.6f" % (res["status"], res["objective"]))
    for lv in res["levels"]:
        print("%-6s lost %.4f weighted %.4f" % (lv["level"], lv["lost_value"],
                                                lv["weighted_loss"]))
        for p in POLS:
            t = lv["targets"][p]
            print("   %-4s B %.4f Q %.4f R %.4f short %.4f price %.6f" % (
                p, t["baseline"], t["required"], t["achieved"], t["shortfall"],
                t["shadow_price"]))
        for u in lv["units"]:
            print("   %s/%s x %.6f [%.6f, %.6f] %s" % (u["enterprise"], u["unit"], u["load"],
                                                     u["lo"], u["hi"], u["measure"]))
    for w in res["warnings"]:
        print("warning:", w)


if __name__ == "__main__":
    main()
