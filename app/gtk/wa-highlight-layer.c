/* wa-highlight-layer.c
 *
 * Only two wards are outlined at a time, so drawing them with cairo on
 * every snapshot is cheap, and it is what keeps the outline glued to the
 * tiles during a pan: ShumateLayer does not redraw on viewport changes by
 * itself, so we queue a draw whenever the viewport moves.
 */
#include <math.h>

#include "wa-highlight-layer.h"
#include "wa-palette.h"

struct _WaHighlightLayer
{
  ShumateLayer parent_instance;

  WaAtlas *atlas;
  WaWard *hovered;
  WaWard *selected;
  double pin_lat, pin_lon;
  WaAreaKind area_kind;
  int area_index;          /* -1: none */
  int lsoa_index;          /* the neighbourhood clicked, -1: none */
  GPtrArray *group_wards;  /* of WaWard*, a custom area's or the selection's; NULL: none */
  WaGeometry *group_geometry;
  GArray *group_lsoas;     /* of guint, LSOA indices of the group; NULL: none */
  GArray *sketch;          /* of double, lon/lat pairs: the polygon being drawn */
};

G_DEFINE_FINAL_TYPE (WaHighlightLayer, wa_highlight_layer, SHUMATE_TYPE_LAYER)

static void trace_geometry (WaHighlightLayer *self, cairo_t *cr, WaGeometry *geometry);

static void
trace_ward (WaHighlightLayer *self, cairo_t *cr, WaWard *ward)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double zoom = shumate_viewport_get_zoom_level (viewport);

  /* A finer level than the tiles use, so the outline sits on the fill edge. */
  trace_geometry (self, cr, wa_atlas_get_ward_geometry_for_zoom (self->atlas, wa_ward_get_index (ward),
                                                                 zoom + 1));
}

static void
trace_geometry (WaHighlightLayer *self, cairo_t *cr, WaGeometry *geometry)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  GtkWidget *widget = GTK_WIDGET (self);
  guint n_rings;

  if (geometry == NULL)
    return;

  n_rings = wa_geometry_get_n_rings (geometry);
  for (guint r = 0; r < n_rings; r++)
    {
      guint n;
      const double *xy = wa_geometry_get_ring (geometry, r, &n);

      for (guint i = 0; i < n; i++)
        {
          double x, y;

          shumate_viewport_location_to_widget_coords (viewport, widget,
                                                      xy[2 * i + 1], xy[2 * i], &x, &y);
          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_close_path (cr);
    }
}

static void
stroke_ward (WaHighlightLayer *self, cairo_t *cr, WaWard *ward,
             double width, double alpha)
{
  cairo_new_path (cr);
  trace_ward (self, cr, ward);
  /* A white casing under a dark line reads on every palette colour. */
  cairo_set_source_rgba (cr, 1, 1, 1, alpha);
  cairo_set_line_width (cr, width + 3);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, alpha);
  cairo_set_line_width (cr, width);
  if (wa_ward_get_left_behind (ward))
    {
      WaRgb rgb;

      /* The selection must not hide the left-behind cue: its pink and
       * blue double line is drawn again along the middle of the outline. */
      cairo_stroke_preserve (cr);
      wa_palette_left_behind_color (&rgb);
      cairo_set_source_rgba (cr, rgb.red, rgb.green, rgb.blue, alpha);
      cairo_set_line_width (cr, 0.7 * width);
      cairo_stroke_preserve (cr);
      wa_palette_left_behind_inner_color (&rgb);
      cairo_set_source_rgba (cr, rgb.red, rgb.green, rgb.blue, alpha);
      cairo_set_line_width (cr, 0.25 * width);
    }
  cairo_stroke (cr);
}

/* The path in a dashed near-black line on a white casing, so that it reads
 * on every fill (the casing alpha-blended, the dashes solid). */
static void
stroke_dashed_on_casing (cairo_t *cr, double casing_alpha, double casing_width,
                         double line_width, const double *dash, int n_dash)
{
  cairo_set_source_rgba (cr, 1, 1, 1, casing_alpha);
  cairo_set_line_width (cr, casing_width);
  cairo_stroke_preserve (cr);
  cairo_set_dash (cr, dash, n_dash, 0);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  cairo_set_line_width (cr, line_width);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* Dashed, so that it reads as a boundary rather than a selected ward. */
static void
stroke_area (WaHighlightLayer *self, cairo_t *cr)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double dash[] = { 8, 5 };

  cairo_new_path (cr);
  trace_geometry (self, cr, wa_atlas_get_area_geometry_for_zoom (self->atlas, self->area_kind,
                                                                 self->area_index,
                                                                 shumate_viewport_get_zoom_level (viewport) + 1));
  stroke_dashed_on_casing (cr, 0.9, 5, 2.5, dash, G_N_ELEMENTS (dash));
}

/* The clicked neighbourhood: dotted, thinner than the selected ward, so
 * that it reads as a part of it. */
