#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The JSON Schemas (schema/*.schema.json) against the code, so they cannot drift.

  schema_test.py SRC CLI

- each schema is a valid draft-07 schema;
- every example and test scenario (YAML -> JSON with python3-yaml) validates
  against scenario.schema.json, and the examples start with the
  yaml-language-server modeline;
- for every mapping of the scenario, the keys the schema allows are exactly
  the keys the loader allows (read from the loader's own "unknown key ...,
  expected one of: ..." message on a probe document);
- a few mutations the loader refuses are refused by the schema too;
- every golden / expected JSON output, and the plan and schedule the CLI
  writes now for every scenario (both languages), validate against
  plan.schema.json / schedule.schema.json.
Needs python3-yaml and python3-jsonschema (scripts/install-deps.sh).
"""
import copy
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import jsonschema
import yaml

SRC, CLI = sys.argv[1], sys.argv[2]
MODELINE = "# yaml-language-server: $schema=../schema/scenario.schema.json"
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


def load_schema(name):
    with open(os.path.join(SRC, "schema", name), encoding="utf-8") as f:
        s = json.load(f)
    jsonschema.Draft7Validator.check_schema(s)
    return jsonschema.Draft7Validator(s)


SCEN = load_schema("scenario.schema.json")
PLAN = load_schema("plan.schema.json")
SCHED = load_schema("schedule.schema.json")
SWEEP = load_schema("sweep.schema.json")
PUBLIC = load_schema("public.schema.json")
EXPLAIN = load_schema("explain.schema.json")


def errors(validator, doc):
    return sorted("/".join(map(str, e.absolute_path)) + ": " + e.message
                  for e in validator.iter_errors(doc))


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2 core scalars, as libyaml + the loader and yaml-language-server
    read them: 1e8 is a number, yes/no/on/off are words."""


Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:float")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


def _int_or_float(loader, node):
    text = loader.construct_scalar(node)
    try:
        return int(text, 10)
    except ValueError:
        return float(text)


Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _int_or_float)


def read_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=Yaml12Loader)


def cli(args, stdin=None):
    return subprocess.run([CLI] + args, input=stdin, capture_output=True, text=True)


# ---- scenarios -------------------------------------------------------------------
scenarios = sorted(glob.glob(os.path.join(SRC, "examples", "*.yaml")) +
                   glob.glob(os.path.join(SRC, "tests/data/golden/*.yaml")) +
                   glob.glob(os.path.join(SRC, "tests/data/valid/*/input.yaml")) +
                   glob.glob(os.path.join(SRC, "tests/data/crosscheck/*.yaml")) +
                   glob.glob(os.path.join(SRC, "tests/data/solver/*.yaml")) +
                   glob.glob(os.path.join(SRC, "tests/data/schema/*.yaml")))
if len(scenarios) < 10:
    fail("only %d scenarios found under %s" % (len(scenarios), SRC))
for path in scenarios:
    for e in errors(SCEN, read_yaml(path)):
        fail("%s: %s" % (os.path.relpath(path, SRC), e))
for path in glob.glob(os.path.join(SRC, "examples", "*.yaml")):
    with open(path, encoding="utf-8") as f:
        if f.readline().rstrip("\n") != MODELINE:
            fail("%s: the first line is not the modeline %r" % (path, MODELINE))

