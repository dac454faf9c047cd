/* test-lazy-cli.c: the lazy model (wa-pack-query.h) gives exactly what the
 * full model gives, and the CLI prints the same bytes from either; the
 * verification stamp (wa-pack-stamp.h) matches only the unchanged file.
 *
 * Cheap under the sanitizers: each real pack is opened whole once in this
 * process, and the CLI runs its full model three times per pack (info, a
 * ward, a batch of postcodes); the rest compares model objects for a
 * sample of wards, postcodes and points. */
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "ward-atlas-core.h"
#include "wa-pack.h"
#include "wa-pack-query.h"
#include "wa-pack-stamp.h"
#include "wa-test-fixtures.h"

static char *cache_dir;

/* ---- the stamp ------------------------------------------------------------ */

/* Sets the file's mtime an hour earlier than it is. */
static void
age (const char *path)
{
  struct stat st;
  struct timespec times[2];

  g_assert_cmpint (stat (path, &st), ==, 0);
  times[0] = st.st_atim;
  times[1] = st.st_mtim;
  times[1].tv_sec -= 3600;
  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
}

static void
test_stamp (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wa-stamp-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pack.gpkg", NULL);
  g_autofree char *link_path = g_build_filename (dir, "link.gpkg", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "pack", -1, NULL));
  g_assert_false (wa_pack_stamp_matches (path, "abc"));
  /* Just written: a change in the same clock tick could keep its mtime. */
  g_assert_true (wa_pack_stamp_record (path, "abc", &error));
  g_assert_no_error (error);
  g_assert_false (wa_pack_stamp_matches (path, "abc"));
  age (path);
  g_assert_true (wa_pack_stamp_record (path, "abc", &error));
  g_assert_no_error (error);
  g_assert_true (wa_pack_stamp_matches (path, "abc"));
  g_assert_false (wa_pack_stamp_matches (path, "abd"));
  g_assert_false (wa_pack_stamp_matches (path, NULL));
  /* Another path to the same file (a copy would differ in more). */
  g_assert_cmpint (link (path, link_path), ==, 0);
  g_assert_false (wa_pack_stamp_matches (link_path, "abc"));
  /* The same bytes written again: a new mtime and inode. */
  g_assert_true (g_file_set_contents (path, "pack", -1, NULL));
  g_assert_false (wa_pack_stamp_matches (path, "abc"));
  /* Changed in place, an hour's difference in mtime. */
  age (path);
  g_assert_false (wa_pack_stamp_matches (path, "abc"));
  /* Recording again replaces the entry rather than adding one. */
  g_assert_true (wa_pack_stamp_record (path, "abc", &error));
  g_assert_true (wa_pack_stamp_matches (path, "abc"));
  g_assert_false (wa_pack_stamp_matches (path, "abd"));
  g_unlink (link_path);
  g_unlink (path);
  g_rmdir (dir);
}

/* ---- the models ------------------------------------------------------------ */

static const char *
pack_path (const char *edition)
{
  g_autofree char *variable = g_strdup_printf ("WA_PACK_%s", edition);
  return g_getenv (variable);
}

static void
assert_same_double (double a, double b)
{
  g_assert_true ((isnan (a) && isnan (b)) || a == b);
}

static void
assert_same_ward (WaWard *full, WaWard *lazy, gboolean with_geometry)
{
  guint n_full, n_lazy;
  const guint *nb_full, *nb_lazy;

  g_assert_cmpuint (wa_ward_get_index (full), ==, wa_ward_get_index (lazy));
  g_assert_cmpstr (wa_ward_get_code (full), ==, wa_ward_get_code (lazy));
  g_assert_cmpstr (wa_ward_get_name (full), ==, wa_ward_get_name (lazy));
  g_assert_cmpstr (wa_ward_get_lad_code (full), ==, wa_ward_get_lad_code (lazy));
  g_assert_cmpstr (wa_ward_get_lad_name (full), ==, wa_ward_get_lad_name (lazy));
  g_assert_cmpstr (wa_ward_get_region_name (full), ==, wa_ward_get_region_name (lazy));
  g_assert_cmpint (wa_ward_get_population (full), ==, wa_ward_get_population (lazy));
  g_assert_cmpuint (wa_ward_get_n_lsoa (full), ==, wa_ward_get_n_lsoa (lazy));
  g_assert_cmpint (wa_ward_get_official_left_behind (full), ==, wa_ward_get_official_left_behind (lazy));
  g_assert_cmpuint (wa_ward_get_combined_rank (full), ==, wa_ward_get_combined_rank (lazy));
  g_assert_cmpint (wa_ward_get_left_behind (full), ==, wa_ward_get_left_behind (lazy));
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      const WaFigure *a = wa_ward_get_figure (full, i), *b = wa_ward_get_figure (lazy, i);

      assert_same_double (a->score, b->score);
      assert_same_double (a->extent, b->extent);
      assert_same_double (a->proportion, b->proportion);
      g_assert_cmpuint (a->rank, ==, b->rank);
      g_assert_cmpuint (a->decile, ==, b->decile);
      g_assert_cmpint (a->source, ==, b->source);
    }
  if (!with_geometry)
    return;
  g_assert_cmpint (wa_ward_get_geometry (full) != NULL, ==, wa_ward_get_geometry (lazy) != NULL);
  nb_full = wa_ward_get_neighbours (full, &n_full);
  nb_lazy = wa_ward_get_neighbours (lazy, &n_lazy);
  g_assert_cmpuint (n_full, ==, n_lazy);
  for (guint i = 0; i < n_full; i++)
    g_assert_cmpuint (nb_full[i], ==, nb_lazy[i]);
}

