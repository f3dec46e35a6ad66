#!/bin/sh
# Render the Xiangyuan HTML report in headless Chromium (issue 12): a PNG
# screenshot that is not blank and has the window's size, an A4-landscape PDF,
# and an HTML that references nothing outside itself. Skips (exit 77) only
# when Chromium is not installed (scripts/install-deps.sh installs it).
#   chromium_test.sh CURTAIL SOURCE_DIR [PNG_COPY]
set -eu
CLI=$1
SRC=$2
COPY=${3:-}
BROWSER=""
for b in chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null 2>&1; then
        BROWSER=$b
        break
    fi
done
if [ -z "$BROWSER" ]; then
    echo "skipped: chromium not installed (scripts/install-deps.sh installs it)"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$CLI" plan "$SRC/examples/xiangyuan.yaml" -o "$tmp/report.html" 2>/dev/null
"$CLI" schedule "$SRC/examples/xiangyuan-summer.yaml" -o "$tmp/episode.html" 2>/dev/null

# Nothing fetched: no src=, href=, @import, url() other than the charts' own
# #patterns, no http(s):, file: or protocol-relative // outside the SVG namespace.
python3 - "$tmp/report.html" "$tmp/episode.html" <<'PY'
import re, sys
import xml.etree.ElementTree as ET
for f in sys.argv[1:]:
    t = open(f, encoding="utf-8").read()
    bad = re.findall(r'(?:\bsrc\s*=|\bhref\s*=|@import|<script|<link|<img|<iframe|<object)', t, re.I)
    assert not bad, f"{f}: external references {bad[:5]}"
    for u in re.findall(r'url\(([^)]*)\)', t):
        assert u.startswith("#"), f"{f}: url({u})"
    rest = t.replace('xmlns="http://www.w3.org/2000/svg"', "")
    for pat in (r'https?:', r'file:', r'(?<![:\w])//[\w.-]+'):
        m = re.search(pat, rest)
        assert not m, f"{f}: {pat} at {rest[max(0, m.start()-40):m.end()+40]!r}"
    svgs = re.findall(r'<svg.*?</svg>', t, re.S)
    assert len(svgs) >= 11, f"{f}: {len(svgs)} charts"
    for s in svgs:
        ET.fromstring(s)  # every chart is well-formed XML
    print(f"ok: {f.rsplit('/', 1)[1]}: self-contained, {len(svgs)} SVG charts parse as XML")
PY

shoot() { # html png width height
    timeout 120 "$BROWSER" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --user-data-dir="$tmp/profile" --no-first-run --disable-extensions \
        --screenshot="$2" --window-size="$3,$4" "file://$1" >"$tmp/log" 2>&1 || {
        cat "$tmp/log"
        exit 1
    }
}
shoot "$tmp/report.html" "$tmp/report.png" 1200 1500
shoot "$tmp/episode.html" "$tmp/episode.png" 1200 1500
timeout 120 "$BROWSER" --headless --no-sandbox --disable-gpu --user-data-dir="$tmp/profile" \
    --no-first-run --disable-extensions --no-pdf-header-footer \
    --print-to-pdf="$tmp/report.pdf" "file://$tmp/report.html" >"$tmp/log" 2>&1 || {
    cat "$tmp/log"
    exit 1
}

python3 - "$tmp/report.png" "$tmp/episode.png" "$tmp/report.pdf" <<'PY'
import re, struct, sys, zlib

def png_pixels(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6), f"depth {depth} colour type {ctype}"
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    nonwhite = colour = 0
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(0, stride, bpp):
            r, g, bl = line[x], line[x + 1], line[x + 2]
            if r < 240 or g < 240 or bl < 240:
                nonwhite += 1
            if max(r, g, bl) - min(r, g, bl) > 60:
                colour += 1
        prev = line
    return w, h, nonwhite, colour

for path in sys.argv[1:3]:
    w, h, nonwhite, colour = png_pixels(path)
    total = w * h
    assert (w, h) == (1200, 1500), f"{path}: size {w}x{h}, want 1200x1500"
    assert nonwhite > total * 0.05, f"{path}: nearly blank ({nonwhite} of {total} pixels)"
    # the first screen's colour is the charts' lines and level bands (a blank
    # or unstyled render has none); an episode's wide segment table leaves
    # about 0.6 % of it coloured
    assert colour > total * 0.004, f"{path}: no coloured chart or table ({colour} pixels)"
    print(f"ok: {path.rsplit('/', 1)[1]}: {w}x{h}, {100 * nonwhite / total:.1f}% non-white, "
          f"{100 * colour / total:.1f}% coloured")

pdf = open(sys.argv[3], "rb").read()
assert pdf[:5] == b"%PDF-", "not a PDF"
boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
assert boxes, "no MediaBox"
bw, bh = float(boxes[0][0]), float(boxes[0][1])
assert abs(bw - 841.92) < 2 and abs(bh - 595.2) < 2, f"page {bw}x{bh} pt, want A4 landscape"
assert pages >= 2, f"{pages} pages"
print(f"ok: report.pdf: {pages} pages of {bw:g}x{bh:g} pt (A4 landscape), {len(pdf)} bytes")
PY
if [ -n "$COPY" ]; then
    cp "$tmp/report.png" "$COPY"
fi
echo "chromium test passed"
