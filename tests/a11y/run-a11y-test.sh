#!/bin/sh
# run-a11y-test.sh PYTHON TEST.py APP PACK
#
# Runs the accessibility end-to-end test with its own session bus and
# AT-SPI bus, so that it works in CI as root with no desktop. meson test
# runs under xvfb-run, which provides DISPLAY.
set -e
if [ -z "$DISPLAY" ]; then
  echo "1..0 # SKIP no display (run the tests under xvfb-run)"
  exit 0
fi
if [ ! -x /usr/libexec/at-spi-bus-launcher ] && [ ! -x /usr/lib/at-spi2-core/at-spi-bus-launcher ]; then
  echo "1..0 # SKIP at-spi-bus-launcher is not installed (package at-spi2-core)"
  exit 0
fi
export PYTHON="$1" A11Y_TEST="$2" WA_APP="$3" WA_PACK="$4"
export NO_AT_BRIDGE=0 GTK_A11Y=atspi
# The AT-SPI bus keeps its own state in the runtime dir.
XDG_RUNTIME_DIR=$(mktemp -d /tmp/wa-a11y-XXXXXX)
export XDG_RUNTIME_DIR
trap 'rm -rf "$XDG_RUNTIME_DIR"' EXIT
# The AT-SPI registry, started by the bus, prints to stdout: keep the TAP
# stream (fd 3) apart from everything else.
exec 3>&1
exec dbus-run-session -- sh -c '
  launcher=/usr/libexec/at-spi-bus-launcher
  [ -x "$launcher" ] || launcher=/usr/lib/at-spi2-core/at-spi-bus-launcher
  "$launcher" --launch-immediately &
  launcher_pid=$!
  # Screen readers switch this on; GTK only exports its tree when it is.
  gdbus call --session --dest org.a11y.Bus --object-path /org/a11y/bus \
    --method org.freedesktop.DBus.Properties.Set org.a11y.Status IsEnabled "<true>" >/dev/null 2>&1 || true
  status=0
  "$PYTHON" "$A11Y_TEST" >&3 || status=$?
  kill $launcher_pid 2>/dev/null || true
  exit $status
' >&2
