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
