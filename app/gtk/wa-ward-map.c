/* wa-ward-map.c
 *
 * The ward layer is drawn by WaMapSource from a map style; the basemap,
 * the highlight and the asset points are layers above or below it. The
 * style follows the palette and place-name settings and the desktop's
 * light, dark and high-contrast styles.
 */
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "wa-ward-map.h"
#include "wa-format.h"
#include "wa-announcer.h"
#include "wa-change-legend.h"
#include "wa-highlight-layer.h"
#include "wa-label-layout.h"
#include "wa-legend.h"
#include "wa-text-scale.h"
#include "wa-tile-renderer.h"
#include "wa-map-credits.h"
#include "wa-map-keyboard.h"

/* A release further than this from its press was a pan, not a click. */
#define CLICK_SLOP_PX 5.0
/* If the new map layer has not finished within this time (say the map is
 * hidden), drop the old one anyway. */
#define LAYER_SWAP_TIMEOUT_MS 2000
#define MIN_ZOOM 4
#define MAX_ZOOM 17
/* Gap between the map's edge and the legend, and the credit line's. */
#define LEGEND_MARGIN 12
#define CREDITS_MARGIN 4
/* Below these the open legend would cover more than about 15 % of the
 * map (it is about 260 × 300 px): it folds to its one-line key. */
#define LEGEND_COMPACT_WIDTH 760
#define LEGEND_COMPACT_HEIGHT 600
/* Opened by hand on a small map, the legend scrolls within this share of
 * the map's height rather than cover all of it. */
#define LEGEND_MAX_HEIGHT_SHARE 0.6
/* Space kept between a fitted target and the free area's edges. */
#define FIT_MARGIN_PX 24
/* Zooms between which a ward is shown with its neighbours: closer, the
 * map is one flat fill; further, the ward is lost among the county's. */
#define CONTEXT_MIN_ZOOM 10.0
#define CONTEXT_MAX_ZOOM 14.0
/* A point with no extent of its own (a village) is shown at this zoom. */
#define POINT_ZOOM 14.0
/* The first view is fitted again on each frame while the layout settles
 * (the legend folds on a small map a frame after the first allocation),
 * until it has stayed the same this many frames, or at most FIRST_VIEW_MAX. */
#define FIRST_VIEW_STABLE_FRAMES 3
#define FIRST_VIEW_MAX_FRAMES 60
struct _WaWardMap
{
  GtkWidget parent_instance;

  GSettings *settings;
  WaAtlas *atlas;
  /* Where the pointer last was over the map, to re-pick what lies under it
   * when the map moves beneath a still pointer. */
  gboolean pointer_inside;
  double pointer_x, pointer_y;

  /* template children */
  GtkOverlay *overlay;
  ShumateMap *map;
  ShumateScale *scale;
  WaLegend *legend;
  WaChangeLegend *change_legend;
  WaMapCredits *credits;
  WaChange *change;             /* the change view's change, or NULL */
  WaWard *selected;             /* for the accessible description */

  WaMapSource *source;
  ShumateMapLayer *ward_layer;
  ShumateMapLayer *old_layer;
  ShumateMapLayer *basemap_layer;
  WaHighlightLayer *highlight;
  WaAssetLayer *asset_layer;
  guint swap_timeout_id;
  guint legend_compact_idle;
  double press_x, press_y;
  gboolean drawing;             /* clicks add points to draw_points */
  GArray *draw_points;          /* of double, lon/lat pairs */
  /* First start (no saved view): England is fitted into the free area. */
  gboolean first_view_pending;
  gboolean lsoas_read_ahead;    /* this atlas's neighbourhoods: read_lsoas_ahead */
  guint first_view_tick;
  guint first_view_frames, first_view_stable;
  double first_view_set[3];   /* zoom, latitude, longitude last set */
};

G_DEFINE_FINAL_TYPE (WaWardMap, wa_ward_map, GTK_TYPE_WIDGET)

enum {
  SIGNAL_WARD_CLICKED,
  SIGNAL_MAP_READY,
  SIGNAL_LSOA_CLICKED,
  SIGNAL_WARD_TOGGLED,
  SIGNAL_LSOA_TOGGLED,
  SIGNAL_CLEARED,
  SIGNAL_AREA_DRAWN,
  SIGNAL_DRAWING_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_first_view (WaWardMap *self);

static ShumateViewport *
get_viewport (WaWardMap *self)
{
  return shumate_map_get_viewport (self->map);
}

/* ---- layers --------------------------------------------------------- */

static void
drop_old_layer (WaWardMap *self)
{
  g_clear_handle_id (&self->swap_timeout_id, g_source_remove);
  if (self->old_layer != NULL)
    {
      shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->old_layer));
      g_clear_object (&self->old_layer);
    }
}

/* No pack: nothing may keep drawing the one before (a pack refused after
 * it was shown is dropped, and freed, not kept behind the error page). */
static void
drop_ward_layer (WaWardMap *self)
{
  drop_old_layer (self);
  if (self->ward_layer != NULL)
    shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->ward_layer));
  g_clear_object (&self->ward_layer);
  /* The viewport keeps the source as its reference: it must not keep the
   * pack too. */
  if (self->source != NULL)
    wa_map_source_release_style (self->source);
}

static gboolean
swap_timeout_cb (gpointer data)
{
  WaWardMap *self = data;

  self->swap_timeout_id = 0;
  drop_old_layer (self);
  return G_SOURCE_REMOVE;
}

static void
on_source_idle (WaWardMap *self, WaMapSource *source)
{
  if (source != self->source)
    return;
  drop_old_layer (self);
  g_debug ("Map drawn: %u tiles", wa_map_source_get_n_rendered (source));
  g_signal_emit (self, signals[SIGNAL_MAP_READY], 0);
}

static double
ward_layer_opacity (WaWardMap *self)
{
  /* Over a basemap the wards must let streets show through. */
  return self->basemap_layer != NULL ? 0.65 : 1.0;
}

/* The map follows the desktop's light or dark style and its high-contrast
 * setting, and the user's choice of place names. */
static void
get_theme (WaWardMap *self, WaMapTheme *theme)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autofree char *density = g_settings_get_string (self->settings, "label-density");

  wa_map_theme_init (theme, adw_style_manager_get_dark (manager),
                     adw_style_manager_get_high_contrast (manager));
  if (!wa_label_density_from_id (density, &theme->labels))
    theme->labels = WA_LABELS_NORMAL;
  theme->text_scale = wa_text_scale_for_widget (GTK_WIDGET (self));
  theme->lsoas = g_settings_get_boolean (self->settings, "show-lsoas");
}

static void
insert_ward_layer (WaWardMap *self, ShumateMapLayer *layer)
{
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
}

/* A new style needs a new source id (libshumate caches tiles by id), so
 * recolouring slides a fresh layer in behind the current one and removes
 * the old layer once the new one has drawn: no flash of empty tiles. */
static void
restyle (WaWardMap *self)
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

  get_theme (self, &theme);
  if (!theme.lsoas)
    wa_highlight_layer_set_lsoa (self->highlight, -1);
  style = self->change != NULL ? wa_map_style_new_change (self->atlas, self->change, palette, &theme)
                               : wa_map_style_new_themed (self->atlas, palette, &theme);
  g_clear_object (&self->source);
  self->source = wa_map_source_new (style, scale, theme.labels != WA_LABELS_NONE);
  g_signal_connect_object (self->source, "idle", G_CALLBACK (on_source_idle), self,
                           G_CONNECT_SWAPPED);
  shumate_viewport_set_reference_map_source (get_viewport (self),
                                             SHUMATE_MAP_SOURCE (self->source));

  layer = shumate_map_layer_new (SHUMATE_MAP_SOURCE (self->source), get_viewport (self));
  gtk_widget_set_opacity (GTK_WIDGET (layer), ward_layer_opacity (self));
  insert_ward_layer (self, layer);
  wa_legend_set_palette (self->legend, palette);
}

