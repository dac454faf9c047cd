/* wa-asset-layer.c
 *
 * Points are found through the atlas's asset grid and drawn with cairo in
 * the layer's snapshot, like the highlight layer; the viewport's notify
 * queues a redraw so they stay glued to the tiles during a pan.
 */
#include <glib/gi18n.h>
#include <math.h>

#include "wa-label-layout.h"
#include "wa-asset-layer.h"
#include "wa-asset-symbol.h"
#include "wa-text-scale.h"
#include "wa-user-lists-store.h"

struct _WaAssetLayer
{
  ShumateLayer parent_instance;

  ShumateMap *map;            /* not owned: the map owns us */
  WaAtlas *atlas;
  guint32 visible;            /* bit per WaAssetDomain */
  GtkWidget *popover;
  GtkLabel *popover_label;
  WaUserListsStore *user_lists;
  int pending_asset;          /* shown once the map arrives there; -1 none */
  guint pending_ticks;
};

G_DEFINE_FINAL_TYPE (WaAssetLayer, wa_asset_layer, SHUMATE_TYPE_LAYER)

static const char *const domain_actions[WA_N_ASSET_DOMAINS] = {
  "show-assets-civic", "show-assets-engaged", "show-assets-connected",
};

/* Symbols grow with zoom: legible at z12 without hiding the wards. */
static double
symbol_size (double zoom)
{
  return CLAMP (8 + (zoom - 12) * 2, 8, 14);
}

static void
project (double lon, double lat, double *x, double *y, gpointer data)
{
  WaAssetLayer *self = data;

  shumate_viewport_location_to_widget_coords (shumate_layer_get_viewport (SHUMATE_LAYER (self)),
                                              GTK_WIDGET (self), lat, lon, x, y);
}

/* The lon/lat box of the widget area, widened by margin pixels. */
static void
visible_box (WaAssetLayer *self, double margin, WaBBox *box)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  GtkWidget *widget = GTK_WIDGET (self);
  double lat0, lon0, lat1, lon1;

  shumate_viewport_widget_coords_to_location (viewport, widget, -margin, -margin, &lat0, &lon0);
  shumate_viewport_widget_coords_to_location (viewport, widget, gtk_widget_get_width (widget) + margin,
                                              gtk_widget_get_height (widget) + margin, &lat1, &lon1);
  box->min_x = MIN (lon0, lon1), box->max_x = MAX (lon0, lon1);
  box->min_y = MIN (lat0, lat1), box->max_y = MAX (lat0, lat1);
}

static gboolean
shown (WaAssetLayer *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  return self->atlas != NULL && self->visible != 0
         && shumate_viewport_get_zoom_level (viewport) >= WA_ASSET_LAYER_MIN_ZOOM;
}

/* The user's lists over the built-in symbols, with the same rule: names
 * win over symbols. Lists loaded for another atlas are not drawn. */
static void
draw_user_lists (WaAssetLayer *self, cairo_t *cr, const WaBBox *box, double size, WaLabelCover *hide)
{
  g_autoptr(GArray) found = NULL;
  guint n;

  if (self->user_lists == NULL || wa_user_lists_store_get_atlas (self->user_lists) != self->atlas)
    return;
  n = wa_user_lists_store_get_n_lists (self->user_lists);
  found = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint l = 0; l < n; l++)
    {
      WaUserList *list = wa_user_lists_store_get_list (self->user_lists, l);
      guint32 rgb = wa_user_list_get_rgb (list);

      g_array_set_size (found, 0);
      wa_user_list_query (list, box, found);
      for (guint i = 0; i < found->len; i++)
        {
          const WaUserPlace *place = wa_user_list_get_place (list, g_array_index (found, guint, i));
          double x, y;

          if (wa_label_cover_hides (place->lon, place->lat, hide))
            continue;
          project (place->lon, place->lat, &x, &y, self);
          wa_asset_symbol_draw_shape (cr, wa_user_list_get_shape (list), ((rgb >> 16) & 0xff) / 255.0,
                                      ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0, x, y, size);
        }
    }
}

