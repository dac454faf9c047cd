/* wa-pack-reader.c: reads an opened pack's GeoPackage layers into the
 * atlas: metadata and sources, wards with their figures and neighbours,
 * areas, simplified geometry levels and places. GDAL opens the file and
 * reads the small layers; the wards, places and neighbourhoods (and the
 * asset points, wa-asset.c) are read as SQLite rows (wa-pack-sql.c), many
 * times faster than as OGR features. Every problem becomes a GError naming
 * the file, the layer and, where there is one, the feature, because a
 * damaged pack must never open with wrong numbers. The postcodes stay on
 * disk (wa-atlas-postcodes.c). */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "wa-atlas-private.h"
#include "wa-ward-private.h"
#include "wa-atlas.h"
#include "wa-edition.h"
#include "wa-error.h"
#include "wa-file-check.h"
#include "wa-gdal-util.h"
#include "wa-geometry.h"
#include "wa-indicator.h"
#include "wa-pack.h"
#include "wa-pack-check.h"
#include "wa-pack-sql.h"
#include "wa-pack-stamp.h"
#include "wa-rank-method.h"
#include "wa-spatial-index.h"
#include "wa-ward.h"

#define GRID_CELL_DEGREES 0.05

static const char *area_layers[WA_ATLAS_N_AREA_KINDS] = {
  WA_PACK_LAYER_LADS, WA_PACK_LAYER_REGIONS, WA_PACK_LAYER_LAND,
};

/* Levels have no geometry for some items. */
static void
geometry_unref_nullable (gpointer data)
{
  if (data != NULL)
    wa_geometry_unref (data);
}

/* ---- reading helpers ---------------------------------------------------- */

static gboolean
same_file (const struct stat *a, const struct stat *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size
         && a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Whether the file at the pack's path is still the one opened. */
static gboolean
pack_unchanged (WaAtlas *self)
{
  struct stat now;

  return g_stat (self->path, &now) == 0 && same_file (&now, &self->pack_stat);
}

static OGRLayerH
get_layer (WaAtlas *self, const char *name, gboolean required, GError **error)
{
  OGRLayerH layer = GDALDatasetGetLayerByName (self->dataset, name);

  if (layer == NULL && required)
    g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                 _("%s: the pack has no “%s” layer; rebuild it with “ward-atlas-cli build-pack”"),
                 self->path, name);
  return layer;
}

/* Field index, or -1 (with error only when required). */
static int
field_index (WaAtlas *self, OGRLayerH layer, const char *column, gboolean required,
             GError **error)
{
  int index = OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), column);

  if (index < 0 && required)
    g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                 _("%s: layer “%s” has no column “%s”"),
                 self->path, OGR_L_GetName (layer), column);
  return index;
}

char *
wa_pack_reader_dup_field (OGRFeatureH feature, int index)
{
  return index >= 0 ? g_strdup (wa_gdal_field_string (feature, index)) : NULL;
}

double
wa_pack_reader_get_double (OGRFeatureH feature, int index)
{
  if (index < 0 || !OGR_F_IsFieldSetAndNotNull (feature, index))
    return NAN;
  return OGR_F_GetFieldAsDouble (feature, index);
}

static gint64
get_int (OGRFeatureH feature, int index, gint64 missing)
{
  if (index < 0 || !OGR_F_IsFieldSetAndNotNull (feature, index))
    return missing;
  return OGR_F_GetFieldAsInteger64 (feature, index);
}

/* NULL (no error) for a feature without geometry. */
static WaGeometry *
feature_geometry (WaAtlas *self, OGRFeatureH feature, const char *layer, GError **error)
{
  OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
  g_autoptr(GError) local_error = NULL;
  WaGeometry *result;

  if (geometry == NULL || OGR_G_IsEmpty (geometry))
    return NULL;
  result = wa_geometry_new_from_ogr (geometry, &local_error);
  if (result == NULL)
    g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                 _("%s: layer “%s”, feature %" PRId64 ": %s"),
                 self->path, layer, (gint64) OGR_F_GetFID (feature), local_error->message);
  return result;
}

/* ---- metadata, sources, indicators ------------------------------------- */

static gboolean
read_metadata (WaAtlas *self, GError **error)
{
  g_autoptr(WaFeatureGuard) seen = NULL;
  OGRLayerH layer = get_layer (self, WA_PACK_LAYER_METADATA, FALSE, NULL);
  OGRFeatureH feature;
  const char *version, *edition;
  int key, value;

  /* Some other GeoPackage (a boundary file, a QGIS project's data). */
  if (layer == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_SCHEMA,
                   _("%s: not a Ward Atlas pack: it has no “%s” layer"),
                   self->path, WA_PACK_LAYER_METADATA);
      return FALSE;
    }
  if ((key = field_index (self, layer, WA_PACK_META_KEY, TRUE, error)) < 0
      || (value = field_index (self, layer, WA_PACK_META_VALUE, TRUE, error)) < 0)
    return FALSE;
  OGR_L_ResetReading (layer);
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      char *k = wa_pack_reader_dup_field (feature, key);

      if (k != NULL)
        g_hash_table_replace (self->metadata, k, wa_pack_reader_dup_field (feature, value));
      OGR_F_Destroy (feature);
    }

  version = g_hash_table_lookup (self->metadata, WA_PACK_META_SCHEMA_VERSION);
  if (version != NULL && g_ascii_strtoll (version, NULL, 10) > WA_PACK_SCHEMA_VERSION)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_SCHEMA,
                   _("%s: the pack has schema version %s, newer than version %d that this version "
                     "of Ward Atlas reads; update Ward Atlas, or build the pack again with this "
                     "version's “ward-atlas-cli build-pack”"),
                   self->path, version, WA_PACK_SCHEMA_VERSION);
      return FALSE;
    }
  if (version == NULL || g_strcmp0 (version, G_STRINGIFY (WA_PACK_SCHEMA_VERSION)) != 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_SCHEMA,
                   _("%s: the pack has schema version %s, but this version of Ward Atlas reads "
                     "version %d; rebuild it with “ward-atlas-cli build-pack”"),
                   self->path, version != NULL ? version : _("(none)"), WA_PACK_SCHEMA_VERSION);
      return FALSE;
    }
  edition = g_hash_table_lookup (self->metadata, WA_PACK_META_EDITION);
  if (edition == NULL || !wa_edition_from_string (edition, &self->edition))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_SCHEMA,
                   _("%s: the pack names an unknown edition “%s”"),
                   self->path, edition != NULL ? edition : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_sources (WaAtlas *self, GError **error)
{
  g_autoptr(WaFeatureGuard) seen = NULL;
  static const char *columns[] = {
    WA_PACK_SRC_ID, WA_PACK_SRC_ROLE, WA_PACK_SRC_TITLE, WA_PACK_SRC_FILE,
    WA_PACK_SRC_PUBLISHER, WA_PACK_SRC_URL, WA_PACK_SRC_LICENCE, WA_PACK_SRC_ATTRIBUTION,
  };
  OGRLayerH layer = get_layer (self, WA_PACK_LAYER_SOURCES, TRUE, error);
  int index[G_N_ELEMENTS (columns)];
  int records;
  OGRFeatureH feature;

  if (layer == NULL)
    return FALSE;
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    if ((index[c] = field_index (self, layer, columns[c], c < 2, error)) < 0 && c < 2)
      return FALSE;
  records = field_index (self, layer, WA_PACK_SRC_RECORDS, FALSE, NULL);

  OGR_L_ResetReading (layer);
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      WaSourceInfo *info = g_new0 (WaSourceInfo, 1);
      char **fields[] = {
        &info->id, &info->role, &info->title, &info->file,
        &info->publisher, &info->url, &info->licence, &info->attribution,
      };

      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        *fields[c] = wa_pack_reader_dup_field (feature, index[c]);
      info->records = get_int (feature, records, -1);
      g_ptr_array_add (self->sources, info);
      OGR_F_Destroy (feature);
    }
  return TRUE;
}

