/* wa-asset-symbol-icon.c: a GtkDrawingArea drawing wa_asset_symbol_draw. */
#include "wa-asset-symbol-icon.h"
#include "wa-asset-symbol.h"

static void
draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  WaAssetCategory category = GPOINTER_TO_INT (data);

  wa_asset_symbol_draw (cr, category, width / 2.0, height / 2.0, MIN (width, height) * 0.7);
}

GtkWidget *
wa_asset_symbol_icon_new (WaAssetCategory category, int size)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw, GINT_TO_POINTER (category), NULL);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  wa_asset_category_name (category), -1);
  return area;
}

/* The shape in the low byte, the colour above it. */
static void
draw_shape (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  gsize packed = GPOINTER_TO_SIZE (data);
  guint32 rgb = (guint32) (packed >> 8) & 0xffffff;

  wa_asset_symbol_draw_shape (cr, (WaAssetShape) (packed & 0xff), ((rgb >> 16) & 0xff) / 255.0,
                              ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0,
                              width / 2.0, height / 2.0, MIN (width, height) * 0.7);
}

GtkWidget *
wa_asset_symbol_icon_new_shape (WaAssetShape shape, guint32 rgb, const char *name, int size)
{
  GtkWidget *area = gtk_drawing_area_new ();
  gsize packed = ((gsize) (rgb & 0xffffff) << 8) | ((gsize) shape & 0xff);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_shape, GSIZE_TO_POINTER (packed), NULL);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  if (name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return area;
}
