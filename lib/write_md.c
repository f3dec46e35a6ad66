/* write_md.c — a plan or a schedule as Markdown (SPEC §7). Chinese by
 * default, English with lang en. Numbers as in the CSV: loads 4 decimals,
 * kg and yuan 2 decimals.
 *
 * The title is the scenario's name; without one, the input file's name
 * (without its directory), else 应急减排清单 / Emergency reduction list.
 *
 * A plan: the title, a summary table per level (baseline, required,
 * achieved, shortfall and shadow price per pollutant, the shadow price in
 * weighted yuan as the objective; lost value; status), the list (一企一策)
 * with the CSV's columns in the CSV's order, and the warnings.
 *
 * A schedule: the title; status and objective; the horizon, the alerts as
 * runs of hours, and the ozone-window rule in the bureau's wording (10:00–
 * 18:00 停止涉VOCs工序); a summary table per segment (day × level, kg and yuan
 * over the segment's hours); then one table row per unit whose load differs
 * from its base load in some hour: its measure at each level of the episode
 * (with the window stop where it applies) and its load as runs of equal
 * hours, "2023-12-01 08:00–10:00 0.58；10:00–18:00 0（停止涉VOCs工序）；…".
 * In a run the date is written only when it changes, a run that ends at the
 * next midnight ends "24:00", a window stop is named (停止涉VOCs工序 / VOCs
 * processes stopped) and a load above the base load is marked as catch-up
 * (补产). Loads in runs have at most 4 decimals, trailing zeros dropped.
 * Units that run at base load throughout are counted, not listed. */
#include "write_text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Text inside a table cell or a list item: Markdown punctuation escaped,
 * line breaks turned into spaces so a row stays one line. */
static void put_text(cu_buf *b, const char *s)
{
    const char *p;
    if (!s)
        return;
    for (p = s; *p; p++) {
        if (*p == '\n' || *p == '\r')
            cu_buf_put(b, " ", 1);
        else if (strchr("\\|*_`<>[]~", *p)) {
            cu_buf_put(b, "\\", 1);
            cu_buf_put(b, p, 1);
        } else
            cu_buf_put(b, p, 1);
    }
}

/* "Status: …; lost value …; weighted loss …." and the table of targets; `per`
 * is the unit of time of the amounts: per day (plan) or over a segment. */
static void put_results(cu_buf *b, int status, double lost, double weighted,
                        const curtail_target *targets, int en, int per_day)
{
    int p;
    cu_buf_puts(b, en ? "Status: " : "状态：");
    if (status == CURTAIL_TARGETS_UNMET)
        cu_buf_puts(b, en ? "targets not met" : "目标未达成");
    else
        cu_buf_puts(b, en ? "targets met" : "目标达成");
    cu_buf_puts(b, en ? "; lost value " : "；损失产值 ");
    cu_put_fixed(b, lost, 2);
    if (per_day)
        cu_buf_puts(b, en ? " yuan/d; weighted loss " : " 元/日；加权损失 ");
    else
        cu_buf_puts(b, en ? " yuan; weighted loss " : " 元；加权损失 ");
    cu_put_fixed(b, weighted, 2);
    if (per_day) {
        cu_buf_puts(b, en ? " yuan/d.\n\n" : " 元/日。\n\n");
        cu_buf_puts(b, en ? "| Pollutant | Baseline (kg/d) | Required (kg/d) | Achieved (kg/d) "
                            "| Shortfall (kg/d) | Shadow price (weighted yuan per kg/d) |\n"
                          : "| 污染物 | 基准排放量 (kg/d) | 减排要求 (kg/d) | 实际减排量 (kg/d) "
                            "| 缺口 (kg/d) | 影子价格 (加权元/(kg/d)) |\n");
    } else {
        cu_buf_puts(b, en ? " yuan.\n\n" : " 元。\n\n");
        cu_buf_puts(b, en ? "| Pollutant | Baseline (kg) | Required (kg) | Achieved (kg) "
                            "| Shortfall (kg) | Shadow price (weighted yuan per kg) |\n"
                          : "| 污染物 | 基准排放量 (kg) | 减排要求 (kg) | 实际减排量 (kg) "
                            "| 缺口 (kg) | 影子价格 (加权元/kg) |\n");
    }
    cu_buf_puts(b, "|---|---:|---:|---:|---:|---:|\n");
    for (p = 0; p < CU_NP; p++) {
        const curtail_target *t = &targets[p];
        cu_buf_printf(b, "| %s | ", en ? curtail_pollutant_name((curtail_pollutant)p)
                                       : cu_pollutant_zh[p]);
        cu_put_fixed(b, t->baseline, 2);
        cu_buf_puts(b, " | ");
        cu_put_fixed(b, t->required, 2);
        cu_buf_puts(b, " | ");
        cu_put_fixed(b, t->achieved, 2);
        cu_buf_puts(b, " | ");
        cu_put_fixed(b, t->shortfall, 2);
        cu_buf_puts(b, " | ");
        cu_put_fixed(b, t->shadow_price, 2);
        cu_buf_puts(b, " |\n");
    }
    cu_buf_puts(b, "\n");
}

