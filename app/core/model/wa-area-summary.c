/* wa-area-summary.c */
#include <math.h>

#include "wa-area-summary.h"
#include "wa-atlas.h"
#include "wa-indicator.h"
#include "wa-stats.h"
#include "wa-ward.h"

int
wa_ward_compare_by_combined_rank (gconstpointer a, gconstpointer b)
{
  WaWard *wa = *(WaWard **) a, *wb = *(WaWard **) b;
  guint ra = wa_ward_get_combined_rank (wa), rb = wa_ward_get_combined_rank (wb);

  ra = ra == 0 ? G_MAXUINT : ra;
  rb = rb == 0 ? G_MAXUINT : rb;
  if (ra != rb)
    return ra < rb ? -1 : 1;
  return g_utf8_collate (wa_ward_get_name (wa), wa_ward_get_name (wb));
}

static gboolean
in_area (WaWard *ward, WaAreaKind kind, const char *code)
{
  switch (kind)
    {
    case WA_AREA_LAD:
      return g_strcmp0 (wa_ward_get_lad_code (ward), code) == 0;
    case WA_AREA_REGION:
      return g_strcmp0 (wa_ward_get_region_code (ward), code) == 0;
    case WA_AREA_LAND:
    default:
      return TRUE;
    }
}

static GPtrArray *
area_wards (WaAtlas *atlas, WaAreaKind kind, const char *code)
{
  GPtrArray *wards = g_ptr_array_new ();

  for (guint i = 0; i < wa_atlas_get_n_wards (atlas); i++)
    {
      WaWard *ward = wa_atlas_get_ward (atlas, i);

      if (in_area (ward, kind, code))
        g_ptr_array_add (wards, ward);
    }
  return wards;
}

GPtrArray *
wa_area_dup_wards (WaAtlas *atlas, WaAreaKind kind, const char *code)
{
  GPtrArray *wards;

  g_return_val_if_fail (WA_IS_ATLAS (atlas), g_ptr_array_new ());
  wards = area_wards (atlas, kind, code);
  g_ptr_array_sort (wards, wa_ward_compare_by_combined_rank);
  return wards;
}

void
wa_area_summarize_area (WaAtlas *atlas, WaAreaKind kind, const char *code, WaAreaSummary *out)
{
  g_autoptr(GPtrArray) wards = NULL;

  g_return_if_fail (WA_IS_ATLAS (atlas));
  wards = area_wards (atlas, kind, code);
  wa_area_summarize (wards, out);
}

/* NAN for no values. */
static double
median_of (GArray *values)
{
  return values->len > 0 ? wa_stats_median ((double *) (void *) values->data, values->len) : NAN;
}

static void
add_rank (GArray *values, guint rank)
{
  double value = rank;

  if (rank > 0)
    g_array_append_val (values, value);
}

/* A summary's counts (n_wards to left_behind_population) with ward added. */
static void
count_ward (WaAreaSummary *out, WaWard *ward)
{
  gint64 population = wa_ward_get_population (ward);

  out->n_wards++;
  out->n_ranked += wa_ward_get_combined_rank (ward) > 0;
  if (population > 0)
    out->population += population;
  if (wa_ward_get_left_behind (ward))
    {
      out->n_left_behind++;
      if (population > 0)
        out->left_behind_population += population;
    }
}

void
wa_area_summarize (GPtrArray *wards, WaAreaSummary *out)
{
  g_autoptr(GArray) combined = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) imd = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cni = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) imd_score = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cni_score = g_array_new (FALSE, FALSE, sizeof (double));

  *out = (WaAreaSummary) { 0 };
  for (guint i = 0; i < wards->len; i++)
    {
      WaWard *ward = g_ptr_array_index (wards, i);
      double s;

      count_ward (out, ward);
      add_rank (combined, wa_ward_get_combined_rank (ward));
      add_rank (imd, wa_ward_get_imd_rank (ward));
      add_rank (cni, wa_ward_get_cni_rank (ward));
      s = wa_ward_get_figure (ward, WA_INDICATOR_IMD)->score;
      if (!isnan (s))
        g_array_append_val (imd_score, s);
      s = wa_ward_get_figure (ward, WA_INDICATOR_CNI)->score;
      if (!isnan (s))
        g_array_append_val (cni_score, s);
    }
  out->median_combined_rank = median_of (combined);
  out->median_imd_rank = median_of (imd);
  out->median_cni_rank = median_of (cni);
  out->median_imd_score = median_of (imd_score);
  out->median_cni_score = median_of (cni_score);
}

static void
init_counts (WaAreaSummary *out)
{
  *out = (WaAreaSummary) { 0 };
  out->median_combined_rank = out->median_imd_rank = out->median_cni_rank = NAN;
  out->median_imd_score = out->median_cni_score = NAN;
}

void
wa_area_count_regions (WaAtlas *atlas, WaAreaSummary *out_land, WaAreaSummary *out_regions)
{
  GPtrArray *regions;
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (WA_IS_ATLAS (atlas));
  regions = wa_atlas_get_areas (atlas, WA_AREA_REGION);
  init_counts (out_land);
  for (guint r = 0; r < regions->len; r++)
    {
      const WaArea *region = g_ptr_array_index (regions, r);

      init_counts (&out_regions[r]);
      if (!g_hash_table_contains (by_code, region->code))
        g_hash_table_insert (by_code, region->code, &out_regions[r]);
    }
  for (guint i = 0; i < wa_atlas_get_n_wards (atlas); i++)
    {
      WaWard *ward = wa_atlas_get_ward (atlas, i);
      const char *code = wa_ward_get_region_code (ward);
      WaAreaSummary *region = code != NULL ? g_hash_table_lookup (by_code, code) : NULL;

      count_ward (out_land, ward);
      if (region != NULL)
        count_ward (region, ward);
    }
  /* A code listed twice (a damaged pack) counts the same wards twice over. */
  for (guint r = 0; r < regions->len; r++)
    {
      const WaArea *region = g_ptr_array_index (regions, r);
      WaAreaSummary *counted = g_hash_table_lookup (by_code, region->code);

      if (counted != &out_regions[r])
        out_regions[r] = *counted;
    }
}
