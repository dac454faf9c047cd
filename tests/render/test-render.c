/* test-render.c: palettes, map styles and tiles, on a pack built from
 * in-code sources (four 0.1° square wards in a row from (-1, 52)) and,
 * when built, the real 2019 pack. */
#include <math.h>

#include "wa-band-fill.h"
#include "wa-label-layout.h"
#include "wa-label-point.h"
#include "wa-test-fixtures.h"
#include "wa-tile-renderer.h"

typedef struct {
  WaTestSources sources;
  WaAtlas *atlas;
  WaMapStyle *style;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  wa_test_sources_init (&f->sources);
  g_assert_true (wa_test_sources_build (&f->sources, FALSE, &error));
  f->atlas = wa_atlas_open (f->sources.output, &error);
  g_assert_no_error (error);
  f->style = wa_map_style_new (f->atlas, WA_PALETTE_VIRIDIS);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  wa_map_style_unref (f->style);
  g_object_unref (f->atlas);
  wa_test_sources_clear (&f->sources);
}

static double
luminance (const WaRgb *c)
{
  return 0.2126 * c->red + 0.7152 * c->green + 0.0722 * c->blue;
}

static void
test_palettes_darkest_is_greatest_need (void)
{
  for (guint p = 0; p < WA_N_PALETTES; p++)
    {
      WaPalette parsed;

      g_assert_true (wa_palette_from_id (wa_palette_to_id (p), &parsed));
      g_assert_cmpint (parsed, ==, p);
      for (guint band = 1; band < WA_N_BANDS; band++)
        {
          WaRgb darker, lighter;

          wa_palette_band_color (p, band - 1, &darker);
          wa_palette_band_color (p, band, &lighter);
          g_assert_cmpfloat (luminance (&darker), <, luminance (&lighter));
        }
    }
  g_assert_false (wa_palette_from_id ("rainbow", &(WaPalette) { 0 }));
}

static void
test_bands_cover_ranks (void)
{
  for (guint n = 1; n <= 60; n++)
    for (guint band = 0; band < WA_N_BANDS; band++)
      {
        guint first, last;

        wa_palette_band_ranks (band, n, &first, &last);
        for (guint rank = first; rank <= last; rank++)
          g_assert_cmpuint (wa_palette_band_for_rank (rank, n), ==, band);
        if (band == 0)
          g_assert_cmpuint (first, ==, 1);
        if (band == WA_N_BANDS - 1)
          g_assert_cmpuint (last, ==, n);
      }
  g_assert_cmpuint (wa_palette_band_for_rank (1, 7421), ==, 0);
  g_assert_cmpuint (wa_palette_band_for_rank (7421, 7421), ==, WA_N_BANDS - 1);
}

/* The pixel at (lon, lat) of the tile drawn there at zoom, as 0xRRGGBB. */
static guint32
pixel_at (WaMapStyle *style, double lon, double lat, guint zoom, guint size)
{
  double mx, my, scale = 1 << zoom;
  WaTileRequest request = { zoom, 0, 0, size, FALSE };
  cairo_surface_t *surface;
  guint px, py;
  guint32 value;

  wa_lonlat_to_mercator (lon, lat, &mx, &my);
  request.x = (guint) (mx * scale);
  request.y = (guint) (my * scale);
  surface = wa_tile_render_surface (style, &request, NULL);
  g_assert_nonnull (surface);
  px = (guint) ((mx * scale - request.x) * size);
  py = (guint) ((my * scale - request.y) * size);
  value = ((guint32 *) (cairo_image_surface_get_data (surface)
                        + py * cairo_image_surface_get_stride (surface)))[px] & 0xffffff;
  cairo_surface_destroy (surface);
  return value;
}

static guint32
rgb_hex (const WaRgb *c)
{
  return ((guint32) round (c->red * 255) << 16) | ((guint32) round (c->green * 255) << 8)
         | (guint32) round (c->blue * 255);
}

static void
assert_close (guint32 got, guint32 want)
{
  for (int shift = 0; shift <= 16; shift += 8)
    g_assert_cmpint (ABS ((int) ((got >> shift) & 0xff) - (int) ((want >> shift) & 0xff)), <=, 2);
}

