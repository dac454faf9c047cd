/* test-assets.c: asset import, coverage and per-ward figures on small
 * sources written in code (the fixture's four 0.1° square wards). */
#include "wa-test-fixtures.h"
#include "wa-gdal-util.h"
#include "wa-pack-builder.h"
#include "wa-pack.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utime.h>

typedef struct {
  WaTestSources sources;
  GPtrArray *messages;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  wa_test_sources_init (&f->sources);
  f->messages = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  wa_test_sources_clear (&f->sources);
  g_ptr_array_unref (f->messages);
}

static void
on_progress (const char *message, gpointer user_data)
{
  Fixture *f = user_data;
  g_ptr_array_add (f->messages, g_strdup (message));
}

/* Appends asset sections to the fixture's manifest. */
static void
add_assets (Fixture *f, const char *sections)
{
  g_autofree char *text = NULL;

  g_autofree char *joined = NULL;

  g_assert_true (g_file_get_contents (f->sources.manifest, &text, NULL, NULL));
  joined = g_strconcat (text, sections, NULL);
  g_free (wa_test_write_file (f->sources.dir, "test.manifest", joined));
}

static char *
asset_section (const char *id, const char *file, const char *format, const char *extra)
{
  return g_strdup_printf ("[source %s]\nrole=assets\ntitle=Test %s\nfile=%s\nformat=%s\n"
                          "editions=2025\npublisher=Test\nurl=https://example.org/\nlicence=OGL\n"
                          "attribution=Test assets\n%s\n", id, id, file, format, extra);
}

static gboolean
build (Fixture *f, GError **error)
{
  WaPackBuildOptions options = {
    .edition = WA_EDITION_2025,
    .manifest_path = f->sources.manifest,
    .sources_dir = f->sources.dir,
    .output_path = f->sources.output,
    .progress = on_progress,
    .progress_data = f,
  };

  return wa_pack_build (&options, error);
}

static gboolean
has_message (Fixture *f, const char *a, const char *b)
{
  for (guint i = 0; i < f->messages->len; i++)
    if (strstr (f->messages->pdata[i], a) != NULL && (b == NULL || strstr (f->messages->pdata[i], b) != NULL))
      return TRUE;
  return FALSE;
}


static guint
ward (WaAtlas *atlas, const char *code)
{
  WaWard *w = wa_atlas_lookup_ward (atlas, code);
  g_assert_nonnull (w);
  return wa_ward_get_index (w);
}

/* Eastings/northings of a lon/lat, so the fixture can check the import's
 * reprojection by the round trip. */
static void
to_british_grid (double lon, double lat, double *x, double *y)
{
  OGRSpatialReferenceH from = wa_gdal_srs_new (4326), to = wa_gdal_srs_new (27700);
  OGRCoordinateTransformationH t = OCTNewCoordinateTransformation (from, to);

  *x = lon, *y = lat;
  g_assert_true (OCTTransform (t, 1, x, y, NULL));
  OCTDestroyCoordinateTransformation (t);
  OSRDestroySpatialReference (from);
  OSRDestroySpatialReference (to);
}

static const char osm_xml[] =
  "<?xml version='1.0' encoding='UTF-8'?>\n<osm version='0.6' generator='test'>\n"
  " <node id='1' lat='52.05' lon='-0.95' version='1'><tag k='amenity' v='pub'/><tag k='name' v='The Plough'/></node>\n"
  " <node id='2' lat='52.05' lon='-0.85' version='1'><tag k='amenity' v='place_of_worship'/><tag k='name' v='St Mary'/></node>\n"
  " <node id='3' lat='52.06' lon='-0.85' version='1'><tag k='amenity' v='bench'/></node>\n"
  " <node id='4' lat='52.06' lon='-0.85' version='1'><tag k='leisure' v='park'/><tag k='name' v='Rec'/></node>\n"
  " <node id='10' lat='52.01' lon='-0.79' version='1'/>\n"
  " <node id='11' lat='52.01' lon='-0.71' version='1'/>\n"
  " <node id='12' lat='52.03' lon='-0.71' version='1'/>\n"
  " <node id='13' lat='52.03' lon='-0.79' version='1'/>\n"
  " <way id='20' version='1'><nd ref='10'/><nd ref='11'/><nd ref='12'/><nd ref='13'/><nd ref='10'/>"
  "<tag k='building' v='yes'/><tag k='amenity' v='community_centre'/><tag k='name' v='Village Hall'/></way>\n"
  "</osm>\n";

