/* wa-custom-area-file.c: the user's saved areas on disk (wa-custom-area.h)
 * and one area exported for a GIS. The store is one GeoPackage, layer
 * "areas", one feature per area:
 *
 *   id, name, kind ("wards", "lsoas", "polygon"), codes (comma-separated
 *   ward or LSOA codes of a set), note (why the outline was repaired, or
 *   NULL), source (the file it was imported from), saved (ISO 8601);
 *   geometry: MULTIPOLYGON in EPSG:4326, NULL for a set.
 *
 * Every change writes the whole store anew to a temporary GeoPackage
 * beside it, which wa_safe_write_commit_file renames over the old one:
 * a crash leaves the old store whole, never half of the new one. */
#include "wa-custom-area.h"
#include "wa-error.h"
#include "wa-gdal-util.h"
#include "wa-safe-write.h"

#include <cpl_conv.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <string.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#define AREAS_LAYER "areas"

char *
wa_custom_areas_default_path (void)
{
  const char *file = g_getenv ("WARD_ATLAS_AREAS_FILE");

  if (file != NULL && *file != '\0')
    return g_strdup (file);
  return g_build_filename (g_get_user_data_dir (), "ward-atlas", "areas.gpkg", NULL);
}

static gboolean
kind_from_id (const char *id, WaCustomAreaKind *out)
{
  for (WaCustomAreaKind k = WA_CUSTOM_AREA_WARDS; k <= WA_CUSTOM_AREA_POLYGON; k++)
    if (g_strcmp0 (id, wa_custom_area_kind_id (k)) == 0)
      {
        *out = k;
        return TRUE;
      }
  return FALSE;
}

static WaCustomArea *
read_area (const char *path, OGRFeatureH feature, GError **error)
{
  OGRFeatureDefnH defn = OGR_F_GetDefnRef (feature);
  const char *id = wa_gdal_field_string (feature, OGR_FD_GetFieldIndex (defn, "id"));
  const char *name = wa_gdal_field_string (feature, OGR_FD_GetFieldIndex (defn, "name"));
  const char *kind_id = wa_gdal_field_string (feature, OGR_FD_GetFieldIndex (defn, "kind"));
  const char *codes = wa_gdal_field_string (feature, OGR_FD_GetFieldIndex (defn, "codes"));
  const char *note = wa_gdal_field_string (feature, OGR_FD_GetFieldIndex (defn, "note"));
  const char *source = wa_gdal_field_string (feature, OGR_FD_GetFieldIndex (defn, "source"));
  g_autoptr(WaCustomArea) area = NULL;
  WaCustomAreaKind kind;

  if (id == NULL || !kind_from_id (kind_id, &kind))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: saved area %" G_GINT64_FORMAT " has no id or an unknown kind (“%s”)"),
                   path, (gint64) OGR_F_GetFID (feature), kind_id != NULL ? kind_id : "");
      return NULL;
    }
  if (kind == WA_CUSTOM_AREA_POLYGON)
    {
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
      g_autofree guint8 *wkb = NULL;
      g_autoptr(GError) local = NULL;
      int size;

      if (geometry == NULL)
        {
          g_set_error (error, WA_ERROR, WA_ERROR_PARSE, _("%s: saved area “%s” has no outline"),
                       path, name != NULL ? name : id);
          return NULL;
        }
      size = OGR_G_WkbSize (geometry);
      wkb = g_malloc (size);
      OGR_G_ExportToIsoWkb (geometry, wkbNDR, wkb);
      area = wa_custom_area_new_from_wkb (name, wkb, size, &local);
      if (area == NULL)
        {
          g_set_error (error, WA_ERROR, WA_ERROR_PARSE, "%s: %s", path, local->message);
          return NULL;
        }
    }
  else
    {
      g_auto(GStrv) list = g_strsplit (codes != NULL ? codes : "", ",", -1);

      area = wa_custom_area_new_set (name, kind, (const char *const *) list);
    }
  wa_custom_area_set_id (area, id);
  wa_custom_area_set_source (area, source);
  if (note != NULL)
    wa_custom_area_set_repaired_note (area, note);
  return g_steal_pointer (&area);
}

