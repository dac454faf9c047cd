/* wa-window.c
 *
 * The window owns the open atlas (one per edition, kept once opened so
 * that switching back is instant), the current map source and its layer,
 * and the selection. The model does every computation; this file only
 * wires it to widgets and settings.
 */
#include <math.h>
#include <glib/gi18n.h>

#include "wa-window.h"
#include "wa-export-actions.h"
#include "wa-format.h"
#include "wa-highlight-layer.h"
#include "wa-asset-layer.h"
#include "wa-legend.h"
#include "wa-pack-chooser.h"
#include "wa-pack-locator.h"
#include "wa-rank-table.h"
#include "wa-search-popover.h"
#include "wa-error.h"
#include "wa-ward-csv.h"
#include "wa-ward-panel.h"

/* A release further than this from its press was a pan, not a click. */
#define CLICK_SLOP_PX 5.0
/* If the new map layer has not finished within this time (say the map is
 * hidden), drop the old one anyway. */
#define LAYER_SWAP_TIMEOUT_MS 2000
#define MIN_ZOOM 4
#define MAX_ZOOM 17

struct _WaWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;

  /* template children */
  AdwToastOverlay *toast_overlay;
  GtkStack *content_stack;
  AdwStatusPage *error_page;
  AdwFlap *flap;
  ShumateMap *map;
  ShumateScale *scale;
  WaLegend *legend;
  GtkOverlay *map_overlay;
  guint legend_compact_idle;
  WaWardPanel *ward_panel;
  GtkMenuButton *method_button;
  GtkBox *method_box;
  GtkLabel *method_description;
  GtkSpinButton *threshold_spin;
  GtkSpinButton *weight_imd_spin;
  GtkSpinButton *weight_cni_spin;
  GtkWidget *threshold_label;
  GtkWidget *weight_imd_label;
  GtkWidget *weight_cni_label;
  GtkWidget *edition_2019_button;
  GtkWidget *edition_2025_button;
  GtkSearchEntry *search_entry;
  GtkPaned *table_paned;
  WaRankTable *rank_table;
  WaSearchPopover *search_popover;

  GtkWidget *method_checks[WA_N_RANK_METHODS];

  WaAtlas *atlas;
  WaAtlas *atlases[WA_N_EDITIONS];
  GCancellable *open_cancellable;

  WaMapSource *source;
  ShumateMapLayer *ward_layer;
  ShumateMapLayer *old_layer;
  guint swap_timeout_id;
  ShumateMapLayer *basemap_layer;
  WaHighlightLayer *highlight;
  WaAssetLayer *asset_layer;

  WaWard *selected;
  int selected_lad;          /* index into the atlas's LADs, or -1 */
  double press_x, press_y;
  gboolean updating_controls;
};

G_DEFINE_FINAL_TYPE (WaWindow, wa_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  SIGNAL_MAP_READY,
  SIGNAL_PACK_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void restyle (WaWindow *self);

static ShumateViewport *
get_viewport (WaWindow *self)
{
  return shumate_map_get_viewport (self->map);
}

/* libadwaita 1.2 toast titles are markup; messages carry file and place names. */
static void
toast (WaWindow *self, const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

void
wa_window_show_toast (WaWindow *self, const char *message)
{
  g_return_if_fail (WA_IS_WINDOW (self));
  toast (self, message);
}

/* ---- map layers ---------------------------------------------------- */

static void
drop_old_layer (WaWindow *self)
{
  g_clear_handle_id (&self->swap_timeout_id, g_source_remove);
  if (self->old_layer != NULL)
    {
      shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->old_layer));
      g_clear_object (&self->old_layer);
    }
}

static gboolean
swap_timeout_cb (gpointer data)
{
  WaWindow *self = data;

  self->swap_timeout_id = 0;
  drop_old_layer (self);
  return G_SOURCE_REMOVE;
}

static void
on_source_idle (WaWindow *self, WaMapSource *source)
{
  if (source != self->source)
    return;
  drop_old_layer (self);
  wa_rank_table_warm (self->rank_table);
  g_debug ("Map drawn: %u tiles", wa_map_source_get_n_rendered (source));
  g_signal_emit (self, signals[SIGNAL_MAP_READY], 0);
}

static double
ward_layer_opacity (WaWindow *self)
{
  /* Over a basemap the wards must let streets show through. */
  return self->basemap_layer != NULL ? 0.65 : 1.0;
}

/* The map follows the desktop's light or dark style and its high-contrast
 * setting, and the user's choice of place names. */
void
wa_window_get_map_theme (WaWindow *self, WaMapTheme *theme)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autofree char *density = g_settings_get_string (self->settings, "label-density");

  wa_map_theme_init (theme, adw_style_manager_get_dark (manager),
                     adw_style_manager_get_high_contrast (manager));
  if (!wa_label_density_from_id (density, &theme->labels))
    theme->labels = WA_LABELS_NORMAL;
}

/* A new style needs a new source id (libshumate caches tiles by id), so
 * recolouring slides a fresh layer in behind the current one and removes
 * the old layer once the new one has drawn: no flash of empty tiles. */