static void
write_sources (Fixture *f)
{
  g_autofree char *en = NULL;
  g_autofree char *all = NULL;
  g_autofree char *s_pc = NULL, *s_en = NULL, *s_osm = NULL, *s_ll = NULL, *s_out = NULL, *s_zero = NULL;
  double x, y;

  /* Postcode spellings: no space, normal, and padded with extra spaces. */
  wa_test_sources_write_csv (&f->sources, "libraries.csv",
                             "name,postcode,closed\n"
                             "Library A,ab12cd,\n"
                             "Library B,AB1 2CE,\n"
                             "Library C, ab12  3ef ,\n"
                             "Library D,ZZ1 1ZZ,\n"
                             "Library E,not a postcode,\n"
                             "Library F,AB1 2CE,2015\n"
                             "Library G,CF1 1AA,\n"
                             "Library H,JE2 3AB,\n");
  to_british_grid (-0.95, 52.05, &x, &y);
  en = g_strdup_printf ("name,e,n\nSurgery One,%.3f,%.3f\nSurgery Far,9999999,-5\n", x, y);
  wa_test_sources_write_csv (&f->sources, "gps.csv", en);
  wa_test_sources_write_csv (&f->sources, "places.osm", osm_xml);
  /* 20 m east of AB1 2CD: the same library by name, so it merges. */
  wa_test_sources_write_csv (&f->sources, "lonlat.csv",
                             "name,lon,lat\nThe  Library a,-0.9497,52.05\n");
  wa_test_sources_write_csv (&f->sources, "banks.csv", "name,lon,lat\nBank,-0.95,52.05\n");
  wa_test_sources_write_csv (&f->sources, "charities.csv", "name,lon,lat\n");

  s_pc = asset_section ("libs", "libraries.csv", "csv",
                        "column.name=name\ncolumn.postcode=postcode\ncolumn.closed=closed\n"
                        "option.exclude_if_set=closed\noption.category=libraries\noption.coverage=england\n");
  s_en = asset_section ("gps", "gps.csv", "csv",
                        "column.name=name\ncolumn.x=e\ncolumn.y=n\noption.srs=27700\n"
                        "option.category=gp_surgeries\noption.coverage=england\n");
  s_osm = asset_section ("osm", "places.osm", "osm",
                         "option.osm_tags=amenity=pub:pubs;amenity=place_of_worship:places_of_worship;"
                         "leisure=park:green_space;amenity=community_centre:community_halls\n"
                         "option.coverage=E06000001\noption.coverage_name=Testshire\n");
  s_ll = asset_section ("lonlat", "lonlat.csv", "csv",
                        "column.name=name\ncolumn.lon=lon\ncolumn.lat=lat\n"
                        "option.category=libraries\noption.coverage=england\n");
  s_out = asset_section ("banks", "banks.csv", "csv",
                         "column.name=name\ncolumn.lon=lon\ncolumn.lat=lat\n"
                         "option.category=food_banks\noption.coverage=E06000099\noption.coverage_name=Elsewhere\n");
  s_zero = asset_section ("charities", "charities.csv", "csv",
                          "column.name=name\ncolumn.lon=lon\ncolumn.lat=lat\n"
                          "option.category=charities\noption.coverage=E06000001\n");
  all = g_strconcat (s_pc, s_en, s_osm, s_ll, s_out, s_zero, NULL);
  add_assets (f, all);
}

static void
test_import (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  const WaAssetDataset *libs, *gps, *osm, *lonlat, *banks;
  WaAssets *assets;
  guint w1, w2, w3, n;
  const guint *list;

  write_sources (f);
  g_assert_true (build (f, &error));
  g_assert_no_error (error);
  atlas = wa_atlas_open (f->sources.output, &error);
  g_assert_no_error (error);
  assets = wa_atlas_get_assets (atlas);
  w1 = ward (atlas, "E05000001"), w2 = ward (atlas, "E05000002"), w3 = ward (atlas, "E05000003");

  /* Postcodes: three spellings geocode; one unknown and one malformed are
   * counted as unmatched and reported; the closed one is excluded; the
   * fixture's Welsh postcode (not in the pack's England-only table) is
   * still found, through the other countries' postcodes, and here it lies
   * inside ward 1. */
  libs = wa_test_find_asset_dataset (assets, "libs");
  g_assert_cmpint (libs->read, ==, 8);
  g_assert_cmpint (libs->excluded, ==, 1);
  g_assert_cmpint (libs->geocoded, ==, 4);
  g_assert_cmpint (libs->unmatched, ==, 2);
  /* Jersey is not in Code-Point, but known to lie outside England: outside,
   * not unmatched, and not reported as an unknown postcode. */
  g_assert_cmpint (libs->outside, ==, 1);
  g_assert_false (has_message (f, "libraries.csv: row 8", NULL));
  g_assert_cmpint (libs->merged, ==, 1);
  g_assert_cmpint (libs->imported, ==, 3);
  g_assert_true (has_message (f, "libraries.csv: row 4", "ZZ1 1ZZ"));
  g_assert_true (has_message (f, "libraries.csv: row 5", "not a postcode"));

  /* The exact position is kept when duplicates merge. */
  lonlat = wa_test_find_asset_dataset (assets, "lonlat");
  g_assert_cmpint (lonlat->imported, ==, 1);
  g_assert_cmpuint (wa_assets_get_count (assets, w1, WA_ASSET_LIBRARY), ==, 2);
  g_assert_cmpuint (wa_assets_get_count (assets, w2, WA_ASSET_LIBRARY), ==, 1);
  g_assert_cmpuint (wa_assets_get_count (assets, w3, WA_ASSET_LIBRARY), ==, 1);
  list = wa_assets_get_ward_assets (assets, w1, &n);
  g_assert_cmpuint (n, >=, 1);
  {
    const WaAsset *a = NULL;
    for (guint i = 0; i < n; i++)
      if (wa_assets_get_asset (assets, list[i])->category == WA_ASSET_LIBRARY
          && g_strcmp0 (wa_assets_get_asset (assets, list[i])->source_id, "lonlat") == 0)
        a = wa_assets_get_asset (assets, list[i]);
    g_assert_nonnull (a);
    g_assert_cmpstr (a->source_id, ==, "lonlat");
    g_assert_cmpstr (a->merged_from, ==, "libs");
    g_assert_cmpstr (a->postcode, ==, "AB1 2CD");
    g_assert_cmpfloat_with_epsilon (a->lon, -0.9497, 1e-9);
  }

  /* Eastings/northings come back to the same lon/lat; the far row is
   * reported with file and row. */
  gps = wa_test_find_asset_dataset (assets, "gps");
  g_assert_cmpint (gps->imported, ==, 1);
  g_assert_cmpint (gps->no_location, ==, 1);
  g_assert_true (has_message (f, "gps.csv: row 2", "out of range"));
  list = wa_assets_get_ward_assets (assets, w1, &n);
  for (guint i = 0; i < n; i++)
    {
      const WaAsset *a = wa_assets_get_asset (assets, list[i]);
      if (a->category == WA_ASSET_GP)
        {
          g_assert_cmpfloat_with_epsilon (a->lon, -0.95, 1e-6);
          g_assert_cmpfloat_with_epsilon (a->lat, 52.05, 1e-6);
        }
    }
  g_assert_cmpuint (wa_assets_get_count (assets, w1, WA_ASSET_GP), ==, 1);

  /* OSM tags map to categories; the bench is not an asset; the closed way
   * becomes a multipolygon placed in ward 3. */
  osm = wa_test_find_asset_dataset (assets, "osm");
  g_assert_cmpint (osm->read, ==, 4);
  g_assert_cmpint (osm->imported, ==, 4);
  g_assert_cmpuint (wa_assets_get_count (assets, w1, WA_ASSET_PUB), ==, 1);
  g_assert_cmpuint (wa_assets_get_count (assets, w2, WA_ASSET_PLACE_OF_WORSHIP), ==, 1);
  g_assert_cmpuint (wa_assets_get_count (assets, w2, WA_ASSET_GREEN_SPACE), ==, 1);
  g_assert_cmpuint (wa_assets_get_count (assets, w3, WA_ASSET_COMMUNITY_HALL), ==, 1);
  g_assert_cmpstr (wa_assets_get_coverage_name (assets, WA_ASSET_PUB), ==, "Testshire");

  /* Coverage: outside it, "not covered"; inside with no records, 0. */
  banks = wa_test_find_asset_dataset (assets, "banks");
  g_assert_cmpint (banks->outside, ==, 1);
  g_assert_cmpint (banks->imported, ==, 0);
  g_assert_false (wa_assets_is_covered (assets, w1, WA_ASSET_FOOD_BANK));
  g_assert_true (wa_assets_is_covered (assets, w1, WA_ASSET_CHARITY));
  g_assert_cmpuint (wa_assets_get_count (assets, w1, WA_ASSET_CHARITY), ==, 0);
  g_assert_false (wa_assets_is_covered (assets, w1, WA_ASSET_SCHOOL));
  {
    WaAssetStat stats[WA_N_ASSET_CATEGORIES];

    wa_assets_summarise (assets, w1, stats);
    g_assert_false (stats[WA_ASSET_FOOD_BANK].covered);
    g_assert_true (isnan (stats[WA_ASSET_FOOD_BANK].rate));
    g_assert_true (stats[WA_ASSET_CHARITY].covered);
    g_assert_cmpfloat (stats[WA_ASSET_CHARITY].rate, ==, 0.0);
  }
}

