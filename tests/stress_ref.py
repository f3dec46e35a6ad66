#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A well-conditioned reference LP for a scenario whose targets cannot be met.

    stress_ref.py EXPORTED.lp REFERENCE.lp
    stress_ref.py --batch A.lp B.lp ...     writes A.ref.lp, B.ref.lp, ...

`curtail export` writes phase 2 of an unmet scenario (SPEC §5) with shortfall
columns and a row `shortfall_cap` (Σ s/Q <= the phase-1 minimum). That row's
dual is often 1e9..1e21: a solver's feasibility tolerance on it moves the
optimum by far more than 1e-6, and in exact arithmetic the row, computed in
floating point, can even make the LP infeasible. The same optimum follows
from the LP alone without that row: with Rmax = Σ E·ymax the largest
reduction of a target row, a target is unmet when Q > Rmax (1e-9 relative);
the phase-1 minimum Σ (Q − Rmax)/Q over those is reached exactly when every
cut with a positive coefficient in an unmet row is at its upper bound and
every met row is met. So the reference drops the shortfall columns and the
cap row, drops the unmet rows and fixes their cuts at the upper bound, and
keeps the met rows as they are (combined rows, issue 10, alike). Reads the CPLEX LP format that curtail
writes; standard library only. Exit 1 if the file does not look like one.
"""

import sys


def parse(path):
    text = [l for l in open(path, encoding="utf-8") if not l.startswith("\\")]
    sec, body = None, {"obj": [], "st": [], "bounds": []}
    for line in text:
        t = line.strip()
        low = t.lower()
        if low in ("minimize", "minimise", "minimum", "min"):
            sec = "obj"
        elif low in ("subject to", "such that", "st", "s.t."):
            sec = "st"
        elif low == "bounds":
            sec = "bounds"
        elif low == "end":
            sec = None
        elif sec and t:
            body[sec].append(t)
    return body


def rows_of(tokens):
    """[(name, [(coef, var)], op, rhs)] from the tokens of a section"""
    rows, cur = [], None
    i = 0
    while i < len(tokens):
        tk = tokens[i]
        if tk.endswith(":") and len(tk) > 1:
            cur = [tk[:-1], [], None, None]
            rows.append(cur)
            i += 1
        elif tk in ("+", "-"):
            cur[1].append(((1 if tk == "+" else -1) * float(tokens[i + 1]), tokens[i + 2]))
            i += 3
        elif tk in (">=", "<=", "="):
            cur[2], cur[3] = tk, float(tokens[i + 1])
            i += 2
        else:
            raise ValueError("unexpected token %r" % tk)
    return rows


def reference(src, dst):
    body = parse(src)
    obj = rows_of(" ".join(body["obj"]).split())[0]
    rows = rows_of(" ".join(body["st"]).split())
    lo, hi = {}, {}
    for b in body["bounds"]:
        t = b.split()
        if len(t) == 5 and t[1] == "<=" and t[3] == "<=":
            lo[t[2]], hi[t[2]] = float(t[0]), float(t[4])
        elif len(t) == 3 and t[1] == "=":
            lo[t[0]] = hi[t[0]] = float(t[2])
        elif len(t) == 3 and t[1] == "<=":
            hi[t[0]] = float(t[2])
        elif len(t) == 3 and t[1] == ">=":
            lo[t[0]] = float(t[2])
        else:
            raise ValueError("unexpected bound %r" % b)
    keep = []
    for name, terms, op, rhs in rows:
        if name == "shortfall_cap":
            continue
        terms = [(c, v) for c, v in terms if not v.startswith("short_")]
        if name.startswith("target_") or name.startswith("combined"):
            rmax = sum(c * hi.get(v, float("inf")) for c, v in terms)
            if rhs > rmax and rhs - rmax > 1e-9 * abs(rhs):
                for c, v in terms:
                    if c > 0:
                        lo[v] = hi[v]
                continue
        keep.append((name, terms, op, rhs))
    out = ["Minimize\n obj:"]
    out += [" %s %r %s" % ("+" if c >= 0 else "-", abs(c), v) for c, v in obj[1] if not v.startswith("short_")]
    out.append("\nSubject To\n")
    for name, terms, op, rhs in keep:
        out.append(" %s:%s %s %r\n" % (name, "".join(" %s %r %s" % ("+" if c >= 0 else "-", abs(c), v)
                                                      for c, v in terms), op, rhs))
    out.append("Bounds\n")
    names = sorted(set(v for _, v in obj[1]) | set(v for _, t, _, _ in keep for _, v in t),
                   key=lambda v: (v.startswith("short_"), v))
    for v in names:
        if v.startswith("short_"):
            continue
        a, b = lo.get(v, 0.0), hi.get(v, float("inf"))
        if a == b:
            out.append(" %s = %r\n" % (v, a))
        elif b == float("inf"):
            out.append(" %s >= %r\n" % (v, a))
        else:
            out.append(" %r <= %s <= %r\n" % (a, v, b))
    out.append("End\n")
    with open(dst, "w", encoding="utf-8") as f:
        f.write("".join(out))


def main():
    args = sys.argv[1:]
    if args[:1] == ["--batch"]:
        pairs = [(a, a[:-3] + ".ref.lp" if a.endswith(".lp") else a + ".ref.lp") for a in args[1:]]
    elif len(args) == 2:
        pairs = [(args[0], args[1])]
    else:
        sys.stderr.write("usage: stress_ref.py EXPORTED.lp REFERENCE.lp | --batch A.lp ...\n")
        return 2
    status = 0
    for src, dst in pairs:
        try:
            reference(src, dst)
        except (ValueError, IndexError, OSError) as e:
            sys.stderr.write("stress_ref.py: %s: %s\n" % (src, e))
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
