/* wa-asset-bar.h: a compact comparison of a ward's rate per 1,000 (the
 * bar) with the England median (a line) and the similar wards' median (a
 * diamond). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WA_TYPE_ASSET_BAR (wa_asset_bar_get_type ())
G_DECLARE_FINAL_TYPE (WaAssetBar, wa_asset_bar, WA, ASSET_BAR, GtkWidget)

GtkWidget *wa_asset_bar_new (void);
/* NAN hides a marker; the scale runs from 0 to the largest value. */
void       wa_asset_bar_set_values (WaAssetBar *self, double rate, double england, double similar);

G_END_DECLS
