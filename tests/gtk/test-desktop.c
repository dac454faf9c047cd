/* test-desktop.c: desktop integration under a virtual display: starting
 * at a ward or postcode from the command line, the dark style, high
 * contrast, the accelerators, and Preferences (pack chooser validation,
 * reset to defaults). */
#include <adwaita.h>
#include <glib/gi18n.h>
#include <shumate/shumate.h>
#include <string.h>
#include <glib/gstdio.h>

#include "wa-application.h"
#include "wa-format.h"
#include "wa-legend.h"
#include "wa-map-source.h"
#include "wa-map-style.h"
#include "wa-map-theme.h"
#include "wa-preferences-window.h"
#include "wa-tile-renderer.h"
#include "wa-window-private.h"
#include "wa-gtk-test-utils.h"

#define WAIT_TIMEOUT_S 120
#define LEFT_BEHIND_WARD "E05000687"   /* Ancoats and Clayton, Manchester */

/* ---- the command line ------------------------------------------------- */

typedef struct {
  GApplication *app;
  const char *expect_code;     /* NULL: expect no selection and a message */
  const char *expect_message;
  const char *screenshot;
  gboolean checked;
  guint timeout_id;
} LaunchCheck;

static gboolean
check_launch (gpointer data)
{
  LaunchCheck *check = data;
  GApplication *app = check->app;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  WaWard *ward;

  if (!WA_IS_WINDOW (window) || wa_window_get_atlas (WA_WINDOW (window)) == NULL)
    return G_SOURCE_CONTINUE;
  ward = WA_WINDOW (window)->selected;
  if (check->expect_code != NULL && ward == NULL)
    return G_SOURCE_CONTINUE;
  if (check->expect_message != NULL
      && !wa_gtk_test_tree_has_text (GTK_WIDGET (window), check->expect_message))
    return G_SOURCE_CONTINUE;

  if (check->expect_code != NULL)
    g_assert_cmpstr (wa_ward_get_code (ward), ==, check->expect_code);
  else
    g_assert_null (ward);
  if (check->screenshot != NULL)
    {
      wa_gtk_test_spin (1.0);
      wa_gtk_test_save_screenshot (GTK_WIDGET (window), check->screenshot);
    }
  check->checked = TRUE;
  check->timeout_id = 0;
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

/* A safety net only: a launch's own checks can take minutes under the
 * sanitizers (the large-text steps wait for new tiles), so it is generous,
 * and it forgets its id when it fires so the caller's removal is safe. */
#define GIVE_UP_S 600

typedef struct {
  GApplication *app;
  guint id;
} GiveUp;

static gboolean
give_up_cb (gpointer data)
{
  GiveUp *give_up = data;

  give_up->id = 0;
  g_application_quit (give_up->app);
  return G_SOURCE_REMOVE;
}

static void
give_up_start (GiveUp *give_up, gpointer app)
{
  give_up->app = G_APPLICATION (app);
  give_up->id = g_timeout_add_seconds (GIVE_UP_S, give_up_cb, give_up);
}

static void
run_app (const char * const *args, LaunchCheck *check)
{
  g_autoptr(WaApplication) app = wa_application_new ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  guint poll_id;
  GiveUp give_up = { 0 };

  /* Each test gets its own instance: nothing to hand over to. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app))
                           | G_APPLICATION_NON_UNIQUE);
  g_ptr_array_add (argv, (char *) "ward-atlas");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  check->app = G_APPLICATION (app);
  poll_id = g_timeout_add (100, check_launch, check);
  give_up_start (&give_up, app);
  g_application_run (G_APPLICATION (app), argv->len - 1, (char **) argv->pdata);
  if (!check->checked)
    g_source_remove (poll_id);
  g_clear_handle_id (&give_up.id, g_source_remove);
  g_assert_true (check->checked);
}

static void
test_start_with_ward (void)
{
  const char *pack = wa_gtk_test_pack_2019 ();
  LaunchCheck check = { .expect_code = LEFT_BEHIND_WARD, .screenshot = "start-with-ward.png" };

  if (pack == NULL)
    return;
  run_app ((const char *[]) { "--pack", pack, "--ward", LEFT_BEHIND_WARD, NULL }, &check);
}

static void
test_start_with_postcode (void)
{
  const char *pack = wa_gtk_test_pack_2019 ();
  LaunchCheck check = { .expect_code = LEFT_BEHIND_WARD };

  if (pack == NULL)
    return;
  /* Any case and spacing. */
  run_app ((const char *[]) { "--pack", pack, "--postcode", "m11ae", NULL }, &check);
}

static void
test_start_with_unknown_codes (void)
{
  const char *pack = wa_gtk_test_pack_2019 ();
  LaunchCheck unknown_ward = { .expect_message = "E05999999" };
  LaunchCheck unknown_postcode = { .expect_message = "ZZ9 9ZZ" };
  LaunchCheck not_a_postcode = { .expect_message = "not a UK postcode" };

  if (pack == NULL)
    return;
  run_app ((const char *[]) { "--pack", pack, "--ward", "E05999999", NULL }, &unknown_ward);
  run_app ((const char *[]) { "--pack", pack, "--postcode", "ZZ9 9ZZ", NULL }, &unknown_postcode);
  run_app ((const char *[]) { "--pack", pack, "--postcode", "hello", NULL }, &not_a_postcode);
}

/* ---- accelerators ------------------------------------------------------ */

static void
assert_accel (GtkApplication *app, const char *action, const char *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, action);

  g_assert_nonnull (accels);
  g_assert_true (g_strv_contains ((const char * const *) accels, accel));
}

