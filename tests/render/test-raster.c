/* test-raster.c: the tiles' fill rasteriser (wa-raster.h) gives each pixel
 * the share of its area a path covers. References are drawn by cairo
 * without antialiasing at 16 x 16 samples a pixel, so they are exact to
 * about 1/16 of a pixel's coverage along an edge. */
#include <math.h>

#include "wa-raster.h"

#define W   48
#define H   40
#define SS  16

typedef struct {
  double xy[2 * 48];
  guint n;
} Ring;

/* A star-shaped ring, often reaching beyond the surface. */
static void
random_ring (GRand *rand, Ring *ring)
{
  double cx = g_rand_double_range (rand, -8, W + 8), cy = g_rand_double_range (rand, -8, H + 8);

  ring->n = g_rand_int_range (rand, 3, 48);
  for (guint i = 0; i < ring->n; i++)
    {
      double angle = 2 * G_PI * i / ring->n, radius = g_rand_double_range (rand, 0.2, 24);

      ring->xy[2 * i] = cx + radius * cos (angle);
      ring->xy[2 * i + 1] = cy + radius * sin (angle);
    }
}

static void
cairo_ring (cairo_t *cr, const Ring *ring, double scale, gboolean closed)
{
  cairo_move_to (cr, ring->xy[0] * scale, ring->xy[1] * scale);
  for (guint i = 1; i < ring->n; i++)
    cairo_line_to (cr, ring->xy[2 * i] * scale, ring->xy[2 * i + 1] * scale);
  if (closed)
    cairo_close_path (cr);
}

static void
raster_ring (WaRaster *raster, const Ring *ring, gboolean closed)
{
  wa_raster_move_to (raster, ring->xy[0], ring->xy[1]);
  for (guint i = 1; i < ring->n; i++)
    wa_raster_line_to (raster, ring->xy[2 * i], ring->xy[2 * i + 1]);
  if (closed)
    wa_raster_close_path (raster);
}

/* Strokes with round joins and ends (wa_raster_set_round_joins) while
 * set, else butt ends and bevel joins: for the references, the raster
 * and cairo's fast drawing alike. */
static gboolean round_joins;

/* Each pixel's covered share (0-255) of rings filled with rule, or
 * stroked width wide (see round_joins), counted on SS x SS samples. */
