#!/usr/bin/env bash
# valgrind-core.sh BUILD_DIR: runs the core library's unit tests (no GTK,
# no cairo) under `valgrind --leak-check=full --error-exitcode=1`; any
# invalid access or definite/possible leak fails the run. Suppressions:
# GLib's own file and tests/sanitizers/valgrind.supp (third-party only).
set -euo pipefail
build=$1
here=$(cd "$(dirname "$0")" && pwd)
core_tests=(stats geometry spatial-index postcode format rank-method manifest build-steps builder atlas assets search bad-inputs
            edition ward ward-filter area-summary indicator text-check gdal-util export
            pack-check output-path coverage)
# The progressive open's tests read the assets on a thread of their own
# through GDAL; valgrind then reports PROJ's and SQLite's caches as
# "possibly lost" (third-party, seen nowhere else). They run under ASan
# with LeakSanitizer instead, and skip here.
export WA_TEST_UNDER_VALGRIND=1
wrapper="valgrind --leak-check=full --errors-for-leak-kinds=definite,possible --error-exitcode=1 -q"
wrapper+=" --suppressions=/usr/share/glib-2.0/valgrind/glib.supp --suppressions=$here/valgrind.supp"
wrapper+=" --gen-suppressions=all"
# GDAL and the test harness are slow under valgrind: 10x the usual timeouts.
meson test -C "$build" --print-errorlogs --no-rebuild --timeout-multiplier 10 \
  --wrapper "$wrapper" "${core_tests[@]}"