static void
restyle (WaWindow *self)
{
  g_autoptr(WaMapStyle) style = NULL;
  g_autofree char *palette_id = NULL;
  WaPalette palette = WA_PALETTE_VIRIDIS;
  WaMapTheme theme;
  ShumateMapLayer *layer;
  int scale;

  if (self->atlas == NULL)
    return;

  palette_id = g_settings_get_string (self->settings, "palette");
  wa_palette_from_id (palette_id, &palette);
  scale = gtk_widget_get_scale_factor (GTK_WIDGET (self->map));

  wa_window_get_map_theme (self, &theme);
  style = wa_map_style_new_themed (self->atlas, palette, &theme);
  g_clear_object (&self->source);
  self->source = wa_map_source_new (style, scale, theme.labels != WA_LABELS_NONE);
  g_signal_connect_object (self->source, "idle", G_CALLBACK (on_source_idle), self,
                           G_CONNECT_SWAPPED);
  shumate_viewport_set_reference_map_source (get_viewport (self),
                                             SHUMATE_MAP_SOURCE (self->source));

  layer = shumate_map_layer_new (SHUMATE_MAP_SOURCE (self->source), get_viewport (self));
  gtk_widget_set_opacity (GTK_WIDGET (layer), ward_layer_opacity (self));
  if (self->ward_layer != NULL)
    {
      drop_old_layer (self);
      shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (layer),
                                       SHUMATE_LAYER (self->ward_layer));
      self->old_layer = g_steal_pointer (&self->ward_layer);
      self->swap_timeout_id = g_timeout_add (LAYER_SWAP_TIMEOUT_MS, swap_timeout_cb, self);
    }
  else
    {
      shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (layer),
                                       SHUMATE_LAYER (self->highlight));
    }
  self->ward_layer = g_object_ref (layer);

  wa_legend_set_palette (self->legend, palette);
}

static void
update_basemap (WaWindow *self)
{
  gboolean online = g_settings_get_boolean (self->settings, "online-basemap");

  if (online && self->basemap_layer == NULL && self->ward_layer != NULL)
    {
      g_autoptr(ShumateMapSourceRegistry) registry =
        shumate_map_source_registry_new_with_defaults ();
      ShumateMapSource *osm =
        shumate_map_source_registry_get_by_id (registry, SHUMATE_MAP_SOURCE_OSM_MAPNIK);

      self->basemap_layer = g_object_ref (shumate_map_layer_new (osm, get_viewport (self)));
      shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (self->basemap_layer),
                                       SHUMATE_LAYER (self->old_layer ? self->old_layer
                                                                      : self->ward_layer));
    }
  else if (!online && self->basemap_layer != NULL)
    {
      shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->basemap_layer));
      g_clear_object (&self->basemap_layer);
    }
  if (self->ward_layer != NULL)
    gtk_widget_set_opacity (GTK_WIDGET (self->ward_layer), ward_layer_opacity (self));
  wa_legend_set_online_basemap (self->legend, online);
}

/* ---- selection and picking ----------------------------------------- */

WaWard *
wa_window_pick (WaWindow *self, double x, double y)
{
  double lat, lon;

  g_return_val_if_fail (WA_IS_WINDOW (self), NULL);

  if (self->atlas == NULL)
    return NULL;
  shumate_viewport_widget_coords_to_location (get_viewport (self), GTK_WIDGET (self->map),
                                              x, y, &lat, &lon);
  return wa_atlas_locate (self->atlas, lon, lat);
}

static void
fit_bbox (WaWindow *self, const WaBBox *box)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->map));
  int height = gtk_widget_get_height (GTK_WIDGET (self->map));
  double x0, y0, x1, y1, lat, lon, zoom;

  wa_lonlat_to_mercator (box->min_x, box->max_y, &x0, &y0);
  wa_lonlat_to_mercator (box->max_x, box->min_y, &x1, &y1);
  if (width <= 0 || height <= 0)
    width = height = 600;
  /* Mercator units are a fraction of the 256 px world at zoom 0; leave a
   * margin so that the ward does not touch the edges. */
  zoom = log2 (MIN (width / (MAX (x1 - x0, 1e-9) * 256.0),
                    height / (MAX (y1 - y0, 1e-9) * 256.0))) - 0.4;
  zoom = CLAMP (zoom, MIN_ZOOM, 15);
  wa_mercator_to_lonlat ((x0 + x1) / 2, (y0 + y1) / 2, &lon, &lat);
  shumate_map_go_to_full_with_duration (self->map, lat, lon, zoom, 400);
}

static char *describe_rank (WaWard *ward);

/* A screen reader reads the map's description: keep it on the selection,
 * in words, so that nothing is said by colour alone. */
