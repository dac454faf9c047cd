/* test-assets-real.c: the asset layers of the packs built from
 * ../shared/data (SOURCES.md §5). Skips when the packs are absent. */
#include "wa-test-fixtures.h"

#include <json-glib/json-glib.h>

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#define TRAFFORD "E08000009"
#define BIRMINGHAM "E08000025"


/* SOURCES.md §4: 3,097 of the 3,138 libraries not marked closed, and 6,740
 * of the 6,750 active GP practices (status A, prescribing setting 4), have
 * a postcode in Code-Point Open. */
static void
test_geocode_rates (gconstpointer data)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack (data);
  const WaAssetDataset *libraries, *gps;

  if (atlas == NULL)
    return;
  libraries = wa_test_find_asset_dataset (wa_atlas_get_assets (atlas), "assets-libraries-england");
  g_assert_cmpint (libraries->read, ==, 3487);
  g_assert_cmpint (libraries->geocoded + libraries->unmatched, ==, 3138);
  g_assert_cmpint (ABS (libraries->geocoded - 3097), <=, 3);
  gps = wa_test_find_asset_dataset (wa_atlas_get_assets (atlas), "assets-gp-practices-england");
  g_assert_cmpint (gps->geocoded + gps->unmatched, ==, 6750);
  g_assert_cmpint (ABS (gps->geocoded - 6740), <=, 3);
  /* Nothing vanishes: every record read is accounted for. */
  for (guint i = 0; i < wa_assets_get_datasets (wa_atlas_get_assets (atlas))->len; i++)
    {
      const WaAssetDataset *d = wa_assets_get_datasets (wa_atlas_get_assets (atlas))->pdata[i];

      g_assert_cmpint (d->read, ==, d->excluded + d->skipped + d->unmatched + d->no_location
                                    + d->outside + d->merged + d->imported);
    }
}

/* Every asset lies in exactly one ward (its own), and the stored counts
 * agree with the points. */
static void
test_one_ward_each (gconstpointer data)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack (data);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (guint));
  WaAssets *assets;

  if (atlas == NULL)
    return;
  assets = wa_atlas_get_assets (atlas);
  g_assert_cmpuint (wa_assets_get_n_assets (assets), >, 20000);
  for (guint i = 0; i < wa_assets_get_n_assets (assets); i++)
    {
      const WaAsset *asset = wa_assets_get_asset (assets, i);
      WaBBox box = { asset->lon, asset->lat, asset->lon, asset->lat };
      guint containing = 0;

      g_assert_cmpint (asset->ward_index, >=, 0);
      g_array_set_size (candidates, 0);
      wa_atlas_query_wards (atlas, &box, candidates);
      for (guint k = 0; k < candidates->len; k++)
        {
          guint w = g_array_index (candidates, guint, k);
          WaGeometry *geometry = wa_ward_get_geometry (wa_atlas_get_ward (atlas, w));

          if (geometry != NULL && wa_geometry_contains (geometry, asset->lon, asset->lat))
            {
              containing++;
              /* Points exactly on a shared edge count for both wards; the
               * builder picks one of them. */
              if (containing == 1 && (int) w != asset->ward_index)
                g_assert_true (wa_geometry_contains (wa_ward_get_geometry (wa_atlas_get_ward (atlas, asset->ward_index)),
                                                     asset->lon, asset->lat));
            }
        }
      g_assert_cmpuint (containing, >=, 1);
      g_assert_cmpuint (containing, <=, 2);
    }
  for (guint w = 0; w < wa_atlas_get_n_wards (atlas); w++)
    {
      guint n, per_category[WA_N_ASSET_CATEGORIES] = { 0 };
      const guint *list = wa_assets_get_ward_assets (assets, w, &n);

      for (guint i = 0; i < n; i++)
        per_category[wa_assets_get_asset (assets, list[i])->category]++;
      for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
        g_assert_cmpuint (wa_assets_get_count (assets, w, c), ==, per_category[c]);
    }
}

