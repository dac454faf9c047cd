/* wa-map-drawing.h: the map as exports and printing draw it: any lon/lat
 * box or view at any scale into any cairo_t (PDF page, print context, PNG),
 * drawn by the same code as the map tiles, with what a map handed to
 * someone needs: the focus ward or council outlined, a legend, a scale
 * bar, a north arrow and the attribution the data requires. No GTK. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include "wa-map-style.h"

G_BEGIN_DECLS

/* A window onto the Web Mercator world: the world is world_px map pixels
 * wide, (origin_x, origin_y) is the window's top-left corner in those
 * pixels, and the window is width x height map pixels. The caller scales
 * cr so that one map pixel has the size it wants (0.75 pt on paper). */
typedef struct {
  double world_px;
  double origin_x, origin_y;
  double width, height;
} WaMapView;

/* The view of width x height map pixels centred on box, at the zoom where
 * box fills it less a margin (a fraction of each side), capped at max_zoom. */
void   wa_map_view_fit_bbox (WaMapView *view, const WaBBox *box, double width, double height,
                             double margin, double max_zoom);
/* The view centred on (lon, lat) at a (fractional) zoom. */
void   wa_map_view_centre   (WaMapView *view, double lon, double lat, double zoom,
                             double width, double height);
double wa_map_view_get_zoom (const WaMapView *view);
/* The lon/lat box the view shows. */
void   wa_map_view_get_bbox (const WaMapView *view, WaBBox *out);

typedef enum {
  WA_MAP_DRAW_LABELS      = 1 << 0,
  WA_MAP_DRAW_LEGEND      = 1 << 1,
  WA_MAP_DRAW_SCALE_BAR   = 1 << 2,
  WA_MAP_DRAW_NORTH_ARROW = 1 << 3,
  WA_MAP_DRAW_ATTRIBUTION = 1 << 4,
  WA_MAP_DRAW_FRAME       = 1 << 5,
  WA_MAP_DRAW_ALL         = 0x3f,
} WaMapDrawFlags;

typedef struct {
  WaMapDrawFlags flags;
  int focus_ward;                /* ward index drawn outlined, or -1 */
  const char *focus_lad_code;    /* council drawn outlined, or NULL */
  const char *focus_region_code; /* region drawn outlined, or NULL */
  guint32 asset_domains;         /* asset points of these domains (bit per
                                  * WaAssetDomain), 0 for none */
  GPtrArray *outline;            /* WaGeometry* in lon/lat drawn outlined in
                                  * black under the names (a custom area), or
                                  * NULL; borrowed */
} WaMapDrawOptions;

void     wa_map_draw_options_init (WaMapDrawOptions *options);   /* everything, no focus */
/* A legend's swatch of a left-behind ward: the fill with the map's double
 * outline (pink, blue inside), so the key shows the cue as drawn. */
void     wa_map_draw_left_behind_swatch (cairo_t *cr, const WaRgb *fill, int width, int height);

/* Draws the view with cr's origin at its top-left corner, clipped to it.
 * FALSE if cancelled part-way. Thread-safe for a shared style. */
gboolean wa_map_draw (WaMapStyle *style, const WaMapView *view, const WaMapDrawOptions *options,
                      cairo_t *cr, GCancellable *cancellable);

/* The boxes the overlays drawn under options cover (x/y boxes in map
 * pixels from the view's top-left corner: attribution, legend, scale bar,
 * north arrow, those drawn, in that order); returns how many (at most 4).
 * A figure that places the subject uses them to keep it clear. */
guint    wa_map_get_overlay_boxes (WaMapStyle *style, const WaMapView *view,
                                   const WaMapDrawOptions *options, cairo_t *cr,
                                   WaBBox out[4]);

/* The legend alone (band colours with their combined ranks, the
 * left-behind cue, no data, the method in words, and the symbols of the
 * asset domains drawn), top-left at cr's origin; returns its height. */
double   wa_map_draw_legend (WaMapStyle *style, cairo_t *cr, double width,
                             guint32 asset_domains);

/* Renders the view at scale device pixels per map pixel (1 or 2) into a
 * PNG and writes it atomically (see wa_safe_write_bytes). */
gboolean wa_map_write_png (WaMapStyle *style, const WaMapView *view,
                           const WaMapDrawOptions *options, double scale,
                           const char *path, gboolean replace, GError **error);

G_END_DECLS
