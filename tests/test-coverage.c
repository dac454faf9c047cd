/* test-coverage.c: simplifying rings that share boundaries (wa-coverage.h):
 * a shared boundary comes out the same for both rings, junctions stay,
 * an island and the hole it fills stay alike, rings keep their direction
 * and collapse when too small. */
#include "wa-test-fixtures.h"
#include "wa-coverage.h"

#include <math.h>

/* The right side of A, up from (10, 0) to (10, 10): small wiggles under
 * the tolerance and one bump (12, 5) well over it. */
static const double wiggle[] = {
  10, 0,  10.1, 1,  9.9, 2,  10.05, 3,  10, 4,  12, 5,  10, 6,  9.95, 7,  10.02, 8,  10, 9,
  10, 10,
};
#define N_WIGGLE (G_N_ELEMENTS (wiggle) / 2)

/* A: left of the wiggle, counter-clockwise (y up); B: right of it, also
 * counter-clockwise, so it traces the wiggle the other way. Arrays of
 * points (x, y pairs). */
static void
add_two_squares (WaCoverage *coverage)
{
  g_autoptr(GArray) a = g_array_new (FALSE, FALSE, 2 * sizeof (double));
  g_autoptr(GArray) b = g_array_new (FALSE, FALSE, 2 * sizeof (double));
  static const double a_rest[] = { 0, 10,  0, 0 };
  static const double b_start[] = { 10, 0,  20, 0,  20, 10 };

  g_array_append_vals (a, wiggle, N_WIGGLE);
  g_array_append_vals (a, a_rest, G_N_ELEMENTS (a_rest) / 2);
  g_assert_cmpuint (wa_coverage_add_ring (coverage, (double *) a->data, a->len), ==, 0);

  g_array_append_vals (b, b_start, G_N_ELEMENTS (b_start) / 2);
  for (guint i = N_WIGGLE; i-- > 1;)   /* back down, from (10, 10) to just above (10, 0) */
    g_array_append_vals (b, wiggle + 2 * i, 1);
  g_assert_cmpuint (wa_coverage_add_ring (coverage, (double *) b->data, b->len), ==, 1);
}

static gboolean
has_point (const GArray *ring, double x, double y)
{
  const double *p = (const double *) ring->data;

  for (guint i = 0; i < ring->len / 2; i++)
    if (p[2 * i] == x && p[2 * i + 1] == y)
      return TRUE;
  return FALSE;
}

/* Whether ring has the edge from (x0, y0) to (x1, y1), either way. */
static gboolean
has_edge (const GArray *ring, double x0, double y0, double x1, double y1)
{
  const double *p = (const double *) ring->data;

  for (guint i = 0; i + 1 < ring->len / 2; i++)
    {
      const double *a = p + 2 * i, *b = p + 2 * i + 2;

      if ((a[0] == x0 && a[1] == y0 && b[0] == x1 && b[1] == y1)
          || (a[0] == x1 && a[1] == y1 && b[0] == x0 && b[1] == y0))
        return TRUE;
    }
  return FALSE;
}

static double
signed_area (const GArray *ring)
{
  const double *p = (const double *) ring->data;
  double area = 0;

  for (guint i = 0; i + 1 < ring->len / 2; i++)
    area += p[2 * i] * p[2 * i + 3] - p[2 * i + 2] * p[2 * i + 1];
  return area / 2;
}

/* Every edge of one ring on x >= 9.5 (the shared side) is an edge of the
 * other. */
static void
assert_same_shared_edges (const GArray *from, const GArray *other)
{
  const double *p = (const double *) from->data;

  for (guint i = 0; i + 1 < from->len / 2; i++)
    {
      const double *a = p + 2 * i, *b = p + 2 * i + 2;

      if (a[0] >= 9.5 && a[0] <= 12 && b[0] >= 9.5 && b[0] <= 12 && a[0] != 20 && b[0] != 20
          && !(a[1] == b[1] && (a[1] == 0 || a[1] == 10)))
        g_assert_true (has_edge (other, a[0], a[1], b[0], b[1]));
    }
}

static void
test_shared_boundary (void)
{
  g_autoptr(WaCoverage) coverage = wa_coverage_new ();
  g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (double));

  add_two_squares (coverage);
  g_assert_true (wa_coverage_simplify_ring (coverage, 0, 0.5, a));
  g_assert_true (wa_coverage_simplify_ring (coverage, 1, 0.5, b));
  /* Closed, the bump kept, the wiggles gone. */
  g_assert_cmpfloat (((double *) a->data)[0], ==, ((double *) a->data)[a->len - 2]);
  g_assert_cmpfloat (((double *) a->data)[1], ==, ((double *) a->data)[a->len - 1]);
  g_assert_true (has_point (a, 12, 5) && has_point (b, 12, 5));
  g_assert_false (has_point (a, 10.1, 1) || has_point (b, 10.1, 1));
  g_assert_false (has_point (a, 9.95, 7) || has_point (b, 9.95, 7));
  /* The shared side is the same four edges in both: the bump's foot
   * (10, 4) to (10, 6) is more than the tolerance off its straight lines. */
  g_assert_true (has_edge (a, 10, 0, 10, 4) && has_edge (a, 10, 4, 12, 5)
                 && has_edge (a, 12, 5, 10, 6) && has_edge (a, 10, 6, 10, 10));
  g_assert_true (has_edge (b, 10, 0, 10, 4) && has_edge (b, 10, 4, 12, 5)
                 && has_edge (b, 12, 5, 10, 6) && has_edge (b, 10, 6, 10, 10));
  g_assert_cmpuint (a->len, ==, 2 * 8);   /* with (0, 10), (0, 0) and closed */
  assert_same_shared_edges (a, b);
  assert_same_shared_edges (b, a);
  /* Directions kept: both counter-clockwise, as given. */
  g_assert_cmpfloat (signed_area (a), >, 0);
  g_assert_cmpfloat (signed_area (b), >, 0);
}

