#!/usr/bin/env bash
# long-run.sh FAST_BUILD ASAN_BUILD TARGET RUNS [JOBS]
# A long fuzzing run of one target: JOBS workers (default 2) of RUNS/JOBS
# executions each, niced, sharing one corpus in FAST_BUILD/fuzz-corpus/TARGET
# and seeded from FAST_BUILD/fuzz-seeds/TARGET (make-seeds.sh). FAST_BUILD is
# built with UndefinedBehaviorSanitizer only: under AddressSanitizer the
# pack target ran at half the rate, its allocator being most of the cost.
# So afterwards every input of the corpus is run again in ASAN_BUILD
# (AddressSanitizer, UndefinedBehaviorSanitizer, leak checks), which finds
# the memory errors the fast build would miss on any input that reached new
# code. Fails on a crash, leak, timeout or out-of-memory in either pass;
# prints the executions each worker ran. See README.
set -uo pipefail
fast=$1 asan=$2 target=$3 runs=$4 jobs=${5:-2}
here=$(cd "$(dirname "$0")" && pwd)
corpus=$fast/fuzz-corpus/$target
seeds=$fast/fuzz-seeds/$target
artifacts=$fast/fuzz-artifacts
mkdir -p "$corpus" "$seeds" "$artifacts"
case $target in
  pack) max_len=262144 ;;
  table) max_len=65536 ;;
  *) max_len=4096 ;;
esac
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

pids=()
for worker in $(seq "$jobs"); do
  nice -n 19 "$fast/tests/fuzz/fuzz-$target" -runs=$((runs / jobs)) -timeout=20 -rss_limit_mb=2048 \
    -max_len=$max_len -print_final_stats=1 -artifact_prefix="$artifacts/$target-w$worker-" \
    "$corpus" "$seeds" > "$artifacts/$target-w$worker.log" 2>&1 &
  pids+=($!)
done
status=0
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || status=1
  log=$artifacts/$target-w$((i + 1)).log
  echo "fuzz-$target worker $((i + 1)): $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') executions"
done
[ $status -eq 0 ] || { echo "a worker failed: see $artifacts"; exit 1; }

# The replay: an empty output folder, so the corpus itself is left as it is.
export G_SLICE=always-malloc
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/../sanitizers/lsan.supp:print_suppressions=0}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$asan/tests/fuzz/fuzz-$target" -runs=0 -timeout=60 -rss_limit_mb=2048 -max_len=$max_len \
  "$scratch" "$corpus" > "$artifacts/$target-replay.log" 2>&1 || { tail -40 "$artifacts/$target-replay.log"; exit 1; }
echo "fuzz-$target: $(ls "$corpus" | wc -l) corpus inputs replayed under ASan+UBSan: $(grep -o '^#[0-9]*.*INITED' "$artifacts/$target-replay.log" | cut -d' ' -f1)"
