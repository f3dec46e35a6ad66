# SPDX-License-Identifier: GPL-3.0-or-later
"""ctypes declarations of include/curtail.h (ABI 0.1).

Every structure mirrors its C definition field by field; the binding refuses
a library of another 0.x minor version (the soname policy: each 0.x minor
may change the ABI).
"""
import ctypes
import ctypes.util
import os

ABI = (0, 1)
SONAME = "libcurtail.so.%d.%d" % ABI

NP = 4  # pollutants
NL = 3  # levels


class Error(ctypes.Structure):
    _c_name_ = "curtail_error"
    _fields_ = [("code", ctypes.c_int), ("message", ctypes.c_char * 1024),
                ("file", ctypes.c_char * 512), ("line", ctypes.c_int),
                ("column", ctypes.c_int), ("path", ctypes.c_char * 512)]


class EnterpriseSpec(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("id", ctypes.c_char_p), ("name", ctypes.c_char_p),
                ("credit_code", ctypes.c_char_p), ("town", ctypes.c_char_p),
                ("industry", ctypes.c_int), ("grade", ctypes.c_int), ("guarantee", ctypes.c_int),
                ("phase_out", ctypes.c_int),
                # version 2 (issue 9): the 一厂一策 sheet's overview
                ("address", ctypes.c_char_p), ("industry_code", ctypes.c_char_p),
                ("contact_name", ctypes.c_char_p), ("contact_phone", ctypes.c_char_p)]
    VERSION = 2
    _c_name_ = "curtail_enterprise_spec"
    _c_version_ = "CURTAIL_ENTERPRISE_SPEC_VERSION"
    _c_init_ = "CURTAIL_ENTERPRISE_SPEC_INIT"

    @classmethod
    def init(cls):
        """CURTAIL_ENTERPRISE_SPEC_INIT"""
        e = cls()
        e.version = cls.VERSION
        e.industry = 3  # CURTAIL_OTHER_INDUSTRY
        e.grade = 7  # CURTAIL_GRADE_NONE
        return e


Pollutants = ctypes.c_double * NP


class UnitSpec(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("id", ctypes.c_char_p), ("name", ctypes.c_char_p),
                ("kind", ctypes.c_int), ("capacity", ctypes.c_double),
                ("has_base_load", ctypes.c_int), ("base_load", ctypes.c_double),
                ("has_min_load", ctypes.c_int), ("min_load", ctypes.c_double),
                ("value", ctypes.c_double), ("has_ef", ctypes.c_int), ("ef", Pollutants),
                ("has_baseline", ctypes.c_int), ("baseline_kgpd", Pollutants),
                ("fixed_kgpd", Pollutants), ("interruptible", ctypes.c_int),
                ("follows", ctypes.c_char_p), ("has_coke_oven", ctypes.c_int),
                ("has_height", ctypes.c_int), ("height_m", ctypes.c_double),
                ("quenching", ctypes.c_int), ("coking_time_h", ctypes.c_double),
                ("max_coking_time_h", ctypes.c_double), ("has_boiler", ctypes.c_int),
                ("fuel", ctypes.c_int), ("steam_tph", ctypes.c_double), ("heating", ctypes.c_int),
                ("has_ramp_h", ctypes.c_int), ("ramp_h", ctypes.c_double),
                ("capacity_unit", ctypes.c_char_p), ("ultra_low", ctypes.c_int)]
    VERSION = 3
    _c_name_ = "curtail_unit_spec"
    _c_version_ = "CURTAIL_UNIT_SPEC_VERSION"
    _c_init_ = "CURTAIL_UNIT_SPEC_INIT"

    @classmethod
    def init(cls):
        """CURTAIL_UNIT_SPEC_INIT"""
        u = cls()
        u.version = cls.VERSION
        u.kind = 9  # CURTAIL_KIND_OTHER
        u.base_load = 1.0
        u.interruptible = -1
        u.coking_time_h = 22.0
        u.max_coking_time_h = 72.0
        return u


