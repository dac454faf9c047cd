/* wa-change-legend.h: the change view's legend: one row per change shade
 * (wa-change-style.h) with its hatching and its number of wards, the
 * left-behind outline, and the caveat line. Hidden without a change. */
#pragma once

#include <gtk/gtk.h>
#include "wa-change.h"

G_BEGIN_DECLS

#define WA_TYPE_CHANGE_LEGEND (wa_change_legend_get_type ())
G_DECLARE_FINAL_TYPE (WaChangeLegend, wa_change_legend, WA, CHANGE_LEGEND, GtkWidget)

GtkWidget *wa_change_legend_new        (void);
/* NULL hides the legend. before and after are the atlases the change
 * was made from: the legend says which method set each edition's list. */
void       wa_change_legend_set_change (WaChangeLegend *self, WaChange *change,
                                        WaAtlas *before, WaAtlas *after);
/* Folded to a one-line key on a small map, as wa_legend_set_compact. */
void       wa_change_legend_set_compact (WaChangeLegend *self, gboolean compact);
gboolean   wa_change_legend_get_compact (WaChangeLegend *self);

G_END_DECLS
