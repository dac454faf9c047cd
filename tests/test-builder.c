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

typedef struct {
  char *dir;
  char *manifest;
  char *output;
} Fixture;

/* Writes a GeoPackage of 0.1° squares in a row from (x0, 52), one per code. */
static void
write_squares (const char *dir, const char *name, const char *const *codes)
{
  g_autofree char *path = g_strconcat (dir, "/", name, ".gpkg", NULL);
  GDALDriverH driver = GDALGetDriverByName ("GPKG");
  OGRSpatialReferenceH srs = wa_gdal_srs_new (4326);
  GDALDatasetH dataset = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  OGRLayerH layer;
  const char *fields[] = { "code", "name", "geom_source" };

  g_assert_nonnull (dataset);
  layer = GDALDatasetCreateLayer (dataset, name, srs, wkbMultiPolygon, NULL);
  g_assert_nonnull (layer);
  for (gsize f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      OGRFieldDefnH field = OGR_Fld_Create (fields[f], OFTString);
      g_assert_cmpint (OGR_L_CreateField (layer, field, TRUE), ==, OGRERR_NONE);
      OGR_Fld_Destroy (field);
    }
  for (guint i = 0; codes[i] != NULL; i++)
    {
      double x = -1.0 + 0.1 * i;
      g_autofree char *wkt = g_strdup_printf (
        "MULTIPOLYGON (((%.1f 52, %.1f 52, %.1f 52.1, %.1f 52.1, %.1f 52)))",
        x, x + 0.1, x + 0.1, x, x);
      g_autofree char *label = g_strdup_printf ("Area %u", i + 1);
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH geometry = NULL;
      char *cursor = wkt;

      g_assert_cmpint (OGR_G_CreateFromWkt (&cursor, srs, &geometry), ==, OGRERR_NONE);
      OGR_F_SetFieldString (feature, 0, codes[i]);
      OGR_F_SetFieldString (feature, 1, label);
      OGR_F_SetFieldString (feature, 2, "test squares");
      OGR_F_SetGeometryDirectly (feature, geometry);
      g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);
  OSRDestroySpatialReference (srs);
}

static void
add_source (GString *manifest, const char *id, const char *role, const char *file,
            const char *extra)
{
  g_string_append_printf (manifest,
                          "[source %s]\nrole=%s\ntitle=Test %s\nfile=%s\neditions=2025\n"
                          "publisher=Test\nurl=https://example.org/%s\nlicence=OGL\n"
                          "attribution=Test data\n%s\n",
                          id, role, id, file, id, extra);
}

/* The IMD table: every IMD indicator gets the same score, rank and decile,
 * so the domains exercise the same path as the overall index. */
