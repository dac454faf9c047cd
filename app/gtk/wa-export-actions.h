/* wa-export-actions.h: the window's export and print actions:
 *   win.export-briefing       (Ctrl+E) PDF briefing on the selected ward, or
 *                             on the council chosen in search
 *   win.export-area-briefing  PDF briefing on the selected ward's council
 *   win.print                 (Ctrl+P) print that briefing
 *   win.export-map-image      the current map view as PNG, 1x or 2x
 *   win.export-profile ("csv" | "json") the selected ward's profile
 *   win.export-table          the ranking table's shown rows as CSV
 * Files are chosen with the save dialog (which asks before replacing),
 * written in a worker thread, atomically; failures are shown naming the
 * file. */
#pragma once

#include "wa-window.h"

G_BEGIN_DECLS

/* From WaWindow's class_init. */
void wa_export_actions_install (GtkWidgetClass *widget_class);
/* One win.export-profile item per format of the export format table, put
 * in MENU before the item whose action is BEFORE_ACTION (at the end when
 * NULL or absent), each labelled LABEL_FORMAT (translated, taking the
 * format's menu name, e.g. "Profile as %s…"). */
void wa_export_actions_add_profile_items (GMenu *menu, const char *before_action,
                                          const char *label_format);
/* From WaWindow's init: keeps the actions enabled only when they can run. */
void wa_export_actions_init    (WaWindow *window);
/* Runs an export action to path without asking (for tests and scripts):
 * the same snapshot and writer as the action; scale for map images. */
gboolean wa_export_actions_export_to (WaWindow *window, const char *action_name,
                                      GVariant *parameter, double scale, const char *path,
                                      GError **error);
/* From WaWindow's class_init: win.export-table. */
void     wa_export_actions_install_table (GtkWidgetClass *widget_class);
/* Writes the ranking table's shown rows, in their order, as the CSV export
 * (what win.export-table does once a file is chosen). */
gboolean wa_export_actions_export_table (WaWindow *window, const char *path, GError **error);
/* provenance_sidecar: a clean CSV, its "#" description in
 * PATH.provenance.txt (the export dialog's "Provenance" choice). */
gboolean wa_export_actions_export_table_full (WaWindow *window, const char *path,
                                              gboolean provenance_sidecar, GError **error);

G_END_DECLS
