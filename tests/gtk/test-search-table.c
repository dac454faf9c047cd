/* test-search-table.c: the header search and the ranking table in the
 * main window on the real 2019 pack, under a virtual display. */
#include <math.h>
#include <string.h>
#include <adwaita.h>

#include "wa-rank-filter-popover.h"
#include "wa-rank-table.h"
#include "wa-rank-table-a11y.h"
#include "wa-rank-row.h"
#include "wa-export-actions.h"
#include "wa-search-popover.h"
#include "wa-ward-panel.h"
#include "wa-window-private.h"
#include "wa-test-fixtures.h"
#include "wa-gtk-test-utils.h"

#define WAIT_TIMEOUT_S 60
#define NEIGHBOURHOODS_TOOLTIP "Residents in the published 2023 left-behind neighbourhoods"

static GtkWidget *find_by_tooltip (GtkWidget *root, const char *tooltip);

/* 2025: the drop-down beside the change filter keeps the wards with half
 * or more of their residents in the published left-behind neighbourhoods
 * (the 113 the neighbourhoods method marks), and sorts on the share. */
static void
check_neighbourhood_filter (WaRankTable *table)
{
  GtkWidget *dropdown = find_by_tooltip (GTK_WIDGET (table), NEIGHBOURHOODS_TOOLTIP);
  g_autoptr(GPtrArray) shown = NULL;

  g_assert_nonnull (dropdown);
  g_assert_true (gtk_widget_get_visible (dropdown));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), WA_NEIGHBOURHOOD_FILTER_MAJORITY);
  g_assert_cmpstr (wa_rank_table_get_status (table), ==, "113 wards, 1.07 million people");
  wa_rank_table_sort_by (table, WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE, FALSE);
  shown = wa_rank_table_dup_shown (table);
  g_assert_cmpuint (shown->len, ==, 113);
  g_assert_cmpfloat (wa_ward_get_neighbourhood_share (shown->pdata[0]), ==, 1.0);
  g_assert_cmpfloat (wa_ward_get_neighbourhood_share (shown->pdata[112]), >=, 0.5);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), WA_NEIGHBOURHOOD_FILTER_ANY);
  g_assert_true (g_str_has_prefix (wa_rank_table_get_status (table), "6,817 wards, "));
  wa_rank_table_sort_by (table, WA_WARD_COLUMN_COMBINED_RANK, FALSE);
}

static WaWindow *
open_window (void)
{
  const char *path = wa_gtk_test_pack_2019 ();

  if (path == NULL)
    return NULL;
  return WA_WINDOW (wa_gtk_test_open_window (path, 1200, 760));
}

static void
close_window (WaWindow *window)
{
  wa_gtk_test_close_window (GTK_WINDOW (window));
}

/* One window for the two search tests and the table's keyboard test
 * (each opening costs seconds, ten times more under the sanitizers);
 * they run in that order (see main) and the last closes it. The table's
 * filter test changes the method and the edition: its own window. */
static WaWindow *shared_window;

static WaWindow *
get_shared_window (void)
{
  if (shared_window == NULL)
    shared_window = open_window ();
  return shared_window;
}

static void
close_shared_window (void)
{
  if (shared_window != NULL)
    close_window (g_steal_pointer (&shared_window));
}

static GtkWidget *
search_entry (WaWindow *window)
{
  return gtk_widget_get_parent (GTK_WIDGET (window->search_popover));
}

/* Types text one character at a time, as keystrokes do. */
static void
type (GtkWidget *entry, const char *text)
{
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int position = -1;

      gtk_editable_insert_text (GTK_EDITABLE (entry), p, g_utf8_next_char (p) - p, &position);
      gtk_editable_set_position (GTK_EDITABLE (entry), -1);
      wa_gtk_test_spin (0.01);
    }
}

/* Delivers a key to the entry's own key controller (arrows, as a user presses them). */
static void
press_key (GtkWidget *entry, guint keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (entry);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller)
          && gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  g_assert_true (handled);
}

/* Enter in a search entry emits "activate". */
static void
press_enter (GtkWidget *entry)
{
  g_signal_emit_by_name (entry, "activate");
  wa_gtk_test_spin (0.6);   /* the map's animation */
}

