#!/usr/bin/env bash
# Distributed sweeps against the real engines. ENGINE is slurm or parallel.
#   slurm: starts munged, slurmctld and slurmd on localhost from a generated slurm.conf in a
#          temporary directory (its own ports, key, state and spool directories), and stops only
#          those daemons at the end.
#   parallel: GNU parallel on this machine.
# For each: (1) a 24-point sweep submitted through the script `skipsim sweep emit` wrote, waited
# for and collected, must give the same sweep.csv as the same sweep run locally (`sweep -j 2`);
# (2) a slower 12-point sweep (cycle mode) is cancelled mid-way (scancel / SIGTERM to parallel), must leave no staging
# directory and keep every finished point, and once resubmitted must finish with nothing lost
# and no finished point computed again, its table equal to a local run's.
# usage: cluster_sweep_test.sh ENGINE SKIPSIM_BINARY SOURCE_DIR
set -euo pipefail
engine=$1 bin=$2 src=$3
cd "$src"
work=$(mktemp -d /tmp/skipsim-cluster.XXXXXX)
chmod 755 "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
started=()

stop_daemons() {
  if [ -n "${SLURM_CONF:-}" ] && [ -f "$SLURM_CONF" ]; then
    scontrol shutdown >/dev/null 2>&1 || true
    for _ in $(seq 50); do
      alive=0
      for f in "$work/slurmctld.pid" "$work/slurmd.pid"; do
        [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && alive=1
      done
      [ $alive = 0 ] && break
      sleep 0.2
    done
  fi
  [ -S "$work/munge/munge.sock" ] && munged -s --socket="$work/munge/munge.sock" >/dev/null 2>&1 || true
}
cleanup() {
  status=$?
  stop_daemons
  if [ $status -ne 0 ]; then
    for f in "$work"/log/*.log; do [ -f "$f" ] && { echo "== $f"; tail -n 20 "$f"; }; done >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_slurm() {
  for cmd in munged mungekey slurmctld slurmd sbatch squeue scancel scontrol; do
    command -v "$cmd" >/dev/null || fail "$cmd is not installed (tools/test.sh installs slurm-wlm and munge)"
  done
  [ "$(id -u)" -eq 0 ] || { echo "SKIP: slurmd must start as root to run jobs; run this test as root"; exit 77; }
  mkdir -p "$work/munge" "$work/state" "$work/spool" "$work/log"
  chmod 700 "$work/munge"
  mungekey -c -k "$work/munge/munge.key" >/dev/null
  munged --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.sock" \
    --pid-file="$work/munge/munged.pid" --log-file="$work/log/munged.log" --seed-file="$work/munge/munged.seed"
  local host ctld_port slurmd_port
  host=$(hostname -s)
  ctld_port=$(free_port)
  slurmd_port=$(free_port)
  cat >"$work/slurm.conf" <<CONF
ClusterName=skipsimtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge/munge.sock
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
MailProg=/bin/true
KillWait=5
SchedulerParameters=sched_interval=1
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=2000 State=UNKNOWN
PartitionName=skipsim Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$work/slurm.conf"
  slurmctld -f "$SLURM_CONF"
  slurmd -f "$SLURM_CONF"
  for _ in $(seq 100); do
    [ "$(sinfo -h -o %T 2>/dev/null)" = idle ] && return 0
    sleep 0.2
  done
  fail "the Slurm node did not come up: $(sinfo 2>&1)"
}

# Waits until no job of ours is queued or running.
wait_slurm_idle() {
  for _ in $(seq 900); do
    [ -z "$(squeue -h 2>/dev/null)" ] && return 0
    sleep 0.2
  done
  fail "Slurm jobs still queued after 180 s: $(squeue)"
}

done_points() { grep -l '"status":"ok"' "$1"/points/*.state.json 2>/dev/null | wc -l; }

# submit DIR: starts the emitted script; for parallel, in the background (its pid in $bg).
submit() {
  local dir=$1
  if [ "$engine" = slurm ]; then
    "$dir/slurm/submit.sh" >"$dir/submit.out"
  else
    setsid "$dir/parallel/run.sh" >"$dir/run.out" 2>&1 &
    bg=$!
  fi
}
wait_done() {
  if [ "$engine" = slurm ]; then wait_slurm_idle; else wait "$bg" || true; fi
}
cancel() {
  local dir=$1
  if [ "$engine" = slurm ]; then
    scancel --name=skipsim-sweep
    scancel --name=skipsim-collect
    wait_slurm_idle
  else
    kill -TERM -- "-$bg"
    wait "$bg" || true
    # run.sh ends first; parallel, its workers and their points are still cleaning up.
    for _ in $(seq 300); do
      kill -0 -- "-$bg" 2>/dev/null || return 0
      sleep 0.1
    done
    fail "parallel's processes still running 30 s after SIGTERM"
  fi
}

sweep_args() {  # NAME: the platform, workload and varied parameters of a test sweep
  case $1 in
    fast) echo "--platform platforms/ws_32x32.json --workload workloads/zoo/resnet18.json \
--vary array.rows=8,16,32,64 --vary array.cols=8,16,32,64,128,256" ;;
    slow) echo "--platform platforms/ws_32x32.json --workload workloads/zoo/bench_cycle.json --mode cycle \
--vary array.rows=8,16,32 --vary array.cols=16,32,64,128" ;;
  esac
}

[ "$engine" = slurm ] && start_slurm
if [ "$engine" = parallel ]; then
  command -v parallel >/dev/null || fail "GNU parallel is not installed (tools/test.sh installs it)"
fi

# (1) A whole sweep through the engine equals a local one.
# shellcheck disable=SC2046
"$bin" sweep $(sweep_args fast) -j 2 --quiet --no-html --out "$work/local-fast"
# shellcheck disable=SC2046
"$bin" sweep plan $(sweep_args fast) --quiet --no-html --out "$work/fast"
"$bin" sweep emit "$work/fast" --engine "$engine" --chunk 3 --max-running 2 --quiet
submit "$work/fast"
wait_done
[ -f "$work/fast/sweep.csv" ] || fail "$engine: the collect step wrote no sweep.csv"
cmp -s "$work/fast/sweep.csv" "$work/local-fast/sweep.csv" ||
  { diff "$work/fast/sweep.csv" "$work/local-fast/sweep.csv" >&2; fail "$engine: sweep.csv differs from a local run's"; }
[ "$(wc -l <"$work/fast/sweep.csv")" -eq 25 ] || fail "$engine: expected 24 points in sweep.csv"
"$bin" sweep collect "$work/fast" --quiet || fail "$engine: collect reports missing or failed points"
echo "ok: $engine ran 24 points; sweep.csv equals the local sweep's"

# (2) Cancelled mid-way, resubmitted: nothing lost, nothing computed twice.
# shellcheck disable=SC2046
"$bin" sweep $(sweep_args slow) -j 2 --quiet --no-html --out "$work/local-slow"
# shellcheck disable=SC2046
"$bin" sweep plan $(sweep_args slow) --quiet --no-html --out "$work/slow"
"$bin" sweep emit "$work/slow" --engine "$engine" --chunk 2 --max-running 1 --quiet
submit "$work/slow"
for _ in $(seq 600); do
  [ "$(done_points "$work/slow")" -ge 4 ] && break
  sleep 0.1
done
cancel "$work/slow"
before=$(done_points "$work/slow")
[ "$before" -ge 4 ] && [ "$before" -lt 12 ] || fail "$engine: cancelled with $before of 12 points done; expected some but not all"
[ -z "$(find "$work/slow/points" -name '*.partial*')" ] || fail "$engine: staging left after the cancel: $(find "$work/slow/points" -name '*.partial*')"
set +e
"$bin" sweep collect "$work/slow" --quiet 2>"$work/collect.err"
status=$?
set -e
[ $status -eq 2 ] || fail "$engine: collect of a cancelled sweep exited $status, expected 2"
grep -q "^missing: point" "$work/collect.err" || fail "$engine: collect did not name the missing points"
# Every finished point's record and log, to prove none is computed again.
for f in "$work/slow"/points/*.state.json; do
  grep -q '"status":"ok"' "$f" && stat -c '%n %Y.%y' "$f" "${f%.state.json}.log"
done | sort >"$work/finished-before"
submit "$work/slow"
wait_done
"$bin" sweep collect "$work/slow" --quiet || fail "$engine: points missing or failed after the resubmission"
cmp -s "$work/slow/sweep.csv" "$work/local-slow/sweep.csv" ||
  { diff "$work/slow/sweep.csv" "$work/local-slow/sweep.csv" >&2; fail "$engine: sweep.csv after resubmission differs from a local run's"; }
while read -r name _; do stat -c '%n %Y.%y' "$name"; done <"$work/finished-before" | sort >"$work/finished-after"
cmp -s "$work/finished-before" "$work/finished-after" ||
  { diff "$work/finished-before" "$work/finished-after" >&2; fail "$engine: a finished point was computed again"; }
echo "ok: $engine cancelled with $before of 12 points done; resubmitted, nothing lost and none computed again"