class Rule(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("industry", ctypes.c_int), ("kinds", ctypes.c_uint),
                ("grades", ctypes.c_uint), ("levels", ctypes.c_uint),
                ("interruptible", ctypes.c_int), ("fuels", ctypes.c_uint),
                ("guarantees", ctypes.c_uint), ("measure", ctypes.c_int),
                ("value", ctypes.c_double),
                # version 2 (issue 10): the transport measure, and whether a
                # production measure is stated at all
                ("transport", ctypes.c_int), ("has_measure", ctypes.c_int)]
    VERSION = 2
    _c_name_ = "curtail_rule"
    _c_version_ = "CURTAIL_RULE_VERSION"
    _c_init_ = "CURTAIL_RULE_INIT"

    @classmethod
    def init(cls):
        """CURTAIL_RULE_INIT"""
        r = cls()
        r.version = cls.VERSION
        r.interruptible = -1
        r.has_measure = 1
        return r


class RuleScope(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint),
                ("zones", ctypes.POINTER(ctypes.c_char_p)), ("nzones", ctypes.c_size_t),
                ("towns", ctypes.POINTER(ctypes.c_char_p)), ("ntowns", ctypes.c_size_t),
                ("seasons", ctypes.c_uint)]
    VERSION = 1
    _c_name_ = "curtail_rule_scope"
    _c_version_ = "CURTAIL_RULE_SCOPE_VERSION"


class LoadOptions(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("mem", ctypes.c_void_p)]
    VERSION = 1
    _c_name_ = "curtail_load_options"
    _c_version_ = "CURTAIL_LOAD_OPTIONS_VERSION"


CancelFn = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)


class PlanOptions(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("method", ctypes.c_int),
                ("time_limit_s", ctypes.c_double), ("cancel", CancelFn),
                ("cancel_ctx", ctypes.c_void_p), ("solver", ctypes.c_int)]
    VERSION = 2
    _c_name_ = "curtail_plan_options"
    _c_version_ = "CURTAIL_PLAN_OPTIONS_VERSION"


class ScheduleOptions(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("method", ctypes.c_int),
                ("time_limit_s", ctypes.c_double), ("cancel", CancelFn),
                ("cancel_ctx", ctypes.c_void_p), ("solver", ctypes.c_int)]
    VERSION = 2
    _c_name_ = "curtail_schedule_options"
    _c_version_ = "CURTAIL_SCHEDULE_OPTIONS_VERSION"


class Target(ctypes.Structure):
    _c_name_ = "curtail_target"
    _fields_ = [("baseline", ctypes.c_double), ("required", ctypes.c_double),
                ("achieved", ctypes.c_double), ("shortfall", ctypes.c_double),
                ("shadow_price", ctypes.c_double)]


class LevelResult(ctypes.Structure):
    _c_name_ = "curtail_level_result"
    _fields_ = [("status", ctypes.c_int), ("lost_value", ctypes.c_double),
                ("weighted_loss", ctypes.c_double), ("targets", Target * NP)]


class UnitResult(ctypes.Structure):
    _c_name_ = "curtail_unit_result"
    _fields_ = [("enterprise", ctypes.c_char_p), ("unit", ctypes.c_char_p),
                ("load", ctypes.c_double), ("base_load", ctypes.c_double),
                ("lo", ctypes.c_double), ("hi", ctypes.c_double), ("measure", ctypes.c_int),
                ("measure_value", ctypes.c_double), ("reduction", Pollutants)]


class SegmentResult(ctypes.Structure):
    _c_name_ = "curtail_segment_result"
    _fields_ = [("day", ctypes.c_char * 11), ("level", ctypes.c_int), ("hours", ctypes.c_int),
                ("status", ctypes.c_int), ("lost_value", ctypes.c_double),
                ("weighted_loss", ctypes.c_double), ("targets", Target * NP)]


class WriteOptions(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("format", ctypes.c_int), ("lang", ctypes.c_int),
                ("bom", ctypes.c_int), ("on_temp", ctypes.c_void_p),
                ("on_temp_ctx", ctypes.c_void_p),
                # version 3 (issue 9): 1 writes the public version (公示版)
                ("public_version", ctypes.c_int)]
    VERSION = 3
    _c_name_ = "curtail_write_options"
    _c_version_ = "CURTAIL_WRITE_OPTIONS_VERSION"
    _c_init_ = "CURTAIL_WRITE_OPTIONS_INIT"

    @classmethod
    def init(cls):
        """CURTAIL_WRITE_OPTIONS_INIT"""
        o = cls()
        o.version = cls.VERSION
        return o


