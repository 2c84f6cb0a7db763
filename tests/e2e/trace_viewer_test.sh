#!/usr/bin/env bash
# The trace viewer as a user sees it: a real trace from `skipsim run --trace` opened in headless
# Chromium through tools/trace-viewer/index.html?trace=...; the rendered page must show one lane
# per component and the per-category summary. Leaves a screenshot next to the trace.
# usage: trace_viewer_test.sh SKIPSIM_BINARY SOURCE_DIR WORK_DIR
set -euo pipefail
bin=$1 src=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
"$bin" run --quiet --platform "$src/platforms/ws_32x32.json" --workload "$src/workloads/zoo/tiny.json" \
  --trace --out "$work/run"
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "FAIL: chromium is not installed (tools/test.sh installs it)"; exit 1; }
url="file://$src/tools/trace-viewer/index.html?trace=file://$work/run/trace.json"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile" --allow-file-access-from-files
       --virtual-time-budget=10000 --window-size=1280,720)
"$browser" "${flags[@]}" --dump-dom "$url" >"$work/dom.html" 2>"$work/chromium.log"
"$browser" "${flags[@]}" --screenshot="$work/trace-viewer.png" "$url" >/dev/null 2>>"$work/chromium.log"
fail=0
check() { grep -q -- "$1" "$work/dom.html" || { echo "FAIL: the page does not show $2"; fail=1; }; }
check 'data-state="loaded"' "a loaded trace"
for lane in top.array top.ddr top.ifmap_sram top.filter_sram top.ofmap_sram; do
  check "class=\"lane-label\"[^>]*>$lane<" "the lane $lane"
done
for cat in compute stall fill drain ddr; do
  check "data-category=\"$cat\"" "the summary row of category $cat"
done
[ -s "$work/trace-viewer.png" ] || { echo "FAIL: no screenshot"; fail=1; }
[ $fail -eq 0 ] && echo "trace viewer: lanes and summary rendered; screenshot $work/trace-viewer.png"
exit $fail