static void
stroke_lsoa (WaHighlightLayer *self, cairo_t *cr)
{
  double dash[] = { 2, 3 };

  cairo_new_path (cr);
  trace_geometry (self, cr, wa_atlas_get_lsoa_geometry (self->atlas, self->lsoa_index));
  stroke_dashed_on_casing (cr, 0.95, 4, 2, dash, G_N_ELEMENTS (dash));
}

/* A custom area or the wards being gathered: orange on a dark casing,
 * unlike every palette colour, the left-behind violet and the selected
 * ward's dark line. */
static void
stroke_group (WaHighlightLayer *self, cairo_t *cr)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double zoom = shumate_viewport_get_zoom_level (viewport);

  cairo_new_path (cr);
  for (guint i = 0; self->group_wards != NULL && i < self->group_wards->len; i++)
    trace_geometry (self, cr,
                    wa_atlas_get_ward_geometry_for_zoom (self->atlas,
                                                         wa_ward_get_index (g_ptr_array_index (self->group_wards, i)),
                                                         zoom + 1));
  if (self->group_geometry != NULL)
    trace_geometry (self, cr, self->group_geometry);
  /* Chosen neighbourhoods: the same look on their own outlines. */
  for (guint i = 0; self->group_lsoas != NULL && i < self->group_lsoas->len; i++)
    trace_geometry (self, cr, wa_atlas_get_lsoa_geometry (self->atlas,
                                                          g_array_index (self->group_lsoas, guint, i)));
  cairo_set_source_rgba (cr, 1.0, 0.55, 0.0, 0.15);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, 0.95);
  cairo_set_line_width (cr, 6);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 1.0, 0.6, 0.05);
  cairo_set_line_width (cr, 3);
  cairo_stroke (cr);
}

/* The polygon being drawn: its points, the edges so far in the group's
 * orange, and the edge that would close it dashed. */
static void
stroke_sketch (WaHighlightLayer *self, cairo_t *cr)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  guint n = self->sketch->len / 2;
  const double *p = (const double *) self->sketch->data;
  double dash[] = { 6, 4 };
  double first_x = 0, first_y = 0, last_x = 0, last_y = 0;

  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    {
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self),
                                                  p[2 * i + 1], p[2 * i], &x, &y);
      if (i == 0)
        {
          cairo_move_to (cr, x, y);
          first_x = x;
          first_y = y;
        }
      else
        cairo_line_to (cr, x, y);
      last_x = x;
      last_y = y;
    }
  cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, 0.95);
  cairo_set_line_width (cr, 6);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 1.0, 0.6, 0.05);
  cairo_set_line_width (cr, 3);
  cairo_stroke (cr);
  if (n >= 3)
    {
      cairo_move_to (cr, last_x, last_y);
      cairo_line_to (cr, first_x, first_y);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, 0.9);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  for (guint i = 0; i < n; i++)
    {
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self),
                                                  p[2 * i + 1], p[2 * i], &x, &y);
      /* The first point is larger: clicking it closes the polygon. */
      cairo_new_path (cr);
      cairo_arc (cr, x, y, i == 0 ? 7 : 4.5, 0, 2 * M_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
}

static void
draw_pin (WaHighlightLayer *self, cairo_t *cr)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double x, y;

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self),
                                              self->pin_lat, self->pin_lon, &x, &y);
  cairo_new_path (cr);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - 7, y - 14);
  cairo_arc (cr, x, y - 18, 8, M_PI * 0.83, M_PI * 2.17);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 0.75, 0.11, 0.16);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
  cairo_arc (cr, x, y - 18, 3, 0, 2 * M_PI);
  cairo_fill (cr);
}

static void
wa_highlight_layer_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  WaHighlightLayer *self = WA_HIGHLIGHT_LAYER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->atlas == NULL || width <= 0 || height <= 0)
    return;
  if (self->hovered == NULL && self->selected == NULL && isnan (self->pin_lat)
      && self->area_index < 0 && self->lsoa_index < 0
      && self->group_wards == NULL && self->group_geometry == NULL && self->group_lsoas == NULL
      && (self->sketch == NULL || self->sketch->len == 0))
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  if (self->area_index >= 0)
    stroke_area (self, cr);
  if (self->group_wards != NULL || self->group_geometry != NULL || self->group_lsoas != NULL)
    stroke_group (self, cr);
  if (self->hovered != NULL && self->hovered != self->selected)
    stroke_ward (self, cr, self->hovered, 1.5, 0.7);
  if (self->selected != NULL)
    stroke_ward (self, cr, self->selected, 3.0, 1.0);
  if (self->lsoa_index >= 0)
    stroke_lsoa (self, cr);
  if (!isnan (self->pin_lat))
    draw_pin (self, cr);
  if (self->sketch != NULL && self->sketch->len > 0)
    stroke_sketch (self, cr);
  cairo_destroy (cr);
}

