/* wa-map-keyboard.c
 *
 * libshumate 1.0.3 has no keyboard selection. The arrow keys already pan
 * the map (wa-ward-map.c), so the centre is the keyboard's pointer: a
 * cross-hair overlay marks it while the map has the focus.
 */
#include <glib/gi18n.h>

#include "wa-announcer.h"
#include "wa-map-keyboard.h"

WaWard *
wa_map_keyboard_choose_centre (WaWardMap *owner, ShumateMap *map)
{
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

static void
on_focus_enter (GtkWidget *mark)
{
  gtk_widget_set_visible (mark, TRUE);
}

static void
on_focus_leave (GtkWidget *mark)
{
  gtk_widget_set_visible (mark, FALSE);
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
  g_signal_connect_object (focus, "enter", G_CALLBACK (on_focus_enter), mark, G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_focus_leave), mark, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (map), focus);
}
