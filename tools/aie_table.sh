#!/bin/sh
# The seed 003 Table 2 reproduction: AIE2 meshes 2x2 .. 8x8 x {ResNet-50, Inception-v3, VGG16} x
# {dense, 50% 8x8 block sparse}, 42 runs, as one sweep of square meshes (aie.cols=0: as many columns
# as rows): OUT/sweep.csv and OUT/plots/*.svg (cycles, utilization, energy vs mesh size); then prints
# the table beside the seed's own numbers (times in ms, the seed's in parentheses) and saves it as
# OUT/table2.md.
# usage: tools/aie_table.sh [OUT] [-j N]   (run from the repository root)
set -e
out=runs/aie_table
jobs=2
while [ $# -gt 0 ]; do
  case $1 in
    -j) jobs=$2; shift 2 ;;
    -j*) jobs=${1#-j}; shift ;;
    *) if [ -z "${seen_out:-}" ]; then out=$1; seen_out=1; else jobs=$1; fi; shift ;;  # [OUT] [N] as before
  esac
done
bin=${SKIPSIM:-build/skipsim}
z=workloads/zoo
"$bin" sweep --quiet --platform platforms/aie_4x4.json \
  --workload $z/resnet50.json --workload $z/resnet50_block8x8_50.json \
  --workload $z/inception_v3.json --workload $z/inception_v3_block8x8_50.json \
  --workload $z/vgg16.json --workload $z/vgg16_block8x8_50.json \
  --vary aie.rows=2:8:+1 --set aie.cols=0 -j "$jobs" --out "$out"

# The seed's Table 2: mesh, network, dense ms, sparse ms, speedup as the seed states it ("failed"
# and "-" where the seed's run failed).
seed='2 resnet50 24.92 15.83 1.57
3 resnet50 12.70 8.66 1.47
4 resnet50 10.77 7.06 1.52
5 resnet50 failed 4.30 -
6 resnet50 5.71 4.49 1.27
7 resnet50 4.21 3.21 1.31
8 resnet50 6.38 4.60 1.39
2 inception_v3 42.84 24.41 1.76
3 inception_v3 23.87 14.22 1.68
4 inception_v3 17.41 10.13 1.72
5 inception_v3 9.69 failed -
6 inception_v3 10.64 6.44 1.65
7 inception_v3 8.73 failed -
8 inception_v3 9.09 5.67 1.60
2 vgg16 44.76 26.09 1.72
3 vgg16 failed 10.02 -
4 vgg16 13.71 8.85 1.55
5 vgg16 failed 4.34 -
6 vgg16 failed 5.77 -
7 vgg16 7.46 5.29 1.41
8 vgg16 9.20 6.50 1.42'
printf '%s\n' "$seed" | awk -F'[ ,]' -v csv="$out/sweep.csv" '
  BEGIN {
    label["resnet50"] = "ResNet-50"; label["inception_v3"] = "Inception-v3"; label["vgg16"] = "VGG16"
    while ((getline line < csv) > 0) {
      n = split(line, f, ",")
      if (f[1] == "workload") { for (i = 1; i <= n; i++) col[f[i]] = i; continue }
      if (f[col["status"]] != "ok") continue
      w = f[1]; sub(/.*\//, "", w); sub(/\.json$/, "", w)
      sparse = sub(/_block8x8_50$/, "", w)
      ms[f[col["aie.rows"]] " " w " " sparse] = f[col["seconds"]] * 1000
    }
    print "| mesh | network | dense ms: skipsim (seed) | sparse ms: skipsim (seed) | speedup: skipsim (seed) |"
    print "|---|---|---|---|---|"
  }
  {
    d = ms[$1 " " $2 " 0"]; s = ms[$1 " " $2 " 1"]
    if (d == "" || s == "") { missing++; next }
    seed_speedup = $5 == "-" ? "\342\200\224" : $5
    printf "| %dx%d | %s | %.2f (%s) | %.2f (%s) | %.2f (%s) |\n", $1, $1, label[$2], d, $3, s, $4, d / s, seed_speedup
  }
  END { if (missing) { print "aie_table: " missing " rows have no result in " csv > "/dev/stderr"; exit 1 } }' | tee "$out/table2.md"
