#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Keep the CLI output shown in README.md and docs/*.md real.

Every excerpt of CLI output in the docs sits between two markers:

    <!-- output: COMMAND | excerpt: RULE; RULE ... -->
    ```
    $ COMMAND
    ...the lines the rules select...
    ```
    <!-- /output -->

COMMAND is a POSIX shell command run in a scratch directory that holds
`examples/` and `tests/` of the source tree (as symlinks), with the built
`curtail` first on PATH; its standard output is what is shown (add `2>&1` to
show the warnings too; they are written before the output). The rules, joined
by `;`, pick lines of that output; every line shown is byte-identical to the
CLI's, and `…` on a line of its own marks lines left out between pieces:

    all                    the whole output (the default)
    head N                 the first N lines
    lines A-B              lines A to B (1-based, inclusive)
    line "PREFIX"          the first line that starts with PREFIX
    section "HEADING"      the line equal to HEADING up to the next heading of
                           the same or a higher level
    rows "HEADING" K,K,…   that section, its tables reduced to the rows whose
                           first cell is one of the K (headers kept)
    table "PREFIX"         the table whose header line starts with PREFIX
    drop "PREFIX"          leave out the lines that start with PREFIX (say so in
                           the text; for lines that depend on the build)
    bare                   no `$ COMMAND` line (and no `…` at the ends)

