/* wa-rank-table-a11y.h: what GTK 4.8's column view lacks for keyboard and
 * screen-reader users of the ranking table: Tab leaves the table instead
 * of walking its rows, column headers and rows carry names, cells are
 * described by their column's heading. Helpers of WaRankTable only. */
#pragma once

#include <gtk/gtk.h>
#include "wa-ward-filter.h"

G_BEGIN_DECLS

/* Tab and Shift+Tab on a row move the focus out of the column view (the
 * arrows still move between rows). */
void  wa_rank_table_a11y_install_tab_exit (GtkColumnView *view);
/* Moves the focus out of the view in the direction; returns whether it
 * moved (for the key handler and the tests). */
gboolean wa_rank_table_a11y_leave (GtkColumnView *view, GtkDirectionType direction);
/* Names each column heading ("Combined, sorted ascending"); columns[] in
 * the view's column order, indexed by WaWardColumn. */
void  wa_rank_table_a11y_name_headers (GtkColumnView *view, GtkColumnViewColumn **columns,
                                       WaWardColumn sort_column, gboolean descending);
/* "Marfleet, combined rank 12, Kingston upon Hull, left behind": the
 * accessible name of the row holding cell (a cell of any column). */
void  wa_rank_table_a11y_name_row (GtkWidget *cell, WaWard *ward);
/* The cell is read with its column's heading: label "text", description
 * the heading; its GtkColumnViewCell parent reads "heading: text". */
void  wa_rank_table_a11y_describe_cell (GtkWidget *cell, WaWardColumn column, const char *text);
/* The row's accessible name as wa_rank_table_a11y_name_row sets it. */
char *wa_rank_table_a11y_row_name (WaWard *ward);

G_END_DECLS