static void
announce_selection (WaWindow *self)
{
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  if (self->selected == NULL)
    {
      text = g_strdup (_("No ward selected. Click a ward, or search for a place or postcode."));
      name = g_strdup (_("Ward map"));
    }
  else
    {
      g_autofree char *rank = describe_rank (self->selected);

      /* Translators: the map's description for screen readers: ward, council, rank. */
      text = g_strdup_printf (_("Selected ward: %s, %s. %s"), wa_ward_get_name (self->selected),
                              wa_ward_get_lad_name (self->selected), rank);
      /* Translators: the map's accessible name while a ward is selected. */
      name = g_strdup_printf (_("Ward map, %s selected"), wa_ward_get_name (self->selected));
    }
  /* Screen readers speak a change of the focused widget's name; the
   * description holds the details. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->map),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

void
wa_window_select_ward (WaWindow *self, WaWard *ward, gboolean fit)
{
  g_return_if_fail (WA_IS_WINDOW (self));

  g_set_object (&self->selected, ward);
  wa_highlight_layer_set_selected (self->highlight, ward);
  wa_ward_panel_set_ward (self->ward_panel, ward);
  announce_selection (self);
  wa_rank_table_select_ward (self->rank_table, ward);
  self->selected_lad = -1;
  wa_highlight_layer_set_area (self->highlight, WA_AREA_LAD, -1);
  if (ward == NULL)
    wa_highlight_layer_set_pin (self->highlight, NAN, NAN);
  if (ward != NULL && fit && wa_ward_get_geometry (ward) != NULL)
    fit_bbox (self, wa_geometry_get_bbox (wa_ward_get_geometry (ward)));
}

WaWard *
wa_window_click_map (WaWindow *self, double x, double y)
{
  WaWard *ward = wa_window_pick (self, x, y);

  wa_window_select_ward (self, ward, FALSE);
  return ward;
}

WaWard *
wa_window_get_selected_ward (WaWindow *self)
{
  g_return_val_if_fail (WA_IS_WINDOW (self), NULL);
  return self->selected;
}

static void
on_map_pressed (WaWindow *self, int n_press, double x, double y, GtkGestureClick *gesture)
{
  self->press_x = x;
  self->press_y = y;
  gtk_widget_grab_focus (GTK_WIDGET (self->map));
}

static void
on_map_released (WaWindow *self, int n_press, double x, double y, GtkGestureClick *gesture)
{
  /* GTK 4.8 still reports a release after a drag-pan. */
  if (hypot (x - self->press_x, y - self->press_y) > CLICK_SLOP_PX || n_press > 1)
    return;
  /* A click on an asset point names it instead of selecting its ward. */
  if (wa_asset_layer_identify (self->asset_layer, x, y))
    return;
  wa_window_click_map (self, x, y);
}

static void
on_map_motion (WaWindow *self, double x, double y, GtkEventControllerMotion *controller)
{
  wa_highlight_layer_set_hovered (self->highlight, wa_window_pick (self, x, y));
}

static void
on_map_leave (WaWindow *self, GtkEventControllerMotion *controller)
{
  wa_highlight_layer_set_hovered (self->highlight, NULL);
}

static char *
describe_rank (WaWard *ward)
{
  guint rank = wa_ward_get_combined_rank (ward);
  g_autofree char *number = NULL;

  if (rank == 0)
    return g_strdup (_("Not ranked: an index is missing"));
  number = wa_format_count (rank);
  /* Translators: a ward's combined rank, e.g. "1,309"; 1 is the greatest need. */
  return g_strdup_printf (_("Combined rank %s (1 = greatest need)%s"), number,
                          wa_ward_get_left_behind (ward) ? _(" · left behind") : "");
}

static gboolean
on_map_query_tooltip (WaWindow *self, int x, int y, gboolean keyboard,
                      GtkTooltip *tooltip, GtkWidget *widget)
{
  WaWard *ward;
  g_autofree char *rank = NULL;
  g_autofree char *markup = NULL;
  int shown;

  if (keyboard)
    return FALSE;
  if ((shown = wa_asset_layer_query_tooltip (self->asset_layer, x, y, tooltip)) >= 0)
    return shown;
  ward = wa_window_pick (self, x, y);
  if (ward == NULL)
    return FALSE;
  rank = describe_rank (ward);
  markup = g_markup_printf_escaped ("<b>%s</b>\n%s\n%s", wa_ward_get_name (ward),
                                    wa_ward_get_lad_name (ward), rank);
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

/* ---- keyboard map actions ------------------------------------------ */

static void
pan_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WaWindow *self = WA_WINDOW (widget);
  int width = gtk_widget_get_width (GTK_WIDGET (self->map));
  int height = gtk_widget_get_height (GTK_WIDGET (self->map));
  int dx, dy;
  double lat, lon;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  /* A quarter of the view per key press, like other GNOME maps. */
  shumate_viewport_widget_coords_to_location (get_viewport (self), GTK_WIDGET (self->map),
                                              width / 2.0 + dx * width / 4.0,
                                              height / 2.0 + dy * height / 4.0,
                                              &lat, &lon);
  shumate_map_go_to_full_with_duration (self->map, lat, lon,
                                        shumate_viewport_get_zoom_level (get_viewport (self)),
                                        150);
}

static void
zoom_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WaWindow *self = WA_WINDOW (widget);

  if (g_str_equal (action_name, "map.zoom-in"))
    shumate_map_zoom_in (self->map);
  else
    shumate_map_zoom_out (self->map);
}

static void
toggle_panel_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WaWindow *self = WA_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
clear_selection_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  wa_window_select_ward (WA_WINDOW (widget), NULL, FALSE);
}

