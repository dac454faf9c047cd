/* test-real-data.c: checks on the packs built from ../shared/data. Each test
 * skips with a message when the data or the packs are absent. */
#include "wa-test-fixtures.h"
#include "wa-gdal-util.h"
#include "wa-pack.h"

#include <math.h>
#include <string.h>
#include <gdal.h>
#include <ogr_api.h>

static void
test_official_2019 (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  g_autoptr(GPtrArray) left_behind = NULL;
  gint64 population = 0;

  if (atlas == NULL)
    return;
  g_assert_cmpint (wa_atlas_get_rank_params (atlas)->method, ==, WA_RANK_METHOD_OFFICIAL);
  left_behind = wa_atlas_dup_left_behind (atlas);
  g_assert_cmpuint (left_behind->len, ==, 225);
  for (guint i = 0; i < left_behind->len; i++)
    population += wa_ward_get_population (left_behind->pdata[i]);
  /* SOURCES.md: the 1,468 LSOAs best-fitted to the 225 wards hold 2,386,368
   * people (mid-2019); the builder sums exactly those. */
  g_assert_cmpint (population, ==, 2386368);
}

static void
test_both_decile_vs_official (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  g_autoptr(GPtrArray) only_method = NULL;
  g_autoptr(GPtrArray) only_official = NULL;
  g_autoptr(GError) error = NULL;
  WaRankParams both, official;

  if (atlas == NULL)
    return;
  wa_rank_params_init (&both);
  wa_rank_params_init (&official);
  official.method = WA_RANK_METHOD_OFFICIAL;
  g_assert_true (wa_atlas_compare_methods (atlas, &both, &official, &only_method, &only_official, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < only_method->len; i++)
    g_test_message ("both-decile only: %s %s", wa_ward_get_code (only_method->pdata[i]),
                    wa_ward_get_name (only_method->pdata[i]));
  for (guint i = 0; i < only_official->len; i++)
    g_test_message ("official only: %s %s", wa_ward_get_code (only_official->pdata[i]),
                    wa_ward_get_name (only_official->pdata[i]));
  /* A handful each way, not a different list. */
  g_assert_cmpuint (only_method->len, >, 0);
  g_assert_cmpuint (only_method->len, <=, 15);
  g_assert_cmpuint (only_official->len, >, 0);
  g_assert_cmpuint (only_official->len, <=, 15);
}

/* Every CNI ward that has a boundary in the ward layer is on the map. */
static void
test_cni_wards_present (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  const char *sources = g_getenv ("WA_SOURCES_DIR");
  g_autofree char *cni = NULL;
  g_autoptr(GError) error = NULL;
  GDALDatasetH table;
  OGRLayerH layer;
  OGRFeatureH feature;
  guint n_rows = 0, n_without_geometry = 0;
  int code;

  if (atlas == NULL)
    return;
  cni = g_build_filename (sources != NULL ? sources : "", "indicators", "cni2019_england_ward17.csv", NULL);
  if (!g_file_test (cni, G_FILE_TEST_EXISTS))
    {
      g_test_skip_printf ("%s is absent", cni);
      return;
    }
  table = wa_gdal_open_table (cni, NULL, &error);
  g_assert_no_error (error);
  layer = wa_gdal_get_layer (table, cni, NULL, &error);
  g_assert_no_error (error);
  code = wa_gdal_field_index (layer, cni, "ward17_code", &error);
  g_assert_no_error (error);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      WaWard *ward = wa_atlas_lookup_ward (atlas, wa_gdal_field_string (feature, code));

      g_assert_nonnull (ward);
      n_rows++;
      if (wa_ward_get_geometry (ward) == NULL)
        n_without_geometry++;
      OGR_F_Destroy (feature);
    }
  GDALClose (table);
  g_assert_cmpuint (n_rows, ==, 7433);
  /* SOURCES.md: 6 CNI wards have no boundary in the hybrid layer. */
  g_assert_cmpuint (n_without_geometry, ==, 6);
}

static void
test_imd_2025_lsoas (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2025");

  if (atlas == NULL)
    return;
  g_assert_cmpstr (wa_atlas_get_metadata (atlas, WA_PACK_META_LSOA_COUNT), ==, "33755");
  g_assert_cmpstr (wa_atlas_get_metadata (atlas, WA_PACK_META_LSOA_DECILE1), ==, "3375");
  g_assert_cmpstr (wa_atlas_get_metadata (atlas, WA_PACK_META_EDITION), ==, "2025");
}

