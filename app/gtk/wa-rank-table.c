/* wa-rank-table.c
 *
 * The shown wards come from the core (wa_ward_filter_apply: the same
 * filter and order as the CLI and the CSV export) and are put into a
 * fixed list of WaRankRow slots: a new order or filter changes the slots'
 * wards, so GTK only rebinds the visible cells. The slots and how they
 * settle after a filter are WaRankSlots (wa-rank-slots.c); the authority
 * filter is WaRankFilterPopover, which edits this table's filter.
 *
 * The column view's header sorters only record what the user clicked:
 * GTK 4.8 has no API to read the sort column and direction, so when its
 * sorter changes we compare two probe wards through it; the column sorter
 * that gets called is the primary column, and the sign of the answer
 * gives the direction.
 */
#include <glib/gi18n.h>
#include <math.h>

#include "wa-text-scale.h"
#include "wa-a11y-names.h"
#include "wa-change-table.h"
#include "wa-announcer.h"
#include "wa-rank-filter-popover.h"
#include "wa-rank-row.h"
#include "wa-rank-table-a11y.h"
#include "wa-rank-slots.h"
#include "wa-table-cell.h"
#include "wa-rank-table-private.h"
#include "wa-format.h"
#include "wa-user-lists-store.h"

typedef struct {
  WaRankTable *table;
  WaWardColumn column;
  int change_field;          /* a WaChangeField, or -1 for a ward column */
  WaUserList *list;          /* a user's list's count column (owned), or NULL */
} ColumnData;

struct _WaRankTable
{
  GtkBox parent_instance;

  /* template children */
  GtkSearchEntry *text_entry;
  GtkDropDown *region_dropdown;
  GtkMenuButton *lad_button;
  GtkLabel *lad_label;
  WaRankFilterPopover *lad_popover;
  GtkToggleButton *left_behind_button;
  GtkDropDown *change_dropdown;
  GtkDropDown *neighbourhood_dropdown;
  GtkStack *view_stack;
  GtkColumnView *column_view;
  GtkButton *clear_filters_button;
  GtkLabel *status_label;
  WaAnnouncer *status_announcer;
  GtkDropDown *sort_dropdown;
  GtkToggleButton *sort_descending_button;
  GtkBox *columns_box;

  GSettings *settings;       /* the hidden columns */
  GtkCheckButton *column_checks[WA_N_WARD_COLUMNS];
  GtkCheckButton *change_checks[WA_N_CHANGE_FIELDS];

  WaAtlas *atlas;
  WaWardFilter *filter;
  WaRankSlots *slots;        /* the rows: WaRankRow slots, one per shown ward */
  GPtrArray *shown;          /* WaWard*, borrowed, in shown order */
  GtkSingleSelection *selection;
  GtkColumnViewColumn *columns[WA_N_WARD_COLUMNS];
  ColumnData column_data[WA_N_WARD_COLUMNS];
  /* The change since 2019, shown while the window has it for this atlas. */
  WaChange *change;
  GtkColumnViewColumn *change_columns[WA_N_CHANGE_FIELDS];
  ColumnData change_column_data[WA_N_CHANGE_FIELDS];
  GtkStringList *regions;

  WaWard *probe_a, *probe_b;
  gboolean probing;
  int probe_column;
  int probe_change_field;
  WaWardColumn sort_column;
  int sort_change_field;     /* a WaChangeField sorting the rows, or -1 for sort_column */
  gboolean sort_descending;

  /* The user's own lists: a count column each, its check in the Columns
   * menu, and the filter by one list's count. */
  WaUserListsStore *user_lists;
  GPtrArray *list_columns;   /* GtkColumnViewColumn*, in the store's order */
  GPtrArray *list_data;      /* ColumnData*, owned */
  GPtrArray *list_checks;    /* GtkCheckButton* in columns_box */
  GtkDropDown *list_dropdown;
  GtkStringList *list_choices;
  WaUserList *probe_list;
  WaUserList *sort_list;     /* sorting the rows (a ref), or NULL */
  char *sort_list_id;        /* the list sorting the rows, kept through a reload */
  gboolean rebuilding_lists; /* the list columns are being made again */
  WaUserList *filter_list;   /* filtering the rows (a ref), or NULL */
  gboolean filter_list_any;  /* TRUE: at least one place; FALSE: none */
  char *filter_list_id;      /* the list filtering the rows, kept through a reload */

  char *status;
  gboolean syncing;
  gboolean slots_stale;      /* shown changed while hidden */
  gboolean shown_stale;      /* the filter or order changed while hidden: shown is empty until wanted */
  WaWard *pending_selection; /* borrowed: selected while hidden */
  guint scroll_idle_id;
  guint prepare_idle_id;
  guint warm_idle_id;
  guint prepared;           /* wards whose caches are built */
};

G_DEFINE_FINAL_TYPE (WaRankTable, wa_rank_table, GTK_TYPE_BOX)

enum {
  SIGNAL_WARD_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Fixed widths that fit en-GB figures such as "7,461" and the headings. */
static const int column_widths[WA_N_WARD_COLUMNS] = {
  [WA_WARD_COLUMN_COMBINED_RANK] = 100,
  [WA_WARD_COLUMN_NAME] = 200,
  [WA_WARD_COLUMN_CODE] = 100,
  [WA_WARD_COLUMN_LAD] = 180,
  [WA_WARD_COLUMN_REGION] = 160,
  [WA_WARD_COLUMN_POPULATION] = 110,
  [WA_WARD_COLUMN_IMD_RANK] = 80,
  [WA_WARD_COLUMN_CNI_RANK] = 80,
  [WA_WARD_COLUMN_CNI_CIVIC_ASSETS_RANK] = 110,
  [WA_WARD_COLUMN_CNI_CONNECTEDNESS_RANK] = 130,
  [WA_WARD_COLUMN_CNI_ENGAGED_RANK] = 160,
  [WA_WARD_COLUMN_LEFT_BEHIND] = 110,
  [WA_WARD_COLUMN_OFFICIAL] = 120,
  [WA_WARD_COLUMN_LAD_CODE] = 120,
  [WA_WARD_COLUMN_REGION_CODE] = 110,
  [WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE] = 210,
};

/* ---- cells ------------------------------------------------------------------ */

/* WaTableCell, not GtkLabel: its size does not depend on its text and it
 * shares the column view's PangoContext, so a new sort or filter rebinds
 * about 200 rows x 13 cells without measuring each text again. */
static void
setup_cell (GtkSignalListItemFactory *factory, GtkListItem *item, ColumnData *data)
{
  GtkWidget *cell = wa_table_cell_new (GTK_WIDGET (data->table->column_view),
                                       data->list != NULL ? TRUE
                                       : data->change_field >= 0
                                       ? data->change_field != WA_CHANGE_FIELD_CATEGORY
                                       : wa_ward_column_is_numeric (data->column));

  gtk_list_item_set_child (item, cell);
}

/* A change column's cell: the core's text, read with its heading. */
static void
update_change_cell (GtkWidget *cell, ColumnData *data, WaWard *ward)
{
  WaChange *change = data->table->change;
  const char *title = wa_change_field_title (data->change_field);
  g_autofree char *text = ward != NULL && change != NULL
                          ? wa_change_field_format (change, ward, data->change_field) : g_strdup ("");
  g_autofree char *both = g_strdup_printf (_("%s: %s"), title, text);

  wa_table_cell_set_text (WA_TABLE_CELL (cell), text);
  wa_table_cell_set_flagged (WA_TABLE_CELL (cell), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title, -1);
  if (gtk_widget_get_parent (cell) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (cell)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, both, -1);
}

/* Whether the store's lists were loaded for the table's atlas: their
 * ward indices are then the table's wards'. */
static gboolean
lists_current (WaRankTable *self)
{
  return self->user_lists != NULL && self->atlas != NULL
         && wa_user_lists_store_get_atlas (self->user_lists) == self->atlas;
}

/* A list's count column: the ward's places, read with the list's name. */
static void
update_list_cell (GtkWidget *cell, ColumnData *data, WaWard *ward)
{
  const char *title = wa_user_list_get_name (data->list);
  g_autofree char *text = ward != NULL && lists_current (data->table)
                          ? wa_format_count (wa_user_list_get_count (data->list, wa_ward_get_index (ward)))
                          : g_strdup ("");
  g_autofree char *both = g_strdup_printf (_("%s: %s"), title, text);

  wa_table_cell_set_text (WA_TABLE_CELL (cell), text);
  wa_table_cell_set_flagged (WA_TABLE_CELL (cell), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title, -1);
  if (gtk_widget_get_parent (cell) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (cell)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, both, -1);
}

static void
update_cell (GtkWidget *cell, GParamSpec *pspec, WaRankRow *row)
{
  ColumnData *data = g_object_get_data (G_OBJECT (cell), "column");
  WaWard *ward = wa_rank_row_get_ward (row);
  g_autofree char *text = NULL;
  gboolean flagged;

  if (data->list != NULL)
    {
      update_list_cell (cell, data, ward);
      return;
    }
  if (data->change_field >= 0)
    {
      update_change_cell (cell, data, ward);
      return;
    }
  text = ward != NULL ? wa_ward_column_format (data->column, ward) : g_strdup ("");
  flagged = ward != NULL
                     && ((data->column == WA_WARD_COLUMN_LEFT_BEHIND && wa_ward_get_left_behind (ward))
                         || (data->column == WA_WARD_COLUMN_OFFICIAL
                             && wa_ward_get_official_left_behind (ward) == 1));

  wa_table_cell_set_text (WA_TABLE_CELL (cell), text);
  wa_table_cell_set_flagged (WA_TABLE_CELL (cell), flagged);
  wa_rank_table_a11y_describe_cell (cell, data->column, text);
  /* One column names the whole row after its content. */
  if (data->column == WA_WARD_COLUMN_NAME)
    wa_rank_table_a11y_name_row (cell, ward);
}

/* The slot keeps its widget while its ward changes: follow it. */
static void
bind_cell (GtkSignalListItemFactory *factory, GtkListItem *item, ColumnData *data)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  WaRankRow *row = gtk_list_item_get_item (item);

