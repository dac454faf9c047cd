/* test-geometry.c: bounding boxes, point-in-polygon, interior points,
 * OGR conversion and Web Mercator. */
#include "wa-test-fixtures.h"

#include <math.h>
#include <ogr_api.h>

/* A 10 x 10 square with a 2 x 2 hole at (4..6, 4..6), plus a second part,
 * the square (20..22, 0..2). The outer ring repeats its first point; the
 * others do not. */
static WaGeometry *
square_with_hole_and_island (void)
{
  static const double xy[] = {
    0, 0,  10, 0,  10, 10,  0, 10,  0, 0,
    4, 4,  4, 6,  6, 6,  6, 4,
    20, 0,  22, 0,  22, 2,  20, 2,
  };
  static const guint starts[] = { 0, 5, 9 };

  return wa_geometry_new (xy, G_N_ELEMENTS (xy) / 2, starts, G_N_ELEMENTS (starts));
}

static void
test_bbox (void)
{
  WaBBox a, b = { 5, 5, 15, 15 }, c = { 11, 11, 12, 12 }, empty;

  wa_bbox_init_empty (&empty);
  g_assert_false (wa_bbox_contains (&empty, 0, 0));
  g_assert_false (wa_bbox_intersects (&empty, &b));

  a = empty;
  wa_bbox_extend (&a, &(WaBBox) { 0, 0, 10, 10 });
  g_assert_cmpfloat (a.min_x, ==, 0);
  g_assert_cmpfloat (a.max_y, ==, 10);
  g_assert_true (wa_bbox_contains (&a, 10, 10));
  g_assert_false (wa_bbox_contains (&a, 10.001, 5));
  g_assert_true (wa_bbox_intersects (&a, &b));
  g_assert_false (wa_bbox_intersects (&a, &c));
  wa_bbox_extend (&a, &c);
  g_assert_cmpfloat (a.max_x, ==, 12);
}

