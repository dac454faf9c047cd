/* bench-custom-area.h: a custom area's figures (wa-custom-area.h): an
 * area of 50 wards and a drawn polygon of 10,000 vertices. */
#pragma once

#include "wa-atlas.h"

void bench_custom_area (WaAtlas *atlas);