/* Rates per 1,000 and medians over covered wards. Populations: ward 1 and
 * 2 hold 400, ward 3 200, ward 4 is unknown. Libraries: 2, 1, 1: rates
 * 5, 2.5, 5; ward 4's unknown rate is left out. */
static void
test_rates_and_medians (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  WaAssetStat stats[WA_N_ASSET_CATEGORIES];
  WaAssets *assets;
  guint w3;

  write_sources (f);
  g_assert_true (build (f, &error));
  atlas = wa_atlas_open (f->sources.output, &error);
  g_assert_no_error (error);
  assets = wa_atlas_get_assets (atlas);
  w3 = ward (atlas, "E05000003");

  wa_assets_summarise (assets, w3, stats);
  g_assert_cmpuint (stats[WA_ASSET_LIBRARY].count, ==, 1);
  g_assert_cmpfloat_with_epsilon (stats[WA_ASSET_LIBRARY].rate, 5.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats[WA_ASSET_LIBRARY].england_median, 5.0, 1e-9);
  g_assert_cmpuint (stats[WA_ASSET_LIBRARY].n_covered, ==, 3);
  /* 4 libraries over 1,000 residents; the mean of 5, 2.5 and 5; every ward
   * has one; the 95th percentile of three rates is the largest. */
  g_assert_cmpfloat_with_epsilon (stats[WA_ASSET_LIBRARY].england_rate, 4.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats[WA_ASSET_LIBRARY].mean_rate, 12.5 / 3, 1e-9);
  g_assert_cmpfloat (stats[WA_ASSET_LIBRARY].share_with_any, ==, 1.0);
  g_assert_false (stats[WA_ASSET_LIBRARY].rare);
  g_assert_cmpfloat (stats[WA_ASSET_LIBRARY].scale_max, >=, 5.0);
  g_assert_cmpfloat (stats[WA_ASSET_LIBRARY].scale_max, >=, stats[WA_ASSET_LIBRARY].similar_rate);

  /* Similar wards: the others with both ranks, nearest first; the median
   * is over exactly those. */
  {
    g_autoptr(GArray) similar = wa_assets_dup_similar_wards (assets, w3, WA_ASSET_LIBRARY);
    double rates[WA_ASSETS_N_SIMILAR];

    g_assert_cmpuint (similar->len, ==, stats[WA_ASSET_LIBRARY].n_similar);
    g_assert_cmpuint (similar->len, >=, 1);
    for (guint i = 0; i < similar->len; i++)
      {
        guint w = g_array_index (similar, guint, i);
        g_assert_cmpuint (w, !=, w3);
        rates[i] = wa_asset_rate (wa_assets_get_count (assets, w, WA_ASSET_LIBRARY),
                                  wa_ward_get_population (wa_atlas_get_ward (atlas, w)));
      }
    g_assert_cmpfloat_with_epsilon (stats[WA_ASSET_LIBRARY].similar_median,
                                    wa_stats_median (rates, similar->len), 1e-9);
  }

  /* The three-way benchmark takes the categories whose data covers all of
   * England (libraries and GP practices here, not the OSM file's), over
   * the wards with a population: 400 + 400 + 200 residents holding
   * 2 + 1 + 1 libraries, 400 per 100,000. */
  {
    g_autoptr(GArray) rows = wa_asset_benchmark_dup_rows (atlas);
    const WaBenchmarkRow *libraries = &g_array_index (rows, WaBenchmarkRow, 0);

    g_assert_cmpuint (rows->len, ==, 2);
    g_assert_cmpint (libraries->category, ==, WA_ASSET_LIBRARY);
    g_assert_cmpint (g_array_index (rows, WaBenchmarkRow, 1).category, ==, WA_ASSET_GP);
    g_assert_cmpint (libraries->england.residents, ==, 1000);
    g_assert_cmpuint (libraries->england.count, ==, 4);
    g_assert_cmpfloat_with_epsilon (libraries->england.rate, 400.0, 1e-9);
    g_assert_cmpuint (libraries->n_wards_no_population, ==, 1);
    g_assert_false (wa_assets_category_is_national (assets, WA_ASSET_PUB));
  }

  /* Left-behind median follows the rank method's classification. */
  {
    double rates[8];
    guint n = 0;

    for (guint w = 0; w < wa_atlas_get_n_wards (atlas); w++)
      {
        WaWard *ward_w = wa_atlas_get_ward (atlas, w);
        double rate = wa_asset_rate (wa_assets_get_count (assets, w, WA_ASSET_LIBRARY),
                                     wa_ward_get_population (ward_w));
        if (wa_ward_get_left_behind (ward_w) && !isnan (rate))
          rates[n++] = rate;
      }
    g_assert_cmpuint (stats[WA_ASSET_LIBRARY].n_left_behind, ==, n);
    if (n == 0)
      g_assert_true (isnan (stats[WA_ASSET_LIBRARY].left_behind_median));
    else
      g_assert_cmpfloat_with_epsilon (stats[WA_ASSET_LIBRARY].left_behind_median,
                                      wa_stats_median (rates, n), 1e-9);
  }
}

