/* wa-label-point.c: a polylabel-style search for the pole of
 * inaccessibility.
 *
 * The bounding box is covered with square cells; each cell's centre has a
 * signed distance d to the outline (negative outside), and no point in the
 * cell can be further from the outline than d + half its diagonal. Cells
 * are taken best bound first from a max-heap and split in four while that
 * bound beats the best centre found by more than the precision, so the
 * search spends its time only where a larger circle could still be.
 */
#include <math.h>

#include "wa-label-point.h"

/* A ward's outline has at most a few thousand vertices; this bounds the
 * work on a damaged or unusually detailed polygon. */
#define MAX_CELLS 20000

typedef struct {
  double x, y;     /* centre, local metres */
  double half;     /* half the side */
  double d;        /* signed distance of the centre to the outline */
  double bound;    /* d + half * sqrt 2: best distance anywhere in the cell */
} Cell;

typedef struct {
  const WaGeometry *geometry;
  double lon0, lat0, kx, ky;   /* lon/lat -> local metres */
} Frame;

static void
to_local (const Frame *f, double lon, double lat, double *x, double *y)
{
  *x = (lon - f->lon0) * f->kx;
  *y = (lat - f->lat0) * f->ky;
}

/* Squared distance from (px, py) to the segment a-b. */
static double
segment_dist2 (double px, double py, double ax, double ay, double bx, double by)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;

  t = CLAMP (t, 0.0, 1.0);
  dx = ax + t * dx - px;
  dy = ay + t * dy - py;
  return dx * dx + dy * dy;
}

/* Distance to the nearest edge, negative outside (even-odd over all rings). */
static double
signed_distance (const Frame *f, double x, double y)
{
  guint n_rings = wa_geometry_get_n_rings (f->geometry);
  double best = G_MAXDOUBLE;
  gboolean inside = FALSE;

  for (guint r = 0; r < n_rings; r++)
    {
      guint n;
      const double *xy = wa_geometry_get_ring (f->geometry, r, &n);

      for (guint i = 0, j = n - 1; i < n; j = i++)
        {
          double ax, ay, bx, by;

          to_local (f, xy[2 * i], xy[2 * i + 1], &ax, &ay);
          to_local (f, xy[2 * j], xy[2 * j + 1], &bx, &by);
          if ((ay > y) != (by > y) && x < (bx - ax) * (y - ay) / (by - ay) + ax)
            inside = !inside;
          best = MIN (best, segment_dist2 (x, y, ax, ay, bx, by));
        }
    }
  return (inside ? 1 : -1) * sqrt (best);
}

static Cell
cell_new (const Frame *f, double x, double y, double half)
{
  Cell c = { x, y, half, signed_distance (f, x, y), 0 };

  c.bound = c.d + half * G_SQRT2;
  return c;
}

/* ---- a max-heap of cells by bound ---- */

static void
heap_push (GArray *heap, const Cell *cell)
{
  guint i = heap->len;

  g_array_append_val (heap, *cell);
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      Cell *a = &g_array_index (heap, Cell, parent), *b = &g_array_index (heap, Cell, i), t;

      if (a->bound >= b->bound)
        break;
      t = *a, *a = *b, *b = t;
      i = parent;
    }
}

static Cell
heap_pop (GArray *heap)
{
  Cell top = g_array_index (heap, Cell, 0);
  guint i = 0;

  g_array_index (heap, Cell, 0) = g_array_index (heap, Cell, heap->len - 1);
  g_array_set_size (heap, heap->len - 1);
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      Cell t;

      if (l < heap->len && g_array_index (heap, Cell, l).bound > g_array_index (heap, Cell, m).bound)
        m = l;
      if (r < heap->len && g_array_index (heap, Cell, r).bound > g_array_index (heap, Cell, m).bound)
        m = r;
      if (m == i)
        break;
      t = g_array_index (heap, Cell, m);
      g_array_index (heap, Cell, m) = g_array_index (heap, Cell, i);
      g_array_index (heap, Cell, i) = t;
      i = m;
    }
  return top;
}

static void
seed (const Frame *f, const WaBBox *box, GArray *heap, Cell *best)
{
  double x0, y0, x1, y1, side, ix, iy, cx, cy;

  to_local (f, box->min_x, box->min_y, &x0, &y0);
  to_local (f, box->max_x, box->max_y, &x1, &y1);
  side = MAX (MIN (x1 - x0, y1 - y0), 1e-3);
  for (double x = x0; x < x1; x += side)
    for (double y = y0; y < y1; y += side)
      {
        Cell c = cell_new (f, x + side / 2, y + side / 2, side / 2);
        heap_push (heap, &c);
      }

  /* Two cheap guesses so that a thin shape starts with a point inside. */
  wa_geometry_interior_point (f->geometry, &ix, &iy);
  to_local (f, ix, iy, &cx, &cy);
  *best = cell_new (f, cx, cy, 0);
  {
    Cell centre = cell_new (f, (x0 + x1) / 2, (y0 + y1) / 2, 0);
    if (centre.d > best->d)
      *best = centre;
  }
}

gboolean
wa_label_point_find (const WaGeometry *geometry, double precision_m,
                     double *out_lon, double *out_lat, double *out_radius_m)
{
  g_autoptr(GArray) heap = g_array_new (FALSE, FALSE, sizeof (Cell));
  const WaBBox *box;
  Frame f;
  Cell best;
  guint n_cells = 0;

  *out_lon = *out_lat = *out_radius_m = NAN;
  if (geometry == NULL || wa_geometry_get_n_points (geometry) < 3)
    return FALSE;
  box = wa_geometry_get_bbox (geometry);
  f = (Frame) { geometry, box->min_x, box->min_y,
                WA_METRES_PER_DEGREE * cos ((box->min_y + box->max_y) / 2 * G_PI / 180.0),
                WA_METRES_PER_DEGREE };
  precision_m = MAX (precision_m, 1e-3);
  seed (&f, box, heap, &best);

  while (heap->len > 0 && n_cells < MAX_CELLS)
    {
      Cell cell = heap_pop (heap);
      double h = cell.half / 2;

      if (cell.d > best.d)
        best = cell;
      /* The heap is ordered by bound: nothing left can beat best by more
       * than the precision. */
      if (cell.bound - best.d <= precision_m)
        break;
      for (int k = 0; k < 4; k++)
        {
          Cell child = cell_new (&f, cell.x + (k & 1 ? h : -h), cell.y + (k & 2 ? h : -h), h);
          heap_push (heap, &child);
          n_cells++;
        }
    }

  *out_lon = f.lon0 + best.x / f.kx;
  *out_lat = f.lat0 + best.y / f.ky;
  *out_radius_m = MAX (best.d, 0.0);
  return TRUE;
}
