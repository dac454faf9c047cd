/* test-map-roads.c: the orientation layers. On the real 2019 pack (skipped
 * when absent): the M62's number near Leeds at z9, clear of every name,
 * and Leeds station drawn at z13 and named at z14, with screenshots for a
 * person to look at (map-screenshots/ in the build directory). On a
 * fixture pack built without the motorway and station sources, as packs
 * from before these layers are: it opens and draws without them. */
#include <math.h>
#include <gdal.h>
#include <string.h>

#include "wa-format.h"
#include "wa-label-layout.h"
#include "wa-test-fixtures.h"
#include "wa-tile-renderer.h"

static void
save_screenshot (cairo_surface_t *surface, const char *name)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") != NULL
                                           ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                           "map-screenshots", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_mkdir_with_parents (dir, 0755);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("screenshot: %s", path);
}

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
  return abs (rgb[0] - (int) lround (c->red * 255)) <= 6
         && abs (rgb[1] - (int) lround (c->green * 255)) <= 6
         && abs (rgb[2] - (int) lround (c->blue * 255)) <= 6;
}

static gboolean
boxes_overlap (const WaLabel *a, const WaLabel *b)
{
  return fabs (a->x - b->x) * 2 < a->width + b->width
         && fabs (a->y - b->y) * 2 < a->height + b->height;
}

/* The shield of label drawn, filled, on its z9 tile in a light or dark theme. */
static void
check_shield_drawn (WaAtlas *atlas, const WaLabel *m62, gboolean dark, const char *screenshot)
{
  WaMapTheme theme;
  g_autoptr(WaMapStyle) style = NULL;
  WaTileRequest request = { 9, 0, 0, 256, TRUE, 0 };
  cairo_surface_t *tile;
  guint n_shield = 0;

  wa_map_theme_init (&theme, dark, FALSE);
  style = wa_map_style_new_themed (atlas, WA_PALETTE_MAGMA, &theme);
  request.x = (guint) (m62->x / 256);
  request.y = (guint) (m62->y / 256);
  tile = wa_tile_render_surface (style, &request, NULL);
  g_assert_nonnull (tile);
  for (int y = (int) (m62->y - m62->height / 2); y < m62->y + m62->height / 2; y++)
    for (int x = (int) (m62->x - m62->width / 2); x < m62->x + m62->width / 2; x++)
      {
        int tx = x - (int) request.x * 256, ty = y - (int) request.y * 256, rgb[3];

        if (tx < 0 || ty < 0 || tx >= 256 || ty >= 256)
          continue;
        pixel_rgb (tile, tx, ty, rgb);
        n_shield += near_colour (rgb, &theme.shield);
      }
  /* A shield of about 26 x 15 px; the road alone would fill a sixth of that. */
  g_assert_cmpuint (n_shield, >, 200);
  save_screenshot (tile, screenshot);
  cairo_surface_destroy (tile);
}

/* The M62 shield placed in West Yorkshire (within 35 km of Leeds), clear of
 * every name, and drawn as a filled shield on its tile, light and dark. */
static void
test_m62_near_leeds (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  g_autoptr(WaMapStyle) style = NULL;
  const guint zoom = 9;
  const WaLabel *m62 = NULL;
  GArray *labels;

  if (atlas == NULL)
    {
      g_test_skip ("WA_PACK_2019 not built");
      return;
    }
  g_assert_cmpuint (wa_roads_get_motorways (wa_atlas_get_roads (atlas))->len, >, 1000);
  style = wa_map_style_new (atlas, WA_PALETTE_MAGMA);
  labels = wa_label_layout_get (wa_map_style_get_label_layout (style), zoom);
  for (guint i = 0; i < labels->len; i++)
    {
      const WaLabel *label = &g_array_index (labels, WaLabel, i);
      double lon, lat, world_px = 256.0 * (1 << zoom);

      if (label->role != WA_LABEL_MOTORWAY)
        continue;
      /* Numbers never overlap a name (nor each other). */
      for (guint k = 0; k < labels->len; k++)
        if (k != i)
          g_assert_false (boxes_overlap (label, &g_array_index (labels, WaLabel, k)));
      wa_mercator_to_lonlat (label->x / world_px, label->y / world_px, &lon, &lat);
      if (g_strcmp0 (label->text, "M62") == 0 && lon > -2.0 && lon < -1.0 && lat > 53.55 && lat < 53.85)
        m62 = label;
    }
  g_assert_nonnull (m62);

  check_shield_drawn (atlas, m62, FALSE, "motorways-leeds-z9-light.png");
  check_shield_drawn (atlas, m62, TRUE, "motorways-leeds-z9-dark.png");
}

