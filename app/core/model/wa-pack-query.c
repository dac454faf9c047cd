/* wa-pack-query.c: one question from a pack, through SQLite directly (see
 * wa-pack-query.h). Every value is read as the full reader
 * (wa-pack-reader.c) reads it: the wards' rows through the same
 * wa-pack-sql.c, the rest as GDAL reads it (an empty text is no text, a
 * missing column is no value, ranks and deciles are clamped the same way).
 * tests/test-lazy-cli.c holds the two to byte-identical output. */
#include <math.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "wa-atlas-private.h"
#include "wa-edition.h"
#include "wa-error.h"
#include "wa-file-check.h"
#include "wa-geometry.h"
#include "wa-indicator.h"
#include "wa-pack.h"
#include "wa-pack-query.h"
#include "wa-pack-sql.h"
#include "wa-pack-stamp.h"
#include "wa-pack-check.h"
#include "wa-postcode.h"
#include "wa-postcode-row.h"
#include "wa-rank-method.h"
#include "wa-ward-private.h"

struct _WaPackQuery
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  GHashTable *metadata;     /* key -> value */
  char *geometry_column;    /* of the wards table */
  WaAtlas *atlas;           /* NULL until a question needs the wards */
  GHashTable *with_geometry;/* fids read with geometry into atlas (set) */
  GPtrArray *retired;       /* earlier atlases: their wards may still be held */
  sqlite3_stmt *postcode;   /* prepared once for batches */
  sqlite3_stmt *postcode_row; /* by rowid, to confirm a "not found" */
  /* wa_pack_query_use_stored_ranks (): the partial atlas ranks no ward
   * itself when the pack stores the default ranks ("ward_ranks") */
  gboolean stored_ranks;
};

G_DEFINE_FINAL_TYPE (WaPackQuery, wa_pack_query, G_TYPE_OBJECT)

static void
wa_pack_query_finalize (GObject *object)
{
  WaPackQuery *self = WA_PACK_QUERY (object);

  sqlite3_finalize (self->postcode);
  sqlite3_finalize (self->postcode_row);
  sqlite3_close (self->db);
  g_free (self->path);
  g_free (self->geometry_column);
  g_clear_pointer (&self->metadata, g_hash_table_unref);
  g_clear_pointer (&self->with_geometry, g_hash_table_unref);
  g_clear_pointer (&self->retired, g_ptr_array_unref);
  g_clear_object (&self->atlas);
  G_OBJECT_CLASS (wa_pack_query_parent_class)->finalize (object);
}

static void
wa_pack_query_class_init (WaPackQueryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wa_pack_query_finalize;
}

static void
wa_pack_query_init (WaPackQuery *self)
{
  self->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->with_geometry = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->retired = g_ptr_array_new_with_free_func (g_object_unref);
}

/* ---- SQLite helpers ------------------------------------------------------ */

static gboolean
sql_failed (WaPackQuery *self, GError **error)
{
  g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: %s"), self->path, sqlite3_errmsg (self->db));
  return FALSE;
}

static sqlite3_stmt *
prepare (WaPackQuery *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sql_failed (self, error);
      return NULL;
    }
  return stmt;
}

/* ---- opening -------------------------------------------------------------- */

static gboolean
read_metadata (WaPackQuery *self, GError **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT key, value FROM metadata ORDER BY fid", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (wa_pack_sql_text (stmt, 0) != NULL)
      g_hash_table_replace (self->metadata, g_strdup (wa_pack_sql_text (stmt, 0)),
                            g_strdup (wa_pack_sql_text (stmt, 1)));
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || sql_failed (self, error);
}

