/* wa-asset-bar.h: a compact comparison of a ward's rate per 1,000 (the
 * bar) with England's rate (a line labelled E) and the similar wards' rate
 * (a diamond labelled S), on the category's common axis. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WA_TYPE_ASSET_BAR (wa_asset_bar_get_type ())
G_DECLARE_FINAL_TYPE (WaAssetBar, wa_asset_bar, WA, ASSET_BAR, GtkWidget)

GtkWidget *wa_asset_bar_new (void);
/* Values per 1,000 residents on the axis 0..top (the category's common
 * scale, the same for every ward); NAN: not drawn. */
void       wa_asset_bar_set_values (WaAssetBar *self, double rate, double england, double similar,
                                    double top);

G_END_DECLS
