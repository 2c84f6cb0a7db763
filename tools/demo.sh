#!/usr/bin/env bash
# One command from a fresh Debian machine to a real simulation: installs what is missing,
# builds a release build in build/, and runs VGG16 for CIFAR-10 on a 32x32 weight-stationary
# array with seed 000's kij-timestep mapping, dense 8-bit and WS-pruned (7 of 9 kernel positions)
# 4-bit, printing the two side by side; then each other family on its seed's network, without and
# with the skipping it models. It builds only the skipsim binary (tools/test.sh builds the tests);
# the compiler's output goes to build/demo-build.log.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tools/install_deps.sh
mkdir -p build
log=build/demo-build.log
started=$SECONDS
echo "building skipsim (release, $(nproc 2>/dev/null || echo 2) jobs; compiler output in $log) ..."
if ! { [ -f build/CMakeCache.txt ] || cmake -S . -B build -DCMAKE_BUILD_TYPE=Release; } >"$log" 2>&1 ||
   ! cmake --build build --target skipsim -j "$(nproc 2>/dev/null || echo 2)" >>"$log" 2>&1; then
  tail -n 30 "$log" >&2
  echo "demo: the build failed; the whole output is in $log" >&2
  exit 1
fi
echo "built in $((SECONDS - started)) s"
platform=platforms/ws_kij_32x32.json
./build/skipsim run --quiet --platform "$platform" --workload workloads/zoo/vgg16_cifar10.json \
  --out runs/demo-vgg16-dense --trace
./build/skipsim run --quiet --platform "$platform" --workload workloads/zoo/vgg16_cifar10_ws80_4bit.json \
  --out runs/demo-vgg16-ws80-4bit --trace
echo
echo "VGG16 / CIFAR-10 on $platform: dense 8-bit vs WS-pruned (2 of 9 kernel positions) 4-bit"
tools/compare.sh runs/demo-vgg16-dense runs/demo-vgg16-ws80-4bit dense pruned
echo
echo "run directories: runs/demo-vgg16-dense runs/demo-vgg16-ws80-4bit (report.html: the run at a glance;"
echo " report.json, layers.csv, trace.json for tools/trace-viewer/index.html or Perfetto)"

# family LABEL PLATFORM WORKLOAD_A WORKLOAD_B [--set ... for B]: one line, A (no skipping) vs B.
family() {
  local label=$1 platform=$2 a=$3 b=$4 dir=runs/demo-families
  shift 4
  ./build/skipsim run --quiet --platform "platforms/$platform.json" --workload "workloads/zoo/$a.json" \
    --out "$dir/$label-baseline" "${baseline_args[@]}"
  ./build/skipsim run --quiet --platform "platforms/$platform.json" --workload "workloads/zoo/$b.json" \
    --out "$dir/$label-skipping" "$@"
  tools/compare.sh "$dir/$label-baseline" "$dir/$label-skipping" | tail -n 1 |
    awk -v l="$label" -v p="$platform" -v w="$b" '{ printf "%-10s %-16s %-30s %11d %11d %7s %9.1f %9.1f %6s\n", l, p, w, $2, $3, $4, $5, $6, $7 }'
}
echo
echo "The other families, each without and with the skipping it models (fast mode; energy in uJ):"
printf "%-10s %-16s %-30s %11s %11s %7s %9s %9s %6s\n" family platform workload "base cyc" "skip cyc" speedup "base uJ" "skip uJ" energy
baseline_args=(--set bitserial.alpha=1)
family bitserial bitserial_32x32 resnet20_cifar10_cc8 resnet20_cifar10_cc8
baseline_args=()
family sparse zero_skip_64x8 resnet50 resnet50_pruned_85
family aie aie_4x4 resnet50 resnet50_block8x8_50
family pim pim_512x256 resnet20_cifar10_2bit resnet20_cifar10_pairs5_2bit --set pim.mapping=sdk_skip
echo "(bitserial: alpha 1 vs column combining at alpha 8 on the same 1/8-dense ResNet-20; pim: PAIRS mask 5"
echo " skips 39% of the crossbar rows, and the SDK window search that counts only the rows left (sdk_skip)"
echo " turns them into larger windows on some layers; the energy saved is crossbar energy, a small share of"
echo " a total DDR and SRAM dominate, see models/pim/README.md; run directories in runs/demo-families)"
