/* test-atlas.c: opens a pack built from the in-code fixture sources and
 * checks the model: figures, picking, postcodes, ranks; and that broken
 * packs give a clear error naming the file. */
#include "wa-test-fixtures.h"
#include "wa-atlas-private.h"
#include "wa-gdal-util.h"
#include "wa-pack.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

static void
test_wards (WaTestAtlas *f, gconstpointer data)
{
  WaWard *ward;
  const WaFigure *imd;

  g_assert_cmpint (wa_atlas_get_edition (f->atlas), ==, WA_EDITION_2025);
  g_assert_cmpuint (wa_atlas_get_n_wards (f->atlas), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (wa_atlas_get_wards (f->atlas)), ==, 4);
  g_assert_true (g_list_model_get_item_type (wa_atlas_get_wards (f->atlas)) == WA_TYPE_WARD);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(WaWard) item = g_list_model_get_item (wa_atlas_get_wards (f->atlas), i);

      g_autofree char *code = g_strdup_printf ("E0500000%u", i + 1);

      /* In the table's order, numbered from 0 through both halves of the
       * read (see read_ward_halves). */
      g_assert_true (item == wa_atlas_get_ward (f->atlas, i));
      g_assert_cmpuint (wa_ward_get_index (item), ==, i);
      g_assert_cmpstr (wa_ward_get_code (item), ==, code);
    }
  g_assert_null (g_list_model_get_item (wa_atlas_get_wards (f->atlas), 4));
  g_assert_cmpuint (wa_atlas_get_n_ranked (f->atlas, WA_INDICATOR_IMD), ==, 3);

  /* (50·40 + 150·60) / 200 = 55, the most deprived of the three ranked. */
  ward = wa_atlas_lookup_ward (f->atlas, "E05000003");
  g_assert_nonnull (ward);
  g_assert_cmpstr (wa_ward_get_name (ward), ==, "Three");
  g_assert_cmpstr (wa_ward_get_lad_name (ward), ==, "Testshire");
  g_assert_cmpint (wa_ward_get_population (ward), ==, 200);
  imd = wa_ward_get_figure (ward, WA_INDICATOR_IMD);
  g_assert_cmpfloat_with_epsilon (imd->score, 55.0, 1e-9);
  g_assert_cmpuint (imd->rank, ==, 1);
  g_assert_cmpint (imd->source, ==, WA_FIGURE_COMPUTED);
  g_assert_cmpint (wa_ward_get_official_left_behind (ward), ==, -1);

  /* Codes typed by people. */
  g_assert_true (wa_atlas_lookup_ward (f->atlas, " e05000003 ") == ward);
  g_assert_null (wa_atlas_lookup_ward (f->atlas, "E05999999"));

  /* No LSOA: no figures, no combined rank, still a ward. */
  ward = wa_atlas_lookup_ward (f->atlas, "E05000004");
  g_assert_cmpuint (wa_ward_get_imd_rank (ward), ==, 0);
  g_assert_cmpuint (wa_ward_get_combined_rank (ward), ==, 0);
  g_assert_false (wa_ward_get_left_behind (ward));
  g_assert_true (isnan (wa_ward_get_figure (ward, WA_INDICATOR_CNI)->score));
}

static void
test_neighbours_and_areas (WaTestAtlas *f, gconstpointer data)
{
  WaWard *second = wa_atlas_lookup_ward (f->atlas, "E05000002");
  const guint *neighbours;
  guint n = 0;
  gboolean has_first = FALSE, has_third = FALSE;
  g_auto(GStrv) attributions = wa_atlas_dup_attributions (f->atlas);

  neighbours = wa_ward_get_neighbours (second, &n);
  g_assert_cmpuint (n, ==, 2);
  for (guint i = 0; i < n; i++)
    {
      const char *code = wa_ward_get_code (wa_atlas_get_ward (f->atlas, neighbours[i]));
      has_first |= g_strcmp0 (code, "E05000001") == 0;
      has_third |= g_strcmp0 (code, "E05000003") == 0;
    }
  g_assert_true (has_first && has_third);

  g_assert_cmpuint (wa_atlas_get_areas (f->atlas, WA_AREA_LAD)->len, ==, 1);
  g_assert_nonnull (wa_atlas_lookup_area (f->atlas, WA_AREA_LAD, "E06000001"));
  /* Two Open Names places, plus the ONS major town that Open Names lacks. */
  g_assert_cmpuint (wa_atlas_get_places (f->atlas)->len, ==, 3);
  /* Every fixture source has the same attribution: deduplicated to one line. */
  g_assert_cmpuint (g_strv_length (attributions), ==, 1);
  g_assert_cmpstr (attributions[0], ==, "Test data");
}

