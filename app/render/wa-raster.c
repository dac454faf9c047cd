/* wa-raster.c
 *
 * Signed-area accumulation: each edge adds to the cells of the rows it
 * crosses how much of each cell lies to its right, signed by its
 * direction, so that a running sum along a row gives every pixel's
 * winding number weighted by area, which is its exact coverage for a
 * path that does not overlap itself (and folded, the even-odd rule's).
 * A bitmap per row marks the cells edges reached: between two of them
 * coverage is constant, so a row costs its marked cells and the pixels
 * it covers, not its width (on a dense tile each of a dozen band colours
 * is filled over the whole tile). The buffers are kept zeroed between
 * fills and reused, so a fill allocates nothing.
 */
#include <math.h>
#include <string.h>

#include "wa-raster.h"


/* Four floats a cell in colour mode: premultiplied red, green, blue and
 * alpha (GCC and Clang vectors: one SSE add a cell). */
typedef float Colour __attribute__ ((vector_size (16)));

struct _WaRaster {
  cairo_surface_t *surface;     /* target between begin and end */
  guchar *pixels;               /* the clip's top left pixel */
  int stride;
  int width, height;            /* the clip, device pixels */
  double sx, sy, tx, ty;        /* user to clip-relative device pixels */
  int clip_x, clip_y;

  float *cells;                 /* (width + 3) per row: edges may end at width + 1, and a
                                 * span within one cell adds nothing to the second after */
  guint64 *touched;             /* per row, a bit for each cell edges reached */
  gsize n_cells, n_touched;     /* allocated */
  int row_stride, row_words;
  int row_min, row_max;         /* rows edges reached; row_min > row_max if none */

  double half_width;               /* stroking: half the line, device pixels; else 0 */
  gboolean round_joins;            /* wa_raster_set_round_joins */
  gboolean orient;                 /* wa_raster_orient_rings */
  double *ring;                    /* the sub-path so far: x, y device pixels, clip-relative */
  guint ring_len, ring_size;       /* doubles in it, allocated */
  double *normals;                 /* stroking: each segment's unit left normal, x and y */
  guint normals_size;              /* doubles allocated */

  gboolean colour;                 /* wa_raster_begin_colours until the fill */
  Colour weight;                   /* what the current lines add (colour mode) */
  Colour *colour_cells;            /* (width + 3) per row, as cells */
  gsize n_colour_cells;            /* allocated */
};

WaRaster *
wa_raster_new (void)
{
  WaRaster *raster = g_new0 (WaRaster, 1);

  raster->row_max = -1;     /* no rows to clear */
  return raster;
}

void
wa_raster_free (WaRaster *raster)
{
  if (raster == NULL)
    return;
  g_free (raster->cells);
  g_free (raster->touched);
  g_free (raster->ring);
  g_free (raster->normals);
  g_free (raster->colour_cells);
  g_free (raster);
}

/* Keeps the cells zeroed: grows them zeroed, else they are as the last
 * fill left them. */
static void
ensure_cells (WaRaster *raster)
{
  gsize n_cells, n_touched;

  raster->row_stride = raster->width + 3;
  raster->row_words = (raster->row_stride + 63) / 64;
  n_cells = (gsize) raster->row_stride * raster->height;
  n_touched = (gsize) raster->row_words * raster->height;
  if (n_cells > raster->n_cells)
    {
      g_free (raster->cells);
      raster->cells = g_new0 (float, n_cells);
      raster->n_cells = n_cells;
    }
  if (n_touched > raster->n_touched)
    {
      g_free (raster->touched);
      raster->touched = g_new0 (guint64, n_touched);
      raster->n_touched = n_touched;
    }
  raster->row_min = raster->height;
  raster->row_max = -1;
}

static gboolean
is_whole (double v)
{
  return fabs (v - round (v)) < 1e-6;
}

/* The device rectangle of cr's clip, if the clip is one rectangle on
 * whole device pixels. */
static gboolean
clip_rectangle (cairo_t *cr, const cairo_matrix_t *m, int *x0, int *y0, int *x1, int *y1)
{
  cairo_rectangle_list_t *list = cairo_copy_clip_rectangle_list (cr);
  gboolean ok = list->status == CAIRO_STATUS_SUCCESS && list->num_rectangles == 1;

  if (ok)
    {
      const cairo_rectangle_t *r = &list->rectangles[0];
      double dx0 = r->x * m->xx + m->x0, dy0 = r->y * m->yy + m->y0;
      double dx1 = (r->x + r->width) * m->xx + m->x0, dy1 = (r->y + r->height) * m->yy + m->y0;

      ok = is_whole (dx0) && is_whole (dy0) && is_whole (dx1) && is_whole (dy1);
      *x0 = (int) round (dx0), *y0 = (int) round (dy0);
      *x1 = (int) round (dx1), *y1 = (int) round (dy1);
    }
  cairo_rectangle_list_destroy (list);
  return ok;
}

