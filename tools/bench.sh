#!/usr/bin/env bash
# Benchmarks (release build). Prints medians of 5 runs:
#  1. ResNet-50 (SCALE-Sim's Resnet50.csv) on the 32x32 WS platform, fast mode: wall time and
#     peak RSS;
#     and again with --no-html, for what report.html costs;
#     and the process floor beside it in ms (medians of 21): `skipsim --version`, a run of
#     workloads/zoo/tiny.json (8 small layers: start-up, elaboration and reports) and ResNet-50,
#     all --no-html, with the ratios of ResNet-50 to each, and the tiny run's and ResNet-50's wall
#     time split into the phases `skipsim run --timings` prints;
#  2. ResNet-18 the same way, next to SCALE-Sim's time for it;
#  3. VGG16 for CIFAR-10, WS-pruned at 4 bits, on the kij-timestep platform;
#  4. a 64-point sweep of ResNet-50 with -j 2 (one run, not a median);
#  5. WRN16-4 (PAIRS mask 5) on the PIM chip with the mapping search over every window;
#  6. the cycle mode's speed in PE-cycles per second on a 32x32 array (workloads/zoo/bench_cycle.json),
#     on one thread and with --threads 2;
#  7. ResNet-20 pruned to 1/8, column-combined (alpha 8, gamma 0.5) and simulated on the bit-serial array;
#  8. the four ResNet-50s of seed 002 (dense, P70, P83, P85 from their Distiller schedules, masks
#     included) on the zero-skipping array, fast mode: one after another, and as one sweep with -j 2;
#     then P85 alone (--no-html), and seed 003's ResNet-50 with 50% 8x8-block sparsity alone on the
#     4x4 AIE mesh (--no-html): wall time, CPU time and peak RSS;
#  9. the AIE Table 2 reproduction (tools/aie_table.sh): 42 runs, meshes 2x2..8x8 x three networks x
#     dense/sparse, -j 2 (median of 3);
# 10. skipsim membench on the DDR4-3200 bench platform: 64 MB of random reads, a million 64-byte
#     requests through the controller's queues, burst by burst (no fast path for random traffic).
# 11. torchvision's ResNet-50 as a float32 ONNX file (~100 MB, exported once by tools/export_onnx.py into
#     build/bench/): import plus fast simulation on ws_32x32, wall time and peak RSS against the file size.
# 12. a 10,000-point sweep of ResNet-18 on ws_32x32 (rows x cols x two dataflows), -j 2 (one run).
# 13. a study of ResNet-50: every family of platforms/budget_1024.json x densities 1, 0.5, 0.25,
#     0.125, -j 2 (median of 3);
# 14. VGG16 (ImageNet) in cycle mode on a 256x256 WS array, on one thread and with --threads 2
#     (one run each: wall, CPU and peak RSS).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tools/install_deps.sh --with-python
dpkg-query -W -f='${Status}' time 2>/dev/null | grep -q "install ok installed" || {
  [ "$(id -u)" -ne 0 ] && sudo=sudo || sudo=""
  $sudo apt-get install -y -qq time >/dev/null
}
tools/build.sh build >/dev/null
bin=build/skipsim
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
runs=5

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

measure() {  # measure NAME ARGS... -> prints "wall_s rss_kb" per run into $out/NAME
  local name=$1; shift
  : >"$out/$name"
  for _ in $(seq $runs); do
    /usr/bin/time -f "%e %M" -o "$out/time" "$bin" "$@" --quiet --out "$out/run-$name"
    cat "$out/time" >>"$out/$name"
  done
}

measure resnet50 run --platform platforms/ws_32x32.json \
  --workload ../shared/reference/scalesim-topologies/Resnet50.csv