static void
test_rate_arithmetic (void)
{
  const double values[] = { 3, NAN, 1, 2, 10 };

  g_assert_cmpfloat_with_epsilon (wa_asset_rate (3, 1500), 2.0, 1e-12);
  g_assert_cmpfloat (wa_asset_rate (0, 1500), ==, 0.0);
  g_assert_true (isnan (wa_asset_rate (1, 0)));
  g_assert_true (isnan (wa_asset_rate (1, -1)));
  g_assert_cmpfloat (wa_stats_median (values, 5), ==, 2.5);
  g_assert_cmpfloat (wa_stats_median (values, 4), ==, 2.0);
}

/* The APPG's three-way benchmark, worked by hand:
 *   ward  residents  left behind  IMD 10 %  places  rate per 100,000
 *   0        1,000   yes          yes          1    100
 *   1        3,000   yes          no           0      0
 *   2        2,000   no           yes          4    200
 *   3        4,000   no           no          10    250
 *   4      unknown   no           yes          2    (takes no part)
 *   5       10,000   no           no           5     50
 * Left behind (0, 1; left behind wins over IMD): 1 place / 4,000 = 25.
 * Other deprived (2): 4 / 2,000 = 200. Other (3, 5): 15 / 14,000 =
 * 107.142857. England (all but 4): 20 / 20,000 = 100. Of the two
 * left-behind wards only ward 1 is below England's 100: ward 0 is exactly
 * at it. */
static void
test_benchmark_arithmetic (void)
{
  const WaBenchmarkWard wards[] = {
    { 1000, TRUE, TRUE, 1 },
    { 3000, TRUE, FALSE, 0 },
    { 2000, FALSE, TRUE, 4 },
    { 4000, FALSE, FALSE, 10 },
    { -1, FALSE, TRUE, 2 },
    { 10000, FALSE, FALSE, 5 },
  };
  WaBenchmarkRow row;
  const WaBenchmarkFigures *lb = &row.groups[WA_BENCHMARK_LEFT_BEHIND];
  const WaBenchmarkFigures *deprived = &row.groups[WA_BENCHMARK_OTHER_DEPRIVED];
  const WaBenchmarkFigures *rest = &row.groups[WA_BENCHMARK_REST];

  wa_asset_benchmark_compute (wards, G_N_ELEMENTS (wards), WA_ASSET_PHARMACY, &row);
  g_assert_cmpint (row.category, ==, WA_ASSET_PHARMACY);
  g_assert_cmpuint (lb->n_wards, ==, 2);
  g_assert_cmpint (lb->residents, ==, 4000);
  g_assert_cmpuint (lb->count, ==, 1);
  g_assert_cmpfloat_with_epsilon (lb->rate, 25.0, 1e-9);
  g_assert_cmpuint (deprived->n_wards, ==, 1);
  g_assert_cmpint (deprived->residents, ==, 2000);
  g_assert_cmpfloat_with_epsilon (deprived->rate, 200.0, 1e-9);
  g_assert_cmpuint (rest->n_wards, ==, 2);
  g_assert_cmpint (rest->residents, ==, 14000);
  g_assert_cmpuint (rest->count, ==, 15);
  g_assert_cmpfloat_with_epsilon (rest->rate, 1500000.0 / 14000.0, 1e-9);
  g_assert_cmpuint (row.england.n_wards, ==, 5);
  g_assert_cmpint (row.england.residents, ==, 20000);
  g_assert_cmpuint (row.england.count, ==, 20);
  g_assert_cmpfloat_with_epsilon (row.england.rate, 100.0, 1e-9);
  g_assert_cmpuint (row.n_wards_no_population, ==, 1);
  g_assert_cmpuint (row.count_no_population, ==, 2);
  g_assert_cmpuint (row.n_left_behind_below, ==, 1);
  g_assert_cmpfloat (row.share_left_behind_below, ==, 0.5);

  /* No left-behind ward: no share, and no rate for an empty group. */
  wa_asset_benchmark_compute (wards + 2, 4, WA_ASSET_PHARMACY, &row);
  g_assert_cmpuint (row.groups[WA_BENCHMARK_LEFT_BEHIND].n_wards, ==, 0);
  g_assert_true (isnan (row.groups[WA_BENCHMARK_LEFT_BEHIND].rate));
  g_assert_true (isnan (row.share_left_behind_below));
  g_assert_cmpfloat_with_epsilon (wa_asset_benchmark_rate (3, 150000), 2.0, 1e-12);
  g_assert_true (isnan (wa_asset_benchmark_rate (1, 0)));
}