  g_object_set_data (G_OBJECT (label), "column", data);
  g_signal_connect_object (row, "notify::ward", G_CALLBACK (update_cell), label, G_CONNECT_SWAPPED);
  update_cell (label, NULL, row);
}

static void
unbind_cell (GtkSignalListItemFactory *factory, GtkListItem *item, ColumnData *data)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  WaRankRow *row = gtk_list_item_get_item (item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, update_cell, label);
}

/* ---- sorting ------------------------------------------------------------------ */

static void refresh (WaRankTable *self, gboolean force);
static void fill_sort_choices (WaRankTable *self);
static void apply_column_visibility (WaRankTable *self);
static void rebuild_list_columns (WaRankTable *self);
static GtkCheckButton *add_column_check (WaRankTable *self, const char *title);
static void refilter (WaRankTable *self);

/* By a list's count, ties by combined rank: the probes (ward index 0)
 * have equal counts, so they compare by combined rank as change columns
 * do. */
static int
compare_list_counts (WaRankTable *self, WaUserList *list, WaWard *a, WaWard *b, gboolean descending)
{
  guint ca, cb;

  if (lists_current (self) || self->probing)
    {
      ca = wa_user_list_get_count (list, wa_ward_get_index (a));
      cb = wa_user_list_get_count (list, wa_ward_get_index (b));
      if (ca != cb)
        return (ca < cb) != descending ? -1 : 1;
    }
  return wa_ward_compare (a, b, WA_WARD_COLUMN_COMBINED_RANK, FALSE);
}

static int
compare_cells (gconstpointer a, gconstpointer b, gpointer user_data)
{
  ColumnData *data = user_data;
  WaRankTable *self = data->table;

  /* Only the probe compares through the header sorters. */
  if (self->probing && self->probe_column < 0)
    {
      self->probe_column = data->column;
      self->probe_change_field = data->change_field;
      self->probe_list = data->list;
    }
  if (data->list != NULL)
    return compare_list_counts (self, data->list, (WaWard *) a, (WaWard *) b, FALSE);
  if (data->change_field >= 0)
    return self->change != NULL
           ? wa_change_compare_wards (self->change, (WaWard *) a, (WaWard *) b, data->change_field, FALSE)
           : wa_ward_compare ((WaWard *) a, (WaWard *) b, WA_WARD_COLUMN_COMBINED_RANK, FALSE);
  return wa_ward_compare ((WaWard *) a, (WaWard *) b, data->column, FALSE);
}

/* In "Sort by", the lists come after the ward columns and the change's. */
static guint
list_sort_base (WaRankTable *self)
{
  return WA_N_WARD_COLUMNS + (self->change != NULL ? WA_N_CHANGE_FIELDS : 0);
}

static guint
list_sort_position (WaRankTable *self, WaUserList *list)
{
  for (guint i = 0; self->list_data != NULL && i < self->list_data->len; i++)
    if (((ColumnData *) g_ptr_array_index (self->list_data, i))->list == list)
      return list_sort_base (self) + i;
  return (guint) self->sort_column;
}

/* The "Sort by" control and the headings' names follow the order, however
 * it was chosen (a click on a heading, the control, the tests). */
static void
sync_sort_controls (WaRankTable *self)
{
  if (self->sort_dropdown == NULL)
    return;   /* disposed */
  self->syncing = TRUE;
  /* The control lists the ward columns, then the change's while shown. */
  gtk_drop_down_set_selected (self->sort_dropdown,
                              self->sort_list != NULL ? list_sort_position (self, self->sort_list)
                              : self->sort_change_field >= 0
                              ? WA_N_WARD_COLUMNS + (guint) self->sort_change_field
                              : (guint) self->sort_column);
  gtk_toggle_button_set_active (self->sort_descending_button, self->sort_descending);
  self->syncing = FALSE;
  /* Sorted by a list, no ward column's heading says it is the order. */
  wa_rank_table_a11y_name_headers (self->column_view, self->columns,
                                   self->sort_list != NULL ? WA_N_WARD_COLUMNS : self->sort_column,
                                   self->sort_descending);
}

