/* test-pack-check.c: layer fingerprints find every kind of damage a pack
 * picks up on a USB stick or in a careless edit (a page of garbage, a
 * deleted row, one changed figure, a dropped table), and refuse files that
 * are not files. */
#include "wa-test-fixtures.h"
#include "wa-pack-check.h"
#include "wa-digest.h"
#include "wa-file-check.h"

#include <math.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
  WaTestSources sources;
} Fixture;

static void
store_fingerprint (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fingerprints = wa_pack_fingerprint (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (fingerprints);
  g_assert_true (wa_pack_store_fingerprint (path, fingerprints, &error));
  g_assert_no_error (error);
}

static void
set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  wa_test_sources_init (&f->sources);
  g_assert_true (wa_test_sources_build (&f->sources, TRUE, &error));
  g_assert_no_error (error);
  store_fingerprint (f->sources.output);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  wa_test_sources_clear (&f->sources);
}

static int
collect_name (void *data, int n_columns, char **values, char **names)
{
  g_ptr_array_add (data, g_strdup (values[0]));
  return 0;
}

/* Edits the pack as someone with sqlite3 would. GDAL's R-tree triggers
 * call its own SQL functions, which plain SQLite lacks, so they go first:
 * they touch only the spatial index tables, which the check leaves out. */
static void
run_sql (const char *path, const char *sql)
{
  g_autoptr(GPtrArray) triggers = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "SELECT name FROM sqlite_master WHERE type = 'trigger'",
                                 collect_name, triggers, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < triggers->len; i++)
    {
      char *drop = sqlite3_mprintf ("DROP TRIGGER \"%w\"", (char *) triggers->pdata[i]);

      g_assert_cmpint (sqlite3_exec (db, drop, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_free (drop);
    }
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_close (db);
}

static void
assert_damaged (const char *path, WaPackCheckLevel level, const char *message_part)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (wa_pack_check (path, level, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, path));
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message_part);
}

static void
test_intact (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) again = NULL;

  g_assert_true (wa_pack_check (f->sources.output, WA_PACK_CHECK_QUICK, &error));
  g_assert_no_error (error);
  g_assert_true (wa_pack_check (f->sources.output, WA_PACK_CHECK_FULL, &error));
  g_assert_no_error (error);

  /* Storing leaves the digests themselves unchanged. */
  again = wa_pack_fingerprint (f->sources.output, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < again->len; i++)
    {
      const WaLayerFingerprint *fp = again->pdata[i];

      if (g_strcmp0 (fp->layer, "wards") == 0)
        g_assert_cmpint (fp->rows, ==, 4);
      g_assert_cmpuint (strlen (fp->sha256), ==, 64);
    }
}

static void
test_deleted_row (Fixture *f, gconstpointer data)
{
  run_sql (f->sources.output, "DELETE FROM wards WHERE code = 'E05000004'");
  assert_damaged (f->sources.output, WA_PACK_CHECK_QUICK, "“wards” has 3 rows where the builder wrote 4");
}

static void
test_changed_value (Fixture *f, gconstpointer data)
{
  run_sql (f->sources.output, "UPDATE wards SET population = population + 1 WHERE code = 'E05000003'");
  assert_damaged (f->sources.output, WA_PACK_CHECK_QUICK, "contents of layer “wards” differ");
}

/* The stored ranks (ward_ranks, which one-off answers read) are covered
 * by the layer digests like any layer... */
static void
test_ward_ranks_changed (Fixture *f, gconstpointer data)
{
  run_sql (f->sources.output, "UPDATE ward_ranks SET combined_rank = combined_rank + 1 WHERE fid = 1");
  assert_damaged (f->sources.output, WA_PACK_CHECK_QUICK, "contents of layer “ward_ranks” differ");
}

/* ...and, fingerprinted again as a buggy builder would, differ from the
 * ranks the reader computes: the pack is refused, never stamped for the
 * lazy model. */
static void
assert_ranks_refused (const char *path, const char *sql, const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = NULL;

  run_sql (path, sql);
  store_fingerprint (path);
  g_assert_true (wa_pack_check (path, WA_PACK_CHECK_QUICK, &error));
  g_assert_no_error (error);
  atlas = wa_atlas_open (path, &error);
  g_assert_null (atlas);
  g_assert_error (error, WA_ERROR, WA_ERROR_SCHEMA);
  if (strstr (error->message, "stored ranks (layer “ward_ranks”) differ") == NULL
      || strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message_part);
}

