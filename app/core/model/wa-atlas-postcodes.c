/* wa-atlas-postcodes.c: postcode lookup on an opened pack. The 1.5 million
 * postcodes stay on disk: every query goes through the pack's index on the
 * normalised postcode (a range on the key, never a scan), so opening a pack
 * costs nothing for them. */
#include <string.h>
#include <glib/gi18n-lib.h>

#include "wa-atlas-private.h"
#include "wa-atlas.h"
#include "wa-error.h"
#include "wa-gdal-util.h"
#include "wa-geometry.h"
#include "wa-pack.h"
#include "wa-postcode.h"
#include "wa-ward.h"

void
wa_postcode_hit_free (WaPostcodeHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->postcode);
  g_free (hit);
}


/* ---- postcodes ---------------------------------------------------------- */

static WaPostcodeHit *
hit_from_feature (WaAtlas *self, OGRFeatureH feature)
{
  OGRFeatureDefnH defn = OGR_F_GetDefnRef (feature);
  WaWard *ward = wa_atlas_lookup_ward (self, wa_gdal_field_string (
    feature, OGR_FD_GetFieldIndex (defn, WA_PACK_PC_WARD_CODE)));
  WaPostcodeHit *hit = g_new0 (WaPostcodeHit, 1);

  hit->postcode = wa_pack_reader_dup_field (feature, OGR_FD_GetFieldIndex (defn, WA_PACK_PC_DISPLAY));
  hit->lon = wa_pack_reader_get_double (feature, OGR_FD_GetFieldIndex (defn, WA_PACK_PC_LON));
  hit->lat = wa_pack_reader_get_double (feature, OGR_FD_GetFieldIndex (defn, WA_PACK_PC_LAT));
  hit->ward_index = ward != NULL ? (int) wa_ward_get_index (ward) : -1;
  return hit;
}

/* Runs an indexed query; key holds only [A-Z0-9], so quoting is safe. */
static GPtrArray *
query_postcodes (WaAtlas *self, const char *where, guint limit)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s, %s, %s, %s FROM %s WHERE %s ORDER BY %s LIMIT %u",
                                          WA_PACK_PC_DISPLAY, WA_PACK_PC_LON, WA_PACK_PC_LAT,
                                          WA_PACK_PC_WARD_CODE, WA_PACK_LAYER_POSTCODES, where,
                                          WA_PACK_PC_POSTCODE, limit);
  GPtrArray *hits = g_ptr_array_new_with_free_func ((GDestroyNotify) wa_postcode_hit_free);
  OGRLayerH result;
  OGRFeatureH feature;

  if (self->postcodes == NULL)
    return hits;
  result = GDALDatasetExecuteSQL (self->dataset, sql, NULL, NULL);
  if (result == NULL)
    return hits;
  while ((feature = OGR_L_GetNextFeature (result)) != NULL)
    {
      g_ptr_array_add (hits, hit_from_feature (self, feature));
      OGR_F_Destroy (feature);
    }
  GDALDatasetReleaseResultSet (self->dataset, result);
  return hits;
}

WaPostcodeHit *
wa_atlas_lookup_postcode (WaAtlas     *self,
                          const char  *text,
                          GError     **error)
{
  g_autofree char *key = NULL;
  g_autofree char *where = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  key = text != NULL ? wa_postcode_normalise (text) : NULL;
  if (key == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                   _("“%s” is not a UK postcode"), text != NULL ? text : "");
      return NULL;
    }
  if (self->postcodes == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_NOT_FOUND,
                   _("%s: the pack has no postcodes"), self->path);
      return NULL;
    }
  where = g_strdup_printf ("%s = '%s'", WA_PACK_PC_POSTCODE, key);
  hits = query_postcodes (self, where, 1);
  if (hits->len == 0)
    {
      g_autofree char *pretty = wa_postcode_format (key);
      g_set_error (error, WA_ERROR, WA_ERROR_NOT_FOUND,
                   _("Postcode %s is not in the pack (England postcodes only)"), pretty);
      return NULL;
    }
  return g_ptr_array_steal_index (hits, 0);
}

