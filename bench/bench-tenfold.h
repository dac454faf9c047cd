/* bench-tenfold.h: the 10× pack of issue 18. A copy of a pack whose ward
 * layers also hold every English LSOA 2011 and LSOA 2021 polygon of the
 * open data folder as extra wards (about 74,000 wards in all, ten times
 * England's 7,461), sealed as the builder seals a pack; then its open
 * (in a child process: wall, CPU, peak RSS) and its worst tiles, against
 * the targets open ≤ 1 s, worst tile ≤ 10 ms, peak RSS ≤ 300 MiB.
 * Slow (a few minutes), so off by default: `ward-atlas-bench --tenfold`. */
#pragma once

#include <glib.h>

typedef struct {
  const char *pack;        /* the 2019 pack to copy */
  const char *sources;     /* the open data folder (boundaries/lsoa*_england_bsc.gpkg) */
  guint min_zoom, max_zoom, n_tiles, n_samples;
  guint max_per_file;      /* 0: every LSOA; else that many of each file (a quick look) */
  const char *output;      /* NULL: a temporary folder, measured and removed; else
                            * only make the pack there and keep it (to profile) */
  const char *app;         /* NULL, or ward-atlas-bench-app: its launch on the
                            * 10x pack is measured by app_figures */
  void (*app_figures) (const char *app, const char *pack);
} BenchTenfoldOptions;

/* How the extra wards got their figures. */
typedef struct {
  guint n_added;     /* LSOA polygons added as wards */
  guint n_located;   /* figures of the ward holding the polygon's interior point */
  guint n_by_table;  /* of the ward the pack's "lsoas" table gives the code */
  guint n_unplaced;  /* none: no ward found, so no figures (unranked) */
} BenchTenfoldCounts;

/* Writes the 10× pack of pack at output (which must not exist), reading
 * the LSOA polygons from sources; max_per_file > 0 takes only that many
 * polygons of each LSOA file (for a quick test). counts (may be NULL) says
 * how the extra wards got their figures. FALSE, with error, when anything
 * fails, including the app's reader refusing the result (its message says
 * why). */
gboolean bench_tenfold_make_pack (const char *pack, const char *sources, const char *output,
                                  guint max_per_file, BenchTenfoldCounts *counts, GError **error);

/* Makes the 10× pack in a temporary folder, measures it, prints each
 * figure with its target and removes the folder. FALSE when the pack
 * could not be made or opened. */
gboolean bench_tenfold (const BenchTenfoldOptions *options);

/* The child side of the open figure: `ward-atlas-bench --tenfold-open
 * PACK` opens the pack as the app does and exits 0, or prints why not and
 * exits 1. */
int bench_tenfold_open_child (const char *pack);
