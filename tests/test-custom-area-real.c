/* test-custom-area-real.c: custom areas' figures on the real packs (issue
 * 20, part 3): an area of one ward's LSOAs gives the ward's own figures, a
 * polygon equal to an LSOA gives that LSOA's, a ward cut in two halves
 * keeps its residents (apportioning conserves population), a polygon in
 * Wales is refused, and `ward-atlas-cli area` prints the same. */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include "ward-atlas-core.h"
#include "wa-gdal-util.h"
#include "wa-test-fixtures.h"

/* Hull's Marfleet (2024 wards), ten LSOAs. */
#define WARD_2025 "E05011536"

static WaCustomAreaFigures *
compute_ok (WaAtlas *atlas, WaCustomArea *area, WaCustomAreaFigures *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wa_custom_area_compute (atlas, area, f, &error));
  g_assert_no_error (error);
  return f;
}

static int
count_ties (WaAtlas *atlas, WaIndicator k, double score)
{
  int n = 0;

  for (guint w = 0; w < wa_atlas_get_n_wards (atlas); w++)
    n += fabs (wa_ward_get_figure (wa_atlas_get_ward (atlas, w), k)->score - score)
         <= 1e-6 * MAX (1, fabs (score));
  return n;
}

/* The builder's ward score is the population-weighted mean of its LSOAs'
 * (WA_FIGURE_COMPUTED): an area of the same LSOAs must give it, and place
 * itself where the ward ranks. */
static void
check_ward_sets (const char *edition)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack (edition);
  guint n_checked = 0, n_scores = 0;

  if (atlas == NULL)
    return;
  for (guint w = 0; w < wa_atlas_get_n_wards (atlas) && n_checked < 40; w += 97)
    {
      WaWard *ward = wa_atlas_get_ward (atlas, w);
      const char *codes[] = { wa_ward_get_code (ward), NULL };
      g_autoptr(WaCustomArea) area = wa_custom_area_new_wards (wa_ward_get_name (ward), codes);
      WaCustomAreaFigures f;

      if (wa_ward_get_population (ward) <= 0 || wa_ward_get_n_lsoa (ward) == 0)
        continue;
      compute_ok (atlas, area, &f);
      g_assert_cmpint ((gint64) llround (f.population), ==, wa_ward_get_population (ward));
      g_assert_cmpuint (f.n_lsoas_whole, ==, wa_ward_get_n_lsoa (ward));
      g_assert_cmpuint (f.n_lsoas_split, ==, 0);
      g_assert_cmpuint (f.wards->len, ==, 1);
      for (WaIndicator k = 0; k < WA_N_INDICATORS; k++)
        {
          const WaFigure *figure = wa_ward_get_figure (ward, k);

          if (figure->source != WA_FIGURE_COMPUTED || isnan (figure->score))
            continue;
          g_assert_cmpfloat_with_epsilon (f.score[k], figure->score, 1e-6 * MAX (1, fabs (figure->score)));
          /* The pack stores scores rounded: wards the builder told apart
           * may tie in the pack, so the place may differ by those ties. */
          g_assert_cmpint (ABS ((int) f.would_rank[k] - (int) figure->rank), <=,
                           count_ties (atlas, k, figure->score));
          n_scores++;
        }
      wa_custom_area_figures_clear (&f);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >=, 30);
  g_assert_cmpuint (n_scores, >=, 30);
}

static void
test_ward_set_2019 (void)
{
  check_ward_sets ("2019");
}

static void
test_ward_set_2025 (void)
{
  check_ward_sets ("2025");
}

/* The LSOA polygons of a ward, each as ISO WKB, from the pack. */
static OGRGeometryH
read_lsoa_geometries (WaAtlas *atlas, const char *where)
{
  GDALDatasetH dataset = wa_gdal_open_vector (wa_atlas_get_path (atlas), NULL);
  OGRLayerH layer = GDALDatasetGetLayerByName (dataset, "lsoas");
  OGRGeometryH all = OGR_G_CreateGeometry (wkbMultiPolygon);
  OGRFeatureH feature;

  g_assert_nonnull (layer);
  OGR_L_SetAttributeFilter (layer, where);
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH g = OGR_F_GetGeometryRef (feature);

      for (int i = 0; i < OGR_G_GetGeometryCount (g); i++)
        OGR_G_AddGeometry (all, OGR_G_GetGeometryRef (g, i));
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);
  return all;
}