static void put_summary(cu_buf *b, const curtail_level_result *lr, int level, int en)
{
    if (en)
        cu_buf_printf(b, "### %s alert\n\n", cu_level_en[level]);
    else
        cu_buf_printf(b, "### %s预警\n\n", cu_level_zh[level]);
    put_results(b, (int)lr->status, lr->lost_value, lr->weighted_loss, lr->targets, en, 1);
}

/* The list: the CSV's columns in the CSV's order (write_text.h), text cells
 * escaped, numbers right-aligned. */
static int put_list(cu_buf *b, const curtail_result *r, int lang)
{
    size_t u, i, n = curtail_result_unit_count(r);
    int en = lang == CURTAIL_LANG_EN;
    int rc = CURTAIL_OK;
    cu_buf cell;
    cu_buf_init(&cell, b->mem);
    cu_buf_puts(b, en ? "## List (one enterprise, one policy)\n\n"
                      : "## 一企一策清单\n\n");
    for (i = 0; i < CU_LIST_NCOLS; i++) {
        cell.len = 0;
        cu_list_header(&cell, cu_list_column(i), en);
        if (cell.failed)
            b->failed = 1;
        cu_buf_puts(b, i ? " | " : "| ");
        put_text(b, cell.failed ? NULL : cell.data);
    }
    cu_buf_puts(b, " |\n");
    for (i = 0; i < CU_LIST_NCOLS; i++)
        cu_buf_puts(b, cu_list_col_is_text(cu_list_column(i)) ? "|---" : "|---:");
    cu_buf_puts(b, "|\n");
    for (u = 0; u < n && !b->failed; u++) {
        cu_list_row row;
        rc = cu_list_row_init(r, u, &row);
        if (rc != CURTAIL_OK)
            break;
        for (i = 0; i < CU_LIST_NCOLS; i++) {
            cu_list_col c = cu_list_column(i);
            cu_buf_puts(b, i ? " | " : "| ");
            if (!cu_list_col_is_text(c)) {
                cu_list_cell(b, r, &row, c, lang);
                continue;
            }
            cell.len = 0;
            cu_list_cell(&cell, r, &row, c, lang);
            if (cell.failed)
                b->failed = 1;
            else if (cell.len)
                put_text(b, cell.data);
        }
        cu_buf_puts(b, " |\n");
    }
    cu_buf_puts(b, "\n");
    cu_buf_free(&cell);
    return rc;
}

/* ---- schedule ------------------------------------------------------------------------------- */

/* A span of hours [t0, t1) as "YYYY-MM-DD HH:MM–HH:MM": the date only when it
 * is not the one written last (*last_day), an end at the next midnight as
 * "24:00", an end on a later day with its date. */
