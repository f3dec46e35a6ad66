# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests of the Python binding against the library (CURTAIL_LIBRARY) and the
project's golden outputs (CURTAIL_TEST_DATA, default ../../tests/data).
Run with pytest or `python3 -m unittest`."""
import json
import os
import re
import subprocess
import tempfile
import unittest

import curtail

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.environ.get("CURTAIL_TEST_DATA", os.path.join(HERE, "..", "..", "tests", "data"))
GOLDEN = os.path.join(DATA, "golden")
EXAMPLES = os.path.join(HERE, "..", "..", "examples")
SWEEP = os.path.abspath(os.path.join(EXAMPLES, "sweep.yaml"))
CLI = os.environ.get("CURTAIL_CLI")  # this build's curtail (tests/python_test.sh)

try:
    import pandas  # noqa: F401
    HAVE_PANDAS = True
except ImportError:
    HAVE_PANDAS = False

# One chemical plant, grade C, one reactor: 100 t/d at load 1, 1 kg SO2 per t,
# 10 yuan per t not produced, no built-in rules; C may be curtailed (weight 2).
SMALL = """curtail: 1
name: small
builtin_policy: false
targets:
  ratios:
    yellow: {SO2: 0.1}
    orange: {SO2: 0.2}
    red: {SO2: 0.3}
extra:
  grades: [C]
enterprises:
  - id: p1
    industry: chemical
    grade: C
    units:
      - {id: r1, kind: reactor, capacity: 100, value: 10, ef: {SO2: 1}}