GPtrArray *
wa_custom_areas_load (const char *path, GError **error)
{
  g_autoptr(GPtrArray) areas = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(WaFeatureGuard) seen = NULL;
  GDALDatasetH dataset;
  OGRLayerH layer;
  OGRFeatureH feature;
  gboolean ok = TRUE;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&areas);
  if ((dataset = wa_gdal_open_geopackage (path, error)) == NULL)
    return NULL;
  if ((layer = wa_gdal_get_layer (dataset, path, AREAS_LAYER, error)) == NULL)
    {
      GDALClose (dataset);
      return NULL;
    }
  OGR_L_ResetReading (layer);
  while (ok && (feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      WaCustomArea *area = read_area (path, feature, error);

      if (area != NULL)
        g_ptr_array_add (areas, area);
      ok = area != NULL;
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);
  return ok ? g_steal_pointer (&areas) : NULL;
}

/* ---- writing ---------------------------------------------------------- */

static void
remove_tmp_files (const char *tmp_path)
{
  static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (tmp_path, suffixes[i], NULL);

      g_unlink (path);
    }
}

/* A free name beside path, ending in suffix (GDAL picks its format
 * options by extension), that the driver may create. */
static char *
reserve_tmp_path (const char *path, const char *suffix, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf (".%s.tmp-XXXXXX%s", base, suffix);
  g_autofree char *tmp = g_build_filename (dir, template, NULL);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot create its folder: %s"), path,
                   g_strerror (saved));
      return NULL;
    }
  fd = g_mkstemp_full (tmp, O_RDWR, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, WA_ERROR, WA_ERROR_IO,
                   _("%s: cannot create a temporary file beside it: %s"), path, g_strerror (saved));
      return NULL;
    }
  close (fd);
  g_unlink (tmp);
  return g_steal_pointer (&tmp);
}

static gboolean
add_field (OGRLayerH layer, const char *name, OGRFieldType type)
{
  OGRFieldDefnH field = OGR_Fld_Create (name, type);
  gboolean ok = OGR_L_CreateField (layer, field, TRUE) == OGRERR_NONE;

  OGR_Fld_Destroy (field);
  return ok;
}

static gboolean
write_area (OGRLayerH layer, WaCustomArea *area, const char *saved)
{
  OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  g_autofree char *codes = g_strjoinv (",", (char **) wa_custom_area_get_codes (area));
  GBytes *wkb = wa_custom_area_get_wkb (area);
  gboolean ok;

  OGR_F_SetFieldString (feature, 0, wa_custom_area_get_id (area));
  OGR_F_SetFieldString (feature, 1, wa_custom_area_get_name (area));
  OGR_F_SetFieldString (feature, 2, wa_custom_area_kind_id (wa_custom_area_get_kind (area)));
  if (*codes != '\0')
    OGR_F_SetFieldString (feature, 3, codes);
  if (wa_custom_area_get_note (area) != NULL)
    OGR_F_SetFieldString (feature, 4, wa_custom_area_get_note (area));
  if (wa_custom_area_get_source (area) != NULL)
    OGR_F_SetFieldString (feature, 5, wa_custom_area_get_source (area));
  OGR_F_SetFieldString (feature, 6, saved);
  if (wkb != NULL)
    {
      OGRGeometryH geometry = NULL;

      if (OGR_G_CreateFromWkb (g_bytes_get_data (wkb, NULL), NULL, &geometry,
                               (int) g_bytes_get_size (wkb)) == OGRERR_NONE)
        OGR_F_SetGeometryDirectly (feature, OGR_G_ForceToMultiPolygon (geometry));
    }
  ok = OGR_L_CreateFeature (layer, feature) == OGRERR_NONE;
  OGR_F_Destroy (feature);
  return ok;
}