static void
update_basemap (WaWardMap *self)
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
  wa_map_credits_set_online_basemap (self->credits, online);
}

static double fit_zoom (WaWardMap *self, const WaBBox *box, double min_zoom, double max_zoom,
                        double corners[4], graphene_rect_t *free_rect);

/* The zoom of the first tiles of atlas: the one that will fit England
 * when the first view is still to be set (the map has its size by now),
 * else the view's. */
static double
first_tiles_zoom (WaWardMap *self, WaAtlas *atlas)
{
  double corners[4];
  graphene_rect_t free_rect;

  if (self->first_view_pending && gtk_widget_get_width (GTK_WIDGET (self->map)) > 0)
    return fit_zoom (self, wa_atlas_get_extent (atlas), MIN_ZOOM, MAX_ZOOM, corners, &free_rect);
  return floor (shumate_viewport_get_zoom_level (get_viewport (self)));
}

void
wa_ward_map_prepare (WaWardMap *self, WaAtlas *atlas)
{
  double zoom, scale;
  WaMapTheme theme;

  g_return_if_fail (WA_IS_WARD_MAP (self) && WA_IS_ATLAS (atlas));
  zoom = first_tiles_zoom (self, atlas);
  scale = gtk_widget_get_scale_factor (GTK_WIDGET (self->map));
  get_theme (self, &theme);
  if (theme.labels != WA_LABELS_NONE)
    wa_label_layout_place_in_background (wa_label_layout_for_atlas_scaled (atlas, theme.text_scale),
                                         (guint) MAX (zoom, 0));
  wa_atlas_read_ward_level_async (atlas, wa_tile_detail_zoom (zoom, scale), NULL, NULL, NULL);
}

void
wa_ward_map_set_atlas (WaWardMap *self, WaAtlas *atlas)
{
  g_return_if_fail (WA_IS_WARD_MAP (self));

  if (self->atlas != NULL)
    g_signal_handlers_disconnect_by_data (self->atlas, self);
  /* A change belongs to its atlas: the window sets it again if it applies. */
  if (atlas != self->atlas)
    {
      g_clear_object (&self->change);
      wa_change_legend_set_change (self->change_legend, NULL, NULL, NULL);
    }
  if (atlas != self->atlas)
    self->lsoas_read_ahead = FALSE;
  g_set_object (&self->atlas, atlas);
  wa_highlight_layer_set_atlas (self->highlight, atlas);
  wa_asset_layer_set_atlas (self->asset_layer, atlas);
  wa_legend_set_atlas (self->legend, self->change != NULL ? NULL : atlas);
  wa_map_credits_set_atlas (self->credits, atlas);
  if (atlas == NULL)
    {
      drop_ward_layer (self);
      return;
    }
  g_signal_connect_object (atlas, "ranks-changed", G_CALLBACK (restyle), self,
                           G_CONNECT_SWAPPED);
  restyle (self);
  update_basemap (self);
  start_first_view (self);
}

WaAtlas *
wa_ward_map_get_atlas (WaWardMap *self)
{
  g_return_val_if_fail (WA_IS_WARD_MAP (self), NULL);
  return self->atlas;
}

/* Tiles of the shaded layer asked for and not yet drawn. */
guint
wa_ward_map_get_n_pending_tiles (WaWardMap *self)
{
  g_return_val_if_fail (WA_IS_WARD_MAP (self), 0);
  return self->source != NULL ? wa_map_source_get_n_pending (self->source) : 0;
}

/* ---- selection and picking ------------------------------------------ */

WaWard *
wa_ward_map_pick (WaWardMap *self, double x, double y)
{
  double lat, lon;

  g_return_val_if_fail (WA_IS_WARD_MAP (self), NULL);

  if (self->atlas == NULL)
    return NULL;
  shumate_viewport_widget_coords_to_location (get_viewport (self), GTK_WIDGET (self->map),
                                              x, y, &lat, &lon);
  return wa_atlas_locate (self->atlas, lon, lat);
}

/* Whether the map draws neighbourhoods from WA_LSOA_MIN_ZOOM: the layer
 * on (its setting), a pack that has them, not the change view. */
static gboolean
lsoa_layer_on (WaWardMap *self)
{
  return self->atlas != NULL && g_settings_get_boolean (self->settings, "show-lsoas")
         && self->change == NULL
         && wa_lsoas_get_n (wa_atlas_get_lsoas (self->atlas)) > 0;
}

/* The neighbourhood at a place, when the map shows them there: the layer
 * on and the view at WA_LSOA_MIN_ZOOM or closer. */
gboolean
wa_ward_map_get_shows_lsoas (WaWardMap *self)
{
  g_return_val_if_fail (WA_IS_WARD_MAP (self), FALSE);

  return lsoa_layer_on (self)
         && shumate_viewport_get_zoom_level (get_viewport (self)) >= WA_LSOA_MIN_ZOOM;
}

/* The neighbourhood boundaries are read once, on first use: by the first
 * tile that shows them, which the other tiles wait for, or on the main
 * thread at the pointer's first hover over one (0.12-0.14 s of CPU on
 * the 2019 and 2025 packs). Two zooms before they show, the read starts
 * in the background. */
static void
read_lsoas_ahead (WaWardMap *self)
{
  if (self->lsoas_read_ahead || !lsoa_layer_on (self)
      || shumate_viewport_get_zoom_level (get_viewport (self)) < WA_LSOA_MIN_ZOOM - 2)
    return;
  self->lsoas_read_ahead = TRUE;
  wa_atlas_read_lsoa_geometry_async (self->atlas, NULL, NULL, NULL);
}

static int
lsoa_at (WaWardMap *self, double lat, double lon)
{
  if (!wa_ward_map_get_shows_lsoas (self))
    return -1;
  return wa_atlas_locate_lsoa (self->atlas, lon, lat);
}

gboolean
wa_ward_map_toggle_centre_lsoa (WaWardMap *self)
{
  double lat, lon;
  int lsoa;

  g_return_val_if_fail (WA_IS_WARD_MAP (self), FALSE);

  if (!wa_ward_map_get_shows_lsoas (self))
    return FALSE;
  shumate_viewport_widget_coords_to_location (get_viewport (self), GTK_WIDGET (self->map),
                                              gtk_widget_get_width (GTK_WIDGET (self->map)) / 2.0,
                                              gtk_widget_get_height (GTK_WIDGET (self->map)) / 2.0,
                                              &lat, &lon);
  lsoa = lsoa_at (self, lat, lon);
  if (lsoa >= 0)
    g_signal_emit (self, signals[SIGNAL_LSOA_TOGGLED], 0, lsoa);
  else
    wa_announce (GTK_WIDGET (self), _("No neighbourhood (LSOA) at the centre of the map"));
  return TRUE;
}

/* ---- drawing a polygon ------------------------------------------------ */

/* A click this close to the first point (in pixels) closes the polygon. */
#define CLOSE_POINT_PX 10.0