A ```yaml block right after `<!-- scenario: ... -->` is a whole scenario:
`--scenarios` saves it and requires `curtail validate`, `plan` and
`schedule` to exit 0 without a warning (a scenario without `episode:` is not
scheduled), and its county totals (`base: totals`) to cover the listed
enterprises' emissions.

    tests/readme_outputs.py --update [--cli build/curtail]   rewrite the excerpts
    tests/readme_outputs.py --check  [--cli build/curtail]   fail on any difference
    tests/readme_outputs.py --scenarios [--cli build/curtail]
"""
import argparse
import difflib
import glob
import json
import os
import re
import shlex
import subprocess
import sys
import shutil
import tempfile

OPEN = re.compile(r"^<!-- output: (.*) -->$")
CLOSE = "<!-- /output -->"
SCENARIO = re.compile(r"^<!-- scenario(:.*)? -->$")
ELLIPSIS = "…"


def doc_files(src):
    files = [os.path.join(src, "README.md")]
    files += sorted(glob.glob(os.path.join(src, "docs", "*.md")))
    files.append(os.path.join(src, "python", "README.md"))
    return [f for f in files if os.path.exists(f)]


def scratch_dir(src):
    d = tempfile.mkdtemp(prefix="curtail-readme-")
    for name in ("examples", "tests", "schema"):
        os.symlink(os.path.join(src, name), os.path.join(d, name))
    return d


def run(cmd, cli, cwd):
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(os.path.abspath(cli)) + os.pathsep + env.get("PATH", "")
    env["LC_ALL"] = "C.UTF-8"
    p = subprocess.run(["sh", "-c", cmd], cwd=cwd, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    return p.stdout.decode("utf-8"), p.stderr.decode("utf-8"), p.returncode


def heading_level(line):
    m = re.match(r"^(#+) ", line)
    return len(m.group(1)) if m else 0


def section(lines, heading, where):
    try:
        a = lines.index(heading)
    except ValueError:
        raise SystemExit(f"{where}: no line {heading!r} in the output")
    lvl = heading_level(heading) or 99
    b = a + 1
    while b < len(lines) and not (0 < heading_level(lines[b]) <= lvl):
        b += 1
    return list(range(a, b))


def first_cell(line):
    if not line.startswith("|"):
        return None
    return line.split("|")[1].strip()


def select(lines, rules, where):
    """The pieces (lists of line indices) the rules pick."""
    pieces, bare, drops = [], False, []
    for rule in [r.strip() for r in rules.split(";") if r.strip()]:
        w = shlex.split(rule)
        if w == ["all"]:
            pieces.append(list(range(len(lines))))
        elif w == ["bare"]:
            bare = True
        elif w[0] == "drop" and len(w) == 2:
            drops.append(w[1])
        elif w[0] == "head" and len(w) == 2:
            pieces.append(list(range(min(int(w[1]), len(lines)))))
        elif w[0] == "lines" and len(w) == 2:
            a, b = (int(x) for x in w[1].split("-"))
            if not 1 <= a <= b <= len(lines):
                raise SystemExit(f"{where}: lines {a}-{b} outside the output's {len(lines)}")
            pieces.append(list(range(a - 1, b)))
        elif w[0] == "line" and len(w) == 2:
            a = next((i for i, l in enumerate(lines) if l.startswith(w[1])), None)
            if a is None:
                raise SystemExit(f"{where}: no line starting {w[1]!r} in the output")
            pieces.append([a])
        elif w[0] == "section" and len(w) == 2:
            pieces.append(section(lines, w[1], where))
        elif w[0] == "table" and len(w) == 2:
            a = next((i for i, l in enumerate(lines) if l.startswith(w[1])), None)
            if a is None or first_cell(lines[a]) is None:
                raise SystemExit(f"{where}: no table starting {w[1]!r} in the output")
            b = a
            while b + 1 < len(lines) and first_cell(lines[b + 1]) is not None:
                b += 1
            pieces.append(list(range(a, b + 1)))
        elif w[0] == "rows" and len(w) == 3:
            keys = set(w[2].split(","))
            idx, seen, in_table = [], set(), 0
            for i in section(lines, w[1], where):
                cell = first_cell(lines[i])
                if cell is None:
                    in_table = 0
                    idx.append(i)
                    continue
                in_table += 1
                if in_table <= 2 or cell in keys:   # header and separator, chosen rows
                    idx.append(i)
                    seen.add(cell)
            if not keys <= seen:
                raise SystemExit(f"{where}: rows {sorted(keys - seen)} not in {w[1]!r}")
            pieces.append(idx)
        else:
            raise SystemExit(f"{where}: unknown rule {rule!r}")
    if not pieces:
        pieces.append(list(range(len(lines))))
    if drops:
        pieces = [[i for i in p if not any(lines[i].startswith(d) for d in drops)]
                  for p in pieces]
    return pieces, bare


def excerpt(out, rules, where):
    lines = out.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    pieces, bare = select(lines, rules, where)
    shown, last = [], None
    for p in pieces:
        while p and lines[p[-1]] == "":        # a piece does not end on a blank line
            p = p[:-1]
        if not p:
            continue
        if last is None:
            if p[0] > 0 and not bare:
                shown.append(ELLIPSIS)
        elif p[0] <= last:
            raise SystemExit(f"{where}: pieces overlap or are out of order")
        elif any(lines[i] != "" for i in range(last + 1, p[0])):
            shown.append(ELLIPSIS)
        elif p[0] > last + 1:
            shown.append("")
        shown.extend(lines[i] for i in p)
        last = p[-1]
    if last is not None and last < len(lines) - 1 and not bare and \
            any(lines[i] != "" for i in range(last + 1, len(lines))):
        shown.append(ELLIPSIS)
    return shown, bare


def regenerate(path, cli, src, work):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    old = text.split("\n")
    new, i, count = [], 0, 0
    rel = os.path.relpath(path, src)
    while i < len(old):
        m = OPEN.match(old[i])
        new.append(old[i])
        if not m:
            i += 1
            continue
        where = f"{rel}:{i + 1}"
        try:
            end = old.index(CLOSE, i + 1)
        except ValueError:
            raise SystemExit(f"{where}: no {CLOSE} after this marker")
        body = old[i + 1:end]
        fence = body[0] if body and body[0].startswith("```") else "```"
        spec = m.group(1)
        cmd, _, rules = spec.partition(" | excerpt:")
        cmd = cmd.strip()
        out, err, rc = run(cmd, cli, work)
        if not out:
            raise SystemExit(f"{where}: `{cmd}` printed nothing (exit {rc}): {err}")
        shown, bare = excerpt(out, rules, where)
        new.append(fence)
        if not bare:
            new.append("$ " + cmd)
        new.extend(shown)
        new.append("```")
        new.append(CLOSE)
        count += 1
        i = end + 1
    return text, "\n".join(new), count