"""


def golden(name):
    with open(os.path.join(GOLDEN, name), encoding="utf-8") as f:
        return f.read()


VALID = os.path.join(DATA, "valid")


def without_texts(d):
    """The JSON output less what only the writers word (to_dict(texts=False))."""
    d = json.loads(json.dumps(d))
    d.pop("summary", None)
    for L in d.get("levels") or d.get("list"):
        for u in L["units"]:
            del u["text"]
            del u["basis"]  # the reason, worded by the writers only
        for t in L["transport"]:
            del t["text"]
        for t in L["targets"].values():
            t.setdefault("credit", 0)  # Result.level() always has it
    return d


class InGolden:
    """Load from inside tests/data/golden, so that messages name "plan.yaml"
    as the goldens do."""

    def setUp(self):
        self.cwd = os.getcwd()
        os.chdir(GOLDEN)

    def tearDown(self):
        os.chdir(self.cwd)


class TestPlan(InGolden, unittest.TestCase):
    def test_plan_matches_golden_json(self):
        r = curtail.Scenario.load("plan.yaml").plan()
        want = json.loads(golden("plan.json"))
        got = r.to_dict()
        self.assertEqual(r.status, "optimal")
        self.assertEqual(got["objective"], 1242500)
        self.maxDiff = None
        self.assertEqual(got, want)  # the whole JSON: no key dropped
        # the C API's part alone (every number, id and code) is the golden's too
        self.assertEqual(r.to_dict(texts=False), without_texts(want))
        self.assertEqual(r.level("red")["targets"]["NOx"]["shadow_price"], 500)
        # the built-in table's transport pattern: B, C, D all no_china4_heavy at yellow
        self.assertEqual([t["measure"] for t in r.transport("yellow")], ["no_china4_heavy"] * 3)
        self.assertEqual(r.mobile("red"), {"SO2": 0, "NOx": 0, "PM": 0, "VOCs": 0})

    def test_valid_cases_match_their_json(self):
        # every tests/data/valid case, in its folder as the CLI runs it
        cases = sorted(os.listdir(VALID))
        self.assertIn("plan_transport_mobile", cases)
        self.assertIn("plan_combined", cases)
        self.maxDiff = None
        for case in cases:
            os.chdir(os.path.join(VALID, case))
            with open("expected.json", encoding="utf-8") as f:
                want = json.load(f)
            r = curtail.Scenario.load("input.yaml").plan()
            self.assertEqual(r.to_dict(), want, case)
            self.assertEqual(r.to_dict(texts=False), without_texts(want), case)

    def test_writers_give_the_cli_bytes(self):
        r = curtail.Scenario.load("plan.yaml").plan()
        self.assertEqual(r.dumps("json"), golden("plan.json"))
        self.assertEqual(r.dumps("csv"), golden("plan.zh.csv"))
        self.assertEqual(r.dumps("md", lang="en"), golden("plan.en.md"))
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "list.csv")
            r.write(p, "csv", bom=True)
            with open(p, "rb") as f:
                self.assertEqual(f.read(), b"\xef\xbb\xbf" + golden("plan.zh.csv").encode())

    def test_plain_method_same_objective(self):
        s = curtail.Scenario.load("plan.yaml")
        self.assertEqual(s.plan(method="plain").objective, 1242500)


class TestSchedule(InGolden, unittest.TestCase):
    def test_schedule_matches_golden_json(self):
        r = curtail.Scenario.load("schedule.yaml").schedule()
        want = json.loads(golden("schedule.json"))
        got = r.to_dict()
        self.assertTrue(r.is_schedule)
        self.maxDiff = None
        self.assertEqual(got, want)
        self.assertEqual(r.to_dict(texts=False), without_texts(want))
        self.assertEqual(len(r.hours), 30)
        self.assertEqual(r.hours[0], ("2023-07-10T06:00", None))

    def test_episode_season(self):
        s = curtail.Scenario.load("schedule.yaml")
        self.assertEqual(s.season, "heating")
        s.set_episode_season("ozone")
        self.assertEqual(s.season, "ozone")

    def test_plan_of_a_scenario_without_episode_refuses_schedule(self):
        with self.assertRaises(curtail.InputError) as cm:
            curtail.Scenario.load("plan.yaml").schedule()
        self.assertEqual(cm.exception.code, -3)


class TestBuild(unittest.TestCase):
    def small_in_code(self):
        s = curtail.Scenario(name="small")
        s.set_builtin_policy(False)
        s.set_ratios("yellow", {"SO2": 0.1})
        s.set_ratios("orange", {"SO2": 0.2})
        s.set_ratios("red", {"SO2": 0.3})
        s.set_extra_grades(["C"])
        s.add_enterprise("p1", "chemical", grade="C")
        s.add_unit("r1", "reactor", 100, value=10, ef={"SO2": 1})
        s.check()
        return s

    def test_built_in_code_equals_loaded(self):
        built = self.small_in_code().plan()
        loaded = curtail.Scenario.loads(SMALL, "small.yaml").plan()
        # by hand: loads 0.9 / 0.8 / 0.7; lost 100 / 200 / 300 yuan/d; weight 2
        self.assertEqual([u["load"] for L in ("yellow", "orange", "red")
                          for u in built.units(L)], [0.9, 0.8, 0.7])
        self.assertAlmostEqual(built.level("red")["lost_value"], 300, places=9)
        self.assertAlmostEqual(built.objective, 1200, places=9)
        self.assertEqual(built.to_dict()["levels"], loaded.to_dict()["levels"])
        self.assertEqual(built.objective, loaded.objective)

    def test_setters_change_the_plan(self):
        s = curtail.Scenario.loads(SMALL)
        s.set_extra_weights({"C": 1})
        s.check()
        self.assertAlmostEqual(s.plan().objective, 600, places=9)
        s.set_ratios("red", {"SO2": 0.5})
        s.check()
        r = s.plan()
        self.assertAlmostEqual(r.units("red")[0]["load"], 0.5, places=12)
        # a rule: stop at red; the unit then reduces 100 kg/d there
        s2 = curtail.Scenario.loads(SMALL)
        s2.add_rule({"industry": "chemical", "grades": ["C"], "levels": ["red"], "stop": True})
        s2.check()
        red = s2.plan().units("red")[0]
        self.assertEqual((red["load"], red["measure"]), (0, {"kind": "stop", "value": None}))
        self.assertEqual(red["reduction"]["SO2"], 100)

    def test_zones_and_seasons(self):
        # docs/SCHEMA.md: a zone rule (4 keys) beats the general rule; a rule
        # for the ozone season applies only then. By hand, the upper bounds at
        # red: p2 (in the zone) 0.5; p1 no rule (builtin_policy false) 1, and
        # in the ozone season 0 (the ozone rule, 3 keys: seasons do not count,
        # so p2 keeps its zone rule).
        s = curtail.Scenario.loads(SMALL)
        s.add_enterprise("p2", "chemical", grade="C", zones=["urban_20km"])
        s.add_unit("r1", "reactor", 100, value=10, ef={"SO2": 1})
        s.add_rule({"industry": "chemical", "grades": ["C"], "levels": ["red"],
                    "zones": ["urban_20km"], "max_load": 0.5})
        s.add_rule({"industry": "chemical", "grades": ["C"], "levels": ["red"],
                    "seasons": ["ozone"], "towns": [], "stop": True})
        self.assertEqual(s.zones(1), ["urban_20km"])
        self.assertEqual(s.zones(0), [])
        self.assertEqual(s.season, "heating")
        s.check()
        red = s.plan().units("red")
        self.assertEqual(red[1]["hi"], 0.5)
        self.assertEqual(red[0]["hi"], 1)
        s.set_season("ozone")
        s.check()
        self.assertEqual(s.season, "ozone")
        self.assertEqual([u["hi"] for u in s.plan().units("red")], [0, 0.5])
        with self.assertRaises(curtail.InputError):
            s.set_season("summer")
        with self.assertRaises(curtail.InputError):
            s.add_enterprise("p3", "chemical", zones=["20km"])

    def test_targets_totals_unmet(self):
        s = curtail.Scenario.loads(SMALL)
        s.set_targets("totals", {"SO2": 1000})  # 30 % of 1000 = 300 > 100 kg/d listed
        s.check()
        r = s.plan()
        self.assertEqual(r.status, "targets_unmet")
        self.assertAlmostEqual(r.level("red")["targets"]["SO2"]["shortfall"], 200, places=6)

    def test_read_back(self):
        s = curtail.Scenario.load(os.path.join(EXAMPLES, "xiangyuan.yaml"))
        ents, units = s.enterprises, s.units
        self.assertEqual(len(ents), 13)
        self.assertEqual(ents[0]["industry"], "coking")
        self.assertTrue(all(u["enterprise"] in {e["id"] for e in ents} for u in units))
        ovens = [u for u in units if u["kind"] == "coke_oven"]
        self.assertTrue(ovens and all(u["coke_oven"]["ramp_h"] >= 0 for u in ovens))
        small = curtail.Scenario.loads(SMALL).units[0]
        self.assertEqual((small["enterprise"], small["id"], small["name"], small["capacity"]),
                         ("p1", "r1", "r1", 100.0))
        self.assertEqual(small["ef"], {"SO2": 1.0, "NOx": 0.0, "PM": 0.0, "VOCs": 0.0})
        self.assertIs(small["interruptible"], False)
        self.assertIsNone(small["capacity_unit"])

    def test_capacity_unit_round_trip(self):
        # curtail_unit_spec ends with capacity_unit: the binding's mirror must
        # hold it, or the getter writes past it
        s = curtail.Scenario(name="cu")
        s.add_enterprise("p1", "chemical", grade="C")
        s.add_unit("r1", "reactor", 240, value=10, ef={"SO2": 1}, capacity_unit="t/h")
        s.check()
        self.assertEqual(s.units[0]["capacity_unit"], "t/h")

    def test_ultra_low_heat_source(self):
        # curtail_unit_spec version 3 ends with ultra_low; a guarantee boiler
        # below grade B is warned of until it is ultra-low
        s = curtail.Scenario(name="heat")
        s.add_enterprise("heat", "boiler", grade="C", guarantee="livelihood")
        s.add_unit("b1", "boiler", 100, ef={"NOx": 1}, boiler={"fuel": "coal"})
        s.add_unit("b2", "boiler", 100, ef={"NOx": 1},
                   boiler={"fuel": "coal", "ultra_low": True})
        s.check()
        self.assertEqual([u["boiler"]["ultra_low"] for u in s.units], [False, True])
        self.assertEqual(s.warnings("en"), [
            "warning: enterprises[0].units[0]: boiler 'b1' of enterprise 'heat' is a heat "
            "source kept as guarantee livelihood at grade C without ultra-low emission; the "
            "air plan wants heat sources ultra-low or grade B or better (boiler.ultra_low: "
            "true once retrofitted)"])


class TestIssues9And10(unittest.TestCase):
    """The new fields built in code, checked against hand-computed numbers
    (the comments of the tests/data/valid inputs derive them) and against the
    same scenario loaded from YAML."""

    def transport_in_code(self):
        s = curtail.Scenario(name="transport mobile")
        for L, r in zip(curtail.LEVELS, (0.2, 0.3, 0.4)):
            s.set_ratios(L, {"NOx": r})
        s.set_transport_factors({"china4_and_below": {"NOx": 0.5, "PM": 0.02},
                                 "china5": {"NOx": 0.3}, "china6": {"NOx": 0.1}})
        s.add_enterprise("bchem", "chemical", grade="B",
                         trucks_per_day={"china4_and_below": 10, "china6": 4},
                         gate_monitoring=True)
        s.add_unit("r1", "reactor", 100, value=50, ef={"NOx": 1})
        s.add_enterprise("cchem", "chemical", grade="C")
        s.set_trucks({"china4_and_below": 20, "china5": 10, "china6": 6})
        s.add_unit("r1", "reactor", 100, value=20, ef={"NOx": 2})
        s.check()
        return s

    def test_trucks_transport_and_mobile(self):
        r = self.transport_in_code().plan()
        # yellow: 10 + 20 China IV trips stopped: 30 × 0.5 = 15 kg NOx, 30 × 0.02 = 0.6 PM;
        # orange and red: bchem 10 China IV, cchem (no_road) 20 + 10 + 6 = 36:
        # NOx 5 + 10 + 3 + 0.6 = 18.6, PM 0.6
        self.assertEqual([(t["enterprise"], t["measure"], t["trips_stopped"])
                          for t in r.transport("yellow")],
                         [("bchem", "no_china4_heavy", 10), ("cchem", "no_china4_heavy", 20)])
        self.assertEqual([(t["measure"], t["trips_stopped"]) for t in r.transport("red")],
                         [("no_china4_heavy", 10), ("no_road", 36)])
        self.assertEqual(r.trips_stopped("orange", "cchem"), 36)
        self.assertEqual(r.trips_stopped("orange", 0), 10)
        m = r.mobile("yellow")
        self.assertAlmostEqual(m["NOx"], 15, places=12)
        self.assertAlmostEqual(m["PM"], 0.6, places=12)
        self.assertAlmostEqual(r.mobile("red")["NOx"], 18.6, places=12)
        # the requirement less the mobile reduction: 0.2·300 − 15, 0.3·300 − 18.6, 0.4·300 − 18.6
        req = [r.level(L)["targets"]["NOx"]["required"] for L in curtail.LEVELS]
        for got, want in zip(req, (45, 71.4, 101.4)):
            self.assertAlmostEqual(got, want, places=9)
        self.assertAlmostEqual(r.objective, 9756, places=6)
        self.assertEqual(r.to_dict()["levels"][1]["transport_counts"],
                         {"none": 0, "no_china4_heavy": 1, "no_china5_heavy": 0, "no_road": 1,
                          "unstated": 0})
        # 36 trips and no 门禁: warned
        self.assertEqual(len([w for w in r.warnings("en") if "gate monitoring" in w]), 1)
        # the same as the YAML case, number for number
        os.chdir(os.path.join(VALID, "plan_transport_mobile"))
        try:
            loaded = curtail.Scenario.load("input.yaml").plan()
        finally:
            os.chdir(HERE)
        a, b = r.to_dict(texts=False), loaded.to_dict(texts=False)
        self.assertEqual(a["levels"], b["levels"])
        self.assertEqual(a["objective"], b["objective"])

    def test_credits_and_combined_target(self):
        s = curtail.Scenario(name="combined")
        s.set_builtin_policy(False)
        s.set_ratios("yellow", {})  # the defaults of SPEC §2 off
        s.set_ratios("orange", {})
        s.set_ratios("red", {"NOx": 0.1})
        s.set_credits("red", {"SO2": 10})
        s.add_combined_target(["SO2", "NOx"], ["red"], 0.4)
        s.add_enterprise("alpha", "other", grade="C")
        s.add_unit("line", "other", 100, value=50, ef={"SO2": 1.0, "NOx": 1.0})
        s.add_enterprise("beta", "other", grade="C")
        s.add_unit("line", "other", 200, value=30, min_load=0.2, ef={"NOx": 2.0})
        s.check()
        r = s.plan()
        # SO2/100 + NOx/500 >= 0.4, the 10 kg/d SO2 credit gives 0.1: alpha cuts
        # 0.2, beta 0.075; 2 · (0.2 · 5000 + 0.075 · 6000) = 2900
        self.assertAlmostEqual(r.objective, 2900, places=6)
        self.assertEqual(r.credit("red"), {"SO2": 10, "NOx": 0, "PM": 0, "VOCs": 0})
        self.assertEqual(r.credit("yellow"), {"SO2": 0, "NOx": 0, "PM": 0, "VOCs": 0})
        self.assertEqual(r.level("red")["targets"]["SO2"]["credit"], 10)
        (c,) = r.combined()
        self.assertEqual((c["level"], c["index"], c["pollutants"], c["ratio"]),
                         ("red", 0, ["SO2", "NOx"], 0.4))
        self.assertAlmostEqual(c["credit"], 0.1, places=12)
        self.assertAlmostEqual(c["required"], 0.3, places=12)
        self.assertAlmostEqual(c["achieved"], 0.3, places=9)
        self.assertAlmostEqual(c["shadow_price"], 7000, places=6)
        self.assertAlmostEqual(r.level("red")["targets"]["NOx"]["shadow_price"], 16, places=6)
        self.assertEqual(r.combined("yellow"), [])
        for u, load in zip(r.units("red"), (0.8, 0.925)):
            self.assertAlmostEqual(u["load"], load, places=12)
        d = r.to_dict()
        self.assertNotIn("combined", d["levels"][0])
        self.assertEqual(len(d["levels"][2]["combined"]), 1)
        with self.assertRaises(curtail.InputError):
            s.add_combined_target(["SO2"], ["red"], 0.4)  # at least two pollutants

    def test_transport_only_and_scoped_rules(self):
        s = curtail.Scenario.loads(SMALL)
        s.add_enterprise("p2", "chemical", grade="C", zones=["urban_20km"])
        s.add_unit("r1", "reactor", 100, value=10, ef={"SO2": 1})
        s.add_rule({"industry": "chemical", "grades": ["C"], "levels": ["orange", "red"],
                    "transport": "no_china4_heavy"})
        s.add_rule({"industry": "chemical", "grades": ["C"], "levels": ["red"],
                    "zones": ["urban_20km"], "transport": "no_road"})
        s.check()
        r = s.plan()
        self.assertEqual([t["measure"] for t in r.transport("yellow")], [None, None])
        self.assertEqual([t["measure"] for t in r.transport("orange")],
                         ["no_china4_heavy", "no_china4_heavy"])
        self.assertEqual([t["measure"] for t in r.transport("red")],
                         ["no_china4_heavy", "no_road"])
        # a transport-only rule states no production measure: the loads are the LP's
        self.assertEqual([u["measure"]["kind"] for u in r.units("red")], ["none", "none"])
        self.assertEqual(r.to_dict()["levels"][0]["transport_counts"]["unstated"], 2)
        with self.assertRaises(curtail.InputError):
            s.add_rule({"industry": "chemical", "grades": ["C"], "levels": ["red"],
                        "transport": "no_bikes"})

    def explain_in_code(self):
        # tests/data/golden/explain.yaml, built in code
        s = curtail.Scenario(name="测试县应急减排清单", lang="zh")
        s.set_note("数值均为示意", "测试县生态环境局")
        s.set_targets("totals", {"SO2": 0, "NOx": 0, "PM": 1000, "VOCs": 0})
        for L, r in zip(curtail.LEVELS, (0.05, 0.10, 0.20)):
            s.set_ratios(L, {"PM": r})
        s.set_builtin_policy(False)
        s.add_rule({"industry": "other", "grades": ["C"], "levels": ["orange", "red"],
                    "cut": 0.5})
        s.add_rule({"industry": "other", "grades": ["C"], "levels": ["orange", "red"],
                    "transport": "no_china4_heavy"})
        s.add_enterprise("kiln", "other", name="甲建材有限公司", credit_code="91140423EXAMPLE001",
                         town="王桥镇", address="王桥镇工业园1号（示例）", industry_code="C3031",
                         contact={"name": "张某（示例）", "phone": "0355-0000000"}, grade="C")
        s.add_unit("line1", "other", 100, name="1# 生产线", value=100, ef={"PM": 1})
        s.add_unit("dryer", "other", 100, name="烘干", follows="line1", ef={"PM": 0.5})
        s.add_enterprise("heat", "boiler", name="乙热力有限公司", town="古韩镇", grade="D")
        s.add_unit("b1", "boiler", 240, name="1# 锅炉", boiler={"fuel": "coal"}, value=10,
                   ef={"PM": 1})
        s.check()
        return s

    def test_enterprise_fields_round_trip(self):
        s = self.explain_in_code()
        e = s.enterprises[0]
        self.assertEqual((e["address"], e["industry_code"], e["contact"]),
                         ("王桥镇工业园1号（示例）", "C3031",
                          {"name": "张某（示例）", "phone": "0355-0000000"}))
        self.assertEqual((s.enterprises[1]["address"], s.enterprises[1]["contact"]), (None, None))
        self.assertEqual((s.note, s.compiled_by), ("数值均为示意", "测试县生态环境局"))
        loaded = curtail.Scenario.load(os.path.join(GOLDEN, "explain.yaml"))
        self.assertEqual(s.enterprises, loaded.enterprises)
        with self.assertRaises(curtail.InputError) as cm:
            s.add_enterprise("x", "other", industry_code="3031X")
        self.assertEqual(cm.exception.path, "industry_code")
        with self.assertRaises(curtail.InputError) as cm:
            s.add_enterprise("y", "other", contact={"phone": "12"})
        self.assertEqual(cm.exception.path, "contact.phone")

    def test_explain_and_public_goldens(self):
        os.chdir(GOLDEN)
        try:
            loaded = curtail.Scenario.load("explain.yaml").plan()
        finally:
            os.chdir(HERE)
        self.assertEqual(loaded.explain("kiln"), golden("explain.sheet.zh.md"))
        self.assertEqual(loaded.explain("kiln", lang="en"), golden("explain.sheet.en.md"))
        self.assertEqual(loaded.explain(level="red"), golden("explain.level.zh.md"))
        # built in code, the sheet is the golden's but for the rule's YAML line
        r = self.explain_in_code().plan()
        for got, name in ((r.explain("kiln"), "explain.sheet.zh.md"),
                          (r.explain("kiln", lang="en"), "explain.sheet.en.md"),
                          (r.explain(level="red"), "explain.level.zh.md")):
            want = re.sub(r"（第25行）| \(line 25\)", "", golden(name))
            self.assertEqual(want != golden(name), name.startswith("explain.sheet"))
            self.assertEqual(got, want, name)
        self.assertEqual(r.dumps("md", public=True), golden("public.zh.md"))
        self.assertEqual(r.dumps("md", lang="en", public=True), golden("public.en.md"))
        self.assertEqual(r.dumps("csv", public=True), golden("public.zh.csv"))
        sheet = json.loads(r.explain("kiln", level="red", format="json"))
        self.assertEqual(sheet["edition"], "filed")
        pub = json.loads(r.dumps("json", public=True))
        self.assertEqual(pub["edition"], "public")
        self.assertNotIn("objective", pub)
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "sheet.md")
            self.assertIsNone(loaded.explain("kiln", path=p))
            with open(p, encoding="utf-8") as f:
                self.assertEqual(f.read(), golden("explain.sheet.zh.md"))
        with self.assertRaises(curtail.CurtailError) as cm:
            r.explain("nobody")
        self.assertEqual(cm.exception.code, -1)
        self.assertIn("nobody", cm.exception.message)

    @unittest.skipUnless(CLI, "CURTAIL_CLI is not set")
    def test_explain_equals_the_cli(self):
        os.chdir(GOLDEN)
        try:
            r = curtail.Scenario.load("explain.yaml").plan()
            for args, got in ((["--level", "orange"], r.explain(level="orange")),
                              (["--format", "json"], r.explain(format="json"))):
                p = subprocess.run([CLI, "explain", "explain.yaml"] + args,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                self.assertEqual(p.stdout.decode("utf-8"), got, args)
            p = subprocess.run([CLI, "plan", "explain.yaml", "--public", "--format", "json"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
            self.assertEqual(p.stdout.decode("utf-8"), r.dumps("json", public=True))
        finally:
            os.chdir(HERE)


class TestErrors(unittest.TestCase):
    def test_input_error_carries_the_position(self):
        bad = SMALL.replace("capacity: 100", "capacity: -5")
        with self.assertRaises(curtail.InputError) as cm:
            curtail.Scenario.loads(bad, "bad.yaml")
        e = cm.exception
        self.assertEqual((e.file, e.line, e.column), ("bad.yaml", 16, 43))
        self.assertEqual(e.path, "enterprises[0].units[0].capacity")
        self.assertEqual(e.message, "must be > 0, got -5")
        self.assertEqual(str(e), "bad.yaml:16:43: error: enterprises[0].units[0].capacity: "
                                 "must be > 0, got -5")
        self.assertIsInstance(e, ValueError)

    def test_builder_errors(self):
        s = curtail.Scenario()
        s.add_enterprise("p1", "chemical")
        with self.assertRaises(curtail.InputError) as cm:
            s.add_unit("r1", "coke_oven", 10, coke_oven={})
        self.assertEqual(cm.exception.path, "kind")
        self.assertEqual(cm.exception.message, "coke_oven is not a kind of industry chemical")
        with self.assertRaises(curtail.InputError):
            s.add_unit("r1", "no_such_kind", 10)

    def test_missing_file_is_io_error(self):
        with self.assertRaises(curtail.CurtailIOError) as cm:
            curtail.Scenario.load("/nonexistent/x.yaml")
        self.assertEqual(cm.exception.code, -5)
        self.assertEqual(cm.exception.file, "/nonexistent/x.yaml")


class TestOverride(InGolden, unittest.TestCase):
    # plan.yaml (see its comment): red NOx 45 % of 1200 kg/d listed = 540 binds;
    # r1 (500 weighted yuan per kg/d) runs at 0.175, so 35 kg/d of it is left,
    # then the coke oven (1000 per kg/d).
    def test_ratio_override_changes_required_and_objective(self):
        s = curtail.Scenario.load("plan.yaml")
        c = s.clone()
        c.override("targets.ratios.red.NOx", 0.5)
        c.check()
        r = c.plan()
        self.assertEqual(r.level("red")["targets"]["NOx"]["required"], 600)  # 1200 × 0.5
        self.assertEqual(r.level("orange")["targets"]["NOx"]["required"], 240)  # untouched
        # +60 kg/d: 35 from r1 at 500, 25 from the oven at 1000
        self.assertAlmostEqual(r.objective, 1242500 + 35 * 500 + 25 * 1000, places=6)
        self.assertEqual(r.units("red")[2]["load"], 0)  # r1 stopped
        # the original is not touched by the clone's override
        self.assertEqual(s.plan().level("red")["targets"]["NOx"]["required"], 540)
        self.assertEqual(s.plan().objective, 1242500)

    def test_override_assign_and_python_values(self):
        a = curtail.Scenario.load("plan.yaml")
        a.override_assign("targets.ratios.red.NOx=0.5")
        a.check()
        self.assertEqual(a.plan().level("red")["targets"]["NOx"]["required"], 600)
        b = curtail.Scenario.load("plan.yaml")
        b.override("unit.dongfang.r1.ef", {"NOx": 2.0})  # a flow map: NOx alone changes
        b.override("extra.grades", ["C", "D", "non-leading"])
        b.override("enterprise.reli.phase_out", False)
        r1 = [u for u in b.units if u["id"] == "r1"][0]
        self.assertEqual(r1["ef"], {"SO2": 0.5, "NOx": 2.0, "PM": 0.1, "VOCs": 2.0})
        b.override("enterprise.dongfang-", None)
        self.assertEqual([e["id"] for e in b.enterprises], ["hengxiang", "reli"])

    def test_override_error_carries_path_and_message(self):
        s = curtail.Scenario.load("plan.yaml")
        with self.assertRaises(curtail.InputError) as cm:
            s.override("targets.ratios.red.NOx", 1.5)
        e = cm.exception
        self.assertEqual((e.code, e.path, e.message),
                         (-3, "targets.ratios.red.NOx", "must be in [0, 1), got 1.5"))
        self.assertEqual(str(e), "error: targets.ratios.red.NOx: must be in [0, 1), got 1.5")
        with self.assertRaises(curtail.InputError) as cm:
            s.override_assign("unit.dongfang.r1.boiler.fuel=peat")
        self.assertEqual(cm.exception.path, "unit.dongfang.r1.boiler.fuel")
        s.check()  # unchanged by the failed overrides
        self.assertEqual(s.plan().objective, 1242500)

    def test_variants(self):
        text = SMALL + "variants:\n  half:\n    targets.ratios.red.SO2: 0.5\n" \
                       "  bad:\n    targets.ratios.red.SO2: 1.5\n"
        s = curtail.Scenario.loads(text, "v.yaml")
        self.assertEqual(s.variants, ["half", "bad"])
        h = s.clone()
        h.apply_variant("half")
        h.check()
        self.assertAlmostEqual(h.plan().units("red")[0]["load"], 0.5, places=12)
        with self.assertRaises(curtail.InputError) as cm:
            s.clone().apply_variant("bad")
        e = cm.exception
        self.assertEqual((e.file, e.line, e.column, e.path), ("v.yaml", 21, 29,
                         "variants.bad.targets.ratios.red.SO2"))
        self.assertEqual(e.message, "must be in [0, 1), got 1.5")
        with self.assertRaises(curtail.CurtailError) as cm:
            s.apply_variant("nope")
        self.assertEqual(cm.exception.code, -1)


def cli_sweep(*args):
    p = subprocess.run([CLI, "sweep", SWEEP] + list(args), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, check=True)
    return p.stdout.decode("utf-8")


class TestSweep(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = curtail.Scenario.load(SWEEP)

    @unittest.skipUnless(CLI, "CURTAIL_CLI is not set")
    def test_rows_match_the_cli(self):
        want = [json.loads(line) for line in cli_sweep("--format", "jsonl").splitlines()]
        w = curtail.Sweep(self.s)
        rows = w.run()
        self.assertEqual(len(rows), len(want))
        self.assertEqual(len(rows), 5 * 3)  # the base and 4 variants, 3 levels each
        for got, cli in zip(rows, want):
            for k in ("case", "variant", "set", "level", "status", "objective", "lost_value",
                      "weighted_loss", "targets", "message"):
                self.assertEqual(got[k], cli[k], (cli["case"], cli["level"], k))
            self.assertEqual(got["changed"], len(cli["changed"]))
        self.assertEqual([r["variant"] for r in rows[::3]], ["base"] + self.s.variants)
        self.assertEqual(w.worst, "optimal")
        # the library's own table is the CLI's, byte for byte
        self.assertEqual(w.write("jsonl"), cli_sweep("--format", "jsonl"))
        self.assertEqual(w.write("csv"), cli_sweep())

    @unittest.skipUnless(CLI, "CURTAIL_CLI is not set")
    def test_sets_match_the_cli(self):
        sets = ["targets.ratios.orange.NOx=0.20:0.30:0.05", "extra.weights.B=1,4"]
        w = curtail.Sweep(self.s, variants=False, sets=sets)
        rows = w.run()
        want = [json.loads(line) for line in cli_sweep(
            "--no-variants", "--set", sets[0], "--set", sets[1], "--format", "jsonl").splitlines()]
        self.assertEqual(len(rows), 3 * 2 * 3)
        self.assertEqual([(r["set"], r["objective"], r["targets"]) for r in rows],
                         [(c["set"], c["objective"], c["targets"]) for c in want])
        self.assertEqual(w.sets, ["targets.ratios.orange.NOx", "extra.weights.B"])

    def test_two_threads_equal_one(self):
        one = curtail.Sweep(self.s, threads=1)
        two = curtail.Sweep(self.s, threads=2)
        self.assertEqual(two.run(), one.run())
        self.assertEqual(two.write("csv"), one.write("csv"))
        self.assertEqual(two.write("md"), one.write("md"))

    def test_set_values_and_shards(self):
        ratios = [0.2, 0.25, 0.3]
        whole = curtail.Sweep(self.s, variants=False,
                              sets=[("targets.ratios.orange.NOx", ratios)])
        rows = whole.run()
        self.assertEqual(whole.case_count, 3)
        orange = [r for r in rows if r["level"] == "orange"]
        # totals_kgpd NOx 7400 × the ratio
        self.assertEqual([r["targets"]["NOx"]["required"] for r in orange], [1480, 1850, 2220])
        self.assertEqual([r["set"] for r in orange],
                         [{"targets.ratios.orange.NOx": v} for v in ("0.2", "0.25", "0.3")])
        parts = [curtail.Sweep(self.s, variants=False, shard=(i, 2),
                               sets=[("targets.ratios.orange.NOx", ratios)]) for i in range(2)]
        self.assertEqual(parts[0].run() + parts[1].run(), rows)
        self.assertEqual(parts[0].write("csv") + parts[1].write("csv"), whole.write("csv"))
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "sweep.md")
            whole.write("md", p)
            with open(p, encoding="utf-8") as f:
                self.assertEqual(f.read(), whole.write("md"))

    def test_progress_and_cancel(self):
        seen = []
        w = curtail.Sweep(self.s, progress=lambda done, total: seen.append((done, total)))
        w.run()
        self.assertEqual(sorted(seen), [(i, 5) for i in range(1, 6)])
        w = curtail.Sweep(self.s, progress=lambda done, total: True)
        with self.assertRaises(curtail.CanceledError):
            w.run()

    def test_flat_rows(self):
        w = curtail.Sweep(self.s, variants=False, sets=["targets.ratios.orange.NOx=0.2,0.3"])
        rows = w.run()
        flat = w.flat_rows()
        self.assertEqual(len(flat), 6)
        self.assertEqual(list(flat[0])[:5],
                         ["case", "variant", "targets.ratios.orange.NOx", "level", "status"])
        self.assertEqual(list(flat[0])[-2:], ["changed", "message"])
        self.assertEqual(len(flat[0]), 3 + 5 + 4 * 4 + 2)
        self.assertEqual([f["NOx_required"] for f in flat if f["level"] == "orange"],
                         [1480, 2220])
        self.assertEqual([f["SO2_marginal_cost"] for f in flat],
                         [r["targets"]["SO2"]["marginal_cost"] for r in rows])

    def test_bad_set_and_unchecked_scenario(self):
        w = curtail.Sweep(self.s, variants=False)
        with self.assertRaises(curtail.InputError) as cm:
            w.add_set("targets.ratios.orange.NOx", "0.2,1.5")
        self.assertEqual(cm.exception.path, "targets.ratios.orange.NOx")
        c = self.s.clone()
        c.override("targets.ratios.orange.NOx", 0.25)  # unchecked now
        with self.assertRaises(curtail.CurtailError) as cm:
            curtail.Sweep(c)
        self.assertEqual(cm.exception.code, -1)


@unittest.skipUnless(HAVE_PANDAS, "pandas is not installed")
class TestPandas(InGolden, unittest.TestCase):
    def test_frames(self):
        r = curtail.Scenario.load("plan.yaml").plan()
        units = r.units_frame()
        self.assertEqual(len(units), 3 * 5)
        self.assertEqual(list(units["load"][:2]), [0.5, 0.5])
        levels = r.levels_frame()
        self.assertEqual(len(levels), 3 * 4)
        s = curtail.Scenario.load("schedule.yaml").schedule()
        loads = s.loads_frame()
        self.assertEqual(loads.shape[0], 30)
        self.assertEqual(loads.index[0], "2023-07-10T06:00")

    def test_transport_frame(self):
        r = curtail.Scenario.load("plan.yaml").plan()
        df = r.transport_frame()
        self.assertEqual(df.shape[0], 3 * 3)
        self.assertEqual(list(df["measure"][:3]), ["no_china4_heavy"] * 3)

    def test_sweep_frame(self):
        w = curtail.Sweep(curtail.Scenario.load(SWEEP), variants=False,
                          sets=["targets.ratios.orange.NOx=0.2,0.3"])
        rows = w.run()
        df = w.to_dataframe()
        self.assertEqual(df.shape[0], 6)
        self.assertEqual(list(df.columns[:5]),
                         ["case", "variant", "targets.ratios.orange.NOx", "level", "status"])
        self.assertEqual(list(df["NOx_required"][df["level"] == "orange"]), [1480, 2220])
        self.assertEqual(list(df["objective"]), [r["objective"] for r in rows])


if __name__ == "__main__":
    unittest.main()
