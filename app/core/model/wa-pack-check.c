/* wa-pack-check.c: layer fingerprints of a pack (see wa-pack-check.h).
 *
 * Read straight through SQLite rather than GDAL: GDAL turns SQLITE_CORRUPT
 * into an early end of the layer, which is exactly the failure this
 * module exists to catch.
 *
 * A layer's digest is SHA-256 over its columns' names and declared types
 * (each as an 8-byte little-endian length and its bytes), then its rows in
 * rowid order; each row is
 * its columns in table order, each column one type byte ('n' null, 'i'
 * 64-bit integer, 'f' IEEE double, 't' text, 'b' blob) followed by the
 * value: integers and doubles as 8 little-endian bytes, text and blobs as
 * an 8-byte little-endian length and their bytes. */
#include "wa-pack-check.h"
#include "wa-digest.h"
#include "wa-error.h"
#include "wa-file-check.h"
#include "wa-indicator.h"
#include "wa-pack.h"
#include "wa-pack-sql.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

/* Read on demand (one indexed query per lookup) rather than at open: a
 * full digest would cost more than everything else the open does. */
static const char *const on_demand_layers[] = { "postcodes", NULL };

/* The GeoPackage tables GDAL reads to find the layers and their geometry
 * columns: the damage run found a page of gpkg_contents that renamed a
 * layer for GDAL ("gakmetry_levels") while the name read through the
 * table's index, and every layer's rows, stayed intact. */
static const char *const system_tables[] = { "gpkg_contents", "gpkg_geometry_columns", NULL };

void
wa_layer_fingerprint_free (WaLayerFingerprint *fingerprint)
{
  if (fingerprint == NULL)
    return;
  g_free (fingerprint->layer);
  g_free (fingerprint->sha256);
  g_free (fingerprint->read_sha256);
  g_free (fingerprint);
}

static gboolean
sqlite_failed (sqlite3 *db, const char *path, const char *what, GError **error)
{
  int code = sqlite3_errcode (db);

  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    g_set_error (error, WA_ERROR, WA_ERROR_DAMAGED, _("%s: damaged: “%s” cannot be read (%s)"),
                 path, what, sqlite3_errmsg (db));
  else
    g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: %s: %s"), path, what, sqlite3_errmsg (db));
  return FALSE;
}

/* "file:" URI with immutable=1 for reading (no locks, no journal, and a
 * pack on a read-only stick opens), plain read-write for storing. Paths
 * with '?', '#' or '%' must be escaped in a URI. */
static sqlite3 *
open_db (const char *path, gboolean writable, GError **error)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *uri = g_strdup_printf ("file:%s%s", escaped, writable ? "" : "?immutable=1");
  /* A connection is used by one thread only: without SQLite's mutex, each
   * of the check's millions of column reads costs a lock less. */
  int flags = SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX
              | (writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY);
  sqlite3 *db = NULL;

  if (!wa_check_regular_file (path, error))
    return NULL;
  if (sqlite3_open_v2 (uri, &db, flags, NULL) != SQLITE_OK)
    {
      sqlite_failed (db, path, _("cannot open"), error);
      sqlite3_close (db);
      return NULL;
    }
  /* Each table is read once, in order: SQLite's 2 MB page cache only
   * held memory, which the open, reading beside the check, pays for. */
  if (!writable)
    sqlite3_exec (db, "PRAGMA cache_size = -128", NULL, NULL, NULL);
  return db;
}

static void
hash_u64 (WaDigest *sum, guint64 value)
{
  guint64 le = GUINT64_TO_LE (value);

  wa_digest_update (sum, (const guchar *) &le, sizeof le);
}