/* Whether the window or app has the action an accelerator names. */
static gboolean
action_exists (GtkApplication *app, GtkWindow *window, const char *detailed)
{
  g_autofree char *name = NULL;
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (window);
  const char *installed, *property;
  const GVariantType *parameter;
  GType owner;

  g_autoptr(GVariant) target = NULL;

  g_assert_true (g_action_parse_detailed_name (detailed, &name, &target, NULL));
  if (g_str_has_prefix (name, "app."))
    return g_action_group_has_action (G_ACTION_GROUP (app), name + 4);
  if (g_action_group_has_action (G_ACTION_GROUP (window), name + 4))
    return TRUE;
  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &installed, &parameter,
                                                 &property); i++)
    if (g_str_equal (installed, name))
      return TRUE;
  return FALSE;
}

static gboolean *accels_checked;

static gboolean
check_accels (gpointer data)
{
  GtkApplication *app = data;
  gboolean *checked = accels_checked;
  GtkWindow *active = gtk_application_get_active_window (app);

  /* About reads the open pack: wait until it has loaded, which under the
   * sanitizers takes much longer than the first tick. */
  if (!WA_IS_WINDOW (active) || wa_window_get_atlas (WA_WINDOW (active)) == NULL)
    return G_SOURCE_CONTINUE;

  assert_accel (app, "win.search", "<Control>f");
  assert_accel (app, "win.print", "<Control>p");
  assert_accel (app, "win.export-briefing", "<Control>e");
  assert_accel (app, "win.toggle-table", "<Control>t");
  assert_accel (app, "win.edition('2019')", "<Control>1");
  assert_accel (app, "win.edition('2025')", "<Control>2");
  assert_accel (app, "win.toggle-panel", "F9");
  assert_accel (app, "win.draw-area", "<Control>d");
  assert_accel (app, "app.quit", "<Control>q");
  assert_accel (app, "app.preferences", "<Control>comma");

  /* Every accelerator reaches an action that exists (the features of all
   * the issues have landed). */
  {
    g_auto(GStrv) actions = gtk_application_list_action_descriptions (app);

    for (guint i = 0; actions[i] != NULL; i++)
      {
        g_test_message ("accelerator for %s", actions[i]);
        g_assert_true (action_exists (app, gtk_application_get_active_window (app), actions[i]));
      }
  }

  /* The Keyboard Shortcuts window opens and lists them. */
  {
    GtkWindow *window = gtk_application_get_active_window (app);
    GtkShortcutsWindow *overlay;

    g_assert_nonnull (window);
    overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
    g_assert_nonnull (overlay);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
    wa_gtk_test_spin (0.5);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
    wa_gtk_test_save_screenshot (GTK_WIDGET (overlay), "shortcuts.png");
    gtk_window_close (GTK_WINDOW (overlay));
  }

  /* About names the open pack and its build date, written the locale's way. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWidget *about = NULL;
    g_autofree char *built = NULL;
    WaWindow *main_window = NULL;

    /* The main window, not whichever is active: under the sanitizers the
     * closing shortcuts window or About itself can still be active. */
    for (GList *l = gtk_application_get_windows (app); l != NULL && main_window == NULL; l = l->next)
      if (WA_IS_WINDOW (l->data))
        main_window = l->data;
    g_assert_nonnull (main_window);
    built = wa_format_date (wa_atlas_get_metadata (wa_window_get_atlas (main_window), "build_date"));
    g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
    wa_gtk_test_spin (0.5);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && about == NULL; i++)
      {
        g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

        if (ADW_IS_ABOUT_WINDOW (toplevel))
          about = toplevel;
      }
    g_assert_nonnull (about);
    g_assert_true (wa_gtk_test_tree_has_text (about, "Data pack: 2019"));
    g_assert_true (wa_gtk_test_tree_has_text (about, built));
    wa_gtk_test_save_screenshot (about, "about.png");
    gtk_window_close (GTK_WINDOW (about));
  }
  *checked = TRUE;
  /* Quit (Ctrl+Q) closes every window, which ends the run. It once walked
   * the window list after the first close had freed it: the sanitizer
   * build catches that here. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
test_accelerators (void)
{
  g_autoptr(WaApplication) app = wa_application_new ();
  const char *pack = wa_gtk_test_pack_2019 ();
  const char *argv[] = { "ward-atlas", "--pack", pack, NULL };
  gboolean checked = FALSE;
  GiveUp give_up = { 0 };

  if (pack == NULL)
    return;
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_COMMAND_LINE
                                                | G_APPLICATION_NON_UNIQUE);
  accels_checked = &checked;
  g_timeout_add (500, check_accels, app);
  give_up_start (&give_up, app);
  g_application_run (G_APPLICATION (app), 3, (char **) argv);
  g_assert_true (checked);
  g_clear_handle_id (&give_up.id, g_source_remove);
}

/* ---- dark style and high contrast ------------------------------------- */

