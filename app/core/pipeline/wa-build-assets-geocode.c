/* wa-build-assets-geocode.c: where the assets step's records are: postcode
 * centroids from the pack's postcodes table (and the postcodes of other
 * nations kept by the postcodes step, so a record in Wales is "outside
 * the coverage", not "unmatched"), the ward holding each position, and
 * whether that ward lies in the dataset's coverage. */
#include "wa-build-assets-private.h"
#include "wa-error.h"
#include "wa-pack.h"
#include "wa-postcode.h"

#include <glib/gi18n-lib.h>

/* ---- geocoding, wards, coverage -------------------------------------------- */

typedef struct {
  double lon, lat;
} LonLat;

/* Looks up one chunk of normalised postcodes (letters and digits only, so
 * safe to quote) in the pack's indexed postcodes table. */
static gboolean
geocode_chunk (Import *import, GPtrArray *postcodes, guint from, guint to, GHashTable *found,
               GError **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT \"" WA_PACK_PC_POSTCODE "\", \"" WA_PACK_PC_LON
                                         "\", \"" WA_PACK_PC_LAT "\" FROM \""
                                         WA_PACK_LAYER_POSTCODES "\" WHERE \"" WA_PACK_PC_POSTCODE "\" IN (");
  OGRLayerH result;
  OGRFeatureH feature;

  for (guint i = from; i < to; i++)
    g_string_append_printf (sql, "%s'%s'", i > from ? "," : "", (char *) g_ptr_array_index (postcodes, i));
  g_string_append_c (sql, ')');
  wa_gdal_clear_message ();
  result = GDALDatasetExecuteSQL (import->ctx->out, sql->str, NULL, "SQLITE");
  if (result == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot read table “%s”: %s"),
                   wa_build_pack_path (import->ctx), WA_PACK_LAYER_POSTCODES, wa_gdal_last_message ());
      return FALSE;
    }
  while ((feature = OGR_L_GetNextFeature (result)) != NULL)
    {
      LonLat *position = g_new (LonLat, 1);

      position->lon = OGR_F_GetFieldAsDouble (feature, 1);
      position->lat = OGR_F_GetFieldAsDouble (feature, 2);
      g_hash_table_replace (found, g_strdup (OGR_F_GetFieldAsString (feature, 0)), position);
      OGR_F_Destroy (feature);
    }
  GDALDatasetReleaseResultSet (import->ctx->out, result);
  return TRUE;
}

/* Postcodes of other countries kept by the postcodes step, reprojected. */
static void
geocode_foreign (Import *import, GPtrArray *list, GHashTable *found)
{
  GArray *foreign = import->ctx->foreign_postcodes;
  const WaManifestSource *source;
  g_autofree char *path = NULL;
  OGRCoordinateTransformationH transform;

  if (foreign == NULL || foreign->len == 0
      || (source = wa_manifest_find_optional_role (import->ctx->manifest, import->ctx->edition,
                                                   "postcodes")) == NULL)
    return;
  path = wa_build_source_path (import->ctx, source);
  if ((transform = wa_build_source_transform (source, path, NULL)) == NULL)
    return;
  for (guint i = 0; i < list->len; i++)
    {
      const char *postcode = g_ptr_array_index (list, i);
      const WaForeignPostcode *hit;
      LonLat *position;

      if (g_hash_table_contains (found, postcode))
        continue;
      hit = bsearch (postcode, foreign->data, foreign->len, sizeof (WaForeignPostcode),
                     (int (*) (const void *, const void *)) strcmp);
      if (hit == NULL)
        continue;
      position = g_new (LonLat, 1);
      position->lon = hit->x, position->lat = hit->y;
      if (OCTTransform (transform, 1, &position->lon, &position->lat, NULL))
        g_hash_table_replace (found, g_strdup (postcode), position);
      else
        g_free (position);
    }
  OCTDestroyCoordinateTransformation (transform);
}

/* Postcode areas outside Great Britain (Northern Ireland, Isle of Man,
 * Jersey, Guernsey): Code-Point lacks them, yet such a record is known to
 * lie outside England, so it counts as outside rather than unmatched
 * (the ODS pharmacy list carries the Isle of Man, GIAS the Channel Islands). */
static gboolean
postcode_outside_gb (const char *postcode)
{
  static const char *const areas[] = { "BT", "IM", "JE", "GY", NULL };

  for (guint i = 0; areas[i] != NULL; i++)
    if (g_str_has_prefix (postcode, areas[i]) && g_ascii_isdigit (postcode[2]))
      return TRUE;
  return FALSE;
}

