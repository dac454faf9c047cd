/* wa-atlas.c: an opened data pack: the object, its lifetime and what it
 * answers from memory (wards, areas, places, geometry for a zoom). The
 * pack is read by wa-pack-reader.c, postcodes are looked up on disk by
 * wa-atlas-postcodes.c and the rank state is wa-atlas-ranks.c; all share
 * the struct in wa-atlas-private.h. */
#include <math.h>
#include <glib/gi18n-lib.h>

#include "wa-atlas.h"
#include "wa-asset-private.h"
#include "wa-atlas-private.h"
#include "wa-asset.h"
#include "wa-edition.h"
#include "wa-error.h"
#include "wa-geometry.h"
#include "wa-indicator.h"
#include "wa-rank-method.h"
#include "wa-spatial-index.h"
#include "wa-ward.h"

G_DEFINE_FINAL_TYPE (WaAtlas, wa_atlas, G_TYPE_OBJECT)

enum {
  RANKS_CHANGED,
  LOAD_FAILED,
  ASSETS_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- small structs ---------------------------------------------------- */

static void
source_info_free (gpointer data)
{
  WaSourceInfo *info = data;

  g_free (info->id);
  g_free (info->role);
  g_free (info->title);
  g_free (info->file);
  g_free (info->publisher);
  g_free (info->url);
  g_free (info->licence);
  g_free (info->attribution);
  g_free (info);
}

void
wa_atlas_area_free (gpointer data)
{
  WaArea *area = data;

  g_free (area->code);
  g_free (area->name);
  g_free (area->region_code);
  g_free (area->region_name);
  g_clear_pointer (&area->geometry, wa_geometry_unref);
  g_free (area);
}

/* Here rather than beside the whole pack's postcode lookup
 * (wa-atlas-postcodes.c, which reads through GDAL): the lazy model's hits
 * (wa-pack-query.c) are freed with it too, in a program without GDAL. */
void
wa_postcode_hit_free (WaPostcodeHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->postcode);
  g_free (hit);
}

static void
place_free (gpointer data)
{
  WaPlace *place = data;

  g_free (place->name);
  g_free (place->district);
  g_free (place);
}

static void
level_clear (gpointer data)
{
  WaGeometryLevel *level = data;

  g_clear_pointer (&level->geometries, g_ptr_array_unref);
  g_clear_pointer (&level->layer, g_free);
}

static GArray *
level_array_new (void)
{
  GArray *levels = g_array_new (FALSE, TRUE, sizeof (WaGeometryLevel));

  g_array_set_clear_func (levels, level_clear);
  return levels;
}


/* ---- GObject ------------------------------------------------------------ */

