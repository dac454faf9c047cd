/* wa-map-keyboard.c
 *
 * libshumate 1.0.3 has no keyboard selection. The arrow keys already pan
 * the map (wa-ward-map.c), so the centre is the keyboard's pointer: a
 * cross-hair overlay marks it while the map has the focus and the user
 * navigates with the keyboard (the window's focus-visible, which GTK sets
 * on a key press and clears on a click): not at startup, when the map has
 * the focus but nobody has touched the keyboard.
 */
#include <glib/gi18n.h>

#include "wa-announcer.h"
#include "wa-map-keyboard.h"

WaWard *
wa_map_keyboard_choose_centre (WaWardMap *owner, ShumateMap *map)
{
  /* Drawing an area: Enter adds the centre as a point, as a click would. */
  if (wa_ward_map_get_drawing (owner))
    {
      double lat, lon;
      guint n;
      g_autofree char *added = NULL;

      shumate_viewport_widget_coords_to_location (shumate_map_get_viewport (map), GTK_WIDGET (map),
                                                  gtk_widget_get_width (GTK_WIDGET (map)) / 2.0,
                                                  gtk_widget_get_height (GTK_WIDGET (map)) / 2.0,
                                                  &lat, &lon);
      wa_ward_map_activate_location_full (owner, lat, lon, 0);
      if (wa_ward_map_get_drawing (owner))
        {
          n = wa_ward_map_get_n_drawn_points (owner);
          added = g_strdup_printf (ngettext ("Point %u added", "Point %u added", n), n);
          wa_announce (GTK_WIDGET (owner), added);
        }
      return NULL;
    }
  WaWard *ward = wa_ward_map_pick (owner, gtk_widget_get_width (GTK_WIDGET (map)) / 2.0,
                                   gtk_widget_get_height (GTK_WIDGET (map)) / 2.0);
  g_autofree char *message = ward != NULL
    ? g_strdup_printf (_("Selected %s"), wa_ward_get_name (ward))
    : g_strdup (_("No ward at the centre of the map"));

  if (ward != NULL)
    g_signal_emit_by_name (owner, "ward-clicked", ward);
  wa_announce (GTK_WIDGET (owner), message);
  return ward;
}

static gboolean
on_key_pressed (GtkEventControllerKey *keys, guint keyval, guint keycode, GdkModifierType state,
                WaWardMap *owner)
{
  GtkWidget *map = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (keys));

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_space
      && keyval != GDK_KEY_KP_Space)
    return FALSE;
  wa_map_keyboard_choose_centre (owner, SHUMATE_MAP (map));
  return TRUE;
}

/* Shown while the map has the focus and the focus is to be seen. The
 * focus controller's is-focus is the map's focus as it changes (the
 * map's has-focus flag lags on entry, and GTK versions differ on whether
 * "enter" and "leave" come before or after is-focus changes: its notify
 * comes after). */
static void
update_mark (GtkWidget *mark)
{
  GtkWidget *map = g_object_get_data (G_OBJECT (mark), "wa-map");
  GtkEventControllerFocus *focus = g_object_get_data (G_OBJECT (mark), "wa-map-focus");
  GtkRoot *root = gtk_widget_get_root (map);

  gtk_widget_set_visible (mark, gtk_event_controller_focus_is_focus (focus) && GTK_IS_WINDOW (root)
                                  && gtk_window_get_focus_visible (GTK_WINDOW (root)));
}

/* The window's focus-visible changes without the map's focus changing. */
static void
on_map_root (GtkWidget *map, GParamSpec *pspec, GtkWidget *mark)
{
  GtkRoot *root = gtk_widget_get_root (map);
  GtkRoot *watched = g_object_get_data (G_OBJECT (mark), "wa-watched-root");

  if (watched == (gpointer) root)
    return;
  if (watched != NULL)
    g_signal_handlers_disconnect_by_func (watched, update_mark, mark);
  g_object_set_data (G_OBJECT (mark), "wa-watched-root", root);
  if (GTK_IS_WINDOW (root))
    g_signal_connect_object (root, "notify::focus-visible", G_CALLBACK (update_mark), mark,
                             G_CONNECT_SWAPPED);
  update_mark (mark);
}

void
wa_map_keyboard_attach (WaWardMap *owner, ShumateMap *map, GtkOverlay *overlay)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkWidget *mark = gtk_image_new_from_icon_name ("find-location-symbolic");

  /* A mark only: it takes no clicks and says nothing itself. */
  gtk_widget_set_halign (mark, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (mark, GTK_ALIGN_CENTER);
  gtk_widget_set_can_target (mark, FALSE);
  gtk_widget_set_visible (mark, FALSE);
  gtk_image_set_pixel_size (GTK_IMAGE (mark), 32);
  gtk_widget_add_css_class (mark, "map-centre-mark");
  gtk_accessible_update_state (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_overlay_add_overlay (overlay, mark);

  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), owner, 0);
  gtk_widget_add_controller (GTK_WIDGET (map), keys);
  g_object_set_data (G_OBJECT (mark), "wa-map", map);
  g_object_set_data_full (G_OBJECT (mark), "wa-map-focus", g_object_ref (focus), g_object_unref);
  g_signal_connect_object (focus, "notify::is-focus", G_CALLBACK (update_mark), mark,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (map), focus);
  /* The map is not in a window yet: follow it into one. */
  g_signal_connect_object (map, "notify::root", G_CALLBACK (on_map_root), mark, 0);
}
