/* wa-asset-section.h: the ward panel's "Social Infrastructure" section:
 * per domain, each category's count, rate per 1,000 and a comparison bar
 * (England and similar wards), "not covered" where no dataset covers the
 * ward, and an expandable list of the ward's assets. */
#pragma once

#include <gtk/gtk.h>
#include "wa-asset.h"

G_BEGIN_DECLS

#define WA_TYPE_ASSET_SECTION (wa_asset_section_get_type ())
G_DECLARE_FINAL_TYPE (WaAssetSection, wa_asset_section, WA, ASSET_SECTION, GtkWidget)

/* Signal "asset-activated" (guint index): the user chose an asset in the
 * list. The section then also activates "win.show-asset" with the index,
 * which the window's asset layer handles (centres the map on it). */
GtkWidget *wa_asset_section_new (void);
void       wa_asset_section_set_atlas (WaAssetSection *self, WaAtlas *atlas);
void       wa_asset_section_set_ward  (WaAssetSection *self, WaWard *ward);
/* The user's own lists: a "Your Lists" group with a row per list, as a
 * category's, following the store's "changed". */
typedef struct _WaUserListsStore WaUserListsStore;
void       wa_asset_section_set_user_lists (WaAssetSection *self, WaUserListsStore *store);

G_END_DECLS
