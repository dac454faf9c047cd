/* wa-asset-benchmark.c: the APPG's three-way benchmark (see the header). */
#include "wa-asset-benchmark.h"
#include "wa-atlas.h"
#include "wa-indicator.h"
#include "wa-ward.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

double
wa_asset_benchmark_rate (guint64 count, gint64 residents)
{
  if (residents <= 0)
    return NAN;
  return (double) count * 100000.0 / (double) residents;
}

static WaBenchmarkGroup
ward_group (const WaBenchmarkWard *ward)
{
  if (ward->left_behind)
    return WA_BENCHMARK_LEFT_BEHIND;
  return ward->most_deprived ? WA_BENCHMARK_OTHER_DEPRIVED : WA_BENCHMARK_REST;
}

static void
add_ward (WaBenchmarkFigures *figures, const WaBenchmarkWard *ward)
{
  figures->n_wards++;
  figures->residents += ward->population;
  figures->count += ward->count;
}

void
wa_asset_benchmark_compute (const WaBenchmarkWard *wards, guint n_wards,
                            WaAssetCategory category, WaBenchmarkRow *out)
{
  memset (out, 0, sizeof *out);
  out->category = category;
  for (guint w = 0; w < n_wards; w++)
    {
      if (wards[w].population <= 0)
        {
          out->n_wards_no_population++;
          out->count_no_population += wards[w].count;
          continue;
        }
      add_ward (&out->groups[ward_group (&wards[w])], &wards[w]);
      add_ward (&out->england, &wards[w]);
    }
  for (guint g = 0; g < WA_N_BENCHMARK_GROUPS; g++)
    out->groups[g].rate = wa_asset_benchmark_rate (out->groups[g].count, out->groups[g].residents);
  out->england.rate = wa_asset_benchmark_rate (out->england.count, out->england.residents);

  /* Compared as count / population < England's count / residents, in
   * integers, so a ward exactly at England's rate is never "below" through
   * rounding. */
  for (guint w = 0; w < n_wards; w++)
    if (wards[w].population > 0 && wards[w].left_behind
        && (double) wards[w].count * (double) out->england.residents
           < (double) out->england.count * (double) wards[w].population)
      out->n_left_behind_below++;
  out->share_left_behind_below = out->groups[WA_BENCHMARK_LEFT_BEHIND].n_wards > 0
    ? (double) out->n_left_behind_below / out->groups[WA_BENCHMARK_LEFT_BEHIND].n_wards
    : NAN;
}

gboolean
wa_assets_category_is_national (WaAssets *assets, WaAssetCategory category)
{
  GPtrArray *datasets = wa_assets_get_datasets (assets);

  for (guint i = 0; i < datasets->len; i++)
    {
      const WaAssetDataset *d = g_ptr_array_index (datasets, i);

      if ((d->categories & (1u << category)) && d->coverage_lads == NULL)
        return TRUE;
    }
  return FALSE;
}

gboolean
wa_asset_benchmark_most_deprived (WaAtlas *atlas, WaWard *ward)
{
  guint n_ranked = wa_atlas_get_n_ranked (atlas, WA_INDICATOR_IMD);
  guint rank = wa_ward_get_imd_rank (ward);

  /* rank * 10 <= n: the first tenth, without rounding a fraction up. */
  return rank > 0 && (guint64) rank * 10 <= n_ranked;
}

void
wa_asset_benchmark_fill_wards (WaAtlas *atlas, WaBenchmarkWard *out)
{
  guint n_wards = wa_atlas_get_n_wards (atlas);

  for (guint w = 0; w < n_wards; w++)
    {
      WaWard *ward = wa_atlas_get_ward (atlas, w);

      out[w].population = wa_ward_get_population (ward);
      out[w].left_behind = wa_ward_get_left_behind (ward);
      out[w].most_deprived = wa_asset_benchmark_most_deprived (atlas, ward);
      out[w].count = 0;
    }
}

GArray *
wa_asset_benchmark_dup_rows (WaAtlas *atlas)
{
  WaAssets *assets = wa_atlas_get_assets (atlas);
  guint n_wards = wa_atlas_get_n_wards (atlas);
  g_autofree WaBenchmarkWard *all = g_new0 (WaBenchmarkWard, MAX (n_wards, 1));
  g_autofree WaBenchmarkWard *covered = g_new0 (WaBenchmarkWard, MAX (n_wards, 1));
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (WaBenchmarkRow));

  wa_asset_benchmark_fill_wards (atlas, all);
  for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    {
      WaBenchmarkRow row;
      guint n = 0;

      if (!wa_assets_category_is_national (assets, c))
        continue;
      /* Only the wards the data covers: a ward without a boundary has no
       * places because none could be placed in it, not because it lacks them. */
      for (guint w = 0; w < n_wards; w++)
        if (wa_assets_is_covered (assets, w, c))
          {
            covered[n] = all[w];
            covered[n++].count = wa_assets_get_count (assets, w, c);
          }
      wa_asset_benchmark_compute (covered, n, c, &row);
      g_array_append_val (rows, row);
    }
  return rows;
}

const char *
wa_asset_benchmark_group_name (WaBenchmarkGroup group)
{
  switch (group)
    {
    case WA_BENCHMARK_LEFT_BEHIND:
      return _("Left-behind wards");
    case WA_BENCHMARK_OTHER_DEPRIVED:
      return _("Other deprived wards");
    case WA_BENCHMARK_REST:
    default:
      return _("Other wards");
    }
}

const char *
wa_asset_benchmark_definition (void)
{
  return _("Places per 100,000 residents, all places of a group over all its residents; "
           "left-behind wards under the chosen method; other deprived wards: the 10 % of wards "
           "most deprived on the IMD that are not left behind; England: every ward with a "
           "known population.");
}