static void
test_search_postcode (void)
{
  WaWindow *window = get_shared_window ();
  WaSearchPopover *popover;
  GtkWidget *entry;
  WaWard *ward;
  double zoom_before;

  if (window == NULL)
    return;
  entry = search_entry (window);
  popover = WA_SEARCH_POPOVER (GTK_WIDGET (window->search_popover));
  g_assert_true (gtk_widget_get_sensitive (entry));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  g_assert_true (gtk_widget_is_focus (entry) || gtk_widget_has_focus (entry)
                 || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));

  type (entry, "sw1a 0aa");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpuint (wa_search_popover_get_n_results (popover), ==, 1);
  g_assert_cmpstr (wa_search_popover_get_result (popover, 0)->title, ==, "SW1A 0AA");
  /* Typing stays in the entry while the results show. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));

  zoom_before = shumate_viewport_get_zoom_level (shumate_map_get_viewport (_wa_window_get_map (window)));
  press_enter (entry);
  ward = window->selected;
  g_assert_nonnull (ward);
  g_assert_cmpstr (wa_ward_get_name (ward), ==, "St James's");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  /* The map flies there in 400 ms of frames, slower under sanitizers. */
  for (int i = 0; i < 200 && shumate_viewport_get_zoom_level (shumate_map_get_viewport (_wa_window_get_map (window))) <= zoom_before; i++)
    wa_gtk_test_spin (0.05);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (shumate_map_get_viewport (_wa_window_get_map (window))),
                     >, zoom_before);
}

static void
test_search_keyboard (void)
{
  WaWindow *window = get_shared_window ();
  WaSearchPopover *popover;
  GtkWidget *entry;
  const WaSearchResult *chosen;
  WaWard *ward;

  if (window == NULL)
    return;
  entry = search_entry (window);
  popover = WA_SEARCH_POPOVER (GTK_WIDGET (window->search_popover));
  type (entry, "hull");
  g_assert_cmpuint (wa_search_popover_get_n_results (popover), >, 3);
  g_assert_nonnull (strstr (wa_search_popover_get_result (popover, 0)->title, "Kingston upon Hull"));
  wa_gtk_test_spin (0.3);
  wa_gtk_test_save_screenshot (GTK_WIDGET (popover), "search-popover.png");

  /* Down twice and up once: the second result. */
  g_assert_cmpint (wa_search_popover_get_selected (popover), ==, 0);
  press_key (entry, GDK_KEY_Down);
  press_key (entry, GDK_KEY_Down);
  press_key (entry, GDK_KEY_Up);
  g_assert_cmpint (wa_search_popover_get_selected (popover), ==, 1);
  chosen = wa_search_popover_get_result (popover, 1);
  g_assert_cmpint (chosen->kind, ==, WA_SEARCH_PLACE);
  g_assert_cmpint (chosen->ward_index, >=, 0);
  ward = wa_atlas_get_ward (wa_window_get_atlas (window), chosen->ward_index);
  press_enter (entry);
  g_assert_true (window->selected == ward);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Kingston upon Hull");

  /* A local authority: fitted, no ward selected, the LAD remembered. */
  type (entry, "Barking and Dag");
  g_assert_cmpint (wa_search_popover_get_result (popover, 0)->kind, ==, WA_SEARCH_LAD);
  press_enter (entry);
  g_assert_null (window->selected);
  g_assert_nonnull (_wa_window_get_selected_lad (window));
  g_assert_cmpstr (_wa_window_get_selected_lad (window)->name, ==, "Barking and Dagenham");

  /* Nothing found: the popover says so; Escape closes it. */
  type (entry, "qqqqzz");
  g_assert_cmpuint (wa_search_popover_get_n_results (popover), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
}

/* After a filter the list's rows settle in idle slices: at once the first
 * rows are the shown wards (at least a screenful) and any surplus blank,
 * and soon the list holds exactly the shown wards. */
static void
assert_rows_settle (WaRankTable *table, GPtrArray *shown)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (wa_gtk_test_find_descendant (GTK_WIDGET (table), GTK_TYPE_COLUMN_VIEW));
  GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (view));
  guint n = g_list_model_get_n_items (rows);

  g_assert_cmpuint (n, >=, MIN (shown->len, 20));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaRankRow) row = g_list_model_get_item (rows, i);

      g_assert_true (wa_rank_row_get_ward (row) == (i < shown->len ? shown->pdata[i] : NULL));
    }
  for (guint i = 0; i < 400 && g_list_model_get_n_items (rows) != shown->len; i++)
    wa_gtk_test_spin (0.05);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, shown->len);
  for (guint i = 0; i < shown->len; i++)
    {
      g_autoptr(WaRankRow) row = g_list_model_get_item (rows, i);

      g_assert_true (wa_rank_row_get_ward (row) == shown->pdata[i]);
    }
}