static void
drawing_changed (WaWardMap *self)
{
  wa_highlight_layer_set_sketch (self->highlight, (const double *) self->draw_points->data,
                                 self->draw_points->len / 2);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.remove-last-point",
                                 self->drawing && self->draw_points->len > 0);
  g_signal_emit (self, signals[SIGNAL_DRAWING_CHANGED], 0);
}

static void
add_draw_point (WaWardMap *self, double lat, double lon)
{
  guint n = self->draw_points->len / 2;

  if (n >= 3)
    {
      const double *p = (const double *) self->draw_points->data;
      double x0, y0, x, y;

      shumate_viewport_location_to_widget_coords (get_viewport (self), GTK_WIDGET (self->map),
                                                  p[1], p[0], &x0, &y0);
      shumate_viewport_location_to_widget_coords (get_viewport (self), GTK_WIDGET (self->map),
                                                  lat, lon, &x, &y);
      if (hypot (x - x0, y - y0) <= CLOSE_POINT_PX)
        {
          wa_ward_map_finish_drawing (self);
          return;
        }
    }
  g_array_append_val (self->draw_points, lon);
  g_array_append_val (self->draw_points, lat);
  drawing_changed (self);
}

void
wa_ward_map_set_drawing (WaWardMap *self, gboolean drawing)
{
  g_return_if_fail (WA_IS_WARD_MAP (self));

  if (self->draw_points == NULL   /* disposed */
      || (self->drawing == !!drawing && self->draw_points->len == 0))
    return;
  self->drawing = !!drawing;
  g_array_set_size (self->draw_points, 0);
  if (drawing)
    wa_highlight_layer_set_hovered (self->highlight, NULL);
  drawing_changed (self);
}

gboolean
wa_ward_map_get_drawing (WaWardMap *self)
{
  g_return_val_if_fail (WA_IS_WARD_MAP (self), FALSE);
  return self->drawing;
}

guint
wa_ward_map_get_n_drawn_points (WaWardMap *self)
{
  g_return_val_if_fail (WA_IS_WARD_MAP (self), 0);
  return self->draw_points->len / 2;
}

void
wa_ward_map_remove_last_point (WaWardMap *self)
{
  g_return_if_fail (WA_IS_WARD_MAP (self));

  if (!self->drawing || self->draw_points->len == 0)
    return;
  g_array_set_size (self->draw_points, self->draw_points->len - 2);
  drawing_changed (self);
}

void
wa_ward_map_finish_drawing (WaWardMap *self)
{
  g_autoptr(GArray) points = NULL;

  g_return_if_fail (WA_IS_WARD_MAP (self));

  if (!self->drawing)
    return;
  /* The mode ends first, so that a handler may start drawing again. */
  points = g_steal_pointer (&self->draw_points);
  self->draw_points = g_array_new (FALSE, FALSE, sizeof (double));
  self->drawing = FALSE;
  drawing_changed (self);
  g_signal_emit (self, signals[SIGNAL_AREA_DRAWN], 0, points);
}

static void
remove_last_point_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  wa_ward_map_remove_last_point (WA_WARD_MAP (widget));
}

void
wa_ward_map_activate_location (WaWardMap *self, double lat, double lon)
{
  wa_ward_map_activate_location_full (self, lat, lon, 0);
}

void
wa_ward_map_activate_location_full (WaWardMap *self, double lat, double lon,
                                    GdkModifierType state)
{
  int lsoa;

  g_return_if_fail (WA_IS_WARD_MAP (self));

  if (self->drawing)
    {
      add_draw_point (self, lat, lon);
      return;
    }

  /* Ctrl+click gathers wards into a custom area, or neighbourhoods where
   * the map shows them; the selection stays. */
  if (state & GDK_CONTROL_MASK)
    {
      WaWard *ward;

      lsoa = lsoa_at (self, lat, lon);
      if (lsoa >= 0)
        {
          g_signal_emit (self, signals[SIGNAL_LSOA_TOGGLED], 0, lsoa);
          return;
        }
      /* No neighbourhood under a shown layer (outside England): nothing,
       * rather than a whole ward the user cannot see chosen. */
      if (wa_ward_map_get_shows_lsoas (self))
        return;
      ward = self->atlas != NULL ? wa_atlas_locate (self->atlas, lon, lat) : NULL;
      if (ward != NULL)
        g_signal_emit (self, signals[SIGNAL_WARD_TOGGLED], 0, ward);
      return;
    }

  /* The ward first: selecting it resets the panel, then the LSOA's card. */
  g_signal_emit (self, signals[SIGNAL_WARD_CLICKED], 0,
                 self->atlas != NULL ? wa_atlas_locate (self->atlas, lon, lat) : NULL);
  lsoa = lsoa_at (self, lat, lon);
  wa_highlight_layer_set_lsoa (self->highlight, lsoa);
  g_signal_emit (self, signals[SIGNAL_LSOA_CLICKED], 0, lsoa);
}

/* ---- camera ----------------------------------------------------------- */

/* Where each overlay (legend, credits, zoom buttons, scale bar) sits on
 * the map, in the map's coordinates. */
static GArray *
overlay_rects (WaWardMap *self)
{
  GArray *rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->overlay));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      /* The keyboard's centre mark (it takes no clicks) covers nothing:
       * counted, it would push every target off the map's centre. */
      if (child == GTK_WIDGET (self->map) || !gtk_widget_get_visible (child)
          || !gtk_widget_get_can_target (child))
        continue;
      if (gtk_widget_compute_bounds (child, GTK_WIDGET (self->map), &bounds)
          && bounds.size.width > 0 && bounds.size.height > 0)
        g_array_append_val (rects, bounds);
    }
  return rects;
}

static gboolean
rect_is_free (const graphene_rect_t *rect, GArray *overlays)
{
  for (guint i = 0; i < overlays->len; i++)
    {
      graphene_rect_t overlap;

      if (graphene_rect_intersection (rect, &g_array_index (overlays, graphene_rect_t, i),
                                      &overlap)
          && overlap.size.width > 0.5 && overlap.size.height > 0.5)
        return FALSE;
    }
  return TRUE;
}

/* Of the rectangles bounded by the map's and the overlays' edges that no
 * overlay covers, the one that shows a target of this aspect (width over
 * height) largest. The overlays sit in the corners, so a handful of
 * candidate edges is enough; four overlays give at most 5^4 candidates. */
static void
best_free_rect (WaWardMap *self, double aspect, graphene_rect_t *out)
{
  g_autoptr(GArray) overlays = overlay_rects (self);
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (float));
  g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (float));
  float width = gtk_widget_get_width (GTK_WIDGET (self->map));
  float height = gtk_widget_get_height (GTK_WIDGET (self->map));
  double best = -1;

  graphene_rect_init (out, 0, 0, width, height);
  g_array_append_val (xs, (float) { 0 });
  g_array_append_val (ys, (float) { 0 });
  for (guint i = 0; i < overlays->len; i++)
    {
      const graphene_rect_t *r = &g_array_index (overlays, graphene_rect_t, i);
      float right = r->origin.x + r->size.width, bottom = r->origin.y + r->size.height;

      g_array_append_val (xs, r->origin.x);
      g_array_append_val (xs, right);
      g_array_append_val (ys, r->origin.y);
      g_array_append_val (ys, bottom);
    }
  g_array_append_val (xs, width);
  g_array_append_val (ys, height);
  for (guint l = 0; l < xs->len; l++)
    for (guint r = 0; r < xs->len; r++)
      for (guint t = 0; t < ys->len; t++)
        for (guint b = 0; b < ys->len; b++)
          {
            float x0 = MAX (g_array_index (xs, float, l), 0);
            float x1 = MIN (g_array_index (xs, float, r), width);
            float y0 = MAX (g_array_index (ys, float, t), 0);
            float y1 = MIN (g_array_index (ys, float, b), height);
            graphene_rect_t rect;
            double shown;

            if (x1 - x0 < 1 || y1 - y0 < 1)
              continue;
            graphene_rect_init (&rect, x0, y0, x1 - x0, y1 - y0);
            /* The size of the target once fitted: limited by the width or
             * by the height, whichever binds. */
            shown = MIN (x1 - x0, (y1 - y0) * aspect);
            if (shown > best && rect_is_free (&rect, overlays))
              {
                best = shown;
                *out = rect;
              }
          }
}

