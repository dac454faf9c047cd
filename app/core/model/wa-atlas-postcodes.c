/* wa-atlas-postcodes.c: postcode lookup on an opened pack. The 1.5 million
 * postcodes stay on disk: every query goes through the pack's index on the
 * normalised postcode (a range on the key, never a scan), so opening a pack
 * costs nothing for them. Since opening does not check them either, a
 * lookup checks the row it reads and confirms a "not found" without the
 * index (wa-postcode-row.h). */
#include <string.h>
#include <glib/gi18n-lib.h>

#include "wa-atlas-private.h"
#include "wa-atlas.h"
#include "wa-error.h"
#include "wa-gdal-util.h"
#include "wa-geometry.h"
#include "wa-pack.h"
#include "wa-pack-check.h"
#include "wa-postcode.h"
#include "wa-postcode-row.h"
#include "wa-ward.h"

/* ---- postcodes ---------------------------------------------------------- */

/* A GDAL dataset is not thread-safe: the search on the main thread and a
 * list being located in a worker (wa-user-list.c) take turns on it. */
static GMutex postcode_lock;

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

/* The raw text of a column: NULL only for NULL, so that the check value
 * sees exactly what is stored. */
static const char *
raw_text (OGRFeatureH feature, int index)
{
  return index >= 0 && OGR_F_IsFieldSetAndNotNull (feature, index)
         ? OGR_F_GetFieldAsString (feature, index) : NULL;
}

/* A stored value that is not what the builder writes (NULL, negative
 * quality) reads as a value no check can match. */
static gint64
raw_int (OGRFeatureH feature, int index, gint64 null_value)
{
  gint64 value;

  if (index < 0 || !OGR_F_IsFieldSetAndNotNull (feature, index))
    return null_value;
  value = OGR_F_GetFieldAsInteger64 (feature, index);
  return value >= G_MININT32 ? value : G_MAXINT64;
}

static void
row_from_feature (OGRFeatureH feature, WaPostcodeRow *row)
{
  OGRFeatureDefnH defn = OGR_F_GetDefnRef (feature);
  gint64 quality = raw_int (feature, OGR_FD_GetFieldIndex (defn, WA_PACK_PC_QUALITY), -1);

  row->postcode = raw_text (feature, OGR_FD_GetFieldIndex (defn, WA_PACK_PC_POSTCODE));
  row->display = raw_text (feature, OGR_FD_GetFieldIndex (defn, WA_PACK_PC_DISPLAY));
  row->lon = wa_pack_reader_get_double (feature, OGR_FD_GetFieldIndex (defn, WA_PACK_PC_LON));
  row->lat = wa_pack_reader_get_double (feature, OGR_FD_GetFieldIndex (defn, WA_PACK_PC_LAT));
  row->ward_code = raw_text (feature, OGR_FD_GetFieldIndex (defn, WA_PACK_PC_WARD_CODE));
  row->quality = OGR_F_IsFieldSetAndNotNull (feature, OGR_FD_GetFieldIndex (defn, WA_PACK_PC_QUALITY))
                 && quality < 0 ? G_MAXINT64 : quality;
  row->check = raw_int (feature, OGR_FD_GetFieldIndex (defn, WA_PACK_PC_CHECK), WA_POSTCODE_ROW_NO_CHECK);
}

/* Runs an indexed query; key holds only [A-Z0-9], so quoting is safe.
 * Each row is checked, and one that fails is left out: a search list has
 * no error to carry, and must not show a moved point or another ward (a
 * lookup of that postcode refuses the pack). */
