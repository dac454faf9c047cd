/* wa-change-legend.c
 *
 * Swatches are drawn with the map's own colours and hatching (one home:
 * wa-change-style.c), so the legend cannot drift from the map. The counts
 * are the core's (wa_change_get_totals).
 */
#include <glib/gi18n.h>

#include "wa-change-legend.h"
#include "wa-change-style.h"
#include "wa-format.h"
#include "wa-legend-fold.h"
#include "wa-map-drawing.h"
#include "wa-rank-method.h"

#define SWATCH_WIDTH 28
#define SWATCH_HEIGHT 14
/* The row of the left-behind outline, after the shades. */
#define OUTLINE_ROW WA_N_CHANGE_SHADES

struct _WaChangeLegend
{
  GtkWidget parent_instance;

  /* template children */
  GtkWidget *box;
  GtkExpander *expander;
  GtkLabel *title_label;
  GtkWidget *key_box;
  GtkGrid *rows_grid;
  GtkLabel *caveat_label;
  GtkLabel *methods_label;

  WaLegendFold fold;          /* open or folded to the key (wa-legend-fold.c) */

  WaChange *change;
};

G_DEFINE_FINAL_TYPE (WaChangeLegend, wa_change_legend, GTK_TYPE_WIDGET)

static void
draw_hatch (cairo_t *cr, WaChangeHatch hatch, int width, int height)
{
  const int n = WA_CHANGE_HATCH_SPACING;
  WaRgb ink;

  wa_change_hatch_color (&ink);
  cairo_set_source_rgba (cr, ink.red, ink.green, ink.blue, WA_CHANGE_HATCH_ALPHA);
  cairo_set_line_width (cr, 1.1);
  for (int x = -height; x < width + height; x += n)
    {
      if (hatch == WA_CHANGE_HATCH_RISING)
        {
          cairo_move_to (cr, x, height);
          cairo_line_to (cr, x + height, 0);
        }
      else
        {
          cairo_move_to (cr, x, 0);
          cairo_line_to (cr, x + height, height);
        }
    }
  cairo_stroke (cr);
}

static void
draw_swatch (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  guint row = GPOINTER_TO_UINT (data);
  WaRgb rgb;

  if (row == OUTLINE_ROW)
    {
      wa_change_shade_color (WA_CHANGE_SHADE_NEITHER, &rgb);
      wa_map_draw_left_behind_swatch (cr, &rgb, width, height);
      return;
    }
  wa_change_shade_color ((WaChangeShade) row, &rgb);
  cairo_set_source_rgb (cr, rgb.red, rgb.green, rgb.blue);
  cairo_paint (cr);
  if (wa_change_shade_hatch ((WaChangeShade) row) != WA_CHANGE_HATCH_NONE)
    draw_hatch (cr, wa_change_shade_hatch ((WaChangeShade) row), width, height);
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_stroke (cr);
}

/* Wards of one shade: a category's partly ones, or the rest of it. */
static guint
count_shade (WaChange *change, WaChangeShade shade)
{
  WaChangeTotals totals;

  wa_change_get_totals (change, wa_change_shade_category (shade), &totals);
  return wa_change_shade_is_partly (shade) ? totals.n_partly : totals.n_wards - totals.n_partly;
}

static void
add_row (WaChangeLegend *self, guint row, const char *text, const char *count)
{
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), SWATCH_WIDTH);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), SWATCH_HEIGHT);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, GUINT_TO_POINTER (row),
                                  NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (swatch), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (self->rows_grid, swatch, 0, row, 1, 1);
  gtk_grid_attach (self->rows_grid, label, 1, row, 1, 1);
  if (count != NULL)
    {
      GtkWidget *number = gtk_label_new (count);

      gtk_label_set_xalign (GTK_LABEL (number), 1);
      gtk_widget_add_css_class (number, "numeric");
      gtk_widget_add_css_class (number, "dim-label");
      gtk_grid_attach (self->rows_grid, number, 2, row, 1, 1);
    }
}

static void
rebuild (WaChangeLegend *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_grid))) != NULL)
    gtk_grid_remove (self->rows_grid, child);
  gtk_widget_set_visible (GTK_WIDGET (self), self->change != NULL);
  if (self->change == NULL)
    return;
  for (WaChangeShade shade = 0; shade < WA_N_CHANGE_SHADES; shade++)
    {
      g_autofree char *count = wa_format_count (count_shade (self->change, shade));

      add_row (self, shade, wa_change_shade_label (shade), count);
    }
  add_row (self, OUTLINE_ROW, _("Double outline: left behind now"), NULL);
}

/* The counts depend on the method behind each edition's list (the
 * README's table uses the published 2019 list): say which. */
