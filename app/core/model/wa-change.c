/* wa-change.c: change between two editions through the crosswalk (see
 * wa-change.h; the method is in README "Change since 2019"). */
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "wa-change.h"
#include "wa-error.h"
#include "wa-gdal-util.h"
#include "wa-pack.h"

struct _WaChange {
  GObject parent_instance;
  GPtrArray *changes;           /* WaWardChange*, new atlas order */
  GHashTable *by_code;          /* new ward code -> WaWardChange* */
  GHashTable *successor;        /* old ward code -> Successor* (largest share of it) */
  GPtrArray *wards;             /* WaWard* refs of both lists, kept alive */
  GStringChunk *codes;
  guint n_ranked[2][WA_N_CHANGE_POSITIONS];  /* [0] old, [1] new edition */
};

typedef struct {
  WaWard *ward;
  double share;
} Successor;

G_DEFINE_FINAL_TYPE (WaChange, wa_change, G_TYPE_OBJECT)

static const struct {
  const char *id;
  const char *label;
  const char *label_partly;
} categories[] = {
  [WA_CHANGE_LEFT_BEHIND_BOTH] = { "left-behind-in-both", N_("Left behind in 2019 and now"),
                                   N_("Partly left behind in 2019, left behind now") },
  [WA_CHANGE_NEWLY_LEFT_BEHIND] = { "newly-left-behind", N_("Newly left behind"),
                                    N_("Newly left behind") },
  [WA_CHANGE_NO_LONGER_LEFT_BEHIND] = { "no-longer-left-behind", N_("No longer left behind"),
                                        N_("Partly left behind in 2019, not now") },
  [WA_CHANGE_NEITHER] = { "neither", N_("Left behind in neither"), N_("Left behind in neither") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (categories) == WA_N_CHANGE_CATEGORIES);

const char *
wa_change_category_id (WaChangeCategory category)
{
  g_return_val_if_fail (category < WA_N_CHANGE_CATEGORIES, NULL);
  return categories[category].id;
}

gboolean
wa_change_category_from_id (const char *id, WaChangeCategory *out_category)
{
  for (guint c = 0; c < WA_N_CHANGE_CATEGORIES; c++)
    if (g_strcmp0 (id, categories[c].id) == 0)
      {
        *out_category = c;
        return TRUE;
      }
  return FALSE;
}

const char *
wa_change_category_label (WaChangeCategory category, gboolean partly)
{
  g_return_val_if_fail (category < WA_N_CHANGE_CATEGORIES, NULL);
  return _(partly ? categories[category].label_partly : categories[category].label);
}

WaChangeCategory
wa_change_classify (double share_then, gboolean left_behind_now, gboolean *out_partly)
{
  gboolean then = share_then > WA_CHANGE_PARTLY_LOW;

  if (out_partly != NULL)
    *out_partly = then && share_then < WA_CHANGE_PARTLY_HIGH;
  if (left_behind_now)
    return then ? WA_CHANGE_LEFT_BEHIND_BOTH : WA_CHANGE_NEWLY_LEFT_BEHIND;
  return then ? WA_CHANGE_NO_LONGER_LEFT_BEHIND : WA_CHANGE_NEITHER;
}

void
wa_crosswalk_piece_free (WaCrosswalkPiece *piece)
{
  if (piece == NULL)
    return;
  g_free (piece->before);
  g_free (piece->after);
  g_free (piece);
}

/* ---- positions ---------------------------------------------------------- */

typedef struct {
  GHashTable *by_code;          /* code -> WaWard* (borrowed from the list) */
  guint n_ranked[WA_N_CHANGE_POSITIONS];
} WardList;

static guint
position_rank (WaWard *ward, WaChangePosition position)
{
  switch (position)
    {
    case WA_CHANGE_POSITION_COMBINED:
      return wa_ward_get_combined_rank (ward);
    case WA_CHANGE_POSITION_IMD:
      return wa_ward_get_imd_rank (ward);
    case WA_CHANGE_POSITION_CNI:
    default:
      return wa_ward_get_cni_rank (ward);
    }
}

/* The denominators are the wards each edition ranks (7,421 combined in
 * 2019, 6,784 in 2025): a percentile, unlike a rank, compares across them. */
static void
ward_list_init (WardList *list, GListModel *wards, GPtrArray *keep)
{
  guint n = g_list_model_get_n_items (wards);

  list->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  memset (list->n_ranked, 0, sizeof list->n_ranked);
  for (guint i = 0; i < n; i++)
    {
      WaWard *ward = g_list_model_get_item (wards, i);

      g_hash_table_insert (list->by_code, (char *) wa_ward_get_code (ward), ward);
      for (int p = 0; p < WA_N_CHANGE_POSITIONS; p++)
        list->n_ranked[p] += position_rank (ward, p) > 0;
      g_ptr_array_add (keep, ward);
    }
}

static void
positions (const WardList *list, WaWard *ward, double *out)
{
  for (int p = 0; p < WA_N_CHANGE_POSITIONS; p++)
    {
      guint rank = ward != NULL ? position_rank (ward, p) : 0;

      out[p] = rank > 0 ? (double) rank / list->n_ranked[p] : NAN;
    }
}

/* ---- one new ward ------------------------------------------------------- */

typedef struct {
  WaWardChange change;
  GArray *links;                /* WaChangeLink, backs change.predecessors */
  double lsoa_changed;          /* residents */
  double population;            /* residents, sum of pieces */
} Entry;

static void
entry_free (Entry *entry)
{
  g_array_unref (entry->links);
  g_free (entry);
}

static int
compare_links (gconstpointer a, gconstpointer b)
{
  const WaChangeLink *x = a, *y = b;

  if (x->share_of_after != y->share_of_after)
    return x->share_of_after > y->share_of_after ? -1 : 1;
  return strcmp (x->code, y->code);
}

/* Weighted mean of the old wards' positions over those ranked. */
static void
weighted_positions (Entry *entry)
{
  for (int p = 0; p < WA_N_CHANGE_POSITIONS; p++)
    {
      double sum = 0, weight = 0;

      for (guint i = 0; i < entry->links->len; i++)
        {
          const WaChangeLink *link = &g_array_index (entry->links, WaChangeLink, i);

          if (!isnan (link->position[p]))
            {
              sum += link->position[p] * link->share_of_after;
              weight += link->share_of_after;
            }
        }
      entry->change.position_then[p] = weight > 0 ? sum / weight : NAN;
    }
}

/* GSS codes change whenever a ward's boundary does, so a kept code is the
 * same area; but codes also change without a boundary change (wards of a
 * council merged into a new one are all re-coded), so an old ward that
 * maps almost wholly onto the new one and makes up almost all of it is
 * the same area too. */
static gboolean
same_area (const WaChangeLink *link, const char *code)
{
  return strcmp (link->code, code) == 0
         || (link->share_of_after >= WA_CHANGE_SAME_AREA && link->share_of_before >= WA_CHANGE_SAME_AREA);
}

static void
finish_entry (Entry *entry)
{
  WaWardChange *c = &entry->change;
  const char *code = wa_ward_get_code (c->ward);

  g_array_sort (entry->links, compare_links);
  c->predecessors = (const WaChangeLink *) entry->links->data;
  c->n_predecessors = entry->links->len;
  c->share_left_behind_then = 0;
  c->changed_boundary_share = 0;
  for (guint i = 0; i < entry->links->len; i++)
    {
      const WaChangeLink *link = &g_array_index (entry->links, WaChangeLink, i);

      if (link->left_behind)
        c->share_left_behind_then += link->share_of_after;
      if (!same_area (link, code))
        c->changed_boundary_share += link->share_of_after;
    }
  c->changed_lsoa_share = entry->population > 0 ? entry->lsoa_changed / entry->population : 0;
  c->residents_now = entry->population;
  c->left_behind_now = wa_ward_get_left_behind (c->ward);
  c->category = wa_change_classify (c->share_left_behind_then, c->left_behind_now, &c->partly);
  weighted_positions (entry);
}

/* ---- construction ------------------------------------------------------- */

static gboolean
check_piece (const WaCrosswalkPiece *piece, GError **error)
{
  const double shares[] = { piece->share_of_before, piece->share_of_after };

  for (gsize i = 0; i < G_N_ELEMENTS (shares); i++)
    if (!(shares[i] >= 0 && shares[i] <= 1 + 1e-9))
      {
        g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                     _("crosswalk %s → %s: share %g is not between 0 and 1"),
                     piece->before, piece->after, shares[i]);
        return FALSE;
      }
  if (!(piece->population_before >= 0 && piece->population_after >= 0))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("crosswalk %s → %s: a population is missing or negative"),
                   piece->before, piece->after);
      return FALSE;
    }
  return TRUE;
}