static void
test_locate_postcode (gconstpointer data)
{
  const char *edition = data;
  g_autoptr(WaAtlas) atlas = wa_test_open_pack (edition);
  g_autoptr(WaPostcodeHit) hit = NULL;
  g_autoptr(GError) error = NULL;
  WaWard *ward;

  if (atlas == NULL)
    return;
  hit = wa_atlas_lookup_postcode (atlas, "sw1a 0aa", &error);
  g_assert_no_error (error);
  g_assert_cmpint (hit->ward_index, >=, 0);
  ward = wa_atlas_get_ward (atlas, hit->ward_index);
  g_assert_cmpstr (wa_ward_get_name (ward), ==, "St James's");
  g_assert_cmpstr (wa_ward_get_lad_name (ward), ==, "Westminster");
  /* The point and the postcode agree. */
  g_assert_true (wa_atlas_locate (atlas, hit->lon, hit->lat) == ward);
}

static void
test_cli_locate (void)
{
  const char *cli = g_getenv ("WA_CLI");
  const char *pack = g_getenv ("WA_PACK_2019");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  if (cli == NULL || pack == NULL || !g_file_test (pack, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no CLI or 2019 pack");
      return;
    }
  {
    const char *argv[] = { cli, "locate", pack, "--postcode", "SW1A 0AA", NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "St James's"));
  g_assert_nonnull (strstr (out, "Westminster"));
}

/* Every ward of one simplified level, as the atlas reads it (SQLite and
 * its own WKB decoder), is what GDAL reads from the layer. */
static guint
assert_level_as_gdal_reads_it (WaAtlas *atlas, GDALDatasetH dataset, const char *name, double zoom)
{
  OGRLayerH layer = GDALDatasetGetLayerByName (dataset, name);
  int code = OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), WA_PACK_LOD_CODE);
  OGRFeatureH feature;
  guint n = 0;

  g_assert_cmpint (code, >=, 0);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      WaWard *ward = wa_atlas_lookup_ward (atlas, OGR_F_GetFieldAsString (feature, code));
      g_autoptr(WaGeometry) expected = wa_geometry_new_from_ogr (OGR_F_GetGeometryRef (feature), NULL);

      g_assert_nonnull (ward);
      g_assert_nonnull (expected);
      wa_test_assert_same_geometry (expected, wa_atlas_get_ward_geometry_for_zoom (atlas, wa_ward_get_index (ward), zoom));
      OGR_F_Destroy (feature);
      n++;
    }
  return n;
}

/* The overview's counts of England and the nine regions, in one pass. */
static void
test_count_regions (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");

  if (atlas == NULL)
    return;
  g_assert_cmpuint (wa_atlas_get_areas (atlas, WA_AREA_REGION)->len, ==, 9);
  wa_test_assert_region_counts (atlas);
}

/* The edition's pack, shared, and the same file through GDAL; NULL (the
 * test skipped) when the edition is not wanted or its pack is missing. */
static WaAtlas *
open_pack_and_gdal (gconstpointer edition, GDALDatasetH *out_dataset)
{
  WaAtlas *atlas;

  if (!wa_test_edition_wanted (edition))
    {
      g_test_skip ("edition not in $WA_TEST_EDITIONS");
      return NULL;
    }
  if ((atlas = wa_test_open_pack (edition)) == NULL)
    return NULL;
  *out_dataset = GDALOpenEx (wa_atlas_get_path (atlas), GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  g_assert_nonnull (*out_dataset);
  return atlas;
}

static void
test_levels_as_gdal (gconstpointer data)
{
  g_autoptr(WaAtlas) atlas = NULL;
  GDALDatasetH dataset;
  OGRLayerH levels;
  OGRFeatureH feature;
  guint n_levels = 0;

  if ((atlas = open_pack_and_gdal (data, &dataset)) == NULL)
    return;
  levels = GDALDatasetGetLayerByName (dataset, WA_PACK_LAYER_LEVELS);
  g_assert_nonnull (levels);
  while ((feature = OGR_L_GetNextFeature (levels)) != NULL)
    {
      const char *name = OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, WA_PACK_LEVEL_LAYER));
      const char *kind = OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, WA_PACK_LEVEL_KIND));
      double zoom = OGR_F_GetFieldAsInteger (feature, OGR_F_GetFieldIndex (feature, WA_PACK_LEVEL_MIN_ZOOM));

      if (g_strcmp0 (kind, "wards") == 0 && g_strcmp0 (name, WA_PACK_LAYER_WARDS) != 0)
        {
          g_test_message ("%s from zoom %g: %u wards", name, zoom,
                          assert_level_as_gdal_reads_it (atlas, dataset, name, zoom));
          n_levels++;
        }
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);
  g_assert_cmpuint (n_levels, >, 0);
}

