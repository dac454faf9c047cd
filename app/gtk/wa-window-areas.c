/* wa-window-areas.c
 *
 * Custom areas in the window (issue 20, part 3): Ctrl+click (or
 * Ctrl+Enter on the selected ward) gathers wards, or neighbourhoods
 * (LSOAs) where the map shows them (Ctrl+Enter: the one at the map's
 * centre); gathering an LSOA turns the wards gathered before into their
 * LSOAs, so the selection is a ward set or an LSOA set; the Selection bar under
 * the map shows their running total, computed by the core
 * (wa_custom_area_compute) on a ward-set area each time the set changes;
 * "Save as Area…" stores them in the user's areas file; My Areas lists
 * the saved ones and shows one in the side panel, outlined on the map.
 * "Draw Area" (win.draw-area, Ctrl+D) puts the map in its drawing mode
 * (wa-ward-map.h): the finished polygon becomes an unsaved area shown in
 * the panel, whose "Save Area…" asks a name and stores it.
 */
#include <glib/gi18n.h>

#include "wa-window-private.h"
#include "wa-announcer.h"
#include "wa-name-dialog.h"

static WaCustomArea *find_saved_area (WaWindow *self, const char *id);

/* Where the LSOA is among the gathered ones, or -1. */
static int
find_lsoa (WaWindow *self, guint lsoa_index)
{
  for (guint i = 0; i < self->area_lsoas->len; i++)
    if (g_array_index (self->area_lsoas, guint, i) == lsoa_index)
      return (int) i;
  return -1;
}

static gboolean
area_is_saved (WaWindow *self, WaCustomArea *area)
{
  return find_saved_area (self, wa_custom_area_get_id (area)) != NULL;
}

/* Outlines the gathered wards or LSOAs and the shown area; with fit,
 * moves the map to the shown area. Each ward or LSOA is traced once: the
 * outline is filled even-odd, and one traced twice (the selection shown
 * in the panel) would be left unfilled. */
static void
outline_and_fit (WaWindow *self, gboolean fit)
{
  g_autoptr(GPtrArray) wards = g_ptr_array_new ();
  g_autoptr(GArray) lsoas = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) shown_wards = g_ptr_array_new ();
  g_autoptr(GArray) shown_lsoas = g_array_new (FALSE, FALSE, sizeof (guint));
  WaGeometry *geometry = NULL;

  /* The shown area's wards, LSOAs or polygon. */
  if (self->shown_area != NULL && self->atlas != NULL)
    {
      const char *const *codes = wa_custom_area_get_codes (self->shown_area);

      switch (wa_custom_area_get_kind (self->shown_area))
        {
        case WA_CUSTOM_AREA_WARDS:
          for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
            {
              WaWard *ward = wa_atlas_lookup_ward (self->atlas, codes[i]);

              if (ward != NULL)
                g_ptr_array_add (shown_wards, ward);
            }
          break;
        case WA_CUSTOM_AREA_LSOAS:
          for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
            {
              int index = wa_lsoas_lookup_index (wa_atlas_get_lsoas (self->atlas), codes[i]);

              if (index >= 0)
                g_array_append_val (shown_lsoas, index);
            }
          break;
        case WA_CUSTOM_AREA_POLYGON:
        default:
          geometry = wa_custom_area_get_geometry (self->shown_area);
          break;
        }
    }

  /* With the gathered ones, each once. */
  for (guint i = 0; i < self->area_wards->len; i++)
    g_ptr_array_add (wards, g_ptr_array_index (self->area_wards, i));
  for (guint i = 0; i < shown_wards->len; i++)
    if (!g_ptr_array_find (wards, g_ptr_array_index (shown_wards, i), NULL))
      g_ptr_array_add (wards, g_ptr_array_index (shown_wards, i));
  g_array_append_vals (lsoas, self->area_lsoas->data, self->area_lsoas->len);
  if (shown_lsoas->len > 0)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

      for (guint i = 0; i < lsoas->len; i++)
        g_hash_table_add (seen, GUINT_TO_POINTER (g_array_index (lsoas, guint, i) + 1));
      for (guint i = 0; i < shown_lsoas->len; i++)
        if (g_hash_table_add (seen, GUINT_TO_POINTER (g_array_index (shown_lsoas, guint, i) + 1)))
          g_array_append_val (lsoas, g_array_index (shown_lsoas, guint, i));
    }
  wa_ward_map_set_group (self->ward_map, wards, geometry);
  wa_ward_map_set_group_lsoas (self->ward_map, (const guint *) lsoas->data, lsoas->len);

  if (fit && self->shown_area != NULL
      && (geometry != NULL || shown_wards->len > 0 || shown_lsoas->len > 0))
    {
      WaBBox box;

      wa_bbox_init_empty (&box);
      if (geometry != NULL)
        wa_bbox_extend (&box, wa_geometry_get_bbox (geometry));
      for (guint i = 0; i < shown_lsoas->len; i++)
        {
          WaGeometry *outline = wa_atlas_get_lsoa_geometry (self->atlas,
                                                            g_array_index (shown_lsoas, guint, i));

          if (outline != NULL)
            wa_bbox_extend (&box, wa_geometry_get_bbox (outline));
        }
      for (guint i = 0; i < shown_wards->len; i++)
        if (wa_ward_get_geometry (g_ptr_array_index (shown_wards, i)) != NULL)
          wa_bbox_extend (&box, wa_geometry_get_bbox (wa_ward_get_geometry (g_ptr_array_index (shown_wards, i))));
      wa_ward_map_fit_bbox (self->ward_map, &box);
    }
}

