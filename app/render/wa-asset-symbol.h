/* wa-asset-symbol.h: the map symbol of an asset category, drawn with cairo
 * so the map layer, the legend, the panel and exports share one look. */
#pragma once

#include <cairo.h>
#include "wa-asset.h"

G_BEGIN_DECLS

/* Draws the category's symbol centred on (x, y), size pixels across, with a
 * white halo so it reads on every palette colour. */
void wa_asset_symbol_draw (cairo_t *cr, WaAssetCategory category, double x, double y, double size);
/* The same for any shape and fill colour (sRGB 0..1): the user's own asset
 * lists pick theirs. */
void wa_asset_symbol_draw_shape (cairo_t *cr, WaAssetShape shape, double red, double green, double blue,
                                 double x, double y, double size);

/* Draws every asset of the atlas inside the box (degrees) whose domain is
 * visible (bit per WaAssetDomain), projecting lon/lat to pixels through
 * project. Returns the number drawn. */
typedef void (*WaAssetProjectFunc) (double lon, double lat, double *x, double *y, gpointer data);
guint wa_asset_symbols_draw_box (cairo_t *cr, WaAssets *assets, const WaBBox *box,
                                 guint32 visible_domains, double size,
                                 WaAssetProjectFunc project, gpointer data);

/* The same, skipping assets for which hide returns TRUE (where a place
 * name is: names win over symbols). */
typedef gboolean (*WaAssetHideFunc) (double lon, double lat, gpointer data);
guint wa_asset_symbols_draw_box_full (cairo_t *cr, WaAssets *assets, const WaBBox *box,
                                      guint32 visible_domains, double size,
                                      WaAssetProjectFunc project, gpointer data,
                                      WaAssetHideFunc hide, gpointer hide_data);

G_END_DECLS