gboolean
wa_raster_begin (WaRaster *raster, cairo_t *cr)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  double ox, oy, scale_x, scale_y;
  int x0, y0, x1, y1, sw, sh;
  cairo_matrix_t m;

  g_return_val_if_fail (raster != NULL && cr != NULL, FALSE);

  raster->surface = NULL;
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS
      || cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE
      || (cairo_image_surface_get_format (target) != CAIRO_FORMAT_ARGB32
          && cairo_image_surface_get_format (target) != CAIRO_FORMAT_RGB24))
    return FALSE;
  cairo_surface_get_device_offset (target, &ox, &oy);
  cairo_surface_get_device_scale (target, &scale_x, &scale_y);
  cairo_get_matrix (cr, &m);
  if (ox != 0 || oy != 0 || scale_x != 1 || scale_y != 1
      || m.xy != 0 || m.yx != 0 || m.xx <= 0 || m.xx != m.yy
      || !clip_rectangle (cr, &m, &x0, &y0, &x1, &y1))
    return FALSE;

  sw = cairo_image_surface_get_width (target);
  sh = cairo_image_surface_get_height (target);
  x0 = CLAMP (x0, 0, sw), x1 = CLAMP (x1, x0, sw);
  y0 = CLAMP (y0, 0, sh), y1 = CLAMP (y1, y0, sh);

  raster->surface = target;
  raster->stride = cairo_image_surface_get_stride (target);
  raster->clip_x = x0;
  raster->clip_y = y0;
  raster->width = x1 - x0;
  raster->height = y1 - y0;
  raster->sx = m.xx;
  raster->sy = m.yy;
  raster->tx = m.x0 - x0;
  raster->ty = m.y0 - y0;
  raster->half_width = 0;
  raster->round_joins = FALSE;
  raster->orient = FALSE;
  raster->colour = FALSE;
  raster->ring_len = 0;
  ensure_cells (raster);
  return TRUE;
}

void
wa_raster_end (WaRaster *raster)
{
  wa_raster_new_path (raster);
  raster->surface = NULL;
}

/* Integral from 0 to z of min (max (w, 0), 1) dw. */
static inline double
ramp_integral (double z)
{
  return z <= 0 ? 0 : z < 1 ? 0.5 * z * z : z - 0.5;
}

/* Marks cells first to last (at most 64 apart but for long flat edges). */
static inline void
touch (WaRaster *raster, int row, guint first, guint last)
{
  guint64 *t = raster->touched + (gsize) row * raster->row_words;
  guint64 from = ~G_GUINT64_CONSTANT (0) << (first % 64);
  guint64 to = ~G_GUINT64_CONSTANT (0) >> (63 - last % 64);
  guint w = first / 64, w_last = last / 64;

  if (w == w_last)
    {
      t[w] |= from & to;
      return;
    }
  t[w] |= from;
  while (++w < w_last)
    t[w] = ~G_GUINT64_CONSTANT (0);
  t[w_last] |= to;
}

/* Adds v to cell j of a row: to its area, or in colour mode its colour
 * times the lines' weight. Inlined with colour constant, so that each
 * mode has its own copy of the edge code below. */
static inline __attribute__ ((always_inline)) void
cell_add (WaRaster *raster, float *cells, Colour *colours, int j, double v, gboolean colour)
{
  if (colour)
    colours[j] += (float) v * raster->weight;
  else
    cells[j] += (float) v;
}

/* Adds the part of an edge within one row, from x = xa to xb (both in
 * [0, width]), dy high (signed by direction): to cell j, the change
 * from cell j - 1 in the share of a cell the edge leaves to its right,
 * averaged over the edge's height. */
