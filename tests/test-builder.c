/* test-builder.c: builds a pack from tiny source files written in code and
 * checks the ward arithmetic by reading the pack back with plain OGR; and
 * that bad input fails with an error naming the file, leaving any previous
 * pack untouched. */
#include "wa-test-fixtures.h"
#include "wa-gdal-util.h"
#include "wa-pack.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#define OLD_PACK "an earlier pack, not to be touched\n"

/* ---- reading the pack back ---------------------------------------------- */

static OGRFeatureH
find_feature (OGRLayerH layer, const char *column, const char *value)
{
  OGRFeatureH feature;

  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      int index = OGR_F_GetFieldIndex (feature, column);

      g_assert_cmpint (index, >=, 0);
      if (g_strcmp0 (OGR_F_GetFieldAsString (feature, index), value) == 0)
        return feature;
      OGR_F_Destroy (feature);
    }
  return NULL;
}

static gboolean
field_is_null (OGRFeatureH feature, const char *name)
{
  int index = OGR_F_GetFieldIndex (feature, name);

  g_assert_cmpint (index, >=, 0);
  return !OGR_F_IsFieldSetAndNotNull (feature, index);
}

static double
field_double (OGRFeatureH feature, const char *name)
{
  g_assert_false (field_is_null (feature, name));
  return OGR_F_GetFieldAsDouble (feature, OGR_F_GetFieldIndex (feature, name));
}

static gint64
field_int (OGRFeatureH feature, const char *name)
{
  g_assert_false (field_is_null (feature, name));
  return OGR_F_GetFieldAsInteger64 (feature, OGR_F_GetFieldIndex (feature, name));
}

static const char *
metadata (GDALDatasetH pack, const char *key)
{
  static char value[256];
  OGRLayerH layer = GDALDatasetGetLayerByName (pack, WA_PACK_LAYER_METADATA);
  OGRFeatureH feature;

  g_assert_nonnull (layer);
  feature = find_feature (layer, WA_PACK_META_KEY, key);
  g_assert_nonnull (feature);
  g_strlcpy (value, OGR_F_GetFieldAsString (feature, 1), sizeof value);
  OGR_F_Destroy (feature);
  return value;
}

/* Expected MHCLG extent of a ward from (population, LSOA rank) pairs. */
static double
expected_extent (const double *population, const guint *rank, int n)
{
  double sum = 0, total = 0;

  for (int i = 0; i < n; i++)
    {
      sum += population[i] * wa_stats_extent_weight (rank[i], 8);
      total += population[i];
    }
  return sum / total;
}

static void
check_ward (OGRLayerH wards, const char *code, double population, int n_lsoa,
            double imd_score, int imd_rank, double cni_score, int cni_rank)
{
  OGRFeatureH feature = find_feature (wards, WA_PACK_WARD_CODE, code);

  g_assert_nonnull (feature);
  g_assert_cmpint (field_int (feature, WA_PACK_WARD_N_LSOA), ==, n_lsoa);
  g_assert_nonnull (OGR_F_GetGeometryRef (feature));
  g_assert_cmpstr (OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, WA_PACK_WARD_REGION_NAME)),
                   ==, "North East");
  g_assert_true (field_is_null (feature, WA_PACK_WARD_OFFICIAL));
  if (n_lsoa == 0)
    {
      g_assert_true (field_is_null (feature, WA_PACK_WARD_POPULATION));
      g_assert_true (field_is_null (feature, "imd_score"));
      g_assert_true (field_is_null (feature, "imd_rank"));
      g_assert_true (field_is_null (feature, "cni_decile"));
      g_assert_cmpint (field_int (feature, "imd_source"), ==, WA_FIGURE_NONE);
    }
  else
    {
      g_assert_cmpint (field_int (feature, WA_PACK_WARD_POPULATION), ==, (gint64) population);
      g_assert_cmpfloat_with_epsilon (field_double (feature, "imd_score"), imd_score, 1e-9);
      g_assert_cmpfloat_with_epsilon (field_double (feature, "imd_crime_score"), imd_score, 1e-9);
      g_assert_cmpint (field_int (feature, "imd_rank"), ==, imd_rank);
      g_assert_cmpint (field_int (feature, "imd_decile"), ==, wa_stats_decile (imd_rank, 3));
      g_assert_cmpint (field_int (feature, "imd_source"), ==, WA_FIGURE_COMPUTED);
      g_assert_cmpfloat_with_epsilon (field_double (feature, "cni_score"), cni_score, 1e-9);
      g_assert_cmpint (field_int (feature, "cni_rank"), ==, cni_rank);
      g_assert_cmpint (field_int (feature, "cni_engaged_rank"), ==, cni_rank);
      g_assert_cmpint (field_int (feature, "cni_source"), ==, WA_FIGURE_COMPUTED);
    }
  OGR_F_Destroy (feature);
}

