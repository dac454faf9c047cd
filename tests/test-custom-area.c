/* test-custom-area.c: custom areas without a pack (issue 20, part 3):
 * boundary files of each format written here with GDAL and read back as
 * areas, what import refuses and repairs, drawn polygons, and the store of
 * saved areas with its exports. Figures: test-custom-area-real.c. */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <cpl_conv.h>
#include "ward-atlas-core.h"
#include "wa-gdal-util.h"

/* A square near Hull (lon/lat) and the same place on the British
 * National Grid. */
#define HULL_SQUARE "POLYGON ((-0.30 53.74, -0.28 53.74, -0.28 53.76, -0.30 53.76, -0.30 53.74))"
#define HULL_SQUARE_BNG "POLYGON ((510000 429000, 512000 429000, 512000 431000, 510000 431000, 510000 429000))"
#define BOWTIE "POLYGON ((-0.30 53.74, -0.28 53.76, -0.28 53.74, -0.30 53.76, -0.30 53.74))"

static char *
tmp_path (const char *name)
{
  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

/* Writes one layer of features with the driver: wkt[i] named names[i];
 * epsg 0 writes no CRS. */
static void
write_boundaries (const char *path, const char *driver_name, int epsg,
                  const char *const *wkt, const char *const *names, guint n)
{
  GDALDriverH driver;
  GDALDatasetH dataset;
  OGRSpatialReferenceH srs = epsg > 0 ? wa_gdal_srs_new (epsg) : NULL;
  OGRLayerH layer;
  OGRFieldDefnH field;

  wa_gdal_init ();
  driver = GDALGetDriverByName (driver_name);
  g_assert_nonnull (driver);
  dataset = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (dataset);
  layer = GDALDatasetCreateLayer (dataset, "boundaries", srs, wkbUnknown, NULL);
  g_assert_nonnull (layer);
  field = OGR_Fld_Create ("Name", OFTString);
  OGR_L_CreateField (layer, field, TRUE);
  OGR_Fld_Destroy (field);
  field = OGR_Fld_Create ("ref", OFTString);
  OGR_L_CreateField (layer, field, TRUE);
  OGR_Fld_Destroy (field);
  for (guint i = 0; i < n; i++)
    {
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH geometry = NULL;
      char *text = (char *) wkt[i];
      g_autofree char *ref = g_strdup_printf ("R%u", i);

      g_assert_cmpint (OGR_G_CreateFromWkt (&text, NULL, &geometry), ==, OGRERR_NONE);
      OGR_F_SetFieldString (feature, 0, names[i]);
      OGR_F_SetFieldString (feature, 1, ref);
      OGR_F_SetGeometryDirectly (feature, geometry);
      g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);
  if (srs != NULL)
    OSRDestroySpatialReference (srs);
}

static void
remove_dataset (const char *path)
{
  static const char *const suffixes[] = { ".shp", ".shx", ".dbf", ".prj", ".cpg" };

  if (g_str_has_suffix (path, ".shp"))
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *stem = g_strndup (path, strlen (path) - 4);
        g_autofree char *file = g_strconcat (stem, suffixes[i], NULL);

        g_unlink (file);
      }
  g_unlink (path);
}

static GPtrArray *
import_ok (const char *path, const char *name_field)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *areas = NULL;

  g_assert_true (wa_custom_area_import (path, name_field, &areas, &error));
  g_assert_no_error (error);
  g_assert_nonnull (areas);
  return areas;
}

/* The square near Hull, wherever it was written from. */
static void
assert_hull_square (WaCustomArea *area, double tolerance)
{
  const WaBBox *box = wa_geometry_get_bbox (wa_custom_area_get_geometry (area));

  g_assert_cmpint (wa_custom_area_get_kind (area), ==, WA_CUSTOM_AREA_POLYGON);
  g_assert_cmpfloat_with_epsilon (box->min_x, -0.30, tolerance);
  g_assert_cmpfloat_with_epsilon (box->max_x, -0.28, tolerance);
  g_assert_cmpfloat_with_epsilon (box->min_y, 53.74, tolerance);
  g_assert_cmpfloat_with_epsilon (box->max_y, 53.76, tolerance);
  g_assert_false (wa_custom_area_get_repaired (area));
}

