/* SPDX-License-Identifier: GPL-3.0-or-later */
/* names.c — the words of the YAML schema and the enums they stand for. */
#include "names.h"

#include <string.h>

static const char *const pollutant_names[CU_NP] = {"SO2", "NOx", "PM", "VOCs"};
static const char *const level_names[CU_NL] = {"yellow", "orange", "red"};
static const char *const industry_names[CURTAIL_NINDUSTRIES] = {"coking", "chemical",
                                                                "boiler", "other"};
static const char *const kind_names[CURTAIL_NKINDS] = {
    "coke_oven", "byproduct", "coal_prep", "quenching", "reactor", "batch",
    "loading",   "storage",   "coating",   "other",     "boiler"};
static const char *const grade_names[CURTAIL_NGRADES] = {
    "A", "B", "B-", "C", "D", "leading", "non-leading", "none"};
static const char *const fuel_names[CURTAIL_NFUELS] = {"coal", "gas", "biomass", "oil",
                                                       "electric"};
static const char *const season_names[CURTAIL_NSEASONS] = {"heating", "ozone", "other"};
static const char *const guarantee_names[3] = {"none", "livelihood", "supply"};
static const char *const measure_keys[5] = {"none", "max_load", "cut", "coking_time_h",
                                            "stop"};

static const char *const transport_names[CURTAIL_NTRANSPORTS] = {
    "", "none", "no_china4_heavy", "no_china5_heavy", "no_road"};
static const char *const truck_class_names[CURTAIL_NTRUCK_CLASSES] = {
    "china4_and_below", "china5", "china6", "electric"};

static int lookup(const char *const *names, int n, const char *s)
{
    int i;
    if (!s)
        return -1;
    for (i = 0; i < n; i++)
        if (names[i][0] == s[0] && strcmp(names[i], s) == 0)
            return i;
    return -1;
}

static const char *name_of(const char *const *names, int n, int i)
{
    return (i >= 0 && i < n) ? names[i] : "?";
}

#define FROM_NAME(fn, type, names, n)                                                    \
    int fn(const char *name, type *out)                                                  \
    {                                                                                    \
        int i = lookup(names, n, name);                                                  \
        if (i < 0)                                                                       \
            return CURTAIL_EINVAL;                                                       \
        *out = (type)i;                                                                  \
        return CURTAIL_OK;                                                               \
    }

FROM_NAME(curtail_pollutant_from_name, curtail_pollutant, pollutant_names, CU_NP)
FROM_NAME(curtail_level_from_name, curtail_level, level_names, CU_NL)
FROM_NAME(curtail_industry_from_name, curtail_industry, industry_names, CURTAIL_NINDUSTRIES)
FROM_NAME(curtail_kind_from_name, curtail_kind, kind_names, CURTAIL_NKINDS)
FROM_NAME(curtail_grade_from_name, curtail_grade, grade_names, CURTAIL_NGRADES)
FROM_NAME(curtail_fuel_from_name, curtail_fuel, fuel_names, CURTAIL_NFUELS)
FROM_NAME(curtail_season_from_name, curtail_season, season_names, CURTAIL_NSEASONS)

int curtail_transport_from_name(const char *name, curtail_transport *out)
{
    /* "" names UNSET in writing only: it is not a code to give */
    int i = name && name[0] ? lookup(transport_names, CURTAIL_NTRANSPORTS, name) : -1;
    if (i < 0)
        return CURTAIL_EINVAL;
    *out = (curtail_transport)i;
    return CURTAIL_OK;
}

const char *curtail_transport_name(curtail_transport t)
{
    return (int)t >= 0 && t < CURTAIL_NTRANSPORTS ? transport_names[t] : "?";
}

const char *curtail_truck_class_name(curtail_truck_class c)
{
    return name_of(truck_class_names, CURTAIL_NTRUCK_CLASSES, (int)c);
}

const char *cu_transport_text(int t, int en)
{
    static const char *const zh[CURTAIL_NTRANSPORTS] = {
        "", "不采取运输管控措施", "停止使用国四及以下重型载货车辆（含燃气）进行运输",
        "停止使用国五及以下重型载货车辆（含燃气）进行运输", "停止公路运输"};
    static const char *const eng[CURTAIL_NTRANSPORTS] = {
        "", "no transport measure", "no heavy trucks of China IV or below (gas included)",
        "no heavy trucks of China V or below (gas included)", "no road transport"};
    if (t < 0 || t >= CURTAIL_NTRANSPORTS)
        t = 0;
    return en ? eng[t] : zh[t];
}

int cu_transport_bans(int t, int truck_class)
{
    switch (t) {
    case CURTAIL_TRANSPORT_NO_CHINA4_HEAVY:
        return truck_class == CURTAIL_TRUCK_CHINA4_AND_BELOW;
    case CURTAIL_TRANSPORT_NO_CHINA5_HEAVY:
        return truck_class == CURTAIL_TRUCK_CHINA4_AND_BELOW || truck_class == CURTAIL_TRUCK_CHINA5;
    case CURTAIL_TRANSPORT_NO_ROAD:
        return 1;
    default:
        return 0;
    }
}