static void
outline_on_map (WaWindow *self)
{
  outline_and_fit (self, FALSE);
}

/* How many wards, or neighbourhoods, are gathered. */
static guint
n_gathered (WaWindow *self)
{
  return self->area_lsoas->len > 0 ? self->area_lsoas->len : self->area_wards->len;
}

/* The gathered wards as a ward set, or the neighbourhoods as an LSOA set. */
static WaCustomArea *
area_of_wards (WaWindow *self, const char *name)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();

  if (self->area_lsoas->len > 0 && self->atlas != NULL)
    {
      WaLsoas *lsoas = wa_atlas_get_lsoas (self->atlas);

      for (guint i = 0; i < self->area_lsoas->len; i++)
        g_ptr_array_add (codes, wa_lsoas_get (lsoas, g_array_index (self->area_lsoas, guint, i))->code);
      g_ptr_array_add (codes, NULL);
      return wa_custom_area_new_lsoas (name, (const char *const *) codes->pdata);
    }
  for (guint i = 0; i < self->area_wards->len; i++)
    g_ptr_array_add (codes, (gpointer) wa_ward_get_code (g_ptr_array_index (self->area_wards, i)));
  g_ptr_array_add (codes, NULL);
  return wa_custom_area_new_wards (name, (const char *const *) codes->pdata);
}

/* What Ctrl+click has gathered, as an unsaved area; NULL when nothing is. */
WaCustomArea *
_wa_window_dup_gathered_area (WaWindow *self)
{
  if (self->area_wards == NULL || n_gathered (self) == 0)
    return NULL;
  return area_of_wards (self, _("Selection"));
}

