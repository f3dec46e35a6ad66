/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_write.c — the output writers: JSON, CSV and Markdown against golden
 * files, the measure texts, and the atomic file writer.
 *
 * The golden scenario tests/data/golden/plan.yaml is small enough to check
 * every number of plan.json by hand:
 *
 *   groups  G1 = oven1 + chem (leader oven1), G2 = r1, G3 = coat, G4 = b1
 *   grades  hengxiang B, wet 5.5 m oven → C (chem, its follower, too), weight 2;
 *           dongfang D, weight 1; reli guarantee (pinned at base load 0.75)
 *   V       G1 300·1000 = 300000; G2 500·200 = 100000; G3 400·50 = 20000; G4 96000
 *   E       G1 SO2 100, NOx 600, PM 40, VOCs 1000+400 = 1400
 *           G2 SO2 100, NOx 200, PM 20, VOCs 400;  G3 VOCs 200
 *           G4 SO2 192, NOx 480, PM 48 (at load 1; base 0.75)
 *   B[p]    SO2 100+100+144 = 344; NOx 600+200+360+40 fixed = 1200;
 *           PM 40+20+36 = 96; VOCs 1400+400+200 = 2000
 *   bounds  G1: hi 18/36 = 0.5 (yellow), 18/48 = 0.375 (orange, red); lo =
 *           18/72 = 0.25 (the longest coking time): chem follows the oven's
 *           effective grade C, which is in extra.grades, so G1 is not pinned
 *           G2: cut 20/30/50 % → hi 0.8/0.7/0.5, lo 0; G3 stop: 0; G4 0.75
 *   yellow  rules only: SO2 50+20 = 70 ≥ 34.4, NOx 300+40 = 340 ≥ 120,
 *           PM 20+4 = 24 ≥ 9.6, VOCs 700+80+200 = 980 ≥ 200
 *           loss 2·150000 + 20000 + 20000 = 340000, lost value 190000
 *   orange  rules only: SO2 62.5+30 = 92.5 ≥ 68.8, NOx 375+60 = 435 ≥ 240,
 *           PM 25+6 = 31 ≥ 19.2, VOCs 875+120+200 = 1195 ≥ 400
 *           loss 2·187500 + 30000 + 20000 = 425000, lost value 237500
 *   red     rules give NOx 375+100 = 475 < 0.45·1200 = 540: 65 kg/d more.
 *           r1 gives it cheapest (100000/200 = 500 weighted yuan per kg/d,
 *           the oven 2·300000/600 = 1000 down to its lo 0.25): r1 goes
 *           from 0.5 to 0.5 − 65/200 = 0.175; shadow price 500.
 *           SO2 62.5+82.5 = 145 ≥ 103.2, PM 25+16.5 = 41.5 ≥ 28.8,
 *           VOCs 875+330+200 = 1405 ≥ 600
 *           loss 2·187500 + 82500 + 20000 = 477500, lost value 290000
 *   objective 340000 + 425000 + 477500 = 1242500
 */
#define _POSIX_C_SOURCE 200809L
#include "curtail.h"
#include "internal.h"
#include "measure_words.h"
#include "episode.h" /* white-box: the modules' private headers */
#include "policy.h"
#include "result.h"
#include "rule_schema.h"
#include "solve.h"
#include "timeutil.h"
#include "write.h"
#include "testutil.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define GOLDEN CURTAIL_TEST_DATA "/golden/"

/* ---- helpers ------------------------------------------------------------------ */

static curtail_scenario *load_golden_mem(const char *name, const curtail_mem *mem)
{
    curtail_load_options lo = CURTAIL_LOAD_OPTIONS_INIT;
    curtail_scenario *s = NULL;
    curtail_error err;
    char path[1024];
    size_t len;
    char *text;
    int rc;
    snprintf(path, sizeof path, GOLDEN "%s", name);
    text = tu_read_file(path, &len);
    ck_assert_msg(text != NULL, "cannot read %s", path);
    lo.mem = mem;
    memset(&err, 0, sizeof err);
    /* named without its directory, so warnings read as in the golden files */
    rc = curtail_scenario_load_buffer(&s, text, len, name, &lo, &err);
    free(text);
    ck_assert_msg(rc == CURTAIL_OK, "load %s failed (%d): %s:%d:%d: %s: %s", name, rc, err.file,
                  err.line, err.column, err.path, err.message);
    return s;
}

static curtail_scenario *load_golden(const char *name)
{
    return load_golden_mem(name, NULL);
}

static curtail_result *solve(const curtail_scenario *s)
{
    curtail_result *r = NULL;
    curtail_error err;
    int rc;
    memset(&err, 0, sizeof err);
    rc = curtail_plan_solve(s, NULL, &r, &err);
    ck_assert_msg(rc == CURTAIL_OK, "solve failed (%d): %s", rc, err.message);
    return r;
}

static curtail_result *solve_schedule(const curtail_scenario *s)
{
    curtail_result *r = NULL;
    curtail_error err;
    int rc;
    memset(&err, 0, sizeof err);
    rc = curtail_schedule_solve(s, NULL, &r, &err);
    ck_assert_msg(rc == CURTAIL_OK, "schedule failed (%d): %s", rc, err.message);
    return r;
}

/* Write r to a fresh file with the public API and read it back. */
static char *render(const curtail_result *r, curtail_format format, curtail_lang lang, int bom,
                    size_t *len)
{
    curtail_write_options o = CURTAIL_WRITE_OPTIONS_INIT;
    curtail_error err;
    char *dir = tu_tmpdir();
    char path[1024];
    char *out;
    int rc;
    ck_assert_ptr_nonnull(dir);
    snprintf(path, sizeof path, "%s/out", dir);
    o.format = format;
    o.lang = lang;
    o.bom = bom;
    memset(&err, 0, sizeof err);
    rc = curtail_result_write_file(r, &o, path, &err);
    ck_assert_msg(rc == CURTAIL_OK, "write failed (%d): %s", rc, err.message);
    out = tu_read_file(path, len);
    ck_assert_ptr_nonnull(out);
    unlink(path);
    rmdir(dir);
    free(dir);
    return out;
}

/* Byte-exact comparison, reporting the first differing line. */
static void assert_same(const char *got, size_t got_len, const char *want, size_t want_len,
                        const char *what)
{
    size_t i = 0, line = 1, start = 0;
    if (got_len == want_len && memcmp(got, want, got_len) == 0)
        return;
    while (i < got_len && i < want_len && got[i] == want[i]) {
        if (got[i] == '\n') {
            line++;
            start = i + 1;
        }
        i++;
    }
    ck_abort_msg("%s differs at line %zu:\n got: %.200s\nwant: %.200s", what, line,
                 got + start, want + start);
}

static void assert_golden(const char *got, size_t got_len, const char *golden,
                          const char *prefix)
{
    char path[1024];
    size_t want_len, plen = strlen(prefix);
    char *want, *full;
    snprintf(path, sizeof path, GOLDEN "%s", golden);
    want = tu_read_file(path, &want_len);
    ck_assert_msg(want != NULL, "cannot read %s", path);
    full = malloc(plen + want_len + 1);
    ck_assert_ptr_nonnull(full);
    memcpy(full, prefix, plen);
    memcpy(full + plen, want, want_len + 1);
    assert_same(got, got_len, full, plen + want_len, golden);
    free(full);
    free(want);
}

static void check_golden(curtail_format format, curtail_lang lang, int bom, const char *golden)
{
    curtail_scenario *s = load_golden("plan.yaml");
    curtail_result *r = solve(s);
    size_t len;
    char *out = render(r, format, lang, bom, &len);
    assert_golden(out, len, golden, bom ? "\xEF\xBB\xBF" : "");
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
}

