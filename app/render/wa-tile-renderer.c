/* wa-tile-renderer.c
 *
 * Everything is drawn in logical pixels of a Web Mercator world world_px
 * wide; a caller wanting sharper output (512 px tiles, HiDPI, print)
 * scales the cairo context, and geometry detail follows the device scale.
 *
 * Speed comes from doing little per vertex: wards are batched into one
 * path per colour band and filled once, a ward smaller than a pixel is
 * drawn as its box, and latitude goes through a per-ward quadratic fit of
 * the Mercator projection instead of log (tan ()) for every vertex.
 */
#include <math.h>
#include <pango/pangocairo.h>

#include "wa-band-fill.h"
#include "wa-change-style.h"
#include "wa-label-layout.h"
#include "wa-motorway-lines.h"
#include "wa-raster.h"
#include "wa-tile-renderer.h"
#include "wa-colour.h"

#define CANCEL_CHECK_EVERY 64
/* Strokes reach this far outside a polygon; geometry this close to the
 * view is drawn so that outlines continue across tile edges. */
#define MARGIN_PX 4.0
/* The change view draws the left-behind outline from this zoom. */
#define CHANGE_OUTLINE_MIN_ZOOM 9.0

typedef struct {
  WaMapStyle *style;
  const WaMapTheme *theme;
  WaAtlas *atlas;
  cairo_t *cr;
  GCancellable *cancellable;
  double world_px;
  double origin_x, origin_y;
  double width, height;
  double zoom;          /* logical zoom: log2 (world_px / 256) */
  double detail_zoom;   /* zoom of the device pixels, for geometry detail */
  double device_scale;
  WaBBox view_lonlat;
  gboolean labels_inside;   /* only labels wholly inside the view */
  const WaBBox *keep_clear; /* boxes labels keep clear of, view pixels */
  guint n_keep_clear;
  gboolean vector;          /* drawing to PDF or print, not pixels */
  gboolean per_ward_fills;  /* WA_RENDER_PER_WARD_FILLS */
  gboolean full_motorways;  /* WA_RENDER_FULL_MOTORWAYS */
  gboolean stroked_motorways;  /* WA_RENDER_STROKED_MOTORWAYS */
  struct _Scratch *scratch;
} View;

/* What a render needs besides the path, kept per thread and reused by the
 * next tile on that thread: tile threads draw thousands of tiles, and
 * memory freed after each and touched again by the next cost the worst
 * tiles more than their drawing (issue 18: a z8 tile took 11-13 ms with
 * some 300 minor page faults, 6.5-7 ms without). Freed when the thread
 * ends. */
typedef struct _Scratch {
  GArray *indices;                    /* wards in the view */
  GArray *left_behind;                /* those of them left behind */
  GArray *buckets[WA_N_BANDS + 1];    /* by band; the last is "no data" */
  cairo_pattern_t *hatch;             /* the "no data" fill, made once */
  cairo_pattern_t *change_hatch[2];   /* the change view's rising and falling hatching */
  GArray *lsoas;                      /* neighbourhoods in the view */
  GArray *lsoa_flagged;               /* those of them left behind */
  GArray *boxes;                      /* double[4]: small left-behind wards' boxes */
  WaRaster *raster;                   /* solid fills on pixel tiles */
  gboolean raster_ready;              /* this render can fill with it */
  gboolean raster_collects;           /* the path being traced goes to it */
} Scratch;

static void
scratch_free (gpointer data)
{
  Scratch *scratch = data;

  g_array_unref (scratch->indices);
  g_array_unref (scratch->left_behind);
  g_array_unref (scratch->lsoas);
  g_array_unref (scratch->lsoa_flagged);
  g_array_unref (scratch->boxes);
  for (guint b = 0; b <= WA_N_BANDS; b++)
    g_array_unref (scratch->buckets[b]);
  g_clear_pointer (&scratch->hatch, cairo_pattern_destroy);
  wa_raster_free (scratch->raster);
  for (guint h = 0; h < G_N_ELEMENTS (scratch->change_hatch); h++)
    g_clear_pointer (&scratch->change_hatch[h], cairo_pattern_destroy);
  g_free (scratch);
}

static GPrivate scratch_key = G_PRIVATE_INIT (scratch_free);

/* This thread's scratch, emptied. */
static Scratch *
scratch_get (void)
{
  Scratch *scratch = g_private_get (&scratch_key);

  if (scratch == NULL)
    {
      scratch = g_new0 (Scratch, 1);
      scratch->indices = g_array_new (FALSE, FALSE, sizeof (guint));
      scratch->left_behind = g_array_new (FALSE, FALSE, sizeof (guint));
      scratch->lsoas = g_array_new (FALSE, FALSE, sizeof (guint));
      scratch->lsoa_flagged = g_array_new (FALSE, FALSE, sizeof (guint));
      scratch->boxes = g_array_new (FALSE, FALSE, 4 * sizeof (double));
      for (guint b = 0; b <= WA_N_BANDS; b++)
        scratch->buckets[b] = g_array_new (FALSE, FALSE, sizeof (guint));
      scratch->raster = wa_raster_new ();
      g_private_set (&scratch_key, scratch);
    }
  g_array_set_size (scratch->indices, 0);
  g_array_set_size (scratch->left_behind, 0);
  g_array_set_size (scratch->lsoas, 0);
  g_array_set_size (scratch->lsoa_flagged, 0);
  g_array_set_size (scratch->boxes, 0);
  for (guint b = 0; b <= WA_N_BANDS; b++)
    g_array_set_size (scratch->buckets[b], 0);
  scratch->raster_ready = FALSE;
  scratch->raster_collects = FALSE;
  return scratch;
}

/* The Mercator y of latitudes near lat0, as y0 + a d + b d^2 (d in
 * degrees); accurate to well under a pixel over a ward at any zoom. */
typedef struct {
  double lat0, y0, a, b;
} LatFit;

static double
mercator_y (double lat)
{
  double x, y;

  wa_lonlat_to_mercator (0, lat, &x, &y);
  return y;
}

static void
lat_fit_init (LatFit *fit, const WaBBox *box, double world_px)
{
  double phi = (box->min_y + box->max_y) / 2 * G_PI / 180.0;
  double k = G_PI / 180.0;

  fit->lat0 = (box->min_y + box->max_y) / 2;
  fit->y0 = mercator_y (fit->lat0) * world_px;
  /* y = (1 - ln (tan phi + sec phi) / pi) / 2, so dy/dphi = -sec phi / (2 pi). */
  fit->a = -world_px / (2 * G_PI) * k / cos (phi);
  fit->b = -world_px / (2 * G_PI) * k * k * 0.5 * tan (phi) / cos (phi);
}

static inline double
view_x (const View *view, double lon)
{
  return (lon + 180.0) / 360.0 * view->world_px - view->origin_x;
}

static inline double
fit_y (const View *view, const LatFit *fit, double lat)
{
  double d = lat - fit->lat0;

  return fit->y0 + d * (fit->a + d * fit->b) - view->origin_y;
}

static gboolean
view_cancelled (const View *view)
{
  return view->cancellable != NULL && g_cancellable_is_cancelled (view->cancellable);
}

/* The path being traced goes to the raster while a solid fill collects
 * it (wa-raster.h), else to cairo. */
static inline gboolean
raster_collects (const View *view)
{
  return view->scratch != NULL && view->scratch->raster_collects;
}

static void
path_move_to (const View *view, double x, double y)
{
  if (raster_collects (view))
    wa_raster_move_to (view->scratch->raster, x, y);
  else
    cairo_move_to (view->cr, x, y);
}

static void
path_line_to (const View *view, double x, double y)
{
  if (raster_collects (view))
    wa_raster_line_to (view->scratch->raster, x, y);
  else
    cairo_line_to (view->cr, x, y);
}

static void
path_close (const View *view)
{
  if (raster_collects (view))
    wa_raster_close_path (view->scratch->raster);
  else
    cairo_close_path (view->cr);
}

static void
path_rectangle (const View *view, double x, double y, double width, double height)
{
  if (raster_collects (view))
    wa_raster_rectangle (view->scratch->raster, x, y, width, height);
  else
    cairo_rectangle (view->cr, x, y, width, height);
}

/* Starts a new path: on the raster where the caller's drawing suits it
 * (raster) and this render can use it, else in cairo. Returns the
 * raster it goes to, or NULL. */