static void put_span(cu_buf *b, const curtail_result *r, size_t t0, size_t t1,
                     int64_t *last_day)
{
    int64_t from = r->start + 60 * (int64_t)t0, to = r->start + 60 * (int64_t)t1;
    int64_t dfrom = from / 1440 - (from % 1440 < 0), dto = to / 1440 - (to % 1440 < 0);
    char day[16], clock[8];
    if (dfrom != *last_day) {
        cu_format_day(dfrom, day, sizeof day);
        cu_buf_printf(b, "%s ", day);
    }
    cu_format_clock((int)(from - dfrom * 1440), clock, sizeof clock);
    cu_buf_printf(b, "%s–", clock);
    if (dto == dfrom + 1 && to == dto * 1440) {
        cu_buf_puts(b, "24:00");
        *last_day = dfrom;
        return;
    }
    if (dto != dfrom) {
        cu_format_day(dto, day, sizeof day);
        cu_buf_printf(b, "%s ", day);
    }
    cu_format_clock((int)(to - dto * 1440), clock, sizeof clock);
    cu_buf_puts(b, clock);
    *last_day = dto;
}

static void put_episode_summary(cu_buf *b, const curtail_result *r, int en)
{
    const cu_episode *ep = &r->s->episode;
    size_t t, t0, hours = curtail_result_hour_count(r);
    int64_t last_day = INT64_MIN;
    int any = 0, L;
    cu_buf_puts(b, en ? "Episode: " : "应急时段：");
    put_span(b, r, 0, hours, &last_day);
    cu_buf_printf(b, en ? " (%zu h).\n\n" : "（共 %zu 小时）。\n\n", hours);
    cu_buf_puts(b, en ? "Alerts: " : "预警：");
    for (t0 = 0; t0 < hours; t0 = t) {
        int level = curtail_result_hour_level(r, t0);
        for (t = t0 + 1; t < hours && curtail_result_hour_level(r, t) == level; t++)
            ;
        if (level < 0)
            continue;
        cu_buf_puts(b, any ? (en ? "; " : "；") : "");
        last_day = INT64_MIN; /* each alert with its dates */
        put_span(b, r, t0, t, &last_day);
        cu_buf_printf(b, " %s", en ? cu_level_en[level] : cu_level_zh[level]);
        any = 1;
    }
    if (!any)
        cu_buf_puts(b, en ? "none in the horizon" : "无");
    cu_buf_puts(b, en ? ".\n\n" : "。\n\n");
    if (!ep->has_ozone)
        return;
    /* ozone-window stops in the bureau's wording */
    {
        char from[8], to[8];
        cu_format_clock(ep->window_from, from, sizeof from);
        cu_format_clock(ep->window_to, to, sizeof to);
        cu_buf_puts(b, en ? "Ozone window: at " : "臭氧错峰：");
        for (L = 0, any = 0; L < CU_NL; L++)
            if (ep->ozone_levels & (1u << L)) {
                if (en)
                    cu_buf_printf(b, "%s%s", any ? ", " : "", cu_level_en[L]);
                else
                    cu_buf_printf(b, "%s%s", any ? "、" : "", cu_level_zh[L]);
                any = 1;
            }
        if (en)
            cu_buf_printf(b, " alerts, VOCs processes stopped %s–%s (interruptible units "
                             "emitting VOCs; grades A and leading and guarantee units exempt); "
                             "the other hours of the same day and level may make up output.\n\n",
                          from, to);
        else
            cu_buf_printf(b, "预警期间 %s–%s 停止涉VOCs工序（可中断的涉VOCs生产单元；A级、"
                             "引领性及保障类企业除外），当日同级别其余时段可补产。\n\n",
                          from, to);
    }
}

/* The hours of one level that fall in an ozone window. */
static int level_has_window(const curtail_result *r, int level)
{
    size_t t, hours = curtail_result_hour_count(r);
    for (t = 0; t < hours; t++)
        if (curtail_result_hour_level(r, t) == level && cu_hour_in_window(r, t))
            return 1;
    return 0;
}

