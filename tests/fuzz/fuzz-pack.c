/* fuzz-pack.c: opening a data pack, a GeoPackage (SQLite) that users copy
 * around, through GDAL. A pack that opens must answer every query the app
 * makes without crashing. */
#include "ward-atlas-core.h"
#include "fuzz-util.h"
#include "wa-asset.h"

/* The social-infrastructure layers (schema 2) are read with the pack. */
static void
exercise_assets (WaAtlas *atlas, const WaBBox *extent)
{
  WaAssets *assets = wa_atlas_get_assets (atlas);
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = 0;

  if (assets == NULL)
    return;
  wa_assets_query (assets, extent, indices);
  for (guint i = 0; i < indices->len; i++)
    g_assert (g_array_index (indices, guint, i) < wa_assets_get_n_assets (assets));
  wa_assets_get_ward_assets (assets, 0, &n);
  for (WaAssetCategory c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    wa_assets_get_count (assets, 0, c);
}

static void
exercise (WaAtlas *atlas)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) ranked = NULL;
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(WaPostcodeHit) hit = NULL;
  g_auto(GStrv) attributions = wa_atlas_dup_attributions (atlas);
  const WaBBox *extent = wa_atlas_get_extent (atlas);
  guint n = wa_atlas_get_n_wards (atlas);

  g_assert (n > 0);
  g_assert (attributions != NULL);
  wa_atlas_locate (atlas, -0.95, 52.05);
  wa_atlas_locate (atlas, (extent->min_x + extent->max_x) / 2, (extent->min_y + extent->max_y) / 2);
  wa_atlas_query_wards (atlas, extent, indices);
  for (guint i = 0; i < MIN (indices->len, 64); i++)
    {
      guint index = g_array_index (indices, guint, i);

      g_assert (index < n);
      for (double zoom = 0; zoom <= 16; zoom += 4)
        wa_atlas_get_ward_geometry_for_zoom (atlas, index, zoom);
    }
  for (WaAreaKind kind = WA_AREA_LAD; kind <= WA_AREA_LAND; kind++)
    for (guint i = 0; i < MIN (wa_atlas_get_areas (atlas, kind)->len, 16); i++)
      wa_atlas_get_area_geometry_for_zoom (atlas, kind, i, 6);
  hit = wa_atlas_lookup_postcode (atlas, "AB1 2CD", NULL);
  hits = wa_atlas_search_postcodes (atlas, "AB", 10);
  for (WaRankMethod method = 0; method < WA_N_RANK_METHODS; method++)
    {
      WaRankParams params;

      wa_rank_params_init (&params);
      params.method = method;
      wa_atlas_set_rank_params (atlas, &params, NULL);
    }
  ranked = wa_atlas_dup_ranked (atlas, FALSE);
  g_assert (ranked->len == n);
  exercise_assets (atlas, extent);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  const char *path = fuzz_write_file (".gpkg", data, size);
  g_autoptr(WaAtlas) atlas = wa_atlas_open (path, &error);

  if (atlas == NULL)
    fuzz_check_message (error);
  else
    exercise (atlas);
  return 0;
}
