/* wa-user-list.h: the user's own asset lists (a council's services, a
 * partnership's venues). A list is read from a table file, its rows located
 * offline (by postcode through the pack's postcode table, or by lon/lat or
 * easting/northing), and then counted per ward like a built-in asset
 * category: counts, rates per 1,000 residents, the England and similar-ward
 * comparisons, and the APPG's three-way benchmark.
 *
 * A list is stored in the user's data folder as its located points, never
 * in the pack, and assigned to wards again when it is loaded: the same
 * list counts against the 2019 wards in the 2019 pack and the 2024 wards in
 * the 2025 pack. Saving is atomic: a list is stored whole or not at all. */
#pragma once

#include <gio/gio.h>
#include "wa-atlas.h"
#include "wa-asset.h"
#include "wa-asset-benchmark.h"

G_BEGIN_DECLS

/* ---- the table a list is read from -------------------------------------- */

/* A table read from CSV (comma, semicolon or tab; UTF-8, UTF-8 with BOM or
 * Windows-1252), XLSX, GeoJSON or GeoPackage: a header and rows of text.
 * For GeoJSON and GeoPackage point features, the columns "lon" and "lat"
 * (WGS 84, reprojected from the file's CRS) are added after the
 * attributes. */
typedef struct _WaUserTable WaUserTable;

/* Errors name the file and the problem: not a table, a binary file, no
 * header, merged or empty header cells, more than WA_USER_TABLE_MAX_ROWS
 * rows. max_rows > 0 reads only the first rows (for a preview). */
#define WA_USER_TABLE_MAX_ROWS 1000000
WaUserTable *wa_user_table_read (const char *path, guint max_rows,
                                 GCancellable *cancellable, GError **error);
void         wa_user_table_free (WaUserTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaUserTable, wa_user_table_free)

guint        wa_user_table_get_n_columns (WaUserTable *table);
const char  *wa_user_table_get_column    (WaUserTable *table, guint column);
guint        wa_user_table_get_n_rows    (WaUserTable *table);
/* "" for an empty cell, never NULL for a cell inside the table. */
const char  *wa_user_table_get_cell      (WaUserTable *table, guint row, guint column);
/* What was read, for the dialog: "CSV, semicolon-separated, Windows-1252". */
const char  *wa_user_table_describe      (WaUserTable *table);
/* The file the table was read from. */
const char  *wa_user_table_get_path      (WaUserTable *table);
/* The column most likely to hold names, postcodes, ... (by header and
 * content), or -1: a starting point for the dialog's choices. */
int          wa_user_table_guess_column  (WaUserTable *table, const char *role);  /* "name", "postcode", "lon", "lat", "easting", "northing" */
/* A cell as a number: a C-locale number, spaces around it allowed; FALSE
 * for an empty cell or anything else (used for coordinates). */
gboolean     wa_user_cell_to_number      (const char *text, double *out);

/* ---- locating ------------------------------------------------------------ */

typedef enum {
  WA_USER_LIST_BY_POSTCODE,
  WA_USER_LIST_BY_LON_LAT,
  WA_USER_LIST_BY_EASTING_NORTHING,   /* British National Grid, EPSG:27700 */
} WaUserListLocate;

typedef struct {
  int name_column;                    /* -1: rows are named "Row N" */
  WaUserListLocate locate;
  int postcode_column;                /* BY_POSTCODE */
  int x_column, y_column;             /* lon and lat, or easting and northing */
} WaUserListColumns;

/* What locating did with the rows. Every row is in exactly one count. */
typedef struct {
  guint n_rows;
  guint n_located;                    /* inside a ward of the pack */
  guint n_not_found;                  /* a postcode the pack's table lacks */
  guint n_outside;                    /* located, but outside every English ward */
  guint n_no_position;                /* empty or malformed postcode or coordinates */
  GStrv not_found;                    /* the postcodes not found, as written, in row order */
} WaUserListReport;

/* Called now and then from the locating thread, done <= total. */
typedef void (*WaUserListProgress) (guint done, guint total, gpointer user_data);

typedef struct _WaUserList WaUserList;

/* Locates every row. Thread-safe against the atlas; cancellable (returns
 * NULL with G_IO_ERROR_CANCELLED). WA_ERROR_INVALID when no row could be
 * located (message says why: every postcode unknown, wrong columns). */
WaUserList *wa_user_list_locate (WaAtlas *atlas, WaUserTable *table,
                                 const WaUserListColumns *columns, const char *name,
                                 WaUserListProgress progress, gpointer progress_data,
                                 GCancellable *cancellable, GError **error);
WaUserList *wa_user_list_ref   (WaUserList *list);
void        wa_user_list_unref (WaUserList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaUserList, wa_user_list_unref)

