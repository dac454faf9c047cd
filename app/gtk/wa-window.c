/* wa-window.c
 *
 * The window owns the open atlas (one per edition, kept once opened so
 * that switching back is instant) and the selection, and hands both to
 * its parts: the ward map, the ranking table, the ward panel and search.
 * The model does every computation; the actions are in
 * wa-window-actions.c.
 */
#include <glib/gi18n.h>

#include "wa-window-private.h"
#include "wa-a11y-names.h"
#include "wa-announcer.h"
#include "wa-build-slot.h"
#include "wa-change-lookup.h"
#include "wa-pack-locator.h"
#include "wa-pack-verify-dialog.h"

G_DEFINE_FINAL_TYPE (WaWindow, wa_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  SIGNAL_MAP_READY,
  SIGNAL_PACK_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* libadwaita 1.2 toast titles are markup; messages carry file and place names. */
void
wa_window_show_toast (WaWindow *self, const char *message)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (WA_IS_WINDOW (self));
  escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
  wa_announce (GTK_WIDGET (self), message);
}

/* ---- selection ------------------------------------------------------- */

void
wa_window_select_ward (WaWindow *self, WaWard *ward, gboolean fit)
{
  g_return_if_fail (WA_IS_WINDOW (self));

  g_set_object (&self->selected, ward);
  g_clear_object (&self->carry_from);   /* a choice of the user's wins over carrying one */
  wa_ward_panel_set_lad (self->ward_panel, NULL);
  wa_ward_panel_set_ward (self->ward_panel, ward);
  wa_rank_table_select_ward (self->rank_table, ward);
  self->selected_lad = -1;
  wa_ward_map_set_selected (self->ward_map, ward, fit);
  _wa_window_areas_ward_selected (self, ward);
}

WaWard *
_wa_window_click_map (WaWindow *self, double x, double y)
{
  WaWard *ward = wa_ward_map_pick (self->ward_map, x, y);

  wa_window_select_ward (self, ward, FALSE);
  return ward;
}

static void
on_search_result (WaWindow *self, const WaSearchResult *r, WaSearchPopover *popover)
{
  WaWard *ward = r->ward_index >= 0 ? wa_atlas_get_ward (self->atlas, r->ward_index) : NULL;

  if (r->kind == WA_SEARCH_CUSTOM_AREA)
    {
      _wa_window_show_custom_area_by_id (self, r->code);
      return;
    }
  wa_window_select_ward (self, ward, FALSE);
  self->selected_lad = r->kind == WA_SEARCH_LAD ? r->area_index : -1;
  if (ward == NULL && r->kind == WA_SEARCH_LAD)
    wa_ward_panel_set_lad (self->ward_panel, r->code);
  wa_ward_map_show_result (self->ward_map, r);
}

static void
on_ward_chosen (WaWindow *self, WaWard *ward)
{
  wa_window_select_ward (self, ward, TRUE);
}

static void
on_map_clicked (WaWindow *self, WaWard *ward)
{
  wa_window_select_ward (self, ward, FALSE);
}

static void
on_map_lsoa_clicked (WaWindow *self, int lsoa_index)
{
  wa_neighbourhood_section_set_lsoa (wa_ward_panel_get_neighbourhood_section (self->ward_panel),
                                     lsoa_index);
}

/* ---- the loading cover ------------------------------------------------ */

/* GTK 4.8 keeps a spinner's animation running on a hidden stack page,
 * which has the frame clock lay the window out every frame while the app
 * idles: the spinner spins only while it is shown. */
static void
on_content_page_changed (WaWindow *self)
{
  gtk_spinner_set_spinning (self->loading_spinner,
                            gtk_widget_get_visible (self->loading_page)
                            && g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack),
                                          "map") == 0);
}

/* The loading cover hides the map page while a pack opens. The page
 * under it is laid out all the same, so that the map knows its size and
 * asks for its first tiles as soon as the pack is there, but draws nothing
 * (GTK snapshots no widget of opacity 0) and, until the pack is there
 * (live), takes no focus, clicks or screen reader's attention. */