/* Moves the map so that the Mercator point (mx, my) sits at the centre of
 * the free rectangle at this zoom. */
static void
centre_in (WaWardMap *self, double mx, double my, double zoom, const graphene_rect_t *free_rect,
           guint duration_ms)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self->map));
  double height = gtk_widget_get_height (GTK_WIDGET (self->map));
  double world = 256.0 * exp2 (zoom);
  double dx = free_rect->origin.x + free_rect->size.width / 2 - width / 2;
  double dy = free_rect->origin.y + free_rect->size.height / 2 - height / 2;
  double lat, lon;

  wa_mercator_to_lonlat (mx - dx / world, my - dy / world, &lon, &lat);
  if (duration_ms > 0)
    {
      shumate_map_go_to_full_with_duration (self->map, lat, lon, zoom, duration_ms);
      return;
    }
  shumate_viewport_set_zoom_level (get_viewport (self), zoom);
  shumate_map_center_on (self->map, lat, lon);
}

/* The zoom at which a Mercator box just fits the free rectangle, less
 * the margin; and the rectangle. */
static double
zoom_to_fit (WaWardMap *self, double x0, double y0, double x1, double y1,
             graphene_rect_t *free_rect)
{
  double w = MAX (x1 - x0, 1e-9) * 256.0, h = MAX (y1 - y0, 1e-9) * 256.0;
  double room_w, room_h;

  best_free_rect (self, w / h, free_rect);
  room_w = MAX (free_rect->size.width - 2 * FIT_MARGIN_PX, 16);
  room_h = MAX (free_rect->size.height - 2 * FIT_MARGIN_PX, 16);
  return log2 (MIN (room_w / w, room_h / h));
}

/* A fitted zoom lands on a whole level, rounded down so that the target
 * stays whole in the free area: between levels libshumate scales each
 * tile, and the place names drawn in the tiles, by up to 2x, and they
 * blur (England's first view at 1024 × 600 was at z5.8, its names scaled
 * 1.75x). The small allowance keeps a level computed as 5.9999999. */
static double
whole_zoom (double zoom)
{
  return floor (zoom + 1e-6);
}

/* The whole zoom showing box in the map's free area (*free_rect), and
 * box's corners in Mercator. */
static double
fit_zoom (WaWardMap *self, const WaBBox *box, double min_zoom, double max_zoom, double corners[4],
          graphene_rect_t *free_rect)
{
  double zoom;

  wa_lonlat_to_mercator (box->min_x, box->max_y, &corners[0], &corners[1]);
  wa_lonlat_to_mercator (box->max_x, box->min_y, &corners[2], &corners[3]);
  zoom = zoom_to_fit (self, corners[0], corners[1], corners[2], corners[3], free_rect);
  return whole_zoom (CLAMP (zoom, MAX (min_zoom, MIN_ZOOM), MIN (max_zoom, MAX_ZOOM)));
}

/* Shows all of box, centred in the part of the map no overlay covers, at
 * a whole zoom between min_zoom and max_zoom (or the level below a
 * fractional min_zoom); moving there in duration_ms. */
static void
fit_bbox_animated (WaWardMap *self, const WaBBox *box, double min_zoom, double max_zoom,
                   guint duration_ms)
{
  double c[4];
  graphene_rect_t free_rect;
  double zoom = fit_zoom (self, box, min_zoom, max_zoom, c, &free_rect);

  centre_in (self, (c[0] + c[2]) / 2, (c[1] + c[3]) / 2, zoom, &free_rect, duration_ms);
}

static void
fit_bbox_between (WaWardMap *self, const WaBBox *box, double min_zoom, double max_zoom)
{
  fit_bbox_animated (self, box, min_zoom, max_zoom, 400);
}

static void
fit_bbox (WaWardMap *self, const WaBBox *box)
{
  fit_bbox_between (self, box, MIN_ZOOM, 15);
}

static void
bbox_union (WaBBox *box, const WaBBox *other)
{
  box->min_x = MIN (box->min_x, other->min_x);
  box->min_y = MIN (box->min_y, other->min_y);
  box->max_x = MAX (box->max_x, other->max_x);
  box->max_y = MAX (box->max_y, other->max_y);
}

/* A ward and what is around it: its neighbours' extent, but no more than
 * one ward's width and height beyond it on each side, so that one large
 * rural neighbour does not set the view; centred on the ward. */
static void
ward_context (WaWardMap *self, WaWard *ward, WaBBox *out)
{
  const WaBBox *own = wa_geometry_get_bbox (wa_ward_get_geometry (ward));
  double w = own->max_x - own->min_x, h = own->max_y - own->min_y, dx, dy;
  const guint *neighbours;
  guint n;

  *out = *own;
  neighbours = wa_ward_get_neighbours (ward, &n);
  for (guint i = 0; i < n; i++)
    {
      WaGeometry *geometry = wa_ward_get_geometry (wa_atlas_get_ward (self->atlas, neighbours[i]));

      if (geometry != NULL)
        bbox_union (out, wa_geometry_get_bbox (geometry));
    }
  /* As much on each side as on the side with most, so that the ward
   * itself sits in the middle (a large neighbour on one side had pushed
   * it off centre). */
  dx = MIN (MAX (own->min_x - out->min_x, out->max_x - own->max_x), w);
  dy = MIN (MAX (own->min_y - out->min_y, out->max_y - own->max_y), h);
  out->min_x = own->min_x - dx;
  out->max_x = own->max_x + dx;
  out->min_y = own->min_y - dy;
  out->max_y = own->max_y + dy;
}

/* Shows the ward whole with its neighbours around it; a ward too large
 * for the context zooms is shown whole all the same. */
static void
fit_ward_in_context (WaWardMap *self, WaWard *ward)
{
  const WaBBox *own = wa_geometry_get_bbox (wa_ward_get_geometry (ward));
  double x0, y0, x1, y1;
  graphene_rect_t free_rect;
  double own_zoom;
  WaBBox context;

  wa_lonlat_to_mercator (own->min_x, own->max_y, &x0, &y0);
  wa_lonlat_to_mercator (own->max_x, own->min_y, &x1, &y1);
  own_zoom = zoom_to_fit (self, x0, y0, x1, y1, &free_rect);
  ward_context (self, ward, &context);
  fit_bbox_between (self, &context, MIN (CONTEXT_MIN_ZOOM, own_zoom),
                    MIN (CONTEXT_MAX_ZOOM, own_zoom));
}

/* ---- first view --------------------------------------------------------- */

