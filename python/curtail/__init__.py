# SPDX-License-Identifier: GPL-3.0-or-later
"""curtail: heavy-pollution emergency reduction lists (应急减排清单) and episode
schedules, computed by a linear program — a ctypes binding of libcurtail.

    s = Scenario.load("examples/xiangyuan.yaml")      # or Scenario.loads(text)
    r = s.plan()                                       # or s.schedule()
    r.status, r.objective, r.to_dict()                 # the shape of the JSON output
    r.units_frame()                                    # pandas, when installed

A scenario can also be built in code (Scenario(), add_enterprise, add_unit,
the setters, then check()). Errors raise CurtailError (InputError for an
invalid scenario) carrying file, line, column and path.

What-if: s.clone(), s.override("targets.ratios.orange.NOx", 0.25) (then
s.check()), s.variants / s.apply_variant(name), and sweeps:

    w = Sweep(s, threads=2, sets=["targets.ratios.orange.NOx=0.20:0.30:0.05"])
    rows = w.run()          # one dict per case and level, as `curtail sweep --format jsonl`
    w.to_dataframe()        # pandas, when installed; w.write("csv") is the CLI's table
"""
import ctypes
import json
import os
import re
import tempfile

from . import _lib as _c

__all__ = ["Scenario", "Result", "Sweep", "CurtailError", "InputError", "SolverError", "CanceledError",
           "CurtailIOError",
           "library_version", "policy_default_yaml", "solver_available",
           "POLLUTANTS", "LEVELS", "SEASONS", "TRANSPORTS", "TRUCK_CLASSES"]
__version__ = "0.1.0"

_L = _c.load_library()


def _names(fn, n):
    return [fn(i).decode() for i in range(n)]


POLLUTANTS = _names(_L.curtail_pollutant_name, 4)
LEVELS = _names(_L.curtail_level_name, 3)
INDUSTRIES = _names(_L.curtail_industry_name, 4)
KINDS = _names(_L.curtail_kind_name, 11)
GRADES = _names(_L.curtail_grade_name, 8)
FUELS = _names(_L.curtail_fuel_name, 5)
SEASONS = _names(_L.curtail_season_name, 3)
# transport measures (运输措施), mildest first; None: no rule states one
TRANSPORTS = [None] + _names(_L.curtail_transport_name, 5)[1:]
TRUCK_CLASSES = _names(_L.curtail_truck_class_name, 4)
GUARANTEES = ["none", "livelihood", "supply"]
QUENCHINGS = [None, "dry", "wet"]
MEASURES = ["none", "max_load", "cut", "coking_time_h", "stop"]
_STATUS = ["optimal", "targets_unmet"]
_LANGS = {None: 0, "zh": 1, "en": 2}
_METHODS = {"auto": 0, "plain": 1}
_SOLVERS = {None: 0, "glpk": 1, "clp": 2}
_FORMATS = {"json": 0, "csv": 1, "md": 2, "xlsx": 3, "html": 4}
_SWEEP_FORMATS = {"jsonl": 0, "json": 0, "csv": 1, "md": 2}
_TRANSPORT_COUNT_KEYS = [t or "unstated" for t in TRANSPORTS[1:] + [None]]
CASE_STATUSES = ["optimal", "targets_unmet", "invalid", "failed", "canceled"]


# ---- errors ----------------------------------------------------------------------

class CurtailError(Exception):
    """A failed call: `code` (a negative CURTAIL_E* code), `message`, and where
    in the scenario: `file`, `line`, `column` (1-based, 0 when unknown), `path`
    (e.g. "enterprises[2].units[0].capacity"). str() is the CLI's error line."""

    def __init__(self, code, message, file="", line=0, column=0, path="", text=None):
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        super().__init__(text or message)


class InputError(CurtailError, ValueError):
    """The scenario is invalid (CURTAIL_EINPUT)."""


class SolverError(CurtailError):
    """The LP solver failed or hit the time limit (CURTAIL_ESOLVER)."""


class CanceledError(CurtailError):
    """A solve was stopped (CURTAIL_ECANCELED)."""


class CurtailIOError(CurtailError, OSError):
    """Reading or writing a file failed (CURTAIL_EIO)."""


_ERRORS = {-3: InputError, -4: SolverError, -5: CurtailIOError, -6: CanceledError}


def _raise(rc, err):
    buf = ctypes.create_string_buffer(4096)
    _L.curtail_error_format(ctypes.byref(err), buf, len(buf))
    cls = _ERRORS.get(rc, CurtailError)
    if rc == -2:
        raise MemoryError(err.message.decode("utf-8", "replace"))
    raise cls(rc, err.message.decode("utf-8", "replace"), err.file.decode("utf-8", "replace"),
              err.line, err.column, err.path.decode("utf-8", "replace"),
              buf.value.decode("utf-8", "replace"))


def _call(fn, *args):
    err = _c.Error()
    rc = fn(*args, ctypes.byref(err))
    if rc != 0:
        _raise(rc, err)


# ---- helpers ----------------------------------------------------------------------

def _b(s):
    return None if s is None else str(s).encode("utf-8")


def _strings(words):
    """a C array of UTF-8 strings (from a list or one string) and its length"""
    words = [words] if isinstance(words, str) else list(words)
    return (ctypes.c_char_p * max(len(words), 1))(*[_b(w) for w in words]), len(words)


def _s(b):
    return None if b is None else b.decode("utf-8")


def _index(words, value, what):
    try:
        return words.index(value)
    except ValueError:
        raise InputError(-3, "unknown %s %r, expected one of: %s"
                         % (what, value, ", ".join(w for w in words if w)), path=what) from None


def _mask(words, value, what):
    values = [value] if isinstance(value, str) else list(value)
    m = 0
    for v in values:
        m |= 1 << _index(words, v, what)
    return m


def _from_mask(words, mask):
    return [w for i, w in enumerate(words) if mask & (1 << i)]


def _pollutants(d, what):
    arr = _c.Pollutants()
    for k, v in (d or {}).items():
        arr[_index(POLLUTANTS, k, what)] = float(v)
    return arr