static void
test_rutland_osm (gconstpointer data)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack (data);
  guint per_category[WA_N_ASSET_CATEGORIES] = { 0 };
  const WaAssetDataset *osm;
  WaAssets *assets;

  if (atlas == NULL)
    return;
  assets = wa_atlas_get_assets (atlas);
  osm = wa_test_find_asset_dataset (assets, "assets-rutland-osm");
  g_assert_cmpint (osm->imported, >, 100);
  for (guint i = 0; i < wa_assets_get_n_assets (assets); i++)
    {
      const WaAsset *asset = wa_assets_get_asset (assets, i);

      if (g_strcmp0 (asset->source_id, "assets-rutland-osm") == 0)
        {
          g_assert_cmpstr (wa_ward_get_lad_code (wa_atlas_get_ward (atlas, asset->ward_index)), ==, "E06000017");
          g_assert_true (g_str_has_prefix (asset->ref, "osm:"));
          per_category[asset->category]++;
        }
    }
  /* SOURCES.md §5.3: 66 places of worship, 28 schools, 6 post offices
   * among points and multipolygons; some pubs merge with the national
   * pubs file, so Rutland's own count is lower than its 44. */
  g_assert_cmpuint (per_category[WA_ASSET_PLACE_OF_WORSHIP], >=, 40);
  g_assert_cmpuint (per_category[WA_ASSET_SCHOOL], >=, 15);
  g_assert_cmpuint (per_category[WA_ASSET_POST_OFFICE], >=, 3);
  g_assert_cmpuint (per_category[WA_ASSET_COMMUNITY_HALL], >=, 1);

  /* ODbL: the map's one-line attribution credits OpenStreetMap. */
  {
    g_auto(GStrv) attributions = wa_atlas_dup_attributions (atlas);
    g_autofree char *line = wa_format_attribution_line ((const char *const *) attributions);

    g_assert_nonnull (strstr (line, "© OpenStreetMap contributors"));
    g_assert_nonnull (strstr (line, "Arts Council England"));
  }
}

static WaWard *
first_ward_of (WaAtlas *atlas, const char *lad)
{
  for (guint w = 0; w < wa_atlas_get_n_wards (atlas); w++)
    if (g_strcmp0 (wa_ward_get_lad_code (wa_atlas_get_ward (atlas, w)), lad) == 0
        && wa_ward_get_geometry (wa_atlas_get_ward (atlas, w)) != NULL)
      return wa_atlas_get_ward (atlas, w);
  g_error ("no ward in %s", lad);
}

static void
test_trafford_coverage (gconstpointer data)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack (data);
  const WaAssetCategory trafford_only[] = { WA_ASSET_CHARITY, WA_ASSET_COMMUNITY_HUB, WA_ASSET_SPORTS };
  guint totals[G_N_ELEMENTS (trafford_only)] = { 0 };
  WaAssetStat stats[WA_N_ASSET_CATEGORIES];
  WaAssets *assets;
  guint brum;

  if (atlas == NULL)
    return;
  assets = wa_atlas_get_assets (atlas);
  for (guint w = 0; w < wa_atlas_get_n_wards (atlas); w++)
    if (g_strcmp0 (wa_ward_get_lad_code (wa_atlas_get_ward (atlas, w)), TRAFFORD) == 0
        && wa_ward_get_geometry (wa_atlas_get_ward (atlas, w)) != NULL)
      for (guint c = 0; c < G_N_ELEMENTS (trafford_only); c++)
        {
          g_assert_true (wa_assets_is_covered (assets, w, trafford_only[c]));
          totals[c] += wa_assets_get_count (assets, w, trafford_only[c]);
        }
  g_assert_cmpuint (totals[0], >, 200);    /* charities with a Trafford contact address */
  g_assert_cmpuint (totals[1], ==, 6);     /* the six community hubs */
  g_assert_cmpuint (totals[2], >, 100);    /* sports sites */

  /* Outside Greater Manchester: not covered, which is not 0. */
  brum = wa_ward_get_index (first_ward_of (atlas, BIRMINGHAM));
  wa_assets_summarise (assets, brum, stats);
  for (guint c = 0; c < G_N_ELEMENTS (trafford_only); c++)
    g_assert_false (stats[trafford_only[c]].covered);
  g_assert_false (stats[WA_ASSET_FOOD_BANK].covered);
  /* National datasets cover it. */
  g_assert_true (stats[WA_ASSET_LIBRARY].covered);
  g_assert_true (stats[WA_ASSET_GP].covered);
  g_assert_true (stats[WA_ASSET_PUB].covered);
  g_assert_cmpuint (stats[WA_ASSET_GP].n_covered, >, 6000);
  g_assert_cmpuint (stats[WA_ASSET_GP].n_similar, ==, WA_ASSETS_N_SIMILAR);
  g_assert_false (isnan (stats[WA_ASSET_GP].england_median));
}

