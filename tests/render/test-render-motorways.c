/* test-render-motorways.c: the motorways simplified per zoom
 * (wa-motorway-lines.h). Douglas-Peucker keeps a line's ends and pinned
 * points and leaves no dropped point further than the tolerance from
 * the kept line, on a made-up line and on the real 2019 pack's chains;
 * and on the real pack (skipped when absent) tiles with motorways at
 * z7-z12 drawn from the simplified lines look as they do drawn from the
 * full-detail links. */
#include <math.h>

#include "render-test-util.h"
#include "wa-motorway-lines.h"
#include "wa-test-fixtures.h"
#include "wa-tile-renderer.h"

/* Every point of full (n) that is not the next of simple (m, a
 * subsequence of full starting and ending with full's ends) lies within
 * tolerance of simple's segment around it. */
static void
assert_within (const double *full, guint n, const double *simple, guint m, double tolerance)
{
  guint j = 0;

  g_assert_cmpuint (m, >=, 2);
  g_assert_cmpfloat (simple[0], ==, full[0]);
  g_assert_cmpfloat (simple[1], ==, full[1]);
  g_assert_cmpfloat (simple[2 * m - 2], ==, full[2 * n - 2]);
  g_assert_cmpfloat (simple[2 * m - 1], ==, full[2 * n - 1]);
  for (guint i = 1; i + 1 < n; i++)
    {
      if (j + 2 < m && full[2 * i] == simple[2 * j + 2] && full[2 * i + 1] == simple[2 * j + 3])
        {
          j++;
          continue;
        }
      g_assert_cmpfloat (sqrt (wa_point_segment_distance2 (&full[2 * i], &simple[2 * j], &simple[2 * j + 2])),
                         <=, tolerance * (1 + 1e-9));
    }
  g_assert_cmpuint (j + 2, ==, m);
}

/* A wiggly line: its ends and a pinned point stay, and it loses most of
 * its points. */
static void
test_simplify (void)
{
  enum { N = 2001 };
  g_autofree double *xy = g_new (double, 2 * N);
  g_autofree double *kept = g_new (double, 2 * N);
  gboolean pinned[N] = { 0 }, keep[N];
  guint n_kept, m = 0;

  for (guint i = 0; i < N; i++)
    {
      xy[2 * i] = i * 0.37;
      xy[2 * i + 1] = 20 * sin (i * 0.01) + 0.1 * sin (i * 1.3);
    }
  pinned[777] = TRUE;
  n_kept = wa_motorway_simplify (xy, N, pinned, 0.3, keep);
  g_assert_true (keep[0] && keep[N - 1] && keep[777]);
  for (guint i = 0; i < N; i++)
    if (keep[i])
      {
        kept[2 * m] = xy[2 * i];
        kept[2 * m + 1] = xy[2 * i + 1];
        m++;
      }
  g_assert_cmpuint (m, ==, n_kept);
  g_assert_cmpuint (n_kept, <, N / 4);
  assert_within (xy, N, kept, m, 0.3);
  /* Two points stay two points. */
  g_assert_cmpuint (wa_motorway_simplify (xy, 2, NULL, 100, keep), ==, 2);
}

/* The old rule per device pixel: a point is drawn when it is half a
 * device pixel (Manhattan) from the last one drawn, or ends its link. */
static guint
half_pixel_count (GPtrArray *roads, const WaRoadStep *steps, guint n_steps, double world)
{
  guint n = 0;
  double lx = 0, ly = 0;

  for (guint i = 0; i < n_steps; i++)
    {
      const WaRoad *road = g_ptr_array_index (roads, steps[i].road);

      for (guint k = steps[i].continues ? 1 : 0; k < road->n_points; k++)
        {
          double x, y;

          wa_lonlat_to_mercator (road->xy[2 * k], road->xy[2 * k + 1], &x, &y);
          x *= world, y *= world;
          if (k == 0 || k == road->n_points - 1 || fabs (x - lx) + fabs (y - ly) >= 0.5)
            n++, lx = x, ly = y;
        }
    }
  return n;
}

/* The real pack's chains: ends exact, every dropped point within the
 * tolerance; the counts per zoom for the README. */