static WaCustomArea *
area_from_ogr (const char *name, OGRGeometryH geometry)
{
  int size = OGR_G_WkbSize (geometry);
  g_autofree guint8 *wkb = g_malloc (size);
  g_autoptr(GError) error = NULL;
  WaCustomArea *area;

  OGR_G_ExportToIsoWkb (geometry, wkbNDR, wkb);
  area = wa_custom_area_new_from_wkb (name, wkb, size, &error);
  g_assert_no_error (error);
  return area;
}

static void
test_polygon_equal_to_lsoa (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2025");
  WaLsoas *lsoas;
  const WaLsoa *lsoa;
  const guint *indices;
  guint n;
  OGRGeometryH geometry;
  g_autoptr(WaCustomArea) area = NULL;
  g_autofree char *where = NULL;
  WaCustomAreaFigures f;

  if (atlas == NULL)
    return;
  lsoas = wa_atlas_get_lsoas (atlas);
  indices = wa_lsoas_get_ward_lsoas (lsoas, wa_ward_get_index (wa_atlas_lookup_ward (atlas, WARD_2025)), &n);
  g_assert_cmpuint (n, >, 2);
  lsoa = wa_lsoas_get (lsoas, indices[0]);
  where = g_strdup_printf ("code = '%s'", lsoa->code);
  geometry = read_lsoa_geometries (atlas, where);
  area = area_from_ogr (lsoa->code, geometry);
  OGR_G_DestroyGeometry (geometry);
  compute_ok (atlas, area, &f);
  g_assert_cmpuint (f.n_lsoas_whole, ==, 1);
  g_assert_cmpuint (f.n_lsoas_split, ==, 0);
  g_assert_cmpfloat_with_epsilon (f.population, (double) lsoa->population, 0.5);
  for (WaIndicator k = 0; k < WA_N_INDICATORS; k++)
    if (!isnan (lsoa->score[k]))
      g_assert_cmpfloat_with_epsilon (f.score[k], lsoa->score[k], 1e-9 * MAX (1, fabs (lsoa->score[k])));
  g_assert_cmpfloat (f.share_imd_decile1, ==, wa_lsoas_decile (lsoas, lsoa, WA_INDICATOR_IMD) == 1 ? 1.0 : 0.0);
  wa_custom_area_figures_clear (&f);
}

/* Marfleet's LSOAs cut along a north-south line through the middle: the
 * two halves split LSOAs, and their residents add up to the ward's. */
static void
test_apportioning_conserves (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2025");
  OGRGeometryH lsoa_parts, ward, west_box, east_box, west, east;
  g_autoptr(WaCustomArea) a = NULL, b = NULL;
  OGREnvelope env;
  double middle, total;
  WaCustomAreaFigures fa, fb;
  char *wkt;

  if (atlas == NULL)
    return;
  lsoa_parts = read_lsoa_geometries (atlas, "ward_code = '" WARD_2025 "'");
  ward = OGR_G_UnionCascaded (lsoa_parts);
  OGR_G_GetEnvelope (ward, &env);
  middle = (env.MinX + env.MaxX) / 2;
  wkt = g_strdup_printf ("POLYGON ((%.9f %.9f, %.9f %.9f, %.9f %.9f, %.9f %.9f, %.9f %.9f))",
                         env.MinX - 1, env.MinY - 1, middle, env.MinY - 1, middle, env.MaxY + 1,
                         env.MinX - 1, env.MaxY + 1, env.MinX - 1, env.MinY - 1);
  {
    char *cursor = wkt;

    OGR_G_CreateFromWkt (&cursor, NULL, &west_box);
  }
  g_free (wkt);
  wkt = g_strdup_printf ("POLYGON ((%.9f %.9f, %.9f %.9f, %.9f %.9f, %.9f %.9f, %.9f %.9f))",
                         middle, env.MinY - 1, env.MaxX + 1, env.MinY - 1, env.MaxX + 1, env.MaxY + 1,
                         middle, env.MaxY + 1, middle, env.MinY - 1);
  {
    char *cursor = wkt;

    OGR_G_CreateFromWkt (&cursor, NULL, &east_box);
  }
  g_free (wkt);
  west = OGR_G_Intersection (ward, west_box);
  east = OGR_G_Intersection (ward, east_box);
  a = area_from_ogr ("West", west);
  b = area_from_ogr ("East", east);
  compute_ok (atlas, a, &fa);
  compute_ok (atlas, b, &fb);
  total = fa.population + fb.population;
  g_assert_cmpuint (fa.n_lsoas_split, >, 0);
  g_assert_cmpuint (fa.n_lsoas_split, ==, fb.n_lsoas_split);
  g_assert_cmpfloat (fabs (total - 15930) / 15930, <, 0.005);
  g_assert_cmpfloat (fa.population, >, 0);
  g_assert_cmpfloat (fb.population, >, 0);
  wa_custom_area_figures_clear (&fa);
  wa_custom_area_figures_clear (&fb);
  OGR_G_DestroyGeometry (lsoa_parts);
  OGR_G_DestroyGeometry (ward);
  OGR_G_DestroyGeometry (west_box);
  OGR_G_DestroyGeometry (east_box);
  OGR_G_DestroyGeometry (west);
  OGR_G_DestroyGeometry (east);
}

