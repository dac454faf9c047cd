/* wa-rank-filter-popover.h: the ranking table's local-authority filter: a
 * searchable list of the atlas's local authorities, one tick box each. It
 * edits the authorities of the WaWardFilter it is given, says "changed"
 * when the user changes them, and offers a summary for its button. */
#pragma once

#include <gtk/gtk.h>
#include "wa-atlas.h"
#include "wa-ward-filter.h"

G_BEGIN_DECLS

#define WA_TYPE_RANK_FILTER_POPOVER (wa_rank_filter_popover_get_type ())
G_DECLARE_FINAL_TYPE (WaRankFilterPopover, wa_rank_filter_popover, WA, RANK_FILTER_POPOVER, GtkPopover)

/* Signals:
 * "changed": the user ticked, unticked or cleared authorities; the
 * filter already holds them.
 * Properties:
 * "summary" (string, read-only): "All Authorities", the one authority's
 * name, or "3 Authorities"; notified whenever the choice is set again. */
GtkWidget  *wa_rank_filter_popover_new (void);
/* The filter whose authorities the popover edits (borrowed: its owner
 * keeps it for the popover's lifetime). */
void        wa_rank_filter_popover_set_filter (WaRankFilterPopover *self, WaWardFilter *filter);
/* Lists the atlas's authorities by name, none ticked (the rows are made
 * when the popover is first shown). */
void        wa_rank_filter_popover_set_atlas (WaRankFilterPopover *self, WaAtlas *atlas);
/* Unticks every authority, without "changed". */
void        wa_rank_filter_popover_clear (WaRankFilterPopover *self);
const char *wa_rank_filter_popover_get_summary (WaRankFilterPopover *self);

G_END_DECLS
