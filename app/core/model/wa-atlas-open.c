/* wa-atlas-open.c: wa_atlas_open () and its async form: a pack read in
 * full through GDAL. Apart from wa-atlas.c so that the WaAtlas type, which
 * the lazy queries (wa-pack-query.c) also build, references no GDAL: a
 * binary that only answers lazily then does not load libgdal. */
#include <gdal.h>
#include <glib/gi18n-lib.h>

#include "wa-atlas.h"
#include "wa-asset-private.h"
#include "wa-atlas-private.h"
#include "wa-error.h"
#include "wa-gdal-util.h"
#include "wa-pack-query.h"

/* What only a fully opened atlas holds: called from its finalize. */
static void
release_pack (WaAtlas *self)
{
  g_clear_pointer (&self->assets, wa_assets_free);
  if (self->dataset != NULL)
    GDALClose (self->dataset);
  self->dataset = NULL;
}

/* ---- opening ------------------------------------------------------------ */

static gboolean
load_layers (WaAtlas *self, GError **error)
{
  if (!wa_pack_reader_load (self, error))
    return FALSE;
  wa_atlas_assign_neighbourhood_shares (self);
  if (!wa_atlas_apply_default_ranks (self, error) || !wa_pack_reader_check_ward_ranks (self, error))
    return FALSE;
  self->assets = wa_assets_load (self, self->dataset, self->path, error);
  return self->assets != NULL;
}

static gboolean
load (WaAtlas *self, GError **error)
{
  gboolean ok = load_layers (self, error);
  g_autofree char *repeated = wa_gdal_take_repeated_layer ();

  if (ok && repeated != NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_SCHEMA,
                   _("%s: the pack is damaged: reading layer “%s” starts over again and again"),
                   self->path, repeated);
      return FALSE;
    }
  return ok;
}

WaAtlas *
wa_atlas_open (const char  *path,
               GError     **error)
{
  g_autoptr(WaAtlas) self = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  wa_gdal_init ();
  self = g_object_new (WA_TYPE_ATLAS, NULL);
  self->path = g_strdup (path);
  self->release_pack = release_pack;
  if (!load (self, &local_error))
    {
      /* GDAL reports damage inside SQLite only when a table is read. */
      if (local_error == NULL)
        local_error = g_error_new (WA_ERROR, WA_ERROR_SCHEMA, _("%s: the pack is damaged: %s"),
                                   path, wa_gdal_last_message ());
      g_propagate_error (error, local_error);
      return NULL;
    }
  wa_pack_reader_stamp (self);
  return g_steal_pointer (&self);
}

/* ---- opening in a worker thread ------------------------------------------ */

static void
open_in_thread (GTask *task, gpointer source, gpointer path, GCancellable *cancellable)
{
  GError *error = NULL;
  WaAtlas *atlas = wa_atlas_open (path, &error);

  if (atlas == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, atlas, g_object_unref);
}

void
wa_atlas_open_async (const char          *path,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wa_atlas_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  /* A cancelled open reports at once; the thread finishes reading and
   * drops what it read. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, open_in_thread);
}

WaAtlas *
wa_atlas_open_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Declared in wa-pack-query.h; here because the assets of a full atlas
 * are read through GDAL (wa-asset.c). */
void
wa_pack_summary_from_atlas (WaAtlas *atlas, WaPackSummary *out)
{
  GPtrArray *datasets = wa_assets_get_datasets (wa_atlas_get_assets (atlas));

  out->n_on_map = 0;
  for (guint i = 0; i < wa_atlas_get_n_wards (atlas); i++)
    out->n_on_map += wa_ward_get_geometry (wa_atlas_get_ward (atlas, i)) != NULL;
  out->n_places = wa_atlas_get_places (atlas)->len;
  out->n_lads = wa_atlas_get_areas (atlas, WA_AREA_LAD)->len;
  /* Borrowed from the atlas: no free function. */
  out->datasets = g_ptr_array_new ();
  for (guint i = 0; i < datasets->len; i++)
    g_ptr_array_add (out->datasets, g_ptr_array_index (datasets, i));
}