static void
read_indicators (WaAtlas *self)
{
  g_autoptr(WaFeatureGuard) seen = NULL;
  OGRLayerH layer = get_layer (self, WA_PACK_LAYER_INDICATORS, FALSE, NULL);
  OGRFeatureH feature;
  int id, n_ranked, note;

  if (layer == NULL)
    return;
  id = field_index (self, layer, WA_PACK_IND_ID, FALSE, NULL);
  n_ranked = field_index (self, layer, WA_PACK_IND_N_RANKED, FALSE, NULL);
  note = field_index (self, layer, WA_PACK_IND_SOURCE_NOTE, FALSE, NULL);
  if (id < 0)
    return;
  OGR_L_ResetReading (layer);
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      WaIndicator indicator;

      if (wa_indicator_from_id (wa_gdal_field_string (feature, id), &indicator))
        {
          gint64 n = get_int (feature, n_ranked, 0);

          self->n_ranked[indicator] = (guint) CLAMP (n, 0, G_MAXUINT);
          g_free (self->notes[indicator]);
          self->notes[indicator] = wa_pack_reader_dup_field (feature, note);
        }
      OGR_F_Destroy (feature);
    }
}

/* ---- wards -------------------------------------------------------------- */

/* The big tables are read through SQLite (wa-pack-sql.h), on the very
 * file that GDAL opened: it has already found it a GeoPackage whose
 * layers hold the required columns. */
sqlite3 *
wa_pack_reader_open_sql (WaAtlas *self, GError **error)
{
  sqlite3 *db;

  if (!pack_unchanged (self))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: the pack changed while it was being read"),
                   self->path);
      return NULL;
    }
  if ((db = wa_pack_sql_open (self->path)) == NULL)
    g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot be read"), self->path);
  return db;
}

/* Wards are longitude/latitude boxes well under a degree across; a damaged
 * pack's 1e267 or a world-wide box would make the picking grid give every
 * cell to one ward (gigabytes, found by fuzzing). */
#define MAX_WARD_SPAN_DEGREES 10.0

static gboolean
plausible_ward_box (const WaBBox *box)
{
  return box->min_x >= -180 && box->max_x <= 180 && box->min_y >= -90 && box->max_y <= 90
         && box->max_x - box->min_x <= MAX_WARD_SPAN_DEGREES
         && box->max_y - box->min_y <= MAX_WARD_SPAN_DEGREES;
}

/* A label point is only trusted inside the ward's own box: a damaged
 * pack must not scatter names across the map. */
static void
read_label_point (WaWard *ward, sqlite3_stmt *row, WaGeometry *geometry)
{
  double lon = wa_pack_sql_double (row, WA_WARD_ROW_LABEL);
  double lat = wa_pack_sql_double (row, WA_WARD_ROW_LABEL + 1);
  double radius = wa_pack_sql_double (row, WA_WARD_ROW_LABEL + 2);

  if (geometry == NULL || isnan (lon) || isnan (lat) || !(radius > 0 && radius < 1e6)
      || !wa_bbox_contains (wa_geometry_get_bbox (geometry), lon, lat))
    return;
  wa_ward_set_label_point (ward, lon, lat, radius);
}

/* Where a run of the wards' rows goes: the atlas's own table, or the
 * second half's list, read beside it (by_code NULL: its duplicates are
 * found when the halves are joined). */
typedef struct {
  const char *path;
  GPtrArray *wards;
  GHashTable *by_code;
  guint first_index;
} WardRows;

/* Within either half of the wards table or across the two. */
static void
set_repeated_ward_error (const char *path, const char *code, GError **error)
{
  g_set_error (error, WA_ERROR, WA_ERROR_DUPLICATE, _("%s: ward %s appears twice in layer “%s”"),
               path, code, WA_PACK_LAYER_WARDS);
}

static WaWard *
ward_from_row (WardRows *rows, sqlite3_stmt *row, GError **error)
{
  const char *code = wa_pack_sql_text (row, 0);
  g_autoptr(WaGeometry) geometry = NULL;
  GError *local_error = NULL;
  const WaBBox *box;
  WaWard *ward;

  if (code == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: layer “%s”, feature %" PRId64 " has no ward code"),
                   rows->path, WA_PACK_LAYER_WARDS, (gint64) sqlite3_column_int64 (row, WA_WARD_ROW_ROWID));
      return NULL;
    }
  if (rows->by_code != NULL && g_hash_table_contains (rows->by_code, code))
    {
      set_repeated_ward_error (rows->path, code, error);
      return NULL;
    }
  geometry = wa_pack_sql_ward_geometry (rows->path, sqlite3_column_blob (row, WA_WARD_ROW_GEOMETRY),
                                        sqlite3_column_bytes (row, WA_WARD_ROW_GEOMETRY), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (geometry != NULL && !plausible_ward_box (box = wa_geometry_get_bbox (geometry)))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: layer “%s”, ward %s spans longitude %g to %g and latitude %g to %g, "
                     "which no ward does; the pack is damaged"),
                   rows->path, WA_PACK_LAYER_WARDS, code, box->min_x, box->max_x, box->min_y, box->max_y);
      return NULL;
    }
  ward = wa_pack_sql_ward_new (row, rows->path, rows->first_index + rows->wards->len, geometry, error);
  if (ward != NULL)
    read_label_point (ward, row, geometry);
  return ward;
}

/* The wards table through SQLite (wa-pack-sql.h) rather than GDAL: on the
 * very file the dataset opened, which GDAL has already found to be a
 * GeoPackage with a wards layer holding the required columns; where
 * (or NULL) picks a run of rowids. */
static char *
wards_sql (sqlite3 *db, const char *where)
{
  g_autoptr(GHashTable) columns = wa_pack_sql_columns (db, WA_PACK_LAYER_WARDS);
  /* A table without boundaries gives wards without them, as through GDAL. */
  g_autofree char *geometry_column = wa_pack_sql_geometry_column (db, WA_PACK_LAYER_WARDS);
  g_autofree char *select = wa_pack_sql_ward_select (columns, geometry_column, NULL);

  return g_strconcat (select, where != NULL ? " WHERE " : "", where != NULL ? where : "",
                      " ORDER BY rowid", NULL);
}

static gboolean
ward_row_add (sqlite3_stmt *row, gpointer data, GError **error)
{
  WardRows *rows = data;
  WaWard *ward = ward_from_row (rows, row, error);

  if (ward == NULL)
    return FALSE;
  g_ptr_array_add (rows->wards, ward);
  if (rows->by_code != NULL)
    g_hash_table_insert (rows->by_code, (gpointer) wa_ward_get_code (ward), ward);
  return TRUE;
}

static gboolean
read_ward_rows (sqlite3 *db, WardRows *rows, const char *where, GError **error)
{
  g_autofree char *sql = wards_sql (db, where);

  return wa_pack_sql_read_rows (db, rows->path, WA_PACK_LAYER_WARDS, sql, ward_row_add, rows, error);
}

