/* test-widgets.c: the ward panel, legend, rank bar and preferences on the
 * real 2019 pack, under a virtual display. */
#include <string.h>
#include <sqlite3.h>

#include "wa-export-actions.h"
#include "wa-export-format.h"
#include "wa-format.h"
#include "wa-gtk-test-utils.h"
#include "wa-legend.h"
#include "wa-change-legend.h"
#include "wa-change-style.h"
#include "wa-tile-renderer.h"
#include "wa-area-summary.h"
#include "wa-rank-explain.h"
#include "wa-map-credits.h"
#include "wa-preferences-window.h"
#include "wa-asset-section.h"
#include "wa-asset-benchmark.h"
#include "wa-panel-row.h"
#include "wa-rank-bar.h"
#include "wa-rank-method.h"
#include "wa-table-cell.h"
#include "wa-ward-panel.h"
#include "wa-rank-table.h"
#include "wa-neighbourhood-section.h"
#include "wa-window-private.h"
#include "wa-pack-verify-dialog.h"
#include "wa-test-fixtures.h"

static WaAtlas *
open_atlas (void)
{
  const char *path = wa_gtk_test_pack_2019 ();

  return path != NULL ? wa_test_shared_pack (path) : NULL;
}

static gboolean
is_labelled (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static GtkWidget *
show (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 900);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  wa_gtk_test_spin (0.1);
  return window;
}

static gboolean
is_row_titled (GtkWidget *widget, gconstpointer title)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* A panel's WaPanelRow, or a preferences window's combo or switch row. */
static gpointer
find_row (GtkWidget *widget, const char *title)
{
  return wa_gtk_test_find (widget, is_row_titled, title);
}

static void
on_ward_activated (WaWard **out, WaWard *ward)
{
  *out = ward;
}

static void
test_panel_shows_ward (void)
{
  g_autoptr(WaAtlas) atlas = open_atlas ();
  GtkWidget *panel, *window;
  WaWard *ward, *activated = NULL;
  g_autofree char *imd = NULL;
  g_autofree char *cni = NULL;
  const guint *neighbours;
  guint n_neighbours;
  WaWard *neighbour;
  WaPanelRow *row;

  if (atlas == NULL)
    return;
  ward = wa_atlas_lookup_ward (atlas, "E05000644");
  panel = wa_ward_panel_new ();
  window = show (panel);
  wa_ward_panel_set_atlas (WA_WARD_PANEL (panel), atlas);
  /* Nothing selected: the edition's overview, not an empty page. */
  g_assert_false (wa_gtk_test_tree_has_text (panel, "No Ward Selected"));
  g_assert_true (wa_gtk_test_tree_has_text (panel, "Left Behind by Region"));
  g_assert_true (wa_gtk_test_tree_has_text (panel, "Yorkshire and The Humber"));
  g_assert_true (wa_gtk_test_tree_has_text (panel, "Reading the Map"));

  wa_ward_panel_set_ward (WA_WARD_PANEL (panel), ward);
  g_assert_true (wa_gtk_test_tree_has_text (panel, "St James"));
  g_assert_true (wa_gtk_test_tree_has_text (panel, "Westminster"));
  g_assert_true (wa_gtk_test_tree_has_text (panel, "E05000644"));
  imd = wa_format_rank_of (wa_ward_get_imd_rank (ward), wa_atlas_get_n_ranked (atlas, WA_INDICATOR_IMD));
  cni = wa_format_rank_of (wa_ward_get_cni_rank (ward), wa_atlas_get_n_ranked (atlas, WA_INDICATOR_CNI));
  g_assert_true (wa_gtk_test_tree_has_text (panel, imd));
  g_assert_true (wa_gtk_test_tree_has_text (panel, cni));
  g_assert_true (wa_gtk_test_tree_has_text (panel, "Barriers to Housing and Services"));
  g_assert_true (wa_gtk_test_tree_has_text (panel, "1 = most deprived"));

  /* Neighbours are listed and lead to their ward. */
  neighbours = wa_ward_get_neighbours (ward, &n_neighbours);
  g_assert_cmpuint (n_neighbours, >, 0);
  neighbour = wa_atlas_get_ward (atlas, neighbours[0]);
  row = find_row (panel, wa_ward_get_name (neighbour));
  g_assert_nonnull (row);
  g_signal_connect_swapped (panel, "ward-activated", G_CALLBACK (on_ward_activated), &activated);
  gtk_widget_activate (GTK_WIDGET (row));
  g_assert_true (activated == neighbour);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_group_titled (GtkWidget *widget, gconstpointer title)
{
  return ADW_IS_PREFERENCES_GROUP (widget)
         && g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0;
}

/* A benchmark row's figures as the panel must show them: the model's
 * rates with one decimal (wa_format_score), the share as a whole percent. */
static void
assert_benchmark_rows (GtkWidget *group, GArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const WaBenchmarkRow *r = &g_array_index (rows, WaBenchmarkRow, i);
      WaPanelRow *row = find_row (group, wa_asset_category_name (r->category));
      g_autofree char *lb = wa_format_score (r->groups[WA_BENCHMARK_LEFT_BEHIND].rate, 1);
      g_autofree char *deprived = wa_format_score (r->groups[WA_BENCHMARK_OTHER_DEPRIVED].rate, 1);
      g_autofree char *england = wa_format_score (r->england.rate, 1);
      g_autofree char *percent = wa_format_score (100 * r->share_left_behind_below, 0);
      g_autofree char *rates = g_strdup_printf ("Left-behind wards %s · other deprived %s\nEngland %s "
                                                "per 100,000 residents", lb, deprived, england);
      g_autofree char *below = g_strdup_printf ("\n%s %% of left-behind wards below England’s rate", percent);

      g_assert_nonnull (row);
      g_assert_true (g_str_has_prefix (wa_panel_row_get_subtitle (row), rates));
      g_assert_true (g_str_has_suffix (wa_panel_row_get_subtitle (row), below));
      /* Never cut: the figures take the lines they need. */
      g_assert_cmpint (wa_panel_row_get_subtitle_lines (row), ==, 0);
    }
}

/* Nothing selected: the England overview's "Social Infrastructure" group
 * has the APPG's three-way benchmark of every national category, the
 * model's figures, and follows the rank method. */
static void
test_panel_overview_benchmark (void)
{
  g_autoptr(WaAtlas) atlas = open_atlas ();
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) rows_after = NULL;
  GtkWidget *panel, *window, *group;
  WaRankParams saved, params;

  if (atlas == NULL)
    return;
  saved = *wa_atlas_get_rank_params (atlas);
  panel = wa_ward_panel_new ();
  window = show (panel);
  wa_ward_panel_set_atlas (WA_WARD_PANEL (panel), atlas);
  rows = wa_asset_benchmark_dup_rows (atlas);
  /* Libraries, GP practices, pubs, pharmacies, schools. */
  g_assert_cmpuint (rows->len, >=, 5);
  group = wa_gtk_test_find (panel, is_group_titled, "Social Infrastructure");
  g_assert_nonnull (group);
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)), ==,
                   wa_asset_benchmark_definition ());
  assert_benchmark_rows (group, rows);

  /* Another method, other left-behind wards, other figures. */
  wa_rank_params_init (&params);
  params.method = WA_RANK_METHOD_MEAN_RANK;
  params.threshold_percent = 20;
  g_assert_true (wa_atlas_set_rank_params (atlas, &params, NULL));
  rows_after = wa_asset_benchmark_dup_rows (atlas);
  g_assert_cmpfloat (g_array_index (rows_after, WaBenchmarkRow, 0).groups[WA_BENCHMARK_LEFT_BEHIND].residents,
                     !=, g_array_index (rows, WaBenchmarkRow, 0).groups[WA_BENCHMARK_LEFT_BEHIND].residents);
  group = wa_gtk_test_find (panel, is_group_titled, "Social Infrastructure");
  g_assert_nonnull (group);
  assert_benchmark_rows (group, rows_after);
  g_assert_true (wa_atlas_set_rank_params (atlas, &saved, NULL));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* With a council chosen and no ward, the panel sums the council up with
 * the model's figures, and its worst wards lead to themselves. */