/* A scenario from YAML text, loaded as `name`. */
/* The fields of one CSV line (RFC 4180 quotes undone), at most max. */
static size_t csv_fields(const char *line, char fields[][1024], size_t max)
{
    size_t n = 0, k = 0;
    int quoted = 0;
    const char *p = line;
    if (!*p)
        return 0;
    for (;; p++) {
        if (quoted) {
            if (*p == '"' && p[1] == '"') {
                fields[n][k++] = '"';
                p++;
            } else if (*p == '"')
                quoted = 0;
            else
                fields[n][k++] = *p;
        } else if (*p == '"')
            quoted = 1;
        else if (*p == ',' || *p == '\n' || *p == '\0') {
            fields[n][k] = '\0';
            n++;
            k = 0;
            if (*p != ',' || n == max)
                break;
        } else
            fields[n][k++] = *p;
        ck_assert_uint_lt(k, 1023);
    }
    return n;
}

/* The cells of one Markdown table row "| a | b |", backslash escapes undone
 * (no cell holds an escaped bar). */
static size_t md_cells(const char *line, char cells[][1024], size_t max)
{
    size_t n = 0;
    const char *p = line, *end;
    ck_assert_msg(strncmp(p, "| ", 2) == 0, "not a table row: %.80s", line);
    p += 2;
    while (n < max && (end = strstr(p, " |")) != NULL && end < strchr(line, '\n')) {
        size_t k = (size_t)(end - p);
        ck_assert_uint_lt(k, 1024);
        {
            size_t i, j = 0;
            for (i = 0; i < k; i++) {
                if (p[i] == '\\' && i + 1 < k)
                    i++;
                cells[n][j++] = p[i];
            }
            cells[n][j] = '\0';
        }
        n++;
        p = end + 2;
        if (*p == '\n')
            break;
        p++; /* the space after the bar */
    }
    return n;
}

static char *measure_text(const curtail_result *r, size_t unit, int level, int lang)
{
    cu_buf b;
    char *s;
    cu_buf_init(&b, NULL);
    cu_measure_text(r, unit, level, lang, &b);
    ck_assert(!b.failed);
    s = strdup(b.data ? b.data : "");
    cu_buf_free(&b);
    return s;
}

static void assert_text(const curtail_result *r, size_t unit, int level, const char *zh,
                        const char *en)
{
    char *got = measure_text(r, unit, level, CURTAIL_LANG_ZH);
    ck_assert_msg(strcmp(got, zh) == 0, "unit %zu level %d zh: got \"%s\", want \"%s\"", unit,
                  level, got, zh);
    free(got);
    got = measure_text(r, unit, level, CURTAIL_LANG_EN);
    ck_assert_msg(strcmp(got, en) == 0, "unit %zu level %d en: got \"%s\", want \"%s\"", unit,
                  level, got, en);
    free(got);
}

static size_t count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0;
    ck_assert_ptr_nonnull(d);
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

/* ---- core: golden outputs ------------------------------------------------------ */

START_TEST(test_write_json_golden)
{
    check_golden(CURTAIL_FORMAT_JSON, CURTAIL_LANG_DEFAULT, 0, "plan.json");
}
END_TEST

START_TEST(test_write_csv_zh_golden)
{
    check_golden(CURTAIL_FORMAT_CSV, CURTAIL_LANG_DEFAULT, 0, "plan.zh.csv");
    check_golden(CURTAIL_FORMAT_CSV, CURTAIL_LANG_ZH, 0, "plan.zh.csv");
}
END_TEST

START_TEST(test_write_csv_zh_bom_golden)
{
    check_golden(CURTAIL_FORMAT_CSV, CURTAIL_LANG_ZH, 1, "plan.zh.csv");
}
END_TEST

START_TEST(test_write_csv_en_golden)
{
    check_golden(CURTAIL_FORMAT_CSV, CURTAIL_LANG_EN, 0, "plan.en.csv");
}
END_TEST

START_TEST(test_write_csv_en_bom_golden)
{
    check_golden(CURTAIL_FORMAT_CSV, CURTAIL_LANG_EN, 1, "plan.en.csv");
}
END_TEST

START_TEST(test_write_md_zh_golden)
{
    check_golden(CURTAIL_FORMAT_MD, CURTAIL_LANG_DEFAULT, 0, "plan.zh.md");
}
END_TEST

START_TEST(test_write_md_en_golden)
{
    check_golden(CURTAIL_FORMAT_MD, CURTAIL_LANG_EN, 0, "plan.en.md");
}
END_TEST

/* The BOM only ever starts a CSV; JSON and Markdown ignore the flag. */
START_TEST(test_write_bom_only_csv)
{
    check_golden(CURTAIL_FORMAT_JSON, CURTAIL_LANG_DEFAULT, 0, "plan.json");
    {
        curtail_scenario *s = load_golden("plan.yaml");
        curtail_result *r = solve(s);
        size_t len;
        char *out = render(r, CURTAIL_FORMAT_JSON, CURTAIL_LANG_DEFAULT, 1, &len);
        assert_golden(out, len, "plan.json", "");
        free(out);
        curtail_result_free(r);
        curtail_scenario_free(s);
    }
}
END_TEST

