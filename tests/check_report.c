/*
 * check_report.c — the bureau's formats (issue 12): the SVG chart writer
 * (nice ticks, escaping, deterministic bytes), the HTML report against
 * golden files in zh and en, hostile names escaped, and the xlsx workbook
 * (identical bytes run after run, the same bytes through a stream, an
 * existing file replaced whole, Excel's sheet limits turned into a note).
 * tests/xlsx_test.py reads the workbooks back sheet by sheet; tests/
 * chromium_test.sh renders the HTML report.
 */
#define _POSIX_C_SOURCE 200809L
#include "curtail.h"
#include "internal.h"
#include "episode.h" /* white-box: the modules' private headers */
#include "policy.h"
#include "result.h"
#include "rule_schema.h"
#include "solve.h"
#include "timeutil.h"
#include "write.h"
#include "report.h"
#include "svg.h"
#include "testutil.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define GOLDEN CURTAIL_TEST_DATA "/golden/"

/* A golden scenario, named without its directory as in check_write.c, so
 * warnings read as in the golden files. */
static curtail_scenario *load_golden(const char *name)
{
    curtail_scenario *s = NULL;
    curtail_error err;
    char path[1024], *text;
    size_t len;
    int rc;
    snprintf(path, sizeof path, GOLDEN "%s", name);
    text = tu_read_file(path, &len);
    ck_assert_ptr_nonnull(text);
    memset(&err, 0, sizeof err);
    rc = curtail_scenario_load_buffer(&s, text, len, name, NULL, &err);
    free(text);
    ck_assert_msg(rc == CURTAIL_OK, "load %s: %s", name, err.message);
    return s;
}

static curtail_scenario *load_text(const char *yaml)
{
    return tu_load_yaml(yaml, "t.yaml");
}

static curtail_result *solve(const curtail_scenario *s, int schedule)
{
    curtail_result *r = NULL;
    curtail_error err;
    int rc;
    memset(&err, 0, sizeof err);
    rc = schedule ? curtail_schedule_solve(s, NULL, &r, &err) : curtail_plan_solve(s, NULL, &r, &err);
    ck_assert_msg(rc == CURTAIL_OK, "solve: %s", err.message);
    return r;
}

/* The result written to a fresh file and read back. */
static char *write_read(const curtail_result *r, curtail_format f, curtail_lang lang, size_t *len)
{
    curtail_write_options o = CURTAIL_WRITE_OPTIONS_INIT;
    o.format = f;
    o.lang = lang;
    return tu_write_read(r, &o, len);
}

/* ---- SVG ------------------------------------------------------------------------------------ */

START_TEST(test_svg_ticks)
{
    static const struct {
        double lo, hi, first, last, step;
    } cases[] = {
        {0, 176.11, 0, 200, 50},  /* raw 35.2: 5·10 */
        {0, 14.12, 0, 15, 5},     /* raw 2.824: 5 */
        {0, 12.15, 0, 12.5, 2.5}, /* raw 2.43: 2.5 */
        {0, 10, 0, 10, 2},        /* raw 2: 2 */
        {-3, 7, -4, 8, 2},        /* raw 2: multiples of 2 around both ends */
        {0, 0, 0, 1, 0.2},        /* an empty range: 0 to 1 */
        {5, 5, 0, 5, 1},          /* one value: from 0 */
        {0, 0.0042, 0, 0.005, 0.001},
        {0, 3654.32, 0, 4000, 1000},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double first, last, step;
        cu_svg_ticks(cases[i].lo, cases[i].hi, 5, &first, &last, &step);
        ck_assert_msg(fabs(first - cases[i].first) < 1e-12 && fabs(last - cases[i].last) < 1e-12 &&
                          fabs(step - cases[i].step) < 1e-12,
                      "[%g, %g]: got %g..%g step %g", cases[i].lo, cases[i].hi, first, last, step);
    }
}
END_TEST

START_TEST(test_xml_text)
{
    cu_buf b;
    cu_buf_init(&b, NULL);
    /* U+202E (right-to-left override) stays as text */
    cu_xml_text(&b, "a<b & \"c\" 'd'> \xE2\x80\xAE" "x");
    ck_assert_str_eq(b.data, "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt; \xE2\x80\xAE" "x");
    cu_buf_free(&b);
}
END_TEST

