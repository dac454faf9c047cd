/* wa-briefing-private.h: shared by the briefing's source files. */
#pragma once

#include "wa-briefing.h"
#include "wa-page-layout.h"

G_BEGIN_DECLS

/* The "Social infrastructure" section for a ward: its community assets
 * by domain against England and similar wards, or, for a pack without
 * asset data, a section that says so. */
void wa_briefing_add_social_infrastructure (WaPageLayout *doc, WaAtlas *atlas, WaWard *ward);
/* The same for the wards of a council or region: totals and rates over
 * the wards each category's data cover. */
void wa_briefing_add_area_social_infrastructure (WaPageLayout *doc, WaAtlas *atlas,
                                                 GPtrArray *wards);

G_END_DECLS