# ---- the schema's keys are the loader's keys ---------------------------------------
ALL_KEYS = os.path.join(SRC, "tests/data/schema/all_keys.yaml")
sink = read_yaml(ALL_KEYS)
defs = SCEN.schema["definitions"]
# (where in the document, the schema object that describes it)
probes = [
    ([], SCEN.schema),
    (["targets"], SCEN.schema["properties"]["targets"]),
    (["targets", "ratios"], SCEN.schema["properties"]["targets"]["properties"]["ratios"]),
    (["targets", "ratios", "red"],
     SCEN.schema["properties"]["targets"]["properties"]["ratios"]["properties"]["red"]),
    (["extra"], SCEN.schema["properties"]["extra"]),
    (["extra", "weights"], SCEN.schema["properties"]["extra"]["properties"]["weights"]),
    (["policy", 0], defs["rule"]),
    (["enterprises", 0], defs["enterprise"]),
    (["enterprises", 0, "units", 0], defs["unit"]),
    (["enterprises", 0, "units", 1, "ef"], defs["unit"]["properties"]["ef"]),
    (["enterprises", 0, "units", 0, "coke_oven"], defs["unit"]["properties"]["coke_oven"]),
    (["enterprises", 1, "units", 0, "boiler"], defs["unit"]["properties"]["boiler"]),
    (["episode"], defs["episode"]),
    (["episode", "timeline", 0], defs["episode"]["properties"]["timeline"]["items"]),
    (["episode", "ozone"], defs["episode"]["properties"]["ozone"]),
]
PROBE_KEY = "zz_not_a_key"
for where, schema_obj in probes:
    doc = copy.deepcopy(sink)
    node = doc
    for step in where:
        node = node[step]
    node[PROBE_KEY] = 1
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    r = cli(["validate", "-"], stdin=text)
    m = re.search(r"expected one of: (.*)$", r.stderr.splitlines()[0] if r.stderr else "")
    label = ".".join(map(str, where)) or "(root)"
    if r.returncode != 2 or not m:
        fail("%s: the loader did not refuse an unknown key: exit %d, %r"
             % (label, r.returncode, r.stderr))
        continue
    loader_keys = set(m.group(1).split(", "))
    schema_keys = set(schema_obj["properties"])
    if loader_keys != schema_keys:
        fail("%s: loader keys %s, schema keys %s" % (label, sorted(loader_keys), sorted(schema_keys)))
    if schema_obj.get("additionalProperties") is not False:
        fail("%s: the schema allows unknown keys" % label)
    if not errors(SCEN, doc):
        fail("%s: the schema accepted the unknown key" % label)
    # the sink uses every key of the schema at that place (over all the
    # items of a list: every rule, every unit)
    used = set(node) - {PROBE_KEY}
    if where[-1:] == [0]:
        parent = sink
        for step in where[:-1]:
            parent = parent[step]
        siblings = parent
        if where[-2:-1] == ["units"]:
            siblings = [u for e in sink["enterprises"] for u in e["units"]]
        used = set().union(*(set(item) for item in siblings))
    if used != schema_keys:
        fail("%s: all_keys.yaml does not use every key: missing %s"
             % (label, sorted(schema_keys - used)))

# ---- mutations both refuse ----------------------------------------------------------
def mutate(fn):
    doc = copy.deepcopy(sink)
    fn(doc)
    return doc


unit0 = lambda d: d["enterprises"][0]["units"][0]
mutations = {
    "ef and baseline_kgpd": mutate(lambda d: unit0(d).update(ef={"SO2": 1})),
    "two measures": mutate(lambda d: d["policy"][0].update(cut=0.2)),
    "no measure": mutate(lambda d: d["policy"][0].pop("max_load")),
    "kind of another industry": mutate(lambda d: unit0(d).update(kind="boiler")),
    "rule kind of another industry": mutate(lambda d: d["policy"][2].update(kind="reactor")),
    "coke_oven block on a byproduct": mutate(
        lambda d: d["enterprises"][0]["units"][1].update(coke_oven={"coking_time_h": 20})),
    "base_load on a follower": mutate(
        lambda d: d["enterprises"][0]["units"][1].update(base_load=0.5)),
    "capacity 0": mutate(lambda d: unit0(d).update(capacity=0)),
    "ratio 1": mutate(lambda d: d["targets"]["ratios"]["red"].update(SO2=1)),
    "totals without totals_kgpd": mutate(lambda d: d["targets"].pop("totals_kgpd")),
    "stop: false": mutate(lambda d: d["policy"][3].update(stop=False)),
    "credit code of 17": mutate(lambda d: d["enterprises"][0].update(credit_code="91140423EXAMPLE01")),
    "schema version 2": mutate(lambda d: d.update(curtail=2)),
    "episode off the hour": mutate(lambda d: d["episode"].update(start="2023-12-01T00:30")),
    "boiler without fuel": mutate(lambda d: d["enterprises"][1]["units"][0]["boiler"].pop("fuel")),
    "grade E": mutate(lambda d: d["enterprises"][0].update(grade="E")),
}
for what, doc in mutations.items():
    r = cli(["validate", "-"], stdin=yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))
    if r.returncode != 2:
        fail("mutation %s: the loader accepted it (exit %d)" % (what, r.returncode))
    if not errors(SCEN, doc):
        fail("mutation %s: the schema accepted it" % what)

