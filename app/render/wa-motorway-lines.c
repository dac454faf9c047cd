/* wa-motorway-lines.c */
#include <math.h>
#include <string.h>

#include "wa-motorway-lines.h"

/* Distance from p to the segment a-b. */
static double
segment_distance (const double *p, const double *a, const double *b)
{
  double dx = b[0] - a[0], dy = b[1] - a[1];
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;

  t = CLAMP (t, 0.0, 1.0);
  return hypot (p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/* Douglas-Peucker between two kept points, with a stack rather than
 * recursion (a chain can have tens of thousands of points). */
static guint
simplify_span (const double *xy, guint first, guint last, double tolerance, gboolean *keep,
               GArray *stack)
{
  guint kept = 0;

  g_array_set_size (stack, 0);
  g_array_append_val (stack, first);
  g_array_append_val (stack, last);
  while (stack->len > 0)
    {
      guint b = g_array_index (stack, guint, stack->len - 1);
      guint a = g_array_index (stack, guint, stack->len - 2);
      double worst = -1;
      guint at = a;

      g_array_set_size (stack, stack->len - 2);
      for (guint i = a + 1; i < b; i++)
        {
          double d = segment_distance (&xy[2 * i], &xy[2 * a], &xy[2 * b]);

          if (d > worst)
            worst = d, at = i;
        }
      if (at == a || worst <= tolerance)
        continue;
      keep[at] = TRUE;
      kept++;
      g_array_append_val (stack, a);
      g_array_append_val (stack, at);
      g_array_append_val (stack, at);
      g_array_append_val (stack, b);
    }
  return kept;
}

guint
wa_motorway_simplify (const double *xy, guint n, const gboolean *pinned, double tolerance,
                      gboolean *keep)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));
  guint kept = 0, from = 0;

  if (n == 0)
    return 0;
  for (guint i = 0; i < n; i++)
    {
      keep[i] = i == 0 || i == n - 1 || (pinned != NULL && pinned[i]);
      kept += keep[i];
    }
  for (guint i = 1; i < n; i++)
    if (keep[i])
      {
        kept += simplify_span (xy, from, i, tolerance, keep, stack);
        from = i;
      }
  return kept;
}

/* Hash and equality of a point given as a pointer to its two doubles.
 * The bits are mixed: nearby coordinates differ only in their low bits,
 * which g_double_hash's sum of halves leaves in few buckets. */
static guint
point_hash (gconstpointer key)
{
  const double *xy = key;
  guint64 a, b, h;

  memcpy (&a, &xy[0], sizeof a);
  memcpy (&b, &xy[1], sizeof b);
  h = (a * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) ^ (b * G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F));
  h ^= h >> 29;
  return (guint) (h ^ (h >> 32));
}

static gboolean
point_equal (gconstpointer a, gconstpointer b)
{
  const double *p = a, *q = b;

  return p[0] == q[0] && p[1] == q[1];
}

static void
bbox_add (WaBBox *box, const double *p)
{
  box->min_x = MIN (box->min_x, p[0]);
  box->min_y = MIN (box->min_y, p[1]);
  box->max_x = MAX (box->max_x, p[0]);
  box->max_y = MAX (box->max_y, p[1]);
}

static const WaBBox empty_box = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

/* Appends the kept points of a chain (n of them) and its runs. */
static void
add_chain (WaMotorwayLines *lines, const double *xy, guint n, const gboolean *keep)
{
  WaMotorwayChain chain = { lines->xy->len / 2, 0, lines->runs->len, empty_box };
  WaBBox run = empty_box;

  for (guint i = 0; i < n; i++)
    {
      const double *p = &xy[2 * i];

      if (!keep[i])
        continue;
      g_array_append_vals (lines->xy, p, 2);
      bbox_add (&chain.box, p);
      bbox_add (&run, p);
      /* Point k*RUN ends run k-1 and begins run k. */
      if (chain.n_points > 0 && chain.n_points % WA_MOTORWAY_RUN == 0)
        {
          g_array_append_val (lines->runs, run);
          run = empty_box;
          bbox_add (&run, p);
        }
      chain.n_points++;
    }
  if ((chain.n_points - 1) % WA_MOTORWAY_RUN != 0)
    g_array_append_val (lines->runs, run);
  g_array_append_val (lines->chains, chain);
}