static void
test_ward_ranks_drift (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = wa_atlas_open (f->sources.output, &error);

  g_assert_no_error (error);
  g_assert_nonnull (atlas);
  g_clear_object (&atlas);
  assert_ranks_refused (f->sources.output,
                        "UPDATE ward_ranks SET combined_rank = combined_rank + 1 WHERE code = 'E05000002'",
                        "ward E05000002");
}

static void
test_ward_ranks_drift_classification (Fixture *f, gconstpointer data)
{
  assert_ranks_refused (f->sources.output,
                        "UPDATE ward_ranks SET left_behind = 1 - left_behind WHERE fid = 3", "ward E05000003");
}

static void
test_ward_ranks_missing_row (Fixture *f, gconstpointer data)
{
  assert_ranks_refused (f->sources.output, "DELETE FROM ward_ranks WHERE fid = 4", "fewer rows than wards");
}

static void
test_changed_metadata (Fixture *f, gconstpointer data)
{
  run_sql (f->sources.output, "UPDATE metadata SET value = '2019' WHERE key = 'edition'");
  assert_damaged (f->sources.output, WA_PACK_CHECK_QUICK, "layer “metadata”");
}

static void
test_dropped_layer (Fixture *f, gconstpointer data)
{
  run_sql (f->sources.output, "DELETE FROM gpkg_contents WHERE table_name = 'places'");
  assert_damaged (f->sources.output, WA_PACK_CHECK_QUICK, "layer “places” is missing");
}

static void
test_added_layer (Fixture *f, gconstpointer data)
{
  run_sql (f->sources.output,
           "CREATE TABLE extra (id INTEGER PRIMARY KEY);"
           "INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES ('extra', 'attributes', 'extra')");
  assert_damaged (f->sources.output, WA_PACK_CHECK_QUICK, "“extra” is not one the builder wrote");
}

/* Postcodes are read on demand, so only the full check digests them. */
static void
test_postcodes_full_only (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  run_sql (f->sources.output, "UPDATE postcodes SET ward_code = ward_code || 'X' "
                               "WHERE rowid = (SELECT min(rowid) FROM postcodes)");
  g_assert_true (wa_pack_check (f->sources.output, WA_PACK_CHECK_QUICK, &error));
  g_assert_no_error (error);
  assert_damaged (f->sources.output, WA_PACK_CHECK_FULL, "layer “postcodes”");
}

/* The wards' figure columns are for QGIS: the reader takes the figures
 * blob, so the quick check digests the columns it takes and only the
 * full check (verify) the figure columns. */
