/* test-gdal-util.c: the GDAL helpers under the builder and the atlas:
 * tables read as text whatever they look like, strict number readers,
 * Windows-1252 names made UTF-8, errors that name the file (and layer
 * and column), GDAL's messages kept per thread, a reading loop that ends
 * on a repeated feature (and the guard of ids behind it), longitude-first
 * coordinates, and the durable rename behind every file the app writes. */
#include <string.h>
#include <glib/gstdio.h>
#include <cpl_error.h>

#include "wa-gdal-util.h"
#include "wa-test-fixtures.h"

static void
assert_message_has (const GError *error, const char *text)
{
  g_assert_nonnull (error);
  if (strstr (error->message, text) == NULL)
    g_error ("“%s” not in “%s”", text, error->message);
}

/* Codes with leading zeros and numbers stay text; a .tsv is read with
 * tabs; gzip is read through. */
static void
test_open_table (WaTestDir *f, gconstpointer data)
{
  const struct { const char *name, *text, *format; } tables[] = {
    { "codes.csv", "code,count\n0123,7\n", NULL },
    { "codes.tsv", "code\tcount\n0123\t7\n", NULL },
    { "codes.txt", "code;count\n0123;7\n", "csv" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *path = wa_test_write_file (f->path, tables[i].name, tables[i].text);
      g_autoptr(GError) error = NULL;
      GDALDatasetH dataset = wa_gdal_open_table (path, tables[i].format, &error);
      OGRLayerH layer;
      OGRFeatureH feature;
      int code, count;

      g_assert_no_error (error);
      g_assert_nonnull (dataset);
      layer = wa_gdal_get_layer (dataset, path, NULL, &error);
      g_assert_no_error (error);
      code = wa_gdal_field_index (layer, path, "code", &error);
      g_assert_no_error (error);
      count = wa_gdal_field_index (layer, path, "count", &error);
      g_assert_no_error (error);
      g_assert_cmpint (OGR_Fld_GetType (OGR_FD_GetFieldDefn (OGR_L_GetLayerDefn (layer), count)), ==, OFTString);
      feature = OGR_L_GetNextFeature (layer);
      g_assert_nonnull (feature);
      g_assert_cmpstr (wa_gdal_field_string (feature, code), ==, "0123");
      g_assert_cmpstr (wa_gdal_field_string (feature, count), ==, "7");
      OGR_F_Destroy (feature);
      GDALClose (dataset);
    }
}

/* A headerless table's columns are field_1, ...; the manifest may write
 * them field1. */
static void
test_headerless (WaTestDir *f, gconstpointer data)
{
  g_autofree char *path = wa_test_write_file (f->path, "bare.csv", "E05000001,12\nE05000002,13\n");
  g_autoptr(GError) error = NULL;
  GDALDatasetH dataset = wa_gdal_open_table (path, "csv-noheader", &error);
  OGRLayerH layer;
  g_autoptr(WaFeatureGuard) seen = NULL;
  OGRFeatureH feature;
  gint64 value = 0;
  int second;

  g_assert_no_error (error);
  layer = wa_gdal_get_layer (dataset, path, NULL, &error);
  g_assert_cmpint (wa_gdal_field_index (layer, path, "field1", &error), ==, 0);
  second = wa_gdal_field_index (layer, path, "field_2", &error);
  g_assert_cmpint (second, ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (wa_gdal_field_index (layer, path, "field3", &error), <, 0);
  assert_message_has (error, "no column “field3”");
  feature = wa_gdal_next_feature (layer, &seen);
  g_assert_true (wa_gdal_field_int64 (feature, second, &value));
  g_assert_cmpint (value, ==, 12);
  OGR_F_Destroy (feature);
  GDALClose (dataset);
}

static void
test_open_errors (WaTestDir *f, gconstpointer data)
{
  g_autofree char *missing = g_build_filename (f->path, "missing.csv", NULL);
  g_autofree char *empty = wa_test_write_file (f->path, "empty.csv", "");
  g_autofree char *good = wa_test_write_file (f->path, "good.csv", "a,b\n1,2\n");
  g_autofree char *fake = wa_test_write_file (f->path, "fake.gpkg", "not a GeoPackage at all\n");
  g_autoptr(GError) error = NULL;

  g_assert_null (wa_gdal_open_table (missing, NULL, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_IO);
  assert_message_has (error, missing);
  g_clear_error (&error);

  g_assert_null (wa_gdal_open_table (empty, NULL, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_PARSE);
  assert_message_has (error, "empty");
  g_clear_error (&error);

  g_assert_null (wa_gdal_open_table (good, "xlsx", &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_INVALID);
  assert_message_has (error, "“xlsx”");
  g_clear_error (&error);

  g_assert_null (wa_gdal_open_vector (missing, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_IO);
  assert_message_has (error, "no such file");
  g_clear_error (&error);

  g_assert_null (wa_gdal_open_vector (fake, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_IO);
  assert_message_has (error, fake);
  assert_message_has (error, "cannot open as vector data");
}

/* Two layers: the caller must name one; a wrong name is reported with
 * the file. */
static void
test_get_layer (WaTestDir *f, gconstpointer data)
{
  static const char *const codes[] = { "E05000001", NULL };
  static const char *const wkts[] = { "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)))", NULL };
  g_autofree char *path = g_build_filename (f->path, "wards.gpkg", NULL);
  g_autoptr(GError) error = NULL;
  GDALDatasetH dataset;
  OGRSpatialReferenceH srs = wa_gdal_srs_new (4326);

  wa_test_write_polygons (f->path, "wards", 4326, codes, wkts);
  dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_UPDATE, NULL, NULL, NULL);
  g_assert_nonnull (GDALDatasetCreateLayer (dataset, "other", srs, wkbPoint, NULL));
  GDALClose (dataset);
  OSRDestroySpatialReference (srs);

  dataset = wa_gdal_open_vector (path, &error);
  g_assert_no_error (error);
  g_assert_null (wa_gdal_get_layer (dataset, path, NULL, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_MISSING);
  assert_message_has (error, "found 2");
  g_clear_error (&error);
  g_assert_null (wa_gdal_get_layer (dataset, path, "ward", &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_MISSING);
  assert_message_has (error, path);
  assert_message_has (error, "“ward”");
  g_clear_error (&error);
  {
    OGRLayerH layer = wa_gdal_get_layer (dataset, path, "wards", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (OGR_L_GetName (layer), ==, "wards");
    g_assert_cmpint (wa_gdal_field_index (layer, path, "population", &error), <, 0);
    g_assert_error (error, WA_ERROR, WA_ERROR_MISSING);
    assert_message_has (error, "layer “wards” has no column “population”");
  }
  GDALClose (dataset);
}

/* Numbers are read strictly: blanks trimmed, anything else rejected. */
static void
test_field_readers (WaTestDir *f, gconstpointer data)
{
  const struct { const char *text; gboolean is_double; double d; gboolean is_int; gint64 i; } cases[] = {
    { "12", TRUE, 12, TRUE, 12 },
    { " 12.5 ", TRUE, 12.5, FALSE, 0 },
    { "+7", TRUE, 7, TRUE, 7 },
    { "-3", TRUE, -3, TRUE, -3 },
    { "1e3", TRUE, 1000, FALSE, 0 },
    { "12abc", FALSE, 0, FALSE, 0 },
    { "abc", FALSE, 0, FALSE, 0 },
    { "1,5", FALSE, 0, FALSE, 0 },
    { "inf", FALSE, 0, FALSE, 0 },
    { "nan", FALSE, 0, FALSE, 0 },
    { "1e999", FALSE, 0, FALSE, 0 },
    { "9223372036854775807", TRUE, 9223372036854775807.0, TRUE, G_MAXINT64 },
    { "9223372036854775808", TRUE, 9223372036854775808.0, FALSE, 0 },
    { "", FALSE, 0, FALSE, 0 },
    { "   ", FALSE, 0, FALSE, 0 },
  };
  GString *text = g_string_new ("row,value\n");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GDALDatasetH dataset;
  OGRLayerH layer;
  OGRFeatureH feature;
  guint row = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_string_append_printf (text, "%u,\"%s\"\n", i, cases[i].text);
  path = wa_test_write_file (f->path, "values.csv", text->str);
  g_string_free (text, TRUE);
  dataset = wa_gdal_open_table (path, NULL, &error);
  g_assert_no_error (error);
  layer = GDALDatasetGetLayer (dataset, 0);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      double d = -1;
      gint64 i = -1;

      g_test_message ("“%s”", cases[row].text);
      g_assert_true (wa_gdal_field_double (feature, 1, &d) == cases[row].is_double);
      if (cases[row].is_double)
        g_assert_cmpfloat (d, ==, cases[row].d);
      else
        g_assert_cmpfloat (d, ==, -1);
      g_assert_true (wa_gdal_field_int64 (feature, 1, &i) == cases[row].is_int);
      if (cases[row].is_int)
        g_assert_cmpint (i, ==, cases[row].i);
      /* A missing column reads as no value. */
      g_assert_false (wa_gdal_field_double (feature, -1, &d));
      g_assert_false (wa_gdal_field_int64 (feature, -1, &i));
      g_assert_null (wa_gdal_field_string (feature, -1));
      OGR_F_Destroy (feature);
      row++;
    }
  g_assert_cmpuint (row, ==, G_N_ELEMENTS (cases));
  GDALClose (dataset);
}

/* A name saved by a spreadsheet in Windows-1252 reads as UTF-8; the
 * feature keeps the recoded text. */
static void
test_field_string_encoding (WaTestDir *f, gconstpointer data)
{
  g_autofree char *path = wa_test_write_file (f->path, "names.csv",
                                              "row,name\n1,Bront\xeb\n2,Caf\xc3\xa9\n3,\"\"\n");
  g_autoptr(GError) error = NULL;
  GDALDatasetH dataset = wa_gdal_open_table (path, NULL, &error);
  OGRLayerH layer = GDALDatasetGetLayer (dataset, 0);
  OGRFeatureH feature;

  g_assert_no_error (error);
  feature = OGR_L_GetNextFeature (layer);
  g_assert_cmpstr (wa_gdal_field_string (feature, 1), ==, "Brontë");
  g_assert_cmpstr (OGR_F_GetFieldAsString (feature, 1), ==, "Brontë");
  OGR_F_Destroy (feature);
  feature = OGR_L_GetNextFeature (layer);
  g_assert_cmpstr (wa_gdal_field_string (feature, 1), ==, "Café");
  OGR_F_Destroy (feature);
  feature = OGR_L_GetNextFeature (layer);
  g_assert_null (wa_gdal_field_string (feature, 1));
  OGR_F_Destroy (feature);
  GDALClose (dataset);
}

/* Reading a layer to its end works as OGR's own loop; a feature id seen
 * before ends the loop and names the layer once. */
static void
test_next_feature (WaTestDir *f, gconstpointer data)
{
  g_autofree char *path = wa_test_write_file (f->path, "rows.csv", "a,b\n1,x\n2,y\n3,z\n");
  g_autoptr(GError) error = NULL;
  GDALDatasetH dataset = wa_gdal_open_table (path, NULL, &error);
  OGRLayerH layer = GDALDatasetGetLayer (dataset, 0);
  g_autoptr(WaFeatureGuard) seen = NULL;
  OGRFeatureH feature;
  guint n = 0;
  g_autofree char *repeated = NULL;

  g_assert_no_error (error);
  g_assert_null (wa_gdal_take_repeated_layer ());
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      n++;
      OGR_F_Destroy (feature);
    }
  g_assert_cmpuint (n, ==, 3);
  g_assert_null (wa_gdal_take_repeated_layer ());

  /* The layer starting over, as a damaged pack makes it do. */
  OGR_L_ResetReading (layer);
  g_assert_null (wa_gdal_next_feature (layer, &seen));
  repeated = wa_gdal_take_repeated_layer ();
  g_assert_cmpstr (repeated, ==, OGR_L_GetName (layer));
  g_assert_null (wa_gdal_take_repeated_layer ());
  GDALClose (dataset);
}

/* The guard alone: ids in order pass once and are refused the second
 * time (through the bitmap's growth); huge and negative ids go to the
 * hash table, as do ids past the bitmap's bound, and neither side
 * mistakes one id for another. */
static void
test_feature_guard (void)
{
  const gint64 bound = WA_FEATURE_GUARD_BITMAP_IDS;
  const gint64 others[] = { G_MAXINT64 - 1, G_MAXINT64, -5, -1, G_MININT64,
                            bound - 1, bound, bound + 1, bound + 8, (gint64) 1 << 40 };
  g_autoptr(WaFeatureGuard) guard = wa_feature_guard_new ();
  const gint64 n = 100000;

  for (gint64 id = 0; id <= n; id++)
    g_assert_true (wa_feature_guard_add (guard, id));
  for (gint64 id = 0; id <= n; id++)
    g_assert_false (wa_feature_guard_add (guard, id));
  g_assert_true (wa_feature_guard_add (guard, n + 1));

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      /* None of them was taken for another before it came. */
      g_assert_true (wa_feature_guard_add (guard, others[i]));
      g_assert_false (wa_feature_guard_add (guard, others[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    g_assert_false (wa_feature_guard_add (guard, others[i]));
  /* The ids beside them were not marked on the way. */
  g_assert_true (wa_feature_guard_add (guard, bound - 2));
  g_assert_true (wa_feature_guard_add (guard, G_MAXINT64 - 2));
  g_assert_true (wa_feature_guard_add (guard, -4));
  g_assert_true (wa_feature_guard_add (guard, n + 2));
  wa_feature_guard_free (NULL);
}

static gpointer
fail_in_thread (gpointer data)
{
  char *message;

  wa_gdal_clear_message ();
  CPLError (CE_Failure, CPLE_AppDefined, "thread failure %d", 2);
  message = g_strdup (wa_gdal_last_message ());
  wa_gdal_clear_message ();
  return message;
}

/* GDAL's messages go to a buffer of the thread that raised them, not to
 * stderr; warnings count, debug output does not. */
static void
test_messages (void)
{
  g_autofree char *other = NULL;

  wa_gdal_init ();
  wa_gdal_clear_message ();
  g_assert_cmpstr (wa_gdal_last_message (), ==, "");
  CPLError (CE_Failure, CPLE_AppDefined, "main failure %d", 1);
  g_assert_cmpstr (wa_gdal_last_message (), ==, "main failure 1");

  other = g_thread_join (g_thread_new ("gdal-messages", fail_in_thread, NULL));
  g_assert_cmpstr (other, ==, "thread failure 2");
  g_assert_cmpstr (wa_gdal_last_message (), ==, "main failure 1");

  CPLDebug ("WA", "debug output");
  g_assert_cmpstr (wa_gdal_last_message (), ==, "main failure 1");
  CPLError (CE_Warning, CPLE_AppDefined, "a warning");
  g_assert_cmpstr (wa_gdal_last_message (), ==, "a warning");
  /* Damaged files put bytes in messages; they come back as UTF-8. */
  CPLError (CE_Failure, CPLE_AppDefined, "bad \xff byte");
  g_assert_true (g_utf8_validate (wa_gdal_last_message (), -1, NULL));
  g_assert_true (g_str_has_prefix (wa_gdal_last_message (), "bad "));
  wa_gdal_clear_message ();
  g_assert_cmpstr (wa_gdal_last_message (), ==, "");
}

/* x is longitude whatever the authority's axis order: (-1°, 52°) in
 * Web Mercator is 111 km west of Greenwich. */
static void
test_srs_axis_order (void)
{
  OGRSpatialReferenceH wgs84 = wa_gdal_srs_new (4326);
  OGRSpatialReferenceH mercator = wa_gdal_srs_new (3857);
  OGRCoordinateTransformationH transform;
  double x = -1.0, y = 52.0;

  g_assert_nonnull (wgs84);
  g_assert_nonnull (mercator);
  g_assert_null (wa_gdal_srs_new (999999));
  transform = OCTNewCoordinateTransformation (wgs84, mercator);
  g_assert_nonnull (transform);
  g_assert_true (OCTTransform (transform, 1, &x, &y, NULL));
  g_assert_cmpfloat_with_epsilon (x, -111319.49, 0.01);
  g_assert_cmpfloat_with_epsilon (y, 6800125.45, 0.01);
  OCTDestroyCoordinateTransformation (transform);
  OSRDestroySpatialReference (wgs84);
  OSRDestroySpatialReference (mercator);
}

static int
count_drivers (const char *name)
{
  int n = 0;

  for (int i = 0; i < GDALGetDriverCount (); i++)
    n += strcmp (GDALGetDriverShortName (GDALGetDriver (i)), name) == 0;
  return n;
}

/* In a process of its own (main registers every driver): a GeoPackage
 * opens with its driver alone, and a table read afterwards (a user's
 * import) registers the rest, the GeoPackage driver still once. */
static void
test_geopackage_alone (WaTestDir *f, gconstpointer data)
{
  static const char *const codes[] = { "E05000001", NULL };
  static const char *const wkts[] = { "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)))", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *pack = NULL, *table = NULL;
  GDALDatasetH dataset;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }
  wa_gdal_init_geopackage ();
  g_assert_cmpint (GDALGetDriverCount (), ==, 1);
  g_assert_cmpint (count_drivers ("GPKG"), ==, 1);

  wa_test_write_polygons (f->path, "wards", 4326, codes, wkts);
  pack = g_build_filename (f->path, "wards.gpkg", NULL);
  dataset = wa_gdal_open_geopackage (pack, &error);
  g_assert_no_error (error);
  g_assert_cmpint (OGR_L_GetFeatureCount (GDALDatasetGetLayer (dataset, 0), TRUE), ==, 1);
  GDALClose (dataset);
  g_assert_cmpint (GDALGetDriverCount (), ==, 1);

  table = wa_test_write_file (f->path, "list.csv", "code,name\nE05000001,One\n");
  dataset = wa_gdal_open_table (table, NULL, &error);
  g_assert_no_error (error);
  GDALClose (dataset);
  g_assert_cmpint (GDALGetDriverCount (), >, 100);
  g_assert_cmpint (count_drivers ("GPKG"), ==, 1);
  g_assert_cmpint (count_drivers ("CSV"), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (!g_test_subprocess ())
    wa_gdal_init ();
#define ADD(path, fn) g_test_add (path, WaTestDir, NULL, wa_test_dir_set_up, fn, wa_test_dir_tear_down)
  ADD ("/gdal-util/open-table", test_open_table);
  ADD ("/gdal-util/headerless", test_headerless);
  ADD ("/gdal-util/open-errors", test_open_errors);
  ADD ("/gdal-util/get-layer", test_get_layer);
  ADD ("/gdal-util/field-readers", test_field_readers);
  ADD ("/gdal-util/field-string-encoding", test_field_string_encoding);
  ADD ("/gdal-util/next-feature", test_next_feature);
  ADD ("/gdal-util/geopackage-alone", test_geopackage_alone);
#undef ADD
  g_test_add_func ("/gdal-util/feature-guard", test_feature_guard);
  g_test_add_func ("/gdal-util/messages", test_messages);
  g_test_add_func ("/gdal-util/srs-axis-order", test_srs_axis_order);
  return g_test_run ();
}