static void
test_panel_council_summary (void)
{
  g_autoptr(WaAtlas) atlas = open_atlas ();
  g_autoptr(GPtrArray) wards = NULL;
  GtkWidget *panel, *window;
  WaAreaSummary summary;
  WaWard *worst, *activated = NULL;
  g_autofree char *count = NULL;
  g_autofree char *people = NULL;
  g_autofree char *left_behind = NULL;
  WaPanelRow *row;

  if (atlas == NULL)
    return;
  wards = wa_area_dup_wards (atlas, WA_AREA_LAD, "E06000010");
  g_assert_cmpuint (wards->len, >, 0);
  wa_area_summarize (wards, &summary);
  worst = g_ptr_array_index (wards, 0);
  panel = wa_ward_panel_new ();
  window = show (panel);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 700);
  wa_ward_panel_set_atlas (WA_WARD_PANEL (panel), atlas);
  wa_gtk_test_spin (0.1);
  wa_gtk_test_save_screenshot (window, "panel-overview.png");
  wa_ward_panel_set_lad (WA_WARD_PANEL (panel), "E06000010");
  wa_gtk_test_spin (0.1);
  wa_gtk_test_save_screenshot (window, "panel-council-hull.png");
  count = wa_format_count (summary.n_left_behind);
  people = wa_format_population_short (summary.left_behind_population);
  left_behind = g_strdup_printf ("%s wards · %s people", count, people);
  g_assert_true (wa_gtk_test_tree_has_text (panel, "Kingston upon Hull"));
  g_assert_true (wa_gtk_test_tree_has_text (panel, left_behind));
  g_assert_true (wa_gtk_test_tree_has_text (panel, "Council Briefing"));
  /* The council's own rate of each national category beside England's. */
  {
    g_autoptr(GArray) rows = wa_asset_benchmark_dup_rows (atlas);
    GtkWidget *group = wa_gtk_test_find (panel, is_group_titled, "Social Infrastructure");

    g_assert_nonnull (group);
    g_assert_cmpuint (rows->len, >=, 5);
    for (guint i = 0; i < rows->len; i++)
      {
        const WaBenchmarkRow *r = &g_array_index (rows, WaBenchmarkRow, i);
        WaBenchmarkFigures hull;
        WaPanelRow *category = find_row (group, wa_asset_category_name (r->category));
        g_autofree char *own = NULL, *england = wa_format_score (r->england.rate, 1), *expected = NULL;

        wa_asset_benchmark_sum_wards (atlas, wards, r->category, &hull);
        g_assert_cmpint (hull.residents, >, 0);
        own = wa_format_score (hull.rate, 1);
        expected = g_strdup_printf ("This council %s · England %s", own, england);
        g_assert_nonnull (category);
        g_assert_cmpstr (wa_panel_row_get_subtitle (category), ==, expected);
      }
  }
  row = find_row (panel, wa_ward_get_name (worst));
  g_assert_nonnull (row);
  g_signal_connect_swapped (panel, "ward-activated", G_CALLBACK (on_ward_activated), &activated);
  gtk_widget_activate (GTK_WIDGET (row));
  g_assert_true (activated == worst);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_panel_follows_method (void)
{
  g_autoptr(WaAtlas) atlas = open_atlas ();
  GtkWidget *panel, *window;
  WaRankParams params;
  WaWard *ward;
  guint before;
  g_autofree char *text = NULL;

  if (atlas == NULL)
    return;
  /* A ward whose combined rank moves between methods. */
  ward = wa_atlas_lookup_ward (atlas, "E05000644");
  panel = wa_ward_panel_new ();
  window = show (panel);
  wa_ward_panel_set_atlas (WA_WARD_PANEL (panel), atlas);
  wa_ward_panel_set_ward (WA_WARD_PANEL (panel), ward);
  before = wa_ward_get_combined_rank (ward);

  wa_rank_params_init (&params);
  params.method = WA_RANK_METHOD_RANK_SUM;
  params.weight_imd = 3;
  g_assert_true (wa_atlas_set_rank_params (atlas, &params, NULL));
  g_assert_cmpuint (wa_ward_get_combined_rank (ward), !=, before);
  text = wa_format_count (wa_ward_get_combined_rank (ward));
  g_assert_true (wa_gtk_test_tree_has_text (panel, text));
  g_assert_true (wa_gtk_test_tree_has_text (panel, "weighted") || wa_gtk_test_tree_has_text (panel, "Weighted"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_label_showing (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* The label in the widget's tree showing exactly this text, or NULL.  A
 * label given bad markup shows (and returns) an empty text. */
static GtkLabel *
find_label (GtkWidget *widget, const char *text)
{
  return (GtkLabel *) wa_gtk_test_find (widget, is_label_showing, text);
}

/* The first ward of the pack whose name holds the given text. */
static WaWard *
find_ward_named (WaAtlas *atlas, const char *part)
{
  for (guint i = 0; i < wa_atlas_get_n_wards (atlas); i++)
    if (strstr (wa_ward_get_name (wa_atlas_get_ward (atlas, i)), part) != NULL)
      return wa_atlas_get_ward (atlas, i);
  return NULL;
}

/* Names such as "Rawcliffe & Clifton Without" are text, not Pango markup:
 * as markup GTK warns (fatal in this binary) and the row shows nothing. */
static void
test_panel_names_with_ampersand (void)
{
  g_autoptr(WaAtlas) atlas = open_atlas ();
  GtkWidget *panel, *window;
  WaWard *ward, *neighbour;
  const guint *neighbours;
  guint n_neighbours;
  WaPanelRow *row;
  GtkLabel *title;
  GLogLevelFlags fatal;

  if (atlas == NULL)
    return;
  /* g_test_init() made warnings fatal, so GTK's "Failed to set text from
   * markup" fails the test; the helper spares only the missing session bus. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
  g_log_set_always_fatal (fatal);
  g_assert_cmpint (fatal & G_LOG_LEVEL_WARNING, !=, 0);

  ward = find_ward_named (atlas, "Rawcliffe & Clifton Without");
  g_assert_nonnull (ward);
  panel = wa_ward_panel_new ();
  window = show (panel);
  wa_ward_panel_set_atlas (WA_WARD_PANEL (panel), atlas);
  wa_ward_panel_set_ward (WA_WARD_PANEL (panel), ward);
  wa_gtk_test_spin (0.1);
  title = find_label (panel, "Rawcliffe & Clifton Without");
  g_assert_nonnull (title);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (title), "title-2"));
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (title)));

  /* From a neighbour, the "&" ward is a row whose title label shows it. */
  neighbours = wa_ward_get_neighbours (ward, &n_neighbours);
  g_assert_cmpuint (n_neighbours, >, 0);
  neighbour = wa_atlas_get_ward (atlas, neighbours[0]);
  wa_ward_panel_set_ward (WA_WARD_PANEL (panel), neighbour);
  wa_gtk_test_spin (0.1);
  row = find_row (panel, "Rawcliffe & Clifton Without");
  g_assert_nonnull (row);
  title = find_label (GTK_WIDGET (row), "Rawcliffe & Clifton Without");
  g_assert_nonnull (title);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (title)));
  wa_gtk_test_save_screenshot (gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_PREFERENCES_GROUP),
                               "panel-ampersand-neighbours.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Neighbour rows are the ones that lead to a ward. */
static void
count_shown_neighbour_rows (GtkWidget *widget, guint *n)
{
  *n += WA_IS_PANEL_ROW (widget) && gtk_widget_is_drawable (widget)
        && g_object_get_data (G_OBJECT (widget), "ward") != NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_shown_neighbour_rows (child, n);
}

/* Rows are reused from ward to ward: a ward with fewer neighbours than the
 * last must not keep showing the last one's extra rows. */
static void
test_panel_neighbour_rows_follow_ward (void)
{
  g_autoptr(WaAtlas) atlas = open_atlas ();
  GtkWidget *panel, *window;
  WaWard *most = NULL, *fewest = NULL;
  guint n_most = 0, n_fewest = G_MAXUINT, n, shown;

  if (atlas == NULL)
    return;
  for (guint i = 0; i < wa_atlas_get_n_wards (atlas); i++)
    {
      WaWard *ward = wa_atlas_get_ward (atlas, i);

      wa_ward_get_neighbours (ward, &n);
      if (n > n_most)
        {
          most = ward;
          n_most = n;
        }
      if (n > 0 && n < n_fewest)
        {
          fewest = ward;
          n_fewest = n;
        }
    }
  g_assert_cmpuint (n_fewest, <, n_most);
  panel = wa_ward_panel_new ();
  window = show (panel);
  wa_ward_panel_set_atlas (WA_WARD_PANEL (panel), atlas);
  wa_ward_panel_set_ward (WA_WARD_PANEL (panel), most);
  wa_gtk_test_spin (0.1);
  shown = 0;
  count_shown_neighbour_rows (panel, &shown);
  g_assert_cmpuint (shown, ==, n_most);

  wa_ward_panel_set_ward (WA_WARD_PANEL (panel), fewest);
  wa_gtk_test_spin (0.1);
  shown = 0;
  count_shown_neighbour_rows (panel, &shown);
  g_assert_cmpuint (shown, ==, n_fewest);
  g_assert_false (gtk_widget_is_drawable (GTK_WIDGET (find_row (panel, "No neighbouring wards"))));
  /* And the shown rows are this ward's neighbours. */
  for (guint i = 0; i < n_fewest; i++)
    {
      const guint *neighbours = wa_ward_get_neighbours (fewest, &n);
      WaPanelRow *row = find_row (panel, wa_ward_get_name (wa_atlas_get_ward (atlas, neighbours[i])));

      g_assert_nonnull (row);
      g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (row)));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_region_dropdown (GtkWidget *widget, gconstpointer data)
{
  GListModel *model = GTK_IS_DROP_DOWN (widget) ? gtk_drop_down_get_model (GTK_DROP_DOWN (widget)) : NULL;

  return GTK_IS_STRING_LIST (model) && g_list_model_get_n_items (model) > 0
         && g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), "All Regions") == 0;
}

static guint
choose_region (GtkDropDown *dropdown, const char *name)
{
  GtkStringList *regions = GTK_STRING_LIST (gtk_drop_down_get_model (dropdown));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (regions)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (regions, i), name) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return i;
      }
  g_assert_not_reached ();
}