static void
add_map_shortcut (GtkShortcutController *controller, guint key, const char *action,
                  const char *format, int dx, int dy)
{
  GtkShortcutAction *shortcut_action = gtk_named_action_new (action);
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (key, 0), shortcut_action);

  if (format != NULL)
    gtk_shortcut_set_arguments (shortcut, g_variant_new (format, dx, dy));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

/* libshumate 1.0.3 has no keyboard navigation. Arrow keys belong to the
 * map only while it has focus, so that they still move focus elsewhere. */
static void
setup_map_keyboard (WaWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);

  add_map_shortcut (shortcuts, GDK_KEY_Left, "map.pan", "(ii)", -1, 0);
  add_map_shortcut (shortcuts, GDK_KEY_Right, "map.pan", "(ii)", 1, 0);
  add_map_shortcut (shortcuts, GDK_KEY_Up, "map.pan", "(ii)", 0, -1);
  add_map_shortcut (shortcuts, GDK_KEY_Down, "map.pan", "(ii)", 0, 1);
  add_map_shortcut (shortcuts, GDK_KEY_plus, "map.zoom-in", NULL, 0, 0);
  add_map_shortcut (shortcuts, GDK_KEY_equal, "map.zoom-in", NULL, 0, 0);
  add_map_shortcut (shortcuts, GDK_KEY_KP_Add, "map.zoom-in", NULL, 0, 0);
  add_map_shortcut (shortcuts, GDK_KEY_minus, "map.zoom-out", NULL, 0, 0);
  add_map_shortcut (shortcuts, GDK_KEY_KP_Subtract, "map.zoom-out", NULL, 0, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->map), controller);
}

static void
setup_map (WaWindow *self)
{
  ShumateViewport *viewport = get_viewport (self);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  shumate_viewport_set_min_zoom_level (viewport, MIN_ZOOM);
  shumate_viewport_set_max_zoom_level (viewport, MAX_ZOOM);
  shumate_scale_set_viewport (self->scale, viewport);
  self->highlight = g_object_ref_sink (wa_highlight_layer_new (viewport));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->highlight));
  self->asset_layer = g_object_ref_sink (wa_asset_layer_new (self->map));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->asset_layer));
  wa_asset_layer_add_actions (self->asset_layer, G_ACTION_MAP (self), self->settings);

  g_signal_connect_object (click, "pressed", G_CALLBACK (on_map_pressed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "released", G_CALLBACK (on_map_released), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (motion, "motion", G_CALLBACK (on_map_motion), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (on_map_leave), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->map), motion);
  g_signal_connect_object (self->map, "query-tooltip", G_CALLBACK (on_map_query_tooltip), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map, "notify::scale-factor", G_CALLBACK (restyle), self,
                           G_CONNECT_SWAPPED);
  setup_map_keyboard (self);

  shumate_map_center_on (self->map, g_settings_get_double (self->settings, "map-latitude"),
                         g_settings_get_double (self->settings, "map-longitude"));
  shumate_viewport_set_zoom_level (viewport, g_settings_get_double (self->settings, "map-zoom"));
}

/* ---- rank method ----------------------------------------------------- */

static void
rank_params_from_settings (WaWindow *self, WaEdition edition, WaRankParams *params)
{
  g_autofree char *id = g_settings_get_string (self->settings, "rank-method");

  wa_rank_params_init (params);
  if (!wa_rank_method_from_id (id, &params->method)
      || !wa_rank_method_available (params->method, edition))
    params->method = WA_RANK_METHOD_BOTH_DECILE;
  params->threshold_percent = g_settings_get_double (self->settings, "threshold");
  params->weight_imd = g_settings_get_double (self->settings, "weight-imd");
  params->weight_cni = g_settings_get_double (self->settings, "weight-cni");
  if (!wa_rank_params_validate (params, edition, NULL))
    wa_rank_params_init (params);
}

static void
save_rank_params (WaWindow *self, const WaRankParams *params)
{
  g_settings_set_string (self->settings, "rank-method", wa_rank_method_to_id (params->method));
  g_settings_set_double (self->settings, "threshold", params->threshold_percent);
  g_settings_set_double (self->settings, "weight-imd", params->weight_imd);
  g_settings_set_double (self->settings, "weight-cni", params->weight_cni);
}

