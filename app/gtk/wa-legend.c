/* wa-legend.c
 *
 * Swatches are drawn with the same palette functions and cues as the map
 * tiles, so the legend cannot drift from what the map shows.
 *
 * The legend floats over the map, so it takes as little of it as it can:
 * folded, it is a one-line key; open, the bands with their ranks. Whether
 * it is open is the user's choice, kept in the settings; a small map folds
 * it without forgetting that choice. The data credits are WaMapCredits.
 */
#include <adwaita.h>
#include <glib/gi18n.h>
#include <shumate/shumate.h>

#include "wa-format.h"
#include "wa-legend-fold.h"
#include "wa-map-drawing.h"
#include "wa-legend.h"
#include "wa-asset-legend.h"

#define SWATCH_WIDTH 22
#define SWATCH_HEIGHT 14

typedef enum {
  SWATCH_BAND,
  SWATCH_NO_DATA,
  SWATCH_LEFT_BEHIND,
} SwatchKind;

struct _WaLegend
{
  GtkWidget parent_instance;

  WaAtlas *atlas;
  WaPalette palette;

  GtkExpander *expander;
  GtkLabel *title_label;
  GtkWidget *key_box;
  WaLegendFold fold;          /* open or folded to the key (wa-legend-fold.c) */
  GtkDrawingArea *ramp;
  GtkDrawingArea *key_left_behind;
  GtkDrawingArea *ramp_wrapped;             /* the key on two lines */
  GtkDrawingArea *key_left_behind_wrapped;
  GtkLabel *key_most;                       /* the key's ends, both layouts */
  GtkLabel *key_least;
  GtkLabel *key_most_wrapped;
  GtkLabel *key_least_wrapped;
  GtkLabel *method_label;
  GtkGrid *bands_grid;
  GtkWidget *lsoa_check;
  gboolean lsoa_shown;        /* the map shows neighbourhoods: the key is theirs */
  GSettings *settings;
  ShumateViewport *viewport;  /* weak: the map's, for the zoom */

};

G_DEFINE_FINAL_TYPE (WaLegend, wa_legend, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ATLAS,
  PROP_PALETTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
draw_swatch (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  WaLegend *self = g_object_get_data (G_OBJECT (area), "legend");
  SwatchKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "kind"));
  guint band = GPOINTER_TO_UINT (data);
  WaRgb rgb;

  switch (kind)
    {
    case SWATCH_BAND:
      wa_palette_band_color (self->palette, band, &rgb);
      cairo_set_source_rgb (cr, rgb.red, rgb.green, rgb.blue);
      cairo_paint (cr);
      break;
    case SWATCH_NO_DATA:
      wa_palette_no_data_color (&rgb);
      cairo_set_source_rgb (cr, rgb.red, rgb.green, rgb.blue);
      cairo_paint (cr);
      cairo_set_source_rgba (cr, 0.35, 0.35, 0.35, 0.55);
      cairo_set_line_width (cr, 1);
      for (int d = -height; d < width; d += 6)
        {
          cairo_move_to (cr, d, height);
          cairo_line_to (cr, d + height, 0);
        }
      cairo_stroke (cr);
      break;
    case SWATCH_LEFT_BEHIND:
      wa_palette_band_color (self->palette, 0, &rgb);
      wa_map_draw_left_behind_swatch (cr, &rgb, width, height);
      break;
    }
  if (kind != SWATCH_LEFT_BEHIND)
    {
      /* A thin edge keeps the darkest bands apart from a dark legend
       * background and the palest from a light one. */
      cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.6);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
      cairo_stroke (cr);
    }
}

/* The one-line key: every band from greatest need (left) to least. */
static void
draw_ramp (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  WaLegend *self = data;

  for (guint band = 0; band < WA_N_BANDS; band++)
    {
      double x0 = floor ((double) width * band / WA_N_BANDS);
      double x1 = floor ((double) width * (band + 1) / WA_N_BANDS);
      WaRgb rgb;

      wa_palette_band_color (self->palette, band, &rgb);
      cairo_set_source_rgb (cr, rgb.red, rgb.green, rgb.blue);
      cairo_rectangle (cr, x0, 0, x1 - x0, height);
      cairo_fill (cr);
    }
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_stroke (cr);
}