static WaRaster *
path_begin (const View *view, gboolean raster)
{
  Scratch *scratch = view->scratch;

  scratch->raster_collects = raster && scratch->raster_ready;
  if (!scratch->raster_collects)
    cairo_new_path (view->cr);
  return scratch->raster_collects ? scratch->raster : NULL;
}

/* Ends the path: drawn on the raster in rgb at alpha with rule, if it
 * went there (TRUE), else left in cairo for the caller (FALSE); with
 * rgb NULL (a cancelled render), dropped from the raster. */
static gboolean
path_end_on_raster (const View *view, const WaRgb *rgb, double alpha, cairo_fill_rule_t rule)
{
  Scratch *scratch = view->scratch;

  if (!scratch->raster_collects)
    return FALSE;
  scratch->raster_collects = FALSE;
  if (rgb == NULL)
    wa_raster_new_path (scratch->raster);
  else
    wa_raster_fill (scratch->raster, rgb->red, rgb->green, rgb->blue, alpha, rule);
  return TRUE;
}

/* Builds a ring's path, pulling in vertices that lie far outside the view.
 * A vertex that is beyond the same side of the view (grown by MARGIN_PX)
 * as both its neighbours is moved onto that side: the segments it joins
 * stay outside the view, so fills are unchanged inside it and strokes
 * change only where nothing is visible. Runs of such vertices along one
 * side then collapse to their ends, so a county boundary crossing a tile
 * costs a handful of segments instead of thousands. */
typedef struct {
  const View *view;
  double min_x, min_y, max_x, max_y;
  gboolean started;
  double last_x, last_y;      /* last point added to the path */
  gboolean last_clamped;
  gboolean have_pending;      /* a clamped point held back in case the run goes on */
  double pending_x, pending_y;
} RingTracer;

enum { OUT_LEFT = 1, OUT_RIGHT = 2, OUT_TOP = 4, OUT_BOTTOM = 8 };

static guint
outcode (const RingTracer *t, double x, double y)
{
  return (x < t->min_x ? OUT_LEFT : x > t->max_x ? OUT_RIGHT : 0)
         | (y < t->min_y ? OUT_TOP : y > t->max_y ? OUT_BOTTOM : 0);
}

static void
tracer_emit (RingTracer *t, double x, double y, gboolean clamped)
{
  if (!t->started)
    path_move_to (t->view, x, y);
  else if (x == t->last_x && y == t->last_y)
    return;
  else
    path_line_to (t->view, x, y);
  t->started = TRUE;
  t->last_x = x;
  t->last_y = y;
  t->last_clamped = clamped;
}

static void
tracer_flush (RingTracer *t)
{
  if (t->have_pending)
    tracer_emit (t, t->pending_x, t->pending_y, TRUE);
  t->have_pending = FALSE;
}

static gboolean
collinear_on_side (const RingTracer *t, double ax, double ay, double bx, double by,
                   double cx, double cy)
{
  return (ax == bx && bx == cx) || (ay == by && by == cy);
}

static void
tracer_add_clamped (RingTracer *t, double x, double y)
{
  x = CLAMP (x, t->min_x, t->max_x);
  y = CLAMP (y, t->min_y, t->max_y);
  if (t->have_pending && t->last_clamped
      && collinear_on_side (t, t->last_x, t->last_y, t->pending_x, t->pending_y, x, y))
    {
      t->pending_x = x;
      t->pending_y = y;
      return;
    }
  tracer_flush (t);
  t->pending_x = x;
  t->pending_y = y;
  t->have_pending = TRUE;
}

static void
trace_ring (const View *view, const LatFit *fit, const double *xy, guint n)
{
  RingTracer t = {
    .view = view,
    .min_x = -MARGIN_PX, .min_y = -MARGIN_PX,
    .max_x = view->width + MARGIN_PX, .max_y = view->height + MARGIN_PX,
  };
  double x = view_x (view, xy[0]);
  double y = fit_y (view, fit, xy[1]);
  guint prev_code = 0, code = outcode (&t, x, y);

  for (guint i = 0; i < n; i++)
    {
      double next_x = 0, next_y = 0;
      guint next_code = 0;

      if (i + 1 < n)
        {
          next_x = view_x (view, xy[2 * i + 2]);
          next_y = fit_y (view, fit, xy[2 * i + 3]);
          next_code = outcode (&t, next_x, next_y);
        }
      /* The ring's ends are kept exactly: they have a neighbour only on
       * one side in this walk. */
      if (i > 0 && i + 1 < n && (code & prev_code) && (code & next_code))
        tracer_add_clamped (&t, x, y);
      else
        {
          tracer_flush (&t);
          tracer_emit (&t, x, y, FALSE);
        }
      prev_code = code;
      x = next_x, y = next_y, code = next_code;
    }
  tracer_flush (&t);
  path_close (view);
}

/* The rectangle (x, y, width, height) a geometry within two device
 * pixels each way is drawn as (TRUE), else FALSE: such a polygon and its
 * box antialias to the same few pixels, and boxes are far cheaper to
 * fill. */
static gboolean
small_box (const View *view, const WaGeometry *geometry, const LatFit *fit, double rect[4])
{
  const WaBBox *box = wa_geometry_get_bbox (geometry);
  double x0 = view_x (view, box->min_x), x1 = view_x (view, box->max_x);
  double y0 = fit_y (view, fit, box->max_y), y1 = fit_y (view, fit, box->min_y);

  if ((x1 - x0) * view->device_scale >= 2.0 || (y1 - y0) * view->device_scale >= 2.0)
    return FALSE;
  rect[0] = x0, rect[1] = y0, rect[2] = MAX (x1 - x0, 0.5), rect[3] = MAX (y1 - y0, 0.5);
  return TRUE;
}

/* Adds a geometry's rings to the current path. Returns FALSE if it lies
 * outside the view. */
static gboolean
trace_geometry (const View *view, WaGeometry *geometry)
{
  const WaBBox *box = wa_geometry_get_bbox (geometry);
  double rect[4];
  guint n_rings;
  LatFit fit;

  if (!wa_bbox_intersects (box, &view->view_lonlat))
    return FALSE;

  lat_fit_init (&fit, box, view->world_px);
  if (small_box (view, geometry, &fit, rect))
    {
      path_rectangle (view, rect[0], rect[1], rect[2], rect[3]);
      return TRUE;
    }

  n_rings = wa_geometry_get_n_rings (geometry);
  for (guint r = 0; r < n_rings; r++)
    {
      guint n;
      const double *xy = wa_geometry_get_ring (geometry, r, &n);

      if (n >= 3)
        trace_ring (view, &fit, xy, n);
    }
  return TRUE;
}

static void
set_rgb (cairo_t *cr, const WaRgb *rgb, double alpha)
{
  cairo_set_source_rgba (cr, rgb->red, rgb->green, rgb->blue, alpha);
}

static void
trace_land (const View *view)
{
  GPtrArray *land = wa_atlas_get_areas (view->atlas, WA_AREA_LAND);

  for (guint i = 0; i < land->len; i++)
    {
      WaGeometry *geometry = wa_atlas_get_area_geometry_for_zoom (view->atlas, WA_AREA_LAND, i,
                                                                  view->detail_zoom);
      if (geometry != NULL)
        trace_geometry (view, geometry);
    }
}

static void
draw_background (const View *view)
{
  set_rgb (view->cr, &view->theme->sea, 1);
  cairo_paint (view->cr);

  path_begin (view, TRUE);
  trace_land (view);
  if (!path_end_on_raster (view, &view->theme->land, 1, CAIRO_FILL_RULE_EVEN_ODD))
    {
      set_rgb (view->cr, &view->theme->land, 1);
      cairo_fill (view->cr);
    }
  if (view->theme->coast_alpha <= 0)
    return;
  /* Dark theme: a light coastline, so the darkest wards stay apart from
   * the dark sea (the wards cover its inner half). */
  cairo_new_path (view->cr);
  trace_land (view);
  set_rgb (view->cr, &view->theme->coast, view->theme->coast_alpha);
  cairo_set_line_width (view->cr, 1.6 * view->theme->line_scale);
  cairo_stroke (view->cr);
}

/* Grey with dark diagonal lines, repeating: one fill instead of a clip
 * and a stroke per line. */