static int level_present(const curtail_result *r, int level)
{
    size_t t, hours = curtail_result_hour_count(r);
    for (t = 0; t < hours; t++)
        if (curtail_result_hour_level(r, t) == level)
            return 1;
    return 0;
}

/* The unit's measure at each level of the episode, with the ozone stop. */
static void put_unit_measures(cu_buf *b, const curtail_result *r, size_t u, int lang,
                              const int present[CU_NL], const int window[CU_NL])
{
    const cu_episode *ep = &r->s->episode;
    int en = lang == CURTAIL_LANG_EN, L, any = 0;
    for (L = 0; L < CU_NL; L++) {
        const cu_unit_level *ul = &r->groups->ul[u * CU_NL + (size_t)L];
        cu_buf text;
        if (!present[L])
            continue;
        cu_buf_puts(b, any ? (en ? "; " : "；") : "");
        cu_buf_printf(b, "%s%s", en ? cu_level_en[L] : cu_level_zh[L], en ? ": " : "：");
        cu_buf_init(&text, b->mem);
        cu_measure_text(r, u, L, lang, &text);
        if (text.failed)
            b->failed = 1;
        else
            put_text(b, text.data);
        cu_buf_free(&text);
        if (window[L] && ul->measure != CURTAIL_MEASURE_STOP &&
            cu_unit_ozone_stopped(r->s, u)) {
            char from[8], to[8];
            cu_format_clock(ep->window_from, from, sizeof from);
            cu_format_clock(ep->window_to, to, sizeof to);
            if (en)
                cu_buf_printf(b, ", VOCs processes stopped %s–%s", from, to);
            else
                cu_buf_printf(b, "，%s–%s 停止涉VOCs工序", from, to);
        }
        any = 1;
    }
}

/* What a run of hours is, besides its load: 1 an ozone-window stop, 2 a
 * catch-up above the base load, 0 neither. */
static int hour_note(const curtail_result *r, size_t u, size_t t, double load, double base)
{
    int level = curtail_result_hour_level(r, t);
    if (level >= 0 && load == 0.0 && cu_hour_in_window(r, t) && cu_unit_ozone_stopped(r->s, u) &&
        r->groups->ul[u * CU_NL + (size_t)level].measure != CURTAIL_MEASURE_STOP)
        return 1;
    return load > base + 1e-9 ? 2 : 0;
}

/* The unit's loads as runs of equal hours: "2023-12-01 08:00–10:00 0.58；…". */
static void put_load_runs(cu_buf *b, const curtail_result *r, size_t u, const double *load,
                          double base, int en)
{
    size_t t, t0, hours = curtail_result_hour_count(r);
    int64_t last_day = INT64_MIN;
    for (t0 = 0; t0 < hours; t0 = t) {
        int note = hour_note(r, u, t0, load[t0], base);
        for (t = t0 + 1; t < hours && load[t] == load[t0] &&
                         hour_note(r, u, t, load[t], base) == note;
             t++)
            ;
        if (t0 > 0)
            cu_buf_puts(b, en ? "; " : "；");
        put_span(b, r, t0, t, &last_day);
        cu_buf_puts(b, " ");
        cu_put_trimmed(b, load[t0], 4);
        if (note == 1)
            cu_buf_puts(b, en ? " (VOCs processes stopped)" : "（停止涉VOCs工序）");
        else if (note == 2)
            cu_buf_puts(b, en ? " (catch-up)" : "（补产）");
    }
}