static void
set_loading_cover (WaWindow *self, gboolean covered, gboolean live)
{
  GtkWidget *page = GTK_WIDGET (self->flap);

  gtk_widget_set_visible (self->loading_page, covered);
  gtk_widget_set_opacity (page, covered ? 0.0 : 1.0);
  gtk_widget_set_can_focus (page, live);
  gtk_widget_set_can_target (page, live);
  gtk_accessible_update_state (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_STATE_HIDDEN, !live, -1);
  on_content_page_changed (self);
}

static void
stop_reveal (WaWindow *self)
{
  g_clear_handle_id (&self->cover_timeout_id, g_source_remove);
  if (self->cover_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->cover_tick_id);
  self->cover_tick_id = 0;
}

static void
uncover (WaWindow *self)
{
  stop_reveal (self);
  set_loading_cover (self, FALSE, TRUE);
}

static gboolean
cover_timeout_cb (gpointer data)
{
  WaWindow *self = data;

  self->cover_timeout_id = 0;
  uncover (self);
  return G_SOURCE_REMOVE;
}

static gboolean
cover_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  WaWindow *self = WA_WINDOW (widget);

  if (wa_ward_map_get_n_pending_tiles (self->ward_map) == 0)
    return G_SOURCE_CONTINUE;
  self->cover_tick_id = 0;
  uncover (self);
  return G_SOURCE_REMOVE;
}

/* A pack is there: the cover stays until the map has asked for its first
 * tiles, or a second at most. libshumate asks for them only after the
 * frame that laid the view out; until then that frame is the cover alone,
 * not the whole window (50-60 ms of the main thread here), and the tiles
 * are drawn while the uncovered window is. */
#define COVER_AT_MOST_MS 1000

static void
reveal_when_asked (WaWindow *self)
{
  if (!gtk_widget_get_visible (self->loading_page) || self->cover_tick_id != 0)
    return;
  set_loading_cover (self, TRUE, TRUE);
  self->cover_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), cover_tick_cb, NULL, NULL);
  self->cover_timeout_id = g_timeout_add (COVER_AT_MOST_MS, cover_timeout_cb, self);
}

static void
on_after_paint (GdkFrameClock *clock, WaWindow *self)
{
  g_clear_signal_handler (&self->after_paint_id, clock);
  g_signal_emit (self, signals[SIGNAL_MAP_READY], 0);
}

static void
emit_map_ready_after_paint (WaWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->after_paint_id != 0)
    return;
  self->after_paint_id = g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint),
                                                  self, 0);
}

static void
on_map_ready (WaWindow *self)
{
  /* The map may finish drawing while the window is being disposed, its
   * template children (the table) already gone. */
  if (self->rank_table == NULL)
    return;
  /* The map of the pack shown before, drawn under the cover while
   * another opens, is not what anyone waits for. */
  if (gtk_widget_get_visible (self->loading_page) && self->cover_tick_id == 0)
    return;
  wa_rank_table_warm (self->rank_table);
  if (self->search_popover != NULL)
    wa_search_popover_warm (self->search_popover);
  /* The first frame is drawn: a progressive open's assets are read now,
   * and the map's held background builds run. */
  if (self->atlas != NULL)
    wa_atlas_start_assets (self->atlas);
  wa_build_slot_release_background ();
  if (self->cover_tick_id != 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      /* Drawn before the cover went (every tile at hand): it is shown
       * once the cover has gone. */
      uncover (self);
      emit_map_ready_after_paint (self);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_MAP_READY], 0);
}

/* ---- change since 2019 --------------------------------------------------- */

static void
update_change_section (WaWindow *self)
{
  wa_change_section_set_change (wa_ward_panel_get_change_section (self->ward_panel),
                                wa_change_loader_get_change (self->change_loader),
                                wa_change_loader_is_loading (self->change_loader));
}

/* After an edition switch: the ward of the new edition holding most of
 * the residents of the one selected before, and a sentence saying so. */