/* Rank denominators from the ranks themselves when the pack lacks them. */
static void
fill_missing_n_ranked (WaAtlas *self)
{
  for (guint i = 0; i < WA_N_INDICATORS; i++)
    {
      if (self->n_ranked[i] > 0)
        continue;
      for (guint w = 0; w < self->wards->len; w++)
        {
          const WaFigure *figure = wa_ward_get_figure (g_ptr_array_index (self->wards, w), i);
          self->n_ranked[i] = MAX (self->n_ranked[i], figure->rank);
        }
    }
}

static void
build_grid (WaAtlas *self)
{
  WaBBox extent;

  for (guint w = 0; w < self->wards->len; w++)
    {
      WaGeometry *geometry = wa_ward_get_geometry (g_ptr_array_index (self->wards, w));
      if (geometry != NULL)
        wa_bbox_extend (&self->extent, wa_geometry_get_bbox (geometry));
    }
  extent = self->extent;
  if (extent.min_x > extent.max_x)
    extent = (WaBBox) { 0, 0, 1, 1 };
  self->grid = wa_spatial_index_new (&extent, GRID_CELL_DEGREES);
  for (guint w = 0; w < self->wards->len; w++)
    {
      WaGeometry *geometry = wa_ward_get_geometry (g_ptr_array_index (self->wards, w));
      if (geometry != NULL)
        wa_spatial_index_insert (self->grid, wa_geometry_get_bbox (geometry), w);
    }
}

/* The second half of the wards table, read on a thread and connection of
 * its own beside the first: half of the 10x pack's open was this one
 * table, while the app's main thread waited for it. */
typedef struct {
  WaAtlas *atlas;   /* read only here: its path and the pack's stat */
  WardRows rows;
  gint64 first;     /* the half's first rowid */
  GError *error;
} WardHalf;

static gboolean
count_rows_before (sqlite3 *db, const char *path, gint64 rowid, guint *out, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM " WA_PACK_LAYER_WARDS
                                          " WHERE rowid < %" G_GINT64_FORMAT, rowid);
  sqlite3_stmt *stmt = wa_pack_sql_prepare (db, path, WA_PACK_LAYER_WARDS, sql, error);
  gboolean ok = stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;

  if (ok)
    *out = (guint) CLAMP (sqlite3_column_int64 (stmt, 0), 0, G_MAXUINT);
  else if (stmt != NULL)
    wa_pack_sql_damaged (db, path, WA_PACK_LAYER_WARDS, error);
  sqlite3_finalize (stmt);
  return ok;
}

static gpointer
read_second_half (gpointer data)
{
  WardHalf *half = data;
  sqlite3 *db = wa_pack_reader_open_sql (half->atlas, &half->error);
  g_autofree char *where = g_strdup_printf ("rowid >= %" G_GINT64_FORMAT, half->first);

  if (db != NULL
      && count_rows_before (db, half->rows.path, half->first, &half->rows.first_index, &half->error))
    read_ward_rows (db, &half->rows, where, &half->error);
  if (db != NULL)
    sqlite3_close (db);
  return NULL;
}

/* The rowid where the second half starts, or 0 for a table too small to
 * split. From the rowids' span, which is the rows' for the packs the
 * builder writes; any other table is only split unevenly. */
static gint64
split_rowid (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 split = 0;

  if (sqlite3_prepare_v2 (db, "SELECT min(rowid), max(rowid) FROM " WA_PACK_LAYER_WARDS,
                          -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      gint64 min = sqlite3_column_int64 (stmt, 0);
      gint64 max = sqlite3_column_int64 (stmt, 1);

      if (max > min)
        split = min / 2 + max / 2 + 1;
    }
  sqlite3_finalize (stmt);
  return split;
}

/* Adds the second half's wards to the atlas's table, refusing a code the
 * table already holds (each half found its own repeats but not the other's). */
static gboolean
join_second_half (WaAtlas *self, GPtrArray *second, GError **error)
{
  for (guint i = 0; i < second->len; i++)
    {
      WaWard *ward = g_ptr_array_index (second, i);
      const char *code = wa_ward_get_code (ward);

      if (g_hash_table_contains (self->ward_by_code, code))
        {
          set_repeated_ward_error (self->path, code, error);
          while (i-- > 0)
            g_hash_table_remove (self->ward_by_code, wa_ward_get_code (g_ptr_array_index (second, i)));
          return FALSE;
        }
      g_hash_table_insert (self->ward_by_code, (gpointer) code, ward);
    }
  g_ptr_array_extend_and_steal (self->wards, g_ptr_array_ref (second));
  return TRUE;
}

static gboolean
read_ward_halves (WaAtlas *self, sqlite3 *db, GError **error)
{
  WardRows first = { self->path, self->wards, self->ward_by_code, 0 };
  g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func (g_object_unref);
  WardHalf half = { self, { self->path, second, NULL, 0 }, split_rowid (db), NULL };
  g_autofree char *where = NULL;
  GThread *thread;
  gboolean ok;

  if (half.first == 0)
    return read_ward_rows (db, &first, NULL, error);
  where = g_strdup_printf ("rowid < %" G_GINT64_FORMAT, half.first);
  thread = g_thread_new ("wa-ward-rows", read_second_half, &half);
  ok = read_ward_rows (db, &first, where, error);
  g_thread_join (thread);
  if (ok && half.error != NULL)
    {
      g_propagate_error (error, half.error);
      return FALSE;
    }
  g_clear_error (&half.error);
  return ok && join_second_half (self, second, error);
}

static gboolean
read_wards (WaAtlas *self, sqlite3 *db, GError **error)
{
  OGRLayerH layer = get_layer (self, WA_PACK_LAYER_WARDS, TRUE, error);

  if (layer == NULL
      || field_index (self, layer, WA_PACK_WARD_CODE, TRUE, error) < 0
      || field_index (self, layer, WA_PACK_WARD_NAME, TRUE, error) < 0
      || field_index (self, layer, WA_PACK_WARD_FIGURES, TRUE, error) < 0
      || !read_ward_halves (self, db, error))
    return FALSE;
  if (self->wards->len == 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: the pack holds no wards"), self->path);
      return FALSE;
    }
  fill_missing_n_ranked (self);
  build_grid (self);
  return TRUE;
}

typedef struct {
  WaAtlas *self;
  GPtrArray *lists;   /* each ward's neighbours' indices */
} NeighbourRead;

static gboolean
neighbour_from_row (sqlite3_stmt *row, gpointer data, GError **error)
{
  NeighbourRead *read = data;
  WaWard *from = wa_atlas_lookup_ward (read->self, wa_pack_sql_text (row, 0));
  WaWard *to = wa_atlas_lookup_ward (read->self, wa_pack_sql_text (row, 1));

  if (from != NULL && to != NULL && from != to)
    {
      guint index = wa_ward_get_index (to);
      g_array_append_val (g_ptr_array_index (read->lists, wa_ward_get_index (from)), index);
    }
  return TRUE;
}

/* Each ward's neighbours, as rows through SQLite (wa-pack-sql.h): 43,000
 * OGR features were 4 % of the 10x pack's open. An optional layer: a pack
 * without it (or its columns) has wards without neighbours. */
static gboolean
read_neighbours (WaAtlas *self, sqlite3 *db, GError **error)
{
  OGRLayerH layer = get_layer (self, WA_PACK_LAYER_NEIGHBOURS, FALSE, NULL);
  g_autoptr(GPtrArray) lists = NULL;
  NeighbourRead read;

  if (layer == NULL
      || field_index (self, layer, WA_PACK_NB_WARD, FALSE, NULL) < 0
      || field_index (self, layer, WA_PACK_NB_NEIGHBOUR, FALSE, NULL) < 0)
    return TRUE;
  lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint w = 0; w < self->wards->len; w++)
    g_ptr_array_add (lists, g_array_new (FALSE, FALSE, sizeof (guint)));
  read = (NeighbourRead) { self, lists };
  if (!wa_pack_sql_read_rows (db, self->path, WA_PACK_LAYER_NEIGHBOURS,
                              "SELECT \"" WA_PACK_NB_WARD "\", \"" WA_PACK_NB_NEIGHBOUR "\" FROM "
                              WA_PACK_LAYER_NEIGHBOURS " ORDER BY rowid",
                              neighbour_from_row, &read, error))
    return FALSE;
  for (guint w = 0; w < self->wards->len; w++)
    {
      GArray *list = g_ptr_array_index (lists, w);
      wa_ward_set_neighbours (g_ptr_array_index (self->wards, w),
                              (const guint *) list->data, list->len);
    }
  return TRUE;
}