static void
note_successor (WaChange *self, const WaCrosswalkPiece *piece, WaWard *after)
{
  Successor *best = g_hash_table_lookup (self->successor, piece->before);

  if (best == NULL)
    {
      best = g_new0 (Successor, 1);
      best->share = -1;
      g_hash_table_insert (self->successor, g_string_chunk_insert_const (self->codes, piece->before),
                           best);
    }
  if (piece->share_of_before > best->share)
    {
      best->ward = after;
      best->share = piece->share_of_before;
    }
}

static gboolean
add_piece (WaChange *self, GHashTable *entries, const WardList *before, const WardList *after,
           const WaCrosswalkPiece *piece, GError **error)
{
  WaWard *new_ward = g_hash_table_lookup (after->by_code, piece->after);
  Entry *entry;
  WaChangeLink link = { 0 };

  if (!check_piece (piece, error))
    return FALSE;
  if (new_ward == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_UNKNOWN_CODE,
                   _("crosswalk %s → %s: the new edition has no ward %s"),
                   piece->before, piece->after, piece->after);
      return FALSE;
    }
  entry = g_hash_table_lookup (entries, new_ward);
  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->links = g_array_new (FALSE, FALSE, sizeof (WaChangeLink));
      entry->change.ward = new_ward;
      positions (after, new_ward, entry->change.position_now);
      g_hash_table_insert (entries, new_ward, entry);
    }
  link.code = g_string_chunk_insert_const (self->codes, piece->before);
  link.ward = g_hash_table_lookup (before->by_code, piece->before);
  link.share_of_after = piece->share_of_after;
  link.share_of_before = piece->share_of_before;
  link.population_before = piece->population_before;
  link.left_behind = link.ward != NULL && wa_ward_get_left_behind (link.ward);
  positions (before, link.ward, link.position);
  g_array_append_val (entry->links, link);
  entry->population += piece->population_after;
  entry->lsoa_changed += piece->lsoa_changed_after;
  entry->change.decile1_then += piece->decile1_before;
  entry->change.decile1_now += piece->decile1_after;
  if (link.left_behind)
    entry->change.list_residents_then += piece->population_before;
  note_successor (self, piece, new_ward);
  return TRUE;
}

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  guint x = wa_ward_get_index ((*(Entry **) a)->change.ward);
  guint y = wa_ward_get_index ((*(Entry **) b)->change.ward);

  return x < y ? -1 : x > y;
}

