/* wa-rank-table.c
 *
 * The shown wards come from the core (wa_ward_filter_apply: the same
 * filter and order as the CLI and the CSV export) and are put into a
 * fixed list of WaRankRow slots: a new order or filter changes the slots'
 * wards, so GTK only rebinds the visible cells.
 *
 * The column view's header sorters only record what the user clicked:
 * GTK 4.8 has no API to read the sort column and direction, so when its
 * sorter changes we compare two probe wards through it; the column sorter
 * that gets called is the primary column, and the sign of the answer
 * gives the direction.
 */
#include <glib/gi18n.h>
#include <stdio.h>
#include <time.h>
#include <string.h>

#include "wa-search.h"
#include "wa-rank-row.h"
#include "wa-table-cell.h"
#include "wa-rank-table.h"

typedef struct {
  WaRankTable *table;
  WaWardColumn column;
} ColumnData;

struct _WaRankTable
{
  GtkBox parent_instance;

  /* template children */
  GtkSearchEntry *text_entry;
  GtkDropDown *region_dropdown;
  GtkMenuButton *lad_button;
  GtkLabel *lad_label;
  GtkSearchEntry *lad_search;
  GtkListBox *lad_list;
  GtkButton *lad_clear_button;
  GtkToggleButton *left_behind_button;
  GtkStack *view_stack;
  GtkColumnView *column_view;
  GtkButton *clear_filters_button;
  GtkLabel *status_label;

  WaAtlas *atlas;
  WaWardFilter *filter;
  GListStore *rows;          /* WaRankRow slots, one per shown ward */
  GPtrArray *shown;          /* WaWard*, borrowed, in shown order */
  GtkSingleSelection *selection;
  GtkColumnViewColumn *columns[WA_N_WARD_COLUMNS];
  ColumnData column_data[WA_N_WARD_COLUMNS];
  GtkStringList *regions;

  WaWard *probe_a, *probe_b;
  gboolean probing;
  int probe_column;
  WaWardColumn sort_column;
  gboolean sort_descending;

  char *status;
  gboolean syncing;
  gboolean slots_stale;      /* shown changed while hidden */
  WaWard *pending_selection; /* borrowed: selected while hidden */
  guint scroll_idle_id;
  guint prepare_idle_id;
  guint warm_idle_id;
  guint settle_idle_id;
  GdkFrameClock *settle_clock; /* waits for the frame that shows the new rows */
  gulong settle_paint_id;
  double settle_slice_max;   /* longest settling slice, main-thread CPU ms */
  guint prepared;           /* wards whose caches are built */
};

G_DEFINE_FINAL_TYPE (WaRankTable, wa_rank_table, GTK_TYPE_BOX)

enum {
  SIGNAL_WARD_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void settle_now (WaRankTable *self);

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
};

/* ---- cells ------------------------------------------------------------------ */

/* WaTableCell, not GtkLabel: its size does not depend on its text and it
 * shares the column view's PangoContext, so a new sort or filter rebinds
 * about 200 rows x 13 cells without measuring each text again. */
static void
setup_cell (GtkSignalListItemFactory *factory, GtkListItem *item, ColumnData *data)
{
  GtkWidget *cell = wa_table_cell_new (GTK_WIDGET (data->table->column_view),
                                       wa_ward_column_is_numeric (data->column));

  gtk_list_item_set_child (item, cell);
}