static inline __attribute__ ((always_inline)) void
add_row_span (WaRaster *raster, int row, double xa, double xb, double dy, gboolean colour)
{
  float *cells = colour ? NULL : raster->cells + (gsize) row * raster->row_stride;
  Colour *colours = colour ? raster->colour_cells + (gsize) row * raster->row_stride : NULL;
  double left = MIN (xa, xb), right = MAX (xa, xb);
  int first = (int) left, last = (int) right + 1;

  touch (raster, row, first, last);
  if (last <= first + 2)
    {
      /* Within one cell or across one boundary, at m: each part within
       * its cell adds the share right of its middle (exact for a
       * straight edge), with its share of the height. Without a branch
       * between the two, which no predictor guesses. */
      double m = first + 1, w = right - left, mid = MIN (right, m);
      double dy_a = w > 1e-9 ? dy * (mid - left) / w : dy, dy_b = dy - dy_a;
      double f_a = 0.5 * (left + mid) - first, f_b = 0.5 * (right - mid);

      cell_add (raster, cells, colours, first, dy_a * (1 - f_a), colour);
      cell_add (raster, cells, colours, first + 1, dy_a * f_a + dy_b * (1 - f_b), colour);
      cell_add (raster, cells, colours, first + 2, dy_b * f_b, colour);
      return;
    }

  double inv = 1 / (right - left), before = 0;

  for (int j = first; j < last; j++)
    {
      double share = (ramp_integral (j + 1 - left) - ramp_integral (j + 1 - right)) * inv;

      cell_add (raster, cells, colours, j, dy * (share - before), colour);
      before = share;
    }
  cell_add (raster, cells, colours, last, dy * (1 - before), colour);
}

/* An edge whose x lies within [0, width]: row by row. */
static inline __attribute__ ((always_inline)) void
add_inside_edge (WaRaster *raster, double x0, double y0, double x1, double y1,
                 gboolean colour)
{
  double dir = 1, top, bottom, dxdy;
  int last_row;

  if (y0 == y1)
    return;
  if (y0 > y1)
    {
      double t;

      t = x0, x0 = x1, x1 = t;
      t = y0, y0 = y1, y1 = t;
      dir = -1;
    }
  top = MAX (y0, 0);
  bottom = MIN (y1, raster->height);
  if (top >= bottom)
    return;
  dxdy = (x1 - x0) / (y1 - y0);
  last_row = (int) bottom;
  last_row -= last_row == bottom;   /* ceil (bottom) - 1, without libm's ceil */
  raster->row_min = MIN (raster->row_min, (int) top);
  raster->row_max = MAX (raster->row_max, last_row);
  double ya = top, xa = CLAMP (x0 + (top - y0) * dxdy, 0, raster->width);

  for (int row = (int) top; ya < bottom; row++)
    {
      double yb = MIN (bottom, row + 1);
      double xb = CLAMP (x0 + (yb - y0) * dxdy, 0, raster->width);

      add_row_span (raster, row, xa, xb, dir * (yb - ya), colour);
      xa = xb;
      ya = yb;
    }
}

static void
add_edge_inside (WaRaster *raster, double x0, double y0, double x1, double y1)
{
  if (raster->colour)
    add_inside_edge (raster, x0, y0, x1, y1, TRUE);
  else
    add_inside_edge (raster, x0, y0, x1, y1, FALSE);
}

/* An edge, in clip-relative device pixels. Where it lies left of the
 * clip it counts as if on the clip's left side (every pixel is right of
 * both), where right of it as on its right side (no pixel is): so the
 * edge is cut where it crosses either side and the parts beyond are
 * moved onto that side. */
static void
add_edge (WaRaster *raster, double x0, double y0, double x1, double y1)
{
  double cuts[4] = { 0, 0, 0, 1 };
  guint n = 1;
  double w = raster->width;

  if (y0 == y1 || (y0 <= 0 && y1 <= 0) || (y0 >= raster->height && y1 >= raster->height)
      || (x0 >= w && x1 >= w))
    return;
  if (x0 >= 0 && x1 >= 0 && x0 <= w && x1 <= w)
    {
      add_edge_inside (raster, x0, y0, x1, y1);
      return;
    }
  if ((x0 < 0) != (x1 < 0))
    cuts[n++] = (0 - x0) / (x1 - x0);
  if ((x0 > w) != (x1 > w))
    cuts[n++] = (w - x0) / (x1 - x0);
  if (n == 3 && cuts[2] < cuts[1])
    {
      double t = cuts[1];

      cuts[1] = cuts[2], cuts[2] = t;
    }
  cuts[n] = 1;
  for (guint i = 0; i < n; i++)
    {
      double ta = cuts[i], tb = cuts[i + 1];

      add_edge_inside (raster,
                       CLAMP (x0 + ta * (x1 - x0), 0, w), y0 + ta * (y1 - y0),
                       CLAMP (x0 + tb * (x1 - x0), 0, w), y0 + tb * (y1 - y0));
    }
}