WaChange *
wa_change_new_from_pieces (GListModel *before_wards, GListModel *after_wards,
                           GPtrArray *pieces, GError **error)
{
  g_autoptr(WaChange) self = g_object_new (WA_TYPE_CHANGE, NULL);
  g_autoptr(GHashTable) entries = g_hash_table_new (NULL, NULL);
  WardList before, after;
  gboolean ok = TRUE;
  GHashTableIter iter;
  Entry *entry;

  ward_list_init (&before, before_wards, self->wards);
  ward_list_init (&after, after_wards, self->wards);
  memcpy (self->n_ranked[0], before.n_ranked, sizeof before.n_ranked);
  memcpy (self->n_ranked[1], after.n_ranked, sizeof after.n_ranked);
  for (guint i = 0; ok && i < pieces->len; i++)
    ok = add_piece (self, entries, &before, &after, g_ptr_array_index (pieces, i), error);
  g_hash_table_iter_init (&iter, entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      g_ptr_array_add (self->changes, entry);
      g_hash_table_insert (self->by_code, (char *) wa_ward_get_code (entry->change.ward), entry);
    }
  g_hash_table_unref (before.by_code);
  g_hash_table_unref (after.by_code);
  if (!ok)
    return NULL;
  g_ptr_array_sort (self->changes, compare_entries);
  for (guint i = 0; i < self->changes->len; i++)
    finish_entry (g_ptr_array_index (self->changes, i));
  return g_steal_pointer (&self);
}

