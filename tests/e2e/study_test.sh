#!/usr/bin/env bash
# `skipsim study` as a user runs it, on a small CNN, every family of the shipped budget:
# (1) every row equals a separate `skipsim run` of the platform and workload the study wrote
#     (same cycles and energy), and every platform has the budget's peak;
# (2) a study killed mid-way and run again loses nothing and computes no point twice, and ends
#     with the same table as an uninterrupted one;
# (3) index.html rendered by headless Chromium shows every family and every row's numbers as
#     study.csv has them, and refers to nothing outside the study directory.
# usage: study_test.sh SKIPSIM_BINARY SOURCE_DIR WORK_DIR
set -euo pipefail
bin=$1 src=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$src"
net=tests/inputs/study/small_cnn.json
fail() { echo "FAIL: $*" >&2; exit 1; }

# (1) Rows against separate runs.
"$bin" study --workload "$net" --density 1,0.5,0.25 -j 2 --quiet --out "$work/study"
/usr/bin/python3 - "$bin" "$work" <<'PY' || exit 1
import csv, json, subprocess, sys
bin, work = sys.argv[1], sys.argv[2]
study = work + "/study"
rows = list(csv.DictReader(open(study + "/study.csv")))
plan = json.load(open(study + "/study-plan.json"))
families = {r["family"] for r in rows}
errors = []
if len(families) != 7: errors.append(f"expected the budget's 7 families, got {sorted(families)}")
if len(rows) != 7 * 3: errors.append(f"expected 21 rows (7 families x 3 densities), got {len(rows)}")
for i, r in enumerate(rows):
    if r["status"] != "ok":
        errors.append(f"row {i} {r['family']} {r['density_target']}: {r['status']} {r['message']}")
        continue
    if int(r["peak_macs_per_cycle"]) != 1024: errors.append(f"{r['family']}: peak {r['peak_macs_per_cycle']}, expected 1024")
    out = f"{work}/rerun-{i}"
    subprocess.run([bin, "run", "--quiet", "--no-html", "--platform", study + "/" + r["platform"],
                    "--workload", r["workload"] if r["workload"].startswith("/") else study + "/" + r["workload"],
                    "--out", out], check=True)
    t = json.load(open(out + "/report.json"))["totals"]
    if t["cycles"] != int(r["cycles"]): errors.append(f"row {i} {r['family']} d={r['density_target']}: cycles {r['cycles']} in the study, {t['cycles']} in a run")
    if abs(t["energy_pj"]["total"] - float(r["energy_pj"])) > 1e-9 * t["energy_pj"]["total"]:
        errors.append(f"row {i}: energy {r['energy_pj']} in the study, {t['energy_pj']['total']} in a run")
    if float(r["density_target"]) == 1 and abs(float(r["speedup_vs_dense"]) - 1) > 1e-12: errors.append(f"row {i}: a dense row's speedup is not 1")
    if float(r["density_target"]) < 1 and r["family"] != "ws" and r["supported"] != "true":
        errors.append(f"row {i} {r['family']}: the family's own structure is not exploited: {r['reason']}")
    if float(r["density_target"]) < 1 and r["family"] != "ws" and float(r["density_achieved"]) >= 1: errors.append(f"row {i}: nothing pruned")
    if r["family"] == "ws" and float(r["density_target"]) < 1 and (r["supported"] != "false" or "skips no pruned work" not in r["reason"]):
        errors.append(f"row {i}: the baseline at density {r['density_target']} does not say why it runs dense")
layers = list(csv.DictReader(open(study + "/layers.csv")))
for r in rows:
    ls = [l for l in layers if l["network"] == r["network"] and l["family"] == r["family"] and l["density_target"] == r["density_target"]]
    if len(ls) != 5 or sum(int(l["cycles"]) for l in ls) != int(r["cycles"]):
        errors.append(f"layers.csv for {r['family']} {r['density_target']}: {len(ls)} layers whose cycles do not add up to the row's")
    for col in ("energy_pj", "energy_dram_pj", "energy_sram_pj", "energy_accelerator_pj"):
        if abs(sum(float(l[col]) for l in ls) - float(r[col])) > 1e-6 * float(r["energy_pj"]):
            errors.append(f"layers.csv for {r['family']} {r['density_target']}: {col} does not add up to the row's")
for e in errors: print("FAIL:", e)
sys.exit(1 if errors else 0)
PY
echo "ok: every study row equals a separate run (and its layers add up to it); every platform has 1024 MACs per cycle"