void
wa_raster_orient_rings (WaRaster *raster)
{
  raster->orient = TRUE;
}

void
wa_raster_set_line_width (WaRaster *raster, double width)
{
  raster->half_width = 0.5 * width * raster->sx;
}

void
wa_raster_set_round_joins (WaRaster *raster)
{
  raster->round_joins = TRUE;
}

/* A round end's stand-in, a regular octagon (within 8 % of its radius
 * of the circle: a tenth of a pixel for the widest lines drawn so) about
 * (x, y), radius half_width. It winds the way every stroke outline does
 * (clockwise in the raster's y-down pixels, as an outline's left side
 * goes out and its right side back), so under the non-zero rule the two
 * cover their overlap once. */
static void
add_disc (WaRaster *raster, double x, double y)
{
  /* cos and sin of -k * 45 degrees, k = 0..8. */
  static const double unit[9][2] = {
    { 1, 0 }, { G_SQRT2 / 2, -G_SQRT2 / 2 }, { 0, -1 }, { -G_SQRT2 / 2, -G_SQRT2 / 2 },
    { -1, 0 }, { -G_SQRT2 / 2, G_SQRT2 / 2 }, { 0, 1 }, { G_SQRT2 / 2, G_SQRT2 / 2 }, { 1, 0 },
  };
  double r = raster->half_width;

  for (guint k = 0; k < 8; k++)
    add_edge (raster, x + r * unit[k][0], y + r * unit[k][1], x + r * unit[k + 1][0],
              y + r * unit[k + 1][1]);
}

/* The unit normal (left of the direction) of each segment of the n
 * points of the ring, into normals: each side of the outline uses them. */
static void
find_normals (WaRaster *raster, guint n)
{
  const double *xy = raster->ring;

  /* Only strokes need them: fills' rings, often far longer, do not. */
  if (raster->normals_size < 2 * n)
    {
      raster->normals_size = raster->ring_size;
      raster->normals = g_renew (double, raster->normals, raster->normals_size);
    }
  for (guint i = 0; i + 1 < n; i++)
    {
      double dx = xy[2 * i + 2] - xy[2 * i], dy = xy[2 * i + 3] - xy[2 * i + 1];
      double length = sqrt (dx * dx + dy * dy);

      raster->normals[2 * i] = -dy / length;
      raster->normals[2 * i + 1] = dx / length;
    }
}

/* Bends gentler than this (the normals' dot product, 60 degrees) are
 * mitred; sharper ones are joined round or bevelled. */
#define SHARPEST_BEND 0.5

/* Where an outline's edges have reached, device pixels. */
typedef struct {
  double x, y;
} Pen;

static void
pen_to (WaRaster *raster, Pen *pen, double x, double y)
{
  add_edge (raster, pen->x, pen->y, x, y);
  pen->x = x, pen->y = y;
}

/* The unit vector halfway between unit vectors u and v, or (fx, fy) where
 * they point opposite ways. */
static void
halfway (double ux, double uy, double vx, double vy, double fx, double fy, double *mx, double *my)
{
  double x = ux + vx, y = uy + vy, length = sqrt (x * x + y * y);

  if (length < 1e-9)
    *mx = fx, *my = fy;
  else
    *mx = x / length, *my = y / length;
}

/* Whether the side of a bend whose normals are u (the way in) and v
 * (the way out) is its outer side: the way out turns away from u. */
static gboolean
outer_side (double ux, double uy, double vx, double vy)
{
  return vy * ux - vx * uy < 0;
}

/* The outer side of a bend at (x, y), from the pen at (x, y) + u h to
 * (x, y) + v h (u and v unit normals of the two segments on that side):
 * with round joins an arc in steps of at most 45 degrees, as add_disc's
 * octagon, else a bevel. */
static void
outer_join (WaRaster *raster, Pen *pen, double x, double y, double ux, double uy,
            double vx, double vy)
{
  /* The way into the bend, u turned a quarter back: where the line turns
   * right round, the arc bulges that way. */
  double h = raster->half_width, fx = uy, fy = -ux, mx, my;

  if (raster->round_joins)
    {
      halfway (ux, uy, vx, vy, fx, fy, &mx, &my);
      if (ux * vx + uy * vy < 0)
        {
          double qx, qy;

          halfway (ux, uy, mx, my, fx, fy, &qx, &qy);
          pen_to (raster, pen, x + qx * h, y + qy * h);
          pen_to (raster, pen, x + mx * h, y + my * h);
          halfway (mx, my, vx, vy, fx, fy, &qx, &qy);
          pen_to (raster, pen, x + qx * h, y + qy * h);
        }
      else
        pen_to (raster, pen, x + mx * h, y + my * h);
    }
  pen_to (raster, pen, x + vx * h, y + vy * h);
}

