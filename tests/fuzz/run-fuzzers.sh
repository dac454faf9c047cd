#!/usr/bin/env bash
# run-fuzzers.sh BUILD_DIR SECONDS [TARGET...]
# Runs each fuzz target (all by default) for SECONDS, one after the other,
# on a corpus kept in BUILD_DIR/fuzz-corpus/<target> and seeded from
# BUILD_DIR/fuzz-seeds/<target> (make-seeds.sh). Fails on the first crash,
# leak, timeout or out-of-memory; the input that caused it is left in
# BUILD_DIR/fuzz-artifacts/. Prints the executions each target ran.
# The "damage" target is the long damage run (damage-packs.c) over the
# real pack slice; damaged copies it finds silently different are kept in
# BUILD_DIR/fuzz-artifacts/.
# FUZZ_RUNS=N also stops each target after N executions (long runs:
# FUZZ_RUNS=10000000 with a large SECONDS).
set -uo pipefail
build=$1 seconds=$2
shift 2
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(manifest postcode table rank-settings pack)
  # The search target exists once the search core is in the tree.
  [ -x "$build/tests/fuzz/fuzz-search" ] && targets+=(search)
  targets+=(damage)
fi
here=$(cd "$(dirname "$0")" && pwd)
# GSlice blocks as plain mallocs, so LeakSanitizer sees leaked GLib containers.
export G_SLICE=always-malloc
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/../sanitizers/lsan.supp:print_suppressions=0}

mkdir -p "$build/fuzz-artifacts"
status=0
# "damage": not a libFuzzer target but the long damage run over a real
# pack slice (damage-packs.c): 3,000 damaged copies, at most 150 s.
run_damage() {
  local slice abs
  abs=$(cd "$build" && pwd)
  slice=$(ls "$abs"/fuzz-seeds/pack/slice-ward-atlas-2019.gpkg "$abs"/fuzz-seeds/pack/slice-*.gpkg \
          2>/dev/null | head -1)
  if [ -z "$slice" ]; then
    echo "damage-packs: no pack slice in $build/fuzz-seeds/pack (make-seeds.sh with PACKS_DIR)"
    return 1
  fi
  (cd "$abs/fuzz-artifacts" && "$abs/tests/fuzz/damage-packs" "$slice" "${DAMAGE_COPIES:-3000}" 20261202 150)
}

for target in "${targets[@]}"; do
  if [ "$target" = damage ]; then
    run_damage || status=1
    continue
  fi
  corpus=$build/fuzz-corpus/$target
  mkdir -p "$corpus" "$build/fuzz-seeds/$target"
  # Packs are whole files (the seeds, made with small SQLite pages, are
  # under 240 KB); tables may be long; the others stay small.
  case $target in
    pack) max_len=262144 ;;
    table) max_len=65536 ;;
    *) max_len=4096 ;;
  esac
  log=$build/fuzz-artifacts/$target.log
  "$build/tests/fuzz/fuzz-$target" -max_total_time="$seconds" ${FUZZ_RUNS:+-runs=$FUZZ_RUNS} -timeout=20 -rss_limit_mb=2048 \
    -max_len=$max_len -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$target-" \
    "$corpus" "$build/fuzz-seeds/$target" > "$log" 2>&1
  rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  echo "fuzz-$target: ${runs:-?} executions in ${seconds} s, exit $rc"
  if [ $rc -ne 0 ]; then
    tail -60 "$log"
    status=1
  fi
done
exit $status