/* ---- geometry levels ---------------------------------------------------- */

/* The ward coded code's index + 1, or 0 for none: from the atlas's own
 * table, which is read-only once the wards are read (a level is read on
 * whichever thread first draws it). */
static guint
ward_number (WaAtlas *self, const char *code)
{
  WaWard *ward = code != NULL ? g_hash_table_lookup (self->ward_by_code, code) : NULL;

  return ward != NULL ? wa_ward_get_index (ward) + 1 : 0;
}

/* Where a level's rows go: to the index index_by_code gives each code
 * (index + 1), or for NULL the ward's. */
typedef struct {
  WaAtlas *self;
  const char *layer;
  GHashTable *index_by_code;
  GPtrArray *geometries;
} LevelRead;

static gboolean
level_row_add (sqlite3_stmt *row, gpointer data, GError **error)
{
  LevelRead *read = data;
  const char *item_code = wa_pack_sql_text (row, 0);
  /* A damaged row without a code draws nothing rather than crashing. */
  guint found = read->index_by_code == NULL ? ward_number (read->self, item_code)
                : item_code != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (read->index_by_code, item_code))
                : 0;
  WaGeometry *geometry;
  GError *local_error = NULL;

  if (found == 0)
    return TRUE;
  geometry = wa_pack_sql_boundary (read->self->path, read->layer, sqlite3_column_blob (row, 1),
                                   sqlite3_column_bytes (row, 1), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (geometry != NULL)
    {
      geometry_unref_nullable (g_ptr_array_index (read->geometries, found - 1));
      g_ptr_array_index (read->geometries, found - 1) = geometry;
    }
  return TRUE;
}

/* Reads layer's geometries into *out through SQLite (wa-pack-sql.h), as
 * the wards' own: through GDAL's features, the 10x pack's 74,000 wards of
 * the launch's zoom took 190 ms, which the first map frame waited for. */
static gboolean
read_level_layer (WaAtlas *self, sqlite3 *db, const char *layer, GHashTable *index_by_code,
                  guint n_items, GPtrArray **out, GError **error)
{
  g_autofree char *geometry_column = wa_pack_sql_geometry_column (db, layer);
  g_autofree char *quoted_layer = wa_pack_sql_quote (layer);
  g_autofree char *geometry = wa_pack_sql_quote_or_null (geometry_column);
  g_autofree char *sql = g_strdup_printf ("SELECT \"" WA_PACK_LOD_CODE "\", %s FROM %s ORDER BY rowid",
                                          geometry, quoted_layer);
  g_autoptr(GPtrArray) geometries = g_ptr_array_new_full (n_items, geometry_unref_nullable);
  LevelRead read = { self, layer, index_by_code, geometries };

  g_ptr_array_set_size (geometries, n_items);
  if (!wa_pack_sql_read_rows (db, self->path, layer, sql, level_row_add, &read, error))
    return FALSE;
  *out = g_steal_pointer (&geometries);
  return TRUE;
}

static GHashTable *
area_index_by_code (GPtrArray *areas)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint a = 0; a < areas->len; a++)
    g_hash_table_insert (table, ((WaArea *) g_ptr_array_index (areas, a))->code,
                         GUINT_TO_POINTER (a + 1));
  return table;
}

static int
kind_from_string (const char *kind)
{
  if (g_strcmp0 (kind, "wards") == 0)
    return -1;
  for (guint k = 0; k < WA_ATLAS_N_AREA_KINDS; k++)
    if (g_strcmp0 (kind, area_layers[k]) == 0)
      return (int) k;
  return -2;
}

/* Whether path is still the file opened: layer what of a pack rebuilt
 * over it since is not read. */
static gboolean
still_the_pack (WaAtlas *self, const char *what, GError **error)
{
  if (!pack_unchanged (self))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO,
                   _("%s: the pack has changed since it was opened; layer “%s” is not read"),
                   self->path, what);
      return FALSE;
    }
  return TRUE;
}

GDALDatasetH
wa_pack_reader_reopen (WaAtlas *self, const char *what, GError **error)
{
  static const char *const drivers[] = { "GPKG", NULL };
  static const char *const options[] = { "IMMUTABLE=YES", NULL };
  GDALDatasetH dataset;

  if (!still_the_pack (self, what, error))
    return NULL;
  dataset = GDALOpenEx (self->path, GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, options, NULL);
  if (dataset == NULL)
    g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot read layer “%s”"), self->path, what);
  return dataset;
}

/* A level, read when first drawn (wa-atlas-private.h), on a connection
 * of its own (tiles are drawn on several threads), and only from the very
 * file opened and checked: a pack rebuilt over it since then is another
 * pack. read_levels found the layer and its code column. */
static gboolean
read_level (WaAtlas *self, WaGeometryLevel *level, GError **error)
{
  g_autoptr(GHashTable) index_by_code = NULL;
  GPtrArray *items = level->kind < 0 ? self->wards : self->areas[level->kind];
  sqlite3 *db;
  gboolean ok;

  if (!still_the_pack (self, level->layer, error))
    return FALSE;
  if ((db = wa_pack_sql_open (self->path)) == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot read layer “%s”"), self->path, level->layer);
      return FALSE;
    }
  index_by_code = level->kind < 0 ? NULL : area_index_by_code (items);
  ok = read_level_layer (self, db, level->layer, index_by_code, items->len, &level->geometries, error);
  sqlite3_close (db);
  return ok;
}

/* The levels' zooms and layers; each layer is read when first drawn
 * (read_level), but is here now, with its code column, or the pack is
 * refused. */
static gboolean
read_levels (WaAtlas *self, GError **error)
{
  g_autoptr(WaFeatureGuard) seen = NULL;
  OGRLayerH layer = get_layer (self, WA_PACK_LAYER_LEVELS, FALSE, NULL);
  OGRFeatureH feature;
  int name, kind, min_zoom, max_zoom;

  if (layer == NULL)
    return TRUE;   /* no simplified levels: full geometry at every zoom */
  if ((name = field_index (self, layer, WA_PACK_LEVEL_LAYER, TRUE, error)) < 0
      || (kind = field_index (self, layer, WA_PACK_LEVEL_KIND, TRUE, error)) < 0
      || (min_zoom = field_index (self, layer, WA_PACK_LEVEL_MIN_ZOOM, TRUE, error)) < 0
      || (max_zoom = field_index (self, layer, WA_PACK_LEVEL_MAX_ZOOM, TRUE, error)) < 0)
    return FALSE;
  OGR_L_ResetReading (layer);
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      g_autofree char *layer_name = wa_pack_reader_dup_field (feature, name);
      int k = kind_from_string (wa_gdal_field_string (feature, kind));
      WaGeometryLevel level = { (int) get_int (feature, min_zoom, 0), (int) get_int (feature, max_zoom, 99),
                                NULL, k, WA_LEVEL_UNREAD, NULL };
      gboolean is_full = layer_name == NULL || k == -2
                         || g_strcmp0 (layer_name, k == -1 ? WA_PACK_LAYER_WARDS : area_layers[MAX (k, 0)]) == 0;
      OGRLayerH level_layer;

      OGR_F_Destroy (feature);
      if (is_full)
        continue;
      if ((level_layer = get_layer (self, layer_name, TRUE, error)) == NULL
          || field_index (self, level_layer, WA_PACK_LOD_CODE, TRUE, error) < 0)
        return FALSE;
      level.layer = g_steal_pointer (&layer_name);
      g_array_append_val (k == -1 ? self->ward_levels : self->area_levels[k], level);
    }
  self->read_level = read_level;
  return TRUE;
}

