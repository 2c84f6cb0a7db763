#!/usr/bin/env bash
# One command from a fresh Debian machine to a real simulation: installs what is missing,
# builds a release build in build/, and runs VGG16 for CIFAR-10 on a 32x32 weight-stationary
# array with seed 000's kij-timestep mapping, dense 8-bit and WS-pruned (7 of 9 kernel positions)
# 4-bit, printing the two side by side.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tools/install_deps.sh
tools/build.sh build
platform=platforms/ws_kij_32x32.json
./build/skipsim run --quiet --platform "$platform" --workload workloads/zoo/vgg16_cifar10.json \
  --out runs/demo-vgg16-dense --trace
./build/skipsim run --quiet --platform "$platform" --workload workloads/zoo/vgg16_cifar10_ws80_4bit.json \
  --out runs/demo-vgg16-ws80-4bit --trace
echo
echo "VGG16 / CIFAR-10 on $platform: dense 8-bit vs WS-pruned (2 of 9 kernel positions) 4-bit"
tools/compare.sh runs/demo-vgg16-dense runs/demo-vgg16-ws80-4bit dense pruned
echo
echo "run directories: runs/demo-vgg16-dense runs/demo-vgg16-ws80-4bit (report.json, layers.csv, trace.json)"