static cairo_pattern_t *
no_data_pattern (void)
{
  cairo_surface_t *tile = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 6, 6);
  cairo_t *cr = cairo_create (tile);
  cairo_pattern_t *pattern;
  WaRgb grey;

  wa_palette_no_data_color (&grey);
  set_rgb (cr, &grey, 1);
  cairo_paint (cr);
  cairo_set_source_rgba (cr, 0.35, 0.35, 0.35, 0.55);
  cairo_set_line_width (cr, 1.0);
  /* A diagonal across the tile, continued through its corners so that
   * repeats join up. */
  cairo_move_to (cr, -1, 7);
  cairo_line_to (cr, 7, -1);
  cairo_move_to (cr, -1, 1);
  cairo_line_to (cr, 1, -1);
  cairo_move_to (cr, 5, 7);
  cairo_line_to (cr, 7, 5);
  cairo_stroke (cr);
  cairo_destroy (cr);

  pattern = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_surface_destroy (tile);
  return pattern;
}

/* The change view's shades use the band buckets. */
G_STATIC_ASSERT (WA_N_CHANGE_SHADES <= WA_N_BANDS);

/* Lines over a change shade, transparent between: rising ("/") or
 * falling ("\\"), repeating every WA_CHANGE_HATCH_SPACING map pixels. */
static cairo_pattern_t *
change_hatch_pattern (WaChangeHatch hatch)
{
  const int n = WA_CHANGE_HATCH_SPACING;
  cairo_surface_t *tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 4 * n, 4 * n);
  cairo_t *cr = cairo_create (tile);
  cairo_pattern_t *pattern;
  WaRgb ink;

  /* Drawn at 4x and scaled down, so that the lines stay smooth on 512 px
   * tiles and HiDPI. */
  cairo_scale (cr, 4, 4);
  wa_change_hatch_color (&ink);
  cairo_set_source_rgba (cr, ink.red, ink.green, ink.blue, WA_CHANGE_HATCH_ALPHA);
  cairo_set_line_width (cr, 1.1);
  for (int k = -1; k <= 1; k++)
    {
      if (hatch == WA_CHANGE_HATCH_RISING)
        {
          cairo_move_to (cr, k * n - 1, n + 1);
          cairo_line_to (cr, (k + 1) * n + 1, -1);
        }
      else
        {
          cairo_move_to (cr, k * n - 1, -1);
          cairo_line_to (cr, (k + 1) * n + 1, n + 1);
        }
    }
  cairo_stroke (cr);
  cairo_destroy (cr);

  pattern = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  {
    cairo_matrix_t matrix;

    cairo_matrix_init_scale (&matrix, 4, 4);
    cairo_pattern_set_matrix (pattern, &matrix);
  }
  cairo_surface_destroy (tile);
  return pattern;
}

/* A bucket's colour: a band's, or in the change view a change shade's;
 * FALSE where it is also hatched (the no-data band, the change view's
 * rising and falling shades). */
static gboolean
bucket_colour (const View *view, guint b, WaRgb *rgb)
{
  if (b == WA_N_BANDS)
    return FALSE;
  if (!wa_map_style_is_change (view->style))
    {
      wa_palette_band_color (wa_map_style_get_palette (view->style), b, rgb);
      return TRUE;
    }
  wa_change_shade_color ((WaChangeShade) b, rgb);
  return wa_change_shade_hatch ((WaChangeShade) b) == WA_CHANGE_HATCH_NONE;
}

/* Fills the current path with a bucket's colour and, in the change view,
 * its hatching. */
static void
fill_bucket (const View *view, guint b)
{
  cairo_t *cr = view->cr;
  WaChangeHatch hatch;
  WaRgb rgb;

  if (bucket_colour (view, b, &rgb))
    {
      set_rgb (cr, &rgb, 1);
      cairo_fill (cr);
      return;
    }
  set_rgb (cr, &rgb, 1);
  hatch = wa_change_shade_hatch ((WaChangeShade) b);
  cairo_fill_preserve (cr);
  if (view->scratch->change_hatch[hatch - 1] == NULL)
    view->scratch->change_hatch[hatch - 1] = change_hatch_pattern (hatch);
  cairo_set_source (cr, view->scratch->change_hatch[hatch - 1]);
  cairo_fill (cr);
}

/* Fills the traced path in band b's colour; the no-data band is hatched,
 * as grey alone could pass for a palette colour. */
static void
fill_band (const View *view, guint b)
{
  if (b == WA_N_BANDS)
    {
      if (view->scratch->hatch == NULL)
        view->scratch->hatch = no_data_pattern ();
      cairo_set_source (view->cr, view->scratch->hatch);
      cairo_fill (view->cr);
    }
  else
    fill_bucket (view, b);
}

/* The view grown by MARGIN_PX on every side, in Mercator units. */
static WaBBox
view_mercator_box (const View *view)
{
  double s = view->world_px;

  return (WaBBox) { (view->origin_x - MARGIN_PX) / s, (view->origin_y - MARGIN_PX) / s,
                    (view->origin_x + view->width + MARGIN_PX) / s,
                    (view->origin_y + view->height + MARGIN_PX) / s };
}

/* Adds boxed lines (Mercator units: a dissolved band's rings, a kind's
 * boundary lines, the simplified motorways) to the path. A line beyond
 * the view (grown by MARGIN_PX) is skipped, and a run of points wholly
 * beyond one side of it is drawn as the straight line between its ends:
 * the run and that line both lie in the half-plane beyond the side, so
 * the area between them is outside the view (fills inside it are
 * unchanged) and so is the line (strokes reach less than MARGIN_PX). */
static void
trace_boxed_line (const View *view, const WaBoxedLines *lines, const WaBoxedLine *line,
                  const WaBBox *view_box)
{
  double s = view->world_px, ox = view->origin_x, oy = view->origin_y;
  const double *xy = &g_array_index (lines->xy, double, 2 * line->first_point);
  const WaBBox *runs = (const WaBBox *) lines->runs->data + line->first_run;
  guint n = line->n_points, n_seg = line->closed ? n : n - 1;

  path_move_to (view, xy[0] * s - ox, xy[1] * s - oy);
  for (guint k = 0; k * WA_BOXED_LINES_RUN < n_seg; k++)
    {
      guint end = MIN ((k + 1) * WA_BOXED_LINES_RUN, n_seg);
      guint from = wa_bbox_intersects (&runs[k], view_box) ? k * WA_BOXED_LINES_RUN + 1 : end;

      /* Point n is a ring's first again: cairo_close_path draws it. */
      for (guint i = from; i <= end && i < n; i++)
        path_line_to (view, xy[2 * i] * s - ox, xy[2 * i + 1] * s - oy);
    }
  if (line->closed)
    path_close (view);
}

static void
trace_boxed_lines (const View *view, const WaBoxedLines *lines)
{
  WaBBox view_box = view_mercator_box (view);

  for (guint l = 0; l < lines->lines->len; l++)
    {
      const WaBoxedLine *line = &g_array_index (lines->lines, WaBoxedLine, l);

      if (wa_bbox_intersects (&line->box, &view_box))
        trace_boxed_line (view, lines, line, &view_box);
    }
}

/* A band's premultiplied colour for the one-pass fill: none for a hatched
 * bucket (drawn after it) or WA_BAND_FILL_NONE. */
static void
common_colour (const View *view, guint band, double colour[4])
{
  WaRgb rgb;

  if (band == WA_BAND_FILL_NONE || !bucket_colour (view, band, &rgb))
    {
      colour[0] = colour[1] = colour[2] = colour[3] = 0;
      return;
    }
  colour[0] = rgb.red, colour[1] = rgb.green, colour[2] = rgb.blue, colour[3] = 1;
}

/* Sets the weight of the band fill's common boundaries between the bands
 * of line l (wa-raster.h: the band right of it in y-down units, which is
 * the one left of it in lon/lat, less the other). */
static void
set_common_weight (const View *view, WaRaster *raster, const WaBandFill *fill, guint l)
{
  const guint16 *pair = &g_array_index (fill->common_bands, guint16, 2 * l);
  double right[4], left[4];

  common_colour (view, pair[0], right);
  common_colour (view, pair[1], left);
  wa_raster_set_weight (raster, right[0] - left[0], right[1] - left[1], right[2] - left[2],
                        right[3] - left[3]);
}

