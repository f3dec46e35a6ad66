# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests of the Python binding against the library (CURTAIL_LIBRARY) and the
project's golden outputs (CURTAIL_TEST_DATA, default ../../tests/data).
Run with pytest or `python3 -m unittest`."""
import json
import os
import tempfile
import unittest

import curtail

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.environ.get("CURTAIL_TEST_DATA", os.path.join(HERE, "..", "..", "tests", "data"))
GOLDEN = os.path.join(DATA, "golden")
EXAMPLES = os.path.join(HERE, "..", "..", "examples")

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


def without_texts(levels):
    for L in levels:
        for u in L["units"]:
            del u["text"]
            del u["basis"]  # the reason, worded by the writers only
    return levels


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
        self.assertEqual(got["levels"], without_texts(want["levels"]))
        self.assertEqual(got["warnings"], want["warnings"])
        self.assertEqual(r.level("red")["targets"]["NOx"]["shadow_price"], 500)

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
        for key in ("status", "objective", "start", "hours", "segments", "loads", "warnings"):
            self.assertEqual(got[key], want[key], key)
        self.assertEqual(got["list"], without_texts(want["list"]))
        self.assertEqual(len(r.hours), 30)
        self.assertEqual(r.hours[0], ("2023-07-10T06:00", None))

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


if __name__ == "__main__":
    unittest.main()
