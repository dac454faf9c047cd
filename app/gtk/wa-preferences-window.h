/* wa-preferences-window.h: Preferences, bound to the app's GSettings. */
#pragma once

#include <adwaita.h>
#include "wa-user-lists-store.h"

G_BEGIN_DECLS

#define WA_TYPE_PREFERENCES_WINDOW (wa_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (WaPreferencesWindow, wa_preferences_window, WA, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* Binds every control to settings (schema io.github.wardatlas.WardAtlas). */
GtkWidget *wa_preferences_window_new (GtkWindow *parent, GSettings *settings);
/* What the file chooser does with a chosen file: opens it with the model
 * and stores it as the data pack location only if it is a pack; otherwise
 * the reason shows under the row (see _get_pack_error). */
void        wa_preferences_window_choose_pack (WaPreferencesWindow *self, const char *path);
const char *wa_preferences_window_get_pack_error (WaPreferencesWindow *self);
/* Shows "Your Asset Lists" for the store's lists (the parent window's
 * store when it is the main window), updating on its "changed". */
void        wa_preferences_window_set_user_lists (WaPreferencesWindow *self, WaUserListsStore *store);
/* Resets every key of the schema to its default. */
void        wa_preferences_window_reset (WaPreferencesWindow *self);

G_END_DECLS
