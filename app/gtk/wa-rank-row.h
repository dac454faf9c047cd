/* wa-rank-row.h: one row slot of the ranking table. The table keeps a
 * fixed set of slots and changes which ward each shows, so that sorting
 * or filtering rebinds the visible cells instead of rebuilding every row
 * widget (GTK 4.8 recreates up to 200 rows x 13 cells when the items
 * themselves change). */
#pragma once

#include <glib-object.h>
#include "wa-ward.h"

G_BEGIN_DECLS

#define WA_TYPE_RANK_ROW (wa_rank_row_get_type ())
G_DECLARE_FINAL_TYPE (WaRankRow, wa_rank_row, WA, RANK_ROW, GObject)

/* Property "ward" (WaWard, borrowed from the atlas, which outlives rows). */
WaRankRow *wa_rank_row_new (void);
WaWard    *wa_rank_row_get_ward (WaRankRow *self);
/* Notifies "ward" when it changes, or always with force (new ranks). */
void       wa_rank_row_set_ward (WaRankRow *self, WaWard *ward, gboolean force);

G_END_DECLS