static void
on_sort_control_changed (WaRankTable *self)
{
  guint selected = gtk_drop_down_get_selected (self->sort_dropdown);

  gboolean descending = gtk_toggle_button_get_active (self->sort_descending_button);

  if (self->syncing || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected < WA_N_WARD_COLUMNS)
    wa_rank_table_sort_by (self, selected, descending);
  else if (selected < WA_N_WARD_COLUMNS + WA_N_CHANGE_FIELDS && self->change != NULL)
    wa_rank_table_sort_by_change (self, selected - WA_N_WARD_COLUMNS, descending);
  else if (selected >= list_sort_base (self) && selected - list_sort_base (self) < self->list_columns->len)
    gtk_column_view_sort_by_column (self->column_view,
                                    g_ptr_array_index (self->list_columns, selected - list_sort_base (self)),
                                    descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

static void
on_sorter_changed (WaRankTable *self, GtkSorterChange change, GtkSorter *sorter)
{
  int answer, plain;

  self->probing = TRUE;
  self->probe_column = -1;
  self->probe_change_field = -1;
  self->probe_list = NULL;
  answer = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
  self->probing = FALSE;
  g_clear_pointer (&self->sort_list, wa_user_list_unref);
  /* A choice of the user's, not the list columns going for a reload. */
  if (!self->rebuilding_lists)
    g_clear_pointer (&self->sort_list_id, g_free);
  if (self->probe_list != NULL)
    {
      g_free (self->sort_list_id);
      self->sort_list_id = g_strdup (wa_user_list_get_id (self->probe_list));
    }
  if (self->probe_column < 0)
    {
      /* No column chosen: the atlas's order, which is by code. */
      self->sort_column = WA_WARD_COLUMN_CODE;
      self->sort_change_field = -1;
      self->sort_descending = FALSE;
    }
  else
    {
      self->sort_column = self->probe_column;
      self->sort_change_field = self->probe_change_field;
      if (self->probe_list != NULL)
        self->sort_list = wa_user_list_ref (self->probe_list);
      /* The probes lack change values and have equal list counts: those
       * columns compare them by combined rank (see compare_cells). */
      plain = wa_ward_compare (self->probe_a, self->probe_b,
                               self->sort_change_field >= 0 || self->sort_list != NULL
                               ? WA_WARD_COLUMN_COMBINED_RANK : self->sort_column, FALSE);
      self->sort_descending = (answer > 0) != (plain > 0);
    }
  sync_sort_controls (self);
  refresh (self, FALSE);
}

/* Two wards that differ in every column. */
static WaWard *
make_probe (guint rank)
{
  g_autofree char *code = g_strdup_printf ("E0000000%u", rank);
  g_autofree char *name = g_strdup_printf ("%c", 'A' + rank);
  WaWard *ward = wa_ward_new (0, code, name, code, name, code, name, rank, 1, NULL);

  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      WaFigure figure;

      wa_figure_init (&figure);
      figure.rank = rank;
      wa_ward_set_figure (ward, i, &figure);
    }
  wa_ward_set_official (ward, rank == 1);
  wa_ward_set_rank_result (ward, rank, rank == 1);
  return ward;
}

/* ---- status and selection --------------------------------------------------- */

static void
update_status (WaRankTable *self)
{
  if (self->status_label == NULL || self->shown_stale)
    return;   /* disposed, or counted when the rows are made */
  g_free (self->status);
  if (self->change != NULL && wa_ward_filter_get_change_category (self->filter) >= 0)
    {
      /* Filtered by category, the crosswalk's residents, so that the
       * count reads as in the README's national table (every shown ward
       * is then in the crosswalk; unfiltered, some 2024 wards are not). */
      WaChangeTotals totals;

      wa_change_sum_wards (self->change, self->shown, &totals);
      self->status = wa_change_describe_totals (&totals,
                                                wa_ward_filter_get_change_category (self->filter));
    }
  else
    self->status = wa_ward_list_describe (self->shown);
  gtk_label_set_text (self->status_label, self->atlas != NULL ? self->status : "");
  /* Heard as the filters change, while the table is open. */
  if (self->atlas != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    wa_announcer_announce (self->status_announcer, self->status);
  gtk_stack_set_visible_child_name (self->view_stack,
                                    self->shown->len > 0 || self->atlas == NULL ? "table" : "empty");
}

static void
on_selection_changed (WaRankTable *self, GParamSpec *pspec, GtkSingleSelection *selection)
{
  WaRankRow *row = gtk_single_selection_get_selected_item (selection);
  WaWard *ward = row != NULL ? wa_rank_row_get_ward (row) : NULL;

  if (!self->syncing && !wa_rank_slots_is_changing (self->slots) && ward != NULL)
    g_signal_emit (self, signals[SIGNAL_WARD_SELECTED], 0, ward);
}

/* Scrolling a list view before it has its size leaves GTK 4.8's list
 * showing a single row; scroll once the frame has been laid out. */
static gboolean
scroll_idle (gpointer data)
{
  WaRankTable *self = data;
  GtkWidget *list_view = wa_rank_slots_get_list_view (self->slots);
  guint position = gtk_single_selection_get_selected (self->selection);

  self->scroll_idle_id = 0;
  if (list_view != NULL && gtk_widget_get_mapped (list_view) && gtk_widget_get_height (list_view) > 0
      && position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
  return G_SOURCE_REMOVE;
}

static void
queue_scroll (WaRankTable *self)
{
  if (self->scroll_idle_id == 0)
    self->scroll_idle_id = g_idle_add_full (G_PRIORITY_LOW, scroll_idle, self, NULL);
}

void
wa_rank_table_select_ward (WaRankTable *self, WaWard *ward)
{
  guint n, position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (WA_IS_RANK_TABLE (self));

  if (self->slots_stale)
    {
      self->pending_selection = ward;
      return;
    }
  n = self->shown->len;
  for (guint i = 0; ward != NULL && i < n && position == GTK_INVALID_LIST_POSITION; i++)
    if (g_ptr_array_index (self->shown, i) == ward)
      position = i;
  if (position != GTK_INVALID_LIST_POSITION
      && position >= g_list_model_get_n_items (wa_rank_slots_get_model (self->slots)))
    wa_rank_slots_fill (self->slots);
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing = FALSE;
  /* GTK 4.8 has no gtk_column_view_scroll_to; its list view has the action. */
  if (position != GTK_INVALID_LIST_POSITION && gtk_widget_get_visible (GTK_WIDGET (self)))
    queue_scroll (self);
}

WaWard *
wa_rank_table_get_selected_ward (WaRankTable *self)
{
  WaRankRow *row;

  g_return_val_if_fail (WA_IS_RANK_TABLE (self), NULL);
  if (self->slots_stale)
    return self->pending_selection;
  row = gtk_single_selection_get_selected_item (self->selection);
  return row != NULL ? wa_rank_row_get_ward (row) : NULL;
}

/* ---- filters ------------------------------------------------------------------ */

static void
sync_slots (WaRankTable *self, gboolean force)
{
  wa_rank_slots_sync (self->slots, force);
  self->slots_stale = FALSE;
}

static int
compare_by_sort_list (gconstpointer a, gconstpointer b, gpointer data)
{
  WaRankTable *self = data;

  return compare_list_counts (self, self->sort_list, *(WaWard **) a, *(WaWard **) b,
                              self->sort_descending);
}

/* The list filter and order on top of the core's: a ward's count of a
 * list is all either needs. */
static void
filter_and_sort_by_list (WaRankTable *self)
{
  if (!lists_current (self))
    return;
  if (self->filter_list != NULL)
    {
      GPtrArray *kept = g_ptr_array_new ();

      for (guint i = 0; i < self->shown->len; i++)
        {
          WaWard *ward = g_ptr_array_index (self->shown, i);

          if ((wa_user_list_get_count (self->filter_list, wa_ward_get_index (ward)) > 0) == self->filter_list_any)
            g_ptr_array_add (kept, ward);
        }
      g_ptr_array_unref (self->shown);
      self->shown = kept;
    }
  if (self->sort_list != NULL)
    g_ptr_array_sort_with_data (self->shown, compare_by_sort_list, self);
}

/* The core's rows for the current filter and order. */
static void
make_shown (WaRankTable *self)
{
  g_ptr_array_unref (self->shown);
  self->shown = self->atlas != NULL
    ? wa_ward_filter_apply (self->filter, self->atlas, self->sort_column, self->sort_descending)
    : g_ptr_array_new ();
  if (self->sort_change_field >= 0 && self->change != NULL)
    wa_change_sort_wards (self->change, self->shown, self->sort_change_field, self->sort_descending);
  filter_and_sort_by_list (self);
  wa_rank_slots_set_wards (self->slots, self->shown);
  self->shown_stale = FALSE;
  update_status (self);
}

static void
ensure_shown (WaRankTable *self)
{
  if (self->shown_stale)
    make_shown (self);
}

/* While the table is hidden its rows wait until they are wanted (shown,
 * copied or counted): GTK would build row widgets for a hidden column
 * view, and filtering and ordering the 10x pack's 74,000 wards took 80-100
 * ms of the launch's main thread before the first map frame. The hidden
 * list holds no wards, which may belong to an atlas about to go. */
static void
refresh (WaRankTable *self, gboolean force)
{
  WaWard *selected = wa_rank_table_get_selected_ward (self);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_ptr_array_unref (self->shown);
      self->shown = g_ptr_array_new ();
      wa_rank_slots_set_wards (self->slots, self->shown);
      self->shown_stale = TRUE;
      self->slots_stale = TRUE;
      self->pending_selection = selected;
      return;
    }
  make_shown (self);
  sync_slots (self, force || self->slots_stale);
  wa_rank_table_select_ward (self, selected);
}

/* Fills the slots that went stale while hidden, and the selection made
 * meanwhile. */
static void
sync_stale (WaRankTable *self)
{
  WaWard *selected = self->pending_selection;

  if (!self->slots_stale)
    return;
  ensure_shown (self);
  sync_slots (self, TRUE);
  self->pending_selection = NULL;
  wa_rank_table_select_ward (self, selected);
}

static gboolean
warm_idle (gpointer data)
{
  WaRankTable *self = data;

  self->warm_idle_id = 0;
  sync_stale (self);
  return G_SOURCE_REMOVE;
}

/* A slice per idle, so that the first sort by name or text filter does
 * not pay for building the wards' caches. */
static gboolean
prepare_idle (gpointer data)
{
  WaRankTable *self = data;

  if (self->atlas == NULL)
    {
      self->prepare_idle_id = 0;
      return G_SOURCE_REMOVE;
    }
  self->prepared = wa_ward_filter_prepare (self->atlas, self->prepared, 500);
  if (self->prepared < wa_atlas_get_n_wards (self->atlas))
    return G_SOURCE_CONTINUE;
  self->prepare_idle_id = 0;
  return G_SOURCE_REMOVE;
}

void
wa_rank_table_warm (WaRankTable *self)
{
  g_return_if_fail (WA_IS_RANK_TABLE (self));

  if (self->slots_stale && self->warm_idle_id == 0)
    self->warm_idle_id = g_idle_add_full (G_PRIORITY_LOW, warm_idle, self, NULL);
  if (self->atlas != NULL && self->prepared < wa_atlas_get_n_wards (self->atlas)
      && self->prepare_idle_id == 0)
    self->prepare_idle_id = g_idle_add_full (G_PRIORITY_LOW, prepare_idle, self, NULL);
}

static void
wa_rank_table_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (wa_rank_table_parent_class)->map (widget);
  sync_stale (WA_RANK_TABLE (widget));
}

static void
refilter (WaRankTable *self)
{
  refresh (self, FALSE);
}

static void
on_text_changed (WaRankTable *self, GtkSearchEntry *entry)
{
  wa_ward_filter_set_text (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
  refilter (self);
}

static void
on_left_behind_toggled (WaRankTable *self, GtkToggleButton *button)
{
  wa_ward_filter_set_left_behind_only (self->filter, gtk_toggle_button_get_active (button));
  refilter (self);
}

/* Items are WaNeighbourhoodFilter values in order. */
static void
on_neighbourhoods_selected (WaRankTable *self, GParamSpec *pspec, GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  WaNeighbourhoodFilter which = selected < WA_N_NEIGHBOURHOOD_FILTERS ? selected
                                : WA_NEIGHBOURHOOD_FILTER_ANY;

  if (which == wa_ward_filter_get_neighbourhoods (self->filter))
    return;
  wa_ward_filter_set_neighbourhoods (self->filter, which);
  refilter (self);
}

static void
fill_neighbourhood_choices (WaRankTable *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

  for (guint i = 0; i < WA_N_NEIGHBOURHOOD_FILTERS; i++)
    gtk_string_list_append (titles, wa_neighbourhood_filter_title (i));
  gtk_drop_down_set_model (self->neighbourhood_dropdown, G_LIST_MODEL (titles));
}

/* Only packs with the published neighbourhoods can filter by them; another
 * pack drops the filter rather than hide every ward. */
static void
update_neighbourhood_filter (WaRankTable *self)
{
  gboolean available = self->atlas != NULL
                       && wa_ward_column_available (WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE, self->atlas);

  gtk_widget_set_visible (GTK_WIDGET (self->neighbourhood_dropdown), available);
  if (!available)
    {
      gtk_drop_down_set_selected (self->neighbourhood_dropdown, 0);
      wa_ward_filter_set_neighbourhoods (self->filter, WA_NEIGHBOURHOOD_FILTER_ANY);
    }
}

/* Item 0 is every category; item c + 1 is WaChangeCategory c. */
static void
on_change_category_selected (WaRankTable *self, GParamSpec *pspec, GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  int category = selected > 0 && selected != GTK_INVALID_LIST_POSITION ? (int) selected - 1 : -1;

  if (self->change == NULL)
    category = -1;
  if (category == wa_ward_filter_get_change_category (self->filter))
    return;
  wa_ward_filter_set_change_category (self->filter, self->change, category);
  refilter (self);
}

static void
on_region_selected (WaRankTable *self, GParamSpec *pspec, GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  wa_ward_filter_set_region (self->filter, selected > 0 && selected != GTK_INVALID_LIST_POSITION
                                           ? gtk_string_list_get_string (self->regions, selected)
                                           : NULL);
  refilter (self);
}

/* The button reads like the popover's choice. */
static void
on_lads_summary (WaRankTable *self, GParamSpec *pspec, WaRankFilterPopover *popover)
{
  const char *summary = wa_rank_filter_popover_get_summary (popover);

  gtk_label_set_text (self->lad_label, summary);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->lad_button), summary);
}