static void
test_tile_pixel_is_ward_fill (Fixture *f, gconstpointer data)
{
  for (guint i = 0; i < wa_atlas_get_n_wards (f->atlas); i++)
    {
      WaWard *ward = wa_atlas_get_ward (f->atlas, i);
      double lon, lat;
      WaRgb fill;

      wa_geometry_interior_point (wa_ward_get_geometry (ward), &lon, &lat);
      if (!wa_map_style_get_ward_fill (f->style, i, &fill))
        {
          /* No data: grey (plain or hatched), never a palette colour. */
          guint32 got = pixel_at (f->style, lon, lat, 12, 256);
          int r = got >> 16, g = (got >> 8) & 0xff, b = got & 0xff;

          g_assert_cmpint (ABS (r - g), <=, 8);
          g_assert_cmpint (ABS (g - b), <=, 8);
          continue;
        }
      assert_close (pixel_at (f->style, lon, lat, 12, 256), rgb_hex (&fill));
      /* A sharp (512 px) tile has the same colours. */
      assert_close (pixel_at (f->style, lon, lat, 12, 512), rgb_hex (&fill));
    }
}

static void
test_bands_follow_method (Fixture *f, gconstpointer data)
{
  WaWard *first = wa_atlas_lookup_ward (f->atlas, "E05000002");
  WaRgb band0;

  /* Combined rank 1 under the default method: the darkest band. */
  g_assert_cmpuint (wa_ward_get_combined_rank (first), ==, 1);
  g_assert_cmpint (wa_map_style_get_ward_band (f->style, wa_ward_get_index (first)), ==, 0);
  wa_palette_band_color (WA_PALETTE_VIRIDIS, 0, &band0);
  {
    WaRgb fill;

    wa_map_style_get_ward_fill (f->style, wa_ward_get_index (first), &fill);
    g_assert_cmpuint (rgb_hex (&fill), ==, rgb_hex (&band0));
  }
}

static void
test_left_behind_outline (Fixture *f, gconstpointer data)
{
  WaRgb pink;
  guint found = 0;
  WaRankParams params;

  /* With four wards, 10 % leaves none behind: take the worse half. */
  wa_rank_params_init (&params);
  params.method = WA_RANK_METHOD_WORST_RANK;
  params.threshold_percent = 50;
  g_assert_true (wa_atlas_set_rank_params (f->atlas, &params, NULL));
  wa_map_style_unref (f->style);
  f->style = wa_map_style_new (f->atlas, WA_PALETTE_VIRIDIS);
  wa_palette_left_behind_color (&pink);
  for (guint i = 0; i < wa_atlas_get_n_wards (f->atlas); i++)
    {
      const WaBBox *box = wa_geometry_get_bbox (wa_ward_get_geometry (wa_atlas_get_ward (f->atlas, i)));
      /* Just inside the ward's west edge, half-way up. */
      double lon = box->min_x + 0.0002, lat = (box->min_y + box->max_y) / 2;
      guint32 edge = pixel_at (f->style, lon, lat, 12, 256);
      gboolean is_pink = (edge >> 16) > 0xc0 && ((edge >> 8) & 0xff) < 0x80 && (edge & 0xff) > 0x60;

      /* A neighbour's outline may reach into a ward that is not left
       * behind, so only the left-behind wards are checked. */
      if (wa_map_style_is_left_behind (f->style, i))
        {
          g_assert_true (is_pink);
          found++;
        }
    }
  g_assert_cmpuint (found, >, 0);
}

static void
test_sea_outside_land (Fixture *f, gconstpointer data)
{
  WaRgb sea;

  wa_palette_sea_color (&sea);
  assert_close (pixel_at (f->style, 5.0, 45.0, 10, 256), rgb_hex (&sea));
}

static void
test_cancelled_tile (Fixture *f, gconstpointer data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  WaTileRequest request = { 12, 2036, 1360, 256, TRUE };

  g_cancellable_cancel (cancellable);
  g_assert_null (wa_tile_render_surface (f->style, &request, cancellable));
}