static void
add_row (WaLegend *self, int row, SwatchKind kind, guint band, const char *text)
{
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), SWATCH_WIDTH);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), SWATCH_HEIGHT);
  g_object_set_data (G_OBJECT (swatch), "legend", self);
  g_object_set_data (G_OBJECT (swatch), "kind", GINT_TO_POINTER (kind));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                  GUINT_TO_POINTER (band), NULL);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (self->bands_grid, swatch, 0, row, 1, 1);
  gtk_grid_attach (self->bands_grid, label, 1, row, 1, 1);
}

static guint
count_ranked (WaAtlas *atlas)
{
  guint n = 0;

  for (guint i = 0; i < wa_atlas_get_n_wards (atlas); i++)
    n += wa_ward_get_combined_rank (wa_atlas_get_ward (atlas, i)) > 0;
  return n;
}

static char *
band_text (guint band, guint n_ranked)
{
  guint first, last;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  wa_palette_band_ranks (band, n_ranked, &first, &last);
  a = wa_format_count (first);
  b = wa_format_count (last);
  if (band == 0)
    /* Translators: a band of combined ranks, e.g. "1–746 (greatest need)". */
    return g_strdup_printf (_("%s–%s (greatest need)"), a, b);
  if (band == WA_N_BANDS - 1)
    return g_strdup_printf (_("%s–%s (least need)"), a, b);
  return g_strdup_printf ("%s–%s", a, b);
}

static void
rebuild_bands (WaLegend *self, guint n_ranked)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->bands_grid))) != NULL)
    gtk_grid_remove (self->bands_grid, child);
  for (guint band = 0; band < WA_N_BANDS; band++)
    {
      g_autofree char *text = self->lsoa_shown ? wa_lsoa_decile_key_text (band) : band_text (band, n_ranked);

      add_row (self, band, SWATCH_BAND, band, text);
    }
  /* The legend must stay small over a close view: no "not ranked" row
   * when every LSOA has a rank (both real packs). */
  if (!self->lsoa_shown || !wa_lsoas_all_ranked_on_map (wa_atlas_get_lsoas (self->atlas)))
    add_row (self, WA_N_BANDS, SWATCH_NO_DATA, 0, _("Not ranked (no data)"));
  add_row (self, WA_N_BANDS + 1, SWATCH_LEFT_BEHIND, 0, _("Left behind (double outline)"));
}

/* The neighbourhood layer: its check shows from LSOA_CHECK_MIN_ZOOM (at
 * England scale the legend must stay small); while the layer shows, the
 * key is the LSOAs' (update), since they hide the ward fills. */
#define LSOA_CHECK_MIN_ZOOM 10

static void update (WaLegend *self);

static void
update_lsoas (WaLegend *self)
{
  WaLsoas *lsoas = self->atlas != NULL ? wa_atlas_get_lsoas (self->atlas) : NULL;
  gboolean has = lsoas != NULL && wa_lsoas_get_n (lsoas) > 0;
  gboolean on = has && g_settings_get_boolean (self->settings, "show-lsoas");
  double zoom = self->viewport != NULL ? shumate_viewport_get_zoom_level (self->viewport) : 0;
  gboolean shown = on && zoom >= WA_LSOA_MIN_ZOOM;

  gtk_widget_set_visible (self->lsoa_check, has && zoom >= LSOA_CHECK_MIN_ZOOM);
  gtk_check_button_set_label (GTK_CHECK_BUTTON (self->lsoa_check),
                              on && !shown ? _("Neighbourhoods (LSOAs, zoom in to see)")
                                           : _("Neighbourhoods (LSOAs)"));
  if (shown != self->lsoa_shown)
    {
      self->lsoa_shown = shown;
      update (self);
    }
}

ShumateMap *
wa_legend_find_map (GtkWidget *widget)
{
  if (SHUMATE_IS_MAP (widget))
    return SHUMATE_MAP (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      ShumateMap *map = wa_legend_find_map (child);

      if (map != NULL)
        return map;
    }
  return NULL;
}

