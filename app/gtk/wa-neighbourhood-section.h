/* wa-neighbourhood-section.h: the ward panel's "Neighbourhoods in This
 * Ward": the ward's LSOAs with their IMD and CNI deciles and residents, how
 * many are in the most deprived 10 % on each index, and the share of its
 * residents in left-behind neighbourhoods. Every figure comes from
 * wa-lsoa.h; hidden for a pack without neighbourhoods. */
#pragma once

#include <gtk/gtk.h>
#include "wa-atlas.h"

G_BEGIN_DECLS

#define WA_TYPE_NEIGHBOURHOOD_SECTION (wa_neighbourhood_section_get_type ())
G_DECLARE_FINAL_TYPE (WaNeighbourhoodSection, wa_neighbourhood_section, WA, NEIGHBOURHOOD_SECTION, GtkWidget)

void wa_neighbourhood_section_set_atlas (WaNeighbourhoodSection *self, WaAtlas *atlas);
void wa_neighbourhood_section_set_ward  (WaNeighbourhoodSection *self, WaWard *ward);
/* The neighbourhood clicked on the map: a card with its figures above the
 * list, and its row marked; -1 (or an LSOA of another ward) hides it. */
void wa_neighbourhood_section_set_lsoa  (WaNeighbourhoodSection *self, int lsoa_index);
int  wa_neighbourhood_section_get_lsoa  (WaNeighbourhoodSection *self);
/* The card's text, title and body (for tests and screen readers). */
char *wa_neighbourhood_section_dup_card_text (WaNeighbourhoodSection *self);

G_END_DECLS
