/* wa-change-loader.c
 *
 * The change depends on both atlases' rank methods (left-behind status and
 * combined positions), so a "ranks-changed" of either drops it and, if it
 * had been asked for, builds it again. A build started before a rank
 * change is thrown away when it finishes (its generation is stale).
 */
#include <glib/gi18n.h>

#include "wa-change-loader.h"
#include "wa-pack-locator.h"

struct _WaChangeLoader
{
  GObject parent_instance;

  WaAtlas *atlases[2];          /* [0] the oldest edition, [1] the newest */
  WaChange *change;
  GCancellable *cancellable;    /* while opening or building */
  WaRankParams params[2];       /* each atlas's method when the build started */
  guint generation;             /* bumped by every rank change */
  gboolean wanted;              /* load () was called: rebuild after a rank change */
};

G_DEFINE_FINAL_TYPE (WaChangeLoader, wa_change_loader, G_TYPE_OBJECT)

enum { SIGNAL_ATLAS_OPENED, SIGNAL_CHANGED, SIGNAL_FAILED, N_SIGNALS };
static guint signals[N_SIGNALS];

static WaEdition
slot_edition (guint slot)
{
  return slot == 0 ? 0 : wa_edition_newest ();
}

static void load_next (WaChangeLoader *self);

static void
fail (WaChangeLoader *self, const char *message)
{
  g_clear_object (&self->cancellable);
  self->wanted = FALSE;
  g_signal_emit (self, signals[SIGNAL_FAILED], 0, message);
}

/* The window sets an atlas's method each time it shows it, mostly to
 * the same one: only a real change of method calls for a new change. */
static gboolean
same_params (WaChangeLoader *self)
{
  for (guint slot = 0; slot < 2; slot++)
    {
      const WaRankParams *a, *b = &self->params[slot];

      if (self->atlases[slot] == NULL)
        return FALSE;
      a = wa_atlas_get_rank_params (self->atlases[slot]);
      if (a->method != b->method || a->threshold_percent != b->threshold_percent
          || a->weight_imd != b->weight_imd || a->weight_cni != b->weight_cni)
        return FALSE;
    }
  return TRUE;
}

static void
invalidate (WaChangeLoader *self)
{
  self->generation++;
  if (self->cancellable != NULL && self->change == NULL)
    {
      /* A build under way reads old ranks: start again once it is done. */
      return;
    }
  if (self->change != NULL)
    {
      g_clear_object (&self->change);
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
    }
  if (self->wanted)
    load_next (self);
}

static void
on_ranks_changed (WaChangeLoader *self)
{
  if ((self->change != NULL || self->cancellable != NULL) && same_params (self))
    return;
  invalidate (self);
}

static gboolean
set_slot (WaChangeLoader *self, WaAtlas *atlas)
{
  WaEdition edition = wa_atlas_get_edition (atlas);

  for (guint slot = 0; slot < 2; slot++)
    if (slot_edition (slot) == edition && self->atlases[slot] != atlas)
      {
        if (self->atlases[slot] != NULL)
          g_signal_handlers_disconnect_by_data (self->atlases[slot], self);
        g_set_object (&self->atlases[slot], atlas);
        g_signal_connect_object (atlas, "ranks-changed", G_CALLBACK (on_ranks_changed), self,
                                 G_CONNECT_SWAPPED);
        return TRUE;
      }
  return FALSE;
}

void
wa_change_loader_add_atlas (WaChangeLoader *self, WaAtlas *atlas)
{
  g_return_if_fail (WA_IS_CHANGE_LOADER (self) && WA_IS_ATLAS (atlas));
  /* Another pack of an edition: another change. */
  if (set_slot (self, atlas))
    invalidate (self);
}

/* ---- building ---------------------------------------------------------- */

/* The worker reads only the file; the change is assembled on the main
 * thread, which alone writes the wards' ranks. */
static void
build_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *pieces = wa_change_read_pieces (data, &error);

  if (pieces == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pieces, (GDestroyNotify) g_ptr_array_unref);
}

