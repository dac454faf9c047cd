/* wa-pack-sql.c: a pack's tables through SQLite (see wa-pack-sql.h). */
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "wa-error.h"
#include "wa-pack.h"
#include "wa-pack-figures.h"
#include "wa-pack-sql.h"
#include "wa-ward-private.h"

sqlite3 *
wa_pack_sql_open (const char *path)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  /* immutable: no locks and no journal, as the full reader opens it. */
  g_autofree char *uri = g_strdup_printf ("file:%s?immutable=1", escaped);
  sqlite3 *db = NULL;

  /* NOMUTEX: a connection is used by one thread at a time, and the
   * serialised mode's mutex took a tenth of a one-off command's time. */
  if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_URI | SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL)
      != SQLITE_OK)
    {
      sqlite3_close (db);
      return NULL;
    }
  /* A small page cache: the ward scan walks the boundaries' overflow pages
   * once (each row's geometry comes before its figures), ~4 MB that a
   * bigger cache only keeps as fresh memory to fault in, a third of the
   * scan's time; the other questions read a few pages each. */
  sqlite3_exec (db, "PRAGMA cache_size = 64", NULL, NULL, NULL);
  return db;
}

/* As wa_gdal_field_string (). */
const char *
wa_pack_sql_text (sqlite3_stmt *stmt, int column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL && *text != '\0' ? text : NULL;
}

/* Through the column's value: one call into SQLite rather than two (its
 * type, then its value), for the columns of every row of the big tables. */
gint64
wa_pack_sql_int (sqlite3_stmt *stmt, int column, gint64 missing)
{
  sqlite3_value *value = sqlite3_column_value (stmt, column);

  return sqlite3_value_type (value) == SQLITE_NULL ? missing : sqlite3_value_int64 (value);
}

double
wa_pack_sql_double (sqlite3_stmt *stmt, int column)
{
  sqlite3_value *value = sqlite3_column_value (stmt, column);

  return sqlite3_value_type (value) == SQLITE_NULL ? NAN : sqlite3_value_double (value);
}

char *
wa_pack_sql_quote (const char *name)
{
  g_auto(GStrv) parts = g_strsplit (name, "\"", -1);
  g_autofree char *joined = g_strjoinv ("\"\"", parts);

  return g_strdup_printf ("\"%s\"", joined);
}

char *
wa_pack_sql_quote_or_null (const char *name)
{
  return name != NULL ? wa_pack_sql_quote (name) : g_strdup ("NULL");
}

GHashTable *
wa_pack_sql_columns (sqlite3 *db, const char *table)
{
  g_autofree char *quoted = wa_pack_sql_quote (table);
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(%s)", quoted);
  GHashTable *columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    stmt = NULL;
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  return columns;
}

/* A missing column is NULL, as the full reader treats a column it lacks
 * as no value. */
char *
wa_pack_sql_column_or_null (GHashTable *columns, const char *name)
{
  return g_hash_table_contains (columns, name) ? wa_pack_sql_quote (name) : g_strdup ("NULL");
}

char *
wa_pack_sql_geometry_column (sqlite3 *db, const char *table)
{
  sqlite3_stmt *stmt = NULL;
  char *name = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = g_strdup (wa_pack_sql_text (stmt, 0));
  sqlite3_finalize (stmt);
  return name;
}

gboolean
wa_pack_sql_damaged (sqlite3 *db, const char *path, const char *layer, GError **error)
{
  g_set_error (error, WA_ERROR, WA_ERROR_SCHEMA, _("%s: the pack is damaged: layer “%s”: %s"),
               path, layer, sqlite3_errmsg (db));
  return FALSE;
}