class ExplainOptions(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("format", ctypes.c_int), ("lang", ctypes.c_int),
                ("enterprise", ctypes.c_char_p), ("level", ctypes.c_int),
                ("on_temp", ctypes.c_void_p), ("on_temp_ctx", ctypes.c_void_p)]
    VERSION = 1
    _c_name_ = "curtail_explain_options"
    _c_version_ = "CURTAIL_EXPLAIN_OPTIONS_VERSION"
    _c_init_ = "CURTAIL_EXPLAIN_OPTIONS_INIT"

    @classmethod
    def init(cls):
        """CURTAIL_EXPLAIN_OPTIONS_INIT"""
        o = cls()
        o.version = cls.VERSION
        o.format = 2  # CURTAIL_FORMAT_MD
        o.level = -1
        return o


class CombinedResult(ctypes.Structure):
    _fields_ = [("level", ctypes.c_int), ("index", ctypes.c_size_t),
                ("pollutants", ctypes.c_uint), ("ratio", ctypes.c_double),
                ("credit", ctypes.c_double), ("required", ctypes.c_double),
                ("achieved", ctypes.c_double), ("shortfall", ctypes.c_double),
                ("shadow_price", ctypes.c_double)]
    _c_name_ = "curtail_combined_result"


class MipInfo(ctypes.Structure):
    _fields_ = [("status", ctypes.c_int), ("stepped_groups", ctypes.c_size_t),
                ("gap", ctypes.c_double), ("bound", ctypes.c_double),
                ("lp_bound", ctypes.c_double), ("seconds", ctypes.c_double)]
    _c_name_ = "curtail_mip_info"


ProgressFn = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t)


class SweepOptions(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("threads", ctypes.c_int), ("shard", ctypes.c_uint),
                ("nshards", ctypes.c_uint), ("variants", ctypes.c_int), ("cold", ctypes.c_int),
                ("plan", PlanOptions), ("progress", ProgressFn),
                ("progress_ctx", ctypes.c_void_p)]
    VERSION = 1
    _c_name_ = "curtail_sweep_options"
    _c_version_ = "CURTAIL_SWEEP_OPTIONS_VERSION"


class SweepCase(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("index", ctypes.c_size_t),
                ("variant", ctypes.c_char_p), ("status", ctypes.c_int),
                ("message", ctypes.c_char_p), ("objective", ctypes.c_double),
                ("levels", LevelResult * NL), ("changed", ctypes.c_size_t * NL)]
    VERSION = 1
    _c_name_ = "curtail_sweep_case"
    _c_version_ = "CURTAIL_SWEEP_CASE_VERSION"


class SweepWriteOptions(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("format", ctypes.c_int), ("curve", ctypes.c_char_p),
                ("header", ctypes.c_int),
                ("lang", ctypes.c_int)]  # version 2: xlsx and html wording
    VERSION = 2
    _c_name_ = "curtail_sweep_write_options"
    _c_version_ = "CURTAIL_SWEEP_WRITE_OPTIONS_VERSION"


_P = ctypes.c_void_p  # opaque handles
_S = ctypes.c_char_p
_E = ctypes.POINTER(Error)
_D = ctypes.POINTER(ctypes.c_double)
_Z = ctypes.c_size_t
_I = ctypes.c_int
_U = ctypes.c_uint