/* Fills every band of the fill but the hatched in one pass (wa-raster.h,
 * colour mode), each common boundary traced once: half the edges of
 * filling band by band, and one pass over the pixels instead of one a
 * band. A line wholly left of the view still adds its step along the
 * view's left side, so it is drawn as the straight line between its
 * ends (a ring there adds nothing). FALSE where the raster cannot draw
 * this render. */
static gboolean
fill_common (const View *view, const WaBandFill *fill)
{
  const WaBoxedLines *lines = &fill->common;
  WaBBox view_box = view_mercator_box (view);
  double s = view->world_px, ox = view->origin_x, oy = view->origin_y;
  WaRaster *raster = path_begin (view, TRUE);
  guint32 pair = G_MAXUINT32;

  if (raster == NULL)
    return FALSE;
  wa_raster_begin_colours (raster);
  for (guint l = 0; l < lines->lines->len; l++)
    {
      const WaBoxedLine *line = &g_array_index (lines->lines, WaBoxedLine, l);
      const double *xy = &g_array_index (lines->xy, double, 2 * line->first_point);
      const guint16 *bands = &g_array_index (fill->common_bands, guint16, 2 * l);

      if (line->box.min_y > view_box.max_y || line->box.max_y < view_box.min_y
          || line->box.min_x > view_box.max_x || (line->closed && line->box.max_x < view_box.min_x))
        continue;
      if (((guint32) bands[0] << 16 | bands[1]) != pair)
        {
          pair = (guint32) bands[0] << 16 | bands[1];
          set_common_weight (view, raster, fill, l);
        }
      if (line->box.max_x >= view_box.min_x)
        trace_boxed_line (view, lines, line, &view_box);
      else
        {
          guint last = line->n_points - 1;

          path_move_to (view, xy[0] * s - ox, xy[1] * s - oy);
          path_line_to (view, xy[2 * last] * s - ox, xy[2 * last + 1] * s - oy);
        }
    }
  wa_raster_fill_colours (raster);
  view->scratch->raster_collects = FALSE;
  return TRUE;
}

/* Below zoom 10 pixel tiles draw the style's dissolved band fills and
 * boundary lines (wa-band-fill.h); PDF and print keep every ward's and
 * area's own path. */
static gboolean
uses_dissolved_paths (const View *view)
{
  return !view->vector && !view->per_ward_fills && view->zoom < 10;
}

/* Adds a bucket's wards to the path: the band's dissolved rings (or with
 * common, only its loose rings, the rest filled by fill_common) where
 * band_fill is given, else every ward's own rings. FALSE if the render
 * was cancelled meanwhile. */
static gboolean
trace_bucket (const View *view, const WaBandFill *band_fill, gboolean common, guint b,
              GArray *bucket)
{
  if (band_fill != NULL)
    {
      /* The dissolve chains edges into rings of either direction. */
      if (raster_collects (view))
        wa_raster_orient_rings (view->scratch->raster);
      trace_boxed_lines (view, common ? &band_fill->loose[b] : &band_fill->bands[b]);
      return TRUE;
    }
  for (guint i = 0; i < bucket->len; i++)
    {
      WaGeometry *geometry = wa_atlas_get_ward_geometry_for_zoom (view->atlas,
                                                                  g_array_index (bucket, guint, i),
                                                                  view->detail_zoom);
      if (geometry != NULL)
        trace_geometry (view, geometry);
      if (i % CANCEL_CHECK_EVERY == 0 && view_cancelled (view))
        return FALSE;
    }
  return TRUE;
}

/* Fills a bucket: with the raster where it is a solid colour and the
 * render can use it, else with cairo. */
static gboolean
fill_bucket_wards (const View *view, const WaBandFill *band_fill, gboolean common, guint b,
                   GArray *bucket)
{
  WaRgb rgb;
  gboolean solid = bucket_colour (view, b, &rgb);

  path_begin (view, solid);
  if (!trace_bucket (view, band_fill, common && solid, b, bucket))
    {
      path_end_on_raster (view, NULL, 0, CAIRO_FILL_RULE_EVEN_ODD);
      return FALSE;
    }
  if (!path_end_on_raster (view, &rgb, 1, CAIRO_FILL_RULE_EVEN_ODD))
    fill_band (view, b);
  return TRUE;
}

/* Ward indices in the view, split by band; bucket WA_N_BANDS is "no data".
 * Below zoom 10, once the style has made its band fill (in the
 * background: until then, ward by ward), each band with a ward in the
 * view is filled from its dissolved path (draw_band_fills where the
 * raster can draw). */
static gboolean
draw_ward_fills (const View *view, GArray *indices, GArray *left_behind)
{
  GArray **buckets = view->scratch->buckets;
  const WaBandFill *band_fill = NULL;

  for (guint i = 0; i < indices->len; i++)
    {
      guint index = g_array_index (indices, guint, i);
      int band = wa_map_style_get_ward_band (view->style, index);

      g_array_append_val (buckets[band < 0 ? WA_N_BANDS : (guint) band], index);
      if (wa_map_style_is_left_behind (view->style, index))
        g_array_append_val (left_behind, index);
    }

  if (uses_dissolved_paths (view))
    band_fill = wa_map_style_try_band_fill (view->style, view->detail_zoom);
  for (guint b = 0; b <= WA_N_BANDS; b++)
    if (buckets[b]->len > 0 && !fill_bucket_wards (view, band_fill, FALSE, b, buckets[b]))
      return FALSE;
  return TRUE;
}

/* The band fill a pixel tile below zoom 10 draws on the raster, once the
 * style has made it; else NULL. */
static const WaBandFill *
raster_band_fill (const View *view)
{
  if (!uses_dissolved_paths (view) || !view->scratch->raster_ready)
    return NULL;
  return wa_map_style_try_band_fill (view->style, view->detail_zoom);
}

/* Fills the wards from the band fill alone: the solid bands in one pass,
 * then each band's loose rings and the hatched bands, each traced where
 * it reaches the view (where wards overlap, every band on its own: see
 * WaBandFill's overlapping); and puts in left_behind the small left-behind
 * wards in the view (the rest are the fill's lines). Asking the atlas
 * which wards the view shows (a tenth of a dense tile's time) is not
 * needed. */
static void
draw_band_fills (const View *view, const WaBandFill *fill, GArray *left_behind)
{
  gboolean common = !fill->overlapping;

  if (common)
    fill_common (view, fill);
  for (guint b = 0; b < fill->n_bands; b++)
    {
      WaRgb rgb;

      /* A bucket with no rings has no wards (in the change view, most:
       * its buckets are the fewer change shades). */
      if (fill->bands[b].lines->len > 0
          && (!common || !bucket_colour (view, b, &rgb) || fill->loose[b].lines->len > 0))
        fill_bucket_wards (view, fill, common, b, NULL);
    }
  for (guint i = 0; i < fill->small_left_behind->len; i++)
    {
      const WaBandFillWard *ward = &g_array_index (fill->small_left_behind, WaBandFillWard, i);

      if (wa_bbox_intersects (&ward->box, &view->view_lonlat))
        g_array_append_val (left_behind, ward->index);
    }
}

static void
trace_wards (const View *view, GArray *indices, double zoom_for_detail)
{
  cairo_new_path (view->cr);
  for (guint i = 0; i < indices->len; i++)
    {
      WaGeometry *geometry =
        wa_atlas_get_ward_geometry_for_zoom (view->atlas, g_array_index (indices, guint, i),
                                             zoom_for_detail);
      if (geometry != NULL)
        trace_geometry (view, geometry);
    }
}

static void
stroke_wards (const View *view, GArray *indices, double zoom_for_detail)
{
  trace_wards (view, indices, zoom_for_detail);
  cairo_stroke (view->cr);
}

/* Whether a ward's fill is too dark for the outline colour (under the
 * 3:1 WCAG asks of boundaries): high contrast outlines it in
 * line_on_dark. */
static gboolean
fill_too_dark (const View *view, guint ward)
{
  int band = wa_map_style_get_ward_band (view->style, ward);
  WaRgb fill;

  if (band < 0)
    return FALSE;
  wa_palette_band_color (wa_map_style_get_palette (view->style), band, &fill);
  return wa_colour_contrast (&fill, &view->theme->ward_outline) < 3.0
         && wa_colour_contrast (&fill, &view->theme->line_on_dark) >= 3.0;
}