static void
update_selection (WaWindow *self)
{
  WaCustomAreaFigures figures = { 0 };
  g_autoptr(WaCustomArea) area = NULL;
  g_autoptr(GError) error = NULL;
  gboolean computed;

  /* The selection shown in the panel follows it. */
  if (self->selection_in_panel && self->shown_area != NULL)
    {
      if (n_gathered (self) == 0 || self->atlas == NULL)
        {
          self->selection_in_panel = FALSE;
          g_clear_object (&self->shown_area);
          adw_view_stack_set_visible_child_name (self->panel_stack, "ward");
        }
      else
        {
          g_autoptr(WaCustomArea) shown = _wa_window_dup_gathered_area (self);

          g_set_object (&self->shown_area, shown);
          wa_custom_area_panel_set_area (self->custom_area_panel, self->atlas, shown, NULL);
        }
    }
  outline_on_map (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-selection", n_gathered (self) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-selection", n_gathered (self) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-selection", n_gathered (self) > 0);
  if (n_gathered (self) == 0 || self->atlas == NULL)
    {
      wa_selection_bar_set_figures (self->selection_bar, 0, NULL, NULL);
      return;
    }
  area = _wa_window_dup_gathered_area (self);
  computed = wa_custom_area_compute (self->atlas, area, &figures, &error);
  if (self->area_lsoas->len > 0)
    wa_selection_bar_set_lsoa_figures (self->selection_bar, self->area_lsoas->len,
                                       computed ? &figures : NULL, computed ? NULL : error->message);
  else
    wa_selection_bar_set_figures (self->selection_bar, self->area_wards->len,
                                  computed ? &figures : NULL, computed ? NULL : error->message);
  wa_custom_area_figures_clear (&figures);
}

void
_wa_window_toggle_area_ward (WaWindow *self, WaWard *ward)
{
  g_return_if_fail (WA_IS_WINDOW (self));

  if (ward == NULL || self->area_wards == NULL)
    return;
  if (self->area_lsoas->len > 0 && self->atlas != NULL)
    {
      /* Gathering neighbourhoods: the ward's, all in or all out. */
      WaLsoas *lsoas = wa_atlas_get_lsoas (self->atlas);
      guint ward_index = wa_ward_get_index (ward);
      guint n, n_in = 0;
      const guint *members = wa_lsoas_get_ward_lsoas (lsoas, ward_index, &n);

      for (guint i = 0; i < n; i++)
        if (find_lsoa (self, members[i]) >= 0)
          n_in++;
      if (n > 0 && n_in == n)
        for (guint i = 0; i < n; i++)
          g_array_remove_index (self->area_lsoas, (guint) find_lsoa (self, members[i]));
      else
        wa_lsoas_expand_wards (lsoas, &ward_index, 1, self->area_lsoas);
    }
  else if (!g_ptr_array_remove (self->area_wards, ward))
    g_ptr_array_add (self->area_wards, g_object_ref (ward));
  update_selection (self);
}

void
_wa_window_toggle_area_lsoa (WaWindow *self, guint lsoa_index)
{
  WaLsoas *lsoas;
  int at;

  g_return_if_fail (WA_IS_WINDOW (self));

  if (self->atlas == NULL || self->area_lsoas == NULL)
    return;
  lsoas = wa_atlas_get_lsoas (self->atlas);
  if (lsoa_index >= wa_lsoas_get_n (lsoas))
    return;
  /* The wards gathered so far become their neighbourhoods (the core
   * expands them): one in a chosen ward is then taken out of it. */
  if (self->area_wards->len > 0)
    {
      g_autoptr(GArray) ward_indices = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint i = 0; i < self->area_wards->len; i++)
        {
          guint index = wa_ward_get_index (g_ptr_array_index (self->area_wards, i));

          g_array_append_val (ward_indices, index);
        }
      wa_lsoas_expand_wards (lsoas, (const guint *) ward_indices->data, ward_indices->len,
                             self->area_lsoas);
      g_ptr_array_set_size (self->area_wards, 0);
    }
  at = find_lsoa (self, lsoa_index);
  if (at >= 0)
    g_array_remove_index (self->area_lsoas, (guint) at);
  else
    g_array_append_val (self->area_lsoas, lsoa_index);
  update_selection (self);
}

void
_wa_window_clear_area_wards (WaWindow *self)
{
  g_return_if_fail (WA_IS_WINDOW (self));

  if (self->area_wards == NULL || n_gathered (self) == 0)
    return;
  g_ptr_array_set_size (self->area_wards, 0);
  g_array_set_size (self->area_lsoas, 0);
  update_selection (self);
}

void
_wa_window_show_custom_area (WaWindow *self, WaCustomArea *area)
{
  /* Selecting no ward below drops the shown area, which may be this one. */
  g_autoptr(WaCustomArea) keep = area != NULL ? g_object_ref (area) : NULL;
  g_autoptr(GError) error = NULL;
  gboolean computed;

  g_return_if_fail (WA_IS_WINDOW (self));

  if (area != NULL)
    wa_window_select_ward (self, NULL, FALSE);   /* before: it shows the ward panel */
  self->selection_in_panel = FALSE;
  g_set_object (&self->shown_area, area);
  outline_and_fit (self, area != NULL);
  if (area == NULL)
    {
      adw_view_stack_set_visible_child_name (self->panel_stack, "ward");
      return;
    }
  computed = wa_custom_area_panel_set_area (self->custom_area_panel, self->atlas, area, &error);
  if (!computed)
    wa_window_show_toast (self, error->message);
  /* A drawn area is not saved until the user says so (nor one without
   * figures: outside England, say). */
  wa_custom_area_panel_set_can_save (self->custom_area_panel,
                                     computed && !area_is_saved (self, area));
  adw_view_stack_set_visible_child_name (self->panel_stack, "area");
  adw_flap_set_reveal_flap (self->flap, TRUE);
  wa_announce (GTK_WIDGET (self), wa_custom_area_get_name (area));
}