static void
update_cell (GtkWidget *cell, GParamSpec *pspec, WaRankRow *row)
{
  ColumnData *data = g_object_get_data (G_OBJECT (cell), "column");
  WaWard *ward = wa_rank_row_get_ward (row);
  g_autofree char *text = ward != NULL ? wa_ward_column_format (data->column, ward) : g_strdup ("");
  gboolean flagged = ward != NULL
                     && ((data->column == WA_WARD_COLUMN_LEFT_BEHIND && wa_ward_get_left_behind (ward))
                         || (data->column == WA_WARD_COLUMN_OFFICIAL
                             && wa_ward_get_official_left_behind (ward) == 1));

  wa_table_cell_set_text (WA_TABLE_CELL (cell), text);
  wa_table_cell_set_flagged (WA_TABLE_CELL (cell), flagged);
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

static int
compare_cells (gconstpointer a, gconstpointer b, gpointer user_data)
{
  ColumnData *data = user_data;
  WaRankTable *self = data->table;

  /* Only the probe compares through the header sorters. */
  if (self->probing && self->probe_column < 0)
    self->probe_column = data->column;
  return wa_ward_compare ((WaWard *) a, (WaWard *) b, data->column, FALSE);
}

static void
on_sorter_changed (WaRankTable *self, GtkSorterChange change, GtkSorter *sorter)
{
  int answer, plain;

  self->probing = TRUE;
  self->probe_column = -1;
  answer = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
  self->probing = FALSE;
  if (self->probe_column < 0)
    {
      /* No column chosen: the atlas's order, which is by code. */
      self->sort_column = WA_WARD_COLUMN_CODE;
      self->sort_descending = FALSE;
    }
  else
    {
      self->sort_column = self->probe_column;
      plain = wa_ward_compare (self->probe_a, self->probe_b, self->sort_column, FALSE);
      self->sort_descending = (answer > 0) != (plain > 0);
    }
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
  if (self->status_label == NULL)
    return;   /* disposed */
  g_free (self->status);
  self->status = wa_ward_list_describe (self->shown);
  gtk_label_set_text (self->status_label, self->atlas != NULL ? self->status : "");
  gtk_stack_set_visible_child_name (self->view_stack,
                                    self->shown->len > 0 || self->atlas == NULL ? "table" : "empty");
}

static void
on_selection_changed (WaRankTable *self, GParamSpec *pspec, GtkSingleSelection *selection)
{
  WaRankRow *row = gtk_single_selection_get_selected_item (selection);
  WaWard *ward = row != NULL ? wa_rank_row_get_ward (row) : NULL;

  if (!self->syncing && ward != NULL)
    g_signal_emit (self, signals[SIGNAL_WARD_SELECTED], 0, ward);
}

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

/* Scrolling a list view before it has its size leaves GTK 4.8's list
 * showing a single row; scroll once the frame has been laid out. */
static gboolean
scroll_idle (gpointer data)
{
  WaRankTable *self = data;
  GtkWidget *list_view = find_list_view (GTK_WIDGET (self->column_view));
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
      && position >= g_list_model_get_n_items (G_LIST_MODEL (self->rows)))
    settle_now (self);
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

/* GTK 4.8's list view keeps about 200 rows of 13 cells: it builds a row
 * (0.4 ms here) for each slot added within them and tears one down (0.2
 * ms) for each slot that leaves, 45 ms when a filter takes the table from
 * hundreds of wards to a few. So a new filter fills the slots there are
 * at once, blanks the surplus and adds at most a screenful; the slots
 * settle to the shown wards from the end, in idle slices of a few
 * milliseconds after the new rows have been painted. */
#define SETTLE_BUDGET_MS 3.0
#define SETTLE_STEP 8
#define ROW_HEIGHT_MIN 20      /* px: no row of the table is shorter */
#define SLOTS_WITH_ROWS 256   /* past GTK's 200 rows: slots cost no widgets */

static double thread_cpu_ms (void);

static void
add_slots (WaRankTable *self, guint n_slots, guint target)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = n_slots; i < target; i++)
    {
      WaRankRow *row = wa_rank_row_new ();

      wa_rank_row_set_ward (row, g_ptr_array_index (self->shown, i), FALSE);
      g_ptr_array_add (added, row);
    }
  g_list_store_splice (self->rows, n_slots, 0, added->pdata, added->len);
}

/* One step towards the shown wards; returns the new number of slots. */
static guint
settle_step (WaRankTable *self, guint n_slots)
{
  guint n = self->shown->len;

  if (n_slots > n)
    {
      guint step = MIN (SETTLE_STEP, n_slots - n);

      g_list_store_splice (self->rows, n_slots - step, step, NULL, 0);
      return n_slots - step;
    }
  if (n_slots < n)
    {
      guint target = n_slots >= SLOTS_WITH_ROWS ? n : MIN (n, n_slots + SETTLE_STEP);

      add_slots (self, n_slots, target);
      return target;
    }
  return n_slots;
}

static gboolean
settle_idle (gpointer data)
{
  WaRankTable *self = data;
  double start = thread_cpu_ms ();
  guint n_slots = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  self->syncing = TRUE;
  while (n_slots != self->shown->len && thread_cpu_ms () - start < SETTLE_BUDGET_MS)
    n_slots = settle_step (self, n_slots);
  self->syncing = FALSE;
  self->settle_slice_max = MAX (self->settle_slice_max, thread_cpu_ms () - start);
  if (n_slots != self->shown->len)
    return G_SOURCE_CONTINUE;
  self->settle_idle_id = 0;
  return G_SOURCE_REMOVE;
}

