/* wa-a11y-names.h: accessible names GTK 4.8 gets wrong, set where the
 * widgets are built: mnemonic buttons read twice with the underscore
 * ("_Briefing (PDF)… Briefing (PDF)…"), and drop-down items (also those of
 * AdwComboRow) with empty names. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Names every button with use-underline in widget's tree (itself
 * included) after its label without the mnemonic underscore. */
void                wa_a11y_name_mnemonic_buttons (GtkWidget *widget);
/* A factory for a drop-down's (or combo row's) list of GtkStringObject
 * items: each item is a label, and its row is named after the string;
 * with_mark: a check mark on the chosen item (for the popup). */
GtkListItemFactory *wa_a11y_named_list_factory (gboolean with_mark);
/* For an AdwActionRow given its own accessible name and description:
 * drops libadwaita 1.2's labelled-by (title) and described-by (subtitle)
 * relations, which GTK 4.8 reads after them ("Income, rank 750 of 7,427
 * Income"). */
void                wa_a11y_own_row_name (GtkWidget *row);

G_END_DECLS
