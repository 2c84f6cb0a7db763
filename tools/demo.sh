#!/usr/bin/env bash
# One command from a fresh Debian machine to a real simulation: installs what is missing,
# builds a release build in build/, and runs ResNet-18 on a 32x32 weight-stationary array.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tools/install_deps.sh
tools/build.sh build
./build/skipsim run --platform platforms/ws_32x32.json --workload workloads/zoo/resnet18.json \
  --out runs/demo-resnet18-ws_32x32 --trace