static void
test_import_geojson (void)
{
  static const char *const wkt[] = { HULL_SQUARE, "MULTIPOLYGON (((-1.5 52.0, -1.4 52.0, -1.4 52.1, -1.5 52.0)))" };
  static const char *const names[] = { "Marfleet estate", "Triangle" };
  g_autofree char *path = tmp_path ("wa-test-areas.geojson");
  g_autoptr(GPtrArray) areas = NULL, by_ref = NULL;

  remove_dataset (path);
  write_boundaries (path, "GeoJSON", 4326, wkt, names, 2);
  areas = import_ok (path, NULL);
  g_assert_cmpuint (areas->len, ==, 2);
  g_assert_cmpstr (wa_custom_area_get_name (areas->pdata[0]), ==, "Marfleet estate");
  g_assert_cmpstr (wa_custom_area_get_name (areas->pdata[1]), ==, "Triangle");
  g_assert_cmpstr (wa_custom_area_get_source (areas->pdata[0]), ==, path);
  assert_hull_square (areas->pdata[0], 1e-9);
  /* The name field the user picks. */
  by_ref = import_ok (path, "ref");
  g_assert_cmpstr (wa_custom_area_get_name (by_ref->pdata[1]), ==, "R1");
  /* The fields offered for that choice, and the guess import makes. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *missing = tmp_path ("wa-test-no-such-file.geojson");
    int guess = -2;
    g_auto(GStrv) fields = wa_custom_area_dup_name_fields (path, &guess, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (fields), ==, 2);
    g_assert_cmpstr (fields[0], ==, "Name");
    g_assert_cmpstr (fields[1], ==, "ref");
    g_assert_cmpint (guess, ==, 0);
    g_assert_null (wa_custom_area_dup_name_fields (missing, &guess, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "wa-test-no-such-file.geojson"));
    g_assert_cmpint (guess, ==, -1);
  }
  remove_dataset (path);
}

static void
test_import_gpkg_reprojected (void)
{
  static const char *const wkt[] = { HULL_SQUARE_BNG };
  static const char *const names[] = { "On the grid" };
  g_autofree char *path = tmp_path ("wa-test-areas-bng.gpkg");
  g_autoptr(GPtrArray) areas = NULL;
  const WaBBox *box;

  remove_dataset (path);
  write_boundaries (path, "GPKG", 27700, wkt, names, 1);
  areas = import_ok (path, "Name");
  g_assert_cmpuint (areas->len, ==, 1);
  box = wa_geometry_get_bbox (wa_custom_area_get_geometry (areas->pdata[0]));
  /* 510000 429000 on the grid is about 0.31 W, 53.73 N. */
  g_assert_cmpfloat (box->min_x, >, -0.35);
  g_assert_cmpfloat (box->max_x, <, -0.25);
  g_assert_cmpfloat (box->min_y, >, 53.70);
  g_assert_cmpfloat (box->max_y, <, 53.78);
  remove_dataset (path);
}

static void
test_import_shapefile (void)
{
  static const char *const wkt[] = { HULL_SQUARE_BNG };
  static const char *const names[] = { "Shape" };
  g_autofree char *path = tmp_path ("wa-test-areas.shp");
  g_autofree char *prj = tmp_path ("wa-test-areas.prj");
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *none = NULL;

  remove_dataset (path);
  write_boundaries (path, "ESRI Shapefile", 27700, wkt, names, 1);
  areas = import_ok (path, NULL);
  g_assert_cmpuint (areas->len, ==, 1);
  g_assert_cmpstr (wa_custom_area_get_name (areas->pdata[0]), ==, "Shape");
  /* Without its .prj a Shapefile's coordinates mean nothing. */
  g_unlink (prj);
  g_assert_false (wa_custom_area_import (path, NULL, &none, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "coordinate reference system"));
  g_assert_null (none);
  remove_dataset (path);
}