static void
assert_shown_in_region (WaRankTable *table, const char *region, guint n_wards)
{
  g_autoptr(GPtrArray) shown = wa_rank_table_dup_shown (table);

  g_assert_cmpstr (wa_ward_filter_get_region (wa_rank_table_get_filter (table)), ==, region);
  if (region == NULL)
    g_assert_cmpuint (shown->len, ==, n_wards);
  else
    g_assert_cmpuint (shown->len, <, n_wards);
  for (guint i = 0; region != NULL && i < shown->len; i++)
    g_assert_cmpstr (wa_ward_get_region_name (shown->pdata[i]), ==, region);
}

/* The region chosen in the table stays chosen, and filtering, when the
 * table gets another edition's atlas; with no atlas it goes, as the list
 * empties. (The atlas's regions are listed without refiltering at each
 * step of refilling the list.) */
static void
test_table_region_follows_atlas (void)
{
  WaAtlas *atlas = open_atlas ();
  g_autoptr(WaAtlas) other = NULL;
  GtkWidget *table, *window;
  GtkDropDown *dropdown;
  guint london;

  if (atlas == NULL)
    return;
  table = wa_rank_table_new ();
  window = show (table);
  wa_rank_table_set_atlas (WA_RANK_TABLE (table), atlas);
  dropdown = GTK_DROP_DOWN (wa_gtk_test_find (table, is_region_dropdown, NULL));
  g_assert_nonnull (dropdown);
  london = choose_region (dropdown, "London");
  assert_shown_in_region (WA_RANK_TABLE (table), "London", wa_atlas_get_n_wards (atlas));

  if (wa_test_edition_wanted ("2025") && (other = wa_test_open_pack ("2025")) != NULL)
    {
      wa_rank_table_set_atlas (WA_RANK_TABLE (table), other);
      g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, london);
      assert_shown_in_region (WA_RANK_TABLE (table), "London", wa_atlas_get_n_wards (other));
    }

  wa_rank_table_set_atlas (WA_RANK_TABLE (table), NULL);
  wa_rank_table_set_atlas (WA_RANK_TABLE (table), atlas);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  assert_shown_in_region (WA_RANK_TABLE (table), NULL, wa_atlas_get_n_wards (atlas));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_legend (void)
{
  g_autoptr(WaAtlas) atlas = open_atlas ();
  g_autoptr(GSettings) settings = g_settings_new (WA_APP_ID);
  GtkWidget *legend, *window;
  guint n_ranked = 0;
  g_autofree char *last = NULL;

  if (atlas == NULL)
    return;
  g_settings_set_boolean (settings, "legend-expanded", TRUE);
  legend = wa_legend_new ();
  window = show (legend);
  wa_legend_set_atlas (WA_LEGEND (legend), atlas);
  for (guint i = 0; i < wa_atlas_get_n_wards (atlas); i++)
    n_ranked += wa_ward_get_combined_rank (wa_atlas_get_ward (atlas, i)) > 0;
  last = wa_format_count (n_ranked);
  g_assert_true (wa_gtk_test_tree_has_text (legend, "1–"));
  g_assert_true (wa_gtk_test_tree_has_text (legend, "(greatest need)"));
  g_assert_true (wa_gtk_test_tree_has_text (legend, last));
  g_assert_true (wa_gtk_test_tree_has_text (legend, "2019"));
  g_assert_true (wa_gtk_test_tree_has_text (legend, "Left behind"));
  /* The credits are their own line now, not a block in the legend. */
  g_assert_false (wa_gtk_test_tree_has_text (legend, "Contains OS data © Crown copyright"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The map's credit: one short line naming the owners, opening the full
 * notices; the pack's OpenStreetMap assets are credited always, the
 * basemap only when it is on. */
static void
test_map_credits (void)
{
  g_autoptr(WaAtlas) atlas = open_atlas ();
  GtkWidget *credits, *window;

  if (atlas == NULL)
    return;
  credits = wa_map_credits_new ();
  window = show (credits);
  wa_map_credits_set_atlas (WA_MAP_CREDITS (credits), atlas);
  g_assert_true (wa_gtk_test_tree_has_text (credits, "© Crown copyright, ONS, MHCLG, OCSI"));
  g_assert_true (wa_gtk_test_tree_has_text (credits, "Credits"));
  g_assert_nonnull (strstr (wa_map_credits_get_full_text (WA_MAP_CREDITS (credits)),
                            "Contains OS data © Crown copyright"));
  g_assert_nonnull (strstr (wa_map_credits_get_full_text (WA_MAP_CREDITS (credits)),
                            "© OpenStreetMap contributors"));
  g_assert_null (strstr (wa_map_credits_get_full_text (WA_MAP_CREDITS (credits)), "Basemap"));
  wa_map_credits_set_online_basemap (WA_MAP_CREDITS (credits), TRUE);
  g_assert_nonnull (strstr (wa_map_credits_get_full_text (WA_MAP_CREDITS (credits)),
                            "Basemap © OpenStreetMap"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Open or folded is remembered in the settings. On a small map the legend
 * folds to its one-line key; the user may open it there for the moment
 * without changing the setting, and their setting returns with the room. */
static void
test_legend_compact (void)
{
  g_autoptr(WaAtlas) atlas = open_atlas ();
  g_autoptr(GSettings) settings = g_settings_new (WA_APP_ID);
  GtkWidget *legend, *window, *key;
  GtkExpander *expander;

  if (atlas == NULL)
    return;
  g_settings_set_boolean (settings, "legend-expanded", TRUE);
  legend = wa_legend_new ();
  window = show (legend);
  wa_legend_set_atlas (WA_LEGEND (legend), atlas);
  expander = GTK_EXPANDER (wa_gtk_test_find_descendant (legend, GTK_TYPE_EXPANDER));
  key = wa_gtk_test_find (legend, is_labelled, "Greatest need");
  g_assert_nonnull (key);
  g_assert_true (gtk_expander_get_expanded (expander));
  g_assert_false (gtk_widget_is_visible (key));

  wa_legend_set_compact (WA_LEGEND (legend), TRUE);
  g_assert_true (wa_legend_get_compact (WA_LEGEND (legend)));
  g_assert_false (gtk_expander_get_expanded (expander));
  g_assert_true (gtk_widget_is_visible (key));
  /* Opened by hand on a small map: not a new default. */
  gtk_expander_set_expanded (expander, TRUE);
  g_assert_true (g_settings_get_boolean (settings, "legend-expanded"));
  gtk_expander_set_expanded (expander, FALSE);
  g_assert_true (g_settings_get_boolean (settings, "legend-expanded"));
  wa_legend_set_compact (WA_LEGEND (legend), FALSE);
  g_assert_true (gtk_expander_get_expanded (expander));

  /* Folded by the user: remembered, and stays folded after a compact spell. */
  gtk_expander_set_expanded (expander, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "legend-expanded"));
  wa_legend_set_compact (WA_LEGEND (legend), TRUE);
  wa_legend_set_compact (WA_LEGEND (legend), FALSE);
  g_assert_false (gtk_expander_get_expanded (expander));
  g_settings_set_boolean (settings, "legend-expanded", TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_shown_scroller (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_get_mapped (widget);
}

/* A new selection opens at the top, and the panel says why the ward is
 * or is not left behind, in the model's words (Burn Valley: IMD decile 1,
 * CNI not). */
static gboolean
is_sources_row (GtkWidget *widget, gconstpointer data)
{
  return ADW_IS_EXPANDER_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                       "How these figures were made") == 0;
}

static void
test_panel_scrolls_to_top_and_explains (void)
{
  g_autoptr(WaAtlas) atlas = open_atlas ();
  GtkWidget *panel, *window;
  GtkAdjustment *adjustment;
  WaWard *burn_valley, *marfleet;
  WaRankParams params;
  WaRankInput input;
  WaRankResult result;
  guint n_combined = 0;
  g_autofree char *reason = NULL;

  if (atlas == NULL)
    return;
  burn_valley = find_ward_named (atlas, "Burn Valley");
  marfleet = find_ward_named (atlas, "Marfleet");
  g_assert_nonnull (burn_valley);
  g_assert_nonnull (marfleet);
  panel = wa_ward_panel_new ();
  window = show (panel);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 700);
  wa_ward_panel_set_atlas (WA_WARD_PANEL (panel), atlas);
  wa_ward_panel_set_ward (WA_WARD_PANEL (panel), marfleet);
  wa_gtk_test_spin (0.2);
  wa_gtk_test_save_screenshot (window, "panel-marfleet.png");
  adjustment = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (wa_gtk_test_find (panel, is_shown_scroller, NULL)));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment) + 200);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  wa_gtk_test_spin (0.1);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 200);

  wa_ward_panel_set_ward (WA_WARD_PANEL (panel), burn_valley);
  wa_gtk_test_spin (0.2);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  /* Under "both in the most deprived 10 %" (2019 opens on the published flag). */
  wa_rank_params_init (&params);
  g_assert_true (wa_atlas_set_rank_params (atlas, &params, NULL));
  wa_gtk_test_spin (0.2);
  wa_gtk_test_save_screenshot (window, "panel-burn-valley.png");

  for (guint i = 0; i < wa_atlas_get_n_wards (atlas); i++)
    n_combined += wa_ward_get_combined_rank (wa_atlas_get_ward (atlas, i)) > 0;
  input = (WaRankInput) { wa_ward_get_imd_rank (burn_valley), wa_atlas_get_n_ranked (atlas, WA_INDICATOR_IMD),
                          wa_ward_get_cni_rank (burn_valley), wa_atlas_get_n_ranked (atlas, WA_INDICATOR_CNI),
                          wa_ward_get_official_left_behind (burn_valley), NULL };
  result = (WaRankResult) { wa_ward_get_combined_rank (burn_valley), wa_ward_get_left_behind (burn_valley) };
  reason = wa_rank_explain (wa_atlas_get_rank_params (atlas), &input, &result, n_combined);
  g_test_message ("Burn Valley: %s", reason);
  g_assert_true (g_str_has_prefix (reason, "IMD in the most deprived 10 % (decile 1) but CNI decile "));
  g_assert_true (wa_gtk_test_tree_has_text (panel, reason));

  /* Neighbours' ranks read as the rest of the panel: "Rank 1,094". */
  {
    guint n;
    const guint *neighbours = wa_ward_get_neighbours (burn_valley, &n);
    gboolean checked = FALSE;

    for (guint i = 0; i < n && !checked; i++)
      {
        guint rank = wa_ward_get_combined_rank (wa_atlas_get_ward (atlas, neighbours[i]));
        g_autofree char *number = wa_format_count (rank);
        g_autofree char *text = g_strconcat ("Rank ", number, NULL);

        if (rank < 1000)
          continue;
        g_assert_nonnull (strchr (text, ','));
        g_assert_true (wa_gtk_test_tree_has_text (panel, text));
        checked = TRUE;
      }
    g_assert_true (checked);
  }

  /* "How these figures were made", opened at the panel's bottom edge,
   * scrolls into view (libadwaita 1.2 opens it below the visible part). */
  {
    GtkWidget *scroller = wa_gtk_test_find (panel, is_shown_scroller, NULL);
    GtkWidget *sources = wa_gtk_test_find (panel, is_sources_row, NULL);
    graphene_rect_t bounds;

    g_assert_nonnull (sources);
    g_assert_true (gtk_widget_compute_bounds (sources, scroller, &bounds));
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + bounds.origin.y
                              + bounds.size.height - gtk_adjustment_get_page_size (adjustment));
    wa_gtk_test_spin (0.1);
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (sources), TRUE);
    wa_gtk_test_spin (0.8);
    g_assert_true (gtk_widget_compute_bounds (sources, scroller, &bounds));
    g_assert_cmpfloat (bounds.size.height, >, 100);
    /* Whole, or from its top when taller than the panel. */
    g_assert_cmpfloat (bounds.origin.y, >=, -1);
    g_assert_true (bounds.origin.y + bounds.size.height <= gtk_adjustment_get_page_size (adjustment) + 1
                   || bounds.origin.y <= 1);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_rank_bar (void)
{
  GtkWidget *bar = wa_rank_bar_new ();

  g_object_ref_sink (bar);
  g_assert_cmpfloat (wa_rank_bar_get_fraction (WA_RANK_BAR (bar)), ==, -1);
  wa_rank_bar_set_rank (WA_RANK_BAR (bar), 1, 7461);
  g_assert_cmpfloat (wa_rank_bar_get_fraction (WA_RANK_BAR (bar)), ==, 0);
  wa_rank_bar_set_rank (WA_RANK_BAR (bar), 7461, 7461);
  g_assert_cmpfloat (wa_rank_bar_get_fraction (WA_RANK_BAR (bar)), ==, 1);
  wa_rank_bar_set_rank (WA_RANK_BAR (bar), 8000, 7461);
  g_assert_cmpfloat (wa_rank_bar_get_fraction (WA_RANK_BAR (bar)), ==, -1);
  g_object_unref (bar);
}

/* A node for the cell's text, or NULL when it draws nothing. */
static GskRenderNode *
snapshot_cell (GtkWidget *cell)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  GTK_WIDGET_GET_CLASS (cell)->snapshot (cell, snapshot);
  return gtk_snapshot_free_to_node (snapshot);
}

