#!/usr/bin/env bash
# tools/aie_log_compare.py on seed 003's ResNet-50 4x4 dense log: its parsed busy sums are the
# ones the logs' README quotes, and its CSV has a row, with the skipsim column filled, for every
# layer it matched. Skipped (77) when the logs (../shared beside the clone) are absent.
# usage: aie_log_compare_test.sh SKIPSIM_BINARY SOURCE_DIR WORK_DIR
set -euo pipefail
bin=$1 src=$2 work=$3
logs=$src/../shared/reference/aie-logs
[ -f "$logs/Res4-dense.html" ] || { echo "SKIP: no seed logs in $logs"; exit 77; }
rm -rf "$work"
mkdir -p "$work"
cd "$src"

tools/aie_log_compare.py "$logs/Res4-dense.html" --skipsim "$bin" --out "$work" > "$work/stdout"
cat "$work/stdout"

# A missing log is one line naming it, exit 2.
set +e
tools/aie_log_compare.py "$work/Res4-dense-missing.html" --skipsim "$bin" --out "$work" 2> "$work/err"
rc=$?
set -e
[ "$rc" = 2 ] && [ "$(wc -l < "$work/err")" = 1 ] && grep -q Res4-dense-missing.html "$work/err" \
  || { echo "FAIL: a missing log gave exit $rc and: $(cat "$work/err")" >&2; exit 1; }

/usr/bin/python3 - "$work/Res4-dense.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
errors = []
# The README's figures are each category's durations summed over the whole log (one lane per
# category), i.e. the "TOTAL run" row's log columns.
run = next(r for r in rows if r["log_layer"] == "TOTAL run")
for cat, ms in (("COMP", 8.007), ("LOADW", 1.402), ("LOADFM", 1.819), ("WRITEFM", 1.290)):
    got = float(run[f"{cat}_log_ms"])
    if abs(got - ms) > 0.0005:
        errors.append(f"{cat}: parsed {got:.4f} ms, the logs' README says {ms} ms")
matched = [r for r in rows if r["match"] in ("name+shape", "order+shape")]
total = next(r for r in rows if r["log_layer"] == "TOTAL matched")
if len(matched) != 53 or total["match"] != f"{len(matched)} layers":
    errors.append(f"expected ResNet-50's 53 convolutions matched, got {len(matched)} rows ({total['match']})")
for r in matched:
    if not r["skipsim_layer"] or not r["skipsim_ms"] or float(r["COMP_skipsim_ms"]) <= 0:
        errors.append(f"{r['log_layer']}: skipsim column empty")
if not 10 < float(run["skipsim_ms"]) < 20:
    errors.append(f"skipsim total {run['skipsim_ms']} ms is not a ResNet-50 4x4 run")
for e in errors:
    print("FAIL:", e, file=sys.stderr)
sys.exit(1 if errors else 0)
PY
echo PASS
