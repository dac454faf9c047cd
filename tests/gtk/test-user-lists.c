/* test-user-lists.c: the user's own asset lists in the main window on the
 * real 2019 pack, under a virtual display: a CSV of postcodes read and
 * located with the core API, added to the window's store, then counted in
 * the ward panel's "Your Lists" row and the ranking table's column.
 *
 * One window for every case: opening it is what costs (and ten times
 * more under the sanitizers). */
#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "wa-asset-legend.h"
#include "wa-asset-section.h"
#include "wa-format.h"
#include "wa-rank-table.h"
#include "wa-table-cell.h"
#include "wa-user-list.h"
#include "wa-user-lists-store.h"
#include "wa-window-private.h"
#include "wa-test-fixtures.h"
#include "wa-gtk-test-utils.h"

#define LIST_NAME "Youth clubs (test)"

static WaWindow *shared_window;
static char *base_dir;      /* a temporary folder: the CSV, and lists/ */
static char *lists_dir;

static WaWindow *
get_window (void)
{
  const char *path;

  if (shared_window != NULL)
    return shared_window;
  if ((path = wa_gtk_test_pack_2019 ()) == NULL)
    return NULL;
  shared_window = WA_WINDOW (wa_gtk_test_open_window (path, 1366, 768));
  return shared_window;
}

/* Ten postcodes of Marfleet's (HU9 5A..) and two of another district,
 * as a CSV; *out_expected: how many of the rows lie in Marfleet, by the
 * pack's own postcode table; *out_wards: the wards with at least one. */
static char *
write_csv (WaAtlas *atlas, WaWard *marfleet, guint *out_expected, GHashTable *out_wards)
{
  g_autoptr(GPtrArray) hu9 = wa_atlas_list_district_postcodes (atlas, "HU9", "5A", 60);
  g_autoptr(GPtrArray) hu1 = wa_atlas_list_district_postcodes (atlas, "HU1", NULL, 2);
  g_autoptr(GString) csv = g_string_new ("Name;Postcode\n");
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (base_dir, "clubs.csv", NULL);
  guint taken = 0;

  *out_expected = 0;
  g_assert_nonnull (hu9);
  g_assert_nonnull (hu1);
  g_assert_cmpuint (hu1->len, ==, 2);
  for (guint i = 0; i < hu9->len && taken < 10; i++)
    {
      WaPostcodeHit *hit = g_ptr_array_index (hu9, i);

      if (hit->ward_index != (int) wa_ward_get_index (marfleet))
        continue;
      g_string_append_printf (csv, "Club %u;%s\n", ++taken, hit->postcode);
    }
  g_assert_cmpuint (taken, ==, 10);
  for (guint i = 0; i < hu1->len; i++)
    g_string_append_printf (csv, "Town club %u;%s\n", i + 1,
                            ((WaPostcodeHit *) g_ptr_array_index (hu1, i))->postcode);

  /* The expected figures from the rows, looked up one by one. */
  {
    g_auto(GStrv) lines = g_strsplit (csv->str, "\n", -1);

    for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
      {
        g_auto(GStrv) cells = g_strsplit (lines[i], ";", 2);
        g_autoptr(WaPostcodeHit) hit = wa_atlas_lookup_postcode (atlas, cells[1], NULL);

        g_assert_nonnull (hit);
        g_assert_cmpint (hit->ward_index, >=, 0);
        g_hash_table_add (out_wards, GINT_TO_POINTER (hit->ward_index));
        *out_expected += hit->ward_index == (int) wa_ward_get_index (marfleet);
      }
  }
  g_assert_true (g_file_set_contents (path, csv->str, -1, &error));
  g_assert_no_error (error);
  return path;
}

static gboolean
is_list_row (GtkWidget *widget, gconstpointer name)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), name) == 0;
}

/* The text of the cell of column in the row whose name cell reads name,
 * among the rows the column view has built; NULL if not there. Cells sit
 * in their row in the order of the visible columns. */
static const char *
table_cell_text (GtkColumnView *view, GtkColumnViewColumn *column, const char *name)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  GtkWidget *list_view = NULL;
  int position = -1, name_position = -1, visible = 0;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, i);

      if (!gtk_column_view_column_get_visible (c))
        continue;
      if (c == column)
        position = visible;
      if (g_strcmp0 (gtk_column_view_column_get_title (c), wa_ward_column_title (WA_WARD_COLUMN_NAME)) == 0)
        name_position = visible;
      visible++;
    }
  g_assert_cmpint (position, >=, 0);
  g_assert_cmpint (name_position, >=, 0);
  list_view = wa_gtk_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list_view);
  for (GtkWidget *row = gtk_widget_get_first_child (list_view); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *cells[64] = { NULL };
      int n = 0;

      for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL && n < 64;
           cell = gtk_widget_get_next_sibling (cell))
        cells[n++] = cell;
      if (n <= MAX (position, name_position))
        continue;
      {
        GtkWidget *name_cell = wa_gtk_test_find_descendant (cells[name_position], WA_TYPE_TABLE_CELL);
        GtkWidget *value_cell = wa_gtk_test_find_descendant (cells[position], WA_TYPE_TABLE_CELL);

        if (name_cell != NULL && value_cell != NULL
            && g_strcmp0 (wa_table_cell_get_text (WA_TABLE_CELL (name_cell)), name) == 0)
          return wa_table_cell_get_text (WA_TABLE_CELL (value_cell));
      }
    }
  return NULL;
}