static void
test_import_kml (void)
{
  static const char *const wkt[] = { HULL_SQUARE };
  static const char *const names[] = { "From Google Earth" };
  g_autofree char *path = tmp_path ("wa-test-areas.kml");
  g_autoptr(GPtrArray) areas = NULL;

  remove_dataset (path);
  write_boundaries (path, "KML", 4326, wkt, names, 1);
  areas = import_ok (path, NULL);
  g_assert_cmpuint (areas->len, ==, 1);
  g_assert_cmpstr (wa_custom_area_get_name (areas->pdata[0]), ==, "From Google Earth");
  assert_hull_square (areas->pdata[0], 1e-6);
  remove_dataset (path);
}

static void
test_import_bowtie (void)
{
  static const char *const wkt[] = { BOWTIE };
  static const char *const names[] = { "Bowtie" };
  g_autofree char *path = tmp_path ("wa-test-bowtie.geojson");
  g_autoptr(GPtrArray) areas = NULL;
  WaCustomArea *area;

  remove_dataset (path);
  write_boundaries (path, "GeoJSON", 4326, wkt, names, 1);
  areas = import_ok (path, NULL);
  area = areas->pdata[0];
  g_assert_true (wa_custom_area_get_repaired (area));
  g_assert_nonnull (wa_custom_area_get_note (area));
  /* Two triangles of a quarter of the square each. */
  g_assert_cmpfloat_with_epsilon (wa_geometry_area (wa_custom_area_get_geometry (area)),
                                  0.02 * 0.02 / 2, 1e-9);
  remove_dataset (path);
}

static void
assert_refused (const char *path, int code, const char *words)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *areas = NULL;

  g_assert_false (wa_custom_area_import (path, NULL, &areas, &error));
  g_assert_null (areas);
  g_assert_error (error, WA_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” lacks “%s”", error->message, words);
}

static void
test_import_refused (void)
{
  static const char *const outside[] = { "POLYGON ((20 10, 21 10, 21 11, 20 10))" };
  static const char *const points[] = { "POINT (-0.3 53.7)" };
  static const char *const names[] = { "Somewhere" };
  g_autofree char *far = tmp_path ("wa-test-outside.geojson");
  g_autofree char *point = tmp_path ("wa-test-point.geojson");
  g_autofree char *empty = tmp_path ("wa-test-empty.geojson");
  g_autofree char *field = tmp_path ("wa-test-field.geojson");
  g_autoptr(GError) error = NULL;
  GPtrArray *areas = NULL;

  remove_dataset (far);
  remove_dataset (point);
  remove_dataset (field);
  write_boundaries (far, "GeoJSON", 4326, outside, names, 1);
  assert_refused (far, WA_ERROR_NOT_FOUND, "outside England");
  /* One of two outside: kept, for the figures to refuse by name. */
  remove_dataset (far);
  write_boundaries (far, "GeoJSON", 4326, (const char *const[]) { outside[0], HULL_SQUARE },
                    (const char *const[]) { "Far", "Near" }, 2);
  {
    g_autoptr(GPtrArray) both = import_ok (far, NULL);

    g_assert_cmpuint (both->len, ==, 2);
  }
  write_boundaries (point, "GeoJSON", 4326, points, names, 1);
  assert_refused (point, WA_ERROR_MISSING, "polygon");
  g_assert_true (g_file_set_contents (empty, "{\"type\": \"FeatureCollection\", \"features\": []}", -1, NULL));
  assert_refused (empty, WA_ERROR_MISSING, "empty");
  write_boundaries (field, "GeoJSON", 4326, (const char *const[]) { HULL_SQUARE }, names, 1);
  g_assert_false (wa_custom_area_import (field, "ward_name", &areas, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, "ward_name"));
  g_assert_nonnull (strstr (error->message, "“Name”"));
  remove_dataset (far);
  remove_dataset (point);
  remove_dataset (empty);
  remove_dataset (field);
}

/* More than a million vertices is refused before any work on them. A
 * Shapefile, because GDAL reads its binary records quickly. */