/* The ranking table's cells: one line high whatever the text, so new
 * text never makes GTK measure the table again; flagged cells are marked
 * for the stylesheet; an empty cell draws nothing. */
static void
test_table_cell (void)
{
  GtkWidget *source = gtk_label_new ("source");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *cell = wa_table_cell_new (source, TRUE);
  GtkWidget *window;
  GskRenderNode *node;
  int height, again;

  gtk_box_append (GTK_BOX (box), source);
  gtk_box_append (GTK_BOX (box), cell);
  window = show (box);
  wa_table_cell_set_text (WA_TABLE_CELL (cell), "7,461");
  g_assert_cmpstr (wa_table_cell_get_text (WA_TABLE_CELL (cell)), ==, "7,461");
  gtk_widget_measure (cell, GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);
  g_assert_cmpint (height, >, 5);
  wa_table_cell_set_text (WA_TABLE_CELL (cell), "A much longer name than the column has room for\nand a second line");
  gtk_widget_measure (cell, GTK_ORIENTATION_VERTICAL, -1, &again, NULL, NULL, NULL);
  g_assert_cmpint (again, ==, height);
  wa_gtk_test_spin (0.1);
  node = snapshot_cell (cell);
  g_assert_nonnull (node);
  gsk_render_node_unref (node);

  g_assert_false (gtk_widget_has_css_class (cell, "flagged"));
  wa_table_cell_set_flagged (WA_TABLE_CELL (cell), TRUE);
  g_assert_true (gtk_widget_has_css_class (cell, "flagged"));
  wa_table_cell_set_flagged (WA_TABLE_CELL (cell), FALSE);
  g_assert_false (gtk_widget_has_css_class (cell, "flagged"));

  wa_table_cell_set_text (WA_TABLE_CELL (cell), "");
  g_assert_null (snapshot_cell (cell));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_preferences_bind_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (WA_APP_ID);
  GtkWidget *window = wa_preferences_window_new (NULL, settings);
  AdwComboRow *palette_row = NULL;
  g_autofree char *palette = NULL;

  gtk_window_present (GTK_WINDOW (window));
  wa_gtk_test_spin (0.1);
  palette_row = ADW_COMBO_ROW (find_row (window, "_Colour scale"));
  g_assert_nonnull (palette_row);
  g_assert_cmpuint (adw_combo_row_get_selected (palette_row), ==, WA_PALETTE_VIRIDIS);
  adw_combo_row_set_selected (palette_row, WA_PALETTE_YLORRD);
  palette = g_settings_get_string (settings, "palette");
  g_assert_cmpstr (palette, ==, "ylorrd");
  g_settings_set_string (settings, "palette", "blues");
  g_assert_cmpuint (adw_combo_row_get_selected (palette_row), ==, WA_PALETTE_BLUES);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Screen readers keep references to Preferences' rows after the window
 * has gone (closing it, then choosing a method from the header, crashed
 * the app). A row that outlives its window must neither read freed
 * memory when its key changes nor write the key any more. */
static void
test_preferences_rows_outlive_window (void)
{
  g_autoptr(GSettings) settings = g_settings_new (WA_APP_ID);
  GtkWidget *window = wa_preferences_window_new (NULL, settings);
  g_autoptr(AdwComboRow) method_row = NULL;
  g_autofree char *method = NULL;
  guint selected;

  gtk_window_present (GTK_WINDOW (window));
  wa_gtk_test_spin (0.1);
  method_row = g_object_ref (ADW_COMBO_ROW (find_row (window, "Combined rank _method")));
  selected = adw_combo_row_get_selected (method_row);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < 100 && window != NULL; i++)
    wa_gtk_test_spin (0.01);
  g_assert_null (window);

  g_settings_set_string (settings, "rank-method", wa_rank_method_to_id ((selected + 1) % WA_N_RANK_METHODS));
  g_assert_cmpuint (adw_combo_row_get_selected (method_row), ==, selected);
  adw_combo_row_set_selected (method_row, (selected + 2) % WA_N_RANK_METHODS);
  method = g_settings_get_string (settings, "rank-method");
  g_assert_cmpstr (method, ==, wa_rank_method_to_id ((selected + 1) % WA_N_RANK_METHODS));
  g_settings_reset (settings, "rank-method");
}

