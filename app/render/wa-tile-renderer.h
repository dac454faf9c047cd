/* wa-tile-renderer.h: draws one Web Mercator (XYZ) map tile with cairo:
 * sea, land, ward fills by band, the left-behind cue, ward outlines from
 * the zoom where they help, LAD and region boundaries, and place labels
 * that do not overlap, chosen by zoom. Thread-safe: any number of threads
 * may render tiles of the same style at once. No GTK. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include "wa-map-style.h"

G_BEGIN_DECLS

typedef struct {
  guint zoom;
  guint x, y;          /* tile column and row at zoom */
  guint size_px;       /* output size: 256, or 512 for sharp scaled/HiDPI tiles */
  gboolean labels;     /* draw place labels */
  guint bleed_px;      /* also draw this many logical pixels round the tile */
} WaTileRequest;

/* Wards are outlined from this zoom (tiles from z11): below it a city
 * ward is a few pixels across and the colour bands and council
 * boundaries carry the picture; outlines would only muddy the fills. */
#define WA_TILE_WARD_OUTLINES_MIN_ZOOM 10.5

/* The zoom whose geometry level draws a view at zoom on device_scale
 * device pixels per map pixel (2 for a 512 px tile): the level chosen by
 * wa_atlas_get_ward_geometry_for_zoom and its area twin. */
double wa_tile_detail_zoom (double zoom, double device_scale);
/* Tiles shown at fractional zooms are scaled and placed between device
 * pixels; where two tiles each only partly cover the pixels of their join,
 * the background shows through as a faint line. A tile drawn with a bleed
 * and painted over the rectangle wa_tile_bleed_rect gives overlaps its
 * neighbours by the bleed, with the same pixels they have there. */
#define WA_TILE_BLEED_PX 2
/* The rectangle to paint a tile's bled image to, for a tile shown at
 * width x height (at 0, 0). */
void wa_tile_bleed_rect (double width, double height, guint bleed_px,
                         double *out_x, double *out_y, double *out_width, double *out_height);

/* Draws the tile into cr, whose surface is at least size_px square with
 * its origin at the tile's top-left corner. Returns FALSE if cancellable
 * was cancelled part-way (the output is then incomplete). */
gboolean wa_tile_render (WaMapStyle *style, const WaTileRequest *request,
                         cairo_t *cr, GCancellable *cancellable);

/* Convenience: a new opaque ARGB32 image surface with the tile drawn,
 * or NULL if cancelled. */
cairo_surface_t *wa_tile_render_surface (WaMapStyle *style, const WaTileRequest *request,
                                         GCancellable *cancellable);

/* Draws the same map for an arbitrary view (used by map-image export and
 * printing): the Web Mercator square of side world_px pixels, offset so
 * that (origin_x, origin_y) world pixels is at cr's origin, clipped to
 * width x height. zoom = log2 (world_px / 256). */
gboolean wa_map_render_view (WaMapStyle *style, double world_px,
                             double origin_x, double origin_y,
                             double width, double height, gboolean labels,
                             cairo_t *cr, GCancellable *cancellable);

typedef enum {
  WA_RENDER_LABELS        = 1 << 0,   /* place labels */
  WA_RENDER_LABELS_INSIDE = 1 << 1,   /* only labels wholly inside the view */
  /* Fill every ward on its own and stroke every council's and region's
   * whole boundary, even where the style's dissolved band fills and
   * boundary lines (wa-band-fill.h) would be used: tests compare them. */
  WA_RENDER_PER_WARD_FILLS = 1 << 2,
  /* Draw the motorways from the pack's full-detail links even where the
   * style's simplified lines (wa-motorway-lines.h) would be used: tests
   * compare them. */
  WA_RENDER_FULL_MOTORWAYS = 1 << 3,
  /* Stroke the motorways even where the style has their cover
   * (wa_map_style_try_motorway_cover): tests compare them. */
  WA_RENDER_STROKED_MOTORWAYS = 1 << 4,
  /* Fill and stroke with cairo even where pixel tiles use the raster
   * (wa-raster.h): tests and the benchmark compare them. */
  WA_RENDER_CAIRO_FILLS = 1 << 5,
  /* With WA_RENDER_CAIRO_FILLS, cairo's default antialiasing instead of
   * the fast one tiles had (slower, closer to exact): tests' reference. */
  WA_RENDER_FINE_ANTIALIAS = 1 << 6,
} WaRenderFlags;

/* For a finished map (exports, printing) rather than a tile. */
typedef struct {
  WaRenderFlags flags;
  /* Boxes in view pixels (min/max x and y) that labels keep clear of:
   * the panels a finished map draws over itself. */
  const WaBBox *keep_clear;
  guint n_keep_clear;
} WaRenderOptions;

gboolean wa_map_render_view_full (WaMapStyle *style, double world_px,
                                  double origin_x, double origin_y,
                                  double width, double height,
                                  const WaRenderOptions *options,
                                  cairo_t *cr, GCancellable *cancellable);

/* The labels alone, as wa_map_render_view_full would draw them with
 * options (flags as there: WA_RENDER_LABELS_INSIDE places them afresh at
 * this scale, the focus ward's name first if focus_ward >= 0): for a
 * finished map that draws outlines over the map, then the names over
 * everything. */
void     wa_map_render_labels (WaMapStyle *style, double world_px,
                               double origin_x, double origin_y,
                               double width, double height,
                               const WaRenderOptions *options, int focus_ward,
                               cairo_t *cr);

/* Adds a geometry's rings to cr's current path exactly as
 * wa_map_render_view draws them for that view (for outlines drawn over
 * the map: a selected ward, a council's boundary). */
void     wa_map_trace_geometry (WaGeometry *geometry, double world_px,
                                double origin_x, double origin_y,
                                double width, double height, cairo_t *cr);

G_END_DECLS
