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
#include "wa-raster.h"
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
             gboolean full, gboolean stroked)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, size, size);
  cairo_t *cr = cairo_create (surface);
  /* Wards filled one by one on both sides: the style's dissolved band
   * fills are made in the background and could be taken by one render of
   * a pair and not the other. */
  WaRenderOptions options = { WA_RENDER_PER_WARD_FILLS | (full ? WA_RENDER_FULL_MOTORWAYS : 0)
                              | (stroked ? WA_RENDER_STROKED_MOTORWAYS : 0) };

  cairo_scale (cr, size / 256.0, size / 256.0);
  g_assert_true (wa_map_render_view_full (style, 256.0 * (1u << zoom), origin_x, origin_y, 256,
                                          256, &options, cr, NULL));
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Manchester (the densest motorway tiles), Birmingham's Gravelly Hill
 * interchange and the M4/M5 interchange near Bristol (z7/63/42, the z7
 * tile that changed most in the benchmark's images). */
static const double places[][2] = { { -2.24, 53.48 }, { -1.86, 52.51 }, { -2.56, 51.55 } };

/* At most one pixel in a thousand moves by more than 16/255. */
#define STEP      16
#define FRACTION  0.001

static void
test_tiles_invisible (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  g_autoptr(WaMapStyle) style = NULL;
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
          /* Both stroked: this is about the simplification alone (the
           * z7-z9 covers are compared below). */
          simple = render_tile (style, zoom, size, ox, oy, FALSE, TRUE);
          full = render_tile (style, zoom, size, ox, oy, TRUE, TRUE);
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

/* ---- z7-z9 covers --------------------------------------------------------- */

#define SUPERSAMPLE 8

/* The covers' rings on the raster, as tiles fill them. */
static void
raster_lines (WaRaster *raster, const WaBoxedLines *lines, double world, double ox, double oy)
{
  for (guint l = 0; l < lines->lines->len; l++)
    {
      const WaBoxedLine *line = &g_array_index (lines->lines, WaBoxedLine, l);
      const double *xy = &g_array_index (lines->xy, double, 2 * line->first_point);

      for (guint i = 0; i < line->n_points; i++)
        (i ? wa_raster_line_to : wa_raster_move_to) (raster, xy[2 * i] * world - ox,
                                                     xy[2 * i + 1] * world - oy);
      if (line->closed)
        wa_raster_close_path (raster);
    }
}

static void
trace_lines (cairo_t *cr, const WaBoxedLines *lines, double world, double ox, double oy)
{
  cairo_new_path (cr);
  for (guint l = 0; l < lines->lines->len; l++)
    {
      const WaBoxedLine *line = &g_array_index (lines->lines, WaBoxedLine, l);
      const double *xy = &g_array_index (lines->xy, double, 2 * line->first_point);

      for (guint i = 0; i < line->n_points; i++)
        (i ? cairo_line_to : cairo_move_to) (cr, xy[2 * i] * world - ox, xy[2 * i + 1] * world - oy);
      if (line->closed)
        cairo_close_path (cr);
    }
}

/* The motorways alone on white, as a 256 px tile of zoom at (ox, oy)
 * draws them: stroked as the renderer strokes them (tolerance 0.25) with
 * antialias (FAST, as tiles), stroked exactly (tolerance 0.01, no
 * antialias) at SUPERSAMPLE times the size and averaged down (the
 * reference), or the covers filled on the raster (as tiles fill them). */
typedef enum { DRAW_STROKE, DRAW_REFERENCE, DRAW_COVER } DrawHow;

static guint8 *
draw_motorways_alone (WaMapStyle *style, guint zoom, double ox, double oy, DrawHow how)
{
  guint scale = how == DRAW_REFERENCE ? SUPERSAMPLE : 1, size = 256 * scale;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, size, size);
  cairo_t *cr = cairo_create (surface);
  const WaMapTheme *theme = wa_map_style_get_theme (style);
  const WaMotorwayLines *lines = wa_map_style_get_motorway_lines (style,
                                                                  wa_tile_detail_zoom (zoom, 1));
  const WaRgb *colours[] = { &theme->motorway_casing, &theme->motorway };
  const double alphas[] = { 0.85, 1 };
  double widths[2], world = 256.0 * (1 << zoom);
  g_autoptr(WaRaster) raster = wa_raster_new ();
  int stride = cairo_image_surface_get_stride (surface);
  guint8 *out = g_new0 (guint8, 256 * 256 * 3);
  const guint8 *data;

  g_assert_nonnull (lines);
  wa_map_style_get_motorway_widths (style, zoom, &widths[1], &widths[0]);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  cairo_set_antialias (cr, how == DRAW_REFERENCE ? CAIRO_ANTIALIAS_NONE : CAIRO_ANTIALIAS_FAST);
  cairo_set_tolerance (cr, how == DRAW_REFERENCE ? 0.01 : 0.25);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (guint p = 0; p < WA_N_MOTORWAY_PARTS; p++)
    {
      if (widths[p] <= 0)
        continue;
      cairo_set_source_rgba (cr, colours[p]->red, colours[p]->green, colours[p]->blue, alphas[p]);
      if (how == DRAW_COVER)
        {
          const WaBoxedLines *cover = wa_map_style_get_motorway_cover (style, zoom, 1, p);

          g_assert_nonnull (cover);
          g_assert_true (wa_raster_begin (raster, cr));
          wa_raster_orient_rings (raster);
          raster_lines (raster, cover, world, ox, oy);
          wa_raster_fill (raster, colours[p]->red, colours[p]->green, colours[p]->blue, alphas[p],
                          CAIRO_FILL_RULE_EVEN_ODD);
          wa_raster_end (raster);
        }
      else
        {
          trace_lines (cr, &lines->boxed, world, ox, oy);
          cairo_set_line_width (cr, widths[p]);
          cairo_stroke (cr);
        }
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (guint y = 0; y < 256; y++)
    for (guint x = 0; x < 256; x++)
      for (guint c = 0; c < 3; c++)
        {
          guint sum = 0;

          for (guint sy = 0; sy < scale; sy++)
            for (guint sx = 0; sx < scale; sx++)
              sum += data[(y * scale + sy) * stride + 4 * (x * scale + sx) + c];
          out[3 * (256 * y + x) + c] = (guint8) ((sum + scale * scale / 2) / (scale * scale));
        }
  cairo_surface_destroy (surface);
  return out;
}

/* How far a is from the reference b: the sum of its channels' absolute
 * differences, and the pixels off by more than STEP. */
static guint64
error_sum (const guint8 *a, const guint8 *b, guint *n_off)
{
  guint64 sum = 0;

  *n_off = 0;
  for (guint i = 0; i < 256 * 256; i++)
    {
      guint worst = 0;

      for (guint c = 0; c < 3; c++)
        {
          guint d = (guint) ABS (a[3 * i + c] - b[3 * i + c]);

          sum += d;
          worst = MAX (worst, d);
        }
      *n_off += worst > STEP;
    }
  return sum;
}

/* The covers are drawn in place of the strokes on z7-z9 tiles: they
 * must show the same lines. The strokes are not exact (the tiles' fast
 * antialiasing puts edge pixels up to 100/255 off), so each is compared
 * with the exact drawing; the covers, filled on the tiles' raster, are to
 * be closer to it in all (measured, z9: 14-21 % closer on these three
 * tiles; with cairo's fast antialiasing they were 1-4 % closer). */
static void
test_covers_faithful (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  g_autoptr(WaMapStyle) style = NULL;

  if (atlas == NULL)
    return;
  style = wa_map_style_new (atlas, WA_PALETTE_VIRIDIS);
  for (guint zoom = 7; zoom <= 9; zoom++)
    for (guint p = 0; p < G_N_ELEMENTS (places); p++)
      {
        double mx, my, ox, oy;
        g_autofree guint8 *reference = NULL, *stroke = NULL, *cover = NULL;
        guint stroke_off, cover_off, n_motorway = 0;
        guint64 stroke_error, cover_error;

        wa_lonlat_to_mercator (places[p][0], places[p][1], &mx, &my);
        ox = floor (mx * (1u << zoom)) * 256.0;
        oy = floor (my * (1u << zoom)) * 256.0;
        reference = draw_motorways_alone (style, zoom, ox, oy, DRAW_REFERENCE);
        stroke = draw_motorways_alone (style, zoom, ox, oy, DRAW_STROKE);
        cover = draw_motorways_alone (style, zoom, ox, oy, DRAW_COVER);
        for (guint i = 0; i < 3 * 256 * 256; i++)
          n_motorway += reference[i] < 255 - STEP;
        stroke_error = error_sum (stroke, reference, &stroke_off);
        cover_error = error_sum (cover, reference, &cover_off);
        g_test_message ("z%u at %g, %g: %u motorway pixel channels; off the exact drawing: "
                        "strokes by %" G_GUINT64_FORMAT " in all, %u pixels by more than %d/255; "
                        "covers by %" G_GUINT64_FORMAT ", %u pixels", zoom, places[p][0],
                        places[p][1], n_motorway, stroke_error, stroke_off, STEP, cover_error,
                        cover_off);
        /* The tile has motorways, and the covers draw them. */
        g_assert_cmpuint (n_motorway, >, 1000);
        g_assert_cmpuint (cover_error, <, stroke_error);
      }
}

/* Tiles as the app draws them: with the covers made, z7-z9 tiles fill
 * them, and look as they do stroked to within what the comparison above
 * allows (the same lines; the edges' antialiasing differs). Other zooms,
 * and a casing below z9 (none is drawn), have none. */
static void
test_covers_in_tiles (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  g_autoptr(WaMapStyle) style = NULL;

  if (atlas == NULL)
    return;
  style = wa_map_style_new (atlas, WA_PALETTE_VIRIDIS);
  g_assert_null (wa_map_style_get_motorway_cover (style, 6, 1, WA_MOTORWAY_LINE));
  g_assert_null (wa_map_style_get_motorway_cover (style, 8, 1, WA_MOTORWAY_CASING));
  g_assert_null (wa_map_style_get_motorway_cover (style, 10, 1, WA_MOTORWAY_LINE));
  g_assert_null (wa_map_style_get_motorway_cover (style, 9, 1.5, WA_MOTORWAY_LINE));
  g_assert_null (wa_map_style_get_motorway_cover (style, 8.5, 1, WA_MOTORWAY_LINE));
  for (guint zoom = 7; zoom <= 9; zoom++)
    for (guint size = 256; size <= 512; size *= 2)
      {
        double mx, my, fraction;
        cairo_surface_t *covered, *stroked;

        g_assert_nonnull (wa_map_style_get_motorway_cover (style, zoom, size / 256.0,
                                                           WA_MOTORWAY_LINE));
        g_assert_true ((zoom == 9)
                       == (wa_map_style_get_motorway_cover (style, zoom, size / 256.0,
                                                            WA_MOTORWAY_CASING) != NULL));
        wa_lonlat_to_mercator (places[0][0], places[0][1], &mx, &my);
        covered = render_tile (style, zoom, size, floor (mx * (1u << zoom)) * 256.0,
                               floor (my * (1u << zoom)) * 256.0, FALSE, FALSE);
        stroked = render_tile (style, zoom, size, floor (mx * (1u << zoom)) * 256.0,
                               floor (my * (1u << zoom)) * 256.0, FALSE, TRUE);
        fraction = wa_render_test_fraction_differing (covered, stroked, STEP);
        g_test_message ("z%u %u px, Manchester: %.3f%% of pixels differ", zoom, size,
                        100 * fraction);
        /* Drawn differently (the covers are in use)... */
        g_assert_cmpfloat (fraction, >, 0);
        /* ...but the same lines: only edge pixels move. The strokes'
         * fast antialiasing is what differs (at z9, alone on white, they
         * are off the exact drawing by more than 16/255 in 2,176 pixels
         * of this tile, 3.3 %, the covers in none): 5.4 % at 256 px,
         * under 1 % below z9, where the line is thin and has no casing. */
        g_assert_cmpfloat (fraction, <=, 0.06);
        cairo_surface_destroy (covered);
        cairo_surface_destroy (stroked);
      }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/motorways-simplify", test_simplify);
  g_test_add_func ("/render/motorways-real-chains", test_real_chains);
  g_test_add_func ("/render/motorway-covers-faithful", test_covers_faithful);
  g_test_add_func ("/render/motorway-covers-in-tiles", test_covers_in_tiles);
  g_test_add_func ("/render/motorways-invisible", test_tiles_invisible);
  return g_test_run ();
}