static void
stop_waiting_for_paint (WaRankTable *self)
{
  if (self->settle_clock != NULL)
    g_clear_signal_handler (&self->settle_paint_id, self->settle_clock);
  g_clear_object (&self->settle_clock);
}

static void
start_settling (WaRankTable *self)
{
  stop_waiting_for_paint (self);
  if (self->settle_idle_id == 0)
    self->settle_idle_id = g_idle_add_full (G_PRIORITY_LOW, settle_idle, self, NULL);
}

/* Idle sources run while the frame clock waits for the next frame; the
 * first slice must not delay the frame with the new rows. */
static void
queue_settle (WaRankTable *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->settle_idle_id != 0 || self->settle_clock != NULL)
    return;
  if (clock == NULL)
    {
      start_settling (self);
      return;
    }
  self->settle_clock = g_object_ref (clock);
  self->settle_paint_id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (start_settling), self);
}

/* Slots for the rows the list's height shows; the rest can follow. Before
 * the list has a height (the table opening), the window's is the bound. */
static guint
slots_on_screen (WaRankTable *self)
{
  GtkWidget *list_view = find_list_view (GTK_WIDGET (self->column_view));
  int height = list_view != NULL ? gtk_widget_get_height (list_view) : 0;

  if (height <= 0)
    height = gtk_widget_get_height (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self))));
  return MAX (8, height / ROW_HEIGHT_MIN + 1);
}

/* Adds the slots still missing, for a selection beyond them. */
static void
settle_now (WaRankTable *self)
{
  guint n_slots = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  if (n_slots < self->shown->len)
    {
      self->syncing = TRUE;
      add_slots (self, n_slots, self->shown->len);
      self->syncing = FALSE;
    }
}

/* Puts the shown wards into the slots: only slots that change notify, and
 * only bound (visible) cells listen. */
static void
sync_slots (WaRankTable *self, gboolean force)
{
  guint n_slots = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint at_once = MIN (self->shown->len, MAX (n_slots, slots_on_screen (self)));

  self->syncing = TRUE;
  for (guint i = 0; i < n_slots; i++)
    {
      g_autoptr(WaRankRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      wa_rank_row_set_ward (row, i < self->shown->len ? g_ptr_array_index (self->shown, i) : NULL,
                            force);
    }
  if (n_slots < at_once)
    add_slots (self, n_slots, at_once);
  if (MAX (n_slots, at_once) != self->shown->len)
    queue_settle (self);
  self->syncing = FALSE;
  self->slots_stale = FALSE;
}

/* The core's rows for the current filter and order. While the table is
 * hidden only the list and the count are kept up to date: GTK would build
 * row widgets for a hidden column view too, delaying the map. */
static void
refresh (WaRankTable *self, gboolean force)
{
  WaWard *selected = wa_rank_table_get_selected_ward (self);

  g_ptr_array_unref (self->shown);
  self->shown = self->atlas != NULL
    ? wa_ward_filter_apply (self->filter, self->atlas, self->sort_column, self->sort_descending)
    : g_ptr_array_new ();
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    sync_slots (self, force || self->slots_stale);
  else
    self->slots_stale = TRUE;
  update_status (self);
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

void
wa_rank_table_warm (WaRankTable *self)
{
  g_return_if_fail (WA_IS_RANK_TABLE (self));

  if (self->slots_stale && self->warm_idle_id == 0)
    self->warm_idle_id = g_idle_add_full (G_PRIORITY_LOW, warm_idle, self, NULL);
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

static void
on_region_selected (WaRankTable *self, GParamSpec *pspec, GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  wa_ward_filter_set_region (self->filter, selected > 0 && selected != GTK_INVALID_LIST_POSITION
                                           ? gtk_string_list_get_string (self->regions, selected)
                                           : NULL);
  refilter (self);
}

static void
update_lad_button (WaRankTable *self)
{
  guint n = wa_ward_filter_get_n_lads (self->filter);
  g_autofree char *label = NULL;

  if (n == 0)
    label = g_strdup (_("All Authorities"));
  else if (n == 1)
    {
      for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->lad_list)); row != NULL;
           row = gtk_widget_get_next_sibling (row))
        {
          GtkWidget *check = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

          if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
            label = g_strdup (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)));
        }
    }
  if (label == NULL)
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Authority", "%u Authorities", n), n);
  gtk_label_set_text (self->lad_label, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->lad_button), label);
}