sqlite3_stmt *
wa_pack_sql_prepare (sqlite3 *db, const char *path, const char *layer, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      wa_pack_sql_damaged (db, path, layer, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

gboolean
wa_pack_sql_read_rows (sqlite3 *db, const char *path, const char *layer, const char *sql,
                       WaPackSqlRowFunc from_row, gpointer data, GError **error)
{
  sqlite3_stmt *stmt = wa_pack_sql_prepare (db, path, layer, sql, error);
  gboolean ok = stmt != NULL;
  int rc = SQLITE_DONE;

  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ok = from_row (stmt, data, error);
  if (ok && rc != SQLITE_DONE)
    ok = wa_pack_sql_damaged (db, path, layer, error);
  sqlite3_finalize (stmt);
  return ok;
}

/* A GeoPackage geometry blob: "GP", version, flags (bit 4: empty; bits
 * 1-3: envelope kind), SRS id, envelope, then WKB. */
gboolean
wa_pack_sql_is_geometry (const guint8 *blob, int size)
{
  return blob != NULL && size >= 8 && blob[0] == 'G' && blob[1] == 'P' && (blob[3] & 0x10) == 0;
}

/* Where the WKB starts in a geometry blob; size or more when it has none. */
static int
wkb_offset (const guint8 *blob, int size)
{
  static const int envelope_bytes[] = { 0, 32, 48, 48, 64 };
  int kind = wa_pack_sql_is_geometry (blob, size) ? (blob[3] >> 1) & 7 : -1;

  return kind >= 0 && kind < 5 ? 8 + envelope_bytes[kind] : size + 1;
}

gboolean
wa_pack_sql_point (const guint8 *blob, int size, double *out_x, double *out_y)
{
  int offset = wkb_offset (blob, size);
  const guint8 *wkb = blob + offset;
  gboolean swap;
  guint32 type;
  guint64 x, y;

  /* Byte order, type, x, y. */
  if (offset >= size || size - offset < 21 || wkb[0] > 1)
    return FALSE;
  swap = (wkb[0] == 1) != (G_BYTE_ORDER == G_LITTLE_ENDIAN);
  memcpy (&type, wkb + 1, 4);
  memcpy (&x, wkb + 5, 8);
  memcpy (&y, wkb + 13, 8);
  if (swap)
    {
      type = GUINT32_SWAP_LE_BE (type);
      x = GUINT64_SWAP_LE_BE (x);
      y = GUINT64_SWAP_LE_BE (y);
    }
  /* Point, 2.5D point, point Z, M or ZM. */
  if ((type & ~0x80000000u) % 1000 != 1 || (type & ~0x80000000u) >= 4000)
    return FALSE;
  memcpy (out_x, &x, 8);
  memcpy (out_y, &y, 8);
  /* POINT EMPTY is written as NaNs. */
  return !isnan (*out_x) && !isnan (*out_y);
}

WaGeometry *
wa_pack_sql_ward_geometry (const char *path, const guint8 *blob, int size, GError **error)
{
  return wa_pack_sql_boundary (path, WA_PACK_LAYER_WARDS, blob, size, error);
}

WaGeometry *
wa_pack_sql_boundary (const char *path, const char *layer, const guint8 *blob, int size, GError **error)
{
  int offset = wkb_offset (blob, size);
  g_autoptr(GError) local_error = NULL;
  WaGeometry *geometry;

  if (offset >= size)
    return NULL;   /* no boundary, as GDAL reads it */
  /* Decoded without GDAL (wa-geometry-wkb.c): the front CLI must not load it. */
  geometry = wa_geometry_new_from_wkb (blob + offset, (gsize) (size - offset), &local_error);
  if (local_error != NULL)
    g_set_error (error, WA_ERROR, WA_ERROR_PARSE, _("%s: layer “%s”: a boundary cannot be read (%s)"),
                 path, layer, local_error->message);
  return geometry;
}

/* ---- the wards table ------------------------------------------------------ */

static const char *const ward_names[WA_WARD_ROW_N_WARD_COLUMNS] = {
  WA_PACK_WARD_CODE, WA_PACK_WARD_NAME, WA_PACK_WARD_LAD_CODE, WA_PACK_WARD_LAD_NAME,
  WA_PACK_WARD_REGION_CODE, WA_PACK_WARD_REGION_NAME, WA_PACK_WARD_POPULATION,
  WA_PACK_WARD_N_LSOA, WA_PACK_WARD_OFFICIAL,
};
static const char *const label_names[] = {
  WA_PACK_WARD_LABEL_LON, WA_PACK_WARD_LABEL_LAT, WA_PACK_WARD_LABEL_RADIUS,
};

static void
append_column (GString *sql, GHashTable *columns, const char *name)
{
  g_autofree char *column = columns != NULL ? wa_pack_sql_column_or_null (columns, name)
                                            : wa_pack_sql_quote (name);

  g_string_append_printf (sql, "%s, ", column);
}

void
wa_pack_sql_append_columns (GString *sql, GHashTable *columns, const char *const *names, guint n)
{
  for (guint c = 0; c < n; c++)
    append_column (sql, columns, names[c]);
}

char *
wa_pack_sql_ward_select (GHashTable *columns, const char *geometry_column, const char *geometry_expr)
{
  g_autofree char *geom = wa_pack_sql_quote_or_null (geometry_column);
  GString *sql = g_string_new ("SELECT ");

  wa_pack_sql_append_columns (sql, columns, ward_names, G_N_ELEMENTS (ward_names));
  append_column (sql, columns, WA_PACK_WARD_FIGURES);
  g_string_append_printf (sql, "rowid, substr(%s, 1, 8), %s, ", geom,
                          geometry_expr != NULL ? geometry_expr : geom);
  wa_pack_sql_append_columns (sql, columns, label_names, G_N_ELEMENTS (label_names));
  g_string_truncate (sql, sql->len - 2);
  g_string_append (sql, " FROM " WA_PACK_LAYER_WARDS);
  return g_string_free (sql, FALSE);
}

static gboolean
read_figures (WaWard *ward, sqlite3_stmt *stmt, const char *path, GError **error)
{
  WaFigure figures[WA_N_INDICATORS];
  g_autoptr(GError) local_error = NULL;

  if (!wa_pack_figures_decode (sqlite3_column_blob (stmt, WA_WARD_ROW_FIGURES),
                               (gsize) sqlite3_column_bytes (stmt, WA_WARD_ROW_FIGURES), figures,
                               &local_error))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_DAMAGED,
                   _("%s: the pack is damaged: layer “%s”, ward %s: %s"), path,
                   WA_PACK_LAYER_WARDS, wa_ward_get_code (ward), local_error->message);
      return FALSE;
    }
  for (guint i = 0; i < WA_N_INDICATORS; i++)
    wa_ward_set_figure (ward, i, &figures[i]);
  return TRUE;
}

WaWard *
wa_pack_sql_ward_new (sqlite3_stmt *stmt, const char *path, guint index, WaGeometry *geometry,
                      GError **error)
{
  g_autoptr(WaWard) ward = wa_ward_new (index, wa_pack_sql_text (stmt, 0), wa_pack_sql_text (stmt, 1),
                                        wa_pack_sql_text (stmt, 2), wa_pack_sql_text (stmt, 3),
                                        wa_pack_sql_text (stmt, 4), wa_pack_sql_text (stmt, 5),
                                        wa_pack_sql_int (stmt, 6, -1),
                                        (guint) CLAMP (wa_pack_sql_int (stmt, 7, 0), 0, G_MAXUINT),
                                        geometry);

  wa_ward_set_official (ward, (int) CLAMP (wa_pack_sql_int (stmt, 8, -1), -1, 1));
  if (!read_figures (ward, stmt, path, error))
    return NULL;
  return g_steal_pointer (&ward);
}