/* The wards' outlines on the raster, each edge two wards share once
 * (cairo strokes each ward's outline, so every shared edge twice: a
 * third of a z12 tile's time). FALSE where the view cannot have them. */
static gboolean
stroke_ward_lines (const View *view, double width, const WaRgb *rgb, double alpha)
{
  WaBBox box = view_mercator_box (view);
  const WaBandFill *lines;

  if (!view->scratch->raster_ready || view->per_ward_fills
      || (lines = wa_map_style_get_ward_lines (view->style, view->detail_zoom, &box)) == NULL)
    return FALSE;
  wa_raster_set_line_width (path_begin (view, TRUE), width);
  trace_boxed_lines (view, &lines->bands[0]);
  return path_end_on_raster (view, rgb, alpha, CAIRO_FILL_RULE_WINDING);
}

static void
draw_ward_outlines (const View *view, GArray *indices)
{
  if (view->zoom < WA_TILE_WARD_OUTLINES_MIN_ZOOM)
    return;
  const WaMapTheme *theme = view->theme;
  double alpha = theme->ward_outline_alpha * (view->zoom < 12 ? 0.75 : 1.0);
  double width = (view->zoom < 13 ? 0.6 : 0.9) * theme->line_scale;
  g_autoptr(GArray) dark = NULL, rest = NULL;

  /* Over the neighbourhoods, wards are the thicker lines. */
  if (wa_map_style_shows_lsoas_at (view->style, view->zoom))
    {
      alpha = 1.0;
      width = 2.0 * theme->line_scale;
    }
  cairo_set_line_width (view->cr, width);
  if (!theme->lines_follow_fill)
    {
      if (stroke_ward_lines (view, width, &theme->ward_outline, alpha))
        return;
      set_rgb (view->cr, &theme->ward_outline, alpha);
      stroke_wards (view, indices, view->detail_zoom);
      return;
    }
  dark = g_array_new (FALSE, FALSE, sizeof (guint));
  rest = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < indices->len; i++)
    {
      guint ward = g_array_index (indices, guint, i);

      g_array_append_val (fill_too_dark (view, ward) ? dark : rest, ward);
    }
  set_rgb (view->cr, &theme->ward_outline, alpha);
  stroke_wards (view, rest, view->detail_zoom);
  /* Last, so that the edge between two dark wards is light. */
  set_rgb (view->cr, &theme->line_on_dark, 1);
  stroke_wards (view, dark, view->detail_zoom);
}

static void
draw_areas (const View *view, WaAreaKind kind, double width, double alpha)
{
  GPtrArray *areas = wa_atlas_get_areas (view->atlas, kind);
  const WaBandFill *lines = NULL;
  WaRaster *raster;

  /* Each shared edge once (wa_area_lines_new), at every zoom: from z10
   * cairo stroking each council's own boundary took 1.6 of a 4 ms z10
   * tile at 512 px. */
  if (!view->vector && !view->per_ward_fills)
    lines = wa_map_style_try_area_lines (view->style, kind, view->detail_zoom);
  /* The lines, each shared edge once, on the raster (an edge traced
   * twice, as every area's own boundary traces it, would darken the
   * raster's antialiased edge pixels twice over). High contrast's casing
   * under the line would need the path twice, so cairo strokes it. */
  raster = path_begin (view, lines != NULL && !view->theme->lines_follow_fill);
  if (raster != NULL)
    wa_raster_set_line_width (raster, width * view->theme->line_scale);
  if (lines != NULL)
    trace_boxed_lines (view, &lines->bands[0]);
  for (guint i = 0; lines == NULL && i < areas->len; i++)
    {
      WaGeometry *geometry = wa_atlas_get_area_geometry_for_zoom (view->atlas, kind, i,
                                                                  view->detail_zoom);
      if (geometry != NULL)
        trace_geometry (view, geometry);
    }
  if (path_end_on_raster (view, &view->theme->boundary, alpha, CAIRO_FILL_RULE_WINDING))
    return;
  if (view->theme->lines_follow_fill)
    {
      /* A light casing keeps a dark boundary visible on the darkest fills. */
      set_rgb (view->cr, &view->theme->line_on_dark, 1);
      cairo_set_line_width (view->cr, (width + 2) * view->theme->line_scale);
      cairo_stroke_preserve (view->cr);
      alpha = 1;
    }
  set_rgb (view->cr, &view->theme->boundary, alpha);
  cairo_set_line_width (view->cr, width * view->theme->line_scale);
  cairo_stroke (view->cr);
}

static void
draw_boundaries (const View *view)
{
  if (view->zoom >= 7)
    draw_areas (view, WA_AREA_LAD, view->zoom < 10 ? 0.7 : 1.2, 0.55);
  draw_areas (view, WA_AREA_REGION, view->zoom < 8 ? 1.0 : 2.0, 0.75);
}

/* The left-behind cue must not rely on colour: a thick outline in a colour
 * no palette uses, with a dark inner line, visible even where a ward is
 * two pixels wide. */
static void stroke_lsoas (const View *view, GArray *indices);
static void trace_lsoas (const View *view, GArray *indices);

/* A rectangle's stroke, width wide with round joins, as a ring to fill
 * with the non-zero rule: the rectangle grown by half the width, its
 * corners cut as by a regular octagon (as the raster's round joins),
 * less, where the line leaves room, the rectangle shrunk by as much
 * (going the other way round). */
static void
trace_box_stroke (const View *view, const double rect[4], double width)
{
  double h = 0.5 * width, d = h * G_SQRT2 / 2;
  double x0 = rect[0], y0 = rect[1], x1 = rect[0] + rect[2], y1 = rect[1] + rect[3];
  const double outline[][2] = {
    { x1 + h, y0 }, { x1 + h, y1 }, { x1 + d, y1 + d }, { x1, y1 + h }, { x0, y1 + h },
    { x0 - d, y1 + d }, { x0 - h, y1 }, { x0 - h, y0 }, { x0 - d, y0 - d }, { x0, y0 - h },
    { x1, y0 - h }, { x1 + d, y0 - d },
  };

  path_move_to (view, outline[0][0], outline[0][1]);
  for (guint i = 1; i < G_N_ELEMENTS (outline); i++)
    path_line_to (view, outline[i][0], outline[i][1]);
  path_close (view);
  if (rect[2] <= width || rect[3] <= width)
    return;
  path_move_to (view, x0 + h, y0 + h);
  path_line_to (view, x0 + h, y1 - h);
  path_line_to (view, x1 - h, y1 - h);
  path_line_to (view, x1 - h, y0 + h);
  path_close (view);
}

/* Draws the left-behind cue's pass on the raster: the pink outline
 * (pass 0), then the blue line inside it. */
static void
end_left_behind_pass (const View *view, guint pass)
{
  WaRgb rgb;

  if (pass == 0)
    wa_palette_left_behind_color (&rgb);
  else
    wa_palette_left_behind_inner_color (&rgb);
  path_end_on_raster (view, &rgb, 1, CAIRO_FILL_RULE_WINDING);
}

/* The box ward index is drawn as (small_box), if it is drawn as one. */
static gboolean
ward_box (const View *view, guint index, double rect[4])
{
  WaGeometry *geometry = wa_atlas_get_ward_geometry_for_zoom (view->atlas, index,
                                                              view->detail_zoom);
  LatFit fit;

  if (geometry == NULL)
    return FALSE;
  lat_fit_init (&fit, wa_geometry_get_bbox (geometry), view->world_px);
  return small_box (view, geometry, &fit, rect);
}

/* The left-behind wards of indices drawn as boxes (under two device
 * pixels: the band fill's small wards), outlined on the raster as
 * cairo's round-joined stroke of the box would be, each box's outline a
 * ring (where a stroke's outline would fold over a box narrower than the
 * line); those that are not boxes stay in indices. */
