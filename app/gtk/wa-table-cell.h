/* wa-table-cell.h: one line of text in a ranking-table cell. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WA_TYPE_TABLE_CELL (wa_table_cell_get_type ())
G_DECLARE_FINAL_TYPE (WaTableCell, wa_table_cell, WA, TABLE_CELL, GtkWidget)

GtkWidget  *wa_table_cell_new         (GtkWidget   *text_source,
                                       gboolean     numeric);
void        wa_table_cell_set_text    (WaTableCell *self,
                                       const char  *text);
const char *wa_table_cell_get_text    (WaTableCell *self);
void        wa_table_cell_set_flagged (WaTableCell *self,
                                       gboolean     flagged);

G_END_DECLS