/* ---- areas and places ---------------------------------------------------- */

static gboolean
read_areas (WaAtlas *self, WaAreaKind kind, GError **error)
{
  g_autoptr(WaFeatureGuard) seen = NULL;
  OGRLayerH layer = get_layer (self, area_layers[kind], FALSE, NULL);
  OGRFeatureH feature;
  int code, name, region_code, region_name;

  if (layer == NULL)
    return TRUE;   /* older or partial packs: the map just lacks that layer */
  if ((code = field_index (self, layer, WA_PACK_AREA_CODE, TRUE, error)) < 0
      || (name = field_index (self, layer, WA_PACK_AREA_NAME, TRUE, error)) < 0)
    return FALSE;
  region_code = field_index (self, layer, WA_PACK_AREA_REGION_CODE, FALSE, NULL);
  region_name = field_index (self, layer, WA_PACK_AREA_REGION_NAME, FALSE, NULL);

  OGR_L_ResetReading (layer);
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      GError *local_error = NULL;
      WaArea *area = g_new0 (WaArea, 1);

      area->code = wa_pack_reader_dup_field (feature, code);
      area->name = wa_pack_reader_dup_field (feature, name);
      area->region_code = wa_pack_reader_dup_field (feature, region_code);
      area->region_name = wa_pack_reader_dup_field (feature, region_name);
      area->geometry = feature_geometry (self, feature, area_layers[kind], &local_error);
      OGR_F_Destroy (feature);
      if (local_error != NULL || area->code == NULL)
        {
          if (local_error == NULL)
            local_error = g_error_new (WA_ERROR, WA_ERROR_PARSE,
                                       _("%s: layer “%s” has a feature without a code"),
                                       self->path, area_layers[kind]);
          wa_atlas_area_free (area);
          g_propagate_error (error, local_error);
          return FALSE;
        }
      g_ptr_array_add (self->areas[kind], area);
    }
  return TRUE;
}

static WaPlaceKind
place_kind_from_string (const char *kind)
{
  static const char *names[] = { "city", "town", "village", "hamlet", "suburb", "other" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (kind, names[i]) == 0)
      return (WaPlaceKind) i;
  return WA_PLACE_OTHER;
}

static int
compare_places (gconstpointer a, gconstpointer b)
{
  const WaPlace *pa = *(WaPlace * const *) a, *pb = *(WaPlace * const *) b;

  return (pa->importance < pb->importance) - (pa->importance > pb->importance);
}

static const char *const place_columns[] = {
  WA_PACK_PLACE_NAME, WA_PACK_PLACE_KIND, WA_PACK_PLACE_MAJOR, WA_PACK_PLACE_DISTRICT,
  WA_PACK_PLACE_WARD_CODE, WA_PACK_PLACE_IMPORTANCE, WA_PACK_PLACE_MIN_X, WA_PACK_PLACE_MIN_Y,
  WA_PACK_PLACE_MAX_X, WA_PACK_PLACE_MAX_Y,
};

/* SELECT place_columns, then the geometry; NULL when the layer has no name
 * or geometry column (older packs: no places). */
static char *
places_sql (WaAtlas *self, sqlite3 *db)
{
  g_autoptr(GHashTable) columns = wa_pack_sql_columns (db, WA_PACK_LAYER_PLACES);
  g_autofree char *geometry = wa_pack_sql_geometry_column (db, WA_PACK_LAYER_PLACES);
  g_autofree char *quoted = NULL;
  GString *sql;

  if (geometry == NULL || !g_hash_table_contains (columns, WA_PACK_PLACE_NAME))
    return NULL;
  sql = g_string_new ("SELECT ");
  wa_pack_sql_append_columns (sql, columns, place_columns, G_N_ELEMENTS (place_columns));
  quoted = wa_pack_sql_quote (geometry);
  g_string_append_printf (sql, "%s FROM " WA_PACK_LAYER_PLACES " ORDER BY rowid", quoted);
  return g_string_free (sql, FALSE);
}

/* The place in the current row; NULL for one without a name or a point. */
static WaPlace *
place_from_row (WaAtlas *self, sqlite3_stmt *row)
{
  int n = G_N_ELEMENTS (place_columns);
  WaWard *in_ward = wa_atlas_lookup_ward (self, wa_pack_sql_text (row, 4));
  WaPlace *place;
  double lon, lat;

  if (wa_pack_sql_text (row, 0) == NULL
      || !wa_pack_sql_point (sqlite3_column_blob (row, n), sqlite3_column_bytes (row, n), &lon, &lat))
    return NULL;
  place = g_new0 (WaPlace, 1);
  place->name = g_strdup (wa_pack_sql_text (row, 0));
  place->kind = place_kind_from_string (wa_pack_sql_text (row, 1));
  place->major = wa_pack_sql_int (row, 2, 0) != 0;
  place->district = g_strdup (wa_pack_sql_text (row, 3));
  place->lon = lon;
  place->lat = lat;
  place->extent = (WaBBox) { wa_pack_sql_double (row, 6), wa_pack_sql_double (row, 7),
                             wa_pack_sql_double (row, 8), wa_pack_sql_double (row, 9) };
  if (isnan (place->extent.min_x) || isnan (place->extent.max_y))
    place->extent = (WaBBox) { place->lon, place->lat, place->lon, place->lat };
  place->importance = wa_pack_sql_double (row, 5);
  if (isnan (place->importance))
    place->importance = 0;
  place->ward_index = in_ward != NULL ? (int) wa_ward_get_index (in_ward) : -1;
  return place;
}

static gboolean
place_row_add (sqlite3_stmt *row, gpointer data, GError **error)
{
  WaAtlas *self = data;
  WaPlace *place = place_from_row (self, row);

  if (place != NULL)
    g_ptr_array_add (self->places, place);
  return TRUE;
}

static gboolean
read_places (WaAtlas *self, sqlite3 *db, GError **error)
{
  g_autofree char *sql = places_sql (self, db);
  gboolean ok;

  if (sql == NULL)
    return TRUE;   /* older packs: no places */
  ok = wa_pack_sql_read_rows (db, self->path, WA_PACK_LAYER_PLACES, sql, place_row_add, self, error);
  g_ptr_array_sort (self->places, compare_places);
  return ok;
}

/* ---- opening ------------------------------------------------------------ */

