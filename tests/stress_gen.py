#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Magnitude-stress scenarios for curtail (issue 14, SPEC §9: every solve ends).

Small scenarios (2-40 units) whose emission factors, capacities, values,
fixed emissions and totals span 1e-6 to 1e12 (the loader's limit is 1e12 for
every magnitude, lib/scenario.c CU_MAX_MAGNITUDE; capacity must be > 0),
including unmet targets and degenerate cases. Standard library only; the
same seed always gives the same bytes.

    stress_gen.py SEED                  one scenario on stdout
    stress_gen.py --first 1 --count 300 --dir DIR
                                        DIR/s<SEED>.yaml for SEED = first .. first+count-1,
                                        and DIR/index.txt: "SEED CLASS" per line

Classes (chosen by the seed's own generator):
  wide        every magnitude log-uniform over a range inside [1e-6, 1e12]
  spike       realistic magnitudes, one emission factor raised to 1e6..1e12
              (issue 14: factors in [2e6, 1e8] hang, beyond 2e8 give exit 4)
  pair        two units, a coke oven with SO2 factor 1e6..1e12, base: totals
  unmet       wide magnitudes, targets beyond the largest possible reduction
  degenerate  ties, zero values, zero emissions under a target, pinned units,
              targets at the mandatory reduction, no targets at all
"""

import argparse
import math
import os
import random
import sys

POLS = ("SO2", "NOx", "PM", "VOCs")
LEVELS = ("yellow", "orange", "red")
GRADES = ("A", "B", "B-", "C", "D", "leading", "non-leading", "none")
MIN_E, MAX_E = -6, 12   # decimal exponents the loader accepts (capacity > 0)


def fmt(x):
    """a number the loader reads, inside [1e-6, 1e12] when positive"""
    if x <= 0:
        return "0"
    x = min(max(x, 1e-6), 1e12)
    s = "%.6g" % x
    if float(s) > 1e12:
        s = "1e+12"
    return s


def mag(rng, lo, hi):
    return 10.0 ** rng.uniform(lo, hi)


class Ranges:
    """decimal exponent ranges of one scenario's magnitudes"""

    def __init__(self, rng, wide):
        def rg(lo, hi, width):
            if not wide:
                return (lo, hi)
            a = rng.uniform(MIN_E, MAX_E - width)
            return (a, rng.uniform(a + width, MAX_E))
        self.ef = rg(-3, 1, 6)
        self.cap = rg(1, 3.7, 6)
        self.value = rg(1, 3, 6)
        self.fixed = rg(0, 3, 4)
        self.totals = rg(3, 6, 6)


def unit_ef(rng, r, pollutants=POLS):
    ef = {}
    for p in pollutants:
        if rng.random() < 0.7:
            ef[p] = mag(rng, *r.ef)
    if not ef:
        ef[rng.choice(pollutants)] = mag(rng, *r.ef)
    return ef


def emap(d):
    return "{" + ", ".join("%s: %s" % (p, fmt(d[p])) for p in POLS if p in d) + "}"


def make_enterprises(rng, nunits, r, degenerate=False):
    """list of (enterprise dict, [unit dicts])"""
    ents = []
    left = nunits
    k = 0
    tie = None
    if degenerate and rng.random() < 0.5:   # identical units: ties everywhere
        tie = {"cap": fmt(mag(rng, *r.cap)), "value": fmt(mag(rng, *r.value)),
               "ef": {p: mag(rng, *r.ef) for p in POLS if rng.random() < 0.7} or {"SO2": 1.0}}
    zero_values = degenerate and rng.random() < 0.3
    while left > 0:
        k += 1
        ind = rng.choice(("other", "other", "chemical", "boiler", "coking"))
        if ind == "coking" and left < 2:
            ind = "other"
        e = {"id": "e%d" % k, "industry": ind, "grade": rng.choice(GRADES)}
        if rng.random() < 0.1:
            e["guarantee"] = rng.choice(("livelihood", "supply"))
        if rng.random() < 0.05:
            e["phase_out"] = True
        units = []
        if ind == "coking":   # each oven brings its by-product plant
            n = max(1, min(rng.randint(1, 2), left // 2))
        else:
            n = min(left, rng.randint(1, 4))
        for _ in range(n):
            i = len(units) + 1
            u = {"id": "u%d" % i}
            if tie:
                u["capacity"], u["value"], u["ef"] = tie["cap"], tie["value"], dict(tie["ef"])
            else:
                u["capacity"] = fmt(mag(rng, *r.cap))
                u["value"] = "0" if zero_values or rng.random() < 0.05 else fmt(mag(rng, *r.value))
                u["ef"] = unit_ef(rng, r)
            if ind == "other":
                u["kind"] = "other"
            elif ind == "chemical":
                u["kind"] = rng.choice(("reactor", "batch", "loading", "storage", "coating", "other"))
            elif ind == "boiler":
                u["kind"] = "boiler"
                if rng.random() < 0.8:
                    u["boiler"] = "{fuel: %s, steam_tph: %d}" % (
                        rng.choice(("coal", "gas", "biomass", "oil", "electric")),
                        rng.choice((10, 20, 35, 65, 130)))
            else:
                u["kind"] = "coke_oven"
                ct = rng.randint(18, 26)
                u["coke_oven"] = "{height_m: %s, quenching: %s, coking_time_h: %d, max_coking_time_h: 72}" % (
                    rng.choice(("4.3", "5.5", "6")), rng.choice(("dry", "wet")), ct)
            if rng.random() < 0.4:
                u["base_load"] = "%.3f" % rng.uniform(0.05, 1.0)
            if u["kind"] != "coke_oven" and rng.random() < 0.2:
                u["min_load"] = "%.3f" % rng.uniform(0.0, 0.5)
            if rng.random() < 0.15:
                u["fixed_kgpd"] = {p: mag(rng, *r.fixed) for p in POLS if rng.random() < 0.5}
            if u["kind"] in ("other", "reactor", "storage") and rng.random() < 0.15:
                u["interruptible"] = "true"
            units.append(u)
            if ind == "coking":   # a by-product plant that follows the oven
                f = {"id": "u%d" % (i + 1), "kind": "byproduct", "follows": u["id"],
                     "capacity": u["capacity"] if tie else fmt(mag(rng, *r.cap)),
                     "value": u["value"] if tie else fmt(mag(rng, *r.value)),
                     "ef": dict(u["ef"]) if tie else unit_ef(rng, r, ("SO2", "VOCs"))}
                units.append(f)
        left -= len(units)
        ents.append((e, units))
    return ents


def listed_baseline(ents):
    out = {p: 0.0 for p in POLS}
    for _, units in ents:
        bl = {}
        for u in units:
            b = float(u["base_load"]) if "base_load" in u else 1.0
            if "follows" in u:
                b = bl[u["follows"]]
            bl[u["id"]] = b
            for p in POLS:
                out[p] += float(fmt(u["ef"].get(p, 0.0))) * float(u["capacity"]) * b
                out[p] += float(fmt(u.get("fixed_kgpd", {}).get(p, 0.0)))
    return out


def ratios(rng, mode):
    """{level: {pollutant: ratio}}; mode: normal | high | tiny | none | edge"""
    out = {}
    for L in LEVELS:
        row = {}
        for p in POLS:
            if mode == "none":
                row[p] = 0.0
            elif mode == "high":
                row[p] = rng.choice((0.9, 0.95, 0.99, 0.999999, rng.uniform(0.5, 0.99)))
            elif mode == "tiny":
                row[p] = rng.choice((1e-6, 1e-4, rng.uniform(0, 0.01)))
            elif mode == "edge":
                row[p] = rng.choice((0.0, 1e-6, 0.5, 0.999999))
            else:
                row[p] = rng.choice((0.0, rng.uniform(0.0, 0.6), rng.uniform(0.0, 0.99)))
        out[L] = row
    return out


def issue10_targets(seed, rat, basev):
    """targets.credits_kgpd and targets.combined (issue 10) for three seeds in
    ten, drawn from a generator of their own so the rest of a seed's
    scenario stays as it was; "" for the others."""
    rng = random.Random(seed * 7919 + 10)
    if rng.random() >= 0.3:
        return ""
    o = ["  credits_kgpd:\n"]
    for L in LEVELS:
        row = {}
        for p in POLS:
            need = (rat[L][p] if rat else DEFAULT_RATIO[L]) * basev[p]
            if rng.random() < 0.5 and need > 0:
                row[p] = min(1e12, need * rng.choice((rng.uniform(0, 0.6), 1.5)))
        if row:
            o.append("    %s: %s\n" % (L, emap(row)))
    if len(o) == 1:
        o = []
    o.append("  combined:\n")
    for _ in range(rng.randint(1, 3)):
        pols = rng.sample(POLS, rng.randint(2, 4))
        levels = rng.sample(LEVELS, rng.randint(1, 3))
        tot = sum(rat[levels[0]][p] if rat else DEFAULT_RATIO[levels[0]] for p in pols)
        # at most the number of its pollutants (a sum of that many ratios)
        ratio = min(float(len(pols)), tot * rng.uniform(0.8, 1.5)) if tot > 0 else rng.uniform(0.05, 0.5)
        o.append("    - {pollutants: [%s], levels: [%s], ratio: %.6g}\n"
                 % (", ".join(pols), ", ".join(levels), max(ratio, 1e-6)))
    return "".join(o)


DEFAULT_RATIO = {"yellow": 0.1, "orange": 0.2, "red": 0.3}


def write(seed, cls, ents, base, totals, rat, extra, t10=""):
    o = ["# stress_gen.py %d (class %s)\n" % (seed, cls), "curtail: 1\n",
         "name: stress %d %s\n" % (seed, cls), "lang: en\n", "targets:\n", "  base: %s\n" % base]
    if base == "totals":
        o.append("  totals_kgpd: %s\n" % ("{" + ", ".join("%s: %s" % (p, fmt(totals[p])) for p in POLS) + "}"))
    if rat is not None:
        o.append("  ratios:\n")
        for L in LEVELS:
            o.append("    %s: {%s}\n" % (L, ", ".join("%s: %s" % (p, "%.6g" % rat[L][p]) for p in POLS)))
    o.append(t10)
    if extra:
        o.append(extra)
    o.append("enterprises:\n")
    for e, units in ents:
        o.append("  - id: %s\n    industry: %s\n    grade: %s\n" % (e["id"], e["industry"], e["grade"]))
        if "guarantee" in e:
            o.append("    guarantee: %s\n" % e["guarantee"])
        if e.get("phase_out"):
            o.append("    phase_out: true\n")
        o.append("    units:\n")
        for u in units:
            o.append("      - id: %s\n        kind: %s\n        capacity: %s\n        value: %s\n"
                     % (u["id"], u["kind"], u["capacity"], u["value"]))
            o.append("        ef: %s\n" % emap(u["ef"]))
            for key in ("base_load", "min_load", "interruptible", "follows", "coke_oven", "boiler"):
                if key in u:
                    o.append("        %s: %s\n" % (key, u[key]))
            if u.get("fixed_kgpd"):
                o.append("        fixed_kgpd: %s\n" % emap(u["fixed_kgpd"]))
    return "".join(o)


def scenario(seed):
    rng = random.Random(seed)
    cls = rng.choices(("wide", "spike", "pair", "unmet", "degenerate"),
                      weights=(0.35, 0.2, 0.1, 0.15, 0.2))[0]
    extra = ""
    if cls == "pair":
        r = Ranges(rng, False)
        ents = make_enterprises(rng, 2, r)
        # one coking plant: an oven and its by-product plant (or two other units)
        e, units = ents[0]
        # totals from the realistic baseline, then one factor jumps (issue 14)
        listed = listed_baseline(ents)
        totals = {p: listed[p] * rng.uniform(1.0, 3.0) for p in POLS}
        if units[0]["kind"] == "coke_oven":
            units[0]["ef"]["SO2"] = mag(rng, 6, 12)
        else:
            units[0]["ef"][rng.choice(POLS)] = mag(rng, 6, 12)
        base = "totals"
        rat = ratios(rng, "normal") if rng.random() < 0.5 else None
        return cls, write(seed, cls, ents, base, totals, rat, extra)
    n = rng.randint(2, 40)
    r = Ranges(rng, cls in ("wide", "unmet", "degenerate"))
    ents = make_enterprises(rng, n, r, degenerate=(cls == "degenerate"))
    listed = listed_baseline(ents)
    # the loader caps derived sums (a listed baseline) at 1e24: factors and
    # capacities both near 1e12 on forty units exceed it, so capacities shrink
    while max(listed.values()) > 5e23:
        for _, units in ents:
            for u in units:
                u["capacity"] = fmt(max(float(u["capacity"]) / 10, 1e-6))
        listed = listed_baseline(ents)
    # and its loss coefficients (weight x value x capacity, weights up to 1e3)
    for _, units in ents:
        for u in units:
            if float(u["value"]) * float(u["capacity"]) > 1e20:
                u["value"] = fmt(1e20 / float(u["capacity"]))
    if cls == "spike":
        # totals stay those of the realistic scenario (issue 14: one PM factor
        # of examples/xiangyuan-winter.yaml changed from 0.03 to 4.6e6 hangs)
        # mostly on a unit the optimiser may cut (as the reactor there)
        free = [x for x in ents if x[0]["grade"] in ("C", "D", "non-leading", "none")
                and "guarantee" not in x[0]]
        e, units = rng.choice(free if free and rng.random() < 0.8 else ents)
        u = rng.choice(units)
        u["ef"][rng.choice(POLS)] = mag(rng, 6, 12)
    base = "totals" if rng.random() < 0.7 else "listed"
    if cls == "unmet":
        base = "totals"
        totals = {p: max(listed[p], 1e-6) * mag(rng, 0.5, 4) for p in POLS}
        rat = ratios(rng, "high")
    elif cls == "degenerate":
        mode = rng.choice(("none", "tiny", "edge", "normal"))
        rat = ratios(rng, mode)
        if rng.random() < 0.5:
            totals = {p: (0.0 if rng.random() < 0.3 else listed[p]) for p in POLS}
        else:
            totals = {p: mag(rng, *r.totals) for p in POLS}
        kind = rng.random()
        if kind < 0.3:
            extra = "extra: {grades: []}\n"                      # everything pinned
        elif kind < 0.5:
            extra = "extra: {grades: [A, B, B-, C, D, leading, non-leading, none]}\n"
    else:
        rat = ratios(rng, "normal") if rng.random() < 0.8 else None
        if rng.random() < 0.5:
            totals = {p: mag(rng, *r.totals) for p in POLS}
        else:
            totals = {p: listed[p] * rng.uniform(1.0, 3.0) for p in POLS}
        if rng.random() < 0.3:
            extra = "extra: {weights: {%s}}\n" % ", ".join(
                "%s: %s" % (g, fmt(mag(rng, -3, 3))) for g in GRADES if rng.random() < 0.5)
            if extra == "extra: {weights: {}}\n":
                extra = ""
    t10 = issue10_targets(seed, rat, totals if base == "totals" else listed)
    return cls, write(seed, cls, ents, base, totals, rat, extra, t10)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("seed", nargs="?", type=int)
    ap.add_argument("--first", type=int, default=1)
    ap.add_argument("--count", type=int)
    ap.add_argument("--dir")
    a = ap.parse_args()
    if a.seed is not None:
        sys.stdout.write(scenario(a.seed)[1])
        return
    if a.count is None or a.dir is None:
        ap.error("give SEED, or --count N --dir DIR")
    os.makedirs(a.dir, exist_ok=True)
    index = []
    for seed in range(a.first, a.first + a.count):
        cls, text = scenario(seed)
        with open(os.path.join(a.dir, "s%d.yaml" % seed), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        index.append("%d %s\n" % (seed, cls))
    with open(os.path.join(a.dir, "index.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(index))


if __name__ == "__main__":
    main()