static void
sea_pixel (WaMapSource *source, guint8 rgb[3])
{
  /* Zoom 6 tile (32, 20) is North Sea in its top-right corner. */
  WaTileRequest request = { 6, 32, 20, 256, FALSE };
  cairo_surface_t *surface = wa_tile_render_surface (wa_map_source_get_style (source), &request,
                                                     NULL);
  const guint8 *data = cairo_image_surface_get_data (surface);
  const guint8 *pixel = data + 8 * cairo_image_surface_get_stride (surface) + 4 * 248;

  rgb[0] = pixel[2], rgb[1] = pixel[1], rgb[2] = pixel[0];
  cairo_surface_destroy (surface);
}

static void
assert_rgb (const guint8 got[3], const WaRgb *want)
{
  g_assert_cmpint (ABS (got[0] - (int) (want->red * 255 + 0.5)), <=, 2);
  g_assert_cmpint (ABS (got[1] - (int) (want->green * 255 + 0.5)), <=, 2);
  g_assert_cmpint (ABS (got[2] - (int) (want->blue * 255 + 0.5)), <=, 2);
}

/* Large text (issue 22, item 9): the open legend stays whole inside the
 * map with its top band ("greatest need"), clear of the scale bar; no key
 * label is cut with an ellipsis; the place names grow with the text. */