/* Runs ward-atlas-cli with args; returns the exit status. */
static int
run_cli (const char *const *args, char **out, char **err)
{
  const char *cli = g_getenv ("WA_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_cli (gconstpointer data)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack (data);
  g_autofree char *variable = g_strdup_printf ("WA_PACK_%s", (const char *) data);
  const char *pack = g_getenv (variable);
  g_autofree char *out = NULL, *err = NULL;
  WaWard *trafford, *brum;

  if (atlas == NULL)
    return;
  if (g_getenv ("WA_CLI") == NULL)
    {
      g_test_skip ("WA_CLI unset");
      return;
    }
  trafford = first_ward_of (atlas, TRAFFORD);
  brum = first_ward_of (atlas, BIRMINGHAM);

  /* info lists the datasets with coverage and record counts. */
  g_assert_cmpint (run_cli ((const char *[]) { "info", pack, NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Asset datasets:"));
  g_assert_nonnull (strstr (out, "assets-gp-practices-england"));
  g_assert_nonnull (strstr (out, "6740 geocoded by postcode, 10 unmatched"));
  g_assert_nonnull (strstr (out, "Coverage:    Trafford"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* table, csv and json for a Trafford ward. */
  g_assert_cmpint (run_cli ((const char *[]) { "assets", pack, wa_ward_get_code (trafford), NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Engaged community"));
  g_assert_nonnull (strstr (out, "not covered (data covers Rutland only)"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "assets", pack, wa_ward_get_code (trafford), "--format", "csv", NULL }, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "ward_code,domain,category,covered,count,"));
  {
    g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, WA_N_ASSET_CATEGORIES + 2);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "assets", pack, wa_ward_get_code (brum), "--format", "json", NULL }, &out, &err), ==, 0);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *categories;
    JsonObject *charities = NULL;

    g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
    categories = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                               "categories");
    for (guint i = 0; i < json_array_get_length (categories); i++)
      if (g_str_equal (json_object_get_string_member (json_array_get_object_element (categories, i),
                                                      "category"), "charities"))
        charities = json_array_get_object_element (categories, i);
    g_assert_nonnull (charities);
    g_assert_cmpstr (json_object_get_string_member (charities, "domain"), ==, "engaged");
    g_assert_false (json_object_get_boolean_member (charities, "covered"));
    g_assert_true (json_object_get_null_member (charities, "count"));
    g_assert_true (json_object_get_null_member (charities, "rate_per_1000"));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Bad input: unknown ward, unknown format. */
  g_assert_cmpint (run_cli ((const char *[]) { "assets", pack, "E05999999", NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "E05999999"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "assets", pack, wa_ward_get_code (brum), "--format", "xml", NULL }, &out, &err), ==, 2);
}


/* SOURCES.md §5.1: the national pharmacies and schools, as the build log
 * reports them. Pharmacies: 11,276 of 20,932 rows active; 10,435 active
 * community pharmacies in England; Welsh (705) and Isle of Man (25) ones
 * fall outside England. Schools: 27,332 open rows, 211 without a postcode,
 * some 1,800 in Wales and the Crown dependencies. */
static void
check_national_sources (WaAssets *assets)
{
  const WaAssetDataset *pharmacies = wa_test_find_asset_dataset (assets, "assets-pharmacies-england");
  const WaAssetDataset *schools = wa_test_find_asset_dataset (assets, "assets-schools-england");

  g_assert_cmpint (pharmacies->read, ==, 20932);
  g_assert_cmpint (pharmacies->excluded, ==, 20932 - 11276);
  /* Border postcodes fall either side with each edition's ward outlines. */
  g_assert_cmpint (pharmacies->outside, >=, 700);
  g_assert_cmpint (pharmacies->outside, <, 800);
  g_assert_cmpint (pharmacies->unmatched, <, 100);
  g_assert_cmpint (ABS (pharmacies->imported + pharmacies->merged + pharmacies->unmatched - 10435), <=, 15);
  g_assert_cmpint (schools->read, ==, 49514);
  g_assert_cmpint (schools->excluded, ==, 49514 - 27332);
  g_assert_cmpint (schools->no_location, ==, 211);
  g_assert_cmpint (schools->outside, >, 1800);
  g_assert_cmpint (schools->unmatched, <, 300);
  g_assert_cmpint (schools->imported, >, 24000);
}

/* The benchmark's groups partition England: their residents add up to
 * England's (summed here independently over the covered wards), and their
 * places plus those of wards without a population to the category's
 * points in the pack. */
static void
check_benchmark_sums (WaAtlas *atlas)
{
  WaAssets *assets = wa_atlas_get_assets (atlas);
  g_autoptr(GArray) rows = wa_asset_benchmark_dup_rows (atlas);
  g_autoptr(GPtrArray) all = wa_area_dup_wards (atlas, WA_AREA_LAND, NULL);
  guint64 points[WA_N_ASSET_CATEGORIES] = { 0 };

  /* Libraries, pubs, GP surgeries, pharmacies, schools and colleges. */
  g_assert_cmpuint (rows->len, ==, 5);
  for (guint i = 0; i < wa_assets_get_n_assets (assets); i++)
    points[wa_assets_get_asset (assets, i)->category]++;
  for (guint r = 0; r < rows->len; r++)
    {
      const WaBenchmarkRow *row = &g_array_index (rows, WaBenchmarkRow, r);
      gint64 residents = 0, sum_residents = 0;
      guint64 sum_count = row->count_no_population;
      guint sum_wards = 0;

      for (guint w = 0; w < wa_atlas_get_n_wards (atlas); w++)
        if (wa_assets_is_covered (assets, w, row->category))
          residents += MAX (wa_ward_get_population (wa_atlas_get_ward (atlas, w)), 0);
      for (guint g = 0; g < WA_N_BENCHMARK_GROUPS; g++)
        {
          sum_residents += row->groups[g].residents;
          sum_count += row->groups[g].count;
          sum_wards += row->groups[g].n_wards;
        }
      g_assert_cmpint (sum_residents, ==, row->england.residents);
      g_assert_cmpint (row->england.residents, ==, residents);
      g_assert_cmpuint (sum_wards, ==, row->england.n_wards);
      g_assert_cmpuint (sum_count, ==, points[row->category]);
      g_assert_cmpuint (row->groups[WA_BENCHMARK_LEFT_BEHIND].n_wards, >, 150);
      g_assert_cmpuint (row->groups[WA_BENCHMARK_OTHER_DEPRIVED].n_wards, >, 400);
      g_assert_cmpint (row->england.residents, >, 50000000);
      /* An area's sum (the panel's council rate) over every ward is England's. */
      {
        WaBenchmarkFigures sum;

        wa_asset_benchmark_sum_wards (atlas, all, row->category, &sum);
        g_assert_cmpuint (sum.n_wards, ==, row->england.n_wards);
        g_assert_cmpint (sum.residents, ==, row->england.residents);
        g_assert_cmpuint (sum.count, ==, row->england.count);
        g_assert_cmpfloat (sum.rate, ==, row->england.rate);
      }
    }
}

/* Marfleet (Hull), left behind in 2019: with the national pharmacies and
 * schools it has data for five categories, not three. */
static void
check_marfleet (WaAtlas *atlas, const char *code)
{
  WaAssetStat stats[WA_N_ASSET_CATEGORIES];
  WaWard *marfleet = wa_atlas_lookup_ward (atlas, code);
  guint covered = 0;

  g_assert_nonnull (marfleet);
  g_assert_cmpstr (wa_ward_get_name (marfleet), ==, "Marfleet");
  wa_assets_summarise (wa_atlas_get_assets (atlas), wa_ward_get_index (marfleet), stats);
  for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    covered += stats[c].covered;
  g_assert_cmpuint (covered, >=, 5);
  g_assert_true (stats[WA_ASSET_PHARMACY].covered);
  g_assert_true (stats[WA_ASSET_SCHOOL].covered);
}

/* One opening of the pack for the three checks: each opening costs
 * seconds under the sanitizers. */
static void
test_national (gconstpointer data)
{
  g_autoptr(WaAtlas) atlas = NULL;

  if (!wa_test_edition_wanted (data))
    {
      g_test_skip ("edition not in $WA_TEST_EDITIONS");
      return;
    }
  if ((atlas = wa_test_open_pack (data)) == NULL)
    return;
  check_national_sources (wa_atlas_get_assets (atlas));
  check_benchmark_sums (atlas);
  check_marfleet (atlas, g_str_equal (data, "2019") ? "E05001676" : "E05011536");
}

/* `benchmark --format csv`: one row per national category and group. */
static void
test_benchmark_cli (void)
{
  const char *pack = g_getenv ("WA_PACK_2025");
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;

  if (pack == NULL || !g_file_test (pack, G_FILE_TEST_EXISTS) || g_getenv ("WA_CLI") == NULL
      || !wa_test_edition_wanted ("2025"))
    {
      g_test_skip ("no 2025 pack, WA_CLI unset or 2025 not in $WA_TEST_EDITIONS");
      return;
    }
  g_assert_cmpint (run_cli ((const char *[]) { "benchmark", pack, "--format", "csv", NULL }, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "category,group,wards,residents,count,rate_per_100000,"));
  lines = g_strsplit (out, "\n", -1);
  /* Header, 5 categories x 4 groups, and the empty string after the last newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 5 * 4 + 1);
  g_assert_true (g_str_has_prefix (lines[1], "libraries,left_behind,"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* Refused before the pack is opened. */
  g_assert_cmpint (run_cli ((const char *[]) { "benchmark", pack, "--format", "xml", NULL }, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "xml"));
}

/* ---- the app's progressive open ------------------------------------------- */

static void
opened_progressively (GObject *source, GAsyncResult *result, gpointer data)
{
  WaAtlas **out = data;
  g_autoptr(GError) error = NULL;

  *out = wa_atlas_open_progressive_finish (result, &error);
  g_assert_no_error (error);
}

static void
assert_same_double (double a, double b)
{
  if (isnan (a) || isnan (b))
    g_assert_true (isnan (a) && isnan (b));
  else
    g_assert_cmpfloat (a, ==, b);
}

static void
assert_same_stat (const WaAssetStat *a, const WaAssetStat *b)
{
  g_assert_cmpint (a->category, ==, b->category);
  g_assert_cmpint (a->covered, ==, b->covered);
  g_assert_cmpuint (a->count, ==, b->count);
  assert_same_double (a->rate, b->rate);
  assert_same_double (a->england_median, b->england_median);
  assert_same_double (a->left_behind_median, b->left_behind_median);
  assert_same_double (a->similar_median, b->similar_median);
  g_assert_cmpuint (a->n_covered, ==, b->n_covered);
  g_assert_cmpuint (a->n_left_behind, ==, b->n_left_behind);
  g_assert_cmpuint (a->n_similar, ==, b->n_similar);
  assert_same_double (a->england_rate, b->england_rate);
  assert_same_double (a->similar_rate, b->similar_rate);
  assert_same_double (a->mean_rate, b->mean_rate);
  assert_same_double (a->share_with_any, b->share_with_any);
  g_assert_cmpint (a->rare, ==, b->rare);
  assert_same_double (a->scale_max, b->scale_max);
}

/* The app's open (the assets read after the atlas is handed over, in
 * another thread, on a dataset of their own) reads the same assets as the
 * full open: every point, every dataset, every ward's counts and rates;
 * the whole summary (similar wards included, which costs a sort of all
 * wards each) for one ward in 97. */
static void
test_progressive_open (gconstpointer data)
{
  g_autoptr(WaAtlas) full = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  WaAssets *a, *b;
  GPtrArray *da, *db;

  if (!wa_test_edition_wanted (data))
    {
      g_test_skip ("edition not in $WA_TEST_EDITIONS");
      return;
    }
  if ((full = wa_test_open_pack (data)) == NULL)
    return;
  wa_atlas_open_progressive_async (wa_atlas_get_path (full), NULL, NULL, opened_progressively, &atlas);
  while (atlas == NULL)
    g_main_context_iteration (NULL, TRUE);
  a = wa_atlas_get_assets (atlas);
  b = wa_atlas_get_assets (full);
  g_assert_null (wa_atlas_get_load_error (atlas));
  g_assert_cmpuint (wa_assets_get_n_assets (a), >, 20000);
  g_assert_cmpuint (wa_assets_get_n_assets (a), ==, wa_assets_get_n_assets (b));
  for (guint i = 0; i < wa_assets_get_n_assets (a); i++)
    {
      const WaAsset *x = wa_assets_get_asset (a, i), *y = wa_assets_get_asset (b, i);

      g_assert_cmpint (x->category, ==, y->category);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->source_id, ==, y->source_id);
      g_assert_cmpfloat (x->lon, ==, y->lon);
      g_assert_cmpfloat (x->lat, ==, y->lat);
      g_assert_cmpint (x->ward_index, ==, y->ward_index);
    }
  da = wa_assets_get_datasets (a);
  db = wa_assets_get_datasets (b);
  g_assert_cmpuint (da->len, ==, db->len);
  for (guint i = 0; i < da->len; i++)
    {
      const WaAssetDataset *x = da->pdata[i], *y = db->pdata[i];

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpint (x->imported, ==, y->imported);
      g_assert_cmpstr (x->coverage_name, ==, y->coverage_name);
    }
  g_assert_cmpuint (wa_atlas_get_n_wards (atlas), ==, wa_atlas_get_n_wards (full));
  for (guint w = 0; w < wa_atlas_get_n_wards (atlas); w++)
    {
      guint na, nb;
      const guint *la = wa_assets_get_ward_assets (a, w, &na);
      const guint *lb = wa_assets_get_ward_assets (b, w, &nb);

      g_assert_cmpmem (la, na * sizeof (guint), lb, nb * sizeof (guint));
      for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
        {
          g_assert_cmpint (wa_assets_is_covered (a, w, c), ==, wa_assets_is_covered (b, w, c));
          g_assert_cmpuint (wa_assets_get_count (a, w, c), ==, wa_assets_get_count (b, w, c));
        }
      if (w % 97 == 0)
        {
          WaAssetStat sa[WA_N_ASSET_CATEGORIES], sb[WA_N_ASSET_CATEGORIES];

          wa_assets_summarise (a, w, sa);
          wa_assets_summarise (b, w, sb);
          for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
            assert_same_stat (&sa[c], &sb[c]);
        }
    }
}

int
main (int argc, char **argv)
{
  static const char *const editions[] = { "2019", "2025" };

  g_test_init (&argc, &argv, NULL);
  for (guint e = 0; e < G_N_ELEMENTS (editions); e++)
    {
      const char *edition = editions[e];
      g_autofree char *a = g_strdup_printf ("/real-data/%s/assets/geocode-rates", edition);
      g_autofree char *b = g_strdup_printf ("/real-data/%s/assets/one-ward-each", edition);
      g_autofree char *c = g_strdup_printf ("/real-data/%s/assets/rutland-osm", edition);
      g_autofree char *d = g_strdup_printf ("/real-data/%s/assets/trafford-coverage", edition);

      g_test_add_data_func (a, edition, test_geocode_rates);
      g_test_add_data_func (b, edition, test_one_ward_each);
      g_test_add_data_func (c, edition, test_rutland_osm);
      g_autofree char *e = g_strdup_printf ("/real-data/%s/assets/cli", edition);

      g_autofree char *n = g_strdup_printf ("/real-data/%s/assets/national", edition);

      g_test_add_data_func (d, edition, test_trafford_coverage);
      g_test_add_data_func (e, edition, test_cli);
      g_test_add_data_func (n, edition, test_national);
      g_autofree char *p = g_strdup_printf ("/real-data/%s/assets/progressive-open", edition);

      g_test_add_data_func (p, edition, test_progressive_open);
    }
  g_test_add_func ("/real-data/2025/assets/benchmark-cli", test_benchmark_cli);
  return g_test_run ();
}