static GPtrArray *
query_postcodes (WaAtlas *self, const char *where, guint limit)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE %s ORDER BY %s LIMIT %u",
                                          WA_PACK_LAYER_POSTCODES, where, WA_PACK_PC_POSTCODE, limit);
  GPtrArray *hits = g_ptr_array_new_with_free_func ((GDestroyNotify) wa_postcode_hit_free);
  OGRLayerH result;
  OGRFeatureH feature;

  if (self->postcodes == NULL)
    return hits;
  g_mutex_lock (&postcode_lock);
  result = GDALDatasetExecuteSQL (self->dataset, sql, NULL, NULL);
  while (result != NULL && (feature = OGR_L_GetNextFeature (result)) != NULL)
    {
      WaPostcodeRow row;

      row_from_feature (feature, &row);
      if (wa_postcode_row_verify (&row, self->path, row.postcode != NULL ? row.postcode : "", NULL))
        g_ptr_array_add (hits, hit_from_feature (self, feature));
      OGR_F_Destroy (feature);
    }
  if (result != NULL)
    GDALDatasetReleaseResultSet (self->dataset, result);
  g_mutex_unlock (&postcode_lock);
  return hits;
}

static gboolean
read_failed (WaAtlas *self, GError **error)
{
  g_set_error (error, WA_ERROR, WA_ERROR_DAMAGED,
               _("%s: pack is damaged: its postcodes cannot be read (%s); run ward-atlas-cli verify"),
               self->path, wa_gdal_last_message ());
  return FALSE;
}

typedef struct {
  WaAtlas *atlas;
  OGRFeatureH feature;   /* the last row read: its strings are in use */
} RowReader;

static WaPostcodeRowResult
read_row (gpointer data, gint64 rowid, WaPostcodeRow *row, GError **error)
{
  RowReader *reader = data;

  g_clear_pointer (&reader->feature, OGR_F_Destroy);
  wa_gdal_clear_message ();
  reader->feature = OGR_L_GetFeature (reader->atlas->postcodes, rowid);
  if (reader->feature == NULL)
    {
      if (*wa_gdal_last_message () == '\0')
        return WA_POSTCODE_ROW_MISSING;
      read_failed (reader->atlas, error);
      return WA_POSTCODE_ROW_FAILED;
    }
  row_from_feature (reader->feature, row);
  return WA_POSTCODE_ROW_READ;
}

/* The index did not find KEY: neither may the rows in postcode order. */
static gboolean
confirm_absent (WaAtlas *self, const char *key, GError **error)
{
  g_autofree char *count_key = g_strconcat (WA_PACK_META_LAYER_ROWS_PREFIX, WA_PACK_LAYER_POSTCODES, NULL);
  RowReader reader = { self, NULL };
  gint64 n_rows;
  gboolean absent;

  if (!wa_postcode_row_count (self->path, g_hash_table_lookup (self->metadata, count_key), &n_rows, error))
    return FALSE;
  absent = wa_postcode_row_confirm_absent (self->path, key, n_rows, read_row, &reader, error);
  g_clear_pointer (&reader.feature, OGR_F_Destroy);
  return absent;
}

/* The row the index gives for KEY, checked; NULL without error if the
 * index has none, NULL with an error if the pack is damaged. */
static WaPostcodeHit *
lookup_indexed (WaAtlas *self, const char *key, GError **error)
{
  /* key holds only [A-Z0-9], so quoting is safe. */
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE %s = '%s' LIMIT 1",
                                          WA_PACK_LAYER_POSTCODES, WA_PACK_PC_POSTCODE, key);
  WaPostcodeHit *hit = NULL;
  OGRLayerH result;
  OGRFeatureH feature = NULL;
  WaPostcodeRow row;

  wa_gdal_clear_message ();
  result = GDALDatasetExecuteSQL (self->dataset, sql, NULL, NULL);
  if (result != NULL)
    feature = OGR_L_GetNextFeature (result);
  /* GDAL ends a result early on a damaged page; its message says so. */
  if (feature == NULL && *wa_gdal_last_message () != '\0')
    read_failed (self, error);
  else if (feature != NULL)
    {
      row_from_feature (feature, &row);
      if (wa_postcode_row_verify (&row, self->path, key, error))
        hit = hit_from_feature (self, feature);
      OGR_F_Destroy (feature);
    }
  if (result != NULL)
    GDALDatasetReleaseResultSet (self->dataset, result);
  return hit;
}

