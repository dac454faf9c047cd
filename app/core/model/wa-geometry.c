/* wa-geometry.c: an immutable (multi)polygon with even-odd point-in-polygon. */
#include "wa-geometry.h"
#include "wa-error.h"
#include "wa-geometry-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#define MERCATOR_MAX_LAT 85.0511
/* Distance (in degrees) within which a point counts as on an edge: far below
 * the precision of any boundary file, but absorbs rounding on slanted edges. */
#define EDGE_EPSILON 1e-12

struct _WaGeometry {
  gatomicrefcount ref_count;
  double *xy;
  guint n_points;
  guint *ring_starts;   /* n_rings + 1 entries; the last is n_points */
  guint n_rings;
  WaBBox bbox;
};

void
wa_bbox_init_empty (WaBBox *box)
{
  box->min_x = box->min_y = INFINITY;
  box->max_x = box->max_y = -INFINITY;
}

gboolean
wa_bbox_contains (const WaBBox *box,
                  double        x,
                  double        y)
{
  return x >= box->min_x && x <= box->max_x && y >= box->min_y && y <= box->max_y;
}

gboolean
wa_bbox_intersects (const WaBBox *a,
                    const WaBBox *b)
{
  return a->min_x <= b->max_x && b->min_x <= a->max_x
      && a->min_y <= b->max_y && b->min_y <= a->max_y;
}

void
wa_bbox_extend (WaBBox       *box,
                const WaBBox *other)
{
  box->min_x = MIN (box->min_x, other->min_x);
  box->min_y = MIN (box->min_y, other->min_y);
  box->max_x = MAX (box->max_x, other->max_x);
  box->max_y = MAX (box->max_y, other->max_y);
}

static void
bbox_add_point (WaBBox *box,
                double  x,
                double  y)
{
  box->min_x = MIN (box->min_x, x);
  box->min_y = MIN (box->min_y, y);
  box->max_x = MAX (box->max_x, x);
  box->max_y = MAX (box->max_y, y);
}

/* One block: the header, the ring starts (n_rings + 1), the points. As
 * three blocks a geometry cost about 40 bytes more (two more blocks'
 * overhead, and the starts' smallest block): 2.6 MB of the 10x pack's
 * open, which reads a boundary a ward, and as much again for each
 * geometry level the map reads (issue 18). */
static WaGeometry *
geometry_alloc (guint n_points,
                guint n_rings)
{
  gsize starts_room = (((gsize) n_rings + 1) * sizeof (guint) + sizeof (double) - 1)
                      & ~(sizeof (double) - 1);
  WaGeometry *geometry = g_malloc (sizeof *geometry + starts_room
                                   + 2 * sizeof (double) * (gsize) n_points);

  /* sizeof *geometry is a multiple of a double's alignment (its box). */
  geometry->ring_starts = (guint *) (geometry + 1);
  geometry->xy = (double *) ((char *) geometry->ring_starts + starts_room);
  geometry->n_points = n_points;
  geometry->n_rings = n_rings;
  g_atomic_ref_count_init (&geometry->ref_count);
  return geometry;
}

WaGeometry *
wa_geometry_new (const double *xy,
                 guint         n_points,
                 const guint  *ring_starts,
                 guint         n_rings)
{
  WaGeometry *geometry;

  g_return_val_if_fail (n_points == 0 || xy != NULL, NULL);
  g_return_val_if_fail (n_rings == 0 || ring_starts != NULL, NULL);

  geometry = geometry_alloc (n_points, n_rings);
  if (n_points > 0)
    memcpy (geometry->xy, xy, 2 * sizeof (double) * n_points);
  for (guint i = 0; i < n_rings; i++)
    {
      /* Offsets must not decrease or pass the end; clamp rather than read
       * out of bounds on bad input. */
      guint start = MIN (ring_starts[i], n_points);
      geometry->ring_starts[i] = i > 0 ? MAX (start, geometry->ring_starts[i - 1]) : start;
    }
  geometry->ring_starts[n_rings] = n_points;

  wa_bbox_init_empty (&geometry->bbox);
  for (guint i = 0; i < n_points; i++)
    bbox_add_point (&geometry->bbox, geometry->xy[2 * i], geometry->xy[2 * i + 1]);
  return geometry;
}

