/* wa-pack-sql.h: a pack's tables read through SQLite directly, without
 * GDAL, as GDAL's GeoPackage driver reads them (an empty text is no text,
 * a NULL or a missing column no value). Shared by the one-off queries
 * (wa-pack-query.c) and the full reader (wa-pack-reader.c), which both
 * read the wards table here: one row a ward, in row order, with its
 * figures and boundary (the full reader also its places, neighbourhoods
 * and asset points). Through GDAL each row was a feature object and its
 * boundary an OGR geometry before it was ours, two thirds of a 74,000-ward
 * pack's read. */
#pragma once

#include <sqlite3.h>
#include <glib.h>

#include "wa-geometry.h"
#include "wa-indicator.h"
#include "wa-ward.h"

G_BEGIN_DECLS

/* Read-only, immutable (no locks, no journal, as GDAL opens a pack), with
 * a small page cache; NULL if it cannot be opened. */
sqlite3    *wa_pack_sql_open            (const char *path);
/* NULL for NULL or "". */
const char *wa_pack_sql_text            (sqlite3_stmt *stmt, int column);
gint64      wa_pack_sql_int             (sqlite3_stmt *stmt, int column, gint64 missing);
/* NAN for NULL. */
double      wa_pack_sql_double          (sqlite3_stmt *stmt, int column);
char       *wa_pack_sql_quote           (const char *name);
/* name quoted, or NULL (as SQL) for no name. */
char       *wa_pack_sql_quote_or_null   (const char *name);
/* The table's columns, as a set; empty if there is no such table. */
GHashTable *wa_pack_sql_columns         (sqlite3 *db, const char *table);
/* The column quoted, or NULL (as SQL) when the table lacks it. */
char       *wa_pack_sql_column_or_null  (GHashTable *columns, const char *name);
/* Appends "name, " for each of names, quoted, or NULL where columns (the
 * table's, from wa_pack_sql_columns) lacks it; columns NULL: all there. */
void        wa_pack_sql_append_columns  (GString *sql, GHashTable *columns, const char *const *names,
                                         guint n);
/* The geometry column gpkg_geometry_columns names for table; NULL if none
 * (GDAL reads it from there too: such a layer has no geometry). */
char       *wa_pack_sql_geometry_column (sqlite3 *db, const char *table);

/* Sets error to "path: the pack is damaged: layer: SQLite's message";
 * returns FALSE. */
gboolean      wa_pack_sql_damaged       (sqlite3 *db, const char *path, const char *layer, GError **error);
/* The statement, or NULL with error set as wa_pack_sql_damaged(). */
sqlite3_stmt *wa_pack_sql_prepare       (sqlite3 *db, const char *path, const char *layer, const char *sql,
                                         GError **error);
/* Takes the current row; FALSE, with error set, to stop the read. */
typedef gboolean (*WaPackSqlRowFunc) (sqlite3_stmt *row, gpointer data, GError **error);
/* Calls from_row with data on each row of sql, a query on path's layer;
 * FALSE, with error, when from_row stops or SQLite fails. */
gboolean      wa_pack_sql_read_rows     (sqlite3 *db, const char *path, const char *layer, const char *sql,
                                         WaPackSqlRowFunc from_row, gpointer data, GError **error);

/* Whether a GeoPackage geometry blob holds a geometry (is not empty). */
gboolean    wa_pack_sql_is_geometry     (const guint8 *blob, int size);
/* The boundary in a geometry blob of path's wards table: NULL without an
 * error when there is none. */
WaGeometry *wa_pack_sql_ward_geometry   (const char *path, const guint8 *blob, int size,
                                         GError **error);
/* The same for a boundary of layer (a geometry level's, say). */
WaGeometry *wa_pack_sql_boundary        (const char *path, const char *layer, const guint8 *blob, int size,
                                         GError **error);

/* The point in a geometry blob (a WKB point, in either byte order, with or
 * without Z/M); FALSE for an empty blob or another kind of geometry. */
gboolean    wa_pack_sql_point           (const guint8 *blob, int size, double *out_x, double *out_y);

/* ---- the wards table ------------------------------------------------------ */

#define WA_WARD_ROW_N_WARD_COLUMNS 9
#define WA_WARD_ROW_FIGURES WA_WARD_ROW_N_WARD_COLUMNS   /* the figures blob */
/* After the ward's columns and its figures: */
#define WA_WARD_ROW_ROWID (WA_WARD_ROW_FIGURES + 1)
#define WA_WARD_ROW_HEADER (WA_WARD_ROW_ROWID + 1)     /* the geometry blob's first 8 bytes */
#define WA_WARD_ROW_GEOMETRY (WA_WARD_ROW_ROWID + 2)   /* geometry_expr */
#define WA_WARD_ROW_LABEL (WA_WARD_ROW_ROWID + 3)      /* longitude, latitude, radius */

/* "SELECT <every column above> FROM wards"; geometry_expr is what the
 * geometry column holds for the rows wanted (NULL: every row's boundary);
 * geometry_column NULL for a table without one. */
char   *wa_pack_sql_ward_select (GHashTable *columns, const char *geometry_column,
                                 const char *geometry_expr);
/* The ward in the current row of path's wards table, numbered index,
 * with geometry (a reference is taken); no label point (only the full
 * reader trusts it, inside the boundary). NULL, with error naming path
 * and the ward, when its figures blob is missing or damaged. */
WaWard *wa_pack_sql_ward_new    (sqlite3_stmt *stmt, const char *path, guint index,
                                 WaGeometry *geometry, GError **error);

G_END_DECLS
