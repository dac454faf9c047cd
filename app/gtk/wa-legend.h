/* wa-legend.h: the map legend overlay: folded, a one-line colour key;
 * open, the palette bands with their rank ranges, the no-data and
 * left-behind cues, edition and method in words. Open or folded is the
 * "legend-expanded" setting. (The data credits are WaMapCredits.) */
#pragma once

#include <gtk/gtk.h>
#include <shumate/shumate.h>
#include "wa-atlas.h"
#include "wa-palette.h"

G_BEGIN_DECLS

#define WA_TYPE_LEGEND (wa_legend_get_type ())
G_DECLARE_FINAL_TYPE (WaLegend, wa_legend, WA, LEGEND, GtkWidget)

/* Properties: "atlas" (WaAtlas, nullable), "palette" (string id, see
 * wa_palette_to_id). Follows the atlas's "ranks-changed" signal. */
GtkWidget *wa_legend_new (void);
void       wa_legend_set_atlas   (WaLegend *self, WaAtlas *atlas);
void       wa_legend_set_palette (WaLegend *self, WaPalette palette);
/* Compact (a small map) folds the legend to its key whatever the setting;
 * the user can still open it there, for the moment. */
void       wa_legend_set_compact (WaLegend *self, gboolean compact);
gboolean   wa_legend_get_compact (WaLegend *self);
/* The map a legend follows: the first ShumateMap under widget (the legends
 * sit over the map, in the same window), or NULL. */
ShumateMap *wa_legend_find_map (GtkWidget *widget);

G_END_DECLS
