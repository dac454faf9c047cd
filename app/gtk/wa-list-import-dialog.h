/* wa-list-import-dialog.h: "Import Asset List", the dialog that turns a
 * table file (CSV, XLSX, GeoJSON, GeoPackage) into one of the user's own
 * asset lists (wa-user-list.h). It shows what was read and a preview, lets
 * the user say how rows are located (postcode, longitude and latitude, or
 * easting and northing) and which column names them, names the list and
 * picks its symbol and colour; then locates every row off the main thread
 * (with a progress bar and Cancel) and reports what it found. The list is
 * stored in the window's store only when the user confirms ("Add List"):
 * nothing is stored half-way. The dialog only shows the core's answers: it
 * never parses the file or locates a row itself. */
#pragma once

#include <adwaita.h>
#include "wa-user-lists-store.h"

G_BEGIN_DECLS

#define WA_TYPE_LIST_IMPORT_DIALOG (wa_list_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WaListImportDialog, wa_list_import_dialog, WA, LIST_IMPORT_DIALOG, AdwWindow)

/* Where the dialog is; "notify::stage" follows it. */
typedef enum {
  WA_LIST_IMPORT_STAGE_EMPTY,       /* no file yet */
  WA_LIST_IMPORT_STAGE_READING,     /* reading the preview */
  WA_LIST_IMPORT_STAGE_ERROR,       /* the file or the import failed: the message names the file */
  WA_LIST_IMPORT_STAGE_SETUP,       /* preview and choices */
  WA_LIST_IMPORT_STAGE_IMPORTING,   /* reading the whole file and locating, cancellable */
  WA_LIST_IMPORT_STAGE_REPORT,      /* what locating found; "Add List" stores it */
  WA_LIST_IMPORT_STAGE_ADDED,       /* stored in the store (the dialog then closes) */
} WaListImportStage;

/* A modal dialog transient for parent, importing into store (whose atlas
 * locates the rows). */
WaListImportDialog *wa_list_import_dialog_new (GtkWindow *parent, WaUserListsStore *store);
/* The whole flow from a menu or button: a file chooser, then the dialog
 * with the chosen file. */
void                wa_list_import_dialog_choose (GtkWindow *parent, WaUserListsStore *store);

/* Reads the file's first rows (off the main thread) for the preview. */
void                wa_list_import_dialog_load_file (WaListImportDialog *self, const char *path);
/* The "Import" button: reads the whole file and locates its rows. */
void                wa_list_import_dialog_import    (WaListImportDialog *self);
/* The "Cancel" button while importing: back to the choices. */
void                wa_list_import_dialog_cancel_import (WaListImportDialog *self);
/* The "Add List" button: stores the list; FALSE (and the reason shown in
 * the dialog) when it could not be saved. */
gboolean            wa_list_import_dialog_add       (WaListImportDialog *self, GError **error);
/* What "Save List of Postcodes Not Found…" writes, to path. */
gboolean            wa_list_import_dialog_save_not_found (WaListImportDialog *self, const char *path,
                                                          GError **error);

WaListImportStage   wa_list_import_dialog_get_stage (WaListImportDialog *self);
/* The error page's text ("Cannot Import “x.csv”" and why), or NULL. */
const char         *wa_list_import_dialog_get_error (WaListImportDialog *self);
/* The located list (REPORT and ADDED), or NULL. Borrowed. */
WaUserList         *wa_list_import_dialog_get_list  (WaListImportDialog *self);
/* The list's name as typed in the dialog. */
const char         *wa_list_import_dialog_get_name  (WaListImportDialog *self);

G_END_DECLS