wall=$(cut -d' ' -f1 "$out/resnet50" | median)
rss=$(cut -d' ' -f2 "$out/resnet50" | median)
cycles=$(grep -m1 '"cycles"' "$out/run-resnet50/report.json" | tr -dc 0-9)
echo "resnet50 fast ws_32x32: median wall ${wall} s, median peak RSS $((rss / 1024)) MB, simulated ${cycles} cycles"
ms_median() {  # ms_median ARGS... -> median wall time in ms of 21 runs of the binary
  for _ in $(seq 21); do
    local s e
    s=$(date +%s%N)
    "$bin" "$@" >/dev/null 2>&1 || true
    e=$(date +%s%N)
    echo $(((e - s) / 1000))
  done | median | awk '{printf "%.1f", $1 / 1000}'
}
phases() {  # phases NAME ARGS... -> "wall start inputs simulation reports in_main" (ms, medians of 21)
  local name=$1; shift
  : >"$out/phases-$name"
  for _ in $(seq 21); do
    local s e
    s=$(date +%s%N)
    "$bin" "$@" --timings 2>"$out/timings" >/dev/null || true
    e=$(date +%s%N)
    # "timings: start A ms, inputs and elaboration B ms, simulation C ms, reports D ms (E ms since main)"
    echo "$(((e - s) / 1000)) $(tr -cs '0-9.' ' ' <"$out/timings")" | awk '{printf "%.1f %s %s %s %s %s\n", $1 / 1000, $2, $3, $4, $5, $6}' >>"$out/phases-$name"
  done
  local c cols=""
  for c in 1 2 3 4 5 6; do cols="$cols $(cut -d' ' -f$c "$out/phases-$name" | median)"; done
  echo $cols
}
floor=$(ms_median --version)
read -r tiny t_start t_in t_sim t_rep t_main < <(phases tiny run --quiet --no-html --platform platforms/ws_32x32.json \
  --workload workloads/zoo/tiny.json --out "$out/run-tiny")
read -r r50 r_start r_in r_sim r_rep r_main < <(phases r50 run --quiet --no-html --platform platforms/ws_32x32.json \
  --workload ../shared/reference/scalesim-topologies/Resnet50.csv --out "$out/run-r50-floor")
awk -v f="$floor" -v t="$tiny" -v r="$r50" 'BEGIN { printf "process floor: skipsim --version %s ms, a tiny run %s ms, ResNet-50 %s ms (%.2fx the tiny run, %.2fx --version)\n", f, t, r, r / t, r / f }'
print_phases() {  # print_phases LABEL WALL START INPUTS SIMULATION REPORTS IN_MAIN (ms, as phases gives them)
  awk -v n="$1" -v w="$2" -v a="$3" -v b="$4" -v c="$5" -v d="$6" -v m="$7" 'BEGIN { printf "  %s (skipsim run --timings, medians of 21): %s ms wall = %.1f ms before main() and exit + start %s, inputs and elaboration %s, simulation %s, reports %s ms\n", n, w, w - m, a, b, c, d }'
}
print_phases tiny "$tiny" "$t_start" "$t_in" "$t_sim" "$t_rep" "$t_main"
print_phases ResNet-50 "$r50" "$r_start" "$r_in" "$r_sim" "$r_rep" "$r_main"
awk -v t="$tiny" -v r="$r50" -v c="$r_sim" 'BEGIN { printf "  ResNet-50 less its simulation phase: %.1f ms, %.2fx the tiny run\n", r - c, (r - c) / t }'
measure resnet50-nohtml run --platform platforms/ws_32x32.json \
  --workload ../shared/reference/scalesim-topologies/Resnet50.csv --no-html
bare=$(cut -d' ' -f1 "$out/resnet50-nohtml" | median)
awk -v w="$wall" -v b="$bare" 'BEGIN { printf "resnet50 report.html cost: median wall %.3f s with, %.3f s without (%.2fx)\n", w, b, w / (b > 0.001 ? b : 0.001) }'

measure resnet18 run --platform platforms/ws_32x32.json \
  --workload ../shared/reference/scalesim-topologies/Resnet18.csv
wall=$(cut -d' ' -f1 "$out/resnet18" | median)
awk -v w="$wall" 'BEGIN { printf "resnet18 fast ws_32x32: median wall %.2f s (SCALE-Sim: about 190 s on a machine like this one, %.0fx)\n", w, 190 / (w > 0.005 ? w : 0.005) }'

measure vgg16 run --platform platforms/ws_kij_32x32.json --workload workloads/zoo/vgg16_cifar10_ws80_4bit.json
wall=$(cut -d' ' -f1 "$out/vgg16" | median)
echo "vgg16 cifar10 ws-pruned 4-bit fast ws_kij_32x32 (masks from 14.7 M weights included): median wall ${wall} s"

start=$(date +%s.%N)
"$bin" sweep --quiet --platform platforms/ws_32x32.json --workload ../shared/reference/scalesim-topologies/Resnet50.csv \
  --vary array.rows=8:1024:x2 --vary array.cols=8:1024:x2 -j 2 --out "$out/sweep" || true
