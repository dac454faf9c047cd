/* wa-rank-bar.h: a rank's position among all ranked wards at a glance: a
 * thin bar in the map's colour bands with a marker at the rank. The most
 * deprived end is on the left. */
#pragma once

#include <gtk/gtk.h>
#include "wa-palette.h"

G_BEGIN_DECLS

#define WA_TYPE_RANK_BAR (wa_rank_bar_get_type ())
G_DECLARE_FINAL_TYPE (WaRankBar, wa_rank_bar, WA, RANK_BAR, GtkWidget)

GtkWidget *wa_rank_bar_new (void);
/* rank 0 = no data: the bar is drawn empty, without a marker. */
void       wa_rank_bar_set_rank (WaRankBar *self, guint rank, guint n_ranked);
void       wa_rank_bar_set_palette (WaRankBar *self, WaPalette palette);
/* Marker position in [0, 1], or -1 with no data (for tests). */
double     wa_rank_bar_get_fraction (WaRankBar *self);

G_END_DECLS
