/* wa-lsoa.c: the pack's LSOAs and the left-behind neighbourhood flags
 * (wa-lsoa.h). */
#include "wa-lsoa.h"
#include "wa-error.h"
#include "wa-rank-method.h"
#include "wa-spatial-index.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

struct _WaLsoas {
  GArray *lsoas;                 /* WaLsoa */
  GHashTable *by_code;           /* code (borrowed) -> index + 1 */
  guint n_ranked[WA_N_INDICATORS];
  guint n_wards;
  GArray **ward_lsoas;           /* [ward] guint, built on first use */

  /* Boundaries, read once on demand (wa_lsoas_ensure_geometry). Once
   * geometry_state is GEOMETRY_READY, geometries and grid never change
   * and are read without the lock. */
  GMutex geometry_lock;
  gint geometry_state;           /* atomic: GeometryState */
  WaLsoaGeometryReader reader;
  gpointer reader_data;
  GDestroyNotify reader_destroy;
  GError *geometry_error;
  GPtrArray *geometries;         /* WaGeometry* or NULL, by index */
  WaSpatialIndex *grid;
  WaBBox extent;
};

typedef enum { GEOMETRY_UNREAD, GEOMETRY_READY, GEOMETRY_FAILED } GeometryState;

/* Grid cells of about 2 km: an urban LSOA spans one or two. */
#define GEOMETRY_CELL_DEGREES 0.02

WaLsoas *
wa_lsoas_new (guint n_wards)
{
  WaLsoas *self = g_new0 (WaLsoas, 1);

  self->lsoas = g_array_new (FALSE, TRUE, sizeof (WaLsoa));
  self->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->n_wards = n_wards;
  g_mutex_init (&self->geometry_lock);
  return self;
}

static void
free_ward_lists (WaLsoas *self)
{
  for (guint w = 0; self->ward_lsoas != NULL && w < self->n_wards; w++)
    g_clear_pointer (&self->ward_lsoas[w], g_array_unref);
  g_clear_pointer (&self->ward_lsoas, g_free);
}

void
wa_lsoas_free (WaLsoas *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->lsoas->len; i++)
    {
      WaLsoa *lsoa = &g_array_index (self->lsoas, WaLsoa, i);

      g_free (lsoa->code);
      g_free (lsoa->name);
    }
  free_ward_lists (self);
  g_array_unref (self->lsoas);
  g_hash_table_unref (self->by_code);
  if (self->reader_destroy != NULL)
    self->reader_destroy (self->reader_data);
  g_clear_error (&self->geometry_error);
  g_clear_pointer (&self->geometries, g_ptr_array_unref);
  g_clear_pointer (&self->grid, wa_spatial_index_free);
  g_mutex_clear (&self->geometry_lock);
  g_free (self);
}

void
wa_lsoas_add (WaLsoas *self, const WaLsoa *lsoa)
{
  g_return_if_fail (lsoa->ward_index < self->n_wards && lsoa->code != NULL);

  free_ward_lists (self);
  g_array_append_val (self->lsoas, *lsoa);
  g_hash_table_remove_all (self->by_code);
}

void
wa_lsoas_set_n_ranked (WaLsoas *self, WaIndicator indicator, guint n)
{
  g_return_if_fail (indicator < WA_N_INDICATORS);
  self->n_ranked[indicator] = n;
}

guint
wa_lsoas_get_n (WaLsoas *self)
{
  return self->lsoas->len;
}

const WaLsoa *
wa_lsoas_get (WaLsoas *self, guint index)
{
  g_return_val_if_fail (index < self->lsoas->len, NULL);
  return &g_array_index (self->lsoas, WaLsoa, index);
}

const WaLsoa *
wa_lsoas_lookup (WaLsoas *self, const char *code)
{
  guint index;

  /* Built on first use: the keys are the array's own strings. */
  if (g_hash_table_size (self->by_code) == 0)
    for (guint i = 0; i < self->lsoas->len; i++)
      g_hash_table_insert (self->by_code, g_array_index (self->lsoas, WaLsoa, i).code,
                           GUINT_TO_POINTER (i + 1));
  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_code, code));

  return index > 0 ? wa_lsoas_get (self, index - 1) : NULL;
}

int
wa_lsoas_lookup_index (WaLsoas *self, const char *code)
{
  const WaLsoa *lsoa = wa_lsoas_lookup (self, code);

  return lsoa != NULL ? (int) (lsoa - &g_array_index (self->lsoas, WaLsoa, 0)) : -1;
}

