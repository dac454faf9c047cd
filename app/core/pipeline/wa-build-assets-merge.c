/* wa-build-assets-merge.c: merges the assets step's duplicate records:
 * same category, same name key and close together (further apart when
 * either position is only a postcode centroid). The record with the more
 * exact position is kept and names the ones merged into it. */
#include "wa-build-assets-private.h"
#include "wa-error.h"

#include <math.h>

/* ---- duplicates ---------------------------------------------------------------- */

static double
metres_between (const Record *a, const Record *b)
{
  double dx = (a->lon - b->lon) * 111320.0 * cos ((a->lat + b->lat) / 2 * G_PI / 180);
  double dy = (a->lat - b->lat) * 110540.0;

  return hypot (dx, dy);
}

static gint64
merge_cell_key (int category, gint64 cx, gint64 cy)
{
  return ((gint64) category << 56) | ((cx & 0xfffffff) << 28) | (cy & 0xfffffff);
}

/* Exact positions first, so a postcode centroid never displaces one. */
static int
compare_for_merge (gconstpointer a, gconstpointer b, gpointer user_data)
{
  GArray *records = user_data;
  const Record *x = &g_array_index (records, Record, *(const guint *) a);
  const Record *y = &g_array_index (records, Record, *(const guint *) b);

  if (x->from_postcode != y->from_postcode)
    return x->from_postcode ? 1 : -1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

static void
merge_into (Import *import, Record *kept, Record *duplicate)
{
  Spec *duplicate_spec = g_ptr_array_index (import->specs, duplicate->spec);
  const char *id = duplicate_spec->source->id;

  duplicate_spec->stats.merged++;
  duplicate->dropped = TRUE;
  if (duplicate->spec != kept->spec
      && (kept->merged_from == NULL || strstr (kept->merged_from->str, id) == NULL))
    {
      if (kept->merged_from == NULL)
        kept->merged_from = g_string_new (id);
      else
        g_string_append_printf (kept->merged_from, ";%s", id);
    }
  if (kept->address == NULL)
    kept->address = g_steal_pointer (&duplicate->address);
  if (kept->postcode == NULL)
    kept->postcode = g_steal_pointer (&duplicate->postcode);
  if (kept->ref == NULL)
    kept->ref = g_steal_pointer (&duplicate->ref);
}

static Record *
find_duplicate (Import *import, GHashTable *cells, const Record *record)
{
  gint64 cx = (gint64) floor (record->lon / MERGE_CELL_DEGREES);
  gint64 cy = (gint64) floor (record->lat / MERGE_CELL_DEGREES);

  for (gint64 dy = -1; dy <= 1; dy++)
    for (gint64 dx = -1; dx <= 1; dx++)
      {
        gint64 key = merge_cell_key (record->category, cx + dx, cy + dy);
        GArray *members = g_hash_table_lookup (cells, &key);

        for (guint m = 0; members != NULL && m < members->len; m++)
          {
            Record *other = &g_array_index (import->records, Record, g_array_index (members, guint, m));
            double limit = (other->from_postcode || record->from_postcode)
                           ? MERGE_POSTCODE_METRES : MERGE_METRES;

            if (g_strcmp0 (other->key, record->key) == 0 && metres_between (other, record) <= limit)
              return other;
          }
      }
  return NULL;
}

void
wa_assets_merge_duplicates (Import *import)
{
  g_autoptr(GHashTable) cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) g_array_unref);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < import->records->len; i++)
    {
      Record *record = &g_array_index (import->records, Record, i);

      if (!record->dropped)
        {
          record->key = wa_asset_name_key (record->name);
          g_array_append_val (order, i);
        }
    }
  g_array_sort_with_data (order, compare_for_merge, import->records);

  for (guint k = 0; k < order->len; k++)
    {
      guint i = g_array_index (order, guint, k);
      Record *record = &g_array_index (import->records, Record, i);
      gint64 key;
      GArray *members;
      Record *other;

      /* Unnamed records cannot be told apart: never merged. */
      if (record->key != NULL && (other = find_duplicate (import, cells, record)) != NULL)
        {
          merge_into (import, other, record);
          continue;
        }
      if (record->key == NULL)
        continue;
      key = merge_cell_key (record->category, (gint64) floor (record->lon / MERGE_CELL_DEGREES),
                            (gint64) floor (record->lat / MERGE_CELL_DEGREES));
      members = g_hash_table_lookup (cells, &key);
      if (members == NULL)
        {
          members = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (cells, g_memdup2 (&key, sizeof key), members);
        }
      g_array_append_val (members, i);
    }
}