static void
wa_asset_layer_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  WaAssetLayer *self = WA_ASSET_LAYER (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double size;
  WaBBox box;
  cairo_t *cr;

  if (!shown (self) || width <= 0 || height <= 0)
    return;
  size = symbol_size (shumate_viewport_get_zoom_level (shumate_layer_get_viewport (SHUMATE_LAYER (self))));
  visible_box (self, size, &box);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  {
    double zoom = shumate_viewport_get_zoom_level (shumate_layer_get_viewport (SHUMATE_LAYER (self)));
    /* Names win over symbols: the tiles' names are placed at the integer
     * zoom the tiles are drawn at, in that zoom's pixels. */
    WaLabelCover hide = { wa_label_layout_for_atlas_scaled (self->atlas,
                                                            wa_text_scale_for_widget (GTK_WIDGET (self))), (guint) floor (zoom),
                          size / 2 / pow (2, zoom - floor (zoom)) };

    wa_asset_symbols_draw_box_full (cr, wa_atlas_get_assets (self->atlas), &box, self->visible,
                                    size, project, self, wa_label_cover_hides, &hide);
    draw_user_lists (self, cr, &box, size, &hide);
  }
  cairo_destroy (cr);
}

int
wa_asset_layer_pick (WaAssetLayer *self, double x, double y)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  ShumateViewport *viewport;
  double size, best = G_MAXDOUBLE, lat0, lon0, lat1, lon1;
  WaAssets *assets;
  WaBBox box;
  int hit = -1;

  g_return_val_if_fail (WA_IS_ASSET_LAYER (self), -1);
  if (!shown (self))
    return -1;
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  size = symbol_size (shumate_viewport_get_zoom_level (viewport));
  /* A little beyond the symbol, so small symbols are easy to hit. */
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self), x - size, y - size, &lat0, &lon0);
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self), x + size, y + size, &lat1, &lon1);
  box = (WaBBox) { MIN (lon0, lon1), MIN (lat0, lat1), MAX (lon0, lon1), MAX (lat0, lat1) };
  assets = wa_atlas_get_assets (self->atlas);
  wa_assets_query (assets, &box, found);
  for (guint i = 0; i < found->len; i++)
    {
      guint index = g_array_index (found, guint, i);
      const WaAsset *asset = wa_assets_get_asset (assets, index);
      double px, py, d;

      if (!(self->visible & (1u << wa_asset_category_domain (asset->category))))
        continue;
      project (asset->lon, asset->lat, &px, &py, self);
      d = hypot (px - x, py - y);
      if (d <= size / 2 + 4 && d < best)
        best = d, hit = (int) index;
    }
  return hit;
}

/* "<b>Name</b>\nCategory · postcode" */
static char *
asset_markup (WaAssetLayer *self, guint index)
{
  const WaAsset *asset = wa_assets_get_asset (wa_atlas_get_assets (self->atlas), index);

  return g_markup_printf_escaped ("<b>%s</b>\n%s%s%s", asset->name != NULL ? asset->name : _("Unnamed"),
                                  wa_asset_category_name (asset->category),
                                  asset->postcode != NULL ? " · " : "",
                                  asset->postcode != NULL ? asset->postcode : "");
}

/* The place of a user's list nearest (x, y) within its symbol, as its
 * markup ("<b>Name</b>\nList · postcode"), or NULL. */