/* ---- the readers' scratch arrays ---------------------------------------- */

/* Kept only up to this many doubles (512 KB): a region's or the land's
 * outline may have hundreds of thousands of points, read once. */
#define SCRATCH_KEPT_DOUBLES (64 * 1024)

typedef struct {
  GArray *xy;
  GArray *starts;
} Scratch;

static void
scratch_free (gpointer data)
{
  Scratch *scratch = data;

  g_array_unref (scratch->xy);
  g_array_unref (scratch->starts);
  g_free (scratch);
}

static GPrivate scratch_key = G_PRIVATE_INIT (scratch_free);

void
wa_geometry_scratch (GArray **xy,
                     GArray **starts)
{
  Scratch *scratch = g_private_get (&scratch_key);

  if (scratch == NULL)
    {
      scratch = g_new (Scratch, 1);
      scratch->xy = g_array_new (FALSE, FALSE, sizeof (double));
      scratch->starts = g_array_new (FALSE, FALSE, sizeof (guint));
      g_private_set (&scratch_key, scratch);
    }
  g_array_set_size (scratch->xy, 0);
  g_array_set_size (scratch->starts, 0);
  *xy = scratch->xy;
  *starts = scratch->starts;
}

void
wa_geometry_scratch_done (void)
{
  Scratch *scratch = g_private_get (&scratch_key);

  /* A GArray never gives back its room: start afresh after a big one. */
  if (scratch != NULL && scratch->xy->len > SCRATCH_KEPT_DOUBLES)
    g_private_replace (&scratch_key, NULL);
}

WaGeometry *
wa_geometry_ref (WaGeometry *geometry)
{
  g_return_val_if_fail (geometry != NULL, NULL);

  g_atomic_ref_count_inc (&geometry->ref_count);
  return geometry;
}

void
wa_geometry_unref (WaGeometry *geometry)
{
  g_return_if_fail (geometry != NULL);

  if (!g_atomic_ref_count_dec (&geometry->ref_count))
    return;

  g_free (geometry);
}

const WaBBox *
wa_geometry_get_bbox (const WaGeometry *geometry)
{
  g_return_val_if_fail (geometry != NULL, NULL);

  return &geometry->bbox;
}

guint
wa_geometry_get_n_rings (const WaGeometry *geometry)
{
  g_return_val_if_fail (geometry != NULL, 0);

  return geometry->n_rings;
}

guint
wa_geometry_get_n_points (const WaGeometry *geometry)
{
  g_return_val_if_fail (geometry != NULL, 0);

  return geometry->n_points;
}

const double *
wa_geometry_get_ring (const WaGeometry *geometry,
                      guint             ring,
                      guint            *out_n)
{
  g_return_val_if_fail (geometry != NULL, NULL);
  g_return_val_if_fail (ring < geometry->n_rings, NULL);

  if (out_n != NULL)
    *out_n = geometry->ring_starts[ring + 1] - geometry->ring_starts[ring];
  return geometry->xy + 2 * geometry->ring_starts[ring];
}

static gboolean
point_on_segment (double x,  double y,
                  double x1, double y1,
                  double x2, double y2)
{
  double dx = x2 - x1, dy = y2 - y1;
  double length = hypot (dx, dy);
  double cross;

  if (x < MIN (x1, x2) - EDGE_EPSILON || x > MAX (x1, x2) + EDGE_EPSILON
      || y < MIN (y1, y2) - EDGE_EPSILON || y > MAX (y1, y2) + EDGE_EPSILON)
    return FALSE;

  if (length == 0)
    return TRUE;   /* within epsilon of a repeated vertex */

  cross = dx * (y - y1) - dy * (x - x1);
  return fabs (cross) / length <= EDGE_EPSILON;
}

/* Crossing count parity for one ring; *on_edge is set if the point lies on
 * one of its edges. */
