/* wa-atlas-ranks.c: the atlas's rank state: the current rank method, each
 * ward's combined rank and classification under it, and results for other
 * methods without changing the current one (for comparisons). The
 * arithmetic itself is wa-rank-method.c; this file feeds it the wards. */
#include <glib/gi18n-lib.h>

#include "wa-atlas-private.h"

#include <math.h>
#include "wa-ward-private.h"
#include "wa-atlas.h"
#include "wa-edition.h"
#include "wa-error.h"
#include "wa-indicator.h"
#include "wa-rank-method.h"
#include "wa-ward.h"

void
wa_atlas_default_rank_params (WaAtlas *self, WaRankParams *out_params)
{
  wa_rank_params_init (out_params);
  out_params->method = wa_rank_method_default_for (self->edition);
}

gboolean
wa_atlas_apply_ranks (WaAtlas             *self,
                      const WaRankParams  *params,
                      GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  WaRankParams defaults;

  if (params == NULL || !wa_rank_params_validate (params, self->edition, NULL))
    {
      wa_atlas_default_rank_params (self, &defaults);
      params = &defaults;
    }
  /* Ranks that contradict each other: say which file. */
  if (!wa_atlas_set_rank_params (self, params, &local_error))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_SCHEMA, _("%s: the pack is damaged: %s"), self->path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
wa_atlas_apply_default_ranks (WaAtlas  *self,
                              GError  **error)
{
  return wa_atlas_apply_ranks (self, NULL, error);
}

/* Each ward's share of residents in the published left-behind
 * neighbourhoods, kept on the ward for the rank method, the ranking table
 * and exports; left NAN when the pack has no published flag. */
void
wa_atlas_assign_neighbourhood_shares (WaAtlas *self)
{
  if (!wa_lsoas_has_flag (self->lsoas, WA_LSOA_FLAG_PUBLISHED))
    return;
  for (guint w = 0; w < self->wards->len; w++)
    {
      WaLsoaWardSummary summary;

      wa_lsoas_summarise_ward (self->lsoas, w, &summary);
      wa_ward_set_neighbourhood_share (g_ptr_array_index (self->wards, w),
                                       summary.share_flagged[WA_LSOA_FLAG_PUBLISHED]);
    }
}

/* 0 when unknown (the method is then unavailable). */
static double
neighbourhood_share (WaWard *ward)
{
  double share = wa_ward_get_neighbourhood_share (ward);

  return isnan (share) ? 0 : share;
}

static void
fill_rank_inputs (WaAtlas *self, WaRankInput *inputs)
{
  for (guint w = 0; w < self->wards->len; w++)
    {
      WaWard *ward = g_ptr_array_index (self->wards, w);

      inputs[w].imd_rank = wa_ward_get_imd_rank (ward);
      inputs[w].imd_n = self->n_ranked[WA_INDICATOR_IMD];
      inputs[w].cni_rank = wa_ward_get_cni_rank (ward);
      inputs[w].cni_n = self->n_ranked[WA_INDICATOR_CNI];
      inputs[w].official = wa_ward_get_official_left_behind (ward);
      inputs[w].code = wa_ward_get_code (ward);
      inputs[w].neighbourhood_share = neighbourhood_share (ward);
    }
}

const WaRankParams *
wa_atlas_get_rank_params (WaAtlas *self)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  return &self->rank_params;
}

gboolean
wa_atlas_compute_ranks (WaAtlas             *self,
                        const WaRankParams  *params,
                        WaRankResult        *out_results,
                        GError             **error)
{
  g_autofree WaRankInput *inputs = NULL;

  g_return_val_if_fail (WA_IS_ATLAS (self), FALSE);
  if (!wa_rank_params_validate (params, self->edition, error))
    return FALSE;
  inputs = g_new0 (WaRankInput, self->wards->len);
  fill_rank_inputs (self, inputs);
  return wa_rank_method_compute (params, inputs, self->wards->len, out_results, error);
}

gboolean
wa_atlas_set_rank_params (WaAtlas             *self,
                          const WaRankParams  *params,
                          GError             **error)
{
  g_autofree WaRankResult *results = NULL;

  g_return_val_if_fail (WA_IS_ATLAS (self), FALSE);
  /* The window sets the saved method on every pack it opens, most often
   * the one the pack was just ranked with: ranking again and telling every
   * view (the table re-sorts, the assets recompute their percentiles)
   * took 30-50 ms of the launch for the same ranks. */
  if (self->ranked && wa_rank_params_equal (&self->rank_params, params))
    return TRUE;
  results = g_new0 (WaRankResult, self->wards->len);
  if (!wa_atlas_compute_ranks (self, params, results, error))
    return FALSE;
  self->rank_params = *params;
  self->ranked = TRUE;
  for (guint w = 0; w < self->wards->len; w++)
    wa_ward_set_rank_result (g_ptr_array_index (self->wards, w),
                             results[w].combined_rank, results[w].left_behind);
  wa_atlas_emit_ranks_changed (self);
  return TRUE;
}

/* Combined rank ascending, unranked (0) last, then by code for a stable order. */
static int
compare_by_combined_rank (gconstpointer a, gconstpointer b)
{
  WaWard *wa = *(WaWard * const *) a, *wb = *(WaWard * const *) b;
  guint ra = wa_ward_get_combined_rank (wa), rb = wa_ward_get_combined_rank (wb);

  if (ra != rb)
    return ra == 0 ? 1 : rb == 0 ? -1 : (ra < rb ? -1 : 1);
  return g_strcmp0 (wa_ward_get_code (wa), wa_ward_get_code (wb));
}

gboolean
wa_atlas_compare_methods (WaAtlas             *self,
                          const WaRankParams  *a,
                          const WaRankParams  *b,
                          GPtrArray          **only_a,
                          GPtrArray          **only_b,
                          GError             **error)
{
  guint n;
  g_autofree WaRankResult *ra = NULL;
  g_autofree WaRankResult *rb = NULL;

  g_return_val_if_fail (WA_IS_ATLAS (self), FALSE);
  n = self->wards->len;
  ra = g_new0 (WaRankResult, n);
  rb = g_new0 (WaRankResult, n);
  if (!wa_atlas_compute_ranks (self, a, ra, error)
      || !wa_atlas_compute_ranks (self, b, rb, error))
    return FALSE;
  *only_a = g_ptr_array_new ();
  *only_b = g_ptr_array_new ();
  for (guint w = 0; w < n; w++)
    {
      if (ra[w].left_behind && !rb[w].left_behind)
        g_ptr_array_add (*only_a, g_ptr_array_index (self->wards, w));
      else if (rb[w].left_behind && !ra[w].left_behind)
        g_ptr_array_add (*only_b, g_ptr_array_index (self->wards, w));
    }
  return TRUE;
}

GPtrArray *
wa_atlas_dup_ranked (WaAtlas  *self,
                     gboolean  left_behind_only)
{
  GPtrArray *wards;

  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  wards = g_ptr_array_new ();
  for (guint w = 0; w < self->wards->len; w++)
    if (!left_behind_only || wa_ward_get_left_behind (g_ptr_array_index (self->wards, w)))
      g_ptr_array_add (wards, g_ptr_array_index (self->wards, w));
  g_ptr_array_sort (wards, compare_by_combined_rank);
  return wards;
}

GPtrArray *
wa_atlas_dup_left_behind (WaAtlas *self)
{
  return wa_atlas_dup_ranked (self, TRUE);
}