/* A figure column as QGIS shows it: NaN where the ward has none or the
 * table has no such column (the CNI family's extent and proportion). */
static double
column_double (OGRFeatureH feature, WaIndicator indicator, const char *suffix)
{
  g_autofree char *name = g_strconcat (wa_indicator_id (indicator), "_", suffix, NULL);
  int index = OGR_F_GetFieldIndex (feature, name);

  return index >= 0 && OGR_F_IsFieldSetAndNotNull (feature, index) ? OGR_F_GetFieldAsDouble (feature, index)
                                                                   : NAN;
}

static void
assert_same_double (double column, double read)
{
  if (isnan (column))
    g_assert_true (isnan (read));
  else
    g_assert_cmpfloat (column, ==, read);
}

/* Every figure the app shows (read from each ward's figures blob) is the
 * one in the pack's figure columns, which QGIS and ogrinfo show: every
 * ward, every indicator, both packs. */
static void
test_figures_as_columns (gconstpointer data)
{
  g_autoptr(WaAtlas) atlas = NULL;
  GDALDatasetH dataset;
  OGRLayerH wards;
  OGRFeatureH feature;
  guint n = 0;

  if ((atlas = open_pack_and_gdal (data, &dataset)) == NULL)
    return;
  wards = GDALDatasetGetLayerByName (dataset, WA_PACK_LAYER_WARDS);
  g_assert_nonnull (wards);
  OGR_L_SetIgnoredFields (wards, (const char *[]) { "OGR_GEOMETRY", NULL });
  while ((feature = OGR_L_GetNextFeature (wards)) != NULL)
    {
      int code = OGR_F_GetFieldIndex (feature, WA_PACK_WARD_CODE);
      WaWard *ward = wa_atlas_lookup_ward (atlas, OGR_F_GetFieldAsString (feature, code));

      g_assert_nonnull (ward);
      for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
        {
          const WaFigure *figure = wa_ward_get_figure (ward, i);
          double rank = column_double (feature, i, WA_PACK_SUFFIX_RANK);
          double decile = column_double (feature, i, WA_PACK_SUFFIX_DECILE);
          double source = column_double (feature, i, WA_PACK_SUFFIX_SOURCE);

          assert_same_double (column_double (feature, i, WA_PACK_SUFFIX_SCORE), figure->score);
          assert_same_double (column_double (feature, i, WA_PACK_SUFFIX_EXTENT), figure->extent);
          assert_same_double (column_double (feature, i, WA_PACK_SUFFIX_PROPORTION), figure->proportion);
          g_assert_cmpfloat (isnan (rank) ? 0 : rank, ==, figure->rank);
          g_assert_cmpfloat (isnan (decile) ? 0 : decile, ==, figure->decile);
          g_assert_cmpfloat (isnan (source) ? WA_FIGURE_NONE : source, ==, figure->source);
        }
      n++;
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);
  g_assert_cmpuint (n, ==, wa_atlas_get_n_wards (atlas));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  wa_gdal_init ();
  g_test_add_func ("/real-data/2019/official-225", test_official_2019);
  g_test_add_func ("/real-data/2019/both-decile-vs-official", test_both_decile_vs_official);
  g_test_add_func ("/real-data/2019/cni-wards-present", test_cni_wards_present);
  g_test_add_func ("/real-data/2025/imd-lsoas", test_imd_2025_lsoas);
  g_test_add_data_func ("/real-data/2019/postcode-sw1a-0aa", "2019", test_locate_postcode);
  g_test_add_data_func ("/real-data/2025/postcode-sw1a-0aa", "2025", test_locate_postcode);
  g_test_add_func ("/real-data/2019/cli-locate", test_cli_locate);
  g_test_add_func ("/real-data/2019/count-regions", test_count_regions);
  g_test_add_data_func ("/real-data/2019/levels-as-gdal", "2019", test_levels_as_gdal);
  g_test_add_data_func ("/real-data/2025/levels-as-gdal", "2025", test_levels_as_gdal);
  g_test_add_data_func ("/real-data/2019/figures-as-columns", "2019", test_figures_as_columns);
  g_test_add_data_func ("/real-data/2025/figures-as-columns", "2025", test_figures_as_columns);
  return g_test_run ();
}