GPtrArray *
wa_atlas_search_postcodes (WaAtlas    *self,
                           const char *prefix,
                           guint       limit)
{
  g_autofree char *key = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *where = NULL;
  gsize len;

  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  key = prefix != NULL ? wa_postcode_normalise_prefix (prefix) : NULL;
  if (key == NULL || *key == '\0' || limit == 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) wa_postcode_hit_free);
  /* Every key starting with the prefix sorts in [prefix, prefix with its last character + 1). */
  upper = g_strdup (key);
  len = strlen (upper);
  upper[len - 1]++;
  where = g_strdup_printf ("%s >= '%s' AND %s < '%s'", WA_PACK_PC_POSTCODE, key,
                           WA_PACK_PC_POSTCODE, upper);
  return query_postcodes (self, where, limit);
}

/* "postcode >= 'B1' AND postcode < 'B2' AND length (postcode) = 5": the
 * range keeps the index in use; the length picks this outward code ("B1",
 * not "B12"). NULL if outward is not an outward code. */
static char *
district_where (const char *outward, const char *inward_prefix)
{
  g_autofree char *out = outward != NULL ? wa_postcode_normalise_prefix (outward) : NULL;
  g_autofree char *full = NULL;
  g_autofree char *key = NULL;
  g_autofree char *upper = NULL;

  if (out == NULL || *out == '\0' || strlen (out) > 4)
    return NULL;
  full = g_strconcat (outward, inward_prefix, NULL);
  key = wa_postcode_normalise_prefix (full);
  if (key == NULL || strlen (key) > strlen (out) + 3)
    return NULL;
  upper = g_strdup (key);
  upper[strlen (upper) - 1]++;
  /* key holds only [A-Z0-9], so quoting is safe. */
  return g_strdup_printf ("%s >= '%s' AND %s < '%s' AND length(%s) = %u",
                          WA_PACK_PC_POSTCODE, key, WA_PACK_PC_POSTCODE, upper,
                          WA_PACK_PC_POSTCODE, (guint) strlen (out) + 3);
}

GPtrArray *
wa_atlas_list_district_postcodes (WaAtlas *self, const char *outward,
                                  const char *inward_prefix, guint limit)
{
  g_autofree char *where = NULL;

  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  where = district_where (outward, inward_prefix);
  if (where == NULL || limit == 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) wa_postcode_hit_free);
  return query_postcodes (self, where, limit);
}

gboolean
wa_atlas_get_postcode_district (WaAtlas    *self,
                                const char *outward,
                                WaBBox     *out_box,
                                guint      *out_count)
{
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;
  OGRLayerH result;
  OGRFeatureH feature;
  gboolean found = FALSE;

  g_return_val_if_fail (WA_IS_ATLAS (self), FALSE);
  where = district_where (outward, NULL);
  if (where == NULL || self->postcodes == NULL)
    return FALSE;
  sql = g_strdup_printf ("SELECT min(%s), min(%s), max(%s), max(%s), count(*) FROM %s WHERE %s",
                         WA_PACK_PC_LON, WA_PACK_PC_LAT, WA_PACK_PC_LON, WA_PACK_PC_LAT,
                         WA_PACK_LAYER_POSTCODES, where);
  result = GDALDatasetExecuteSQL (self->dataset, sql, NULL, NULL);
  if (result == NULL)
    return FALSE;
  if ((feature = OGR_L_GetNextFeature (result)) != NULL)
    {
      int n = OGR_F_GetFieldAsInteger (feature, 4);

      if (n > 0 && OGR_F_IsFieldSetAndNotNull (feature, 0))
        {
          *out_box = (WaBBox) { OGR_F_GetFieldAsDouble (feature, 0), OGR_F_GetFieldAsDouble (feature, 1),
                                OGR_F_GetFieldAsDouble (feature, 2), OGR_F_GetFieldAsDouble (feature, 3) };
          *out_count = (guint) n;
          found = TRUE;
        }
      OGR_F_Destroy (feature);
    }
  GDALDatasetReleaseResultSet (self->dataset, result);
  return found;
}