def scenarios(path, cli, work):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    failures, count = 0, 0
    for i, line in enumerate(lines):
        if not SCENARIO.match(line):
            continue
        where = f"{os.path.basename(path)}:{i + 1}"
        if i + 1 >= len(lines) or lines[i + 1] != "```yaml":
            raise SystemExit(f"{where}: a scenario marker must be followed by ```yaml")
        end = lines.index("```", i + 2)
        fn = os.path.join(work, f"scenario-{i + 1}.yaml")
        with open(fn, "w", encoding="utf-8") as f:
            f.write("\n".join(lines[i + 2:end]) + "\n")
        count += 1
        text = "\n".join(lines[i + 2:end])
        for sub in ("validate", "plan", "schedule"):
            if sub == "schedule" and not re.search(r"^episode:", text, re.M):
                continue
            fmt = "" if sub == "validate" else " --format json"
            out, err, rc = run(f"curtail {sub} {shlex.quote(fn)}{fmt}", cli, work)
            if rc != 0 or "warning" in err:
                print(f"{where}: curtail {sub} exits {rc}:\n{err}", file=sys.stderr)
                failures += 1
                continue
            print(f"{where}: curtail {sub}: exit 0, no warning")
            if sub != "plan":
                continue
            # the county's totals cover the listed enterprises (no ratio above 100 %)
            for lv in json.loads(out)["summary"]["levels"]:
                for pol, t in lv["targets"].items():
                    if t.get("county_total") is not None and t["listed"] > t["county_total"]:
                        print(f"{where}: {lv['level']} {pol}: listed {t['listed']} above the "
                              f"county total {t['county_total']}", file=sys.stderr)
                        failures += 1
    return count, failures


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--update", action="store_true")
    mode.add_argument("--scenarios", action="store_true")
    ap.add_argument("--cli", default=None, help="the curtail binary (default build/curtail)")
    ap.add_argument("--source", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    a = ap.parse_args()
    src = os.path.abspath(a.source)
    cli = os.path.abspath(a.cli or os.path.join(src, "build", "curtail"))
    if not os.access(cli, os.X_OK):
        raise SystemExit(f"no curtail binary at {cli} (build first, or give --cli)")
    if os.path.basename(cli) != "curtail":
        raise SystemExit(f"{cli}: the binary must be named curtail")
    work = scratch_dir(src)
    bad, total = 0, 0
    for path in doc_files(src):
        if a.scenarios:
            n, f = scenarios(path, cli, work)
            total += n
            bad += f
            continue
        old, new, n = regenerate(path, cli, src, work)
        total += n
        rel = os.path.relpath(path, src)
        if old == new:
            continue
        if a.update:
            with open(path, "w", encoding="utf-8") as f:
                f.write(new)
            print(f"updated {rel}")
        else:
            bad += 1
            sys.stdout.writelines(difflib.unified_diff(
                old.splitlines(True), new.splitlines(True), rel, rel + " (the CLI now)"))
    if a.scenarios:
        print(f"{total} scenario(s), {bad} failure(s)")
        if total == 0:
            raise SystemExit("no <!-- scenario --> block found")
    else:
        print(f"{total} excerpt(s); {bad} file(s) differ from the CLI" if a.check
              else f"{total} excerpt(s) regenerated")
        if a.check and bad:
            print("regenerate: tests/readme_outputs.py --update --cli BUILD/curtail", file=sys.stderr)
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