static void
hash_column (WaDigest *sum, sqlite3_stmt *stmt, int column)
{
  guchar tag;

  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_INTEGER:
      tag = 'i';
      wa_digest_update (sum, &tag, 1);
      hash_u64 (sum, (guint64) sqlite3_column_int64 (stmt, column));
      break;
    case SQLITE_FLOAT:
      {
        double value = sqlite3_column_double (stmt, column);
        guint64 bits;

        memcpy (&bits, &value, sizeof bits);
        tag = 'f';
        wa_digest_update (sum, &tag, 1);
        hash_u64 (sum, bits);
      }
      break;
    case SQLITE_TEXT:
    case SQLITE_BLOB:
      {
        gboolean text = sqlite3_column_type (stmt, column) == SQLITE_TEXT;
        const void *bytes = text ? (const void *) sqlite3_column_text (stmt, column)
                                 : sqlite3_column_blob (stmt, column);
        int length = sqlite3_column_bytes (stmt, column);

        tag = text ? 't' : 'b';
        wa_digest_update (sum, &tag, 1);
        hash_u64 (sum, (guint64) length);
        if (length > 0)
          wa_digest_update (sum, bytes, length);
      }
      break;
    case SQLITE_NULL:
    default:
      tag = 'n';
      wa_digest_update (sum, &tag, 1);
      break;
    }
}

static void
hash_text (WaDigest *sum, const char *text)
{
  gsize length = text != NULL ? strlen (text) : 0;

  hash_u64 (sum, length);
  wa_digest_update (sum, text, length);
}

/* The column names and declared types come first: the reader finds
 * columns by name, so a damaged schema ("region_code" become
 * "regioj_code") reads as a column of nulls with every value intact. */
static void
hash_columns (WaDigest *sum, sqlite3_stmt *stmt)
{
  for (int c = 0; c < sqlite3_column_count (stmt); c++)
    {
      hash_text (sum, sqlite3_column_name (stmt, c));
      hash_text (sum, sqlite3_column_decltype (stmt, c));
    }
}

/* The metadata layer's digest skips the rows that hold the digests. */
static const char *
layer_query (const char *layer)
{
  if (g_strcmp0 (layer, "metadata") == 0)
    return "SELECT * FROM \"metadata\" WHERE key NOT LIKE 'layer\\_%' ESCAPE '\\' ORDER BY rowid";
  return NULL;
}

/* What a layer's fingerprint digests: nothing (rows counted only), every
 * column, or the columns the reader takes. */
typedef enum {
  DIGEST_NONE,
  DIGEST_ALL,
  DIGEST_READ,
} DigestKind;

static gboolean
layer_read_in_part (const char *layer)
{
  return g_strcmp0 (layer, WA_PACK_LAYER_WARDS) == 0;
}

/* The wards' figure columns ("imd_income_rank"): for QGIS and ogrinfo;
 * the reader takes the same figures from the blob (wa-pack-figures.h). */
static gboolean
column_unread (const char *layer, const char *column)
{
  static const char *const suffixes[] = {
    WA_PACK_SUFFIX_SCORE, WA_PACK_SUFFIX_RANK, WA_PACK_SUFFIX_DECILE,
    WA_PACK_SUFFIX_EXTENT, WA_PACK_SUFFIX_PROPORTION, WA_PACK_SUFFIX_SOURCE, NULL
  };

  if (!layer_read_in_part (layer) || column == NULL)
    return FALSE;
  for (guint i = 0; i < WA_N_INDICATORS; i++)
    {
      const char *id = wa_indicator_id (i);
      gsize n = strlen (id);

      if (strncmp (column, id, n) == 0 && column[n] == '_' && g_strv_contains (suffixes, column + n + 1))
        return TRUE;
    }
  return FALSE;
}

/* "SELECT <every column the reader takes> FROM layer ORDER BY rowid", in
 * table order, from the table as it is (a renamed column is digested
 * under its new name, and so differs). */