static void
wa_atlas_finalize (GObject *object)
{
  WaAtlas *self = WA_ATLAS (object);

  g_clear_object (&self->search);
  if (self->release_pack != NULL)
    self->release_pack (self);
  g_free (self->path);
  g_clear_pointer (&self->metadata, g_hash_table_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_object (&self->ward_list);
  g_clear_pointer (&self->wards, g_ptr_array_unref);
  g_clear_pointer (&self->ward_by_code, g_hash_table_unref);
  for (guint i = 0; i < WA_N_INDICATORS; i++)
    g_free (self->notes[i]);
  g_clear_pointer (&self->grid, wa_spatial_index_free);
  g_clear_pointer (&self->ward_levels, g_array_unref);
  for (guint k = 0; k < WA_ATLAS_N_AREA_KINDS; k++)
    {
      g_clear_pointer (&self->areas[k], g_ptr_array_unref);
      g_clear_pointer (&self->area_levels[k], g_array_unref);
    }
  g_clear_pointer (&self->places, g_ptr_array_unref);
  g_clear_pointer (&self->roads, wa_roads_free);
  g_clear_pointer (&self->lsoas, wa_lsoas_free);
  g_mutex_clear (&self->level_lock);
  g_mutex_clear (&self->assets_lock);
  g_cond_clear (&self->assets_ready);
  g_free (self->load_error);

  G_OBJECT_CLASS (wa_atlas_parent_class)->finalize (object);
}

static void
wa_atlas_class_init (WaAtlasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wa_atlas_finalize;

  /* Emitted after every ward's combined rank and classification changed. */
  signals[RANKS_CHANGED] = g_signal_new ("ranks-changed",
                                         G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);
  /* After a progressive open, when the assets could not be read: the pack
   * is refused (wa_atlas_open_progressive_async). The argument is the
   * message, naming the file and the problem. */
  signals[LOAD_FAILED] = g_signal_new ("load-failed",
                                       G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);
  /* After a progressive open, once the assets have been read (and are
   * from then on wa_atlas_assets_ready), in the main context the open was
   * started from: what was shown without them can now show them. */
  signals[ASSETS_READY] = g_signal_new ("assets-ready",
                                        G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
}

static void
wa_atlas_init (WaAtlas *self)
{
  self->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->sources = g_ptr_array_new_with_free_func (source_info_free);
  self->wards = g_ptr_array_new_with_free_func (g_object_unref);
  self->ward_list = wa_ward_list_new (self->wards);
  self->ward_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->ward_levels = level_array_new ();
  for (guint k = 0; k < WA_ATLAS_N_AREA_KINDS; k++)
    {
      self->areas[k] = g_ptr_array_new_with_free_func (wa_atlas_area_free);
      self->area_levels[k] = level_array_new ();
    }
  self->places = g_ptr_array_new_with_free_func (place_free);
  self->roads = wa_roads_new ();
  self->lsoas = wa_lsoas_new (0);
  g_mutex_init (&self->level_lock);
  g_mutex_init (&self->assets_lock);
  g_cond_init (&self->assets_ready);
  wa_bbox_init_empty (&self->extent);
  wa_rank_params_init (&self->rank_params);
}

void
wa_atlas_emit_ranks_changed (WaAtlas *self)
{
  g_signal_emit (self, signals[RANKS_CHANGED], 0);
}

WaAssets *
wa_atlas_get_assets (WaAtlas *self)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  /* Atomic reads are full barriers: once pending is seen cleared, so is
   * the assets pointer published before it. */
  if (g_atomic_int_get (&self->assets_pending))
    {
      g_mutex_lock (&self->assets_lock);
      /* Asked for: read them now if their read is still waiting. */
      self->assets_go = TRUE;
      g_cond_broadcast (&self->assets_ready);
      while (g_atomic_int_get (&self->assets_pending))
        g_cond_wait (&self->assets_ready, &self->assets_lock);
      g_mutex_unlock (&self->assets_lock);
    }
  return self->assets;
}

void
wa_atlas_start_assets (WaAtlas *self)
{
  g_return_if_fail (WA_IS_ATLAS (self));
  if (!g_atomic_int_get (&self->assets_pending))
    return;
  g_mutex_lock (&self->assets_lock);
  self->assets_go = TRUE;
  g_cond_broadcast (&self->assets_ready);
  g_mutex_unlock (&self->assets_lock);
}

void
wa_atlas_wait_for_assets_start (WaAtlas *self, gint64 timeout_us)
{
  gint64 end = g_get_monotonic_time () + timeout_us;

  g_mutex_lock (&self->assets_lock);
  while (!self->assets_go)
    if (!g_cond_wait_until (&self->assets_ready, &self->assets_lock, end))
      break;
  g_mutex_unlock (&self->assets_lock);
}

void
wa_atlas_publish_assets (WaAtlas *self, WaAssets *assets)
{
  g_mutex_lock (&self->assets_lock);
  self->assets = assets;
  g_atomic_int_set (&self->assets_pending, FALSE);
  g_cond_broadcast (&self->assets_ready);
  g_mutex_unlock (&self->assets_lock);
}

gboolean
wa_atlas_assets_ready (WaAtlas *self)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), FALSE);
  return !g_atomic_int_get (&self->assets_pending);
}

