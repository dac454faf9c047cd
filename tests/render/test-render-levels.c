/* test-render-levels.c: the pack's simplified geometry levels are
 * invisible. On the real 2019 pack (skipped when it is absent), tiles at
 * every zoom from 4 to 16 and both tile sizes are drawn twice, ward fills
 * by band and council boundaries, once from the level the renderer picks
 * for that tile and once from the full geometry; the two may differ only
 * in the odd antialiased edge pixel. */
#include <math.h>

#include "render-test-util.h"
#include "wa-band-fill.h"
#include "wa-change.h"
#include "wa-map-theme.h"
#include "wa-tile-renderer.h"

/* A pixel differs when a channel moves by more than a quarter; at most
 * one in a hundred may. Levels within half a pixel differ in up to 0.7 %
 * (the antialiased edges of wards a pixel or two wide); levels made for
 * two zooms further out differ in up to 3 %. */
#define CHANNEL_STEP  64
#define MAX_FRACTION  0.01

typedef struct {
  WaMapStyle *style;
  WaAtlas *atlas;
  guint zoom, size;
  double world_px, origin_x, origin_y;
} Tile;

static WaGeometry *
ward_geometry (const Tile *t, guint index, gboolean level)
{
  if (!level)
    return wa_ward_get_geometry (wa_atlas_get_ward (t->atlas, index));
  return wa_atlas_get_ward_geometry_for_zoom (t->atlas, index,
                                              wa_tile_detail_zoom (t->zoom, t->size / 256.0));
}

static WaGeometry *
lad_geometry (const Tile *t, guint index, gboolean level)
{
  GPtrArray *lads = wa_atlas_get_areas (t->atlas, WA_AREA_LAD);

  if (!level)
    return ((WaArea *) g_ptr_array_index (lads, index))->geometry;
  return wa_atlas_get_area_geometry_for_zoom (t->atlas, WA_AREA_LAD, index,
                                              wa_tile_detail_zoom (t->zoom, t->size / 256.0));
}

/* Sets t to the tile of its zoom holding (lon, lat). */
static void
place_tile (Tile *t, double lon, double lat)
{
  double mx, my;

  t->world_px = 256.0 * (1u << t->zoom);
  wa_lonlat_to_mercator (lon, lat, &mx, &my);
  t->origin_x = floor (mx * (1u << t->zoom)) * 256.0;
  t->origin_y = floor (my * (1u << t->zoom)) * 256.0;
}