static void
carry_selection (WaWindow *self)
{
  WaChange *change = wa_change_loader_get_change (self->change_loader);
  g_autoptr(WaWard) from = NULL;
  g_autofree char *note = NULL;
  WaWard *to;
  double share;

  if (self->carry_from == NULL || change == NULL || self->atlas == NULL)
    return;
  from = g_steal_pointer (&self->carry_from);
  to = wa_change_counterpart (change, from, self->carry_from_old, &share);
  if (to == NULL || wa_atlas_lookup_ward (self->atlas, wa_ward_get_code (to)) != to)
    return;
  wa_window_select_ward (self, to, FALSE);
  note = wa_change_describe_counterpart (from, to, self->carry_from_old, share);
  wa_change_section_set_note (wa_ward_panel_get_change_section (self->ward_panel), note);
  wa_announce (GTK_WIDGET (self), note);
}

void
_wa_window_sync_change (WaWindow *self)
{
  WaChange *change = wa_change_loader_get_change (self->change_loader);
  gboolean newest = self->atlas != NULL && self->atlas == self->atlases[wa_edition_newest ()];

  wa_ward_map_set_change (self->ward_map, self->change_view && newest ? change : NULL,
                          self->atlases[0]);
  wa_rank_table_set_change (self->rank_table, newest ? change : NULL);
}

void
_wa_window_show_change_view (WaWindow *self)
{
  WaEdition newest = wa_edition_newest ();

  if (self->change_view)
    return;
  self->change_view = TRUE;
  /* A failure to get the change is said (on_change_failed). */
  self->change_asked = wa_change_loader_get_change (self->change_loader) == NULL;
  g_settings_set_string (self->settings, "edition", wa_edition_to_string (newest));
  if (self->atlases[newest] != NULL && self->atlas != self->atlases[newest])
    wa_window_set_atlas (self, self->atlases[newest]);
  /* Opens whichever pack is missing; the newest is shown once the change
   * is ready (on_change_ready). */
  wa_change_loader_load (self->change_loader);
  update_change_section (self);
  _wa_window_sync_change (self);
  _wa_window_update_edition_controls (self);
}

static void
on_change_ready (WaWindow *self)
{
  WaAtlas *newest = self->atlases[wa_edition_newest ()];

  self->change_asked = FALSE;
  if (self->change_view && newest != NULL && self->atlas != newest
      && wa_change_loader_get_change (self->change_loader) != NULL)
    wa_window_set_atlas (self, newest);
  update_change_section (self);
  carry_selection (self);
  _wa_window_sync_change (self);
}

static void
on_change_failed (WaWindow *self, const char *message)
{
  /* Said only when the user is waiting for it: a switch or the panel's button. */
  if (self->carry_from != NULL || self->change_asked)
    wa_window_show_toast (self, message);
  g_clear_object (&self->carry_from);
  self->change_asked = FALSE;
  self->change_view = FALSE;
  update_change_section (self);
  _wa_window_sync_change (self);
  _wa_window_update_edition_controls (self);
}

/* A pack the loader opened in the background is kept like one the user
 * opened, with the method from the settings. */
static void
on_change_atlas_opened (WaWindow *self, WaAtlas *atlas)
{
  WaEdition edition = wa_atlas_get_edition (atlas);
  WaRankParams params;

  if (self->atlases[edition] == NULL)
    g_set_object (&self->atlases[edition], atlas);
  wa_rank_params_from_settings (self->settings, edition, &params);
  wa_atlas_set_rank_params (atlas, &params, NULL);
  _wa_window_update_edition_controls (self);
}

static void
compare_editions_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WaWindow *self = WA_WINDOW (widget);

  self->change_asked = TRUE;
  wa_change_loader_load (self->change_loader);
  update_change_section (self);
}

/* The selection is carried over an edition switch; the change is built
 * whenever both editions are open (the loader opens the other one only
 * when asked: on a switch with a ward selected, or from the panel). */
static void
follow_edition (WaWindow *self, WaAtlas *atlas, WaWard *previous, WaEdition previous_edition)
{
  wa_change_loader_add_atlas (self->change_loader, atlas);
  if (previous != NULL && previous_edition != wa_atlas_get_edition (atlas))
    {
      g_set_object (&self->carry_from, previous);
      self->carry_from_old = previous_edition == 0;
    }
  if (self->carry_from != NULL
      || (self->atlases[0] != NULL && self->atlases[wa_edition_newest ()] != NULL))
    wa_change_loader_load (self->change_loader);
  update_change_section (self);
  carry_selection (self);
}