static void
check_large_text (WaWindow *window, double scale, gboolean wait_for_tiles, const char *screenshot)
{
  GtkWidget *map = GTK_WIDGET (window->ward_map);
  GtkWidget *legend = wa_gtk_test_find_descendant (map, WA_TYPE_LEGEND);
  GtkWidget *scale_bar = wa_gtk_test_find_descendant (map, SHUMATE_TYPE_SCALE);
  g_autofree char *cut = NULL;
  graphene_rect_t box, bar;
  WaMapTheme theme;

  wa_gtk_test_set_text_scale (scale);
  /* Waiting for the tiles with the larger names costs seconds under the
   * sanitizers: once is enough (the layout does not wait for them). */
  if (wait_for_tiles)
    g_assert_true (wa_gtk_test_wait_for_signal (window, "map-ready", WAIT_TIMEOUT_S));
  wa_gtk_test_spin (0.5);
  /* The credit line is one line, shortened on a narrow map by design. */
  cut = wa_gtk_test_settled_ellipsized_labels (GTK_WIDGET (window), "mapcredits");
  if (*cut != '\0')
    g_error ("at %.1f× text, cut labels: %s", scale, cut);
  g_assert_nonnull (legend);
  g_assert_true (gtk_widget_compute_bounds (legend, map, &box));
  g_assert_cmpfloat (box.origin.x, >=, 0);
  g_assert_cmpfloat (box.origin.x + box.size.width, <=, gtk_widget_get_width (map));
  g_assert_cmpfloat (box.origin.y, >=, 0);
  g_assert_cmpfloat (box.origin.y + box.size.height, <=, gtk_widget_get_height (map));
  /* Open or folded as at 1×: never more than about a third of the map. */
  g_assert_cmpfloat (box.size.width * box.size.height, <,
                     0.35 * gtk_widget_get_width (map) * gtk_widget_get_height (map));
  /* Over wards the key's top is the greatest need; over LSOAs (the
   * selected ward's zoom may show them) the most deprived decile. */
  g_assert_true (wa_gtk_test_tree_has_text (legend, _("Greatest need"))
                 || wa_gtk_test_tree_has_text (legend, "greatest need")
                 || wa_gtk_test_tree_has_text (legend, wa_lsoa_key_most_text ())
                 || wa_gtk_test_tree_has_text (legend, "most deprived"));
  if (scale_bar != NULL && gtk_widget_get_mapped (scale_bar)
      && gtk_widget_compute_bounds (scale_bar, map, &bar))
    g_assert_false (graphene_rect_intersection (&box, &bar, NULL));
  theme = *wa_map_style_get_theme (wa_map_source_get_style (wa_ward_map_get_source (window->ward_map)));
  g_assert_cmpfloat_with_epsilon (theme.text_scale, scale, 0.01);
  wa_gtk_test_save_screenshot (GTK_WIDGET (window), screenshot);
}

static void
test_dark_style (void)
{
  const char *pack = wa_gtk_test_pack_2019 ();
  AdwStyleManager *manager = adw_style_manager_get_default ();
  WaWindow *window;
  WaMapTheme dark, light;
  guint8 rgb[3];

  if (pack == NULL)
    return;
  wa_map_theme_init (&dark, TRUE, FALSE);
  wa_map_theme_init (&light, FALSE, FALSE);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  window = wa_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wa_window_open_pack (window, pack);
  g_assert_true (wa_gtk_test_wait_for_signal (window, "map-ready", WAIT_TIMEOUT_S));
  wa_window_select_ward (window, wa_atlas_lookup_ward (wa_window_get_atlas (window),
                                                       LEFT_BEHIND_WARD), TRUE);
  wa_gtk_test_wait_for_signal (window, "map-ready", 5);
  wa_gtk_test_spin (1.0);
  sea_pixel (wa_ward_map_get_source (window->ward_map), rgb);
  assert_rgb (rgb, &dark.sea);
  wa_gtk_test_save_screenshot (GTK_WIDGET (window), "window-dark.png");

  /* Switching the style recolours the map with a new source. */
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_true (wa_gtk_test_wait_for_signal (window, "map-ready", WAIT_TIMEOUT_S));
  sea_pixel (wa_ward_map_get_source (window->ward_map), rgb);
  assert_rgb (rgb, &light.sea);
  /* As after a key press: the focused map shows its focus ring. */
  gtk_widget_grab_focus (GTK_WIDGET (_wa_window_get_map (window)));
  gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
  wa_gtk_test_spin (0.5);
  g_assert_true (gtk_widget_has_visible_focus (GTK_WIDGET (_wa_window_get_map (window))));
  wa_gtk_test_save_screenshot (GTK_WIDGET (window), "window-light.png");
  check_large_text (window, 1.5, TRUE, "large-text-1.5.png");
  check_large_text (window, 2.0, FALSE, "large-text-2.png");
  wa_gtk_test_set_text_scale (1.0);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
  wa_gtk_test_spin (0.05);
}

