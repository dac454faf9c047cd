/* wa-window-private.h: the window's insides, for the files that make up
 * the window (wa-window.c, wa-window-actions.c, wa-export-actions.c) and
 * for the widget tests. Nothing else includes it. */
#pragma once

#include "wa-window.h"
#include "wa-change-loader.h"
#include "wa-custom-area-panel.h"
#include "wa-my-areas-popover.h"
#include "wa-selection-bar.h"
#include "wa-rank-method-button.h"
#include "wa-rank-table.h"
#include "wa-search-popover.h"
#include "wa-user-lists-store.h"
#include "wa-ward-map.h"
#include "wa-ward-panel.h"

G_BEGIN_DECLS

struct _WaWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;

  /* template children */
  AdwToastOverlay *toast_overlay;
  GtkStack *content_stack;
  GtkWidget *loading_page;
  GtkSpinner *loading_spinner;
  AdwStatusPage *error_page;
  AdwFlap *flap;
  GtkBox *edition_box;
  WaRankMethodButton *method_button;
  GtkSearchEntry *search_entry;
  GtkPaned *table_paned;
  WaRankTable *rank_table;
  WaWardMap *ward_map;
  WaWardPanel *ward_panel;
  GMenu *profile_formats;             /* the main menu's Export Ward Profile */

  WaSearchPopover *search_popover;
  GtkWidget *edition_buttons[WA_N_EDITIONS];
  GtkWidget *change_button;           /* the switcher's third choice, "Change" */

  WaAtlas *atlas;                     /* the one shown */
  WaAtlas *atlases[WA_N_EDITIONS];    /* each edition opened so far */
  GCancellable *open_cancellable;
  guint cover_timeout_id;             /* the loading cover waits for the first tiles (reveal_when_asked) */
  guint cover_tick_id;
  gulong after_paint_id;              /* "map-ready" once the uncovered map is painted */
  char *opening_path;                 /* the pack being opened, for "Verify" */

  WaWard *selected;
  WaChangeLoader *change_loader;      /* the change between the editions, for the panel */
  WaWard *carry_from;                 /* selected before an edition switch, until carried over */
  gboolean carry_from_old;            /* carry_from is a ward of the oldest edition */
  gboolean change_asked;              /* the panel's button was used and no answer came yet */
  gboolean change_view;               /* "Change" chosen: the newest edition, shaded by change */
  int selected_lad;                   /* index into the atlas's LADs, or -1 */
  WaUserListsStore *user_lists;       /* the user's asset lists, loaded for atlas */

  /* Custom areas (wa-window-areas.c) */
  AdwViewStack *panel_stack;          /* (not a GtkStack: tests find the content stack above ward_panel) "ward": ward_panel; "area": custom_area_panel */
  WaCustomAreaPanel *custom_area_panel;
  WaSelectionBar *selection_bar;
  WaMyAreasPopover *my_areas_popover;
  GPtrArray *area_wards;              /* WaWard*, gathered with Ctrl+click, in order */
  GArray *area_lsoas;                 /* guint LSOA indices, gathered with Ctrl+click where the
                                       * map shows them; when any, area_wards is empty (the
                                       * wards were expanded into their LSOAs) */
  WaCustomArea *shown_area;           /* the area in the panel, or NULL */
  gboolean selection_in_panel;        /* shown_area is the gathered wards, kept in step */
};

/* wa-window-areas.c: custom areas: the wards gathered with Ctrl+click
 * (the Selection bar), the custom area panel and My Areas. */
void          _wa_window_class_areas_init (GtkWidgetClass *widget_class);
void          _wa_window_areas_init       (WaWindow *self);
void          _wa_window_areas_dispose    (WaWindow *self);
/* A new atlas: the gathered wards and the shown area are dropped. */
void          _wa_window_areas_set_atlas  (WaWindow *self);
/* A ward was selected (or none): the ward panel comes back. */
void          _wa_window_areas_ward_selected (WaWindow *self, WaWard *ward);
/* Adds the ward to the gathered wards, or takes it out. */
void          _wa_window_toggle_area_ward (WaWindow *self, WaWard *ward);
/* Adds the neighbourhood (an LSOA index) or takes it out. Wards gathered
 * before become their LSOAs first (so one in a chosen ward is taken out
 * of it); a ward toggled afterwards adds or takes out all its LSOAs. */
void          _wa_window_toggle_area_lsoa (WaWindow *self, guint lsoa_index);
void          _wa_window_clear_area_wards (WaWindow *self);
WaCustomArea *_wa_window_dup_gathered_area (WaWindow *self);
/* Saves the gathered wards as an area of that name in the user's areas
 * file; the new area (owned), or NULL with error. */
WaCustomArea *_wa_window_save_area_wards  (WaWindow *self, const char *name, GError **error);
/* Shows a custom area in the side panel and outlines it on the map. */
void          _wa_window_show_custom_area (WaWindow *self, WaCustomArea *area);
/* The same for the saved area with that id (a search result); nothing if
 * it is no longer saved. */
void          _wa_window_show_custom_area_by_id (WaWindow *self, const char *id);

/* Saves the shown (drawn) area under name in the user's areas file and
 * shows the saved one; FALSE with error. */
gboolean      _wa_window_save_shown_area (WaWindow *self, const char *name, GError **error);
/* What finishing a drawn polygon does: n_points lon/lat pairs become the
 * unsaved area "Drawn area" shown in the panel; FALSE with error (naming
 * the problem) when the polygon is not an area or has no figures. */
gboolean      _wa_window_show_drawn_area (WaWindow *self, const double *lonlat, guint n_points,
                                          GError **error);

/* wa-window-actions.c: the win.* actions and the edition switcher. */
void          _wa_window_class_actions_init     (GtkWidgetClass *widget_class);
void          _wa_window_actions_init           (WaWindow *self);
/* Greys out editions without a pack and checks the open one. */
void          _wa_window_update_edition_controls (WaWindow *self);
/* The edition switcher's "Change": shows the newest edition shaded by
 * change since 2019, opening the other pack in the background first. */
void          _wa_window_show_change_view (WaWindow *self);
/* Hands the change to the map (in the change view) and the table (with
 * the newest edition shown), or NULL when it does not apply. */
void          _wa_window_sync_change (WaWindow *self);

/* The local authority last chosen in search (NULL when a ward was chosen
 * since, or none); the selected ward stays NULL meanwhile. */
const WaArea *_wa_window_get_selected_lad (WaWindow *self);
/* What a click (not a pan) at map widget coordinates does: selects the
 * ward there, or clears the selection. Returns the ward, or NULL. */
WaWard       *_wa_window_click_map (WaWindow *self, double x, double y);
/* The ShumateMap inside the ward map. */
ShumateMap   *_wa_window_get_map (WaWindow *self);

G_END_DECLS