WaCustomArea *
_wa_window_save_area_wards (WaWindow *self, const char *name, GError **error)
{
  g_autoptr(WaCustomArea) area = NULL;
  g_autofree char *path = wa_custom_areas_default_path ();

  g_return_val_if_fail (WA_IS_WINDOW (self), NULL);

  if (n_gathered (self) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("No wards or neighbourhoods are selected"));
      return NULL;
    }
  area = area_of_wards (self, name);
  if (!wa_custom_areas_save (path, area, error))
    return NULL;
  wa_my_areas_popover_reload (self->my_areas_popover);
  return g_steal_pointer (&area);
}

void
_wa_window_areas_ward_selected (WaWindow *self, WaWard *ward)
{
  if (self->panel_stack == NULL)
    return;
  self->selection_in_panel = FALSE;
  if (self->shown_area != NULL)
    {
      g_clear_object (&self->shown_area);
      outline_on_map (self);
    }
  adw_view_stack_set_visible_child_name (self->panel_stack, "ward");
}

void
_wa_window_areas_set_atlas (WaWindow *self)
{
  /* Points drawn on the old pack's map would give the new one's figures. */
  wa_ward_map_set_drawing (self->ward_map, FALSE);
  g_ptr_array_set_size (self->area_wards, 0);
  g_array_set_size (self->area_lsoas, 0);
  g_clear_object (&self->shown_area);
  self->selection_in_panel = FALSE;
  wa_custom_area_panel_set_area (self->custom_area_panel, NULL, NULL, NULL);
  adw_view_stack_set_visible_child_name (self->panel_stack, "ward");
  update_selection (self);
}

/* ---- signals and actions ------------------------------------------------ */

static void
on_ward_toggled (WaWindow *self, WaWard *ward)
{
  _wa_window_toggle_area_ward (self, ward);
}

static void
on_lsoa_toggled (WaWindow *self, int lsoa_index)
{
  if (lsoa_index >= 0)
    _wa_window_toggle_area_lsoa (self, (guint) lsoa_index);
}

static void
on_area_ward_activated (WaWindow *self, WaWard *ward)
{
  wa_window_select_ward (self, ward, TRUE);
}

static void
on_area_activated (WaWindow *self, WaCustomArea *area)
{
  _wa_window_show_custom_area (self, area);
}

/* The saved area with that id, or NULL. */
static WaCustomArea *
find_saved_area (WaWindow *self, const char *id)
{
  GPtrArray *areas = wa_my_areas_popover_get_areas (self->my_areas_popover);

  for (guint i = 0; areas != NULL && i < areas->len; i++)
    if (g_strcmp0 (wa_custom_area_get_id (g_ptr_array_index (areas, i)), id) == 0)
      return g_ptr_array_index (areas, i);
  return NULL;
}

void
_wa_window_show_custom_area_by_id (WaWindow *self, const char *id)
{
  WaCustomArea *area = find_saved_area (self, id);

  if (area != NULL)
    _wa_window_show_custom_area (self, area);
}

/* The saved areas changed: the shown one follows a rename, and goes
 * when deleted. */
static void
on_areas_changed (WaWindow *self)
{
  WaCustomArea *found;

  wa_search_popover_set_custom_areas (self->search_popover,
                                      wa_my_areas_popover_get_areas (self->my_areas_popover));
  if (self->shown_area == NULL)
    return;
  found = find_saved_area (self, wa_custom_area_get_id (self->shown_area));
  if (found == NULL)
    _wa_window_show_custom_area (self, NULL);
  else if (g_strcmp0 (wa_custom_area_get_name (found), wa_custom_area_get_name (self->shown_area)) != 0)
    _wa_window_show_custom_area (self, found);
}

typedef gboolean (*SaveFunc) (WaWindow *self, const char *name, GError **error);

static void
on_save_response (AdwMessageDialog *dialog, const char *response, WaWindow *self)
{
  SaveFunc save = g_object_get_data (G_OBJECT (dialog), "save");
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "save"))
    return;
  name = g_strstrip (g_strdup (wa_name_dialog_get_name (GTK_WIDGET (dialog))));
  if (*name == '\0')
    name = (g_free (name), g_strdup (_("My area")));
  if (!save (self, name, &error))
    {
      GtkWidget *message = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save the Area"),
                                                   error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (message));
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (_("Saved “%s” in My Areas"), name);

    wa_window_show_toast (self, text);
  }
}

