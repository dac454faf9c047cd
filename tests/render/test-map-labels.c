/* test-map-labels.c: names on the real 2019 map (skipped when the pack is
 * absent): ward names inside their wards, the largest cities at England
 * scale, and screenshots of three views in light and dark for a person to
 * look at (written to the build directory's map-screenshots/). */
#include <math.h>
#include <pango/pangocairo.h>

#include "wa-asset-symbol.h"
#include "wa-label-layout.h"
#include "wa-test-fixtures.h"
#include "wa-tile-renderer.h"

static void
world_to_lonlat (double x, double y, guint zoom, double *lon, double *lat)
{
  double world_px = 256.0 * (1 << zoom);

  wa_mercator_to_lonlat (x / world_px, y / world_px, lon, lat);
}

static const WaLabel *
find_label (GArray *labels, WaLabelRole role, const char *text)
{
  for (guint i = 0; i < labels->len; i++)
    {
      const WaLabel *label = &g_array_index (labels, WaLabel, i);

      if (label->role == role && g_strcmp0 (label->text, text) == 0)
        return label;
    }
  return NULL;
}

/* Marfleet (Hull) at z13: its name is placed, and the whole text box
 * (as Pango measures it, not the layout's estimate) lies inside the ward;
 * the rendered tile has text-coloured pixels at the label. */
static void
test_ward_label_inside_ward (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  g_autoptr(WaMapStyle) style = NULL;
  WaWard *ward;
  const WaLabel *label;
  PangoLayout *layout;
  cairo_surface_t *probe;
  cairo_t *cr;
  int tw, th;
  const guint zoom = 13;

  if (atlas == NULL)
    {
      g_test_skip ("WA_PACK_2019 not built");
      return;
    }
  style = wa_map_style_new (atlas, WA_PALETTE_MAGMA);
  ward = wa_atlas_lookup_ward (atlas, "E05001676");
  g_assert_cmpstr (wa_ward_get_name (ward), ==, "Marfleet");
  label = find_label (wa_label_layout_get (wa_map_style_get_label_layout (style), zoom),
                      WA_LABEL_WARD, "Marfleet");
  g_assert_nonnull (label);
  g_assert_cmpint (label->index, ==, (int) wa_ward_get_index (ward));

  probe = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 4, 4);
  cr = cairo_create (probe);
  layout = pango_cairo_create_layout (cr);
  wa_label_draw (cr, layout, label, 0, 0, 0, 0, wa_map_style_get_theme (style), FALSE);
  pango_layout_get_pixel_size (layout, &tw, &th);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (probe);

  for (int corner = 0; corner < 4; corner++)
    {
      double lon, lat;

      world_to_lonlat (label->x + (corner & 1 ? 0.5 : -0.5) * tw,
                       label->y + (corner & 2 ? 0.5 : -0.5) * th, zoom, &lon, &lat);
      g_assert_true (wa_geometry_contains (wa_ward_get_geometry (ward), lon, lat));
    }

  /* Drawn: dark text pixels near the label's centre in its tile. */
  {
    WaTileRequest request = { zoom, (guint) (label->x / 256), (guint) (label->y / 256), 256, TRUE };
    cairo_surface_t *tile = wa_tile_render_surface (style, &request, NULL);
    int cx = (int) (label->x - request.x * 256.0), cy = (int) (label->y - request.y * 256.0);
    guint dark = 0;

    g_assert_nonnull (tile);
    for (int y = MAX (cy - th / 2, 0); y < MIN (cy + th / 2, 256); y++)
      for (int x = MAX (cx - tw / 2, 0); x < MIN (cx + tw / 2, 256); x++)
        {
          guint32 p = ((guint32 *) (cairo_image_surface_get_data (tile)
                                    + y * cairo_image_surface_get_stride (tile)))[x];
          if (((p >> 16) & 0xff) < 60 && ((p >> 8) & 0xff) < 60 && (p & 0xff) < 60)
            dark++;
        }
    cairo_surface_destroy (tile);
    g_assert_cmpuint (dark, >, 20);
  }
}