/* The profile menus list the export format table: one item per format,
 * in table order, where the menu asks for them. */
static void
test_profile_menu_items (void)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  guint n = wa_export_format_get_n ();

  g_menu_append (menu, "Print", "win.print");
  g_menu_append (menu, "Map Image", "win.export-map-image");
  wa_export_actions_add_profile_items (menu, "win.export-map-image", "Profile as %s…");
  g_assert_cmpint (g_menu_model_get_n_items (G_MENU_MODEL (menu)), ==, n + 2);
  for (guint i = 0; i < n; i++)
    {
      const WaExportFormat *format = wa_export_format_get (i);
      g_autofree char *label = NULL, *action = NULL, *expected = NULL;
      g_autoptr(GVariant) target = NULL;

      g_assert_true (g_menu_model_get_item_attribute (G_MENU_MODEL (menu), i + 1, G_MENU_ATTRIBUTE_LABEL, "s", &label));
      g_assert_true (g_menu_model_get_item_attribute (G_MENU_MODEL (menu), i + 1, G_MENU_ATTRIBUTE_ACTION, "s", &action));
      target = g_menu_model_get_item_attribute_value (G_MENU_MODEL (menu), i + 1, G_MENU_ATTRIBUTE_TARGET,
                                                      G_VARIANT_TYPE_STRING);
      expected = g_strdup_printf ("Profile as %s…", format->menu_name);
      g_assert_cmpstr (label, ==, expected);
      g_assert_cmpstr (action, ==, "win.export-profile");
      g_assert_cmpstr (g_variant_get_string (target, NULL), ==, format->id);
    }
  {
    g_autofree char *last = NULL;

    g_assert_true (g_menu_model_get_item_attribute (G_MENU_MODEL (menu), n + 1, G_MENU_ATTRIBUTE_ACTION, "s", &last));
    g_assert_cmpstr (last, ==, "win.export-map-image");
  }

  /* No such item: at the end. */
  wa_export_actions_add_profile_items (menu, NULL, "As %s…");
  g_assert_cmpint (g_menu_model_get_n_items (G_MENU_MODEL (menu)), ==, 2 * n + 2);
}


static gboolean
is_visible_asset_row (GtkWidget *widget, gconstpointer data)
{
  guint *n = (guint *) data;

  /* Counts and keeps searching: rows of the asset section with a rate. */
  if (WA_IS_PANEL_ROW (widget) && gtk_widget_is_visible (widget)
      && strstr (wa_panel_row_get_subtitle (WA_PANEL_ROW (widget)) ?: "", "per 1,000 residents") != NULL)
    (*n)++;
  return FALSE;
}

/* Marfleet (Hull, left behind): the national categories are shown with
 * their rates, and every category without data for Hull folds into one
 * line instead of a grey row each. */