/* Asks a name (initial in the entry, may be NULL); "Save" calls save. */
static void
ask_name (WaWindow *self, const char *body, const char *initial, SaveFunc save)
{
  GtkWidget *dialog = wa_name_dialog_new (GTK_WINDOW (self), _("Save as Area"), body, initial,
                                          "save", _("_Save"));

  g_object_set_data (G_OBJECT (dialog), "save", save);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
save_selection (WaWindow *self, const char *name, GError **error)
{
  g_autoptr(WaCustomArea) area = _wa_window_save_area_wards (self, name, error);

  if (area == NULL)
    return FALSE;
  _wa_window_clear_area_wards (self);
  _wa_window_show_custom_area (self, area);
  return TRUE;
}

static void
save_selection_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WaWindow *self = WA_WINDOW (widget);

  if (n_gathered (self) == 0)
    return;
  ask_name (self,
            self->area_lsoas->len > 0 ? _("The selected neighbourhoods (LSOAs) are saved in My Areas.")
                                      : _("The selected wards are saved in My Areas."),
            NULL, save_selection);
}

gboolean
_wa_window_save_shown_area (WaWindow *self, const char *name, GError **error)
{
  g_autofree char *path = wa_custom_areas_default_path ();
  g_autoptr(WaCustomArea) area = NULL;

  g_return_val_if_fail (WA_IS_WINDOW (self), FALSE);

  if (self->shown_area == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("No area is shown"));
      return FALSE;
    }
  area = g_object_ref (self->shown_area);
  /* Named only once saved: a failed save leaves the shown area as it was. */
  {
    g_autofree char *old_name = g_strdup (wa_custom_area_get_name (area));

    wa_custom_area_set_name (area, name);
    if (!wa_custom_areas_save (path, area, error))
      {
        wa_custom_area_set_name (area, old_name);
        return FALSE;
      }
  }
  wa_my_areas_popover_reload (self->my_areas_popover);
  /* The saved copy from the list, so that renames and deletes follow. */
  {
    WaCustomArea *saved = find_saved_area (self, wa_custom_area_get_id (area));

    _wa_window_show_custom_area (self, saved != NULL ? saved : area);
  }
  return TRUE;
}

static void
save_shown_area_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WaWindow *self = WA_WINDOW (widget);

  if (self->shown_area == NULL || area_is_saved (self, self->shown_area))
    return;
  ask_name (self, _("The area is saved in My Areas."), wa_custom_area_get_name (self->shown_area),
            _wa_window_save_shown_area);
}

/* ---- drawing an area ------------------------------------------------------ */

gboolean
_wa_window_show_drawn_area (WaWindow *self, const double *lonlat, guint n_points, GError **error)
{
  const guint start = 0;
  g_autoptr(WaCustomArea) area = NULL;
  WaGeometry *geometry;

  g_return_val_if_fail (WA_IS_WINDOW (self), FALSE);

  geometry = wa_geometry_new (lonlat, n_points, &start, 1);
  /* Its error names the area and the problem (too few points). */
  area = wa_custom_area_new_polygon (_("Drawn area"), geometry, error);
  wa_geometry_unref (geometry);
  if (area == NULL)
    return FALSE;
  _wa_window_show_custom_area (self, area);
  if (wa_custom_area_panel_get_residents_text (self->custom_area_panel) == NULL)
    {
      /* The panel says why; the toast was shown by show_custom_area. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The drawn area has no figures"));
      return FALSE;
    }
  return TRUE;
}

static void
on_area_drawn (WaWindow *self, GArray *points)
{
  g_autoptr(GError) error = NULL;

  if (points->len == 0)
    return;
  if (!_wa_window_show_drawn_area (self, (const double *) points->data, points->len / 2, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
    wa_window_show_toast (self, error->message);
}

static void
on_drawing_changed (WaWindow *self)
{
  gboolean drawing = wa_ward_map_get_drawing (self->ward_map);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.finish-drawing", drawing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-drawing", drawing);
  if (drawing)
    wa_selection_bar_set_drawing (self->selection_bar,
                                  wa_ward_map_get_n_drawn_points (self->ward_map));
  else
    update_selection (self);
}

static void
draw_area_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WaWindow *self = WA_WINDOW (widget);

  if (self->atlas == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self->my_areas_popover));
  /* Again while drawing: stop. */
  wa_ward_map_set_drawing (self->ward_map, !wa_ward_map_get_drawing (self->ward_map));
  gtk_widget_grab_focus (GTK_WIDGET (self->ward_map));
}

static void
finish_drawing_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  wa_ward_map_finish_drawing (WA_WINDOW (widget)->ward_map);
}

