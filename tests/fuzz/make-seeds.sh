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
    # Every layer with its first few features: a small real pack.
    ogr2ogr -f GPKG -limit 12 "$seeds/pack/slice-$(basename "$pack")" "$pack"
  done
fi
# Search queries: the same names and codes.
mkdir -p "$seeds/search"
cp "$seeds"/postcode/real-* "$seeds/search/" 2>/dev/null || true
for target in "$seeds"/*; do
  echo "make-seeds: $(basename "$target"): $(ls "$target" | wc -l) seeds"
done