static GtkColumnView *
column_view (WaWindow *window)
{
  return GTK_COLUMN_VIEW (wa_gtk_test_find_descendant (GTK_WIDGET (window->rank_table), GTK_TYPE_COLUMN_VIEW));
}

static GtkColumnViewColumn *
find_column (GtkColumnView *view, const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (c), title) == 0)
        return c;   /* the view keeps it */
    }
  return NULL;
}

/* For the screenshot: the panel scrolled to the list's row, the map at
 * a zoom that draws the places. */
static void
show_for_screenshot (WaWindow *window, GtkWidget *row, double lon, double lat)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  ShumateMap *map = _wa_window_get_map (window);
  graphene_point_t at;

  g_assert_true (gtk_widget_compute_point (row, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                           &GRAPHENE_POINT_INIT (0, 0), &at));
  gtk_adjustment_set_value (adjustment, at.y - 120);
  shumate_viewport_set_zoom_level (shumate_map_get_viewport (map), 14);
  shumate_map_center_on (map, lat, lon);
  wa_gtk_test_spin (0.3);
}

static void
test_list_counts_in_panel_and_table (void)
{
  WaWindow *window = get_window ();
  WaUserListsStore *store;
  WaAtlas *atlas;
  WaWard *marfleet;
  g_autoptr(WaPostcodeHit) hit = NULL;
  g_autoptr(GHashTable) wards = g_hash_table_new (NULL, NULL);
  g_autoptr(WaUserTable) table = NULL;
  g_autoptr(WaUserList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autofree char *csv = NULL, *expected_text = NULL, *expected_prefix = NULL;
  WaUserListColumns columns = { 0, WA_USER_LIST_BY_POSTCODE, 1, -1, -1 };
  GtkWidget *section, *row;
  GtkColumnViewColumn *column;
  const char *cell;
  guint expected;

  if (window == NULL)
    return;
  atlas = wa_window_get_atlas (window);
  store = wa_window_get_user_lists (window);
  g_assert_nonnull (store);
  g_assert_cmpstr (wa_user_lists_store_get_dir (store), ==, lists_dir);
  g_assert_true (wa_user_lists_store_get_atlas (store) == atlas);
  g_assert_cmpuint (wa_user_lists_store_get_n_lists (store), ==, 0);
  hit = wa_atlas_lookup_postcode (atlas, "HU9 5AA", &error);
  g_assert_no_error (error);
  marfleet = wa_atlas_get_ward (atlas, (guint) hit->ward_index);
  g_assert_cmpstr (wa_ward_get_name (marfleet), ==, "Marfleet");

  csv = write_csv (atlas, marfleet, &expected, wards);
  g_assert_cmpuint (expected, ==, 10);
  table = wa_user_table_read (csv, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wa_user_table_get_n_rows (table), ==, 12);
  list = wa_user_list_locate (atlas, table, &columns, LIST_NAME, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wa_user_list_get_report (list)->n_located, ==, 12);
  g_assert_true (wa_user_lists_store_add (store, list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wa_user_lists_store_get_n_lists (store), ==, 1);

  /* The panel: the list's row, read as a category's. */
  wa_window_select_ward (window, marfleet, FALSE);   /* no animated fit: the map is placed below */
  wa_gtk_test_spin (0.2);
  section = GTK_WIDGET (wa_ward_panel_get_asset_section (window->ward_panel));
  row = wa_gtk_test_find (section, is_list_row, LIST_NAME);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (row));
  expected_prefix = g_strdup_printf ("%u places · ", expected);
  g_assert_true (g_str_has_prefix (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), expected_prefix));
  /* Its places, listed when opened. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  wa_gtk_test_spin (0.1);
  g_assert_true (wa_gtk_test_tree_has_text (row, "Club 10"));
  g_assert_false (wa_gtk_test_tree_has_text (row, "Town club 1"));
  show_for_screenshot (window, row, hit->lon, hit->lat);
  wa_gtk_test_save_screenshot (GTK_WIDGET (window), "lists-panel.png");
  /* The map: a click on a place names it with its list. */
  {
    WaAssetLayer *layer = wa_ward_map_get_asset_layer (window->ward_map);
    double x, y;

    shumate_viewport_location_to_widget_coords (shumate_layer_get_viewport (SHUMATE_LAYER (layer)),
                                                GTK_WIDGET (layer), hit->lat, hit->lon, &x, &y);
    g_assert_true (wa_asset_layer_identify (layer, x, y));
    g_assert_true (wa_gtk_test_tree_has_text (GTK_WIDGET (layer), LIST_NAME));
    /* Closed again: a popover left open as the window goes trips GDK. */
    gtk_popover_popdown (GTK_POPOVER (wa_gtk_test_find_descendant (GTK_WIDGET (layer), GTK_TYPE_POPOVER)));
    GtkWidget *legend = wa_gtk_test_find_descendant (GTK_WIDGET (window), WA_TYPE_ASSET_LEGEND);
    GtkExpander *expander = GTK_EXPANDER (wa_gtk_test_find_descendant (legend, GTK_TYPE_EXPANDER));

    /* The map's asset legend, opened, has the list's symbol and name. */
    gtk_expander_set_expanded (expander, TRUE);
    g_assert_true (wa_gtk_test_tree_has_text (legend, LIST_NAME));
    gtk_expander_set_expanded (expander, FALSE);
  }

  /* The table: a column with the count, and the filter. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-table", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->rank_table)));
  wa_rank_table_set_list_filter (window->rank_table, wa_user_list_get_id (list), 1);
  wa_gtk_test_spin (0.3);
  shown = wa_rank_table_dup_shown (window->rank_table);
  g_assert_cmpuint (shown->len, ==, g_hash_table_size (wards));
  g_assert_true (g_ptr_array_find (shown, marfleet, NULL));
  column = find_column (column_view (window), LIST_NAME);
  g_assert_nonnull (column);
  cell = table_cell_text (column_view (window), column, "Marfleet");
  expected_text = wa_format_count (expected);
  g_assert_cmpstr (cell, ==, expected_text);
  /* Sorted by the list's count, most first: Marfleet, with ten, leads. */
  gtk_column_view_sort_by_column (column_view (window), column, GTK_SORT_DESCENDING);
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = wa_rank_table_dup_shown (window->rank_table);
  g_assert_true (g_ptr_array_index (shown, 0) == marfleet);
  /* Hidden through the Columns menu's setting, and shown again. */
  {
    g_autoptr(GSettings) settings = g_settings_new (WA_APP_ID);
    g_autofree char *id = g_strconcat ("list:", wa_user_list_get_id (list), NULL);
    const char *hidden[] = { id, NULL };

    g_settings_set_strv (settings, "rank-table-hidden-columns", hidden);
    g_assert_false (gtk_column_view_column_get_visible (column));
    g_settings_set_strv (settings, "rank-table-hidden-columns", NULL);
    g_assert_true (gtk_column_view_column_get_visible (column));
  }
  wa_rank_table_sort_by (window->rank_table, WA_WARD_COLUMN_COMBINED_RANK, FALSE);
  g_clear_pointer (&shown, g_ptr_array_unref);
  wa_rank_table_set_list_filter (window->rank_table, wa_user_list_get_id (list), 0);
  shown = wa_rank_table_dup_shown (window->rank_table);
  g_assert_cmpuint (shown->len, ==, wa_atlas_get_n_wards (atlas) - g_hash_table_size (wards));
  g_assert_false (g_ptr_array_find (shown, marfleet, NULL));
  wa_rank_table_set_list_filter (window->rank_table, NULL, -1);

  /* Removed: the row and the column go. */
  g_assert_true (wa_user_lists_store_remove (store, wa_user_list_get_id (list), &error));
  g_assert_no_error (error);
  wa_gtk_test_spin (0.1);
  g_assert_null (wa_gtk_test_find (section, is_list_row, LIST_NAME));
  g_assert_null (find_column (column_view (window), LIST_NAME));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-table", NULL);
  g_unlink (csv);
}

int
main (int argc, char **argv)
{
  int status;

  wa_gtk_test_init (&argc, &argv);
  /* The store reads the folder when the window is made. */
  base_dir = g_dir_make_tmp ("ward-atlas-lists-XXXXXX", NULL);
  g_assert_nonnull (base_dir);
  lists_dir = g_build_filename (base_dir, "lists", NULL);
  g_setenv ("WARD_ATLAS_LISTS_DIR", lists_dir, TRUE);
  g_test_add_func ("/user-lists/counts-in-panel-and-table", test_list_counts_in_panel_and_table);
  status = g_test_run ();
  if (shared_window != NULL)
    wa_gtk_test_close_window (GTK_WINDOW (shared_window));
  g_free (lists_dir);
  g_free (base_dir);
  return status;
}