static void
test_import_huge (void)
{
  const int n = WA_CUSTOM_AREA_MAX_VERTICES + 2;
  g_autofree char *path = tmp_path ("wa-test-huge.shp");
  g_autofree double *x = g_new (double, n), *y = g_new (double, n);
  OGRSpatialReferenceH srs = wa_gdal_srs_new (4326);
  GDALDatasetH dataset;
  OGRLayerH layer;
  OGRFeatureH feature;
  OGRGeometryH polygon, ring;

  remove_dataset (path);
  for (int i = 0; i < n - 1; i++)
    {
      double angle = 2 * G_PI * i / (n - 1);

      x[i] = -0.3 + 0.01 * cos (angle);
      y[i] = 53.75 + 0.01 * sin (angle);
    }
  x[n - 1] = x[0];
  y[n - 1] = y[0];
  dataset = GDALCreate (GDALGetDriverByName ("ESRI Shapefile"), path, 0, 0, 0, GDT_Unknown, NULL);
  layer = GDALDatasetCreateLayer (dataset, "huge", srs, wkbPolygon, NULL);
  feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  polygon = OGR_G_CreateGeometry (wkbPolygon);
  ring = OGR_G_CreateGeometry (wkbLinearRing);
  OGR_G_SetPoints (ring, n, x, sizeof (double), y, sizeof (double), NULL, 0);
  OGR_G_AddGeometryDirectly (polygon, ring);
  OGR_F_SetGeometryDirectly (feature, polygon);
  g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
  OGR_F_Destroy (feature);
  GDALClose (dataset);
  OSRDestroySpatialReference (srs);
  assert_refused (path, WA_ERROR_INVALID, "vertices");
  remove_dataset (path);
}

static void
test_drawn_polygon (void)
{
  static const double square[] = { -0.30, 53.74, -0.28, 53.74, -0.28, 53.76, -0.30, 53.76 };
  static const double bowtie[] = { -0.30, 53.74, -0.28, 53.76, -0.28, 53.74, -0.30, 53.76 };
  static const double line[] = { -0.30, 53.74, -0.29, 53.74, -0.28, 53.74 };
  static const guint start = 0;
  g_autoptr(WaGeometry) g1 = wa_geometry_new (square, 4, &start, 1);
  g_autoptr(WaGeometry) g2 = wa_geometry_new (bowtie, 4, &start, 1);
  g_autoptr(WaGeometry) g3 = wa_geometry_new (line, 3, &start, 1);
  g_autoptr(WaCustomArea) a1 = wa_custom_area_new_polygon ("Drawn", g1, NULL);
  g_autoptr(WaCustomArea) a2 = wa_custom_area_new_polygon ("Crossed", g2, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WaCustomArea) a3 = wa_custom_area_new_polygon ("Line", g3, &error);

  assert_hull_square (a1, 1e-12);
  g_assert_true (wa_custom_area_get_repaired (a2));
  g_assert_null (a3);
  g_assert_error (error, WA_ERROR, WA_ERROR_INVALID);
}

/* Codes are trimmed and each kept once, in order. */
/* Two squares side by side and a third apart: the shared side goes, the
 * union is one ring round the pair (no line between them) and the third's
 * own ring; a square with a hole (rings even-odd) keeps its hole. */
