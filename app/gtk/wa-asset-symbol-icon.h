/* wa-asset-symbol-icon.h: an asset category's map symbol as a small
 * widget, for the legend and the ward panel. */
#pragma once

#include <gtk/gtk.h>
#include "wa-asset.h"

G_BEGIN_DECLS

GtkWidget *wa_asset_symbol_icon_new (WaAssetCategory category, int size);
/* A user list's symbol: any shape in a colour 0xRRGGBB; _set_shape
 * changes it (a list row reused for another item, a new colour). */
GtkWidget *wa_asset_symbol_icon_new_for_shape (WaAssetShape shape, guint32 rgb, int size);
void       wa_asset_symbol_icon_set_shape     (GtkWidget *icon, WaAssetShape shape, guint32 rgb);

G_END_DECLS