/* Each ward filled with its band's colour, then the council boundaries. */
static cairo_surface_t *
draw (const Tile *t, gboolean level)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, t->size, t->size);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  GPtrArray *lads = wa_atlas_get_areas (t->atlas, WA_AREA_LAD);
  WaBBox box;

  cairo_scale (cr, t->size / 256.0, t->size / 256.0);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  wa_mercator_to_lonlat (t->origin_x / t->world_px, t->origin_y / t->world_px, &box.min_x, &box.max_y);
  wa_mercator_to_lonlat ((t->origin_x + 256) / t->world_px, (t->origin_y + 256) / t->world_px,
                         &box.max_x, &box.min_y);
  wa_atlas_query_wards (t->atlas, &box, indices);
  for (guint i = 0; i < indices->len; i++)
    {
      guint index = g_array_index (indices, guint, i);
      int band = wa_map_style_get_ward_band (t->style, index);
      WaRgb rgb = { 0.5, 0.5, 0.5 };

      if (band >= 0)
        wa_palette_band_color (WA_PALETTE_VIRIDIS, band, &rgb);
      cairo_new_path (cr);
      wa_map_trace_geometry (ward_geometry (t, index, level), t->world_px, t->origin_x,
                             t->origin_y, 256, 256, cr);
      cairo_set_source_rgb (cr, rgb.red, rgb.green, rgb.blue);
      cairo_fill (cr);
    }
  cairo_new_path (cr);
  for (guint i = 0; i < lads->len; i++)
    wa_map_trace_geometry (lad_geometry (t, i, level), t->world_px, t->origin_x, t->origin_y,
                           256, 256, cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static double
fraction_differing (cairo_surface_t *a, cairo_surface_t *b)
{
  return wa_render_test_fraction_differing (a, b, CHANNEL_STEP);
}

static void
check_tile (Tile *t, double lon, double lat)
{
  cairo_surface_t *level, *full;
  double fraction;

  place_tile (t, lon, lat);
  level = draw (t, TRUE);
  full = draw (t, FALSE);
  fraction = fraction_differing (level, full);
  if (fraction > MAX_FRACTION)
    g_test_message ("z%u %u px at %g, %g: %.3f%% of pixels differ", t->zoom, t->size, lon, lat,
                    100 * fraction);
  g_assert_cmpfloat (fraction, <=, MAX_FRACTION);
  cairo_surface_destroy (level);
  cairo_surface_destroy (full);
}

/* The 2019 pack, opened once for both tests; NULL when it is not built. */
static WaAtlas *
shared_atlas (void)
{
  static WaAtlas *atlas;
  const char *path = g_getenv ("WA_PACK_2019");
  g_autoptr(GError) error = NULL;

  if (atlas != NULL || path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    return atlas;
  atlas = wa_atlas_open (path, &error);
  g_assert_no_error (error);
  return atlas;
}

static void
test_levels_invisible (void)
{
  WaAtlas *atlas = shared_atlas ();
  g_autoptr(WaMapStyle) style = NULL;
  /* Central London (small wards), the Lake District (long, wiggly
   * boundaries) and the Wash (a coastline). */
  static const double places[][2] = { { -0.12, 51.51 }, { -3.05, 54.45 }, { 0.25, 52.85 } };

  if (atlas == NULL)
    {
      g_test_skip ("WA_PACK_2019 not built");
      return;
    }
  style = wa_map_style_new (atlas, WA_PALETTE_VIRIDIS);
  for (guint zoom = 4; zoom <= 16; zoom++)
    for (guint size = 256; size <= 512; size *= 2)
      for (guint p = 0; p < G_N_ELEMENTS (places); p++)
        {
          Tile t = { style, atlas, zoom, size };

          check_tile (&t, places[p][0], places[p][1]);
        }
}

/* An edge of a ring, its ends in a fixed order. */
typedef struct {
  double ax, ay, bx, by;
} Edge;

static int
edge_cmp (gconstpointer pa, gconstpointer pb)
{
  const Edge *a = pa, *b = pb;

  if (a->ax != b->ax)
    return a->ax < b->ax ? -1 : 1;
  if (a->ay != b->ay)
    return a->ay < b->ay ? -1 : 1;
  if (a->bx != b->bx)
    return a->bx < b->bx ? -1 : 1;
  return a->by < b->by ? -1 : a->by > b->by;
}

static void
add_edge (GArray *edges, const double *p, const double *q)
{
  gboolean forward = p[0] < q[0] || (p[0] == q[0] && p[1] < q[1]);
  Edge e = forward ? (Edge) { p[0], p[1], q[0], q[1] } : (Edge) { q[0], q[1], p[0], p[1] };

  if (p[0] != q[0] || p[1] != q[1])
    g_array_append_val (edges, e);
}

static void
add_ring_edges (GArray *edges, const double *xy, guint n)
{
  for (guint i = 0; i < n; i++)
    add_edge (edges, xy + 2 * i, xy + 2 * ((i + 1) % n));
}

/* The share of the wards' edges at detail zoom that two wards have, the
 * same two points in both. */
static double
shared_edge_fraction (WaAtlas *atlas, double detail_zoom)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  guint n_shared = 0;

  for (guint w = 0; w < wa_atlas_get_n_wards (atlas); w++)
    {
      WaGeometry *geometry = wa_atlas_get_ward_geometry_for_zoom (atlas, w, detail_zoom);

      for (guint r = 0; geometry != NULL && r < wa_geometry_get_n_rings (geometry); r++)
        {
          guint n;
          const double *xy = wa_geometry_get_ring (geometry, r, &n);

          add_ring_edges (edges, xy, n);
        }
    }
  g_array_sort (edges, edge_cmp);
  for (guint i = 0; i + 1 < edges->len; i++)
    if (edge_cmp (&g_array_index (edges, Edge, i), &g_array_index (edges, Edge, i + 1)) == 0)
      n_shared += 2, i++;
  return (double) n_shared / MAX (edges->len, 1);
}

/* Neighbouring wards still meet at every level: the levels simplify the
 * wards together, so a boundary two wards share is the same edges in
 * both (92-93 % of the levels' edges; 84 % of the full geometry's, where
 * some neighbours' points differ). Simplified ward by ward, the levels
 * for detail zooms 3, 4 and 6 shared 6 %, 12 % and 55 %. What is not
 * shared is England's coast and border. */
#define SHARED_EDGES_MIN 0.8
static void
test_levels_shared (void)
{
  WaAtlas *atlas = shared_atlas ();

  if (atlas == NULL)
    {
      g_test_skip ("WA_PACK_2019 not built");
      return;
    }
  for (int zoom = 3; zoom <= 9; zoom++)
    {
      double fraction = shared_edge_fraction (atlas, zoom);

      g_test_message ("detail zoom %d: %.1f%% of ward edges shared", zoom, 100 * fraction);
      g_assert_cmpfloat (fraction, >=, SHARED_EDGES_MIN);
    }
}

/* A whole tile as the app draws it (no labels), its wards filled from the
 * style's dissolved band paths or, with per_ward, ward by ward. */
static cairo_surface_t *
render_tile_with (WaMapStyle *style, const Tile *t, WaRenderFlags flags)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, t->size, t->size);
  cairo_t *cr = cairo_create (surface);
  WaRenderOptions options = { flags };

  cairo_scale (cr, t->size / 256.0, t->size / 256.0);
  g_assert_true (wa_map_render_view_full (style, t->world_px, t->origin_x, t->origin_y, 256, 256,
                                          &options, cr, NULL));
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* With cairo on both sides: the raster is checked on its own below. */
static cairo_surface_t *
render_tile (WaMapStyle *style, const Tile *t, gboolean per_ward)
{
  return render_tile_with (style, t, WA_RENDER_CAIRO_FILLS
                                     | (per_ward ? WA_RENDER_PER_WARD_FILLS : 0));
}