/* The stream writer gives the same bytes as the file writer. */
START_TEST(test_write_stream_same_bytes)
{
    curtail_scenario *s = load_golden("plan.yaml");
    curtail_result *r = solve(s);
    curtail_write_options o = CURTAIL_WRITE_OPTIONS_INIT;
    curtail_error err;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(f);
    o.format = CURTAIL_FORMAT_CSV;
    ck_assert_int_eq(curtail_result_write_stream(r, &o, f, &err), CURTAIL_OK);
    fclose(f);
    assert_golden(buf, len, "plan.zh.csv", "");
    free(buf);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* ---- core: schedules ------------------------------------------------------------- */

/* The golden episode (tests/data/golden/schedule.yaml, numbers derived in
 * its header) in every format and language; tests/check_cli.c checks the
 * same files through the command line. */
START_TEST(test_write_schedule_golden)
{
    static const struct {
        curtail_format format;
        curtail_lang lang;
        int bom;
        const char *golden;
    } cases[] = {
        {CURTAIL_FORMAT_JSON, CURTAIL_LANG_DEFAULT, 0, "schedule.json"},
        {CURTAIL_FORMAT_JSON, CURTAIL_LANG_EN, 1, "schedule.en.json"},
        {CURTAIL_FORMAT_CSV, CURTAIL_LANG_DEFAULT, 0, "schedule.zh.csv"},
        {CURTAIL_FORMAT_CSV, CURTAIL_LANG_ZH, 1, "schedule.zh.csv"},
        {CURTAIL_FORMAT_CSV, CURTAIL_LANG_EN, 0, "schedule.en.csv"},
        {CURTAIL_FORMAT_MD, CURTAIL_LANG_DEFAULT, 0, "schedule.zh.md"},
        {CURTAIL_FORMAT_MD, CURTAIL_LANG_EN, 0, "schedule.en.md"},
    };
    curtail_scenario *s = load_golden("schedule.yaml");
    curtail_result *r = solve_schedule(s);
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len;
        char *out = render(r, cases[i].format, cases[i].lang, cases[i].bom, &len);
        int bom = cases[i].bom && cases[i].format == CURTAIL_FORMAT_CSV;
        assert_golden(out, len, cases[i].golden, bom ? "\xEF\xBB\xBF" : "");
        free(out);
    }
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* Load runs in Markdown: full dates at both ends of every run, each with
 * what its hours require; the alert period apart from the horizon. The batch
 * unit (base 0.5, no target) keeps its list load 0.5 at yellow; the window
 * 12:00–14:00 (W = 2 of H = 24) moves its output to the other hours:
 * min(0.8, 0.5·24/22) = 0.545454…, written 54.54% (rounded down). */
START_TEST(test_write_schedule_md_runs)
{
    static const char yaml[] =
        "curtail: 1\n"
        "builtin_policy: false\n"
        "targets: {ratios: {yellow: {VOCs: 0}}}\n"
        "policy:\n"
        "  - {industry: chemical, kind: batch, grades: [D], levels: [yellow], max_load: 0.8}\n"
        "enterprises:\n"
        "  - {id: p, industry: chemical, grade: D, units: [{id: b, kind: batch, capacity: 10,\n"
        "     base_load: 0.5, value: 1, ef: {VOCs: 1}}]}\n"
        "episode:\n"
        "  start: 2023-07-09T20:00\n"
        "  hours: 54\n"
        "  timeline: [{level: yellow, from: 2023-07-10T00:00, to: 2023-07-11T00:00}]\n"
        "  ozone: {window: \"12:00-14:00\"}\n";
    curtail_scenario *s = NULL;
    curtail_result *r;
    curtail_error err;
    size_t len;
    char *out;
    ck_assert_int_eq(curtail_scenario_load_buffer(&s, yaml, strlen(yaml), "runs.yaml", NULL, &err),
                     CURTAIL_OK);
    r = solve_schedule(s);
    out = render(r, CURTAIL_FORMAT_MD, CURTAIL_LANG_ZH, 0, &len);
    ck_assert_msg(strstr(out, "| 1 | p | b | 50% | 黄色：负荷不高于设计产能的50%（产量不高于5吨/日），"
                              "12:00–14:00 停止涉VOCs工序"
                              "（错时生产） | 07-09 20:00 至 07-10 00:00 50%：无预警，正常生产<br>"
                              "07-10 00:00 至 07-10 12:00 黄色 54.54%：错时生产，负荷不高于54.54%<br>"
                              "07-10 12:00 至 07-10 14:00 黄色 0%：12:00–14:00 停止涉VOCs工序（错时生产）"
                              "<br>07-10 14:00 至 07-11 00:00 黄色 54.54%：错时生产，负荷不高于54.54%"
                              "<br>07-11 00:00 至 07-12 02:00 50%：无预警，正常生产 |\n") != NULL,
                  "%s", out);
    ck_assert_ptr_nonnull(strstr(out, "预警时段：2023-07-10 00:00 至 2023-07-11 00:00 黄色。\n"));
    ck_assert_ptr_nonnull(
        strstr(out, "排程时段：2023-07-09 20:00 至 2023-07-12 02:00（共 54 小时）。\n"));
    free(out);
    out = render(r, CURTAIL_FORMAT_MD, CURTAIL_LANG_EN, 0, &len);
    ck_assert_msg(strstr(out, "| 1 | p | b | 50% | Yellow: load at most 50% of capacity (output "
                              "at most 5 t/d), VOCs processes "
                              "stopped 12:00–14:00 (shifted production) | 07-09 20:00 to 07-10 "
                              "00:00 50%: normal operation (no alert)<br>07-10 00:00 to 07-10 "
                              "12:00 Yellow 54.54%: shifted production; load at most 54.54%<br>07-10 "
                              "12:00 to 07-10 14:00 Yellow 0%: VOCs processes stopped 12:00–14:00 "
                              "(shifted production)<br>07-10 14:00 to 07-11 00:00 Yellow 54.54%: shifted "
                              "production; load at most 54.54%<br>07-11 00:00 to 07-12 02:00 "
                              "50%: normal operation (no alert) |\n") != NULL,
                  "%s", out);
    ck_assert_ptr_nonnull(strstr(out, "Alert period: 2023-07-10 00:00 to 2023-07-11 00:00 Yellow.\n"));
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* ---- core: the Markdown list is the CSV's list ---------------------------------------- */

/* Every header and every cell of the Markdown list equals the CSV's, in the
 * same order (SPEC §7: "the same list"), in both languages. measures.yaml has
 * no text that Markdown escapes. */
static void check_md_list_is_csv(const char *golden_yaml, curtail_lang lang)
{
    static char csv[40][1024], md[40][1024];
    curtail_scenario *s = load_golden(golden_yaml);
    curtail_result *r = solve(s);
    size_t clen, mlen, nc, nm, i, rows = 0;
    char *c = render(r, CURTAIL_FORMAT_CSV, lang, 0, &clen);
    char *m = render(r, CURTAIL_FORMAT_MD, lang, 0, &mlen);
    const char *cl = c, *ml;
    ml = strstr(m, lang == CURTAIL_LANG_EN ? "## List (one enterprise, one policy)\n\n"
                                           : "## 一企一策清单\n\n");
    ck_assert_ptr_nonnull(ml);
    ml = strchr(strchr(ml, '\n') + 1, '\n') + 1; /* the header row */
    while (*cl) {
        nc = csv_fields(cl, csv, 40);
        nm = md_cells(ml, md, 40);
        ck_assert_uint_eq(nc, 9 + 4 + 3 * 8);
        ck_assert_uint_eq(nm, nc);
        for (i = 0; i < nc; i++)
            ck_assert_msg(strcmp(csv[i], md[i]) == 0, "row %zu column %zu: csv \"%s\", md \"%s\"",
                          rows, i, csv[i], md[i]);
        cl = strchr(cl, '\n') + 1;
        ml = strchr(ml, '\n') + 1;
        if (rows == 0) { /* the alignment row: numbers right, text left */
            ck_assert_ptr_nonnull(strstr(ml, "|---:|---|---|---|---|---|---|---:|---:|---:|"));
            ml = strchr(ml, '\n') + 1;
        }
        rows++;
    }
    ck_assert_uint_eq(rows, curtail_result_unit_count(r) + 1);
    ck_assert_msg(*ml == '\n', "the Markdown list has more rows: %.80s", ml);
    free(c);
    free(m);
    curtail_result_free(r);
    curtail_scenario_free(s);
}

START_TEST(test_write_md_list_is_csv_list)
{
    check_md_list_is_csv("measures.yaml", CURTAIL_LANG_ZH);
    check_md_list_is_csv("measures.yaml", CURTAIL_LANG_EN);
}
END_TEST

/* The Markdown summary gives the shadow price as a marginal cost in yuan
 * per kg in its annex, saying how the grade weights enter (issue 9); no
 * "加权元", no objective summed over the levels in the main document. */
START_TEST(test_write_md_shadow_price_weighted)
{
    curtail_scenario *s = load_golden("plan.yaml");
    curtail_result *r = solve(s);
    size_t len;
    char *out = render(r, CURTAIL_FORMAT_MD, CURTAIL_LANG_ZH, 0, &len);
    const char *annex = strstr(out, "## 附录：边际减排成本与加权目标函数\n");
    ck_assert_ptr_nonnull(annex);
    ck_assert_ptr_nonnull(strstr(annex, "| 预警级别 | 边际减排成本 SO2 (元/千克) | NOx (元/千克) "
                                        "| 颗粒物 (元/千克) | VOCs (元/千克) |\n"));
    ck_assert_ptr_nonnull(strstr(annex, "| 红色 | 0.00 | 500.00 | 0.00 | 0.00 |\n"));
    ck_assert_ptr_nonnull(strstr(annex, "加权损失 = 损失产值（元/日）× 其管控等级的权重"));
    ck_assert_ptr_null(strstr(out, "加权元"));
    ck_assert_ptr_null(strstr(out, "影子价格"));
    ck_assert(strstr(out, "目标函数") > annex);
    free(out);
    out = render(r, CURTAIL_FORMAT_MD, CURTAIL_LANG_EN, 0, &len);
    annex = strstr(out, "## Annex: marginal costs and the weighted objective\n");
    ck_assert_ptr_nonnull(annex);
    ck_assert_ptr_nonnull(strstr(annex, "| Red | 0.00 | 500.00 | 0.00 | 0.00 |\n"));
    ck_assert_ptr_nonnull(strstr(annex, "weighted loss = lost output value (yuan/d) × the grade "
                                        "weight"));
    ck_assert_ptr_null(strstr(out, "weighted yuan per"));
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
    /* a schedule's segments optimise nothing: no shadow prices (its annex
     * says where they are) */
    s = load_golden("schedule.yaml");
    r = solve_schedule(s);
    out = render(r, CURTAIL_FORMAT_MD, CURTAIL_LANG_ZH, 0, &len);
    ck_assert_ptr_nonnull(strstr(out, "| 缺口 (kg) | 要求减排比例（占全社会） "));
    ck_assert_ptr_nonnull(strstr(out, "各时段不单独优化，因此此处不列边际减排成本"));
    ck_assert_ptr_null(strstr(out, "影子价格"));
    free(out);
    out = render(r, CURTAIL_FORMAT_MD, CURTAIL_LANG_EN, 0, &len);
    ck_assert_ptr_nonnull(strstr(out, "| Shortfall (kg) | Required, of county total "));
    ck_assert_ptr_null(strstr(out, "Shadow price"));
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* Without a scenario name the title is the input's file name, else a
 * generic one; never "# " alone. */
START_TEST(test_write_md_title_without_name)
{
    static const char yaml[] =
        "curtail: 1\n"
        "enterprises:\n"
        "  - {id: e, industry: other, units: [{id: u, kind: other, capacity: 1, ef: {PM: 1}}]}\n";
    static const double none[CURTAIL_NPOLLUTANTS] = {0, 0, 0, 0};
    curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
    curtail_unit_spec u = CURTAIL_UNIT_SPEC_INIT;
    curtail_scenario *s = tu_load_yaml(yaml, "/some/dir/县清单.yaml");
    curtail_result *r = solve(s);
    curtail_error err;
    size_t len;
    char *out = render(r, CURTAIL_FORMAT_MD, CURTAIL_LANG_ZH, 0, &len);
    ck_assert_msg(strncmp(out, "# 县清单.yaml\n\n", strlen("# 县清单.yaml\n\n")) == 0, "%.80s", out);
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);

    s = tu_load_yaml(yaml, "<stdin>");
    r = solve(s);
    out = render(r, CURTAIL_FORMAT_MD, CURTAIL_LANG_EN, 0, &len);
    ck_assert_msg(strncmp(out, "# Emergency reduction list\n\n", 28) == 0, "%.80s", out);
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);

    s = NULL;
    ck_assert_int_eq(curtail_scenario_new(&s, NULL, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_set_ratios(s, CURTAIL_YELLOW, none, &err), CURTAIL_OK);
    e.id = "e";
    e.industry = CURTAIL_OTHER_INDUSTRY;
    ck_assert_int_eq(curtail_scenario_add_enterprise(s, &e, &err), CURTAIL_OK);
    u.id = "u";
    u.kind = CURTAIL_KIND_OTHER;
    u.capacity = 1;
    ck_assert_int_eq(curtail_scenario_add_unit(s, &u, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    r = solve(s);
    out = render(r, CURTAIL_FORMAT_MD, CURTAIL_LANG_ZH, 0, &len);
    ck_assert_msg(strncmp(out, "# 应急减排清单\n\n", strlen("# 应急减排清单\n\n")) == 0, "%.80s", out);
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* Text cells that a spreadsheet would take for a formula start with '; a
 * cell that also needs quotes gets both; numbers are never touched. */
START_TEST(test_write_csv_formula_cells)
{
    static const char yaml[] =
        "curtail: 1\n"
        "builtin_policy: false\n"
        "policy: [{industry: other, grades: [none], levels: [yellow, orange, red], cut: 0.1}]\n"
        "enterprises:\n"
        "  - id: '-e1'\n"
        "    name: '=HYPERLINK(\"http://x\",\"y\")'\n"
        "    town: '+town'\n"
        "    industry: other\n"
        "    units:\n"
        "      - {id: u1, name: '@SUM(A1:A2)', kind: other, capacity: 10, ef: {PM: 1}}\n"
        "      - {id: '-u2', kind: other, capacity: 10, ef: {PM: 1}}\n"
        "  - {id: e2, name: 'a=b', town: '-', industry: other,\n"
        "     units: [{id: u3, name: '=1,2', kind: other, capacity: 10, ef: {PM: 1}}]}\n";
    curtail_scenario *s = tu_load_yaml(yaml, "formula.yaml");
    curtail_result *r = solve(s);
    size_t len;
    char *out = render(r, CURTAIL_FORMAT_CSV, CURTAIL_LANG_EN, 0, &len);
    ck_assert_msg(strstr(out, "\n1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",,'+town,other,"
                              "ungraded,'@SUM(A1:A2),10 t/d,100%,0.00,0.00,10.00,0.00,90%,"
                              "cut output by 10% (output from 10 t/d to at most 9 t/d),"
                              "scenario policy[0] (line 3): cut output by 10%; may be cut "
                              "further; the level's targets need no more,,0.00,0.00,1.00,0.00,") != NULL,
                  "%s", out);
    ck_assert_msg(strstr(out, "\n2,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",,'+town,other,"
                              "ungraded,'-u2,10 t/d,") != NULL,
                  "%s", out);
    ck_assert_msg(strstr(out, "\n3,a=b,,'-,other,ungraded,\"'=1,2\",10 t/d,100%,0.00,") != NULL, "%s",
                  out);
    free(out);
    /* Markdown is not a spreadsheet: its cells are as given */
    out = render(r, CURTAIL_FORMAT_MD, CURTAIL_LANG_EN, 0, &len);
    ck_assert_msg(strstr(out, "| 3 | a=b |  | - | other | ungraded | =1,2 | 10 t/d | 100% |") != NULL, "%s",
                  out);
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* ---- core: measure texts --------------------------------------------------------- */

START_TEST(test_write_measure_texts)
{
    curtail_scenario *s = load_golden("measures.yaml");
    curtail_result *r = solve(s);
    static const char *const voluntary_zh = "不采取强制性减排措施（自主减排）";
    static const char *const voluntary_en = "no mandatory measure (voluntary reduction)";
    int L;
    ck_assert_uint_eq(curtail_result_unit_count(r), 9);
    for (L = 0; L < CU_NL; L++) {
        assert_text(r, 0, L, voluntary_zh, voluntary_en); /* A: none */
        assert_text(r, 2, L, "本级别无停限产要求", "no curtailment required at this level");
        assert_text(r, 4, L, "停产", "stop production");
        assert_text(r, 7, L, "保障类（以热定产），负荷不高于设计产能的100%（蒸发量不高于4.16吨/小时）",
                    "guarantee unit (output set by heat demand), load at most 100% of capacity "
                    "(steam output at most 4.16 t/h)");
        assert_text(r, 8, L, "保障类（以量定产），负荷不高于设计产能的100%（产量不高于100吨/日）",
                    "guarantee unit (output set by supply duty), load at most 100% of capacity "
                    "(output at most 100 t/d)");
    }
    assert_text(r, 1, CURTAIL_YELLOW, "延长结焦时间至48小时（焦炭产量由100吨/日降至50吨/日及以下）",
                "extend coking time to 48 h (coke output from 100 t/d to at most 50 t/d)");
    assert_text(r, 1, CURTAIL_RED, "焖炉保温", "hot idle (oven kept hot)");
    assert_text(r, 3, CURTAIL_YELLOW, "限产10%（产量由100吨/日降至90吨/日及以下）",
                "cut output by 10% (output from 100 t/d to at most 90 t/d)");
    assert_text(r, 3, CURTAIL_ORANGE, "限产12.5%（产量由100吨/日降至87.5吨/日及以下）",
                "cut output by 12.5% (output from 100 t/d to at most 87.5 t/d)");
    /* a rule below the technical minimum: the minimum is the order */
    assert_text(r, 5, CURTAIL_RED, "限产至设计产能的80%（产量由100吨/日降至80吨/日及以下）",
                "cut to 80% of capacity (output from 100 t/d to at most 80 t/d)");
    /* B at yellow: none: true, but B is not A: said plainly */
    assert_text(r, 6, CURTAIL_YELLOW, "本级别无停限产要求", "no curtailment required at this level");
    assert_text(r, 6, CURTAIL_ORANGE, "限产10%（蒸发量由4.17吨/小时降至3.75吨/小时及以下）",
                "cut output by 10% (steam output from 4.17 t/h to at most 3.75 t/h)");
    assert_text(r, 6, CURTAIL_RED, "限产至设计产能的60%（蒸发量由4.17吨/小时降至2.5吨/小时及以下）",
                "cut to 60% of capacity (steam output from 4.17 t/h to at most 2.5 t/h)");
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* Deeper cuts than the rule: the optimiser's own, and a follower's. */
START_TEST(test_write_measure_texts_deeper_cut)
{
    curtail_scenario *s = load_golden("plan.yaml");
    curtail_result *r = solve(s);
    assert_text(r, 0, CURTAIL_YELLOW, "延长结焦时间至36小时（焦炭产量由1000吨/日降至500吨/日及以下）",
                "extend coking time to 36 h (coke output from 1000 t/d to at most 500 t/d)");
    assert_text(r, 0, CURTAIL_RED, "延长结焦时间至48小时（焦炭产量由1000吨/日降至375吨/日及以下）",
                "extend coking time to 48 h (coke output from 1000 t/d to at most 375 t/d)");
    assert_text(r, 1, CURTAIL_YELLOW, "随1# 焦炉同步减产（产量由1000吨/日降至500吨/日及以下）",
                "cut with 1# 焦炉 (output from 1000 t/d to at most 500 t/d)");
    assert_text(r, 2, CURTAIL_ORANGE, "限产30%（产量由200吨/日降至140吨/日及以下）",
                "cut output by 30% (output from 200 t/d to at most 140 t/d)");
    assert_text(r, 2, CURTAIL_RED, "限产至设计产能的17.5%（产量由200吨/日降至35吨/日及以下）",
                "cut to 17.5% of capacity (output from 200 t/d to at most 35 t/d)");
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* A unit held down by a stricter member of its load group: the text is the
 * load it must keep; the reason names the member. */
START_TEST(test_write_measure_texts_linked_unit)
{
    static const char stop_yaml[] =
        "curtail: 1\n"
        "targets: {ratios: {yellow: {SO2: 0}, orange: {SO2: 0}, red: {SO2: 0}}}\n"
        "enterprises:\n"
        "  - id: chem\n"
        "    industry: chemical\n"
        "    grade: C\n"
        "    units:\n"
        "      - {id: reactor, name: 反应釜, kind: reactor, capacity: 100, ef: {VOCs: 1}}\n"
        "      - {id: loading, name: 装车, kind: loading, capacity: 100, interruptible: true,\n"
        "         follows: reactor, ef: {VOCs: 1}}\n";
    curtail_scenario *s = tu_load_yaml(stop_yaml, "linked.yaml");
    curtail_result *r = solve(s);
    cu_buf b;
    assert_text(r, 0, CURTAIL_YELLOW, "停产", "stop production");
    assert_text(r, 1, CURTAIL_RED, "停止装车（装卸）作业", "stop loading and unloading");
    cu_buf_init(&b, NULL);
    cu_measure_reason(r, 0, CURTAIL_YELLOW, CURTAIL_LANG_ZH, &b);
    ck_assert_str_eq(b.data, "内置规则表第13条：限产10%；受联动单元“装车”约束");
    b.len = 0;
    cu_measure_reason(r, 0, CURTAIL_YELLOW, CURTAIL_LANG_EN, &b);
    ck_assert_str_eq(b.data, "built-in rule 13: cut output by 10%; held by linked unit '装车'");
    cu_buf_free(&b);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* LANG_DEFAULT follows the scenario's lang; the writers follow it too. */
START_TEST(test_write_lang_default_is_scenario)
{
    curtail_scenario *s = NULL;
    curtail_result *r;
    curtail_error err;
    size_t len;
    char *text = tu_read_file(GOLDEN "plan.yaml", &len);
    char *at, *t, *out;
    ck_assert_ptr_nonnull(text);
    at = strstr(text, "\nlang: zh\n");
    ck_assert_ptr_nonnull(at);
    memcpy(at + 7, "en", 2);
    ck_assert_int_eq(curtail_scenario_load_buffer(&s, text, len, "plan.yaml", NULL, &err),
                     CURTAIL_OK);
    free(text);
    r = solve(s);
    t = measure_text(r, 3, CURTAIL_YELLOW, CURTAIL_LANG_DEFAULT);
    ck_assert_str_eq(t, "stop production");
    free(t);
    out = render(r, CURTAIL_FORMAT_CSV, CURTAIL_LANG_DEFAULT, 0, &len);
    assert_golden(out, len, "plan.en.csv", "");
    free(out);
    out = render(r, CURTAIL_FORMAT_CSV, CURTAIL_LANG_ZH, 0, &len);
    assert_golden(out, len, "plan.zh.csv", "");
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* The list shows the declared grade and the one its measures follow. */
START_TEST(test_write_csv_effective_grade)
{
    curtail_scenario *s = load_golden("measures.yaml");
    curtail_result *r = solve(s);
    size_t len;
    char *out = render(r, CURTAIL_FORMAT_CSV, CURTAIL_LANG_ZH, 0, &len);
    ck_assert_ptr_nonnull(strstr(out, "\n2,d_coke,,,焦化,C级（按D级管控）,oven,100 吨/日,"));
    ck_assert_ptr_nonnull(strstr(out, "\n1,a_coke,,,焦化,A级,oven,100 吨/日,"));
    free(out);
    out = render(r, CURTAIL_FORMAT_CSV, CURTAIL_LANG_EN, 0, &len);
    ck_assert_ptr_nonnull(strstr(out, "\n2,d_coke,,,coking,C (managed as D),oven,100 t/d,"));
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* ---- core: atomic writes ---------------------------------------------------------- */

START_TEST(test_write_replaces_existing_file_whole)
{
    curtail_scenario *s = load_golden("plan.yaml");
    curtail_result *r = solve(s);
    curtail_write_options o = CURTAIL_WRITE_OPTIONS_INIT;
    curtail_error err;
    char *dir = tu_tmpdir();
    char path[1024];
    char *old = malloc(200000), *got;
    size_t len;
    struct stat st;
    memset(old, 'x', 200000);
    snprintf(path, sizeof path, "%s/plan.json", dir);
    ck_assert_int_eq(tu_write_file(path, old, 200000), 0);
    ck_assert_int_eq(chmod(path, 0640), 0);
    ck_assert_int_eq(curtail_result_write_file(r, &o, path, &err), CURTAIL_OK);
    got = tu_read_file(path, &len);
    assert_golden(got, len, "plan.json", "");
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0640); /* a replaced file keeps its mode */
    ck_assert_uint_eq(count_entries(dir), 1);  /* and no temporary is left */
    free(got);
    free(old);
    unlink(path);
    rmdir(dir);
    free(dir);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_write_new_file_mode_follows_umask)
{
    curtail_error err;
    char *dir = tu_tmpdir();
    char path[1024];
    struct stat st;
    mode_t old = umask(027);
    snprintf(path, sizeof path, "%s/new.txt", dir);
    ck_assert_int_eq(cu_write_atomic(path, "abc\n", 4, &err), CURTAIL_OK);
    umask(old);
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0640);
    ck_assert_int_eq(st.st_size, 4);
    unlink(path);
    rmdir(dir);
    free(dir);
}
END_TEST

/* Through a symbolic link the file it names is replaced, atomically and in
 * its own directory, and the link stays; a dangling link gets its file
 * created; a link loop is an I/O error. */
START_TEST(test_write_through_symlink)
{
    curtail_error err;
    char *dir = tu_tmpdir();
    char sub[1024], target[1024], link[1024], dangling[1024], loop[1024], buf[1024];
    struct stat st;
    size_t len;
    char *got;
    ssize_t n;
    snprintf(sub, sizeof sub, "%s/sub", dir);
    snprintf(target, sizeof target, "%s/sub/plan.json", dir);
    snprintf(link, sizeof link, "%s/link.json", dir);
    snprintf(dangling, sizeof dangling, "%s/dangling.json", dir);
    snprintf(loop, sizeof loop, "%s/loop", dir);
    ck_assert_int_eq(mkdir(sub, 0755), 0);
    ck_assert_int_eq(tu_write_file(target, "old\n", 4), 0);
    ck_assert_int_eq(chmod(target, 0640), 0);
    ck_assert_int_eq(symlink("sub/plan.json", link), 0);
    ck_assert_int_eq(cu_write_atomic(link, "new data\n", 9, &err), CURTAIL_OK);
    ck_assert_int_eq(lstat(link, &st), 0);
    ck_assert_msg(S_ISLNK(st.st_mode), "the link was replaced by a file");
    n = readlink(link, buf, sizeof buf - 1);
    ck_assert_int_eq(n, 13);
    buf[n] = '\0';
    ck_assert_str_eq(buf, "sub/plan.json");
    got = tu_read_file(target, &len);
    ck_assert_ptr_nonnull(got);
    ck_assert_str_eq(got, "new data\n");
    free(got);
    ck_assert_int_eq(stat(target, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0640);
    ck_assert_uint_eq(count_entries(sub), 1); /* no temporary left beside the target */
    ck_assert_uint_eq(count_entries(dir), 2); /* sub and the link */

    /* a dangling link: the file it points to is written */
    ck_assert_int_eq(symlink("sub/new.json", dangling), 0);
    ck_assert_int_eq(cu_write_atomic(dangling, "abc\n", 4, &err), CURTAIL_OK);
    ck_assert_int_eq(lstat(dangling, &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
    snprintf(buf, sizeof buf, "%s/sub/new.json", dir);
    got = tu_read_file(buf, &len);
    ck_assert_ptr_nonnull(got);
    ck_assert_str_eq(got, "abc\n");
    free(got);
    unlink(buf);

    /* a loop */
    ck_assert_int_eq(symlink("loop", loop), 0);
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(cu_write_atomic(loop, "x", 1, &err), CURTAIL_EIO);
    ck_assert_str_eq(err.message, "cannot resolve: Too many levels of symbolic links");
    ck_assert_uint_eq(count_entries(dir), 4);

    unlink(loop);
    unlink(dangling);
    unlink(link);
    unlink(target);
    rmdir(sub);
    rmdir(dir);
    free(dir);
}
END_TEST

/* ---- errors ----------------------------------------------------------------------------- */

START_TEST(test_write_missing_directory_is_eio)
{
    curtail_scenario *s = load_golden("plan.yaml");
    curtail_result *r = solve(s);
    curtail_write_options o = CURTAIL_WRITE_OPTIONS_INIT;
    curtail_error err;
    char *dir = tu_tmpdir();
    char path[1024];
    snprintf(path, sizeof path, "%s/nodir/plan.json", dir);
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(curtail_result_write_file(r, &o, path, &err), CURTAIL_EIO);
    ck_assert_int_eq(err.code, CURTAIL_EIO);
    ck_assert_str_eq(err.file, path);
    ck_assert_str_eq(err.message, "cannot write: No such file or directory");
    ck_assert_uint_eq(count_entries(dir), 0);
    rmdir(dir);
    free(dir);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* A failed rename (the target is a directory) removes the temporary. */
START_TEST(test_write_failed_rename_leaves_no_temp)
{
    curtail_error err;
    char *dir = tu_tmpdir();
    char path[1024];
    snprintf(path, sizeof path, "%s/out", dir);
    ck_assert_int_eq(mkdir(path, 0755), 0);
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(cu_write_atomic(path, "data", 4, &err), CURTAIL_EIO);
    ck_assert_str_eq(err.file, path);
    ck_assert_str_eq(err.message, "cannot replace: Is a directory");
    ck_assert_uint_eq(count_entries(dir), 1);
    rmdir(path);
    rmdir(dir);
    free(dir);
}
END_TEST

START_TEST(test_write_stream_error_is_eio)
{
    curtail_scenario *s = load_golden("plan.yaml");
    curtail_result *r = solve(s);
    curtail_error err;
    FILE *f = fopen("/dev/full", "w");
    if (!f) {
        curtail_result_free(r);
        curtail_scenario_free(s);
        return; /* no /dev/full on this system */
    }
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(curtail_result_write_stream(r, NULL, f, &err), CURTAIL_EIO);
    ck_assert_str_eq(err.message, "cannot write: No space left on device");
    fclose(f);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_write_bad_arguments_are_einval)
{
    curtail_scenario *s = load_golden("plan.yaml");
    curtail_result *r = solve(s);
    curtail_write_options o = CURTAIL_WRITE_OPTIONS_INIT;
    curtail_error err;
    char *dir = tu_tmpdir();
    char path[1024];
    snprintf(path, sizeof path, "%s/out", dir);
    ck_assert_int_eq(curtail_result_write_file(NULL, &o, path, &err), CURTAIL_EINVAL);
    ck_assert_str_eq(err.message, "result is NULL");
    ck_assert_int_eq(curtail_result_write_stream(r, &o, NULL, &err), CURTAIL_EINVAL);
    o.version = 99;
    ck_assert_int_eq(curtail_result_write_file(r, &o, path, &err), CURTAIL_EINVAL);
    o.version = CURTAIL_WRITE_OPTIONS_VERSION;
    o.format = (curtail_format)42;
    ck_assert_int_eq(curtail_result_write_file(r, &o, path, &err), CURTAIL_EINVAL);
    ck_assert_str_eq(err.message, "unknown output format 42");
    o.format = CURTAIL_FORMAT_JSON;
    o.lang = (curtail_lang)7;
    ck_assert_int_eq(curtail_result_write_file(r, &o, path, &err), CURTAIL_EINVAL);
    ck_assert_int_eq(curtail_result_write_file(r, NULL, "", &err), CURTAIL_EINVAL);
    ck_assert_uint_eq(count_entries(dir), 0);
    rmdir(dir);
    free(dir);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* An allocator that fails after a set number of allocations. */
typedef struct fail_ctx {
    int armed;
    long left;
} fail_ctx;

static void *fail_calloc(size_t n, size_t size, void *ctx)
{
    fail_ctx *c = ctx;
    if (c->armed && c->left-- <= 0)
        return NULL;
    return calloc(n, size);
}

static void *fail_realloc(void *p, size_t size, void *ctx)
{
    fail_ctx *c = ctx;
    if (c->armed && c->left-- <= 0)
        return NULL;
    return realloc(p, size);
}

static void fail_free(void *p, void *ctx)
{
    (void)ctx;
    free(p);
}

/* Every allocation of writing r failing in turn: ENOMEM, no file, then success. */
static void check_write_enomem(const curtail_result *r, fail_ctx *ctx)
{
    static const curtail_format formats[3] = {CURTAIL_FORMAT_JSON, CURTAIL_FORMAT_CSV,
                                              CURTAIL_FORMAT_MD};
    char *dir = tu_tmpdir();
    char path[1024];
    int f;
    snprintf(path, sizeof path, "%s/out", dir);
    for (f = 0; f < 3; f++) {
        curtail_write_options o = CURTAIL_WRITE_OPTIONS_INIT;
        long k;
        int rc = CURTAIL_ENOMEM;
        o.format = formats[f];
        for (k = 0; k < 100000 && rc != CURTAIL_OK; k++) {
            curtail_error err;
            ctx->armed = 1;
            ctx->left = k;
            rc = curtail_result_write_file(r, &o, path, &err);
            ctx->armed = 0;
            if (rc != CURTAIL_OK) {
                ck_assert_int_eq(rc, CURTAIL_ENOMEM);
                ck_assert_str_eq(err.message, "out of memory");
                ck_assert_uint_eq(count_entries(dir), 0);
            }
        }
        ck_assert_int_eq(rc, CURTAIL_OK);
        ck_assert_msg(k > 1, "format %d: no allocation failed", f);
        unlink(path);
    }
    rmdir(dir);
    free(dir);
}

START_TEST(test_write_out_of_memory_is_enomem)
{
    fail_ctx ctx = {0, 0};
    curtail_mem mem = {fail_calloc, fail_realloc, fail_free, NULL};
    curtail_scenario *s;
    curtail_result *r;
    mem.ctx = &ctx;
    s = load_golden_mem("plan.yaml", &mem);
    r = solve(s);
    check_write_enomem(r, &ctx);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_write_schedule_out_of_memory_is_enomem)
{
    fail_ctx ctx = {0, 0};
    curtail_mem mem = {fail_calloc, fail_realloc, fail_free, NULL};
    curtail_scenario *s;
    curtail_result *r;
    mem.ctx = &ctx;
    s = load_golden_mem("schedule.yaml", &mem);
    r = solve_schedule(s);
    check_write_enomem(r, &ctx);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* ---- limits ---------------------------------------------------------------------------- */

/* Names a builder may pass: quotes, separators, control bytes, invalid UTF-8. */
static curtail_result *awkward_result(curtail_scenario **sp)
{
    curtail_enterprise_spec e = CURTAIL_ENTERPRISE_SPEC_INIT;
    curtail_unit_spec u = CURTAIL_UNIT_SPEC_INIT;
    curtail_scenario *s = NULL;
    curtail_error err;
    ck_assert_int_eq(curtail_scenario_new(&s, NULL, &err), CURTAIL_OK);
    static const double no_targets[CURTAIL_NPOLLUTANTS] = {0, 0, 0, 0};
    int L;
    ck_assert_int_eq(curtail_scenario_set_name(s, "a \"b\"\\c\n\t\x01|d\xc3(\xc3\xa9", &err),
                     CURTAIL_OK);
    for (L = 0; L < CURTAIL_NLEVELS; L++)
        ck_assert_int_eq(curtail_scenario_set_ratios(s, (curtail_level)L, no_targets, &err),
                         CURTAIL_OK);
    e.id = "e1";
    e.name = "Acme, \"West\"\nplant \xff end|x*y_z";
    e.town = "town";
    e.industry = CURTAIL_OTHER_INDUSTRY;
    e.grade = CURTAIL_GRADE_C;
    ck_assert_int_eq(curtail_scenario_add_enterprise(s, &e, &err), CURTAIL_OK);
    u.id = "u1";
    u.name = "line\x7f\xe4\xb8";
    u.kind = CURTAIL_KIND_OTHER;
    u.capacity = 10;
    u.has_ef = 1;
    u.ef[CURTAIL_PM] = 1;
    ck_assert_int_eq(curtail_scenario_add_unit(s, &u, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_scenario_check(s, &err), CURTAIL_OK);
    *sp = s;
    return solve(s);
}

START_TEST(test_write_json_escapes_strings)
{
    curtail_scenario *s;
    curtail_result *r = awkward_result(&s);
    size_t len;
    char *out = render(r, CURTAIL_FORMAT_JSON, CURTAIL_LANG_EN, 0, &len);
    ck_assert_ptr_nonnull(strstr(out, "\n  \"scenario\": \"a \\\"b\\\"\\\\c\\n\\t\\u0001|d\\ufffd(\xc3\xa9\",\n"));
    ck_assert_ptr_nonnull(strstr(out, "\"unit\": \"u1\""));
    ck_assert_ptr_nonnull(strstr(out, "\"text\": \"cut output by 10% (output from 10 t/d to at most 9 t/d)\""));
    ck_assert_ptr_nonnull(strstr(out, "\"measure\": {\"kind\": \"cut\", \"value\": 0.1}"));
    ck_assert_ptr_nonnull(strstr(out, "\"warnings\": []\n}\n"));
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_write_csv_quotes_fields)
{
    curtail_scenario *s;
    curtail_result *r = awkward_result(&s);
    size_t len;
    char *out = render(r, CURTAIL_FORMAT_CSV, CURTAIL_LANG_EN, 0, &len);
    ck_assert_ptr_nonnull(
        strstr(out, "\n1,\"Acme, \"\"West\"\"\nplant \xff end|x*y_z\",,town,other,C,"
                    "line\x7f\xe4\xb8,10 t/d,100%,0.00,0.00,10.00,0.00,90%,"
                    "cut output by 10% (output from 10 t/d to at most 9 t/d),"));
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_write_md_escapes_cells)
{
    curtail_scenario *s;
    curtail_result *r = awkward_result(&s);
    size_t len;
    char *out = render(r, CURTAIL_FORMAT_MD, CURTAIL_LANG_EN, 0, &len);
    ck_assert_ptr_nonnull(strstr(out, "# a \"b\"\\\\c \t\x01\\|d\xc3(\xc3\xa9\n"));
    ck_assert_ptr_nonnull(strstr(out, "| 1 | Acme, \"West\" plant \xff end\\|x\\*y\\_z |  | town | other | C | "));
    ck_assert_msg(out[len - 1] == '\n' && out[len - 2] != '\n', "one trailing newline");
    free(out);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* Strings byte by byte at the edges of UTF-8 and of the escapes: a sequence
 * cut short by the end of the string, surrogates, overlong forms, beyond
 * U+10FFFF, valid 2/3/4-byte forms, DEL and other controls; and the
 * Markdown escapes of every special character. */
START_TEST(test_write_escapes_byte_edges)
{
    static const struct {
        const char *name, *json, *md;
    } cases[] = {
        {"x\xe4\xb8", "\"x\\ufffd\\ufffd\"", "# x\xe4\xb8\n"},
        {"\xf0\x9f\x98", "\"\\ufffd\\ufffd\\ufffd\"", NULL},
        {"\xed\xa0\x80!", "\"\\ufffd\\ufffd\\ufffd!\"", NULL},
        {"\xc0\x80\xc1\xbf", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"", NULL},
        {"\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"", NULL},
        /* the 3-byte fast path (E1..EC, EE, EF) and its edges (issue 15) */
        {"\xe1\x80", "\"\\ufffd\\ufffd\"", NULL},
        {"\xe1\x80" "A\xee\x80\x80\xef\xbf\xbf", "\"\\ufffd\\ufffdA\xee\x80\x80\xef\xbf\xbf\"", NULL},
        {"\xe0\xa0\x80\xe0\x9f\xbf", "\"\xe0\xa0\x80\\ufffd\\ufffd\\ufffd\"", NULL},
        {"\xc2\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf",
         "\"\xc2\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf\"", NULL},
        {"a\x7f\x1f\b\f\r\"\\/", "\"a\\u007f\\u001f\\b\\f\\r\\\"\\\\/\"", NULL},
        {"\\|*_`<>[]~\r\n{}^#", NULL, "# \\\\\\|\\*\\_\\`\\<\\>\\[\\]\\~  {}^#\n"},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        curtail_scenario *s;
        curtail_result *r = awkward_result(&s);
        curtail_error err;
        size_t len;
        char *out;
        ck_assert_int_eq(curtail_scenario_set_name(s, cases[i].name, &err), CURTAIL_OK);
        if (cases[i].json) {
            char want[256];
            snprintf(want, sizeof want, "\n  \"scenario\": %s,\n", cases[i].json);
            out = render(r, CURTAIL_FORMAT_JSON, CURTAIL_LANG_EN, 0, &len);
            ck_assert_msg(strstr(out, want) != NULL, "case %zu: no '%s'", i, want);
            free(out);
        }
        if (cases[i].md) {
            out = render(r, CURTAIL_FORMAT_MD, CURTAIL_LANG_EN, 0, &len);
            ck_assert_msg(strncmp(out, cases[i].md, strlen(cases[i].md)) == 0,
                          "case %zu: starts '%.40s'", i, out);
            free(out);
        }
        curtail_result_free(r);
        curtail_scenario_free(s);
    }
}
END_TEST

/* Long strings (64 bytes and more: the warnings' eight-bytes-a-step path
 * over plain ASCII) with a special piece at every alignment, eight times
 * 13 bytes apart and once at the very end: each escape, a CJK character, a
 * 2- and 4-byte form, a stray byte, a sequence cut short. */
START_TEST(test_write_escapes_long_strings)
{
    static const struct {
        const char *raw, *json;
    } pieces[] = {
        {"\"", "\\\""},
        {"\\", "\\\\"},
        {"\x01", "\\u0001"},
        {"\x7f", "\\u007f"},
        {"\n", "\\n"},
        {"\xe4\xb8\xad", "\xe4\xb8\xad"},
        {"\xc3\xa9", "\xc3\xa9"},
        {"\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80"},
        {"\xff", "\\ufffd"},
        {"\xe1\x80", "\\ufffd\\ufffd"},
    };
    static const char text[] = "The quick brown fox jumps over the lazy dog; "
                               "PACK MY BOX WITH FIVE DOZEN LIQUOR JUGS 0123456789";
    size_t i, k, j;
    for (i = 0; i < sizeof pieces / sizeof pieces[0]; i++) {
        for (k = 0; k < 8; k++) {
            curtail_scenario *s;
            curtail_result *r = awkward_result(&s);
            curtail_error err;
            char name[300], want[600];
            size_t len;
            char *out;
            snprintf(name, sizeof name, "%.*s", (int)k, text);
            snprintf(want, sizeof want, "\n  \"scenario\": \"%.*s", (int)k, text);
            for (j = 0; j < 8; j++) {
                snprintf(name + strlen(name), sizeof name - strlen(name), "%s%.13s",
                         pieces[i].raw, text + 5 * j);
                snprintf(want + strlen(want), sizeof want - strlen(want), "%s%.13s",
                         pieces[i].json, text + 5 * j);
            }
            snprintf(name + strlen(name), sizeof name - strlen(name), "%s", pieces[i].raw);
            snprintf(want + strlen(want), sizeof want - strlen(want), "%s\",\n", pieces[i].json);
            ck_assert_int_eq(curtail_scenario_set_name(s, name, &err), CURTAIL_OK);
            out = render(r, CURTAIL_FORMAT_JSON, CURTAIL_LANG_EN, 0, &len);
            ck_assert_msg(strstr(out, want) != NULL, "piece %zu from %zu: no '%s'", i, k, want);
            free(out);
            curtail_result_free(r);
            curtail_scenario_free(s);
        }
    }
}
END_TEST

int main(void)
{
    Suite *su = suite_create("write");
    TCase *core = tcase_create("core");
    TCase *errors = tcase_create("errors");
    TCase *limits = tcase_create("limits");
    SRunner *sr;
    int failed;

    tcase_add_test(core, test_write_json_golden);
    tcase_add_test(core, test_write_csv_zh_golden);
    tcase_add_test(core, test_write_csv_zh_bom_golden);
    tcase_add_test(core, test_write_csv_en_golden);
    tcase_add_test(core, test_write_csv_en_bom_golden);
    tcase_add_test(core, test_write_md_zh_golden);
    tcase_add_test(core, test_write_md_en_golden);
    tcase_add_test(core, test_write_bom_only_csv);
    tcase_add_test(core, test_write_stream_same_bytes);
    tcase_add_test(core, test_write_schedule_golden);
    tcase_add_test(core, test_write_schedule_md_runs);
    tcase_add_test(core, test_write_measure_texts);
    tcase_add_test(core, test_write_measure_texts_deeper_cut);
    tcase_add_test(core, test_write_lang_default_is_scenario);
    tcase_add_test(core, test_write_csv_effective_grade);
    tcase_add_test(core, test_write_md_list_is_csv_list);
    tcase_add_test(core, test_write_md_shadow_price_weighted);
    tcase_add_test(core, test_write_md_title_without_name);
    tcase_add_test(core, test_write_csv_formula_cells);
    tcase_add_test(core, test_write_measure_texts_linked_unit);
    tcase_add_test(core, test_write_through_symlink);
    tcase_add_test(core, test_write_replaces_existing_file_whole);
    tcase_add_test(core, test_write_new_file_mode_follows_umask);
    suite_add_tcase(su, core);

    tcase_add_test(errors, test_write_missing_directory_is_eio);
    tcase_add_test(errors, test_write_failed_rename_leaves_no_temp);
    tcase_add_test(errors, test_write_stream_error_is_eio);
    tcase_add_test(errors, test_write_bad_arguments_are_einval);
    tcase_add_test(errors, test_write_out_of_memory_is_enomem);
    tcase_add_test(errors, test_write_schedule_out_of_memory_is_enomem);
    tcase_set_timeout(errors, 60);
    suite_add_tcase(su, errors);

    tcase_add_test(limits, test_write_json_escapes_strings);
    tcase_add_test(limits, test_write_csv_quotes_fields);
    tcase_add_test(limits, test_write_md_escapes_cells);
    tcase_add_test(limits, test_write_escapes_byte_edges);
    tcase_add_test(limits, test_write_escapes_long_strings);
    tcase_set_timeout(limits, 60); /* 80 files written and synced by the test above */
    suite_add_tcase(su, limits);

    sr = srunner_create(su);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