static int put_schedule_loads(cu_buf *b, const curtail_result *r, int lang)
{
    const curtail_scenario *s = r->s;
    size_t u, t, hours = curtail_result_hour_count(r), same = 0;
    int en = lang == CURTAIL_LANG_EN, present[CU_NL], window[CU_NL], L, header = 0;
    for (L = 0; L < CU_NL; L++) {
        present[L] = level_present(r, L);
        window[L] = present[L] && level_has_window(r, L);
    }
    cu_buf_puts(b, en ? "## Hourly loads\n\n" : "## 逐时负荷\n\n");
    for (u = 0; u < s->nunits && !b->failed; u++) {
        const cu_unit *unit = &s->units[u];
        const cu_enterprise *e = &s->ents[unit->enterprise];
        const double *load = curtail_result_unit_loads(r, u);
        double base;
        if (!load)
            return CURTAIL_EINVAL;
        base = r->groups->b[r->groups->unit_group[u]];
        for (t = 0; t < hours && fabs(load[t] - base) <= 1e-9; t++)
            ;
        if (t == hours) {
            same++;
            continue;
        }
        if (!header) {
            cu_buf_puts(b, en ? "| No. | Enterprise | Unit | Base load | Measures "
                                "| Load by hour |\n"
                              : "| 序号 | 企业名称 | 生产单元 | 基准负荷 | 措施 | 逐时负荷 |\n");
            cu_buf_puts(b, "|---:|---|---|---:|---|---|\n");
            header = 1;
        }
        cu_buf_printf(b, "| %zu | ", u + 1);
        put_text(b, e->name ? e->name : e->id);
        cu_buf_puts(b, " | ");
        put_text(b, unit->name ? unit->name : unit->id);
        cu_buf_puts(b, " | ");
        cu_put_trimmed(b, base, 4);
        cu_buf_puts(b, " | ");
        put_unit_measures(b, r, u, lang, present, window);
        cu_buf_puts(b, " | ");
        put_load_runs(b, r, u, load, base, en);
        cu_buf_puts(b, " |\n");
    }
    if (header)
        cu_buf_puts(b, "\n");
    if (same == s->nunits)
        cu_buf_puts(b, en ? "Every unit runs at its base load throughout.\n\n"
                          : "所有生产单元全程按基准负荷运行。\n\n");
    else if (same == 1)
        cu_buf_puts(b, en ? "Loads are fractions of capacity. The other unit runs at base load "
                            "throughout.\n\n"
                          : "负荷为产能的比例。其余 1 个生产单元全程按基准负荷运行。\n\n");
    else if (same > 0)
        cu_buf_printf(b, en ? "Loads are fractions of capacity. The other %zu units run at base "
                              "load throughout.\n\n"
                            : "负荷为产能的比例。其余 %zu 个生产单元全程按基准负荷运行。\n\n",
                      same);
    else
        cu_buf_puts(b, en ? "Loads are fractions of capacity.\n\n" : "负荷为产能的比例。\n\n");
    return CURTAIL_OK;
}

static int write_schedule(const curtail_result *r, int lang, cu_buf *out)
{
    int en = lang == CURTAIL_LANG_EN;
    size_t k, nseg = curtail_result_segment_count(r);
    int rc;
    cu_buf_puts(out, en ? "Status: " : "状态：");
    if (curtail_result_status(r) == CURTAIL_TARGETS_UNMET)
        cu_buf_puts(out, en ? "targets not met (smallest shortfall)"
                            : "减排目标未全部达成（缺口已最小化）");
    else
        cu_buf_puts(out, en ? "all targets met" : "减排目标全部达成");
    cu_buf_puts(out, en ? "; objective (weighted loss over the episode) "
                        : "；目标函数（应急期间加权损失合计）");
    cu_put_fixed(out, curtail_result_objective(r), 2);
    cu_buf_puts(out, en ? " yuan.\n\n" : " 元。\n\n");
    put_episode_summary(out, r, en);
    cu_buf_puts(out, en ? "## Targets and results by segment (day and level)\n\n"
                        : "## 分时段减排目标与结果（按日、按预警级别）\n\n");
    if (nseg == 0)
        cu_buf_puts(out, en ? "No hour of the horizon is under an alert.\n\n"
                            : "应急时段内没有预警小时。\n\n");
    for (k = 0; k < nseg; k++) {
        curtail_segment_result sg;
        rc = curtail_result_segment(r, k, &sg, NULL);
        if (rc != CURTAIL_OK)
            return rc;
        if (en)
            cu_buf_printf(out, "### %s, %s alert (%d h)\n\n", sg.day, cu_level_en[sg.level],
                          sg.hours);
        else
            cu_buf_printf(out, "### %s %s预警（%d 小时）\n\n", sg.day, cu_level_zh[sg.level],
                          sg.hours);
        put_results(out, (int)sg.status, sg.lost_value, sg.weighted_loss, sg.targets, en, 0);
    }
    return put_schedule_loads(out, r, lang);
}

