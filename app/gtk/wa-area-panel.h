/* wa-area-panel.h: what the side panel shows when no ward is selected:
 * a council's summary (its wards, how many are left behind and how many
 * people live in them, its worst wards, its briefing, its rate of each
 * national asset category beside England's), or with no council either,
 * the edition's overview (left-behind wards and people by region, the
 * APPG's three-way benchmark of social infrastructure, and how to read
 * the map). Figures from wa-area-summary and wa-asset-benchmark. */
#pragma once

#include <gtk/gtk.h>
#include "wa-atlas.h"

G_BEGIN_DECLS

#define WA_TYPE_AREA_PANEL (wa_area_panel_get_type ())
G_DECLARE_FINAL_TYPE (WaAreaPanel, wa_area_panel, WA, AREA_PANEL, GtkWidget)

/* Signals: "ward-activated" (WaWard *): one of the listed wards was chosen. */
GtkWidget *wa_area_panel_new (void);
void       wa_area_panel_set_atlas (WaAreaPanel *self, WaAtlas *atlas);
/* A council's code, or NULL for the edition's overview. */
void       wa_area_panel_set_lad (WaAreaPanel *self, const char *lad_code);

G_END_DECLS
