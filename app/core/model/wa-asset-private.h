/* wa-asset-private.h: the atlas's side of its assets: reading the pack's
 * asset layers when it opens, and freeing them with it. */
#pragma once

#include "wa-asset.h"

G_BEGIN_DECLS

/* Reads the asset layers of the pack open as gdal_dataset (a GDALDatasetH)
 * at path. The atlas must already hold its wards and ranks; the result
 * follows the atlas's "ranks-changed" until wa_assets_free. */
WaAssets             *wa_assets_load (WaAtlas *atlas, void *gdal_dataset, const char *path,
                                      GError **error);
/* No datasets and no points, so no ward is covered: what a refused pack's
 * atlas holds (wa_atlas_open_progressive_async). */
WaAssets             *wa_assets_new_empty (WaAtlas *atlas, const char *path);
void                  wa_assets_free (WaAssets *self);

/* One category's England-wide reference figures, shared by the built-in
 * categories and the user's lists (wa-user-list.c) so both are computed
 * alike. */
typedef struct {
  double england_median;   /* median of the covered wards' rates */
  guint n_covered;         /* wards with a rate */
  double england_rate;     /* pooled, per 1,000 */
  double mean_rate;
  double share_with_any;
  double p95_rate;         /* 95th percentile of the rates */
} WaAssetReference;

/* rates: one per ward of atlas, NAN where not covered or the population is
 * unknown; counts: ward w's count at counts[w * stride]; populations: one
 * per ward (wa_asset_ward_populations), or NULL to read them. */
void                  wa_asset_reference_compute (WaAtlas *atlas, const double *rates,
                                                  const guint *counts, gsize stride,
                                                  const gint64 *populations, WaAssetReference *out);
/* Each ward's population, in ward order (free it). */
gint64               *wa_asset_ward_populations  (WaAtlas *atlas);
/* All places of the wards over all their residents, per 1,000; NAN without residents. */
double                wa_asset_pooled_rate (WaAtlas *atlas, const guint *wards, guint n,
                                            const guint *counts, gsize stride);
/* WaAssetStat.scale_max: the largest known of the three. */
double                wa_asset_scale_max (double p95_rate, double england_rate, double similar_rate);

G_END_DECLS