# (1b) Equal areas: every platform within the baseline's area at the peak budget (AIE's smallest,
# one core and its mem-tile, is larger: the study says so and runs it).
"$bin" study --workload "$net" --density 1,0.5 --families os,zero_skip,pim,aie --normalize area -j 2 \
  --out "$work/area" >/dev/null 2>"$work/area.err"
/usr/bin/python3 - "$work/area" <<'PY' || exit 1
import json, sys
plan = json.load(open(sys.argv[1] + "/study-plan.json"))
target = plan["budget"]["area_mm2"]
errors = []
if plan["budget"]["normalize"] != "area" or not target > 0: errors.append(f"budget {plan['budget']}")
for f in plan["families"]:
    if f["name"] != "aie" and not (0.5 * target < f["area_mm2"] <= target * (1 + 1e-9)):
        errors.append(f"{f['name']}: {f['area_mm2']} mm2, expected the largest within {target}")
for r in json.load(open(sys.argv[1] + "/study.json"))["rows"]:
    if r["status"] != "ok" or abs(r["area_mm2"] - next(f["area_mm2"] for f in plan["families"] if f["name"] == r["family"])) > 1e-9:
        errors.append(f"row {r['family']} {r['density_target']}: {r.get('area_mm2')} mm2 in its report")
for e in errors: print("FAIL:", e)
sys.exit(1 if errors else 0)
PY
grep -q "warning: aie is .* mm2 at its smallest" "$work/area.err" || fail "no warning that AIE's smallest platform exceeds the area"
echo "ok: with --normalize area every platform is the largest of its shape within $(grep -o '"area_mm2": [0-9.]*' "$work/area/study-plan.json" | head -1)"

# (1c) A network that holds its own zeros (DeGirum's P85 masks) runs as given, beside the same shapes dense.
"$bin" study --workload workloads/zoo/resnet50_pruned_85.json --families zero_skip -j 2 --quiet --out "$work/given"
/usr/bin/python3 - "$work/given/study.csv" <<'PY' || exit 1
import csv, sys
rows = {(r["family"], r["density_target"]): r for r in csv.DictReader(open(sys.argv[1]))}
errors = []
if set(rows) != {("ws", "1"), ("ws", "given"), ("zero_skip", "1"), ("zero_skip", "given")}: errors.append(f"rows {sorted(rows)}")
else:
    g = rows[("zero_skip", "given")]
    if not (0.14 < float(g["density_achieved"]) < 0.17) or g["supported"] != "true" or float(g["speedup_vs_dense"]) <= 1:
        errors.append(f"the P85 model as given: density {g['density_achieved']}, supported {g['supported']}, speedup {g['speedup_vs_dense']}")
    if float(rows[("zero_skip", "1")]["density_achieved"]) != 1: errors.append("the dense run of the same shapes is not dense")
for e in errors: print("FAIL:", e)
sys.exit(1 if errors else 0)
PY
echo "ok: a pruned model runs as given beside its shapes dense"

# (2) Killed mid-way, run again.
"$bin" study --workload "$net" --density 1,0.5,0.25 -j 1 --mode cycle --quiet --out "$work/killed" &
pid=$!
for _ in $(seq 600); do
  [ "$(grep -l '"status":"ok"' "$work"/killed/points/*.state.json 2>/dev/null | wc -l)" -ge 3 ] && break
  sleep 0.1