static void
cancel_drawing_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  wa_ward_map_set_drawing (WA_WINDOW (widget)->ward_map, FALSE);
}

/* The gathered wards' full figures in the side panel, kept in step. */
static void
show_selection_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WaWindow *self = WA_WINDOW (widget);
  g_autoptr(WaCustomArea) area = NULL;

  if ((area = _wa_window_dup_gathered_area (self)) == NULL)
    return;
  _wa_window_show_custom_area (self, area);
  self->selection_in_panel = TRUE;
  /* The Selection bar saves it. */
  wa_custom_area_panel_set_can_save (self->custom_area_panel, FALSE);
}

static void
clear_selection_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  /* Escape in the Selection bar while drawing stops the drawing only. */
  if (wa_ward_map_get_drawing (WA_WINDOW (widget)->ward_map))
    {
      wa_ward_map_set_drawing (WA_WINDOW (widget)->ward_map, FALSE);
      return;
    }
  _wa_window_clear_area_wards (WA_WINDOW (widget));
}

/* Ctrl+click is mouse-only: Ctrl+Enter adds (or takes out) the selected
 * ward; where the map shows neighbourhoods, the one at its centre (the
 * keyboard's pointer), as Ctrl+click would there. */
static void
add_to_selection_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WaWindow *self = WA_WINDOW (widget);

  if (wa_ward_map_toggle_centre_lsoa (self->ward_map))
    return;
  if (self->selected != NULL)
    _wa_window_toggle_area_ward (self, self->selected);
}

void
_wa_window_class_areas_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (WA_TYPE_CUSTOM_AREA_PANEL);
  g_type_ensure (WA_TYPE_SELECTION_BAR);
  g_type_ensure (WA_TYPE_MY_AREAS_POPOVER);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, panel_stack);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, custom_area_panel);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, selection_bar);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, my_areas_popover);
  gtk_widget_class_install_action (widget_class, "win.save-selection", NULL, save_selection_action);
  gtk_widget_class_install_action (widget_class, "win.clear-selection", NULL, clear_selection_action);
  gtk_widget_class_install_action (widget_class, "win.show-selection", NULL, show_selection_action);
  gtk_widget_class_install_action (widget_class, "win.add-to-selection", NULL,
                                   add_to_selection_action);
  gtk_widget_class_install_action (widget_class, "win.save-shown-area", NULL, save_shown_area_action);
  gtk_widget_class_install_action (widget_class, "win.draw-area", NULL, draw_area_action);
  gtk_widget_class_install_action (widget_class, "win.finish-drawing", NULL, finish_drawing_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-drawing", NULL, cancel_drawing_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.add-to-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "win.add-to-selection", NULL);
}

void
_wa_window_areas_init (WaWindow *self)
{
  self->area_wards = g_ptr_array_new_with_free_func (g_object_unref);
  self->area_lsoas = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect_object (self->ward_map, "ward-toggled", G_CALLBACK (on_ward_toggled), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ward_map, "lsoa-toggled", G_CALLBACK (on_lsoa_toggled), self,
                           G_CONNECT_SWAPPED);
  /* Escape on the map empties the selection too. */
  g_signal_connect_object (self->ward_map, "cleared", G_CALLBACK (_wa_window_clear_area_wards),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ward_map, "area-drawn", G_CALLBACK (on_area_drawn), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ward_map, "drawing-changed", G_CALLBACK (on_drawing_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->my_areas_popover, "area-activated", G_CALLBACK (on_area_activated),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->my_areas_popover, "changed", G_CALLBACK (on_areas_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->custom_area_panel, "ward-activated",
                           G_CALLBACK (on_area_ward_activated), self, G_CONNECT_SWAPPED);
  wa_search_popover_set_custom_areas (self->search_popover,
                                      wa_my_areas_popover_get_areas (self->my_areas_popover));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-selection", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-selection", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.finish-drawing", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-drawing", FALSE);
}

void
_wa_window_areas_dispose (WaWindow *self)
{
  g_clear_pointer (&self->area_wards, g_ptr_array_unref);
  g_clear_pointer (&self->area_lsoas, g_array_unref);
  g_clear_object (&self->shown_area);
}