static gboolean
ring_crossings_odd (const double *pts,
                    guint         n,
                    double        x,
                    double        y,
                    gboolean     *on_edge)
{
  gboolean inside = FALSE;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      double xi = pts[2 * i], yi = pts[2 * i + 1];
      double xj = pts[2 * j], yj = pts[2 * j + 1];

      if (point_on_segment (x, y, xi, yi, xj, yj))
        {
          *on_edge = TRUE;
          return TRUE;
        }

      if ((yi > y) != (yj > y)
          && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
        inside = !inside;
    }

  return inside;
}

gboolean
wa_geometry_contains (const WaGeometry *geometry,
                      double            x,
                      double            y)
{
  gboolean inside = FALSE;

  g_return_val_if_fail (geometry != NULL, FALSE);

  if (geometry->n_points == 0 || !wa_bbox_contains (&geometry->bbox, x, y))
    return FALSE;

  for (guint r = 0; r < geometry->n_rings; r++)
    {
      guint n;
      const double *pts = wa_geometry_get_ring (geometry, r, &n);
      gboolean on_edge = FALSE;

      if (n == 0)
        continue;
      if (ring_crossings_odd (pts, n, x, y, &on_edge))
        inside = !inside;
      if (on_edge)
        return TRUE;
    }

  return inside;
}

static double
ring_signed_area (const double *pts,
                  guint         n)
{
  double sum = 0;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    sum += pts[2 * j] * pts[2 * i + 1] - pts[2 * i] * pts[2 * j + 1];
  return sum / 2;
}

/* The ring with the largest area: almost always the main outer boundary. */
static guint
largest_ring (const WaGeometry *geometry)
{
  double best_area = -1;
  guint best = 0;

  for (guint r = 0; r < geometry->n_rings; r++)
    {
      guint n;
      const double *pts = wa_geometry_get_ring (geometry, r, &n);
      double area = n > 0 ? fabs (ring_signed_area (pts, n)) : 0;

      if (area > best_area)
        {
          best_area = area;
          best = r;
        }
    }
  return best;
}

static int
compare_doubles (const void *pa,
                 const void *pb)
{
  double a = *(const double *) pa, b = *(const double *) pb;

  return (a > b) - (a < b);
}

/* Widest inside span of the horizontal line at y; returns its width (or -1). */
static double
widest_span_at (const WaGeometry *geometry,
                double            y,
                GArray           *crossings,
                double           *out_mid_x)
{
  double best = -1;

  g_array_set_size (crossings, 0);
  for (guint r = 0; r < geometry->n_rings; r++)
    {
      guint n;
      const double *pts = wa_geometry_get_ring (geometry, r, &n);

      for (guint i = 0, j = n - 1; i < n; j = i++)
        {
          double xi = pts[2 * i], yi = pts[2 * i + 1];
          double xj = pts[2 * j], yj = pts[2 * j + 1];

          /* Half-open rule, as in the containment test, so vertices on
           * the line are counted once and crossings pair up. */
          if ((yi > y) != (yj > y))
            {
              double cx = (xj - xi) * (y - yi) / (yj - yi) + xi;
              g_array_append_val (crossings, cx);
            }
        }
    }

  qsort (crossings->data, crossings->len, sizeof (double), compare_doubles);
  for (guint i = 0; i + 1 < crossings->len; i += 2)
    {
      double a = g_array_index (crossings, double, i);
      double b = g_array_index (crossings, double, i + 1);

      if (b - a > best)
        {
          best = b - a;
          *out_mid_x = (a + b) / 2;
        }
    }
  return best;
}