static char *
pick_user_place (WaAssetLayer *self, double x, double y)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double size, best = G_MAXDOUBLE, lat0, lon0, lat1, lon1;
  WaUserList *hit_list = NULL;
  const WaUserPlace *hit = NULL;
  WaBBox box;
  guint n;

  if (!shown (self) || self->user_lists == NULL || wa_user_lists_store_get_atlas (self->user_lists) != self->atlas)
    return NULL;
  size = symbol_size (shumate_viewport_get_zoom_level (viewport));
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self), x - size, y - size, &lat0, &lon0);
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self), x + size, y + size, &lat1, &lon1);
  box = (WaBBox) { MIN (lon0, lon1), MIN (lat0, lat1), MAX (lon0, lon1), MAX (lat0, lat1) };
  n = wa_user_lists_store_get_n_lists (self->user_lists);
  for (guint l = 0; l < n; l++)
    {
      WaUserList *list = wa_user_lists_store_get_list (self->user_lists, l);

      g_array_set_size (found, 0);
      wa_user_list_query (list, &box, found);
      for (guint i = 0; i < found->len; i++)
        {
          const WaUserPlace *place = wa_user_list_get_place (list, g_array_index (found, guint, i));
          double px, py, d;

          project (place->lon, place->lat, &px, &py, self);
          d = hypot (px - x, py - y);
          if (d <= size / 2 + 4 && d < best)
            best = d, hit = place, hit_list = list;
        }
    }
  if (hit == NULL)
    return NULL;
  return g_markup_printf_escaped ("<b>%s</b>\n%s%s%s", hit->name != NULL && *hit->name != '\0' ? hit->name : _("Unnamed"),
                                  wa_user_list_get_name (hit_list), hit->postcode != NULL ? " · " : "",
                                  hit->postcode != NULL ? hit->postcode : "");
}

int
wa_asset_layer_query_tooltip (WaAssetLayer *self, double x, double y, GtkTooltip *tooltip)
{
  g_autofree char *markup = NULL;
  int index;

  g_return_val_if_fail (WA_IS_ASSET_LAYER (self), -1);
  /* The open popover already names a point: no tooltip over it. */
  if (gtk_widget_get_visible (self->popover))
    return 0;
  /* The user's places are drawn on top: they are picked first. */
  if ((markup = pick_user_place (self, x, y)) != NULL)
    {
      gtk_tooltip_set_markup (tooltip, markup);
      return 1;
    }
  if ((index = wa_asset_layer_pick (self, x, y)) < 0)
    return -1;
  markup = asset_markup (self, (guint) index);
  gtk_tooltip_set_markup (tooltip, markup);
  return 1;
}

static void
popup_markup_at (WaAssetLayer *self, const char *markup, double x, double y)
{
  gtk_label_set_markup (self->popover_label, markup);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                               &(GdkRectangle) { (int) x - 4, (int) y - 4, 8, 8 });
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
popup_at (WaAssetLayer *self, guint index, double x, double y)
{
  g_autofree char *markup = asset_markup (self, index);

  popup_markup_at (self, markup, x, y);
}

gboolean
wa_asset_layer_identify (WaAssetLayer *self, double x, double y)
{
  g_autofree char *markup = pick_user_place (self, x, y);
  int index;

  if (markup != NULL)
    {
      popup_markup_at (self, markup, x, y);
      return TRUE;
    }
  index = wa_asset_layer_pick (self, x, y);
  if (index < 0)
    return FALSE;
  popup_at (self, (guint) index, x, y);
  return TRUE;
}

/* Once the map has arrived at the asset (the move is animated, and slower
 * on a busy machine), point the popover at it; give up after two seconds. */
static gboolean
popup_when_arrived (gpointer data)
{
  WaAssetLayer *self = data;
  ShumateLocation *centre = SHUMATE_LOCATION (shumate_layer_get_viewport (SHUMATE_LAYER (self)));
  const WaAsset *asset;
  double x, y;

  if (self->atlas == NULL || self->pending_asset < 0 || ++self->pending_ticks > 20)
    {
      self->pending_asset = -1;
      return G_SOURCE_REMOVE;
    }
  asset = wa_assets_get_asset (wa_atlas_get_assets (self->atlas), (guint) self->pending_asset);
  if (fabs (shumate_location_get_latitude (centre) - asset->lat) > 1e-7
      || fabs (shumate_location_get_longitude (centre) - asset->lon) > 1e-7)
    return G_SOURCE_CONTINUE;
  project (asset->lon, asset->lat, &x, &y, self);
  popup_at (self, (guint) self->pending_asset, x, y);
  self->pending_asset = -1;
  return G_SOURCE_REMOVE;
}

