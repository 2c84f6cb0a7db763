#!/usr/bin/env bash
# The seed-002 figure: speedup of one 256x256x3x3 layer (14x14, padding 1) against its parameter
# reduction 1..10 (unstructured magnitude masks at sparsity 1 - 1/r), simulated next to DeGirum's
# published curve (MODELS.md section 4).
# usage: tools/speedup_curve.sh [OUT_DIR] [--platform P] [--set key=value ...]
# writes OUT_DIR/speedup.csv (reduction, ideal, published, skipsim compute speedup, skipsim
# speedup in total cycles) and OUT_DIR/speedup.svg; OUT_DIR defaults to runs/speedup_curve.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${SKIPSIM:-$root/build/skipsim}"
out="runs/speedup_curve"
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then out="$1"; shift; fi
platform="$root/platforms/zero_skip_64x8.json"
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --platform) platform="$2"; shift 2 ;;
    --set) extra+=(--set "$2"); shift 2 ;;
    *) echo "error: unknown argument '$1' (usage: tools/speedup_curve.sh [OUT_DIR] [--platform P] [--set k=v ...])" >&2; exit 2 ;;
  esac
done
mkdir -p "$out/workloads"
rm -rf "$out/sweep"
workloads=()
for r in 1 2 3 4 5 6 7 8 9 10; do
  sparsity=""
  [ "$r" -gt 1 ] && sparsity=$(awk -v r="$r" 'BEGIN { printf ", \"sparsity\": {\"pattern\": \"unstructured\", \"ratio\": %.12g}", 1 - 1 / r }')
  cat >"$out/workloads/reduction_$r.json" <<JSON
{"schema": "skipsim.workload/1", "name": "conv256_reduction_$r", "seed": 2,
 "layers": [{"name": "conv", "type": "conv2d", "in_channels": 256, "out_channels": 256, "input": 14, "kernel": 3, "padding": 1$sparsity}]}
JSON
  workloads+=(--workload "$out/workloads/reduction_$r.json")
done
"$bin" sweep --quiet --platform "$platform" "${workloads[@]}" ${extra[@]+"${extra[@]}"} -j 2 --out "$out/sweep"
# Published points (read off DeGirum's figure, about +-0.03).
awk -F, 'BEGIN {
    split("1 1.84 2.71 3.54 4.41 5.15 5.87 6.55 7.25 7.84", pub, " ")
  }
  NR == 1 { for (i = 1; i <= NF; ++i) col[$i] = i; next }
  {
    n = split($col["workload"], parts, "reduction_"); r = parts[n] + 0
    cycles[r] = $col["cycles"]; speedup[r] = $col["compute_speedup"]
  }
  END {
    print "reduction,ideal,published,skipsim,skipsim_total_cycles"
    for (r = 1; r <= 10; ++r) printf "%d,%d,%s,%.4f,%.4f\n", r, r, pub[r], speedup[r], cycles[1] / cycles[r]
  }' "$out/sweep/sweep.csv" >"$out/speedup.csv"
"$bin" plot --csv "$out/speedup.csv" --x reduction --y ideal --y published --y skipsim --y skipsim_total_cycles \
  --title "256x256x3x3 layer: speedup vs parameter reduction ($(basename "$platform" .json))" \
  --y-label "speedup over the dense layer" --out "$out/speedup.svg"
echo "$out/speedup.csv, $out/speedup.svg"
