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
#include "wa-pack.h"
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

/* by_edition (the front end's choice for each edition, or NULL): a
 * progressive open ranks by it, once; its stored ranks are then checked
 * with its assets, after the first frame (on the 10x pack a ranking and a
 * 74,000-row read that the launch no longer waits for). */
static gboolean
load_layers (WaAtlas *self, gboolean with_assets, const WaRankParams *by_edition, GError **error)
{
  gboolean stored_ranks;

  if (!wa_pack_reader_load (self, error))
    return FALSE;
  wa_atlas_assign_neighbourhood_shares (self);
  if (!wa_pack_reader_find_ward_ranks (self, &stored_ranks, error))
    return FALSE;
  if (!with_assets)
    {
      self->ranks_unchecked = stored_ranks;
      return wa_atlas_apply_ranks (self, by_edition != NULL ? &by_edition[self->edition] : NULL, error);
    }
  if (!wa_atlas_apply_default_ranks (self, error)
      || (stored_ranks && !wa_pack_reader_check_ward_ranks (self, TRUE, error)))
    return FALSE;
  self->assets = wa_assets_load (self, self->dataset, self->path, error);
  return self->assets != NULL;
}

/* Damage GDAL reports only as a message, or by reading a layer over and
 * over; FALSE with error set when either happened. */
