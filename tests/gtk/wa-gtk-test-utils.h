/* wa-gtk-test-utils.h: helpers shared by the widget tests. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* g_test_init with isolated dirs, then GTK and libadwaita, in a way that
 * works on a bare virtual display (no session bus, no accessibility bus).
 * Without a display, reports the whole program skipped and exits. */
void     wa_gtk_test_init (int *argc, char ***argv);
/* Runs the main loop until *flag is set or seconds pass; returns *flag. */
gboolean wa_gtk_test_wait_for (gboolean *flag, double seconds);
void     wa_gtk_test_spin (double seconds);
gboolean wa_gtk_test_wait_for_signal (gpointer instance, const char *signal, double seconds);
/* Whether a label or preferences row title in the widget's tree contains text. */
gboolean wa_gtk_test_tree_has_text (GtkWidget *widget, const char *text);
/* Runs the main loop until the widget's tree has text or seconds pass;
 * returns whether it has. */
gboolean wa_gtk_test_wait_for_text (GtkWidget *widget, const char *text, double seconds);
typedef gboolean (*WaGtkTestMatch) (GtkWidget *widget, gconstpointer data);
/* The first widget in the widget's tree (itself included, depth first)
 * that match accepts, or NULL. */
GtkWidget *wa_gtk_test_find (GtkWidget *widget, WaGtkTestMatch match, gconstpointer data);
/* The first widget of the type in the widget's tree (itself included), or NULL. */
GtkWidget *wa_gtk_test_find_descendant (GtkWidget *widget, GType type);
/* Renders the widget (and its children) to WA_ARTEFACT_DIR/name as PNG. */
void     wa_gtk_test_save_screenshot (GtkWidget *widget, const char *name);
/* Sets the desktop's text scaling factor as GNOME's text-scaling-factor
 * does (GtkSettings:gtk-xft-dpi, 96 dpi × scale) and lets GTK lay out again. */
void     wa_gtk_test_set_text_scale (double scale);
/* Texts of the mapped labels in the widget's tree that are cut with an
 * ellipsis ("Index of Multiple Deprivati…"), joined by " | "; "" if none.
 * Widgets of CSS name skip (may be NULL), shortened by design, are left out. */
char    *wa_gtk_test_ellipsized_labels (GtkWidget *widget, const char *skip);
/* Texts of the mapped one-line labels narrower than their text, so cut
 * without an ellipsis (a column heading shown as "Combinec"); "" if none. */
char    *wa_gtk_test_clipped_labels (GtkWidget *widget);
/* The same two, looking again for up to 30 s until nothing is cut: the
 * layout after a text-scale change takes many frames under the sanitizers. */
char    *wa_gtk_test_settled_ellipsized_labels (GtkWidget *widget, const char *skip);
char    *wa_gtk_test_settled_clipped_labels (GtkWidget *widget);
/* The widget as the window's renderer draws it. */
GdkTexture *wa_gtk_test_render (GtkWidget *widget);
/* The 2019 pack, or NULL (and the test skipped) when it is not built. */
const char *wa_gtk_test_pack_2019 (void);
/* A new window of the size, presented, showing the pack at path, once its
 * first map frame is ready. The pack is opened once per test program and
 * shared by the windows (see the .c for why). Returns a borrowed window:
 * close it with wa_gtk_test_close_window. */
GtkWindow *wa_gtk_test_open_window (const char *path, int width, int height);
void       wa_gtk_test_close_window (GtkWindow *window);
/* Lets the window's map draw the view it was just given: two frames laid
 * out (in which the map's layers ask for the view's tiles), then, only if
 * tiles are pending, until "map-ready" or seconds pass. "map-ready" never
 * comes when every tile of the view is drawn already, so waiting for it
 * alone sat out the whole timeout. Returns FALSE if tiles were still
 * pending when the time ran out. */
gboolean   wa_gtk_test_settle_map (GtkWindow *window, double seconds);

G_END_DECLS
