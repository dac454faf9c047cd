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

/* ---- a shape in a colour (user lists) ---------------------------------- */

typedef struct {
  WaAssetShape shape;
  guint32 rgb;
} ShapeSymbol;

static void
draw_shape (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  ShapeSymbol *symbol = data;

  wa_asset_symbol_draw_shape (cr, symbol->shape, ((symbol->rgb >> 16) & 0xff) / 255.0,
                              ((symbol->rgb >> 8) & 0xff) / 255.0, (symbol->rgb & 0xff) / 255.0,
                              width / 2.0, height / 2.0, MIN (width, height) * 0.7);
}

GtkWidget *
wa_asset_symbol_icon_new_for_shape (WaAssetShape shape, guint32 rgb, int size)
{
  GtkWidget *area = gtk_drawing_area_new ();
  ShapeSymbol *symbol = g_new0 (ShapeSymbol, 1);

  symbol->shape = shape;
  symbol->rgb = rgb;
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_shape, symbol, g_free);
  g_object_set_data (G_OBJECT (area), "wa-shape-symbol", symbol);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  return area;
}

void
wa_asset_symbol_icon_set_shape (GtkWidget *icon, WaAssetShape shape, guint32 rgb)
{
  ShapeSymbol *symbol = g_object_get_data (G_OBJECT (icon), "wa-shape-symbol");

  g_return_if_fail (symbol != NULL);
  symbol->shape = shape;
  symbol->rgb = rgb;
  gtk_widget_queue_draw (icon);
}