/* One side of a stroke's outline: the offset line on the left of the
 * ring's points first, first + step, ... last (step 1 or -1), from the
 * pen (at the first point's offset) to the last point's. A gentle bend
 * is mitred. At a sharp one the outer side is joined (outer_join) and the
 * inner side goes through the bend's point: the outline is then the sum
 * of each segment's rectangle and each join's wedge, all wound the same
 * way, which the non-zero rule covers once however they overlap. */
static void
add_stroke_side (WaRaster *raster, Pen *pen, int first, int last, int step)
{
  const double *xy = raster->ring, *normal = raster->normals;
  double h = raster->half_width, nx, ny;
  int i;

  /* Normals in the walking direction: a segment's normal walking back is
   * its forward one reversed. */
  nx = step * normal[2 * MIN (first, first + step)];
  ny = step * normal[2 * MIN (first, first + step) + 1];
  for (i = first + step; i != last; i += step)
    {
      double x = xy[2 * i], y = xy[2 * i + 1], dot;
      double next_x = step * normal[2 * MIN (i, i + step)];
      double next_y = step * normal[2 * MIN (i, i + step) + 1];

      dot = nx * next_x + ny * next_y;
      if (dot >= SHARPEST_BEND)
        pen_to (raster, pen, x + (nx + next_x) * h / (1 + dot), y + (ny + next_y) * h / (1 + dot));
      else
        {
          pen_to (raster, pen, x + nx * h, y + ny * h);
          if (outer_side (nx, ny, next_x, next_y))
            outer_join (raster, pen, x, y, nx, ny, next_x, next_y);
          else
            {
              pen_to (raster, pen, x, y);
              pen_to (raster, pen, x + next_x * h, y + next_y * h);
            }
        }
      nx = next_x, ny = next_y;
    }
  pen_to (raster, pen, xy[2 * last] + nx * h, xy[2 * last + 1] + ny * h);
}

/* The outline of a stroke of the ring's n points (no two in a row the
 * same; normals found), half_width each side, butt ends: the left side
 * out, across the end, the right side back and across the start, so two
 * edges a segment and a few a sharp bend. */
static void
add_stroke_outline (WaRaster *raster, guint n)
{
  const double *xy = raster->ring, *normal = raster->normals;
  double h = raster->half_width;
  Pen pen = { xy[0] + normal[0] * h, xy[1] + normal[1] * h };

  add_stroke_side (raster, &pen, 0, (int) n - 1, 1);
  pen_to (raster, &pen, xy[2 * n - 2] - normal[2 * n - 4] * h,
          xy[2 * n - 1] - normal[2 * n - 3] * h);
  add_stroke_side (raster, &pen, (int) n - 1, 0, -1);
  pen_to (raster, &pen, xy[0] + normal[0] * h, xy[1] + normal[1] * h);
}

/* A closed line's join where its last segment meets its first (their
 * butt ends leave the outer side's wedge open): that wedge, wound as the
 * outlines are. */
static void
add_closing_join (WaRaster *raster, guint n)
{
  double h = raster->half_width, x = raster->ring[0], y = raster->ring[1];
  double ux = raster->normals[2 * n - 4], uy = raster->normals[2 * n - 3];
  double vx = raster->normals[0], vy = raster->normals[1];
  Pen pen = { x, y };

  if (ux * vx + uy * vy > 1 - 1e-9)
    return;
  /* On the right side the wedge is walked from the first segment back to
   * the last, whose normals that way are the forward ones reversed. */
  if (!outer_side (ux, uy, vx, vy))
    {
      double first_x = vx, first_y = vy;

      vx = -ux, vy = -uy;
      ux = -first_x, uy = -first_y;
    }
  pen_to (raster, &pen, x + ux * h, y + uy * h);
  outer_join (raster, &pen, x, y, ux, uy, vx, vy);
  pen_to (raster, &pen, x, y);
}

/* Adds the sub-path so far: a fill's ring, closed; with
 * wa_raster_orient_rings, turned to wind the same way as every other. A
 * stroke's line, as its outline. */