static void
test_lsoa_set (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2025");
  WaLsoas *lsoas;
  const guint *indices;
  guint n;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;
  g_autoptr(WaCustomArea) area = NULL, ward_area = NULL;
  WaWard *ward;
  WaCustomAreaFigures f, fw;
  guint total = 0, total_ward = 0;

  if (atlas == NULL)
    return;
  lsoas = wa_atlas_get_lsoas (atlas);
  ward = wa_atlas_lookup_ward (atlas, WARD_2025);
  indices = wa_lsoas_get_ward_lsoas (lsoas, wa_ward_get_index (ward), &n);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, wa_lsoas_get (lsoas, indices[i])->code);
  codes = g_strv_builder_end (builder);
  area = wa_custom_area_new_lsoas ("Marfleet's LSOAs", (const char *const *) codes);
  ward_area = wa_custom_area_new_wards ("Marfleet", (const char *const[]) { WARD_2025, NULL });
  compute_ok (atlas, area, &f);
  compute_ok (atlas, ward_area, &fw);
  g_assert_cmpfloat (f.population, ==, (double) wa_ward_get_population (ward));
  for (WaAssetCategory c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    {
      g_assert_cmpint (f.assets[c].covered, ==, fw.assets[c].covered);
      total += f.assets[c].count;
      total_ward += fw.assets[c].count;
      if (f.assets[c].covered)
        {
          g_assert_false (isnan (f.assets[c].england_rate));
          g_assert_cmpfloat_with_epsilon (f.assets[c].rate, f.assets[c].count * 1000.0 / f.population, 1e-9);
        }
    }
  /* The ward's places are those inside its boundary, which follows the
   * LSOAs' closely but not exactly. */
  g_assert_cmpuint (total, >, 0);
  g_assert_cmpuint (ABS ((int) total - (int) total_ward), <=, MAX (2, total_ward / 10));
  wa_custom_area_figures_clear (&f);
  wa_custom_area_figures_clear (&fw);
}