void
wa_lsoas_expand_wards (WaLsoas *self, const guint *ward_indices, guint n_wards, GArray *indices)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  g_return_if_fail (indices != NULL && g_array_get_element_size (indices) == sizeof (guint));

  for (guint i = 0; i < indices->len; i++)
    g_hash_table_add (seen, GUINT_TO_POINTER (g_array_index (indices, guint, i) + 1));
  for (guint w = 0; w < n_wards; w++)
    {
      const guint *members;
      guint n;

      if (ward_indices[w] >= self->n_wards)
        continue;
      members = wa_lsoas_get_ward_lsoas (self, ward_indices[w], &n);
      for (guint i = 0; i < n; i++)
        if (g_hash_table_add (seen, GUINT_TO_POINTER (members[i] + 1)))
          g_array_append_val (indices, members[i]);
    }
}

guint
wa_lsoas_get_n_ranked (WaLsoas *self, WaIndicator indicator)
{
  g_return_val_if_fail (indicator < WA_N_INDICATORS, 0);
  return self->n_ranked[indicator];
}

guint
wa_lsoas_decile (WaLsoas *self, const WaLsoa *lsoa, WaIndicator indicator)
{
  guint n = wa_lsoas_get_n_ranked (self, indicator);
  guint rank = lsoa->rank[indicator];

  if (n == 0 || rank == 0 || rank > n)
    return 0;
  /* MHCLG's cut: decile d holds ranks above (d - 1) n / 10 up to d n / 10. */
  return (guint) MIN (10, (rank * (guint64) 10 + n - 1) / n);
}

/* CNI in the most deprived 10 % of LSOAs: -1 without a CNI rank. */
static int
cni_top10 (WaLsoas *self, const WaLsoa *lsoa)
{
  guint n = self->n_ranked[WA_INDICATOR_CNI];

  if (n == 0 || lsoa->rank[WA_INDICATOR_CNI] == 0)
    return -1;
  return lsoa->rank[WA_INDICATOR_CNI] <= wa_rank_threshold_count (10.0, n);
}

static int
both (int a, int b)
{
  if (a == 0 || b == 0)
    return 0;
  return a < 0 || b < 0 ? -1 : 1;
}

int
wa_lsoas_flag (WaLsoas *self, const WaLsoa *lsoa, WaLsoaFlag flag)
{
  guint decile;

  /* Without CNI figures per LSOA (the 2019 edition) neither rule applies. */
  if (flag != WA_LSOA_FLAG_PUBLISHED && self->n_ranked[WA_INDICATOR_CNI] == 0)
    return -1;
  switch (flag)
    {
    case WA_LSOA_FLAG_PUBLISHED:
      return lsoa->published;
    case WA_LSOA_FLAG_REPRODUCED:
      return both (cni_top10 (self, lsoa), lsoa->before_decile1);
    case WA_LSOA_FLAG_CURRENT:
      decile = wa_lsoas_decile (self, lsoa, WA_INDICATOR_IMD);
      return both (cni_top10 (self, lsoa), decile == 0 ? -1 : decile == 1);
    default:
      g_return_val_if_reached (-1);
    }
}

gboolean
wa_lsoas_has_flag (WaLsoas *self, WaLsoaFlag flag)
{
  for (guint i = 0; i < self->lsoas->len; i++)
    if (wa_lsoas_flag (self, wa_lsoas_get (self, i), flag) >= 0)
      return TRUE;
  return FALSE;
}

static gint
compare_by_code (gconstpointer a, gconstpointer b, gpointer data)
{
  WaLsoas *self = data;

  return strcmp (wa_lsoas_get (self, *(const guint *) a)->code,
                 wa_lsoas_get (self, *(const guint *) b)->code);
}

static void
build_ward_lists (WaLsoas *self)
{
  self->ward_lsoas = g_new0 (GArray *, MAX (self->n_wards, 1));
  for (guint w = 0; w < self->n_wards; w++)
    self->ward_lsoas[w] = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->lsoas->len; i++)
    g_array_append_val (self->ward_lsoas[wa_lsoas_get (self, i)->ward_index], i);
  for (guint w = 0; w < self->n_wards; w++)
    g_array_sort_with_data (self->ward_lsoas[w], compare_by_code, self);
}

const guint *
wa_lsoas_get_ward_lsoas (WaLsoas *self, guint ward_index, guint *out_n)
{
  g_return_val_if_fail (ward_index < self->n_wards, NULL);

  if (self->ward_lsoas == NULL)
    build_ward_lists (self);
  *out_n = self->ward_lsoas[ward_index]->len;
  return (const guint *) self->ward_lsoas[ward_index]->data;
}