static void
test_dissolve (void)
{
  static const double left[] = { 0, 50, 1, 50, 1, 51, 0, 51 };
  static const double right[] = { 1, 50, 2, 50, 2, 51, 1, 51 };
  static const double apart[] = { 5, 50, 6, 50, 6, 51, 5, 51 };
  static const double holed[] = { 10, 50, 13, 50, 13, 53, 10, 53,
                                  11, 51, 12, 51, 12, 52, 11, 52 };
  static const guint one[] = { 0 }, two[] = { 0, 4 };
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) wa_geometry_unref);
  g_autoptr(WaGeometry) joined = NULL, with_hole = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  g_ptr_array_add (parts, wa_geometry_new (left, 4, one, 1));
  g_ptr_array_add (parts, wa_geometry_new (right, 4, one, 1));
  g_ptr_array_add (parts, wa_geometry_new (apart, 4, one, 1));
  joined = wa_geometry_dissolve (parts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wa_geometry_get_n_rings (joined), ==, 2);
  g_assert_cmpfloat_with_epsilon (wa_geometry_area (joined),
                                  wa_geometry_area (parts->pdata[0]) + wa_geometry_area (parts->pdata[1])
                                  + wa_geometry_area (parts->pdata[2]), 1e-9);
  /* No vertex of the pair's ring lies inside the pair: x = 1 only at its edges. */
  for (guint r = 0; r < 2; r++)
    {
      const double *xy = wa_geometry_get_ring (joined, r, &n);

      for (guint i = 0; i < n; i++)
        g_assert_true (xy[2 * i + 1] == 50 || xy[2 * i + 1] == 51);
    }
  g_assert_true (wa_geometry_contains (joined, 1, 50.5));

  g_ptr_array_set_size (parts, 0);
  g_ptr_array_add (parts, wa_geometry_new (holed, 8, two, 2));
  with_hole = wa_geometry_dissolve (parts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wa_geometry_get_n_rings (with_hole), ==, 2);
  g_assert_false (wa_geometry_contains (with_hole, 11.5, 51.5));
  g_assert_true (wa_geometry_contains (with_hole, 10.5, 50.5));

  g_ptr_array_set_size (parts, 0);
  g_assert_null (wa_geometry_dissolve (parts, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_MISSING);
}

static void
test_sets (void)
{
  static const char *const given[] = { "E05011536", " E05011537 ", "", "E05011536", "E05011537", NULL };
  static const char *const kept[] = { "E05011536", "E05011537", NULL };
  g_autoptr(WaCustomArea) wards = wa_custom_area_new_wards ("Two", given);
  g_autoptr(WaCustomArea) lsoas = wa_custom_area_new_lsoas (NULL, kept);

  g_assert_true (g_strv_equal (wa_custom_area_get_codes (wards), kept));
  g_assert_cmpint (wa_custom_area_get_kind (lsoas), ==, WA_CUSTOM_AREA_LSOAS);
  g_assert_cmpstr (wa_custom_area_get_name (lsoas), ==, "Unnamed area");
  g_assert_null (wa_custom_area_get_geometry (wards));
  g_assert_null (wa_custom_area_get_wkb (wards));
  g_assert_cmpstr (wa_custom_area_get_id (wards), !=, wa_custom_area_get_id (lsoas));
}