# name: (restype, argtypes)
_PROTOTYPES = {
    "curtail_version": (_S, []),
    "curtail_error_format": (_I, [_E, ctypes.c_char_p, _Z]),
    "curtail_pollutant_name": (_S, [_I]),
    "curtail_level_name": (_S, [_I]),
    "curtail_industry_name": (_S, [_I]),
    "curtail_kind_name": (_S, [_I]),
    "curtail_grade_name": (_S, [_I]),
    "curtail_fuel_name": (_S, [_I]),
    "curtail_scenario_new": (_I, [ctypes.POINTER(_P), _P, _E]),
    "curtail_scenario_free": (None, [_P]),
    "curtail_scenario_load_file": (_I, [ctypes.POINTER(_P), _S, ctypes.POINTER(LoadOptions), _E]),
    "curtail_scenario_load_buffer": (_I, [ctypes.POINTER(_P), _S, _Z, _S,
                                          ctypes.POINTER(LoadOptions), _E]),
    "curtail_scenario_set_name": (_I, [_P, _S, _E]),
    "curtail_scenario_set_lang": (_I, [_P, _I, _E]),
    "curtail_scenario_set_target_base": (_I, [_P, _I, _D, _E]),
    "curtail_scenario_set_ratios": (_I, [_P, _I, _D, _E]),
    "curtail_scenario_set_extra_grades": (_I, [_P, _U, _E]),
    "curtail_scenario_set_extra_weights": (_I, [_P, _D, _E]),
    "curtail_scenario_set_builtin_policy": (_I, [_P, _I, _E]),
    "curtail_scenario_add_rule": (_I, [_P, ctypes.POINTER(Rule), _E]),
    "curtail_scenario_add_enterprise": (_I, [_P, ctypes.POINTER(EnterpriseSpec), _E]),
    "curtail_scenario_add_unit": (_I, [_P, ctypes.POINTER(UnitSpec), _E]),
    "curtail_scenario_check": (_I, [_P, _E]),
    "curtail_scenario_name": (_S, [_P]),
    "curtail_scenario_enterprise_count": (_Z, [_P]),
    "curtail_scenario_unit_count": (_Z, [_P]),
    "curtail_scenario_warning_count": (_Z, [_P]),
    "curtail_scenario_warning_text": (_S, [_P, _Z, _I]),
    "curtail_scenario_enterprise": (_I, [_P, _Z, ctypes.POINTER(EnterpriseSpec), _E]),
    "curtail_scenario_unit": (_I, [_P, _Z, ctypes.POINTER(UnitSpec), ctypes.POINTER(_Z), _E]),
    "curtail_policy_default_yaml": (_S, []),
    # zones, towns and seasons (docs/SCHEMA.md)
    "curtail_season_name": (_S, [_I]),
    "curtail_scenario_set_season": (_I, [_P, _I, _E]),
    "curtail_scenario_season": (_I, [_P]),
    "curtail_scenario_set_zones": (_I, [_P, ctypes.POINTER(ctypes.c_char_p), _Z, _E]),
    "curtail_scenario_zone_count": (_Z, [_P, _Z]),
    "curtail_scenario_zone": (_S, [_P, _Z, _Z]),
    "curtail_scenario_add_rule_scoped": (_I, [_P, ctypes.POINTER(Rule), ctypes.POINTER(RuleScope), _E]),
    # title block, enterprise trucks, credits and combined targets (issues 9 and 10)
    "curtail_scenario_set_note": (_I, [_P, _S, _S, _E]),
    "curtail_scenario_note": (_S, [_P]),
    "curtail_scenario_compiled_by": (_S, [_P]),
    "curtail_transport_name": (_S, [_I]),
    "curtail_truck_class_name": (_S, [_I]),
    "curtail_scenario_set_credits": (_I, [_P, _I, _D, _E]),
    "curtail_scenario_add_combined_target": (_I, [_P, _U, _U, ctypes.c_double, _E]),
    "curtail_scenario_set_trucks": (_I, [_P, _D, _I, _E]),
    "curtail_scenario_set_transport_factors": (_I, [_P, _I, _D, _E]),
    "curtail_scenario_set_episode_season": (_I, [_P, _I, _E]),
    "curtail_solver_available": (_I, [_I]),
    "curtail_plan_solve": (_I, [_P, ctypes.POINTER(PlanOptions), ctypes.POINTER(_P), _E]),
    "curtail_schedule_solve": (_I, [_P, ctypes.POINTER(ScheduleOptions), ctypes.POINTER(_P), _E]),
    "curtail_result_free": (None, [_P]),
    "curtail_result_status": (_I, [_P]),
    "curtail_result_objective": (ctypes.c_double, [_P]),
    "curtail_result_level": (_I, [_P, _I, ctypes.POINTER(LevelResult), _E]),
    "curtail_result_unit_count": (_Z, [_P]),
    "curtail_result_unit": (_I, [_P, _I, _Z, ctypes.POINTER(UnitResult), _E]),
    "curtail_result_warning_count": (_Z, [_P]),
    "curtail_result_warning_text": (_S, [_P, _Z, _I]),
    "curtail_result_is_schedule": (_I, [_P]),
    "curtail_result_hour_count": (_Z, [_P]),
    "curtail_result_hour_label": (_I, [_P, _Z, ctypes.c_char_p, _Z, _E]),
    "curtail_result_hour_level": (_I, [_P, _Z]),
    "curtail_result_unit_loads": (_D, [_P, _Z]),
    "curtail_result_segment_count": (_Z, [_P]),
    "curtail_result_segment": (_I, [_P, _Z, ctypes.POINTER(SegmentResult), _E]),
    "curtail_result_lp_columns": (_Z, [_P]),
    "curtail_result_write_file": (_I, [_P, ctypes.POINTER(WriteOptions), _S, _E]),
    "curtail_explain_write_file": (_I, [_P, ctypes.POINTER(ExplainOptions), _S, _E]),
    # the new result data (issue 10): transport, mobile source, credits, combined rows
    "curtail_result_transport": (_I, [_P, _I, _Z]),
    "curtail_result_trips_stopped": (ctypes.c_double, [_P, _I, _Z]),
    "curtail_result_mobile": (_I, [_P, _I, _D, _E]),
    "curtail_result_credit": (ctypes.c_double, [_P, _I, _I]),
    "curtail_result_combined_count": (_Z, [_P]),
    "curtail_result_mip": (_I, [_P, ctypes.POINTER(MipInfo), _E]),
    "curtail_result_combined": (_I, [_P, _Z, ctypes.POINTER(CombinedResult), _E]),
    "curtail_scenario_clone": (_I, [_P, ctypes.POINTER(_P), _E]),
    "curtail_scenario_override": (_I, [_P, _S, _S, _E]),
    "curtail_scenario_override_assign": (_I, [_P, _S, _E]),
    "curtail_scenario_variant_count": (_Z, [_P]),
    "curtail_scenario_variant_name": (_S, [_P, _Z]),
    "curtail_scenario_apply_variant": (_I, [_P, _S, _E]),
    "curtail_sweep_new": (_I, [_P, ctypes.POINTER(SweepOptions), ctypes.POINTER(_P), _E]),
    "curtail_sweep_free": (None, [_P]),
    "curtail_sweep_add_set": (_I, [_P, _S, _S, _E]),
    "curtail_sweep_add_set_assign": (_I, [_P, _S, _E]),
    "curtail_sweep_case_count": (_Z, [_P]),
    "curtail_sweep_run": (_I, [_P, _E]),
    "curtail_case_status_name": (_S, [_I]),
    "curtail_sweep_result_count": (_Z, [_P]),
    "curtail_sweep_result": (_I, [_P, _Z, ctypes.POINTER(SweepCase), _E]),
    "curtail_sweep_result_value": (_S, [_P, _Z, _Z]),
    "curtail_sweep_worst": (_I, [_P]),
    "curtail_sweep_write_buffer": (_I, [_P, ctypes.POINTER(SweepWriteOptions),
                                        ctypes.POINTER(ctypes.POINTER(ctypes.c_char)),
                                        ctypes.POINTER(_Z), _E]),
    "curtail_sweep_write_file": (_I, [_P, ctypes.POINTER(SweepWriteOptions), _S, _E]),
    "curtail_buffer_free": (None, [ctypes.POINTER(ctypes.c_char)]),
}


def _candidates():
    env = os.environ.get("CURTAIL_LIBRARY")
    if env:
        return [env]
    found = ctypes.util.find_library("curtail")
    names = [SONAME]
    if found:
        names.append(found)
    return names + ["libcurtail.so"]


def load_library():
    """The shared library: $CURTAIL_LIBRARY, else libcurtail.so.0.1 as the
    dynamic loader finds it."""
    errors = []
    for name in _candidates():
        try:
            lib = ctypes.CDLL(name)
        except OSError as e:
            errors.append(str(e))
            continue
        for fn, (res, args) in _PROTOTYPES.items():
            f = getattr(lib, fn)
            f.restype = res
            f.argtypes = args
        version = lib.curtail_version().decode()
        if tuple(int(x) for x in version.split(".")[:2]) != ABI:
            raise ImportError("%s is libcurtail %s; this binding needs %d.%d.x"
                              % (name, version, ABI[0], ABI[1]))
        return lib
    raise ImportError("cannot load libcurtail (set CURTAIL_LIBRARY to its path): "
                      + "; ".join(errors))