/* The map is found once the legend is in the window. */
static void
on_root (WaLegend *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  ShumateMap *map = root != NULL ? wa_legend_find_map (GTK_WIDGET (root)) : NULL;

  if (map == NULL || shumate_map_get_viewport (map) == self->viewport)
    return;
  g_set_weak_pointer (&self->viewport, shumate_map_get_viewport (map));
  g_signal_connect_object (self->viewport, "notify::zoom-level", G_CALLBACK (update_lsoas), self,
                           G_CONNECT_SWAPPED);
  update_lsoas (self);
}

/* The folded key names its ends in the words of the layer shown: need
 * for the wards' combined rank, deprivation for the LSOAs' deciles. */
static void
update_key_ends (WaLegend *self)
{
  const char *most = self->lsoa_shown ? wa_lsoa_key_most_text () : _("Greatest need");
  const char *least = self->lsoa_shown ? wa_lsoa_key_least_text () : _("least");

  gtk_label_set_text (self->key_most, most);
  gtk_label_set_text (self->key_most_wrapped, most);
  gtk_label_set_text (self->key_least, least);
  gtk_label_set_text (self->key_least_wrapped, least);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->key_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->lsoa_shown
                                  ? _("Colour key: the darkest colour is the most deprived tenth "
                                      "of neighbourhoods, the lightest the least; a double outline, "
                                      "pink outside and blue inside, marks a left-behind ward")
                                  : _("Colour key: the darkest colour is the greatest need, the "
                                      "lightest the least; a double outline, pink outside and blue "
                                      "inside, marks a left-behind ward"),
                                  -1);
}

static void
update (WaLegend *self)
{
  g_autofree char *method = NULL;
  g_autofree char *title = NULL;

  update_key_ends (self);
  if (self->atlas == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  if (self->lsoa_shown)
    {
      const WaEditionInfo *info = wa_edition_get_info (wa_atlas_get_edition (self->atlas));

      title = wa_lsoas_dup_key_title (wa_atlas_get_lsoas (self->atlas), info->imd_vintage);
      method = g_strdup (wa_lsoas_key_caption (wa_atlas_get_lsoas (self->atlas)));
    }
  else
    {
      /* Translators: the legend title, e.g. "Combined need, 2019 edition". */
      title = g_strdup_printf (_("Combined need, %s edition"),
                               wa_edition_to_string (wa_atlas_get_edition (self->atlas)));
      method = wa_rank_params_describe (wa_atlas_get_rank_params (self->atlas));
    }
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->method_label, method);
  rebuild_bands (self, count_ranked (self->atlas));
  gtk_widget_queue_draw (GTK_WIDGET (self->ramp));
  gtk_widget_queue_draw (GTK_WIDGET (self->key_left_behind));
  gtk_widget_queue_draw (GTK_WIDGET (self->ramp_wrapped));
  gtk_widget_queue_draw (GTK_WIDGET (self->key_left_behind_wrapped));
  update_lsoas (self);
}

void
wa_legend_set_atlas (WaLegend *self, WaAtlas *atlas)
{
  g_return_if_fail (WA_IS_LEGEND (self));

  if (self->atlas == atlas)
    return;
  if (self->atlas != NULL)
    g_signal_handlers_disconnect_by_data (self->atlas, self);
  g_set_object (&self->atlas, atlas);
  if (atlas != NULL)
    g_signal_connect_object (atlas, "ranks-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATLAS]);
}

void
wa_legend_set_palette (WaLegend *self, WaPalette palette)
{
  g_return_if_fail (WA_IS_LEGEND (self));

  if (self->palette == palette)
    return;
  self->palette = palette;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PALETTE]);
}

