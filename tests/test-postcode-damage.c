/* test-postcode-damage.c: a damaged postcodes table refuses a lookup
 * instead of answering it wrongly, on the full model and the lazy one.
 *
 * Opening a pack does not digest the postcodes table (1.5 million rows),
 * so each case damages a fixture pack where opening cannot see it, as the
 * damage run found: a changed row, an index entry leading to another row,
 * a row gone with its index entry left, an index entry lost. The index
 * cases swap in the index of a doctored copy of the table through
 * writable_schema, leaving the table's own rows as built. */
#include "wa-search.h"
#include "wa-test-fixtures.h"
#include "wa-pack-query.h"
#include "wa-pack-stamp.h"

#include <string.h>
#include <sqlite3.h>
#include <utime.h>

static char *fixture_dir;
static char *fixture_pack;

#define INDEX "postcodes_postcode_idx"

static void
run_sql (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s: %s", path, sql, message);
  sqlite3_close (db);
}

static gint64
root_page (sqlite3 *db, const char *name)
{
  sqlite3_stmt *stmt = NULL;
  gint64 page;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_master WHERE name = ?", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return page;
}

/* Index A now reads index B's B-tree and the other way round. */
static void
swap_root_pages (const char *path, const char *a, const char *b)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("PRAGMA writable_schema = ON;"
                         "UPDATE sqlite_master SET rootpage = %" G_GINT64_FORMAT " WHERE name = '%s';"
                         "UPDATE sqlite_master SET rootpage = %" G_GINT64_FORMAT " WHERE name = '%s';",
                         root_page (db, b), a, root_page (db, a), b);
  sqlite3_close (db);
  run_sql (path, sql);
}

/* Makes the postcodes table use the index of a copy of its keys (table
 * "doctored", same rowids) that DOCTOR_SQL has changed; then TABLE_SQL
 * (may be NULL) changes the table before the index is swapped in. */
static void
swap_in_doctored_index (const char *path, const char *doctor_sql, const char *table_sql)
{
  /* The index must map keys to the postcodes table's rowids: index a table
   * whose rowids are those rids. */
  run_sql (path, "CREATE TABLE doctored (rid INTEGER PRIMARY KEY, postcode TEXT);"
                 "INSERT INTO doctored SELECT rowid, postcode FROM postcodes;");
  if (doctor_sql != NULL)
    run_sql (path, doctor_sql);
  run_sql (path, "CREATE INDEX doctored_idx ON doctored (postcode);");
  if (table_sql != NULL)
    run_sql (path, table_sql);
  swap_root_pages (path, INDEX, "doctored_idx");
  /* A new connection reads the new schema; the doctored table leaves with
   * the original index. */
  run_sql (path, "DROP TABLE doctored;");
}

/* A copy of the fixture pack damaged by SQL, dated an hour back so that
 * opening it records it as verified (the lazy model opens only those). */
static char *
damaged_copy (const char *name, void (*damage) (const char *path))
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture_dir, name, NULL);
  struct utimbuf past = { time (NULL) - 3600, time (NULL) - 3600 };
  gsize length;

  g_assert_true (g_file_get_contents (fixture_pack, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  if (damage != NULL)
    damage (path);
  g_assert_cmpint (utime (path, &past), ==, 0);
  return path;
}

typedef struct {
  char *path;
  WaAtlas *atlas;
  WaPackQuery *query;
} Models;

static void
models_open (Models *m, const char *path)
{
  g_autoptr(GError) error = NULL;

  m->path = g_strdup (path);
  m->atlas = wa_atlas_open (path, &error);
  g_assert_no_error (error);
  m->query = wa_pack_query_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (m->query);
}

static void
models_clear (Models *m)
{
  g_clear_object (&m->atlas);
  g_clear_object (&m->query);
  g_clear_pointer (&m->path, g_free);
}

static WaPostcodeHit *
lookup (Models *m, gboolean lazy, const char *postcode, GError **error)
{
  return lazy ? wa_pack_query_lookup_postcode (m->query, postcode, error)
              : wa_atlas_lookup_postcode (m->atlas, postcode, error);
}

/* Both models refuse POSTCODE, naming the file, the postcode and WHAT. */
static void
assert_refused (Models *m, const char *postcode, const char *what)
{
  for (int lazy = 0; lazy <= 1; lazy++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WaPostcodeHit) hit = lookup (m, lazy, postcode, &error);

      g_assert_null (hit);
      g_assert_error (error, WA_ERROR, WA_ERROR_DAMAGED);
      g_assert_nonnull (strstr (error->message, m->path));
      g_assert_nonnull (strstr (error->message, "pack is damaged"));
      g_assert_nonnull (strstr (error->message, "ward-atlas-cli verify"));
      if (what != NULL && strstr (error->message, what) == NULL)
        g_error ("%s model: “%s” not in: %s", lazy ? "lazy" : "full", what, error->message);
    }
}

