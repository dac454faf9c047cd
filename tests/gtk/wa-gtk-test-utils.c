/* wa-gtk-test-utils.c */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wa-gtk-test-utils.h"
#include "wa-window-private.h"
#include "wa-map-source.h"
#include "wa-test-fixtures.h"

/* A virtual display has no session bus; GTK warns about that once, and it
 * is not what these tests are about. */
static gboolean
ignore_missing_bus (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  return strstr (message, "session bus") == NULL;
}

/* Without an AdwApplication nothing loads the app's style sheet; the
 * widgets under test, and the screenshots the tests save, should look
 * like the app's. */
static void
load_app_css (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/io/github/wardatlas/WardAtlas/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

void
wa_gtk_test_init (int *argc, char ***argv)
{
  /* Isolated test dirs hide the system data dirs, and with them the icon
   * theme and the MIME database (which gdk-pixbuf needs to load SVG
   * icons, and which reads the dirs once, on first use). */
  const char *env = g_getenv ("XDG_DATA_DIRS");
  g_auto(GStrv) data_dirs = g_strsplit (env && *env ? env : "/usr/local/share:/usr/share", ":", -1);
  g_auto(GStrv) icon_dirs = g_new0 (char *, g_strv_length (data_dirs) + 1);
  g_autofree char *svg_type = NULL;

  for (guint i = 0; data_dirs[i] != NULL; i++)
    icon_dirs[i] = g_build_filename (data_dirs[i], "icons", NULL);
  svg_type = g_content_type_guess ("icon.svg", (const guchar *) "<svg", 4, NULL);

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_log_set_fatal_handler (ignore_missing_bus, NULL);
  /* Without a display gtk_init () aborts, which reads as a failure; a TAP
   * plan of no tests with a reason makes meson report a skip instead. */
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display: set DISPLAY or run under xvfb-run\n");
      fflush (stdout);
      g_clear_pointer (&icon_dirs, g_strfreev);
      g_clear_pointer (&data_dirs, g_strfreev);
      g_clear_pointer (&svg_type, g_free);
      exit (EXIT_SUCCESS);
    }
  adw_init ();
  load_app_css ();
  gtk_icon_theme_set_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                  (const char * const *) icon_dirs);
}

gboolean
wa_gtk_test_wait_for (gboolean *flag, double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (!*flag && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return *flag;
}

void
wa_gtk_test_spin (double seconds)
{
  gboolean never = FALSE;

  wa_gtk_test_wait_for (&never, seconds);
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

gboolean
wa_gtk_test_wait_for_signal (gpointer instance, const char *signal, double seconds)
{
  gboolean fired = FALSE;
  gulong id = g_signal_connect_swapped (instance, signal, G_CALLBACK (set_flag), &fired);

  wa_gtk_test_wait_for (&fired, seconds);
  g_signal_handler_disconnect (instance, id);
  return fired;
}

static gboolean
shows_text (GtkWidget *widget, gconstpointer text)
{
  if (GTK_IS_LABEL (widget))
    return strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
  return ADW_IS_PREFERENCES_ROW (widget)
         && strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) != NULL;
}

gboolean
wa_gtk_test_tree_has_text (GtkWidget *widget, const char *text)
{
  return wa_gtk_test_find (widget, shows_text, text) != NULL;
}

gboolean
wa_gtk_test_wait_for_text (GtkWidget *widget, const char *text, double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  gboolean shown;

  while (!(shown = wa_gtk_test_tree_has_text (widget, text)) && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return shown;
}

const char *
wa_gtk_test_pack_2019 (void)
{
  const char *path = g_getenv ("WA_PACK_2019");

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("WA_PACK_2019 not built");
      return NULL;
    }
  return path;
}

/* The widget's render node, or NULL while it has not been drawn yet. */
static GskRenderNode *
widget_node (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  return gtk_snapshot_free_to_node (snapshot);
}

GdkTexture *
wa_gtk_test_render (GtkWidget *widget)
{
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  /* A widget changed just now has no node until its next frame. */
  for (guint i = 0; i < 100 && (node = widget_node (widget)) == NULL; i++)
    wa_gtk_test_spin (0.05);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, NULL);
}