const WaUserListReport *wa_user_list_get_report (WaUserList *list);
/* The not-found postcodes as a one-column CSV ("postcode\n..."), for the
 * dialog's export. */
char       *wa_user_list_dup_not_found_csv (WaUserList *list);

/* ---- the list as a category ----------------------------------------------- */

const char *wa_user_list_get_id   (WaUserList *list);   /* file-safe, unique in the folder */
const char *wa_user_list_get_name (WaUserList *list);
void        wa_user_list_set_name (WaUserList *list, const char *name);
WaAssetShape wa_user_list_get_shape (WaUserList *list);
void        wa_user_list_set_shape (WaUserList *list, WaAssetShape shape);
guint32     wa_user_list_get_rgb   (WaUserList *list);  /* 0xRRGGBB */
void        wa_user_list_set_rgb   (WaUserList *list, guint32 rgb);

/* The located places (inside a ward), with their ward in the atlas the list
 * was located or loaded against. */
typedef struct {
  char *name;
  char *postcode;          /* display form, NULL when located by coordinates */
  double lon, lat;
  guint ward_index;
} WaUserPlace;

guint              wa_user_list_get_n_places (WaUserList *list);
const WaUserPlace *wa_user_list_get_place    (WaUserList *list, guint index);
/* Indices of places inside box (degrees), appended to out. Thread-safe. */
void               wa_user_list_query        (WaUserList *list, const WaBBox *box, GArray *out_indices);
/* Indices of the ward's places, by name; *out_n entries. */
const guint       *wa_user_list_get_ward_places (WaUserList *list, guint ward_index, guint *out_n);
guint              wa_user_list_get_count    (WaUserList *list, guint ward_index);
/* The ward's places per 1,000 residents (NAN when its population is
 * unknown): cheap, for a table column; wa_user_list_summarise gives the
 * comparisons too. */
double             wa_user_list_get_rate     (WaUserList *list, guint ward_index);

/* A ward's figures, as for a built-in category: a list covers all of
 * England (every ward is covered), its similar wards are chosen as
 * wa_assets_similar_definition says, and out->category is
 * WA_N_ASSET_CATEGORIES (not a built-in one). */
void               wa_user_list_summarise    (WaUserList *list, WaAtlas *atlas, guint ward_index,
                                              WaAssetStat *out);
/* The three-way benchmark under the atlas's current rank method;
 * out->category is WA_N_ASSET_CATEGORIES. */
void               wa_user_list_benchmark    (WaUserList *list, WaAtlas *atlas, WaBenchmarkRow *out);

/* Where the list came from: the table file's name (no folder), and when
 * it was located (Unix time, seconds). */
const char *wa_user_list_get_source  (WaUserList *list);
gint64      wa_user_list_get_created (WaUserList *list);
/* Stored places that fell outside every ward of the atlas the list was
 * loaded against (dropped; 0 for a list just located). */
guint       wa_user_list_get_n_dropped (WaUserList *list);

/* ---- stored lists --------------------------------------------------------- */

/* Implemented in app/core/export/wa-user-list-file.c (every write goes
 * through wa-safe-write, which the model may not use): link core_dep. */

/* For the stored-list reader: a list of places at lon/lat (ward_index
 * ignored) assigned to the atlas's wards; places outside every ward are
 * dropped and counted in *out_n_dropped (may be NULL). report, source and
 * created are taken as stored (report may be NULL). */
WaUserList *wa_user_list_new_from_places (WaAtlas *atlas, const char *id, const char *name,
                                          const WaUserPlace *places, guint n_places,
                                          const WaUserListReport *report, const char *source,
                                          gint64 created, guint *out_n_dropped);
/* A file-safe id from a name: lower-case letters, digits and "-" ("list"
 * when nothing is left). */
char       *wa_user_list_slug (const char *name);
void        wa_user_list_set_id (WaUserList *list, const char *id);
/* Whether the list has a file under its id (it was saved or loaded):
 * saving it again replaces that file, while a new list never replaces
 * another's file but takes a free id. */
gboolean    wa_user_list_get_stored (WaUserList *list);
void        wa_user_list_set_stored (WaUserList *list, gboolean stored);

/* g_get_user_data_dir()/ward-atlas/lists, or $WARD_ATLAS_LISTS_DIR when set
 * (tests). */
char       *wa_user_lists_default_dir (void);
/* Writes DIR/ID.geojson atomically (wa-safe-write), creating DIR. */
gboolean    wa_user_list_save   (WaUserList *list, const char *dir, GError **error);
/* Every stored list, assigned to the atlas's wards, by name. A damaged file
 * is skipped and named in *out_problems (one line each, may be NULL). */
GPtrArray  *wa_user_lists_load  (WaAtlas *atlas, const char *dir, char **out_problems);
gboolean    wa_user_list_delete (const char *dir, const char *id, GError **error);

G_END_DECLS
