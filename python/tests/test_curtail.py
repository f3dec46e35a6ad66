# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests of the Python binding against the library (CURTAIL_LIBRARY) and the
project's golden outputs (CURTAIL_TEST_DATA, default ../../tests/data).
Run with pytest or `python3 -m unittest`."""
import json
import os
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