static void
test_labels_do_not_overlap (Fixture *f, gconstpointer data)
{
  WaLabelLayout *layout = wa_map_style_get_label_layout (f->style);

  for (guint zoom = 4; zoom <= 16; zoom++)
    {
      GArray *labels = wa_label_layout_get (layout, zoom);

      for (guint i = 0; i < labels->len; i++)
        for (guint j = i + 1; j < labels->len; j++)
          {
            const WaLabel *a = &g_array_index (labels, WaLabel, i);
            const WaLabel *b = &g_array_index (labels, WaLabel, j);

            g_assert_false (fabs (a->x - b->x) * 2 < a->width + b->width
                            && fabs (a->y - b->y) * 2 < a->height + b->height);
          }
      /* The same zoom gives the same placement, whichever tile asks. */
      g_assert_true (wa_label_layout_get (layout, zoom) == labels);
    }
}

/* Every style of an atlas (a new one at each palette or method change)
 * shares one label layout; another atlas has its own. */
static void
test_labels_shared_by_styles (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) other = wa_atlas_open (f->sources.output, &error);
  WaMapStyle *again, *elsewhere;

  g_assert_no_error (error);
  again = wa_map_style_new (f->atlas, WA_PALETTE_MAGMA);
  elsewhere = wa_map_style_new (other, WA_PALETTE_VIRIDIS);
  g_assert_true (wa_map_style_get_label_layout (again) == wa_map_style_get_label_layout (f->style));
  g_assert_true (wa_map_style_get_label_layout (elsewhere) != wa_map_style_get_label_layout (f->style));
  wa_map_style_unref (again);
  wa_map_style_unref (elsewhere);
}


/* ---- seams --------------------------------------------------------------
 * The map view scales tiles by the fractional part of the zoom and places
 * them between device pixels, filtering bilinearly and covering edge
 * pixels in part. This composes a 2 x 2 block of tiles that way (as GTK's
 * renderer does, over a white background) and compares each pixel of the
 * joins with the pixels three to the left and right (or above and below)
 * of it: where those agree, the join must agree with them too. */

static guint32
argb_at (cairo_surface_t *s, int x, int y)
{
  return ((guint32 *) (cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s)))[x];
}

static int
channel_diff (guint32 a, guint32 b)
{
  int d = 0;

  for (int shift = 0; shift <= 16; shift += 8)
    d = MAX (d, ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)));
  return d;
}

