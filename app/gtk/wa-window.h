/* wa-window.h: the main window: header bar, ward map and ward panel. */
#pragma once

#include <adwaita.h>
#include <shumate/shumate.h>
#include "wa-atlas.h"
#include "wa-map-source.h"
#include "wa-map-theme.h"

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

/* A short message at the bottom of the window. */
void         wa_window_show_toast (WaWindow *self, const char *message);

WaAtlas     *wa_window_get_atlas (WaWindow *self);
ShumateMap  *wa_window_get_map (WaWindow *self);
WaMapSource *wa_window_get_map_source (WaWindow *self);
GtkWidget   *wa_window_get_ward_panel (WaWindow *self);
GtkWidget   *wa_window_get_rank_table (WaWindow *self);      /* WaRankTable */
GtkWidget   *wa_window_get_search_popover (WaWindow *self);  /* WaSearchPopover */
/* The local authority last chosen in search (NULL when a ward was chosen
 * since, or none); the selected ward stays NULL meanwhile. */
const WaArea *wa_window_get_selected_lad (WaWindow *self);
/* Writes the ranking table's shown rows, in their order, as the CSV export
 * (what win.export-table does once a file is chosen). */
gboolean     wa_window_export_table (WaWindow *self, const char *path, GError **error);
/* Takes the (floating) toast. */
void         wa_window_add_toast (WaWindow *self, AdwToast *toast);
WaWard      *wa_window_get_selected_ward (WaWindow *self);
/* Selects ward (NULL clears); with fit, moves the map to show all of it. */
void         wa_window_select_ward (WaWindow *self, WaWard *ward, gboolean fit);
/* What a click (not a pan) at map widget coordinates does: selects the
 * ward there, or clears the selection. Returns the ward, or NULL. */
WaWard      *wa_window_click_map (WaWindow *self, double x, double y);
/* The ward under map widget coordinates, or NULL. */
WaWard      *wa_window_pick (WaWindow *self, double x, double y);
/* The map theme for the desktop's current style and the user's settings. */
void         wa_window_get_map_theme (WaWindow *self, WaMapTheme *theme);

G_END_DECLS
