/* wa-rank-table.h: the ranking table beside the map: every ward of the
 * current edition in a sortable column view, with region, local authority,
 * left-behind and text filters and a count of the shown wards and their
 * people. Filtering and order come from the core's WaWardFilter and
 * wa_ward_compare, so the table, the CLI and the CSV export agree. */
#pragma once

#include <gtk/gtk.h>
#include "wa-atlas.h"
#include "wa-ward-filter.h"
#include "wa-change-table.h"

G_BEGIN_DECLS

#define WA_TYPE_RANK_TABLE (wa_rank_table_get_type ())
G_DECLARE_FINAL_TYPE (WaRankTable, wa_rank_table, WA, RANK_TABLE, GtkBox)

/* Signals:
 * "ward-selected" (WaWard *ward): the user selected a row. */
GtkWidget  *wa_rank_table_new (void);
/* Follows the atlas's "ranks-changed". NULL empties the table. */
void        wa_rank_table_set_atlas (WaRankTable *self, WaAtlas *atlas);
/* The change since 2019 of the shown atlas (its newer edition), or NULL:
 * adds the 2019 and 2025 position and category columns, the category
 * filter, and, filtered by category, counts the crosswalk's residents in
 * the status. */
void        wa_rank_table_set_change (WaRankTable *self, WaChange *change);
/* Selects the category filter (a WaChangeCategory, < 0 for any). */
void        wa_rank_table_set_change_category (WaRankTable *self, int category);
/* Builds the hidden table's rows and the wards' sort and filter caches in
 * idle time (once the map has drawn), so that opening it later only lays
 * them out and a first sort by name or text filter does not wait. */
void        wa_rank_table_warm (WaRankTable *self);
/* Selects and shows the ward's row (NULL or a hidden ward: no selection);
 * does not emit "ward-selected". */
void        wa_rank_table_select_ward (WaRankTable *self, WaWard *ward);
WaWard     *wa_rank_table_get_selected_ward (WaRankTable *self);

/* The shown wards in the shown order (borrowed WaWard*). */
GPtrArray  *wa_rank_table_dup_shown (WaRankTable *self);
const WaWardFilter *wa_rank_table_get_filter (WaRankTable *self);
void        wa_rank_table_get_sort (WaRankTable *self, WaWardColumn *out_column, gboolean *out_descending);
/* Whether the rows are sorted by a change column, and which (a WaChangeField). */
gboolean    wa_rank_table_get_change_sort (WaRankTable *self, guint *out_field);
void        wa_rank_table_sort_by (WaRankTable *self, WaWardColumn column, gboolean descending);
/* Orders by a change column (the change must be shown). */
void        wa_rank_table_sort_by_change (WaRankTable *self, WaChangeField field, gboolean descending);
/* "225 wards, 2.39 million people" */
const char *wa_rank_table_get_status (WaRankTable *self);

/* The filter controls, for keyboard tests and the window. */
void        wa_rank_table_set_left_behind_only (WaRankTable *self, gboolean only);
void        wa_rank_table_set_text (WaRankTable *self, const char *text);

/* The user's own lists: a count column per list (sortable, hideable in
 * the Columns menu) and a filter by one list's count, rebuilt on the
 * store's "changed". */
typedef struct _WaUserListsStore WaUserListsStore;
void        wa_rank_table_set_user_lists (WaRankTable *self, WaUserListsStore *store);
/* Shows only wards with none (at_least_one 0) or at least one (1) of the
 * list's places; NULL or at_least_one < 0: no list filter. */
void        wa_rank_table_set_list_filter (WaRankTable *self, const char *list_id, int at_least_one);

G_END_DECLS