/* Below zoom 10 tiles fill each colour band as one dissolved path (edges
 * two same-band wards share dropped, the bands' boundaries then
 * simplified together to 0.3 pixels), stroke each edge two councils or
 * regions share once and outline the left-behind wards each edge once;
 * the tiles must look as they do with every ward filled and every
 * boundary stroked on its own. Only antialiasing along the edges may
 * change: at most one pixel in five hundred moves by more than a quarter
 * (measured up to 0.15 %) and one in fifty by more than 16/255 (up to
 * 1.1 %: the edge pixels of London's wards a pixel or two wide), but
 * where the wards under two pixels are many: drawn on their own they are
 * their boxes, in the dissolve their shapes (up to 3.2 % at zoom 5), so
 * there the dissolve as tiles draw it (on the raster) must be the closer
 * of the two to the reference drawing (render_reference), and cairo's
 * drawing of it (band by band, its fills letting the background through
 * round the small shapes: measured 2 % further) not much further. */
static cairo_surface_t *render_reference (WaMapStyle *style, const Tile *t);

#define BAND_FILL_STEP         64
#define BAND_FILL_FRACTION     0.002
#define BAND_FILL_FINE_STEP    16
#define BAND_FILL_FINE_FRACTION 0.02
#define BAND_FILL_CAIRO_SLACK  1.05
static void
test_band_fills_invisible (void)
{
  WaAtlas *atlas = shared_atlas ();
  g_autoptr(WaMapStyle) style = NULL;
  const WaBandFill *fill;
  /* Central London (small wards, the densest tiles), the Lake District
   * and the Wash, and Manchester. */
  static const double places[][2] = { { -0.12, 51.51 }, { -3.05, 54.45 }, { 0.25, 52.85 },
                                      { -2.24, 53.48 } };

  if (atlas == NULL)
    {
      g_test_skip ("WA_PACK_2019 not built");
      return;
    }
  style = wa_map_style_new (atlas, WA_PALETTE_VIRIDIS);
  /* The dissolve exists and drops shared edges. */
  fill = wa_map_style_get_band_fill (style, wa_tile_detail_zoom (7, 1));
  g_assert_nonnull (fill);
  g_assert_cmpuint (fill->n_edges_out, <, fill->n_edges_in);
  /* The left-behind outlines come with it (the 2019 pack has 225). */
  g_assert_cmpuint (fill->left_behind.lines->len, >, 0);
  g_assert_null (wa_map_style_get_band_fill (style, wa_tile_detail_zoom (12, 1)));
  fill = wa_map_style_get_area_lines (style, WA_AREA_LAD, wa_tile_detail_zoom (7, 1));
  g_assert_nonnull (fill);
  g_assert_cmpuint (fill->n_edges_out, <, fill->n_edges_in * 3 / 4);
  /* Tiles take them only once made (in the background): made here first. */
  for (guint zoom = 4; zoom <= 9; zoom++)
    for (guint size = 256; size <= 512; size *= 2)
      {
        double detail = wa_tile_detail_zoom (zoom, size / 256.0);

        g_assert_nonnull (wa_map_style_get_band_fill (style, detail));
        g_assert_nonnull (wa_map_style_get_area_lines (style, WA_AREA_LAD, detail));
        g_assert_nonnull (wa_map_style_get_area_lines (style, WA_AREA_REGION, detail));
        g_assert_true (wa_map_style_try_band_fill (style, detail)
                       == wa_map_style_get_band_fill (style, detail));
      }
  for (guint zoom = 4; zoom <= 9; zoom++)
    for (guint size = 256; size <= 512; size *= 2)
      for (guint p = 0; p < G_N_ELEMENTS (places); p++)
        {
          Tile t = { style, atlas, zoom, size };
          cairo_surface_t *dissolved, *per_ward;
          double fraction, fine;

          place_tile (&t, places[p][0], places[p][1]);
          dissolved = render_tile (style, &t, FALSE);
          per_ward = render_tile (style, &t, TRUE);
          fraction = wa_render_test_fraction_differing (dissolved, per_ward, BAND_FILL_STEP);
          fine = wa_render_test_fraction_differing (dissolved, per_ward, BAND_FILL_FINE_STEP);
          if (fraction > BAND_FILL_FRACTION || fine > BAND_FILL_FINE_FRACTION)
            g_test_message ("z%u %u px at %g, %g: %.3f%% of pixels differ by over %d, "
                            "%.3f%% by over %d", zoom, size, places[p][0], places[p][1],
                            100 * fraction, BAND_FILL_STEP, 100 * fine, BAND_FILL_FINE_STEP);
          g_assert_cmpfloat (fraction, <=, BAND_FILL_FRACTION);
          if (fine > BAND_FILL_FINE_FRACTION)
            {
              cairo_surface_t *reference = render_reference (style, &t);
              cairo_surface_t *tile = render_tile_with (style, &t, 0);
              double off = wa_render_test_mean_difference (dissolved, reference);
              double per_ward_off = wa_render_test_mean_difference (per_ward, reference);
              double tile_off = wa_render_test_mean_difference (tile, reference);

              g_test_message ("off the reference by %.3f/255 (as tiles draw it, on the "
                              "raster, %.3f/255), every ward on its own %.3f/255",
                              off, tile_off, per_ward_off);
              g_assert_cmpfloat (tile_off, <, per_ward_off);
              g_assert_cmpfloat (off, <, per_ward_off * BAND_FILL_CAIRO_SLACK);
              cairo_surface_destroy (reference);
              cairo_surface_destroy (tile);
            }
          cairo_surface_destroy (dissolved);
          cairo_surface_destroy (per_ward);
        }
}

