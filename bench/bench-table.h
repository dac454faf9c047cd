/* bench-table.h: the ranking table timed in the real window. */
#pragma once

#include "wa-rank-table.h"

/* Once the table's idle-time preparation is done (as it is by the time a
 * user reaches for it), opens the table through the window's
 * win.toggle-table, then sorts and filters it, printing "table-open-ms N
 * cpu C", "table-sort-ms ...", "table-filter-ms ..." and so on (wall and
 * main-thread CPU milliseconds to the painted frame), then
 * "table-settle-slice-ms cpu C", on stdout; then calls done (data). */
void bench_table_measure (WaRankTable *table, GtkWidget *window, GCallback done, gpointer data);
