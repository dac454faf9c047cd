/* wa-rank-table.c
 *
 * Model chain: the atlas's wards -> GtkFilterListModel (WaWardFilter) ->
 * GtkSortListModel (the column view's sorter, whose column sorters call
 * wa_ward_compare) -> GtkSingleSelection -> GtkColumnView.
 *
 * GTK 4.8 has no API to read the column view's sort column and direction,
 * and it sorts descending by negating the column sorter, which would put
 * unranked wards first. So when the sorter changes we compare two probe
 * wards through it: the column sorter that gets called is the primary
 * column, and the sign of the answer gives the direction. The column
 * sorters then pre-negate for a descending sort so that wards without a
 * figure stay last both ways.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "wa-search.h"
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
  GtkCustomFilter *gtk_filter;
  GtkFilterListModel *filter_model;
  GtkSortListModel *sort_model;
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
  guint scroll_idle_id;
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
};

/* ---- cells ------------------------------------------------------------------ */

static void
setup_cell (GtkSignalListItemFactory *factory, GtkListItem *item, ColumnData *data)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (wa_ward_column_is_numeric (data->column))
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory, GtkListItem *item, ColumnData *data)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  WaWard *ward = gtk_list_item_get_item (item);
  g_autofree char *text = wa_ward_column_format (data->column, ward);
  gboolean flagged = (data->column == WA_WARD_COLUMN_LEFT_BEHIND && wa_ward_get_left_behind (ward))
                     || (data->column == WA_WARD_COLUMN_OFFICIAL
                         && wa_ward_get_official_left_behind (ward) == 1);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (flagged)
    gtk_widget_add_css_class (label, "left-behind");
  else
    gtk_widget_remove_css_class (label, "left-behind");
}

/* ---- sorting ------------------------------------------------------------------ */

static int
compare_cells (gconstpointer a, gconstpointer b, gpointer user_data)
{
  ColumnData *data = user_data;
  WaRankTable *self = data->table;

  if (self->probing)
    {
      if (self->probe_column < 0)
        self->probe_column = data->column;
      return wa_ward_compare ((WaWard *) a, (WaWard *) b, data->column, FALSE);
    }
  if (self->sort_descending && data->column == self->sort_column)
    /* GTK negates this again; the net order is the core's descending one. */
    return -wa_ward_compare ((WaWard *) a, (WaWard *) b, data->column, TRUE);
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
      return;
    }
  self->sort_column = self->probe_column;
  plain = wa_ward_compare (self->probe_a, self->probe_b, self->sort_column, FALSE);
  self->sort_descending = (answer > 0) != (plain > 0);
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
  g_autoptr(GPtrArray) shown = wa_rank_table_dup_shown (self);

  g_free (self->status);
  self->status = wa_ward_list_describe (shown);
  gtk_label_set_text (self->status_label, self->atlas != NULL ? self->status : "");
  gtk_stack_set_visible_child_name (self->view_stack,
                                    shown->len > 0 || self->atlas == NULL ? "table" : "empty");
}

static void
on_items_changed (WaRankTable *self, guint position, guint removed, guint added, GListModel *model)
{
  update_status (self);
}

static void
on_selection_changed (WaRankTable *self, GParamSpec *pspec, GtkSingleSelection *selection)
{
  WaWard *ward = gtk_single_selection_get_selected_item (selection);

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

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  for (guint i = 0; ward != NULL && i < n && position == GTK_INVALID_LIST_POSITION; i++)
    {
      g_autoptr(WaWard) item = g_list_model_get_item (G_LIST_MODEL (self->sort_model), i);

      if (item == ward)
        position = i;
    }
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
  g_return_val_if_fail (WA_IS_RANK_TABLE (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

/* ---- filters ------------------------------------------------------------------ */

static gboolean
filter_ward (gpointer item, gpointer data)
{
  WaRankTable *self = data;

  return wa_ward_filter_match (self->filter, item);
}

static void
refilter (WaRankTable *self)
{
  gtk_filter_changed (GTK_FILTER (self->gtk_filter), GTK_FILTER_CHANGE_DIFFERENT);
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
  gtk_menu_button_set_label (self->lad_button, label);
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

  if (gtk_single_selection_get_selected_item (self->selection) != NULL)
    selected = g_object_ref (gtk_single_selection_get_selected_item (self->selection));
  /* Every visible cell shows ranks: swap the model back in so all rebind,
   * and refilter and resort under the new ranks. */
  gtk_filter_list_model_set_model (self->filter_model, NULL);
  gtk_filter_list_model_set_model (self->filter_model, wa_atlas_get_wards (atlas));
  gtk_sorter_changed (gtk_column_view_get_sorter (self->column_view), GTK_SORTER_CHANGE_DIFFERENT);
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
  fill_regions (self);
  fill_lads (self);
  gtk_filter_list_model_set_model (self->filter_model, atlas != NULL ? wa_atlas_get_wards (atlas) : NULL);
  gtk_column_view_column_set_visible (self->columns[WA_WARD_COLUMN_OFFICIAL],
                                      atlas != NULL
                                      && wa_ward_column_available (WA_WARD_COLUMN_OFFICIAL, atlas));
  if (atlas != NULL)
    g_signal_connect_object (atlas, "ranks-changed", G_CALLBACK (on_ranks_changed), self,
                             G_CONNECT_SWAPPED);
  update_status (self);
}

GPtrArray *
wa_rank_table_dup_shown (WaRankTable *self)
{
  GListModel *model = G_LIST_MODEL (self->sort_model);
  guint n = g_list_model_get_n_items (model);
  GPtrArray *wards = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    {
      WaWard *ward = g_list_model_get_item (model, i);

      g_ptr_array_add (wards, ward);
      g_object_unref (ward);   /* the atlas holds it */
    }
  return wards;
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
      column = gtk_column_view_column_new (wa_ward_column_title (c), factory);
      sorter = gtk_custom_sorter_new (compare_cells, &self->column_data[c], NULL);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      g_object_unref (sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, column_widths[c]);
      gtk_column_view_column_set_expand (column, c == WA_WARD_COLUMN_NAME);
      gtk_column_view_append_column (self->column_view, column);
      self->columns[c] = column;
      g_object_unref (column);
    }
}

static void
setup_models (WaRankTable *self)
{
  GtkSorter *view_sorter = gtk_column_view_get_sorter (self->column_view);

  self->gtk_filter = gtk_custom_filter_new (filter_ward, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->gtk_filter)));
  /* Connected before the sort model, so the direction is known before it sorts. */
  g_signal_connect_object (view_sorter, "changed", G_CALLBACK (on_sorter_changed), self,
                           G_CONNECT_SWAPPED);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (view_sorter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->sort_model, "items-changed", G_CALLBACK (on_items_changed), self,
                           G_CONNECT_SWAPPED);
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
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->gtk_filter);
  gtk_widget_dispose_template (GTK_WIDGET (self), WA_TYPE_RANK_TABLE);
  G_OBJECT_CLASS (wa_rank_table_parent_class)->dispose (object);
}

static void
wa_rank_table_finalize (GObject *object)
{
  WaRankTable *self = WA_RANK_TABLE (object);

  wa_ward_filter_free (self->filter);
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

  signals[SIGNAL_WARD_SELECTED] = g_signal_new ("ward-selected", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 1, WA_TYPE_WARD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-rank-table.ui");
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, text_entry);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, region_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WaRankTable, lad_button);
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
