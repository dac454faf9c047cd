/* wa-change-section.h: the ward panel's "Since 2019" section. For a ward
 * of the newest edition: its old wards with their shares, positions and
 * status, its change category, the boundary change and the like-for-like
 * decile-1 LSOA counts; for a ward of the oldest edition, the new wards
 * its residents went to. Every figure comes from WaChange; the caveat line
 * is wa_change_export_caveats ()'s. Without a change (the other pack not
 * open yet) it offers win.compare-editions. */
#pragma once

#include <gtk/gtk.h>
#include "wa-change.h"

G_BEGIN_DECLS

#define WA_TYPE_CHANGE_SECTION (wa_change_section_get_type ())
G_DECLARE_FINAL_TYPE (WaChangeSection, wa_change_section, WA, CHANGE_SECTION, GtkWidget)

GtkWidget *wa_change_section_new (void);
/* change may be NULL; loading says the change is on its way. */
void       wa_change_section_set_change (WaChangeSection *self, WaChange *change, gboolean loading);
/* A new ward clears the note. */
void       wa_change_section_set_ward   (WaChangeSection *self, WaWard *ward);
/* One line above the rest, e.g. where the selection went on an edition switch. */
void       wa_change_section_set_note   (WaChangeSection *self, const char *note);

G_END_DECLS