static char *
read_select (sqlite3 *db, const char *layer)
{
  g_autofree char *quoted = wa_pack_sql_quote (layer);
  g_autofree char *pragma = g_strdup_printf ("PRAGMA table_info(%s)", quoted);
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  if (sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *column = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *name = column != NULL ? wa_pack_sql_quote (column) : NULL;

      if (name == NULL || column_unread (layer, column))
        continue;
      g_string_append_printf (sql, "%s%s", n++ > 0 ? ", " : "", name);
    }
  sqlite3_finalize (stmt);
  if (n == 0)
    return NULL;
  g_string_append_printf (sql, " FROM %s ORDER BY rowid", quoted);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static char *
layer_select (sqlite3 *db, const char *layer, DigestKind kind)
{
  g_autofree char *quoted = NULL;
  char *sql;

  if (layer_query (layer) != NULL)
    return g_strdup (layer_query (layer));
  if (kind == DIGEST_READ)
    return read_select (db, layer);
  quoted = sqlite3_mprintf ("%w", layer);
  sql = g_strdup_printf (kind != DIGEST_NONE ? "SELECT * FROM \"%s\" ORDER BY rowid"
                                             : "SELECT count(*) FROM \"%s\"", quoted);
  sqlite3_free (g_steal_pointer (&quoted));
  return sql;
}

static WaLayerFingerprint *
fingerprint_layer (sqlite3 *db, const char *path, const char *layer, DigestKind kind,
                   GError **error)
{
  g_autofree char *sql = layer_select (db, layer, kind);
  g_autoptr(WaDigest) sum = wa_digest_new ();
  g_autoptr(WaLayerFingerprint) result = g_new0 (WaLayerFingerprint, 1);
  gboolean digest = kind != DIGEST_NONE || layer_query (layer) != NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sql == NULL && sqlite3_errcode (db) == SQLITE_OK)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_DAMAGED, _("%s: damaged: layer “%s” has no columns"),
                   path, layer);
      return NULL;
    }
  if (sql == NULL || sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return sqlite_failed (db, path, layer, error), NULL;

  result->layer = g_strdup (layer);
  if (digest)
    hash_columns (sum, stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!digest)
        {
          result->rows = sqlite3_column_int64 (stmt, 0);
          continue;
        }
      result->rows++;
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        hash_column (sum, stmt, c);
    }
  if (rc != SQLITE_DONE)
    {
      sqlite_failed (db, path, layer, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  if (digest && (result->sha256 = wa_digest_finish (sum)) == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: layer “%s”: OpenSSL failed to compute its SHA-256"),
                   path, layer);
      return NULL;
    }
  return g_steal_pointer (&result);
}

/* Every column's digest, and, for a layer the reader takes in part, that
 * of the columns it takes. */
static WaLayerFingerprint *
fingerprint_for_builder (sqlite3 *db, const char *path, const char *layer, GError **error)
{
  g_autoptr(WaLayerFingerprint) all = fingerprint_layer (db, path, layer, DIGEST_ALL, error);
  g_autoptr(WaLayerFingerprint) read = NULL;

  if (all == NULL || !layer_read_in_part (layer))
    return g_steal_pointer (&all);
  if ((read = fingerprint_layer (db, path, layer, DIGEST_READ, error)) == NULL)
    return NULL;
  all->read_sha256 = g_steal_pointer (&read->sha256);
  return g_steal_pointer (&all);
}

static GPtrArray *
list_layers (sqlite3 *db, const char *path, GError **error)
{
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT table_name FROM gpkg_contents ORDER BY table_name",
                          -1, &stmt, NULL) != SQLITE_OK)
    return sqlite_failed (db, path, "gpkg_contents", error), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (name != NULL)
        g_ptr_array_add (layers, g_strdup (name));
    }
  if (rc != SQLITE_DONE)
    {
      sqlite_failed (db, path, "gpkg_contents", error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  for (guint i = 0; system_tables[i] != NULL; i++)
    g_ptr_array_add (layers, g_strdup (system_tables[i]));
  return g_steal_pointer (&layers);
}

GPtrArray *
wa_pack_fingerprint (const char *path,
                     GError    **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) wa_layer_fingerprint_free);
  g_autoptr(GPtrArray) layers = NULL;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, NULL);

  db = open_db (path, FALSE, error);
  if (db == NULL)
    return NULL;
  layers = list_layers (db, path, error);
  for (guint i = 0; layers != NULL && i < layers->len; i++)
    {
      WaLayerFingerprint *fp = fingerprint_for_builder (db, path, layers->pdata[i], error);

      if (fp == NULL)
        {
          g_clear_pointer (&layers, g_ptr_array_unref);
          break;
        }
      g_ptr_array_add (result, fp);
    }
  sqlite3_close (db);
  return layers != NULL ? g_steal_pointer (&result) : NULL;
}

