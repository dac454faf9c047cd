/* wa-user-lists-store.h: the user's asset lists (wa-user-list.h) loaded
 * against the window's current atlas. The window owns one; the panel, the
 * table, the map and the import dialog share it. Stored lists are loaded
 * again whenever the atlas changes (another pack or edition), since a list
 * counts against the wards of the atlas it is loaded for. */
#pragma once

#include <gio/gio.h>
#include "wa-atlas.h"
#include "wa-user-list.h"

G_BEGIN_DECLS

#define WA_TYPE_USER_LISTS_STORE (wa_user_lists_store_get_type ())
G_DECLARE_FINAL_TYPE (WaUserListsStore, wa_user_lists_store, WA, USER_LISTS_STORE, GObject)

/* Signal "changed": a list was added, removed or renamed, or every list was
 * loaded again for another atlas. */

/* dir: where the lists are stored (wa_user_lists_default_dir ()). */
WaUserListsStore *wa_user_lists_store_new       (const char *dir);
const char       *wa_user_lists_store_get_dir   (WaUserListsStore *self);
/* Loads every stored list against atlas (NULL: none), then emits "changed". */
void              wa_user_lists_store_set_atlas (WaUserListsStore *self, WaAtlas *atlas);
WaAtlas          *wa_user_lists_store_get_atlas (WaUserListsStore *self);
guint             wa_user_lists_store_get_n_lists (WaUserListsStore *self);
WaUserList       *wa_user_lists_store_get_list  (WaUserListsStore *self, guint index);  /* borrowed */
/* Saves the list (atomically) and adds it; FALSE with nothing stored on error. */
gboolean          wa_user_lists_store_add       (WaUserListsStore *self, WaUserList *list, GError **error);
gboolean          wa_user_lists_store_remove    (WaUserListsStore *self, const char *id, GError **error);
gboolean          wa_user_lists_store_rename    (WaUserListsStore *self, const char *id,
                                                 const char *name, GError **error);
/* Stored files that could not be loaded, one line each, or NULL. */
const char       *wa_user_lists_store_get_problems (WaUserListsStore *self);

/* Points *slot (a widget's store) at store, following its "changed" with
 * changed (called swapped, on owner) instead of the old store's; FALSE
 * when *slot already was store. */
gboolean          wa_user_lists_store_watch     (WaUserListsStore **slot, WaUserListsStore *store,
                                                 gpointer owner, GCallback changed);

/* The window's store (wa-window.c). */
typedef struct _WaWindow WaWindow;
WaUserListsStore *wa_window_get_user_lists (WaWindow *window);

G_END_DECLS