static gboolean
is_check_labelled (GtkWidget *widget, gconstpointer label)
{
  return GTK_IS_CHECK_BUTTON (widget)
         && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0;
}

static gboolean
is_button_labelled (GtkWidget *widget, gconstpointer label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static guint
count_wards_of_lad (WaAtlas *atlas, const char *lad_name)
{
  guint n = 0;

  for (guint w = 0; w < wa_atlas_get_n_wards (atlas); w++)
    n += g_strcmp0 (wa_ward_get_lad_name (wa_atlas_get_ward (atlas, w)), lad_name) == 0;
  return n;
}

/* The local-authority popover edits the table's filter: a ticked
 * authority shows its wards only and names the button; unticking or
 * "All Authorities" shows every ward again. */
static void
check_lad_filter (WaRankTable *table, WaAtlas *atlas)
{
  GtkWidget *popover = wa_gtk_test_find_descendant (GTK_WIDGET (table), WA_TYPE_RANK_FILTER_POPOVER);
  GtkWidget *button = gtk_widget_get_ancestor (popover, GTK_TYPE_MENU_BUTTON);
  GtkWidget *barking, *camden;
  GtkWidget *all = wa_gtk_test_find (popover, is_button_labelled, "_All Authorities");
  guint n_barking = count_wards_of_lad (atlas, "Barking and Dagenham");
  guint n_camden = count_wards_of_lad (atlas, "Camden");
  g_autoptr(GPtrArray) shown = NULL;

  /* Its 300-odd rows are made when it first opens, not before the
   * window's first frame. */
  g_assert_null (wa_gtk_test_find (popover, is_check_labelled, "Camden"));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  wa_gtk_test_spin (0.1);
  barking = wa_gtk_test_find (popover, is_check_labelled, "Barking and Dagenham");
  camden = wa_gtk_test_find (popover, is_check_labelled, "Camden");
  g_assert_nonnull (button);
  g_assert_nonnull (barking);
  g_assert_nonnull (camden);
  g_assert_nonnull (all);
  g_assert_cmpuint (n_barking, >, 0);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "All Authorities");

  gtk_check_button_set_active (GTK_CHECK_BUTTON (barking), TRUE);
  shown = wa_rank_table_dup_shown (table);
  g_assert_cmpuint (shown->len, ==, n_barking);
  for (guint i = 0; i < shown->len; i++)
    g_assert_cmpstr (wa_ward_get_lad_name (shown->pdata[i]), ==, "Barking and Dagenham");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Barking and Dagenham");
  g_clear_pointer (&shown, g_ptr_array_unref);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (camden), TRUE);
  shown = wa_rank_table_dup_shown (table);
  g_assert_cmpuint (shown->len, ==, n_barking + n_camden);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "2 Authorities");
  g_clear_pointer (&shown, g_ptr_array_unref);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (barking), FALSE);
  shown = wa_rank_table_dup_shown (table);
  g_assert_cmpuint (shown->len, ==, n_camden);
  g_assert_cmpuint (wa_ward_filter_get_n_lads (wa_rank_table_get_filter (table)), ==, 1);
  g_assert_cmpstr (wa_ward_get_lad_name (shown->pdata[0]), ==, "Camden");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Camden");
  g_clear_pointer (&shown, g_ptr_array_unref);

  g_signal_emit_by_name (all, "clicked");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (camden)));
  g_assert_cmpuint (wa_ward_filter_get_n_lads (wa_rank_table_get_filter (table)), ==, 0);
  g_assert_true (g_str_has_prefix (wa_rank_table_get_status (table), "7,461 wards, "));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "All Authorities");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

