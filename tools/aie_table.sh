#!/bin/sh
# The seed 003 Table 2 reproduction: AIE2 meshes 2x2 .. 8x8 x {ResNet-50, Inception-v3, VGG16} x
# {dense, 50% 8x8 block sparse}, 42 runs, as one sweep of square meshes (aie.cols=0: as many columns
# as rows): OUT/sweep.csv and OUT/plots/*.svg (cycles, utilization, energy vs mesh size).
# usage: tools/aie_table.sh [OUT] [-j N]   (run from the repository root)
set -e
out=${1:-runs/aie_table}
jobs=${2:-2}
bin=${SKIPSIM:-build/skipsim}
z=workloads/zoo
exec "$bin" sweep --platform platforms/aie_4x4.json \
  --workload $z/resnet50.json --workload $z/resnet50_block8x8_50.json \
  --workload $z/inception_v3.json --workload $z/inception_v3_block8x8_50.json \
  --workload $z/vgg16.json --workload $z/vgg16_block8x8_50.json \
  --vary aie.rows=2:8:+1 --set aie.cols=0 -j "$jobs" --out "$out"