static void
stroke_left_behind_boxes (const View *view, double width, GArray *indices)
{
  GArray *boxes = view->scratch->boxes;
  guint n_kept = 0;

  /* Each ward's box once for both passes (on the 10x pack's densest z7
   * tile, working them out per pass was a twentieth of its time). */
  g_array_set_size (boxes, 0);
  for (guint i = 0; i < indices->len; i++)
    {
      guint index = g_array_index (indices, guint, i);
      double rect[4];

      if (ward_box (view, index, rect))
        g_array_append_val (boxes, rect);
      else
        g_array_index (indices, guint, n_kept++) = index;
    }
  g_array_set_size (indices, n_kept);
  for (guint pass = 0; pass < 2; pass++)
    {
      path_begin (view, TRUE);
      for (guint i = 0; i < boxes->len; i++)
        trace_box_stroke (view, &g_array_index (boxes, double, 4 * i),
                          pass == 0 ? width : 0.4 * width);
      end_left_behind_pass (view, pass);
    }
}

/* Below zoom 10 on pixel tiles, once the style's band fill is made: its
 * left-behind lines, each edge once, stroked on the raster with round
 * joins (cairo stroked each ward's whole outline: a fifth of a z7 tile's
 * time, issue 18), then the wards of indices under two pixels outlined
 * round their boxes (stroke_left_behind_boxes), leaving in indices only
 * those that are not boxes, for cairo. FALSE where they cannot be. */
static gboolean
stroke_left_behind_lines (const View *view, double width, GArray *indices)
{
  const WaBandFill *fill = uses_dissolved_paths (view)
    ? wa_map_style_try_band_fill (view->style, view->detail_zoom) : NULL;
  guint n_kept = 0;

  if (fill == NULL || !view->scratch->raster_ready)
    return FALSE;
  for (guint pass = 0; pass < 2; pass++)
    {
      WaRaster *raster = path_begin (view, TRUE);

      wa_raster_set_line_width (raster, pass == 0 ? width : 0.4 * width);
      wa_raster_set_round_joins (raster);
      trace_boxed_lines (view, &fill->left_behind);
      end_left_behind_pass (view, pass);
    }
  for (guint i = 0; i < indices->len; i++)
    if (fill->small[g_array_index (indices, guint, i)])
      g_array_index (indices, guint, n_kept++) = g_array_index (indices, guint, i);
  g_array_set_size (indices, n_kept);
  stroke_left_behind_boxes (view, width, indices);
  return TRUE;
}

static void
draw_left_behind_full (const View *view, GArray *indices, gboolean lsoas)
{
  double width = (view->zoom < 8 ? 1.4 : view->zoom < 11 ? 2.2 : 3.0) * view->theme->line_scale;
  WaRgb pink;

  /* A neighbourhood's cue is the ward's, narrower: the two can share an
   * edge. */
  if (lsoas)
    width *= 0.7;
  /* In the change view at country scale the outlines would cover the
   * small city wards' shades, which are the message there; closer in,
   * outline and hatching tell the categories apart without colour. */
  if (wa_map_style_is_change (view->style) && view->zoom < CHANGE_OUTLINE_MIN_ZOOM)
    return;
  /* The band fill's lines whatever indices hold: below zoom 10 they
   * hold only the small wards (draw_band_fills). */
  if (!lsoas)
    stroke_left_behind_lines (view, width, indices);
  if (indices->len == 0)
    return;
  wa_palette_left_behind_color (&pink);
  cairo_set_line_join (view->cr, CAIRO_LINE_JOIN_ROUND);
  set_rgb (view->cr, &pink, 1);
  cairo_set_line_width (view->cr, width);
  /* Traced once for both lines. */
  if (lsoas)
    trace_lsoas (view, indices);
  else
    trace_wards (view, indices, view->detail_zoom);
  cairo_stroke_preserve (view->cr);
  /* A blue line inside the pink: the cue that survives colour-vision
   * deficiencies (see wa_palette_left_behind_inner_color). */
  wa_palette_left_behind_inner_color (&pink);
  set_rgb (view->cr, &pink, 1);
  cairo_set_line_width (view->cr, 0.4 * width);
  cairo_stroke (view->cr);
}

static void
draw_left_behind (const View *view, GArray *left_behind)
{
  draw_left_behind_full (view, left_behind, FALSE);
}

/* ---- neighbourhoods ---------------------------------------------------- */

static void
trace_lsoas (const View *view, GArray *indices)
{
  cairo_new_path (view->cr);
  for (guint i = 0; i < indices->len; i++)
    {
      WaGeometry *geometry = wa_atlas_get_lsoa_geometry (view->atlas, g_array_index (indices, guint, i));

      if (geometry != NULL)
        trace_geometry (view, geometry);
    }
}

static void
stroke_lsoas (const View *view, GArray *indices)
{
  trace_lsoas (view, indices);
  cairo_stroke (view->cr);
}

/* The LSOAs in the view, over the ward fills (which stay under any sliver
 * between the two boundary sets), by decile band like the wards; then
 * their boundaries as faint lines. Fills the scratch's lsoas and
 * lsoa_flagged. */
static gboolean
draw_lsoa_fills (const View *view)
{
  GArray **buckets = view->scratch->buckets;
  GArray *indices = view->scratch->lsoas;
  cairo_t *cr = view->cr;

  wa_atlas_query_lsoas (view->atlas, &view->view_lonlat, indices);
  if (indices->len == 0)
    return TRUE;
  for (guint b = 0; b <= WA_N_BANDS; b++)
    g_array_set_size (buckets[b], 0);
  for (guint i = 0; i < indices->len; i++)
    {
      guint index = g_array_index (indices, guint, i);
      int band = wa_map_style_get_lsoa_band (view->style, index);

      g_array_append_val (buckets[band < 0 ? WA_N_BANDS : (guint) band], index);
      if (wa_map_style_is_lsoa_flagged (view->style, index))
        g_array_append_val (view->scratch->lsoa_flagged, index);
    }
  for (guint b = 0; b <= WA_N_BANDS; b++)
    {
      if (buckets[b]->len == 0)
        continue;
      cairo_new_path (cr);
      for (guint i = 0; i < buckets[b]->len; i++)
        {
          WaGeometry *geometry = wa_atlas_get_lsoa_geometry (view->atlas,
                                                             g_array_index (buckets[b], guint, i));

          if (geometry != NULL)
            trace_geometry (view, geometry);
          if (i % CANCEL_CHECK_EVERY == 0 && view_cancelled (view))
            return FALSE;
        }
      fill_band (view, b);
    }
  /* Neighbourhood boundaries: thin and faint, under the wards' lines. */
  set_rgb (cr, view->theme->lines_follow_fill ? &view->theme->line_on_dark : &view->theme->ward_outline,
           view->theme->lines_follow_fill ? 0.8 : 0.35 * view->theme->ward_outline_alpha);
  cairo_set_line_width (cr, 0.5 * view->theme->line_scale);
  stroke_lsoas (view, indices);
  return TRUE;
}

/* ---- orientation layers ------------------------------------------------ */

/* Adds the style's simplified motorway lines (Mercator units) in the
 * view to the path, skipping what lies beyond it as trace_boxed_lines
 * does (MARGIN_PX is more than half the widest casing). Returns FALSE
 * where the style has no such lines for the zoom. */
static gboolean
trace_motorway_lines (const View *view)
{
  const WaMotorwayLines *lines = view->full_motorways ? NULL
                                 : wa_map_style_get_motorway_lines (view->style, view->detail_zoom);

  if (lines == NULL)
    return FALSE;
  cairo_new_path (view->cr);
  trace_boxed_lines (view, &lines->boxed);
  return TRUE;
}

/* Traces the motorways in the view: the style's lines simplified for the
 * zoom where it has them (trace_motorway_lines), else the pack's
 * full-detail links, dropping vertices closer than half a device pixel
 * to the last one kept. Links go in the style's chain order, a link that
 * continues the one before as part of the same line: with round caps and
 * joins the line covers the same pixels either way, but cairo's round
 * caps are costly (the densest z9 tile, 983 links, took 8 ms for its
 * motorways alone). */