static void
wa_highlight_layer_constructed (GObject *object)
{
  WaHighlightLayer *self = WA_HIGHLIGHT_LAYER (object);

  G_OBJECT_CLASS (wa_highlight_layer_parent_class)->constructed (object);
  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

static void
wa_highlight_layer_dispose (GObject *object)
{
  WaHighlightLayer *self = WA_HIGHLIGHT_LAYER (object);

  g_clear_object (&self->hovered);
  g_clear_object (&self->selected);
  g_clear_pointer (&self->group_wards, g_ptr_array_unref);
  g_clear_pointer (&self->group_geometry, wa_geometry_unref);
  g_clear_pointer (&self->group_lsoas, g_array_unref);
  g_clear_pointer (&self->sketch, g_array_unref);
  g_clear_object (&self->atlas);
  G_OBJECT_CLASS (wa_highlight_layer_parent_class)->dispose (object);
}

static void
wa_highlight_layer_class_init (WaHighlightLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wa_highlight_layer_constructed;
  object_class->dispose = wa_highlight_layer_dispose;
  widget_class->snapshot = wa_highlight_layer_snapshot;
}

static void
wa_highlight_layer_init (WaHighlightLayer *self)
{
  self->pin_lat = NAN;
  self->pin_lon = NAN;
  self->area_index = -1;
  self->lsoa_index = -1;
  /* Clicks and hover go to the map's own controllers. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

WaHighlightLayer *
wa_highlight_layer_new (ShumateViewport *viewport)
{
  return g_object_new (WA_TYPE_HIGHLIGHT_LAYER, "viewport", viewport, NULL);
}

void
wa_highlight_layer_set_atlas (WaHighlightLayer *self, WaAtlas *atlas)
{
  g_return_if_fail (WA_IS_HIGHLIGHT_LAYER (self));

  if (g_set_object (&self->atlas, atlas))
    {
      g_clear_object (&self->hovered);
      g_clear_object (&self->selected);
      self->pin_lat = self->pin_lon = NAN;
      self->area_index = -1;
      self->lsoa_index = -1;
      g_clear_pointer (&self->group_wards, g_ptr_array_unref);
      g_clear_pointer (&self->group_geometry, wa_geometry_unref);
      g_clear_pointer (&self->group_lsoas, g_array_unref);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

void
wa_highlight_layer_set_hovered (WaHighlightLayer *self, WaWard *ward)
{
  g_return_if_fail (WA_IS_HIGHLIGHT_LAYER (self));

  if (g_set_object (&self->hovered, ward))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
wa_highlight_layer_set_selected (WaHighlightLayer *self, WaWard *ward)
{
  g_return_if_fail (WA_IS_HIGHLIGHT_LAYER (self));

  if (g_set_object (&self->selected, ward))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
wa_highlight_layer_set_pin (WaHighlightLayer *self, double lat, double lon)
{
  g_return_if_fail (WA_IS_HIGHLIGHT_LAYER (self));

  self->pin_lat = lat;
  self->pin_lon = lon;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
wa_highlight_layer_set_area (WaHighlightLayer *self, WaAreaKind kind, int index)
{
  g_return_if_fail (WA_IS_HIGHLIGHT_LAYER (self));

  self->area_kind = kind;
  self->area_index = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
wa_highlight_layer_set_lsoa (WaHighlightLayer *self, int lsoa_index)
{
  g_return_if_fail (WA_IS_HIGHLIGHT_LAYER (self));

  if (self->lsoa_index == lsoa_index)
    return;
  self->lsoa_index = lsoa_index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
wa_highlight_layer_set_group (WaHighlightLayer *self, GPtrArray *wards, WaGeometry *geometry)
{
  g_return_if_fail (WA_IS_HIGHLIGHT_LAYER (self));

  g_clear_pointer (&self->group_wards, g_ptr_array_unref);
  g_clear_pointer (&self->group_geometry, wa_geometry_unref);
  if (wards != NULL && wards->len > 0)
    {
      self->group_wards = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < wards->len; i++)
        g_ptr_array_add (self->group_wards, g_object_ref (g_ptr_array_index (wards, i)));
    }
  if (geometry != NULL)
    self->group_geometry = wa_geometry_ref (geometry);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
wa_highlight_layer_set_group_lsoas (WaHighlightLayer *self, const guint *indices, guint n)
{
  g_return_if_fail (WA_IS_HIGHLIGHT_LAYER (self));

  g_clear_pointer (&self->group_lsoas, g_array_unref);
  if (n > 0 && self->atlas != NULL)
    {
      guint n_lsoas = wa_lsoas_get_n (wa_atlas_get_lsoas (self->atlas));

      self->group_lsoas = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
      for (guint i = 0; i < n; i++)
        if (indices[i] < n_lsoas)
          g_array_append_val (self->group_lsoas, indices[i]);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
wa_highlight_layer_set_sketch (WaHighlightLayer *self, const double *lonlat, guint n)
{
  g_return_if_fail (WA_IS_HIGHLIGHT_LAYER (self));

  if (self->sketch == NULL)
    self->sketch = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_set_size (self->sketch, 0);
  if (n > 0)
    g_array_append_vals (self->sketch, lonlat, 2 * n);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
