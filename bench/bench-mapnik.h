/* bench-mapnik.h: the side-by-side comparison with Mapnik. */
#pragma once

#include "bench-clock.h"
#include "wa-map-style.h"

typedef struct {
  guint zoom, x, y;
  guint n_wards;
} Tile;

/* One tile with our renderer, one thread; milliseconds. */
double render_ms (WaMapStyle *style, const Tile *tile, guint size, gboolean labels);

/* Renders the same tiles (arrays of Tile, one per zoom) with Mapnik from
 * the same pack and prints both medians and their ratio. */
void bench_mapnik (WaMapStyle *style, const char *pack, GArray *tiles_by_zoom[],
                   guint n_zooms, const char *python);