done
kill -TERM "$pid"
wait "$pid" || true
done_before=$(grep -l '"status":"ok"' "$work"/killed/points/*.state.json | wc -l)
[ "$done_before" -ge 3 ] && [ "$done_before" -lt 19 ] || fail "killed with $done_before of 19 points done; expected some but not all"
[ -z "$(find "$work/killed/points" -name '*.partial*')" ] || fail "staging left after the kill"
for f in "$work"/killed/points/*.state.json; do
  grep -q '"status":"ok"' "$f" && stat -c '%n %Y.%y' "$f"
done | sort >"$work/finished-before"
"$bin" study --workload "$net" --density 1,0.5,0.25 -j 2 --mode cycle --quiet --out "$work/killed"
while read -r name _; do stat -c '%n %Y.%y' "$name"; done <"$work/finished-before" | sort >"$work/finished-after"
cmp -s "$work/finished-before" "$work/finished-after" || fail "a point finished before the kill was computed again"
"$bin" study --workload "$net" --density 1,0.5,0.25 -j 2 --mode cycle --quiet --out "$work/whole"
same_table() {  # the two study.csv files without run_dir (ids hash the study's own paths)
  /usr/bin/python3 -c 'import csv, sys
a, b = ([{k: v for k, v in r.items() if k != "run_dir"} for r in csv.DictReader(open(f))] for f in sys.argv[1:])
sys.exit(a != b)' "$1" "$2"
}
same_table "$work/killed/study.csv" "$work/whole/study.csv" ||
  { diff "$work/killed/study.csv" "$work/whole/study.csv" >&2; fail "the resumed study's table differs from an uninterrupted one's"; }
echo "ok: killed with $done_before of 19 points done; resumed, nothing lost or computed again, same table"

# (3) The page in Chromium.
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || fail "chromium is not installed (tools/test.sh installs it)"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile" --force-device-scale-factor=1)
"$browser" "${flags[@]}" --dump-dom "file://$work/study/index.html" >"$work/dom.html" 2>>"$work/chromium.log"
"$browser" "${flags[@]}" --window-size=1300,3200 --screenshot="$work/study.png" "file://$work/study/index.html" \
  >/dev/null 2>>"$work/chromium.log"
[ -s "$work/study.png" ] || fail "no screenshot of index.html"
/usr/bin/python3 - "$work" <<'PY' || exit 1
import csv, html.parser, re, sys
work = sys.argv[1]
rows = list(csv.DictReader(open(work + "/study/study.csv")))
dom = open(work + "/dom.html").read()
source = open(work + "/study/index.html").read()
class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.winners, self.cur, self.in_td, self.legend = {}, {}, None, False, set()
        self.svg_texts = []
        self.stack = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.stack.append(tag)
        if tag == "tr" and "data-row" in a:
            self.cur = self.rows.setdefault(int(a["data-row"]), [])
        if tag == "tr" and "data-winner" in a:
            self.cur = self.winners.setdefault(a["data-winner"], [])
        if tag == "td" and self.cur is not None:
            self.cur.append("")
    def handle_endtag(self, tag):
        if tag == "tr": self.cur = None
        while self.stack and self.stack.pop() != tag: pass
    def handle_data(self, data):
        if self.cur is not None and self.stack and self.stack[-1] in ("td", "a"): self.cur[-1] += data
        if self.stack and self.stack[-1] == "text": self.svg_texts.append(data)
p = Page()
p.feed(dom)
errors = []
if len(p.rows) != len(rows): errors.append(f"{len(p.rows)} table rows on the page, {len(rows)} in study.csv")
for i, r in enumerate(rows):
    cells = p.rows.get(i, [])
    if len(cells) < 7: errors.append(f"row {i}: {cells}"); continue
    if cells[1] != r["family"] or cells[3] != r["density_target"]: errors.append(f"row {i}: {cells[1]} {cells[3]} on the page")
    if cells[6] != r["cycles"]: errors.append(f"row {i}: cycles {cells[6]} on the page, {r['cycles']} in study.csv")
    if abs(float(cells[7]) - float(r["energy_pj"]) / 1e6) > 0.006: errors.append(f"row {i}: energy {cells[7]} uJ on the page")
for d in {r["density_target"] for r in rows}:
    at = [r for r in rows if r["density_target"] == d]
    fastest = min(at, key=lambda r: float(r["seconds"]))["family"]
    frugal = min(at, key=lambda r: float(r["energy_pj"]))["family"]
    cells = p.winners.get(d, [])
    if len(cells) < 4 or cells[1] != fastest or cells[3] != frugal:
        errors.append(f"winners at density {d}: {cells} on the page, fastest {fastest} and least energy {frugal} in study.csv")
for f in {r["family"] for r in rows} - {"ws"}:
    if f not in p.svg_texts: errors.append(f"family {f} missing from the plots' legends")
if len(re.findall(r"<svg", dom)) < 3: errors.append("expected three plots on the page")
external = [u for u in re.findall(r'(?:src|href)="([^"]+)"', source) if re.match(r"[a-z]+://", u)]
if external: errors.append(f"the page refers outside the study: {external}")
for e in errors: print("FAIL:", e)
sys.exit(1 if errors else 0)
PY
echo "ok: index.html in Chromium shows all $(tail -n +2 "$work/study/study.csv" | wc -l) rows as study.csv has them"
