/* test-list-import.c: the "Import Asset List" dialog on the real 2019
 * pack, under a virtual display, driven without its file chooser: a CSV
 * of real postcodes is previewed, imported (off the main thread) and
 * reported, and lands in the window's store and the lists folder only on
 * "Add List"; a binary file gives a message naming it and stores nothing.
 * With WA_SHOTS_DIR set, it saves the dialog over the window (1366 × 768)
 * at the preview and at the report. */
#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "wa-export-actions.h"
#include "wa-list-import-dialog.h"
#include "wa-preferences-window.h"
#include "wa-window-private.h"
#include "wa-test-fixtures.h"
#include "wa-gtk-test-utils.h"

#define WAIT_TIMEOUT_S 60

/* Ten places: six in 2017 wards (three in Marfleet's neighbour
 * E05001671, Hull; two in Hartlepool; one in Manchester), one postcode
 * in the pack with no ward (outside every ward), one unknown, one empty,
 * one malformed. Mixed case and spacing as people type them. */
static const char places_csv[] =
  "Name,Postcode,Notes\n"
  "East Hull Library,HU9 1AA,open Mondays\n"
  "Marfleet Community Hub,HU9 1AB,\n"
  "Drypool Rooms,hu91ag,\n"
  "Headland Hall,TS24 0AF,\n"
  "Old Town Centre,ts24 0ag,\n"
  "Openshaw Rooms,M11 1AA,\n"
  "Northfield Hub,B31 5PY,\n"
  "Lost Chapel,HU9 1ZZ,moved?\n"
  "No Address Yet,,\n"
  "Typo Place,not a postcode,\n";

static char *lists_dir;

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static gboolean
has_tooltip (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = NULL;

  wa_gtk_test_spin (0.1);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      return l->data;
  return NULL;
}

