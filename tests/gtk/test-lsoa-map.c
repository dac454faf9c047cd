/* test-lsoa-map.c: the neighbourhood (LSOA) layer in the window, on the
 * real 2025 pack (skipped when absent): a click at z13 inside Kingston
 * upon Hull 019D selects its ward (Derringham) as before and shows the
 * LSOA's card in the panel; with the layer off, or below z12, no card;
 * two zooms before the layer shows, its boundaries are read ahead.
 * Leaves screenshots of the layer over Hull, light and dark, in the build
 * directory (lsoa-hull-z13-*.png). */
#include <math.h>
#include <adwaita.h>

#include "wa-format.h"
#include "wa-window-private.h"
#include "wa-ward-panel.h"
#include "wa-neighbourhood-section.h"
#include "wa-test-fixtures.h"
#include "wa-gtk-test-utils.h"

#define WAIT_TIMEOUT_S 60
#define LON -0.405455805
#define LAT 53.7599036

static void
go_to (WaWindow *window, double lon, double lat, double zoom)
{
  ShumateMap *map = _wa_window_get_map (window);
  ShumateViewport *viewport = shumate_map_get_viewport (map);

  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_map_center_on (map, lat, lon);
  wa_gtk_test_wait_for_signal (window, "map-ready", WAIT_TIMEOUT_S);
  wa_gtk_test_spin (0.1);
}

static WaNeighbourhoodSection *
section_of (WaWindow *window)
{
  return wa_ward_panel_get_neighbourhood_section (window->ward_panel);
}

static gboolean
has_css_class (GtkWidget *widget, gconstpointer name)
{
  return gtk_widget_has_css_class (widget, name);
}

static void
assert_card_has (WaWindow *window, const char *text)
{
  g_autofree char *card = wa_neighbourhood_section_dup_card_text (section_of (window));

  if (card == NULL || strstr (card, text) == NULL)
    g_error ("the LSOA card lacks “%s”; it reads:\n%s", text, card != NULL ? card : "(no card)");
}