static gboolean
exec_sql (sqlite3 *db, const char *path, const char *sql, GError **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return sqlite_failed (db, path, _("cannot write the metadata"), error);
  return TRUE;
}

static gboolean
insert_meta (sqlite3 *db, const char *path, const char *key, const char *value, GError **error)
{
  char *sql = sqlite3_mprintf ("INSERT INTO \"metadata\" (key, value) VALUES (%Q, %Q)", key, value);
  gboolean ok = exec_sql (db, path, sql, error);

  sqlite3_free (sql);
  return ok;
}

gboolean
wa_pack_store_fingerprint (const char *path,
                           GPtrArray  *fingerprints,
                           GError    **error)
{
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (path != NULL && fingerprints != NULL, FALSE);

  db = open_db (path, TRUE, error);
  if (db == NULL)
    return FALSE;
  ok = exec_sql (db, path, "BEGIN", error)
       && exec_sql (db, path, "DELETE FROM \"metadata\" WHERE key LIKE 'layer\\_%' ESCAPE '\\'", error);
  for (guint i = 0; ok && i < fingerprints->len; i++)
    {
      const WaLayerFingerprint *fp = fingerprints->pdata[i];
      g_autofree char *rows_key = g_strconcat (WA_PACK_META_LAYER_ROWS_PREFIX, fp->layer, NULL);
      g_autofree char *sha_key = g_strconcat (WA_PACK_META_LAYER_SHA256_PREFIX, fp->layer, NULL);
      g_autofree char *rows = g_strdup_printf ("%" G_GINT64_FORMAT, fp->rows);

      ok = insert_meta (db, path, rows_key, rows, error)
           && insert_meta (db, path, sha_key, fp->sha256, error);
      if (ok && fp->read_sha256 != NULL)
        {
          g_autofree char *read_key = g_strconcat (WA_PACK_META_LAYER_READ_SHA256_PREFIX, fp->layer, NULL);

          ok = insert_meta (db, path, read_key, fp->read_sha256, error);
        }
    }
  ok = ok && exec_sql (db, path, "COMMIT", error);
  if (!ok)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  if (sqlite3_close (db) != SQLITE_OK && ok)
    ok = sqlite_failed (db, path, _("cannot close"), error);
  return ok;
}

/* layer -> (rows, sha256) as recorded in the metadata table. */
static GHashTable *
read_recorded (sqlite3 *db, const char *path, GError **error)
{
  g_autoptr(GHashTable) recorded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT key, value FROM \"metadata\" WHERE key LIKE 'layer\\_%' ESCAPE '\\'",
                          -1, &stmt, NULL) != SQLITE_OK)
    return sqlite_failed (db, path, "metadata", error), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      if (key != NULL && value != NULL)
        g_hash_table_replace (recorded, g_strdup (key), g_strdup (value));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sqlite_failed (db, path, "metadata", error), NULL;
  if (g_hash_table_size (recorded) == 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_DAMAGED,
                   _("%s: the pack records no layer fingerprints, so its contents cannot be "
                     "checked; rebuild it with this version of ward-atlas-cli build-pack"), path);
      return NULL;
    }
  return g_steal_pointer (&recorded);
}

static gboolean
layer_is_on_demand (const char *layer)
{
  return g_strv_contains (on_demand_layers, layer);
}