/* Some postcodes of the pack: spread over the table, and some outside
 * every ward; then forms the pack lacks or that are no postcode. */
static GPtrArray *
sample_postcodes (const char *path)
{
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  const char *sql[] = {
    "SELECT display FROM postcodes WHERE rowid % 20011 = 7",
    "SELECT display FROM postcodes WHERE ward_code IS NULL LIMIT 5",
  };
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (sql); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (codes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  g_assert_cmpuint (codes->len, >, 50);
  /* Unknown (a withdrawn or made-up one), malformed, empty, lower case. */
  g_ptr_array_add (codes, g_strdup ("ZZ99 9ZZ"));
  g_ptr_array_add (codes, g_strdup ("not a postcode"));
  g_ptr_array_add (codes, g_strdup (""));
  g_ptr_array_add (codes, g_ascii_strdown (g_ptr_array_index (codes, 0), -1));
  return codes;
}

static void
compare_postcode (WaAtlas *full, WaPackQuery *query, const char *text)
{
  g_autoptr(GError) e_full = NULL, e_lazy = NULL;
  g_autoptr(WaPostcodeHit) a = wa_atlas_lookup_postcode (full, text, &e_full);
  g_autoptr(WaPostcodeHit) b = wa_pack_query_lookup_postcode (query, text, &e_lazy);

  g_assert_cmpint (a == NULL, ==, b == NULL);
  if (a == NULL)
    {
      g_assert_cmpstr (e_full->message, ==, e_lazy->message);
      return;
    }
  g_assert_cmpstr (a->postcode, ==, b->postcode);
  assert_same_double (a->lon, b->lon);
  assert_same_double (a->lat, b->lat);
  g_assert_cmpint (a->ward_index, ==, b->ward_index);
  if (a->ward_index >= 0)
    assert_same_ward (wa_atlas_get_ward (full, a->ward_index),
                      wa_atlas_get_ward (wa_pack_query_get_atlas (query), b->ward_index), FALSE);
}

static void
compare_point (WaAtlas *full, WaPackQuery *query, double lon, double lat)
{
  g_autoptr(GError) error = NULL;
  WaWard *a = wa_atlas_locate (full, lon, lat);
  WaWard *b = wa_pack_query_locate (query, lon, lat, &error);

  g_assert_no_error (error);
  g_assert_cmpint (a == NULL, ==, b == NULL);
  if (a != NULL)
    g_assert_cmpuint (wa_ward_get_index (a), ==, wa_ward_get_index (b));
}

static void
compare_summary (WaAtlas *full, WaPackQuery *query)
{
  WaPackSummary a = { 0 }, b = { 0 };
  g_autoptr(GError) error = NULL;

  wa_pack_summary_from_atlas (full, &a);
  g_assert_true (wa_pack_query_summarise (query, &b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (a.n_on_map, ==, b.n_on_map);
  g_assert_cmpuint (a.n_places, ==, b.n_places);
  g_assert_cmpuint (a.n_lads, ==, b.n_lads);
  g_assert_cmpuint (a.datasets->len, ==, b.datasets->len);
  for (guint i = 0; i < a.datasets->len; i++)
    {
      const WaAssetDataset *x = g_ptr_array_index (a.datasets, i), *y = g_ptr_array_index (b.datasets, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpuint (x->categories, ==, y->categories);
      g_assert_cmpint (x->imported, ==, y->imported);
    }
  wa_pack_summary_clear (&a);
  wa_pack_summary_clear (&b);
}

/* The pack stores the default method's ranks (ward_ranks): a query that
 * uses them gives every ward the full model's combined rank and
 * classification, and the wards it returns whole are the full model's.
 * Fails when the stored ranks drift from the computed ones. */
static void
compare_stored_ranks (WaAtlas *full, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaPackQuery) query = wa_pack_query_open (path, &error);
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  WaPackSummary a = { 0 }, b = { 0 };
  WaAtlas *lazy;
  guint n = wa_atlas_get_n_wards (full);

  g_assert_no_error (error);
  g_assert_nonnull (query);
  /* Packs built by this tree store them, for the default method. */
  g_assert_cmpstr (wa_atlas_get_metadata (full, WA_PACK_META_WARD_RANKS_METHOD), ==,
                   wa_rank_method_to_id (wa_atlas_get_rank_params (full)->method));
  wa_pack_query_use_stored_ranks (query);
  wa_pack_summary_from_atlas (full, &a);
  g_assert_true (wa_pack_query_summarise (query, &b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (a.n_on_map, ==, b.n_on_map);
  wa_pack_summary_clear (&a);
  wa_pack_summary_clear (&b);
  lazy = wa_pack_query_get_atlas (query);
  g_assert_cmpuint (wa_atlas_get_n_wards (lazy), ==, n);
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    g_assert_cmpuint (wa_atlas_get_n_ranked (full, i), ==, wa_atlas_get_n_ranked (lazy, i));
  g_assert_cmpint (wa_atlas_get_rank_params (full)->method, ==, wa_atlas_get_rank_params (lazy)->method);
  for (guint w = 0; w < n; w++)
    {
      WaWard *x = wa_atlas_get_ward (full, w), *y = wa_atlas_get_ward (lazy, w);

      g_assert_cmpstr (wa_ward_get_code (x), ==, wa_ward_get_code (y));
      g_assert_cmpuint (wa_ward_get_index (y), ==, w);
      g_assert_cmpuint (wa_ward_get_combined_rank (x), ==, wa_ward_get_combined_rank (y));
      g_assert_cmpint (wa_ward_get_left_behind (x), ==, wa_ward_get_left_behind (y));
    }
  /* Whole wards, with their neighbours whole too (the CLI prints their
   * names): a few, and one without a boundary. */
  for (guint w = 0; w < n; w++)
    if (w % 2999 == 0 || w == n - 1
        || (wa_ward_get_geometry (wa_atlas_get_ward (full, w)) == NULL && wanted->len < 4))
      g_ptr_array_add (wanted, wa_atlas_get_ward (full, w));
  for (guint i = 0; i < wanted->len; i++)
    {
      WaWard *x = g_ptr_array_index (wanted, i);
      WaWard *y = wa_pack_query_lookup_ward (query, wa_ward_get_code (x), &error);
      guint n_nb = 0;
      const guint *nb;

      g_assert_no_error (error);
      assert_same_ward (x, y, TRUE);
      nb = wa_ward_get_neighbours (y, &n_nb);
      for (guint k = 0; k < n_nb; k++)
        assert_same_ward (wa_atlas_get_ward (full, nb[k]),
                          wa_atlas_get_ward (wa_pack_query_get_atlas (query), nb[k]), FALSE);
    }
  g_assert_null (wa_pack_query_lookup_ward (query, "E05999999", &error));
  g_assert_no_error (error);
}

static void
test_model (gconstpointer data)
{
  const char *edition = data;
  g_autoptr(WaAtlas) full = NULL;
  g_autoptr(WaPackQuery) query = NULL;
  g_autoptr(GPtrArray) postcodes = NULL;
  g_autoptr(GError) error = NULL;
  WaAtlas *lazy;
  guint n;

  if (!wa_test_edition_wanted (edition) || (full = wa_test_open_pack (edition)) == NULL)
    {
      g_test_skip ("edition not wanted or not built");
      return;
    }
  /* Opening it whole stamped it: the lazy model now opens it. */
  query = wa_pack_query_open (pack_path (edition), &error);
  g_assert_no_error (error);
  g_assert_nonnull (query);
  compare_summary (full, query);
  lazy = wa_pack_query_get_atlas (query);
  n = wa_atlas_get_n_wards (full);
  g_assert_cmpuint (wa_atlas_get_n_wards (lazy), ==, n);
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    g_assert_cmpuint (wa_atlas_get_n_ranked (full, i), ==, wa_atlas_get_n_ranked (lazy, i));
  /* Every ward's figures and ranks (cheap: no geometry); a sample, and
   * every ward without a boundary, with geometry and neighbours. */
  for (guint w = 0; w < n; w++)
    assert_same_ward (wa_atlas_get_ward (full, w), wa_atlas_get_ward (lazy, w), FALSE);
  for (guint w = 0; w < n; w++)
    {
      WaWard *ward = wa_atlas_get_ward (full, w);

      /* Each new ward with geometry reads the wards again: a few only. */
      if (w % 1999 == 0 || w == n - 1 || wa_ward_get_geometry (ward) == NULL)
        assert_same_ward (ward, wa_pack_query_lookup_ward (query, wa_ward_get_code (ward), NULL), TRUE);
    }
  g_assert_null (wa_pack_query_lookup_ward (query, "E05999999", &error));
  g_assert_no_error (error);

  postcodes = sample_postcodes (pack_path (edition));
  for (guint i = 0; i < postcodes->len; i++)
    {
      g_autoptr(WaPostcodeHit) hit = wa_atlas_lookup_postcode (full, g_ptr_array_index (postcodes, i), NULL);

      compare_postcode (full, query, g_ptr_array_index (postcodes, i));
      /* Points: at the postcode, near it, and off the coast. */
      if (hit != NULL && i % 10 == 0)
        {
          compare_point (full, query, hit->lon, hit->lat);
          compare_point (full, query, hit->lon + 0.003, hit->lat - 0.002);
        }
    }
  compare_point (full, query, 0, 0);
  compare_point (full, query, -1.89, 52.48);
  compare_point (full, query, NAN, 52.48);

  compare_stored_ranks (full, pack_path (edition));
}

/* ---- the CLI ----------------------------------------------------------------- */

static int
run_cli (const char *const *args, char **out)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("WA_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, &err,
                &status, &error);
  g_assert_no_error (error);
  /* The messages are part of the output compared. */
  if (err != NULL && *err != '\0')
    {
      char *both = g_strconcat (*out, "\nstderr:\n", err, NULL);
      g_free (*out);
      *out = both;
    }
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* The lazy and the full model print the same bytes and exit alike;
 * returns the lazy model's output. */
static char *
assert_same_output (const char *const *args, const char *const *full_args)
{
  g_autofree char *lazy = NULL, *full = NULL;
  /* The full model first: it stamps the pack, so the lazy run is lazy. */
  int status = run_cli (full_args, &full);

  g_assert_cmpint (run_cli (args, &lazy), ==, status);
  g_assert_cmpstr (lazy, ==, full);
  return g_steal_pointer (&lazy);
}

static char *
write_postcodes_csv (GPtrArray *postcodes)
{
  g_autoptr(GString) text = g_string_new ("Postcode,note\r\n");
  g_autofree char *path = g_build_filename (cache_dir, "postcodes.csv", NULL);

  for (guint i = 0; i < postcodes->len; i++)
    g_string_append_printf (text, "\"%s\",n%u\r\n", (const char *) g_ptr_array_index (postcodes, i), i);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  return g_steal_pointer (&path);
}

/* Text with the thousands separators of its numbers ("1,837") dropped:
 * the CLI groups digits for people, the CSV does not. */
static char *
ungrouped (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!(*p == ',' && p > text && g_ascii_isdigit (p[-1]) && g_ascii_isdigit (p[1])))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* A batch row holds what "locate --postcode" prints for it. */
static void
assert_batch_matches_single (const char *pack, const char *csv, const char *postcode)
{
  g_autofree char *single = NULL;
  g_autofree char *plain = NULL;
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  g_auto(GStrv) fields = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s,", postcode);

  g_assert_cmpint (run_cli ((const char *[]) { "locate", pack, "--postcode", postcode, NULL }, &single), ==, 0);
  for (guint i = 0; lines[i] != NULL && fields == NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      fields = g_strsplit (lines[i], ",", -1);
  g_assert_nonnull (fields);
  plain = ungrouped (single);
  for (guint f = 4; f < 10; f++)
    if (*fields[f] != '\0')
      g_assert_nonnull (strstr (plain, fields[f]));
}

/* A ward without a boundary ("On the map: no") if the pack has one, else
 * its first ward (the 2025 pack has a boundary for every ward). */
static char *
ward_without_boundary (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *code = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT code FROM wards ORDER BY geom IS NOT NULL, rowid LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return code;
}

static void
test_cli (gconstpointer data)
{
  const char *edition = data;
  const char *pack = pack_path (edition);
  g_autoptr(WaPackQuery) query = NULL;
  g_autoptr(GPtrArray) postcodes = NULL;
  g_autofree char *csv_path = NULL, *batch = NULL, *single = NULL;
  g_autofree char *no_boundary = NULL, *profile = NULL;

  if (!wa_test_edition_wanted (edition) || pack == NULL || !g_file_test (pack, G_FILE_TEST_EXISTS)
      || g_getenv ("WA_CLI") == NULL)
    {
      g_test_skip ("edition not wanted, pack not built or WA_CLI unset");
      return;
    }
  no_boundary = ward_without_boundary (pack);
  g_assert_nonnull (no_boundary);
  g_free (assert_same_output ((const char *[]) { "info", pack, NULL },
                              (const char *[]) { "info", pack, "--full-model", NULL }));
  /* The full model's run stamped the pack: the lazy runs were lazy. */
  query = wa_pack_query_open (pack, NULL);
  g_assert_nonnull (query);
  profile = assert_same_output ((const char *[]) { "ward", pack, no_boundary, NULL },
                                (const char *[]) { "ward", pack, no_boundary, "--full-model", NULL });
  /* Ranks as the app writes them, "1,837 of 6,784" (issue 16: the CLI
   * printed "1837 of 6817"). */
  g_assert_true (g_regex_match_simple ("[0-9] of [0-9]{1,3},[0-9]{3}\\b", profile, 0, 0));
  g_assert_false (g_regex_match_simple ("[0-9]{4} of|of [0-9]{4}", profile, 0, 0));
  postcodes = sample_postcodes (pack);
  csv_path = write_postcodes_csv (postcodes);
  batch = assert_same_output ((const char *[]) { "locate", pack, "--postcodes-file", csv_path, NULL },
                              (const char *[]) { "locate", pack, "--postcodes-file", csv_path,
                                                 "--full-model", NULL });

  /* The batch agrees with single lookups; errors are rows, not failures. */
  g_assert_true (g_str_has_prefix (batch, "input,postcode,lon,lat,ward_code,ward_name,local_authority,"
                                          "region,combined_rank,left_behind,error\n"));
  g_assert_nonnull (strstr (batch, "\nZZ99 9ZZ,,,,,,,,,,Postcode ZZ99 9ZZ is not in the pack"));
  g_assert_nonnull (strstr (batch, "\nnot a postcode,,,,,,,,,,“not a postcode” is not a UK postcode\n"));
  g_assert_nonnull (strstr (batch, "is not in any ward of this pack (England only)"));
  for (guint i = 0; i < 3; i++)
    assert_batch_matches_single (pack, batch, g_ptr_array_index (postcodes, i * 7));

  /* A lazy unknown ward says what the full model says. */
  g_assert_cmpint (run_cli ((const char *[]) { "ward", pack, "E05999999", NULL }, &single), ==, 1);
  g_assert_nonnull (strstr (single, "no ward with code “E05999999” in this pack"));
  g_unlink (csv_path);
}

int
main (int argc, char **argv)
{
  static const char *const editions[] = { "2019", "2025" };
  int status;

  /* Before GLib reads it: stamps go to a cache of this test's own. */
  cache_dir = g_dir_make_tmp ("wa-lazy-cache-XXXXXX", NULL);
  g_setenv ("XDG_CACHE_HOME", cache_dir, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lazy/stamp", test_stamp);
  for (guint e = 0; e < G_N_ELEMENTS (editions); e++)
    {
      g_autofree char *model = g_strdup_printf ("/real-data/%s/lazy/model", editions[e]);
      g_autofree char *cli = g_strdup_printf ("/real-data/%s/lazy/cli", editions[e]);

      g_test_add_data_func (model, editions[e], test_model);
      g_test_add_data_func (cli, editions[e], test_cli);
    }
  status = g_test_run ();
  {
    g_autofree char *stamps = g_build_filename (cache_dir, "ward-atlas", "verified-packs", NULL);
    g_autofree char *sub = g_build_filename (cache_dir, "ward-atlas", NULL);
    g_unlink (stamps);
    g_rmdir (sub);
    g_rmdir (cache_dir);
    g_free (cache_dir);
  }
  return status;
}
