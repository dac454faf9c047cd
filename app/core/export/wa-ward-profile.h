/* wa-ward-profile.h: one ward's full profile as CSV or JSON, for users
 * who take the figures into a spreadsheet or their own tools: identity,
 * edition and vintages, the rank method, combined rank, every indicator's
 * score, rank, decile and provenance, community assets per category,
 * neighbours, the comparison with its
 * council, region and England, and the attribution the data requires.
 * Under the atlas's current rank method. */
#pragma once

#include "wa-atlas.h"

G_BEGIN_DECLS

/* A header row and one row per ward; columns do not depend on the ward,
 * so rows of several wards can be stacked. */
GBytes *wa_ward_profile_to_csv  (WaAtlas *atlas, WaWard *ward, GError **error);
/* The same figures as one JSON object; asset figures as wa-json.h writes
 * them everywhere (rate_per_1000 and the medians). */
GBytes *wa_ward_profile_to_json (WaAtlas *atlas, WaWard *ward);

G_END_DECLS
