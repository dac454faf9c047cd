/* wa-ward-map.h: the ward map: the coloured wards over an optional
 * basemap, the selection and hover highlight, asset points, the legend,
 * zoom buttons and scale bar, picking and keyboard navigation.
 *
 * It shows what it is told and says what the user did through signals;
 * the selection itself belongs to the window. (Not "WaMapView": that name
 * is the renderer's view rectangle, see wa-map-drawing.h.) */
#pragma once

#include <adwaita.h>
#include <shumate/shumate.h>
#include "wa-asset-layer.h"
#include "wa-atlas.h"
#include "wa-change.h"
#include "wa-map-source.h"
#include "wa-search.h"

G_BEGIN_DECLS

#define WA_TYPE_WARD_MAP (wa_ward_map_get_type ())
G_DECLARE_FINAL_TYPE (WaWardMap, wa_ward_map, WA, WARD_MAP, GtkWidget)

/* Signals:
 * "ward-clicked" (WaWard *ward): a click (not a pan) on the map chose
 *   this ward, or nothing (NULL); Escape chooses nothing too.
 * "map-ready": every visible tile of the current style has been drawn
 *   (after each new atlas and each recolour).
 * Actions: map.pan "(ii)", map.zoom-in, map.zoom-out, map.clear-selection. */
/* NULL: no pack; the map draws no wards and holds nothing of the last. */
void          wa_ward_map_set_atlas (WaWardMap *self, WaAtlas *atlas);
WaAtlas      *wa_ward_map_get_atlas (WaWardMap *self);
guint         wa_ward_map_get_n_pending_tiles (WaWardMap *self);
/* Starts what the first tiles of atlas need, in the background, before
 * the window sets its other parts up: placing its names
 * (wa_label_layout_place_in_background) and reading the ward level of
 * the first view (wa_atlas_read_ward_level_async). */
void          wa_ward_map_prepare (WaWardMap *self, WaAtlas *atlas);
/* The change view (NULL: the edition's own bands): change's newer atlas
 * must be the one shown, before is its older one (for the legend).
 * Picking and selection are unchanged. */
void          wa_ward_map_set_change (WaWardMap *self, WaChange *change, WaAtlas *before);
WaChange     *wa_ward_map_get_change (WaWardMap *self);
/* Highlights ward (NULL clears, with any pin or council); with fit, moves
 * the map to show all of it. Screen readers hear the new selection. */
void          wa_ward_map_set_selected (WaWardMap *self, WaWard *ward, gboolean fit);
/* Shows a search result: outlines its council, pins its point, moves there. */
void          wa_ward_map_show_result (WaWardMap *self, const WaSearchResult *result);
/* Shows the whole of the pack (England) at once, centred in the part of
 * the map no overlay covers; the first view when none was saved. */
void          wa_ward_map_show_all (WaWardMap *self);
/* The ward under widget coordinates of the map, or NULL. */
WaWard       *wa_ward_map_pick (WaWardMap *self, double x, double y);
/* A click on the map at a place: emits "ward-clicked" with the ward
 * there, then "lsoa-clicked" with the neighbourhood there (-1 unless the
 * neighbourhood layer shows at this zoom). */
void          wa_ward_map_activate_location (WaWardMap *self, double lat, double lon);
/* The same with the modifiers of the click: with Ctrl, emits
 * "lsoa-toggled" (int, an LSOA index) for the neighbourhood there where
 * the map shows neighbourhoods (wa_ward_map_get_shows_lsoas), else
 * "ward-toggled" (WaWard *) for the ward there, and nothing else
 * ("cleared" is emitted by Escape). */
void          wa_ward_map_activate_location_full (WaWardMap *self, double lat, double lon,
                                                  GdkModifierType state);
/* Outlines a custom area (its wards, or its polygon) in the group style;
 * both NULL clear. */
void          wa_ward_map_set_group (WaWardMap *self, GPtrArray *wards, WaGeometry *geometry);
/* The neighbourhoods of a custom area or selection (LSOA indices of the
 * atlas), in the group style on their outlines; n 0 clears. */
void          wa_ward_map_set_group_lsoas (WaWardMap *self, const guint *indices, guint n);
/* Whether the map shows neighbourhoods now: the "show-lsoas" setting on,
 * zoom WA_LSOA_MIN_ZOOM or closer, a pack with LSOAs, no change view.
 * Ctrl+click then chooses neighbourhoods rather than wards. */
gboolean      wa_ward_map_get_shows_lsoas (WaWardMap *self);
/* Ctrl+Enter's neighbourhood: where the map shows neighbourhoods, emits
 * "lsoa-toggled" for the one at the map's centre (or announces there is
 * none) and returns TRUE; FALSE otherwise (the caller takes a ward). */
gboolean      wa_ward_map_toggle_centre_lsoa (WaWardMap *self);
/* Drawing a polygon (issue 20). While drawing, a click (through
 * wa_ward_map_activate_location_full) adds a point instead of choosing a
 * ward, and a click on the first point (with three or more) finishes; the
 * points are drawn with the lines between them, the closing edge dashed.
 * wa_ward_map_finish_drawing (what a double-click does) emits "area-drawn"
 * (a GArray of double, lon/lat pairs, borrowed) and leaves the mode;
 * Escape (or set_drawing FALSE) cancels, Backspace takes the last point
 * back. "drawing-changed" follows the mode and every point. */
void          wa_ward_map_set_drawing (WaWardMap *self, gboolean drawing);
gboolean      wa_ward_map_get_drawing (WaWardMap *self);
guint         wa_ward_map_get_n_drawn_points (WaWardMap *self);
void          wa_ward_map_remove_last_point (WaWardMap *self);
void          wa_ward_map_finish_drawing (WaWardMap *self);
/* Moves the map to show the box (lon/lat) in the part no overlay covers. */
void          wa_ward_map_fit_bbox (WaWardMap *self, const WaBBox *box);
/* Remembers the view in the settings for the next start. */
void          wa_ward_map_save_view (WaWardMap *self);

ShumateMap   *wa_ward_map_get_map (WaWardMap *self);
WaMapSource  *wa_ward_map_get_source (WaWardMap *self);
WaAssetLayer *wa_ward_map_get_asset_layer (WaWardMap *self);

G_END_DECLS