void
wa_ward_map_show_all (WaWardMap *self)
{
  ShumateViewport *viewport;

  g_return_if_fail (WA_IS_WARD_MAP (self));
  if (self->atlas == NULL || gtk_widget_get_width (GTK_WIDGET (self->map)) == 0)
    return;
  fit_bbox_animated (self, wa_atlas_get_extent (self->atlas), MIN_ZOOM, MAX_ZOOM, 0);
  viewport = get_viewport (self);
  self->first_view_set[0] = shumate_viewport_get_zoom_level (viewport);
  self->first_view_set[1] = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  self->first_view_set[2] = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
}

static void
stop_first_view (WaWardMap *self)
{
  self->first_view_pending = FALSE;
  if (self->first_view_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->map), self->first_view_tick);
  self->first_view_tick = 0;
}

/* Until the layout has settled, fits England again each frame: the
 * overlays' sizes are only known once allocated, and the legend folds on a
 * small map a frame later. Stops as soon as anything else moved the map. */
static gboolean
first_view_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  WaWardMap *self = data;
  ShumateViewport *viewport = get_viewport (self);
  double before[3] = {
    shumate_viewport_get_zoom_level (viewport),
    shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
    shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
  };

  if (gtk_widget_get_width (widget) == 0)
    return G_SOURCE_CONTINUE;
  if (self->first_view_frames > 0 && memcmp (before, self->first_view_set, sizeof before) != 0)
    {
      /* Moved by the user (or a search) since the last fit. */
      self->first_view_tick = 0;
      stop_first_view (self);
      return G_SOURCE_REMOVE;
    }
  wa_ward_map_show_all (self);
  if (self->first_view_frames > 0 && memcmp (before, self->first_view_set, sizeof before) == 0)
    self->first_view_stable++;
  else
    self->first_view_stable = 0;
  self->first_view_frames++;
  if (self->first_view_stable < FIRST_VIEW_STABLE_FRAMES
      && self->first_view_frames < FIRST_VIEW_MAX_FRAMES)
    return G_SOURCE_CONTINUE;
  self->first_view_tick = 0;
  stop_first_view (self);
  return G_SOURCE_REMOVE;
}

static void
start_first_view (WaWardMap *self)
{
  if (!self->first_view_pending || self->first_view_tick != 0)
    return;
  self->first_view_frames = self->first_view_stable = 0;
  self->first_view_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->map), first_view_tick_cb,
                                                        self, NULL);
}

static char *
describe_rank (WaWardMap *self, WaWard *ward)
{
  guint rank = wa_ward_get_combined_rank (ward);
  const WaWardChange *change = self->change ? wa_change_lookup (self->change, wa_ward_get_code (ward)) : NULL;
  g_autofree char *number = NULL;
  g_autofree char *text = NULL;

  if (rank == 0)
    text = g_strdup (_("Not ranked: an index is missing"));
  else
    {
      number = wa_format_count (rank);
      /* Translators: a ward's combined rank, e.g. "1,309"; 1 is the greatest need. */
      text = g_strdup_printf (_("Combined rank %s (1 = greatest need)%s"), number,
                              wa_ward_get_left_behind (ward) ? _(" · left behind") : "");
    }
  /* In the change view the shade is the category: say it in words too. */
  if (change != NULL)
    return g_strdup_printf ("%s\n%s", text, wa_change_category_label (change->category, change->partly));
  return g_steal_pointer (&text);
}

/* A screen reader reads the map's description: keep it on the selection,
 * in words, so that nothing is said by colour alone. */
static void
announce_selection (WaWardMap *self, WaWard *ward)
{
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  if (ward == NULL)
    {
      text = g_strdup (_("No ward selected. Click a ward, or search for a place or postcode."));
      name = g_strdup (_("Ward map"));
    }
  else
    {
      g_autofree char *rank = describe_rank (self, ward);

      /* Translators: the map's description for screen readers: ward, council, rank. */
      text = g_strdup_printf (_("Selected ward: %s, %s. %s"), wa_ward_get_name (ward),
                              wa_ward_get_lad_name (ward), rank);
      /* Translators: the map's accessible name while a ward is selected. */
      name = g_strdup_printf (_("Ward map, %s selected"), wa_ward_get_name (ward));
    }
  /* Screen readers speak a change of the focused widget's name; the
   * description holds the details. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->map),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

void
wa_ward_map_set_selected (WaWardMap *self, WaWard *ward, gboolean fit)
{
  g_return_if_fail (WA_IS_WARD_MAP (self));

  g_set_object (&self->selected, ward);
  wa_highlight_layer_set_lsoa (self->highlight, -1);
  if (fit)
    stop_first_view (self);
  wa_highlight_layer_set_selected (self->highlight, ward);
  announce_selection (self, ward);
  wa_highlight_layer_set_area (self->highlight, WA_AREA_LAD, -1);
  if (ward == NULL)
    wa_highlight_layer_set_pin (self->highlight, NAN, NAN);
  if (ward != NULL && fit && wa_ward_get_geometry (ward) != NULL)
    fit_ward_in_context (self, ward);
}

/* The change view: wards shaded by change since 2019 (change's newer
 * atlas must be the one shown), with its own legend in place of the
 * bands' (the legend hides itself without an atlas). */
void
wa_ward_map_set_change (WaWardMap *self, WaChange *change, WaAtlas *before)
{
  g_return_if_fail (WA_IS_WARD_MAP (self));

  wa_change_legend_set_change (self->change_legend, change, before, self->atlas);
  if (self->change == change)
    return;
  g_set_object (&self->change, change);
  wa_legend_set_atlas (self->legend, change != NULL ? NULL : self->atlas);
  restyle (self);
  announce_selection (self, self->selected);
}

WaChange *
wa_ward_map_get_change (WaWardMap *self)
{
  g_return_val_if_fail (WA_IS_WARD_MAP (self), NULL);
  return self->change;
}

/* A place is shown whole when it has an extent, else at a zoom that shows
 * its streets; either way centred in the free part of the map. */
static void
show_place (WaWardMap *self, const WaSearchResult *r)
{
  graphene_rect_t free_rect;
  double mx, my;

  if (r->has_bbox)
    {
      fit_bbox_between (self, &r->bbox, MIN_ZOOM, 15);
      return;
    }
  wa_lonlat_to_mercator (r->lon, r->lat, &mx, &my);
  best_free_rect (self, 1.0, &free_rect);
  centre_in (self, mx, my, POINT_ZOOM, &free_rect, 400);
}

static WaWard *
result_ward (WaWardMap *self, const WaSearchResult *r)
{
  WaWard *ward;

  if (self->atlas == NULL || r->ward_index < 0)
    return NULL;
  ward = wa_atlas_get_ward (self->atlas, r->ward_index);
  return wa_ward_get_geometry (ward) != NULL ? ward : NULL;
}

/* Moves to a search result: a postcode or a ward lands on the ward with
 * its neighbours around it (the pin marks the postcode), a place or a
 * council on the whole of it. */
static void
move_to_result (WaWardMap *self, const WaSearchResult *r)
{
  WaWard *ward = result_ward (self, r);
  WaBBox box;
  guint n;

  switch (r->kind)
    {
    case WA_SEARCH_POSTCODE:
    case WA_SEARCH_WARD:
      if (ward != NULL)
        fit_ward_in_context (self, ward);
      else if (r->has_bbox)
        fit_bbox (self, &r->bbox);
      else if (r->has_point)
        show_place (self, r);
      break;
    case WA_SEARCH_PLACE:
      show_place (self, r);
      break;
    case WA_SEARCH_POSTCODE_DISTRICT:
      if (self->atlas != NULL && wa_atlas_get_postcode_district (self->atlas, r->code, &box, &n))
        fit_bbox (self, &box);
      break;
    case WA_SEARCH_LAD:
    default:
      if (r->has_bbox)
        fit_bbox (self, &r->bbox);
      break;
    }
}

void
wa_ward_map_show_result (WaWardMap *self, const WaSearchResult *r)
{
  g_return_if_fail (WA_IS_WARD_MAP (self));

  stop_first_view (self);
  wa_highlight_layer_set_area (self->highlight, WA_AREA_LAD,
                               r->kind == WA_SEARCH_LAD ? r->area_index : -1);
  wa_highlight_layer_set_pin (self->highlight, NAN, NAN);
  move_to_result (self, r);
  if (r->has_point)
    wa_highlight_layer_set_pin (self->highlight, r->lat, r->lon);
  gtk_widget_grab_focus (GTK_WIDGET (self->map));
}

static void
on_pressed (WaWardMap *self, int n_press, double x, double y, GtkGestureClick *gesture)
{
  self->press_x = x;
  self->press_y = y;
  gtk_widget_grab_focus (GTK_WIDGET (self->map));
}

static void
on_released (WaWardMap *self, int n_press, double x, double y, GtkGestureClick *gesture)
{
  double lat, lon;

  /* GTK 4.8 still reports a release after a drag-pan. */
  if (hypot (x - self->press_x, y - self->press_y) > CLICK_SLOP_PX)
    return;
  /* Drawing: a double-click closes the polygon (its first click added
   * the last point). */
  if (self->drawing && n_press == 2)
    {
      wa_ward_map_finish_drawing (self);
      return;
    }
  if (n_press > 1)
    return;
  /* A click on an asset point names it instead of selecting its ward. */
  if (!self->drawing && wa_asset_layer_identify (self->asset_layer, x, y))
    return;
  shumate_viewport_widget_coords_to_location (get_viewport (self), GTK_WIDGET (self->map),
                                              x, y, &lat, &lon);
  wa_ward_map_activate_location_full (self, lat, lon,
                                      gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)));
}

