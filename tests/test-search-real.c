/* test-search-real.c: search and the ranking table's CSV export on the
 * packs built from ../shared/data; each test skips when its pack is absent. */
#include "wa-test-fixtures.h"
#include "wa-gdal-util.h"

#include <string.h>

static const WaSearchResult *
first (GPtrArray *results)
{
  g_assert_cmpuint (results->len, >, 0);
  return g_ptr_array_index (results, 0);
}

static void
check_postcode (WaAtlas *atlas)
{
  WaSearch *search = wa_search_get_for_atlas (atlas);
  const char *spellings[] = { "SW1A 0AA", "sw1a0aa", " Sw1A   0aA " };

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autoptr(GPtrArray) results = wa_search_query (search, spellings[i], 10);
      const WaSearchResult *r = first (results);

      g_assert_cmpint (r->kind, ==, WA_SEARCH_POSTCODE);
      g_assert_cmpstr (r->title, ==, "SW1A 0AA");
      g_assert_true (g_str_has_prefix (r->context, "postcode in St James's"));
      g_assert_cmpint (r->ward_index, >=, 0);
      g_assert_cmpstr (wa_ward_get_name (wa_atlas_get_ward (atlas, r->ward_index)), ==, "St James's");
      g_assert_true (r->has_point);
    }
}

static void
test_postcode (void)
{
  g_autoptr(WaAtlas) a2019 = wa_test_open_pack ("2019");
  g_autoptr(WaAtlas) a2025 = wa_test_open_pack ("2025");

  if (a2019 != NULL)
    check_postcode (a2019);
  if (a2025 != NULL)
    check_postcode (a2025);
}

static void
test_partial_postcode (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  g_autoptr(GPtrArray) district = NULL;
  g_autoptr(GPtrArray) sector = NULL;

  if (atlas == NULL)
    return;
  district = wa_search_query (wa_search_get_for_atlas (atlas), "sw1a", 10);
  g_assert_cmpint (first (district)->kind, ==, WA_SEARCH_POSTCODE_DISTRICT);
  g_assert_cmpstr (first (district)->title, ==, "SW1A");
  g_assert_cmpuint (district->len, ==, 10);
  for (guint i = 1; i < district->len; i++)
    g_assert_true (g_str_has_prefix (((WaSearchResult *) district->pdata[i])->title, "SW1A "));
  sector = wa_search_query (wa_search_get_for_atlas (atlas), "m1 1", 5);
  for (guint i = 0; i < sector->len; i++)
    g_assert_true (g_str_has_prefix (((WaSearchResult *) sector->pdata[i])->title, "M1 1"));
}

static void
test_hull (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  g_autoptr(GPtrArray) results = NULL;
  gboolean city = FALSE;

  if (atlas == NULL)
    return;
  results = wa_search_query (wa_search_get_for_atlas (atlas), "Hull", 10);
  /* The city and its authority come before anything merely starting "Hull". */
  for (guint i = 0; i < 2; i++)
    {
      const WaSearchResult *r = g_ptr_array_index (results, i);

      g_assert_nonnull (strstr (r->title, "Kingston upon Hull"));
      city |= r->kind == WA_SEARCH_PLACE && r->place_kind == WA_PLACE_CITY;
    }
  g_assert_true (city);
}

static void
test_ward_code (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  g_autoptr(GPtrArray) results = NULL;
  const WaSearchResult *r;

  if (atlas == NULL)
    return;
  results = wa_search_query (wa_search_get_for_atlas (atlas), "e05000027", 10);
  r = first (results);
  g_assert_cmpint (r->kind, ==, WA_SEARCH_WARD);
  g_assert_cmpstr (r->code, ==, "E05000027");
  g_assert_cmpstr (r->title, ==, wa_ward_get_name (wa_atlas_lookup_ward (atlas, "E05000027")));
  g_assert_true (r->has_bbox);

  g_clear_pointer (&results, g_ptr_array_unref);
  results = wa_search_query (wa_search_get_for_atlas (atlas), "Becontree", 10);
  r = first (results);
  g_assert_cmpint (r->kind, ==, WA_SEARCH_WARD);
  g_assert_cmpstr (r->context, ==, "ward in Barking and Dagenham");
}

static void
test_csv_round_trip (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  g_autoptr(WaWardFilter) filter = wa_ward_filter_new ();
  g_autoptr(GPtrArray) wards = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *table_path = NULL;
  g_autofree char *contents = NULL;
  WaWardCsvContext context = { filter, WA_WARD_COLUMN_POPULATION, TRUE };
  GDALDatasetH dataset;
  OGRLayerH layer;
  OGRFeatureH feature;
  guint row = 0;
  const char *table;

  if (atlas == NULL)
    return;
  wa_ward_filter_set_left_behind_only (filter, TRUE);
  wards = wa_ward_filter_apply (filter, atlas, context.sort, context.descending);
  dir = wa_test_tmpdir_new ();
  path = g_build_filename (dir, "left-behind.csv", NULL);
  g_assert_true (wa_ward_csv_write (atlas, wards, &context, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "# Rows: 225 wards, 2.39 million people"));
  g_assert_nonnull (strstr (contents, "# Filters: left-behind wards only"));
  g_assert_nonnull (strstr (contents, "Contains OS data"));

  table = strstr (contents, "\ncombined_rank,");
  g_assert_nonnull (table);
  table_path = g_build_filename (dir, "table.csv", NULL);
  g_assert_true (g_file_set_contents (table_path, table + 1, -1, NULL));
  dataset = wa_gdal_open_table (table_path, NULL, &error);
  g_assert_no_error (error);
  layer = GDALDatasetGetLayer (dataset, 0);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
      WaWard *ward = wards->pdata[row++];
      g_autofree char *population = g_strdup_printf ("%" G_GINT64_FORMAT, wa_ward_get_population (ward));

      g_assert_cmpstr (OGR_F_GetFieldAsString (feature, OGR_FD_GetFieldIndex (defn, "ward_code")), ==,
                       wa_ward_get_code (ward));
      g_assert_cmpstr (OGR_F_GetFieldAsString (feature, OGR_FD_GetFieldIndex (defn, "ward_name")), ==,
                       wa_ward_get_name (ward));
      g_assert_cmpstr (OGR_F_GetFieldAsString (feature, OGR_FD_GetFieldIndex (defn, "population")), ==,
                       population);
      g_assert_cmpstr (OGR_F_GetFieldAsString (feature, OGR_FD_GetFieldIndex (defn, "official_left_behind")), ==,
                       "true");
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);
  g_assert_cmpuint (row, ==, 225);
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/search-real/postcode", test_postcode);
  g_test_add_func ("/search-real/partial-postcode", test_partial_postcode);
  g_test_add_func ("/search-real/hull", test_hull);
  g_test_add_func ("/search-real/ward-code", test_ward_code);
  g_test_add_func ("/ward-csv-real/round-trip", test_csv_round_trip);
  return g_test_run ();
}
