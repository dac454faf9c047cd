/* wa-user-list.c: locating a user's list and counting it per ward like a
 * built-in asset category (wa-user-list.h). Storing lists is in
 * app/core/export/wa-user-list-file.c, since every write goes through
 * wa-safe-write. */
#include "wa-user-list.h"
#include "wa-user-list-private.h"
#include "wa-asset-private.h"
#include "wa-error.h"
#include "wa-gdal-util.h"
#include "wa-postcode.h"
#include "wa-spatial-index.h"
#include "wa-stats.h"
#include "wa-ward.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#define PROGRESS_EVERY 1000
#define INDEX_CELL_DEGREES 0.02

struct _WaUserList {
  gatomicrefcount ref_count;
  char *id;
  char *name;
  char *source;
  gint64 created;
  gboolean stored;
  guint n_dropped;
  WaAssetShape shape;
  guint32 rgb;
  WaUserListReport report;

  GArray *places;              /* WaUserPlace */
  guint n_wards;
  guint *counts;               /* by ward */
  GArray **ward_places;        /* guint indices by name, or NULL, by ward */
  WaSpatialIndex *index;

  /* Figures against the atlas the list was assigned to. */
  double *rates;               /* per ward, NAN without population */
  WaAssetReference reference;
  GMutex lock;                 /* guards the left-behind cache */
  guint64 lb_fingerprint;
  gboolean lb_valid;
  double lb_median;
  guint n_lb;
};

static void
place_clear (gpointer data)
{
  WaUserPlace *place = data;

  g_free (place->name);
  g_free (place->postcode);
}

static WaUserList *
list_new (const char *name)
{
  WaUserList *list = g_new0 (WaUserList, 1);

  g_atomic_ref_count_init (&list->ref_count);
  list->name = g_strdup (name != NULL && *name != '\0' ? name : _("My list"));
  list->id = wa_user_list_slug (list->name);
  list->shape = WA_ASSET_SHAPE_DIAMOND;
  list->rgb = 0x7b3294;
  list->created = g_get_real_time () / G_USEC_PER_SEC;
  list->places = g_array_new (FALSE, TRUE, sizeof (WaUserPlace));
  g_array_set_clear_func (list->places, place_clear);
  g_mutex_init (&list->lock);
  return list;
}

WaUserList *
wa_user_list_ref (WaUserList *list)
{
  g_return_val_if_fail (list != NULL, NULL);
  g_atomic_ref_count_inc (&list->ref_count);
  return list;
}

void
wa_user_list_unref (WaUserList *list)
{
  if (list == NULL || !g_atomic_ref_count_dec (&list->ref_count))
    return;
  g_free (list->id);
  g_free (list->name);
  g_free (list->source);
  g_strfreev (list->report.not_found);
  g_array_unref (list->places);
  for (guint w = 0; w < list->n_wards; w++)
    if (list->ward_places[w] != NULL)
      g_array_unref (list->ward_places[w]);
  g_free (list->ward_places);
  g_free (list->counts);
  g_free (list->rates);
  g_clear_pointer (&list->index, wa_spatial_index_free);
  g_mutex_clear (&list->lock);
  g_free (list);
}

