#!/usr/bin/env bash
# report.html as a person sees it: one run of each family, the page rendered by headless Chromium,
# its numbers (summary, energy by component, every layer's row) checked against report.json, no
# network reference, the trace viewer link; screenshots left in WORK_DIR/<platform>.png.
# usage: report_html_test.sh SKIPSIM_BINARY TRACE_CHECK SOURCE_DIR WORK_DIR
set -euo pipefail
bin=$1 check=$2 src=$3 work=$4
rm -rf "$work"
mkdir -p "$work"
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "FAIL: chromium is not installed (tools/test.sh installs it)"; exit 1; }
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile" --force-device-scale-factor=1)
fail=0
for run in ws_32x32:tiny bitserial_32x32:lenet5_mnist_cc8 zero_skip_64x8:tiny aie_4x4:aie_tiny \
           pim_512x256:resnet20_cifar10_2bit; do
  platform=${run%%:*} workload=${run#*:} dir="$work/$platform"
  "$bin" run --quiet --platform "$src/platforms/$platform.json" --workload "$src/workloads/zoo/$workload.json" \
    --trace --out "$dir"
  "$check" "$dir/trace.json" >/dev/null || { echo "FAIL: $platform: invalid trace"; "$check" "$dir/trace.json"; fail=1; }
  "$browser" "${flags[@]}" --dump-dom "file://$dir/report.html" >"$dir/dom.html" 2>>"$work/chromium.log"
  "$browser" "${flags[@]}" --window-size=1280,3000 --screenshot="$work/$platform.png" "file://$dir/report.html" \
    >/dev/null 2>>"$work/chromium.log"
  [ -s "$work/$platform.png" ] || { echo "FAIL: $platform: no screenshot"; fail=1; }
  /usr/bin/python3 - "$dir" "$platform" <<'PY' || fail=1
import html.parser, json, re, sys
run, platform = sys.argv[1], sys.argv[2]
report = json.load(open(run + "/report.json"))
dom = open(run + "/dom.html").read()
source = open(run + "/report.html").read()
errors = []

class Page(html.parser.HTMLParser):
    """Collects the text of every data-field element, every layer row's cells and every SVG text."""
    def __init__(self):
        super().__init__()
        self.fields, self.rows, self.texts, self.stack = {}, {}, [], []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.stack.append((tag, a.get("data-field"), a.get("data-layer")))
        if tag == "tr" and a.get("data-layer") is not None:
            self.row = self.rows.setdefault(int(a["data-layer"]), [])
        if tag == "td" and any(s[2] is not None for s in self.stack):
            self.row.append("")
    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass
    def handle_data(self, data):
        for tag, field, _ in reversed(self.stack):
            if field:
                self.fields[field] = self.fields.get(field, "") + data
                break
        if self.stack and self.stack[-1][0] == "td" and any(s[2] is not None for s in self.stack):
            self.row[-1] += data
        if self.stack and self.stack[-1][0] == "text":
            self.texts.append(data)

page = Page()
page.feed(dom)
def number(text):
    m = re.search(r"-?[\d,]*\.?\d+", text or "")
    return float(m.group(0).replace(",", "")) if m else None
def near(what, shown, want, tol):
    if shown is None or abs(shown - want) > tol:
        errors.append(f"{what}: the page shows {shown}, report.json says {want}")

t = report["totals"]
near("cycles", number(page.fields.get("cycles")), t["cycles"], 0)
near("time", number(page.fields.get("time_ms")), t["seconds"] * 1e3, 0.0005 + 1e-9)
near("energy", number(page.fields.get("energy_uj")), t["energy_pj"]["total"] / 1e6, 0.0005 + 1e-9)
near("utilization", number(page.fields.get("utilization")), 100 * t["utilization"], 0.05 + 1e-9)
near("DDR", number(page.fields.get("ddr_mb")), (t["ddr_bytes"]["read"] + t["ddr_bytes"]["written"]) / 1e6, 0.0005 + 1e-9)
near("speedup", number(page.fields.get("speedup")), t["compute_speedup"], 0.005 + 1e-9)
# Energy by component: the label "<path> (<share> %)" and then its value in uJ.
for path, pj in t["energy_pj"]["by_component"].items():
    idx = [i for i, s in enumerate(page.texts) if s.startswith(path + " (")]
    if not idx:
        errors.append(f"energy by component: no bar for {path}")
        continue
    near(f"energy of {path}", number(page.texts[idx[0] + 1]), pj / 1e6, 0.0005 + 1e-9)
    near(f"energy share of {path}", number(page.texts[idx[0]][len(path):]), 100 * pj / t["energy_pj"]["total"], 0.05 + 1e-9)
# Area: the card, then a bar per component after the area chart's title, "<path> (<share> %)" and its mm2.
area = report["area"]
near("area", number(page.fields.get("area_mm2")), area["total_mm2"], 0.0005 + 1e-9)
start = page.texts.index("Area by component (45 nm)") if "Area by component (45 nm)" in page.texts else None
if start is None:
    errors.append("no area chart")
for path, c in area["components"].items():
    idx = [i for i, s in enumerate(page.texts) if start is not None and i > start and s.startswith(path + " (")]
    if not idx:
        errors.append(f"area by component: no bar for {path}")
        continue
    near(f"area of {path}", number(page.texts[idx[0] + 1]), c["um2"] / 1e6, 0.0005 + 1e-9)
layers = report["layers"]
if len(page.rows) != len(layers):
    errors.append(f"{len(page.rows)} layer rows for {len(layers)} layers")
for i, l in enumerate(layers):
    row = page.rows.get(i)
    if not row:
        continue
    if row[1] != l["name"]:
        errors.append(f"layer {i}: named {row[1]!r}, report.json says {l['name']!r}")
    for col, key in ((5, "cycles"), (6, "compute_cycles"), (7, "stall_cycles")):
        near(f"layer {i} {key}", number(row[col]), l[key], 0)
    near(f"layer {i} utilization", number(row[8]), 100 * l["utilization"], 0.05 + 1e-9)
    near(f"layer {i} speedup", number(row[9]), l["compute_speedup"], 0.005 + 1e-9)
    near(f"layer {i} energy", number(row[10]), l["energy_pj"]["total"] / 1e6, 0.0005 + 1e-9)
for bad in re.findall(r"""(?:src|href)=["'](?:https?:)?//[^"']*|<script[^>]*src|<link[^>]*href|@import|url\(""", source):
    errors.append("a network or external reference: " + bad)
if "viewer-link" not in source or "trace.json" not in source:
    errors.append("no link to the trace viewer with this run's trace")
for section in ("Energy by component", "Compute and stall cycles per layer", "speedup vs dense per layer",
                "Energy per layer", "Area", "Layers and their mapping", "Platform:", "Provenance"):
    if section not in dom:
        errors.append("no section " + section)
for e in errors[:20]:
    print(f"FAIL: {platform}: {e}")
print(f"{platform}: {len(layers)} layers, {len(errors)} mismatches")
sys.exit(1 if errors else 0)
PY
done
# --no-html leaves the page out.
"$bin" run --quiet --platform "$src/platforms/ws_32x32.json" --workload "$src/workloads/zoo/tiny.json" --no-html \
  --out "$work/no-html"
[ ! -e "$work/no-html/report.html" ] || { echo "FAIL: --no-html wrote report.html"; fail=1; }
[ $fail -eq 0 ] && echo "report.html: numbers match report.json for every family; screenshots in $work"
exit $fail