/* ---- rank parameters --------------------------------------------------- */

/* The settings are the rank method's only store (the header's popover and
 * Preferences both write them); this is the one way to the atlas. */
static void
apply_rank_settings (WaWindow *self)
{
  g_autoptr(GError) error = NULL;
  const WaRankParams *current;
  WaRankParams params;

  if (self->atlas == NULL)
    return;
  current = wa_atlas_get_rank_params (self->atlas);
  wa_rank_params_from_settings (self->settings, wa_atlas_get_edition (self->atlas), &params);
  if (params.method == current->method && params.threshold_percent == current->threshold_percent
      && params.weight_imd == current->weight_imd && params.weight_cni == current->weight_cni)
    return;
  /* Setting the params emits "ranks-changed", which recolours the map. */
  if (!wa_atlas_set_rank_params (self->atlas, &params, &error))
    wa_window_show_toast (self, error->message);
}

/* ---- packs --------------------------------------------------------------- */

static void
on_error_open (WaWindow *self, const char *response, AdwMessageDialog *dialog)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-pack", NULL);
}

static void
free_path (gpointer path, GClosure *closure)
{
  g_free (path);
}

static void
on_error_verify (AdwMessageDialog *dialog, const char *response, const char *path)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  gtk_window_present (GTK_WINDOW (wa_pack_verify_dialog_new (parent, path)));
}

void
wa_window_show_pack_error (WaWindow *self, const char *message)
{
  wa_window_show_pack_open_error (self, NULL, message);
}