/* Shows the current method in the header and its popover. */
static void
sync_method_controls (WaWindow *self)
{
  const WaRankParams *params;
  gboolean threshold, weights;
  GAction *action;

  if (self->atlas == NULL)
    return;
  params = wa_atlas_get_rank_params (self->atlas);
  threshold = wa_rank_method_uses_threshold (params->method);
  weights = wa_rank_method_uses_weights (params->method);

  self->updating_controls = TRUE;
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "rank-method");
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (wa_rank_method_to_id (params->method)));
  gtk_menu_button_set_label (self->method_button, wa_rank_method_label (params->method));
  gtk_label_set_text (self->method_description, wa_rank_method_describe (params->method));
  gtk_spin_button_set_value (self->threshold_spin, params->threshold_percent);
  gtk_spin_button_set_value (self->weight_imd_spin, params->weight_imd);
  gtk_spin_button_set_value (self->weight_cni_spin, params->weight_cni);
  gtk_widget_set_sensitive (GTK_WIDGET (self->threshold_spin), threshold);
  gtk_widget_set_sensitive (self->threshold_label, threshold);
  gtk_widget_set_visible (GTK_WIDGET (self->weight_imd_spin), weights);
  gtk_widget_set_visible (self->weight_imd_label, weights);
  gtk_widget_set_visible (GTK_WIDGET (self->weight_cni_spin), weights);
  gtk_widget_set_visible (self->weight_cni_label, weights);
  for (guint m = 0; m < WA_N_RANK_METHODS; m++)
    gtk_widget_set_sensitive (self->method_checks[m],
                              wa_rank_method_available (m, wa_atlas_get_edition (self->atlas)));
  self->updating_controls = FALSE;
}

static void
apply_rank_params (WaWindow *self, const WaRankParams *params)
{
  g_autoptr(GError) error = NULL;

  if (self->atlas == NULL)
    return;
  /* Setting the params emits "ranks-changed", which recolours the map. */
  if (!wa_atlas_set_rank_params (self->atlas, params, &error))
    toast (self, error->message);
  else
    save_rank_params (self, params);
  sync_method_controls (self);
}

static void
change_rank_method (GSimpleAction *action, GVariant *value, gpointer data)
{
  WaWindow *self = data;
  WaRankParams params;

  if (self->atlas == NULL || self->updating_controls)
    return;
  params = *wa_atlas_get_rank_params (self->atlas);
  if (!wa_rank_method_from_id (g_variant_get_string (value, NULL), &params.method))
    return;
  apply_rank_params (self, &params);
}

static void
on_method_spin_changed (WaWindow *self, GtkSpinButton *spin)
{
  WaRankParams params;

  if (self->atlas == NULL || self->updating_controls)
    return;
  params = *wa_atlas_get_rank_params (self->atlas);
  params.threshold_percent = gtk_spin_button_get_value (self->threshold_spin);
  params.weight_imd = gtk_spin_button_get_value (self->weight_imd_spin);
  params.weight_cni = gtk_spin_button_get_value (self->weight_cni_spin);
  apply_rank_params (self, &params);
}

static void
build_method_list (WaWindow *self)
{
  GtkCheckButton *group = NULL;

  for (guint m = 0; m < WA_N_RANK_METHODS; m++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (wa_rank_method_label (m));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (check), "win.rank-method");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (check), "s", wa_rank_method_to_id (m));
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);
      gtk_box_append (self->method_box, check);
      self->method_checks[m] = check;
    }
  g_signal_connect_object (self->threshold_spin, "value-changed",
                           G_CALLBACK (on_method_spin_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->weight_imd_spin, "value-changed",
                           G_CALLBACK (on_method_spin_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->weight_cni_spin, "value-changed",
                           G_CALLBACK (on_method_spin_changed), self, G_CONNECT_SWAPPED);
}

/* ---- editions and packs ---------------------------------------------- */

static void
update_edition_controls (WaWindow *self)
{
  GtkWidget *buttons[WA_N_EDITIONS] = { self->edition_2019_button, self->edition_2025_button };
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "edition");

  for (guint e = 0; e < WA_N_EDITIONS; e++)
    {
      g_autofree char *path = self->atlases[e] ? NULL : wa_pack_locator_find (e);

      gtk_widget_set_sensitive (buttons[e], self->atlases[e] != NULL || path != NULL);
    }
  if (self->atlas != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action),
                               g_variant_new_string (wa_edition_to_string (
                                 wa_atlas_get_edition (self->atlas))));
}

static void
on_error_open (WaWindow *self, const char *response, AdwMessageDialog *dialog)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-pack", NULL);
}

void
wa_window_show_pack_error (WaWindow *self, const char *message)
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

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Cannot Open Data Pack"), body));
  adw_message_dialog_add_responses (dialog, "close", _("_Close"),
                                    "open", _("_Open Data Pack…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "open");
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
  g_autoptr(WaAtlas) atlas = wa_atlas_open_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->open_cancellable);
  if (atlas == NULL)
    wa_window_show_pack_error (self, error->message);
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
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
}

