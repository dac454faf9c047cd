/* wa-map-source.c
 *
 * libshumate asks for tiles on the main thread. We copy what the worker
 * needs out of the ShumateTile there, render with cairo on a pool thread,
 * and come back to the main thread to make the texture and mark the tile
 * done, because ShumateTile is not thread-safe.
 *
 * The pool has one thread per core and serves the newest request first:
 * while the user pans, the tiles now on screen matter more than those
 * asked for a moment ago, which the map layer will usually have cancelled.
 */
#include <glib/gi18n.h>

#include "wa-map-source.h"
#include "wa-tile-paintable.h"
#include "wa-tile-renderer.h"

struct _WaMapSource
{
  ShumateMapSource parent_instance;

  WaMapStyle *style;
  guint tile_scale;
  gboolean labels;
  GThreadPool *pool;
  guint n_pending;
  guint n_rendered;
};

G_DEFINE_FINAL_TYPE (WaMapSource, wa_map_source, SHUMATE_TYPE_MAP_SOURCE)

enum {
  SIGNAL_IDLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
static guint next_source_serial;

typedef struct {
  WaMapSource *source;          /* strong ref: the source outlives its jobs */
  WaMapStyle *style;            /* the source's when asked (wa_map_source_release_style) */
  ShumateTile *tile;            /* main thread only */
  GTask *task;
  GCancellable *cancellable;
  WaTileRequest request;
  guint64 serial;
  cairo_surface_t *surface;     /* result, NULL if cancelled */
} TileJob;

static void
tile_job_free (TileJob *job)
{
  g_clear_object (&job->tile);
  g_clear_object (&job->task);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->surface, cairo_surface_destroy);
  g_clear_object (&job->source);
  g_clear_pointer (&job->style, wa_map_style_unref);
  g_free (job);
}

static void
release_pending (WaMapSource *self)
{
  g_assert (self->n_pending > 0);
  self->n_pending--;
  if (self->n_pending == 0)
    g_signal_emit (self, signals[SIGNAL_IDLE], 0);
}

static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = NULL;

  cairo_surface_flush (surface);
  /* The texture keeps the surface's own pixels: no copy on the main
   * thread (a quarter of a megabyte a tile, 36 of them in a first view). */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));
  /* Tiles are opaque, so premultiplied and straight alpha are the same
   * bytes; the straight format composites faster with GTK 4.8's renderer. */
  return gdk_memory_texture_new (width, height,
                                 G_BYTE_ORDER == G_LITTLE_ENDIAN ? GDK_MEMORY_B8G8R8A8
                                                                 : GDK_MEMORY_A8R8G8B8,
                                 bytes, stride);
}

/* Main thread: hand the result to the tile, or report the cancellation. */
static gboolean
deliver_tile (gpointer data)
{
  TileJob *job = data;

  if (job->surface == NULL || g_cancellable_is_cancelled (job->cancellable))
    {
      g_task_return_new_error (job->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "Tile %u/%u/%u cancelled", job->request.zoom,
                               job->request.x, job->request.y);
    }
  else
    {
      g_autoptr(GdkTexture) texture = texture_from_surface (job->surface);
      g_autoptr(GdkPaintable) paintable = wa_tile_paintable_new (texture, job->request.bleed_px);

      shumate_tile_set_paintable (job->tile, paintable);
      shumate_tile_set_fade_in (job->tile, FALSE);
      shumate_tile_set_state (job->tile, SHUMATE_STATE_DONE);
      job->source->n_rendered++;
      g_task_return_boolean (job->task, TRUE);
    }
  release_pending (job->source);
  tile_job_free (job);
  return G_SOURCE_REMOVE;
}

/* Pool thread. */
static void
render_job (gpointer data, gpointer user_data)
{
  TileJob *job = data;

  if (!g_cancellable_is_cancelled (job->cancellable))
    job->surface = wa_tile_render_surface (job->style, &job->request, job->cancellable);
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, deliver_tile, job, NULL);
}

static int
newest_first (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const TileJob *ja = a, *jb = b;

  return ja->serial < jb->serial ? 1 : ja->serial > jb->serial ? -1 : 0;
}

