/* bench-user-list.h: importing a user's list of 50,000 places by
 * postcode (wa-user-list.h): reading the CSV and locating every row. */
#pragma once

#include "wa-atlas.h"

void bench_user_list (WaAtlas *atlas);