void
wa_atlas_emit_assets_ready (WaAtlas *self)
{
  g_signal_emit (self, signals[ASSETS_READY], 0);
}

void
wa_atlas_emit_load_failed (WaAtlas *self, const char *message)
{
  g_free (self->load_error);
  self->load_error = g_strdup (message);
  g_signal_emit (self, signals[LOAD_FAILED], 0, message);
}

const char *
wa_atlas_get_load_error (WaAtlas *self)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  return self->load_error;
}

/* ---- accessors ---------------------------------------------------------- */

const char *
wa_atlas_get_path (WaAtlas *self)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  return self->path;
}

WaEdition
wa_atlas_get_edition (WaAtlas *self)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), WA_EDITION_2019);
  return self->edition;
}

const char *
wa_atlas_get_metadata (WaAtlas    *self,
                       const char *key)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  return g_hash_table_lookup (self->metadata, key);
}

GPtrArray *
wa_atlas_get_sources (WaAtlas *self)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  return self->sources;
}

GStrv
wa_atlas_dup_attributions (WaAtlas *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  for (guint i = 0; i < self->sources->len; i++)
    {
      const WaSourceInfo *info = g_ptr_array_index (self->sources, i);

      if (info->attribution == NULL || *info->attribution == '\0'
          || !g_hash_table_add (seen, info->attribution))
        continue;
      g_strv_builder_add (builder, info->attribution);
    }
  return g_strv_builder_end (builder);
}

GListModel *
wa_atlas_get_wards (WaAtlas *self)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  return G_LIST_MODEL (self->ward_list);
}

guint
wa_atlas_get_n_wards (WaAtlas *self)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), 0);
  return self->wards->len;
}

WaWard *
wa_atlas_get_ward (WaAtlas *self,
                   guint    index)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  g_return_val_if_fail (index < self->wards->len, NULL);
  return g_ptr_array_index (self->wards, index);
}

WaWard *
wa_atlas_lookup_ward (WaAtlas    *self,
                      const char *code)
{
  g_autofree char *upper = NULL;
  WaWard *ward;

  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  if (code == NULL)
    return NULL;
  ward = g_hash_table_lookup (self->ward_by_code, code);
  if (ward != NULL)
    return ward;
  /* Codes typed by people: " e05000027 " */
  upper = g_ascii_strup (code, -1);
  return g_hash_table_lookup (self->ward_by_code, g_strstrip (upper));
}

guint
wa_atlas_get_n_ranked (WaAtlas     *self,
                       WaIndicator  indicator)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), 0);
  g_return_val_if_fail (indicator < WA_N_INDICATORS, 0);
  return self->n_ranked[indicator];
}

const char *
wa_atlas_get_indicator_note (WaAtlas     *self,
                             WaIndicator  indicator)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  g_return_val_if_fail (indicator < WA_N_INDICATORS, NULL);
  return self->notes[indicator];
}

WaWard *
wa_atlas_locate (WaAtlas *self,
                 double   lon,
                 double   lat)
{
  const guint *candidates;
  guint n = 0;

  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  if (!isfinite (lon) || !isfinite (lat) || !wa_bbox_contains (&self->extent, lon, lat))
    return NULL;
  candidates = wa_spatial_index_query_point (self->grid, lon, lat, &n);
  for (guint i = 0; i < n; i++)
    {
      WaWard *ward = g_ptr_array_index (self->wards, candidates[i]);
      WaGeometry *geometry = wa_ward_get_geometry (ward);

      if (wa_bbox_contains (wa_geometry_get_bbox (geometry), lon, lat)
          && wa_geometry_contains (geometry, lon, lat))
        return ward;
    }
  return NULL;
}

const WaBBox *
wa_atlas_get_extent (WaAtlas *self)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  return &self->extent;
}