char *
wa_user_list_slug (const char *name)
{
  GString *slug = g_string_new (NULL);

  for (const char *p = name != NULL ? name : ""; *p != '\0' && slug->len < 40; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_append (slug, "list");
  return g_string_free (slug, FALSE);
}

/* ---- wards, counts and the index -------------------------------------------- */

static int
compare_by_name (gconstpointer a, gconstpointer b, gpointer user_data)
{
  GArray *places = user_data;
  const WaUserPlace *x = &g_array_index (places, WaUserPlace, *(const guint *) a);
  const WaUserPlace *y = &g_array_index (places, WaUserPlace, *(const guint *) b);
  int order = g_ascii_strcasecmp (x->name, y->name);

  if (order != 0)
    return order;
  order = strcmp (x->name, y->name);
  if (order != 0)
    return order;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

/* Counts, per-ward indices, the spatial index and the reference figures,
 * once the places hold their wards in atlas. */
static void
index_places (WaUserList *list, WaAtlas *atlas)
{
  WaBBox extent = *wa_atlas_get_extent (atlas);

  list->n_wards = wa_atlas_get_n_wards (atlas);
  list->counts = g_new0 (guint, MAX (list->n_wards, 1));
  list->ward_places = g_new0 (GArray *, MAX (list->n_wards, 1));
  list->rates = g_new (double, MAX (list->n_wards, 1));
  if (!(extent.max_x > extent.min_x) || !(extent.max_y > extent.min_y))
    extent = (WaBBox) { -7, 49, 2, 56 };
  list->index = wa_spatial_index_new (&extent, INDEX_CELL_DEGREES);
  for (guint i = 0; i < list->places->len; i++)
    {
      const WaUserPlace *place = &g_array_index (list->places, WaUserPlace, i);
      WaBBox box = { place->lon, place->lat, place->lon, place->lat };

      list->counts[place->ward_index]++;
      if (list->ward_places[place->ward_index] == NULL)
        list->ward_places[place->ward_index] = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (list->ward_places[place->ward_index], i);
      wa_spatial_index_insert (list->index, &box, i);
    }
  for (guint w = 0; w < list->n_wards; w++)
    {
      if (list->ward_places[w] != NULL)
        g_array_sort_with_data (list->ward_places[w], compare_by_name, list->places);
      list->rates[w] = wa_asset_rate (list->counts[w],
                                      wa_ward_get_population (wa_atlas_get_ward (atlas, w)));
    }
  wa_asset_reference_compute (atlas, list->rates, list->counts, 1, NULL, &list->reference);
}

/* ---- locating ---------------------------------------------------------------- */

static gboolean
check_column (WaUserTable *table, int column, const char *what, GError **error)
{
  if (column >= 0 && (guint) column < wa_user_table_get_n_columns (table))
    return TRUE;
  g_set_error (error, WA_ERROR, WA_ERROR_INVALID, _("%s: choose the column that holds %s"),
               wa_user_table_get_path (table), what);
  return FALSE;
}

static void
set_nothing_located_error (WaUserTable *table, const WaUserListColumns *columns,
                           const WaUserListReport *report, GError **error)
{
  const char *path = wa_user_table_get_path (table);

  if (report->n_rows == 0)
    g_set_error (error, WA_ERROR, WA_ERROR_INVALID, _("%s: the table has no rows"), path);
  else if (report->n_not_found > 0 && report->n_outside == 0)
    g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                 _("%s: none of the %u postcodes in column “%s” is in the pack (England "
                   "postcodes only)"),
                 path, report->n_not_found,
                 wa_user_table_get_column (table, columns->postcode_column));
  else if (report->n_outside == 0 && columns->locate == WA_USER_LIST_BY_POSTCODE)
    g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                 _("%s: column “%s” holds no postcodes; choose the column that does"),
                 path, wa_user_table_get_column (table, columns->postcode_column));
  else if (report->n_outside == 0)
    g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                 columns->locate == WA_USER_LIST_BY_LON_LAT
                 ? _("%s: columns “%s” and “%s” hold no longitudes and latitudes in degrees; "
                     "choose the columns that do")
                 : _("%s: columns “%s” and “%s” hold no eastings and northings in metres; "
                     "choose the columns that do"),
                 path, wa_user_table_get_column (table, columns->x_column),
                 wa_user_table_get_column (table, columns->y_column));
  else
    g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                 _("%s: none of the %u places lies inside a ward of the pack (England only)"),
                 path, report->n_outside);
}

static void
add_place (WaUserList *list, WaUserTable *table, const WaUserListColumns *columns, guint row,
           const char *postcode, double lon, double lat, int ward_index)
{
  WaUserPlace place = { 0 };
  const char *name = columns->name_column >= 0
                     ? wa_user_table_get_cell (table, row, columns->name_column) : "";

  place.name = *name != '\0' ? g_strdup (name) : g_strdup_printf (_("Row %u"), row + 1);
  place.postcode = g_strdup (postcode);
  place.lon = lon;
  place.lat = lat;
  place.ward_index = (guint) ward_index;
  g_array_append_val (list->places, place);
}

/* Rows by postcode: the distinct postcodes are looked up together
 * (wa_atlas_lookup_postcodes), a few hundred to a query, then each row
 * takes its postcode's answer. */
