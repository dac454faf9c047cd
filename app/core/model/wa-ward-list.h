/* wa-ward-list.h: an atlas's wards as a GListModel, read-only. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WA_TYPE_WARD_LIST (wa_ward_list_get_type ())
G_DECLARE_FINAL_TYPE (WaWardList, wa_ward_list, WA, WARD_LIST, GObject)

/* A view of wards (WaWard*), which it keeps a reference to: their number
 * and order must not change once anyone may be watching the model, as it
 * never says items-changed. */
WaWardList *wa_ward_list_new (GPtrArray *wards);

G_END_DECLS