/* Reads a level on first use (the caller's thread reads it). A level that cannot be read (the file
 * replaced or damaged since it was opened) is drawn at full detail, which
 * is the same map, more slowly; no figure comes from it. */
static gboolean
level_ready (WaAtlas *self, WaGeometryLevel *level)
{
  gint state = g_atomic_int_get (&level->state);

  if (state != WA_LEVEL_UNREAD)
    return state == WA_LEVEL_READY;
  /* A user interface's main loop never waits for a level another thread
   * is reading (under the sanitizers a read takes a second): the full
   * geometry serves this once. */
  if (g_main_context_is_owner (g_main_context_default ()))
    {
      if (!g_mutex_trylock (&self->level_lock))
        return FALSE;
    }
  else
    g_mutex_lock (&self->level_lock);
  if (g_atomic_int_get (&level->state) == WA_LEVEL_UNREAD)
    {
      g_autoptr(GError) error = NULL;
      /* A refused pack (its assets could not be read after a progressive
       * open) is dropped by whoever showed it: tiles still being drawn
       * from it read nothing more, and say nothing, though the file may
       * be gone. */
      gboolean ok = !g_atomic_int_get (&self->refused) && self->read_level != NULL
                    && self->read_level (self, level, &error);

      if (!ok && error != NULL)
        g_warning ("%s; zooms %d–%d are drawn at full detail", error->message,
                   level->min_zoom, level->max_zoom);
      g_atomic_int_set (&level->state, ok ? WA_LEVEL_READY : WA_LEVEL_FAILED);
    }
  g_mutex_unlock (&self->level_lock);
  return g_atomic_int_get (&level->state) == WA_LEVEL_READY;
}

/* The level serving zoom, read if need be, or NULL for the full geometry. */
static const WaGeometryLevel *
level_for_zoom (WaAtlas *self, GArray *levels, double zoom)
{
  for (guint i = 0; i < levels->len; i++)
    {
      WaGeometryLevel *level = &g_array_index (levels, WaGeometryLevel, i);
      if (zoom >= level->min_zoom && zoom < level->max_zoom + 1)
        return level_ready (self, level) ? level : NULL;
    }
  return NULL;
}

static void
read_ward_level_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  WaAtlas *self = source;

  g_task_return_boolean (task, level_for_zoom (self, self->ward_levels, *(double *) data) != NULL);
}

void
wa_atlas_read_ward_level_async (WaAtlas *self, double zoom, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (WA_IS_ATLAS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wa_atlas_read_ward_level_async);
  g_task_set_task_data (task, g_memdup2 (&zoom, sizeof zoom), g_free);
  g_task_run_in_thread (task, read_ward_level_in_thread);
}

gboolean
wa_atlas_read_ward_level_finish (WaAtlas *self, GAsyncResult *result)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), NULL);
}

WaGeometry *
wa_atlas_get_ward_geometry_for_zoom (WaAtlas *self,
                                     guint    ward_index,
                                     double   zoom)
{
  const WaGeometryLevel *level;

  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  g_return_val_if_fail (ward_index < self->wards->len, NULL);
  level = level_for_zoom (self, self->ward_levels, zoom);
  if (level != NULL && g_ptr_array_index (level->geometries, ward_index) != NULL)
    return g_ptr_array_index (level->geometries, ward_index);
  return wa_ward_get_geometry (g_ptr_array_index (self->wards, ward_index));
}

/* The least zoom drawing the same geometry of levels as zoom. */
static double
level_first_zoom (GArray *levels, double zoom)
{
  double above = -G_MAXDOUBLE;

  for (guint i = 0; i < levels->len; i++)
    {
      const WaGeometryLevel *level = &g_array_index (levels, WaGeometryLevel, i);

      if (zoom >= level->min_zoom && zoom < level->max_zoom + 1)
        return level->min_zoom;
      above = MAX (above, level->max_zoom + 1);
    }
  /* The full geometry: above every level, or in a gap between them. */
  return zoom >= above ? above : floor (zoom);
}