end=$(date +%s.%N)
points=$(($(wc -l <"$out/sweep/sweep.csv") - 1))
awk -v s="$start" -v e="$end" -v n="$points" 'BEGIN { printf "sweep of ResNet-50, %d points (rows x cols 8..1024), -j 2: %.1f s wall\n", n, e - s }'

measure wrn_pim run --platform platforms/pim_2048x1024.json --set pim.mapping=best \
  --workload workloads/zoo/wrn16_4_cifar100_pairs5_2bit.json
wall=$(cut -d' ' -f1 "$out/wrn_pim" | median)
echo "wrn16-4 pairs5 fast pim_2048x1024, mapping search over every window (best of im2col/SDK/VW-SDK): median wall ${wall} s"

measure cycle run --platform platforms/ws_32x32.json --workload workloads/zoo/bench_cycle.json --mode cycle
wall=$(cut -d' ' -f1 "$out/cycle" | median)
compute=$(grep -m1 '"compute_cycles"' "$out/run-cycle/report.json" | tr -dc 0-9)
awk -v c="$compute" -v w="$wall" 'BEGIN {
  printf "cycle mode 32x32: %d array cycles in a median %.3f s = %.1f M PE-cycles/s\n", c, w, c * 1024 / w / 1e6 }'
measure cycle2 run --platform platforms/ws_32x32.json --workload workloads/zoo/bench_cycle.json --mode cycle --threads 2
wall=$(cut -d' ' -f1 "$out/cycle2" | median)
awk -v c="$compute" -v w="$wall" 'BEGIN {
  printf "cycle mode 32x32, --threads 2: %d array cycles in a median %.3f s = %.1f M PE-cycles/s\n", c, w, c * 1024 / w / 1e6 }'

measure bitserial run --platform platforms/bitserial_32x32.json --workload workloads/zoo/resnet20_cifar10_cc8.json
wall=$(cut -d' ' -f1 "$out/bitserial" | median)
echo "resnet20 pruned 1/8, column combining + fast simulation on bitserial_32x32: median wall ${wall} s"
resnets=(resnet50 resnet50_pruned_70 resnet50_pruned_83 resnet50_pruned_85)
: >"$out/resnets"
for _ in $(seq $runs); do
  start=$(date +%s.%N)
  for w in "${resnets[@]}"; do
    "$bin" run --quiet --platform platforms/zero_skip_64x8.json --workload "workloads/zoo/$w.json" --out "$out/run-$w"
    rm -rf "$out/run-$w"
  done
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { print e - s }' >>"$out/resnets"
done
sequential=$(median <"$out/resnets")
: >"$out/resnets_sweep"
for _ in $(seq $runs); do
  rm -rf "$out/resnets-sweep"
  start=$(date +%s.%N)
  "$bin" sweep --quiet --platform platforms/zero_skip_64x8.json $(printf -- "--workload workloads/zoo/%s.json " "${resnets[@]}") \
    -j 2 --out "$out/resnets-sweep"
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { print e - s }' >>"$out/resnets_sweep"
done
swept=$(median <"$out/resnets_sweep")
echo "resnet50 dense/P70/P83/P85 fast zero_skip_64x8: median wall ${sequential} s one after another, ${swept} s as a sweep with -j 2"
single() {  # NAME LABEL ARGS...: one run's medians of wall, CPU (user + system) and peak RSS
  local name=$1 label=$2; shift 2
  : >"$out/$name"
  for _ in $(seq $runs); do
    /usr/bin/time -f "%e %U %S %M" -o "$out/time" "$bin" run "$@" --quiet --no-html --out "$out/run-$name"
    cat "$out/time" >>"$out/$name"
  done
  wall=$(cut -d' ' -f1 "$out/$name" | median)
  cpu=$(awk '{ print $2 + $3 }' "$out/$name" | median)
  rss=$(cut -d' ' -f4 "$out/$name" | median)
  echo "$label: median wall ${wall} s, CPU ${cpu} s, peak RSS $((rss / 1024)) MB"
}
single p85 "resnet50 P85 alone fast zero_skip_64x8 --no-html" \
  --platform platforms/zero_skip_64x8.json --workload workloads/zoo/resnet50_pruned_85.json
single aie_block "resnet50 8x8-block 50% alone fast aie_4x4 --no-html" \
  --platform platforms/aie_4x4.json --workload workloads/zoo/resnet50_block8x8_50.json