/* Three squares meeting at (10, 5): A left, B top right, C bottom right.
 * At a tolerance that would straighten A's right side, the point where
 * all three meet stays in each. */
static void
test_junction_kept (void)
{
  static const double a[] = { 0, 0,  10, 0,  10, 5,  10, 10,  0, 10 };
  static const double b[] = { 10, 5,  20, 5,  20, 10,  10, 10 };
  static const double c[] = { 10, 0,  20, 0,  20, 5,  10, 5 };
  g_autoptr(WaCoverage) coverage = wa_coverage_new ();
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (double));

  wa_coverage_add_ring (coverage, a, G_N_ELEMENTS (a) / 2);
  wa_coverage_add_ring (coverage, b, G_N_ELEMENTS (b) / 2);
  wa_coverage_add_ring (coverage, c, G_N_ELEMENTS (c) / 2);
  for (guint r = 0; r < 3; r++)
    {
      g_assert_true (wa_coverage_simplify_ring (coverage, r, 3, out));
      g_assert_true (has_point (out, 10, 5));
    }
}

/* A hole and the island that fills it, given from different points and
 * opposite ways round, with no junction: both come out alike. */
static void
test_island_fills_hole (void)
{
  g_autoptr(WaCoverage) coverage = wa_coverage_new ();
  g_autoptr(GArray) hole_xy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) island_xy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) hole = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) island = g_array_new (FALSE, FALSE, sizeof (double));
  static const double outer[] = { 0, 0,  100, 0,  100, 100,  0, 100 };
  const guint n = 40;

  /* A wobbly circle, clockwise for the hole. */
  for (guint i = 0; i < n; i++)
    {
      double t = -2 * G_PI * i / n, r = 20 + (i % 3 == 0 ? 1.5 : 0);
      double xy[2] = { 50 + r * cos (t), 50 + r * sin (t) };

      g_array_append_vals (hole_xy, xy, 2);
    }
  /* The island: the same points counter-clockwise, from the seventh. */
  for (guint i = 0; i < n; i++)
    g_array_append_vals (island_xy, &g_array_index (hole_xy, double, 2 * ((n + 7 - i) % n)), 2);

  wa_coverage_add_ring (coverage, outer, G_N_ELEMENTS (outer) / 2);
  wa_coverage_add_ring (coverage, (double *) hole_xy->data, n);
  wa_coverage_add_ring (coverage, (double *) island_xy->data, n);
  g_assert_true (wa_coverage_simplify_ring (coverage, 1, 1.0, hole));
  g_assert_true (wa_coverage_simplify_ring (coverage, 2, 1.0, island));
  g_assert_cmpuint (hole->len, <, 2 * (n + 1));
  g_assert_cmpuint (hole->len, ==, island->len);
  for (guint i = 0; i + 1 < hole->len / 2; i++)
    g_assert_true (has_point (island, g_array_index (hole, double, 2 * i),
                              g_array_index (hole, double, 2 * i + 1)));
  g_assert_cmpfloat (signed_area (hole), <, 0);
  g_assert_cmpfloat (signed_area (island), >, 0);
  g_assert_cmpfloat_with_epsilon (signed_area (hole), -signed_area (island), 1e-9);
}

/* A ring within the tolerance collapses; so do rings under three points
 * and rings of no area. */
static void
test_collapse (void)
{
  static const double tiny[] = { 0, 0,  0.1, 0,  0.1, 0.1,  0, 0.1,  0, 0 };
  static const double two[] = { 0, 0,  1, 1 };
  static const double flat[] = { 0, 0,  1, 0,  2, 0 };
  g_autoptr(WaCoverage) coverage = wa_coverage_new ();
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (double));

  wa_coverage_add_ring (coverage, tiny, G_N_ELEMENTS (tiny) / 2);
  wa_coverage_add_ring (coverage, two, G_N_ELEMENTS (two) / 2);
  wa_coverage_add_ring (coverage, flat, G_N_ELEMENTS (flat) / 2);
  g_assert_false (wa_coverage_simplify_ring (coverage, 0, 1, out));
  g_assert_cmpuint (out->len, ==, 0);
  g_assert_false (wa_coverage_simplify_ring (coverage, 1, 0.01, out));
  g_assert_false (wa_coverage_simplify_ring (coverage, 2, 0.01, out));
  /* At a tolerance under its size, the small square is kept whole. */
  g_assert_true (wa_coverage_simplify_ring (coverage, 0, 0.01, out));
  g_assert_cmpuint (out->len, ==, 2 * 5);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/coverage/shared-boundary", test_shared_boundary);
  g_test_add_func ("/coverage/junction-kept", test_junction_kept);
  g_test_add_func ("/coverage/island-fills-hole", test_island_fills_hole);
  g_test_add_func ("/coverage/collapse", test_collapse);
  return g_test_run ();
}