static void put_warnings(cu_buf *out, const curtail_result *r, int en)
{
    size_t i, nw = curtail_result_warning_count(r);
    if (nw)
        cu_buf_puts(out, en ? "## Warnings\n\n" : "## 提示\n\n");
    for (i = 0; i < nw; i++) {
        cu_buf_puts(out, "- ");
        put_text(out, curtail_result_warning_text(r, i, en ? CURTAIL_LANG_EN : CURTAIL_LANG_ZH));
        cu_buf_puts(out, "\n");
    }
    if (nw)
        cu_buf_puts(out, "\n");
}

/* "# name": the scenario's name, else the input file's base name (not for
 * standard input or a builder scenario), else a generic title. */
static void put_title(cu_buf *out, const curtail_scenario *s, int en)
{
    const char *name = curtail_scenario_name(s);
    cu_buf_puts(out, "# ");
    if (!name || !name[0]) {
        const char *file = s->file ? s->file : "", *slash = strrchr(file, '/');
        name = slash ? slash + 1 : file;
        if (strcmp(file, "<stdin>") == 0 || strcmp(file, "-") == 0)
            name = "";
    }
    if (name[0])
        put_text(out, name);
    else
        cu_buf_puts(out, en ? "Emergency reduction list" : "应急减排清单");
    cu_buf_puts(out, "\n\n");
}

int cu_write_md(const curtail_result *r, const curtail_write_options *o, cu_buf *out)
{
    int lang = cu_write_lang(r, o);
    int en = lang == CURTAIL_LANG_EN;
    int level, rc;
    put_title(out, r->s, en);
    if (r->kind == 1) {
        rc = write_schedule(r, lang, out);
        if (rc != CURTAIL_OK)
            return rc;
    } else {
        cu_buf_puts(out, en ? "Status: " : "状态：");
        if (curtail_result_status(r) == CURTAIL_TARGETS_UNMET)
            cu_buf_puts(out, en ? "targets not met (smallest shortfall)"
                                : "减排目标未全部达成（缺口已最小化）");
        else
            cu_buf_puts(out, en ? "all targets met" : "减排目标全部达成");
        cu_buf_puts(out, en ? "; objective (weighted loss over the three levels) "
                            : "；目标函数（三级加权损失合计）");
        cu_put_fixed(out, curtail_result_objective(r), 2);
        cu_buf_puts(out, en ? " yuan/d.\n\n## Targets and results\n\n"
                            : " 元/日。\n\n## 减排目标与结果\n\n");
        for (level = 0; level < CU_NL; level++) {
            curtail_level_result lr;
            rc = curtail_result_level(r, (curtail_level)level, &lr, NULL);
            if (rc != CURTAIL_OK)
                return rc;
            put_summary(out, &lr, level, en);
        }
        rc = put_list(out, r, lang);
        if (rc != CURTAIL_OK)
            return rc;
    }
    put_warnings(out, r, en);
    /* no blank line at the very end: exactly one trailing newline */
    if (out->len >= 2 && out->data[out->len - 1] == '\n' && out->data[out->len - 2] == '\n')
        out->data[--out->len] = '\0';
    return out->failed ? CURTAIL_ENOMEM : CURTAIL_OK;
}