static void
test_locate (WaTestAtlas *f, gconstpointer data)
{
  WaWard *ward;

  ward = wa_atlas_locate (f->atlas, -0.95, 52.05);
  g_assert_nonnull (ward);
  g_assert_cmpstr (wa_ward_get_code (ward), ==, "E05000001");
  ward = wa_atlas_locate (f->atlas, -0.65, 52.09);
  g_assert_cmpstr (wa_ward_get_code (ward), ==, "E05000004");
  /* On the outer edge: inside. Beyond it, and far away: nothing. */
  g_assert_nonnull (wa_atlas_locate (f->atlas, -1.0, 52.05));
  g_assert_null (wa_atlas_locate (f->atlas, -1.01, 52.05));
  g_assert_null (wa_atlas_locate (f->atlas, 10.0, 10.0));
  g_assert_null (wa_atlas_locate (f->atlas, NAN, 52.0));
}

static void
test_postcodes (WaTestAtlas *f, gconstpointer data)
{
  const char *spellings[] = { "AB1 2CD", "ab12cd", " ab1  2cd " };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  WaPostcodeHit *hit;

  for (gsize i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      hit = wa_atlas_lookup_postcode (f->atlas, spellings[i], &error);
      g_assert_no_error (error);
      g_assert_cmpstr (hit->postcode, ==, "AB1 2CD");
      g_assert_cmpfloat_with_epsilon (hit->lon, -0.95, 1e-9);
      g_assert_cmpstr (wa_ward_get_code (wa_atlas_get_ward (f->atlas, hit->ward_index)), ==, "E05000001");
      wa_postcode_hit_free (hit);
    }

  /* Outside every ward: found, but in no ward. */
  hit = wa_atlas_lookup_postcode (f->atlas, "ZZ9 9ZZ", &error);
  g_assert_no_error (error);
  g_assert_cmpint (hit->ward_index, ==, -1);
  wa_postcode_hit_free (hit);

  /* Welsh rows and rows without a position are not in the pack. */
  g_assert_null (wa_atlas_lookup_postcode (f->atlas, "CF1 1AA", &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (wa_atlas_lookup_postcode (f->atlas, "AB1 9XX", &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (wa_atlas_lookup_postcode (f->atlas, "not a postcode", &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_INVALID);
  g_clear_error (&error);

  /* Prefixes: bounded, partial outward codes, in the index's order (by the
   * spaceless key, so "AB123EF" sorts before "AB12CD"). */
  hits = wa_atlas_search_postcodes (f->atlas, "ab1", 10);
  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_cmpstr (((WaPostcodeHit *) hits->pdata[0])->postcode, ==, "AB12 3EF");
  g_assert_cmpstr (((WaPostcodeHit *) hits->pdata[1])->postcode, ==, "AB1 2CD");
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = wa_atlas_search_postcodes (f->atlas, "AB1 2", 1);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = wa_atlas_search_postcodes (f->atlas, "12345", 10);
  g_assert_cmpuint (hits->len, ==, 0);
}

static guint ranks_changed_count;

static void
on_ranks_changed (WaAtlas *atlas, gpointer data)
{
  ranks_changed_count++;
}

static void
test_ranks (WaTestAtlas *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) only_a = NULL;
  g_autoptr(GPtrArray) only_b = NULL;
  g_autoptr(GPtrArray) left_behind = NULL;
  WaRankParams params, wide;

  /* 2025 has no published list. */
  g_assert_cmpint (wa_atlas_get_rank_params (f->atlas)->method, ==, WA_RANK_METHOD_BOTH_DECILE);
  wa_rank_params_init (&params);
  params.method = WA_RANK_METHOD_OFFICIAL;
  g_assert_false (wa_atlas_set_rank_params (f->atlas, &params, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_INVALID);
  g_clear_error (&error);

  /* IMD ranks: W3 1, W2 2, W1 3; CNI: W2 1, W1 2, W3 3. Worst-rank:
   * W2 (max 2) first; W1 and W3 tie on max 3, W3's better rank (1) wins. */
  ranks_changed_count = 0;
  g_signal_connect (f->atlas, "ranks-changed", G_CALLBACK (on_ranks_changed), NULL);
  params.method = WA_RANK_METHOD_WORST_RANK;
  params.threshold_percent = 34;
  g_assert_true (wa_atlas_set_rank_params (f->atlas, &params, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ranks_changed_count, ==, 1);
  g_assert_cmpuint (wa_ward_get_combined_rank (wa_atlas_lookup_ward (f->atlas, "E05000002")), ==, 1);
  g_assert_cmpuint (wa_ward_get_combined_rank (wa_atlas_lookup_ward (f->atlas, "E05000003")), ==, 2);
  g_assert_cmpuint (wa_ward_get_combined_rank (wa_atlas_lookup_ward (f->atlas, "E05000001")), ==, 3);
  /* The same parameters again: the same ranks, and no view told to redraw. */
  g_assert_true (wa_atlas_set_rank_params (f->atlas, &params, &error));
  g_assert_cmpuint (ranks_changed_count, ==, 1);
  g_assert_cmpuint (wa_ward_get_combined_rank (wa_atlas_lookup_ward (f->atlas, "E05000002")), ==, 1);

  /* 34 % of 3 ranked wards: one left behind. */
  left_behind = wa_atlas_dup_left_behind (f->atlas);
  g_assert_cmpuint (left_behind->len, ==, 1);
  g_assert_cmpstr (wa_ward_get_code (left_behind->pdata[0]), ==, "E05000002");

  /* 67 % takes in a second ward. */
  wide = params;
  wide.threshold_percent = 67;
  g_assert_true (wa_atlas_compare_methods (f->atlas, &wide, &params, &only_a, &only_b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (only_a->len, ==, 1);
  g_assert_cmpstr (wa_ward_get_code (only_a->pdata[0]), ==, "E05000003");
  g_assert_cmpuint (only_b->len, ==, 0);
  /* Comparing leaves the current method alone. */
  g_assert_cmpfloat (wa_atlas_get_rank_params (f->atlas)->threshold_percent, ==, 34);
}

/* ---- broken packs --------------------------------------------------------- */

static void
assert_open_fails (const char *path, int code, const char *fragment)
{
  g_autoptr(GError) error = NULL;
  WaAtlas *atlas = wa_atlas_open (path, &error);

  g_assert_null (atlas);
  g_assert_error (error, WA_ERROR, code);
  g_test_message ("error: %s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  if (fragment != NULL)
    g_assert_nonnull (strstr (error->message, fragment));
}

/* Geometry levels are read when first drawn, on whichever thread draws
 * first (tiles render on several): every thread gets the same level, and
 * a level is not the full geometry object. */
#define N_LEVEL_THREADS 4

static gpointer
ask_every_level (gpointer data)
{
  WaAtlas *atlas = data;
  GPtrArray *seen = g_ptr_array_new ();

  for (int zoom = 0; zoom <= 9; zoom++)
    for (guint w = 0; w < wa_atlas_get_n_wards (atlas); w++)
      g_ptr_array_add (seen, wa_atlas_get_ward_geometry_for_zoom (atlas, w, zoom));
  for (int zoom = 0; zoom <= 9; zoom++)
    g_ptr_array_add (seen, wa_atlas_get_area_geometry_for_zoom (atlas, WA_AREA_LAD, 0, zoom));
  return seen;
}

static void
test_levels_on_demand (WaTestAtlas *f, gconstpointer data)
{
  GThread *threads[N_LEVEL_THREADS];
  GPtrArray *answers[N_LEVEL_THREADS];
  WaWard *first = wa_atlas_get_ward (f->atlas, 0);
  WaGeometry *level = NULL;

  for (guint t = 0; t < N_LEVEL_THREADS; t++)
    threads[t] = g_thread_new ("levels", ask_every_level, f->atlas);
  for (guint t = 0; t < N_LEVEL_THREADS; t++)
    answers[t] = g_thread_join (threads[t]);
  for (guint t = 1; t < N_LEVEL_THREADS; t++)
    {
      g_assert_cmpuint (answers[t]->len, ==, answers[0]->len);
      for (guint i = 0; i < answers[0]->len; i++)
        g_assert_true (g_ptr_array_index (answers[t], i) == g_ptr_array_index (answers[0], i));
    }
  /* Zoom 5 has a level of its own, of the same square; zoom 12 is served
   * by the full geometry. */
  level = wa_atlas_get_ward_geometry_for_zoom (f->atlas, 0, 5);
  g_assert_nonnull (level);
  g_assert_true (level != wa_ward_get_geometry (first));
  g_assert_cmpfloat_with_epsilon (wa_geometry_area (level), wa_geometry_area (wa_ward_get_geometry (first)), 1e-9);
  g_assert_true (wa_atlas_get_ward_geometry_for_zoom (f->atlas, 0, 12) == wa_ward_get_geometry (first));
  for (guint t = 0; t < N_LEVEL_THREADS; t++)
    g_ptr_array_unref (answers[t]);
}

/* The warning the test expects is counted and not fatal (the build logs
 * structured, which g_test_expect_message cannot see). */
static guint changed_pack_warnings;

static GLogWriterOutput
count_changed_pack (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0
        && strstr (fields[i].value, "has changed since it was opened") != NULL)
      {
        changed_pack_warnings++;
        return G_LOG_WRITER_HANDLED;
      }
  return g_log_writer_default (level, fields, n_fields, data);
}

/* A pack rebuilt over the open one is another pack: its levels are not
 * read into this atlas (the full geometry serves, the same map), and the
 * user is told. */
static void
test_levels_after_pack_replaced (WaTestAtlas *f, gconstpointer data)
{
  g_autofree char *contents = NULL;
  g_autofree char *copy = g_build_filename (f->sources.dir, "rebuilt.gpkg", NULL);
  WaWard *first = wa_atlas_get_ward (f->atlas, 0);
  gsize length;

  g_assert_true (g_file_get_contents (f->sources.output, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  g_assert_cmpint (g_rename (copy, f->sources.output), ==, 0);
  changed_pack_warnings = 0;
  g_assert_true (wa_atlas_get_ward_geometry_for_zoom (f->atlas, 0, 5) == wa_ward_get_geometry (first));
  g_assert_cmpuint (changed_pack_warnings, ==, 1);
  /* Asked once: the same answer again, without another warning. */
  g_assert_true (wa_atlas_get_ward_geometry_for_zoom (f->atlas, 1, 5)
                 == wa_ward_get_geometry (wa_atlas_get_ward (f->atlas, 1)));
  g_assert_cmpuint (changed_pack_warnings, ==, 1);
}

static void
level_read (GObject *source, GAsyncResult *result, gpointer data)
{
  int *out = data;

  *out = wa_atlas_read_ward_level_finish (WA_ATLAS (source), result);
}

static int
read_level_ahead (WaAtlas *atlas, double zoom)
{
  int read = -1;

  wa_atlas_read_ward_level_async (atlas, zoom, NULL, level_read, &read);
  while (read < 0)
    g_main_context_iteration (NULL, TRUE);
  return read;
}

/* The map's read-ahead (wa_ward_map_prepare) reads the level serving a
 * zoom on a worker, and that level only; a zoom drawn at full detail has
 * none to read. */
static void
test_level_read_ahead (WaTestAtlas *f)
{
  GArray *levels = f->atlas->ward_levels;
  guint n_ready = 0;

  for (guint i = 0; i < levels->len; i++)
    g_assert_cmpint (g_array_index (levels, WaGeometryLevel, i).state, ==, WA_LEVEL_UNREAD);
  g_assert_true (read_level_ahead (f->atlas, 5));
  for (guint i = 0; i < levels->len; i++)
    {
      const WaGeometryLevel *level = &g_array_index (levels, WaGeometryLevel, i);
      gboolean serves = level->min_zoom <= 5 && 5 < level->max_zoom + 1;

      g_assert_cmpint (level->state, ==, serves ? WA_LEVEL_READY : WA_LEVEL_UNREAD);
      n_ready += serves;
    }
  g_assert_cmpuint (n_ready, ==, 1);
  g_assert_false (read_level_ahead (f->atlas, 12));
}

/* All in one test: each fixture pack costs seconds under the sanitizers. */
static void
test_levels (WaTestAtlas *f, gconstpointer data)
{
  test_level_read_ahead (f);
  g_clear_object (&f->atlas);
  f->atlas = wa_atlas_open (f->sources.output, NULL);
  g_assert_nonnull (f->atlas);
  test_levels_on_demand (f, data);
  g_clear_object (&f->atlas);
  f->atlas = wa_atlas_open (f->sources.output, NULL);
  g_assert_nonnull (f->atlas);
  test_levels_after_pack_replaced (f, data);
}

static void
test_missing_file (void)
{
  assert_open_fails ("/nonexistent/ward-atlas-2019.gpkg", WA_ERROR_IO, "no such file");
}

static void
test_not_a_pack (WaTestAtlas *f, gconstpointer data)
{
  g_autofree char *path = wa_test_write_file (f->sources.dir, "notes.gpkg", "ward,rank\nA,1\n");

  assert_open_fails (path, WA_ERROR_SCHEMA, "not a Ward Atlas pack");
}

static void
test_truncated (WaTestAtlas *f, gconstpointer data)
{
  g_autofree char *contents = NULL;
  g_autofree char *path = g_build_filename (f->sources.dir, "truncated.gpkg", NULL);
  gsize length;

  g_assert_true (g_file_get_contents (f->sources.output, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length / 3, NULL));
  assert_open_fails (path, WA_ERROR_SCHEMA, NULL);
}

static void
test_future_schema (WaTestAtlas *f, gconstpointer data)
{
  g_clear_object (&f->atlas);
  wa_test_pack_run_sql (f->sources.output, "UPDATE metadata SET value = '99' WHERE key = 'schema_version'");
  assert_open_fails (f->sources.output, WA_ERROR_SCHEMA, "schema version 99");
}

static void
test_missing_layer (WaTestAtlas *f, gconstpointer data)
{
  g_clear_object (&f->atlas);
  wa_test_pack_run_sql (f->sources.output, "DROP TABLE wards");
  assert_open_fails (f->sources.output, WA_ERROR_MISSING, "“wards”");
}

static void
test_missing_column (WaTestAtlas *f, gconstpointer data)
{
  g_clear_object (&f->atlas);
  wa_test_pack_run_sql (f->sources.output, "ALTER TABLE wards RENAME COLUMN code TO ward");
  assert_open_fails (f->sources.output, WA_ERROR_MISSING, "“code”");
}

/* An edit of the fixture pack, and the error its open must fail with. */
typedef struct {
  const char *sql;
  int code;
  const char *fragment;
} PackEdit;

/* Each edit on its own copy of the pristine pack. */
static void
assert_edits_refused (WaTestAtlas *f, const PackEdit *cases, gsize n)
{
  g_autofree char *pristine = NULL;
  gsize length;

  g_clear_object (&f->atlas);
  g_assert_true (g_file_get_contents (f->sources.output, &pristine, &length, NULL));
  for (gsize i = 0; i < n; i++)
    {
      g_assert_true (g_file_set_contents (f->sources.output, pristine, length, NULL));
      wa_test_pack_run_sql (f->sources.output, cases[i].sql);
      assert_open_fails (f->sources.output, cases[i].code, cases[i].fragment);
    }
}

/* The wards table is read in two halves side by side (rowids 1–2 and
 * 3–4 here): a code repeated within either half or across the two is
 * refused, and of two damaged rows the first is named. */
static void
test_duplicate_wards (WaTestAtlas *f, gconstpointer data)
{
  static const PackEdit cases[] = {
    { "UPDATE wards SET code = 'E05000001' WHERE fid = 2", WA_ERROR_DUPLICATE, "E05000001 appears twice" },
    { "UPDATE wards SET code = 'E05000003' WHERE fid = 4", WA_ERROR_DUPLICATE, "E05000003 appears twice" },
    { "UPDATE wards SET code = 'E05000002' WHERE fid = 3", WA_ERROR_DUPLICATE, "E05000002 appears twice" },
    { "UPDATE wards SET code = 'E05000001' WHERE fid = 4", WA_ERROR_DUPLICATE, "E05000001 appears twice" },
    { "UPDATE wards SET code = NULL WHERE fid = 4", WA_ERROR_PARSE, "feature 4 has no ward code" },
    { "UPDATE wards SET code = NULL WHERE fid IN (1, 4)", WA_ERROR_PARSE, "feature 1 has no ward code" },
  };

  assert_edits_refused (f, cases, G_N_ELEMENTS (cases));
}

/* The reader takes each ward's figures from one blob (wa-pack-figures.h):
 * one that is missing, cut short or holds an impossible value is refused,
 * naming the file and the ward, never read as figures. */
static void
test_damaged_figures (WaTestAtlas *f, gconstpointer data)
{
  static const PackEdit cases[] = {
    { "ALTER TABLE wards DROP COLUMN figures", WA_ERROR_MISSING, "“figures”" },
    { "UPDATE wards SET figures = NULL WHERE fid = 3", WA_ERROR_DAMAGED,
      "layer “wards”, ward E05000003: its figures take 0 bytes, not 384" },
    { "UPDATE wards SET figures = substr (figures, 1, 383) WHERE fid = 2", WA_ERROR_DAMAGED,
      "ward E05000002: its figures take 383 bytes, not 384" },
    { "UPDATE wards SET figures = figures || X'00' WHERE fid = 4", WA_ERROR_DAMAGED,
      "ward E05000004: its figures take 385 bytes, not 384" },
    /* The IMD's decile byte; the next indicator's source byte; padding. */
    { "UPDATE wards SET figures = substr (figures, 1, 28) || X'0B' || substr (figures, 30) WHERE fid = 1",
      WA_ERROR_DAMAGED, "ward E05000001: the imd figures hold decile 11" },
    { "UPDATE wards SET figures = substr (figures, 1, 61) || X'07' || substr (figures, 63) WHERE fid = 1",
      WA_ERROR_DAMAGED, "source 7" },
    { "UPDATE wards SET figures = substr (figures, 1, 383) || X'01' WHERE fid = 1",
      WA_ERROR_DAMAGED, "padding 0, 1" },
  };

  assert_edits_refused (f, cases, G_N_ELEMENTS (cases));
}

static void
store_result (GObject *source, GAsyncResult *result, gpointer data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* The fixture pack has no LSOA boundaries: reading them ahead finishes
 * with the reader's error. */
static void
test_lsoa_read_ahead_fails (WaTestAtlas *f, gconstpointer data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  wa_atlas_read_lsoa_geometry_async (f->atlas, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (wa_atlas_read_lsoa_geometry_finish (f->atlas, result, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_MISSING);
  g_assert_false (wa_lsoas_has_geometry (wa_atlas_get_lsoas (f->atlas)));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_log_set_writer_func (count_changed_pack, NULL, NULL);
  wa_gdal_init ();
#define ADD(path, fn) g_test_add (path, WaTestAtlas, NULL, wa_test_atlas_set_up, fn, wa_test_atlas_tear_down)
  ADD ("/atlas/wards", test_wards);
  ADD ("/atlas/neighbours-and-areas", test_neighbours_and_areas);
  ADD ("/atlas/locate", test_locate);
  ADD ("/atlas/postcodes", test_postcodes);
  ADD ("/atlas/ranks", test_ranks);
  ADD ("/atlas/levels", test_levels);
  ADD ("/atlas/lsoa-read-ahead-fails", test_lsoa_read_ahead_fails);
  g_test_add_func ("/atlas/bad/missing-file", test_missing_file);
  ADD ("/atlas/bad/not-a-pack", test_not_a_pack);
  ADD ("/atlas/bad/truncated", test_truncated);
  ADD ("/atlas/bad/future-schema", test_future_schema);
  ADD ("/atlas/bad/missing-layer", test_missing_layer);
  ADD ("/atlas/bad/missing-column", test_missing_column);
  ADD ("/atlas/bad/duplicate-wards", test_duplicate_wards);
  ADD ("/atlas/bad/damaged-figures", test_damaged_figures);
#undef ADD
  return g_test_run ();
}