static void
wa_legend_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  WaLegend *self = WA_LEGEND (object);

  switch (prop_id)
    {
    case PROP_ATLAS:
      g_value_set_object (value, self->atlas);
      break;
    case PROP_PALETTE:
      g_value_set_string (value, wa_palette_to_id (self->palette));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wa_legend_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  WaLegend *self = WA_LEGEND (object);
  WaPalette palette;

  switch (prop_id)
    {
    case PROP_ATLAS:
      wa_legend_set_atlas (self, g_value_get_object (value));
      break;
    case PROP_PALETTE:
      if (wa_palette_from_id (g_value_get_string (value), &palette))
        wa_legend_set_palette (self, palette);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wa_legend_dispose (GObject *object)
{
  WaLegend *self = WA_LEGEND (object);

  g_clear_object (&self->atlas);
  g_clear_weak_pointer (&self->viewport);
  g_clear_object (&self->settings);
  wa_legend_fold_clear (&self->fold);
  gtk_widget_dispose_template (GTK_WIDGET (self), WA_TYPE_LEGEND);
  G_OBJECT_CLASS (wa_legend_parent_class)->dispose (object);
}

static void
wa_legend_class_init (WaLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wa_legend_dispose;
  object_class->get_property = wa_legend_get_property;
  object_class->set_property = wa_legend_set_property;

  properties[PROP_ATLAS] = g_param_spec_object ("atlas", NULL, NULL, WA_TYPE_ATLAS,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                G_PARAM_STATIC_STRINGS);
  properties[PROP_PALETTE] = g_param_spec_string ("palette", NULL, NULL, "viridis",
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (WA_TYPE_ASSET_LEGEND);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-legend.ui");
  gtk_widget_class_bind_template_child (widget_class, WaLegend, expander);
  gtk_widget_class_bind_template_child (widget_class, WaLegend, title_label);
  gtk_widget_class_bind_template_child (widget_class, WaLegend, key_box);
  gtk_widget_class_bind_template_child (widget_class, WaLegend, ramp);
  gtk_widget_class_bind_template_child (widget_class, WaLegend, key_left_behind);
  gtk_widget_class_bind_template_child (widget_class, WaLegend, ramp_wrapped);
  gtk_widget_class_bind_template_child (widget_class, WaLegend, key_most);
  gtk_widget_class_bind_template_child (widget_class, WaLegend, key_least);
  gtk_widget_class_bind_template_child (widget_class, WaLegend, key_most_wrapped);
  gtk_widget_class_bind_template_child (widget_class, WaLegend, key_least_wrapped);
  gtk_widget_class_bind_template_child (widget_class, WaLegend, key_left_behind_wrapped);
  gtk_widget_class_bind_template_child (widget_class, WaLegend, method_label);
  gtk_widget_class_bind_template_child (widget_class, WaLegend, bands_grid);
  gtk_widget_class_bind_template_child (widget_class, WaLegend, lsoa_check);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "legend");
}

static void
wa_legend_init (WaLegend *self)
{
  SwatchKind left_behind = SWATCH_LEFT_BEHIND;

  self->settings = g_settings_new (WA_APP_ID);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  g_signal_connect_object (self->settings, "changed::show-lsoas", G_CALLBACK (update_lsoas), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::root", G_CALLBACK (on_root), NULL);
  gtk_drawing_area_set_draw_func (self->ramp, draw_ramp, self, NULL);
  gtk_drawing_area_set_draw_func (self->ramp_wrapped, draw_ramp, self, NULL);
  for (int i = 0; i < 2; i++)
    {
      GtkDrawingArea *key = i == 0 ? self->key_left_behind : self->key_left_behind_wrapped;

      g_object_set_data (G_OBJECT (key), "legend", self);
      g_object_set_data (G_OBJECT (key), "kind", GINT_TO_POINTER (left_behind));
      gtk_drawing_area_set_draw_func (key, draw_swatch, GUINT_TO_POINTER (0), NULL);
    }
  wa_legend_fold_init (&self->fold, self->expander, GTK_WIDGET (self->title_label), self->key_box);
  update (self);
}

/* A small map has no room for the open legend: fold it to its key, and
 * open it again once there is room if the user keeps it open. */
void
wa_legend_set_compact (WaLegend *self, gboolean compact)
{
  g_return_if_fail (WA_IS_LEGEND (self));
  wa_legend_fold_set_compact (&self->fold, compact);
}

gboolean
wa_legend_get_compact (WaLegend *self)
{
  g_return_val_if_fail (WA_IS_LEGEND (self), FALSE);
  return self->fold.compact;
}

GtkWidget *
wa_legend_new (void)
{
  return g_object_new (WA_TYPE_LEGEND, NULL);
}