static void
on_motion (WaWardMap *self, double x, double y, GtkEventControllerMotion *controller)
{
  self->pointer_inside = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  if (self->drawing)
    return;
  wa_highlight_layer_set_hovered (self->highlight, wa_ward_map_pick (self, x, y));
}

static void
on_leave (WaWardMap *self, GtkEventControllerMotion *controller)
{
  self->pointer_inside = FALSE;
  wa_highlight_layer_set_hovered (self->highlight, NULL);
}

/* A search landing or a keyboard pan moves the map under a pointer that
 * has not moved: without this the hover outline and the tooltip kept
 * naming the ward that was there before. */
static void
on_view_moved (WaWardMap *self)
{
  if (!self->pointer_inside || self->drawing)
    return;
  wa_highlight_layer_set_hovered (self->highlight,
                                  wa_ward_map_pick (self, self->pointer_x, self->pointer_y));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self->map));
}

static gboolean
on_query_tooltip (WaWardMap *self, int x, int y, gboolean keyboard, GtkTooltip *tooltip,
                  GtkWidget *widget)
{
  WaWard *ward;
  g_autofree char *rank = NULL;
  g_autofree char *markup = NULL;
  int shown;

  if (keyboard)
    return FALSE;
  if ((shown = wa_asset_layer_query_tooltip (self->asset_layer, x, y, tooltip)) >= 0)
    return shown;
  ward = wa_ward_map_pick (self, x, y);
  if (ward == NULL)
    return FALSE;
  rank = describe_rank (self, ward);
  markup = g_markup_printf_escaped ("<b>%s</b>\n%s\n%s", wa_ward_get_name (ward),
                                    wa_ward_get_lad_name (ward), rank);
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

/* ---- keyboard ----------------------------------------------------------- */

static void
pan_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WaWardMap *self = WA_WARD_MAP (widget);
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
  WaWardMap *self = WA_WARD_MAP (widget);

  if (g_str_equal (action_name, "map.zoom-in"))
    shumate_map_zoom_in (self->map);
  else
    shumate_map_zoom_out (self->map);
}

static void
clear_selection_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  /* Escape while drawing cancels the drawing, and only that. */
  if (WA_WARD_MAP (widget)->drawing)
    {
      wa_ward_map_set_drawing (WA_WARD_MAP (widget), FALSE);
      return;
    }
  g_signal_emit (widget, signals[SIGNAL_WARD_CLICKED], 0, NULL);
  g_signal_emit (widget, signals[SIGNAL_CLEARED], 0);
}

static void
add_shortcut (GtkShortcutController *controller, guint key, GdkModifierType modifiers,
              const char *action, const char *format, int dx, int dy)
{
  GtkShortcutAction *shortcut_action = gtk_named_action_new (action);
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (key, modifiers),
                                            shortcut_action);

  if (format != NULL)
    gtk_shortcut_set_arguments (shortcut, g_variant_new (format, dx, dy));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

/* libshumate 1.0.3 has no keyboard navigation. Arrow keys belong to the
 * map only while it has focus, so that they still move focus elsewhere;
 * Ctrl+plus, Ctrl+minus and Escape work anywhere in the window. */
static void
setup_keyboard (WaWardMap *self)
{
  GtkEventController *local = gtk_shortcut_controller_new ();
  GtkEventController *global = gtk_shortcut_controller_new ();
  GtkShortcutController *map_keys = GTK_SHORTCUT_CONTROLLER (local);
  GtkShortcutController *window_keys = GTK_SHORTCUT_CONTROLLER (global);

  add_shortcut (map_keys, GDK_KEY_Left, 0, "map.pan", "(ii)", -1, 0);
  add_shortcut (map_keys, GDK_KEY_Right, 0, "map.pan", "(ii)", 1, 0);
  add_shortcut (map_keys, GDK_KEY_Up, 0, "map.pan", "(ii)", 0, -1);
  add_shortcut (map_keys, GDK_KEY_Down, 0, "map.pan", "(ii)", 0, 1);
  add_shortcut (map_keys, GDK_KEY_plus, 0, "map.zoom-in", NULL, 0, 0);
  add_shortcut (map_keys, GDK_KEY_equal, 0, "map.zoom-in", NULL, 0, 0);
  add_shortcut (map_keys, GDK_KEY_KP_Add, 0, "map.zoom-in", NULL, 0, 0);
  add_shortcut (map_keys, GDK_KEY_minus, 0, "map.zoom-out", NULL, 0, 0);
  add_shortcut (map_keys, GDK_KEY_KP_Subtract, 0, "map.zoom-out", NULL, 0, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->map), local);

  gtk_shortcut_controller_set_scope (window_keys, GTK_SHORTCUT_SCOPE_GLOBAL);
  add_shortcut (window_keys, GDK_KEY_plus, GDK_CONTROL_MASK, "map.zoom-in", NULL, 0, 0);
  add_shortcut (window_keys, GDK_KEY_equal, GDK_CONTROL_MASK, "map.zoom-in", NULL, 0, 0);
  add_shortcut (window_keys, GDK_KEY_minus, GDK_CONTROL_MASK, "map.zoom-out", NULL, 0, 0);
  add_shortcut (window_keys, GDK_KEY_Escape, 0, "map.clear-selection", NULL, 0, 0);
  /* Only enabled while drawing: otherwise Backspace goes on to others. */
  add_shortcut (window_keys, GDK_KEY_BackSpace, 0, "map.remove-last-point", NULL, 0, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), global);
}