static void
on_clear_filters (WaRankTable *self, GtkButton *button)
{
  gtk_editable_set_text (GTK_EDITABLE (self->text_entry), "");
  gtk_drop_down_set_selected (self->region_dropdown, 0);
  gtk_toggle_button_set_active (self->left_behind_button, FALSE);
  gtk_drop_down_set_selected (self->change_dropdown, 0);
  gtk_drop_down_set_selected (self->neighbourhood_dropdown, 0);
  gtk_drop_down_set_selected (self->list_dropdown, 0);
  wa_rank_filter_popover_clear (self->lad_popover);
  wa_ward_filter_set_text (self->filter, NULL);
  refilter (self);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

static void
fill_regions (WaRankTable *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *current = wa_ward_filter_get_region (self->filter);
  guint keep = 0;

  /* Emptying the list and choosing again would refilter twice, each time
   * sorting every ward (a fifth of a second on the 10x pack); the callers
   * refilter once. */
  g_signal_handlers_block_by_func (self->region_dropdown, on_region_selected, self);
  gtk_string_list_splice (self->regions, 0, g_list_model_get_n_items (G_LIST_MODEL (self->regions)), NULL);
  gtk_string_list_append (self->regions, _("All Regions"));
  for (guint i = 0; self->atlas != NULL && i < wa_atlas_get_n_wards (self->atlas); i++)
    {
      const char *region = wa_ward_get_region_name (wa_atlas_get_ward (self->atlas, i));

      if (region != NULL && *region != '\0' && g_hash_table_add (seen, (gpointer) region))
        g_ptr_array_add (names, (gpointer) region);
    }
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    {
      gtk_string_list_append (self->regions, names->pdata[i]);
      if (g_strcmp0 (current, names->pdata[i]) == 0)
        keep = i + 1;
    }
  gtk_drop_down_set_selected (self->region_dropdown, keep);
  g_signal_handlers_unblock_by_func (self->region_dropdown, on_region_selected, self);
  wa_ward_filter_set_region (self->filter, keep > 0 ? names->pdata[keep - 1] : NULL);
}

/* GTK 4.8 leaves the drop-down's own button nameless for screen readers. */
static void
name_dropdown_button (GtkDropDown *dropdown, const char *name)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (dropdown));

  if (GTK_IS_TOGGLE_BUTTON (button))
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
name_dropdown_items (GtkDropDown *dropdown)
{
  g_autoptr(GtkListItemFactory) factory = wa_a11y_named_list_factory (TRUE);

  gtk_drop_down_set_list_factory (dropdown, factory);
}

