/* wa-rank-table-private.h: the ranking table's idle work, seen from the
 * benchmark (bench/) and the widget tests, which wait for it and time it.
 * Not for the app's own code. */
#pragma once

#include "wa-rank-table.h"

G_BEGIN_DECLS

/* Whether the idle-time preparation (wa_rank_table_warm, the wards'
 * caches) is still to run. */
gboolean wa_rank_table_is_preparing (WaRankTable *self);
/* Whether rows are still settling to the shown wards after a filter. */
gboolean wa_rank_table_is_settling (WaRankTable *self);
/* The longest settling slice so far, main-thread CPU milliseconds. */
double   wa_rank_table_get_settle_slice_max (WaRankTable *self);

G_END_DECLS
