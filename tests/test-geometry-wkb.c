/* test-geometry-wkb.c: wa_geometry_new_from_wkb (the GDAL-free decoder the
 * lazy pack queries use) gives exactly the rings and points that the OGR
 * conversion gives, in every WKB variant OGR writes; bad input is an error. */
#include "wa-test-fixtures.h"

#include <string.h>
#include <ogr_api.h>

static const char *shapes[] = {
  "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 4 6, 6 6, 6 4, 4 4))",
  ("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 4 6, 6 6, 6 4, 4 4)),"
   " ((20 0, 22 0, 22 2.5, 20 2, 20 0)))"),
  "MULTIPOLYGON Z (((-1.5 51.25 3, -1.25 51.25 3, -1.25 51.5 4, -1.5 51.25 3)))",
  "POLYGON M ((0 0 7, 1 0 7, 1 1 7, 0 0 7))",
  "POLYGON ZM ((0 0 7 8, 1 0 7 8, 1 1 7 8, 0 0 7 8))",
  "GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 1, 0 0)), MULTIPOLYGON (((5 5, 6 5, 6 6, 5 5))))",
};

/* The shape decoded through OGR and from its WKB in the given order and
 * variant: the same geometry. */
static void
check_shape (const char *text, OGRwkbByteOrder order, OGRwkbVariant variant)
{
  char *wkt = (char *) text;
  OGRGeometryH ogr = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WaGeometry) expected = NULL;
  g_autoptr(WaGeometry) actual = NULL;
  g_autofree guint8 *wkb = NULL;
  int size;

  g_assert_cmpint (OGR_G_CreateFromWkt (&wkt, NULL, &ogr), ==, OGRERR_NONE);
  size = OGR_G_WkbSize (ogr);
  wkb = g_malloc (size);
  g_assert_cmpint (OGR_G_ExportToIsoWkb (ogr, order, wkb), ==, OGRERR_NONE);
  if (variant == wkbVariantOldOgc)
    g_assert_cmpint (OGR_G_ExportToWkb (ogr, order, wkb), ==, OGRERR_NONE);
  expected = wa_geometry_new_from_ogr (ogr, &error);
  g_assert_no_error (error);
  actual = wa_geometry_new_from_wkb (wkb, (gsize) size, &error);
  g_assert_no_error (error);
  g_assert_nonnull (actual);
  wa_test_assert_same_geometry (expected, actual);
  OGR_G_DestroyGeometry (ogr);
}

static void
test_same_as_ogr (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      check_shape (shapes[i], wkbNDR, wkbVariantIso);
      check_shape (shapes[i], wkbXDR, wkbVariantIso);
      check_shape (shapes[i], wkbNDR, wkbVariantOldOgc);
    }
}

/* Every prefix of a valid blob is refused with an error (the decoder never
 * reads past the end), and so are other types and byte orders. */
static void
test_bad_input (void)
{
  static const guint8 point[] = { 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
  static const guint8 bad_order[] = { 2, 3, 0, 0, 0, 0, 0, 0, 0 };
  char *wkt = (char *) shapes[1];
  OGRGeometryH ogr = NULL;
  g_autofree guint8 *wkb = NULL;
  int size;

  g_assert_cmpint (OGR_G_CreateFromWkt (&wkt, NULL, &ogr), ==, OGRERR_NONE);
  size = OGR_G_WkbSize (ogr);
  wkb = g_malloc (size);
  g_assert_cmpint (OGR_G_ExportToIsoWkb (ogr, wkbNDR, wkb), ==, OGRERR_NONE);
  OGR_G_DestroyGeometry (ogr);
  for (int n = 0; n < size; n++)
    {
      g_autofree guint8 *prefix = g_memdup2 (wkb, (gsize) n);   /* exact size for ASan */
      g_autoptr(GError) error = NULL;

      g_assert_null (wa_geometry_new_from_wkb (prefix, (gsize) n, &error));
      g_assert_error (error, WA_ERROR, WA_ERROR_PARSE);
    }
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (wa_geometry_new_from_wkb (point, sizeof point, &error));
    g_assert_error (error, WA_ERROR, WA_ERROR_PARSE);
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (wa_geometry_new_from_wkb (bad_order, sizeof bad_order, &error));
    g_assert_error (error, WA_ERROR, WA_ERROR_PARSE);
  }
}

/* An empty polygon is no boundary, as OGR_G_IsEmpty reads it: NULL, no error. */
static void
test_empty (void)
{
  static const guint8 empty[] = { 1, 3, 0, 0, 0, 0, 0, 0, 0 };
  g_autoptr(GError) error = NULL;

  g_assert_null (wa_geometry_new_from_wkb (empty, sizeof empty, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/geometry-wkb/same-as-ogr", test_same_as_ogr);
  g_test_add_func ("/geometry-wkb/bad-input", test_bad_input);
  g_test_add_func ("/geometry-wkb/empty", test_empty);
  return g_test_run ();
}
