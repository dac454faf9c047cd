/* wa-asset-symbol.c: asset symbols. Each category has its own shape
 * (wa_asset_category_shape), so colour is never the only cue. */
#include "wa-asset-symbol.h"

#include <math.h>

static void
polygon (cairo_t *cr, double x, double y, double r, int sides, double rotation)
{
  for (int i = 0; i < sides; i++)
    {
      double a = rotation + 2 * M_PI * i / sides;

      if (i == 0)
        cairo_move_to (cr, x + r * cos (a), y + r * sin (a));
      else
        cairo_line_to (cr, x + r * cos (a), y + r * sin (a));
    }
  cairo_close_path (cr);
}

static void
star (cairo_t *cr, double x, double y, double r)
{
  for (int i = 0; i < 10; i++)
    {
      double a = -M_PI / 2 + M_PI * i / 5;
      double radius = i % 2 == 0 ? r : r * 0.45;

      if (i == 0)
        cairo_move_to (cr, x + radius * cos (a), y + radius * sin (a));
      else
        cairo_line_to (cr, x + radius * cos (a), y + radius * sin (a));
    }
  cairo_close_path (cr);
}

/* A plus sign as one outline, arms a third of the size thick. */
static void
plus (cairo_t *cr, double x, double y, double r, double rotation)
{
  static const double pts[][2] = {
    { -1, -0.33 }, { -0.33, -0.33 }, { -0.33, -1 }, { 0.33, -1 }, { 0.33, -0.33 }, { 1, -0.33 },
    { 1, 0.33 }, { 0.33, 0.33 }, { 0.33, 1 }, { -0.33, 1 }, { -0.33, 0.33 }, { -1, 0.33 },
  };
  double c = cos (rotation), s = sin (rotation);

  for (guint i = 0; i < G_N_ELEMENTS (pts); i++)
    {
      double px = pts[i][0] * r, py = pts[i][1] * r;

      if (i == 0)
        cairo_move_to (cr, x + px * c - py * s, y + px * s + py * c);
      else
        cairo_line_to (cr, x + px * c - py * s, y + px * s + py * c);
    }
  cairo_close_path (cr);
}

/* The outline path of a shape; returns whether it is hollow. */
static gboolean
shape_path (cairo_t *cr, WaAssetShape shape, double x, double y, double r)
{
  switch (shape)
    {
    case WA_ASSET_SHAPE_CIRCLE:
      cairo_arc (cr, x, y, r * 0.9, 0, 2 * M_PI);
      return FALSE;
    case WA_ASSET_SHAPE_SQUARE:
      cairo_rectangle (cr, x - r * 0.8, y - r * 0.8, r * 1.6, r * 1.6);
      return FALSE;
    case WA_ASSET_SHAPE_TRIANGLE:
      polygon (cr, x, y + r * 0.15, r * 1.1, 3, -M_PI / 2);
      return FALSE;
    case WA_ASSET_SHAPE_TRIANGLE_DOWN:
      polygon (cr, x, y - r * 0.15, r * 1.1, 3, M_PI / 2);
      return FALSE;
    case WA_ASSET_SHAPE_DIAMOND:
      polygon (cr, x, y, r * 1.05, 4, 0);
      return FALSE;
    case WA_ASSET_SHAPE_PENTAGON:
      polygon (cr, x, y, r, 5, -M_PI / 2);
      return FALSE;
    case WA_ASSET_SHAPE_HEXAGON:
      polygon (cr, x, y, r, 6, 0);
      return FALSE;
    case WA_ASSET_SHAPE_STAR:
      star (cr, x, y, r * 1.15);
      return FALSE;
    case WA_ASSET_SHAPE_PLUS:
      plus (cr, x, y, r, 0);
      return FALSE;
    case WA_ASSET_SHAPE_CROSS:
      plus (cr, x, y, r, M_PI / 4);
      return FALSE;
    case WA_ASSET_SHAPE_RING:
      cairo_arc (cr, x, y, r * 0.9, 0, 2 * M_PI);
      return TRUE;
    case WA_ASSET_SHAPE_HOLLOW_SQUARE:
      cairo_rectangle (cr, x - r * 0.8, y - r * 0.8, r * 1.6, r * 1.6);
      return TRUE;
    case WA_ASSET_SHAPE_HOLLOW_DIAMOND:
    default:
      polygon (cr, x, y, r * 1.05, 4, 0);
      return TRUE;
    }
}

void
wa_asset_symbol_draw (cairo_t *cr, WaAssetCategory category, double x, double y, double size)
{
  double red, green, blue;

  wa_asset_category_colour (category, &red, &green, &blue);
  wa_asset_symbol_draw_shape (cr, wa_asset_category_shape (category), red, green, blue, x, y, size);
}

void
wa_asset_symbol_draw_shape (cairo_t *cr, WaAssetShape shape, double red, double green, double blue,
                            double x, double y, double size)
{
  double r = size / 2;
  gboolean hollow, dark;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  hollow = shape_path (cr, shape, x, y, r);
  /* White halo, then the fill (or a thick coloured outline when hollow),
   * then a thin edge. A dark symbol (the navy place-of-worship plus) gets
   * a wider halo and a light edge: on the darkest fills a dark edge would
   * eat the halo and the symbol would vanish. */
  dark = 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.3;
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, hollow ? size * 0.45 : size * (dark ? 0.42 : 0.3));
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, red, green, blue);
  if (hollow)
    {
      cairo_set_line_width (cr, MAX (size * 0.22, 1.5));
      cairo_stroke (cr);
    }
  else
    {
      cairo_fill_preserve (cr);
      if (dark)
        cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      else
        cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, 0.85);
      cairo_set_line_width (cr, MAX (size * 0.07, 0.8));
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

guint
wa_asset_symbols_draw_box (cairo_t *cr, WaAssets *assets, const WaBBox *box,
                           guint32 visible_domains, double size,
                           WaAssetProjectFunc project, gpointer data)
{
  return wa_asset_symbols_draw_box_full (cr, assets, box, visible_domains, size, project, data,
                                         NULL, NULL);
}

guint
wa_asset_symbols_draw_box_full (cairo_t *cr, WaAssets *assets, const WaBBox *box,
                                guint32 visible_domains, double size,
                                WaAssetProjectFunc project, gpointer data,
                                WaAssetHideFunc hide, gpointer hide_data)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  guint drawn = 0;

  wa_assets_query (assets, box, found);
  for (guint i = 0; i < found->len; i++)
    {
      const WaAsset *asset = wa_assets_get_asset (assets, g_array_index (found, guint, i));
      double x, y;

      if (!(visible_domains & (1u << wa_asset_category_domain (asset->category)))
          || (hide != NULL && hide (asset->lon, asset->lat, hide_data)))
        continue;
      project (asset->lon, asset->lat, &x, &y, data);
      wa_asset_symbol_draw (cr, asset->category, x, y, size);
      drawn++;
    }
  return drawn;
}
