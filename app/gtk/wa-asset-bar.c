/* wa-asset-bar.c */
#include <glib/gi18n.h>
#include <math.h>

#include "wa-asset-bar.h"
#include "wa-format.h"

#define BAR_HEIGHT 8.0
#define BAR_BAND 16.0
#define HEIGHT 30.0      /* the bar and, below it, the marks' labels */

struct _WaAssetBar
{
  GtkWidget parent_instance;

  double rate, england, similar, top;
};

G_DEFINE_FINAL_TYPE (WaAssetBar, wa_asset_bar, GTK_TYPE_WIDGET)

static void
diamond (cairo_t *cr, double x, double y, double r)
{
  cairo_move_to (cr, x, y - r);
  cairo_line_to (cr, x + r, y);
  cairo_line_to (cr, x, y + r);
  cairo_line_to (cr, x - r, y);
  cairo_close_path (cr);
}

/* A mark's letter under the bar, kept inside the widget: centred on the
 * mark (side 0), or ending at it (side -1) or starting at it (side 1) when
 * the two marks are too close for centred letters to be told apart. */
static void
draw_label (GtkWidget *widget, cairo_t *cr, double x, int side, double width, const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();
  int w, h;

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_size (layout, &w, &h);
  x = side < 0 ? x - w - 1 : side > 0 ? x + 1 : x - w / 2.0;
  cairo_move_to (cr, CLAMP (x, 0, MAX (width - w, 0)), BAR_BAND);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static double
position (WaAssetBar *self, double value, double inner)
{
  return 4 + inner * MIN (value / self->top, 1.0);
}

static void
wa_asset_bar_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  WaAssetBar *self = WA_ASSET_BAR (widget);
  double width = gtk_widget_get_width (widget);
  double bar_y = (BAR_BAND - BAR_HEIGHT) / 2, inner = width - 8;
  gboolean scaled = self->top > 0 && !isnan (self->top);
  int england_side = 0, similar_side = 0;
  GdkRGBA fg;
  cairo_t *cr;

  if (width <= 0)
    return;
  /* gtk_widget_get_color () arrives in GTK 4.10. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, HEIGHT));
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
  cairo_rectangle (cr, 4, bar_y, inner, BAR_HEIGHT);
  cairo_fill (cr);
  if (scaled && !isnan (self->rate))
    {
      /* The ward's own rate: the accent blue of the panel; beyond the
       * category's axis it fills the bar and ends in an arrow. */
      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_rectangle (cr, 4, bar_y, position (self, self->rate, inner) - 4, BAR_HEIGHT);
      cairo_fill (cr);
      if (self->rate > self->top)
        {
          cairo_move_to (cr, width - 4, bar_y - 2);
          cairo_line_to (cr, width, BAR_BAND / 2);
          cairo_line_to (cr, width - 4, bar_y + BAR_HEIGHT + 2);
          cairo_close_path (cr);
          cairo_fill (cr);
        }
    }
  if (scaled && !isnan (self->england) && !isnan (self->similar))
    {
      double e = position (self, self->england, inner), s = position (self, self->similar, inner);

      /* Close marks: E to the left of the left one's side, S to the right. */
      if (fabs (e - s) < 12)
        england_side = e <= s ? -1 : 1, similar_side = -england_side;
    }
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.9);
  if (scaled && !isnan (self->england))
    {
      double x = position (self, self->england, inner);

      cairo_rectangle (cr, x - 1, 1, 2, BAR_BAND - 2);
      cairo_fill (cr);
      /* Translators: short label of the England mark under an asset bar. */
      draw_label (widget, cr, x, england_side, width, C_("asset bar", "E"));
    }
  if (scaled && !isnan (self->similar))
    {
      double x = position (self, self->similar, inner);

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.9);
      /* Translators: short label of the similar wards' mark under an asset bar. */
      draw_label (widget, cr, x, similar_side, width, C_("asset bar", "S"));
      diamond (cr, x, BAR_BAND / 2, 4.5);
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
  self->rate = self->england = self->similar = self->top = NAN;
}

GtkWidget *
wa_asset_bar_new (void)
{
  return g_object_new (WA_TYPE_ASSET_BAR, NULL);
}

static char *
describe (double value)
{
  return isnan (value) ? g_strdup (_("unknown")) : wa_format_score (value, 2);
}

void
wa_asset_bar_set_values (WaAssetBar *self, double rate, double england, double similar, double top)
{
  g_autofree char *a = describe (rate), *b = describe (england), *c = describe (similar);
  g_autofree char *d = describe (top);
  g_autofree char *text = NULL;

  g_return_if_fail (WA_IS_ASSET_BAR (self));
  self->rate = rate, self->england = england, self->similar = similar, self->top = top;
  text = g_strdup_printf (_("Per 1,000 residents, on a scale from 0 to %s: this ward %s, "
                            "England (E) %s, similar wards (S) %s"), d, a, b, c);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