static gboolean
open_dataset (WaAtlas *self, GError **error)
{
  static const char *const drivers[] = { "GPKG", NULL };
  /* The app only reads a pack, and the builder replaces one by renaming a
   * new file over it, so an open pack never changes under us: SQLite can
   * skip the locking and change checks it otherwise makes for every query
   * (a tenth of the time to open one). */
  static const char *const options[] = { "IMMUTABLE=YES", NULL };

  /* A FIFO would block GDAL's open() for ever. */
  if (!wa_check_regular_file (self->path, error))
    return FALSE;
  /* GDAL reports an unreadable file as one it does not recognise. */
  if (g_access (self->path, R_OK) != 0 && errno == EACCES)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: permission denied"), self->path);
      return FALSE;
    }
  wa_gdal_clear_message ();
  self->dataset = GDALOpenEx (self->path, GDAL_OF_VECTOR | GDAL_OF_READONLY,
                              drivers, options, NULL);
  if (self->dataset == NULL)
    {
      const char *reason = wa_gdal_last_message ();
      g_set_error (error, WA_ERROR, WA_ERROR_SCHEMA,
                   _("%s: not a Ward Atlas pack: the file is not a readable GeoPackage%s%s"),
                   self->path, *reason != '\0' ? ": " : "", reason);
      return FALSE;
    }
  /* What read_level checks the file against before reading from it; a
   * file that cannot be stat'ed now has its levels drawn at full detail. */
  if (g_stat (self->path, &self->pack_stat) != 0)
    memset (&self->pack_stat, 0, sizeof self->pack_stat);
  return TRUE;
}

/* ---- integrity ------------------------------------------------------------ */

/* A file that passed the quick check and has not changed since (same
 * path, size, mtime, inode and fingerprints: wa-pack-stamp.h) need not
 * pay it again. Otherwise the check runs on threads of its own while the
 * layers are read (on the 10x pack 0.37 s of a 1.3 s first open), and
 * its verdict comes before anything read is used: see
 * wa_pack_reader_load. */
typedef struct {
  GThread    *thread;  /* NULL: stamped, nothing to wait for */
  const char *path;    /* the atlas's, which outlives the thread */
  GError     *error;
  gint        failed;  /* set (atomic) as soon as the check has failed */
} PackCheck;

static gpointer
run_check (gpointer data)
{
  PackCheck *check = data;

  if (!wa_pack_check (check->path, WA_PACK_CHECK_QUICK, &check->error))
    g_atomic_int_set (&check->failed, 1);
  return NULL;
}

static void
start_check_unless_stamped (WaAtlas *self, PackCheck *check)
{
  g_autofree char *fingerprint = wa_pack_stamp_fingerprint (self->metadata);

  *check = (PackCheck) { NULL, self->path, NULL, 0 };
  if (wa_pack_stamp_matches (self->path, fingerprint))
    return;
  check->thread = g_thread_try_new ("wa-pack-check", run_check, check, NULL);
  if (check->thread == NULL)
    run_check (check);
}

/* READ_OK and ERROR are the read's; a failed check replaces its answer,
 * whatever it was: a damaged pack is named as such, and nothing read from
 * it is used. */
static gboolean
finish_check (PackCheck *check, gboolean read_ok, GError **error)
{
  if (check->thread != NULL)
    g_thread_join (check->thread);
  if (!g_atomic_int_get (&check->failed))
    return read_ok;
  g_clear_error (error);
  g_propagate_error (error, check->error);
  return FALSE;
}

void
wa_pack_reader_stamp (WaAtlas *self)
{
  g_autofree char *fingerprint = wa_pack_stamp_fingerprint (self->metadata);

  /* A cache that cannot be written costs the next open a check, no more. */
  if (!wa_pack_stamp_matches (self->path, fingerprint))
    wa_pack_stamp_record (self->path, fingerprint, NULL);
}

/* ---- the whole pack ------------------------------------------------------ */

/* ---- stored ranks ------------------------------------------------------ */

static gboolean
ranks_differ (WaAtlas *self, const char *what, GError **error)
{
  g_set_error (error, WA_ERROR, WA_ERROR_SCHEMA,
               _("%s: the pack is damaged: its stored ranks (layer “%s”) differ from the ranks "
                 "its figures give: %s"), self->path, WA_PACK_LAYER_WARD_RANKS, what);
  return FALSE;
}

/* The "ward_ranks" table, when the metadata names the edition's default
 * method, holds exactly the ranks that method gives, ward by ward and in
 * ward order: the lazy model (wa-pack-query.c) answers from it. A pack
 * that names no method has no table to check (older packs); one that
 * names another method is not answered from it. */
/* The stored ranks' columns, then rowid. */
static const char *const rank_columns[] = {
  WA_PACK_WR_CODE, WA_PACK_WR_COMBINED_RANK, WA_PACK_WR_LEFT_BEHIND, WA_PACK_WR_ON_MAP,
};

typedef struct {
  WaAtlas *self;
  const WaRankResult *expected;   /* one a ward */
  guint w;   /* the wards compared so far */
} RankCheck;

/* Whether the stored row matches the w-th ward and its expected ranks
 * (rows one to one with the wards, in order). */
static gboolean
rank_row_matches (sqlite3_stmt *row, WaWard *ward, const WaRankResult *expected, guint w)
{
  return sqlite3_column_int64 (row, G_N_ELEMENTS (rank_columns)) == (gint64) w + 1
         && g_strcmp0 (wa_pack_sql_text (row, 0), wa_ward_get_code (ward)) == 0
         && wa_pack_sql_int (row, 1, -1) == expected->combined_rank
         && wa_pack_sql_int (row, 2, -1) == (expected->left_behind ? 1 : 0)
         && wa_pack_sql_int (row, 3, -1) == (wa_ward_get_geometry (ward) != NULL ? 1 : 0);
}

static gboolean
rank_row_check (sqlite3_stmt *row, gpointer data, GError **error)
{
  RankCheck *check = data;
  GPtrArray *wards = check->self->wards;
  guint w = check->w++;
  WaWard *ward = w < wards->len ? g_ptr_array_index (wards, w) : NULL;
  g_autofree char *what = NULL;

  if (ward != NULL && rank_row_matches (row, ward, &check->expected[w], w))
    return TRUE;
  what = ward != NULL ? g_strdup_printf (_("ward %s"), wa_ward_get_code (ward))
                      : g_strdup (_("more rows than wards"));
  return ranks_differ (check->self, what, error);
}

/* The rows through SQLite (wa-pack-sql.h), as the wards were read: 74,000
 * OGR features were 3 % of the 10x pack's open. */
static gboolean
check_rank_rows (WaAtlas *self, sqlite3 *db, const WaRankResult *expected, GError **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  RankCheck check = { self, expected, 0 };

  wa_pack_sql_append_columns (sql, NULL, rank_columns, G_N_ELEMENTS (rank_columns));
  g_string_append (sql, "rowid FROM " WA_PACK_LAYER_WARD_RANKS " ORDER BY rowid");
  if (!wa_pack_sql_read_rows (db, self->path, WA_PACK_LAYER_WARD_RANKS, sql->str, rank_row_check, &check,
                              error))
    return FALSE;
  if (check.w != self->wards->len)
    return ranks_differ (self, _("fewer rows than wards"), error);
  return TRUE;
}

gboolean
wa_pack_reader_find_ward_ranks (WaAtlas *self, gboolean *out_stored, GError **error)
{
  const char *method = g_hash_table_lookup (self->metadata, WA_PACK_META_WARD_RANKS_METHOD);
  WaRankParams defaults;
  OGRLayerH layer;

  wa_atlas_default_rank_params (self, &defaults);
  *out_stored = FALSE;
  if (method == NULL || g_strcmp0 (method, wa_rank_method_to_id (defaults.method)) != 0)
    return TRUE;
  if ((layer = get_layer (self, WA_PACK_LAYER_WARD_RANKS, TRUE, error)) == NULL)
    return FALSE;
  for (guint c = 0; c < G_N_ELEMENTS (rank_columns); c++)
    if (field_index (self, layer, rank_columns[c], TRUE, error) < 0)
      return FALSE;
  *out_stored = TRUE;
  return TRUE;
}