static gboolean
check_gdal_damage (WaAtlas *self, gboolean ok, GError **error)
{
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

static gboolean
load (WaAtlas *self, gboolean with_assets, const WaRankParams *by_edition, GError **error)
{
  return check_gdal_damage (self, load_layers (self, with_assets, by_edition, error), error);
}

/* The whole pack, or (with_assets FALSE) all but its assets: then the
 * atlas waits for them (assets_pending) and is not yet stamped. */
static WaAtlas *
open_atlas (const char          *path,
            gboolean             with_assets,
            const WaRankParams  *by_edition,
            GError             **error)
{
  g_autoptr(WaAtlas) self = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  wa_gdal_init_geopackage ();
  self = g_object_new (WA_TYPE_ATLAS, NULL);
  self->path = g_strdup (path);
  self->release_pack = release_pack;
  if (!load (self, with_assets, by_edition, &local_error))
    {
      /* GDAL reports damage inside SQLite only when a table is read. */
      if (local_error == NULL)
        local_error = g_error_new (WA_ERROR, WA_ERROR_SCHEMA, _("%s: the pack is damaged: %s"),
                                   path, wa_gdal_last_message ());
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (!with_assets)
    {
      g_atomic_int_set (&self->assets_pending, TRUE);
      return g_steal_pointer (&self);
    }
  wa_pack_reader_stamp (self);
  return g_steal_pointer (&self);
}

WaAtlas *
wa_atlas_open (const char  *path,
               GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return open_atlas (path, TRUE, NULL, error);
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

/* ---- opening progressively -------------------------------------------------- */

typedef struct {
  char *path;
  GMainContext *context;   /* where "load-failed" is emitted */
  WaRankParams *by_edition;   /* WA_N_EDITIONS of them, or NULL */
} ProgressiveOpen;

static void
progressive_open_free (gpointer data)
{
  ProgressiveOpen *open = data;

  g_free (open->path);
  g_free (open->by_edition);
  g_main_context_unref (open->context);
  g_free (open);
}

/* When the front end has not said it has drawn its first frame
 * (wa_atlas_start_assets) by then, the assets are read anyway. */
#define ASSETS_START_AT_LATEST_US G_USEC_PER_SEC

typedef struct {
  WaAtlas *atlas;
  GMainContext *context;
  GCancellable *cancellable;
  char *message;
} AssetRead;

static void
asset_read_free (gpointer data)
{
  AssetRead *read = data;

  g_object_unref (read->atlas);
  g_main_context_unref (read->context);
  g_clear_object (&read->cancellable);
  g_free (read->message);
  g_free (read);
}

static gboolean
emit_outcome (gpointer data)
{
  AssetRead *read = data;

  if (read->message != NULL)
    wa_atlas_emit_load_failed (read->atlas, read->message);
  else
    wa_atlas_emit_assets_ready (read->atlas);
  return G_SOURCE_REMOVE;
}

/* Tells the main context the open was started from; takes read. */
static void
report (AssetRead *read)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_callback (source, emit_outcome, read, asset_read_free);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_attach (source, read->context);
}

/* The stored ranks checked, then the assets, read from the very file the
 * rest was read from, on a dataset of their own (the atlas's answers
 * postcode lookups on the main thread). */
static WaAssets *
read_assets (WaAtlas *self, GError **error)
{
  GError *local_error = NULL;
  WaAssets *assets = NULL;
  GDALDatasetH dataset;

  if (self->ranks_unchecked && !wa_pack_reader_check_ward_ranks (self, FALSE, error))
    return NULL;
  if ((dataset = wa_pack_reader_reopen (self, WA_PACK_LAYER_ASSETS, error)) == NULL)
    return NULL;
  wa_gdal_clear_message ();
  assets = wa_assets_load (self, dataset, self->path, &local_error);
  if (!check_gdal_damage (self, assets != NULL, &local_error))
    {
      g_clear_pointer (&assets, wa_assets_free);
      if (local_error == NULL)
        local_error = g_error_new (WA_ERROR, WA_ERROR_SCHEMA, _("%s: the pack is damaged: %s"),
                                   self->path, wa_gdal_last_message ());
      g_propagate_error (error, local_error);
    }
  GDALClose (dataset);
  return assets;
}

static gpointer
read_assets_thread (gpointer data)
{
  AssetRead *read = data;
  WaAtlas *self = read->atlas;
  g_autoptr(GError) error = NULL;
  WaAssets *assets = NULL;

  /* Not while the front end draws its first frame (wa_atlas_start_assets). */
  wa_atlas_wait_for_assets_start (self, ASSETS_START_AT_LATEST_US);
  /* A cancelled open's atlas is dropped unseen: nothing to read or tell. */
  if (g_cancellable_is_cancelled (read->cancellable))
    {
      wa_atlas_publish_assets (self, wa_assets_new_empty (self, self->path));
      asset_read_free (read);
      return NULL;
    }
  assets = read_assets (self, &error);
  if (assets != NULL)
    {
      /* Only now has the whole pack been read without an error. */
      wa_pack_reader_stamp (self);
      wa_atlas_publish_assets (self, assets);
    }
  else
    {
      /* Refused: no figure of it may be shown, so no coverage either. */
      g_atomic_int_set (&self->refused, TRUE);
      wa_atlas_publish_assets (self, wa_assets_new_empty (self, self->path));
      read->message = g_strdup (error->message);
    }
  report (read);
  return NULL;
}

static void
open_progressive_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ProgressiveOpen *open = data;
  GError *error = NULL;
  WaAtlas *atlas = open_atlas (open->path, FALSE, open->by_edition, &error);
  AssetRead *read;

  if (atlas == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  read = g_new0 (AssetRead, 1);
  read->atlas = g_object_ref (atlas);
  read->context = g_main_context_ref (open->context);
  read->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  /* A thread of its own: the task's callback runs only once this
   * function has returned. */
  g_thread_unref (g_thread_new ("wa-atlas-assets", read_assets_thread, read));
  g_task_return_pointer (task, atlas, g_object_unref);
}

void
wa_atlas_open_progressive_async (const char          *path,
                                 const WaRankParams  *by_edition,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ProgressiveOpen *open;

  g_return_if_fail (path != NULL);

  open = g_new0 (ProgressiveOpen, 1);
  open->path = g_strdup (path);
  open->context = g_main_context_ref_thread_default ();
  if (by_edition != NULL)
    open->by_edition = g_memdup2 (by_edition, WA_N_EDITIONS * sizeof *by_edition);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wa_atlas_open_progressive_async);
  g_task_set_task_data (task, open, progressive_open_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, open_progressive_in_thread);
}

WaAtlas *
wa_atlas_open_progressive_finish (GAsyncResult  *result,
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
