/* wa-asset-symbol-icon.h: an asset category's map symbol as a small
 * widget, for the legend and the ward panel. */
#pragma once

#include <gtk/gtk.h>
#include "wa-asset.h"

G_BEGIN_DECLS

GtkWidget *wa_asset_symbol_icon_new (WaAssetCategory category, int size);
/* Any shape in any colour (0xRRGGBB), named name for screen readers: the
 * symbol of one of the user's own lists. */
GtkWidget *wa_asset_symbol_icon_new_shape (WaAssetShape shape, guint32 rgb, const char *name, int size);

G_END_DECLS