static void
test_build (WaTestSources *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GDALDatasetH pack;
  OGRLayerH wards, layer;
  OGRFeatureH feature;

  g_assert_true (wa_test_sources_build (f, FALSE, &error));
  g_assert_no_error (error);
  pack = wa_gdal_open_vector (f->output, &error);
  g_assert_no_error (error);

  wards = GDALDatasetGetLayerByName (pack, WA_PACK_LAYER_WARDS);
  g_assert_nonnull (wards);
  g_assert_cmpint (OGR_L_GetFeatureCount (wards, TRUE), ==, 4);
  /* W1: (100·10 + 300·30) / 400; W2: (200·50 + 200·20) / 400; W3: (50·40 + 150·60) / 200.
   * CNI: (100·100 + 300·200) / 400; (200·300 + 200·100) / 400; 50. */
  check_ward (wards, "E05000001", 400, 2, 25.0, 3, 175.0, 2);
  check_ward (wards, "E05000002", 400, 2, 35.0, 2, 200.0, 1);
  check_ward (wards, "E05000003", 200, 2, 55.0, 1, 50.0, 3);
  check_ward (wards, "E05000004", 0, 0, NAN, 0, NAN, 0);

  /* Extent and proportion from the LSOA ranks (n = 8 LSOAs in the table). */
  feature = find_feature (wards, WA_PACK_WARD_CODE, "E05000003");
  {
    const double population[] = { 50, 150 };
    const guint rank[] = { 3, 1 };
    double proportion = ((wa_stats_decile (3, 8) == 1) + (wa_stats_decile (1, 8) == 1)) / 2.0;

    g_assert_cmpfloat_with_epsilon (field_double (feature, "imd_extent"),
                                    expected_extent (population, rank, 2), 1e-9);
    g_assert_cmpfloat_with_epsilon (field_double (feature, "imd_proportion"), proportion, 1e-9);
    g_assert_cmpstr (OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, "name")), ==, "Three");
  }
  OGR_F_Destroy (feature);

  g_assert_cmpstr (metadata (pack, WA_PACK_META_EDITION), ==, "2025");
  g_assert_cmpstr (metadata (pack, WA_PACK_META_WARD_COUNT), ==, "4");
  g_assert_cmpstr (metadata (pack, WA_PACK_META_LSOA_COUNT), ==, "8");
  g_assert_cmpstr (metadata (pack, WA_PACK_META_LSOA_DECILE1), ==, "2");
  g_assert_cmpstr (metadata (pack, WA_PACK_META_VINTAGES), ==, "Test vintages");
  g_assert_cmpstr (metadata (pack, WA_PACK_META_SCHEMA_VERSION), ==, G_STRINGIFY (WA_PACK_SCHEMA_VERSION));

  layer = GDALDatasetGetLayerByName (pack, WA_PACK_LAYER_INDICATORS);
  g_assert_nonnull (layer);
  g_assert_cmpint (OGR_L_GetFeatureCount (layer, TRUE), ==, WA_N_INDICATORS);
  feature = find_feature (layer, WA_PACK_IND_ID, "imd_housing");
  g_assert_nonnull (feature);
  g_assert_cmpint (field_int (feature, WA_PACK_IND_N_RANKED), ==, 3);
  OGR_F_Destroy (feature);

  layer = GDALDatasetGetLayerByName (pack, WA_PACK_LAYER_SOURCES);
  g_assert_nonnull (layer);
  g_assert_cmpint (OGR_L_GetFeatureCount (layer, TRUE), ==, 12);
  feature = find_feature (layer, WA_PACK_SRC_ID, "lookup");
  g_assert_nonnull (feature);
  g_assert_cmpint (field_int (feature, WA_PACK_SRC_RECORDS), ==, 7);
  g_assert_cmpstr (OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, WA_PACK_SRC_URL)),
                   ==, "https://example.org/lookup");
  OGR_F_Destroy (feature);
  GDALClose (pack);
}