static void
assert_found (Models *m, const char *postcode, double lon)
{
  for (int lazy = 0; lazy <= 1; lazy++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WaPostcodeHit) hit = lookup (m, lazy, postcode, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (hit->postcode, ==, postcode);
      g_assert_cmpfloat_with_epsilon (hit->lon, lon, 1e-9);
    }
}

static void
assert_not_found (Models *m, const char *postcode)
{
  for (int lazy = 0; lazy <= 1; lazy++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WaPostcodeHit) hit = lookup (m, lazy, postcode, &error);

      g_assert_null (hit);
      g_assert_error (error, WA_ERROR, WA_ERROR_NOT_FOUND);
    }
}

/* The builder writes the rows in postcode order, rowids 1..n, each with a
 * check value; an intact pack answers as before. */
static void
test_intact (void)
{
  g_autofree char *path = damaged_copy ("intact.gpkg", NULL);
  Models m = { 0 };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *previous = g_strdup ("");
  gint64 expected_rowid = 1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rowid, postcode, row_check FROM postcodes ORDER BY rowid",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *postcode = (const char *) sqlite3_column_text (stmt, 1);

      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, expected_rowid++);
      g_assert_cmpstr (previous, <, postcode);
      g_assert_cmpint (sqlite3_column_type (stmt, 2), ==, SQLITE_INTEGER);
      g_free (previous);
      previous = g_strdup (postcode);
    }
  g_assert_cmpint (expected_rowid, ==, 5);   /* AB1 2CD, AB1 2CE, AB12 3EF, ZZ9 9ZZ */
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  models_open (&m, path);
  assert_found (&m, "AB1 2CD", -0.95);
  assert_found (&m, "AB12 3EF", -0.75);
  assert_found (&m, "ZZ9 9ZZ", 1.5);
  /* Absent: before, between and after the rows. */
  assert_not_found (&m, "A1 1AA");
  assert_not_found (&m, "AB1 2CF");
  assert_not_found (&m, "ZZ9 9ZY");
  assert_not_found (&m, "ZZ99 9ZZ");
  models_clear (&m);
}

static void
move_point (const char *path)
{
  run_sql (path, "UPDATE postcodes SET lon = lon + 0.001 WHERE postcode = 'AB12CE'");
}

static void
change_ward (const char *path)
{
  run_sql (path, "UPDATE postcodes SET ward_code = 'E05000002' WHERE postcode = 'AB12CD'");
}

/* A changed row (a moved point, another ward) fails its check. */
static void
test_changed_row (void)
{
  g_autofree char *moved = damaged_copy ("moved.gpkg", move_point);
  g_autofree char *ward = damaged_copy ("ward.gpkg", change_ward);
  g_autoptr(GPtrArray) hits = NULL;
  Models m = { 0 };

  models_open (&m, moved);
  assert_refused (&m, "ab1 2ce", "the postcode row for AB1 2CE fails its check");
  assert_found (&m, "AB1 2CD", -0.95);   /* the other rows are intact */
  /* The search list leaves the damaged row out rather than show it. */
  hits = wa_atlas_search_postcodes (m.atlas, "AB1 2C", 10);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((WaPostcodeHit *) hits->pdata[0])->postcode, ==, "AB1 2CD");
  /* Searching for the whole postcode says the pack is damaged (the app's
   * search box and `search`), rather than find nothing. */
  {
    g_autoptr(WaSearch) search = wa_search_new (m.atlas);
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) results = wa_search_query_checked (search, "AB1 2CE", 10, &error);

    g_assert_null (results);
    g_assert_error (error, WA_ERROR, WA_ERROR_DAMAGED);
    g_assert_nonnull (strstr (error->message, "AB1 2CE"));
    g_clear_error (&error);
    results = wa_search_query_checked (search, "AB1 2CD", 10, &error);
    g_assert_nonnull (results);
    g_assert_cmpuint (results->len, >=, 1);
  }
  models_clear (&m);

  models_open (&m, ward);
  assert_refused (&m, "AB12CD", "AB1 2CD");
  models_clear (&m);
}