static void
add_ring (WaRaster *raster)
{
  const double *xy = raster->ring;
  guint n = raster->ring_len / 2;
  double area = 0;

  if (raster->colour)
    {
      /* A line, open unless the path closed it. */
      for (guint i = 0; i + 1 < n; i++)
        add_edge (raster, xy[2 * i], xy[2 * i + 1], xy[2 * i + 2], xy[2 * i + 3]);
      raster->ring_len = 0;
      return;
    }
  if (raster->half_width > 0)
    {
      gboolean closed = n > 2 && xy[0] == xy[2 * n - 2] && xy[1] == xy[2 * n - 1];

      if (n > 1)
        {
          find_normals (raster, n);
          add_stroke_outline (raster, n);
        }
      /* Round ends: a disc at each; a closed line has a join instead. */
      if (closed)
        add_closing_join (raster, n);
      else if (raster->round_joins && n > 1)
        {
          add_disc (raster, xy[0], xy[1]);
          add_disc (raster, xy[2 * n - 2], xy[2 * n - 1]);
        }
      raster->ring_len = 0;
      return;
    }
  /* Each point and the next, the first after the last (without the
   * division a point that (i + 1) % n takes). */
  for (guint i = 0; i < n; i++)
    {
      guint j = i + 1 < n ? i + 1 : 0;

      area += xy[2 * i] * xy[2 * j + 1] - xy[2 * j] * xy[2 * i + 1];
    }
  for (guint i = 0; n > 1 && i < n; i++)
    {
      guint j = i + 1 < n ? i + 1 : 0;

      if (area >= 0 || !raster->orient)
        add_edge (raster, xy[2 * i], xy[2 * i + 1], xy[2 * j], xy[2 * j + 1]);
      else
        add_edge (raster, xy[2 * j], xy[2 * j + 1], xy[2 * i], xy[2 * i + 1]);
    }
  raster->ring_len = 0;
}

/* Adds a point to the sub-path; a stroke leaves out a point where the
 * last one is, as a segment of no length has no direction. */
static void
ring_append (WaRaster *raster, double x, double y)
{
  guint n = raster->ring_len;

  if (raster->half_width > 0 && n > 0 && raster->ring[n - 2] == x && raster->ring[n - 1] == y)
    return;
  if (n + 2 > raster->ring_size)
    {
      raster->ring_size = MAX (64, 2 * raster->ring_size);
      raster->ring = g_renew (double, raster->ring, raster->ring_size);
    }
  raster->ring[n] = x;
  raster->ring[n + 1] = y;
  raster->ring_len = n + 2;
}

void
wa_raster_move_to (WaRaster *raster, double x, double y)
{
  add_ring (raster);
  ring_append (raster, x * raster->sx + raster->tx, y * raster->sy + raster->ty);
}

void
wa_raster_line_to (WaRaster *raster, double x, double y)
{
  if (raster->ring_len == 0)
    wa_raster_move_to (raster, x, y);
  else
    ring_append (raster, x * raster->sx + raster->tx, y * raster->sy + raster->ty);
}

/* As in cairo, a line after it starts a new sub-path where this one
 * began; a stroke's closing segment is joined to its first
 * (add_closing_join). */
void
wa_raster_close_path (WaRaster *raster)
{
  double x, y;

  if (raster->ring_len == 0)
    return;
  x = raster->ring[0];
  y = raster->ring[1];
  if (raster->half_width > 0 || raster->colour)
    ring_append (raster, x, y);
  add_ring (raster);
  ring_append (raster, x, y);
}

void
wa_raster_new_path (WaRaster *raster)
{
  for (int row = raster->row_min; row <= raster->row_max; row++)
    {
      if (raster->colour)
        memset (raster->colour_cells + (gsize) row * raster->row_stride, 0,
                sizeof (Colour) * raster->row_stride);
      memset (raster->cells + (gsize) row * raster->row_stride, 0,
              sizeof (float) * raster->row_stride);
      memset (raster->touched + (gsize) row * raster->row_words, 0,
              sizeof (guint64) * raster->row_words);
    }
  raster->row_min = raster->height;
  raster->row_max = -1;
  raster->ring_len = 0;
  raster->half_width = 0;
  raster->round_joins = FALSE;
  raster->orient = FALSE;
  raster->colour = FALSE;
}

void
wa_raster_rectangle (WaRaster *raster, double x, double y, double width, double height)
{
  wa_raster_move_to (raster, x, y);
  wa_raster_line_to (raster, x + width, y);
  wa_raster_line_to (raster, x + width, y + height);
  wa_raster_line_to (raster, x, y + height);
  wa_raster_close_path (raster);
}

