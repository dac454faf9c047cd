/* wa-rank-table-a11y.c
 *
 * GTK 4.8's list base takes Tab and Shift+Tab to move row by row (6,817
 * stops for the 2025 edition); only Ctrl+Tab left it. A capture-phase key
 * handler on the column view moves the focus out instead: the view is
 * made unfocusable for the one focus move, so the window's focus chain
 * skips past it, then focusable again so that Tab comes back in on the
 * row that had the focus.
 *
 * GTK 4.8 exposes no table semantics for a column view (no row or column
 * index, no header link): headings, rows and cells get names and
 * descriptions that say what a table would.
 */
#include <glib/gi18n.h>

#include "wa-rank-table-a11y.h"
#include "wa-ward.h"

gboolean
wa_rank_table_a11y_leave (GtkColumnView *view, GtkDirectionType direction)
{
  GtkWidget *widget = GTK_WIDGET (view);
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (GTK_ROOT (root)) : NULL;
  gboolean moved;

  if (root == NULL || focus == NULL || !gtk_widget_is_ancestor (focus, widget))
    return FALSE;
  gtk_widget_set_can_focus (widget, FALSE);
  moved = gtk_widget_child_focus (root, direction);
  gtk_widget_set_can_focus (widget, TRUE);
  return moved;
}

static gboolean
on_key_pressed (GtkColumnView *view, guint keyval, guint keycode, GdkModifierType state,
                GtkEventControllerKey *controller)
{
  gboolean backward = (state & GDK_SHIFT_MASK) != 0 || keyval == GDK_KEY_ISO_Left_Tab;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_ISO_Left_Tab && keyval != GDK_KEY_KP_Tab)
    return FALSE;
  /* Ctrl+Tab keeps GTK's own meaning. */
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  wa_rank_table_a11y_leave (view, backward ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
  /* Handled even when nothing else takes focus: never walk the rows. */
  return TRUE;
}

void
wa_rank_table_a11y_install_tab_exit (GtkColumnView *view)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), view, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (view), keys);
}

/* The header row is the column view's first child; its children are the
 * headings in column order (GTK 4.8 creates one per column, hidden with
 * its column). */
void
wa_rank_table_a11y_name_headers (GtkColumnView *view, GtkColumnViewColumn **columns,
                                 WaWardColumn sort_column, gboolean descending)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (view));
  GListModel *model = gtk_column_view_get_columns (view);
  GtkWidget *title = header != NULL ? gtk_widget_get_first_child (header) : NULL;

  for (guint i = 0; title != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (model, i);
      WaWardColumn c = 0;
      g_autofree char *name = NULL;

      while (c < WA_N_WARD_COLUMNS && columns[c] != column)
        c++;
      if (c == WA_N_WARD_COLUMNS)
        {
          /* A change column: its own heading stays. */
          title = gtk_widget_get_next_sibling (title);
          continue;
        }
      if (c == sort_column)
        /* Translators: a column heading read by a screen reader. */
        name = g_strdup_printf (descending ? _("%s, sorted descending") : _("%s, sorted ascending"),
                                wa_ward_column_title (c));
      else
        name = g_strdup (wa_ward_column_title (c));
      gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("Column heading; sort with the Sort by control above the table"),
                                      -1);
      title = gtk_widget_get_next_sibling (title);
    }
}

char *
wa_rank_table_a11y_row_name (WaWard *ward)
{
  g_autofree char *rank = wa_ward_column_format (WA_WARD_COLUMN_COMBINED_RANK, ward);
  const char *lad = wa_ward_get_lad_name (ward);

  /* Translators: a table row read by a screen reader: ward, combined
   * rank, local authority, then whether it is left behind. */
  return g_strdup_printf (_("%s, combined rank %s, %s, %s"), wa_ward_get_name (ward), rank,
                          lad != NULL ? lad : "",
                          wa_ward_get_left_behind (ward) ? _("left behind") : _("not left behind"));
}

/* cell -> GtkColumnViewCell -> the row widget. */
void
wa_rank_table_a11y_name_row (GtkWidget *cell, WaWard *ward)
{
  GtkWidget *parent = gtk_widget_get_parent (cell);
  GtkWidget *row = parent != NULL ? gtk_widget_get_parent (parent) : NULL;
  g_autofree char *name = NULL;

  if (row == NULL || ward == NULL)
    return;
  name = wa_rank_table_a11y_row_name (ward);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

void
wa_rank_table_a11y_describe_cell (GtkWidget *cell, WaWardColumn column, const char *text)
{
  GtkWidget *parent = gtk_widget_get_parent (cell);
  g_autofree char *both = NULL;

  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  wa_ward_column_title (column), -1);
  if (parent == NULL)
    return;
  /* Translators: a table cell read with its column heading ("IMD: 1,234"). */
  both = g_strdup_printf (_("%s: %s"), wa_ward_column_title (column), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL, both, -1);
}
