/* bench-mapnik.h: Mapnik as a renderer the benchmark can alternate with
 * its own, tile by tile. */
#pragma once

#include "bench-clock.h"
#include "wa-map-style.h"

typedef struct {
  guint zoom, x, y;
  guint n_wards;
} Tile;

/* One tile with our renderer, one thread; milliseconds. */
double render_ms (WaMapStyle *style, const Tile *tile, guint size, gboolean labels);

typedef struct _BenchMapnik BenchMapnik;

/* Writes the pack's layers, projected to EPSG:3857, with each ward's band
 * under style, and starts bench/mapnik-render.py under python for tiles of
 * the given zooms and sizes. NULL with a printed reason when Mapnik is
 * unavailable. */
BenchMapnik *bench_mapnik_start (WaMapStyle *style, const char *pack, const char *python,
                                 const guint *zooms, guint n_zooms,
                                 const guint *sizes, guint n_sizes);
/* Mapnik's time for one tile (mapnik.render alone), or NAN on failure. */
double       bench_mapnik_render (BenchMapnik *mapnik, const Tile *tile, guint size);
void         bench_mapnik_stop (BenchMapnik *mapnik);