void
wa_window_show_pack_open_error (WaWindow *self, const char *path, const char *message)
{
  g_auto(GStrv) dirs = wa_pack_locator_dup_search_dirs ();
  g_autofree char *dir_list = g_strjoinv ("\n", dirs);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  body = g_strdup_printf (_("%s\n\nWard Atlas needs a data pack built from the open data. "
                            "In a source checkout, “meson compile -C _build” builds "
                            "ward-atlas-2019.gpkg and ward-atlas-2025.gpkg; "
                            "“ward-atlas-cli build-pack” builds one anywhere. "
                            "Packs are looked for in:\n%s"),
                          message, dir_list);
  if (self->atlas == NULL)
    {
      /* The status page reads its description as markup; the body names files. */
      g_autofree char *escaped = g_markup_escape_text (body, -1);

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
    }
  else
    gtk_stack_set_visible_child_name (self->content_stack, "map");
  uncover (self);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Cannot Open Data Pack"), body));
  adw_message_dialog_add_responses (dialog, "close", _("_Close"),
                                    "open", _("_Open Data Pack…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "open");
  if (path != NULL)
    {
      adw_message_dialog_add_response (dialog, "verify", _("_Verify"));
      g_signal_connect_data (dialog, "response::verify", G_CALLBACK (on_error_verify),
                             g_strdup (path), free_path, 0);
    }
  g_signal_connect_object (dialog, "response::open", G_CALLBACK (on_error_open), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  g_signal_emit (self, signals[SIGNAL_PACK_FAILED], 0, message);
}

static void
open_pack_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(WaWindow) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = wa_atlas_open_progressive_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->open_cancellable);
  if (atlas == NULL)
    wa_window_show_pack_open_error (self, self->opening_path, error->message);
  else
    wa_window_set_atlas (self, atlas);
}

void
wa_window_show_loading (WaWindow *self)
{
  g_return_if_fail (WA_IS_WINDOW (self));

  if (self->open_cancellable != NULL)
    g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  stop_reveal (self);
  set_loading_cover (self, TRUE, FALSE);
  gtk_stack_set_visible_child_name (self->content_stack, "map");
}

void
wa_window_open_pack (WaWindow *self, const char *path)
{
  WaRankParams by_edition[WA_N_EDITIONS];

  g_return_if_fail (WA_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  wa_window_show_loading (self);
  self->open_cancellable = g_cancellable_new ();
  g_free (self->opening_path);
  self->opening_path = g_strdup (path);
  wa_rank_params_from_settings_all (self->settings, by_edition);
  wa_atlas_open_progressive_async (path, by_edition, self->open_cancellable, open_pack_done,
                                   g_object_ref (self));
}

char *
wa_window_find_default_pack (GSettings *settings)
{
  g_autofree char *wanted = g_settings_get_string (settings, "edition");
  g_autofree char *chosen = g_settings_get_string (settings, "pack-path");
  char *path = NULL;
  WaEdition edition;

  /* A pack chosen in Preferences wins while it is still there. */
  if (chosen[0] != '\0' && g_file_test (chosen, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&chosen);
  if (wa_edition_from_string (wanted, &edition))
    path = wa_pack_locator_find (edition);
  if (path == NULL)
    wa_pack_locator_find_newest (&edition, &path);
  return path;
}

void
wa_window_open_default (WaWindow *self)
{
  g_autofree char *path = wa_window_find_default_pack (self->settings);

  if (path == NULL)
    {
      wa_window_show_pack_error (self, _("No data pack was found."));
      return;
    }
  wa_window_open_pack (self, path);
}

/* A refused pack's figures may not stay behind the error page: the map,
 * panel, table, search and lists let it go (and it is freed). */
static void
drop_atlas_from_parts (WaWindow *self)
{
  wa_ward_map_set_atlas (self->ward_map, NULL);
  wa_ward_panel_set_atlas (self->ward_panel, NULL);
  wa_search_popover_set_atlas (self->search_popover, NULL);
  wa_rank_table_set_atlas (self->rank_table, NULL);
  wa_user_lists_store_set_atlas (self->user_lists, NULL);
  _wa_window_areas_set_atlas (self);
}

/* The assets of a pack opened progressively (wa_atlas_open_progressive_async)
 * could not be read after it was shown: it is refused as a pack that
 * failed to open is, and shown no longer. */
static void
on_atlas_load_failed (WaAtlas *atlas, const char *message, WaWindow *self)
{
  g_autoptr(WaAtlas) refused = g_object_ref (atlas);
  WaEdition edition = wa_atlas_get_edition (atlas);

  g_signal_handlers_disconnect_by_func (atlas, on_atlas_load_failed, self);
  if (self->atlases[edition] != atlas && self->atlas != atlas)
    return;
  if (self->atlases[edition] == atlas)
    g_clear_object (&self->atlases[edition]);
  if (self->atlas == atlas)
    {
      wa_window_select_ward (self, NULL, FALSE);
      g_clear_object (&self->atlas);
      drop_atlas_from_parts (self);
    }
  wa_window_show_pack_open_error (self, wa_atlas_get_path (refused), message);
}

void
wa_window_set_atlas (WaWindow *self, WaAtlas *atlas)
{
  WaEdition edition = wa_atlas_get_edition (atlas);
  g_autoptr(WaWard) previous = self->selected ? g_object_ref (self->selected) : NULL;
  WaEdition previous_edition = self->atlas ? wa_atlas_get_edition (self->atlas) : edition;
  WaRankParams params;

  /* Its assets failed before it got here (a progressive open). */
  if (wa_atlas_get_load_error (atlas) != NULL)
    {
      wa_window_show_pack_open_error (self, wa_atlas_get_path (atlas), wa_atlas_get_load_error (atlas));
      return;
    }
  g_signal_handlers_disconnect_by_func (atlas, on_atlas_load_failed, self);
  g_signal_connect_object (atlas, "load-failed", G_CALLBACK (on_atlas_load_failed), self, 0);
  g_debug ("Opened %s", wa_atlas_get_path (atlas));
  if (atlas != self->atlas)
    wa_ward_map_prepare (self->ward_map, atlas);

  if (self->atlases[edition] != atlas)
    g_set_object (&self->atlases[edition], atlas);
  g_set_object (&self->atlas, atlas);
  /* Before the parts get the atlas: they read the lists loaded for it. */
  wa_user_lists_store_set_atlas (self->user_lists, atlas);
  /* Only the newest edition has a change view. */
  if (edition != wa_edition_newest ())
    self->change_view = FALSE;

  /* The saved method before the parts get the atlas: a pack opens ranked
   * by its edition's default method, and ranking it again once the table,
   * panels and legend follow it made each of them redo its work (40-50 ms
   * of a launch on the main thread, for a first frame no one had seen). */
  wa_rank_params_from_settings (self->settings, edition, &params);
  wa_atlas_set_rank_params (atlas, &params, NULL);

  wa_window_select_ward (self, NULL, FALSE);
  wa_ward_panel_set_atlas (self->ward_panel, atlas);
  wa_search_popover_set_atlas (self->search_popover, atlas);
  wa_rank_table_set_atlas (self->rank_table, atlas);

  wa_rank_method_button_set_edition (self->method_button, edition);
  _wa_window_update_edition_controls (self);

  wa_ward_map_set_atlas (self->ward_map, atlas);
  _wa_window_areas_set_atlas (self);
  _wa_window_sync_change (self);
  reveal_when_asked (self);
  gtk_stack_set_visible_child_name (self->content_stack, "map");
  gtk_widget_grab_focus (GTK_WIDGET (self->ward_map));
  follow_edition (self, atlas, previous, previous_edition);
}

static void
on_pack_path_changed (WaWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "pack-path");

  if (path[0] != '\0' && (self->atlas == NULL || g_strcmp0 (path, wa_atlas_get_path (self->atlas)) != 0))
    wa_window_open_pack (self, path);
}

/* ---- window state -------------------------------------------------------- */

static gboolean
wa_window_close_request (GtkWindow *window)
{
  WaWindow *self = WA_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (self->atlas != NULL)
    wa_ward_map_save_view (self->ward_map);
  return GTK_WINDOW_CLASS (wa_window_parent_class)->close_request (window);
}

/* Only the user's choice in an unfolded window is remembered: hiding the
 * panel because the window got narrow must not stick after it widens. */
static void
on_reveal_flap_changed (WaWindow *self)
{
  if (!adw_flap_get_folded (self->flap))
    g_settings_set_boolean (self->settings, "panel-revealed",
                            adw_flap_get_reveal_flap (self->flap));
}

/* Too narrow for table, map and panel side by side: the panel steps aside
 * (F9 still overlays it) and comes back as the user left it. */
static void
on_flap_folded_changed (WaWindow *self)
{
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  else
    adw_flap_set_reveal_flap (self->flap,
                              g_settings_get_boolean (self->settings, "panel-revealed"));
}

static void
restore_window_state (WaWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  adw_flap_set_reveal_flap (self->flap, g_settings_get_boolean (self->settings, "panel-revealed"));
  g_signal_connect_object (self->flap, "notify::reveal-flap", G_CALLBACK (on_reveal_flap_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::folded", G_CALLBACK (on_flap_folded_changed),
                           self, G_CONNECT_SWAPPED);
}

/* ---- object ----------------------------------------------------------- */

static void
wa_window_dispose (GObject *object)
{
  WaWindow *self = WA_WINDOW (object);

  if (self->open_cancellable != NULL)
    g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  stop_reveal (self);
  /* The settings action outlives the window's action group otherwise, and
   * would report the next change of the key to a freed group. */
  g_action_map_remove_action (G_ACTION_MAP (self), "rank-method");
  if (self->search_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->search_popover)));
  g_clear_object (&self->selected);
  _wa_window_areas_dispose (self);
  g_clear_object (&self->carry_from);
  if (self->change_loader != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->change_loader, self);
      wa_change_loader_cancel (self->change_loader);
      g_clear_object (&self->change_loader);
    }
  /* The parts first: while they go (the table dropping its model, the
   * panel its rows) they may still call back into the window, which must
   * then still have its atlas; a part reading a NULL atlas aborted the
   * exports test now and then under load. */
  gtk_widget_dispose_template (GTK_WIDGET (self), WA_TYPE_WINDOW);
  g_clear_object (&self->atlas);
  for (guint e = 0; e < WA_N_EDITIONS; e++)
    g_clear_object (&self->atlases[e]);
  g_clear_object (&self->user_lists);
  G_OBJECT_CLASS (wa_window_parent_class)->dispose (object);
}