/* The change view's buckets are its change shades, fewer than the bands,
 * some hatched: below zoom 10 its tiles fill the solid shades in one
 * pass and the hatched after, and must look as cairo draws the same
 * dissolve shade by shade, but for antialiasing (as in
 * band-fills-invisible). */
static void
test_change_view_one_pass (void)
{
  WaAtlas *before = shared_atlas ();
  const char *path = g_getenv ("WA_PACK_2025");
  g_autoptr(WaAtlas) after = NULL;
  g_autoptr(WaChange) change = NULL;
  g_autoptr(WaMapStyle) style = NULL;
  g_autoptr(GError) error = NULL;
  WaMapTheme theme;

  if (before == NULL || path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("WA_PACK_2019 or WA_PACK_2025 not built");
      return;
    }
  after = wa_atlas_open (path, &error);
  g_assert_no_error (error);
  change = wa_change_new (before, after, &error);
  g_assert_no_error (error);
  wa_map_theme_init (&theme, FALSE, FALSE);
  style = wa_map_style_new_change (after, change, WA_PALETTE_VIRIDIS, &theme);
  for (guint zoom = 5; zoom <= 9; zoom += 2)
    {
      Tile t = { style, after, zoom, 512 };
      cairo_surface_t *raster, *cairo_drawn;
      double fraction;

      place_tile (&t, -1.5, 53.7);
      g_assert_nonnull (wa_map_style_get_band_fill (style, wa_tile_detail_zoom (zoom, 2)));
      raster = render_tile_with (style, &t, 0);
      cairo_drawn = render_tile_with (style, &t, WA_RENDER_CAIRO_FILLS);
      fraction = wa_render_test_fraction_differing (raster, cairo_drawn, BAND_FILL_STEP);
      g_test_message ("change view z%u: %.3f%% of pixels differ by over %d", zoom,
                      100 * fraction, BAND_FILL_STEP);
      g_assert_cmpfloat (fraction, <=, BAND_FILL_FRACTION);
      cairo_surface_destroy (raster);
      cairo_surface_destroy (cairo_drawn);
    }
}