/* ---- legend ------------------------------------------------------------- */

/* The legend grows with large text: so does the map it needs to stay open. */
static gboolean
legend_is_compact (WaWardMap *self, int width, int height)
{
  double scale = wa_text_scale_for_widget (GTK_WIDGET (self));

  return width < LEGEND_COMPACT_WIDTH * scale || height < LEGEND_COMPACT_HEIGHT * scale;
}

static gboolean
apply_legend_compact (gpointer data)
{
  WaWardMap *self = data;
  int width = gtk_widget_get_width (GTK_WIDGET (self->overlay));
  int height = gtk_widget_get_height (GTK_WIDGET (self->overlay));

  self->legend_compact_idle = 0;
  wa_legend_set_compact (self->legend, legend_is_compact (self, width, height));
  wa_change_legend_set_compact (self->change_legend, legend_is_compact (self, width, height));
  return G_SOURCE_REMOVE;
}

/* The width and height a child wants, within max_width (never below
 * its minimum). */
static void
measure_within (GtkWidget *child, int max_width, int *width, int *height)
{
  int min, nat;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  *width = MAX (MIN (nat, max_width), MIN (min, max_width));
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, *width, &min, &nat, NULL, NULL);
  *height = MAX (nat, min);
}

/* The credit line: one line at the bottom-right corner, shortened
 * (ellipsized) rather than wrapped on a narrow map. */
static void
place_credits (WaWardMap *self, int width, int height, GdkRectangle *area)
{
  int min;

  measure_within (GTK_WIDGET (self->credits), MAX (width - 2 * CREDITS_MARGIN, 0),
                  &area->width, &area->height);
  gtk_widget_measure (GTK_WIDGET (self->credits), GTK_ORIENTATION_VERTICAL, area->width, &min,
                      NULL, NULL, NULL);
  area->height = min;
  area->x = width - CREDITS_MARGIN - area->width;
  area->y = height - CREDITS_MARGIN - area->height;
}

/* The legend at the bottom-left corner; above the credit line when the two
 * do not fit side by side. An open legend taller than its share of the
 * map scrolls. */
static void
place_legend (WaWardMap *self, GtkWidget *legend, int width, int height, GdkRectangle *area)
{
  GdkRectangle credits = { 0 };
  int bottom = height - LEGEND_MARGIN;
  int max_height;

  measure_within (legend, MAX (width - 2 * LEGEND_MARGIN, 0), &area->width, &area->height);
  if (gtk_widget_get_visible (GTK_WIDGET (self->credits)))
    {
      place_credits (self, width, height, &credits);
      if (LEGEND_MARGIN + area->width + LEGEND_MARGIN > credits.x)
        bottom = MIN (bottom, credits.y - CREDITS_MARGIN);
    }
  max_height = MAX ((int) (height * LEGEND_MAX_HEIGHT_SHARE), 0);
  if (area->height > max_height)
    {
      int min;

      gtk_widget_measure (legend, GTK_ORIENTATION_VERTICAL, area->width, &min, NULL, NULL, NULL);
      area->height = MAX (max_height, min);
    }
  area->x = LEGEND_MARGIN;
  area->y = MAX (bottom - area->height, 0);
}

/* The scale bar at the bottom right, just above the credit line. At the
 * top left it sat on the names of the north (Newcastle upon Tyne at
 * England's scale); at the bottom right it is over the sea there, and in
 * the row the folded legend and the credit line already take. Where the
 * legend reaches it (a very narrow map), at the top left. */
static void
place_scale (WaWardMap *self, int width, int height, GdkRectangle *area)
{
  GdkRectangle credits = { 0 }, legend = { 0 };
  int bottom = height - LEGEND_MARGIN;
  GtkWidget *shown;

  measure_within (GTK_WIDGET (self->scale), MAX (width - 2 * LEGEND_MARGIN, 0),
                  &area->width, &area->height);
  if (gtk_widget_get_visible (GTK_WIDGET (self->credits)))
    {
      place_credits (self, width, height, &credits);
      bottom = credits.y - CREDITS_MARGIN;
    }
  area->x = width - LEGEND_MARGIN - area->width;
  area->y = MAX (bottom - area->height, 0);
  /* Whichever legend is shown: the bands' or the change view's. */
  shown = gtk_widget_get_visible (GTK_WIDGET (self->legend)) ? GTK_WIDGET (self->legend)
          : gtk_widget_get_visible (GTK_WIDGET (self->change_legend)) ? GTK_WIDGET (self->change_legend)
          : NULL;
  if (shown == NULL)
    return;
  place_legend (self, shown, width, height, &legend);
  if (gdk_rectangle_intersect (area, &legend, NULL))
    {
      area->x = LEGEND_MARGIN;
      area->y = LEGEND_MARGIN;
    }
}

static gboolean
on_overlay_child_position (GtkOverlay *overlay, GtkWidget *child, GdkRectangle *area,
                           WaWardMap *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (overlay));
  int height = gtk_widget_get_height (GTK_WIDGET (overlay));
  gboolean compact;

  if (child == GTK_WIDGET (self->credits))
    {
      place_credits (self, width, height, area);
      return TRUE;
    }
  /* The change view's legend sits where the legend does. */
  if (child == GTK_WIDGET (self->change_legend))
    {
      /* It folds as the bands' legend does (below). */
      compact = legend_is_compact (self, width, height);
      if (compact != wa_change_legend_get_compact (self->change_legend)
          && self->legend_compact_idle == 0)
        self->legend_compact_idle = g_idle_add (apply_legend_compact, self);
      place_legend (self, child, width, height, area);
      return TRUE;
    }
  if (child == GTK_WIDGET (self->scale))
    {
      place_scale (self, width, height, area);
      return TRUE;
    }
  if (child != GTK_WIDGET (self->legend))
    return FALSE;

  /* Changing the expander inside allocation would resize mid-layout. */
  compact = legend_is_compact (self, width, height);
  if (compact != wa_legend_get_compact (self->legend) && self->legend_compact_idle == 0)
    self->legend_compact_idle = g_idle_add (apply_legend_compact, self);
  place_legend (self, GTK_WIDGET (self->legend), width, height, area);
  return TRUE;
}

/* ---- view state --------------------------------------------------------- */