static gboolean
compare_layer (sqlite3 *db, const char *path, const char *layer, GHashTable *recorded,
               WaPackCheckLevel level, gint64 *out_rows, GError **error)
{
  g_autofree char *rows_key = g_strconcat (WA_PACK_META_LAYER_ROWS_PREFIX, layer, NULL);
  g_autofree char *sha_key = g_strconcat (WA_PACK_META_LAYER_SHA256_PREFIX, layer, NULL);
  g_autofree char *read_key = g_strconcat (WA_PACK_META_LAYER_READ_SHA256_PREFIX, layer, NULL);
  const char *want_rows = g_hash_table_lookup (recorded, rows_key);
  const char *want_sha = g_hash_table_lookup (recorded, sha_key);
  const char *want_read = g_hash_table_lookup (recorded, read_key);
  DigestKind kind = level == WA_PACK_CHECK_FULL || !layer_is_on_demand (layer) ? DIGEST_ALL : DIGEST_NONE;
  g_autoptr(WaLayerFingerprint) fp = NULL;
  g_autofree char *rows = NULL;

  if (want_rows == NULL || want_sha == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_DAMAGED,
                   _("%s: layer “%s” is not one the builder wrote (no fingerprint recorded)"),
                   path, layer);
      return FALSE;
    }
  /* The quick check digests what the reader takes: on the 10x pack the
   * wards' 72 figure columns were a third of the first open's CPU. */
  if (kind == DIGEST_ALL && level == WA_PACK_CHECK_QUICK && want_read != NULL && layer_read_in_part (layer))
    {
      kind = DIGEST_READ;
      want_sha = want_read;
    }
  fp = fingerprint_layer (db, path, layer, kind, error);
  if (fp == NULL)
    return FALSE;
  if (out_rows != NULL)
    *out_rows = fp->rows;
  rows = g_strdup_printf ("%" G_GINT64_FORMAT, fp->rows);
  if (g_strcmp0 (rows, want_rows) != 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_DAMAGED,
                   _("%s: damaged: layer “%s” has %s rows where the builder wrote %s"),
                   path, layer, rows, want_rows);
      return FALSE;
    }
  if (fp->sha256 != NULL && g_strcmp0 (fp->sha256, want_sha) != 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_DAMAGED,
                   _("%s: damaged: the contents of layer “%s” differ from what the builder wrote"),
                   path, layer);
      return FALSE;
    }
  return TRUE;
}

/* ---- layers compared two at a time -------------------------------------- */

/* The layers' digests are independent, so two threads share them, each
 * with its own connection: the 10x pack's check took 0.70 s on one core.
 * The problem named is that of the first layer by name, whichever thread
 * finds it first: after a problem, only the layers before it by name are
 * still compared (all of them for a report). */
typedef struct {
  const char      *path;
  GPtrArray       *layers;
  GHashTable      *recorded;
  WaPackCheckLevel level;
  gboolean         report;    /* compare every layer, problems or not */
  guint           *order;     /* indices into layers, the slowest first */
  gint64          *rows;      /* per layer: rows read, -1 if not read */
  GError         **problems;  /* per layer: NULL when it matches */
  gint             next;      /* next index into order (atomic) */
  gint             first_problem;  /* lowest layer index with a problem (atomic) */
} LayerWork;

static void
note_first_problem (LayerWork *work, guint i)
{
  gint first;

  do
    first = g_atomic_int_get (&work->first_problem);
  while ((gint) i < first && !g_atomic_int_compare_and_exchange (&work->first_problem, first, (gint) i));
}

static void
compare_next_layers (LayerWork *work, sqlite3 *db)
{
  guint next;

  while ((next = (guint) g_atomic_int_add (&work->next, 1)) < work->layers->len)
    {
      guint i = work->order[next];

      if (!work->report && (gint) i > g_atomic_int_get (&work->first_problem))
        continue;
      if (!compare_layer (db, work->path, work->layers->pdata[i], work->recorded, work->level,
                          &work->rows[i], &work->problems[i]))
        note_first_problem (work, i);
    }
}

