/* wa-panel-row.h: a side panel's list row: a title, a wrapping subtitle,
 * prefixes and suffixes, as AdwActionRow shows them, laid out on a grid.
 *
 * Why not AdwActionRow: its header is a horizontal GtkBox, and GTK 4.8's
 * box asks a child whose height depends on its width (the wrapping title
 * and subtitle) how wide it must be at given heights, which GtkLabel
 * answers by a binary search of Pango layouts, nested inside the box's
 * own search. A ward's panel re-measured each changed label some 20 to
 * 35 times: 70-110 ms a ward on a 2-core machine. A grid measures each
 * label once for the width it gets.
 *
 * An AdwPreferencesRow, so that an AdwPreferencesGroup puts it in its
 * boxed list (other widgets go below the list), and the title is the
 * row's "title"; titles and subtitles are plain text, never markup
 * (ward names hold "&"). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WA_TYPE_PANEL_ROW (wa_panel_row_get_type ())
G_DECLARE_FINAL_TYPE (WaPanelRow, wa_panel_row, WA, PANEL_ROW, AdwPreferencesRow)

GtkWidget  *wa_panel_row_new (const char *title);
/* The row's AdwPreferencesRow title. */
void        wa_panel_row_set_title (WaPanelRow *self, const char *title);
const char *wa_panel_row_get_title (WaPanelRow *self);
/* NULL or "" hides the subtitle. */
void        wa_panel_row_set_subtitle (WaPanelRow *self, const char *subtitle);
const char *wa_panel_row_get_subtitle (WaPanelRow *self);
/* 0: as many lines as the text needs; otherwise at most that many, the
 * last one ellipsized. */
void        wa_panel_row_set_subtitle_lines (WaPanelRow *self, int lines);
int         wa_panel_row_get_subtitle_lines (WaPanelRow *self);
void        wa_panel_row_add_prefix (WaPanelRow *self, GtkWidget *widget);
void        wa_panel_row_add_suffix (WaPanelRow *self, GtkWidget *widget);

G_END_DECLS
