/* wa-user-lists-store.c
 *
 * The lists are small (a council's services: tens to a few thousand
 * points), so loading them again for a new atlas is done on the main
 * thread: reading the stored GeoJSON and assigning the points to wards
 * through the atlas's grid takes milliseconds. The lists are kept in name
 * order, as wa_user_lists_load gives them.
 */
#include <glib/gi18n.h>

#include "wa-user-lists-store.h"

struct _WaUserListsStore
{
  GObject parent_instance;

  char *dir;
  WaAtlas *atlas;
  GPtrArray *lists;          /* WaUserList*, owned, by name */
  char *problems;
};

G_DEFINE_FINAL_TYPE (WaUserListsStore, wa_user_lists_store, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
compare_names (gconstpointer a, gconstpointer b)
{
  WaUserList *la = *(WaUserList **) a, *lb = *(WaUserList **) b;
  int order = g_utf8_collate (wa_user_list_get_name (la), wa_user_list_get_name (lb));

  return order != 0 ? order : g_strcmp0 (wa_user_list_get_id (la), wa_user_list_get_id (lb));
}

static int
find_list (WaUserListsStore *self, const char *id)
{
  for (guint i = 0; i < self->lists->len; i++)
    if (g_strcmp0 (wa_user_list_get_id (g_ptr_array_index (self->lists, i)), id) == 0)
      return (int) i;
  return -1;
}

static void
emit_changed (WaUserListsStore *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

WaUserListsStore *
wa_user_lists_store_new (const char *dir)
{
  WaUserListsStore *self;

  g_return_val_if_fail (dir != NULL, NULL);
  self = g_object_new (WA_TYPE_USER_LISTS_STORE, NULL);
  self->dir = g_strdup (dir);
  return self;
}

const char *
wa_user_lists_store_get_dir (WaUserListsStore *self)
{
  g_return_val_if_fail (WA_IS_USER_LISTS_STORE (self), NULL);
  return self->dir;
}

void
wa_user_lists_store_set_atlas (WaUserListsStore *self, WaAtlas *atlas)
{
  GPtrArray *loaded = NULL;
  g_autofree char *problems = NULL;

  g_return_if_fail (WA_IS_USER_LISTS_STORE (self));
  g_set_object (&self->atlas, atlas);
  g_ptr_array_set_size (self->lists, 0);
  if (atlas != NULL)
    loaded = wa_user_lists_load (atlas, self->dir, &problems);
  for (guint i = 0; loaded != NULL && i < loaded->len; i++)
    g_ptr_array_add (self->lists, wa_user_list_ref (g_ptr_array_index (loaded, i)));
  g_clear_pointer (&loaded, g_ptr_array_unref);
  g_ptr_array_sort (self->lists, compare_names);
  g_free (self->problems);
  self->problems = problems != NULL && *problems != '\0' ? g_steal_pointer (&problems) : NULL;
  if (self->problems != NULL)
    g_warning ("User lists in %s: %s", self->dir, self->problems);
  emit_changed (self);
}

WaAtlas *
wa_user_lists_store_get_atlas (WaUserListsStore *self)
{
  g_return_val_if_fail (WA_IS_USER_LISTS_STORE (self), NULL);
  return self->atlas;
}

guint
wa_user_lists_store_get_n_lists (WaUserListsStore *self)
{
  g_return_val_if_fail (WA_IS_USER_LISTS_STORE (self), 0);
  return self->lists->len;
}

WaUserList *
wa_user_lists_store_get_list (WaUserListsStore *self, guint index)
{
  g_return_val_if_fail (WA_IS_USER_LISTS_STORE (self), NULL);
  g_return_val_if_fail (index < self->lists->len, NULL);
  return g_ptr_array_index (self->lists, index);
}

gboolean
wa_user_lists_store_add (WaUserListsStore *self, WaUserList *list, GError **error)
{
  int existing;

  g_return_val_if_fail (WA_IS_USER_LISTS_STORE (self), FALSE);
  g_return_val_if_fail (list != NULL, FALSE);
  if (!wa_user_list_save (list, self->dir, error))
    return FALSE;
  /* Saved again under its id: the stored file replaced the old one. */
  if ((existing = find_list (self, wa_user_list_get_id (list))) >= 0)
    g_ptr_array_remove_index (self->lists, (guint) existing);
  g_ptr_array_add (self->lists, wa_user_list_ref (list));
  g_ptr_array_sort (self->lists, compare_names);
  emit_changed (self);
  return TRUE;
}

gboolean
wa_user_lists_store_remove (WaUserListsStore *self, const char *id, GError **error)
{
  int index;

  g_return_val_if_fail (WA_IS_USER_LISTS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  if (!wa_user_list_delete (self->dir, id, error))
    return FALSE;
  if ((index = find_list (self, id)) >= 0)
    g_ptr_array_remove_index (self->lists, (guint) index);
  emit_changed (self);
  return TRUE;
}

gboolean
wa_user_lists_store_rename (WaUserListsStore *self, const char *id, const char *name, GError **error)
{
  WaUserList *list;
  g_autofree char *old_name = NULL;
  int index;

  g_return_val_if_fail (WA_IS_USER_LISTS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && name != NULL, FALSE);
  if ((index = find_list (self, id)) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no list “%s” in %s."), id,
                   self->dir);
      return FALSE;
    }
  list = g_ptr_array_index (self->lists, index);
  old_name = g_strdup (wa_user_list_get_name (list));
  wa_user_list_set_name (list, name);
  /* Stored whole or not at all: on failure the list keeps its old name. */
  if (!wa_user_list_save (list, self->dir, error))
    {
      wa_user_list_set_name (list, old_name);
      return FALSE;
    }
  g_ptr_array_sort (self->lists, compare_names);
  emit_changed (self);
  return TRUE;
}

const char *
wa_user_lists_store_get_problems (WaUserListsStore *self)
{
  g_return_val_if_fail (WA_IS_USER_LISTS_STORE (self), NULL);
  return self->problems;
}

static void
wa_user_lists_store_dispose (GObject *object)
{
  WaUserListsStore *self = WA_USER_LISTS_STORE (object);

  g_clear_object (&self->atlas);
  if (self->lists != NULL)
    g_ptr_array_set_size (self->lists, 0);
  G_OBJECT_CLASS (wa_user_lists_store_parent_class)->dispose (object);
}

static void
wa_user_lists_store_finalize (GObject *object)
{
  WaUserListsStore *self = WA_USER_LISTS_STORE (object);

  g_clear_pointer (&self->lists, g_ptr_array_unref);
  g_free (self->dir);
  g_free (self->problems);
  G_OBJECT_CLASS (wa_user_lists_store_parent_class)->finalize (object);
}

static void
wa_user_lists_store_class_init (WaUserListsStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wa_user_lists_store_dispose;
  object_class->finalize = wa_user_lists_store_finalize;
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wa_user_lists_store_init (WaUserListsStore *self)
{
  self->lists = g_ptr_array_new_with_free_func ((GDestroyNotify) wa_user_list_unref);
}

gboolean
wa_user_lists_store_watch (WaUserListsStore **slot, WaUserListsStore *store, gpointer owner,
                           GCallback changed)
{
  if (*slot == store)
    return FALSE;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, owner);
  g_set_object (slot, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", changed, owner, G_CONNECT_SWAPPED);
  return TRUE;
}