/* ---- reading the pack --------------------------------------------------- */

static const char *const piece_columns[] = {
  WA_PACK_CW_BEFORE, WA_PACK_CW_AFTER, WA_PACK_CW_POP_BEFORE, WA_PACK_CW_POP_AFTER,
  WA_PACK_CW_SHARE_OF_BEFORE, WA_PACK_CW_SHARE_OF_AFTER, WA_PACK_CW_LSOA_CHANGED,
  WA_PACK_CW_DECILE1_BEFORE, WA_PACK_CW_DECILE1_AFTER,
};

static WaCrosswalkPiece *
read_piece (OGRFeatureH feature, const int *columns)
{
  WaCrosswalkPiece *piece = g_new0 (WaCrosswalkPiece, 1);
  double *values[] = {
    &piece->population_before, &piece->population_after, &piece->share_of_before,
    &piece->share_of_after, &piece->lsoa_changed_after, &piece->decile1_before,
    &piece->decile1_after,
  };
  const char *before = wa_gdal_field_string (feature, columns[0]);
  const char *after = wa_gdal_field_string (feature, columns[1]);

  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    if (!wa_gdal_field_double (feature, columns[i + 2], values[i]))
      *values[i] = NAN;      /* refused by check_piece, or counted as none below */
  piece->before = g_strdup (before);
  piece->after = g_strdup (after);
  if (before == NULL || after == NULL)
    {
      wa_crosswalk_piece_free (piece);
      return NULL;
    }
  return piece;
}

gboolean
wa_change_is_crosswalk_role (const char *role)
{
  return role != NULL && (g_str_has_prefix (role, "crosswalk-")
                          || g_str_equal (role, "lsoa-change-lookup"));
}

GPtrArray *
wa_change_read_pieces (const char *path, GError **error)
{
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) wa_crosswalk_piece_free);
  GDALDatasetH dataset;
  WaFeatureGuard *seen = NULL;
  int columns[G_N_ELEMENTS (piece_columns)];
  OGRLayerH layer;
  OGRFeatureH feature;
  gboolean ok = FALSE;

  if ((dataset = wa_gdal_open_geopackage (path, error)) == NULL)
    return NULL;
  layer = GDALDatasetGetLayerByName (dataset, WA_PACK_LAYER_CROSSWALK);
  if (layer == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: the pack has no crosswalk from the previous edition (built by an older version: rebuild it)"),
                   path);
      goto out;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (piece_columns); i++)
    if ((columns[i] = wa_gdal_field_index (layer, path, piece_columns[i], error)) < 0)
      goto out;
  OGR_L_ResetReading (layer);
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      WaCrosswalkPiece *piece = read_piece (feature, columns);

      OGR_F_Destroy (feature);
      if (piece == NULL)
        {
          g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                       _("%s: layer “%s”: a row lacks a ward code"), path, WA_PACK_LAYER_CROSSWALK);
          goto out;
        }
      /* Pieces without LSOA counts are fine; without populations, not. */
      if (isnan (piece->decile1_before))
        piece->decile1_before = 0;
      if (isnan (piece->decile1_after))
        piece->decile1_after = 0;
      if (isnan (piece->lsoa_changed_after))
        piece->lsoa_changed_after = 0;
      g_ptr_array_add (pieces, piece);
    }
  ok = TRUE;
out:
  g_clear_pointer (&seen, wa_feature_guard_free);
  GDALClose (dataset);
  return ok ? g_steal_pointer (&pieces) : NULL;
}

