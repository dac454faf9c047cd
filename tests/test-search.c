/* test-search.c: search folding and ranking, and the CSV export of the
 * ranking table, on a pack built from in-code sources whose names are
 * chosen to exercise the ranking. */
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "wa-gdal-util.h"
#include "wa-test-fixtures.h"

typedef struct {
  WaTestAtlas base;
  WaSearch *search;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  wa_test_atlas_set_up_named (&f->base, data);
  f->search = wa_search_new (f->base.atlas);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->search);
  wa_test_atlas_tear_down (&f->base, data);
}

static void
test_fold (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "St. Helen's", "st helens" },
    { "Saint Helens", "st helens" },
    { "  ST   HELENS ", "st helens" },
    { "Sainte-Émilie", "sainte emilie" },
    { "Brighton & Hove", "brighton and hove" },
    { "Stoke-on-Trent", "stoke on trent" },
    { "Bishop’s Stortford", "bishops stortford" },
    { "Ÿnys Môn", "ynys mon" },
    { "", "" },
    { "--", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = wa_search_fold (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
  g_autofree char *null_text = wa_search_fold (NULL);
  g_assert_cmpstr (null_text, ==, "");
  g_autofree char *bad = wa_search_fold ("\xff\xfe");
  g_assert_cmpstr (bad, ==, "");
}

static GPtrArray *
query (Fixture *f, const char *text)
{
  return wa_search_query (f->search, text, 10);
}

static const WaSearchResult *
result (GPtrArray *results, guint i)
{
  g_assert_cmpuint (i, <, results->len);
  return g_ptr_array_index (results, i);
}

static gboolean
has_title (GPtrArray *results, const char *title)
{
  for (guint i = 0; i < results->len; i++)
    if (g_strcmp0 (result (results, i)->title, title) == 0)
      return TRUE;
  return FALSE;
}

/* Exact (here through the "Hull" alias), then prefixes, then later words;
 * within a tier wards before villages before hamlets; Solihull, where
 * "hull" starts no word, is not a match. */
static void
test_ranking (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) hull = query (f, "hull");
  const char *expected[] = { "Kingston upon Hull", "Hull Road", "Hullbridge", "Hullbridge", "Hull End" };

  g_assert_cmpuint (hull->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (result (hull, i)->title, ==, expected[i]);
  g_assert_cmpint (result (hull, 0)->kind, ==, WA_SEARCH_PLACE);
  g_assert_cmpstr (result (hull, 0)->context, ==, "city in Testshire, City of");
  g_assert_cmpint (result (hull, 1)->kind, ==, WA_SEARCH_WARD);
  g_assert_cmpstr (result (hull, 1)->context, ==, "ward in Testshire, City of");
  g_assert_cmpint (result (hull, 2)->kind, ==, WA_SEARCH_WARD);
  g_assert_cmpint (result (hull, 3)->kind, ==, WA_SEARCH_PLACE);
  g_assert_cmpstr (wa_search_result_kind_label (result (hull, 3)), ==, "village");
  g_assert_false (has_title (hull, "Solihull"));

  /* A later word ranks below the start of a name. */
  g_autoptr(GPtrArray) upon = query (f, "upon h");
  g_assert_cmpuint (upon->len, ==, 1);
  g_assert_cmpstr (result (upon, 0)->title, ==, "Kingston upon Hull");

  /* Bigger places first within a tier: the town before the ward. */
  g_autoptr(GPtrArray) bishop = query (f, "bishop");
  g_assert_cmpuint (bishop->len, ==, 2);
  g_assert_cmpstr (result (bishop, 0)->title, ==, "Bishop's Stortford");
  g_assert_cmpstr (result (bishop, 1)->title, ==, "Bishopsgate");

  g_autoptr(GPtrArray) limited = wa_search_query (f->search, "hull", 2);
  g_assert_cmpuint (limited->len, ==, 2);
}

static void
test_spellings (Fixture *f, gconstpointer data)
{
  const char *spellings[] = { "st helens", "ST. HELEN'S", "Saint Helens", "st  helen" };

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autoptr(GPtrArray) r = query (f, spellings[i]);

      g_assert_cmpuint (r->len, >=, 1);
      g_assert_cmpstr (result (r, 0)->title, ==, "St. Helen's");
      g_assert_cmpstr (result (r, 0)->code, ==, "E05000001");
    }
  g_autoptr(GPtrArray) accent = query (f, "sainte emilie");
  g_assert_cmpuint (accent->len, ==, 1);
  g_assert_cmpstr (result (accent, 0)->title, ==, "Sainte-Émilie");
  g_assert_true (result (accent, 0)->has_point);
  g_assert_cmpint (result (accent, 0)->ward_index, ==, 3);

  g_autoptr(GPtrArray) blank = query (f, "   ");
  g_assert_cmpuint (blank->len, ==, 0);
  g_autoptr(GPtrArray) nothing = query (f, "zzzz");
  g_assert_cmpuint (nothing->len, ==, 0);
}

