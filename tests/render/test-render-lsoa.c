/* test-render-lsoa.c: the neighbourhood layer on the real 2025 pack
 * (skipped when absent). At z13 over Kingston upon Hull 019D (E01012798,
 * a published left-behind neighbourhood in CNI decile 1) inside
 * Derringham ward (whose combined band is another colour): the LSOA's
 * decile shade with the layer on, the ward's shade with it off, and the
 * ward's shade at z11 whatever the setting. */
#include <math.h>
#include <glib/gstdio.h>
#include <string.h>

#include "wa-test-fixtures.h"
#include "wa-map-drawing.h"
#include "wa-tile-renderer.h"

#define LON -0.405455805
#define LAT 53.7599036

static void
pixel_rgb (cairo_surface_t *surface, int x, int y, int rgb[3])
{
  const guint8 *row = cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface);
  guint32 p = ((const guint32 *) row)[x];

  rgb[0] = (p >> 16) & 0xff;
  rgb[1] = (p >> 8) & 0xff;
  rgb[2] = p & 0xff;
}

static gboolean
near_colour (const int rgb[3], const WaRgb *c)
{
  return abs (rgb[0] - (int) lround (c->red * 255)) <= 3
         && abs (rgb[1] - (int) lround (c->green * 255)) <= 3
         && abs (rgb[2] - (int) lround (c->blue * 255)) <= 3;
}

/* The colour at (LON, LAT) on its tile at zoom, with the layer on or off. */
static void
colour_at (WaAtlas *atlas, guint zoom, gboolean lsoas, int rgb[3])
{
  WaMapTheme theme;
  g_autoptr(WaMapStyle) style = NULL;
  double mx, my, n = (double) (1u << zoom);
  WaTileRequest request = { zoom, 0, 0, 256, FALSE, 0 };
  cairo_surface_t *surface;
  gint64 start;

  wa_map_theme_init (&theme, FALSE, FALSE);
  theme.lsoas = lsoas;
  style = wa_map_style_new_themed (atlas, WA_PALETTE_VIRIDIS, &theme);
  wa_lonlat_to_mercator (LON, LAT, &mx, &my);
  request.x = (guint) floor (mx * n);
  request.y = (guint) floor (my * n);
  start = g_get_monotonic_time ();
  surface = wa_tile_render_surface (style, &request, NULL);
  g_test_message ("z%u tile, neighbourhoods %s: %.1f ms", zoom, lsoas ? "on" : "off",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_nonnull (surface);
  pixel_rgb (surface, (int) floor ((mx * n - request.x) * 256), (int) floor ((my * n - request.y) * 256), rgb);
  cairo_surface_destroy (surface);
}

/* Resident memory in kB (Linux), 0 elsewhere: reported, not asserted. */
static gint64
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, "VmRSS:")) == NULL)
    return 0;
  return g_ascii_strtoll (line + 6, NULL, 10);
}

static void
test_hull (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2025");
  WaLsoas *lsoas;
  const WaLsoa *lsoa;
  WaWard *ward;
  g_autoptr(WaMapStyle) style = NULL;
  WaMapTheme theme;
  WaRgb lsoa_shade, ward_shade;
  int index, rgb[3];
  gint64 start, rss;

  if (atlas == NULL)
    return;
  lsoas = wa_atlas_get_lsoas (atlas);
  g_assert_false (wa_lsoas_has_geometry (lsoas));
  rss = rss_kb ();
  start = g_get_monotonic_time ();
  index = wa_atlas_locate_lsoa (atlas, LON, LAT);
  g_test_message ("first LSOA lookup (reads every boundary): %.0f ms, %+.1f MB resident",
                  (g_get_monotonic_time () - start) / 1000.0, (rss_kb () - rss) / 1024.0);
  g_assert_cmpint (index, >=, 0);
  lsoa = wa_lsoas_get (lsoas, index);
  g_assert_cmpstr (lsoa->code, ==, "E01012798");
  ward = wa_atlas_locate (atlas, LON, LAT);
  g_assert_cmpstr (wa_ward_get_code (ward), ==, "E05011530");

  wa_map_theme_init (&theme, FALSE, FALSE);
  theme.lsoas = TRUE;
  style = wa_map_style_new_themed (atlas, WA_PALETTE_VIRIDIS, &theme);
  g_assert_true (wa_map_style_shows_lsoas (style));
  g_assert_false (wa_map_style_shows_lsoas_at (style, 11.9));
  /* 2025: shaded by CNI 2023, decile 1 is the palette's first band. */
  g_assert_cmpint (wa_map_style_get_lsoa_indicator (style), ==, WA_INDICATOR_CNI);
  g_assert_cmpuint (wa_lsoas_decile (lsoas, lsoa, WA_INDICATOR_CNI), ==, 1);
  g_assert_cmpint (wa_map_style_get_lsoa_band (style, index), ==, 0);
  g_assert_true (wa_map_style_is_lsoa_flagged (style, index));
  wa_palette_band_color (WA_PALETTE_VIRIDIS, 0, &lsoa_shade);
  g_assert_true (wa_map_style_get_ward_fill (style, wa_ward_get_index (ward), &ward_shade));
  /* The check means something only if the two shades differ. */
  g_assert_cmpint (wa_map_style_get_ward_band (style, wa_ward_get_index (ward)), !=, 0);

  colour_at (atlas, 13, TRUE, rgb);
  g_test_message ("z13 on: %d %d %d", rgb[0], rgb[1], rgb[2]);
  g_assert_true (near_colour (rgb, &lsoa_shade));
  colour_at (atlas, 13, FALSE, rgb);
  g_assert_true (near_colour (rgb, &ward_shade));
  colour_at (atlas, 11, TRUE, rgb);
  g_assert_true (near_colour (rgb, &ward_shade));
}