static void
test_hull_card (void)
{
  const char *path = g_getenv ("WA_PACK_2025");
  g_autoptr(GSettings) settings = g_settings_new (WA_APP_ID);
  AdwStyleManager *style = adw_style_manager_get_default ();
  WaWindow *window;
  WaAtlas *atlas;
  WaLsoas *lsoas;
  WaLsoaFacts facts;
  g_autofree char *share = NULL;
  int index;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("WA_PACK_2025 not built");
      return;
    }
  g_assert_true (g_settings_get_boolean (settings, "show-lsoas"));   /* on by default */
  window = WA_WINDOW (wa_gtk_test_open_window (path, 1200, 800));
  atlas = wa_window_get_atlas (window);
  lsoas = wa_atlas_get_lsoas (atlas);
  /* Two zooms before they show, nothing draws or picks neighbourhoods:
   * their boundaries are read ahead, in the background. */
  g_assert_false (wa_lsoas_has_geometry (lsoas));
  go_to (window, LON, LAT, WA_LSOA_MIN_ZOOM - 2);
  for (guint i = 0; i < 100 * WAIT_TIMEOUT_S && !wa_lsoas_has_geometry (lsoas); i++)
    wa_gtk_test_spin (0.01);
  g_assert_true (wa_lsoas_has_geometry (lsoas));
  go_to (window, LON, LAT, 13);

  wa_ward_map_activate_location (window->ward_map, LAT, LON);
  wa_gtk_test_spin (0.5);
  /* The ward is selected as before the layer. */
  g_assert_nonnull (window->selected);
  g_assert_cmpstr (wa_ward_get_code (window->selected), ==, "E05011530");
  index = wa_neighbourhood_section_get_lsoa (section_of (window));
  g_assert_cmpint (index, >=, 0);
  g_assert_cmpstr (wa_lsoas_get (lsoas, index)->code, ==, "E01012798");
  wa_lsoas_get_facts (lsoas, index, &facts);
  share = wa_format_percent (100 * facts.ward_share);
  assert_card_has (window, "Kingston upon Hull 019D (E01012798)");
  assert_card_has (window, "CNI 2023: rank 98 of 33,755, decile 1");
  assert_card_has (window, "IMD 2025: rank");
  assert_card_has (window, "1,676 residents");
  assert_card_has (window, share);
  assert_card_has (window, "Left-behind neighbourhood (OCSI, 2023): yes");
  /* The legend is the neighbourhoods' while they show. */
  g_assert_true (wa_gtk_test_tree_has_text (GTK_WIDGET (window), "LSOA deciles, CNI 2023"));
  g_assert_true (wa_gtk_test_tree_has_text (GTK_WIDGET (window), "Decile 1 (most deprived 10 %)"));
  /* The folded key too: deciles run from the most deprived, not "need". */
  g_assert_true (wa_gtk_test_tree_has_text (GTK_WIDGET (window), "Most deprived"));
  g_assert_false (wa_gtk_test_tree_has_text (GTK_WIDGET (window), "Greatest need"));
  /* The card is scrolled into the panel's view, not left below it. */
  {
    GtkWidget *card = wa_gtk_test_find (GTK_WIDGET (section_of (window)), has_css_class, "lsoa-card");
    GtkWidget *scroller = gtk_widget_get_ancestor (card, GTK_TYPE_SCROLLED_WINDOW);
    graphene_point_t top;

    g_assert_nonnull (scroller);
    /* The panel settles over a few frames: wait for the card to show. */
    for (guint i = 0; i < 100; i++)
      {
        g_assert_true (gtk_widget_compute_point (card, scroller, &GRAPHENE_POINT_INIT (0, 0), &top));
        if (top.y >= 0 && top.y < gtk_widget_get_height (scroller) / 2)
          break;
        wa_gtk_test_spin (0.05);
      }
    g_assert_cmpfloat (top.y, >=, 0);
    g_assert_cmpfloat (top.y, <, gtk_widget_get_height (scroller) / 2);
  }

  for (int dark = 0; dark <= 1; dark++)
    {
      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      wa_gtk_test_wait_for_signal (window, "map-ready", 10);
      wa_gtk_test_spin (0.5);
      wa_gtk_test_save_screenshot (GTK_WIDGET (window), dark ? "lsoa-hull-z13-dark.png"
                                                             : "lsoa-hull-z13-light.png");
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* Below z12 the map shows wards only: a click selects the ward, no card. */
  go_to (window, LON, LAT, 11);
  wa_ward_map_activate_location (window->ward_map, LAT, LON);
  g_assert_cmpstr (wa_ward_get_code (window->selected), ==, "E05011530");
  g_assert_cmpint (wa_neighbourhood_section_get_lsoa (section_of (window)), ==, -1);
  g_assert_true (wa_gtk_test_tree_has_text (GTK_WIDGET (window), "Neighbourhoods (LSOAs, zoom in to see)"));
  g_assert_true (wa_gtk_test_tree_has_text (GTK_WIDGET (window), "Combined need, 2025 edition"));
  g_assert_true (wa_gtk_test_tree_has_text (GTK_WIDGET (window), "Greatest need"));
  g_assert_false (wa_gtk_test_tree_has_text (GTK_WIDGET (window), "Most deprived"));

  /* The layer off: the same at z13. */
  g_settings_set_boolean (settings, "show-lsoas", FALSE);
  go_to (window, LON, LAT, 13);
  wa_ward_map_activate_location (window->ward_map, LAT, LON);
  g_assert_cmpstr (wa_ward_get_code (window->selected), ==, "E05011530");
  g_assert_cmpint (wa_neighbourhood_section_get_lsoa (section_of (window)), ==, -1);
  g_settings_reset (settings, "show-lsoas");
  wa_gtk_test_close_window (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  wa_gtk_test_init (&argc, &argv);
  g_test_add_func ("/lsoa-map/hull-card", test_hull_card);
  return g_test_run ();
}