static void
locate_postcodes (WaUserList *list, WaAtlas *atlas, WaUserTable *table,
                  const WaUserListColumns *columns, GPtrArray *not_found,
                  WaUserListProgress progress, gpointer progress_data,
                  GCancellable *cancellable, GError **error)
{
  WaUserListReport *report = &list->report;
  guint n_rows = wa_user_table_get_n_rows (table);
  guint n_wards = wa_atlas_get_n_wards (atlas);
  g_autoptr(GHashTable) slots = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *row_slot = g_new (guint, MAX (n_rows, 1));   /* 0: no postcode, else slot + 1 */
  g_autofree WaPostcodeHit **hits = NULL;

  for (guint r = 0; r < n_rows; r++)
    {
      char *key = wa_postcode_normalise (wa_user_table_get_cell (table, r, columns->postcode_column));
      gpointer slot;

      row_slot[r] = 0;
      if (key == NULL)
        continue;
      if (g_hash_table_lookup_extended (slots, key, NULL, &slot))
        {
          row_slot[r] = GPOINTER_TO_UINT (slot);
          g_free (key);
          continue;
        }
      g_ptr_array_add (keys, key);
      row_slot[r] = keys->len;
      g_hash_table_insert (slots, key, GUINT_TO_POINTER (keys->len));
    }
  hits = g_new0 (WaPostcodeHit *, MAX (keys->len, 1));
  /* Looked up in steps, so that progress shows and a cancel is heard. */
  for (guint start = 0; start < keys->len; start += PROGRESS_EVERY)
    {
      guint n = MIN (PROGRESS_EVERY, keys->len - start);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (progress != NULL)
        progress ((guint) ((guint64) start * n_rows / keys->len), n_rows, progress_data);
      if (!wa_atlas_lookup_postcodes (atlas, (const char *const *) keys->pdata + start, n,
                                      hits + start, error))
        goto out;
    }
  for (guint r = 0; r < n_rows; r++)
    {
      const char *text = wa_user_table_get_cell (table, r, columns->postcode_column);
      WaPostcodeHit *hit = row_slot[r] > 0 ? hits[row_slot[r] - 1] : NULL;

      if (row_slot[r] == 0)
        report->n_no_position++;
      else if (hit == NULL)
        {
          report->n_not_found++;
          g_ptr_array_add (not_found, g_strdup (text));
        }
      else if (hit->ward_index < 0 || (guint) hit->ward_index >= n_wards)
        report->n_outside++;
      else
        {
          report->n_located++;
          add_place (list, table, columns, r, hit->postcode, hit->lon, hit->lat, hit->ward_index);
        }
    }
out:
  for (guint i = 0; i < keys->len; i++)
    wa_postcode_hit_free (hits[i]);
}

static void
locate_coordinates (WaUserList *list, WaAtlas *atlas, WaUserTable *table,
                    const WaUserListColumns *columns, OGRCoordinateTransformationH to_wgs84,
                    WaUserListProgress progress, gpointer progress_data,
                    GCancellable *cancellable, GError **error)
{
  WaUserListReport *report = &list->report;
  guint n_rows = wa_user_table_get_n_rows (table);

  for (guint r = 0; r < n_rows; r++)
    {
      double x, y, z = 0;
      WaWard *ward;
      gboolean ok;

      if (r % PROGRESS_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return;
          if (progress != NULL)
            progress (r, n_rows, progress_data);
        }
      ok = wa_user_cell_to_number (wa_user_table_get_cell (table, r, columns->x_column), &x)
           && wa_user_cell_to_number (wa_user_table_get_cell (table, r, columns->y_column), &y);
      if (ok && to_wgs84 == NULL)
        ok = x >= -180 && x <= 180 && y >= -90 && y <= 90;
      else if (ok)
        ok = x >= -100000 && x <= 800000 && y >= -100000 && y <= 1400000
             && OCTTransform (to_wgs84, 1, &x, &y, &z);
      if (!ok)
        {
          report->n_no_position++;
          continue;
        }
      ward = wa_atlas_locate (atlas, x, y);
      if (ward == NULL)
        report->n_outside++;
      else
        {
          report->n_located++;
          add_place (list, table, columns, r, NULL, x, y, (int) wa_ward_get_index (ward));
        }
    }
}