static void
test_table (void)
{
  WaWindow *window = open_window ();
  WaRankTable *table;
  WaAtlas *atlas;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  WaRankParams params;
  WaWard *ward;

  if (window == NULL)
    return;
  atlas = wa_window_get_atlas (window);
  table = WA_RANK_TABLE (GTK_WIDGET (window->rank_table));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (table)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.rank-method", "s", "official");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-table", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (table)));
  wa_gtk_test_spin (0.3);
  g_assert_true (g_str_has_prefix (wa_rank_table_get_status (table), "7,461 wards, "));

  wa_rank_table_set_left_behind_only (table, TRUE);
  g_assert_cmpstr (wa_rank_table_get_status (table), ==, "225 wards, 2.39 million people");
  shown = wa_rank_table_dup_shown (table);
  g_assert_cmpuint (shown->len, ==, 225);
  g_assert_cmpuint (wa_ward_get_combined_rank (shown->pdata[0]), <=,
                    wa_ward_get_combined_rank (shown->pdata[1]));
  wa_gtk_test_spin (0.5);
  wa_gtk_test_save_screenshot (GTK_WIDGET (table), "rank-table.png");

  /* Sorting by a column header, descending: unranked wards stay last. */
  wa_rank_table_set_left_behind_only (table, FALSE);
  wa_rank_table_sort_by (table, WA_WARD_COLUMN_IMD_RANK, TRUE);
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = wa_rank_table_dup_shown (table);
  g_assert_cmpuint (wa_ward_get_imd_rank (shown->pdata[0]), ==, wa_atlas_get_n_ranked (atlas, WA_INDICATOR_IMD));
  g_assert_cmpuint (wa_ward_get_imd_rank (g_ptr_array_index (shown, shown->len - 1)), ==, 0);

  /* Row and map selection follow each other. */
  ward = wa_atlas_lookup_ward (atlas, "E05000027");
  wa_window_select_ward (window, ward, FALSE);
  g_assert_true (wa_rank_table_get_selected_ward (table) == ward);
  {
    GtkColumnView *view = GTK_COLUMN_VIEW (wa_gtk_test_find_descendant (GTK_WIDGET (table), GTK_TYPE_COLUMN_VIEW));

    /* Clicking the first row, as the selection model hears it. */
    gtk_selection_model_select_item (gtk_column_view_get_model (view), 0, TRUE);
    g_assert_true (window->selected == shown->pdata[0]);
    g_assert_true (wa_ward_panel_get_ward (WA_WARD_PANEL (GTK_WIDGET (window->ward_panel))) == shown->pdata[0]);
  }

  /* A new method re-ranks the table. */
  wa_rank_table_set_left_behind_only (table, TRUE);
  wa_rank_params_init (&params);
  params.method = WA_RANK_METHOD_BOTH_DECILE;
  g_assert_true (wa_atlas_set_rank_params (atlas, &params, NULL));
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = wa_rank_table_dup_shown (table);
  expected = wa_atlas_dup_left_behind (atlas);
  g_assert_cmpuint (shown->len, ==, expected->len);

  /* Text filter, then export of exactly the shown rows. */
  wa_rank_table_set_text (table, "middlesbrough");
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = wa_rank_table_dup_shown (table);
  g_assert_cmpuint (shown->len, >, 0);
  assert_rows_settle (table, shown);
  dir = wa_test_tmpdir_new ();
  csv = g_build_filename (dir, "table.csv", NULL);
  g_assert_true (wa_export_actions_export_table (window, csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  {
    g_autofree char *rows = g_strdup_printf ("# Rows: %u ward", shown->len);
    g_assert_nonnull (strstr (contents, rows));
  }
  g_assert_nonnull (strstr (contents, "# Method: both-decile"));
  g_assert_nonnull (strstr (contents, wa_ward_get_code (shown->pdata[0])));
  wa_test_tmpdir_free (g_steal_pointer (&dir));

  wa_rank_table_set_text (table, "qqqqzz");
  wa_gtk_test_spin (0.2);
  g_assert_cmpstr (wa_rank_table_get_status (table), ==, "0 wards, 0 people");
  wa_gtk_test_save_screenshot (GTK_WIDGET (table), "rank-table-empty.png");

  /* From no rows to every ward: a ward far down can be selected before
   * the rows have settled. */
  wa_rank_table_set_text (table, "");
  wa_rank_table_set_left_behind_only (table, FALSE);
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = wa_rank_table_dup_shown (table);
  g_assert_cmpuint (shown->len, ==, wa_atlas_get_n_wards (atlas));
  wa_window_select_ward (window, shown->pdata[5000], FALSE);
  g_assert_true (wa_rank_table_get_selected_ward (table) == shown->pdata[5000]);
  assert_rows_settle (table, shown);
  wa_rank_table_set_text (table, "qqqqzz");
  {
    g_autoptr(GPtrArray) none = wa_rank_table_dup_shown (table);

    assert_rows_settle (table, none);
  }
  wa_rank_table_set_text (table, "");
  assert_rows_settle (table, shown);

  check_lad_filter (table, atlas);
  g_assert_false (gtk_widget_get_visible (find_by_tooltip (GTK_WIDGET (table), NEIGHBOURHOODS_TOOLTIP)));

  /* Another edition: the table lists its wards, with no official column. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edition", "s", "2025");
  /* A recolour of the 2019 map may still report first. */
  for (guint i = 0; i < 5 && wa_atlas_get_edition (wa_window_get_atlas (window)) != WA_EDITION_2025; i++)
    g_assert_true (wa_gtk_test_wait_for_signal (window, "map-ready", WAIT_TIMEOUT_S));
  g_assert_cmpint (wa_atlas_get_edition (wa_window_get_atlas (window)), ==, WA_EDITION_2025);
  g_assert_true (g_str_has_prefix (wa_rank_table_get_status (table), "6,817 wards, "));
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = wa_rank_table_dup_shown (table);
  g_assert_true (wa_atlas_get_ward (wa_window_get_atlas (window), wa_ward_get_index (shown->pdata[0]))
                 == shown->pdata[0]);
  check_neighbourhood_filter (table);
  close_window (window);
  {
    g_autoptr(GSettings) settings = g_settings_new (WA_APP_ID);

    g_settings_reset (settings, "edition");
    g_settings_reset (settings, "rank-method");
  }
}

static GtkWidget *
find_by_tooltip (GtkWidget *root, const char *tooltip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_tooltip_text (child), tooltip) == 0)
        return child;
      if ((found = find_by_tooltip (child, tooltip)) != NULL)
        return found;
    }
  return NULL;
}