static void
test_codes_and_lads (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) ward = query (f, "e05000003");
  g_autoptr(GPtrArray) lad = query (f, "area 1");
  g_autoptr(GPtrArray) lad_code = query (f, "E06000001");

  g_assert_cmpuint (ward->len, ==, 1);
  g_assert_cmpstr (result (ward, 0)->title, ==, "Hullbridge");
  g_assert_cmpint (result (ward, 0)->ward_index, ==, 2);
  g_assert_true (result (ward, 0)->has_bbox);
  g_assert_cmpfloat_with_epsilon (result (ward, 0)->bbox.min_x, -0.8, 1e-9);

  /* The fixture's LAD boundary is called "Area 1". */
  g_assert_cmpuint (lad->len, >=, 1);
  g_assert_cmpint (result (lad, 0)->kind, ==, WA_SEARCH_LAD);
  g_assert_cmpstr (result (lad, 0)->title, ==, "Area 1");
  g_assert_cmpstr (result (lad, 0)->code, ==, "E06000001");
  g_assert_cmpstr (result (lad, 0)->context, ==, "local authority in North East");
  g_assert_cmpint (result (lad_code, 0)->kind, ==, WA_SEARCH_LAD);
}

static void
test_postcodes (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) full = query (f, "ab12cd");
  g_autoptr(GPtrArray) district = query (f, "AB1");
  g_autoptr(GPtrArray) sector = query (f, "ab1 2");
  g_autoptr(GPtrArray) longer = query (f, "ab12");

  g_assert_cmpuint (full->len, ==, 1);
  g_assert_cmpint (result (full, 0)->kind, ==, WA_SEARCH_POSTCODE);
  g_assert_cmpstr (result (full, 0)->title, ==, "AB1 2CD");
  g_assert_cmpstr (result (full, 0)->context, ==, "postcode in St. Helen's, Testshire, City of");
  g_assert_cmpint (result (full, 0)->ward_index, ==, 0);

  /* The whole district first, then its own postcodes, not AB12's. */
  g_assert_cmpint (result (district, 0)->kind, ==, WA_SEARCH_POSTCODE_DISTRICT);
  g_assert_cmpstr (result (district, 0)->title, ==, "AB1");
  g_assert_cmpstr (result (district, 1)->title, ==, "AB1 2CD");
  g_assert_cmpstr (result (district, 2)->title, ==, "AB1 2CE");
  g_assert_false (has_title (district, "AB12 3EF"));

  g_assert_cmpuint (sector->len, ==, 2);
  g_assert_cmpstr (result (sector, 0)->title, ==, "AB1 2CD");
  g_assert_false (result (district, 0)->has_bbox);
  {
    WaBBox box;
    guint n = 0;

    g_assert_true (wa_atlas_get_postcode_district (f->base.atlas, "ab1", &box, &n));
    g_assert_cmpuint (n, ==, 2);
    g_assert_cmpfloat_with_epsilon (box.min_x, -0.95, 1e-6);
    g_assert_cmpfloat_with_epsilon (box.max_x, -0.85, 1e-6);
    g_assert_false (wa_atlas_get_postcode_district (f->base.atlas, "zz1", &box, &n));
  }
  /* "AB12" is both a district and the start of AB1 2..: the district wins. */
  g_assert_cmpstr (result (longer, 0)->title, ==, "AB12");
  g_assert_cmpstr (result (longer, 1)->title, ==, "AB12 3EF");
}