# ---- outputs --------------------------------------------------------------------------
def check_output(label, doc):
    v = (SCHED if doc.get("command") == "schedule" else
         EXPLAIN if doc.get("command") == "explain" else
         PUBLIC if doc.get("edition") == "public" else PLAN)
    for e in errors(v, doc):
        fail("%s: %s" % (label, e))


outputs = sorted(glob.glob(os.path.join(SRC, "tests/data/golden/*.json")) +
                 glob.glob(os.path.join(SRC, "tests/data/valid/*/expected.json")))
kinds = set()
for path in outputs:
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    kinds.add(doc.get("command"))
    check_output(os.path.relpath(path, SRC), doc)
if kinds != {"plan", "schedule"}:
    fail("golden outputs cover %s, not plan and schedule" % sorted(kinds))
statuses = set()
for path in scenarios:
    has_episode = "episode" in (read_yaml(path) or {})
    for cmd in ["plan"] + (["schedule"] if has_episode else []):
        for lang in ("zh", "en"):
            r = cli([cmd, path, "--lang", lang])
            if r.returncode not in (0, 3):
                fail("%s %s: exit %d: %s" % (cmd, path, r.returncode, r.stderr))
                continue
            doc = json.loads(r.stdout)
            statuses.add(doc["status"])
            check_output("%s %s --lang %s" % (cmd, os.path.relpath(path, SRC), lang), doc)
if statuses != {"optimal", "targets_unmet"}:
    fail("the outputs checked cover statuses %s only" % sorted(statuses))

# the public version and explain (issue 9), on the examples and the explain golden
explained = set()
for path in (sorted(glob.glob(os.path.join(SRC, "examples", "*.yaml"))) +
             [os.path.join(SRC, "tests/data/golden/explain.yaml")]):
    first = (read_yaml(path).get("enterprises") or [{}])[0].get("id")
    runs = [["plan", path, "--public"], ["explain", path, "--format", "json"],
            ["explain", path, "--format", "json", "--level", "red"]]
    if first is not None:
        runs.append(["explain", path, "--format", "json", "--enterprise", str(first)])
    for args in runs:
        r = cli(args + ["-q"])
        if r.returncode not in (0, 3):
            fail("%s: exit %d: %s" % (" ".join(args), r.returncode, r.stderr))
            continue
        doc = json.loads(r.stdout)
        explained.add(doc.get("explain") or doc.get("edition"))
        check_output(" ".join(args[:1] + [os.path.relpath(path, SRC)] + args[2:]), doc)
if explained != {"public", "enterprises", "level", "enterprise"}:
    fail("public and explain outputs checked: %s" % sorted(explained))

# the list of a schedule is the plan's levels: one definition, written twice
for name in ("plan_target", "unit_result", "level_result"):
    if PLAN.schema["definitions"][name] != SCHED.schema["definitions"][name]:
        fail("definition %s differs between plan and schedule schemas" % name)
if PLAN.schema["properties"]["levels"] != SCHED.schema["properties"]["list"]:
    fail("schedule.list is not plan.levels")

# every line of a sweep's JSON lines (solved, unmet and invalid cases)
with open(os.path.join(SRC, "examples/sweep.yaml"), encoding="utf-8") as f:
    sweep_text = f.read()
# a variant the loader accepts but that fails when applied: an invalid row
sweep_text += "\n  too_strict:\n    targets.ratios.orange.NOx: 1.5\n"
r = cli(["sweep", "-", "--format", "jsonl", "--set", "targets.ratios.red.SO2=0.3,0.9"],
        stdin=sweep_text)
if r.returncode not in (0, 2, 3):
    fail("sweep: exit %d: %s" % (r.returncode, r.stderr))
sweep_statuses = set()
for i, line in enumerate(r.stdout.splitlines()):
    doc = json.loads(line)
    sweep_statuses.add(doc["status"])
    for e in errors(SWEEP, doc):
        fail("sweep line %d: %s" % (i + 1, e))
if not {"optimal", "invalid"} <= sweep_statuses:
    fail("the sweep lines checked cover statuses %s only" % sorted(sweep_statuses))

if failures:
    print("schema test: %d failure(s)" % len(failures), file=sys.stderr)
    sys.exit(1)
print("schema test: %d scenarios, %d output files, %d probes, %d mutations: ok"
      % (len(scenarios), len(outputs), len(probes), len(mutations)))