static gboolean
wait_while_stage (WaListImportDialog *dialog, WaListImportStage stage)
{
  gint64 end = g_get_monotonic_time () + WAIT_TIMEOUT_S * G_USEC_PER_SEC;

  while (wa_list_import_dialog_get_stage (dialog) == stage && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return wa_list_import_dialog_get_stage (dialog) != stage;
}

/* The dialog drawn centred over the dimmed window, as a user sees it. */
static void
save_shot (GtkWidget *window, GtkWidget *dialog, const char *name)
{
  const char *dir = g_getenv ("WA_SHOTS_DIR");
  g_autoptr(GdkTexture) under = NULL, over = NULL;
  g_autofree char *path = NULL;
  cairo_surface_t *surface, *a, *b;
  cairo_t *cr;
  int w, h, dw, dh;

  if (dir == NULL)
    return;
  wa_gtk_test_spin (0.3);
  under = wa_gtk_test_render (window);
  over = wa_gtk_test_render (dialog);
  w = gdk_texture_get_width (under);
  h = gdk_texture_get_height (under);
  dw = gdk_texture_get_width (over);
  dh = gdk_texture_get_height (over);
  a = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  b = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, dw, dh);
  cairo_surface_flush (a);
  gdk_texture_download (under, cairo_image_surface_get_data (a), cairo_image_surface_get_stride (a));
  cairo_surface_mark_dirty (a);
  cairo_surface_flush (b);
  gdk_texture_download (over, cairo_image_surface_get_data (b), cairo_image_surface_get_stride (b));
  cairo_surface_mark_dirty (b);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cr = cairo_create (surface);
  cairo_set_source_surface (cr, a, 0, 0);
  cairo_paint (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_paint (cr);
  cairo_set_source_surface (cr, b, (w - dw) / 2, (h - dh) / 2);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("Screenshot: %s", path);
  cairo_surface_destroy (surface);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

static void
test_import_postcodes (void)
{
  const char *pack = wa_gtk_test_pack_2019 ();
  g_autofree char *dir = NULL, *csv = NULL, *stored = NULL, *not_found = NULL, *text = NULL;
  g_autoptr(GError) error = NULL;
  const WaUserListReport *report;
  WaListImportDialog *dialog;
  WaUserListsStore *store;
  GtkWindow *window;
  g_autoptr(GSettings) settings = g_settings_new (WA_APP_ID);
  GtkWidget *prefs;
  WaUserList *list;
  guint n_before;

  if (pack == NULL)
    return;
  /* The default size counts the 5 px frame around the window's content:
   * this makes the content 1366 × 768 (on a screen large enough). */
  window = wa_gtk_test_open_window (pack, 1376, 778);
  store = wa_window_get_user_lists (WA_WINDOW (window));
  g_assert_cmpstr (wa_user_lists_store_get_dir (store), ==, lists_dir);
  n_before = wa_user_lists_store_get_n_lists (store);
  dir = wa_test_tmpdir_new ();
  csv = wa_test_write_file (dir, "community-hubs.csv", places_csv);

  dialog = g_object_ref (wa_list_import_dialog_new (window, store));
  gtk_window_present (GTK_WINDOW (dialog));
  wa_list_import_dialog_load_file (dialog, csv);
  g_assert_true (wait_while_stage (dialog, WA_LIST_IMPORT_STAGE_READING));
  g_assert_null (wa_list_import_dialog_get_error (dialog));
  g_assert_cmpint (wa_list_import_dialog_get_stage (dialog), ==, WA_LIST_IMPORT_STAGE_SETUP);
  /* The list is named after the file; the preview shows its cells. */
  g_assert_cmpstr (wa_list_import_dialog_get_name (dialog), ==, "community-hubs");
  g_assert_true (wa_gtk_test_tree_has_text (GTK_WIDGET (dialog), "Marfleet Community Hub"));
  g_assert_true (wa_gtk_test_tree_has_text (GTK_WIDGET (dialog), "community-hubs.csv"));
  save_shot (GTK_WIDGET (window), GTK_WIDGET (dialog), "import-dialog.png");

  /* Cancelled at once: back to the choices, nothing stored. */
  wa_list_import_dialog_import (dialog);
  g_assert_cmpint (wa_list_import_dialog_get_stage (dialog), ==, WA_LIST_IMPORT_STAGE_IMPORTING);
  wa_list_import_dialog_cancel_import (dialog);
  g_assert_cmpint (wa_list_import_dialog_get_stage (dialog), ==, WA_LIST_IMPORT_STAGE_SETUP);
  g_assert_null (wa_list_import_dialog_get_list (dialog));

  wa_list_import_dialog_import (dialog);
  g_assert_true (wait_while_stage (dialog, WA_LIST_IMPORT_STAGE_IMPORTING));
  g_assert_null (wa_list_import_dialog_get_error (dialog));
  g_assert_cmpint (wa_list_import_dialog_get_stage (dialog), ==, WA_LIST_IMPORT_STAGE_REPORT);
  list = wa_list_import_dialog_get_list (dialog);
  report = wa_user_list_get_report (list);
  g_assert_cmpuint (report->n_rows, ==, 10);
  g_assert_cmpuint (report->n_located, ==, 6);
  g_assert_cmpuint (report->n_not_found, ==, 1);
  g_assert_cmpuint (report->n_outside, ==, 1);
  g_assert_cmpuint (report->n_no_position, ==, 2);
  g_assert_cmpstr (report->not_found[0], ==, "HU9 1ZZ");
  g_assert_true (wa_gtk_test_tree_has_text (GTK_WIDGET (dialog), "6 of 10 Rows Located"));
  g_assert_true (wa_gtk_test_tree_has_text (GTK_WIDGET (dialog), "HU9 1ZZ"));
  save_shot (GTK_WIDGET (window), GTK_WIDGET (dialog), "import-report.png");
  /* Nothing is stored before "Add List". */
  g_assert_cmpuint (wa_user_lists_store_get_n_lists (store), ==, n_before);
  g_assert_cmpuint (count_files (lists_dir), ==, 0);

  /* The postcodes not found, saved through the safe write. */
  not_found = g_build_filename (dir, "not-found.csv", NULL);
  g_assert_true (wa_list_import_dialog_save_not_found (dialog, not_found, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (not_found, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "HU9 1ZZ"));

  g_assert_true (wa_list_import_dialog_add (dialog, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wa_list_import_dialog_get_stage (dialog), ==, WA_LIST_IMPORT_STAGE_ADDED);
  g_assert_cmpuint (wa_user_lists_store_get_n_lists (store), ==, n_before + 1);
  stored = g_strdup_printf ("%s.geojson", wa_user_list_get_id (list));
  {
    g_autofree char *path = g_build_filename (lists_dir, stored, NULL);

    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  }
  g_assert_cmpuint (wa_user_list_get_n_places (list), ==, 6);
  /* The table export gains the list's count column. */
  {
    g_autofree char *table = g_build_filename (dir, "table.csv", NULL);
    g_autofree char *column = wa_ward_csv_list_column (list);
    g_autofree char *contents = NULL;

    g_assert_true (wa_export_actions_export_table (WA_WINDOW (window), table, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (table, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, column));
  }
  g_object_unref (dialog);

  /* Preferences list it with its count. */
  prefs = wa_preferences_window_new (window, settings);
  gtk_window_present (GTK_WINDOW (prefs));
  wa_gtk_test_spin (0.2);
  g_assert_true (wa_gtk_test_tree_has_text (prefs, "community-hubs"));
  g_assert_true (wa_gtk_test_tree_has_text (prefs, "6 places"));
  save_shot (GTK_WIDGET (window), prefs, "import-preferences.png");
  /* Its remove button asks first; "Remove" deletes it. */
  {
    g_autofree char *tooltip = g_strdup_printf ("Remove “%s”", wa_user_list_get_name (list));
    GtkWidget *remove = wa_gtk_test_find (prefs, has_tooltip, tooltip);
    AdwMessageDialog *confirm;

    g_assert_nonnull (remove);
    g_signal_emit_by_name (remove, "clicked");
    confirm = find_message_dialog ();
    g_assert_nonnull (confirm);
    g_assert_cmpuint (wa_user_lists_store_get_n_lists (store), ==, n_before + 1);
    adw_message_dialog_response (confirm, "remove");
    gtk_window_destroy (GTK_WINDOW (confirm));
  }
  g_assert_cmpuint (wa_user_lists_store_get_n_lists (store), ==, n_before);
  g_assert_cmpuint (count_files (lists_dir), ==, 0);
  wa_gtk_test_spin (0.1);
  g_assert_false (wa_gtk_test_tree_has_text (prefs, "6 places"));
  gtk_window_destroy (GTK_WINDOW (prefs));
  wa_gtk_test_close_window (window);
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

/* A binary file, and a file whose postcodes are all unknown: the message
 * names the file, and nothing is stored. */
static void
test_import_bad_files (void)
{
  static const guchar png_start[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d,
                                      'I', 'H', 'D', 'R', 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0 };
  const char *pack = wa_gtk_test_pack_2019 ();
  g_autofree char *dir = NULL, *path = NULL, *unknown = NULL;
  WaListImportDialog *dialog;
  WaUserListsStore *store;
  GtkWindow *window;
  guint n_before;

  if (pack == NULL)
    return;
  window = wa_gtk_test_open_window (pack, 1100, 760);
  store = wa_window_get_user_lists (WA_WINDOW (window));
  n_before = wa_user_lists_store_get_n_lists (store);
  dir = wa_test_tmpdir_new ();
  path = g_build_filename (dir, "venues.csv", NULL);
  g_assert_true (g_file_set_contents (path, (const char *) png_start, sizeof png_start, NULL));

  dialog = g_object_ref (wa_list_import_dialog_new (window, store));
  gtk_window_present (GTK_WINDOW (dialog));
  wa_list_import_dialog_load_file (dialog, path);
  g_assert_true (wait_while_stage (dialog, WA_LIST_IMPORT_STAGE_READING));
  g_assert_cmpint (wa_list_import_dialog_get_stage (dialog), ==, WA_LIST_IMPORT_STAGE_ERROR);
  g_assert_nonnull (strstr (wa_list_import_dialog_get_error (dialog), "venues.csv"));
  g_assert_true (wa_gtk_test_tree_has_text (GTK_WIDGET (dialog), "venues.csv"));
  save_shot (GTK_WIDGET (window), GTK_WIDGET (dialog), "import-error.png");
  g_assert_null (wa_list_import_dialog_get_list (dialog));
  g_assert_cmpuint (wa_user_lists_store_get_n_lists (store), ==, n_before);
  g_assert_cmpuint (count_files (lists_dir), ==, 0);

  /* Every postcode unknown: read fine, then the import names the file
   * and the problem, and stores nothing. */
  unknown = wa_test_write_file (dir, "old-venues.csv", "venue,postcode\nA,HU9 1ZZ\nB,HU9 1ZY\n");
  wa_list_import_dialog_load_file (dialog, unknown);
  g_assert_true (wait_while_stage (dialog, WA_LIST_IMPORT_STAGE_READING));
  g_assert_cmpint (wa_list_import_dialog_get_stage (dialog), ==, WA_LIST_IMPORT_STAGE_SETUP);
  wa_list_import_dialog_import (dialog);
  g_assert_true (wait_while_stage (dialog, WA_LIST_IMPORT_STAGE_IMPORTING));
  g_assert_cmpint (wa_list_import_dialog_get_stage (dialog), ==, WA_LIST_IMPORT_STAGE_ERROR);
  g_assert_nonnull (strstr (wa_list_import_dialog_get_error (dialog), "old-venues.csv"));
  g_assert_null (wa_list_import_dialog_get_list (dialog));
  g_assert_cmpuint (wa_user_lists_store_get_n_lists (store), ==, n_before);
  g_assert_cmpuint (count_files (lists_dir), ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  wa_gtk_test_close_window (window);
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int argc, char *argv[])
{
  int result;

  wa_gtk_test_init (&argc, &argv);
  /* Set before any window makes its store. */
  lists_dir = wa_test_tmpdir_new ();
  g_setenv ("WARD_ATLAS_LISTS_DIR", lists_dir, TRUE);

  g_test_add_func ("/list-import/postcodes", test_import_postcodes);
  g_test_add_func ("/list-import/bad-files", test_import_bad_files);
  result = g_test_run ();
  wa_test_tmpdir_free (lists_dir);
  return result;
}