static void
reference (const Ring *rings, guint n_rings, cairo_fill_rule_t rule, double width, double *out)
{
  cairo_surface_t *samples = cairo_image_surface_create (CAIRO_FORMAT_A8, W * SS, H * SS);
  cairo_t *cr = cairo_create (samples);
  const guint8 *data;
  int stride;

  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_fill_rule (cr, rule);
  for (guint r = 0; r < n_rings; r++)
    cairo_ring (cr, &rings[r], SS, width == 0);
  if (width > 0)
    {
      cairo_set_line_join (cr, round_joins ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_BEVEL);
      cairo_set_line_cap (cr, round_joins ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
      cairo_set_line_width (cr, width * SS);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (samples);
  data = cairo_image_surface_get_data (samples);
  stride = cairo_image_surface_get_stride (samples);
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      {
        guint n = 0;

        for (int j = 0; j < SS; j++)
          for (int i = 0; i < SS; i++)
            n += data[(y * SS + j) * stride + x * SS + i] != 0;
        out[y * W + x] = 255.0 * n / (SS * SS);
      }
  cairo_surface_destroy (samples);
}

/* A black ARGB32 surface and a context on it. */
static cairo_t *
black_context (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_paint (cr);
  return cr;
}

/* The green channel of pixel (x, y). */
static int
green_at (cairo_t *cr, int x, int y)
{
  cairo_surface_t *surface = cairo_get_target (cr);
  const guint8 *row;

  cairo_surface_flush (surface);
  row = cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface);
  return (((const guint32 *) row)[x] >> 8) & 0xff;
}

/* The mean and largest difference of cr's pixels from the reference. */
static void
off_reference (cairo_t *cr, const double *exact, double *mean, double *worst)
{
  double sum = 0;

  *worst = 0;
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      {
        double off = fabs (green_at (cr, x, y) - exact[y * W + x]);

        sum += off;
        *worst = MAX (*worst, off);
      }
  *mean = sum / (W * H);
}

/* How far the raster's drawing of rings in white over black is from the
 * reference, and with fast_mean, how far cairo's fast antialiasing (as
 * tiles drew before the raster) is on average. */
static void
compare_with_reference (WaRaster *raster, const Ring *rings, guint n_rings,
                        cairo_fill_rule_t rule, double width, double *mean, double *worst,
                        double *fast_mean)
{
  g_autofree double *exact = g_new (double, W * H);
  cairo_t *cr = black_context ();
  double fast_worst;

  g_assert_true (wa_raster_begin (raster, cr));
  if (width > 0)
    wa_raster_set_line_width (raster, width);
  if (width > 0 && round_joins)
    wa_raster_set_round_joins (raster);
  for (guint r = 0; r < n_rings; r++)
    raster_ring (raster, &rings[r], width == 0);
  wa_raster_fill (raster, 1, 1, 1, 1, rule);
  wa_raster_end (raster);
  reference (rings, n_rings, rule, width, exact);
  off_reference (cr, exact, mean, worst);
  cairo_destroy (cr);
  if (fast_mean == NULL)
    return;

  cr = black_context ();
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  cairo_set_fill_rule (cr, rule);
  cairo_set_line_join (cr, round_joins ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_BEVEL);
  cairo_set_line_cap (cr, round_joins ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
  cairo_set_source_rgb (cr, 1, 1, 1);
  for (guint r = 0; r < n_rings; r++)
    cairo_ring (cr, &rings[r], 1, width == 0);
  if (width > 0)
    {
      cairo_set_line_width (cr, width);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);
  off_reference (cr, exact, fast_mean, &fast_worst);
  cairo_destroy (cr);
}

/* Rings under both rules: one ring, every pixel within what 16 x 16
 * samples can tell (an edge crossing a pixel moves its count by up to a
 * sixteenth), and on average far closer; two or three overlapping, a
 * pixel where edges cross is approximate (its area is summed, not
 * sampled), and the mean is still within a fraction of a level. */
static void
test_fill_area (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (18);
  g_autoptr(WaRaster) raster = wa_raster_new ();
  double mean_sum[2] = { 0 }, worst[2] = { 0 }, fast_sum[2] = { 0 };

  for (guint t = 0; t < 80; t++)
    {
      Ring rings[3];
      guint n = t < 40 ? 1 : 2 + t % 2;
      double mean, tile_worst, fast_mean;

      for (guint r = 0; r < n; r++)
        random_ring (rand, &rings[r]);
      compare_with_reference (raster, rings, n,
                              t % 3 ? CAIRO_FILL_RULE_EVEN_ODD : CAIRO_FILL_RULE_WINDING,
                              0, &mean, &tile_worst, &fast_mean);
      mean_sum[n > 1] += mean;
      fast_sum[n > 1] += fast_mean;
      worst[n > 1] = MAX (worst[n > 1], tile_worst);
    }
  g_test_message ("off 16 x 16 samples: one ring, mean %.3f/255 (cairo's fast antialiasing "
                  "%.3f), worst %.1f/255; overlapping, mean %.3f/255 (fast %.3f), worst %.1f/255",
                  mean_sum[0] / 40, fast_sum[0] / 40, worst[0], mean_sum[1] / 40,
                  fast_sum[1] / 40, worst[1]);
  g_assert_cmpfloat (mean_sum[0] / 40, <, 0.1);
  g_assert_cmpfloat (worst[0], <=, 24);
  g_assert_cmpfloat (mean_sum[1], <, fast_sum[1]);
}

/* Forty wandering lines, as boundaries wander: n points step pixels
 * apart, turning by up to max_turn radians at each, min_width to
 * max_width wide, starting at least margin pixels inside the surface. */
typedef struct {
  guint32 seed;
  guint n;
  double step, max_turn, min_width, max_width, margin;
} Lines;

/* The lines' mean and worst difference from the reference, and cairo's
 * fast antialiasing's mean, each line's mean averaged. */
static void
measure_lines (const Lines *lines, double *mean, double *worst, double *fast_mean)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (lines->seed);
  g_autoptr(WaRaster) raster = wa_raster_new ();

  *mean = *worst = *fast_mean = 0;
  for (guint t = 0; t < 40; t++)
    {
      Ring line;
      double line_mean, line_worst, line_fast;
      double x = g_rand_double_range (rand, lines->margin, W - lines->margin);
      double y = g_rand_double_range (rand, lines->margin, H - lines->margin);
      double heading = g_rand_double_range (rand, 0, 2 * G_PI);

      line.n = lines->n;
      for (guint i = 0; i < line.n; i++)
        {
          line.xy[2 * i] = x;
          line.xy[2 * i + 1] = y;
          heading += g_rand_double_range (rand, -lines->max_turn, lines->max_turn);
          x += lines->step * cos (heading);
          y += lines->step * sin (heading);
        }
      compare_with_reference (raster, &line, 1, CAIRO_FILL_RULE_WINDING,
                              g_rand_double_range (rand, lines->min_width, lines->max_width),
                              &line_mean, &line_worst, &line_fast);
      *mean += line_mean / 40;
      *fast_mean += line_fast / 40;
      *worst = MAX (*worst, line_worst);
    }
}

/* Measures lines (measure_lines), reports them as what, and checks that
 * they are closer than cairo's fast antialiasing on average and, with a
 * worst_bound above 0, that no pixel is further off than it. */
static void
check_lines (const Lines *lines, const char *what, double worst_bound)
{
  double mean, worst, fast_mean;

  measure_lines (lines, &mean, &worst, &fast_mean);
  g_test_message ("%s off 16 x 16 samples: mean %.3f/255 (cairo's fast antialiasing %.3f), "
                  "worst %.1f/255", what, mean, fast_mean, worst);
  g_assert_cmpfloat (mean, <, fast_mean);
  if (worst_bound > 0)
    g_assert_cmpfloat (worst, <=, worst_bound);
}

/* Lines 0.7 to 2 pixels wide turning under 60 degrees: the raster leaves
 * out joins, whose area for such lines is a fraction of a pixel, and sums
 * the areas where the line crosses itself; still closer than cairo's fast
 * antialiasing. */
static void
test_stroke_area (void)
{
  static const Lines lines = { 7, 24, 2.5, 1, 0.7, 2, 0 };

  check_lines (&lines, "strokes", 0);
}

/* Lines 1.4 to 3 pixels wide with sharp bends (up to 150 degrees) and
 * round joins and ends, as the left-behind outline: an arc on the outer
 * side of each sharp bend, mitres elsewhere, discs at the ends. Closer
 * than cairo's fast antialiasing on average (with nothing at the bends,
 * each left a notch: mean 1.26/255 off, worst 255; with a disc at each,
 * as until 2026-12-06, 0.49/255, worst 130/255). Where two parts of the
 * outline share an edge pixel their shares are summed, so such a pixel
 * can come out darker (measured worst 105/255). */
static void
test_round_joins (void)
{
  static const Lines lines = { 11, 16, 3, 2.6, 1.4, 3, 8 };

  round_joins = TRUE;
  check_lines (&lines, "round-joined strokes", 150);
  round_joins = FALSE;
}

/* Lines 1 to 2.5 pixels wide with sharp bends (up to 150 degrees),
 * bevelled and with butt ends, as council and region boundaries: a bevel
 * on the outer side of each sharp bend, mitres elsewhere. Closer than
 * cairo's fast antialiasing on average (until 2026-12-06 a sharp bend
 * left a notch on its outer side: mean 0.40/255 off, worst 153/255;
 * measured 0.25/255, worst 124/255). */
static void
test_bevel_joins (void)
{
  static const Lines lines = { 13, 16, 3, 2.6, 1, 2.5, 8 };

  check_lines (&lines, "bevelled strokes", 150);
}

/* Two squares sharing an edge through the middle of pixels, an island
 * in a hole, all one colour: every pixel in them fully covered, with the
 * rings as drawn (square outer, hole the other way round) or, for rings
 * of any direction, turned by wa_raster_orient_rings. */
static void
test_shared_edges (void)
{
  static const Ring left = { { 4, 4, 20.5, 4, 20.5, 30, 4, 30 }, 4 };
  static const Ring right_reversed = { { 20.5, 4, 20.5, 30, 37, 30, 37, 4 }, 4 };
  static const Ring right = { { 20.5, 4, 37, 4, 37, 30, 20.5, 30 }, 4 };
  static const Ring hole = { { 10.25, 10.25, 10.25, 20.75, 30.25, 20.75, 30.25, 10.25 }, 4 };
  static const Ring island = { { 10.25, 10.25, 30.25, 10.25, 30.25, 20.75, 10.25, 20.75 }, 4 };
  g_autoptr(WaRaster) raster = wa_raster_new ();

  for (guint orient = 0; orient < 2; orient++)
    {
      cairo_t *cr = black_context ();

      g_assert_true (wa_raster_begin (raster, cr));
      if (orient)
        wa_raster_orient_rings (raster);
      raster_ring (raster, &left, TRUE);
      raster_ring (raster, orient ? &right_reversed : &right, TRUE);
      if (!orient)
        {
          raster_ring (raster, &hole, TRUE);
          raster_ring (raster, &island, TRUE);
        }
      wa_raster_fill (raster, 1, 1, 1, 1, CAIRO_FILL_RULE_EVEN_ODD);
      wa_raster_end (raster);
      for (int y = 4; y < 30; y++)
        for (int x = 4; x < 37; x++)
          g_assert_cmpint (green_at (cr, x, y), ==, 255);
      g_assert_cmpint (green_at (cr, 3, 10), ==, 0);
      g_assert_cmpint (green_at (cr, 37, 10), ==, 0);
      cairo_destroy (cr);
    }
}

/* Under a scale and a clip, the raster draws what it draws without the
 * clip, inside the clip alone, blended over what is there. */
static void
test_clip_and_scale (void)
{
  /* Device (4, 2), (48, 8) and (20, 40): across the clip's sides. */
  static const Ring ring = { { 0, 0, 22, 3, 8, 19 }, 3 };
  g_autoptr(WaRaster) raster = wa_raster_new ();
  cairo_t *whole = black_context (), *clipped = black_context ();

  cairo_translate (whole, 4, 2);
  cairo_scale (whole, 2, 2);
  cairo_translate (clipped, 4, 2);
  cairo_scale (clipped, 2, 2);
  cairo_rectangle (clipped, 2, 1, 15, 13);   /* device (8, 4) to (38, 30) */
  cairo_clip (clipped);
  for (guint pass = 0; pass < 2; pass++)
    {
      cairo_t *cr = pass ? clipped : whole;

      g_assert_true (wa_raster_begin (raster, cr));
      raster_ring (raster, &ring, TRUE);
      wa_raster_fill (raster, 0.2, 0.6, 0.4, 0.75, CAIRO_FILL_RULE_WINDING);
      wa_raster_end (raster);
    }
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      {
        gboolean inside = x >= 8 && x < 38 && y >= 4 && y < 30;

        g_assert_cmpint (green_at (clipped, x, y), ==, inside ? green_at (whole, x, y) : 0);
      }
  g_assert_cmpint (green_at (whole, 20, 15) + green_at (whole, 30, 20), >, 0);
  cairo_destroy (whole);
  cairo_destroy (clipped);
}

/* Where it could not be exact, the raster declines and cairo draws. */
static void
test_declines (void)
{
  g_autoptr(WaRaster) raster = wa_raster_new ();
  cairo_surface_t *a8 = cairo_image_surface_create (CAIRO_FORMAT_A8, W, H);
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_surface_t *offset = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr;

  cr = cairo_create (a8);
  g_assert_false (wa_raster_begin (raster, cr));
  cairo_destroy (cr);
  cr = cairo_create (recording);
  g_assert_false (wa_raster_begin (raster, cr));
  cairo_destroy (cr);
  cairo_surface_set_device_offset (offset, 3, 0);
  cr = cairo_create (offset);
  g_assert_false (wa_raster_begin (raster, cr));
  cairo_destroy (cr);

  cr = black_context ();
  cairo_rotate (cr, 0.1);
  g_assert_false (wa_raster_begin (raster, cr));
  cairo_identity_matrix (cr);
  cairo_scale (cr, 2, 1);
  g_assert_false (wa_raster_begin (raster, cr));
  cairo_identity_matrix (cr);
  cairo_rectangle (cr, 0.5, 0, 10, 10);
  cairo_clip (cr);
  g_assert_false (wa_raster_begin (raster, cr));
  cairo_reset_clip (cr);
  g_assert_true (wa_raster_begin (raster, cr));
  wa_raster_end (raster);
  cairo_destroy (cr);
  cairo_surface_destroy (a8);
  cairo_surface_destroy (recording);
  cairo_surface_destroy (offset);
}

/* A path dropped half-way (a render cancelled) leaves nothing behind: the
 * next fill is as on a new raster. */
static void
test_new_path_clears (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(WaRaster) raster = wa_raster_new ();
  Ring dropped, kept;
  double mean, worst;

  random_ring (rand, &dropped);
  random_ring (rand, &kept);
  for (guint i = 0; i < 2; i++)
    {
      cairo_t *cr = black_context ();

      g_assert_true (wa_raster_begin (raster, cr));
      raster_ring (raster, &dropped, TRUE);
      wa_raster_set_line_width (raster, 1);
      raster_ring (raster, &dropped, FALSE);
      wa_raster_new_path (raster);
      wa_raster_fill (raster, 1, 1, 1, 1, CAIRO_FILL_RULE_WINDING);
      wa_raster_end (raster);
      for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
          g_assert_cmpint (green_at (cr, x, y), ==, 0);
      cairo_destroy (cr);
    }
  compare_with_reference (raster, &kept, 1, CAIRO_FILL_RULE_WINDING, 0, &mean, &worst, NULL);
  g_assert_cmpfloat (mean, <, 0.2);
  g_assert_cmpfloat (worst, <=, 24);
}

/* ---- colour mode ---- */

/* A grid of four-sided areas tiling the plane beyond the surface on
 * every side, their shared corners moved at random, each a random
 * colour: as a map's bands meet. */
#define GX 9
#define GY 8
typedef struct {
  double x[GX + 1][GY + 1], y[GX + 1][GY + 1];
  double rgb[GX][GY][3];
} Grid;

static void
random_grid (GRand *rand, Grid *g)
{
  double cw = (W + 20.0) / GX, ch = (H + 16.0) / GY;

  for (int i = 0; i <= GX; i++)
    for (int j = 0; j <= GY; j++)
      {
        g->x[i][j] = -10 + i * cw + g_rand_double_range (rand, -0.4, 0.4) * cw;
        g->y[i][j] = -8 + j * ch + g_rand_double_range (rand, -0.4, 0.4) * ch;
      }
  for (int i = 0; i < GX; i++)
    for (int j = 0; j < GY; j++)
      for (int c = 0; c < 3; c++)
        g->rgb[i][j][c] = g_rand_double (rand);
}

/* Channel c of area (i, j)'s colour (premultiplied: alpha is 1), or of
 * none (0) beyond the grid; c == 3 is its alpha. */
static double
grid_colour (const Grid *g, int i, int j, int c)
{
  if (i < 0 || j < 0 || i >= GX || j >= GY)
    return 0;
  return c == 3 ? 1 : g->rgb[i][j][c];
}

/* A line from corner (i, j) to (i2, j2), weighted by area (ri, rj) on
 * its right (y down) less area (li, lj) on its left. */
static void
grid_line (WaRaster *raster, const Grid *g, int i, int j, int i2, int j2, int ri, int rj,
           int li, int lj)
{
  double w[4];

  for (int c = 0; c < 4; c++)
    w[c] = grid_colour (g, ri, rj, c) - grid_colour (g, li, lj, c);
  wa_raster_set_weight (raster, w[0], w[1], w[2], w[3]);
  wa_raster_move_to (raster, g->x[i][j], g->y[i][j]);
  wa_raster_line_to (raster, g->x[i2][j2], g->y[i2][j2]);
}

/* Every edge of the grid once: rightwards, the area above on the right;
 * downwards, the area of column i. */
static void
raster_grid (WaRaster *raster, const Grid *g)
{
  wa_raster_begin_colours (raster);
  for (int i = 0; i <= GX; i++)
    for (int j = 0; j <= GY; j++)
      {
        if (i < GX)
          grid_line (raster, g, i, j, i + 1, j, i, j - 1, i, j);
        if (j < GY)
          grid_line (raster, g, i, j, i, j + 1, i, j, i - 1, j);
      }
  wa_raster_fill_colours (raster);
}

static void
grid_cell_path (cairo_t *cr, const Grid *g, int i, int j, double scale)
{
  cairo_move_to (cr, g->x[i][j] * scale, g->y[i][j] * scale);
  cairo_line_to (cr, g->x[i + 1][j] * scale, g->y[i + 1][j] * scale);
  cairo_line_to (cr, g->x[i + 1][j + 1] * scale, g->y[i + 1][j + 1] * scale);
  cairo_line_to (cr, g->x[i][j + 1] * scale, g->y[i][j + 1] * scale);
  cairo_close_path (cr);
}

/* Each channel of each pixel of the grid drawn area by area at SS x SS
 * samples a pixel (no antialiasing), averaged: its exact colour within
 * what the samples can tell. */
static void
grid_reference (const Grid *g, double *out)
{
  cairo_surface_t *samples = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W * SS, H * SS);
  cairo_t *cr = cairo_create (samples);
  const guint8 *data;
  int stride;

  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (int i = 0; i < GX; i++)
    for (int j = 0; j < GY; j++)
      {
        cairo_set_source_rgb (cr, g->rgb[i][j][0], g->rgb[i][j][1], g->rgb[i][j][2]);
        grid_cell_path (cr, g, i, j, SS);
        cairo_fill (cr);
      }
  cairo_destroy (cr);
  cairo_surface_flush (samples);
  data = cairo_image_surface_get_data (samples);
  stride = cairo_image_surface_get_stride (samples);
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      for (int c = 0; c < 3; c++)
        {
          guint sum = 0;

          for (int j = 0; j < SS; j++)
            for (int i = 0; i < SS; i++)
              sum += data[(y * SS + j) * stride + 4 * (x * SS + i) + 2 - c];
          out[(y * W + x) * 3 + c] = sum / (double) (SS * SS);
        }
  cairo_surface_destroy (samples);
}