static guint
seam_pixels (WaMapStyle *style, guint zoom, guint tx, guint ty, guint size_px, guint bleed,
             double display_scale)
{
  const double offset = 0.5;   /* joins fall mid-pixel, the worst case */
  int side = (int) ceil (2 * 256 * display_scale + 2);
  cairo_surface_t *out = cairo_image_surface_create (CAIRO_FORMAT_RGB24, side, side);
  cairo_t *cr = cairo_create (out);
  guint bad = 0;
  int join = (int) floor (offset + 256 * display_scale);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  for (guint k = 0; k < 4; k++)
    {
      WaTileRequest request = { zoom, tx + (k & 1), ty + (k >> 1), size_px, FALSE, bleed };
      cairo_surface_t *tile = wa_tile_render_surface (style, &request, NULL);
      double x, y, w, h;

      g_assert_nonnull (tile);
      wa_tile_bleed_rect (256, 256, bleed, &x, &y, &w, &h);
      cairo_save (cr);
      cairo_translate (cr, offset + (k & 1) * 256 * display_scale, offset + (k >> 1) * 256 * display_scale);
      cairo_scale (cr, display_scale, display_scale);
      cairo_rectangle (cr, x, y, w, h);
      cairo_translate (cr, x, y);
      cairo_scale (cr, w / cairo_image_surface_get_width (tile), h / cairo_image_surface_get_height (tile));
      cairo_set_source_surface (cr, tile, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
      cairo_fill (cr);
      cairo_restore (cr);
      cairo_surface_destroy (tile);
    }
  cairo_destroy (cr);
  cairo_surface_flush (out);
  for (int i = 4; i < side - 4; i++)
    for (int j = join - 1; j <= join + 1; j++)
      {
        guint32 l = argb_at (out, j - 3, i), r = argb_at (out, j + 3, i), m = argb_at (out, j, i);
        guint32 t = argb_at (out, i, j - 3), b = argb_at (out, i, j + 3), c = argb_at (out, i, j);

        if (channel_diff (l, r) <= 2 && channel_diff (m, l) > 4)
          bad++;
        if (channel_diff (t, b) <= 2 && channel_diff (c, t) > 4)
          bad++;
      }
  cairo_surface_destroy (out);
  return bad;
}

static void
test_no_tile_seams (Fixture *f, gconstpointer data)
{
  /* Inside the first fixture ward (flat fill) and out at sea. */
  static const struct { guint zoom; double lon, lat; } places[] = {
    { 14, -0.95, 52.05 }, { 12, -0.95, 52.05 }, { 6, -20.0, 45.0 },
  };
  static const double display_scales[] = { 1.25, 1.5 };

  for (guint p = 0; p < G_N_ELEMENTS (places); p++)
    for (guint size = 256; size <= 512; size *= 2)
      for (guint d = 0; d < G_N_ELEMENTS (display_scales); d++)
        {
          double mx, my;
          guint tx, ty;

          wa_lonlat_to_mercator (places[p].lon, places[p].lat, &mx, &my);
          tx = (guint) (mx * (1 << places[p].zoom)) - 1;
          ty = (guint) (my * (1 << places[p].zoom)) - 1;
          /* The check can see a seam: tiles painted edge to edge show one. */
          if (p == 0 && d == 0)
            g_assert_cmpuint (seam_pixels (f->style, places[p].zoom, tx, ty, size, 0,
                                           display_scales[d]), >, 100);
          g_assert_cmpuint (seam_pixels (f->style, places[p].zoom, tx, ty, size, WA_TILE_BLEED_PX,
                                         display_scales[d]), ==, 0);
        }
}

/* The label point of an L with arms 0.1 wide: inside it, in the corner,
 * where the largest circle touches both outer sides and the inner corner
 * (radius 0.1 sqrt 2 / (1 + sqrt 2) = 0.0586 degrees). */
static void
test_label_point_of_an_l (void)
{
  /* Near the equator a degree is the same length both ways. */
  static const double xy[] = { 0, 0, 0.4, 0, 0.4, 0.1, 0.1, 0.1, 0.1, 0.4, 0, 0.4 };
  static const guint starts[] = { 0 };
  g_autoptr(WaGeometry) l = wa_geometry_new (xy, 6, starts, 1);
  double lon, lat, radius;

  g_assert_true (wa_label_point_find (l, 1.0, &lon, &lat, &radius));
  g_assert_true (wa_geometry_contains (l, lon, lat));
  g_assert_cmpfloat (fabs (radius - 0.1 * G_SQRT2 / (1 + G_SQRT2) * WA_METRES_PER_DEGREE), <, 20);
  g_assert_cmpfloat (fabs (lon - lat), <, 1e-3);
  g_assert_false (wa_label_point_find (NULL, 1.0, &lon, &lat, &radius));
}

static void
test_real_tile (void)
{
  const char *path = g_getenv ("WA_PACK_2019");
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  g_autoptr(WaMapStyle) style = NULL;
  WaWard *ward;
  double lon, lat;
  WaRgb fill;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("WA_PACK_2019 not built");
      return;
    }
  atlas = wa_atlas_open (path, &error);
  g_assert_no_error (error);
  style = wa_map_style_new (atlas, WA_PALETTE_MAGMA);
  /* Birmingham's Ladywood: a large ward, not left behind. */
  ward = wa_atlas_lookup_ward (atlas, "E05001193");
  g_assert_nonnull (ward);
  wa_geometry_interior_point (wa_ward_get_geometry (ward), &lon, &lat);
  g_assert_true (wa_map_style_get_ward_fill (style, wa_ward_get_index (ward), &fill));
  if (wa_map_style_is_left_behind (style, wa_ward_get_index (ward)))
    {
      g_test_skip ("ward is left behind under the default method");
      return;
    }
  assert_close (pixel_at (style, lon, lat, 10, 256), rgb_hex (&fill));
}


