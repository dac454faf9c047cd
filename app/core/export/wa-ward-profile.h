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
GBytes *wa_ward_profile_to_json (WaAtlas *atlas, WaWard *ward);

/* Appends text as a JSON string literal. */
void    wa_json_append_string (GString *out, const char *text);

G_END_DECLS