static void
test_accessors (void)
{
  g_autoptr(WaGeometry) geometry = square_with_hole_and_island ();
  const WaBBox *box = wa_geometry_get_bbox (geometry);
  const double *ring;
  guint n;

  g_assert_cmpuint (wa_geometry_get_n_rings (geometry), ==, 3);
  g_assert_cmpuint (wa_geometry_get_n_points (geometry), ==, 13);
  ring = wa_geometry_get_ring (geometry, 1, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat (ring[0], ==, 4);
  ring = wa_geometry_get_ring (geometry, 2, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat (ring[0], ==, 20);
  g_assert_cmpfloat (box->min_x, ==, 0);
  g_assert_cmpfloat (box->max_x, ==, 22);
  g_assert_cmpfloat (box->max_y, ==, 10);

  /* 100 - 4 (hole) + 4 (island). */
  g_assert_cmpfloat_with_epsilon (wa_geometry_area (geometry), 100.0, 1e-9);

  /* ref/unref keep it alive. */
  wa_geometry_unref (wa_geometry_ref (geometry));
  g_assert_cmpuint (wa_geometry_get_n_rings (geometry), ==, 3);
}

static void
test_contains (void)
{
  g_autoptr(WaGeometry) geometry = square_with_hole_and_island ();

  g_assert_true (wa_geometry_contains (geometry, 1, 1));           /* inside */
  g_assert_true (wa_geometry_contains (geometry, 9.5, 5));
  g_assert_false (wa_geometry_contains (geometry, -1, 5));         /* outside, left */
  g_assert_false (wa_geometry_contains (geometry, 15, 1));         /* between the parts */
  g_assert_false (wa_geometry_contains (geometry, 5, 11));         /* above */
  g_assert_false (wa_geometry_contains (geometry, 5, 5));          /* in the hole */
  g_assert_true (wa_geometry_contains (geometry, 21, 1));          /* second part */
  g_assert_false (wa_geometry_contains (geometry, 21, 3));
  /* On edges and vertices: inside. */
  g_assert_true (wa_geometry_contains (geometry, 5, 0));           /* bottom edge */
  g_assert_true (wa_geometry_contains (geometry, 10, 7.25));       /* right edge */
  g_assert_true (wa_geometry_contains (geometry, 0, 3));           /* left edge */
  g_assert_true (wa_geometry_contains (geometry, 0, 0));           /* vertex */
  g_assert_true (wa_geometry_contains (geometry, 10, 10));         /* vertex */
  g_assert_true (wa_geometry_contains (geometry, 4, 5));           /* hole edge */
  g_assert_true (wa_geometry_contains (geometry, 6, 6));           /* hole vertex */
  g_assert_true (wa_geometry_contains (geometry, 22, 2));          /* island vertex */
  /* Just off an edge: not inside. */
  g_assert_false (wa_geometry_contains (geometry, 10.000001, 5));
  g_assert_false (wa_geometry_contains (geometry, NAN, 5));
}

static void
test_contains_slanted_edge (void)
{
  static const double xy[] = { 0, 0, 3, 1, 0, 2 };
  static const guint starts[] = { 0 };
  g_autoptr(WaGeometry) triangle = wa_geometry_new (xy, 3, starts, 1);

  /* (0.3, 0.1) lies on the slanted edge (0,0)-(3,1), not exactly representable. */
  g_assert_true (wa_geometry_contains (triangle, 0.3, 0.1));
  g_assert_true (wa_geometry_contains (triangle, 1, 1));
  g_assert_false (wa_geometry_contains (triangle, 2.9, 1.5));
  g_assert_false (wa_geometry_contains (triangle, 1, 0.2));
  g_assert_cmpfloat_with_epsilon (wa_geometry_area (triangle), 3.0, 1e-12);
}

static void
test_interior_point_c_shape (void)
{
  /* A "C": the bbox middle (5, 5) is in the open notch, and so is the
   * centroid of the bounding box. */
  static const double xy[] = {
    0, 0,  10, 0,  10, 3,  3, 3,  3, 7,  10, 7,  10, 10,  0, 10,
  };
  static const guint starts[] = { 0 };
  g_autoptr(WaGeometry) geometry = wa_geometry_new (xy, G_N_ELEMENTS (xy) / 2, starts, 1);
  double x, y;

  g_assert_false (wa_geometry_contains (geometry, 5, 5));
  wa_geometry_interior_point (geometry, &x, &y);
  g_assert_true (wa_geometry_contains (geometry, x, y));
  /* Not on the boundary: well inside one of the arms or the spine. */
  g_assert_true (wa_geometry_contains (geometry, x + 0.1, y + 0.1));
  g_assert_true (wa_geometry_contains (geometry, x - 0.1, y - 0.1));
}

static void
test_interior_point_hole (void)
{
  g_autoptr(WaGeometry) geometry = square_with_hole_and_island ();
  double x, y;

  wa_geometry_interior_point (geometry, &x, &y);
  g_assert_true (wa_geometry_contains (geometry, x, y));
  /* The largest part holds the point, clear of the hole. */
  g_assert_cmpfloat (x, <, 10);
  g_assert_false (x >= 4 && x <= 6 && y >= 4 && y <= 6);
}

static void
test_from_ogr (void)
{
  OGRGeometryH multi = NULL, point = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WaGeometry) geometry = NULL;
  WaGeometry *bad;
  char *wkt = (char *) "MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 4 6, 6 6, 6 4, 4 4)),"
                       " ((20 0, 22 0, 22 2, 20 2, 20 0)))";
  char *point_wkt = (char *) "POINT (1 2)";

  g_assert_cmpint (OGR_G_CreateFromWkt (&wkt, NULL, &multi), ==, OGRERR_NONE);
  geometry = wa_geometry_new_from_ogr (multi, &error);
  g_assert_no_error (error);
  g_assert_nonnull (geometry);
  g_assert_cmpuint (wa_geometry_get_n_rings (geometry), ==, 3);
  g_assert_cmpuint (wa_geometry_get_n_points (geometry), ==, 15);
  g_assert_true (wa_geometry_contains (geometry, 1, 1));
  g_assert_false (wa_geometry_contains (geometry, 5, 5));
  g_assert_true (wa_geometry_contains (geometry, 21, 1));
  g_assert_cmpfloat_with_epsilon (wa_geometry_area (geometry), 100.0, 1e-9);
  OGR_G_DestroyGeometry (multi);

  g_assert_cmpint (OGR_G_CreateFromWkt (&point_wkt, NULL, &point), ==, OGRERR_NONE);
  bad = wa_geometry_new_from_ogr (point, &error);
  g_assert_null (bad);
  g_assert_error (error, WA_ERROR, WA_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "Point"));
  OGR_G_DestroyGeometry (point);

  g_clear_error (&error);
  g_assert_null (wa_geometry_new_from_ogr (NULL, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_MISSING);
}

static void
test_mercator (void)
{
  static const double points[][2] = {
    { 0, 0 }, { -0.1276, 51.5072 }, { -2.2426, 53.4808 }, { 179.9, -60 }, { -179.9, 80 },
  };
  double x, y, lon, lat;

  wa_lonlat_to_mercator (0, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 0.5, 1e-12);

  wa_lonlat_to_mercator (-180, 85.0511, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 0.0, 1e-6);

  /* Latitudes beyond the Web Mercator limit are clamped, not infinite. */
  wa_lonlat_to_mercator (0, 90, &x, &y);
  g_assert_true (isfinite (y));
  g_assert_cmpfloat_with_epsilon (y, 0.0, 1e-6);
  wa_lonlat_to_mercator (0, -90, &x, &y);
  g_assert_cmpfloat_with_epsilon (y, 1.0, 1e-6);

  /* y grows southwards: Manchester (north-west of London) has smaller x and y. */
  {
    double lx, ly, mx, my;
    wa_lonlat_to_mercator (-0.1276, 51.5072, &lx, &ly);
    wa_lonlat_to_mercator (-2.2426, 53.4808, &mx, &my);
    g_assert_cmpfloat (my, <, ly);
    g_assert_cmpfloat (mx, <, lx);
  }

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      wa_lonlat_to_mercator (points[i][0], points[i][1], &x, &y);
      g_assert_cmpfloat (x, >=, 0);
      g_assert_cmpfloat (x, <=, 1);
      g_assert_cmpfloat (y, >=, 0);
      g_assert_cmpfloat (y, <=, 1);
      wa_mercator_to_lonlat (x, y, &lon, &lat);
      g_assert_cmpfloat_with_epsilon (lon, points[i][0], 1e-9);
      g_assert_cmpfloat_with_epsilon (lat, points[i][1], 1e-9);
    }
}