static void
test_categories (void)
{
  guint shapes = 0;

  for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    {
      WaAssetCategory back;

      g_assert_true (wa_asset_category_from_id (wa_asset_category_id (c), &back));
      g_assert_cmpint (back, ==, c);
      g_assert_nonnull (wa_asset_category_name (c));
      /* Every category has its own shape: colour is never the only cue. */
      g_assert_false (shapes & (1u << wa_asset_category_shape (c)));
      shapes |= 1u << wa_asset_category_shape (c);
    }
  g_assert_cmpint (wa_asset_category_domain (WA_ASSET_LIBRARY), ==, WA_ASSET_DOMAIN_CIVIC);
  g_assert_cmpint (wa_asset_category_domain (WA_ASSET_FOOD_BANK), ==, WA_ASSET_DOMAIN_ENGAGED);
  g_assert_cmpint (wa_asset_category_domain (WA_ASSET_GP), ==, WA_ASSET_DOMAIN_CONNECTED);
}

static void
test_name_key (void)
{
  g_autofree char *a = wa_asset_name_key ("The Crown & Anchor");
  g_autofree char *b = wa_asset_name_key ("  crown and anchor ");
  g_autofree char *c = wa_asset_name_key ("--");
  g_autofree char *d = wa_asset_name_key ("Altrincham Library");
  g_autofree char *e = wa_asset_name_key ("ALTRINCHAM");
  g_autofree char *f = wa_asset_name_key ("St Mary's Church");
  g_autofree char *g = wa_asset_name_key ("Post Office");
  /* Bytes that are not UTF-8 (fuzz-search's crash): replaced, not read past. */
  g_autofree char *h = wa_asset_name_key ("\xff\xff\xef\xff The \xf9" "Crown");

  g_assert_cmpstr (a, ==, "crownandanchor");
  g_assert_true (h != NULL && g_utf8_validate (h, -1, NULL));
  g_assert_nonnull (strstr (h, "crown"));
  g_assert_cmpstr (a, ==, b);
  g_assert_null (c);
  g_assert_cmpstr (d, ==, e);
  g_assert_cmpstr (f, ==, "stmarys");
  g_assert_cmpstr (g, ==, "post");
}

/* A GeoPackage in British National Grid with a polygon and a point, and a
 * category column: the layer's own SRS is used for reprojection and the
 * polygon is placed by a point on its surface. */
static void
test_geopackage (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->sources.dir, "halls.gpkg", NULL);
  g_autofree char *section = asset_section ("halls", "halls.gpkg", "gpkg",
                                            "layer=halls\ncolumn.name=name\ncolumn.category=kind\n"
                                            "option.category_map=Village hall:community_halls;Shed:-\n"
                                            "option.coverage=england\n");
  OGRSpatialReferenceH bng = wa_gdal_srs_new (27700);
  GDALDatasetH dataset = GDALCreate (GDALGetDriverByName ("GPKG"), path, 0, 0, 0, GDT_Unknown, NULL);
  OGRLayerH layer = GDALDatasetCreateLayer (dataset, "halls", bng, wkbUnknown, NULL);
  const struct { const char *name, *kind; double lon, lat; gboolean polygon; } rows[] = {
    { "Hall One", "Village hall", -0.95, 52.05, TRUE },
    { "Hall Three", "Village hall", -0.75, 52.05, FALSE },
    { "Tool shed", "Shed", -0.85, 52.05, FALSE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  const WaAssetDataset *halls;
  WaAssets *assets;

  for (guint c = 0; c < 2; c++)
    {
      OGRFieldDefnH field = OGR_Fld_Create (c == 0 ? "name" : "kind", OFTString);
      OGR_L_CreateField (layer, field, TRUE);
      OGR_Fld_Destroy (field);
    }
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH geometry = NULL;
      g_autofree char *wkt = NULL;
      char *cursor;
      double x, y, d = 0;

      to_british_grid (rows[i].lon, rows[i].lat, &x, &y);
      if (rows[i].polygon)
        d = 100;   /* a 200 m square around the point */
      wkt = rows[i].polygon
            ? g_strdup_printf ("POLYGON ((%f %f, %f %f, %f %f, %f %f, %f %f))", x - d, y - d, x + d, y - d,
                               x + d, y + d, x - d, y + d, x - d, y - d)
            : g_strdup_printf ("POINT (%f %f)", x, y);
      cursor = wkt;
      g_assert_cmpint (OGR_G_CreateFromWkt (&cursor, bng, &geometry), ==, OGRERR_NONE);
      OGR_F_SetFieldString (feature, 0, rows[i].name);
      OGR_F_SetFieldString (feature, 1, rows[i].kind);
      OGR_F_SetGeometryDirectly (feature, geometry);
      g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);
  OSRDestroySpatialReference (bng);

  add_assets (f, section);
  g_assert_true (build (f, &error));
  g_assert_no_error (error);
  atlas = wa_atlas_open (f->sources.output, &error);
  g_assert_no_error (error);
  assets = wa_atlas_get_assets (atlas);
  halls = wa_test_find_asset_dataset (assets, "halls");
  g_assert_cmpint (halls->read, ==, 3);
  g_assert_cmpint (halls->skipped, ==, 1);
  g_assert_cmpint (halls->imported, ==, 2);
  g_assert_cmpuint (wa_assets_get_count (assets, ward (atlas, "E05000001"), WA_ASSET_COMMUNITY_HALL), ==, 1);
  g_assert_cmpuint (wa_assets_get_count (assets, ward (atlas, "E05000003"), WA_ASSET_COMMUNITY_HALL), ==, 1);
  g_assert_cmpuint (wa_assets_get_count (assets, ward (atlas, "E05000002"), WA_ASSET_COMMUNITY_HALL), ==, 0);
}

