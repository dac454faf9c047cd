/* wa-highlight-layer.h: draws the hovered and selected wards' outlines
 * over the map tiles, following pans and zooms in the same frame. */
#pragma once

#include <shumate/shumate.h>
#include "wa-atlas.h"

G_BEGIN_DECLS

#define WA_TYPE_HIGHLIGHT_LAYER (wa_highlight_layer_get_type ())
G_DECLARE_FINAL_TYPE (WaHighlightLayer, wa_highlight_layer, WA, HIGHLIGHT_LAYER, ShumateLayer)

WaHighlightLayer *wa_highlight_layer_new (ShumateViewport *viewport);
void wa_highlight_layer_set_atlas    (WaHighlightLayer *self, WaAtlas *atlas);
/* NULL clears. The layer keeps a reference. */
void wa_highlight_layer_set_hovered  (WaHighlightLayer *self, WaWard *ward);
void wa_highlight_layer_set_selected (WaHighlightLayer *self, WaWard *ward);
/* An area's outline (a local authority chosen in search); index -1 clears. */
void wa_highlight_layer_set_area     (WaHighlightLayer *self, WaAreaKind kind, int index);
/* A pin (for a searched postcode or place); NAN clears. */
void wa_highlight_layer_set_pin      (WaHighlightLayer *self, double lat, double lon);
/* The neighbourhood clicked (an LSOA index of the atlas), or -1. */
void wa_highlight_layer_set_lsoa     (WaHighlightLayer *self, int lsoa_index);
/* A custom area or the wards being gathered into one (issue 20): each
 * ward of wards (WaWard*, may be NULL) and the outline of geometry (a
 * drawn or imported polygon, lon/lat; may be NULL), in the group style
 * (an orange line on a dark casing, lightly filled). Both NULL clear. */
void wa_highlight_layer_set_group    (WaHighlightLayer *self, GPtrArray *wards,
                                      WaGeometry *geometry);
/* The neighbourhoods (LSOA indices of the atlas, copied) of the group, in
 * the same style on their own outlines; n 0 clears. Kept apart from
 * set_group, which leaves them. */
void wa_highlight_layer_set_group_lsoas (WaHighlightLayer *self, const guint *indices, guint n);

/* A polygon being drawn (issue 20): n points (lon, lat pairs in lonlat,
 * copied), joined by lines, the closing edge back to the first point
 * dashed; n 0 clears. */
void wa_highlight_layer_set_sketch   (WaHighlightLayer *self, const double *lonlat, guint n);

G_END_DECLS