void
wa_geometry_interior_point (const WaGeometry *geometry,
                            double           *out_x,
                            double           *out_y)
{
  g_autoptr(GArray) crossings = g_array_new (FALSE, FALSE, sizeof (double));
  WaBBox ring_box;
  double best_width = -1;
  guint n;
  const double *pts;

  g_return_if_fail (geometry != NULL);

  if (geometry->n_points == 0 || geometry->n_rings == 0)
    {
      *out_x = *out_y = NAN;
      return;
    }

  pts = wa_geometry_get_ring (geometry, largest_ring (geometry), &n);
  wa_bbox_init_empty (&ring_box);
  for (guint i = 0; i < n; i++)
    bbox_add_point (&ring_box, pts[2 * i], pts[2 * i + 1]);

  /* Fallback for degenerate shapes: a vertex is on the boundary, so it
   * still counts as contained. */
  *out_x = pts[0];
  *out_y = pts[1];

  /* Several scanlines, middle first, so a shape whose middle is a hole or
   * a notch (a "C") still finds a generous span. Wins need a clear margin
   * so the middle is preferred among near-equal spans. */
  static const double fractions[] = { 0.5, 0.375, 0.625, 0.25, 0.75, 0.125, 0.875 };
  for (guint k = 0; k < G_N_ELEMENTS (fractions); k++)
    {
      double y = ring_box.min_y + fractions[k] * (ring_box.max_y - ring_box.min_y);
      double mid_x = 0;
      double width = widest_span_at (geometry, y, crossings, &mid_x);

      if (width > best_width * 1.25 && width > 0)
        {
          best_width = width;
          *out_x = mid_x;
          *out_y = y;
        }
    }
}

/* Whether a ring lies inside an odd number of the other rings (is a hole). */
static gboolean
ring_is_hole (const WaGeometry *geometry,
              guint             ring)
{
  guint n, m;
  const double *pts = wa_geometry_get_ring (geometry, ring, &n);
  gboolean hole = FALSE;

  if (n == 0)
    return FALSE;

  for (guint r = 0; r < geometry->n_rings; r++)
    {
      const double *other = wa_geometry_get_ring (geometry, r, &m);
      gboolean on_edge = FALSE;

      if (r == ring || m == 0)
        continue;
      if (ring_crossings_odd (other, m, pts[0], pts[1], &on_edge) && !on_edge)
        hole = !hole;
    }
  return hole;
}

double
wa_geometry_area (const WaGeometry *geometry)
{
  double area = 0;

  g_return_val_if_fail (geometry != NULL, 0);

  for (guint r = 0; r < geometry->n_rings; r++)
    {
      guint n;
      const double *pts = wa_geometry_get_ring (geometry, r, &n);
      double ring_area = n > 0 ? fabs (ring_signed_area (pts, n)) : 0;

      area += ring_is_hole (geometry, r) ? -ring_area : ring_area;
    }
  return MAX (area, 0);
}

void
wa_lonlat_to_mercator (double  lon,
                       double  lat,
                       double *out_x,
                       double *out_y)
{
  double phi = CLAMP (lat, -MERCATOR_MAX_LAT, MERCATOR_MAX_LAT) * G_PI / 180.0;

  *out_x = (lon + 180.0) / 360.0;
  *out_y = (1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0;
}

void
wa_mercator_to_lonlat (double  x,
                       double  y,
                       double *out_lon,
                       double *out_lat)
{
  *out_lon = x * 360.0 - 180.0;
  *out_lat = atan (sinh (G_PI * (1.0 - 2.0 * y))) * 180.0 / G_PI;
}

double
wa_point_segment_distance2 (const double *p, const double *a, const double *b)
{
  double dx = b[0] - a[0], dy = b[1] - a[1];
  double length2 = dx * dx + dy * dy;
  double t = length2 > 0.0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2 : 0.0;

  t = CLAMP (t, 0.0, 1.0);
  dx = a[0] + t * dx - p[0];
  dy = a[1] + t * dy - p[1];
  return dx * dx + dy * dy;
}

/* The bits are mixed: nearby coordinates differ only in their low bits,
 * which g_double_hash's sum of halves leaves in few buckets (chaining the
 * motorways took 50 ms instead of 4). */
guint
wa_point_hash (gconstpointer key)
{
  const double *xy = key;
  guint64 a, b, h;

  memcpy (&a, &xy[0], sizeof a);
  memcpy (&b, &xy[1], sizeof b);
  h = (a * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) ^ (b * G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F));
  h ^= h >> 29;
  return (guint) (h ^ (h >> 32));
}

gboolean
wa_point_equal (gconstpointer a, gconstpointer b)
{
  const double *p = a, *q = b;

  return p[0] == q[0] && p[1] == q[1];
}