/* England at z6: the largest cities by population are named, whatever
 * smaller cities sit near them. */
static void
test_big_cities_at_z6 (void)
{
  static const char *cities[] = { "London", "Birmingham", "Manchester", "Liverpool", "Leeds",
                                  "Nottingham", "Leicester", "Kingston upon Hull", "Bristol",
                                  "Newcastle upon Tyne" };
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  g_autoptr(WaMapStyle) style = NULL;
  GArray *labels;

  if (atlas == NULL)
    {
      g_test_skip ("WA_PACK_2019 not built");
      return;
    }
  style = wa_map_style_new (atlas, WA_PALETTE_MAGMA);
  labels = wa_label_layout_get (wa_map_style_get_label_layout (style), 6);
  for (guint i = 0; i < G_N_ELEMENTS (cities); i++)
    if (find_label (labels, WA_LABEL_PLACE, cities[i]) == NULL)
      g_error ("%s is not labelled at z6", cities[i]);
}

static guint
count_role (GArray *labels, WaLabelRole role)
{
  guint n = 0;

  for (guint i = 0; i < labels->len; i++)
    n += g_array_index (labels, WaLabel, i).role == role;
  return n;
}

static void
assert_same_labels (GArray *a, GArray *b, guint zoom)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const WaLabel *x = &g_array_index (a, WaLabel, i), *y = &g_array_index (b, WaLabel, i);

      if (g_strcmp0 (x->text, y->text) != 0 || x->role != y->role || x->x != y->x || x->y != y->y)
        g_error ("z%u, label %u: %s at %g,%g against %s at %g,%g", zoom, i, x->text, x->x, x->y,
                 y->text, y->x, y->y);
    }
}

/* What zooms share (councils' name points, the wards' order) is found on
 * the first zoom that needs it: a layout of its own (a text scale no
 * other test uses), placing England's first view (z6) in the background
 * first and then closer zooms, names councils from z9 and wards from z10
 * (a zoom not given its part names none of them, or crashes), and each
 * zoom's names are those placed again once every part is made. */