static void
test_real_chains (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  g_autoptr(WaMapStyle) style = NULL;
  g_autoptr(GArray) full = g_array_new (FALSE, FALSE, 2 * sizeof (double));
  GPtrArray *roads;
  const WaRoadStep *steps;
  guint n_steps;

  if (atlas == NULL)
    return;
  roads = wa_roads_get_motorways (wa_atlas_get_roads (atlas));
  style = wa_map_style_new (atlas, WA_PALETTE_VIRIDIS);
  steps = wa_map_style_get_motorway_steps (style, &n_steps);
  g_assert_cmpuint (n_steps, >, 1000);
  for (guint zoom = 6; zoom <= 13; zoom++)
    {
      gint64 start = g_get_monotonic_time ();
      const WaMotorwayLines *lines = wa_map_style_get_motorway_lines (style, zoom);
      double world = 512.0 * exp2 (zoom);
      guint c = 0;

      if (lines == NULL)
        {
          /* From detail zoom 13 tiles draw the links. */
          g_assert_cmpuint (zoom, >=, 13);
          continue;
        }
      g_assert_cmpuint (zoom, <, 13);
      g_test_message ("detail z%u: %u points of %u kept (%.1f %%; half-pixel rule %u), %u lines "
                      "of %u chains, %.1f ms", zoom, lines->boxed.xy->len / 2, lines->n_points_in,
                      100.0 * lines->boxed.xy->len / 2 / lines->n_points_in,
                      half_pixel_count (roads, steps, n_steps, world), lines->boxed.lines->len,
                      lines->pieces->len,
                      (g_get_monotonic_time () - start) / 1000.0);
      g_assert_cmpuint (lines->boxed.xy->len / 2, <, lines->n_points_in);
      /* Chains that meet end to end or start to start are joined. */
      g_assert_cmpuint (lines->boxed.lines->len, <, lines->pieces->len * 4 / 5);
      /* Walk the chains again from the steps, as the lines were made. */
      if (zoom != 6 && zoom != 12)
        continue;
      for (guint i = 0; i <= n_steps; i++)
        {
          if (i == n_steps || (!steps[i].continues && full->len > 0))
            {
              const WaMotorwayPiece *piece = &g_array_index (lines->pieces, WaMotorwayPiece, c++);
              double *points = (double *) full->data;

              /* A chain walked backwards in its line: its points reversed. */
              for (guint k = 0; piece->reversed && k < full->len / 2; k++)
                for (guint d = 0; d < 2; d++)
                  {
                    double t = points[2 * k + d];

                    points[2 * k + d] = points[2 * (full->len - 1 - k) + d];
                    points[2 * (full->len - 1 - k) + d] = t;
                  }
              g_assert_cmpuint (piece->chain, <, lines->boxed.lines->len);
              assert_within (points, full->len,
                             (const double *) lines->boxed.xy->data + 2 * piece->first_point,
                             piece->n_points, lines->tolerance);
              g_array_set_size (full, 0);
            }
          if (i == n_steps)
            break;
          {
            const WaRoad *road = g_ptr_array_index (roads, steps[i].road);

            for (guint k = steps[i].continues ? 1 : 0; k < road->n_points; k++)
              {
                double p[2];

                wa_lonlat_to_mercator (road->xy[2 * k], road->xy[2 * k + 1], &p[0], &p[1]);
                g_array_append_val (full, p);
              }
          }
        }
      g_assert_cmpuint (c, ==, lines->pieces->len);
    }
}

static cairo_surface_t *
render_tile (WaMapStyle *style, guint zoom, guint size, double origin_x, double origin_y,
             gboolean full)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, size, size);
  cairo_t *cr = cairo_create (surface);
  /* Wards filled one by one on both sides: the style's dissolved band
   * fills are made in the background and could be taken by one render of
   * a pair and not the other. */
  WaRenderOptions options = { WA_RENDER_PER_WARD_FILLS | (full ? WA_RENDER_FULL_MOTORWAYS : 0) };

  cairo_scale (cr, size / 256.0, size / 256.0);
  g_assert_true (wa_map_render_view_full (style, 256.0 * (1u << zoom), origin_x, origin_y, 256,
                                          256, &options, cr, NULL));
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* At most one pixel in a thousand moves by more than 16/255. */
#define STEP      16
#define FRACTION  0.001

static void
test_tiles_invisible (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  g_autoptr(WaMapStyle) style = NULL;
  /* Manchester (the densest motorway tiles), Birmingham's Gravelly Hill
   * interchange and the M4/M5 interchange near Bristol (z7/63/42, the
   * z7 tile that changed most in the benchmark's images). */
  static const double places[][2] = { { -2.24, 53.48 }, { -1.86, 52.51 }, { -2.56, 51.55 } };
  guint n_drawn = 0;

  if (atlas == NULL)
    return;
  style = wa_map_style_new (atlas, WA_PALETTE_VIRIDIS);
  for (guint zoom = 7; zoom <= 12; zoom++)
    for (guint size = 256; size <= 512; size *= 2)
      for (guint p = 0; p < G_N_ELEMENTS (places); p++)
        {
          cairo_surface_t *simple, *full;
          double mx, my, fraction, ox, oy;

          wa_lonlat_to_mercator (places[p][0], places[p][1], &mx, &my);
          ox = floor (mx * (1u << zoom)) * 256.0;
          oy = floor (my * (1u << zoom)) * 256.0;
          n_drawn += wa_map_style_get_motorway_lines (style, wa_tile_detail_zoom (zoom, size / 256.0))
                     != NULL;
          simple = render_tile (style, zoom, size, ox, oy, FALSE);
          full = render_tile (style, zoom, size, ox, oy, TRUE);
          fraction = wa_render_test_fraction_differing (simple, full, STEP);
          g_test_message ("z%u %u px at %g, %g: %.3f%% of pixels differ", zoom, size,
                          places[p][0], places[p][1], 100 * fraction);
          g_assert_cmpfloat (fraction, <=, FRACTION);
          cairo_surface_destroy (simple);
          cairo_surface_destroy (full);
        }
  /* The simplified path was taken (not the full-detail one twice). */
  g_assert_cmpuint (n_drawn, >, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/motorways-simplify", test_simplify);
  g_test_add_func ("/render/motorways-real-chains", test_real_chains);
  g_test_add_func ("/render/motorways-invisible", test_tiles_invisible);
  return g_test_run ();
}