/* The band fill (all four wards in one band) of the fixture, its wards
 * drawn as wkts (NULL: the fixture's own four squares in a row). */
static WaBandFill *
one_band_fill (const char *const *wkts)
{
  static const char *const codes[] = { "E05000001", "E05000002", "E05000003", "E05000004", NULL };
  static const gint8 bands[] = { 0, 0, 0, 0 };
  WaTestSources sources = { 0 };
  g_autoptr(WaAtlas) atlas = NULL;
  WaBandFill *fill;

  wa_test_sources_init (&sources);
  if (wkts != NULL)
    wa_test_write_polygons (sources.dir, "wards", 4326, codes, wkts);
  atlas = wa_test_sources_open (&sources, FALSE);
  g_assert_cmpuint (wa_atlas_get_n_wards (atlas), ==, 4);
  fill = wa_band_fill_new (atlas, bands, NULL, 4, 1, 9);
  wa_test_sources_clear (&sources);
  return fill;
}

/* Wards that tile the plane leave no loose rings, and the one pass fills
 * them. A ward lying on another of its band and sharing an edge with it
 * the same way round (as the benchmark's 10x pack's LSOAs lie on its
 * wards) leaves most of the band's edges in loose rings, and the fill
 * says the wards overlap: tiles then fill band by band, where the one
 * pass would add the colours of the two. */
static void
test_overlapping_wards (void)
{
  /* The second ward a triangle on the first's southern edge. */
  static const char *const overlapping[] = {
    "MULTIPOLYGON (((-1 52, -0.9 52, -0.9 52.1, -1 52.1, -1 52)))",
    "MULTIPOLYGON (((-1 52, -0.9 52, -0.95 52.05, -1 52)))",
    "MULTIPOLYGON (((-0.8 52, -0.7 52, -0.7 52.1, -0.8 52.1, -0.8 52)))",
    "MULTIPOLYGON (((-0.7 52, -0.6 52, -0.6 52.1, -0.7 52.1, -0.7 52)))", NULL,
  };
  WaBandFill *fill = one_band_fill (NULL);

  g_assert_cmpuint (fill->n_loose_edges, ==, 0);
  g_assert_cmpuint (fill->n_common_edges, >, 0);
  g_assert_false (fill->overlapping);
  wa_band_fill_free (fill);

  fill = one_band_fill (overlapping);
  g_assert_cmpuint (fill->n_loose_edges, >, fill->n_edges_simplified / 4);
  g_assert_true (fill->overlapping);
  wa_band_fill_free (fill);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/render/palettes-darkest-is-greatest-need", test_palettes_darkest_is_greatest_need);
  g_test_add_func ("/render/bands-cover-ranks", test_bands_cover_ranks);
  g_test_add ("/render/tile-pixel-is-ward-fill", Fixture, NULL, fixture_set_up,
              test_tile_pixel_is_ward_fill, fixture_tear_down);
  g_test_add ("/render/bands-follow-method", Fixture, NULL, fixture_set_up,
              test_bands_follow_method, fixture_tear_down);
  g_test_add ("/render/left-behind-outline", Fixture, NULL, fixture_set_up,
              test_left_behind_outline, fixture_tear_down);
  g_test_add ("/render/sea-outside-land", Fixture, NULL, fixture_set_up,
              test_sea_outside_land, fixture_tear_down);
  g_test_add ("/render/cancelled-tile", Fixture, NULL, fixture_set_up,
              test_cancelled_tile, fixture_tear_down);
  g_test_add ("/render/labels-do-not-overlap", Fixture, NULL, fixture_set_up,
              test_labels_do_not_overlap, fixture_tear_down);
  g_test_add ("/render/labels-shared-by-styles", Fixture, NULL, fixture_set_up,
              test_labels_shared_by_styles, fixture_tear_down);
  g_test_add ("/render/no-tile-seams", Fixture, NULL, fixture_set_up,
              test_no_tile_seams, fixture_tear_down);
  g_test_add_func ("/render/label-point-of-an-l", test_label_point_of_an_l);
  g_test_add_func ("/render/real-tile", test_real_tile);
  g_test_add_func ("/render/overlapping-wards", test_overlapping_wards);
  return g_test_run ();
}
