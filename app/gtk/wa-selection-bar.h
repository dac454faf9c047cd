/* wa-selection-bar.h: the "Selection" bar under the map while wards are
 * gathered with Ctrl+click into a custom area (issue 20): how many wards,
 * their residents, where the area's IMD and CNI scores would rank among
 * the wards, its share of residents in left-behind neighbourhoods, and
 * the buttons "Details" (win.show-selection: the figures in the side
 * panel), "Save as Area…" (win.save-selection) and "Clear"
 * (win.clear-selection). It shows figures it is given. */
#pragma once

#include <gtk/gtk.h>
#include "wa-custom-area.h"

G_BEGIN_DECLS

#define WA_TYPE_SELECTION_BAR (wa_selection_bar_get_type ())
G_DECLARE_FINAL_TYPE (WaSelectionBar, wa_selection_bar, WA, SELECTION_BAR, GtkWidget)

/* figures NULL (with n_wards 0) hides the bar; error, if set, is shown
 * instead of the figures. */
void        wa_selection_bar_set_figures (WaSelectionBar *self, guint n_wards,
                                          const WaCustomAreaFigures *figures,
                                          const char *error);
/* The same for a selection of neighbourhoods: "3 neighbourhoods (LSOAs)",
 * and the bar's accessible name and Save's tooltip say so. */
void        wa_selection_bar_set_lsoa_figures (WaSelectionBar *self, guint n_lsoas,
                                               const WaCustomAreaFigures *figures,
                                               const char *error);
/* While a polygon is drawn on the map: how many points, the hint "Click
 * to add points, double-click to finish, Escape to cancel", and the
 * buttons "Finish" (win.finish-drawing) and "Cancel" (win.cancel-drawing)
 * in place of the selection's. set_figures brings the selection back. */
void        wa_selection_bar_set_drawing (WaSelectionBar *self, guint n_points);
/* The first line as shown, or NULL when the bar is hidden; for tests. */
const char *wa_selection_bar_get_title (WaSelectionBar *self);
/* The residents as shown ("21,345"), or NULL; for tests. */
const char *wa_selection_bar_get_residents_text (WaSelectionBar *self);

G_END_DECLS
