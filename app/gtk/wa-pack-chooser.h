/* wa-pack-chooser.h: the native file chooser for picking a data pack, shared
 * by File ▸ Open Data Pack and Preferences. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called with the chosen file's path; not called if the user cancels. */
typedef void (*WaPackChosenFunc) (gpointer owner, const char *path);

/* Shows a modal chooser over parent, filtered to *.gpkg (with an "All
 * files" choice). chosen runs on owner only while owner is alive. */
void wa_pack_chooser_show (GtkWindow *parent, const char *title, const char *accept_label,
                           WaPackChosenFunc chosen, GObject *owner);

G_END_DECLS