static void
wa_map_source_fill_tile_async (ShumateMapSource    *source,
                               ShumateTile         *tile,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  WaMapSource *self = WA_MAP_SOURCE (source);
  static guint64 serial;
  TileJob *job;

  if (self->style == NULL)
    {
      g_task_report_new_error (self, callback, user_data, wa_map_source_fill_tile_async,
                               G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No data pack is open"));
      return;
    }
  job = g_new0 (TileJob, 1);
  job->source = g_object_ref (self);
  job->style = wa_map_style_ref (self->style);
  job->tile = g_object_ref (tile);
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, wa_map_source_fill_tile_async);
  job->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  job->request.zoom = shumate_tile_get_zoom_level (tile);
  job->request.x = shumate_tile_get_x (tile);
  job->request.y = shumate_tile_get_y (tile);
  job->request.size_px = 256 * self->tile_scale;
  job->request.labels = self->labels;
  job->request.bleed_px = WA_TILE_BLEED_PX;   /* no seams at fractional zooms */
  job->serial = ++serial;

  self->n_pending++;
  g_thread_pool_push (self->pool, job, NULL);
}

static gboolean
wa_map_source_fill_tile_finish (ShumateMapSource  *source,
                                GAsyncResult      *result,
                                GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
wa_map_source_finalize (GObject *object)
{
  WaMapSource *self = WA_MAP_SOURCE (object);

  /* Jobs hold a reference to the source, so the pool is empty by now. */
  g_thread_pool_free (self->pool, TRUE, TRUE);
  g_clear_pointer (&self->style, wa_map_style_unref);
  G_OBJECT_CLASS (wa_map_source_parent_class)->finalize (object);
}

static void
wa_map_source_class_init (WaMapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->finalize = wa_map_source_finalize;
  source_class->fill_tile_async = wa_map_source_fill_tile_async;
  source_class->fill_tile_finish = wa_map_source_fill_tile_finish;

  signals[SIGNAL_IDLE] = g_signal_new ("idle", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 0);
}

static void
wa_map_source_init (WaMapSource *self)
{
  self->pool = g_thread_pool_new (render_job, self, (int) g_get_num_processors (),
                                  FALSE, NULL);
  g_thread_pool_set_sort_function (self->pool, newest_first, NULL);
}

WaMapSource *
wa_map_source_new (WaMapStyle *style, guint tile_scale, gboolean labels)
{
  WaMapSource *self;
  g_autofree char *id = g_strdup_printf ("ward-atlas-%u", ++next_source_serial);
  ShumateMapSource *source;

  g_return_val_if_fail (style != NULL, NULL);

  self = g_object_new (WA_TYPE_MAP_SOURCE, NULL);
  self->style = wa_map_style_ref (style);
  self->tile_scale = CLAMP (tile_scale, 1, 2);
  self->labels = labels;

  source = SHUMATE_MAP_SOURCE (self);
  shumate_map_source_set_id (source, id);
  shumate_map_source_set_name (source, _("Ward Atlas"));
  shumate_map_source_set_min_zoom_level (source, 2);
  shumate_map_source_set_max_zoom_level (source, 18);
  shumate_map_source_set_tile_size (source, 256);
  shumate_map_source_set_projection (source, SHUMATE_MAP_PROJECTION_MERCATOR);
  return self;
}

void
wa_map_source_release_style (WaMapSource *self)
{
  g_return_if_fail (WA_IS_MAP_SOURCE (self));
  g_clear_pointer (&self->style, wa_map_style_unref);
}

WaMapStyle *
wa_map_source_get_style (WaMapSource *self)
{
  g_return_val_if_fail (WA_IS_MAP_SOURCE (self), NULL);
  return self->style;
}

guint
wa_map_source_get_n_pending (WaMapSource *self)
{
  g_return_val_if_fail (WA_IS_MAP_SOURCE (self), 0);
  return self->n_pending;
}

guint
wa_map_source_get_n_rendered (WaMapSource *self)
{
  g_return_val_if_fail (WA_IS_MAP_SOURCE (self), 0);
  return self->n_rendered;
}
