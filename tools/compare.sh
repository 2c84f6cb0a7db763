#!/usr/bin/env bash
# Prints two runs of the same workload side by side, layer by layer: cycles, energy and the
# ratio of each (A / B). usage: tools/compare.sh RUN_DIR_A RUN_DIR_B [LABEL_A LABEL_B]
set -euo pipefail
a=${1:?usage: tools/compare.sh RUN_DIR_A RUN_DIR_B [LABEL_A LABEL_B]}
b=${2:?usage: tools/compare.sh RUN_DIR_A RUN_DIR_B [LABEL_A LABEL_B]}
la=${3:-A}
lb=${4:-B}
for f in "$a/layers.csv" "$b/layers.csv"; do
  [ -f "$f" ] || { echo "error: $f: no such file (expected a skipsim run directory)" >&2; exit 2; }
done
awk -F, -v la="$la" -v lb="$lb" '
  # layers.csv columns: 2 name, 8 cycles, 14 utilization, 20 energy_pj
  NR == FNR { if (FNR > 1) { cyc[$2] = $8; en[$2] = $20; ut[$2] = $14 } next }
  FNR == 1 {
    printf "%-12s %12s %12s %8s %8s %8s %11s %11s %7s\n", "layer", la " cycles", lb " cycles", "speedup",
           la " util", lb " util", la " uJ", lb " uJ", "energy"
    next
  }
  ($2 in cyc) {
    ta += cyc[$2]; tb += $8; ea += en[$2]; eb += $20
    printf("%-12s %12d %12d %7.2fx %7.1f%% %7.1f%% %11.2f %11.2f %6.2fx\n", $2, cyc[$2], $8,
           ($8 > 0 ? cyc[$2] / $8 : 0), 100 * ut[$2], 100 * $14, en[$2] / 1e6, $20 / 1e6, ($20 > 0 ? en[$2] / $20 : 0))
  }
  END {
    printf("%-12s %12d %12d %7.2fx %8s %8s %11.2f %11.2f %6.2fx\n", "total", ta, tb, (tb > 0 ? ta / tb : 0), "", "",
           ea / 1e6, eb / 1e6, (eb > 0 ? ea / eb : 0))
  }' "$a/layers.csv" "$b/layers.csv"
