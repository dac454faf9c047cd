/* wa-rank-bar.c */
#include <glib/gi18n.h>

#include "wa-format.h"
#include "wa-rank-bar.h"

#define BAR_HEIGHT 6.0
#define MARKER_HEIGHT 14.0

struct _WaRankBar
{
  GtkWidget parent_instance;

  guint rank;
  guint n_ranked;
  WaPalette palette;
};

G_DEFINE_FINAL_TYPE (WaRankBar, wa_rank_bar, GTK_TYPE_WIDGET)

double
wa_rank_bar_get_fraction (WaRankBar *self)
{
  g_return_val_if_fail (WA_IS_RANK_BAR (self), -1);

  if (self->rank == 0 || self->n_ranked == 0)
    return -1;
  if (self->n_ranked == 1)
    return 0;
  return (double) (self->rank - 1) / (self->n_ranked - 1);
}

static void
wa_rank_bar_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  WaRankBar *self = WA_RANK_BAR (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double bar_y = (height - BAR_HEIGHT) / 2;
  double fraction = wa_rank_bar_get_fraction (self);
  cairo_t *cr;

  if (width <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  for (guint band = 0; band < WA_N_BANDS; band++)
    {
      WaRgb rgb;

      wa_palette_band_color (self->palette, band, &rgb);
      cairo_set_source_rgba (cr, rgb.red, rgb.green, rgb.blue, fraction < 0 ? 0.25 : 1);
      cairo_rectangle (cr, width * band / WA_N_BANDS, bar_y, width / WA_N_BANDS + 0.5, BAR_HEIGHT);
      cairo_fill (cr);
    }
  if (fraction >= 0)
    {
      double x = 2 + fraction * (width - 4);

      /* A dark line with a light casing reads on every band colour. */
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, x - 2.5, (height - MARKER_HEIGHT) / 2, 5, MARKER_HEIGHT);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
      cairo_rectangle (cr, x - 1.25, (height - MARKER_HEIGHT) / 2 + 1, 2.5, MARKER_HEIGHT - 2);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
}

static void
wa_rank_bar_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                     int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 60;
      *natural = 160;
    }
  else
    *minimum = *natural = (int) MARKER_HEIGHT + 2;
}

static void
update_accessible (WaRankBar *self)
{
  g_autofree char *rank = wa_format_rank_of (self->rank, self->n_ranked);
  g_autofree char *label = NULL;

  /* Translators: e.g. "Rank 123 of 7,461 (1 = most deprived)". */
  label = self->rank > 0 ? g_strdup_printf (_("Rank %s (1 = most deprived)"), rank)
                         : g_strdup (_("No data"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), label);
}

static void
wa_rank_bar_class_init (WaRankBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = wa_rank_bar_snapshot;
  widget_class->measure = wa_rank_bar_measure;
  gtk_widget_class_set_css_name (widget_class, "rankbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
wa_rank_bar_init (WaRankBar *self)
{
  self->palette = WA_PALETTE_VIRIDIS;
  update_accessible (self);
}

GtkWidget *
wa_rank_bar_new (void)
{
  return g_object_new (WA_TYPE_RANK_BAR, NULL);
}

void
wa_rank_bar_set_rank (WaRankBar *self, guint rank, guint n_ranked)
{
  g_return_if_fail (WA_IS_RANK_BAR (self));

  self->rank = rank <= n_ranked ? rank : 0;
  self->n_ranked = n_ranked;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
wa_rank_bar_set_palette (WaRankBar *self, WaPalette palette)
{
  g_return_if_fail (WA_IS_RANK_BAR (self));

  self->palette = palette;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