/* A line end's step for one band: +1 where the band starts on the
 * line's left (lon/lat) or stops on its right, -1 the other way. */
typedef struct {
  double x, y;
  guint band;
  int step;
} EndStep;

static int
end_step_cmp (const void *pa, const void *pb)
{
  const EndStep *a = pa, *b = pb;

  if (a->x != b->x)
    return a->x < b->x ? -1 : 1;
  if (a->y != b->y)
    return a->y < b->y ? -1 : 1;
  return a->band < b->band ? -1 : a->band > b->band;
}

static void
add_end_steps (GArray *steps, const double *tail, const double *head, guint band, int sign)
{
  EndStep t = { tail[0], tail[1], band, -sign }, h = { head[0], head[1], band, sign };

  if (band == WA_BAND_FILL_NONE)
    return;
  g_array_append_val (steps, t);
  g_array_append_val (steps, h);
}

/* The tiles fill every band in one pass from the bands' common
 * boundaries, each edge once with the bands either side (wa-band-fill.h):
 * a band whose boundary did not close up there would tint the rest of
 * every row it crossed. So at every point where common lines end, each
 * band's lines must come in as often as they go out, and the common
 * lines must hold far fewer than the bands' rings (each shared edge once:
 * 55-75 % of them, the coasts once too),
 * leaving few rings loose (their wards' rings cross), at every zoom the
 * tiles fill so. */
