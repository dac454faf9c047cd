/* wa-window.h: the main window: header bar, ward map, ranking table and
 * ward panel. */
#pragma once

#include <adwaita.h>
#include "wa-atlas.h"

G_BEGIN_DECLS

#define WA_TYPE_WINDOW (wa_window_get_type ())
G_DECLARE_FINAL_TYPE (WaWindow, wa_window, WA, WINDOW, AdwApplicationWindow)

/* Signals:
 * "map-ready": the map has finished drawing every visible tile for the
 *   current atlas and style (emitted after each open and each recolour).
 * "pack-failed" (const char *message): a pack could not be opened; the
 *   window shows why and offers to open another. */
WaWindow    *wa_window_new (GtkApplication *app);

/* Opens a pack in a worker thread; the window shows progress meanwhile. */
void         wa_window_open_pack (WaWindow *self, const char *path);
/* Opens the pack that the settings ask for, found by the pack locator. */
void         wa_window_open_default (WaWindow *self);
/* The pack the settings ask for, or the newest found; NULL if none. */
char        *wa_window_find_default_pack (GSettings *settings);
/* For a pack opened elsewhere (the application starts opening it while
 * GTK starts up): show progress, then the atlas or why it failed. */
void         wa_window_show_loading (WaWindow *self);
void         wa_window_set_atlas (WaWindow *self, WaAtlas *atlas);
void         wa_window_show_pack_error (WaWindow *self, const char *message);
/* The same for the pack at PATH that failed to open: the dialog also
 * offers "Verify" (the full check, layer by layer). */
void         wa_window_show_pack_open_error (WaWindow *self, const char *path, const char *message);

/* A short message at the bottom of the window. */
void         wa_window_show_toast (WaWindow *self, const char *message);

WaAtlas     *wa_window_get_atlas (WaWindow *self);
/* The ranking table (a WaRankTable), for the start-up measurement. */
/* Selects ward (NULL clears); with fit, moves the map to show all of it. */
void         wa_window_select_ward (WaWindow *self, WaWard *ward, gboolean fit);

G_END_DECLS