/* ---- bad input ------------------------------------------------------------ */

static void
assert_build_fails (Fixture *f, const char *section, const char *expect1, const char *expect2)
{
  g_autoptr(GError) error = NULL;

  add_assets (f, section);
  g_assert_false (build (f, &error));
  g_assert_nonnull (error);
  if (strstr (error->message, expect1) == NULL || (expect2 != NULL && strstr (error->message, expect2) == NULL))
    g_error ("unexpected message: %s", error->message);
  /* A failed build leaves no pack behind. */
  g_assert_false (g_file_test (f->sources.output, G_FILE_TEST_EXISTS));
}

static void
test_bad_no_position (Fixture *f, gconstpointer data)
{
  g_autofree char *section = asset_section ("bad", "bad.csv", "csv",
                                            "column.name=name\noption.category=pubs\noption.coverage=england\n");
  wa_test_sources_write_csv (&f->sources, "bad.csv", "name,street\nThe Bell,High Street\n");
  assert_build_fails (f, section, "bad.csv", "no position");
}

static void
test_bad_missing_column (Fixture *f, gconstpointer data)
{
  g_autofree char *section = asset_section ("bad", "bad.csv", "csv",
                                            "column.name=name\ncolumn.postcode=postcode\n"
                                            "option.category=pubs\noption.coverage=england\n");
  wa_test_sources_write_csv (&f->sources, "bad.csv", "name,street\nThe Bell,High Street\n");
  assert_build_fails (f, section, "bad.csv", "postcode");
}

static void
test_bad_unmapped_value (Fixture *f, gconstpointer data)
{
  g_autofree char *section = asset_section ("bad", "bad.csv", "csv",
                                            "column.name=name\ncolumn.lon=lon\ncolumn.lat=lat\n"
                                            "column.category=kind\noption.category_map=Pub:pubs;Church:places_of_worship\n"
                                            "option.coverage=england\n");
  wa_test_sources_write_csv (&f->sources, "bad.csv",
                             "name,kind,lon,lat\nThe Bell,Pub,-0.95,52.05\nThe Mill,Bakery,-0.95,52.05\n");
  assert_build_fails (f, section, "bad.csv: row 2", "Bakery");
}

static void
test_bad_unknown_category (Fixture *f, gconstpointer data)
{
  g_autofree char *section = asset_section ("bad", "bad.csv", "csv",
                                            "column.name=name\ncolumn.lon=lon\ncolumn.lat=lat\n"
                                            "option.category=taverns\noption.coverage=england\n");
  wa_test_sources_write_csv (&f->sources, "bad.csv", "name,lon,lat\nThe Bell,-0.95,52.05\n");
  assert_build_fails (f, section, "taverns", "test.manifest");
}

static void
test_bad_coordinates (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *section = asset_section ("odd", "odd.csv", "csv",
                                            "column.name=name\ncolumn.lon=lon\ncolumn.lat=lat\n"
                                            "option.category=pubs\noption.coverage=england\n");
  g_autoptr(WaAtlas) atlas = NULL;
  const WaAssetDataset *odd;

  wa_test_sources_write_csv (&f->sources, "odd.csv",
                             "name,lon,lat\nThe Bell,-0.95,52.05\nThe Moon,200,95\nThe Star,east,north\n");
  add_assets (f, section);
  g_assert_true (build (f, &error));
  g_assert_no_error (error);
  g_assert_true (has_message (f, "odd.csv: row 2", "out of range"));
  g_assert_true (has_message (f, "odd.csv: row 3", "not numbers"));
  atlas = wa_atlas_open (f->sources.output, &error);
  g_assert_no_error (error);
  odd = wa_test_find_asset_dataset (wa_atlas_get_assets (atlas), "odd");
  g_assert_cmpint (odd->imported, ==, 1);
  g_assert_cmpint (odd->no_location, ==, 2);
}

/* A pack whose asset layers are damaged opens with a message naming the
 * file and the layer, not a crash. */