static void
wa_window_finalize (GObject *object)
{
  g_clear_object (&WA_WINDOW (object)->settings);
  g_free (WA_WINDOW (object)->opening_path);
  G_OBJECT_CLASS (wa_window_parent_class)->finalize (object);
}

static void
wa_window_class_init (WaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wa_window_dispose;
  object_class->finalize = wa_window_finalize;
  window_class->close_request = wa_window_close_request;

  signals[SIGNAL_MAP_READY] = g_signal_new ("map-ready", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
  signals[SIGNAL_PACK_FAILED] = g_signal_new ("pack-failed", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (WA_TYPE_ANNOUNCER);
  g_type_ensure (WA_TYPE_RANK_METHOD_BUTTON);
  g_type_ensure (WA_TYPE_WARD_MAP);
  g_type_ensure (WA_TYPE_WARD_PANEL);
  g_type_ensure (WA_TYPE_RANK_TABLE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, edition_box);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, method_button);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, table_paned);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, rank_table);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, profile_formats);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, ward_map);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, ward_panel);

  _wa_window_class_actions_init (widget_class);
  _wa_window_class_areas_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.compare-editions", NULL,
                                   compare_editions_action);
}

static void
connect_settings (WaWindow *self)
{
  static const char * const rank_keys[] = { "rank-method", "threshold", "weight-imd", "weight-cni" };

  g_signal_connect_object (self->settings, "changed::pack-path",
                           G_CALLBACK (on_pack_path_changed), self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (rank_keys); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", rank_keys[i], NULL);

      g_signal_connect_object (self->settings, signal, G_CALLBACK (apply_rank_settings), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
wa_window_init (WaWindow *self)
{
  self->settings = g_settings_new (WA_APP_ID);
  self->selected_lad = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  wa_a11y_name_mnemonic_buttons (GTK_WIDGET (self));

  self->search_popover = wa_search_popover_new (self->search_entry);
  g_signal_connect_object (self->search_popover, "result-activated", G_CALLBACK (on_search_result),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ward_panel, "ward-activated", G_CALLBACK (on_ward_chosen),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->rank_table, "ward-selected", G_CALLBACK (on_ward_chosen),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ward_map, "ward-clicked", G_CALLBACK (on_map_clicked),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ward_map, "lsoa-clicked", G_CALLBACK (on_map_lsoa_clicked),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ward_map, "map-ready", G_CALLBACK (on_map_ready),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->content_stack, "notify::visible-child-name",
                           G_CALLBACK (on_content_page_changed), self, G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->content_stack, "map");
  set_loading_cover (self, TRUE, FALSE);
  self->change_loader = wa_change_loader_new ();
  g_signal_connect_object (self->change_loader, "changed", G_CALLBACK (on_change_ready), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->change_loader, "failed", G_CALLBACK (on_change_failed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->change_loader, "atlas-opened",
                           G_CALLBACK (on_change_atlas_opened), self, G_CONNECT_SWAPPED);
  {
    g_autofree char *lists_dir = wa_user_lists_default_dir ();

    self->user_lists = wa_user_lists_store_new (lists_dir);
    wa_asset_section_set_user_lists (wa_ward_panel_get_asset_section (self->ward_panel), self->user_lists);
    wa_rank_table_set_user_lists (self->rank_table, self->user_lists);
    wa_asset_layer_set_user_lists (wa_ward_map_get_asset_layer (self->ward_map), self->user_lists);
  }
  connect_settings (self);
  _wa_window_actions_init (self);
  _wa_window_areas_init (self);
  restore_window_state (self);
}

WaWindow *
wa_window_new (GtkApplication *app)
{
  return g_object_new (WA_TYPE_WINDOW, "application", app, NULL);
}

WaAtlas *
wa_window_get_atlas (WaWindow *self)
{
  g_return_val_if_fail (WA_IS_WINDOW (self), NULL);
  return self->atlas;
}

WaUserListsStore *
wa_window_get_user_lists (WaWindow *self)
{
  g_return_val_if_fail (WA_IS_WINDOW (self), NULL);
  return self->user_lists;
}


ShumateMap *
_wa_window_get_map (WaWindow *self)
{
  return wa_ward_map_get_map (self->ward_map);
}

const WaArea *
_wa_window_get_selected_lad (WaWindow *self)
{
  if (self->atlas == NULL || self->selected_lad < 0)
    return NULL;
  return g_ptr_array_index (wa_atlas_get_areas (self->atlas, WA_AREA_LAD), self->selected_lad);
}