void
wa_asset_layer_show_asset (WaAssetLayer *self, guint index)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  const WaAsset *asset;

  g_return_if_fail (WA_IS_ASSET_LAYER (self));
  if (self->atlas == NULL || index >= wa_assets_get_n_assets (wa_atlas_get_assets (self->atlas)))
    return;
  asset = wa_assets_get_asset (wa_atlas_get_assets (self->atlas), index);
  /* Make sure its domain is shown, or the user would see an empty spot. */
  if (!wa_asset_layer_get_domain_visible (self, wa_asset_category_domain (asset->category)))
    {
      GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self->map), GTK_TYPE_WINDOW);
      const char *action = domain_actions[wa_asset_category_domain (asset->category)];

      /* Through the action, so the legend's toggle follows. */
      if (G_IS_ACTION_GROUP (window) && g_action_group_has_action (G_ACTION_GROUP (window), action))
        g_action_group_change_action_state (G_ACTION_GROUP (window), action, g_variant_new_boolean (TRUE));
      wa_asset_layer_set_domain_visible (self, wa_asset_category_domain (asset->category), TRUE);
    }
  shumate_map_go_to_full_with_duration (self->map, asset->lat, asset->lon,
                                        MAX (shumate_viewport_get_zoom_level (viewport), 15), 400);
  if (self->pending_asset < 0)
    g_timeout_add (100, popup_when_arrived, self);
  self->pending_asset = (int) index;
  self->pending_ticks = 0;
}

void
wa_asset_layer_set_atlas (WaAssetLayer *self, WaAtlas *atlas)
{
  g_return_if_fail (WA_IS_ASSET_LAYER (self));
  if (g_set_object (&self->atlas, atlas))
    {
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

void
wa_asset_layer_set_domain_visible (WaAssetLayer *self, WaAssetDomain domain, gboolean visible)
{
  guint32 visible_mask;

  g_return_if_fail (WA_IS_ASSET_LAYER (self) && domain < WA_N_ASSET_DOMAINS);
  visible_mask = visible ? self->visible | (1u << domain) : self->visible & ~(1u << domain);
  if (visible_mask == self->visible)
    return;
  self->visible = visible_mask;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
wa_asset_layer_get_domain_visible (WaAssetLayer *self, WaAssetDomain domain)
{
  g_return_val_if_fail (WA_IS_ASSET_LAYER (self) && domain < WA_N_ASSET_DOMAINS, FALSE);
  return (self->visible & (1u << domain)) != 0;
}

static void
on_domain_state (GAction *action, GParamSpec *pspec, gpointer data)
{
  WaAssetLayer *self = data;
  g_autoptr(GVariant) state = g_action_get_state (action);

  for (int d = 0; d < WA_N_ASSET_DOMAINS; d++)
    if (g_strcmp0 (g_action_get_name (action), domain_actions[d]) == 0)
      wa_asset_layer_set_domain_visible (self, d, g_variant_get_boolean (state));
}

static void
on_show_asset (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  wa_asset_layer_show_asset (WA_ASSET_LAYER (data), g_variant_get_uint32 (parameter));
}

static void
on_show_list_place (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  const char *id;
  guint32 index;

  g_variant_get (parameter, "(&su)", &id, &index);
  wa_asset_layer_show_list_place (WA_ASSET_LAYER (data), id, index);
}

void
wa_asset_layer_show_list_place (WaAssetLayer *self, const char *list_id, guint index)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  guint n;

  g_return_if_fail (WA_IS_ASSET_LAYER (self));
  n = self->user_lists != NULL ? wa_user_lists_store_get_n_lists (self->user_lists) : 0;
  for (guint l = 0; l < n; l++)
    {
      WaUserList *list = wa_user_lists_store_get_list (self->user_lists, l);
      const WaUserPlace *place;

      if (g_strcmp0 (wa_user_list_get_id (list), list_id) != 0 || index >= wa_user_list_get_n_places (list))
        continue;
      place = wa_user_list_get_place (list, index);
      shumate_map_go_to_full_with_duration (self->map, place->lat, place->lon,
                                            MAX (shumate_viewport_get_zoom_level (viewport), 15), 400);
      return;
    }
}

void
wa_asset_layer_set_user_lists (WaAssetLayer *self, WaUserListsStore *store)
{
  g_return_if_fail (WA_IS_ASSET_LAYER (self));
  if (wa_user_lists_store_watch (&self->user_lists, store, self, G_CALLBACK (gtk_widget_queue_draw)))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
wa_asset_layer_add_actions (WaAssetLayer *self, GActionMap *action_map, GSettings *settings)
{
  g_autoptr(GSimpleAction) show = g_simple_action_new ("show-asset", G_VARIANT_TYPE_UINT32);

  /* Each toggle is its settings key, so the choice outlives the session. */
  for (int d = 0; d < WA_N_ASSET_DOMAINS; d++)
    {
      g_autoptr(GAction) action = g_settings_create_action (settings, domain_actions[d]);

      g_signal_connect_object (action, "notify::state", G_CALLBACK (on_domain_state), self, 0);
      on_domain_state (action, NULL, self);
      g_action_map_add_action (action_map, action);
    }
  g_signal_connect_object (show, "activate", G_CALLBACK (on_show_asset), self, 0);
  g_action_map_add_action (action_map, G_ACTION (show));
  {
    g_autoptr(GSimpleAction) show_place = g_simple_action_new ("show-list-place", G_VARIANT_TYPE ("(su)"));

    g_signal_connect_object (show_place, "activate", G_CALLBACK (on_show_list_place), self, 0);
    g_action_map_add_action (action_map, G_ACTION (show_place));
  }
}

static void
wa_asset_layer_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  WaAssetLayer *self = WA_ASSET_LAYER (widget);

  GTK_WIDGET_CLASS (wa_asset_layer_parent_class)->size_allocate (widget, width, height, baseline);
  gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
wa_asset_layer_constructed (GObject *object)
{
  WaAssetLayer *self = WA_ASSET_LAYER (object);

  G_OBJECT_CLASS (wa_asset_layer_parent_class)->constructed (object);
  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  /* The popover points where the asset was when it opened: close it when
   * the map moves rather than leave it pointing at the wrong place. */
  for (guint i = 0; i < 3; i++)
    g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)),
                             (const char *[]) { "notify::zoom-level", "notify::latitude",
                                                "notify::longitude" }[i],
                             G_CALLBACK (gtk_popover_popdown), self->popover, G_CONNECT_SWAPPED);
}