double
wa_atlas_get_ward_level_zoom (WaAtlas *self, double zoom)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), zoom);
  return level_first_zoom (self->ward_levels, zoom);
}

double
wa_atlas_get_area_level_zoom (WaAtlas *self, WaAreaKind kind, double zoom)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), zoom);
  g_return_val_if_fail (kind < WA_ATLAS_N_AREA_KINDS, zoom);
  return level_first_zoom (self->area_levels[kind], zoom);
}

WaGeometry *
wa_atlas_get_area_geometry_for_zoom (WaAtlas    *self,
                                     WaAreaKind  kind,
                                     guint       area_index,
                                     double      zoom)
{
  const WaGeometryLevel *level;

  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  g_return_val_if_fail (kind < WA_ATLAS_N_AREA_KINDS, NULL);
  g_return_val_if_fail (area_index < self->areas[kind]->len, NULL);
  level = level_for_zoom (self, self->area_levels[kind], zoom);
  if (level != NULL && g_ptr_array_index (level->geometries, area_index) != NULL)
    return g_ptr_array_index (level->geometries, area_index);
  return ((WaArea *) g_ptr_array_index (self->areas[kind], area_index))->geometry;
}

void
wa_atlas_query_wards (WaAtlas      *self,
                      const WaBBox *box,
                      GArray       *out_indices)
{
  g_return_if_fail (WA_IS_ATLAS (self));
  wa_spatial_index_query_box (self->grid, box, out_indices);
}

GPtrArray *
wa_atlas_get_areas (WaAtlas    *self,
                    WaAreaKind  kind)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  g_return_val_if_fail (kind < WA_ATLAS_N_AREA_KINDS, NULL);
  return self->areas[kind];
}

const WaArea *
wa_atlas_lookup_area (WaAtlas    *self,
                      WaAreaKind  kind,
                      const char *code)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  g_return_val_if_fail (kind < WA_ATLAS_N_AREA_KINDS, NULL);
  for (guint a = 0; code != NULL && a < self->areas[kind]->len; a++)
    {
      const WaArea *area = g_ptr_array_index (self->areas[kind], a);
      if (g_ascii_strcasecmp (area->code, code) == 0)
        return area;
    }
  return NULL;
}

WaLsoas *
wa_atlas_get_lsoas (WaAtlas *self)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  return self->lsoas;
}

WaGeometry *
wa_atlas_get_lsoa_geometry (WaAtlas *self, guint lsoa_index)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  return wa_lsoas_get_geometry (self->lsoas, lsoa_index);
}

void
wa_atlas_query_lsoas (WaAtlas *self, const WaBBox *box, GArray *out_indices)
{
  g_return_if_fail (WA_IS_ATLAS (self));
  wa_lsoas_query_box (self->lsoas, box, out_indices);
}

int
wa_atlas_locate_lsoa (WaAtlas *self, double lon, double lat)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), -1);
  return wa_lsoas_locate (self->lsoas, lon, lat);
}

static void
read_lsoa_geometry_in_thread (GTask *task, gpointer source, gpointer data,
                              GCancellable *cancellable)
{
  WaAtlas *self = source;
  GError *error = NULL;

  if (wa_lsoas_ensure_geometry (self->lsoas, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
wa_atlas_read_lsoa_geometry_async (WaAtlas *self, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (WA_IS_ATLAS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wa_atlas_read_lsoa_geometry_async);
  if (wa_lsoas_has_geometry (self->lsoas))
    g_task_return_boolean (task, TRUE);
  else
    g_task_run_in_thread (task, read_lsoa_geometry_in_thread);
}

gboolean
wa_atlas_read_lsoa_geometry_finish (WaAtlas *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

WaRoads *
wa_atlas_get_roads (WaAtlas *self)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  return self->roads;
}

GPtrArray *
wa_atlas_get_places (WaAtlas *self)
{
  g_return_val_if_fail (WA_IS_ATLAS (self), NULL);
  return self->places;
}