static gboolean
same_wkb (WaCustomArea *a, WaCustomArea *b)
{
  return g_bytes_equal (wa_custom_area_get_wkb (a), wa_custom_area_get_wkb (b));
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_store (void)
{
  static const char *const wards[] = { "E05011536", "E05011537", NULL };
  static const char *const lsoas[] = { "E01012841", NULL };
  static const double square[] = { -0.30, 53.74, -0.28, 53.74, -0.28, 53.76, -0.30, 53.76 };
  static const guint start = 0;
  g_autofree char *dir = g_dir_make_tmp ("wa-test-areas-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sub", "areas.gpkg", NULL);
  g_autoptr(WaGeometry) geometry = wa_geometry_new (square, 4, &start, 1);
  g_autoptr(WaCustomArea) a = wa_custom_area_new_wards ("East Hull", wards);
  g_autoptr(WaCustomArea) b = wa_custom_area_new_lsoas ("One LSOA", lsoas);
  g_autoptr(WaCustomArea) c = wa_custom_area_new_polygon ("Drawn", geometry, NULL);
  g_autoptr(GPtrArray) loaded = NULL, renamed = NULL, deleted = NULL;
  g_autoptr(GError) error = NULL;

  g_autofree char *default_path = NULL;

  g_setenv ("WARD_ATLAS_AREAS_FILE", path, TRUE);
  default_path = wa_custom_areas_default_path ();
  g_assert_cmpstr (default_path, ==, path);
  loaded = wa_custom_areas_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 0);
  g_clear_pointer (&loaded, g_ptr_array_unref);

  g_assert_true (wa_custom_areas_save (path, a, &error));
  g_assert_true (wa_custom_areas_save (path, b, &error));
  g_assert_true (wa_custom_areas_save (path, c, &error));
  /* Saving again replaces, never duplicates. */
  g_assert_true (wa_custom_areas_save (path, a, &error));
  g_assert_no_error (error);
  loaded = wa_custom_areas_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 3);
  g_assert_cmpstr (wa_custom_area_get_id (loaded->pdata[0]), ==, wa_custom_area_get_id (a));
  g_assert_cmpstr (wa_custom_area_get_name (loaded->pdata[0]), ==, "East Hull");
  g_assert_cmpint (wa_custom_area_get_kind (loaded->pdata[0]), ==, WA_CUSTOM_AREA_WARDS);
  g_assert_true (g_strv_equal (wa_custom_area_get_codes (loaded->pdata[0]), wards));
  g_assert_cmpint (wa_custom_area_get_kind (loaded->pdata[1]), ==, WA_CUSTOM_AREA_LSOAS);
  g_assert_true (g_strv_equal (wa_custom_area_get_codes (loaded->pdata[1]), lsoas));
  g_assert_cmpint (wa_custom_area_get_kind (loaded->pdata[2]), ==, WA_CUSTOM_AREA_POLYGON);
  g_assert_true (same_wkb (loaded->pdata[2], c));

  g_assert_true (wa_custom_areas_rename (path, wa_custom_area_get_id (b), "Renamed", &error));
  renamed = wa_custom_areas_load (path, &error);
  g_assert_cmpstr (wa_custom_area_get_name (renamed->pdata[1]), ==, "Renamed");
  g_assert_false (wa_custom_areas_rename (path, "no-such-id", "X", &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (wa_custom_areas_delete (path, wa_custom_area_get_id (a), &error));
  deleted = wa_custom_areas_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deleted->len, ==, 2);
  g_assert_cmpstr (wa_custom_area_get_id (deleted->pdata[0]), ==, wa_custom_area_get_id (b));
  /* Only the store itself is left: no temporary file. */
  {
    g_autofree char *sub = g_path_get_dirname (path);

    g_assert_cmpuint (count_files (sub), ==, 1);
    g_unlink (path);
    g_rmdir (sub);
    g_rmdir (dir);
  }
  g_unsetenv ("WARD_ATLAS_AREAS_FILE");
}

/* A damaged store is named and left alone. */
static void
test_store_damaged (void)
{
  g_autofree char *path = tmp_path ("wa-test-areas-damaged.gpkg");
  g_autoptr(WaCustomArea) a = wa_custom_area_new_wards ("A", (const char *const[]) { "E05011536", NULL });
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (path, "not a geopackage", -1, NULL));
  g_assert_null (wa_custom_areas_load (path, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_assert_false (wa_custom_areas_save (path, a, &error));
  g_assert_nonnull (error);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "not a geopackage");
  g_unlink (path);
}