/* Boundary pixels: the test theme draws boundaries in pure red, which
 * neither the Blues palette nor the left-behind pink contains. */
static guint
count_boundary_pixels (WaAtlas *atlas, double line_scale)
{
  /* Zoom 9 over Birmingham: many council and region boundaries. */
  WaTileRequest request = { 9, 253, 167, 256, FALSE };
  g_autoptr(WaMapStyle) style = NULL;
  cairo_surface_t *surface;
  const guint8 *data;
  WaMapTheme theme;
  int stride;
  guint n = 0;

  wa_map_theme_init (&theme, FALSE, FALSE);
  theme.boundary = (WaRgb) { 1, 0, 0 };
  theme.ward_outline_alpha = 0;
  theme.line_scale = line_scale;
  style = wa_map_style_new_themed (atlas, WA_PALETTE_BLUES, &theme);
  surface = wa_tile_render_surface (style, &request, NULL);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < 256; y++)
    for (int x = 0; x < 256; x++)
      {
        const guint8 *p = data + y * stride + 4 * x;   /* B, G, R, A */

        if (p[2] > 120 && p[1] < 90 && p[0] < 90)
          n++;
      }
  cairo_surface_destroy (surface);
  return n;
}

static void
test_high_contrast_thickens_outlines (void)
{
  const char *pack = wa_gtk_test_pack_2019 ();
  g_autoptr(WaAtlas) atlas = NULL;
  WaMapTheme normal, contrast;
  guint n_normal, n_contrast;

  if (pack == NULL)
    return;
  wa_map_theme_init (&normal, FALSE, FALSE);
  wa_map_theme_init (&contrast, FALSE, TRUE);
  g_assert_cmpfloat (normal.line_scale, ==, 1.0);
  g_assert_cmpfloat (contrast.line_scale, >, 1.5);
  g_assert_cmpfloat (contrast.ward_outline_alpha, >, normal.ward_outline_alpha);

  atlas = wa_atlas_open (pack, NULL);
  g_assert_nonnull (atlas);
  n_normal = count_boundary_pixels (atlas, normal.line_scale);
  n_contrast = count_boundary_pixels (atlas, contrast.line_scale);
  g_test_message ("boundary pixels: normal %u, high contrast %u", n_normal, n_contrast);
  g_assert_cmpuint (n_normal, >, 100);
  g_assert_cmpuint (n_contrast, >, n_normal * 3 / 2);
}

/* ---- preferences ------------------------------------------------------- */

static void
wait_for_pack_check (WaPreferencesWindow *prefs, GSettings *settings, const char *old_path)
{
  for (int i = 0; i < WAIT_TIMEOUT_S * 20; i++)
    {
      g_autofree char *path = g_settings_get_string (settings, "pack-path");

      if (wa_preferences_window_get_pack_error (prefs) != NULL || g_strcmp0 (path, old_path) != 0)
        return;
      wa_gtk_test_spin (0.05);
    }
}