static void
test_common_boundaries_close (void)
{
  WaAtlas *atlas = shared_atlas ();
  g_autoptr(WaMapStyle) style = NULL;

  if (atlas == NULL)
    {
      g_test_skip ("WA_PACK_2019 not built");
      return;
    }
  style = wa_map_style_new (atlas, WA_PALETTE_VIRIDIS);
  for (double zoom = 3; zoom < WA_BAND_FILL_MAX_ZOOM; zoom++)
    {
      const WaBandFill *fill = wa_map_style_get_band_fill (style, zoom);
      const WaBoxedLines *common = &fill->common;
      g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (EndStep));
      const EndStep *s;

      g_assert_cmpuint (fill->common_bands->len, ==, 2 * common->lines->len);
      for (guint l = 0; l < common->lines->len; l++)
        {
          const WaBoxedLine *line = &g_array_index (common->lines, WaBoxedLine, l);
          const double *xy = &g_array_index (common->xy, double, 2 * line->first_point);
          const guint16 *bands = &g_array_index (fill->common_bands, guint16, 2 * l);

          g_assert_cmpuint (bands[0], <, bands[1]);
          if (line->closed)
            continue;
          add_end_steps (steps, xy, xy + 2 * (line->n_points - 1), bands[0], 1);
          add_end_steps (steps, xy, xy + 2 * (line->n_points - 1), bands[1], -1);
        }
      if (steps->len > 1)
        qsort (steps->data, steps->len, sizeof (EndStep), end_step_cmp);
      s = (const EndStep *) steps->data;
      for (guint i = 0; i < steps->len;)
        {
          int sum = 0;
          guint j = i;

          for (; j < steps->len && end_step_cmp (&s[i], &s[j]) == 0; j++)
            sum += s[j].step;
          g_assert_cmpint (sum, ==, 0);
          i = j;
        }
      g_test_message ("detail zoom %g: %u common edges of %u in the bands' rings, %u loose",
                      zoom, fill->n_common_edges, fill->n_edges_simplified, fill->n_loose_edges);
      g_assert_cmpuint (fill->n_common_edges, <=, fill->n_edges_simplified * 0.8);
      g_assert_cmpuint (fill->n_loose_edges, <=, fill->n_edges_simplified / 200);
      /* The real wards tile the plane: tiles take the one pass. */
      g_assert_false (fill->overlapping);
    }
}

/* The reference drawing of a tile: cairo's default antialiasing (finer
 * than its fast one, and too slow for tiles), every ward filled on its
 * own. Where the tile fills its bands in one pass (below detail zoom
 * 10), drawn at four times the size and averaged down: filling band by
 * band, cairo's antialiasing mixes the background into every pixel two
 * bands share (a quarter of it where they share it equally), which the
 * one pass does not, so only an average of finer pixels measures both
 * drawings fairly. */
#define REFERENCE_SCALE 4
static cairo_surface_t *
render_reference (WaMapStyle *style, const Tile *t)
{
  WaRenderFlags flags = WA_RENDER_CAIRO_FILLS | WA_RENDER_FINE_ANTIALIAS;
  Tile big = *t;
  cairo_surface_t *surface, *averaged;

  if (wa_tile_detail_zoom (t->zoom, t->size / 256.0) >= WA_BAND_FILL_MAX_ZOOM)
    return render_tile_with (style, t, flags);
  big.size *= REFERENCE_SCALE;
  surface = render_tile_with (style, &big, flags | WA_RENDER_PER_WARD_FILLS);
  averaged = wa_render_test_box_average (surface, REFERENCE_SCALE);
  cairo_surface_destroy (surface);
  return averaged;
}

/* Tiles fill the wards and stroke the boundary lines with the raster
 * (wa-raster.h) where they filled and stroked with cairo's fast
 * antialiasing. Against the reference drawing (render_reference), tiles
 * drawn with the raster must be
 * closer on average than the cairo drawing they replace (nine in ten
 * strictly closer, and none further), and not far
 * from it (by more than RASTER_STEP) in more pixels, give or take one in
 * a thousand (the fine drawing's own bevel joins and its motorways:
 * the raster's tiles were up to 0.07 % of pixels over). Every zoom 4-16,
 * both tile sizes, on the densest places. */