def _pdict(arr):
    return {p: arr[i] for i, p in enumerate(POLLUTANTS)}


def library_version():
    """The version of the loaded libcurtail, e.g. "0.1.0"."""
    return _L.curtail_version().decode()


def policy_default_yaml():
    """The built-in rule table as YAML text."""
    return _L.curtail_policy_default_yaml().decode("utf-8")


def solver_available(solver):
    """True if the library can solve with "glpk" or "clp"."""
    return bool(_L.curtail_solver_available(_SOLVERS[solver]))


# ---- scenario ---------------------------------------------------------------------

class Scenario:
    """A scenario: loaded from YAML (checked) or built in code (call check())."""

    def __init__(self, name=None, lang=None, _handle=None):
        self._h = ctypes.c_void_p()
        if _handle is not None:
            self._h = _handle
        else:
            _call(_L.curtail_scenario_new, ctypes.byref(self._h), None)
            if name is not None:
                self.set_name(name)
            if lang is not None:
                self.set_lang(lang)

    @classmethod
    def load(cls, path):
        """Load and check a scenario file ("-" is standard input)."""
        h = ctypes.c_void_p()
        opts = _c.LoadOptions(_c.LoadOptions.VERSION, None)
        _call(_L.curtail_scenario_load_file, ctypes.byref(h), os.fsencode(path), ctypes.byref(opts))
        return cls(_handle=h)

    @classmethod
    def loads(cls, text, filename="<string>"):
        """Load and check a scenario from a string (or bytes); `filename` names
        it in messages."""
        data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        h = ctypes.c_void_p()
        opts = _c.LoadOptions(_c.LoadOptions.VERSION, None)
        _call(_L.curtail_scenario_load_buffer, ctypes.byref(h), data, len(data), _b(filename),
              ctypes.byref(opts))
        return cls(_handle=h)

    def __del__(self):
        h = getattr(self, "_h", None)
        if h:
            _L.curtail_scenario_free(h)
            self._h = None

    # -- setters (SPEC §2) --
    def set_name(self, name):
        _call(_L.curtail_scenario_set_name, self._h, _b(name))

    def set_lang(self, lang):
        _call(_L.curtail_scenario_set_lang, self._h, _LANGS[lang] if lang in ("zh", "en") else 99)

    def set_targets(self, base="listed", totals_kgpd=None):
        """`base`: "listed" or "totals" (then `totals_kgpd`, a dict by pollutant)."""
        b = _index(["listed", "totals"], base, "base")
        totals = _pollutants(totals_kgpd, "totals_kgpd") if totals_kgpd is not None else None
        _call(_L.curtail_scenario_set_target_base, self._h, b,
              ctypes.cast(totals, _c._D) if totals is not None else None)

    def set_ratios(self, level, ratios):
        """Replace one level's ratios: {"SO2": 0.1, ...}; pollutants left out: no target."""
        _call(_L.curtail_scenario_set_ratios, self._h, _index(LEVELS, level, "level"),
              ctypes.cast(_pollutants(ratios, "ratios"), _c._D))

    def set_extra_grades(self, grades):
        _call(_L.curtail_scenario_set_extra_grades, self._h, _mask(GRADES, grades, "grade"))

    def set_extra_weights(self, weights):
        """{"C": 2, ...}; grades left out weigh 1."""
        arr = (ctypes.c_double * len(GRADES))(*([1.0] * len(GRADES)))
        for g, w in weights.items():
            arr[_index(GRADES, g, "grade")] = float(w)
        _call(_L.curtail_scenario_set_extra_weights, self._h, arr)

    def set_note(self, note=None, compiled_by=None):
        """The title block (`note:`, `compiled_by:`); None clears one."""
        _call(_L.curtail_scenario_set_note, self._h, _b(note), _b(compiled_by))

    @property
    def note(self):
        return _s(_L.curtail_scenario_note(self._h))

    @property
    def compiled_by(self):
        return _s(_L.curtail_scenario_compiled_by(self._h))

    def set_credits(self, level, credits_kgpd):
        """`targets.credits_kgpd` at one level: reductions from measures outside
        the list (移动源、扬尘源), {"SO2": kg/d, ...}, taken off the requirement."""
        _call(_L.curtail_scenario_set_credits, self._h, _index(LEVELS, level, "level"),
              ctypes.cast(_pollutants(credits_kgpd, "credits_kgpd"), _c._D))

    def add_combined_target(self, pollutants, levels, ratio):
        """One `targets.combined` entry: at each of `levels`, the sum over
        `pollutants` (two or more) of reduction / baseline is at least `ratio`."""
        _call(_L.curtail_scenario_add_combined_target, self._h,
              _mask(POLLUTANTS, pollutants, "pollutant"), _mask(LEVELS, levels, "level"),
              float(ratio))

    def set_transport_factors(self, factors):
        """`transport_factors`: {"china4_and_below": {"NOx": kg per trip, ...}, ...}."""
        for c, kg in factors.items():
            _call(_L.curtail_scenario_set_transport_factors, self._h,
                  _index(TRUCK_CLASSES, c, "truck class"),
                  ctypes.cast(_pollutants(kg, "transport_factors"), _c._D))

    def set_trucks(self, trucks_per_day=None, gate_monitoring=False):
        """The trucks of the enterprise added last: {"china4_and_below": trips a
        day, "china5": ..., "china6": ..., "electric": ...} and 门禁."""
        arr = None
        if trucks_per_day is not None:
            arr = (ctypes.c_double * len(TRUCK_CLASSES))()
            for c, n in trucks_per_day.items():
                arr[_index(TRUCK_CLASSES, c, "truck class")] = float(n)
        _call(_L.curtail_scenario_set_trucks, self._h,
              ctypes.cast(arr, _c._D) if arr is not None else None, int(bool(gate_monitoring)))

    def set_builtin_policy(self, on):
        _call(_L.curtail_scenario_set_builtin_policy, self._h, 1 if on else 0)

    def add_rule(self, rule=None, **kw):
        """A rule as written in YAML: {"industry": "coking", "kind": "coke_oven",
        "grades": ["C"], "levels": ["red"], "coking_time_h": 72}; with
        "transport": "no_road" etc. (a rule may state a transport alone), and
        "zones", "towns", "seasons" for where and when it applies."""
        d = dict(rule or {}, **kw)
        r = _c.Rule.init()
        r.industry = _index(INDUSTRIES, d.get("industry"), "industry")
        r.kinds = _mask(KINDS, d["kind"], "kind") if "kind" in d else 0
        r.grades = _mask(GRADES, d.get("grades", []), "grade")
        r.levels = _mask(LEVELS, d.get("levels", []), "level")
        r.interruptible = -1 if d.get("interruptible") is None else int(bool(d["interruptible"]))
        r.fuels = _mask(FUELS, d["fuel"], "fuel") if "fuel" in d else 0
        g = d.get("guarantee")
        r.guarantees = (0b110 if g is True else _mask(GUARANTEES, g, "guarantee") if g else 0)
        measures = [m for m in MEASURES if m in d]
        if "transport" in d:
            r.transport = _index(TRANSPORTS, d["transport"], "transport")
        if len(measures) > 1 or not measures and "transport" not in d:
            raise InputError(-3, "a rule needs exactly one measure: max_load, cut, "
                                 "coking_time_h, stop or none (or a transport alone)")
        if measures:
            m = measures[0]
            r.measure = MEASURES.index(m)
            r.value = 0.0 if m in ("stop", "none") else float(d[m])
        else:
            r.has_measure = 0  # a transport-only rule
        if any(k in d for k in ("zones", "towns", "seasons")):
            # where and when (docs/SCHEMA.md): kept alive until the call returns
            (zones, nz), (towns, nt) = _strings(d.get("zones", [])), _strings(d.get("towns", []))
            sc = _c.RuleScope(_c.RuleScope.VERSION, zones, nz, towns, nt,
                              _mask(SEASONS, d["seasons"], "season") if "seasons" in d else 0)
            _call(_L.curtail_scenario_add_rule_scoped, self._h, ctypes.byref(r), ctypes.byref(sc))
            return
        _call(_L.curtail_scenario_add_rule, self._h, ctypes.byref(r))

    def set_season(self, season):
        """"heating", "ozone" or "other": which rules apply (docs/SCHEMA.md)."""
        _call(_L.curtail_scenario_set_season, self._h, _index(SEASONS, season, "season"))

    def set_episode_season(self, season):
        """The episode's `season:` (a loaded episode's; it overrides the scenario's)."""
        _call(_L.curtail_scenario_set_episode_season, self._h, _index(SEASONS, season, "season"))

    @property
    def season(self):
        """The season the rules are matched in (the episode's, else the scenario's)."""
        return SEASONS[_L.curtail_scenario_season(self._h)]

    def zones(self, i):
        """Enterprise i's zone tags."""
        return [_s(_L.curtail_scenario_zone(self._h, i, k))
                for k in range(_L.curtail_scenario_zone_count(self._h, i))]

    def add_enterprise(self, id, industry, name=None, grade="none", guarantee="none",
                       phase_out=False, credit_code=None, town=None, zones=None, address=None,
                       industry_code=None, contact=None, trucks_per_day=None,
                       gate_monitoring=False):
        """An enterprise, keys as in YAML (contact: {"name", "phone"};
        trucks_per_day: {truck class: trips a day})."""
        contact = dict(contact or {})
        e = _c.EnterpriseSpec(_c.EnterpriseSpec.VERSION, _b(id), _b(name), _b(credit_code),
                              _b(town), _index(INDUSTRIES, industry, "industry"),
                              _index(GRADES, grade, "grade"),
                              _index(GUARANTEES, guarantee, "guarantee"), int(bool(phase_out)),
                              _b(address), _b(industry_code), _b(contact.get("name")),
                              _b(contact.get("phone")))
        _call(_L.curtail_scenario_add_enterprise, self._h, ctypes.byref(e))
        if zones:
            tags, n = _strings(zones)
            _call(_L.curtail_scenario_set_zones, self._h, tags, n)
        if trucks_per_day is not None or gate_monitoring:
            self.set_trucks(trucks_per_day, gate_monitoring)

    def add_unit(self, id, kind, capacity, name=None, base_load=None, min_load=None, value=0.0,
                 ef=None, baseline_kgpd=None, fixed_kgpd=None, interruptible=None, follows=None,
                 coke_oven=None, boiler=None, capacity_unit=None):
        """A unit of the enterprise added last; keys as in YAML (coke_oven and
        boiler are dicts)."""
        u = _c.UnitSpec.init()
        keep = [_b(id), _b(name), _b(follows), _b(capacity_unit)]  # alive until copied
        u.id, u.name, u.follows, u.capacity_unit = keep
        u.kind = _index(KINDS, kind, "kind")
        u.capacity = float(capacity)
        if base_load is not None:
            u.has_base_load, u.base_load = 1, float(base_load)
        if min_load is not None:
            u.has_min_load, u.min_load = 1, float(min_load)
        u.value = float(value)
        if ef is not None:
            u.has_ef, u.ef = 1, _pollutants(ef, "ef")
        if baseline_kgpd is not None:
            u.has_baseline, u.baseline_kgpd = 1, _pollutants(baseline_kgpd, "baseline_kgpd")
        u.fixed_kgpd = _pollutants(fixed_kgpd, "fixed_kgpd")
        if interruptible is not None:
            u.interruptible = int(bool(interruptible))
        if coke_oven is not None:
            c = dict(coke_oven)
            u.has_coke_oven = 1
            if "height_m" in c:
                u.has_height, u.height_m = 1, float(c["height_m"])
            if "quenching" in c:
                u.quenching = _index(QUENCHINGS, c["quenching"], "quenching")
            u.coking_time_h = float(c.get("coking_time_h", 22.0))
            u.max_coking_time_h = float(c.get("max_coking_time_h", 72.0))
            if "ramp_h" in c:
                u.has_ramp_h, u.ramp_h = 1, float(c["ramp_h"])
        if boiler is not None:
            b = dict(boiler)
            u.has_boiler = 1
            u.fuel = _index(FUELS, b.get("fuel"), "fuel")
            u.steam_tph = float(b.get("steam_tph", 0.0))
            u.heating = int(bool(b.get("heating", False)))
            u.ultra_low = int(bool(b.get("ultra_low", False)))
        _call(_L.curtail_scenario_add_unit, self._h, ctypes.byref(u))

    def check(self):
        """Resolve and check a scenario built in code (loading does it)."""
        _call(_L.curtail_scenario_check, self._h)

    # -- what-if --
    def clone(self):
        """A deep copy (enterprises, units, rules, episode, variants) that
        shares nothing with this scenario; a checked scenario gives a checked copy."""
        h = ctypes.c_void_p()
        _call(_L.curtail_scenario_clone, self._h, ctypes.byref(h))
        return Scenario(_handle=h)

    def override(self, path, value):
        """Change one thing, addressed by id as in `curtail --set PATH=VALUE`
        (e.g. "targets.ratios.orange.NOx", "enterprise.jia.grade",
        "unit.ENT.UNIT.capacity", "enterprise.ID-" to remove). `value`: a
        number, bool, None, list or dict (written as YAML), or a str taken as
        YAML text ("B", "0.25", "[C, D]"). An invalid override raises
        InputError with `path` and the loader's message and leaves the
        scenario unchanged. Call check() before solving again."""
        _call(_L.curtail_scenario_override, self._h, _b(path), _b(_yaml(value)))

    def override_assign(self, assignment):
        """The same from one "PATH=VALUE" text (the CLI's --set)."""
        _call(_L.curtail_scenario_override_assign, self._h, _b(assignment))

    @property
    def variants(self):
        """The names of the YAML's `variants:`, in file order."""
        return [_s(_L.curtail_scenario_variant_name(self._h, i))
                for i in range(_L.curtail_scenario_variant_count(self._h))]

    def apply_variant(self, name):
        """Apply a variant (those it extends first). Errors carry the file,
        line and column of the override and the path "variants.NAME.PATH".
        Call check() before solving again."""
        _call(_L.curtail_scenario_apply_variant, self._h, _b(name))

    # -- read back --
    @property
    def name(self):
        return _s(_L.curtail_scenario_name(self._h))

    @property
    def enterprises(self):
        """Each enterprise as a dict (keys as in YAML, without units)."""
        out = []
        for i in range(_L.curtail_scenario_enterprise_count(self._h)):
            e = _c.EnterpriseSpec.init()
            _call(_L.curtail_scenario_enterprise, self._h, i, ctypes.byref(e))
            contact = None
            if e.contact_name is not None or e.contact_phone is not None:
                contact = {"name": _s(e.contact_name), "phone": _s(e.contact_phone)}
            out.append({"id": _s(e.id), "name": _s(e.name), "credit_code": _s(e.credit_code),
                        "town": _s(e.town), "industry": INDUSTRIES[e.industry],
                        "grade": GRADES[e.grade], "guarantee": GUARANTEES[e.guarantee],
                        "phase_out": bool(e.phase_out), "address": _s(e.address),
                        "industry_code": _s(e.industry_code), "contact": contact,
                        "zones": self.zones(i)})
        return out

    @property
    def units(self):
        """Each unit as a dict: "enterprise" (its id), then the keys of YAML with
        the values in use (ef derived from baseline_kgpd, min_load resolved)."""
        ents = [e["id"] for e in self.enterprises]
        out = []
        for i in range(_L.curtail_scenario_unit_count(self._h)):
            u = _c.UnitSpec.init()
            ent = ctypes.c_size_t()
            _call(_L.curtail_scenario_unit, self._h, i, ctypes.byref(u), ctypes.byref(ent))
            d = {"enterprise": ents[ent.value], "id": _s(u.id), "name": _s(u.name),
                 "kind": KINDS[u.kind], "capacity": u.capacity, "base_load": u.base_load,
                 "min_load": u.min_load, "value": u.value, "ef": _pdict(u.ef),
                 "baseline_kgpd": _pdict(u.baseline_kgpd) if u.has_baseline else None,
                 "fixed_kgpd": _pdict(u.fixed_kgpd),
                 "interruptible": None if u.interruptible < 0 else bool(u.interruptible),
                 "follows": _s(u.follows), "capacity_unit": _s(u.capacity_unit),
                 "coke_oven": None, "boiler": None}
            if u.has_coke_oven:
                d["coke_oven"] = {"height_m": u.height_m if u.has_height else None,
                                  "quenching": QUENCHINGS[u.quenching],
                                  "coking_time_h": u.coking_time_h,
                                  "max_coking_time_h": u.max_coking_time_h, "ramp_h": u.ramp_h}
            if u.has_boiler:
                d["boiler"] = {"fuel": FUELS[u.fuel], "steam_tph": u.steam_tph,
                               "heating": bool(u.heating), "ultra_low": bool(u.ultra_low)}
            out.append(d)
        return out

    def warnings(self, lang=None):
        """The warnings, "FILE:LINE:COL: warning: PATH: message" (lang "zh" or "en";
        default: the scenario's)."""
        return [_s(_L.curtail_scenario_warning_text(self._h, i, _LANGS[lang]))
                for i in range(_L.curtail_scenario_warning_count(self._h))]

    # -- solve --
    def plan(self, method="auto", solver=None, time_limit=None):
        """Solve the three-level plan (SPEC §5)."""
        o = _c.PlanOptions()
        o.version = _c.PlanOptions.VERSION
        o.method = _METHODS[method]
        o.time_limit_s = float(time_limit or 0.0)
        o.solver = _SOLVERS[solver]
        h = ctypes.c_void_p()
        _call(_L.curtail_plan_solve, self._h, ctypes.byref(o), ctypes.byref(h))
        return Result(h, self)

    def schedule(self, method="auto", solver=None, time_limit=None):
        """Render the plan over the scenario's episode, hour by hour (SPEC §6)."""
        o = _c.ScheduleOptions()
        o.version = _c.ScheduleOptions.VERSION
        o.method = _METHODS[method]
        o.time_limit_s = float(time_limit or 0.0)
        o.solver = _SOLVERS[solver]
        h = ctypes.c_void_p()
        _call(_L.curtail_schedule_solve, self._h, ctypes.byref(o), ctypes.byref(h))
        return Result(h, self)


