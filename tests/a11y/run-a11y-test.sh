#!/bin/sh
# run-a11y-test.sh PYTHON TEST.py APP PACK
#
# Runs the accessibility end-to-end test with its own session bus and
# AT-SPI bus, so that it works in CI as root with no desktop. meson test
# runs under xvfb-run, which provides DISPLAY.
if [ -z "$DISPLAY" ]; then
  echo "1..0 # SKIP no display (run the tests under xvfb-run)"
  exit 0
fi
if [ ! -f /usr/share/dbus-1/services/org.a11y.Bus.service ]; then
  echo "1..0 # SKIP the AT-SPI bus is not installed (package at-spi2-core)"
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
status=0
dbus-run-session -- sh -c '
  # One AT-SPI bus, started by D-Bus activation (org.a11y.Bus): starting
  # the launcher by hand as well can race it and leave the app and the test
  # on different buses. Screen readers switch IsEnabled on; GTK only exports
  # its tree when it is.
  gdbus call --session --dest org.a11y.Bus --object-path /org/a11y/bus \
    --method org.freedesktop.DBus.Properties.Set org.a11y.Status IsEnabled "<true>" >/dev/null
  gdbus call --session --dest org.a11y.Bus --object-path /org/a11y/bus \
    --method org.a11y.Bus.GetAddress >/dev/null
  "$PYTHON" "$A11Y_TEST" >&3
' >&2 || status=$?
exit $status