static void
test_refused (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2025");
  static const double cardiff[] = { -3.20, 51.47, -3.16, 51.47, -3.16, 51.50, -3.20, 51.50 };
  static const guint start = 0;
  g_autoptr(WaGeometry) geometry = wa_geometry_new (cardiff, 4, &start, 1);
  g_autoptr(WaCustomArea) area = wa_custom_area_new_polygon ("Cardiff", geometry, NULL);
  g_autoptr(WaCustomArea) unknown = wa_custom_area_new_wards ("Nowhere", (const char *const[]) { "E05999999", NULL });
  g_autoptr(GError) error = NULL;
  WaCustomAreaFigures f;

  if (atlas == NULL)
    return;
  g_assert_false (wa_custom_area_compute (atlas, area, &f, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Cardiff"));
  g_clear_error (&error);
  g_assert_false (wa_custom_area_compute (atlas, unknown, &f, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_UNKNOWN_CODE);
  g_assert_nonnull (strstr (error->message, "E05999999"));
}

/* Marfleet and its neighbour Southcoates, for exports and outlines. */
#define PAIR_2025 "E05011542"

/* The app's Export Figures (wa-custom-area-export.h): the CLI's columns,
 * then the provenance a ward profile carries; JSON the same. */
static void
test_figures_export (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2025");
  g_autoptr(WaCustomArea) area = NULL;
  g_autoptr(GString) plain = g_string_new (NULL);
  g_autoptr(GBytes) csv = NULL, json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) lines = NULL, header = NULL, row = NULL;
  JsonObject *root, *first;
  WaCustomAreaFigures f;
  guint population = 0;

  if (atlas == NULL)
    return;
  area = wa_custom_area_new_wards ("Marfleet, and Southcoates",
                                   (const char *const[]) { WARD_2025, PAIR_2025, NULL });
  compute_ok (atlas, area, &f);
  for (guint i = 0; i < f.wards->len; i++)
    population += wa_ward_get_population (g_ptr_array_index (f.wards, i));

  csv = wa_custom_area_figures_to_csv (atlas, area, &f);
  lines = g_strsplit (g_bytes_get_data (csv, NULL), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 2);
  header = g_strsplit (g_strchomp (lines[0]), ",", -1);
  g_assert_cmpstr (header[0], ==, "name");
  g_assert_cmpstr (header[2], ==, "population");
  g_assert_cmpstr (header[g_strv_length (header) - 1], ==, "attribution");
  g_assert_true (g_strv_contains ((const char *const *) header, "edition"));
  g_assert_true (g_strv_contains ((const char *const *) header, "imd_would_rank"));
  /* The name is quoted (it has a comma); the population is the wards'. */
  g_assert_true (g_str_has_prefix (lines[1], "\"Marfleet, and Southcoates\",wards,"));
  {
    g_autofree char *expect = g_strdup_printf (",wards,%u,", population);

    g_assert_nonnull (strstr (lines[1], expect));
  }
  g_assert_nonnull (strstr (lines[1], ",2025,"));
  g_assert_nonnull (strstr (lines[1], "Crown copyright"));

  /* The CLI's table: the same columns, without the provenance. */
  wa_custom_area_csv_append_header (plain, FALSE);
  g_strchomp (plain->str);
  g_assert_true (g_str_has_prefix (lines[0], plain->str));
  g_assert_false (g_str_has_prefix (plain->str, lines[0]));
  g_assert_null (strstr (plain->str, "attribution"));

  json = wa_custom_area_figures_to_json (atlas, area, &f);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (json, NULL),
                                             g_bytes_get_size (json), NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "edition"), ==, "2025");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "attribution")), >, 0);
  first = json_array_get_object_element (json_object_get_array_member (root, "areas"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "Marfleet, and Southcoates");
  g_assert_cmpint (json_object_get_int_member (first, "population"), ==, population);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "wards")), ==, 2);
  wa_custom_area_figures_clear (&f);
}

/* A ward set's outline on maps is one ring round both wards: the line
 * between them dissolved, the area kept. */
static void
test_ward_set_outline (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2025");
  g_autoptr(WaCustomArea) area = NULL;
  g_autoptr(GPtrArray) outline = NULL;
  g_autoptr(GError) error = NULL;
  WaGeometry *a, *b, *joined;
  WaBBox both;

  if (atlas == NULL)
    return;
  area = wa_custom_area_new_wards ("Pair", (const char *const[]) { WARD_2025, PAIR_2025, NULL });
  outline = wa_custom_area_dup_outline (atlas, area, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outline->len, ==, 1);
  joined = g_ptr_array_index (outline, 0);
  a = wa_ward_get_geometry (wa_atlas_lookup_ward (atlas, WARD_2025));
  b = wa_ward_get_geometry (wa_atlas_lookup_ward (atlas, PAIR_2025));
  g_assert_cmpuint (wa_geometry_get_n_rings (joined), ==, 1);
  g_assert_cmpuint (wa_geometry_get_n_points (joined), <, wa_geometry_get_n_points (a) + wa_geometry_get_n_points (b));
  g_assert_cmpfloat_with_epsilon (wa_geometry_area (joined), wa_geometry_area (a) + wa_geometry_area (b),
                                  1e-4 * wa_geometry_area (joined));
  both = *wa_geometry_get_bbox (a);
  wa_bbox_extend (&both, wa_geometry_get_bbox (b));
  g_assert_cmpfloat_with_epsilon (wa_geometry_get_bbox (joined)->min_x, both.min_x, 1e-9);
  g_assert_cmpfloat_with_epsilon (wa_geometry_get_bbox (joined)->max_y, both.max_y, 1e-9);
}

static char *
run_cli (const char *const *args, int *out_status)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("WA_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, NULL));
  *out_status = g_spawn_check_wait_status (status, NULL) ? 0 : 1;
  if (*out_status != 0)
    g_test_message ("stderr: %s", err);
  return out;
}