WaPackQuery *
wa_pack_query_open (const char *path, GError **error)
{
  g_autoptr(WaPackQuery) self = NULL;
  g_autofree char *fingerprint = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  /* Special files and unreadable ones: the full reader says what is wrong. */
  if (!wa_check_regular_file (path, NULL))
    return NULL;
  self = g_object_new (WA_TYPE_PACK_QUERY, NULL);
  self->path = g_strdup (path);
  if ((self->db = wa_pack_sql_open (path)) == NULL)
    return NULL;
  /* Anything odd (not a pack, another schema): the full reader's messages. */
  if (!read_metadata (self, NULL))
    return NULL;
  /* A pack of another schema stamped by another version of Ward Atlas. */
  if (g_strcmp0 (g_hash_table_lookup (self->metadata, WA_PACK_META_SCHEMA_VERSION),
                 G_STRINGIFY (WA_PACK_SCHEMA_VERSION)) != 0)
    return NULL;
  fingerprint = wa_pack_stamp_fingerprint (self->metadata);
  if (!wa_pack_stamp_matches (path, fingerprint)
      || (self->geometry_column = wa_pack_sql_geometry_column (self->db, WA_PACK_LAYER_WARDS)) == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- the partial atlas: metadata, sources, indicators -------------------- */

static gboolean
read_sources (WaPackQuery *self, WaAtlas *atlas, GError **error)
{
  static const char *const names[] = {
    WA_PACK_SRC_ID, WA_PACK_SRC_ROLE, WA_PACK_SRC_TITLE, WA_PACK_SRC_FILE, WA_PACK_SRC_PUBLISHER,
    WA_PACK_SRC_URL, WA_PACK_SRC_LICENCE, WA_PACK_SRC_ATTRIBUTION, WA_PACK_SRC_RECORDS,
  };
  g_autoptr(GHashTable) columns = wa_pack_sql_columns (self->db, WA_PACK_LAYER_SOURCES);
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  sqlite3_stmt *stmt;
  int rc;

  for (guint c = 0; c < G_N_ELEMENTS (names); c++)
    {
      g_autofree char *column = wa_pack_sql_column_or_null (columns, names[c]);
      g_string_append_printf (sql, "%s%s", c > 0 ? ", " : "", column);
    }
  g_string_append (sql, " FROM " WA_PACK_LAYER_SOURCES " ORDER BY rowid");
  if ((stmt = prepare (self, sql->str, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WaSourceInfo *info = g_new0 (WaSourceInfo, 1);
      char **fields[] = {
        &info->id, &info->role, &info->title, &info->file,
        &info->publisher, &info->url, &info->licence, &info->attribution,
      };

      for (guint c = 0; c < G_N_ELEMENTS (fields); c++)
        *fields[c] = g_strdup (wa_pack_sql_text (stmt, c));
      info->records = wa_pack_sql_int (stmt, G_N_ELEMENTS (fields), -1);
      g_ptr_array_add (atlas->sources, info);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || sql_failed (self, error);
}

static void
read_indicators (WaPackQuery *self, WaAtlas *atlas)
{
  g_autoptr(GHashTable) columns = wa_pack_sql_columns (self->db, WA_PACK_LAYER_INDICATORS);
  g_autofree char *n_ranked = wa_pack_sql_column_or_null (columns, WA_PACK_IND_N_RANKED);
  g_autofree char *note = wa_pack_sql_column_or_null (columns, WA_PACK_IND_SOURCE_NOTE);
  g_autofree char *sql = g_strdup_printf ("SELECT " WA_PACK_IND_ID ", %s, %s FROM "
                                          WA_PACK_LAYER_INDICATORS " ORDER BY rowid", n_ranked, note);
  sqlite3_stmt *stmt;

  if (!g_hash_table_contains (columns, WA_PACK_IND_ID) || (stmt = prepare (self, sql, NULL)) == NULL)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      WaIndicator indicator;

      if (wa_indicator_from_id (wa_pack_sql_text (stmt, 0), &indicator))
        {
          atlas->n_ranked[indicator] = (guint) CLAMP (wa_pack_sql_int (stmt, 1, 0), 0, G_MAXUINT);
          g_free (atlas->notes[indicator]);
          atlas->notes[indicator] = g_strdup (wa_pack_sql_text (stmt, 2));
        }
    }
  sqlite3_finalize (stmt);
}

/* ---- the partial atlas: wards ------------------------------------------- */

/* The wards' rows (wa-pack-sql.h), with geometry for the wards in
 * self->with_geometry only. */
static char *
wards_sql (WaPackQuery *self)
{
  g_autoptr(GHashTable) columns = wa_pack_sql_columns (self->db, WA_PACK_LAYER_WARDS);
  g_autofree char *geom = wa_pack_sql_quote (self->geometry_column);
  g_autoptr(GString) fids = g_string_new ("-1");
  g_autofree char *geometry_expr = NULL;
  g_autofree char *select = NULL;
  GHashTableIter iter;
  gpointer fid;

  g_hash_table_iter_init (&iter, self->with_geometry);
  while (g_hash_table_iter_next (&iter, &fid, NULL))
    g_string_append_printf (fids, ", %" G_GINT64_FORMAT, *(gint64 *) fid);
  geometry_expr = g_strdup_printf ("CASE WHEN rowid IN (%s) THEN %s END", fids->str, geom);
  select = wa_pack_sql_ward_select (columns, self->geometry_column, geometry_expr);
  /* With stored ranks only the wards asked for are read. */
  return g_strdup_printf ("%s%s%s%s ORDER BY rowid", select, self->stored_ranks ? " WHERE rowid IN (" : "",
                          self->stored_ranks ? fids->str : "", self->stored_ranks ? ")" : "");
}

static WaWard *
ward_from_row (WaPackQuery *self, guint index, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr(WaGeometry) geometry = NULL;
  GError *local_error = NULL;

  geometry = wa_pack_sql_ward_geometry (self->path, sqlite3_column_blob (stmt, WA_WARD_ROW_GEOMETRY),
                                        sqlite3_column_bytes (stmt, WA_WARD_ROW_GEOMETRY), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return wa_pack_sql_ward_new (stmt, self->path, index, geometry, error);
}

/* As the full reader: rank denominators from the ranks when not recorded. */
static void
fill_missing_n_ranked (WaAtlas *atlas)
{
  for (guint i = 0; i < WA_N_INDICATORS; i++)
    {
      guint n = 0;

      if (atlas->n_ranked[i] > 0)
        continue;
      for (guint w = 0; w < atlas->wards->len; w++)
        n = MAX (n, wa_ward_get_figure (g_ptr_array_index (atlas->wards, w), i)->rank);
      atlas->n_ranked[i] = n;
    }
}

static gboolean
read_wards (WaPackQuery *self, WaAtlas *atlas, guint *out_on_map, GError **error)
{
  g_autofree char *sql = wards_sql (self);
  sqlite3_stmt *stmt = prepare (self, sql, error);
  int rc;

  *out_on_map = 0;
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WaWard *ward = ward_from_row (self, atlas->wards->len, stmt, error);

      if (ward == NULL)
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      *out_on_map += wa_pack_sql_is_geometry (sqlite3_column_blob (stmt, WA_WARD_ROW_HEADER),
                                              sqlite3_column_bytes (stmt, WA_WARD_ROW_HEADER));
      g_ptr_array_add (atlas->wards, ward);
      g_hash_table_insert (atlas->ward_by_code, (gpointer) wa_ward_get_code (ward), ward);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sql_failed (self, error);
  fill_missing_n_ranked (atlas);
  return TRUE;
}

/* ---- the partial atlas from stored ranks ---------------------------------- */

/* The pack stores the ranks of the method the partial atlas uses (the
 * edition's default): checked against the computed ones by the full
 * reader before the pack was stamped (wa_pack_reader_check_ward_ranks). */
static gboolean
stored_ranks_match (WaPackQuery *self)
{
  WaEdition edition;

  return self->stored_ranks
         && wa_edition_from_string (g_hash_table_lookup (self->metadata, WA_PACK_META_EDITION), &edition)
         && g_strcmp0 (g_hash_table_lookup (self->metadata, WA_PACK_META_WARD_RANKS_METHOD),
                       wa_rank_method_to_id (wa_rank_method_default_for (edition))) == 0;
}

static gboolean
stored_ranks_damaged (WaPackQuery *self, const char *what, GError **error)
{
  g_set_error (error, WA_ERROR, WA_ERROR_DAMAGED,
               _("%s: pack is damaged: layer “%s” %s; run ward-atlas-cli verify"),
               self->path, WA_PACK_LAYER_WARD_RANKS, what);
  return FALSE;
}

/* Every ward in ward order from "ward_ranks", with its code and ranks
 * only; INDEX_OF (rowid in "wards" -> index + 1) gets the index of each
 * ward in self->with_geometry. */
static gboolean
read_stored_ranks (WaPackQuery *self, WaAtlas *atlas, GHashTable *index_of, guint *out_on_map,
                   GError **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT fid, " WA_PACK_WR_CODE ", " WA_PACK_WR_WARD_FID ", "
                                WA_PACK_WR_COMBINED_RANK ", " WA_PACK_WR_LEFT_BEHIND ", "
                                WA_PACK_WR_ON_MAP " FROM " WA_PACK_LAYER_WARD_RANKS " ORDER BY fid",
                                error);
  int rc;

  *out_on_map = 0;
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint index = atlas->wards->len;
      gint64 fid = wa_pack_sql_int (stmt, 2, -1);
      const char *code = wa_pack_sql_text (stmt, 1);
      WaWard *ward;

      if (wa_pack_sql_int (stmt, 0, -1) != (gint64) index + 1 || code == NULL)
        {
          sqlite3_finalize (stmt);
          return stored_ranks_damaged (self, _("does not follow the wards"), error);
        }
      if (g_hash_table_contains (self->with_geometry, &fid))
        {
          gint64 *key = g_new (gint64, 1);

          *key = fid;
          g_hash_table_insert (index_of, key, GUINT_TO_POINTER (index + 1));
        }
      ward = wa_ward_new (index, code, NULL, NULL, NULL, NULL, NULL, -1, 0, NULL);
      wa_ward_set_rank_result (ward, (guint) CLAMP (wa_pack_sql_int (stmt, 3, 0), 0, G_MAXUINT),
                               wa_pack_sql_int (stmt, 4, 0) == 1);
      *out_on_map += wa_pack_sql_int (stmt, 5, 0) == 1;
      g_ptr_array_add (atlas->wards, ward);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || sql_failed (self, error);
}

/* Every ward with its stored ranks; the wards asked for
 * (self->with_geometry) whole, read by rowid. */
static gboolean
read_wards_stored (WaPackQuery *self, WaAtlas *atlas, guint *out_on_map, GError **error)
{
  g_autoptr(GHashTable) index_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  guint n_read = 0;
  int rc;

  if (!read_stored_ranks (self, atlas, index_of, out_on_map, error))
    return FALSE;
  sql = wards_sql (self);
  if ((stmt = prepare (self, sql, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 fid = sqlite3_column_int64 (stmt, WA_WARD_ROW_ROWID);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (index_of, &fid));
      WaWard *stored = index > 0 ? g_ptr_array_index (atlas->wards, index - 1) : NULL;
      WaWard *ward;

      if (stored == NULL || g_strcmp0 (wa_pack_sql_text (stmt, 0), wa_ward_get_code (stored)) != 0)
        {
          sqlite3_finalize (stmt);
          return stored_ranks_damaged (self, _("does not follow the wards"), error);
        }
      if ((ward = ward_from_row (self, index - 1, stmt, error)) == NULL)
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      wa_ward_set_rank_result (ward, wa_ward_get_combined_rank (stored), wa_ward_get_left_behind (stored));
      g_ptr_array_index (atlas->wards, index - 1) = ward;
      g_object_unref (stored);
      n_read++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sql_failed (self, error);
  if (n_read != g_hash_table_size (index_of))
    return stored_ranks_damaged (self, _("does not follow the wards"), error);
  for (guint w = 0; w < atlas->wards->len; w++)
    {
      WaWard *ward = g_ptr_array_index (atlas->wards, w);

      if (!g_hash_table_insert (atlas->ward_by_code, (gpointer) wa_ward_get_code (ward), ward))
        return stored_ranks_damaged (self, _("lists a ward twice"), error);
    }
  return TRUE;
}

/* Rowids in "wards" of the ward CODE (first) and of its neighbours, from
 * the stored ranks; empty if there is no such ward. */
static GArray *
stored_fids (WaPackQuery *self, const char *code, gboolean with_neighbours, GError **error)
{
  g_autoptr(GHashTable) nb_columns = with_neighbours ? wa_pack_sql_columns (self->db, WA_PACK_LAYER_NEIGHBOURS) : NULL;
  gboolean neighbours = nb_columns != NULL && g_hash_table_contains (nb_columns, WA_PACK_NB_WARD)
                        && g_hash_table_contains (nb_columns, WA_PACK_NB_NEIGHBOUR);
  g_autoptr(GArray) fids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = prepare (self, neighbours
                                ? "SELECT " WA_PACK_WR_WARD_FID ", " WA_PACK_WR_CODE " = ?1 FROM "
                                  WA_PACK_LAYER_WARD_RANKS " WHERE " WA_PACK_WR_CODE " = ?1 OR "
                                  WA_PACK_WR_CODE " IN (SELECT " WA_PACK_NB_NEIGHBOUR " FROM "
                                  WA_PACK_LAYER_NEIGHBOURS " WHERE " WA_PACK_NB_WARD " = ?1)"
                                : "SELECT " WA_PACK_WR_WARD_FID ", 1 FROM " WA_PACK_LAYER_WARD_RANKS
                                  " WHERE " WA_PACK_WR_CODE " = ?1", error);
  gboolean found = FALSE;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 fid = wa_pack_sql_int (stmt, 0, -1);

      if (sqlite3_column_int (stmt, 1))
        {
          found = TRUE;
          g_array_prepend_val (fids, fid);
        }
      else
        g_array_append_val (fids, fid);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sql_failed (self, error);
      return NULL;
    }
  if (!found)
    g_array_set_size (fids, 0);
  return g_steal_pointer (&fids);
}

/* Builds the partial atlas, with geometry for the wards in
 * self->with_geometry; the previous one stays alive for wards held. */
static gboolean
load_atlas (WaPackQuery *self, guint *out_on_map, GError **error)
{
  g_autoptr(WaAtlas) atlas = g_object_new (WA_TYPE_ATLAS, NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint on_map;

  atlas->path = g_strdup (self->path);
  wa_edition_from_string (g_hash_table_lookup (self->metadata, WA_PACK_META_EDITION), &atlas->edition);
  g_hash_table_iter_init (&iter, self->metadata);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (atlas->metadata, g_strdup (key), g_strdup (value));
  if (!read_sources (self, atlas, error))
    return FALSE;
  read_indicators (self, atlas);
  /* Stored ranks need the indicators' denominators: the full reader
   * would otherwise take them from every ward's figures. */
  for (guint i = 0; i < WA_N_INDICATORS && self->stored_ranks; i++)
    self->stored_ranks = atlas->n_ranked[i] > 0;
  if (stored_ranks_match (self))
    {
      if (!read_wards_stored (self, atlas, &on_map, error))
        return FALSE;
      wa_rank_params_init (&atlas->rank_params);
      atlas->rank_params.method = wa_rank_method_default_for (atlas->edition);
    }
  else
    {
      self->stored_ranks = FALSE;
      if (!read_wards (self, atlas, &on_map, error) || !wa_atlas_apply_default_ranks (atlas, error))
        return FALSE;
    }
  if (out_on_map != NULL)
    *out_on_map = on_map;
  if (self->atlas != NULL)
    g_ptr_array_add (self->retired, g_steal_pointer (&self->atlas));
  self->atlas = g_steal_pointer (&atlas);
  return TRUE;
}

/* The partial atlas with geometry for the wards with these rowids. */
static gboolean
ensure_atlas (WaPackQuery *self, const gint64 *fids, guint n, GError **error)
{
  gboolean missing = self->atlas == NULL;

  for (guint i = 0; i < n; i++)
    if (!g_hash_table_contains (self->with_geometry, &fids[i]))
      {
        gint64 *key = g_new (gint64, 1);

        *key = fids[i];
        g_hash_table_add (self->with_geometry, key);
        missing = TRUE;
      }
  return !missing || load_atlas (self, NULL, error);
}

void
wa_pack_query_use_stored_ranks (WaPackQuery *self)
{
  g_return_if_fail (WA_IS_PACK_QUERY (self));
  g_return_if_fail (self->atlas == NULL);
  self->stored_ranks = TRUE;
}

/* With stored ranks: the partial atlas with the ward CODE (and its
 * neighbours) whole; FALSE with an error if the pack cannot be read. */
static gboolean
ensure_stored_ward (WaPackQuery *self, const char *code, gboolean with_neighbours, GError **error)
{
  g_autoptr(GArray) fids = code != NULL ? stored_fids (self, code, with_neighbours, error)
                                        : g_array_new (FALSE, FALSE, sizeof (gint64));

  return fids != NULL && ensure_atlas (self, (const gint64 *) fids->data, fids->len, error);
}

WaAtlas *
wa_pack_query_get_atlas (WaPackQuery *self)
{
  g_return_val_if_fail (WA_IS_PACK_QUERY (self), NULL);
  if (self->atlas == NULL && !ensure_atlas (self, NULL, 0, NULL))
    return NULL;
  return self->atlas;
}

/* ---- questions ------------------------------------------------------------ */

static gboolean
ward_rowid (WaPackQuery *self, const char *code, gint64 *out, GError **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT rowid FROM " WA_PACK_LAYER_WARDS " WHERE "
                                      WA_PACK_WARD_CODE " = ? ORDER BY rowid LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  *out = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || sql_failed (self, error);
}

/* The ward's neighbours in table order, as the full reader keeps them. */
static gboolean
read_neighbours (WaPackQuery *self, WaWard *ward, GError **error)
{
  g_autoptr(GHashTable) columns = wa_pack_sql_columns (self->db, WA_PACK_LAYER_NEIGHBOURS);
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (guint));
  sqlite3_stmt *stmt;
  int rc;

  if (!g_hash_table_contains (columns, WA_PACK_NB_WARD)
      || !g_hash_table_contains (columns, WA_PACK_NB_NEIGHBOUR))
    return TRUE;
  stmt = prepare (self, "SELECT " WA_PACK_NB_NEIGHBOUR " FROM " WA_PACK_LAYER_NEIGHBOURS
                        " WHERE " WA_PACK_NB_WARD " = ? ORDER BY rowid", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, wa_ward_get_code (ward), -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WaWard *to = wa_atlas_lookup_ward (self->atlas, wa_pack_sql_text (stmt, 0));

      if (to != NULL && to != ward)
        {
          guint index = wa_ward_get_index (to);
          g_array_append_val (list, index);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sql_failed (self, error);
  wa_ward_set_neighbours (ward, (const guint *) list->data, list->len);
  return TRUE;
}

WaWard *
wa_pack_query_lookup_ward (WaPackQuery *self, const char *code, GError **error)
{
  WaWard *ward;
  gint64 fid;

  g_return_val_if_fail (WA_IS_PACK_QUERY (self), NULL);
  if (stored_ranks_match (self))
    {
      if (!ensure_stored_ward (self, code, TRUE, error))
        return NULL;
    }
  else if (!ward_rowid (self, code, &fid, error) || !ensure_atlas (self, &fid, fid >= 0, error))
    return NULL;
  /* The atlas's own lookup, so that codes match exactly as in the full model. */
  ward = wa_atlas_lookup_ward (self->atlas, code);
  if (ward != NULL && !read_neighbours (self, ward, error))
    return NULL;
  return ward;
}

#define POSTCODE_COLUMNS WA_PACK_PC_POSTCODE ", " WA_PACK_PC_DISPLAY ", " WA_PACK_PC_LON ", " \
  WA_PACK_PC_LAT ", " WA_PACK_PC_WARD_CODE ", " WA_PACK_PC_QUALITY ", " WA_PACK_PC_CHECK

/* The raw text of a column: NULL only for NULL, so that the check value
 * sees exactly what is stored. */
static const char *
raw_text (sqlite3_stmt *stmt, int column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NULL
         : (const char *) sqlite3_column_text (stmt, column);
}

/* A stored value that is not what the builder writes (a negative quality,
 * a check that is not an integer) reads as a value no check can match. */
static void
row_from_stmt (sqlite3_stmt *stmt, WaPostcodeRow *row)
{
  row->postcode = raw_text (stmt, 0);
  row->display = raw_text (stmt, 1);
  row->lon = wa_pack_sql_double (stmt, 2);
  row->lat = wa_pack_sql_double (stmt, 3);
  row->ward_code = raw_text (stmt, 4);
  row->quality = wa_pack_sql_int (stmt, 5, -1);
  if (row->quality < -1 || (row->quality == -1 && sqlite3_column_type (stmt, 5) != SQLITE_NULL))
    row->quality = G_MAXINT64;
  row->check = sqlite3_column_type (stmt, 6) == SQLITE_INTEGER ? sqlite3_column_int64 (stmt, 6)
                                                               : WA_POSTCODE_ROW_NO_CHECK;
}

static gboolean
postcodes_failed (WaPackQuery *self, GError **error)
{
  int code = sqlite3_errcode (self->db);

  if (code != SQLITE_CORRUPT && code != SQLITE_NOTADB)
    return sql_failed (self, error);
  g_set_error (error, WA_ERROR, WA_ERROR_DAMAGED,
               _("%s: pack is damaged: its postcodes cannot be read (%s); run ward-atlas-cli verify"),
               self->path, sqlite3_errmsg (self->db));
  return FALSE;
}

static WaPostcodeRowResult
read_row (gpointer data, gint64 rowid, WaPostcodeRow *row, GError **error)
{
  WaPackQuery *self = data;
  int rc;

  sqlite3_reset (self->postcode_row);
  sqlite3_bind_int64 (self->postcode_row, 1, rowid);
  rc = sqlite3_step (self->postcode_row);
  if (rc == SQLITE_DONE)
    return WA_POSTCODE_ROW_MISSING;
  if (rc != SQLITE_ROW)
    {
      postcodes_failed (self, error);
      return WA_POSTCODE_ROW_FAILED;
    }
  row_from_stmt (self->postcode_row, row);
  return WA_POSTCODE_ROW_READ;
}

/* The index did not find KEY: neither may the rows in postcode order. */
static gboolean
confirm_absent (WaPackQuery *self, const char *key, GError **error)
{
  g_autofree char *count_key = g_strconcat (WA_PACK_META_LAYER_ROWS_PREFIX, WA_PACK_LAYER_POSTCODES, NULL);
  gint64 n_rows;

  if (self->postcode_row == NULL
      && (self->postcode_row = prepare (self, "SELECT " POSTCODE_COLUMNS " FROM " WA_PACK_LAYER_POSTCODES
                                              " WHERE rowid = ?", error)) == NULL)
    return FALSE;
  if (!wa_postcode_row_count (self->path, g_hash_table_lookup (self->metadata, count_key), &n_rows, error))
    return FALSE;
  return wa_postcode_row_confirm_absent (self->path, key, n_rows, read_row, self, error);
}

static WaPostcodeHit *
hit_from_row (WaPackQuery *self, const WaPostcodeRow *row)
{
  WaWard *ward = wa_atlas_lookup_ward (self->atlas, row->ward_code != NULL && *row->ward_code != '\0'
                                                    ? row->ward_code : NULL);
  WaPostcodeHit *hit = g_new0 (WaPostcodeHit, 1);

  /* As the full model: an empty text is no text. */
  hit->postcode = row->display != NULL && *row->display != '\0' ? g_strdup (row->display) : NULL;
  hit->lon = row->lon;
  hit->lat = row->lat;
  hit->ward_index = ward != NULL ? (int) wa_ward_get_index (ward) : -1;
  return hit;
}

/* The row the index gives for KEY, checked; NULL without error if the
 * index has none, NULL with an error if the pack is damaged. */
static WaPostcodeHit *
lookup_indexed (WaPackQuery *self, const char *key, GError **error)
{
  WaPostcodeRow row;
  int rc;

  sqlite3_reset (self->postcode);
  sqlite3_bind_text (self->postcode, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (self->postcode);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      postcodes_failed (self, error);
      return NULL;
    }
  row_from_stmt (self->postcode, &row);
  if (!wa_postcode_row_verify (&row, self->path, key, error))
    return NULL;
  /* With stored ranks, the postcode's ward is read whole now. */
  if (stored_ranks_match (self)
      && !ensure_stored_ward (self, row.ward_code != NULL && *row.ward_code != '\0' ? row.ward_code : NULL,
                              FALSE, error))
    return NULL;
  return hit_from_row (self, &row);
}

WaPostcodeHit *
wa_pack_query_lookup_postcode (WaPackQuery *self, const char *text, GError **error)
{
  g_autofree char *key = NULL;
  g_autofree char *pretty = NULL;
  g_autoptr(GError) local = NULL;
  WaPostcodeHit *hit;

  g_return_val_if_fail (WA_IS_PACK_QUERY (self), NULL);
  /* With stored ranks the atlas is built once the ward is known. */
  if (!stored_ranks_match (self) && !ensure_atlas (self, NULL, 0, error))
    return NULL;
  key = text != NULL ? wa_postcode_normalise (text) : NULL;
  if (key == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_INVALID, _("“%s” is not a UK postcode"),
                   text != NULL ? text : "");
      return NULL;
    }
  if (self->postcode == NULL)
    self->postcode = prepare (self, "SELECT " POSTCODE_COLUMNS " FROM " WA_PACK_LAYER_POSTCODES
                                    " WHERE " WA_PACK_PC_POSTCODE " = ? LIMIT 1", NULL);
  if (self->postcode == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_NOT_FOUND, _("%s: the pack has no postcodes"), self->path);
      return NULL;
    }
  hit = lookup_indexed (self, key, &local);
  if (hit != NULL || local != NULL || !confirm_absent (self, key, &local))
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      return hit;
    }
  pretty = wa_postcode_format (key);
  g_set_error (error, WA_ERROR, WA_ERROR_NOT_FOUND,
               _("Postcode %s is not in the pack (England postcodes only)"), pretty);
  return NULL;
}

/* Rowids of wards whose R-tree box holds the point, in row order: the
 * order in which the full model's grid offers them. A pack without the
 * GeoPackage's R-tree offers every ward (slow, but the same answer). */
static GArray *
candidates_at (WaPackQuery *self, double lon, double lat, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM \"rtree_%s_%s\" WHERE minx <= ?1 AND "
                                          "maxx >= ?1 AND miny <= ?2 AND maxy >= ?2 ORDER BY id",
                                          WA_PACK_LAYER_WARDS, self->geometry_column);
  GArray *fids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = prepare (self, sql, NULL);

  if (stmt == NULL)
    stmt = prepare (self, "SELECT rowid FROM " WA_PACK_LAYER_WARDS " WHERE ?1 = ?1 AND ?2 = ?2",
                    error);
  if (stmt == NULL)
    {
      g_array_unref (fids);
      return NULL;
    }
  sqlite3_bind_double (stmt, 1, lon);
  sqlite3_bind_double (stmt, 2, lat);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 fid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (fids, fid);
    }
  sqlite3_finalize (stmt);
  return fids;
}

WaWard *
wa_pack_query_locate (WaPackQuery *self, double lon, double lat, GError **error)
{
  g_autoptr(GArray) fids = NULL;

  g_return_val_if_fail (WA_IS_PACK_QUERY (self), NULL);
  if (!isfinite (lon) || !isfinite (lat))
    return NULL;
  if ((fids = candidates_at (self, lon, lat, error)) == NULL
      || !ensure_atlas (self, (const gint64 *) fids->data, fids->len, error))
    return NULL;
  /* Wards with geometry are exactly the candidates; test them in order. */
  for (guint w = 0; w < wa_atlas_get_n_wards (self->atlas); w++)
    {
      WaWard *ward = wa_atlas_get_ward (self->atlas, w);
      WaGeometry *geometry = wa_ward_get_geometry (ward);

      if (geometry != NULL && wa_bbox_contains (wa_geometry_get_bbox (geometry), lon, lat)
          && wa_geometry_contains (geometry, lon, lat))
        return ward;
    }
  return NULL;
}

/* ---- info ------------------------------------------------------------------ */

void
wa_pack_summary_clear (WaPackSummary *summary)
{
  g_clear_pointer (&summary->datasets, g_ptr_array_unref);
}

static gint64
count_rows (WaPackQuery *self, const char *sql)
{
  sqlite3_stmt *stmt = prepare (self, sql, NULL);
  gint64 n = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Places the full reader keeps: a name and a point. */
static guint
count_places (WaPackQuery *self)
{
  g_autoptr(GHashTable) columns = wa_pack_sql_columns (self->db, WA_PACK_LAYER_PLACES);
  g_autofree char *geom_name = wa_pack_sql_geometry_column (self->db, WA_PACK_LAYER_PLACES);
  g_autofree char *geom = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;

  if (geom_name == NULL || !g_hash_table_contains (columns, WA_PACK_PLACE_NAME))
    return 0;
  geom = wa_pack_sql_quote (geom_name);
  sql = g_strdup_printf ("SELECT substr(%s, 1, 8) FROM " WA_PACK_LAYER_PLACES " WHERE "
                         WA_PACK_PLACE_NAME " IS NOT NULL AND " WA_PACK_PLACE_NAME " != ''", geom);
  if ((stmt = prepare (self, sql, NULL)) == NULL)
    return 0;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    n += wa_pack_sql_is_geometry (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_finalize (stmt);
  return n;
}

static WaAssetDataset *
dataset_from_row (sqlite3_stmt *stmt)
{
  WaAssetDataset *d = g_new0 (WaAssetDataset, 1);
  const char *coverage = wa_pack_sql_text (stmt, 3);
  g_auto(GStrv) ids = g_strsplit (wa_pack_sql_text (stmt, 2) ?: "", ";", -1);
  gint64 *stats[] = { &d->read, &d->excluded, &d->skipped, &d->geocoded, &d->unmatched,
                      &d->no_location, &d->outside, &d->merged, &d->imported };

  /* As wa-asset.c reads the same rows. */
  d->id = g_strdup (wa_pack_sql_text (stmt, 0));
  d->title = g_strdup (wa_pack_sql_text (stmt, 1));
  d->coverage_name = g_strdup (wa_pack_sql_text (stmt, 4));
  if (coverage != NULL && g_ascii_strcasecmp (coverage, "england") != 0)
    d->coverage_lads = g_strsplit (coverage, ";", -1);
  for (char **id = ids; *id != NULL; id++)
    {
      WaAssetCategory c;

      if (wa_asset_category_from_id (*id, &c))
        d->categories |= 1u << c;
    }
  for (guint s = 0; s < G_N_ELEMENTS (stats); s++)
    *stats[s] = wa_pack_sql_int (stmt, 5 + s, 0);
  return d;
}

static GPtrArray *
read_datasets (WaPackQuery *self, GError **error)
{
  g_autoptr(GPtrArray) datasets = g_ptr_array_new_with_free_func (wa_asset_dataset_free);
  sqlite3_stmt *stmt = prepare (self, "SELECT " WA_PACK_AD_ID ", " WA_PACK_AD_TITLE ", "
                                WA_PACK_AD_CATEGORIES ", " WA_PACK_AD_COVERAGE ", "
                                WA_PACK_AD_COVERAGE_NAME ", " WA_PACK_AD_READ ", "
                                WA_PACK_AD_EXCLUDED ", " WA_PACK_AD_SKIPPED ", "
                                WA_PACK_AD_GEOCODED ", " WA_PACK_AD_UNMATCHED ", "
                                WA_PACK_AD_NO_LOCATION ", " WA_PACK_AD_OUTSIDE ", "
                                WA_PACK_AD_MERGED ", " WA_PACK_AD_IMPORTED " FROM "
                                WA_PACK_LAYER_ASSET_DATASETS " ORDER BY rowid", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (datasets, dataset_from_row (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sql_failed (self, error);
      return NULL;
    }
  return g_steal_pointer (&datasets);
}

gboolean
wa_pack_query_summarise (WaPackQuery *self, WaPackSummary *out, GError **error)
{
  g_autoptr(GHashTable) lads = NULL;

  g_return_val_if_fail (WA_IS_PACK_QUERY (self), FALSE);
  if (!load_atlas (self, &out->n_on_map, error)
      || (out->datasets = read_datasets (self, error)) == NULL)
    return FALSE;
  out->n_places = count_places (self);
  lads = wa_pack_sql_columns (self->db, WA_PACK_LAYER_LADS);
  out->n_lads = g_hash_table_size (lads) > 0
                ? (guint) count_rows (self, "SELECT count(*) FROM " WA_PACK_LAYER_LADS) : 0;
  return TRUE;
}