WaUserList *
wa_user_list_locate (WaAtlas *atlas, WaUserTable *table, const WaUserListColumns *columns,
                     const char *name, WaUserListProgress progress, gpointer progress_data,
                     GCancellable *cancellable, GError **error)
{
  g_autoptr(WaUserList) list = NULL;
  g_autoptr(GPtrArray) not_found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local = NULL;
  OGRSpatialReferenceH bng = NULL, wgs84 = NULL;
  OGRCoordinateTransformationH to_wgs84 = NULL;
  guint n_rows;
  WaUserListReport *report;

  g_return_val_if_fail (WA_IS_ATLAS (atlas) && table != NULL && columns != NULL, NULL);
  if (columns->locate == WA_USER_LIST_BY_POSTCODE)
    {
      if (!check_column (table, columns->postcode_column, _("postcodes"), error))
        return NULL;
    }
  else if (!check_column (table, columns->x_column,
                          columns->locate == WA_USER_LIST_BY_LON_LAT ? _("longitudes") : _("eastings"),
                          error)
           || !check_column (table, columns->y_column,
                             columns->locate == WA_USER_LIST_BY_LON_LAT ? _("latitudes") : _("northings"),
                             error))
    return NULL;
  if (columns->name_column >= (int) wa_user_table_get_n_columns (table))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_INVALID, _("%s: there is no name column %d"),
                   wa_user_table_get_path (table), columns->name_column + 1);
      return NULL;
    }
  if (columns->locate == WA_USER_LIST_BY_EASTING_NORTHING)
    {
      bng = wa_gdal_srs_new (27700);
      wgs84 = wa_gdal_srs_new (4326);
      if (bng != NULL && wgs84 != NULL)
        to_wgs84 = OCTNewCoordinateTransformation (bng, wgs84);
      if (to_wgs84 == NULL)
        {
          g_set_error (error, WA_ERROR, WA_ERROR_FAILED,
                       _("Cannot convert British National Grid coordinates (%s)"),
                       wa_gdal_last_message ());
          g_clear_pointer (&bng, OSRDestroySpatialReference);
          g_clear_pointer (&wgs84, OSRDestroySpatialReference);
          return NULL;
        }
    }

  list = list_new (name);
  list->source = g_path_get_basename (wa_user_table_get_path (table));
  report = &list->report;
  n_rows = wa_user_table_get_n_rows (table);
  report->n_rows = n_rows;
  if (columns->locate == WA_USER_LIST_BY_POSTCODE)
    locate_postcodes (list, atlas, table, columns, not_found, progress, progress_data,
                      cancellable, &local);
  else
    locate_coordinates (list, atlas, table, columns, to_wgs84, progress, progress_data,
                        cancellable, &local);
  if (to_wgs84 != NULL)
    OCTDestroyCoordinateTransformation (to_wgs84);
  g_clear_pointer (&bng, OSRDestroySpatialReference);
  g_clear_pointer (&wgs84, OSRDestroySpatialReference);
  if (local != NULL)
    {
      /* A damaged pack or a cancel: nothing of the list is kept. */
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  g_assert (report->n_located + report->n_not_found + report->n_outside + report->n_no_position
            == n_rows);
  if (report->n_located == 0)
    {
      set_nothing_located_error (table, columns, report, error);
      return NULL;
    }
  g_ptr_array_add (not_found, NULL);
  report->not_found = (GStrv) g_ptr_array_free (g_steal_pointer (&not_found), FALSE);
  index_places (list, atlas);
  if (progress != NULL)
    progress (n_rows, n_rows, progress_data);
  return g_steal_pointer (&list);
}