/* The default method's ranks, from the wards or computed aside. */
static WaRankResult *
expected_ranks (WaAtlas *self, gboolean wards_ranked_so, GError **error)
{
  g_autofree WaRankResult *expected = g_new0 (WaRankResult, MAX (self->wards->len, 1));
  g_autoptr(GError) local_error = NULL;
  WaRankParams defaults;

  if (wards_ranked_so)
    {
      for (guint w = 0; w < self->wards->len; w++)
        {
          WaWard *ward = g_ptr_array_index (self->wards, w);

          expected[w].combined_rank = wa_ward_get_combined_rank (ward);
          expected[w].left_behind = wa_ward_get_left_behind (ward);
        }
      return g_steal_pointer (&expected);
    }
  wa_atlas_default_rank_params (self, &defaults);
  if (!wa_atlas_compute_ranks (self, &defaults, expected, &local_error))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_SCHEMA, _("%s: the pack is damaged: %s"), self->path,
                   local_error->message);
      return NULL;
    }
  return g_steal_pointer (&expected);
}

gboolean
wa_pack_reader_check_ward_ranks (WaAtlas *self, gboolean wards_ranked_so, GError **error)
{
  g_autofree WaRankResult *expected = expected_ranks (self, wards_ranked_so, error);
  sqlite3 *db;
  gboolean ok;

  if (expected == NULL || (db = wa_pack_reader_open_sql (self, error)) == NULL)
    return FALSE;
  ok = check_rank_rows (self, db, expected, error);
  sqlite3_close (db);
  return ok;
}

/* ---- motorways and stations (absent from older packs) ------------------ */

static void
read_motorways (WaAtlas *self)
{
  g_autoptr(WaFeatureGuard) seen = NULL;
  OGRLayerH layer = get_layer (self, WA_PACK_LAYER_MOTORWAYS, FALSE, NULL);
  OGRFeatureH feature;
  int ref;

  if (layer == NULL)
    return;
  ref = field_index (self, layer, WA_PACK_MOTORWAY_REF, FALSE, NULL);
  OGR_L_ResetReading (layer);
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      OGRGeometryH line = OGR_F_GetGeometryRef (feature);
      int n = line != NULL && wkbFlatten (OGR_G_GetGeometryType (line)) == wkbLineString
              ? OGR_G_GetPointCount (line) : 0;

      if (n >= 2)
        {
          double *xy = g_new (double, 2 * n);
          const char *number = ref >= 0 ? wa_gdal_field_string (feature, ref) : NULL;

          OGR_G_GetPoints (line, xy, 2 * sizeof (double), xy + 1, 2 * sizeof (double), NULL, 0);
          wa_roads_add_motorway (self->roads, number != NULL && *number != '\0' ? g_strdup (number) : NULL,
                                 xy, n);
        }
      OGR_F_Destroy (feature);
    }
}

static void
read_stations (WaAtlas *self)
{
  g_autoptr(WaFeatureGuard) seen = NULL;
  OGRLayerH layer = get_layer (self, WA_PACK_LAYER_STATIONS, FALSE, NULL);
  OGRFeatureH feature;
  int name, code;

  if (layer == NULL || (name = field_index (self, layer, WA_PACK_STATION_NAME, FALSE, NULL)) < 0)
    return;
  code = field_index (self, layer, WA_PACK_STATION_CODE, FALSE, NULL);
  OGR_L_ResetReading (layer);
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      OGRGeometryH point = OGR_F_GetGeometryRef (feature);

      if (point != NULL && wkbFlatten (OGR_G_GetGeometryType (point)) == wkbPoint)
        wa_roads_add_station (self->roads, wa_pack_reader_dup_field (feature, name),
                              wa_pack_reader_dup_field (feature, code),
                              OGR_G_GetX (point, 0), OGR_G_GetY (point, 0));
      OGR_F_Destroy (feature);
    }
}

/* ---- neighbourhoods (absent from older packs) ----------------------------- */

/* SELECT code, ward code, name, population, published, before_decile1,
 * then each indicator's score and rank, then rowid (the feature id the
 * boundaries are read by). */
static const char *const lsoa_columns[] = {
  WA_PACK_LSOA_CODE, WA_PACK_LSOA_WARD_CODE, WA_PACK_LSOA_NAME, WA_PACK_LSOA_POPULATION,
  WA_PACK_LSOA_PUBLISHED, WA_PACK_LSOA_BEFORE_DECILE1,
};
#define LSOA_FIRST_FIGURE G_N_ELEMENTS (lsoa_columns)
#define LSOA_ROWID (LSOA_FIRST_FIGURE + 2 * WA_N_INDICATORS)

static char *
lsoas_sql (sqlite3 *db)
{
  g_autoptr(GHashTable) columns = wa_pack_sql_columns (db, WA_PACK_LAYER_LSOAS);
  GString *sql = g_string_new ("SELECT ");

  wa_pack_sql_append_columns (sql, columns, lsoa_columns, G_N_ELEMENTS (lsoa_columns));
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      g_autofree char *score_name = g_strconcat (wa_indicator_id (i), "_score", NULL);
      g_autofree char *rank_name = g_strconcat (wa_indicator_id (i), "_rank", NULL);
      g_autofree char *score = wa_pack_sql_column_or_null (columns, score_name);
      g_autofree char *rank = wa_pack_sql_column_or_null (columns, rank_name);

      g_string_append_printf (sql, "%s, %s, ", score, rank);
    }
  g_string_append (sql, "rowid FROM " WA_PACK_LAYER_LSOAS " ORDER BY rowid");
  return g_string_free (sql, FALSE);
}

static void
read_lsoa_figures (WaLsoas *lsoas, sqlite3_stmt *row, WaLsoa *lsoa)
{
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      gint64 r = wa_pack_sql_int (row, LSOA_FIRST_FIGURE + 2 * i + 1, 0);

      lsoa->score[i] = wa_pack_sql_double (row, LSOA_FIRST_FIGURE + 2 * i);
      lsoa->rank[i] = r > 0 && r <= wa_lsoas_get_n_ranked (lsoas, i) ? (guint) r : 0;
    }
}

static void
read_lsoa_denominators (WaAtlas *self, WaLsoas *lsoas)
{
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      g_autofree char *key = g_strconcat (WA_PACK_META_LSOA_RANKED_PREFIX, wa_indicator_id (i), NULL);
      const char *value = g_hash_table_lookup (self->metadata, key);
      guint64 n = 0;

      if (value != NULL && g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT, &n, NULL))
        wa_lsoas_set_n_ranked (lsoas, i, (guint) n);
    }
}

/* The neighbourhoods' boundaries, read when the map first draws them
 * (wa_lsoas_ensure_geometry), on a dataset handle of their own: the
 * atlas's handle serves postcode lookups on other threads, and a GDAL
 * dataset is not thread-safe. data is the pack's path. */