static void
test_export (void)
{
  static const double square[] = { -0.30, 53.74, -0.28, 53.74, -0.28, 53.76, -0.30, 53.76 };
  static const guint start = 0;
  g_autoptr(WaGeometry) geometry = wa_geometry_new (square, 4, &start, 1);
  g_autoptr(WaCustomArea) area = wa_custom_area_new_polygon ("Exported", geometry, NULL);
  g_autofree char *json = tmp_path ("wa-test-export.geojson");
  g_autofree char *gpkg = tmp_path ("wa-test-export.gpkg");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) from_json = NULL, from_gpkg = NULL;
  g_autofree char *text = NULL;

  g_unlink (json);
  g_unlink (gpkg);
  g_assert_true (wa_custom_area_export (area, json, WA_CUSTOM_AREA_EXPORT_GEOJSON, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (wa_custom_area_export (area, gpkg, WA_CUSTOM_AREA_EXPORT_GPKG, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (json, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"Exported\""));
  from_json = import_ok (json, NULL);
  from_gpkg = import_ok (gpkg, NULL);
  g_assert_cmpstr (wa_custom_area_get_name (from_json->pdata[0]), ==, "Exported");
  assert_hull_square (from_json->pdata[0], 1e-9);
  g_assert_true (same_wkb (from_gpkg->pdata[0], area));
  /* An existing file is not replaced unless asked. */
  g_assert_false (wa_custom_area_export (area, json, WA_CUSTOM_AREA_EXPORT_GEOJSON, FALSE, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_IO);
  g_clear_error (&error);
  g_assert_true (wa_custom_area_export (area, json, WA_CUSTOM_AREA_EXPORT_GEOJSON, TRUE, &error));
  /* A set has no outline of its own: its codes are its definition. */
  {
    g_autoptr(WaCustomArea) set = wa_custom_area_new_wards ("Set", (const char *const[]) { "E05011536", "E05011537", NULL });
    g_autofree char *set_text = NULL;

    g_assert_true (wa_custom_area_export (set, json, WA_CUSTOM_AREA_EXPORT_GEOJSON, TRUE, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (json, &set_text, NULL, NULL));
    g_assert_nonnull (strstr (set_text, "E05011536,E05011537"));
    g_assert_nonnull (strstr (set_text, "\"geometry\": null"));
  }
  g_unlink (json);
  g_unlink (gpkg);
}

/* Saved areas in the search box: folded names, the start of any word,
 * never the middle of one, in the areas' order, at most limit. */
static void
test_search (void)
{
  const char *codes[] = { "E05011536", NULL };
  g_autoptr(GPtrArray) areas = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) found = NULL;
  WaSearchResult *r;

  g_ptr_array_add (areas, wa_custom_area_new_wards ("St. Andrew's Estate", codes));
  g_ptr_array_add (areas, wa_custom_area_new_wards ("East Hull", codes));
  g_ptr_array_add (areas, wa_custom_area_new_wards ("Hull Fair", codes));

  found = wa_custom_areas_search (areas, "saint andrews", 10);
  g_assert_cmpuint (found->len, ==, 1);
  r = g_ptr_array_index (found, 0);
  g_assert_cmpint (r->kind, ==, WA_SEARCH_CUSTOM_AREA);
  g_assert_cmpstr (r->title, ==, "St. Andrew's Estate");
  g_assert_cmpstr (r->code, ==, wa_custom_area_get_id (g_ptr_array_index (areas, 0)));
  g_assert_cmpstr (r->context, ==, "your area of 1 ward");
  g_assert_false (r->has_bbox);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = wa_custom_areas_search (areas, "HULL", 10);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (((WaSearchResult *) found->pdata[0])->title, ==, "East Hull");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = wa_custom_areas_search (areas, "hull", 1);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = wa_custom_areas_search (areas, "ull", 10);     /* not a word's start */
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = wa_custom_areas_search (areas, "  ", 10);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = wa_custom_areas_search (NULL, "hull", 10);
  g_assert_cmpuint (found->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/custom-area/search", test_search);
  g_test_add_func ("/custom-area/import/geojson", test_import_geojson);
  g_test_add_func ("/custom-area/import/gpkg-reprojected", test_import_gpkg_reprojected);
  g_test_add_func ("/custom-area/import/shapefile", test_import_shapefile);
  g_test_add_func ("/custom-area/import/kml", test_import_kml);
  g_test_add_func ("/custom-area/import/bowtie-repaired", test_import_bowtie);
  g_test_add_func ("/custom-area/import/refused", test_import_refused);
  g_test_add_func ("/custom-area/import/huge", test_import_huge);
  g_test_add_func ("/custom-area/drawn-polygon", test_drawn_polygon);
  g_test_add_func ("/custom-area/sets", test_sets);
  g_test_add_func ("/custom-area/dissolve", test_dissolve);
  g_test_add_func ("/custom-area/store", test_store);
  g_test_add_func ("/custom-area/store-damaged", test_store_damaged);
  g_test_add_func ("/custom-area/export", test_export);
  return g_test_run ();
}