/* ---- compositing --------------------------------------------------------- */

/* A premultiplied colour, as cairo's ARGB32 holds it. */
typedef struct {
  guint32 solid;
  gboolean opaque;
} Source;

/* Every channel of x times a / 255, rounded: two channels a multiply. */
static inline guint32
mul_channels (guint32 x, guint a)
{
  guint32 rb = (x & 0xff00ff) * a + 0x800080;
  guint32 ag = ((x >> 8) & 0xff00ff) * a + 0x800080;

  rb = ((rb + ((rb >> 8) & 0xff00ff)) >> 8) & 0xff00ff;
  ag = (ag + ((ag >> 8) & 0xff00ff)) & 0xff00ff00;
  return rb | ag;
}

static inline guint8
coverage (float sum, gboolean even_odd)
{
  float a = fabsf (sum);

  if (a > 1)
    {
      if (even_odd)
        {
          a -= 2 * floorf (a * 0.5f);
          a = a > 1 ? 2 - a : a;
        }
      else
        a = 1;
    }
  return (guint8) (a * 255 + 0.5f);
}

/* cairo's OVER, the source's alpha scaled by the pixel's coverage: the
 * scaled source plus the pixel times what the source leaves of it (no
 * channel overflows, as a premultiplied channel is at most its alpha; on
 * RGB24 the top byte is unused and its result ignored). */
static inline void
blend (guint32 *pixel, const Source *src, guint cover)
{
  guint32 s;

  if (cover == 255 && src->opaque)
    {
      *pixel = src->solid;
      return;
    }
  s = mul_channels (src->solid, cover);
  *pixel = s + mul_channels (*pixel, 255 - (s >> 24));
}

static void
blend_span (guint32 *pixels, int n, const Source *src, guint cover)
{
  for (int i = 0; i < n; i++)
    blend (pixels + i, src, cover);
}

/* Sums one row's cells into coverage, blends it, and zeroes the cells
 * and their marks. Pixels from `from` up to a marked cell j have the
 * coverage of the sum so far. */
static void
fill_row (WaRaster *raster, int row, const Source *src, gboolean even_odd)
{
  float *cells = raster->cells + (gsize) row * raster->row_stride;
  guint64 *touched = raster->touched + (gsize) row * raster->row_words;
  guint32 *pixels = (guint32 *) (raster->pixels + (gsize) row * raster->stride);
  int width = raster->width, from = 0;
  float sum = 0;
  guint cover = 0;       /* of sum */

  for (int w = 0; w < raster->row_words; w++)
    {
      guint64 bits = touched[w];

      touched[w] = 0;
      while (bits != 0)
        {
          int j = w * 64 + __builtin_ctzll (bits);

          bits &= bits - 1;
          if (cover != 0 && from < j)
            blend_span (pixels + from, MIN (j, width) - from, src, cover);
          sum += cells[j];
          cells[j] = 0;
          from = j + 1;
          cover = coverage (sum, even_odd);
          if (j < width && cover != 0)
            blend (pixels + j, src, cover);
        }
    }
  if (from < width && cover != 0)
    blend_span (pixels + from, width - from, src, cover);
}

/* Readies the surface's pixels for a pass over the rows edges reached;
 * FALSE if they reached none. */
static gboolean
pixels_begin (WaRaster *raster)
{
  if (raster->row_min > raster->row_max)
    return FALSE;
  cairo_surface_flush (raster->surface);
  raster->pixels = cairo_image_surface_get_data (raster->surface)
                   + (gsize) raster->clip_y * raster->stride + (gsize) raster->clip_x * 4;
  return TRUE;
}

/* After the pass: its rows marked as drawn, none left to clear (the pass
 * zeroed the cells it summed). */
static void
pixels_end (WaRaster *raster)
{
  cairo_surface_mark_dirty_rectangle (raster->surface, raster->clip_x,
                                      raster->clip_y + raster->row_min, raster->width,
                                      raster->row_max - raster->row_min + 1);
  raster->row_min = raster->height;
  raster->row_max = -1;
}

