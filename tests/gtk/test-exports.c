/* test-exports.c: the window's export and print actions on the real 2019
 * pack, under a virtual display: they follow the selection, and printing
 * draws the briefing's pages (exported through GtkPrintOperation to a PDF
 * file, as "Print to File" does). */
#include <string.h>
#include <adwaita.h>

#include "wa-briefing.h"
#include "wa-export-actions.h"
#include "wa-print-operation.h"
#include "wa-search.h"
#include "wa-window-private.h"
#include "wa-test-fixtures.h"
#include "wa-gtk-test-utils.h"

#define WAIT_TIMEOUT_S 60
#define BECONTREE "E05000028"

static WaWindow *
open_window (const char *path)
{
  return WA_WINDOW (wa_gtk_test_open_window (path, 1100, 760));
}

static gboolean
has_action (GtkWidget *widget, gconstpointer action_name)
{
  return GTK_IS_ACTIONABLE (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

/* The first button in the tree whose action is action_name. */
static GtkWidget *
find_action_button (GtkWidget *widget, const char *action_name)
{
  return wa_gtk_test_find (widget, has_action, action_name);
}

static void
test_actions_follow_selection (void)
{
  const char *path = wa_gtk_test_pack_2019 ();
  GtkWidget *button;
  WaWindow *window;
  WaWard *ward;

  if (path == NULL)
    return;
  window = open_window (path);
  button = find_action_button (GTK_WIDGET (window->ward_panel), "win.export-briefing");
  g_assert_nonnull (button);
  ward = wa_atlas_lookup_ward (wa_window_get_atlas (window), BECONTREE);
  wa_window_select_ward (window, ward, TRUE);
  wa_gtk_test_wait_for_signal (window, "map-ready", 5);
  wa_gtk_test_spin (0.5);
  g_assert_true (gtk_widget_is_sensitive (button));
  wa_gtk_test_save_screenshot (GTK_WIDGET (window), "window-export-buttons.png");
  wa_window_select_ward (window, NULL, FALSE);
  wa_gtk_test_spin (0.1);
  /* The panel shows its empty page, and nothing can be exported. */
  g_assert_false (gtk_widget_is_sensitive (button) && gtk_widget_get_mapped (button));
  gtk_window_destroy (GTK_WINDOW (window));
  wa_gtk_test_spin (0.05);
}

/* Printing draws the same pages as the PDF briefing: exported through
 * the print operation, the document has the ward's text and page count. */
static void
test_print_operation (void)
{
  const char *path = wa_gtk_test_pack_2019 ();
  g_autoptr(WaAtlas) atlas = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *pdf = NULL, *direct = NULL, *text = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  WaPrintOperation *operation;
  GtkPrintOperationResult result;
  guint n_direct = 0;
  int n_printed = 0;

  if (path == NULL)
    return;
  atlas = wa_atlas_open (path, &error);
  g_assert_no_error (error);
  dir = wa_test_tmpdir_new ();
  pdf = g_build_filename (dir, "printed.pdf", NULL);
  direct = g_build_filename (dir, "direct.pdf", NULL);

  operation = wa_print_operation_new (wa_briefing_new_for_ward (
    atlas, wa_atlas_lookup_ward (atlas, BECONTREE), NULL, WA_PALETTE_VIRIDIS));
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), pdf);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                    GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_object_get (operation, "n-pages", &n_printed, NULL);
  g_object_unref (operation);

  {
    g_autoptr(WaBriefing) briefing = wa_briefing_new_for_ward (
      atlas, wa_atlas_lookup_ward (atlas, BECONTREE), NULL, WA_PALETTE_VIRIDIS);

    g_assert_true (wa_briefing_write_pdf (briefing, direct, FALSE, &n_direct, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (n_printed, ==, (int) n_direct);
  if (pdftotext != NULL)
    {
      const char *argv[] = { pdftotext, pdf, "-", NULL };
      int status;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text,
                    NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (text, "Becontree"));
      g_assert_nonnull (strstr (text, "Neighbouring wards"));
    }
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

/* Every export the window offers, driven as its actions are but without
 * the save dialog: files of the right kind and size. */
static void
test_exports_from_window (void)
{
  const char *path = wa_gtk_test_pack_2019 ();
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  WaWindow *window;
  ShumateMap *map;
  struct {
    const char *action, *target, *file, *magic;
  } exports[] = {
    { "win.export-briefing", NULL, "ward.pdf", "%PDF-" },
    { "win.export-area-briefing", NULL, "area.pdf", "%PDF-" },
    { "win.export-profile", "csv", "profile.csv", "ward_code," },
    { "win.export-profile", "json", "profile.json", "{" },
    { "win.export-map-image", NULL, "map.png", "\x89PNG" },
  };

  if (path == NULL)
    return;
  window = open_window (path);
  dir = wa_test_tmpdir_new ();
  map = _wa_window_get_map (window);

  /* Nothing selected: only the map image can be exported. */
  {
    g_autofree char *file = g_build_filename (dir, "none.pdf", NULL);

    g_assert_false (wa_export_actions_export_to (window, "win.export-briefing", NULL, 1, file,
                                                 &error));
    g_assert_error (error, WA_ERROR, WA_ERROR_INVALID);
    g_clear_error (&error);
  }
  wa_window_select_ward (window, wa_atlas_lookup_ward (wa_window_get_atlas (window), BECONTREE),
                         TRUE);
  wa_gtk_test_wait_for_signal (window, "map-ready", 5);
  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      g_autofree char *file = g_build_filename (dir, exports[i].file, NULL);
      g_autofree char *contents = NULL;
      /* The parameter is borrowed, as by an action: sink it here. */
      g_autoptr(GVariant) target = exports[i].target != NULL
                                   ? g_variant_ref_sink (g_variant_new_string (exports[i].target)) : NULL;
      gsize len;

      g_assert_true (wa_export_actions_export_to (window, exports[i].action, target,
                                                  2, file, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (file, &contents, &len, NULL));
      g_assert_true (g_str_has_prefix (contents, exports[i].magic));
    }
  {
    g_autofree char *file = g_build_filename (dir, "map.png", NULL);
    cairo_surface_t *image = cairo_image_surface_create_from_png (file);

    /* Twice the map's size, as the 2x choice promises. */
    g_assert_cmpint (cairo_image_surface_get_width (image), ==,
                     2 * gtk_widget_get_width (GTK_WIDGET (map)));
    g_assert_cmpint (cairo_image_surface_get_height (image), ==,
                     2 * gtk_widget_get_height (GTK_WIDGET (map)));
    cairo_surface_destroy (image);
  }
  /* A place that cannot be written: an error naming the file, no file. */
  g_assert_false (wa_export_actions_export_to (window, "win.export-briefing", NULL, 1,
                                               "/proc/ward-atlas-export.pdf", &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/proc/ward-atlas-export.pdf"));
  g_clear_error (&error);
  g_assert_false (g_file_test ("/proc/ward-atlas-export.pdf", G_FILE_TEST_EXISTS));

  /* A council chosen in search: Ctrl+E gives its area briefing. */
  {
    g_autoptr(GPtrArray) results = wa_search_query (wa_search_get_for_atlas (
                                                      wa_window_get_atlas (window)),
                                                    "Barking and Dagenham", 10);
    g_autofree char *file = g_build_filename (dir, "council.pdf", NULL);
    g_autofree char *contents = NULL;
    const WaSearchResult *lad = NULL;
    gsize len;

    for (guint i = 0; i < results->len && lad == NULL; i++)
      if (((WaSearchResult *) results->pdata[i])->kind == WA_SEARCH_LAD)
        lad = results->pdata[i];
    g_assert_nonnull (lad);
    g_signal_emit_by_name (GTK_WIDGET (window->search_popover), "result-activated", lad);
    g_assert_null (window->selected);
    g_assert_nonnull (_wa_window_get_selected_lad (window));
    g_assert_true (wa_export_actions_export_to (window, "win.export-briefing", NULL, 1, file,
                                                &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (file, &contents, &len, NULL));
    g_assert_nonnull (memmem (contents, len, "Council area briefing: Barking and Dagenham",
                              strlen ("Council area briefing: Barking and Dagenham")));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  wa_gtk_test_spin (0.05);
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

/* Near-black pixels (the custom area's outline) and pixels of the
 * image's left third that differ from other's (the legend and what it
 * keys), in a PNG exported at 1x. */
static guint
count_black (cairo_surface_t *image)
{
  const guchar *data = cairo_image_surface_get_data (image);
  int stride = cairo_image_surface_get_stride (image);
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (image); y++)
    for (int x = 0; x < cairo_image_surface_get_width (image); x++)
      {
        const guchar *px = data + y * stride + 4 * x;

        n += px[0] < 24 && px[1] < 24 && px[2] < 24;
      }
  return n;
}

static guint
count_differing (cairo_surface_t *a, cairo_surface_t *b)
{
  const guchar *da = cairo_image_surface_get_data (a), *db = cairo_image_surface_get_data (b);
  int stride = cairo_image_surface_get_stride (a);
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (a); y++)
    n += memcmp (da + y * stride, db + y * stride, 4 * cairo_image_surface_get_width (a)) != 0;
  return n;
}

static cairo_surface_t *
export_map (WaWindow *window, const char *dir, const char *name)
{
  g_autofree char *file = g_build_filename (g_getenv ("WA_ARTEFACT_DIR") ? g_getenv ("WA_ARTEFACT_DIR") : dir,
                                            name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (wa_export_actions_export_to (window, "win.export-map-image", NULL, 1, file, &error));
  g_assert_no_error (error);
  g_test_message ("Map image: %s", file);
  return cairo_image_surface_create_from_png (file);
}

/* Issue 20: the map image shows what the map shows at z13 over Hull: the
 * neighbourhood layer (with its own legend) when show-lsoas is on, and
 * the custom area in the panel outlined; and the panel's Export Figures
 * writes the area's CSV with its provenance. */
static void
test_map_image_area_lsoas (void)
{
  const char *path = wa_gtk_test_pack_2019 ();
  g_autofree char *dir = NULL, *csv = NULL, *contents = NULL;
  g_autoptr(WaPostcodeHit) hit = NULL;
  g_autoptr(WaCustomArea) area = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) target = NULL;
  cairo_surface_t *plain, *lsoas, *outlined;
  ShumateViewport *viewport;
  WaWindow *window;
  WaAtlas *atlas;
  WaWard *ward;

  if (path == NULL)
    return;
  window = open_window (path);
  dir = wa_test_tmpdir_new ();
  atlas = wa_window_get_atlas (window);
  hit = wa_atlas_lookup_postcode (atlas, "HU9 5AA", &error);
  g_assert_no_error (error);
  g_assert_cmpint (hit->ward_index, >=, 0);
  ward = wa_atlas_get_ward (atlas, hit->ward_index);
  viewport = shumate_map_get_viewport (_wa_window_get_map (window));
  shumate_location_set_location (SHUMATE_LOCATION (viewport), hit->lat, hit->lon);
  shumate_viewport_set_zoom_level (viewport, 13);
  wa_gtk_test_spin (0.05);

  g_settings_set_boolean (window->settings, "show-lsoas", FALSE);
  plain = export_map (window, dir, "map-image-z13-hull.png");
  g_settings_set_boolean (window->settings, "show-lsoas", TRUE);
  lsoas = export_map (window, dir, "map-image-z13-hull-lsoas.png");
  /* The layer changes the map (LSOA fills) and its legend. */
  g_assert_cmpuint (count_differing (plain, lsoas), >, cairo_image_surface_get_height (plain) / 2);

  area = wa_custom_area_new_wards (wa_ward_get_name (ward),
                                   (const char *const[]) { wa_ward_get_code (ward), NULL });
  _wa_window_show_custom_area (window, area);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), hit->lat, hit->lon);
  shumate_viewport_set_zoom_level (viewport, 13);
  wa_gtk_test_spin (0.05);
  outlined = export_map (window, dir, "map-image-z13-hull-lsoas-area.png");
  g_assert_cmpuint (count_black (outlined), >, count_black (lsoas) + 200);

  target = g_variant_ref_sink (g_variant_new_string ("csv"));
  csv = g_build_filename (dir, "figures.csv", NULL);
  g_assert_true (wa_export_actions_export_to (window, "win.export-custom-area-figures", target, 1,
                                              csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "name,kind,population,"));
  g_assert_nonnull (strstr (contents, ",attribution"));

  cairo_surface_destroy (plain);
  cairo_surface_destroy (lsoas);
  cairo_surface_destroy (outlined);
  g_settings_reset (window->settings, "show-lsoas");
  gtk_window_destroy (GTK_WINDOW (window));
  wa_gtk_test_spin (0.05);
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* "Export Map Image…" asks for the size first; cancelling writes nothing. */
static void
test_map_image_dialog (void)
{
  const char *path = wa_gtk_test_pack_2019 ();
  AdwMessageDialog *dialog;
  WaWindow *window;

  if (path == NULL)
    return;
  window = open_window (path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-map-image", NULL));
  wa_gtk_test_spin (0.3);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "1x"));
  g_assert_true (adw_message_dialog_has_response (dialog, "2x"));
  wa_gtk_test_save_screenshot (GTK_WIDGET (dialog), "dialog-export-map-image.png");
  /* What the Cancel button does: respond, then close. */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  wa_gtk_test_spin (0.2);
  g_assert_null (find_message_dialog ());
  gtk_window_destroy (GTK_WINDOW (window));
  wa_gtk_test_spin (0.05);
}

int
main (int argc, char *argv[])
{
  wa_gtk_test_init (&argc, &argv);

  g_test_add_func ("/exports/actions-follow-selection", test_actions_follow_selection);
  g_test_add_func ("/exports/print-operation", test_print_operation);
  g_test_add_func ("/exports/from-window", test_exports_from_window);
  g_test_add_func ("/exports/map-image-dialog", test_map_image_dialog);
  g_test_add_func ("/exports/map-image-area-lsoas", test_map_image_area_lsoas);
  return g_test_run ();
}