WaUserList *
wa_user_list_new_from_places (WaAtlas *atlas, const char *id, const char *name,
                              const WaUserPlace *places, guint n_places,
                              const WaUserListReport *report, const char *source,
                              gint64 created, guint *out_n_dropped)
{
  WaUserList *list = list_new (name);
  guint dropped = 0;

  g_return_val_if_fail (WA_IS_ATLAS (atlas), NULL);
  if (id != NULL && *id != '\0')
    wa_user_list_set_id (list, id);
  list->source = g_strdup (source);
  if (created > 0)
    list->created = created;
  if (report != NULL)
    {
      list->report = *report;
      list->report.not_found = g_strdupv (report->not_found);
    }
  for (guint i = 0; i < n_places; i++)
    {
      WaWard *ward = isfinite (places[i].lon) && isfinite (places[i].lat)
                     ? wa_atlas_locate (atlas, places[i].lon, places[i].lat) : NULL;
      WaUserPlace place = { 0 };

      if (ward == NULL)
        {
          dropped++;
          continue;
        }
      place.name = g_strdup (places[i].name != NULL ? places[i].name : "");
      place.postcode = g_strdup (places[i].postcode);
      place.lon = places[i].lon;
      place.lat = places[i].lat;
      place.ward_index = wa_ward_get_index (ward);
      g_array_append_val (list->places, place);
    }
  list->n_dropped = dropped;
  if (out_n_dropped != NULL)
    *out_n_dropped = dropped;
  index_places (list, atlas);
  return list;
}

const WaUserListReport *
wa_user_list_get_report (WaUserList *list)
{
  return &list->report;
}

char *
wa_user_list_dup_not_found_csv (WaUserList *list)
{
  GString *csv = g_string_new ("postcode\n");

  for (char **p = list->report.not_found; p != NULL && *p != NULL; p++)
    {
      /* Quoted when it holds a comma, quote or line break, as RFC 4180 says. */
      if (strpbrk (*p, ",\"\r\n") != NULL)
        {
          g_string_append_c (csv, '"');
          for (const char *c = *p; *c != '\0'; c++)
            {
              if (*c == '"')
                g_string_append_c (csv, '"');
              g_string_append_c (csv, *c);
            }
          g_string_append (csv, "\"\n");
        }
      else
        g_string_append_printf (csv, "%s\n", *p);
    }
  return g_string_free (csv, FALSE);
}

/* ---- the list as a category ----------------------------------------------------- */

const char *
wa_user_list_get_id (WaUserList *list)
{
  return list->id;
}

void
wa_user_list_set_id (WaUserList *list, const char *id)
{
  g_return_if_fail (id != NULL && *id != '\0');
  g_free (list->id);
  list->id = g_strdup (id);
}

guint
wa_user_list_get_n_dropped (WaUserList *list)
{
  return list->n_dropped;
}

gboolean
wa_user_list_get_stored (WaUserList *list)
{
  return list->stored;
}

void
wa_user_list_set_stored (WaUserList *list, gboolean stored)
{
  list->stored = stored;
}

const char *
wa_user_list_get_name (WaUserList *list)
{
  return list->name;
}

void
wa_user_list_set_name (WaUserList *list, const char *name)
{
  g_return_if_fail (name != NULL);
  g_free (list->name);
  list->name = g_strdup (name);
}

WaAssetShape
wa_user_list_get_shape (WaUserList *list)
{
  return list->shape;
}

void
wa_user_list_set_shape (WaUserList *list, WaAssetShape shape)
{
  list->shape = shape;
}

guint32
wa_user_list_get_rgb (WaUserList *list)
{
  return list->rgb;
}

void
wa_user_list_set_rgb (WaUserList *list, guint32 rgb)
{
  list->rgb = rgb & 0xffffff;
}

const char *
wa_user_list_get_source (WaUserList *list)
{
  return list->source;
}

gint64
wa_user_list_get_created (WaUserList *list)
{
  return list->created;
}

guint
wa_user_list_get_n_places (WaUserList *list)
{
  return list->places->len;
}

const WaUserPlace *
wa_user_list_get_place (WaUserList *list, guint index)
{
  g_return_val_if_fail (index < list->places->len, NULL);
  return &g_array_index (list->places, WaUserPlace, index);
}

void
wa_user_list_query (WaUserList *list, const WaBBox *box, GArray *out_indices)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (guint));

  if (list->index == NULL)
    return;
  wa_spatial_index_query_box (list->index, box, candidates);
  for (guint i = 0; i < candidates->len; i++)
    {
      guint index = g_array_index (candidates, guint, i);
      const WaUserPlace *place = &g_array_index (list->places, WaUserPlace, index);

      if (wa_bbox_contains (box, place->lon, place->lat))
        g_array_append_val (out_indices, index);
    }
}