WaChange *
wa_change_new (WaAtlas *before, WaAtlas *after, GError **error)
{
  const char *path;
  g_autoptr(GPtrArray) pieces = NULL;
  WaChange *self;

  g_return_val_if_fail (WA_IS_ATLAS (before) && WA_IS_ATLAS (after), NULL);
  path = wa_atlas_get_path (after);
  if (wa_atlas_get_edition (before) >= wa_atlas_get_edition (after))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                   _("%s: edition %s is not older than %s (%s)"), wa_atlas_get_path (before),
                   wa_edition_to_string (wa_atlas_get_edition (before)),
                   wa_edition_to_string (wa_atlas_get_edition (after)), path);
      return NULL;
    }
  pieces = wa_change_read_pieces (path, error);
  if (pieces == NULL)
    return NULL;
  self = wa_change_new_from_pieces (wa_atlas_get_wards (before), wa_atlas_get_wards (after),
                                    pieces, error);
  if (self == NULL)
    g_prefix_error (error, "%s: ", path);
  return self;
}

/* ---- queries ------------------------------------------------------------ */

guint
wa_change_get_n_wards (WaChange *self)
{
  g_return_val_if_fail (WA_IS_CHANGE (self), 0);
  return self->changes->len;
}

const WaWardChange *
wa_change_get_ward (WaChange *self, guint index)
{
  g_return_val_if_fail (WA_IS_CHANGE (self) && index < self->changes->len, NULL);
  return &((Entry *) g_ptr_array_index (self->changes, index))->change;
}

const WaWardChange *
wa_change_lookup (WaChange *self, const char *code)
{
  Entry *entry;

  g_return_val_if_fail (WA_IS_CHANGE (self), NULL);
  entry = code != NULL ? g_hash_table_lookup (self->by_code, code) : NULL;
  return entry != NULL ? &entry->change : NULL;
}

WaWard *
wa_change_main_successor (WaChange *self, const char *old_code, double *out_share)
{
  Successor *best;

  g_return_val_if_fail (WA_IS_CHANGE (self), NULL);
  best = old_code != NULL ? g_hash_table_lookup (self->successor, old_code) : NULL;
  if (out_share != NULL)
    *out_share = best != NULL ? best->share : 0;
  return best != NULL ? best->ward : NULL;
}

void
wa_change_get_totals (WaChange *self, WaChangeCategory category, WaChangeTotals *out)
{
  g_return_if_fail (WA_IS_CHANGE (self) && category < WA_N_CHANGE_CATEGORIES);
  memset (out, 0, sizeof *out);
  for (guint i = 0; i < self->changes->len; i++)
    {
      const Entry *entry = g_ptr_array_index (self->changes, i);

      if (entry->change.category != category)
        continue;
      out->n_wards++;
      out->n_partly += entry->change.partly;
      out->residents_now += entry->change.residents_now;
      out->list_residents_then += entry->change.list_residents_then;
    }
}

double
wa_change_get_list_residents_then (WaChange *self)
{
  double sum = 0;

  g_return_val_if_fail (WA_IS_CHANGE (self), 0);
  for (guint i = 0; i < self->changes->len; i++)
    sum += ((Entry *) g_ptr_array_index (self->changes, i))->change.list_residents_then;
  return sum;
}

static void
wa_change_finalize (GObject *object)
{
  WaChange *self = WA_CHANGE (object);

  g_ptr_array_unref (self->changes);
  g_hash_table_unref (self->by_code);
  g_hash_table_unref (self->successor);
  g_ptr_array_unref (self->wards);
  g_string_chunk_free (self->codes);
  G_OBJECT_CLASS (wa_change_parent_class)->finalize (object);
}

static void
wa_change_class_init (WaChangeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wa_change_finalize;
}

static void
wa_change_init (WaChange *self)
{
  self->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->successor = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->wards = g_ptr_array_new_with_free_func (g_object_unref);
  self->codes = g_string_chunk_new (4096);
}

guint
wa_change_get_n_ranked (WaChange *self, gboolean old, WaChangePosition position)
{
  g_return_val_if_fail (WA_IS_CHANGE (self) && position < WA_N_CHANGE_POSITIONS, 0);

  return self->n_ranked[old ? 0 : 1][position];
}