static void
test_preferences_pack_and_reset (void)
{
  const char *pack = wa_gtk_test_pack_2019 ();
  g_autoptr(GSettings) settings = g_settings_new (WA_APP_ID);
  g_autofree char *dir = NULL;
  g_autofree char *not_a_pack = NULL;
  g_autofree char *path = NULL;
  g_autofree char *palette = NULL;
  GtkWidget *window;

  if (pack == NULL)
    return;
  dir = g_dir_make_tmp ("wa-prefs-XXXXXX", NULL);
  not_a_pack = g_build_filename (dir, "notes.gpkg", NULL);
  g_assert_true (g_file_set_contents (not_a_pack, "not a GeoPackage", -1, NULL));

  window = wa_preferences_window_new (NULL, settings);
  gtk_window_set_default_size (GTK_WINDOW (window), 620, 660);
  gtk_window_present (GTK_WINDOW (window));
  wa_gtk_test_spin (0.5);

  /* A file that is not a pack: an inline error naming it; nothing saved. */
  wa_preferences_window_choose_pack (WA_PREFERENCES_WINDOW (window), not_a_pack);
  wait_for_pack_check (WA_PREFERENCES_WINDOW (window), settings, "");
  g_assert_nonnull (wa_preferences_window_get_pack_error (WA_PREFERENCES_WINDOW (window)));
  g_assert_nonnull (strstr (wa_preferences_window_get_pack_error (WA_PREFERENCES_WINDOW (window)),
                            "notes.gpkg"));
  path = g_settings_get_string (settings, "pack-path");
  g_assert_cmpstr (path, ==, "");
  wa_gtk_test_spin (0.3);
  wa_gtk_test_save_screenshot (window, "preferences-pack-error.png");

  /* A real pack is stored and the error goes away. */
  wa_preferences_window_choose_pack (WA_PREFERENCES_WINDOW (window), pack);
  wait_for_pack_check (WA_PREFERENCES_WINDOW (window), settings, "");
  g_clear_pointer (&path, g_free);
  path = g_settings_get_string (settings, "pack-path");
  g_assert_cmpstr (path, ==, pack);
  g_assert_null (wa_preferences_window_get_pack_error (WA_PREFERENCES_WINDOW (window)));
  wa_gtk_test_spin (0.3);
  wa_gtk_test_save_screenshot (window, "preferences.png");

  /* Large text: every choice reads whole ("Ne…" before). */
  {
    g_autofree char *cut = NULL;

    wa_gtk_test_set_text_scale (1.5);
    cut = wa_gtk_test_settled_ellipsized_labels (window, NULL);
    if (*cut != '\0')
      g_error ("cut preferences labels at 1.5× text: %s", cut);
    wa_gtk_test_save_screenshot (window, "large-text-preferences.png");
    wa_gtk_test_set_text_scale (1.0);
  }

  /* Reset puts every key back. */
  g_settings_set_string (settings, "palette", "magma");
  g_settings_set_string (settings, "label-density", "fewer");
  g_settings_set_boolean (settings, "online-basemap", TRUE);
  g_settings_set_string (settings, "rank-method", "mean-rank");
  wa_preferences_window_reset (WA_PREFERENCES_WINDOW (window));
  {
    g_autoptr(GSettingsSchema) schema = NULL;
    g_auto(GStrv) keys = NULL;

    g_object_get (settings, "settings-schema", &schema, NULL);
    keys = g_settings_schema_list_keys (schema);
    for (guint i = 0; keys[i] != NULL; i++)
      {
        g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
        g_autoptr(GVariant) fallback = g_settings_get_default_value (settings, keys[i]);

        g_assert_true (g_variant_equal (value, fallback));
      }
  }
  palette = g_settings_get_string (settings, "palette");
  g_assert_cmpstr (palette, ==, "viridis");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (not_a_pack);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  wa_gtk_test_init (&argc, &argv);
  g_test_add_func ("/desktop/start-with-ward", test_start_with_ward);
  g_test_add_func ("/desktop/start-with-postcode", test_start_with_postcode);
  g_test_add_func ("/desktop/start-with-unknown-codes", test_start_with_unknown_codes);
  g_test_add_func ("/desktop/accelerators", test_accelerators);
  g_test_add_func ("/desktop/dark-style", test_dark_style);
  g_test_add_func ("/desktop/high-contrast-thickens-outlines", test_high_contrast_thickens_outlines);
  g_test_add_func ("/desktop/preferences-pack-and-reset", test_preferences_pack_and_reset);
  return g_test_run ();
}