/* The mean and largest difference of cr's red, green and blue from the
 * grid's reference. */
static void
off_grid_reference (cairo_t *cr, const double *exact, double *mean, double *worst)
{
  cairo_surface_t *surface = cairo_get_target (cr);
  double sum = 0;

  cairo_surface_flush (surface);
  *worst = 0;
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      {
        guint32 pixel = ((const guint32 *) (cairo_image_surface_get_data (surface)
                                            + y * cairo_image_surface_get_stride (surface)))[x];

        for (int c = 0; c < 3; c++)
          {
            double off = fabs (((pixel >> (16 - 8 * c)) & 0xff) - exact[(y * W + x) * 3 + c]);

            sum += off;
            *worst = MAX (*worst, off);
          }
      }
  *mean = sum / (3 * W * H);
}

/* The grid filled area by area with the raster (as tiles filled band by
 * band): each fill's antialiased edge lets what is under it show. */
static void
raster_grid_one_by_one (WaRaster *raster, const Grid *g)
{
  for (int i = 0; i < GX; i++)
    for (int j = 0; j < GY; j++)
      {
        wa_raster_move_to (raster, g->x[i][j], g->y[i][j]);
        wa_raster_line_to (raster, g->x[i + 1][j], g->y[i + 1][j]);
        wa_raster_line_to (raster, g->x[i + 1][j + 1], g->y[i + 1][j + 1]);
        wa_raster_line_to (raster, g->x[i][j + 1], g->y[i][j + 1]);
        wa_raster_close_path (raster);
        wa_raster_fill (raster, g->rgb[i][j][0], g->rgb[i][j][1], g->rgb[i][j][2], 1,
                        CAIRO_FILL_RULE_EVEN_ODD);
      }
}