/* One key already normalised, the lock held. */
static WaPostcodeHit *
lookup_key (WaAtlas *self, const char *key, GError **error)
{
  g_autofree char *pretty = NULL;
  g_autoptr(GError) local = NULL;
  WaPostcodeHit *hit;

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

#define BATCH_KEYS 500

gboolean
wa_atlas_lookup_postcodes (WaAtlas *self, const char *const *keys, guint n_keys,
                           WaPostcodeHit **out, GError **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (WA_IS_ATLAS (self), FALSE);
  memset (out, 0, sizeof *out * n_keys);
  /* Only [A-Z0-9] goes into the query, so quoting is safe. */
  for (guint i = 0; i < n_keys; i++)
    for (const char *c = keys[i]; *c != '\0'; c++)
      g_return_val_if_fail (g_ascii_isupper (*c) || g_ascii_isdigit (*c), FALSE);
  if (self->postcodes == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_NOT_FOUND,
                   _("%s: the pack has no postcodes"), self->path);
      return FALSE;
    }
  g_mutex_lock (&postcode_lock);
  for (guint start = 0; ok && start < n_keys; start += BATCH_KEYS)
    {
      guint end = MIN (start + BATCH_KEYS, n_keys);
      g_autoptr(GHashTable) slots = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GString) sql = g_string_new (NULL);
      OGRLayerH result;
      OGRFeatureH feature;

      g_string_printf (sql, "SELECT * FROM %s WHERE %s IN (", WA_PACK_LAYER_POSTCODES,
                       WA_PACK_PC_POSTCODE);
      for (guint i = start; i < end; i++)
        {
          g_string_append_printf (sql, "%s'%s'", i > start ? "," : "", keys[i]);
          g_hash_table_insert (slots, (gpointer) keys[i], GUINT_TO_POINTER (i + 1));
        }
      g_string_append_c (sql, ')');
      wa_gdal_clear_message ();
      result = GDALDatasetExecuteSQL (self->dataset, sql->str, NULL, NULL);
      while (result != NULL && (feature = OGR_L_GetNextFeature (result)) != NULL)
        {
          WaPostcodeRow row;
          guint slot;

          row_from_feature (feature, &row);
          /* A row that fails its check is left out here: the lookup of
           * its key below meets it again and refuses the pack. */
          if (row.postcode != NULL
              && (slot = GPOINTER_TO_UINT (g_hash_table_lookup (slots, row.postcode))) != 0
              && out[slot - 1] == NULL
              && wa_postcode_row_verify (&row, self->path, row.postcode, NULL))
            out[slot - 1] = hit_from_feature (self, feature);
          OGR_F_Destroy (feature);
        }
      if (result != NULL)
        GDALDatasetReleaseResultSet (self->dataset, result);
      /* What the query did not give is looked up alone: found, confirmed
       * absent, or the pack is damaged. */
      for (guint i = start; ok && i < end; i++)
        if (out[i] == NULL)
          {
            g_autoptr(GError) local = NULL;

            out[i] = lookup_key (self, keys[i], &local);
            if (out[i] == NULL && !g_error_matches (local, WA_ERROR, WA_ERROR_NOT_FOUND))
              {
                g_propagate_error (error, g_steal_pointer (&local));
                ok = FALSE;
              }
          }
    }
  g_mutex_unlock (&postcode_lock);
  if (!ok)
    for (guint i = 0; i < n_keys; i++)
      g_clear_pointer (&out[i], wa_postcode_hit_free);
  return ok;
}

WaPostcodeHit *
wa_atlas_lookup_postcode (WaAtlas     *self,
                          const char  *text,
                          GError     **error)
{
  g_autofree char *key = NULL;
  WaPostcodeHit *hit;

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
  g_mutex_lock (&postcode_lock);
  hit = lookup_key (self, key, error);
  g_mutex_unlock (&postcode_lock);
  return hit;
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
  g_mutex_lock (&postcode_lock);
  result = GDALDatasetExecuteSQL (self->dataset, sql, NULL, NULL);
  if (result != NULL && (feature = OGR_L_GetNextFeature (result)) != NULL)
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
  if (result != NULL)
    GDALDatasetReleaseResultSet (self->dataset, result);
  g_mutex_unlock (&postcode_lock);
  return found;
}