static gpointer
compare_in_helper (gpointer data)
{
  LayerWork *work = data;
  /* Should it fail to open, the calling thread compares every layer. */
  sqlite3 *db = open_db (work->path, FALSE, NULL);

  if (db != NULL)
    compare_next_layers (work, db);
  sqlite3_close (db);
  return NULL;
}

/* The wards layer holds every full boundary: half the check's time, so it
 * starts first; then the layers with the most rows. */
static gint64
expected_cost (LayerWork *work, guint i)
{
  const char *layer = work->layers->pdata[i];
  g_autofree char *rows_key = g_strconcat (WA_PACK_META_LAYER_ROWS_PREFIX, layer, NULL);
  const char *rows = g_hash_table_lookup (work->recorded, rows_key);

  if (g_strcmp0 (layer, WA_PACK_LAYER_WARDS) == 0)
    return G_MAXINT64;
  if (work->level == WA_PACK_CHECK_QUICK && layer_is_on_demand (layer))
    return 0;  /* only counted */
  return rows != NULL ? g_ascii_strtoll (rows, NULL, 10) : 0;
}

static gint
by_cost (gconstpointer a, gconstpointer b, gpointer data)
{
  guint layer_a = *(const guint *) a, layer_b = *(const guint *) b;
  gint64 cost_a = expected_cost (data, layer_a), cost_b = expected_cost (data, layer_b);

  if (cost_a != cost_b)
    return cost_a > cost_b ? -1 : 1;
  return layer_a < layer_b ? -1 : layer_a > layer_b;
}

static void
layer_work_clear (LayerWork *work)
{
  for (guint i = 0; work->problems != NULL && i < work->layers->len; i++)
    g_clear_error (&work->problems[i]);
  g_clear_pointer (&work->problems, g_free);
  g_clear_pointer (&work->rows, g_free);
  g_clear_pointer (&work->order, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LayerWork, layer_work_clear)

/* Compares LAYERS with RECORDED, DB's thread and a helper taking the
 * layers in turn (every one of them when REPORT); WORK then holds each
 * compared layer's rows and problem. */
static void
compare_layers (sqlite3 *db, const char *path, GPtrArray *layers, GHashTable *recorded,
                WaPackCheckLevel level, gboolean report, LayerWork *work)
{
  GThread *helper;

  *work = (LayerWork) { path, layers, recorded, level, report, g_new (guint, layers->len),
                        g_new (gint64, layers->len), g_new0 (GError *, layers->len), 0, G_MAXINT };
  for (guint i = 0; i < layers->len; i++)
    {
      work->order[i] = i;
      work->rows[i] = -1;
    }
  g_qsort_with_data (work->order, layers->len, sizeof (guint), by_cost, work);
  helper = g_thread_try_new ("wa-pack-check", compare_in_helper, work, NULL);
  compare_next_layers (work, db);
  if (helper != NULL)
    g_thread_join (helper);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Recorded layers no longer listed, by name: a deleted table is damage. */
static GPtrArray *
missing_layers (GHashTable *recorded, GPtrArray *layers)
{
  GPtrArray *missing = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, recorded);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *name = key;

      if (!g_str_has_prefix (name, WA_PACK_META_LAYER_ROWS_PREFIX))
        continue;
      name += strlen (WA_PACK_META_LAYER_ROWS_PREFIX);
      if (!g_ptr_array_find_with_equal_func (layers, name, g_str_equal, NULL))
        g_ptr_array_add (missing, (gpointer) name);
    }
  g_ptr_array_sort (missing, compare_names);
  return missing;
}

static void
set_missing_error (const char *path, const char *layer, GError **error)
{
  g_set_error (error, WA_ERROR, WA_ERROR_DAMAGED, _("%s: damaged: layer “%s” is missing"), path, layer);
}

static gboolean
check_all_listed (const char *path, GHashTable *recorded, GPtrArray *layers, GError **error)
{
  g_autoptr(GPtrArray) missing = missing_layers (recorded, layers);

  if (missing->len == 0)
    return TRUE;
  set_missing_error (path, missing->pdata[0], error);
  return FALSE;
}

