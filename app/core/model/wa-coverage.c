/* wa-coverage.c: see wa-coverage.h. */
#include <string.h>

#include "wa-coverage.h"

#define NO_ID G_MAXUINT

typedef struct {
  guint first, n;           /* into ids; the closing point not repeated */
} Ring;

struct _WaCoverage {
  GArray *xy;               /* doubles: each distinct point once */
  guint *slots;             /* open addressing: point ids, NO_ID empty */
  guint n_slots;            /* a power of two */
  GArray *ids;              /* guint: every ring's points, ring after ring */
  GArray *rings;            /* Ring */
  /* Per point, once rings are all in: the first pair of neighbours it
   * was met with, and whether it was met with another (a junction). */
  guint *pair_a, *pair_b;
  gboolean *junction;
  /* Reused by each ring's simplification. */
  GArray *points, *kept, *canonical, *keep, *stack;
};

WaCoverage *
wa_coverage_new (void)
{
  WaCoverage *c = g_new0 (WaCoverage, 1);

  c->xy = g_array_new (FALSE, FALSE, sizeof (double));
  c->ids = g_array_new (FALSE, FALSE, sizeof (guint));
  c->rings = g_array_new (FALSE, FALSE, sizeof (Ring));
  c->points = g_array_new (FALSE, FALSE, sizeof (guint));
  c->kept = g_array_new (FALSE, FALSE, sizeof (guint));
  c->canonical = g_array_new (FALSE, FALSE, sizeof (guint));
  c->keep = g_array_new (FALSE, FALSE, sizeof (gboolean));
  c->stack = g_array_new (FALSE, FALSE, sizeof (guint));
  return c;
}

void
wa_coverage_free (WaCoverage *c)
{
  if (c == NULL)
    return;
  g_array_unref (c->xy);
  g_array_unref (c->ids);
  g_array_unref (c->rings);
  g_array_unref (c->points);
  g_array_unref (c->kept);
  g_array_unref (c->canonical);
  g_array_unref (c->keep);
  g_array_unref (c->stack);
  g_free (c->slots);
  g_free (c->pair_a);
  g_free (c->pair_b);
  g_free (c->junction);
  g_free (c);
}

/* ---- points -------------------------------------------------------------- */

static guint
point_hash (double x, double y)
{
  guint64 a, b;

  x += 0.0, y += 0.0;   /* -0 as 0, as they compare equal */
  memcpy (&a, &x, sizeof a);
  memcpy (&b, &y, sizeof b);
  a ^= b * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  a ^= a >> 29;
  a *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  return (guint) (a ^ (a >> 32));
}

static void
grow_slots (WaCoverage *c)
{
  guint n = c->n_slots == 0 ? 1024 : 2 * c->n_slots;
  const double *xy = (const double *) c->xy->data;

  g_free (c->slots);
  c->slots = g_new (guint, n);
  memset (c->slots, 0xff, sizeof (guint) * n);
  c->n_slots = n;
  for (guint id = 0; id < c->xy->len / 2; id++)
    {
      guint s = point_hash (xy[2 * id], xy[2 * id + 1]) & (n - 1);

      while (c->slots[s] != NO_ID)
        s = (s + 1) & (n - 1);
      c->slots[s] = id;
    }
}

/* The id of point (x, y), added if new. */
static guint
point_id (WaCoverage *c, double x, double y)
{
  const double *xy;
  guint s, id;

  if (2 * (c->xy->len / 2 + 1) > c->n_slots)
    grow_slots (c);
  xy = (const double *) c->xy->data;
  for (s = point_hash (x, y) & (c->n_slots - 1); c->slots[s] != NO_ID;
       s = (s + 1) & (c->n_slots - 1))
    if (xy[2 * c->slots[s]] == x && xy[2 * c->slots[s] + 1] == y)
      return c->slots[s];
  id = c->xy->len / 2;
  c->slots[s] = id;
  g_array_append_val (c->xy, x);
  g_array_append_val (c->xy, y);
  return id;
}

