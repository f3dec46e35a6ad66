#!/usr/bin/env python3
"""curtail sweep --format xlsx / html (issue 12), read back with python3's
zipfile and xml only: the workbook's sheet names, values of the comparison
and cost-curve sheets (hand numbers of the knapsack case,
tests/plan_cases/README.md), its native line chart, identical bytes across
two runs and through -o FILE.xlsx vs stdout; the HTML against its goldens
(zh and en), referencing nothing outside itself, its SVGs well-formed XML.

usage: sweep_formats_test.py CURTAIL SOURCE_DIR
"""
import os
import re
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
CLI, SRC = sys.argv[1], sys.argv[2]
INPUT = os.path.join(SRC, "tests/data/valid/plan_knapsack/input.yaml")
GOLDEN = os.path.join(SRC, "tests/data/golden")
SWEEP = ["sweep", INPUT, "--set", "targets.ratios.red.NOx=0.5:0.8:0.1",
         "--curve", "targets.ratios.red.NOx"]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def run(*args, binary=True):
    p = subprocess.run([CLI, *args], capture_output=True, timeout=120)
    if p.returncode != 0:
        sys.exit("curtail %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr.decode()))
    return p.stdout


def sheets(path):
    """{sheet name: {cell ref: value}} (inline strings and numbers)."""
    z = zipfile.ZipFile(path)
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    names = [s.get("name") for s in wb.find("m:sheets", NS)]
    out = {}
    for i, name in enumerate(names, 1):
        root = ET.fromstring(z.read("xl/worksheets/sheet%d.xml" % i))
        cells = {}
        for c in root.iter("{%s}c" % NS["m"]):
            t = c.find("m:is/m:t", NS)
            v = c.find("m:v", NS)
            cells[c.get("r")] = t.text if t is not None else (float(v.text) if v is not None else None)
        out[name] = (cells, root)
    return names, out, z


with tempfile.TemporaryDirectory() as d:
    a, b = os.path.join(d, "a.xlsx"), os.path.join(d, "b.xlsx")
    run(*SWEEP, "-o", a)
    run(*SWEEP, "--format", "xlsx", "-o", b)
    bytes_a = open(a, "rb").read()
    check(bytes_a == open(b, "rb").read(), "two runs give identical xlsx bytes")
    check(run(*SWEEP, "--format", "xlsx") == bytes_a, "stdout xlsx is the file's bytes")
    names, sh, z = sheets(a)
    check(names == ["情景对比", "成本曲线"], "sheet names %r" % names)
    table, troot = sh["情景对比"]
    # header row 4: 变体, the set, 预警级别, 状态, ...; row 5: base 0.5 yellow
    check(table.get("A4") == "变体" and table.get("B4") == "targets.ratios.red.NOx",
          "comparison header %r %r" % (table.get("A4"), table.get("B4")))
    check(table.get("B5") == 0.5 and table.get("C5") == "黄色", "first row 0.5 黄色")
    # row 7: 0.5, red: 250 kg NOx required and achieved (NOx columns after SO2's 4)
    check(table.get("C7") == "红色", "row 7 is red")
    check(table.get("E7") == 1.2, "objective 12000 yuan = 1.2 万元, got %r" % table.get("E7"))
    check(table.get("F7") == 0.375, "red lost value 3750 = 0.375 万元")
    check(table.get("L7") == 250 and table.get("M7") == 250 and table.get("O7") == 30,
          "red NOx required/achieved/marginal %r %r %r" % (table.get("L7"), table.get("M7"), table.get("O7")))
    check(troot.find("m:autoFilter", NS) is not None, "autofilter")
    pane = troot.find("m:sheetViews/m:sheetView/m:pane", NS)
    check(pane is not None and pane.get("state") == "frozen" and pane.get("ySplit") == "4",
          "frozen header")
    curve, _ = sh["成本曲线"]
    # rows 4..7: 0.5 .. 0.8; marginal cost 30, 30, 100, 100 (beta, then alpha)
    check([curve.get("B%d" % r) for r in range(4, 8)] == [0.5, 0.6, 0.7, 0.8], "curve ratios")
    check([curve.get("G%d" % r) for r in range(4, 8)] == [30, 30, 100, 100], "curve marginal costs")
    check(curve.get("H6") == 0.63, "lost value at 0.7: 6300 yuan = 0.63 万元")
    chart = z.read("xl/charts/chart1.xml").decode()
    check("<c:lineChart>" in chart and "'成本曲线'!$G$4:$G$7" in chart
          and "'成本曲线'!$B$4:$B$7" in chart, "native line chart of column G against B")
    # English sheet names with --lang en
    en = os.path.join(d, "en.xlsx")
    run(*SWEEP, "--lang", "en", "-o", en)
    check(sheets(en)[0] == ["Comparison", "Cost curve"], "English sheet names")

    # HTML: goldens, nothing external, SVG as XML
    for lang in ("zh", "en"):
        html = run(*SWEEP, "--format", "html", "--lang", lang).decode()
        want = open(os.path.join(GOLDEN, "sweep.%s.html" % lang), encoding="utf-8").read()
        check(html == want, "sweep.%s.html is the golden" % lang)
        out = os.path.join(d, "s.%s.html" % lang)
        run(*SWEEP, "-o", out)
        if lang == "zh":
            check(open(out, encoding="utf-8").read() == want, "-o FILE.html is the html format")
        check(not re.search(r"(?i)\b(src|href)\s*=|@import|url\((?!#)|<script|<link", html),
              "the %s page references nothing outside itself" % lang)
        svgs = re.findall(r"<svg.*?</svg>", html, re.S)
        check(len(svgs) == 2, "two charts, got %d" % len(svgs))
        for s in svgs:
            try:
                root = ET.fromstring(s)
                check(root.tag == "{http://www.w3.org/2000/svg}svg", "svg root")
            except ET.ParseError as e:
                check(False, "svg parses: %s" % e)
        check(html.count("<polyline") == 2, "one line per chart")

if failures:
    sys.exit("%d failure(s)" % len(failures))
print("sweep formats test passed")