/* ---- atlas ------------------------------------------------------------------ */

static void
on_ranks_changed (WaRankTable *self, WaAtlas *atlas)
{
  g_autoptr(WaWard) selected = NULL;

  if (wa_rank_table_get_selected_ward (self) != NULL)
    selected = g_object_ref (wa_rank_table_get_selected_ward (self));
  /* Every visible cell shows ranks: refresh them all, and refilter and
   * resort under the new ranks. */
  refresh (self, TRUE);
  wa_rank_table_select_ward (self, selected);
}

void
wa_rank_table_set_atlas (WaRankTable *self, WaAtlas *atlas)
{
  g_return_if_fail (WA_IS_RANK_TABLE (self));

  if (self->atlas == atlas)
    return;
  if (self->atlas != NULL)
    g_signal_handlers_disconnect_by_data (self->atlas, self);
  g_set_object (&self->atlas, atlas);
  /* A change belongs to its atlas: the window hands it again if it applies. */
  wa_rank_table_set_change (self, NULL);
  fill_regions (self);
  update_neighbourhood_filter (self);
  wa_rank_filter_popover_set_atlas (self->lad_popover, atlas);
  /* Slots hold the old atlas's wards. */
  self->pending_selection = NULL;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  refresh (self, TRUE);
  apply_column_visibility (self);
  /* The lists were loaded for this atlas just before (or are stale). */
  rebuild_list_columns (self);
  if (atlas != NULL)
    g_signal_connect_object (atlas, "ranks-changed", G_CALLBACK (on_ranks_changed), self,
                             G_CONNECT_SWAPPED);
  /* Prepared from wa_rank_table_warm, once the first map is drawn. */
  self->prepared = 0;
  update_status (self);
}

void
wa_rank_table_set_change (WaRankTable *self, WaChange *change)
{
  g_return_if_fail (WA_IS_RANK_TABLE (self));

  if (self->change == change)
    return;
  g_set_object (&self->change, change);
  /* Without the change its columns go, and so does an order by them. */
  if (change == NULL && self->sort_change_field >= 0)
    wa_rank_table_sort_by (self, WA_WARD_COLUMN_COMBINED_RANK, FALSE);
  apply_column_visibility (self);
  fill_sort_choices (self);
  gtk_widget_set_visible (GTK_WIDGET (self->change_dropdown), change != NULL);
  if (change == NULL)
    gtk_drop_down_set_selected (self->change_dropdown, 0);
  {
    guint selected = gtk_drop_down_get_selected (self->change_dropdown);

    wa_ward_filter_set_change_category (self->filter, change,
                                        change != NULL && selected > 0 ? (int) selected - 1 : -1);
  }
  /* New categories and positions in every shown cell. */
  refresh (self, TRUE);
}

void
wa_rank_table_set_change_category (WaRankTable *self, int category)
{
  g_return_if_fail (WA_IS_RANK_TABLE (self) && category < (int) WA_N_CHANGE_CATEGORIES);
  gtk_drop_down_set_selected (self->change_dropdown, category < 0 ? 0 : (guint) category + 1);
}

GPtrArray *
wa_rank_table_dup_shown (WaRankTable *self)
{
  ensure_shown (self);
  return g_ptr_array_copy (self->shown, NULL, NULL);
}

const WaWardFilter *
wa_rank_table_get_filter (WaRankTable *self)
{
  return self->filter;
}

void
wa_rank_table_get_sort (WaRankTable *self, WaWardColumn *out_column, gboolean *out_descending)
{
  *out_column = self->sort_column;
  *out_descending = self->sort_descending;
}

gboolean
wa_rank_table_get_change_sort (WaRankTable *self, guint *out_field)
{
  if (self->sort_change_field < 0 || self->change == NULL)
    return FALSE;
  *out_field = (guint) self->sort_change_field;
  return TRUE;
}

void
wa_rank_table_sort_by_change (WaRankTable *self, WaChangeField field, gboolean descending)
{
  g_return_if_fail (field < WA_N_CHANGE_FIELDS && self->change != NULL);
  gtk_column_view_sort_by_column (self->column_view, self->change_columns[field],
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

void
wa_rank_table_sort_by (WaRankTable *self, WaWardColumn column, gboolean descending)
{
  g_return_if_fail (column < WA_N_WARD_COLUMNS);
  gtk_column_view_sort_by_column (self->column_view, self->columns[column],
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

const char *
wa_rank_table_get_status (WaRankTable *self)
{
  ensure_shown (self);
  return self->status;
}

void
wa_rank_table_set_left_behind_only (WaRankTable *self, gboolean only)
{
  gtk_toggle_button_set_active (self->left_behind_button, only);
}

void
wa_rank_table_set_text (WaRankTable *self, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->text_entry), text);
  /* Apply now rather than after the entry's typing delay. */
  wa_ward_filter_set_text (self->filter, text);
  refilter (self);
}

/* ---- the user's own lists ------------------------------------------------- */

static void
free_column_data (gpointer data)
{
  ColumnData *column = data;

  g_clear_pointer (&column->list, wa_user_list_unref);
  g_free (column);
}

static WaUserList *
find_list_by_id (WaRankTable *self, const char *id)
{
  guint n = self->user_lists != NULL ? wa_user_lists_store_get_n_lists (self->user_lists) : 0;

  for (guint i = 0; id != NULL && i < n; i++)
    if (g_strcmp0 (wa_user_list_get_id (wa_user_lists_store_get_list (self->user_lists, i)), id) == 0)
      return wa_user_lists_store_get_list (self->user_lists, i);
  return NULL;
}

/* Item 0 is any count; then, per list, "none" and "at least one". */
static void
on_list_filter_selected (WaRankTable *self)
{
  guint selected = gtk_drop_down_get_selected (self->list_dropdown);
  WaUserList *list = NULL;

  if (self->syncing)
    return;
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && (selected - 1) / 2 < self->list_data->len)
    list = ((ColumnData *) g_ptr_array_index (self->list_data, (selected - 1) / 2))->list;
  g_clear_pointer (&self->filter_list, wa_user_list_unref);
  g_clear_pointer (&self->filter_list_id, g_free);
  if (list != NULL)
    {
      self->filter_list = wa_user_list_ref (list);
      self->filter_list_id = g_strdup (wa_user_list_get_id (list));
      self->filter_list_any = (selected - 1) % 2 == 1;
    }
  refilter (self);
}

static void
fill_list_choices (WaRankTable *self)
{
  guint keep = 0;

  /* A new model changes the choice: not the user's. */
  self->syncing = TRUE;
  gtk_string_list_splice (self->list_choices, 0, g_list_model_get_n_items (G_LIST_MODEL (self->list_choices)),
                          NULL);
  gtk_string_list_append (self->list_choices, _("Any Count in Your Lists"));
  for (guint i = 0; i < self->list_data->len; i++)
    {
      WaUserList *list = ((ColumnData *) g_ptr_array_index (self->list_data, i))->list;
      /* Translators: a filter of the ranking table by one of the user's
       * lists, e.g. "Youth clubs: none". */
      g_autofree char *none = g_strdup_printf (_("%s: none"), wa_user_list_get_name (list));
      g_autofree char *any = g_strdup_printf (_("%s: at least one"), wa_user_list_get_name (list));

      gtk_string_list_append (self->list_choices, none);
      gtk_string_list_append (self->list_choices, any);
      if (self->filter_list != NULL
          && g_strcmp0 (wa_user_list_get_id (self->filter_list), wa_user_list_get_id (list)) == 0)
        keep = 1 + 2 * i + (self->filter_list_any ? 1 : 0);
    }
  gtk_drop_down_set_selected (self->list_dropdown, keep);
  self->syncing = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->list_dropdown), self->list_data->len > 0);
}