guint
wa_coverage_add_ring (WaCoverage *c, const double *xy, guint n)
{
  Ring r = { c->ids->len, 0 };
  guint last = NO_ID;

  g_return_val_if_fail (c->junction == NULL, 0);
  for (guint i = 0; i < n; i++)
    {
      guint id = point_id (c, xy[2 * i], xy[2 * i + 1]);

      if (id != last)
        g_array_append_val (c->ids, id);
      last = id;
    }
  r.n = c->ids->len - r.first;
  if (r.n > 1 && g_array_index (c->ids, guint, r.first) == last)
    {
      r.n--;
      g_array_set_size (c->ids, c->ids->len - 1);
    }
  g_array_append_val (c->rings, r);
  return c->rings->len - 1;
}

/* ---- junctions ------------------------------------------------------------ */

static void
meet (WaCoverage *c, guint id, guint prev, guint next)
{
  guint a = MIN (prev, next), b = MAX (prev, next);

  if (c->pair_a[id] == NO_ID)
    c->pair_a[id] = a, c->pair_b[id] = b;
  else if (c->pair_a[id] != a || c->pair_b[id] != b)
    c->junction[id] = TRUE;
}

static void
find_junctions (WaCoverage *c)
{
  guint n_points = c->xy->len / 2;
  const guint *ids = (const guint *) c->ids->data;

  c->pair_a = g_new (guint, MAX (n_points, 1));
  c->pair_b = g_new (guint, MAX (n_points, 1));
  c->junction = g_new0 (gboolean, MAX (n_points, 1));
  memset (c->pair_a, 0xff, sizeof (guint) * n_points);
  for (guint r = 0; r < c->rings->len; r++)
    {
      const Ring *ring = &g_array_index (c->rings, Ring, r);
      const guint *v = ids + ring->first;

      for (guint i = 0; i < ring->n; i++)
        meet (c, v[i], v[(i + ring->n - 1) % ring->n], v[(i + 1) % ring->n]);
    }
  g_clear_pointer (&c->slots, g_free);   /* no more points */
  c->n_slots = 0;
}

/* ---- simplifying ------------------------------------------------------------ */

/* Squared distance of p from the segment a-b. */
static double
segment_distance2 (const double *p, const double *a, const double *b)
{
  double dx = b[0] - a[0], dy = b[1] - a[1], len2 = dx * dx + dy * dy, t = 0;
  double ex, ey;

  if (len2 > 0)
    t = CLAMP (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2, 0, 1);
  ex = a[0] + t * dx - p[0];
  ey = a[1] + t * dy - p[1];
  return ex * ex + ey * ey;
}

static void
push_span (GArray *stack, guint lo, guint hi)
{
  guint span[2] = { lo, hi };

  if (hi - lo > 1)
    g_array_append_vals (stack, span, 2);
}

/* Douglas-Peucker over the points arc[0..n), its ends kept: sets keep[i]. */
static void
douglas_peucker (WaCoverage *c, const guint *arc, guint n, double tolerance, gboolean *keep)
{
  const double *xy = (const double *) c->xy->data;
  double tol2 = tolerance * tolerance;
  GArray *stack = c->stack;

  memset (keep, 0, sizeof (gboolean) * n);
  keep[0] = keep[n - 1] = TRUE;
  g_array_set_size (stack, 0);
  push_span (stack, 0, n - 1);
  while (stack->len > 0)
    {
      guint lo = g_array_index (stack, guint, stack->len - 2);
      guint hi = g_array_index (stack, guint, stack->len - 1);
      guint far = lo;
      double far2 = -1;

      g_array_set_size (stack, stack->len - 2);
      for (guint i = lo + 1; i < hi; i++)
        {
          double d2 = segment_distance2 (xy + 2 * arc[i], xy + 2 * arc[lo], xy + 2 * arc[hi]);

          if (d2 > far2)
            far2 = d2, far = i;
        }
      if (far2 <= tol2)
        continue;
      keep[far] = TRUE;
      push_span (stack, lo, far);
      push_span (stack, far, hi);
    }
}