static void
wa_asset_layer_dispose (GObject *object)
{
  WaAssetLayer *self = WA_ASSET_LAYER (object);

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_object (&self->atlas);
  if (self->user_lists != NULL)
    g_signal_handlers_disconnect_by_data (self->user_lists, self);
  g_clear_object (&self->user_lists);
  g_source_remove_by_user_data (self);
  G_OBJECT_CLASS (wa_asset_layer_parent_class)->dispose (object);
}

static void
wa_asset_layer_class_init (WaAssetLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wa_asset_layer_constructed;
  object_class->dispose = wa_asset_layer_dispose;
  widget_class->snapshot = wa_asset_layer_snapshot;
  widget_class->size_allocate = wa_asset_layer_size_allocate;
}

static void
wa_asset_layer_init (WaAssetLayer *self)
{
  self->visible = (1u << WA_N_ASSET_DOMAINS) - 1;
  self->pending_asset = -1;
  self->popover = gtk_popover_new ();
  self->popover_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->popover_label, TRUE);
  gtk_label_set_max_width_chars (self->popover_label, 40);
  gtk_popover_set_child (GTK_POPOVER (self->popover), GTK_WIDGET (self->popover_label));
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
  /* Clicks go to the map's own controllers, which ask the layer to pick. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

WaAssetLayer *
wa_asset_layer_new (ShumateMap *map)
{
  WaAssetLayer *self = g_object_new (WA_TYPE_ASSET_LAYER, "viewport", shumate_map_get_viewport (map), NULL);

  self->map = map;
  return self;
}