static void
build_done (GObject *source, GAsyncResult *result, gpointer data)
{
  WaChangeLoader *self = WA_CHANGE_LOADER (source);
  guint generation = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pieces = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(WaChange) change = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (pieces != NULL && generation != self->generation)
    {
      load_next (self);   /* another pack or method meanwhile */
      return;
    }
  if (pieces != NULL)
    {
      change = wa_change_new_from_pieces (wa_atlas_get_wards (self->atlases[0]),
                                          wa_atlas_get_wards (self->atlases[1]), pieces, &error);
      if (change == NULL)
        g_prefix_error (&error, "%s: ", wa_atlas_get_path (self->atlases[1]));
    }
  if (change == NULL)
    {
      fail (self, error->message);
      return;
    }
  g_set_object (&self->change, change);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
build (WaChangeLoader *self)
{
  g_autoptr(GTask) task = NULL;

  for (guint slot = 0; slot < 2; slot++)
    self->params[slot] = *wa_atlas_get_rank_params (self->atlases[slot]);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, build_done, GUINT_TO_POINTER (self->generation));
  g_task_set_check_cancellable (task, TRUE);
  g_task_set_task_data (task, g_strdup (wa_atlas_get_path (self->atlases[1])), g_free);
  g_task_run_in_thread (task, build_thread);
}

/* ---- opening ------------------------------------------------------------ */

static void
open_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(WaChangeLoader) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = wa_atlas_open_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (atlas == NULL)
    {
      fail (self, error->message);
      return;
    }
  set_slot (self, atlas);
  /* The window sets the atlas's rank method from the settings here. */
  g_signal_emit (self, signals[SIGNAL_ATLAS_OPENED], 0, atlas);
  load_next (self);
}

static void
open_missing (WaChangeLoader *self, guint slot)
{
  WaEdition edition = slot_edition (slot);
  g_autofree char *path = wa_pack_locator_find (edition);

  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("No %s data pack was found to compare with"),
                                                  wa_edition_to_string (edition));

      fail (self, message);
      return;
    }
  self->cancellable = g_cancellable_new ();
  wa_atlas_open_async (path, self->cancellable, open_done, g_object_ref (self));
}

static void
load_next (WaChangeLoader *self)
{
  if (self->change != NULL || self->cancellable != NULL)
    return;
  for (guint slot = 0; slot < 2; slot++)
    if (self->atlases[slot] == NULL)
      {
        open_missing (self, slot);
        return;
      }
  build (self);
}

void
wa_change_loader_load (WaChangeLoader *self)
{
  g_return_if_fail (WA_IS_CHANGE_LOADER (self));
  self->wanted = TRUE;
  load_next (self);
}

WaChange *
wa_change_loader_get_change (WaChangeLoader *self)
{
  g_return_val_if_fail (WA_IS_CHANGE_LOADER (self), NULL);
  return self->change;
}

gboolean
wa_change_loader_is_loading (WaChangeLoader *self)
{
  g_return_val_if_fail (WA_IS_CHANGE_LOADER (self), FALSE);
  return self->cancellable != NULL;
}

void
wa_change_loader_cancel (WaChangeLoader *self)
{
  g_return_if_fail (WA_IS_CHANGE_LOADER (self));
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->wanted = FALSE;
}

static void
wa_change_loader_dispose (GObject *object)
{
  WaChangeLoader *self = WA_CHANGE_LOADER (object);

  wa_change_loader_cancel (self);
  for (guint slot = 0; slot < 2; slot++)
    {
      if (self->atlases[slot] != NULL)
        g_signal_handlers_disconnect_by_data (self->atlases[slot], self);
      g_clear_object (&self->atlases[slot]);
    }
  g_clear_object (&self->change);
  G_OBJECT_CLASS (wa_change_loader_parent_class)->dispose (object);
}

static void
wa_change_loader_class_init (WaChangeLoaderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = wa_change_loader_dispose;
  signals[SIGNAL_ATLAS_OPENED] = g_signal_new ("atlas-opened", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, WA_TYPE_ATLAS);
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
wa_change_loader_init (WaChangeLoader *self)
{
}

WaChangeLoader *
wa_change_loader_new (void)
{
  return g_object_new (WA_TYPE_CHANGE_LOADER, NULL);
}