static void
describe_methods (WaChangeLegend *self, WaAtlas *before, WaAtlas *after)
{
  g_autofree char *then = NULL, *now = NULL, *text = NULL;

  if (before == NULL || after == NULL)
    {
      gtk_label_set_text (self->methods_label, "");
      return;
    }
  then = wa_rank_params_describe (wa_atlas_get_rank_params (before));
  now = wa_rank_params_describe (wa_atlas_get_rank_params (after));
  /* Translators: the methods behind each edition's left-behind list. */
  text = g_strdup_printf (_("Left behind in 2019: %s\nNow: %s"), then, now);
  gtk_label_set_text (self->methods_label, text);
}

void
wa_change_legend_set_change (WaChangeLegend *self, WaChange *change, WaAtlas *before,
                             WaAtlas *after)
{
  g_return_if_fail (WA_IS_CHANGE_LEGEND (self));

  describe_methods (self, before, after);
  if (self->change == change)
    return;
  g_set_object (&self->change, change);
  rebuild (self);
}

/* ---- compact mode (wa-legend-fold.c) ---------------------------------------- */

/* The short key: a swatch and a word for each change that moves a ward
 * on or off the list (the partly shades and "neither" wait for the
 * open legend). */
static void
add_key (WaChangeLegend *self)
{
  static const struct { WaChangeShade shade; const char *word; } keys[] = {
    { WA_CHANGE_SHADE_BOTH, N_("both") },
    { WA_CHANGE_SHADE_NEWLY, N_("newly") },
    { WA_CHANGE_SHADE_NO_LONGER, N_("no longer") },
  };
  GtkWidget *lead = gtk_label_new (_("Left behind:"));

  gtk_widget_add_css_class (lead, "caption");
  gtk_box_append (GTK_BOX (self->key_box), lead);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkWidget *swatch = gtk_drawing_area_new ();
      GtkWidget *word = gtk_label_new (_(keys[i].word));

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 16);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 12);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_widget_set_margin_start (swatch, 4);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                      GUINT_TO_POINTER (keys[i].shade), NULL);
      gtk_accessible_update_state (GTK_ACCESSIBLE (swatch), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      gtk_widget_add_css_class (word, "caption");
      gtk_box_append (GTK_BOX (self->key_box), swatch);
      gtk_box_append (GTK_BOX (self->key_box), word);
    }
}

/* A small map has no room for the open legend (see wa-ward-map.c's
 * legend_is_compact): fold it to its key, and open it again once there
 * is room if the user keeps legends open. */
void
wa_change_legend_set_compact (WaChangeLegend *self, gboolean compact)
{
  g_return_if_fail (WA_IS_CHANGE_LEGEND (self));
  wa_legend_fold_set_compact (&self->fold, compact);
}

gboolean
wa_change_legend_get_compact (WaChangeLegend *self)
{
  g_return_val_if_fail (WA_IS_CHANGE_LEGEND (self), FALSE);
  return self->fold.compact;
}

static void
wa_change_legend_dispose (GObject *object)
{
  WaChangeLegend *self = WA_CHANGE_LEGEND (object);

  wa_legend_fold_clear (&self->fold);
  gtk_widget_dispose_template (GTK_WIDGET (self), WA_TYPE_CHANGE_LEGEND);
  g_clear_object (&self->change);
  G_OBJECT_CLASS (wa_change_legend_parent_class)->dispose (object);
}

static void
wa_change_legend_class_init (WaChangeLegendClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = wa_change_legend_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-change-legend.ui");
  gtk_widget_class_bind_template_child (widget_class, WaChangeLegend, box);
  gtk_widget_class_bind_template_child (widget_class, WaChangeLegend, expander);
  gtk_widget_class_bind_template_child (widget_class, WaChangeLegend, title_label);
  gtk_widget_class_bind_template_child (widget_class, WaChangeLegend, key_box);
  gtk_widget_class_bind_template_child (widget_class, WaChangeLegend, rows_grid);
  gtk_widget_class_bind_template_child (widget_class, WaChangeLegend, caveat_label);
  gtk_widget_class_bind_template_child (widget_class, WaChangeLegend, methods_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "legend");
}

static void
wa_change_legend_init (WaChangeLegend *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not .card: in the dark style its translucent background let the map
   * show through the text (see style.css). */
  gtk_widget_add_css_class (GTK_WIDGET (self), "change-legend");
  gtk_label_set_text (self->caveat_label, wa_change_caveat_short ());
  add_key (self);
  wa_legend_fold_init (&self->fold, self->expander, GTK_WIDGET (self->title_label), self->key_box);
}

GtkWidget *
wa_change_legend_new (void)
{
  return g_object_new (WA_TYPE_CHANGE_LEGEND, NULL);
}
