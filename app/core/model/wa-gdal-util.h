/* wa-gdal-util.h: GDAL/OGR helpers shared by the builder and the atlas,
 * so every GDAL failure becomes a GError that names the file. */
#pragma once

#include <glib.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

G_BEGIN_DECLS

/* Registers every driver once and routes GDAL's own messages to a
 * per-thread buffer (not stderr) so they can be folded into GErrors.
 * Thread-safe. For anything that opens a file a user or a source gives. */
void         wa_gdal_init (void);
/* The same, but registers the GeoPackage driver alone: for opening packs
 * and our own saved areas, and for geometry work (which needs no driver):
 * all the app does until a user imports or exports a file. Registering
 * GDAL's 200-odd drivers touches their code and tables: 8 MB of the app's
 * memory (a small program with a pack open: 41.5 MB against 49.2).
 * Thread-safe; wa_gdal_init may follow it. */
void         wa_gdal_init_geopackage (void);
/* The last GDAL error message of this thread, or "" (borrowed). */
const char  *wa_gdal_last_message (void);
void         wa_gdal_clear_message (void);

/* Opens a vector dataset read-only; error names the path and GDAL's reason. */
GDALDatasetH wa_gdal_open_vector (const char *path, GError **error);
/* The same for a GeoPackage (a pack, the saved custom areas), read with
 * that driver alone (wa_gdal_init_geopackage). */
GDALDatasetH wa_gdal_open_geopackage (const char *path, GError **error);
/* Opens a delimited table (CSV, TSV, headerless CSV, .gz) through GDAL's CSV
 * driver with every field read as text. format as in the manifest (NULL = by
 * extension). */
GDALDatasetH wa_gdal_open_table (const char *path, const char *format, GError **error);
/* The named layer, or the only layer when name is NULL. */
OGRLayerH    wa_gdal_get_layer (GDALDatasetH dataset, const char *path, const char *name, GError **error);
/* Field index of column in layer, or -1 with an error naming file and column. */
int          wa_gdal_field_index (OGRLayerH layer, const char *path, const char *column, GError **error);

/* The loop guard of a reading loop: the feature ids read so far. A
 * damaged GeoPackage can make GDAL run a layer's query anew on every
 * read, so that a reading loop never ends; a feature id seen before ends
 * it instead. Small ids (pack rows, table lines) are kept in a bitmap,
 * others in a hash table. */
typedef struct _WaFeatureGuard WaFeatureGuard;

/* Ids 0 .. this - 1 go to the bitmap (one bit per id up to the largest
 * seen: at most 4 MB); see wa-gdal-util.c for why. */
#define WA_FEATURE_GUARD_BITMAP_IDS ((gint64) 1 << 25)

WaFeatureGuard *wa_feature_guard_new  (void);
void            wa_feature_guard_free (WaFeatureGuard *guard);
/* TRUE the first time fid is given, FALSE when it was seen before. */
gboolean        wa_feature_guard_add  (WaFeatureGuard *guard, gint64 fid);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaFeatureGuard, wa_feature_guard_free)

/* The next feature of a layer read from its start (after
 * OGR_L_ResetReading), *guard being NULL at first and freed by the
 * caller. At a feature id seen before it gives NULL, and
 * wa_gdal_take_repeated_layer () then names the layer. */
OGRFeatureH  wa_gdal_next_feature (OGRLayerH layer, WaFeatureGuard **guard);
/* The layer that repeated its features on this thread since the last
 * call, or NULL; free with g_free. */
char        *wa_gdal_take_repeated_layer (void);

/* Strict field readers: FALSE if the field is unset, empty or not a number
 * (no error; the caller reports with file and row). */
gboolean     wa_gdal_field_double (OGRFeatureH feature, int index, double *out_value);
gboolean     wa_gdal_field_int64  (OGRFeatureH feature, int index, gint64 *out_value);
/* NULL if unset or empty; borrowed from the feature. Always UTF-8: text in
 * another encoding is read as Windows-1252 (spreadsheet exports), and
 * stored back into the feature. */
const char  *wa_gdal_field_string (OGRFeatureH feature, int index);

/* Spatial reference with traditional GIS axis order (x = longitude). */
OGRSpatialReferenceH wa_gdal_srs_new (int epsg);

G_END_DECLS