static void
swap_keys (const char *path)
{
  swap_in_doctored_index (path, "UPDATE doctored SET postcode = CASE postcode WHEN 'AB12CD' THEN 'AB12CE'"
                                " ELSE 'AB12CD' END WHERE postcode IN ('AB12CD', 'AB12CE')", NULL);
}

/* The index leads AB1 2CD to AB1 2CE's row, intact in itself. (SQLite
 * reads the postcode from the index entry and the rest from the row, so
 * the check value is what fails.) */
static void
test_index_elsewhere (void)
{
  g_autofree char *path = damaged_copy ("elsewhere.gpkg", swap_keys);
  Models m = { 0 };

  models_open (&m, path);
  assert_refused (&m, "AB1 2CD", "AB1 2CD");
  assert_refused (&m, "AB1 2CE", "AB1 2CE");
  models_clear (&m);
}

static void
delete_row (const char *path)
{
  swap_in_doctored_index (path, NULL, "DELETE FROM postcodes WHERE postcode = 'AB12CE'");
}

/* A row gone, its index entry left: SQLite reads a missing row. */
static void
test_row_deleted (void)
{
  g_autofree char *path = damaged_copy ("deleted.gpkg", delete_row);
  Models m = { 0 };

  models_open (&m, path);
  assert_refused (&m, "AB1 2CE", NULL);
  models_clear (&m);
}

static void
lose_entry (const char *path)
{
  /* Keeps the index's count: the entry now holds a key of no row. */
  swap_in_doctored_index (path, "UPDATE doctored SET postcode = 'AB12CF' WHERE postcode = 'AB12CE'", NULL);
}

/* The index has lost AB1 2CE, whose row is intact: the search by rowid
 * finds it, so "not found" would be wrong. */
static void
test_entry_lost (void)
{
  g_autofree char *path = damaged_copy ("lost.gpkg", lose_entry);
  Models m = { 0 };

  models_open (&m, path);
  assert_refused (&m, "AB1 2CE", "the postcode index does not find AB1 2CE");
  /* Its key leads to the row of another postcode. */
  assert_refused (&m, "AB1 2CF", "AB1 2CF");
  assert_found (&m, "AB1 2CD", -0.95);
  models_clear (&m);
}

static void
older_schema (const char *path)
{
  run_sql (path, "UPDATE metadata SET value = '4' WHERE key = 'schema_version'");
}

/* A pack of the schema before the check values, stamped as verified by
 * that older version: the lazy model leaves it to the full reader, which
 * asks for a rebuild. */
static void
test_older_schema (void)
{
  g_autofree char *path = damaged_copy ("older.gpkg", older_schema);
  g_autoptr(GHashTable) metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *fingerprint = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WaPackQuery) query = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT key, value FROM metadata", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_replace (metadata, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                          g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  fingerprint = wa_pack_stamp_fingerprint (metadata);
  g_assert_true (wa_pack_stamp_record (path, fingerprint, &error));
  g_assert_no_error (error);

  query = wa_pack_query_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (query);
  atlas = wa_atlas_open (path, &error);
  g_assert_null (atlas);
  g_assert_error (error, WA_ERROR, WA_ERROR_SCHEMA);
  g_assert_nonnull (strstr (error->message, "rebuild"));
}

int
main (int argc, char **argv)
{
  WaTestSources sources = { 0 };
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  wa_test_sources_init (&sources);
  if (!wa_test_sources_build (&sources, TRUE, &error))
    g_error ("%s", error->message);
  fixture_dir = g_strdup (sources.dir);
  fixture_pack = g_strdup (sources.output);

  g_test_add_func ("/postcode-damage/intact", test_intact);
  g_test_add_func ("/postcode-damage/changed-row", test_changed_row);
  g_test_add_func ("/postcode-damage/index-elsewhere", test_index_elsewhere);
  g_test_add_func ("/postcode-damage/row-deleted", test_row_deleted);
  g_test_add_func ("/postcode-damage/entry-lost", test_entry_lost);
  g_test_add_func ("/postcode-damage/older-schema", test_older_schema);
  status = g_test_run ();

  wa_test_sources_clear (&sources);
  g_free (fixture_dir);
  g_free (fixture_pack);
  return status;
}