/* NULL when SQLite's integrity_check (of TABLE and its indexes, or of
 * everything when TABLE is NULL) says "ok", else its first complaint. */
static char *
integrity_problem (sqlite3 *db, const char *table)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *answer = NULL;
  /* TABLE is one of our constant names: no quoting needed. */
  g_autofree char *sql = table != NULL ? g_strdup_printf ("PRAGMA integrity_check('%s')", table) : NULL;

  if (sqlite3_prepare_v2 (db, table != NULL ? sql : "PRAGMA integrity_check(1)", -1, &stmt, NULL) != SQLITE_OK)
    return g_strdup (sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    answer = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (g_strcmp0 (answer, "ok") == 0)
    return NULL;
  if (answer == NULL)
    return g_strdup (sqlite3_errmsg (db));
  /* "*** in database main ***\nPage 502: ...": one line in a message. */
  g_strdelimit (answer, "\n", ' ');
  return g_steal_pointer (&answer);
}

static void
set_integrity_error (const char *path, const char *problem, GError **error)
{
  g_set_error (error, WA_ERROR, WA_ERROR_DAMAGED, _("%s: damaged: SQLite reports “%s”"),
               path, problem);
}

static gboolean
sqlite_integrity (sqlite3 *db, const char *path, GError **error)
{
  g_autofree char *problem = integrity_problem (db, NULL);

  if (problem == NULL)
    return TRUE;
  set_integrity_error (path, problem, error);
  return FALSE;
}

/* GDAL finds each layer's geometry column through the unique index of
 * gpkg_geometry_columns, while the digests read the rows: the damage run
 * found an index entry lost there that made a whole layer (England's
 * land) vanish for GDAL with every row intact. SQLite's own check of
 * these two small tables and their indexes costs well under a
 * millisecond. */
static gboolean
system_tables_integrity (sqlite3 *db, const char *path, GError **error)
{
  for (guint i = 0; system_tables[i] != NULL; i++)
    {
      g_autofree char *problem = integrity_problem (db, system_tables[i]);

      if (problem != NULL)
        {
          set_integrity_error (path, problem, error);
          return FALSE;
        }
    }
  return TRUE;
}

/* Layer names and recorded values come from the file: a damaged byte
 * there must not make the message invalid text. */
static void
make_message_valid (GError *error)
{
  if (error != NULL && !g_utf8_validate (error->message, -1, NULL))
    {
      char *valid = g_utf8_make_valid (error->message, -1);

      g_free (error->message);
      error->message = valid;
    }
}

gboolean
wa_pack_check (const char      *path,
               WaPackCheckLevel level,
               GError         **error)
{
  g_autoptr(GHashTable) recorded = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_auto(LayerWork) work = { 0 };
  gboolean ok;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, FALSE);

  db = open_db (path, FALSE, error);
  if (db == NULL)
    return FALSE;
  ok = (level == WA_PACK_CHECK_FULL ? sqlite_integrity (db, path, error)
                                    : system_tables_integrity (db, path, error))
       && (recorded = read_recorded (db, path, error)) != NULL
       && (layers = list_layers (db, path, error)) != NULL
       && check_all_listed (path, recorded, layers, error);
  if (ok)
    compare_layers (db, path, layers, recorded, level, FALSE, &work);
  if (ok && work.first_problem != G_MAXINT)
    {
      g_propagate_error (error, g_steal_pointer (&work.problems[work.first_problem]));
      ok = FALSE;
    }
  sqlite3_close (db);
  if (!ok && error != NULL)
    make_message_valid (*error);
  return ok;
}

/* ---- the layer-by-layer report ------------------------------------------ */

static void
layer_report_free (WaLayerReport *report)
{
  g_free (report->layer);
  g_free (report->problem);
  g_free (report);
}

