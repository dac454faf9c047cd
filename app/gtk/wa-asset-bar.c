/* wa-asset-bar.c */
#include <glib/gi18n.h>
#include <math.h>

#include "wa-asset-bar.h"

#define BAR_HEIGHT 8.0
#define HEIGHT 16.0

struct _WaAssetBar
{
  GtkWidget parent_instance;

  double rate, england, similar;
};

G_DEFINE_FINAL_TYPE (WaAssetBar, wa_asset_bar, GTK_TYPE_WIDGET)

static double
scale_max (WaAssetBar *self)
{
  double top = 0;

  if (!isnan (self->rate)) top = MAX (top, self->rate);
  if (!isnan (self->england)) top = MAX (top, self->england);
  if (!isnan (self->similar)) top = MAX (top, self->similar);
  return top * 1.1;
}

static void
diamond (cairo_t *cr, double x, double y, double r)
{
  cairo_move_to (cr, x, y - r);
  cairo_line_to (cr, x + r, y);
  cairo_line_to (cr, x, y + r);
  cairo_line_to (cr, x - r, y);
  cairo_close_path (cr);
}

static void
wa_asset_bar_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  WaAssetBar *self = WA_ASSET_BAR (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double top = scale_max (self), bar_y = (height - BAR_HEIGHT) / 2, inner = width - 8;
  GdkRGBA fg;
  cairo_t *cr;

  if (width <= 0)
    return;
  /* gtk_widget_get_color () arrives in GTK 4.10. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
  cairo_rectangle (cr, 4, bar_y, inner, BAR_HEIGHT);
  cairo_fill (cr);
  if (top > 0 && !isnan (self->rate))
    {
      /* The ward's own rate: the accent blue of the panel. */
      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_rectangle (cr, 4, bar_y, inner * self->rate / top, BAR_HEIGHT);
      cairo_fill (cr);
    }
  if (top > 0 && !isnan (self->england))
    {
      double x = 4 + inner * self->england / top;

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.9);
      cairo_rectangle (cr, x - 1, 1, 2, height - 2);
      cairo_fill (cr);
    }
  if (top > 0 && !isnan (self->similar))
    {
      double x = 4 + inner * self->similar / top;

      diamond (cr, x, height / 2, 4.5);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgb (cr, 0.9, 0.45, 0.05);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
}

static void
wa_asset_bar_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                      int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = 60, *natural = 100;
  else
    *minimum = *natural = (int) HEIGHT;
}

static void
wa_asset_bar_class_init (WaAssetBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = wa_asset_bar_snapshot;
  widget_class->measure = wa_asset_bar_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "assetbar");
}

static void
wa_asset_bar_init (WaAssetBar *self)
{
  self->rate = self->england = self->similar = NAN;
}

GtkWidget *
wa_asset_bar_new (void)
{
  return g_object_new (WA_TYPE_ASSET_BAR, NULL);
}

static char *
describe (double value)
{
  return isnan (value) ? g_strdup (_("unknown")) : g_strdup_printf ("%.2f", value);
}

void
wa_asset_bar_set_values (WaAssetBar *self, double rate, double england, double similar)
{
  g_autofree char *a = describe (rate), *b = describe (england), *c = describe (similar);
  g_autofree char *text = NULL;

  g_return_if_fail (WA_IS_ASSET_BAR (self));
  self->rate = rate, self->england = england, self->similar = similar;
  text = g_strdup_printf (_("Per 1,000 residents: this ward %s, England median %s, similar wards’ median %s"),
                          a, b, c);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
