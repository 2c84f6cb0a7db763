#!/usr/bin/env bash
# Points run side by side in one process (--batch) write exactly what they write alone:
# (1) a study of every family of the shipped budget, its batches mixing families, gives every
#     point's files (report.json, layers.csv, resolved_config.json, report.html, the run mark)
#     byte for byte as the same study with --batch 1, once each directory's own path is read as
#     the other's;
# (2) a sweep whose batch holds a point that fails (a bad --set) records that point's error as a
#     point run alone does, and every other point as ok, with the files of a sweep run point by point.
# usage: batch_equals_alone_test.sh SKIPSIM_BINARY SOURCE_DIR WORK_DIR
set -euo pipefail
bin=$1 src=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$src"

compare() {  # compare DIR_ALONE DIR_BATCHED: every point's files equal, after path substitution
  /usr/bin/python3 - "$1" "$2" <<'PY'
import json, os, sys
alone, batched = sys.argv[1], sys.argv[2]
def points(d):
    return [json.loads(l) for l in open(os.path.join(d, "jobs.jsonl"))]
pa, pb = points(alone), points(batched)
errors = []
if len(pa) != len(pb) or not pa: errors.append(f"{len(pa)} points alone, {len(pb)} batched")
compared = 0
for a, b in zip(pa, pb):
    da, db = os.path.join(alone, "points", a["id"]), os.path.join(batched, "points", b["id"])
    fa = sorted(os.listdir(da)) if os.path.isdir(da) else []
    fb = sorted(os.listdir(db)) if os.path.isdir(db) else []
    if fa != fb:
        errors.append(f"point {a['index']}: files {fa} alone, {fb} batched")
    if fa != fb or not fa:  # a failed point has no run directory either way
        continue
    for f in fa:
        ta = open(os.path.join(da, f), "rb").read()
        tb = open(os.path.join(db, f), "rb").read()
        # Each study names its points and generated inputs under its own directory.
        ta = ta.replace(a["id"].encode(), b["id"].encode()).replace(os.path.realpath(alone).encode(), os.path.realpath(batched).encode())
        ta = ta.replace(alone.encode(), batched.encode())
        if ta != tb:
            la, lb = ta.splitlines(), tb.splitlines()
            first = next((i for i in range(min(len(la), len(lb))) if la[i] != lb[i]), min(len(la), len(lb)))
            errors.append(f"point {a['index']} {f}: line {first + 1} differs: {la[first:first+1]} alone, {lb[first:first+1]} batched")
        compared += 1
if compared == 0: errors.append("no files compared")
for e in errors[:20]: print("FAIL:", e)
if not errors: print(f"ok: {len(pa)} points, {compared} files byte for byte")
sys.exit(1 if errors else 0)
PY
}

# (1) A study: seven families, two densities; batches of five mix families.
net=tests/inputs/study/small_cnn.json
"$bin" study --workload "$net" --density 1,0.5 -j 2 --batch 1 --quiet --out "$work/alone"
"$bin" study --workload "$net" --density 1,0.5 -j 2 --batch 5 --quiet --out "$work/batched"
compare "$work/alone" "$work/batched"
cmp <(cut -d, -f1-12 "$work/alone/study.csv") <(cut -d, -f1-12 "$work/batched/study.csv") ||
  { echo "FAIL: study.csv differs" >&2; exit 1; }

# (2) A sweep with a failing point inside a batch.
args=(--platform platforms/ws_32x32.json --workload workloads/zoo/tiny.json --vary array.rows=8,16,-4,32,40,48 -j 1)
status=0
"$bin" sweep "${args[@]}" --batch 1 --quiet --out "$work/sweep-alone" || status=$?
[ "$status" -eq 2 ] || { echo "FAIL: the sweep run point by point exited $status, expected 2" >&2; exit 1; }
status=0
"$bin" sweep "${args[@]}" --batch 6 --quiet --out "$work/sweep-batched" || status=$?
[ "$status" -eq 2 ] || { echo "FAIL: the batched sweep exited $status, expected 2" >&2; exit 1; }
grep -q ',-4,failed,.*--set array.rows=-4: expected an integer in \[1, 4096\], got -4' "$work/sweep-batched/sweep.csv" ||
  { echo "FAIL: the failing point's message is not in the batched sweep's table" >&2; cat "$work/sweep-batched/sweep.csv" >&2; exit 1; }
[ "$(grep -c ',ok,' "$work/sweep-batched/sweep.csv")" -eq 5 ] || { echo "FAIL: expected 5 points ok" >&2; exit 1; }
diff <(sed "s|$work/sweep-alone|DIR|g" "$work/sweep-alone/sweep.csv") <(sed "s|$work/sweep-batched|DIR|g" "$work/sweep-batched/sweep.csv") ||
  { echo "FAIL: the tables differ" >&2; exit 1; }
compare "$work/sweep-alone" "$work/sweep-batched" | sed 's/^ok:/ok (sweep):/'