/* Writes areas to a new file at tmp_path with the driver. */
static gboolean
write_file (const char *tmp_path, const char *final_path, const char *driver_name,
            GPtrArray *areas, GError **error)
{
  static const char *const fields[] = { "id", "name", "kind", "codes", "note", "source", "saved" };
  GDALDriverH driver;
  OGRSpatialReferenceH wgs84 = wa_gdal_srs_new (4326);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *saved = g_date_time_format_iso8601 (now);
  GDALDatasetH dataset;
  OGRLayerH layer;
  gboolean ok = TRUE;

  wa_gdal_init ();
  driver = GDALGetDriverByName (driver_name);
  wa_gdal_clear_message ();
  CPLSetThreadLocalConfigOption ("OGR_SQLITE_SYNCHRONOUS", "OFF");
  dataset = driver != NULL ? GDALCreate (driver, tmp_path, 0, 0, 0, GDT_Unknown, NULL) : NULL;
  CPLSetThreadLocalConfigOption ("OGR_SQLITE_SYNCHRONOUS", NULL);
  if (dataset == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot create the file: %s"), final_path,
                   driver == NULL ? driver_name : wa_gdal_last_message ());
      OSRDestroySpatialReference (wgs84);
      return FALSE;
    }
  layer = GDALDatasetCreateLayer (dataset, AREAS_LAYER, wgs84, wkbMultiPolygon, NULL);
  OSRDestroySpatialReference (wgs84);
  ok = layer != NULL;
  for (gsize i = 0; ok && i < G_N_ELEMENTS (fields); i++)
    ok = add_field (layer, fields[i], OFTString);
  if (ok)
    GDALDatasetStartTransaction (dataset, FALSE);
  for (guint i = 0; ok && i < areas->len; i++)
    ok = write_area (layer, g_ptr_array_index (areas, i), saved);
  if (ok)
    GDALDatasetCommitTransaction (dataset);
  GDALClose (dataset);
  if (!ok || CPLGetLastErrorType () >= CE_Failure)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot write the areas: %s"), final_path,
                   wa_gdal_last_message ());
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_atomically (const char *path, const char *driver, const char *suffix, GPtrArray *areas,
                  GError **error)
{
  g_autofree char *tmp = reserve_tmp_path (path, suffix, error);

  if (tmp == NULL)
    return FALSE;
  if (!write_file (tmp, path, driver, areas, error))
    {
      remove_tmp_files (tmp);
      return FALSE;
    }
  return wa_safe_write_commit_file (tmp, path, error);
}

static gint
find_area (GPtrArray *areas, const char *id)
{
  for (guint i = 0; i < areas->len; i++)
    if (g_strcmp0 (wa_custom_area_get_id (g_ptr_array_index (areas, i)), id) == 0)
      return (gint) i;
  return -1;
}

gboolean
wa_custom_areas_save_all (const char *path, GPtrArray *new_areas, GError **error)
{
  g_autoptr(GPtrArray) areas = wa_custom_areas_load (path, error);

  if (areas == NULL)
    return FALSE;
  for (guint i = 0; i < new_areas->len; i++)
    {
      WaCustomArea *area = g_ptr_array_index (new_areas, i);
      gint at = find_area (areas, wa_custom_area_get_id (area));

      if (at >= 0)
        {
          g_object_unref (areas->pdata[at]);
          areas->pdata[at] = g_object_ref (area);
        }
      else
        g_ptr_array_add (areas, g_object_ref (area));
    }
  return write_atomically (path, "GPKG", ".gpkg", areas, error);
}

gboolean
wa_custom_areas_save (const char *path, WaCustomArea *area, GError **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_ptr_array_add (one, area);
  return wa_custom_areas_save_all (path, one, error);
}

static gboolean
change_area (const char *path, const char *id, const char *name, GError **error)
{
  g_autoptr(GPtrArray) areas = wa_custom_areas_load (path, error);
  gint at;

  if (areas == NULL)
    return FALSE;
  if ((at = find_area (areas, id)) < 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_NOT_FOUND, _("%s: no saved area with id “%s”"), path,
                   id);
      return FALSE;
    }
  if (name != NULL)
    wa_custom_area_set_name (g_ptr_array_index (areas, at), name);
  else
    g_ptr_array_remove_index (areas, at);
  return write_atomically (path, "GPKG", ".gpkg", areas, error);
}

gboolean
wa_custom_areas_rename (const char *path, const char *id, const char *name, GError **error)
{
  g_return_val_if_fail (name != NULL, FALSE);
  if (*name == '\0')
    {
      g_set_error (error, WA_ERROR, WA_ERROR_INVALID, _("An area needs a name"));
      return FALSE;
    }
  return change_area (path, id, name, error);
}

gboolean
wa_custom_areas_delete (const char *path, const char *id, GError **error)
{
  return change_area (path, id, NULL, error);
}

gboolean
wa_custom_area_export (WaCustomArea *area, const char *path, WaCustomAreaExportFormat format,
                       gboolean replace, GError **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  gboolean geojson = format == WA_CUSTOM_AREA_EXPORT_GEOJSON;

  wa_gdal_init ();
  if (!replace && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: the file exists already"), path);
      return FALSE;
    }
  g_ptr_array_add (one, area);
  return write_atomically (path, geojson ? "GeoJSON" : "GPKG", geojson ? ".geojson" : ".gpkg",
                           one, error);
}