static void
trace_motorways (const View *view, GPtrArray *roads)
{
  double min_step = 0.5 / view->device_scale;
  guint n_steps;
  const WaRoadStep *steps = wa_map_style_get_motorway_steps (view->style, &n_steps);
  gboolean joined = FALSE;   /* the last link in the order was drawn */
  double lx = 0, ly = 0;

  if (trace_motorway_lines (view))
    return;
  cairo_new_path (view->cr);
  for (guint i = 0; i < n_steps; i++)
    {
      const WaRoad *road = g_ptr_array_index (roads, steps[i].road);
      gboolean continues = steps[i].continues && joined;
      LatFit fit;

      joined = wa_bbox_intersects (&road->bbox, &view->view_lonlat);
      if (!joined)
        continue;
      /* Road links are short: the quadratic fit is exact to well under a pixel. */
      lat_fit_init (&fit, &road->bbox, view->world_px);
      for (guint k = continues ? 1 : 0; k < road->n_points; k++)
        {
          double x = view_x (view, road->xy[2 * k]);
          double y = fit_y (view, &fit, road->xy[2 * k + 1]);

          if (k == 0)
            cairo_move_to (view->cr, x, y);
          else if (k == road->n_points - 1 || fabs (x - lx) + fabs (y - ly) >= min_step)
            cairo_line_to (view->cr, x, y);
          else
            continue;
          lx = x;
          ly = y;
        }
    }
}

/* Fills a motorway cover: rings of a union, which never share an edge,
 * so on the raster each is turned to wind the same way. */
static void
fill_cover (const View *view, const WaBoxedLines *cover, const WaRgb *rgb, double alpha)
{
  WaRaster *raster = path_begin (view, TRUE);

  if (raster != NULL)
    wa_raster_orient_rings (raster);
  trace_boxed_lines (view, cover);
  if (path_end_on_raster (view, rgb, alpha, CAIRO_FILL_RULE_EVEN_ODD))
    return;
  set_rgb (view->cr, rgb, alpha);
  cairo_fill (view->cr);
}

/* Fills the style's covers of the casing (where there is one) and line
 * (z7-z9 tiles, once made in the background); FALSE where it has none
 * yet. */
static gboolean
fill_motorway_covers (const View *view)
{
  const WaBoxedLines *covers[WA_N_MOTORWAY_PARTS] = { NULL };
  double width, casing;

  if (view->full_motorways || view->stroked_motorways)
    return FALSE;
  wa_map_style_get_motorway_widths (view->style, view->zoom, &width, &casing);
  for (guint p = 0; p < WA_N_MOTORWAY_PARTS; p++)
    {
      if (p == WA_MOTORWAY_CASING && casing <= 0)
        continue;
      covers[p] = wa_map_style_try_motorway_cover (view->style, view->zoom, view->device_scale, p);
      if (covers[p] == NULL)
        return FALSE;
    }
  if (covers[WA_MOTORWAY_CASING] != NULL)
    fill_cover (view, covers[WA_MOTORWAY_CASING], &view->theme->motorway_casing, 0.85);
  fill_cover (view, covers[WA_MOTORWAY_LINE], &view->theme->motorway, 1);
  return TRUE;
}

/* A casing in the theme's contrast colour under a blue line
 * (wa_map_style_get_motorway_widths): on z7-z9 tiles what they cover,
 * filled, else their strokes. */
