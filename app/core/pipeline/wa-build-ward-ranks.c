/* wa-build-ward-ranks.c: the "ward_ranks" table (wa-pack.h), written into
 * a sealed pack from the ranks the model itself gave its wards when it
 * opened the pack (wa_build_seal_pack, wa-build-verify.c). The pack is
 * fingerprinted again afterwards and opened again, and the reader refuses
 * it if the table differs from the ranks it computes. */
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "wa-build-private.h"
#include "wa-atlas.h"
#include "wa-error.h"
#include "wa-pack.h"
#include "wa-rank-method.h"

static gboolean
failed (sqlite3 *db, const char *path, GError **error)
{
  g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot store the wards' ranks: %s"),
               path, sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
exec (sqlite3 *db, const char *path, const char *sql, GError **error)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK || failed (db, path, error);
}

/* code -> rowid of "wards", as the full reader numbers its wards. */
static GHashTable *
ward_fids (sqlite3 *db, const char *path, GError **error)
{
  g_autoptr(GHashTable) fids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT rowid, " WA_PACK_WARD_CODE " FROM " WA_PACK_LAYER_WARDS,
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      failed (db, path, error);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (sqlite3_column_text (stmt, 1) != NULL)
      {
        gint64 *fid = g_new (gint64, 1);

        *fid = sqlite3_column_int64 (stmt, 0);
        g_hash_table_replace (fids, g_strdup ((const char *) sqlite3_column_text (stmt, 1)), fid);
      }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      failed (db, path, error);
      return NULL;
    }
  return g_steal_pointer (&fids);
}

static gboolean
insert_rows (sqlite3 *db, const char *path, WaAtlas *atlas, GHashTable *fids, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  if (sqlite3_prepare_v2 (db, "INSERT INTO " WA_PACK_LAYER_WARD_RANKS " (fid, " WA_PACK_WR_CODE ", "
                          WA_PACK_WR_WARD_FID ", " WA_PACK_WR_COMBINED_RANK ", "
                          WA_PACK_WR_LEFT_BEHIND ", " WA_PACK_WR_ON_MAP ") VALUES (?, ?, ?, ?, ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return failed (db, path, error);
  for (guint w = 0; ok && w < wa_atlas_get_n_wards (atlas); w++)
    {
      WaWard *ward = wa_atlas_get_ward (atlas, w);
      const gint64 *fid = g_hash_table_lookup (fids, wa_ward_get_code (ward));

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, (gint64) w + 1);
      sqlite3_bind_text (stmt, 2, wa_ward_get_code (ward), -1, SQLITE_TRANSIENT);
      if (fid != NULL)
        sqlite3_bind_int64 (stmt, 3, *fid);
      else
        sqlite3_bind_null (stmt, 3);
      sqlite3_bind_int64 (stmt, 4, wa_ward_get_combined_rank (ward));
      sqlite3_bind_int (stmt, 5, wa_ward_get_left_behind (ward) ? 1 : 0);
      sqlite3_bind_int (stmt, 6, wa_ward_get_geometry (ward) != NULL ? 1 : 0);
      ok = sqlite3_step (stmt) == SQLITE_DONE || failed (db, path, error);
    }
  sqlite3_finalize (stmt);
  return ok;
}

gboolean
wa_build_store_ward_ranks (const char *path, WaAtlas *atlas, GError **error)
{
  g_autoptr(GHashTable) fids = NULL;
  g_autofree char *method_row = NULL;
  sqlite3 *db = NULL;
  gboolean ok;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      ok = failed (db, path, error);
      sqlite3_close (db);
      return ok;
    }
  method_row = sqlite3_mprintf ("INSERT INTO " WA_PACK_LAYER_METADATA " (" WA_PACK_META_KEY ", "
                                WA_PACK_META_VALUE ") VALUES ('" WA_PACK_META_WARD_RANKS_METHOD "', %Q)",
                                wa_rank_method_to_id (wa_atlas_get_rank_params (atlas)->method));
  ok = exec (db, path, "BEGIN", error)
       && (fids = ward_fids (db, path, error)) != NULL
       && exec (db, path, "CREATE TABLE " WA_PACK_LAYER_WARD_RANKS " (fid INTEGER PRIMARY KEY "
                "AUTOINCREMENT NOT NULL, " WA_PACK_WR_CODE " TEXT NOT NULL, " WA_PACK_WR_WARD_FID
                " INTEGER, " WA_PACK_WR_COMBINED_RANK " INTEGER NOT NULL, " WA_PACK_WR_LEFT_BEHIND
                " INTEGER NOT NULL, " WA_PACK_WR_ON_MAP " INTEGER NOT NULL)", error)
       && exec (db, path, "INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES ('"
                WA_PACK_LAYER_WARD_RANKS "', 'attributes', '" WA_PACK_LAYER_WARD_RANKS "')", error)
       && insert_rows (db, path, atlas, fids, error)
       && exec (db, path, method_row, error)
       && exec (db, path, "COMMIT", error);
  if (!ok)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_free (g_steal_pointer (&method_row));
  if (sqlite3_close (db) != SQLITE_OK && ok)
    ok = failed (db, path, error);
  return ok;
}