static void
test_bad_pack_layers (Fixture *f, gconstpointer data)
{
  const char *const statements[] = {
    "DROP TABLE asset_counts",
    "UPDATE assets SET category = 'taverns'",
  };
  const char *const expected[] = { "asset_counts", "taverns" };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WaAtlas) atlas = NULL;

      write_sources (f);
      g_assert_true (build (f, &error));
      wa_test_pack_run_sql (f->sources.output, statements[i]);
      atlas = wa_atlas_open (f->sources.output, &error);
      g_assert_null (atlas);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "pack.gpkg"));
      g_assert_nonnull (strstr (error->message, expected[i]));
      wa_test_sources_clear (&f->sources);
      wa_test_sources_init (&f->sources);
    }
}

/* ---- the app's progressive open ------------------------------------------- */

typedef struct {
  GMainLoop *loop;
  WaAtlas *atlas;
  GError *error;
} Opening;

static void
opened_progressively (GObject *source, GAsyncResult *result, gpointer data)
{
  Opening *o = data;

  o->atlas = wa_atlas_open_progressive_finish (result, &o->error);
  g_main_loop_quit (o->loop);
}

static WaAtlas *
open_progressively (const char *path, const WaRankParams *by_edition)
{
  Opening o = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  wa_atlas_open_progressive_async (path, by_edition, NULL, opened_progressively, &o);
  g_main_loop_run (o.loop);
  g_main_loop_unref (o.loop);
  g_assert_no_error (o.error);
  g_assert_nonnull (o.atlas);
  return o.atlas;
}

static void
on_load_failed (WaAtlas *atlas, const char *message, GMainLoop *loop)
{
  g_main_loop_quit (loop);
}

/* The pack at PATH was recorded as verified (wa-pack-stamp.h; each test
 * has a cache of its own). A line must begin with its very path: the
 * build's own check may have stamped its temporary file, whose name
 * begins with the pack's. */
static gboolean
stamped (const char *path)
{
  g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), "ward-atlas",
                                             "verified-packs", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *real = realpath (path, NULL);
  g_autofree char *line = NULL;

  g_assert_nonnull (real);
  if (!g_file_get_contents (cache, &contents, NULL, NULL))
    return FALSE;
  line = g_strdup_printf ("\n%s\t", real);
  return g_str_has_prefix (contents, line + 1) || strstr (contents, line) != NULL;
}

/* A pack modified in the last two seconds is never stamped: an hour ago. */
static void
age (const char *path)
{
  struct utimbuf times = { .actime = time (NULL) - 3600, .modtime = time (NULL) - 3600 };

  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

/* See tests/sanitizers/valgrind-core.sh: these run under ASan instead. */
static gboolean
under_valgrind (void)
{
  if (g_getenv ("WA_TEST_UNDER_VALGRIND") == NULL)
    return FALSE;
  g_test_skip ("the asset thread's GDAL caches confuse valgrind; checked under ASan with LeakSanitizer");
  return TRUE;
}

/* Not the 2025 edition's default (both-decile), for each edition. */
static void
other_rank_params (WaRankParams by_edition[WA_N_EDITIONS])
{
  for (int e = 0; e < WA_N_EDITIONS; e++)
    {
      wa_rank_params_init (&by_edition[e]);
      by_edition[e].method = WA_RANK_METHOD_WORST_RANK;
      by_edition[e].threshold_percent = 40;
    }
}

/* Ranked as asked, ward for ward as a full open ranked so. */
static void
assert_ranked_by (WaAtlas *atlas, WaAtlas *full, const WaRankParams *params)
{
  g_autoptr(GError) error = NULL;
  guint n_left_behind = 0;

  g_assert_true (wa_rank_params_equal (wa_atlas_get_rank_params (atlas), params));
  g_assert_true (wa_atlas_set_rank_params (full, params, &error));
  g_assert_no_error (error);
  for (guint w = 0; w < wa_atlas_get_n_wards (atlas); w++)
    {
      WaWard *a = wa_atlas_get_ward (atlas, w), *b = wa_atlas_get_ward (full, w);

      g_assert_cmpuint (wa_ward_get_combined_rank (a), ==, wa_ward_get_combined_rank (b));
      g_assert_cmpint (wa_ward_get_left_behind (a), ==, wa_ward_get_left_behind (b));
      n_left_behind += wa_ward_get_left_behind (a);
    }
  /* Of the fixture's three ranked wards, 40 % is one; none at 10 %. */
  g_assert_cmpuint (n_left_behind, ==, 1);
}

/* The app's open hands the atlas over before the assets are read, ranked
 * by the method the front end asked for; reading the assets then gives
 * what the full open reads, the stored ranks (the default method's) are
 * found to be right although the wards are ranked otherwise, and only then
 * is the pack recorded as verified. */
static void
test_progressive_open (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) full = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  WaRankParams by_edition[WA_N_EDITIONS];
  WaAssets *a, *b;

  if (under_valgrind ())
    return;

  write_sources (f);
  g_assert_true (build (f, &error));
  age (f->sources.output);
  other_rank_params (by_edition);
  atlas = open_progressively (f->sources.output, by_edition);
  /* What the window does once its first frame is drawn; the read is then
   * announced on this main context. */
  g_signal_connect_swapped (atlas, "assets-ready", G_CALLBACK (g_main_loop_quit), loop);
  g_signal_connect (atlas, "load-failed", G_CALLBACK (on_load_failed), loop);
  wa_atlas_start_assets (atlas);
  g_main_loop_run (loop);
  g_assert_cmpstr (wa_atlas_get_load_error (atlas), ==, NULL);
  g_assert_true (wa_atlas_assets_ready (atlas));
  a = wa_atlas_get_assets (atlas);
  g_assert_nonnull (a);
  g_assert_true (stamped (f->sources.output));
  g_assert_null (wa_atlas_get_load_error (atlas));
  full = wa_atlas_open (f->sources.output, &error);
  g_assert_no_error (error);
  assert_ranked_by (atlas, full, &by_edition[wa_atlas_get_edition (atlas)]);
  b = wa_atlas_get_assets (full);
  g_assert_cmpuint (wa_assets_get_n_assets (a), >, 0);
  g_assert_cmpuint (wa_assets_get_n_assets (a), ==, wa_assets_get_n_assets (b));
  g_assert_cmpuint (wa_assets_get_datasets (a)->len, ==, wa_assets_get_datasets (b)->len);
  for (guint w = 0; w < wa_atlas_get_n_wards (atlas); w++)
    for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
      {
        g_assert_cmpint (wa_assets_is_covered (a, w, c), ==, wa_assets_is_covered (b, w, c));
        g_assert_cmpuint (wa_assets_get_count (a, w, c), ==, wa_assets_get_count (b, w, c));
      }
}

