/* bench-tiles.h: tile rendering at every zoom and both tile sizes, paired
 * tile by tile with Mapnik, against the targets of issue 18. */
#pragma once

#include "bench-mapnik.h"

typedef struct {
  guint min_zoom, max_zoom;   /* inclusive */
  guint n_tiles;              /* densest tiles per zoom */
  guint n_samples;            /* renders of each tile by each renderer */
  const char *pack;
  const char *python;         /* NULL: no Mapnik */
  const char *images;         /* NULL, or a folder: each tile's labelled
                               * 256 px render is written there, or compared
                               * with the one already there */
  double *worst_ms;           /* NULL, or 2 doubles: the worst labelled tile
                               * over every zoom at 256 and at 512 px */
  guint *worst_zoom;          /* NULL, or 2: the zooms of those tiles */
} BenchTilesOptions;

void bench_tiles (WaAtlas *atlas, WaMapStyle *style, const BenchTilesOptions *options);
/* Only tile zoom/x/y at size px, labelled, n_samples times: its median,
 * best and worst CPU time (a loop to profile one tile). */
void bench_one_tile (WaMapStyle *style, guint zoom, guint x, guint y, guint size,
                     guint n_samples);