/* Leeds station: a ringed disc at z13 (light and dark), named at z14. */
static void
check_station_drawn (WaAtlas *atlas, gboolean dark, const char *screenshot)
{
  const double lon = -1.547, lat = 53.795;   /* Leeds station, from the stations source */
  const guint zoom = 13;
  WaMapTheme theme;
  g_autoptr(WaMapStyle) style = NULL;
  WaTileRequest request = { zoom, 0, 0, 256, TRUE, 0 };
  double mx, my, world_px = 256.0 * (1 << zoom), min_ring = 1e9, max_ring = -1e9;
  cairo_surface_t *tile;
  int cx, cy, rgb[3];

  wa_map_theme_init (&theme, dark, FALSE);
  style = wa_map_style_new_themed (atlas, WA_PALETTE_MAGMA, &theme);
  wa_lonlat_to_mercator (lon, lat, &mx, &my);
  request.x = (guint) (mx * world_px / 256);
  request.y = (guint) (my * world_px / 256);
  tile = wa_tile_render_surface (style, &request, NULL);
  g_assert_nonnull (tile);
  /* The station nearest that point, in the pack. */
  {
    GArray *stations = wa_roads_get_stations (wa_atlas_get_roads (atlas));
    const WaStation *leeds = NULL;

    for (guint i = 0; i < stations->len; i++)
      if (g_strcmp0 (g_array_index (stations, WaStation, i).name, "Leeds") == 0)
        leeds = &g_array_index (stations, WaStation, i);
    g_assert_nonnull (leeds);
    g_assert_cmpfloat (fabs (leeds->lon - lon) + fabs (leeds->lat - lat), <, 0.01);
    wa_lonlat_to_mercator (leeds->lon, leeds->lat, &mx, &my);
  }
  cx = (int) floor (mx * world_px) - (int) request.x * 256;
  cy = (int) floor (my * world_px) - (int) request.y * 256;
  g_assert_true (cx > 4 && cy > 4 && cx < 251 && cy < 251);
  pixel_rgb (tile, cx, cy, rgb);
  g_assert_true (near_colour (rgb, &theme.station_fill));
  /* The ring: pixels three away in the ring colour's direction. */
  for (int d = -1; d <= 1; d += 2)
    {
      double l;

      pixel_rgb (tile, cx + 3 * d, cy, rgb);
      l = (rgb[0] + rgb[1] + rgb[2]) / 3.0;
      min_ring = MIN (min_ring, l);
      max_ring = MAX (max_ring, l);
    }
  if (dark)
    g_assert_cmpfloat (min_ring, >, 150);
  else
    g_assert_cmpfloat (max_ring, <, 110);
  save_screenshot (tile, screenshot);
  cairo_surface_destroy (tile);
}

static void
test_station_leeds (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  g_autoptr(WaMapStyle) style = NULL;
  GArray *labels;
  gboolean named = FALSE;

  if (atlas == NULL)
    {
      g_test_skip ("WA_PACK_2019 not built");
      return;
    }
  check_station_drawn (atlas, FALSE, "station-leeds-z13-light.png");
  check_station_drawn (atlas, TRUE, "station-leeds-z13-dark.png");
  style = wa_map_style_new (atlas, WA_PALETTE_MAGMA);
  labels = wa_label_layout_get (wa_map_style_get_label_layout (style), WA_STATION_NAME_MIN_ZOOM);
  for (guint i = 0; i < labels->len; i++)
    {
      const WaLabel *label = &g_array_index (labels, WaLabel, i);
      named |= label->role == WA_LABEL_STATION && g_strcmp0 (label->text, "Leeds") == 0;
    }
  g_assert_true (named);
  /* Both sources are credited (the map's credits list reads these). */
  {
    g_auto(GStrv) credits = wa_atlas_dup_attributions (atlas);
    g_autofree char *all = g_strjoinv ("\n", credits);

    g_assert_nonnull (strstr (all, "(ODbL 1.0)"));
    g_assert_nonnull (strstr (all, "uk-railway-stations"));
    g_assert_nonnull (strstr (all, "Contains OS data © Crown copyright and database right 2024"));
    /* Exported maps and briefings carry the short notice ODbL asks for. */
    g_autofree char *line = wa_format_attribution_line ((const char * const *) credits);
    g_assert_nonnull (strstr (line, "Railway stations: uk-railway-stations, trainline-eu/stations (ODbL)."));
  }
  /* No station names below that zoom. */
  labels = wa_label_layout_get (wa_map_style_get_label_layout (style), WA_STATION_MIN_ZOOM);
  for (guint i = 0; i < labels->len; i++)
    g_assert_cmpint (g_array_index (labels, WaLabel, i).role, !=, WA_LABEL_STATION);
}

/* A pack built without the motorway and station sources (as every pack
 * before them) opens with none and draws at the zooms that would show them. */
static void
test_pack_without_layers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  g_autoptr(WaMapStyle) style = NULL;
  WaTestSources sources = { 0 };
  GDALDatasetH dataset;

  wa_test_sources_init (&sources);
  g_assert_true (wa_test_sources_build (&sources, FALSE, &error));
  g_assert_no_error (error);
  dataset = GDALOpenEx (sources.output, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  g_assert_nonnull (dataset);
  g_assert_null (GDALDatasetGetLayerByName (dataset, "motorways"));
  g_assert_null (GDALDatasetGetLayerByName (dataset, "stations"));
  GDALClose (dataset);

  atlas = wa_atlas_open (sources.output, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wa_roads_get_motorways (wa_atlas_get_roads (atlas))->len, ==, 0);
  g_assert_cmpuint (wa_roads_get_stations (wa_atlas_get_roads (atlas))->len, ==, 0);
  style = wa_map_style_new (atlas, WA_PALETTE_VIRIDIS);
  for (guint zoom = 9; zoom <= 14; zoom += 5)
    {
      /* The fixture's wards lie from (-1, 52). */
      double mx, my, world_px = 256.0 * (1 << zoom);
      WaTileRequest request = { zoom, 0, 0, 256, TRUE, 0 };
      cairo_surface_t *tile;

      wa_lonlat_to_mercator (-0.95, 52.05, &mx, &my);
      request.x = (guint) (mx * world_px / 256);
      request.y = (guint) (my * world_px / 256);
      tile = wa_tile_render_surface (style, &request, NULL);
      g_assert_nonnull (tile);
      cairo_surface_destroy (tile);
    }
  g_clear_pointer (&style, wa_map_style_unref);
  g_clear_object (&atlas);
  wa_test_sources_clear (&sources);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();
  g_test_add_func ("/map-roads/m62-near-leeds", test_m62_near_leeds);
  g_test_add_func ("/map-roads/station-leeds", test_station_leeds);
  g_test_add_func ("/map-roads/pack-without-layers", test_pack_without_layers);
  return g_test_run ();
}