gboolean
wa_assets_geocode (Import *import, GError **error)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  for (guint i = 0; i < import->records->len; i++)
    {
      Record *record = &g_array_index (import->records, Record, i);

      if (record->from_postcode && g_hash_table_add (wanted, record->postcode))
        g_ptr_array_add (list, record->postcode);
    }
  for (guint from = 0; from < list->len; from += GEOCODE_CHUNK)
    if (!geocode_chunk (import, list, from, MIN (from + GEOCODE_CHUNK, list->len), found, error))
      return FALSE;
  geocode_foreign (import, list, found);

  for (guint i = 0; i < import->records->len; i++)
    {
      Record *record = &g_array_index (import->records, Record, i);
      Spec *spec = g_ptr_array_index (import->specs, record->spec);
      LonLat *position;

      if (!record->from_postcode)
        continue;
      position = g_hash_table_lookup (found, record->postcode);
      if (position == NULL && postcode_outside_gb (record->postcode))
        {
          spec->stats.outside++;
          record->dropped = TRUE;
          continue;
        }
      if (position == NULL)
        {
          g_autofree char *display = wa_postcode_format (record->postcode);

          spec->stats.unmatched++;
          record->dropped = TRUE;
          wa_assets_report_row (import, spec, record->row, _("postcode %s is not in the postcode table"), display);
          continue;
        }
      spec->stats.geocoded++;
      record->lon = position->lon;
      record->lat = position->lat;
      record->located = TRUE;
    }
  return TRUE;
}

/* Ward LAD codes, read back from the pack's "wards" layer. */
gboolean
wa_assets_read_ward_lads (Import *import, GError **error)
{
  OGRLayerH layer = GDALDatasetGetLayerByName (import->ctx->out, WA_PACK_LAYER_WARDS);
  OGRFeatureDefnH defn;
  OGRFeatureH feature;
  int code, lad;

  import->ward_lads = g_ptr_array_new ();
  g_ptr_array_set_size (import->ward_lads, import->ctx->ward_codes->len);
  import->lad_strings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (layer == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING, _("%s: the pack has no “%s” layer yet"),
                   wa_build_pack_path (import->ctx), WA_PACK_LAYER_WARDS);
      return FALSE;
    }
  defn = OGR_L_GetLayerDefn (layer);
  code = OGR_FD_GetFieldIndex (defn, WA_PACK_WARD_CODE);
  lad = OGR_FD_GetFieldIndex (defn, WA_PACK_WARD_LAD_CODE);
  if (code < 0 || lad < 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING, _("%s: layer “%s” lacks its code columns"),
                   wa_build_pack_path (import->ctx), WA_PACK_LAYER_WARDS);
      return FALSE;
    }
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      gpointer index = g_hash_table_lookup (import->ctx->ward_by_code, wa_gdal_field_string (feature, code));
      const char *lad_code = wa_gdal_field_string (feature, lad);

      if (index != NULL && lad_code != NULL)
        {
          char *interned = g_hash_table_lookup (import->lad_strings, lad_code);

          if (interned == NULL)
            {
              interned = g_strdup (lad_code);
              g_hash_table_add (import->lad_strings, interned);
            }
          g_ptr_array_index (import->ward_lads, GPOINTER_TO_UINT (index) - 1) = interned;
        }
      OGR_F_Destroy (feature);
    }
  return TRUE;
}

gboolean
wa_assets_ward_covered (Import *import, const Spec *spec, int ward)
{
  const char *lad;

  if (ward < 0 || g_ptr_array_index (import->ctx->ward_geometries, ward) == NULL)
    return FALSE;
  if (spec->england)
    return TRUE;
  lad = g_ptr_array_index (import->ward_lads, ward);
  return lad != NULL && g_hash_table_contains (spec->lads, lad);
}

/* Skips non-assets, assigns wards and drops records outside coverage. */
void
wa_assets_place_records (Import *import)
{
  for (guint i = 0; i < import->records->len; i++)
    {
      Record *record = &g_array_index (import->records, Record, i);
      Spec *spec = g_ptr_array_index (import->specs, record->spec);

      if (record->dropped)
        continue;
      if (record->category == CATEGORY_SKIP)
        {
          spec->stats.skipped++;
          record->dropped = TRUE;
          continue;
        }
      record->ward = wa_build_locate_ward (import->ctx, record->lon, record->lat);
      if (!wa_assets_ward_covered (import, spec, record->ward))
        {
          spec->stats.outside++;
          record->dropped = TRUE;
        }
    }
}