static void
test_figure_columns_full_only (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = wa_atlas_open (f->sources.output, &error);
  double score;

  g_assert_no_error (error);
  score = wa_ward_get_figure (wa_atlas_lookup_ward (atlas, "E05000003"), WA_INDICATOR_IMD)->score;
  g_assert_false (isnan (score));
  g_clear_object (&atlas);
  run_sql (f->sources.output, "UPDATE wards SET imd_score = imd_score + 1 WHERE code = 'E05000003'");
  g_assert_true (wa_pack_check (f->sources.output, WA_PACK_CHECK_QUICK, &error));
  g_assert_no_error (error);
  assert_damaged (f->sources.output, WA_PACK_CHECK_FULL, "contents of layer “wards” differ");
  /* What the app shows did not change: it never reads that column. */
  atlas = wa_atlas_open (f->sources.output, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (wa_ward_get_figure (wa_atlas_lookup_ward (atlas, "E05000003"), WA_INDICATOR_IMD)->score,
                     ==, score);
}

/* Anything else in the wards, the blob and the columns' names included,
 * and the read digest itself, is in the quick check. */
static void
test_read_columns_quick (Fixture *f, gconstpointer data)
{
  static const char *const edits[] = {
    "UPDATE wards SET figures = substr (figures, 1, 24) || X'02000000' || substr (figures, 29) WHERE code = 'E05000003'",
    "UPDATE wards SET name = name || 'x' WHERE code = 'E05000001'",
    "ALTER TABLE wards RENAME COLUMN imd_score TO imd_scorf",
    "UPDATE metadata SET value = '" "0000000000000000000000000000000000000000000000000000000000000000"
    "' WHERE key = 'layer_read_sha256:wards'",
    /* Without the read digest the quick check digests every column. */
    "DELETE FROM metadata WHERE key = 'layer_read_sha256:wards';"
    "UPDATE wards SET imd_score = imd_score + 1 WHERE code = 'E05000003'",
  };
  g_autofree char *pristine = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (f->sources.output, &pristine, &length, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_assert_true (g_file_set_contents (f->sources.output, pristine, length, NULL));
      run_sql (f->sources.output, edits[i]);
      assert_damaged (f->sources.output, WA_PACK_CHECK_QUICK, "layer “wards”");
    }
}

static void
test_no_fingerprint (Fixture *f, gconstpointer data)
{
  run_sql (f->sources.output, "DELETE FROM metadata WHERE key LIKE 'layer\\_%' ESCAPE '\\'");
  assert_damaged (f->sources.output, WA_PACK_CHECK_QUICK, "records no layer fingerprints");
}

/* verify's report goes on past the first damaged layer and names each. */
static void
test_report (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaPackReport) intact = wa_pack_verify (f->sources.output, &error);
  g_autoptr(WaPackReport) report = NULL;
  guint n_damaged = 0;

  g_assert_no_error (error);
  g_assert_null (intact->error);
  g_assert_null (intact->integrity);
  for (guint i = 0; i < intact->layers->len; i++)
    g_assert_null (((WaLayerReport *) intact->layers->pdata[i])->problem);

  run_sql (f->sources.output, "DELETE FROM wards WHERE code = 'E05000004';"
                               "UPDATE places SET name = name || 'x';"
                               "DELETE FROM gpkg_contents WHERE table_name = 'indicators'");
  report = wa_pack_verify (f->sources.output, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report->error);
  g_assert_true (g_str_has_prefix (report->error->message, f->sources.output));
  for (guint i = 0; i < report->layers->len; i++)
    {
      const WaLayerReport *line = report->layers->pdata[i];

      if (g_str_equal (line->layer, "wards"))
        {
          g_assert_cmpint (line->rows, ==, 3);
          g_assert_cmpstr (line->problem, ==, "damaged: layer “wards” has 3 rows where the builder wrote 4");
        }
      else if (g_str_equal (line->layer, "places"))
        g_assert_cmpstr (line->problem, ==, "damaged: the contents of layer “places” differ from what the builder wrote");
      else if (g_str_equal (line->layer, "gpkg_contents"))
        /* The deleted listing is damage to GDAL's table of layers too. */
        {
          /* However many layers the pack has: one fewer than written. */
          g_autofree char *want = g_strdup_printf ("damaged: layer “gpkg_contents” has %u rows where the builder wrote %u",
                                                   (guint) line->rows, (guint) line->rows + 1);

          g_assert_cmpstr (line->problem, ==, want);
        }
      else if (g_str_equal (line->layer, "indicators"))
        {
          /* Missing layers come last, after the listed ones. */
          g_assert_cmpuint (i, ==, report->layers->len - 1);
          g_assert_cmpint (line->rows, ==, -1);
          g_assert_cmpstr (line->problem, ==, "damaged: layer “indicators” is missing");
        }
      else
        g_assert_null (line->problem);
      n_damaged += line->problem != NULL;
    }
  g_assert_cmpuint (n_damaged, ==, 4);
}

static char *
fingerprint_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fingerprints = wa_pack_fingerprint (path, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < fingerprints->len; i++)
    {
      const WaLayerFingerprint *fp = fingerprints->pdata[i];

      g_string_append_printf (text, "%s %" G_GINT64_FORMAT " %s\n", fp->layer, fp->rows, fp->sha256);
    }
  return g_string_free (text, FALSE);
}

/* Garbage over every page in turn: each copy is either refused, naming
 * the file, or every one of its layers still holds exactly the rows the
 * builder wrote (the garbage fell on free space, slack or an index). */
static void
test_garbage_pages (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *original = NULL;
  g_autofree char *expected = fingerprint_text (f->sources.output);
  g_autofree char *copy = g_build_filename (f->sources.dir, "copy.gpkg", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261202);
  gsize length;
  guint refused = 0, pages;

  g_assert_true (g_file_get_contents (f->sources.output, &original, &length, &error));
  pages = length / 4096;
  for (guint page = 0; page < pages; page++)
    {
      g_autofree char *bytes = g_memdup2 (original, length);

      for (guint i = 0; i < 64; i++)
        bytes[page * 4096 + g_rand_int_range (rand, 0, 4096)] ^= (char) g_rand_int_range (rand, 1, 256);
      g_assert_true (g_file_set_contents (copy, bytes, length, &error));
      if (wa_pack_check (copy, WA_PACK_CHECK_FULL, &error))
        {
          g_autofree char *got = fingerprint_text (copy);

          g_assert_cmpstr (got, ==, expected);
          continue;
        }
      g_assert_nonnull (strstr (error->message, copy));
      g_clear_error (&error);
      refused++;
    }
  g_test_message ("%u of %u damaged copies refused, the rest hold the same rows", refused, pages);
}