void
wa_ward_map_save_view (WaWardMap *self)
{
  ShumateViewport *viewport = get_viewport (self);

  g_return_if_fail (WA_IS_WARD_MAP (self));
  g_settings_set_double (self->settings, "map-latitude",
                         shumate_location_get_latitude (SHUMATE_LOCATION (viewport)));
  g_settings_set_double (self->settings, "map-longitude",
                         shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
  g_settings_set_double (self->settings, "map-zoom",
                         CLAMP (shumate_viewport_get_zoom_level (viewport), 2, 18));
}

static void
setup_map (WaWardMap *self)
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

  g_signal_connect_object (click, "pressed", G_CALLBACK (on_pressed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "released", G_CALLBACK (on_released), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (motion, "motion", G_CALLBACK (on_motion), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (on_leave), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->map), motion);
  g_signal_connect_object (self->map, "query-tooltip", G_CALLBACK (on_query_tooltip), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map, "notify::scale-factor", G_CALLBACK (restyle), self,
                           G_CONNECT_SWAPPED);
  for (guint i = 0; i < 3; i++)
    {
      static const char *const moves[] = { "notify::latitude", "notify::longitude", "notify::zoom-level" };

      g_signal_connect_object (viewport, moves[i], G_CALLBACK (on_view_moved), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (read_lsoas_ahead), self,
                           G_CONNECT_SWAPPED);
  setup_keyboard (self);
  wa_map_keyboard_attach (self, self->map, self->overlay);

  shumate_map_center_on (self->map, g_settings_get_double (self->settings, "map-latitude"),
                         g_settings_get_double (self->settings, "map-longitude"));
  /* The view the user left, at the nearest whole level: a wheel or a
   * pinch can leave it between levels, where the tiles' place names are
   * scaled and blur, and the window would open on a blurred map. */
  shumate_viewport_set_zoom_level (viewport,
                                   round (g_settings_get_double (self->settings, "map-zoom")));
  /* Never moved by the user: the first view fits England round the
   * overlays once a pack is open, whatever the window's size. */
  {
    g_autoptr(GVariant) saved = g_settings_get_user_value (self->settings, "map-zoom");

    self->first_view_pending = saved == NULL;
  }
}

/* ---- object ------------------------------------------------------------- */

ShumateMap *
wa_ward_map_get_map (WaWardMap *self)
{
  g_return_val_if_fail (WA_IS_WARD_MAP (self), NULL);
  return self->map;
}

WaMapSource *
wa_ward_map_get_source (WaWardMap *self)
{
  g_return_val_if_fail (WA_IS_WARD_MAP (self), NULL);
  return self->source;
}

WaAssetLayer *
wa_ward_map_get_asset_layer (WaWardMap *self)
{
  g_return_val_if_fail (WA_IS_WARD_MAP (self), NULL);
  return self->asset_layer;
}

static gboolean
wa_ward_map_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (WA_WARD_MAP (widget)->map));
}

static void
wa_ward_map_dispose (GObject *object)
{
  WaWardMap *self = WA_WARD_MAP (object);

  g_clear_handle_id (&self->swap_timeout_id, g_source_remove);
  g_clear_handle_id (&self->legend_compact_idle, g_source_remove);
  stop_first_view (self);
  g_clear_object (&self->old_layer);
  g_clear_object (&self->ward_layer);
  g_clear_object (&self->basemap_layer);
  g_clear_object (&self->highlight);
  g_clear_object (&self->asset_layer);
  g_clear_object (&self->source);
  g_clear_object (&self->atlas);
  g_clear_object (&self->change);
  g_clear_object (&self->selected);
  g_clear_pointer (&self->draw_points, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), WA_TYPE_WARD_MAP);
  G_OBJECT_CLASS (wa_ward_map_parent_class)->dispose (object);
}

static void
wa_ward_map_finalize (GObject *object)
{
  g_clear_object (&WA_WARD_MAP (object)->settings);
  G_OBJECT_CLASS (wa_ward_map_parent_class)->finalize (object);
}

static void
wa_ward_map_class_init (WaWardMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wa_ward_map_dispose;
  object_class->finalize = wa_ward_map_finalize;
  widget_class->grab_focus = wa_ward_map_grab_focus;

  signals[SIGNAL_WARD_CLICKED] = g_signal_new ("ward-clicked", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, WA_TYPE_WARD);
  signals[SIGNAL_MAP_READY] = g_signal_new ("map-ready", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
  /* After "ward-clicked": the LSOA index clicked (wa-lsoa.h), or -1 when
   * the map shows no neighbourhood there. */
  signals[SIGNAL_LSOA_CLICKED] = g_signal_new ("lsoa-clicked", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, G_TYPE_INT);
  /* Ctrl+click on a ward: add it to, or take it from, the wards being
   * gathered into a custom area (the window keeps them). */
  signals[SIGNAL_WARD_TOGGLED] = g_signal_new ("ward-toggled", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, WA_TYPE_WARD);
  /* Ctrl+click on a neighbourhood where the map shows them: add it to, or
   * take it from, the selection (an LSOA index of the atlas). */
  signals[SIGNAL_LSOA_TOGGLED] = g_signal_new ("lsoa-toggled", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, G_TYPE_INT);
  /* Escape on the map (after "ward-clicked" with NULL). */
  signals[SIGNAL_CLEARED] = g_signal_new ("cleared", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  /* A drawn polygon was finished: a GArray of double, lon/lat pairs
   * (borrowed; any number of points: the receiver checks). */
  signals[SIGNAL_AREA_DRAWN] = g_signal_new ("area-drawn", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, G_TYPE_POINTER);
  /* Drawing began or ended, or a point came or went. */
  signals[SIGNAL_DRAWING_CHANGED] = g_signal_new ("drawing-changed", G_TYPE_FROM_CLASS (klass),
                                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                  G_TYPE_NONE, 0);

  g_type_ensure (SHUMATE_TYPE_MAP);
  g_type_ensure (SHUMATE_TYPE_SCALE);
  g_type_ensure (WA_TYPE_LEGEND);
  g_type_ensure (WA_TYPE_CHANGE_LEGEND);
  g_type_ensure (WA_TYPE_MAP_CREDITS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-ward-map.ui");
  gtk_widget_class_bind_template_child (widget_class, WaWardMap, overlay);
  gtk_widget_class_bind_template_child (widget_class, WaWardMap, map);
  gtk_widget_class_bind_template_child (widget_class, WaWardMap, scale);
  gtk_widget_class_bind_template_child (widget_class, WaWardMap, legend);
  gtk_widget_class_bind_template_child (widget_class, WaWardMap, change_legend);
  gtk_widget_class_bind_template_child (widget_class, WaWardMap, credits);
  gtk_widget_class_bind_template_callback (widget_class, on_overlay_child_position);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "map.pan", "(ii)", pan_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.clear-selection", NULL,
                                   clear_selection_action);
  gtk_widget_class_install_action (widget_class, "map.remove-last-point", NULL,
                                   remove_last_point_action);
}

static void
wa_ward_map_init (WaWardMap *self)
{
  self->settings = g_settings_new (WA_APP_ID);
  self->draw_points = g_array_new (FALSE, FALSE, sizeof (double));
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.remove-last-point", FALSE);

  g_signal_connect_object (self->settings, "changed::palette", G_CALLBACK (restyle), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::label-density", G_CALLBACK (restyle), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::show-lsoas", G_CALLBACK (restyle), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (restyle), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (restyle), self, G_CONNECT_SWAPPED);
  /* Place names follow the desktop's text size. */
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-xft-dpi",
                           G_CALLBACK (restyle), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::online-basemap",
                           G_CALLBACK (update_basemap), self, G_CONNECT_SWAPPED);
  setup_map (self);
}

void
wa_ward_map_set_group (WaWardMap *self, GPtrArray *wards, WaGeometry *geometry)
{
  g_return_if_fail (WA_IS_WARD_MAP (self));

  wa_highlight_layer_set_group (self->highlight, wards, geometry);
}

void
wa_ward_map_set_group_lsoas (WaWardMap *self, const guint *indices, guint n)
{
  g_return_if_fail (WA_IS_WARD_MAP (self));

  wa_highlight_layer_set_group_lsoas (self->highlight, indices, n);
}

void
wa_ward_map_fit_bbox (WaWardMap *self, const WaBBox *box)
{
  g_return_if_fail (WA_IS_WARD_MAP (self));

  if (box != NULL && box->min_x <= box->max_x && box->min_y <= box->max_y)
    fit_bbox (self, box);
}