void
wa_pack_report_free (WaPackReport *report)
{
  if (report == NULL)
    return;
  g_free (report->path);
  g_free (report->integrity);
  g_clear_pointer (&report->layers, g_ptr_array_unref);
  g_clear_error (&report->error);
  g_free (report);
}

/* Every message above starts with "PATH: "; a report names the file once. */
static char *
without_path (const char *message, const char *path)
{
  gsize n = strlen (path);

  if (strncmp (message, path, n) == 0 && strncmp (message + n, ": ", 2) == 0)
    message += n + 2;
  return g_strdup (message);
}

/* Keeps the first problem as the report's error; later ones only in their line. */
static void
note_problem (WaPackReport *report, WaLayerReport *line, GError *problem)
{
  make_message_valid (problem);
  line->problem = without_path (problem->message, report->path);
  if (report->error == NULL)
    report->error = g_error_copy (problem);
}

static void
report_layers (WaPackReport *report, sqlite3 *db, GHashTable *recorded, GPtrArray *layers)
{
  g_autoptr(GPtrArray) missing = missing_layers (recorded, layers);
  g_auto(LayerWork) work = { 0 };

  compare_layers (db, report->path, layers, recorded, WA_PACK_CHECK_FULL, TRUE, &work);
  for (guint i = 0; i < layers->len; i++)
    {
      WaLayerReport *line = g_new0 (WaLayerReport, 1);

      line->layer = g_utf8_make_valid (layers->pdata[i], -1);
      line->rows = work.rows[i];
      if (work.problems[i] != NULL)
        note_problem (report, line, work.problems[i]);
      g_ptr_array_add (report->layers, line);
    }
  for (guint i = 0; i < missing->len; i++)
    {
      WaLayerReport *line = g_new0 (WaLayerReport, 1);
      g_autoptr(GError) problem = NULL;

      line->layer = g_utf8_make_valid (missing->pdata[i], -1);
      line->rows = -1;
      set_missing_error (report->path, line->layer, &problem);
      note_problem (report, line, problem);
      g_ptr_array_add (report->layers, line);
    }
}

WaPackReport *
wa_pack_verify (const char *path,
                GError    **error)
{
  g_autoptr(WaPackReport) report = NULL;
  g_autoptr(GHashTable) recorded = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, NULL);

  db = open_db (path, FALSE, error);
  if (db == NULL)
    return NULL;
  report = g_new0 (WaPackReport, 1);
  report->path = g_strdup (path);
  report->layers = g_ptr_array_new_with_free_func ((GDestroyNotify) layer_report_free);
  /* SQLite's own check first: it is what names a damaged page. */
  report->integrity = integrity_problem (db, NULL);
  if (report->integrity != NULL && !g_utf8_validate (report->integrity, -1, NULL))
    {
      char *valid = g_utf8_make_valid (report->integrity, -1);

      g_free (report->integrity);
      report->integrity = valid;
    }
  if (report->integrity != NULL)
    set_integrity_error (path, report->integrity, &report->error);
  if ((recorded = read_recorded (db, path, error)) == NULL
      || (layers = list_layers (db, path, error)) == NULL)
    {
      sqlite3_close (db);
      if (error != NULL)
        make_message_valid (*error);
      return NULL;
    }
  report_layers (report, db, recorded, layers);
  sqlite3_close (db);
  return g_steal_pointer (&report);
}

char *
wa_pack_report_format (const WaPackReport *report)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  g_string_append_printf (text, "%-18s %s\n", _("SQLite:"),
                          report->integrity == NULL ? _("ok") : report->integrity);
  for (guint i = 0; i < report->layers->len; i++)
    {
      const WaLayerReport *line = report->layers->pdata[i];
      g_autofree char *rows = line->rows >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, line->rows)
                                              : g_strdup ("-");

      /* Translators: a layer's line: its name, its rows, then "ok" or what is wrong. */
      g_string_append_printf (text, _("  %-22s %10s rows  %s\n"), line->layer, rows,
                              line->problem == NULL ? _("ok") : line->problem);
    }
  return g_string_free (text, FALSE);
}