int curtail_lang_from_name(const char *name, curtail_lang *out)
{
    static const char *const lang_names[2] = {"zh", "en"};
    int i = lookup(lang_names, 2, name);
    if (i < 0)
        return CURTAIL_EINVAL;
    *out = i == 0 ? CURTAIL_LANG_ZH : CURTAIL_LANG_EN;
    return CURTAIL_OK;
}

const char *curtail_pollutant_name(curtail_pollutant p) { return name_of(pollutant_names, CU_NP, (int)p); }
const char *curtail_level_name(curtail_level l) { return name_of(level_names, CU_NL, (int)l); }
const char *curtail_industry_name(curtail_industry i) { return name_of(industry_names, CURTAIL_NINDUSTRIES, (int)i); }
const char *curtail_kind_name(curtail_kind k) { return name_of(kind_names, CURTAIL_NKINDS, (int)k); }
const char *curtail_grade_name(curtail_grade g) { return name_of(grade_names, CURTAIL_NGRADES, (int)g); }
const char *curtail_fuel_name(curtail_fuel f) { return name_of(fuel_names, CURTAIL_NFUELS, (int)f); }
const char *curtail_season_name(curtail_season s) { return name_of(season_names, CURTAIL_NSEASONS, (int)s); }
const char *cu_guarantee_name(int g) { return name_of(guarantee_names, 3, g); }
const char *cu_measure_key(int m) { return name_of(measure_keys, 5, m); }

const char *cu_level_label(int level, int en, int alert)
{
    static const char *const labels[2][2][CU_NL] = {
        {{"黄色", "橙色", "红色"}, {"黄色预警", "橙色预警", "红色预警"}},
        {{"Yellow", "Orange", "Red"}, {"Yellow alert", "Orange alert", "Red alert"}}};
    return name_of(labels[en ? 1 : 0][alert ? 1 : 0], CU_NL, level);
}

int cu_kind_in_industry(int kind, int industry)
{
    switch (industry) {
    case CURTAIL_COKING:
        return kind == CURTAIL_KIND_COKE_OVEN || kind == CURTAIL_KIND_BYPRODUCT ||
               kind == CURTAIL_KIND_COAL_PREP || kind == CURTAIL_KIND_QUENCHING;
    case CURTAIL_CHEMICAL:
        return kind == CURTAIL_KIND_REACTOR || kind == CURTAIL_KIND_BATCH ||
               kind == CURTAIL_KIND_LOADING || kind == CURTAIL_KIND_STORAGE ||
               kind == CURTAIL_KIND_COATING || kind == CURTAIL_KIND_OTHER;
    case CURTAIL_BOILER_INDUSTRY:
        return kind == CURTAIL_KIND_BOILER;
    case CURTAIL_OTHER_INDUSTRY:
        return kind == CURTAIL_KIND_OTHER;
    default:
        return 0;
    }
}

int cu_kind_interruptible_default(int kind)
{
    return kind == CURTAIL_KIND_BATCH || kind == CURTAIL_KIND_LOADING ||
           kind == CURTAIL_KIND_COATING;
}

const char *curtail_version(void) { return CURTAIL_VERSION_STRING; }

/* ---- capacity units (capacity_unit) ---- */

const char *const cu_capu_names[CU_CAPU_COUNT] = {NULL, "t/d", "t/h", "m3/d", "m3/h"};

int cu_capu_from_name(const char *name)
{
    int i;
    for (i = 1; i < CU_CAPU_COUNT; i++)
        if (strcmp(name, cu_capu_names[i]) == 0)
            return i;
    return -1;
}

int cu_capu_resolve(int capu, int kind)
{
    if (capu > CU_CAPU_DEFAULT && capu < CU_CAPU_COUNT)
        return capu;
    return kind == CURTAIL_KIND_BOILER ? CU_CAPU_T_H : CU_CAPU_T_D;
}

const char *cu_capu_label(int capu, int en)
{
    static const char *const zh[CU_CAPU_COUNT] = {"吨/日", "吨/日", "吨/小时", "立方米/日",
                                                  "立方米/小时"};
    static const char *const eng[CU_CAPU_COUNT] = {"t/d", "t/d", "t/h", "m3/d", "m3/h"};
    if (capu < 0 || capu >= CU_CAPU_COUNT)
        capu = CU_CAPU_T_D;
    return en ? eng[capu] : zh[capu];
}

double cu_capu_amount(int capu, double per_day)
{
    return capu == CU_CAPU_T_H || capu == CU_CAPU_M3_H ? per_day / 24.0 : per_day;
}
