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
void                  wa_assets_free (WaAssets *self);

G_END_DECLS
