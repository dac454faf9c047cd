/* wa-asset-layer.h: social-infrastructure points over the map tiles, one
 * cairo pass per frame (tens of thousands of points: never one widget per
 * point), from zoom WA_ASSET_LAYER_MIN_ZOOM, with a symbol per category,
 * per-domain visibility and a popover naming a clicked point. */
#pragma once

#include <shumate/shumate.h>
#include "wa-asset.h"

G_BEGIN_DECLS

#define WA_ASSET_LAYER_MIN_ZOOM 12.0

#define WA_TYPE_ASSET_LAYER (wa_asset_layer_get_type ())
G_DECLARE_FINAL_TYPE (WaAssetLayer, wa_asset_layer, WA, ASSET_LAYER, ShumateLayer)

WaAssetLayer *wa_asset_layer_new (ShumateMap *map);
void     wa_asset_layer_set_atlas (WaAssetLayer *self, WaAtlas *atlas);
void     wa_asset_layer_set_domain_visible (WaAssetLayer *self, WaAssetDomain domain, gboolean visible);
gboolean wa_asset_layer_get_domain_visible (WaAssetLayer *self, WaAssetDomain domain);
/* The visible asset nearest (x, y) in layer coordinates within its symbol,
 * or -1. */
int      wa_asset_layer_pick (WaAssetLayer *self, double x, double y);
/* A click at (x, y): shows the name and category of the asset there in a
 * popover and returns TRUE, or returns FALSE when there is none. */
gboolean wa_asset_layer_identify (WaAssetLayer *self, double x, double y);
/* For the map's query-tooltip: 1 when the tooltip now names the asset
 * under (x, y), 0 when no tooltip should show (the popover is open), -1
 * when there is no asset there. */
int      wa_asset_layer_query_tooltip (WaAssetLayer *self, double x, double y, GtkTooltip *tooltip);
/* Centres the map on an asset (zooming in to at least z15) and names it. */
void     wa_asset_layer_show_asset (WaAssetLayer *self, guint index);
/* Adds the stateful "show-assets-civic", "show-assets-engaged" and
 * "show-assets-connected" actions (bound to the settings keys of the same
 * names) and "show-asset" (u: asset index) to action_map (the window, so
 * they are "win." actions). */
void     wa_asset_layer_add_actions (WaAssetLayer *self, GActionMap *action_map, GSettings *settings);
/* The user's own lists, drawn above the built-in assets with each list's
 * shape and colour, shown while any asset domain is. Adds to the actions
 * "show-list-place" ((su): list id, place index). */
typedef struct _WaUserListsStore WaUserListsStore;
void     wa_asset_layer_set_user_lists (WaAssetLayer *self, WaUserListsStore *store);
/* Centres the map on a place of a user's list (zooming in to z15). */
void     wa_asset_layer_show_list_place (WaAssetLayer *self, const char *list_id, guint index);

G_END_DECLS