static void
test_parts_on_first_use (void)
{
  static const guint zooms[] = { 6, 9, 10, 12 };
  static const WaLabelRole kinds[] = { WA_LABEL_PLACE, WA_LABEL_COUNCIL, WA_LABEL_WARD, WA_LABEL_WARD };
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  WaLabelLayout *layout;

  if (atlas == NULL)
    {
      g_test_skip ("WA_PACK_2019 not built");
      return;
    }
  layout = wa_label_layout_for_atlas_scaled (atlas, 1.25);
  wa_label_layout_place_in_background (layout, zooms[0]);
  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    g_assert_cmpuint (count_role (wa_label_layout_get (layout, zooms[i]), kinds[i]), >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    {
      g_autoptr(GArray) again = wa_label_layout_place_view (layout, 256.0 * (1u << zooms[i]), -1);

      assert_same_labels (wa_label_layout_get (layout, zooms[i]), again, zooms[i]);
    }
}

/* With the desktop's large text (theme text_scale 1.5) the names are drawn
 * 1.5 times their size and laid out apart from the normal ones. */
static void
test_labels_follow_text_scale (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  g_autoptr(WaMapStyle) normal = NULL, large = NULL;
  WaMapTheme theme;
  const WaLabel *a, *b;

  if (atlas == NULL)
    {
      g_test_skip ("WA_PACK_2019 not built");
      return;
    }
  wa_map_theme_init (&theme, FALSE, FALSE);
  normal = wa_map_style_new_themed (atlas, WA_PALETTE_VIRIDIS, &theme);
  theme.text_scale = 1.5;
  large = wa_map_style_new_themed (atlas, WA_PALETTE_VIRIDIS, &theme);
  g_assert_true (wa_map_style_get_label_layout (normal) != wa_map_style_get_label_layout (large));
  a = find_label (wa_label_layout_get (wa_map_style_get_label_layout (normal), 6), WA_LABEL_PLACE,
                  "London");
  b = find_label (wa_label_layout_get (wa_map_style_get_label_layout (large), 6), WA_LABEL_PLACE,
                  "London");
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpfloat_with_epsilon (b->font_px, 1.5 * a->font_px, 1e-9);
  g_assert_cmpfloat (b->width, >, 1.4 * a->width);
}

static void
count_only (double lon, double lat, double *x, double *y, gpointer data)
{
  *x = *y = 0;
}

static gboolean
covered (double lon, double lat, gpointer data)
{
  return wa_label_layout_covers (data, 14, lon, lat, 5);
}

/* Names win over asset symbols: around Harpurhey at z14 some symbols sit
 * where names are, and those are not drawn. */
static void
test_names_win_over_symbols (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  WaLabelLayout *layout;
  WaAssets *assets;
  WaBBox box = { -2.26, 53.49, -2.16, 53.54 };
  cairo_surface_t *surface;
  cairo_t *cr;
  guint all, shown;

  if (atlas == NULL || (assets = wa_atlas_get_assets (atlas)) == NULL)
    {
      g_test_skip ("WA_PACK_2019 not built");
      return;
    }
  layout = wa_label_layout_for_atlas (atlas);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 4, 4);
  cr = cairo_create (surface);
  all = wa_asset_symbols_draw_box (cr, assets, &box, G_MAXUINT32, 10, count_only, NULL);
  shown = wa_asset_symbols_draw_box_full (cr, assets, &box, G_MAXUINT32, 10, count_only, NULL,
                                          covered, layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (all, >, 50);
  g_assert_cmpuint (shown, <, all);
  g_assert_cmpuint (shown, >, all / 2);
}

/* Dark style: a coastline that stands apart (contrast ratio at least 3)
 * from both the sea and the darkest band of every palette. */
static double
relative_luminance (const WaRgb *c)
{
  double v[3] = { c->red, c->green, c->blue };

  for (int i = 0; i < 3; i++)
    v[i] = v[i] <= 0.03928 ? v[i] / 12.92 : pow ((v[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

static void
test_dark_sea_apart_from_darkest_band (void)
{
  WaMapTheme theme;
  double sea, coast;

  wa_map_theme_init (&theme, TRUE, FALSE);
  sea = relative_luminance (&theme.sea);
  coast = relative_luminance (&theme.coast);
  g_assert_cmpfloat (theme.coast_alpha, >=, 0.8);
  g_assert_cmpfloat ((coast + 0.05) / (sea + 0.05), >=, 3);
  for (WaPalette p = 0; p < WA_N_PALETTES; p++)
    {
      WaRgb darkest;
      double band;

      wa_palette_band_color (p, 0, &darkest);
      band = relative_luminance (&darkest);
      g_assert_cmpfloat ((coast + 0.05) / (band + 0.05), >=, 3);
    }
}

/* ---- screenshots ------------------------------------------------------- */

typedef struct {
  const char *name;
  double lon, lat;
  guint zoom;
} View;

static void
save_view (WaAtlas *atlas, const View *v, int variant, const char *dir)
{
  static const char *variants[] = { "light", "dark", "high-contrast-large-text" };
  const int width = 1366, height = 768;
  gboolean dark = variant == 1;
  g_autofree char *file = g_strdup_printf ("%s-%s.png", v->name, variants[variant]);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  double world_px = 256.0 * (1 << v->zoom), mx, my;
  WaRenderOptions options = { WA_RENDER_LABELS };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  WaMapTheme theme;
  WaMapStyle *style;

  wa_map_theme_init (&theme, dark, variant == 2);
  /* High contrast with 1.5× text: white lines on magma's near-black band. */
  if (variant == 2)
    theme.text_scale = 1.5;
  style = wa_map_style_new_themed (atlas, WA_PALETTE_MAGMA, &theme);
  wa_lonlat_to_mercator (v->lon, v->lat, &mx, &my);
  g_assert_true (wa_map_render_view_full (style, world_px, mx * world_px - width / 2.0,
                                          my * world_px - height / 2.0, width, height,
                                          &options, cr, NULL));
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  wa_map_style_unref (style);
  g_test_message ("wrote %s", path);
}

static int
compare_left (gconstpointer a, gconstpointer b)
{
  const WaLabel *la = *(const WaLabel * const *) a, *lb = *(const WaLabel * const *) b;
  double left_a = la->x - la->width / 2, left_b = lb->x - lb->width / 2;

  return left_a < left_b ? -1 : left_a > left_b;
}

/* The pairs of labels whose boxes overlap, by a sweep from left to right. */
static guint
count_overlaps (GArray *labels)
{
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  guint n = 0;

  for (guint i = 0; i < labels->len; i++)
    g_ptr_array_add (order, &g_array_index (labels, WaLabel, i));
  g_ptr_array_sort (order, compare_left);
  for (guint i = 0; i < order->len; i++)
    {
      const WaLabel *a = order->pdata[i];

      for (guint j = i + 1; j < order->len; j++)
        {
          const WaLabel *b = order->pdata[j];

          if (b->x - b->width / 2 >= a->x + a->width / 2)
            break;
          if (fabs (a->y - b->y) * 2 < a->height + b->height)
            n++;
        }
    }
  return n;
}

/* From zoom 13 thousands of names are placed over England, in a
 * collision grid that grows many times over: no two placed names
 * overlap, and the grid finds each of them again (wa_label_layout_covers
 * at its centre), but not open sea. */
static void
test_no_two_names_overlap (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  g_autoptr(WaMapStyle) style = NULL;
  WaLabelLayout *names;
  /* Zooms and the fewest names each has (26, 8,375 and 46,494 today). */
  static const guint zooms[][2] = { { 6, 20 }, { 11, 5000 }, { 16, 40000 } };

  if (atlas == NULL)
    {
      g_test_skip ("WA_PACK_2019 not built");
      return;
    }
  style = wa_map_style_new (atlas, WA_PALETTE_VIRIDIS);
  names = wa_map_style_get_label_layout (style);

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      guint zoom = zooms[z][0];
      GArray *labels = wa_label_layout_get (names, zoom);
      double world_px = 256.0 * (1 << zoom);

      g_assert_cmpuint (labels->len, >, zooms[z][1]);
      g_assert_cmpuint (count_overlaps (labels), ==, 0);
      for (guint i = 0; i < labels->len; i++)
        {
          const WaLabel *label = &g_array_index (labels, WaLabel, i);
          double lon, lat;

          wa_mercator_to_lonlat (label->x / world_px, label->y / world_px, &lon, &lat);
          g_assert_true (wa_label_layout_covers (names, zoom, lon, lat, 0.5));
        }
      /* The North Sea, east of the Wash. */
      g_assert_false (wa_label_layout_covers (names, zoom, 2.5, 53.5, 10));
    }
}

static void
test_screenshots (void)
{
  static const View views[] = {
    { "z6-england", -1.9, 52.9, 6 },
    { "z10-london", -0.11, 51.51, 10 },
    { "z13-hull", -0.30, 53.755, 13 },
  };
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  g_autofree char *dir = NULL;

  if (atlas == NULL)
    {
      g_test_skip ("WA_PACK_2019 not built");
      return;
    }
  dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                          "map-screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    for (int variant = 0; variant <= 1; variant++)
      save_view (atlas, &views[i], variant, dir);
  save_view (atlas, &views[2], 2, dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/map-labels/ward-label-inside-ward", test_ward_label_inside_ward);
  g_test_add_func ("/map-labels/big-cities-at-z6", test_big_cities_at_z6);
  g_test_add_func ("/map-labels/labels-follow-text-scale", test_labels_follow_text_scale);
  g_test_add_func ("/map-labels/parts-on-first-use", test_parts_on_first_use);
  g_test_add_func ("/map-labels/names-win-over-symbols", test_names_win_over_symbols);
  g_test_add_func ("/map-labels/dark-sea-apart-from-darkest-band", test_dark_sea_apart_from_darkest_band);
  g_test_add_func ("/map-labels/no-two-names-overlap", test_no_two_names_overlap);
  g_test_add_func ("/map-labels/screenshots", test_screenshots);
  return g_test_run ();
}