static void
test_asset_section_marfleet (void)
{
  g_autoptr(WaAtlas) atlas = open_atlas ();
  GtkWidget *section, *window;
  WaWard *ward;
  guint shown = 0;

  if (atlas == NULL)
    return;
  ward = wa_atlas_lookup_ward (atlas, "E05001676");
  g_assert_nonnull (ward);
  g_assert_cmpstr (wa_ward_get_name (ward), ==, "Marfleet");
  section = wa_asset_section_new ();
  window = show (section);
  wa_asset_section_set_atlas (WA_ASSET_SECTION (section), atlas);
  wa_asset_section_set_ward (WA_ASSET_SECTION (section), ward);
  wa_gtk_test_spin (0.1);
  wa_gtk_test_find (section, is_visible_asset_row, &shown);
  g_assert_cmpuint (shown, >=, 5);
  g_assert_true (wa_gtk_test_tree_has_text (section, "Not available for this area: "));
  g_assert_true (wa_gtk_test_tree_has_text (section, "Charities"));
  g_assert_true (wa_gtk_test_tree_has_text (section, "— data for Trafford only"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The error dialog's "Verify": the full check runs off the main thread
 * and the dialog lists every layer, naming the damaged one. */
static void
on_verify_finished (gboolean *finished)
{
  *finished = TRUE;
}

static void
test_pack_verify_dialog (void)
{
  WaTestSources f = { 0 };
  g_autoptr(GError) error = NULL;
  WaPackVerifyDialog *dialog;
  gboolean finished = FALSE;
  sqlite3 *db = NULL;

  wa_test_sources_init (&f);
  g_assert_true (wa_test_sources_build (&f, TRUE, &error));
  g_assert_no_error (error);
  /* An attribute table (no spatial triggers), edited without recording new
   * fingerprints: damage. */
  g_assert_cmpint (sqlite3_open (f.output, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE indicators SET note = 'edited'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  dialog = wa_pack_verify_dialog_new (NULL, f.output);
  g_signal_connect_swapped (dialog, "finished", G_CALLBACK (on_verify_finished), &finished);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (wa_pack_verify_dialog_is_running (dialog));
  while (!finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (wa_pack_verify_dialog_is_running (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Data Pack Damaged");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), f.output));
  g_assert_nonnull (strstr (wa_pack_verify_dialog_get_report (dialog), "  wards                           4 rows  ok\n"));
  g_assert_nonnull (strstr (wa_pack_verify_dialog_get_report (dialog),
                            "rows  damaged: the contents of layer “indicators” differ from what the builder wrote\n"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  wa_test_sources_clear (&f);
}

static gboolean
is_ward_selected_in (WaWindow *window, WaEdition edition)
{
  return window->selected != NULL && window->atlas != NULL
         && wa_atlas_get_edition (window->atlas) == edition;
}

static void
switch_edition (WaWindow *window, WaEdition edition)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.edition", "s", wa_edition_to_string (edition));
  while (!is_ward_selected_in (window, edition) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (is_ward_selected_in (window, edition));
}

/* The colour the map's style draws at (lon, lat) in the z12 tile there. */
static void
style_pixel (WaMapStyle *style, double lon, double lat, guint8 rgb[3])
{
  WaTileRequest request = { .zoom = 12, .size_px = 256 };
  cairo_surface_t *surface;
  double mx, my, px, py;
  guchar *p;

  wa_lonlat_to_mercator (lon, lat, &mx, &my);
  px = mx * (1 << request.zoom);
  py = my * (1 << request.zoom);
  request.x = (guint) px;
  request.y = (guint) py;
  surface = wa_tile_render_surface (style, &request, NULL);
  g_assert_nonnull (surface);
  cairo_surface_flush (surface);
  p = cairo_image_surface_get_data (surface)
      + (int) ((py - request.y) * 256) * cairo_image_surface_get_stride (surface)
      + 4 * (int) ((px - request.x) * 256);
  /* ARGB32, opaque, little-endian: B, G, R, A. */
  rgb[0] = p[2];
  rgb[1] = p[1];
  rgb[2] = p[0];
  cairo_surface_destroy (surface);
}

static gboolean
is_change_shown (WaWindow *window)
{
  return wa_ward_map_get_change (window->ward_map) != NULL && window->atlas != NULL
         && wa_atlas_get_edition (window->atlas) == WA_EDITION_2025;
}

/* The "Sort by" control: the only drop-down listing the change's columns. */
static gboolean
is_sort_control (GtkWidget *widget, gconstpointer data)
{
  GListModel *model;

  if (!GTK_IS_DROP_DOWN (widget))
    return FALSE;
  model = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));
  return model != NULL && g_list_model_get_n_items (model) == WA_N_WARD_COLUMNS + WA_N_CHANGE_FIELDS;
}

static gboolean
is_check_labelled (GtkWidget *widget, gconstpointer label)
{
  return GTK_IS_CHECK_BUTTON (widget)
         && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0;
}

static gboolean
change_column_visible (WaWindow *window, const char *title)
{
  GtkWidget *view = wa_gtk_test_find_descendant (GTK_WIDGET (window->rank_table), GTK_TYPE_COLUMN_VIEW);
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return gtk_column_view_column_get_visible (column);
    }
  g_assert_not_reached ();
}

/* A map image asked for in the Change view says it draws the bands. */
static void
check_change_export_note (WaWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* not owned */
  AdwMessageDialog *dialog = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-map-image", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        dialog = ADW_MESSAGE_DIALOG (toplevel);
    }
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "The Change view is not exported yet"));
  /* Cancelled, the dialog closes itself. */
  adw_message_dialog_response (dialog, "cancel");
  wa_gtk_test_spin (0.05);
}

/* On a small map the change legend folds to its one-line key, as the
 * bands' legend does; on a large one it opens again (and stays so). */
static void
check_change_legend_compact (WaWindow *window, GtkWidget *legend)
{
  GtkExpander *expander = GTK_EXPANDER (wa_gtk_test_find_descendant (legend, GTK_TYPE_EXPANDER));
  WaChangeLegend *change_legend = WA_CHANGE_LEGEND (legend);
  /* Each way its own 30 s: under the sanitizers, with the tiles of each
   * size to draw, one shared 10 s ran out on the way back (CI). */
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (window), 560, 420);
  while (!wa_change_legend_get_compact (change_legend) && g_get_monotonic_time () < end)
    wa_gtk_test_spin (0.05);   /* never blocks past end */
  g_assert_true (wa_change_legend_get_compact (change_legend));
  g_assert_false (gtk_expander_get_expanded (expander));
  g_assert_true (gtk_widget_is_visible (wa_gtk_test_find (legend, is_labelled, "newly")));

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 1000);
  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (wa_change_legend_get_compact (change_legend) && g_get_monotonic_time () < end)
    wa_gtk_test_spin (0.05);   /* never blocks past end */
  g_assert_false (wa_change_legend_get_compact (change_legend));
  g_assert_true (gtk_expander_get_expanded (expander));
  g_assert_false (gtk_widget_is_visible (wa_gtk_test_find (legend, is_labelled, "newly")));
}

/* The change's columns sort (by heading, or the keyboard's "Sort by"
 * control) and hide (the Columns menu) like the others. */
static void
check_change_columns (WaWindow *window)
{
  g_autoptr(GSettings) settings = g_settings_new (WA_APP_ID);
  g_autoptr(GPtrArray) shown = NULL;
  WaChange *change = wa_ward_map_get_change (window->ward_map);
  GtkWidget *sort = wa_gtk_test_find (GTK_WIDGET (window->rank_table), is_sort_control, NULL);
  GtkWidget *check = wa_gtk_test_find (GTK_WIDGET (window->rank_table), is_check_labelled, "Since 2019");
  const WaWardChange *first, *second;

  g_assert_nonnull (change);
  g_assert_nonnull (sort);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sort), WA_N_WARD_COLUMNS + WA_CHANGE_FIELD_CATEGORY);
  shown = wa_rank_table_dup_shown (window->rank_table);
  first = wa_change_lookup (change, wa_ward_get_code (g_ptr_array_index (shown, 0)));
  g_assert_nonnull (first);
  g_assert_cmpint (first->category, ==, WA_CHANGE_LEFT_BEHIND_BOTH);
  g_clear_pointer (&shown, g_ptr_array_unref);

  wa_rank_table_sort_by_change (window->rank_table, WA_CHANGE_FIELD_POSITION_THEN, TRUE);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (sort)), ==,
                    WA_N_WARD_COLUMNS + WA_CHANGE_FIELD_POSITION_THEN);
  shown = wa_rank_table_dup_shown (window->rank_table);
  first = wa_change_lookup (change, wa_ward_get_code (g_ptr_array_index (shown, 0)));
  second = wa_change_lookup (change, wa_ward_get_code (g_ptr_array_index (shown, 1)));
  g_assert_cmpfloat (first->position_then[WA_CHANGE_POSITION_COMBINED], >=,
                     second->position_then[WA_CHANGE_POSITION_COMBINED]);
  g_assert_cmpfloat (first->position_then[WA_CHANGE_POSITION_COMBINED], >, 0.9);
  wa_rank_table_sort_by (window->rank_table, WA_WARD_COLUMN_COMBINED_RANK, FALSE);

  g_assert_nonnull (check);
  g_assert_true (change_column_visible (window, "Since 2019"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  g_assert_false (change_column_visible (window, "Since 2019"));
  g_assert_true (change_column_visible (window, "2025 Position"));
  {
    g_auto(GStrv) hidden = g_settings_get_strv (settings, "rank-table-hidden-columns");

    g_assert_true (g_strv_contains ((const char * const *) hidden, "change_category"));
  }
  g_settings_reset (settings, "rank-table-hidden-columns");
  g_assert_true (change_column_visible (window, "Since 2019"));
}

/* The switcher's "Change": the 2025 wards shaded by category (Marfleet,
 * left behind in both, in vermillion under its interior), the change
 * legend in place of the bands', the table's category filter counting as
 * README's national table (2019 on the published list, 2025 on
 * both-decile); and back to the 2025 bands. */
static void
check_change_view (WaWindow *window)
{
  WaWard *marfleet;
  WaMapStyle *style;
  WaRgb want;
  guint8 got[3];
  double lon, lat;
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  GtkWidget *legend = wa_gtk_test_find_descendant (GTK_WIDGET (window->ward_map), WA_TYPE_CHANGE_LEGEND);
  GtkWidget *bands = wa_gtk_test_find_descendant (GTK_WIDGET (window->ward_map), WA_TYPE_LEGEND);

  /* The 2019 edition is shown: its list becomes the published one. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.rank-method", "s", "official");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edition", "s", "change");
  while (!is_change_shown (window) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (is_change_shown (window));
  {
    g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (window), "edition");

    g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "change");
  }
  /* The selection survives the switch. */
  g_assert_cmpstr (wa_ward_get_name (window->selected), ==, "Marfleet");
  marfleet = window->selected;
  style = wa_map_source_get_style (wa_ward_map_get_source (window->ward_map));
  g_assert_true (wa_map_style_is_change (style));
  wa_change_shade_color (WA_CHANGE_SHADE_BOTH, &want);
  wa_geometry_interior_point (wa_ward_get_geometry (marfleet), &lon, &lat);
  style_pixel (style, lon, lat, got);
  g_assert_cmpint (ABS (got[0] - (int) round (want.red * 255)), <=, 3);
  g_assert_cmpint (ABS (got[1] - (int) round (want.green * 255)), <=, 3);
  g_assert_cmpint (ABS (got[2] - (int) round (want.blue * 255)), <=, 3);
  g_assert_true (gtk_widget_get_visible (legend));
  g_assert_false (gtk_widget_get_visible (bands));
  check_change_legend_compact (window, legend);
  g_assert_true (wa_gtk_test_tree_has_text (legend, "Newly left behind"));
  g_assert_true (wa_gtk_test_tree_has_text (legend, "Left behind in 2019: "));

  wa_rank_table_set_change_category (window->rank_table, WA_CHANGE_LEFT_BEHIND_BOTH);
  g_assert_cmpstr (wa_rank_table_get_status (window->rank_table), ==,
                   "117 wards, 1,210,327 residents left behind in 2019 and now");
  wa_rank_table_set_change_category (window->rank_table, WA_CHANGE_NEWLY_LEFT_BEHIND);
  g_assert_cmpstr (wa_rank_table_get_status (window->rank_table), ==,
                   "78 wards, 719,222 residents newly left behind");
  wa_rank_table_set_change_category (window->rank_table, WA_CHANGE_NO_LONGER_LEFT_BEHIND);
  g_assert_cmpstr (wa_rank_table_get_status (window->rank_table), ==,
                   "133 wards, 1,488,585 residents no longer left behind");
  wa_rank_table_set_change_category (window->rank_table, WA_CHANGE_NEITHER);
  g_assert_cmpstr (wa_rank_table_get_status (window->rank_table), ==,
                   "6,456 wards, 53,071,974 residents left behind in neither");
  wa_rank_table_set_change_category (window->rank_table, -1);
  check_change_columns (window);
  check_change_export_note (window);

  /* 2025 again: the edition's own bands. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edition", "s", "2025");
  g_assert_null (wa_ward_map_get_change (window->ward_map));
  g_assert_false (wa_map_style_is_change (wa_map_source_get_style (wa_ward_map_get_source (window->ward_map))));
  g_assert_true (gtk_widget_get_visible (bands));
  g_assert_false (gtk_widget_get_visible (legend));
}

/* Marfleet (Hull) chosen in 2019 is still chosen after switching to 2025:
 * the window carries the selection to the 2024 ward holding most of its
 * residents, says so, and the "Since 2019" section shows the category and
 * the old wards (2024 Marfleet takes 14 % from Southcoates East). */
static void
test_edition_switch_carries_selection (void)
{
  const char *path = wa_gtk_test_pack_2019 ();
  const char *path_2025 = g_getenv ("WA_PACK_2025");
  g_autoptr(GSettings) settings = g_settings_new (WA_APP_ID);
  GtkWidget *section;
  WaWindow *window;

  if (path == NULL)
    return;
  if (path_2025 == NULL || !g_file_test (path_2025, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("WA_PACK_2025 not built");
      return;
    }
  window = wa_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_present (GTK_WINDOW (window));
  wa_window_open_pack (window, path);
  g_assert_true (wa_gtk_test_wait_for_signal (window, "map-ready", 60));
  wa_window_select_ward (window, wa_atlas_lookup_ward (wa_window_get_atlas (window), "E05001676"),
                         FALSE);
  section = GTK_WIDGET (wa_ward_panel_get_change_section (window->ward_panel));
  /* Only 2019 open: the section offers to read the other edition. */
  g_assert_true (wa_gtk_test_tree_has_text (section, "Compare this ward with the other edition."));

  switch_edition (window, WA_EDITION_2025);
  g_assert_cmpstr (wa_ward_get_name (window->selected), ==, "Marfleet");
  g_assert_true (wa_ward_panel_get_ward (window->ward_panel) == window->selected);

  g_assert_true (wa_gtk_test_tree_has_text (section, "Marfleet (2017) is now mostly Marfleet (2024), "));
  g_assert_true (wa_gtk_test_tree_has_text (section, "Left behind in 2019 and now"));
  g_assert_true (wa_gtk_test_tree_has_text (section, "Southcoates East"));
  g_assert_true (wa_gtk_test_tree_has_text (section, "LSOAs in IMD decile 1 in this area: 11 in 2019, 10 in 2025."));
  g_assert_true (wa_gtk_test_tree_has_text (section, "OCSI says it is not directly comparable"));
  wa_gtk_test_save_screenshot (section, "change-section-marfleet.png");

  /* And back: the 2017 ward, which lists where its residents went. */
  switch_edition (window, WA_EDITION_2019);
  g_assert_cmpstr (wa_ward_get_code (window->selected), ==, "E05001676");
  g_assert_true (wa_gtk_test_tree_has_text (section, "Marfleet (2024) was mostly Marfleet (2017), "));
  g_assert_true (wa_gtk_test_tree_has_text (section, "Mostly Marfleet (2024) now: Left behind in 2019 and now"));
  g_assert_true (wa_gtk_test_tree_has_text (section, "Now in 2024 wards"));

  check_change_view (window);
  gtk_window_destroy (GTK_WINDOW (window));
  wa_gtk_test_spin (0.05);
  g_settings_reset (settings, "edition");
  g_settings_reset (settings, "rank-method");
}

/* Counts and keeps searching, as is_visible_asset_row does. */
static gboolean
count_drawn_row (GtkWidget *widget, gconstpointer data)
{
  *(guint *) data += WA_IS_PANEL_ROW (widget) && gtk_widget_is_drawable (widget);
  return FALSE;
}

static guint
count_drawn_rows (GtkWidget *widget)
{
  guint n = 0;

  wa_gtk_test_find (widget, count_drawn_row, &n);
  return n;
}

/* A ward with at least two LSOAs and fewer than n. */
static guint
ward_with_fewer_lsoas (WaLsoas *lsoas, guint n_wards, guint n)
{
  for (guint w = 0; w < n_wards; w++)
    {
      guint k;

      wa_lsoas_get_ward_lsoas (lsoas, w, &k);
      if (k > 1 && k < n)
        return w;
    }
  g_assert_not_reached ();
}

/* Issue 20: the ward's neighbourhoods, one row each, with the counts the
 * core gives (the 2019 edition: IMD deciles, no CNI per LSOA). */
static void
test_panel_neighbourhoods (void)
{
  g_autoptr(WaAtlas) atlas = open_atlas ();
  g_autoptr(WaPostcodeHit) hit = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *summary_fewer = NULL;
  WaLsoaWardSummary s;
  GtkWidget *panel, *window, *section;
  GtkLabel *title;
  WaLsoas *lsoas;
  const guint *indices;
  guint n, n_fewer, fewer;

  if (atlas == NULL)
    return;
  lsoas = wa_atlas_get_lsoas (atlas);
  hit = wa_atlas_lookup_postcode (atlas, "HU9 5AA", NULL);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->ward_index, >=, 0);
  wa_lsoas_summarise_ward (lsoas, hit->ward_index, &s);
  indices = wa_lsoas_get_ward_lsoas (lsoas, hit->ward_index, &n);
  g_assert_cmpuint (n, >, 1);

  panel = wa_ward_panel_new ();
  window = show (panel);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 700);
  wa_ward_panel_set_atlas (WA_WARD_PANEL (panel), atlas);
  wa_ward_panel_set_ward (WA_WARD_PANEL (panel), wa_atlas_get_ward (atlas, hit->ward_index));
  section = wa_gtk_test_find_descendant (panel, WA_TYPE_NEIGHBOURHOOD_SECTION);
  g_assert_nonnull (section);
  summary = g_strdup_printf ("%u neighbourhoods (LSOAs): %u in IMD decile 1.", n, s.n_imd_decile1);
  /* The section, below the fold, follows in a later frame. */
  g_assert_true (wa_gtk_test_wait_for_text (section, summary, 10));
  wa_gtk_test_spin (0.1);
  g_assert_true (gtk_widget_get_visible (section));
  g_assert_true (wa_gtk_test_tree_has_text (section, "Neighbourhoods in This Ward"));
  for (guint i = 0; i < n; i++)
    g_assert_nonnull (find_row (section, wa_lsoas_get (lsoas, indices[i])->name));
  g_assert_cmpuint (count_drawn_rows (section), ==, n);

  /* Rows are reused: a ward with fewer LSOAs shows only its own. It shows
   * the ward's name at once and its LSOAs a frame later. */
  fewer = ward_with_fewer_lsoas (lsoas, wa_atlas_get_n_wards (atlas), n);
  wa_lsoas_summarise_ward (lsoas, fewer, &s);
  indices = wa_lsoas_get_ward_lsoas (lsoas, fewer, &n_fewer);
  summary_fewer = g_strdup_printf ("%u neighbourhoods (LSOAs): %u in IMD decile 1.", n_fewer,
                                   s.n_imd_decile1);
  g_assert_null (strstr (summary, summary_fewer));
  wa_ward_panel_set_ward (WA_WARD_PANEL (panel), wa_atlas_get_ward (atlas, fewer));
  title = find_label (panel, wa_ward_get_name (wa_atlas_get_ward (atlas, fewer)));
  g_assert_true (title != NULL && gtk_widget_has_css_class (GTK_WIDGET (title), "title-2"));
  g_assert_true (wa_gtk_test_tree_has_text (section, summary));
  g_assert_true (wa_gtk_test_wait_for_text (section, summary_fewer, 10));
  wa_gtk_test_spin (0.1);
  g_assert_cmpuint (count_drawn_rows (section), ==, n_fewer);
  for (guint i = 0; i < n_fewer; i++)
    g_assert_true (gtk_widget_is_drawable (find_row (section, wa_lsoas_get (lsoas, indices[i])->name)));

  /* Code that reads the section gets it filled: no frame needed. */
  wa_ward_panel_set_ward (WA_WARD_PANEL (panel), wa_atlas_get_ward (atlas, hit->ward_index));
  g_assert_true (GTK_WIDGET (wa_ward_panel_get_neighbourhood_section (WA_WARD_PANEL (panel))) == section);
  g_assert_true (wa_gtk_test_tree_has_text (section, summary));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  wa_gtk_test_init (&argc, &argv);
  g_test_add_func ("/widgets/panel-shows-ward", test_panel_shows_ward);
  g_test_add_func ("/widgets/panel-follows-method", test_panel_follows_method);
  g_test_add_func ("/widgets/panel-names-with-ampersand", test_panel_names_with_ampersand);
  g_test_add_func ("/widgets/panel-neighbour-rows-follow-ward", test_panel_neighbour_rows_follow_ward);
  g_test_add_func ("/widgets/profile-menu-items", test_profile_menu_items);
  g_test_add_func ("/widgets/asset-section-marfleet", test_asset_section_marfleet);
  g_test_add_func ("/widgets/panel-scrolls-to-top-and-explains", test_panel_scrolls_to_top_and_explains);
  g_test_add_func ("/widgets/panel-council-summary", test_panel_council_summary);
  g_test_add_func ("/widgets/panel-overview-benchmark", test_panel_overview_benchmark);
  g_test_add_func ("/widgets/panel-neighbourhoods", test_panel_neighbourhoods);
  g_test_add_func ("/widgets/table-region-follows-atlas", test_table_region_follows_atlas);
  g_test_add_func ("/widgets/legend", test_legend);
  g_test_add_func ("/widgets/map-credits", test_map_credits);
  g_test_add_func ("/widgets/legend-compact", test_legend_compact);
  g_test_add_func ("/widgets/rank-bar", test_rank_bar);
  g_test_add_func ("/widgets/table-cell", test_table_cell);
  g_test_add_func ("/widgets/preferences-bind-settings", test_preferences_bind_settings);
  g_test_add_func ("/widgets/preferences-rows-outlive-window", test_preferences_rows_outlive_window);
  g_test_add_func ("/widgets/pack-verify-dialog", test_pack_verify_dialog);
  g_test_add_func ("/widgets/edition-switch-carries-selection", test_edition_switch_carries_selection);
  return g_test_run ();
}
