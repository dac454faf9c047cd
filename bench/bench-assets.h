/* bench-assets.h: asset figures: z14 asset-tile drawing and ward panel
 * fill (the import time is printed by the pack builder: "Built assets"). */
#pragma once

#include "wa-atlas.h"

void bench_assets (WaAtlas *atlas);