void
wa_gtk_test_save_screenshot (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("WA_ARTEFACT_DIR");
  g_autoptr(GdkTexture) texture = wa_gtk_test_render (widget);
  g_autofree char *path = NULL;

  path = g_build_filename (dir ? dir : ".", name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

GtkWidget *
wa_gtk_test_find (GtkWidget *widget, WaGtkTestMatch match, gconstpointer data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = wa_gtk_test_find (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_type (GtkWidget *widget, gconstpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

GtkWidget *
wa_gtk_test_find_descendant (GtkWidget *widget, GType type)
{
  return wa_gtk_test_find (widget, has_type, GSIZE_TO_POINTER (type));
}

/* The windows share one atlas (wa_test_shared_pack: a full open costs half
 * a minute under the sanitizers); wa_window_set_atlas applies the window's
 * own settings to it. /window/opens-real-pack still checks the window's
 * own loader. */
GtkWindow *
wa_gtk_test_open_window (const char *path, int width, int height)
{
  WaWindow *window = wa_window_new (NULL);
  g_autoptr(WaAtlas) atlas = wa_test_shared_pack (path);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wa_window_set_atlas (window, atlas);
  g_assert_true (wa_gtk_test_wait_for_signal (window, "map-ready", 60));
  return GTK_WINDOW (window);
}

void
wa_gtk_test_close_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  wa_gtk_test_spin (0.05);
}

static void
count_paint (guint *n)
{
  (*n)++;
}

gboolean
wa_gtk_test_settle_map (GtkWindow *window, double seconds)
{
  WaWindow *self = WA_WINDOW (window);
  GtkWidget *map = GTK_WIDGET (_wa_window_get_map (self));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (map);
  guint painted = 0;
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (count_paint), &painted);
  /* An idle window asks for no frames: ask for the layouts. */
  for (guint asked = 0; painted < 2 && g_get_monotonic_time () < end; )
    {
      if (asked <= painted)
        {
          gtk_widget_queue_allocate (map);
          asked = painted + 1;
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_signal_handler_disconnect (clock, id);
  if (wa_map_source_get_n_pending (wa_ward_map_get_source (self->ward_map)) > 0)
    {
      double left = (double) (end - g_get_monotonic_time ()) / G_USEC_PER_SEC;

      wa_gtk_test_wait_for_signal (window, "map-ready", MAX (left, 0.0));
    }
  return wa_map_source_get_n_pending (wa_ward_map_get_source (self->ward_map)) == 0;
}

void
wa_gtk_test_set_text_scale (double scale)
{
  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", (int) (96 * 1024 * scale), NULL);
  wa_gtk_test_spin (0.3);
}

static void
collect_ellipsized (GtkWidget *widget, const char *skip, GString *out)
{
  if (!gtk_widget_get_mapped (widget)
      || (skip != NULL && g_strcmp0 (gtk_widget_get_css_name (widget), skip) == 0))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_ellipsize (GTK_LABEL (widget)) != PANGO_ELLIPSIZE_NONE
      && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    g_string_append_printf (out, "%s%s", out->len > 0 ? " | " : "",
                            gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_ellipsized (child, skip, out);
}

char *
wa_gtk_test_ellipsized_labels (GtkWidget *widget, const char *skip)
{
  GString *out = g_string_new (NULL);

  collect_ellipsized (widget, skip, out);
  return g_string_free (out, FALSE);
}

static void
collect_clipped (GtkWidget *widget, GString *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      int min, nat;

      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      if (gtk_widget_get_width (widget) < nat
          && gtk_label_get_ellipsize (GTK_LABEL (widget)) == PANGO_ELLIPSIZE_NONE
          && !gtk_label_get_wrap (GTK_LABEL (widget)))
        g_string_append_printf (out, "%s%s", out->len ? " | " : "", gtk_label_get_text (GTK_LABEL (widget)));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_clipped (child, out);
}

char *
wa_gtk_test_clipped_labels (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  collect_clipped (widget, out);
  return g_string_free (out, FALSE);
}

/* Layout after a text-scale change can take many frames under the
 * sanitizers: the probes below look again until nothing is cut or the
 * seconds pass, and return what was cut last. */
#define SETTLE_S 30

typedef char *(*LabelProbe) (GtkWidget *widget, const char *skip);

static char *
settled (LabelProbe probe, GtkWidget *widget, const char *skip)
{
  gint64 end = g_get_monotonic_time () + SETTLE_S * G_USEC_PER_SEC;
  char *cut = probe (widget, skip);

  while (*cut != '\0' && g_get_monotonic_time () < end)
    {
      wa_gtk_test_spin (0.2);
      g_free (cut);
      cut = probe (widget, skip);
    }
  return cut;
}

static char *
clipped_probe (GtkWidget *widget, const char *skip)
{
  return wa_gtk_test_clipped_labels (widget);
}

char *
wa_gtk_test_settled_ellipsized_labels (GtkWidget *widget, const char *skip)
{
  return settled (wa_gtk_test_ellipsized_labels, widget, skip);
}

char *
wa_gtk_test_settled_clipped_labels (GtkWidget *widget)
{
  return settled (clipped_probe, widget, NULL);
}