static gboolean
read_lsoa_geometries (WaLsoas *lsoas, GPtrArray *geometries, gpointer data, GError **error)
{
  static const char *const drivers[] = { "GPKG", NULL };
  static const char *const options[] = { "IMMUTABLE=YES", NULL };
  const char *path = data;
  g_autoptr(GHashTable) by_fid = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(WaFeatureGuard) seen = NULL;
  g_autofree char *repeated = NULL;
  GDALDatasetH dataset;
  OGRLayerH layer;
  OGRFeatureH feature;
  OGRFeatureDefnH defn;
  g_autoptr(GPtrArray) ignored = g_ptr_array_new ();
  gboolean ok = TRUE;

  for (guint i = 0; i < wa_lsoas_get_n (lsoas); i++)
    g_hash_table_insert (by_fid, (gpointer) &wa_lsoas_get (lsoas, i)->fid, GUINT_TO_POINTER (i + 1));
  if (!wa_check_regular_file (path, error))
    return FALSE;
  dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, options, NULL);
  layer = dataset != NULL ? GDALDatasetGetLayerByName (dataset, WA_PACK_LAYER_LSOAS) : NULL;
  if (layer == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO,
                   _("%s: cannot read the neighbourhood boundaries (layer “%s”)"),
                   path, WA_PACK_LAYER_LSOAS);
      g_clear_pointer (&dataset, GDALClose);
      return FALSE;
    }
  /* Only the boundaries: the figures were read at open. */
  defn = OGR_L_GetLayerDefn (layer);
  for (int f = 0; f < OGR_FD_GetFieldCount (defn); f++)
    g_ptr_array_add (ignored, (gpointer) OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, f)));
  g_ptr_array_add (ignored, NULL);
  OGR_L_SetIgnoredFields (layer, (const char **) ignored->pdata);
  OGR_L_ResetReading (layer);
  while (ok && (feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      gint64 fid = OGR_F_GetFID (feature);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (by_fid, &fid));
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);

      if (index > 0 && geometry != NULL && !OGR_G_IsEmpty (geometry))
        {
          g_autoptr(GError) local_error = NULL;
          WaGeometry *boundary = wa_geometry_new_from_ogr (geometry, &local_error);

          if (boundary == NULL)
            {
              g_set_error (error, WA_ERROR, WA_ERROR_PARSE, _("%s: layer “%s”: LSOA %s: %s"),
                           path, WA_PACK_LAYER_LSOAS, wa_lsoas_get (lsoas, index - 1)->code,
                           local_error != NULL ? local_error->message : "");
              ok = FALSE;
            }
          else
            {
              if (g_ptr_array_index (geometries, index - 1) != NULL)
                wa_geometry_unref (g_ptr_array_index (geometries, index - 1));
              g_ptr_array_index (geometries, index - 1) = boundary;
            }
        }
      OGR_F_Destroy (feature);
    }
  if (ok && (repeated = wa_gdal_take_repeated_layer ()) != NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_DAMAGED,
                   _("%s: pack is damaged: layer “%s” repeats its rows; run ward-atlas-cli verify"),
                   path, repeated);
      ok = FALSE;
    }
  GDALClose (dataset);
  return ok;
}

typedef struct {
  WaAtlas *self;
  WaLsoas *lsoas;
} LsoaRead;

static gboolean
lsoa_from_row (sqlite3_stmt *row, gpointer data, GError **error)
{
  LsoaRead *read = data;
  WaAtlas *self = read->self;
  WaLsoas *lsoas = read->lsoas;
  const char *code = wa_pack_sql_text (row, 0);
  const char *ward_code = wa_pack_sql_text (row, 1);
  guint w = ward_number (self, ward_code);
  WaLsoa lsoa = { 0 };

  if (w == 0 || code == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: layer “%s”: LSOA %s names no ward of the pack (“%s”)"),
                   self->path, WA_PACK_LAYER_LSOAS, code != NULL ? code : "?",
                   ward_code != NULL ? ward_code : "");
      return FALSE;
    }
  lsoa.code = g_strdup (code);
  lsoa.name = g_strdup (wa_pack_sql_text (row, 2));
  lsoa.ward_index = w - 1;
  lsoa.population = wa_pack_sql_int (row, 3, -1);
  lsoa.published = (int) CLAMP (wa_pack_sql_int (row, 4, -1), -1, 1);
  lsoa.before_decile1 = (int) CLAMP (wa_pack_sql_int (row, 5, -1), -1, 1);
  lsoa.fid = sqlite3_column_int64 (row, LSOA_ROWID);
  read_lsoa_figures (lsoas, row, &lsoa);
  wa_lsoas_add (lsoas, &lsoa);
  return TRUE;
}

/* The neighbourhoods' figures; their polygons are read when the map first
 * draws them (read_lsoa_geometries). */
static gboolean
read_lsoas (WaAtlas *self, sqlite3 *db, GError **error)
{
  g_autoptr(WaLsoas) lsoas = wa_lsoas_new (self->wards->len);
  OGRLayerH layer = get_layer (self, WA_PACK_LAYER_LSOAS, FALSE, NULL);
  g_autofree char *sql = NULL;
  LsoaRead read = { self, lsoas };

  if (layer == NULL)
    return TRUE;   /* older packs: no neighbourhoods */
  if (field_index (self, layer, WA_PACK_LSOA_CODE, TRUE, error) < 0
      || field_index (self, layer, WA_PACK_LSOA_WARD_CODE, TRUE, error) < 0)
    return FALSE;
  read_lsoa_denominators (self, lsoas);
  sql = lsoas_sql (db);
  if (!wa_pack_sql_read_rows (db, self->path, WA_PACK_LAYER_LSOAS, sql, lsoa_from_row, &read, error))
    return FALSE;
  wa_lsoas_set_geometry_reader (lsoas, read_lsoa_geometries, g_strdup (self->path), g_free);
  wa_lsoas_free (self->lsoas);
  self->lsoas = g_steal_pointer (&lsoas);
  return TRUE;
}

/* ---- the layers after the metadata, in steps ---------------------------- */

typedef gboolean (*ReadStep) (WaAtlas *self, sqlite3 *db, GError **error);

static gboolean
step_wards (WaAtlas *self, sqlite3 *db, GError **error)
{
  read_indicators (self);
  return read_wards (self, db, error);
}

static gboolean
step_areas (WaAtlas *self, sqlite3 *db, GError **error)
{
  for (guint k = 0; k < WA_ATLAS_N_AREA_KINDS; k++)
    if (!read_areas (self, k, error))
      return FALSE;
  return TRUE;
}

static gboolean
step_levels (WaAtlas *self, sqlite3 *db, GError **error)
{
  return read_levels (self, error);
}

static gboolean
step_roads (WaAtlas *self, sqlite3 *db, GError **error)
{
  read_motorways (self);
  read_stations (self);
  return TRUE;
}

/* The big layers go through SQLite (db). Between steps the read stops
 * once the check beside it has failed (*check_failed): finish_check throws
 * away whatever was read then, so reading on only delays the refusal. */
static gboolean
read_layers (WaAtlas *self, sqlite3 *db, const gint *check_failed, GError **error)
{
  static const ReadStep steps[] = {
    step_wards, read_neighbours, step_areas, step_levels, read_places, step_roads, read_lsoas,
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_atomic_int_get (check_failed) || !steps[i] (self, db, error))
      return FALSE;
  return TRUE;
}

gboolean
wa_pack_reader_load (WaAtlas  *self,
                     GError  **error)
{
  PackCheck check;
  sqlite3 *db = NULL;
  gboolean ok;

  /* The schema first, so that another GeoPackage or an older pack is
   * named as such; then the fingerprints, checked beside the read. */
  if (!open_dataset (self, error) || !read_metadata (self, error))
    return FALSE;
  start_check_unless_stamped (self, &check);
  ok = read_sources (self, error)
       && (db = wa_pack_reader_open_sql (self, error)) != NULL
       && read_layers (self, db, &check.failed, error);
  if (db != NULL)
    sqlite3_close (db);
  if (!finish_check (&check, ok, error))
    return FALSE;
  self->postcodes = get_layer (self, WA_PACK_LAYER_POSTCODES, FALSE, NULL);
  return TRUE;
}
