/* wa-map-credits.h: the data credit on the map: one short line naming
 * the copyright owners ("© Crown copyright, ONS, … — Credits") that opens
 * the full attribution list the data licences require. */
#pragma once

#include <gtk/gtk.h>
#include "wa-atlas.h"

G_BEGIN_DECLS

#define WA_TYPE_MAP_CREDITS (wa_map_credits_get_type ())
G_DECLARE_FINAL_TYPE (WaMapCredits, wa_map_credits, WA, MAP_CREDITS, GtkWidget)

GtkWidget *wa_map_credits_new (void);
/* The pack whose sources are credited (NULL hides the line). */
void       wa_map_credits_set_atlas (WaMapCredits *self, WaAtlas *atlas);
/* Adds the OpenStreetMap basemap's credit while the basemap is shown. */
void       wa_map_credits_set_online_basemap (WaMapCredits *self, gboolean online);
/* The full list, as the popover shows it (for tests). */
const char *wa_map_credits_get_full_text (WaMapCredits *self);

G_END_DECLS
