#!/usr/bin/env bash
# The trace viewer as a user sees it, in headless Chromium:
# 1. a real trace from `skipsim run --trace` (validated by trace_check) opened through
#    tools/trace-viewer/index.html?trace=...: one lane per component, the layers lane, the
#    per-category summary; a screenshot next to the trace;
# 2. zoomed out, a pixel column shows the mix of its events: on a trace whose first half is 90%
#    stall and 10% compute in events far narrower than a pixel, the pixels the array lane draws
#    there must be mostly the stall colour (and mostly compute in the second half, the reverse).
# usage: trace_viewer_test.sh SKIPSIM_BINARY TRACE_CHECK SOURCE_DIR WORK_DIR
set -euo pipefail
bin=$1 check=$2 src=$3 work=$4
rm -rf "$work"
mkdir -p "$work"
"$bin" run --quiet --platform "$src/platforms/ws_32x32.json" --workload "$src/workloads/zoo/tiny.json" \
  --trace --out "$work/run"
"$check" "$work/run/trace.json"
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "FAIL: chromium is not installed (tools/test.sh installs it)"; exit 1; }
url="file://$src/tools/trace-viewer/index.html?trace=file://$work/run/trace.json"
# The pixel harness reads the viewer's canvas in a frame: file pages need web security off to
# read each other (a test-only flag; the viewer itself needs none).
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile" --allow-file-access-from-files
       --disable-web-security --virtual-time-budget=10000 --window-size=1280,720 --force-device-scale-factor=1)
"$browser" "${flags[@]}" --dump-dom "$url" >"$work/dom.html" 2>"$work/chromium.log"
"$browser" "${flags[@]}" --screenshot="$work/trace-viewer.png" "$url" >/dev/null 2>>"$work/chromium.log"
fail=0
check() { grep -q -- "$1" "$2" || { echo "FAIL: the page does not show $3"; fail=1; }; }
check 'data-state="loaded"' "$work/dom.html" "a loaded trace"
for lane in layers top.array top.ddr top.ifmap_sram top.filter_sram top.ofmap_sram; do
  check "class=\"lane-label\"[^>]*>$lane<" "$work/dom.html" "the lane $lane"
done
check 'class="lane-label counter"[^>]*>top.ddr bandwidth GB/s<' "$work/dom.html" "the DDR bandwidth counter"
for cat in compute stall fill drain ddr layer; do
  check "data-category=\"$cat\"" "$work/dom.html" "the summary row of category $cat"
done
[ -s "$work/trace-viewer.png" ] || { echo "FAIL: no screenshot"; fail=1; }

# A synthetic trace: 5 ms of 0.1 us compute + 0.9 us stall, then 5 ms of 0.9 us compute + 0.1 us stall.
/usr/bin/python3 - "$work/mix.json" <<'PY'
import json, sys
ev = [{"name": "process_name", "ph": "M", "pid": 1, "tid": 0, "args": {"name": "mix"}},
      {"name": "thread_name", "ph": "M", "pid": 1, "tid": 1, "args": {"name": "top.array"}}]
t = 0
for half, (c, s) in enumerate([(100, 900), (900, 100)]):
    for _ in range(5000):
        ev.append({"name": "stream", "cat": "compute", "ph": "X", "pid": 1, "tid": 1, "ts": t / 1000, "dur": c / 1000})
        ev.append({"name": "wait", "cat": "stall", "ph": "X", "pid": 1, "tid": 1, "ts": (t + c) / 1000, "dur": s / 1000})
        t += c + s
json.dump({"traceEvents": ev}, open(sys.argv[1], "w"))
PY
"$check" "$work/mix.json"
cp "$src/tests/e2e/viewer_pixels.html" "$work/viewer_pixels.html"
probe() {  # FROM TO -> the DOM of the census of the array lane between those fractions of the width
  "$browser" "${flags[@]}" --dump-dom \
    "file://$work/viewer_pixels.html?viewer=file://$src/tools/trace-viewer/index.html&trace=file://$work/mix.json&lane=top.array&from=$1&to=$2" \
    2>>"$work/chromium.log" | grep -o '<pre id="result"[^>]*>'
}
share() { sed -n "s/.*data-share-$1=\"\([0-9.]*\)\".*/\1/p" <<<"$2"; }
first=$(probe 0.02 0.45) second=$(probe 0.55 0.98)
echo "first half:  $first"
echo "second half: $second"
stall=$(share stall "$first") compute=$(share compute "$second")
awk -v s="${stall:-0}" 'BEGIN { exit !(s >= 0.8) }' || { echo "FAIL: the 90%-stall region is drawn ${stall:-no} stall"; fail=1; }
awk -v c="${compute:-0}" 'BEGIN { exit !(c >= 0.8) }' || { echo "FAIL: the 90%-compute region is drawn ${compute:-no} compute"; fail=1; }
"$browser" "${flags[@]}" --screenshot="$work/mix.png" "file://$src/tools/trace-viewer/index.html?trace=file://$work/mix.json" \
  >/dev/null 2>>"$work/chromium.log"
[ $fail -eq 0 ] && echo "trace viewer: lanes, counters and summary rendered, stall share $stall, compute share $compute;" \
  "screenshots $work/trace-viewer.png $work/mix.png"
exit $fail
