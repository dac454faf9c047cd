/* wa-custom-area-panel.h: the side panel for a custom area (issue 20):
 * a saved area, an imported boundary, or the wards being gathered with
 * Ctrl+click. Shows what wa_custom_area_compute gives (the panel computes
 * nothing itself): residents, IMD and CNI scores with where they would
 * rank among the wards, the shares of residents in the most deprived and
 * left-behind neighbourhoods, its LSOAs whole and split, the wards it
 * touches and its assets beside England's rates. */
#pragma once

#include <gtk/gtk.h>
#include "wa-atlas.h"
#include "wa-custom-area.h"

G_BEGIN_DECLS

#define WA_TYPE_CUSTOM_AREA_PANEL (wa_custom_area_panel_get_type ())
G_DECLARE_FINAL_TYPE (WaCustomAreaPanel, wa_custom_area_panel, WA, CUSTOM_AREA_PANEL, GtkWidget)

/* Signals: "ward-activated" (WaWard *): one of the wards touched was chosen. */
GtkWidget  *wa_custom_area_panel_new (void);
/* Computes the area's figures on atlas and shows them; FALSE with error
 * (the panel then says so) when they cannot be computed. NULL area clears. */
gboolean    wa_custom_area_panel_set_area (WaCustomAreaPanel *self, WaAtlas *atlas,
                                           WaCustomArea *area, GError **error);
WaCustomArea *wa_custom_area_panel_get_area (WaCustomAreaPanel *self);
/* Shows "Save Area…" (win.save-shown-area) for an area not yet saved
 * (a drawn one); hidden at first. */
void        wa_custom_area_panel_set_can_save (WaCustomAreaPanel *self, gboolean can_save);
gboolean    wa_custom_area_panel_get_can_save (WaCustomAreaPanel *self);
/* The residents figure as shown ("21,345"), for tests; NULL when none. */
const char *wa_custom_area_panel_get_residents_text (WaCustomAreaPanel *self);

/* Shared with the Selection bar: "Would rank 123 of 6,904 wards"; NULL
 * when the area has no score on the indicator. */
char       *wa_custom_area_would_rank_text (const WaCustomAreaFigures *figures,
                                            WaIndicator indicator);
/* The share of residents in left-behind neighbourhoods under the first
 * flag the edition can tell (published, then recomputed), as "12.5 %",
 * with *out_flag set; NULL when the edition cannot tell. */
char       *wa_custom_area_left_behind_text (const WaCustomAreaFigures *figures,
                                             WaLsoaFlag *out_flag);

G_END_DECLS