/* Whether an arc read backwards comes first: then every ring that traces
 * it simplifies it from the same end. */
static gboolean
backwards_first (const guint *arc, guint n)
{
  guint i = 0, j = n - 1;

  while (i < j && arc[i] == arc[j])
    i++, j--;
  return i < j && arc[j] < arc[i];
}

/* Simplifies arc[0..n) (its ends junctions, or one point) and appends
 * its kept points but the last to kept. */
static void
append_arc (WaCoverage *c, const guint *arc, guint n, double tolerance)
{
  gboolean backwards = backwards_first (arc, n);
  guint *canonical;
  gboolean *keep;

  g_array_set_size (c->canonical, n);
  g_array_set_size (c->keep, n);
  canonical = (guint *) c->canonical->data;
  keep = (gboolean *) c->keep->data;
  for (guint i = 0; i < n; i++)
    canonical[i] = backwards ? arc[n - 1 - i] : arc[i];
  douglas_peucker (c, canonical, n, tolerance, keep);
  for (guint i = 0; i + 1 < n; i++)
    {
      guint k = backwards ? n - 1 - i : i;

      if (keep[k])
        g_array_append_val (c->kept, canonical[k]);
    }
}

/* The ring's points, closed, in c->points, starting where its arcs do:
 * at a junction, or (none) at its least point, going on towards the
 * lesser of that point's neighbours; TRUE where that reverses it. */
static gboolean
arc_order (WaCoverage *c, const Ring *ring)
{
  const guint *v = &g_array_index (c->ids, guint, ring->first);
  guint n = ring->n, start = 0;
  gboolean found = FALSE, reverse = FALSE;

  for (guint i = 0; i < n && !found; i++)
    if (c->junction[v[i]])
      start = i, found = TRUE;
  if (!found)
    {
      for (guint i = 1; i < n; i++)
        if (v[i] < v[start])
          start = i;
      reverse = v[(start + n - 1) % n] < v[(start + 1) % n];
    }
  g_array_set_size (c->points, 0);
  for (guint i = 0; i <= n; i++)
    {
      guint k = reverse ? (start + n - i % n) % n : (start + i) % n;

      g_array_append_val (c->points, v[k]);
    }
  return reverse;
}

/* Twice the signed area of the closed ring of point ids. */
static double
ring_area2 (const WaCoverage *c, const guint *v, guint n)
{
  const double *xy = (const double *) c->xy->data;
  double area = 0;

  for (guint i = 0; i + 1 < n; i++)
    area += xy[2 * v[i]] * xy[2 * v[i + 1] + 1] - xy[2 * v[i + 1]] * xy[2 * v[i] + 1];
  return area;
}

gboolean
wa_coverage_simplify_ring (WaCoverage *c, guint index, double tolerance, GArray *out)
{
  const Ring *ring;
  const guint *v, *kept;
  const double *xy;
  guint from = 0;
  gboolean reversed;

  g_return_val_if_fail (index < c->rings->len, FALSE);
  if (c->junction == NULL)
    find_junctions (c);
  ring = &g_array_index (c->rings, Ring, index);
  g_array_set_size (out, 0);
  if (ring->n < 3)
    return FALSE;
  reversed = arc_order (c, ring);
  v = (const guint *) c->points->data;
  g_array_set_size (c->kept, 0);
  for (guint i = 1; i < c->points->len; i++)
    if (c->junction[v[i]] || i == c->points->len - 1)
      {
        append_arc (c, v + from, i - from + 1, tolerance);
        from = i;
      }
  g_array_append_val (c->kept, v[0]);
  kept = (const guint *) c->kept->data;
  if (c->kept->len < 4 || ring_area2 (c, kept, c->kept->len) == 0)
    return FALSE;
  xy = (const double *) c->xy->data;
  /* Turned back the way it came: the caller's outer rings and holes
   * keep their directions. */
  for (guint i = 0; i < c->kept->len; i++)
    g_array_append_vals (out, xy + 2 * kept[reversed ? c->kept->len - 1 - i : i], 2);
  return TRUE;
}
