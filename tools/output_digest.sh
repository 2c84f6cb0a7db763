#!/usr/bin/env bash
# Digest of everything skipsim writes for every zoo workload on every shipped platform: one line
# per run with its exit status, its error line (if any) and the sha256 of report.json (without its
# provenance), layers.csv, resolved_config.json and trace.json. Two binaries that print the same digest produce
# byte-identical outputs; a refactoring proves it changes no behaviour by comparing them:
#
#   tools/output_digest.sh OLD_BINARY > before.txt
#   tools/output_digest.sh build/skipsim > after.txt
#   diff before.txt after.txt
#
# Runs are fast mode with --trace; the small workloads also run in cycle mode with --check.
# usage: tools/output_digest.sh [BINARY] [-j JOBS]   (default build/skipsim, jobs = cores)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bin="${1:-build/skipsim}"
[ "${2:-}" = "-j" ] && jobs="$3" || jobs="$(nproc 2>/dev/null || echo 2)"
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

one_run() {  # BINARY SCRATCH MODE PLATFORM WORKLOAD
  local bin=$1 scratch=$2 mode=$3 platform=$4 workload=$5
  local name out status err files f
  name="$(basename "$platform" .json)-$(basename "$workload" .json)-$mode"
  out="$scratch/$name"
  if [ "$mode" = cycle ]; then
    args=(--mode cycle --check)
  else
    args=(--trace)
  fi
  set +e
  err="$("$bin" run --quiet --platform "$platform" --workload "$workload" --out "$out" "${args[@]}" 2>&1 >/dev/null)"
  status=$?
  set -e
  files=""
  for f in report.json layers.csv resolved_config.json trace.json; do
    [ -f "$out/$f" ] || continue
    if [ "$f" = report.json ]; then
      # The report's provenance names the binary's commit and the scratch directory: not part of
      # what the model computed.
      files="$files $f=$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("provenance",None); print(json.dumps(d))' "$out/$f" | sha256sum | cut -c1-16)"
    else
      files="$files $f=$(sha256sum < "$out/$f" | cut -c1-16)"
    fi
  done
  # The scratch directory's name is not part of what a run produces.
  printf '%s %s status=%s%s %s\n' "$platform" "$workload $mode" "$status" "$files" "${err//$scratch/SCRATCH}"
  rm -rf "$out"
}
export -f one_run

{
  for p in platforms/*.json; do
    for w in workloads/zoo/*.json; do
      echo "fast $p $w"
    done
    for w in workloads/zoo/tiny.json workloads/zoo/aie_tiny.json workloads/zoo/lenet5_mnist_cc8.json; do
      echo "cycle $p $w"
    done
  done
} | xargs -P "$jobs" -L 1 bash -c 'one_run "$0" "$1" "$2" "$3" "$4"' "$bin" "$scratch" | LC_ALL=C sort