void
wa_lsoas_summarise_ward (WaLsoas *self, guint ward_index, WaLsoaWardSummary *out)
{
  gboolean known[WA_N_LSOA_FLAGS] = { FALSE };
  const guint *indices;
  guint n;

  memset (out, 0, sizeof *out);
  indices = wa_lsoas_get_ward_lsoas (self, ward_index, &n);
  out->n_lsoas = n;
  for (guint i = 0; i < n; i++)
    {
      const WaLsoa *lsoa = wa_lsoas_get (self, indices[i]);

      out->n_imd_decile1 += wa_lsoas_decile (self, lsoa, WA_INDICATOR_IMD) == 1;
      out->n_cni_top10 += cni_top10 (self, lsoa) == 1;
      if (lsoa->population >= 0)
        out->population += lsoa->population;
      for (WaLsoaFlag f = 0; f < WA_N_LSOA_FLAGS; f++)
        {
          int flag = wa_lsoas_flag (self, lsoa, f);

          known[f] |= flag >= 0;
          if (flag == 1)
            {
              out->n_flagged[f]++;
              out->population_flagged[f] += MAX (lsoa->population, 0);
            }
        }
    }
  for (WaLsoaFlag f = 0; f < WA_N_LSOA_FLAGS; f++)
    out->share_flagged[f] = known[f] && out->population > 0
                            ? (double) out->population_flagged[f] / (double) out->population : NAN;
}

WaIndicator
wa_lsoas_map_indicator (WaLsoas *self)
{
  return self->n_ranked[WA_INDICATOR_CNI] > 0 ? WA_INDICATOR_CNI : WA_INDICATOR_IMD;
}

gboolean
wa_lsoas_all_ranked_on_map (WaLsoas *self)
{
  return wa_lsoas_get_n_ranked (self, wa_lsoas_map_indicator (self)) >= wa_lsoas_get_n (self);
}

char *
wa_lsoa_decile_key_text (guint band)
{
  if (band == 0)
    return g_strdup (_("Decile 1 (most deprived 10 %)"));
  if (band == 9)
    return g_strdup_printf (_("Decile %u (least deprived)"), band + 1);
  return g_strdup_printf (_("Decile %u"), band + 1);
}

const char *
wa_lsoa_key_most_text (void)
{
  return _("Most deprived");
}

const char *
wa_lsoa_key_least_text (void)
{
  /* Translators: the light end of the one-line LSOA key, after
   * "Most deprived" and the colour ramp. */
  return _("least");
}

char *
wa_lsoas_dup_key_title (WaLsoas *self, const char *imd_vintage)
{
  gboolean cni = wa_lsoas_map_indicator (self) == WA_INDICATOR_CNI;

  /* Translators: the legend title over the neighbourhood layer,
   * e.g. "LSOA deciles, CNI 2023". */
  return g_strdup_printf (_("LSOA deciles, %s %s"), cni ? _("CNI") : _("IMD"),
                          cni ? "2023" : imd_vintage);
}

const char *
wa_lsoas_key_caption (WaLsoas *self)
{
  /* Short: the legend must not cover the close view it explains. */
  return wa_lsoas_has_flag (self, WA_LSOA_MAP_FLAG)
         ? _("Each LSOA’s own decile; narrower double outline: OCSI’s 2023 list.")
         : _("Each LSOA’s own decile; wards outlined over them.");
}

void
wa_lsoas_get_facts (WaLsoas *self, guint index, WaLsoaFacts *out)
{
  const WaLsoa *lsoa = wa_lsoas_get (self, index);
  WaLsoaWardSummary summary;

  g_return_if_fail (lsoa != NULL);
  out->imd_decile = wa_lsoas_decile (self, lsoa, WA_INDICATOR_IMD);
  out->cni_decile = wa_lsoas_decile (self, lsoa, WA_INDICATOR_CNI);
  for (WaLsoaFlag f = 0; f < WA_N_LSOA_FLAGS; f++)
    out->flag[f] = wa_lsoas_flag (self, lsoa, f);
  /* The ward's population is the sum of its LSOAs' (the ONS best fit). */
  wa_lsoas_summarise_ward (self, lsoa->ward_index, &summary);
  out->ward_share = lsoa->population >= 0 && summary.population > 0
                    ? (double) lsoa->population / (double) summary.population : NAN;
}

/* ---- boundaries --------------------------------------------------------- */

void
wa_lsoas_set_geometry_reader (WaLsoas *self, WaLsoaGeometryReader reader,
                              gpointer data, GDestroyNotify destroy)
{
  g_mutex_lock (&self->geometry_lock);
  if (self->reader_destroy != NULL)
    self->reader_destroy (self->reader_data);
  self->reader = reader;
  self->reader_data = data;
  self->reader_destroy = destroy;
  g_mutex_unlock (&self->geometry_lock);
}

static void
geometry_clear (gpointer geometry)
{
  if (geometry != NULL)
    wa_geometry_unref (geometry);
}

