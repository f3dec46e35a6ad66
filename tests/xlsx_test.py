#!/usr/bin/env python3
"""Read curtail's xlsx workbooks back (zipfile + the sheet XML, no extra
package): sheet names, an all-digit credit code kept as a string, the merged
group headers, frozen panes, autofilter, print setup, the schedule's sheets,
and identical bytes across two runs.

usage: xlsx_test.py CURTAIL SOURCE_DIR
"""
import os
import re
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_code(first17):
    """GB 32100: the check character of 17 characters."""
    s = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return first17 + CHARSET[(31 - s % 31) % 31]


def run(cli, *args):
    p = subprocess.run([cli, *args], capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        sys.exit(f"curtail {' '.join(args)}: exit {p.returncode}\n{p.stderr}")
    return p


def sheets(z):
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    return [s.get("name") for s in wb.find("m:sheets", NS)]


def cell(sheet, ref):
    for c in sheet.iter(f"{{{NS['m']}}}c"):
        if c.get("r") == ref:
            t = c.get("t")
            if t == "inlineStr":
                return "str", "".join(x.text or "" for x in c.iter(f"{{{NS['m']}}}t"))
            if t == "s":
                return "shared", c.find("m:v", NS).text
            v = c.find("m:v", NS)
            return "num", v.text if v is not None else None
    return None, None


def check(cond, what):
    if not cond:
        sys.exit("FAIL: " + what)
    print("ok:", what)


def main():
    cli, src = sys.argv[1], sys.argv[2]
    tmp = tempfile.mkdtemp()
    # the golden scenario with an all-digit credit code (Excel would show it
    # as 9.11404E+17 and lose its last digits if it were a number)
    code = credit_code("91140423123456789")
    check(code.isdigit() or code[:-1].isdigit(), f"test code {code}")
    text = open(os.path.join(src, "tests/data/golden/plan.yaml"), encoding="utf-8").read()
    text = text.replace("91140423MA0HX0001C", code)
    yaml = os.path.join(tmp, "digits.yaml")
    open(yaml, "w", encoding="utf-8").write(text)

    a, b = os.path.join(tmp, "a.xlsx"), os.path.join(tmp, "b.xlsx")
    run(cli, "plan", yaml, "-o", a)
    run(cli, "plan", yaml, "--format", "xlsx", "-o", b)
    check(open(a, "rb").read() == open(b, "rb").read(), "two runs give identical bytes")
    check(subprocess.run([cli, "plan", yaml, "--format", "xlsx"], capture_output=True).stdout
          == open(a, "rb").read(), "stdout carries the same bytes")

    z = zipfile.ZipFile(a)
    check(sheets(z) == ["汇总", "清单", "附录", "提示"], "plan sheets 汇总, 清单, 附录, 提示")
    core = z.read("docProps/core.xml").decode()
    check("2024-01-01T00:00:00Z</dcterms:created>" in core, "fixed creation date")
    lst = ET.fromstring(z.read("xl/worksheets/sheet2.xml"))
    kind, value = cell(lst, "C4")
    check(kind in ("str", "shared"), f"credit code cell is a string ({kind})")
    if kind == "shared":
        sst = ET.fromstring(z.read("xl/sharedStrings.xml"))
        value = "".join(t.text or "" for t in list(sst)[int(value)].iter(f"{{{NS['m']}}}t"))
    check(value == code, f"credit code {value} == {code}")
    merges = [m.get("ref") for m in lst.find("m:mergeCells", NS)]
    check(merges == ["A1:AL1", "A2:J2", "K2:N2", "O2:V2", "W2:AD2", "AE2:AL2"],
          f"merged title and group headers {merges}")
    check(cell(lst, "O2") == ("str", "黄色预警（减排量 kg/d）"), "yellow group header")
    check(cell(lst, "Q3") == ("str", "依据"), "yellow 依据 column after its measure")
    check(cell(lst, "R3") == ("str", "运输措施"), "yellow 运输措施 column after its 依据")
    check(cell(lst, "H3") == ("str", "设计产能") and cell(lst, "I3") == ("str", "产能单位"),
          "the capacity, then its unit")
    check(cell(lst, "J3") == ("str", "基准负荷"), "base load column after the capacity's unit")
    # the boiler b1 (capacity 960 t/d): 40 in its unit, t/h, as the Markdown's 40 吨/小时;
    # the oven 1000 t/d
    check(cell(lst, "H8") == ("num", "40") and cell(lst, "I8") == ("str", "吨/小时"),
          f"boiler capacity 40 吨/小时 {cell(lst, 'H8')} {cell(lst, 'I8')}")
    check(cell(lst, "H4") == ("num", "1000") and cell(lst, "I4") == ("str", "吨/日"),
          "oven capacity 1000 吨/日")
    check(cell(lst, "B3") == ("str", "企业名称"), "column header 企业名称")
    n_units = 5
    check(lst.find("m:autoFilter", NS).get("ref") == f"A3:AL{3 + n_units}", "autofilter")
    pane = lst.find("m:sheetViews/m:sheetView/m:pane", NS)
    check(pane.get("state") == "frozen" and pane.get("ySplit") == "3" and pane.get("xSplit") == "2",
          "frozen panes below the headers, right of the names")
    ps = lst.find("m:pageSetup", NS)
    check(ps.get("orientation") == "landscape" and ps.get("paperSize") == "9", "A4 landscape")
    wb = z.read("xl/workbook.xml").decode()
    check("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">'清单'!$2:$3</definedName>"
          in wb, "header rows repeated on every printed page")
    # the unit r1's red load 0.175 (hand-computed in check_write.c), as a number
    check(cell(lst, "AE6")[0] == "num" and abs(float(cell(lst, "AE6")[1]) - 0.175) < 1e-12,
          "r1 red load 0.175 is a number")
    summ = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    # red NOx: listed 1200 kg/d, required and achieved 45 % of it (base: listed)
    # (base listed: no county column; C listed, D the order's ratio, H achieved ratio)
    check(cell(summ, "C15") == ("num", "1200"), "red NOx listed enterprises' emissions 1200")
    check(cell(summ, "D15") == ("num", "0.45") and cell(summ, "H15") == ("num", "0.45"),
          "red NOx required and achieved 45 % of the listed")
    check(cell(summ, "E15") == ("num", "540"), "red NOx the listed enterprises must reduce 540")
    annex = ET.fromstring(z.read("xl/worksheets/sheet3.xml"))
    check(cell(annex, "C16") == ("num", "500"), "red NOx marginal cost 500 yuan/kg in the annex")
    check(len([n for n in z.namelist() if n.startswith("xl/charts/chart")]) == 3,
          "three native charts on 汇总")

    e = os.path.join(tmp, "en.xlsx")
    run(cli, "plan", yaml, "--lang", "en", "-o", e)
    check(sheets(zipfile.ZipFile(e)) == ["Summary", "List", "Annex", "Warnings"],
          "English sheet names")

    s = os.path.join(tmp, "s.xlsx")
    run(cli, "schedule", os.path.join(src, "examples/xiangyuan-winter.yaml"), "-o", s)
    zs = zipfile.ZipFile(s)
    check(sheets(zs)[:4] == ["分段汇总", "清单", "逐时排放", "逐时负荷"], "schedule sheets")
    hourly = ET.fromstring(zs.read("xl/worksheets/sheet4.xml"))
    dim = hourly.find("m:dimension", NS).get("ref")
    check(dim == "A1:DT34", f"hourly loads: 31 units × 120 hours ({dim})")
    emis = ET.fromstring(zs.read("xl/worksheets/sheet3.xml"))
    check(emis.find("m:dimension", NS).get("ref") == "A1:F123", "120 hourly emission rows")

    # the public version (公示版): one sheet, the public columns, no emissions or money
    pub = os.path.join(tmp, "public.xlsx")
    run(cli, "plan", yaml, "--public", "-o", pub)
    zp = zipfile.ZipFile(pub)
    check(sheets(zp) == ["清单"], "public workbook: the list alone")
    pl = ET.fromstring(zp.read("xl/worksheets/sheet1.xml"))
    check(pl.find("m:dimension", NS).get("ref") == f"A1:S{3 + n_units}",
          "public list: 19 columns (9, the capacity's unit, and load, measure, transport per level)")
    check(cell(pl, "H8") == ("num", "40") and cell(pl, "I8") == ("str", "吨/小时"),
          "public boiler capacity 40 吨/小时")
    check(cell(pl, "M3") == ("str", "黄色 运输措施"), "public yellow 运输措施 column")
    texts = " ".join(t.text or "" for n in zp.namelist() if n.endswith(".xml")
                     for t in ET.fromstring(zp.read(n)).iter(f"{{{NS['m']}}}t"))
    check(texts.startswith("示例县 2023 应急减排清单 — 一企一策清单（公示版）"), "public title")
    check(not any(w in texts for w in ("kg", "减排量 ", "基准排放量", "万元", "影子价格", "依据")),
          "public workbook without emissions, reductions, money or reasons")
    check(cell(pl, "C4")[0] in ("str", "shared"), "public credit code as text, not a number")
    check(cell(pl, "S4") == ("str", "停止公路运输"), "public red transport measure of the oven's plant")
    check("车次" not in texts, "public workbook without trips stopped")
    print("xlsx test passed")


if __name__ == "__main__":
    main()