/* Areas that tile the plane (and reach beyond the surface on every
 * side), filled in one pass with each shared edge once: every pixel its
 * areas' colours by their shares, within what 16 x 16 samples can tell
 * (an edge crossing a pixel moves its count by up to a sixteenth), and
 * on average far closer than filling them one by one. */
static void
test_colours (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1815);
  g_autoptr(WaRaster) raster = wa_raster_new ();
  g_autofree Grid *grid = g_new (Grid, 1);
  g_autofree double *exact = g_new (double, W * H * 3);
  double mean, worst, sum = 0, sum_one_by_one = 0, worst_one_pass = 0;
  const guint n_trials = 20;

  for (guint trial = 0; trial < n_trials; trial++)
    {
      cairo_t *cr = black_context ();

      random_grid (rand, grid);
      grid_reference (grid, exact);
      g_assert_true (wa_raster_begin (raster, cr));
      raster_grid (raster, grid);
      wa_raster_end (raster);
      off_grid_reference (cr, exact, &mean, &worst);
      worst_one_pass = MAX (worst_one_pass, worst);
      sum += mean;
      cairo_destroy (cr);

      cr = black_context ();
      g_assert_true (wa_raster_begin (raster, cr));
      raster_grid_one_by_one (raster, grid);
      wa_raster_end (raster);
      off_grid_reference (cr, exact, &mean, &worst);
      sum_one_by_one += mean;
      cairo_destroy (cr);
    }
  g_test_message ("off 16 x 16 samples: one pass mean %.3f/255, worst %.1f/255; one by one "
                  "mean %.3f/255", sum / n_trials, worst_one_pass, sum_one_by_one / n_trials);
  g_assert_cmpfloat (worst_one_pass, <=, 16);
  g_assert_cmpfloat (sum / n_trials, <, 0.5);
  g_assert_cmpfloat (sum, <, sum_one_by_one / 2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/raster/fill-area", test_fill_area);
  g_test_add_func ("/raster/stroke-area", test_stroke_area);
  g_test_add_func ("/raster/round-joins", test_round_joins);
  g_test_add_func ("/raster/bevel-joins", test_bevel_joins);
  g_test_add_func ("/raster/shared-edges", test_shared_edges);
  g_test_add_func ("/raster/clip-and-scale", test_clip_and_scale);
  g_test_add_func ("/raster/declines", test_declines);
  g_test_add_func ("/raster/new-path-clears", test_new_path_clears);
  g_test_add_func ("/raster/colours", test_colours);
  return g_test_run ();
}
