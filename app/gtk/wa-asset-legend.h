/* wa-asset-legend.h: the map legend's entry for asset points: a toggle per
 * domain (the win.show-assets-* actions) and each category's symbol. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WA_TYPE_ASSET_LEGEND (wa_asset_legend_get_type ())
G_DECLARE_FINAL_TYPE (WaAssetLegend, wa_asset_legend, WA, ASSET_LEGEND, GtkWidget)

GtkWidget *wa_asset_legend_new (void);

G_END_DECLS
