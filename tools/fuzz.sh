#!/usr/bin/env bash
# Coverage-guided fuzzing of every loader (libFuzzer, under AddressSanitizer and
# UndefinedBehaviorSanitizer): workload JSON, platform JSON, energy tables, SCALE-Sim CSV,
# Distiller YAML, .npy, ONNX (text format), --set values. Each target starts from a seed corpus of the project's own
# files (zoo, platforms, the bad-input corpus) and runs for --seconds. A finding (crash, sanitizer
# report, an exception other than a located input error, a hang, 2 GB of memory) stops the
# target, is kept in BUILD/fuzz-findings/<target>/, and makes this script exit 1.
#
# usage: tools/fuzz.sh [--seconds S] [--build DIR] [--jobs N] [TARGET ...]   (--jobs: targets at a time)
#   CI:   tools/fuzz.sh --seconds 60 --build build-asan --jobs 2   (a minute per target, two at a time)
#   long: tools/fuzz.sh --build build-asan --seconds 300 --jobs 2   (the README's campaign: 20 minutes)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds=60 build="$root/build-fuzz" jobs=1 targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --build) build="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
all=(workload_json_fuzz platform_json_fuzz energy_table_fuzz scalesim_csv_fuzz distiller_yaml_fuzz npy_fuzz onnx_fuzz set_values_fuzz)
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

tools/install_deps.sh --with-fuzz
if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSKIPSIM_SANITIZE=ON -DSKIPSIM_FUZZ=ON \
    -DSKIPSIM_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" --target "${targets[@]}" >"$build/fuzz-build.log" 2>&1 ||
  { tail -n 30 "$build/fuzz-build.log"; exit 1; }

# seed TARGET FILES...: the target's starting corpus (copies, so libFuzzer may add to it).
seed() {
  local dir="$build/fuzz-corpus/$1"
  shift
  mkdir -p "$dir"
  for f in "$@"; do [ -f "$f" ] && cp "$f" "$dir/" || true; done
}
seed workload_json_fuzz workloads/zoo/*.json tests/inputs/bad/workloads/*.json
seed platform_json_fuzz platforms/*.json tests/inputs/bad/platforms/*.json
seed energy_table_fuzz platforms/energy/*.json
seed scalesim_csv_fuzz ../shared/reference/scalesim-topologies/*.csv tests/inputs/bad/workloads/*.csv
seed distiller_yaml_fuzz workloads/zoo/degirum/*.yaml tests/inputs/bad/workloads/*.yaml
seed npy_fuzz tests/inputs/bad/workloads/*.npy
seed onnx_fuzz fuzz/seeds/onnx/*.txtpb tests/inputs/bad/workloads/*.txtpb
mkdir -p "$build/fuzz-corpus/set_values_fuzz"
grep -ho -- "--set [^ ]*" tests/inputs/bad/cli/*.args | sed 's/^--set //' >"$build/fuzz-corpus/set_values_fuzz/bad_sets" || true
printf 'array.rows=64\narray.dataflow=os\nddr.model=ideal\nclock_ghz=2\nifmap_sram.size_bytes=1024\n' \
  >"$build/fuzz-corpus/set_values_fuzz/good_sets"

export ASAN_OPTIONS=detect_stack_use_after_return=0:detect_leaks=0:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# fuzz_one TARGET: runs it for the time given; prints one line; exits 1 on a finding.
fuzz_one() {
  local t=$1 findings="$build/fuzz-findings/$1" log="$build/fuzz-$1.log" status runs
  rm -rf "$findings"  # a finding is reported when it is found: each run looks for new ones
  mkdir -p "$findings"
  set +e
  (cd "$build" && "./fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
     -artifact_prefix="$findings/" "fuzz-corpus/$t" >"$log" 2>&1)
  status=$?
  set -e
  runs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log")
  if [ $status -ne 0 ] || [ -n "$(ls -A "$findings")" ]; then
    echo "$t: FINDING after ${runs:-?} executions (status $status); input kept in $findings, log $log"
    grep -m 5 -E "ERROR|SUMMARY|terminate|what\(\)" "$log" || true
    return 1
  fi
  echo "$t: ${runs:-0} executions in ${seconds} s, no finding"
}

# --jobs N runs N targets at a time.
failed=0 running=0
for t in "${targets[@]}"; do
  fuzz_one "$t" &
  running=$((running + 1))
  if [ $running -ge "$jobs" ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
done
while [ $running -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done
total=$(for t in "${targets[@]}"; do cat "$build/fuzz-$t.log"; done 2>/dev/null | awk '/stat::number_of_executed_units/ {s += $2} END {print s + 0}')
echo "fuzzing: $total executions over ${#targets[@]} targets"
exit $failed