/* Squared distance to a segment: across it inside its span, to the
 * nearer end beyond it, to the point itself when it has no length. */
static void
test_point_segment_distance (void)
{
  const double a[2] = { 0, 0 }, b[2] = { 4, 0 };

  g_assert_cmpfloat (wa_point_segment_distance2 ((double[]) { 1, 3 }, a, b), ==, 9);
  g_assert_cmpfloat (wa_point_segment_distance2 ((double[]) { 7, 4 }, a, b), ==, 25);
  g_assert_cmpfloat (wa_point_segment_distance2 ((double[]) { -3, -4 }, a, b), ==, 25);
  g_assert_cmpfloat (wa_point_segment_distance2 ((double[]) { 2, 0 }, a, b), ==, 0);
  g_assert_cmpfloat (wa_point_segment_distance2 ((double[]) { 3, 4 }, a, a), ==, 25);
}

/* The cover of lines is what a round-capped stroke of width 2r covers:
 * inside within r of a line, outside beyond it, overlapping lines joined
 * into one polygon, lines far apart kept apart; at the tiny sizes of Web
 * Mercator units as well as at unit sizes. */
static void
check_lines_cover (double unit)
{
  /* Two parallel lines 0.5 apart (one polygon with r = 1), and a bent
   * line far away (its own polygon). */
  const double xy[] = { 0, 0, 10, 0,   0, 0.5, 10, 0.5,   30, 0, 40, 0, 40, 10 };
  const guint n_points[] = { 2, 2, 3 };
  double scaled[G_N_ELEMENTS (xy)];
  g_autoptr(GError) error = NULL;
  WaGeometry *cover;
  static const struct { double x, y; gboolean inside; } probes[] = {
    { 5, 0.25, TRUE }, { 5, -0.95, TRUE }, { 5, 1.45, TRUE }, { 5, -1.05, FALSE },
    { 5, 1.55, FALSE }, { -0.9, 0.25, TRUE }, { -1.1, 0, FALSE }, { 10.6, 0.9, TRUE },
    { 20, 0, FALSE }, { 40.7, 10.7, TRUE }, { 40.8, 10.8, FALSE }, { 39.05, 5, TRUE },
    { 38.9, 5, FALSE }, { 38.5, 1.5, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (xy); i++)
    scaled[i] = xy[i] * unit;
  cover = wa_geometry_new_lines_cover (scaled, n_points, G_N_ELEMENTS (n_points), unit, 8, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cover);
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      g_test_message ("probe %g, %g", probes[i].x, probes[i].y);
      g_assert_cmpint (wa_geometry_contains (cover, probes[i].x * unit, probes[i].y * unit), ==,
                       probes[i].inside);
    }
  /* Two outer rings and no holes: the parallel lines make one polygon. */
  g_assert_cmpuint (wa_geometry_get_n_rings (cover), ==, 2);
  /* Area: the pair's 10 x 0.5 rectangle grown by 1 (5 + 21 + pi), the
   * bent line 20 x 2 with its caps and the join's quarter disc, less the
   * square where its two arms overlap (40 + pi + pi / 4 - 1), to the arcs'
   * polygons (within 0.1). */
  g_assert_cmpfloat_with_epsilon (wa_geometry_area (cover) / (unit * unit),
                                  26 + G_PI + 40 + G_PI + G_PI / 4 - 1, 0.1);
  wa_geometry_unref (cover);
}

static void
test_lines_cover (void)
{
  check_lines_cover (1.0);
  check_lines_cover (1.4e-5);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/geometry/point-segment-distance", test_point_segment_distance);
  g_test_add_func ("/geometry/bbox", test_bbox);
  g_test_add_func ("/geometry/accessors", test_accessors);
  g_test_add_func ("/geometry/contains", test_contains);
  g_test_add_func ("/geometry/contains-slanted-edge", test_contains_slanted_edge);
  g_test_add_func ("/geometry/interior-point/c-shape", test_interior_point_c_shape);
  g_test_add_func ("/geometry/interior-point/hole", test_interior_point_hole);
  g_test_add_func ("/geometry/from-ogr", test_from_ogr);
  g_test_add_func ("/geometry/mercator", test_mercator);
  g_test_add_func ("/geometry/lines-cover", test_lines_cover);

  return g_test_run ();
}