/* Simplifies the chain in px (with its pinned points), adds it to lines
 * and empties px and pinned for the next. */
static void
finish_chain (WaMotorwayLines *lines, GArray *px, GArray *pinned, double tolerance)
{
  g_autofree gboolean *keep = NULL;

  if (px->len == 0)
    return;
  keep = g_new (gboolean, px->len);
  lines->n_points_in += px->len;
  wa_motorway_simplify ((const double *) px->data, px->len, (const gboolean *) pinned->data,
                        tolerance, keep);
  add_chain (lines, (const double *) px->data, px->len, keep);
  g_array_set_size (px, 0);
  g_array_set_size (pinned, 0);
}

WaMotorwayLines *
wa_motorway_lines_new (GPtrArray *roads, const WaRoadStep *steps, guint n_steps, double zoom,
                       double tolerance_px)
{
  WaMotorwayLines *lines = g_new0 (WaMotorwayLines, 1);
  g_autoptr(GHashTable) chain_ends = g_hash_table_new (point_hash, point_equal);
  /* The chain being made, Mercator units (the points stay exactly as
   * wa_lonlat_to_mercator gives them), and which of its points to keep. */
  g_autoptr(GArray) px = g_array_new (FALSE, FALSE, 2 * sizeof (double));
  g_autoptr(GArray) pinned = g_array_new (FALSE, FALSE, sizeof (gboolean));
  double tolerance = tolerance_px / (512.0 * exp2 (zoom));

  lines->tolerance = tolerance;
  lines->xy = g_array_new (FALSE, FALSE, sizeof (double));
  lines->chains = g_array_new (FALSE, FALSE, sizeof (WaMotorwayChain));
  lines->runs = g_array_new (FALSE, FALSE, sizeof (WaBBox));

  /* Where chains begin and end: where another chain passes such a point
   * (a junction), that chain keeps it, so that the lines still meet. */
  for (guint i = 0; i < n_steps; i++)
    {
      const WaRoad *road = g_ptr_array_index (roads, steps[i].road);

      if (!steps[i].continues)
        {
          g_hash_table_add (chain_ends, road->xy);
          if (i > 0)
            {
              const WaRoad *before = g_ptr_array_index (roads, steps[i - 1].road);

              g_hash_table_add (chain_ends, &before->xy[2 * (before->n_points - 1)]);
            }
        }
    }
  if (n_steps > 0)
    {
      const WaRoad *last = g_ptr_array_index (roads, steps[n_steps - 1].road);

      g_hash_table_add (chain_ends, &last->xy[2 * (last->n_points - 1)]);
    }

  for (guint i = 0; i < n_steps; i++)
    {
      const WaRoad *road = g_ptr_array_index (roads, steps[i].road);

      if (!steps[i].continues)
        finish_chain (lines, px, pinned, tolerance);
      for (guint k = steps[i].continues ? 1 : 0; k < road->n_points; k++)
        {
          double p[2];
          gboolean pin = (k == 0 || k == road->n_points - 1)
                         && g_hash_table_contains (chain_ends, &road->xy[2 * k]);

          wa_lonlat_to_mercator (road->xy[2 * k], road->xy[2 * k + 1], &p[0], &p[1]);
          g_array_append_val (px, p);
          g_array_append_val (pinned, pin);
        }
    }
  finish_chain (lines, px, pinned, tolerance);
  return lines;
}

void
wa_motorway_lines_free (WaMotorwayLines *lines)
{
  if (lines == NULL)
    return;
  g_array_unref (lines->xy);
  g_array_unref (lines->chains);
  g_array_unref (lines->runs);
  g_free (lines);
}