/* With the lock held: runs the reader and indexes what it read. */
static void
read_geometry (WaLsoas *self)
{
  g_autoptr(GPtrArray) geometries = NULL;
  GError *error = NULL;

  if (self->reader == NULL)
    {
      g_set_error_literal (&self->geometry_error, WA_ERROR, WA_ERROR_MISSING,
                           _("The pack has no neighbourhood boundaries"));
      g_atomic_int_set (&self->geometry_state, GEOMETRY_FAILED);
      return;
    }
  geometries = g_ptr_array_new_full (self->lsoas->len, geometry_clear);
  g_ptr_array_set_size (geometries, self->lsoas->len);
  if (!self->reader (self, geometries, self->reader_data, &error))
    {
      self->geometry_error = error;
      g_atomic_int_set (&self->geometry_state, GEOMETRY_FAILED);
      return;
    }
  wa_bbox_init_empty (&self->extent);
  for (guint i = 0; i < geometries->len; i++)
    if (g_ptr_array_index (geometries, i) != NULL)
      wa_bbox_extend (&self->extent, wa_geometry_get_bbox (g_ptr_array_index (geometries, i)));
  if (self->extent.min_x <= self->extent.max_x)
    {
      self->grid = wa_spatial_index_new (&self->extent, GEOMETRY_CELL_DEGREES);
      for (guint i = 0; i < geometries->len; i++)
        if (g_ptr_array_index (geometries, i) != NULL)
          wa_spatial_index_insert (self->grid,
                                   wa_geometry_get_bbox (g_ptr_array_index (geometries, i)), i);
    }
  self->geometries = g_steal_pointer (&geometries);
  /* Published last: readers that see READY see everything above. */
  g_atomic_int_set (&self->geometry_state, GEOMETRY_READY);
}

gboolean
wa_lsoas_ensure_geometry (WaLsoas *self, GError **error)
{
  gint state = g_atomic_int_get (&self->geometry_state);

  if (state == GEOMETRY_UNREAD)
    {
      g_mutex_lock (&self->geometry_lock);
      if (g_atomic_int_get (&self->geometry_state) == GEOMETRY_UNREAD)
        read_geometry (self);
      g_mutex_unlock (&self->geometry_lock);
      state = g_atomic_int_get (&self->geometry_state);
    }
  if (state == GEOMETRY_READY)
    return TRUE;
  if (error != NULL)
    *error = g_error_copy (self->geometry_error);
  return FALSE;
}

gboolean
wa_lsoas_has_geometry (WaLsoas *self)
{
  return g_atomic_int_get (&self->geometry_state) == GEOMETRY_READY;
}

WaGeometry *
wa_lsoas_get_geometry (WaLsoas *self, guint index)
{
  g_return_val_if_fail (index < self->lsoas->len, NULL);
  if (!wa_lsoas_ensure_geometry (self, NULL))
    return NULL;
  return g_ptr_array_index (self->geometries, index);
}

void
wa_lsoas_query_box (WaLsoas *self, const WaBBox *box, GArray *out_indices)
{
  if (!wa_lsoas_ensure_geometry (self, NULL) || self->grid == NULL
      || !wa_bbox_intersects (box, &self->extent))
    return;
  wa_spatial_index_query_box (self->grid, box, out_indices);
}

int
wa_lsoas_locate (WaLsoas *self, double lon, double lat)
{
  const guint *candidates;
  guint n = 0;

  if (!isfinite (lon) || !isfinite (lat) || !wa_lsoas_ensure_geometry (self, NULL)
      || self->grid == NULL || !wa_bbox_contains (&self->extent, lon, lat))
    return -1;
  candidates = wa_spatial_index_query_point (self->grid, lon, lat, &n);
  for (guint i = 0; i < n; i++)
    {
      WaGeometry *geometry = g_ptr_array_index (self->geometries, candidates[i]);

      if (geometry != NULL && wa_bbox_contains (wa_geometry_get_bbox (geometry), lon, lat)
          && wa_geometry_contains (geometry, lon, lat))
        return (int) candidates[i];
    }
  return -1;
}

const char *
wa_lsoa_flag_id (WaLsoaFlag flag)
{
  static const char *const ids[WA_N_LSOA_FLAGS] = { "published", "reproduced", "current" };

  g_return_val_if_fail (flag < WA_N_LSOA_FLAGS, NULL);
  return ids[flag];
}

const char *
wa_lsoa_flag_describe (WaLsoaFlag flag)
{
  static const char *const words[WA_N_LSOA_FLAGS] = {
    N_("Left-behind neighbourhoods as OCSI published them for 2023"),
    N_("OCSI's 2023 rule recomputed: CNI 2023 in the most deprived 10 % of LSOAs and IMD 2019 decile 1"),
    N_("Recomputed with the current indices: CNI 2023 in the most deprived 10 % of LSOAs and IMD 2025 decile 1"),
  };

  g_return_val_if_fail (flag < WA_N_LSOA_FLAGS, NULL);
  return _(words[flag]);
}