static void
on_lad_toggled (WaRankTable *self, GtkCheckButton *check)
{
  const char *code = g_object_get_data (G_OBJECT (check), "lad-code");

  if (self->syncing)
    return;
  if (gtk_check_button_get_active (check))
    wa_ward_filter_add_lad (self->filter, code);
  else
    {
      /* The filter has no remove: rebuild it from the ticked boxes. */
      wa_ward_filter_clear_lads (self->filter);
      for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->lad_list)); row != NULL;
           row = gtk_widget_get_next_sibling (row))
        {
          GtkWidget *other = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

          if (gtk_check_button_get_active (GTK_CHECK_BUTTON (other)))
            wa_ward_filter_add_lad (self->filter, g_object_get_data (G_OBJECT (other), "lad-code"));
        }
    }
  update_lad_button (self);
  refilter (self);
}

static void
clear_lads (WaRankTable *self)
{
  self->syncing = TRUE;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->lad_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))), FALSE);
  self->syncing = FALSE;
  wa_ward_filter_clear_lads (self->filter);
  update_lad_button (self);
}

static void
on_lad_clear (WaRankTable *self, GtkButton *button)
{
  clear_lads (self);
  refilter (self);
}

static gboolean
lad_row_visible (GtkListBoxRow *row, gpointer data)
{
  WaRankTable *self = data;
  g_autofree char *wanted = wa_search_fold (gtk_editable_get_text (GTK_EDITABLE (self->lad_search)));
  const char *folded = g_object_get_data (G_OBJECT (row), "folded");

  return *wanted == '\0' || strstr (folded, wanted) != NULL;
}

static void
on_lad_search_changed (WaRankTable *self, GtkSearchEntry *entry)
{
  gtk_list_box_invalidate_filter (self->lad_list);
}

static void
on_clear_filters (WaRankTable *self, GtkButton *button)
{
  gtk_editable_set_text (GTK_EDITABLE (self->text_entry), "");
  gtk_drop_down_set_selected (self->region_dropdown, 0);
  gtk_toggle_button_set_active (self->left_behind_button, FALSE);
  clear_lads (self);
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
}

static int
compare_area_names (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate ((*(WaArea **) a)->name, (*(WaArea **) b)->name);
}

static void
fill_lads (WaRankTable *self)
{
  g_autoptr(GPtrArray) lads = g_ptr_array_new ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lad_list))) != NULL)
    gtk_list_box_remove (self->lad_list, child);
  wa_ward_filter_clear_lads (self->filter);
  update_lad_button (self);
  if (self->atlas == NULL)
    return;
  g_ptr_array_extend (lads, wa_atlas_get_areas (self->atlas, WA_AREA_LAD), NULL, NULL);
  g_ptr_array_sort (lads, compare_area_names);
  for (guint i = 0; i < lads->len; i++)
    {
      const WaArea *lad = lads->pdata[i];
      GtkWidget *check = gtk_check_button_new_with_label (lad->name);
      GtkWidget *row;

      g_object_set_data_full (G_OBJECT (check), "lad-code", g_strdup (lad->code), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_lad_toggled), self, G_CONNECT_SWAPPED);
      gtk_list_box_append (self->lad_list, check);
      row = gtk_widget_get_last_child (GTK_WIDGET (self->lad_list));
      g_object_set_data_full (G_OBJECT (row), "folded", wa_search_fold (lad->name), g_free);
    }
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
wa_rank_table_set_atlas (WaRankTable *self, WaAtlas *atlas)
{
  g_return_if_fail (WA_IS_RANK_TABLE (self));

  if (self->atlas == atlas)
    return;
  if (self->atlas != NULL)
    g_signal_handlers_disconnect_by_data (self->atlas, self);
  g_set_object (&self->atlas, atlas);
  fill_regions (self);
  fill_lads (self);
  /* Slots hold the old atlas's wards. */
  self->pending_selection = NULL;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  refresh (self, TRUE);
  gtk_column_view_column_set_visible (self->columns[WA_WARD_COLUMN_OFFICIAL],
                                      atlas != NULL
                                      && wa_ward_column_available (WA_WARD_COLUMN_OFFICIAL, atlas));
  if (atlas != NULL)
    g_signal_connect_object (atlas, "ranks-changed", G_CALLBACK (on_ranks_changed), self,
                             G_CONNECT_SWAPPED);
  self->prepared = 0;
  if (atlas != NULL && self->prepare_idle_id == 0)
    self->prepare_idle_id = g_idle_add_full (G_PRIORITY_LOW, prepare_idle, self, NULL);
  update_status (self);
}