static void
remove_list_columns (WaRankTable *self)
{
  for (guint i = 0; i < self->list_columns->len; i++)
    {
      gtk_column_view_remove_column (self->column_view, g_ptr_array_index (self->list_columns, i));
      gtk_box_remove (self->columns_box, g_ptr_array_index (self->list_checks, i));
    }
  g_ptr_array_set_size (self->list_columns, 0);
  g_ptr_array_set_size (self->list_checks, 0);
  g_ptr_array_set_size (self->list_data, 0);
}

/* One count column per list, at the end: the lists are the user's own
 * additions. Sorting and filtering by a list follow it through a reload
 * (another edition) by its id. */
static void
rebuild_list_columns (WaRankTable *self)
{
  g_autofree char *sort_id = g_strdup (self->sort_list_id);
  const char *filter_id = self->filter_list_id;
  gboolean descending = self->sort_descending;
  guint n = lists_current (self) ? wa_user_lists_store_get_n_lists (self->user_lists) : 0;
  WaUserList *filter_list;

  /* No lists before or now (most users): nothing to redo on a new atlas. */
  if (n == 0 && self->list_columns->len == 0)
    {
      fill_list_choices (self);
      return;
    }
  /* Removing the sorting column resets the order; it is put back below. */
  self->rebuilding_lists = TRUE;
  remove_list_columns (self);
  g_clear_pointer (&self->filter_list, wa_user_list_unref);
  if ((filter_list = find_list_by_id (self, filter_id)) != NULL && n > 0)
    self->filter_list = wa_user_list_ref (filter_list);
  for (guint i = 0; i < n; i++)
    {
      WaUserList *list = wa_user_lists_store_get_list (self->user_lists, i);
      ColumnData *data = g_new0 (ColumnData, 1);
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkCustomSorter *sorter;
      GtkColumnViewColumn *column;
      g_autofree char *tooltip = g_strdup_printf (_("Places of your list “%s” in the ward"),
                                                  wa_user_list_get_name (list));

      *data = (ColumnData) { self, WA_WARD_COLUMN_COMBINED_RANK, -1, wa_user_list_ref (list) };
      g_ptr_array_add (self->list_data, data);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), data);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), data);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), data);
      column = gtk_column_view_column_new (wa_user_list_get_name (list), factory);
      sorter = gtk_custom_sorter_new (compare_cells, data, NULL);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      g_object_unref (sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, (int) ceil (120 * wa_text_scale_for_widget (GTK_WIDGET (self))));
      gtk_column_view_append_column (self->column_view, column);
      /* The column's cells read the data until they go with it. */
      g_object_set_data_full (G_OBJECT (column), "column-data", data, free_column_data);
      g_ptr_array_add (self->list_columns, column);   /* the view holds it */
      g_object_unref (column);
      g_ptr_array_add (self->list_checks, add_column_check (self, wa_user_list_get_name (list)));
      gtk_widget_set_tooltip_text (g_ptr_array_index (self->list_checks, i), tooltip);
      if (g_strcmp0 (sort_id, wa_user_list_get_id (list)) == 0)
        gtk_column_view_sort_by_column (self->column_view, column,
                                        descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
    }
  /* The list sorting the rows is gone, or not loaded for this atlas yet:
   * the default order meanwhile. */
  if (sort_id != NULL && (n == 0 || find_list_by_id (self, sort_id) == NULL))
    wa_rank_table_sort_by (self, WA_WARD_COLUMN_COMBINED_RANK, FALSE);
  self->rebuilding_lists = FALSE;
  if (sort_id != NULL && find_list_by_id (self, sort_id) == NULL)
    g_clear_pointer (&self->sort_list_id, g_free);
  if (filter_id != NULL && find_list_by_id (self, filter_id) == NULL)
    g_clear_pointer (&self->filter_list_id, g_free);   /* filter_id with it */
  fill_list_choices (self);
  fill_sort_choices (self);
  apply_column_visibility (self);
  refresh (self, TRUE);
}

void
wa_rank_table_set_user_lists (WaRankTable *self, WaUserListsStore *store)
{
  g_return_if_fail (WA_IS_RANK_TABLE (self));
  if (wa_user_lists_store_watch (&self->user_lists, store, self, G_CALLBACK (rebuild_list_columns)))
    rebuild_list_columns (self);
}

void
wa_rank_table_set_list_filter (WaRankTable *self, const char *list_id, int at_least_one)
{
  g_return_if_fail (WA_IS_RANK_TABLE (self));
  for (guint i = 0; i < self->list_data->len; i++)
    if (list_id != NULL && at_least_one >= 0
        && g_strcmp0 (wa_user_list_get_id (((ColumnData *) g_ptr_array_index (self->list_data, i))->list),
                      list_id) == 0)
      {
        gtk_drop_down_set_selected (self->list_dropdown, 1 + 2 * i + (at_least_one ? 1 : 0));
        return;
      }
  gtk_drop_down_set_selected (self->list_dropdown, 0);
}

/* ---- for the benchmark and tests ------------------------------------------ */

gboolean
wa_rank_table_is_preparing (WaRankTable *self)
{
  return self->warm_idle_id != 0 || self->prepare_idle_id != 0;
}

gboolean
wa_rank_table_is_settling (WaRankTable *self)
{
  return wa_rank_slots_is_settling (self->slots);
}

double
wa_rank_table_get_settle_slice_max (WaRankTable *self)
{
  return wa_rank_slots_get_slice_max (self->slots);
}

/* ---- object ------------------------------------------------------------------ */

/* The ward's name comes first: GTK 4.8's column view cannot pin a column,
 * so the name is where a sideways scroll starts and the row's accessible
 * name carries it too. */
static const WaWardColumn column_order[WA_N_WARD_COLUMNS] = {
  WA_WARD_COLUMN_NAME, WA_WARD_COLUMN_COMBINED_RANK, WA_WARD_COLUMN_LAD,
  WA_WARD_COLUMN_POPULATION, WA_WARD_COLUMN_IMD_RANK, WA_WARD_COLUMN_CNI_RANK,
  WA_WARD_COLUMN_LEFT_BEHIND, WA_WARD_COLUMN_OFFICIAL, WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE,
  WA_WARD_COLUMN_REGION,
  WA_WARD_COLUMN_CNI_CIVIC_ASSETS_RANK, WA_WARD_COLUMN_CNI_CONNECTEDNESS_RANK,
  WA_WARD_COLUMN_CNI_ENGAGED_RANK, WA_WARD_COLUMN_CODE, WA_WARD_COLUMN_LAD_CODE,
  WA_WARD_COLUMN_REGION_CODE,
};

/* ---- column visibility (remembered in GSettings) ----------------------------- */

/* The change columns' ids in the hidden list, as in the CSV export. */
static const char *change_column_ids[WA_N_CHANGE_FIELDS] = {
  [WA_CHANGE_FIELD_POSITION_THEN] = "position_2019",
  [WA_CHANGE_FIELD_POSITION_NOW] = "position_2025",
  [WA_CHANGE_FIELD_CATEGORY] = "change_category",
};

/* A list's column in the hidden list: "list:" and the list's id. */
static char *
list_column_id (WaUserList *list)
{
  return g_strconcat ("list:", wa_user_list_get_id (list), NULL);
}

static gboolean
id_hidden (WaRankTable *self, const char *id)
{
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "rank-table-hidden-columns");

  return g_strv_contains ((const char * const *) hidden, id);
}

static gboolean
column_hidden (WaRankTable *self, WaWardColumn c)
{
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "rank-table-hidden-columns");

  return g_strv_contains ((const char * const *) hidden, wa_ward_column_id (c));
}