const guint *
wa_user_list_get_ward_places (WaUserList *list, guint ward_index, guint *out_n)
{
  GArray *places = ward_index < list->n_wards ? list->ward_places[ward_index] : NULL;

  *out_n = places != NULL ? places->len : 0;
  return places != NULL ? (const guint *) places->data : NULL;
}

guint
wa_user_list_get_count (WaUserList *list, guint ward_index)
{
  return ward_index < list->n_wards ? list->counts[ward_index] : 0;
}

double
wa_user_list_get_rate (WaUserList *list, guint ward_index)
{
  return ward_index < list->n_wards ? list->rates[ward_index] : NAN;
}

/* The median over left-behind wards, recomputed only when the set of
 * left-behind wards changed (another rank method). */
static void
left_behind_median (WaUserList *list, WaAtlas *atlas, double *out_median, guint *out_n)
{
  guint64 fingerprint = 1469598103934665603ull;
  guint n = 0;

  for (guint w = 0; w < list->n_wards; w++)
    if (wa_ward_get_left_behind (wa_atlas_get_ward (atlas, w)))
      {
        fingerprint = (fingerprint ^ (w + 1)) * 1099511628211ull;
        n++;
      }
  g_mutex_lock (&list->lock);
  if (!list->lb_valid || list->lb_fingerprint != fingerprint)
    {
      g_autofree double *column = g_new (double, MAX (n, 1));
      guint k = 0;

      for (guint w = 0; w < list->n_wards; w++)
        if (!isnan (list->rates[w]) && wa_ward_get_left_behind (wa_atlas_get_ward (atlas, w)))
          column[k++] = list->rates[w];
      list->lb_median = wa_stats_median (column, k);
      list->n_lb = k;
      list->lb_fingerprint = fingerprint;
      list->lb_valid = TRUE;
    }
  *out_median = list->lb_median;
  *out_n = list->n_lb;
  g_mutex_unlock (&list->lock);
}

void
wa_user_list_summarise (WaUserList *list, WaAtlas *atlas, guint ward_index, WaAssetStat *out)
{
  g_autoptr(GArray) similar = NULL;
  double rates[WA_ASSETS_N_SIMILAR];
  guint n;

  memset (out, 0, sizeof *out);
  out->category = WA_N_ASSET_CATEGORIES;
  g_return_if_fail (WA_IS_ATLAS (atlas) && wa_atlas_get_n_wards (atlas) == list->n_wards);
  g_return_if_fail (ward_index < list->n_wards);
  out->covered = TRUE;
  out->count = list->counts[ward_index];
  out->rate = list->rates[ward_index];
  out->england_median = list->reference.england_median;
  out->n_covered = list->reference.n_covered;
  left_behind_median (list, atlas, &out->left_behind_median, &out->n_left_behind);
  similar = wa_assets_dup_similar_wards (wa_atlas_get_assets (atlas), ward_index,
                                         WA_N_ASSET_CATEGORIES);
  n = MIN (similar->len, WA_ASSETS_N_SIMILAR);
  for (guint i = 0; i < n; i++)
    rates[i] = list->rates[g_array_index (similar, guint, i)];
  out->similar_median = wa_stats_median (rates, n);
  out->n_similar = n;
  out->england_rate = list->reference.england_rate;
  out->similar_rate = wa_asset_pooled_rate (atlas, (const guint *) similar->data, n, list->counts, 1);
  out->mean_rate = list->reference.mean_rate;
  out->share_with_any = list->reference.share_with_any;
  out->rare = list->reference.england_median == 0;
  out->scale_max = wa_asset_scale_max (list->reference.p95_rate, out->england_rate, out->similar_rate);
}

void
wa_user_list_benchmark (WaUserList *list, WaAtlas *atlas, WaBenchmarkRow *out)
{
  guint n_wards = wa_atlas_get_n_wards (atlas);
  g_autofree WaBenchmarkWard *wards = NULL;

  g_return_if_fail (n_wards == list->n_wards);
  wards = g_new0 (WaBenchmarkWard, MAX (n_wards, 1));
  wa_asset_benchmark_fill_wards (atlas, wards);
  for (guint w = 0; w < n_wards; w++)
    wards[w].count = list->counts[w];
  wa_asset_benchmark_compute (wards, n_wards, WA_N_ASSET_CATEGORIES, out);
}