def _yaml(value):
    """A Python value as the YAML text the override parser reads."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dict):
        return "{" + ", ".join("%s: %s" % (_yaml_scalar(k), _yaml_scalar(v))
                               for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_yaml_scalar(v) for v in value) + "]"
    raise TypeError("cannot write a %s as an override value" % type(value).__name__)


_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_+-]*")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}


def _yaml_scalar(v):
    if isinstance(v, str):
        if _PLAIN.fullmatch(v) and v.lower() not in _YAML_WORDS:
            return v  # a plain word: grades, pollutants, fuels ("B-", "non-leading")
        return json.dumps(v, ensure_ascii=False)  # a double-quoted YAML scalar
    if isinstance(v, (dict, list, tuple)):
        return _yaml(v)
    return "null" if v is None else _yaml(v)


# ---- results -----------------------------------------------------------------------

def _targets(ts, prices):
    out = {}
    for i, p in enumerate(POLLUTANTS):
        t = ts[i]
        out[p] = {"baseline": t.baseline, "required": t.required, "achieved": t.achieved,
                  "shortfall": t.shortfall}
        if prices:
            out[p]["shadow_price"] = t.shadow_price
    return out


class Result:
    """A plan or a schedule. It keeps its scenario alive (the C result
    references it)."""

    def __init__(self, handle, scenario):
        self._h = handle
        self._scenario = scenario

    def __del__(self):
        h = getattr(self, "_h", None)
        if h:
            _L.curtail_result_free(h)
            self._h = None

    @property
    def is_schedule(self):
        return bool(_L.curtail_result_is_schedule(self._h))

    @property
    def status(self):
        return _STATUS[_L.curtail_result_status(self._h)]

    @property
    def objective(self):
        return _L.curtail_result_objective(self._h)

    @property
    def lp_columns(self):
        return _L.curtail_result_lp_columns(self._h)

    def warnings(self, lang=None):
        return [_s(_L.curtail_result_warning_text(self._h, i, _LANGS[lang]))
                for i in range(_L.curtail_result_warning_count(self._h))]

    def level(self, level):
        """One level: status, lost_value, weighted_loss, targets (by pollutant)."""
        L = _index(LEVELS, level, "level")
        lr = _c.LevelResult()
        _call(_L.curtail_result_level, self._h, L, ctypes.byref(lr))
        targets = _targets(lr.targets, True)
        for i, p in enumerate(POLLUTANTS):  # targets.credits_kgpd, already off `required`
            targets[p]["credit"] = _L.curtail_result_credit(self._h, L, i)
        return {"level": level, "status": _STATUS[lr.status], "lost_value": lr.lost_value,
                "weighted_loss": lr.weighted_loss, "targets": targets}

    def units(self, level):
        """Each unit at a level, in scenario order (measure texts are the writers'
        and not here)."""
        L = _index(LEVELS, level, "level")
        out = []
        for i in range(_L.curtail_result_unit_count(self._h)):
            u = _c.UnitResult()
            _call(_L.curtail_result_unit, self._h, L, i, ctypes.byref(u))
            m = MEASURES[u.measure]
            out.append({"enterprise": _s(u.enterprise), "unit": _s(u.unit), "load": u.load,
                        "base_load": u.base_load, "lo": u.lo, "hi": u.hi,
                        "measure": {"kind": m, "value": None if m in ("none", "stop")
                                    else u.measure_value},
                        "reduction": _pdict(u.reduction)})
        return out

    @property
    def levels(self):
        """Each level as level() gives it, with its combined rows (when the
        scenario has targets.combined), units, mobile, transport and
        transport_counts: the JSON output's keys, less the writers' texts."""
        out = []
        for L in LEVELS:
            d = self.level(L)
            comb = self.combined(L)
            if comb:
                d["combined"] = [{k: c[k] for k in ("pollutants", "ratio", "credit", "required",
                                                     "achieved", "shortfall", "shadow_price")}
                                 for c in comb]
            d["units"] = self.units(L)
            d["mobile"] = self.mobile(L)
            d["transport"] = self.transport(L)
            counts = dict.fromkeys(_TRANSPORT_COUNT_KEYS, 0)
            for t in d["transport"]:
                counts[t["measure"] or "unstated"] += 1
            d["transport_counts"] = counts
            out.append(d)
        return out

    def credit(self, level):
        """targets.credits_kgpd at a level, kg/d by pollutant (already off
        each target's `required`); all 0 without credits."""
        L = _index(LEVELS, level, "level")
        return {p: _L.curtail_result_credit(self._h, L, i) for i, p in enumerate(POLLUTANTS)}

    def mobile(self, level):
        """The mobile-source reduction at a level (移动源, kg/d by pollutant):
        trips stopped × kg per trip; it counts toward the targets."""
        arr = _c.Pollutants()
        _call(_L.curtail_result_mobile, self._h, _index(LEVELS, level, "level"),
              ctypes.cast(arr, _c._D))
        return _pdict(arr)

    def transport(self, level):
        """Each enterprise's transport measure at a level, in scenario order:
        {"enterprise", "measure" (a TRANSPORTS name, None when no rule
        states one), "trips_stopped" (truck trips a day)}."""
        L = _index(LEVELS, level, "level")
        ents = [e["id"] for e in self._scenario.enterprises]
        return [{"enterprise": e, "measure": TRANSPORTS[_L.curtail_result_transport(self._h, L, i)],
                 "trips_stopped": _L.curtail_result_trips_stopped(self._h, L, i)}
                for i, e in enumerate(ents)]

    def trips_stopped(self, level, enterprise):
        """Truck trips a day the enterprise (id or index) stops at a level."""
        return self.transport(level)[self._enterprise_index(enterprise)]["trips_stopped"]

    def _enterprise_index(self, enterprise):
        if isinstance(enterprise, int):
            return enterprise
        return _index([e["id"] for e in self._scenario.enterprises], enterprise, "enterprise")

    def combined(self, level=None):
        """The combined target rows (targets.combined), one per entry and listed
        level, in units of a reduction ratio: level, index (the entry's),
        pollutants, ratio, credit, required, achieved, shortfall, shadow_price
        (weighted yuan/d per 1.0 of the ratio sum). `level`: only that level's."""
        out = []
        for k in range(_L.curtail_result_combined_count(self._h)):
            c = _c.CombinedResult()
            _call(_L.curtail_result_combined, self._h, k, ctypes.byref(c))
            if level is not None and LEVELS[c.level] != level:
                continue
            out.append({"level": LEVELS[c.level], "index": c.index,
                        "pollutants": _from_mask(POLLUTANTS, c.pollutants), "ratio": c.ratio,
                        "credit": c.credit, "required": c.required, "achieved": c.achieved,
                        "shortfall": c.shortfall, "shadow_price": c.shadow_price})
        if level is not None:
            _index(LEVELS, level, "level")
        return out

    @property
    def mip(self):
        """How the whole-line MIP ended (units with `lines`/`step`), or None
        without steps: status ("optimal" or "feasible" at the time limit),
        gap (proven, relative), bound, lp_bound, stepped_groups, seconds."""
        m = _c.MipInfo()
        _call(_L.curtail_result_mip, self._h, ctypes.byref(m))
        if not m.status:
            return None
        return {"status": "optimal" if m.status == 1 else "feasible", "gap": m.gap,
                "bound": m.bound, "lp_bound": m.lp_bound, "stepped_groups": m.stepped_groups,
                "seconds": m.seconds}

    @property
    def segments(self):
        """A schedule's segments (one per day and level), kg over their hours."""
        out = []
        for k in range(_L.curtail_result_segment_count(self._h)):
            sg = _c.SegmentResult()
            _call(_L.curtail_result_segment, self._h, k, ctypes.byref(sg))
            out.append({"day": sg.day.decode(), "level": LEVELS[sg.level], "hours": sg.hours,
                        "status": _STATUS[sg.status], "lost_value": sg.lost_value,
                        "weighted_loss": sg.weighted_loss, "targets": _targets(sg.targets, False)})
        return out

    @property
    def hours(self):
        """A schedule's hours: [(label "YYYY-MM-DDTHH:MM", level or None), ...]."""
        out = []
        buf = ctypes.create_string_buffer(32)
        for t in range(_L.curtail_result_hour_count(self._h)):
            _call(_L.curtail_result_hour_label, self._h, t, buf, len(buf))
            lv = _L.curtail_result_hour_level(self._h, t)
            out.append((buf.value.decode(), LEVELS[lv] if lv >= 0 else None))
        return out

    def loads(self):
        """A schedule's hourly loads: [{"enterprise", "unit", "load": [one per hour]}]."""
        n = _L.curtail_result_hour_count(self._h)
        out = []
        for i, u in enumerate(self.units(LEVELS[0])):
            p = _L.curtail_result_unit_loads(self._h, i)
            out.append({"enterprise": u["enterprise"], "unit": u["unit"],
                        "load": [p[t] for t in range(n)] if p else []})
        return out

    def to_dict(self, texts=True, lang=None):
        """The result as the JSON output (SPEC §7): equal to
        json.loads(self.dumps("json")). Every number, id, code and status is
        read through the C API; the worded parts the API does not give are
        taken from the library's JSON writer (in `lang`, default the
        scenario's): each unit's measure "text" and "basis" (the reasons),
        each transport row's "text", and a plan's "summary" — texts=False
        leaves those out (no write). A target's "credit" is there when the
        scenario has targets.credits_kgpd, as in the writer."""
        d = {"curtail": 1, "version": library_version(), "scenario": self._scenario.name,
             "command": "schedule" if self.is_schedule else "plan",
             "status": self.status, "objective": self.objective}
        mip = self.mip
        if mip is not None:  # as the writer: without the time (stable bytes)
            d["mip"] = {k: v for k, v in mip.items() if k != "seconds"}
        levels = self.levels
        if self.is_schedule:
            hours = self.hours
            d["start"] = hours[0][0] if hours else None
            d["hours"] = len(hours)
            d["segments"] = self.segments
            d["list"] = levels
            d["loads"] = self.loads()
        else:
            d["levels"] = levels
        if texts:
            w = json.loads(self.dumps("json", lang=lang))
            for mine, theirs in zip(levels, w["list" if self.is_schedule else "levels"]):
                for p, t in mine["targets"].items():
                    if "credit" not in theirs["targets"][p]:
                        del t["credit"]
                for u, wu in zip(mine["units"], theirs["units"]):
                    u["text"], u["basis"] = wu["text"], wu["basis"]
                for t, wt in zip(mine["transport"], theirs["transport"]):
                    t["text"] = wt["text"]
            if "summary" in w:
                d["summary"] = w["summary"]
        d["warnings"] = self.warnings("en")  # as the JSON writer writes them
        return d

    # -- output --
    def write(self, path, format="json", lang=None, bom=False, public=False):
        """Write the result with the library's writers (json, csv, md, xlsx,
        html), whole or not at all. public=True: the public version (公示版:
        names, town, grade, measures; no emissions, money or reasons), as
        `curtail plan --public`."""
        o = _c.WriteOptions.init()
        o.format, o.lang, o.bom = _FORMATS[format], _LANGS[lang], 1 if bom else 0
        o.public_version = 1 if public else 0
        _call(_L.curtail_result_write_file, self._h, ctypes.byref(o), os.fsencode(path))

    def dumps(self, format="json", lang=None, bom=False, public=False):
        """What the writers produce (as `curtail plan --format ...` prints it):
        a str, bytes for xlsx."""
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "out." + format)
            self.write(p, format, lang, bom, public)
            with open(p, "rb") as f:
                data = f.read()
        return data if format == "xlsx" else data.decode("utf-8")

    def explain(self, enterprise=None, level=None, format="md", lang=None, path=None):
        """`curtail explain`: an enterprise's 一厂一策 sheet (its id; with
        `level`, that level only), or one level's account (`level` alone), or
        the enterprises to choose from (neither). format "md" or "json";
        to `path` (whole or not at all), else returned as a str."""
        if format not in ("md", "json"):
            raise ValueError("format must be md or json, got %r" % (format,))
        o = _c.ExplainOptions.init()
        o.format, o.lang = _FORMATS[format], _LANGS[lang]
        keep = _b(enterprise)
        o.enterprise = keep
        o.level = -1 if level is None else _index(LEVELS, level, "level")
        if path is not None:
            _call(_L.curtail_explain_write_file, self._h, ctypes.byref(o), os.fsencode(path))
            return None
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "explain." + format)
            _call(_L.curtail_explain_write_file, self._h, ctypes.byref(o), os.fsencode(p))
            with open(p, "rb") as f:
                return f.read().decode("utf-8")

    # -- pandas --
    def units_frame(self):
        """pandas: one row per level and unit."""
        pd = _pandas()
        rows = []
        for L in LEVELS:
            for u in self.units(L):
                row = {"level": L, "enterprise": u["enterprise"], "unit": u["unit"],
                       "load": u["load"], "base_load": u["base_load"], "lo": u["lo"],
                       "hi": u["hi"], "measure": u["measure"]["kind"],
                       "measure_value": u["measure"]["value"]}
                row.update({"reduction_" + p: v for p, v in u["reduction"].items()})
                rows.append(row)
        return pd.DataFrame(rows)

    def transport_frame(self):
        """pandas: one row per level and enterprise (measure, trips_stopped)."""
        return _pandas().DataFrame([dict(t, level=L) for L in LEVELS for t in self.transport(L)])

    def combined_frame(self):
        """pandas: the combined target rows."""
        return _pandas().DataFrame(self.combined())

    def levels_frame(self):
        """pandas: one row per level and pollutant."""
        return _pandas().DataFrame(_target_rows(self.levels, "level"))

    def segments_frame(self):
        """pandas: one row per segment and pollutant (schedules)."""
        return _pandas().DataFrame(_target_rows(self.segments, "segment"))

    def loads_frame(self):
        """pandas: hourly loads, one row per hour (index: the hour's start),
        one column per (enterprise, unit) (schedules)."""
        pd = _pandas()
        hours = self.hours
        cols = {(u["enterprise"], u["unit"]): u["load"] for u in self.loads()}
        df = pd.DataFrame(cols, index=pd.Index([h for h, _ in hours], name="hour"))
        df.insert(0, "level", [lv for _, lv in hours])
        return df