/* 2019: shaded by IMD, and no neighbourhood is flagged. */
static void
test_2019 (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  g_autoptr(WaMapStyle) style = NULL;
  WaMapTheme theme;
  WaLsoas *lsoas;

  if (atlas == NULL)
    return;
  lsoas = wa_atlas_get_lsoas (atlas);
  wa_map_theme_init (&theme, TRUE, FALSE);
  theme.lsoas = TRUE;
  style = wa_map_style_new_themed (atlas, WA_PALETTE_VIRIDIS, &theme);
  g_assert_cmpint (wa_map_style_get_lsoa_indicator (style), ==, WA_INDICATOR_IMD);
  for (guint i = 0; i < wa_lsoas_get_n (lsoas); i++)
    g_assert_false (wa_map_style_is_lsoa_flagged (style, i));
  /* Not drawn, not read: a style alone reads no boundary. */
  g_assert_false (wa_lsoas_has_geometry (lsoas));
  /* For a person to look at: the layer over west Hull at z13, dark. */
  {
    double mx, my;
    WaTileRequest request = { 13, 0, 0, 512, TRUE, 0 };
    cairo_surface_t *surface;
    g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") != NULL
                                             ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                             "map-screenshots", NULL);
    g_autofree char *file = g_build_filename (dir, "lsoa-hull-2019-z13-dark.png", NULL);

    wa_lonlat_to_mercator (LON, LAT, &mx, &my);
    request.x = (guint) floor (mx * 8192);
    request.y = (guint) floor (my * 8192);
    surface = wa_tile_render_surface (style, &request, NULL);
    g_assert_nonnull (surface);
    g_mkdir_with_parents (dir, 0755);
    g_assert_cmpint (cairo_surface_write_to_png (surface, file), ==, CAIRO_STATUS_SUCCESS);
    g_test_message ("screenshot: %s", file);
    cairo_surface_destroy (surface);
  }
}

/* The height of the legend a map image of 700 x 700 map pixels centred
 * on (LON, LAT) at zoom draws, with the layer on or off. */
static double
legend_height (WaAtlas *atlas, double zoom, gboolean lsoas)
{
  WaMapTheme theme;
  g_autoptr(WaMapStyle) style = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  WaMapDrawOptions options;
  WaMapView view;
  WaBBox boxes[4];
  guint n;

  wa_map_theme_init (&theme, FALSE, FALSE);
  theme.lsoas = lsoas;
  style = wa_map_style_new_themed (atlas, WA_PALETTE_VIRIDIS, &theme);
  wa_map_draw_options_init (&options);
  wa_map_view_centre (&view, LON, LAT, zoom, 700, 700);
  n = wa_map_get_overlay_boxes (style, &view, &options, cr, boxes);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (n, >=, 2);
  /* attribution, then legend */
  return boxes[1].max_y - boxes[1].min_y;
}

/* A map image (win.export-map-image) keys what it shows: where the layer
 * is drawn, the LSOA deciles (without the "not ranked" row, every LSOA of
 * the real packs having a rank); elsewhere the wards' bands. */
static void
test_image_legend (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2025");
  double wards, lsoas;

  if (atlas == NULL)
    return;
  wards = legend_height (atlas, 13, FALSE);
  lsoas = legend_height (atlas, 13, TRUE);
  g_test_message ("legend: wards %.1f, LSOAs %.1f map px", wards, lsoas);
  g_assert_cmpfloat (fabs (wards - lsoas), >, 5);
  g_assert_cmpfloat (legend_height (atlas, 11, TRUE), ==, legend_height (atlas, 11, FALSE));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render-lsoa/hull-2025", test_hull);
  g_test_add_func ("/render-lsoa/2019", test_2019);
  g_test_add_func ("/render-lsoa/image-legend", test_image_legend);
  return g_test_run ();
}