/* ---- failures ----------------------------------------------------------- */

static void
assert_build_fails (WaTestSources *f, int code, const char *file, const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *named = g_build_filename (f->dir, file, NULL);
  const char *name;
  GDir *dir;

  wa_test_sources_write_csv (f, "pack.gpkg", OLD_PACK);
  g_assert_false (wa_test_sources_build (f, FALSE, &error));
  g_assert_error (error, WA_ERROR, code);
  g_test_message ("error: %s", error->message);
  g_assert_nonnull (strstr (error->message, named));
  if (fragment != NULL)
    g_assert_nonnull (strstr (error->message, fragment));

  g_assert_true (g_file_get_contents (f->output, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, OLD_PACK);
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_null (strstr (name, ".tmp-"));
  g_dir_close (dir);
}

static void
test_missing_manifest_entry (WaTestSources *f, gconstpointer data)
{
  wa_test_sources_write_manifest (f, "lsoa-population");
  assert_build_fails (f, WA_ERROR_MISSING, "test.manifest", "lsoa-population");
}

static void
test_malformed_row (WaTestSources *f, gconstpointer data)
{
  wa_test_sources_write_csv (f, "population.csv", "lsoa,people\nL1,100\nL2,300\nL3,2O0\n");
  assert_build_fails (f, WA_ERROR_PARSE, "population.csv", "line 4, column “people”");
}

static void
test_duplicate_code (WaTestSources *f, gconstpointer data)
{
  wa_test_sources_write_csv (f, "lookup.csv", "lsoa,ward\nL1,E05000001\nL2,E05000001\nL1,E05000002\n");
  assert_build_fails (f, WA_ERROR_DUPLICATE, "lookup.csv", "L1");
}

static void
test_duplicate_ward (WaTestSources *f, gconstpointer data)
{
  wa_test_sources_write_csv (f, "names.csv",
             "code,name,lad,lad_name,region,region_name\n"
             "E05000001,One,E06000001,Testshire,E12000001,North East\n"
             "E05000001,Again,E06000001,Testshire,E12000001,North East\n");
  assert_build_fails (f, WA_ERROR_DUPLICATE, "names.csv", "E05000001");
}

static void
test_unknown_ward (WaTestSources *f, gconstpointer data)
{
  wa_test_sources_write_csv (f, "lookup.csv", "lsoa,ward\nL1,E05009999\nL2,E05009998\n");
  assert_build_fails (f, WA_ERROR_UNKNOWN_CODE, "lookup.csv", NULL);
}

static void
test_missing_column (WaTestSources *f, gconstpointer data)
{
  wa_test_sources_write_csv (f, "cni.csv", "lsoa,score\nL1,100\n");
  assert_build_fails (f, WA_ERROR_MISSING, "cni.csv", "rank");
}

static void
test_missing_file (WaTestSources *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "imd.csv", NULL);

  g_assert_cmpint (g_remove (path), ==, 0);
  assert_build_fails (f, WA_ERROR_IO, "imd.csv", NULL);
}

static void
set_up (WaTestSources *f, gconstpointer data)
{
  wa_test_sources_init (f);
}

static void
tear_down (WaTestSources *f, gconstpointer data)
{
  wa_test_sources_clear (f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
#define ADD(path, fn) \
  g_test_add (path, WaTestSources, NULL, set_up, fn, tear_down)
  ADD ("/builder/build", test_build);
  ADD ("/builder/missing-manifest-entry", test_missing_manifest_entry);
  ADD ("/builder/malformed-row", test_malformed_row);
  ADD ("/builder/duplicate-code", test_duplicate_code);
  ADD ("/builder/duplicate-ward", test_duplicate_ward);
  ADD ("/builder/unknown-ward", test_unknown_ward);
  ADD ("/builder/missing-column", test_missing_column);
  ADD ("/builder/missing-file", test_missing_file);
#undef ADD
  return g_test_run ();
}