: >"$out/aie_table"
for _ in 1 2 3; do
  rm -rf "$out/aie"
  start=$(date +%s.%N)
  SKIPSIM="$bin" tools/aie_table.sh "$out/aie" 2 >/dev/null
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { print e - s }' >>"$out/aie_table"
done
wall=$(median <"$out/aie_table")
points=$(grep -c ',ok,' "$out/aie/sweep.csv" || true)
echo "aie table: ${points} runs (meshes 2x2..8x8 x resnet50/inception_v3/vgg16 x dense/sparse), -j 2: median wall ${wall} s"
: >"$out/membench_times"
for _ in $(seq $runs); do
  /usr/bin/time -f "%e %M" -o "$out/time" "$bin" membench --platform platforms/ddr4_3200_bench.json \
    --pattern rand_read --bytes 67108864 --out "$out/membench" --force >/dev/null
  cat "$out/time" >>"$out/membench_times"
done
wall=$(cut -d' ' -f1 "$out/membench_times" | median)
bw=$(grep -m1 '"bandwidth_gbps"' "$out/membench/membench.json" | tr -dc 0-9.)
echo "membench rand_read 64 MB on ddr4_3200_bench (1 M requests through the FR-FCFS queues): median wall ${wall} s, ${bw} GB/s simulated"
mkdir -p build/bench
onnx=build/bench/resnet50.onnx
[ -s "$onnx" ] || /usr/bin/python3 tools/export_onnx.py --model resnet50 --pruning none --input 1x3x224x224 -o "$onnx" >/dev/null
measure onnx run --platform platforms/ws_32x32.json --workload "$onnx"
wall=$(cut -d' ' -f1 "$out/onnx" | median)
rss=$(cut -d' ' -f2 "$out/onnx" | median)
bytes=$(stat -c %s "$onnx")
awk -v w="$wall" -v r="$rss" -v b="$bytes" 'BEGIN {
  printf "resnet50 float32 ONNX (%.0f MB) import + fast ws_32x32: median wall %.2f s, median peak RSS %.0f MB (%.2fx the file)\n",
         b / 1e6, w, r * 1024 / 1e6, r * 1024 / b }'

# 12. A 10,000-point sweep: ResNet-18 on ws_32x32 over 50 row counts x 100 column counts x two
#     dataflows, -j 2 (one run): the cost of a point next to its simulation's.
/usr/bin/time -o "$out/sweep10k.time" -f "%e %U %S" \
  "$bin" sweep --quiet --no-html --platform platforms/ws_32x32.json --workload workloads/zoo/resnet18.json \
  --vary array.rows=16:261:+5 --vary array.cols=16:511:+5 --vary array.dataflow=ws,os -j 2 --out "$out/sweep10k" || true
points=$(grep -c ',ok,' "$out/sweep10k/sweep.csv" || true)
awk -v n="$points" 'END {  # the last line: GNU time puts a non-zero status before it
  printf "sweep of ResNet-18, %d points (rows 16..261 x cols 16..511 x ws/os), -j 2: %.1f s wall, %.1f ms a point; %.1f ms of CPU a point (%.1f user, %.1f system)\n",
         n, $1, $1 * 1000 / n, ($2 + $3) * 1000 / n, $2 * 1000 / n, $3 * 1000 / n }' "$out/sweep10k.time"

# 13. A study of ResNet-50: every family of the shipped budget at four densities, -j 2.
for i in 1 2 3; do
  start=$(date +%s.%N)
  "$bin" study --quiet -w workloads/zoo/resnet50.json -j 2 --out "$out/study$i"
  end=$(date +%s.%N)
  echo "$start $end" | awk '{ print $2 - $1 }'
done | median | awk '{ printf "study of ResNet-50 (7 families x 4 densities, 25 runs), -j 2: median %.1f s wall\n", $1 }'

# 14. VGG16 (ImageNet, 15.5 G MACs) in cycle mode on a 256x256 WS array, one run per thread count.
for threads in 1 2; do
  /usr/bin/time -f "%e %U %S %M" -o "$out/time" "$bin" run --quiet --platform platforms/ws_32x32.json \
    --workload workloads/zoo/vgg16.json --set array.rows=256 --set array.cols=256 --mode cycle --threads $threads \
    --out "$out/vgg16-cycle"
  read -r wall user sys rss <"$out/time"
  awk -v t="$threads" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN {
    printf "vgg16 cycle mode 256x256 WS, --threads %d: %.1f s wall, %.1f s CPU, %.0f MB peak RSS\n", t, w, u + s, r / 1024 }'
done