void
wa_window_open_pack (WaWindow *self, const char *path)
{
  g_return_if_fail (WA_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  wa_window_show_loading (self);
  self->open_cancellable = g_cancellable_new ();
  wa_atlas_open_async (path, self->open_cancellable, open_pack_done, g_object_ref (self));
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

void
wa_window_set_atlas (WaWindow *self, WaAtlas *atlas)
{
  WaEdition edition = wa_atlas_get_edition (atlas);
  WaRankParams params;

  g_debug ("Opened %s", wa_atlas_get_path (atlas));

  if (self->atlas != NULL)
    g_signal_handlers_disconnect_by_data (self->atlas, self);
  if (self->atlases[edition] != atlas)
    g_set_object (&self->atlases[edition], atlas);
  g_set_object (&self->atlas, atlas);

  wa_window_select_ward (self, NULL, FALSE);
  wa_highlight_layer_set_atlas (self->highlight, atlas);
  wa_asset_layer_set_atlas (self->asset_layer, atlas);
  wa_ward_panel_set_atlas (self->ward_panel, atlas);
  wa_legend_set_atlas (self->legend, atlas);
  wa_search_popover_set_atlas (self->search_popover, atlas);
  wa_rank_table_set_atlas (self->rank_table, atlas);

  rank_params_from_settings (self, edition, &params);
  wa_atlas_set_rank_params (atlas, &params, NULL);
  g_signal_connect_object (atlas, "ranks-changed", G_CALLBACK (restyle), self,
                           G_CONNECT_SWAPPED);
  sync_method_controls (self);
  update_edition_controls (self);

  restyle (self);
  update_basemap (self);
  gtk_stack_set_visible_child_name (self->content_stack, "map");
  gtk_widget_grab_focus (GTK_WIDGET (self->map));
}

static void
change_edition (GSimpleAction *action, GVariant *value, gpointer data)
{
  WaWindow *self = data;
  const char *text = g_variant_get_string (value, NULL);
  g_autofree char *path = NULL;
  WaEdition edition;

  if (!wa_edition_from_string (text, &edition))
    return;
  if (self->atlas != NULL && wa_atlas_get_edition (self->atlas) == edition)
    return;
  g_settings_set_string (self->settings, "edition", text);
  if (self->atlases[edition] != NULL)
    {
      wa_window_set_atlas (self, self->atlases[edition]);
      return;
    }
  path = wa_pack_locator_find (edition);
  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("No %s data pack was found"), text);

      toast (self, message);
      update_edition_controls (self);
      return;
    }
  wa_window_open_pack (self, path);
}

static void
on_pack_chosen (gpointer owner, const char *path)
{
  wa_window_open_pack (WA_WINDOW (owner), path);
}

static void
open_pack_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  wa_pack_chooser_show (GTK_WINDOW (widget), _("Open Data Pack"), _("_Open"), on_pack_chosen,
                        G_OBJECT (widget));
}

/* ---- window state ----------------------------------------------------- */

static void
save_window_state (WaWindow *self)
{
  ShumateViewport *viewport = get_viewport (self);
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (self->atlas != NULL)
    {
      g_settings_set_double (self->settings, "map-latitude",
                             shumate_location_get_latitude (SHUMATE_LOCATION (viewport)));
      g_settings_set_double (self->settings, "map-longitude",
                             shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
      g_settings_set_double (self->settings, "map-zoom",
                             CLAMP (shumate_viewport_get_zoom_level (viewport), 2, 18));
    }
}

static gboolean
wa_window_close_request (GtkWindow *window)
{
  save_window_state (WA_WINDOW (window));
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

/* ---- map legend ---------------------------------------------------------- */

#define LEGEND_MARGIN 12
/* Below these the open legend would hide most of the map. */
#define LEGEND_COMPACT_WIDTH 560
#define LEGEND_COMPACT_HEIGHT 560

static gboolean
apply_legend_compact (gpointer data)
{
  WaWindow *self = data;
  int width = gtk_widget_get_width (GTK_WIDGET (self->map_overlay));
  int height = gtk_widget_get_height (GTK_WIDGET (self->map_overlay));

  self->legend_compact_idle = 0;
  wa_legend_set_compact (self->legend,
                         width < LEGEND_COMPACT_WIDTH || height < LEGEND_COMPACT_HEIGHT);
  return G_SOURCE_REMOVE;
}

/* Keeps the legend inside the map, however narrow, at its bottom-left
 * corner; the scale bar sits top-left, clear of it. */
static gboolean
on_overlay_child_position (GtkOverlay *overlay, GtkWidget *child, GdkRectangle *area, WaWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (overlay));
  int height = gtk_widget_get_height (GTK_WIDGET (overlay));
  int min, nat, room;
  gboolean compact;

  if (child != GTK_WIDGET (self->legend))
    return FALSE;

  /* Changing the expander inside allocation would resize mid-layout. */
  compact = width < LEGEND_COMPACT_WIDTH || height < LEGEND_COMPACT_HEIGHT;
  if (compact != wa_legend_get_compact (self->legend) && self->legend_compact_idle == 0)
    self->legend_compact_idle = g_idle_add (apply_legend_compact, self);

  /* Measured sizes include the legend's own start and bottom margins;
   * leave the same gap at the end and the top. */
  room = MAX (width - LEGEND_MARGIN, 0);
  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  area->width = MAX (MIN (nat, room), MIN (min, width));
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, area->width, &min, &nat, NULL, NULL);
  area->height = MAX (MIN (nat, height - LEGEND_MARGIN), min);
  area->x = 0;
  area->y = height - area->height;
  return TRUE;
}

/* ---- object ------------------------------------------------------------ */

/* ---- search and ranking table ---------------------------------------- */

/* Centres on a point at a zoom that shows its streets, or fits a place's
 * extent when it is larger than that view. */