static void
draw_motorways (const View *view)
{
  GPtrArray *roads = wa_roads_get_motorways (wa_atlas_get_roads (view->atlas));
  double width, casing;

  if (view->zoom < WA_MOTORWAY_MIN_ZOOM || roads->len == 0 || fill_motorway_covers (view))
    return;
  wa_map_style_get_motorway_widths (view->style, view->zoom, &width, &casing);
  trace_motorways (view, roads);
  cairo_save (view->cr);
  /* The round caps and joins' arcs to a quarter of a device pixel rather
   * than cairo's tenth: on the densest z9 tiles at 512 px the two strokes
   * took 12-14 ms with a tenth, 4 ms with a quarter. */
  cairo_set_tolerance (view->cr, 0.25);
  cairo_set_line_join (view->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (view->cr, CAIRO_LINE_CAP_ROUND);
  if (casing > 0)
    {
      set_rgb (view->cr, &view->theme->motorway_casing, 0.85);
      cairo_set_line_width (view->cr, casing);
      cairo_stroke_preserve (view->cr);
    }
  set_rgb (view->cr, &view->theme->motorway, 1);
  cairo_set_line_width (view->cr, width);
  cairo_stroke (view->cr);
  cairo_restore (view->cr);
}

/* Stations as a small ringed disc, like a stop on a line diagram; their
 * names come with the labels, from WA_STATION_NAME_MIN_ZOOM. */
static void
draw_stations (const View *view)
{
  GArray *stations = wa_roads_get_stations (wa_atlas_get_roads (view->atlas));
  double radius = view->zoom < 14 ? 3.0 : 3.8;

  if (view->zoom < WA_STATION_MIN_ZOOM)
    return;
  cairo_new_path (view->cr);
  for (guint i = 0; i < stations->len; i++)
    {
      const WaStation *station = &g_array_index (stations, WaStation, i);
      double x, y;

      if (!wa_bbox_contains (&view->view_lonlat, station->lon, station->lat))
        continue;
      x = view_x (view, station->lon);
      y = mercator_y (station->lat) * view->world_px - view->origin_y;
      cairo_new_sub_path (view->cr);
      cairo_arc (view->cr, x, y, radius, 0, 2 * G_PI);
    }
  set_rgb (view->cr, &view->theme->station_fill, 1);
  cairo_fill_preserve (view->cr);
  set_rgb (view->cr, &view->theme->station_ring, 1);
  cairo_set_line_width (view->cr, 1.6 * view->theme->line_scale);
  cairo_stroke (view->cr);
}

static gboolean
under_panel (const View *view, double x, double y, const WaLabel *label)
{
  WaBBox box = { x - label->width / 2, y - label->height / 2,
                 x + label->width / 2, y + label->height / 2 };

  for (guint i = 0; i < view->n_keep_clear; i++)
    if (wa_bbox_intersects (&box, &view->keep_clear[i]))
      return TRUE;
  return FALSE;
}

static void
draw_labels (const View *view, int focus_ward)
{
  guint zoom = (guint) CLAMP (floor (view->zoom + 0.25), 0, 20);
  WaLabelLayout *names = wa_map_style_get_label_layout (view->style);
  /* A finished map has no neighbouring tile to agree with: its names are
   * placed at its own scale. */
  g_autoptr(GArray) own = view->labels_inside
                          ? wa_label_layout_place_view (names, view->world_px, focus_ward) : NULL;
  GArray *labels = own != NULL ? own : wa_label_layout_get (names, zoom);
  /* The tiles' layout is in world pixels at an integer zoom; views at
   * other scales (fractional zooms) move the anchors, not the text size. */
  double scale = own != NULL ? 1.0 : view->world_px / (256.0 * (1 << zoom));
  PangoLayout *layout = NULL;

  for (guint i = 0; i < labels->len; i++)
    {
      const WaLabel *label = &g_array_index (labels, WaLabel, i);
      /* The anchor scales with the view; the text keeps its offset from it. */
      double ax = label->anchor_x * scale - view->origin_x;
      double ay = label->anchor_y * scale - view->origin_y;
      double x = ax + label->x - label->anchor_x;
      double y = ay + label->y - label->anchor_y;

      if (view->theme->labels == WA_LABELS_FEWER && label->kind > WA_PLACE_TOWN)
        continue;
      if (x + label->width / 2 < 0 || x - label->width / 2 > view->width
          || y + label->height / 2 < 0 || y - label->height / 2 > view->height)
        continue;
      /* A finished map has no neighbouring tile to finish a cut label. */
      if (view->labels_inside && (x - label->width / 2 < 0 || x + label->width / 2 > view->width
                          || y - label->height / 2 < 0 || y + label->height / 2 > view->height))
        continue;
      if (under_panel (view, x, y, label))
        continue;
      if (layout == NULL)
        layout = pango_cairo_create_layout (view->cr);
      wa_label_draw (view->cr, layout, label, x, y, ax, ay, view->theme, view->vector);
    }
  g_clear_object (&layout);
}

/* Device pixels per user unit. Vector output (PDF briefings, printing)
 * is zoomed into on screen and printed at 300 dpi or more: geometry is
 * taken four times finer than that nominal resolution. */
static double
device_scale_of (cairo_t *cr)
{
  double dx = 1, dy = 0, scale;

  cairo_user_to_device_distance (cr, &dx, &dy);
  scale = MAX (hypot (dx, dy), 1e-6);
  if (cairo_surface_get_type (cairo_get_target (cr)) != CAIRO_SURFACE_TYPE_IMAGE)
    scale *= 4;
  return scale;
}

double
wa_tile_detail_zoom (double zoom, double device_scale)
{
  /* The pack's geometry levels are exact to half a pixel of a 512 px
   * tile, which is one zoom level finer than a 256 px device tile needs. */
  return zoom + log2 (device_scale) - 1;
}

static void
view_init (View *view, WaMapStyle *style, double world_px, double origin_x, double origin_y,
           double width, double height, cairo_t *cr, GCancellable *cancellable)
{
  double lon0, lat0, lon1, lat1;

  view->style = style;
  view->theme = wa_map_style_get_theme (style);
  view->atlas = wa_map_style_get_atlas (style);
  view->cr = cr;
  view->cancellable = cancellable;
  view->scratch = NULL;
  view->per_ward_fills = FALSE;
  view->world_px = world_px;
  view->origin_x = origin_x;
  view->origin_y = origin_y;
  view->width = width;
  view->height = height;
  view->zoom = log2 (world_px / 256.0);
  view->device_scale = device_scale_of (cr);
  view->detail_zoom = wa_tile_detail_zoom (view->zoom, view->device_scale);

  wa_mercator_to_lonlat ((origin_x - MARGIN_PX) / world_px, (origin_y - MARGIN_PX) / world_px,
                         &lon0, &lat1);
  wa_mercator_to_lonlat ((origin_x + width + MARGIN_PX) / world_px,
                         (origin_y + height + MARGIN_PX) / world_px, &lon1, &lat0);
  view->view_lonlat = (WaBBox) { lon0, lat0, lon1, lat1 };
}

gboolean
wa_map_render_view (WaMapStyle *style, double world_px, double origin_x, double origin_y,
                    double width, double height, gboolean labels, cairo_t *cr,
                    GCancellable *cancellable)
{
  WaRenderOptions options = { labels ? WA_RENDER_LABELS : 0 };

  return wa_map_render_view_full (style, world_px, origin_x, origin_y, width, height, &options,
                                  cr, cancellable);
}

/* Saves and clips cr and sets the view up for a render with options (undo
 * with cairo_restore). */
static void
begin_view (View *view, WaMapStyle *style, double world_px, double origin_x, double origin_y,
            double width, double height, const WaRenderOptions *options, cairo_t *cr,
            GCancellable *cancellable)
{
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  view_init (view, style, world_px, origin_x, origin_y, width, height, cr, cancellable);
  view->labels_inside = (options->flags & WA_RENDER_LABELS_INSIDE) != 0;
  view->keep_clear = options->keep_clear;
  view->n_keep_clear = options->n_keep_clear;
  view->vector = cairo_surface_get_type (cairo_get_target (cr)) != CAIRO_SURFACE_TYPE_IMAGE;
  view->per_ward_fills = (options->flags & WA_RENDER_PER_WARD_FILLS) != 0;
  view->full_motorways = (options->flags & WA_RENDER_FULL_MOTORWAYS) != 0;
  view->stroked_motorways = (options->flags & WA_RENDER_STROKED_MOTORWAYS) != 0;
}

gboolean
wa_map_render_view_full (WaMapStyle *style, double world_px, double origin_x, double origin_y,
                         double width, double height, const WaRenderOptions *options,
                         cairo_t *cr, GCancellable *cancellable)
{
  Scratch *scratch = scratch_get ();
  GArray *indices = scratch->indices, *left_behind = scratch->left_behind;
  const WaBandFill *band_fill;
  gboolean complete = FALSE;
  View view;

  gboolean labels = (options->flags & WA_RENDER_LABELS) != 0;

  g_return_val_if_fail (style != NULL && cr != NULL, FALSE);

  begin_view (&view, style, world_px, origin_x, origin_y, width, height, options, cr, cancellable);
  view.scratch = scratch;
  scratch->raster_ready = !view.vector && (options->flags & WA_RENDER_CAIRO_FILLS) == 0
                          && wa_raster_begin (scratch->raster, cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  /* Cairo's fast antialiasing halves the cost of fills and strokes and
   * is indistinguishable at map scale; text keeps its own antialiasing. */
  cairo_set_antialias (cr, (options->flags & WA_RENDER_FINE_ANTIALIAS) ? CAIRO_ANTIALIAS_DEFAULT
                                                                       : CAIRO_ANTIALIAS_FAST);

  draw_background (&view);
  if ((band_fill = raster_band_fill (&view)) != NULL)
    draw_band_fills (&view, band_fill, left_behind);
  else
    {
      wa_atlas_query_wards (view.atlas, &view.view_lonlat, indices);
      if (!draw_ward_fills (&view, indices, left_behind))
        goto out;
    }
  if (view_cancelled (&view))
    goto out;
  if (wa_map_style_shows_lsoas_at (style, view.zoom)
      && (!draw_lsoa_fills (&view) || view_cancelled (&view)))
    goto out;
  draw_ward_outlines (&view, indices);
  draw_motorways (&view);
  draw_boundaries (&view);
  draw_left_behind (&view, left_behind);
  draw_left_behind_full (&view, scratch->lsoa_flagged, TRUE);
  draw_stations (&view);
  if (view_cancelled (&view))
    goto out;
  if (labels && view.theme->labels != WA_LABELS_NONE)
    draw_labels (&view, -1);
  complete = !view_cancelled (&view);

out:
  wa_raster_end (scratch->raster);
  cairo_restore (cr);
  return complete;
}

void
wa_map_render_labels (WaMapStyle *style, double world_px, double origin_x, double origin_y,
                      double width, double height, const WaRenderOptions *options,
                      int focus_ward, cairo_t *cr)
{
  View view = { 0 };

  g_return_if_fail (style != NULL && cr != NULL);
  begin_view (&view, style, world_px, origin_x, origin_y, width, height, options, cr, NULL);
  if (view.theme->labels != WA_LABELS_NONE)
    draw_labels (&view, focus_ward);
  cairo_restore (cr);
}

void
wa_map_trace_geometry (WaGeometry *geometry, double world_px, double origin_x, double origin_y,
                       double width, double height, cairo_t *cr)
{
  View view = { .cr = cr, .world_px = world_px, .origin_x = origin_x, .origin_y = origin_y,
                .width = width, .height = height, .device_scale = device_scale_of (cr) };

  /* Only what trace_geometry reads: the window, its lon/lat box and the
   * device scale that decides when a polygon is drawn as its box. */
  wa_mercator_to_lonlat ((origin_x - MARGIN_PX) / world_px, (origin_y - MARGIN_PX) / world_px,
                         &view.view_lonlat.min_x, &view.view_lonlat.max_y);
  wa_mercator_to_lonlat ((origin_x + width + MARGIN_PX) / world_px,
                         (origin_y + height + MARGIN_PX) / world_px,
                         &view.view_lonlat.max_x, &view.view_lonlat.min_y);
  trace_geometry (&view, geometry);
}

gboolean
wa_tile_render (WaMapStyle *style, const WaTileRequest *request, cairo_t *cr,
                GCancellable *cancellable)
{
  double world_px = 256.0 * (double) (1u << request->zoom);
  gboolean complete;

  g_return_val_if_fail (request->zoom < 31 && request->size_px > 0, FALSE);

  cairo_save (cr);
  cairo_scale (cr, request->size_px / 256.0, request->size_px / 256.0);
  complete = wa_map_render_view (style, world_px, request->x * 256.0 - request->bleed_px,
                                 request->y * 256.0 - request->bleed_px,
                                 256 + 2 * request->bleed_px, 256 + 2 * request->bleed_px,
                                 request->labels, cr, cancellable);
  cairo_restore (cr);
  return complete;
}

cairo_surface_t *
wa_tile_render_surface (WaMapStyle *style, const WaTileRequest *request,
                        GCancellable *cancellable)
{
  guint side = request->size_px + 2 * request->bleed_px * request->size_px / 256;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);
  cairo_t *cr = cairo_create (surface);
  gboolean complete = wa_tile_render (style, request, cr, cancellable);

  cairo_destroy (cr);
  if (!complete)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_flush (surface);
  return surface;
}

void
wa_tile_bleed_rect (double width, double height, guint bleed_px,
                    double *out_x, double *out_y, double *out_width, double *out_height)
{
  *out_x = -(double) bleed_px * width / 256.0;
  *out_y = -(double) bleed_px * height / 256.0;
  *out_width = width * (256.0 + 2 * bleed_px) / 256.0;
  *out_height = height * (256.0 + 2 * bleed_px) / 256.0;
}