GPtrArray *
wa_rank_table_dup_shown (WaRankTable *self)
{
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

/* ---- benchmark ------------------------------------------------------------------ */

typedef struct {
  WaRankTable *table;
  GtkWidget *window;
  GCallback done;
  gpointer data;
  guint step;
  gint64 start;
  double cpu_start;     /* main thread CPU ms: apart from other processes */
  gulong paint_id;
  gboolean waiting;     /* a step has started and not yet painted */
} Measure;

/* Each filter step grows or shrinks the list past the ~200 rows GTK
 * keeps: 7,461 -> 225 -> 0 -> 149 -> 7,461 -> 1 wards. */
static const char *const measure_keys[] = { "table-open-ms", "table-sort-ms", "table-filter-ms", "table-text-ms",
                                            "table-unfilter-ms", "table-clear-ms", "table-name-ms" };

static double
thread_cpu_ms (void)
{
  struct timespec t;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

static void
measure_step (Measure *m)
{
  m->start = g_get_monotonic_time ();
  m->cpu_start = thread_cpu_ms ();
  switch (m->step)
    {
    case 0: gtk_widget_activate_action (m->window, "win.toggle-table", NULL); break;
    case 1: wa_rank_table_sort_by (m->table, WA_WARD_COLUMN_IMD_RANK, TRUE); break;
    case 2: wa_rank_table_set_left_behind_only (m->table, TRUE); break;
    case 3: wa_rank_table_set_text (m->table, "ham"); break;
    case 4: wa_rank_table_set_left_behind_only (m->table, FALSE); break;
    case 5: wa_rank_table_set_text (m->table, ""); break;
    default: wa_rank_table_set_text (m->table, "becontree"); break;
    }
  m->waiting = TRUE;
  gtk_widget_queue_draw (m->window);
}

static gboolean
measure_next_idle (gpointer data)
{
  measure_step (data);
  return G_SOURCE_REMOVE;
}

/* The slots settle after a filter's frame: report the longest of those
 * idle slices too, since the user may be typing meanwhile. */
static gboolean
measure_finish_timeout (gpointer data)
{
  Measure *m = data;

  if (m->table->settle_idle_id != 0 || m->table->settle_clock != NULL)
    return G_SOURCE_CONTINUE;
  printf ("table-settle-slice-ms cpu %.1f\n", m->table->settle_slice_max);
  fflush (stdout);
  ((void (*) (gpointer)) m->done) (m->data);
  g_free (m);
  return G_SOURCE_REMOVE;
}

static void
on_measure_painted (GdkFrameClock *clock, Measure *m)
{
  if (!m->waiting)
    return;
  m->waiting = FALSE;
  printf ("%s %.1f cpu %.1f\n", measure_keys[m->step], (g_get_monotonic_time () - m->start) / 1000.0,
          thread_cpu_ms () - m->cpu_start);
  fflush (stdout);
  if (++m->step < G_N_ELEMENTS (measure_keys))
    {
      /* A person's pause between two actions: the map that the opening
       * table resized fetches its tiles meanwhile, as it would. */
      g_timeout_add (400, measure_next_idle, m);
      return;
    }
  g_signal_handler_disconnect (clock, m->paint_id);
  g_timeout_add (20, measure_finish_timeout, m);
}

/* A user opens the table some time after the map appears: start once the
 * idle-time preparation has finished, as it would have by then. */
static gboolean
measure_start_timeout (gpointer data)
{
  Measure *m = data;

  if (m->table->warm_idle_id != 0 || m->table->prepare_idle_id != 0)
    return G_SOURCE_CONTINUE;
  measure_step (m);
  return G_SOURCE_REMOVE;
}

void
wa_rank_table_measure (WaRankTable *self, GtkWidget *window, GCallback done, gpointer data)
{
  Measure *m = g_new0 (Measure, 1);

  m->table = self;
  m->window = window;
  m->done = done;
  m->data = data;
  m->paint_id = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                                  G_CALLBACK (on_measure_painted), m);
  g_timeout_add (50, measure_start_timeout, m);
}

/* ---- object ------------------------------------------------------------------ */

static void
add_columns (WaRankTable *self)
{
  for (WaWardColumn c = 0; c < WA_N_WARD_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkCustomSorter *sorter;
      GtkColumnViewColumn *column;

      self->column_data[c] = (ColumnData) { self, c };
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), &self->column_data[c]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), &self->column_data[c]);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), &self->column_data[c]);
      column = gtk_column_view_column_new (wa_ward_column_title (c), factory);
      sorter = gtk_custom_sorter_new (compare_cells, &self->column_data[c], NULL);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      g_object_unref (sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, column_widths[c]);
      gtk_column_view_column_set_expand (column, c == WA_WARD_COLUMN_NAME);
      /* The codes are for exports and joins; the names say it in the table. */
      gtk_column_view_column_set_visible (column, c != WA_WARD_COLUMN_LAD_CODE
                                                  && c != WA_WARD_COLUMN_REGION_CODE);
      gtk_column_view_append_column (self->column_view, column);
      self->columns[c] = column;
      g_object_unref (column);
    }
}