/* The official list only exists in the 2019 edition. */
static void
apply_column_visibility (WaRankTable *self)
{
  for (WaWardColumn c = 0; c < WA_N_WARD_COLUMNS; c++)
    {
      gboolean available = self->atlas == NULL || wa_ward_column_available (c, self->atlas);
      gboolean shown = available && !column_hidden (self, c);

      gtk_column_view_column_set_visible (self->columns[c], shown);
      gtk_widget_set_visible (GTK_WIDGET (self->column_checks[c]), available);
      self->syncing = TRUE;
      gtk_check_button_set_active (self->column_checks[c], shown);
      self->syncing = FALSE;
    }
  /* The change's columns exist only while the change is shown. */
  for (guint f = 0; f < WA_N_CHANGE_FIELDS; f++)
    {
      gboolean shown = self->change != NULL && !id_hidden (self, change_column_ids[f]);

      gtk_column_view_column_set_visible (self->change_columns[f], shown);
      gtk_widget_set_visible (GTK_WIDGET (self->change_checks[f]), self->change != NULL);
      self->syncing = TRUE;
      gtk_check_button_set_active (self->change_checks[f], shown);
      self->syncing = FALSE;
    }
  for (guint i = 0; self->list_columns != NULL && i < self->list_columns->len; i++)
    {
      g_autofree char *id = list_column_id (((ColumnData *) g_ptr_array_index (self->list_data, i))->list);
      gboolean shown = !id_hidden (self, id);

      gtk_column_view_column_set_visible (g_ptr_array_index (self->list_columns, i), shown);
      self->syncing = TRUE;
      gtk_check_button_set_active (g_ptr_array_index (self->list_checks, i), shown);
      self->syncing = FALSE;
    }
}

/* The lists' columns unticked, and those of lists not loaded now (kept,
 * as another edition's choices are). */
static void
add_hidden_list_ids (WaRankTable *self, GStrvBuilder *builder)
{
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "rank-table-hidden-columns");
  g_autoptr(GHashTable) loaded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; self->list_checks != NULL && i < self->list_checks->len; i++)
    {
      char *id = list_column_id (((ColumnData *) g_ptr_array_index (self->list_data, i))->list);

      g_hash_table_add (loaded, id);
      if (!gtk_check_button_get_active (g_ptr_array_index (self->list_checks, i)))
        g_strv_builder_add (builder, id);
    }
  for (guint i = 0; hidden[i] != NULL; i++)
    if (g_str_has_prefix (hidden[i], "list:") && !g_hash_table_contains (loaded, hidden[i]))
      g_strv_builder_add (builder, hidden[i]);
}

static void
on_column_check_toggled (WaRankTable *self, GtkCheckButton *check)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) hidden = NULL;

  if (self->syncing)
    return;
  for (WaWardColumn c = 0; c < WA_N_WARD_COLUMNS; c++)
    if (!gtk_check_button_get_active (self->column_checks[c])
        && (self->atlas == NULL || wa_ward_column_available (c, self->atlas)))
      g_strv_builder_add (builder, wa_ward_column_id (c));
    else if (!gtk_widget_get_visible (GTK_WIDGET (self->column_checks[c])) && column_hidden (self, c))
      g_strv_builder_add (builder, wa_ward_column_id (c));   /* keep another edition's choice */
  for (guint f = 0; f < WA_N_CHANGE_FIELDS; f++)
    if (self->change != NULL ? !gtk_check_button_get_active (self->change_checks[f])
                             : id_hidden (self, change_column_ids[f]))
      g_strv_builder_add (builder, change_column_ids[f]);
  add_hidden_list_ids (self, builder);
  hidden = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "rank-table-hidden-columns", (const char * const *) hidden);
}

static GtkCheckButton *
add_column_check (WaRankTable *self, const char *title)
{
  GtkWidget *check = gtk_check_button_new_with_label (title);

  gtk_box_append (self->columns_box, check);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_column_check_toggled), self,
                           G_CONNECT_SWAPPED);
  return GTK_CHECK_BUTTON (check);
}

/* In the table's order: the change's after the combined rank. */
static void
add_column_checks (WaRankTable *self)
{
  for (guint i = 0; i < WA_N_WARD_COLUMNS; i++)
    {
      WaWardColumn c = column_order[i];

      self->column_checks[c] = add_column_check (self, wa_ward_column_title (c));
      /* The name is what every row is read by: it cannot be hidden. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->column_checks[c]), c != WA_WARD_COLUMN_NAME);
      if (c == WA_WARD_COLUMN_COMBINED_RANK)
        for (guint f = 0; f < WA_N_CHANGE_FIELDS; f++)
          self->change_checks[f] = add_column_check (self, wa_change_field_title (f));
    }
}

/* The widths fit 1× text; large text (issue 22) widens them alike. */
static int
scaled_width (WaRankTable *self, WaWardColumn c)
{
  return (int) ceil (column_widths[c] * wa_text_scale_for_widget (GTK_WIDGET (self)));
}

static void
on_text_scale (WaRankTable *self)
{
  for (guint c = 0; c < WA_N_WARD_COLUMNS; c++)
    if (self->columns[c] != NULL)
      gtk_column_view_column_set_fixed_width (self->columns[c], scaled_width (self, c));
}

static void
add_columns (WaRankTable *self)
{
  for (guint i = 0; i < WA_N_WARD_COLUMNS; i++)
    {
      WaWardColumn c = column_order[i];
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkCustomSorter *sorter;
      GtkColumnViewColumn *column;

      self->column_data[c] = (ColumnData) { self, c, -1 };
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), &self->column_data[c]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), &self->column_data[c]);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), &self->column_data[c]);
      column = gtk_column_view_column_new (wa_ward_column_title (c), factory);
      sorter = gtk_custom_sorter_new (compare_cells, &self->column_data[c], NULL);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      g_object_unref (sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, scaled_width (self, c));
      gtk_column_view_column_set_expand (column, c == WA_WARD_COLUMN_NAME);
      gtk_column_view_append_column (self->column_view, column);
      self->columns[c] = column;
      g_object_unref (column);
    }
}

/* After the combined rank, in sight without scrolling; hidden until
 * there is a change. Their sorters order by the core's values (see
 * compare_cells and the probe). */
static void
add_change_columns (WaRankTable *self)
{
  static const int widths[WA_N_CHANGE_FIELDS] = { 110, 110, 260 };
  guint position = 0;

  for (guint i = 0; i < WA_N_WARD_COLUMNS; i++)
    if (column_order[i] == WA_WARD_COLUMN_COMBINED_RANK)
      position = i + 1;
  for (guint f = 0; f < WA_N_CHANGE_FIELDS; f++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkCustomSorter *sorter;
      GtkColumnViewColumn *column;

      self->change_column_data[f] = (ColumnData) { self, WA_WARD_COLUMN_NAME, (int) f };
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), &self->change_column_data[f]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), &self->change_column_data[f]);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), &self->change_column_data[f]);
      column = gtk_column_view_column_new (wa_change_field_title (f), factory);
      sorter = gtk_custom_sorter_new (compare_cells, &self->change_column_data[f], NULL);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      g_object_unref (sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, widths[f]);
      gtk_column_view_column_set_visible (column, FALSE);
      gtk_column_view_insert_column (self->column_view, position + f, column);
      self->change_columns[f] = column;
      g_object_unref (column);
    }
}

static void
fill_change_choices (WaRankTable *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, _("Any Change Since 2019"));
  for (WaChangeCategory c = 0; c < WA_N_CHANGE_CATEGORIES; c++)
    gtk_string_list_append (labels, wa_change_category_label (c, FALSE));
  gtk_drop_down_set_model (self->change_dropdown, G_LIST_MODEL (labels));
}

