#!/usr/bin/env bash
# make-seeds.sh BUILD_DIR SEED_DIR [SOURCES_DIR [PACKS_DIR]]
# Writes seed corpora for every fuzz target into SEED_DIR/<target>/: the
# in-code fixtures (fuzz-seeds), the project's manifest, and small slices
# of the real files (first lines of each table, first features of each pack
# layer), made now and never committed.
set -euo pipefail
build=$1 seeds=$2 sources=${3:-} packs=${4:-}
here=$(cd "$(dirname "$0")" && pwd)

rm -rf "$seeds"
mkdir -p "$seeds"
"$build/tests/fuzz/fuzz-seeds" "$seeds"
cp "$here/../../data/sources.manifest" "$seeds/manifest/sources.manifest"

if [ -n "$sources" ] && [ -d "$sources" ]; then
  n=0
  while IFS= read -r -d '' table; do
    n=$((n + 1))
    # The table target's first byte is the format: 0 csv, 1 tsv.
    case $table in
      *.tsv) fmt='\001' ;;
      *) fmt='\000' ;;
    esac
    { printf "$fmt"; sed 12q "$table"; } > "$seeds/table/real-$n-$(basename "$table")"
    # Postcodes: the first column of a few rows of each table.
    sed 8q "$table" | cut -d, -f1 | tr -d '"' | while IFS= read -r field; do
      printf '%s' "$field" > "$seeds/postcode/real-$(printf '%s' "$field" | md5sum | cut -c1-12)"
    done
  done < <(find "$sources" -type f \( -name '*.csv' -o -name '*.tsv' \) -print0 | sort -z)
  echo "make-seeds: $n real table slices"
fi

if [ -n "$packs" ]; then
  for pack in "$packs"/ward-atlas-*.gpkg; do
    [ -f "$pack" ] || continue
    # A small real pack: every layer, with the first 12 wards and the
    # tables' first rows; the other map layers (land, regions, places...)
    # clipped to those wards' extent, or their coastlines alone would weigh
    # a megabyte and slow every execution. Without the spatial indexes and
    # feature-count triggers, which the app never reads: their 160 triggers
    # made SQLite parse a schema four times the size at every execution.
    # The fixture seed keeps them, so damaged ones are still tried.
    slice=$seeds/pack/slice-$(basename "$pack")
    extent=$(ogrinfo -ro -so "$pack" -sql "SELECT geom FROM wards LIMIT 12" |
             sed -n 's/^Extent: (\(.*\), \(.*\)) - (\(.*\), \(.*\))$/\1 \2 \3 \4/p')
    layers=$(ogrinfo -ro -so -q "$pack" | sed -n 's/^[0-9]*: \([^ ]*\) (None)$/\1/p')
    maps=$(ogrinfo -ro -so -q "$pack" | sed -n 's/^[0-9]*: \([^ ]*\) (.*)$/\1/p' | grep -vxF "$layers")
    # shellcheck disable=SC2086 # word lists of layer names and numbers
    ogr2ogr -f GPKG -dsco ADD_GPKG_OGR_CONTENTS=NO -limit 12 "$slice" "$pack" $layers
    # shellcheck disable=SC2086
    ogr2ogr -update -lco SPATIAL_INDEX=NO -limit 12 -spat $extent -clipsrc spat_extent "$slice" "$pack" $maps 2>/dev/null
    # A neighbourhood names its ward: keep those of the sliced wards only.
    ogrinfo -q "$slice" -sql "DELETE FROM lsoas WHERE ward_code NOT IN (SELECT code FROM wards)" >/dev/null 2>&1 || true
    # Small SQLite pages: the same slice in a fraction of the bytes.
    "$build/tests/fuzz/fuzz-seeds" --compact "$slice"
  done
fi
# Search queries: the same names and codes.
mkdir -p "$seeds/search"
cp "$seeds"/postcode/real-* "$seeds/search/" 2>/dev/null || true
for target in "$seeds"/*; do
  echo "make-seeds: $(basename "$target"): $(ls "$target" | wc -l) seeds"
done