/* Damage only the asset reader meets (its fingerprints recorded, so the
 * open's integrity check passes): the atlas was handed over, but then the
 * pack is refused, with a message naming the file and the problem; its
 * assets are an empty set and it is not recorded as verified. */
static void
test_progressive_open_damaged (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  const char *message;
  WaAssets *assets;

  if (under_valgrind ())
    return;

  write_sources (f);
  g_assert_true (build (f, &error));
  wa_test_pack_run_sql (f->sources.output, "UPDATE assets SET category = 'taverns'");
  age (f->sources.output);
  atlas = open_progressively (f->sources.output, NULL);
  /* Asked for, they are read at once (not after the first frame) and
   * found damaged: none. */
  assets = wa_atlas_get_assets (atlas);
  g_assert_nonnull (assets);
  /* Reported on this main context, maybe before the atlas arrived. */
  g_signal_connect (atlas, "load-failed", G_CALLBACK (on_load_failed), loop);
  if (wa_atlas_get_load_error (atlas) == NULL)
    g_main_loop_run (loop);
  message = wa_atlas_get_load_error (atlas);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "pack.gpkg"));
  g_assert_nonnull (strstr (message, "taverns"));
  g_assert_cmpuint (wa_assets_get_n_assets (assets), ==, 0);
  g_assert_cmpuint (wa_assets_get_datasets (assets)->len, ==, 0);
  for (guint w = 0; w < wa_atlas_get_n_wards (atlas); w++)
    for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
      g_assert_false (wa_assets_is_covered (assets, w, c));
  g_assert_false (stamped (f->sources.output));
}

/* Stored ranks that differ from the figures' (fingerprinted again, as a
 * buggy builder would): the app's open hands the atlas over, ranked, and
 * the check with the assets refuses the pack, naming the file and the
 * ward; its assets are an empty set and it is not recorded as verified. */
static void
test_progressive_open_ranks_differ (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  WaRankParams by_edition[WA_N_EDITIONS];
  const char *message;

  if (under_valgrind ())
    return;

  write_sources (f);
  g_assert_true (build (f, &error));
  wa_test_pack_run_sql (f->sources.output,
                        "UPDATE ward_ranks SET combined_rank = combined_rank + 1 WHERE code = 'E05000002'");
  age (f->sources.output);
  other_rank_params (by_edition);
  atlas = open_progressively (f->sources.output, by_edition);
  g_assert_cmpuint (wa_ward_get_combined_rank (wa_atlas_get_ward (atlas, 0)), >, 0);
  g_signal_connect (atlas, "load-failed", G_CALLBACK (on_load_failed), loop);
  g_signal_connect_swapped (atlas, "assets-ready", G_CALLBACK (g_main_loop_quit), loop);
  wa_atlas_start_assets (atlas);
  g_main_loop_run (loop);
  message = wa_atlas_get_load_error (atlas);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "pack.gpkg"));
  g_assert_nonnull (strstr (message, "stored ranks (layer “ward_ranks”) differ"));
  g_assert_nonnull (strstr (message, "ward E05000002"));
  g_assert_cmpuint (wa_assets_get_n_assets (wa_atlas_get_assets (atlas)), ==, 0);
  g_assert_false (stamped (f->sources.output));
}

int
main (int argc, char **argv)
{
  /* Isolated: each test's pack stamps go to a cache of its own. */
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  wa_gdal_init ();
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/assets/import", test_import);
  ADD ("/assets/rates-and-medians", test_rates_and_medians);
  ADD ("/assets/geopackage", test_geopackage);
  ADD ("/assets/bad/no-position-column", test_bad_no_position);
  ADD ("/assets/bad/missing-column", test_bad_missing_column);
  ADD ("/assets/bad/unmapped-value", test_bad_unmapped_value);
  ADD ("/assets/bad/unknown-category", test_bad_unknown_category);
  ADD ("/assets/bad/out-of-range-coordinates", test_bad_coordinates);
  ADD ("/assets/bad/damaged-pack-layers", test_bad_pack_layers);
  ADD ("/assets/progressive-open", test_progressive_open);
  ADD ("/assets/bad/progressive-open-damaged", test_progressive_open_damaged);
  ADD ("/assets/bad/progressive-open-ranks-differ", test_progressive_open_ranks_differ);
#undef ADD
  g_test_add_func ("/assets/rate-arithmetic", test_rate_arithmetic);
  g_test_add_func ("/assets/categories", test_categories);
  g_test_add_func ("/assets/benchmark-arithmetic", test_benchmark_arithmetic);
  g_test_add_func ("/assets/name-key", test_name_key);
  return g_test_run ();
}