static void
show_point (WaWindow *self, const WaSearchResult *r)
{
  double zoom = r->kind == WA_SEARCH_POSTCODE ? 16 : 14;

  if (r->has_bbox && r->kind == WA_SEARCH_PLACE
      && (r->bbox.max_x - r->bbox.min_x > 0.03 || r->bbox.max_y - r->bbox.min_y > 0.02))
    fit_bbox (self, &r->bbox);
  else
    shumate_map_go_to_full_with_duration (self->map, r->lat, r->lon, zoom, 400);
  wa_highlight_layer_set_pin (self->highlight, r->lat, r->lon);
}

static void
on_search_result (WaWindow *self, const WaSearchResult *r, WaSearchPopover *popover)
{
  WaWard *ward = r->ward_index >= 0 ? wa_atlas_get_ward (self->atlas, r->ward_index) : NULL;

  wa_window_select_ward (self, ward, FALSE);
  self->selected_lad = r->kind == WA_SEARCH_LAD ? r->area_index : -1;
  wa_highlight_layer_set_area (self->highlight, WA_AREA_LAD, self->selected_lad);
  wa_highlight_layer_set_pin (self->highlight, NAN, NAN);
  if (r->has_point)
    show_point (self, r);
  else if (r->has_bbox)
    fit_bbox (self, &r->bbox);
  else if (r->kind == WA_SEARCH_POSTCODE_DISTRICT)
    {
      WaBBox box;
      guint n;

      if (wa_atlas_get_postcode_district (self->atlas, r->code, &box, &n))
        fit_bbox (self, &box);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->map));
}

static void
on_table_ward_selected (WaWindow *self, WaWard *ward, WaRankTable *table)
{
  wa_window_select_ward (self, ward, TRUE);
}

static void
search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WaWindow *self = WA_WINDOW (widget);

  /* Selected, so that typing replaces the last search. */
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

#define TABLE_DEFAULT_WIDTH 460

static void
change_table_shown (GSimpleAction *action, GVariant *value, gpointer data)
{
  WaWindow *self = data;
  gboolean shown = g_variant_get_boolean (value);

  g_simple_action_set_state (action, value);
  gtk_widget_set_visible (GTK_WIDGET (self->rank_table), shown);
  if (shown)
    {
      /* Room for the table's columns and toolbar; the paned keeps the
       * map at its minimum width if the window is narrower. */
      gtk_paned_set_position (self->table_paned, TABLE_DEFAULT_WIDTH);
      wa_rank_table_select_ward (self->rank_table, self->selected);
    }
}

static void
show_export_error (WaWindow *self, const char *message)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                         _("Cannot Export Table"),
                                                                         message));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
wa_window_export_table (WaWindow *self, const char *path, GError **error)
{
  g_autoptr(GPtrArray) shown = NULL;
  WaWardCsvContext context;

  g_return_val_if_fail (WA_IS_WINDOW (self), FALSE);
  if (self->atlas == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_NOT_FOUND, _("No data pack is open"));
      return FALSE;
    }
  shown = wa_rank_table_dup_shown (self->rank_table);
  context.filter = wa_rank_table_get_filter (self->rank_table);
  wa_rank_table_get_sort (self->rank_table, &context.sort, &context.descending);
  return wa_ward_csv_write (self->atlas, shown, &context, path, error);
}

static void
on_export_chosen (WaWindow *self, int response, GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file != NULL ? g_file_get_path (file) : NULL;
      if (path == NULL)
        show_export_error (self, _("Choose a file on this computer."));
      else if (!wa_window_export_table (self, path, &error))
        show_export_error (self, error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message = g_strdup_printf (_("Table saved as “%s”"), name);

          toast (self, message);
        }
    }
  g_object_unref (chooser);
}

/* The native chooser asks before replacing an existing file (GTK 4 always
 * confirms overwrites in save mode, and so do the portals). */
static void
export_table_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WaWindow *self = WA_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->atlas == NULL)
    return;
  name = g_strdup_printf ("ward-atlas-%s-%s.csv", wa_edition_to_string (wa_atlas_get_edition (self->atlas)),
                          wa_ward_filter_get_left_behind_only (wa_rank_table_get_filter (self->rank_table))
                          ? "left-behind" : "wards");
  chooser = gtk_file_chooser_native_new (_("Export Table"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_chosen), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static const GActionEntry win_entries[] = {
  { .name = "edition", .parameter_type = "s", .state = "'2025'", .change_state = change_edition },
  { .name = "rank-method", .parameter_type = "s", .state = "'both-decile'",
    .change_state = change_rank_method },
  { .name = "toggle-table", .state = "false", .change_state = change_table_shown },
};

static void
on_pack_path_changed (WaWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "pack-path");

  if (path[0] != '\0' && (self->atlas == NULL || g_strcmp0 (path, wa_atlas_get_path (self->atlas)) != 0))
    wa_window_open_pack (self, path);
}

/* Preferences set the method too; the header's controls write the same key. */
static void
on_rank_method_changed (WaWindow *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "rank-method");
  WaRankParams params;

  if (self->atlas == NULL || self->updating_controls)
    return;
  params = *wa_atlas_get_rank_params (self->atlas);
  if (!wa_rank_method_from_id (id, &params.method) || params.method == wa_atlas_get_rank_params (self->atlas)->method
      || !wa_rank_method_available (params.method, wa_atlas_get_edition (self->atlas)))
    return;
  apply_rank_params (self, &params);
}

