/* bench-briefing.h: how long briefings take to write. */
#pragma once

#include "wa-atlas.h"

/* A ward briefing (target < 2 s) and the area briefing for Birmingham, the
 * largest council (target < 5 s), each made and written to a PDF file. */
void bench_briefings (WaAtlas *atlas);