def _target_rows(items, kind):
    rows = []
    for it in items:
        for p, t in it["targets"].items():
            row = {k: v for k, v in it.items()
                   if k not in ("targets", "units", "combined", "mobile", "transport",
                                "transport_counts")}
            row["pollutant"] = p
            row.update(t)
            rows.append(row)
    return rows


def _pandas():
    try:
        import pandas
    except ImportError:
        raise ImportError("the DataFrame views need pandas (pip install pandas)") from None
    return pandas


# ---- sweeps ------------------------------------------------------------------------

class Sweep:
    """A what-if sweep of a checked scenario (`curtail sweep`): the base, then
    each of the YAML's variants (variants=False: the base alone), each crossed
    with every combination of the sets (the first varying slowest).

    sets: "PATH=V1,V2,..." or "PATH=A:B:STEP" texts, or (path, values) pairs
    where values is such a text or a list of values. shard=(i, n) runs only
    slice i of n (0-based). The sweep solves a private copy of the scenario.
    progress(done, total), if given, is called after each case (from the
    solving threads); a true return cancels (run() then raises CanceledError).
    """

    def __init__(self, scenario, threads=1, shard=None, variants=True, sets=(), cold=False,
                 method="auto", solver=None, time_limit=None, progress=None):
        self._h = None
        self._scenario = scenario.clone()  # must outlive the sweep and stay unchanged
        o = _c.SweepOptions()
        o.version = _c.SweepOptions.VERSION
        o.threads = int(threads)
        if shard is not None:
            i, n = shard
            if not 0 <= i < n:
                raise ValueError("shard (i, n) needs 0 <= i < n, got (%r, %r)" % (i, n))
            o.shard, o.nshards = i, n
        o.variants = 1 if variants else 0
        o.cold = 1 if cold else 0
        o.plan.version = _c.PlanOptions.VERSION
        o.plan.method = _METHODS[method]
        o.plan.time_limit_s = float(time_limit or 0.0)
        o.plan.solver = _SOLVERS[solver]
        self._progress_error = None
        if progress is not None:
            def hook(ctx, done, total):
                try:
                    return 1 if progress(done, total) else 0
                except BaseException as e:  # noqa: B902 -- re-raised by run()
                    self._progress_error = e
                    return 1
            self._hook = _c.ProgressFn(hook)  # kept alive as long as the sweep
            o.progress = self._hook
        h = ctypes.c_void_p()
        _call(_L.curtail_sweep_new, self._scenario._h, ctypes.byref(o), ctypes.byref(h))
        self._h = h
        self._paths = []
        self._rows = None
        for s in sets:
            if isinstance(s, str):
                self.add_set_assign(s)
            else:
                self.add_set(*s)

    def __del__(self):
        h = getattr(self, "_h", None)
        if h:
            _L.curtail_sweep_free(h)
            self._h = None

    def add_set(self, path, values):
        """Sweep an override over values: "V1,V2,...", "A:B:STEP", or a list."""
        if not isinstance(values, str):
            values = ",".join(_yaml_scalar(v) for v in values)
        _call(_L.curtail_sweep_add_set, self._h, _b(path), _b(values))
        self._paths.append(path)

    def add_set_assign(self, assignment):
        """The same from "PATH=VALUES" (the CLI's sweep --set)."""
        _call(_L.curtail_sweep_add_set_assign, self._h, _b(assignment))
        self._paths.append(assignment.split("=", 1)[0])

    @property
    def sets(self):
        """The swept paths, in order."""
        return list(self._paths)

    @property
    def case_count(self):
        """Cases of the whole sweep (all shards)."""
        return _L.curtail_sweep_case_count(self._h)

    def run(self):
        """Solve the shard's cases; returns rows() (an invalid or failed case is
        a row with its status and message, the others go on)."""
        err = _c.Error()
        rc = _L.curtail_sweep_run(self._h, ctypes.byref(err))
        if self._progress_error is not None:
            e, self._progress_error = self._progress_error, None
            raise e
        if rc != 0:
            _raise(rc, err)
        self._rows = None
        return self.rows()

    @property
    def worst(self):
        """The worst status of the shard's cases ("optimal" when all are)."""
        return CASE_STATUSES[_L.curtail_sweep_worst(self._h)]

    def cases(self):
        """One dict per case run: case, variant, set {path: value as given},
        status, message, objective, levels (as Result.level, by level name),
        changed {level: number of enterprises whose loads differ from the base's}."""
        out = []
        for i in range(_L.curtail_sweep_result_count(self._h)):
            c = _c.SweepCase()
            c.version = _c.SweepCase.VERSION
            _call(_L.curtail_sweep_result, self._h, i, ctypes.byref(c))
            sets = {p: _s(_L.curtail_sweep_result_value(self._h, i, j))
                    for j, p in enumerate(self._paths)}
            solved = c.status in (0, 1)
            levels = {}
            if solved:
                for L, name in enumerate(LEVELS):
                    lr = c.levels[L]
                    levels[name] = {"status": _STATUS[lr.status], "lost_value": lr.lost_value,
                                    "weighted_loss": lr.weighted_loss,
                                    "targets": _targets(lr.targets, True)}
            out.append({"case": c.index, "variant": _s(c.variant), "set": sets,
                        "status": CASE_STATUSES[c.status], "message": _s(c.message) or "",
                        "objective": c.objective if solved else None, "levels": levels,
                        "changed": {L: c.changed[k] for k, L in enumerate(LEVELS)}
                        if solved else {}})
        return out

    def rows(self):
        """The table of `curtail sweep --format jsonl` as dicts: one row per case
        and level (one for a case that did not solve, with level None and no
        numbers). targets[P] = required, achieved, shortfall, marginal_cost;
        "changed" is the number of enterprises whose loads differ from the
        base's (their ids are in write())."""
        if self._rows is not None:
            return [dict(r) for r in self._rows]
        rows = []
        for c in self.cases():
            head = {"case": c["case"], "variant": c["variant"], "set": c["set"]}
            if not c["levels"]:
                rows.append(dict(head, level=None, status=c["status"], objective=None,
                                 lost_value=None, weighted_loss=None, targets=None,
                                 changed=None, message=c["message"]))
                continue
            for L, lv in c["levels"].items():
                targets = {p: {"required": t["required"], "achieved": t["achieved"],
                               "shortfall": t["shortfall"], "marginal_cost": t["shadow_price"]}
                           for p, t in lv["targets"].items()}
                rows.append(dict(head, level=L, status=lv["status"], objective=c["objective"],
                                 lost_value=lv["lost_value"], weighted_loss=lv["weighted_loss"],
                                 targets=targets, changed=c["changed"][L],
                                 message=c["message"]))
        self._rows = rows
        return [dict(r) for r in rows]

    def to_dataframe(self):
        """pandas: flat_rows() as a DataFrame."""
        return _pandas().DataFrame(self.flat_rows())

    def flat_rows(self):
        """The rows flattened to the CSV table's columns (plus case): case,
        variant, one column per swept path, level, status, objective,
        lost_value, weighted_loss, P_required, P_achieved, P_shortfall,
        P_marginal_cost for each pollutant P, changed, message."""
        flat = []
        for r in self.rows():
            d = {"case": r["case"], "variant": r["variant"]}
            d.update(r["set"])
            for k in ("level", "status", "objective", "lost_value", "weighted_loss"):
                d[k] = r[k]
            for p in POLLUTANTS:
                for k in ("required", "achieved", "shortfall", "marginal_cost"):
                    d["%s_%s" % (p, k)] = r["targets"][p][k] if r["targets"] else None
            d["changed"] = r["changed"]
            d["message"] = r["message"]
            flat.append(d)
        return flat

    def write(self, format="csv", path=None, curve=None, header=None):
        """The library's table (csv, md, jsonl): to `path`, written whole or not
        at all, or, without path, returned as a str. curve: a swept
        targets.ratios.LEVEL.POLLUTANT for its cost curve. header: None (only
        shard 0 writes it), False or True."""
        if format not in _SWEEP_FORMATS:
            raise ValueError("format must be csv, md or jsonl, got %r" % (format,))
        o = _c.SweepWriteOptions(_c.SweepWriteOptions.VERSION, _SWEEP_FORMATS[format], _b(curve),
                                 -1 if header is None else int(bool(header)))
        if path is not None:
            _call(_L.curtail_sweep_write_file, self._h, ctypes.byref(o), os.fsencode(path))
            return None
        buf = ctypes.POINTER(ctypes.c_char)()
        n = ctypes.c_size_t()
        _call(_L.curtail_sweep_write_buffer, self._h, ctypes.byref(o), ctypes.byref(buf),
              ctypes.byref(n))
        try:
            return ctypes.string_at(buf, n.value).decode("utf-8")
        finally:
            _L.curtail_buffer_free(buf)
