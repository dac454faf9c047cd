/* wa-preferences-window.h: Preferences, bound to the app's GSettings. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WA_TYPE_PREFERENCES_WINDOW (wa_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (WaPreferencesWindow, wa_preferences_window, WA, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* Binds every control to settings (schema io.github.wardatlas.WardAtlas). */
GtkWidget *wa_preferences_window_new (GtkWindow *parent, GSettings *settings);

G_END_DECLS