static char *
imd_table (void)
{
  static const struct { const char *lsoa; const char *score; int rank; int decile; } rows[] = {
    { "L1", "10", 6, 6 }, { "L2", "30", 4, 4 }, { "L3", "50", 2, 1 }, { "L4", "20", 5, 5 },
    { "L5", "40", 3, 2 }, { "L6", "5", 7, 8 }, { "L7", "60", 1, 1 }, { "L8", "1", 8, 10 },
  };
  GString *text = g_string_new ("lsoa");

  for (int i = 0; i < 8; i++)
    g_string_append_printf (text, ",s%d,r%d,d%d", i, i, i);
  g_string_append_c (text, '\n');
  for (gsize r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      g_string_append (text, rows[r].lsoa);
      for (int i = 0; i < 8; i++)
        g_string_append_printf (text, ",%s,%d,%d", rows[r].score, rows[r].rank, rows[r].decile);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static char *
imd_columns (void)
{
  GString *text = g_string_new ("column.lsoa=lsoa\n");

  for (WaIndicator i = WA_INDICATOR_IMD; i < WA_INDICATOR_CNI; i++)
    g_string_append_printf (text, "column.%1$s.score=s%2$d\ncolumn.%1$s.rank=r%2$d\ncolumn.%1$s.decile=d%2$d\n",
                            wa_indicator_id (i), i);
  return g_string_free (text, FALSE);
}

static char *
cni_columns (void)
{
  GString *text = g_string_new ("column.lsoa=lsoa\n");

  for (WaIndicator i = WA_INDICATOR_CNI; i < WA_N_INDICATORS; i++)
    g_string_append_printf (text, "column.%s.score=score\ncolumn.%s.rank=rank\n",
                            wa_indicator_id (i), wa_indicator_id (i));
  return g_string_free (text, FALSE);
}

/* Writes the manifest, leaving out the source whose role is skip_role. */
static void
write_manifest (Fixture *f, const char *skip_role)
{
  g_autofree char *imd = imd_columns ();
  g_autofree char *cni = cni_columns ();
  GString *text = g_string_new ("[edition 2025]\ntitle=Test\nvintages=Test vintages\n\n");
  const struct { const char *id, *role, *file, *extra; } sources[] = {
    { "wards", "ward-boundaries", "wards.gpkg", "column.code=code\ncolumn.name=name\ncolumn.geom_source=geom_source\n" },
    { "names", "ward-names", "names.csv", "column.code=code\ncolumn.name=name\ncolumn.lad_code=lad\ncolumn.lad_name=lad_name\ncolumn.region_code=region\ncolumn.region_name=region_name\n" },
    { "lookup", "lsoa-ward-lookup", "lookup.csv", "column.lsoa=lsoa\ncolumn.ward=ward\n" },
    { "population", "lsoa-population", "population.csv", "column.lsoa=lsoa\ncolumn.population=people\n" },
    { "imd", "imd-lsoa", "imd.csv", imd },
    { "cni", "cni-lsoa", "cni.csv", cni },
    { "lads", "lad-boundaries", "lads.gpkg", "column.code=code\ncolumn.name=name\n" },
    { "regions", "region-boundaries", "regions.gpkg", "column.code=code\ncolumn.name=name\n" },
    { "land", "land-boundaries", "land.gpkg", "column.code=code\ncolumn.name=name\n" },
    { "towns", "towns", "towns.gpkg", "column.code=code\ncolumn.name=name\n" },
    { "places", "places", "places.csv", "column.name=name\ncolumn.kind=kind\ncolumn.x=x\ncolumn.y=y\noption.srs=4326\n" },
  };

  for (gsize s = 0; s < G_N_ELEMENTS (sources); s++)
    if (g_strcmp0 (sources[s].role, skip_role) != 0)
      add_source (text, sources[s].id, sources[s].role, sources[s].file, sources[s].extra);
  g_free (f->manifest);
  f->manifest = wa_test_write_file (f->dir, "test.manifest", text->str);
  g_string_free (text, TRUE);
}

static void
write_boundaries (Fixture *f)
{
  static const char *const codes[] = { "E05000001", "E05000002", "E05000003", "E05000004", NULL };
  static const char *const lad[] = { "E06000001", NULL };
  static const char *const region[] = { "E12000001", NULL };
  static const char *const land[] = { "E92000001", NULL };
  static const char *const town[] = { "J01000001", NULL };

  write_squares (f->dir, "wards", codes);
  write_squares (f->dir, "lads", lad);
  write_squares (f->dir, "regions", region);
  write_squares (f->dir, "land", land);
  write_squares (f->dir, "towns", town);
}

static void
write_csv (Fixture *f, const char *name, const char *contents)
{
  g_free (wa_test_write_file (f->dir, name, contents));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *imd = imd_table ();

  wa_gdal_init ();
  f->dir = wa_test_tmpdir_new ();
  f->output = g_build_filename (f->dir, "pack.gpkg", NULL);
  write_manifest (f, NULL);
  write_boundaries (f);
  write_csv (f, "names.csv",
             "code,name,lad,lad_name,region,region_name\n"
             "E05000001,One,E06000001,Testshire,E12000001,North East\n"
             "E05000002,Two,E06000001,Testshire,E12000001,North East\n"
             "E05000003,Three,E06000001,Testshire,E12000001,North East\n"
             "E05000004,Four,E06000001,Testshire,E12000001,North East\n"
             "W05000099,Welsh,W06000001,Wales,,\n");
  /* E05000004 gets no LSOA; L6 names a ward of another nation. */
  write_csv (f, "lookup.csv",
             "lsoa,ward\nL1,E05000001\nL2,E05000001\nL3,E05000002\nL4,E05000002\n"
             "L5,E05000003\nL6,W05000099\nL7,E05000003\n");
  write_csv (f, "population.csv",
             "lsoa,people\nL1,100\nL2,300\nL3,200\nL4,200\nL5,50\nL6,10\nL7,150\nL8,999\n");
  write_csv (f, "imd.csv", imd);
  write_csv (f, "cni.csv",
             "lsoa,score,rank\nL1,100,3\nL2,200,2\nL3,300,1\nL4,100,4\nL5,50,5\nL7,50,6\nL8,10,7\n");
  write_csv (f, "places.csv", "name,kind,x,y\nSquareton,Town,-0.95,52.05\nFarfield,Village,-0.65,52.05\n");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  wa_test_tmpdir_free (f->dir);
  g_free (f->manifest);
  g_free (f->output);
}

static gboolean
build (Fixture *f, GError **error)
{
  WaPackBuildOptions options = {
    .edition = WA_EDITION_2025,
    .manifest_path = f->manifest,
    .sources_dir = f->dir,
    .output_path = f->output,
    .skip_postcodes = TRUE,
  };

  return wa_pack_build (&options, error);
}

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
test_build (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GDALDatasetH pack;
  OGRLayerH wards, layer;
  OGRFeatureH feature;

  g_assert_true (build (f, &error));
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
  g_assert_cmpstr (metadata (pack, WA_PACK_META_SCHEMA_VERSION), ==, "1");

  layer = GDALDatasetGetLayerByName (pack, WA_PACK_LAYER_INDICATORS);
  g_assert_nonnull (layer);
  g_assert_cmpint (OGR_L_GetFeatureCount (layer, TRUE), ==, WA_N_INDICATORS);
  feature = find_feature (layer, WA_PACK_IND_ID, "imd_housing");
  g_assert_nonnull (feature);
  g_assert_cmpint (field_int (feature, WA_PACK_IND_N_RANKED), ==, 3);
  OGR_F_Destroy (feature);

  layer = GDALDatasetGetLayerByName (pack, WA_PACK_LAYER_SOURCES);
  g_assert_nonnull (layer);
  g_assert_cmpint (OGR_L_GetFeatureCount (layer, TRUE), ==, 11);
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
assert_build_fails (Fixture *f, int code, const char *file, const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *named = g_build_filename (f->dir, file, NULL);
  const char *name;
  GDir *dir;

  write_csv (f, "pack.gpkg", OLD_PACK);
  g_assert_false (build (f, &error));
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
test_missing_manifest_entry (Fixture *f, gconstpointer data)
{
  write_manifest (f, "lsoa-population");
  assert_build_fails (f, WA_ERROR_MISSING, "test.manifest", "lsoa-population");
}

static void
test_malformed_row (Fixture *f, gconstpointer data)
{
  write_csv (f, "population.csv", "lsoa,people\nL1,100\nL2,300\nL3,2O0\n");
  assert_build_fails (f, WA_ERROR_PARSE, "population.csv", "line 4, column “people”");
}

static void
test_duplicate_code (Fixture *f, gconstpointer data)
{
  write_csv (f, "lookup.csv", "lsoa,ward\nL1,E05000001\nL2,E05000001\nL1,E05000002\n");
  assert_build_fails (f, WA_ERROR_DUPLICATE, "lookup.csv", "L1");
}

static void
test_duplicate_ward (Fixture *f, gconstpointer data)
{
  write_csv (f, "names.csv",
             "code,name,lad,lad_name,region,region_name\n"
             "E05000001,One,E06000001,Testshire,E12000001,North East\n"
             "E05000001,Again,E06000001,Testshire,E12000001,North East\n");
  assert_build_fails (f, WA_ERROR_DUPLICATE, "names.csv", "E05000001");
}

static void
test_unknown_ward (Fixture *f, gconstpointer data)
{
  write_csv (f, "lookup.csv", "lsoa,ward\nL1,E05009999\nL2,E05009998\n");
  assert_build_fails (f, WA_ERROR_UNKNOWN_CODE, "lookup.csv", NULL);
}

static void
test_missing_column (Fixture *f, gconstpointer data)
{
  write_csv (f, "cni.csv", "lsoa,score\nL1,100\n");
  assert_build_fails (f, WA_ERROR_MISSING, "cni.csv", "rank");
}

static void
test_missing_file (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "imd.csv", NULL);

  g_assert_cmpint (g_remove (path), ==, 0);
  assert_build_fails (f, WA_ERROR_IO, "imd.csv", NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
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
