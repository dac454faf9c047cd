/* test-atlas-caches.c: what depends on the atlas alone (wa-atlas-caches.h)
 * is made once per atlas, not once per style: the styles of one atlas
 * (other palettes, another theme) get the same boundary lines, motorway
 * lines and covers, another atlas its own, and all of it goes with its
 * atlas. On the in-code fixture pack and, for the covers, the real 2019
 * pack (skipped when it is not built). */
#include "wa-map-style.h"
#include "wa-test-fixtures.h"
#include "wa-tile-renderer.h"

/* A detail zoom where the boundary lines are kept. */
#define LINES_ZOOM 5.0

static WaMapStyle *
new_style (WaAtlas *atlas, WaPalette palette, gboolean high_contrast)
{
  WaMapTheme theme;

  wa_map_theme_init (&theme, FALSE, high_contrast);
  return wa_map_style_new_themed (atlas, palette, &theme);
}

static void
test_lines_per_atlas (void)
{
  g_autoptr(GError) error = NULL;
  WaTestSources sources = { 0 };
  WaAtlas *atlas, *other;
  WaMapStyle *viridis, *blues, *contrast, *styles[3], *other_style;
  const WaBandFill *lad, *region, *other_lad;
  GWeakRef other_ref;
  gint64 deadline;

  wa_test_sources_init (&sources);
  g_assert_true (wa_test_sources_build (&sources, FALSE, &error));
  atlas = wa_atlas_open (sources.output, &error);
  g_assert_no_error (error);
  other = wa_atlas_open (sources.output, &error);
  g_assert_no_error (error);

  styles[0] = viridis = new_style (atlas, WA_PALETTE_VIRIDIS, FALSE);
  styles[1] = blues = new_style (atlas, WA_PALETTE_BLUES, FALSE);
  styles[2] = contrast = new_style (atlas, WA_PALETTE_MAGMA, TRUE);
  lad = wa_map_style_get_area_lines (viridis, WA_AREA_LAD, LINES_ZOOM);
  region = wa_map_style_get_area_lines (viridis, WA_AREA_REGION, LINES_ZOOM);
  g_assert_nonnull (lad);
  g_assert_nonnull (region);
  g_assert_true (lad != region);
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      guint n_steps, n_first;

      /* The same values, already made: the try path has them too. */
      g_assert_true (wa_map_style_get_area_lines (styles[i], WA_AREA_LAD, LINES_ZOOM) == lad);
      g_assert_true (wa_map_style_try_area_lines (styles[i], WA_AREA_LAD, LINES_ZOOM) == lad);
      g_assert_true (wa_map_style_get_area_lines (styles[i], WA_AREA_REGION, LINES_ZOOM + 0.5) == region);
      g_assert_true (wa_map_style_get_motorway_lines (styles[i], wa_tile_detail_zoom (9, 1))
                     == wa_map_style_get_motorway_lines (viridis, wa_tile_detail_zoom (9, 1)));
      g_assert_true (wa_map_style_get_motorway_steps (styles[i], &n_steps)
                     == wa_map_style_get_motorway_steps (viridis, &n_first));
    }
  /* Nor do they go with a style. */
  wa_map_style_unref (viridis);
  wa_map_style_unref (blues);
  g_assert_true (wa_map_style_get_area_lines (contrast, WA_AREA_LAD, LINES_ZOOM) == lad);

  /* Another atlas (the same pack opened again) has its own; asked of the
   * background thread first, whose build keeps the atlas. */
  other_style = new_style (other, WA_PALETTE_VIRIDIS, FALSE);
  g_assert_null (wa_map_style_try_area_lines (other_style, WA_AREA_LAD, LINES_ZOOM));
  other_lad = wa_map_style_get_area_lines (other_style, WA_AREA_LAD, LINES_ZOOM);
  g_assert_nonnull (other_lad);
  g_assert_true (other_lad != lad);
  g_assert_true (wa_map_style_try_area_lines (other_style, WA_AREA_LAD, LINES_ZOOM) == other_lad);
  g_weak_ref_init (&other_ref, other);
  wa_map_style_unref (other_style);
  g_object_unref (other);
  /* The atlas, and its caches with it, go once that build has run. */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  for (WaAtlas *held; (held = g_weak_ref_get (&other_ref)) != NULL;)
    {
      g_object_unref (held);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_thread_yield ();
    }
  g_weak_ref_clear (&other_ref);

  wa_map_style_unref (contrast);
  g_object_unref (atlas);
  wa_test_sources_clear (&sources);
}

/* On the real pack: the z7-z9 covers are made once for the styles of a
 * palette change, and again for another zoom, device scale or line scale
 * (high contrast). */
static void
test_covers_per_atlas (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  g_autoptr(WaMapStyle) viridis = NULL;
  g_autoptr(WaMapStyle) blues = NULL;
  g_autoptr(WaMapStyle) contrast = NULL;
  const WaBoxedLines *cover;

  if (atlas == NULL)
    return;
  viridis = new_style (atlas, WA_PALETTE_VIRIDIS, FALSE);
  blues = new_style (atlas, WA_PALETTE_BLUES, FALSE);
  contrast = new_style (atlas, WA_PALETTE_VIRIDIS, TRUE);
  cover = wa_map_style_get_motorway_cover (viridis, 9, 1, WA_MOTORWAY_CASING);
  g_assert_nonnull (cover);
  g_assert_true (wa_map_style_get_motorway_cover (blues, 9, 1, WA_MOTORWAY_CASING) == cover);
  g_assert_true (wa_map_style_try_motorway_cover (blues, 9, 1, WA_MOTORWAY_CASING) == cover);
  /* Wider lines: a cover of their own. */
  g_assert_nonnull (wa_map_style_get_motorway_cover (contrast, 9, 1, WA_MOTORWAY_CASING));
  g_assert_true (wa_map_style_get_motorway_cover (contrast, 9, 1, WA_MOTORWAY_CASING) != cover);
  /* One cover per zoom (z7-z9), device scale and line scale. */
  {
    const WaBoxedLines *seen[3][2][2];

    for (guint z = 0; z < 3; z++)
      for (guint s = 0; s < 2; s++)
        for (guint c = 0; c < 2; c++)
          {
            seen[z][s][c] = wa_map_style_get_motorway_cover (c ? contrast : viridis, 7 + z, s + 1,
                                                             WA_MOTORWAY_LINE);
            g_assert_nonnull (seen[z][s][c]);
            g_assert_true (wa_map_style_get_motorway_cover (c ? contrast : blues, 7 + z, s + 1,
                                                            WA_MOTORWAY_LINE) == seen[z][s][c]);
            for (guint k = 0; k < z * 4 + s * 2 + c; k++)
              g_assert_true (((const WaBoxedLines **) seen)[k] != seen[z][s][c]);
          }
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/atlas-caches/lines-per-atlas", test_lines_per_atlas);
  g_test_add_func ("/render/atlas-caches/covers-per-atlas", test_covers_per_atlas);
  return g_test_run ();
}