#define RASTER_STEP   32
#define RASTER_SLACK  0.001
static void
test_raster_as_exact (void)
{
  WaAtlas *atlas = shared_atlas ();
  g_autoptr(WaMapStyle) style = NULL;
  static const double places[][2] = { { -0.12, 51.51 }, { -2.24, 53.48 }, { -1.89, 52.48 } };
  guint n_closer = 0, n_tiles = 0;

  if (atlas == NULL)
    {
      g_test_skip ("WA_PACK_2019 not built");
      return;
    }
  style = wa_map_style_new (atlas, WA_PALETTE_VIRIDIS);
  for (guint zoom = 4; zoom <= 16; zoom++)
    for (guint size = 256; size <= 512; size *= 2)
      for (guint p = 0; p < G_N_ELEMENTS (places); p++)
        {
          Tile t = { style, atlas, zoom, size };
          cairo_surface_t *raster, *fast, *fine;

          double raster_off, fast_off, far, fast_far;

          n_tiles++;
          place_tile (&t, places[p][0], places[p][1]);
          /* Band fills, lines and motorway covers made first, so all
           * three use them. */
          for (guint part = 0; part < WA_N_MOTORWAY_PARTS; part++)
            wa_map_style_get_motorway_cover (style, zoom, size / 256.0, part);
          wa_map_style_get_band_fill (style, wa_tile_detail_zoom (zoom, size / 256.0));
          wa_map_style_get_area_lines (style, WA_AREA_LAD, wa_tile_detail_zoom (zoom, size / 256.0));
          wa_map_style_get_area_lines (style, WA_AREA_REGION,
                                       wa_tile_detail_zoom (zoom, size / 256.0));
          raster = render_tile_with (style, &t, 0);
          fast = render_tile_with (style, &t, WA_RENDER_CAIRO_FILLS);
          fine = render_reference (style, &t);
          raster_off = wa_render_test_mean_difference (raster, fine);
          fast_off = wa_render_test_mean_difference (fast, fine);
          far = wa_render_test_fraction_differing (raster, fine, RASTER_STEP);
          fast_far = wa_render_test_fraction_differing (fast, fine, RASTER_STEP);
          g_test_message ("z%u %u px at %g, %g: off the reference by %.3f/255 (cairo's fast "
                          "antialiasing %.3f); %.3f%% of pixels by more than %d/255 (fast %.3f%%)",
                          zoom, size, places[p][0], places[p][1], raster_off, fast_off,
                          100 * far, RASTER_STEP, 100 * fast_far);
          g_assert_cmpfloat (raster_off, <=, fast_off);
          g_assert_cmpfloat (far, <=, fast_far + RASTER_SLACK);
          n_closer += raster_off < fast_off;
          cairo_surface_destroy (raster);
          cairo_surface_destroy (fast);
          cairo_surface_destroy (fine);
        }
  /* A tile inside one ward of no-data hatching is cairo's alone. */
  g_assert_cmpuint (n_closer, >=, n_tiles * 9 / 10);
}

/* Every edge of the lines (Mercator units), sorted. */
static GArray *
line_edges (const WaBoxedLines *lines)
{
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  const double *xy = (const double *) lines->xy->data;

  for (guint l = 0; l < lines->lines->len; l++)
    {
      const WaBoxedLine *line = &g_array_index (lines->lines, WaBoxedLine, l);
      const double *p = xy + 2 * line->first_point;

      if (line->closed)
        add_ring_edges (edges, p, line->n_points);
      for (guint i = 0; !line->closed && i + 1 < line->n_points; i++)
        add_edge (edges, p + 2 * i, p + 2 * i + 2);
    }
  g_array_sort (edges, edge_cmp);
  return edges;
}

/* Tiles from z11 stroke the wards' outlines on the raster from lines kept
 * per cell: they must hold every edge of every ward in the tile, each
 * once (an edge twice would darken its antialiased pixels), and serve
 * every zoom of a geometry level with the same lines. */