static void
fill_sort_choices (WaRankTable *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

  for (WaWardColumn c = 0; c < WA_N_WARD_COLUMNS; c++)
    gtk_string_list_append (titles, wa_ward_column_title (c));
  if (self->change != NULL)
    for (guint f = 0; f < WA_N_CHANGE_FIELDS; f++)
      gtk_string_list_append (titles, wa_change_field_title (f));
  for (guint i = 0; self->list_data != NULL && i < self->list_data->len; i++)
    gtk_string_list_append (titles, wa_user_list_get_name (((ColumnData *) g_ptr_array_index (self->list_data, i))->list));
  /* A new model resets the choice: put the order back. */
  self->syncing = TRUE;
  gtk_drop_down_set_model (self->sort_dropdown, G_LIST_MODEL (titles));
  self->syncing = FALSE;
  sync_sort_controls (self);
}

static void
setup_models (WaRankTable *self)
{
  GtkSorter *view_sorter = gtk_column_view_get_sorter (self->column_view);

  self->slots = wa_rank_slots_new (GTK_WIDGET (self), self->column_view);
  self->shown = g_ptr_array_new ();
  g_signal_connect_object (view_sorter, "changed", G_CALLBACK (on_sorter_changed), self,
                           G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (g_object_ref (wa_rank_slots_get_model (self->slots)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed),
                           self, G_CONNECT_SWAPPED);
}

static void
wa_rank_table_dispose (GObject *object)
{
  WaRankTable *self = WA_RANK_TABLE (object);

  if (self->atlas != NULL)
    g_signal_handlers_disconnect_by_data (self->atlas, self);
  g_clear_object (&self->atlas);
  g_clear_object (&self->change);
  if (self->user_lists != NULL)
    g_signal_handlers_disconnect_by_data (self->user_lists, self);
  g_clear_object (&self->user_lists);
  g_clear_handle_id (&self->scroll_idle_id, g_source_remove);
  g_clear_handle_id (&self->prepare_idle_id, g_source_remove);
  g_clear_handle_id (&self->warm_idle_id, g_source_remove);
  if (self->column_view != NULL)
    {
      /* Removing the columns changes the sorter; nothing to refresh now. */
      g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
      gtk_column_view_set_model (self->column_view, NULL);
    }
  g_clear_object (&self->selection);
  g_clear_pointer (&self->slots, wa_rank_slots_free);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), WA_TYPE_RANK_TABLE);
  G_OBJECT_CLASS (wa_rank_table_parent_class)->dispose (object);
}

static void
wa_rank_table_finalize (GObject *object)
{
  WaRankTable *self = WA_RANK_TABLE (object);

  wa_ward_filter_free (self->filter);
  g_ptr_array_unref (self->shown);
  g_clear_pointer (&self->list_columns, g_ptr_array_unref);
  g_clear_pointer (&self->list_checks, g_ptr_array_unref);
  g_clear_pointer (&self->list_data, g_ptr_array_unref);
  g_clear_pointer (&self->sort_list, wa_user_list_unref);
  g_clear_pointer (&self->filter_list, wa_user_list_unref);
  g_free (self->sort_list_id);
  g_free (self->filter_list_id);
  g_clear_object (&self->list_choices);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);
  g_clear_object (&self->regions);
  g_free (self->status);
  G_OBJECT_CLASS (wa_rank_table_parent_class)->finalize (object);
}

static void
wa_rank_table_class_init (WaRankTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wa_rank_table_dispose;
  object_class->finalize = wa_rank_table_finalize;
  widget_class->map = wa_rank_table_map;

  g_type_ensure (WA_TYPE_RANK_FILTER_POPOVER);
  g_type_ensure (WA_TYPE_ANNOUNCER);
  signals[SIGNAL_WARD_SELECTED] = g_signal_new ("ward-selected", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 1, WA_TYPE_WARD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-rank-table.ui");
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, text_entry);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, region_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, lad_button);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, lad_label);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, lad_popover);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, left_behind_button);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, change_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, neighbourhood_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, view_stack);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, clear_filters_button);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, status_label);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, status_announcer);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, sort_descending_button);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, columns_box);
  gtk_widget_class_set_css_name (widget_class, "ranktable");
}

static void
wa_rank_table_init (WaRankTable *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = wa_ward_filter_new ();
  self->list_columns = g_ptr_array_new ();
  self->list_checks = g_ptr_array_new ();
  self->list_data = g_ptr_array_new ();
  self->probe_a = make_probe (1);
  self->probe_b = make_probe (2);
  self->sort_change_field = -1;
  self->regions = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->region_dropdown, G_LIST_MODEL (self->regions));
  name_dropdown_button (self->region_dropdown, _("Region"));
  name_dropdown_items (self->region_dropdown);
  name_dropdown_items (self->sort_dropdown);
  name_dropdown_button (self->sort_dropdown, _("Sort by"));
  wa_rank_filter_popover_set_filter (self->lad_popover, self->filter);

  self->settings = g_settings_new (WA_APP_ID);
  add_columns (self);
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-xft-dpi",
                           G_CALLBACK (on_text_scale), self, G_CONNECT_SWAPPED);
  add_change_columns (self);
  fill_change_choices (self);
  name_dropdown_items (self->change_dropdown);
  name_dropdown_button (self->change_dropdown, _("Change since 2019"));
  fill_neighbourhood_choices (self);
  name_dropdown_items (self->neighbourhood_dropdown);
  name_dropdown_button (self->neighbourhood_dropdown, _("Left-behind neighbourhoods"));
  /* Beside the change filter: shown while the user has lists. */
  self->list_choices = gtk_string_list_new (NULL);
  self->list_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (self->list_choices)), NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->list_dropdown), FALSE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->list_dropdown), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->list_dropdown), _("Filter by a count in your lists"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Your lists"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Show only wards with none, or at least one, of a list's places"), -1);
  gtk_widget_insert_after (GTK_WIDGET (self->list_dropdown),
                           gtk_widget_get_parent (GTK_WIDGET (self->change_dropdown)),
                           GTK_WIDGET (self->change_dropdown));
  name_dropdown_items (self->list_dropdown);
  name_dropdown_button (self->list_dropdown, _("Your lists"));
  add_column_checks (self);
  apply_column_visibility (self);
  g_signal_connect_object (self->settings, "changed::rank-table-hidden-columns",
                           G_CALLBACK (apply_column_visibility), self, G_CONNECT_SWAPPED);
  fill_sort_choices (self);
  wa_rank_table_a11y_install_tab_exit (self->column_view);
  setup_models (self);
  gtk_column_view_sort_by_column (self->column_view, self->columns[WA_WARD_COLUMN_COMBINED_RANK],
                                  GTK_SORT_ASCENDING);

  g_signal_connect_object (self->text_entry, "search-changed", G_CALLBACK (on_text_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->left_behind_button, "toggled", G_CALLBACK (on_left_behind_toggled),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->region_dropdown, "notify::selected", G_CALLBACK (on_region_selected),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->change_dropdown, "notify::selected",
                           G_CALLBACK (on_change_category_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->neighbourhood_dropdown, "notify::selected",
                           G_CALLBACK (on_neighbourhoods_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lad_popover, "changed", G_CALLBACK (refilter), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lad_popover, "notify::summary", G_CALLBACK (on_lads_summary), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->clear_filters_button, "clicked", G_CALLBACK (on_clear_filters), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_dropdown, "notify::selected",
                           G_CALLBACK (on_list_filter_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_dropdown, "notify::selected",
                           G_CALLBACK (on_sort_control_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_descending_button, "toggled",
                           G_CALLBACK (on_sort_control_changed), self, G_CONNECT_SWAPPED);
  fill_regions (self);
  update_status (self);
  sync_sort_controls (self);
}

GtkWidget *
wa_rank_table_new (void)
{
  return g_object_new (WA_TYPE_RANK_TABLE, NULL);
}
