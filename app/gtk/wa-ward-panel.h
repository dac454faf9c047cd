/* wa-ward-panel.h: the side panel describing the selected ward. */
#pragma once

#include <gtk/gtk.h>
#include "wa-atlas.h"
#include "wa-change-section.h"
#include "wa-asset-section.h"
#include "wa-neighbourhood-section.h"

G_BEGIN_DECLS

#define WA_TYPE_WARD_PANEL (wa_ward_panel_get_type ())
G_DECLARE_FINAL_TYPE (WaWardPanel, wa_ward_panel, WA, WARD_PANEL, GtkWidget)

/* Properties: "atlas" (WaAtlas, nullable), "ward" (WaWard, nullable: the
 * panel then invites the user to pick a ward). Follows the atlas's
 * "ranks-changed" signal, so combined ranks stay current.
 * Signal "ward-activated" (WaWard *ward): the user chose a neighbouring ward. */
GtkWidget *wa_ward_panel_new       (void);
void       wa_ward_panel_set_atlas (WaWardPanel *self, WaAtlas *atlas);
WaAtlas   *wa_ward_panel_get_atlas (WaWardPanel *self);
void       wa_ward_panel_set_ward  (WaWardPanel *self, WaWard *ward);
WaWard    *wa_ward_panel_get_ward  (WaWardPanel *self);
/* The "Since 2019" section, which the window feeds with the change. */
WaChangeSection *wa_ward_panel_get_change_section (WaWardPanel *self);
/* The neighbourhood (LSOA) and social-infrastructure sections (the window
 * gives the latter the user's asset lists). On screen, set_ward leaves
 * them to the frame after the ward's first; these getters fill them first,
 * as does finish_fill. */
WaNeighbourhoodSection *wa_ward_panel_get_neighbourhood_section (WaWardPanel *self);
WaAssetSection  *wa_ward_panel_get_asset_section (WaWardPanel *self);
void       wa_ward_panel_finish_fill (WaWardPanel *self);
/* With no ward selected: this council's summary, or (NULL) the edition's
 * overview. */
void       wa_ward_panel_set_lad   (WaWardPanel *self, const char *lad_code);

G_END_DECLS