static Source
source_of (double red, double green, double blue, double alpha)
{
  Source src;
  guint a, r, g, b;

  alpha = CLAMP (alpha, 0, 1);
  a = (guint) (alpha * 255 + 0.5);
  r = (guint) (CLAMP (red, 0, 1) * alpha * 255 + 0.5);
  g = (guint) (CLAMP (green, 0, 1) * alpha * 255 + 0.5);
  b = (guint) (CLAMP (blue, 0, 1) * alpha * 255 + 0.5);
  src.solid = a << 24 | MIN (r, a) << 16 | MIN (g, a) << 8 | MIN (b, a);
  src.opaque = a == 255;
  return src;
}

void
wa_raster_fill (WaRaster *raster, double red, double green, double blue, double alpha,
                cairo_fill_rule_t rule)
{
  Source src = source_of (red, green, blue, alpha);
  gboolean even_odd = rule == CAIRO_FILL_RULE_EVEN_ODD;

  g_return_if_fail (raster->surface != NULL);

  add_ring (raster);
  raster->half_width = 0;
  raster->round_joins = FALSE;
  raster->orient = FALSE;
  if (!pixels_begin (raster))
    return;
  for (int row = raster->row_min; row <= raster->row_max; row++)
    fill_row (raster, row, &src, even_odd);
  pixels_end (raster);
}

/* ---- colour mode --------------------------------------------------------- */

void
wa_raster_begin_colours (WaRaster *raster)
{
  gsize n = (gsize) raster->row_stride * raster->height;

  g_return_if_fail (raster->surface != NULL);

  add_ring (raster);
  if (n > raster->n_colour_cells)
    {
      g_free (raster->colour_cells);
      /* Zeroed, as the fill leaves them. */
      raster->colour_cells = g_malloc0 (sizeof (Colour) * n);
      raster->n_colour_cells = n;
    }
  raster->colour = TRUE;
  raster->half_width = 0;
  raster->weight = (Colour) { 0, 0, 0, 0 };
}

void
wa_raster_set_weight (WaRaster *raster, double red, double green, double blue, double alpha)
{
  add_ring (raster);
  raster->weight = (Colour) { (float) red, (float) green, (float) blue, (float) alpha };
}

/* The pixel a premultiplied colour sum gives: alpha clamped to [0, 1],
 * each channel to [0, alpha] (a sum is exact only up to float rounding). */
static Source
source_of_sum (Colour sum)
{
  float a = CLAMP (sum[3], 0.0f, 1.0f);
  guint ia = (guint) (a * 255 + 0.5f);
  guint r = (guint) (CLAMP (sum[0], 0.0f, a) * 255 + 0.5f);
  guint g = (guint) (CLAMP (sum[1], 0.0f, a) * 255 + 0.5f);
  guint b = (guint) (CLAMP (sum[2], 0.0f, a) * 255 + 0.5f);

  return (Source) { ia << 24 | MIN (r, ia) << 16 | MIN (g, ia) << 8 | MIN (b, ia), ia == 255 };
}

static inline void
blend_sum (guint32 *pixels, int n, Colour sum)
{
  Source src;

  if (sum[3] < 0.5f / 255)
    return;
  src = source_of_sum (sum);
  if (src.solid >> 24 != 0)
    blend_span (pixels, n, &src, 255);
}

/* As fill_row, with the colour sums. */
static void
fill_colour_row (WaRaster *raster, int row)
{
  Colour *cells = raster->colour_cells + (gsize) row * raster->row_stride;
  guint64 *touched = raster->touched + (gsize) row * raster->row_words;
  guint32 *pixels = (guint32 *) (raster->pixels + (gsize) row * raster->stride);
  int width = raster->width, from = 0;
  Colour sum = { 0, 0, 0, 0 };

  for (int w = 0; w < raster->row_words; w++)
    {
      guint64 bits = touched[w];

      touched[w] = 0;
      while (bits != 0)
        {
          int j = w * 64 + __builtin_ctzll (bits);

          bits &= bits - 1;
          if (from < j)
            blend_sum (pixels + from, MIN (j, width) - from, sum);
          sum += cells[j];
          cells[j] = (Colour) { 0, 0, 0, 0 };
          from = j + 1;
          if (j < width)
            blend_sum (pixels + j, 1, sum);
        }
    }
  if (from < width)
    blend_sum (pixels + from, width - from, sum);
}

void
wa_raster_fill_colours (WaRaster *raster)
{
  g_return_if_fail (raster->surface != NULL && raster->colour);

  add_ring (raster);
  raster->colour = FALSE;
  if (!pixels_begin (raster))
    return;
  for (int row = raster->row_min; row <= raster->row_max; row++)
    fill_colour_row (raster, row);
  pixels_end (raster);
}
