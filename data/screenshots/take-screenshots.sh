#!/bin/sh
# Retakes the AppStream screenshots listed in the metainfo: Becontree
# (2019), a left-behind ward, in the light and the dark style, and the
# ranking table beside it.
#
#   xvfb-run -a -s "-screen 0 1400x960x24" \
#     meson devenv -C _build sh ../data/screenshots/take-screenshots.sh
#
# Needs xdotool and ImageMagick's import. Run from the build directory
# (meson devenv puts the app on PATH and starts there).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
pack=$PWD/data/ward-atlas-2019.gpkg

take () {
  GSETTINGS_BACKEND=memory ADW_DEBUG_COLOR_SCHEME=$2 \
    ward-atlas --pack "$pack" --ward E05000028 >/dev/null 2>&1 &
  pid=$!
  sleep 8
  window=$(xdotool search --pid "$pid" --onlyvisible | head -1)
  if [ "${3:-}" = table ]; then
    xdotool key ctrl+t
  else
    # Zoom out from the fitted ward to show its neighbours.
    xdotool mousemove 600 500
    for i in 1 2 3 4 5 6 7 8; do xdotool key minus; sleep 0.5; done
  fi
  sleep 4
  import -window "$window" "$here/$1"
  kill "$pid"
}

take map-light.png prefer-light
take map-dark.png prefer-dark
take table.png prefer-light table
