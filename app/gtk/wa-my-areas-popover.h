/* wa-my-areas-popover.h: "My Areas" (issue 20): the custom areas saved in
 * the user's areas file (wa_custom_areas_default_path), each with rename,
 * export (GeoJSON or GeoPackage) and delete, and "Import Boundary…",
 * which reads a boundary file in a thread and saves its areas. The core
 * does the reading and writing (wa-custom-area.h). */
#pragma once

#include <gtk/gtk.h>
#include "wa-custom-area.h"

G_BEGIN_DECLS

#define WA_TYPE_MY_AREAS_POPOVER (wa_my_areas_popover_get_type ())
G_DECLARE_FINAL_TYPE (WaMyAreasPopover, wa_my_areas_popover, WA, MY_AREAS_POPOVER, GtkPopover)

/* Signals: "area-activated" (WaCustomArea *): the user chose a saved area
 * (or one was just imported); "changed": the list was read again (after
 * a save, rename, delete or import). */

/* Reads the areas file again (an error is shown in the list). */
void        wa_my_areas_popover_reload (WaMyAreasPopover *self);
/* The saved areas as listed, of WaCustomArea*; borrowed. */
GPtrArray  *wa_my_areas_popover_get_areas (WaMyAreasPopover *self);
/* The list's row for the saved area with this id, or NULL. */
GtkWidget  *wa_my_areas_popover_find_row (WaMyAreasPopover *self, const char *id);
gboolean    wa_my_areas_popover_delete (WaMyAreasPopover *self, const char *id, GError **error);
/* Reads the boundary file in a thread and saves every area in it, named
 * by name_field (NULL: the core's guess); the result is the saved areas
 * (GPtrArray of WaCustomArea*, owned). The list is reloaded. */
void        wa_my_areas_popover_import_async  (WaMyAreasPopover *self, const char *path,
                                               const char *name_field, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
GPtrArray  *wa_my_areas_popover_import_finish (WaMyAreasPopover *self, GAsyncResult *result,
                                               GError **error);
/* What choosing path in the file chooser does: asks which field names
 * the areas when the file has several text fields, then imports. */
void        wa_my_areas_popover_choose_file (WaMyAreasPopover *self, const char *path);
/* The open "Name the Areas By" dialog, or NULL (for tests). */
GtkWidget  *wa_my_areas_popover_get_name_dialog (WaMyAreasPopover *self);

G_END_DECLS