static void
test_ward_lines_each_edge_once (void)
{
  WaAtlas *atlas = shared_atlas ();
  g_autoptr(WaMapStyle) style = NULL;
  g_autoptr(GArray) edges = NULL;
  g_autoptr(GArray) wards = g_array_new (FALSE, FALSE, sizeof (guint));
  Tile t = { NULL, atlas, 12, 512 };
  double detail = wa_tile_detail_zoom (12, 2);
  const WaBandFill *lines;
  guint n_found = 0;
  WaBBox view, lonlat;

  if (atlas == NULL)
    {
      g_test_skip ("WA_PACK_2019 not built");
      return;
    }
  style = wa_map_style_new (atlas, WA_PALETTE_VIRIDIS);
  place_tile (&t, -0.12, 51.51);
  view = (WaBBox) { (t.origin_x - 4) / t.world_px, (t.origin_y - 4) / t.world_px,
                    (t.origin_x + 260) / t.world_px, (t.origin_y + 260) / t.world_px };
  lines = wa_map_style_get_ward_lines (style, detail, &view);
  g_assert_nonnull (lines);
  g_assert_true (wa_map_style_get_ward_lines (style, detail + 2, &view) == lines);
  g_assert_true (wa_map_style_get_ward_lines (style, wa_tile_detail_zoom (5, 1), &view) != lines);
  edges = line_edges (&lines->bands[0]);
  g_assert_cmpuint (edges->len, ==, lines->n_edges_out);
  g_assert_cmpuint (lines->n_edges_out, <, lines->n_edges_in * 3 / 4);
  for (guint i = 1; i < edges->len; i++)
    g_assert_cmpint (edge_cmp (&g_array_index (edges, Edge, i - 1), &g_array_index (edges, Edge, i)), <, 0);

  wa_mercator_to_lonlat (view.min_x, view.max_y, &lonlat.min_x, &lonlat.min_y);
  wa_mercator_to_lonlat (view.max_x, view.min_y, &lonlat.max_x, &lonlat.max_y);
  wa_atlas_query_wards (atlas, &lonlat, wards);
  g_assert_cmpuint (wards->len, >, 20);
  for (guint w = 0; w < wards->len; w++)
    {
      WaGeometry *geometry = wa_atlas_get_ward_geometry_for_zoom (atlas, g_array_index (wards, guint, w),
                                                                  detail);

      for (guint r = 0; r < wa_geometry_get_n_rings (geometry); r++)
        {
          g_autoptr(GArray) ring = g_array_new (FALSE, FALSE, sizeof (Edge));
          guint n;
          const double *xy = wa_geometry_get_ring (geometry, r, &n);
          g_autofree double *mercator = g_new (double, 2 * MAX (n, 1));

          /* Rings under three points are not drawn. */
          if (n < 3)
            continue;
          for (guint i = 0; i < n; i++)
            wa_lonlat_to_mercator (xy[2 * i], xy[2 * i + 1], &mercator[2 * i], &mercator[2 * i + 1]);
          add_ring_edges (ring, mercator, n);
          for (guint i = 0; i < ring->len; i++)
            g_assert_nonnull (bsearch (&g_array_index (ring, Edge, i), edges->data, edges->len,
                                       sizeof (Edge), edge_cmp));
          n_found += ring->len;
        }
    }
  g_test_message ("%u wards' %u edges all among the cell's %u (of %u before each was kept once)",
                  wards->len, n_found, lines->n_edges_out, lines->n_edges_in);

  /* A view across a cell's edge, or wider than a cell, has none. */
  view = (WaBBox) { 0.5 - 0.01, 0.3, 0.5 + 0.01, 0.31 };
  g_assert_null (wa_map_style_get_ward_lines (style, detail, &view));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/levels-invisible", test_levels_invisible);
  g_test_add_func ("/render/levels-shared", test_levels_shared);
  g_test_add_func ("/render/band-fills-invisible", test_band_fills_invisible);
  g_test_add_func ("/render/common-boundaries-close", test_common_boundaries_close);
  g_test_add_func ("/render/change-view-one-pass", test_change_view_one_pass);
  g_test_add_func ("/render/raster-as-exact", test_raster_as_exact);
  g_test_add_func ("/render/ward-lines-each-edge-once", test_ward_lines_each_edge_once);
  return g_test_run ();
}