/* Delivers Tab (or Shift+Tab) to the column view's capture handler, as
 * the key would reach it from a focused row. */
static gboolean
press_tab (GtkWidget *view, GdkModifierType state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller)
          && gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Tab, 0, state, &handled);
    }
  return handled;
}

static gboolean
focus_inside (WaWindow *window, GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* What decides where the table's width goes: logged, since a CI run under
 * the sanitizers saw the table keep its width (2026-12-05). */
static void
log_flap (WaWindow *window, const char *when)
{
  GtkWidget *flap = GTK_WIDGET (window->flap);
  int content_min, flap_min, flap_nat, max_position;

  gtk_widget_measure (adw_flap_get_content (window->flap), GTK_ORIENTATION_HORIZONTAL, -1,
                      &content_min, NULL, NULL, NULL);
  gtk_widget_measure (adw_flap_get_flap (window->flap), GTK_ORIENTATION_HORIZONTAL, -1,
                      &flap_min, &flap_nat, NULL, NULL);
  g_object_get (window->table_paned, "max-position", &max_position, NULL);
  g_test_message ("%s: frame %" G_GINT64_FORMAT " at %.2f s; flap %d px, folded %d, revealed %d, progress %.2f; content minimum %d, "
                  "panel minimum %d natural %d; table %d of %d (max %d)", when,
                  gdk_frame_clock_get_frame_counter (gtk_widget_get_frame_clock (flap)),
                  g_get_monotonic_time () / 1e6,
                  gtk_widget_get_width (flap), adw_flap_get_folded (window->flap),
                  adw_flap_get_reveal_flap (window->flap), adw_flap_get_reveal_progress (window->flap),
                  content_min, flap_min, flap_nat, gtk_paned_get_position (window->table_paned),
                  gtk_widget_get_width (GTK_WIDGET (window->table_paned)),
                  max_position);
}

/* Waits for the flap's animation to reach progress, then gives the
 * table's width half a second to settle. The action sets the table's new
 * width at once, but the paned clamps it to the room it has until the
 * flap has given up (or taken back) the panel's: under the sanitizers
 * beside other work its frames come a few a second, and a CI run checked
 * the width half way (2026-12-05). */
static void
wait_for_flap (WaWindow *window, double progress)
{
  for (int i = 0; i < 300 && adw_flap_get_reveal_progress (window->flap) != progress; i++)
    wa_gtk_test_spin (0.1);
  wa_gtk_test_spin (0.5);
  g_assert_cmpfloat (adw_flap_get_reveal_progress (window->flap), ==, progress);
}

/* Issue 22 items 2-3, issue 16 item 10: Tab leaves the table from a row,
 * sorting has a keyboard control that follows the headings, columns can
 * be hidden (remembered), rows are named by their content, and F9 gives
 * the panel's width to the table. */
static void
test_table_keyboard (void)
{
  WaWindow *window = get_shared_window ();
  g_autoptr(GSettings) settings = g_settings_new (WA_APP_ID);
  WaRankTable *table;
  GtkColumnView *view;
  GtkDropDown *sort;
  GtkToggleButton *descending;
  GtkWidget *list_view;
  g_autoptr(GPtrArray) shown = NULL;
  g_autofree char *row_name = NULL;
  WaWardColumn column;
  gboolean desc;
  int before, panel_width;

  if (window == NULL)
    return;
  table = WA_RANK_TABLE (GTK_WIDGET (window->rank_table));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-table", NULL);
  wa_gtk_test_spin (0.3);
  view = GTK_COLUMN_VIEW (wa_gtk_test_find_descendant (GTK_WIDGET (table), GTK_TYPE_COLUMN_VIEW));
  sort = GTK_DROP_DOWN (find_by_tooltip (GTK_WIDGET (table), "Sort by"));
  descending = GTK_TOGGLE_BUTTON (find_by_tooltip (GTK_WIDGET (table), "Descending Order"));
  g_assert_nonnull (sort);
  g_assert_nonnull (descending);

  /* The control follows the order, and sets it. */
  g_assert_cmpuint (gtk_drop_down_get_selected (sort), ==, WA_WARD_COLUMN_COMBINED_RANK);
  wa_rank_table_sort_by (table, WA_WARD_COLUMN_POPULATION, TRUE);
  g_assert_cmpuint (gtk_drop_down_get_selected (sort), ==, WA_WARD_COLUMN_POPULATION);
  g_assert_true (gtk_toggle_button_get_active (descending));
  gtk_drop_down_set_selected (sort, WA_WARD_COLUMN_IMD_RANK);
  gtk_toggle_button_set_active (descending, FALSE);
  wa_rank_table_get_sort (table, &column, &desc);
  g_assert_cmpint (column, ==, WA_WARD_COLUMN_IMD_RANK);
  g_assert_false (desc);
  shown = wa_rank_table_dup_shown (table);
  g_assert_cmpuint (wa_ward_get_imd_rank (shown->pdata[0]), ==, 1);

  /* The row's name reads its content. */
  row_name = wa_rank_table_a11y_row_name (shown->pdata[0]);
  g_assert_true (g_str_has_prefix (row_name, wa_ward_get_name (shown->pdata[0])));
  g_assert_nonnull (strstr (row_name, "combined rank"));

  /* Tab from a row leaves the table (forward and back); before the fix it
   * moved to the next of 7,461 rows. */
  list_view = wa_gtk_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_LIST_VIEW);
  g_assert_true (gtk_widget_child_focus (list_view, GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_inside (window, list_view));
  g_assert_true (press_tab (GTK_WIDGET (view), 0));
  g_assert_false (focus_inside (window, GTK_WIDGET (view)));
  g_assert_nonnull (gtk_root_get_focus (GTK_ROOT (window)));
  g_assert_true (gtk_widget_child_focus (list_view, GTK_DIR_TAB_FORWARD));
  g_assert_true (press_tab (GTK_WIDGET (view), GDK_SHIFT_MASK));
  g_assert_false (focus_inside (window, GTK_WIDGET (view)));
  g_assert_true (focus_inside (window, GTK_WIDGET (table)));   /* back to the toolbar */

  /* Hidden columns are remembered, and the check boxes follow. */
  g_settings_set_strv (settings, "rank-table-hidden-columns",
                       (const char *[]) { "population", NULL });
  for (guint i = 0; i < g_list_model_get_n_items (gtk_column_view_get_columns (view)); i++)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (gtk_column_view_get_columns (view), i);

      const char *title = gtk_column_view_column_get_title (c);
      /* Shown only with the change since 2019 (both editions open), and
       * the published neighbourhoods' share only in 2025. */
      gboolean change = g_str_equal (title, "2019 Position") || g_str_equal (title, "2025 Position")
                        || g_str_equal (title, "Since 2019")
                        || g_str_equal (title, "In Left-Behind Neighbourhoods");

      /* 2019: every other column applies, the official list too. */
      g_assert_true (gtk_column_view_column_get_visible (c)
                     == (!change && g_strcmp0 (title, "Population") != 0));
    }
  {
    GtkWidget *check = wa_gtk_test_find (GTK_WIDGET (table), is_check_labelled, "IMD");
    g_auto(GStrv) hidden = NULL;

    g_assert_nonnull (check);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
    hidden = g_settings_get_strv (settings, "rank-table-hidden-columns");
    g_assert_true (g_strv_contains ((const char * const *) hidden, "imd_rank"));
    g_assert_true (g_strv_contains ((const char * const *) hidden, "population"));
  }
  wa_gtk_test_save_screenshot (GTK_WIDGET (window), "rank-table-keyboard.png");

  /* F9 with the table open: the panel's width goes to the table. The
   * panel's width is measured, not assumed: some 300 px, but 268 in a CI
   * run under the sanitizers (2026-12-04, after 297 in another); the
   * table gains it, give or take the flap's separator. */
  panel_width = gtk_widget_get_width (adw_flap_get_flap (window->flap));
  g_assert_cmpint (panel_width, >=, 200);
  log_flap (window, "before F9");
  before = gtk_paned_get_position (window->table_paned);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-panel", NULL);
  wait_for_flap (window, 0.0);
  log_flap (window, "after F9");
  g_assert_cmpint (gtk_paned_get_position (window->table_paned), >=, before + panel_width - 10);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-panel", NULL);
  wait_for_flap (window, 1.0);
  log_flap (window, "after F9 again");
  g_assert_cmpint (gtk_paned_get_position (window->table_paned), ==, before);

  /* Large text (issue 22): the column widths grow with it, headings whole. */
  {
    g_autofree char *clipped = NULL;

    wa_gtk_test_set_text_scale (1.5);
    clipped = wa_gtk_test_settled_clipped_labels (gtk_widget_get_first_child (GTK_WIDGET (view)));
    if (*clipped != '\0')
      g_error ("clipped headings at 1.5× text: %s", clipped);
    wa_gtk_test_save_screenshot (GTK_WIDGET (window), "large-text-table.png");
    wa_gtk_test_set_text_scale (1.0);
  }

  close_shared_window ();
  g_settings_reset (settings, "rank-table-hidden-columns");
  g_settings_reset (settings, "panel-revealed");
}

int
main (int argc, char **argv)
{
  int status;

  wa_gtk_test_init (&argc, &argv);
  /* The first three on one shared window, which the third closes. */
  g_test_add_func ("/search/postcode-enter", test_search_postcode);
  g_test_add_func ("/search/keyboard", test_search_keyboard);
  g_test_add_func ("/rank-table/keyboard-and-names", test_table_keyboard);
  g_test_add_func ("/rank-table/filter-sort-export", test_table);
  status = g_test_run ();
  close_shared_window ();
  return status;
}