static void
test_not_a_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = wa_test_tmpdir_new ();
  g_autofree char *fifo = g_build_filename (dir, "pack.gpkg", NULL);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  /* Would block for ever in open() if it were tried. */
  g_assert_false (wa_pack_check (fifo, WA_PACK_CHECK_QUICK, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "named pipe"));
  g_clear_error (&error);

  g_assert_false (wa_check_regular_file (dir, &error));
  g_assert_nonnull (strstr (error->message, "folder"));
  g_clear_error (&error);

  g_assert_false (wa_check_regular_file ("/dev/null", &error));
  g_assert_nonnull (strstr (error->message, "device"));
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

/* Two layers damaged: the check names the first by name, whichever of its
 * two threads finds its problem first (the wards layer is compared first). */
static void
test_first_problem_named (Fixture *f, gconstpointer data)
{
  run_sql (f->sources.output, "UPDATE wards SET population = population + 1 WHERE code = 'E05000003';"
                              "UPDATE ward_ranks SET combined_rank = combined_rank + 1 WHERE fid = 1");
  for (int i = 0; i < 20; i++)
    assert_damaged (f->sources.output, WA_PACK_CHECK_QUICK, "contents of layer “ward_ranks” differ");
}

/* WaDigest is SHA-256 whatever the pieces: GLib's own says what it is,
 * over pieces across and around its buffer's size. */
static void
test_digest_is_sha256 (void)
{
  static const gsize sizes[] = { 0, 1, 9, 4095, 16383, 16384, 16385, 40000, 3, 100000 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (18);
  g_autofree guchar *bytes = g_malloc (100000);
  g_autoptr(GChecksum) expected = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(WaDigest) digest = wa_digest_new ();
  g_autoptr(WaDigest) empty = wa_digest_new ();
  g_autofree char *empty_hex = wa_digest_finish (empty);
  g_autofree char *hex = NULL;

  g_assert_cmpstr (empty_hex, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  for (gsize i = 0; i < 100000; i++)
    bytes[i] = (guchar) g_rand_int (rand);
  for (int round = 0; round < 50; round++)
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        gsize size = (round + i) % 2 == 0 ? sizes[i] : (gsize) g_rand_int_range (rand, 0, 20);
        gsize start = (gsize) g_rand_int_range (rand, 0, (gint32) (100000 - size + 1));

        wa_digest_update (digest, bytes + start, size);
        g_checksum_update (expected, bytes + start, (gssize) size);
      }
  hex = wa_digest_finish (digest);
  g_assert_cmpstr (hex, ==, g_checksum_get_string (expected));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, set_up, fn, tear_down)
  ADD ("/pack-check/intact", test_intact);
  ADD ("/pack-check/deleted-row", test_deleted_row);
  ADD ("/pack-check/changed-value", test_changed_value);
  ADD ("/pack-check/changed-metadata", test_changed_metadata);
  ADD ("/pack-check/ward-ranks-changed", test_ward_ranks_changed);
  ADD ("/pack-check/ward-ranks-drift", test_ward_ranks_drift);
  ADD ("/pack-check/ward-ranks-drift-classification", test_ward_ranks_drift_classification);
  ADD ("/pack-check/ward-ranks-missing-row", test_ward_ranks_missing_row);
  ADD ("/pack-check/dropped-layer", test_dropped_layer);
  ADD ("/pack-check/added-layer", test_added_layer);
  ADD ("/pack-check/postcodes-full-only", test_postcodes_full_only);
  ADD ("/pack-check/figure-columns-full-only", test_figure_columns_full_only);
  ADD ("/pack-check/read-columns-quick", test_read_columns_quick);
  ADD ("/pack-check/no-fingerprint", test_no_fingerprint);
  ADD ("/pack-check/garbage-pages", test_garbage_pages);
  ADD ("/pack-check/report", test_report);
  ADD ("/pack-check/first-problem-named", test_first_problem_named);
#undef ADD
  g_test_add_func ("/pack-check/digest-is-sha256", test_digest_is_sha256);
  g_test_add_func ("/pack-check/not-a-file", test_not_a_file);
  return g_test_run ();
}