START_TEST(test_svg_bars)
{
    static const double v1[2] = {1.5, 2.5}, v2[2] = {2, 0.25};
    static const char *const cats[2] = {"SO2", "颗粒物"};
    cu_svg_series s[2] = {{"要求", "#b4b4b4", v1}, {"A<&>", "#c00000", v2}};
    cu_svg_chart c;
    cu_buf a, b;
    memset(&c, 0, sizeof c);
    c.kind = CU_SVG_BARS;
    c.width = 300;
    c.height = 200;
    c.title = "T \"1\"";
    c.n = 2;
    c.cat = cats;
    c.nseries = 2;
    c.series = s;
    cu_buf_init(&a, NULL);
    cu_buf_init(&b, NULL);
    cu_svg_write(&a, &c);
    cu_svg_write(&b, &c);
    ck_assert(!a.failed);
    ck_assert_str_eq(a.data, b.data); /* deterministic */
    ck_assert(strncmp(a.data, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" "
                              "height=\"200\" viewBox=\"0 0 300 200\"",
                      70) == 0);
    ck_assert_ptr_nonnull(strstr(a.data, "<title>T &quot;1&quot;</title>"));
    ck_assert_ptr_nonnull(strstr(a.data, ">A&lt;&amp;&gt;</text>"));
    ck_assert_ptr_nonnull(strstr(a.data, ">颗粒物</text>"));
    /* ticks 0, 0.5, …, 2.5 (raw step 0.5), one decimal each */
    ck_assert_ptr_nonnull(strstr(a.data, ">2.5</text>"));
    ck_assert_ptr_nonnull(strstr(a.data, ">1.0</text>"));
    ck_assert_ptr_nonnull(strstr(a.data, ">0.0</text>"));
    ck_assert_ptr_null(strstr(a.data, ">3.0</text>"));
    ck_assert_ptr_null(strstr(a.data, "nan"));
    ck_assert_int_eq(strcmp(a.data + a.len - 6, "</svg>"), 0);
    /* 4 bars: 2 categories × 2 series, plus the background and 2 legend keys */
    {
        size_t n = 0;
        const char *p;
        for (p = a.data; (p = strstr(p, "<rect ")) != NULL; p++)
            n++;
        ck_assert_uint_eq(n, 1 + 4 + 2);
    }
    cu_buf_free(&a);
    cu_buf_free(&b);
}
END_TEST

/* ---- HTML ----------------------------------------------------------------------------------- */

static void check_html_golden(curtail_lang lang, const char *golden)
{
    curtail_scenario *s = load_golden("plan.yaml");
    curtail_result *r = solve(s, 0);
    char path[1024], *want, *got;
    size_t wlen, glen;
    got = write_read(r, CURTAIL_FORMAT_HTML, lang, &glen);
    snprintf(path, sizeof path, GOLDEN "%s", golden);
    want = tu_read_file(path, &wlen);
    ck_assert_msg(want != NULL, "cannot read %s", path);
    if (glen != wlen || memcmp(got, want, glen) != 0) {
        char dump[1100];
        snprintf(dump, sizeof dump, "%s.got", golden);
        tu_write_file(dump, got, glen);
        ck_abort_msg("%s differs (written to %s in the test directory)", golden, dump);
    }
    /* the golden's hand-checked facts: red NOx marginal cost 500 yuan/kg,
     * the coating line's name escaped, lost value 190000 yuan/d = 19 万元/日
     * at yellow, red NOx listed 1200 kg/d, the order's 45 % of it, 540 required
 * and achieved (base listed: no county column) */
    ck_assert_ptr_nonnull(strstr(got, "<td class=\"n\">500.00</td>"));
    /* the 960 t/d boiler stated in its unit, as the Markdown */
    ck_assert_ptr_nonnull(strstr(got, lang == CURTAIL_LANG_EN ? "<td class=\"n\">40 t/h</td>"
                                                              : "<td class=\"n\">40 吨/小时</td>"));
    ck_assert_ptr_nonnull(strstr(got, "涂装线 &quot;A&quot;, 喷漆|烘干"));
    ck_assert_ptr_nonnull(strstr(got, "<td class=\"n\">19.00</td>"));
    ck_assert_ptr_nonnull(strstr(got, "<td>NOx</td><td class=\"n\">1200.00</td>"
                                      "<td class=\"n\">45.00%</td><td class=\"n\">540.00</td>"
                                      "<td class=\"n\">540.00</td><td class=\"n\">0.00</td>"
                                      "<td class=\"n\">45.00%</td>"));
    ck_assert_ptr_null(strstr(got, "<script"));
    { /* the only URL is the SVG namespace; nothing is fetched */
        const char *p;
        for (p = got; (p = strstr(p, "http")) != NULL; p++)
            ck_assert(strncmp(p, "http://www.w3.org/2000/svg\"", 27) == 0);
        ck_assert_ptr_null(strstr(got, "src="));
        ck_assert_ptr_null(strstr(got, "href="));
        ck_assert_ptr_null(strstr(got, "url(http"));
    }
    free(want);
    free(got);
    curtail_result_free(r);
    curtail_scenario_free(s);
}

START_TEST(test_html_golden_zh)
{
    check_html_golden(CURTAIL_LANG_DEFAULT, "plan.zh.html");
    check_html_golden(CURTAIL_LANG_ZH, "plan.zh.html");
}
END_TEST

