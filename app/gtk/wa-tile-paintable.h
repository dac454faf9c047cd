/* wa-tile-paintable.h: a map tile's image drawn with its bleed: the image
 * covers the tile and a few pixels round it (wa_tile_bleed_rect), so that
 * tiles shown at fractional zooms overlap instead of letting the
 * background through their joins. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WA_TYPE_TILE_PAINTABLE (wa_tile_paintable_get_type ())
G_DECLARE_FINAL_TYPE (WaTilePaintable, wa_tile_paintable, WA, TILE_PAINTABLE, GObject)

/* texture holds the tile plus bleed_px logical pixels on every side. */
GdkPaintable *wa_tile_paintable_new (GdkTexture *texture, guint bleed_px);

GdkTexture   *wa_tile_paintable_get_texture  (WaTilePaintable *self);
guint         wa_tile_paintable_get_bleed_px (WaTilePaintable *self);

G_END_DECLS