static void
setup_models (WaRankTable *self)
{
  GtkSorter *view_sorter = gtk_column_view_get_sorter (self->column_view);

  self->rows = g_list_store_new (WA_TYPE_RANK_ROW);
  self->shown = g_ptr_array_new ();
  g_signal_connect_object (view_sorter, "changed", G_CALLBACK (on_sorter_changed), self,
                           G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
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
  g_clear_handle_id (&self->scroll_idle_id, g_source_remove);
  g_clear_handle_id (&self->prepare_idle_id, g_source_remove);
  g_clear_handle_id (&self->warm_idle_id, g_source_remove);
  g_clear_handle_id (&self->settle_idle_id, g_source_remove);
  stop_waiting_for_paint (self);
  if (self->column_view != NULL)
    {
      /* Removing the columns changes the sorter; nothing to refresh now. */
      g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
      gtk_column_view_set_model (self->column_view, NULL);
    }
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  gtk_widget_dispose_template (GTK_WIDGET (self), WA_TYPE_RANK_TABLE);
  G_OBJECT_CLASS (wa_rank_table_parent_class)->dispose (object);
}

static void
wa_rank_table_finalize (GObject *object)
{
  WaRankTable *self = WA_RANK_TABLE (object);

  wa_ward_filter_free (self->filter);
  g_ptr_array_unref (self->shown);
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

  signals[SIGNAL_WARD_SELECTED] = g_signal_new ("ward-selected", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 1, WA_TYPE_WARD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-rank-table.ui");
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, text_entry);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, region_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, lad_button);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, lad_label);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, lad_search);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, lad_list);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, lad_clear_button);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, left_behind_button);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, view_stack);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, clear_filters_button);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, status_label);
  gtk_widget_class_set_css_name (widget_class, "ranktable");
}

static void
wa_rank_table_init (WaRankTable *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = wa_ward_filter_new ();
  self->probe_a = make_probe (1);
  self->probe_b = make_probe (2);
  self->regions = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->region_dropdown, G_LIST_MODEL (self->regions));
  /* GTK 4.8 leaves the drop-down's own button nameless for screen readers. */
  if (GTK_IS_TOGGLE_BUTTON (gtk_widget_get_first_child (GTK_WIDGET (self->region_dropdown))))
    gtk_accessible_update_property (
      GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (self->region_dropdown))),
      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Region"), -1);
  gtk_list_box_set_filter_func (self->lad_list, lad_row_visible, self, NULL);

  add_columns (self);
  setup_models (self);
  gtk_column_view_sort_by_column (self->column_view, self->columns[WA_WARD_COLUMN_COMBINED_RANK],
                                  GTK_SORT_ASCENDING);

  g_signal_connect_object (self->text_entry, "search-changed", G_CALLBACK (on_text_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->left_behind_button, "toggled", G_CALLBACK (on_left_behind_toggled),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->region_dropdown, "notify::selected", G_CALLBACK (on_region_selected),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lad_search, "search-changed", G_CALLBACK (on_lad_search_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lad_clear_button, "clicked", G_CALLBACK (on_lad_clear), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->clear_filters_button, "clicked", G_CALLBACK (on_clear_filters), self,
                           G_CONNECT_SWAPPED);
  fill_regions (self);
  update_status (self);
}

GtkWidget *
wa_rank_table_new (void)
{
  return g_object_new (WA_TYPE_RANK_TABLE, NULL);
}