static void
test_search_kept_with_atlas (Fixture *f, gconstpointer data)
{
  WaSearch *a = wa_search_get_for_atlas (f->base.atlas);

  g_assert_true (a == wa_search_get_for_atlas (f->base.atlas));
  g_assert_true (wa_search_get_atlas (a) == f->base.atlas);
}

/* An index built in a worker thread becomes the atlas's own unless it has
 * one already, and goes when the atlas does. */
static void
test_search_attached (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  WaAtlas *atlas = wa_atlas_open (wa_atlas_get_path (f->base.atlas), &error);
  WaSearch *first, *second;

  g_assert_no_error (error);
  first = wa_search_new_unattached (atlas);
  second = wa_search_new_unattached (atlas);
  wa_search_attach (first);
  wa_search_attach (second);
  g_assert_true (wa_search_get_for_atlas (atlas) == first);
  g_object_unref (second);

  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);
  g_object_unref (first);
  g_assert_nonnull (first);
  g_object_unref (atlas);
  g_assert_null (first);
}

/* ---- CSV ------------------------------------------------------------------ */

static void
test_csv_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->base.sources.dir, "table.csv", NULL);
  g_autoptr(WaWardFilter) filter = wa_ward_filter_new ();
  g_autoptr(GPtrArray) wards = wa_ward_filter_apply (filter, f->base.atlas, WA_WARD_COLUMN_NAME, TRUE);
  WaWardCsvContext context = { filter, WA_WARD_COLUMN_NAME, TRUE };
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *table_path = NULL;
  const char *table;
  GDALDatasetH dataset;
  OGRLayerH layer;
  OGRFeatureH feature;
  guint row = 0;

  g_assert_true (wa_ward_csv_write (f->base.atlas, wards, &context, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "# Ward Atlas ranking table"));
  g_assert_nonnull (strstr (contents, "# Edition: 2025"));
  g_assert_nonnull (strstr (contents, "# Method: both-decile"));
  g_assert_nonnull (strstr (contents, "# Threshold: 10 %"));
  g_assert_nonnull (strstr (contents, "# Sort: ward_name, descending"));
  g_assert_nonnull (strstr (contents, "# Rows: 4 wards, 1,000 people"));
  g_assert_nonnull (strstr (contents, "# Exported: 20"));
  g_assert_nonnull (strstr (contents, "#   Test data"));   /* the fixture's attribution */

  /* The table after the "#" lines reads back through GDAL's CSV driver. */
  table = strstr (contents, "\ncombined_rank,");
  g_assert_nonnull (table);
  table_path = g_build_filename (f->base.sources.dir, "table-only.csv", NULL);
  g_assert_true (g_file_set_contents (table_path, table + 1, -1, NULL));
  dataset = wa_gdal_open_table (table_path, NULL, &error);
  g_assert_no_error (error);
  layer = GDALDatasetGetLayer (dataset, 0);
  g_assert_cmpint (OGR_FD_GetFieldCount (OGR_L_GetLayerDefn (layer)), ==, 14);
  g_assert_cmpint (OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), "lad_code"), ==, 3);
  g_assert_cmpint (OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), "official_left_behind"), <, 0);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      WaWard *ward = g_ptr_array_index (wards, row);
      OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
      g_autofree char *imd = g_strdup_printf ("%u", wa_ward_get_imd_rank (ward));

      g_assert_cmpstr (OGR_F_GetFieldAsString (feature, OGR_FD_GetFieldIndex (defn, "ward_code")), ==,
                       wa_ward_get_code (ward));
      g_assert_cmpstr (OGR_F_GetFieldAsString (feature, OGR_FD_GetFieldIndex (defn, "ward_name")), ==,
                       wa_ward_get_name (ward));
      g_assert_cmpstr (OGR_F_GetFieldAsString (feature, OGR_FD_GetFieldIndex (defn, "lad_name")), ==,
                       wa_ward_get_lad_name (ward));
      g_assert_cmpstr (OGR_F_GetFieldAsString (feature, OGR_FD_GetFieldIndex (defn, "imd_rank")), ==,
                       wa_ward_get_imd_rank (ward) > 0 ? imd : "");
      g_assert_cmpstr (OGR_F_GetFieldAsString (feature, OGR_FD_GetFieldIndex (defn, "left_behind")), ==,
                       wa_ward_get_left_behind (ward) ? "true" : "false");
      OGR_F_Destroy (feature);
      row++;
    }
  g_assert_cmpuint (row, ==, wards->len);
  GDALClose (dataset);
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
test_csv_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *locked = g_build_filename (f->base.sources.dir, "locked", NULL);
  g_autofree char *path = g_build_filename (locked, "table.csv", NULL);
  g_autofree char *missing = g_build_filename (f->base.sources.dir, "no-such-folder", "table.csv", NULL);
  g_autofree char *existing = g_build_filename (f->base.sources.dir, "existing.csv", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(GPtrArray) wards = wa_ward_filter_apply (NULL, f->base.atlas, WA_WARD_COLUMN_COMBINED_RANK, FALSE);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  if (access (locked, W_OK) == 0)
    {
      g_test_message ("running as root: a read-only folder is writable; checking a missing folder only");
    }
  else
    {
      g_assert_false (wa_ward_csv_write (f->base.atlas, wards, NULL, path, &error));
      g_assert_error (error, WA_ERROR, WA_ERROR_IO);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_cmpuint (count_files (locked), ==, 0);
      g_clear_error (&error);
    }
  /* A file where a folder should be: unwritable even for root. */
  {
    g_autofree char *file = g_build_filename (f->base.sources.dir, "plain-file", NULL);
    g_autofree char *inside = g_build_filename (file, "table.csv", NULL);

    g_assert_true (g_file_set_contents (file, "x", -1, NULL));
    g_assert_false (wa_ward_csv_write (f->base.atlas, wards, NULL, inside, &error));
    g_assert_error (error, WA_ERROR, WA_ERROR_IO);
    g_assert_nonnull (strstr (error->message, inside));
    g_clear_error (&error);
  }
  g_assert_false (wa_ward_csv_write (f->base.atlas, wards, NULL, missing, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  /* A folder in the way: the rename fails, the temporary file goes. */
  g_assert_cmpint (g_mkdir (existing, 0700), ==, 0);
  g_assert_false (wa_ward_csv_write (f->base.atlas, wards, NULL, existing, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_IO);
  g_assert_cmpuint (count_files (existing), ==, 0);
  g_assert_true (g_file_test (existing, G_FILE_TEST_IS_DIR));
  g_clear_error (&error);
  {
    g_autoptr(GDir) d = g_dir_open (f->base.sources.dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_null (strstr (name, ".tmp-"));
  }
  g_chmod (locked, 0700);

  /* Replacing an existing file swaps it whole. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (wa_ward_csv_write (f->base.atlas, wards, NULL, path, NULL));
  g_assert_true (g_file_get_contents (path, &kept, NULL, NULL));
  g_assert_true (g_str_has_prefix (kept, "# Ward Atlas"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/search/fold", test_fold);
  ADD ("/search/ranking", test_ranking);
  ADD ("/search/spellings", test_spellings);
  ADD ("/search/codes-and-lads", test_codes_and_lads);
  ADD ("/search/postcodes", test_postcodes);
  ADD ("/search/kept-with-atlas", test_search_kept_with_atlas);
  ADD ("/search/attached", test_search_attached);
  ADD ("/ward-csv/round-trip", test_csv_round_trip);
  ADD ("/ward-csv/errors", test_csv_errors);
  return g_test_run ();
}