START_TEST(test_html_golden_en)
{
    check_html_golden(CURTAIL_LANG_EN, "plan.en.html");
}
END_TEST

static const char hostile[] =
    "curtail: 1\n"
    "name: \"<script>alert('x')</script> & \\u202E县\"\n"
    "enterprises:\n"
    "  - id: e1\n"
    "    name: \"A&B <b>公司</b> \\\"引号\\\" \\u200F\"\n"
    "    industry: chemical\n"
    "    grade: C\n"
    "    units:\n"
    "      - {id: u1, name: \"<img src=x>\", kind: reactor, capacity: 10, value: 1,\n"
    "         ef: {VOCs: 1}}\n";

START_TEST(test_html_escapes_names)
{
    curtail_scenario *s = load_text(hostile);
    curtail_result *r = solve(s, 0);
    size_t len;
    char *html = write_read(r, CURTAIL_FORMAT_HTML, CURTAIL_LANG_DEFAULT, &len);
    ck_assert_ptr_null(strstr(html, "<script"));
    ck_assert_ptr_null(strstr(html, "<img"));
    ck_assert_ptr_null(strstr(html, "<b>"));
    ck_assert_ptr_nonnull(strstr(html, "<h1><bdi>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; "
                                       "&amp; \xE2\x80\xAE县</bdi></h1>"));
    ck_assert_ptr_nonnull(strstr(html, "<td class=\"e\">A&amp;B &lt;b&gt;公司&lt;/b&gt; "
                                       "&quot;引号&quot; \xE2\x80\x8F</td>"));
    ck_assert_ptr_nonnull(strstr(html, "<td class=\"e\">&lt;img src=x&gt;</td>"));
    free(html);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_html_schedule)
{
    curtail_scenario *s = load_golden("schedule.yaml");
    curtail_result *r = solve(s, 1);
    size_t len;
    char *html = write_read(r, CURTAIL_FORMAT_HTML, CURTAIL_LANG_DEFAULT, &len);
    /* 30 hours from 07-10 06:00; yellow 08:00–24:00 and orange to 10:00, the
     * window 10:00–18:00 at both: a hatched band for 07-10 10:00–18:00 */
    ck_assert_ptr_nonnull(strstr(html, "清单企业逐时排放量"));
    ck_assert_ptr_nonnull(strstr(html, "臭氧错峰时段"));
    ck_assert_ptr_nonnull(strstr(html, "排程时段：2023-07-10 06:00 至 2023-07-11 12:00（共 30 小时）"));
    ck_assert_ptr_nonnull(strstr(html, "url(#e0-hatch)"));
    ck_assert_ptr_nonnull(strstr(html, "</html>\n"));
    free(html);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

/* ---- xlsx ----------------------------------------------------------------------------------- */

static char *unzip_member(const char *xlsx, const char *member)
{
    char cmd[2048], *out = NULL;
    int rc;
    snprintf(cmd, sizeof cmd, "unzip -p '%s' '%s'", xlsx, member);
    rc = tu_run(cmd, &out, NULL);
    ck_assert_msg(rc == 0, "%s: exit %d", cmd, rc);
    return out;
}

START_TEST(test_xlsx_identical_bytes)
{
    curtail_scenario *s = load_golden("plan.yaml");
    curtail_result *r = solve(s, 0);
    curtail_write_options o = CURTAIL_WRITE_OPTIONS_INIT;
    curtail_error err;
    char *dir = tu_tmpdir(), pa[1024], pb[1024], *a, *b, *sheet, *core;
    size_t la, lb;
    FILE *fp;
    o.format = CURTAIL_FORMAT_XLSX;
    snprintf(pa, sizeof pa, "%s/a.xlsx", dir);
    snprintf(pb, sizeof pb, "%s/b.xlsx", dir);
    /* b exists with other content: replaced whole */
    ck_assert_int_eq(tu_write_file(pb, "old content", 11), 0);
    ck_assert_int_eq(curtail_result_write_file(r, &o, pa, &err), CURTAIL_OK);
    ck_assert_int_eq(curtail_result_write_file(r, &o, pb, &err), CURTAIL_OK);
    a = tu_read_file(pa, &la);
    b = tu_read_file(pb, &lb);
    ck_assert(la > 1000 && la == lb && memcmp(a, b, la) == 0);
    ck_assert(memcmp(a, "PK\x03\x04", 4) == 0);
    free(b);
    /* through a stream: a scratch file copied, the same bytes */
    fp = tmpfile();
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(curtail_result_write_stream(r, &o, fp, &err), CURTAIL_OK);
    rewind(fp);
    b = malloc(la + 16);
    lb = fread(b, 1, la + 16, fp);
    fclose(fp);
    ck_assert(lb == la && memcmp(a, b, la) == 0);
    /* fixed dates; the credit code as a string in column C of the first unit's row */
    core = unzip_member(pa, "docProps/core.xml");
    ck_assert_ptr_nonnull(strstr(core, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">"
                                       "2024-01-01T00:00:00Z</dcterms:created>"));
    sheet = unzip_member(pa, "xl/worksheets/sheet2.xml");
    {
        const char *c4 = strstr(sheet, "<c r=\"C4\" s=\""), *end = c4 ? strstr(c4, "</c>") : NULL;
        ck_assert_ptr_nonnull(end);
        ck_assert_ptr_nonnull(strstr(c4, "\" t=\"inlineStr\"><is><t>91140423MA0HX0001C</t></is></c>"));
        ck_assert(strstr(c4, "91140423MA0HX0001C") < end);
    }
    /* (column I is the capacity's unit, 产能单位) */
    ck_assert_ptr_nonnull(strstr(sheet, "<mergeCell ref=\"A2:J2\"/><mergeCell ref=\"K2:N2\"/>"
                                        "<mergeCell ref=\"O2:V2\"/><mergeCell ref=\"W2:AD2\"/>"));
    free(core);
    free(sheet);
    free(a);
    free(b);
    remove(pa);
    remove(pb);
    rmdir(dir);
    free(dir);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_xlsx_limits_note)
{
    curtail_scenario *s = load_golden("schedule.yaml");
    curtail_result *r = solve(s, 1);
    curtail_write_options o = CURTAIL_WRITE_OPTIONS_INIT;
    curtail_error err;
    char *dir = tu_tmpdir(), path[1024], *sheet, *wb;
    o.format = CURTAIL_FORMAT_XLSX;
    snprintf(path, sizeof path, "%s/s.xlsx", dir);
    /* 3 units × 30 hours: 6 rows fit, 20 columns do not (4 + 30 needed) */
    ck_assert_int_eq(cu_xlsx_build(r, &o, path, 100, 20, &err), CURTAIL_OK);
    wb = unzip_member(path, "xl/workbook.xml");
    ck_assert_ptr_nonnull(strstr(wb, "<sheet name=\"分段汇总\" sheetId=\"1\" r:id=\"rId1\"/>"
                                     "<sheet name=\"清单\" sheetId=\"2\" r:id=\"rId2\"/>"
                                     "<sheet name=\"逐时排放\" sheetId=\"3\" r:id=\"rId3\"/>"
                                     "<sheet name=\"逐时负荷\" sheetId=\"4\" r:id=\"rId4\"/>"));
    sheet = unzip_member(path, "xl/worksheets/sheet4.xml");
    ck_assert_ptr_nonnull(strstr(sheet, "逐时负荷共 3 个生产单元 × 30 小时，超出 Excel 工作表上限"));
    free(sheet);
    /* with room: one row per unit, one column per hour (AH = column 34) */
    ck_assert_int_eq(cu_xlsx_build(r, &o, path, 100, 40, &err), CURTAIL_OK);
    sheet = unzip_member(path, "xl/worksheets/sheet4.xml");
    ck_assert_ptr_nonnull(strstr(sheet, "<dimension ref=\"A1:AH6\"/>"));
    ck_assert_ptr_null(strstr(sheet, "超出 Excel"));
    free(sheet);
    free(wb);
    remove(path);
    rmdir(dir);
    free(dir);
    curtail_result_free(r);
    curtail_scenario_free(s);
}
END_TEST

START_TEST(test_version_info)
{
    char buf[256];
    int n = curtail_version_info(buf, sizeof buf);
    ck_assert_int_eq(n, (int)strlen(buf));
    ck_assert(strncmp(buf, "curtail " CURTAIL_VERSION_STRING " (GLPK ", 15) == 0);
    ck_assert_ptr_nonnull(strstr(buf, ", libyaml 0."));
    ck_assert_ptr_nonnull(strstr(buf, ", libxlsxwriter 1."));
#ifdef CURTAIL_WITH_CLP
    /* named, not loaded: Clp is dlopen()ed by the first --solver clp solve */
    ck_assert_ptr_nonnull(strstr(buf, ", Clp libClp.so.1 loaded on use)"));
#endif
    ck_assert_int_eq(curtail_version_info(NULL, 0), n);
}
END_TEST

static Suite *report_suite(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_svg_ticks);
    tcase_add_test(tc, test_xml_text);
    tcase_add_test(tc, test_svg_bars);
    tcase_add_test(tc, test_html_golden_zh);
    tcase_add_test(tc, test_html_golden_en);
    tcase_add_test(tc, test_html_escapes_names);
    tcase_add_test(tc, test_html_schedule);
    tcase_add_test(tc, test_xlsx_identical_bytes);
    tcase_add_test(tc, test_xlsx_limits_note);
    tcase_add_test(tc, test_version_info);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(report_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