static void
test_cli (void)
{
  const char *pack = g_getenv ("WA_PACK_2025");
  g_autofree char *json = NULL, *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *area;
  int status;

  if (pack == NULL || !g_file_test (pack, G_FILE_TEST_EXISTS) || g_getenv ("WA_CLI") == NULL)
    {
      g_test_skip ("no 2025 pack or WA_CLI unset");
      return;
    }
  json = run_cli ((const char *const[]) { "area", pack, "--wards", WARD_2025, "--format", "json", NULL }, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  area = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "areas"), 0);
  g_assert_cmpint (json_object_get_int_member (area, "population"), ==, 15930);
  g_assert_cmpint (json_object_get_int_member (area, "lsoas_whole"), ==, 10);
  text = run_cli ((const char *const[]) { "area", pack, "--wards", WARD_2025, NULL }, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (text, "Residents: 15,930"));
  g_assert_nonnull (strstr (text, "would rank 31 of 6,784 wards"));
}

/* --save keeps the areas in the store; --saved computes them again. */
static void
test_cli_save (void)
{
  const char *pack = g_getenv ("WA_PACK_2025");
  g_autofree char *dir = g_dir_make_tmp ("wa-test-cli-areas-XXXXXX", NULL);
  g_autofree char *store = g_build_filename (dir, "areas.gpkg", NULL);
  g_autofree char *out = NULL, *again = NULL;
  g_autoptr(GPtrArray) areas = NULL;
  int status;

  if (pack == NULL || !g_file_test (pack, G_FILE_TEST_EXISTS) || g_getenv ("WA_CLI") == NULL)
    {
      g_test_skip ("no 2025 pack or WA_CLI unset");
      return;
    }
  g_setenv ("WARD_ATLAS_AREAS_FILE", store, TRUE);
  out = run_cli ((const char *const[]) { "area", pack, "--wards", WARD_2025, "--name", "Marfleet ward",
                                         "--save", "--format", "csv", NULL }, &status);
  g_assert_cmpint (status, ==, 0);
  areas = wa_custom_areas_load (store, NULL);
  g_assert_nonnull (areas);
  g_assert_cmpuint (areas->len, ==, 1);
  g_assert_cmpstr (wa_custom_area_get_name (areas->pdata[0]), ==, "Marfleet ward");
  again = run_cli ((const char *const[]) { "area", pack, "--saved", "--format", "csv", NULL }, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (again, ==, out);
  g_unsetenv ("WARD_ATLAS_AREAS_FILE");
  g_unlink (store);
  g_rmdir (dir);
}

/* A boundary file outside England: refused, nothing on standard output;
 * two definitions at once: a usage error (any failing status). */
static void
test_cli_refused (void)
{
  const char *pack = g_getenv ("WA_PACK_2025");
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "wa-test-cli-paris.geojson", NULL);
  g_autofree char *out = NULL, *out2 = NULL;
  int status;

  if (pack == NULL || !g_file_test (pack, G_FILE_TEST_EXISTS) || g_getenv ("WA_CLI") == NULL)
    {
      g_test_skip ("no 2025 pack or WA_CLI unset");
      return;
    }
  g_assert_true (g_file_set_contents (path,
      "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
      "\"properties\": {\"name\": \"Paris\"}, \"geometry\": {\"type\": \"Polygon\", "
      "\"coordinates\": [[[2.3, 48.8], [2.4, 48.8], [2.4, 48.9], [2.3, 48.8]]]}}]}", -1, NULL));
  out = run_cli ((const char *const[]) { "area", pack, "--boundary", path, NULL }, &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  out2 = run_cli ((const char *const[]) { "area", pack, "--boundary", path, "--wards", WARD_2025, NULL }, &status);
  g_assert_cmpint (status, ==, 1);
  g_unlink (path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/custom-area-real/ward-set/2019", test_ward_set_2019);
  g_test_add_func ("/custom-area-real/ward-set/2025", test_ward_set_2025);
  g_test_add_func ("/custom-area-real/polygon-equal-to-lsoa", test_polygon_equal_to_lsoa);
  g_test_add_func ("/custom-area-real/apportioning-conserves", test_apportioning_conserves);
  g_test_add_func ("/custom-area-real/lsoa-set", test_lsoa_set);
  g_test_add_func ("/custom-area-real/refused", test_refused);
  g_test_add_func ("/custom-area-real/figures-export", test_figures_export);
  g_test_add_func ("/custom-area-real/ward-set-outline", test_ward_set_outline);
  g_test_add_func ("/custom-area-real/cli", test_cli);
  g_test_add_func ("/custom-area-real/cli-refused", test_cli_refused);
  g_test_add_func ("/custom-area-real/cli-save", test_cli_save);
  return g_test_run ();
}
