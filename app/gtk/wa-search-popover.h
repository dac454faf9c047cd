/* wa-search-popover.h: the results list under the header bar's search
 * entry. Typing searches at once (the core answers in microseconds); Up and
 * Down move through the results, Enter chooses one, Escape closes. */
#pragma once

#include <gtk/gtk.h>
#include "wa-atlas.h"
#include "wa-search.h"

G_BEGIN_DECLS

#define WA_TYPE_SEARCH_POPOVER (wa_search_popover_get_type ())
G_DECLARE_FINAL_TYPE (WaSearchPopover, wa_search_popover, WA, SEARCH_POPOVER, GtkPopover)

/* Signals:
 * "result-activated" (const WaSearchResult *result): the user chose a
 *   result; valid only during the emission. */

/* Attaches to entry: the popover points at it and follows its text. */
WaSearchPopover *wa_search_popover_new (GtkSearchEntry *entry);
/* NULL disables searching. The name index is built in an idle callback. */
void             wa_search_popover_set_atlas (WaSearchPopover *self, WaAtlas *atlas);
void             wa_search_popover_warm (WaSearchPopover *self);
/* The user's saved areas (WaCustomArea*; a reference is kept), searched
 * by name before the atlas. */
void             wa_search_popover_set_custom_areas (WaSearchPopover *self, GPtrArray *areas);
/* The shown results (for tests and accessibility checks). */
guint            wa_search_popover_get_n_results (WaSearchPopover *self);
const WaSearchResult *wa_search_popover_get_result (WaSearchPopover *self, guint index);
/* Index of the highlighted result, or -1. */
int              wa_search_popover_get_selected (WaSearchPopover *self);

G_END_DECLS