static void
on_ward_activated (WaWindow *self, WaWard *ward, WaWardPanel *panel)
{
  wa_window_select_ward (self, ward, TRUE);
}

static void
wa_window_dispose (GObject *object)
{
  WaWindow *self = WA_WINDOW (object);

  if (self->open_cancellable != NULL)
    g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  g_clear_handle_id (&self->swap_timeout_id, g_source_remove);
  g_clear_handle_id (&self->legend_compact_idle, g_source_remove);
  if (self->search_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->search_popover)));
  g_clear_object (&self->old_layer);
  g_clear_object (&self->ward_layer);
  g_clear_object (&self->basemap_layer);
  g_clear_object (&self->highlight);
  g_clear_object (&self->asset_layer);
  g_clear_object (&self->source);
  g_clear_object (&self->selected);
  g_clear_object (&self->atlas);
  for (guint e = 0; e < WA_N_EDITIONS; e++)
    g_clear_object (&self->atlases[e]);
  gtk_widget_dispose_template (GTK_WIDGET (self), WA_TYPE_WINDOW);
  G_OBJECT_CLASS (wa_window_parent_class)->dispose (object);
}

static void
wa_window_finalize (GObject *object)
{
  g_clear_object (&WA_WINDOW (object)->settings);
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

  g_type_ensure (SHUMATE_TYPE_MAP);
  g_type_ensure (SHUMATE_TYPE_SCALE);
  g_type_ensure (WA_TYPE_LEGEND);
  g_type_ensure (WA_TYPE_WARD_PANEL);
  g_type_ensure (WA_TYPE_RANK_TABLE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, map);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, scale);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, legend);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, map_overlay);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, ward_panel);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, method_button);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, method_box);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, method_description);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, weight_imd_spin);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, weight_cni_spin);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, threshold_label);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, weight_imd_label);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, weight_cni_label);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, edition_2019_button);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, edition_2025_button);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, table_paned);
  gtk_widget_class_bind_template_child (widget_class, WaWindow, rank_table);

  gtk_widget_class_install_action (widget_class, "win.open-pack", NULL, open_pack_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-panel", NULL, toggle_panel_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.export-table", NULL, export_table_action);
  gtk_widget_class_install_action (widget_class, "map.pan", "(ii)", pan_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.clear-selection", NULL,
                                   clear_selection_action);

  wa_export_actions_install (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open-pack", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "map.clear-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "win.toggle-table", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "map.zoom-out", NULL);
}

static void
wa_window_init (WaWindow *self)
{
  self->settings = g_settings_new (WA_APP_ID);
  gtk_widget_init_template (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries,
                                   G_N_ELEMENTS (win_entries), self);
  g_signal_connect_object (self->ward_panel, "ward-activated", G_CALLBACK (on_ward_activated),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::palette", G_CALLBACK (restyle), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::label-density", G_CALLBACK (restyle), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (restyle), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (restyle), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::online-basemap",
                           G_CALLBACK (update_basemap), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::pack-path",
                           G_CALLBACK (on_pack_path_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::rank-method",
                           G_CALLBACK (on_rank_method_changed), self, G_CONNECT_SWAPPED);
  self->selected_lad = -1;
  self->search_popover = wa_search_popover_new (self->search_entry);
  g_signal_connect_object (self->search_popover, "result-activated", G_CALLBACK (on_search_result),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->rank_table, "ward-selected", G_CALLBACK (on_table_ward_selected),
                           self, G_CONNECT_SWAPPED);

  wa_export_actions_init (self);
  build_method_list (self);
  setup_map (self);
  restore_window_state (self);
  g_signal_connect_object (self->map_overlay, "get-child-position",
                           G_CALLBACK (on_overlay_child_position), self, 0);
  update_edition_controls (self);
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

ShumateMap *
wa_window_get_map (WaWindow *self)
{
  g_return_val_if_fail (WA_IS_WINDOW (self), NULL);
  return self->map;
}

WaMapSource *
wa_window_get_map_source (WaWindow *self)
{
  g_return_val_if_fail (WA_IS_WINDOW (self), NULL);
  return self->source;
}

void
wa_window_add_toast (WaWindow *self, AdwToast *toast)
{
  g_return_if_fail (WA_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

GtkWidget *
wa_window_get_rank_table (WaWindow *self)
{
  g_return_val_if_fail (WA_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->rank_table);
}

GtkWidget *
wa_window_get_search_popover (WaWindow *self)
{
  g_return_val_if_fail (WA_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->search_popover);
}

const WaArea *
wa_window_get_selected_lad (WaWindow *self)
{
  g_return_val_if_fail (WA_IS_WINDOW (self), NULL);
  if (self->atlas == NULL || self->selected_lad < 0)
    return NULL;
  return g_ptr_array_index (wa_atlas_get_areas (self->atlas, WA_AREA_LAD), self->selected_lad);
}

GtkWidget *
wa_window_get_ward_panel (WaWindow *self)
{
  g_return_val_if_fail (WA_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->ward_panel);
}
